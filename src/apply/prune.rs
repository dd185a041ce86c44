//! Deleting objects: prune of what a previous apply left behind (guarded by owner labels and
//! policies), and plain deletion for uninstall.

use futures::{StreamExt, stream};
use kube::api::{DeleteParams, PropagationPolicy};
use serde_json::Value;

use super::live::Live;
use super::order::apply_order;
use super::policy::Policy;
use super::{Action, ApplyOptions, ChangeSet, ChangeSetEntry, Error, Manager, Result, bump};
use crate::cluster::retry;
use crate::cluster::{self, ObjectRef, ResourceInfo};

/// The outcome of a prune.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PruneOutcome {
    /// Deleted objects, and objects left alone (gone already, no longer ours, or protected
    /// by a policy), in deletion order.
    pub changes: ChangeSet,
    /// Objects whose deletion failed, with the server's message: keep them in the inventory
    /// so the next prune tries again.
    pub failed: Vec<(ObjectRef, String)>,
}

impl PruneOutcome {
    /// The failures as an error, if any.
    pub fn error(&self) -> Option<Error> {
        (!self.failed.is_empty()).then(|| Error::PruneFailed(self.failed.clone()))
    }
}

/// What a prune would do with one stale object.
pub(super) struct PrunePlan {
    /// The object.
    pub(super) object: ObjectRef,
    /// Its resource, when the server still serves the kind.
    info: Option<ResourceInfo>,
    /// `Ok(Some(live))`: deleted; `Ok(None)`: left alone; `Err`: could not be read.
    pub(super) verdict: Result<Option<Value>, String>,
}

fn background() -> DeleteParams {
    DeleteParams {
        propagation_policy: Some(PropagationPolicy::Background),
        ..Default::default()
    }
}

impl Manager {
    /// Deletes the `stale` objects (what the previous inventory held and the new set does not:
    /// [`super::Inventory::stale`]) in reverse apply order, with background propagation.
    ///
    /// An object is only deleted when it still exists, still carries every owner label, and
    /// its live annotations allow it (not `prune: disabled`, `reconcile: disabled` nor
    /// `ssa: Ignore`); otherwise it is reported as skipped. A Namespace that holds objects of
    /// `keep` (the new set) is never pruned: the whole prune fails first with
    /// [`Error::NamespaceInUse`], deleting nothing. Failed deletions do not stop the others;
    /// they are returned in [`PruneOutcome::failed`].
    pub async fn prune(&self, stale: &[ObjectRef], keep: &[ObjectRef]) -> Result<PruneOutcome> {
        let planned = self.plan_prune(stale, keep).await?;
        let mut outcome = PruneOutcome::default();

        // Delete kind by kind in reverse apply order; objects of one kind concurrently.
        let mut start = 0;
        while start < planned.len() {
            let end = (start..planned.len())
                .find(|&j| planned[j].object.group_kind() != planned[start].object.group_kind())
                .unwrap_or(planned.len());
            let batch: Vec<usize> = (start..end).collect();
            let results: Vec<(usize, Result<Action, String>)> = stream::iter(batch)
                .map(|i| {
                    let p = &planned[i];
                    async move { (i, self.prune_one(p).await) }
                })
                .buffer_unordered(self.concurrency)
                .collect()
                .await;
            let mut results = results;
            results.sort_by_key(|(i, _)| *i);
            for (i, res) in results {
                match res {
                    Ok(action) => {
                        let entry = ChangeSetEntry {
                            object: planned[i].object.clone(),
                            action,
                        };
                        self.report(|p| p.deleted(&entry));
                        outcome.changes.entries.push(entry);
                    }
                    Err(m) => outcome.failed.push((planned[i].object.clone(), m)),
                }
            }
            start = end;
        }
        Ok(outcome)
    }

    /// What a prune of `stale` would do, without deleting anything: each object in deletion
    /// order (reverse apply order) with its verdict. Reads the live copies (LIST per kind and
    /// namespace, GET for the rest); fails like [`Manager::prune`] on a Namespace in use.
    pub(super) async fn plan_prune(&self, stale: &[ObjectRef], keep: &[ObjectRef]) -> Result<Vec<PrunePlan>> {
        for ns in stale
            .iter()
            .filter(|r| r.kind == "Namespace" && r.group.is_empty())
        {
            let inside: Vec<ObjectRef> = keep.iter().filter(|k| k.namespace == ns.name).cloned().collect();
            if !inside.is_empty() {
                return Err(Error::NamespaceInUse {
                    namespace: ns.clone(),
                    objects: inside,
                });
            }
        }
        let mut order = stale.to_vec();
        order.sort_by(apply_order);
        order.reverse();
        let mut infos = Vec::with_capacity(order.len());
        for r in &order {
            infos.push(self.discovery.resolve(&r.api_version(), &r.kind).await?);
        }
        let known: Vec<usize> = (0..order.len()).filter(|&i| infos[i].is_some()).collect();
        let pairs: Vec<(&ObjectRef, &ResourceInfo)> = known
            .iter()
            .filter_map(|&i| infos[i].as_ref().map(|info| (&order[i], info)))
            .collect();
        let lives = self.fetch_live(&pairs, true).await;
        let mut decisions: Vec<Option<Live>> = vec![None; order.len()];
        for (i, live) in known.into_iter().zip(lives) {
            decisions[i] = Some(live);
        }
        Ok(order
            .into_iter()
            .zip(infos)
            .zip(decisions)
            .map(|((object, info), live)| {
                let verdict = self.prune_verdict(info.as_ref(), live);
                PrunePlan {
                    object,
                    info,
                    verdict,
                }
            })
            .collect())
    }

