//! A lean client of the OCI distribution API (`/v2/…`): manifests, blobs, tags and uploads,
//! with the registry's authentication (anonymous, HTTP Basic, or a Bearer token from the
//! registry's token service, asked for with the user's credentials when given), TLS with
//! extra certificate authorities and a client certificate, or plain HTTP (`insecure`).
//!
//! Every blob read is checked against its digest while it streams, and bounded by a size
//! limit; a blob is written to a hidden temporary file and renamed only once verified.
//! Nothing here prints, and no message contains a credential.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine as _;
use bytes::Bytes;
use http::{HeaderMap, HeaderValue, Method, Request, StatusCode, header};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client as HyperClient;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use sha2::{Digest as _, Sha256};

/// Media types the client accepts for manifests.
pub const MANIFEST_ACCEPT: &str = "application/vnd.oci.image.manifest.v1+json, \
    application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.index.v1+json";
/// Media type of OCI image manifests.
pub const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
/// The largest manifest read (registries themselves refuse manifests over 4 MiB).
const MANIFEST_LIMIT: u64 = 4 << 20;

/// Why a registry request failed. Messages name the registry and repository and never a
/// credential.
#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    /// The registry could not be reached (DNS, connection, TLS).
    #[error("{0}")]
    Connect(String),
    /// The registry refused the credentials (or asks for some).
    #[error("{0}")]
    Unauthorized(String),
    /// The tag, manifest or blob does not exist.
    #[error("{0}")]
    NotFound(String),
    /// Content did not match its digest.
    #[error("{0}")]
    Digest(String),
    /// Content is larger than allowed.
    #[error("{0}")]
    TooLarge(String),
    /// Any other unexpected answer or invalid content.
    #[error("{0}")]
    Protocol(String),
    /// A local file could not be written or read.
    #[error("{what}: {source}")]
    Io {
        /// The file, or what was being done (`cannot create a temporary directory`).
        what: String,
        /// The error.
        #[source]
        source: std::io::Error,
    },
    /// A blocking task (packing, extraction) stopped before it finished.
    #[error("{what} failed: {source}")]
    Task {
        /// `packing` or `extraction`.
        what: &'static str,
        /// The runtime's error.
        #[source]
        source: tokio::task::JoinError,
    },
    /// A layer could not be extracted.
    #[error("{what}: {source}")]
    Extract {
        /// Which layer or file (`<what>: cannot extract layer <digest>`).
        what: String,
        /// Why.
        #[source]
        source: crate::source::archive::ArchiveError,
    },
}

fn io_error(what: &Path) -> impl FnOnce(std::io::Error) -> RegistryError + '_ {
    move |source| RegistryError::Io {
        what: what.display().to_string(),
        source,
    }
}

/// Registry credentials.
#[derive(Clone, PartialEq, Eq)]
pub enum Credentials {
    /// Username and password (or token as password).
    Basic {
        /// User name.
        username: String,
        /// Password.
        password: String,
    },
    /// An identity token or registry token used as `Bearer`.
    Token(String),
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Credentials::Basic { username, .. } => write!(f, "Basic({username}, ***)"),
            Credentials::Token(_) => f.write_str("Token(***)"),
        }
    }
}

/// TLS material from a `certSecretRef` Secret.
#[derive(Clone, Default)]
pub struct TlsMaterial {
    /// `ca.crt`: extra certificate authorities (PEM).
    pub ca: Option<Vec<u8>>,
    /// `tls.crt` and `tls.key`: a client certificate (PEM).
    pub client: Option<(Vec<u8>, Vec<u8>)>,
}

impl std::fmt::Debug for TlsMaterial {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TlsMaterial")
            .field("ca", &self.ca.is_some())
            .field("client", &self.client.is_some())
            .finish()
    }
}

/// How to talk to a registry.
#[derive(Clone, Debug, Default)]
pub struct ClientOptions {
    /// Credentials, or anonymous.
    pub credentials: Option<Credentials>,
    /// Plain HTTP instead of HTTPS.
    pub insecure: bool,
    /// Extra TLS trust and client certificate.
    pub tls: TlsMaterial,
    /// Per-request timeout (connect and headers; bodies are bounded by the caller).
    pub timeout: Option<Duration>,
}

