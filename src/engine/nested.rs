//! Converging a tree of Kustomizations in one process, where no controller runs: after a
//! Kustomization is reconciled, the Kustomizations it applied are reconciled in turn — those
//! it created or changed, and unchanged ones that are not ready at their source's current
//! revision — in `dependsOn` order ([`super::dependencies`]), each one's GitRepository
//! fetched first (once per run), and so on down the tree. A Kustomization is reconciled at
//! most once per run; suspended ones are left alone.
//!
//! The root's own source is not fetched again: the caller decided which revision the root
//! applies (`--with-source` or not), and its children follow that revision.

use std::collections::BTreeSet;

use kube::api::Api;

use super::Engine;
use super::dependencies::dependency_key;
use super::reconcile::Report;
use crate::api::kustomize::KUSTOMIZE_API_GROUP;
use crate::api::{GitRepository, Kustomization};
use crate::apply::{Action, ChangeSet};
use crate::cluster;
use crate::reconcile::Request;
use crate::source::SourceOptions;

/// At most this many nested Kustomizations are reconciled in one run.
pub const MAX_NESTED: usize = 200;

/// One step of a nested reconciliation, for the caller to report.
#[derive(Debug)]
pub enum Step<'a> {
    /// A GitRepository (`GitRepository/ns/name`) was fetched at a revision.
    Fetched {
        /// The GitRepository.
        object: &'a str,
        /// Its revision.
        revision: &'a str,
    },
    /// Fetching a GitRepository failed (its Kustomizations are still reconciled, at the
    /// revision it recorded before).
    FetchFailed {
        /// The GitRepository.
        object: &'a str,
        /// Why.
        message: &'a str,
    },
    /// A Kustomization (`Kustomization/ns/name`) is about to be reconciled.
    Reconciling {
        /// The Kustomization.
        object: &'a str,
    },
    /// Its reconciliation ended.
    Reconciled {
        /// The Kustomization.
        object: &'a str,
        /// What it did.
        report: &'a Report,
    },
    /// A Kustomization is left alone.
    Skipped {
        /// The Kustomization.
        object: &'a str,
        /// Why.
        why: &'a str,
    },
}

/// What happened to one nested Kustomization.
#[derive(Clone, Debug)]
pub struct Nested {
    /// `Kustomization/ns/name`.
    pub object: String,
    /// Its reconciliation.
    pub report: Report,
}

fn key(ns: &str, name: &str) -> (String, String) {
    (ns.to_string(), name.to_string())
}

/// The Kustomizations of a change set, with whether they were created or changed.
fn kustomizations(changes: &ChangeSet) -> Vec<((String, String), bool)> {
    changes
        .entries
        .iter()
        .filter(|e| e.object.kind == "Kustomization" && e.object.group == KUSTOMIZE_API_GROUP)
        .filter(|e| e.action != Action::Deleted && e.action != Action::Skipped)
        .map(|e| {
            (
                key(&e.object.namespace, &e.object.name),
                matches!(e.action, Action::Created | Action::Configured),
            )
        })
        .collect()
}

/// `batch` in `dependsOn` order: a Kustomization comes after those of the batch it depends
/// on (dependencies outside the batch are the engine's to check); a cycle keeps the given
/// order for what is left.
pub fn dependency_order(batch: Vec<Kustomization>) -> Vec<Kustomization> {
    let keys: Vec<(String, String)> = batch.iter().map(|k| key(&namespace(k), &name(k))).collect();
    let mut placed: BTreeSet<(String, String)> = BTreeSet::new();
    let mut left: Vec<(usize, Kustomization)> = batch.into_iter().enumerate().collect();
    let mut out = Vec::with_capacity(left.len());
    while !left.is_empty() {
        let ready = left.iter().position(|(_, k)| {
            k.spec
                .depends_on
                .as_deref()
                .unwrap_or_default()
                .iter()
                .map(|d| dependency_key(k, d))
                .all(|d| placed.contains(&d) || !keys.contains(&d))
        });
        let (i, k) = left.remove(ready.unwrap_or(0));
        placed.insert(keys[i].clone());
        out.push(k);
    }
    out
}

fn namespace(k: &Kustomization) -> String {
    k.metadata.namespace.clone().unwrap_or_default()
}

fn name(k: &Kustomization) -> String {
    k.metadata.name.clone().unwrap_or_default()
}

/// Whether a Kustomization has nothing to do: ready at its generation and at the revision
/// its GitRepository records now.
fn converged(ks: &Kustomization, source_revision: Option<&str>) -> bool {
    let applied = ks
        .status
        .as_ref()
        .and_then(|s| s.last_applied_revision.as_deref());
    ks.is_ready() && source_revision.is_some_and(|r| Some(r) == applied)
}

