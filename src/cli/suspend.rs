//! `flux-rs suspend` and `flux-rs resume`: set or clear `spec.suspend` (a merge patch that
//! changes nothing else) on one or several objects or `--all` in the namespace; `resume`
//! then waits for them to be reconciled at their new generation, concurrently, and exits
//! non-zero when any fails.

use std::time::Duration;

use clap::Args;
use futures::StreamExt;
use futures::stream::FuturesUnordered;

use super::kind::{KindArg, namespace_phrase, validate_targets};
use super::reconcile_kustomization::{self as reconcile, Mode, ModeArgs};
use super::{CliContext, ExitError};
use crate::ops::{self, FluxClient, FluxKind, FluxStatus, ListOptions, WaitOptions};

const SUSPEND_HELP: &str = "\
Examples:
  # Stop reconciling a Kustomization
  flux-rs suspend kustomization apps

  # Several at once, in another namespace
  flux-rs suspend ks apps infra -n team-a

  # Every GitRepository in the namespace
  flux-rs suspend source git --all";

const RESUME_HELP: &str = "\
Examples:
  # Resume a Kustomization and wait for it to be reconciled
  flux-rs resume kustomization apps

  # Resume several and wait for all of them (concurrently)
  flux-rs resume ks apps infra --wait

  # Resume every GitRepository without waiting
  flux-rs resume source git --all

  # Reconcile in this process even when a controller runs
  flux-rs resume ks apps --local

Exit codes:
  0  every object was resumed (and reconciled, when waiting)
  1  an object was not found, could not be patched, failed to reconcile or was not
     reconciled before --timeout
  2  a usage error: unknown command or flag, a missing or invalid argument";

/// `suspend` and its kinds.
#[derive(Debug, Args)]
#[command(
    long_about = "Suspend the reconciliation of Flux objects: sets spec.suspend to true and changes \
        nothing else. The controller leaves suspended objects alone until they are resumed.",
    after_help = SUSPEND_HELP
)]
pub struct SuspendCommand {
    /// The kind.
    #[command(subcommand)]
    pub kind: KindArg<SuspendArgs>,
}

/// Arguments of `suspend <kind>`.
#[derive(Debug, Clone, Args)]
#[command(
    long_about = "Suspend the reconciliation of the named objects (or of every object of the kind in \
        the namespace with --all): sets spec.suspend to true and changes nothing else. An object that \
        does not exist is reported and makes the command exit 1; the others are still suspended.",
    after_help = SUSPEND_HELP
)]
pub struct SuspendArgs {
    /// Names of the objects.
    pub names: Vec<String>,
    /// Every object of the kind in the namespace.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub all: bool,
}

/// `resume` and its kinds.
#[derive(Debug, Args)]
#[command(
    long_about = "Resume the reconciliation of suspended Flux objects and wait until they are \
        reconciled (Ready at their new generation).",
    after_help = RESUME_HELP
)]
pub struct ResumeCommand {
    /// The kind.
    #[command(subcommand)]
    pub kind: KindArg<ResumeArgs>,
}

/// Arguments of `resume <kind>`.
#[derive(Debug, Clone, Args)]
#[command(
    long_about = "Resume the named objects (or every object of the kind in the namespace with --all): \
        removes spec.suspend and changes nothing else. With one name, or with --wait, the command then \
        waits — for several objects concurrently — until each is Ready at its new generation, printing \
        the revision it applied or fetched. When no controller runs (detected as reconcile kustomization \
        detects it; --local and --controller force either way), the objects are reconciled in this \
        process instead, one after the other. It exits 1 when any object is missing, fails to \
        reconcile, or is not reconciled within --timeout.",
    after_help = RESUME_HELP
)]
pub struct ResumeArgs {
    /// Names of the objects.
    pub names: Vec<String>,
    /// Every object of the kind in the namespace.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub all: bool,
    /// Wait for the objects to be reconciled (default: only when one name is given).
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          action = clap::ArgAction::Set)]
    pub wait: Option<bool>,
    /// Who reconciles when waiting: the controller when one runs, else this process.
    #[command(flatten)]
    pub mode: ModeArgs,
}

impl ResumeCommand {
    /// `resume` waits up to `--timeout` itself and reports what was not ready.
    pub fn manages_timeout(&self) -> bool {
        true
    }
}

