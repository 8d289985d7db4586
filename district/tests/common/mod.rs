//! A real district service on 127.0.0.1 (ephemeral port) over a real database: a SQLite file
//! in a temporary directory, or a fresh PostgreSQL database when `PUSKESOS_TEST_PG_URL` (or
//! `DATABASE_URL`) names a server.
#![allow(dead_code)]

use std::time::Duration;

use puskesos_core::sync::client::{SyncClient, TrustAnchor};
use puskesos_core::sync::wire::{EnrolResponse, Entity, Op, OutboxEntry};
use puskesos_district::config::{start, Config};
use puskesos_district::staff::IssuedCode;
use puskesos_district::AppState;
use serde_json::{json, Value};
use uuid::Uuid;

pub const VILLAGE_A: &str = "3201010001";
pub const VILLAGE_B: &str = "3201010002";

pub struct TestServer {
    pub url: String,
    pub admin_password: String,
    pub dir: tempfile::TempDir,
    pub state: AppState,
    pub config: Config,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
    rt: Option<tokio::runtime::Runtime>,
}

pub fn pg_admin_url() -> Option<String> {
    std::env::var("PUSKESOS_TEST_PG_URL")
        .ok()
        .or_else(|| std::env::var("DATABASE_URL").ok())
        .filter(|u| u.starts_with("postgres"))
}

/// A new, empty database on the test PostgreSQL server.
fn fresh_pg_database(rt: &tokio::runtime::Runtime, admin: &str) -> String {
    use sqlx::Executor;
    let name = format!("pd_test_{}", Uuid::now_v7().simple());
    rt.block_on(async {
        sqlx::any::install_default_drivers();
        let pool = sqlx::any::AnyPoolOptions::new()
            .max_connections(1)
            .connect(admin)
            .await
            .expect("connect to the test PostgreSQL server");
        pool.execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .await
            .expect("create test database");
        pool.close().await;
    });
    let (base, query) = match admin.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (admin, String::new()),
    };
    let slash = base.rfind('/').expect("postgres URL with a database path");
    format!("{}/{name}{query}", &base[..slash])
}

impl TestServer {
    pub fn start() -> TestServer {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut config = Config::for_data_dir(dir.path().join("district-data"));
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("tokio runtime");
        if let Some(admin) = pg_admin_url() {
            config.database_url = Some(fresh_pg_database(&rt, &admin));
        }
        Self::start_with(dir, config, rt)
    }

    pub fn start_with(
        dir: tempfile::TempDir,
        config: Config,
        rt: tokio::runtime::Runtime,
    ) -> TestServer {
        let started = rt.block_on(start(&config)).expect("service starts");
        TestServer {
            url: started.url.clone(),
            admin_password: started.admin_password.clone().unwrap_or_default(),
            state: started.state.clone(),
            dir,
            config,
            shutdown: Some(started.shutdown),
            task: Some(started.task),
            rt: Some(rt),
        }
    }

    pub fn block_on<F: std::future::Future>(&self, f: F) -> F::Output {
        self.rt.as_ref().expect("runtime").block_on(f)
    }

    /// Stops the service and starts it again on the same data (a new port).
    pub fn restart(mut self) -> TestServer {
        let rt = self.rt.take().expect("runtime");
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = rt.block_on(task);
        }
        let dir = tempfile::tempdir().expect("tempdir");
        let old_dir = std::mem::replace(&mut self.dir, dir);
        let config = self.config.clone();
        let password = self.admin_password.clone();
        let mut s = Self::start_with(old_dir, config, rt);
        s.admin_password = password;
        s
    }

    pub fn client(&self) -> SyncClient {
        SyncClient::new(&self.url, TrustAnchor::PublicRoots).expect("client")
    }

    pub fn staff(&self) -> Staff {
        Staff::login(&self.url, "admin", &self.admin_password).expect("admin logs in")
    }

    /// A village with its pack, and an enrolled device for it.
    pub fn village_with_device(&self, village: &str, operator: &str) -> Device {
        let staff = self.staff();
        staff.create_village(village, &format!("Desa Uji {village}"));
        let code = staff.issue_code(village, operator);
        let enrolled = self.client().enrol(&code.code, "HP uji").expect("enrols");
        Device::new(self, enrolled)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(rt) = self.rt.take() {
            rt.shutdown_timeout(Duration::from_secs(2));
        }
    }
}

pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into()
}

