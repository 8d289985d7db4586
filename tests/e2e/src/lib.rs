//! Harness for the end-to-end tests: the real `puskesos-district` service on a free port of
//! 127.0.0.1 with a temporary data directory, and the real `puskesos` CLI with its own store
//! file. Both binaries are built once per test run (`cargo build`), so a test never runs a
//! stale binary.

use std::collections::BTreeMap;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

pub mod proxy;

pub const VILLAGE: &str = "3201010001";

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("tests/e2e sits two levels below the workspace root")
        .to_path_buf()
}

/// `target/<profile>` of the running binary: a test (`target/<profile>/deps/<test>`) or a
/// bench binary of this crate (`target/<profile>/<bin>`).
fn bin_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("running binary path");
    let dir = exe.parent().expect("binary lives in target/<profile>");
    if dir.file_name().is_some_and(|n| n == "deps") {
        dir.parent().expect("target/<profile>").to_path_buf()
    } else {
        dir.to_path_buf()
    }
}

/// Builds both binaries once, with the test's own profile, and returns their directory.
pub fn binaries() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = bin_dir();
        let mut cmd = Command::new(env!("CARGO"));
        cmd.current_dir(workspace_root()).args([
            "build",
            "-q",
            "-p",
            "puskesos-cli",
            "-p",
            "puskesos-district",
        ]);
        if dir.file_name().is_some_and(|n| n == "release") {
            cmd.arg("--release");
        }
        let status = cmd.status().expect("cargo runs");
        assert!(
            status.success(),
            "building puskesos and puskesos-district failed"
        );
        dir
    })
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port on 127.0.0.1")
}

/// A running district service; killed when dropped.
pub struct District {
    pub dir: tempfile::TempDir,
    pub addr: SocketAddr,
    child: Option<Child>,
    /// PEM certificate and key: the service speaks HTTPS itself.
    tls: Option<(PathBuf, PathBuf)>,
    /// The admin's password, printed once by the first command on the data.
    admin_password: String,
}

