//! The client that acts for a Kustomization: its own cluster impersonating
//! `spec.serviceAccountName`, or the cluster of `spec.kubeConfig`. The engine applies and
//! prunes with it; the controller's garbage collection deletes with it, so both act alike.

use k8s_openapi::api::core::v1::{Secret, ServiceAccount};
use kube::api::Api;
use kube::config::{KubeConfigOptions, Kubeconfig};
use kube::{Client, Config};

use crate::api::Kustomization;
use crate::cluster;

/// Who acts for the Kustomization.
pub enum Acting {
    /// The client to use.
    Client(Client),
    /// The service account or kubeconfig Secret the Kustomization names does not exist
    /// (any more): why.
    Gone(String),
}

/// Why the acting client cannot be made.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading the service account or the kubeconfig Secret failed.
    #[error("{0}")]
    Api(String),
    /// The kubeconfig of `spec.kubeConfig` is unusable.
    #[error("spec.kubeConfig: {0}")]
    KubeConfig(String),
}

/// The client that acts for the Kustomization (impersonation, remote cluster), or
/// [`Acting::Gone`] when the account or kubeconfig it names no longer exists.
pub async fn client_for(client: &Client, config: &Config, ks: &Kustomization) -> Result<Acting, Error> {
    let ns = ks.metadata.namespace.as_deref().unwrap_or_default();
    let remote = ks.spec.kube_config.as_ref();
    let mut config = match remote.map(|k| (k.secret_ref.as_ref(), k.config_map_ref.is_some())) {
        None => config.clone(),
        // Never fall back to the local cluster for objects meant for a remote one.
        Some((None, config_map)) => {
            return Err(Error::KubeConfig(if config_map {
                "configMapRef (cloud provider identity) is not supported by flux-rs".to_string()
            } else {
                "neither secretRef nor configMapRef is set".to_string()
            }));
        }
        Some((Some(secret_ref), _)) => {
            let secrets: Api<Secret> = Api::namespaced(client.clone(), ns);
            let secret = secrets.get_opt(&secret_ref.name).await.map_err(|e| {
                Error::Api(format!(
                    "Secret/{ns}/{}: {}",
                    secret_ref.name,
                    cluster::describe(&e)
                ))
            })?;
            let Some(secret) = secret else {
                return Ok(Acting::Gone(format!(
                    "the kubeconfig Secret {ns}/{} does not exist",
                    secret_ref.name
                )));
            };
            let data = secret.data.unwrap_or_default();
            let keys: Vec<&str> = match &secret_ref.key {
                Some(k) => vec![k.as_str()],
                None => vec!["value", "value.yaml"],
            };
            let Some(bytes) = keys.iter().find_map(|k| data.get(*k)) else {
                return Err(Error::KubeConfig(format!(
                    "Secret {ns}/{} has no key {}",
                    secret_ref.name,
                    keys.join(" or ")
                )));
            };
            let text = String::from_utf8(bytes.0.clone()).map_err(|_| {
                Error::KubeConfig(format!(
                    "Secret {ns}/{}: the kubeconfig is not UTF-8",
                    secret_ref.name
                ))
            })?;
            let kc = Kubeconfig::from_yaml(&text).map_err(|e| {
                Error::KubeConfig(format!("Secret {ns}/{}: {}", secret_ref.name, cluster::chain(&e)))
            })?;
            Config::from_custom_kubeconfig(kc, &KubeConfigOptions::default())
                .await
                .map_err(|e| {
                    Error::KubeConfig(format!("Secret {ns}/{}: {}", secret_ref.name, cluster::chain(&e)))
                })?
        }
    };
    if let Some(sa) = ks.spec.service_account_name.as_deref().filter(|s| !s.is_empty()) {
        // On a remote cluster the account lives there; here we can check it exists.
        if ks.spec.kube_config.is_none() {
            let accounts: Api<ServiceAccount> = Api::namespaced(client.clone(), ns);
            let exists = accounts
                .get_opt(sa)
                .await
                .map_err(|e| Error::Api(format!("ServiceAccount/{ns}/{sa}: {}", cluster::describe(&e))))?
                .is_some();
            if !exists {
                return Ok(Acting::Gone(format!(
                    "the service account {ns}/{sa} does not exist"
                )));
            }
        }
        config.auth_info.impersonate = Some(cluster::service_account_user(ns, sa));
    }
    if ks.spec.kube_config.is_none() && ks.spec.service_account_name.as_deref().is_none_or(str::is_empty) {
        return Ok(Acting::Client(client.clone()));
    }
    Client::try_from(config)
        .map(Acting::Client)
        .map_err(|e| Error::Api(cluster::describe(&e)))
}
