//! `flux-rs diff kustomization NAME --path DIR`: what applying a local directory as the named
//! Kustomization would change in the cluster, without changing anything. The build is
//! `build kustomization`'s, the plan is the apply engine's ([`crate::apply::Manager::diff`]),
//! the presentation (normalisation, Secret masking, field changes, unified diffs) is
//! [`crate::diff`]'s; this module turns the plan into text, JSON or Markdown and exit codes.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Arc;

use anyhow::Context as _;
use clap::{Args, Subcommand, ValueEnum};
use console::Style;
use serde_json::{Value, json};

use super::build::{KustomizationBuildFlags, LiveKustomization, build_kustomization};
use super::{CliContext, ExitError};
use crate::apply::{DiffAction, DiffEntry, DiffOptions, Manager, Plan};
use crate::diff::Presented;

/// Exit code when the diff found changes.
pub const EXIT_CHANGES: u8 = 1;
/// Exit code of any error (bad path, build or dry-run failure, unreachable cluster).
pub const EXIT_ERROR: u8 = 2;

/// Flags of `diff`.
#[derive(Debug, Args)]
#[command(
    args_conflicts_with_subcommands = true,
    long_about = "Show what a change would do, without changing anything.\n\n\
        Without a kind (`flux-rs diff --base REF`): the whole fleet of the repository, offline. \
        Starting at the flux-system sync (found as bootstrap lays it out: \
        <path>/flux-system/gotk-sync.yaml, or --path), every Kustomization whose source is this \
        repository (the sync's GitRepository, a GitRepository whose URL is one of this \
        checkout's remotes, or --local-sources Kind/namespace/name=DIR) is built as the \
        reconcile would build it, recursively, in the working tree and at REF (read from Git's \
        object database, no checkout; a Kustomization whose inputs did not change is built \
        once). postBuild.substituteFrom reads the ConfigMaps and Secrets the repository \
        defines; a variable without a value stays ${NAME} and is reported, never guessed. \
        Per Kustomization, objects are listed as created, changed (unified diff of the \
        normalised YAML), deleted (what prune would remove) or moved between \
        Kustomizations; Secret values and SOPS-encrypted values are masked. Kustomizations of \
        other sources, and HelmReleases (not rendered: their own object is compared), are \
        listed as not rendered. A Kustomization that fails to build is an error naming it, \
        reported with the others.\n\n\
        With --cluster instead of --base: the same fleet (substituteFrom read from the \
        cluster) against the live cluster, each Kustomization compared as `diff kustomization` \
        compares one (read-only), with what its inventory would prune.\n\n\
        With a kind (`diff kustomization NAME --path DIR`): one Kustomization against the \
        live cluster; `diff helmrelease NAME`: what the next upgrade of one HelmRelease would \
        change in the cluster.",
    after_help = "Examples:\n  \
        # The whole fleet: the working tree against main, no cluster\n  \
        flux-rs diff --base main\n  \
        flux-rs diff --base origin/main --path ./clusters/prod -o markdown > diff.md\n\n  \
        # The whole fleet against the cluster (read-only)\n  \
        flux-rs diff --cluster -o json\n\n  \
        # One Kustomization against the cluster\n  \
        flux-rs diff kustomization apps --path ./apps/prod\n\n  \
        # One HelmRelease's next upgrade\n  \
        flux-rs diff helmrelease podinfo -n apps --values ./values-prod.yaml\n\n\
        Exit codes:\n  \
        0  no change\n  \
        1  changes found\n  \
        2  an error: bad flags or revision, cluster unreachable (--cluster), a Kustomization that fails to build or to be compared (named)"
)]
pub struct DiffArgs {
    /// What to diff (without a kind: the whole fleet, see --base).
    #[command(subcommand)]
    pub what: Option<DiffCommand>,
    /// The whole fleet.
    #[command(flatten)]
    pub fleet: super::diff_fleet::FleetArgs,
}

