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
//! Only objects that still carry the Kustomization's owner labels are deleted, and never
//! those annotated `kustomize.toolkit.fluxcd.io/prune: disabled` (or `reconcile: disabled`,
//! `ssa: Ignore`). Deletion impersonates `spec.serviceAccountName` and targets the cluster of
//! `spec.kubeConfig`, like the applies did; when that account or kubeconfig Secret no longer
//! exists the objects are left in place (as upstream does) instead of blocking the deletion.

use std::collections::BTreeMap;
use std::time::Duration;

use k8s_openapi::api::core::v1::{Secret, ServiceAccount};
use kube::api::{Api, DynamicObject};
use kube::config::{KubeConfigOptions, Kubeconfig};
use kube::{Client, Config};

use crate::api::Kustomization;
use crate::api::meta::{KUSTOMIZE_NAME_LABEL, KUSTOMIZE_NAMESPACE_LABEL};
use crate::apply::{self, ApplyOptions, ChangeSet, Manager, Owner};
use crate::cluster::{self, ObjectRef};

/// Field manager of the controller's writes to applied objects.
pub const FIELD_MANAGER: &str = "kustomize-controller";

/// Annotations whose value `disabled` / `ignore` (any case) protects an object from deletion.
const PROTECTING: [(&str, &str); 3] = [
    ("kustomize.toolkit.fluxcd.io/prune", "disabled"),
    ("kustomize.toolkit.fluxcd.io/reconcile", "disabled"),
    ("kustomize.toolkit.fluxcd.io/ssa", "ignore"),
];

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

/// Parses an inventory id `<namespace>_<name>_<group>_<kind>` (namespace and group may be
/// empty; names may contain `_`, and `__` stands for `:` as in RBAC names such as
/// `system:controller`).
pub fn parse_inventory_id(id: &str, version: &str) -> Option<ObjectRef> {
    let (namespace, rest) = id.split_once('_')?;
    let (rest, kind) = rest.rsplit_once('_')?;
    let (name, group) = rest.rsplit_once('_')?;
    if name.is_empty() || kind.is_empty() || version.is_empty() {
        return None;
    }
    Some(ObjectRef {
        group: group.to_string(),
        version: version.to_string(),
        kind: kind.to_string(),
        namespace: namespace.to_string(),
        name: name.replace("__", ":"),
    })
}

/// The objects of a Kustomization's inventory; ids that do not parse are returned apart.
pub fn inventory(ks: &Kustomization) -> (Vec<ObjectRef>, Vec<String>) {
    let mut refs = Vec::new();
    let mut invalid = Vec::new();
    let entries = ks
        .status
        .as_ref()
        .and_then(|s| s.inventory.as_ref())
        .map(|i| i.entries.as_slice());
    for e in entries.unwrap_or_default() {
        match parse_inventory_id(&e.id, &e.v) {
            Some(r) => refs.push(r),
            None => invalid.push(e.id.clone()),
        }
    }
    (refs, invalid)
}

/// Whether a live object may be deleted on behalf of the Kustomization `namespace/name`:
/// it carries its owner labels and no protecting annotation. `Err` says why not.
pub fn may_delete(live: &serde_json::Value, namespace: &str, name: &str) -> Result<(), String> {
    let labels = &live["metadata"]["labels"];
    if labels[KUSTOMIZE_NAME_LABEL] != name || labels[KUSTOMIZE_NAMESPACE_LABEL] != namespace {
        return Err("it is not labelled as owned by this Kustomization".into());
    }
    let annotations = &live["metadata"]["annotations"];
    for (key, value) in PROTECTING {
        if annotations[key]
            .as_str()
            .is_some_and(|v| v.eq_ignore_ascii_case(value))
        {
            return Err(format!("it is annotated {key}: {value}"));
        }
    }
    Ok(())
}

/// What garbage collection did.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// The deletions (and objects already gone, as skipped).
    pub changes: ChangeSet,
    /// Objects left in place, and why.
    pub kept: Vec<(ObjectRef, String)>,
    /// Why nothing was attempted, if so.
    pub skipped: Option<String>,
}

