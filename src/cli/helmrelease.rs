//! `flux-rs create helmrelease|hr` and `flux-rs reconcile helmrelease|hr`: a HelmRelease
//! written from flags (server-side apply, field manager `flux`) or printed with `--export`,
//! and reconciled once — through the running controller, or in this process with the
//! HelmRelease engine ([`crate::engine::helmrelease`]) when none runs.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context as _;
use clap::Args;
use kube::api::Api;
use serde_json::{Map, Value, json};

use super::create::{CreateCommon, apply, exists, export_document};
use super::reconcile_kustomization::{self as reconcile, Mode, ModeArgs};
use super::{CliContext, ExitError, flags};
use crate::api::helmrelease::HELM_API_GROUP;
use crate::api::{FluxObject as _, HelmRelease, OCIRepository};
use crate::duration;
use crate::engine::helmrelease::{HelmEngine, HelmOptions, HelmReport};
use crate::ops::{FluxClient, FluxKind, FluxStatus as _};
use crate::reconcile::{Outcome, Request};

const CREATE_HELP: &str = "\
Examples:
  # Install the chart an OCIRepository pulled (layerSelector on the chart layer, operation copy)
  flux-rs create hr podinfo --chart-ref OCIRepository/podinfo --values ./values.yaml

  # Into another namespace, created when missing, with the release records kept there too
  flux-rs create hr podinfo --chart-ref OCIRepository/podinfo.flux-system \\
    --target-namespace apps --create-target-namespace --storage-namespace apps

  # After the release redis, as the service account deployer
  flux-rs create hr podinfo --chart-ref OCIRepository/podinfo --depends-on redis \
    --service-account deployer

  # Values from a Secret, merged before spec.values; CRDs created and replaced on upgrade
  flux-rs create hr podinfo --chart-ref OCIRepository/podinfo --values-from Secret/podinfo-values \
    --crds CreateReplace

  # Print the manifest instead of creating it
  flux-rs create hr podinfo --chart-ref OCIRepository/podinfo --export > podinfo.yaml

Exit codes:
  0  created or updated (and released), or printed with --export
  1  the HelmRelease could not be written or reconciled
  2  a usage error: unknown command or flag, a missing or invalid argument";

/// Flags of `create helmrelease`.
#[derive(Debug, Args)]
#[command(
    long_about = "Create a HelmRelease (helm.toolkit.fluxcd.io/v2) in the namespace given with -n, \
        or update the one that exists (server-side apply, field manager `flux`), then reconcile it \
        once as `flux-rs reconcile helmrelease` would: through the running controller, or in this \
        process when none runs (--local and --controller force either).\n\n\
        The chart comes from --chart-ref: an OCIRepository whose artifact is the chart layer \
        (application/vnd.cncf.helm.chart.content.v1.tar+gzip, operation: copy), or a HelmChart \
        (`create source chart`). --values files are \
        merged in order into spec.values; --values-from adds spec.valuesFrom entries (the \
        values.yaml key of each Secret or ConfigMap, read at every reconciliation); --crds sets \
        the CRD policy of both install and upgrade.\n\nWith --export nothing is written: the manifest is \
        printed on stdout.",
    after_help = CREATE_HELP
)]
pub struct CreateHelmReleaseArgs {
    /// Name of the HelmRelease.
    pub name: String,
    /// The object holding the chart: `OCIRepository/<name>[.<namespace>]` or
    /// `HelmChart/<name>[.<namespace>]`.
    #[arg(long, value_name = "KIND/NAME[.NAMESPACE]")]
    pub chart_ref: String,
    /// YAML files of values merged in order into spec.values (repeat or separate with commas).
    #[arg(long, value_delimiter = ',', value_name = "FILE")]
    pub values: Vec<PathBuf>,
    /// How often the release is reconciled.
    #[arg(long, default_value = "1m", value_parser = flags::parse_duration)]
    pub interval: Duration,
    /// Name of the release (default: `[<target namespace>-]<name>`).
    #[arg(long, value_name = "NAME")]
    pub release_name: Option<String>,
    /// Namespace the release's objects go to.
    #[arg(long, value_parser = flags::parse_namespace, value_name = "NAMESPACE")]
    pub target_namespace: Option<String>,
    /// Create the target namespace when it does not exist (spec.install.createNamespace).
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub create_target_namespace: bool,
    /// Namespace of the release records (Helm's Secrets).
    #[arg(long, value_parser = flags::parse_namespace, value_name = "NAMESPACE")]
    pub storage_namespace: Option<String>,
    /// HelmReleases that must be ready first: `<name>` or `<namespace>/<name>` (repeat or
    /// separate with commas).
    #[arg(long, value_delimiter = ',', value_name = "[NAMESPACE/]NAME")]
    pub depends_on: Vec<String>,
    /// Service account impersonated for the whole Helm action (records and objects).
    #[arg(long, value_name = "NAME")]
    pub service_account: Option<String>,
    /// ConfigMaps or Secrets whose `values.yaml` key holds values, merged in order before
    /// spec.values: `Secret/<name>` or `ConfigMap/<name>` (repeat or separate with commas).
    #[arg(long, value_delimiter = ',', value_name = "KIND/NAME")]
    pub values_from: Vec<String>,
    /// What to do with the chart's CRDs on install and upgrade (spec.install.crds and
    /// spec.upgrade.crds).
    #[arg(long, value_enum, value_name = "POLICY")]
    pub crds: Option<CrdsPolicy>,
    /// `--export` and `--label`.
    #[command(flatten)]
    pub common: CreateCommon,
    /// Who reconciles after the write.
    #[command(flatten)]
    pub mode: ModeArgs,
}

