//! The long-running controller behind `flux-rs controller`: kube-runtime appliers for
//! GitRepository and Kustomization (and OCIRepository, HelmRepository, HelmRelease when their
//! engine is given) that drive the same engines the CLI uses.
//!
//! ```text
//!  watch GitRepository ──► triggers ──► applier ──► reconcile one GitRepository (source engine)
//!        │ new artifact revision
//!        ▼
//!  watch Kustomization ──► triggers ──► applier ──► dependsOn ─► reconcile one Kustomization (engine)
//!        ▲ dependency became ready ─┘
//!  watch OCIRepository ─► … new artifact revision ─► HelmReleases whose chartRef names it
//! ```
//!
//! * **When** ([`triggers`], [`schedule`]): on creation and spec change, on a new
//!   `reconcile.fluxcd.io/requestedAt` value, every `spec.interval` (with jitter), after a
//!   failure with a doubling delay, at once for the Kustomizations of a GitRepository with a
//!   new artifact revision and for the dependents of a Kustomization that became ready.
//!   Never concurrently for one object; at most `--concurrent` objects per kind at once.
//! * **What the controller does itself**: the `finalizers.fluxcd.io` finalizer
//!   ([`crate::cluster::finalizer`]) and the clean-up on deletion ([`gc`] for Kustomizations per
//!   `deletionPolicy`, [`storage`] for GitRepositories), `suspend`, `dependsOn`
//!   ([`dependencies`], writing `Ready=False/DependencyNotReady`), and
//!   `status.lastHandledReconcileAt` ([`status`]).
//! * **What the engines do** ([`crate::reconcile`]): everything else for one object, including its
//!   status; they report an [`Outcome`].
//! * **Process**: leader election on a Lease ([`leader`]), `/healthz`, `/readyz` and
//!   `/metrics` ([`http`], [`metrics`]), graceful shutdown ([`Shutdown`]).

pub mod gc;
mod helmrelease;
pub mod http;
mod kustomization;
pub mod leader;
pub mod metrics;
mod receiver;
pub mod schedule;
mod skeleton;
mod sources;
pub mod status;
pub mod triggers;

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::Poll;
use std::time::Duration;

use futures::{FutureExt, StreamExt, stream};
use kube::api::Api;
use kube::runtime::controller::{Action, Config as ApplierConfig, Error as ApplierError};
use kube::runtime::reflector::{self, ObjectRef, Store};
use kube::runtime::{WatchStreamExt, applier, watcher};
use kube::{Client, Resource};
use serde::de::DeserializeOwned;
use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::api::{
    GitRepository, HelmChart, HelmRelease, HelmRepository, Kustomization, OCIRepository, Receiver,
};
use crate::duration;
use crate::notify::Notifier;
use crate::reconcile::{Outcome, Reconcile};
use crate::source::storage::{self, Storage};
pub use leader::{Leadership, LeaseOptions};
pub use metrics::Metrics;

/// Kind name of GitRepositories (metric and log label).
pub const GIT_REPOSITORY: &str = "GitRepository";
/// Kind name of Kustomizations (metric and log label).
pub const KUSTOMIZATION: &str = "Kustomization";
/// Kind name of HelmReleases (metric and log label).
pub const HELM_RELEASE: &str = "HelmRelease";

