//! One Kustomization reconciled end to end, as kustomize-controller reconciles it (see the
//! module documentation of [`super`] for the steps).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use kube::api::{Api, Patch, PatchParams};
use kube::{Client, Config};
use serde_json::{Value, json};
use sha2::{Digest as _, Sha256};

use super::dependencies;
use super::events::{EventRecorder, EventType};
use super::status::{
    self, ARTIFACT_FAILED, BUILD_FAILED, DEPENDENCY_NOT_READY, Failure, HEALTH_CHECK_FAILED, PROGRESSING,
    PRUNE_FAILED, RECONCILIATION_FAILED, RECONCILIATION_SUCCEEDED, Success, UNSUPPORTED_FEATURE,
};
use super::trees::Tree;
use super::{Source, SourceProvider, decryption, substitute};
use crate::api::kustomize::{KUSTOMIZE_API_GROUP, KustomizationStatus};
use crate::api::meta::{self, KUSTOMIZE_NAME_LABEL, KUSTOMIZE_NAMESPACE_LABEL};
use crate::api::{FluxObject as _, GitRepository, Kustomization, OCIRepository};
use crate::apply::{
    Action, ApplyOptions, ChangeSet, Inventory, Manager, Owner, Progress, RequestCounts, WaitOptions,
};
use crate::build::flux::FluxOptions;
use crate::cluster::{self, ObjectRef};
use crate::duration;
use crate::reconcile::{Outcome, Request};

/// Field manager (and event component) of reconciles, as upstream's: flux-rs and
/// kustomize-controller can take over from each other without conflicts.
pub const DEFAULT_FIELD_MANAGER: &str = "kustomize-controller";

/// kustomize-controller's per-object policy annotations and the stale markers of older Flux
/// versions, which the apply honours for a Kustomization's objects.
pub static CONVENTIONS: crate::apply::Conventions = crate::apply::Conventions {
    ssa: meta::SSA_ANNOTATION,
    reconcile: meta::RECONCILE_ANNOTATION,
    prune: meta::PRUNE_ANNOTATION,
    force: meta::FORCE_ANNOTATION,
    stale_annotations: meta::STALE_ANNOTATIONS,
    stale_labels: meta::STALE_LABELS,
};

/// Who applies for the Kustomization `namespace/name`: `field_manager`, its owner labels on
/// every object, kustomize-controller's policy annotations.
pub fn owner(namespace: &str, name: &str, field_manager: &str) -> Owner {
    Owner {
        field_manager: field_manager.to_string(),
        labels: BTreeMap::from([
            (KUSTOMIZE_NAME_LABEL.to_string(), name.to_string()),
            (KUSTOMIZE_NAMESPACE_LABEL.to_string(), namespace.to_string()),
        ]),
        conventions: Some(&CONVENTIONS),
    }
}

/// The fields of a Kustomization's status the engine writes.
const STATUS_FIELDS: [&str; 8] = [
    "observedGeneration",
    "conditions",
    "lastAppliedRevision",
    "lastAppliedOriginRevision",
    "lastAttemptedRevision",
    "lastHandledReconcileAt",
    "inventory",
    "history",
];

/// How the engine works; the defaults are kustomize-controller's.
#[derive(Clone, Debug)]
pub struct EngineOptions {
    /// Field manager of applies and status writes, and the component of events.
    pub field_manager: String,
    /// Requests in flight per apply (`None`: the apply engine's default).
    pub concurrency: Option<usize>,
    /// How often objects are read while waiting for health checks.
    pub health_interval: Duration,
    /// Fail a health check as soon as an object is `Failed` instead of at `spec.timeout`.
    pub fail_fast: bool,
    /// How often CRDs and Namespaces of the first apply stages are polled for readiness.
    pub poll_interval: Duration,
    /// When to look again at dependencies that are not ready.
    pub dependency_requeue: Duration,
    /// When to look again at a source that has no artifact yet.
    pub artifact_retry: Duration,
    /// Fail on variables used in the manifests that are not set and have no default.
    pub strict_substitute: bool,
    /// Write Kubernetes Events.
    pub events: bool,
    /// Fetches remote Git bases (`None`, the default: a remote base fails the build, naming
    /// the URL and `--allow-remote-bases`; stricter than kustomize-controller).
    pub remote_bases: Option<std::sync::Arc<dyn crate::build::remote::Loader>>,
    /// Where a copy of every event goes (the notification engine), besides the API server.
    pub event_sink: crate::cluster::events::Sink,
}

impl Default for EngineOptions {
    fn default() -> Self {
        EngineOptions {
            field_manager: DEFAULT_FIELD_MANAGER.to_string(),
            concurrency: None,
            health_interval: Duration::from_secs(2),
            fail_fast: false,
            poll_interval: Duration::from_millis(500),
            dependency_requeue: Duration::from_secs(30),
            artifact_retry: Duration::from_secs(30),
            strict_substitute: false,
            events: true,
            remote_bases: None,
            event_sink: crate::cluster::events::Sink::default(),
        }
    }
}

