//! Types shared by the Flux APIs (`fluxcd/pkg/apis/meta` upstream): conditions, references,
//! artifacts, and the annotation, label and condition vocabulary that upstream tools read.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Annotation set to request an immediate reconciliation (value: an RFC 3339 timestamp).
pub const RECONCILE_REQUESTED_AT: &str = "reconcile.fluxcd.io/requestedAt";
/// Annotation asking for a one-off forced action (`flux reconcile hr --force`), handled when
/// it equals `requestedAt` and differs from `status.lastHandledForceAt`.
pub const RECONCILE_FORCE_AT: &str = "reconcile.fluxcd.io/forceAt";
/// Annotation asking to reset the failure counters (`flux reconcile hr --reset`), handled as
/// [`RECONCILE_FORCE_AT`], recorded in `status.lastHandledResetAt`.
pub const RECONCILE_RESET_AT: &str = "reconcile.fluxcd.io/resetAt";
/// Label prefix (group) used for the owner labels of objects applied by a Kustomization.
pub const KUSTOMIZE_GROUP: &str = "kustomize.toolkit.fluxcd.io";
/// Owner label: name of the Kustomization that applied an object.
pub const KUSTOMIZE_NAME_LABEL: &str = "kustomize.toolkit.fluxcd.io/name";
/// Owner label: namespace of the Kustomization that applied an object.
pub const KUSTOMIZE_NAMESPACE_LABEL: &str = "kustomize.toolkit.fluxcd.io/namespace";
/// Per-object policy (annotation or label) choosing how kustomize-controller applies an object:
/// `Override` (default), `Merge`, `IfNotPresent`, `Ignore`.
pub const SSA_ANNOTATION: &str = "kustomize.toolkit.fluxcd.io/ssa";
/// Per-object policy: `disabled` keeps kustomize-controller away from an object entirely.
pub const RECONCILE_ANNOTATION: &str = "kustomize.toolkit.fluxcd.io/reconcile";
/// Per-object policy: `disabled` keeps an object from being pruned or garbage-collected.
pub const PRUNE_ANNOTATION: &str = "kustomize.toolkit.fluxcd.io/prune";
/// Per-object policy: `enabled` lets an object be recreated when an immutable field changes.
pub const FORCE_ANNOTATION: &str = "kustomize.toolkit.fluxcd.io/force";
/// Annotations of older Flux versions removed from applied objects.
pub const STALE_ANNOTATIONS: &[&str] = &["kustomize.toolkit.fluxcd.io/checksum", "fluxcd.io/sync-checksum"];
/// Labels of older Flux versions removed from applied objects.
pub const STALE_LABELS: &[&str] = &["fluxcd.io/sync-gc-mark"];
/// Label every component installed by flux-rs (and by upstream Flux) carries.
pub const PART_OF_LABEL: &str = "app.kubernetes.io/part-of";
/// Value of [`PART_OF_LABEL`] on Flux components.
pub const PART_OF_FLUX: &str = "flux";
/// Label naming the installation instance (the namespace Flux is installed in).
pub const INSTANCE_LABEL: &str = "app.kubernetes.io/instance";
/// Label naming the version of the installed components.
pub const VERSION_LABEL: &str = "app.kubernetes.io/version";
/// Label naming the component an object belongs to.
pub const COMPONENT_LABEL: &str = "app.kubernetes.io/component";

/// Condition type: the object is fully reconciled.
pub const READY: &str = "Ready";
/// Condition type: a reconciliation is under way.
pub const RECONCILING: &str = "Reconciling";
/// Condition type: reconciliation cannot make progress without a change.
pub const STALLED: &str = "Stalled";
/// Condition type (Kustomization): health checks passed.
pub const HEALTHY: &str = "Healthy";
/// Condition type (GitRepository): the last fetch failed.
pub const FETCH_FAILED: &str = "FetchFailed";
/// Condition type (GitRepository): the artifact in storage is older than the source.
pub const ARTIFACT_OUTDATED: &str = "ArtifactOutdated";
/// Condition type (GitRepository): an artifact for the current revision is in storage.
pub const ARTIFACT_IN_STORAGE: &str = "ArtifactInStorage";

/// Reason: the reconciliation succeeded.
pub const SUCCEEDED_REASON: &str = "Succeeded";
/// Reason: the reconciliation failed.
pub const FAILED_REASON: &str = "Failed";
/// Reason: the reconciliation is in progress.
pub const PROGRESSING_REASON: &str = "Progressing";
/// Reason: the object is suspended.
pub const SUSPENDED_REASON: &str = "Suspended";
/// Reason: a dependency is not ready.
pub const DEPENDENCY_NOT_READY_REASON: &str = "DependencyNotReady";

