//! One HelmRelease reconciled end to end, as helm-controller reconciles it, with the native
//! Helm engine and Helm's own release storage:
//!
//! ```text
//! suspend? ─► deleted? (uninstall, finalizer) ─► unsupported fields? (Stalled)
//!    ─► dependsOn ready? (DependencyNotReady) ─► acting client (serviceAccountName)
//!    ─► chart artifact (chartRef) ─► valuesFrom + values ─► render (helm_render)
//!    ─► release records (helm::storage) ─► in sync? (chart, values digest, deployed) ─► no-op
//!    ─► record pending ─► server-side apply ─► delete what the release no longer has
//!    ─► wait (health) ─► record deployed/failed, supersede, maxHistory ─► status + Events
//! ```
//!
//! Release records and the release's objects are read and written with the acting client
//! (impersonating `spec.serviceAccountName`, as helm-controller runs the whole Helm action);
//! the HelmRelease itself, its events, chart sources and `valuesFrom` with the engine's own.
//!
//! The engine never prints. A release it makes is one Helm's tools read (`helm list`,
//! `history`, `get values`), and it upgrades releases Helm made.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use k8s_openapi::api::core::v1::Secret;
use kube::api::{Api, DeleteParams, ListParams, Patch, PatchParams, PostParams};
use serde_json::json;

use kube::{Client, Config};

mod hooks;
mod test_action;

use super::acting::{self, Acting};
use super::dependencies::{self, Readiness};
use super::events::{EventRecorder, EventType};
use super::helm_render::{self, RenderFailure, RenderInput, Rendered, ValuesSource};
use crate::api::FluxObject as _;
use crate::api::helmrelease::{
    self as hr_api, ARTIFACT_FAILED, HelmRelease, HelmReleaseStatus, INIT_FAILED, INSTALL_FAILED,
    INSTALL_SUCCEEDED, RELEASED, ReleaseSnapshot, SOURCE_NOT_READY, UNINSTALL_SUCCEEDED, UNSUPPORTED_FEATURE,
    UPGRADE_FAILED, UPGRADE_SUCCEEDED,
};
use crate::api::meta::{self, Condition, DEPENDENCY_NOT_READY_REASON, READY, RECONCILING, STALLED};
use crate::api::{HelmChart, OCIRepository, kustomize::ResourceInventory};
use crate::apply::{ApplyOptions, ChangeSet, Inventory, Manager, Owner, WaitOptions};
use crate::cluster::{self, ObjectRef, finalizer};
use crate::helm::storage::{self, Record, status as rstatus};
use crate::reconcile::{Outcome, Reconcile, Request};
use crate::source::SourceOptions;

mod drift;
mod remediation;
pub mod render;
mod rollback;
mod shaping;
mod upgrade_options;

/// Field manager of applies and status writes, and the component of events: helm-controller's.
pub const FIELD_MANAGER: &str = "helm-controller";
/// Labels helm-controller puts on a release's objects.
pub const NAME_LABEL: &str = "helm.toolkit.fluxcd.io/name";
/// See [`NAME_LABEL`].
pub const NAMESPACE_LABEL: &str = "helm.toolkit.fluxcd.io/namespace";
/// Media type of a Helm chart layer.
pub const CHART_LAYER_MEDIA_TYPE: &str = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";

/// How the engine works.
#[derive(Clone, Debug)]
pub struct HelmOptions {
    /// How often objects are read while waiting.
    pub health_interval: Duration,
    /// How often CRDs and Namespaces of the first apply stages are polled.
    pub poll_interval: Duration,
    /// Write Kubernetes Events.
    pub events: bool,
    /// Add the `finalizers.fluxcd.io` finalizer (so deleting the object uninstalls the
    /// release), as helm-controller does.
    pub finalizer: bool,
}

impl Default for HelmOptions {
    fn default() -> Self {
        HelmOptions {
            health_interval: Duration::from_secs(2),
            poll_interval: Duration::from_millis(500),
            events: true,
            finalizer: true,
        }
    }
}

/// Reconciles HelmReleases.
#[derive(Clone)]
pub struct HelmEngine {
    client: Client,
    config: Config,
    source: SourceOptions,
    options: HelmOptions,
    recorder: EventRecorder,
}

/// What one reconciliation did.
#[derive(Clone, Debug)]
pub struct HelmReport {
    /// How it ended.
    pub outcome: Outcome,
    /// `install` or `upgrade` when one ran; `None` when the release was in sync.
    pub action: Option<&'static str>,
    /// The release revision current at the end.
    pub release_version: Option<i64>,
    /// The chart version reconciled.
    pub chart_version: Option<String>,
    /// What the apply and the deletions did.
    pub changes: ChangeSet,
    /// The status as written last.
    pub status: Option<HelmReleaseStatus>,
    /// The drift found in the cluster while the release was in sync
    /// (`spec.driftDetection`), one line per object; `None` when there was none.
    pub drift: Option<String>,
}

/// Why a reconciliation stopped.
#[derive(Debug)]
struct Stop {
    reason: &'static str,
    message: String,
    stalled: bool,
    released: bool,
    /// `Stalled` with this reason and message rather than `Ready`'s.
    stall: Option<(&'static str, String)>,
    /// The events are written already.
    quiet: bool,
}

impl Stop {
    fn failed(reason: &'static str, message: impl Into<String>) -> Self {
        Stop {
            reason,
            message: message.into(),
            stalled: false,
            released: false,
            stall: None,
            quiet: false,
        }
    }
    fn stalled(reason: &'static str, message: impl Into<String>) -> Self {
        Stop {
            stalled: true,
            ..Stop::failed(reason, message)
        }
    }
    /// A failure of the release action itself (also recorded as `Released=False`).
    fn release(reason: &'static str, message: impl Into<String>) -> Self {
        Stop {
            released: true,
            ..Stop::failed(reason, message)
        }
    }
}

impl HelmEngine {
    /// An engine reading and writing with `client`, reading chart artifacts through `source`;
    /// `config` is the same identity's configuration, from which the clients impersonating
    /// `spec.serviceAccountName` are made.
    pub fn new(client: Client, config: Config, source: SourceOptions, options: HelmOptions) -> Self {
        let recorder = EventRecorder::new(client.clone(), FIELD_MANAGER).with_sink(source.event_sink.clone());
        HelmEngine {
            client,
            config,
            source,
            options,
            recorder,
        }
    }

    /// Reconciles `hr` once and writes its status and events. A suspended HelmRelease is
    /// left alone; one being deleted is uninstalled and its finalizer removed.
    pub async fn reconcile(&self, hr: &HelmRelease, request: &Request) -> HelmReport {
        let mut run = Run::new(self, hr, request);
        if hr.metadata.deletion_timestamp.is_some() {
            return Box::pin(run.finalize()).await;
        }
        if hr.spec.suspend {
            return run.report(Outcome::Stalled {
                reason: meta::SUSPENDED_REASON.into(),
                message: "resource is suspended".into(),
            });
        }
        // Boxed: the actions make a large future, which every caller would carry.
        match Box::pin(run.execute()).await {
            Ok(()) => run.report(Outcome::Succeeded),
            Err(stop) => Box::pin(run.stop(stop)).await,
        }
    }

