//! Asking a controller to reconcile an object now, with the protocol upstream's
//! `flux reconcile` uses, so it works with flux-rs's controller and with upstream Flux alike:
//! the `reconcile.fluxcd.io/requestedAt` annotation is set to the current time, then the
//! object is read until its `status.lastHandledReconcileAt` moves past the value it had
//! before and it is ready at its generation (or failed), woken as [`super::wait`] describes.

use futures::StreamExt as _;
use kube::api::{Patch, PatchParams};
use serde_json::json;

use super::object::{FluxStatus, Readiness};
use super::{Error, FluxClient, FluxKind, LiveObject, Result, WaitOptions, object_ref};
use crate::api::meta::RECONCILE_REQUESTED_AT;
use crate::cluster;

/// A reconciliation request that was made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReconcileRequest {
    /// The `reconcile.fluxcd.io/requestedAt` value set (RFC 3339 with nanoseconds).
    pub requested_at: String,
    /// `status.lastHandledReconcileAt` before the request.
    pub handled_before: Option<String>,
}

/// `status.lastHandledReconcileAt` of an object.
pub fn last_handled(obj: &LiveObject) -> Option<String> {
    obj.status()["lastHandledReconcileAt"]
        .as_str()
        .map(str::to_string)
}

impl FluxClient {
    /// Sets `reconcile.fluxcd.io/requestedAt` to now on `obj` (as read just before), after
    /// recording its `status.lastHandledReconcileAt`.
    pub async fn request_reconcile(&self, obj: &LiveObject) -> Result<ReconcileRequest> {
        self.request_reconcile_with(obj, &[]).await
    }

    /// [`Self::request_reconcile`], with each annotation of `also` (`forceAt`, `resetAt`) set
    /// to the same value as `requestedAt`, as upstream's controllers require to handle them.
    pub async fn request_reconcile_with(&self, obj: &LiveObject, also: &[&str]) -> Result<ReconcileRequest> {
        let kind = obj.kind;
        let (ns, name) = (obj.namespace().to_string(), obj.name().to_string());
        let handled_before = last_handled(obj);
        let requested_at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Nanos, true);
        let resource = self.require(kind).await?;
        let api = self.api(&resource, Some(&ns));
        let mut annotations = serde_json::Map::new();
        annotations.insert(RECONCILE_REQUESTED_AT.into(), json!(requested_at));
        for key in also {
            annotations.insert((*key).to_string(), json!(requested_at));
        }
        let patch = Patch::Merge(json!({"metadata": {"annotations": annotations}}));
        let params = PatchParams {
            field_manager: Some(self.field_manager.clone()),
            ..Default::default()
        };
        match crate::cluster::retry(|| api.patch(&name, &params, &patch)).await {
            Ok(_) => Ok(ReconcileRequest {
                requested_at,
                handled_before,
            }),
            Err(e) if cluster::is_not_found(&e) => Err(Error::NotFound {
                object: Box::new(object_ref(kind, &ns, &name)),
            }),
            Err(e) => Err(Error::Request {
                object: Box::new(object_ref(kind, &ns, &name)),
                message: cluster::describe(&e),
            }),
        }
    }

    /// Reads the object (on each change, at least every `opts.poll_interval`) until its
    /// controller handled a request made after `request` was
    /// recorded (`lastHandledReconcileAt` differs from the value before) and it is ready at
    /// its generation; [`Error::Failed`] when it failed, [`Error::Timeout`] after
    /// `opts.timeout`.
    pub async fn wait_reconciled(
        &self,
        kind: FluxKind,
        namespace: &str,
        name: &str,
        request: &ReconcileRequest,
        opts: WaitOptions,
    ) -> Result<LiveObject> {
        let deadline = tokio::time::Instant::now() + opts.timeout;
        let mut changes = self.changes(kind, namespace, name).await?;
        loop {
            let obj = self.get(kind, namespace, name).await?;
            let pending = if last_handled(&obj) == request.handled_before {
                "the controller has not handled the request yet".to_string()
            } else {
                match obj.readiness() {
                    Readiness::Ready => return Ok(obj),
                    Readiness::Failed(message) => {
                        return Err(Error::Failed {
                            object: Box::new(obj.object_ref()),
                            message,
                        });
                    }
                    Readiness::Pending(message) => message,
                }
            };
            let now = tokio::time::Instant::now();
            if now >= deadline {
                return Err(Error::Timeout {
                    object: Box::new(obj.object_ref()),
                    timeout: opts.timeout,
                    message: pending,
                });
            }
            let _ = tokio::time::timeout(opts.poll_interval.min(deadline - now), changes.next()).await;
        }
    }
}
