//! Per-object policies read from an object's annotations or labels (values are
//! case-insensitive), and the metadata clean-up done before applying. The keys are the
//! caller's ([`Conventions`], as fluxcd/pkg's ssa takes them from its owner): this module knows
//! no tool's annotations. With kustomize-controller's keys (`<group>` =
//! `kustomize.toolkit.fluxcd.io`):
//!
//! | key | values | effect |
//! | --- | --- | --- |
//! | `<group>/ssa` | `Override` (default) | apply, taking every field back |
//! | | `Merge` | apply, but keep what other tools added (no clean-up of their managed fields or of kubectl's last-applied annotation) |
//! | | `IfNotPresent` | create the object when it is missing, never update it |
//! | | `Ignore` | never apply nor prune it |
//! | `<group>/reconcile` | `disabled` | never apply nor prune it |
//! | `<group>/prune` | `disabled` | apply it, never prune it |
//! | `<group>/force` | `enabled` | recreate it when an immutable field changes |

use serde_json::{Map, Value, json};

/// kubectl's client-side apply annotation, removed before applying.
pub const LAST_APPLIED_ANNOTATION: &str = "kubectl.kubernetes.io/last-applied-configuration";

/// The annotation (or label) keys of the per-object policies of the tool that applies, and the
/// stale markers of its older versions it removes before applying. Passed by the caller in
/// [`super::Owner`]; without them no per-object policy is honoured and only kubectl's
/// last-applied annotation is cleaned up.
#[derive(Debug, PartialEq, Eq)]
pub struct Conventions {
    /// Chooses how an object is server-side applied (`Override`, `Merge`, `IfNotPresent`,
    /// `Ignore`).
    pub ssa: &'static str,
    /// `disabled`: the object is neither applied nor pruned.
    pub reconcile: &'static str,
    /// `disabled`: the object is applied but never pruned.
    pub prune: &'static str,
    /// `enabled`: the object is recreated when an immutable field changes.
    pub force: &'static str,
    /// Annotations removed from live objects before applying (beside kubectl's last-applied
    /// configuration).
    pub stale_annotations: &'static [&'static str],
    /// Labels removed from live objects before applying.
    pub stale_labels: &'static [&'static str],
}

/// How an object is server-side applied (the `ssa` policy).
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
    /// The keys these were read with (`None`: none were, the defaults apply).
    pub keys: Option<&'static Conventions>,
}

fn metadata_value<'a>(obj: &'a Value, key: &str) -> Option<&'a str> {
    let meta = &obj["metadata"];
    meta["annotations"][key]
        .as_str()
        .or_else(|| meta["labels"][key].as_str())
}

impl Policy {
    /// Reads the policies of an object (desired or live) under the caller's keys.
    pub fn of(obj: &Value, keys: Option<&'static Conventions>) -> Policy {
        let Some(k) = keys else {
            return Policy::default();
        };
        let is =
            |key: &str, value: &str| metadata_value(obj, key).is_some_and(|v| v.eq_ignore_ascii_case(value));
        let ssa = match metadata_value(obj, k.ssa).map(str::to_ascii_lowercase).as_deref() {
            Some("merge") => SsaPolicy::Merge,
            Some("ifnotpresent") => SsaPolicy::IfNotPresent,
            Some("ignore") => SsaPolicy::Ignore,
            _ => SsaPolicy::Override,
        };
        Policy {
            ssa,
            reconcile_disabled: is(k.reconcile, "disabled"),
            prune_disabled: is(k.prune, "disabled"),
            force: is(k.force, "enabled"),
            keys,
        }
    }

    /// Why an object with this policy is not applied, naming the annotation.
    pub fn skip_reason(&self) -> String {
        let (reconcile, ssa) = self.keys.map_or(("reconcile", "ssa"), |k| (k.reconcile, k.ssa));
        if self.reconcile_disabled {
            format!("{reconcile}: disabled")
        } else if self.ssa == SsaPolicy::Ignore {
            format!("{ssa}: Ignore")
        } else {
            format!("{ssa}: IfNotPresent and the object exists")
        }
    }

