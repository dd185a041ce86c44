//! The spec fields of upstream's v1 kinds, written down by hand from kustomize-controller
//! v1.9.4 and source-controller (Flux 2.7), so a test can hold the types to them: a field
//! missing from the types would be dropped without a word when an object is read, and a
//! field the types invent would be pruned by upstream's CRDs.
//!
//! Paths are dotted, relative to `spec`; `[]` marks the items of a list. Maps of free keys
//! (`commonMetadata.labels`, `postBuild.substitute`) end at the map.

/// Fields of `Kustomization.spec` (`kustomize.toolkit.fluxcd.io/v1`).
pub const KUSTOMIZATION_SPEC: &[&str] = &[
    "buildMetadata",
    "commonMetadata",
    "commonMetadata.annotations",
    "commonMetadata.labels",
    "components",
    "decryption",
    "decryption.provider",
    "decryption.secretRef",
    "decryption.secretRef.name",
    "decryption.serviceAccountName",
    "deletionPolicy",
    "dependsOn",
    "dependsOn[].name",
    "dependsOn[].namespace",
    "dependsOn[].readyExpr",
    "force",
    "healthCheckExprs",
    "healthCheckExprs[].apiVersion",
    "healthCheckExprs[].current",
    "healthCheckExprs[].failed",
    "healthCheckExprs[].inProgress",
    "healthCheckExprs[].kind",
    "healthChecks",
    "healthChecks[].apiVersion",
    "healthChecks[].kind",
    "healthChecks[].name",
    "healthChecks[].namespace",
    "ignore",
    "ignore[].paths",
    "ignore[].target",
    "ignore[].target.annotationSelector",
    "ignore[].target.group",
    "ignore[].target.kind",
    "ignore[].target.labelSelector",
    "ignore[].target.name",
    "ignore[].target.namespace",
    "ignore[].target.version",
    "ignoreMissingComponents",
    "images",
    "images[].digest",
    "images[].name",
    "images[].newName",
    "images[].newTag",
    "interval",
    "kubeConfig",
    "kubeConfig.configMapRef",
    "kubeConfig.configMapRef.name",
    "kubeConfig.secretRef",
    "kubeConfig.secretRef.key",
    "kubeConfig.secretRef.name",
    "namePrefix",
    "nameSuffix",
    "patches",
    "patches[].patch",
    "patches[].target",
    "patches[].target.annotationSelector",
    "patches[].target.group",
    "patches[].target.kind",
    "patches[].target.labelSelector",
    "patches[].target.name",
    "patches[].target.namespace",
    "patches[].target.version",
    "path",
    "postBuild",
    "postBuild.substitute",
    "postBuild.substituteFrom",
    "postBuild.substituteFrom[].kind",
    "postBuild.substituteFrom[].name",
    "postBuild.substituteFrom[].optional",
    "postBuild.substituteStrategy",
    "prune",
    "retryInterval",
    "serviceAccountName",
    "sourceRef",
    "sourceRef.apiVersion",
    "sourceRef.kind",
    "sourceRef.name",
    "sourceRef.namespace",
    "suspend",
    "targetNamespace",
    "timeout",
    "wait",
];

/// Fields of `GitRepository.spec` (`source.toolkit.fluxcd.io/v1`).
pub const GITREPOSITORY_SPEC: &[&str] = &[
    "ignore",
    "include",
    "include[].fromPath",
    "include[].repository",
    "include[].repository.name",
    "include[].toPath",
    "interval",
    "provider",
    "proxySecretRef",
    "proxySecretRef.name",
    "recurseSubmodules",
    "ref",
    "ref.branch",
    "ref.commit",
    "ref.name",
    "ref.semver",
    "ref.tag",
    "secretRef",
    "secretRef.name",
    "serviceAccountName",
    "sparseCheckout",
    "suspend",
    "timeout",
    "url",
    "verify",
    "verify.mode",
    "verify.secretRef",
    "verify.secretRef.name",
];

/// Fields of `Provider.spec` (`notification.toolkit.fluxcd.io/v1beta3`, notification-controller
/// of Flux 2.7).
pub const PROVIDER_SPEC: &[&str] = &[
    "address",
    "certSecretRef",
    "certSecretRef.name",
    "channel",
    "commitStatusExpr",
    "interval",
    "proxy",
    "proxySecretRef",
    "proxySecretRef.name",
    "secretRef",
    "secretRef.name",
    "serviceAccountName",
    "suspend",
    "timeout",
    "type",
    "username",
];

