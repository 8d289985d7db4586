//! Identity numbers kept out of logs, crash reports and error messages.
//!
//! A phone that is lost or sold keeps its logs; a crash report travels to whoever reads it; an
//! error message is read aloud at the desk and pasted into chats. None of them may carry a
//! citizen's whole NIK or KK number. [`Nik`](super::Nik) and [`KkNumber`](super::KkNumber)
//! mask themselves, but numbers also travel as plain strings: what a form typed, a registry
//! row, a JSON payload, a barcode's text, a note, a server's error. This module masks them
//! there, by shape, without knowing which field they came from.

use std::borrow::Cow;
use std::fmt;

/// Digits in a row from which a run is taken for an identity number: a NIK or KK number has
/// 16, and one typed with a digit missing still says nearly everything. Phone numbers (at
/// most 13 digits with the country code), dates, RT/RW, amounts and counts stay below it.
pub const MIN_RUN: usize = 15;

/// Separators people and OCR put between the groups of a number (`3204 0101 0512 0042`).
const GROUP_SEPARATORS: [u8; 3] = [b' ', b'-', b'.'];

/// Masks every identity number in `text`: each run of [`MIN_RUN`] or more ASCII digits, and
/// each number written in groups joined by one and the same separator (space, `-` or `.`)
/// whose digits add up to a NIK's 15 or 16. A masked run keeps the issuing district (first 6
/// digits) and the last 2, as [`mask_number`](super::mask_number) does; its separators go.
///
/// Works on any text (free notes, JSON, URLs, error strings), inside words too. What it
/// leaves: shorter numbers, UUIDs, dates and times. What it may mask besides: other long
/// numbers (a bank account, a long decimal fraction, a hash with 15 decimal digits in a row),
/// a price worth paying for a log that can be handed over.
pub fn redact(text: &str) -> Cow<'_, str> {
    let spans = number_spans(text.as_bytes());
    if spans.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for (start, end) in spans {
        out.push_str(&text[copied..start]);
        let digits: String = text[start..end]
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        out.push_str(&mask_digits(&digits));
        copied = end;
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

/// Byte ranges of the identity numbers in `bytes`. Digits are read number by number: a run,
/// or groups joined by single separators that are all the same. A grouped number of a NIK's
/// length is one span; otherwise (a date, a list, a UUID's tail) only its groups that are
/// long runs on their own are, so a NIK after a list number ("1 3204…") is still found.
fn number_spans(bytes: &[u8]) -> Vec<(usize, usize)> {
    let run_end = |from: usize| {
        let mut j = from;
        while j < bytes.len() && bytes[j].is_ascii_digit() {
            j += 1;
        }
        j
    };
    let mut spans = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let mut groups = vec![(i, run_end(i))];
        let mut end = groups[0].1;
        if let Some(&sep) = bytes.get(end).filter(|b| GROUP_SEPARATORS.contains(b)) {
            while bytes.get(end) == Some(&sep) && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)
            {
                let group = (end + 1, run_end(end + 1));
                end = group.1;
                groups.push(group);
            }
        }
        let digits: usize = groups.iter().map(|(s, e)| e - s).sum();
        if groups.len() > 1 && (MIN_RUN..=16).contains(&digits) {
            spans.push((i, end));
        } else {
            spans.extend(groups.into_iter().filter(|(s, e)| e - s >= MIN_RUN));
        }
        i = end;
    }
    spans
}

/// District kept, the rest hidden but the last two: [`mask_number`](super::mask_number) for
/// 16 digits, the same shape for other lengths.
fn mask_digits(digits: &str) -> String {
    let n = digits.len();
    format!(
        "{}{}{}",
        &digits[..6],
        "*".repeat(n.saturating_sub(8)),
        &digits[n - 2..]
    )
}

/// A value shown with its identity numbers masked ([`redact`]). Its `Debug` is the value's
/// `Debug` (pretty with `{:#?}`), its `Display` the value's `Display`, so a struct's field, a
/// log line's argument or an error message can be passed through it without changing shape.
///
/// ```
/// use puskesos_core::ident::Redacted;
/// let note = "KK 3204010105120042 hilang";
/// assert_eq!(format!("{}", Redacted(&note)), "KK 320401********42 hilang");
/// ```
pub struct Redacted<'a, T: ?Sized>(pub &'a T);

impl<T: ?Sized + fmt::Debug> fmt::Debug for Redacted<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = if f.alternate() {
            format!("{:#?}", self.0)
        } else {
            format!("{:?}", self.0)
        };
        f.write_str(&redact(&text))
    }
}

