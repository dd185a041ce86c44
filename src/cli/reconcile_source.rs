//! `flux-rs reconcile source git NAME`: the CLI fetches the GitRepository itself (one shot,
//! with the source engine), stores the artifact under the user's cache directory, writes the
//! status as source-controller would, and prints `✔ fetched revision <rev>`.

use clap::Args;

use super::CliContext;
use super::reconcile::RECONCILE_HELP;
use crate::api::GitRepository;
use crate::source;

/// How many artifacts of each GitRepository the CLI keeps in its cache.
const CLI_RETENTION: usize = 2;

/// Arguments of `reconcile source git`.
#[derive(Debug, Clone, Args)]
#[command(
    long_about = "Fetch a GitRepository now, from this machine: resolve spec.ref (commit > name > \
        semver > tag > branch, `master` by default) against the remote, fetch what is new into the \
        local Git cache, pack the tree of that revision as an artifact (honouring .sourceignore \
        files and spec.ignore) and write the GitRepository's status as source-controller does \
        (artifact, Ready/ArtifactInStorage/FetchFailed conditions, observedGeneration, \
        lastHandledReconcileAt). Credentials come from the Secret in spec.secretRef; SSH host keys \
        are checked against its known_hosts.\n\n\
        The artifact is kept under the user's cache directory ($XDG_CACHE_HOME/flux-rs/artifacts or \
        ~/.cache/flux-rs/artifacts); status.artifact.url is its file:// URL on this machine.\n\n\
        A suspended GitRepository is refused with `resource is suspended`.",
    after_help = RECONCILE_HELP
)]
pub struct ReconcileSourceGitArgs {
    /// Name of the GitRepository.
    pub name: String,
}

/// Runs `reconcile source git`.
pub async fn run(ctx: &CliContext, args: ReconcileSourceGitArgs) -> anyhow::Result<()> {
    reconcile_source_git(ctx, &args.name).await.map(|_| ())
}

/// Reconciles a GitRepository in-process and returns its revision (printing as upstream's
/// `flux reconcile source git` does). Used by `create source git` too.
pub async fn reconcile_source_git(ctx: &CliContext, name: &str) -> anyhow::Result<String> {
    let ns = ctx.namespace();
    let flux = ctx.flux().await?;
    let repo: GitRepository = flux.get_typed(ns, name).await?;
    let revision = fetch(ctx, &repo).await?;
    ctx.printer.success(format!("fetched revision {revision}"));
    Ok(revision)
}

/// Fetches a GitRepository object as read from the cluster with the source engine (the
/// caller prints the outcome); old artifacts of the object in the CLI's cache are removed.
pub async fn fetch(ctx: &CliContext, repo: &GitRepository) -> anyhow::Result<String> {
    let ns = repo.metadata.namespace.as_deref().unwrap_or_default();
    let name = repo.metadata.name.as_deref().unwrap_or_default();
    if repo.spec.suspend {
        anyhow::bail!("resource is suspended");
    }
    let client = ctx.client().await?;
    let opts = ctx.source_options().await?;
    ctx.printer
        .action(format!("fetching GitRepository {name} in {ns} namespace"));
    let spinner = ctx.printer.spinner(format!("fetching {}", repo.spec.url));
    let result = source::reconcile(&client, repo, &opts).await;
    drop(spinner);
    let done = match result {
        Ok(r) => r,
        Err(e) => anyhow::bail!("GitRepository reconciliation failed: {}", e.message()),
    };
    tracing::debug!(
        fetch_ms = done.fetch_time.as_millis(),
        downloaded = done.transfer.downloaded,
        objects = done.transfer.objects,
        new_artifact = done.new_artifact,
        status_written = done.status_written,
        "source engine finished"
    );
    for link in &done.escaping_links {
        ctx.printer.warning(format!(
            "{link}: symbolic link to a path outside the repository, left out of the artifact"
        ));
    }
    if let Err(e) = opts.storage.garbage_collect(
        "GitRepository",
        ns,
        name,
        CLI_RETENTION,
        Some(&done.artifact.path),
    ) {
        ctx.printer.warning(format!("cannot remove old artifacts: {e}"));
    }
    Ok(done.revision)
}
