//! Tracing an object back through the delivery pipeline: the Kustomization or HelmRelease
//! whose owner labels it carries, and that object's source (for a HelmRelease: the source of
//! `spec.chartRef`, or the HelmChart `spec.chart` made and that chart's source).

use k8s_openapi::apimachinery::pkg::apis::meta::v1::APIResourceList;
use kube::api::ApiResource;

use super::object::{FluxStatus, LiveObject};
use super::{Error, FluxClient, FluxKind, Result, inventory};
use crate::api::meta::{KUSTOMIZE_NAME_LABEL, KUSTOMIZE_NAMESPACE_LABEL};

/// Label helm-controller puts on a release's objects: the HelmRelease's name.
pub const HELM_NAME_LABEL: &str = "helm.toolkit.fluxcd.io/name";
/// Label helm-controller puts on a release's objects: the HelmRelease's namespace.
pub const HELM_NAMESPACE_LABEL: &str = "helm.toolkit.fluxcd.io/namespace";
use crate::cluster::{self, ObjectRef, ResourceInfo};

/// Where an object comes from.
#[derive(Clone, Debug, PartialEq)]
pub struct Trace {
    /// The object traced.
    pub object: ObjectRef,
    /// The Kustomization or HelmRelease that applied it.
    pub owner: LiveObject,
    /// Whether the owner's inventory lists the object (`None`: the owner has no inventory,
    /// as a HelmRelease of upstream's helm-controller).
    pub in_inventory: Option<bool>,
    /// The owner's source, when its kind is known and it exists.
    pub source: Option<LiveObject>,
    /// The source reference (`Kind/ns/name`), also when the source is missing.
    pub source_ref: Option<ObjectRef>,
    /// For a HelmChart source: the chart's own source (HelmRepository, GitRepository,
    /// Bucket), when it exists.
    pub chart_source: Option<LiveObject>,
}

fn source_object_ref(src: &serde_json::Value, default_ns: &str) -> Option<ObjectRef> {
    match (src["kind"].as_str(), src["name"].as_str()) {
        (Some(k), Some(n)) => Some(ObjectRef {
            group: crate::api::source::SOURCE_GROUP.to_string(),
            version: "v1".into(),
            kind: k.to_string(),
            namespace: src["namespace"]
                .as_str()
                .filter(|n| !n.is_empty())
                .unwrap_or(default_ns)
                .to_string(),
            name: n.to_string(),
        }),
        _ => None,
    }
}

/// The source a Kustomization or HelmRelease takes its artifact from: `spec.sourceRef`, a
/// HelmRelease's `spec.chartRef`, or the HelmChart its `spec.chart` made
/// (`status.helmChart`, else `<namespace>-<name>` in the source's namespace).
pub fn owner_source(owner: &LiveObject) -> Option<ObjectRef> {
    let ns = owner.namespace();
    if owner.kind != FluxKind::HelmRelease {
        return source_object_ref(&owner.spec()["sourceRef"], ns);
    }
    if let Some(r) = source_object_ref(&owner.spec()["chartRef"], ns) {
        return Some(r);
    }
    let template = &owner.spec()["chart"]["spec"]["sourceRef"];
    if template.is_null() {
        return None;
    }
    let (chart_ns, chart_name) = match owner.status()["helmChart"]
        .as_str()
        .and_then(|c| c.split_once('/'))
    {
        Some((a, b)) => (a.to_string(), b.to_string()),
        None => (
            template["namespace"]
                .as_str()
                .filter(|n| !n.is_empty())
                .unwrap_or(ns)
                .to_string(),
            format!("{ns}-{}", owner.name()),
        ),
    };
    Some(ObjectRef {
        group: crate::api::source::SOURCE_GROUP.to_string(),
        version: "v1".into(),
        kind: "HelmChart".into(),
        namespace: chart_ns,
        name: chart_name,
    })
}

fn matches(r: &k8s_openapi::apimachinery::pkg::apis::meta::v1::APIResource, group: &str, want: &str) -> bool {
    let want = want.to_ascii_lowercase();
    let (want_name, want_group) = match want.split_once('.') {
        Some((n, g)) => (n.to_string(), Some(g.to_string())),
        None => (want.clone(), None),
    };
    if let Some(g) = &want_group
        && g != group
    {
        return false;
    }
    r.kind.to_ascii_lowercase() == want_name
        || r.name == want_name
        || (!r.singular_name.is_empty() && r.singular_name == want_name)
        || r.short_names.as_ref().is_some_and(|s| s.contains(&want_name))
}

fn info_from(list: &APIResourceList, api_version: &str, want: &str) -> Option<ResourceInfo> {
    let (group, version) = cluster::object::split_api_version(api_version);
    list.resources
        .iter()
        .filter(|r| !r.name.contains('/'))
        .find(|r| matches(r, group, want))
        .map(|r| ResourceInfo {
            resource: ApiResource {
                group: group.to_string(),
                version: version.to_string(),
                api_version: api_version.to_string(),
                kind: r.kind.clone(),
                plural: r.name.clone(),
            },
            namespaced: r.namespaced,
            verbs: r.verbs.clone(),
        })
}

