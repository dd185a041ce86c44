//! Flux's OCI artifacts from the command line: `push artifact`, `pull artifact`,
//! `tag artifact`, `list artifacts` and `diff artifact` (through [`crate::source::oci`]).
//! Credentials: `--creds`, else the Docker config file (`$DOCKER_CONFIG/config.json` or
//! `~/.docker/config.json`) entry of the registry, else anonymous.

use std::collections::BTreeMap;
use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use super::CliContext;
use super::output::format;
use super::output::table::{Cell, Table, Tone};
use crate::source::oci::{self, ClientOptions, OciRef, Registry, artifact};

/// Flags every artifact command takes.
#[derive(Debug, Clone, Args)]
pub struct RegistryFlags {
    /// Registry credentials, `<username>:<password>` (or a token alone).
    #[arg(
        long,
        value_name = "USER:PASSWORD",
        env = "FLUX_RS_OCI_CREDS",
        hide_env_values = true
    )]
    pub creds: Option<String>,
    /// Credentials provider (only `generic` is supported).
    #[arg(long, default_value = "generic", value_parser = ["generic"])]
    pub provider: String,
    /// Talk to the registry over plain HTTP.
    #[arg(long = "insecure-registry", num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub insecure_registry: bool,
}

/// How `push` and `list` print their result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ArtifactOutput {
    /// Lines (push) or a table (list).
    Table,
    /// JSON.
    Json,
    /// YAML.
    Yaml,
}

/// `push artifact`.
#[derive(Debug, Args)]
pub struct PushCommand {
    /// What to push.
    #[command(subcommand)]
    pub what: PushWhat,
}

/// What `push` pushes.
#[derive(Debug, Subcommand)]
#[allow(missing_docs)]
pub enum PushWhat {
    #[command(about = "Push a directory or file as a Flux OCI artifact")]
    Artifact(PushArtifactArgs),
}

/// Arguments of `push artifact`.
#[derive(Debug, Args)]
#[command(
    long_about = "Pack a directory (or one file) as a tar+gzip layer and push it as a Flux OCI \
        artifact (config application/vnd.cncf.flux.config.v1+json, layer \
        application/vnd.cncf.flux.content.v1.tar+gzip, annotations org.opencontainers.image.source, \
        .revision and .created), interchangeable with upstream's `flux push artifact`. Exit codes: \
        0 pushed, 1 failed, 2 usage error.",
    after_help = "Examples:\n  flux-rs push artifact oci://127.0.0.1:5000/apps:v1 --path=./deploy \\\n    \
        --source=\"$(git config --get remote.origin.url)\" --revision=\"main@sha1:$(git rev-parse HEAD)\"\n  \
        flux-rs push artifact oci://ghcr.io/org/apps:latest --path=. --source=x --revision=y \\\n    \
        --annotations=team=a --ignore-paths='*.md' --creds=flux:$TOKEN"
)]
pub struct PushArtifactArgs {
    /// Where to push: oci://<host>/<repository>:<tag>.
    pub url: String,
    /// The directory or file to pack.
    #[arg(long)]
    pub path: PathBuf,
    /// Where the content comes from (a Git URL): org.opencontainers.image.source.
    #[arg(long)]
    pub source: String,
    /// The content's revision (main@sha1:<hex>): org.opencontainers.image.revision.
    #[arg(long)]
    pub revision: String,
    /// Extra manifest annotations, key=value (repeat or separate with commas).
    #[arg(long, short = 'a', value_name = "KEY=VALUE", value_delimiter = ',')]
    pub annotations: Vec<String>,
    /// Paths to leave out, in gitignore syntax (repeat or separate with commas).
    #[arg(long = "ignore-paths", value_name = "PATTERN", value_delimiter = ',')]
    pub ignore_paths: Vec<String>,
    /// Print the pushed digest and URL as JSON or YAML on stdout.
    #[arg(long, short = 'o', value_enum)]
    pub output: Option<ArtifactOutput>,
    /// Registry flags.
    #[command(flatten)]
    pub registry: RegistryFlags,
}

/// `pull artifact`.
#[derive(Debug, Args)]
pub struct PullCommand {
    /// What to pull.
    #[command(subcommand)]
    pub what: PullWhat,
}

/// What `pull` pulls.
#[derive(Debug, Subcommand)]
#[allow(missing_docs)]
pub enum PullWhat {
    #[command(about = "Pull a Flux OCI artifact and extract it into a directory")]
    Artifact(PullArtifactArgs),
}

