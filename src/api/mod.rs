//! Flux's public API types, wire-compatible with upstream: `GitRepository`
//! (`source.toolkit.fluxcd.io/v1`) and `Kustomization` (`kustomize.toolkit.fluxcd.io/v1`),
//! the CRDs generated from them, and client-side validation whose errors name the field.
//!
//! Pure data: no I/O, no client.

pub mod helm;
pub mod helmrelease;
pub mod kustomize;
pub mod meta;
pub mod notification;
pub mod oci;
pub mod source;
pub mod upstream;

use k8s_openapi::apiextensions_apiserver::pkg::apis::apiextensions::v1::CustomResourceDefinition;
use kube::{CustomResourceExt, Resource};
use serde::de::DeserializeOwned;

pub use helm::{
    HelmChart, HelmChartSpec, HelmChartStatus, HelmRepository, HelmRepositorySpec, HelmRepositoryStatus,
};
pub use helmrelease::{HelmRelease, HelmReleaseSpec, HelmReleaseStatus};
pub use kustomize::{Kustomization, KustomizationSpec, KustomizationStatus};
pub use notification::{Alert, Provider, Receiver};
pub use oci::{OCIRepository, OCIRepositorySpec, OCIRepositoryStatus};
pub use source::{GitRepository, GitRepositorySpec, GitRepositoryStatus};

use crate::duration;

/// An object that does not satisfy the Flux API: the message names the object and field.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The document does not have the shape of the kind (wrong type, missing field).
    #[error("{kind}/{name}: {path}: {message}")]
    Shape {
        /// Kind of the object.
        kind: String,
        /// `namespace/name` of the object, or `<unnamed>`.
        name: String,
        /// Dotted path of the offending field (`spec.interval`).
        path: String,
        /// What is wrong.
        message: String,
    },
    /// A field has an invalid value.
    #[error("{kind}/{name}: {field}: {message}")]
    Invalid {
        /// Kind of the object.
        kind: String,
        /// `namespace/name` of the object, or `<unnamed>`.
        name: String,
        /// Dotted path of the offending field.
        field: String,
        /// What is wrong.
        message: String,
    },
}

/// Result alias for this module.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Flux kinds flux-rs knows: parsing with field-naming errors, and client-side validation.
pub trait FluxObject: Resource<DynamicType = ()> + DeserializeOwned + Sized {
    /// Validates values the schema cannot express (durations, mutually exclusive fields).
    fn validate(&self) -> Result<()>;

    /// Parses a JSON value into the kind, then validates it. Errors name the field.
    fn parse(value: serde_json::Value) -> Result<Self> {
        let kind = Self::kind(&()).to_string();
        let name = object_name(&value);
        let obj: Self = serde_path_to_error::deserialize(value).map_err(|e| {
            let path = e.path().to_string();
            Error::Shape {
                kind: kind.clone(),
                name: name.clone(),
                path,
                message: e.into_inner().to_string(),
            }
        })?;
        obj.validate()?;
        Ok(obj)
    }
}

fn object_name(value: &serde_json::Value) -> String {
    let meta = &value["metadata"];
    match (meta["namespace"].as_str(), meta["name"].as_str()) {
        (Some(ns), Some(n)) => format!("{ns}/{n}"),
        (None, Some(n)) => n.to_string(),
        _ => "<unnamed>".to_string(),
    }
}

fn display_name<K: Resource>(obj: &K) -> String {
    let m = obj.meta();
    match (&m.namespace, &m.name) {
        (Some(ns), Some(n)) => format!("{ns}/{n}"),
        (None, Some(n)) => n.clone(),
        _ => "<unnamed>".to_string(),
    }
}

fn invalid<K: Resource<DynamicType = ()>>(obj: &K, field: &str, message: impl Into<String>) -> Error {
    Error::Invalid {
        kind: K::kind(&()).to_string(),
        name: display_name(obj),
        field: field.to_string(),
        message: message.into(),
    }
}

fn check_duration<K: Resource<DynamicType = ()>>(obj: &K, field: &str, value: Option<&str>) -> Result<()> {
    match value {
        Some(v) => duration::parse(v)
            .map(|_| ())
            .map_err(|e| invalid(obj, field, e.to_string())),
        None => Ok(()),
    }
}

