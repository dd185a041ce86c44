//! The source engines. This file: the Git source engine, which fetches a `GitRepository`
//! (`source.toolkit.fluxcd.io/v1`), packs the tree of the selected revision as an artifact,
//! stores it, and writes the status as source-controller does. [`oci`]: the OCI distribution
//! client, Flux's OCI artifacts and the `OCIRepository` engine. Shared by the CLI
//! (`reconcile source git|oci`, `create source git|oci`, the artifact commands) and the
//! controller; nothing here prints.
//!
//! # Public API
//!
//! * [`reconcile`] — one GitRepository end to end: credentials from its Secret, fetch into
//!   the local Git cache (per reference precedence), the artifact
//!   (`gitrepository/<ns>/<name>/<sha256>.tar.gz` in [`SourceOptions::storage`]), status with
//!   upstream conditions, reasons and messages. An [`Error`] carries the condition reason
//!   ([`Error::reason`]) and whether only a spec change can help ([`Error::is_stalled`]);
//!   [`controller_reconciler`] turns this into the controller's `Outcome`.
//! * [`checkout`] — the tree of exactly one revision (`main@sha1:<hex>`) in a directory, with
//!   the artifact's ignore rules: from the stored artifact when it is the one in the object's
//!   status and present in storage, else from the Git cache, fetching only when the commit
//!   is missing.
//! * Reusable pieces: [`keys`] (deploy keys, fingerprints), [`keyscan`] (SSH host keys →
//!   `known_hosts`), [`known_hosts`] (parsing and verification), [`url`], [`reference`]
//!   (ref precedence, semver ranges, revision strings), [`ignore`] (`.sourceignore`).
//!
//! # Modules
//!
//! ```text
//!  reconcile / checkout (this file)
//!     ├─ auth ── keys, known_hosts        Secret → credentials
//!     ├─ git ─── url, reference           cache, ls-remote, fetch (libgit2, blocking)
//!     ├─ archive ── ignore                tree → tar.gz or directory
//!     └─ status                           conditions, patch
//! ```

pub mod archive;
pub mod auth;
pub mod git;
pub mod helm;
pub mod ignore;
pub mod keys;
pub mod keyscan;
pub mod known_hosts;
pub mod oci;
pub mod reference;
pub mod remote_base;
pub mod status;
pub mod storage;
pub mod tls;
pub mod url;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use k8s_openapi::api::core::v1::Secret;
use kube::Client;
use kube::api::Api;

use crate::api::GitRepository;
use crate::api::meta::Artifact;
use crate::api::meta::now_rfc3339;
use crate::cluster;
use crate::cluster::events::{EventRecorder, EventType};
use crate::reconcile::{Outcome, Request};
use storage::Storage;

pub use git::Transfer;
pub use reference::Reference;
pub use url::GitUrl;

/// The kind, as written in artifact paths and messages.
const KIND: &str = "GitRepository";
/// Upstream's default `spec.timeout` of Git operations.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// Extra time a blocking Git call gets beyond `spec.timeout` before the engine stops
/// waiting for it (the call itself aborts at the deadline from its progress callbacks).
const BLOCKING_GRACE: Duration = Duration::from_secs(30);

/// Where the engine keeps things.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceOptions {
    /// Artifact storage: the controller's `--storage-path`, the CLI's cache directory.
    pub storage: Storage,
    /// The local Git cache (one bare repository per URL).
    pub git_cache: PathBuf,
    /// The base of `status.artifact.url` (`<base>/<artifact path>`); `None`: a `file://` URL
    /// of the artifact in [`SourceOptions::storage`].
    pub artifact_base_url: Option<String>,
    /// Where a copy of every event goes (the notification engine), besides the API server.
    pub event_sink: crate::cluster::events::Sink,
    /// The largest OCI layer pulled, in bytes (larger ones fail the reconciliation).
    pub max_layer_size: u64,
}

impl SourceOptions {
    /// Storage and Git cache under one directory: `<dir>/artifacts` and `<dir>/git`.
    pub fn in_dir(dir: &Path) -> SourceOptions {
        SourceOptions {
            storage: Storage::new(dir.join("artifacts")),
            git_cache: dir.join("git"),
            artifact_base_url: None,
            event_sink: crate::cluster::events::Sink::default(),
            max_layer_size: oci::DEFAULT_LAYER_LIMIT,
        }
    }

