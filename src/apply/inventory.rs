//! The inventory of a set of applied objects, in the format Flux records it in a
//! Kustomization's `status.inventory.entries[]`: an `id` of the form
//! `<namespace>_<name>_<group>_<kind>` and the object's API version in `v`.
//!
//! The id leaves the namespace empty for cluster-scoped objects and the group empty for the
//! core group (`_flux-system__Namespace`, `default_podinfo__Service`). Colons, which only
//! RBAC object names may contain, are written as `__` in the names of Roles, ClusterRoles,
//! RoleBindings and ClusterRoleBindings, as upstream does; parsing reverses that.
//!
//! Two entries name the same object when their ids are equal: the version does not take
//! part in the identity (the API server serves one object under every version of its kind).

use std::collections::BTreeSet;

use crate::cluster::ObjectRef;

use super::ChangeSet;

const SEPARATOR: char = '_';
const COLON_IN_NAME: &str = "__";
const RBAC_GROUP: &str = "rbac.authorization.k8s.io";
const RBAC_KINDS: &[&str] = &["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"];

/// An inventory id that cannot be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid inventory entry id {id:?}: {reason}")]
pub struct InvalidId {
    /// The id as found.
    pub id: String,
    /// What is wrong with it.
    pub reason: &'static str,
}

fn is_rbac(group: &str, kind: &str) -> bool {
    group == RBAC_GROUP && RBAC_KINDS.contains(&kind)
}

/// The id of an object: `<namespace>_<name>_<group>_<kind>`.
pub fn entry_id(object: &ObjectRef) -> String {
    let name = if is_rbac(&object.group, &object.kind) {
        object.name.replace(':', COLON_IN_NAME)
    } else {
        object.name.clone()
    };
    format!(
        "{}{SEPARATOR}{name}{SEPARATOR}{}{SEPARATOR}{}",
        object.namespace, object.group, object.kind
    )
}

/// Parses an entry (its id and its API version) back into the object it names.
pub fn parse_id(id: &str, version: &str) -> Result<ObjectRef, InvalidId> {
    let invalid = |reason| InvalidId {
        id: id.to_string(),
        reason,
    };
    // The namespace is the first field, the kind the last and the group the one before it;
    // the name is what remains (it may hold `__` for a colon).
    let (namespace, rest) = id
        .split_once(SEPARATOR)
        .ok_or_else(|| invalid("expected <namespace>_<name>_<group>_<kind>"))?;
    let (rest, kind) = rest
        .rsplit_once(SEPARATOR)
        .ok_or_else(|| invalid("expected <namespace>_<name>_<group>_<kind>"))?;
    let (name, group) = rest
        .rsplit_once(SEPARATOR)
        .ok_or_else(|| invalid("expected <namespace>_<name>_<group>_<kind>"))?;
    let name = name.replace(COLON_IN_NAME, ":");
    if name.contains(SEPARATOR) {
        return Err(invalid("too many fields"));
    }
    if name.is_empty() {
        return Err(invalid("empty name"));
    }
    if kind.is_empty() {
        return Err(invalid("empty kind"));
    }
    Ok(ObjectRef {
        group: group.to_string(),
        version: version.to_string(),
        kind: kind.to_string(),
        namespace: namespace.to_string(),
        name,
    })
}

/// The set of objects a reconciliation applied, in apply order of the change set it was
/// made from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Inventory {
    /// The objects.
    pub objects: Vec<ObjectRef>,
}

impl Inventory {
    /// The inventory of everything in a change set (created, configured, unchanged and
    /// skipped objects alike, as upstream records it); deleted objects are left out.
    pub fn from_change_set(changes: &ChangeSet) -> Inventory {
        let mut inv = Inventory::default();
        inv.add(
            changes
                .entries
                .iter()
                .filter(|e| e.action != super::Action::Deleted)
                .map(|e| e.object.clone()),
        );
        inv
    }

