//! POSTs a [`Request`] over HTTP/1.1 (rustls for `https://`, the public roots or the
//! Provider's `ca.crt`). Errors say what failed without the URL (it may be a secret).

use std::time::Duration;

use bytes::Bytes;
use http_body_util::Full;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use rustls_pki_types::CertificateDer;
use rustls_pki_types::pem::PemObject;

use super::provider::Request;

/// How a delivery attempt failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The provider answered with this status.
    Status(u16),
    /// No answer in time.
    Timeout,
    /// The request could not be made or sent (connection refused, TLS, bad URL).
    Transport(String),
}

impl Failure {
    /// Whether another attempt may succeed (server errors, 429, timeouts, connections).
    pub fn retryable(&self) -> bool {
        match self {
            Failure::Status(s) => *s >= 500 || *s == 429 || *s == 408,
            Failure::Timeout | Failure::Transport(_) => true,
        }
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Status(s) => write!(f, "the provider answered HTTP {s}"),
            Failure::Timeout => f.write_str("no answer within the timeout"),
            Failure::Transport(m) => f.write_str(m),
        }
    }
}

fn tls_config(ca_pem: &[u8]) -> Result<rustls::ClientConfig, Failure> {
    let mut roots = rustls::RootCertStore::empty();
    for cert in CertificateDer::pem_slice_iter(ca_pem) {
        let cert = cert.map_err(|_| Failure::Transport("certSecretRef: ca.crt is not PEM".into()))?;
        roots
            .add(cert)
            .map_err(|_| Failure::Transport("certSecretRef: ca.crt holds an invalid certificate".into()))?;
    }
    if roots.is_empty() {
        return Err(Failure::Transport(
            "certSecretRef: ca.crt holds no certificate".into(),
        ));
    }
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    Ok(rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|_| Failure::Transport("TLS setup failed".into()))?
        .with_root_certificates(roots)
        .with_no_client_auth())
}

/// Sends `req` as a POST; `Ok(status)` for 2xx.
pub async fn post(req: &Request, timeout: Duration, ca_pem: Option<&[u8]>) -> Result<u16, Failure> {
    let builder = hyper_rustls::HttpsConnectorBuilder::new();
    let connector = match ca_pem {
        Some(pem) => builder.with_tls_config(tls_config(pem)?),
        None => builder.with_webpki_roots(),
    }
    .https_or_http()
    .enable_http1()
    .build();
    let client: Client<_, Full<Bytes>> = Client::builder(TokioExecutor::new()).build(connector);
    let mut builder = hyper::Request::builder().method("POST").uri(&req.url);
    for (k, v) in &req.headers {
        builder = builder.header(k.as_str(), v.as_str());
    }
    let request = builder
        .body(Full::new(Bytes::from(req.body.clone())))
        .map_err(|_| Failure::Transport("invalid request (address or headers)".into()))?;
    let response = match tokio::time::timeout(timeout, client.request(request)).await {
        Err(_) => return Err(Failure::Timeout),
        Ok(Err(e)) => {
            let kind = if e.is_connect() {
                "cannot connect to the provider"
            } else {
                "the request failed"
            };
            return Err(Failure::Transport(kind.into()));
        }
        Ok(Ok(r)) => r,
    };
    let status = response.status().as_u16();
    if (200..300).contains(&status) {
        Ok(status)
    } else {
        Err(Failure::Status(status))
    }
}