/// Kinds `diff` knows.
#[derive(Debug, Subcommand)]
#[allow(missing_docs)]
pub enum DiffCommand {
    #[command(
        visible_alias = "ks",
        about = "Show what applying a local directory as a Kustomization would change"
    )]
    Kustomization(DiffKustomizationArgs),
    #[command(
        name = "helmrelease",
        visible_alias = "hr",
        about = "Show what an upgrade of a HelmRelease would change in the cluster"
    )]
    HelmRelease(super::diff_helmrelease::DiffHelmReleaseArgs),
    #[command(about = "Compare a local directory with a Flux OCI artifact (exit 1 on differences)")]
    Artifact(super::artifact::DiffArtifactArgs),
}

/// How the change set is printed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    #[default]
    /// `► Kind/ns/name created|drifted|skipped|deleted` lines with unified diffs.
    Text,
    /// The change set as one JSON document (for pull-request bots).
    Json,
    /// A summary table and collapsed diffs, for a pull-request comment.
    Markdown,
    /// GitHub workflow annotations (`::notice`, `::warning`, `::error` lines).
    Github,
}

/// Flags of `diff kustomization`.
#[derive(Debug, Args)]
#[command(
    long_about = "Build a local directory exactly as the named Flux Kustomization would (see `build \
        kustomization`), compare the result with the cluster and print what an apply would do: \
        for each object `► Kind/namespace/name created`, `drifted` (followed by a unified diff of \
        the YAML: live object against the server-side dry-run result, without managedFields, \
        status, resourceVersion, generation, uid and timestamps), or `skipped` (reconcile \
        disabled, ssa: Ignore, ssa: IfNotPresent on an existing object). When the Kustomization \
        prunes (spec.prune), objects of its inventory that are no longer built and that a prune \
        would delete are listed as `deleted`. Nothing is printed when nothing would change.\n\n\
        Nothing in the cluster is changed: objects are read with GET and LIST (one LIST per kind \
        and namespace; an object whose fields match costs no request of its own) and the \
        candidates are validated with a server-side apply dry-run (field manager \
        kustomize-controller), concurrently. The identity needs only get, list and patch \
        permissions. Objects whose Namespace or CustomResourceDefinition is created by the same \
        change are reported as created.\n\n\
        Secret values are never printed: in every output, values of data and stringData read \
        `***`, or `*** (before)` / `*** (after)` where they change; added and removed keys stay \
        visible.\n\n\
        The Kustomization's spec and status (inventory) are read from the cluster (NAME in the \
        namespace given with -n). With --kustomization-file the spec comes from that file and \
        only the status from the cluster; with --ignore-not-found as well, a Kustomization that \
        is not in the cluster yet is treated as new (no inventory, nothing deleted).\n\n\
        With -o json the change set is one JSON document (changed: true/false, a summary, and \
        per object its action, identity and field changes as JSON pointers with before/after \
        values); with -o markdown a summary table and one collapsed diff per drifted object, \
        ready for a pull-request comment. Both print a document even when nothing changes.",
    after_help = "Examples:\n  # What would change in the cluster if ./apps/prod were merged\n  \
        flux-rs diff kustomization apps --path ./apps/prod\n\n  \
        # A Kustomization that is not in the cluster yet\n  \
        flux-rs diff ks apps --path ./apps --kustomization-file ./clusters/prod/apps.yaml --ignore-not-found\n\n  \
        # In CI: a pull-request comment, and the exit code says whether anything changes\n  \
        flux-rs diff ks apps --path ./apps/prod --progress-bar=false -o markdown > diff.md\n\n  \
        # For a bot\n  \
        flux-rs diff ks apps --path ./apps/prod -o json | jq '.changes[] | select(.action == \"drifted\")'\n\n\
        Exit codes:\n  \
        0  no change\n  \
        1  changes found (after \"⚠️ identified at least one change, exiting with non-zero exit code\")\n  \
        2  an error: bad path or flags, build failure, invalid object (server-side dry-run), cluster unreachable"
)]
pub struct DiffKustomizationArgs {
    /// The Kustomization, the directory and how to build it.
    #[command(flatten)]
    pub build: KustomizationBuildFlags,
    /// With --kustomization-file: a Kustomization missing from the cluster is treated as new.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub ignore_not_found: bool,
    /// Show a progress bar on stderr (default: when stderr is a terminal).
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          action = clap::ArgAction::Set)]
    pub progress_bar: Option<bool>,
    /// Output format.
    #[arg(short = 'o', long, value_enum, default_value_t = DiffFormat::Text)]
    pub output: DiffFormat,
}

