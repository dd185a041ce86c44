//! Suspending and resuming: a JSON merge patch of `spec.suspend` and nothing else
//! (`true` to suspend; the field removed to resume, as upstream's CLI leaves it).

use kube::api::{Patch, PatchParams};
use serde_json::json;

use super::{Error, FluxClient, FluxKind, LiveObject, Result, live, object_ref};
use crate::cluster;

impl FluxClient {
    /// Sets `spec.suspend` (or removes it when `suspend` is false) and returns the patched
    /// object, whose `metadata.generation` is the one a resume must wait for.
    pub async fn set_suspended(
        &self,
        kind: FluxKind,
        namespace: &str,
        name: &str,
        suspend: bool,
    ) -> Result<LiveObject> {
        let resource = self.require(kind).await?;
        let api = self.api(&resource, Some(namespace));
        let value = if suspend { json!(true) } else { json!(null) };
        let patch = Patch::Merge(json!({"spec": {"suspend": value}}));
        let params = PatchParams {
            field_manager: Some(self.field_manager.clone()),
            ..Default::default()
        };
        match crate::cluster::retry(|| api.patch(name, &params, &patch)).await {
            Ok(obj) => Ok(live(kind, &resource, &obj)),
            Err(e) if cluster::is_not_found(&e) => Err(Error::NotFound {
                object: Box::new(object_ref(kind, namespace, name)),
            }),
            Err(e) => Err(Error::Request {
                object: Box::new(object_ref(kind, namespace, name)),
                message: cluster::describe(&e),
            }),
        }
    }

    /// Suspends a typed object by name.
    pub async fn suspend<K: super::FluxResource>(&self, namespace: &str, name: &str) -> Result<LiveObject> {
        self.set_suspended(K::KIND, namespace, name, true).await
    }

    /// Resumes a typed object by name (does not wait; see [`FluxClient::wait_ready`]).
    pub async fn resume<K: super::FluxResource>(&self, namespace: &str, name: &str) -> Result<LiveObject> {
        self.set_suspended(K::KIND, namespace, name, false).await
    }
}
