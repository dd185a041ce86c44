//! The OCIRepository engine: resolve the reference (digest > semver > tag > `latest`), read
//! the manifest, pull the selected layer (digest checked, size bounded), store the artifact
//! (`ocirepository/<ns>/<name>/<manifest digest>.tar.gz`: the layer re-packed with the
//! ignore rules for `extract`, the layer itself for `copy`) and write the status as
//! source-controller does. A warm reconciliation with nothing changed reads the manifest
//! only. Failures leave the previous artifact and never a partial one.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use k8s_openapi::api::core::v1::Secret;
use kube::Client;
use kube::api::{Api, Patch, PatchParams};
use serde_json::{Value, json};

use super::artifact::{self, ManifestInfo};
use super::registry::RegistryError;
use super::{ClientOptions, Credentials, OciRef, Registry, TlsMaterial};
use crate::api::OCIRepository;
use crate::api::meta::{
    self, ARTIFACT_IN_STORAGE, Artifact, Condition, FETCH_FAILED, READY, RECONCILING, STALLED,
};
use crate::api::oci::OCIRepositoryStatus;
use crate::cluster;
use crate::cluster::events::{EventRecorder, EventType};
use crate::reconcile::{Outcome, Request};
use crate::source::SourceOptions;
use crate::source::storage::Storage;

/// The kind, as written in artifact paths and messages.
pub const KIND: &str = "OCIRepository";
/// Reason: pulling the artifact failed (registry unreachable, missing tag, bad digest).
pub const PULL_FAILED: &str = "OCIArtifactPullFailed";
/// Reason: the layer could not be extracted or copied.
pub const LAYER_OPERATION_FAILED: &str = "OCIArtifactLayerOperationFailed";
/// Reason: the credentials or TLS material could not be read or were refused.
pub const AUTHENTICATION_FAILED: &str = "AuthenticationFailed";
/// Reason: `spec.url` cannot be used.
pub const URL_INVALID: &str = "URLInvalid";
/// Reason: writing the artifact failed.
pub const STORAGE_OPERATION_FAILED: &str = "StorageOperationFailed";
/// Reason: the spec asks for something flux-rs does not implement.
pub const UNSUPPORTED: &str = "UnsupportedFeature";
/// Upstream's default `spec.timeout`.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// Why a reconciliation failed; the message names the object and never a credential.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{object}: {message}")]
pub struct OciError {
    /// `OCIRepository/<ns>/<name>`.
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
    /// `<tag>@sha256:<digest>` (or `sha256:<digest>` for a digest reference).
    pub revision: String,
    /// The artifact now in the status.
    pub artifact: Artifact,
    /// Whether a new artifact was written (false: the stored one was up to date and no
    /// layer was transferred).
    pub new_artifact: bool,
    /// Bytes of layer transferred.
    pub layer_bytes: u64,
}

/// An OCIRepository's identity for messages.
pub fn object_of(repo: &OCIRepository) -> (String, String, String) {
    let ns = repo.metadata.namespace.clone().unwrap_or_default();
    let name = repo.metadata.name.clone().unwrap_or_default();
    (format!("{KIND}/{ns}/{name}"), ns, name)
}

/// `spec.timeout`, default 60s.
pub fn timeout_of(repo: &OCIRepository) -> Duration {
    repo.spec
        .timeout
        .as_deref()
        .and_then(|t| crate::duration::parse(t).ok())
        .filter(|d| !d.is_zero())
        .unwrap_or(DEFAULT_TIMEOUT)
}

/// Fields of the spec this engine does not implement.
fn unsupported(repo: &OCIRepository) -> Option<String> {
    let s = &repo.spec;
    let mut what = Vec::new();
    if s.verify.is_some() {
        what.push("spec.verify (cosign/notation signature verification)");
    }
    if s.provider.as_deref().is_some_and(|p| p != "generic") {
        what.push("spec.provider other than generic");
    }
    if s.proxy_secret_ref.is_some() {
        what.push("spec.proxySecretRef");
    }
    if s.service_account_name.is_some() {
        what.push("spec.serviceAccountName (image pull secrets)");
    }
    (!what.is_empty()).then(|| format!("not supported by flux-rs: {}", what.join(", ")))
}

fn fail(object: &str, reason: &'static str, message: impl Into<String>) -> OciError {
    OciError {
        object: object.to_string(),
        reason,
        message: message.into(),
        stalled: false,
    }
}

