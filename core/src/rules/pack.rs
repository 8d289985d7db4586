//! Rule packs: the versioned JSON document a district publishes, loaded and checked node by
//! node before anything is evaluated with it.
//!
//! Loading goes through `serde_json::Value` and a hand-written walk rather than derived
//! `Deserialize`, so that every refusal names the exact node (`programmes[3].criteria.all[1]
//! .field`) and says why in words a district officer can act on.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::catalog::{FactId, FactType, Scope};
use super::error::{PackProblem, RulesError};
use crate::model::Sector;
use crate::Lang;

/// The format tag every pack starts with; a later incompatible format gets a new tag.
pub const PACK_FORMAT: &str = "puskesos-rules/1";
/// Packs are a few kilobytes; anything near a megabyte is a mistake or an attack.
pub const MAX_PACK_BYTES: usize = 1 << 20;
/// Deepest nesting of criteria inside one programme or indicator.
pub const MAX_DEPTH: u32 = 12;
/// All criterion nodes of a pack together.
pub const MAX_NODES: u32 = 10_000;
const MAX_LIST: usize = 200;
/// How long the app may sit unused before it locks, when a pack does not say. Five minutes
/// is the common mobile-device-management default for screens that show personal data.
pub const DEFAULT_LOCK_AFTER_MINUTES: u32 = 5;
/// The bounds a district may choose from: locking after less than a minute makes a house
/// visit unworkable, and after more than an hour the lock protects little.
pub const LOCK_AFTER_MINUTES_RANGE: std::ops::RangeInclusive<u32> = 1..=60;
const MAX_TEXT: usize = 4_000;

/// The example pack shipped with the app. Districts replace it with their own.
pub const EXAMPLE_PACK_JSON: &str = include_str!("../../rules/example-pack.json");

/// A text in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    pub id: String,
    pub en: String,
}

impl Text {
    pub fn pick(&self, lang: Lang) -> &str {
        lang.pick(&self.id, &self.en)
    }
}

/// What identifies a pack: enough to decide an upgrade and to find the pack again that
/// explains an old result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackMeta {
    pub id: String,
    pub version: String,
    pub effective_from: NaiveDate,
    pub title: Text,
    /// True for the shipped example, which districts must replace before real use.
    pub example: bool,
    pub note: Option<String>,
    /// SHA-256 (hex) of the pack's canonical JSON: two packs with one version number but
    /// different content are told apart by it.
    pub digest: String,
}

/// A programme as a pack describes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeInfo {
    pub id: String,
    pub name: Text,
    pub sector: Sector,
    /// The regulation(s) the criteria come from.
    pub source: String,
    pub note: Option<String>,
}

/// A service provider the village refers families to (an SLRT referral), as the district
/// lists it in its pack: the referral form offers these instead of a blank field, so the
/// district reads the same Puskesmas under one name from every village.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Institution {
    pub sector: Sector,
    pub name: String,
    /// The services it provides ("PBI-JK", "akta kelahiran"), offered as the referral's
    /// service; may be empty.
    pub services: Vec<String>,
}

/// How a new pack relates to the installed one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Upgrade {
    /// Same pack id, higher version: install it.
    Newer,
    /// The very same pack (same id, version and digest): nothing to do.
    Identical,
    /// A different pack id (a district replacing the example pack): install it beside or
    /// instead of the other one, as the caller decides.
    OtherPack,
}