/// Reconciles Kustomizations: reads them, their sources and dependencies with its own client,
/// applies as the Kustomization's service account (or its remote cluster), and writes status
/// and events with its own client.
#[derive(Clone)]
pub struct Engine {
    client: Client,
    config: Config,
    source: Arc<dyn SourceProvider>,
    options: EngineOptions,
    progress: Option<Arc<dyn Progress>>,
    recorder: EventRecorder,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

/// What one reconciliation did.
#[derive(Clone, Debug)]
pub struct Report {
    /// How it ended, as the controller's seam wants it.
    pub outcome: Outcome,
    /// The source revision reconciled (when the source had one).
    pub revision: Option<String>,
    /// What the apply and the prune did (also after a failure: what was done before it).
    pub changes: ChangeSet,
    /// The status as the engine wrote it last (`None` when it wrote none: suspended).
    pub status: Option<KustomizationStatus>,
    /// Requests the apply engine made.
    pub requests: RequestCounts,
    /// How long it took.
    pub elapsed: Duration,
}

impl Report {
    /// Whether the Kustomization is ready at the revision.
    pub fn succeeded(&self) -> bool {
        self.outcome == Outcome::Succeeded
    }
}

impl Engine {
    /// An engine reading and writing with `client`; `config` is the same identity's
    /// configuration, from which impersonating clients are made for
    /// `spec.serviceAccountName`. `source` provides the files of source revisions.
    /// Events also go to `options.event_sink` (the notification engine) when set.
    pub fn new(client: Client, config: Config, source: Arc<dyn SourceProvider>) -> Self {
        let options = EngineOptions::default();
        let recorder =
            EventRecorder::new(client.clone(), &options.field_manager).with_sink(options.event_sink.clone());
        Engine {
            client,
            config,
            source,
            options,
            progress: None,
            recorder,
        }
    }

    /// Sets the options.
    #[must_use]
    pub fn with_options(mut self, options: EngineOptions) -> Self {
        self.recorder = EventRecorder::new(self.client.clone(), &options.field_manager)
            .with_sink(options.event_sink.clone());
        self.options = options;
        self
    }

    /// Reports the progress of applies, prunes and health waits to `progress`.
    #[must_use]
    pub fn with_progress(mut self, progress: Arc<dyn Progress>) -> Self {
        self.progress = Some(progress);
        self
    }

    /// The client it reads and writes with.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The options.
    pub fn options(&self) -> &EngineOptions {
        &self.options
    }

    /// Reconciles `ks` once and writes its status and events. `request` carries the
    /// `reconcile.fluxcd.io/requestedAt` value this reconciliation handles (recorded in
    /// `status.lastHandledReconcileAt`; when `None`, the object's annotation is used).
    ///
    /// A suspended Kustomization is left alone (no write at all): the outcome is
    /// `Stalled` with reason `Suspended` and message `resource is suspended`.
    pub async fn reconcile(&self, ks: &Kustomization, request: &Request) -> Report {
        let mut run = Run::new(self, ks, request);
        if ks.spec.suspend {
            return run.report(Outcome::Stalled {
                reason: meta::SUSPENDED_REASON.into(),
                message: "resource is suspended".into(),
            });
        }
        match run.execute().await {
            Ok(()) => run.report(Outcome::Succeeded),
            Err(stop) => run.stop(stop).await,
        }
    }
}

impl Engine {
    /// Records that a reconciliation of `ks` was stopped before it finished (the CLI on
    /// Ctrl-C): `Ready=False/ReconciliationInterrupted` with `message`, `Reconciling`
    /// removed, `observedGeneration` of the object as it is now, and a Warning event. The
    /// inventory and revisions stay as they were: what was applied before the interruption
    /// is applied again, and recorded, by the next reconciliation.
    pub async fn record_interruption(&self, ks: &Kustomization, message: &str) -> Result<(), kube::Error> {
        let namespace = ks.metadata.namespace.clone().unwrap_or_default();
        let name = ks.metadata.name.clone().unwrap_or_default();
        let api: Api<Kustomization> = Api::namespaced(self.client.clone(), &namespace);
        let live = crate::cluster::retry(|| api.get(&name)).await?;
        let mut st = live.status.clone().unwrap_or_default();
        status::mark_failed(
            &mut st,
            live.metadata.generation,
            &Failure {
                reason: status::RECONCILIATION_INTERRUPTED,
                message,
                revision: None,
                inventory: None,
            },
        );
        let patch = Patch::Merge(json!({"status": {
            "conditions": st.conditions,
            "observedGeneration": st.observed_generation,
        }}));
        let params = PatchParams {
            field_manager: Some(format!("gotk-{}", self.options.field_manager)),
            ..Default::default()
        };
        crate::cluster::retry(|| api.patch_status(&name, &params, &patch)).await?;
        if self.options.events {
            self.recorder
                .publish(
                    &live,
                    EventType::Warning,
                    status::RECONCILIATION_INTERRUPTED,
                    message,
                    None,
                )
                .await?;
        }
        Ok(())
    }
}

/// How a reconciliation that did not succeed ends.
#[derive(Debug)]
enum Ending {
    /// `Ready=False`, retried with backoff.
    Failed,
    /// `Ready=False`, looked at again after a delay, not a failure.
    Retry(Duration),
    /// `Ready=False`, not retried until the spec changes.
    Stalled,
}

/// Why a reconciliation stopped, and what to record.
#[derive(Debug)]
struct Stop {
    reason: &'static str,
    message: String,
    ending: Ending,
    /// The inventory to record (`None`: keep the previous one).
    inventory: Option<Inventory>,
    /// The build digest, when the attempt goes into the history.
    digest: Option<String>,
    /// The event to write (`None`: no event), and its message when it is not `message`.
    event: Option<(EventType, Option<String>)>,
}

impl Stop {
    fn failed(reason: &'static str, message: impl Into<String>) -> Self {
        Stop {
            reason,
            message: message.into(),
            ending: Ending::Failed,
            inventory: None,
            digest: None,
            event: Some((EventType::Warning, None)),
        }
    }

