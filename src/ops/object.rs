//! What every Flux object reports — identity, suspension, generation, conditions, revision —
//! read the same way from the typed API structs ([`crate::api::Kustomization`],
//! [`crate::api::GitRepository`]) and from objects as the server returned them
//! ([`LiveObject`], which keeps fields flux-rs's types do not know).

use kube::Resource;
use kube::core::NamespaceResourceScope;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::kind::FluxKind;
use crate::api::meta::{self, Condition};
use crate::api::{GitRepository, HelmRepository, Kustomization, OCIRepository};
use crate::cluster::ObjectRef;

/// Message shown for an object whose controller has not written a Ready condition yet.
pub const WAITING_TO_BE_RECONCILED: &str = "waiting to be reconciled";

/// Read access to the state every Flux object shares.
pub trait FluxStatus {
    /// The object's kind.
    fn flux_kind(&self) -> FluxKind;
    /// `metadata.namespace`.
    fn namespace(&self) -> &str;
    /// `metadata.name`.
    fn name(&self) -> &str;
    /// `metadata.generation`.
    fn generation(&self) -> Option<i64>;
    /// `spec.suspend`.
    fn suspended(&self) -> bool;
    /// `status.observedGeneration`.
    fn observed_generation(&self) -> Option<i64>;
    /// The status condition of a type.
    fn condition(&self, type_: &str) -> Option<Condition>;
    /// The revision the object reports (see [`FluxKind::revision`]).
    fn revision(&self) -> Option<String>;

    /// The object's identity (`Kustomization/ns/name`).
    fn object_ref(&self) -> ObjectRef {
        let kind = self.flux_kind();
        ObjectRef {
            group: kind.group().to_string(),
            version: kind.versions()[0].to_string(),
            kind: kind.kind().to_string(),
            namespace: self.namespace().to_string(),
            name: self.name().to_string(),
        }
    }

    /// Whether the object is reconciled at its current generation, failed, or not there yet.
    fn readiness(&self) -> Readiness {
        let generation = self.generation().unwrap_or(0);
        if let Some(observed) = self.observed_generation()
            && observed < generation
        {
            return Readiness::Pending(format!(
                "the controller has not observed generation {generation} yet (observed: {observed})"
            ));
        }
        if let Some(stalled) = self.condition(meta::STALLED)
            && stalled.is_true()
        {
            return Readiness::Failed(stalled.message);
        }
        let Some(ready) = self.condition(meta::READY) else {
            return Readiness::Pending(WAITING_TO_BE_RECONCILED.into());
        };
        if ready.observed_generation.is_some_and(|g| g < generation) {
            return Readiness::Pending(format!(
                "the Ready condition is for generation {}, not {generation}",
                ready.observed_generation.unwrap_or_default()
            ));
        }
        if let Some(rec) = self.condition(meta::RECONCILING)
            && rec.is_true()
        {
            return Readiness::Pending(rec.message);
        }
        match ready.status.as_str() {
            "True" => Readiness::Ready,
            "False" => Readiness::Failed(ready.message),
            _ => Readiness::Pending(ready.message),
        }
    }

    /// The status line of the object, as `get` shows it.
    fn summary(&self) -> Summary {
        let (ready, message) = match self.condition(meta::READY) {
            Some(c) => (c.status, c.message),
            None => ("False".to_string(), WAITING_TO_BE_RECONCILED.to_string()),
        };
        Summary {
            kind: self.flux_kind(),
            namespace: self.namespace().to_string(),
            name: self.name().to_string(),
            revision: self.revision().unwrap_or_default(),
            suspended: self.suspended(),
            ready,
            message,
        }
    }
}

/// Where an object stands with its controller.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Readiness {
    /// Ready at the current generation.
    Ready,
    /// Failed (Ready=False or Stalled=True), with the condition's message.
    Failed(String),
    /// Not reconciled at the current generation yet, with why.
    Pending(String),
}

