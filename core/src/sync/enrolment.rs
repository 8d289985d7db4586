//! The phone's enrolment with its district, kept in the store's settings so that it survives
//! restarts and travels with the store file (one store, one village, one device).

use serde::Serialize;

use super::client::{SyncClient, SyncError, TrustAnchor};
use crate::store::Store;

const BASE_URL: &str = "sync.base_url";
const TOKEN: &str = "sync.token";
const DEVICE_ID: &str = "sync.device_id";
const VILLAGE: &str = "sync.village";
const VILLAGE_NAME: &str = "sync.village_name";
const OPERATOR: &str = "sync.operator";
const CERT_SHA256: &str = "sync.cert_sha256";

/// Who this device is for the district. The token is a bearer secret: it is never printed
/// (see the `Debug` impl) and is only as safe as the store file itself.
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct Enrolment {
    pub base_url: String,
    #[serde(skip)]
    pub token: String,
    pub device_id: String,
    pub village: String,
    pub village_name: String,
    pub operator: String,
    /// SHA-256 of the district's certificate when it runs its own certificate authority.
    pub cert_sha256: Option<String>,
    /// The unlock code the district issued with this enrolment, present only on the value
    /// [`Enrolment::enrol`] returns: the app hands it to `lock::Lock::set_unlock_code` at
    /// once. It is never saved in the store (that would leave the key to the store inside
    /// it) and never printed.
    #[serde(skip)]
    pub unlock_code: Option<String>,
}

impl std::fmt::Debug for Enrolment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Enrolment")
            .field("base_url", &self.base_url)
            .field("device_id", &self.device_id)
            .field("village", &self.village)
            .field("operator", &self.operator)
            .field("cert_sha256", &self.cert_sha256)
            .finish_non_exhaustive()
    }
}

pub(crate) fn local(e: crate::store::StoreError) -> SyncError {
    SyncError::Local(e.to_string())
}

impl Enrolment {
    /// The enrolment saved in `store`, if the device was enrolled.
    pub fn load(store: &Store) -> Result<Option<Enrolment>, SyncError> {
        let get = |k: &str| store.setting(k).map_err(local);
        let (Some(base_url), Some(token), Some(device_id), Some(village)) =
            (get(BASE_URL)?, get(TOKEN)?, get(DEVICE_ID)?, get(VILLAGE)?)
        else {
            return Ok(None);
        };
        Ok(Some(Enrolment {
            base_url,
            token,
            device_id,
            village,
            village_name: get(VILLAGE_NAME)?.unwrap_or_default(),
            operator: get(OPERATOR)?.unwrap_or_default(),
            cert_sha256: get(CERT_SHA256)?.filter(|s| !s.is_empty()),
            unlock_code: None,
        }))
    }

    /// The saved enrolment, or the error that tells the operator to enrol first.
    pub fn require(store: &Store) -> Result<Enrolment, SyncError> {
        Enrolment::load(store)?.ok_or_else(|| SyncError::Auth {
            status: 401,
            code: "not_enrolled".into(),
            message: "perangkat belum terdaftar (puskesos enrol URL KODE)".into(),
        })
    }

    pub fn save(&self, store: &Store) -> Result<(), SyncError> {
        let pairs = [
            (BASE_URL, self.base_url.as_str()),
            (TOKEN, self.token.as_str()),
            (DEVICE_ID, self.device_id.as_str()),
            (VILLAGE, self.village.as_str()),
            (VILLAGE_NAME, self.village_name.as_str()),
            (OPERATOR, self.operator.as_str()),
            (CERT_SHA256, self.cert_sha256.as_deref().unwrap_or("")),
        ];
        for (k, v) in pairs {
            store.set_setting(k, v).map_err(local)?;
        }
        Ok(())
    }

    fn trust(cert_sha256: Option<&str>) -> TrustAnchor {
        match cert_sha256 {
            Some(fp) => TrustAnchor::CertSha256(fp.to_string()),
            None => TrustAnchor::PublicRoots,
        }
    }

    /// An authenticated client for this enrolment.
    pub fn client(&self) -> Result<SyncClient, SyncError> {
        Ok(
            SyncClient::new(&self.base_url, Self::trust(self.cert_sha256.as_deref()))?
                .with_token(&self.token),
        )
    }

