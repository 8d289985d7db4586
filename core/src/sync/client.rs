//! The phone's HTTP client for the district sync API.
//!
//! Blocking and stateless over batches: it sends what it is given and says what happened;
//! the outbox drain decides what to send next, retries and marks entries done. `ureq` needs
//! no async runtime on the phone, and rustls keeps the TLS stack the same on every Android
//! version.
//!
//! Trust: the district's certificate is checked against the phone's trust store (see
//! `tls.rs`), or, for a district that runs its own certificate authority, pinned to the
//! SHA-256 of the certificate that the enrolment QR carries. Plain HTTP is refused except to
//! this machine (loopback), because the records carry NIKs and poverty status (UU 27/2022 on
//! personal data protection).

use std::fmt;
use std::io::{Read, Seek, SeekFrom};
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, ClientConnection, DigitallySignedStruct, SignatureScheme, StreamOwned};
use sha2::{Digest, Sha256};
use ureq::http::Uri;
use ureq::tls::TlsConfig;
use ureq::unversioned::resolver::DefaultResolver;
use ureq::unversioned::transport::{
    Buffers, ConnectionDetails, Connector, Either, LazyBuffers, NextTimeout, TcpConnector,
    Transport, TransportAdapter,
};

use super::wire::{
    BatchResponse, ChunkStatus, EnrolRequest, EnrolResponse, ErrorBody, OutboxEntry, StatusFeed,
    UploadBegin, VillagePack, API_PREFIX, CLIENT_VERSION_HEADER,
};
use crate::ident::{redact, Redacted};
use crate::Lang;

/// How the service's certificate is trusted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrustAnchor {
    /// A district behind a public certificate: the platform's roots (see
    /// [`super::tls::use_system_roots`]).
    PublicRoots,
    /// The SHA-256 (hex) of the service's DER certificate, from the enrolment QR.
    CertSha256(String),
}

/// What can go wrong talking to the district, sorted by what the caller should do. The
/// server's messages and the phone's own store errors may quote a record; the message,
/// `Display` and `Debug` mask identity numbers, as these errors are logged and reported.
#[derive(Clone, PartialEq, Eq, thiserror::Error)]
pub enum SyncError {
    /// No answer, a cut connection, a timeout: try again later.
    #[error("jaringan: {}", Redacted(.0))]
    Network(String),
    /// The service failed (5xx): try again later.
    #[error("server dinas bermasalah ({status}): {}", Redacted(.message))]
    Server { status: u16, message: String },
    /// 401/403: the token is unknown, revoked, or not for this village; enrol again.
    #[error("ditolak ({status}, {code}): {}; daftarkan ulang perangkat", Redacted(.message))]
    Auth {
        status: u16,
        code: String,
        message: String,
    },
    /// Another 4xx: the request itself is wrong; sending it again will not help.
    #[error("ditolak server ({status}, {code}): {}", Redacted(.message))]
    Validation {
        status: u16,
        code: String,
        message: String,
    },
    /// The URL or trust settings cannot be used (plain HTTP off-device, bad fingerprint).
    #[error("pengaturan sinkronisasi: {}", Redacted(.0))]
    Config(String),
    /// The service's certificate is not the one the enrolment pinned, or is not trusted by
    /// the public roots. Retrying cannot help (and must not: it may be someone else's
    /// server); district staff must check the certificate or enrol the device again.
    #[error(
        "sertifikat server ditolak: {}; hubungi dinas atau daftarkan ulang perangkat",
        Redacted(.0)
    )]
    Certificate(String),
    /// The answer could not be read as the protocol says.
    #[error("jawaban server tidak terbaca: {}", Redacted(.0))]
    Protocol(String),
    /// The local file to upload could not be read.
    #[error("berkas lokal: {}", Redacted(.0))]
    LocalFile(String),
    /// The phone's own store failed (disk full, a damaged file).
    #[error("penyimpanan HP: {}", Redacted(.0))]
    Local(String),
}

crate::redacted_debug!(enum SyncError {
    Network(reason),
    Server { status, message },
    Auth {
        status,
        code,
        message
    },
    Validation {
        status,
        code,
        message
    },
    Config(reason),
    Certificate(reason),
    Protocol(reason),
    LocalFile(reason),
    Local(reason),
});

