//! Nothing the service holds or answers prints a whole NIK or KK number: each type that can
//! carry one (a record's payload, a conflict's values, a published extract, a staff note, an
//! error quoting a request) is formatted here with `{:?}` and `{:#?}` as a log line would, and
//! errors also as the phone receives them.

use axum::response::IntoResponse;
use chrono::NaiveDate;
use puskesos_core::ident::{mask_number, KkNumber, Nik};
use serde_json::json;

use crate::error::ApiError;
use crate::pack::PackUpdate;
use crate::review::RecordView;
use crate::staff::ConflictRow;

/// Synthetic numbers, structurally valid: serials no real card carries.
const NIK: &str = "3201011201909901";
const NIK_OTHER: &str = "3201015302929902";
const KK: &str = "3201011505159903";

fn assert_text_masked(what: &str, text: &str) {
    for n in [NIK, NIK_OTHER, KK] {
        assert!(!text.contains(n), "{what} shows {n} whole:\n{text}");
    }
    assert!(
        [NIK, NIK_OTHER, KK]
            .iter()
            .any(|n| text.contains(&mask_number(n))),
        "{what} shows no masked number:\n{text}"
    );
}

fn assert_debug_masked<T: std::fmt::Debug>(what: &str, value: &T) {
    assert_text_masked(what, &format!("{value:?}"));
    assert_text_masked(&format!("{what} (pretty)"), &format!("{value:#?}"));
}

#[test]
fn the_numbers_are_synthetic_but_valid() {
    let on = NaiveDate::from_ymd_opt(2025, 8, 15).expect("date");
    for n in [NIK, NIK_OTHER] {
        assert!(Nik::parse(n, on, None).is_ok(), "{n}");
    }
    assert!(KkNumber::parse(KK, on, None).is_ok());
}

#[test]
fn records_conflicts_packs_and_forms_print_numbers_only_masked() {
    assert_debug_masked(
        "RecordView",
        &RecordView {
            id: "0192f0c0-0000-7000-8000-000000000001".into(),
            payload: json!({"nik": NIK, "kk_number": KK, "name": "Budi Uji"}),
            status: Some("returned".into()),
            district_note: Some(format!("NIK {NIK_OTHER} tidak cocok")),
            deleted: false,
        },
    );
    assert_debug_masked(
        "ConflictRow",
        &ConflictRow {
            entity: "person".into(),
            entity_id: "p".into(),
            field: "nik".into(),
            kept_value: json!(NIK),
            kept_clock: 5,
            kept_device: "dev-b".into(),
            lost_value: json!(NIK_OTHER),
            lost_clock: 4,
            lost_device: "dev-a".into(),
            at: "2025-08-15T09:30:00Z".into(),
        },
    );
    assert_debug_masked(
        "PackUpdate",
        &PackUpdate {
            region_list_csv: None,
            registry_csv: Some(format!(
                "extract_version,village_code,kk_number,nik\n2025Q3,3201010001,{KK},{NIK}\n"
            )),
            rules_json: None,
        },
    );
    assert_debug_masked(
        "staff::StatusForm",
        &crate::staff::StatusForm {
            status: "returned".into(),
            note: format!("KK {KK} tidak terbaca"),
        },
    );
    assert_debug_masked(
        "review::StatusForm",
        &crate::review::StatusForm {
            status: "returned".into(),
            note: format!("KK {KK} tidak terbaca"),
        },
    );
}

#[tokio::test]
async fn errors_quote_numbers_only_masked_to_logs_and_to_the_phone() {
    let quoted = format!("ekstrak baris 2: NIK {NIK} ganda");
    for error in [
        ApiError::BadRequest(quoted.clone()),
        ApiError::NotFound(NIK.into()),
        ApiError::WrongVillage(KK.into()),
        ApiError::HashMismatch(KK.into()),
        ApiError::Internal(quoted),
    ] {
        assert_debug_masked("ApiError", &error);
        assert_text_masked("ApiError (Display)", &error.to_string());
        let body = axum::body::to_bytes(error.into_response().into_body(), 64 * 1024)
            .await
            .expect("body");
        assert_text_masked("error body", &String::from_utf8_lossy(&body));
    }
}
