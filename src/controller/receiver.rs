//! The Receiver adapter of the reconcile skeleton: the receiver engine
//! ([`crate::notify::receiver::reconcile`]) computes the webhook path from the token and
//! writes the status; the `/hook/` server (started by [`super::run`] on `--receiver-addr`)
//! finds Receivers by that path in the controller's cache.

use std::sync::Arc;
use std::time::Duration;

use super::skeleton::Kind;
use super::{Context, Error, schedule};
use crate::api::notification::Receiver;
use crate::duration;
use crate::reconcile::{Reconcile, Request};

/// How long computing a path and writing a status may take.
const TIMEOUT: Duration = Duration::from_secs(30);

impl Kind for Receiver {
    fn failures(ctx: &Context) -> &schedule::Failures {
        &ctx.receiver_failures
    }

    fn engine(ctx: &Context) -> &Arc<dyn Reconcile<Self>> {
        &ctx.receiver_engine
    }

    fn interval(&self) -> Duration {
        duration::parse(&self.spec.interval)
            .unwrap_or(Duration::from_secs(600))
            .max(Duration::from_secs(1))
    }

    fn engine_timeout(&self) -> Duration {
        TIMEOUT
    }

    fn retry_base(&self, ctx: &Context) -> Duration {
        ctx.options.min_retry_delay.max(Duration::from_millis(100))
    }

    fn last_handled(&self) -> Option<&str> {
        self.status.as_ref()?.last_handled_reconcile_at.as_deref()
    }

    async fn finalize(_ctx: &Context, _obj: &Self) -> Result<(), Error> {
        Ok(())
    }
}

/// The receiver engine as the skeleton drives it.
pub(super) fn engine(client: kube::Client) -> Arc<dyn Reconcile<Receiver>> {
    Arc::new(move |r: Arc<Receiver>, _request: Request| {
        let client = client.clone();
        async move {
            let (outcome, _path) = crate::notify::receiver::reconcile(&client, &r, None).await;
            outcome
        }
    }) as Arc<dyn Reconcile<Receiver>>
}
