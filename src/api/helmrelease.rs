//! `HelmRelease` (`helm.toolkit.fluxcd.io/v2`): a Helm chart installed as a release, upgraded
//! when its chart or values change, uninstalled on deletion. Field names, enums, defaults and
//! the status layout follow upstream helm-controller.

use std::collections::BTreeMap;
use std::time::Duration;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::kustomize::{
    CommonMetadata, CustomHealthCheck, DependencyReference, IgnoreRule, Image, KubeConfigReference, Patch,
};
use super::meta::{Condition, LocalObjectReference};
use crate::duration;

/// API group of the HelmRelease kind.
pub const HELM_API_GROUP: &str = "helm.toolkit.fluxcd.io";

/// Condition type: the release was installed or upgraded successfully.
pub const RELEASED: &str = "Released";
/// Condition type: the release tests passed.
pub const TEST_SUCCESS: &str = "TestSuccess";
/// Condition type: the release was remediated after a failure.
pub const REMEDIATED: &str = "Remediated";

/// Reason: the install succeeded.
pub const INSTALL_SUCCEEDED: &str = "InstallSucceeded";
/// Reason: the install failed.
pub const INSTALL_FAILED: &str = "InstallFailed";
/// Reason: the upgrade succeeded.
pub const UPGRADE_SUCCEEDED: &str = "UpgradeSucceeded";
/// Reason: the upgrade failed.
pub const UPGRADE_FAILED: &str = "UpgradeFailed";
/// Reason: the uninstall succeeded.
pub const UNINSTALL_SUCCEEDED: &str = "UninstallSucceeded";
/// Reason: the uninstall failed.
pub const UNINSTALL_FAILED: &str = "UninstallFailed";
/// Reason: the release's tests passed.
pub const TEST_SUCCEEDED: &str = "TestSucceeded";
/// Reason: a test of the release failed.
pub const TEST_FAILED: &str = "TestFailed";
/// Reason: the rollback remediation succeeded.
pub const ROLLBACK_SUCCEEDED: &str = "RollbackSucceeded";
/// Reason: the rollback remediation failed.
pub const ROLLBACK_FAILED: &str = "RollbackFailed";
/// Reason (Stalled): the retries of the failed action are exhausted.
pub const RETRIES_EXCEEDED: &str = "RetriesExceeded";
/// Reason (Stalled): no earlier successful release to roll back to.
pub const MISSING_ROLLBACK_TARGET: &str = "MissingRollbackTarget";
/// Reason: the chart could not be loaded or rendered with the values.
pub const ARTIFACT_FAILED: &str = "ArtifactFailed";
/// Reason: the chart source is not ready.
pub const SOURCE_NOT_READY: &str = "SourceNotReady";
/// Reason: the values could not be composed (a missing ConfigMap or Secret, a bad key).
pub const INIT_FAILED: &str = "InitFailed";
/// Reason: the spec asks for something flux-rs does not do.
pub const UNSUPPORTED_FEATURE: &str = "UnsupportedFeature";