/// A raw request: status and body text.
pub fn raw(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: Option<&[u8]>,
) -> (u16, String) {
    let (status, bytes) = raw_bytes(method, url, headers, body);
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

/// A raw request: status and body bytes.
pub fn raw_bytes(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: Option<&[u8]>,
) -> (u16, Vec<u8>) {
    let a = agent();
    let mut b = ureq::http::Request::builder().method(method).uri(url);
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    let resp = match body {
        Some(bytes) => a.run(b.body(bytes.to_vec()).expect("request")),
        None => a.run(b.body(()).expect("request")),
    }
    .expect("request answered");
    let status = resp.status().as_u16();
    let bytes = resp
        .into_body()
        .with_config()
        .limit(512 * 1024 * 1024)
        .read_to_vec()
        .expect("body read");
    (status, bytes)
}

pub struct Staff {
    pub url: String,
    pub cookie: String,
}

impl Staff {
    pub fn login(url: &str, user: &str, password: &str) -> Option<Staff> {
        let resp = agent()
            .post(format!("{url}/login"))
            .send_form([("username", user), ("password", password)])
            .expect("login answered");
        let cookie = resp
            .headers()
            .get("set-cookie")?
            .to_str()
            .ok()?
            .split(';')
            .next()?
            .to_string();
        Some(Staff {
            url: url.to_string(),
            cookie,
        })
    }

    pub fn send(
        &self,
        method: &str,
        path: &str,
        body: Option<&[u8]>,
        content_type: &str,
    ) -> (u16, String) {
        raw(
            method,
            &format!("{}{path}", self.url),
            &[("cookie", &self.cookie), ("content-type", content_type)],
            body,
        )
    }

    pub fn json(&self, method: &str, path: &str, body: Value) -> (u16, Value) {
        let (s, t) = self.send(
            method,
            path,
            Some(body.to_string().as_bytes()),
            "application/json",
        );
        (s, serde_json::from_str(&t).unwrap_or(Value::String(t)))
    }

    pub fn get_bytes(&self, path: &str) -> (u16, Vec<u8>) {
        raw_bytes(
            "GET",
            &format!("{}{path}", self.url),
            &[("cookie", &self.cookie)],
            None,
        )
    }

    pub fn get(&self, path: &str) -> (u16, String) {
        self.send("GET", path, None, "text/plain")
    }

    pub fn form(&self, path: &str, fields: &[(&str, &str)]) -> (u16, String) {
        let body: String = fields
            .iter()
            .map(|(k, v)| format!("{}={}", urlencode(k), urlencode(v)))
            .collect::<Vec<_>>()
            .join("&");
        self.send(
            "POST",
            path,
            Some(body.as_bytes()),
            "application/x-www-form-urlencoded",
        )
    }

    pub fn create_village(&self, code: &str, name: &str) {
        let (s, v) = self.json(
            "POST",
            "/staff/api/villages",
            json!({"code": code, "name": name}),
        );
        assert_eq!(s, 200, "create village: {v}");
    }

    pub fn issue_code(&self, village: &str, operator: &str) -> IssuedCode {
        let (s, v) = self.json(
            "POST",
            &format!("/staff/api/villages/{village}/enrol-codes"),
            json!({"operator_id": operator}),
        );
        assert_eq!(s, 200, "issue code: {v}");
        serde_json::from_value(v).expect("issued code")
    }

    pub fn publish(&self, village: &str, part: &str, body: &str) -> Value {
        let (s, t) = self.send(
            "PUT",
            &format!("/staff/api/villages/{village}/pack/{part}"),
            Some(body.as_bytes()),
            "text/plain",
        );
        assert_eq!(s, 200, "publish {part}: {t}");
        serde_json::from_str(&t).expect("manifest")
    }

    pub fn change_status(
        &self,
        village: &str,
        entity: &str,
        id: &str,
        status: &str,
        note: &str,
    ) -> (u16, Value) {
        self.json(
            "POST",
            &format!("/staff/api/villages/{village}/records/{entity}/{id}/status"),
            json!({"status": status, "note": note}),
        )
    }
}

pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// An enrolled device: its client, and a logical clock for the entries it makes.
pub struct Device {
    pub client: SyncClient,
    pub enrolled: EnrolResponse,
    pub clock: i64,
    pub seq: i64,
}

impl Device {
    pub fn new(server: &TestServer, enrolled: EnrolResponse) -> Device {
        Device {
            client: server.client().with_token(&enrolled.token),
            enrolled,
            clock: 0,
            seq: 0,
        }
    }

    pub fn village(&self) -> &str {
        &self.enrolled.village_code
    }

    pub fn token(&self) -> &str {
        &self.enrolled.token
    }

    pub fn entry(&mut self, entity: Entity, entity_id: Uuid, payload: Value) -> OutboxEntry {
        self.clock += 1;
        self.seq += 1;
        OutboxEntry {
            entry_id: Uuid::now_v7(),
            seq: self.seq,
            entity,
            entity_id,
            village_code: self.enrolled.village_code.clone(),
            op: Op::Upsert,
            clock: self.clock,
            device_id: self.enrolled.device_id.clone(),
            author: self.enrolled.operator_id.clone(),
            recorded_at: chrono::Utc::now(),
            payload,
        }
    }
}

pub fn household(id: Uuid, village: &str, head: &str) -> Value {
    json!({
        "id": id.to_string(), "kk_number": "3201011201250001", "village_code": village,
        "address": "Jl. Uji No. 1", "rt": "001", "rw": "002", "head_name": head
    })
}

/// A synthetic registry extract for a village: `n` people, NIKs built from the village's
/// district code and a serial (never real).
pub fn registry_csv(village: &str, n: usize, name_prefix: &str) -> String {
    let mut out = String::from(
        "extract_version,village_code,kk_number,nik,name,birth_place,birth_date,sex,relationship,desil,address,rt,rw\n",
    );
    for i in 0..n {
        out.push_str(&format!(
            "2025Q3,{village},{}12012500{:02},{}1201900{:03},{name_prefix} {i},Bogor,1990-01-12,male,head,3,Jl. Uji {i},001,002\n",
            &village[..6],
            i % 100,
            &village[..6],
            i % 1000,
        ));
    }
    out
}

pub const REGIONS_CSV: &str = "code,name\n32,Jawa Barat\n32.01,Kabupaten Bogor\n32.01.01,Cibinong\n32.01.01.0001,Desa Uji A\n32.01.01.0002,Desa Uji B\n";
