//! `flux-rs reconcile kustomization|ks NAME`: reconcile a Kustomization now — through the
//! running controller with upstream's protocol (annotate `reconcile.fluxcd.io/requestedAt`,
//! wait for `status.lastHandledReconcileAt` and Ready), or in this process with the reconcile
//! engine when no controller runs.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use clap::Args;
use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::coordination::v1::Lease;
use kube::api::Api;

use super::{CliContext, ExitError};
use crate::api::{GitRepository, Kustomization};
use crate::engine::{Engine, GitSource, SourceProvider, TreeCache, nested};
use crate::manifests::CONTROLLER_NAME;
use crate::ops::{self, FluxClient, FluxKind, FluxStatus, LiveObject, WaitOptions};
use crate::reconcile::{Outcome, Request};

const HELP: &str = "\
Examples:
  # Reconcile a Kustomization (through the controller when one runs, else in this process)
  flux-rs reconcile kustomization apps

  # Fetch its GitRepository first, so the newest commit is applied
  flux-rs reconcile ks apps --with-source

  # The whole tree: the Kustomizations it applies, and theirs, in dependsOn order
  flux-rs reconcile ks flux-system --with-source --recursive

  # Always ask the controller (works with upstream Flux too), or never
  flux-rs reconcile ks apps --controller
  flux-rs reconcile ks apps --local -n team-a

Exit codes:
  0  the Kustomization is ready at its source's revision
  1  it is suspended, failed to reconcile, or was not reconciled within --timeout
  2  a usage error: unknown command or flag, a missing or invalid argument
  130  interrupted (Ctrl-C); the status says so";

/// Who reconciles: the controller in the cluster, or this process.
#[derive(Clone, Copy, Debug, Default, Args)]
pub struct ModeArgs {
    /// Reconcile in this process even when a controller runs in the cluster.
    #[arg(long, conflicts_with = "controller", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", default_value_t = false, action = clap::ArgAction::Set)]
    pub local: bool,
    /// Ask the controller (annotate and wait) even when none seems to run.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub controller: bool,
}

/// Flags of `reconcile kustomization`.
#[derive(Debug, Args)]
#[command(
    long_about = "Reconcile a Kustomization now: build the revision its GitRepository recorded, \
        apply what changed (server-side apply, field manager kustomize-controller, validated by a \
        dry-run before anything is written), prune what is gone when spec.prune is set, wait for \
        health checks, and record the result in its status.\n\n\
        When a controller runs in the cluster (the flux-rs-controller or kustomize-controller \
        Deployment in the namespace given with -n has ready replicas), it is asked to do it with \
        upstream Flux's protocol: the reconcile.fluxcd.io/requestedAt annotation is set, then the \
        command waits until status.lastHandledReconcileAt changes and the Kustomization is Ready, so \
        two writers never race. Otherwise the reconciliation runs in this process, exactly as the \
        controller would run it, showing a progress bar over the objects on a terminal. --local and \
        --controller force either way.\n\n\
        With --with-source the GitRepository is reconciled first, so the newest commit is applied; \
        without it, a newer commit already on this machine (in the Git cache) is pointed out. \
        With --recursive (in this process), the Kustomizations it applied are reconciled in turn — \
        those it created or changed and those not ready at their source's revision — in dependsOn \
        order, their GitRepositories fetched first, down the tree; the output names each. \
        A suspended Kustomization is not reconciled. Ctrl-C records Ready=False \
        (ReconciliationInterrupted) and exits 130.",
    after_help = HELP
)]
pub struct ReconcileKustomizationArgs {
    /// Name of the Kustomization.
    pub name: String,
    /// Reconcile the Kustomization's GitRepository first.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub with_source: bool,
    /// In this process, then reconcile the Kustomizations it applied (created, changed, or not
    /// ready at their source's revision), in dependsOn order with their sources fetched,
    /// down the tree.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub recursive: bool,
    /// In this process: fetch remote Git bases named in resources and components (off by
    /// default: they fail the build, naming the URL; a controller decides with its own flag).
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub allow_remote_bases: bool,
    /// Who reconciles.
    #[command(flatten)]
    pub mode: ModeArgs,
}