/// Spec of a Helm release.
#[derive(kube::CustomResource, Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[kube(
    group = "helm.toolkit.fluxcd.io",
    version = "v2",
    kind = "HelmRelease",
    plural = "helmreleases",
    namespaced,
    status = "HelmReleaseStatus",
    shortname = "hr",
    category = "flux",
    doc = "HelmRelease is the Schema for the helmreleases API.",
    printcolumn = r#"{"name":"Age","type":"date","jsonPath":".metadata.creationTimestamp"}"#,
    printcolumn = r#"{"name":"Ready","type":"string","jsonPath":".status.conditions[?(@.type==\"Ready\")].status"}"#,
    printcolumn = r#"{"name":"Status","type":"string","jsonPath":".status.conditions[?(@.type==\"Ready\")].message"}"#
)]
#[serde(rename_all = "camelCase")]
pub struct HelmReleaseSpec {
    /// Template of the HelmChart the release is made from (exclusive with `chartRef`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chart: Option<HelmChartTemplate>,
    /// An OCIRepository, HelmChart or ExternalArtifact holding the chart (exclusive with
    /// `chart`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chart_ref: Option<CrossNamespaceSourceReference>,
    /// How often the release is reconciled.
    #[schemars(regex(pattern = r"^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$"))]
    pub interval: String,
    /// Apply to a remote cluster whose kubeconfig is in a Secret or ConfigMap.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kube_config: Option<KubeConfigReference>,
    /// Stop reconciling this object.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub suspend: bool,
    /// Name of the release (default `[<targetNamespace>-]<name>`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 53))]
    pub release_name: Option<String>,
    /// Namespace the release's objects go to (default: the HelmRelease's).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 63))]
    pub target_namespace: Option<String>,
    /// Namespace of the release records (default: the HelmRelease's).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 63))]
    pub storage_namespace: Option<String>,
    /// HelmReleases that must be ready first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub depends_on: Option<Vec<DependencyReference>>,
    /// Timeout of each Helm action (default `5m0s`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$"))]
    pub timeout: Option<String>,
    /// Release records kept (default 5; 0 keeps all).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_history: Option<i64>,
    /// Service account impersonated for every action.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 253))]
    pub service_account_name: Option<String>,
    /// Keep one Kubernetes client for the whole reconciliation (default true).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub persistent_client: Option<bool>,
    /// How drift between the release and the cluster is handled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub drift_detection: Option<DriftDetection>,
    /// Install action settings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub install: Option<Install>,
    /// Upgrade action settings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upgrade: Option<Upgrade>,
    /// Test action settings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub test: Option<Test>,
    /// Rollback action settings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rollback: Option<Rollback>,
    /// Uninstall action settings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uninstall: Option<Uninstall>,
    /// How resources are waited for: `poller` (kstatus) or `legacy` (Helm's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wait_strategy: Option<WaitStrategy>,
    /// ConfigMaps and Secrets whose values are merged, in order, under `values`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub values_from: Option<Vec<ValuesReference>>,
    /// Values merged over the chart's defaults and `valuesFrom`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "free_form")]
    pub values: Option<serde_json::Map<String, serde_json::Value>>,
    /// Post renderers applied to the rendered manifests, in order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub post_renderers: Option<Vec<PostRenderer>>,
    /// Which manifests the post renderers see: `nohooks`, `combined`, `separate`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(extend("enum" = ["nohooks", "combined", "separate"]))]
    pub post_render_strategy: Option<String>,
    /// CEL health checks of custom kinds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub health_check_exprs: Option<Vec<CustomHealthCheck>>,
    /// Labels and annotations added to every object of the release.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub common_metadata: Option<CommonMetadata>,
}

fn free_form(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({"x-kubernetes-preserve-unknown-fields": true})
}

/// The HelmChart template of `spec.chart`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct HelmChartTemplate {
    /// Labels and annotations of the generated HelmChart.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<CommonMetadata>,
    /// Spec of the generated HelmChart.
    pub spec: HelmChartTemplateSpec,
}

/// Spec of the HelmChart generated for `spec.chart`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct HelmChartTemplateSpec {
    /// Chart name (HelmRepository) or path (GitRepository, Bucket).
    #[schemars(length(min = 1, max = 2048))]
    pub chart: String,
    /// Semver range of the chart version (default `*`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(extend("default" = "*"))]
    pub version: Option<String>,
    /// The source of the chart.
    pub source_ref: ChartSourceReference,
    /// How often the HelmChart is checked.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$"))]
    pub interval: Option<String>,
    /// What makes a new chart artifact: `ChartVersion` (default) or `Revision`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(extend("enum" = ["ChartVersion", "Revision"], "default" = "ChartVersion"))]
    pub reconcile_strategy: Option<String>,
    /// Values files of the chart merged over its `values.yaml`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub values_files: Option<Vec<String>>,
    /// Do not fail on a missing values file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ignore_missing_values_files: Option<bool>,
    /// Signature verification of an OCI chart.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verify: Option<HelmChartTemplateVerification>,
}