/// Why the controller, or its work on one object, failed. Variants about an object name it.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A request to the API server about an object failed.
    #[error("{object}: {message}")]
    Api {
        /// `Kind/namespace/name`.
        object: String,
        /// The server's message.
        message: String,
    },
    /// Garbage collection of a deleted Kustomization's objects failed.
    #[error("{object}: garbage collection failed: {source}")]
    GarbageCollection {
        /// `Kind/namespace/name`.
        object: String,
        /// The cause.
        #[source]
        source: Box<gc::Error>,
    },
    /// The clean-up of an object being deleted failed (a HelmRelease's uninstall); it is
    /// retried and the object keeps its finalizer.
    #[error("{object}: {message}")]
    Finalize {
        /// `Kind/namespace/name`.
        object: String,
        /// What failed.
        message: String,
    },
    /// The artifact storage failed for an object.
    #[error("{object}: {source}")]
    Storage {
        /// `Kind/namespace/name`.
        object: String,
        /// The cause.
        #[source]
        source: storage::Error,
    },
    /// The reconciliation of an object panicked (a bug); it is retried.
    #[error("{object}: the reconciliation panicked")]
    Panicked {
        /// `Kind/namespace/name`.
        object: String,
    },
    /// The artifact storage is not a writable directory.
    #[error("{source} (set --storage-path to a writable directory)")]
    StorageUnusable {
        /// The storage's error (which path, why).
        #[source]
        source: crate::source::storage::Error,
    },
    /// The leader-election settings are inconsistent.
    #[error(transparent)]
    LeaderElection(#[from] leader::InvalidLease),
    /// The API server refused `--watch-label-selector`.
    #[error("--watch-label-selector {selector:?}: {}", crate::cluster::describe(source))]
    WatchSelector {
        /// The selector given.
        selector: String,
        /// The server's answer.
        #[source]
        source: Box<kube::Error>,
    },
    /// This replica lost the leader-election Lease and stopped reconciling.
    #[error(transparent)]
    LeadershipLost(#[from] leader::Lost),
}

/// Result alias for this module.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// How the controller runs.
#[derive(Clone, Debug)]
pub struct Options {
    /// Watch only this namespace (`None`: all namespaces).
    pub watch_namespace: Option<String>,
    /// Watch only the objects this label selector matches (sharding: each controller
    /// instance takes the objects of its shard, e.g. `sharding.fluxcd.io/key in (shard1)`).
    pub watch_label_selector: Option<String>,
    /// At most this many objects of each kind are reconciled at once.
    pub concurrency: u16,
    /// How long a Kustomization waits before checking its dependencies again.
    pub requeue_dependency: Duration,
    /// Interval jitter, in percent (±).
    pub interval_jitter_percent: u32,
    /// First retry delay after a GitRepository failure (and after controller errors); it
    /// doubles with each consecutive failure, up to `spec.interval`.
    pub min_retry_delay: Duration,
    /// The artifact storage.
    pub storage: Storage,
    /// How many artifacts of each object are kept in storage.
    pub artifact_retention_records: usize,
    /// Leader election, when enabled.
    pub leader_election: Option<LeaseOptions>,
    /// How long in-flight reconciliations may run after a shutdown request.
    pub graceful_shutdown_timeout: Duration,
    /// Fetch remote Git bases of Kustomizations (off by default, stricter than
    /// kustomize-controller: a reconcile must not reach hosts nobody allowed).
    pub allow_remote_bases: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            watch_namespace: None,
            watch_label_selector: None,
            concurrency: 4,
            requeue_dependency: Duration::from_secs(30),
            interval_jitter_percent: 5,
            min_retry_delay: Duration::from_millis(750),
            storage: Storage::new("/data"),
            artifact_retention_records: 2,
            leader_election: None,
            graceful_shutdown_timeout: Duration::from_secs(30),
            allow_remote_bases: false,
        }
    }
}

/// Bound sockets of the HTTP endpoints (bound by the caller, so it knows the ports).
#[derive(Debug, Default)]
pub struct Listeners {
    /// Serves `/metrics`.
    pub metrics: Option<TcpListener>,
    /// Serves `/healthz` and `/readyz`.
    pub health: Option<TcpListener>,
    /// Serves Receivers' webhooks (`/hook/<digest>`).
    pub receiver: Option<TcpListener>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Phase {
    Running,
    Graceful,
    Forced,
}

/// Asks a running controller to stop: [`Shutdown::graceful`] stops taking new work and lets
/// in-flight reconciliations finish (within the grace period); [`Shutdown::force`] abandons
/// them at once. Either way the Lease is released before [`run`] returns.
#[derive(Clone, Debug)]
pub struct Shutdown {
    tx: Arc<watch::Sender<Phase>>,
}

impl Default for Shutdown {
    fn default() -> Self {
        Self::new()
    }
}

impl Shutdown {
    /// A handle in the running phase.
    pub fn new() -> Self {
        Shutdown {
            tx: Arc::new(watch::channel(Phase::Running).0),
        }
    }

    fn advance(&self, to: Phase) {
        self.tx.send_if_modified(|p| {
            if *p < to {
                *p = to;
                true
            } else {
                false
            }
        });
    }

    /// Stop taking new work; finish in-flight reconciliations.
    pub fn graceful(&self) {
        self.advance(Phase::Graceful);
    }

    /// Abandon in-flight reconciliations now.
    pub fn force(&self) {
        self.advance(Phase::Forced);
    }

    /// Whether a shutdown was requested.
    pub fn requested(&self) -> bool {
        *self.tx.borrow() != Phase::Running
    }

    fn wait_for(&self, phase: Phase) -> impl Future<Output = ()> + Send + Sync + 'static {
        let mut rx = self.tx.subscribe();
        async move {
            let _ = rx.wait_for(|p| *p >= phase).await;
        }
    }

    /// Resolves once a (graceful or forced) shutdown is requested.
    pub fn wait_graceful(&self) -> impl Future<Output = ()> + Send + Sync + 'static {
        self.wait_for(Phase::Graceful)
    }

    /// Resolves once a forced shutdown is requested.
    pub fn wait_forced(&self) -> impl Future<Output = ()> + Send + Sync + 'static {
        self.wait_for(Phase::Forced)
    }
}

/// What every reconciliation shares.
pub(crate) struct Context {
    client: Client,
    config: kube::Config,
    options: Options,
    reconcilers: Reconcilers,
    metrics: Arc<Metrics>,
    ks_failures: schedule::Failures,
    git_failures: schedule::Failures,
    oci_failures: schedule::Failures,
    helm_failures: schedule::Failures,
    hr_failures: schedule::Failures,
    kustomizations: Store<Kustomization>,
    git_repositories: Store<GitRepository>,
    receiver_failures: schedule::Failures,
    receiver_engine: Arc<dyn Reconcile<Receiver>>,
    receivers: Store<Receiver>,
    oci_repositories: Store<OCIRepository>,
    helm_repositories: Store<HelmRepository>,
    chart_failures: schedule::Failures,
    helm_charts: Store<HelmChart>,
    helm_releases: Store<HelmRelease>,
}