    /// Uninstalls the release of `hr` with the client acting for it: deletes the objects of
    /// its current revision and every release record. Returns what was deleted. When the
    /// service account it names no longer exists, the release is left in place (as
    /// kustomize-controller leaves a Kustomization's objects).
    pub async fn uninstall(&self, hr: &HelmRelease) -> Result<ChangeSet, String> {
        let acting = match Box::pin(acting::client_for(&self.client, &self.config, hr)).await {
            Ok(Acting::Client(c)) => c,
            Ok(Acting::Gone(why)) => {
                tracing::warn!(namespace = %hr.own_namespace(), name = ?hr.metadata.name,
                    "leaving the release in place: {why}");
                delete_template_chart(&self.client, hr).await?;
                return Ok(ChangeSet::default());
            }
            Err(e) => return Err(e.to_string()),
        };
        let records = records_with(&acting, hr.storage_namespace(), &hr.release_name()).await?;
        let changes = remediation::uninstall_release(self, &acting, hr, &records).await?;
        delete_template_chart(&self.client, hr).await?;
        Ok(changes)
    }

    /// The release records of `name` in `namespace`, oldest first. A record that cannot be
    /// read is an error naming its Secret.
    pub async fn records(&self, namespace: &str, name: &str) -> Result<Vec<Record>, String> {
        records_with(&self.client, namespace, name).await
    }
}

/// The release records of `name` in `namespace` read with `client`, oldest first.
async fn records_with(client: &Client, namespace: &str, name: &str) -> Result<Vec<Record>, String> {
    let api = secrets_api(client, namespace);
    let lp = ListParams::default().labels(&format!("owner=helm,name={name}"));
    let list = cluster::retry(|| api.list(&lp)).await.map_err(|e| {
        format!(
            "cannot list the release records of {namespace}/{name}: {}",
            cluster::describe(&e)
        )
    })?;
    let mut out = Vec::new();
    for s in &list.items {
        if s.type_.as_deref() != Some(storage::SECRET_TYPE) {
            continue;
        }
        let v = serde_json::to_value(s).map_err(|e| e.to_string())?;
        out.push(storage::from_secret(&v).map_err(|e| e.to_string())?);
    }
    out.sort_by_key(|r| r.version);
    Ok(out)
}

/// The engine as the controller's [`Reconcile`] seam for HelmReleases: each call reconciles
/// the object (uninstalling it when it is being deleted), logs what it changed, and returns
/// the outcome the controller schedules by ([`controller_outcome`]). A chart source without
/// an artifact yet is retried after `source_retry`.
pub fn reconciler(engine: Arc<HelmEngine>, source_retry: Duration) -> impl Reconcile<HelmRelease> {
    move |hr: Arc<HelmRelease>, request: Request| {
        let engine = engine.clone();
        async move {
            let report = engine.reconcile(&hr, &request).await;
            let changed: Vec<String> = report
                .changes
                .entries
                .iter()
                .filter(|e| {
                    matches!(
                        e.action,
                        crate::apply::Action::Created
                            | crate::apply::Action::Configured
                            | crate::apply::Action::Deleted
                    )
                })
                .map(ToString::to_string)
                .collect();
            if !changed.is_empty() {
                tracing::info!(kind = "HelmRelease", namespace = %hr.own_namespace(),
                    name = %hr.metadata.name.as_deref().unwrap_or_default(),
                    action = report.action.unwrap_or(if hr.metadata.deletion_timestamp.is_some() {
                        "uninstall"
                    } else {
                        "correct cluster drift"
                    }),
                    revision = ?report.release_version, "{}", changed.join(", "));
            }
            controller_outcome(&report, source_retry)
        }
    }
}

/// What a reconciliation's report means for the controller: a chart source that is not
/// ready (missing, no artifact yet) or a dependency not ready is waited for
/// ([`Outcome::Retry`] after `source_retry`, the controller's `--requeue-dependency`;
/// not a failure); everything else as the engine reported it (invalid specs and
/// `UnsupportedFeature` are already [`Outcome::Stalled`]).
pub fn controller_outcome(report: &HelmReport, source_retry: Duration) -> Outcome {
    match &report.outcome {
        Outcome::Failed { reason, message }
            if reason == SOURCE_NOT_READY || reason == DEPENDENCY_NOT_READY_REASON =>
        {
            Outcome::Retry {
                after: source_retry,
                message: message.clone(),
            }
        }
        other => other.clone(),
    }
}

fn secrets_api(client: &Client, namespace: &str) -> Api<Secret> {
    Api::namespaced(client.clone(), namespace)
}

/// Who applies a HelmRelease's objects: helm-controller's field manager and labels.
pub fn owner(hr: &HelmRelease) -> Owner {
    Owner {
        field_manager: FIELD_MANAGER.to_string(),
        labels: BTreeMap::from([
            (
                NAME_LABEL.to_string(),
                hr.metadata.name.clone().unwrap_or_default(),
            ),
            (NAMESPACE_LABEL.to_string(), hr.own_namespace().to_string()),
        ]),
        conventions: None,
    }
}

/// The newest record (the release's current state).
fn current(records: &[Record]) -> Option<&Record> {
    records.iter().max_by_key(|r| r.version)
}

/// What [`Run::prepare`] found and made.
struct Plan {
    action: &'static str,
    upgrade: bool,
    rendered: Rendered,
    artifact: ChartArtifact,
    records: Vec<Record>,
    cur: Option<Record>,
    storage_ns: String,
    target_ns: String,
    release_name: String,
    timeout: Duration,
}

/// The chart artifact of a HelmRelease: the archive and where it came from.
struct ChartArtifact {
    bytes: Vec<u8>,
    /// The OCI digest of the chart, for the history.
    oci_digest: Option<String>,
}

struct Run<'a> {
    engine: &'a HelmEngine,
    /// Who reads and writes the release (records, objects): the engine's client until
    /// [`Run::acting`] resolved `spec.serviceAccountName`.
    acting: Client,
    hr: &'a HelmRelease,
    request: Request,
    status: HelmReleaseStatus,
    generation: Option<i64>,
    namespace: String,
    name: String,
    start: Instant,
    action: Option<&'static str>,
    release_version: Option<i64>,
    chart_version: Option<String>,
    changes: ChangeSet,
    wrote_status: bool,
    drift: Option<String>,
}

impl<'a> Run<'a> {
    fn new(engine: &'a HelmEngine, hr: &'a HelmRelease, request: &Request) -> Self {
        Run {
            engine,
            acting: engine.client.clone(),
            hr,
            request: request.clone(),
            status: hr.status.clone().unwrap_or_default(),
            generation: hr.metadata.generation,
            namespace: hr.own_namespace().to_string(),
            name: hr.metadata.name.clone().unwrap_or_default(),
            start: Instant::now(),
            action: None,
            release_version: None,
            chart_version: None,
            changes: ChangeSet::default(),
            wrote_status: false,
            drift: None,
        }
    }

    fn report(&self, outcome: Outcome) -> HelmReport {
        HelmReport {
            outcome,
            action: self.action,
            release_version: self.release_version,
            chart_version: self.chart_version.clone(),
            changes: self.changes.clone(),
            status: self.wrote_status.then(|| self.status.clone()),
            drift: self.drift.clone(),
        }
    }

    fn api(&self) -> Api<HelmRelease> {
        Api::namespaced(self.engine.client.clone(), &self.namespace)
    }

