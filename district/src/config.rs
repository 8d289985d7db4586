//! Configuration by flags and environment, and start-up: data directory, database, first
//! admin account, listener.

use std::net::SocketAddr;
use std::path::PathBuf;

use sqlx::Row;

use crate::auth::{hash_password, new_password};
use crate::db::{now_rfc3339, Db};
use crate::files::FileStore;
use crate::state::{AppState, Settings};

#[derive(Debug, Clone, clap::Args)]
pub struct Config {
    /// Directory for the SQLite file and the document store; created on first start.
    #[arg(
        long,
        env = "PUSKESOS_DISTRICT_DATA",
        default_value = "./district-data"
    )]
    pub data_dir: PathBuf,
    /// `postgres://…` to store records in PostgreSQL; default: SQLite in the data directory.
    #[arg(long, env = "DATABASE_URL")]
    pub database_url: Option<String>,
    /// Address to listen on.
    #[arg(long, env = "PUSKESOS_DISTRICT_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,
    /// The URL phones use to reach this service (default: derived from --bind).
    #[arg(long, env = "PUSKESOS_DISTRICT_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// PEM certificate chain; with --tls-key the service speaks HTTPS itself.
    #[arg(long, env = "PUSKESOS_DISTRICT_TLS_CERT", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// PEM private key for --tls-cert.
    #[arg(long, env = "PUSKESOS_DISTRICT_TLS_KEY", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
    /// How long an enrolment code works.
    #[arg(long, env = "PUSKESOS_DISTRICT_ENROL_MINUTES", default_value_t = 15)]
    pub enrol_code_minutes: i64,
}

impl Config {
    pub fn for_data_dir(data_dir: PathBuf) -> Config {
        Config {
            data_dir,
            database_url: None,
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            public_url: None,
            tls_cert: None,
            tls_key: None,
            enrol_code_minutes: 15,
        }
    }

    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(u) if !u.trim().is_empty() => u.clone(),
            _ => Db::sqlite_url(&self.data_dir.join("district.sqlite")),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("data directory {0}: {1}")]
    DataDir(PathBuf, std::io::Error),
    #[error(transparent)]
    Db(#[from] crate::db::DbError),
    #[error("database: {0}")]
    Sql(#[from] sqlx::Error),
    #[error("listen on {0}: {1}")]
    Bind(SocketAddr, std::io::Error),
    #[error("TLS certificate or key: {0}")]
    Tls(String),
    #[error("{0}")]
    Api(#[from] crate::error::ApiError),
}

/// A running service: where it listens, and the admin password when this start created it.
pub struct Started {
    pub addr: SocketAddr,
    pub url: String,
    pub admin_password: Option<String>,
    pub cert_sha256: Option<String>,
    pub state: AppState,
    pub shutdown: tokio::sync::oneshot::Sender<()>,
    pub task: tokio::task::JoinHandle<std::io::Result<()>>,
}

/// Opens the data directory and the database, and creates the first admin account.
pub async fn open_state(
    config: &Config,
    cert_sha256: Option<String>,
    public_url: String,
) -> Result<(AppState, Option<String>), StartError> {
    std::fs::create_dir_all(&config.data_dir)
        .map_err(|e| StartError::DataDir(config.data_dir.clone(), e))?;
    let db = Db::connect(&config.database_url()).await?;
    let files = FileStore::new(config.data_dir.join("files"))
        .map_err(|e| StartError::DataDir(config.data_dir.clone(), e))?;
    let unlock_key =
        crate::unlock::UnlockCodeKey::load_or_create(&config.data_dir.join("unlock-codes.key"))
            .map_err(|e| StartError::DataDir(config.data_dir.clone(), e))?;
    let admin_password = ensure_admin(&db).await?;
    let state = AppState::new(
        db,
        files,
        Settings {
            public_url,
            cert_sha256,
            enrol_code_minutes: config.enrol_code_minutes,
        },
        unlock_key,
    );
    Ok((state, admin_password))
}

/// Creates `admin` with a generated password when there is no staff account yet; the
/// password is returned once, to be printed, and only its Argon2 hash is kept.
async fn ensure_admin(db: &Db) -> Result<Option<String>, StartError> {
    let count: i64 = sqlx::query("SELECT COUNT(*) AS n FROM staff")
        .fetch_one(&db.pool)
        .await?
        .try_get("n")?;
    if count > 0 {
        return Ok(None);
    }
    let password = new_password();
    let hash = hash_password(&password)?;
    let mut w = db.begin_write().await?;
    sqlx::query("INSERT INTO staff (username, password_hash, created_at) VALUES ('admin', $1, $2)")
        .bind(hash)
        .bind(now_rfc3339())
        .execute(&mut *w.tx)
        .await?;
    w.commit().await?;
    Ok(Some(password))
}

/// The address and certificate fingerprint phones are given (in the enrolment QR), as the
/// service started with this configuration presents itself: admin commands run beside the
/// service must hand out the same, or a phone enrolled from their QR cannot reach it (a
/// district with its own certificate authority needs the fingerprint in the QR).
pub fn public_identity(config: &Config) -> Result<(String, Option<String>), StartError> {
    let tls = load_tls(config)?;
    let scheme = if tls.is_some() { "https" } else { "http" };
    let url = config
        .public_url
        .clone()
        .unwrap_or_else(|| format!("{scheme}://{}", config.bind));
    Ok((url, tls.map(|t| t.1)))
}

fn load_tls(config: &Config) -> Result<Option<(rustls::ServerConfig, String)>, StartError> {
    let (Some(cert), Some(key)) = (&config.tls_cert, &config.tls_key) else {
        return Ok(None);
    };
    let cert_pem =
        std::fs::read(cert).map_err(|e| StartError::Tls(format!("{}: {e}", cert.display())))?;
    let key_pem =
        std::fs::read(key).map_err(|e| StartError::Tls(format!("{}: {e}", key.display())))?;
    let certs: Vec<_> = rustls_pemfile::certs(&mut cert_pem.as_slice())
        .collect::<Result<_, _>>()
        .map_err(|e| StartError::Tls(e.to_string()))?;
    let first = certs
        .first()
        .ok_or_else(|| StartError::Tls("no certificate in PEM".into()))?;
    let fingerprint = crate::auth::sha256_hex(first.as_ref());
    let key = rustls_pemfile::private_key(&mut key_pem.as_slice())
        .map_err(|e| StartError::Tls(e.to_string()))?
        .ok_or_else(|| StartError::Tls("no private key in PEM".into()))?;
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    let mut server = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| StartError::Tls(e.to_string()))?
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .map_err(|e| StartError::Tls(e.to_string()))?;
    server.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Some((server, fingerprint)))
}

