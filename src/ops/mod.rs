//! Day-2 operations on Flux objects in a cluster, for the CLI, the controller and any other
//! caller: find the served version of a kind, list and get objects (every field kept),
//! suspend and resume, wait until an object is ready at its generation, ask a controller to
//! reconcile now (upstream's `requestedAt` protocol), export clean manifests with their
//! Secrets, delete with the inventory, inventory trees, events, statistics and tracing an
//! object back to its Kustomization and source.
//!
//! Nothing here prints: results are data ([`LiveObject`], [`Summary`], [`tree::TreeNode`],
//! …) and the caller decides how to show them. Objects are handled as the server returns
//! them (`serde_json::Value`), so fields of newer upstream versions survive an export or a
//! `get -o yaml`; the typed API structs read the same way through [`FluxStatus`].

pub mod delete;
pub mod events;
pub mod export;
pub mod install;
pub mod inventory;
pub mod kind;
pub mod list;
pub mod object;
pub mod reconcile;
pub mod stats;
pub mod suspend;
pub mod trace;
pub mod tree;
pub mod uninstall;
pub mod wait;

use std::collections::HashMap;
use std::sync::Arc;

use kube::Client;
use kube::api::{Api, ApiResource, DynamicObject};
use tokio::sync::Mutex;

use crate::cluster::{self, Discovery, ObjectRef};

pub use kind::FluxKind;
pub use list::{ListOptions, StatusSelector};
pub use object::{FluxResource, FluxStatus, LiveObject, Readiness, Summary, WAITING_TO_BE_RECONCILED};
pub use reconcile::ReconcileRequest;
pub use wait::WaitOptions;

/// Field manager of changes the CLI makes on the user's behalf (as upstream's `flux`).
pub const DEFAULT_FIELD_MANAGER: &str = "flux";

/// Why an operation failed. Variants about one object name it (`Kind/ns/name: …`).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The server does not serve the kind: its CRD is not installed.
    #[error("no matches for kind {:?} in group {:?} (is its CRD installed?)", .kind.kind(), .kind.group())]
    NotServed {
        /// The kind.
        kind: FluxKind,
    },
    /// The object does not exist.
    #[error("{object}: not found")]
    NotFound {
        /// The object.
        object: Box<ObjectRef>,
    },
    /// A request about an object failed.
    #[error("{object}: {message}")]
    Request {
        /// The object.
        object: Box<ObjectRef>,
        /// The server's message.
        message: String,
    },
    /// The object failed to reconcile (Ready=False or Stalled=True at its generation).
    #[error("{object}: reconciliation failed: {message}")]
    Failed {
        /// The object.
        object: Box<ObjectRef>,
        /// The Ready (or Stalled) condition's message.
        message: String,
    },
    /// The object was not reconciled before the deadline.
    #[error("{object}: not reconciled within {}: {message}", crate::duration::format(*.timeout))]
    Timeout {
        /// The object.
        object: Box<ObjectRef>,
        /// How long was waited.
        timeout: std::time::Duration,
        /// Where it stood last.
        message: String,
    },
    /// The object's data is not what its kind promises.
    #[error("{object}: {field}: {message}")]
    Invalid {
        /// The object.
        object: Box<ObjectRef>,
        /// The offending field (`status.inventory.entries[3].id`).
        field: String,
        /// What is wrong.
        message: String,
    },
    /// The object does not carry the owner labels of a Kustomization.
    #[error(
        "{object}: not managed by Flux (it has no {} label)",
        crate::api::meta::KUSTOMIZE_NAME_LABEL
    )]
    NotManaged {
        /// The object.
        object: Box<ObjectRef>,
    },
    /// A kind name that is not a Flux kind.
    #[error("{kind:?} is not a recognized Flux kind")]
    UnknownKind {
        /// The name given.
        kind: String,
    },
    /// A status selector not of the form `type=status` or `type!=status`.
    #[error("expected status selector in type=status format, but found: {given}")]
    StatusSelector {
        /// The selector given.
        given: String,
    },
    /// The server does not serve an API version given.
    #[error("the server does not serve API version {api_version:?}")]
    UnknownApiVersion {
        /// The API version given.
        api_version: String,
    },
    /// The server has no resource type of that name.
    #[error("the server {} a resource type {name:?}{}",
        if api_version.is_some() { "does not have" } else { "doesn't have" },
        api_version.as_ref().map(|v| format!(" in {v}")).unwrap_or_default())]
    UnknownResource {
        /// The resource name given.
        name: String,
        /// The API version it was looked for in, when given.
        api_version: Option<String>,
    },
    /// Deleting objects failed.
    #[error(transparent)]
    Apply(Box<crate::apply::Error>),
    /// Discovery or another request failed.
    #[error(transparent)]
    Cluster(#[from] cluster::Error),
}