/// Runs `diff`, mapping the outcome to its exit codes (0 no change, 1 changes, 2 errors).
pub async fn run(ctx: &CliContext, args: DiffArgs) -> anyhow::Result<()> {
    let timeout = ctx.global.timeout;
    let work = match args.what {
        None => {
            return match tokio::time::timeout(timeout, super::diff_fleet::run(ctx, args.fleet)).await {
                Ok(r) => r,
                Err(_) => Err(ExitError::new(
                    EXIT_ERROR,
                    format!(
                        "timed out after {} (raise --timeout)",
                        crate::duration::format(timeout)
                    ),
                )
                .into()),
            };
        }
        Some(what) => {
            async move {
                match what {
                    DiffCommand::Kustomization(a) => run_kustomization(ctx, a).await,
                    DiffCommand::HelmRelease(a) => super::diff_helmrelease::run(ctx, a).await,
                    DiffCommand::Artifact(a) => super::artifact::run_diff(ctx, a).await,
                }
            }
        }
    };
    let outcome = match tokio::time::timeout(timeout, work).await {
        Ok(r) => r,
        Err(_) => Err(anyhow::anyhow!(
            "timed out after {} (raise --timeout)",
            crate::duration::format(timeout)
        )),
    };
    match outcome {
        Ok(false) => Ok(()),
        Ok(true) => {
            ctx.printer
                .warning("identified at least one change, exiting with non-zero exit code");
            Err(ExitError::new(EXIT_CHANGES, "").into())
        }
        Err(e) => Err(ExitError::new(EXIT_ERROR, super::output::message(&e)).into()),
    }
}

/// The diff; `Ok(true)` when something would change.
async fn run_kustomization(ctx: &CliContext, args: DiffKustomizationArgs) -> anyhow::Result<bool> {
    if args.ignore_not_found && args.build.kustomization_file.is_none() {
        anyhow::bail!(
            "--ignore-not-found requires --kustomization-file: without the cluster's copy, the Kustomization must come from a file"
        );
    }
    let built = build_kustomization(
        ctx,
        &args.build,
        LiveKustomization::WithStatus(args.ignore_not_found),
    )
    .await?;
    let ks = &built.kustomization;
    let name = ks.metadata.name.clone().unwrap_or_default();
    let namespace = ks
        .metadata
        .namespace
        .clone()
        .unwrap_or_else(|| ctx.namespace().to_string());
    if ks.spec.kube_config.is_some() {
        anyhow::bail!(
            "Kustomization {namespace}/{name} applies to a remote cluster (spec.kubeConfig): diff compares with the cluster of the kubeconfig only"
        );
    }
    let previous = match ks.status.as_ref().and_then(|s| s.inventory.as_ref()) {
        Some(inv) if ks.spec.prune && built.in_cluster => Some(
            crate::engine::status::inventory_from_status(inv)
                .with_context(|| format!("Kustomization {namespace}/{name}: status.inventory"))?,
        ),
        _ => None,
    };
    let owner = crate::engine::owner(&namespace, &name, crate::engine::DEFAULT_FIELD_MANAGER);
    let client = ctx.reachable_client().await?;
    let masked = built.masked;
    let opts = DiffOptions {
        force: ks.spec.force,
        previous,
    };
    let mut plan = plan(
        ctx,
        Manager::new(client, owner),
        built.objects,
        &opts,
        args.progress_bar,
    )
    .await
    .with_context(|| format!("diff of Kustomization {namespace}/{name}"))?;
    compare_masked_secrets_by_keys(&mut plan);
    hide_encrypted_values(&mut plan, &masked);
    print(ctx, &plan, args.output, "Kustomization", &name, &namespace);
    Ok(plan.has_changes())
}

