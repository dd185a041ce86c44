//! Name-reference fix-ups: after prefixes, suffixes, namespaces and generator hashes changed
//! names, every field that refers to an object by name (kustomize's built-in name-reference
//! table) is rewritten to the referred object's new name.
//!
//! A reference matches an object of the referred kind that had the referenced name earlier;
//! the object must be in the referrer's namespace (unless it or the referrer is
//! cluster-scoped, or it is a ServiceAccount). When several match, the one with the same
//! prefixes and suffixes as the referrer wins; otherwise the reference is left alone unless
//! all candidates now share one name.

use serde_json::Value;

use super::resource::{ResMap, Resource, is_default_ns};
use super::{Error, Result};

/// Fields of a pod spec that refer to other objects: (referred kind, path). Like kustomize,
/// ephemeral containers and the less common volume sources are not followed.
const POD_REFS: &[(&str, &str)] = &[
    ("ConfigMap", "volumes/configMap/name"),
    ("ConfigMap", "volumes/projected/sources/configMap/name"),
    ("ConfigMap", "containers/env/valueFrom/configMapKeyRef/name"),
    ("ConfigMap", "initContainers/env/valueFrom/configMapKeyRef/name"),
    ("ConfigMap", "containers/envFrom/configMapRef/name"),
    ("ConfigMap", "initContainers/envFrom/configMapRef/name"),
    ("Secret", "volumes/secret/secretName"),
    ("Secret", "volumes/projected/sources/secret/name"),
    ("Secret", "containers/env/valueFrom/secretKeyRef/name"),
    ("Secret", "initContainers/env/valueFrom/secretKeyRef/name"),
    ("Secret", "containers/envFrom/secretRef/name"),
    ("Secret", "initContainers/envFrom/secretRef/name"),
    ("Secret", "imagePullSecrets/name"),
    ("ServiceAccount", "serviceAccountName"),
    ("PersistentVolumeClaim", "volumes/persistentVolumeClaim/claimName"),
    ("PriorityClass", "priorityClassName"),
];

/// Other referrers: (referrer kind, referred kind, path).
const OTHER_REFS: &[(&str, &str, &str)] = &[
    ("Ingress", "Service", "spec/rules/http/paths/backend/serviceName"),
    ("Ingress", "Service", "spec/rules/http/paths/backend/service/name"),
    ("Ingress", "Service", "spec/backend/serviceName"),
    ("Ingress", "Service", "spec/defaultBackend/service/name"),
    ("Ingress", "Secret", "spec/tls/secretName"),
    ("StatefulSet", "Service", "spec/serviceName"),
    (
        "StatefulSet",
        "StorageClass",
        "spec/volumeClaimTemplates/spec/storageClassName",
    ),
    ("ServiceAccount", "Secret", "imagePullSecrets/name"),
    ("PersistentVolumeClaim", "PersistentVolume", "spec/volumeName"),
    ("PersistentVolumeClaim", "StorageClass", "spec/storageClassName"),
    ("PersistentVolume", "StorageClass", "spec/storageClassName"),
    ("APIService", "Service", "spec/service/name"),
    (
        "MutatingWebhookConfiguration",
        "Service",
        "webhooks/clientConfig/service/name",
    ),
    (
        "ValidatingWebhookConfiguration",
        "Service",
        "webhooks/clientConfig/service/name",
    ),
];

/// The API group of each referred kind.
fn referral_group(kind: &str) -> &'static str {
    match kind {
        "Role" | "ClusterRole" => "rbac.authorization.k8s.io",
        "PriorityClass" => "scheduling.k8s.io",
        "StorageClass" => "storage.k8s.io",
        "Deployment" | "ReplicaSet" | "StatefulSet" | "DaemonSet" => "apps",
        _ => "",
    }
}

/// Where the pod spec of a workload kind is.
fn pod_spec_path(kind: &str) -> Option<&'static str> {
    match kind {
        "Pod" => Some("spec"),
        "Deployment" | "ReplicaSet" | "DaemonSet" | "StatefulSet" | "Job" | "ReplicationController" => {
            Some("spec/template/spec")
        }
        "CronJob" => Some("spec/jobTemplate/spec/template/spec"),
        _ => None,
    }
}

/// A snapshot of a possible referral.
struct Candidate {
    kind: String,
    group: String,
    name: String,
    namespace: String,
    prev: Vec<(String, String)>,
    prefixes: Vec<String>,
    suffixes: Vec<String>,
    cluster_scoped: bool,
}

struct Referrer {
    namespace: String,
    cluster_scoped: bool,
    prefixes: Vec<String>,
    suffixes: Vec<String>,
}

fn ns_equal(a: &str, b: &str) -> bool {
    a == b || (is_default_ns(a) && is_default_ns(b))
}

