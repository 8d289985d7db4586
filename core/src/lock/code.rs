//! Unlock codes: what the district issues for each device at enrolment and what an operator
//! types after ten wrong PINs.
//!
//! Twelve symbols from an alphabet without 0/O and 1/I/L (the one enrolment codes use), read
//! aloud over the phone or copied from a staff screen: 31¹² ≈ 2⁵⁹ codes. Against that, the
//! lock's own limit (about 24 tries a day once the delays set in, each an Argon2 run) makes
//! guessing hopeless without ever locking the code out.

use rand::Rng;

use super::error::LockError;

/// The symbols of a code: no 0/O, no 1/I/L, so nothing is misread.
pub const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
pub const CODE_SYMBOLS: usize = 12;

/// A new random code, grouped `XXXX-XXXX-XXXX` for reading aloud.
pub fn new_unlock_code() -> String {
    let mut rng = rand::rng();
    let symbols: String = (0..CODE_SYMBOLS)
        .map(|_| CODE_ALPHABET[rng.random_range(0..CODE_ALPHABET.len())] as char)
        .collect();
    group(&symbols)
}

/// The code as typed, reduced to its 12 symbols: case, dashes and spaces do not matter.
/// Anything else that cannot be a code is [`LockError::CodeFormat`].
pub fn normalise_unlock_code(typed: &str) -> Result<String, LockError> {
    let symbols: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let ok = symbols.len() == CODE_SYMBOLS && symbols.bytes().all(|b| CODE_ALPHABET.contains(&b));
    if ok {
        Ok(symbols)
    } else {
        Err(LockError::CodeFormat)
    }
}

/// `XXXXXXXXXXXX` → `XXXX-XXXX-XXXX`.
pub fn group(symbols: &str) -> String {
    symbols
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_code_is_grouped_and_reads_back_as_itself() {
        let code = new_unlock_code();
        assert_eq!(code.len(), 14);
        assert_eq!(code.matches('-').count(), 2);
        let plain = normalise_unlock_code(&code).unwrap();
        assert_eq!(group(&plain), code);
        assert_ne!(new_unlock_code(), code);
    }

    #[test]
    fn case_dashes_and_spaces_do_not_matter() {
        let want = "ABCD2345WXYZ".to_string();
        for typed in [
            "ABCD-2345-WXYZ",
            "abcd 2345 wxyz",
            " abcd-2345wxyz\n",
            "ABCD2345WXYZ",
        ] {
            assert_eq!(normalise_unlock_code(typed), Ok(want.clone()), "{typed:?}");
        }
    }

    #[test]
    fn what_cannot_be_a_code_is_told_apart_from_a_wrong_code() {
        for typed in [
            "",
            "ABCD-2345-WXY",
            "ABCD-2345-WXYZ-A",
            "ABCD-2345-WXY0",
            "ABCD_2345_WXYZ",
            "ÀBCD-2345-WXYZ",
        ] {
            assert_eq!(
                normalise_unlock_code(typed),
                Err(LockError::CodeFormat),
                "{typed:?}"
            );
        }
    }
}
