//! `flux-rs diff --cluster`: the fleet of the working tree (rendered as `diff --base`
//! renders it, `substituteFrom` read from the cluster) against the live cluster, each
//! Kustomization compared as `diff kustomization` compares one (LIST and compare, server-side
//! dry-run of the candidates; nothing is changed), plus what each inventory would prune.

use std::collections::BTreeMap;
use std::sync::Arc;

use anyhow::Context as _;
use kube::api::Api;

use super::CliContext;
use super::diff::{compare_masked_secrets_by_keys, hide_encrypted_values};
use crate::api::Kustomization;
use crate::apply::{DiffAction, DiffEntry, DiffOptions, Manager, Plan};
use crate::diff::Presented;
use crate::fleet::compare::{Action, KustomizationDiff, ObjectChange, Report, State, image_changes};
use crate::fleet::render::{Fleet, Outcome, Rendered, Variables};

/// What the left side of a cluster comparison is called.
pub const CLUSTER: &str = "cluster";

/// Renders the working tree's fleet and compares each Kustomization with the cluster.
pub async fn compare(ctx: &CliContext, mut req: crate::fleet::Request) -> anyhow::Result<Report> {
    let client = ctx.reachable_client().await?;
    let handle = tokio::runtime::Handle::current();
    let reader = client.clone();
    req.variables = Variables::Reader(Arc::new(move |ks: &Kustomization| {
        let has_refs = ks
            .spec
            .post_build
            .as_ref()
            .and_then(|p| p.substitute_from.as_ref())
            .is_some_and(|r| !r.is_empty());
        if !has_refs {
            return Ok(BTreeMap::new());
        }
        handle
            .block_on(crate::engine::substitute::variables(&reader, ks))
            .map_err(Into::into)
    }));
    let fleet = tokio::task::spawn_blocking(move || crate::fleet::render_working_tree(&req))
        .await
        .context("the fleet rendering stopped")??;
    let plans = plans(&client, &fleet).await;
    Ok(report(&fleet, plans))
}

/// The plan of one Kustomization, or why there is none.
type Planned = Result<(Plan, bool), String>;

/// Each built Kustomization's plan against the cluster (`true`: it exists there).
async fn plans(client: &kube::Client, fleet: &Fleet) -> BTreeMap<String, Planned> {
    let mut out = BTreeMap::new();
    for (key, r) in &fleet.kustomizations {
        let Outcome::Objects { objects, masked } = &r.outcome else {
            continue;
        };
        let plan = plan(client, r, objects, masked.as_deref().unwrap_or(objects)).await;
        out.insert(key.clone(), plan);
    }
    out
}

async fn plan(
    client: &kube::Client,
    r: &Rendered,
    objects: &[serde_json::Value],
    masked: &[serde_json::Value],
) -> Planned {
    let ks = &r.kustomization;
    let name = ks.metadata.name.clone().unwrap_or_default();
    let namespace = ks.metadata.namespace.clone().unwrap_or_default();
    if ks.spec.kube_config.is_some() {
        return Err("applies to a remote cluster (spec.kubeConfig): not compared".into());
    }
    let api: Api<Kustomization> = Api::namespaced(client.clone(), &namespace);
    let live = match crate::cluster::retry(|| api.get_opt(&name)).await {
        Ok(l) => l,
        Err(e) if crate::cluster::is_not_found(&e) => None,
        Err(e) => return Err(format!("cannot get it: {}", crate::cluster::describe(&e))),
    };
    let previous = match live
        .as_ref()
        .and_then(|l| l.status.as_ref())
        .and_then(|s| s.inventory.as_ref())
    {
        Some(inv) if ks.spec.prune => Some(
            crate::engine::status::inventory_from_status(inv)
                .map_err(|e| format!("status.inventory: {e}"))?,
        ),
        _ => None,
    };
    let owner = crate::engine::owner(&namespace, &name, crate::engine::DEFAULT_FIELD_MANAGER);
    let mut plan = Manager::new(client.clone(), owner)
        .diff(
            objects.to_vec(),
            &DiffOptions {
                force: ks.spec.force,
                previous,
            },
        )
        .await
        .map_err(|e| format!("{e:#}"))?;
    compare_masked_secrets_by_keys(&mut plan);
    hide_encrypted_values(&mut plan, masked);
    Ok((plan, live.is_some()))
}

