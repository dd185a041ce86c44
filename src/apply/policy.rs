//! Per-object policies that upstream reads from an object's annotations or labels (values are
//! case-insensitive), and the metadata clean-up done before applying.
//!
//! | key | values | effect |
//! | --- | --- | --- |
//! | `kustomize.toolkit.fluxcd.io/ssa` | `Override` (default) | apply, taking every field back |
//! | | `Merge` | apply, but keep what other tools added (no clean-up of their managed fields or of kubectl's last-applied annotation) |
//! | | `IfNotPresent` | create the object when it is missing, never update it |
//! | | `Ignore` | never apply nor prune it |
//! | `kustomize.toolkit.fluxcd.io/reconcile` | `disabled` | never apply nor prune it |
//! | `kustomize.toolkit.fluxcd.io/prune` | `disabled` | apply it, never prune it |
//! | `kustomize.toolkit.fluxcd.io/force` | `enabled` | recreate it when an immutable field changes |

use serde_json::{Map, Value, json};

/// Annotation (or label) choosing how an object is server-side applied.
pub const SSA_KEY: &str = "kustomize.toolkit.fluxcd.io/ssa";
/// Annotation (or label) that disables reconciliation of an object (`disabled`).
pub const RECONCILE_KEY: &str = "kustomize.toolkit.fluxcd.io/reconcile";
/// Annotation (or label) that protects an object from pruning (`disabled`).
pub const PRUNE_KEY: &str = "kustomize.toolkit.fluxcd.io/prune";
/// Annotation (or label) that allows recreating an object on immutable-field changes
/// (`enabled`).
pub const FORCE_KEY: &str = "kustomize.toolkit.fluxcd.io/force";

/// kubectl's client-side apply annotation, removed before applying.
pub const LAST_APPLIED_ANNOTATION: &str = "kubectl.kubernetes.io/last-applied-configuration";

/// Annotations removed from live objects before applying: kubectl's last-applied
/// configuration and markers of older Flux versions.
pub const CLEANUP_ANNOTATIONS: &[&str] = &[
    LAST_APPLIED_ANNOTATION,
    "kustomize.toolkit.fluxcd.io/checksum",
    "fluxcd.io/sync-checksum",
];
/// Labels removed from live objects before applying (markers of older Flux versions).
pub const CLEANUP_LABELS: &[&str] = &["fluxcd.io/sync-gc-mark"];

/// How an object is server-side applied (`kustomize.toolkit.fluxcd.io/ssa`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SsaPolicy {
    /// Apply, taking every declared field back from other managers (the default).
    #[default]
    Override,
    /// Apply without removing what other tools added.
    Merge,
    /// Create when missing, never update.
    IfNotPresent,
    /// Leave the object alone: never apply, never prune.
    Ignore,
}

/// The policies of one object, read from its annotations and labels.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Policy {
    /// How it is applied.
    pub ssa: SsaPolicy,
    /// `reconcile: disabled`: neither applied nor pruned.
    pub reconcile_disabled: bool,
    /// `prune: disabled`: never pruned.
    pub prune_disabled: bool,
    /// `force: enabled`: recreated on immutable-field changes.
    pub force: bool,
}

fn metadata_value<'a>(obj: &'a Value, key: &str) -> Option<&'a str> {
    let meta = &obj["metadata"];
    meta["annotations"][key]
        .as_str()
        .or_else(|| meta["labels"][key].as_str())
}

impl Policy {
    /// Reads the policies of an object (desired or live).
    pub fn of(obj: &Value) -> Policy {
        let is =
            |key: &str, value: &str| metadata_value(obj, key).is_some_and(|v| v.eq_ignore_ascii_case(value));
        let ssa = match metadata_value(obj, SSA_KEY)
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("merge") => SsaPolicy::Merge,
            Some("ifnotpresent") => SsaPolicy::IfNotPresent,
            Some("ignore") => SsaPolicy::Ignore,
            _ => SsaPolicy::Override,
        };
        Policy {
            ssa,
            reconcile_disabled: is(RECONCILE_KEY, "disabled"),
            prune_disabled: is(PRUNE_KEY, "disabled"),
            force: is(FORCE_KEY, "enabled"),
        }
    }

    /// Whether the object is left alone entirely (`reconcile: disabled` or `ssa: Ignore`).
    pub fn skipped(&self) -> bool {
        self.reconcile_disabled || self.ssa == SsaPolicy::Ignore
    }

    /// Whether a prune may delete the (live) object.
    pub fn prunable(&self) -> bool {
        !self.skipped() && !self.prune_disabled
    }
}

/// A managed-fields entry removed before applying: managers whose name starts with `prefix`
/// and whose operation is `operation`.
struct ForeignManager {
    prefix: &'static str,
    operation: &'static str,
}

/// Managers whose field ownership is dropped before applying, as upstream does: kubectl
/// (server-side and client-side apply, edit, patch…) and kubectl's `before-first-apply`.
const FOREIGN_MANAGERS: &[ForeignManager] = &[
    ForeignManager {
        prefix: "kubectl",
        operation: "Apply",
    },
    ForeignManager {
        prefix: "kubectl",
        operation: "Update",
    },
    ForeignManager {
        prefix: "before-first-apply",
        operation: "Update",
    },
];

fn removed_entry(entry: &Value, field_manager: &str) -> bool {
    let manager = entry["manager"].as_str().unwrap_or_default();
    let operation = entry["operation"].as_str().unwrap_or_default();
    if entry["subresource"].as_str().is_some_and(|s| !s.is_empty()) {
        return false;
    }
    // Our own manager's Update entries come from imperative writes made under our name
    // (older controllers); only its Apply entry is kept.
    (manager == field_manager && operation == "Update")
        || FOREIGN_MANAGERS
            .iter()
            .any(|m| manager.starts_with(m.prefix) && operation == m.operation)
}

