-- Each device's audit chain as it arrived (see core/src/audit.rs), the head the phone
-- reported at every sync, and the breaks the checks found. Entries are kept as first
-- received: an entry sent again with other content is a break, never a replacement.

CREATE TABLE audit_entries (
    device_id TEXT NOT NULL REFERENCES devices (device_id),
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL,
    entry TEXT NOT NULL,
    received_at TEXT NOT NULL,
    PRIMARY KEY (device_id, seq)
);

CREATE TABLE audit_heads (
    device_id TEXT PRIMARY KEY REFERENCES devices (device_id),
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE audit_syncs (
    id TEXT PRIMARY KEY,
    device_id TEXT NOT NULL REFERENCES devices (device_id),
    reported_seq BIGINT,
    reported_hash TEXT,
    entries BIGINT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX audit_syncs_device ON audit_syncs (device_id);

CREATE TABLE audit_breaks (
    device_id TEXT NOT NULL REFERENCES devices (device_id),
    kind TEXT NOT NULL,
    seq BIGINT NOT NULL,
    found_at TEXT NOT NULL,
    PRIMARY KEY (device_id, kind, seq)
);