/// A spawned task aborted when dropped (in-flight work is abandoned with its applier).
struct Task<T>(tokio::task::JoinHandle<T>);

impl<T> Future for Task<T> {
    type Output = Result<T, tokio::task::JoinError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> Poll<Self::Output> {
        Pin::new(&mut self.0).poll(cx)
    }
}

impl<T> Drop for Task<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Runs an engine's reconciliation in a task of its own with a deadline; a panic or a
/// missed deadline becomes a failure.
async fn run_engine(
    fut: futures::future::BoxFuture<'static, Outcome>,
    deadline: Duration,
    object: &str,
) -> Outcome {
    match tokio::time::timeout(deadline, Task(tokio::spawn(fut))).await {
        Ok(Ok(outcome)) => outcome,
        Ok(Err(e)) => {
            tracing::error!(object = %object, error = %e, "the reconciliation panicked");
            Outcome::failed(
                "ReconciliationFailed",
                "internal error: the reconciliation panicked",
            )
        }
        Err(_) => Outcome::failed(
            "ReconciliationFailed",
            format!(
                "the reconciliation did not finish within {}",
                duration::format(deadline)
            ),
        ),
    }
}

fn log_outcome(
    kind: &str,
    ns: &str,
    name: &str,
    outcome: &Outcome,
    elapsed: Duration,
    next: Option<Duration>,
) {
    let took = duration::format(Duration::from_millis(
        u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX),
    ));
    let next_run = next.map_or_else(
        || "on the next change".to_string(),
        |d| format!("in {}", duration::format(d)),
    );
    match outcome {
        Outcome::Succeeded => {
            tracing::info!(kind, namespace = %ns, name = %name, result = outcome.result_label(),
                "reconciliation finished in {took}, next run {next_run}");
        }
        Outcome::Failed { reason, message } | Outcome::Stalled { reason, message } => {
            tracing::error!(kind, namespace = %ns, name = %name, result = outcome.result_label(), reason = %reason,
                "{message} (after {took}, next run {next_run})");
        }
        Outcome::Retry { message, .. } => {
            tracing::info!(kind, namespace = %ns, name = %name, result = outcome.result_label(),
                "{message} (next run {next_run})");
        }
    }
}

fn spawned<F>(object: String, fut: F) -> impl Future<Output = Result<Action>> + Unpin + Send + use<F>
where
    F: Future<Output = Result<Action>> + Send + 'static,
{
    Task(tokio::spawn(fut)).map(move |r| r.unwrap_or(Err(Error::Panicked { object })))
}

/// The object as the API server has it now, unless it is gone or being deleted (`None`:
/// its next watch event brings it back to the controller).
///
/// The runtime hands a reconciliation the copy in its watch cache, which can lag behind the
/// status the previous reconciliation of the object has just written: a trigger that arrived
/// during a reconciliation starts the next one as soon as it returns. The engines start from
/// the object's status (a Kustomization's inventory decides what is pruned; only the status
/// fields that differ from it are written), so they must be given the latest one.
async fn latest<K>(api: &Api<K>, name: &str) -> Result<Option<Arc<K>>, kube::Error>
where
    K: Resource + Clone + DeserializeOwned + std::fmt::Debug,
{
    let live = crate::cluster::retry(|| api.get_opt(name)).await?;
    Ok(live
        .filter(|o| o.meta().deletion_timestamp.is_none())
        .map(Arc::new))
}

fn scoped<K>(client: Client, namespace: Option<&str>) -> Api<K>
where
    K: Resource<Scope = k8s_openapi::NamespaceResourceScope, DynamicType = ()> + Clone + DeserializeOwned,
{
    match namespace {
        Some(ns) => Api::namespaced(client, ns),
        None => Api::all(client),
    }
}

fn log_applier_result<K: Resource>(
    kind: &str,
    r: Result<(ObjectRef<K>, Action), ApplierError<Error, watcher::Error>>,
) {
    match r {
        Ok(_) | Err(ApplierError::ReconcilerFailed(..)) => {}
        Err(ApplierError::ObjectNotFound(obj)) => {
            tracing::debug!(kind, object = %obj, "object deleted before its reconciliation");
        }
        Err(ApplierError::QueueError(e)) => tracing::warn!(kind, error = %e, "watching failed, retrying"),
        Err(e) => tracing::error!(kind, error = %e, "controller error"),
    }
}

/// The watches, triggers and appliers of both kinds; returns when both appliers drained
/// after a graceful shutdown, or when the grace period ran out (in-flight work abandoned).
/// What the watches of every kind select: all objects, or those of this instance's shard.
fn watch_config(options: &Options) -> watcher::Config {
    match options.watch_label_selector.as_deref().filter(|s| !s.is_empty()) {
        Some(selector) => watcher::Config::default().labels(selector),
        None => watcher::Config::default(),
    }
}