    async fn write_status(&mut self) -> Result<(), Stop> {
        let requested = self.request.requested_at.clone().or_else(|| {
            meta::reconcile_requested_at(self.hr.metadata.annotations.as_ref()).map(str::to_string)
        });
        meta::record_reconcile_request(
            &mut self.status.last_handled_reconcile_at,
            requested
                .as_ref()
                .map(|r| BTreeMap::from([(meta::RECONCILE_REQUESTED_AT.to_string(), r.clone())]))
                .as_ref(),
        );
        let patch = Patch::Merge(json!({ "status": remediation::status_patch(&self.status) }));
        let params = PatchParams {
            field_manager: Some(FIELD_MANAGER.to_string()),
            ..Default::default()
        };
        let api = self.api();
        cluster::retry(|| api.patch_status(&self.name, &params, &patch))
            .await
            .map_err(|e| {
                Stop::failed(
                    INIT_FAILED,
                    format!("cannot write the status: {}", cluster::describe(&e)),
                )
            })?;
        self.wrote_status = true;
        Ok(())
    }

    async fn event(&self, type_: EventType, reason: &str, message: &str) {
        if !self.engine.options.events {
            return;
        }
        let revision = self.chart_version.as_deref();
        if let Err(e) = self
            .engine
            .recorder
            .publish(self.hr, type_, reason, message, revision)
            .await
        {
            tracing::debug!(error = %cluster::describe(&e), "cannot record an event");
        }
    }

    fn set(&mut self, type_: &str, status: &str, reason: &str, message: &str) {
        let conds = self.status.conditions.get_or_insert_with(Vec::new);
        meta::set_condition(
            conds,
            Condition::new(type_, status, reason, message, self.generation),
        );
    }

    /// `dependsOn`: every HelmRelease it names Ready at its current generation, else
    /// `DependencyNotReady` (retried by the controller after `--requeue-dependency`).
    async fn dependencies(&self) -> Result<(), Stop> {
        if self.hr.spec.depends_on.as_ref().is_none_or(Vec::is_empty) {
            return Ok(());
        }
        let ready = dependencies::release_readiness(&self.engine.client, self.hr, &dependencies::uncached)
            .await
            .map_err(|e| Stop::failed(INIT_FAILED, format!("reading a dependency: {e}")))?;
        match ready {
            Readiness::Ready => Ok(()),
            Readiness::Waiting(why) => Err(Stop::failed(DEPENDENCY_NOT_READY_REASON, why)),
        }
    }

    /// The client acting for the release: impersonating `spec.serviceAccountName` when set.
    async fn acting(&self) -> Result<Client, Stop> {
        match Box::pin(acting::client_for(
            &self.engine.client,
            &self.engine.config,
            self.hr,
        ))
        .await
        {
            Ok(Acting::Client(c)) => Ok(c),
            Ok(Acting::Gone(why)) => Err(Stop::failed(INIT_FAILED, why)),
            Err(e) => Err(Stop::failed(INIT_FAILED, e.to_string())),
        }
    }

    /// Everything before the release action: checks, the chart, the values, the records,
    /// the rendering.
    async fn prepare(&mut self) -> Result<Plan, Stop> {
        self.hr
            .validate()
            .map_err(|e| Stop::stalled(INIT_FAILED, e.to_string()))?;
        let unsupported = self.hr.unsupported();
        if !unsupported.is_empty() {
            return Err(Stop::stalled(
                UNSUPPORTED_FEATURE,
                format!("not supported by flux-rs: {}", unsupported.join(", ")),
            ));
        }
        drift::validate(self.hr.spec.drift_detection.as_ref()).map_err(|e| Stop::stalled(INIT_FAILED, e))?;
        if self.engine.options.finalizer {
            finalizer::add(&self.api(), self.hr).await.map_err(|e| {
                Stop::failed(
                    INIT_FAILED,
                    format!("cannot add the finalizer: {}", cluster::describe(&e)),
                )
            })?;
        }
        // Boxed: reading a kubeconfig Secret makes a large future.
        Box::pin(self.dependencies()).await?;
        self.acting = Box::pin(self.acting()).await?;
        let artifact = self.chart_artifact().await?;
        let values_from = render::values_from(&self.engine.client, self.hr).await?;
        let release_name = self.hr.release_name();
        let storage_ns = self.hr.storage_namespace().to_string();
        let target_ns = self.hr.target_namespace().to_string();
        let records = records_with(&self.acting, &storage_ns, &release_name)
            .await
            .map_err(|e| Stop::failed(INIT_FAILED, e))?;
        let cur = current(&records).cloned();
        let upgrade = render::is_upgrade(cur.as_ref());
        let timeout = self
            .hr
            .action_timeout(upgrade)
            .map_err(|e| Stop::stalled(INIT_FAILED, format!("timeout: {e}")))?;
        let input = render::render_input(self.hr, artifact.bytes.clone(), values_from, cur.as_ref());
        let rendered = helm_render::render(input).await;
        let action = if upgrade { "upgrade" } else { "install" };
        let rendered = match rendered {
            Ok(r) => r,
            Err(RenderFailure::Values(m)) => return Err(Stop::failed(INIT_FAILED, m)),
            Err(RenderFailure::Chart(m)) => return Err(Stop::failed(ARTIFACT_FAILED, m)),
            Err(RenderFailure::Render(m)) => {
                self.record_attempt(action, None, &artifact);
                return Err(self.action_failure(action, &release_name, None, &m));
            }
        };
        self.chart_version = Some(rendered.chart_version.clone());
        self.status.storage_namespace = Some(storage_ns.clone());
        Ok(Plan {
            action,
            upgrade,
            rendered,
            artifact,
            records,
            cur,
            storage_ns,
            target_ns,
            release_name,
            timeout,
        })
    }

    async fn execute(&mut self) -> Result<(), Stop> {
        let plan = self.prepare().await?;
        let annotations = self.hr.metadata.annotations.as_ref();
        // `reconcile hr --reset`: the failure counters start again (a stalled release retries).
        if let Some(at) = meta::request_to_handle(
            annotations,
            meta::RECONCILE_RESET_AT,
            self.status.last_handled_reset_at.as_deref(),
        ) {
            remediation::clear_failures(&mut self.status);
            self.status.last_handled_reset_at = Some(at.to_string());
        }
        // `reconcile hr --force`: a one-off install or upgrade, in sync or not, remediation
        // state aside.
        let forced = meta::request_to_handle(
            annotations,
            meta::RECONCILE_FORCE_AT,
            self.status.last_handled_force_at.as_deref(),
        );
        if let Some(at) = forced {
            self.status.last_handled_force_at = Some(at.to_string());
            return self.release(plan).await;
        }
        let in_sync = plan
            .cur
            .as_ref()
            .is_some_and(|c| self.in_sync(c, &plan.rendered, &plan.artifact));
        let (version, digest) = (&plan.rendered.chart_version, &plan.rendered.config_digest);
        if let Some(stop) = self
            .remediation_first(&plan.records, version, digest, in_sync)
            .await
        {
            return Err(stop);
        }
        if let Some(c) = &plan.cur
            && in_sync
        {
            let c = c.clone();
            self.in_sync_status(&c, &plan).await?;
            return self.test_in_sync(&c, &plan.storage_ns).await?.into_result();
        }
        self.release(plan).await
    }

