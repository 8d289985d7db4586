//! Unique serials for generated NIK and KK numbers.
//!
//! Dukcapil numbers people born on the same day in the same district, and families recorded
//! on the same day in the same district, from 0001 up (Permendagri 7/2019); a serial is never
//! reused. Here a counter per (district, date) hands them out with small random gaps.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::family::add_days;
use crate::ident::Sex;

#[derive(Default)]
pub(crate) struct Serials {
    /// (district × 10^6 + DDMMYY) → last serial handed out. At most one entry per district
    /// and day, so memory stays bounded by the date range, not the number of people.
    last: HashMap<u64, u16>,
}

impl Serials {
    fn next(&mut self, rng: &mut ChaCha8Rng, district: &str, date6: u32) -> Option<u16> {
        let district: u64 = district.parse().unwrap_or(0);
        let last = self
            .last
            .entry(district * 1_000_000 + u64::from(date6))
            .or_insert(0);
        let serial = *last + rng.random_range(1..=3);
        if serial > 9999 {
            return None;
        }
        *last = serial;
        Some(serial)
    }

    /// A NIK issued in `district` for someone born on `birth`. If that day's serials are
    /// used up there, the home district is tried, then the day before: returns the birth
    /// date actually encoded.
    pub(crate) fn nik(
        &mut self,
        rng: &mut ChaCha8Rng,
        district: &str,
        birth: NaiveDate,
        sex: Sex,
        home: &str,
    ) -> (String, NaiveDate) {
        let mut birth = birth;
        loop {
            let day = birth.day() + if sex == Sex::Female { 40 } else { 0 };
            let date6 = day * 10_000 + birth.month() * 100 + birth.year().rem_euclid(100) as u32;
            for d in [district, home] {
                if let Some(serial) = self.next(rng, d, date6) {
                    return (format!("{d}{date6:06}{serial:04}"), birth);
                }
            }
            birth = add_days(birth, -1);
        }
    }

    /// A KK number of `district` recorded on `recorded` (or the nearest earlier day with a
    /// free serial).
    pub(crate) fn kk(
        &mut self,
        rng: &mut ChaCha8Rng,
        district: &str,
        recorded: NaiveDate,
    ) -> String {
        let mut date = recorded;
        loop {
            let date6 =
                date.day() * 10_000 + date.month() * 100 + date.year().rem_euclid(100) as u32;
            if let Some(serial) = self.next(rng, district, date6) {
                return format!("{district}{date6:06}{serial:04}");
            }
            date = add_days(date, -1);
        }
    }
}