/// The plan of `objects` against the cluster ([`Manager::diff`]), with a progress bar on
/// stderr when asked (default: when stderr is a terminal).
pub(crate) async fn plan(
    ctx: &CliContext,
    mut manager: Manager,
    objects: Vec<Value>,
    opts: &DiffOptions,
    progress_bar: Option<bool>,
) -> anyhow::Result<Plan> {
    let show_bar = progress_bar.unwrap_or_else(|| ctx.printer.stderr_is_terminal());
    let progress = show_bar.then(|| ctx.printer.diff_progress());
    if let Some(p) = &progress {
        manager = manager.with_progress(Arc::clone(p) as Arc<dyn crate::apply::Progress>);
    }
    let plan = manager.diff(objects, opts).await;
    if let Some(p) = &progress {
        p.finish();
    }
    Ok(plan?)
}

/// Prints a plan in the chosen format; `kind` is the Flux object compared (`Kustomization`,
/// `HelmRelease`).
pub(crate) fn print(
    ctx: &CliContext,
    plan: &Plan,
    format: DiffFormat,
    kind: &str,
    name: &str,
    namespace: &str,
) {
    let title = format!("{kind} {namespace}/{name}");
    match format {
        DiffFormat::Text => ctx.printer.data(render_text(plan, ctx.printer.stdout_color())),
        DiffFormat::Json => ctx.printer.data(render_json(plan, kind, name, namespace)),
        DiffFormat::Markdown => ctx.printer.data(render_markdown(plan, &title)),
        DiffFormat::Github => ctx.printer.data(render_github(plan, &title)),
    }
}

/// Without an age key, SOPS-encrypted Secret values are built as the mask (`**SOPS**`), so
/// such Secrets are compared by their keys only, as `flux diff` compares them: every masked
/// value takes the live value of its key before the comparison.
pub(crate) fn compare_masked_secrets_by_keys(plan: &mut Plan) {
    let mask = crate::sops::mask_base64();
    for e in &mut plan.entries {
        if e.action != DiffAction::Drifted {
            continue;
        }
        let (Some(live), Some(after)) = (e.live.as_ref(), e.after.as_mut()) else {
            continue;
        };
        if !crate::diff::is_secret(after) {
            continue;
        }
        let Some(data) = after.get_mut("data").and_then(Value::as_object_mut) else {
            continue;
        };
        let mut masked = false;
        for (k, v) in data.iter_mut() {
            if v.as_str() == Some(mask.as_str())
                && let Some(l) = live["data"].get(k)
            {
                *v = l.clone();
                masked = true;
            }
        }
        if masked && crate::diff::normalize(live) == crate::diff::normalize(after) {
            e.action = DiffAction::Unchanged;
            e.live = None;
            e.after = None;
        }
    }
}

/// SOPS-encrypted values of objects other than Secrets (which are masked whole) are hidden
/// in both the live object and the result: `masked` is the build with encrypted values as
/// the mask, which tells where they are. With a key, a changed value shows as
/// `**SOPS** (before)`/`**SOPS** (after)`; without one (the result holds the mask), the value
/// is taken as unchanged.
pub(crate) fn hide_encrypted_values(plan: &mut Plan, masked: &[Value]) {
    let mut by_name: BTreeMap<String, &Value> = BTreeMap::new();
    for m in masked {
        by_name.insert(crate::build::resource::object_ref(m).to_string(), m);
    }
    for e in &mut plan.entries {
        let Some(m) = by_name.get(&e.object.to_string()) else {
            continue;
        };
        if crate::diff::is_secret(m) {
            continue;
        }
        let mut pointers = std::collections::BTreeSet::new();
        crate::diff::mask_pointers(m, crate::sops::MASK, &mut pointers);
        if pointers.is_empty() {
            continue;
        }
        let mut changed = false;
        for p in &pointers {
            let live = e.live.as_ref().and_then(|l| l.pointer(p)).cloned();
            let Some(after) = e.after.as_mut().and_then(|a| a.pointer_mut(p)) else {
                continue;
            };
            let mask = crate::sops::MASK;
            let unknown = after.as_str() == Some(mask);
            let same = unknown || live.as_ref() == Some(&*after);
            if same {
                *after = Value::String(mask.into());
            } else {
                *after = Value::String(format!("{mask} (after)"));
                changed = true;
            }
            if let Some(l) = e.live.as_mut().and_then(|l| l.pointer_mut(p)) {
                *l = Value::String(if same {
                    mask.into()
                } else {
                    format!("{mask} (before)")
                });
            }
        }
        if e.action == DiffAction::Drifted
            && !changed
            && let (Some(l), Some(a)) = (&e.live, &e.after)
            && crate::diff::normalize(l) == crate::diff::normalize(a)
        {
            e.action = DiffAction::Unchanged;
            e.live = None;
            e.after = None;
        }
    }
}