/// The source of a chart template.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ChartSourceReference {
    /// API version of the source.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_version: Option<String>,
    /// `HelmRepository`, `GitRepository` or `Bucket`.
    #[schemars(extend("enum" = ["HelmRepository", "GitRepository", "Bucket"]))]
    pub kind: String,
    /// Name of the source.
    #[schemars(length(min = 1, max = 253))]
    pub name: String,
    /// Namespace of the source (default: the HelmRelease's).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 63))]
    pub namespace: Option<String>,
}

/// Signature verification of a chart template.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct HelmChartTemplateVerification {
    /// `cosign` or `notation`.
    #[schemars(extend("enum" = ["cosign", "notation"], "default" = "cosign"))]
    pub provider: String,
    /// Secret with the trusted public keys.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret_ref: Option<LocalObjectReference>,
}

/// `spec.chartRef`: the object holding the chart artifact.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CrossNamespaceSourceReference {
    /// API version of the referent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_version: Option<String>,
    /// `OCIRepository`, `HelmChart` or `ExternalArtifact`.
    #[schemars(extend("enum" = ["OCIRepository", "HelmChart", "ExternalArtifact"]))]
    pub kind: String,
    /// Name of the referent.
    #[schemars(length(min = 1, max = 253))]
    pub name: String,
    /// Namespace of the referent (default: the HelmRelease's).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 63))]
    pub namespace: Option<String>,
}

/// Drift detection settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DriftDetection {
    /// `enabled` (correct), `warn` (report only) or `disabled` (default).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(extend("enum" = ["enabled", "warn", "disabled"]))]
    pub mode: Option<String>,
    /// Fields left out of drift detection.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ignore: Option<Vec<IgnoreRule>>,
}

/// Retry or remediate after a failed action.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ActionStrategy {
    /// `RemediateOnFailure` or `RetryOnFailure`.
    #[schemars(extend("enum" = ["RemediateOnFailure", "RetryOnFailure"]))]
    pub name: String,
    /// Time between retries (`RetryOnFailure` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$"))]
    pub retry_interval: Option<String>,
}

/// Install action settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Install {
    /// Timeout of the install (default `spec.timeout`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$"))]
    pub timeout: Option<String>,
    /// What happens after a failed install.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub strategy: Option<ActionStrategy>,
    /// Remediation of a failed install.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remediation: Option<InstallRemediation>,
    /// Do not wait for the resources to be ready.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub disable_wait: bool,
    /// Do not wait for Jobs to complete.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub disable_wait_for_jobs: bool,
    /// Do not run hooks.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub disable_hooks: bool,
    /// Do not validate the manifests against the OpenAPI schema.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[serde(rename = "disableOpenAPIValidation")]
    pub disable_open_api_validation: bool,
    /// Do not validate the values against the chart's JSON schema.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub disable_schema_validation: bool,
    /// Do not take ownership of existing resources.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub disable_take_ownership: bool,
    /// Reuse the name of a deleted release still in the history.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub replace: bool,
    /// Deprecated: use `crds: Skip`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[serde(rename = "skipCRDs")]
    pub skip_crds: bool,
    /// CRD policy: `Skip`, `Create` (default) or `CreateReplace`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(extend("enum" = ["Skip", "Create", "CreateReplace"]))]
    pub crds: Option<String>,
    /// Create the target namespace when it does not exist.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub create_namespace: bool,
    /// Install with server-side apply (default true).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub server_side_apply: Option<bool>,
}

/// Remediation of a failed install.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct InstallRemediation {
    /// Retries after a failure (negative: unlimited).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retries: Option<i64>,
    /// Test failures do not count as install failures.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ignore_test_failures: Option<bool>,
    /// Remediate the last failure too when retries are exhausted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remediate_last_failure: Option<bool>,
}

