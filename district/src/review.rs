//! Review pages for district staff: server-rendered HTML in Bahasa Indonesia (maud escapes
//! every value), usable on an office PC without JavaScript.

// Handlers answer with `Result<_, Response>`, the axum idiom; the large Err is by design.
#![allow(clippy::result_large_err)]

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use maud::{html, Markup, PreEscaped, DOCTYPE};
use puskesos_core::sync::wire::Entity;
use serde::Deserialize;
use serde_json::Value;
use sqlx::Row;

use crate::auth::StaffAuth;
use crate::db::Db;
use crate::error::{ApiError, ApiResult};
use crate::feed::{next_status, COMPLAINT_FLOW, REFERRAL_FLOW};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(|| async { Redirect::to("/staff") }))
        .route("/login", get(login_page))
        .route("/staff", get(home))
        .route("/staff/villages", post(form_create_village))
        .route("/staff/villages/{code}", get(village_page))
        .route("/staff/villages/{code}/enrol-code", post(form_issue_code))
        .route(
            "/staff/villages/{code}/devices/{id}/revoke",
            post(form_revoke),
        )
        .route(
            "/staff/villages/{code}/devices/{id}/unlock-code",
            post(form_reveal_unlock_code),
        )
        .route(
            "/staff/villages/{code}/records/{entity}/{id}/status",
            post(form_change_status),
        )
        .route("/staff/villages/{code}/files/{sha256}", get(file))
        .route(
            "/staff/villages/{code}/usulan.csv",
            get(crate::export::download),
        )
}

/// A record as the pages see it. The payload is the record as the phone sent it (KK
/// number, NIKs) and a note may quote one: `Debug` masks identity numbers, for the service's
/// logs.
#[derive(Clone)]
pub struct RecordView {
    pub id: String,
    pub payload: Value,
    pub status: Option<String>,
    pub district_note: Option<String>,
    pub deleted: bool,
}

puskesos_core::redacted_debug!(RecordView {
    id,
    payload,
    status,
    district_note,
    deleted,
});

impl RecordView {
    pub fn status(&self) -> &str {
        self.status.as_deref().unwrap_or("")
    }

    pub fn field(&self, key: &str) -> &str {
        self.payload.get(key).and_then(Value::as_str).unwrap_or("")
    }
}

pub async fn records_of(db: &Db, village: &str, entity: &str) -> ApiResult<Vec<RecordView>> {
    let rows = sqlx::query(
        "SELECT entity_id, payload, status, district_note, deleted FROM records
         WHERE village_code = $1 AND entity = $2 ORDER BY entity_id",
    )
    .bind(village)
    .bind(entity)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(RecordView {
                id: r.try_get("entity_id")?,
                payload: serde_json::from_str(&r.try_get::<String, _>("payload")?)?,
                status: r.try_get("status")?,
                district_note: r.try_get("district_note")?,
                deleted: r.try_get::<i64, _>("deleted")? != 0,
            })
        })
        .collect()
}

fn page(title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="id" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · Dinas Sosial" }
                style { (PreEscaped(CSS)) }
            }
            body {
                header { a href="/staff" { "Puskesos · Dinas Sosial" } " "
                    form.inline method="post" action="/logout" { button { "Keluar" } } }
                main { h1 { (title) } (body) }
            }
        }
    }
}

const CSS: &str = "body{font-family:sans-serif;margin:0;color:#222}header{background:#0b5;padding:.5em 1em}header a{color:#fff;font-weight:bold;text-decoration:none}main{padding:1em;max-width:70em}table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}form.inline{display:inline}img.doc{max-width:8em;max-height:8em;margin:.2em}.code{font-size:2em;font-family:monospace}.muted{color:#777}.flag{color:#b00;font-weight:bold}";

fn status_label(s: &str) -> &str {
    match s {
        "received" => "Diterima",
        "registry_checked" => "Dicek di DTKS",
        "referred" => "Dirujuk",
        "handled" => "Ditangani",
        "monitored" => "Dipantau",
        "closed" => "Selesai",
        "proposed" => "Diusulkan",
        "sent" => "Dikirim",
        "accepted" => "Diterima",
        "served" => "Dilayani",
        "rejected" => "Ditolak",
        "draft" => "Draf",
        "submitted" => "Diajukan",
        "returned" => "Dikembalikan",
        other => other,
    }
}

fn to_login(r: Result<StaffAuth, ApiError>) -> Result<StaffAuth, Response> {
    r.map_err(|_| Redirect::to("/login").into_response())
}

