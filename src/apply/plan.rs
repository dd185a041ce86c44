//! A read-only plan of what an apply (and its prune) would do: [`Manager::diff`].
//!
//! The plan is the first half of [`Manager::apply_all_staged`] without the writes: the same
//! preparation (identities, owner labels, policies), the same LIST-and-compare fast path
//! ([`super::fields::unchanged`]: an unchanged object costs no request of its own) and the
//! same server-side apply **dry-run** for every object that may change, run concurrently
//! (bounded by [`Manager::with_concurrency`]). Only GET, LIST and dry-run PATCH requests are
//! made, so an identity with `get`, `list` and `patch` permissions can run it, and no
//! object's resourceVersion moves.
//!
//! An identity without the `create` permission cannot dry-run the creation of an object
//! (the server authorizes an apply that would create as a create): such objects, found
//! missing by the LIST or a GET, are reported as created without validation, and the
//! objects in a Namespace it would create are treated as below.
//!
//! Objects that cannot be dry-run yet because their Namespace or CRD is created by the same
//! set are reported as created without a server round trip (the apply validates them once
//! their stage comes). Custom resources of a CRD that the set *changes* are dry-run against
//! the CRD as it is in the cluster.

use std::collections::HashSet;
use std::fmt;

use serde_json::Value;

use super::order::Stage;
use super::policy::Policy;
use super::staged::{CrdDef, Item, Planned, Step, crd_def};
use super::{Action, ApplyOptions, Error, Inventory, Manager, Result};
use crate::cluster::ObjectRef;

/// What an apply would do to one object.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DiffAction {
    /// It does not exist and would be created.
    Created,
    /// It exists and would change (the dry-run result differs from the live object).
    Drifted,
    /// It exists and would stay as it is.
    Unchanged,
    /// It is left alone by a policy (`reconcile: disabled`, `ssa: Ignore`, `ssa: IfNotPresent`
    /// on an existing object).
    Skipped,
    /// It is in the previous inventory, no longer in the set, and a prune would delete it.
    Deleted,
}

impl DiffAction {
    /// Whether the action changes the cluster.
    pub fn is_change(self) -> bool {
        matches!(
            self,
            DiffAction::Created | DiffAction::Drifted | DiffAction::Deleted
        )
    }
}

impl fmt::Display for DiffAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DiffAction::Created => "created",
            DiffAction::Drifted => "drifted",
            DiffAction::Unchanged => "unchanged",
            DiffAction::Skipped => "skipped",
            DiffAction::Deleted => "deleted",
        })
    }
}

/// One object of a plan.
#[derive(Clone, Debug, PartialEq)]
pub struct DiffEntry {
    /// The object.
    pub object: ObjectRef,
    /// What an apply would do.
    pub action: DiffAction,
    /// Why it is skipped, or why a created object was not validated by the server yet.
    pub reason: Option<String>,
    /// The live object, as read (drifted, deleted and skipped objects).
    pub live: Option<Value>,
    /// The object as the apply would leave it: the dry-run result (created and drifted
    /// objects), or the desired manifest where no dry-run was possible yet. Raw: normalise
    /// and mask it with [`crate::diff`] before showing it.
    pub after: Option<Value>,
}

/// Options of [`Manager::diff`].
#[derive(Clone, Debug, Default)]
pub struct DiffOptions {
    /// Objects whose change touches an immutable field would be recreated (a
    /// Kustomization's `spec.force`); without it (and without the
    /// owner's force policy on the object) such a change is an error, as in an apply.
    pub force: bool,
    /// The previous inventory when the apply would prune (`spec.prune`): the objects of it
    /// that the set no longer holds and that a prune would delete are reported as deleted.
    pub previous: Option<Inventory>,
}

/// The outcome of [`Manager::diff`]: one entry per object of the set in apply order, then
/// the deletions in deletion order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Plan {
    /// The entries.
    pub entries: Vec<DiffEntry>,
}

impl Plan {
    /// Whether anything would be created, changed or deleted.
    pub fn has_changes(&self) -> bool {
        self.entries.iter().any(|e| e.action.is_change())
    }

    /// Number of entries with the action.
    pub fn count(&self, action: DiffAction) -> usize {
        self.entries.iter().filter(|e| e.action == action).count()
    }
}

/// What an apply writes for a drifted object: the dry-run result without the annotations and
/// labels the apply's clean-up removes.
fn without_cleanup(mut dry: Value, policy: &Policy) -> Value {
    if let Some(meta) = dry.get_mut("metadata").and_then(Value::as_object_mut) {
        for (section, keys) in policy.stale_markers() {
            let now_empty = meta
                .get_mut(section)
                .and_then(Value::as_object_mut)
                .is_some_and(|m| {
                    for k in keys {
                        m.remove(k);
                    }
                    m.is_empty()
                });
            if now_empty {
                meta.remove(section);
            }
        }
    }
    dry
}