    fn stalled(reason: &'static str, message: impl Into<String>) -> Self {
        Stop {
            ending: Ending::Stalled,
            ..Stop::failed(reason, message)
        }
    }

    fn retry(reason: &'static str, message: impl Into<String>, after: Duration) -> Self {
        Stop {
            ending: Ending::Retry(after),
            event: None,
            ..Stop::failed(reason, message)
        }
    }

    fn with_inventory(mut self, inventory: Inventory) -> Self {
        self.inventory = Some(inventory);
        self
    }

    fn with_history(mut self, digest: &str) -> Self {
        self.digest = Some(digest.to_string());
        self
    }
}

/// One reconciliation in progress.
struct Run<'a> {
    engine: &'a Engine,
    ks: &'a Kustomization,
    api: Api<Kustomization>,
    namespace: String,
    name: String,
    generation: Option<i64>,
    requested_at: Option<String>,
    status: KustomizationStatus,
    /// The status as the server has it (as read, then as last written), top-level keys.
    written: Value,
    wrote_status: bool,
    start: Instant,
    revision: Option<String>,
    changes: ChangeSet,
    manager: Option<Manager>,
}

impl<'a> Run<'a> {
    fn new(engine: &'a Engine, ks: &'a Kustomization, request: &Request) -> Self {
        let namespace = ks.metadata.namespace.clone().unwrap_or_default();
        let name = ks.metadata.name.clone().unwrap_or_default();
        let requested_at = request
            .requested_at
            .clone()
            .or_else(|| meta::reconcile_requested_at(ks.metadata.annotations.as_ref()).map(str::to_string));
        Run {
            engine,
            ks,
            api: Api::namespaced(engine.client.clone(), &namespace),
            namespace,
            name,
            generation: ks.metadata.generation,
            requested_at,
            status: ks.status.clone().unwrap_or_default(),
            written: serde_json::to_value(ks.status.clone().unwrap_or_default())
                .unwrap_or_else(|_| json!({})),
            wrote_status: false,
            start: Instant::now(),
            revision: None,
            changes: ChangeSet::default(),
            manager: None,
        }
    }

    fn object(&self) -> String {
        format!("Kustomization/{}/{}", self.namespace, self.name)
    }

    fn report(&self, outcome: Outcome) -> Report {
        Report {
            outcome,
            revision: self.revision.clone(),
            changes: self.changes.clone(),
            status: self.wrote_status.then(|| self.status.clone()),
            requests: self.manager.as_ref().map(Manager::requests).unwrap_or_default(),
            elapsed: self.start.elapsed(),
        }
    }

    /// The merge patch from the status the server has to `self.status` (with the handled
    /// request recorded): the top-level fields that changed, `null` for removed ones. Returns
    /// the patch and the status it leaves on the server.
    fn status_patch(&mut self) -> (Value, Value) {
        if let Some(r) = &self.requested_at {
            self.status.last_handled_reconcile_at = Some(r.clone());
        }
        let new = serde_json::to_value(&self.status).unwrap_or_else(|_| json!({}));
        let mut patch = serde_json::Map::new();
        for key in STATUS_FIELDS {
            let want = new.get(key).unwrap_or(&Value::Null);
            let have = self.written.get(key).unwrap_or(&Value::Null);
            if want != have {
                patch.insert(key.to_string(), want.clone());
            }
        }
        (json!({ "status": patch }), new)
    }