    /// The controller's: artifacts in its storage, the Git cache in `<storage>/.git-cache`
    /// (next to, never inside, the per-object artifact directories).
    pub fn controller(storage: &Storage) -> SourceOptions {
        SourceOptions {
            git_cache: storage.root().join(".git-cache"),
            storage: storage.clone(),
            artifact_base_url: None,
            event_sink: crate::cluster::events::Sink::default(),
            max_layer_size: oci::DEFAULT_LAYER_LIMIT,
        }
    }

    /// The URL recorded for an artifact path.
    pub fn artifact_url(&self, path: &str) -> String {
        if let Some(base) = &self.artifact_base_url {
            format!("{}/{path}", base.trim_end_matches('/'))
        } else {
            let root = std::path::absolute(self.storage.root())
                .unwrap_or_else(|_| self.storage.root().to_path_buf());
            format!("file://{}/{path}", root.display())
        }
    }

    fn cache(&self) -> git::Cache {
        git::Cache::new(&self.git_cache)
    }
}

/// Why a reconciliation or checkout failed. Messages start with the object
/// (`GitRepository/<ns>/<name>: …`) and never contain credentials.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// `spec.suspend` is set (nothing was done).
    #[error("{object}: resource is suspended")]
    Suspended {
        /// `GitRepository/<ns>/<name>`.
        object: String,
    },
    /// The spec cannot work until it changes (bad URL, unsupported fields).
    #[error("{object}: {message}")]
    InvalidSpec {
        /// `GitRepository/<ns>/<name>`.
        object: String,
        /// Condition reason (`URLInvalid`, `UnsupportedFeature`).
        reason: &'static str,
        /// What is wrong.
        message: String,
    },
    /// The Secret could not be read or its credentials are unusable.
    #[error("{object}: {message}")]
    Auth {
        /// `GitRepository/<ns>/<name>`.
        object: String,
        /// What is wrong.
        message: String,
    },
    /// A Git operation failed (connect, host key, credentials refused, missing reference).
    #[error("{object}: {message}")]
    Git {
        /// `GitRepository/<ns>/<name>`.
        object: String,
        /// What is wrong.
        message: String,
    },
    /// The artifact could not be written, read or unpacked.
    #[error("{object}: {message}")]
    Storage {
        /// `GitRepository/<ns>/<name>`.
        object: String,
        /// What is wrong.
        message: String,
    },
    /// The API server refused a read or the status write.
    #[error("{object}: {message}")]
    Api {
        /// `GitRepository/<ns>/<name>`.
        object: String,
        /// What is wrong.
        message: String,
    },
}

impl Error {
    /// The status condition reason, as upstream's source-controller uses it.
    pub fn reason(&self) -> &'static str {
        match self {
            Error::Suspended { .. } => crate::api::meta::SUSPENDED_REASON,
            Error::InvalidSpec { reason, .. } => reason,
            Error::Auth { .. } => status::AUTHENTICATION_FAILED,
            Error::Git { .. } => status::GIT_OPERATION_FAILED,
            Error::Storage { .. } => status::STORAGE_OPERATION_FAILED,
            Error::Api { .. } => crate::api::meta::FAILED_REASON,
        }
    }

    /// Whether retrying cannot help until the spec changes.
    pub fn is_stalled(&self) -> bool {
        matches!(self, Error::InvalidSpec { .. })
    }

    /// The message without the object prefix (what the `Ready` condition says).
    pub fn message(&self) -> String {
        match self {
            Error::Suspended { .. } => "resource is suspended".into(),
            Error::InvalidSpec { message, .. }
            | Error::Auth { message, .. }
            | Error::Git { message, .. }
            | Error::Storage { message, .. }
            | Error::Api { message, .. } => message.clone(),
        }
    }
}

/// What a successful reconciliation produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reconciled {
    /// The revision (`main@sha1:<hex>`), also `artifact.revision`.
    pub revision: String,
    /// The artifact now in the status.
    pub artifact: Artifact,
    /// Whether a new artifact was written (false: the stored one was up to date).
    pub new_artifact: bool,
    /// Whether the status was written (false: nothing changed).
    pub status_written: bool,
    /// What the fetch transferred.
    pub transfer: Transfer,
    /// Symbolic links left out of the artifact because they point outside the tree.
    pub escaping_links: Vec<String>,
    /// Time spent listing and fetching.
    pub fetch_time: Duration,
}

