//! The status writes the controller itself makes (the engines write everything else):
//! `lastHandledReconcileAt` after every reconciliation of a requested object, and
//! `Ready=False/DependencyNotReady` when a Kustomization waits for its dependencies.

use kube::Resource;
use kube::api::{Api, Patch, PatchParams};
use serde::de::DeserializeOwned;
use serde_json::json;

use crate::api::Kustomization;
use crate::api::meta::DEPENDENCY_NOT_READY_REASON as DEPENDENCY_NOT_READY;
use crate::api::meta::{self, Condition, READY};

/// Makes sure `status.lastHandledReconcileAt` is `requested` (a no-op write when the engine
/// already recorded it: the API server does not store unchanged objects).
pub async fn record_request<K>(api: &Api<K>, name: &str, requested: &str) -> Result<(), kube::Error>
where
    K: Resource + Clone + DeserializeOwned + std::fmt::Debug,
{
    let patch = json!({"status": {"lastHandledReconcileAt": requested}});
    api.patch_status(name, &PatchParams::default(), &Patch::Merge(&patch))
        .await
        .map(|_| ())
}

/// The status conditions of a Kustomization waiting for a dependency: `Ready=False` with
/// reason `DependencyNotReady` and the message, other conditions kept.
pub fn dependency_not_ready_conditions(ks: &Kustomization, message: &str) -> Vec<Condition> {
    let mut conditions = ks.conditions().to_vec();
    meta::set_condition(
        &mut conditions,
        Condition::new(
            READY,
            "False",
            DEPENDENCY_NOT_READY,
            message,
            ks.metadata.generation,
        ),
    );
    conditions
}

/// Writes `Ready=False/DependencyNotReady` (and the handled request, if any).
pub async fn mark_dependency_not_ready(
    api: &Api<Kustomization>,
    ks: &Kustomization,
    message: &str,
    requested: Option<&str>,
) -> Result<(), kube::Error> {
    let mut status = json!({"conditions": dependency_not_ready_conditions(ks, message)});
    if let Some(r) = requested {
        status["lastHandledReconcileAt"] = json!(r);
    }
    let name = ks.metadata.name.as_deref().unwrap_or_default();
    api.patch_status(
        name,
        &PatchParams::default(),
        &Patch::Merge(&json!({"status": status})),
    )
    .await
    .map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dependency_not_ready_replaces_ready_and_keeps_the_rest() {
        let ks: Kustomization = serde_json::from_value(json!({
            "apiVersion": "kustomize.toolkit.fluxcd.io/v1", "kind": "Kustomization",
            "metadata": {"name": "b", "namespace": "apps", "generation": 3},
            "spec": {"interval": "5m", "prune": true, "sourceRef": {"kind": "GitRepository", "name": "r"}},
            "status": {"conditions": [
                {"type": "Ready", "status": "True", "reason": "ReconciliationSucceeded", "message": "Applied revision: x",
                 "lastTransitionTime": "2025-01-01T00:00:00Z"},
                {"type": "Healthy", "status": "True", "reason": "Succeeded", "message": "ok",
                 "lastTransitionTime": "2025-01-01T00:00:00Z"}]},
        }))
        .unwrap();
        let c = dependency_not_ready_conditions(&ks, "dependency 'apps/a' is not ready");
        assert_eq!(c.len(), 2);
        let ready = meta::find_condition(&c, READY).unwrap();
        assert_eq!(
            (
                ready.status.as_str(),
                ready.reason.as_str(),
                ready.message.as_str()
            ),
            ("False", "DependencyNotReady", "dependency 'apps/a' is not ready")
        );
        assert_eq!(ready.observed_generation, Some(3));
        assert_ne!(
            ready.last_transition_time, "2025-01-01T00:00:00Z",
            "the status changed"
        );
        assert_eq!(c[1].type_, "Healthy");
    }
}
