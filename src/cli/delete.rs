//! `flux-rs delete`: delete a Flux object after confirmation; for a Kustomization, also the
//! objects in its inventory when its controller's finalizer would (`prune: true` or a
//! `Delete` deletion policy, not suspended), unless `--keep-objects` — saying which.

use std::time::Duration;

use clap::Args;

use super::CliContext;
use super::kind::KindArg;
use super::reconcile_kustomization as reconcile;
use crate::apply::Action;
use crate::cluster::finalizer::FINALIZER;
use crate::ops::delete::{GarbageCollection, InventoryPlan, garbage_collection};
use crate::ops::{FluxClient, FluxKind, LiveObject, WaitOptions, inventory};

/// Why `delete` cannot ask without a terminal, and how to go on.
const NOT_A_TERMINAL: &str =
    "delete asks for confirmation, but stdin is not a terminal: pass -s/--silent to proceed";

const DELETE_HELP: &str = "\
Examples:
  # Delete a Kustomization and, when it prunes, the objects it applied
  flux-rs delete kustomization apps

  # Without a prompt, keeping the applied objects in the cluster
  flux-rs delete ks apps -s --keep-objects

  # Delete a GitRepository
  flux-rs delete source git podinfo -n apps -s";

/// `delete` and its kinds.
#[derive(Debug, Args)]
#[command(
    long_about = "Delete a Flux object. A Kustomization's applied objects (its inventory) are deleted \
        with it when garbage collection applies — spec.prune is true (or spec.deletionPolicy is \
        Delete) and it is not suspended — as kustomize-controller's finalizer does; --keep-objects \
        leaves them in place. A HelmRelease's release is uninstalled (its objects and Helm's release \
        Secrets deleted) by its controller's finalizer, or in this process when no controller runs. \
        Asks for confirmation unless -s/--silent is given; without a terminal, -s/--silent is required.",
    after_help = DELETE_HELP
)]
pub struct DeleteCommand {
    /// The kind.
    #[command(subcommand)]
    pub kind: KindArg<DeleteArgs>,
}

/// Arguments of `delete <kind>`.
#[derive(Debug, Clone, Args)]
#[command(
    long_about = "Delete the named object after confirmation (skip it with -s/--silent; without a \
        terminal -s/--silent is required). For a Kustomization, the output says whether the objects \
        in its inventory are deleted too and lists each one: they are when spec.prune is true (or \
        spec.deletionPolicy is Delete or WaitForTermination) and the Kustomization is not suspended, \
        unless --keep-objects is given. Only objects that still carry the Kustomization's owner labels \
        and do not opt out (kustomize.toolkit.fluxcd.io/prune: disabled) are deleted.",
    after_help = DELETE_HELP
)]
pub struct DeleteArgs {
    /// Name of the object.
    pub name: String,
    /// Do not ask for confirmation.
    #[arg(short = 's', long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub silent: bool,
    /// Kustomizations: leave the objects in the inventory in the cluster.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub keep_objects: bool,
}

/// Runs `delete` within `--timeout`: the deletion itself, then the wait until the object is
/// gone, which names what is left when the time is up.
pub async fn run(ctx: &CliContext, cmd: DeleteCommand) -> anyhow::Result<()> {
    let deadline = ctx.deadline();
    let Ok(deleted) = tokio::time::timeout_at(deadline, delete(ctx, cmd)).await else {
        anyhow::bail!(
            "timed out after {} (raise --timeout)",
            crate::duration::format(ctx.global.timeout)
        );
    };
    let Some((kind, name, controller)) = deleted? else {
        return Ok(());
    };
    finalize(ctx, kind, &name, controller.as_deref(), deadline).await
}

/// Deletes the object (and the inventory it takes with it); returns what [`finalize`]
/// needs, `None` when there is nothing left to do (an aborted prompt returns an error).
async fn delete(
    ctx: &CliContext,
    cmd: DeleteCommand,
) -> anyhow::Result<Option<(FluxKind, String, Option<String>)>> {
    let (kind, args) = cmd.kind.into_parts();
    let p = &ctx.printer;
    if args.keep_objects && kind != FluxKind::Kustomization {
        return Err(super::usage_error(
            "--keep-objects applies to Kustomizations only",
        ));
    }
    if !args.silent && !p.interactive() {
        anyhow::bail!(NOT_A_TERMINAL);
    }
    let flux = ctx.flux().await?;
    let ns = ctx.namespace();
    let name = &args.name;
    let obj = flux.get(kind, ns, name).await?;

    let gc = if kind == FluxKind::Kustomization {
        let entries = inventory::managed_entries(&obj)?;
        let decision = if args.keep_objects {
            None
        } else {
            Some(garbage_collection(&obj))
        };
        Some((entries.len(), decision))
    } else {
        None
    };
    let deletes_objects = matches!(gc, Some((n, Some(GarbageCollection::Delete))) if n > 0);

    if !args.silent {
        let prompt = match gc {
            Some((n, _)) if deletes_objects => {
                format!(
                    "Are you sure you want to delete {kind} {ns}/{name} and the {n} object(s) it applied?"
                )
            }
            _ => format!("Are you sure you want to delete {kind} {ns}/{name}?"),
        };
        let ok = ctx
            .printer
            .confirm(&prompt, NOT_A_TERMINAL)
            .map_err(anyhow::Error::msg)?;
        if !ok {
            anyhow::bail!("aborted");
        }
    }

    // Read what the deletion will remove before the Kustomization (and its inventory) goes.
    let plan = if deletes_objects {
        Some(flux.plan_inventory_deletion(&obj).await?)
    } else {
        None
    };

    let controller = if kind == FluxKind::HelmRelease {
        super::helmrelease::helm_controller(&ctx.client().await?, ns).await?
    } else {
        reconcile::running_controller(&ctx.client().await?, ns).await?
    };
    if kind == FluxKind::HelmRelease && controller.is_none() {
        // No controller runs its finalizer: the release is uninstalled here, as it would.
        super::helmrelease::uninstall(ctx, ns, name).await?;
    }
    p.action(format!("deleting {kind} {name} in {ns} namespace"));
    flux.delete(kind, ns, name).await?;
    p.success(format!("{kind} deleted"));

    if let Some((count, decision)) = gc {
        delete_inventory(ctx, &flux, &obj, count, decision, plan).await?;
    }
    Ok(Some((kind, name.clone(), controller)))
}

