//! The Kustomization adapter of the reconcile skeleton: the reconcile engine does the work;
//! `dependsOn` (as [`dependencies::readiness`] decides it) gates the engine; deleting the
//! object garbage-collects its inventory per `spec.deletionPolicy`; failures are retried
//! after `spec.retryInterval`.

use std::sync::Arc;
use std::time::{Duration, Instant};

use kube::api::Api;
use kube::runtime::controller::Action;
use kube::runtime::reflector::ObjectRef;

use super::skeleton::{Kind, api_error};
use super::{Context, Error, KUSTOMIZATION, gc, schedule, status};
use crate::api::{GitRepository, Kustomization};
use crate::cluster;
use crate::duration;
use crate::engine::acting::Acting;
use crate::engine::dependencies;
use crate::ops::FluxStatus;
use crate::reconcile::Reconcile;

impl Kind for Kustomization {
    fn failures(ctx: &Context) -> &schedule::Failures {
        &ctx.ks_failures
    }

    fn engine(ctx: &Context) -> &Arc<dyn Reconcile<Self>> {
        &ctx.reconcilers.kustomization
    }

    fn interval(&self) -> Duration {
        Kustomization::interval(self)
            .unwrap_or(Duration::from_secs(600))
            .max(Duration::from_secs(1))
    }

    fn engine_timeout(&self) -> Duration {
        self.timeout().unwrap_or_else(|_| Kind::interval(self))
    }

    fn retry_base(&self, _ctx: &Context) -> Duration {
        self.retry_interval()
            .unwrap_or_else(|_| Kind::interval(self))
            .max(Duration::from_secs(1))
    }

    fn last_handled(&self) -> Option<&str> {
        self.status.as_ref()?.last_handled_reconcile_at.as_deref()
    }

    async fn finalize(ctx: &Context, ks: &Self) -> Result<(), Error> {
        collect_garbage(ctx, ks).await
    }

    /// `dependsOn`: not ready → `Ready=False/DependencyNotReady`, checked again after
    /// `--requeue-dependency`.
    async fn before(
        ctx: &Context,
        api: &Api<Self>,
        ks: &Self,
        requested: Option<&str>,
        started: Instant,
    ) -> Result<Option<Action>, Error> {
        if ks.spec.depends_on.as_ref().is_none_or(Vec::is_empty) {
            return Ok(None);
        }
        let dependencies::Readiness::Waiting(message) = check_dependencies(ctx, ks).await? else {
            return Ok(None);
        };
        let (ns, name) = (ks.namespace(), ks.name());
        status::mark_dependency_not_ready(api, ks, &message, requested)
            .await
            .map_err(|e| api_error(ks, &e))?;
        let retry = ctx.options.requeue_dependency;
        ctx.metrics
            .observe_reconcile(KUSTOMIZATION, ns, name, started.elapsed(), "dependency_not_ready");
        ctx.metrics.set_ready(KUSTOMIZATION, ns, name, "False");
        tracing::info!(kind = KUSTOMIZATION, namespace = %ns, name = %name,
            "{message}, retrying in {}", duration::format(retry));
        Ok(Some(Action::requeue(retry)))
    }
}

/// Checks the dependencies with the engine's rules ([`dependencies::readiness`]), reading
/// them from the cache when it has them.
async fn check_dependencies(ctx: &Context, ks: &Kustomization) -> Result<dependencies::Readiness, Error> {
    let revision = source_revision(ctx, ks).await?;
    let cache = ctx.kustomizations.clone();
    let cached =
        move |ns: &str, name: &str| cache.get(&ObjectRef::new(name).within(ns)).map(|k| (*k).clone());
    dependencies::readiness(&ctx.client, ks, revision.as_deref(), &cached)
        .await
        .map_err(|e| {
            let (ns, name) = (ks.namespace(), ks.name());
            Error::Api {
                object: format!("{KUSTOMIZATION}/{ns}/{name}"),
                message: format!("reading a dependency: {e}"),
            }
        })
}

/// The current artifact revision of the Kustomization's GitRepository, if any.
async fn source_revision(ctx: &Context, ks: &Kustomization) -> Result<Option<String>, Error> {
    let s = &ks.spec.source_ref;
    if s.kind != "GitRepository" {
        return Ok(None);
    }
    let ns = ks.source_namespace();
    if let Some(repo) = ctx.git_repositories.get(&ObjectRef::new(&s.name).within(ns)) {
        return Ok(repo.artifact_revision().map(str::to_string));
    }
    let repo = Api::<GitRepository>::namespaced(ctx.client.clone(), ns)
        .get_opt(&s.name)
        .await
        .map_err(|e| Error::Api {
            object: format!("GitRepository/{ns}/{}", s.name),
            message: cluster::describe(&e),
        })?;
    Ok(repo.and_then(|r| r.artifact_revision().map(str::to_string)))
}

/// Garbage-collects the inventory of a Kustomization being deleted.
async fn collect_garbage(ctx: &Context, ks: &Kustomization) -> Result<(), Error> {
    let (ns, name) = (ks.namespace(), ks.name());
    let object = format!("{KUSTOMIZATION}/{ns}/{name}");
    let gc_error = |source| Error::GarbageCollection {
        object: object.clone(),
        source: Box::new(source),
    };
    let (refs, _) = gc::inventory(ks);
    let wait = match gc::plan(ks) {
        gc::Plan::Keep(why) => {
            if !refs.is_empty() {
                tracing::info!(kind = KUSTOMIZATION, namespace = %ns, name = %name,
                    "leaving {} objects in place: {why}", refs.len());
            }
            return Ok(());
        }
        _ if refs.is_empty() => return Ok(()),
        gc::Plan::Delete { wait } => wait,
    };
    let client = match crate::engine::acting::client_for(&ctx.client, &ctx.config, ks)
        .await
        .map_err(|e| gc_error(e.into()))?
    {
        Acting::Client(c) => c,
        Acting::Gone(why) => {
            tracing::warn!(kind = KUSTOMIZATION, namespace = %ns, name = %name,
                "leaving {} objects in place: {why}", refs.len());
            return Ok(());
        }
    };
    let timeout = ks.timeout().unwrap_or_else(|_| Kind::interval(ks));
    let report = gc::collect(client, ks, wait, timeout).await.map_err(gc_error)?;
    for entry in &report.changes.entries {
        tracing::info!(kind = KUSTOMIZATION, namespace = %ns, name = %name, object = %entry.object,
            action = %entry.action, "garbage collection");
    }
    for (obj, why) in &report.kept {
        tracing::info!(kind = KUSTOMIZATION, namespace = %ns, name = %name, object = %obj,
            "garbage collection left the object in place: {why}");
    }
    Ok(())
}