/// Arguments of `pull artifact`.
#[derive(Debug, Args)]
#[command(
    long_about = "Pull a Flux OCI artifact and extract its layer into a directory: the layer's digest \
        is checked, paths escaping the directory and links pointing outside it are refused. Exit \
        codes: 0 pulled, 1 failed, 2 usage error.",
    after_help = "Examples:\n  flux-rs pull artifact oci://127.0.0.1:5000/apps:v1 --output=./out"
)]
pub struct PullArtifactArgs {
    /// What to pull: oci://<host>/<repository>[:<tag>|@<digest>].
    pub url: String,
    /// Directory to extract into (created if missing).
    #[arg(long, short = 'o')]
    pub output: PathBuf,
    /// Registry flags.
    #[command(flatten)]
    pub registry: RegistryFlags,
}

/// `tag artifact`.
#[derive(Debug, Args)]
pub struct TagCommand {
    /// What to tag.
    #[command(subcommand)]
    pub what: TagWhat,
}

/// What `tag` tags.
#[derive(Debug, Subcommand)]
#[allow(missing_docs)]
pub enum TagWhat {
    #[command(about = "Tag a Flux OCI artifact (no layer is transferred)")]
    Artifact(TagArtifactArgs),
}

/// Arguments of `tag artifact`.
#[derive(Debug, Args)]
#[command(
    long_about = "Add tags to an artifact: its manifest is stored again under each tag. Exit codes: \
        0 tagged, 1 failed, 2 usage error.",
    after_help = "Examples:\n  flux-rs tag artifact oci://127.0.0.1:5000/apps:v1 --tag=latest --tag=stable"
)]
pub struct TagArtifactArgs {
    /// The artifact: oci://<host>/<repository>:<tag>|@<digest>.
    pub url: String,
    /// Tags to add (repeat or separate with commas).
    #[arg(long, required = true, value_delimiter = ',')]
    pub tag: Vec<String>,
    /// Registry flags.
    #[command(flatten)]
    pub registry: RegistryFlags,
}

/// `list artifacts`.
#[derive(Debug, Args)]
pub struct ListCommand {
    /// What to list.
    #[command(subcommand)]
    pub what: ListWhat,
}

/// What `list` lists.
#[derive(Debug, Subcommand)]
#[allow(missing_docs)]
pub enum ListWhat {
    #[command(
        visible_alias = "artifact",
        about = "List the Flux OCI artifacts of a repository"
    )]
    Artifacts(ListArtifactsArgs),
}

/// Arguments of `list artifacts`.
#[derive(Debug, Args)]
#[command(
    long_about = "List the tags of a repository with their digest and the source and revision \
        annotations: ARTIFACT, DIGEST, SOURCE, REVISION. Exit codes: 0 listed, 1 failed, 2 usage \
        error.",
    after_help = "Examples:\n  flux-rs list artifacts oci://127.0.0.1:5000/apps\n  \
        flux-rs list artifacts oci://127.0.0.1:5000/apps --filter-semver='>=1.0.0' -o json"
)]
pub struct ListArtifactsArgs {
    /// The repository: oci://<host>/<repository>.
    pub url: String,
    /// Only tags matching this regular expression.
    #[arg(long = "filter-regex", value_name = "REGEX")]
    pub filter_regex: Option<String>,
    /// Only tags that are versions in this semantic-version range.
    #[arg(long = "filter-semver", value_name = "RANGE")]
    pub filter_semver: Option<String>,
    /// Output format.
    #[arg(long, short = 'o', value_enum, default_value = "table")]
    pub output: ArtifactOutput,
    /// Registry flags.
    #[command(flatten)]
    pub registry: RegistryFlags,
}

/// Arguments of `diff artifact`.
#[derive(Debug, Args)]
#[command(
    long_about = "Compare a local directory with the content of an artifact (as `push artifact` \
        would pack it). Exit codes: 0 no difference, 1 differences, 2 error.",
    after_help = "Examples:\n  flux-rs diff artifact oci://127.0.0.1:5000/apps:v1 --path=./deploy"
)]
pub struct DiffArtifactArgs {
    /// The artifact: oci://<host>/<repository>:<tag>|@<digest>.
    pub url: String,
    /// The local directory or file.
    #[arg(long)]
    pub path: PathBuf,
    /// Paths to leave out, in gitignore syntax (repeat or separate with commas).
    #[arg(long = "ignore-paths", value_name = "PATTERN", value_delimiter = ',')]
    pub ignore_paths: Vec<String>,
    /// Registry flags.
    #[command(flatten)]
    pub registry: RegistryFlags,
}