    /// The release is what the spec asks for: nothing to do but say so.
    async fn in_sync_status(&mut self, c: &Record, plan: &Plan) -> Result<(), Stop> {
        self.release_version = Some(c.version);
        Box::pin(self.detect_drift(c, plan)).await?;
        self.record_attempt_digest(&plan.rendered, &plan.artifact);
        shaping::observe_post_render(self.hr, &mut self.status);
        self.status.observed_generation = self.generation;
        self.status.last_attempted_generation = self.generation;
        let message = self.success_message(c, action_of_record(c), &plan.rendered);
        let reason = if action_of_record(c) == "upgrade" {
            UPGRADE_SUCCEEDED
        } else {
            INSTALL_SUCCEEDED
        };
        self.set(RELEASED, "True", reason, &message);
        self.set(READY, "True", reason, &message);
        self.clear_progress();
        self.write_status().await?;
        Ok(())
    }

    /// Installs or upgrades: records the pending release, applies, waits, records the outcome.
    async fn release(&mut self, plan: Plan) -> Result<(), Stop> {
        let Plan {
            action,
            upgrade,
            rendered,
            artifact,
            records,
            cur,
            storage_ns,
            target_ns,
            release_name,
            timeout,
        } = plan;
        self.action = Some(action);
        self.record_attempt(action, Some(&rendered), &artifact);
        self.set(
            RECONCILING,
            "True",
            meta::PROGRESSING_REASON,
            &format!(
                "Running '{action}' action with timeout of {}",
                crate::duration::format(timeout)
            ),
        );
        self.set(
            READY,
            "Unknown",
            meta::PROGRESSING_REASON,
            &format!("Running '{action}' action"),
        );
        self.write_status().await?;

        let version = records.iter().map(|r| r.version).max().unwrap_or(0) + 1;
        self.release_version = Some(version);
        let now = now_go();
        let first = match &cur {
            Some(c) if upgrade => c.info.first_deployed.clone(),
            _ => now.clone(),
        };
        let mut record = Record {
            name: release_name.clone(),
            info: storage::Info {
                first_deployed: first,
                last_deployed: now,
                description: format!("Initial {action}"),
                status: if upgrade {
                    rstatus::PENDING_UPGRADE.into()
                } else {
                    rstatus::PENDING_INSTALL.into()
                },
                notes: rendered.notes.clone(),
                ..storage::Info::default()
            },
            chart: rendered.chart_json.clone(),
            config: rendered.config.clone(),
            manifest: rendered.manifest.clone(),
            hooks: crate::helm::hooks::to_values(&rendered.hooks),
            version,
            namespace: target_ns.clone(),
            apply_method: "ssa".into(),
            ..Record::default()
        };
        self.create_record(&storage_ns, &record).await?;
        if let Some(c) = self.status.conditions.as_mut() {
            meta::remove_condition(c, hr_api::REMEDIATED);
        }

        let previous = cur.as_ref().filter(|_| upgrade);
        let mark = self.changes.entries.len();
        let result = self
            .perform_release(&rendered, &mut record, &storage_ns, previous, upgrade, timeout)
            .await;
        if let Err(message) = result {
            record.info.status = rstatus::FAILED.into();
            record.info.description = format!("{} failed: {message}", capitalized(action));
            self.update_record(&storage_ns, &record).await?;
            self.push_history(&record, &rendered, &artifact, action);
            let failure = self.action_failure(action, &release_name, Some(version), &message);
            let attempt = ChangeSet {
                entries: self.changes.entries[mark..].to_vec(),
            };
            let mut records = records;
            records.push(record);
            return Err(self.remediation_after(failure, &records, upgrade, &attempt).await);
        }
        record.info.status = rstatus::DEPLOYED.into();
        record.info.description = if upgrade {
            "Upgrade complete".into()
        } else {
            "Install complete".into()
        };
        self.update_record(&storage_ns, &record).await?;
        for old in records.iter().filter(|r| r.info.status == rstatus::DEPLOYED) {
            let mut o = old.clone();
            o.info.status = rstatus::SUPERSEDED.into();
            self.update_record(&storage_ns, &o).await?;
        }
        self.prune_history(&storage_ns, &records, version).await?;
        self.push_history(&record, &rendered, &artifact, action);
        let message = self.success_message(&record, action, &rendered);
        let reason = if upgrade {
            UPGRADE_SUCCEEDED
        } else {
            INSTALL_SUCCEEDED
        };
        self.status.failures = None;
        self.status.install_failures = None;
        self.status.upgrade_failures = None;
        shaping::observe_post_render(self.hr, &mut self.status);
        self.status.observed_generation = self.generation;
        self.status.last_attempted_release_action_duration =
            Some(crate::duration::format(self.start.elapsed()));
        self.set(RELEASED, "True", reason, &message);
        self.set(READY, "True", reason, &message);
        self.clear_progress();
        self.write_status().await?;
        self.event(EventType::Normal, reason, &message).await;
        // The test action: its outcome is where remediation of failed tests plugs in.
        self.test_release(&mut record, &storage_ns).await?.into_result()
    }

    fn disable_hooks(&self, upgrade: bool) -> bool {
        if upgrade {
            self.hr.spec.upgrade.as_ref().is_some_and(|u| u.disable_hooks)
        } else {
            self.hr.spec.install.as_ref().is_some_and(|i| i.disable_hooks)
        }
    }

    fn disable_wait(&self, upgrade: bool) -> bool {
        if upgrade {
            self.hr.spec.upgrade.as_ref().is_some_and(|u| u.disable_wait)
        } else {
            self.hr.spec.install.as_ref().is_some_and(|i| i.disable_wait)
        }
    }

    /// Whether the current release already is what the spec asks for: deployed, the same
    /// chart (name, version, and OCI digest when known), the same values, the same
    /// post-renderers and common metadata.
    fn in_sync(&self, cur: &Record, rendered: &Rendered, artifact: &ChartArtifact) -> bool {
        if cur.info.status != rstatus::DEPLOYED
            || cur.chart_name() != rendered.chart_name
            || cur.chart_version() != rendered.chart_version
            || helm_render::config_digest(&cur.config) != rendered.config_digest
            || shaping::post_render_changed(self.hr, &self.status)
        {
            return false;
        }
        let last = self.status.history.as_ref().and_then(|h| h.first());
        match (last, &artifact.oci_digest) {
            (Some(snap), Some(d)) if snap.version == cur.version => {
                snap.oci_digest.as_deref().is_none_or(|o| o == d)
            }
            _ => true,
        }
    }

    fn record_attempt_digest(&mut self, rendered: &Rendered, artifact: &ChartArtifact) {
        self.status.last_attempted_revision = Some(rendered.chart_version.clone());
        self.status
            .last_attempted_revision_digest
            .clone_from(&artifact.oci_digest);
        self.status.last_attempted_config_digest = Some(rendered.config_digest.clone());
    }

    fn record_attempt(
        &mut self,
        action: &'static str,
        rendered: Option<&Rendered>,
        artifact: &ChartArtifact,
    ) {
        if let Some(r) = rendered {
            self.record_attempt_digest(r, artifact);
        }
        self.status.last_attempted_release_action = Some(action.to_string());
        self.status.last_attempted_generation = self.generation;
    }

