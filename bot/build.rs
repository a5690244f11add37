//! Embeds every `locales/<lang>/*.ftl` file into the library, so the binary carries its
//! texts and needs no files at run time.

use std::fmt::Write;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../locales");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    for lang in std::fs::read_dir(&root).expect("locales/ exists") {
        let lang = lang.expect("readable locales/").path();
        if !lang.is_dir() {
            continue;
        }
        println!("cargo:rerun-if-changed={}", lang.display());
        for file in std::fs::read_dir(&lang).expect("readable locale folder") {
            let file = file.expect("readable locale file").path();
            if file.extension().is_some_and(|e| e == "ftl") {
                println!("cargo:rerun-if-changed={}", file.display());
                files.push(file);
            }
        }
    }
    files.sort();
    let mut out = String::from(
        "/// (language, file name, Fluent source) of every embedded locale file.\npub static LOCALE_FILES: &[(&str, &str, &str)] = &[\n",
    );
    for file in files {
        let lang = file
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str())
            .expect("utf-8 name");
        let name = file
            .file_name()
            .and_then(|n| n.to_str())
            .expect("utf-8 name");
        let path = file.canonicalize().expect("canonical path");
        writeln!(
            out,
            "    ({lang:?}, {name:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("locale_files.rs");
    std::fs::write(dest, out).expect("write locale_files.rs");
}
