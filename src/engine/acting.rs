//! The client that acts for a Kustomization or a HelmRelease: its own cluster impersonating
//! `spec.serviceAccountName`, or the cluster of `spec.kubeConfig`. The engines apply, prune
//! and (for Helm) store releases with it; the controller's garbage collection deletes with
//! it, so all act alike.

use k8s_openapi::api::core::v1::{Secret, ServiceAccount};
use kube::api::Api;
use kube::config::{KubeConfigOptions, Kubeconfig};
use kube::{Client, Config};

use crate::api::kustomize::KubeConfigReference;
use crate::api::{HelmRelease, Kustomization};
use crate::cluster;

/// An object that names who acts for it.
pub trait Actor {
    /// Its namespace (where the service account and the kubeconfig Secret live).
    fn acting_namespace(&self) -> &str;
    /// `spec.serviceAccountName`, when set and not empty.
    fn service_account(&self) -> Option<&str>;
    /// `spec.kubeConfig`.
    fn kube_config(&self) -> Option<&KubeConfigReference>;
}

impl Actor for Kustomization {
    fn acting_namespace(&self) -> &str {
        self.metadata.namespace.as_deref().unwrap_or_default()
    }
    fn service_account(&self) -> Option<&str> {
        self.spec
            .service_account_name
            .as_deref()
            .filter(|s| !s.is_empty())
    }
    fn kube_config(&self) -> Option<&KubeConfigReference> {
        self.spec.kube_config.as_ref()
    }
}

impl Actor for HelmRelease {
    fn acting_namespace(&self) -> &str {
        self.own_namespace()
    }
    fn service_account(&self) -> Option<&str> {
        self.spec
            .service_account_name
            .as_deref()
            .filter(|s| !s.is_empty())
    }
    fn kube_config(&self) -> Option<&KubeConfigReference> {
        self.spec.kube_config.as_ref()
    }
}

/// Who acts for the object.
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
    #[error("{object}: {}", cluster::describe(source))]
    Read {
        /// `Secret/<ns>/<name>` or `ServiceAccount/<ns>/<name>`.
        object: String,
        /// The client's error.
        #[source]
        source: Box<kube::Error>,
    },
    /// A client cannot be built from the resolved configuration.
    #[error("{}", cluster::describe(source))]
    Client {
        /// The client's error.
        #[source]
        source: Box<kube::Error>,
    },
    /// `spec.kubeConfig` names no Secret (neither `secretRef` nor a supported `configMapRef`).
    #[error("spec.kubeConfig: {reason}")]
    NoSecretRef {
        /// Why (`configMapRef (cloud provider identity) is not supported by flux-rs`).
        reason: &'static str,
    },
    /// The kubeconfig Secret has none of the keys looked for.
    #[error("spec.kubeConfig: Secret {namespace}/{name} has no key {}", keys.join(" or "))]
    MissingKey {
        /// The Secret's namespace.
        namespace: String,
        /// The Secret's name.
        name: String,
        /// The keys looked for.
        keys: Vec<String>,
    },
    /// The kubeconfig in the Secret is not UTF-8.
    #[error("spec.kubeConfig: Secret {namespace}/{name}: the kubeconfig is not UTF-8")]
    NotUtf8 {
        /// The Secret's namespace.
        namespace: String,
        /// The Secret's name.
        name: String,
        /// The decoding error (which byte; never the bytes, a secret's value).
        #[source]
        source: std::str::Utf8Error,
    },
    /// The kubeconfig in the Secret cannot be parsed or resolved.
    #[error("spec.kubeConfig: Secret {namespace}/{name}: {}", cluster::chain(source))]
    KubeConfig {
        /// The Secret's namespace.
        namespace: String,
        /// The Secret's name.
        name: String,
        /// kube's error.
        #[source]
        source: kube::config::KubeconfigError,
    },
}

/// The client that acts for the object (impersonation, remote cluster), or
/// [`Acting::Gone`] when the account or kubeconfig it names no longer exists.
pub async fn client_for<A: Actor>(client: &Client, config: &Config, obj: &A) -> Result<Acting, Error> {
    let ns = obj.acting_namespace();
    let remote = obj.kube_config();
    let mut config = match remote.map(|k| (k.secret_ref.as_ref(), k.config_map_ref.is_some())) {
        None => config.clone(),
        // Never fall back to the local cluster for objects meant for a remote one.
        Some((None, config_map)) => {
            return Err(Error::NoSecretRef {
                reason: if config_map {
                    "configMapRef (cloud provider identity) is not supported by flux-rs"
                } else {
                    "neither secretRef nor configMapRef is set"
                },
            });
        }
        Some((Some(secret_ref), _)) => {
            let secrets: Api<Secret> = Api::namespaced(client.clone(), ns);
            let secret = secrets.get_opt(&secret_ref.name).await.map_err(|e| Error::Read {
                object: format!("Secret/{ns}/{}", secret_ref.name),
                source: Box::new(e),
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
                return Err(Error::MissingKey {
                    namespace: ns.to_string(),
                    name: secret_ref.name.clone(),
                    keys: keys.iter().map(|k| (*k).to_string()).collect(),
                });
            };
            let text = String::from_utf8(bytes.0.clone()).map_err(|e| Error::NotUtf8 {
                namespace: ns.to_string(),
                name: secret_ref.name.clone(),
                source: e.utf8_error(),
            })?;
            let kubeconfig_error = |source| Error::KubeConfig {
                namespace: ns.to_string(),
                name: secret_ref.name.clone(),
                source,
            };
            let kc = Kubeconfig::from_yaml(&text).map_err(kubeconfig_error)?;
            Config::from_custom_kubeconfig(kc, &KubeConfigOptions::default())
                .await
                .map_err(kubeconfig_error)?
        }
    };
    if let Some(sa) = obj.service_account() {
        // On a remote cluster the account lives there; here we can check it exists.
        if remote.is_none() {
            let accounts: Api<ServiceAccount> = Api::namespaced(client.clone(), ns);
            let exists = accounts
                .get_opt(sa)
                .await
                .map_err(|e| Error::Read {
                    object: format!("ServiceAccount/{ns}/{sa}"),
                    source: Box::new(e),
                })?
                .is_some();
            if !exists {
                return Ok(Acting::Gone(format!(
                    "the service account {ns}/{sa} does not exist"
                )));
            }
        }
        config.auth_info.impersonate = Some(cluster::service_account_user(ns, sa));
    }
    if remote.is_none() && obj.service_account().is_none() {
        return Ok(Acting::Client(client.clone()));
    }
    Client::try_from(config)
        .map(Acting::Client)
        .map_err(|e| Error::Client { source: Box::new(e) })
}
