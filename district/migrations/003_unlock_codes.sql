-- Each device's unlock code (see core/src/lock), issued at enrolment. Staff reveal it to an
-- operator locked out of the phone, so it is kept, but sealed: AES-256-GCM under the key file
-- `unlock-codes.key` in the data directory, bound to the device id (see src/unlock.rs). A
-- database dump or backup alone shows no code. NULL for devices enrolled before this.
ALTER TABLE devices ADD COLUMN unlock_code_sealed TEXT;

-- Every time staff revealed a device's unlock code, and who: shown on the village page.
CREATE TABLE unlock_code_views (
    id TEXT PRIMARY KEY,
    device_id TEXT NOT NULL REFERENCES devices (device_id),
    username TEXT NOT NULL REFERENCES staff (username),
    viewed_at TEXT NOT NULL
);
-- Foreign-key columns are indexed so that deleting a parent does not scan this table.
CREATE INDEX unlock_code_views_device ON unlock_code_views (device_id);
CREATE INDEX unlock_code_views_username ON unlock_code_views (username);