/// Fields of `Alert.spec` (`notification.toolkit.fluxcd.io/v1beta3`).
pub const ALERT_SPEC: &[&str] = &[
    "eventMetadata",
    "eventSeverity",
    "eventSources",
    "eventSources[].apiVersion",
    "eventSources[].kind",
    "eventSources[].matchLabels",
    "eventSources[].name",
    "eventSources[].namespace",
    "exclusionList",
    "inclusionList",
    "providerRef",
    "providerRef.name",
    "summary",
    "suspend",
];

/// Fields of `Receiver.spec` (`notification.toolkit.fluxcd.io/v1`).
pub const RECEIVER_SPEC: &[&str] = &[
    "events",
    "interval",
    "resourceFilter",
    "resources",
    "resources[].apiVersion",
    "resources[].kind",
    "resources[].matchLabels",
    "resources[].name",
    "resources[].namespace",
    "secretRef",
    "secretRef.name",
    "suspend",
    "type",
];

/// The dotted field paths under `spec` of a generated CRD's first version, as in the tables
/// above.
pub fn spec_paths(
    crd: &k8s_openapi::apiextensions_apiserver::pkg::apis::apiextensions::v1::CustomResourceDefinition,
) -> Vec<String> {
    let schema = crd.spec.versions[0]
        .schema
        .as_ref()
        .and_then(|s| s.open_api_v3_schema.as_ref())
        .map(|s| serde_json::to_value(s).unwrap_or_default())
        .unwrap_or_default();
    let mut out = Vec::new();
    walk(&schema["properties"]["spec"], "", &mut out);
    out.sort();
    out
}

fn walk(schema: &serde_json::Value, prefix: &str, out: &mut Vec<String>) {
    let Some(props) = schema["properties"].as_object() else {
        return;
    };
    for (name, sub) in props {
        let path = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}.{name}")
        };
        out.push(path.clone());
        if sub["type"] == "array" {
            walk(&sub["items"], &format!("{path}[]"), out);
        } else {
            walk(sub, &path, out);
        }
    }
}

/// Fields of `HelmRepository.spec` (`source.toolkit.fluxcd.io/v1`).
pub const HELMREPOSITORY_SPEC: &[&str] = &[
    "accessFrom",
    "accessFrom.namespaceSelectors",
    "accessFrom.namespaceSelectors[].matchLabels",
    "certSecretRef",
    "certSecretRef.name",
    "insecure",
    "interval",
    "passCredentials",
    "provider",
    "secretRef",
    "secretRef.name",
    "suspend",
    "timeout",
    "type",
    "url",
];

/// Fields of `HelmChart.spec` (`source.toolkit.fluxcd.io/v1`).
pub const HELMCHART_SPEC: &[&str] = &[
    "chart",
    "ignoreMissingValuesFiles",
    "interval",
    "reconcileStrategy",
    "sourceRef",
    "sourceRef.apiVersion",
    "sourceRef.kind",
    "sourceRef.name",
    "suspend",
    "valuesFiles",
    "verify",
    "verify.matchOIDCIdentity",
    "verify.matchOIDCIdentity[].issuer",
    "verify.matchOIDCIdentity[].subject",
    "verify.provider",
    "verify.secretRef",
    "verify.secretRef.name",
    "version",
];

/// Fields of `OCIRepository.spec` (`source.toolkit.fluxcd.io/v1`).
pub const OCIREPOSITORY_SPEC: &[&str] = &[
    "certSecretRef",
    "certSecretRef.name",
    "ignore",
    "insecure",
    "interval",
    "layerSelector",
    "layerSelector.mediaType",
    "layerSelector.operation",
    "provider",
    "proxySecretRef",
    "proxySecretRef.name",
    "ref",
    "ref.digest",
    "ref.semver",
    "ref.semverFilter",
    "ref.tag",
    "secretRef",
    "secretRef.name",
    "serviceAccountName",
    "suspend",
    "timeout",
    "url",
    "verify",
    "verify.matchOIDCIdentity",
    "verify.matchOIDCIdentity[].issuer",
    "verify.matchOIDCIdentity[].subject",
    "verify.provider",
    "verify.secretRef",
    "verify.secretRef.name",
];

