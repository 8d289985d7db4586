//! Compiles SQLite3 Multiple Ciphers into `$OUT_DIR/libsqlite3.a` (see src/lib.rs for how
//! libsqlite3-sys then links it).
//!
//! The options are those of libsqlite3-sys 0.35's `bundled` build, which the workspace used
//! before, then `LIBSQLITE3_FLAGS` from `.cargo/config.toml` (the project's trims, read the
//! same way libsqlite3-sys read them), then SQLite3MC's: ChaCha20-Poly1305 only, no AES
//! hardware paths (no other cipher uses AES), no bundled extensions (none is enabled unless
//! asked for with SQLITE_ENABLE_*).

use std::env;
use std::path::{Path, PathBuf};

/// libsqlite3-sys 0.35 `bundled` (build.rs, `build_bundled::main`).
const BUNDLED_FLAGS: &[&str] = &[
    "-DSQLITE_CORE",
    "-DSQLITE_DEFAULT_FOREIGN_KEYS=1",
    "-DSQLITE_ENABLE_API_ARMOR",
    "-DSQLITE_ENABLE_COLUMN_METADATA",
    "-DSQLITE_ENABLE_DBSTAT_VTAB",
    "-DSQLITE_ENABLE_FTS3",
    "-DSQLITE_ENABLE_FTS3_PARENTHESIS",
    "-DSQLITE_ENABLE_FTS5",
    "-DSQLITE_ENABLE_JSON1",
    "-DSQLITE_ENABLE_LOAD_EXTENSION=1",
    "-DSQLITE_ENABLE_MEMORY_MANAGEMENT",
    "-DSQLITE_ENABLE_RTREE",
    "-DSQLITE_ENABLE_STAT4",
    "-DSQLITE_SOUNDEX",
    "-DSQLITE_THREADSAFE=1",
    "-DSQLITE_USE_URI",
    "-DHAVE_USLEEP=1",
    "-DHAVE_ISNAN",
    "-D_POSIX_THREAD_SAFE_FUNCTIONS",
];

/// SQLite3MC: the one cipher the store uses (`PRAGMA cipher` defaults to it), nothing else.
const CIPHER_FLAGS: &[&str] = &[
    "-DHAVE_CIPHER_CHACHA20=1",
    "-DHAVE_CIPHER_AES_128_CBC=0",
    "-DHAVE_CIPHER_AES_256_CBC=0",
    "-DHAVE_CIPHER_SQLCIPHER=0",
    "-DHAVE_CIPHER_RC4=0",
    "-DHAVE_CIPHER_ASCON128=0",
    "-DHAVE_CIPHER_AEGIS=0",
    "-DSQLITE3MC_OMIT_AES_HARDWARE_SUPPORT=1",
];

/// `LIBSQLITE3_FLAGS` options that SQLite 3.54's amalgamation does not build with: under
/// SQLITE_OMIT_COMPLETE its extension API table still names the new `sqlite3_incomplete`,
/// which the option removes (an undefined symbol at link time). sqlite3_complete is ~1 KB.
const OMITS_THAT_DO_NOT_BUILD: &[&str] = &["-DSQLITE_OMIT_COMPLETE"];

/// The line that turns on SQLite3MC's x86 paths: ChaCha20 in SSSE3, AVX2 and AVX-512 and
/// Poly1305 in SSE2, chosen at run time (~24 KB). Phones are ARM, where SQLite3MC has no
/// vector ChaCha20 and runs the portable code; on x86 (emulators, desk PCs, the district)
/// the same portable code keeps every build alike and the phone library's x86_64 size
/// (the budget's yardstick) honest about what an ARM phone carries.
const X86_TARGET_LINE: &str = "#  define SQLITE3MC_TARGET_X86 1";

/// The amalgamation with [`X86_TARGET_LINE`] turned into "unknown target", written to
/// `out`. Fails the build if the line is not found once: a new SQLite3MC must be looked at.
fn portable_source(original: &Path, out: &Path) -> PathBuf {
    let text = std::fs::read_to_string(original)
        .unwrap_or_else(|e| panic!("reading {}: {e}", original.display()));
    let found = text.matches(X86_TARGET_LINE).count();
    assert_eq!(
        found, 1,
        "SQLite3MC's x86 target line appears {found} times: check sqlite3mc/build.rs"
    );
    let patched = text.replace(X86_TARGET_LINE, "#  define SQLITE3MC_TARGET_UNKNOWN 1");
    let path = out.join("sqlite3mc_portable.c");
    std::fs::write(&path, patched).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
    path
}

fn main() {
    let src = sqlite3mc_src::source_dir();
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let target_os = env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let windows = env::var("CARGO_CFG_WINDOWS").is_ok();

    let source = portable_source(&src.join(sqlite3mc_src::SOURCE_FILE), &out);
    let mut build = cc::Build::new();
    build
        .file(source)
        .include(src)
        .warnings(false)
        // The link line comes from libsqlite3-sys (`-lsqlite3`); this crate only tells the
        // linker where the library is. Bundling it into this crate's rlib as well would put
        // a second copy on the link line.
        .cargo_metadata(false);
    for flag in BUNDLED_FLAGS {
        build.flag(flag);
    }
    // Android apps have no usable temp directory (libsqlite3-sys does the same there).
    if target_os == "android" {
        build.flag("-DSQLITE_TEMP_STORE=3");
    }
    if !windows {
        build.flag("-DHAVE_LOCALTIME_R");
    }
    if env::var_os("CARGO_FEATURE_UNLOCK_NOTIFY").is_some() {
        build.flag("-DSQLITE_ENABLE_UNLOCK_NOTIFY");
    }
    if let Ok(extras) = env::var("LIBSQLITE3_FLAGS") {
        for extra in extras.split_whitespace() {
            if OMITS_THAT_DO_NOT_BUILD.contains(&extra) {
                continue;
            }
            if extra.starts_with("-D") || extra.starts_with("-U") {
                build.flag(extra);
            } else if extra.starts_with("SQLITE_") {
                build.flag(format!("-D{extra}"));
            } else {
                panic!("LIBSQLITE3_FLAGS: don't understand {extra}");
            }
        }
    }
    for flag in CIPHER_FLAGS {
        build.flag(flag);
    }
    build.compile("sqlite3");

    println!("cargo:rustc-link-search=native={}", out.display());
    println!(
        "cargo:rustc-env=PUSKESOS_SQLITE3MC_VERSION={}",
        sqlite3mc_src::SQLITE3MC_VERSION
    );
    println!("cargo:rerun-if-changed=build.rs");
    for var in ["LIBSQLITE3_FLAGS", "CFLAGS", "CC"] {
        println!("cargo:rerun-if-env-changed={var}");
    }
}
