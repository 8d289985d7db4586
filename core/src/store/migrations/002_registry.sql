-- The village's registry extract (DTSEN, formerly DTKS) for offline lookup. One extract
-- version per village: importing a newer one replaces the village's rows.

CREATE TABLE registry_extracts (
    village_code TEXT PRIMARY KEY NOT NULL,
    version      TEXT NOT NULL,
    imported_at  TEXT NOT NULL,
    people       INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE registry_people (
    id              INTEGER PRIMARY KEY,
    nik             TEXT NOT NULL UNIQUE,
    kk_number       TEXT NOT NULL,
    village_code    TEXT NOT NULL,
    name            TEXT NOT NULL,
    birth_place     TEXT NOT NULL,
    birth_date      TEXT NOT NULL,
    sex             TEXT NOT NULL,
    relationship    TEXT NOT NULL,
    desil           INTEGER CHECK (desil BETWEEN 1 AND 10),
    address         TEXT NOT NULL,
    rt              TEXT NOT NULL,
    rw              TEXT NOT NULL,
    extract_version TEXT NOT NULL
);
CREATE INDEX registry_people_kk ON registry_people(kk_number);
CREATE INDEX registry_people_village ON registry_people(village_code);