/// Fields of `HelmRelease.spec` (`helm.toolkit.fluxcd.io/v2`, helm-controller of Flux 2.7).
pub const HELMRELEASE_SPEC: &[&str] = &[
    "chart",
    "chart.metadata",
    "chart.metadata.annotations",
    "chart.metadata.labels",
    "chart.spec",
    "chart.spec.chart",
    "chart.spec.ignoreMissingValuesFiles",
    "chart.spec.interval",
    "chart.spec.reconcileStrategy",
    "chart.spec.sourceRef",
    "chart.spec.sourceRef.apiVersion",
    "chart.spec.sourceRef.kind",
    "chart.spec.sourceRef.name",
    "chart.spec.sourceRef.namespace",
    "chart.spec.valuesFiles",
    "chart.spec.verify",
    "chart.spec.verify.provider",
    "chart.spec.verify.secretRef",
    "chart.spec.verify.secretRef.name",
    "chart.spec.version",
    "chartRef",
    "chartRef.apiVersion",
    "chartRef.kind",
    "chartRef.name",
    "chartRef.namespace",
    "commonMetadata",
    "commonMetadata.annotations",
    "commonMetadata.labels",
    "dependsOn",
    "dependsOn[].name",
    "dependsOn[].namespace",
    "dependsOn[].readyExpr",
    "driftDetection",
    "driftDetection.ignore",
    "driftDetection.ignore[].paths",
    "driftDetection.ignore[].target",
    "driftDetection.ignore[].target.annotationSelector",
    "driftDetection.ignore[].target.group",
    "driftDetection.ignore[].target.kind",
    "driftDetection.ignore[].target.labelSelector",
    "driftDetection.ignore[].target.name",
    "driftDetection.ignore[].target.namespace",
    "driftDetection.ignore[].target.version",
    "driftDetection.mode",
    "healthCheckExprs",
    "healthCheckExprs[].apiVersion",
    "healthCheckExprs[].current",
    "healthCheckExprs[].failed",
    "healthCheckExprs[].inProgress",
    "healthCheckExprs[].kind",
    "install",
    "install.crds",
    "install.createNamespace",
    "install.disableHooks",
    "install.disableOpenAPIValidation",
    "install.disableSchemaValidation",
    "install.disableTakeOwnership",
    "install.disableWait",
    "install.disableWaitForJobs",
    "install.remediation",
    "install.remediation.ignoreTestFailures",
    "install.remediation.remediateLastFailure",
    "install.remediation.retries",
    "install.replace",
    "install.serverSideApply",
    "install.skipCRDs",
    "install.strategy",
    "install.strategy.name",
    "install.strategy.retryInterval",
    "install.timeout",
    "interval",
    "kubeConfig",
    "kubeConfig.configMapRef",
    "kubeConfig.configMapRef.name",
    "kubeConfig.secretRef",
    "kubeConfig.secretRef.key",
    "kubeConfig.secretRef.name",
    "maxHistory",
    "persistentClient",
    "postRenderStrategy",
    "postRenderers",
    "postRenderers[].kustomize",
    "postRenderers[].kustomize.images",
    "postRenderers[].kustomize.images[].digest",
    "postRenderers[].kustomize.images[].name",
    "postRenderers[].kustomize.images[].newName",
    "postRenderers[].kustomize.images[].newTag",
    "postRenderers[].kustomize.patches",
    "postRenderers[].kustomize.patches[].patch",
    "postRenderers[].kustomize.patches[].target",
    "postRenderers[].kustomize.patches[].target.annotationSelector",
    "postRenderers[].kustomize.patches[].target.group",
    "postRenderers[].kustomize.patches[].target.kind",
    "postRenderers[].kustomize.patches[].target.labelSelector",
    "postRenderers[].kustomize.patches[].target.name",
    "postRenderers[].kustomize.patches[].target.namespace",
    "postRenderers[].kustomize.patches[].target.version",
    "releaseName",
    "rollback",
    "rollback.cleanupOnFail",
    "rollback.disableHooks",
    "rollback.disableWait",
    "rollback.disableWaitForJobs",
    "rollback.force",
    "rollback.recreate",
    "rollback.serverSideApply",
    "rollback.timeout",
    "serviceAccountName",
    "storageNamespace",
    "suspend",
    "targetNamespace",
    "test",
    "test.enable",
    "test.filters",
    "test.filters[].exclude",
    "test.filters[].name",
    "test.ignoreFailures",
    "test.timeout",
    "timeout",
    "uninstall",
    "uninstall.deletionPropagation",
    "uninstall.disableHooks",
    "uninstall.disableWait",
    "uninstall.keepHistory",
    "uninstall.timeout",
    "upgrade",
    "upgrade.chartNameChangeStrategy",
    "upgrade.cleanupOnFail",
    "upgrade.crds",
    "upgrade.disableHooks",
    "upgrade.disableOpenAPIValidation",
    "upgrade.disableSchemaValidation",
    "upgrade.disableTakeOwnership",
    "upgrade.disableWait",
    "upgrade.disableWaitForJobs",
    "upgrade.force",
    "upgrade.preserveValues",
    "upgrade.remediation",
    "upgrade.remediation.ignoreTestFailures",
    "upgrade.remediation.remediateLastFailure",
    "upgrade.remediation.retries",
    "upgrade.remediation.strategy",
    "upgrade.serverSideApply",
    "upgrade.strategy",
    "upgrade.strategy.name",
    "upgrade.strategy.retryInterval",
    "upgrade.timeout",
    "values",
    "valuesFrom",
    "valuesFrom[].kind",
    "valuesFrom[].literal",
    "valuesFrom[].name",
    "valuesFrom[].optional",
    "valuesFrom[].targetPath",
    "valuesFrom[].valuesKey",
    "waitStrategy",
    "waitStrategy.name",
];