/// Why garbage collection failed (the finalizer stays and it is retried).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Deleting or waiting failed.
    #[error(transparent)]
    Apply(#[from] apply::Error),
    /// Reading an object, the service account or the kubeconfig Secret failed.
    #[error("{0}")]
    Api(String),
    /// The kubeconfig of `spec.kubeConfig` is unusable.
    #[error("spec.kubeConfig: {0}")]
    KubeConfig(String),
}

/// The client that acts for the Kustomization (impersonation, remote cluster), or `None`
/// (with the reason) when the account or kubeconfig it names no longer exists.
pub async fn client_for(
    client: &Client,
    config: &Config,
    ks: &Kustomization,
) -> Result<Result<Client, String>, Error> {
    let ns = ks.metadata.namespace.as_deref().unwrap_or_default();
    let mut config = match ks.spec.kube_config.as_ref().and_then(|k| k.secret_ref.as_ref()) {
        None => config.clone(),
        Some(secret_ref) => {
            let secrets: Api<Secret> = Api::namespaced(client.clone(), ns);
            let secret = secrets.get_opt(&secret_ref.name).await.map_err(|e| {
                Error::Api(format!(
                    "Secret/{ns}/{}: {}",
                    secret_ref.name,
                    cluster::describe(&e)
                ))
            })?;
            let Some(secret) = secret else {
                return Ok(Err(format!(
                    "the kubeconfig Secret {ns}/{} does not exist",
                    secret_ref.name
                )));
            };
            let data = secret.data.unwrap_or_default();
            let keys: Vec<&str> = match &secret_ref.key {
                Some(k) => vec![k.as_str()],
                None => vec!["value", "value.yaml"],
            };
            let Some(bytes) = keys.iter().find_map(|k| data.get(*k)) else {
                return Err(Error::KubeConfig(format!(
                    "Secret {ns}/{} has no key {}",
                    secret_ref.name,
                    keys.join(" or ")
                )));
            };
            let text = String::from_utf8(bytes.0.clone()).map_err(|_| {
                Error::KubeConfig(format!(
                    "Secret {ns}/{}: the kubeconfig is not UTF-8",
                    secret_ref.name
                ))
            })?;
            let kc = Kubeconfig::from_yaml(&text).map_err(|e| {
                Error::KubeConfig(format!("Secret {ns}/{}: {}", secret_ref.name, cluster::chain(&e)))
            })?;
            Config::from_custom_kubeconfig(kc, &KubeConfigOptions::default())
                .await
                .map_err(|e| {
                    Error::KubeConfig(format!("Secret {ns}/{}: {}", secret_ref.name, cluster::chain(&e)))
                })?
        }
    };
    if let Some(sa) = ks.spec.service_account_name.as_deref().filter(|s| !s.is_empty()) {
        // On a remote cluster the account lives there; here we can check it exists.
        if ks.spec.kube_config.is_none() {
            let accounts: Api<ServiceAccount> = Api::namespaced(client.clone(), ns);
            let exists = accounts
                .get_opt(sa)
                .await
                .map_err(|e| Error::Api(format!("ServiceAccount/{ns}/{sa}: {}", cluster::describe(&e))))?
                .is_some();
            if !exists {
                return Ok(Err(format!("the service account {ns}/{sa} does not exist")));
            }
        }
        config.auth_info.impersonate = Some(format!("system:serviceaccount:{ns}:{sa}"));
    }
    if ks.spec.kube_config.is_none() && ks.spec.service_account_name.as_deref().is_none_or(str::is_empty) {
        return Ok(Ok(client.clone()));
    }
    Client::try_from(config)
        .map(Ok)
        .map_err(|e| Error::Api(cluster::describe(&e)))
}

