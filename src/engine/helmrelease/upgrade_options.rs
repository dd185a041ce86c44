//! Upgrade options that change what an upgrade applies: `spec.upgrade.preserveValues`
//! (Helm's reuse-values: the last release's values merged under the new ones) and
//! `spec.upgrade.force` (objects whose immutable fields change are recreated).

use super::helm_render::ValuesSource;
use crate::api::helmrelease::HelmRelease;
use crate::helm::storage::Record;

/// The values sources of an upgrade: with `spec.upgrade.preserveValues`, the values of the
/// current release come first, so `valuesFrom` and `values` are merged over them.
pub(super) fn with_preserved_values(
    hr: &HelmRelease,
    current: Option<&Record>,
    upgrade: bool,
    mut sources: Vec<ValuesSource>,
) -> Vec<ValuesSource> {
    let preserve = hr.spec.upgrade.as_ref().is_some_and(|u| u.preserve_values);
    let Some(cur) = current.filter(|_| preserve && upgrade) else {
        return sources;
    };
    if cur.config.is_empty() {
        return sources;
    }
    // JSON is YAML: the recorded values parse as a values document.
    let text = serde_json::Value::Object(cur.config.clone()).to_string();
    sources.insert(
        0,
        ValuesSource {
            what: format!(
                "spec.upgrade.preserveValues: the values of release {}/{}.v{}",
                cur.namespace, cur.name, cur.version
            ),
            text,
            target_path: None,
            literal: false,
        },
    );
    sources
}

/// Whether an upgrade recreates objects an immutable field change cannot update.
pub(super) fn force(hr: &HelmRelease, upgrade: bool) -> bool {
    upgrade && hr.spec.upgrade.as_ref().is_some_and(|u| u.force)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn preserved_values_come_first_and_only_for_upgrades() {
        let hr: HelmRelease = serde_json::from_value(json!({
            "apiVersion": "helm.toolkit.fluxcd.io/v2", "kind": "HelmRelease",
            "metadata": {"name": "web", "namespace": "apps"},
            "spec": {"interval": "5m", "upgrade": {"preserveValues": true, "force": true}},
        }))
        .unwrap();
        let cur = Record {
            name: "web".into(),
            namespace: "apps".into(),
            version: 3,
            config: json!({"a": {"b": 1}, "c": 2}).as_object().unwrap().clone(),
            ..Record::default()
        };
        let out = with_preserved_values(&hr, Some(&cur), true, Vec::new());
        assert_eq!(out.len(), 1);
        assert!(out[0].what.contains("apps/web.v3"), "{}", out[0].what);
        let spec = json!({"a": {"d": 3}, "c": 5}).as_object().unwrap().clone();
        let merged = crate::engine::helm_render::compose_values(&out, &spec).unwrap();
        assert_eq!(
            serde_json::Value::Object(merged),
            json!({"a": {"b": 1, "d": 3}, "c": 5})
        );
        assert!(with_preserved_values(&hr, Some(&cur), false, Vec::new()).is_empty());
        assert!(force(&hr, true));
        assert!(!force(&hr, false));
    }
}