/// The watch and applier of Receivers (their cache also serves the webhook server).
async fn receiver_controller(
    ctx: Arc<Context>,
    receiver_writer: reflector::store::Writer<Receiver>,
    shutdown: Shutdown,
) {
    let ns = ctx.options.watch_namespace.as_deref();
    let receiver_queue = watcher(
        scoped::<Receiver>(ctx.client.clone(), ns),
        watch_config(&ctx.options),
    )
    .default_backoff()
    .reflect(receiver_writer)
    .touched_objects()
    .map(|r| r.map(|obj| ObjectRef::from_obj(&obj)))
    .take_until(shutdown.wait_graceful());
    let receiver_run = applier(
        |r: Arc<Receiver>, ctx: Arc<Context>| {
            let fut = skeleton::reconcile(r.clone(), ctx);
            spawned(format!("Receiver/{}", triggers::key_of(r.as_ref())), fut)
        },
        skeleton::error_policy::<Receiver>,
        ctx.clone(),
        ctx.receivers.clone(),
        receiver_queue,
        ApplierConfig::default().concurrency(ctx.options.concurrency.max(1)),
    )
    .for_each(|r| {
        log_applier_result("Receiver", r);
        futures::future::ready(())
    });
    receiver_run.await;
}

/// The writers of the watch caches, one per kind the controller watches.
struct Writers {
    ks: reflector::store::Writer<Kustomization>,
    git: reflector::store::Writer<GitRepository>,
    receiver: reflector::store::Writer<Receiver>,
    optional: OptionalWriters,
}

/// The writers of the kinds watched only when their engine is given.
type OptionalWriters = (
    reflector::store::Writer<OCIRepository>,
    reflector::store::Writer<HelmRepository>,
    reflector::store::Writer<HelmChart>,
    reflector::store::Writer<HelmRelease>,
);

async fn run_controllers(ctx: Arc<Context>, writers: Writers, shutdown: Shutdown, synced: Arc<AtomicBool>) {
    let Writers {
        ks: ks_writer,
        git: git_writer,
        receiver: receiver_writer,
        optional: optional_writers,
    } = writers;
    let ns = ctx.options.watch_namespace.as_deref();
    let (mut source_tx, source_rx) = triggers::RevisionFeed::with_subscriber();
    let optional = optional_controllers(&ctx, optional_writers, &mut source_tx, &shutdown);

    let mut git_triggers = triggers::GitRepositoryTriggers::default();
    let git_queue = watcher(
        scoped::<GitRepository>(ctx.client.clone(), ns),
        watch_config(&ctx.options),
    )
    .default_backoff()
    .reflect(git_writer)
    .map(move |event| match event {
        Ok(event) => {
            let out = git_triggers.on_event(&event);
            if let Some(source) = out.new_revision {
                source_tx.send(&source);
            }
            out.reconcile.into_iter().map(Ok).collect::<Vec<_>>()
        }
        Err(e) => vec![Err(e)],
    })
    .flat_map(stream::iter)
    .take_until(shutdown.wait_graceful());

    let mut ks_triggers = triggers::KustomizationTriggers::default();
    let store = ctx.kustomizations.clone();
    let own = watcher(
        scoped::<Kustomization>(ctx.client.clone(), ns),
        watch_config(&ctx.options),
    )
    .default_backoff()
    .reflect(ks_writer)
    .map(move |event| match event {
        Ok(event) => ks_triggers
            .on_event(&event, || store.state())
            .into_iter()
            .map(Ok)
            .collect::<Vec<_>>(),
        Err(e) => vec![Err(e)],
    })
    .flat_map(stream::iter);
    let store = ctx.kustomizations.clone();
    let from_sources = source_rx.flat_map(move |new| {
        let refs = triggers::kustomizations_for_source(&store.state(), &new);
        stream::iter(refs.into_iter().map(Ok::<_, watcher::Error>))
    });
    let ks_queue = stream::select(own, from_sources).take_until(shutdown.wait_graceful());

    let config = ApplierConfig::default().concurrency(ctx.options.concurrency.max(1));
    let git_run = applier(
        |repo: Arc<GitRepository>, ctx: Arc<Context>| {
            let fut = skeleton::reconcile(repo.clone(), ctx);
            spawned(
                format!("{GIT_REPOSITORY}/{}", triggers::key_of(repo.as_ref())),
                fut,
            )
        },
        skeleton::error_policy::<GitRepository>,
        ctx.clone(),
        ctx.git_repositories.clone(),
        git_queue,
        config.clone(),
    )
    .for_each(|r| {
        log_applier_result(GIT_REPOSITORY, r);
        futures::future::ready(())
    });
    let ks_run = applier(
        |ks: Arc<Kustomization>, ctx: Arc<Context>| {
            let fut = skeleton::reconcile(ks.clone(), ctx);
            spawned(format!("{KUSTOMIZATION}/{}", triggers::key_of(ks.as_ref())), fut)
        },
        skeleton::error_policy::<Kustomization>,
        ctx.clone(),
        ctx.kustomizations.clone(),
        ks_queue,
        config,
    )
    .for_each(|r| {
        log_applier_result(KUSTOMIZATION, r);
        futures::future::ready(())
    });
    let receiver_run = receiver_controller(ctx.clone(), receiver_writer, shutdown.clone());
    let caches = {
        let (ks, git) = (ctx.kustomizations.clone(), ctx.git_repositories.clone());
        async move {
            if ks.wait_until_ready().await.is_ok() && git.wait_until_ready().await.is_ok() {
                synced.store(true, Ordering::SeqCst);
                tracing::info!("caches synced, reconciling");
            }
        }
    };
    let drained = futures::future::join5(git_run, ks_run, receiver_run, optional, caches);
    let abandon = abandon_after_grace(shutdown, ctx.options.graceful_shutdown_timeout);
    tokio::select! {
        _ = drained => tracing::info!("all in-flight reconciliations finished"),
        () = abandon => tracing::warn!("abandoning in-flight reconciliations"),
    }
}

