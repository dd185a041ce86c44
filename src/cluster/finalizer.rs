//! The `finalizers.fluxcd.io` finalizer, used by the controller and the engines: added on the
//! first reconciliation so that deleting the object waits for its clean-up (garbage
//! collection of a Kustomization's objects, removal of a GitRepository's artifacts, a
//! HelmRelease's uninstall), removed once the clean-up is done. Writes are
//! merge patches guarded by `resourceVersion`, so finalizers of other controllers are never
//! lost; a conflict re-reads the object and tries again.

use kube::api::{Api, Patch, PatchParams};
use kube::{Resource, ResourceExt};
use serde::de::DeserializeOwned;
use serde_json::json;

/// The finalizer upstream controllers use, and so flux-rs.
pub const FINALIZER: &str = "finalizers.fluxcd.io";

/// How many times a write is retried after a conflict.
const CONFLICT_RETRIES: usize = 5;

/// Whether the object carries the finalizer.
pub fn has<K: Resource>(obj: &K) -> bool {
    obj.meta()
        .finalizers
        .as_deref()
        .unwrap_or_default()
        .iter()
        .any(|f| f == FINALIZER)
}

async fn set<K>(api: &Api<K>, obj: &K, present: bool) -> Result<Option<K>, kube::Error>
where
    K: Resource + Clone + DeserializeOwned + std::fmt::Debug,
{
    let name = obj.name_any();
    let mut current = obj.clone();
    for attempt in 0.. {
        if has(&current) == present {
            return Ok(Some(current));
        }
        let mut finalizers: Vec<String> = current.finalizers().to_vec();
        if present {
            finalizers.push(FINALIZER.to_string());
        } else {
            finalizers.retain(|f| f != FINALIZER);
        }
        let patch = json!({"metadata": {
            "finalizers": finalizers,
            "resourceVersion": current.resource_version(),
        }});
        match api
            .patch(&name, &PatchParams::default(), &Patch::Merge(&patch))
            .await
        {
            Ok(updated) => return Ok(Some(updated)),
            Err(e) if super::is_not_found(&e) => return Ok(None),
            Err(e) if super::is_conflict(&e) && attempt < CONFLICT_RETRIES => {
                match api.get_opt(&name).await? {
                    Some(fresh) => current = fresh,
                    None => return Ok(None),
                }
            }
            Err(e) => return Err(e),
        }
    }
    unreachable!("the loop returns")
}

/// Adds the finalizer; returns the updated object (`None` if it no longer exists).
pub async fn add<K>(api: &Api<K>, obj: &K) -> Result<Option<K>, kube::Error>
where
    K: Resource + Clone + DeserializeOwned + std::fmt::Debug,
{
    set(api, obj, true).await
}

/// Removes the finalizer (the API server then deletes an object being deleted).
pub async fn remove<K>(api: &Api<K>, obj: &K) -> Result<(), kube::Error>
where
    K: Resource + Clone + DeserializeOwned + std::fmt::Debug,
{
    set(api, obj, false).await.map(|_| ())
}
