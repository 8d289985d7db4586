//! What makes a PIN acceptable when it is chosen.
//!
//! Six digits at least (the OWASP MASVS floor for a device-bound PIN backed by a slow KDF and
//! a hard attempt limit), and none of the PINs people try first: one digit repeated, or a
//! run up or down. Ten wrong tries lock the phone, so what matters is that the PIN is not in
//! the handful an attacker tries first.

use super::error::{LockError, PinProblem};

pub const MIN_PIN_DIGITS: u32 = 6;
/// Longer PINs add little against ten tries and are mistyped on a phone keypad.
pub const MAX_PIN_DIGITS: u32 = 12;

/// Refuses a PIN a person should not choose, with the reason.
pub fn check_new_pin(pin: &str) -> Result<(), LockError> {
    let weak = |problem| Err(LockError::WeakPin { problem });
    if !pin.bytes().all(|b| b.is_ascii_digit()) {
        return weak(PinProblem::NotDigits);
    }
    let n = pin.len() as u32;
    if !(MIN_PIN_DIGITS..=MAX_PIN_DIGITS).contains(&n) {
        return weak(PinProblem::Length {
            min: MIN_PIN_DIGITS,
            max: MAX_PIN_DIGITS,
        });
    }
    let d: Vec<i8> = pin.bytes().map(|b| (b - b'0') as i8).collect();
    if d.windows(2).all(|w| w[0] == w[1]) {
        return weak(PinProblem::AllSame);
    }
    if d.windows(2).all(|w| w[1] - w[0] == 1) || d.windows(2).all(|w| w[1] - w[0] == -1) {
        return weak(PinProblem::Sequence);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(pin: &str) -> Option<PinProblem> {
        match check_new_pin(pin) {
            Ok(()) => None,
            Err(LockError::WeakPin { problem }) => Some(problem),
            Err(e) => panic!("unexpected {e:?}"),
        }
    }

    #[test]
    fn six_varied_digits_are_accepted() {
        for pin in ["482915", "120396", "0004711", "135790", "112233"] {
            assert_eq!(problem(pin), None, "{pin}");
        }
    }

    #[test]
    fn the_pins_people_try_first_are_refused_with_the_reason() {
        let length = Some(PinProblem::Length { min: 6, max: 12 });
        assert_eq!(problem("48291"), length);
        assert_eq!(problem(""), length);
        assert_eq!(problem("4829154829154"), length);
        assert_eq!(problem("48291a"), Some(PinProblem::NotDigits));
        assert_eq!(problem("48 291"), Some(PinProblem::NotDigits));
        assert_eq!(problem("٤٨٢٩١٥"), Some(PinProblem::NotDigits));
        assert_eq!(problem("000000"), Some(PinProblem::AllSame));
        assert_eq!(problem("77777777"), Some(PinProblem::AllSame));
        assert_eq!(problem("123456"), Some(PinProblem::Sequence));
        assert_eq!(problem("3456789"), Some(PinProblem::Sequence));
        assert_eq!(problem("654321"), Some(PinProblem::Sequence));
        assert_eq!(problem("9876543210"), Some(PinProblem::Sequence));
    }
}