/// A status condition, wire-compatible with `metav1.Condition`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Condition {
    /// Type of the condition, in CamelCase (`Ready`, `Reconciling`, …).
    #[serde(rename = "type")]
    #[schemars(length(max = 316))]
    pub type_: String,
    /// Status of the condition: `True`, `False` or `Unknown`.
    #[schemars(extend("enum" = ["True", "False", "Unknown"]))]
    pub status: String,
    /// The `.metadata.generation` the condition was set for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0))]
    pub observed_generation: Option<i64>,
    /// When the condition last changed status (RFC 3339).
    #[schemars(extend("format" = "date-time"))]
    pub last_transition_time: String,
    /// Machine-readable reason for the last transition, in CamelCase.
    #[schemars(length(min = 1, max = 1024))]
    pub reason: String,
    /// Human-readable message about the transition.
    #[schemars(length(max = 32768))]
    pub message: String,
}

impl Condition {
    /// A condition of `type_` with the given status (`True`, `False`, `Unknown`), reason and
    /// message, set for `generation`, whose transition time is now.
    pub fn new(type_: &str, status: &str, reason: &str, message: &str, generation: Option<i64>) -> Self {
        Condition {
            type_: type_.to_string(),
            status: status.to_string(),
            observed_generation: generation,
            last_transition_time: now_rfc3339(),
            reason: reason.to_string(),
            message: message.to_string(),
        }
    }

    /// Whether the condition's status is `True`.
    pub fn is_true(&self) -> bool {
        self.status == "True"
    }
}

/// The current time in RFC 3339 with seconds, as Kubernetes writes condition times.
pub fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Finds a condition by type.
pub fn find_condition<'a>(conditions: &'a [Condition], type_: &str) -> Option<&'a Condition> {
    conditions.iter().find(|c| c.type_ == type_)
}

/// Sets (adds or replaces) a condition of the same type, keeping `lastTransitionTime` when the
/// status did not change, as upstream's condition helpers do.
pub fn set_condition(conditions: &mut Vec<Condition>, mut new: Condition) {
    if let Some(existing) = conditions.iter_mut().find(|c| c.type_ == new.type_) {
        if existing.status == new.status {
            new.last_transition_time
                .clone_from(&existing.last_transition_time);
        }
        *existing = new;
    } else {
        conditions.push(new);
    }
}

/// The value of the `reconcile.fluxcd.io/requestedAt` annotation, if the object has one.
pub fn reconcile_requested_at(annotations: Option<&BTreeMap<String, String>>) -> Option<&str> {
    annotations?
        .get(RECONCILE_REQUESTED_AT)
        .map(String::as_str)
        .filter(|v| !v.is_empty())
}

/// The value of request annotation `key` (`forceAt`, `resetAt`) when it is to be handled, as
/// upstream's runtime decides: it equals `requestedAt` and differs from `last_handled`.
pub fn request_to_handle<'a>(
    annotations: Option<&'a BTreeMap<String, String>>,
    key: &str,
    last_handled: Option<&str>,
) -> Option<&'a str> {
    let value = annotations?.get(key).map(String::as_str)?;
    (reconcile_requested_at(annotations) == Some(value) && last_handled != Some(value)).then_some(value)
}

/// Records a handled reconcile request in a status's `lastHandledReconcileAt`, as upstream's
/// status writers do at the end of every reconciliation: the value of the
/// `reconcile.fluxcd.io/requestedAt` annotation of the object *as the reconciliation saw it*
/// is copied into the field. Returns whether the field changed. Status writers of the engines
/// call this with the annotations of the object they reconciled; the controller also makes
/// sure of it after each reconciliation.
pub fn record_reconcile_request(
    last_handled_reconcile_at: &mut Option<String>,
    annotations: Option<&BTreeMap<String, String>>,
) -> bool {
    match reconcile_requested_at(annotations) {
        Some(v) if last_handled_reconcile_at.as_deref() != Some(v) => {
            *last_handled_reconcile_at = Some(v.to_string());
            true
        }
        _ => false,
    }
}

/// Removes a condition by type.
pub fn remove_condition(conditions: &mut Vec<Condition>, type_: &str) {
    conditions.retain(|c| c.type_ != type_);
}

/// A reference to an object in the same namespace.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct LocalObjectReference {
    /// Name of the referent.
    pub name: String,
}

/// A reference to a key of a Secret in the same namespace.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SecretKeyReference {
    /// Name of the Secret.
    pub name: String,
    /// Key in the Secret; when omitted the consumer's default key is used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
}

/// A reference to a Kubernetes object, optionally in another namespace.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct NamespacedObjectKindReference {
    /// API version of the referent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_version: Option<String>,
    /// Kind of the referent.
    pub kind: String,
    /// Name of the referent.
    pub name: String,
    /// Namespace of the referent; defaults to the referrer's namespace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
}

