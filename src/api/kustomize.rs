//! `Kustomization` (`kustomize.toolkit.fluxcd.io/v1`): what to build from a source and how to
//! apply it. Field names, defaults and status layout follow upstream kustomize-controller.

use std::collections::BTreeMap;
use std::time::Duration;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::meta::{Condition, LocalObjectReference, NamespacedObjectKindReference, SecretKeyReference};
use crate::duration;

/// API group of the Kustomization kind.
pub const KUSTOMIZE_API_GROUP: &str = "kustomize.toolkit.fluxcd.io";

/// Spec of a set of manifests built from a source and applied to the cluster.
#[derive(kube::CustomResource, Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[kube(
    group = "kustomize.toolkit.fluxcd.io",
    version = "v1",
    kind = "Kustomization",
    plural = "kustomizations",
    namespaced,
    status = "KustomizationStatus",
    shortname = "ks",
    category = "flux",
    doc = "Kustomization is the Schema for the kustomizations API.",
    printcolumn = r#"{"name":"Age","type":"date","jsonPath":".metadata.creationTimestamp"}"#,
    printcolumn = r#"{"name":"Ready","type":"string","jsonPath":".status.conditions[?(@.type==\"Ready\")].status"}"#,
    printcolumn = r#"{"name":"Status","type":"string","jsonPath":".status.conditions[?(@.type==\"Ready\")].message"}"#
)]
#[serde(rename_all = "camelCase")]
pub struct KustomizationSpec {
    /// Labels and annotations added to every applied object.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub common_metadata: Option<CommonMetadata>,
    /// Kustomizations that must be ready before this one is applied.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub depends_on: Option<Vec<DependencyReference>>,
    /// Decryption of SOPS-encrypted manifests.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decryption: Option<Decryption>,
    /// What happens to applied objects when this Kustomization is deleted.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(extend("enum" = ["MirrorPrune", "Delete", "WaitForTermination", "Orphan"]))]
    pub deletion_policy: Option<String>,
    /// How often the manifests are reconciled (drift correction).
    #[schemars(regex(pattern = r"^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$"))]
    pub interval: String,
    /// Interval between retries after a failure (default: `interval`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$"))]
    pub retry_interval: Option<String>,
    /// Apply to a remote cluster whose kubeconfig is in a Secret or ConfigMap.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kube_config: Option<KubeConfigReference>,
    /// Path to the directory with the manifests, relative to the source root.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Variable substitution after the kustomize build.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub post_build: Option<PostBuild>,
    /// Delete objects that were applied before and are no longer in the build.
    pub prune: bool,
    /// Objects whose health gates readiness.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub health_checks: Option<Vec<NamespacedObjectKindReference>>,
    /// CEL expressions deciding the health of custom kinds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub health_check_exprs: Option<Vec<CustomHealthCheck>>,
    /// Prefix added to the names of all objects.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_prefix: Option<String>,
    /// Suffix added to the names of all objects.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_suffix: Option<String>,
    /// Strategic merge and JSON 6902 patches applied after the build.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub patches: Option<Vec<Patch>>,
    /// Image overrides.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub images: Option<Vec<Image>>,
    /// Service account impersonated for every apply, prune and health check.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_account_name: Option<String>,
    /// The source to build from.
    pub source_ref: CrossNamespaceSourceReference,
    /// Stop reconciling this object.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub suspend: bool,
    /// Namespace set on every namespaced object.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 63))]
    pub target_namespace: Option<String>,
    /// Timeout of build, apply and health checks (default: `interval`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$"))]
    pub timeout: Option<String>,
    /// Recreate objects whose immutable fields changed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub force: bool,
    /// Wait for every applied object to be healthy.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub wait: bool,
    /// Kustomize components (paths relative to `path`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub components: Option<Vec<String>>,
    /// Skip components that do not exist instead of failing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ignore_missing_components: Option<bool>,
    /// kustomize build metadata added to the built objects (`originAnnotations`,
    /// `transformerAnnotations`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(extend("items" = {"type": "string", "enum": ["originAnnotations", "transformerAnnotations"]}))]
    pub build_metadata: Option<Vec<String>>,
    /// Fields (JSON pointers) left out of drift detection and apply, per selected object.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ignore: Option<Vec<IgnoreRule>>,
}

/// Fields of selected objects that flux-rs neither applies nor corrects.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct IgnoreRule {
    /// JSON pointers (RFC 6901) of the fields to leave alone.
    pub paths: Vec<String>,
    /// The objects the rule applies to (all when absent).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<Selector>,
}

/// Labels and annotations applied to every object.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CommonMetadata {
    /// Labels to add.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub labels: Option<BTreeMap<String, String>>,
    /// Annotations to add.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub annotations: Option<BTreeMap<String, String>>,
}