/// Upgrade action settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Upgrade {
    /// Timeout of the upgrade (default `spec.timeout`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$"))]
    pub timeout: Option<String>,
    /// What happens after a failed upgrade.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub strategy: Option<ActionStrategy>,
    /// Remediation of a failed upgrade.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remediation: Option<UpgradeRemediation>,
    /// Do not wait for the resources to be ready.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub disable_wait: bool,
    /// Do not wait for Jobs to complete.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub disable_wait_for_jobs: bool,
    /// Do not run hooks.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub disable_hooks: bool,
    /// Do not validate the manifests against the OpenAPI schema.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[serde(rename = "disableOpenAPIValidation")]
    pub disable_open_api_validation: bool,
    /// Do not validate the values against the chart's JSON schema.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub disable_schema_validation: bool,
    /// Do not take ownership of existing resources.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub disable_take_ownership: bool,
    /// Replace resources that cannot be updated.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub force: bool,
    /// Reuse the values of the last release.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub preserve_values: bool,
    /// Delete the resources created by a failed upgrade.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub cleanup_on_fail: bool,
    /// CRD policy: `Skip` (default), `Create` or `CreateReplace`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(extend("enum" = ["Skip", "Create", "CreateReplace"]))]
    pub crds: Option<String>,
    /// Upgrade with server-side apply: `enabled`, `disabled` or `auto`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(extend("enum" = ["enabled", "disabled", "auto"]))]
    pub server_side_apply: Option<String>,
    /// When the chart name changes: `InPlaceUpdate` or `Reinstall`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(extend("enum" = ["InPlaceUpdate", "Reinstall"]))]
    pub chart_name_change_strategy: Option<String>,
}

/// Remediation of a failed upgrade.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct UpgradeRemediation {
    /// Retries after a failure (negative: unlimited).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retries: Option<i64>,
    /// Test failures do not count as upgrade failures.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ignore_test_failures: Option<bool>,
    /// Remediate the last failure too when retries are exhausted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remediate_last_failure: Option<bool>,
    /// `rollback` (default) or `uninstall`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(extend("enum" = ["rollback", "uninstall"]))]
    pub strategy: Option<String>,
}

/// Test action settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Test {
    /// Run the chart's test hooks after an install or upgrade.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub enable: bool,
    /// Timeout of the tests (default `spec.timeout`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$"))]
    pub timeout: Option<String>,
    /// Test failures do not fail the release.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ignore_failures: bool,
    /// Which tests run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filters: Option<Vec<TestFilter>>,
}

/// Selects a test by name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct TestFilter {
    /// Name of the test.
    #[schemars(length(min = 1, max = 253))]
    pub name: String,
    /// Leave the test out instead of selecting it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub exclude: bool,
}

/// Rollback action settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Rollback {
    /// Timeout of the rollback (default `spec.timeout`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$"))]
    pub timeout: Option<String>,
    /// Do not wait for the resources to be ready.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub disable_wait: bool,
    /// Do not wait for Jobs to complete.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub disable_wait_for_jobs: bool,
    /// Do not run hooks.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub disable_hooks: bool,
    /// Restart pods.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub recreate: bool,
    /// Replace resources that cannot be updated.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub force: bool,
    /// Delete the resources created by a failed rollback.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub cleanup_on_fail: bool,
    /// Roll back with server-side apply: `enabled`, `disabled` or `auto`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(extend("enum" = ["enabled", "disabled", "auto"]))]
    pub server_side_apply: Option<String>,
}

/// Uninstall action settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Uninstall {
    /// Timeout of the uninstall (default `spec.timeout`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$"))]
    pub timeout: Option<String>,
    /// Do not run hooks.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub disable_hooks: bool,
    /// Keep the release records (marked uninstalled).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub keep_history: bool,
    /// Do not wait for the resources to be deleted.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub disable_wait: bool,
    /// `background` (default), `foreground` or `orphan`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(extend("enum" = ["background", "foreground", "orphan"], "default" = "background"))]
    pub deletion_propagation: Option<String>,
}

/// How resources are waited for.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct WaitStrategy {
    /// `poller` or `legacy`.
    #[schemars(extend("enum" = ["poller", "legacy"]))]
    pub name: String,
}