/// The output of a source reconciliation: a tarball in storage and what it holds.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Artifact {
    /// Path of the artifact relative to the storage root
    /// (`gitrepository/<namespace>/<name>/<digest>.tar.gz`).
    pub path: String,
    /// URL the artifact can be downloaded from.
    pub url: String,
    /// Human-readable source revision (`main@sha1:<hex>`).
    pub revision: String,
    /// Digest of the artifact file (`sha256:<hex>`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$"))]
    pub digest: Option<String>,
    /// When the artifact was last updated (RFC 3339).
    #[schemars(extend("format" = "date-time"))]
    pub last_update_time: String,
    /// Size of the artifact in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<i64>,
    /// Free-form metadata about the artifact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<BTreeMap<String, String>>,
}

/// Go duration pattern accepted by interval fields (`1m`, `10m0s`, `1h30m`).
pub const DURATION_PATTERN: &str = r"^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$";

/// Labels and annotations every object installed by flux-rs carries.
pub fn component_labels(namespace: &str, version: &str) -> BTreeMap<String, String> {
    BTreeMap::from([
        (INSTANCE_LABEL.to_string(), namespace.to_string()),
        (PART_OF_LABEL.to_string(), PART_OF_FLUX.to_string()),
        (VERSION_LABEL.to_string(), version.to_string()),
    ])
}

#[cfg(test)]
mod tests {

    #[test]
    fn force_and_reset_requests_need_requested_at_equal_and_unhandled() {
        let ann = |pairs: &[(&str, &str)]| -> BTreeMap<String, String> {
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
                .collect()
        };
        let both = ann(&[(RECONCILE_REQUESTED_AT, "t1"), (RECONCILE_FORCE_AT, "t1")]);
        assert_eq!(
            request_to_handle(Some(&both), RECONCILE_FORCE_AT, None),
            Some("t1")
        );
        assert_eq!(
            request_to_handle(Some(&both), RECONCILE_FORCE_AT, Some("t1")),
            None
        );
        assert_eq!(request_to_handle(Some(&both), RECONCILE_RESET_AT, None), None);
        let stale = ann(&[(RECONCILE_REQUESTED_AT, "t2"), (RECONCILE_FORCE_AT, "t1")]);
        assert_eq!(request_to_handle(Some(&stale), RECONCILE_FORCE_AT, None), None);
        assert_eq!(request_to_handle(None, RECONCILE_FORCE_AT, None), None);
    }

    use super::*;

    fn cond(type_: &str, status: &str, time: &str) -> Condition {
        Condition {
            type_: type_.into(),
            status: status.into(),
            last_transition_time: time.into(),
            reason: "R".into(),
            message: "m".into(),
            observed_generation: Some(1),
        }
    }

    #[test]
    fn reconcile_requests_are_recorded_once() {
        let mut last = None;
        assert!(!record_reconcile_request(&mut last, None));
        let mut ann = BTreeMap::from([(RECONCILE_REQUESTED_AT.to_string(), String::new())]);
        assert!(
            !record_reconcile_request(&mut last, Some(&ann)),
            "an empty value is no request"
        );
        ann.insert(RECONCILE_REQUESTED_AT.into(), "2025-01-01T00:00:00.1Z".into());
        assert_eq!(reconcile_requested_at(Some(&ann)), Some("2025-01-01T00:00:00.1Z"));
        assert!(record_reconcile_request(&mut last, Some(&ann)));
        assert_eq!(last.as_deref(), Some("2025-01-01T00:00:00.1Z"));
        assert!(
            !record_reconcile_request(&mut last, Some(&ann)),
            "the same request is handled once"
        );
        assert!(
            !record_reconcile_request(&mut last, None),
            "a removed annotation keeps the last value"
        );
        assert_eq!(last.as_deref(), Some("2025-01-01T00:00:00.1Z"));
    }

    #[test]
    fn set_condition_keeps_transition_time_when_status_is_unchanged() {
        let mut cs = vec![cond(READY, "True", "2024-01-01T00:00:00Z")];
        set_condition(&mut cs, cond(READY, "True", "2025-01-01T00:00:00Z"));
        assert_eq!(cs[0].last_transition_time, "2024-01-01T00:00:00Z");
        set_condition(&mut cs, cond(READY, "False", "2025-01-01T00:00:00Z"));
        assert_eq!(cs[0].last_transition_time, "2025-01-01T00:00:00Z");
        set_condition(&mut cs, cond(RECONCILING, "True", "2025-01-01T00:00:00Z"));
        assert_eq!(cs.len(), 2);
        remove_condition(&mut cs, READY);
        assert!(find_condition(&cs, READY).is_none());
    }
}
