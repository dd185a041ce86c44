//! `flux-rs reconcile …`: reconcile Flux objects now. One module per kind:
//! [`super::reconcile_kustomization`] (`kustomization|ks`).

use clap::{Args, Subcommand};

use super::CliContext;
use super::reconcile_kustomization;

const RECONCILE_HELP: &str = "\
Examples:
  # Reconcile a Kustomization (through the controller when one runs, else in this process)
  flux-rs reconcile kustomization apps

  # Fetch its GitRepository first, so the newest commit is applied
  flux-rs reconcile ks apps --with-source";

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
}

/// Runs `reconcile`.
pub async fn run(ctx: &CliContext, cmd: ReconcileCommand) -> anyhow::Result<()> {
    match cmd.kind {
        ReconcileKind::Kustomization(a) => reconcile_kustomization::run(ctx, a).await,
    }
}
