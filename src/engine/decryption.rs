//! The keys of `spec.decryption`: the `*.agekey` entries of the Secret named by
//! `secretRef`, read from the Kustomization's namespace, as kustomize-controller imports
//! them. Only age keys are used; other entries (`*.asc` PGP keys, cloud KMS credentials) are
//! not, so a file only they could open fails naming the keys it offers.

use std::sync::Arc;

use k8s_openapi::api::core::v1::Secret;
use kube::Client;
use kube::api::Api;
use zeroize::Zeroizing;

use crate::api::Kustomization;
use crate::cluster;
use crate::sops::{AGE_KEY_SUFFIX, Decryption, Keys};

/// Why the keys could not be read; the message names the Secret and the entry, never a
/// value.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading the Secret failed.
    #[error("decryption Secret {namespace}/{name}: {}", cluster::describe(source))]
    Read {
        /// The Secret's namespace.
        namespace: String,
        /// The Secret's name.
        name: String,
        /// The client's error.
        #[source]
        source: Box<kube::Error>,
    },
    /// The Secret does not exist.
    #[error("decryption Secret {namespace}/{name} not found")]
    NotFound {
        /// The Secret's namespace.
        namespace: String,
        /// The Secret's name.
        name: String,
    },
    /// An `*.agekey` entry is not UTF-8 text.
    #[error("decryption Secret {namespace}/{name}: entry {entry:?} is not UTF-8 text")]
    NotUtf8 {
        /// The Secret's namespace.
        namespace: String,
        /// The Secret's name.
        name: String,
        /// The entry.
        entry: String,
        /// The decoding error (which byte; never the bytes, a secret's value).
        #[source]
        source: std::str::Utf8Error,
    },
    /// An `*.agekey` entry holds no usable key.
    #[error("decryption Secret {namespace}/{name}: entry {entry:?}: {source}")]
    Key {
        /// The Secret's namespace.
        namespace: String,
        /// The Secret's name.
        name: String,
        /// The entry.
        entry: String,
        /// Why.
        #[source]
        source: crate::sops::Error,
    },
}

/// How the build of `ks` decrypts: `None` without `spec.decryption`, else the age keys of
/// its Secret (none without `secretRef`: every encrypted file then fails naming its keys).
pub async fn decryption(client: &Client, ks: &Kustomization) -> Result<Option<Decryption>, Error> {
    let Some(d) = ks.spec.decryption.as_ref() else {
        return Ok(None);
    };
    let mut keys = Keys::new();
    let Some(name) = d.secret_ref.as_ref().map(|r| r.name.clone()) else {
        return Ok(Some(Decryption::Keys(Arc::new(keys))));
    };
    let ns = ks.metadata.namespace.clone().unwrap_or_default();
    let api: Api<Secret> = Api::namespaced(client.clone(), &ns);
    let secret = crate::cluster::retry(|| api.get_opt(&name))
        .await
        .map_err(|e| Error::Read {
            namespace: ns.clone(),
            name: name.clone(),
            source: Box::new(e),
        })?
        .ok_or_else(|| Error::NotFound {
            namespace: ns.clone(),
            name: name.clone(),
        })?;
    for (entry, value) in secret.data.unwrap_or_default() {
        if !entry.ends_with(AGE_KEY_SUFFIX) {
            continue;
        }
        let text = Zeroizing::new(String::from_utf8(value.0).map_err(|e| Error::NotUtf8 {
            namespace: ns.clone(),
            name: name.clone(),
            entry: entry.clone(),
            source: e.utf8_error(),
        })?);
        keys.add_key_file(&text).map_err(|source| Error::Key {
            namespace: ns.clone(),
            name: name.clone(),
            entry: entry.clone(),
            source,
        })?;
    }
    Ok(Some(Decryption::Keys(Arc::new(keys))))
}
