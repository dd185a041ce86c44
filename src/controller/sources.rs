//! The adapter of every source kind (GitRepository, OCIRepository, HelmRepository, HelmChart) on the
//! reconcile skeleton, written once: the source engine does the work; deleting the object
//! removes its artifacts from storage; after a success, old artifacts beyond the retention
//! count are removed; failures are retried from `--min-retry-delay`. A source kind only says
//! where its engine, failure counter and spec fields are ([`SourceKind`]).

use std::sync::Arc;
use std::time::Duration;

use kube::api::Api;

use super::skeleton::Kind;
use super::{Context, Error, schedule};
use crate::api::{GitRepository, HelmChart, HelmRepository, OCIRepository};
use crate::cluster;
use crate::duration;
use crate::ops::FluxResource;
use crate::reconcile::Reconcile;

/// Upstream's default `spec.timeout` of a source's fetch (Git, registry, index).
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// The interval when `spec.interval` is missing or does not parse.
const DEFAULT_INTERVAL: Duration = Duration::from_secs(60);

/// What the shared source adapter needs of a kind.
pub(super) trait SourceKind: FluxResource {
    /// Failures of objects of this kind in a row.
    fn source_failures(ctx: &Context) -> &schedule::Failures;
    /// The engine fetching this kind.
    fn source_engine(ctx: &Context) -> &Arc<dyn Reconcile<Self>>;
    /// `spec.interval`.
    fn interval_spec(&self) -> Option<&str>;
    /// `spec.timeout`.
    fn timeout_spec(&self) -> Option<&str>;
    /// `status.lastHandledReconcileAt`.
    fn last_handled_at(&self) -> Option<&str>;
    /// `status.artifact.path`.
    fn artifact_path(&self) -> Option<String>;
}

impl SourceKind for GitRepository {
    fn source_failures(ctx: &Context) -> &schedule::Failures {
        &ctx.git_failures
    }
    fn source_engine(ctx: &Context) -> &Arc<dyn Reconcile<Self>> {
        &ctx.reconcilers.git_repository
    }
    fn interval_spec(&self) -> Option<&str> {
        Some(&self.spec.interval)
    }
    fn timeout_spec(&self) -> Option<&str> {
        self.spec.timeout.as_deref()
    }
    fn last_handled_at(&self) -> Option<&str> {
        self.status.as_ref()?.last_handled_reconcile_at.as_deref()
    }
    fn artifact_path(&self) -> Option<String> {
        Some(self.status.as_ref()?.artifact.as_ref()?.path.clone())
    }
}

impl SourceKind for OCIRepository {
    fn source_failures(ctx: &Context) -> &schedule::Failures {
        &ctx.oci_failures
    }
    fn source_engine(ctx: &Context) -> &Arc<dyn Reconcile<Self>> {
        &ctx.reconcilers.oci_repository
    }
    fn interval_spec(&self) -> Option<&str> {
        Some(&self.spec.interval)
    }
    fn timeout_spec(&self) -> Option<&str> {
        self.spec.timeout.as_deref()
    }
    fn last_handled_at(&self) -> Option<&str> {
        self.status.as_ref()?.last_handled_reconcile_at.as_deref()
    }
    fn artifact_path(&self) -> Option<String> {
        Some(self.status.as_ref()?.artifact.as_ref()?.path.clone())
    }
}

impl SourceKind for HelmRepository {
    fn source_failures(ctx: &Context) -> &schedule::Failures {
        &ctx.helm_failures
    }
    fn source_engine(ctx: &Context) -> &Arc<dyn Reconcile<Self>> {
        &ctx.reconcilers.helm_repository
    }
    fn interval_spec(&self) -> Option<&str> {
        self.spec.interval.as_deref()
    }
    fn timeout_spec(&self) -> Option<&str> {
        self.spec.timeout.as_deref()
    }
    fn last_handled_at(&self) -> Option<&str> {
        self.status.as_ref()?.last_handled_reconcile_at.as_deref()
    }
    fn artifact_path(&self) -> Option<String> {
        Some(self.status.as_ref()?.artifact.as_ref()?.path.clone())
    }
}