fn parse_url(url: &str) -> anyhow::Result<OciRef> {
    OciRef::parse(url).map_err(|e| super::usage_error(e.to_string()))
}

/// The Docker config file: `$DOCKER_CONFIG/config.json` or `~/.docker/config.json`.
fn docker_config_path() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("DOCKER_CONFIG") {
        return Some(PathBuf::from(dir).join("config.json"));
    }
    std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".docker/config.json"))
}

/// A registry client for the reference's host with the flags' credentials.
fn registry(ctx: &CliContext, reference: &OciRef, flags: &RegistryFlags) -> anyhow::Result<Registry> {
    let credentials = match &flags.creds {
        Some(c) if !c.is_empty() => Some(oci::credentials_from_flag(c)),
        _ => match docker_config_path().filter(|p| p.is_file()) {
            Some(path) => {
                let json = std::fs::read(&path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
                oci::credentials_from_docker_config(&json, &reference.registry)
                    .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?
            }
            None => None,
        },
    };
    let options = ClientOptions {
        credentials,
        insecure: flags.insecure_registry,
        tls: oci::TlsMaterial::default(),
        timeout: Some(ctx.global.timeout),
    };
    Ok(Registry::new(&reference.registry, &options)?)
}

/// Runs `push artifact`.
pub async fn run_push(ctx: &CliContext, cmd: PushCommand) -> anyhow::Result<()> {
    let PushWhat::Artifact(args) = cmd.what;
    let reference = parse_url(&args.url)?;
    if reference.tag.is_none() || reference.digest.is_some() {
        return Err(super::usage_error(format!(
            "invalid URL {:?}: push needs oci://<host>/<repository>:<tag>",
            args.url
        )));
    }
    if !args.path.exists() {
        return Err(super::usage_error(format!(
            "invalid --path {}: no such file or directory",
            args.path.display()
        )));
    }
    let mut annotations = BTreeMap::new();
    for a in &args.annotations {
        let (k, v) = a
            .split_once('=')
            .filter(|(k, _)| !k.is_empty())
            .ok_or_else(|| super::usage_error(format!("invalid annotation {a:?}: expected key=value")))?;
        annotations.insert(k.to_string(), v.to_string());
    }
    let client = registry(ctx, &reference, &args.registry)?;
    let url = format!("oci://{reference}");
    ctx.printer.action(format!("pushing artifact to {url}"));
    let spinner = ctx
        .printer
        .spinner(format!("packing {} and uploading", args.path.display()));
    let opts = artifact::PushOptions {
        source: args.source.clone(),
        revision: args.revision.clone(),
        annotations,
        ignore_paths: args.ignore_paths.clone(),
        created: None,
    };
    let pushed = artifact::push(&client, &reference, &args.path, &opts).await;
    drop(spinner);
    let pushed = pushed?;
    let full = format!(
        "{}@{}",
        reference.repository_url().trim_start_matches("oci://"),
        pushed.digest
    );
    match args.output {
        Some(ArtifactOutput::Json) => ctx.printer.data(format::json_text(
            &serde_json::json!({"repository": reference.repository_url().trim_start_matches("oci://"), "tag": reference.tag, "digest": pushed.digest, "url": full}),
            2,
        )),
        Some(ArtifactOutput::Yaml) => ctx.printer.data(crate::yaml::to_string(
            &serde_json::json!({"repository": reference.repository_url().trim_start_matches("oci://"), "tag": reference.tag, "digest": pushed.digest, "url": full}),
        )),
        _ => ctx.printer.success(format!(
            "artifact successfully pushed to {full} ({})",
            format::size(pushed.layer_size)
        )),
    }
    Ok(())
}

/// Runs `pull artifact`.
pub async fn run_pull(ctx: &CliContext, cmd: PullCommand) -> anyhow::Result<()> {
    let PullWhat::Artifact(args) = cmd.what;
    let reference = parse_url(&args.url)?;
    let client = registry(ctx, &reference, &args.registry)?;
    ctx.printer
        .action(format!("pulling artifact from oci://{reference}"));
    let spinner = ctx.printer.spinner("downloading the layer");
    let on_progress = |n: u64| spinner.set_message(format!("downloading the layer: {}", format::size(n)));
    let info = artifact::pull(
        &client,
        &reference,
        None,
        &args.output,
        oci::DEFAULT_LAYER_LIMIT,
        &on_progress,
    )
    .await;
    drop(spinner);
    let info = info?;
    if !info.source().is_empty() {
        ctx.printer.success(format!("source {}", info.source()));
    }
    if !info.revision().is_empty() {
        ctx.printer.success(format!("revision {}", info.revision()));
    }
    ctx.printer
        .success(format!("artifact content extracted to {}", args.output.display()));
    Ok(())
}

/// Runs `tag artifact`.
pub async fn run_tag(ctx: &CliContext, cmd: TagCommand) -> anyhow::Result<()> {
    let TagWhat::Artifact(args) = cmd.what;
    let reference = parse_url(&args.url)?;
    for t in &args.tag {
        OciRef::check_tag(t).map_err(|e| super::usage_error(e.to_string()))?;
    }
    let client = registry(ctx, &reference, &args.registry)?;
    ctx.printer.action(format!("tagging artifact oci://{reference}"));
    for t in &args.tag {
        artifact::tag(&client, &reference, t).await?;
        ctx.printer
            .success(format!("artifact tagged as {}", reference.with_tag(t)));
    }
    Ok(())
}

/// Runs `list artifacts`.
pub async fn run_list(ctx: &CliContext, cmd: ListCommand) -> anyhow::Result<()> {
    let ListWhat::Artifacts(args) = cmd.what;
    let reference = parse_url(&args.url)?;
    let regex = match args.filter_regex.as_deref() {
        Some(r) => Some(
            regex::Regex::new(r).map_err(|e| super::usage_error(format!("invalid --filter-regex: {e}")))?,
        ),
        None => None,
    };
    let semver = match args.filter_semver.as_deref() {
        Some(r) => Some(
            crate::source::reference::Constraint::parse(r)
                .map_err(|e| super::usage_error(format!("invalid --filter-semver {r:?}: {e}")))?,
        ),
        None => None,
    };
    let keep = move |tag: &str| {
        regex.as_ref().is_none_or(|r| r.is_match(tag))
            && semver.as_ref().is_none_or(|c| {
                crate::source::reference::parse_tag_version(tag).is_some_and(|v| c.matches(&v))
            })
    };
    let client = registry(ctx, &reference, &args.registry)?;
    let rows = artifact::list(&client, &reference, &keep).await?;
    match args.output {
        ArtifactOutput::Table => {
            let mut table = Table::new(["ARTIFACT", "DIGEST", "SOURCE", "REVISION"]);
            for r in &rows {
                table.push(
                    [&r.url, &r.digest, &r.source, &r.revision]
                        .into_iter()
                        .map(|t| Cell::toned(t.clone(), Tone::default()))
                        .collect(),
                );
            }
            ctx.printer.table(&table, true);
        }
        ArtifactOutput::Json | ArtifactOutput::Yaml => {
            let items: Vec<serde_json::Value> = rows
                .iter()
                .map(|r| serde_json::json!({"url": r.url, "tag": r.tag, "digest": r.digest, "source": r.source, "revision": r.revision}))
                .collect();
            let doc = serde_json::Value::Array(items);
            if args.output == ArtifactOutput::Json {
                ctx.printer.data(format::json_text(&doc, 2));
            } else {
                ctx.printer.data(crate::yaml::to_string(&doc));
            }
        }
    }
    Ok(())
}

/// Runs `diff artifact`: `Ok(true)` when the local tree differs.
pub async fn run_diff(ctx: &CliContext, args: DiffArtifactArgs) -> anyhow::Result<bool> {
    let reference = parse_url(&args.url)?;
    if !args.path.exists() {
        return Err(super::usage_error(format!(
            "invalid --path {}: no such file or directory",
            args.path.display()
        )));
    }
    let client = registry(ctx, &reference, &args.registry)?;
    let d = artifact::diff(
        &client,
        &reference,
        &args.path,
        &args.ignore_paths,
        oci::DEFAULT_LAYER_LIMIT,
    )
    .await?;
    for p in &d.added {
        ctx.printer.info(format!("{p}: only in {}", args.path.display()));
    }
    for p in &d.removed {
        ctx.printer.info(format!("{p}: only in the artifact"));
    }
    for p in &d.changed {
        ctx.printer.info(format!("{p}: differs"));
    }
    if d.is_empty() {
        ctx.printer.success("no changes detected");
    }
    Ok(!d.is_empty())
}