    /// An inventory from recorded entries (`(id, version)`, as a Kustomization's
    /// `status.inventory` holds them).
    pub fn from_entries<'a>(
        entries: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Inventory, InvalidId> {
        let objects = entries
            .into_iter()
            .map(|(id, v)| parse_id(id, v))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Inventory { objects })
    }

    /// The entries to record: `(id, version)` per object, in order.
    pub fn entries(&self) -> impl Iterator<Item = (String, String)> + '_ {
        self.objects.iter().map(|o| (entry_id(o), o.version.clone()))
    }

    /// Adds objects that are not in the inventory yet (same id), keeping the order.
    pub fn add(&mut self, objects: impl IntoIterator<Item = ObjectRef>) {
        let mut seen: BTreeSet<String> = self.objects.iter().map(entry_id).collect();
        for o in objects {
            if seen.insert(entry_id(&o)) {
                self.objects.push(o);
            }
        }
    }

    /// Whether the inventory holds the object (compared by id, not version).
    pub fn contains(&self, object: &ObjectRef) -> bool {
        let id = entry_id(object);
        self.objects.iter().any(|o| entry_id(o) == id)
    }

    /// The objects of this (previous) inventory that `current` no longer holds: what a prune
    /// deletes. Compared by id, so a new API version of the same object is not stale.
    pub fn stale(&self, current: &Inventory) -> Vec<ObjectRef> {
        let keep: BTreeSet<String> = current.objects.iter().map(entry_id).collect();
        self.objects
            .iter()
            .filter(|o| !keep.contains(&entry_id(o)))
            .cloned()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(group: &str, version: &str, kind: &str, ns: &str, name: &str) -> ObjectRef {
        ObjectRef {
            group: group.into(),
            version: version.into(),
            kind: kind.into(),
            namespace: ns.into(),
            name: name.into(),
        }
    }

    #[test]
    fn ids_are_written_as_upstream() {
        let cases = [
            (
                r("", "v1", "Service", "default", "podinfo"),
                "default_podinfo__Service",
                "v1",
            ),
            (
                r("", "v1", "Namespace", "", "flux-system"),
                "_flux-system__Namespace",
                "v1",
            ),
            (
                r("apps", "v1", "Deployment", "apps", "podinfo"),
                "apps_podinfo_apps_Deployment",
                "v1",
            ),
            (
                r(
                    "apiextensions.k8s.io",
                    "v1",
                    "CustomResourceDefinition",
                    "",
                    "kustomizations.kustomize.toolkit.fluxcd.io",
                ),
                "_kustomizations.kustomize.toolkit.fluxcd.io_apiextensions.k8s.io_CustomResourceDefinition",
                "v1",
            ),
            (
                r(RBAC_GROUP, "v1", "ClusterRole", "", "system:flux:view"),
                "_system__flux__view_rbac.authorization.k8s.io_ClusterRole",
                "v1",
            ),
            (
                r(
                    "kustomize.toolkit.fluxcd.io",
                    "v1",
                    "Kustomization",
                    "flux-system",
                    "apps",
                ),
                "flux-system_apps_kustomize.toolkit.fluxcd.io_Kustomization",
                "v1",
            ),
            (
                r(
                    "autoscaling",
                    "v2beta2",
                    "HorizontalPodAutoscaler",
                    "web",
                    "front",
                ),
                "web_front_autoscaling_HorizontalPodAutoscaler",
                "v2beta2",
            ),
        ];
        for (obj, id, v) in cases {
            assert_eq!(entry_id(&obj), id);
            assert_eq!(obj.version, v);
            assert_eq!(parse_id(id, v).unwrap(), obj, "{id}");
        }
    }

    #[test]
    fn bad_ids_are_rejected() {
        for (id, v) in [
            ("nounderscore", "v1"),
            ("a_b", "v1"),
            ("ns_na_me_apps_Deployment", "v1"),
            ("ns__apps_Deployment", "v1"),
            ("ns_name_apps_", "v1"),
        ] {
            let e = parse_id(id, v);
            assert!(e.is_err(), "{id} should be rejected");
        }
        let e = parse_id("x", "v1").unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid inventory entry id \"x\": expected <namespace>_<name>_<group>_<kind>"
        );
    }

    #[test]
    fn stale_objects_ignore_the_version() {
        let old = Inventory {
            objects: vec![
                r("", "v1", "Namespace", "", "a"),
                r("", "v1", "ConfigMap", "a", "gone"),
                r("autoscaling", "v1", "HorizontalPodAutoscaler", "a", "h"),
            ],
        };
        let mut new = Inventory::default();
        new.add([
            r("", "v1", "Namespace", "", "a"),
            r("autoscaling", "v2beta2", "HorizontalPodAutoscaler", "a", "h"),
            r("", "v1", "Namespace", "", "a"),
        ]);
        assert_eq!(new.objects.len(), 2, "duplicates are added once");
        assert_eq!(old.stale(&new), vec![r("", "v1", "ConfigMap", "a", "gone")]);
        assert!(new.contains(&r("autoscaling", "v1", "HorizontalPodAutoscaler", "a", "h")));
        let entries: Vec<(String, String)> = new.entries().collect();
        let back = Inventory::from_entries(entries.iter().map(|(id, v)| (id.as_str(), v.as_str())));
        assert_eq!(back.unwrap(), new);
    }
}
