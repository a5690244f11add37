//! The e-document as a one-page A4 PDF: the issuer and the title in the user's language and
//! Chinese, a table of the attested values (each label in both languages), the statement, a
//! QR code of the verify URL drawn as vector squares, and the signed payload with its
//! signature in small print so a paper copy can be checked too.
//!
//! printpdf draws the page and embeds the font as a subset (with a ToUnicode map, so text can
//! be copied and searched); `finish` then fixes what printpdf writes wrongly or not at all:
//! the Title as a UTF-16 text string, `/Lang`, no PDF/X claim (printpdf declares PDF/X-3
//! with an output intent by default, which this file does not meet), a subset tag on the
//! font's real name (printpdf calls it `F0`), PDF 1.7, and the structure tree. printpdf
//! cannot write a structure tree, so every piece of text and the QR code are wrapped in
//! marked content here (`BDC` with an MCID, or `/Artifact` for rules) and `finish` builds the
//! tree (Document, H1, Table/TR/TH/TD, P, Figure with its alternative text, `/Lang` on the
//! Chinese elements) and the parent tree from what was recorded. What printpdf does not
//! allow, so the file is tagged but does not claim PDF/UA: no XMP metadata stream (printpdf's
//! own would claim PDF/X or PDF/A, so none is written, and PDF/UA needs one naming it), the
//! page's content sits inside the optional-content layer printpdf always adds, and there is
//! no `/ActualText` or role map.

use printpdf::lopdf::content::Operation;
use printpdf::lopdf::{self, Dictionary, Object, ObjectId, StringFormat};
use printpdf::{
    Color, CustomPdfConformance, IndirectFontRef, Mm, PdfConformance, PdfDocument,
    PdfLayerReference, Rect, Rgb,
};
use qrcode::QrCode;

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("font: {0}")]
    Font(String),
    #[error("QR code: {0}")]
    Qr(String),
    #[error("PDF: {0}")]
    Write(String),
}

/// One row of the table: the label in each language (the user's first) and the value.
#[derive(Debug, Clone, Default)]
pub struct TableRow {
    pub labels: Vec<String>,
    pub value: String,
}

/// What goes on the page, already localized.
#[derive(Debug, Clone, Default)]
pub struct PdfText {
    /// The document's title in the PDF metadata (the user's language).
    pub title: String,
    /// The main language as a BCP 47 tag (`ru`, `zh-CN`): the catalog's `/Lang`.
    pub lang: String,
    /// The other language on the page (Chinese), for the elements printed in it.
    pub second_lang: Option<String>,
    /// The issuer's name, then the title, each in the user's language then Chinese.
    pub issuer: Vec<String>,
    pub headings: Vec<String>,
    pub rows: Vec<TableRow>,
    /// The statement, one paragraph per language.
    pub statement: Vec<String>,
    /// How to check the document, one paragraph per language.
    pub verify_hint: Vec<String>,
    /// The URL the QR code holds, printed beside it.
    pub verify_url: String,
    /// The QR code's alternative text.
    pub qr_alt: String,
    /// Small print at the foot (the signed payload and the signature).
    pub small_print: Vec<String>,
}

const PAGE_W: f32 = 210.0;
const PAGE_H: f32 = 297.0;
const MARGIN: f32 = 18.0;
const PT_TO_MM: f32 = 0.3528;
const LABEL_W: f32 = 62.0;

/// A structure element recorded while drawing: its role, the marked-content ids that hold
/// its text, and its children.
#[derive(Debug, Default)]
struct Node {
    role: &'static str,
    mcids: Vec<i64>,
    alt: Option<String>,
    lang: Option<String>,
    children: Vec<Node>,
}

impl Node {
    fn new(role: &'static str) -> Node {
        Node {
            role,
            ..Node::default()
        }
    }
}

/// Draws text and shapes as tagged marked content.
struct Painter<'a> {
    layer: PdfLayerReference,
    font: &'a IndirectFontRef,
    next_mcid: i64,
    /// The language of every second text of a pair (Chinese), when it is not the document's.
    second_lang: Option<String>,
}

