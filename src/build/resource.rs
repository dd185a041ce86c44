//! Objects in a build and their identities, with the history of names and namespaces each
//! object had (kustomize's "previous ids"), which the name-reference fix-up uses to find what
//! a reference written against an old name now points to.

use serde_json::{Map, Value};

use crate::object::ObjectRef;

/// Where a resource came from (for `buildMetadata: [originAnnotations]`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Origin {
    /// File the resource was read from, relative to the top kustomization's directory (in a
    /// remote base: to the repository's top).
    pub path: Option<String>,
    /// For objects of a remote base: the repository's clone URL.
    pub repo: Option<String>,
    /// For objects of a remote base: the ref asked for, if any.
    pub git_ref: Option<String>,
    /// For generated objects: the kustomization that configured the generator.
    pub configured_in: Option<String>,
    /// For generated objects: the generator kind.
    pub configured_by: Option<String>,
    /// For objects of a generator configured in a file: its `metadata.name`.
    pub configured_name: Option<String>,
}

/// An id an object had earlier in the build (kustomize's "previous id"; the group and
/// version are always the current ones).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrevId {
    /// Kind.
    pub kind: String,
    /// Name.
    pub name: String,
    /// Namespace (as written; empty when unset).
    pub namespace: String,
}

/// One object of a build.
#[derive(Clone, Debug)]
pub struct Resource {
    /// The manifest (always a JSON object).
    pub obj: Map<String, Value>,
    /// Earlier ids, oldest first.
    pub prev: Vec<PrevId>,
    /// Prefixes applied, outermost last.
    pub prefixes: Vec<String>,
    /// Suffixes applied, outermost last.
    pub suffixes: Vec<String>,
    /// A generated object whose name gets a content hash.
    pub needs_hash: bool,
    /// Origin.
    pub origin: Origin,
    /// Key paths (list elements skipped) of null fields written with no text (`key:`),
    /// which a strategic merge patch removes while it keeps a written `null` or `~`.
    pub empty_nulls: Vec<Vec<String>>,
    /// Names of the vars that read this object.
    pub ref_vars: Vec<String>,
}

/// The (apiVersion, kind) pairs kustomize knows to be cluster-scoped: its built-in schema
/// (Kubernetes 1.21) decides, by exact apiVersion. Any other type, a custom one or a known
/// kind in another group or version, is treated as namespaced, as kustomize treats it.
const CLUSTER_SCOPED: &[(&str, &str)] = &[
    ("admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration"),
    (
        "admissionregistration.k8s.io/v1",
        "ValidatingWebhookConfiguration",
    ),
    (
        "admissionregistration.k8s.io/v1beta1",
        "MutatingWebhookConfiguration",
    ),
    (
        "admissionregistration.k8s.io/v1beta1",
        "ValidatingWebhookConfiguration",
    ),
    ("apiextensions.k8s.io/v1", "CustomResourceDefinition"),
    ("apiextensions.k8s.io/v1beta1", "CustomResourceDefinition"),
    ("apiregistration.k8s.io/v1", "APIService"),
    ("apiregistration.k8s.io/v1beta1", "APIService"),
    ("certificates.k8s.io/v1", "CertificateSigningRequest"),
    ("certificates.k8s.io/v1beta1", "CertificateSigningRequest"),
    ("flowcontrol.apiserver.k8s.io/v1beta1", "FlowSchema"),
    (
        "flowcontrol.apiserver.k8s.io/v1beta1",
        "PriorityLevelConfiguration",
    ),
    ("networking.k8s.io/v1", "IngressClass"),
    ("networking.k8s.io/v1beta1", "IngressClass"),
    ("node.k8s.io/v1", "RuntimeClass"),
    ("node.k8s.io/v1beta1", "RuntimeClass"),
    ("policy/v1beta1", "PodSecurityPolicy"),
    ("rbac.authorization.k8s.io/v1", "ClusterRole"),
    ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding"),
    ("rbac.authorization.k8s.io/v1beta1", "ClusterRole"),
    ("rbac.authorization.k8s.io/v1beta1", "ClusterRoleBinding"),
    ("scheduling.k8s.io/v1", "PriorityClass"),
    ("scheduling.k8s.io/v1beta1", "PriorityClass"),
    ("storage.k8s.io/v1", "CSIDriver"),
    ("storage.k8s.io/v1", "CSINode"),
    ("storage.k8s.io/v1", "StorageClass"),
    ("storage.k8s.io/v1", "VolumeAttachment"),
    ("storage.k8s.io/v1beta1", "CSIDriver"),
    ("storage.k8s.io/v1beta1", "CSINode"),
    ("storage.k8s.io/v1beta1", "StorageClass"),
    ("storage.k8s.io/v1beta1", "VolumeAttachment"),
    ("v1", "ComponentStatus"),
    ("v1", "Namespace"),
    ("v1", "Node"),
    ("v1", "NodeProxyOptions"),
    ("v1", "PersistentVolume"),
];