    /// Trades a one-time code for a device token and saves the enrolment. Enrolling again
    /// (a new code after a revocation) replaces the previous token; the outbox is untouched,
    /// so nothing recorded before is lost, and the audit chain is sent again whole to the
    /// new device id.
    pub fn enrol(
        store: &Store,
        base_url: &str,
        code: &str,
        cert_sha256: Option<&str>,
        device_label: &str,
    ) -> Result<Enrolment, SyncError> {
        let client = SyncClient::new(base_url, Self::trust(cert_sha256))?;
        let answer = client.enrol(code.trim(), device_label)?;
        let before = store.setting(DEVICE_ID).map_err(local)?;
        let enrolment = Enrolment {
            base_url: client.base_url().to_string(),
            token: answer.token,
            device_id: answer.device_id,
            village: answer.village_code,
            village_name: answer.village_name,
            operator: answer.operator_id,
            cert_sha256: cert_sha256.map(str::to_string),
            unlock_code: answer.unlock_code,
        };
        enrolment.save(store)?;
        if before.is_some_and(|id| id != enrolment.device_id) {
            store.audit_resend_all().map_err(local)?;
        }
        Ok(enrolment)
    }
}

/// Reads the enrolment QR exactly as the district renders it: the JSON of
/// [`EnrolmentQr`](super::wire::EnrolmentQr) (service URL, one-time code, and the
/// certificate's SHA-256 for a district with its own certificate authority). The URL and the
/// fingerprint are checked as enrolling would check them, so a QR that could never enrol is
/// refused at the scan, with the reason, not after a network round trip.
pub fn parse_enrolment_qr(text: &str) -> Result<super::wire::EnrolmentQr, SyncError> {
    let qr: super::wire::EnrolmentQr = serde_json::from_str(text.trim()).map_err(|_| {
        SyncError::Config("kode QR ini bukan QR pendaftaran dari dinas sosial".into())
    })?;
    let (url, _) = super::client::check_base_url(&qr.url)?;
    let code: String = qr
        .code
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    let shape_ok = code.len() >= 8
        && code.len() <= 40
        && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if !shape_ok {
        return Err(SyncError::Config(
            "kode pendaftaran di QR tidak berbentuk kode".into(),
        ));
    }
    let cert_sha256 = match qr.cert_sha256.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(fp) => Some(hex::encode(super::client::parse_fingerprint(fp)?)),
    };
    Ok(super::wire::EnrolmentQr {
        url,
        code,
        cert_sha256,
    })
}

#[cfg(test)]
mod qr_tests {
    use super::*;

    #[test]
    fn the_district_qr_is_read_with_its_certificate_fingerprint() {
        let fp = "AB".repeat(32);
        let text = format!(
            r#"{{"url":"https://dinsos.example.go.id/","code":"abcd-efgh","cert_sha256":"{fp}"}}"#
        );
        let qr = parse_enrolment_qr(&text).unwrap();
        assert_eq!(qr.url, "https://dinsos.example.go.id");
        assert_eq!(qr.code, "ABCD-EFGH");
        assert_eq!(qr.cert_sha256, Some("ab".repeat(32)));
        let plain =
            parse_enrolment_qr(r#"{"url":"http://127.0.0.1:8080","code":"ABCD-EFGH"}"#).unwrap();
        assert_eq!(plain.cert_sha256, None);
    }

    #[test]
    fn a_qr_that_could_never_enrol_is_refused_with_the_reason() {
        for bad in [
            "https://example.com/?code=ABCD",
            "puskesos-enrol:?url=https%3A%2F%2Fx&code=ABCD-EFGH",
            r#"{"url":"http://dinsos.example.go.id","code":"ABCD-EFGH"}"#,
            r#"{"url":"https://dinsos.example.go.id","code":"<b>"}"#,
            r#"{"url":"https://dinsos.example.go.id","code":"ABCD-EFGH","cert_sha256":"abcd"}"#,
        ] {
            let e = parse_enrolment_qr(bad).unwrap_err();
            assert!(matches!(e, SyncError::Config(_)), "{bad}: {e:?}");
        }
    }
}