#[derive(Debug, Deserialize)]
struct LoginQuery {
    gagal: Option<String>,
}

async fn login_page(Query(q): Query<LoginQuery>) -> Markup {
    page(
        "Masuk",
        html! {
            @if q.gagal.is_some() { p { strong { "Nama atau kata sandi salah." } } }
            form method="post" action="/login" {
                p { label { "Nama " input name="username" value="admin"; } }
                p { label { "Kata sandi " input name="password" type="password"; } }
                button { "Masuk" }
            }
        },
    )
}

async fn home(
    State(state): State<AppState>,
    staff: Result<StaffAuth, ApiError>,
) -> Result<Markup, Response> {
    to_login(staff)?;
    let villages = crate::enrol::list_villages(state.db())
        .await
        .map_err(IntoResponse::into_response)?;
    Ok(page(
        "Desa",
        html! {
            table {
                tr { th { "Kode" } th { "Nama" } }
                @for (code, name) in &villages {
                    tr { td { a href={"/staff/villages/" (code)} { (code) } } td { (name) } }
                }
            }
            h2 { "Tambah desa" }
            form method="post" action="/staff/villages" {
                label { "Kode Kemendagri (10 angka) " input name="code" pattern="[0-9.]{10,13}" required; } " "
                label { "Nama " input name="name" required; } " "
                button { "Simpan" }
            }
            p.muted { "Ponsel mendaftar dengan kode sekali pakai dari halaman desa." }
        },
    ))
}

#[derive(Debug, Deserialize)]
struct VillageForm {
    code: String,
    name: String,
}

async fn form_create_village(
    State(state): State<AppState>,
    staff: Result<StaffAuth, ApiError>,
    Form(f): Form<VillageForm>,
) -> Result<Response, Response> {
    to_login(staff)?;
    let code = crate::enrol::create_village(state.db(), &f.code, &f.name)
        .await
        .map_err(IntoResponse::into_response)?;
    Ok(Redirect::to(&format!("/staff/villages/{code}")).into_response())
}

/// A device's audit chain on the village page: every break named with the entry it is at,
/// so that staff know which stretch of the device's work to check.
fn audit_cell(a: Option<&crate::audit::DeviceAudit>) -> Markup {
    html! {
        @match a {
            Some(a) if !a.is_intact() => {
                @for b in &a.breaks {
                    span.flag { "⚠ Rantai audit rusak: " (b.label) } br;
                }
                span.muted { "ditemukan " (a.breaks[0].found_at) }
            }
            Some(crate::audit::DeviceAudit { head_seq: Some(n), .. }) => {
                "Utuh s.d. entri no. " (n)
            }
            _ => span.muted { "Belum ada" },
        }
    }
}

fn qr_svg(text: &str) -> String {
    match qrcode::QrCode::new(text.as_bytes()) {
        Ok(code) => code
            .render::<qrcode::render::svg::Color>()
            .min_dimensions(220, 220)
            .build(),
        Err(_) => String::new(),
    }
}

async fn village_page(
    State(state): State<AppState>,
    staff: Result<StaffAuth, ApiError>,
    Path(village): Path<String>,
) -> Result<Markup, Response> {
    to_login(staff)?;
    render_village(&state, &village, None, None)
        .await
        .map_err(IntoResponse::into_response)
}

/// A device's unlock code, just revealed to the staff member looking at the page.
struct Revealed {
    device_id: String,
    code: String,
}

