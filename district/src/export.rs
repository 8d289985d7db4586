//! Export of a village's DTKS proposals as CSV in the by-name-by-address (BNBA) layout that
//! district operators paste into the registry's proposal import (SIKS-NG / DTSEN usulan).
//!
//! Columns, one row per person proposed (every member of the family for a new
//! registration, the named person for a correction or an objection):
//!
//! | column | content |
//! |---|---|
//! | NO | row number from 1 |
//! | KODE_WILAYAH | Kemendagri village code, 10 digits |
//! | PROVINSI, KABUPATEN_KOTA, KECAMATAN, DESA_KELURAHAN | names from the pack's region list |
//! | ALAMAT, RT, RW | the household's address |
//! | NO_KK | family card number |
//! | NIK | the person's NIK |
//! | NAMA | the person's name |
//! | JENIS_KELAMIN | `LAKI-LAKI` / `PEREMPUAN` |
//! | TANGGAL_LAHIR | `DD-MM-YYYY` |
//! | HUBUNGAN_KELUARGA | relationship to the head (`KEPALA KELUARGA`, `ISTRI/SUAMI`, `ANAK`, …) |
//! | JENIS_USULAN | `USULAN BARU`, `PERBAIKAN DATA`, `SANGGAHAN` |
//! | ALASAN_USULAN | the operator's reason |
//! | STATUS_USULAN | the district's status (`submitted`, `accepted`, `returned`) |
//! | CATATAN_DINAS | the district's note (reason for returning) |
//! | ID_USULAN | the proposal's UUID, to match answers back |
//!
//! The identity and address columns follow the BNBA lists that villages and districts
//! exchange (NIK, NAMA, JENIS KELAMIN, TANGGAL LAHIR, ALAMAT, RT, RW); region names and the
//! proposal columns are added so that a file is self-contained.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use puskesos_core::ident::RegionList;
use serde_json::Value;
use sqlx::Row;

use crate::auth::StaffAuth;
use crate::db::Db;
use crate::error::{ApiError, ApiResult};
use crate::review::{records_of, RecordView};
use crate::state::AppState;

pub const BNBA_HEADER: &[&str] = &[
    "NO",
    "KODE_WILAYAH",
    "PROVINSI",
    "KABUPATEN_KOTA",
    "KECAMATAN",
    "DESA_KELURAHAN",
    "ALAMAT",
    "RT",
    "RW",
    "NO_KK",
    "NIK",
    "NAMA",
    "JENIS_KELAMIN",
    "TANGGAL_LAHIR",
    "HUBUNGAN_KELUARGA",
    "JENIS_USULAN",
    "ALASAN_USULAN",
    "STATUS_USULAN",
    "CATATAN_DINAS",
    "ID_USULAN",
];

fn relationship_label(code: &str) -> &str {
    match code {
        "head" => "KEPALA KELUARGA",
        "spouse" => "ISTRI/SUAMI",
        "child" => "ANAK",
        "child_in_law" => "MENANTU",
        "grandchild" => "CUCU",
        "parent" => "ORANG TUA",
        "parent_in_law" => "MERTUA",
        "other_family" => "FAMILI LAIN",
        "helper" => "PEMBANTU",
        "other" => "LAINNYA",
        other => other,
    }
}

fn kind_label(kind: &str) -> &str {
    match kind {
        "new_registration" => "USULAN BARU",
        "correction" => "PERBAIKAN DATA",
        "objection" => "SANGGAHAN",
        other => other,
    }
}

fn sex_label(sex: &str) -> &str {
    match sex {
        "male" => "LAKI-LAKI",
        "female" => "PEREMPUAN",
        other => other,
    }
}

fn date_label(iso: &str) -> String {
    match chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d") {
        Ok(d) => d.format("%d-%m-%Y").to_string(),
        Err(_) => iso.to_string(),
    }
}

fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