/// Deletes (or keeps, saying why) the objects of a Kustomization's inventory.
async fn delete_inventory(
    ctx: &CliContext,
    flux: &FluxClient,
    obj: &LiveObject,
    count: usize,
    decision: Option<GarbageCollection>,
    plan: Option<InventoryPlan>,
) -> anyhow::Result<()> {
    let p = &ctx.printer;
    if count == 0 {
        return Ok(());
    }
    let why = match decision {
        None => "--keep-objects",
        Some(GarbageCollection::KeepPruneDisabled) => "spec.prune is false",
        Some(GarbageCollection::KeepOrphan) => "spec.deletionPolicy is Orphan",
        Some(GarbageCollection::KeepSuspended) => "the Kustomization is suspended",
        Some(GarbageCollection::Delete) => "",
    };
    let Some(plan) = plan else {
        p.action(format!("keeping the {count} object(s) in its inventory ({why})"));
        return Ok(());
    };
    let policy = obj.spec()["deletionPolicy"].as_str();
    let reason = match policy {
        Some(policy @ ("Delete" | "WaitForTermination")) => format!("spec.deletionPolicy is {policy}"),
        _ => "spec.prune is true".to_string(),
    };
    if plan.skipped.is_empty() {
        p.action(format!(
            "deleting the {count} object(s) in its inventory ({reason})"
        ));
    } else {
        p.action(format!(
            "deleting {} of the {count} object(s) in its inventory ({reason})",
            plan.delete.len()
        ));
    }
    for (o, why) in &plan.skipped {
        p.action(format!("{o} skipped: {why}"));
    }
    let changes = flux.delete_objects(&plan.delete).await?;
    for e in &changes.entries {
        match e.action {
            Action::Deleted => p.success(format!("{} deleted", e.object)),
            _ => p.action(format!("{} skipped: already deleted", e.object)),
        }
    }
    if policy == Some("WaitForTermination") {
        let deleted: Vec<_> = changes
            .entries
            .iter()
            .filter(|e| e.action == Action::Deleted)
            .map(|e| e.object.clone())
            .collect();
        if !deleted.is_empty() {
            p.waiting(format!("waiting for {} object(s) to be gone", deleted.len()));
            flux.wait_objects_deleted(&deleted, ctx.global.timeout).await?;
        }
    }
    Ok(())
}

/// The object is gone when the command ends: a finalizer `finalizers.fluxcd.io` left by a
/// controller that no longer runs is removed here (the clean-up it stands for was just done:
/// the inventory above; a GitRepository's artifacts are in that controller's storage, and
/// this machine's cached ones are removed), while a running controller is waited for.
async fn finalize(
    ctx: &CliContext,
    kind: FluxKind,
    name: &str,
    controller: Option<&str>,
    deadline: tokio::time::Instant,
) -> anyhow::Result<()> {
    let p = &ctx.printer;
    let ns = ctx.namespace();
    let flux = ctx.flux().await?;
    let Some(finalizers) = flux.finalizers(kind, ns, name).await? else {
        return Ok(());
    };
    let wait = WaitOptions {
        timeout: deadline.saturating_duration_since(tokio::time::Instant::now()),
        poll_interval: Duration::from_secs(1),
    };
    if let Some(controller) = controller {
        p.waiting(format!(
            "waiting for the controller ({controller}) to finalize {kind} {ns}/{name} (finalizers: {})",
            finalizers.join(", ")
        ));
        reconcile::while_waiting(
            ctx,
            &flux,
            kind,
            ns,
            name,
            flux.wait_deleted(kind, ns, name, wait),
        )
        .await?;
        p.success(format!("{kind} {ns}/{name} is gone"));
        return Ok(());
    }
    if finalizers.iter().any(|f| f == FINALIZER) {
        p.action(format!(
            "no controller runs: removing the finalizer {FINALIZER} of {kind} {ns}/{name}"
        ));
        if matches!(
            kind,
            FluxKind::GitRepository
                | FluxKind::OciRepository
                | FluxKind::HelmRepository
                | FluxKind::HelmChart
        ) && let Ok(opts) = super::env::cli_source_options()
            && let Err(e) = opts.storage.remove_object(kind.kind(), ns, name)
        {
            p.warning(format!("cannot remove the cached artifacts: {e}"));
        }
        flux.remove_finalizer(kind, ns, name, FINALIZER).await?;
    }
    let others: Vec<&String> = finalizers.iter().filter(|f| *f != FINALIZER).collect();
    if !others.is_empty() {
        p.waiting(format!(
            "waiting for {kind} {ns}/{name} to be finalized by others (finalizers: {})",
            others.iter().map(|f| f.as_str()).collect::<Vec<_>>().join(", ")
        ));
    }
    reconcile::while_waiting(
        ctx,
        &flux,
        kind,
        ns,
        name,
        flux.wait_deleted(kind, ns, name, wait),
    )
    .await?;
    p.success(format!("{kind} {ns}/{name} is gone"));
    Ok(())
}
