-- Eligibility: the rule packs installed on the phone and every evaluation made with them.
-- Packs are kept forever, also after a newer version replaces them, so that an old verdict
-- can still be explained with the exact criteria that made it. At most one pack is active.
-- The rowid orders installs: versions of one pack id are only ever installed upwards.

CREATE TABLE rule_packs (
    pack_id        TEXT NOT NULL,
    version        TEXT NOT NULL,
    digest         TEXT NOT NULL,
    effective_from TEXT NOT NULL,
    installed_at   TEXT NOT NULL,
    active         INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
    -- The pack as published, byte for byte: reloading it gives the same digest.
    json           TEXT NOT NULL,
    PRIMARY KEY (pack_id, version)
);
CREATE UNIQUE INDEX rule_packs_one_active ON rule_packs(active) WHERE active = 1;

CREATE TABLE evaluations (
    id           TEXT PRIMARY KEY NOT NULL,
    household_id TEXT NOT NULL REFERENCES households(id),
    pack_id      TEXT NOT NULL,
    pack_version TEXT NOT NULL,
    as_of        TEXT NOT NULL,
    evaluated_at TEXT NOT NULL,
    -- The `EvaluationRecord` JSON, as queued for the district.
    data         TEXT NOT NULL,
    FOREIGN KEY (pack_id, pack_version) REFERENCES rule_packs(pack_id, version)
);
-- Foreign keys are indexed: the household's history is read by it, and a pack's rows are
-- checked through it.
CREATE INDEX evaluations_household ON evaluations(household_id, evaluated_at);
CREATE INDEX evaluations_pack ON evaluations(pack_id, pack_version);