async fn region_names(db: &Db, village: &str) -> ApiResult<[String; 4]> {
    let row = sqlx::query(
        "SELECT region_list_csv FROM packs WHERE village_code = $1 AND region_list_csv IS NOT NULL
         ORDER BY version DESC LIMIT 1",
    )
    .bind(village)
    .fetch_optional(&db.pool)
    .await?;
    let list = match row {
        Some(r) => RegionList::from_csv(r.try_get::<String, _>("region_list_csv")?.as_bytes()).ok(),
        None => None,
    };
    let name = |len: usize| {
        list.as_ref()
            .and_then(|l| l.get(&village[..len]))
            .map(|r| r.name.clone())
            .unwrap_or_default()
    };
    Ok([name(2), name(4), name(6), name(10)])
}

/// The CSV text of a village's proposals (drafts are not exported).
pub async fn proposals_csv(db: &Db, village: &str) -> ApiResult<String> {
    let regions = region_names(db, village).await?;
    let households = records_of(db, village, "household").await?;
    let persons = records_of(db, village, "person").await?;
    let proposals = records_of(db, village, "proposal").await?;
    let mut w = csv::Writer::from_writer(Vec::new());
    let csv_err = |e: csv::Error| ApiError::Internal(format!("CSV: {e}"));
    w.write_record(BNBA_HEADER).map_err(csv_err)?;
    let mut no = 0;
    for p in proposals
        .iter()
        .filter(|p| p.status() != "draft" && !p.deleted)
    {
        let hh_id = s(&p.payload, "household_id");
        let hh = households.iter().find(|h| h.id == hh_id);
        let empty = Value::Null;
        let hh_payload = hh.map(|h| &h.payload).unwrap_or(&empty);
        let target = s(&p.payload, "target_nik");
        let members: Vec<&RecordView> = persons
            .iter()
            .filter(|m| !m.deleted && s(&m.payload, "household_id") == hh_id)
            .filter(|m| target.is_empty() || s(&m.payload, "nik") == target)
            .collect();
        let rows: Vec<Option<&RecordView>> = if members.is_empty() {
            vec![None]
        } else {
            members.into_iter().map(Some).collect()
        };
        for m in rows {
            no += 1;
            let mp = m.map(|m| &m.payload).unwrap_or(&empty);
            let nik = if m.is_some() { s(mp, "nik") } else { target };
            let name = if m.is_some() {
                s(mp, "name")
            } else {
                s(hh_payload, "head_name")
            };
            let no_s = no.to_string();
            let record = [
                no_s.as_str(),
                village,
                &regions[0],
                &regions[1],
                &regions[2],
                &regions[3],
                s(hh_payload, "address"),
                s(hh_payload, "rt"),
                s(hh_payload, "rw"),
                s(hh_payload, "kk_number"),
                nik,
                name,
                sex_label(s(mp, "sex")),
                &date_label(s(mp, "birth_date")),
                relationship_label(s(mp, "relationship")),
                kind_label(s(&p.payload, "kind")),
                s(&p.payload, "reason"),
                p.status(),
                p.district_note.as_deref().unwrap_or(""),
                &p.id,
            ];
            w.write_record(record).map_err(csv_err)?;
        }
    }
    let bytes = w
        .into_inner()
        .map_err(|e| ApiError::Internal(format!("CSV: {e}")))?;
    String::from_utf8(bytes).map_err(|e| ApiError::Internal(e.to_string()))
}

/// `GET /staff/villages/{code}/usulan.csv`.
pub async fn download(
    State(state): State<AppState>,
    _staff: StaffAuth,
    Path(village): Path<String>,
) -> ApiResult<Response> {
    crate::enrol::require_village(state.db(), &village).await?;
    let text = proposals_csv(state.db(), &village).await?;
    let disposition = format!("attachment; filename=\"usulan-{village}.csv\"");
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        text,
    )
        .into_response())
}
