//! Identity of a Kubernetes object: group, version, kind, namespace and name, printed the way
//! Flux prints change sets (`Kind/namespace/name`, `Kind/name` when cluster-scoped).

use std::fmt;

use serde_json::Value;

/// Identifies one object.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ObjectRef {
    /// API group (empty for the core group).
    pub group: String,
    /// API version within the group.
    pub version: String,
    /// Kind.
    pub kind: String,
    /// Namespace (empty when cluster-scoped or not set).
    pub namespace: String,
    /// Name.
    pub name: String,
}

/// An object without `apiVersion`, `kind` or `metadata.name`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("object {what} is missing {field}")]
pub struct MissingField {
    /// Description of the object, as far as it is known.
    pub what: String,
    /// The missing field.
    pub field: &'static str,
}

impl ObjectRef {
    /// Reads the identity of a manifest.
    pub fn from_value(obj: &Value) -> Result<ObjectRef, MissingField> {
        let api_version = obj["apiVersion"].as_str().unwrap_or_default();
        let kind = obj["kind"].as_str().unwrap_or_default();
        let name = obj["metadata"]["name"].as_str().unwrap_or_default();
        let namespace = obj["metadata"]["namespace"].as_str().unwrap_or_default();
        let what = || {
            let k = if kind.is_empty() { "<no kind>" } else { kind };
            let n = if name.is_empty() { "<no name>" } else { name };
            format!("{k}/{n}")
        };
        if api_version.is_empty() {
            return Err(MissingField {
                what: what(),
                field: "apiVersion",
            });
        }
        if kind.is_empty() {
            return Err(MissingField {
                what: what(),
                field: "kind",
            });
        }
        if name.is_empty() {
            return Err(MissingField {
                what: what(),
                field: "metadata.name",
            });
        }
        let (group, version) = split_api_version(api_version);
        Ok(ObjectRef {
            group: group.to_string(),
            version: version.to_string(),
            kind: kind.to_string(),
            namespace: namespace.to_string(),
            name: name.to_string(),
        })
    }

    /// `group/version`, or `version` for the core group.
    pub fn api_version(&self) -> String {
        if self.group.is_empty() {
            self.version.clone()
        } else {
            format!("{}/{}", self.group, self.version)
        }
    }

    /// Group and kind, the part of the identity that does not change with the version.
    pub fn group_kind(&self) -> String {
        if self.group.is_empty() {
            self.kind.clone()
        } else {
            format!("{}.{}", self.kind, self.group)
        }
    }
}

/// Splits `apps/v1` into (`apps`, `v1`) and `v1` into (``, `v1`).
pub fn split_api_version(api_version: &str) -> (&str, &str) {
    match api_version.split_once('/') {
        Some((g, v)) => (g, v),
        None => ("", api_version),
    }
}

impl fmt::Display for ObjectRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.namespace.is_empty() {
            write!(f, "{}/{}", self.kind, self.name)
        } else {
            write!(f, "{}/{}/{}", self.kind, self.namespace, self.name)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn identities_print_like_flux() {
        let d = ObjectRef::from_value(&json!({"apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"name": "web", "namespace": "prod"}}))
        .unwrap();
        assert_eq!(d.to_string(), "Deployment/prod/web");
        assert_eq!(d.api_version(), "apps/v1");
        assert_eq!(d.group_kind(), "Deployment.apps");
        let ns = ObjectRef::from_value(
            &json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "prod"}}),
        )
        .unwrap();
        assert_eq!(ns.to_string(), "Namespace/prod");
        assert_eq!(ns.api_version(), "v1");
        let e = ObjectRef::from_value(&json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {}}))
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "object ConfigMap/<no name> is missing metadata.name"
        );
    }
}