/// Resolves when in-flight reconciliations are to be abandoned: `grace` after a graceful
/// shutdown starts, or at once on a forced one.
async fn abandon_after_grace(shutdown: Shutdown, grace: Duration) {
    let forced = shutdown.wait_forced();
    shutdown.wait_graceful().await;
    tracing::info!(
        "shutting down: no new reconciliations, waiting up to {} for in-flight ones",
        duration::format(grace)
    );
    tokio::select! {
        () = tokio::time::sleep(grace) => {}
        () = forced => {}
    }
}

/// The OCIRepository, HelmRepository, HelmChart and HelmRelease controllers (each only when
/// its engine was given); HelmCharts and HelmReleases subscribe to `source_tx` for their
/// sources' new revisions.
fn optional_controllers(
    ctx: &Arc<Context>,
    writers: OptionalWriters,
    source_tx: &mut triggers::RevisionFeed,
    shutdown: &Shutdown,
) -> impl Future<Output = ()> + use<> {
    let (oci_writer, helm_writer, chart_writer, hr_writer) = writers;
    // Every subscription comes before the feed is cloned into the source watches below:
    // a clone only reaches the subscribers it was made with.
    let releases = helm_release_controller(ctx, hr_writer, source_tx, shutdown);
    let store = ctx.helm_charts.clone();
    let from_sources = source_tx
        .subscribe()
        .flat_map(move |new| stream::iter(triggers::charts_for_source(&store.state(), &new)))
        .boxed();
    let oci = source_controller(
        ctx,
        ctx.reconcilers.oci_enabled,
        (ctx.oci_repositories.clone(), oci_writer),
        stream::empty().boxed(),
        source_tx.clone(),
        shutdown,
    );
    let helm = source_controller(
        ctx,
        ctx.reconcilers.helm_enabled,
        (ctx.helm_repositories.clone(), helm_writer),
        stream::empty().boxed(),
        source_tx.clone(),
        shutdown,
    );
    let chart = source_controller(
        ctx,
        ctx.reconcilers.chart_enabled,
        (ctx.helm_charts.clone(), chart_writer),
        from_sources,
        source_tx.clone(),
        shutdown,
    );
    futures::future::join4(oci, helm, chart, releases).map(|_| ())
}

/// The watch, triggers and applier of HelmReleases (nothing without a HelmRelease engine):
/// a HelmRelease is reconciled on its own changes and when the OCIRepository its `chartRef`
/// names gets a new artifact revision (subscribed to `sources` here).
fn helm_release_controller(
    ctx: &Arc<Context>,
    writer: reflector::store::Writer<HelmRelease>,
    sources: &mut triggers::RevisionFeed,
    shutdown: &Shutdown,
) -> futures::future::BoxFuture<'static, ()> {
    if !ctx.reconcilers.helm_release_enabled {
        return Box::pin(async {});
    }
    let from_sources = {
        let store = ctx.helm_releases.clone();
        sources.subscribe().flat_map(move |new| {
            let refs = triggers::helm_releases_for_source(&store.state(), &new);
            stream::iter(refs.into_iter().map(Ok::<_, watcher::Error>))
        })
    };
    let ns = ctx.options.watch_namespace.as_deref();
    let mut own_triggers = triggers::OwnTriggers::default();
    let own = watcher(
        scoped::<HelmRelease>(ctx.client.clone(), ns),
        watch_config(&ctx.options),
    )
    .default_backoff()
    .reflect(writer)
    .filter_map(move |event| {
        futures::future::ready(match event {
            Ok(event) => own_triggers.on_event(&event).map(Ok),
            Err(e) => Some(Err(e)),
        })
    });
    let queue = stream::select(own, from_sources).take_until(shutdown.wait_graceful());
    let config = ApplierConfig::default().concurrency(ctx.options.concurrency.max(1));
    Box::pin(
        applier(
            |hr: Arc<HelmRelease>, ctx: Arc<Context>| {
                let fut = skeleton::reconcile(hr.clone(), ctx);
                spawned(format!("{HELM_RELEASE}/{}", triggers::key_of(hr.as_ref())), fut)
            },
            skeleton::error_policy::<HelmRelease>,
            ctx.clone(),
            ctx.helm_releases.clone(),
            queue,
            config,
        )
        .for_each(|r| {
            log_applier_result(HELM_RELEASE, r);
            futures::future::ready(())
        }),
    )
}

