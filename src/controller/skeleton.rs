//! The reconcile skeleton every kind shares, written once: deletion (the kind's clean-up,
//! then the finalizer comes off), the finalizer, `suspend`, the kind's own gate before the
//! engine (a Kustomization's `dependsOn`), the engine with a deadline, the handled
//! `requestedAt`, metrics, and when to come back. A kind plugs in with a [`Kind`] adapter.

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use kube::api::Api;
use kube::runtime::controller::Action;

use super::{Context, Error, run_engine, schedule, status};
use crate::api::meta;
use crate::cluster::{self, finalizer};
use crate::duration;
use crate::ops::{FluxResource, FluxStatus};
use crate::reconcile::{Outcome, Reconcile, Request};

/// Extra time an engine gets beyond the object's own timeout before the controller gives up
/// on it.
pub(super) const ENGINE_GRACE: Duration = Duration::from_secs(120);

/// What the skeleton needs of a kind: a new kind is one short adapter implementing this.
pub(super) trait Kind: FluxResource {
    /// Failures of objects of this kind in a row (for backoff and the engine's request).
    fn failures(ctx: &Context) -> &schedule::Failures;
    /// The engine reconciling this kind.
    fn engine(ctx: &Context) -> &Arc<dyn Reconcile<Self>>;
    /// `spec.interval`, at least one second.
    fn interval(&self) -> Duration;
    /// How long the engine may take (its own timeout; the skeleton adds a grace period).
    fn engine_timeout(&self) -> Duration;
    /// The first retry delay after a failed reconciliation (doubles per failure up to the
    /// interval).
    fn retry_base(&self, ctx: &Context) -> Duration;
    /// `status.lastHandledReconcileAt`.
    fn last_handled(&self) -> Option<&str>;
    /// What deleting the object does before its finalizer comes off.
    fn finalize(ctx: &Context, obj: &Self) -> impl Future<Output = Result<(), Error>> + Send;
    /// A gate before the engine: `Some(action)` ends the reconciliation there (the adapter
    /// wrote the status and metrics it needs).
    fn before(
        _ctx: &Context,
        _api: &Api<Self>,
        _obj: &Self,
        _requested: Option<&str>,
        _started: Instant,
    ) -> impl Future<Output = Result<Option<Action>, Error>> + Send {
        async { Ok(None) }
    }
    /// Work after a successful reconciliation (e.g. old artifacts removed).
    fn after_success(_ctx: &Context, _api: &Api<Self>, _obj: &Self) -> impl Future<Output = ()> + Send {
        async {}
    }
}

fn kind<K: Kind>() -> &'static str {
    K::KIND.kind()
}

/// `namespace`, `name` and `namespace/name` of an object.
fn names<K: Kind>(obj: &K) -> (String, String, String) {
    let (ns, name) = (obj.namespace().to_string(), obj.name().to_string());
    let key = format!("{ns}/{name}");
    (ns, name, key)
}

/// The error of an API call about the object.
pub(super) fn api_error<K: Kind>(obj: &K, e: &kube::Error) -> Error {
    Error::Api {
        object: format!("{}/{}/{}", kind::<K>(), obj.namespace(), obj.name()),
        message: cluster::describe(e),
    }
}