type Body = Full<Bytes>;
type Connector = hyper_rustls::HttpsConnector<HttpConnector>;
/// The HTTP(S) client of the source engines' HTTP fetches.
pub type HttpClient = HyperClient<Connector, Body>;

/// An HTTP/1.1 client over plain TCP or TLS (the system's roots plus `tls`'s CA, and its
/// client certificate), for `host` (named in errors).
pub fn http_client(
    tls: &TlsMaterial,
    host: &str,
    timeout: Option<Duration>,
) -> Result<HttpClient, RegistryError> {
    let mut http = HttpConnector::new();
    http.enforce_http(false);
    http.set_connect_timeout(Some(timeout.unwrap_or(Duration::from_secs(30))));
    let connector = hyper_rustls::HttpsConnectorBuilder::new()
        .with_tls_config(tls_config(tls, host)?)
        .https_or_http()
        .enable_http1()
        .wrap_connector(http);
    Ok(HyperClient::builder(TokioExecutor::new()).build(connector))
}

/// A client for one registry host.
#[derive(Clone)]
pub struct Registry {
    http: HyperClient<Connector, Body>,
    base: String,
    host: String,
    credentials: Option<Credentials>,
    timeout: Duration,
    /// The `Authorization` value that worked last, per scope.
    auth: Arc<Mutex<Vec<(String, HeaderValue)>>>,
}

/// A manifest as read from the registry.
#[derive(Clone, Debug)]
pub struct Manifest {
    /// `sha256:<hex>` of the bytes.
    pub digest: String,
    /// Content type the registry gave.
    pub media_type: String,
    /// The bytes (digest verified).
    pub bytes: Bytes,
}

fn tls_config(tls: &TlsMaterial, host: &str) -> Result<rustls::ClientConfig, RegistryError> {
    let mut roots = rustls::RootCertStore::empty();
    for cert in rustls_native_certs::load_native_certs().certs {
        let _ = roots.add(cert);
    }
    if let Some(ca) = &tls.ca {
        let mut n = 0;
        for c in CertificateDer::pem_slice_iter(ca) {
            let c = c.map_err(|e| RegistryError::Connect(format!("invalid 'ca.crt': {e:?}")))?;
            roots
                .add(c)
                .map_err(|e| RegistryError::Connect(format!("invalid 'ca.crt': {e}")))?;
            n += 1;
        }
        if n == 0 {
            return Err(RegistryError::Connect(
                "invalid 'ca.crt': no PEM certificate found".into(),
            ));
        }
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| RegistryError::Connect(format!("TLS setup for {host}: {e}")))?
        .with_root_certificates(roots);
    match &tls.client {
        Some((crt, key)) => {
            let certs = CertificateDer::pem_slice_iter(crt)
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| RegistryError::Connect(format!("invalid 'tls.crt': {e:?}")))?;
            let key = PrivateKeyDer::from_pem_slice(key)
                .map_err(|_| RegistryError::Connect("invalid 'tls.key': no usable private key".into()))?;
            builder
                .with_client_auth_cert(certs, key)
                .map_err(|e| RegistryError::Connect(format!("invalid 'tls.crt'/'tls.key': {e}")))
        }
        None => Ok(builder.with_no_client_auth()),
    }
}

/// The parameters of a `WWW-Authenticate` challenge (`Bearer realm="…",service="…"`).
pub fn parse_challenge(value: &str) -> (String, Vec<(String, String)>) {
    let value = value.trim();
    let (scheme, rest) = value.split_once(' ').unwrap_or((value, ""));
    let mut params = Vec::new();
    let mut rest = rest.trim();
    while !rest.is_empty() {
        let Some((key, after)) = rest.split_once('=') else {
            break;
        };
        let key = key.trim().trim_start_matches(',').trim().to_ascii_lowercase();
        let after = after.trim_start();
        let (val, remaining) = if let Some(quoted) = after.strip_prefix('"') {
            let mut out = String::new();
            let mut chars = quoted.char_indices();
            let mut end = quoted.len();
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' => {
                        if let Some((_, n)) = chars.next() {
                            out.push(n);
                        }
                    }
                    '"' => {
                        end = i + 1;
                        break;
                    }
                    c => out.push(c),
                }
            }
            (out, &quoted[end.min(quoted.len())..])
        } else {
            let end = after.find(',').unwrap_or(after.len());
            (after[..end].trim().to_string(), &after[end..])
        };
        params.push((key, val));
        rest = remaining.trim_start().trim_start_matches(',').trim_start();
    }
    (scheme.to_ascii_lowercase(), params)
}