/// The watch, triggers and applier of a source kind other than GitRepository (nothing when
/// `enabled` is false: no engine was given); new artifact revisions go to `source_tx` like
/// GitRepositories'.
fn source_controller<K>(
    ctx: &Arc<Context>,
    enabled: bool,
    (store, writer): (Store<K>, reflector::store::Writer<K>),
    extra: futures::stream::BoxStream<'static, ObjectRef<K>>,
    source_tx: triggers::RevisionFeed,
    shutdown: &Shutdown,
) -> futures::future::BoxFuture<'static, ()>
where
    K: skeleton::Kind + triggers::ArtifactSource,
{
    if !enabled {
        return Box::pin(async {});
    }
    let ns = ctx.options.watch_namespace.as_deref();
    let kind = <K as crate::ops::FluxResource>::KIND.kind();
    let mut source_triggers = triggers::SourceTriggers::<K>::default();
    let queue = watcher(scoped::<K>(ctx.client.clone(), ns), watch_config(&ctx.options))
        .default_backoff()
        .reflect(writer)
        .map(move |event| match event {
            Ok(event) => {
                let out = source_triggers.on_event(&event);
                if let Some(source) = out.new_revision {
                    source_tx.send(&source);
                }
                out.reconcile.into_iter().map(Ok).collect::<Vec<_>>()
            }
            Err(e) => vec![Err(e)],
        })
        .flat_map(stream::iter);
    let queue = stream::select(queue, extra.map(Ok)).take_until(shutdown.wait_graceful());
    let config = ApplierConfig::default().concurrency(ctx.options.concurrency.max(1));
    Box::pin(
        applier(
            move |repo: Arc<K>, ctx: Arc<Context>| {
                let fut = skeleton::reconcile(repo.clone(), ctx);
                spawned(format!("{kind}/{}", triggers::key_of(repo.as_ref())), fut)
            },
            skeleton::error_policy::<K>,
            ctx.clone(),
            store,
            queue,
            config,
        )
        .for_each(move |r| {
            log_applier_result(kind, r);
            futures::future::ready(())
        }),
    )
}

/// What `/readyz` and `/healthz` look at.
struct Health {
    synced: Arc<AtomicBool>,
    stopping: AtomicBool,
    leadership: Option<watch::Receiver<Leadership>>,
}

impl Health {
    fn readiness(&self) -> Result<&'static str, &'static str> {
        if self.stopping.load(Ordering::SeqCst) {
            return Err("shutting down");
        }
        let synced = self.synced.load(Ordering::SeqCst);
        match self.leadership.as_ref().map(|l| l.borrow().clone()) {
            None | Some(Leadership::Leader) if synced => Ok("ok"),
            None | Some(Leadership::Leader) => Err("caches not synced yet"),
            Some(Leadership::Standby { .. }) => Ok("ok (standby)"),
            Some(Leadership::Unknown) => Err("leader election state unknown"),
            Some(Leadership::Lost) => Err("leader election lost"),
        }
    }
}

fn metrics_handler(metrics: Arc<Metrics>, notifier: Option<Arc<Notifier>>) -> http::Handler {
    Arc::new(move |path| match path {
        "/metrics" => http::Response {
            status: 200,
            content_type: "text/plain; version=0.0.4; charset=utf-8",
            body: match &notifier {
                Some(n) => metrics.render() + &n.metrics_text(),
                None => metrics.render(),
            },
        },
        _ => http::Response::text(404, "not found\n"),
    })
}

fn health_handler(health: Arc<Health>) -> http::Handler {
    Arc::new(move |path| match path {
        "/healthz" | "/livez" => http::Response::text(200, "ok\n"),
        "/readyz" => match health.readiness() {
            Ok(msg) => http::Response::text(200, format!("{msg}\n")),
            Err(msg) => http::Response::text(503, format!("{msg}\n")),
        },
        _ => http::Response::text(404, "not found\n"),
    })
}