impl SyncError {
    /// Network trouble and server failures pass; the drain backs off and tries again.
    pub fn is_retryable(&self) -> bool {
        matches!(self, SyncError::Network(_) | SyncError::Server { .. })
    }

    /// The device must be enrolled again before anything else will work.
    pub fn needs_reenrolment(&self) -> bool {
        matches!(self, SyncError::Auth { .. })
    }

    /// A message for people, in the chosen language.
    pub fn message(&self, lang: Lang) -> String {
        let text = match lang {
            Lang::Id => self.to_string(),
            Lang::En => match self {
                SyncError::Network(m) => format!("network: {m}"),
                SyncError::Server { status, message } => {
                    format!("district server failed ({status}): {message}")
                }
                SyncError::Auth { status, code, .. } => {
                    format!("refused ({status}, {code}); enrol this device again")
                }
                SyncError::Validation {
                    status,
                    code,
                    message,
                } => format!("rejected by the server ({status}, {code}): {message}"),
                SyncError::Config(m) => format!("sync settings: {m}"),
                SyncError::Certificate(m) => {
                    let m = if m == PIN_MISMATCH {
                        "its fingerprint is not the one received at enrolment"
                    } else {
                        m
                    };
                    format!(
                        "server certificate refused: {m}; contact the district or enrol this device again"
                    )
                }
                SyncError::Protocol(m) => format!("unreadable server answer: {m}"),
                SyncError::LocalFile(m) => format!("local file: {m}"),
                SyncError::Local(m) => format!("phone store: {m}"),
            },
        };
        redact(&text).into_owned()
    }
}

/// The answer to a pack check.
#[derive(Debug, Clone, PartialEq)]
pub enum PackPull {
    /// The phone's version is current (`304 Not Modified`).
    Unchanged,
    /// A newer pack (whole, or a delta from the phone's version), with its ETag.
    Changed {
        pack: Box<VillagePack>,
        etag: String,
    },
}

/// Upload progress: bytes the service holds of this file, and its size.
pub type ChunkProgress<'a> = &'a mut dyn FnMut(u64, u64);

/// The default chunk: 256 KiB, about one normalised document photo, a few seconds on 3G.
pub const DEFAULT_CHUNK_BYTES: usize = 256 * 1024;

/// How long one phase of a request (sending the request, waiting for the answer's head,
/// reading its body) may stall before the connection is given up as dead: long enough for a
/// 256 KiB chunk on a poor 2G link, short enough that a connection that went silent (a
/// mobile network that drops packets without a reset) does not hold the sync for minutes.
pub const DEFAULT_STALL_TIMEOUT: Duration = Duration::from_secs(60);

const CLIENT_VERSION: &str = concat!("puskesos-core/", env!("CARGO_PKG_VERSION"));

#[derive(Clone)]
pub struct SyncClient {
    base: String,
    token: Option<String>,
    trust: TrustAnchor,
    agent: ureq::Agent,
    chunk_bytes: usize,
}

impl fmt::Debug for SyncClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SyncClient")
            .field("base", &self.base)
            .field("token", &self.token.as_ref().map(|_| "…"))
            .finish()
    }
}

fn is_loopback_host(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    if bare.eq_ignore_ascii_case("localhost") {
        return true;
    }
    bare.parse::<IpAddr>()
        .map(|ip| ip.is_loopback())
        .unwrap_or(false)
}

pub(crate) fn check_base_url(base: &str) -> Result<(String, bool), SyncError> {
    let base = base.trim().trim_end_matches('/').to_string();
    let uri: Uri = base
        .parse()
        .map_err(|e| SyncError::Config(format!("URL {base:?}: {e}")))?;
    let host = uri
        .host()
        .ok_or_else(|| SyncError::Config(format!("URL {base:?} tanpa nama host")))?;
    match uri.scheme_str() {
        Some("https") => Ok((base, true)),
        Some("http") if is_loopback_host(host) => Ok((base, false)),
        Some("http") => Err(SyncError::Config(format!(
            "HTTP tanpa TLS hanya boleh ke mesin ini (loopback), bukan {host}"
        ))),
        other => Err(SyncError::Config(format!(
            "skema URL tidak didukung: {other:?}"
        ))),
    }
}