impl Manager {
    /// Finds out what [`Manager::apply_all_staged`] (and, with
    /// [`DiffOptions::previous`], [`Manager::prune`]) would do with `objects`, without
    /// writing anything: only GET, LIST and server-side apply dry-run requests are sent.
    ///
    /// Objects that would fail the apply's validation make the whole plan fail with
    /// [`Error::Invalid`] naming each of them, as the apply would.
    pub async fn diff(&self, objects: Vec<Value>, opts: &DiffOptions) -> Result<Plan> {
        let items = self.prepare_all(objects, true).await?;
        self.report(|p| p.started(items.len()));
        let apply_opts = ApplyOptions {
            force: opts.force,
            ..ApplyOptions::default()
        };
        let n = items.len();
        let mut planned: Vec<Option<Planned>> = (0..n).map(|_| None).collect();

        // Definitions first: whether their Namespaces and CRDs exist decides what can be
        // dry-run now.
        let first: Vec<usize> = (0..n)
            .filter(|&i| items[i].stage == Stage::Definitions && items[i].info.is_some())
            .collect();
        for (i, p) in self.plan_batch(&items, &first, &apply_opts).await {
            planned[i] = Some(p);
        }
        let is_created = |p: &Option<Planned>| {
            p.as_ref().is_some_and(|p| p.create_forbidden)
                || matches!(
                    p.as_ref().map(|p| &p.verdict),
                    Some(Ok(Step::Write {
                        action: Action::Created,
                        recreate: false,
                        ..
                    }))
                )
        };
        let new_namespaces: HashSet<String> = items
            .iter()
            .zip(&planned)
            .filter(|(i, p)| i.object.kind == "Namespace" && i.object.group.is_empty() && is_created(p))
            .map(|(i, _)| i.object.name.clone())
            .collect();
        let new_crds: Vec<CrdDef> = items
            .iter()
            .zip(&planned)
            .filter(|(_, p)| is_created(p))
            .filter_map(|(i, _)| crd_def(&i.manifest))
            .collect();
        let deferred = |item: &Item| {
            item.info.is_none()
                || (!item.object.namespace.is_empty() && new_namespaces.contains(&item.object.namespace))
                || new_crds.iter().any(|c| c.defines(&item.object))
        };
        let rest: Vec<usize> = (0..n)
            .filter(|&i| planned[i].is_none() && !deferred(&items[i]))
            .collect();
        for (i, p) in self.plan_batch(&items, &rest, &apply_opts).await {
            planned[i] = Some(p);
        }

        let mut entries = Vec::with_capacity(n);
        let mut invalid = Vec::new();
        for (item, p) in items.iter().zip(planned) {
            let entry = match p {
                None => {
                    self.report(|p| p.compared(&item.object));
                    Self::deferred_entry(item, &new_namespaces, &new_crds)
                }
                Some(Planned {
                    verdict: Err(_),
                    create_forbidden: true,
                    ..
                }) => DiffEntry {
                    object: item.object.clone(),
                    action: DiffAction::Created,
                    reason: Some(
                        "not validated: the server-side dry-run of a creation needs the create permission"
                            .into(),
                    ),
                    live: None,
                    after: Some(item.manifest.clone()),
                },
                Some(Planned { verdict: Err(m), .. }) => {
                    invalid.push((item.object.clone(), m));
                    continue;
                }
                Some(Planned {
                    verdict: Ok(step),
                    live,
                    dry_run,
                    ..
                }) => Self::entry_for(item, &step, live, dry_run),
            };
            entries.push(entry);
        }
        if !invalid.is_empty() {
            return Err(Error::Invalid(invalid));
        }

        if let Some(previous) = &opts.previous {
            let current = Inventory {
                objects: items.iter().map(|i| i.object.clone()).collect(),
            };
            let stale = previous.stale(&current);
            if !stale.is_empty() {
                let mut unreadable = Vec::new();
                for p in self.plan_prune(&stale, &current.objects).await? {
                    match p.verdict {
                        Ok(Some(live)) => entries.push(DiffEntry {
                            object: p.object,
                            action: DiffAction::Deleted,
                            reason: None,
                            live: Some(live),
                            after: None,
                        }),
                        Ok(None) => {}
                        Err(m) => unreadable.push((p.object, m)),
                    }
                }
                if !unreadable.is_empty() {
                    return Err(Error::PruneFailed(unreadable));
                }
            }
        }
        tracing::debug!(requests = ?self.requests(), "diff planned");
        Ok(Plan { entries })
    }