/// Where a checkout came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CheckoutSource {
    /// Unpacked from the artifact in storage.
    Artifact,
    /// Written from the Git cache (after fetching what was missing).
    GitCache(Transfer),
}

fn object_of(repo: &GitRepository) -> (String, String, String) {
    let ns = repo.metadata.namespace.clone().unwrap_or_default();
    let name = repo.metadata.name.clone().unwrap_or_default();
    (format!("{KIND}/{ns}/{name}"), ns, name)
}

fn timeout_of(repo: &GitRepository) -> Duration {
    repo.spec
        .timeout
        .as_deref()
        .and_then(|t| crate::duration::parse(t).ok())
        .filter(|d| !d.is_zero())
        .unwrap_or(DEFAULT_TIMEOUT)
}

/// Fields of the spec this engine does not implement: refusing is safer than ignoring
/// (e.g. a commit signature check silently skipped).
fn unsupported(repo: &GitRepository) -> Option<String> {
    let s = &repo.spec;
    let mut what = Vec::new();
    if s.verify.is_some() {
        what.push("spec.verify (commit signature verification)");
    }
    if s.include.as_ref().is_some_and(|i| !i.is_empty()) {
        what.push("spec.include");
    }
    if s.recurse_submodules == Some(true) {
        what.push("spec.recurseSubmodules");
    }
    if s.proxy_secret_ref.is_some() {
        what.push("spec.proxySecretRef");
    }
    if s.provider.as_deref().is_some_and(|p| p != "generic") {
        what.push("spec.provider other than generic");
    }
    (!what.is_empty()).then(|| format!("not supported by flux-rs: {}", what.join(", ")))
}

