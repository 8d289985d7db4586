//! The phone's sync client against the real service over TLS: a certificate pinned by the
//! fingerprint the enrolment QR carries is accepted, any other certificate is not.

mod common;

use common::*;
use puskesos_core::sync::client::{SyncClient, SyncError, TrustAnchor};
use puskesos_district::config::Config;
use sha2::{Digest, Sha256};

struct TlsServer {
    server: TestServer,
    fingerprint: String,
}

fn tls_server() -> TlsServer {
    let dir = tempfile::tempdir().expect("tempdir");
    let cert =
        rcgen::generate_simple_self_signed(vec!["localhost".to_string(), "127.0.0.1".to_string()])
            .expect("self-signed certificate");
    let cert_path = dir.path().join("cert.pem");
    let key_path = dir.path().join("key.pem");
    std::fs::write(&cert_path, cert.cert.pem()).expect("write cert");
    std::fs::write(&key_path, cert.key_pair.serialize_pem()).expect("write key");
    let fingerprint = hex::encode(Sha256::digest(cert.cert.der()));
    let mut config = Config::for_data_dir(dir.path().join("data"));
    config.tls_cert = Some(cert_path);
    config.tls_key = Some(key_path);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let server = TestServer::start_with(dir, config, rt);
    TlsServer {
        server,
        fingerprint,
    }
}

fn issue(server: &TestServer) -> puskesos_district::staff::IssuedCode {
    server.block_on(async {
        puskesos_district::enrol::create_village(server.state.db(), VILLAGE_A, "Desa A")
            .await
            .expect("village");
        puskesos_district::staff::issue_code(&server.state, VILLAGE_A, "op-1", "test")
            .await
            .expect("code")
    })
}

#[test]
fn a_pinned_certificate_from_the_enrolment_qr_is_trusted() {
    let t = tls_server();
    assert!(t.server.url.starts_with("https://127.0.0.1:"));
    let issued = issue(&t.server);
    assert_eq!(
        issued.qr.cert_sha256.as_deref(),
        Some(t.fingerprint.as_str()),
        "the QR carries the fingerprint"
    );
    assert_eq!(issued.qr.url, t.server.url);

    let client = SyncClient::new(
        &issued.qr.url,
        TrustAnchor::CertSha256(t.fingerprint.clone()),
    )
    .expect("client");
    let enrolled = client
        .enrol(&issued.code, "HP TLS")
        .expect("enrols over pinned TLS");
    let client = client.with_token(&enrolled.token);
    let feed = client.pull_status(VILLAGE_A, 0).expect("feed over TLS");
    assert!(feed.changes.is_empty());
}

#[test]
fn another_certificate_or_the_public_roots_are_refused() {
    let t = tls_server();
    let issued = issue(&t.server);
    let wrong =
        SyncClient::new(&t.server.url, TrustAnchor::CertSha256("00".repeat(32))).expect("client");
    let e = wrong.enrol(&issued.code, "HP").expect_err("wrong pin");
    assert!(matches!(e, SyncError::Certificate(_)), "{e:?}");
    assert!(!e.is_retryable(), "a pin mismatch is not retried: {e:?}");
    let public = SyncClient::new(&t.server.url, TrustAnchor::PublicRoots).expect("client");
    let e = public
        .enrol(&issued.code, "HP")
        .expect_err("self-signed is not publicly trusted");
    assert!(matches!(e, SyncError::Certificate(_)), "{e:?}");
    // The refused attempts did not spend the code.
    let ok = SyncClient::new(
        &t.server.url,
        TrustAnchor::CertSha256(t.fingerprint.clone()),
    )
    .expect("client");
    ok.enrol(&issued.code, "HP").expect("the code still works");
}

#[test]
fn errors_tell_retry_from_reenrol_from_reject() {
    let server = TestServer::start();
    let a = server.village_with_device(VILLAGE_A, "op-a");
    // Rejected request: validation, not retryable.
    let e = a
        .client
        .file_status(VILLAGE_A, "not-a-hash")
        .expect_err("bad name");
    assert!(
        matches!(e, SyncError::Validation { status: 400, .. }),
        "{e:?}"
    );
    assert!(!e.is_retryable());
    // Other village: auth (403), re-enrolment needed.
    let e = a
        .client
        .pull_status(VILLAGE_B, 0)
        .expect_err("other village");
    assert!(matches!(e, SyncError::Auth { status: 403, .. }), "{e:?}");
    // Nobody listening: network, retryable.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        l.local_addr().expect("addr").port()
    };
    let gone = SyncClient::new(
        &format!("http://127.0.0.1:{port}"),
        TrustAnchor::PublicRoots,
    )
    .expect("client")
    .with_token(a.token());
    let e = gone.pull_status(VILLAGE_A, 0).expect_err("no server");
    assert!(e.is_retryable(), "{e:?}");

    // A failing service (503 from a proxy in front of it): server error, retryable.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    let proxy = std::thread::spawn(move || {
        use std::io::{Read, Write};
        let (mut sock, _) = listener.accept().expect("accept");
        let mut buf = [0u8; 4096];
        let _ = sock.read(&mut buf);
        let _ = sock.write_all(
            b"HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
        );
    });
    let failing = SyncClient::new(&format!("http://{addr}"), TrustAnchor::PublicRoots)
        .expect("client")
        .with_token(a.token());
    let e = failing.pull_status(VILLAGE_A, 0).expect_err("503");
    assert!(matches!(e, SyncError::Server { status: 503, .. }), "{e:?}");
    assert!(e.is_retryable());
    proxy.join().expect("proxy thread");
}
