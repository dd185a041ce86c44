//! One Kustomization, as the controller handles it: deletion (garbage collection per
//! `deletionPolicy`, then the finalizer is removed), the finalizer, `suspend`, `dependsOn`,
//! then the reconcile engine, and when to come back.

use std::sync::Arc;
use std::time::{Duration, Instant};

use kube::api::Api;
use kube::runtime::controller::Action;
use kube::runtime::reflector::ObjectRef;

use super::{Context, Error, KUSTOMIZATION, finalizer, gc, run_engine, schedule, status};
use crate::api::meta;
use crate::api::{GitRepository, Kustomization};
use crate::cluster;
use crate::duration;
use crate::engine::acting::Acting;
use crate::engine::dependencies;
use crate::reconcile::{Outcome, Request};

/// Extra time an engine gets beyond `spec.timeout` before the controller gives up on it.
const ENGINE_GRACE: Duration = Duration::from_secs(120);

fn names(ks: &Kustomization) -> (String, String) {
    (
        ks.metadata.namespace.clone().unwrap_or_default(),
        ks.metadata.name.clone().unwrap_or_default(),
    )
}

fn api_error(ns: &str, name: &str, e: &kube::Error) -> Error {
    Error::Api {
        object: format!("{KUSTOMIZATION}/{ns}/{name}"),
        message: cluster::describe(e),
    }
}

/// `spec.interval`, at least one second (a zero interval must not spin).
pub(super) fn interval_of(ks: &Kustomization) -> Duration {
    ks.interval()
        .unwrap_or(Duration::from_secs(600))
        .max(Duration::from_secs(1))
}

/// Reconciles one Kustomization (called by the runtime, at most once at a time per object).
pub(super) async fn reconcile(ks: Arc<Kustomization>, ctx: Arc<Context>) -> Result<Action, Error> {
    let start = Instant::now();
    let (ns, name) = names(&ks);
    let key = format!("{ns}/{name}");
    let api: Api<Kustomization> = Api::namespaced(ctx.client.clone(), &ns);

    if ks.metadata.deletion_timestamp.is_some() {
        if finalizer::has(ks.as_ref()) {
            finalize(&ctx, &ks).await?;
            finalizer::remove(&api, ks.as_ref())
                .await
                .map_err(|e| api_error(&ns, &name, &e))?;
        }
        ctx.metrics.forget(KUSTOMIZATION, &ns, &name);
        ctx.ks_failures.reset(&key);
        return Ok(Action::await_change());
    }

    let ks = if finalizer::has(ks.as_ref()) {
        match super::latest(&api, &name)
            .await
            .map_err(|e| api_error(&ns, &name, &e))?
        {
            Some(latest) => latest,
            None => return Ok(Action::await_change()),
        }
    } else {
        match finalizer::add(&api, ks.as_ref())
            .await
            .map_err(|e| api_error(&ns, &name, &e))?
        {
            Some(updated) => Arc::new(updated),
            None => return Ok(Action::await_change()),
        }
    };
    let requested = meta::reconcile_requested_at(ks.metadata.annotations.as_ref()).map(str::to_string);

    if ks.spec.suspend {
        ctx.metrics.set_suspended(KUSTOMIZATION, &ns, &name, true);
        ctx.metrics.count(KUSTOMIZATION, "suspended");
        record_request(&api, &ks, requested.as_deref()).await?;
        tracing::info!(kind = KUSTOMIZATION, namespace = %ns, name = %name, "reconciliation is suspended for this object");
        return Ok(Action::await_change());
    }
    ctx.metrics.set_suspended(KUSTOMIZATION, &ns, &name, false);

    if ks.spec.depends_on.as_ref().is_some_and(|d| !d.is_empty())
        && let Err(message) = check_dependencies(&ctx, &ks).await?
    {
        status::mark_dependency_not_ready(&api, &ks, &message, requested.as_deref())
            .await
            .map_err(|e| api_error(&ns, &name, &e))?;
        let retry = ctx.options.requeue_dependency;
        ctx.metrics
            .observe_reconcile(KUSTOMIZATION, &ns, &name, start.elapsed(), "dependency_not_ready");
        ctx.metrics.set_ready(KUSTOMIZATION, &ns, &name, "False");
        tracing::info!(kind = KUSTOMIZATION, namespace = %ns, name = %name,
            "{message}, retrying in {}", duration::format(retry));
        return Ok(Action::requeue(retry));
    }

    let request = Request {
        requested_at: requested.clone(),
        previous_failures: ctx.ks_failures.count(&key),
    };
    let deadline = ks.timeout().unwrap_or_else(|_| interval_of(&ks)) + ENGINE_GRACE;
    let description = format!("{KUSTOMIZATION}/{key}");
    let outcome = run_engine(
        ctx.reconcilers.kustomization.reconcile(ks.clone(), request),
        deadline,
        &description,
    )
    .await;
    if let Err(e) = record_request(&api, &ks, requested.as_deref()).await {
        tracing::warn!(kind = KUSTOMIZATION, namespace = %ns, name = %name, error = %e,
            "cannot record the handled reconcile request");
    }
    let elapsed = start.elapsed();
    ctx.metrics
        .observe_reconcile(KUSTOMIZATION, &ns, &name, elapsed, outcome.result_label());
    ctx.metrics
        .set_ready(KUSTOMIZATION, &ns, &name, outcome.ready_status());
    let next = next_run(&ctx, &ks, &key, &outcome);
    super::log_outcome(KUSTOMIZATION, &ns, &name, &outcome, elapsed, next);
    Ok(next.map_or_else(Action::await_change, Action::requeue))
}