async fn render_village(
    state: &AppState,
    village: &str,
    issued: Option<crate::staff::IssuedCode>,
    revealed: Option<Revealed>,
) -> ApiResult<Markup> {
    let db = state.db();
    let name = crate::enrol::require_village(db, village).await?;
    let devices = crate::enrol::list_devices(db, village).await?;
    let code_views = crate::unlock::views(db, village).await?;
    let audit = crate::audit::village_audit(db, village).await?;
    let households = records_of(db, village, "household").await?;
    let persons = records_of(db, village, "person").await?;
    let complaints = records_of(db, village, "complaint").await?;
    let referrals = records_of(db, village, "referral").await?;
    let proposals = records_of(db, village, "proposal").await?;
    let documents = records_of(db, village, "document").await?;
    let conflicts = crate::staff::conflicts(db, village).await?;
    let uploaded = uploaded_hashes(db, village).await?;
    let action =
        |entity: &str, id: &str| format!("/staff/villages/{village}/records/{entity}/{id}/status");
    Ok(page(
        &format!("{name} ({village})"),
        html! {
            p { a href={"/staff/villages/" (village) "/usulan.csv"} { "Unduh usulan DTKS (CSV, format BNBA)" } }
            h2 { "Pendaftaran ponsel" }
            @if let Some(i) = &issued {
                p { "Kode untuk operator: " span.code { (i.code) } " — berlaku " (i.expires_minutes) " menit, sekali pakai." }
                @let qr = serde_json::to_string(&i.qr).unwrap_or_default();
                div { (PreEscaped(qr_svg(&qr))) }
                p.muted { "QR berisi alamat layanan, kode" @if i.qr.cert_sha256.is_some() { " dan sidik jari sertifikat" } ". " code { (qr) } }
                p { "Di CLI: " code { "puskesos enrol " (i.qr.url) " " (i.code) } }
            }
            form method="post" action={"/staff/villages/" (village) "/enrol-code"} {
                label { "ID operator " input name="operator_id" required; } " " button { "Buat kode pendaftaran" }
            }
            table {
                tr { th { "Perangkat" } th { "Operator" } th { "Label" } th { "Terdaftar" } th { "Jejak audit" } th { "Status" } th { "Kode buka kunci" } }
                @for d in &devices {
                    tr {
                        td { code { (d.device_id) } } td { (d.operator_id) } td { (d.label) } td { (d.enrolled_at) }
                        td { (audit_cell(audit.get(&d.device_id))) }
                        td {
                            @if let Some(r) = &d.revoked_at {
                                "Dicabut " (r)
                                @if d.final_upload { br; span.muted { "setelah unggahan terakhir" } }
                            } @else {
                                form.inline method="post" action={"/staff/villages/" (village) "/devices/" (d.device_id) "/revoke"} { button { "Cabut" } }
                                " "
                                form.inline method="post" action={"/staff/villages/" (village) "/devices/" (d.device_id) "/revoke"} {
                                    input type="hidden" name="final_upload" value="1";
                                    button { "Cabut setelah unggahan terakhir" }
                                }
                            }
                        }
                        td {
                            @if let Some(r) = revealed.as_ref().filter(|r| r.device_id == d.device_id) {
                                span.code { (r.code) }
                            } @else if d.revoked_at.is_some() {
                                // A revoked phone wipes itself: there is nothing to unlock.
                                span.muted { "—" }
                            } @else {
                                form.inline method="post" action={"/staff/villages/" (village) "/devices/" (d.device_id) "/unlock-code"} { button { "Tampilkan kode buka kunci" } }
                            }
                        }
                    }
                }
            }
            p.muted { "Kode buka kunci membuka ponsel yang terkunci setelah 10 kali PIN salah. Bacakan hanya kepada operator perangkat itu; setiap kali kode ditampilkan, nama petugas dicatat." }
            h3 { "Catatan tampilan kode buka kunci (" (code_views.len()) ")" }
            table {
                tr { th { "Waktu" } th { "Perangkat" } th { "Petugas" } }
                @for v in &code_views {
                    tr { td { (v.viewed_at) } td { code { (v.device_id) } } td { (v.username) } }
                }
            }
            h2 { "Pengaduan" }
            @for status in COMPLAINT_FLOW {
                @let list: Vec<_> = complaints.iter().filter(|c| c.status() == *status && !c.deleted).collect();
                @if !list.is_empty() {
                    h3 { (status_label(status)) " (" (list.len()) ")" }
                    table {
                        tr { th { "Pelapor" } th { "Kategori" } th { "Uraian" } th { "Tindakan" } }
                        @for c in list {
                            tr {
                                td { (c.field("complainant_name")) } td { (c.field("category")) } td { (c.field("description")) }
                                td { @if let Some(next) = next_status(COMPLAINT_FLOW, status) {
                                    form.inline method="post" action=(action("complaint", &c.id)) {
                                        input type="hidden" name="status" value=(next);
                                        input name="note" placeholder="catatan";
                                        button { "Lanjut: " (status_label(next)) }
                                    }
                                } }
                            }
                        }
                    }
                }
            }
            h2 { "Rujukan" }
            table {
                tr { th { "Sektor" } th { "Layanan" } th { "Lembaga" } th { "Status" } th { "Tindakan" } }
                @for r in referrals.iter().filter(|r| !r.deleted) {
                    tr {
                        td { (r.field("sector")) } td { (r.field("service")) } td { (r.field("institution")) }
                        td { (status_label(r.status())) @if let Some(n) = &r.district_note { br; span.muted { (n) } } }
                        td {
                            @if let Some(next) = next_status(REFERRAL_FLOW, r.status()) {
                                form.inline method="post" action=(action("referral", &r.id)) {
                                    input type="hidden" name="status" value=(next);
                                    button { "Lanjut: " (status_label(next)) }
                                }
                            }
                            @if !matches!(r.status(), "served" | "rejected") {
                                form.inline method="post" action=(action("referral", &r.id)) {
                                    input type="hidden" name="status" value="rejected";
                                    input name="note" placeholder="alasan";
                                    button { "Tolak" }
                                }
                            }
                        }
                    }
                }
            }
            h2 { "Usulan DTKS" }
            table {
                tr { th { "Jenis" } th { "Alasan" } th { "Status" } th { "Tindakan" } }
                @for p in proposals.iter().filter(|p| !p.deleted) {
                    tr {
                        td { (p.field("kind")) } td { (p.field("reason")) }
                        td { (status_label(p.status())) @if let Some(n) = &p.district_note { br; span.muted { (n) } } }
                        td { @if matches!(p.status(), "submitted" | "draft") {
                            form.inline method="post" action=(action("proposal", &p.id)) {
                                input type="hidden" name="status" value="accepted"; button { "Terima" }
                            }
                            form.inline method="post" action=(action("proposal", &p.id)) {
                                input type="hidden" name="status" value="returned";
                                input name="note" placeholder="alasan pengembalian" required;
                                button { "Kembalikan" }
                            }
                        } }
                    }
                }
            }
            h2 { "Keluarga" }
            table {
                tr { th { "Kepala keluarga" } th { "Alamat" } th { "Anggota" } th { "Dokumen" } }
                @for h in households.iter().filter(|h| !h.deleted) {
                    tr {
                        td { (h.field("head_name")) br; span.muted { "KK " (mask(h.field("kk_number"))) } }
                        td { (h.field("address")) " RT " (h.field("rt")) " RW " (h.field("rw")) }
                        td { @for m in persons.iter().filter(|m| m.field("household_id") == h.id && !m.deleted) {
                            (m.field("name")) " (" (mask(m.field("nik"))) ")" br;
                        } }
                        td { @for d in documents.iter().filter(|d| d.field("household_id") == h.id && !d.deleted) {
                            @let sha = d.field("sha256");
                            @if uploaded.iter().any(|u| u == sha) {
                                @if d.field("mime").starts_with("image/") {
                                    a href={"/staff/villages/" (village) "/files/" (sha)} { img.doc src={"/staff/villages/" (village) "/files/" (sha)} alt=(d.field("kind")); }
                                } @else {
                                    a href={"/staff/villages/" (village) "/files/" (sha)} { (d.field("kind")) }
                                }
                            } @else { span.muted { (d.field("kind")) " (belum terunggah)" } }
                        } }
                    }
                }
            }
            h2 { "Konflik suntingan (" (conflicts.len()) ")" }
            p.muted { "Nilai yang kalah saat dua ponsel mengubah kolom yang sama; jam logis lebih tinggi menang." }
            table {
                tr { th { "Catatan" } th { "Kolom" } th { "Dipakai" } th { "Tertimpa" } }
                @for c in &conflicts {
                    tr {
                        td { (c.entity) " " code { (c.entity_id) } } td { (c.field) }
                        td { (c.kept_value.to_string()) br; span.muted { "jam " (c.kept_clock) } }
                        td { (c.lost_value.to_string()) br; span.muted { "jam " (c.lost_clock) } }
                    }
                }
            }
        },
    ))
}

