//! `flux-rs get kustomizations|sources git|sources all|all`: status tables as flux prints
//! them (NAME REVISION SUSPENDED READY MESSAGE), kubectl-style `List` documents with
//! `-o yaml|json`, and `--watch` for rows as objects change.

use std::pin::pin;

use clap::{Args, Subcommand, ValueEnum};
use futures::StreamExt;
use serde_json::Value;

use super::kind::namespace_phrase;
use super::output::format::{json_text, list_document, shorten_hex, sorted, without_managed_fields};
use super::output::table::{Cell, Table, TableStream, Tone};
use super::{CliContext, ExitError};
use crate::ops::list::{WatchEvent, filter_status};
use crate::ops::{FluxKind, FluxStatus, ListOptions, LiveObject, StatusSelector};

const GET_HELP: &str = "\
Examples:
  # Kustomizations in the flux-system namespace and their status
  flux-rs get kustomizations

  # Every Kustomization that is not ready, in any namespace
  flux-rs get ks -A --status-selector ready=false

  # GitRepositories labelled team=payments, as YAML (a kubectl-style List)
  flux-rs get sources git -n apps -l team=payments -o yaml

  # Follow a Kustomization until it changes (stops after --timeout)
  flux-rs get ks apps --watch --timeout 30m

  # Everything Flux manages in a namespace
  flux-rs get all -n apps";

/// Flags of `get`.
#[derive(Debug, Args)]
#[command(
    long_about = "Print the status of Flux objects: their last applied or fetched revision, whether they \
        are suspended, and their Ready condition (`waiting to be reconciled` when no controller has \
        reported yet). Hashes of 40 or more hex digits are shortened to 8 in tables.\n\n\
        With -o yaml or -o json the objects are printed whole, as a kubectl-style List. An empty result \
        prints a message on stderr and exits 0; a NAME that does not exist exits 1.",
    after_help = GET_HELP
)]
pub struct GetArgs {
    /// What to list.
    #[command(subcommand)]
    pub what: GetWhat,
    /// Flags shared by every `get` command.
    #[command(flatten)]
    pub flags: GetFlags,
}

/// Flags shared by every `get` command.
#[derive(Debug, Clone, Args)]
pub struct GetFlags {
    /// List the objects across all namespaces (adds a NAMESPACE column).
    #[arg(short = 'A', long, global = true, num_args = 0..=1, require_equals = true,
          default_missing_value = "true", default_value_t = false, action = clap::ArgAction::Set)]
    pub all_namespaces: bool,
    /// Do not print the header line.
    #[arg(long, global = true, num_args = 0..=1, require_equals = true,
          default_missing_value = "true", default_value_t = false, action = clap::ArgAction::Set)]
    pub no_header: bool,
    /// After listing, print a row whenever an object changes, until --timeout.
    #[arg(short = 'w', long, global = true, num_args = 0..=1, require_equals = true,
          default_missing_value = "true", default_value_t = false, action = clap::ArgAction::Set)]
    pub watch: bool,
    /// Only objects whose condition has a status: TYPE=STATUS or TYPE!=STATUS, any case
    /// (ready=false also matches objects not reconciled yet).
    #[arg(long, global = true, value_name = "TYPE=STATUS")]
    pub status_selector: Option<String>,
    /// Only objects whose labels match the selector (app=web,tier!=db).
    #[arg(short = 'l', long, global = true, value_name = "SELECTOR")]
    pub label_selector: Option<String>,
    /// Output format.
    #[arg(short = 'o', long, global = true, value_enum, default_value_t = GetFormat::Table)]
    pub output: GetFormat,
}

/// Output formats of `get`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GetFormat {
    /// Aligned columns.
    Table,
    /// Aligned columns with more details (source, path, URL, reference, interval).
    Wide,
    /// The objects as a YAML List.
    Yaml,
    /// The objects as a JSON List.
    Json,
}

