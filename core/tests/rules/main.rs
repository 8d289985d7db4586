//! The `rules` room: the example pack on hand-built households, three-valued logic, pack
//! refusals, explanations and the monotonicity property.

mod generate;
mod support;

mod example_pack;
mod explain;
mod logic;
mod monotonic;
mod pack_load;
mod score;
