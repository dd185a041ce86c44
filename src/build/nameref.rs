//! Name-reference fix-ups: after prefixes, suffixes, namespaces, generator hashes and
//! patches changed ids, every field that refers to an object by name (kustomize's built-in
//! name-reference table, plus `configurations`) is rewritten to the referred object's new
//! name, following kustomize's rules:
//!
//! * A referrer sees the objects in its own namespace, cluster-scoped objects, and (for a
//!   RoleBinding) the namespaces of its ServiceAccount subjects; a cluster-scoped referrer
//!   sees everything.
//! * A candidate must have had the referenced name before (an object whose id never
//!   changed is never a candidate), with a kind the table names; for `roleRef/name` the
//!   roleRef's apiGroup and kind; it must be in the referrer's current namespace unless
//!   either is cluster-scoped or it is a ServiceAccount.
//! * Of several, those with the referrer's prefixes and suffixes win; still several with
//!   different names is an error ("found multiple possible referrals").
//! * A reference that is a map (`subjects`, a webhook's `clientConfig.service`) gets the
//!   referral's name and namespace; a subject with a namespace picks candidates from that
//!   (original, then current) namespace.

use serde_json::Value;

use super::resource::{CLUSTER_NS, ResMap, Resource};
use super::{Error, Result};

/// A type selector: empty parts match anything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Gvk {
    /// API group.
    pub group: String,
    /// Version.
    pub version: String,
    /// Kind.
    pub kind: String,
}

impl Gvk {
    fn new(group: &str, version: &str, kind: &str) -> Gvk {
        Gvk {
            group: group.into(),
            version: version.into(),
            kind: kind.into(),
        }
    }

    /// Whether an object of (group, version, kind) is selected.
    pub fn selects(&self, group: &str, version: &str, kind: &str) -> bool {
        (self.group.is_empty() || self.group == group)
            && (self.version.is_empty() || self.version == version)
            && (self.kind.is_empty() || self.kind == kind)
    }
}

/// One field that refers to objects of `referral` by name: in objects selected by
/// `referrer`, at `path` (`/`-separated, `\/` for a slash inside a key).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Backref {
    /// The referred type.
    pub referral: Gvk,
    /// The referring type.
    pub referrer: Gvk,
    /// The field.
    pub path: String,
}

/// Where a pod spec is in each workload kind: (group, version, kind, prefix).
const POD_HOLDERS: &[(&str, &str, &str, &str)] = &[
    ("", "v1", "Pod", "spec"),
    ("", "", "PodTemplate", "template/spec"),
    ("", "", "Deployment", "spec/template/spec"),
    ("", "", "ReplicaSet", "spec/template/spec"),
    ("", "", "DaemonSet", "spec/template/spec"),
    ("", "", "StatefulSet", "spec/template/spec"),
    ("", "", "Job", "spec/template/spec"),
    ("", "", "CronJob", "spec/jobTemplate/spec/template/spec"),
];

/// Fields of a pod spec naming ConfigMaps.
const POD_CONFIG_MAPS: &[&str] = &[
    "volumes/configMap/name",
    "containers/env/valueFrom/configMapKeyRef/name",
    "initContainers/env/valueFrom/configMapKeyRef/name",
    "containers/envFrom/configMapRef/name",
    "initContainers/envFrom/configMapRef/name",
    "volumes/projected/sources/configMap/name",
];

/// Fields of a pod spec naming Secrets.
const POD_SECRETS: &[&str] = &[
    "volumes/secret/secretName",
    "containers/env/valueFrom/secretKeyRef/name",
    "initContainers/env/valueFrom/secretKeyRef/name",
    "containers/envFrom/secretRef/name",
    "initContainers/envFrom/secretRef/name",
    "imagePullSecrets/name",
    "volumes/projected/sources/secret/name",
];