/// The values of `--crds`, helm-controller's CRD policies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CrdsPolicy {
    /// Neither install nor upgrade CRDs.
    #[value(name = "Skip")]
    Skip,
    /// Create new CRDs, never update existing ones.
    #[value(name = "Create")]
    Create,
    /// Create new CRDs and replace existing ones.
    #[value(name = "CreateReplace")]
    CreateReplace,
}

impl CrdsPolicy {
    fn as_str(self) -> &'static str {
        match self {
            CrdsPolicy::Skip => "Skip",
            CrdsPolicy::Create => "Create",
            CrdsPolicy::CreateReplace => "CreateReplace",
        }
    }
}

/// `spec.valuesFrom` of `--values-from`: `Secret/<name>` or `ConfigMap/<name>`.
fn values_from_refs(refs: &[String]) -> anyhow::Result<Value> {
    let mut out = Vec::new();
    for r in refs {
        match r.split_once('/') {
            Some((kind @ ("Secret" | "ConfigMap"), name)) if !name.is_empty() && !name.contains('/') => {
                out.push(json!({"kind": kind, "name": name}));
            }
            _ => anyhow::bail!(
                "invalid --values-from {r:?}: expected <kind>/<name>, where kind must be one of: (Secret,ConfigMap)"
            ),
        }
    }
    Ok(Value::Array(out))
}

/// `(kind, name, namespace)` of `--chart-ref`.
fn parse_chart_ref(s: &str) -> anyhow::Result<(String, String, Option<String>)> {
    let Some((kind, rest)) = s.split_once('/') else {
        anyhow::bail!(
            "invalid --chart-ref {s:?}: expected OCIRepository/<name>[.<namespace>] or HelmChart/<name>[.<namespace>]"
        );
    };
    if kind != "OCIRepository" && kind != "HelmChart" {
        anyhow::bail!(
            "invalid --chart-ref {s:?}: {kind} is not supported by flux-rs yet (only OCIRepository and HelmChart)"
        );
    }
    let (name, ns) = match rest.split_once('.') {
        Some((n, ns)) => (n, Some(ns.to_string())),
        None => (rest, None),
    };
    if name.is_empty() || ns.as_deref().is_some_and(str::is_empty) {
        anyhow::bail!("invalid --chart-ref {s:?}: expected {kind}/<name>[.<namespace>]");
    }
    Ok((kind.to_string(), name.to_string(), ns))
}

/// Merges the `--values` files in order (maps merged recursively, later files win).
pub(crate) fn values_files(files: &[PathBuf]) -> anyhow::Result<Map<String, Value>> {
    let mut out = Map::new();
    for f in files {
        let text =
            std::fs::read_to_string(f).with_context(|| format!("--values {}: cannot read", f.display()))?;
        let docs = crate::yaml::from_str_json(&text)
            .map_err(|e| anyhow::anyhow!("--values {}: {e}", f.display()))?;
        match docs.into_iter().next() {
            None | Some(Value::Null) => {}
            Some(Value::Object(m)) => merge(&mut out, m),
            Some(_) => anyhow::bail!("--values {}: not a map of values", f.display()),
        }
    }
    Ok(out)
}