    fn action_failure(&mut self, action: &str, release: &str, version: Option<i64>, message: &str) -> Stop {
        let (reason, counter) = if action == "upgrade" {
            (UPGRADE_FAILED, &mut self.status.upgrade_failures)
        } else {
            (INSTALL_FAILED, &mut self.status.install_failures)
        };
        // Counted when a release was recorded (upstream counts failed releases, not charts
        // that do not render).
        if version.is_some() {
            *counter = Some(counter.unwrap_or(0) + 1);
        }
        let target = match version {
            Some(v) => format!("{}/{release}.v{v}", self.hr.storage_namespace()),
            None => format!("{}/{release}", self.hr.storage_namespace()),
        };
        let chart = self.chart_version.as_deref().unwrap_or("?");
        Stop::release(
            reason,
            format!("Helm {action} failed for release {target} with chart version {chart}: {message}"),
        )
    }

    fn success_message(&self, rec: &Record, action: &str, rendered: &Rendered) -> String {
        format!(
            "Helm {action} succeeded for release {}/{}.v{} with chart {}@{}",
            self.hr.storage_namespace(),
            rec.name,
            rec.version,
            rendered.chart_name,
            rendered.chart_version
        )
    }

    fn clear_progress(&mut self) {
        if let Some(c) = self.status.conditions.as_mut() {
            meta::remove_condition(c, RECONCILING);
            meta::remove_condition(c, STALLED);
            // Released again: a past remediation no longer describes the release.
            meta::remove_condition(c, hr_api::REMEDIATED);
        }
    }

    /// Applies the rendered objects, deletes those the previous revision had and this one
    /// has not, and waits for them (unless `disableWait`).
    async fn apply_and_wait(
        &mut self,
        rendered: &Rendered,
        previous: Option<&Record>,
        upgrade: bool,
        timeout: Duration,
    ) -> Result<(), String> {
        let manager = Manager::new(self.acting.clone(), owner(self.hr));
        if !upgrade && self.hr.spec.install.as_ref().is_some_and(|i| i.create_namespace) {
            let ns = json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": self.hr.target_namespace()}});
            let opts = self.apply_options(timeout);
            let cs = manager
                .apply_all_staged(vec![ns], &opts)
                .await
                .map_err(|e| e.to_string())?;
            self.changes.extend(cs);
        }
        let mut opts = self.apply_options(timeout);
        let policy = shaping::crd_policy(self.hr, upgrade)?;
        let crds = shaping::apply_crds(&self.acting, &manager, &rendered.crds, policy, &opts).await?;
        self.changes.extend(crds);
        opts.force = upgrade_options::force(self.hr, upgrade);
        let inventory = self
            .apply_bounded(&manager, rendered.objects.clone(), &opts, timeout)
            .await?;
        if let Some(prev) = previous {
            self.delete_dropped(&manager, prev, &inventory).await?;
        }
        if !self.disable_wait(upgrade) {
            let skip_jobs = if upgrade {
                self.hr
                    .spec
                    .upgrade
                    .as_ref()
                    .is_some_and(|u| u.disable_wait_for_jobs)
            } else {
                self.hr
                    .spec
                    .install
                    .as_ref()
                    .is_some_and(|i| i.disable_wait_for_jobs)
            };
            let checks = wait_targets(&inventory.objects, skip_jobs);
            let wait = WaitOptions {
                timeout,
                interval: self.engine.options.health_interval,
                fail_fast: false,
            };
            manager
                .wait_for_health(&checks, &wait)
                .await
                .map_err(|e| e.to_string())?;
        }
        Ok(())
    }

    /// Applies `objects` within `timeout`, adds what was applied to the changes (also when
    /// the apply failed part way), records the result as `status.inventory`, and returns it.
    async fn apply_bounded(
        &mut self,
        manager: &Manager,
        objects: Vec<serde_json::Value>,
        opts: &ApplyOptions,
        timeout: Duration,
    ) -> Result<Inventory, String> {
        let applied = match tokio::time::timeout(timeout, manager.apply_all_staged(objects, opts)).await {
            Err(_) => {
                return Err(format!(
                    "apply did not finish within {}",
                    crate::duration::format(timeout)
                ));
            }
            Ok(Err(e)) => {
                if let Some(partial) = e.applied() {
                    self.changes.extend(partial.clone());
                }
                return Err(e.to_string());
            }
            Ok(Ok(cs)) => cs,
        };
        self.changes.extend(applied.clone());
        let inventory = Inventory::from_change_set(&applied);
        self.status.inventory = Some(ResourceInventory {
            entries: crate::engine::status::inventory_status(&inventory).entries,
        });
        Ok(inventory)
    }

    /// Deletes the objects of `previous` (a release record) that `now` no longer has.
    async fn delete_dropped(
        &mut self,
        manager: &Manager,
        previous: &Record,
        now: &Inventory,
    ) -> Result<(), String> {
        let gone: Vec<ObjectRef> = helm_render::manifest_objects(&previous.manifest, &previous.namespace)?
            .into_iter()
            .filter(|o| {
                !now.objects.iter().any(|n| {
                    n.group_kind() == o.group_kind() && n.namespace == o.namespace && n.name == o.name
                })
            })
            .collect();
        if !gone.is_empty() {
            let deleted = manager.delete_all(&gone).await.map_err(|e| e.to_string())?;
            self.changes.extend(deleted);
        }
        Ok(())
    }

    fn apply_options(&self, timeout: Duration) -> ApplyOptions {
        ApplyOptions {
            force: false,
            wait_timeout: timeout,
            poll_interval: self.engine.options.poll_interval,
        }
    }

    async fn create_record(&self, namespace: &str, record: &Record) -> Result<(), Stop> {
        let secret = storage::secret(record, namespace, Some(chrono::Utc::now().timestamp()), None)
            .map_err(|e| Stop::failed(INIT_FAILED, e.to_string()))?;
        let secret: Secret =
            serde_json::from_value(secret).map_err(|e| Stop::failed(INIT_FAILED, e.to_string()))?;
        let api = secrets_api(&self.acting, namespace);
        let pp = PostParams::default();
        cluster::retry(|| api.create(&pp, &secret)).await.map_err(|e| {
            Stop::release(
                INSTALL_FAILED,
                format!(
                    "cannot create the release record Secret/{namespace}/{}: {}",
                    storage::secret_name(&record.name, record.version),
                    cluster::describe(&e)
                ),
            )
        })?;
        Ok(())
    }

    async fn update_record(&self, namespace: &str, record: &Record) -> Result<(), Stop> {
        remediation::write_record(&self.acting, namespace, record)
            .await
            .map_err(|m| Stop::failed(INIT_FAILED, m))
    }

    /// Deletes the oldest records beyond `maxHistory` (0 keeps them all), as Helm does.
    async fn prune_history(&self, namespace: &str, before: &[Record], new_version: i64) -> Result<(), Stop> {
        let max = self.hr.max_history();
        if max <= 0 {
            return Ok(());
        }
        let mut versions: Vec<i64> = before.iter().map(|r| r.version).collect();
        versions.push(new_version);
        versions.sort_unstable();
        let excess = versions
            .len()
            .saturating_sub(usize::try_from(max).unwrap_or(usize::MAX));
        let api = secrets_api(&self.acting, namespace);
        for v in versions.into_iter().take(excess) {
            let name = storage::secret_name(&self.hr.release_name(), v);
            match api.delete(&name, &DeleteParams::default()).await {
                Ok(_) => {}
                Err(e) if cluster::is_not_found(&e) => {}
                Err(e) => {
                    return Err(Stop::failed(
                        INIT_FAILED,
                        format!(
                            "cannot delete the release record Secret/{namespace}/{name}: {}",
                            cluster::describe(&e)
                        ),
                    ));
                }
            }
        }
        Ok(())
    }

