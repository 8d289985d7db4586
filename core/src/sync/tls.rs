//! What the phone's TLS trusts and speaks.
//!
//! Two choices here are about the phone library's 6 MiB budget as much as security:
//!
//! - **Roots.** A district behind a public certificate is checked against the roots of the
//!   phone's own trust store, which the app reads (Android's `AndroidCAStore`, kept current by
//!   system updates and the user's own CAs) and hands over once with [`use_system_roots`].
//!   Mozilla's bundle (webpki-roots, 54 KB) is compiled in only with the `webpki-roots`
//!   feature, for the desk CLI, the district's tools and tests on a PC.
//! - **Ciphers.** AES-GCM only, in TLS 1.3 and 1.2 (ECDHE). Every server our districts run
//!   (rustls, nginx, IIS) offers it, and ARMv8 phones have AES instructions; leaving out
//!   ChaCha20-Poly1305 drops its assembly from the library.

use std::sync::{Arc, OnceLock, RwLock};

use rustls::crypto::ring::{cipher_suite, kx_group};
use rustls::crypto::{
    CryptoProvider, GetRandomFailed, KeyProvider, SecureRandom, WebPkiSupportedAlgorithms,
};
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::sign::SigningKey;
use rustls::SignatureScheme;
use ureq::tls::{Certificate, RootCerts};
use webpki::ring as alg;

static SYSTEM_ROOTS: RwLock<Option<Arc<Vec<Certificate<'static>>>>> = RwLock::new(None);

/// Registers the roots of the platform's trust store (DER certificates) for every client
/// made from now on; replaces any registered before. Returns how many parse as trust
/// anchors: the others are left out, so one odd user certificate cannot break the sync.
pub fn use_system_roots(ders: Vec<Vec<u8>>) -> usize {
    let mut parsed = rustls::RootCertStore::empty();
    let mut kept = Vec::with_capacity(ders.len());
    for der in ders {
        let (added, _) = parsed.add_parsable_certificates([CertificateDer::from(der.as_slice())]);
        if added == 1 {
            kept.push(Certificate::from_der(&der).to_owned());
        }
    }
    let count = kept.len();
    let mut roots = SYSTEM_ROOTS.write().unwrap_or_else(|e| e.into_inner());
    *roots = Some(Arc::new(kept));
    count
}

/// The roots a client trusts for [`super::TrustAnchor::PublicRoots`]: the platform's when
/// registered, else Mozilla's where compiled in, else none, so that an HTTPS handshake fails
/// as an unknown issuer (`SyncError::Certificate`) rather than trusting anything.
pub(crate) fn public_roots() -> RootCerts {
    let registered = SYSTEM_ROOTS
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    match registered {
        Some(roots) => RootCerts::Specific(roots),
        #[cfg(feature = "webpki-roots")]
        None => RootCerts::WebPki,
        #[cfg(not(feature = "webpki-roots"))]
        None => RootCerts::Specific(Arc::new(Vec::new())),
    }
}

/// The crypto provider of every client connection (see the module's note on ciphers).
pub(crate) fn provider() -> Arc<CryptoProvider> {
    static PROVIDER: OnceLock<Arc<CryptoProvider>> = OnceLock::new();
    PROVIDER
        .get_or_init(|| {
            Arc::new(CryptoProvider {
                cipher_suites: vec![
                    cipher_suite::TLS13_AES_256_GCM_SHA384,
                    cipher_suite::TLS13_AES_128_GCM_SHA256,
                    cipher_suite::TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
                    cipher_suite::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
                    cipher_suite::TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
                    cipher_suite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
                ],
                kx_groups: vec![kx_group::X25519, kx_group::SECP256R1, kx_group::SECP384R1],
                signature_verification_algorithms: SIGNATURES,
                secure_random: &SystemRandom,
                key_provider: &NoClientKeys,
            })
        })
        .clone()
}

