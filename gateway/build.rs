//! Records the git commit the binary is built from (`visadesk --version`, the
//! `visadesk_build_info` metric, the start-up log) as `VISADESK_GIT_COMMIT`: the short hash
//! from `git rev-parse`, or "unknown" when there is no git or no repository (a source
//! tarball, a Docker build context without `.git`). `VISADESK_GIT_COMMIT` set in the build's
//! environment wins, for builds that know the commit some other way.

use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let output = Command::new("git").args(args).output().ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    (output.status.success() && !text.trim().is_empty()).then(|| text.trim().to_string())
}

fn main() {
    println!("cargo:rerun-if-env-changed=VISADESK_GIT_COMMIT");
    let commit = std::env::var("VISADESK_GIT_COMMIT")
        .ok()
        .filter(|c| !c.trim().is_empty())
        .or_else(|| git(&["rev-parse", "--short=12", "HEAD"]))
        .unwrap_or_else(|| "unknown".into());
    // Built again when HEAD moves (a commit, a checkout), and only then.
    for path in ["HEAD", "logs/HEAD"] {
        if let Some(file) = git(&["rev-parse", "--path-format=absolute", "--git-path", path])
            && std::path::Path::new(&file).exists()
        {
            println!("cargo:rerun-if-changed={file}");
        }
    }
    println!("cargo:rustc-env=VISADESK_GIT_COMMIT={commit}");
}