impl Painter<'_> {
    /// One text per language (the document's first), each its own element of `role` under
    /// `parent`, `gap` apart; returns where the next line would start.
    #[allow(clippy::too_many_arguments)]
    fn per_language(
        &mut self,
        parent: &mut Node,
        role: &'static str,
        texts: &[String],
        size_pt: f32,
        x: f32,
        width: f32,
        top: f32,
        gap: f32,
    ) -> f32 {
        let mut y = top;
        for (i, text) in texts.iter().enumerate() {
            let (mcid, next) = self.paragraph(role, text, size_pt, x, width, y);
            let lang = if i == 0 {
                None
            } else {
                self.second_lang.clone()
            };
            parent.children.push(Node {
                role,
                mcids: vec![mcid],
                lang,
                ..Node::default()
            });
            y = next - gap;
        }
        y
    }

    /// Opens a marked-content sequence for a structure element of `role`; returns its MCID.
    fn begin(&mut self, role: &str) -> i64 {
        let mcid = self.next_mcid;
        self.next_mcid += 1;
        self.layer.add_operation(Operation::new(
            "BDC",
            vec![
                Object::Name(role.as_bytes().to_vec()),
                Object::Dictionary(Dictionary::from_iter(vec![("MCID", Object::Integer(mcid))])),
            ],
        ));
        mcid
    }

    fn end(&self) {
        self.layer.add_operation(Operation::new("EMC", vec![]));
    }

    /// Writes `text` wrapped to `width` from `top` down, as one marked-content sequence of
    /// `role`; returns its MCID and where the next line would start.
    fn paragraph(
        &mut self,
        role: &str,
        text: &str,
        size_pt: f32,
        x: f32,
        width: f32,
        top: f32,
    ) -> (i64, f32) {
        let line_height = size_pt * PT_TO_MM * 1.4;
        let mcid = self.begin(role);
        let mut y = top;
        for piece in wrap(text, size_pt, width) {
            y -= line_height;
            self.layer.use_text(piece, size_pt, Mm(x), Mm(y), self.font);
        }
        self.end();
        (mcid, y)
    }

    /// A thin horizontal rule, marked as an artifact (decoration, not content).
    fn rule(&self, y: f32, weight: f32, grey: f32) {
        self.layer.add_operation(Operation::new(
            "BMC",
            vec![Object::Name(b"Artifact".to_vec())],
        ));
        self.layer
            .set_fill_color(Color::Rgb(Rgb::new(grey, grey, grey, None)));
        self.layer.add_rect(Rect::new(
            Mm(MARGIN),
            Mm(y - weight),
            Mm(PAGE_W - MARGIN),
            Mm(y),
        ));
        self.layer
            .set_fill_color(Color::Rgb(Rgb::new(0.0, 0.0, 0.0, None)));
        self.end();
    }
}

pub fn render_attestation(font_file: &[u8], text: &PdfText) -> Result<Vec<u8>, PdfError> {
    let (doc, page, layer) = PdfDocument::new(&text.title, Mm(PAGE_W), Mm(PAGE_H), "page");
    let doc = doc
        .with_conformance(PdfConformance::Custom(CustomPdfConformance {
            identifier: String::new(),
            requires_icc_profile: false,
            requires_xmp_metadata: false,
            ..CustomPdfConformance::default()
        }))
        .with_creator("visadesk")
        .with_producer("visadesk (printpdf)");
    let font = doc
        .add_external_font(font_file)
        .map_err(|e| PdfError::Font(e.to_string()))?;
    let mut painter = Painter {
        layer: doc.get_page(page).get_layer(layer),
        font: &font,
        next_mcid: 0,
        second_lang: text.second_lang.clone(),
    };
    let full = PAGE_W - 2.0 * MARGIN;
    let mut root = Node::new("Document");
    let mut y = PAGE_H - MARGIN + 2.0;
    y = painter.per_language(&mut root, "P", &text.issuer, 13.0, MARGIN, full, y, 0.5);
    y = painter.per_language(
        &mut root,
        "H1",
        &text.headings,
        15.0,
        MARGIN,
        full,
        y - 1.5,
        0.5,
    );
    y -= 2.5;
    painter.rule(y, 0.6, 0.0);
    y -= 1.0;

    let mut table = Node::new("Table");
    for row in &text.rows {
        let top = y - 1.2;
        let mut th = Node::new("TH");
        let label_y = painter.per_language(
            &mut th,
            "Span",
            &row.labels,
            8.5,
            MARGIN,
            LABEL_W - 3.0,
            top,
            0.0,
        );
        let mut td = Node::new("TD");
        let (mcid, value_y) = painter.paragraph(
            "TD",
            &row.value,
            11.0,
            MARGIN + LABEL_W,
            full - LABEL_W,
            top - 0.3,
        );
        td.mcids.push(mcid);
        let mut tr = Node::new("TR");
        tr.children.extend([th, td]);
        table.children.push(tr);
        y = label_y.min(value_y) - 1.8;
        painter.rule(y, 0.2, 0.6);
    }
    root.children.push(table);
    y = painter.per_language(
        &mut root,
        "P",
        &text.statement,
        9.5,
        MARGIN,
        full,
        y - 3.0,
        1.5,
    );
    y -= 2.0;

    let figure = painter.begin("Figure");
    let qr_size = draw_qr(&painter.layer, &text.verify_url, MARGIN - 4.0, y)?;
    painter.end();
    root.children.push(Node {
        role: "Figure",
        mcids: vec![figure],
        alt: Some(text.qr_alt.clone()),
        ..Node::default()
    });
    let beside = MARGIN + qr_size - 4.0;
    let beside_w = PAGE_W - MARGIN - beside;
    let hint_y = painter.per_language(
        &mut root,
        "P",
        &text.verify_hint,
        9.0,
        beside,
        beside_w,
        y - 4.0,
        1.5,
    );
    let next = painter.per_language(
        &mut root,
        "P",
        std::slice::from_ref(&text.verify_url),
        9.5,
        beside,
        beside_w,
        hint_y,
        0.0,
    );
    y = (y - qr_size).min(next) - 2.0;
    // The small print is all in the document's language: one element per line.
    for line in &text.small_print {
        y = painter.per_language(
            &mut root,
            "P",
            std::slice::from_ref(line),
            6.0,
            MARGIN,
            full,
            y,
            0.8,
        );
    }
    if y < MARGIN / 2.0 {
        return Err(PdfError::Write(format!(
            "the content runs {:.0} mm past the page's foot",
            MARGIN / 2.0 - y
        )));
    }
    let bytes = doc
        .save_to_bytes()
        .map_err(|e| PdfError::Write(e.to_string()))?;
    finish(&bytes, text, &root, font_name(font_file).as_deref())
        .map_err(|e| PdfError::Write(e.to_string()))
}