/// Kinds whose pod template names a ServiceAccount, a PVC and a PriorityClass (kustomize
/// lists ReplicationController here, not ReplicaSet or PodTemplate).
const POD_OWNERS: &[(&str, &str)] = &[
    ("Pod", "spec"),
    ("StatefulSet", "spec/template/spec"),
    ("Deployment", "spec/template/spec"),
    ("ReplicationController", "spec/template/spec"),
    ("CronJob", "spec/jobTemplate/spec/template/spec"),
    ("Job", "spec/template/spec"),
    ("DaemonSet", "spec/template/spec"),
];

/// Other references: (referral group, version, kind), (referrer group, version, kind), path.
type Row = (
    (&'static str, &'static str, &'static str),
    (&'static str, &'static str, &'static str),
    &'static str,
);

const OTHER: &[Row] = &[
    (
        ("", "", "Deployment"),
        ("", "", "HorizontalPodAutoscaler"),
        "spec/scaleTargetRef/name",
    ),
    (
        ("", "", "ReplicationController"),
        ("", "", "HorizontalPodAutoscaler"),
        "spec/scaleTargetRef/name",
    ),
    (
        ("", "", "ReplicaSet"),
        ("", "", "HorizontalPodAutoscaler"),
        "spec/scaleTargetRef/name",
    ),
    (
        ("", "", "StatefulSet"),
        ("", "", "HorizontalPodAutoscaler"),
        "spec/scaleTargetRef/name",
    ),
    (
        ("", "v1", "ConfigMap"),
        ("", "", "Node"),
        "spec/configSource/configMap",
    ),
    (("", "v1", "ConfigMap"), ("", "", "Role"), "rules/resourceNames"),
    (
        ("", "v1", "ConfigMap"),
        ("", "", "ClusterRole"),
        "rules/resourceNames",
    ),
    (
        ("", "v1", "ConfigMap"),
        ("", "", "Ingress"),
        "metadata/annotations/nginx.ingress.kubernetes.io\\/fastcgi-params-configmap",
    ),
    (("", "v1", "Secret"), ("", "", "Ingress"), "spec/tls/secretName"),
    (
        ("", "v1", "Secret"),
        ("", "", "Ingress"),
        "metadata/annotations/ingress.kubernetes.io\\/auth-secret",
    ),
    (
        ("", "v1", "Secret"),
        ("", "", "Ingress"),
        "metadata/annotations/nginx.ingress.kubernetes.io\\/auth-secret",
    ),
    (
        ("", "v1", "Secret"),
        ("", "", "Ingress"),
        "metadata/annotations/nginx.ingress.kubernetes.io\\/auth-tls-secret",
    ),
    (
        ("", "v1", "Secret"),
        ("", "", "ServiceAccount"),
        "imagePullSecrets/name",
    ),
    (
        ("", "v1", "Secret"),
        ("", "", "StorageClass"),
        "parameters/secretName",
    ),
    (
        ("", "v1", "Secret"),
        ("", "", "StorageClass"),
        "parameters/adminSecretName",
    ),
    (
        ("", "v1", "Secret"),
        ("", "", "StorageClass"),
        "parameters/userSecretName",
    ),
    (
        ("", "v1", "Secret"),
        ("", "", "StorageClass"),
        "parameters/secretRef",
    ),
    (("", "v1", "Secret"), ("", "", "Role"), "rules/resourceNames"),
    (
        ("", "v1", "Secret"),
        ("", "", "ClusterRole"),
        "rules/resourceNames",
    ),
    (
        ("", "v1", "Secret"),
        ("serving.knative.dev", "v1", "Service"),
        "spec/template/spec/containers/env/valueFrom/secretKeyRef/name",
    ),
    (
        ("", "v1", "Secret"),
        ("", "", "PersistentVolume"),
        "spec/azureFile/secretName",
    ),
    (
        ("", "v1", "Service"),
        ("apps", "", "StatefulSet"),
        "spec/serviceName",
    ),
    (
        ("", "v1", "Service"),
        ("", "", "Ingress"),
        "spec/rules/http/paths/backend/serviceName",
    ),
    (
        ("", "v1", "Service"),
        ("", "", "Ingress"),
        "spec/backend/serviceName",
    ),
    (
        ("", "v1", "Service"),
        ("", "", "Ingress"),
        "spec/rules/http/paths/backend/service/name",
    ),
    (
        ("", "v1", "Service"),
        ("", "", "Ingress"),
        "spec/defaultBackend/service/name",
    ),
    (
        ("", "v1", "Service"),
        ("apiregistration.k8s.io", "", "APIService"),
        "spec/service/name",
    ),
    (
        ("", "v1", "Service"),
        (
            "admissionregistration.k8s.io",
            "",
            "ValidatingWebhookConfiguration",
        ),
        "webhooks/clientConfig/service",
    ),
    (
        ("", "v1", "Service"),
        ("admissionregistration.k8s.io", "", "MutatingWebhookConfiguration"),
        "webhooks/clientConfig/service",
    ),
    (
        ("rbac.authorization.k8s.io", "", "Role"),
        ("rbac.authorization.k8s.io", "", "RoleBinding"),
        "roleRef/name",
    ),
    (
        ("rbac.authorization.k8s.io", "", "ClusterRole"),
        ("rbac.authorization.k8s.io", "", "RoleBinding"),
        "roleRef/name",
    ),
    (
        ("rbac.authorization.k8s.io", "", "ClusterRole"),
        ("rbac.authorization.k8s.io", "", "ClusterRoleBinding"),
        "roleRef/name",
    ),
    (
        ("", "v1", "ServiceAccount"),
        ("rbac.authorization.k8s.io", "", "RoleBinding"),
        "subjects",
    ),
    (
        ("", "v1", "ServiceAccount"),
        ("rbac.authorization.k8s.io", "", "ClusterRoleBinding"),
        "subjects",
    ),
    (
        ("", "v1", "PersistentVolume"),
        ("", "", "PersistentVolumeClaim"),
        "spec/volumeName",
    ),
    (
        ("", "v1", "PersistentVolume"),
        ("", "", "ClusterRole"),
        "rules/resourceNames",
    ),
    (
        ("storage.k8s.io", "v1", "StorageClass"),
        ("", "", "PersistentVolume"),
        "spec/storageClassName",
    ),
    (
        ("storage.k8s.io", "v1", "StorageClass"),
        ("", "", "PersistentVolumeClaim"),
        "spec/storageClassName",
    ),
    (
        ("storage.k8s.io", "v1", "StorageClass"),
        ("", "", "StatefulSet"),
        "spec/volumeClaimTemplates/spec/storageClassName",
    ),
    // kustomize's IngressClass entry names the group "networking.k8s.io/v1", which no
    // object's group equals: it never applies, so it is left out.
    (
        ("admissionregistration.k8s.io", "", "ValidatingAdmissionPolicy"),
        (
            "admissionregistration.k8s.io",
            "",
            "ValidatingAdmissionPolicyBinding",
        ),
        "spec/policyName",
    ),
];

/// kustomize's built-in name-reference table.
pub fn builtin() -> Vec<Backref> {
    let mut out = Vec::new();
    let row = |referral: (&str, &str, &str), referrer: (&str, &str, &str), path: String| Backref {
        referral: Gvk::new(referral.0, referral.1, referral.2),
        referrer: Gvk::new(referrer.0, referrer.1, referrer.2),
        path,
    };
    for (fields, referral) in [(POD_CONFIG_MAPS, "ConfigMap"), (POD_SECRETS, "Secret")] {
        for (g, v, k, prefix) in POD_HOLDERS {
            for f in fields {
                out.push(row(("", "v1", referral), (g, v, k), format!("{prefix}/{f}")));
            }
        }
    }
    for (referral, field) in [
        ("ServiceAccount", "serviceAccountName"),
        ("PersistentVolumeClaim", "volumes/persistentVolumeClaim/claimName"),
        ("PriorityClass", "priorityClassName"),
    ] {
        let group = if referral == "PriorityClass" {
            "scheduling.k8s.io"
        } else {
            ""
        };
        for (k, prefix) in POD_OWNERS {
            out.push(row(
                (group, "v1", referral),
                ("", "", k),
                format!("{prefix}/{field}"),
            ));
        }
    }
    for (referral, referrer, path) in OTHER {
        out.push(row(*referral, *referrer, (*path).to_string()));
    }
    out
}

/// Splits a field path on `/`, keeping `\/` as a slash inside a segment.
pub fn split_path(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = path.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'/') => {
                cur.push('/');
                chars.next();
            }
            '/' => out.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    out.push(cur);
    out
}

/// What the fix-up needs to know of a possible referral.
struct Candidate {
    group: String,
    version: String,
    /// Kinds and names it had before (its previous ids).
    prev: Vec<(String, String)>,
    name: String,
    namespace: String,
    /// Effective current and original namespaces.
    cur_ns: String,
    org_ns: String,
    kind: String,
    cluster_scoped: bool,
    prefixes: Vec<String>,
    suffixes: Vec<String>,
}

impl Candidate {
    fn of(r: &Resource) -> Candidate {
        let (g, v) = r.group_version();
        let (_, _, org_ns) = r.org();
        Candidate {
            group: g.to_string(),
            version: v.to_string(),
            prev: r.prev.iter().map(|p| (p.kind.clone(), p.name.clone())).collect(),
            name: r.name().to_string(),
            namespace: r.namespace().to_string(),
            cur_ns: r.effective_ns(r.namespace()).to_string(),
            org_ns: r.effective_ns(org_ns).to_string(),
            kind: r.kind().to_string(),
            cluster_scoped: r.is_cluster_scoped(),
            prefixes: r.prefixes.clone(),
            suffixes: r.suffixes.clone(),
        }
    }

    fn id(&self) -> String {
        let api_version = if self.group.is_empty() {
            self.version.clone()
        } else {
            format!("{}/{}", self.group, self.version)
        };
        let ns = if self.cluster_scoped {
            ""
        } else {
            self.namespace.as_str()
        };
        super::target::kustomize_id(&self.kind, &api_version, &self.name, ns)
    }
}

/// kustomize's comparison of prefix or suffix lists: the shorter one must end the longer
/// one (an empty list only matches an empty list).
fn same_ending(a: &[String], b: &[String]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.is_empty() {
        return long.is_empty();
    }
    long[long.len() - short.len()..] == *short
}

fn affixes_equal(c: &Candidate, referrer: &Referrer, allow_empty: bool) -> bool {
    let ok =
        |x: &[String], y: &[String]| (allow_empty && (x.is_empty() || y.is_empty())) || same_ending(x, y);
    ok(&c.prefixes, &referrer.prefixes) && ok(&c.suffixes, &referrer.suffixes)
}

struct Referrer {
    cur_ns: String,
    cluster_scoped: bool,
    prefixes: Vec<String>,
    suffixes: Vec<String>,
    /// For `roleRef/name`: the roleRef's (apiGroup, kind).
    role_ref: Option<(String, String)>,
}

/// Picks the referral of `old` among `cands` (kustomize's `selectReferral`).
fn select_referral<'a>(
    old: &str,
    cands: &[&'a Candidate],
    target: &Gvk,
    referrer: &Referrer,
    role_ref_path: bool,
    map_node: bool,
) -> std::result::Result<Option<&'a Candidate>, String> {
    let mut found: Vec<&Candidate> = cands
        .iter()
        .copied()
        .filter(|c| c.prev.iter().any(|(_, n)| n == old))
        .filter(|c| {
            c.prev
                .iter()
                .any(|(k, _)| target.selects(&c.group, &c.version, k))
        })
        .filter(|c| match (&referrer.role_ref, role_ref_path) {
            (Some((g, k)), true) => c
                .prev
                .iter()
                .any(|(pk, _)| (g.is_empty() || *g == c.group) && (k.is_empty() || pk == k)),
            _ => true,
        })
        .filter(|c| {
            referrer.cluster_scoped
                || c.cluster_scoped
                || c.kind == "ServiceAccount"
                || c.cur_ns == referrer.cur_ns
        })
        .collect();
    if found.len() == 1 {
        return Ok(Some(found[0]));
    }
    found.retain(|c| affixes_equal(c, referrer, true));
    if found.len() > 1 {
        found.retain(|c| affixes_equal(c, referrer, false));
    }
    match found.len() {
        0 => Ok(None),
        1 => Ok(Some(found[0])),
        _ => {
            let same = found
                .iter()
                .all(|c| c.name == found[0].name && (!map_node || c.namespace == found[0].namespace));
            if same {
                Ok(Some(found[0]))
            } else {
                Err(format!(
                    "found multiple possible referrals: {}",
                    found.iter().map(|c| c.id()).collect::<Vec<_>>().join(", ")
                ))
            }
        }
    }
}