pub(crate) fn parse_fingerprint(fp: &str) -> Result<[u8; 32], SyncError> {
    let clean: String = fp.chars().filter(|c| c.is_ascii_hexdigit()).collect();
    let bytes = hex::decode(&clean)
        .map_err(|_| SyncError::Config("sidik jari sertifikat bukan heksadesimal".into()))?;
    bytes
        .try_into()
        .map_err(|_| SyncError::Config("sidik jari sertifikat harus SHA-256 (32 bita)".into()))
}

impl SyncClient {
    /// A client for the service at `base_url` (`https://dinsos.example.go.id` or, for tests
    /// and a desk PC running the service, `http://127.0.0.1:8080`).
    pub fn new(base_url: &str, trust: TrustAnchor) -> Result<SyncClient, SyncError> {
        let (base, _https) = check_base_url(base_url)?;
        let agent = build_agent(&trust, DEFAULT_STALL_TIMEOUT)?;
        Ok(SyncClient {
            base,
            token: None,
            trust,
            agent,
            chunk_bytes: DEFAULT_CHUNK_BYTES,
        })
    }

    /// The same client with another stall timeout (see [`DEFAULT_STALL_TIMEOUT`]); a whole
    /// request may take at most twice as long.
    pub fn with_stall_timeout(mut self, stall: Duration) -> Result<SyncClient, SyncError> {
        self.agent = build_agent(&self.trust, stall)?;
        Ok(self)
    }

    /// The same client, acting as an enrolled device.
    pub fn with_token(mut self, token: &str) -> SyncClient {
        self.token = Some(token.to_string());
        self
    }

    pub fn with_chunk_bytes(mut self, n: usize) -> SyncClient {
        self.chunk_bytes = n.max(1);
        self
    }

    pub fn base_url(&self) -> &str {
        &self.base
    }

    fn url(&self, path: &str) -> String {
        format!("{}{API_PREFIX}{path}", self.base)
    }

    fn auth_header(&self) -> Result<String, SyncError> {
        self.token
            .as_ref()
            .map(|t| format!("Bearer {t}"))
            .ok_or_else(|| SyncError::Auth {
                status: 401,
                code: "not_enrolled".into(),
                message: "perangkat belum terdaftar".into(),
            })
    }

    /// Trades a one-time enrolment code for a device token.
    pub fn enrol(&self, code: &str, device_label: &str) -> Result<EnrolResponse, SyncError> {
        let body = to_json(&EnrolRequest {
            code: code.to_string(),
            device_label: device_label.to_string(),
        })?;
        let resp = self
            .agent
            .post(self.url("/enrol"))
            .header("content-type", "application/json")
            .header(CLIENT_VERSION_HEADER, CLIENT_VERSION)
            .send(&body[..])
            .map_err(net)?;
        read_json(resp)
    }

    /// Asks for the village pack. With `known` (the ETag and version the phone holds) an
    /// unchanged pack costs one small request, and a changed one comes as a delta when the
    /// service still has the phone's version.
    pub fn pull_pack(
        &self,
        village: &str,
        known: Option<(&str, i64)>,
    ) -> Result<PackPull, SyncError> {
        let mut url = self.url(&format!("/villages/{village}/pack"));
        if let Some((_, version)) = known {
            url.push_str(&format!("?since={version}"));
        }
        let mut req = self
            .agent
            .get(url)
            .header("authorization", self.auth_header()?)
            .header(CLIENT_VERSION_HEADER, CLIENT_VERSION);
        if let Some((etag, _)) = known {
            req = req.header("if-none-match", etag);
        }
        let resp = req.call().map_err(net)?;
        if resp.status().as_u16() == 304 {
            return Ok(PackPull::Unchanged);
        }
        let etag = resp
            .headers()
            .get("etag")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        let pack: VillagePack = read_json(resp)?;
        let etag = if etag.is_empty() {
            pack.manifest.etag.clone()
        } else {
            etag
        };
        Ok(PackPull::Changed {
            pack: Box::new(pack),
            etag,
        })
    }

