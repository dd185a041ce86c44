//! `flux-rs delete`: delete a Flux object after confirmation; for a Kustomization, also the
//! objects in its inventory when its controller's finalizer would (`prune: true` or a
//! `Delete` deletion policy, not suspended), unless `--keep-objects` — saying which.

use anyhow::Context as _;
use clap::Args;

use super::CliContext;
use super::kind::KindArg;
use crate::apply::Action;
use crate::ops::delete::{GarbageCollection, garbage_collection};
use crate::ops::{FluxKind, inventory};

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
        leaves them in place. Asks for confirmation unless -s/--silent is given; without a terminal, \
        -s/--silent is required.",
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

/// Runs `delete`.
pub async fn run(ctx: &CliContext, cmd: DeleteCommand) -> anyhow::Result<()> {
    let (kind, args) = cmd.kind.into_parts();
    let p = &ctx.printer;
    if args.keep_objects && kind != FluxKind::Kustomization {
        return Err(super::usage_error(
            "--keep-objects applies to Kustomizations only",
        ));
    }
    if !args.silent && !p.interactive() {
        anyhow::bail!(
            "delete asks for confirmation, but stdin is not a terminal: pass -s/--silent to proceed"
        );
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
        let ok = dialoguer::Confirm::new()
            .with_prompt(prompt)
            .default(false)
            .interact()
            .context("reading the confirmation")?;
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

    p.action(format!("deleting {kind} {name} in {ns} namespace"));
    flux.delete(kind, ns, name).await?;
    p.success(format!("{kind} deleted"));

    let Some((count, decision)) = gc else {
        return Ok(());
    };
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
    let reason = match obj.spec()["deletionPolicy"].as_str() {
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
    Ok(())
}
