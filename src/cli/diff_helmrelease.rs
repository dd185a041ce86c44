//! `flux-rs diff helmrelease|hr NAME`: what the next upgrade of a HelmRelease would change in
//! the cluster, without changing anything. The release is rendered as `build helmrelease`
//! renders it; the plan is the apply engine's ([`crate::apply::Manager::diff`]) with the
//! objects of the current release that the new one drops as deletions; the printers and exit
//! codes are `diff kustomization`'s.

use anyhow::Context as _;
use clap::Args;

use super::CliContext;
use super::build_helmrelease::{Access, HelmReleaseBuildFlags, build_helmrelease};
use super::diff::DiffFormat;
use crate::apply::{DiffOptions, Inventory, Manager};
use crate::engine::helm_render;
use crate::engine::helmrelease as engine;

/// Flags of `diff helmrelease`.
#[derive(Debug, Args)]
#[command(
    long_about = "Render a HelmRelease as the HelmRelease engine would on its next \
        reconciliation (see `build helmrelease`: chart, valuesFrom and values read from the \
        cluster, or --chart, --values and --helmrelease-file), compare the release's objects \
        with the cluster and print what the upgrade (or install) would do: for each object \
        `► Kind/namespace/name created`, `drifted` (followed by a unified diff of the live \
        object against the server-side dry-run result) or `skipped`; objects of the current \
        release (its newest release record) that the new one no longer has are listed as \
        `deleted`, as the upgrade deletes them. Nothing is printed when nothing would change.\n\n\
        Nothing in the cluster is changed: objects are read with GET and LIST and validated \
        with a server-side apply dry-run (field manager helm-controller), as `diff \
        kustomization` does. The identity needs get and list on the objects, their release \
        records (Secrets) and the valuesFrom sources, and patch for the dry-run.\n\n\
        Secret values are never printed: in every output, values of data and stringData read \
        `***`, or `*** (before)` / `*** (after)` where they change; added and removed keys stay \
        visible.\n\n\
        -o json prints one JSON document (changed, a summary, and per object its action, \
        identity and field changes); -o markdown a summary table and collapsed diffs for a \
        pull-request comment; both print a document even when nothing changes.",
    after_help = "Examples:\n  # What the next upgrade of podinfo would change\n  \
        flux-rs diff helmrelease podinfo -n apps\n\n  \
        # With new values, before committing them\n  \
        flux-rs diff hr podinfo -n apps --values ./values-prod.yaml\n\n  \
        # A local chart checkout, for a pull-request comment\n  \
        flux-rs diff hr podinfo -n apps --chart ./charts/podinfo -o markdown > diff.md\n\n\
        Exit codes:\n  \
        0  no change\n  \
        1  changes found (after \"⚠️ identified at least one change, exiting with non-zero exit code\")\n  \
        2  an error: bad flags, HelmRelease or chart not found, render failure, invalid object \
        (server-side dry-run), cluster unreachable"
)]
pub struct DiffHelmReleaseArgs {
    /// The HelmRelease and how to render it.
    #[command(flatten)]
    pub build: HelmReleaseBuildFlags,
    /// Show a progress bar on stderr (default: when stderr is a terminal).
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          action = clap::ArgAction::Set)]
    pub progress_bar: Option<bool>,
    /// Output format.
    #[arg(short = 'o', long, value_enum, default_value_t = DiffFormat::Text)]
    pub output: DiffFormat,
}

/// The diff; `Ok(true)` when something would change.
pub async fn run(ctx: &CliContext, args: DiffHelmReleaseArgs) -> anyhow::Result<bool> {
    let built = build_helmrelease(ctx, &args.build, Access::Online).await?;
    let hr = &built.helmrelease;
    let name = hr.metadata.name.clone().unwrap_or_default();
    let namespace = hr.own_namespace().to_string();
    let what = format!("HelmRelease {namespace}/{name}");
    if hr.spec.service_account_name.is_some() {
        ctx.printer.info(format!(
            "{what}: compared with this identity, not as its service account {}",
            hr.spec.service_account_name.as_deref().unwrap_or_default()
        ));
    }
    // The upgrade deletes what the current release has and the new one has not.
    let previous = match &built.preview.current {
        Some(cur) if built.preview.upgrade => Some(Inventory {
            objects: helm_render::manifest_objects(&cur.manifest, &cur.namespace)
                .map_err(|e| anyhow::anyhow!("{what}: release record {}.v{}: {e}", cur.name, cur.version))?,
        }),
        _ => None,
    };
    let client = ctx.reachable_client().await?;
    let opts = DiffOptions {
        force: false,
        previous,
    };
    let objects = built.preview.rendered.objects.clone();
    let plan = super::diff::plan(
        ctx,
        Manager::new(client, engine::owner(hr)),
        objects,
        &opts,
        args.progress_bar,
    )
    .await
    .with_context(|| format!("diff of {what}"))?;
    super::diff::print(ctx, &plan, args.output, "HelmRelease", &name, &namespace);
    Ok(plan.has_changes())
}
