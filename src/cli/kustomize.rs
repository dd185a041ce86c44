//! `flux-rs kustomize DIR`: a drop-in for `kubectl kustomize DIR` built by the native engine.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::Args;

use super::CliContext;
use crate::build::{self, LoadRestrictions, Options};

/// Flags of `kustomize`.
#[derive(Debug, Args)]
#[command(
    long_about = "Build a kustomization directory and print the objects as multi-document YAML, \
        exactly as `kubectl kustomize` (kustomize v5.5.0) prints them.\n\n\
        By default the files are read as kubectl reads them: kustomization directories (bases, \
        components) may be anywhere, and resource, patch and generator files must be in or \
        below the directory of the kustomization that names them, unless \
        --load-restrictor=LoadRestrictionsNone. --root DIR also confines every path to DIR (as \
        kustomize-controller confines a build to its source): paths that climb out of it, \
        absolute paths and symbolic links pointing outside are errors.\n\n\
        Remote Git bases (kustomize's URL forms: https://host/org/repo//dir?ref=v1, \
        github.com/org/repo/dir, git@host:org/repo//dir, ssh://, git::, ?ref= ?version= ?timeout=) \
        are errors naming the URL unless --allow-remote-bases is given: this is stricter than \
        kustomize and kustomize-controller, which fetch them by default. When allowed, each base \
        is cloned into a temporary directory (HTTPS anonymously, SSH with the ssh-agent's keys and \
        host keys checked against ~/.ssh/known_hosts) and reads nothing outside its checkout. \
        Plain http(s) file URLs are always errors.\n\n\
        Unsupported kustomize features (helmCharts, crds, validators, exec and container \
        plugins, remote file URLs) are errors \
        naming the field. The cluster is never contacted.",
    after_help = "Examples:\n  flux-rs kustomize ./apps/prod\n  flux-rs kustomize ./apps/prod --root . > prod.yaml\n  \
        flux-rs kustomize overlays/dev --load-restrictor LoadRestrictionsNone\n  \
        flux-rs kustomize ./overlay --allow-remote-bases\n\n\
        Exit codes:\n  0  built\n  1  the build failed (the message names the file, object and field)\n  2  a usage error: unknown command or flag, a missing or invalid argument"
)]
pub struct KustomizeArgs {
    /// Directory with a kustomization file.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Directory no file may be read from outside of (default: no such confinement).
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// `LoadRestrictionsRootOnly` (kustomize's default) or `LoadRestrictionsNone`.
    #[arg(long, default_value = "LoadRestrictionsRootOnly", value_parser = ["LoadRestrictionsRootOnly", "LoadRestrictionsNone"])]
    pub load_restrictor: String,
    /// Fetch remote Git bases (`https://host/org/repo//dir?ref=v1`, `github.com/org/repo/dir`,
    /// `git@host:org/repo//dir`) named in resources and components; off by default.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub allow_remote_bases: bool,
}

/// The root when none is given: the top of the Git work tree holding `dir`, else the current
/// directory when `dir` is inside it, else `dir` itself.
pub fn default_root(cwd: &std::path::Path, dir: &std::path::Path) -> PathBuf {
    if let Some(top) = dir.ancestors().find(|a| a.join(".git").exists()) {
        return top.to_path_buf();
    }
    let cwd = cwd.canonicalize().unwrap_or_else(|_| cwd.to_path_buf());
    if dir.starts_with(&cwd) {
        cwd
    } else {
        dir.to_path_buf()
    }
}

/// The loader of remote Git bases for commands run by a user: anonymous HTTPS, SSH with the
/// user's ssh-agent, host keys checked against `~/.ssh/known_hosts`.
pub fn remote_loader() -> std::sync::Arc<dyn crate::build::remote::Loader> {
    let known_hosts =
        super::env::user_known_hosts_path().and_then(|p| crate::bootstrap::access::read_known_hosts(&p).ok());
    let auth = crate::source::auth::Auth {
        known_hosts,
        ssh_agent: true,
        credentials_hint: Some("remote bases are fetched without credentials (SSH: the ssh-agent's keys)"),
        ..crate::source::auth::Auth::default()
    };
    std::sync::Arc::new(crate::source::remote_base::GitLoader::new(auth))
}

/// Runs `kustomize`.
pub fn run(ctx: &CliContext, args: &KustomizeArgs) -> anyhow::Result<()> {
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    let dir = cwd.join(&args.dir);
    let dir = dir
        .canonicalize()
        .with_context(|| format!("{}: cannot open the directory", args.dir.display()))?;
    // Without --root, kustomize's own load rules are the only restriction.
    let root = match &args.root {
        Some(r) => cwd.join(r),
        None => PathBuf::from("/"),
    };
    let opts = Options {
        load_restrictions: if args.load_restrictor == "LoadRestrictionsNone" {
            LoadRestrictions::None
        } else {
            LoadRestrictions::RootOnly
        },
        remote_bases: args.allow_remote_bases.then(remote_loader),
    };
    let objects = build::kustomize(&root, &dir, &opts)?;
    ctx.printer.data(build::render(&objects));
    Ok(())
}
