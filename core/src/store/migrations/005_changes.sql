-- Corrections, moves and deletions. A record deleted on the phone keeps its row, marked
-- with `deleted_at`, until the district has acknowledged the deletion: the outbox may still
-- hold the record's earlier entries (and a document's bytes wait to be uploaded), and a
-- mistaken deletion can be seen in the history. Every read of live records filters on it.
ALTER TABLE households ADD COLUMN deleted_at TEXT;
ALTER TABLE persons ADD COLUMN deleted_at TEXT;
ALTER TABLE visits ADD COLUMN deleted_at TEXT;
ALTER TABLE documents ADD COLUMN deleted_at TEXT;

-- The history of changes made with a reason, per household: what the phone shows under
-- "riwayat", and what travels with the corrected record to the district.
CREATE TABLE changes (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    household_id TEXT NOT NULL,
    entity       TEXT NOT NULL CHECK (entity IN ('household', 'person')),
    entity_id    TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('correction', 'move', 'delete')),
    data         TEXT NOT NULL
);
-- Not a foreign key: a deleted household's history stays readable.
CREATE INDEX changes_household ON changes(household_id, seq);