/// Shows the last four digits only: staff recognise a family without the page exposing
/// whole NIK and KK numbers on a shared office screen.
fn mask(number: &str) -> String {
    let n = number.chars().count();
    if n <= 4 {
        return number.to_string();
    }
    let tail: String = number.chars().skip(n - 4).collect();
    format!("{}{tail}", "•".repeat(n - 4))
}

async fn uploaded_hashes(db: &Db, village: &str) -> ApiResult<Vec<String>> {
    let rows = sqlx::query("SELECT sha256 FROM uploads WHERE village_code = $1 AND complete = 1")
        .bind(village)
        .fetch_all(&db.pool)
        .await?;
    rows.iter().map(|r| Ok(r.try_get("sha256")?)).collect()
}

#[derive(Debug, Deserialize)]
struct CodeForm {
    operator_id: String,
}

async fn form_issue_code(
    State(state): State<AppState>,
    staff: Result<StaffAuth, ApiError>,
    Path(village): Path<String>,
    Form(f): Form<CodeForm>,
) -> Result<Markup, Response> {
    let staff = to_login(staff)?;
    let issued = crate::staff::issue_code(&state, &village, &f.operator_id, &staff.username)
        .await
        .map_err(IntoResponse::into_response)?;
    render_village(&state, &village, Some(issued), None)
        .await
        .map_err(IntoResponse::into_response)
}