/// A Kustomization this one depends on.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct DependencyReference {
    /// Name of the dependency.
    pub name: String,
    /// Namespace of the dependency (default: this Kustomization's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// CEL expression deciding readiness instead of the Ready condition.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ready_expr: Option<String>,
}

/// SOPS decryption settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Decryption {
    /// Decryption provider; only `sops`.
    #[schemars(extend("enum" = ["sops"]))]
    pub provider: String,
    /// Secret with the decryption keys.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret_ref: Option<LocalObjectReference>,
    /// Service account used for cloud KMS.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_account_name: Option<String>,
}

/// Where the kubeconfig of a remote cluster comes from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct KubeConfigReference {
    /// Secret holding a kubeconfig (key `value` or `value.yaml` by default).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret_ref: Option<SecretKeyReference>,
    /// ConfigMap with provider settings for a remote cluster.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub config_map_ref: Option<LocalObjectReference>,
}

/// Post-build variable substitution.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PostBuild {
    /// `WithVariables` (default): substitute only when at least one variable is defined;
    /// `Always`: substitute even with none (so `${var:=default}` takes its default).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(extend("enum" = ["WithVariables", "Always"]))]
    pub substitute_strategy: Option<String>,
    /// Variables and their values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub substitute: Option<BTreeMap<String, String>>,
    /// ConfigMaps and Secrets whose data are variables.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub substitute_from: Option<Vec<SubstituteReference>>,
}

/// A ConfigMap or Secret providing substitution variables.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SubstituteReference {
    /// `ConfigMap` or `Secret`.
    #[schemars(extend("enum" = ["Secret", "ConfigMap"]))]
    pub kind: String,
    /// Name of the object.
    pub name: String,
    /// Do not fail when the object is missing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub optional: Option<bool>,
}

/// A CEL-based health check for a custom kind.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CustomHealthCheck {
    /// API version of the kind.
    pub api_version: String,
    /// Kind the expressions apply to.
    pub kind: String,
    /// Expression true when the object is healthy.
    pub current: String,
    /// Expression true while the object progresses.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_progress: Option<String>,
    /// Expression true when the object failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failed: Option<String>,
}

/// A patch with an optional target selector.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Patch {
    /// Strategic merge patch or JSON 6902 patch, as YAML.
    pub patch: String,
    /// Which objects the patch applies to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<Selector>,
}

/// Selects objects by group/version/kind, name, namespace and selectors.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Selector {
    /// API group.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// API version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Kind.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Name (regular expression).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Namespace (regular expression).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// Annotation selector.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub annotation_selector: Option<String>,
    /// Label selector.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label_selector: Option<String>,
}

/// An image override.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Image {
    /// Image name to match.
    pub name: String,
    /// New name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_name: Option<String>,
    /// New tag.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_tag: Option<String>,
    /// Digest, replacing the tag.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub digest: Option<String>,
}

/// Reference to the source a Kustomization builds from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CrossNamespaceSourceReference {
    /// API version of the source.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_version: Option<String>,
    /// Kind of the source.
    #[schemars(extend("enum" = ["OCIRepository", "GitRepository", "Bucket", "ExternalArtifact"]))]
    pub kind: String,
    /// Name of the source.
    pub name: String,
    /// Namespace of the source (default: the Kustomization's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
}

/// Observed state of a Kustomization.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct KustomizationStatus {
    /// Generation of the spec last reconciled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub observed_generation: Option<i64>,
    /// Conditions: Ready, Reconciling, Healthy, Stalled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conditions: Option<Vec<Condition>>,
    /// Source revision last applied successfully.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_applied_revision: Option<String>,
    /// Origin revision (from the artifact's metadata) last applied.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_applied_origin_revision: Option<String>,
    /// Source revision of the last attempt, successful or not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_attempted_revision: Option<String>,
    /// Value of the `reconcile.fluxcd.io/requestedAt` annotation last handled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_handled_reconcile_at: Option<String>,
    /// The objects applied by the last successful reconciliation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inventory: Option<ResourceInventory>,
    /// The last reconciliations, newest first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub history: Option<Vec<Snapshot>>,
}

/// The set of objects a Kustomization applied.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ResourceInventory {
    /// One entry per object.
    pub entries: Vec<ResourceRef>,
}

/// One inventory entry.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
pub struct ResourceRef {
    /// `<namespace>_<name>_<group>_<kind>`.
    pub id: String,
    /// API version of the object.
    pub v: String,
}

