//! HelmCharts from the command line: `reconcile source chart NAME [--with-source]` (through
//! the controller when one runs, else in this process with the source engine) and
//! `create source chart NAME --source=Kind/NAME --chart …`.

use std::time::Duration;

use clap::Args;
use kube::api::Api;
use serde_json::{Value, json};

use super::CliContext;
use super::create::{CreateCommon, apply, exists, export_document};
use super::flags;
use super::reconcile::RECONCILE_HELP;
use super::reconcile_kustomization::{Mode, ModeArgs, mode, reconcile_through_controller};
use crate::api::source::SOURCE_GROUP;
use crate::api::{GitRepository, HelmChart, HelmRepository};
use crate::ops::{FluxClient, FluxKind};
use crate::source::helm::chart;

/// How many chart artifacts of each HelmChart the CLI keeps in its cache.
const CLI_RETENTION: usize = 2;

/// Arguments of `reconcile source chart`.
#[derive(Debug, Clone, Args)]
#[command(
    long_about = "Reconcile a HelmChart now. When a controller runs in the cluster it is asked to \
        (the reconcile.fluxcd.io/requestedAt annotation, then a wait for Ready); otherwise this \
        process does the controller's work: from a HelmRepository, the highest version of the \
        chart in its index matching spec.version is downloaded (with the repository's credentials \
        and CAs), checked and stored; from a GitRepository, the directory at spec.chart is \
        packaged. spec.valuesFiles are merged into the packaged chart's values.yaml. Nothing is \
        downloaded again while the spec, the chosen version and the source's revision stay the \
        same. The artifact's revision is the chart version. With --with-source the source is \
        reconciled first.",
    after_help = RECONCILE_HELP
)]
pub struct ReconcileSourceChartArgs {
    /// Name of the HelmChart.
    pub name: String,
    /// Reconcile the HelmChart's source (HelmRepository or GitRepository) first.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub with_source: bool,
    /// Who reconciles.
    #[command(flatten)]
    pub mode: ModeArgs,
}

fn source_kind(chart: &HelmChart) -> anyhow::Result<FluxKind> {
    match chart.spec.source_ref.kind.as_str() {
        "HelmRepository" => Ok(FluxKind::HelmRepository),
        "GitRepository" => Ok(FluxKind::GitRepository),
        other => anyhow::bail!("--with-source: {other} sources are not supported by flux-rs"),
    }
}

/// Runs `reconcile source chart`.
pub async fn run_reconcile(ctx: &CliContext, args: ReconcileSourceChartArgs) -> anyhow::Result<()> {
    let client = ctx.reachable_client().await?;
    let flux = FluxClient::new(client.clone());
    let ns = ctx.namespace();
    let hc: HelmChart = flux.get_typed(ns, &args.name).await?;
    if hc.spec.suspend {
        anyhow::bail!("resource is suspended");
    }
    match mode(&client, ns, args.mode).await? {
        Mode::Controller => {
            if args.with_source {
                let kind = source_kind(&hc)?;
                let source = flux.get(kind, ns, &hc.spec.source_ref.name).await?;
                reconcile_through_controller(ctx, &flux, &source, true).await?;
            }
            let live = flux.get(FluxKind::HelmChart, ns, &args.name).await?;
            reconcile_through_controller(ctx, &flux, &live, true).await?;
            Ok(())
        }
        Mode::Local => {
            if args.with_source {
                let name = &hc.spec.source_ref.name;
                let revision = if source_kind(&hc)? == FluxKind::HelmRepository {
                    let repo: HelmRepository = flux.get_typed(ns, name).await?;
                    super::helm_source::fetch(ctx, &repo).await?
                } else {
                    let repo: GitRepository = flux.get_typed(ns, name).await?;
                    super::reconcile_source::fetch(ctx, &repo).await?
                };
                if !revision.is_empty() {
                    ctx.printer.success(format!("fetched revision {revision}"));
                }
            }
            let revision = fetch(ctx, &hc).await?;
            ctx.printer.success(format!("fetched revision {revision}"));
            Ok(())
        }
    }
}

