//! The HelmRepository engine. Type `default`: `GET <url>/index.yaml` (credentials from
//! `secretRef`, TLS from `certSecretRef`), conditional on the stored index's `ETag` and
//! `Last-Modified` so an unchanged index costs one request and no download; the index is
//! checked (a lean one-pass read of its entries) and stored as the artifact
//! (`helmrepository/<ns>/<name>/index-<sha256>.yaml`, revision `sha256:<hex>`). Type `oci`:
//! nothing to fetch, the URL is checked. The status is written as source-controller does.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use bytes::Bytes;
use http::{HeaderValue, Request, StatusCode, header};
use http_body_util::Full;
use k8s_openapi::api::core::v1::Secret;
use kube::Client;
use kube::api::Api;

use crate::api::HelmRepository;
use crate::api::helm::HelmRepositoryStatus;
use crate::api::meta::{
    self, ARTIFACT_IN_STORAGE, Artifact, Condition, FETCH_FAILED, READY, RECONCILING, STALLED,
};
use crate::cluster;
use crate::cluster::events::{EventRecorder, EventType};
use crate::source::SourceOptions;
use crate::source::oci::registry::{self, TlsMaterial};
use crate::source::storage::Storage;

/// The kind, as written in artifact paths and messages.
pub const KIND: &str = "HelmRepository";
/// Reason: the index could not be fetched or read.
pub const INDEXATION_FAILED: &str = "IndexationFailed";
/// Reason: the credentials could not be read or were refused.
pub const AUTHENTICATION_FAILED: &str = "AuthenticationFailed";
/// Reason: `spec.url` cannot be used.
pub const URL_INVALID: &str = "URLInvalid";
/// Reason: writing the artifact failed.
pub const STORAGE_OPERATION_FAILED: &str = "StorageOperationFailed";
/// Reason: the spec asks for something flux-rs does not implement.
pub const UNSUPPORTED: &str = "UnsupportedFeature";
/// The largest index read.
const INDEX_LIMIT: u64 = 512 << 20;
/// Where the validators of the stored index are kept, in the object's directory.
const CACHE_FILE: &str = ".index-cache.json";

/// Why a reconciliation failed; the message names the object and never a credential.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{object}: {message}")]
pub struct HelmError {
    /// `HelmRepository/<ns>/<name>`.
    pub object: String,
    /// Condition reason.
    pub reason: &'static str,
    /// What is wrong.
    pub message: String,
    /// Only a spec change can help.
    pub stalled: bool,
}

/// What a successful reconciliation produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reconciled {
    /// `sha256:<hex>` of the index (empty for type oci).
    pub revision: String,
    /// The artifact now in the status (`None` for type oci).
    pub artifact: Option<Artifact>,
    /// Whether the index was downloaded (false: the server answered 304 Not Modified).
    pub downloaded: bool,
    /// Number of chart versions in the index.
    pub versions: usize,
}

/// A failure that a retry may fix.
pub(super) fn fail(object: &str, reason: &'static str, message: impl Into<String>) -> HelmError {
    HelmError {
        object: object.to_string(),
        reason,
        message: message.into(),
        stalled: false,
    }
}

fn object_of(repo: &HelmRepository) -> (String, String, String) {
    let ns = repo.metadata.namespace.clone().unwrap_or_default();
    let name = repo.metadata.name.clone().unwrap_or_default();
    (format!("{KIND}/{ns}/{name}"), ns, name)
}

/// `spec.timeout`, 60s when unset.
pub(super) fn timeout_of(repo: &HelmRepository) -> Duration {
    repo.spec
        .timeout
        .as_deref()
        .and_then(|t| crate::duration::parse(t).ok())
        .filter(|d| !d.is_zero())
        .unwrap_or(Duration::from_secs(60))
}

fn unsupported(repo: &HelmRepository) -> Option<String> {
    let s = &repo.spec;
    let mut what = Vec::new();
    if s.access_from.is_some() {
        what.push("spec.accessFrom");
    }
    if s.provider.as_deref().is_some_and(|p| p != "generic") {
        what.push("spec.provider other than generic");
    }
    (!what.is_empty()).then(|| format!("not supported by flux-rs: {}", what.join(", ")))
}

