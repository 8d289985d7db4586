//! puskesos-core: the whole field domain of Puskesos Field, with no UI.
//!
//! The public surface is shaped for UniFFI: owned types, no lifetimes or generics, errors as
//! enums, and one [`store::Store`] object that owns the SQLite connection.

#[cfg(feature = "uniffi")]
uniffi::setup_scaffolding!("puskesos_core");

pub mod audit;
pub mod capture;
#[cfg(feature = "uniffi")]
mod ffi_types;
pub mod ident;
pub mod lang;
pub mod lock;
pub mod model;
pub mod registry;
pub mod rules;
pub mod store;
pub mod sync;
pub mod synth;

pub use lang::Lang;