/// Merges `from` into `into`: maps recursively, anything else replaced.
pub(crate) fn merge(into: &mut Map<String, Value>, from: Map<String, Value>) {
    for (k, v) in from {
        match (into.get_mut(&k), v) {
            (Some(Value::Object(a)), Value::Object(b)) => merge(a, b),
            (_, v) => {
                into.insert(k, v);
            }
        }
    }
}

/// The HelmRelease the flags describe, as JSON (validated).
pub fn manifest(args: &CreateHelmReleaseArgs, namespace: &str) -> anyhow::Result<Value> {
    let (kind, name, ns) = parse_chart_ref(&args.chart_ref)?;
    let mut chart_ref = json!({"kind": kind, "name": name});
    if let Some(ns) = ns {
        chart_ref["namespace"] = json!(ns);
    }
    let mut spec = json!({"interval": duration::format(args.interval), "chartRef": chart_ref});
    if let Some(r) = &args.release_name {
        spec["releaseName"] = json!(r);
    }
    if let Some(t) = &args.target_namespace {
        spec["targetNamespace"] = json!(t);
    }
    if let Some(s) = &args.storage_namespace {
        spec["storageNamespace"] = json!(s);
    }
    if args.create_target_namespace {
        spec["install"] = json!({"createNamespace": true});
    }
    if let Some(policy) = args.crds {
        // As flux's create hr: the policy for both actions.
        spec["install"]["crds"] = json!(policy.as_str());
        spec["upgrade"] = json!({"crds": policy.as_str()});
    }
    if !args.values_from.is_empty() {
        spec["valuesFrom"] = values_from_refs(&args.values_from)?;
    }
    if !args.depends_on.is_empty() {
        spec["dependsOn"] = super::create_kustomization::dependency_refs(&args.depends_on);
    }
    if let Some(sa) = &args.service_account {
        spec["serviceAccountName"] = json!(sa);
    }
    let values = values_files(&args.values)?;
    if !values.is_empty() {
        spec["values"] = Value::Object(values);
    }
    let mut metadata = json!({"name": args.name, "namespace": namespace});
    let labels = args.common.labels()?;
    if !labels.is_empty() {
        metadata["labels"] = json!(labels);
    }
    let value = json!({
        "apiVersion": format!("{HELM_API_GROUP}/v2"),
        "kind": "HelmRelease",
        "metadata": metadata,
        "spec": spec,
    });
    HelmRelease::parse(value.clone())?;
    Ok(value)
}

/// Runs `create helmrelease`.
pub async fn run_create(ctx: &CliContext, args: CreateHelmReleaseArgs) -> anyhow::Result<()> {
    let ns = ctx.namespace();
    let value = manifest(&args, ns).map_err(|e| super::usage_error(format!("{e:#}")))?;
    if args.common.export {
        ctx.printer.data(export_document(&value));
        return Ok(());
    }
    let p = &ctx.printer;
    p.generate("generating HelmRelease");
    let client = ctx.reachable_client().await?;
    p.action("applying HelmRelease");
    let api: Api<HelmRelease> = Api::namespaced(client.clone(), ns);
    let object = format!("HelmRelease/{ns}/{}", args.name);
    let existed = exists(&api, &args.name).await.with_context(|| object.clone())?;
    let applied = apply(&api, &args.name, &value)
        .await
        .with_context(|| object.clone())?;
    p.success(if existed {
        "HelmRelease updated"
    } else {
        "HelmRelease created"
    });
    match mode(&client, ns, args.mode).await? {
        Mode::Controller => {
            let flux = FluxClient::new(client.clone());
            let live = flux.get(FluxKind::HelmRelease, ns, &args.name).await?;
            reconcile::reconcile_through_controller(ctx, &flux, &live, false).await?;
            Ok(())
        }
        Mode::Local => run_local(ctx, &applied).await,
    }
}

