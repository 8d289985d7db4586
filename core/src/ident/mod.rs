//! Indonesian identity numbers: NIK (Nomor Induk Kependudukan), KK (Kartu Keluarga) numbers,
//! and Kemendagri region codes.
//!
//! Layouts follow Permendagri 7/2019 on civil registration documents:
//! - NIK: `PPRRDD` issuing district + `DDMMYY` birth date (day + 40 for women) + 4-digit serial.
//! - KK: `PPRRDD` district + `DDMMYY` recording date + 4-digit serial.
//!
//! Neither carries a check digit, so validation is structural: length, digits, a region that
//! existed, a real calendar date not in the future, and a serial from 0001.

mod digits;
mod issue;
mod kk;
mod nik;
mod redact;
mod region;

pub use digits::normalize_number;
pub use issue::{IdIssue, IdPart, IdProblem, IdWarning, IdentError};
pub use kk::KkNumber;
pub use nik::{mask as mask_number, Nik, NikCheck, Sex};
pub use redact::{redact, Redacted, MIN_RUN};
pub use region::{Region, RegionError, RegionLevel, RegionList};