    /// An object whose Namespace or CRD is created by the same set (or whose kind is not
    /// served yet): the server cannot say anything about it before the apply.
    fn deferred_entry(item: &Item, new_namespaces: &HashSet<String>, new_crds: &[CrdDef]) -> DiffEntry {
        let entry = |action, reason: String, after| DiffEntry {
            object: item.object.clone(),
            action,
            reason: Some(reason),
            live: None,
            after,
        };
        if item.policy.skipped() {
            return entry(DiffAction::Skipped, item.policy.skip_reason(), None);
        }
        if new_namespaces.contains(&item.object.namespace) {
            return entry(
                DiffAction::Created,
                format!(
                    "its Namespace {} is created by the same change; validated when applied",
                    item.object.namespace
                ),
                Some(item.manifest.clone()),
            );
        }
        if new_crds.iter().any(|c| c.defines(&item.object)) {
            return entry(
                DiffAction::Created,
                "its CustomResourceDefinition is created by the same change; validated when applied".into(),
                Some(item.manifest.clone()),
            );
        }
        entry(
            DiffAction::Drifted,
            format!(
                "version {} of its kind is served only after the CustomResourceDefinition of the same \
                 change is applied; not compared with the cluster",
                item.object.api_version()
            ),
            Some(item.manifest.clone()),
        )
    }

    fn entry_for(item: &Item, step: &Step, live: Option<Value>, dry_run: Option<Value>) -> DiffEntry {
        let mut entry = DiffEntry {
            object: item.object.clone(),
            action: DiffAction::Unchanged,
            reason: None,
            live: None,
            after: None,
        };
        match step {
            Step::Skip => {
                entry.action = DiffAction::Skipped;
                entry.reason = Some(item.policy.skip_reason());
                entry.live = live;
            }
            Step::Keep => {}
            Step::Write { recreate: true, .. } => {
                entry.action = if live.is_some() {
                    DiffAction::Drifted
                } else {
                    DiffAction::Created
                };
                entry.reason =
                    Some("an immutable field changes: the object is deleted and created again".into());
                entry.live = live;
                entry.after = Some(item.manifest.clone());
            }
            Step::Write {
                action: Action::Created,
                ..
            } => {
                entry.action = DiffAction::Created;
                entry.after = Some(dry_run.unwrap_or_else(|| item.manifest.clone()));
            }
            Step::Write { cleanup, .. } => {
                let after = dry_run.unwrap_or_else(|| item.manifest.clone());
                let after = if *cleanup {
                    without_cleanup(after, &item.policy)
                } else {
                    after
                };
                let same = live.as_ref().is_some_and(|l| super::normalize::same(l, &after));
                if !same {
                    entry.action = DiffAction::Drifted;
                    entry.live = live;
                    entry.after = Some(after);
                }
            }
        }
        entry
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn cleanup_is_shown_as_the_apply_does_it() {
        static KEYS: super::super::policy::Conventions = super::super::policy::Conventions {
            ssa: "example.com/ssa",
            reconcile: "example.com/reconcile",
            prune: "example.com/prune",
            force: "example.com/force",
            stale_annotations: &[],
            stale_labels: &["old.example.com/mark"],
        };
        let dry = json!({"metadata": {"name": "x",
            "annotations": {"kubectl.kubernetes.io/last-applied-configuration": "{}"},
            "labels": {"old.example.com/mark": "y", "app": "a"}}});
        let policy = Policy::of(&json!({}), Some(&KEYS));
        assert_eq!(
            without_cleanup(dry.clone(), &policy),
            json!({"metadata": {"name": "x", "labels": {"app": "a"}}})
        );
        assert_eq!(
            without_cleanup(dry, &Policy::default()),
            json!({"metadata": {"name": "x", "labels": {"old.example.com/mark": "y", "app": "a"}}})
        );
    }

    #[test]
    fn actions_print_and_count() {
        assert_eq!(DiffAction::Drifted.to_string(), "drifted");
        assert!(DiffAction::Deleted.is_change() && !DiffAction::Skipped.is_change());
        let plan = Plan {
            entries: vec![DiffEntry {
                object: ObjectRef {
                    group: String::new(),
                    version: "v1".into(),
                    kind: "ConfigMap".into(),
                    namespace: "a".into(),
                    name: "b".into(),
                },
                action: DiffAction::Unchanged,
                reason: None,
                live: None,
                after: None,
            }],
        };
        assert!(!plan.has_changes());
        assert_eq!(plan.count(DiffAction::Unchanged), 1);
        assert_eq!(
            serde_json::to_value(DiffAction::Created).unwrap(),
            json!("created")
        );
        let p = Policy {
            ssa: super::super::SsaPolicy::IfNotPresent,
            ..Policy::default()
        };
        assert!(p.skip_reason().contains("IfNotPresent"));
    }
}