    /// Sends one batch of outbox entries; the answer has a verdict per entry, in order.
    pub fn push_batch(
        &self,
        village: &str,
        entries: &[OutboxEntry],
    ) -> Result<BatchResponse, SyncError> {
        self.push_batch_with_audit::<()>(village, entries, None)
    }

    /// Sends one batch with the device's audit chain beside its entries (which may be none):
    /// an [`AuditUpload`](super::wire::AuditUpload), or anything that serialises the same.
    pub fn push_batch_with_audit<A: serde::Serialize>(
        &self,
        village: &str,
        entries: &[OutboxEntry],
        audit: Option<&A>,
    ) -> Result<BatchResponse, SyncError> {
        let body = to_json(&BatchBody { entries, audit })?;
        let resp = self
            .agent
            .post(self.url(&format!("/villages/{village}/batches")))
            .header("authorization", self.auth_header()?)
            .header("content-type", "application/json")
            .header(CLIENT_VERSION_HEADER, CLIENT_VERSION)
            .send(&body[..])
            .map_err(net)?;
        let answer: BatchResponse = read_json(resp)?;
        if answer.results.len() != entries.len() {
            return Err(SyncError::Protocol(format!(
                "{} jawaban untuk {} entri",
                answer.results.len(),
                entries.len()
            )));
        }
        Ok(answer)
    }

    /// Pulls the district's status changes after `cursor`.
    pub fn pull_status(&self, village: &str, after: i64) -> Result<StatusFeed, SyncError> {
        let resp = self
            .agent
            .get(self.url(&format!("/villages/{village}/status-changes?after={after}")))
            .header("authorization", self.auth_header()?)
            .header(CLIENT_VERSION_HEADER, CLIENT_VERSION)
            .call()
            .map_err(net)?;
        read_json(resp)
    }

    /// How much of a file the service holds; `None` when no upload was begun.
    pub fn file_status(
        &self,
        village: &str,
        sha256: &str,
    ) -> Result<Option<ChunkStatus>, SyncError> {
        let resp = self
            .agent
            .get(self.url(&format!("/villages/{village}/files/{sha256}")))
            .header("authorization", self.auth_header()?)
            .call()
            .map_err(net)?;
        if resp.status().as_u16() == 404 {
            return Ok(None);
        }
        read_json(resp).map(Some)
    }

    /// Uploads a document whose SHA-256 is `sha256`, resuming where the service stopped:
    /// it begins (or learns the offset of an earlier attempt, or that the bytes are already
    /// there) and sends the rest in chunks from that offset. `reader` must yield exactly the
    /// bytes that hash to `sha256`.
    pub fn upload<R: Read + Seek>(
        &self,
        village: &str,
        sha256: &str,
        size: u64,
        mime: &str,
        reader: &mut R,
        progress: ChunkProgress<'_>,
    ) -> Result<ChunkStatus, SyncError> {
        let path = self.url(&format!("/villages/{village}/files/{sha256}"));
        let begin = to_json(&UploadBegin {
            size: size as i64,
            mime: mime.to_string(),
        })?;
        let resp = self
            .agent
            .post(&path)
            .header("authorization", self.auth_header()?)
            .header("content-type", "application/json")
            .send(&begin[..])
            .map_err(net)?;
        let mut status: ChunkStatus = read_json(resp)?;
        let mut buf = vec![0u8; self.chunk_bytes];
        let mut mismatches = 0;
        while !status.complete {
            progress(status.received as u64, size);
            let offset = status.received.max(0) as u64;
            if offset >= size {
                // The service holds every byte but has not finished the file; asking again
                // later lets it finish (or start over if the bytes were wrong).
                return Err(SyncError::Protocol(format!(
                    "server memegang {offset} dari {size} bita tetapi belum menyelesaikan berkas"
                )));
            }
            reader
                .seek(SeekFrom::Start(offset))
                .map_err(|e| SyncError::LocalFile(e.to_string()))?;
            let want = (size - offset.min(size)).min(buf.len() as u64) as usize;
            let n = read_full(reader, &mut buf[..want])
                .map_err(|e| SyncError::LocalFile(e.to_string()))?;
            if n == 0 {
                return Err(SyncError::LocalFile(format!(
                    "berkas lebih pendek dari {size} bita"
                )));
            }
            let resp = self
                .agent
                .put(format!("{path}?offset={offset}"))
                .header("authorization", self.auth_header()?)
                .header("content-type", "application/octet-stream")
                .send(&buf[..n])
                .map_err(net)?;
            match read_json::<ChunkStatus>(resp) {
                Ok(s) => status = s,
                Err(SyncError::Validation { status: 409, .. }) if mismatches < 3 => {
                    // Our idea of the offset was stale (an earlier chunk landed after all):
                    // ask and continue from what the service holds.
                    mismatches += 1;
                    status = self
                        .file_status(village, sha256)?
                        .ok_or_else(|| SyncError::Protocol("unggahan hilang di server".into()))?;
                }
                Err(e) => return Err(e),
            }
        }
        progress(size, size);
        Ok(status)
    }
}

