//! Deleting Flux objects, and for a Kustomization the objects it applied — what upstream's
//! kustomize-controller finalizer does: only when garbage collection applies (`prune: true`
//! or a `Delete` deletion policy, and not suspended), and only objects that still carry the
//! Kustomization's owner labels and do not opt out of pruning.

use kube::api::{DeleteParams, Patch, PatchParams, PropagationPolicy};

use super::object::{FluxStatus, LiveObject};
use super::{Error, FluxClient, FluxKind, Result, inventory, object_ref};
use crate::api::meta::{
    KUSTOMIZE_NAME_LABEL, KUSTOMIZE_NAMESPACE_LABEL, PRUNE_ANNOTATION, RECONCILE_ANNOTATION, SSA_ANNOTATION,
};
use crate::apply::{ChangeSet, Manager, Owner};
use crate::cluster::{self, ObjectRef};

/// What happens to a Kustomization's objects when it is deleted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GarbageCollection {
    /// They are deleted.
    Delete,
    /// They stay: `spec.prune` is false (deletion policy `MirrorPrune`, the default).
    KeepPruneDisabled,
    /// They stay: `spec.deletionPolicy` is `Orphan`.
    KeepOrphan,
    /// They stay: the Kustomization is suspended.
    KeepSuspended,
}

/// Decides, as the controller's finalizer does, whether deleting the Kustomization deletes
/// its inventory.
pub fn garbage_collection(ks: &LiveObject) -> GarbageCollection {
    if ks.suspended() {
        return GarbageCollection::KeepSuspended;
    }
    match ks.spec()["deletionPolicy"].as_str() {
        Some("Orphan") => GarbageCollection::KeepOrphan,
        Some("Delete" | "WaitForTermination") => GarbageCollection::Delete,
        _ if ks.spec()["prune"].as_bool().unwrap_or(false) => GarbageCollection::Delete,
        _ => GarbageCollection::KeepPruneDisabled,
    }
}

/// The inventory objects a deletion would remove, and those it leaves (with why).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InventoryPlan {
    /// Objects to delete.
    pub delete: Vec<ObjectRef>,
    /// Objects left alone, with the reason.
    pub skipped: Vec<(ObjectRef, String)>,
}

fn disabled(meta: &serde_json::Value, key: &str, value: &str) -> bool {
    ["labels", "annotations"].iter().any(|m| {
        meta[m][key]
            .as_str()
            .is_some_and(|v| v.eq_ignore_ascii_case(value))
    })
}

impl FluxClient {
    /// Deletes one object (background propagation); [`Error::NotFound`] when it is gone.
    pub async fn delete(&self, kind: FluxKind, namespace: &str, name: &str) -> Result<()> {
        let resource = self.require(kind).await?;
        let api = self.api(&resource, Some(namespace));
        let dp = DeleteParams {
            propagation_policy: Some(PropagationPolicy::Background),
            ..Default::default()
        };
        match crate::cluster::retry(|| api.delete(name, &dp)).await {
            Ok(_) => Ok(()),
            Err(e) if cluster::is_not_found(&e) => Err(Error::NotFound {
                object: Box::new(object_ref(kind, namespace, name)),
            }),
            Err(e) => Err(Error::Request {
                object: Box::new(object_ref(kind, namespace, name)),
                message: cluster::describe(&e),
            }),
        }
    }