/// Reconciles one object (called by the runtime, at most once at a time per object).
pub(super) async fn reconcile<K: Kind>(obj: Arc<K>, ctx: Arc<Context>) -> Result<Action, Error> {
    let start = Instant::now();
    let (ns, name, key) = names(obj.as_ref());
    let api: Api<K> = Api::namespaced(ctx.client.clone(), &ns);
    let kind = kind::<K>();

    if obj.meta().deletion_timestamp.is_some() {
        if finalizer::has(obj.as_ref()) {
            K::finalize(&ctx, &obj).await?;
            finalizer::remove(&api, obj.as_ref())
                .await
                .map_err(|e| api_error(obj.as_ref(), &e))?;
        }
        ctx.metrics.forget(kind, &ns, &name);
        K::failures(&ctx).reset(&key);
        return Ok(Action::await_change());
    }

    let obj = if finalizer::has(obj.as_ref()) {
        match super::latest(&api, &name)
            .await
            .map_err(|e| api_error(obj.as_ref(), &e))?
        {
            Some(latest) => latest,
            None => return Ok(Action::await_change()),
        }
    } else {
        match finalizer::add(&api, obj.as_ref())
            .await
            .map_err(|e| api_error(obj.as_ref(), &e))?
        {
            Some(updated) => Arc::new(updated),
            None => return Ok(Action::await_change()),
        }
    };
    let requested = meta::reconcile_requested_at(obj.meta().annotations.as_ref()).map(str::to_string);

    if obj.suspended() {
        ctx.metrics.set_suspended(kind, &ns, &name, true);
        ctx.metrics.count(kind, "suspended");
        record_request(&api, obj.as_ref(), requested.as_deref()).await?;
        tracing::info!(kind = kind, namespace = %ns, name = %name, "reconciliation is suspended for this object");
        return Ok(Action::await_change());
    }
    ctx.metrics.set_suspended(kind, &ns, &name, false);

    if let Some(action) = K::before(&ctx, &api, &obj, requested.as_deref(), start).await? {
        return Ok(action);
    }

    let request = Request {
        requested_at: requested.clone(),
        previous_failures: K::failures(&ctx).count(&key),
    };
    let description = format!("{kind}/{key}");
    let outcome = run_engine(
        K::engine(&ctx).reconcile(obj.clone(), request),
        obj.engine_timeout() + ENGINE_GRACE,
        &description,
    )
    .await;
    if let Err(e) = record_request(&api, obj.as_ref(), requested.as_deref()).await {
        tracing::warn!(kind = kind, namespace = %ns, name = %name, error = %e,
            "cannot record the handled reconcile request");
    }
    if outcome == Outcome::Succeeded {
        K::after_success(&ctx, &api, &obj).await;
    }
    let elapsed = start.elapsed();
    ctx.metrics
        .observe_reconcile(kind, &ns, &name, elapsed, outcome.result_label());
    ctx.metrics.set_ready(kind, &ns, &name, outcome.ready_status());
    let next = next_run(&ctx, obj.as_ref(), &key, &outcome);
    super::log_outcome(kind, &ns, &name, &outcome, elapsed, next);
    Ok(next.map_or_else(Action::await_change, Action::requeue))
}

/// When to reconcile again after `outcome` (`None`: on the next change only).
fn next_run<K: Kind>(ctx: &Context, obj: &K, key: &str, outcome: &Outcome) -> Option<Duration> {
    let interval = obj.interval();
    match outcome {
        Outcome::Succeeded => {
            K::failures(ctx).reset(key);
            Some(schedule::jittered(
                interval,
                ctx.options.interval_jitter_percent,
                schedule::random_unit(),
            ))
        }
        Outcome::Failed { .. } => {
            let failures = K::failures(ctx).fail(key, obj.generation());
            let base = obj.retry_base(ctx);
            Some(schedule::backoff(base, interval.max(base), failures))
        }
        Outcome::Retry { after, .. } => Some((*after).max(Duration::from_secs(1))),
        Outcome::Stalled { .. } => None,
    }
}

/// Records a `requestedAt` the object has not recorded as handled yet.
async fn record_request<K: Kind>(api: &Api<K>, obj: &K, requested: Option<&str>) -> Result<(), Error> {
    let Some(requested) = requested.filter(|r| Some(*r) != obj.last_handled()) else {
        return Ok(());
    };
    status::record_request(api, obj.name(), requested)
        .await
        .map_err(|e| api_error(obj, &e))
}

/// What to do after the controller itself failed for the object (an API error writing the
/// finalizer or the status, a failed clean-up): retry with backoff from the minimum retry
/// delay.
// The applier hands the object and context over by value.
#[allow(clippy::needless_pass_by_value)]
pub(super) fn error_policy<K: Kind>(obj: Arc<K>, error: &Error, ctx: Arc<Context>) -> Action {
    let (ns, name, key) = names(obj.as_ref());
    let failures = K::failures(&ctx).fail(&key, obj.generation());
    let interval = obj.interval();
    let base = ctx.options.min_retry_delay.max(Duration::from_millis(100));
    let retry = schedule::backoff(base, interval.max(base), failures);
    ctx.metrics.count(kind::<K>(), "error");
    tracing::error!(kind = kind::<K>(), namespace = %ns, name = %name, error = %error,
        "reconciliation failed, retrying in {}", duration::format(retry));
    Action::requeue(retry)
}