fn build_agent(trust: &TrustAnchor, stall: Duration) -> Result<ureq::Agent, SyncError> {
    let stall = stall.max(Duration::from_millis(1));
    let config = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_connect(Some(stall.min(Duration::from_secs(20))))
        .timeout_send_request(Some(stall))
        .timeout_send_body(Some(stall))
        .timeout_recv_response(Some(stall))
        .timeout_recv_body(Some(stall))
        .timeout_global(Some(stall * 2))
        .user_agent(CLIENT_VERSION)
        .tls_config(
            TlsConfig::builder()
                .root_certs(super::tls::public_roots())
                .unversioned_rustls_crypto_provider(super::tls::provider())
                .build(),
        )
        .build();
    Ok(match trust {
        TrustAnchor::PublicRoots => ureq::Agent::new_with_config(config),
        TrustAnchor::CertSha256(fp) => {
            let pinned = PinnedTls::new(parse_fingerprint(fp)?)?;
            ureq::Agent::with_parts(
                config,
                TcpConnector::default().chain(pinned),
                DefaultResolver::default(),
            )
        }
    })
}

fn read_full<R: Read>(r: &mut R, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// An [`UploadBatch`](super::wire::UploadBatch) as sent, borrowing what it carries instead of copying every entry
/// first (same JSON).
#[derive(serde::Serialize)]
struct BatchBody<'a, A> {
    entries: &'a [OutboxEntry],
    #[serde(skip_serializing_if = "Option::is_none")]
    audit: Option<&'a A>,
}

fn to_json<T: serde::Serialize>(v: &T) -> Result<Vec<u8>, SyncError> {
    serde_json::to_vec(v).map_err(|e| SyncError::Protocol(e.to_string()))
}

fn net(e: ureq::Error) -> SyncError {
    if let Some(reason) = certificate_problem(&e) {
        return SyncError::Certificate(reason);
    }
    match e {
        ureq::Error::StatusCode(s) if s >= 500 => SyncError::Server {
            status: s,
            message: String::new(),
        },
        other => SyncError::Network(other.to_string()),
    }
}

/// A TLS failure that says the server's certificate is not the one to trust (as opposed to
/// a connection that broke during the handshake, which is network trouble).
fn certificate_problem(e: &ureq::Error) -> Option<String> {
    let tls = match e {
        ureq::Error::Rustls(t) => Some(t),
        ureq::Error::Io(io) => io
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<rustls::Error>()),
        _ => None,
    }?;
    match tls {
        rustls::Error::InvalidCertificate(
            rustls::CertificateError::ApplicationVerificationFailure,
        ) => Some(PIN_MISMATCH.to_string()),
        rustls::Error::InvalidCertificate(c) => Some(format!("sertifikat tidak tepercaya ({c:?})")),
        rustls::Error::NoCertificatesPresented => Some("server tidak mengirim sertifikat".into()),
        _ => None,
    }
}

const PIN_MISMATCH: &str =
    "sidik jari sertifikat server tidak cocok dengan yang diterima saat pendaftaran";

/// The packs of big villages run to megabytes; anything above this is not a pack.
const MAX_RESPONSE_BYTES: u64 = 256 * 1024 * 1024;

