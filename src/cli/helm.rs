//! `flux-rs helm template`: render a chart locally with the native Helm engine, printing
//! exactly what Helm 4's `helm template` prints.

use std::ffi::OsString;
use std::fmt::Write as _;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::{Args, Subcommand};

use super::CliContext;
use crate::helm::render::{self, Options, PrintOptions};
use crate::helm::values::{self, SetKind};

/// `flux-rs helm ...`.
#[derive(Debug, Args)]
pub struct HelmCommand {
    /// What to do.
    #[command(subcommand)]
    pub command: HelmSubcommand,
}

/// Subcommands of `helm`.
#[derive(Debug, Subcommand)]
#[allow(missing_docs)]
pub enum HelmSubcommand {
    #[command(about = "Render a chart locally, exactly as `helm template` (Helm 4) prints it")]
    Template(Box<TemplateArgs>),
}

/// Flags of `helm template`, with Helm's names and meanings.
#[derive(Clone, Debug, Args)]
#[command(
    long_about = "Render a Helm chart (a directory or a packaged .tgz) with the native engine and \
        print the manifests exactly as Helm 4's `helm template` prints them: documents sorted in \
        Helm's install order with `# Source:` lines, hooks after them, CRDs first with \
        --include-crds. No cluster is contacted (`lookup` returns nothing, .Capabilities are \
        Helm's offline defaults unless --kube-version/--api-versions say otherwise) and no \
        `helm` binary is needed.\n\n\
        The release namespace is -n/--namespace, `default` when it is not given (neither \
        flux-system nor FLUX_SYSTEM_NAMESPACE apply here). Values: the chart's values.yaml, then \
        each -f file (`-` is standard input), then --set-json, --set, --set-string, --set-file \
        and --set-literal in that order, with Helm's --set syntax (a.b=c, list[0]=x, {a,b}, \
        null removes a key).",
    after_help = "Examples:\n  flux-rs helm template ./podinfo\n  \
        flux-rs helm template web ./podinfo-6.7.0.tgz -n apps -f prod.yaml --set replicaCount=3\n  \
        flux-rs helm template ./chart --include-crds --kube-version 1.30 -a monitoring.coreos.com/v1\n  \
        flux-rs helm template ./chart -s templates/deployment.yaml\n\n\
        Exit codes:\n  0  rendered\n  1  the chart, its values or a template failed (Helm's message)\n  2  usage error (unknown flag, bad flag value)"
)]
pub struct TemplateArgs {
    /// [NAME] CHART: the release name (default `release-name`) and the chart directory or .tgz.
    #[arg(num_args = 1..=2, required = true, value_names = ["NAME", "CHART"])]
    pub args: Vec<String>,
    /// Values files (repeatable, comma-separated; `-` reads standard input).
    #[arg(short = 'f', long = "values", value_delimiter = ',', value_name = "FILE")]
    pub values: Vec<String>,
    /// Set values (`a.b=c,d[0]=e`).
    #[arg(long = "set", value_name = "KEY=VAL")]
    pub set: Vec<String>,
    /// Set values as strings.
    #[arg(long = "set-string", value_name = "KEY=VAL")]
    pub set_string: Vec<String>,
    /// Set values from files (`key=path`).
    #[arg(long = "set-file", value_name = "KEY=PATH")]
    pub set_file: Vec<String>,
    /// Set JSON values (`key={"a":1}`).
    #[arg(long = "set-json", value_name = "KEY=JSON")]
    pub set_json: Vec<String>,
    /// Set a literal string value (everything after the first `=`).
    #[arg(long = "set-literal", value_name = "KEY=VAL")]
    pub set_literal: Vec<String>,
    /// Include the charts' crds/ files in the output.
    #[arg(long)]
    pub include_crds: bool,
    /// Do not install CRDs (no effect on the output, as in Helm).
    #[arg(long)]
    pub skip_crds: bool,
    /// Leave test hooks out of the output.
    #[arg(long)]
    pub skip_tests: bool,
    /// Leave hooks out of the output.
    #[arg(long)]
    pub no_hooks: bool,
    /// Only show manifests rendered from these templates (globs, repeatable).
    #[arg(short = 's', long = "show-only", value_name = "TEMPLATE")]
    pub show_only: Vec<String>,
    /// Extra API versions for .Capabilities.APIVersions (repeatable, comma-separated).
    #[arg(
        short = 'a',
        long = "api-versions",
        value_delimiter = ',',
        value_name = "VERSION"
    )]
    pub api_versions: Vec<String>,
    /// Kubernetes version for .Capabilities.KubeVersion.
    #[arg(long, value_name = "VERSION")]
    pub kube_version: Option<String>,
    /// Set .Release.IsUpgrade instead of .Release.IsInstall.
    #[arg(long)]
    pub is_upgrade: bool,
    /// Generate the release name (CHART-<unix time>).
    #[arg(short = 'g', long)]
    pub generate_name: bool,
    /// Template for the release name.
    #[arg(long, value_name = "TEMPLATE")]
    pub name_template: Option<String>,
    /// Write each template's output to files under this directory instead of stdout.
    #[arg(long, value_name = "DIR")]
    pub output_dir: Option<PathBuf>,
    /// With --output-dir, write under DIR/NAME.
    #[arg(long)]
    pub release_name: bool,
}

