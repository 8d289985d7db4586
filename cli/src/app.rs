//! The command line: global options and every subcommand.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use puskesos_core::Lang;

#[derive(Parser)]
#[command(
    name = "puskesos",
    version,
    about = "Puskesos Field: meja layanan dan alat pengembang"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Args)]
pub struct Global {
    /// The store file.
    #[arg(
        long,
        global = true,
        default_value = "./puskesos.sqlite",
        env = "PUSKESOS_DB"
    )]
    pub db: PathBuf,
    /// Language of messages: id (Bahasa Indonesia) or en.
    #[arg(long, global = true, default_value = "id", value_parser = parse_lang)]
    pub lang: Lang,
    /// Print machine-readable JSON.
    #[arg(long, global = true)]
    pub json: bool,
    /// A Kemendagri region list (CSV with code,name[,first_seen,last_seen]) to check codes
    /// against.
    #[arg(long, global = true, env = "PUSKESOS_REGIONS")]
    pub regions: Option<PathBuf>,
    /// Who is recording: the operator id written on every record.
    #[arg(long, global = true, default_value = "desk", env = "PUSKESOS_OPERATOR")]
    pub operator: String,
    /// The store's key: a file of 32 bytes or 64 hex digits (`store keygen` makes one). Or
    /// set PUSKESOS_PASSPHRASE. With neither, the store is opened unencrypted; a store
    /// opened with a key for the first time is encrypted.
    #[arg(long, global = true, env = "PUSKESOS_KEY_FILE")]
    pub key_file: Option<PathBuf>,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("unknown language {s:?}: use id or en"))
}

#[derive(Subcommand)]
pub enum Command {
    /// Check a NIK (Nomor Induk Kependudukan).
    Nik {
        #[command(subcommand)]
        action: CheckAction,
    },
    /// Check a KK (Kartu Keluarga) number.
    Kk {
        #[command(subcommand)]
        action: CheckAction,
    },
    /// The village's registry (DTKS/DTSEN) extract.
    Registry {
        #[command(subcommand)]
        action: RegistryAction,
    },
    /// Households (one KK at one address).
    Household {
        #[command(subcommand)]
        action: HouseholdAction,
    },
    /// Members of a household.
    Person {
        #[command(subcommand)]
        action: PersonAction,
    },
    /// Complaints (pengaduan).
    Complaint {
        #[command(subcommand)]
        action: ComplaintAction,
    },
    /// Proposals to the registry (usul, perbaikan, sanggah).
    Proposal {
        #[command(subcommand)]
        action: ProposalAction,
    },
    /// What the district decided about this phone's records (after a sync), newest first.
    Decisions,
    /// Generate a fake village registry extract (.csv or .jsonl) for tests and demos.
    GenVillage(GenVillage),
    /// Rule packs: the programmes' criteria, published by the district.
    Rules {
        #[command(subcommand)]
        action: crate::commands::eligibility::RulesAction,
    },
    /// Which programmes a household qualifies for, why, and what to ask next.
    Eligibility(crate::commands::eligibility::EligibilityArgs),
    /// Read every barcode in photos and say what each payload is.
    Scan {
        #[arg(required = true)]
        images: Vec<PathBuf>,
    },
    /// Photos: normalise for storage and upload.
    Photo {
        #[command(subcommand)]
        action: PhotoAction,
    },
    /// Documents and photos attached to households.
    Doc {
        #[command(subcommand)]
        action: DocAction,
    },
    /// Enrol this store with a district service (one-time code from district staff).
    Enrol(EnrolArgs),
    /// Send the outbox to the district, then pull the village pack and status changes.
    Sync(SyncArgs),
    /// What is waiting to be sent: counts by state and the parked entries with reasons.
    Outbox,
    /// The store file's encryption key.
    Store {
        #[command(subcommand)]
        action: StoreAction,
    },
    /// Check this store's audit chain (every change since the app had one): numbering,
    /// hashes, links and its end; each break is named with the entry it is at.
    Audit,
}

#[derive(Subcommand)]
pub enum StoreAction {
    /// Write a new random key (64 hex digits) to a new file only its owner can read.
    Keygen {
        #[arg(long)]
        out: PathBuf,
    },
    /// Change the store's key (the current one from --key-file or PUSKESOS_PASSPHRASE) to
    /// the one in --new-key-file or PUSKESOS_NEW_PASSPHRASE.
    Rekey {
        #[arg(long)]
        new_key_file: Option<PathBuf>,
    },
}

