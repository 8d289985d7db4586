//! Rule packs and eligibility results in the store.
//!
//! Every installed pack is kept (one active), and every evaluation is kept with the pack id
//! and version that made it: a household's history of verdicts stays explicable after the
//! district ships new criteria. An evaluation is saved with its outbox entry in one write.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::outbox::enqueue;
use super::records::village_of;
use super::{Store, StoreError};
use crate::model::{new_id, Household, Person};
use crate::rules::{
    check_upgrade, from_household, HouseholdEvaluation, HouseholdFacts, PackMeta, RegistryFacts,
    RulePack, Upgrade, WelfareScore,
};

/// A pack on the phone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InstalledPack {
    pub meta: PackMeta,
    /// RFC 3339.
    pub installed_at: String,
    pub active: bool,
}

/// What installing a pack did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum InstallOutcome {
    /// The first version of this pack id on the phone.
    Installed,
    /// A newer version of a pack already on the phone; the older stays for old results.
    Upgraded { previous: String },
    /// The very same pack was already installed; it is (again) the active one.
    AlreadyInstalled,
}

/// One eligibility check of a household, as kept on the phone and sent to the district.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvaluationRecord {
    pub id: Uuid,
    pub household_id: Uuid,
    pub evaluated_by: String,
    pub evaluated_at: DateTime<Utc>,
    /// Verdicts with their reasons; names the pack id, version and digest that made them.
    pub evaluation: HouseholdEvaluation,
    /// The indicative welfare score, for households outside the registry.
    pub welfare_score: Option<WelfareScore>,
}

impl EvaluationRecord {
    pub fn new(
        household_id: Uuid,
        evaluation: HouseholdEvaluation,
        welfare_score: Option<WelfareScore>,
        author: &str,
        now: DateTime<Utc>,
    ) -> EvaluationRecord {
        EvaluationRecord {
            id: new_id(),
            household_id,
            evaluated_by: author.to_string(),
            evaluated_at: now,
            evaluation,
            welfare_score,
        }
    }
}

fn load_pack(json: &str) -> Result<RulePack, StoreError> {
    Ok(RulePack::from_json(json)?)
}

/// The newest installed version of `pack_id`: versions of one pack are only ever installed
/// upwards, so it is the last one installed.
fn newest_of(conn: &Connection, pack_id: &str) -> Result<Option<PackMeta>, StoreError> {
    let json: Option<String> = conn
        .query_row(
            "SELECT json FROM rule_packs WHERE pack_id = ?1 ORDER BY rowid DESC LIMIT 1",
            [pack_id],
            |r| r.get(0),
        )
        .optional()?;
    Ok(json
        .as_deref()
        .map(load_pack)
        .transpose()?
        .map(|p| p.meta().clone()))
}

fn activate(tx: &Transaction<'_>, pack_id: &str, version: &str) -> Result<(), StoreError> {
    tx.execute("UPDATE rule_packs SET active = 0 WHERE active = 1", [])?;
    tx.execute(
        "UPDATE rule_packs SET active = 1 WHERE pack_id = ?1 AND version = ?2",
        [pack_id, version],
    )?;
    Ok(())
}

