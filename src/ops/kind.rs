//! The Flux kinds the day-2 operations know: their groups, the versions to look for (newest
//! first), their plural names, and where each keeps its revision. Write operations (suspend,
//! resume, export, delete) are offered for every kind; flux-rs's own controller reconciles
//! [`FluxKind::GitRepository`] and [`FluxKind::Kustomization`], the others are read from
//! clusters that run upstream Flux.

use std::fmt;

use serde_json::Value;

use crate::api::kustomize::KUSTOMIZE_API_GROUP;
use crate::api::notification::NOTIFICATION_GROUP;
use crate::api::source::SOURCE_GROUP;

/// API group of HelmRelease.
pub const HELM_GROUP: &str = "helm.toolkit.fluxcd.io";

/// A Flux kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FluxKind {
    /// `source.toolkit.fluxcd.io` OCIRepository.
    OciRepository,
    /// `source.toolkit.fluxcd.io` Bucket.
    Bucket,
    /// `source.toolkit.fluxcd.io` GitRepository.
    GitRepository,
    /// `source.toolkit.fluxcd.io` HelmRepository.
    HelmRepository,
    /// `source.toolkit.fluxcd.io` HelmChart.
    HelmChart,
    /// `helm.toolkit.fluxcd.io` HelmRelease.
    HelmRelease,
    /// `kustomize.toolkit.fluxcd.io` Kustomization.
    Kustomization,
    /// `notification.toolkit.fluxcd.io` Receiver.
    Receiver,
    /// `notification.toolkit.fluxcd.io` Provider.
    Provider,
    /// `notification.toolkit.fluxcd.io` Alert.
    Alert,
}

impl FluxKind {
    /// The source kinds, in the order `get sources all` lists them (as upstream does).
    pub const SOURCES: [FluxKind; 5] = [
        FluxKind::OciRepository,
        FluxKind::Bucket,
        FluxKind::GitRepository,
        FluxKind::HelmRepository,
        FluxKind::HelmChart,
    ];

    /// Every kind, in the order `get all` and `stats` list them: sources, then appliers.
    pub const ALL: [FluxKind; 7] = [
        FluxKind::OciRepository,
        FluxKind::Bucket,
        FluxKind::GitRepository,
        FluxKind::HelmRepository,
        FluxKind::HelmChart,
        FluxKind::HelmRelease,
        FluxKind::Kustomization,
    ];

    /// The notification kinds, in the order `get all` lists them after the others (as
    /// upstream does).
    pub const NOTIFICATION: [FluxKind; 3] = [FluxKind::Receiver, FluxKind::Provider, FluxKind::Alert];