    /// Sends a status patch through the status subresource, as `gotk-<field manager>` (as
    /// upstream's status manager): API servers before 1.22 record status writes without the
    /// subresource, and an `Update` entry under the apply's own manager would be cleaned up —
    /// a write — at every apply of a Kustomization that applies itself (bootstrap's).
    async fn send_status(&self, patch: Value) -> Result<(), Stop> {
        let params = PatchParams {
            field_manager: Some(format!("gotk-{}", self.engine.options.field_manager)),
            ..Default::default()
        };
        let patch = Patch::Merge(patch);
        let api = &self.api;
        let name = &self.name;
        crate::cluster::retry(|| api.patch_status(name, &params, &patch))
            .await
            .map(|_| ())
            .map_err(|e| {
                Stop::failed(
                    RECONCILIATION_FAILED,
                    format!(
                        "{}: cannot write the status: {}",
                        self.object(),
                        cluster::describe(&e)
                    ),
                )
            })
    }

    /// Writes what changed in the status.
    async fn write_status(&mut self) -> Result<(), Stop> {
        let (patch, new) = self.status_patch();
        self.send_status(patch).await?;
        self.written = new;
        self.wrote_status = true;
        Ok(())
    }

    fn phase(&self, what: &str) {
        tracing::debug!(namespace = %self.namespace, name = %self.name, elapsed = ?self.start.elapsed(), "{what}");
    }

    async fn event(&self, type_: EventType, reason: &str, message: &str) {
        if !self.engine.options.events || message.is_empty() {
            return;
        }
        if let Err(e) = self
            .engine
            .recorder
            .publish(self.ks, type_, reason, message, self.revision.as_deref())
            .await
        {
            tracing::warn!(namespace = %self.namespace, name = %self.name, error = %cluster::describe(&e),
                "cannot record an event");
        }
    }

    async fn execute(&mut self) -> Result<(), Stop> {
        self.ks
            .validate()
            .map_err(|e| Stop::stalled(RECONCILIATION_FAILED, e.to_string()))?;
        if let Some(message) = unsupported(self.ks) {
            return Err(Stop::stalled(UNSUPPORTED_FEATURE, message));
        }
        let timeout = self
            .ks
            .timeout()
            .map_err(|e| Stop::stalled(RECONCILIATION_FAILED, format!("spec.timeout: {e}")))?;

        let repo = self.source().await?;
        let revision = repo.artifact_revision().unwrap_or_default().to_string();
        self.revision = Some(revision.clone());
        self.check_dependencies(&revision).await?;

        let old = match self.status.inventory.as_ref() {
            Some(inv) => crate::engine::status::inventory_from_status(inv)
                .map_err(|e| Stop::failed(RECONCILIATION_FAILED, format!("status.inventory: {e}")))?,
            None => Inventory::default(),
        };

        // While the progress is recorded and the revision is checked out and built, the
        // apply engine reads ahead the live copies of what the previous inventory holds.
        status::mark_progressing(&mut self.status, self.generation, Some(&revision), timeout);
        let (patch, progressing) = self.status_patch();
        let (written, built, manager) = {
            let this = &*self;
            tokio::join!(
                this.send_status(patch),
                this.checkout_and_build(&repo, &revision),
                this.prepare_manager(&old),
            )
        };
        written?;
        self.written = progressing;
        self.wrote_status = true;
        if let Err(NotBuilt::Artifact(stop)) = built {
            return Err(stop);
        }
        self.status.last_attempted_revision = Some(revision.clone());
        let manager = manager?;
        self.manager = Some(manager.clone());
        let objects = built.map_err(|(NotBuilt::Artifact(stop) | NotBuilt::Build(stop))| stop)?;
        let digest = digest(&objects);
        self.phase("checked out and built");

        let applied = self.apply(&manager, objects, &old, &digest, timeout).await?;
        self.changes.extend(applied.clone());
        self.phase("applied");
        self.changes_event(&applied, &[Action::Created, Action::Configured])
            .await;
        let inventory = Inventory::from_change_set(&applied);

        if self.ks.spec.prune {
            self.prune(&manager, &old, &inventory, &digest).await?;
        }
        self.phase("pruned");

        let health_checked = self
            .check_health(&manager, &applied, &inventory, &revision, &digest, timeout)
            .await?;

        let origin = repo
            .artifact()
            .and_then(|a| a.metadata.as_ref())
            .and_then(|m| m.get("org.opencontainers.image.revision"))
            .cloned();
        status::mark_succeeded(
            &mut self.status,
            self.generation,
            &Success {
                revision: &revision,
                origin_revision: origin.as_deref(),
                inventory: crate::engine::status::inventory_status(&inventory),
                digest: &digest,
                elapsed: self.start.elapsed(),
                health_checked,
            },
        );
        let interval = self.ks.interval().unwrap_or(Duration::from_secs(600));
        let message = format!(
            "Reconciliation finished in {}, next run in {}",
            duration::format(round_ms(self.start.elapsed())),
            duration::format(interval)
        );
        let (patch, ready) = self.status_patch();
        let (written, ()) = {
            let this = &*self;
            tokio::join!(
                this.send_status(patch),
                this.event(EventType::Normal, RECONCILIATION_SUCCEEDED, &message),
            )
        };
        written?;
        self.written = ready;
        self.wrote_status = true;
        self.phase("status written");
        Ok(())
    }