impl Store {
    /// Checks and installs a pack, making it the active one. A version older than one
    /// already installed, or a known version with other content, is refused with the rules'
    /// error and nothing changes.
    pub fn install_pack(
        &self,
        json: &str,
        now: DateTime<Utc>,
    ) -> Result<(RulePack, InstallOutcome), StoreError> {
        let pack = load_pack(json)?;
        let meta = pack.meta().clone();
        let outcome = self.write(|tx| {
            let newest = newest_of(tx, &meta.id)?;
            if let Some(newest) = &newest {
                // Refuses an older version, or the same version with other content.
                if check_upgrade(newest, &meta)? == Upgrade::Identical {
                    activate(tx, &meta.id, &meta.version)?;
                    return Ok(InstallOutcome::AlreadyInstalled);
                }
            }
            let previous = newest.map(|m| m.version);
            tx.execute(
                "INSERT INTO rule_packs(pack_id, version, digest, effective_from, installed_at,
                                        json)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    meta.id,
                    meta.version,
                    meta.digest,
                    meta.effective_from.to_string(),
                    now.to_rfc3339(),
                    json
                ],
            )?;
            activate(tx, &meta.id, &meta.version)?;
            Ok(match previous {
                Some(previous) => InstallOutcome::Upgraded { previous },
                None => InstallOutcome::Installed,
            })
        })?;
        Ok((pack, outcome))
    }

    /// The pack new evaluations are made with, if one is installed.
    pub fn active_pack(&self) -> Result<Option<RulePack>, StoreError> {
        let json: Option<String> = self.read(|c| {
            Ok(
                c.query_row("SELECT json FROM rule_packs WHERE active = 1", [], |r| {
                    r.get(0)
                })
                .optional()?,
            )
        })?;
        json.as_deref().map(load_pack).transpose()
    }

    /// The active pack, or [`StoreError::NoActivePack`].
    pub fn require_active_pack(&self) -> Result<RulePack, StoreError> {
        self.active_pack()?.ok_or(StoreError::NoActivePack)
    }

    /// A pack by id and version, active or not: the one that explains an old result.
    pub fn pack(&self, pack_id: &str, version: &str) -> Result<Option<RulePack>, StoreError> {
        let json: Option<String> = self.read(|c| {
            Ok(c.query_row(
                "SELECT json FROM rule_packs WHERE pack_id = ?1 AND version = ?2",
                [pack_id, version],
                |r| r.get(0),
            )
            .optional()?)
        })?;
        json.as_deref().map(load_pack).transpose()
    }

    /// Every installed pack, the active one first, then by id, newest first.
    pub fn installed_packs(&self) -> Result<Vec<InstalledPack>, StoreError> {
        let rows: Vec<(String, String, bool)> = self.read(|c| {
            let mut stmt = c.prepare(
                "SELECT json, installed_at, active FROM rule_packs
                 ORDER BY active DESC, pack_id, rowid DESC",
            )?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            Ok(rows.collect::<Result<_, _>>()?)
        })?;
        rows.into_iter()
            .map(|(json, installed_at, active)| {
                Ok(InstalledPack {
                    meta: load_pack(&json)?.meta().clone(),
                    installed_at,
                    active,
                })
            })
            .collect()
    }

    /// Keeps an evaluation and queues it for the district, in one write.
    pub fn save_evaluation(&self, rec: &EvaluationRecord) -> Result<(), StoreError> {
        self.write(|tx| {
            let village = village_of(tx, rec.household_id)?;
            let e = &rec.evaluation;
            let known: Option<i64> = tx
                .query_row(
                    "SELECT 1 FROM rule_packs WHERE pack_id = ?1 AND version = ?2",
                    [&e.pack_id, &e.pack_version],
                    |r| r.get(0),
                )
                .optional()?;
            if known.is_none() {
                return Err(StoreError::NotFound {
                    entity: "rule pack",
                    id: format!("{}@{}", e.pack_id, e.pack_version),
                });
            }
            let json = serde_json::to_value(rec)?;
            enqueue(
                tx,
                "evaluation",
                rec.id,
                Some(&village),
                "upsert",
                &rec.evaluated_by,
                rec.evaluated_at,
                &json,
            )?;
            tx.execute(
                "INSERT INTO evaluations(id, household_id, pack_id, pack_version, as_of,
                                         evaluated_at, data)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    rec.id.to_string(),
                    rec.household_id.to_string(),
                    e.pack_id,
                    e.pack_version,
                    e.as_of.to_string(),
                    rec.evaluated_at.to_rfc3339(),
                    json.to_string()
                ],
            )?;
            Ok(())
        })
    }

    /// A household's evaluations, newest first.
    pub fn evaluations_of(&self, household_id: Uuid) -> Result<Vec<EvaluationRecord>, StoreError> {
        self.read(|c| {
            let mut stmt = c.prepare(
                "SELECT data FROM evaluations WHERE household_id = ?1
                 ORDER BY evaluated_at DESC, id DESC",
            )?;
            let rows = stmt.query_map([household_id.to_string()], |r| r.get::<_, String>(0))?;
            rows.map(|r| Ok(serde_json::from_str(&r?)?)).collect()
        })
    }

    /// The household's standing in the registry extract on the phone: found (with desil),
    /// not found in the village's extract, or unknown when the village has no extract here.
    pub fn registry_facts(&self, household: &Household) -> Result<RegistryFacts, StoreError> {
        let rows = self.registry_by_kk(household.kk_number.as_str())?;
        let extract = self.registry_extract(household.village_code.as_str())?;
        Ok(RegistryFacts::from_extract(
            &rows,
            extract.as_ref().map(|(v, _)| v.as_str()),
        ))
    }

    /// Everything the rules need about a stored household, with its record and members
    /// (in the order the facts number them).
    pub fn household_facts(
        &self,
        household_id: Uuid,
    ) -> Result<(Household, Vec<Person>, HouseholdFacts), StoreError> {
        let household = self.household(household_id)?;
        let members = self.persons_of(household_id)?;
        let registry = self.registry_facts(&household)?;
        let facts = from_household(&household, &members, registry);
        Ok((household, members, facts))
    }
}
