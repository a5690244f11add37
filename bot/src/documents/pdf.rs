//! The e-document as a one-page A4 PDF: localized sections (the user's language, then
//! Chinese), a QR code of the verify URL drawn as vector squares, and the signed payload with
//! its signature in small print so a paper copy can be checked too.
//!
//! The font is embedded whole (printpdf writes a ToUnicode map, so the text can be copied and
//! searched); it must cover every script used, hence a CJK font such as WenQuanYi Micro Hei.

use printpdf::{Color, IndirectFontRef, Mm, PdfDocument, PdfLayerReference, Rect, Rgb};
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

/// What goes on the page, already localized.
#[derive(Debug, Clone, Default)]
pub struct PdfText {
    /// The document's title in the PDF metadata.
    pub title: String,
    /// (heading, lines), in print order.
    pub sections: Vec<(String, Vec<String>)>,
    /// The URL the QR code holds.
    pub verify_url: String,
    /// Small print under the QR code (payload, signature, key fingerprint).
    pub small_print: Vec<String>,
}

const PAGE_W: f32 = 210.0;
const PAGE_H: f32 = 297.0;
const MARGIN: f32 = 20.0;
const PT_TO_MM: f32 = 0.3528;

pub fn render_attestation(font: &[u8], text: &PdfText) -> Result<Vec<u8>, PdfError> {
    let (doc, page, layer) = PdfDocument::new(&text.title, Mm(PAGE_W), Mm(PAGE_H), "page");
    let font = doc
        .add_external_font(font)
        .map_err(|e| PdfError::Font(e.to_string()))?;
    let layer = doc.get_page(page).get_layer(layer);
    let mut y = PAGE_H - MARGIN;
    for (heading, lines) in &text.sections {
        y = write_lines(&layer, &font, std::slice::from_ref(heading), 14.0, y);
        y = write_lines(&layer, &font, lines, 10.0, y - 1.0) - 4.0;
    }
    let qr_size = draw_qr(&layer, &text.verify_url, MARGIN, y)?;
    y -= qr_size + 3.0;
    y = write_lines(
        &layer,
        &font,
        std::slice::from_ref(&text.verify_url),
        9.0,
        y,
    );
    write_lines(&layer, &font, &text.small_print, 6.5, y - 2.0);
    doc.save_to_bytes()
        .map_err(|e| PdfError::Write(e.to_string()))
}

/// Writes wrapped lines from `top` down; returns where the next line would start.
fn write_lines(
    layer: &PdfLayerReference,
    font: &IndirectFontRef,
    lines: &[String],
    size_pt: f32,
    top: f32,
) -> f32 {
    let line_height = size_pt * PT_TO_MM * 1.45;
    let mut y = top;
    for line in lines {
        for piece in wrap(line, size_pt, PAGE_W - 2.0 * MARGIN) {
            y -= line_height;
            layer.use_text(piece, size_pt, Mm(MARGIN), Mm(y), font);
        }
    }
    y
}

/// Splits a line so that each piece fits `width_mm`, estimating glyph widths (full-width
/// for CJK, about half an em otherwise) and preferring breaks at spaces.
fn wrap(line: &str, size_pt: f32, width_mm: f32) -> Vec<String> {
    let em = size_pt * PT_TO_MM;
    let mut pieces = Vec::new();
    let mut current = String::new();
    let mut used = 0.0;
    for c in line.chars() {
        let w = if c as u32 >= 0x2E80 { em } else { em * 0.56 };
        if used + w > width_mm && !current.is_empty() {
            let cut = current
                .rfind(' ')
                .filter(|&i| i > current.len() / 2)
                .unwrap_or(current.len());
            let rest = current[cut..].trim_start().to_string();
            current.truncate(cut);
            pieces.push(std::mem::take(&mut current));
            used = rest
                .chars()
                .map(|c| if c as u32 >= 0x2E80 { em } else { em * 0.56 })
                .sum();
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
    const MODULE: f32 = 1.2;
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
}