impl FluxObject for GitRepository {
    fn validate(&self) -> Result<()> {
        let s = &self.spec;
        check_duration(self, "spec.interval", Some(&s.interval))?;
        check_duration(self, "spec.timeout", s.timeout.as_deref())?;
        let scheme_ok = ["http://", "https://", "ssh://", "file://"]
            .iter()
            .any(|p| s.url.starts_with(p));
        if !scheme_ok {
            return Err(invalid(
                self,
                "spec.url",
                format!(
                    "unsupported URL {:?}: expected http(s)://, ssh:// or file://",
                    s.url
                ),
            ));
        }
        if let Some(p) = &s.provider
            && !["generic", "azure", "github"].contains(&p.as_str())
        {
            return Err(invalid(
                self,
                "spec.provider",
                format!("unsupported value {p:?}: expected generic, azure or github"),
            ));
        }
        Ok(())
    }
}

impl FluxObject for HelmRepository {
    fn validate(&self) -> Result<()> {
        let s = &self.spec;
        check_duration(self, "spec.interval", s.interval.as_deref())?;
        check_duration(self, "spec.timeout", s.timeout.as_deref())?;
        let oci = s.type_.as_deref() == Some("oci");
        let ok = if oci {
            s.url.starts_with("oci://")
        } else {
            s.url.starts_with("http://") || s.url.starts_with("https://")
        };
        if !ok {
            return Err(invalid(
                self,
                "spec.url",
                format!(
                    "unsupported URL {:?}: expected {}",
                    s.url,
                    if oci {
                        "oci:// for type oci"
                    } else {
                        "http:// or https://"
                    }
                ),
            ));
        }
        Ok(())
    }
}

impl FluxObject for HelmChart {
    fn validate(&self) -> Result<()> {
        let s = &self.spec;
        check_duration(self, "spec.interval", Some(&s.interval))?;
        if s.chart.is_empty() {
            return Err(invalid(self, "spec.chart", "must not be empty"));
        }
        let kinds = ["HelmRepository", "GitRepository", "Bucket"];
        if !kinds.contains(&s.source_ref.kind.as_str()) {
            return Err(invalid(
                self,
                "spec.sourceRef.kind",
                format!(
                    "unsupported value {:?}: expected one of {}",
                    s.source_ref.kind,
                    kinds.join(", ")
                ),
            ));
        }
        if let Some(r) = &s.reconcile_strategy
            && !["ChartVersion", "Revision"].contains(&r.as_str())
        {
            return Err(invalid(
                self,
                "spec.reconcileStrategy",
                format!("unsupported value {r:?}: expected ChartVersion or Revision"),
            ));
        }
        Ok(())
    }
}

impl FluxObject for OCIRepository {
    fn validate(&self) -> Result<()> {
        let s = &self.spec;
        check_duration(self, "spec.interval", Some(&s.interval))?;
        check_duration(self, "spec.timeout", s.timeout.as_deref())?;
        if !s.url.starts_with("oci://") {
            return Err(invalid(
                self,
                "spec.url",
                format!("unsupported URL {:?}: expected oci://", s.url),
            ));
        }
        if let Some(op) = s.layer_selector.as_ref().and_then(|l| l.operation.as_deref())
            && !["extract", "copy"].contains(&op)
        {
            return Err(invalid(
                self,
                "spec.layerSelector.operation",
                format!("unsupported value {op:?}: expected extract or copy"),
            ));
        }
        Ok(())
    }
}

impl FluxObject for HelmRelease {
    fn validate(&self) -> Result<()> {
        let s = &self.spec;
        check_duration(self, "spec.interval", Some(&s.interval))?;
        check_duration(self, "spec.timeout", s.timeout.as_deref())?;
        for (field, t) in [
            (
                "spec.install.timeout",
                s.install.as_ref().and_then(|i| i.timeout.as_deref()),
            ),
            (
                "spec.upgrade.timeout",
                s.upgrade.as_ref().and_then(|u| u.timeout.as_deref()),
            ),
            (
                "spec.uninstall.timeout",
                s.uninstall.as_ref().and_then(|u| u.timeout.as_deref()),
            ),
        ] {
            check_duration(self, field, t)?;
        }
        match (&s.chart, &s.chart_ref) {
            (Some(_), Some(_)) | (None, None) => {
                return Err(invalid(
                    self,
                    "spec.chartRef",
                    "either chart or chartRef must be set",
                ));
            }
            _ => {}
        }
        if let Some(r) = &s.chart_ref {
            let kinds = ["OCIRepository", "HelmChart", "ExternalArtifact"];
            if !kinds.contains(&r.kind.as_str()) {
                return Err(invalid(
                    self,
                    "spec.chartRef.kind",
                    format!(
                        "unsupported value {:?}: expected one of {}",
                        r.kind,
                        kinds.join(", ")
                    ),
                ));
            }
        }
        for (i, v) in s.values_from.iter().flatten().enumerate() {
            if !["ConfigMap", "Secret"].contains(&v.kind.as_str()) {
                return Err(invalid(
                    self,
                    &format!("spec.valuesFrom[{i}].kind"),
                    format!("unsupported value {:?}: expected ConfigMap or Secret", v.kind),
                ));
            }
        }
        if let Some(n) = &s.release_name
            && (n.is_empty() || n.len() > 53)
        {
            return Err(invalid(self, "spec.releaseName", "must be 1 to 53 characters"));
        }
        Ok(())
    }
}