/// When to reconcile again after `outcome` (`None`: on the next change only).
fn next_run(ctx: &Context, ks: &Kustomization, key: &str, outcome: &Outcome) -> Option<Duration> {
    let interval = interval_of(ks);
    match outcome {
        Outcome::Succeeded => {
            ctx.ks_failures.reset(key);
            Some(schedule::jittered(
                interval,
                ctx.options.interval_jitter_percent,
                schedule::random_unit(),
            ))
        }
        Outcome::Failed { .. } => {
            let failures = ctx.ks_failures.fail(key, ks.metadata.generation);
            let base = ks
                .retry_interval()
                .unwrap_or(interval)
                .max(Duration::from_secs(1));
            Some(schedule::backoff(base, interval.max(base), failures))
        }
        Outcome::Retry { after, .. } => Some((*after).max(Duration::from_secs(1))),
        Outcome::Stalled { .. } => None,
    }
}

async fn record_request(
    api: &Api<Kustomization>,
    ks: &Kustomization,
    requested: Option<&str>,
) -> Result<(), Error> {
    let handled = ks
        .status
        .as_ref()
        .and_then(|s| s.last_handled_reconcile_at.as_deref());
    let Some(requested) = requested.filter(|r| Some(*r) != handled) else {
        return Ok(());
    };
    let (ns, name) = names(ks);
    status::record_request(api, &name, requested)
        .await
        .map_err(|e| api_error(&ns, &name, &e))
}

/// Checks the dependencies with the engine's rules ([`dependencies::readiness`]), reading
/// them from the cache when it has them.
async fn check_dependencies(ctx: &Context, ks: &Kustomization) -> Result<Result<(), String>, Error> {
    let revision = source_revision(ctx, ks).await?;
    let cache = ctx.kustomizations.clone();
    let cached =
        move |ns: &str, name: &str| cache.get(&ObjectRef::new(name).within(ns)).map(|k| (*k).clone());
    dependencies::readiness(&ctx.client, ks, revision.as_deref(), &cached)
        .await
        .map_err(|message| {
            let (ns, name) = names(ks);
            Error::Api {
                object: format!("{KUSTOMIZATION}/{ns}/{name}"),
                message: format!("reading a dependency: {message}"),
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
async fn finalize(ctx: &Context, ks: &Kustomization) -> Result<(), Error> {
    let (ns, name) = names(ks);
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
    let timeout = ks.timeout().unwrap_or_else(|_| interval_of(ks));
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

/// What to do after the controller itself failed for the object (an API error writing the
/// finalizer or the status, a failed garbage collection): retry with backoff.
// The applier hands the object and context over by value.
#[allow(clippy::needless_pass_by_value)]
pub(super) fn error_policy(ks: Arc<Kustomization>, error: &Error, ctx: Arc<Context>) -> Action {
    let (ns, name) = names(&ks);
    let key = format!("{ns}/{name}");
    let failures = ctx.ks_failures.fail(&key, ks.metadata.generation);
    let interval = interval_of(&ks);
    let base = ctx.options.min_retry_delay.max(Duration::from_millis(100));
    let retry = schedule::backoff(base, interval.max(base), failures);
    ctx.metrics.count(KUSTOMIZATION, "error");
    tracing::error!(kind = KUSTOMIZATION, namespace = %ns, name = %name, error = %error,
        "reconciliation failed, retrying in {}", duration::format(retry));
    Action::requeue(retry)
}