/// Decides whether `new` may replace `installed`. An older version is refused, and so is the
/// same version with different content: a result records only the version, so two contents
/// under one version would make old verdicts unexplainable.
pub fn check_upgrade(installed: &PackMeta, new: &PackMeta) -> Result<Upgrade, RulesError> {
    if installed.id != new.id {
        return Ok(Upgrade::OtherPack);
    }
    let (old_v, new_v) = match (
        parse_version(&installed.version),
        parse_version(&new.version),
    ) {
        (Some(o), Some(n)) => (o, n),
        (_, None) => {
            return Err(RulesError::invalid(
                "version",
                PackProblem::BadVersion {
                    found: new.version.clone(),
                },
            ))
        }
        (None, Some(_)) => return Ok(Upgrade::Newer),
    };
    match new_v.cmp(&old_v) {
        std::cmp::Ordering::Greater => Ok(Upgrade::Newer),
        std::cmp::Ordering::Less => Err(RulesError::Downgrade {
            pack_id: new.id.clone(),
            installed: installed.version.clone(),
            offered: new.version.clone(),
        }),
        std::cmp::Ordering::Equal if installed.digest == new.digest => Ok(Upgrade::Identical),
        std::cmp::Ordering::Equal => Err(RulesError::ConflictingVersion {
            pack_id: new.id.clone(),
            version: new.version.clone(),
        }),
    }
}

/// Dot-separated numbers, compared numerically with missing parts as zero
/// (`2025.7` = `2025.7.0` < `2025.10`).
fn parse_version(s: &str) -> Option<[u32; 4]> {
    let mut out = [0u32; 4];
    for (n, part) in s.split('.').enumerate() {
        if n == 4 || part.is_empty() || part.len() > 9 || !part.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        out[n] = part.parse().ok()?;
    }
    Some(out)
}