    fn push_history(&mut self, record: &Record, rendered: &Rendered, artifact: &ChartArtifact, action: &str) {
        use sha2::Digest as _;
        let digest = format!(
            "sha256:{:x}",
            sha2::Sha256::digest(serde_json::to_vec(record).unwrap_or_default())
        );
        let snap = ReleaseSnapshot {
            api_version: Some("v2".into()),
            digest,
            name: record.name.clone(),
            namespace: record.namespace.clone(),
            version: record.version,
            status: record.info.status.clone(),
            chart_name: rendered.chart_name.clone(),
            chart_version: rendered.chart_version.clone(),
            app_version: Some(rendered.app_version.clone()).filter(|a| !a.is_empty()),
            config_digest: rendered.config_digest.clone(),
            first_deployed: go_to_rfc3339(&record.info.first_deployed),
            last_deployed: go_to_rfc3339(&record.info.last_deployed),
            deleted: None,
            test_hooks: None,
            oci_digest: artifact.oci_digest.clone(),
            action: Some(action.to_string()),
        };
        let history = self.status.history.get_or_insert_with(Vec::new);
        for h in history.iter_mut() {
            if h.status == rstatus::DEPLOYED && snap.status == rstatus::DEPLOYED {
                h.status = rstatus::SUPERSEDED.into();
            }
        }
        history.insert(0, snap);
        let keep = usize::try_from(self.hr.max_history()).unwrap_or(0).max(1);
        if self.hr.max_history() > 0 {
            history.truncate(keep);
        }
        self.status.last_release_revision = Some(record.version);
    }

    /// The chart archive of `spec.chartRef`, resolved by the kind of its source.
    async fn chart_artifact(&mut self) -> Result<ChartArtifact, Stop> {
        if let Some(template) = self.hr.spec.chart.clone() {
            let chart = template_chart(self.hr, &template, &self.engine.client).await?;
            self.status.helm_chart = Some(format!(
                "{}/{}",
                chart.metadata.namespace.as_deref().unwrap_or_default(),
                chart.metadata.name.as_deref().unwrap_or_default()
            ));
            return chart_artifact_of(&self.engine.client, &self.engine.source, &chart, true).await;
        }
        let Some(r) = self.hr.spec.chart_ref.clone() else {
            return Err(Stop::stalled(
                ARTIFACT_FAILED,
                "the HelmRelease names no chart: set spec.chart or spec.chartRef",
            ));
        };
        if self.status.helm_chart.is_some() {
            // The chart moved from spec.chart to spec.chartRef: the HelmChart the template
            // made goes, as helm-controller deletes it.
            delete_template_chart(&self.engine.client, self.hr)
                .await
                .map_err(|e| Stop::failed(ARTIFACT_FAILED, e))?;
            self.status.helm_chart = None;
        }
        let ns = r
            .namespace
            .clone()
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| self.namespace.clone());
        resolve_chart(&self.engine.client, &self.engine.source, &r.kind, &ns, &r.name).await
    }

    /// Uninstalls on deletion and removes the finalizer.
    async fn finalize(&mut self) -> HelmReport {
        if !finalizer::has(self.hr) {
            return self.report(Outcome::Succeeded);
        }
        if !self.hr.spec.suspend {
            match self.engine.uninstall(self.hr).await {
                Ok(cs) => {
                    self.changes.extend(cs);
                    let msg = format!(
                        "Helm uninstall succeeded for release {}/{}",
                        self.hr.storage_namespace(),
                        self.hr.release_name()
                    );
                    self.event(EventType::Normal, UNINSTALL_SUCCEEDED, &msg).await;
                }
                Err(e) => {
                    let msg = format!("Helm uninstall failed: {e}");
                    self.event(EventType::Warning, hr_api::UNINSTALL_FAILED, &msg)
                        .await;
                    return self.report(Outcome::failed(hr_api::UNINSTALL_FAILED, msg));
                }
            }
        }
        if let Err(e) = finalizer::remove(&self.api(), self.hr).await {
            return self.report(Outcome::failed(
                hr_api::UNINSTALL_FAILED,
                format!("cannot remove the finalizer: {}", cluster::describe(&e)),
            ));
        }
        self.report(Outcome::Succeeded)
    }

    async fn stop(mut self, stop: Stop) -> HelmReport {
        self.status.observed_generation = self.generation;
        // Waiting on a dependency is not a failure (helm-controller neither counts it nor
        // warns about it).
        let waiting = stop.reason == DEPENDENCY_NOT_READY_REASON;
        if !waiting {
            self.status.failures = Some(self.status.failures.unwrap_or(0) + 1);
        }
        if stop.released {
            self.set(RELEASED, "False", stop.reason, &stop.message);
        }
        self.set(READY, "False", stop.reason, &stop.message);
        if let Some(c) = self.status.conditions.as_mut() {
            meta::remove_condition(c, RECONCILING);
        }
        if stop.stalled {
            let (reason, message) = stop.stall.clone().unwrap_or((stop.reason, stop.message.clone()));
            self.set(STALLED, "True", reason, &message);
        } else if let Some(c) = self.status.conditions.as_mut() {
            // Retried: no longer stalled (a new generation, retries left).
            meta::remove_condition(c, STALLED);
        }
        if let Err(e) = self.write_status().await {
            tracing::warn!(namespace = %self.namespace, name = %self.name, error = %e.message,
                "cannot record the failure in the status");
        }
        let type_ = if waiting {
            EventType::Normal
        } else {
            EventType::Warning
        };
        if !stop.quiet {
            self.event(type_, stop.reason, &stop.message).await;
        }
        let outcome = if stop.stalled {
            let (reason, message) = stop.stall.unwrap_or((stop.reason, stop.message));
            Outcome::Stalled {
                reason: reason.to_string(),
                message,
            }
        } else {
            Outcome::failed(stop.reason, stop.message)
        };
        self.report(outcome)
    }
}

/// The chart archive from the source `kind`/`namespace`/`name`. Only OCIRepository (whose
/// artifact is the chart layer, `operation: copy`) is supported so far; HelmChart and
/// ExternalArtifact stall naming the field.
async fn resolve_chart(
    client: &Client,
    source: &SourceOptions,
    kind: &str,
    namespace: &str,
    name: &str,
) -> Result<ChartArtifact, Stop> {
    match kind {
        "OCIRepository" => {
            let api: Api<OCIRepository> = Api::namespaced(client.clone(), namespace);
            let repo = cluster::retry(|| api.get_opt(name))
                .await
                .map_err(|e| Stop::failed(SOURCE_NOT_READY, cluster::describe(&e)))?
                .ok_or_else(|| {
                    Stop::failed(
                        SOURCE_NOT_READY,
                        format!(
                            "could not get HelmChart object: OCIRepository '{namespace}/{name}' not found"
                        ),
                    )
                })?;
            let Some(artifact) = repo.status.as_ref().and_then(|s| s.artifact.clone()) else {
                return Err(Stop::failed(
                    SOURCE_NOT_READY,
                    format!("OCIRepository '{namespace}/{name}' is not ready: no artifact"),
                ));
            };
            let selector = repo.spec.layer_selector.clone().unwrap_or_default();
            if selector.operation.as_deref() != Some("copy") {
                return Err(Stop::stalled(
                    ARTIFACT_FAILED,
                    format!(
                        "OCIRepository '{namespace}/{name}': spec.layerSelector must select the chart layer ({CHART_LAYER_MEDIA_TYPE}) with operation: copy"
                    ),
                ));
            }
            let (path, digest) =
                crate::source::oci::repository::artifact_file(client, &repo, &artifact.revision, source)
                    .await
                    .map_err(|e| Stop::failed(ARTIFACT_FAILED, e.message))?;
            let bytes = read_checked(&path, Some(&digest)).await?;
            let oci_digest = artifact
                .revision
                .rsplit_once('@')
                .map(|(_, d)| d.to_string())
                .or_else(|| Some(artifact.revision.clone()).filter(|r| r.starts_with("sha256:")));
            Ok(ChartArtifact { bytes, oci_digest })
        }
        "HelmChart" => helm_chart_artifact(client, source, namespace, name, false).await,
        other => Err(Stop::stalled(
            UNSUPPORTED_FEATURE,
            format!(
                "not supported by flux-rs: spec.chartRef.kind {other} (only OCIRepository and HelmChart)"
            ),
        )),
    }
}