fn pull_error(object: &str, e: &RegistryError) -> OciError {
    let reason = match e {
        RegistryError::Unauthorized(_) => AUTHENTICATION_FAILED,
        RegistryError::Io { .. } | RegistryError::Task { .. } | RegistryError::Extract { .. } => {
            STORAGE_OPERATION_FAILED
        }
        _ => PULL_FAILED,
    };
    fail(object, reason, e.to_string())
}

async fn secret_data(
    client: &Client,
    ns: &str,
    name: &str,
    object: &str,
) -> Result<BTreeMap<String, Vec<u8>>, OciError> {
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

/// The URL, the registry client (credentials from `secretRef`, TLS from `certSecretRef`).
async fn prepare(
    client: &Client,
    repo: &OCIRepository,
    object: &str,
) -> Result<(OciRef, Registry), OciError> {
    let url = OciRef::parse(&repo.spec.url).map_err(|e| OciError {
        stalled: true,
        ..fail(object, URL_INVALID, e.to_string())
    })?;
    if url.tag.is_some() || url.digest.is_some() {
        return Err(OciError {
            stalled: true,
            ..fail(
                object,
                URL_INVALID,
                format!(
                    "spec.url {:?} must not have a tag or digest: use spec.ref",
                    repo.spec.url
                ),
            )
        });
    }
    let ns = repo.metadata.namespace.as_deref().unwrap_or_default();
    let mut credentials: Option<Credentials> = None;
    if let Some(r) = &repo.spec.secret_ref {
        let data = secret_data(client, ns, &r.name, object).await?;
        let json = data.get(".dockerconfigjson").ok_or_else(|| {
            fail(
                object,
                AUTHENTICATION_FAILED,
                format!("secret '{ns}/{}' has no '.dockerconfigjson' (a kubernetes.io/dockerconfigjson Secret is expected)", r.name),
            )
        })?;
        credentials = super::credentials_from_docker_config(json, &url.registry).map_err(|e| {
            fail(
                object,
                AUTHENTICATION_FAILED,
                format!("invalid secret '{ns}/{}': {e}", r.name),
            )
        })?;
        if credentials.is_none() {
            return Err(fail(
                object,
                AUTHENTICATION_FAILED,
                format!("secret '{ns}/{}' has no credentials for {}", r.name, url.registry),
            ));
        }
    }
    let mut tls = TlsMaterial::default();
    if let Some(r) = &repo.spec.cert_secret_ref {
        let mut data = secret_data(client, ns, &r.name, object).await?;
        tls.ca = data.remove("ca.crt");
        match (data.remove("tls.crt"), data.remove("tls.key")) {
            (Some(c), Some(k)) => tls.client = Some((c, k)),
            (None, None) => {}
            _ => {
                return Err(fail(
                    object,
                    AUTHENTICATION_FAILED,
                    format!(
                        "secret '{ns}/{}': 'tls.crt' and 'tls.key' must be given together",
                        r.name
                    ),
                ));
            }
        }
        if tls.ca.is_none() && tls.client.is_none() {
            return Err(fail(
                object,
                AUTHENTICATION_FAILED,
                format!(
                    "secret '{ns}/{}' has none of 'ca.crt', 'tls.crt', 'tls.key'",
                    r.name
                ),
            ));
        }
    }
    let options = ClientOptions {
        credentials,
        insecure: repo.spec.insecure,
        tls,
        timeout: Some(timeout_of(repo)),
    };
    let registry = Registry::new(&url.registry, &options)
        .map_err(|e| fail(object, AUTHENTICATION_FAILED, e.to_string()))?;
    Ok((url, registry))
}

/// The tag or digest to pull, per `spec.ref`: digest > semver (with semverFilter) > tag >
/// `latest`. Returns (manifest reference, revision prefix: the tag or `None` for a digest).
async fn resolve(
    repo: &OCIRepository,
    url: &OciRef,
    registry: &Registry,
    object: &str,
) -> Result<(String, Option<String>), OciError> {
    let r = repo.spec.reference.clone().unwrap_or_default();
    if let Some(d) = r.digest.filter(|d| !d.is_empty()) {
        if !super::reference::valid_digest(&d) {
            return Err(OciError {
                stalled: true,
                ..fail(
                    object,
                    PULL_FAILED,
                    format!("spec.ref.digest {d:?} is not sha256:<64 hex digits>"),
                )
            });
        }
        return Ok((d, None));
    }
    if let Some(range) = r.semver.filter(|s| !s.is_empty()) {
        let constraint = crate::source::reference::Constraint::parse(&range).map_err(|e| OciError {
            stalled: true,
            ..fail(object, PULL_FAILED, format!("spec.ref.semver {range:?}: {e}"))
        })?;
        let filter = match r.semver_filter.as_deref().filter(|f| !f.is_empty()) {
            Some(f) => Some(regex::Regex::new(f).map_err(|e| OciError {
                stalled: true,
                ..fail(object, PULL_FAILED, format!("spec.ref.semverFilter {f:?}: {e}"))
            })?),
            None => None,
        };
        let tags = registry
            .tags(&url.repository)
            .await
            .map_err(|e| pull_error(object, &e))?;
        let kept = tags
            .iter()
            .map(String::as_str)
            .filter(|t| filter.as_ref().is_none_or(|f| f.is_match(t)));
        let best = crate::source::reference::highest_matching(&constraint, kept).ok_or_else(|| {
            fail(
                object,
                PULL_FAILED,
                format!(
                    "failed to determine artifact tag for '{}': no match found for semver: {range}",
                    url.repository_url()
                ),
            )
        })?;
        return Ok((best.to_string(), Some(best.to_string())));
    }
    let tag = r
        .tag
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| crate::api::oci::DEFAULT_TAG.to_string());
    OciRef::check_tag(&tag).map_err(|e| OciError {
        stalled: true,
        ..fail(object, PULL_FAILED, format!("spec.ref.tag: {e}"))
    })?;
    Ok((tag.clone(), Some(tag)))
}

