//! The seam between whoever decides *when* an object is reconciled (the controller: watch
//! events, intervals, `requestedAt`, retries, finalizers, leader election; the CLI's one-shot
//! commands; bootstrap's first sync) and the engines that do the work for one object, write
//! its status and report an [`Outcome`]. A leaf module: the engines and every runner use it,
//! and it uses nothing of theirs.
//!
//! The engines plug into the controller with a closure each
//! (`controller::Reconcilers::new`).

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use futures::future::BoxFuture;

/// What the controller hands an engine besides the object.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Request {
    /// The `reconcile.fluxcd.io/requestedAt` value of the object as this reconciliation saw
    /// it. The engine's final status write records it in `status.lastHandledReconcileAt`
    /// ([`crate::api::meta::record_reconcile_request`]); the controller makes sure of it
    /// afterwards as well.
    pub requested_at: Option<String>,
    /// Consecutive failures of this object before this attempt (0 after a success).
    pub previous_failures: u32,
}

/// How a reconciliation ended. The engine has written the object's status already; the
/// outcome only tells the controller when to come back and what to count.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Ready (`Ready=True`): next reconciliation after `spec.interval` (with jitter).
    Succeeded,
    /// Failed (`Ready=False`): retried after `spec.retryInterval` (GitRepository: the minimum
    /// retry delay), doubled after each consecutive failure up to `spec.interval`.
    Failed {
        /// Upstream condition reason (`BuildFailed`, `GitOperationFailed`, …).
        reason: String,
        /// What went wrong (for the controller's log; the status has it too).
        message: String,
    },
    /// Not failed, but waiting for something outside the object (a source artifact that
    /// does not exist yet): retried after the given delay, not counted as a failure.
    Retry {
        /// When to come back.
        after: Duration,
        /// Why (for the log).
        message: String,
    },
    /// Cannot succeed until the object's spec changes (an invalid spec): not retried; the
    /// next spec change or `requestedAt` triggers it again.
    Stalled {
        /// Upstream condition reason.
        reason: String,
        /// What is wrong.
        message: String,
    },
}

impl Outcome {
    /// A failure with a reason and a message.
    pub fn failed(reason: impl Into<String>, message: impl Into<String>) -> Self {
        Outcome::Failed {
            reason: reason.into(),
            message: message.into(),
        }
    }

    /// The metric label of the outcome (`result` of `gotk_reconcile_total`).
    pub fn result_label(&self) -> &'static str {
        match self {
            Outcome::Succeeded => "success",
            Outcome::Failed { .. } => "failure",
            Outcome::Retry { .. } => "retry",
            Outcome::Stalled { .. } => "stalled",
        }
    }

    /// The `Ready` condition status this outcome leaves (for `gotk_reconcile_condition`).
    pub fn ready_status(&self) -> &'static str {
        match self {
            Outcome::Succeeded => "True",
            Outcome::Failed { .. } | Outcome::Stalled { .. } => "False",
            Outcome::Retry { .. } => "Unknown",
        }
    }
}

/// Reconciles one object of kind `K`: implemented by the engines (a closure
/// `Fn(Arc<K>, Request) -> impl Future<Output = Outcome>` implements it).
pub trait Reconcile<K>: Send + Sync + 'static {
    /// Reconciles the object and writes its status; never panics on bad input.
    fn reconcile(&self, object: Arc<K>, request: Request) -> BoxFuture<'static, Outcome>;
}

impl<K, F, Fut> Reconcile<K> for F
where
    F: Fn(Arc<K>, Request) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Outcome> + Send + 'static,
{
    fn reconcile(&self, object: Arc<K>, request: Request) -> BoxFuture<'static, Outcome> {
        Box::pin(self(object, request))
    }
}