/// What `get` lists.
#[derive(Debug, Subcommand)]
pub enum GetWhat {
    /// Kustomizations and their status.
    #[command(
        visible_alias = "ks",
        alias = "kustomization",
        long_about = "Print the status of Kustomizations: NAME, REVISION (the last applied revision), \
            SUSPENDED, READY and MESSAGE.",
        after_help = "Examples:\n  flux-rs get kustomizations\n  flux-rs get ks apps -n apps\n  \
            flux-rs get ks -A --show-source\n  flux-rs get ks -o json | jq '.items[].status.inventory'"
    )]
    Kustomizations(GetKsArgs),
    /// HelmReleases and their status (helm.toolkit.fluxcd.io/v2).
    #[command(
        visible_alias = "hr",
        alias = "helmrelease",
        long_about = "Print the status of HelmReleases: NAME, REVISION (the chart version of the \
            last attempt), SUSPENDED, READY and MESSAGE.",
        after_help = "Examples:\n  flux-rs get helmreleases\n  flux-rs get hr podinfo -n apps\n  \
            flux-rs get hr -A -o yaml"
    )]
    Helmreleases(GetNameArgs),
    /// Sources and their status.
    #[command(subcommand, alias = "source")]
    Sources(GetSources),
    /// Alerts (notification.toolkit.fluxcd.io/v1beta3).
    #[command(
        alias = "alert",
        long_about = "Print Alerts: NAME, SUSPENDED, PROVIDER (spec.providerRef) and SEVERITY \
            (spec.eventSeverity). Alerts (v1beta3) have no status.",
        after_help = "Examples:\n  flux-rs get alerts\n  flux-rs get alerts -A"
    )]
    Alerts(GetNameArgs),
    /// Providers of alerts (notification.toolkit.fluxcd.io/v1beta3).
    #[command(
        alias = "alert-provider",
        long_about = "Print alert Providers: NAME, SUSPENDED, TYPE and ADDRESS (only spec.address; an \
            address kept in the secretRef is not shown). Providers (v1beta3) have no status.",
        after_help = "Examples:\n  flux-rs get alert-providers\n  flux-rs get alert-providers -A"
    )]
    AlertProviders(GetNameArgs),
    /// Receivers of webhooks and their status (notification.toolkit.fluxcd.io/v1).
    #[command(
        alias = "receiver",
        long_about = "Print Receivers: NAME, SUSPENDED, READY and MESSAGE (the message of a ready \
            Receiver names its webhook path).",
        after_help = "Examples:\n  flux-rs get receivers\n  flux-rs get receivers -o yaml"
    )]
    Receivers(GetNameArgs),
    /// Every Flux object and its status, kind by kind.
    #[command(
        long_about = "Print the status of every Flux object in the namespace: sources first, then \
            HelmReleases and Kustomizations, then Receivers, Providers and Alerts, one table per kind with names written kind/name. Kinds \
            whose CRD is not installed are skipped. --watch is not supported.",
        after_help = "Examples:\n  flux-rs get all\n  flux-rs get all -A\n  flux-rs get all -n apps -o yaml"
    )]
    All,
}

/// What `get sources` lists.
#[derive(Debug, Subcommand)]
pub enum GetSources {
    /// GitRepositories and their status.
    #[command(
        alias = "gitrepository",
        long_about = "Print the status of GitRepositories: NAME, REVISION (the artifact's revision), \
            SUSPENDED, READY and MESSAGE.",
        after_help = "Examples:\n  flux-rs get sources git\n  flux-rs get sources git -A\n  \
            flux-rs get sources git podinfo -o wide"
    )]
    Git(GetNameArgs),
    /// OCIRepositories and their status.
    #[command(
        alias = "ocirepository",
        long_about = "Print the status of OCIRepositories: NAME, REVISION (the artifact's revision, \
            <tag>@sha256:<digest>), SUSPENDED, READY and MESSAGE.",
        after_help = "Examples:\n  flux-rs get sources oci\n  flux-rs get sources oci -A -o wide"
    )]
    Oci(GetNameArgs),
    /// HelmRepositories and their status.
    #[command(
        alias = "helmrepository",
        long_about = "Print the status of HelmRepositories: NAME, REVISION (the index's digest), \
            SUSPENDED, READY and MESSAGE.",
        after_help = "Examples:\n  flux-rs get sources helm\n  flux-rs get sources helm -A"
    )]
    Helm(GetNameArgs),
    /// HelmCharts and their status.
    #[command(
        alias = "helmchart",
        long_about = "Print the status of HelmCharts: NAME, REVISION (the chart version), \
            SUSPENDED, READY and MESSAGE.",
        after_help = "Examples:\n  flux-rs get sources chart\n  flux-rs get sources chart -A"
    )]
    Chart(GetNameArgs),
    /// Every source and its status (OCIRepository, Bucket, GitRepository, HelmRepository,
    /// HelmChart).
    #[command(
        long_about = "Print the status of every source in the namespace, one table per kind with names \
            written kind/name. Kinds whose CRD is not installed are skipped. --watch is not supported.",
        after_help = "Examples:\n  flux-rs get sources all\n  flux-rs get sources all -A"
    )]
    All,
}