/// Fixes the metadata printpdf writes and adds the structure tree (see the module comment).
fn finish(
    bytes: &[u8],
    text: &PdfText,
    root: &Node,
    font_name: Option<&str>,
) -> Result<Vec<u8>, lopdf::Error> {
    let mut doc = lopdf::Document::load_mem(bytes)?;
    let info_id = doc.trailer.get(b"Info")?.as_reference()?;
    let catalog_id = doc.trailer.get(b"Root")?.as_reference()?;
    let page_id = *doc
        .get_pages()
        .values()
        .next()
        .ok_or(lopdf::Error::PageNumberNotFound(1))?;

    let info = doc.get_object_mut(info_id)?.as_dict_mut()?;
    for empty in [
        "GTS_PDFXVersion".as_bytes(),
        b"Identifier",
        b"Keywords",
        b"Subject",
        b"Author",
        b"Trapped",
    ] {
        info.remove(empty);
    }
    info.set("Title", text_string(&text.title));

    // The subset tag: six capitals from a digest of the embedded subset.
    let mut font_program = Vec::new();
    for object in doc.objects.values() {
        if let Object::Stream(stream) = object
            && stream.dict.has(b"Length1")
        {
            font_program.extend_from_slice(&stream.content);
        }
    }
    let digest = {
        use sha2::Digest as _;
        sha2::Sha256::digest(&font_program)
    };
    let tag: String = digest[..6]
        .iter()
        .map(|b| (b'A' + b % 26) as char)
        .collect();
    let name = format!("{tag}+{}", font_name.unwrap_or("CJKFont"));
    for object in doc.objects.values_mut() {
        if let Object::Dictionary(dict) = object {
            rename_font(dict, &name);
        }
    }

    // The structure tree: one element per node, the parent tree maps each MCID to its element.
    let tree_id = doc.new_object_id();
    let mut by_mcid: Vec<(i64, ObjectId)> = Vec::new();
    let document = add_element(&mut doc, root, tree_id, page_id, &mut by_mcid);
    by_mcid.sort();
    let parent_tree = doc.add_object(Dictionary::from_iter(vec![(
        "Nums",
        Object::Array(vec![
            Object::Integer(0),
            Object::Array(
                by_mcid
                    .into_iter()
                    .map(|(_, id)| Object::Reference(id))
                    .collect(),
            ),
        ]),
    )]));
    doc.objects.insert(
        tree_id,
        Object::Dictionary(Dictionary::from_iter(vec![
            ("Type", Object::Name(b"StructTreeRoot".to_vec())),
            ("K", Object::Reference(document)),
            ("ParentTree", Object::Reference(parent_tree)),
            ("ParentTreeNextKey", Object::Integer(1)),
        ])),
    );
    let page = doc.get_object_mut(page_id)?.as_dict_mut()?;
    page.set("StructParents", Object::Integer(0));
    page.set("Tabs", Object::Name(b"S".to_vec()));

    let catalog = doc.get_object_mut(catalog_id)?.as_dict_mut()?;
    catalog.remove(b"OutputIntents");
    catalog.set("Lang", Object::string_literal(text.lang.clone()));
    catalog.set(
        "MarkInfo",
        Dictionary::from_iter(vec![("Marked", Object::Boolean(true))]),
    );
    catalog.set("StructTreeRoot", Object::Reference(tree_id));
    catalog.set(
        "ViewerPreferences",
        Dictionary::from_iter(vec![("DisplayDocTitle", Object::Boolean(true))]),
    );
    // printpdf says 1.3; `/Lang` and `/MarkInfo` are PDF 1.4 and later.
    doc.version = "1.7".to_string();
    doc.compress();
    let mut out = Vec::new();
    doc.save_to(&mut out).map_err(lopdf::Error::IO)?;
    Ok(out)
}