    /// The stale annotations and labels removed before applying.
    pub fn stale_markers(&self) -> [(&'static str, Vec<&'static str>); 2] {
        let mut annotations = vec![LAST_APPLIED_ANNOTATION];
        let mut labels = vec![];
        if let Some(k) = self.keys {
            annotations.extend_from_slice(k.stale_annotations);
            labels.extend_from_slice(k.stale_labels);
        }
        [("annotations", annotations), ("labels", labels)]
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
    for (section, keys) in policy.stale_markers() {
        nulls(section, &keys);
    }
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

    const SSA_KEY: &str = "example.com/ssa";
    const RECONCILE_KEY: &str = "example.com/reconcile";
    const PRUNE_KEY: &str = "example.com/prune";
    const FORCE_KEY: &str = "example.com/force";
    static KEYS: Conventions = Conventions {
        ssa: SSA_KEY,
        reconcile: RECONCILE_KEY,
        prune: PRUNE_KEY,
        force: FORCE_KEY,
        stale_annotations: &["example.com/checksum"],
        stale_labels: &["fluxcd.io/sync-gc-mark"],
    };

    fn of(obj: &Value) -> Policy {
        Policy::of(obj, Some(&KEYS))
    }

    #[test]
    fn policies_read_annotations_and_labels_case_insensitively() {
        let p = of(&json!({"metadata": {"annotations": {SSA_KEY: "ifnotpresent", FORCE_KEY: "Enabled"}}}));
        assert_eq!(p.ssa, SsaPolicy::IfNotPresent);
        assert!(p.force && !p.skipped() && p.prunable());
        let p = of(&json!({"metadata": {"labels": {RECONCILE_KEY: "Disabled"}}}));
        assert!(p.reconcile_disabled && p.skipped() && !p.prunable());
        let p = of(&json!({"metadata": {"annotations": {SSA_KEY: "IGNORE"}}}));
        assert_eq!(p.ssa, SsaPolicy::Ignore);
        assert!(p.skipped());
        let p = of(&json!({"metadata": {"annotations": {PRUNE_KEY: "disabled", SSA_KEY: "Merge"}}}));
        assert!(p.prune_disabled && !p.prunable() && !p.skipped());
        assert_eq!(p.ssa, SsaPolicy::Merge);
        assert_eq!(
            of(&json!({})),
            Policy {
                keys: Some(&KEYS),
                ..Policy::default()
            }
        );
        assert_eq!(
            p.skip_reason(),
            "example.com/ssa: IfNotPresent and the object exists"
        );
        // Without the caller's keys, no annotation means anything.
        let unkeyed = Policy::of(&json!({"metadata": {"annotations": {SSA_KEY: "Ignore"}}}), None);
        assert_eq!(unkeyed, Policy::default());
        let p = of(&json!({"metadata": {"annotations": {SSA_KEY: "bogus", FORCE_KEY: "true"}}}));
        assert_eq!(p, of(&json!({})));
    }

    #[test]
    fn cleanup_removes_kubectl_traces_and_foreign_managers() {
        let live = json!({"metadata": {
            "annotations": {LAST_APPLIED_ANNOTATION: "{}", "example.com/checksum": "1", "keep": "x"},
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
        let patch = cleanup_patch(&live, "kustomize-controller", &of(&json!({}))).unwrap();
        assert_eq!(
            patch,
            json!({"metadata": {
                "annotations": {LAST_APPLIED_ANNOTATION: null, "example.com/checksum": null},
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
            ..of(&json!({}))
        };
        assert_eq!(cleanup_patch(&live, "kustomize-controller", &merge), None);
        // Without the caller's keys only kubectl's traces go.
        let patch = cleanup_patch(&live, "kustomize-controller", &Policy::default()).unwrap();
        assert_eq!(
            patch["metadata"]["annotations"],
            json!({LAST_APPLIED_ANNOTATION: null})
        );
        assert_eq!(patch["metadata"].get("labels"), None);
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
