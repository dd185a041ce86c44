//! One GitRepository, as the controller handles it: deletion (its artifacts are removed
//! from storage, then the finalizer), the finalizer, `suspend`, then the source engine,
//! garbage collection of old artifacts, and when to come back.

use std::sync::Arc;
use std::time::{Duration, Instant};

use kube::api::Api;
use kube::runtime::controller::Action;

use super::{Context, Error, GIT_REPOSITORY, finalizer, run_engine, schedule, status};
use crate::api::GitRepository;
use crate::api::meta;
use crate::cluster;
use crate::duration;
use crate::reconcile::{Outcome, Request};

/// Extra time the engine gets beyond `spec.timeout` before the controller gives up on it.
const ENGINE_GRACE: Duration = Duration::from_secs(120);
/// Upstream's default `spec.timeout` of Git operations.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

fn names(repo: &GitRepository) -> (String, String) {
    (
        repo.metadata.namespace.clone().unwrap_or_default(),
        repo.metadata.name.clone().unwrap_or_default(),
    )
}

fn api_error(ns: &str, name: &str, e: &kube::Error) -> Error {
    Error::Api {
        object: format!("{GIT_REPOSITORY}/{ns}/{name}"),
        message: cluster::describe(e),
    }
}

fn interval_of(repo: &GitRepository) -> Duration {
    duration::parse(&repo.spec.interval)
        .unwrap_or(Duration::from_secs(60))
        .max(Duration::from_secs(1))
}

/// Reconciles one GitRepository (called by the runtime, at most once at a time per object).
pub(super) async fn reconcile(repo: Arc<GitRepository>, ctx: Arc<Context>) -> Result<Action, Error> {
    let start = Instant::now();
    let (ns, name) = names(&repo);
    let key = format!("{ns}/{name}");
    let api: Api<GitRepository> = Api::namespaced(ctx.client.clone(), &ns);
    let storage_error = |source| Error::Storage {
        object: format!("{GIT_REPOSITORY}/{key}"),
        source,
    };

    if repo.metadata.deletion_timestamp.is_some() {
        if finalizer::has(repo.as_ref()) {
            ctx.options
                .storage
                .remove_object(GIT_REPOSITORY, &ns, &name)
                .map_err(storage_error)?;
            finalizer::remove(&api, repo.as_ref())
                .await
                .map_err(|e| api_error(&ns, &name, &e))?;
            tracing::info!(kind = GIT_REPOSITORY, namespace = %ns, name = %name, "artifacts removed from storage");
        }
        ctx.metrics.forget(GIT_REPOSITORY, &ns, &name);
        ctx.git_failures.reset(&key);
        return Ok(Action::await_change());
    }

    let repo = if finalizer::has(repo.as_ref()) {
        match super::latest(&api, &name)
            .await
            .map_err(|e| api_error(&ns, &name, &e))?
        {
            Some(latest) => latest,
            None => return Ok(Action::await_change()),
        }
    } else {
        match finalizer::add(&api, repo.as_ref())
            .await
            .map_err(|e| api_error(&ns, &name, &e))?
        {
            Some(updated) => Arc::new(updated),
            None => return Ok(Action::await_change()),
        }
    };
    let requested = meta::reconcile_requested_at(repo.metadata.annotations.as_ref()).map(str::to_string);

    if repo.spec.suspend {
        ctx.metrics.set_suspended(GIT_REPOSITORY, &ns, &name, true);
        ctx.metrics.count(GIT_REPOSITORY, "suspended");
        record_request(&api, &repo, requested.as_deref()).await?;
        tracing::info!(kind = GIT_REPOSITORY, namespace = %ns, name = %name, "reconciliation is suspended for this object");
        return Ok(Action::await_change());
    }
    ctx.metrics.set_suspended(GIT_REPOSITORY, &ns, &name, false);

    let request = Request {
        requested_at: requested.clone(),
        previous_failures: ctx.git_failures.count(&key),
    };
    let timeout = repo
        .spec
        .timeout
        .as_deref()
        .and_then(|t| duration::parse(t).ok())
        .unwrap_or(DEFAULT_TIMEOUT);
    let description = format!("{GIT_REPOSITORY}/{key}");
    let outcome = run_engine(
        ctx.reconcilers.git_repository.reconcile(repo.clone(), request),
        timeout + ENGINE_GRACE,
        &description,
    )
    .await;
    if let Err(e) = record_request(&api, &repo, requested.as_deref()).await {
        tracing::warn!(kind = GIT_REPOSITORY, namespace = %ns, name = %name, error = %e,
            "cannot record the handled reconcile request");
    }
    if outcome == Outcome::Succeeded {
        collect_garbage(&ctx, &api, &ns, &name).await;
    }
    let elapsed = start.elapsed();
    ctx.metrics
        .observe_reconcile(GIT_REPOSITORY, &ns, &name, elapsed, outcome.result_label());
    ctx.metrics
        .set_ready(GIT_REPOSITORY, &ns, &name, outcome.ready_status());
    let next = next_run(&ctx, &repo, &key, &outcome);
    super::log_outcome(GIT_REPOSITORY, &ns, &name, &outcome, elapsed, next);
    Ok(next.map_or_else(Action::await_change, Action::requeue))
}

