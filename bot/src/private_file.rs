//! Files only their owner may read (0600 on Unix), written whole: the service's keys (the
//! e-document signing key, the data keys). A process starting at the same moment as another
//! either sees no file or the complete one, never half of it.

use std::path::Path;

/// Creates `path` with `text` unless it exists (then `ErrorKind::AlreadyExists`, and the
/// file is left as it is): written under another name, then linked into place, so the
/// first of several processes creating it at once wins. Creates the folder when missing.
pub fn create_new(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = temporary_beside(path);
    write_private(&tmp, text)?;
    let linked = std::fs::hard_link(&tmp, path);
    let _ = std::fs::remove_file(&tmp);
    linked
}

/// Replaces `path` with `text`, written under another name and renamed into place.
pub fn replace(path: &Path, text: &str) -> std::io::Result<()> {
    let tmp = temporary_beside(path);
    write_private(&tmp, text)?;
    std::fs::rename(&tmp, path)
}

fn temporary_beside(path: &Path) -> std::path::PathBuf {
    path.with_extension(format!("tmp-{}", uuid::Uuid::new_v4().simple()))
}

#[cfg(unix)]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(text.as_bytes())
}

#[cfg(not(unix))]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    std::fs::write(path, text)
}
