//! `flux-rs uninstall`: remove what `install` created — controllers, RBAC, finalizers on Flux
//! objects, the CRDs (and with them every GitRepository and Kustomization), and the namespace.

use anyhow::Context as _;
use clap::Args;

use super::CliContext;
use crate::cluster::ObjectRef;
use crate::ops::uninstall::Uninstall;

/// Flags of `uninstall`.
#[derive(Debug, Args)]
#[command(
    long_about = "Remove flux-rs from the cluster: the controller Deployment, its service account and \
        RBAC, the finalizers of Flux objects in all namespaces, the toolkit.fluxcd.io CRDs \
        (which deletes every Flux object, but not the workloads they applied), and the \
        namespace.\n\nAsks for confirmation unless -s/--silent is given; without a terminal, \
        -s/--silent is required.",
    after_help = "Examples:\n  flux-rs uninstall\n  flux-rs uninstall --dry-run\n  flux-rs uninstall -s --keep-namespace"
)]
pub struct UninstallArgs {
    /// Keep the namespace.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub keep_namespace: bool,
    /// Only list what would be deleted.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub dry_run: bool,
    /// Do not ask for confirmation.
    #[arg(short = 's', long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub silent: bool,
}

/// Runs `uninstall`: the steps are `ops::uninstall`'s; this prints what each did.
pub async fn run(ctx: &CliContext, args: UninstallArgs) -> anyhow::Result<()> {
    let p = &ctx.printer;
    let ns = ctx.namespace().to_string();
    if !args.silent && !args.dry_run {
        let ok = p
            .confirm(
                "Are you sure you want to delete flux-rs and its custom resource definitions?",
                "uninstall asks for confirmation, but stdin is not a terminal: pass -s/--silent to proceed",
            )
            .map_err(anyhow::Error::msg)?;
        if !ok {
            anyhow::bail!("aborted");
        }
    }
    let client = ctx.reachable_client().await?;
    let un = Uninstall::new(client, &ns);
    let suffix = if args.dry_run { " (dry run)" } else { "" };

    p.action(format!("deleting components in {ns} namespace"));
    delete(ctx, &un, &un.components().await?, args.dry_run, suffix).await?;

    p.action("deleting toolkit.fluxcd.io finalizers in all namespaces");
    for object in un.finalized_objects().await? {
        if !args.dry_run {
            un.remove_finalizers(&object).await?;
        }
        p.success(format!(
            "{}/{}/{} finalizers deleted{suffix}",
            object.kind, object.namespace, object.name
        ));
    }

    p.action("deleting toolkit.fluxcd.io custom resource definitions");
    let mut waited = un.crds().await?;
    delete(ctx, &un, &waited, args.dry_run, suffix).await?;

    if !args.keep_namespace
        && let Some(namespace) = un.namespace().await?
    {
        delete(ctx, &un, std::slice::from_ref(&namespace), args.dry_run, suffix).await?;
        waited.push(namespace);
    }
    if !args.dry_run && !waited.is_empty() {
        p.waiting("waiting for the deletions to complete");
        un.wait_gone(&waited, ctx.global.timeout)
            .await
            .context("uninstall did not complete")?;
    }
    p.success(format!("uninstall finished{suffix}"));
    Ok(())
}

async fn delete(
    ctx: &CliContext,
    un: &Uninstall,
    objects: &[ObjectRef],
    dry_run: bool,
    suffix: &str,
) -> anyhow::Result<()> {
    if dry_run {
        for o in objects {
            ctx.printer.success(format!("{o} deleted{suffix}"));
        }
        return Ok(());
    }
    let changes = un.delete(objects).await?;
    for e in changes
        .entries
        .iter()
        .filter(|e| e.action == crate::apply::Action::Deleted)
    {
        ctx.printer.success(format!("{} deleted", e.object));
    }
    Ok(())
}