/// A Secret's data (and `stringData`), by key.
pub(super) async fn secret_data(
    client: &Client,
    ns: &str,
    name: &str,
    object: &str,
) -> Result<BTreeMap<String, Vec<u8>>, HelmError> {
    let api: Api<Secret> = Api::namespaced(client.clone(), ns);
    let secret = api.get(name).await.map_err(|e| {
        fail(
            object,
            AUTHENTICATION_FAILED,
            format!("failed to get secret '{ns}/{name}': {}", cluster::describe(&e)),
        )
    })?;
    let mut data: BTreeMap<String, Vec<u8>> = secret
        .data
        .unwrap_or_default()
        .into_iter()
        .map(|(k, v)| (k, v.0))
        .collect();
    for (k, v) in secret.string_data.unwrap_or_default() {
        data.insert(k, v.into_bytes());
    }
    Ok(data)
}

/// The stored index's validators.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
struct Validators {
    path: String,
    etag: Option<String>,
    last_modified: Option<String>,
}

/// Reconciles one HelmRepository and writes its status (success or failure).
pub async fn reconcile(
    client: &Client,
    repo: &HelmRepository,
    opts: &SourceOptions,
) -> Result<Reconciled, HelmError> {
    let (object, ns, name) = object_of(repo);
    if repo.spec.suspend {
        return Err(fail(&object, meta::SUSPENDED_REASON, "resource is suspended"));
    }
    let total = timeout_of(repo);
    let result =
        match tokio::time::timeout(total, reconcile_inner(client, repo, opts, &object, &ns, &name)).await {
            Ok(r) => r,
            Err(_) => Err(fail(
                &object,
                INDEXATION_FAILED,
                format!("timed out after {}", crate::duration::format(total)),
            )),
        };
    let mut status = repo.status.clone().unwrap_or_default();
    match &result {
        Ok(r) => mark_succeeded(&mut status, repo, r),
        Err(e) => mark_failed(&mut status, repo, e),
    }
    let api: Api<HelmRepository> = Api::namespaced(client.clone(), &ns);
    let written = write_status(&api, repo, &status).await.map_err(|e| {
        fail(
            &object,
            meta::FAILED_REASON,
            format!("cannot write the status: {}", cluster::describe(&e)),
        )
    });
    let recorder = EventRecorder::new(client.clone(), crate::source::EVENT_COMPONENT);
    let event = match &result {
        Ok(r) if r.downloaded && r.artifact.is_some() => Some((
            EventType::Normal,
            crate::source::NEW_ARTIFACT_REASON,
            stored_message(&r.revision),
            Some(r.revision.as_str()),
        )),
        Ok(_) => None,
        Err(e) => Some((EventType::Warning, e.reason, e.message.clone(), None)),
    };
    if let Some((type_, reason, message, revision)) = event
        && let Err(e) = recorder.publish(repo, type_, reason, &message, revision).await
    {
        tracing::warn!(kind = KIND, namespace = %ns, name = %name, error = %cluster::describe(&e), "cannot record an event");
    }
    match (result, written) {
        (Ok(r), Ok(_)) => Ok(r),
        (Ok(_), Err(e)) | (Err(e), _) => Err(e),
    }
}

