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
#[error("{0}")]
pub struct Error(String);

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
        let what = format!("{}/{}", r.kind, r.name);
        match r.kind.as_str() {
            "ConfigMap" => {
                let api: Api<ConfigMap> = Api::namespaced(client.clone(), &ns);
                match crate::cluster::retry(|| api.get_opt(&r.name)).await {
                    Ok(Some(cm)) => vars.extend(cm.data.unwrap_or_default()),
                    Ok(None) if optional => {}
                    Ok(None) => {
                        return Err(Error(format!(
                            "substitute from '{what}' failed: ConfigMap {ns}/{} not found",
                            r.name
                        )));
                    }
                    Err(e) => {
                        return Err(Error(format!(
                            "substitute from '{what}' failed: {}",
                            cluster::describe(&e)
                        )));
                    }
                }
            }
            "Secret" => {
                let api: Api<Secret> = Api::namespaced(client.clone(), &ns);
                match crate::cluster::retry(|| api.get_opt(&r.name)).await {
                    Ok(Some(s)) => {
                        let value = serde_json::to_value(&s).unwrap_or_default();
                        let found = crate::build::subst::source_variables(&value)
                            .map_err(|e| Error(format!("substitute from '{what}' failed: {e}")))?;
                        vars.extend(found);
                    }
                    Ok(None) if optional => {}
                    Ok(None) => {
                        return Err(Error(format!(
                            "substitute from '{what}' failed: Secret {ns}/{} not found",
                            r.name
                        )));
                    }
                    Err(e) => {
                        return Err(Error(format!(
                            "substitute from '{what}' failed: {}",
                            cluster::describe(&e)
                        )));
                    }
                }
            }
            other => {
                return Err(Error(format!(
                    "postBuild.substituteFrom: unsupported kind {other:?} (ConfigMap or Secret)"
                )));
            }
        }
    }
    Ok(vars)
}
