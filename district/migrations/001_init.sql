-- Portable SQL: the same statements run on SQLite and PostgreSQL. Integers are BIGINT (the
-- `any` driver decodes i64 on both), times are unix milliseconds (BIGINT) for comparison and
-- RFC 3339 text for display, JSON is TEXT, hashes are lowercase hex.

CREATE TABLE staff (
    username TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    username TEXT NOT NULL REFERENCES staff (username),
    expires_ms BIGINT NOT NULL
);
-- Foreign-key columns are indexed so that deleting a parent does not scan the child table.
CREATE INDEX sessions_username ON sessions (username);

CREATE TABLE villages (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE enrol_codes (
    code_hash TEXT PRIMARY KEY,
    village_code TEXT NOT NULL REFERENCES villages (code),
    operator_id TEXT NOT NULL,
    expires_ms BIGINT NOT NULL,
    used_ms BIGINT,
    created_by TEXT NOT NULL
);
CREATE INDEX enrol_codes_village ON enrol_codes (village_code);

CREATE TABLE devices (
    device_id TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL,
    village_code TEXT NOT NULL REFERENCES villages (code),
    operator_id TEXT NOT NULL,
    label TEXT NOT NULL,
    enrolled_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE INDEX devices_village ON devices (village_code);

CREATE TABLE packs (
    village_code TEXT NOT NULL REFERENCES villages (code),
    version BIGINT NOT NULL,
    published_at TEXT NOT NULL,
    region_list_csv TEXT,
    region_list_sha256 TEXT,
    registry_json TEXT NOT NULL,
    registry_sha256 TEXT,
    registry_rows BIGINT NOT NULL,
    rules_json TEXT,
    rules_sha256 TEXT,
    PRIMARY KEY (village_code, version)
);

CREATE TABLE records (
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    village_code TEXT NOT NULL REFERENCES villages (code),
    household_id TEXT,
    payload TEXT NOT NULL,
    field_clocks TEXT NOT NULL,
    record_clock BIGINT NOT NULL,
    record_device TEXT NOT NULL,
    deleted BIGINT NOT NULL,
    status TEXT,
    district_status TEXT,
    district_note TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (entity, entity_id)
);
CREATE INDEX records_village ON records (village_code, entity);
CREATE INDEX records_household ON records (household_id);

CREATE TABLE applied_entries (
    entry_id TEXT PRIMARY KEY,
    device_id TEXT NOT NULL,
    village_code TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    applied_at TEXT NOT NULL
);

CREATE TABLE conflicts (
    id TEXT PRIMARY KEY,
    village_code TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    field TEXT NOT NULL,
    kept_value TEXT NOT NULL,
    kept_clock BIGINT NOT NULL,
    kept_device TEXT NOT NULL,
    lost_value TEXT NOT NULL,
    lost_clock BIGINT NOT NULL,
    lost_device TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    at TEXT NOT NULL,
    reviewed_by TEXT
);
CREATE INDEX conflicts_village ON conflicts (village_code);

CREATE TABLE uploads (
    village_code TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size BIGINT NOT NULL,
    mime TEXT NOT NULL,
    complete BIGINT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (village_code, sha256)
);

CREATE TABLE status_feed (
    seq BIGINT PRIMARY KEY,
    village_code TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    status TEXT NOT NULL,
    note TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX status_feed_village ON status_feed (village_code, seq);

CREATE TABLE counters (
    name TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO counters (name, value) VALUES ('status_feed', 0);