/// Adds `node` (and its children) under `parent`; returns its object id.
fn add_element(
    doc: &mut lopdf::Document,
    node: &Node,
    parent: ObjectId,
    page: ObjectId,
    by_mcid: &mut Vec<(i64, ObjectId)>,
) -> ObjectId {
    let id = doc.new_object_id();
    let mut kids: Vec<Object> = node.mcids.iter().map(|m| Object::Integer(*m)).collect();
    for mcid in &node.mcids {
        by_mcid.push((*mcid, id));
    }
    for child in &node.children {
        kids.push(Object::Reference(add_element(
            doc, child, id, page, by_mcid,
        )));
    }
    let mut dict = Dictionary::from_iter(vec![
        ("Type", Object::Name(b"StructElem".to_vec())),
        ("S", Object::Name(node.role.as_bytes().to_vec())),
        ("P", Object::Reference(parent)),
        ("Pg", Object::Reference(page)),
        ("K", Object::Array(kids)),
    ]);
    if let Some(alt) = &node.alt {
        dict.set("Alt", text_string(alt));
    }
    if let Some(lang) = &node.lang {
        dict.set("Lang", Object::string_literal(lang.clone()));
    }
    doc.objects.insert(id, Object::Dictionary(dict));
    id
}

/// Gives printpdf's fonts (named `F0`, not after the font) their real name with the subset tag.
fn rename_font(dict: &mut Dictionary, name: &str) {
    let is = |d: &Dictionary, key: &[u8], value: &[u8]| {
        d.get(key)
            .ok()
            .and_then(|o| o.as_name().ok())
            .is_some_and(|n| n == value)
    };
    if is(dict, b"Type", b"Font")
        && (is(dict, b"Subtype", b"Type0") || is(dict, b"Subtype", b"CIDFontType2"))
    {
        dict.set("BaseFont", Object::Name(name.as_bytes().to_vec()));
    }
    if is(dict, b"Type", b"FontDescriptor") {
        dict.set("FontName", Object::Name(name.as_bytes().to_vec()));
    }
    let nested: Vec<Vec<u8>> = dict.iter().map(|(k, _)| k.clone()).collect();
    for key in nested {
        match dict.get_mut(&key) {
            Ok(Object::Dictionary(inner)) => rename_font(inner, name),
            Ok(Object::Array(items)) => {
                for item in items {
                    if let Object::Dictionary(inner) = item {
                        rename_font(inner, name);
                    }
                }
            }
            _ => {}
        }
    }
}

