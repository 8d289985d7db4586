//! `store`: the store file's key (`keygen`, `rekey`).

use puskesos_core::store::{Store, StoreKey};

use super::Ctx;
use crate::app::StoreAction;
use crate::keys;
use crate::output::CliError;

pub fn run(ctx: &Ctx, action: StoreAction) -> Result<(), CliError> {
    let lang = ctx.global.lang;
    match action {
        StoreAction::Keygen { out } => {
            let key = StoreKey::generate();
            let text = zeroize::Zeroizing::new(format!("{}\n", hex::encode(key.as_bytes())));
            keys::write_private(&out, text.as_bytes()).map_err(|e| {
                CliError::Invalid(format!(
                    "{} {}: {e}",
                    lang.pick(
                        "Berkas kunci tidak dapat dibuat (tidak ditimpa):",
                        "Cannot create the key file (never overwritten):"
                    ),
                    out.display()
                ))
            })?;
            println!(
                "{} {}",
                lang.pick(
                    "Kunci baru (simpan cadangannya; tanpa kunci data tidak terbaca):",
                    "New key (keep a copy; without it the data cannot be read):"
                ),
                out.display()
            );
            Ok(())
        }
        StoreAction::Rekey { new_key_file } => {
            let db = &ctx.global.db;
            let new = keys::from_file_or_env(
                lang,
                db,
                new_key_file.as_deref(),
                keys::NEW_PASSPHRASE_ENV,
            )?
            .ok_or_else(|| {
                CliError::Invalid(format!(
                    "{} {}",
                    lang.pick(
                        "Kunci baru diperlukan: --new-key-file FILE atau",
                        "A new key is needed: --new-key-file FILE or"
                    ),
                    keys::NEW_PASSPHRASE_ENV
                ))
            })?;
            match keys::current_key(lang, db, ctx.global.key_file.as_deref())? {
                // An encrypted store: every page is rewritten under the new key.
                Some(old) => Store::open_encrypted(db, &old)?.rekey(&new)?,
                // A plaintext store is encrypted with the new key, as any first open with
                // a key does.
                None => drop(Store::open_encrypted(db, &new)?),
            }
            println!(
                "{}",
                lang.pick(
                    "Kunci penyimpanan diganti; kunci lama tidak berlaku lagi.",
                    "Store key changed; the old key no longer opens it."
                )
            );
            Ok(())
        }
    }
}