/// The `Authorization` header from `secretRef` and the TLS material from `certSecretRef`.
pub(super) async fn credentials(
    client: &Client,
    repo: &HelmRepository,
    object: &str,
    ns: &str,
) -> Result<(Option<HeaderValue>, TlsMaterial), HelmError> {
    let mut auth = None;
    let mut tls = TlsMaterial::default();
    if let Some(r) = &repo.spec.secret_ref {
        let data = secret_data(client, ns, &r.name, object).await?;
        match (data.get("username"), data.get("password")) {
            (Some(u), Some(p)) => {
                let (u, p) = (String::from_utf8_lossy(u), String::from_utf8_lossy(p));
                auth = Some(
                    registry::basic_header(&u, &p)
                        .map_err(|e| fail(object, AUTHENTICATION_FAILED, e.to_string()))?,
                );
            }
            (None, None) => {}
            _ => {
                return Err(fail(
                    object,
                    AUTHENTICATION_FAILED,
                    format!(
                        "secret '{ns}/{}': 'username' and 'password' must be given together",
                        r.name
                    ),
                ));
            }
        }
    }
    if let Some(r) = &repo.spec.cert_secret_ref {
        let mut data = secret_data(client, ns, &r.name, object).await?;
        tls.ca = data.remove("ca.crt");
        if let (Some(c), Some(k)) = (data.remove("tls.crt"), data.remove("tls.key")) {
            tls.client = Some((c, k));
        }
        if tls.ca.is_none() && tls.client.is_none() {
            return Err(fail(
                object,
                AUTHENTICATION_FAILED,
                format!(
                    "secret '{ns}/{}' has none of 'ca.crt', 'tls.crt' and 'tls.key'",
                    r.name
                ),
            ));
        }
    }
    Ok((auth, tls))
}

async fn reconcile_inner(
    client: &Client,
    repo: &HelmRepository,
    opts: &SourceOptions,
    object: &str,
    ns: &str,
    name: &str,
) -> Result<Reconciled, HelmError> {
    if let Some(message) = unsupported(repo) {
        return Err(HelmError {
            stalled: true,
            ..fail(object, UNSUPPORTED, message)
        });
    }
    let url = repo.spec.url.trim_end_matches('/').to_string();
    if repo.spec.type_.as_deref() == Some("oci") {
        crate::source::oci::OciRef::parse(&format!("{url}/chart")).map_err(|e| HelmError {
            stalled: true,
            ..fail(object, URL_INVALID, e.to_string())
        })?;
        return Ok(Reconciled {
            revision: String::new(),
            artifact: None,
            downloaded: false,
            versions: 0,
        });
    }
    let parsed = index_uri(repo, &url, object)?;
    let host = parsed.authority().map(ToString::to_string).unwrap_or_default();
    let (auth, tls) = credentials(client, repo, object, ns).await?;
    let http = registry::http_client(&tls, &host, Some(timeout_of(repo)))
        .map_err(|e| fail(object, AUTHENTICATION_FAILED, e.to_string()))?;

    let dir_rel = Storage::object_dir(KIND, ns, name);
    let dir = opts
        .storage
        .path_of(&dir_rel)
        .map_err(|e| fail(object, STORAGE_OPERATION_FAILED, e.to_string()))?;
    let previous = repo.status.as_ref().and_then(|s| s.artifact.clone());
    let validators: Option<Validators> = std::fs::read(dir.join(CACHE_FILE))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok());
    let usable = match (&previous, &validators) {
        (Some(a), Some(v))
            if a.path == v.path && opts.storage.path_of(&a.path).is_ok_and(|p| p.is_file()) =>
        {
            Some((a.clone(), v.clone()))
        }
        _ => None,
    };

    let req = conditional_get(&parsed, auth.as_ref(), usable.as_ref().map(|(_, v)| v), object)?;
    let fetch_failed = |m: String| {
        fail(
            object,
            INDEXATION_FAILED,
            format!("failed to fetch Helm repository index: {m}"),
        )
    };
    let resp = http
        .request(req)
        .await
        .map_err(|e| fetch_failed(format!("cannot reach {host}: {}", registry::error_chain(&e))))?;
    let status = resp.status();
    if status == StatusCode::NOT_MODIFIED
        && let Some((artifact, _)) = usable
    {
        return Ok(Reconciled {
            revision: artifact.revision.clone(),
            artifact: Some(artifact),
            downloaded: false,
            versions: 0,
        });
    }
    if status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN {
        return Err(fail(
            object,
            AUTHENTICATION_FAILED,
            format!("failed to fetch {url}/index.yaml: {status}"),
        ));
    }
    if !status.is_success() {
        return Err(fetch_failed(format!("GET {url}/index.yaml: {status}")));
    }
    let header_of = |h: header::HeaderName| {
        resp.headers()
            .get(h)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let etag = header_of(header::ETAG);
    let last_modified = header_of(header::LAST_MODIFIED);
    let body = registry::read_limited(resp.into_body(), INDEX_LIMIT, &format!("{url}/index.yaml"))
        .await
        .map_err(|e| fetch_failed(e.to_string()))?;
    let (index, hex) = tokio::task::spawn_blocking(move || {
        let text = std::str::from_utf8(&body).map_err(|_| "invalid index.yaml: not UTF-8".to_string())?;
        let index = super::index::parse(text).map_err(|e| e.to_string())?;
        Ok::<_, String>((index, body))
    })
    .await
    .map_err(|e| fetch_failed(e.to_string()))?
    .map(|(index, body)| {
        let hex = crate::source::oci::registry::digest_of(&body);
        (index, (hex, body))
    })
    .map_err(|e| {
        fail(
            object,
            INDEXATION_FAILED,
            format!("failed to load Helm repository index from {url}: {e}"),
        )
    })?;
    let (digest, body) = hex;
    let stored = StoredIndex {
        digest,
        body,
        etag,
        last_modified,
        versions: index.versions(),
    };
    keep_index(opts, &dir, &dir_rel, stored, previous, object)
}