/// The merge patch that cleans a live object's metadata before it is applied: removes the
/// annotations and labels above and the managed-fields entries of foreign managers (and of
/// `field_manager`'s own `Update` operations). `None` when there is nothing to clean, or
/// when the desired object asks for `ssa: Merge`.
pub fn cleanup_patch(live: &Value, field_manager: &str, policy: &Policy) -> Option<Value> {
    if policy.ssa == SsaPolicy::Merge {
        return None;
    }
    let meta = &live["metadata"];
    let mut patch_meta = Map::new();
    let mut nulls = |section: &str, keys: &[&str]| {
        let present: Map<String, Value> = keys
            .iter()
            .filter(|k| meta[section].get(**k).is_some())
            .map(|k| ((*k).to_string(), Value::Null))
            .collect();
        if !present.is_empty() {
            patch_meta.insert(section.to_string(), Value::Object(present));
        }
    };
    nulls("annotations", CLEANUP_ANNOTATIONS);
    nulls("labels", CLEANUP_LABELS);
    if let Some(entries) = meta["managedFields"].as_array() {
        let kept: Vec<Value> = entries
            .iter()
            .filter(|e| !removed_entry(e, field_manager))
            .cloned()
            .collect();
        if kept.len() != entries.len() {
            // An empty list would leave managed fields untouched; one empty entry clears them.
            let kept = if kept.is_empty() { vec![json!({})] } else { kept };
            patch_meta.insert("managedFields".into(), Value::Array(kept));
        }
    }
    if patch_meta.is_empty() {
        None
    } else {
        Some(json!({ "metadata": patch_meta }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policies_read_annotations_and_labels_case_insensitively() {
        let p = Policy::of(
            &json!({"metadata": {"annotations": {SSA_KEY: "ifnotpresent", FORCE_KEY: "Enabled"}}}),
        );
        assert_eq!(p.ssa, SsaPolicy::IfNotPresent);
        assert!(p.force && !p.skipped() && p.prunable());
        let p = Policy::of(&json!({"metadata": {"labels": {RECONCILE_KEY: "Disabled"}}}));
        assert!(p.reconcile_disabled && p.skipped() && !p.prunable());
        let p = Policy::of(&json!({"metadata": {"annotations": {SSA_KEY: "IGNORE"}}}));
        assert_eq!(p.ssa, SsaPolicy::Ignore);
        assert!(p.skipped());
        let p = Policy::of(&json!({"metadata": {"annotations": {PRUNE_KEY: "disabled", SSA_KEY: "Merge"}}}));
        assert!(p.prune_disabled && !p.prunable() && !p.skipped());
        assert_eq!(p.ssa, SsaPolicy::Merge);
        assert_eq!(Policy::of(&json!({})), Policy::default());
        let p = Policy::of(&json!({"metadata": {"annotations": {SSA_KEY: "bogus", FORCE_KEY: "true"}}}));
        assert_eq!(p, Policy::default());
    }

    #[test]
    fn cleanup_removes_kubectl_traces_and_foreign_managers() {
        let live = json!({"metadata": {
            "annotations": {LAST_APPLIED_ANNOTATION: "{}", "keep": "x"},
            "labels": {"fluxcd.io/sync-gc-mark": "y", "app": "a"},
            "managedFields": [
                {"manager": "kustomize-controller", "operation": "Apply", "fieldsV1": {"f:data": {}}},
                {"manager": "kubectl-client-side-apply", "operation": "Update"},
                {"manager": "kubectl-edit", "operation": "Update"},
                {"manager": "kubectl", "operation": "Apply"},
                {"manager": "before-first-apply", "operation": "Update"},
                {"manager": "kustomize-controller", "operation": "Update"},
                {"manager": "kube-controller-manager", "operation": "Update"},
                {"manager": "helm", "operation": "Update"},
            ]
        }});
        let patch = cleanup_patch(&live, "kustomize-controller", &Policy::default()).unwrap();
        assert_eq!(
            patch,
            json!({"metadata": {
                "annotations": {LAST_APPLIED_ANNOTATION: null},
                "labels": {"fluxcd.io/sync-gc-mark": null},
                "managedFields": [
                    {"manager": "kustomize-controller", "operation": "Apply", "fieldsV1": {"f:data": {}}},
                    {"manager": "kube-controller-manager", "operation": "Update"},
                    {"manager": "helm", "operation": "Update"},
                ]
            }})
        );
        let merge = Policy {
            ssa: SsaPolicy::Merge,
            ..Policy::default()
        };
        assert_eq!(cleanup_patch(&live, "kustomize-controller", &merge), None);
    }

    #[test]
    fn cleanup_of_a_clean_object_is_nothing_and_of_only_foreign_entries_clears() {
        let clean = json!({"metadata": {"annotations": {"a": "b"}, "managedFields": [
            {"manager": "kustomize-controller", "operation": "Apply"}]}});
        assert_eq!(
            cleanup_patch(&clean, "kustomize-controller", &Policy::default()),
            None
        );
        let foreign =
            json!({"metadata": {"managedFields": [{"manager": "kubectl-create", "operation": "Update"}]}});
        assert_eq!(
            cleanup_patch(&foreign, "kustomize-controller", &Policy::default()),
            Some(json!({"metadata": {"managedFields": [{}]}}))
        );
    }
}