/// The HelmChart of `spec.chart`, as helm-controller makes it: `<namespace>-<name>` of the
/// HelmRelease, in the source's namespace, with the template's spec (interval: the
/// template's, else the HelmRelease's) and labels naming the HelmRelease; written with
/// server-side apply (manager `helm-controller`) so it follows the template. Returns the
/// HelmChart as the cluster holds it (read once: the artifact is taken from it).
async fn template_chart(
    hr: &HelmRelease,
    template: &hr_api::HelmChartTemplate,
    client: &Client,
) -> Result<HelmChart, Stop> {
    let (ns, name, obj) = template_chart_object(hr, template);
    let api: Api<HelmChart> = Api::namespaced(client.clone(), &ns);
    let existing = cluster::retry(|| api.get_opt(&name)).await.map_err(|e| {
        Stop::failed(
            ARTIFACT_FAILED,
            format!("HelmChart '{ns}/{name}': {}", cluster::describe(&e)),
        )
    })?;
    if let Some(c) = existing.filter(|c| template_applied(&obj, c)) {
        return Ok(c);
    }
    let params = PatchParams::apply("helm-controller").force();
    let patch = Patch::Apply(&obj);
    cluster::retry(|| api.patch(&name, &params, &patch))
        .await
        .map_err(|e| {
            Stop::failed(
                ARTIFACT_FAILED,
                format!("HelmChart '{ns}/{name}': {}", cluster::describe(&e)),
            )
        })
}

/// The HelmChart `spec.chart` stands for (namespace, name, object), as [`template_chart`]
/// writes it.
fn template_chart_object(
    hr: &HelmRelease,
    template: &hr_api::HelmChartTemplate,
) -> (String, String, serde_json::Value) {
    let t = &template.spec;
    let hr_ns = hr.own_namespace();
    let hr_name = hr.metadata.name.as_deref().unwrap_or_default();
    let ns = t
        .source_ref
        .namespace
        .clone()
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| hr_ns.to_string());
    let name = format!("{hr_ns}-{hr_name}");
    let interval = t.interval.clone().unwrap_or_else(|| hr.spec.interval.clone());
    let meta = template.metadata.clone().unwrap_or_default();
    let mut labels = meta.labels.unwrap_or_default();
    labels.insert("helm.toolkit.fluxcd.io/name".into(), hr_name.to_string());
    labels.insert("helm.toolkit.fluxcd.io/namespace".into(), hr_ns.to_string());
    let mut spec = json!({
        "chart": t.chart,
        "version": t.version.clone().unwrap_or_else(|| "*".into()),
        "sourceRef": {"kind": t.source_ref.kind, "name": t.source_ref.name},
        "interval": interval,
        "reconcileStrategy": t.reconcile_strategy.clone().unwrap_or_else(|| "ChartVersion".into()),
    });
    if let Some(files) = &t.values_files {
        spec["valuesFiles"] = json!(files);
    }
    if t.ignore_missing_values_files == Some(true) {
        spec["ignoreMissingValuesFiles"] = json!(true);
    }
    let obj = json!({
        "apiVersion": "source.toolkit.fluxcd.io/v1",
        "kind": "HelmChart",
        "metadata": {"name": name, "namespace": ns, "labels": labels, "annotations": meta.annotations},
        "spec": spec,
    });
    (ns, name, obj)
}

/// Whether the HelmChart already holds everything the template would apply: every field of
/// `desired` equal in `existing`, and neither optional spec field present when the template
/// drops it. Then the server-side apply (and its write) is skipped.
fn template_applied(desired: &serde_json::Value, existing: &HelmChart) -> bool {
    let Ok(existing) = serde_json::to_value(existing) else {
        return false;
    };
    let dropped = ["valuesFiles", "ignoreMissingValuesFiles"]
        .iter()
        .any(|f| desired["spec"].get(f).is_none() && existing["spec"].get(f).is_some());
    !dropped && contained(desired, &existing)
}

/// Whether every field of `want` (null meaning absent) is in `have` with the same value.
fn contained(want: &serde_json::Value, have: &serde_json::Value) -> bool {
    match (want, have) {
        (serde_json::Value::Null, _) => true,
        (serde_json::Value::Object(w), serde_json::Value::Object(h)) => w
            .iter()
            .all(|(k, v)| contained(v, h.get(k).unwrap_or(&serde_json::Value::Null))),
        (w, h) => w == h,
    }
}

/// Deletes the HelmChart a HelmRelease's `spec.chart` made (recorded in `status.helmChart`),
/// when the HelmRelease goes or names its chart otherwise.
async fn delete_template_chart(client: &Client, hr: &HelmRelease) -> Result<(), String> {
    let Some((ns, name)) = hr
        .status
        .as_ref()
        .and_then(|s| s.helm_chart.as_deref())
        .and_then(|c| c.split_once('/'))
    else {
        return Ok(());
    };
    let api: Api<HelmChart> = Api::namespaced(client.clone(), ns);
    match api.delete(name, &DeleteParams::default()).await {
        Ok(_) => Ok(()),
        Err(e) if cluster::is_not_found(&e) => Ok(()),
        Err(e) => Err(format!("HelmChart/{ns}/{name}: {}", cluster::describe(&e))),
    }
}

/// The packaged chart of a HelmChart: its stored artifact, or, when this machine does not
/// hold it (the HelmChart was built elsewhere) or, with `build`, when the HelmChart is not
/// ready at its current generation (a template just written), the chart built here by the
/// HelmChart engine (which records it in the HelmChart's status). The artifact digest stands
/// for the chart's content, so a chart whose values files changed under the same version
/// upgrades.
async fn helm_chart_artifact(
    client: &Client,
    source: &SourceOptions,
    namespace: &str,
    name: &str,
    build: bool,
) -> Result<ChartArtifact, Stop> {
    let api: Api<HelmChart> = Api::namespaced(client.clone(), namespace);
    let chart = cluster::retry(|| api.get_opt(name))
        .await
        .map_err(|e| Stop::failed(SOURCE_NOT_READY, cluster::describe(&e)))?
        .ok_or_else(|| {
            Stop::failed(
                SOURCE_NOT_READY,
                format!("could not get HelmChart object: HelmChart '{namespace}/{name}' not found"),
            )
        })?;
    chart_artifact_of(client, source, &chart, build).await
}