/// Arguments of `reconcile helmrelease`.
#[derive(Debug, Args)]
#[command(
    long_about = "Reconcile a HelmRelease now: render its chart with its values, install or \
        upgrade the release when the chart or the values changed (nothing is done when the release \
        is already what the spec asks for), wait for its objects, and record the result in its \
        status and in Helm's release Secrets.\n\nWhen a controller runs in the cluster, it is asked \
        to do it (the reconcile.fluxcd.io/requestedAt annotation); otherwise the reconciliation \
        runs in this process, as the controller would run it. --local and --controller force \
        either. With --with-source the OCIRepository of spec.chartRef is pulled first.\n\n\
        --force asks for a one-off install or upgrade even when the release is in sync \
        (reconcile.fluxcd.io/forceAt); --reset starts the failure counters again, so a release \
        stalled after its remediation retries is retried (reconcile.fluxcd.io/resetAt).",
    after_help = "Examples:\n  flux-rs reconcile helmrelease podinfo\n  flux-rs reconcile hr podinfo --with-source -n apps\n  flux-rs reconcile hr podinfo --reset\n\n\
        Exit codes:\n  0  released (or already in sync)\n  1  the reconciliation failed\n  2  a usage error"
)]
pub struct ReconcileHelmReleaseArgs {
    /// Name of the HelmRelease.
    pub name: String,
    /// Pull the chart's OCIRepository first.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub with_source: bool,
    /// Force a one-off install or upgrade, even when the release is in sync.
    #[arg(long)]
    pub force: bool,
    /// Reset the failure counters: a release stalled after its retries is retried.
    #[arg(long)]
    pub reset: bool,
    /// Who reconciles.
    #[command(flatten)]
    pub mode: ModeArgs,
}

impl ReconcileHelmReleaseArgs {
    /// The request annotations `--force` and `--reset` add to `requestedAt`.
    fn also(&self) -> Vec<&'static str> {
        let mut also = Vec::new();
        if self.force {
            also.push(crate::api::meta::RECONCILE_FORCE_AT);
        }
        if self.reset {
            also.push(crate::api::meta::RECONCILE_RESET_AT);
        }
        also
    }
}

/// Runs `reconcile helmrelease`.
pub async fn run_reconcile(ctx: &CliContext, args: ReconcileHelmReleaseArgs) -> anyhow::Result<()> {
    let client = ctx.reachable_client().await?;
    let flux = FluxClient::new(client.clone());
    let ns = ctx.namespace();
    let live = flux.get(FluxKind::HelmRelease, ns, &args.name).await?;
    if live.suspended() {
        anyhow::bail!("resource is suspended");
    }
    let hr: HelmRelease = live
        .typed()
        .with_context(|| format!("HelmRelease/{ns}/{}", args.name))?;
    match mode(&client, ns, args.mode).await? {
        Mode::Controller => {
            if args.with_source
                && let Some((kind, sns, name)) = chart_source(&hr)
            {
                let src = flux.get(kind, &sns, &name).await?;
                reconcile::reconcile_through_controller(ctx, &flux, &src, true).await?;
            }
            reconcile::reconcile_through_controller_with(ctx, &flux, &live, true, &args.also()).await?;
            Ok(())
        }
        Mode::Local => {
            if !args.also().is_empty() {
                // The engine handles them as the controller would, from the annotations.
                flux.request_reconcile_with(&live, &args.also()).await?;
            }
            if args.with_source {
                match chart_source(&hr) {
                    Some((FluxKind::OciRepository, sns, name)) => {
                        let repo: OCIRepository = flux.get_typed(&sns, &name).await?;
                        let revision = super::oci_source::fetch(ctx, &repo).await?;
                        ctx.printer.success(format!("fetched revision {revision}"));
                    }
                    Some((FluxKind::HelmChart, sns, name)) => {
                        let chart: crate::api::HelmChart = flux.get_typed(&sns, &name).await?;
                        let revision = super::chart_source::fetch(ctx, &chart).await?;
                        ctx.printer.success(format!("fetched revision {revision}"));
                    }
                    _ => anyhow::bail!(
                        "--with-source: only an OCIRepository or HelmChart spec.chartRef can be fetched by flux-rs"
                    ),
                }
            }
            let hr = flux
                .get(FluxKind::HelmRelease, ns, &args.name)
                .await?
                .typed::<HelmRelease>()
                .with_context(|| format!("HelmRelease/{ns}/{}", args.name))?;
            run_local(ctx, &hr).await
        }
    }
}

/// Deployments that reconcile HelmReleases: flux-rs's controller and upstream's.
pub const HELM_CONTROLLER_DEPLOYMENTS: [&str; 2] = [crate::manifests::CONTROLLER_NAME, "helm-controller"];

/// The controller that reconciles HelmReleases in `namespace`, found as `reconcile
/// kustomization` finds its own ([`reconcile::running_controller_among`]): a ready replica of
/// flux-rs's controller or upstream's helm-controller Deployment, or a held flux-rs controller
/// Lease. Without one, the CLI does the work in this process.
pub async fn helm_controller(client: &kube::Client, namespace: &str) -> anyhow::Result<Option<String>> {
    reconcile::running_controller_among(client, namespace, &HELM_CONTROLLER_DEPLOYMENTS).await
}