/// One object's status line: what `get` prints and `stats` counts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// The kind.
    #[serde(serialize_with = "ser_kind")]
    pub kind: FluxKind,
    /// Namespace.
    pub namespace: String,
    /// Name.
    pub name: String,
    /// The revision (empty when none).
    pub revision: String,
    /// `spec.suspend`.
    pub suspended: bool,
    /// Status of the Ready condition; `False` when there is none yet.
    pub ready: String,
    /// Message of the Ready condition, or `waiting to be reconciled`.
    pub message: String,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's signature
fn ser_kind<S: serde::Serializer>(k: &FluxKind, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(k.kind())
}

/// A Flux object as the server returned it: every field kept, read through [`FluxStatus`].
#[derive(Clone, Debug, PartialEq)]
pub struct LiveObject {
    /// Its kind.
    pub kind: FluxKind,
    /// The object (apiVersion, kind, metadata, spec, status).
    pub value: Value,
}

impl LiveObject {
    /// Wraps a value of a known kind.
    pub fn new(kind: FluxKind, value: Value) -> Self {
        LiveObject { kind, value }
    }

    /// `spec`, or `null`.
    pub fn spec(&self) -> &Value {
        &self.value["spec"]
    }

    /// `status`, or `null`.
    pub fn status(&self) -> &Value {
        &self.value["status"]
    }

    /// The typed view of the object (fails when it does not have the kind's shape).
    pub fn typed<K: FluxResource>(&self) -> Result<K, serde_json::Error> {
        serde_json::from_value(self.value.clone())
    }
}

fn condition_in(value: &Value, type_: &str) -> Option<Condition> {
    value["status"]["conditions"]
        .as_array()?
        .iter()
        .find(|c| c["type"] == type_)
        .map(|c| Condition {
            type_: type_.to_string(),
            status: c["status"].as_str().unwrap_or("Unknown").to_string(),
            observed_generation: c["observedGeneration"].as_i64(),
            last_transition_time: c["lastTransitionTime"].as_str().unwrap_or_default().to_string(),
            reason: c["reason"].as_str().unwrap_or_default().to_string(),
            message: c["message"].as_str().unwrap_or_default().to_string(),
        })
}

impl FluxStatus for LiveObject {
    fn flux_kind(&self) -> FluxKind {
        self.kind
    }
    fn namespace(&self) -> &str {
        self.value["metadata"]["namespace"].as_str().unwrap_or_default()
    }
    fn name(&self) -> &str {
        self.value["metadata"]["name"].as_str().unwrap_or_default()
    }
    fn generation(&self) -> Option<i64> {
        self.value["metadata"]["generation"].as_i64()
    }
    fn suspended(&self) -> bool {
        self.value["spec"]["suspend"].as_bool().unwrap_or(false)
    }
    fn observed_generation(&self) -> Option<i64> {
        self.value["status"]["observedGeneration"].as_i64()
    }
    fn condition(&self, type_: &str) -> Option<Condition> {
        condition_in(&self.value, type_)
    }
    fn revision(&self) -> Option<String> {
        self.kind.revision(&self.value)
    }
}

/// A typed Flux kind flux-rs reconciles: the API struct knows its [`FluxKind`], its
/// suspension, status and revision; [`FluxStatus`] follows for every such type.
pub trait FluxResource:
    Resource<DynamicType = (), Scope = NamespaceResourceScope>
    + Clone
    + std::fmt::Debug
    + DeserializeOwned
    + Serialize
    + Send
    + Sync
    + 'static
{
    /// The kind of the type.
    const KIND: FluxKind;
    /// `spec.suspend`.
    fn is_suspended(&self) -> bool;
    /// `status.observedGeneration`.
    fn status_observed_generation(&self) -> Option<i64>;
    /// The status conditions.
    fn status_conditions(&self) -> &[Condition];
    /// The revision the object reports (see [`FluxKind::revision`]).
    fn reported_revision(&self) -> Option<String>;
}