/// Visits the values at `segs` (lists are walked through) and calls `f` on each.
fn visit_values(
    v: &mut Value,
    segs: &[String],
    f: &mut dyn FnMut(&mut Value) -> std::result::Result<(), String>,
) -> std::result::Result<(), String> {
    if let Value::Array(items) = v {
        for i in items {
            visit_values(i, segs, f)?;
        }
        return Ok(());
    }
    match segs.split_first() {
        None => f(v),
        Some((first, rest)) => {
            let key = first.strip_suffix("[]").unwrap_or(first);
            match v.get_mut(key) {
                Some(next) if !next.is_null() => visit_values(next, rest, f),
                _ => Ok(()),
            }
        }
    }
}

/// The namespaces a RoleBinding's ServiceAccount subjects name (their objects may be
/// referred to from another namespace).
fn subject_namespaces(
    obj: &serde_json::Map<String, Value>,
    kind: &str,
) -> std::result::Result<Vec<String>, String> {
    let mut out = Vec::new();
    if kind != "RoleBinding" {
        return Ok(out);
    }
    let Some(Value::Array(subjects)) = obj.get("subjects") else {
        return Ok(out);
    };
    for s in subjects {
        let Some(ns) = s.get("namespace") else {
            continue;
        };
        if s.get("kind").and_then(Value::as_str) != Some("ServiceAccount") {
            continue;
        }
        match ns.as_str() {
            Some(n) => out.push(n.to_string()),
            None => return Err("Invalid Input: namespace is blank for resource".into()),
        }
    }
    Ok(out)
}