fn sha256_hex(bytes: &[u8]) -> String {
    crate::source::archive::hex(&Sha256::digest(bytes))
}

/// `sha256:<hex>` of bytes.
pub fn digest_of(bytes: &[u8]) -> String {
    format!("sha256:{}", sha256_hex(bytes))
}

impl Registry {
    /// A client for `host` (`host[:port]`).
    pub fn new(host: &str, options: &ClientOptions) -> Result<Registry, RegistryError> {
        let http = http_client(&options.tls, host, options.timeout)?;
        let scheme = if options.insecure { "http" } else { "https" };
        Ok(Registry {
            http,
            base: format!("{scheme}://{host}"),
            host: host.to_string(),
            credentials: options.credentials.clone(),
            timeout: options.timeout.unwrap_or(Duration::from_secs(60)),
            auth: Arc::default(),
        })
    }

    /// The registry host.
    pub fn host(&self) -> &str {
        &self.host
    }

    fn cached_auth(&self, scope: &str) -> Option<HeaderValue> {
        let cache = self.auth.lock().ok()?;
        cache.iter().find(|(s, _)| s == scope).map(|(_, v)| v.clone())
    }

    fn remember_auth(&self, scope: &str, value: HeaderValue) {
        if let Ok(mut cache) = self.auth.lock() {
            cache.retain(|(s, _)| s != scope);
            cache.push((scope.to_string(), value));
        }
    }

    async fn send_once(
        &self,
        method: &Method,
        url: &str,
        headers: &HeaderMap,
        body: &Bytes,
        auth: Option<&HeaderValue>,
    ) -> Result<http::Response<hyper::body::Incoming>, RegistryError> {
        let mut req = Request::builder().method(method.clone()).uri(url);
        for (k, v) in headers {
            req = req.header(k, v);
        }
        if let Some(a) = auth {
            req = req.header(header::AUTHORIZATION, a.clone());
        }
        req = req.header(header::USER_AGENT, concat!("flux-rs/", env!("CARGO_PKG_VERSION")));
        let req = req
            .body(Full::new(body.clone()))
            .map_err(|e| RegistryError::Protocol(format!("invalid request to {url}: {e}")))?;
        match tokio::time::timeout(self.timeout, self.http.request(req)).await {
            Ok(Ok(resp)) => Ok(resp),
            Ok(Err(e)) => Err(RegistryError::Connect(format!(
                "cannot reach {}: {}",
                self.host,
                error_chain(&e)
            ))),
            Err(_) => Err(RegistryError::Connect(format!(
                "{} did not answer within {}",
                self.host,
                crate::duration::format(self.timeout)
            ))),
        }
    }

    /// Sends a request, answering the registry's authentication challenge once and
    /// following redirects (without the credentials).
    async fn send(
        &self,
        method: Method,
        path_or_url: &str,
        headers: HeaderMap,
        body: Bytes,
        scope: &str,
    ) -> Result<http::Response<hyper::body::Incoming>, RegistryError> {
        let mut url = if path_or_url.starts_with("http://") || path_or_url.starts_with("https://") {
            path_or_url.to_string()
        } else {
            format!("{}{path_or_url}", self.base)
        };
        let mut auth = self.cached_auth(scope);
        let mut challenged = false;
        for _ in 0..6 {
            let same_host = url.starts_with(&self.base);
            let resp = self
                .send_once(
                    &method,
                    &url,
                    &headers,
                    &body,
                    auth.as_ref().filter(|_| same_host),
                )
                .await?;
            let status = resp.status();
            if status == StatusCode::UNAUTHORIZED && !challenged && same_host {
                challenged = true;
                let challenge = resp
                    .headers()
                    .get(header::WWW_AUTHENTICATE)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_string();
                auth = Some(self.answer(&challenge, scope).await?);
                continue;
            }
            if status.is_redirection()
                && let Some(loc) = resp.headers().get(header::LOCATION).and_then(|v| v.to_str().ok())
                && method == Method::GET
            {
                url = self.absolute(loc);
                continue;
            }
            if status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN {
                let detail = error_body(resp).await;
                let who = if self.credentials.is_some() {
                    "the credentials were refused"
                } else {
                    "authentication required (no credentials given)"
                };
                return Err(RegistryError::Unauthorized(format!(
                    "{}: {who}: {status}{detail}",
                    self.host
                )));
            }
            if challenged && let Some(a) = &auth {
                self.remember_auth(scope, a.clone());
            }
            return Ok(resp);
        }
        Err(RegistryError::Protocol(format!(
            "{}: too many redirects",
            self.host
        )))
    }

