//! `flux-rs build helmrelease|hr NAME`: the objects a HelmRelease's release would contain,
//! rendered as the HelmRelease engine renders them ([`crate::engine::helmrelease::render`]),
//! without writing to the cluster; `--values`, `--chart` and `--helmrelease-file` with
//! `--dry-run` render fully offline. `diff helmrelease` builds through the same function.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::Args;
use kube::api::Api;
use serde_json::Value;

use super::CliContext;
use crate::api::{FluxObject as _, HelmRelease};
use crate::engine::helmrelease::render::{self, Preview, PreviewOptions};

const BUILD_HELP: &str = "\
Examples:
  # The objects of the release, with the chart and valuesFrom read from the cluster
  flux-rs build helmrelease podinfo -n apps

  # With extra values over the release's values (as helm's -f)
  flux-rs build hr podinfo -n apps --values ./prod-values.yaml

  # A local chart checkout against the HelmRelease in the cluster
  flux-rs build hr podinfo -n apps --chart ./charts/podinfo

  # Fully offline: the HelmRelease and the chart from files, valuesFrom left out
  flux-rs build hr podinfo --helmrelease-file ./apps/podinfo.yaml --chart ./podinfo-6.5.0.tgz \\
    --values ./values.yaml --dry-run

Exit codes:
  0  built
  1  an error: HelmRelease or chart not found, a valuesFrom source missing, a field flux-rs
     cannot honour, a template failure (the message names the file, object and field)
  2  a usage error: unknown command or flag, a missing or invalid argument";

/// Flags of `build helmrelease`.
#[derive(Debug, Args)]
#[command(
    long_about = "Render a HelmRelease exactly as the HelmRelease engine would on its next \
        reconciliation and print the release's objects as multi-document YAML on stdout: the \
        chart of spec.chartRef or spec.chart, values composed as helm-controller composes them \
        (each valuesFrom entry in order, then spec.values), every object in the release \
        namespace with Helm's ownership annotations and helm-controller's labels \
        (helm.toolkit.fluxcd.io/name and /namespace), as they will be applied. The chart's CRDs (crds/) are included when \
        the action would be an install. Hooks are not part of the release's objects and are \
        not printed.\n\n\
        Nothing is written to the cluster: the HelmRelease (NAME in the namespace given with \
        -n), its valuesFrom ConfigMaps and Secrets, its release records (install or upgrade) and \
        its chart source are only read. An OCIRepository chart is pulled into the local cache \
        when it is not there; a HelmChart (of spec.chartRef or made from spec.chart) is built \
        locally from its source without its status being written.\n\n\
        --helmrelease-file reads the HelmRelease from a YAML file instead; --chart renders a \
        local chart (a directory or a .tgz archive) instead of the source's artifact; --values \
        files are merged in order over spec.values (so they win over valuesFrom too, as helm's \
        -f over a release's values). With --dry-run (which needs --helmrelease-file and \
        --chart) the cluster is never contacted: valuesFrom is left out (named on stderr) and \
        the release is rendered as an install.\n\n\
        Secrets are printed as the chart renders them (as `build kustomization` prints the \
        Secrets it builds): redirect the output with care.",
    after_help = BUILD_HELP
)]
pub struct BuildHelmReleaseArgs {
    /// The HelmRelease and how to render it.
    #[command(flatten)]
    pub build: HelmReleaseBuildFlags,
    /// Do not contact the cluster (requires --helmrelease-file and --chart; valuesFrom is
    /// left out).
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub dry_run: bool,
}

/// Flags shared by `build helmrelease` and `diff helmrelease`.
#[derive(Debug, Args)]
pub struct HelmReleaseBuildFlags {
    /// Name of the HelmRelease.
    pub name: String,
    /// Read the HelmRelease from this YAML file instead of the cluster.
    #[arg(long, value_name = "FILE")]
    pub helmrelease_file: Option<PathBuf>,
    /// Render this chart (a directory or a .tgz archive) instead of the source's artifact.
    #[arg(long, value_name = "PATH")]
    pub chart: Option<PathBuf>,
    /// YAML files of values merged in order over spec.values (repeat or separate with
    /// commas).
    #[arg(long, value_delimiter = ',', value_name = "FILE")]
    pub values: Vec<PathBuf>,
}

/// A rendered HelmRelease: the HelmRelease as used and the release.
pub(crate) struct Built {
    /// The HelmRelease (from the file or the cluster, with the `--values` merged).
    pub helmrelease: HelmRelease,
    /// The release as rendered.
    pub preview: Preview,
}

/// Whether a build reads the cluster.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Access {
    /// Never contact the cluster.
    Offline,
    /// Read the HelmRelease (unless from a file), its chart, valuesFrom and release records.
    Online,
}