    /// Reads every inventory object of the Kustomization and sorts them into those its
    /// deletion removes and those it leaves: gone already, served no more, not carrying the
    /// Kustomization's owner labels, or opted out (`prune: disabled`, `ssa: Ignore`,
    /// `reconcile: disabled`). The Kustomization itself is never in the plan.
    pub async fn plan_inventory_deletion(&self, ks: &LiveObject) -> Result<InventoryPlan> {
        let mut plan = InventoryPlan::default();
        let me = ks.object_ref();
        for r in inventory::managed_entries(ks)? {
            let Some(info) = self.discovery.resolve(&r.api_version(), &r.kind).await? else {
                plan.skipped.push((r, "its kind is no longer served".into()));
                continue;
            };
            let api = if info.namespaced {
                self.api(&info.resource, Some(&r.namespace))
            } else {
                self.api(&info.resource, None)
            };
            let live = crate::cluster::retry(|| api.get_opt(&r.name))
                .await
                .map_err(|e| Error::Request {
                    object: Box::new(r.clone()),
                    message: cluster::describe(&e),
                })?;
            let Some(live) = live else {
                plan.skipped.push((r, "already deleted".into()));
                continue;
            };
            let meta = serde_json::to_value(&live.metadata).unwrap_or_default();
            let owned = meta["labels"][KUSTOMIZE_NAME_LABEL] == ks.name()
                && meta["labels"][KUSTOMIZE_NAMESPACE_LABEL] == ks.namespace();
            if !owned {
                plan.skipped.push((r, format!("not labelled as managed by {me}")));
            } else if disabled(&meta, PRUNE_ANNOTATION, "disabled") {
                plan.skipped.push((r, format!("{PRUNE_ANNOTATION}: disabled")));
            } else if disabled(&meta, SSA_ANNOTATION, "ignore") {
                plan.skipped.push((r, format!("{SSA_ANNOTATION}: Ignore")));
            } else if disabled(&meta, RECONCILE_ANNOTATION, "disabled") {
                plan.skipped
                    .push((r, format!("{RECONCILE_ANNOTATION}: disabled")));
            } else {
                plan.delete.push(r);
            }
        }
        Ok(plan)
    }