/// Rewrites references in every resource, with the built-in table and `extra` entries.
pub fn fix_references(rm: &mut ResMap, builtin_table: bool, extra: &[Backref]) -> Result<()> {
    let cands: Vec<Candidate> = rm
        .items
        .iter()
        .filter(|r| !r.prev.is_empty())
        .map(Candidate::of)
        .collect();
    if cands.is_empty() {
        // kustomize still validates RoleBinding subjects.
        for r in &rm.items {
            subject_namespaces(&r.obj, r.kind()).map_err(|m| Error::Object {
                object: Box::new(r.id()),
                message: m,
            })?;
        }
        return Ok(());
    }
    let mut table = if builtin_table { builtin() } else { Vec::new() };
    table.extend(extra.iter().cloned());
    let paths: Vec<Vec<String>> = table.iter().map(|b| split_path(&b.path)).collect();
    for r in &mut rm.items {
        let (org_kind, _, _) = r.org();
        let org_kind = org_kind.to_string();
        let (g, v) = r.group_version();
        let (g, v) = (g.to_string(), v.to_string());
        let specs: Vec<usize> = (0..table.len())
            .filter(|&i| table[i].referrer.selects(&g, &v, &org_kind))
            .collect();
        if specs.is_empty() {
            continue;
        }
        let id = r.id();
        let fail = |message: String| Error::Object {
            object: Box::new(id.clone()),
            message,
        };
        let cluster_scoped = r.is_cluster_scoped();
        let cur_ns = r.effective_ns(r.namespace()).to_string();
        let kind = r.kind().to_string();
        let binding_ns = subject_namespaces(&r.obj, &kind).map_err(fail)?;
        // The objects this one may refer to (kustomize's SubsetThatCouldBeReferencedByResource).
        let visible: Vec<&Candidate> = cands
            .iter()
            .filter(|c| {
                cluster_scoped || c.cluster_scoped || c.cur_ns == cur_ns || binding_ns.contains(&c.namespace)
            })
            .collect();
        let role_ref = r.obj.get("roleRef").and_then(|rr| {
            let g = rr.get("apiGroup")?.as_str()?.to_string();
            let k = rr.get("kind")?.as_str()?.to_string();
            Some((g, k))
        });
        let referrer = Referrer {
            cur_ns,
            cluster_scoped,
            prefixes: r.prefixes.clone(),
            suffixes: r.suffixes.clone(),
            role_ref,
        };
        let mut obj = Value::Object(std::mem::take(&mut r.obj));
        let result = fix_one(&mut obj, &visible, &referrer, &table, &paths, &specs);
        if let Value::Object(m) = obj {
            r.obj = m;
        }
        result.map_err(fail)?;
    }
    Ok(())
}