fn find(conditions: &[Condition], type_: &str) -> Option<Condition> {
    meta::find_condition(conditions, type_).cloned()
}

impl<T: FluxResource> FluxStatus for T {
    fn flux_kind(&self) -> FluxKind {
        T::KIND
    }
    fn namespace(&self) -> &str {
        self.meta().namespace.as_deref().unwrap_or_default()
    }
    fn name(&self) -> &str {
        self.meta().name.as_deref().unwrap_or_default()
    }
    fn generation(&self) -> Option<i64> {
        self.meta().generation
    }
    fn suspended(&self) -> bool {
        self.is_suspended()
    }
    fn observed_generation(&self) -> Option<i64> {
        self.status_observed_generation()
    }
    fn condition(&self, type_: &str) -> Option<Condition> {
        find(self.status_conditions(), type_)
    }
    fn revision(&self) -> Option<String> {
        self.reported_revision().filter(|r| !r.is_empty())
    }
}

impl FluxResource for Kustomization {
    const KIND: FluxKind = FluxKind::Kustomization;
    fn is_suspended(&self) -> bool {
        self.spec.suspend
    }
    fn status_observed_generation(&self) -> Option<i64> {
        self.status.as_ref()?.observed_generation
    }
    fn status_conditions(&self) -> &[Condition] {
        self.conditions()
    }
    fn reported_revision(&self) -> Option<String> {
        self.status.as_ref()?.last_applied_revision.clone()
    }
}

impl FluxResource for GitRepository {
    const KIND: FluxKind = FluxKind::GitRepository;
    fn is_suspended(&self) -> bool {
        self.spec.suspend
    }
    fn status_observed_generation(&self) -> Option<i64> {
        self.status.as_ref()?.observed_generation
    }
    fn status_conditions(&self) -> &[Condition] {
        self.conditions()
    }
    fn reported_revision(&self) -> Option<String> {
        self.artifact_revision().map(str::to_string)
    }
}

impl FluxResource for crate::api::notification::Receiver {
    const KIND: FluxKind = FluxKind::Receiver;
    fn is_suspended(&self) -> bool {
        self.spec.suspend
    }
    fn status_observed_generation(&self) -> Option<i64> {
        self.status.as_ref()?.observed_generation
    }
    fn status_conditions(&self) -> &[Condition] {
        self.status.as_ref().map_or(&[], |s| s.conditions.as_slice())
    }
    fn reported_revision(&self) -> Option<String> {
        None
    }
}

impl FluxResource for HelmRepository {
    const KIND: FluxKind = FluxKind::HelmRepository;
    fn is_suspended(&self) -> bool {
        self.spec.suspend
    }
    fn status_observed_generation(&self) -> Option<i64> {
        self.status.as_ref()?.observed_generation
    }
    fn status_conditions(&self) -> &[Condition] {
        self.conditions()
    }
    fn reported_revision(&self) -> Option<String> {
        self.artifact_revision().map(str::to_string)
    }
}

impl FluxResource for crate::api::HelmRelease {
    const KIND: FluxKind = FluxKind::HelmRelease;
    fn is_suspended(&self) -> bool {
        self.spec.suspend
    }
    fn status_observed_generation(&self) -> Option<i64> {
        self.status.as_ref()?.observed_generation
    }
    fn status_conditions(&self) -> &[Condition] {
        self.conditions()
    }
    fn reported_revision(&self) -> Option<String> {
        self.status.as_ref()?.last_attempted_revision.clone()
    }
}

impl FluxResource for crate::api::HelmChart {
    const KIND: FluxKind = FluxKind::HelmChart;
    fn is_suspended(&self) -> bool {
        self.spec.suspend
    }
    fn status_observed_generation(&self) -> Option<i64> {
        self.status.as_ref()?.observed_generation
    }
    fn status_conditions(&self) -> &[Condition] {
        self.conditions()
    }
    fn reported_revision(&self) -> Option<String> {
        self.artifact_revision().map(str::to_string)
    }
}