/// A ConfigMap or Secret providing values.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ValuesReference {
    /// `ConfigMap` or `Secret`.
    #[schemars(extend("enum" = ["Secret", "ConfigMap"]))]
    pub kind: String,
    /// Name of the object (in the HelmRelease's namespace).
    #[schemars(length(min = 1, max = 253))]
    pub name: String,
    /// Key of the data holding the values (default `values.yaml`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 253), regex(pattern = r"^[\-._a-zA-Z0-9]+$"))]
    pub values_key: Option<String>,
    /// Dotted path the value is set at instead of merging a YAML document.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(
        length(max = 250),
        regex(pattern = r"^([a-zA-Z0-9_\-.\\\/]|\[[0-9]{1,5}\])+$")
    )]
    pub target_path: Option<String>,
    /// Do not fail when the object or key is missing.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub optional: bool,
    /// Set the value at `targetPath` as a literal string, without parsing it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub literal: bool,
}

/// A post renderer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct PostRenderer {
    /// Kustomize patches and image overrides.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kustomize: Option<KustomizePostRenderer>,
}

/// Kustomize post renderer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct KustomizePostRenderer {
    /// Patches with target selectors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub patches: Option<Vec<Patch>>,
    /// Image overrides.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub images: Option<Vec<Image>>,
}

/// Observed state of a HelmRelease.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct HelmReleaseStatus {
    /// Generation of the spec last reconciled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub observed_generation: Option<i64>,
    /// Digest of `spec.postRenderers` last applied.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub observed_post_renderers_digest: Option<String>,
    /// Digest of `spec.commonMetadata` last applied.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub observed_common_metadata_digest: Option<String>,
    /// Generation of the last install or upgrade attempt.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_attempted_generation: Option<i64>,
    /// Conditions: Ready, Released, TestSuccess, Remediated, Reconciling, Stalled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conditions: Option<Vec<Condition>>,
    /// `namespace/name` of the HelmChart made from `spec.chart`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub helm_chart: Option<String>,
    /// Namespace of the release records.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 63))]
    pub storage_namespace: Option<String>,
    /// Releases of this object, newest first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub history: Option<Vec<ReleaseSnapshot>>,
    /// Chart version of the last attempt.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_attempted_revision: Option<String>,
    /// OCI digest of the chart of the last attempt.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_attempted_revision_digest: Option<String>,
    /// Deprecated upstream: checksum of the values of the last attempt.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_attempted_values_checksum: Option<String>,
    /// Deprecated upstream: revision of the last release.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_release_revision: Option<i64>,
    /// Digest of the values of the last attempt (`sha256:<hex>`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_attempted_config_digest: Option<String>,
    /// `install` or `upgrade`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(extend("enum" = ["install", "upgrade"]))]
    pub last_attempted_release_action: Option<String>,
    /// How long the last install or upgrade took.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_attempted_release_action_duration: Option<String>,
    /// Failures since the last success.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failures: Option<i64>,
    /// Install failures since the last success.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub install_failures: Option<i64>,
    /// Upgrade failures since the last success.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upgrade_failures: Option<i64>,
    /// The objects of the current release.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inventory: Option<super::kustomize::ResourceInventory>,
    /// Value of the `reconcile.fluxcd.io/requestedAt` annotation last handled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_handled_reconcile_at: Option<String>,
    /// Value of the `reconcile.fluxcd.io/forceAt` annotation last handled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_handled_force_at: Option<String>,
    /// Value of the `reconcile.fluxcd.io/resetAt` annotation last handled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_handled_reset_at: Option<String>,
}

/// A release as recorded in `status.history`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ReleaseSnapshot {
    /// API version of the snapshot format (`v2`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_version: Option<String>,
    /// Digest of the release record.
    pub digest: String,
    /// Release name.
    pub name: String,
    /// Release namespace.
    pub namespace: String,
    /// Release revision.
    pub version: i64,
    /// Release status (`deployed`, `failed`, `superseded`, …).
    pub status: String,
    /// Chart name.
    pub chart_name: String,
    /// Chart version.
    pub chart_version: String,
    /// Chart app version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app_version: Option<String>,
    /// Digest of the release values (`sha256:<hex>`).
    pub config_digest: String,
    /// When the release was first deployed.
    #[schemars(extend("format" = "date-time"))]
    pub first_deployed: String,
    /// When the release was last deployed.
    #[schemars(extend("format" = "date-time"))]
    pub last_deployed: String,
    /// When the release was deleted.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(extend("format" = "date-time"))]
    pub deleted: Option<String>,
    /// Test hooks of the release and their last run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub test_hooks: Option<BTreeMap<String, TestHookStatus>>,
    /// OCI digest of the chart.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub oci_digest: Option<String>,
    /// The action that made the release (`install`, `upgrade`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
}