/// Runs `reconcile kustomization`.
pub async fn run(ctx: &CliContext, args: ReconcileKustomizationArgs) -> anyhow::Result<()> {
    let client = ctx.reachable_client().await?;
    let flux = FluxClient::new(client.clone());
    let ns = ctx.namespace();
    let ks = get_kustomization(&flux, ns, &args.name).await?;
    if ks.suspended() {
        anyhow::bail!("resource is suspended");
    }
    match mode(&client, ns, args.mode).await? {
        Mode::Controller => {
            if args.allow_remote_bases {
                anyhow::bail!(
                    "--allow-remote-bases applies to a reconcile in this process (--local); the controller \
                     fetches remote bases only when it runs with its own --allow-remote-bases"
                );
            }
            if args.recursive {
                ctx.printer.action(
                    "--recursive: the running controller reconciles the nested Kustomizations itself",
                );
            }
            if args.with_source {
                let (source_kind, source_ns, source) = git_source(&ks)?;
                let repo = flux.get(source_kind, &source_ns, &source).await?;
                reconcile_through_controller(ctx, &flux, &repo, true).await?;
            }
            reconcile_through_controller(ctx, &flux, &ks, true).await?;
            Ok(())
        }
        Mode::Local => {
            let typed: Kustomization = ks
                .typed()
                .with_context(|| format!("Kustomization/{ns}/{}", args.name))?;
            if args.with_source {
                reconcile_source_locally(ctx, &typed).await?;
            }
            let provider = source_provider(ctx).await?;
            run_local_tree(ctx, &typed, provider, args.recursive, args.allow_remote_bases).await
        }
    }
}

/// How long the CLI keeps an unpacked source tree nobody used (`trees/` in its cache).
const CLI_TREE_RETENTION: Duration = Duration::from_secs(24 * 3600);

/// The source provider of a local reconcile: revisions from the CLI's Git cache (or its
/// artifact cache, when this machine fetched that revision itself), their unpacked trees
/// kept in the cache's `trees/` for the next reconciliation of the same revision.
pub(crate) async fn source_provider(ctx: &CliContext) -> anyhow::Result<Arc<dyn SourceProvider>> {
    let mut provider = GitSource::new(ctx.client().await?, ctx.source_options().await?);
    if let Some(dir) = super::env::user_cache_dir() {
        provider = provider.with_trees(TreeCache::new(dir.join("trees"), CLI_TREE_RETENTION));
    }
    Ok(Arc::new(provider))
}

/// `--with-source` in this process: fetch the GitRepository and record its new artifact.
async fn reconcile_source_locally(ctx: &CliContext, ks: &Kustomization) -> anyhow::Result<()> {
    let source = &ks.spec.source_ref;
    let flux = ctx.flux().await?;
    let revision = match source.kind.as_str() {
        "GitRepository" => {
            let repo: GitRepository = flux.get_typed(ks.source_namespace(), &source.name).await?;
            super::reconcile_source::fetch(ctx, &repo).await?
        }
        "OCIRepository" => {
            let repo: crate::api::OCIRepository = flux.get_typed(ks.source_namespace(), &source.name).await?;
            super::oci_source::fetch(ctx, &repo).await?
        }
        other => anyhow::bail!(
            "--with-source: {other} sources are not supported by flux-rs (only GitRepository and OCIRepository)"
        ),
    };
    ctx.printer.success(format!("fetched revision {revision}"));
    Ok(())
}

/// How a reconciliation is carried out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// In this process, with the reconcile engine.
    Local,
    /// By the controller in the cluster, through the annotation protocol.
    Controller,
}

/// The mode the flags ask for; without either flag, the controller when one is running.
/// `--controller` when no controller runs is an error at once (nothing would ever handle
/// the request).
pub async fn mode(client: &kube::Client, namespace: &str, flags: ModeArgs) -> anyhow::Result<Mode> {
    if flags.local {
        return Ok(Mode::Local);
    }
    let running = running_controller(client, namespace).await?;
    if flags.controller && running.is_none() {
        return Err(ExitError::new(1, no_controller_message(namespace)).into());
    }
    Ok(if running.is_some() {
        Mode::Controller
    } else {
        Mode::Local
    })
}