/// Arguments of `get kustomizations`.
#[derive(Debug, Args)]
pub struct GetKsArgs {
    /// Only the Kustomization of this name.
    pub name: Option<String>,
    /// Add a SOURCE column (Kind/namespace/name of the source).
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub show_source: bool,
}

/// Arguments of `get sources git`.
#[derive(Debug, Args)]
pub struct GetNameArgs {
    /// Only the object of this name.
    pub name: Option<String>,
}

impl GetArgs {
    /// Whether the command runs until `--timeout` on its own (a watch).
    pub fn manages_timeout(&self) -> bool {
        self.flags.watch
    }
}

/// How rows are built for one kind.
struct Columns {
    kind: FluxKind,
    namespace: bool,
    kind_prefix: bool,
    wide: bool,
    source: bool,
}

impl Columns {
    fn headers(&self) -> Vec<String> {
        let mut h: Vec<&str> = Vec::new();
        if self.namespace {
            h.push("Namespace");
        }
        if let Some(n) = notification_headers(self.kind) {
            h.extend(n);
            return h.into_iter().map(str::to_string).collect();
        }
        h.extend(["Name", "Revision", "Suspended", "Ready"]);
        h.extend(self.extra_headers());
        h.push("Message");
        h.into_iter().map(str::to_string).collect()
    }

    fn extra_headers(&self) -> Vec<&'static str> {
        match (self.kind, self.wide) {
            (FluxKind::Kustomization, true) => vec!["Source", "Path", "Interval"],
            (FluxKind::Kustomization, false) if self.source => vec!["Source"],
            (FluxKind::GitRepository, true) => vec!["URL", "Ref", "Interval"],
            (_, true) => vec!["URL", "Interval"],
            _ => vec![],
        }
    }

    fn row(&self, obj: &LiveObject) -> Vec<Cell> {
        let s = obj.summary();
        let mut row: Vec<Cell> = Vec::new();
        if self.namespace {
            row.push(s.namespace.clone().into());
        }
        let name = if self.kind_prefix {
            format!("{}/{}", self.kind.kind().to_lowercase(), s.name)
        } else {
            s.name.clone()
        };
        row.push(name.into());
        if notification_headers(self.kind).is_some() {
            return notification_row(self.kind, obj, row);
        }
        row.push(shorten_hex(&s.revision).into());
        let suspended = if s.suspended { "True" } else { "False" };
        row.push(Cell::toned(
            suspended,
            if s.suspended { Tone::Warn } else { Tone::Plain },
        ));
        row.push(Cell::toned(s.ready.clone(), Tone::of_status(&s.ready)));
        let spec = obj.spec();
        let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
        for h in self.extra_headers() {
            let v = match h {
                "Source" => source_ref(obj),
                "Path" => spec["path"]
                    .as_str()
                    .filter(|p| !p.is_empty())
                    .unwrap_or("./")
                    .to_string(),
                "Interval" => text(&spec["interval"]),
                "URL" => text(&spec["url"]),
                "Ref" => git_ref(&spec["ref"]),
                _ => String::new(),
            };
            row.push(v.into());
        }
        row.push(shorten_hex(&s.message).into());
        row
    }
}

/// The columns of the notification kinds after the name: Alerts and Providers (`v1beta3`)
/// have no status, so their rows show what they are; Receivers have no revision.
fn notification_headers(kind: FluxKind) -> Option<[&'static str; 4]> {
    match kind {
        FluxKind::Alert => Some(["Name", "Suspended", "Provider", "Severity"]),
        FluxKind::Provider => Some(["Name", "Suspended", "Type", "Address"]),
        FluxKind::Receiver => Some(["Name", "Suspended", "Ready", "Message"]),
        _ => None,
    }
}