    fn absolute(&self, location: &str) -> String {
        if location.starts_with("http://") || location.starts_with("https://") {
            location.to_string()
        } else {
            format!("{}{location}", self.base)
        }
    }

    /// The `Authorization` value answering a challenge.
    async fn answer(&self, challenge: &str, scope: &str) -> Result<HeaderValue, RegistryError> {
        let (scheme, params) = parse_challenge(challenge);
        let param = |k: &str| params.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        match scheme.as_str() {
            "basic" => match &self.credentials {
                Some(Credentials::Basic { username, password }) => basic_header(username, password),
                Some(Credentials::Token(t)) => bearer_header(t),
                None => Err(RegistryError::Unauthorized(format!(
                    "{}: authentication required (no credentials given)",
                    self.host
                ))),
            },
            "bearer" => {
                let realm = param("realm").ok_or_else(|| {
                    RegistryError::Protocol(format!("{}: Bearer challenge without a realm", self.host))
                })?;
                let mut query = Vec::new();
                if let Some(s) = param("service") {
                    query.push(format!("service={}", urlencode(&s)));
                }
                query.push(format!(
                    "scope={}",
                    urlencode(&param("scope").unwrap_or_else(|| scope.to_string()))
                ));
                let sep = if realm.contains('?') { '&' } else { '?' };
                let token_url = format!("{realm}{sep}{}", query.join("&"));
                self.token(&token_url).await
            }
            _ => Err(RegistryError::Unauthorized(format!(
                "{}: unsupported authentication challenge {scheme:?}",
                self.host
            ))),
        }
    }

    async fn token(&self, token_url: &str) -> Result<HeaderValue, RegistryError> {
        let auth = match &self.credentials {
            Some(Credentials::Basic { username, password }) => Some(basic_header(username, password)?),
            Some(Credentials::Token(t)) => Some(bearer_header(t)?),
            None => None,
        };
        let resp = self
            .send_once(
                &Method::GET,
                token_url,
                &HeaderMap::new(),
                &Bytes::new(),
                auth.as_ref(),
            )
            .await?;
        let status = resp.status();
        if !status.is_success() {
            let detail = error_body(resp).await;
            return Err(RegistryError::Unauthorized(format!(
                "{}: the token service refused the request: {status}{detail}",
                self.host
            )));
        }
        let body = read_limited(resp.into_body(), 1 << 20, &self.host).await?;
        let v: serde_json::Value = serde_json::from_slice(&body)
            .map_err(|e| RegistryError::Protocol(format!("{}: invalid token answer: {e}", self.host)))?;
        let token = v["token"]
            .as_str()
            .or_else(|| v["access_token"].as_str())
            .ok_or_else(|| {
                RegistryError::Protocol(format!("{}: the token answer has no token", self.host))
            })?;
        bearer_header(token)
    }