fn select<'a>(
    cands: &'a [Candidate],
    kind: &str,
    old: &str,
    referrer: &Referrer,
    extra: &dyn Fn(&Candidate) -> bool,
) -> Result<Option<&'a Candidate>> {
    let group = referral_group(kind);
    let mut found: Vec<&Candidate> = cands
        .iter()
        .filter(|c| c.kind == kind && c.group == group)
        .filter(|c| c.prev.iter().any(|(n, _)| n == old))
        .filter(|c| extra(c))
        .filter(|c| {
            referrer.cluster_scoped
                || c.cluster_scoped
                || c.kind == "ServiceAccount"
                || ns_equal(&c.namespace, &referrer.namespace)
        })
        .collect();
    if found.len() > 1 {
        found.retain(|c| c.prefixes == referrer.prefixes && c.suffixes == referrer.suffixes);
    }
    match found.len() {
        0 => Ok(None),
        1 => Ok(Some(found[0])),
        _ if found.iter().all(|c| c.name == found[0].name) => Ok(Some(found[0])),
        _ => Err(Error::Build(format!(
            "found multiple possible referrals for {kind} {old:?}: {}",
            found
                .iter()
                .map(|c| format!("{}/{}/{}", c.kind, c.namespace, c.name))
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

fn visit_strings(v: &mut Value, segs: &[&str], f: &mut dyn FnMut(&mut String) -> Result<()>) -> Result<()> {
    if let Value::Array(items) = v {
        for i in items {
            visit_strings(i, segs, f)?;
        }
        return Ok(());
    }
    match segs.split_first() {
        None => {
            if let Value::String(s) = v {
                f(s)?;
            }
            Ok(())
        }
        Some((first, rest)) => match v.get_mut(*first) {
            Some(next) => visit_strings(next, rest, f),
            None => Ok(()),
        },
    }
}

/// Rewrites references in every resource.
pub fn fix_references(rm: &mut ResMap) -> Result<()> {
    // Only objects whose name or namespace changed can be referred to by an old name.
    let cands: Vec<Candidate> = rm
        .items
        .iter()
        .filter(|r| !r.prev.is_empty())
        .map(|r| Candidate {
            kind: r.kind().to_string(),
            group: r.group_version().0.to_string(),
            name: r.name().to_string(),
            namespace: r.namespace().to_string(),
            prev: r.prev.clone(),
            prefixes: r.prefixes.clone(),
            suffixes: r.suffixes.clone(),
            cluster_scoped: r.is_cluster_scoped(),
        })
        .collect();
    if cands.is_empty() {
        return Ok(());
    }
    for r in &mut rm.items {
        fix_one(r, &cands).map_err(|e| match e {
            Error::Build(m) => Error::Object {
                object: Box::new(r.id()),
                message: m,
            },
            other => other,
        })?;
    }
    Ok(())
}

fn fix_one(r: &mut Resource, cands: &[Candidate]) -> Result<()> {
    let referrer = Referrer {
        namespace: r.namespace().to_string(),
        cluster_scoped: r.is_cluster_scoped(),
        prefixes: r.prefixes.clone(),
        suffixes: r.suffixes.clone(),
    };
    let kind = r.kind().to_string();
    let mut obj = Value::Object(std::mem::take(&mut r.obj));
    let result = (|| -> Result<()> {
        let mut paths: Vec<(&str, String)> = Vec::new();
        if let Some(pod) = pod_spec_path(&kind) {
            for (referral, sub) in POD_REFS {
                paths.push((referral, format!("{pod}/{sub}")));
            }
        }
        for (referrer_kind, referral, path) in OTHER_REFS {
            if *referrer_kind == kind {
                paths.push((referral, (*path).to_string()));
            }
        }
        for (referral, path) in &paths {
            let segs: Vec<&str> = path.split('/').collect();
            visit_strings(&mut obj, &segs, &mut |s| {
                if let Some(c) = select(cands, referral, s, &referrer, &|_| true)? {
                    *s = c.name.clone();
                }
                Ok(())
            })?;
        }
        match kind.as_str() {
            "HorizontalPodAutoscaler" => {
                if let Some(target) = obj.get_mut("spec").and_then(|s| s.get_mut("scaleTargetRef")) {
                    let tkind = target
                        .get("kind")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_string();
                    if let Some(Value::String(name)) = target.get_mut("name")
                        && let Some(c) = select(cands, &tkind, name, &referrer, &|_| true)?
                    {
                        *name = c.name.clone();
                    }
                }
            }
            "RoleBinding" | "ClusterRoleBinding" => {
                if let Some(role) = obj.get_mut("roleRef") {
                    let rkind = role.get("kind").and_then(Value::as_str).unwrap_or("").to_string();
                    if (rkind == "Role" || rkind == "ClusterRole")
                        && let Some(Value::String(name)) = role.get_mut("name")
                        && let Some(c) = select(cands, &rkind, name, &referrer, &|_| true)?
                    {
                        *name = c.name.clone();
                    }
                }
                if let Some(Value::Array(subjects)) = obj.get_mut("subjects") {
                    for s in subjects {
                        if s.get("kind").and_then(Value::as_str) != Some("ServiceAccount") {
                            continue;
                        }
                        let name = s.get("name").and_then(Value::as_str).unwrap_or("").to_string();
                        let sns = s.get("namespace").and_then(Value::as_str).map(str::to_string);
                        // The subject's namespace must be the service account's original one.
                        let sns = sns.unwrap_or_default();
                        let matches_ns = |c: &Candidate| {
                            let orig = c.prev.first().map_or(c.namespace.as_str(), |(_, ns)| ns.as_str());
                            ns_equal(orig, &sns)
                        };
                        if let Some(c) = select(cands, "ServiceAccount", &name, &referrer, &matches_ns)?
                            && let Value::Object(m) = s
                        {
                            m.insert("name".into(), Value::String(c.name.clone()));
                            if !c.namespace.is_empty() {
                                m.insert("namespace".into(), Value::String(c.namespace.clone()));
                            }
                        }
                    }
                }
            }
            _ => {}
        }
        Ok(())
    })();
    if let Value::Object(m) = obj {
        r.obj = m;
    }
    result
}