fn change(e: &DiffEntry, action: Action, from: Option<String>, kustomization: &str) -> ObjectChange {
    let p = Presented::new(e.live.as_ref(), e.after.as_ref());
    let id = e.object.to_string();
    let b = p.before.as_ref().map(crate::diff::yaml).unwrap_or_default();
    let a = p.after.as_ref().map(crate::diff::yaml).unwrap_or_default();
    let diff = if action == Action::Deleted {
        String::new()
    } else {
        crate::diff::unified(
            &b,
            &a,
            &format!("{id} ({CLUSTER})"),
            &format!("{id} (working tree, {kustomization})"),
        )
    };
    ObjectChange {
        action,
        api_version: e.object.api_version(),
        kind: e.object.kind.clone(),
        namespace: e.object.namespace.clone(),
        name: e.object.name.clone(),
        from,
        diff,
    }
}

/// Turns the plans into the fleet report: an object a prune would delete from one
/// Kustomization but that another builds is moved, not deleted (its labels change).
fn report(fleet: &Fleet, mut plans: BTreeMap<String, Planned>) -> Report {
    // Which Kustomization builds each object now.
    let mut builder: BTreeMap<String, String> = BTreeMap::new();
    for (key, planned) in &plans {
        if let Ok((plan, _)) = planned {
            for e in plan.entries.iter().filter(|e| e.action != DiffAction::Deleted) {
                builder.insert(e.object.to_string(), key.clone());
            }
        }
    }
    // Deleted from one, built by another: moved from the first.
    let mut moved_from: BTreeMap<String, String> = BTreeMap::new();
    for (key, planned) in &mut plans {
        if let Ok((plan, _)) = planned {
            plan.entries.retain(|e| {
                let id = e.object.to_string();
                match builder.get(&id) {
                    Some(other) if e.action == DiffAction::Deleted && other != key => {
                        moved_from.insert(id, key.clone());
                        false
                    }
                    _ => true,
                }
            });
        }
    }
    let mut out = Vec::new();
    for (key, r) in &fleet.kustomizations {
        let (namespace, name) = key.split_once('/').unwrap_or(("", key));
        let mut d = KustomizationDiff {
            namespace: namespace.to_string(),
            name: name.to_string(),
            path: r.kustomization.spec.path.clone().unwrap_or_default(),
            parent: r.parent.clone(),
            state: State::Unchanged,
            reason: None,
            changes: Vec::new(),
            images: Vec::new(),
            unresolved: r.unresolved.iter().cloned().collect(),
            notes: r.notes.clone(),
        };
        match (&r.outcome, plans.get(key)) {
            (Outcome::Failed(e), _) => {
                d.state = State::Error;
                d.reason = Some(e.clone());
            }
            (Outcome::NotRendered(why), _) => {
                d.state = State::NotRendered;
                d.reason = Some(why.clone());
            }
            (_, Some(Err(e))) => {
                d.state = State::Error;
                d.reason = Some(e.clone());
            }
            (_, Some(Ok((plan, exists)))) => {
                for e in &plan.entries {
                    let id = e.object.to_string();
                    let (action, from) = match e.action {
                        DiffAction::Created => (Action::Created, None),
                        DiffAction::Drifted => match moved_from.get(&id) {
                            Some(from) => (Action::Moved, Some(from.clone())),
                            None => (Action::Changed, None),
                        },
                        DiffAction::Deleted => (Action::Deleted, None),
                        DiffAction::Skipped => {
                            d.notes.push(format!(
                                "{id} skipped: {}",
                                e.reason.as_deref().unwrap_or_default()
                            ));
                            continue;
                        }
                        DiffAction::Unchanged => continue,
                    };
                    d.images.extend(image_changes(e.live.as_ref(), e.after.as_ref()));
                    d.changes.push(change(e, action, from, key));
                }
                d.changes.sort_by_key(|c| (c.action, c.id()));
                d.state = if !exists {
                    State::Created
                } else if d.changes.is_empty() {
                    State::Unchanged
                } else {
                    State::Changed
                };
            }
            (Outcome::Objects { .. }, None) => {}
        }
        out.push(d);
    }
    Report::new(CLUSTER, "working tree", out)
}
