//! Locating the shared data directory (barcode photos) from any worktree: the env var
//! PUSKESOS_SHARED_DATA, else a `shared/data` directory beside some ancestor of the crate.

#![allow(dead_code)]

use std::path::PathBuf;

pub fn shared_data() -> PathBuf {
    if let Ok(p) = std::env::var("PUSKESOS_SHARED_DATA") {
        let p = PathBuf::from(p);
        assert!(
            p.is_dir(),
            "PUSKESOS_SHARED_DATA={} is not a directory",
            p.display()
        );
        return p;
    }
    let start = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    for dir in start.ancestors() {
        let candidate = dir.join("shared").join("data");
        if candidate.is_dir() {
            return candidate;
        }
    }
    panic!(
        "shared data not found: set PUSKESOS_SHARED_DATA or put shared/data beside an ancestor of {}",
        start.display()
    );
}

/// The images of one zxing-blackbox folder with their expected text, sorted by name.
pub fn blackbox_folder(name: &str) -> Vec<(PathBuf, String)> {
    let dir = shared_data()
        .join("barcodes")
        .join("zxing-blackbox")
        .join(name);
    let mut out = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        let ext = p
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        if ext != "png" && ext != "jpg" && ext != "jpeg" {
            continue;
        }
        let txt = p.with_extension("txt");
        if let Ok(expected) = std::fs::read(&txt) {
            out.push((p, String::from_utf8_lossy(&expected).into_owned()));
        }
    }
    out
}