/// Deletes old artifacts of the repository, keeping the newest ones and the current one.
async fn collect_garbage(ctx: &Context, api: &Api<GitRepository>, ns: &str, name: &str) {
    let current = match api.get_opt(name).await {
        Ok(Some(repo)) => repo.status.and_then(|s| s.artifact).map(|a| a.path),
        Ok(None) => return,
        Err(e) => {
            tracing::warn!(kind = GIT_REPOSITORY, namespace = %ns, name = %name, error = %cluster::describe(&e),
                "skipping artifact garbage collection");
            return;
        }
    };
    let keep = ctx.options.artifact_retention_records;
    match ctx
        .options
        .storage
        .garbage_collect(GIT_REPOSITORY, ns, name, keep, current.as_deref())
    {
        Ok(deleted) if !deleted.is_empty() => {
            tracing::info!(kind = GIT_REPOSITORY, namespace = %ns, name = %name,
                "garbage collected {} old artifacts", deleted.len());
        }
        Ok(_) => {}
        Err(e) => {
            tracing::warn!(kind = GIT_REPOSITORY, namespace = %ns, name = %name, error = %e,
                "artifact garbage collection failed");
        }
    }
}

fn next_run(ctx: &Context, repo: &GitRepository, key: &str, outcome: &Outcome) -> Option<Duration> {
    let interval = interval_of(repo);
    match outcome {
        Outcome::Succeeded => {
            ctx.git_failures.reset(key);
            Some(schedule::jittered(
                interval,
                ctx.options.interval_jitter_percent,
                schedule::random_unit(),
            ))
        }
        Outcome::Failed { .. } => {
            let failures = ctx.git_failures.fail(key, repo.metadata.generation);
            let base = ctx.options.min_retry_delay.max(Duration::from_millis(100));
            Some(schedule::backoff(base, interval.max(base), failures))
        }
        Outcome::Retry { after, .. } => Some((*after).max(Duration::from_secs(1))),
        Outcome::Stalled { .. } => None,
    }
}

async fn record_request(
    api: &Api<GitRepository>,
    repo: &GitRepository,
    requested: Option<&str>,
) -> Result<(), Error> {
    let handled = repo
        .status
        .as_ref()
        .and_then(|s| s.last_handled_reconcile_at.as_deref());
    let Some(requested) = requested.filter(|r| Some(*r) != handled) else {
        return Ok(());
    };
    let (ns, name) = names(repo);
    status::record_request(api, &name, requested)
        .await
        .map_err(|e| api_error(&ns, &name, &e))
}

/// What to do after the controller itself failed for the object: retry with backoff.
// The applier hands the object and context over by value.
#[allow(clippy::needless_pass_by_value)]
pub(super) fn error_policy(repo: Arc<GitRepository>, error: &Error, ctx: Arc<Context>) -> Action {
    let (ns, name) = names(&repo);
    let key = format!("{ns}/{name}");
    let failures = ctx.git_failures.fail(&key, repo.metadata.generation);
    let interval = interval_of(&repo);
    let base = ctx.options.min_retry_delay.max(Duration::from_millis(100));
    let retry = schedule::backoff(base, interval.max(base), failures);
    ctx.metrics.count(GIT_REPOSITORY, "error");
    tracing::error!(kind = GIT_REPOSITORY, namespace = %ns, name = %name, error = %error,
        "reconciliation failed, retrying in {}", duration::format(retry));
    Action::requeue(retry)
}