/// Runs the controller until `shutdown` (returns `Ok`) or until this replica loses the
/// leader-election Lease ([`Error::LeadershipLost`]). `config` is the configuration `client`
/// was built from (for impersonation). The storage directory is prepared first; with leader
/// election, nothing is watched or reconciled until the Lease is held.
pub async fn run(
    client: Client,
    config: kube::Config,
    options: Options,
    reconcilers: Reconcilers,
    listeners: Listeners,
    shutdown: Shutdown,
) -> Result<()> {
    options
        .storage
        .prepare()
        .map_err(|source| Error::StorageUnusable { source })?;
    if let Some(le) = &options.leader_election {
        le.validate()?;
    }
    if let Some(selector) = options.watch_label_selector.as_deref() {
        // The API server is the judge of the syntax; refuse at start instead of a watch
        // that fails forever.
        let params = kube::api::ListParams::default().labels(selector).limit(1);
        scoped::<Kustomization>(client.clone(), options.watch_namespace.as_deref())
            .list_metadata(&params)
            .await
            .map_err(|e| Error::WatchSelector {
                selector: selector.to_string(),
                source: Box::new(e),
            })?;
    }
    let metrics = Arc::new(Metrics::new());
    let mut elector = options
        .leader_election
        .clone()
        .map(|opts| leader::Elector::new(client.clone(), opts));
    let synced = Arc::new(AtomicBool::new(false));
    let health = Arc::new(Health {
        synced: synced.clone(),
        stopping: AtomicBool::new(false),
        leadership: elector.as_ref().map(leader::Elector::subscribe),
    });
    let (http_stop_tx, http_stop) = watch::channel(false);
    let stop_signal = move || {
        let mut rx = http_stop.clone();
        async move {
            let _ = rx.wait_for(|s| *s).await;
        }
    };
    let mut servers = Vec::new();
    if let Some(l) = listeners.metrics {
        servers.push(tokio::spawn(http::serve(
            l,
            metrics_handler(metrics.clone(), reconcilers.notifier.clone()),
            stop_signal(),
        )));
    }
    if let Some(l) = listeners.health {
        servers.push(tokio::spawn(http::serve(
            l,
            health_handler(health.clone()),
            stop_signal(),
        )));
    }
    let (receiver_store, receiver_writer) = reflector::store::<Receiver>();
    if let Some(l) = listeners.receiver {
        let store = receiver_store.clone();
        let lookup: crate::notify::receiver::Lookup = Arc::new(move |path: &str| {
            store
                .state()
                .into_iter()
                .find(|r| r.status.as_ref().and_then(|s| s.webhook_path.as_deref()) == Some(path))
        });
        servers.push(tokio::spawn(crate::notify::receiver::serve(
            l,
            client.clone(),
            lookup,
            crate::notify::receiver::ServerOptions::default(),
            stop_signal(),
        )));
    }

    let result = lead_and_run(
        client,
        config,
        options,
        reconcilers,
        &mut elector,
        &metrics,
        shutdown,
        synced,
        (receiver_store, receiver_writer),
    )
    .await;

    health.stopping.store(true, Ordering::SeqCst);
    if let Some(e) = &mut elector
        && !matches!(result, Err(Error::LeadershipLost(_)))
    {
        match tokio::time::timeout(Duration::from_secs(5), e.release()).await {
            Ok(Ok(())) => {}
            Ok(Err(err)) => {
                tracing::warn!(error = %crate::cluster::describe(&err), "cannot release the leader-election lease");
            }
            Err(_) => tracing::warn!("releasing the leader-election lease timed out"),
        }
        metrics.set_leader(&e.options().name, false);
    }
    let _ = http_stop_tx.send(true);
    for s in servers {
        let _ = s.await;
    }
    result
}

#[allow(clippy::too_many_arguments)]
async fn lead_and_run(
    client: Client,
    config: kube::Config,
    options: Options,
    reconcilers: Reconcilers,
    elector: &mut Option<leader::Elector>,
    metrics: &Arc<Metrics>,
    shutdown: Shutdown,
    synced: Arc<AtomicBool>,
    receivers: (Store<Receiver>, reflector::store::Writer<Receiver>),
) -> Result<()> {
    if let Some(e) = elector.as_mut() {
        metrics.set_leader(&e.options().name, false);
        tracing::info!(lease = %e.options().name, namespace = %e.options().namespace,
            identity = %e.options().identity, "waiting for the leader-election lease");
        tokio::select! {
            () = e.acquire() => {}
            () = shutdown.wait_graceful() => return Ok(()),
        }
        metrics.set_leader(&e.options().name, true);
    }
    let (ks_store, ks_writer) = reflector::store::<Kustomization>();
    let (git_store, git_writer) = reflector::store::<GitRepository>();
    let (receiver_store, receiver_writer) = receivers;
    let (oci_store, oci_writer) = reflector::store::<OCIRepository>();
    let (helm_store, helm_writer) = reflector::store::<HelmRepository>();
    let (chart_store, chart_writer) = reflector::store::<HelmChart>();
    let (hr_store, hr_writer) = reflector::store::<HelmRelease>();
    let ctx = Arc::new(Context {
        receiver_engine: receiver::engine(client.clone()),
        client,
        config,
        options,
        reconcilers,
        metrics: metrics.clone(),
        ks_failures: schedule::Failures::default(),
        git_failures: schedule::Failures::default(),
        oci_failures: schedule::Failures::default(),
        helm_failures: schedule::Failures::default(),
        hr_failures: schedule::Failures::default(),
        kustomizations: ks_store,
        git_repositories: git_store,
        receiver_failures: schedule::Failures::default(),
        receivers: receiver_store,
        oci_repositories: oci_store,
        helm_repositories: helm_store,
        chart_failures: schedule::Failures::default(),
        helm_charts: chart_store,
        helm_releases: hr_store,
    });
    tracing::info!(
        namespace = %ctx.options.watch_namespace.as_deref().unwrap_or("<all>"),
        concurrency = ctx.options.concurrency,
        "starting the GitRepository and Kustomization controllers"
    );
    let writers = Writers {
        ks: ks_writer,
        git: git_writer,
        receiver: receiver_writer,
        optional: (oci_writer, helm_writer, chart_writer, hr_writer),
    };
    let work = run_controllers(ctx, writers, shutdown, synced);
    match elector.as_mut() {
        None => {
            work.await;
            Ok(())
        }
        Some(e) => {
            tokio::select! {
                lost = e.hold() => {
                    metrics.set_leader(&e.options().name, false);
                    Err(Error::LeadershipLost(lost))
                }
                () = work => Ok(()),
            }
        }
    }
}

