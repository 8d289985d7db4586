//! SQLite for every binary of the workspace: SQLite3 Multiple Ciphers (SQLite3MC), so that
//! the phone's store can be encrypted at rest (`puskesos_core::store::StoreKey`).
//!
//! This crate has no Rust API. Its build script compiles the SQLite3MC amalgamation into
//! `libsqlite3.a` in its `OUT_DIR` and adds that directory to the linker's search path.
//! `libsqlite3-sys` is built without `bundled` (see `.cargo/config.toml`): it asks the
//! linker for `-lsqlite3`, which finds this library before any system SQLite, so rusqlite
//! (the core) and sqlx (the district) both run this one SQLite.
//!
//! Only the ChaCha20-Poly1305 cipher is compiled in: the phone library has a size budget,
//! and the other ciphers (AES-CBC, SQLCipher's, RC4, Ascon, AEGIS) would be dead code.

/// The SQLite3MC release compiled in, for diagnostics.
pub const SQLITE3MC_VERSION: &str = env!("PUSKESOS_SQLITE3MC_VERSION");
