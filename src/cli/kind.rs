//! The kinds a verb applies to, as arguments: `kustomization|ks …` and `source git …`.
//! Generic over the verb's own arguments, so `suspend`, `resume`, `export`, `delete` (and
//! later `reconcile`) share one definition and one mapping to [`FluxKind`].

use clap::{Args, Subcommand};

use crate::ops::FluxKind;

/// `kustomization|ks ARGS` or `source git ARGS`.
// `about` instead of doc comments on the variants: a doc comment would reset the
// `long_about` each verb's arguments carry.
#[derive(Debug, Clone, Subcommand)]
#[allow(missing_docs)]
pub enum KindArg<A: Args> {
    #[command(visible_alias = "ks", about = "Kustomizations (kustomize.toolkit.fluxcd.io)")]
    Kustomization(A),
    #[command(visible_alias = "hr", about = "HelmReleases (helm.toolkit.fluxcd.io)")]
    Helmrelease(A),
    #[command(subcommand, about = "Sources (source.toolkit.fluxcd.io)")]
    Source(SourceKindArg<A>),
    #[command(about = "Alerts (notification.toolkit.fluxcd.io)")]
    Alert(A),
    #[command(about = "Providers of alerts (notification.toolkit.fluxcd.io)")]
    AlertProvider(A),
    #[command(about = "Receivers of webhooks (notification.toolkit.fluxcd.io)")]
    Receiver(A),
}

/// `source git ARGS`.
#[derive(Debug, Clone, Subcommand)]
#[allow(missing_docs)]
pub enum SourceKindArg<A: Args> {
    #[command(about = "GitRepositories (source.toolkit.fluxcd.io)")]
    Git(A),
    #[command(about = "OCIRepositories (source.toolkit.fluxcd.io)")]
    Oci(A),
    #[command(about = "HelmRepositories (source.toolkit.fluxcd.io)")]
    Helm(A),
    #[command(about = "HelmCharts (source.toolkit.fluxcd.io)")]
    Chart(A),
}

impl<A: Args> KindArg<A> {
    /// The kind.
    pub fn kind(&self) -> FluxKind {
        match self {
            KindArg::Kustomization(_) => FluxKind::Kustomization,
            KindArg::Helmrelease(_) => FluxKind::HelmRelease,
            KindArg::Source(SourceKindArg::Git(_)) => FluxKind::GitRepository,
            KindArg::Alert(_) => FluxKind::Alert,
            KindArg::AlertProvider(_) => FluxKind::Provider,
            KindArg::Receiver(_) => FluxKind::Receiver,
            KindArg::Source(SourceKindArg::Oci(_)) => FluxKind::OciRepository,
            KindArg::Source(SourceKindArg::Helm(_)) => FluxKind::HelmRepository,
            KindArg::Source(SourceKindArg::Chart(_)) => FluxKind::HelmChart,
        }
    }

    /// The verb's arguments.
    pub fn args(&self) -> &A {
        match self {
            KindArg::Kustomization(a)
            | KindArg::Helmrelease(a)
            | KindArg::Source(
                SourceKindArg::Git(a)
                | SourceKindArg::Oci(a)
                | SourceKindArg::Helm(a)
                | SourceKindArg::Chart(a),
            )
            | KindArg::Alert(a)
            | KindArg::AlertProvider(a)
            | KindArg::Receiver(a) => a,
        }
    }

    /// The kind and the verb's arguments.
    pub fn into_parts(self) -> (FluxKind, A) {
        let kind = self.kind();
        match self {
            KindArg::Kustomization(a)
            | KindArg::Helmrelease(a)
            | KindArg::Source(
                SourceKindArg::Git(a)
                | SourceKindArg::Oci(a)
                | SourceKindArg::Helm(a)
                | SourceKindArg::Chart(a),
            )
            | KindArg::Alert(a)
            | KindArg::AlertProvider(a)
            | KindArg::Receiver(a) => (kind, a),
        }
    }
}

/// The names a command acts on: given ones (duplicates dropped, order kept) or, with
/// `--all`, none (the caller lists the namespace).
pub fn validate_targets(kind: FluxKind, names: &[String], all: bool) -> anyhow::Result<Vec<String>> {
    match (names.is_empty(), all) {
        (true, false) => {
            return Err(super::usage_error(format!(
                "{kind} name is required (or --all for every {kind} in the namespace)"
            )));
        }
        (false, true) => {
            return Err(super::usage_error(format!(
                "give {kind} names or --all, not both"
            )));
        }
        _ => {}
    }
    let mut out: Vec<String> = Vec::new();
    for n in names {
        if !out.contains(n) {
            out.push(n.clone());
        }
    }
    Ok(out)
}

/// `"<ns>"` or `any` — how flux names the namespace searched in messages.
pub fn namespace_phrase(namespace: Option<&str>) -> String {
    match namespace {
        Some(ns) => format!("{ns:?} namespace"),
        None => "any namespace".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_names_or_all() {
        let names = vec!["a".to_string(), "b".into(), "a".into()];
        assert_eq!(
            validate_targets(FluxKind::Kustomization, &names, false).unwrap(),
            ["a", "b"]
        );
        assert!(
            validate_targets(FluxKind::Kustomization, &[], true)
                .unwrap()
                .is_empty()
        );
        let e = validate_targets(FluxKind::GitRepository, &[], false)
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "GitRepository name is required (or --all for every GitRepository in the namespace)"
        );
        assert!(validate_targets(FluxKind::Kustomization, &names, true).is_err());
        assert_eq!(namespace_phrase(Some("flux-system")), "\"flux-system\" namespace");
        assert_eq!(namespace_phrase(None), "any namespace");
    }
}