    /// The finalizers an object still carries; `None` when it is gone.
    pub async fn finalizers(
        &self,
        kind: FluxKind,
        namespace: &str,
        name: &str,
    ) -> Result<Option<Vec<String>>> {
        match self.get(kind, namespace, name).await {
            Ok(obj) => Ok(Some(
                obj.value["metadata"]["finalizers"]
                    .as_array()
                    .map(|a| a.iter().filter_map(|f| f.as_str().map(str::to_string)).collect())
                    .unwrap_or_default(),
            )),
            Err(Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Removes one finalizer from an object, keeping the others (a merge patch guarded by
    /// `resourceVersion`, re-read and retried on a conflict). An object being deleted goes
    /// once its last finalizer is removed. A missing object or finalizer is not an error.
    pub async fn remove_finalizer(
        &self,
        kind: FluxKind,
        namespace: &str,
        name: &str,
        finalizer: &str,
    ) -> Result<()> {
        const ATTEMPTS: usize = 5;
        let resource = self.require(kind).await?;
        let api = self.api(&resource, Some(namespace));
        let request_error = |e: &kube::Error| Error::Request {
            object: Box::new(object_ref(kind, namespace, name)),
            message: cluster::describe(e),
        };
        for attempt in 1..=ATTEMPTS {
            let Some(obj) = crate::cluster::retry(|| api.get_opt(name))
                .await
                .map_err(|e| request_error(&e))?
            else {
                return Ok(());
            };
            let finalizers = obj.metadata.finalizers.clone().unwrap_or_default();
            if !finalizers.iter().any(|f| f == finalizer) {
                return Ok(());
            }
            let keep: Vec<&String> = finalizers.iter().filter(|f| *f != finalizer).collect();
            let patch = serde_json::json!({"metadata": {
                "finalizers": keep,
                "resourceVersion": obj.metadata.resource_version,
            }});
            match api
                .patch(name, &PatchParams::default(), &Patch::Merge(&patch))
                .await
            {
                Ok(_) => return Ok(()),
                Err(e) if cluster::is_not_found(&e) => return Ok(()),
                Err(e) if cluster::is_conflict(&e) && attempt < ATTEMPTS => {}
                Err(e) => return Err(request_error(&e)),
            }
        }
        unreachable!("the last attempt returns")
    }

    /// Waits (woken by a watch of it, at least every `opts.poll_interval`) until the object
    /// is gone; after `opts.timeout`, an error naming the finalizers it still carries.
    pub async fn wait_deleted(
        &self,
        kind: FluxKind,
        namespace: &str,
        name: &str,
        opts: super::WaitOptions,
    ) -> Result<()> {
        use futures::StreamExt as _;
        let deadline = tokio::time::Instant::now() + opts.timeout;
        let mut changes = self.changes(kind, namespace, name).await?;
        loop {
            let Some(finalizers) = self.finalizers(kind, namespace, name).await? else {
                return Ok(());
            };
            let now = tokio::time::Instant::now();
            if now >= deadline {
                return Err(Error::Request {
                    object: Box::new(object_ref(kind, namespace, name)),
                    message: format!(
                        "not deleted within {}: finalizers [{}] remain",
                        crate::duration::format(opts.timeout),
                        finalizers.join(", ")
                    ),
                });
            }
            let _ = tokio::time::timeout(opts.poll_interval.min(deadline - now), changes.next()).await;
        }
    }

    /// Waits until every object is gone (a `WaitForTermination` deletion policy).
    pub async fn wait_objects_deleted(
        &self,
        objects: &[ObjectRef],
        timeout: std::time::Duration,
    ) -> Result<()> {
        let manager = Manager::new(
            self.client.clone(),
            Owner {
                field_manager: self.field_manager.clone(),
                ..Default::default()
            },
        );
        let opts = crate::apply::ApplyOptions {
            wait_timeout: timeout,
            poll_interval: std::time::Duration::from_secs(1),
            ..Default::default()
        };
        Ok(manager.wait_for_deletion(objects, &opts).await?)
    }

    /// Deletes objects (background propagation, reverse apply order) with the apply engine.
    pub async fn delete_objects(&self, objects: &[ObjectRef]) -> Result<ChangeSet> {
        let manager = Manager::new(
            self.client.clone(),
            Owner {
                field_manager: self.field_manager.clone(),
                ..Default::default()
            },
        );
        Ok(manager.delete_all(objects).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ks(spec: &serde_json::Value) -> LiveObject {
        LiveObject::new(
            FluxKind::Kustomization,
            json!({"metadata": {"name": "a", "namespace": "n"}, "spec": spec}),
        )
    }

    #[test]
    fn garbage_collection_follows_the_finalizer() {
        assert_eq!(
            garbage_collection(&ks(&json!({"prune": true}))),
            GarbageCollection::Delete
        );
        assert_eq!(
            garbage_collection(&ks(&json!({"prune": false}))),
            GarbageCollection::KeepPruneDisabled
        );
        assert_eq!(
            garbage_collection(&ks(&json!({"prune": true, "suspend": true}))),
            GarbageCollection::KeepSuspended
        );
        assert_eq!(
            garbage_collection(&ks(&json!({"prune": true, "deletionPolicy": "Orphan"}))),
            GarbageCollection::KeepOrphan
        );
        assert_eq!(
            garbage_collection(&ks(&json!({"prune": false, "deletionPolicy": "Delete"}))),
            GarbageCollection::Delete
        );
        assert_eq!(
            garbage_collection(&ks(&json!({"prune": true, "deletionPolicy": "MirrorPrune"}))),
            GarbageCollection::Delete
        );
    }

    #[test]
    fn opt_outs_are_case_insensitive() {
        let meta =
            json!({"annotations": {PRUNE_ANNOTATION: "Disabled"}, "labels": {SSA_ANNOTATION: "ignore"}});
        assert!(disabled(&meta, PRUNE_ANNOTATION, "disabled"));
        assert!(disabled(&meta, SSA_ANNOTATION, "ignore"));
        assert!(!disabled(&meta, RECONCILE_ANNOTATION, "disabled"));
    }
}