/// "Tampilkan kode buka kunci": reveals one device's unlock code on the village page, for
/// the staff member to read to a locked-out operator. A POST (like every staff form, behind
/// the SameSite=Strict session cookie, so another site cannot trigger it), logged before the
/// page is sent, and never cached by the browser.
async fn form_reveal_unlock_code(
    State(state): State<AppState>,
    staff: Result<StaffAuth, ApiError>,
    Path((village, device)): Path<(String, String)>,
) -> Result<Response, Response> {
    let staff = to_login(staff)?;
    let code = crate::unlock::reveal(
        state.db(),
        state.unlock_key(),
        &village,
        &device,
        &staff.username,
    )
    .await
    .map_err(IntoResponse::into_response)?;
    let revealed = Revealed {
        device_id: device,
        code,
    };
    let page = render_village(&state, &village, None, Some(revealed))
        .await
        .map_err(IntoResponse::into_response)?;
    Ok(([(header::CACHE_CONTROL, "no-store")], page).into_response())
}

/// "Cabut" revokes at once; "Cabut setelah unggahan terakhir" (`final_upload=1`) lets the
/// phone send what waits on it first.
#[derive(Debug, Default, Deserialize)]
struct RevokeForm {
    #[serde(default)]
    final_upload: Option<String>,
}

async fn form_revoke(
    State(state): State<AppState>,
    staff: Result<StaffAuth, ApiError>,
    Path((village, device)): Path<(String, String)>,
    Form(f): Form<RevokeForm>,
) -> Result<Response, Response> {
    to_login(staff)?;
    let devices = crate::enrol::list_devices(state.db(), &village)
        .await
        .map_err(IntoResponse::into_response)?;
    if !devices.iter().any(|d| d.device_id == device) {
        return Err(ApiError::NotFound(device).into_response());
    }
    let final_upload = f.final_upload.as_deref() == Some("1");
    crate::enrol::revoke_device(state.db(), &device, final_upload)
        .await
        .map_err(IntoResponse::into_response)?;
    Ok(Redirect::to(&format!("/staff/villages/{village}")).into_response())
}

/// `Debug` masks identity numbers in the note staff typed.
#[derive(Deserialize)]
pub(crate) struct StatusForm {
    pub(crate) status: String,
    #[serde(default)]
    pub(crate) note: String,
}
puskesos_core::redacted_debug!(StatusForm { status, note });

async fn form_change_status(
    State(state): State<AppState>,
    staff: Result<StaffAuth, ApiError>,
    Path((village, entity, id)): Path<(String, String, String)>,
    Form(f): Form<StatusForm>,
) -> Result<Response, Response> {
    let staff = to_login(staff)?;
    let entity =
        Entity::parse(&entity).ok_or_else(|| ApiError::NotFound(entity.clone()).into_response())?;
    crate::feed::change_status(
        state.db(),
        &village,
        entity,
        &id,
        &f.status,
        &f.note,
        &staff.username,
    )
    .await
    .map_err(IntoResponse::into_response)?;
    Ok(Redirect::to(&format!("/staff/villages/{village}")).into_response())
}

async fn file(
    State(state): State<AppState>,
    staff: Result<StaffAuth, ApiError>,
    Path((village, sha)): Path<(String, String)>,
) -> Result<Response, Response> {
    to_login(staff)?;
    crate::files::check_sha256(&sha).map_err(IntoResponse::into_response)?;
    let mime = crate::files::village_has(state.db(), &village, &sha)
        .await
        .map_err(IntoResponse::into_response)?
        .ok_or_else(|| ApiError::NotFound(sha.clone()).into_response())?;
    let bytes = tokio::fs::read(state.files().blob_path(&sha))
        .await
        .map_err(|e| ApiError::from(e).into_response())?;
    Ok(([(header::CONTENT_TYPE, mime)], bytes).into_response())
}