    /// Applies the built objects in stages within `timeout`. On failure, the inventory the
    /// stop records is the previous one plus what was applied before the failure.
    async fn apply(
        &mut self,
        manager: &Manager,
        objects: Vec<Value>,
        old: &Inventory,
        digest: &str,
        timeout: Duration,
    ) -> Result<ChangeSet, Stop> {
        let opts = ApplyOptions {
            force: self.ks.spec.force,
            wait_timeout: timeout,
            poll_interval: self.engine.options.poll_interval,
        };
        match tokio::time::timeout(timeout, manager.apply_all_staged(objects, &opts)).await {
            Err(_) => Err(Stop::failed(
                RECONCILIATION_FAILED,
                format!("apply did not finish within {}", duration::format(timeout)),
            )
            .with_history(digest)),
            Ok(Err(e)) => {
                let mut inventory = old.clone();
                if let Some(partial) = e.applied() {
                    inventory.add(Inventory::from_change_set(partial).objects);
                    self.changes.extend(partial.clone());
                    self.changes_event(partial, &[Action::Created, Action::Configured])
                        .await;
                }
                Err(Stop::failed(RECONCILIATION_FAILED, e.to_string())
                    .with_inventory(inventory)
                    .with_history(digest))
            }
            Ok(Ok(cs)) => Ok(cs),
        }
    }

    /// Waits for the health of the applied objects (`spec.wait`, `spec.healthChecks`); how
    /// long it took, `None` when there was nothing to check.
    async fn check_health(
        &mut self,
        manager: &Manager,
        applied: &ChangeSet,
        inventory: &Inventory,
        revision: &str,
        digest: &str,
        timeout: Duration,
    ) -> Result<Option<Duration>, Stop> {
        let checks = self.health_checks(applied);
        if checks.is_empty() {
            return Ok(None);
        }
        status::mark_reconciling(
            &mut self.status,
            self.generation,
            &format!(
                "Running health checks for revision {revision} with a timeout of {}",
                duration::format(timeout)
            ),
        );
        self.status.inventory = Some(crate::engine::status::inventory_status(inventory));
        self.write_status().await?;
        let wait = WaitOptions {
            timeout,
            interval: self.engine.options.health_interval,
            fail_fast: self.engine.options.fail_fast,
        };
        let started = Instant::now();
        manager.wait_for_health(&checks, &wait).await.map_err(|e| {
            Stop::failed(HEALTH_CHECK_FAILED, e.to_string())
                .with_inventory(inventory.clone())
                .with_history(digest)
        })?;
        Ok(Some(started.elapsed()))
    }

    /// The tree of `revision`: from the source provider's tree cache when it keeps one and
    /// the artifact's digest is recorded, else checked out into a temporary directory.
    async fn checkout(&self, repo: &Source, revision: &str) -> Result<Checkout, Stop> {
        let failed = |e: String| {
            Stop::failed(
                ARTIFACT_FAILED,
                format!("cannot get revision {revision} of {}: {e}", repo.display()),
            )
        };
        let digest = repo
            .artifact()
            .filter(|a| a.revision == revision)
            .and_then(|a| a.digest.as_deref());
        let cached = match (self.engine.source.trees(), digest) {
            (Some(trees), Some(digest)) => match trees.get(digest) {
                Ok(tree) => tree.map(|t| (trees, t)),
                Err(e) => {
                    tracing::warn!(dir = %trees.dir().display(), error = %e, "tree cache unusable, using a temporary directory");
                    None
                }
            },
            _ => None,
        };
        let (dir, keep) = match cached {
            Some((_, Tree::Cached(path))) => return Ok(Checkout::Cached(path)),
            Some((trees, Tree::Staged { dir, digest })) => (dir, Some((trees, digest))),
            None => {
                let dir = tempfile::Builder::new()
                    .prefix("flux-rs-kustomization-")
                    .tempdir()
                    .map_err(|e| {
                        Stop::failed(
                            ARTIFACT_FAILED,
                            format!("cannot create a temporary directory: {e}"),
                        )
                    })?;
                (dir, None)
            }
        };
        self.engine
            .source
            .checkout(repo, revision, dir.path())
            .await
            .map_err(|e| failed(e.to_string()))?;
        match keep {
            Some((trees, digest)) => trees
                .commit(dir, &digest)
                .map(Checkout::Cached)
                .map_err(|e| failed(format!("cannot keep the tree in {}: {e}", trees.dir().display()))),
            None => Ok(Checkout::Temporary(dir)),
        }
    }