/// A constant in a comparison, already checked against the fact's type.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Const {
    Bool(bool),
    Number(f64),
    Code(String),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Test {
    Eq(Const),
    Ne(Const),
    Lt(f64),
    Le(f64),
    Gt(f64),
    Ge(f64),
    Between(f64, f64),
    In(Vec<Const>),
    NotIn(Vec<Const>),
    Contains(String),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Quantifier {
    Exists,
    All,
    Count {
        at_least: Option<u32>,
        at_most: Option<u32>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    All(Vec<u32>),
    Any(Vec<u32>),
    Not(u32),
    Test { fact: FactId, test: Test },
    Members { quantifier: Quantifier, filter: u32 },
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NodeDef {
    pub node: Node,
    pub path: String,
    pub label: Option<Text>,
    pub source: Option<String>,
    /// 0 for a programme's root criterion.
    pub depth: u8,
    /// Inside a `members` filter: evaluated per member, summarised by its aggregate.
    pub in_members: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Programme {
    pub info: ProgrammeInfo,
    pub root: u32,
    /// Household-level nodes under `root` (member filters excluded): one reason each.
    pub reason_count: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Indicator {
    pub id: String,
    pub label: Text,
    pub weight: f64,
    pub when: u32,
    pub source: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ScoreDef {
    pub illustrative: bool,
    pub note: Option<String>,
    pub base: f64,
    pub indicators: Vec<Indicator>,
    /// Score below `cutoffs[0]` is desil 1, below `cutoffs[i]` desil i+1, else desil 10.
    pub cutoffs: [f64; 9],
}

/// A loaded, validated pack. Immutable; evaluation only reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct RulePack {
    pub(crate) meta: PackMeta,
    pub(crate) programmes: Vec<Programme>,
    pub(crate) nodes: Vec<NodeDef>,
    pub(crate) score: Option<ScoreDef>,
    pub(crate) institutions: Vec<Institution>,
    pub(crate) settings: PackSettings,
}

/// The district's settings for the app, carried in the pack's optional `settings` object so
/// that one published document configures the whole village.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PackSettings {
    /// Minutes without use after which the app locks and asks for the PIN
    /// (`settings.lock_after_minutes`, 1–60, default 5).
    pub lock_after_minutes: u32,
}

impl Default for PackSettings {
    fn default() -> Self {
        PackSettings {
            lock_after_minutes: DEFAULT_LOCK_AFTER_MINUTES,
        }
    }
}

impl RulePack {
    /// Loads and validates a pack from its JSON text.
    pub fn from_json(text: &str) -> Result<RulePack, RulesError> {
        Self::from_bytes(text.as_bytes())
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<RulePack, RulesError> {
        if bytes.len() > MAX_PACK_BYTES {
            return Err(RulesError::TooLarge {
                bytes: bytes.len() as u64,
                max: MAX_PACK_BYTES as u64,
            });
        }
        let value: Value = serde_json::from_slice(bytes).map_err(|e| RulesError::Syntax {
            line: e.line() as u64,
            column: e.column() as u64,
            detail: e.to_string(),
        })?;
        let canonical = serde_json::to_vec(&value).map_err(|e| RulesError::Syntax {
            line: 0,
            column: 0,
            detail: e.to_string(),
        })?;
        let digest = hex(&Sha256::digest(&canonical));
        Loader::default().pack(&value, digest)
    }

    /// The example pack shipped in the app.
    pub fn example() -> Result<RulePack, RulesError> {
        Self::from_json(EXAMPLE_PACK_JSON)
    }

    pub fn meta(&self) -> &PackMeta {
        &self.meta
    }

    pub fn programmes(&self) -> Vec<ProgrammeInfo> {
        self.programmes.iter().map(|p| p.info.clone()).collect()
    }

    /// The institutions of one sector (all of them for `None`), in the pack's order.
    pub fn institutions(&self, sector: Option<Sector>) -> Vec<Institution> {
        self.institutions
            .iter()
            .filter(|i| sector.is_none_or(|s| i.sector == s))
            .cloned()
            .collect()
    }

    /// The district's app settings (defaults where the pack says nothing).
    pub fn settings(&self) -> PackSettings {
        self.settings
    }

    /// Minutes of no use before the app locks (1–60, default 5).
    pub fn lock_after_minutes(&self) -> u32 {
        self.settings.lock_after_minutes
    }

    pub fn has_welfare_score(&self) -> bool {
        self.score.is_some()
    }

    /// True when the welfare score's weights are the illustrative default, not official.
    pub fn welfare_score_is_illustrative(&self) -> Option<bool> {
        self.score.as_ref().map(|s| s.illustrative)
    }

    pub(crate) fn node(&self, id: u32) -> &NodeDef {
        &self.nodes[id as usize]
    }

    pub(crate) fn label_of(&self, programme_id: &str) -> Option<&Text> {
        self.programmes
            .iter()
            .find(|p| p.info.id == programme_id)
            .map(|p| &p.info.name)
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn wrong(path: &str, expected: &str) -> RulesError {
    RulesError::invalid(
        path,
        PackProblem::WrongType {
            expected: expected.into(),
        },
    )
}

/// An object being read, which refuses keys it was not asked about.
struct Obj<'a> {
    map: &'a Map<String, Value>,
    path: String,
}

impl<'a> Obj<'a> {
    fn new(v: &'a Value, path: &str) -> Result<Obj<'a>, RulesError> {
        match v {
            Value::Object(map) => Ok(Obj {
                map,
                path: path.to_string(),
            }),
            _ => Err(wrong(path, "object")),
        }
    }

    fn only(&self, allowed: &[&str]) -> Result<(), RulesError> {
        match self.map.keys().find(|k| !allowed.contains(&k.as_str())) {
            Some(k) => Err(RulesError::invalid(&self.at(k), PackProblem::UnknownKey)),
            None => Ok(()),
        }
    }

    fn at(&self, key: &str) -> String {
        join(&self.path, key)
    }

    fn req(&self, key: &str) -> Result<&'a Value, RulesError> {
        self.map
            .get(key)
            .ok_or_else(|| RulesError::invalid(&self.at(key), PackProblem::Missing))
    }

    fn opt(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    fn text(&self, key: &str) -> Result<String, RulesError> {
        text(self.req(key)?, &self.at(key))
    }

    fn opt_text(&self, key: &str) -> Result<Option<String>, RulesError> {
        self.opt(key).map(|v| text(v, &self.at(key))).transpose()
    }

    fn bilingual(&self, key: &str) -> Result<Text, RulesError> {
        bilingual(self.req(key)?, &self.at(key))
    }

    fn opt_bilingual(&self, key: &str) -> Result<Option<Text>, RulesError> {
        self.opt(key)
            .map(|v| bilingual(v, &self.at(key)))
            .transpose()
    }

    fn number(&self, key: &str) -> Result<f64, RulesError> {
        number(self.req(key)?, &self.at(key))
    }
}

fn text(v: &Value, path: &str) -> Result<String, RulesError> {
    let s = v.as_str().ok_or_else(|| wrong(path, "text"))?;
    if s.trim().is_empty() {
        return Err(RulesError::invalid(path, PackProblem::Empty));
    }
    if s.chars().count() > MAX_TEXT {
        return Err(RulesError::invalid(
            path,
            PackProblem::TooLong {
                max: MAX_TEXT as u32,
            },
        ));
    }
    Ok(s.to_string())
}

fn bilingual(v: &Value, path: &str) -> Result<Text, RulesError> {
    let o = Obj::new(v, path)?;
    o.only(&["id", "en"])?;
    Ok(Text {
        id: o.text("id")?,
        en: o.text("en")?,
    })
}

fn number(v: &Value, path: &str) -> Result<f64, RulesError> {
    let n = v.as_f64().ok_or_else(|| wrong(path, "number"))?;
    if n.is_finite() {
        Ok(n)
    } else {
        Err(RulesError::invalid(path, PackProblem::NotFinite))
    }
}

fn count(v: &Value, path: &str) -> Result<u32, RulesError> {
    v.as_u64()
        .and_then(|n| u32::try_from(n).ok())
        .ok_or_else(|| wrong(path, "whole number"))
}

fn settings(v: &Value, path: &str) -> Result<PackSettings, RulesError> {
    let o = Obj::new(v, path)?;
    o.only(&["lock_after_minutes"])?;
    let mut out = PackSettings::default();
    if let Some(v) = o.opt("lock_after_minutes") {
        let at = o.at("lock_after_minutes");
        let minutes = count(v, &at)?;
        if !LOCK_AFTER_MINUTES_RANGE.contains(&minutes) {
            return Err(RulesError::invalid(
                &at,
                PackProblem::OutOfBounds {
                    found: minutes as f64,
                    min: *LOCK_AFTER_MINUTES_RANGE.start() as f64,
                    max: *LOCK_AFTER_MINUTES_RANGE.end() as f64,
                },
            ));
        }
        out.lock_after_minutes = minutes;
    }
    Ok(out)
}

fn array<'a>(v: &'a Value, path: &str) -> Result<&'a Vec<Value>, RulesError> {
    let items = v.as_array().ok_or_else(|| wrong(path, "array"))?;
    if items.is_empty() {
        return Err(RulesError::invalid(path, PackProblem::Empty));
    }
    if items.len() > MAX_LIST {
        return Err(RulesError::invalid(
            path,
            PackProblem::TooMany {
                max: MAX_LIST as u32,
            },
        ));
    }
    Ok(items)
}

/// The `sector` of an object, by its exact code: a pack is a published document, not a form
/// to be lenient with.
fn sector(o: &Obj<'_>) -> Result<Sector, RulesError> {
    let code = o.text("sector")?;
    Sector::ALL
        .iter()
        .copied()
        .find(|s| s.code() == code)
        .ok_or_else(|| {
            RulesError::invalid(&o.at("sector"), PackProblem::UnknownSector { found: code })
        })
}

fn institutions(v: &Value, path: &str) -> Result<Vec<Institution>, RulesError> {
    let mut list: Vec<Institution> = Vec::new();
    for (i, item) in array(v, path)?.iter().enumerate() {
        let o = Obj::new(item, &format!("{path}[{i}]"))?;
        o.only(&["sector", "name", "services"])?;
        let institution = Institution {
            sector: sector(&o)?,
            name: o.text("name")?,
            services: match o.opt("services") {
                None => Vec::new(),
                Some(v) => array(v, &o.at("services"))?
                    .iter()
                    .enumerate()
                    .map(|(j, s)| text(s, &format!("{}[{j}]", o.at("services"))))
                    .collect::<Result<_, _>>()?,
            },
        };
        if list.iter().any(|x| x.name == institution.name) {
            return Err(RulesError::invalid(
                &o.at("name"),
                PackProblem::DuplicateId {
                    id: institution.name,
                },
            ));
        }
        list.push(institution);
    }
    Ok(list)
}

fn ident(v: &Value, path: &str) -> Result<String, RulesError> {
    let s = v.as_str().ok_or_else(|| wrong(path, "text"))?;
    let ok = (1..=40).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
    if ok {
        Ok(s.to_string())
    } else {
        Err(RulesError::invalid(
            path,
            PackProblem::BadId { found: s.into() },
        ))
    }
}

const CRITERION_KINDS: [&str; 5] = ["all", "any", "not", "field", "members"];
const COMMON_KEYS: [&str; 3] = ["label", "source", "note"];

#[derive(Default)]
struct Loader {
    nodes: Vec<NodeDef>,
}

impl Loader {
    fn pack(mut self, v: &Value, digest: String) -> Result<RulePack, RulesError> {
        let o = Obj::new(v, "")?;
        o.only(&[
            "format",
            "id",
            "version",
            "effective_from",
            "title",
            "example",
            "note",
            "programmes",
            "welfare_score",
            "institutions",
            "settings",
        ])?;
        let format = o.text("format")?;
        if format != PACK_FORMAT {
            return Err(RulesError::invalid(
                "format",
                PackProblem::UnsupportedFormat {
                    found: format,
                    supported: PACK_FORMAT.into(),
                },
            ));
        }
        let id = ident(o.req("id")?, "id")?;
        let version = o.text("version")?;
        if parse_version(&version).is_none() {
            return Err(RulesError::invalid(
                "version",
                PackProblem::BadVersion { found: version },
            ));
        }
        let date = o.text("effective_from")?;
        let effective_from = NaiveDate::parse_from_str(&date, "%Y-%m-%d").map_err(|_| {
            RulesError::invalid("effective_from", PackProblem::BadDate { found: date })
        })?;
        let example = match o.opt("example") {
            None => false,
            Some(v) => v
                .as_bool()
                .ok_or_else(|| wrong("example", "true or false"))?,
        };
        let meta = PackMeta {
            id,
            version,
            effective_from,
            title: o.bilingual("title")?,
            example,
            note: o.opt_text("note")?,
            digest,
        };

        let items = array(o.req("programmes")?, "programmes")?;
        let mut programmes: Vec<Programme> = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let path = format!("programmes[{i}]");
            let p = self.programme(item, &path)?;
            if programmes.iter().any(|q| q.info.id == p.info.id) {
                return Err(RulesError::invalid(
                    &join(&path, "id"),
                    PackProblem::DuplicateId { id: p.info.id },
                ));
            }
            programmes.push(p);
        }
        let score = o
            .opt("welfare_score")
            .map(|v| self.score(v, "welfare_score"))
            .transpose()?;
        let institutions = match o.opt("institutions") {
            None => Vec::new(),
            Some(v) => institutions(v, "institutions")?,
        };
        let settings = match o.opt("settings") {
            None => PackSettings::default(),
            Some(v) => settings(v, "settings")?,
        };
        Ok(RulePack {
            meta,
            programmes,
            nodes: self.nodes,
            score,
            institutions,
            settings,
        })
    }

    fn programme(&mut self, v: &Value, path: &str) -> Result<Programme, RulesError> {
        let o = Obj::new(v, path)?;
        o.only(&["id", "name", "sector", "source", "note", "criteria"])?;
        let id = ident(o.req("id")?, &o.at("id"))?;
        let sector = sector(&o)?;
        let info = ProgrammeInfo {
            id,
            name: o.bilingual("name")?,
            sector,
            source: o.text("source")?,
            note: o.opt_text("note")?,
        };
        let before = self.nodes.len();
        let root = self.criterion(o.req("criteria")?, &o.at("criteria"), 0, false)?;
        let reason_count = self.nodes[before..]
            .iter()
            .filter(|n| !n.in_members)
            .count();
        Ok(Programme {
            info,
            root,
            reason_count,
        })
    }

    fn score(&mut self, v: &Value, path: &str) -> Result<ScoreDef, RulesError> {
        let o = Obj::new(v, path)?;
        o.only(&[
            "illustrative",
            "note",
            "base",
            "indicators",
            "desil_cutoffs",
        ])?;
        let illustrative = o
            .req("illustrative")?
            .as_bool()
            .ok_or_else(|| wrong(&o.at("illustrative"), "true or false"))?;
        let base = o.number("base")?;
        let items = array(o.req("indicators")?, &o.at("indicators"))?;
        let mut indicators: Vec<Indicator> = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let ipath = format!("{path}.indicators[{i}]");
            let io = Obj::new(item, &ipath)?;
            io.only(&["id", "label", "weight", "when", "source", "note"])?;
            let id = ident(io.req("id")?, &io.at("id"))?;
            if indicators.iter().any(|x| x.id == id) {
                return Err(RulesError::invalid(
                    &io.at("id"),
                    PackProblem::DuplicateId { id },
                ));
            }
            indicators.push(Indicator {
                id,
                label: io.bilingual("label")?,
                weight: io.number("weight")?,
                when: self.criterion(io.req("when")?, &io.at("when"), 0, false)?,
                source: io.opt_text("source")?,
            });
        }
        let cpath = o.at("desil_cutoffs");
        let raw = o
            .req("desil_cutoffs")?
            .as_array()
            .ok_or_else(|| wrong(&cpath, "array"))?;
        if raw.len() != 9 {
            return Err(RulesError::invalid(
                &cpath,
                PackProblem::WrongCutoffCount {
                    found: raw.len() as u32,
                },
            ));
        }
        let mut cutoffs = [0.0; 9];
        for (i, c) in raw.iter().enumerate() {
            cutoffs[i] = number(c, &format!("{cpath}[{i}]"))?;
        }
        if cutoffs.windows(2).any(|w| w[0] >= w[1]) {
            return Err(RulesError::invalid(
                &cpath,
                PackProblem::CutoffsNotAscending,
            ));
        }
        Ok(ScoreDef {
            illustrative,
            note: o.opt_text("note")?,
            base,
            indicators,
            cutoffs,
        })
    }

    /// Reads one criterion and its children; returns its node index.
    fn criterion(
        &mut self,
        v: &Value,
        path: &str,
        depth: u32,
        in_members: bool,
    ) -> Result<u32, RulesError> {
        if depth >= MAX_DEPTH {
            return Err(RulesError::invalid(
                path,
                PackProblem::TooDeep { max: MAX_DEPTH },
            ));
        }
        if self.nodes.len() as u32 >= MAX_NODES {
            return Err(RulesError::invalid(
                path,
                PackProblem::TooMany { max: MAX_NODES },
            ));
        }
        let o = Obj::new(v, path)?;
        let kinds: Vec<&str> = CRITERION_KINDS
            .iter()
            .copied()
            .filter(|k| o.map.contains_key(*k))
            .collect();
        let [kind] = kinds[..] else {
            return Err(RulesError::invalid(
                path,
                PackProblem::NotOneKind {
                    found: kinds.iter().map(|k| k.to_string()).collect(),
                },
            ));
        };
        let label = o.opt_bilingual("label")?;
        let source = o.opt_text("source")?;
        if let Some(n) = o.opt("note") {
            text(n, &o.at("note"))?;
        }
        // Reserve the slot so that a parent precedes its children (pre-order, the order
        // reasons are listed in).
        let index = self.nodes.len() as u32;
        self.nodes.push(NodeDef {
            node: Node::Not(index),
            path: path.to_string(),
            label,
            source,
            depth: depth as u8,
            in_members,
        });
        let node = match kind {
            "all" | "any" => {
                o.only(&[kind, "label", "source", "note"])?;
                let kpath = o.at(kind);
                let items = array(o.req(kind)?, &kpath)?;
                let mut children = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    children.push(self.criterion(
                        item,
                        &format!("{kpath}[{i}]"),
                        depth + 1,
                        in_members,
                    )?);
                }
                if kind == "all" {
                    Node::All(children)
                } else {
                    Node::Any(children)
                }
            }
            "not" => {
                o.only(&["not", "label", "source", "note"])?;
                Node::Not(self.criterion(o.req("not")?, &o.at("not"), depth + 1, in_members)?)
            }
            "members" => {
                o.only(&[
                    "members", "where", "at_least", "at_most", "label", "source", "note",
                ])?;
                if in_members {
                    return Err(RulesError::invalid(path, PackProblem::NestedMembers));
                }
                let quantifier = quantifier(&o)?;
                let filter = self.criterion(o.req("where")?, &o.at("where"), depth + 1, true)?;
                Node::Members { quantifier, filter }
            }
            _ => {
                let mut allowed = vec!["field", "op", "value"];
                allowed.extend(COMMON_KEYS);
                o.only(&allowed)?;
                comparison(&o, in_members)?
            }
        };
        self.nodes[index as usize].node = node;
        Ok(index)
    }
}

fn quantifier(o: &Obj<'_>) -> Result<Quantifier, RulesError> {
    let q = o.text("members")?;
    let at_least = o
        .opt("at_least")
        .map(|v| count(v, &o.at("at_least")))
        .transpose()?;
    let at_most = o
        .opt("at_most")
        .map(|v| count(v, &o.at("at_most")))
        .transpose()?;
    match q.as_str() {
        "exists" | "all" => {
            if let Some(k) = ["at_least", "at_most"]
                .into_iter()
                .find(|k| o.map.contains_key(*k))
            {
                return Err(RulesError::invalid(&o.at(k), PackProblem::UnknownKey));
            }
            Ok(if q == "exists" {
                Quantifier::Exists
            } else {
                Quantifier::All
            })
        }
        "count" => match (at_least, at_most) {
            (None, None) => Err(RulesError::invalid(&o.path, PackProblem::BadCount)),
            (Some(l), Some(m)) if l > m => Err(RulesError::invalid(&o.path, PackProblem::BadCount)),
            _ => Ok(Quantifier::Count { at_least, at_most }),
        },
        _ => Err(RulesError::invalid(
            &o.at("members"),
            PackProblem::UnknownQuantifier { found: q },
        )),
    }
}

fn comparison(o: &Obj<'_>, in_members: bool) -> Result<Node, RulesError> {
    let fpath = o.at("field");
    let name = o.text("field")?;
    let fact = FactId::from_name(&name).ok_or_else(|| {
        RulesError::invalid(&fpath, PackProblem::UnknownFact { name: name.clone() })
    })?;
    if fact.scope() == Scope::Member && !in_members {
        return Err(RulesError::invalid(
            &fpath,
            PackProblem::MemberFactOutsideMembers { name },
        ));
    }
    let ty = fact.ty();
    if ty == FactType::MemberList {
        return Err(RulesError::invalid(
            &fpath,
            PackProblem::NotComparable { name },
        ));
    }
    let op = o.text("op")?;
    let vpath = o.at("value");
    let value = o.req("value")?;
    let not_allowed = || {
        RulesError::invalid(
            &o.at("op"),
            PackProblem::OperatorNotAllowed {
                op: op.clone(),
                fact: name.clone(),
            },
        )
    };
    let test = match op.as_str() {
        "=" | "!=" => {
            if ty == FactType::Set {
                return Err(not_allowed());
            }
            let c = constant(value, &vpath, fact)?;
            if op == "=" {
                Test::Eq(c)
            } else {
                Test::Ne(c)
            }
        }
        "<" | "<=" | ">" | ">=" => {
            if ty != FactType::Number {
                return Err(not_allowed());
            }
            let n = number(value, &vpath)?;
            match op.as_str() {
                "<" => Test::Lt(n),
                "<=" => Test::Le(n),
                ">" => Test::Gt(n),
                _ => Test::Ge(n),
            }
        }
        "between" => {
            if ty != FactType::Number {
                return Err(not_allowed());
            }
            let pair = value
                .as_array()
                .filter(|a| a.len() == 2)
                .ok_or_else(|| wrong(&vpath, "a list of two numbers"))?;
            let low = number(&pair[0], &format!("{vpath}[0]"))?;
            let high = number(&pair[1], &format!("{vpath}[1]"))?;
            if low > high {
                return Err(RulesError::invalid(
                    &vpath,
                    PackProblem::BadRange { low, high },
                ));
            }
            Test::Between(low, high)
        }
        "in" | "not_in" => {
            if matches!(ty, FactType::Set | FactType::Bool) {
                return Err(not_allowed());
            }
            let items = array(value, &vpath)?;
            let set = items
                .iter()
                .enumerate()
                .map(|(i, v)| constant(v, &format!("{vpath}[{i}]"), fact))
                .collect::<Result<Vec<_>, _>>()?;
            if op == "in" {
                Test::In(set)
            } else {
                Test::NotIn(set)
            }
        }
        "contains" => {
            if ty != FactType::Set {
                return Err(not_allowed());
            }
            Test::Contains(ident(value, &vpath)?)
        }
        _ => {
            return Err(RulesError::invalid(
                &o.at("op"),
                PackProblem::UnknownOperator { found: op },
            ))
        }
    };
    Ok(Node::Test { fact, test })
}

/// A constant checked against the type of `fact`: a code must be one of the fact's codes.
fn constant(v: &Value, path: &str, fact: FactId) -> Result<Const, RulesError> {
    let wrong_value = |expected: &str| {
        RulesError::invalid(
            path,
            PackProblem::WrongValueType {
                fact: fact.name().into(),
                expected: expected.into(),
            },
        )
    };
    match fact.ty() {
        FactType::Bool => v
            .as_bool()
            .map(Const::Bool)
            .ok_or_else(|| wrong_value("true or false")),
        FactType::Number => match v.as_f64() {
            Some(n) if n.is_finite() => Ok(Const::Number(n)),
            _ => Err(wrong_value("number")),
        },
        FactType::Code(table) => {
            let code = v.as_str().ok_or_else(|| wrong_value("a code"))?;
            if table.iter().any(|(c, _, _)| *c == code) {
                Ok(Const::Code(code.into()))
            } else {
                Err(RulesError::invalid(
                    path,
                    PackProblem::UnknownCode {
                        code: code.into(),
                        fact: fact.name().into(),
                    },
                ))
            }
        }
        FactType::Text => {
            let s = v.as_str().ok_or_else(|| wrong_value("text"))?;
            Ok(Const::Code(s.into()))
        }
        FactType::Set | FactType::MemberList => Err(wrong_value("a code")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_compare_numerically_part_by_part() {
        assert!(parse_version("2025.10.0") > parse_version("2025.9.9"));
        assert_eq!(parse_version("2025.7"), parse_version("2025.7.0"));
        assert_eq!(parse_version("1..2"), None);
        assert_eq!(parse_version("v1"), None);
        assert_eq!(parse_version("1.2.3.4.5"), None);
    }
}
