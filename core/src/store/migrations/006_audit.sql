-- The audit chain (core/src/audit.rs): one entry per change, appended with it. `entry` is
-- the entry's JSON (`fields` holds hashes of values, never values); `seq` and `hash` are
-- what the chain is ordered and linked by. AUTOINCREMENT keeps the highest seq ever used
-- (sqlite_sequence), so a cut tail shows. Append-only for the app; the hashes catch the rest.
CREATE TABLE audit (
    seq   INTEGER PRIMARY KEY AUTOINCREMENT,
    hash  TEXT NOT NULL,
    entry TEXT NOT NULL
);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'append-only');
END;

CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'append-only');
END;