fn notification_row(kind: FluxKind, obj: &LiveObject, mut row: Vec<Cell>) -> Vec<Cell> {
    let s = obj.summary();
    let spec = obj.spec();
    let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
    let suspended = if s.suspended { "True" } else { "False" };
    row.push(Cell::toned(
        suspended,
        if s.suspended { Tone::Warn } else { Tone::Plain },
    ));
    match kind {
        FluxKind::Alert => {
            row.push(text(&spec["providerRef"]["name"]).into());
            let sev = spec["eventSeverity"].as_str().unwrap_or("info");
            row.push(sev.to_string().into());
        }
        FluxKind::Provider => {
            row.push(text(&spec["type"]).into());
            // The address may come from a Secret; only the spec's own is shown.
            let addr = spec["address"].as_str().unwrap_or_default();
            let shown = if addr.is_empty() && !spec["secretRef"].is_null() {
                "(from secretRef)".to_string()
            } else {
                addr.to_string()
            };
            row.push(shown.into());
        }
        _ => {
            row.push(Cell::toned(s.ready.clone(), Tone::of_status(&s.ready)));
            row.push(s.message.clone().into());
        }
    }
    row
}

/// `Kind/namespace/name` of a Kustomization's source.
fn source_ref(obj: &LiveObject) -> String {
    let r = &obj.spec()["sourceRef"];
    format!(
        "{}/{}/{}",
        r["kind"].as_str().unwrap_or_default(),
        r["namespace"].as_str().unwrap_or(obj.namespace()),
        r["name"].as_str().unwrap_or_default()
    )
}

/// The reference a GitRepository follows, the one that takes precedence first.
fn git_ref(r: &Value) -> String {
    for key in ["commit", "name", "semver", "tag", "branch"] {
        if let Some(v) = r[key].as_str().filter(|v| !v.is_empty()) {
            return format!("{key}/{}", shorten_hex(v));
        }
    }
    format!("branch/{}", crate::api::source::DEFAULT_BRANCH)
}

/// Runs `get`.
pub async fn run(ctx: &CliContext, args: GetArgs) -> anyhow::Result<()> {
    let flags = args.flags;
    let selector = flags
        .status_selector
        .as_deref()
        .map(StatusSelector::parse)
        .transpose()?;
    match args.what {
        GetWhat::Kustomizations(a) => {
            single(
                ctx,
                &flags,
                selector.as_ref(),
                FluxKind::Kustomization,
                a.name,
                a.show_source,
            )
            .await
        }
        GetWhat::Helmreleases(a) => {
            single(
                ctx,
                &flags,
                selector.as_ref(),
                FluxKind::HelmRelease,
                a.name,
                false,
            )
            .await
        }
        GetWhat::Sources(GetSources::Git(a)) => {
            single(
                ctx,
                &flags,
                selector.as_ref(),
                FluxKind::GitRepository,
                a.name,
                false,
            )
            .await
        }
        GetWhat::Sources(GetSources::Oci(a)) => {
            single(
                ctx,
                &flags,
                selector.as_ref(),
                FluxKind::OciRepository,
                a.name,
                false,
            )
            .await
        }
        GetWhat::Sources(GetSources::Helm(a)) => {
            single(
                ctx,
                &flags,
                selector.as_ref(),
                FluxKind::HelmRepository,
                a.name,
                false,
            )
            .await
        }
        GetWhat::Sources(GetSources::Chart(a)) => {
            single(ctx, &flags, selector.as_ref(), FluxKind::HelmChart, a.name, false).await
        }
        GetWhat::Sources(GetSources::All) => {
            many(ctx, &flags, selector.as_ref(), &FluxKind::SOURCES, "sources").await
        }
        GetWhat::All => {
            // As upstream: the notification kinds after the others.
            let kinds: Vec<FluxKind> = FluxKind::ALL.into_iter().chain(FluxKind::NOTIFICATION).collect();
            many(ctx, &flags, selector.as_ref(), &kinds, "Flux").await
        }
        GetWhat::Alerts(a) => single(ctx, &flags, selector.as_ref(), FluxKind::Alert, a.name, false).await,
        GetWhat::AlertProviders(a) => {
            single(ctx, &flags, selector.as_ref(), FluxKind::Provider, a.name, false).await
        }
        GetWhat::Receivers(a) => {
            single(ctx, &flags, selector.as_ref(), FluxKind::Receiver, a.name, false).await
        }
    }
}

