-- Name search over the registry extract. Each person's name is reduced to phonetic word
-- keys (`registry::NameKey`): the words themselves and each pair of neighbouring words
-- joined, so that "Nur Hasanah" and "Nurhasanah" meet; plus the whole name joined, for
-- prefix search. Keys are computed in Rust; the key function's version is kept in
-- settings (`name_key_version`) and a store whose keys are older recomputes them on open.

ALTER TABLE registry_people ADD COLUMN name_joined TEXT NOT NULL DEFAULT '';
CREATE INDEX registry_people_joined ON registry_people(name_joined);

-- The village is repeated here (as the integer of its 10 digits) so that a search within a
-- village reads one index range instead of joining every holder of a common word.
CREATE TABLE registry_name_tokens (
    token   TEXT NOT NULL,
    village INTEGER NOT NULL,
    person  INTEGER NOT NULL REFERENCES registry_people(id) ON DELETE CASCADE,
    PRIMARY KEY (token, village, person)
) WITHOUT ROWID;
-- The cascade from registry_people looks tokens up by person.
CREATE INDEX registry_name_tokens_person ON registry_name_tokens(person);
