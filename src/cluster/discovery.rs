//! Discovery of API resources, one request per group-version, cached for the run and
//! refreshed on a miss (so kinds defined by CRDs applied in the same run are found).

use std::collections::HashMap;
use std::sync::Arc;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::APIResourceList;
use kube::Client;
use kube::api::ApiResource;
use tokio::sync::Mutex;

use super::{Error, Result, is_not_found};

/// What the server says about one kind.
#[derive(Clone, Debug)]
pub struct ResourceInfo {
    /// Group, version, kind and plural for building API requests.
    pub resource: ApiResource,
    /// Whether objects of this kind live in a namespace.
    pub namespaced: bool,
    /// Verbs the resource supports.
    pub verbs: Vec<String>,
}

/// A per-run cache of discovery answers.
#[derive(Clone)]
pub struct Discovery {
    client: Client,
    cache: Arc<Mutex<HashMap<String, Arc<APIResourceList>>>>,
}

impl Discovery {
    /// A new, empty cache.
    pub fn new(client: Client) -> Self {
        Discovery {
            client,
            cache: Arc::default(),
        }
    }

    /// Resolves `apiVersion` + `kind` to its resource. `Ok(None)` when the server does not
    /// serve the kind (an unknown group-version or kind).
    pub async fn resolve(&self, api_version: &str, kind: &str) -> Result<Option<ResourceInfo>> {
        if let Some(list) = self.list(api_version, false).await?
            && let Some(info) = find(&list, api_version, kind)
        {
            return Ok(Some(info));
        }
        // A miss may be a kind registered since the cache was filled: ask again once.
        match self.list(api_version, true).await? {
            Some(list) => Ok(find(&list, api_version, kind)),
            None => Ok(None),
        }
    }

    /// Forgets everything cached (after CRDs change).
    pub async fn invalidate(&self) {
        self.cache.lock().await.clear();
    }

    async fn list(&self, api_version: &str, refresh: bool) -> Result<Option<Arc<APIResourceList>>> {
        let mut cache = self.cache.lock().await;
        if !refresh && let Some(l) = cache.get(api_version) {
            return Ok(Some(l.clone()));
        }
        let res = if api_version.contains('/') {
            self.client.list_api_group_resources(api_version).await
        } else {
            self.client.list_core_api_resources(api_version).await
        };
        match res {
            Ok(list) => {
                let list = Arc::new(list);
                cache.insert(api_version.to_string(), list.clone());
                Ok(Some(list))
            }
            Err(e) if is_not_found(&e) => Ok(None),
            Err(e) => Err(Error::from(e)),
        }
    }
}

fn find(list: &APIResourceList, api_version: &str, kind: &str) -> Option<ResourceInfo> {
    let (group, version) = super::object::split_api_version(api_version);
    list.resources
        .iter()
        .filter(|r| !r.name.contains('/'))
        .find(|r| r.kind == kind)
        .map(|r| ResourceInfo {
            resource: ApiResource {
                group: group.to_string(),
                version: version.to_string(),
                api_version: api_version.to_string(),
                kind: kind.to_string(),
                plural: r.name.clone(),
            },
            namespaced: r.namespaced,
            verbs: r.verbs.clone(),
        })
}