/// Entries that are printed (everything but unchanged objects).
fn reported(plan: &Plan) -> impl Iterator<Item = &DiffEntry> {
    plan.entries.iter().filter(|e| e.action != DiffAction::Unchanged)
}

fn presented(e: &DiffEntry) -> Presented {
    Presented::new(e.live.as_ref(), e.after.as_ref())
}

/// `► Kind/ns/name action` lines, each drifted object followed by its unified diff.
pub fn render_text(plan: &Plan, color: bool) -> String {
    let paint = |style: Style, s: &str| {
        if color {
            // The caller decided (terminal, NO_COLOR): do not ask console again.
            style.force_styling(true).apply_to(s).to_string()
        } else {
            s.to_string()
        }
    };
    let mut out = String::new();
    for e in reported(plan) {
        let _ = writeln!(
            out,
            "{} {} {}",
            paint(Style::new().cyan(), "►"),
            e.object,
            e.action
        );
        if e.action == DiffAction::Drifted {
            for line in presented(e).unified(&e.object.to_string()).lines() {
                let style = if line.starts_with("+++") || line.starts_with("---") {
                    Style::new().bold()
                } else if line.starts_with('+') {
                    Style::new().green()
                } else if line.starts_with('-') {
                    Style::new().red()
                } else if line.starts_with("@@") {
                    Style::new().cyan()
                } else {
                    Style::new()
                };
                let _ = writeln!(out, "{}", paint(style, line));
            }
        }
    }
    out
}

fn identity(e: &DiffEntry) -> serde_json::Map<String, Value> {
    let mut m = serde_json::Map::new();
    m.insert("action".into(), json!(e.action));
    m.insert("apiVersion".into(), json!(e.object.api_version()));
    m.insert("kind".into(), json!(e.object.kind));
    if !e.object.namespace.is_empty() {
        m.insert("namespace".into(), json!(e.object.namespace));
    }
    m.insert("name".into(), json!(e.object.name));
    m
}