/// Starts the service in the current tokio runtime and returns once it listens.
pub async fn start(config: &Config) -> Result<Started, StartError> {
    let tls = load_tls(config)?;
    let listener =
        std::net::TcpListener::bind(config.bind).map_err(|e| StartError::Bind(config.bind, e))?;
    listener
        .set_nonblocking(true)
        .map_err(|e| StartError::Bind(config.bind, e))?;
    let addr = listener
        .local_addr()
        .map_err(|e| StartError::Bind(config.bind, e))?;
    let scheme = if tls.is_some() { "https" } else { "http" };
    let url = config
        .public_url
        .clone()
        .unwrap_or_else(|| format!("{scheme}://{addr}"));
    let cert_sha256 = tls.as_ref().map(|t| t.1.clone());
    let (state, admin_password) = open_state(config, cert_sha256.clone(), url.clone()).await?;
    let app = crate::router(state.clone());
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let task = match tls {
        None => {
            let listener = tokio::net::TcpListener::from_std(listener)
                .map_err(|e| StartError::Bind(config.bind, e))?;
            tokio::spawn(async move {
                axum::serve(listener, app)
                    .with_graceful_shutdown(async {
                        let _ = rx.await;
                    })
                    .await
            })
        }
        Some((server_config, _)) => {
            let rustls_config = axum_server::tls_rustls::RustlsConfig::from_config(
                std::sync::Arc::new(server_config),
            );
            let handle = axum_server::Handle::new();
            let h2 = handle.clone();
            tokio::spawn(async move {
                let _ = rx.await;
                h2.graceful_shutdown(Some(std::time::Duration::from_secs(5)));
            });
            tokio::spawn(async move {
                axum_server::from_tcp_rustls(listener, rustls_config)
                    .handle(handle)
                    .serve(app.into_make_service())
                    .await
            })
        }
    };
    Ok(Started {
        addr,
        url,
        admin_password,
        cert_sha256,
        state,
        shutdown: tx,
        task,
    })
}
