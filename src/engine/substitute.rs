//! The variables of `postBuild.substituteFrom`: the data of the ConfigMaps and Secrets a
//! Kustomization names, read from its namespace (later sources override earlier ones), as
//! kustomize-controller reads them before substituting. `build kustomization` and the
//! reconcile engine both use this.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{ConfigMap, Secret};
use kube::Client;
use kube::api::Api;

use crate::api::Kustomization;
use crate::cluster;

/// Why the variables could not be read; the message names the ConfigMap or Secret (never a
/// value).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The ConfigMap or Secret does not exist and the reference is not `optional`.
    #[error("substitute from '{kind}/{name}' failed: {kind} {namespace}/{name} not found")]
    NotFound {
        /// `ConfigMap` or `Secret`.
        kind: String,
        /// Its namespace.
        namespace: String,
        /// Its name.
        name: String,
    },
    /// Reading the ConfigMap or Secret failed.
    #[error("substitute from '{kind}/{name}' failed: {}", cluster::describe(source))]
    Read {
        /// `ConfigMap` or `Secret`.
        kind: String,
        /// Its name.
        name: String,
        /// The client's error.
        #[source]
        source: Box<kube::Error>,
    },
    /// A Secret's value cannot be a variable.
    #[error("substitute from 'Secret/{name}' failed: {source}")]
    Value {
        /// The Secret's name.
        name: String,
        /// Which key and why.
        #[source]
        source: crate::build::subst::ValueError,
    },
    /// The reference names a kind other than ConfigMap or Secret.
    #[error("postBuild.substituteFrom: unsupported kind {kind:?} (ConfigMap or Secret)")]
    UnsupportedKind {
        /// The kind given.
        kind: String,
    },
}

/// Reads the variables of `ks.spec.postBuild.substituteFrom` from the Kustomization's
/// namespace. A missing object is an error unless the reference is `optional`; Secret values
/// must be UTF-8 text.
pub async fn variables(client: &Client, ks: &Kustomization) -> Result<BTreeMap<String, String>, Error> {
    let mut vars = BTreeMap::new();
    let refs = ks
        .spec
        .post_build
        .as_ref()
        .and_then(|p| p.substitute_from.clone())
        .unwrap_or_default();
    if refs.is_empty() {
        return Ok(vars);
    }
    let ns = ks.metadata.namespace.clone().unwrap_or_default();
    for r in refs {
        let optional = r.optional.unwrap_or(false);
        let not_found = || Error::NotFound {
            kind: r.kind.clone(),
            namespace: ns.clone(),
            name: r.name.clone(),
        };
        let read = |e: kube::Error| Error::Read {
            kind: r.kind.clone(),
            name: r.name.clone(),
            source: Box::new(e),
        };
        match r.kind.as_str() {
            "ConfigMap" => {
                let api: Api<ConfigMap> = Api::namespaced(client.clone(), &ns);
                match crate::cluster::retry(|| api.get_opt(&r.name)).await {
                    Ok(Some(cm)) => vars.extend(cm.data.unwrap_or_default()),
                    Ok(None) if optional => {}
                    Ok(None) => return Err(not_found()),
                    Err(e) => return Err(read(e)),
                }
            }
            "Secret" => {
                let api: Api<Secret> = Api::namespaced(client.clone(), &ns);
                match crate::cluster::retry(|| api.get_opt(&r.name)).await {
                    Ok(Some(s)) => {
                        let value = serde_json::to_value(&s).unwrap_or_default();
                        let found =
                            crate::build::subst::source_variables(&value).map_err(|source| Error::Value {
                                name: r.name.clone(),
                                source,
                            })?;
                        vars.extend(found);
                    }
                    Ok(None) if optional => {}
                    Ok(None) => return Err(not_found()),
                    Err(e) => return Err(read(e)),
                }
            }
            other => {
                return Err(Error::UnsupportedKind {
                    kind: other.to_string(),
                });
            }
        }
    }
    Ok(vars)
}