/// A PDF text string: PDFDocEncoding-compatible ASCII as is, anything else as UTF-16BE with
/// its byte order mark (PDF 32000-1, 7.9.2.2).
fn text_string(text: &str) -> Object {
    if text.is_ascii() {
        return Object::string_literal(text);
    }
    let mut bytes = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// The PostScript name (name id 6) of the first font in a TrueType/OpenType file or
/// collection, with only the characters a PDF name keeps plainly.
pub fn font_name(font: &[u8]) -> Option<String> {
    let be16 = |at: usize| -> Option<usize> {
        Some(u16::from_be_bytes(font.get(at..at + 2)?.try_into().ok()?) as usize)
    };
    let be32 = |at: usize| -> Option<usize> {
        Some(u32::from_be_bytes(font.get(at..at + 4)?.try_into().ok()?) as usize)
    };
    let start = if font.get(..4)? == b"ttcf" {
        be32(12)?
    } else {
        0
    };
    let tables = be16(start + 4)?;
    let name_table = (0..tables)
        .map(|i| start + 12 + i * 16)
        .find(|&at| font.get(at..at + 4) == Some(b"name"))
        .and_then(|at| be32(at + 8))?;
    let count = be16(name_table + 2)?;
    let strings = name_table + be16(name_table + 4)?;
    for i in 0..count {
        let record = name_table + 6 + i * 12;
        let (platform, name_id) = (be16(record)?, be16(record + 6)?);
        if name_id != 6 {
            continue;
        }
        let (length, offset) = (be16(record + 8)?, be16(record + 10)?);
        let raw = font.get(strings + offset..strings + offset + length)?;
        let name: String = if platform == 1 {
            raw.iter().map(|&b| b as char).collect()
        } else {
            let units: Vec<u16> = raw
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        };
        let name: String = name
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        if !name.is_empty() {
            return Some(name);
        }
    }
    None
}

/// Splits a line so that each piece fits `width_mm`, estimating glyph widths (full-width
/// for CJK, about half an em otherwise) and preferring breaks at spaces.
fn wrap(line: &str, size_pt: f32, width_mm: f32) -> Vec<String> {
    let em = size_pt * PT_TO_MM;
    let width_of = |c: char| if c as u32 >= 0x2E80 { em } else { em * 0.56 };
    let mut pieces = Vec::new();
    let mut current = String::new();
    let mut used = 0.0;
    for c in line.chars() {
        let w = width_of(c);
        if used + w > width_mm && !current.is_empty() {
            let cut = current
                .rfind(' ')
                .filter(|&i| i > current.len() / 2)
                .unwrap_or(current.len());
            let rest = current[cut..].trim_start().to_string();
            current.truncate(cut);
            pieces.push(std::mem::take(&mut current));
            used = rest.chars().map(width_of).sum();
            current = rest;
        }
        current.push(c);
        used += w;
    }
    if !current.is_empty() || pieces.is_empty() {
        pieces.push(current);
    }
    pieces
}

/// Draws the QR code with its top-left corner at (`left`, `top`); returns its size in mm.
/// Dark modules of a row are merged into one rectangle per run.
fn draw_qr(layer: &PdfLayerReference, data: &str, left: f32, top: f32) -> Result<f32, PdfError> {
    let code = QrCode::new(data.as_bytes()).map_err(|e| PdfError::Qr(e.to_string()))?;
    let width = code.width();
    let colors = code.to_colors();
    const MODULE: f32 = 1.1;
    const QUIET: usize = 4;
    let size = (width + 2 * QUIET) as f32 * MODULE;
    layer.set_fill_color(Color::Rgb(Rgb::new(0.0, 0.0, 0.0, None)));
    for row in 0..width {
        let mut col = 0;
        while col < width {
            if colors[row * width + col] != qrcode::Color::Dark {
                col += 1;
                continue;
            }
            let start = col;
            while col < width && colors[row * width + col] == qrcode::Color::Dark {
                col += 1;
            }
            let x0 = left + (start + QUIET) as f32 * MODULE;
            let x1 = left + (col + QUIET) as f32 * MODULE;
            let y1 = top - (row + QUIET) as f32 * MODULE;
            layer.add_rect(Rect::new(Mm(x0), Mm(y1 - MODULE), Mm(x1), Mm(y1)));
        }
    }
    Ok(size)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_wrap_and_short_ones_stay() {
        assert_eq!(wrap("short", 10.0, 170.0), vec!["short".to_string()]);
        let long = "word ".repeat(60);
        let pieces = wrap(&long, 10.0, 170.0);
        assert!(pieces.len() > 1);
        assert_eq!(
            pieces.join(" ").split_whitespace().count(),
            long.split_whitespace().count()
        );
        let chinese = "中".repeat(80);
        assert!(wrap(&chinese, 10.0, 170.0).len() >= 2);
    }

    #[test]
    fn titles_outside_ascii_are_utf16_with_a_byte_order_mark() {
        let Object::String(ascii, _) = text_string("Title") else {
            panic!("a string");
        };
        assert_eq!(ascii, b"Title");
        let Object::String(bytes, _) = text_string("Справка 证明") else {
            panic!("a string");
        };
        assert_eq!(&bytes[..4], &[0xFE, 0xFF, 0x04, 0x21]);
    }
}
