//! `flux-rs build kustomization NAME --path DIR`: build a Flux Kustomization locally, as
//! kustomize-controller would, and print the objects.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::{Args, Subcommand};
use kube::api::Api;

use super::CliContext;
use crate::api::{FluxObject as _, Kustomization};
use crate::build::flux::{self, FluxOptions};

/// Flags of `build`.
#[derive(Debug, Args)]
#[command(
    long_about = "Build Flux objects locally and print the result.",
    after_help = "Examples:\n  flux-rs build kustomization apps --path ./apps/prod\n  \
        flux-rs build helmrelease podinfo -n apps\n  \
        flux-rs build ks apps --path ./apps/prod --kustomization-file ./clusters/prod/apps.yaml --dry-run"
)]
pub struct BuildArgs {
    /// What to build.
    #[command(subcommand)]
    pub what: BuildCommand,
}

/// Kinds `build` knows.
#[derive(Debug, Subcommand)]
#[allow(missing_docs)]
pub enum BuildCommand {
    // `about` rather than a doc comment, so the long description of the arguments is kept.
    #[command(visible_alias = "ks", about = "Build a Kustomization from a local directory")]
    Kustomization(BuildKustomizationArgs),
    #[command(
        name = "helmrelease",
        visible_alias = "hr",
        about = "Render a HelmRelease and print the objects of its release"
    )]
    HelmRelease(super::build_helmrelease::BuildHelmReleaseArgs),
}

/// Flags of `build kustomization`.
#[derive(Debug, Args)]
#[command(
    long_about = "Build a Flux Kustomization from a local directory exactly as kustomize-controller \
        would and print the objects as multi-document YAML on stdout.\n\n\
        The directory given with --path stands for the Kustomization's spec.path. When it has no \
        kustomization.yaml, one is generated that lists every manifest under it. The spec's \
        targetNamespace, namePrefix, nameSuffix, patches, images, components and commonMetadata \
        are applied, then postBuild variable substitution, and every object gets the labels \
        kustomize.toolkit.fluxcd.io/name and kustomize.toolkit.fluxcd.io/namespace.\n\n\
        By default the Kustomization (NAME in the namespace given with -n) and the ConfigMaps and \
        Secrets of its postBuild.substituteFrom are read from the cluster. With \
        --kustomization-file the Kustomization is read from that file instead; adding --dry-run \
        never contacts the cluster (substituteFrom is then skipped; postBuild.substitute still \
        applies).\n\n\
        --ignore-paths leaves files and directories matching .gitignore patterns (relative to \
        --path) out of the generated kustomization, as a .sourceignore leaves them out of an \
        artifact; it has no effect when the directory has its own kustomization.yaml.\n\n\
        SOPS-encrypted manifests and secretGenerator sources are decrypted in memory with the age \
        keys of --sops-age-key-file (or SOPS_AGE_KEY_FILE) and SOPS_AGE_KEY, their MAC verified; \
        without a key their encrypted values are shown as **SOPS**.\n\n\
        Files are read only under the root directory: the top of the Git work tree holding \
        --path, else the current directory when --path is inside it, else --path itself. Paths escaping it and symbolic links pointing out of it are \
        errors, and so are remote Git bases unless --allow-remote-bases is given (stricter than \
        kustomize-controller, which fetches them by default).",
    after_help = "Examples:\n  # Build with the Kustomization and its variables from the cluster\n  \
        flux-rs build kustomization apps --path ./apps/prod\n\n  \
        # Build offline from a local definition\n  \
        flux-rs build ks apps --path ./apps/prod --kustomization-file ./clusters/prod/apps.yaml --dry-run\n\n  \
        # Fail on variables that are not set\n  \
        flux-rs build ks apps --path ./apps --kustomization-file ./apps.yaml --dry-run --strict-substitute\n\n  \
        # Decrypt SOPS-encrypted Secrets with an age key (the values are printed!)\n  \
        flux-rs build ks apps --path ./apps --sops-age-key-file ./age.agekey\n\n\
        Exit codes:\n  0  built\n  1  an error (the message names the file, object and field)\n  2  a usage error: unknown command or flag, a missing or invalid argument"
)]
pub struct BuildKustomizationArgs {
    /// The Kustomization, the directory and how to build it.
    #[command(flatten)]
    pub build: KustomizationBuildFlags,
    /// Do not contact the cluster (requires --kustomization-file; substituteFrom is skipped).
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub dry_run: bool,
}