#[derive(Args)]
pub struct EnrolArgs {
    /// The district service, e.g. https://dinsos.example.go.id (plain http only to loopback).
    pub url: String,
    /// The one-time enrolment code.
    pub code: String,
    /// SHA-256 of the service's certificate, for a district with its own certificate
    /// authority (from the enrolment QR).
    #[arg(long)]
    pub fingerprint: Option<String>,
    /// What district staff see this device as.
    #[arg(long, default_value = "puskesos-cli")]
    pub label: String,
}

#[derive(Args)]
pub struct SyncArgs {
    /// One pass only: stop at the first network failure instead of retrying.
    #[arg(long)]
    pub once: bool,
    /// Entries per batch.
    #[arg(long, default_value_t = 50)]
    pub batch: u32,
    /// First retry delay in milliseconds; doubles on each failure, with jitter.
    #[arg(long, default_value_t = 2000, env = "PUSKESOS_SYNC_BACKOFF_MS")]
    pub backoff_ms: u64,
    /// Give up after this many failed passes in a row (without --once).
    #[arg(long, default_value_t = 10)]
    pub max_failures: u32,
    /// A connection silent for this long (sending, or waiting for the answer) is given up
    /// and the request retried; default 60000.
    #[arg(long, env = "PUSKESOS_SYNC_TIMEOUT_MS")]
    pub timeout_ms: Option<u64>,
    /// Size of the pieces photos are uploaded in, in KiB; default 256.
    #[arg(long, env = "PUSKESOS_SYNC_CHUNK_KB")]
    pub chunk_kb: Option<usize>,
}

#[derive(Subcommand)]
pub enum PhotoAction {
    /// Orient, downscale, re-encode within the byte budget, strip metadata; print the checks.
    Normalize {
        input: PathBuf,
        output: PathBuf,
        /// What the photo shows (kk, ktp, house_front, …): sets the size limit.
        #[arg(long, default_value = "other")]
        kind: String,
    },
}

#[derive(Subcommand)]
pub enum DocAction {
    /// Normalise a photo and attach it to a household (the same photo is kept once).
    Add {
        #[arg(long)]
        household: String,
        #[arg(long)]
        kind: String,
        image: PathBuf,
    },
    /// A household's documents and the registry photos still missing.
    List {
        #[arg(long)]
        household: String,
    },
}

#[derive(Args)]
pub struct GenVillage {
    #[arg(long)]
    pub households: u32,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The file to write; .csv or .jsonl.
    #[arg(long)]
    pub out: PathBuf,
    /// Fill these villages (10-digit codes); repeatable.
    #[arg(long = "village")]
    pub villages: Vec<String>,
    /// Use the villages of this regency/city (4 digits) when no village is named.
    #[arg(long)]
    pub regency: Option<String>,
    /// Extract version, YYYYQn (default: the current quarter).
    #[arg(long)]
    pub extract_version: Option<String>,
}

#[derive(Subcommand)]
pub enum CheckAction {
    /// Validate a number and explain its parts.
    Check { number: String },
}

#[derive(Subcommand)]
pub enum RegistryAction {
    /// Import an extract (.csv or .jsonl); all or nothing.
    Import { file: PathBuf },
    /// Look people up.
    Find(FindArgs),
}

#[derive(Args)]
#[group(required = true, multiple = false)]
pub struct FindBy {
    #[arg(long)]
    pub nik: Option<String>,
    #[arg(long)]
    pub kk: Option<String>,
    /// A name as the citizen says it; spelling variants and titles are tolerated.
    #[arg(long)]
    pub name: Option<String>,
}

#[derive(Args)]
pub struct FindArgs {
    #[command(flatten)]
    pub by: FindBy,
    /// Only this village (10-digit code), for name searches.
    #[arg(long)]
    pub village: Option<String>,
    /// At most this many name matches.
    #[arg(long, default_value_t = 10)]
    pub limit: u32,
}