/// [`helm_chart_artifact`] of a HelmChart already read.
async fn chart_artifact_of(
    client: &Client,
    source: &SourceOptions,
    chart: &HelmChart,
    build: bool,
) -> Result<ChartArtifact, Stop> {
    let (namespace, name) = (
        chart.metadata.namespace.as_deref().unwrap_or_default(),
        chart.metadata.name.as_deref().unwrap_or_default(),
    );
    let current = chart.status.as_ref().is_some_and(|s| {
        s.observed_generation == chart.metadata.generation
            && meta::find_condition(chart.conditions(), READY).is_some_and(|c| c.status == "True")
    });
    let stored = chart
        .status
        .as_ref()
        .and_then(|s| s.artifact.clone())
        .filter(|_| current || !build)
        .filter(|a| source.storage.path_of(&a.path).is_ok_and(|p| p.is_file()));
    let artifact = match stored {
        Some(a) => a,
        None if !build && chart.status.as_ref().and_then(|s| s.artifact.as_ref()).is_none() => {
            return Err(Stop::failed(
                SOURCE_NOT_READY,
                format!("HelmChart '{namespace}/{name}' is not ready: no artifact"),
            ));
        }
        None => {
            // Boxed: the HelmChart engine's future is large, and every caller would carry it.
            Box::pin(crate::source::helm::chart::reconcile(client, chart, source))
                .await
                .map_err(|e| Stop::failed(ARTIFACT_FAILED, format!("{}: {}", e.object, e.message)))?
                .artifact
        }
    };
    let path = source
        .storage
        .path_of(&artifact.path)
        .map_err(|e| Stop::failed(ARTIFACT_FAILED, e.to_string()))?;
    let bytes = read_checked(&path, artifact.digest.as_deref()).await?;
    Ok(ChartArtifact {
        bytes,
        oci_digest: artifact.digest,
    })
}

/// The bytes of a stored chart archive, checked against its recorded digest.
async fn read_checked(path: &std::path::Path, digest: Option<&str>) -> Result<Vec<u8>, Stop> {
    let bytes = tokio::fs::read(path)
        .await
        .map_err(|e| Stop::failed(ARTIFACT_FAILED, format!("{}: {e}", path.display())))?;
    let actual = format!("sha256:{:x}", <sha2::Sha256 as sha2::Digest>::digest(&bytes));
    if let Some(digest) = digest.filter(|d| *d != actual) {
        return Err(Stop::failed(
            ARTIFACT_FAILED,
            format!(
                "{}: digest {actual} does not match the recorded {digest}",
                path.display()
            ),
        ));
    }
    Ok(bytes)
}

/// The objects an action waits for: all of them, but Jobs with `disableWaitForJobs` (as Helm
/// waits for Jobs to complete only with `--wait-for-jobs`, which helm-controller sets unless
/// `disableWaitForJobs`).
fn wait_targets(objects: &[ObjectRef], skip_jobs: bool) -> Vec<ObjectRef> {
    objects
        .iter()
        .filter(|o| !(skip_jobs && o.group == "batch" && o.kind == "Job"))
        .cloned()
        .collect()
}

fn action_of_record(r: &Record) -> &'static str {
    if r.version > 1 { "upgrade" } else { "install" }
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// Now as Go writes a `time.Time` in JSON (RFC 3339 with nanoseconds, UTC).
fn now_go() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Nanos, true)
}

/// A Go time as `metav1.Time` writes it (seconds).
fn go_to_rfc3339(t: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(t).map_or_else(
        |_| meta::now_rfc3339(),
        |d| {
            d.with_timezone(&chrono::Utc)
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_written_as_go_and_kubernetes_write_them() {
        assert_eq!(
            go_to_rfc3339("2026-12-07T14:29:40.078979093Z"),
            "2026-12-07T14:29:40Z"
        );
        assert!(now_go().ends_with('Z'));
        assert_eq!(capitalized("upgrade"), "Upgrade");
    }

    #[test]
    fn disable_wait_for_jobs_leaves_only_jobs_out_of_the_wait() {
        let obj = |group: &str, kind: &str| ObjectRef {
            group: group.into(),
            version: "v1".into(),
            kind: kind.into(),
            namespace: "apps".into(),
            name: "x".into(),
        };
        let all = [
            obj("batch", "Job"),
            obj("apps", "Deployment"),
            obj("batch", "CronJob"),
        ];
        assert_eq!(wait_targets(&all, false), all);
        assert_eq!(wait_targets(&all, true), [all[1].clone(), all[2].clone()]);
    }

    #[test]
    fn a_template_chart_already_applied_is_not_written_again() {
        let desired = json!({
            "apiVersion": "source.toolkit.fluxcd.io/v1",
            "kind": "HelmChart",
            "metadata": {"name": "apps-web", "namespace": "flux-system",
                "labels": {"helm.toolkit.fluxcd.io/name": "web"}, "annotations": null},
            "spec": {"chart": "web", "version": "1.x", "interval": "5m",
                "sourceRef": {"kind": "HelmRepository", "name": "charts"},
                "reconcileStrategy": "ChartVersion", "valuesFiles": ["values.yaml"]},
        });
        let mut server = desired.clone();
        server["metadata"]["generation"] = json!(3);
        server["metadata"]["labels"]["team"] = json!("a");
        server["status"] = json!({"observedGeneration": 3});
        let chart: HelmChart = serde_json::from_value(server.clone()).unwrap();
        assert!(template_applied(&desired, &chart));

        let mut changed = desired.clone();
        changed["spec"]["version"] = json!("2.x");
        assert!(!template_applied(&changed, &chart));
        let mut dropped = desired.clone();
        dropped["spec"].as_object_mut().unwrap().remove("valuesFiles");
        assert!(!template_applied(&dropped, &chart));
        let mut relabelled = desired;
        relabelled["metadata"]["labels"]["helm.toolkit.fluxcd.io/name"] = json!("other");
        assert!(!template_applied(&relabelled, &chart));
    }

    fn report(outcome: Outcome) -> HelmReport {
        HelmReport {
            outcome,
            action: None,
            release_version: None,
            chart_version: None,
            changes: ChangeSet::default(),
            status: None,
            drift: None,
        }
    }

    #[test]
    fn a_chart_source_not_ready_is_waited_for_and_the_rest_is_kept() {
        let retry = Duration::from_secs(5);
        let waiting = report(Outcome::failed(
            SOURCE_NOT_READY,
            "OCIRepository 'a/b' is not ready",
        ));
        assert_eq!(
            controller_outcome(&waiting, retry),
            Outcome::Retry {
                after: retry,
                message: "OCIRepository 'a/b' is not ready".into()
            }
        );
        let stalled = Outcome::Stalled {
            reason: UNSUPPORTED_FEATURE.into(),
            message: "not supported by flux-rs: spec.test".into(),
        };
        assert_eq!(controller_outcome(&report(stalled.clone()), retry), stalled);
        let failed = Outcome::failed(INSTALL_FAILED, "timed out");
        assert_eq!(controller_outcome(&report(failed.clone()), retry), failed);
        assert_eq!(
            controller_outcome(&report(Outcome::Succeeded), retry),
            Outcome::Succeeded
        );
    }
}
