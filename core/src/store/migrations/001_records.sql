-- Field records and the outbox. Each record keeps its full JSON in `data` (the form it is
-- synced in) plus the columns it is looked up by.
-- Every foreign-key column has an index: SQLite does not create one, and without it each
-- delete or update of a household scans the child tables.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE households (
    id           TEXT PRIMARY KEY NOT NULL,
    kk_number    TEXT NOT NULL,
    village_code TEXT NOT NULL,
    head_name    TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    data         TEXT NOT NULL
);
CREATE INDEX households_kk ON households(kk_number);
CREATE INDEX households_village ON households(village_code, head_name);

CREATE TABLE persons (
    id           TEXT PRIMARY KEY NOT NULL,
    household_id TEXT NOT NULL REFERENCES households(id),
    nik          TEXT,
    name         TEXT NOT NULL,
    data         TEXT NOT NULL
);
CREATE INDEX persons_household ON persons(household_id);
CREATE INDEX persons_nik ON persons(nik);

CREATE TABLE visits (
    id           TEXT PRIMARY KEY NOT NULL,
    household_id TEXT NOT NULL REFERENCES households(id),
    visited_at   TEXT NOT NULL,
    data         TEXT NOT NULL
);
CREATE INDEX visits_household ON visits(household_id);
CREATE INDEX visits_when ON visits(visited_at);

CREATE TABLE complaints (
    id           TEXT PRIMARY KEY NOT NULL,
    household_id TEXT REFERENCES households(id),
    status       TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    data         TEXT NOT NULL
);
CREATE INDEX complaints_household ON complaints(household_id);
CREATE INDEX complaints_status ON complaints(status, created_at);

CREATE TABLE referrals (
    id           TEXT PRIMARY KEY NOT NULL,
    household_id TEXT NOT NULL REFERENCES households(id),
    complaint_id TEXT REFERENCES complaints(id),
    status       TEXT NOT NULL,
    data         TEXT NOT NULL
);
CREATE INDEX referrals_household ON referrals(household_id);
CREATE INDEX referrals_complaint ON referrals(complaint_id);

CREATE TABLE proposals (
    id           TEXT PRIMARY KEY NOT NULL,
    household_id TEXT NOT NULL REFERENCES households(id),
    kind         TEXT NOT NULL,
    status       TEXT NOT NULL,
    data         TEXT NOT NULL
);
CREATE INDEX proposals_household ON proposals(household_id);

CREATE TABLE documents (
    id           TEXT PRIMARY KEY NOT NULL,
    household_id TEXT NOT NULL REFERENCES households(id),
    kind         TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    data         TEXT NOT NULL,
    bytes        BLOB,
    -- The same photo attached twice to a household is stored once.
    UNIQUE (household_id, sha256)
);

-- What must reach the district. A row is written in the same transaction as the record it
-- carries and is only marked `acked` once the district has acknowledged it; it is never
-- deleted before that.
CREATE TABLE outbox (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    entry_id        TEXT NOT NULL UNIQUE,
    entity          TEXT NOT NULL,
    entity_id       TEXT NOT NULL,
    village_code    TEXT,
    op              TEXT NOT NULL,
    clock           INTEGER NOT NULL,
    author          TEXT NOT NULL,
    recorded_at     TEXT NOT NULL,
    payload         TEXT NOT NULL,
    state           TEXT NOT NULL DEFAULT 'pending'
                    CHECK (state IN ('pending', 'acked', 'parked')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT,
    last_error      TEXT,
    acked_at        TEXT
);
CREATE INDEX outbox_state ON outbox(state, seq);
