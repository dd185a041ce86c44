//! Removing what `install` created, in the order upstream's `flux uninstall` does it: the
//! components (Deployment, Service, service account, RBAC, network policies) found by their
//! labels, the finalizers of every Flux object (so deleting the CRDs cannot hang on a
//! controller that is gone), the `*.toolkit.fluxcd.io` CRDs (and with them every Flux object,
//! not the workloads they applied), then the namespace. The CLI decides what to print between
//! the steps; nothing here prints.

use kube::Client;
use kube::api::{Api, ApiResource, DynamicObject, ListParams, Patch, PatchParams};
use serde_json::json;

use super::{Error, FluxKind, Result};
use crate::api::meta::{INSTANCE_LABEL, PART_OF_FLUX, PART_OF_LABEL};
use crate::apply::{ApplyOptions, ChangeSet, Manager, Owner};
use crate::cluster::{self, Discovery, ObjectRef};

/// Namespaced kinds `install` creates, found by label.
const NAMESPACED_KINDS: &[(&str, &str)] = &[
    ("apps/v1", "Deployment"),
    ("v1", "Service"),
    ("v1", "ServiceAccount"),
    ("networking.k8s.io/v1", "NetworkPolicy"),
    ("rbac.authorization.k8s.io/v1", "RoleBinding"),
    ("rbac.authorization.k8s.io/v1", "Role"),
];
/// Cluster-scoped kinds `install` creates (besides the CRDs and the namespace).
const CLUSTER_KINDS: &[(&str, &str)] = &[
    ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding"),
    ("rbac.authorization.k8s.io/v1", "ClusterRole"),
];
const CRD: (&str, &str) = ("apiextensions.k8s.io/v1", "CustomResourceDefinition");

/// Finds and removes flux-rs's installation in one namespace.
pub struct Uninstall {
    client: Client,
    discovery: Discovery,
    namespace: String,
    manager: Manager,
}

impl Uninstall {
    /// The installation in `namespace`.
    pub fn new(client: Client, namespace: &str) -> Uninstall {
        Uninstall {
            discovery: Discovery::new(client.clone()),
            manager: Manager::new(client.clone(), Owner::default()),
            client,
            namespace: namespace.to_string(),
        }
    }

    /// The components `install` created in the namespace and cluster-wide, by their labels
    /// (`app.kubernetes.io/part-of=flux`, `app.kubernetes.io/instance=<namespace>`).
    pub async fn components(&self) -> Result<Vec<ObjectRef>> {
        let selector = format!(
            "{PART_OF_LABEL}={PART_OF_FLUX},{INSTANCE_LABEL}={}",
            self.namespace
        );
        let mut out = self
            .labelled(NAMESPACED_KINDS, Some(&self.namespace), &selector)
            .await?;
        out.extend(self.labelled(CLUSTER_KINDS, None, &selector).await?);
        Ok(out)
    }

    /// Flux objects of every kind (notifications included), in all namespaces, that carry
    /// finalizers.
    pub async fn finalized_objects(&self) -> Result<Vec<ObjectRef>> {
        let mut out = Vec::new();
        for kind in FluxKind::ALL.into_iter().chain(FluxKind::NOTIFICATION) {
            for version in kind.versions() {
                let api_version = format!("{}/{version}", kind.group());
                let Some(info) = self.discovery.resolve(&api_version, kind.kind()).await? else {
                    continue;
                };
                let api: Api<DynamicObject> = Api::all_with(self.client.clone(), &info.resource);
                let list = api
                    .list(&ListParams::default())
                    .await
                    .map_err(|e| cluster::Error::api(format!("listing {}", kind.plural()), e))?;
                out.extend(
                    list.into_iter()
                        .filter(|o| o.metadata.finalizers.as_ref().is_some_and(|f| !f.is_empty()))
                        .map(|o| object_ref(&api_version, kind.kind(), true, &o)),
                );
                break;
            }
        }
        Ok(out)
    }