impl FluxObject for Kustomization {
    fn validate(&self) -> Result<()> {
        let s = &self.spec;
        check_duration(self, "spec.interval", Some(&s.interval))?;
        check_duration(self, "spec.retryInterval", s.retry_interval.as_deref())?;
        check_duration(self, "spec.timeout", s.timeout.as_deref())?;
        let kinds = ["OCIRepository", "GitRepository", "Bucket", "ExternalArtifact"];
        if !kinds.contains(&s.source_ref.kind.as_str()) {
            return Err(invalid(
                self,
                "spec.sourceRef.kind",
                format!(
                    "unsupported value {:?}: expected one of {}",
                    s.source_ref.kind,
                    kinds.join(", ")
                ),
            ));
        }
        if let Some(p) = &s.deletion_policy {
            let ok = ["MirrorPrune", "Delete", "WaitForTermination", "Orphan"];
            if !ok.contains(&p.as_str()) {
                return Err(invalid(
                    self,
                    "spec.deletionPolicy",
                    format!("unsupported value {p:?}: expected one of {}", ok.join(", ")),
                ));
            }
        }
        if let Some(path) = &s.path
            && (path.starts_with('/') || path.split('/').any(|c| c == ".."))
        {
            return Err(invalid(
                self,
                "spec.path",
                format!("{path:?} must be relative to the source root and must not contain '..'"),
            ));
        }
        Ok(())
    }
}

/// The CRDs flux-rs installs, generated from the types above, with the labels upstream puts
/// on its CRDs so `check` and `uninstall` find them.
pub fn crds(namespace: &str, version: &str) -> Vec<CustomResourceDefinition> {
    let mut out = vec![
        with_labels(GitRepository::crd(), namespace, version, "source-controller"),
        with_labels(Kustomization::crd(), namespace, version, "kustomize-controller"),
        with_labels(Provider::crd(), namespace, version, "notification-controller"),
        with_labels(Alert::crd(), namespace, version, "notification-controller"),
        with_labels(Receiver::crd(), namespace, version, "notification-controller"),
        with_labels(OCIRepository::crd(), namespace, version, "source-controller"),
        with_labels(HelmRepository::crd(), namespace, version, "source-controller"),
        with_labels(HelmRelease::crd(), namespace, version, "helm-controller"),
        with_labels(HelmChart::crd(), namespace, version, "source-controller"),
    ];
    for crd in &mut out {
        crd.metadata.annotations = Some(std::collections::BTreeMap::from([(
            "flux-rs.io/generated-by".to_string(),
            format!("flux-rs {version}"),
        )]));
    }
    out
}