fn fix_one(
    obj: &mut Value,
    visible: &[&Candidate],
    referrer: &Referrer,
    table: &[Backref],
    paths: &[Vec<String>],
    specs: &[usize],
) -> std::result::Result<(), String> {
    for &i in specs {
        let spec = &table[i];
        let role_ref_path = spec.path.ends_with("roleRef/name");
        visit_values(obj, &paths[i], &mut |v| match v {
            Value::String(s) => set_scalar(s, visible, spec, referrer, role_ref_path),
            Value::Array(items) => {
                for item in items {
                    match item {
                        Value::String(s) => set_scalar(s, visible, spec, referrer, role_ref_path)?,
                        Value::Object(_) => set_mapping(item, visible, spec, referrer)?,
                        _ => {}
                    }
                }
                Ok(())
            }
            Value::Object(_) => set_mapping(v, visible, spec, referrer),
            _ => Ok(()),
        })?;
    }
    Ok(())
}

fn set_scalar(
    s: &mut String,
    visible: &[&Candidate],
    spec: &Backref,
    referrer: &Referrer,
    role_ref_path: bool,
) -> std::result::Result<(), String> {
    if let Some(c) = select_referral(s, visible, &spec.referral, referrer, role_ref_path, false)? {
        s.clone_from(&c.name);
    }
    Ok(())
}