    /// Removes every finalizer of the (Flux) object.
    pub async fn remove_finalizers(&self, object: &ObjectRef) -> Result<()> {
        let Some(info) = self
            .discovery
            .resolve(&object.api_version(), &object.kind)
            .await?
        else {
            return Ok(());
        };
        let api: Api<DynamicObject> =
            Api::namespaced_with(self.client.clone(), &object.namespace, &info.resource);
        match api
            .patch(
                &object.name,
                &PatchParams::default(),
                &Patch::Merge(json!({"metadata": {"finalizers": null}})),
            )
            .await
        {
            Ok(_) => Ok(()),
            Err(e) if cluster::is_not_found(&e) => Ok(()),
            Err(e) => Err(Error::Request {
                object: Box::new(object.clone()),
                message: cluster::describe(&e),
            }),
        }
    }

    /// The `*.toolkit.fluxcd.io` CRDs labelled as part of Flux.
    pub async fn crds(&self) -> Result<Vec<ObjectRef>> {
        let selector = format!("{PART_OF_LABEL}={PART_OF_FLUX}");
        Ok(self
            .labelled(&[CRD], None, &selector)
            .await?
            .into_iter()
            .filter(|r| r.name.ends_with(".toolkit.fluxcd.io"))
            .collect())
    }

    /// The namespace, when it exists.
    pub async fn namespace(&self) -> Result<Option<ObjectRef>> {
        let api: Api<DynamicObject> = Api::all_with(
            self.client.clone(),
            &ApiResource::erase::<k8s_openapi::api::core::v1::Namespace>(&()),
        );
        let found = api
            .get_opt(&self.namespace)
            .await
            .map_err(|e| cluster::Error::api(format!("reading namespace {}", self.namespace), e))?;
        Ok(found.map(|_| ObjectRef {
            group: String::new(),
            version: "v1".into(),
            kind: "Namespace".into(),
            namespace: String::new(),
            name: self.namespace.clone(),
        }))
    }

    /// Deletes the objects (background propagation, reverse apply order).
    pub async fn delete(&self, objects: &[ObjectRef]) -> Result<ChangeSet> {
        Ok(self.manager.delete_all(objects).await?)
    }

    /// Waits until none of the objects exists any more, for at most `timeout`.
    pub async fn wait_gone(&self, objects: &[ObjectRef], timeout: std::time::Duration) -> Result<()> {
        let opts = ApplyOptions {
            wait_timeout: timeout,
            ..ApplyOptions::default()
        };
        Ok(self.manager.wait_for_deletion(objects, &opts).await?)
    }

    async fn labelled(
        &self,
        kinds: &[(&str, &str)],
        namespace: Option<&str>,
        selector: &str,
    ) -> Result<Vec<ObjectRef>> {
        let mut out = Vec::new();
        for (api_version, kind) in kinds {
            let Some(info) = self.discovery.resolve(api_version, kind).await? else {
                continue;
            };
            let api: Api<DynamicObject> = match namespace {
                Some(ns) => Api::namespaced_with(self.client.clone(), ns, &info.resource),
                None => Api::all_with(self.client.clone(), &info.resource),
            };
            let list = api
                .list(&ListParams::default().labels(selector))
                .await
                .map_err(|e| cluster::Error::api(format!("listing {kind}"), e))?;
            out.extend(
                list.iter()
                    .map(|o| object_ref(api_version, kind, info.namespaced, o)),
            );
        }
        Ok(out)
    }
}

fn object_ref(api_version: &str, kind: &str, namespaced: bool, obj: &DynamicObject) -> ObjectRef {
    let (group, version) = cluster::object::split_api_version(api_version);
    ObjectRef {
        group: group.into(),
        version: version.into(),
        kind: kind.into(),
        namespace: if namespaced {
            obj.metadata.namespace.clone().unwrap_or_default()
        } else {
            String::new()
        },
        name: obj.metadata.name.clone().unwrap_or_default(),
    }
}
