-- The audit chain: one entry per change to a record, appended in the change's transaction
-- (see core/src/audit.rs for what is hashed). `seq` runs 1, 2, 3… without holes; `fields`
-- is JSON, [{"field", "old", "new"}] with SHA-256 hashes of the values, never the values.
-- The store only ever inserts: the triggers stop an update or delete by the app itself;
-- the chain's hashes (checked on the phone and at the district) catch one made around it.
CREATE TABLE audit (
    seq       INTEGER PRIMARY KEY NOT NULL,
    at        TEXT NOT NULL,
    operator  TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    op        TEXT NOT NULL,
    fields    TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'audit entries are append-only');
END;

CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'audit entries are append-only');
END;