/// Runs `helm ...`.
pub fn run(ctx: &CliContext, cmd: HelmCommand) -> anyhow::Result<()> {
    match cmd.command {
        HelmSubcommand::Template(a) => run_template(ctx, &a),
    }
}

/// The namespace given on the command line (`-n X`, `-nX`, `--namespace X`,
/// `--namespace=X`), ignoring the environment and flux-rs's `flux-system` default.
pub fn explicit_namespace(args: impl IntoIterator<Item = OsString>) -> Option<String> {
    let args: Vec<String> = args
        .into_iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let mut found = None;
    let mut i = 1;
    while i < args.len() {
        let a = &args[i];
        if a == "--" {
            break;
        }
        if a == "-n" || a == "--namespace" {
            found = args.get(i + 1).cloned();
            i += 2;
            continue;
        }
        if let Some(v) = a.strip_prefix("--namespace=") {
            found = Some(v.to_string());
        } else if let Some(v) = a.strip_prefix("-n")
            && !a.starts_with("--")
        {
            found = Some(v.strip_prefix('=').unwrap_or(v).to_string());
        }
        i += 1;
    }
    found
}

fn read_input(path: &str) -> anyhow::Result<String> {
    if path == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .context("cannot read values from standard input")?;
        return Ok(s);
    }
    if path.contains("://") {
        anyhow::bail!("{path}: remote values files are not supported (no network access); download it first");
    }
    std::fs::read_to_string(path).with_context(|| format!("open {path}: cannot read the file"))
}

fn user_values(a: &TemplateArgs) -> anyhow::Result<values::ValuesMap> {
    let mut base = values::new_map();
    for f in &a.values {
        let text = read_input(f)?;
        let m = values::parse_values(&text).map_err(|e| anyhow::anyhow!("failed to parse {f}: {e}"))?;
        base = values::merge_maps(&base, &m);
    }
    let nofile = |_: &str| -> Result<String, String> { Err("no file".into()) };
    for s in &a.set_json {
        values::apply_set(s, &base, SetKind::Json, &nofile)?;
    }
    for s in &a.set {
        values::apply_set(s, &base, SetKind::Typed, &nofile)?;
    }
    for s in &a.set_string {
        values::apply_set(s, &base, SetKind::String, &nofile)?;
    }
    let reader =
        |p: &str| -> Result<String, String> { read_input(p).map_err(|e| super::output::message(&e)) };
    for s in &a.set_file {
        values::apply_set(s, &base, SetKind::File, &reader)?;
    }
    for s in &a.set_literal {
        values::apply_set_literal(s, &base)?;
    }
    Ok(base)
}