/// Flags shared by `build kustomization` and `diff kustomization`: what to build and how.
#[derive(Debug, Args)]
pub struct KustomizationBuildFlags {
    /// Name of the Kustomization.
    pub name: String,
    /// Local directory to build (stands for the Kustomization's spec.path).
    #[arg(long, value_name = "DIR")]
    pub path: PathBuf,
    /// Read the Kustomization from this YAML file instead of the cluster.
    #[arg(long, value_name = "FILE")]
    pub kustomization_file: Option<PathBuf>,
    /// Fail when a variable used in the manifests is not set and has no default.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub strict_substitute: bool,
    /// Paths to leave out of a generated kustomization, in .gitignore format, relative to
    /// --path (comma-separated or repeated).
    #[arg(long, value_name = "PATTERNS", value_delimiter = ',')]
    pub ignore_paths: Vec<String>,
    /// age key file (AGE-SECRET-KEY-1… lines) to decrypt SOPS-encrypted manifests and
    /// secretGenerator sources with; the SOPS_AGE_KEY variable may hold keys too. Without a
    /// key, encrypted values are shown as **SOPS**.
    #[arg(long, value_name = "FILE", env = "SOPS_AGE_KEY_FILE")]
    pub sops_age_key_file: Option<PathBuf>,
    /// Fetch remote Git bases named in resources and components (off by default: they are
    /// errors naming the URL).
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub allow_remote_bases: bool,
}

/// The age keys of `--sops-age-key-file`/`SOPS_AGE_KEY_FILE` and `SOPS_AGE_KEY`, as the
/// build's SOPS decryption: decrypt with them, or mask encrypted values when there are none.
pub(crate) fn sops_decryption(key_file: Option<&Path>) -> anyhow::Result<crate::sops::Decryption> {
    use crate::sops::{Decryption, Keys};
    let mut keys = Keys::new();
    if let Some(f) = key_file {
        let text = zeroize::Zeroizing::new(
            std::fs::read_to_string(f)
                .with_context(|| format!("cannot read the age key file {}", f.display()))?,
        );
        keys.add_key_file(&text)
            .with_context(|| format!("age key file {}", f.display()))?;
    }
    if let Ok(inline) = std::env::var("SOPS_AGE_KEY").map(zeroize::Zeroizing::new)
        && !inline.trim().is_empty()
    {
        keys.add_key_file(&inline).context("SOPS_AGE_KEY")?;
    }
    Ok(if keys.is_empty() {
        Decryption::Mask
    } else {
        Decryption::Keys(std::sync::Arc::new(keys))
    })
}

/// Whether a build reads the Kustomization's live copy (for its status) besides its spec.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LiveKustomization {
    /// Never contact the cluster (`--dry-run`): the spec comes from the file.
    Offline,
    /// The spec comes from the file when given, else from the cluster.
    SpecOnly,
    /// Also read the live object for its status (inventory) when the spec comes from a file;
    /// `true`: a missing live object is fine (`--ignore-not-found`).
    WithStatus(bool),
}

/// The outcome of a build: the Kustomization as used (the spec from the file or the
/// cluster, the status from the cluster when read) and the objects.
pub(crate) struct Built {
    /// The Kustomization.
    pub kustomization: Kustomization,
    /// Whether it exists in the cluster (its status is the live one).
    pub in_cluster: bool,
    /// The built objects, ready to apply.
    pub objects: Vec<serde_json::Value>,
    /// For a diff: the same build with SOPS-encrypted values masked (where they are tells
    /// the diff what to hide); equal to `objects` when no key was given.
    pub masked: Vec<serde_json::Value>,
}