/// Local or through the controller, as the flags and the cluster decide (as
/// [`reconcile::mode`] for Kustomizations).
pub async fn mode(client: &kube::Client, namespace: &str, flags: ModeArgs) -> anyhow::Result<Mode> {
    if flags.local {
        return Ok(Mode::Local);
    }
    let running = helm_controller(client, namespace).await?;
    if flags.controller && running.is_none() {
        return Err(ExitError::new(
            1,
            format!(
                "--controller: no controller runs in the {namespace:?} namespace (no ready replica of \
                 Deployment {} or {}, no held Lease {}): drop --controller to reconcile in this process",
                HELM_CONTROLLER_DEPLOYMENTS[0],
                HELM_CONTROLLER_DEPLOYMENTS[1],
                crate::controller::leader::DEFAULT_LEASE_NAME
            ),
        )
        .into());
    }
    Ok(if running.is_some() {
        Mode::Controller
    } else {
        Mode::Local
    })
}

/// The source of `spec.chartRef`: kind, namespace, name.
fn chart_source(hr: &HelmRelease) -> Option<(FluxKind, String, String)> {
    let r = hr.spec.chart_ref.as_ref()?;
    let kind = FluxKind::parse(&r.kind)?;
    let ns = r
        .namespace
        .clone()
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| hr.own_namespace().to_string());
    Some((kind, ns, r.name.clone()))
}

/// The engine of a reconcile in this process.
pub async fn engine(ctx: &CliContext) -> anyhow::Result<HelmEngine> {
    let client = ctx.reachable_client().await?;
    // Boxed: resolving a kubeconfig makes a large future.
    let config = Box::pin(crate::cluster::config(&ctx.client_options()))
        .await
        .context("cannot build a Kubernetes client")?;
    let mut source = ctx.source_options().await?;
    source.event_sink = ctx.event_sink().await?;
    Ok(HelmEngine::new(client, config, source, HelmOptions::default()))
}

/// Reconciles `hr` in this process, printing the changes and `✔ applied revision <chart
/// version>`, or failing with `HelmRelease reconciliation failed: …`.
pub async fn run_local(ctx: &CliContext, hr: &HelmRelease) -> anyhow::Result<()> {
    let p = &ctx.printer;
    let ns = hr.own_namespace();
    let name = hr.metadata.name.as_deref().unwrap_or_default();
    if hr.spec.suspend {
        anyhow::bail!("resource is suspended");
    }
    let engine = engine(ctx).await?;
    p.action(format!("reconciling HelmRelease {name} in {ns} namespace"));
    let spinner = p.spinner(format!("reconciling HelmRelease {name}"));
    let report = Box::pin(engine.reconcile(hr, &Request::default())).await;
    drop(spinner);
    print_report(ctx, &report);
    match &report.outcome {
        Outcome::Succeeded => {
            p.success(format!(
                "applied revision {}",
                report.chart_version.as_deref().unwrap_or_default()
            ));
            Ok(())
        }
        Outcome::Failed { message, .. }
        | Outcome::Retry { message, .. }
        | Outcome::Stalled { message, .. } => {
            Err(ExitError::new(1, format!("HelmRelease reconciliation failed: {message}")).into())
        }
    }
}

fn print_report(ctx: &CliContext, report: &HelmReport) {
    for e in &report.changes.entries {
        if matches!(
            e.action,
            crate::apply::Action::Created | crate::apply::Action::Configured | crate::apply::Action::Deleted
        ) {
            ctx.printer.info(e.to_string());
        }
    }
    if let Some(drift) = &report.drift {
        ctx.printer
            .warning(format!("cluster state drifted from the release:\n{drift}"));
    }
    // A failed action reports through the outcome (`✗ … failed: …`), never as a success.
    if report.outcome != Outcome::Succeeded {
        return;
    }
    match (report.action, report.release_version) {
        (Some(action), Some(v)) => ctx.printer.success(format!("{action} succeeded: revision {v}")),
        (None, Some(v)) if report.changes.has_changes() => ctx
            .printer
            .success(format!("cluster drift corrected at revision {v}")),
        (None, Some(v)) if report.drift.is_some() => ctx.printer.success(format!(
            "release in sync at revision {v}: drift reported, not corrected"
        )),
        (None, Some(v)) => ctx
            .printer
            .success(format!("release in sync at revision {v}: nothing to do")),
        _ => {}
    }
}