#[derive(Subcommand)]
pub enum HouseholdAction {
    /// Register a household.
    Add(HouseholdAdd),
    /// Show a household with its members.
    Show { id: String },
    /// List households.
    List {
        #[arg(long)]
        village: Option<String>,
    },
    /// Find households by a name as said, the end of a KK number or NIK, or "RT 3 RW 1".
    Find {
        query: String,
        #[arg(long)]
        village: Option<String>,
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
    /// Correct the KK number, address, RT/RW or head's name, with a reason.
    Correct(HouseholdCorrect),
    /// Delete a household recorded by mistake (with its members), with a reason.
    Delete {
        id: String,
        #[arg(long)]
        reason: String,
    },
    /// Corrections, moves and deletions of the household and its members.
    History { id: String },
    /// Keep the KK's QR (its Dukcapil verification link) on the household as evidence the
    /// district can check: the QR's text as a scanner gave it, or read from a photo of the KK.
    KkQr {
        id: String,
        #[arg(required_unless_present = "photo", conflicts_with = "photo")]
        text: Option<String>,
        /// A photo of the KK (JPEG or PNG): its QR is read from it.
        #[arg(long)]
        photo: Option<PathBuf>,
    },
    /// Record housing conditions and assets.
    Housing(crate::commands::answers::HousingArgs),
    /// Record programmes received and loss of livelihood.
    Circumstances(crate::commands::answers::CircumstancesArgs),
}

#[derive(Args)]
pub struct HouseholdAdd {
    #[arg(long)]
    pub kk: String,
    #[arg(long)]
    pub village: String,
    #[arg(long)]
    pub address: String,
    #[arg(long)]
    pub rt: String,
    #[arg(long)]
    pub rw: String,
    /// The head of the family's name, as on the KK.
    #[arg(long)]
    pub head: String,
}

#[derive(Args)]
pub struct HouseholdCorrect {
    pub id: String,
    /// Why: the district reads it.
    #[arg(long)]
    pub reason: String,
    #[arg(long)]
    pub kk: Option<String>,
    #[arg(long)]
    pub address: Option<String>,
    #[arg(long)]
    pub rt: Option<String>,
    #[arg(long)]
    pub rw: Option<String>,
    #[arg(long)]
    pub head: Option<String>,
}

#[derive(Args)]
pub struct PersonCorrect {
    pub id: String,
    /// Why: the district reads it.
    #[arg(long)]
    pub reason: String,
    /// An empty value removes the NIK.
    #[arg(long)]
    pub nik: Option<String>,
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long)]
    pub sex: Option<String>,
    /// YYYY-MM-DD.
    #[arg(long)]
    pub birth_date: Option<String>,
    #[arg(long)]
    pub relationship: Option<String>,
}

#[derive(Subcommand)]
pub enum PersonAction {
    /// Add a member to a household.
    Add(PersonAdd),
    /// Correct a member's NIK, name, sex, birth date or relationship, with a reason.
    Correct(PersonCorrect),
    /// Move a member to another recorded household (a family split, a marriage).
    Move {
        id: String,
        /// The destination household's id.
        #[arg(long)]
        to: String,
        /// The relationship on the destination KK.
        #[arg(long)]
        relationship: String,
        #[arg(long)]
        reason: String,
    },
    /// Delete a member recorded by mistake, with a reason.
    Delete {
        id: String,
        #[arg(long)]
        reason: String,
    },
    /// Record a member's answers (pregnancy, schooling, disability, work, …).
    Update(crate::commands::answers::PersonUpdate),
}

#[derive(Args)]
pub struct PersonAdd {
    #[arg(long)]
    pub household: String,
    #[arg(long)]
    pub nik: Option<String>,
    #[arg(long)]
    pub name: String,
    /// male|female (taken from the NIK when omitted).
    #[arg(long)]
    pub sex: Option<String>,
    /// YYYY-MM-DD (taken from the NIK when omitted).
    #[arg(long)]
    pub birth_date: Option<String>,
    #[arg(long)]
    pub birth_place: Option<String>,
    /// head, spouse, child, …
    #[arg(long, default_value = "head")]
    pub relationship: String,
}

#[derive(Subcommand)]
pub enum ComplaintAction {
    /// Register a complaint.
    Add(ComplaintAdd),
    /// List complaints, newest first.
    List {
        #[arg(long)]
        status: Option<String>,
    },
    /// Move a complaint to a later status, with a note.
    Advance {
        id: String,
        #[arg(long)]
        to: String,
        #[arg(long)]
        note: String,
    },
}

#[derive(Args)]
pub struct ComplaintAdd {
    #[arg(long)]
    pub household: Option<String>,
    /// The complainant's name.
    #[arg(long)]
    pub name: String,
    #[arg(long)]
    pub category: String,
    #[arg(long)]
    pub description: String,
    #[arg(long, default_value = "walk_in")]
    pub channel: String,
}

#[derive(Subcommand)]
pub enum ProposalAction {
    /// Propose a household: new_registration, correction or objection.
    Add {
        #[arg(long)]
        household: String,
        #[arg(long)]
        kind: String,
        #[arg(long)]
        reason: String,
        /// For an objection: the recipient's NIK.
        #[arg(long)]
        target_nik: Option<String>,
    },
    /// List proposals, with the district's decision on each.
    List,
    /// Fix a proposal the district returned and send it again.
    Resubmit {
        id: String,
        #[arg(long)]
        reason: String,
    },
}