/// Builds the Kustomization as `build kustomization` and `diff kustomization` do.
pub(crate) async fn build_kustomization(
    ctx: &CliContext,
    args: &KustomizationBuildFlags,
    live: LiveKustomization,
) -> anyhow::Result<Built> {
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    let dir = cwd
        .join(&args.path)
        .canonicalize()
        .with_context(|| format!("invalid --path {}", args.path.display()))?;
    if !dir.is_dir() {
        anyhow::bail!("invalid --path {}: not a directory", args.path.display());
    }
    let root = super::kustomize::default_root(&cwd, &dir);

    let get_live = || async {
        let client = ctx.reachable_client().await?;
        let api: Api<Kustomization> = Api::namespaced(client, ctx.namespace());
        match api.get_opt(&args.name).await {
            // No Kustomization API at all (Flux's CRDs not installed): not found either.
            Err(e) if crate::cluster::is_not_found(&e) => Ok(None),
            other => other,
        }
        .map_err(|e| {
            anyhow::anyhow!(
                "cannot get Kustomization {}/{}: {}",
                ctx.namespace(),
                args.name,
                crate::cluster::describe(&e)
            )
        })
    };
    let not_found = || anyhow::anyhow!("Kustomization {}/{} not found", ctx.namespace(), args.name);
    let (mut ks, in_cluster) = if let Some(file) = &args.kustomization_file {
        let mut ks = read_kustomization_file(file, &args.name)?;
        match live {
            LiveKustomization::Offline | LiveKustomization::SpecOnly => (ks, false),
            LiveKustomization::WithStatus(ignore_not_found) => match get_live().await? {
                Some(l) => {
                    ks.status = l.status;
                    (ks, true)
                }
                None if ignore_not_found => (ks, false),
                None => {
                    anyhow::bail!(
                        "{}: it must exist for its inventory to be compared (--ignore-not-found treats it as new)",
                        not_found()
                    );
                }
            },
        }
    } else {
        (get_live().await?.ok_or_else(not_found)?, true)
    };
    if ks.metadata.namespace.is_none() {
        ks.metadata.namespace = Some(ctx.namespace().to_string());
    }
    let rel = dir.strip_prefix(&root).unwrap_or(Path::new(""));
    ks.spec.path = Some(format!("./{}", rel.display()));

    let vars = if live == LiveKustomization::Offline {
        BTreeMap::new()
    } else {
        substitute_from(ctx, &ks).await?
    };
    let opts = FluxOptions {
        strict_substitute: args.strict_substitute,
        ignore_paths: args.ignore_paths.clone(),
        decryption: Some(sops_decryption(args.sops_age_key_file.as_deref())?),
        remote_bases: args.allow_remote_bases.then(super::kustomize::remote_loader),
        keep_unresolved: false,
    };
    let objects = flux::build(&root, &ks, &vars, &opts).with_context(|| {
        format!(
            "building Kustomization {}/{}",
            ks.metadata.namespace.as_deref().unwrap_or(""),
            args.name
        )
    })?;
    let masked = match (&opts.decryption, live) {
        (Some(crate::sops::Decryption::Keys(_)), LiveKustomization::WithStatus(_)) => {
            let opts = FluxOptions {
                decryption: Some(crate::sops::Decryption::Mask),
                ..opts
            };
            // The decrypting build succeeded, so this one does too; without it, nothing
            // would be known encrypted, so fail rather than show values.
            flux::build(&root, &ks, &vars, &opts).context("building with SOPS values masked")?
        }
        _ => objects.clone(),
    };
    Ok(Built {
        kustomization: ks,
        in_cluster,
        objects,
        masked,
    })
}

/// Runs `build`.
pub async fn run(ctx: &CliContext, args: BuildArgs) -> anyhow::Result<()> {
    match args.what {
        BuildCommand::Kustomization(a) => run_kustomization(ctx, a).await,
        BuildCommand::HelmRelease(a) => super::build_helmrelease::run(ctx, a).await,
    }
}

async fn run_kustomization(ctx: &CliContext, args: BuildKustomizationArgs) -> anyhow::Result<()> {
    if args.dry_run && args.build.kustomization_file.is_none() {
        anyhow::bail!(
            "--dry-run requires --kustomization-file: without the cluster, the Kustomization must come from a file"
        );
    }
    let live = if args.dry_run {
        LiveKustomization::Offline
    } else {
        LiveKustomization::SpecOnly
    };
    let built = build_kustomization(ctx, &args.build, live).await?;
    ctx.printer.data(crate::build::render(&built.objects));
    Ok(())
}

/// Reads the Kustomization named `name` from a YAML file (which may hold other objects).
pub(crate) fn read_kustomization_file(file: &Path, name: &str) -> anyhow::Result<Kustomization> {
    let text = std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let docs =
        crate::yaml::from_str_json(&text).with_context(|| format!("{}: invalid YAML", file.display()))?;
    let mut found = None;
    for d in docs {
        if d["kind"].as_str() == Some("Kustomization")
            && d["apiVersion"]
                .as_str()
                .is_some_and(|v| v.starts_with("kustomize.toolkit.fluxcd.io/"))
            && d["metadata"]["name"].as_str() == Some(name)
        {
            found = Some(d);
            break;
        }
    }
    let Some(value) = found else {
        anyhow::bail!(
            "{}: no Kustomization named {name:?} (kustomize.toolkit.fluxcd.io) in the file",
            file.display()
        );
    };
    Kustomization::parse(value).with_context(|| format!("{}: invalid Kustomization", file.display()))
}

/// Variables from the ConfigMaps and Secrets of `postBuild.substituteFrom`, read from the
/// Kustomization's namespace as the reconcile engine reads them.
async fn substitute_from(ctx: &CliContext, ks: &Kustomization) -> anyhow::Result<BTreeMap<String, String>> {
    if ks
        .spec
        .post_build
        .as_ref()
        .and_then(|p| p.substitute_from.as_ref())
        .is_none_or(Vec::is_empty)
    {
        return Ok(BTreeMap::new());
    }
    let client = ctx.reachable_client().await?;
    Ok(crate::engine::substitute::variables(&client, ks).await?)
}