    /// Reads a manifest by tag or digest; its digest is checked (against the reference when
    /// it is a digest, against `Docker-Content-Digest` when the registry sends one).
    pub async fn manifest(&self, repository: &str, reference: &str) -> Result<Manifest, RegistryError> {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT, HeaderValue::from_static(MANIFEST_ACCEPT));
        let resp = self
            .send(
                Method::GET,
                &format!("/v2/{repository}/manifests/{reference}"),
                headers,
                Bytes::new(),
                &pull_scope(repository),
            )
            .await?;
        let what = format!("{}/{repository}:{reference}", self.host);
        let resp = expect_success(resp, &what).await?;
        let media_type = resp
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        let announced = resp
            .headers()
            .get("docker-content-digest")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let bytes = read_limited(resp.into_body(), MANIFEST_LIMIT, &what).await?;
        let digest = digest_of(&bytes);
        let expected = if reference.starts_with("sha256:") {
            Some(reference.to_string())
        } else {
            announced.filter(|d| d.starts_with("sha256:"))
        };
        if let Some(expected) = expected
            && expected != digest
        {
            return Err(RegistryError::Digest(format!(
                "manifest {what}: digest mismatch: expected {expected}, got {digest}"
            )));
        }
        Ok(Manifest {
            digest,
            media_type,
            bytes,
        })
    }

    /// The digest of a manifest, from a `HEAD` request (no body transferred).
    pub async fn manifest_digest(
        &self,
        repository: &str,
        reference: &str,
    ) -> Result<Option<String>, RegistryError> {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT, HeaderValue::from_static(MANIFEST_ACCEPT));
        let resp = self
            .send(
                Method::HEAD,
                &format!("/v2/{repository}/manifests/{reference}"),
                headers,
                Bytes::new(),
                &pull_scope(repository),
            )
            .await?;
        let what = format!("{}/{repository}:{reference}", self.host);
        let resp = expect_success(resp, &what).await?;
        Ok(resp
            .headers()
            .get("docker-content-digest")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string))
    }

    /// Downloads a blob into `dest` (through a hidden temporary file next to it), checking
    /// its digest and refusing more than `limit` bytes; `progress` is told the bytes so far.
    pub async fn blob_to_file(
        &self,
        repository: &str,
        digest: &str,
        limit: u64,
        dest: &Path,
        progress: &(dyn Fn(u64) + Send + Sync),
    ) -> Result<u64, RegistryError> {
        if !super::reference::valid_digest(digest) {
            return Err(RegistryError::Protocol(format!(
                "unsupported blob digest {digest:?}"
            )));
        }
        let what = format!("blob {digest} of {}/{repository}", self.host);
        let resp = self
            .send(
                Method::GET,
                &format!("/v2/{repository}/blobs/{digest}"),
                HeaderMap::new(),
                Bytes::new(),
                &pull_scope(repository),
            )
            .await?;
        let resp = expect_success(resp, &what).await?;
        let dir = dest.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(io_error(dir))?;
        let mut tmp = tempfile::Builder::new()
            .prefix(".blob-")
            .tempfile_in(dir)
            .map_err(io_error(dir))?;
        let mut hasher = Sha256::new();
        let mut size: u64 = 0;
        let mut body = resp.into_body();
        while let Some(frame) = tokio::time::timeout(self.timeout, body.frame())
            .await
            .map_err(|_| RegistryError::Connect(format!("{what}: the download stalled")))?
        {
            let frame = frame.map_err(|e| RegistryError::Connect(format!("{what}: {}", error_chain(&e))))?;
            let Ok(data) = frame.into_data() else {
                continue;
            };
            size += data.len() as u64;
            if size > limit {
                return Err(RegistryError::TooLarge(format!(
                    "{what} is larger than the limit of {limit} bytes"
                )));
            }
            hasher.update(&data);
            tmp.write_all(&data).map_err(io_error(dir))?;
            progress(size);
        }
        let actual = format!("sha256:{}", crate::source::archive::hex(&hasher.finalize()));
        if actual != digest {
            return Err(RegistryError::Digest(format!(
                "{what}: digest mismatch: got {actual}"
            )));
        }
        tmp.persist(dest).map_err(|e| RegistryError::Io {
            what: format!("{}: failed to persist temporary file", dest.display()),
            source: e.error,
        })?;
        Ok(size)
    }

    /// Reads a small blob (a config) into memory, digest checked.
    pub async fn blob_bytes(
        &self,
        repository: &str,
        digest: &str,
        limit: u64,
    ) -> Result<Bytes, RegistryError> {
        let what = format!("blob {digest} of {}/{repository}", self.host);
        let resp = self
            .send(
                Method::GET,
                &format!("/v2/{repository}/blobs/{digest}"),
                HeaderMap::new(),
                Bytes::new(),
                &pull_scope(repository),
            )
            .await?;
        let resp = expect_success(resp, &what).await?;
        let bytes = read_limited(resp.into_body(), limit, &what).await?;
        let actual = digest_of(&bytes);
        if actual != digest {
            return Err(RegistryError::Digest(format!(
                "{what}: digest mismatch: got {actual}"
            )));
        }
        Ok(bytes)
    }

    /// Whether the repository has the blob.
    pub async fn has_blob(&self, repository: &str, digest: &str) -> Result<bool, RegistryError> {
        let resp = self
            .send(
                Method::HEAD,
                &format!("/v2/{repository}/blobs/{digest}"),
                HeaderMap::new(),
                Bytes::new(),
                &push_scope(repository),
            )
            .await?;
        match resp.status() {
            s if s.is_success() => Ok(true),
            StatusCode::NOT_FOUND => Ok(false),
            s => Err(RegistryError::Protocol(format!(
                "{}/{repository}: checking blob {digest}: {s}",
                self.host
            ))),
        }
    }

    /// Uploads a blob (monolithic upload) unless the repository has it; returns its digest.
    pub async fn push_blob(&self, repository: &str, data: Bytes) -> Result<String, RegistryError> {
        let digest = digest_of(&data);
        if self.has_blob(repository, &digest).await? {
            return Ok(digest);
        }
        let what = format!("{}/{repository}", self.host);
        let resp = self
            .send(
                Method::POST,
                &format!("/v2/{repository}/blobs/uploads/"),
                HeaderMap::new(),
                Bytes::new(),
                &push_scope(repository),
            )
            .await?;
        let resp = expect_success(resp, &format!("upload to {what}")).await?;
        let location = resp
            .headers()
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .ok_or_else(|| RegistryError::Protocol(format!("{what}: the upload has no Location")))?
            .to_string();
        let sep = if location.contains('?') { '&' } else { '?' };
        let url = format!("{}{sep}digest={}", self.absolute(&location), urlencode(&digest));
        let mut headers = HeaderMap::new();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/octet-stream"),
        );
        let resp = self
            .send(Method::PUT, &url, headers, data, &push_scope(repository))
            .await?;
        expect_success(resp, &format!("upload of {digest} to {what}")).await?;
        Ok(digest)
    }

    /// Stores a manifest under a tag (or digest); returns its digest.
    pub async fn push_manifest(
        &self,
        repository: &str,
        reference: &str,
        media_type: &str,
        bytes: Bytes,
    ) -> Result<String, RegistryError> {
        let digest = digest_of(&bytes);
        let mut headers = HeaderMap::new();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_str(media_type)
                .map_err(|e| RegistryError::Protocol(format!("media type {media_type:?}: {e}")))?,
        );
        let resp = self
            .send(
                Method::PUT,
                &format!("/v2/{repository}/manifests/{reference}"),
                headers,
                bytes,
                &push_scope(repository),
            )
            .await?;
        expect_success(resp, &format!("{}/{repository}:{reference}", self.host)).await?;
        Ok(digest)
    }

    /// Every tag of the repository (following pagination).
    pub async fn tags(&self, repository: &str) -> Result<Vec<String>, RegistryError> {
        let mut out = Vec::new();
        let mut next = Some(format!("/v2/{repository}/tags/list?n=1000"));
        let what = format!("{}/{repository}", self.host);
        while let Some(path) = next.take() {
            let resp = self
                .send(
                    Method::GET,
                    &path,
                    HeaderMap::new(),
                    Bytes::new(),
                    &pull_scope(repository),
                )
                .await?;
            let resp = expect_success(resp, &what).await?;
            next = resp
                .headers()
                .get(header::LINK)
                .and_then(|v| v.to_str().ok())
                .and_then(|l| l.split_once('<'))
                .and_then(|(_, r)| r.split_once('>'))
                .map(|(u, _)| u.to_string());
            let body = read_limited(resp.into_body(), 16 << 20, &what).await?;
            let v: serde_json::Value = serde_json::from_slice(&body)
                .map_err(|e| RegistryError::Protocol(format!("{what}: invalid tag list: {e}")))?;
            if let Some(tags) = v["tags"].as_array() {
                out.extend(tags.iter().filter_map(|t| t.as_str().map(str::to_string)));
            }
        }
        Ok(out)
    }
}