/// The names to act on: the given ones, or every object with `--all`.
async fn targets(
    ctx: &CliContext,
    flux: &FluxClient,
    kind: FluxKind,
    names: &[String],
    all: bool,
) -> anyhow::Result<Vec<String>> {
    let names = validate_targets(kind, names, all)?;
    if !all {
        return Ok(names);
    }
    let opts = ListOptions {
        namespace: Some(ctx.namespace().to_string()),
        ..Default::default()
    };
    let objects = flux
        .list(kind, &opts)
        .await?
        .ok_or(ops::Error::NotServed { kind })?;
    if objects.is_empty() {
        anyhow::bail!(
            "no {kind} objects found in {}",
            namespace_phrase(Some(ctx.namespace()))
        );
    }
    Ok(objects.iter().map(|o| o.name().to_string()).collect())
}

fn report_patch_error(ctx: &CliContext, kind: FluxKind, name: &str, e: &ops::Error) {
    match e {
        ops::Error::NotFound { .. } => ctx.printer.failure(format!(
            "{kind} '{name}' not found in {}",
            namespace_phrase(Some(ctx.namespace()))
        )),
        other => ctx.printer.failure(other.to_string()),
    }
}

fn failed(kind: FluxKind, failures: usize, total: usize, verb: &str) -> anyhow::Error {
    ExitError::new(
        1,
        format!("{failures} of {total} {kind} object(s) could not be {verb}"),
    )
    .into()
}

/// Runs `suspend`.
pub async fn run_suspend(ctx: &CliContext, cmd: SuspendCommand) -> anyhow::Result<()> {
    let (kind, args) = cmd.kind.into_parts();
    // A usage error is reported before any connection is made.
    validate_targets(kind, &args.names, args.all)?;
    let flux = ctx.flux().await?;
    let names = targets(ctx, &flux, kind, &args.names, args.all).await?;
    let ns = ctx.namespace();
    let mut failures = 0;
    for name in &names {
        ctx.printer
            .action(format!("suspending {kind} {name} in {ns} namespace"));
        match flux.set_suspended(kind, ns, name, true).await {
            Ok(_) => ctx.printer.success(format!("{kind} suspended")),
            Err(e) => {
                report_patch_error(ctx, kind, name, &e);
                failures += 1;
            }
        }
    }
    if failures > 0 {
        return Err(failed(kind, failures, names.len(), "suspended"));
    }
    Ok(())
}

/// Runs `resume`.
pub async fn run_resume(ctx: &CliContext, cmd: ResumeCommand) -> anyhow::Result<()> {
    let (kind, args) = cmd.kind.into_parts();
    // A usage error is reported before any connection is made.
    validate_targets(kind, &args.names, args.all)?;
    let flux = ctx.flux().await?;
    let names = targets(ctx, &flux, kind, &args.names, args.all).await?;
    let ns = ctx.namespace();
    let mut failures = 0;
    let mut resumed = Vec::new();
    for name in &names {
        ctx.printer
            .action(format!("resuming {kind} {name} in {ns} namespace"));
        match flux.set_suspended(kind, ns, name, false).await {
            Ok(_) => {
                ctx.printer.success(format!("{kind} resumed"));
                resumed.push(name.clone());
            }
            Err(e) => {
                report_patch_error(ctx, kind, name, &e);
                failures += 1;
            }
        }
    }
    // Alerts and Providers (`v1beta3`) have no status to wait for.
    let has_status = !matches!(kind, FluxKind::Alert | FluxKind::Provider);
    let wait = has_status && args.wait.unwrap_or(names.len() == 1 && !args.all);
    let mode = if wait && !resumed.is_empty() && kind == FluxKind::HelmRelease {
        super::helmrelease::mode(&ctx.client().await?, ns, args.mode).await?
    } else if wait && !resumed.is_empty() {
        reconcile::mode(&ctx.client().await?, ns, args.mode).await?
    } else {
        Mode::Controller
    };
    if wait && !resumed.is_empty() && mode == Mode::Local {
        // No controller: reconcile here, one after the other (Kustomizations in dependsOn
        // order, so a dependency is ready before its dependents), within --timeout.
        let deadline = tokio::time::Instant::now() + ctx.global.timeout;
        let resumed = if kind == FluxKind::Kustomization {
            dependency_ordered(&flux, ns, resumed).await
        } else {
            resumed
        };
        for name in &resumed {
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            match tokio::time::timeout(left, reconcile_here(ctx, &flux, kind, name)).await {
                Ok(Ok(())) => ctx
                    .printer
                    .success(format!("{kind} {name} reconciliation completed")),
                Ok(Err(e)) => {
                    ctx.printer
                        .failure(format!("{kind} {name}: {}", super::output::message(&e)));
                    failures += 1;
                }
                Err(_) => {
                    ctx.printer.failure(format!(
                        "{kind} {name} was not reconciled within {}",
                        crate::duration::format(ctx.global.timeout)
                    ));
                    failures += 1;
                }
            }
        }
    } else if wait && !resumed.is_empty() {
        if resumed.len() == 1 {
            ctx.printer.waiting(format!("waiting for {kind} reconciliation"));
        } else {
            ctx.printer.waiting(format!(
                "waiting for {} {kind} objects to be reconciled",
                resumed.len()
            ));
        }
        let opts = WaitOptions {
            timeout: ctx.global.timeout,
            poll_interval: Duration::from_secs(1),
        };
        let mut waits: FuturesUnordered<_> = resumed
            .iter()
            .map(|name| {
                let flux = flux.clone();
                async move {
                    let wait = flux.wait_ready(kind, ns, name, opts);
                    (
                        name,
                        reconcile::while_waiting(ctx, &flux, kind, ns, name, wait).await,
                    )
                }
            })
            .collect();
        let mut pending = resumed.len();
        let progress = ctx.printer.spinner(format!("{pending} {kind} object(s) pending"));
        while let Some((name, outcome)) = waits.next().await {
            pending -= 1;
            progress.set_message(format!("{pending} {kind} object(s) pending"));
            progress.suspend(|| match outcome {
                Ok(obj) => {
                    ctx.printer
                        .success(format!("{kind} {name} reconciliation completed"));
                    if let Some(rev) = obj.revision() {
                        ctx.printer.success(format!("{} {rev}", kind.revision_verb()));
                    }
                }
                Err(ops::Error::Failed { message, .. }) => {
                    ctx.printer
                        .failure(format!("{kind} {name} reconciliation failed: {message}"));
                    failures += 1;
                }
                Err(e) => {
                    report_patch_error(ctx, kind, name, &e);
                    failures += 1;
                }
            });
        }
        drop(progress);
    }
    if failures > 0 {
        return Err(failed(kind, failures, names.len(), "resumed"));
    }
    Ok(())
}