fn read_json<T: serde::de::DeserializeOwned>(
    mut resp: ureq::http::Response<ureq::Body>,
) -> Result<T, SyncError> {
    let status = resp.status().as_u16();
    let text = resp
        .body_mut()
        .with_config()
        .limit(MAX_RESPONSE_BYTES)
        .read_to_string()
        .map_err(net)?;
    if (200..300).contains(&status) {
        return serde_json::from_str(&text).map_err(|e| SyncError::Protocol(e.to_string()));
    }
    let body: ErrorBody = serde_json::from_str(&text).unwrap_or_else(|_| ErrorBody {
        code: format!("http_{status}"),
        message: text.chars().take(200).collect(),
    });
    Err(match status {
        401 | 403 => SyncError::Auth {
            status,
            code: body.code,
            message: body.message,
        },
        500..=599 => SyncError::Server {
            status,
            message: body.message,
        },
        _ => SyncError::Validation {
            status,
            code: body.code,
            message: body.message,
        },
    })
}

/// TLS with the service's certificate pinned by SHA-256 instead of a CA chain, for districts
/// with their own certificate authority or a self-signed certificate. The handshake
/// signature is still verified, so the peer must hold the certificate's private key.
#[derive(Debug)]
struct PinnedTls {
    config: Arc<ClientConfig>,
}

#[derive(Debug)]
struct PinnedVerifier {
    fingerprint: [u8; 32],
    provider: Arc<rustls::crypto::CryptoProvider>,
}

impl PinnedTls {
    fn new(fingerprint: [u8; 32]) -> Result<PinnedTls, SyncError> {
        let provider = super::tls::provider();
        let verifier = Arc::new(PinnedVerifier {
            fingerprint,
            provider: provider.clone(),
        });
        let config = ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| SyncError::Config(format!("TLS: {e}")))?
            .dangerous()
            .with_custom_certificate_verifier(verifier)
            .with_no_client_auth();
        Ok(PinnedTls {
            config: Arc::new(config),
        })
    }
}

impl ServerCertVerifier for PinnedVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let got: [u8; 32] = Sha256::digest(end_entity.as_ref()).into();
        if subtle_eq(&got, &self.fingerprint) {
            Ok(ServerCertVerified::assertion())
        } else {
            // Reported to the caller as `SyncError::Certificate` with PIN_MISMATCH.
            Err(rustls::Error::InvalidCertificate(
                rustls::CertificateError::ApplicationVerificationFailure,
            ))
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

fn subtle_eq(a: &[u8; 32], b: &[u8; 32]) -> bool {
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

impl<In: Transport> Connector<In> for PinnedTls {
    type Out = Either<In, PinnedTransport>;

    fn connect(
        &self,
        details: &ConnectionDetails,
        chained: Option<In>,
    ) -> Result<Option<Self::Out>, ureq::Error> {
        let Some(transport) = chained else {
            return Err(ureq::Error::Tls("no TCP transport to wrap"));
        };
        if !details.needs_tls() || transport.is_tls() {
            return Ok(Some(Either::A(transport)));
        }
        let host = details
            .uri
            .authority()
            .map(|a| {
                a.host()
                    .trim_start_matches('[')
                    .trim_end_matches(']')
                    .to_string()
            })
            .ok_or(ureq::Error::Tls("URL without host"))?;
        let name = ServerName::try_from(host).map_err(|_| ureq::Error::Tls("invalid host name"))?;
        let mut conn = ClientConnection::new(self.config.clone(), name)
            .map_err(|e| ureq::Error::Io(std::io::Error::other(e)))?;
        let mut sock = TransportAdapter::new(transport.boxed(), details.current_time.clone());
        sock.set_timeout(details.timeout);
        conn.complete_io(&mut sock)?;
        let buffers = LazyBuffers::new(
            details.config.input_buffer_size(),
            details.config.output_buffer_size(),
        );
        Ok(Some(Either::B(PinnedTransport {
            buffers,
            stream: StreamOwned { conn, sock },
        })))
    }
}

struct PinnedTransport {
    buffers: LazyBuffers,
    stream: StreamOwned<ClientConnection, TransportAdapter>,
}

impl fmt::Debug for PinnedTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PinnedTransport")
    }
}