/// The index a HelmRepository's status names, read: from storage when the artifact is there
/// with its digest, else (another process stored it, e.g. a controller elsewhere) downloaded
/// again. Returns the index and the revision it is (`sha256:<hex>`). A repository without an
/// artifact is an error with reason `NoSourceArtifact`.
pub async fn index_of(
    client: &Client,
    repo: &HelmRepository,
    opts: &SourceOptions,
    object: &str,
) -> Result<(super::index::Index, String), HelmError> {
    let (repo_object, ns, _) = object_of(repo);
    let Some(artifact) = repo.status.as_ref().and_then(|s| s.artifact.clone()) else {
        return Err(fail(
            object,
            "NoSourceArtifact",
            format!("no artifact available for {repo_object}"),
        ));
    };
    let stored = opts
        .storage
        .path_of(&artifact.path)
        .ok()
        .and_then(|p| std::fs::read(p).ok())
        .filter(|b| artifact.digest.as_deref() == Some(registry::digest_of(b).as_str()));
    let (body, revision) = if let Some(b) = stored {
        (Bytes::from(b), artifact.revision.clone())
    } else {
        let body = download_index(client, repo, object, &ns).await?;
        let digest = registry::digest_of(&body);
        (body, digest)
    };
    let bytes = body.len();
    let started = std::time::Instant::now();
    let index = tokio::task::spawn_blocking(move || {
        let text = std::str::from_utf8(&body).map_err(|_| "invalid index.yaml: not UTF-8".to_string())?;
        super::index::parse(text).map_err(|e| e.to_string())
    })
    .await
    .map_err(|e| fail(object, INDEXATION_FAILED, e.to_string()))?
    .map_err(|e| fail(object, INDEXATION_FAILED, format!("{repo_object}: {e}")))?;
    tracing::debug!(
        source = %repo_object,
        bytes,
        versions = index.versions(),
        parse_ms = started.elapsed().as_millis(),
        "index read"
    );
    Ok((index, revision))
}

/// `GET <url>/index.yaml` with the repository's credentials and TLS, unconditionally.
async fn download_index(
    client: &Client,
    repo: &HelmRepository,
    object: &str,
    ns: &str,
) -> Result<Bytes, HelmError> {
    let url = repo.spec.url.trim_end_matches('/').to_string();
    let parsed = index_uri(repo, &url, object)?;
    let host = parsed.authority().map(ToString::to_string).unwrap_or_default();
    let (auth, tls) = credentials(client, repo, object, ns).await?;
    let http = registry::http_client(&tls, &host, Some(timeout_of(repo)))
        .map_err(|e| fail(object, AUTHENTICATION_FAILED, e.to_string()))?;
    let req = conditional_get(&parsed, auth.as_ref(), None, object)?;
    let failed = |m: String| {
        fail(
            object,
            INDEXATION_FAILED,
            format!("failed to fetch {url}/index.yaml: {m}"),
        )
    };
    let resp = http
        .request(req)
        .await
        .map_err(|e| failed(registry::error_chain(&e)))?;
    if !resp.status().is_success() {
        return Err(failed(resp.status().to_string()));
    }
    registry::read_limited(resp.into_body(), INDEX_LIMIT, &format!("{url}/index.yaml"))
        .await
        .map_err(|e| failed(e.to_string()))
}