fn release_name(a: &TemplateArgs) -> anyhow::Result<(String, String)> {
    if a.args.len() == 2 {
        if a.generate_name {
            anyhow::bail!("cannot set --generate-name and also specify a name");
        }
        return Ok((a.args[0].clone(), a.args[1].clone()));
    }
    let chart = a.args[0].clone();
    if let Some(t) = &a.name_template {
        let name = render::render_name_template(t).map_err(|e| anyhow::anyhow!("{e}"))?;
        return Ok((name, chart));
    }
    if a.generate_name {
        let base = Path::new(&chart)
            .file_name()
            .map_or("chart".to_string(), |b| b.to_string_lossy().into_owned());
        let base = if base.is_empty() || base == "." {
            "chart".to_string()
        } else {
            base
        };
        let base = base.split('.').next().unwrap_or("chart").to_string();
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        return Ok((format!("{base}-{now}"), chart));
    }
    Ok(("release-name".into(), chart))
}

fn run_template(ctx: &CliContext, a: &TemplateArgs) -> anyhow::Result<()> {
    let namespace = explicit_namespace(std::env::args_os()).unwrap_or_else(|| "default".to_string());
    let (name, chart_path) = release_name(a)?;
    let kube_version = match &a.kube_version {
        Some(v) => Some(render::parse_kube_version(v).map_err(|e| anyhow::anyhow!("{e}"))?),
        None => None,
    };
    let opts = Options {
        release_name: name.clone(),
        namespace,
        is_upgrade: a.is_upgrade,
        kube_version,
        api_versions: a.api_versions.iter().filter(|s| !s.is_empty()).cloned().collect(),
        ..Options::default()
    };
    let print = PrintOptions {
        include_crds: a.include_crds,
        skip_tests: a.skip_tests,
        no_hooks: a.no_hooks,
        show_only: a.show_only.clone(),
    };
    let output_dir = a.output_dir.clone();
    let use_release_name = a.release_name;
    let args = a.clone();
    let chart_path = PathBuf::from(chart_path);
    // Rendering runs on a thread with a large stack: templates may nest deeply.
    let result = std::thread::Builder::new()
        .name("helm-render".into())
        .stack_size(256 << 20)
        .spawn(move || -> Result<Rendered, String> {
            let user = user_values(&args).map_err(|e| super::output::message(&e))?;
            let chart = crate::helm::load(&chart_path).map_err(|e| e.to_string())?;
            let rel = render::install(chart, &user, &opts, None).map_err(|e| e.to_string())?;
            match output_dir {
                None => Ok(Rendered::Text(
                    render::template_output(&rel, &print).map_err(|e| e.to_string())?,
                )),
                Some(dir) => Ok(Rendered::Files(render::output_files(
                    &rel,
                    &print,
                    &dir,
                    use_release_name.then_some(name.as_str()),
                ))),
            }
        })
        .context("cannot start the rendering thread")?
        .join()
        .map_err(|_| anyhow::anyhow!("rendering failed unexpectedly"))?;
    match result.map_err(|e| anyhow::anyhow!("{e}"))? {
        Rendered::Text(t) => ctx.printer.data(t),
        Rendered::Files(files) => {
            let mut written: Vec<PathBuf> = Vec::new();
            let mut log = String::new();
            for (path, text) in files {
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent)
                        .with_context(|| format!("{}: cannot create", parent.display()))?;
                }
                let append = written.contains(&path);
                let mut f = std::fs::OpenOptions::new()
                    .create(true)
                    .write(true)
                    .append(append)
                    .truncate(!append)
                    .open(&path)
                    .with_context(|| format!("{}: cannot write", path.display()))?;
                std::io::Write::write_all(&mut f, text.as_bytes())
                    .with_context(|| format!("{}: cannot write", path.display()))?;
                written.push(path.clone());
                let _ = writeln!(log, "wrote {}", path.display());
            }
            log.push('\n');
            ctx.printer.data(log);
        }
    }
    Ok(())
}

enum Rendered {
    Text(String),
    Files(Vec<(PathBuf, String)>),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_explicit_namespace_counts() {
        let a = |v: &[&str]| explicit_namespace(v.iter().map(OsString::from));
        assert_eq!(a(&["flux-rs", "helm", "template", "c"]), None);
        assert_eq!(a(&["flux-rs", "-n", "x", "helm"]), Some("x".into()));
        assert_eq!(
            a(&["flux-rs", "helm", "template", "--namespace=y", "c"]),
            Some("y".into())
        );
        assert_eq!(a(&["flux-rs", "helm", "template", "-nz", "c"]), Some("z".into()));
    }
}