/// Builds a HelmChart's artifact with the source engine in this process (the caller prints
/// the outcome); old artifacts of the object in the CLI's cache are removed.
pub async fn fetch(ctx: &CliContext, hc: &HelmChart) -> anyhow::Result<String> {
    let ns = hc.metadata.namespace.as_deref().unwrap_or_default();
    let name = hc.metadata.name.as_deref().unwrap_or_default();
    if hc.spec.suspend {
        anyhow::bail!("resource is suspended");
    }
    let client = ctx.client().await?;
    let opts = ctx.source_options().await?;
    ctx.printer
        .action(format!("fetching HelmChart {name} in {ns} namespace"));
    let spinner = ctx.printer.spinner(format!(
        "building chart {} from {}/{}",
        hc.spec.chart, hc.spec.source_ref.kind, hc.spec.source_ref.name
    ));
    let result = chart::reconcile(&client, hc, &opts).await;
    drop(spinner);
    let done = match result {
        Ok(r) => r,
        Err(e) => anyhow::bail!("HelmChart reconciliation failed: {}", e.message),
    };
    tracing::debug!(new_artifact = done.new_artifact, "source engine finished");
    ctx.printer.success(done.summary());
    if let Err(e) =
        opts.storage
            .garbage_collect(chart::KIND, ns, name, CLI_RETENTION, Some(&done.artifact.path))
    {
        ctx.printer.warning(format!("cannot remove old artifacts: {e}"));
    }
    Ok(done.revision)
}

/// Arguments of `create source chart`.
#[derive(Debug, Clone, Args)]
#[command(
    long_about = "Create or update a HelmChart (server-side apply, field manager `flux`), then \
        build it once from this machine as `flux-rs reconcile source chart --local` does. With \
        --export, print the manifest instead and touch nothing.\n\n\
        --chart is the chart's name in a HelmRepository, or its path in a GitRepository.",
    after_help = "Examples:\n  flux-rs create source chart podinfo --source=HelmRepository/podinfo --chart=podinfo \
        --chart-version='>=6.0.0'\n  \
        flux-rs create source chart app --source=GitRepository/apps --chart=./charts/app \
        --reconcile-strategy=Revision\n  \
        flux-rs create source chart app --source=HelmRepository/charts --chart=app \
        --values-files=values.yaml,values-prod.yaml --export"
)]
pub struct CreateSourceChartArgs {
    /// Name of the HelmChart.
    pub name: String,
    /// The source: HelmRepository/NAME or GitRepository/NAME (same namespace).
    #[arg(long, value_name = "KIND/NAME")]
    pub source: String,
    /// The chart's name (HelmRepository) or path (GitRepository).
    #[arg(long)]
    pub chart: String,
    /// A semantic-version range of the chart (HelmRepository sources; default: the newest).
    #[arg(long = "chart-version", value_name = "RANGE")]
    pub chart_version: Option<String>,
    /// What makes a new artifact: ChartVersion or Revision.
    #[arg(long = "reconcile-strategy", default_value = "ChartVersion",
          value_parser = ["ChartVersion", "Revision"])]
    pub reconcile_strategy: String,
    /// Values files merged in order into the chart's values.yaml (repeat or separate with commas).
    #[arg(long = "values-files", value_name = "PATH", value_delimiter = ',')]
    pub values_files: Vec<String>,
    /// Skip values files that do not exist.
    #[arg(long = "ignore-missing-values-files", num_args = 0..=1, require_equals = true,
          default_missing_value = "true", default_value_t = false, action = clap::ArgAction::Set)]
    pub ignore_missing_values_files: bool,
    /// How often the chart is checked.
    #[arg(long, default_value = "1m", value_parser = flags::parse_duration)]
    pub interval: Duration,
    /// Flags shared by create commands.
    #[command(flatten)]
    pub common: CreateCommon,
}