impl FluxResource for OCIRepository {
    const KIND: FluxKind = FluxKind::OciRepository;
    fn is_suspended(&self) -> bool {
        self.spec.suspend
    }
    fn status_observed_generation(&self) -> Option<i64> {
        self.status.as_ref()?.observed_generation
    }
    fn status_conditions(&self) -> &[Condition] {
        self.conditions()
    }
    fn reported_revision(&self) -> Option<String> {
        self.artifact_revision().map(str::to_string)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ks(generation: i64, status: &Value) -> LiveObject {
        LiveObject::new(
            FluxKind::Kustomization,
            json!({"apiVersion": "kustomize.toolkit.fluxcd.io/v1", "kind": "Kustomization",
                "metadata": {"name": "apps", "namespace": "ns", "generation": generation},
                "spec": {"interval": "5m", "prune": true, "sourceRef": {"kind": "GitRepository", "name": "r"}},
                "status": status}),
        )
    }

    fn ready(status: &str, generation: i64, msg: &str) -> Value {
        json!({"type": "Ready", "status": status, "reason": "R", "message": msg,
            "observedGeneration": generation, "lastTransitionTime": "2024-05-01T10:00:00Z"})
    }

    #[test]
    fn readiness_follows_generation_and_conditions() {
        assert_eq!(
            ks(1, &json!(null)).readiness(),
            Readiness::Pending(WAITING_TO_BE_RECONCILED.into())
        );
        let ok = ks(
            2,
            &json!({"observedGeneration": 2, "conditions": [ready("True", 2, "Applied")]}),
        );
        assert_eq!(ok.readiness(), Readiness::Ready);
        let behind = ks(
            3,
            &json!({"observedGeneration": 2, "conditions": [ready("True", 2, "Applied")]}),
        );
        assert!(matches!(behind.readiness(), Readiness::Pending(m) if m.contains("generation 3")));
        let failed = ks(
            2,
            &json!({"observedGeneration": 2, "conditions": [ready("False", 2, "boom")]}),
        );
        assert_eq!(failed.readiness(), Readiness::Failed("boom".into()));
        let retrying = ks(
            2,
            &json!({"observedGeneration": 2, "conditions": [ready("False", 2, "boom"),
                {"type": "Reconciling", "status": "True", "reason": "ProgressingWithRetry", "message": "retrying",
                 "lastTransitionTime": "2024-05-01T10:00:00Z"}]}),
        );
        assert_eq!(retrying.readiness(), Readiness::Pending("retrying".into()));
        let stalled = ks(
            2,
            &json!({"observedGeneration": 2, "conditions": [ready("False", 2, "x"),
                {"type": "Stalled", "status": "True", "reason": "InvalidPath", "message": "path not found",
                 "lastTransitionTime": "2024-05-01T10:00:00Z"}]}),
        );
        assert_eq!(stalled.readiness(), Readiness::Failed("path not found".into()));
    }

    #[test]
    fn summaries_and_typed_views_agree() {
        let obj = ks(
            1,
            &json!({"observedGeneration": 1, "lastAppliedRevision": "main@sha1:abc",
                "conditions": [ready("True", 1, "Applied revision: main@sha1:abc")]}),
        );
        let s = obj.summary();
        assert_eq!(s.ready, "True");
        assert_eq!(s.revision, "main@sha1:abc");
        assert!(!s.suspended);
        let typed: Kustomization = obj.typed().unwrap();
        assert_eq!(typed.summary(), s);
        assert_eq!(typed.readiness(), Readiness::Ready);
        assert_eq!(
            FluxStatus::object_ref(&typed).to_string(),
            "Kustomization/ns/apps"
        );

        let waiting = ks(1, &json!(null)).summary();
        assert_eq!(
            (waiting.ready.as_str(), waiting.message.as_str()),
            ("False", WAITING_TO_BE_RECONCILED)
        );
    }
}
