//! Kubernetes Events about Flux objects, written as the Flux controllers' event recorders
//! write them: core/v1 Events in the object's namespace, `source.component` and
//! `reportingComponent` set to the controller's name (`kustomize-controller`,
//! `source-controller`), the revision in the `<group>/revision` annotation
//! (`kustomize.toolkit.fluxcd.io/revision`, `source.toolkit.fluxcd.io/revision`), `Normal`
//! for information and `Warning` for errors, the reason being the object's `Ready` reason at
//! the time.
//!
//! Recording an event never fails a reconciliation: errors are returned for the caller to
//! log. A recorder may also hand each event to an [`EventSink`] (the notification engine
//! routing events to Alerts); the sink only enqueues, it never blocks or fails the caller.

use std::sync::Arc;

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

/// The object an event is about.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InvolvedObject {
    /// Kind (`Kustomization`).
    pub kind: String,
    /// Namespace.
    pub namespace: String,
    /// Name.
    pub name: String,
    /// UID.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uid: Option<String>,
    /// `group/version`.
    pub api_version: String,
    /// Resource version when the event was recorded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_version: Option<String>,
}

/// An event about a Flux object, as the notification engine receives it (upstream's
/// `eventv1.Event` plus the object's labels, for `matchLabels`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FluxEvent {
    /// The object.
    pub involved: InvolvedObject,
    /// The object's labels.
    pub labels: std::collections::BTreeMap<String, String>,
    /// `info` or `error`.
    pub severity: String,
    /// When (RFC 3339).
    pub timestamp: String,
    /// The message.
    pub message: String,
    /// The reason (`ReconciliationSucceeded`).
    pub reason: String,
    /// Metadata (`revision`), keys without the API group prefix.
    pub metadata: std::collections::BTreeMap<String, String>,
    /// The component that recorded it (`kustomize-controller`).
    pub reporting_controller: String,
    /// The instance (host or Pod name).
    pub reporting_instance: String,
}

/// Receives a copy of every event a recorder writes. Must not block: enqueue and return.
pub trait EventSink: Send + Sync + std::fmt::Debug {
    /// Takes an event.
    fn send(&self, event: FluxEvent);
}

/// An optional [`EventSink`], comparable by identity (so options holding one stay `Eq`).
#[derive(Clone, Default)]
pub struct Sink(pub Option<Arc<dyn EventSink>>);

impl std::fmt::Debug for Sink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "Sink(set)"
        } else {
            "Sink(none)"
        })
    }
}

impl PartialEq for Sink {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (None, None) => true,
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl Eq for Sink {}

/// Writes events about Flux objects as one component.
#[derive(Clone)]
pub struct EventRecorder {
    client: Client,
    component: String,
    instance: String,
    sink: Sink,
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

static REPORTING_INSTANCE: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Sets, once at start, the reporting instance of every event this process records (the CLI
/// passes the host name, `HOSTNAME`: the Pod name in a cluster). Later calls change nothing.
pub fn set_reporting_instance(instance: &str) {
    let _ = REPORTING_INSTANCE.set(instance.to_string());
}

impl EventRecorder {
    /// A recorder writing with `client` as `component` (`kustomize-controller`,
    /// `source-controller`); the reporting instance is the one set with
    /// [`set_reporting_instance`], else the component.
    pub fn new(client: Client, component: &str) -> Self {
        let instance = REPORTING_INSTANCE
            .get()
            .filter(|h| !h.is_empty())
            .cloned()
            .unwrap_or_else(|| component.to_string());
        EventRecorder {
            client,
            component: component.to_string(),
            instance,
            sink: Sink::default(),
        }
    }

    /// Also hands every event to `sink`.
    #[must_use]
    pub fn with_sink(mut self, sink: Sink) -> Self {
        self.sink = sink;
        self
    }

    /// The event as the notification engine receives it.
    pub fn flux_event<K: Resource<DynamicType = ()>>(
        &self,
        obj: &K,
        type_: EventType,
        reason: &str,
        message: &str,
        revision: Option<&str>,
    ) -> FluxEvent {
        let meta = obj.meta();
        let mut metadata = std::collections::BTreeMap::new();
        if let Some(r) = revision {
            metadata.insert("revision".to_string(), r.to_string());
        }
        FluxEvent {
            involved: InvolvedObject {
                kind: K::kind(&()).to_string(),
                namespace: meta.namespace.clone().unwrap_or_default(),
                name: meta.name.clone().unwrap_or_default(),
                uid: meta.uid.clone(),
                api_version: K::api_version(&()).to_string(),
                resource_version: meta.resource_version.clone(),
            },
            labels: meta.labels.clone().unwrap_or_default(),
            severity: match type_ {
                EventType::Normal => "info",
                EventType::Warning => "error",
            }
            .to_string(),
            timestamp: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            message: truncate(message),
            reason: reason.to_string(),
            metadata,
            reporting_controller: self.component.clone(),
            reporting_instance: self.instance.clone(),
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
        if let Some(sink) = &self.sink.0 {
            sink.send(self.flux_event(obj, type_, reason, message, revision));
        }
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