    /// Checks the revision out (or finds its cached tree) and builds it.
    async fn checkout_and_build(&self, repo: &Source, revision: &str) -> Result<Vec<Value>, NotBuilt> {
        let dir = self.checkout(repo, revision).await.map_err(NotBuilt::Artifact)?;
        let path = self.ks.spec.path.clone().unwrap_or_default();
        if !dir.path().join(path.trim_start_matches('/')).is_dir() {
            return Err(NotBuilt::Artifact(Stop::failed(
                ARTIFACT_FAILED,
                format!("kustomization path not found: {path} is not a directory in revision {revision}"),
            )));
        }
        self.phase("checked out");
        let build_failed = |e: String| NotBuilt::Build(Stop::failed(BUILD_FAILED, e));
        let vars = substitute::variables(&self.engine.client, self.ks)
            .await
            .map_err(|e| build_failed(e.to_string()))?;
        let decryption = decryption::decryption(&self.engine.client, self.ks)
            .await
            .map_err(|e| build_failed(e.to_string()))?;
        self.build(dir.path().to_path_buf(), vars, decryption)
            .await
            .map_err(NotBuilt::Build)
    }

    /// The apply engine acting for the Kustomization (its service account, or its remote
    /// cluster), having read ahead the live copies of `old`'s objects.
    async fn prepare_manager(&self, old: &Inventory) -> Result<Manager, Stop> {
        let client = match super::acting::client_for(&self.engine.client, &self.engine.config, self.ks).await
        {
            Ok(super::acting::Acting::Client(c)) => c,
            Ok(super::acting::Acting::Gone(why)) => return Err(Stop::failed(RECONCILIATION_FAILED, why)),
            Err(e) => return Err(Stop::failed(RECONCILIATION_FAILED, e.to_string())),
        };
        let mut manager = Manager::new(client, self.owner());
        if let Some(c) = self.engine.options.concurrency {
            manager = manager.with_concurrency(c);
        }
        if let Some(p) = &self.engine.progress {
            manager = manager.with_progress(p.clone());
        }
        manager.prefetch(&old.objects).await;
        Ok(manager)
    }

    /// The source (GitRepository or OCIRepository) and its recorded artifact revision.
    async fn source(&self) -> Result<Source, Stop> {
        let s = &self.ks.spec.source_ref;
        let ns = self.ks.source_namespace();
        let client = self.engine.client.clone();
        let not_found = || {
            Stop::failed(
                ARTIFACT_FAILED,
                format!("Source '{}/{ns}/{}' not found", s.kind, s.name),
            )
        };
        let api_failed = |e: &kube::Error| {
            Stop::failed(
                ARTIFACT_FAILED,
                format!("{}/{ns}/{}: {}", s.kind, s.name, cluster::describe(e)),
            )
        };
        let repo = match s.kind.as_str() {
            "GitRepository" => {
                let api: Api<GitRepository> = Api::namespaced(client, ns);
                let found = crate::cluster::retry(|| api.get_opt(&s.name))
                    .await
                    .map_err(|e| api_failed(&e))?;
                Source::Git(found.ok_or_else(not_found)?)
            }
            "OCIRepository" => {
                let api: Api<OCIRepository> = Api::namespaced(client, ns);
                let found = crate::cluster::retry(|| api.get_opt(&s.name))
                    .await
                    .map_err(|e| api_failed(&e))?;
                Source::Oci(found.ok_or_else(not_found)?)
            }
            other => {
                return Err(Stop::stalled(
                    ARTIFACT_FAILED,
                    format!(
                        "spec.sourceRef.kind: {other} sources are not supported by flux-rs (only GitRepository and OCIRepository)"
                    ),
                ));
            }
        };
        if repo.artifact_revision().is_none_or(str::is_empty) {
            let retry = self.engine.options.artifact_retry;
            return Err(Stop::retry(
                ARTIFACT_FAILED,
                format!(
                    "Source artifact not found, retrying in {}",
                    duration::format(retry)
                ),
                retry,
            ));
        }
        Ok(repo)
    }

    /// `dependsOn`: every dependency Ready at its generation, and at the shared source's
    /// revision when it builds from the same source.
    async fn check_dependencies(&self, revision: &str) -> Result<(), Stop> {
        let deps = self.ks.spec.depends_on.as_deref().unwrap_or_default();
        if deps.is_empty() {
            return Ok(());
        }
        let ready = dependencies::readiness(
            &self.engine.client,
            self.ks,
            Some(revision),
            &dependencies::uncached,
        )
        .await
        .map_err(|e| Stop::failed(RECONCILIATION_FAILED, e.to_string()))?;
        let dependencies::Readiness::Waiting(message) = ready else {
            return Ok(());
        };
        let after = self.engine.options.dependency_requeue;
        let note = format!(
            "Dependencies do not meet ready condition, retrying in {}",
            duration::format(after)
        );
        Err(Stop {
            event: Some((EventType::Normal, Some(note))),
            ..Stop::retry(DEPENDENCY_NOT_READY, message, after)
        })
    }