/// Whether kustomize treats objects of `api_version` and `kind` as cluster-scoped.
pub fn is_cluster_scoped(api_version: &str, kind: &str) -> bool {
    CLUSTER_SCOPED
        .iter()
        .any(|(a, k)| *a == api_version && *k == kind)
}

impl Resource {
    /// A resource for a manifest.
    pub fn new(obj: Map<String, Value>, origin: Origin) -> Resource {
        Resource {
            obj,
            prev: Vec::new(),
            prefixes: Vec::new(),
            suffixes: Vec::new(),
            needs_hash: false,
            origin,
            empty_nulls: Vec::new(),
            ref_vars: Vec::new(),
        }
    }

    /// `apiVersion`.
    pub fn api_version(&self) -> &str {
        self.obj.get("apiVersion").and_then(Value::as_str).unwrap_or("")
    }

    /// (group, version).
    pub fn group_version(&self) -> (&str, &str) {
        crate::object::split_api_version(self.api_version())
    }

    /// `kind`.
    pub fn kind(&self) -> &str {
        self.obj.get("kind").and_then(Value::as_str).unwrap_or("")
    }

    /// `metadata.name`.
    pub fn name(&self) -> &str {
        self.meta_str("name")
    }

    /// `metadata.namespace` (empty when unset).
    pub fn namespace(&self) -> &str {
        self.meta_str("namespace")
    }

    fn meta_str(&self, key: &str) -> &str {
        self.obj
            .get("metadata")
            .and_then(|m| m.get(key))
            .and_then(Value::as_str)
            .unwrap_or("")
    }

    /// The metadata map, created when missing.
    pub fn metadata_mut(&mut self) -> &mut Map<String, Value> {
        let m = self
            .obj
            .entry("metadata")
            .or_insert_with(|| Value::Object(Map::new()));
        if !m.is_object() {
            *m = Value::Object(Map::new());
        }
        m.as_object_mut().expect("metadata is an object")
    }

    /// Labels (`metadata.labels`), as a map when present.
    pub fn labels(&self) -> Option<&Map<String, Value>> {
        self.obj.get("metadata")?.get("labels")?.as_object()
    }

    /// Annotations (`metadata.annotations`), as a map when present.
    pub fn annotations(&self) -> Option<&Map<String, Value>> {
        self.obj.get("metadata")?.get("annotations")?.as_object()
    }

    /// Sets the name, remembering the old one.
    pub fn set_name(&mut self, name: String) {
        if name == self.name() {
            return;
        }
        self.remember();
        self.metadata_mut().insert("name".into(), Value::String(name));
    }

    /// Sets the namespace, remembering the old one.
    pub fn set_namespace(&mut self, ns: &str) {
        if ns == self.namespace() {
            return;
        }
        self.remember();
        self.metadata_mut()
            .insert("namespace".into(), Value::String(ns.to_string()));
    }

    /// Records the current id as a previous one (kustomize's `StorePreviousId`).
    pub fn remember(&mut self) {
        let cur = PrevId {
            kind: self.kind().to_string(),
            name: self.name().to_string(),
            namespace: self.namespace().to_string(),
        };
        self.prev.push(cur);
    }

    /// The original (kind, name, namespace): the oldest previous id, else the current one.
    pub fn org(&self) -> (&str, &str, &str) {
        self.prev
            .first()
            .map_or((self.kind(), self.name(), self.namespace()), |p| {
                (p.kind.as_str(), p.name.as_str(), p.namespace.as_str())
            })
    }

    /// Whether `name` is this resource's current or an earlier name.
    pub fn has_name(&self, name: &str) -> bool {
        self.name() == name || self.prev.iter().any(|p| p.name == name)
    }

    /// Whether `name` was an earlier name.
    pub fn had_name(&self, name: &str) -> bool {
        self.prev.iter().any(|p| p.name == name)
    }

