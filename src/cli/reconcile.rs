//! `flux-rs reconcile …`: reconcile Flux objects now. One module per kind:
//! [`super::reconcile_kustomization`] (`kustomization|ks`), [`super::reconcile_source`]
//! (`source git`).

use clap::{Args, Subcommand};

use super::CliContext;
use super::{reconcile_kustomization, reconcile_source};

/// Examples shown by `reconcile --help` and its kinds.
pub(crate) const RECONCILE_HELP: &str = "\
Examples:
  # Reconcile a Kustomization (through the controller when one runs, else in this process)
  flux-rs reconcile kustomization apps

  # Fetch its GitRepository first, so the newest commit is applied
  flux-rs reconcile ks apps --with-source

  # Fetch the newest revision of a GitRepository and record it in its status
  flux-rs reconcile source git podinfo

  # In another namespace
  flux-rs reconcile source git apps -n team-a";

/// `reconcile` and its kinds.
#[derive(Debug, Args)]
#[command(
    long_about = "Reconcile Flux objects now instead of waiting for their interval.",
    after_help = RECONCILE_HELP
)]
pub struct ReconcileCommand {
    /// The kind.
    #[command(subcommand)]
    pub kind: ReconcileKind,
}

/// The kinds `reconcile` handles.
#[derive(Debug, Subcommand)]
#[allow(missing_docs)]
pub enum ReconcileKind {
    #[command(
        visible_alias = "ks",
        about = "Reconcile a Kustomization (build, apply, prune, health)"
    )]
    Kustomization(reconcile_kustomization::ReconcileKustomizationArgs),
    #[command(
        visible_alias = "hr",
        about = "Reconcile a HelmRelease (render, install or upgrade, wait)"
    )]
    Helmrelease(super::helmrelease::ReconcileHelmReleaseArgs),
    #[command(subcommand, about = "Sources (source.toolkit.fluxcd.io)")]
    Source(ReconcileSource),
    #[command(
        about = "Reconcile a Receiver: compute its webhook path and write its status",
        long_about = "Reconcile a Receiver from this process: read the token of its secretRef, \
            compute the webhook path (/hook/ + sha256 of token, name and namespace), write it in \
            status.webhookPath with Ready, and print it.",
        after_help = "Examples:\n  flux-rs reconcile receiver github\n  flux-rs reconcile receiver hook -n apps"
    )]
    Receiver(super::notification::ReconcileReceiverArgs),
}

/// `reconcile source …`.
#[derive(Debug, Subcommand)]
#[allow(missing_docs)]
pub enum ReconcileSource {
    #[command(about = "Fetch a GitRepository and store its artifact")]
    Git(reconcile_source::ReconcileSourceGitArgs),
    #[command(about = "Pull an OCIRepository and store its artifact")]
    Oci(super::oci_source::ReconcileSourceOciArgs),
    #[command(about = "Fetch a HelmRepository's index and store it")]
    Helm(super::helm_source::ReconcileSourceHelmArgs),
    #[command(about = "Build a HelmChart from its source and store it")]
    Chart(super::chart_source::ReconcileSourceChartArgs),
}

/// Runs `reconcile`.
pub async fn run(ctx: &CliContext, cmd: ReconcileCommand) -> anyhow::Result<()> {
    match cmd.kind {
        ReconcileKind::Kustomization(a) => reconcile_kustomization::run(ctx, a).await,
        ReconcileKind::Helmrelease(a) => super::helmrelease::run_reconcile(ctx, a).await,
        ReconcileKind::Source(ReconcileSource::Git(a)) => reconcile_source::run(ctx, a).await,
        ReconcileKind::Receiver(a) => super::notification::run_reconcile(ctx, a).await,
        ReconcileKind::Source(ReconcileSource::Oci(a)) => super::oci_source::run_reconcile(ctx, a).await,
        ReconcileKind::Source(ReconcileSource::Helm(a)) => super::helm_source::run_reconcile(ctx, a).await,
        ReconcileKind::Source(ReconcileSource::Chart(a)) => super::chart_source::run_reconcile(ctx, a).await,
    }
}