/// The engines the controller drives.
#[derive(Clone)]
pub struct Reconcilers {
    /// Fetches a GitRepository and stores its artifact (the source engine).
    pub git_repository: Arc<dyn Reconcile<GitRepository>>,
    /// Builds and applies a Kustomization (the reconcile engine).
    pub kustomization: Arc<dyn Reconcile<Kustomization>>,
    /// The notification engine the engines hand their events to (its counters are served
    /// on `/metrics`).
    pub notifier: Option<Arc<Notifier>>,
    /// Pulls an OCIRepository and stores its artifact; OCIRepositories are watched only
    /// when it is given ([`Reconcilers::with_oci_repository`]).
    pub oci_repository: Arc<dyn Reconcile<OCIRepository>>,
    /// Whether an OCIRepository engine was given.
    pub oci_enabled: bool,
    /// Fetches a HelmRepository's index; HelmRepositories are watched only when it is
    /// given ([`Reconcilers::with_helm_repository`]).
    pub helm_repository: Arc<dyn Reconcile<HelmRepository>>,
    /// Whether a HelmRepository engine was given.
    pub helm_enabled: bool,
    /// Builds a HelmChart's artifact; HelmCharts are watched only when it is given
    /// ([`Reconcilers::with_helm_chart`]).
    pub helm_chart: Arc<dyn Reconcile<HelmChart>>,
    /// Whether a HelmChart engine was given.
    pub chart_enabled: bool,
    /// Installs, upgrades and uninstalls a HelmRelease; HelmReleases are watched only when
    /// it is given ([`Reconcilers::with_helm_release`]).
    pub helm_release: Arc<dyn Reconcile<HelmRelease>>,
    /// Whether a HelmRelease engine was given.
    pub helm_release_enabled: bool,
}

impl Reconcilers {
    /// The GitRepository and Kustomization engines, as closures or types implementing
    /// [`Reconcile`].
    pub fn new(
        git_repository: impl Reconcile<GitRepository>,
        kustomization: impl Reconcile<Kustomization>,
    ) -> Self {
        let no_oci = |_: Arc<OCIRepository>, _: crate::reconcile::Request| async {
            Outcome::Stalled {
                reason: "UnsupportedFeature".into(),
                message: "this controller runs without an OCIRepository engine".into(),
            }
        };
        let no_helm = |_: Arc<HelmRepository>, _: crate::reconcile::Request| async {
            Outcome::Stalled {
                reason: "UnsupportedFeature".into(),
                message: "this controller runs without a HelmRepository engine".into(),
            }
        };
        let no_chart = |_: Arc<HelmChart>, _: crate::reconcile::Request| async {
            Outcome::Stalled {
                reason: "UnsupportedFeature".into(),
                message: "this controller runs without a HelmChart engine".into(),
            }
        };
        let no_hr = |_: Arc<HelmRelease>, _: crate::reconcile::Request| async {
            Outcome::Stalled {
                reason: "UnsupportedFeature".into(),
                message: "this controller runs without a HelmRelease engine".into(),
            }
        };
        Reconcilers {
            helm_chart: Arc::new(no_chart),
            chart_enabled: false,
            git_repository: Arc::new(git_repository),
            kustomization: Arc::new(kustomization),
            notifier: None,
            oci_repository: Arc::new(no_oci),
            oci_enabled: false,
            helm_repository: Arc::new(no_helm),
            helm_enabled: false,
            helm_release: Arc::new(no_hr),
            helm_release_enabled: false,
        }
    }

    /// Serves the counters of `notifier` (the engines' event sink) on `/metrics`.
    #[must_use]
    pub fn with_notifier(mut self, notifier: Arc<Notifier>) -> Self {
        self.notifier = Some(notifier);
        self
    }

    /// Adds the HelmRepository engine: the controller then watches HelmRepositories too.
    #[must_use]
    pub fn with_helm_repository(mut self, helm_repository: impl Reconcile<HelmRepository>) -> Self {
        self.helm_repository = Arc::new(helm_repository);
        self.helm_enabled = true;
        self
    }

    /// Adds the HelmChart engine: the controller then watches HelmCharts too.
    #[must_use]
    pub fn with_helm_chart(mut self, helm_chart: impl Reconcile<HelmChart>) -> Self {
        self.helm_chart = Arc::new(helm_chart);
        self.chart_enabled = true;
        self
    }

    /// Adds the HelmRelease engine: the controller then watches HelmReleases too.
    #[must_use]
    pub fn with_helm_release(mut self, helm_release: impl Reconcile<HelmRelease>) -> Self {
        self.helm_release = Arc::new(helm_release);
        self.helm_release_enabled = true;
        self
    }

    /// Adds the OCIRepository engine: the controller then watches OCIRepositories too.
    #[must_use]
    pub fn with_oci_repository(mut self, oci_repository: impl Reconcile<OCIRepository>) -> Self {
        self.oci_repository = Arc::new(oci_repository);
        self.oci_enabled = true;
        self
    }
}

impl std::fmt::Debug for Reconcilers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reconcilers").finish_non_exhaustive()
    }
}