/// The change set as one JSON document; the object compared is under its kind in lower case
/// (`"kustomization": {"name", "namespace"}`).
pub fn render_json(plan: &Plan, kind: &str, name: &str, namespace: &str) -> String {
    let mut changes = Vec::new();
    let mut skipped = Vec::new();
    for e in reported(plan) {
        let mut m = identity(e);
        if let Some(r) = &e.reason {
            m.insert("reason".into(), json!(r));
        }
        match e.action {
            DiffAction::Skipped => {
                skipped.push(Value::Object(m));
                continue;
            }
            DiffAction::Drifted => {
                let p = presented(e);
                m.insert("fields".into(), json!(p.field_changes()));
            }
            DiffAction::Created => {
                if let Some(after) = presented(e).after {
                    m.insert("object".into(), after);
                }
            }
            _ => {}
        }
        changes.push(Value::Object(m));
    }
    let mut doc = json!({
        "changed": plan.has_changes(),
        "summary": {
            "created": plan.count(DiffAction::Created),
            "drifted": plan.count(DiffAction::Drifted),
            "deleted": plan.count(DiffAction::Deleted),
            "skipped": plan.count(DiffAction::Skipped),
            "unchanged": plan.count(DiffAction::Unchanged),
        },
        "changes": changes,
        "skipped": skipped,
    });
    doc[kind.to_ascii_lowercase()] = json!({"name": name, "namespace": namespace});
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

/// GitHub refuses comments over 65536 characters; diffs past this budget are left out.
const MARKDOWN_BUDGET: usize = 60_000;

/// A summary table and collapsed diffs, for a pull-request comment.
pub fn render_markdown(plan: &Plan, title: &str) -> String {
    let mut out = format!("### flux-rs diff: {title}\n\n");
    if !plan.has_changes() && plan.count(DiffAction::Skipped) == 0 {
        out.push_str("No changes.\n");
        return out;
    }
    let _ = writeln!(
        out,
        "**{} created, {} drifted, {} deleted** ({} skipped, {} unchanged)\n",
        plan.count(DiffAction::Created),
        plan.count(DiffAction::Drifted),
        plan.count(DiffAction::Deleted),
        plan.count(DiffAction::Skipped),
        plan.count(DiffAction::Unchanged)
    );
    out.push_str("| Action | Kind | Namespace | Name |\n| --- | --- | --- | --- |\n");
    for e in reported(plan) {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            e.action,
            cell(&e.object.kind),
            cell(&e.object.namespace),
            cell(&e.object.name)
        );
    }
    let mut omitted = 0;
    for e in reported(plan).filter(|e| e.action == DiffAction::Drifted) {
        let diff = presented(e).unified(&e.object.to_string());
        let fence = if diff.contains("```") { "````" } else { "```" };
        let block = format!(
            "\n<details><summary>{} drifted</summary>\n\n{fence}diff\n{diff}{fence}\n\n</details>\n",
            cell(&e.object.to_string())
        );
        if out.len() + block.len() > MARKDOWN_BUDGET {
            omitted += 1;
            continue;
        }
        out.push_str(&block);
    }
    if omitted > 0 {
        let _ = writeln!(
            out,
            "\n{omitted} more diff(s) left out to fit a comment: run `flux-rs diff` for all of them."
        );
    }
    out
}

/// GitHub workflow annotations: one `::notice` per object that changes.
pub fn render_github(plan: &Plan, title: &str) -> String {
    let mut out = String::new();
    for e in reported(plan) {
        let mut message = format!("{} {}", e.object, e.action);
        if let Some(r) = &e.reason {
            let _ = write!(message, " ({r})");
        }
        out.push_str(&super::diff_fleet::annotation(
            "notice",
            &format!("flux-rs diff: {title}"),
            &message,
        ));
    }
    out
}

