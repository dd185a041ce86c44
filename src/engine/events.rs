//! Kubernetes Events about Kustomizations, written as kustomize-controller's recorder writes
//! them (see [`crate::cluster::events`], shared with the source engine).

pub use crate::cluster::events::{
    EventRecorder, EventType, MAX_MESSAGE_BYTES, REVISION_ANNOTATION, truncate,
};
