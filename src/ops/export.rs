//! Exporting objects as clean manifests — `apiVersion`, `kind`, `metadata` (name, namespace,
//! labels, annotations) and `spec`, nothing the server or a controller added — and the
//! Secrets they reference, so the export applies as-is on another cluster.

use k8s_openapi::api::core::v1::Secret;
use kube::api::Api;
use serde_json::{Map, Value, json};

use super::object::{FluxStatus, LiveObject};
use super::{Error, FluxClient, FluxKind, Result};
use crate::cluster::{self, ObjectRef};

/// Annotation kubectl's client-side apply leaves on objects; not part of a clean export.
const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";

/// The object without status and server-side metadata.
pub fn clean(obj: &Value) -> Value {
    let meta = &obj["metadata"];
    let mut m = Map::new();
    for key in ["name", "namespace"] {
        if let Some(v) = meta.get(key).filter(|v| !v.is_null()) {
            m.insert(key.to_string(), v.clone());
        }
    }
    if let Some(labels) = meta["labels"].as_object().filter(|l| !l.is_empty()) {
        m.insert("labels".into(), Value::Object(labels.clone()));
    }
    if let Some(annotations) = meta["annotations"].as_object() {
        let kept: Map<String, Value> = annotations
            .iter()
            .filter(|(k, _)| k.as_str() != LAST_APPLIED)
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        if !kept.is_empty() {
            m.insert("annotations".into(), Value::Object(kept));
        }
    }
    let mut out = Map::new();
    out.insert("apiVersion".into(), obj["apiVersion"].clone());
    out.insert("kind".into(), obj["kind"].clone());
    out.insert("metadata".into(), Value::Object(m));
    if let Some(spec) = obj.get("spec").filter(|s| !s.is_null()) {
        out.insert("spec".into(), spec.clone());
    }
    Value::Object(out)
}

/// A Secret an object refers to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SecretRef {
    /// The field that names it (`spec.secretRef.name`).
    pub field: String,
    /// The Secret's name (in the object's namespace).
    pub name: String,
    /// Whether the object works without it (`optional: true`).
    pub optional: bool,
}

/// Every Secret the object's spec refers to, in field order, without duplicates.
pub fn secret_refs(kind: FluxKind, obj: &Value) -> Vec<SecretRef> {
    let spec = &obj["spec"];
    let mut out: Vec<SecretRef> = Vec::new();
    let mut push = |field: String, name: &Value, optional: bool| {
        if let Some(n) = name.as_str().filter(|n| !n.is_empty())
            && !out.iter().any(|r| r.name == n)
        {
            out.push(SecretRef {
                field,
                name: n.to_string(),
                optional,
            });
        }
    };
    let single: &[&str] = match kind {
        FluxKind::GitRepository => &["secretRef", "verify.secretRef", "proxySecretRef"],
        FluxKind::OciRepository | FluxKind::Bucket => {
            &["secretRef", "certSecretRef", "proxySecretRef", "verify.secretRef"]
        }
        FluxKind::HelmRepository => &["secretRef", "certSecretRef"],
        FluxKind::HelmChart => &["verify.secretRef"],
        FluxKind::Kustomization => &["decryption.secretRef", "kubeConfig.secretRef"],
        FluxKind::HelmRelease => &["kubeConfig.secretRef"],
        FluxKind::Receiver => &["secretRef"],
        FluxKind::Provider => &["secretRef", "certSecretRef", "proxySecretRef"],
        FluxKind::Alert => &[],
    };
    for path in single {
        let mut v = spec;
        for part in path.split('.') {
            v = &v[part];
        }
        push(format!("spec.{path}.name"), &v["name"], false);
    }
    let lists: &[&str] = match kind {
        FluxKind::Kustomization => &["postBuild.substituteFrom"],
        FluxKind::HelmRelease => &["valuesFrom"],
        _ => &[],
    };
    for path in lists {
        let mut v = spec;
        for part in path.split('.') {
            v = &v[part];
        }
        for (i, item) in v.as_array().into_iter().flatten().enumerate() {
            if item["kind"] == "Secret" {
                push(
                    format!("spec.{path}[{i}].name"),
                    &item["name"],
                    item["optional"].as_bool().unwrap_or(false),
                );
            }
        }
    }
    out
}