/// Reconciles the Kustomizations that the reconciliation of `root` (which made `changes`)
/// applied, and theirs in turn, as the module documentation describes; `step` is told each
/// step. Returns every nested Kustomization reconciled, in order.
pub async fn reconcile_nested(
    engine: &Engine,
    sources: &SourceOptions,
    root: &Kustomization,
    changes: &ChangeSet,
    step: &(dyn Fn(Step<'_>) + Send + Sync),
) -> Vec<Nested> {
    let client = engine.client().clone();
    let mut done: BTreeSet<(String, String)> = BTreeSet::from([key(&namespace(root), &name(root))]);
    let mut fetched: BTreeSet<(String, String)> = BTreeSet::new();
    if root.spec.source_ref.kind == "GitRepository" {
        fetched.insert(key(root.source_namespace(), &root.spec.source_ref.name));
    }
    let mut out: Vec<Nested> = Vec::new();
    let mut pending = kustomizations(changes);
    while !pending.is_empty() && out.len() < MAX_NESTED {
        let mut batch = Vec::new();
        let mut modified: BTreeSet<(String, String)> = BTreeSet::new();
        for (k, was_changed) in pending.drain(..) {
            if done.contains(&k)
                || batch
                    .iter()
                    .any(|b: &Kustomization| key(&namespace(b), &name(b)) == k)
            {
                continue;
            }
            let api: Api<Kustomization> = Api::namespaced(client.clone(), &k.0);
            let object = format!("Kustomization/{}/{}", k.0, k.1);
            match crate::cluster::retry(|| api.get_opt(&k.1)).await {
                Ok(Some(ks)) if ks.spec.suspend => {
                    done.insert(k);
                    step(Step::Skipped {
                        object: &object,
                        why: "it is suspended",
                    });
                }
                Ok(Some(ks)) if ks.metadata.deletion_timestamp.is_some() => {
                    done.insert(k);
                }
                Ok(Some(ks)) => {
                    if was_changed {
                        modified.insert(k);
                    }
                    batch.push(ks);
                }
                Ok(None) => {}
                Err(e) => {
                    done.insert(k);
                    step(Step::Skipped {
                        object: &object,
                        why: &cluster::describe(&e),
                    });
                }
            }
        }
        for ks in dependency_order(batch) {
            let k = key(&namespace(&ks), &name(&ks));
            done.insert(k.clone());
            let object = format!("Kustomization/{}/{}", k.0, k.1);
            let revision = fetch_source(&client, sources, &ks, &mut fetched, step).await;
            // Read again: a dependency reconciled just before may have changed nothing here,
            // but the object may have been written meanwhile.
            let api: Api<Kustomization> = Api::namespaced(client.clone(), &k.0);
            let Ok(Some(ks)) = crate::cluster::retry(|| api.get_opt(&k.1)).await else {
                continue;
            };
            if !modified.contains(&k) && converged(&ks, revision.as_deref()) {
                continue;
            }
            step(Step::Reconciling { object: &object });
            let report = Box::pin(engine.reconcile(&ks, &Request::default())).await;
            step(Step::Reconciled {
                object: &object,
                report: &report,
            });
            pending.extend(kustomizations(&report.changes));
            out.push(Nested { object, report });
            if out.len() >= MAX_NESTED {
                break;
            }
        }
    }
    out
}

/// Fetches the Kustomization's GitRepository once per run; returns the revision it records
/// afterwards (fetched or not).
async fn fetch_source(
    client: &kube::Client,
    sources: &SourceOptions,
    ks: &Kustomization,
    fetched: &mut BTreeSet<(String, String)>,
    step: &(dyn Fn(Step<'_>) + Send + Sync),
) -> Option<String> {
    if ks.spec.source_ref.kind != "GitRepository" {
        return None;
    }
    let (ns, name) = (ks.source_namespace().to_string(), ks.spec.source_ref.name.clone());
    let api: Api<GitRepository> = Api::namespaced(client.clone(), &ns);
    let repo = crate::cluster::retry(|| api.get_opt(&name))
        .await
        .ok()
        .flatten()?;
    if !fetched.insert(key(&ns, &name)) || repo.spec.suspend {
        return repo.artifact_revision().map(str::to_string);
    }
    let object = format!("GitRepository/{ns}/{name}");
    match crate::source::reconcile(client, &repo, sources).await {
        Ok(done) => {
            step(Step::Fetched {
                object: &object,
                revision: &done.revision,
            });
            Some(done.revision)
        }
        Err(e) => {
            step(Step::FetchFailed {
                object: &object,
                message: &e.message(),
            });
            repo.artifact_revision().map(str::to_string)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ks(name: &str, deps: &[&str]) -> Kustomization {
        let deps: Vec<_> = deps.iter().map(|d| json!({"name": d})).collect();
        serde_json::from_value(json!({
            "apiVersion": "kustomize.toolkit.fluxcd.io/v1", "kind": "Kustomization",
            "metadata": {"name": name, "namespace": "fleet"},
            "spec": {"interval": "5m", "prune": true, "dependsOn": deps,
                     "sourceRef": {"kind": "GitRepository", "name": "repo"}},
        }))
        .unwrap()
    }

    fn names(v: &[Kustomization]) -> Vec<String> {
        v.iter().map(name).collect()
    }

    #[test]
    fn dependencies_come_first() {
        let order = dependency_order(vec![
            ks("apps", &["infra", "crds"]),
            ks("infra", &["crds"]),
            ks("crds", &[]),
            ks("monitoring", &["elsewhere"]),
        ]);
        assert_eq!(names(&order), ["crds", "infra", "apps", "monitoring"]);
    }

    #[test]
    fn a_cycle_keeps_the_given_order() {
        let order = dependency_order(vec![ks("a", &["b"]), ks("b", &["a"]), ks("c", &["a"])]);
        assert_eq!(names(&order), ["a", "b", "c"]);
    }
}