impl SourceKind for HelmChart {
    fn source_failures(ctx: &Context) -> &schedule::Failures {
        &ctx.chart_failures
    }
    fn source_engine(ctx: &Context) -> &Arc<dyn Reconcile<Self>> {
        &ctx.reconcilers.helm_chart
    }
    fn interval_spec(&self) -> Option<&str> {
        Some(&self.spec.interval)
    }
    fn timeout_spec(&self) -> Option<&str> {
        None
    }
    fn last_handled_at(&self) -> Option<&str> {
        self.status.as_ref()?.last_handled_reconcile_at.as_deref()
    }
    fn artifact_path(&self) -> Option<String> {
        Some(self.status.as_ref()?.artifact.as_ref()?.path.clone())
    }
}

impl<S: SourceKind> Kind for S {
    fn failures(ctx: &Context) -> &schedule::Failures {
        S::source_failures(ctx)
    }

    fn engine(ctx: &Context) -> &Arc<dyn Reconcile<Self>> {
        S::source_engine(ctx)
    }

    fn interval(&self) -> Duration {
        self.interval_spec()
            .and_then(|i| duration::parse(i).ok())
            .unwrap_or(DEFAULT_INTERVAL)
            .max(Duration::from_secs(1))
    }

    fn engine_timeout(&self) -> Duration {
        self.timeout_spec()
            .and_then(|t| duration::parse(t).ok())
            .unwrap_or(DEFAULT_TIMEOUT)
    }

    fn retry_base(&self, ctx: &Context) -> Duration {
        ctx.options.min_retry_delay.max(Duration::from_millis(100))
    }

    fn last_handled(&self) -> Option<&str> {
        self.last_handled_at()
    }

    async fn finalize(ctx: &Context, repo: &Self) -> Result<(), Error> {
        let kind = S::KIND.kind();
        let (ns, name) = names(repo);
        ctx.options
            .storage
            .remove_object(kind, ns, name)
            .map_err(|source| Error::Storage {
                object: format!("{kind}/{ns}/{name}"),
                source,
            })?;
        tracing::info!(kind, namespace = %ns, name = %name, "artifacts removed from storage");
        Ok(())
    }

    async fn after_success(ctx: &Context, api: &Api<Self>, repo: &Self) {
        collect_garbage(ctx, api, repo).await;
    }
}

fn names<S: SourceKind>(repo: &S) -> (&str, &str) {
    (
        repo.meta().namespace.as_deref().unwrap_or_default(),
        repo.meta().name.as_deref().unwrap_or_default(),
    )
}

/// Deletes old artifacts of the source, keeping the newest ones and the current one.
async fn collect_garbage<S: SourceKind>(ctx: &Context, api: &Api<S>, repo: &S) {
    let kind = S::KIND.kind();
    let (ns, name) = names(repo);
    let current = match api.get_opt(name).await {
        Ok(Some(live)) => live.artifact_path(),
        Ok(None) => return,
        Err(e) => {
            tracing::warn!(kind, namespace = %ns, name = %name, error = %cluster::describe(&e),
                "skipping artifact garbage collection");
            return;
        }
    };
    let keep = ctx.options.artifact_retention_records;
    match ctx
        .options
        .storage
        .garbage_collect(kind, ns, name, keep, current.as_deref())
    {
        Ok(deleted) if !deleted.is_empty() => {
            tracing::info!(kind, namespace = %ns, name = %name,
                "garbage collected {} old artifacts", deleted.len());
        }
        Ok(_) => {}
        Err(e) => {
            tracing::warn!(kind, namespace = %ns, name = %name, error = %e,
                "artifact garbage collection failed");
        }
    }
}