    /// Whether a prune deletes an object: `Ok(Some(live))` when it does, `Ok(None)` when it
    /// leaves it alone (gone already, its kind no longer served, no longer ours, or protected
    /// by a policy), `Err` when it could not be read.
    fn prune_verdict(
        &self,
        info: Option<&ResourceInfo>,
        live: Option<Live>,
    ) -> Result<Option<Value>, String> {
        // A kind the server no longer serves: its objects are gone with their CRD.
        let (Some(_), Some(live)) = (info, live) else {
            return Ok(None);
        };
        let obj = match live {
            Live::Found(v) => v,
            Live::Missing => return Ok(None),
            Live::Unknown(m) => return Err(m.unwrap_or_else(|| "could not be read".into())),
        };
        let labels = &obj["metadata"]["labels"];
        let ours = self
            .owner
            .labels
            .iter()
            .all(|(k, v)| labels[k].as_str() == Some(v.as_str()));
        if !ours || !Policy::of(&obj, self.owner.conventions).prunable() {
            return Ok(None);
        }
        Ok(Some(obj))
    }

    async fn prune_one(&self, planned: &PrunePlan) -> Result<Action, String> {
        let (Some(info), Some(_)) = (&planned.info, planned.verdict.as_ref().map_err(Clone::clone)?) else {
            return Ok(Action::Skipped);
        };
        let r = &planned.object;
        let api = self.api(info, &r.namespace);
        let dp = background();
        bump(&self.counters.deletes);
        match retry(|| api.delete(&r.name, &dp)).await {
            Ok(_) => Ok(Action::Deleted),
            Err(e) if cluster::is_not_found(&e) => Ok(Action::Skipped),
            Err(e) => Err(cluster::describe(&e)),
        }
    }

    /// Deletes the objects (background propagation) in reverse apply order, without the
    /// ownership checks of [`Manager::prune`]. Objects that are already gone are reported as
    /// skipped; the first failure stops the deletion.
    pub async fn delete_all(&self, refs: &[ObjectRef]) -> Result<ChangeSet> {
        self.delete_all_propagating(refs, PropagationPolicy::Background)
            .await
    }

    /// [`Manager::delete_all`] with the given propagation policy (`Foreground` leaves each
    /// object in place until the garbage collector removed its dependents, `Orphan` leaves
    /// the dependents).
    pub async fn delete_all_propagating(
        &self,
        refs: &[ObjectRef],
        propagation: PropagationPolicy,
    ) -> Result<ChangeSet> {
        let mut refs = refs.to_vec();
        refs.sort_by(apply_order);
        refs.reverse();
        let mut entries = Vec::with_capacity(refs.len());
        for r in refs {
            let Some(info) = self.discovery.resolve(&r.api_version(), &r.kind).await? else {
                entries.push(ChangeSetEntry {
                    object: r,
                    action: Action::Skipped,
                });
                continue;
            };
            let api = self.api(&info, &r.namespace);
            let dp = DeleteParams {
                propagation_policy: Some(propagation.clone()),
                ..Default::default()
            };
            bump(&self.counters.deletes);
            let action = match retry(|| api.delete(&r.name, &dp)).await {
                Ok(_) => Action::Deleted,
                Err(e) if cluster::is_not_found(&e) => Action::Skipped,
                Err(e) => {
                    return Err(Error::Request {
                        object: r,
                        message: cluster::describe(&e),
                    });
                }
            };
            let entry = ChangeSetEntry { object: r, action };
            self.report(|p| p.deleted(&entry));
            entries.push(entry);
        }
        Ok(ChangeSet { entries })
    }

    /// Waits until none of the objects exists any more.
    pub async fn wait_for_deletion(&self, refs: &[ObjectRef], opts: &ApplyOptions) -> Result<()> {
        let deadline = tokio::time::Instant::now() + opts.wait_timeout;
        loop {
            let mut remaining = Vec::new();
            for r in refs {
                let Some(info) = self.discovery.resolve(&r.api_version(), &r.kind).await? else {
                    continue;
                };
                match self.get(r, &info).await {
                    Live::Found(_) => remaining.push(r.clone()),
                    Live::Missing => {}
                    Live::Unknown(m) => {
                        return Err(Error::Request {
                            object: r.clone(),
                            message: m.unwrap_or_default(),
                        });
                    }
                }
            }
            if remaining.is_empty() {
                return Ok(());
            }
            if tokio::time::Instant::now() >= deadline {
                return Err(Error::WaitTimeout(remaining));
            }
            tokio::time::sleep(opts.poll_interval).await;
        }
    }
}