    /// The kind's name as the API spells it (`GitRepository`).
    pub fn kind(self) -> &'static str {
        match self {
            FluxKind::OciRepository => "OCIRepository",
            FluxKind::Bucket => "Bucket",
            FluxKind::GitRepository => "GitRepository",
            FluxKind::HelmRepository => "HelmRepository",
            FluxKind::HelmChart => "HelmChart",
            FluxKind::HelmRelease => "HelmRelease",
            FluxKind::Kustomization => "Kustomization",
            FluxKind::Receiver => "Receiver",
            FluxKind::Provider => "Provider",
            FluxKind::Alert => "Alert",
        }
    }

    /// The API group.
    pub fn group(self) -> &'static str {
        match self {
            FluxKind::HelmRelease => HELM_GROUP,
            FluxKind::Kustomization => KUSTOMIZE_API_GROUP,
            FluxKind::Receiver | FluxKind::Provider | FluxKind::Alert => NOTIFICATION_GROUP,
            _ => SOURCE_GROUP,
        }
    }

    /// Versions to look for, newest first: the first one the server serves is used.
    pub fn versions(self) -> &'static [&'static str] {
        match self {
            FluxKind::HelmRelease => &["v2", "v2beta2", "v2beta1"],
            FluxKind::Kustomization | FluxKind::GitRepository => &["v1", "v1beta2"],
            FluxKind::Receiver => &["v1", "v1beta2"],
            FluxKind::Provider | FluxKind::Alert => &["v1beta3", "v1beta2"],
            _ => &["v1", "v1beta2"],
        }
    }

    /// The resource's plural name (`gitrepositories`).
    pub fn plural(self) -> &'static str {
        match self {
            FluxKind::OciRepository => "ocirepositories",
            FluxKind::Bucket => "buckets",
            FluxKind::GitRepository => "gitrepositories",
            FluxKind::HelmRepository => "helmrepositories",
            FluxKind::HelmChart => "helmcharts",
            FluxKind::HelmRelease => "helmreleases",
            FluxKind::Kustomization => "kustomizations",
            FluxKind::Receiver => "receivers",
            FluxKind::Provider => "providers",
            FluxKind::Alert => "alerts",
        }
    }

    /// Whether the kind is a source (its revision is the artifact's).
    pub fn is_source(self) -> bool {
        self.group() == SOURCE_GROUP
    }

    /// Finds a kind by name, plural or short name, ignoring case (`ks`, `gitrepository`,
    /// `GitRepositories`, `hr`).
    pub fn parse(name: &str) -> Option<FluxKind> {
        let n = name.to_ascii_lowercase();
        FluxKind::ALL.into_iter().chain(FluxKind::NOTIFICATION).find(|k| {
            let short = match k {
                FluxKind::Kustomization => Some("ks"),
                FluxKind::HelmRelease => Some("hr"),
                FluxKind::GitRepository => Some("gitrepo"),
                FluxKind::OciRepository => Some("ocirepo"),
                FluxKind::HelmRepository => Some("helmrepo"),
                FluxKind::HelmChart => Some("hc"),
                FluxKind::Provider => Some("alert-provider"),
                _ => None,
            };
            n == k.kind().to_ascii_lowercase() || n == k.plural() || short == Some(n.as_str())
        })
    }

    /// The revision an object of this kind reports: the artifact's for sources,
    /// `lastAppliedRevision` for Kustomizations, `lastAttemptedRevision` for HelmReleases.
    pub fn revision(self, obj: &Value) -> Option<String> {
        let status = &obj["status"];
        let v = match self {
            FluxKind::Kustomization => &status["lastAppliedRevision"],
            FluxKind::HelmRelease => &status["lastAttemptedRevision"],
            _ => &status["artifact"]["revision"],
        };
        v.as_str().filter(|s| !s.is_empty()).map(str::to_string)
    }

    /// What a successful reconciliation is called in a report (`applied revision`,
    /// `fetched revision`).
    pub fn revision_verb(self) -> &'static str {
        if self.is_source() {
            "fetched revision"
        } else {
            "applied revision"
        }
    }
}

impl fmt::Display for FluxKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.kind())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn kinds_parse_by_any_name() {
        assert_eq!(FluxKind::parse("ks"), Some(FluxKind::Kustomization));
        assert_eq!(FluxKind::parse("Kustomization"), Some(FluxKind::Kustomization));
        assert_eq!(FluxKind::parse("gitrepositories"), Some(FluxKind::GitRepository));
        assert_eq!(FluxKind::parse("GITREPOSITORY"), Some(FluxKind::GitRepository));
        assert_eq!(FluxKind::parse("hr"), Some(FluxKind::HelmRelease));
        assert_eq!(FluxKind::parse("deployment"), None);
    }

    #[test]
    fn revisions_come_from_the_kind_specific_field() {
        let git = json!({"status": {"artifact": {"revision": "main@sha1:abc"}}});
        assert_eq!(
            FluxKind::GitRepository.revision(&git).as_deref(),
            Some("main@sha1:abc")
        );
        let ks = json!({"status": {"lastAppliedRevision": "v1@sha1:def", "lastAttemptedRevision": "x"}});
        assert_eq!(
            FluxKind::Kustomization.revision(&ks).as_deref(),
            Some("v1@sha1:def")
        );
        assert_eq!(FluxKind::Kustomization.revision(&json!({})), None);
        assert_eq!(FluxKind::GitRepository.revision_verb(), "fetched revision");
        assert_eq!(FluxKind::Kustomization.revision_verb(), "applied revision");
    }
}