async fn read_secret(
    client: &Client,
    repo: &GitRepository,
    object: &str,
) -> Result<Option<BTreeMap<String, Vec<u8>>>, Error> {
    let Some(r) = &repo.spec.secret_ref else {
        return Ok(None);
    };
    let ns = repo.metadata.namespace.as_deref().unwrap_or_default();
    let api: Api<Secret> = Api::namespaced(client.clone(), ns);
    let secret = api.get(&r.name).await.map_err(|e| Error::Auth {
        object: object.to_string(),
        message: format!(
            "failed to get secret '{ns}/{}': {}",
            r.name,
            cluster::describe(&e)
        ),
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
    Ok(Some(data))
}

/// Parses the URL and reads the credentials.
async fn prepare(client: &Client, repo: &GitRepository, object: &str) -> Result<(GitUrl, auth::Auth), Error> {
    let url = GitUrl::parse(&repo.spec.url).map_err(|e| Error::InvalidSpec {
        object: object.to_string(),
        reason: status::URL_INVALID,
        message: e.to_string(),
    })?;
    let data = read_secret(client, repo, object).await?;
    if data.is_none() && url.scheme == url::Scheme::Ssh {
        return Err(Error::Auth {
            object: object.to_string(),
            message: "an SSH URL needs spec.secretRef: a Secret with 'identity' and 'known_hosts'".into(),
        });
    }
    let secret_name = repo
        .spec
        .secret_ref
        .as_ref()
        .map(|r| r.name.as_str())
        .unwrap_or_default();
    let auth = auth::Auth::from_secret(&url, data.as_ref()).map_err(|e| Error::Auth {
        object: object.to_string(),
        message: if data.is_some() {
            format!(
                "invalid secret '{}/{secret_name}': {e}",
                repo.metadata.namespace.as_deref().unwrap_or_default()
            )
        } else {
            format!("{e}: set spec.secretRef to a Secret with the credentials")
        },
    })?;
    Ok((url, auth))
}

/// Runs blocking Git work on the blocking pool, bounded by the deadline plus a grace period.
async fn blocking<T: Send + 'static>(
    object: &str,
    total: Duration,
    f: impl FnOnce() -> Result<T, Error> + Send + 'static,
) -> Result<T, Error> {
    match tokio::time::timeout(total + BLOCKING_GRACE, tokio::task::spawn_blocking(f)).await {
        Ok(Ok(r)) => r,
        Ok(Err(join)) => Err(Error::Git {
            object: object.to_string(),
            message: format!("the Git task failed: {join}"),
        }),
        Err(_) => Err(Error::Git {
            object: object.to_string(),
            message: format!("timed out after {}", crate::duration::format(total)),
        }),
    }
}

/// Component of the events the source engine records, as upstream's controller names itself.
pub const EVENT_COMPONENT: &str = "source-controller";
/// Reason of the event recorded when a new artifact is stored.
pub const NEW_ARTIFACT_REASON: &str = "NewArtifact";

/// Reconciles one GitRepository end to end and writes its status (success or failure).
///
/// Suspended objects are refused with [`Error::Suspended`] and left untouched (callers
/// check `spec.suspend` first). On failure the status says why (`Ready=False` with the
/// reason of [`Error::reason`]) and the previous artifact stays. Events are recorded as
/// source-controller records them: `Normal/NewArtifact` when a new artifact is stored,
/// `Warning/<reason>` with the error on a failure.
pub async fn reconcile(
    client: &Client,
    repo: &GitRepository,
    opts: &SourceOptions,
) -> Result<Reconciled, Error> {
    let (object, ns, name) = object_of(repo);
    if repo.spec.suspend {
        return Err(Error::Suspended { object });
    }
    let api: Api<GitRepository> = Api::namespaced(client.clone(), &ns);
    let result = reconcile_inner(client, repo, opts, &object, &ns, &name).await;
    let mut status = repo.status.clone().unwrap_or_default();
    match &result {
        Ok(r) => status::mark_succeeded(&mut status, repo, r.artifact.clone()),
        Err(e) => status::mark_failed(&mut status, repo, e.reason(), &e.message(), e.is_stalled()),
    }
    let written = status::write(&api, repo, &status).await.map_err(|e| Error::Api {
        object: object.clone(),
        message: format!("cannot write the status: {}", cluster::describe(&e)),
    });
    let recorder = EventRecorder::new(client.clone(), EVENT_COMPONENT).with_sink(opts.event_sink.clone());
    let event = match &result {
        Ok(r) if r.new_artifact => Some((
            EventType::Normal,
            NEW_ARTIFACT_REASON,
            format!("stored artifact for revision '{}'", r.revision),
            Some(r.revision.as_str()),
        )),
        Ok(_) => None,
        Err(e) => Some((EventType::Warning, e.reason(), e.message(), None)),
    };
    if let Some((type_, reason, message, revision)) = event
        && let Err(e) = recorder.publish(repo, type_, reason, &message, revision).await
    {
        tracing::warn!(kind = KIND, namespace = %ns, name = %name, error = %cluster::describe(&e),
            "cannot record an event");
    }
    match (result, written) {
        (Ok(mut r), Ok(w)) => {
            r.status_written = w;
            if r.new_artifact {
                tracing::info!(kind = KIND, namespace = %ns, name = %name, revision = %r.revision,
                    "stored artifact for revision");
            } else {
                tracing::debug!(kind = KIND, namespace = %ns, name = %name, revision = %r.revision,
                    "no changes since the stored artifact");
            }
            Ok(r)
        }
        (Ok(_), Err(e)) => Err(e),
        (Err(e), _) => {
            tracing::info!(kind = KIND, namespace = %ns, name = %name, reason = e.reason(), error = %e, "fetch failed");
            Err(e)
        }
    }
}

async fn reconcile_inner(
    client: &Client,
    repo: &GitRepository,
    opts: &SourceOptions,
    object: &str,
    ns: &str,
    name: &str,
) -> Result<Reconciled, Error> {
    if let Some(message) = unsupported(repo) {
        return Err(Error::InvalidSpec {
            object: object.to_string(),
            reason: status::UNSUPPORTED,
            message,
        });
    }
    let reference = Reference::from_spec(repo.spec.reference.as_ref()).map_err(|e| Error::Git {
        object: object.to_string(),
        message: e.to_string(),
    })?;
    let (url, auth) = prepare(client, repo, object).await?;
    let total = timeout_of(repo);
    let deadline = Instant::now() + total;

    let previous = repo.status.as_ref().and_then(|s| s.artifact.clone());
    let observed_same = repo.status.as_ref().is_some_and(|s| {
        s.observed_ignore == repo.spec.ignore && s.observed_sparse_checkout == repo.spec.sparse_checkout
    });
    let dir_rel = Storage::object_dir(KIND, ns, name);
    let dir = opts.storage.path_of(&dir_rel).map_err(|e| Error::Storage {
        object: object.to_string(),
        message: e.to_string(),
    })?;
    let storage = opts.storage.clone();
    let cache = opts.cache();
    let obj = object.to_string();
    let spec_ignore = repo.spec.ignore.clone();
    let sparse = repo.spec.sparse_checkout.clone();
    let base_url = opts.clone();
    let started = Instant::now();

    blocking(object, total, move || {
        let git_err = |e: git::GitError| Error::Git {
            object: obj.clone(),
            message: format!("failed to checkout and determine revision: unable to fetch '{url}': {e}"),
        };
        let storage_err = |m: String| Error::Storage {
            object: obj.clone(),
            message: m,
        };
        let locked = cache.open(&url, deadline).map_err(git_err)?;
        let resolved = git::sync(&locked.repo, &url, &auth, &reference, deadline, total).map_err(git_err)?;
        let fetch_time = started.elapsed();
        // The stored artifact is reused when it is for this revision and these rules.
        if let Some(prev) = previous.filter(|p| p.revision == resolved.revision && observed_same) {
            let present = storage
                .path_of(&prev.path)
                .ok()
                .and_then(|p| std::fs::metadata(p).ok())
                .is_some_and(|m| Some(i64::try_from(m.len()).unwrap_or(-1)) == prev.size);
            if present {
                return Ok(Reconciled {
                    revision: resolved.revision,
                    artifact: prev,
                    new_artifact: false,
                    status_written: false,
                    transfer: resolved.transfer,
                    escaping_links: Vec::new(),
                    fetch_time,
                });
            }
        }
        let plan = archive::plan(
            &locked.repo,
            resolved.commit,
            spec_ignore.as_deref(),
            sparse.as_deref(),
        )
        .map_err(|e| storage_err(format!("failed to build the artifact: {e}")))?;
        let written = archive::write_artifact(&locked.repo, &plan, &dir)
            .map_err(|e| storage_err(format!("failed to store the artifact: {e}")))?;
        let path = format!("{dir_rel}/{}.tar.gz", written.sha256);
        let artifact = Artifact {
            url: base_url.artifact_url(&path),
            path,
            revision: resolved.revision.clone(),
            digest: Some(format!("sha256:{}", written.sha256)),
            last_update_time: now_rfc3339(),
            size: Some(i64::try_from(written.size).unwrap_or(i64::MAX)),
            metadata: None,
        };
        Ok(Reconciled {
            revision: resolved.revision,
            artifact,
            new_artifact: true,
            status_written: false,
            transfer: resolved.transfer,
            escaping_links: plan.escaping_links,
            fetch_time,
        })
    })
    .await
}

/// Materialises the tree of exactly `revision` (as recorded in `status.artifact.revision`,
/// e.g. `main@sha1:<hex>`) into `dest`, which must not exist or be empty, with the same
/// ignore rules as the artifact.
///
/// From the artifact in [`SourceOptions::storage`] when the object's status names one for
/// this revision and the file is there (its digest is checked); otherwise from the Git cache
/// keyed by the URL, fetching only when the commit is missing (so an unchanged remote
/// transfers nothing).
pub async fn checkout(
    client: &Client,
    repo: &GitRepository,
    revision: &str,
    opts: &SourceOptions,
    dest: &Path,
) -> Result<CheckoutSource, Error> {
    let (object, _, _) = object_of(repo);
    let storage_err = |m: String| Error::Storage {
        object: object.clone(),
        message: m,
    };
    let Some((name, hash)) = reference::parse_revision(revision) else {
        return Err(Error::Git {
            object,
            message: format!("invalid revision {revision:?}: expected <name>@sha1:<hash> or sha1:<hash>"),
        });
    };
    match std::fs::read_dir(dest) {
        Ok(mut d) => {
            if d.next().is_some() {
                return Err(storage_err(format!(
                    "checkout directory {} is not empty",
                    dest.display()
                )));
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(storage_err(format!("checkout directory {}: {e}", dest.display()))),
    }
    let stored = repo
        .status
        .as_ref()
        .and_then(|s| s.artifact.as_ref())
        .filter(|a| a.revision == revision)
        .and_then(|a| Some((opts.storage.path_of(&a.path).ok()?, a.digest.clone()?)))
        .filter(|(path, _)| path.is_file());
    if let Some((path, digest)) = stored {
        let dest2 = dest.to_path_buf();
        let res = tokio::task::spawn_blocking(move || archive::extract(&path, &digest, &dest2))
            .await
            .map_err(|e| storage_err(format!("unpacking failed: {e}")))?;
        match res {
            Ok(()) => return Ok(CheckoutSource::Artifact),
            Err(e) => {
                tracing::warn!(object = %object, error = %e, "stored artifact unusable, checking out from Git");
                let _ = std::fs::remove_dir_all(dest);
            }
        }
    }
    let (url, auth) = prepare(client, repo, &object).await?;
    let total = timeout_of(repo);
    let deadline = Instant::now() + total;
    let cache = opts.cache();
    let name = name.map(str::to_string);
    let hash = hash.to_string();
    let spec_ignore = repo.spec.ignore.clone();
    let sparse = repo.spec.sparse_checkout.clone();
    let dest = dest.to_path_buf();
    let obj = object.clone();
    blocking(&object, total, move || {
        let git_err = |e: git::GitError| Error::Git {
            object: obj.clone(),
            message: format!("unable to fetch '{url}': {e}"),
        };
        let storage_err = |m: String| Error::Storage {
            object: obj.clone(),
            message: m,
        };
        let locked = cache.open(&url, deadline).map_err(git_err)?;
        let (commit, transfer) =
            git::ensure_commit(&locked.repo, &url, &auth, name.as_deref(), &hash, deadline, total)
                .map_err(git_err)?;
        let plan = archive::plan(&locked.repo, commit, spec_ignore.as_deref(), sparse.as_deref())
            .map_err(|e| storage_err(format!("failed to read revision {hash}: {e}")))?;
        std::fs::create_dir_all(&dest).map_err(|e| storage_err(format!("{}: {e}", dest.display())))?;
        archive::write(&locked.repo, &plan, &mut archive::DirSink::new(&dest))
            .map_err(|e| storage_err(format!("failed to write the checkout: {e}")))?;
        Ok(CheckoutSource::GitCache(transfer))
    })
    .await
}

/// The controller's GitRepository engine: [`reconcile`] with the controller's options,
/// mapped to an [`Outcome`]. Wiring it is one line in `cli/controller.rs`'s `engines()`:
/// `source::controller_reconciler(client.clone(), SourceOptions::controller(&options.storage))`.
pub fn controller_reconciler(
    client: Client,
    opts: SourceOptions,
) -> impl Fn(Arc<GitRepository>, Request) -> futures::future::BoxFuture<'static, Outcome> + Send + Sync + 'static
{
    let opts = Arc::new(opts);
    move |repo: Arc<GitRepository>, _request: Request| {
        let client = client.clone();
        let opts = opts.clone();
        Box::pin(async move { outcome(&reconcile(&client, &repo, &opts).await) })
    }
}

/// The controller outcome of a reconciliation result.
pub fn outcome(result: &Result<Reconciled, Error>) -> Outcome {
    match result {
        Ok(_) => Outcome::Succeeded,
        Err(e) if e.is_stalled() => Outcome::Stalled {
            reason: e.reason().to_string(),
            message: e.message(),
        },
        Err(e) => Outcome::failed(e.reason(), e.message()),
    }
}

/// The commit the local Git cache holds for a GitRepository's branch, read without any
/// network request (for a `file://` repository, the repository itself): `None` when the
/// reference is not a plain branch, or the cache has no such branch. It tells whether a
/// newer commit is already on this machine than the revision a reconciliation applied.
pub fn cached_branch_commit(opts: &SourceOptions, repo: &GitRepository) -> Option<String> {
    let Ok(Reference::Branch(branch)) = Reference::from_spec(repo.spec.reference.as_ref()) else {
        return None;
    };
    let url = GitUrl::parse(&repo.spec.url).ok()?;
    let dir = if url.scheme == url::Scheme::File {
        PathBuf::from(&url.path)
    } else {
        git::Cache::new(&opts.git_cache).repo_dir(&url)
    };
    let opened = git2::Repository::open_ext(
        &dir,
        git2::RepositoryOpenFlags::NO_SEARCH,
        std::iter::empty::<&str>(),
    )
    .ok()?;
    let commit = opened
        .find_reference(&format!("refs/heads/{branch}"))
        .ok()?
        .peel_to_commit()
        .ok()?;
    Some(commit.id().to_string())
}
