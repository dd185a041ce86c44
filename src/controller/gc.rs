//! What happens to a Kustomization's objects when the Kustomization is deleted: its
//! inventory (`status.inventory`) is garbage-collected according to `spec.deletionPolicy`,
//! as kustomize-controller does:
//!
//! | policy | objects |
//! | --- | --- |
//! | `MirrorPrune` (default) | deleted when `spec.prune` is true and the Kustomization is not suspended |
//! | `Delete` | deleted |
//! | `WaitForTermination` | deleted, and the finalizer stays until they are gone (`spec.timeout`) |
//! | `Orphan` | left in place |
//!
//! Which objects are deleted is decided by [`crate::ops`] (as `flux-rs delete` does): only
//! those that still carry the Kustomization's owner labels, never those marked
//! `kustomize.toolkit.fluxcd.io/prune: disabled` (or `reconcile: disabled`, `ssa: Ignore`),
//! never the Kustomization itself. Deletion impersonates `spec.serviceAccountName` and targets the cluster of
//! `spec.kubeConfig`, like the applies did; when that account or kubeconfig Secret no longer
//! exists the objects are left in place (as upstream does) instead of blocking the deletion.

use std::time::Duration;

use kube::Client;

use crate::api::Kustomization;
use crate::apply::{self, ApplyOptions, ChangeSet, Manager, Owner};
use crate::cluster::ObjectRef;
use crate::ops::{self, FluxClient, FluxKind, LiveObject, inventory};

/// What to do with the inventory of a Kustomization being deleted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Plan {
    /// Leave the objects in place.
    Keep(&'static str),
    /// Delete the objects; with `wait`, until they are gone.
    Delete {
        /// Wait for the objects to be gone before removing the finalizer.
        wait: bool,
    },
}

/// The plan for a Kustomization being deleted, from `deletionPolicy`, `prune` and `suspend`.
pub fn plan(ks: &Kustomization) -> Plan {
    match ks.spec.deletion_policy.as_deref().unwrap_or("MirrorPrune") {
        "Orphan" => Plan::Keep("deletionPolicy is Orphan"),
        "Delete" => Plan::Delete { wait: false },
        "WaitForTermination" => Plan::Delete { wait: true },
        _ if !ks.spec.prune => Plan::Keep("prune is disabled"),
        _ if ks.spec.suspend => Plan::Keep("the Kustomization is suspended"),
        _ => Plan::Delete { wait: false },
    }
}

/// The objects of a Kustomization's inventory; ids that do not parse are returned apart
/// (they are left alone, as upstream does, rather than blocking the deletion).
pub fn inventory(ks: &Kustomization) -> (Vec<ObjectRef>, Vec<String>) {
    let mut refs = Vec::new();
    let mut invalid = Vec::new();
    let entries = ks
        .status
        .as_ref()
        .and_then(|s| s.inventory.as_ref())
        .map(|i| i.entries.as_slice());
    for e in entries.unwrap_or_default() {
        match inventory::parse_id(&e.id, &e.v) {
            Ok(r) => refs.push(r),
            Err(_) => invalid.push(e.id.clone()),
        }
    }
    (refs, invalid)
}

/// The Kustomization as `ops` reads objects, its inventory limited to entries that parse.
fn live_object(ks: &Kustomization, refs: &[ObjectRef]) -> LiveObject {
    let mut value = serde_json::to_value(ks).unwrap_or_default();
    let entries: Vec<serde_json::Value> = refs
        .iter()
        .map(|r| serde_json::json!({"id": inventory::format_id(r), "v": r.version}))
        .collect();
    value["status"]["inventory"] = serde_json::json!({"entries": entries});
    LiveObject::new(FluxKind::Kustomization, value)
}

/// What garbage collection did.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// The deletions (and objects already gone, as skipped).
    pub changes: ChangeSet,
    /// Objects left in place, and why.
    pub kept: Vec<(ObjectRef, String)>,
}