/// The last run of a test hook.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TestHookStatus {
    /// When the test started.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_started: Option<String>,
    /// When the test completed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_completed: Option<String>,
    /// Phase of the test.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phase: Option<String>,
}

impl HelmRelease {
    /// Conditions of the status (empty when there is no status).
    pub fn conditions(&self) -> &[Condition] {
        self.status
            .as_ref()
            .and_then(|s| s.conditions.as_deref())
            .unwrap_or_default()
    }

    /// Whether the HelmRelease is ready: `Ready=True` for its current generation.
    pub fn is_ready(&self) -> bool {
        let observed = self.status.as_ref().and_then(|s| s.observed_generation);
        super::meta::find_condition(self.conditions(), super::meta::READY).is_some_and(Condition::is_true)
            && (self.metadata.generation.is_none() || observed == self.metadata.generation)
    }

    /// The HelmRelease's own namespace (`default` when unset).
    pub fn own_namespace(&self) -> &str {
        self.metadata.namespace.as_deref().unwrap_or("default")
    }

    /// Namespace the release's objects go to: `spec.targetNamespace`, else the HelmRelease's.
    pub fn target_namespace(&self) -> &str {
        self.spec
            .target_namespace
            .as_deref()
            .filter(|n| !n.is_empty())
            .unwrap_or(self.own_namespace())
    }

    /// Namespace of the release records: `spec.storageNamespace`, else the HelmRelease's.
    pub fn storage_namespace(&self) -> &str {
        self.spec
            .storage_namespace
            .as_deref()
            .filter(|n| !n.is_empty())
            .unwrap_or(self.own_namespace())
    }

    /// The release name as helm-controller derives it: `spec.releaseName`, else
    /// `<targetNamespace>-<name>` when a target namespace is set, else `<name>`; names longer
    /// than 53 characters are shortened to 40 characters, a dash and the first 12 hex digits of
    /// their SHA-256.
    pub fn release_name(&self) -> String {
        use sha2::Digest;
        if let Some(n) = self.spec.release_name.as_deref().filter(|n| !n.is_empty()) {
            return n.to_string();
        }
        let name = self.metadata.name.clone().unwrap_or_default();
        let full = match self.spec.target_namespace.as_deref().filter(|n| !n.is_empty()) {
            Some(ns) => format!("{ns}-{name}"),
            None => name,
        };
        if full.len() <= 53 {
            return full;
        }
        let digest = sha2::Sha256::digest(full.as_bytes());
        let hex = digest.iter().fold(String::new(), |mut acc, b| {
            use std::fmt::Write;
            let _ = write!(acc, "{b:02x}");
            acc
        });
        let head: String = full.chars().take(40).collect();
        format!("{head}-{}", &hex[..12])
    }

    /// `spec.interval` as a duration.
    pub fn interval(&self) -> Result<Duration, duration::ParseDurationError> {
        duration::parse(&self.spec.interval)
    }

    /// `spec.timeout`, default five minutes as upstream.
    pub fn timeout(&self) -> Result<Duration, duration::ParseDurationError> {
        match &self.spec.timeout {
            Some(t) => duration::parse(t),
            None => Ok(Duration::from_secs(300)),
        }
    }

    /// The timeout of an install (`upgrade` false) or upgrade: the action's own, else
    /// `spec.timeout`.
    pub fn action_timeout(&self, upgrade: bool) -> Result<Duration, duration::ParseDurationError> {
        let own = if upgrade {
            self.spec.upgrade.as_ref().and_then(|u| u.timeout.as_deref())
        } else {
            self.spec.install.as_ref().and_then(|i| i.timeout.as_deref())
        };
        match own {
            Some(t) => duration::parse(t),
            None => self.timeout(),
        }
    }

    /// The timeout of an uninstall: `spec.uninstall.timeout`, else `spec.timeout`.
    pub fn uninstall_timeout(&self) -> Result<Duration, duration::ParseDurationError> {
        match self.spec.uninstall.as_ref().and_then(|u| u.timeout.as_deref()) {
            Some(t) => duration::parse(t),
            None => self.timeout(),
        }
    }