impl District {
    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("district-data")
    }

    /// Runs an administration command (`village`, `pack`, `enrol-code`, …) on the data.
    pub fn admin(&self, args: &[&str]) -> Output {
        let out = Command::new(binaries().join("puskesos-district"))
            .arg("--data-dir")
            .arg(self.data_dir())
            .args(args)
            .env_remove("DATABASE_URL")
            .output()
            .expect("puskesos-district runs");
        assert!(
            out.status.success(),
            "puskesos-district {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// Creates the village and starts the service.
    pub fn start() -> District {
        let mut d = District::create();
        d.spawn();
        d
    }

    /// Creates the village and starts the service on HTTPS with this certificate.
    pub fn start_tls(cert_pem: &Path, key_pem: &Path) -> District {
        let mut d = District::create();
        d.set_tls(cert_pem, key_pem);
        d.spawn();
        d
    }

    /// A data directory with the test village, and no service running yet.
    fn create() -> District {
        let dir = tempfile::tempdir().expect("temp dir");
        let addr: SocketAddr = format!("127.0.0.1:{}", free_port())
            .parse()
            .expect("address");
        let mut d = District {
            dir,
            addr,
            child: None,
            tls: None,
            admin_password: String::new(),
        };
        let out = d.admin(&["village", VILLAGE, "Desa Uji"]);
        d.admin_password = String::from_utf8_lossy(&out.stdout)
            .split("Kata sandi: ")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .expect("the first command prints the admin password")
            .to_string();
        d
    }

    /// Serves HTTPS with this certificate from the next (re)start on.
    pub fn set_tls(&mut self, cert_pem: &Path, key_pem: &Path) {
        self.tls = Some((cert_pem.to_path_buf(), key_pem.to_path_buf()));
    }

    /// Starts the service again after [`District::stop`] (same port, same data).
    pub fn spawn(&mut self) {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.dir.path().join("service.log"))
            .expect("log file");
        let mut cmd = Command::new(binaries().join("puskesos-district"));
        if let Some((cert, key)) = &self.tls {
            cmd.arg("--tls-cert").arg(cert).arg("--tls-key").arg(key);
        }
        let child = cmd
            .arg("--data-dir")
            .arg(self.data_dir())
            .arg("--bind")
            .arg(self.addr.to_string())
            .env_remove("DATABASE_URL")
            .stdout(Stdio::from(log.try_clone().expect("log")))
            .stderr(Stdio::from(log))
            .spawn()
            .expect("puskesos-district starts");
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(60);
        while TcpStream::connect(self.addr).is_err() {
            assert!(
                Instant::now() < deadline,
                "the service did not listen on {}",
                self.addr
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Stops the service (SIGKILL) and starts it again on the same port and data.
    pub fn restart(&mut self) {
        self.stop();
        self.spawn();
    }

    pub fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    pub fn url(&self) -> String {
        let scheme = if self.tls.is_some() { "https" } else { "http" };
        format!("{scheme}://{}", self.addr)
    }

    /// A fresh one-time enrolment code.
    pub fn enrol_code(&self, operator: &str) -> String {
        let out = self.admin(&["enrol-code", VILLAGE, operator]);
        let text = String::from_utf8_lossy(&out.stdout);
        text.split_whitespace()
            .find(|w| w.len() == 9 && w.as_bytes()[4] == b'-')
            .unwrap_or_else(|| panic!("no code in {text:?}"))
            .to_string()
    }

    fn db(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(self.data_dir().join("district.sqlite"))
            .expect("the district's SQLite file")
    }

    /// Records held by the district: entity → number of distinct records.
    pub fn record_counts(&self) -> BTreeMap<String, i64> {
        let db = self.db();
        let mut stmt = db
            .prepare("SELECT entity, COUNT(*) FROM records WHERE village_code = ?1 GROUP BY entity")
            .expect("query");
        stmt.query_map([VILLAGE], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("rows")
    }

    /// Entry ids the district applied, each with how often (the table's key makes this 1;
    /// counted anyway so that a schema change cannot hide a double).
    pub fn applied_entries(&self) -> BTreeMap<String, i64> {
        let db = self.db();
        let mut stmt = db
            .prepare("SELECT entry_id, COUNT(*) FROM applied_entries GROUP BY entry_id")
            .expect("query");
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("rows")
    }

    /// A staff page's HTML, signed in as the admin.
    pub fn staff_page(&self, path: &str) -> String {
        let password = self.admin_password.as_str();
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .build()
            .into();
        let login = agent
            .post(format!("{}/login", self.url()))
            .send_form([("username", "admin"), ("password", password)])
            .expect("login answered");
        let cookie = login
            .headers()
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .expect("a session cookie")
            .to_string();
        let mut page = agent
            .get(format!("{}{path}", self.url()))
            .header("cookie", cookie)
            .call()
            .expect("page answered");
        assert_eq!(page.status().as_u16(), 200, "{path}");
        page.body_mut().read_to_string().expect("page text")
    }

    /// The stored bytes of a document, from the content-addressed file store.
    pub fn blob(&self, sha256: &str) -> Option<Vec<u8>> {
        std::fs::read(
            self.data_dir()
                .join("files/blobs")
                .join(&sha256[..2])
                .join(sha256),
        )
        .ok()
    }
}

impl Drop for District {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The `puskesos` CLI on one store file.
pub struct Phone {
    pub db: PathBuf,
}

impl Phone {
    pub fn new(dir: &Path) -> Phone {
        Phone {
            db: dir.join("phone.sqlite"),
        }
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(binaries().join("puskesos"));
        cmd.arg("--db")
            .arg(&self.db)
            .args(args)
            .env_remove("PUSKESOS_REGIONS")
            .env("PUSKESOS_OPERATOR", "op-1")
            .env("PUSKESOS_SYNC_BACKOFF_MS", "20");
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("puskesos runs")
    }

    /// Runs and insists on success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "puskesos {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut all = args.to_vec();
        all.push("--json");
        let text = self.ok(&all);
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
    }

    fn store(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(&self.db).expect("the phone's store")
    }

    /// The phone's records: entity → number of records, from its outbox.
    pub fn entity_counts(&self) -> BTreeMap<String, i64> {
        let db = self.store();
        let mut stmt = db
            .prepare("SELECT entity, COUNT(DISTINCT entity_id) FROM outbox GROUP BY entity")
            .expect("query");
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("rows")
    }

    pub fn entry_ids(&self) -> Vec<String> {
        let db = self.store();
        let mut stmt = db.prepare("SELECT entry_id FROM outbox").expect("query");
        stmt.query_map([], |r| r.get(0))
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("rows")
    }

    /// `(sha256 column, bytes)` of every document on the phone.
    pub fn documents(&self) -> Vec<(String, Vec<u8>)> {
        let db = self.store();
        let mut stmt = db
            .prepare("SELECT sha256, bytes FROM documents")
            .expect("query");
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("rows")
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// A synthetic "document photo": a noisy gradient PNG, different for every seed, big enough
/// that it takes several upload chunks after normalisation.
pub fn write_photo(path: &Path, seed: u64) {
    use rand::{Rng, SeedableRng};
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let (w, h) = (1200u32, 900u32);
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        let n: u8 = rng.random_range(0..64);
        image::Rgb([
            ((x * 255 / w) as u8).wrapping_add(n),
            ((y * 255 / h) as u8).wrapping_add(n / 2),
            (seed as u8).wrapping_mul(37).wrapping_add(n),
        ])
    });
    img.save(path).expect("write the test photo");
}

/// Captures one household with members, a complaint and `photos` photos; returns its id.
pub fn capture_household(phone: &Phone, dir: &Path, n: u64, photos: u64) -> String {
    // Names may not hold digits: spell the number in letters.
    let tag: String = format!("{n:03}")
        .bytes()
        .map(|b| char::from(b'a' + (b - b'0')))
        .collect();
    let kk = format!("320101010120{:04}", n + 1);
    let hh = phone.ok(&[
        "household",
        "add",
        "--kk",
        &kk,
        "--village",
        VILLAGE,
        "--address",
        &format!("Jl. Uji {n}"),
        "--rt",
        "001",
        "--rw",
        "002",
        "--head",
        &format!("Kepala Uji{tag}"),
    ]);
    phone.ok(&[
        "person",
        "add",
        "--household",
        &hh,
        "--name",
        &format!("Kepala Uji{tag}"),
        "--sex",
        "male",
        "--birth-date",
        "1980-01-01",
        "--relationship",
        "head",
    ]);
    phone.ok(&[
        "person",
        "add",
        "--household",
        &hh,
        "--name",
        &format!("Istri Uji{tag}"),
        "--sex",
        "female",
        "--birth-date",
        "1982-02-02",
        "--relationship",
        "spouse",
    ]);
    phone.ok(&[
        "complaint",
        "add",
        "--household",
        &hh,
        "--name",
        &format!("Kepala Uji{tag}"),
        "--category",
        "other",
        "--description",
        "bantuan belum diterima",
    ]);
    for p in 0..photos {
        let path = dir.join(format!("photo-{n}-{p}.png"));
        write_photo(&path, n * 100 + p);
        let kind = if p == 0 { "kk" } else { "house_front" };
        phone.ok(&[
            "doc",
            "add",
            "--household",
            &hh,
            "--kind",
            kind,
            path.to_str().expect("utf-8 path"),
        ]);
    }
    hh
}

/// Asserts that the district holds every phone record exactly once and every document
/// byte-identical.
pub fn assert_exactly_once(district: &District, phone: &Phone) {
    let local = phone.entity_counts();
    let remote = district.record_counts();
    assert_eq!(remote, local, "records per kind: district vs phone");
    let applied = district.applied_entries();
    let ids = phone.entry_ids();
    assert_eq!(applied.len(), ids.len(), "entries applied vs queued");
    for id in &ids {
        assert_eq!(applied.get(id), Some(&1), "entry {id} applied once");
    }
    let docs = phone.documents();
    assert!(!docs.is_empty());
    for (sha, bytes) in docs {
        assert_eq!(sha256_hex(&bytes), sha, "the phone's own copy is intact");
        let blob = district
            .blob(&sha)
            .unwrap_or_else(|| panic!("document {sha} missing at the district"));
        assert_eq!(sha256_hex(&blob), sha, "district copy hashes to its name");
        assert!(blob == bytes, "document {sha} byte-identical");
    }
}