/// The filters of a listing that matched nothing, so the message says what was asked:
/// ` matching -l team=a and --status-selector ready=false`.
fn filters(flags: &GetFlags) -> String {
    let mut f = Vec::new();
    if let Some(l) = &flags.label_selector {
        f.push(format!("-l {l}"));
    }
    if let Some(s) = &flags.status_selector {
        f.push(format!("--status-selector {s}"));
    }
    if f.is_empty() {
        String::new()
    } else {
        format!(" matching {}", f.join(" and "))
    }
}

fn list_options(ctx: &CliContext, flags: &GetFlags, name: Option<String>) -> ListOptions {
    ListOptions {
        namespace: (!flags.all_namespaces).then(|| ctx.namespace().to_string()),
        name,
        label_selector: flags.label_selector.clone(),
    }
}

fn print_documents(ctx: &CliContext, format: GetFormat, objects: Vec<Value>) {
    let items = objects.into_iter().map(without_managed_fields).collect();
    let doc = list_document(items);
    match format {
        GetFormat::Json => ctx.printer.data(json_text(&sorted(&doc), 4)),
        _ => ctx.printer.data(crate::yaml::to_string(&doc)),
    }
}

async fn single(
    ctx: &CliContext,
    flags: &GetFlags,
    selector: Option<&StatusSelector>,
    kind: FluxKind,
    name: Option<String>,
    show_source: bool,
) -> anyhow::Result<()> {
    let flux = ctx.flux().await?;
    let opts = list_options(ctx, flags, name.clone());
    let columns = Columns {
        kind,
        namespace: flags.all_namespaces,
        kind_prefix: false,
        wide: flags.output == GetFormat::Wide,
        source: show_source,
    };
    if flags.watch {
        return watch(ctx, flags, selector, &flux, kind, &opts, &columns).await;
    }
    let objects = flux
        .list(kind, &opts)
        .await?
        .ok_or(crate::ops::Error::NotServed { kind })?;
    let objects = filter_status(objects, selector);
    let where_ = namespace_phrase(opts.namespace.as_deref());
    if objects.is_empty()
        && let Some(n) = &name
    {
        return Err(ExitError::new(1, format!("{kind} object '{n}' not found in {where_}")).into());
    }
    match flags.output {
        GetFormat::Yaml | GetFormat::Json => {
            print_documents(ctx, flags.output, objects.into_iter().map(|o| o.value).collect());
        }
        GetFormat::Table | GetFormat::Wide => {
            if objects.is_empty() {
                ctx.printer
                    .info(format!("no {kind} objects found in {where_}{}", filters(flags)));
                return Ok(());
            }
            let mut table = Table::new(columns.headers());
            for o in &objects {
                table.push(columns.row(o));
            }
            ctx.printer.table(&table, !flags.no_header);
        }
    }
    Ok(())
}

async fn many(
    ctx: &CliContext,
    flags: &GetFlags,
    selector: Option<&StatusSelector>,
    kinds: &[FluxKind],
    what: &str,
) -> anyhow::Result<()> {
    if flags.watch {
        return Err(super::usage_error(
            "expected a single resource type, but found all (--watch needs one kind)",
        ));
    }
    let flux = ctx.flux().await?;
    let opts = list_options(ctx, flags, None);
    let mut documents = Vec::new();
    let mut printed = false;
    for &kind in kinds {
        let Some(objects) = flux.list(kind, &opts).await? else {
            continue;
        };
        let objects = filter_status(objects, selector);
        if objects.is_empty() {
            continue;
        }
        match flags.output {
            GetFormat::Yaml | GetFormat::Json => documents.extend(objects.into_iter().map(|o| o.value)),
            GetFormat::Table | GetFormat::Wide => {
                let columns = Columns {
                    kind,
                    namespace: flags.all_namespaces,
                    kind_prefix: true,
                    wide: flags.output == GetFormat::Wide,
                    source: false,
                };
                let mut table = Table::new(columns.headers());
                for o in &objects {
                    table.push(columns.row(o));
                }
                ctx.printer.table(&table, !flags.no_header);
                ctx.printer.data("\n");
                printed = true;
            }
        }
    }
    match flags.output {
        GetFormat::Yaml | GetFormat::Json => print_documents(ctx, flags.output, documents),
        GetFormat::Table | GetFormat::Wide if !printed => ctx.printer.info(format!(
            "no {what} objects found in {}{}",
            namespace_phrase(opts.namespace.as_deref()),
            filters(flags)
        )),
        _ => {}
    }
    Ok(())
}

