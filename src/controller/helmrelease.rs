//! The HelmRelease adapter of the reconcile skeleton: the HelmRelease engine does the work
//! (install, upgrade, status, events); deleting the object uninstalls the release through
//! the same engine (not when the object is suspended, as helm-controller); failures are
//! retried from `--min-retry-delay`, doubling up to `spec.interval`.

use std::sync::Arc;
use std::time::Duration;

use super::skeleton::{ENGINE_GRACE, Kind};
use super::{Context, Error, HELM_RELEASE, run_engine, schedule};
use crate::api::HelmRelease;
use crate::ops::FluxStatus;
use crate::reconcile::{Outcome, Reconcile, Request};

/// The interval when `spec.interval` does not parse (the engine stalls such an object).
const DEFAULT_INTERVAL: Duration = Duration::from_secs(600);
/// Upstream's default `spec.timeout`.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(300);

impl Kind for HelmRelease {
    fn failures(ctx: &Context) -> &schedule::Failures {
        &ctx.hr_failures
    }

    fn engine(ctx: &Context) -> &Arc<dyn Reconcile<Self>> {
        &ctx.reconcilers.helm_release
    }

    fn interval(&self) -> Duration {
        HelmRelease::interval(self)
            .unwrap_or(DEFAULT_INTERVAL)
            .max(Duration::from_secs(1))
    }

    /// The longest of the install, upgrade and uninstall timeouts (each defaulting to
    /// `spec.timeout`, five minutes when unset).
    fn engine_timeout(&self) -> Duration {
        [
            self.action_timeout(false),
            self.action_timeout(true),
            self.uninstall_timeout(),
        ]
        .into_iter()
        .map(|t| t.unwrap_or(DEFAULT_TIMEOUT))
        .max()
        .unwrap_or(DEFAULT_TIMEOUT)
    }

    fn retry_base(&self, ctx: &Context) -> Duration {
        ctx.options.min_retry_delay.max(Duration::from_millis(100))
    }

    fn last_handled(&self) -> Option<&str> {
        self.status.as_ref()?.last_handled_reconcile_at.as_deref()
    }

    /// The engine's deletion path: uninstalls the release (unless the object is suspended)
    /// and takes its finalizer off; a failed uninstall keeps the object and is retried.
    async fn finalize(ctx: &Context, hr: &Self) -> Result<(), Error> {
        let object = format!("{HELM_RELEASE}/{}/{}", hr.namespace(), hr.name());
        let run = Self::engine(ctx).reconcile(Arc::new(hr.clone()), Request::default());
        match run_engine(run, hr.engine_timeout() + ENGINE_GRACE, &object).await {
            Outcome::Succeeded => {
                tracing::info!(kind = HELM_RELEASE, namespace = %hr.namespace(), name = %hr.name(),
                    suspended = hr.spec.suspend, "finalized");
                Ok(())
            }
            Outcome::Failed { message, .. }
            | Outcome::Stalled { message, .. }
            | Outcome::Retry { message, .. } => Err(Error::Finalize { object, message }),
        }
    }
}