/// The signatures rustls's own ring provider verifies (its table is private, and taking
/// its `default_provider()` would link the ChaCha20 suites back in).
static SIGNATURES: WebPkiSupportedAlgorithms = WebPkiSupportedAlgorithms {
    all: &[
        alg::ECDSA_P256_SHA256,
        alg::ECDSA_P256_SHA384,
        alg::ECDSA_P384_SHA256,
        alg::ECDSA_P384_SHA384,
        alg::ED25519,
        alg::RSA_PSS_2048_8192_SHA256_LEGACY_KEY,
        alg::RSA_PSS_2048_8192_SHA384_LEGACY_KEY,
        alg::RSA_PSS_2048_8192_SHA512_LEGACY_KEY,
        alg::RSA_PKCS1_2048_8192_SHA256,
        alg::RSA_PKCS1_2048_8192_SHA384,
        alg::RSA_PKCS1_2048_8192_SHA512,
        alg::RSA_PKCS1_2048_8192_SHA256_ABSENT_PARAMS,
        alg::RSA_PKCS1_2048_8192_SHA384_ABSENT_PARAMS,
        alg::RSA_PKCS1_2048_8192_SHA512_ABSENT_PARAMS,
    ],
    mapping: &[
        (
            SignatureScheme::ECDSA_NISTP384_SHA384,
            &[alg::ECDSA_P384_SHA384, alg::ECDSA_P256_SHA384],
        ),
        (
            SignatureScheme::ECDSA_NISTP256_SHA256,
            &[alg::ECDSA_P256_SHA256, alg::ECDSA_P384_SHA256],
        ),
        (SignatureScheme::ED25519, &[alg::ED25519]),
        (
            SignatureScheme::RSA_PSS_SHA512,
            &[alg::RSA_PSS_2048_8192_SHA512_LEGACY_KEY],
        ),
        (
            SignatureScheme::RSA_PSS_SHA384,
            &[alg::RSA_PSS_2048_8192_SHA384_LEGACY_KEY],
        ),
        (
            SignatureScheme::RSA_PSS_SHA256,
            &[alg::RSA_PSS_2048_8192_SHA256_LEGACY_KEY],
        ),
        (
            SignatureScheme::RSA_PKCS1_SHA512,
            &[alg::RSA_PKCS1_2048_8192_SHA512],
        ),
        (
            SignatureScheme::RSA_PKCS1_SHA384,
            &[alg::RSA_PKCS1_2048_8192_SHA384],
        ),
        (
            SignatureScheme::RSA_PKCS1_SHA256,
            &[alg::RSA_PKCS1_2048_8192_SHA256],
        ),
    ],
};

#[derive(Debug)]
struct SystemRandom;

impl SecureRandom for SystemRandom {
    fn fill(&self, buf: &mut [u8]) -> Result<(), GetRandomFailed> {
        use ring::rand::SecureRandom as _;
        ring::rand::SystemRandom::new()
            .fill(buf)
            .map_err(|_| GetRandomFailed)
    }
}

/// The phone never authenticates with a client certificate (its bearer token does that), so
/// no private key is ever loaded and RSA/ECDSA signing code stays out of the library.
#[derive(Debug)]
struct NoClientKeys;

impl KeyProvider for NoClientKeys {
    fn load_private_key(
        &self,
        _key_der: PrivateKeyDer<'static>,
    ) -> Result<Arc<dyn SigningKey>, rustls::Error> {
        Err(rustls::Error::General(
            "client certificates are not supported".into(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_provider_offers_only_aes_gcm() {
        let p = provider();
        assert_eq!(p.cipher_suites.len(), 6);
        for suite in &p.cipher_suites {
            let name = format!("{:?}", suite.suite());
            assert!(name.contains("AES_") && name.contains("GCM"), "{name}");
        }
        assert!(p.kx_groups.len() == 3);
    }

    #[test]
    fn unparsable_roots_are_left_out() {
        // A certificate authority made for the test (no real party's key).
        let key = rcgen::KeyPair::generate().unwrap();
        let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
        params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        let good = params.self_signed(&key).unwrap().der().to_vec();
        assert_eq!(
            use_system_roots(vec![b"not a certificate".to_vec(), good]),
            1
        );
        match public_roots() {
            RootCerts::Specific(roots) => assert_eq!(roots.len(), 1),
            other => panic!("expected the registered roots, got {other:?}"),
        }
    }
}