async fn watch(
    ctx: &CliContext,
    flags: &GetFlags,
    selector: Option<&StatusSelector>,
    flux: &crate::ops::FluxClient,
    kind: FluxKind,
    opts: &ListOptions,
    columns: &Columns,
) -> anyhow::Result<()> {
    let deadline = tokio::time::Instant::now() + ctx.global.timeout;
    let mut events = pin!(flux.watch(kind, opts).await?);
    let mut table = TableStream::new(columns.headers(), !flags.no_header);
    let mut listed: Vec<LiveObject> = Vec::new();
    let show = |objects: Vec<LiveObject>, table: &mut TableStream| {
        let objects = filter_status(objects, selector);
        if objects.is_empty() {
            return;
        }
        match flags.output {
            GetFormat::Table | GetFormat::Wide => {
                let rows: Vec<Vec<Cell>> = objects.iter().map(|o| columns.row(o)).collect();
                ctx.printer.table_rows(table, &rows);
            }
            GetFormat::Yaml => {
                for o in objects {
                    ctx.printer.data(format!(
                        "---\n{}",
                        crate::yaml::to_string(&without_managed_fields(o.value))
                    ));
                }
            }
            GetFormat::Json => {
                for o in objects {
                    ctx.printer
                        .data(json_text(&sorted(&without_managed_fields(o.value)), 4));
                }
            }
        }
    };
    loop {
        let next = match tokio::time::timeout_at(deadline, events.next()).await {
            Err(_) | Ok(None) => return Ok(()),
            Ok(Some(ev)) => ev?,
        };
        match next {
            WatchEvent::Listed(o) => listed.push(o),
            WatchEvent::ListDone => {
                listed.sort_by(|a, b| (a.namespace(), a.name()).cmp(&(b.namespace(), b.name())));
                show(std::mem::take(&mut listed), &mut table);
            }
            WatchEvent::Changed(o) | WatchEvent::Deleted(o) => show(vec![o], &mut table),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn rows_follow_flux_columns() {
        let ks = LiveObject::new(
            FluxKind::Kustomization,
            json!({"metadata": {"name": "apps", "namespace": "ns", "generation": 1},
                "spec": {"interval": "10m", "path": "./deploy", "prune": true, "suspend": true,
                    "sourceRef": {"kind": "GitRepository", "name": "repo"}},
                "status": {"observedGeneration": 1,
                    "lastAppliedRevision": "main@sha1:16cfcc0b9066b3234dda29927ac1c19860d9663f",
                    "conditions": [{"type": "Ready", "status": "True", "reason": "ReconciliationSucceeded",
                        "message": "Applied revision: main@sha1:16cfcc0b9066b3234dda29927ac1c19860d9663f",
                        "lastTransitionTime": "2024-05-01T10:00:00Z"}]}}),
        );
        let c = Columns {
            kind: FluxKind::Kustomization,
            namespace: true,
            kind_prefix: false,
            wide: true,
            source: false,
        };
        assert_eq!(
            c.headers(),
            [
                "Namespace",
                "Name",
                "Revision",
                "Suspended",
                "Ready",
                "Source",
                "Path",
                "Interval",
                "Message"
            ]
        );
        let texts: Vec<String> = c.row(&ks).into_iter().map(|c| c.text).collect();
        assert_eq!(
            texts,
            [
                "ns",
                "apps",
                "main@sha1:16cfcc0b",
                "True",
                "True",
                "GitRepository/ns/repo",
                "./deploy",
                "10m",
                "Applied revision: main@sha1:16cfcc0b"
            ]
        );
        assert_eq!(git_ref(&json!({"branch": "main", "tag": "v1"})), "tag/v1");
        assert_eq!(git_ref(&json!(null)), "branch/master");
    }
}
