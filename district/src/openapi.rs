//! The OpenAPI 3.1 document of the sync API, built here beside the routes and checked in as
//! `district/openapi.json` (a test keeps the two equal; regenerate with
//! `puskesos-district openapi > district/openapi.json`).

use axum::Json;
use serde_json::{json, Value};

fn r(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

fn body(name: &str) -> Value {
    json!({ "required": true, "content": { "application/json": { "schema": r(name) } } })
}

fn ok(name: &str, description: &str) -> Value {
    json!({ "description": description, "content": { "application/json": { "schema": r(name) } } })
}

fn errors(extra: &[(&str, &str)]) -> serde_json::Map<String, Value> {
    let mut m = serde_json::Map::new();
    let err = |d: &str| json!({ "description": d, "content": { "application/json": { "schema": r("ErrorBody") } } });
    m.insert(
        "401".into(),
        err("No, unknown or revoked device token (`unauthorized`, `revoked`): enrol again."),
    );
    m.insert(
        "403".into(),
        err("The token's village is not this village (`wrong_village`)."),
    );
    for (code, d) in extra {
        m.insert((*code).into(), err(d));
    }
    m
}

fn responses(success: (&str, Value), extra: &[(&str, &str)]) -> Value {
    let mut m = errors(extra);
    m.insert(success.0.into(), success.1);
    Value::Object(m)
}

fn village_param() -> Value {
    json!({ "name": "code", "in": "path", "required": true, "description": "Kemendagri village code, 10 digits.",
            "schema": { "type": "string", "pattern": "^[0-9]{10}$" } })
}

fn sha_param() -> Value {
    json!({ "name": "sha256", "in": "path", "required": true, "description": "SHA-256 of the file, lowercase hex.",
            "schema": { "type": "string", "pattern": "^[0-9a-f]{64}$" } })
}

fn schemas() -> Value {
    let s = json!({ "type": "string" });
    let i = json!({ "type": "integer", "format": "int64" });
    let t = json!({ "type": "string", "format": "date-time" });
    let u = json!({ "type": "string", "format": "uuid" });
    let hash = json!({ "type": ["string", "null"], "pattern": "^[0-9a-f]{64}$" });
    json!({
        "ErrorBody": { "type": "object", "required": ["code", "message"],
            "properties": { "code": s, "message": { "type": "string", "description": "For people, in Bahasa Indonesia." } } },
        "EnrolRequest": { "type": "object", "required": ["code"],
            "properties": { "code": { "type": "string", "description": "One-time code, `XXXX-XXXX`; case and separators ignored." },
                            "device_label": s } },
        "EnrolResponse": { "type": "object", "required": ["device_id", "token", "village_code", "village_name", "operator_id"],
            "properties": { "device_id": s, "token": { "type": "string", "description": "Bearer token `<device_id>.<secret>`, shown once." },
                            "village_code": s, "village_name": s, "operator_id": s,
                            "unlock_code": { "type": "string", "pattern": "^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$",
                                "description": "The device's unlock code, shown once: the phone wraps its store key under it and forgets it; after 10 wrong PINs it opens the phone and sets a new PIN. District staff can reveal it (each reveal logged). Absent from services older than the app lock." } } },
        "EnrolmentQr": { "type": "object", "required": ["url", "code"], "description": "JSON carried by the enrolment QR code.",
            "properties": { "url": s, "code": s, "cert_sha256": { "type": "string", "description": "SHA-256 of the service's DER certificate, when it runs its own TLS." } } },
        "RegistryRecord": { "type": "object",
            "required": ["extract_version", "village_code", "kk_number", "nik", "name", "birth_place", "birth_date", "sex", "relationship", "address", "rt", "rw"],
            "properties": { "extract_version": s, "village_code": s, "kk_number": s, "nik": s, "name": s, "birth_place": s,
                            "birth_date": { "type": "string", "format": "date" }, "sex": { "enum": ["male", "female"] },
                            "relationship": s, "desil": { "type": ["integer", "null"], "minimum": 1, "maximum": 10 },
                            "address": s, "rt": s, "rw": s } },
        "PackManifest": { "type": "object", "required": ["village_code", "version", "etag", "published_at", "registry_rows"],
            "properties": { "village_code": s, "version": i, "etag": s, "published_at": t,
                            "region_list_sha256": hash, "registry_sha256": hash, "registry_rows": i, "rules_sha256": hash } },
        "PackBody": { "oneOf": [
            { "type": "object", "required": ["kind", "registry"], "description": "The whole pack.",
              "properties": { "kind": { "const": "full" }, "region_list_csv": { "type": ["string", "null"] },
                              "registry": { "type": "array", "items": r("RegistryRecord") }, "rules": {} } },
            { "type": "object", "required": ["kind", "from_version", "registry_upserts", "registry_removed_niks"],
              "description": "Changes since `from_version`; a null part did not change.",
              "properties": { "kind": { "const": "delta" }, "from_version": i, "region_list_csv": { "type": ["string", "null"] },
                              "registry_upserts": { "type": "array", "items": r("RegistryRecord") },
                              "registry_removed_niks": { "type": "array", "items": s }, "rules": {} } } ] },
        "VillagePack": { "type": "object", "required": ["manifest", "body"],
            "properties": { "manifest": r("PackManifest"), "body": r("PackBody") } },
        "OutboxEntry": { "type": "object",
            "required": ["entry_id", "seq", "entity", "entity_id", "village_code", "op", "clock", "device_id", "author", "recorded_at"],
            "properties": { "entry_id": u, "seq": i,
                            "entity": { "enum": ["household", "person", "visit", "complaint", "referral", "proposal", "document", "evaluation"] },
                            "entity_id": u, "village_code": s, "op": { "enum": ["upsert", "delete"] },
                            "clock": { "type": "integer", "format": "int64", "description": "The device's logical clock; higher wins, ties go to the greater device_id." },
                            "device_id": s, "author": s, "recorded_at": t,
                            "payload": { "description": "The record as JSON; households and persons merge field by field." } } },
        "UploadBatch": { "type": "object", "required": ["entries"],
            "properties": { "entries": { "type": "array", "maxItems": crate::records::MAX_BATCH_ENTRIES, "items": r("OutboxEntry") },
                            "audit": r("AuditUpload") } },
        "ChainHead": { "type": "object", "required": ["seq", "hash"], "properties": { "seq": i, "hash": hash } },
        "AuditEntry": { "type": "object", "required": ["seq", "at", "operator", "entity", "entity_id", "op", "fields", "prev_hash", "hash"],
            "description": "One link of the device's audit chain; `hash` is SHA-256 over the entry's canonical form (`puskesos-audit/1`, core/src/audit.rs), `prev_hash` the hash of the entry before (64 zeros for the first).",
            "properties": { "seq": i, "at": t, "operator": s, "entity": s, "entity_id": u,
                            "op": { "enum": ["create", "update", "delete", "attach"] },
                            "fields": { "type": "array", "items": { "type": "object", "required": ["field"],
                                "properties": { "field": s, "old": hash, "new": hash } },
                                "description": "Fields changed, with SHA-256 hashes of their old and new values (salted with the record id and field name), never the values." },
                            "prev_hash": hash, "hash": hash } },
        "AuditUpload": { "type": "object", "required": ["entries"],
            "description": "The device's audit chain head and the entries after the last one the district acknowledged. Older districts ignore it.",
            "properties": { "head": { "oneOf": [r("ChainHead"), { "type": "null" }] },
                            "entries": { "type": "array", "maxItems": crate::audit::MAX_AUDIT_ENTRIES, "items": r("AuditEntry") } } },

        "EntryResult": { "oneOf": [
            { "type": "object", "required": ["entry_id", "outcome", "duplicate"],
              "properties": { "entry_id": u, "outcome": { "const": "acked" }, "duplicate": { "type": "boolean" },
                              "overridden_fields": { "type": "array", "items": s } } },
            { "type": "object", "required": ["entry_id", "outcome", "code", "reason"],
              "properties": { "entry_id": u, "outcome": { "const": "rejected" },
                              "code": { "enum": ["wrong_village", "wrong_device", "invalid_payload"] }, "reason": s } } ] },
        "BatchResponse": { "type": "object", "required": ["results"],
            "properties": { "results": { "type": "array", "items": r("EntryResult"), "description": "One per entry, in order." },
                            "audit_acked": { "type": "integer", "format": "int64",
                                "description": "Present when the batch carried an audit chain: the district holds every entry of the device's chain up to this seq, broken or not (breaks are flagged for staff)." },
                            "final_upload": { "type": "boolean",
                                "description": "Present (true) when staff revoked the device with its last upload allowed: it sends what still waits, pulls nothing (every other route answers `revoked`), and wipes itself once nothing waits." } } },
        "UploadBegin": { "type": "object", "required": ["size", "mime"],
            "properties": { "size": { "type": "integer", "minimum": 1, "maximum": crate::files::MAX_FILE_BYTES }, "mime": s } },
        "ChunkStatus": { "type": "object", "required": ["sha256", "size", "received", "complete"],
            "properties": { "sha256": s, "size": i, "received": i, "complete": { "type": "boolean" } } },
        "StatusChange": { "type": "object", "required": ["cursor", "entity", "entity_id", "status", "by", "at"],
            "properties": { "cursor": i, "entity": { "enum": ["complaint", "referral", "proposal"] }, "entity_id": u,
                            "status": s, "note": s, "by": s, "at": t } },
        "StatusFeed": { "type": "object", "required": ["changes", "next_cursor", "more"],
            "properties": { "changes": { "type": "array", "items": r("StatusChange") }, "next_cursor": i, "more": { "type": "boolean" } } }
    })
}

/// The document. Paths are relative to the server URL.
pub fn document() -> Value {
    let bearer = json!([{ "device": [] }]);
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Puskesos Field district sync API",
            "version": "1",
            "description": "Phones enrol with a one-time code, pull their village pack, push outbox batches and document bytes, and pull the district's decisions. Every route but enrolment takes the device token and serves only the token's village."
        },
        "components": {
            "securitySchemes": { "device": { "type": "http", "scheme": "bearer", "description": "`<device_id>.<secret>` from enrolment." } },
            "schemas": schemas()
        },
        "paths": {
            "/api/v1/enrol": { "post": {
                "operationId": "enrol", "summary": "Trade a one-time enrolment code for a device token.",
                "requestBody": body("EnrolRequest"),
                "responses": {
                    "200": ok("EnrolResponse", "Enrolled."),
                    "403": { "description": "Unknown, expired or used code (`enrol_code_unknown`, `enrol_code_expired`, `enrol_code_used`).",
                             "content": { "application/json": { "schema": r("ErrorBody") } } }
                } } },
            "/api/v1/villages/{code}/pack": { "get": {
                "operationId": "getPack", "summary": "The village pack; 304 when If-None-Match names the current ETag.",
                "security": bearer, "parameters": [ village_param(),
                    { "name": "since", "in": "query", "required": false, "schema": { "type": "integer" }, "description": "The version the phone holds: answer with a delta when possible." },
                    { "name": "If-None-Match", "in": "header", "required": false, "schema": { "type": "string" } } ],
                "responses": responses(("200", json!({ "description": "The pack (full or delta), with an ETag header.",
                        "headers": { "ETag": { "schema": { "type": "string" } } },
                        "content": { "application/json": { "schema": r("VillagePack") } } })),
                    &[("304", "Unchanged."), ("404", "No pack published yet.")]) ,
                } },
            "/api/v1/villages/{code}/batches": { "post": {
                "operationId": "pushBatch", "summary": "Upload outbox entries; idempotent by entry_id.",
                "security": bearer, "parameters": [ village_param() ], "requestBody": body("UploadBatch"),
                "responses": responses(("200", ok("BatchResponse", "A verdict per entry.")), &[("400", "Malformed batch.")]) } },
            "/api/v1/villages/{code}/files/{sha256}": {
                "get": { "operationId": "fileStatus", "summary": "How much of a file the service holds.",
                    "security": bearer, "parameters": [ village_param(), sha_param() ],
                    "responses": responses(("200", ok("ChunkStatus", "Upload state.")), &[("404", "Never begun.")]) },
                "post": { "operationId": "beginUpload", "summary": "Begin or resume an upload; complete at once when the bytes are already stored.",
                    "security": bearer, "parameters": [ village_param(), sha_param() ], "requestBody": body("UploadBegin"),
                    "responses": responses(("200", ok("ChunkStatus", "Upload state.")), &[("400", "Bad size or name.")]) },
                "put": { "operationId": "putChunk", "summary": "Append bytes at `offset`; the last chunk triggers the SHA-256 check.",
                    "security": bearer, "parameters": [ village_param(), sha_param(),
                        { "name": "offset", "in": "query", "required": true, "schema": { "type": "integer", "minimum": 0 } } ],
                    "requestBody": { "required": true, "content": { "application/octet-stream": { "schema": { "type": "string", "format": "binary" } } } },
                    "responses": responses(("200", ok("ChunkStatus", "Upload state.")),
                        &[("404", "Upload not begun."), ("409", "Offset is not what the service holds (`offset_mismatch`): ask and continue."),
                          ("422", "Bytes do not hash to the name (`hash_mismatch`); the upload starts over.")]) } },
            "/api/v1/villages/{code}/status-changes": { "get": {
                "operationId": "statusChanges", "summary": "The district's decisions on the village's complaints, referrals and proposals after a cursor.",
                "security": bearer, "parameters": [ village_param(),
                    { "name": "after", "in": "query", "required": false, "schema": { "type": "integer", "default": 0 } },
                    { "name": "limit", "in": "query", "required": false, "schema": { "type": "integer", "default": 200, "maximum": 1000 } } ],
                "responses": responses(("200", ok("StatusFeed", "Changes in cursor order.")), &[]) } }
        }
    })
}

/// `GET /openapi.json`.
pub async fn serve() -> Json<Value> {
    Json(document())
}
