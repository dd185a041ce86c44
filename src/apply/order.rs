//! The order objects are applied in: stages (definitions and namespaces before what lives in
//! them) and, within a stage, a fixed kind order so every run applies the same way.

use std::cmp::Ordering;

use crate::cluster::ObjectRef;

/// Kinds applied first, in this order; anything else follows, sorted by kind name.
const KIND_ORDER: &[&str] = &[
    "CustomResourceDefinition",
    "Namespace",
    "ClusterClass",
    "RuntimeClass",
    "PriorityClass",
    "StorageClass",
    "VolumeSnapshotClass",
    "IngressClass",
    "GatewayClass",
    "ResourceQuota",
    "LimitRange",
    "ServiceAccount",
    "ClusterRole",
    "Role",
    "ClusterRoleBinding",
    "RoleBinding",
    "ConfigMap",
    "Secret",
    "Service",
    "PersistentVolume",
    "PersistentVolumeClaim",
    "DaemonSet",
    "Deployment",
    "StatefulSet",
    "ReplicaSet",
    "Job",
    "CronJob",
    "HorizontalPodAutoscaler",
    "PodDisruptionBudget",
    "Ingress",
    "NetworkPolicy",
];

/// Kinds applied last (their webhooks would otherwise reject the rest of the set).
const LAST_KINDS: &[&str] = &["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"];

/// Whether objects of the kind are written after every other object of their stage
/// (admission webhook configurations, which could otherwise reject the rest).
pub fn is_last_kind(kind: &str) -> bool {
    LAST_KINDS.contains(&kind)
}

/// Which stage an object is applied in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    /// CRDs, Namespaces and ClusterRoles: applied first and waited for.
    Definitions,
    /// `*Class` kinds (StorageClass, IngressClass, …): applied and waited for next.
    Classes,
    /// Everything else.
    Rest,
}

/// The stage of a kind.
pub fn stage_of(kind: &str) -> Stage {
    match kind {
        "CustomResourceDefinition" | "Namespace" | "ClusterRole" => Stage::Definitions,
        k if k.ends_with("Class") => Stage::Classes,
        _ => Stage::Rest,
    }
}

fn kind_rank(kind: &str) -> (u8, usize) {
    if let Some(i) = LAST_KINDS.iter().position(|k| *k == kind) {
        return (2, i);
    }
    match KIND_ORDER.iter().position(|k| *k == kind) {
        Some(i) => (0, i),
        None => (1, 0),
    }
}

/// Apply order of two objects: by kind rank, then kind, namespace and name.
pub fn apply_order(a: &ObjectRef, b: &ObjectRef) -> Ordering {
    kind_rank(&a.kind)
        .cmp(&kind_rank(&b.kind))
        .then_with(|| a.kind.cmp(&b.kind))
        .then_with(|| a.namespace.cmp(&b.namespace))
        .then_with(|| a.name.cmp(&b.name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(kind: &str, ns: &str, name: &str) -> ObjectRef {
        ObjectRef {
            group: String::new(),
            version: "v1".into(),
            kind: kind.into(),
            namespace: ns.into(),
            name: name.into(),
        }
    }

    #[test]
    fn kinds_sort_in_apply_order() {
        let mut v = [
            r("ValidatingWebhookConfiguration", "", "w"),
            r("Deployment", "a", "d"),
            r("Widget", "a", "x"),
            r("Service", "a", "s"),
            r("Namespace", "", "a"),
            r("ConfigMap", "b", "c"),
            r("ConfigMap", "a", "c"),
            r("CustomResourceDefinition", "", "widgets.example.com"),
        ];
        v.sort_by(apply_order);
        let got: Vec<String> = v.iter().map(ToString::to_string).collect();
        assert_eq!(
            got,
            [
                "CustomResourceDefinition/widgets.example.com",
                "Namespace/a",
                "ConfigMap/a/c",
                "ConfigMap/b/c",
                "Service/a/s",
                "Deployment/a/d",
                "Widget/a/x",
                "ValidatingWebhookConfiguration/w"
            ]
        );
    }

    #[test]
    fn stages() {
        assert_eq!(stage_of("CustomResourceDefinition"), Stage::Definitions);
        assert_eq!(stage_of("ClusterRole"), Stage::Definitions);
        assert_eq!(stage_of("StorageClass"), Stage::Classes);
        assert_eq!(stage_of("ClusterRoleBinding"), Stage::Rest);
        assert!(is_last_kind("MutatingWebhookConfiguration"));
        assert!(!is_last_kind("Deployment"));
    }
}
