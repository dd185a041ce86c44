//! The HelmRepository adapter of the reconcile skeleton: the source engine does the work;
//! deleting the object removes its artifacts from storage; after a success, old artifacts
//! beyond the retention count are removed; failures are retried from `--min-retry-delay`.

use std::sync::Arc;
use std::time::Duration;

use kube::api::Api;

use super::skeleton::Kind;
use super::{Context, Error, schedule};
use crate::api::HelmRepository;
use crate::cluster;
use crate::duration;
use crate::reconcile::Reconcile;

/// Kind name of HelmRepositories (metric and log label).
const HELM_REPOSITORY: &str = "HelmRepository";
/// Upstream's default `spec.timeout` of the index download.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

impl Kind for HelmRepository {
    fn failures(ctx: &Context) -> &schedule::Failures {
        &ctx.helm_failures
    }

    fn engine(ctx: &Context) -> &Arc<dyn Reconcile<Self>> {
        &ctx.reconcilers.helm_repository
    }

    fn interval(&self) -> Duration {
        duration::parse(self.spec.interval.as_deref().unwrap_or("1m"))
            .unwrap_or(Duration::from_secs(60))
            .max(Duration::from_secs(1))
    }

    fn engine_timeout(&self) -> Duration {
        self.spec
            .timeout
            .as_deref()
            .and_then(|t| duration::parse(t).ok())
            .unwrap_or(DEFAULT_TIMEOUT)
    }

    fn retry_base(&self, ctx: &Context) -> Duration {
        ctx.options.min_retry_delay.max(Duration::from_millis(100))
    }

    fn last_handled(&self) -> Option<&str> {
        self.status.as_ref()?.last_handled_reconcile_at.as_deref()
    }

    async fn finalize(ctx: &Context, repo: &Self) -> Result<(), Error> {
        let (ns, name) = (
            repo.metadata.namespace.as_deref().unwrap_or_default(),
            repo.metadata.name.as_deref().unwrap_or_default(),
        );
        ctx.options
            .storage
            .remove_object(HELM_REPOSITORY, ns, name)
            .map_err(|source| Error::Storage {
                object: format!("{HELM_REPOSITORY}/{ns}/{name}"),
                source,
            })?;
        tracing::info!(kind = HELM_REPOSITORY, namespace = %ns, name = %name, "artifacts removed from storage");
        Ok(())
    }

    async fn after_success(ctx: &Context, api: &Api<Self>, repo: &Self) {
        collect_garbage(ctx, api, repo).await;
    }
}

/// Deletes old artifacts of the repository, keeping the newest ones and the current one.
async fn collect_garbage(ctx: &Context, api: &Api<HelmRepository>, repo: &HelmRepository) {
    let (ns, name) = (
        repo.metadata.namespace.as_deref().unwrap_or_default(),
        repo.metadata.name.as_deref().unwrap_or_default(),
    );
    let current = match api.get_opt(name).await {
        Ok(Some(repo)) => repo.status.and_then(|s| s.artifact).map(|a| a.path),
        Ok(None) => return,
        Err(e) => {
            tracing::warn!(kind = HELM_REPOSITORY, namespace = %ns, name = %name, error = %cluster::describe(&e),
                "skipping artifact garbage collection");
            return;
        }
    };
    let keep = ctx.options.artifact_retention_records;
    match ctx
        .options
        .storage
        .garbage_collect(HELM_REPOSITORY, ns, name, keep, current.as_deref())
    {
        Ok(deleted) if !deleted.is_empty() => {
            tracing::info!(kind = HELM_REPOSITORY, namespace = %ns, name = %name,
                "garbage collected {} old artifacts", deleted.len());
        }
        Ok(_) => {}
        Err(e) => {
            tracing::warn!(kind = HELM_REPOSITORY, namespace = %ns, name = %name, error = %e,
                "artifact garbage collection failed");
        }
    }
}