#[cfg(test)]
mod tests {
    use kube::CustomResourceExt;

    use super::*;
    use crate::api::{GitRepository, HelmRepository, Kustomization, OCIRepository};

    fn compare(kind: &str, ours: &[String], upstream: &[&str]) {
        let missing: Vec<&str> = upstream
            .iter()
            .copied()
            .filter(|p| !ours.iter().any(|o| o == p))
            .collect();
        let invented: Vec<&String> = ours.iter().filter(|o| !upstream.contains(&o.as_str())).collect();
        assert!(
            missing.is_empty() && invented.is_empty(),
            "{kind}.spec: fields upstream has and the types lack: {missing:?}; fields the types have and upstream lacks: {invented:?}"
        );
    }

    #[test]
    fn the_kustomization_type_has_exactly_upstreams_fields() {
        compare(
            "Kustomization",
            &spec_paths(&Kustomization::crd()),
            KUSTOMIZATION_SPEC,
        );
    }

    #[test]
    fn the_notification_types_have_exactly_upstreams_fields() {
        use crate::api::{Alert, Provider, Receiver};
        compare("Provider", &spec_paths(&Provider::crd()), PROVIDER_SPEC);
        compare("Alert", &spec_paths(&Alert::crd()), ALERT_SPEC);
        compare("Receiver", &spec_paths(&Receiver::crd()), RECEIVER_SPEC);
    }

    #[test]
    fn the_gitrepository_type_has_exactly_upstreams_fields() {
        compare(
            "GitRepository",
            &spec_paths(&GitRepository::crd()),
            GITREPOSITORY_SPEC,
        );
    }

    #[test]
    fn the_ocirepository_type_has_exactly_upstreams_fields() {
        compare(
            "OCIRepository",
            &spec_paths(&OCIRepository::crd()),
            OCIREPOSITORY_SPEC,
        );
    }

    #[test]
    fn the_helmrelease_type_has_exactly_upstreams_fields() {
        use crate::api::HelmRelease;
        compare("HelmRelease", &spec_paths(&HelmRelease::crd()), HELMRELEASE_SPEC);
    }

    #[test]
    fn the_helmchart_type_has_exactly_upstreams_fields() {
        compare(
            "HelmChart",
            &spec_paths(&crate::api::HelmChart::crd()),
            HELMCHART_SPEC,
        );
    }

    #[test]
    fn the_helmrepository_type_has_exactly_upstreams_fields() {
        compare(
            "HelmRepository",
            &spec_paths(&HelmRepository::crd()),
            HELMREPOSITORY_SPEC,
        );
    }
}