/// Why garbage collection failed (the finalizer stays and it is retried).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Deleting or waiting failed.
    #[error(transparent)]
    Apply(#[from] apply::Error),
    /// Reading or deleting the objects failed.
    #[error(transparent)]
    Ops(#[from] ops::Error),
    /// The client acting for the Kustomization cannot be made.
    #[error(transparent)]
    Acting(#[from] crate::engine::acting::Error),
}

/// Garbage-collects the inventory of a Kustomization being deleted, with `client` (from
/// [`crate::engine::acting::client_for`]). With `wait`, returns once every deleted object is gone or fails after
/// `timeout`.
pub async fn collect(
    client: Client,
    ks: &Kustomization,
    wait: bool,
    timeout: Duration,
) -> Result<Report, Error> {
    let ns = ks.metadata.namespace.as_deref().unwrap_or_default();
    let name = ks.metadata.name.as_deref().unwrap_or_default();
    let (refs, invalid) = inventory(ks);
    for id in &invalid {
        tracing::warn!(kustomization = %format!("{ns}/{name}"), id = %id, "ignoring an inventory entry that does not parse");
    }
    let flux = FluxClient::new(client.clone()).with_field_manager(crate::engine::DEFAULT_FIELD_MANAGER);
    let plan = flux.plan_inventory_deletion(&live_object(ks, &refs)).await?;
    let changes = flux.delete_objects(&plan.delete).await?;
    if wait {
        let deleted: Vec<ObjectRef> = changes
            .entries
            .iter()
            .filter(|e| e.action == apply::Action::Deleted)
            .map(|e| e.object.clone())
            .collect();
        let manager = Manager::new(
            client,
            Owner {
                field_manager: crate::engine::DEFAULT_FIELD_MANAGER.to_string(),
                ..Owner::default()
            },
        );
        let opts = ApplyOptions {
            wait_timeout: timeout,
            poll_interval: Duration::from_secs(2),
            ..ApplyOptions::default()
        };
        manager.wait_for_deletion(&deleted, &opts).await?;
    }
    Ok(Report {
        changes,
        kept: plan.skipped,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ks(spec: &serde_json::Value) -> Kustomization {
        let mut v = json!({
            "apiVersion": "kustomize.toolkit.fluxcd.io/v1", "kind": "Kustomization",
            "metadata": {"name": "apps", "namespace": "flux-system"},
            "spec": {"interval": "5m", "prune": true, "sourceRef": {"kind": "GitRepository", "name": "r"}},
        });
        for (k, val) in spec.as_object().unwrap() {
            v["spec"][k] = val.clone();
        }
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn deletion_policies_decide_like_upstream() {
        assert_eq!(
            plan(&ks(&json!({}))),
            Plan::Delete { wait: false },
            "MirrorPrune with prune"
        );
        assert_eq!(
            plan(&ks(&json!({"prune": false}))),
            Plan::Keep("prune is disabled")
        );
        assert_eq!(
            plan(&ks(&json!({"suspend": true}))),
            Plan::Keep("the Kustomization is suspended")
        );
        assert_eq!(
            plan(&ks(&json!({"deletionPolicy": "MirrorPrune", "prune": false}))),
            Plan::Keep("prune is disabled")
        );
        assert_eq!(
            plan(&ks(&json!({"deletionPolicy": "Delete", "prune": false}))),
            Plan::Delete { wait: false }
        );
        assert_eq!(
            plan(&ks(
                &json!({"deletionPolicy": "Delete", "prune": false, "suspend": true})
            )),
            Plan::Delete { wait: false },
            "Delete ignores prune and suspend"
        );
        assert_eq!(
            plan(&ks(&json!({"deletionPolicy": "WaitForTermination"}))),
            Plan::Delete { wait: true }
        );
        assert_eq!(
            plan(&ks(&json!({"deletionPolicy": "Orphan"}))),
            Plan::Keep("deletionPolicy is Orphan")
        );
    }

    fn ks_with_ids(ids: &[&str]) -> Kustomization {
        let mut k = ks(&json!({}));
        let entries: Vec<_> = ids.iter().map(|id| json!({"id": id, "v": "v1"})).collect();
        k.status = Some(serde_json::from_value(json!({"inventory": {"entries": entries}})).unwrap());
        k
    }

    #[test]
    fn unparsable_inventory_entries_are_reported() {
        let mut k = ks(&json!({}));
        k.status = Some(
            serde_json::from_value(json!({"inventory": {"entries": [
            {"id": "apps_web_apps_Deployment", "v": "v1"}, {"id": "garbage", "v": "v1"}]}}))
            .unwrap(),
        );
        let (refs, invalid) = inventory(&k);
        assert_eq!(refs.len(), 1);
        assert_eq!(invalid, ["garbage"]);
        let live = live_object(&k, &refs);
        assert_eq!(
            inventory::managed_entries(&live).unwrap(),
            refs,
            "ops reads the valid entries"
        );
        let (rbac, _) = inventory(&ks_with_ids(&[
            "_system__flux_rbac.authorization.k8s.io_ClusterRole",
        ]));
        assert_eq!(rbac[0].name, "system:flux");
    }
}