impl Transport for PinnedTransport {
    fn buffers(&mut self) -> &mut dyn Buffers {
        &mut self.buffers
    }

    fn transmit_output(&mut self, amount: usize, timeout: NextTimeout) -> Result<(), ureq::Error> {
        use std::io::Write;
        self.stream.get_mut().set_timeout(timeout);
        let output = &self.buffers.output()[..amount];
        self.stream.write_all(output)?;
        Ok(())
    }

    fn await_input(&mut self, timeout: NextTimeout) -> Result<bool, ureq::Error> {
        self.stream.get_mut().set_timeout(timeout);
        let input = self.buffers.input_append_buf();
        let amount = self.stream.read(input)?;
        self.buffers.input_appended(amount);
        Ok(amount > 0)
    }

    fn is_open(&mut self) -> bool {
        self.stream.get_mut().get_mut().is_open()
    }

    fn is_tls(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_is_refused_off_loopback() {
        assert!(SyncClient::new("http://127.0.0.1:8080", TrustAnchor::PublicRoots).is_ok());
        assert!(SyncClient::new("http://localhost:8080/", TrustAnchor::PublicRoots).is_ok());
        assert!(SyncClient::new("http://[::1]:8080", TrustAnchor::PublicRoots).is_ok());
        let e = SyncClient::new("http://dinsos.example.go.id", TrustAnchor::PublicRoots)
            .expect_err("plain HTTP to another host");
        assert!(matches!(e, SyncError::Config(_)));
        assert!(SyncClient::new("https://dinsos.example.go.id", TrustAnchor::PublicRoots).is_ok());
        assert!(SyncClient::new("ftp://x", TrustAnchor::PublicRoots).is_err());
    }

    #[test]
    fn a_fingerprint_must_be_a_sha256() {
        let ok = "ab".repeat(32);
        assert!(SyncClient::new("https://x.example", TrustAnchor::CertSha256(ok)).is_ok());
        let colons = ["ab"; 32].join(":");
        assert!(SyncClient::new("https://x.example", TrustAnchor::CertSha256(colons)).is_ok());
        assert!(
            SyncClient::new("https://x.example", TrustAnchor::CertSha256("abcd".into())).is_err()
        );
    }

    #[test]
    fn errors_sort_into_retry_reenrol_and_reject() {
        assert!(SyncError::Network("x".into()).is_retryable());
        assert!(SyncError::Server {
            status: 503,
            message: String::new()
        }
        .is_retryable());
        let auth = SyncError::Auth {
            status: 401,
            code: "revoked".into(),
            message: String::new(),
        };
        assert!(auth.needs_reenrolment() && !auth.is_retryable());
        let v = SyncError::Validation {
            status: 400,
            code: "bad_request".into(),
            message: String::new(),
        };
        assert!(!v.is_retryable() && !v.needs_reenrolment());
        assert!(auth.message(Lang::En).contains("enrol"));
    }

    #[test]
    fn a_refused_certificate_is_not_network_trouble_and_not_retried() {
        let pin = std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            rustls::Error::InvalidCertificate(
                rustls::CertificateError::ApplicationVerificationFailure,
            ),
        );
        let e = net(ureq::Error::Io(pin));
        assert_eq!(e, SyncError::Certificate(PIN_MISMATCH.into()));
        assert!(!e.is_retryable() && !e.needs_reenrolment());
        assert!(e.to_string().contains("sidik jari"), "{e}");
        assert!(
            e.message(Lang::En).contains("fingerprint"),
            "{}",
            e.message(Lang::En)
        );
        let unknown = net(ureq::Error::Rustls(rustls::Error::InvalidCertificate(
            rustls::CertificateError::UnknownIssuer,
        )));
        assert!(matches!(unknown, SyncError::Certificate(_)), "{unknown:?}");
        // A handshake cut by the network stays network trouble.
        let cut = net(ureq::Error::Io(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "reset",
        )));
        assert!(matches!(cut, SyncError::Network(_)) && cut.is_retryable());
    }
}