/// Renders the HelmRelease as `build helmrelease` and `diff helmrelease` do.
pub(crate) async fn build_helmrelease(
    ctx: &CliContext,
    args: &HelmReleaseBuildFlags,
    access: Access,
) -> anyhow::Result<Built> {
    let chart = args.chart.as_deref().map(read_chart).transpose()?;
    let extra = super::helmrelease::values_files(&args.values)?;
    let client = match access {
        Access::Offline => None,
        Access::Online => Some(ctx.reachable_client().await?),
    };
    let mut hr = match (&args.helmrelease_file, &client) {
        (Some(file), _) => read_helmrelease_file(file, &args.name)?,
        (None, Some(c)) => {
            let api: Api<HelmRelease> = Api::namespaced(c.clone(), ctx.namespace());
            match api.get_opt(&args.name).await {
                // No HelmRelease API at all (Flux's CRDs not installed): not found either.
                Err(e) if crate::cluster::is_not_found(&e) => Ok(None),
                other => other,
            }
            .map_err(|e| {
                anyhow::anyhow!(
                    "cannot get HelmRelease {}/{}: {}",
                    ctx.namespace(),
                    args.name,
                    crate::cluster::describe(&e)
                )
            })?
            .ok_or_else(|| anyhow::anyhow!("HelmRelease {}/{} not found", ctx.namespace(), args.name))?
        }
        (None, None) => {
            anyhow::bail!("without the cluster, the HelmRelease must come from --helmrelease-file")
        }
    };
    if hr.metadata.namespace.is_none() {
        hr.metadata.namespace = Some(ctx.namespace().to_string());
    }
    if !extra.is_empty() {
        let mut values = hr.spec.values.take().unwrap_or_default();
        super::helmrelease::merge(&mut values, extra);
        hr.spec.values = Some(values);
    }
    let what = format!("HelmRelease {}/{}", hr.own_namespace(), args.name);
    if access == Access::Offline {
        for v in hr.spec.values_from.iter().flatten() {
            ctx.printer.warning(format!(
                "{what}: valuesFrom {}/{} left out (--dry-run)",
                v.kind, v.name
            ));
        }
    }
    let source = super::env::cli_source_options()?;
    let opts = PreviewOptions {
        chart,
        values_from: access == Access::Online,
        records: access == Access::Online,
    };
    let preview = Box::pin(render::preview(client.as_ref(), &source, &hr, opts))
        .await
        .with_context(|| format!("rendering {what}"))?;
    Ok(Built {
        helmrelease: hr,
        preview,
    })
}

/// The chart archive of `--chart`: a `.tgz` read as is, or a chart directory packaged in
/// memory as `helm package` would.
fn read_chart(path: &Path) -> anyhow::Result<Vec<u8>> {
    let what = || format!("--chart {}", path.display());
    if path.is_dir() {
        let chart = crate::helm::chart::load(path).with_context(what)?;
        let files = crate::helm::chart::read_dir(path).with_context(what)?;
        return crate::helm::package::package(&chart.metadata.name, &files).with_context(what);
    }
    let bytes = std::fs::read(path).with_context(|| format!("{}: cannot read", what()))?;
    crate::helm::chart::load_archive(&bytes).with_context(what)?;
    Ok(bytes)
}

/// Reads the HelmRelease named `name` from a YAML file (which may hold other objects).
pub(crate) fn read_helmrelease_file(file: &Path, name: &str) -> anyhow::Result<HelmRelease> {
    let text = std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let docs =
        crate::yaml::from_str_json(&text).with_context(|| format!("{}: invalid YAML", file.display()))?;
    let found = docs.into_iter().find(|d| {
        d["kind"].as_str() == Some("HelmRelease")
            && d["apiVersion"]
                .as_str()
                .is_some_and(|v| v.starts_with("helm.toolkit.fluxcd.io/"))
            && d["metadata"]["name"].as_str() == Some(name)
    });
    let Some(value): Option<Value> = found else {
        anyhow::bail!(
            "{}: no HelmRelease named {name:?} (helm.toolkit.fluxcd.io) in the file",
            file.display()
        );
    };
    HelmRelease::parse(value).with_context(|| format!("{}: invalid HelmRelease", file.display()))
}

/// Runs `build helmrelease`.
pub async fn run(ctx: &CliContext, args: BuildHelmReleaseArgs) -> anyhow::Result<()> {
    if args.dry_run && (args.build.helmrelease_file.is_none() || args.build.chart.is_none()) {
        return Err(super::usage_error(
            "--dry-run requires --helmrelease-file and --chart: without the cluster, the HelmRelease and the chart must come from files",
        ));
    }
    let access = if args.dry_run {
        Access::Offline
    } else {
        Access::Online
    };
    let built = build_helmrelease(ctx, &args.build, access).await?;
    let mut objects = built.preview.rendered.objects;
    render::label_as_applied(&built.helmrelease, &mut objects);
    ctx.printer.data(crate::build::render(&objects));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helmrelease_files_are_searched_by_kind_and_name() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("hr.yaml");
        std::fs::write(
            &f,
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\n---\n\
             apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: web, namespace: apps}\n\
             spec:\n  interval: 5m\n  chartRef: {kind: OCIRepository, name: web}\n",
        )
        .unwrap();
        let hr = read_helmrelease_file(&f, "web").unwrap();
        assert_eq!(hr.own_namespace(), "apps");
        let e = read_helmrelease_file(&f, "other").unwrap_err().to_string();
        assert!(e.contains("no HelmRelease named \"other\""), "{e}");
        assert!(read_chart(&dir.path().join("missing.tgz")).is_err());
    }
}