fn pull_scope(repository: &str) -> String {
    format!("repository:{repository}:pull")
}

fn push_scope(repository: &str) -> String {
    format!("repository:{repository}:pull,push")
}

/// `Basic <base64(user:password)>`, marked sensitive.
pub fn basic_header(username: &str, password: &str) -> Result<HeaderValue, RegistryError> {
    let encoded = base64::engine::general_purpose::STANDARD.encode(format!("{username}:{password}"));
    let mut v = HeaderValue::from_str(&format!("Basic {encoded}"))
        .map_err(|_| RegistryError::Unauthorized("the credentials cannot be sent in a header".into()))?;
    v.set_sensitive(true);
    Ok(v)
}

fn bearer_header(token: &str) -> Result<HeaderValue, RegistryError> {
    let mut v = HeaderValue::from_str(&format!("Bearer {token}"))
        .map_err(|_| RegistryError::Unauthorized("the token cannot be sent in a header".into()))?;
    v.set_sensitive(true);
    Ok(v)
}

fn urlencode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// An error with its causes, one line.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut msg = e.to_string();
    let mut cur = e.source();
    while let Some(s) = cur {
        let text = s.to_string();
        if !msg.contains(&text) {
            msg.push_str(": ");
            msg.push_str(&text);
        }
        cur = s.source();
    }
    msg
}