/// Reconciles a resumed object in this process: a Kustomization with the reconcile engine
/// (ending with `✔ applied revision`), a GitRepository or OCIRepository with the source engine.
async fn reconcile_here(
    ctx: &CliContext,
    flux: &FluxClient,
    kind: FluxKind,
    name: &str,
) -> anyhow::Result<()> {
    let ns = ctx.namespace();
    match kind {
        FluxKind::Kustomization => {
            let ks: crate::api::Kustomization = flux.get_typed(ns, name).await?;
            let provider = reconcile::source_provider(ctx).await?;
            reconcile::run_local(ctx, &ks, provider).await
        }
        FluxKind::GitRepository => {
            let repo: crate::api::GitRepository = flux.get_typed(ns, name).await?;
            let revision = super::reconcile_source::fetch(ctx, &repo).await?;
            ctx.printer.success(format!("fetched revision {revision}"));
            Ok(())
        }
        FluxKind::Receiver => {
            let r: crate::api::Receiver = flux.get_typed(ns, name).await?;
            super::notification::reconcile_here(ctx, &r).await
        }
        FluxKind::HelmRepository => {
            let repo: crate::api::HelmRepository = flux.get_typed(ns, name).await?;
            let revision = super::helm_source::fetch(ctx, &repo).await?;
            ctx.printer.success(format!("fetched revision {revision}"));
            Ok(())
        }
        FluxKind::HelmChart => {
            let hc: crate::api::HelmChart = flux.get_typed(ns, name).await?;
            let revision = super::chart_source::fetch(ctx, &hc).await?;
            ctx.printer.success(format!("fetched revision {revision}"));
            Ok(())
        }
        FluxKind::OciRepository => {
            let repo: crate::api::OCIRepository = flux.get_typed(ns, name).await?;
            let revision = super::oci_source::fetch(ctx, &repo).await?;
            ctx.printer.success(format!("fetched revision {revision}"));
            Ok(())
        }
        FluxKind::HelmRelease => {
            let hr: crate::api::HelmRelease = flux.get_typed(ns, name).await?;
            super::helmrelease::run_local(ctx, &hr).await
        }
        other => anyhow::bail!("{other} objects are not reconciled by flux-rs"),
    }
}

/// Kustomization names in `dependsOn` order ([`crate::engine::nested::dependency_order`]);
/// names that cannot be read keep their place at the end.
async fn dependency_ordered(flux: &FluxClient, ns: &str, names: Vec<String>) -> Vec<String> {
    let mut typed = Vec::new();
    let mut unread = Vec::new();
    for name in names {
        match flux.get_typed::<crate::api::Kustomization>(ns, &name).await {
            Ok(ks) => typed.push(ks),
            Err(_) => unread.push(name),
        }
    }
    crate::engine::nested::dependency_order(typed)
        .into_iter()
        .filter_map(|k| k.metadata.name)
        .chain(unread)
        .collect()
}