    /// Whether the resource had (name, namespace) at some point, the current id included.
    /// An empty namespace and `default` are the same namespace.
    pub fn matches_any_id(&self, name: &str, ns: &str) -> bool {
        let eq = |a: &str, b: &str| a == b || (is_default_ns(a) && is_default_ns(b));
        (self.name() == name && eq(self.namespace(), ns))
            || self.prev.iter().any(|p| p.name == name && eq(&p.namespace, ns))
    }

    /// Whether the resource had (kind, name, namespace) at some point, the current id
    /// included (kustomize's `GetMatchingResourcesByAnyId`).
    pub fn matches_any_kind_id(&self, kind: &str, name: &str, ns: &str) -> bool {
        let eq = |a: &str, b: &str| a == b || (is_default_ns(a) && is_default_ns(b));
        (self.kind() == kind && self.name() == name && eq(self.namespace(), ns))
            || self
                .prev
                .iter()
                .any(|p| p.kind == kind && p.name == name && eq(&p.namespace, ns))
    }

    /// kustomize's effective namespace of a namespace as this object's type sees it:
    /// cluster-scoped objects have none, an empty namespace is `default`.
    pub fn effective_ns<'a>(&self, ns: &'a str) -> &'a str {
        if self.is_cluster_scoped() {
            CLUSTER_NS
        } else if ns.is_empty() {
            "default"
        } else {
            ns
        }
    }

    /// Identity.
    pub fn id(&self) -> ObjectRef {
        let (group, version) = self.group_version();
        ObjectRef {
            group: group.to_string(),
            version: version.to_string(),
            kind: self.kind().to_string(),
            namespace: self.namespace().to_string(),
            name: self.name().to_string(),
        }
    }

    /// Whether the kind is cluster-scoped.
    pub fn is_cluster_scoped(&self) -> bool {
        is_cluster_scoped(self.api_version(), self.kind())
    }
}

/// The effective namespace of cluster-scoped objects (never a real namespace name).
pub const CLUSTER_NS: &str = "_non_namespaceable_";

/// `""` and `default` denote the same namespace.
pub fn is_default_ns(ns: &str) -> bool {
    ns.is_empty() || ns == "default"
}

/// A key identifying a resource for duplicate detection, as kustomize's `ResId.Equals`: group,
/// version, kind, namespace, name (`default` equals no namespace). Two versions of one kind
/// (a CRD's `v1` and `v2` samples) are different resources.
pub fn id_key(r: &Resource) -> [String; 5] {
    let (g, v) = r.group_version();
    let ns = if is_default_ns(r.namespace()) || r.is_cluster_scoped() {
        String::new()
    } else {
        r.namespace().to_string()
    };
    [
        g.to_string(),
        v.to_string(),
        r.kind().to_string(),
        ns,
        r.name().to_string(),
    ]
}

/// The resources of a build, in insertion order.
#[derive(Clone, Debug, Default)]
pub struct ResMap {
    /// The resources.
    pub items: Vec<Resource>,
    /// Field specs added by `configurations` here and in the kustomizations included.
    pub config: super::config::TransformerConfig,
    /// Vars defined here and in the kustomizations included.
    pub vars: Vec<super::vars::Var>,
    /// The `openapi` setting of the build (the first kustomization to set it decides).
    pub schema: Option<std::rc::Rc<super::openapi::Setting>>,
}

impl ResMap {
    /// Appends resources, refusing duplicate ids. `origin` describes the batch for messages.
    pub fn append_all(&mut self, more: Vec<Resource>, origin: &str) -> super::Result<()> {
        let mut seen: std::collections::HashSet<[String; 5]> = self.items.iter().map(id_key).collect();
        for r in more {
            let key = id_key(&r);
            if !seen.insert(key) {
                let from = match &r.origin.path {
                    Some(p) => format!("{p}, {origin}"),
                    None => origin.to_string(),
                };
                return Err(super::Error::Object {
                    object: Box::new(r.id()),
                    message: format!(
                        "may not add resource with an already registered id (added again by {from})"
                    ),
                });
            }
            self.items.push(r);
        }
        Ok(())
    }
}

/// The identity of a manifest, with empty parts where fields are missing.
pub fn object_ref(v: &Value) -> ObjectRef {
    let (group, version) = crate::object::split_api_version(v["apiVersion"].as_str().unwrap_or(""));
    ObjectRef {
        group: group.to_string(),
        version: version.to_string(),
        kind: v["kind"].as_str().unwrap_or("").to_string(),
        namespace: v["metadata"]["namespace"].as_str().unwrap_or("").to_string(),
        name: v["metadata"]["name"].as_str().unwrap_or("").to_string(),
    }
}