impl From<crate::apply::Error> for Error {
    fn from(e: crate::apply::Error) -> Self {
        Error::Apply(Box::new(e))
    }
}

/// Result alias for this module.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A client for Flux objects: resolves the served version of each kind once and runs the
/// operations of this module.
#[derive(Clone)]
pub struct FluxClient {
    client: Client,
    discovery: Discovery,
    resolved: Arc<Mutex<HashMap<FluxKind, Option<ApiResource>>>>,
    field_manager: String,
}

impl FluxClient {
    /// A client with the default field manager (`flux`).
    pub fn new(client: Client) -> Self {
        FluxClient {
            discovery: Discovery::new(client.clone()),
            client,
            resolved: Arc::default(),
            field_manager: DEFAULT_FIELD_MANAGER.to_string(),
        }
    }

    /// Sets the field manager recorded for patches.
    #[must_use]
    pub fn with_field_manager(mut self, manager: impl Into<String>) -> Self {
        self.field_manager = manager.into();
        self
    }

    /// The Kubernetes client.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The discovery cache.
    pub fn discovery(&self) -> &Discovery {
        &self.discovery
    }

    /// The resource of the first version of the kind the server serves; `None` when its CRD
    /// is not installed.
    pub async fn resource(&self, kind: FluxKind) -> Result<Option<ApiResource>> {
        if let Some(r) = self.resolved.lock().await.get(&kind) {
            return Ok(r.clone());
        }
        let mut found = None;
        for version in kind.versions() {
            let api_version = format!("{}/{version}", kind.group());
            if let Some(info) = self.discovery.resolve(&api_version, kind.kind()).await? {
                found = Some(info.resource);
                break;
            }
        }
        self.resolved.lock().await.insert(kind, found.clone());
        Ok(found)
    }

    /// Like [`FluxClient::resource`], failing with [`Error::NotServed`].
    pub async fn require(&self, kind: FluxKind) -> Result<ApiResource> {
        self.resource(kind).await?.ok_or(Error::NotServed { kind })
    }

    /// An API handle for a resource in a namespace (`None`: all namespaces).
    pub fn api(&self, resource: &ApiResource, namespace: Option<&str>) -> Api<DynamicObject> {
        match namespace {
            Some(ns) => Api::namespaced_with(self.client.clone(), ns, resource),
            None => Api::all_with(self.client.clone(), resource),
        }
    }

    /// Reads one object; [`Error::NotFound`] when it does not exist.
    pub async fn get(&self, kind: FluxKind, namespace: &str, name: &str) -> Result<LiveObject> {
        self.get_opt(kind, namespace, name)
            .await?
            .ok_or_else(|| Error::NotFound {
                object: Box::new(object_ref(kind, namespace, name)),
            })
    }

    /// Reads one object, `None` when it does not exist.
    pub async fn get_opt(&self, kind: FluxKind, namespace: &str, name: &str) -> Result<Option<LiveObject>> {
        let resource = self.require(kind).await?;
        let api = self.api(&resource, Some(namespace));
        let obj = crate::cluster::retry(|| api.get_opt(name))
            .await
            .map_err(|e| Error::Request {
                object: Box::new(object_ref(kind, namespace, name)),
                message: cluster::describe(&e),
            })?;
        Ok(obj.map(|o| live(kind, &resource, &o)))
    }

    /// Reads one object of a typed kind.
    pub async fn get_typed<K: FluxResource>(&self, namespace: &str, name: &str) -> Result<K> {
        let obj = self.get(K::KIND, namespace, name).await?;
        obj.typed().map_err(|e| Error::Invalid {
            object: Box::new(obj.object_ref()),
            field: "(object)".into(),
            message: e.to_string(),
        })
    }
}

/// The identity of a Flux object (version: the kind's newest).
pub fn object_ref(kind: FluxKind, namespace: &str, name: &str) -> ObjectRef {
    ObjectRef {
        group: kind.group().to_string(),
        version: kind.versions()[0].to_string(),
        kind: kind.kind().to_string(),
        namespace: namespace.to_string(),
        name: name.to_string(),
    }
}

/// Converts a dynamic object into a [`LiveObject`], filling `apiVersion`/`kind` when the
/// server left them out.
pub(crate) fn live(kind: FluxKind, resource: &ApiResource, obj: &DynamicObject) -> LiveObject {
    let mut value = serde_json::to_value(obj).unwrap_or_default();
    if let Some(map) = value.as_object_mut() {
        map.entry("apiVersion")
            .or_insert_with(|| resource.api_version.clone().into());
        map.entry("kind").or_insert_with(|| resource.kind.clone().into());
    }
    LiveObject::new(kind, value)
}