/// What `--controller` says when no controller runs in `namespace`.
pub fn no_controller_message(namespace: &str) -> String {
    format!(
        "--controller: no controller runs in the {namespace:?} namespace (no ready replica of \
         Deployment {} or {}, no held Lease {}): drop --controller to reconcile in this process",
        CONTROLLER_DEPLOYMENTS[0],
        CONTROLLER_DEPLOYMENTS[1],
        crate::controller::leader::DEFAULT_LEASE_NAME
    )
}

/// Deployments that reconcile Kustomizations: flux-rs's controller and upstream's.
pub const CONTROLLER_DEPLOYMENTS: [&str; 2] = [CONTROLLER_NAME, "kustomize-controller"];

/// The controller running for `namespace`, if any: a controller Deployment there with ready
/// replicas (`Deployment/<name>`), or a controller elected through the leader-election Lease
/// there and renewing it (`Lease/<name>`: a `flux-rs controller --leader-elect` process,
/// in the cluster or not). A Deployment or Lease the user may not read counts as absent.
pub async fn running_controller(client: &kube::Client, namespace: &str) -> anyhow::Result<Option<String>> {
    running_controller_among(client, namespace, &CONTROLLER_DEPLOYMENTS).await
}

/// [`running_controller`] with the Deployments that count given: a ready one of
/// `deployments`, else a held flux-rs controller Lease.
pub async fn running_controller_among(
    client: &kube::Client,
    namespace: &str,
    deployments: &[&str],
) -> anyhow::Result<Option<String>> {
    if let Some(d) = ready_deployment(client, namespace, deployments).await? {
        return Ok(Some(format!("Deployment/{d}")));
    }
    // The default Lease, or a shard's (`<default>-<hash>` with --watch-label-selector).
    let leases: Api<Lease> = Api::namespaced(client.clone(), namespace);
    let prefix = crate::controller::leader::DEFAULT_LEASE_NAME;
    let all = kube::api::ListParams::default();
    match crate::cluster::retry(|| leases.list(&all)).await {
        Ok(list) => {
            let now = k8s_openapi::jiff::Timestamp::now();
            Ok(list
                .items
                .iter()
                .filter(|l| l.metadata.name.as_deref().is_some_and(|n| n.starts_with(prefix)))
                .find(|l| lease_held(l, now))
                .map(|l| format!("Lease/{}", l.metadata.name.as_deref().unwrap_or_default())))
        }
        Err(kube::Error::Api(s)) if s.code == 403 || s.code == 404 => Ok(None),
        Err(e) => Err(anyhow::anyhow!(
            "cannot look for a running controller: Leases of {namespace}: {}",
            crate::cluster::describe(&e)
        )),
    }
}

/// Whether a Lease has a holder that renewed it within its duration.
fn lease_held(lease: &Lease, now: k8s_openapi::jiff::Timestamp) -> bool {
    let Some(spec) = &lease.spec else {
        return false;
    };
    let held = spec.holder_identity.as_deref().is_some_and(|h| !h.is_empty());
    let (Some(renewed), Some(secs)) = (&spec.renew_time, spec.lease_duration_seconds) else {
        return false;
    };
    let until = renewed
        .0
        .checked_add(k8s_openapi::jiff::SignedDuration::from_secs(i64::from(secs)));
    held && until.is_ok_and(|t| t > now)
}

/// The name of a controller Deployment in `namespace` with ready replicas, if any.
async fn ready_deployment(
    client: &kube::Client,
    namespace: &str,
    deployments: &[&str],
) -> anyhow::Result<Option<String>> {
    let api: Api<Deployment> = Api::namespaced(client.clone(), namespace);
    for &name in deployments {
        match crate::cluster::retry(|| api.get_opt(name)).await {
            Ok(Some(d)) => {
                let ready = d.status.as_ref().and_then(|s| s.ready_replicas).unwrap_or(0);
                if ready > 0 {
                    return Ok(Some(name.to_string()));
                }
            }
            Ok(None) => {}
            Err(kube::Error::Api(s)) if s.code == 403 => {}
            Err(e) => {
                return Err(anyhow::anyhow!(
                    "cannot look for a running controller: Deployment/{namespace}/{name}: {}",
                    crate::cluster::describe(&e)
                ));
            }
        }
    }
    Ok(None)
}