    /// The timeout of the tests: `spec.test.timeout`, else `spec.timeout`.
    pub fn test_timeout(&self) -> Result<Duration, duration::ParseDurationError> {
        match self.spec.test.as_ref().and_then(|t| t.timeout.as_deref()) {
            Some(t) => duration::parse(t),
            None => self.timeout(),
        }
    }

    /// `spec.maxHistory`, default 5 as upstream; 0 keeps every record.
    pub fn max_history(&self) -> i64 {
        self.spec.max_history.unwrap_or(5)
    }

    /// The spec fields flux-rs does not honour yet, each named by its path. A HelmRelease
    /// asking for any of them is stalled with `UnsupportedFeature` rather than reconciled
    /// without them.
    pub fn unsupported(&self) -> Vec<&'static str> {
        let s = &self.spec;
        let mut out = Vec::new();
        let mut when = |cond: bool, field: &'static str| {
            if cond {
                out.push(field);
            }
        };
        when(
            s.chart.as_ref().is_some_and(|c| c.spec.verify.is_some()),
            "spec.chart.spec.verify",
        );
        if let Some(r) = &s.chart_ref {
            when(
                r.kind != "OCIRepository" && r.kind != "HelmChart",
                "spec.chartRef.kind (only OCIRepository and HelmChart)",
            );
        }
        when(non_empty(s.health_check_exprs.as_ref()), "spec.healthCheckExprs");
        when(
            s.wait_strategy.as_ref().is_some_and(|w| w.name != "poller"),
            "spec.waitStrategy.name (only poller)",
        );
        if let Some(r) = &s.rollback {
            when(r.recreate, "spec.rollback.recreate");
            when(
                r.server_side_apply.as_deref().is_some_and(|m| m == "disabled"),
                "spec.rollback.serverSideApply",
            );
        }
        if let Some(i) = &s.install {
            when(
                i.strategy
                    .as_ref()
                    .is_some_and(|s| s.name != "RemediateOnFailure"),
                "spec.install.strategy (only RemediateOnFailure)",
            );
            when(
                i.disable_open_api_validation,
                "spec.install.disableOpenAPIValidation",
            );
            when(i.replace, "spec.install.replace");
            when(i.server_side_apply == Some(false), "spec.install.serverSideApply");
            when(i.disable_take_ownership, "spec.install.disableTakeOwnership");
        }
        if let Some(u) = &s.upgrade {
            when(
                u.strategy
                    .as_ref()
                    .is_some_and(|s| s.name != "RemediateOnFailure"),
                "spec.upgrade.strategy (only RemediateOnFailure)",
            );
            when(
                u.disable_open_api_validation,
                "spec.upgrade.disableOpenAPIValidation",
            );
            when(
                u.server_side_apply.as_deref().is_some_and(|m| m == "disabled"),
                "spec.upgrade.serverSideApply",
            );
            when(u.disable_take_ownership, "spec.upgrade.disableTakeOwnership");
            when(
                u.chart_name_change_strategy.as_deref() == Some("Reinstall"),
                "spec.upgrade.chartNameChangeStrategy",
            );
        }
        out
    }
}