fn set_mapping(
    v: &mut Value,
    visible: &[&Candidate],
    spec: &Backref,
    referrer: &Referrer,
) -> std::result::Result<(), String> {
    let Value::Object(m) = v else {
        return Ok(());
    };
    let Some(old) = m.get("name").and_then(Value::as_str).map(str::to_string) else {
        return Err("path config error; no 'name' field in node".into());
    };
    let by_ns: Vec<&Candidate> = match m.get("namespace") {
        None => visible.to_vec(),
        Some(ns) => {
            let ns = ns.as_str().unwrap_or("");
            let orig: Vec<&Candidate> = visible
                .iter()
                .copied()
                .filter(|c| c.org_ns != CLUSTER_NS && c.org_ns == ns)
                .collect();
            if orig.is_empty() {
                visible
                    .iter()
                    .copied()
                    .filter(|c| c.cur_ns != CLUSTER_NS && c.cur_ns == ns)
                    .collect()
            } else {
                orig
            }
        }
    };
    let Some(c) = select_referral(&old, &by_ns, &spec.referral, referrer, false, true)? else {
        return Ok(());
    };
    if c.name == old && c.namespace.is_empty() {
        return Ok(());
    }
    m.insert("name".into(), Value::String(c.name.clone()));
    if !c.namespace.is_empty() {
        m.insert("namespace".into(), Value::String(c.namespace.clone()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_split_on_unescaped_slashes() {
        assert_eq!(
            split_path("metadata/annotations/a.b\\/c"),
            ["metadata", "annotations", "a.b/c"]
        );
    }

    #[test]
    fn endings_compare_as_kustomize_does() {
        let v = |s: &[&str]| s.iter().map(ToString::to_string).collect::<Vec<_>>();
        assert!(same_ending(&v(&["a", "b"]), &v(&["b"])));
        assert!(!same_ending(&v(&["a", "b"]), &v(&["a"])));
        assert!(same_ending(&v(&[]), &v(&[])));
        assert!(!same_ending(&v(&[]), &v(&["a"])));
    }
}