async fn get_kustomization(flux: &FluxClient, ns: &str, name: &str) -> anyhow::Result<LiveObject> {
    match flux.get(FluxKind::Kustomization, ns, name).await {
        Ok(o) => Ok(o),
        Err(ops::Error::NotFound { .. }) => {
            anyhow::bail!("Kustomization '{name}' not found in {ns:?} namespace")
        }
        Err(e) => Err(e.into()),
    }
}

/// `(namespace, name)` of a Kustomization's GitRepository.
fn git_source(ks: &LiveObject) -> anyhow::Result<(FluxKind, String, String)> {
    let source = &ks.spec()["sourceRef"];
    let kind = match source["kind"].as_str().unwrap_or_default() {
        "GitRepository" => FluxKind::GitRepository,
        "OCIRepository" => FluxKind::OciRepository,
        kind => anyhow::bail!(
            "--with-source: {kind} sources are not supported by flux-rs (only GitRepository and OCIRepository)"
        ),
    };
    let ns = source["namespace"]
        .as_str()
        .filter(|n| !n.is_empty())
        .unwrap_or(ks.namespace());
    Ok((
        kind,
        ns.to_string(),
        source["name"].as_str().unwrap_or_default().to_string(),
    ))
}

/// Asks the controller to reconcile `obj` and waits (up to `--timeout`), printing upstream's
/// lines (`verbose`: the annotation steps too). Returns the reconciled object.
pub async fn reconcile_through_controller(
    ctx: &CliContext,
    flux: &FluxClient,
    obj: &LiveObject,
    verbose: bool,
) -> anyhow::Result<LiveObject> {
    reconcile_through_controller_with(ctx, flux, obj, verbose, &[]).await
}

/// [`reconcile_through_controller`], the request also setting the annotations of `also`
/// (`reconcile.fluxcd.io/forceAt`, `resetAt`) to its value.
pub async fn reconcile_through_controller_with(
    ctx: &CliContext,
    flux: &FluxClient,
    obj: &LiveObject,
    verbose: bool,
    also: &[&str],
) -> anyhow::Result<LiveObject> {
    let p = &ctx.printer;
    let kind = obj.kind;
    let (ns, name) = (obj.namespace(), obj.name());
    if obj.suspended() {
        anyhow::bail!("resource is suspended");
    }
    if verbose {
        p.action(format!("annotating {kind} {name} in {ns} namespace"));
    }
    let request = flux.request_reconcile_with(obj, also).await?;
    if verbose {
        p.success(format!("{kind} annotated"));
    }
    p.waiting(format!("waiting for {kind} reconciliation"));
    let opts = WaitOptions {
        timeout: ctx.global.timeout,
        poll_interval: Duration::from_millis(500),
    };
    let spinner = p.spinner(format!("waiting for {kind} {name}"));
    let done = while_waiting(
        ctx,
        flux,
        kind,
        ns,
        name,
        flux.wait_reconciled(kind, ns, name, &request, opts),
    )
    .await;
    drop(spinner);
    match done {
        Ok(obj) => {
            if let Some(rev) = obj.revision() {
                p.success(format!("{} {rev}", kind.revision_verb()));
            }
            Ok(obj)
        }
        Err(ops::Error::Failed { message, .. }) => {
            Err(ExitError::new(1, format!("{kind} reconciliation failed: {message}")).into())
        }
        Err(e) => Err(e.into()),
    }
}

/// Reconciles `ks` in this process with the reconcile engine and `source`, printing the
/// changes and `✔ applied revision <rev>`, or failing with `<Kind> reconciliation failed: …`.
pub async fn run_local(
    ctx: &CliContext,
    ks: &Kustomization,
    source: Arc<dyn SourceProvider>,
) -> anyhow::Result<()> {
    run_local_tree(ctx, ks, source, false, false).await
}

