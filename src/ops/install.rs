//! Applying flux-rs's own components (the objects of [`crate::manifests::install`]) with the
//! CLI's field manager, definitions first: what `install` does, and what `bootstrap` does
//! before the cluster syncs itself from Git.

use std::time::Duration;

use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::Pod;

use crate::apply::{self, ApplyOptions, Manager, Owner};

use super::DEFAULT_FIELD_MANAGER;

/// Applies installation objects with the field manager `flux` in stages (CRDs and the
/// namespace first, waited for), changing only what differs. `timeout` bounds the waits.
pub async fn apply_components(
    client: kube::Client,
    objects: Vec<serde_json::Value>,
    timeout: Duration,
) -> Result<apply::ChangeSet, apply::Error> {
    let manager = Manager::new(
        client,
        Owner {
            field_manager: DEFAULT_FIELD_MANAGER.into(),
            ..Default::default()
        },
    );
    manager
        .apply_all_staged(
            objects,
            &ApplyOptions {
                wait_timeout: timeout,
                ..Default::default()
            },
        )
        .await
}

/// Why a component Deployment is not ready, in plain words: replicas wanted and ready, and
/// the state of its first Pod that is not ready — or that no Pod exists (a cluster whose
/// controllers or scheduler create none, as the development cluster).
pub async fn why_not_ready(client: &kube::Client, deployment: &Deployment) -> String {
    let wanted = deployment.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1);
    let ready = deployment
        .status
        .as_ref()
        .and_then(|s| s.ready_replicas)
        .unwrap_or(0);
    let head = format!("{ready} of {wanted} replica(s) ready");
    let ns = deployment.metadata.namespace.as_deref().unwrap_or_default();
    let labels = deployment
        .spec
        .as_ref()
        .and_then(|s| s.selector.match_labels.as_ref());
    let Some(labels) = labels.filter(|l| !l.is_empty()) else {
        return head;
    };
    let selector: Vec<String> = labels.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let pods: kube::Api<Pod> = kube::Api::namespaced(client.clone(), ns);
    let list = match pods
        .list(&kube::api::ListParams::default().labels(&selector.join(",")))
        .await
    {
        Ok(l) => l.items,
        Err(e) => {
            return format!(
                "{head}; its Pods cannot be listed: {}",
                crate::cluster::describe(&e)
            );
        }
    };
    if list.is_empty() {
        return format!(
            "{head}: no Pod has been created for it (is a deployment controller running in the cluster?)"
        );
    }
    match list.iter().find(|p| !pod_ready(p)) {
        Some(p) => format!("{head}: {}", pod_state(p)),
        None => head,
    }
}

fn pod_ready(pod: &Pod) -> bool {
    pod.status
        .as_ref()
        .and_then(|s| s.conditions.as_ref())
        .is_some_and(|c| c.iter().any(|c| c.type_ == "Ready" && c.status == "True"))
}

/// `Pod/<name> <phase>`, then why: a waiting or terminated container's reason and message,
/// else an unmet Pod condition's (e.g. `PodScheduled`: Unschedulable).
fn pod_state(pod: &Pod) -> String {
    let name = pod.metadata.name.as_deref().unwrap_or_default();
    let status = pod.status.as_ref();
    let phase = status.and_then(|s| s.phase.as_deref()).unwrap_or("Pending");
    let mut why = None;
    for c in status
        .and_then(|s| s.container_statuses.as_deref())
        .unwrap_or_default()
    {
        let state = c.state.as_ref();
        if let Some(w) = state.and_then(|s| s.waiting.as_ref()) {
            why = Some((w.reason.clone(), w.message.clone()));
            break;
        }
        if let Some(t) = state.and_then(|s| s.terminated.as_ref()) {
            why = Some((t.reason.clone(), t.message.clone()));
            break;
        }
    }
    if why.is_none() {
        why = status
            .and_then(|s| s.conditions.as_deref())
            .unwrap_or_default()
            .iter()
            .find(|c| c.status != "True")
            .map(|c| (c.reason.clone().or(Some(c.type_.clone())), c.message.clone()));
    }
    match why {
        Some((reason, message)) => {
            let parts: Vec<String> = [reason, message]
                .into_iter()
                .flatten()
                .filter(|s| !s.is_empty())
                .collect();
            if parts.is_empty() {
                format!("Pod/{name} {phase}")
            } else {
                format!("Pod/{name} {phase}: {}", parts.join(": "))
            }
        }
        None => format!("Pod/{name} {phase}"),
    }
}
