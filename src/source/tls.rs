//! A GitRepository Secret's `ca.crt`: the certificate authorities an HTTPS Git server's
//! certificate may chain to, besides the system's. libgit2 checks the server against the
//! system roots; when that fails it asks us, and a certificate that chains to the Secret's
//! CAs (with the bundle's other certificates as intermediates) and names the host is
//! accepted.

use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, ServerName, UnixTime};

/// Certificate authorities from a Secret's `ca.crt`, as DER.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CaBundle {
    certs: Vec<Vec<u8>>,
}

/// Why `ca.crt` or a server certificate was refused; never contains key material.
#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    /// `ca.crt` is not PEM.
    #[error("invalid 'ca.crt' in the Secret: {source}")]
    Pem {
        /// The PEM reader's error.
        #[source]
        source: rustls_pki_types::pem::Error,
    },
    /// A certificate of `ca.crt` cannot be a trust anchor.
    #[error("invalid 'ca.crt' in the Secret: certificate {index}: {source}")]
    Certificate {
        /// Which certificate (from 1).
        index: usize,
        /// webpki's error.
        #[source]
        source: webpki::Error,
    },
    /// `ca.crt` holds no certificate.
    #[error("invalid 'ca.crt' in the Secret: no PEM certificate found")]
    NoCertificate,
    /// The server's certificate does not chain to the bundle or does not name the host.
    #[error("the certificate of {host} is not trusted: {reason}")]
    Untrusted {
        /// The host connected to.
        host: String,
        /// What failed (webpki's reason).
        reason: String,
    },
}

impl CaBundle {
    /// Parses PEM certificates (one or more). Other PEM sections are skipped; a bundle
    /// without any certificate, or with one that is not X.509, is an error.
    pub fn from_pem(pem: &[u8]) -> Result<CaBundle, TlsError> {
        let mut certs = Vec::new();
        for c in CertificateDer::pem_slice_iter(pem) {
            let c = c.map_err(|source| TlsError::Pem { source })?;
            webpki::anchor_from_trusted_cert(&c).map_err(|source| TlsError::Certificate {
                index: certs.len() + 1,
                source,
            })?;
            certs.push(c.as_ref().to_vec());
        }
        if certs.is_empty() {
            return Err(TlsError::NoCertificate);
        }
        Ok(CaBundle { certs })
    }

    /// Number of certificates in the bundle.
    pub fn len(&self) -> usize {
        self.certs.len()
    }

    /// Whether the bundle is empty (never, once parsed).
    pub fn is_empty(&self) -> bool {
        self.certs.is_empty()
    }

    /// Checks a server's leaf certificate (DER) for `host` against the bundle at `now`.
    pub fn verify(&self, leaf: &[u8], host: &str, now: UnixTime) -> Result<(), TlsError> {
        let untrusted = |reason: String| TlsError::Untrusted {
            host: host.to_string(),
            reason,
        };
        let leaf = CertificateDer::from(leaf);
        let cert = webpki::EndEntityCert::try_from(&leaf).map_err(|e| untrusted(e.to_string()))?;
        let ders: Vec<CertificateDer<'_>> = self
            .certs
            .iter()
            .map(|c| CertificateDer::from(c.as_slice()))
            .collect();
        let anchors = ders
            .iter()
            .map(webpki::anchor_from_trusted_cert)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| untrusted(e.to_string()))?;
        cert.verify_for_usage(
            webpki::ALL_VERIFICATION_ALGS,
            &anchors,
            &ders,
            now,
            webpki::KeyUsage::server_auth(),
            None,
            None,
        )
        .map_err(|e| untrusted(e.to_string()))?;
        let name = ServerName::try_from(host.trim_start_matches('[').trim_end_matches(']'))
            .map_err(|e| untrusted(e.to_string()))?;
        cert.verify_is_valid_for_subject_name(&name)
            .map_err(|e| untrusted(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bundle_needs_a_certificate() {
        let e = CaBundle::from_pem(b"not a certificate\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid 'ca.crt' in the Secret: no PEM certificate found"
        );
        let e = CaBundle::from_pem(b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("invalid 'ca.crt' in the Secret: certificate 1:"),
            "{e}"
        );
    }
}
