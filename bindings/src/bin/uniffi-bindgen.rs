//! The workspace's own bindgen, so that the generator and the library always share the one
//! pinned UniFFI version. Usage (from the workspace root):
//! `cargo run -p puskesos-ffi --features cli --bin uniffi-bindgen -- generate --library
//! target/debug/libpuskesos_ffi.so --language kotlin --out-dir <dir>`

fn main() {
    uniffi::uniffi_bindgen_main()
}