impl<T: ?Sized + fmt::Display> fmt::Display for Redacted<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&redact(&self.0.to_string()))
    }
}

/// Implements `Debug` for a type whose fields may hold an identity number, every field
/// passed through [`Redacted`](crate::ident::Redacted). The type is destructured without
/// `..`, so a field added later and not listed here does not compile: nobody can add a
/// `nik: String` to a record and have it printed in full by the next `{:?}` in a log.
///
/// ```
/// use puskesos_core::redacted_debug;
///
/// struct Form {
///     nik: String,
///     rt: String,
/// }
/// redacted_debug!(Form { nik, rt });
///
/// let form = Form { nik: "3204014708900003".into(), rt: "003".into() };
/// assert_eq!(format!("{form:?}"), r#"Form { nik: "320401********03", rt: "003" }"#);
/// ```
///
/// Also `redacted_debug!(Note(text))` for a tuple struct, `redacted_debug!(Candidate { kind,
/// number } hide { birth_date })` to leave fields out of the output (still listed), and
/// `redacted_debug!(enum SyncError { Network(m), Server { status, message }, Cancelled })`.
///
/// Exported so that the bindings and the district service use this one definition.
#[macro_export]
macro_rules! redacted_debug {
    (@fields $f:ident $name:ident { $($field:ident),* }) => {
        $f.debug_struct(stringify!($name))
            $(.field(stringify!($field), &$crate::ident::Redacted($field)))*
            .finish()
    };
    (@fields $f:ident $name:ident ( $($field:ident),* )) => {
        $f.debug_tuple(stringify!($name))
            $(.field(&$crate::ident::Redacted($field)))*
            .finish()
    };
    (@fields $f:ident $name:ident) => {
        $f.write_str(stringify!($name))
    };
    (enum $ty:ident {
        $($variant:ident $({ $($named:ident),* $(,)? })? $(( $($positional:ident),* $(,)? ))?),*
        $(,)?
    }) => {
        impl ::std::fmt::Debug for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    $(
                        $ty::$variant $({ $($named),* })? $(( $($positional),* ))? => {
                            $crate::redacted_debug!(
                                @fields f $variant $({ $($named),* })? $(( $($positional),* ))?
                            )
                        }
                    )*
                }
            }
        }
    };
    ($ty:ident { $($field:ident),* $(,)? } hide { $($hidden:ident),* $(,)? }) => {
        impl ::std::fmt::Debug for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                let $ty { $($field,)* $($hidden: _,)* } = self;
                f.debug_struct(stringify!($ty))
                    $(.field(stringify!($field), &$crate::ident::Redacted($field)))*
                    .finish_non_exhaustive()
            }
        }
    };
    ($ty:ident { $($field:ident),* $(,)? }) => {
        impl ::std::fmt::Debug for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                let $ty { $($field),* } = self;
                $crate::redacted_debug!(@fields f $ty { $($field),* })
            }
        }
    };
    ($ty:ident ( $($field:ident),* $(,)? )) => {
        impl ::std::fmt::Debug for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                let $ty ( $($field),* ) = self;
                $crate::redacted_debug!(@fields f $ty ( $($field),* ))
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    const NIK: &str = "3204014708900003";
    const MASKED: &str = "320401********03";

    #[test]
    fn a_sixteen_digit_run_is_masked_wherever_it_stands() {
        for (text, want) in [
            (NIK, MASKED.to_string()),
            ("NIK3204014708900003x", format!("NIK{MASKED}x")),
            (
                r#"{"nik":"3204014708900003","rt":"003"}"#,
                format!(r#"{{"nik":"{MASKED}","rt":"003"}}"#),
            ),
            (
                r#"{"kk_number":3204014708900003}"#,
                format!(r#"{{"kk_number":{MASKED}}}"#),
            ),
            (
                "https://layananonline.dukcapil.kemendagri.go.id/verif?nik=3204014708900003&t=1",
                format!("https://layananonline.dukcapil.kemendagri.go.id/verif?nik={MASKED}&t=1"),
            ),
            (
                "invalid type: string \"3204014708900003\", expected u8",
                format!("invalid type: string \"{MASKED}\", expected u8"),
            ),
            (
                "KK 3204010105120042 dan NIK 3204014708900003.",
                format!("KK 320401********42 dan NIK {MASKED}."),
            ),
        ] {
            assert_eq!(redact(text), want, "{text}");
        }
    }

    #[test]
    fn numbers_typed_in_groups_or_short_by_one_are_masked_too() {
        assert_eq!(
            redact("NIK 3204 0147 0890 0003 ok"),
            format!("NIK {MASKED} ok")
        );
        assert_eq!(redact("3204-0147-0890-0003"), MASKED);
        assert_eq!(redact("320401.470890.0003"), MASKED);
        // Fifteen digits: a NIK with one digit lost.
        assert_eq!(redact("320401470890003"), "320401*******03");
        // A NIK after a list number is found on its own.
        assert_eq!(redact("1 3204014708900003"), format!("1 {MASKED}"));
        assert_eq!(
            redact("no. 2. 3204014708900003"),
            format!("no. 2. {MASKED}")
        );
        // Longer runs (two numbers run together) are masked whole.
        assert_eq!(
            redact("32040147089000033204010105120042"),
            format!("320401{}42", "*".repeat(24))
        );
    }

    #[test]
    fn everyday_numbers_are_left_as_they_are() {
        for text in [
            "RT 003 RW 005",
            "rt: \"003\", rw: \"012\"",
            "HP 081234567890",
            "+62 812-3456-7890",
            "0812-3456-7890 / 0813-1111-2222",
            "lahir 1990-08-17, dicatat 17/08/1990",
            "2025-01-02T03:04:05.123456789+07:00",
            "0192f0c0-0000-7000-8000-000000000001",
            "01890a5d-ac96-774b-bcce-b302099a8057",
            "Rp 1.500.000, Rp 250.000.000",
            "desa 3204052001, kecamatan 32.04.05",
            "12345678901234",
            "",
            "tanpa angka",
        ] {
            assert_eq!(redact(text), text);
            assert!(matches!(redact(text), Cow::Borrowed(_)), "{text}");
        }
    }

    #[test]
    fn text_around_a_number_survives_in_any_script() {
        assert_eq!(
            redact("Catatan: «NIK 3204014708900003» — salah ketik ✓"),
            format!("Catatan: «NIK {MASKED}» — salah ketik ✓")
        );
    }

    #[derive(Debug)]
    #[allow(dead_code)]
    struct Inner {
        nik: String,
        rt: String,
    }

    struct Outer {
        inner: Inner,
        note: Option<String>,
        count: u32,
    }
    crate::redacted_debug!(Outer { inner, note, count });

    struct Wrapped(String);
    crate::redacted_debug!(Wrapped(text));

    #[allow(dead_code)]
    struct Partly {
        nik: String,
        birth: String,
    }
    crate::redacted_debug!(Partly { nik } hide { birth });

    #[allow(dead_code)]
    enum Said {
        Nothing,
        Plain(String, u8),
        Named { nik: String },
    }
    crate::redacted_debug!(enum Said { Nothing, Plain(text, n), Named { nik } });

    #[test]
    fn the_macro_prints_every_field_masked_and_plain_and_pretty_agree() {
        let outer = Outer {
            inner: Inner {
                nik: NIK.into(),
                rt: "003".into(),
            },
            note: Some(format!("NIK {NIK} salah")),
            count: 7,
        };
        let plain = format!("{outer:?}");
        assert_eq!(
            plain,
            format!(
                "Outer {{ inner: Inner {{ nik: \"{MASKED}\", rt: \"003\" }}, \
                 note: Some(\"NIK {MASKED} salah\"), count: 7 }}"
            )
        );
        let pretty = format!("{outer:#?}");
        assert!(!pretty.contains(NIK), "{pretty}");
        assert!(
            pretty.contains(&format!("        nik: \"{MASKED}\",\n")),
            "{pretty}"
        );
        assert_eq!(
            format!("{:?}", Wrapped(NIK.into())),
            format!("Wrapped(\"{MASKED}\")")
        );
        let partly = Partly {
            nik: NIK.into(),
            birth: "1990-08-07".into(),
        };
        assert_eq!(
            format!("{partly:?}"),
            format!("Partly {{ nik: \"{MASKED}\", .. }}")
        );
        assert_eq!(format!("{:?}", Said::Nothing), "Nothing");
        assert_eq!(
            format!("{:?}", Said::Plain(NIK.into(), 3)),
            format!("Plain(\"{MASKED}\", 3)")
        );
        assert_eq!(
            format!("{:?}", Said::Named { nik: NIK.into() }),
            format!("Named {{ nik: \"{MASKED}\" }}")
        );
        assert_eq!(format!("{}", Redacted(&NIK)), MASKED);
    }
}