/// `<tag>@<digest>` or `<digest>`.
pub fn revision_of(tag: Option<&str>, digest: &str) -> String {
    match tag {
        Some(t) => format!("{t}@{digest}"),
        None => digest.to_string(),
    }
}

/// The manifest digest in a revision (`<tag>@sha256:…` or `sha256:…`).
pub fn digest_of_revision(revision: &str) -> &str {
    revision.rsplit_once('@').map_or(revision, |(_, d)| d)
}

fn operation(repo: &OCIRepository) -> &str {
    repo.spec
        .layer_selector
        .as_ref()
        .and_then(|l| l.operation.as_deref())
        .unwrap_or("extract")
}

/// Pulls the layer of `info`, turns it into the artifact file in `dir` (hidden temporary
/// files, renamed when complete) and returns (file name, sha256 hex, size, layer bytes).
async fn store_layer(
    limit: u64,
    repo: &OCIRepository,
    url: &OciRef,
    registry: &Registry,
    info: &ManifestInfo,
    dir: &Path,
    object: &str,
) -> Result<(String, String, u64, u64), OciError> {
    let media_type = repo
        .spec
        .layer_selector
        .as_ref()
        .and_then(|l| l.media_type.as_deref());
    let (_, layer_digest, size) = artifact::select_layer(info, media_type, &url.to_string())
        .map_err(|e| fail(object, LAYER_OPERATION_FAILED, e.to_string()))?
        .clone();
    if size > limit {
        return Err(fail(
            object,
            PULL_FAILED,
            format!("layer {layer_digest} ({size} bytes) is larger than the limit of {limit} bytes"),
        ));
    }
    std::fs::create_dir_all(dir).map_err(|e| {
        fail(
            object,
            STORAGE_OPERATION_FAILED,
            format!("{}: {e}", dir.display()),
        )
    })?;
    let work = tempfile::Builder::new()
        .prefix(".pull-")
        .tempdir_in(dir)
        .map_err(|e| {
            fail(
                object,
                STORAGE_OPERATION_FAILED,
                format!("{}: {e}", dir.display()),
            )
        })?;
    let blob = work.path().join("layer");
    let layer_bytes = registry
        .blob_to_file(&url.repository, &layer_digest, limit, &blob, &|_| {})
        .await
        .map_err(|e| pull_error(object, &e))?;
    let file_name = format!("{}.tar.gz", info.digest.trim_start_matches("sha256:"));
    let copy = operation(repo) == "copy";
    let spec_ignore = repo.spec.ignore.clone();
    let dir2 = dir.to_path_buf();
    let work_path = work.path().to_path_buf();
    let obj = object.to_string();
    let name2 = file_name.clone();
    let (sha, len) = tokio::task::spawn_blocking(move || -> Result<(String, u64), OciError> {
        let storage_err = |m: String| fail(&obj, STORAGE_OPERATION_FAILED, m);
        let staged = if copy {
            blob.clone()
        } else {
            let tree = work_path.join("tree");
            crate::source::archive::extract(&blob, &layer_digest, &tree).map_err(|e| {
                fail(
                    &obj,
                    LAYER_OPERATION_FAILED,
                    format!("failed to extract layer {layer_digest}: {e}"),
                )
            })?;
            let patterns = spec_ignore
                .as_deref()
                .map(|t| crate::source::ignore::read_patterns(t, &[]))
                .unwrap_or_default();
            let matcher = crate::source::ignore::Matcher::new(patterns);
            let bytes = super::pack_matching(&tree, &matcher)
                .map_err(|e| storage_err(format!("failed to pack the artifact: {e}")))?;
            let packed = work_path.join("artifact.tar.gz");
            std::fs::write(&packed, bytes).map_err(|e| storage_err(format!("{}: {e}", packed.display())))?;
            packed
        };
        let sha = crate::source::archive::file_sha256(&staged).map_err(|e| storage_err(e.to_string()))?;
        let len = std::fs::metadata(&staged)
            .map_err(|e| storage_err(e.to_string()))?
            .len();
        let dest = dir2.join(&name2);
        std::fs::rename(&staged, &dest).map_err(|e| storage_err(format!("{}: {e}", dest.display())))?;
        Ok((sha, len))
    })
    .await
    .map_err(|e| {
        fail(
            object,
            STORAGE_OPERATION_FAILED,
            format!("the storage task failed: {e}"),
        )
    })??;
    Ok((file_name, sha, len, layer_bytes))
}