/// A Markdown table cell: pipes and angle brackets escaped.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::ObjectRef;

    fn r(kind: &str, ns: &str, name: &str) -> ObjectRef {
        ObjectRef {
            group: if kind == "Deployment" {
                "apps".into()
            } else {
                String::new()
            },
            version: "v1".into(),
            kind: kind.into(),
            namespace: ns.into(),
            name: name.into(),
        }
    }

    fn plan() -> Plan {
        let dep = |replicas: i64| {
            json!({"apiVersion": "apps/v1", "kind": "Deployment",
                "metadata": {"name": "web", "namespace": "n", "resourceVersion": "9"},
                "spec": {"replicas": replicas}})
        };
        let secret = |v: &str| {
            json!({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s", "namespace": "n"},
                "data": {"password": v}})
        };
        Plan {
            entries: vec![
                DiffEntry {
                    object: r("ConfigMap", "n", "new"),
                    action: DiffAction::Created,
                    reason: None,
                    live: None,
                    after: Some(
                        json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "new"}}),
                    ),
                },
                DiffEntry {
                    object: r("Secret", "n", "s"),
                    action: DiffAction::Drifted,
                    reason: None,
                    live: Some(secret("b2xkLXZhbHVl")),
                    after: Some(secret("bmV3LXZhbHVl")),
                },
                DiffEntry {
                    object: r("Deployment", "n", "web"),
                    action: DiffAction::Drifted,
                    reason: None,
                    live: Some(dep(1)),
                    after: Some(dep(2)),
                },
                DiffEntry {
                    object: r("ConfigMap", "n", "same"),
                    action: DiffAction::Unchanged,
                    reason: None,
                    live: None,
                    after: None,
                },
                DiffEntry {
                    object: r("ConfigMap", "n", "manual"),
                    action: DiffAction::Skipped,
                    reason: Some("kustomize.toolkit.fluxcd.io/reconcile: disabled".into()),
                    live: None,
                    after: None,
                },
                DiffEntry {
                    object: r("ConfigMap", "n", "old"),
                    action: DiffAction::Deleted,
                    reason: None,
                    live: Some(json!({})),
                    after: None,
                },
            ],
        }
    }

    #[test]
    fn text_lists_changes_with_diffs() {
        let t = render_text(&plan(), false);
        assert_eq!(
            t,
            "► ConfigMap/n/new created\n\
             ► Secret/n/s drifted\n\
             --- Secret/n/s (live)\n\
             +++ Secret/n/s (after apply)\n\
             @@ -1,6 +1,6 @@\n \
             apiVersion: v1\n \
             data:\n\
             -  password: '*** (before)'\n\
             +  password: '*** (after)'\n \
             kind: Secret\n \
             metadata:\n   \
             name: s\n\
             ► Deployment/n/web drifted\n\
             --- Deployment/n/web (live)\n\
             +++ Deployment/n/web (after apply)\n\
             @@ -4,4 +4,4 @@\n   \
             name: web\n   \
             namespace: \"n\"\n \
             spec:\n\
             -  replicas: 1\n\
             +  replicas: 2\n\
             ► ConfigMap/n/manual skipped\n\
             ► ConfigMap/n/old deleted\n"
        );
        assert!(!t.contains("b2xk") && !t.contains("bmV3"));
        assert_eq!(render_text(&Plan::default(), false), "");
        assert!(render_text(&plan(), true).contains("\u{1b}["));
    }

    #[test]
    fn json_is_structured_and_masked() {
        let s = render_json(&plan(), "Kustomization", "apps", "flux-system");
        assert!(!s.contains("b2xk") && !s.contains("bmV3"), "{s}");
        let v: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(v["changed"], true);
        assert_eq!(
            v["summary"],
            json!({"created": 1, "drifted": 2, "deleted": 1, "skipped": 1, "unchanged": 1})
        );
        assert_eq!(v["changes"].as_array().unwrap().len(), 4);
        assert_eq!(
            v["changes"][1]["fields"],
            json!([{"path": "/data/password", "before": "*** (before)", "after": "*** (after)"}])
        );
        assert_eq!(
            v["changes"][2]["fields"],
            json!([{"path": "/spec/replicas", "before": 1, "after": 2}])
        );
        assert_eq!(v["changes"][2]["apiVersion"], "apps/v1");
        assert_eq!(v["changes"][0]["object"]["metadata"]["name"], "new");
        assert_eq!(v["changes"][3]["action"], "deleted");
        assert_eq!(
            v["skipped"][0]["reason"],
            "kustomize.toolkit.fluxcd.io/reconcile: disabled"
        );
        let empty: Value =
            serde_json::from_str(&render_json(&Plan::default(), "Kustomization", "a", "b")).unwrap();
        assert_eq!(empty["changed"], false);
        assert_eq!(empty["changes"], json!([]));
    }

    #[test]
    fn markdown_has_a_table_and_collapsed_diffs() {
        let m = render_markdown(&plan(), "Kustomization flux-system/apps");
        assert!(m.starts_with("### flux-rs diff: Kustomization flux-system/apps\n\n**1 created, 2 drifted, 1 deleted** (1 skipped, 1 unchanged)\n"), "{m}");
        assert!(m.contains("| created | ConfigMap | n | new |\n"), "{m}");
        assert!(m.contains("| deleted | ConfigMap | n | old |\n"), "{m}");
        assert!(m.contains("<details><summary>Deployment/n/web drifted</summary>\n\n```diff\n--- Deployment/n/web (live)\n"), "{m}");
        assert!(
            m.contains("-  replicas: 1\n+  replicas: 2\n```\n\n</details>\n"),
            "{m}"
        );
        assert!(!m.contains("b2xk") && !m.contains("bmV3"));
        assert_eq!(
            render_markdown(&Plan::default(), "K"),
            "### flux-rs diff: K\n\nNo changes.\n"
        );
        assert_eq!(cell("a|b<c>"), "a\\|b&lt;c&gt;");
    }
}
