//! Kubernetes Events about Flux objects, written as the Flux controllers' event recorders
//! write them: core/v1 Events in the object's namespace, `source.component` and
//! `reportingComponent` set to the controller's name (`kustomize-controller`,
//! `source-controller`), the revision in the `<group>/revision` annotation
//! (`kustomize.toolkit.fluxcd.io/revision`, `source.toolkit.fluxcd.io/revision`), `Normal`
//! for information and `Warning` for errors, the reason being the object's `Ready` reason at
//! the time.
//!
//! Recording an event never fails a reconciliation: errors are returned for the caller to
//! log.

use k8s_openapi::api::core::v1::Event;
use kube::api::{Api, PostParams};
use kube::{Client, Resource};
use serde_json::json;

/// Annotation of a Kustomization's event holding the source revision it is about.
pub const REVISION_ANNOTATION: &str = "kustomize.toolkit.fluxcd.io/revision";

/// Longest message stored in an event (longer ones are cut, with `…` at the end).
pub const MAX_MESSAGE_BYTES: usize = 1024;

/// `Normal` or `Warning`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventType {
    /// Information (upstream severity `info`).
    Normal,
    /// An error (upstream severity `error`).
    Warning,
}

impl EventType {
    /// The value of the event's `type`.
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Normal => "Normal",
            EventType::Warning => "Warning",
        }
    }
}

/// Writes events about Flux objects as one component.
#[derive(Clone)]
pub struct EventRecorder {
    client: Client,
    component: String,
    instance: String,
}

impl std::fmt::Debug for EventRecorder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EventRecorder")
            .field("component", &self.component)
            .field("instance", &self.instance)
            .finish_non_exhaustive()
    }
}

/// Cuts `message` to at most [`MAX_MESSAGE_BYTES`] bytes on a character boundary.
pub fn truncate(message: &str) -> String {
    if message.len() <= MAX_MESSAGE_BYTES {
        return message.to_string();
    }
    let ellipsis = "…";
    let mut end = MAX_MESSAGE_BYTES - ellipsis.len();
    while !message.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}{ellipsis}", &message[..end])
}

impl EventRecorder {
    /// A recorder writing with `client` as `component` (`kustomize-controller`,
    /// `source-controller`); the
    /// reporting instance is the host name (`HOSTNAME`, the Pod name in a cluster).
    pub fn new(client: Client, component: &str) -> Self {
        let instance = std::env::var("HOSTNAME")
            .ok()
            .filter(|h| !h.is_empty())
            .unwrap_or_else(|| component.to_string());
        EventRecorder {
            client,
            component: component.to_string(),
            instance,
        }
    }

    /// The event object for `obj` (not written).
    pub fn event<K: Resource<DynamicType = ()>>(
        &self,
        obj: &K,
        type_: EventType,
        reason: &str,
        message: &str,
        revision: Option<&str>,
    ) -> serde_json::Value {
        let meta = obj.meta();
        let name = meta.name.clone().unwrap_or_default();
        let namespace = meta.namespace.clone().unwrap_or_default();
        let now = chrono::Utc::now();
        let nanos = now.timestamp_nanos_opt().unwrap_or_default();
        let stamp = now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let mut annotations = serde_json::Map::new();
        if let Some(r) = revision {
            annotations.insert(format!("{}/revision", K::group(&())), json!(r));
        }
        json!({
            "apiVersion": "v1",
            "kind": "Event",
            "metadata": {
                "name": format!("{name}.{nanos:x}"),
                "namespace": namespace,
                "annotations": annotations,
            },
            "involvedObject": {
                "apiVersion": K::api_version(&()),
                "kind": K::kind(&()),
                "name": name,
                "namespace": namespace,
                "uid": meta.uid,
                "resourceVersion": meta.resource_version,
            },
            "reason": reason,
            "message": truncate(message),
            "type": type_.as_str(),
            "source": {"component": self.component},
            "reportingComponent": self.component,
            "reportingInstance": self.instance,
            "firstTimestamp": stamp,
            "lastTimestamp": stamp,
            "count": 1,
        })
    }

    /// Writes an event about `obj`.
    pub async fn publish<K: Resource<DynamicType = ()>>(
        &self,
        obj: &K,
        type_: EventType,
        reason: &str,
        message: &str,
        revision: Option<&str>,
    ) -> Result<(), kube::Error> {
        let value = self.event(obj, type_, reason, message, revision);
        let event: Event = serde_json::from_value(value).map_err(kube::Error::SerdeError)?;
        let ns = obj.meta().namespace.as_deref().unwrap_or_default();
        let api: Api<Event> = Api::namespaced(self.client.clone(), ns);
        let pp = PostParams::default();
        // Best effort, with a few quick retries of failures that may pass (this module sits
        // below the apply engine and its retry policy).
        let mut attempt = 1;
        loop {
            match api.create(&pp, &event).await {
                Ok(_) => return Ok(()),
                Err(kube::Error::Api(s)) if s.code < 500 && s.code != 429 => return Err(kube::Error::Api(s)),
                Err(e) if attempt >= 3 => return Err(e),
                Err(_) => {
                    tokio::time::sleep(std::time::Duration::from_millis(200 * attempt)).await;
                    attempt += 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_messages_are_cut_on_a_character_boundary() {
        assert_eq!(truncate("short"), "short");
        let long = "é".repeat(MAX_MESSAGE_BYTES);
        let cut = truncate(&long);
        assert!(cut.len() <= MAX_MESSAGE_BYTES, "{}", cut.len());
        assert!(cut.ends_with('…'));
        assert!(cut.starts_with("éé"));
    }
}