/// A Secret as an export prints it: name, namespace, type and data only.
pub fn clean_secret(secret: &Secret) -> Value {
    let mut obj = Map::new();
    obj.insert("apiVersion".into(), json!("v1"));
    obj.insert("kind".into(), json!("Secret"));
    obj.insert(
        "metadata".into(),
        json!({"name": secret.metadata.name, "namespace": secret.metadata.namespace}),
    );
    if let Some(t) = &secret.type_ {
        obj.insert("type".into(), json!(t));
    }
    if let Some(data) = &secret.data {
        obj.insert(
            "data".into(),
            serde_json::to_value(data).unwrap_or_else(|_| Value::Object(Map::new())),
        );
    }
    Value::Object(obj)
}

impl FluxClient {
    /// Reads every Secret the object refers to, as clean manifests. A missing Secret is an
    /// error naming the field, unless the reference is optional.
    pub async fn referenced_secrets(&self, obj: &LiveObject) -> Result<Vec<Value>> {
        let api: Api<Secret> = Api::namespaced(self.client.clone(), obj.namespace());
        let mut out = Vec::new();
        for r in secret_refs(obj.kind, &obj.value) {
            let secret = crate::cluster::retry(|| api.get_opt(&r.name))
                .await
                .map_err(|e| Error::Request {
                    object: Box::new(secret_object(obj.namespace(), &r.name)),
                    message: cluster::describe(&e),
                })?;
            match secret {
                Some(s) => out.push(clean_secret(&s)),
                None if r.optional => {}
                None => {
                    return Err(Error::Invalid {
                        object: Box::new(obj.object_ref()),
                        field: r.field,
                        message: format!("Secret {:?} not found in namespace {:?}", r.name, obj.namespace()),
                    });
                }
            }
        }
        Ok(out)
    }
}

fn secret_object(namespace: &str, name: &str) -> ObjectRef {
    ObjectRef {
        group: String::new(),
        version: "v1".into(),
        kind: "Secret".into(),
        namespace: namespace.into(),
        name: name.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_keeps_only_the_portable_parts() {
        let live = json!({
            "apiVersion": "source.toolkit.fluxcd.io/v1", "kind": "GitRepository",
            "metadata": {"name": "repo", "namespace": "ns", "uid": "u", "resourceVersion": "5",
                "generation": 2, "creationTimestamp": "2024-01-01T00:00:00Z", "finalizers": ["f"],
                "managedFields": [{}], "labels": {"team": "a"},
                "annotations": {LAST_APPLIED: "{}", "note": "kept"}},
            "spec": {"url": "https://example.com/repo", "interval": "1m"},
            "status": {"observedGeneration": 2}
        });
        assert_eq!(
            clean(&live),
            json!({"apiVersion": "source.toolkit.fluxcd.io/v1", "kind": "GitRepository",
                "metadata": {"name": "repo", "namespace": "ns", "labels": {"team": "a"},
                    "annotations": {"note": "kept"}},
                "spec": {"url": "https://example.com/repo", "interval": "1m"}})
        );
        let bare = json!({"apiVersion": "v", "kind": "K", "metadata": {"name": "x", "labels": {}, "annotations": {LAST_APPLIED: "{}"}}});
        assert_eq!(
            clean(&bare),
            json!({"apiVersion": "v", "kind": "K", "metadata": {"name": "x"}})
        );
    }

    #[test]
    fn every_referenced_secret_is_found() {
        let git = json!({"spec": {"secretRef": {"name": "auth"}, "verify": {"mode": "HEAD", "secretRef": {"name": "keys"}},
            "proxySecretRef": {"name": "auth"}}});
        let refs = secret_refs(FluxKind::GitRepository, &git);
        let names: Vec<_> = refs.iter().map(|r| (r.field.as_str(), r.name.as_str())).collect();
        assert_eq!(
            names,
            [
                ("spec.secretRef.name", "auth"),
                ("spec.verify.secretRef.name", "keys")
            ]
        );
        let ks = json!({"spec": {"decryption": {"provider": "sops", "secretRef": {"name": "sops"}},
            "postBuild": {"substituteFrom": [{"kind": "ConfigMap", "name": "vars"}, {"kind": "Secret", "name": "s", "optional": true}]}}});
        let refs = secret_refs(FluxKind::Kustomization, &ks);
        assert_eq!(refs.len(), 2);
        assert_eq!(refs[1].field, "spec.postBuild.substituteFrom[1].name");
        assert!(refs[1].optional);
        assert!(secret_refs(FluxKind::GitRepository, &json!({"spec": {}})).is_empty());
    }
}
