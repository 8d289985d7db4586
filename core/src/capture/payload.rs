//! What a decoded barcode means for the desk.
//!
//! - The newer KK (printed on plain A4 since 2020, Permendagri 104/2019 on electronic
//!   signatures) carries a QR that links to Dukcapil's verification page
//!   (`https://layananonline.dukcapil.kemendagri.go.id/…`). It holds no family data; its full
//!   text is kept on the household as evidence the online district can verify.
//! - Programme cards and distribution invitations carry card or recipient numbers, some a
//!   16-digit NIK or KK number: offered as candidates, each checked by `ident`.
//! - The app's own receipts carry `PUSKESOS:CASE:<uuid>` (see [`case_qr_text`]).
//!
//! Interpretation never fails: anything else is `Unknown`, with its text kept.

use chrono::NaiveDate;
use serde::Serialize;
use uuid::Uuid;

use crate::ident::{IdIssue, KkNumber, Nik, Sex};
use crate::Lang;

/// Prefix of the app's own case QR. Upper case and colon-separated so that it fits QR's
/// alphanumeric mode (smaller symbol) together with an upper-case UUID.
pub const CASE_QR_PREFIX: &str = "PUSKESOS:CASE:";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum PayloadKind {
    /// A Dukcapil (Kemendagri) document-verification link, as on the KK's QR.
    KkVerificationLink,
    Url,
    /// Text with at least one 16-digit number (NIK or KK candidates).
    NumbersText,
    /// The app's own complaint-receipt QR.
    CaseQr,
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum IdKind {
    Nik,
    Kk,
}

/// A 16-digit number read as a NIK or as a KK number. `issues` is empty when `ident`
/// accepted it; otherwise it says why not.
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct IdCandidate {
    pub kind: IdKind,
    pub number: String,
    pub valid: bool,
    pub issues: Vec<IdIssue>,
    /// For a valid NIK: what it encodes.
    pub birth_date: Option<NaiveDate>,
    pub sex: Option<Sex>,
    /// For a valid KK number: the date the card was recorded.
    pub recorded_on: Option<NaiveDate>,
}

// `Debug` masks the number, and leaves out the birth date and sex it encodes, which the mask
// hides: a scan in a log tells nobody who was scanned.
crate::redacted_debug!(IdCandidate {
    kind,
    number,
    valid,
    issues,
} hide {
    birth_date,
    sex,
    recorded_on,
});

impl IdCandidate {
    /// Why this number is or is not a valid NIK / KK number, for the operator.
    pub fn reason(&self, lang: Lang) -> String {
        match (self.kind, self.valid) {
            (IdKind::Nik, true) => {
                let sex = match (self.sex, lang) {
                    (Some(Sex::Female), Lang::Id) => "perempuan",
                    (Some(Sex::Female), Lang::En) => "female",
                    (_, Lang::Id) => "laki-laki",
                    (_, Lang::En) => "male",
                };
                let date = self.birth_date.map(|d| d.to_string()).unwrap_or_default();
                match lang {
                    Lang::Id => format!("NIK valid: lahir {date}, {sex}."),
                    Lang::En => format!("Valid NIK: born {date}, {sex}."),
                }
            }
            (IdKind::Kk, true) => {
                let date = self.recorded_on.map(|d| d.to_string()).unwrap_or_default();
                match lang {
                    Lang::Id => format!("Nomor KK valid: dicatat {date}."),
                    Lang::En => format!("Valid KK number: recorded {date}."),
                }
            }
            (kind, false) => {
                let head = match kind {
                    IdKind::Nik => lang.pick("Bukan NIK yang valid", "Not a valid NIK"),
                    IdKind::Kk => lang.pick("Bukan nomor KK yang valid", "Not a valid KK number"),
                };
                let reasons: Vec<String> = self.issues.iter().map(|i| i.message(lang)).collect();
                format!("{head}: {}", reasons.join(" "))
            }
        }
    }
}

/// What a payload is, with everything useful pulled out of it. `Debug` masks identity numbers
/// in the text and identifiers: a barcode read on a programme card carries a NIK.
#[derive(Clone, PartialEq, Serialize)]
pub struct Interpretation {
    pub kind: PayloadKind,
    /// The payload exactly as read, kept as evidence.
    pub text: String,
    pub url_host: Option<String>,
    /// Identifiers found in a verification link (query values and path segments that look
    /// like document ids).
    pub identifiers: Vec<String>,
    /// Every 16-digit number, read both as NIK and as KK number.
    pub candidates: Vec<IdCandidate>,
    pub case_id: Option<Uuid>,
}

crate::redacted_debug!(Interpretation {
    kind,
    text,
    url_host,
    identifiers,
    candidates,
    case_id,
});

/// The text of the app's case QR for a complaint id.
pub fn case_qr_text(case_id: Uuid) -> String {
    format!(
        "{CASE_QR_PREFIX}{}",
        case_id.hyphenated().to_string().to_ascii_uppercase()
    )
}

/// Classifies a payload. `captured_on` is the day the barcode was read: it bounds the dates
/// inside NIK and KK numbers. Never fails.
pub fn interpret(text: &str, captured_on: NaiveDate) -> Interpretation {
    let trimmed = text.trim();
    let candidates = sixteen_digit_runs(trimmed)
        .into_iter()
        .flat_map(|n| candidates_for(&n, captured_on))
        .collect::<Vec<_>>();
    let mut out = Interpretation {
        kind: PayloadKind::Unknown,
        text: text.to_string(),
        url_host: None,
        identifiers: Vec::new(),
        candidates,
        case_id: None,
    };
    if let Some(rest) = strip_prefix_ignore_case(trimmed, CASE_QR_PREFIX) {
        if let Ok(id) = Uuid::parse_str(rest.trim()) {
            out.kind = PayloadKind::CaseQr;
            out.case_id = Some(id);
            return out;
        }
    }
    if let Some(url) = parse_url(trimmed) {
        out.kind = if is_dukcapil_host(&url.host) {
            out.identifiers = link_identifiers(&url);
            PayloadKind::KkVerificationLink
        } else {
            PayloadKind::Url
        };
        out.url_host = Some(url.host);
        return out;
    }
    if !out.candidates.is_empty() {
        out.kind = PayloadKind::NumbersText;
    }
    out
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

fn candidates_for(number: &str, captured_on: NaiveDate) -> Vec<IdCandidate> {
    let nik = match Nik::parse(number, captured_on, None) {
        Ok(nik) => IdCandidate {
            kind: IdKind::Nik,
            number: number.to_string(),
            valid: true,
            issues: Vec::new(),
            birth_date: Some(nik.birth_date()),
            sex: Some(nik.sex()),
            recorded_on: None,
        },
        Err(e) => invalid(IdKind::Nik, number, e.issues()),
    };
    let kk = match KkNumber::parse(number, captured_on, None) {
        Ok(kk) => IdCandidate {
            kind: IdKind::Kk,
            number: number.to_string(),
            valid: true,
            issues: Vec::new(),
            birth_date: None,
            sex: None,
            recorded_on: Some(kk.recorded_on()),
        },
        Err(e) => invalid(IdKind::Kk, number, e.issues()),
    };
    vec![nik, kk]
}

fn invalid(kind: IdKind, number: &str, issues: &[IdIssue]) -> IdCandidate {
    IdCandidate {
        kind,
        number: number.to_string(),
        valid: false,
        issues: issues.to_vec(),
        birth_date: None,
        sex: None,
        recorded_on: None,
    }
}

/// Runs of exactly 16 ASCII digits (longer runs are other numbers: card or account ids).
fn sixteen_digit_runs(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            if i - start == 16 {
                let n = s[start..i].to_string();
                if !out.contains(&n) {
                    out.push(n);
                }
            }
        } else {
            i += 1;
        }
    }
    out
}