fn with_labels(
    mut crd: CustomResourceDefinition,
    namespace: &str,
    version: &str,
    component: &str,
) -> CustomResourceDefinition {
    let mut labels = meta::component_labels(namespace, version);
    labels.insert(meta::COMPONENT_LABEL.to_string(), component.to_string());
    crd.metadata.labels = Some(labels);
    crd
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn kustomization_errors_name_the_field() {
        let bad = json!({
            "apiVersion": "kustomize.toolkit.fluxcd.io/v1", "kind": "Kustomization",
            "metadata": {"name": "apps", "namespace": "flux-system"},
            "spec": {"interval": "5x", "prune": true, "sourceRef": {"kind": "GitRepository", "name": "r"}}
        });
        let e = Kustomization::parse(bad).unwrap_err().to_string();
        assert!(
            e.starts_with("Kustomization/flux-system/apps: spec.interval: invalid duration"),
            "{e}"
        );

        let missing = json!({
            "apiVersion": "kustomize.toolkit.fluxcd.io/v1", "kind": "Kustomization",
            "metadata": {"name": "apps"},
            "spec": {"interval": "5m", "sourceRef": {"kind": "GitRepository", "name": "r"}}
        });
        let e = Kustomization::parse(missing).unwrap_err().to_string();
        assert!(e.contains("apps: spec: missing field `prune`"), "{e}");

        let wrong_type = json!({
            "apiVersion": "kustomize.toolkit.fluxcd.io/v1", "kind": "Kustomization",
            "metadata": {"name": "apps"},
            "spec": {"interval": "5m", "prune": "yes", "sourceRef": {"kind": "GitRepository", "name": "r"}}
        });
        let e = Kustomization::parse(wrong_type).unwrap_err().to_string();
        assert!(
            e.contains("spec.prune: invalid type: string \"yes\", expected a boolean"),
            "{e}"
        );

        let bad_kind = json!({
            "apiVersion": "kustomize.toolkit.fluxcd.io/v1", "kind": "Kustomization",
            "metadata": {"name": "apps"},
            "spec": {"interval": "5m", "prune": true, "sourceRef": {"kind": "Git", "name": "r"}}
        });
        let e = Kustomization::parse(bad_kind).unwrap_err().to_string();
        assert!(
            e.contains("spec.sourceRef.kind: unsupported value \"Git\""),
            "{e}"
        );

        let escaping = json!({
            "apiVersion": "kustomize.toolkit.fluxcd.io/v1", "kind": "Kustomization",
            "metadata": {"name": "apps"},
            "spec": {"interval": "5m", "prune": true, "path": "../x", "sourceRef": {"kind": "GitRepository", "name": "r"}}
        });
        let e = Kustomization::parse(escaping).unwrap_err().to_string();
        assert!(e.contains("spec.path"), "{e}");
    }

    #[test]
    fn git_repository_errors_name_the_field() {
        let bad = json!({
            "apiVersion": "source.toolkit.fluxcd.io/v1", "kind": "GitRepository",
            "metadata": {"name": "repo", "namespace": "ns"},
            "spec": {"interval": "1m", "url": "ftp://example.com/repo", "timeout": "2m"}
        });
        let e = GitRepository::parse(bad).unwrap_err().to_string();
        assert_eq!(
            e,
            "GitRepository/ns/repo: spec.url: unsupported URL \"ftp://example.com/repo\": expected http(s)://, ssh:// or file://"
        );
        let bad_ref = json!({
            "apiVersion": "source.toolkit.fluxcd.io/v1", "kind": "GitRepository",
            "metadata": {"name": "repo"},
            "spec": {"interval": "1m", "url": "https://x", "ref": {"branch": 3}}
        });
        let e = GitRepository::parse(bad_ref).unwrap_err().to_string();
        assert!(e.contains("spec.ref.branch: invalid type: integer `3`"), "{e}");
    }

    #[test]
    fn upstream_style_manifests_round_trip_without_losing_a_field() {
        let fixtures = [
            include_str!("../../tests/fixtures/api/gitrepository.yaml"),
            include_str!("../../tests/fixtures/api/kustomization.yaml"),
        ];
        for text in fixtures {
            let input = crate::yaml::from_str_json(text).unwrap().remove(0);
            let back = match input["kind"].as_str().unwrap() {
                "GitRepository" => {
                    serde_json::to_value(GitRepository::parse(input.clone()).unwrap()).unwrap()
                }
                _ => serde_json::to_value(Kustomization::parse(input.clone()).unwrap()).unwrap(),
            };
            assert_eq!(back, input, "{}", input["kind"]);
        }
    }

    #[test]
    fn crds_carry_names_columns_and_labels() {
        let crds = crds("flux-system", "0.1.0");
        let git = &crds[0];
        assert_eq!(
            git.metadata.name.as_deref(),
            Some("gitrepositories.source.toolkit.fluxcd.io")
        );
        assert_eq!(
            git.spec.names.short_names.as_deref(),
            Some(&["gitrepo".to_string()][..])
        );
        let v = &git.spec.versions[0];
        assert!(v.subresources.as_ref().and_then(|s| s.status.as_ref()).is_some());
        let cols: Vec<_> = v
            .additional_printer_columns
            .as_ref()
            .unwrap()
            .iter()
            .map(|c| c.name.as_str())
            .collect();
        assert_eq!(cols, ["URL", "Age", "Ready", "Status"]);
        let ks = &crds[1];
        assert_eq!(
            ks.metadata.name.as_deref(),
            Some("kustomizations.kustomize.toolkit.fluxcd.io")
        );
        assert_eq!(
            ks.spec.names.short_names.as_deref(),
            Some(&["ks".to_string()][..])
        );
        assert_eq!(
            ks.metadata.labels.as_ref().unwrap()["app.kubernetes.io/part-of"],
            "flux"
        );
    }
}