/// `<url>/index.yaml`, refusing URLs that are not http(s).
pub(super) fn index_uri(repo: &HelmRepository, url: &str, object: &str) -> Result<http::Uri, HelmError> {
    let parsed: http::Uri = format!("{url}/index.yaml").parse().map_err(|e| HelmError {
        stalled: true,
        ..fail(
            object,
            URL_INVALID,
            format!("invalid spec.url {:?}: {e}", repo.spec.url),
        )
    })?;
    if !matches!(parsed.scheme_str(), Some("http" | "https")) || parsed.host().is_none() {
        return Err(HelmError {
            stalled: true,
            ..fail(
                object,
                URL_INVALID,
                format!(
                    "invalid spec.url {:?}: expected http:// or https://",
                    repo.spec.url
                ),
            )
        });
    }
    Ok(parsed)
}

/// The GET of the index, conditional on the stored one's validators.
fn conditional_get(
    parsed: &http::Uri,
    auth: Option<&HeaderValue>,
    validators: Option<&Validators>,
    object: &str,
) -> Result<Request<Full<Bytes>>, HelmError> {
    let mut req = Request::get(parsed.clone())
        .header(header::USER_AGENT, concat!("flux-rs/", env!("CARGO_PKG_VERSION")));
    if let Some(a) = auth {
        req = req.header(header::AUTHORIZATION, a.clone());
    }
    if let Some(v) = validators {
        if let Some(e) = &v.etag {
            req = req.header(header::IF_NONE_MATCH, e.as_str());
        }
        if let Some(m) = &v.last_modified {
            req = req.header(header::IF_MODIFIED_SINCE, m.as_str());
        }
    }
    req.body(Full::new(Bytes::new()))
        .map_err(|e| fail(object, URL_INVALID, format!("invalid request: {e}")))
}

/// A downloaded, checked index.
struct StoredIndex {
    digest: String,
    body: Bytes,
    etag: Option<String>,
    last_modified: Option<String>,
    versions: usize,
}

/// Stores the index as the artifact (and its validators) unless it is the stored one.
fn keep_index(
    opts: &SourceOptions,
    dir: &Path,
    dir_rel: &str,
    index: StoredIndex,
    previous: Option<Artifact>,
    object: &str,
) -> Result<Reconciled, HelmError> {
    let StoredIndex {
        digest,
        body,
        etag,
        last_modified,
        versions,
    } = index;
    let file = format!("index-{}.yaml", digest.trim_start_matches("sha256:"));
    store(dir, &file, &body).map_err(|e| fail(object, STORAGE_OPERATION_FAILED, e))?;
    let path = format!("{dir_rel}/{file}");
    let cache = Validators {
        path: path.clone(),
        etag,
        last_modified,
    };
    let _ = store(dir, CACHE_FILE, &serde_json::to_vec(&cache).unwrap_or_default());
    let artifact = Artifact {
        url: opts.artifact_url(&path),
        path,
        revision: digest.clone(),
        digest: Some(digest.clone()),
        last_update_time: meta::now_rfc3339(),
        size: Some(i64::try_from(body.len()).unwrap_or(i64::MAX)),
        metadata: None,
    };
    let same = previous
        .as_ref()
        .is_some_and(|p| p.digest == artifact.digest && p.path == artifact.path);
    Ok(Reconciled {
        revision: digest,
        artifact: Some(if same {
            previous.unwrap_or(artifact)
        } else {
            artifact
        }),
        downloaded: !same,
        versions,
    })
}