/// The HelmChart manifest the flags describe.
pub fn manifest(args: &CreateSourceChartArgs, namespace: &str) -> anyhow::Result<Value> {
    let Some((kind, source)) = args.source.split_once('/').filter(|(_, n)| !n.is_empty()) else {
        anyhow::bail!(
            "invalid --source {:?}: expected HelmRepository/NAME or GitRepository/NAME",
            args.source
        );
    };
    let kind = match kind.to_ascii_lowercase().as_str() {
        "helmrepository" => "HelmRepository",
        "gitrepository" => "GitRepository",
        _ => anyhow::bail!(
            "invalid --source {:?}: the kind must be HelmRepository or GitRepository",
            args.source
        ),
    };
    if args.chart.is_empty() {
        anyhow::bail!("--chart is required");
    }
    if let Some(v) = &args.chart_version {
        crate::source::reference::Constraint::parse(v)
            .map_err(|e| anyhow::anyhow!("invalid --chart-version {v:?}: {e}"))?;
    }
    let mut spec = json!({
        "chart": args.chart,
        "sourceRef": {"kind": kind, "name": source},
        "interval": crate::duration::format(args.interval),
        "reconcileStrategy": args.reconcile_strategy,
    });
    if let Some(v) = &args.chart_version {
        spec["version"] = json!(v);
    }
    if !args.values_files.is_empty() {
        spec["valuesFiles"] = json!(args.values_files);
    }
    if args.ignore_missing_values_files {
        spec["ignoreMissingValuesFiles"] = json!(true);
    }
    let mut metadata = json!({"name": args.name, "namespace": namespace});
    let labels = args.common.labels()?;
    if !labels.is_empty() {
        metadata["labels"] = json!(labels);
    }
    Ok(json!({
        "apiVersion": format!("{SOURCE_GROUP}/v1"),
        "kind": "HelmChart",
        "metadata": metadata,
        "spec": spec,
    }))
}

/// Runs `create source chart`.
pub async fn run_create(ctx: &CliContext, args: CreateSourceChartArgs) -> anyhow::Result<()> {
    let ns = ctx.namespace();
    let object = manifest(&args, ns).map_err(|e| super::usage_error(format!("{e:#}")))?;
    if args.common.export {
        ctx.printer.data(export_document(&object));
        return Ok(());
    }
    ctx.printer.generate("generating HelmChart source");
    let client = ctx.client().await?;
    let api: Api<HelmChart> = Api::namespaced(client, ns);
    let existed = exists(&api, &args.name).await?;
    ctx.printer.action("applying HelmChart source");
    let applied = apply(&api, &args.name, &object)
        .await
        .map_err(|e| anyhow::anyhow!("HelmChart/{ns}/{}: {e}", args.name))?;
    ctx.printer.success(if existed {
        "HelmChart source updated"
    } else {
        "HelmChart source created"
    });
    let revision = fetch(ctx, &applied).await?;
    ctx.printer.success("HelmChart source reconciliation completed");
    ctx.printer.success(format!("fetched revision: {revision}"));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        args: CreateSourceChartArgs,
    }

    fn args(extra: &[&str]) -> CreateSourceChartArgs {
        let mut argv = vec!["x", "app"];
        argv.extend_from_slice(extra);
        Cli::try_parse_from(argv).unwrap().args
    }

    #[test]
    fn the_manifest_follows_the_flags() {
        let a = args(&[
            "--source=HelmRepository/charts",
            "--chart=app",
            "--chart-version=~1.2",
            "--values-files=values.yaml,prod.yaml",
            "--values-files=extra.yaml",
        ]);
        let m = manifest(&a, "apps").unwrap();
        assert_eq!(
            m["spec"],
            json!({"chart": "app", "sourceRef": {"kind": "HelmRepository", "name": "charts"},
                   "interval": "1m0s", "reconcileStrategy": "ChartVersion", "version": "~1.2",
                   "valuesFiles": ["values.yaml", "prod.yaml", "extra.yaml"]})
        );
        let parsed = <HelmChart as crate::api::FluxObject>::parse(m).unwrap();
        assert_eq!(parsed.spec.source_ref.name, "charts");
        for (bad, want) in [
            (
                vec!["--source=Bucket/x", "--chart=a"],
                "must be HelmRepository or GitRepository",
            ),
            (
                vec!["--source=charts", "--chart=a"],
                "expected HelmRepository/NAME",
            ),
            (
                vec!["--source=GitRepository/g", "--chart=a", "--chart-version=>>"],
                "invalid --chart-version",
            ),
        ] {
            let e = manifest(&args(&bad), "apps").unwrap_err().to_string();
            assert!(e.contains(want), "{bad:?}: {e}");
        }
    }
}