    /// Builds the tree at `root`; SOPS-encrypted files are decrypted in memory, in the
    /// build's view of the files (the tree, possibly a shared cached one, is never written).
    async fn build(
        &self,
        root: PathBuf,
        vars: BTreeMap<String, String>,
        decryption: Option<crate::sops::Decryption>,
    ) -> Result<Vec<Value>, Stop> {
        let ks = self.ks.clone();
        let opts = FluxOptions {
            strict_substitute: self.engine.options.strict_substitute,
            remote_bases: self.engine.options.remote_bases.clone(),
            decryption,
            ..FluxOptions::default()
        };
        let built = tokio::task::spawn_blocking(move || crate::build::flux::build(&root, &ks, &vars, &opts))
            .await
            .map_err(|e| Stop::failed(BUILD_FAILED, format!("kustomize build failed: {e}")))?;
        built.map_err(|e| Stop::failed(BUILD_FAILED, format!("kustomize build failed: {e}")))
    }

    fn owner(&self) -> Owner {
        owner(&self.namespace, &self.name, &self.engine.options.field_manager)
    }

    /// An event listing the entries of `changes` with one of `actions` (one line each).
    async fn changes_event(&self, changes: &ChangeSet, actions: &[Action]) {
        let lines: Vec<String> = changes
            .entries
            .iter()
            .filter(|e| actions.contains(&e.action))
            .map(ToString::to_string)
            .collect();
        // The Ready reason while the reconciliation runs.
        self.event(EventType::Normal, PROGRESSING, &lines.join("\n"))
            .await;
    }

    /// Deletes what the previous inventory held and the new one does not.
    async fn prune(
        &mut self,
        manager: &Manager,
        old: &Inventory,
        inventory: &Inventory,
        digest: &str,
    ) -> Result<(), Stop> {
        let stale = old.stale(inventory);
        if stale.is_empty() {
            return Ok(());
        }
        let keep = |extra: Vec<ObjectRef>| {
            let mut inv = inventory.clone();
            inv.add(extra);
            inv
        };
        match manager.prune(&stale, &inventory.objects).await {
            Err(e) => Err(Stop::failed(PRUNE_FAILED, e.to_string())
                .with_inventory(keep(stale))
                .with_history(digest)),
            Ok(outcome) => {
                self.changes.extend(outcome.changes.clone());
                self.changes_event(&outcome.changes, &[Action::Deleted]).await;
                match outcome.error() {
                    Some(e) => {
                        let failed = outcome.failed.iter().map(|(o, _)| o.clone()).collect();
                        Err(Stop::failed(PRUNE_FAILED, e.to_string())
                            .with_inventory(keep(failed))
                            .with_history(digest))
                    }
                    None => Ok(()),
                }
            }
        }
    }

    /// What the health checks wait for: every applied object with `spec.wait`, and the
    /// objects of `spec.healthChecks`; never the Kustomization itself.
    fn health_checks(&self, applied: &ChangeSet) -> Vec<ObjectRef> {
        let mut out: Vec<ObjectRef> = Vec::new();
        if self.ks.spec.wait {
            out.extend(
                applied
                    .entries
                    .iter()
                    .filter(|e| e.action != Action::Skipped)
                    .map(|e| e.object.clone()),
            );
        }
        for hc in self.ks.spec.health_checks.as_deref().unwrap_or_default() {
            let api_version = hc
                .api_version
                .clone()
                .filter(|v| !v.is_empty())
                .unwrap_or_else(|| default_api_version(&hc.kind).to_string());
            let (group, version) = cluster::object::split_api_version(&api_version);
            let r = ObjectRef {
                group: group.to_string(),
                version: version.to_string(),
                kind: hc.kind.clone(),
                namespace: hc
                    .namespace
                    .clone()
                    .filter(|n| !n.is_empty())
                    .unwrap_or_else(|| self.namespace.clone()),
                name: hc.name.clone(),
            };
            if !out
                .iter()
                .any(|o| o.group_kind() == r.group_kind() && o.namespace == r.namespace && o.name == r.name)
            {
                out.push(r);
            }
        }
        out.retain(|o| {
            !(o.group == KUSTOMIZE_API_GROUP
                && o.kind == "Kustomization"
                && o.namespace == self.namespace
                && o.name == self.name)
        });
        out
    }

