//! Link arguments for the phone library only (`cdylib`), not for the tests or the bindgen.
//!
//! Relative relocations (vtables, string tables, UniFFI's metadata pointers) were 0.43 MB of
//! the library as plain `.rela.dyn` entries; packed, they take a few kilobytes. Android has
//! read its own packed format since API 23 (minSdk is 24); glibc reads `DT_RELR` since 2.36.
fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    match (os.as_str(), env.as_str()) {
        ("android", _) => link_arg("-Wl,--pack-dyn-relocs=android"),
        ("linux", "gnu") => link_arg("-Wl,-z,pack-relative-relocs"),
        _ => {}
    }
}

fn link_arg(arg: &str) {
    println!("cargo:rustc-cdylib-link-arg={arg}");
}
