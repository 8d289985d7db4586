//! Export of a village's proposals.