    /// Records a failure in the status, writes an event, and reports.
    async fn stop(mut self, stop: Stop) -> Report {
        if let Some(digest) = &stop.digest {
            let revision = self.revision.clone().unwrap_or_default();
            status::record_history(
                &mut self.status,
                digest,
                stop.reason,
                self.start.elapsed(),
                &revision,
            );
        }
        status::mark_failed(
            &mut self.status,
            self.generation,
            &Failure {
                reason: stop.reason,
                message: &stop.message,
                revision: None,
                inventory: stop
                    .inventory
                    .as_ref()
                    .map(crate::engine::status::inventory_status),
            },
        );
        if let Err(e) = self.write_status().await {
            tracing::warn!(namespace = %self.namespace, name = %self.name, error = %e.message,
                "cannot record the failure in the status");
        }
        if let Some((type_, note)) = &stop.event {
            let message = note.as_deref().unwrap_or(&stop.message);
            self.event(*type_, stop.reason, message).await;
        }
        let outcome = match stop.ending {
            Ending::Failed => Outcome::failed(stop.reason, stop.message),
            Ending::Retry(after) => Outcome::Retry {
                after,
                message: stop.message,
            },
            Ending::Stalled => Outcome::Stalled {
                reason: stop.reason.to_string(),
                message: stop.message,
            },
        };
        self.report(outcome)
    }
}

/// The apiVersion of a health check that names none, for the kinds upstream's CLI writes
/// without one.
fn default_api_version(kind: &str) -> &'static str {
    match kind {
        "Deployment" | "StatefulSet" | "DaemonSet" | "ReplicaSet" => "apps/v1",
        "Job" => "batch/v1",
        "HelmRelease" => "helm.toolkit.fluxcd.io/v2",
        "Kustomization" => "kustomize.toolkit.fluxcd.io/v1",
        "GitRepository" | "OCIRepository" => "source.toolkit.fluxcd.io/v1",
        _ => "v1",
    }
}

/// `sha256:<hex>` of the built objects (the history's digest).
fn digest(objects: &[Value]) -> String {
    let mut hasher = Sha256::new();
    for o in objects {
        hasher.update(serde_json::to_vec(o).unwrap_or_default());
        hasher.update(b"\n");
    }
    format!("sha256:{:x}", hasher.finalize())
}

fn round_ms(d: Duration) -> Duration {
    Duration::from_millis(u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// What the spec asks for that flux-rs does not do ([`Kustomization::unsupported`]).
fn unsupported(ks: &Kustomization) -> Option<String> {
    ks.unsupported()
}

/// Why a revision was not built.
enum NotBuilt {
    /// Its artifact could not be had (`ArtifactFailed`): the revision was not attempted.
    Artifact(Stop),
    /// Substitution variables, decryption keys or the build failed (`BuildFailed`): the
    /// revision was attempted.
    Build(Stop),
}

/// A checked-out tree: a temporary directory (removed when dropped) or a cached one.
enum Checkout {
    Temporary(tempfile::TempDir),
    Cached(PathBuf),
}

impl Checkout {
    fn path(&self) -> &Path {
        match self {
            Checkout::Temporary(d) => d.path(),
            Checkout::Cached(p) => p,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn digests_are_stable_and_distinguish_sets() {
        let a = vec![json!({"kind": "ConfigMap", "metadata": {"name": "a"}})];
        let b = vec![json!({"kind": "ConfigMap", "metadata": {"name": "b"}})];
        assert_eq!(digest(&a), digest(&a.clone()));
        assert_ne!(digest(&a), digest(&b));
        assert!(digest(&a).starts_with("sha256:"));
        assert_eq!(digest(&a).len(), "sha256:".len() + 64);
    }

    #[test]
    fn fields_flux_rs_cannot_honour_stall_naming_them() {
        let with = |field: &str, value: Value| -> Kustomization {
            let mut spec =
                json!({"interval": "1m", "prune": true, "sourceRef": {"kind": "GitRepository", "name": "r"}});
            spec[field] = value;
            serde_json::from_value(json!({
                "apiVersion": "kustomize.toolkit.fluxcd.io/v1", "kind": "Kustomization",
                "metadata": {"name": "apps", "namespace": "flux-system"},
                "spec": spec,
            }))
            .unwrap()
        };
        let cases = [
            (
                "kubeConfig",
                json!({"configMapRef": {"name": "aks"}}),
                "spec.kubeConfig.configMapRef",
            ),
            ("ignore", json!([{"paths": ["/spec/replicas"]}]), "spec.ignore"),
            (
                "buildMetadata",
                json!(["transformerAnnotations"]),
                "spec.buildMetadata",
            ),
            (
                "healthCheckExprs",
                json!([{"apiVersion": "x/v1", "kind": "X", "current": "true"}]),
                "spec.healthCheckExprs",
            ),
        ];
        for (field, value, named) in cases {
            let message = unsupported(&with(field, value)).unwrap_or_default();
            assert!(message.contains(named), "{field}: {message:?}");
        }
        for (field, value) in [
            ("kubeConfig", json!({"secretRef": {"name": "remote"}})),
            ("buildMetadata", json!(["originAnnotations"])),
            ("postBuild", json!({"substituteStrategy": "Always"})),
        ] {
            assert_eq!(unsupported(&with(field, value)), None, "{field}");
        }
    }

    #[test]
    fn health_checks_default_their_api_version() {
        assert_eq!(default_api_version("Deployment"), "apps/v1");
        assert_eq!(default_api_version("Service"), "v1");
    }
}