fn non_empty<T>(v: Option<&Vec<T>>) -> bool {
    v.is_some_and(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hr(spec: &serde_json::Value) -> HelmRelease {
        serde_json::from_value(serde_json::json!({
            "apiVersion": "helm.toolkit.fluxcd.io/v2", "kind": "HelmRelease",
            "metadata": {"name": "podinfo", "namespace": "apps"},
            "spec": spec,
        }))
        .unwrap()
    }

    #[test]
    fn release_names_and_namespaces_follow_helm_controller() {
        let plain =
            hr(&serde_json::json!({"interval": "5m", "chartRef": {"kind": "OCIRepository", "name": "c"}}));
        assert_eq!(plain.release_name(), "podinfo");
        assert_eq!(plain.target_namespace(), "apps");
        assert_eq!(plain.storage_namespace(), "apps");
        assert_eq!(plain.max_history(), 5);
        assert_eq!(plain.timeout().unwrap(), Duration::from_secs(300));
        let targeted =
            hr(&serde_json::json!({"interval": "5m", "targetNamespace": "web", "storageNamespace": "st"}));
        assert_eq!(targeted.release_name(), "web-podinfo");
        assert_eq!(targeted.target_namespace(), "web");
        assert_eq!(targeted.storage_namespace(), "st");
        let long = hr(
            &serde_json::json!({"interval": "5m", "targetNamespace": "a-very-long-namespace-name-for-testing-release-names"}),
        );
        let name = long.release_name();
        assert_eq!(name.len(), 53, "{name}");
        assert!(
            name.starts_with("a-very-long-namespace-name-for-testing-r-"),
            "{name}"
        );
        let tested = hr(&serde_json::json!({"interval": "5m", "timeout": "2m", "test": {"enable": true}}));
        assert_eq!(tested.test_timeout().unwrap(), Duration::from_secs(120));
        let own = hr(&serde_json::json!({"interval": "5m", "test": {"enable": true, "timeout": "30s"}}));
        assert_eq!(own.test_timeout().unwrap(), Duration::from_secs(30));
        let named = hr(&serde_json::json!({"interval": "5m", "releaseName": "mine"}));
        assert_eq!(named.release_name(), "mine");
    }

    #[test]
    fn fields_not_honoured_are_named() {
        let ok = hr(&serde_json::json!({
            "interval": "5m", "chartRef": {"kind": "OCIRepository", "name": "c"},
            "install": {"createNamespace": true, "disableWait": true, "crds": "CreateReplace", "skipCRDs": true,
                "disableWaitForJobs": true, "disableSchemaValidation": true,
                "remediation": {"retries": -1, "remediateLastFailure": true}},
            "upgrade": {"disableWait": true, "crds": "CreateReplace", "force": true, "preserveValues": true,
                "disableWaitForJobs": true, "disableSchemaValidation": true,
                "cleanupOnFail": true, "remediation": {"retries": 3, "strategy": "uninstall"}},
            "rollback": {"timeout": "1m", "disableWait": true, "cleanupOnFail": true, "force": true,
                "disableWaitForJobs": true, "disableHooks": true},
            "uninstall": {"keepHistory": true, "deletionPropagation": "orphan", "disableWait": true},
            "postRenderers": [{"kustomize": {"images": [{"name": "a"}]}}], "postRenderStrategy": "nohooks",
            "commonMetadata": {"labels": {"a": "b"}}, "kubeConfig": {"secretRef": {"name": "remote"}},
            "driftDetection": {"mode": "enabled", "ignore": [{"paths": ["/spec/replicas"], "target": {"kind": "Deployment"}}]},
            "test": {"enable": true, "ignoreFailures": true},
            "values": {"a": 1},
            "dependsOn": [{"name": "db"}], "serviceAccountName": "deployer"
        }));
        assert!(ok.unsupported().is_empty(), "{:?}", ok.unsupported());
        let bad = hr(&serde_json::json!({
            "interval": "5m", "chart": {"spec": {"chart": "x", "sourceRef": {"kind": "HelmRepository", "name": "r"}, "verify": {"provider": "cosign"}}},
            "test": {"enable": true}, "upgrade": {"strategy": {"name": "RetryOnFailure"}},
            "rollback": {"recreate": true, "force": true},
            "postRenderers": [{"kustomize": {"images": [{"name": "a"}]}}]
        }));
        assert_eq!(
            bad.unsupported(),
            [
                "spec.chart.spec.verify",
                "spec.rollback.recreate",
                "spec.upgrade.strategy (only RemediateOnFailure)"
            ]
        );
        let chart =
            hr(&serde_json::json!({"interval": "5m", "chartRef": {"kind": "HelmChart", "name": "c"}}));
        assert!(chart.unsupported().is_empty());
        let artifact =
            hr(&serde_json::json!({"interval": "5m", "chartRef": {"kind": "ExternalArtifact", "name": "c"}}));
        assert_eq!(
            artifact.unsupported(),
            ["spec.chartRef.kind (only OCIRepository and HelmChart)"]
        );
    }
}
