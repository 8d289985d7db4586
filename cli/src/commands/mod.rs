//! One module per command family; `run` dispatches.

pub mod answers;
mod capture;
pub mod eligibility;
mod gen_village;
mod ident;
mod records;
mod registry;
mod store;
mod sync;

use chrono::{DateTime, Utc};
use puskesos_core::ident::RegionList;
use puskesos_core::store::Store;
use puskesos_core::sync::drain::PACK_REGIONS;
use uuid::Uuid;

use crate::app::{Cli, Command, Global};
use crate::keys;
use crate::output::CliError;

/// What every command may need, opened only when it does.
pub struct Ctx {
    pub global: Global,
    pub now: DateTime<Utc>,
}

impl Ctx {
    pub fn store(&self) -> Result<Store, CliError> {
        let db = &self.global.db;
        match keys::current_key(self.global.lang, db, self.global.key_file.as_deref())? {
            Some(key) => Ok(Store::open_encrypted(db, &key)?),
            None => Ok(Store::open(db)?),
        }
    }

    /// The region list of `--regions`, else the one the last village pack brought (when
    /// the store file exists; a command that needs no store does not create one).
    pub fn regions(&self) -> Result<Option<RegionList>, CliError> {
        let what = self.global.lang.pick("Daftar wilayah", "Region list");
        match &self.global.regions {
            Some(path) => RegionList::from_path(path)
                .map(Some)
                .map_err(|e| CliError::Invalid(format!("{what}: {e}"))),
            None if self.global.db.exists() => {
                let Some(csv) = self.store()?.setting(PACK_REGIONS)? else {
                    return Ok(None);
                };
                RegionList::from_csv(csv.as_bytes()).map(Some).map_err(|e| {
                    CliError::Invalid(format!(
                        "{what} ({}): {e}",
                        self.global
                            .lang
                            .pick("dari paket desa", "from the village pack")
                    ))
                })
            }
            None => Ok(None),
        }
    }

    pub fn id(&self, text: &str) -> Result<Uuid, CliError> {
        Uuid::parse_str(text.trim()).map_err(|_| {
            CliError::Invalid(format!(
                "{} {text:?}",
                self.global.lang.pick("Id tidak valid:", "Invalid id:")
            ))
        })
    }
}

pub fn run(cli: Cli) -> Result<(), CliError> {
    let ctx = Ctx {
        global: cli.global,
        now: Utc::now(),
    };
    match cli.command {
        Command::Nik { action } => ident::nik(&ctx, action),
        Command::Kk { action } => ident::kk(&ctx, action),
        Command::Registry { action } => registry::run(&ctx, action),
        Command::Household { action } => records::household(&ctx, action),
        Command::Person { action } => records::person(&ctx, action),
        Command::Complaint { action } => records::complaint(&ctx, action),
        Command::Proposal { action } => records::proposal(&ctx, action),
        Command::Decisions => records::decisions(&ctx),
        Command::GenVillage(args) => gen_village::run(&ctx, args),
        Command::Scan { images } => capture::scan(&ctx, &images),
        Command::Photo { action } => capture::photo(&ctx, action),
        Command::Doc { action } => capture::doc(&ctx, action),
        Command::Rules { action } => eligibility::rules(&ctx, action),
        Command::Eligibility(args) => eligibility::eligibility(&ctx, args),
        Command::Enrol(args) => sync::enrol(&ctx, args),
        Command::Sync(args) => sync::sync(&ctx, args),
        Command::Outbox => sync::outbox(&ctx),
        Command::Audit => sync::audit(&ctx),
        Command::Store { action } => store::run(&ctx, action),
    }
}