/// `delete helmrelease` without a controller: uninstalls the release in this process (what
/// the controller's finalizer would do).
pub async fn uninstall(ctx: &CliContext, ns: &str, name: &str) -> anyhow::Result<()> {
    let flux = ctx.flux().await?;
    let hr: HelmRelease = flux
        .get(FluxKind::HelmRelease, ns, name)
        .await?
        .typed()
        .with_context(|| format!("HelmRelease/{ns}/{name}"))?;
    if hr.spec.suspend {
        ctx.printer
            .action("keeping the release (the HelmRelease is suspended)");
        return Ok(());
    }
    let engine = engine(ctx).await?;
    ctx.printer.action(format!(
        "uninstalling release {}/{}",
        hr.storage_namespace(),
        hr.release_name()
    ));
    let changes = engine
        .uninstall(&hr)
        .await
        .map_err(|e| anyhow::anyhow!("uninstall failed: {e}"))?;
    for e in &changes.entries {
        if e.action == crate::apply::Action::Deleted {
            ctx.printer.success(format!("{} deleted", e.object));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_refs_and_values_files_parse() {
        assert_eq!(
            parse_chart_ref("OCIRepository/podinfo.flux-system").unwrap(),
            (
                "OCIRepository".into(),
                "podinfo".into(),
                Some("flux-system".into())
            )
        );
        assert!(
            parse_chart_ref("ExternalArtifact/x")
                .unwrap_err()
                .to_string()
                .contains("only OCIRepository and HelmChart")
        );
        assert!(parse_chart_ref("podinfo").is_err());
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.yaml");
        let b = dir.path().join("b.yaml");
        std::fs::write(&a, "image:\n  tag: 1\n  repo: x\nreplicas: 1\n").unwrap();
        std::fs::write(&b, "image:\n  tag: 2\n").unwrap();
        let merged = values_files(&[a, b.clone()]).unwrap();
        assert_eq!(
            Value::Object(merged),
            json!({"image": {"tag": 2, "repo": "x"}, "replicas": 1})
        );
        std::fs::write(&b, "- 1\n").unwrap();
        assert!(values_files(&[b]).unwrap_err().to_string().contains("not a map"));
    }

    #[test]
    fn depends_on_and_service_account_flags_fill_the_spec() {
        use clap::Parser;
        #[derive(Parser)]
        struct Cli {
            #[command(flatten)]
            args: CreateHelmReleaseArgs,
        }
        let cli = Cli::try_parse_from([
            "create",
            "app",
            "--chart-ref",
            "OCIRepository/chart",
            "--depends-on",
            "db,infra/cache",
            "--service-account",
            "deployer",
        ])
        .unwrap();
        let spec = &manifest(&cli.args, "apps").unwrap()["spec"];
        assert_eq!(
            spec["dependsOn"],
            json!([{"name": "db"}, {"name": "cache", "namespace": "infra"}])
        );
        assert_eq!(spec["serviceAccountName"], "deployer");
    }

    #[test]
    fn values_from_and_crds_flags_fill_the_spec() {
        use clap::Parser;
        #[derive(Parser)]
        struct Cli {
            #[command(flatten)]
            args: CreateHelmReleaseArgs,
        }
        let parse = |extra: &[&str]| {
            let mut argv = vec!["create", "app", "--chart-ref", "OCIRepository/chart"];
            argv.extend_from_slice(extra);
            Cli::try_parse_from(argv).map(|c| c.args)
        };
        let args = parse(&[
            "--values-from",
            "Secret/a,ConfigMap/b",
            "--values-from",
            "Secret/c",
            "--crds",
            "CreateReplace",
            "--create-target-namespace",
        ])
        .unwrap();
        let spec = &manifest(&args, "apps").unwrap()["spec"];
        assert_eq!(
            spec["valuesFrom"],
            json!([{"kind": "Secret", "name": "a"}, {"kind": "ConfigMap", "name": "b"}, {"kind": "Secret", "name": "c"}])
        );
        assert_eq!(
            spec["install"],
            json!({"createNamespace": true, "crds": "CreateReplace"})
        );
        assert_eq!(spec["upgrade"], json!({"crds": "CreateReplace"}));
        let e = manifest(&parse(&["--values-from", "Deployment/x"]).unwrap(), "apps").unwrap_err();
        assert!(e.to_string().contains("(Secret,ConfigMap)"), "{e}");
        assert!(parse(&["--crds", "skip"]).is_err());
    }
}
