//! A Kustomization's inventory: `status.inventory.entries[].id` in the form
//! `<namespace>_<name>_<group>_<kind>` (empty namespace for cluster-scoped objects, empty
//! group for the core group, `:` in names written as `__`), with the version in `v`.

use super::object::{FluxStatus, LiveObject};
use super::{Error, Result};
use crate::cluster::ObjectRef;

pub use crate::apply::inventory::{InvalidId, entry_id as format_id, parse_id};

/// The objects in a Kustomization's inventory, in inventory order (empty without one).
pub fn entries(ks: &LiveObject) -> Result<Vec<ObjectRef>> {
    let Some(list) = ks.status()["inventory"]["entries"].as_array() else {
        return Ok(Vec::new());
    };
    list.iter()
        .enumerate()
        .map(|(i, e)| {
            let field = format!("status.inventory.entries[{i}]");
            let id = e["id"].as_str().ok_or_else(|| Error::Invalid {
                object: Box::new(ks.object_ref()),
                field: format!("{field}.id"),
                message: "missing".into(),
            })?;
            let version = e["v"].as_str().unwrap_or_default();
            parse_id(id, version).map_err(|err| Error::Invalid {
                object: Box::new(ks.object_ref()),
                field: format!("{field}.id"),
                message: err.to_string(),
            })
        })
        .collect()
}

/// The inventory without the Kustomization itself (a Kustomization that applies its own
/// manifest, as `flux-system` does, lists itself).
pub fn managed_entries(ks: &LiveObject) -> Result<Vec<ObjectRef>> {
    let me = ks.object_ref();
    Ok(entries(ks)?
        .into_iter()
        .filter(|r| {
            !(r.kind == me.kind && r.group == me.group && r.namespace == me.namespace && r.name == me.name)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::FluxKind;
    use serde_json::json;

    #[test]
    fn ids_parse_and_format_as_upstream() {
        let cases = [
            ("default_podinfo__Service", "v1", "Service/default/podinfo"),
            ("_flux-system__Namespace", "v1", "Namespace/flux-system"),
            ("apps_web_apps_Deployment", "v1", "Deployment/apps/web"),
            (
                "_system__controller_rbac.authorization.k8s.io_ClusterRole",
                "v1",
                "ClusterRole/system:controller",
            ),
            (
                "flux-system_apps_kustomize.toolkit.fluxcd.io_Kustomization",
                "v1",
                "Kustomization/flux-system/apps",
            ),
        ];
        for (id, v, want) in cases {
            let r = parse_id(id, v).unwrap();
            assert_eq!(r.to_string(), want, "{id}");
            assert_eq!(format_id(&r), id);
        }
        let web = parse_id("apps_web_apps_Deployment", "v1").unwrap();
        assert_eq!(web.api_version(), "apps/v1");
        for bad in ["", "a_b", "nounderscores", "ns__apps_"] {
            assert!(parse_id(bad, "v1").is_err(), "{bad}");
        }
    }

    #[test]
    fn entries_name_the_bad_field() {
        let ks = LiveObject::new(
            FluxKind::Kustomization,
            json!({"metadata": {"name": "apps", "namespace": "ns"}, "status": {"inventory": {"entries": [
                {"id": "ns_cm__ConfigMap", "v": "v1"}, {"id": "broken", "v": "v1"}]}}}),
        );
        let e = entries(&ks).unwrap_err().to_string();
        assert!(
            e.starts_with(
                "Kustomization/ns/apps: status.inventory.entries[1].id: invalid inventory entry id \"broken\""
            ),
            "{e}"
        );
        let none = LiveObject::new(FluxKind::Kustomization, json!({"metadata": {"name": "a"}}));
        assert!(entries(&none).unwrap().is_empty());
    }
}