/// [`run_local`], then with `recursive` the Kustomizations it applied, down the tree
/// ([`crate::engine::nested`]), saying which were reconciled.
pub async fn run_local_tree(
    ctx: &CliContext,
    ks: &Kustomization,
    source: Arc<dyn SourceProvider>,
    recursive: bool,
    allow_remote_bases: bool,
) -> anyhow::Result<()> {
    let p = &ctx.printer;
    let ns = ks.metadata.namespace.as_deref().unwrap_or_default();
    let name = ks.metadata.name.as_deref().unwrap_or_default();
    if ks.spec.suspend {
        anyhow::bail!("resource is suspended");
    }
    let client = ctx.reachable_client().await?;
    let config = crate::cluster::config(&ctx.client_options())
        .await
        .context("cannot build a Kubernetes client")?;
    let options = crate::engine::EngineOptions {
        remote_bases: allow_remote_bases.then(super::kustomize::remote_loader),
        event_sink: ctx.event_sink().await?,
        ..crate::engine::EngineOptions::default()
    };
    let engine = Engine::new(client.clone(), config.clone(), source.clone()).with_options(options.clone());
    let bar = p.apply_progress();
    let engine = engine.with_progress(bar.clone());
    p.action(format!("reconciling Kustomization {name} in {ns} namespace"));
    let request = Request::default();
    let mut reconcile = Box::pin(engine.reconcile(ks, &request));
    let report = tokio::select! {
        report = &mut reconcile => Some(report),
        _ = tokio::signal::ctrl_c() => None,
    };
    drop(reconcile);
    bar.finish();
    let Some(report) = report else {
        return Err(interrupted(ctx, &engine, ks).await);
    };
    print_changes(ctx, &report);
    ended(&report)?;
    p.success(format!(
        "applied revision {}",
        report.revision.as_deref().unwrap_or_default()
    ));
    newer_commit_hint(ctx, &client, ks, report.revision.as_deref()).await;
    if !recursive {
        return Ok(());
    }
    let engine = Engine::new(client, config, source)
        .with_options(options)
        .with_progress(p.apply_progress());
    let sources = ctx.source_options().await?;
    let step = |s: nested::Step<'_>| match s {
        nested::Step::Fetched { object, revision } => {
            p.success(format!("fetched revision {revision} ({object})"));
        }
        nested::Step::FetchFailed { object, message } => p.failure(format!("{object}: {message}")),
        nested::Step::Reconciling { object } => p.action(format!("reconciling nested {object}")),
        nested::Step::Reconciled { object, report } => {
            print_changes(ctx, report);
            match ended(report) {
                Ok(()) => p.success(format!(
                    "{object}: applied revision {}",
                    report.revision.as_deref().unwrap_or_default()
                )),
                Err(e) => p.failure(format!("{object}: {}", super::output::message(&e))),
            }
        }
        nested::Step::Skipped { object, why } => p.action(format!("{object} skipped: {why}")),
    };
    let done = Box::pin(nested::reconcile_nested(
        &engine,
        &sources,
        ks,
        &report.changes,
        &step,
    ))
    .await;
    let failed: Vec<&str> = done
        .iter()
        .filter(|n| !n.report.succeeded())
        .map(|n| n.object.as_str())
        .collect();
    if done.is_empty() {
        p.success("no nested Kustomization to reconcile");
    } else if failed.is_empty() {
        p.success(format!(
            "reconciled {} nested Kustomization(s): {}",
            done.len(),
            done.iter()
                .map(|n| n.object.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    } else {
        return Err(ExitError::new(
            1,
            format!(
                "{} of {} nested Kustomization(s) failed: {}",
                failed.len(),
                done.len(),
                failed.join(", ")
            ),
        )
        .into());
    }
    Ok(())
}

fn print_changes(ctx: &CliContext, report: &crate::engine::Report) {
    for e in &report.changes.entries {
        if matches!(
            e.action,
            crate::apply::Action::Created | crate::apply::Action::Configured | crate::apply::Action::Deleted
        ) {
            ctx.printer.info(e.to_string());
        }
    }
}

/// How a reconciliation ended, as the command's error.
fn ended(report: &crate::engine::Report) -> anyhow::Result<()> {
    match &report.outcome {
        Outcome::Succeeded => Ok(()),
        Outcome::Failed { message, .. } | Outcome::Retry { message, .. } => {
            Err(ExitError::new(1, format!("Kustomization reconciliation failed: {message}")).into())
        }
        Outcome::Stalled { reason, message } if reason == crate::api::meta::SUSPENDED_REASON => {
            Err(ExitError::new(1, message.clone()).into())
        }
        Outcome::Stalled { message, .. } => {
            Err(ExitError::new(1, format!("Kustomization reconciliation failed: {message}")).into())
        }
    }
}

/// After applying `revision`: when this machine's Git cache (or a `file://` repository)
/// already holds a newer commit of the source's branch, say so — without any network
/// request — and suggest `--with-source`.
async fn newer_commit_hint(
    ctx: &CliContext,
    client: &kube::Client,
    ks: &Kustomization,
    revision: Option<&str>,
) {
    let Some((_, applied)) = revision.and_then(crate::source::reference::parse_revision) else {
        return;
    };
    if ks.spec.source_ref.kind != "GitRepository" {
        return;
    }
    let api: Api<GitRepository> = Api::namespaced(client.clone(), ks.source_namespace());
    let Ok(Some(repo)) = api.get_opt(&ks.spec.source_ref.name).await else {
        return;
    };
    let Ok(opts) = super::env::cli_source_options() else {
        return;
    };
    let Some(cached) = crate::source::cached_branch_commit(&opts, &repo) else {
        return;
    };
    let applied = applied.rsplit(':').next().unwrap_or(applied);
    if cached != applied {
        ctx.printer.warning(format!(
            "applied revision {} of GitRepository {}/{}, but this machine already has a newer commit {} of its branch: run with --with-source to fetch and apply it",
            revision.unwrap_or_default(),
            ks.source_namespace(),
            ks.spec.source_ref.name,
            &cached[..cached.len().min(12)]
        ));
    }
}

/// Exit code after Ctrl-C, as shells report a process ended by SIGINT.
pub const EXIT_INTERRUPTED: u8 = 130;

/// After Ctrl-C stopped an in-process reconciliation: the status says so
/// (`Ready=False/ReconciliationInterrupted`) instead of staying `Reconciling` until the next
/// run; the command exits 130.
async fn interrupted(ctx: &CliContext, engine: &Engine, ks: &Kustomization) -> anyhow::Error {
    let ns = ks.metadata.namespace.as_deref().unwrap_or_default();
    let name = ks.metadata.name.as_deref().unwrap_or_default();
    let message = "reconciliation interrupted (SIGINT) before it finished: objects may be partly \
        applied; the next reconciliation applies the revision again";
    ctx.printer.warning(format!(
        "interrupted: recording Ready=False ({}) on Kustomization {ns}/{name}",
        crate::engine::status::RECONCILIATION_INTERRUPTED
    ));
    let write = engine.record_interruption(ks, message);
    match tokio::time::timeout(Duration::from_secs(10), write).await {
        Ok(Ok(())) => ExitError::new(EXIT_INTERRUPTED, "Kustomization reconciliation interrupted").into(),
        Ok(Err(e)) => ExitError::new(
            EXIT_INTERRUPTED,
            format!(
                "Kustomization reconciliation interrupted; the status could not be written: {}",
                crate::cluster::describe(&e)
            ),
        )
        .into(),
        Err(_) => ExitError::new(
            EXIT_INTERRUPTED,
            "Kustomization reconciliation interrupted; the status could not be written within 10s",
        )
        .into(),
    }
}

/// Runs `wait` (a wait for the object `kind` `ns/name`), naming what it still waits for
/// every [`WAIT_REPORT_EVERY`](super::output::WAIT_REPORT_EVERY) — the object's state as
/// read then — so a long wait is never silent, on a terminal or not.
pub async fn while_waiting<T>(
    ctx: &CliContext,
    flux: &FluxClient,
    kind: FluxKind,
    ns: &str,
    name: &str,
    wait: impl std::future::Future<Output = T>,
) -> T {
    let every = super::output::WAIT_REPORT_EVERY;
    let mut tick = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
    tokio::pin!(wait);
    loop {
        tokio::select! {
            done = &mut wait => return done,
            _ = tick.tick() => {
                let state = match flux.get(kind, ns, name).await {
                    Ok(obj) => match obj.readiness() {
                        ops::Readiness::Ready => "ready".to_string(),
                        ops::Readiness::Failed(m) | ops::Readiness::Pending(m) => m,
                    },
                    Err(ops::Error::NotFound { .. }) => "gone".to_string(),
                    Err(e) => e.to_string(),
                };
                ctx.printer.waiting(format!("waiting for {kind} {ns}/{name}: {state}"));
            }
        }
    }
}