struct Url {
    host: String,
    path: String,
    query: String,
}

fn parse_url(s: &str) -> Option<Url> {
    if s.contains(char::is_whitespace) {
        return None;
    }
    let rest = strip_prefix_ignore_case(s, "https://")
        .or_else(|| strip_prefix_ignore_case(s, "http://"))?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let host = authority
        .rsplit('@')
        .next()?
        .split(':')
        .next()?
        .to_ascii_lowercase();
    if host.is_empty() || !host.contains('.') {
        return None;
    }
    let tail = rest[end..].split('#').next().unwrap_or("");
    let (path, query) = match tail.split_once('?') {
        Some((p, q)) => (p.to_string(), q.to_string()),
        None => (tail.to_string(), String::new()),
    };
    Some(Url { host, path, query })
}

/// Dukcapil is the only Kemendagri unit whose documents carry QR signatures, so any
/// `kemendagri.go.id` host (layananonline.dukcapil…, tte…) counts as a verification link.
fn is_dukcapil_host(host: &str) -> bool {
    host == "kemendagri.go.id" || host.ends_with(".kemendagri.go.id")
}

fn link_identifiers(url: &Url) -> Vec<String> {
    let looks_like_id = |s: &str| {
        s.len() >= 6
            && s.chars().any(|c| c.is_ascii_digit())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '='))
    };
    let mut out: Vec<String> = Vec::new();
    let segments = url.path.split('/');
    let values = url
        .query
        .split('&')
        .filter_map(|kv| kv.split_once('=').map(|(_, v)| v).or(Some(kv)));
    for s in segments.chain(values) {
        let s = percent_decode(s);
        if looks_like_id(&s) && !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