/// The controller's HelmRepository engine: [`reconcile`] mapped to an [`Outcome`].
pub fn controller_reconciler(
    client: Client,
    opts: SourceOptions,
) -> impl Fn(
    std::sync::Arc<HelmRepository>,
    crate::reconcile::Request,
) -> futures::future::BoxFuture<'static, crate::reconcile::Outcome>
+ Send
+ Sync
+ 'static {
    let opts = std::sync::Arc::new(opts);
    move |repo: std::sync::Arc<HelmRepository>, _request| {
        let client = client.clone();
        let opts = opts.clone();
        Box::pin(async move { outcome(reconcile(&client, &repo, &opts).await.map(|_| ())) })
    }
}

/// The controller outcome of a Helm source reconciliation.
pub fn outcome(result: Result<(), HelmError>) -> crate::reconcile::Outcome {
    match result {
        Ok(()) => crate::reconcile::Outcome::Succeeded,
        Err(e) if e.stalled => crate::reconcile::Outcome::Stalled {
            reason: e.reason.to_string(),
            message: e.message,
        },
        Err(e) => crate::reconcile::Outcome::failed(e.reason, e.message),
    }
}

/// Writes a file through a hidden temporary file renamed when complete.
pub(super) fn store(dir: &Path, file: &str, data: &[u8]) -> Result<(), String> {
    use std::io::Write as _;
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".tmp-")
        .tempfile_in(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?;
    tmp.write_all(data)
        .map_err(|e| format!("{}: {e}", dir.display()))?;
    tmp.persist(dir.join(file))
        .map_err(|e| format!("{}: {e}", dir.display()))?;
    Ok(())
}

/// The Ready message of a stored index, as upstream writes it.
pub fn stored_message(revision: &str) -> String {
    format!("stored artifact: revision '{revision}'")
}

fn mark_succeeded(status: &mut HelmRepositoryStatus, repo: &HelmRepository, r: &Reconciled) {
    let generation = repo.metadata.generation;
    let conds = status.conditions.get_or_insert_with(Vec::new);
    for gone in [FETCH_FAILED, RECONCILING, STALLED, meta::ARTIFACT_OUTDATED] {
        meta::remove_condition(conds, gone);
    }
    match &r.artifact {
        Some(a) => {
            let msg = stored_message(&a.revision);
            meta::set_condition(
                conds,
                Condition::new(READY, "True", meta::SUCCEEDED_REASON, &msg, generation),
            );
            meta::set_condition(
                conds,
                Condition::new(
                    ARTIFACT_IN_STORAGE,
                    "True",
                    meta::SUCCEEDED_REASON,
                    &msg,
                    generation,
                ),
            );
            status.url = Some(a.url.clone());
            status.artifact = Some(a.clone());
        }
        None => {
            meta::set_condition(
                conds,
                Condition::new(
                    READY,
                    "True",
                    meta::SUCCEEDED_REASON,
                    "Helm repository is ready",
                    generation,
                ),
            );
        }
    }
    status.observed_generation = generation;
    meta::record_reconcile_request(
        &mut status.last_handled_reconcile_at,
        repo.metadata.annotations.as_ref(),
    );
}

fn mark_failed(status: &mut HelmRepositoryStatus, repo: &HelmRepository, e: &HelmError) {
    let generation = repo.metadata.generation;
    let fetch = matches!(e.reason, INDEXATION_FAILED | AUTHENTICATION_FAILED | URL_INVALID);
    let conds = status.conditions.get_or_insert_with(Vec::new);
    crate::source::status::failure_conditions(conds, generation, e.reason, &e.message, fetch, e.stalled);
    status.observed_generation = generation;
    meta::record_reconcile_request(
        &mut status.last_handled_reconcile_at,
        repo.metadata.annotations.as_ref(),
    );
}

async fn write_status(
    api: &Api<HelmRepository>,
    repo: &HelmRepository,
    new: &HelmRepositoryStatus,
) -> Result<bool, kube::Error> {
    let old = repo.status.clone().unwrap_or_default();
    let name = repo.metadata.name.as_deref().unwrap_or_default();
    crate::source::status::write_merge(api, name, &old, new).await
}