/// Reads a body, refusing more than `limit` bytes.
pub async fn read_limited(
    body: hyper::body::Incoming,
    limit: u64,
    what: &str,
) -> Result<Bytes, RegistryError> {
    let limited = http_body_util::Limited::new(body, usize::try_from(limit).unwrap_or(usize::MAX));
    match limited.collect().await {
        Ok(c) => Ok(c.to_bytes()),
        Err(e) if e.is::<http_body_util::LengthLimitError>() => Err(RegistryError::TooLarge(format!(
            "{what} is larger than the limit of {limit} bytes"
        ))),
        Err(e) => Err(RegistryError::Connect(format!("{what}: {e}"))),
    }
}

/// The registry's error text (`{"errors":[{"code","message"}]}`), as `: CODE: message`.
async fn error_body(resp: http::Response<hyper::body::Incoming>) -> String {
    let Ok(body) = read_limited(resp.into_body(), 64 << 10, "").await else {
        return String::new();
    };
    let Ok(v) = serde_json::from_slice::<serde_json::Value>(&body) else {
        return String::new();
    };
    let mut out = String::new();
    for e in v["errors"].as_array().map(Vec::as_slice).unwrap_or_default() {
        let _ = write!(
            out,
            ": {}: {}",
            e["code"].as_str().unwrap_or_default(),
            e["message"].as_str().unwrap_or_default()
        );
    }
    out
}

async fn expect_success(
    resp: http::Response<hyper::body::Incoming>,
    what: &str,
) -> Result<http::Response<hyper::body::Incoming>, RegistryError> {
    let status = resp.status();
    if status.is_success() {
        return Ok(resp);
    }
    let detail = error_body(resp).await;
    if status == StatusCode::NOT_FOUND {
        return Err(RegistryError::NotFound(format!("{what}: not found{detail}")));
    }
    Err(RegistryError::Protocol(format!("{what}: {status}{detail}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn challenges() {
        let (s, p) = parse_challenge(
            r#"Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:a/b:pull""#,
        );
        assert_eq!(s, "bearer");
        assert_eq!(
            p,
            vec![
                ("realm".into(), "https://auth.example.com/token".into()),
                ("service".into(), "registry.example.com".into()),
                ("scope".into(), "repository:a/b:pull".into()),
            ]
        );
        let (s, p) = parse_challenge(r#"Basic realm="Registry Realm""#);
        assert_eq!((s.as_str(), p[0].1.as_str()), ("basic", "Registry Realm"));
        assert_eq!(
            urlencode("repository:a/b:pull,push"),
            "repository%3Aa%2Fb%3Apull%2Cpush"
        );
    }

    #[test]
    fn credentials_never_print() {
        let c = Credentials::Basic {
            username: "u".into(),
            password: "hunter2".into(),
        };
        assert!(!format!("{c:?}").contains("hunter2"));
        assert!(!format!("{:?}", Credentials::Token("tok".into())).contains("tok"));
    }
}