/// Reconciles one OCIRepository end to end and writes its status (success or failure),
/// recording `NewArtifact` or a warning Event as source-controller does.
pub async fn reconcile(
    client: &Client,
    repo: &OCIRepository,
    opts: &SourceOptions,
) -> Result<Reconciled, OciError> {
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
                PULL_FAILED,
                format!("timed out after {}", crate::duration::format(total)),
            )),
        };
    let mut status = repo.status.clone().unwrap_or_default();
    match &result {
        Ok(r) => mark_succeeded(&mut status, repo, r.artifact.clone()),
        Err(e) => mark_failed(&mut status, repo, e.reason, &e.message, e.stalled),
    }
    let api: Api<OCIRepository> = Api::namespaced(client.clone(), &ns);
    let written = write_status(&api, repo, &status).await.map_err(|e| {
        fail(
            &object,
            meta::FAILED_REASON,
            format!("cannot write the status: {}", cluster::describe(&e)),
        )
    });
    let recorder = EventRecorder::new(client.clone(), crate::source::EVENT_COMPONENT);
    let event = match &result {
        Ok(r) if r.new_artifact => Some((
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

async fn reconcile_inner(
    client: &Client,
    repo: &OCIRepository,
    opts: &SourceOptions,
    object: &str,
    ns: &str,
    name: &str,
) -> Result<Reconciled, OciError> {
    if let Some(message) = unsupported(repo) {
        return Err(OciError {
            stalled: true,
            ..fail(object, UNSUPPORTED, message)
        });
    }
    let (url, registry) = prepare(client, repo, object).await?;
    let (reference, tag) = resolve(repo, &url, &registry, object).await?;
    let m = registry
        .manifest(&url.repository, &reference)
        .await
        .map_err(|e| pull_error(object, &e))?;
    let info = artifact::parse_manifest(&m, &format!("{}:{reference}", url.repository_url()))
        .map_err(|e| pull_error(object, &e))?;
    let revision = revision_of(tag.as_deref(), &info.digest);
    let status = repo.status.clone().unwrap_or_default();
    let observed_same = status.observed_ignore == repo.spec.ignore
        && status.observed_layer_selector == repo.spec.layer_selector;
    if let Some(prev) = status
        .artifact
        .filter(|a| a.revision == revision && observed_same)
    {
        let present = opts
            .storage
            .path_of(&prev.path)
            .ok()
            .and_then(|p| std::fs::metadata(p).ok())
            .is_some_and(|m| Some(i64::try_from(m.len()).unwrap_or(-1)) == prev.size);
        if present {
            return Ok(Reconciled {
                revision,
                artifact: prev,
                new_artifact: false,
                layer_bytes: 0,
            });
        }
    }
    let dir_rel = Storage::object_dir(KIND, ns, name);
    let dir = opts
        .storage
        .path_of(&dir_rel)
        .map_err(|e| fail(object, STORAGE_OPERATION_FAILED, e.to_string()))?;
    let (file, sha, size, layer_bytes) =
        store_layer(opts.max_layer_size, repo, &url, &registry, &info, &dir, object).await?;
    let path = format!("{dir_rel}/{file}");
    let metadata = (!info.annotations.is_empty()).then(|| info.annotations.clone());
    let artifact = Artifact {
        url: opts.artifact_url(&path),
        path,
        revision: revision.clone(),
        digest: Some(format!("sha256:{sha}")),
        last_update_time: meta::now_rfc3339(),
        size: Some(i64::try_from(size).unwrap_or(i64::MAX)),
        metadata,
    };
    Ok(Reconciled {
        revision,
        artifact,
        new_artifact: true,
        layer_bytes,
    })
}

/// Unpacks the stored artifact of `revision` into `dest` (digest checked); when it is not
/// in this storage (the object was reconciled elsewhere), the manifest of the revision's
/// digest is pulled and stored here first.
pub async fn checkout(
    client: &Client,
    repo: &OCIRepository,
    revision: &str,
    opts: &SourceOptions,
    dest: &Path,
) -> Result<(), OciError> {
    let (object, _, _) = object_of(repo);
    let (path, digest) = artifact_file(client, repo, revision, opts).await?;
    let dest = dest.to_path_buf();
    let obj = object.clone();
    tokio::task::spawn_blocking(move || crate::source::archive::extract(&path, &digest, &dest))
        .await
        .map_err(|e| fail(&obj, STORAGE_OPERATION_FAILED, format!("unpacking failed: {e}")))?
        .map_err(|e| {
            fail(
                &object,
                STORAGE_OPERATION_FAILED,
                format!("unpacking the artifact failed: {e}"),
            )
        })
}

/// The stored artifact file of `revision` and its recorded digest (`sha256:<hex>`): from
/// this storage, or, when it is not there (the object was reconciled elsewhere), pulled by
/// the revision's digest and stored here first. With `operation: copy` the file is the layer
/// itself (a Helm chart archive); otherwise a tar+gzip of the tree.
pub async fn artifact_file(
    client: &Client,
    repo: &OCIRepository,
    revision: &str,
    opts: &SourceOptions,
) -> Result<(std::path::PathBuf, String), OciError> {
    let (object, ns, name) = object_of(repo);
    let stored = repo
        .status
        .as_ref()
        .and_then(|s| s.artifact.as_ref())
        .filter(|a| a.revision == revision)
        .and_then(|a| Some((opts.storage.path_of(&a.path).ok()?, a.digest.clone()?)))
        .filter(|(path, _)| path.is_file());
    let (path, digest) = if let Some(found) = stored {
        found
    } else {
        let (url, registry) = prepare(client, repo, &object).await?;
        let digest = digest_of_revision(revision);
        let m = registry
            .manifest(&url.repository, digest)
            .await
            .map_err(|e| pull_error(&object, &e))?;
        let info = artifact::parse_manifest(&m, &url.to_string()).map_err(|e| pull_error(&object, &e))?;
        let dir_rel = Storage::object_dir(KIND, &ns, &name);
        let dir = opts
            .storage
            .path_of(&dir_rel)
            .map_err(|e| fail(&object, STORAGE_OPERATION_FAILED, e.to_string()))?;
        let (file, sha, _, _) =
            store_layer(opts.max_layer_size, repo, &url, &registry, &info, &dir, &object).await?;
        (dir.join(file), format!("sha256:{sha}"))
    };
    Ok((path, digest))
}

/// The Ready message of a stored artifact, as upstream writes it for OCIRepositories.
pub fn stored_message(revision: &str) -> String {
    format!("stored artifact for digest '{revision}'")
}

/// Records a success in the status.
pub fn mark_succeeded(status: &mut OCIRepositoryStatus, repo: &OCIRepository, artifact: Artifact) {
    let generation = repo.metadata.generation;
    let msg = stored_message(&artifact.revision);
    let conds = status.conditions.get_or_insert_with(Vec::new);
    for gone in [FETCH_FAILED, RECONCILING, STALLED, meta::ARTIFACT_OUTDATED] {
        meta::remove_condition(conds, gone);
    }
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
    status.url = Some(artifact.url.clone());
    status.artifact = Some(artifact);
    status.observed_generation = generation;
    status.observed_ignore.clone_from(&repo.spec.ignore);
    status
        .observed_layer_selector
        .clone_from(&repo.spec.layer_selector);
    meta::record_reconcile_request(
        &mut status.last_handled_reconcile_at,
        repo.metadata.annotations.as_ref(),
    );
}

/// Records a failure: `Ready=False` with the reason; `FetchFailed` for pull and credential
/// failures; `Stalled` when only a spec change can help. The last artifact stays.
pub fn mark_failed(
    status: &mut OCIRepositoryStatus,
    repo: &OCIRepository,
    reason: &str,
    message: &str,
    stalled: bool,
) {
    let generation = repo.metadata.generation;
    let fetch = matches!(reason, PULL_FAILED | AUTHENTICATION_FAILED | URL_INVALID);
    let conds = status.conditions.get_or_insert_with(Vec::new);
    if !fetch {
        meta::remove_condition(conds, FETCH_FAILED);
    }
    crate::source::status::failure_conditions(conds, generation, reason, message, fetch, stalled);
    status.observed_generation = generation;
    meta::record_reconcile_request(
        &mut status.last_handled_reconcile_at,
        repo.metadata.annotations.as_ref(),
    );
}

/// The merge patch from `old` to `new` (cleared fields sent as null), `None` if unchanged.
pub fn status_patch(old: &OCIRepositoryStatus, new: &OCIRepositoryStatus) -> Option<Value> {
    if old == new {
        return None;
    }
    let mut status = serde_json::to_value(new).unwrap_or_else(|_| json!({}));
    if let Value::Object(m) = &mut status {
        if new.observed_ignore.is_none() && old.observed_ignore.is_some() {
            m.insert("observedIgnore".into(), Value::Null);
        }
        if new.observed_layer_selector.is_none() && old.observed_layer_selector.is_some() {
            m.insert("observedLayerSelector".into(), Value::Null);
        }
    }
    Some(json!({ "status": status }))
}

async fn write_status(
    api: &Api<OCIRepository>,
    repo: &OCIRepository,
    new: &OCIRepositoryStatus,
) -> Result<bool, kube::Error> {
    let old = repo.status.clone().unwrap_or_default();
    let Some(p) = status_patch(&old, new) else {
        return Ok(false);
    };
    let name = repo.metadata.name.as_deref().unwrap_or_default();
    api.patch_status(name, &PatchParams::default(), &Patch::Merge(&p))
        .await?;
    Ok(true)
}

/// The controller outcome of a reconciliation result.
pub fn outcome(result: &Result<Reconciled, OciError>) -> Outcome {
    match result {
        Ok(_) => Outcome::Succeeded,
        Err(e) if e.stalled => Outcome::Stalled {
            reason: e.reason.to_string(),
            message: e.message.clone(),
        },
        Err(e) => Outcome::failed(e.reason, e.message.clone()),
    }
}

/// The controller's OCIRepository engine: [`reconcile`] mapped to an [`Outcome`].
pub fn controller_reconciler(
    client: Client,
    opts: SourceOptions,
) -> impl Fn(Arc<OCIRepository>, Request) -> futures::future::BoxFuture<'static, Outcome> + Send + Sync + 'static
{
    let opts = Arc::new(opts);
    move |repo: Arc<OCIRepository>, _request: Request| {
        let client = client.clone();
        let opts = opts.clone();
        Box::pin(async move {
            let r = reconcile(&client, &repo, &opts).await;
            if let Err(e) = &r {
                tracing::info!(kind = KIND, reason = e.reason, error = %e, "pull failed");
            }
            outcome(&r)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn revisions() {
        let d = format!("sha256:{}", "b".repeat(64));
        assert_eq!(revision_of(Some("v1"), &d), format!("v1@{d}"));
        assert_eq!(revision_of(None, &d), d);
        assert_eq!(digest_of_revision(&format!("v1@{d}")), d);
        assert_eq!(digest_of_revision(&d), d);
    }

    #[test]
    fn unsupported_fields_are_named() {
        let repo: OCIRepository = serde_json::from_value(json!({
            "apiVersion": "source.toolkit.fluxcd.io/v1", "kind": "OCIRepository",
            "metadata": {"name": "r", "namespace": "ns"},
            "spec": {"interval": "1m", "url": "oci://x/y", "provider": "aws",
                     "verify": {"provider": "cosign"}, "proxySecretRef": {"name": "p"}},
        }))
        .unwrap();
        let m = unsupported(&repo).unwrap();
        assert!(
            m.contains("spec.verify") && m.contains("spec.provider") && m.contains("spec.proxySecretRef"),
            "{m}"
        );
    }
}