impl FluxClient {
    /// Resolves a resource type as kubectl does: kind, plural, singular or short name, any
    /// case, optionally `plural.group`; the core group first, then the other groups in the
    /// server's order (their preferred version). With `api_version`, only that group-version.
    pub async fn resolve_type(&self, name: &str, api_version: Option<&str>) -> Result<ResourceInfo> {
        let client = &self.client;
        let describe = |e: kube::Error| Error::Cluster(cluster::Error::from(e));
        if let Some(av) = api_version {
            let list = if av.contains('/') {
                client.list_api_group_resources(av).await
            } else {
                client.list_core_api_resources(av).await
            };
            let list = match list {
                Ok(l) => l,
                Err(e) if cluster::is_not_found(&e) => {
                    return Err(Error::UnknownApiVersion {
                        api_version: av.to_string(),
                    });
                }
                Err(e) => return Err(describe(e)),
            };
            return info_from(&list, av, name).ok_or_else(|| Error::UnknownResource {
                name: name.to_string(),
                api_version: Some(av.to_string()),
            });
        }
        let core = client.list_core_api_resources("v1").await.map_err(describe)?;
        if let Some(info) = info_from(&core, "v1", name) {
            return Ok(info);
        }
        let groups = client.list_api_groups().await.map_err(describe)?;
        for g in &groups.groups {
            let Some(pv) = g.preferred_version.as_ref().or(g.versions.first()) else {
                continue;
            };
            let list = match client.list_api_group_resources(&pv.group_version).await {
                Ok(l) => l,
                Err(e) if cluster::is_not_found(&e) => continue,
                Err(e) => return Err(describe(e)),
            };
            if let Some(info) = info_from(&list, &pv.group_version, name) {
                return Ok(info);
            }
        }
        Err(Error::UnknownResource {
            name: name.to_string(),
            api_version: None,
        })
    }

    /// Traces an object: reads it, follows its Kustomization owner labels, and reads the
    /// Kustomization and its source.
    pub async fn trace(&self, info: &ResourceInfo, namespace: &str, name: &str) -> Result<Trace> {
        let object = ObjectRef {
            group: info.resource.group.clone(),
            version: info.resource.version.clone(),
            kind: info.resource.kind.clone(),
            namespace: if info.namespaced {
                namespace.to_string()
            } else {
                String::new()
            },
            name: name.to_string(),
        };
        let api = self.api(&info.resource, info.namespaced.then_some(namespace));
        let live = crate::cluster::retry(|| api.get_opt(name))
            .await
            .map_err(|e| Error::Request {
                object: Box::new(object.clone()),
                message: cluster::describe(&e),
            })?
            .ok_or_else(|| Error::NotFound {
                object: Box::new(object.clone()),
            })?;
        let labels = live.metadata.labels.clone().unwrap_or_default();
        // A Kustomization's labels first: a HelmRelease applied by a Kustomization carries
        // them, and its objects carry helm-controller's.
        let owner = match (
            labels.get(KUSTOMIZE_NAME_LABEL),
            labels.get(KUSTOMIZE_NAMESPACE_LABEL),
            labels.get(HELM_NAME_LABEL),
            labels.get(HELM_NAMESPACE_LABEL),
        ) {
            (Some(n), Some(ns), _, _) => self.get(FluxKind::Kustomization, ns, n).await?,
            (_, _, Some(n), Some(ns)) => self.get(FluxKind::HelmRelease, ns, n).await?,
            _ => {
                return Err(Error::NotManaged {
                    object: Box::new(object),
                });
            }
        };
        let in_inventory = if owner.status()["inventory"]["entries"].is_array() {
            Some(inventory::entries(&owner)?.iter().any(|r| {
                r.group == object.group
                    && r.kind == object.kind
                    && r.namespace == object.namespace
                    && r.name == object.name
            }))
        } else if owner.kind == FluxKind::HelmRelease {
            None
        } else {
            Some(false)
        };
        let source_ref = owner_source(&owner);
        let source = match &source_ref {
            Some(r) => self.source_object(r).await?,
            None => None,
        };
        let chart_source = match &source {
            Some(chart) if chart.kind == FluxKind::HelmChart => {
                match source_object_ref(&chart.spec()["sourceRef"], chart.namespace()) {
                    Some(r) => self.source_object(&r).await?,
                    None => None,
                }
            }
            _ => None,
        };
        Ok(Trace {
            object,
            owner,
            in_inventory,
            source,
            source_ref,
            chart_source,
        })
    }

    /// A source object, when its kind is known and served and it exists.
    async fn source_object(&self, r: &ObjectRef) -> Result<Option<LiveObject>> {
        match FluxKind::parse(&r.kind) {
            Some(kind) if self.resource(kind).await?.is_some() => {
                self.get_opt(kind, &r.namespace, &r.name).await
            }
            _ => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::APIResource;

    #[test]
    fn types_match_like_kubectl() {
        let deploy = APIResource {
            name: "deployments".into(),
            singular_name: "deployment".into(),
            kind: "Deployment".into(),
            namespaced: true,
            short_names: Some(vec!["deploy".into()]),
            verbs: vec![],
            ..Default::default()
        };
        for ok in [
            "Deployment",
            "deployment",
            "deployments",
            "deploy",
            "deployments.apps",
        ] {
            assert!(matches(&deploy, "apps", ok), "{ok}");
        }
        assert!(!matches(&deploy, "apps", "deployments.extensions"));
        assert!(!matches(&deploy, "apps", "pod"));
    }
}