/// Garbage-collects the inventory of a Kustomization being deleted, with `client` (from
/// [`client_for`]). With `wait`, returns once every deleted object is gone or fails after
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
    let manager = Manager::new(
        client.clone(),
        Owner {
            field_manager: FIELD_MANAGER.to_string(),
            labels: BTreeMap::new(),
        },
    );
    let mut report = Report::default();
    let mut to_delete = Vec::new();
    for r in refs {
        let Some(info) = manager
            .discovery()
            .resolve(&r.api_version(), &r.kind)
            .await
            .map_err(apply::Error::from)?
        else {
            report.kept.push((r, "its kind is no longer served".into()));
            continue;
        };
        let api: Api<DynamicObject> = if info.namespaced {
            Api::namespaced_with(client.clone(), &r.namespace, &info.resource)
        } else {
            Api::all_with(client.clone(), &info.resource)
        };
        let live = api
            .get_opt(&r.name)
            .await
            .map_err(|e| Error::Api(format!("{r}: {}", cluster::describe(&e))))?;
        let Some(live) = live else {
            continue;
        };
        let live = serde_json::to_value(&live).unwrap_or_default();
        match may_delete(&live, ns, name) {
            Ok(()) => to_delete.push(r),
            Err(why) => report.kept.push((r, why)),
        }
    }
    let changes = manager.delete_all(&to_delete).await?;
    if wait {
        let deleted: Vec<ObjectRef> = changes
            .entries
            .iter()
            .filter(|e| e.action == apply::Action::Deleted)
            .map(|e| e.object.clone())
            .collect();
        let opts = ApplyOptions {
            wait_timeout: timeout,
            poll_interval: Duration::from_secs(2),
        };
        manager.wait_for_deletion(&deleted, &opts).await?;
    }
    report.changes = changes;
    Ok(report)
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

    #[test]
    fn inventory_ids_parse() {
        let d = parse_inventory_id("apps_web_apps_Deployment", "v1").unwrap();
        assert_eq!(d.to_string(), "Deployment/apps/web");
        assert_eq!(d.api_version(), "apps/v1");
        let cm = parse_inventory_id("apps_settings__ConfigMap", "v1").unwrap();
        assert_eq!((cm.group.as_str(), cm.api_version().as_str()), ("", "v1"));
        let ns = parse_inventory_id("_apps__Namespace", "v1").unwrap();
        assert_eq!(ns.to_string(), "Namespace/apps");
        let role =
            parse_inventory_id("_system__flux_reader_rbac.authorization.k8s.io_ClusterRole", "v1").unwrap();
        assert_eq!(role.name, "system:flux_reader");
        assert_eq!(role.group, "rbac.authorization.k8s.io");
        let crd = parse_inventory_id(
            "_widgets.example.com_apiextensions.k8s.io_CustomResourceDefinition",
            "v1",
        )
        .unwrap();
        assert_eq!(crd.name, "widgets.example.com");
        for bad in ["", "nounderscore", "a_b", "ns__group_", "ns_name_group_Kind"] {
            let v = if bad == "ns_name_group_Kind" { "" } else { "v1" };
            assert!(parse_inventory_id(bad, v).is_none(), "{bad}");
        }
    }

    #[test]
    fn only_owned_unprotected_objects_are_deleted() {
        let owned = json!({"metadata": {"labels": {
            "kustomize.toolkit.fluxcd.io/name": "apps", "kustomize.toolkit.fluxcd.io/namespace": "flux-system"}}});
        assert_eq!(may_delete(&owned, "flux-system", "apps"), Ok(()));
        assert!(
            may_delete(&owned, "flux-system", "other")
                .unwrap_err()
                .contains("not labelled as owned")
        );
        assert!(may_delete(&json!({"metadata": {}}), "flux-system", "apps").is_err());
        let mut protected = owned.clone();
        protected["metadata"]["annotations"] = json!({"kustomize.toolkit.fluxcd.io/prune": "Disabled"});
        assert_eq!(
            may_delete(&protected, "flux-system", "apps").unwrap_err(),
            "it is annotated kustomize.toolkit.fluxcd.io/prune: disabled"
        );
        let mut ignored = owned;
        ignored["metadata"]["annotations"] = json!({"kustomize.toolkit.fluxcd.io/ssa": "Ignore"});
        assert!(may_delete(&ignored, "flux-system", "apps").is_err());
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
    }
}
