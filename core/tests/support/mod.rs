pub mod shared;
pub mod synth;