/// A record of reconciliations of one build digest.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Snapshot {
    /// Digest of the built manifests.
    pub digest: String,
    /// First reconciliation of this digest (RFC 3339).
    #[schemars(extend("format" = "date-time"))]
    pub first_reconciled: String,
    /// Last reconciliation of this digest (RFC 3339).
    #[schemars(extend("format" = "date-time"))]
    pub last_reconciled: String,
    /// Duration of the last reconciliation.
    pub last_reconciled_duration: String,
    /// Outcome of the last reconciliation.
    pub last_reconciled_status: String,
    /// How many times this digest was reconciled.
    pub total_reconciliations: i64,
    /// Extra data such as the revision.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<BTreeMap<String, String>>,
}

impl Kustomization {
    /// What the spec asks for that flux-rs does not do. Applying without it would be wrong, not
    /// merely incomplete: files encrypted for cloud KMS keys could not be decrypted, and custom
    /// health checks would pass unchecked.
    pub fn unsupported(&self) -> Option<String> {
        let ks = self;
        let mut what = Vec::new();
        if let Some(d) = &ks.spec.decryption {
            if d.provider != "sops" {
                what.push("spec.decryption.provider (only sops)");
            }
            if d.service_account_name.as_ref().is_some_and(|s| !s.is_empty()) {
                what.push("spec.decryption.serviceAccountName (cloud KMS)");
            }
        }
        if ks.spec.health_check_exprs.as_ref().is_some_and(|e| !e.is_empty()) {
            what.push("spec.healthCheckExprs");
        }
        if ks
            .spec
            .kube_config
            .as_ref()
            .is_some_and(|k| k.config_map_ref.is_some())
        {
            what.push("spec.kubeConfig.configMapRef (cloud provider identity)");
        }
        if ks.spec.ignore.as_ref().is_some_and(|r| !r.is_empty()) {
            what.push("spec.ignore");
        }
        if ks
            .spec
            .build_metadata
            .iter()
            .flatten()
            .any(|m| m != "originAnnotations")
        {
            what.push("spec.buildMetadata other than originAnnotations");
        }
        (!what.is_empty()).then(|| format!("not supported by flux-rs: {}", what.join(", ")))
    }

    /// The namespace of `spec.sourceRef`: its own when set and not empty, else the
    /// Kustomization's.
    pub fn source_namespace(&self) -> &str {
        self.spec
            .source_ref
            .namespace
            .as_deref()
            .filter(|n| !n.is_empty())
            .or(self.metadata.namespace.as_deref())
            .unwrap_or_default()
    }

    /// Whether the Kustomization is ready: `Ready=True` for its current generation.
    pub fn is_ready(&self) -> bool {
        let observed = self.status.as_ref().and_then(|s| s.observed_generation);
        super::meta::find_condition(self.conditions(), super::meta::READY)
            .is_some_and(super::meta::Condition::is_true)
            && (self.metadata.generation.is_none() || observed == self.metadata.generation)
    }

    /// Conditions of the status (empty when there is no status).
    pub fn conditions(&self) -> &[Condition] {
        self.status
            .as_ref()
            .and_then(|s| s.conditions.as_deref())
            .unwrap_or_default()
    }

    /// `spec.interval` as a duration.
    pub fn interval(&self) -> Result<Duration, duration::ParseDurationError> {
        duration::parse(&self.spec.interval)
    }

    /// `spec.retryInterval`, defaulting to `spec.interval` as upstream does.
    pub fn retry_interval(&self) -> Result<Duration, duration::ParseDurationError> {
        match &self.spec.retry_interval {
            Some(r) => duration::parse(r),
            None => self.interval(),
        }
    }

    /// `spec.timeout`, defaulting to `spec.interval` as upstream does.
    pub fn timeout(&self) -> Result<Duration, duration::ParseDurationError> {
        match &self.spec.timeout {
            Some(t) => duration::parse(t),
            None => self.interval(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ks(source_ref: &serde_json::Value) -> Kustomization {
        serde_json::from_value(serde_json::json!({
            "apiVersion": "kustomize.toolkit.fluxcd.io/v1", "kind": "Kustomization",
            "metadata": {"name": "apps", "namespace": "team"},
            "spec": {"interval": "1m", "prune": true, "sourceRef": source_ref},
        }))
        .unwrap()
    }

    #[test]
    fn the_source_namespace_defaults_to_the_kustomizations_own() {
        let own = ks(&serde_json::json!({"kind": "GitRepository", "name": "repo"}));
        assert_eq!(own.source_namespace(), "team");
        let empty = ks(&serde_json::json!({"kind": "GitRepository", "name": "repo", "namespace": ""}));
        assert_eq!(
            empty.source_namespace(),
            "team",
            "an empty namespace is no namespace"
        );
        let other = ks(&serde_json::json!({"kind": "GitRepository", "name": "repo", "namespace": "fleet"}));
        assert_eq!(other.source_namespace(), "fleet");
    }
}
