-- A device revoked with its last upload allowed (staff chose "Cabut setelah unggahan
-- terakhir"): its token still sends batches and files, nothing else, and each answer tells
-- the phone to wipe itself once nothing waits. 0: revoked outright (or not revoked).
ALTER TABLE devices ADD COLUMN final_upload BIGINT NOT NULL DEFAULT 0;
