//! The whole fleet of a repository, rendered and compared between two revisions without a
//! cluster: what `flux-rs diff --base REF` shows a pull request.
//!
//! 1. [`render`] starts at the `flux-system` sync (the root Kustomization, found as
//!    bootstrap lays it out, or the directory given) and follows every Kustomization whose
//!    source is this repository — the root's GitRepository, a GitRepository whose URL is one
//!    of this checkout's remotes, or a source mapped to a directory — recursively. Each is
//!    built by [`crate::build::flux::build_in`], the reconcile engine's build, with its spec
//!    applied (targetNamespace, patches, images, components, namePrefix/Suffix,
//!    commonMetadata, postBuild). `substituteFrom` reads the ConfigMaps and Secrets the
//!    repository itself defines; a variable without a value stays `${NAME}` and is reported,
//!    never guessed. Kustomizations of other sources are listed as not rendered.
//! 2. The base revision is read from Git's object database ([`tree::GitTree`], no checkout);
//!    a Kustomization whose spec, variables and every file read are the same in the base
//!    (the build records them) is taken over from the working tree's rendering instead of
//!    being built again.
//! 3. [`compare`] lists per Kustomization what is created, changed (unified diff of the
//!    normalised YAML, Secret and SOPS values masked), deleted and moved.

pub mod compare;
pub mod render;
pub mod tree;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use compare::{Report, compare};
pub use render::{Fleet, Options, render};

/// Why the fleet could not be compared at all.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Error(pub String);

/// What `diff --base` asks for.
#[derive(Clone, Debug, Default)]
pub struct Request {
    /// The current directory (inside the checkout).
    pub cwd: PathBuf,
    /// The base revision (any Git revision expression: a branch, `origin/main`, a commit).
    pub base: String,
    /// The root directory (relative to `cwd`), when not the `flux-system` sync's.
    pub path: Option<PathBuf>,
    /// `Kind/namespace/name=DIR` sources built from a directory (relative to `cwd`).
    pub local_sources: Vec<String>,
    /// How SOPS-encrypted files of Kustomizations with `spec.decryption` are read.
    pub decryption: Option<crate::sops::Decryption>,
    /// Where `substituteFrom` variables come from (the repository unless told).
    pub variables: render::Variables,
}

/// How much work the comparison took.
#[derive(Clone, Copy, Debug, Default)]
pub struct Stats {
    /// Kustomizations rendered in the working tree.
    pub head: usize,
    /// Kustomizations of the base built again (their inputs differ).
    pub base_built: usize,
    /// Kustomizations of the base taken over from the working tree.
    pub base_reused: usize,
}

/// The checkout's top directory, relative path of `p` (given relative to `cwd`) in it.
fn in_checkout(top: &Path, cwd: &Path, p: &Path, what: &str) -> Result<String, Error> {
    let abs = cwd
        .join(p)
        .canonicalize()
        .map_err(|e| Error(format!("{what} {}: {e}", p.display())))?;
    let rel = abs.strip_prefix(top).map_err(|_| {
        Error(format!(
            "{what} {} is outside the repository {}",
            p.display(),
            top.display()
        ))
    })?;
    Ok(if rel.as_os_str().is_empty() {
        ".".into()
    } else {
        format!("./{}", rel.display())
    })
}

/// The rendering options of a request, the repository's Git directory and the base commit
/// (when `req.base` is not empty).
fn prepare(req: &Request) -> Result<(Options, PathBuf, Option<git2::Oid>), Error> {
    let repo = git2::Repository::discover(&req.cwd).map_err(|e| {
        Error(format!(
            "{} is not in a Git repository: {}",
            req.cwd.display(),
            e.message()
        ))
    })?;
    let top = repo
        .workdir()
        .ok_or_else(|| Error("the repository has no working tree (bare)".into()))?
        .canonicalize()
        .map_err(|e| Error(format!("the repository's working tree: {e}")))?;
    let commit = if req.base.is_empty() {
        None
    } else {
        let c = repo
            .revparse_single(&req.base)
            .and_then(|o| o.peel_to_commit())
            .map_err(|e| Error(format!("--base {}: {}", req.base, e.message())))?;
        Some(c.id())
    };
    let mut remote_urls = BTreeSet::new();
    if let Ok(names) = repo.remotes() {
        for name in names.iter().flatten().flatten() {
            if let Ok(r) = repo.find_remote(name)
                && let Ok(url) = r.url()
            {
                remote_urls.insert(render::normalize_url(url));
            }
        }
    }
    let path = req
        .path
        .as_ref()
        .map(|p| in_checkout(&top, &req.cwd, p, "--path"))
        .transpose()?;
    let mut local_sources = BTreeMap::new();
    for s in &req.local_sources {
        let Some((source, dir)) = s.split_once('=') else {
            return Err(Error(format!(
                "--local-sources {s:?}: expected Kind/namespace/name=DIR"
            )));
        };
        if source.split('/').count() != 3 || source.split('/').any(str::is_empty) {
            return Err(Error(format!(
                "--local-sources {s:?}: expected Kind/namespace/name=DIR"
            )));
        }
        let dir = in_checkout(&top, &req.cwd, Path::new(dir), "--local-sources")?;
        local_sources.insert(source.to_string(), dir);
    }
    let opts = Options {
        top: top.clone(),
        path,
        local_sources,
        remote_urls,
        decryption: req.decryption.clone(),
        variables: req.variables.clone(),
    };
    Ok((opts, repo.path().to_path_buf(), commit))
}

/// Renders the fleet in the working tree (cluster mode: no base).
pub fn render_working_tree(req: &Request) -> Result<Fleet, Error> {
    let (opts, _, _) = prepare(req)?;
    render(Arc::new(crate::build::fs::Disk), &opts, None).map_err(|e| Error(e.0))
}

/// Renders the fleet in the working tree and at `req.base` and compares them.
pub fn diff_offline(req: &Request) -> Result<(Report, Stats), Error> {
    let (opts, git_dir, commit) = prepare(req)?;
    let Some(commit) = commit else {
        return Err(Error("--base: no revision given".into()));
    };
    let top = opts.top.clone();
    let head = render(Arc::new(crate::build::fs::Disk), &opts, None).map_err(|e| Error(e.0))?;
    let tree = tree::GitTree::new(&git_dir, commit, &top)
        .map_err(|e| Error(format!("--base {}: {}", req.base, e.message())))?;
    let base =
        render(Arc::new(tree), &opts, Some(&head)).map_err(|e| Error(format!("at {}: {}", req.base, e.0)))?;
    let reused = base.kustomizations.values().filter(|r| r.reused).count();
    let stats = Stats {
        head: head.kustomizations.len(),
        base_built: base.kustomizations.len() - reused,
        base_reused: reused,
    };
    let short = commit.to_string();
    let base_name = format!("{}@{}", req.base, &short[..short.len().min(8)]);
    Ok((compare(&base, &head, &base_name, "working tree"), stats))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, path: &str, text: &str) {
        let p = dir.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    fn git(dir: &Path, args: &[&str]) {
        let ok = std::process::Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .current_dir(dir)
            .status()
            .unwrap()
            .success();
        assert!(ok, "git {args:?}");
    }

    fn ks(name: &str, path: &str) -> String {
        format!(
            "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: {name}\n  namespace: flux-system\nspec:\n  interval: 10m\n  path: {path}\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n"
        )
    }

    fn cm(name: &str, value: &str) -> String {
        format!(
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n  namespace: default\ndata:\n  v: {value}\n"
        )
    }

    #[test]
    fn only_kustomizations_whose_inputs_changed_are_built_again() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        git(d, &["init", "-q", "-b", "main", "."]);
        write(
            d,
            "clusters/prod/flux-system/gotk-sync.yaml",
            &ks("flux-system", "./clusters/prod"),
        );
        for name in ["a", "b", "c"] {
            write(
                d,
                &format!("clusters/prod/{name}.yaml"),
                &ks(name, &format!("./apps/{name}")),
            );
            write(d, &format!("apps/{name}/cm.yaml"), &cm(name, "one"));
        }
        git(d, &["add", "-A"]);
        git(d, &["commit", "-q", "-m", "base"]);
        let req = Request {
            cwd: d.to_path_buf(),
            base: "main".into(),
            ..Request::default()
        };
        let (report, stats) = diff_offline(&req).unwrap();
        assert!(!report.changed);
        assert_eq!((stats.head, stats.base_built, stats.base_reused), (4, 0, 4));

        // One file of b: b is built again, nothing else.
        write(d, "apps/b/cm.yaml", &cm("b", "two"));
        let (report, stats) = diff_offline(&req).unwrap();
        assert!(report.changed);
        assert_eq!((stats.head, stats.base_built, stats.base_reused), (4, 1, 3));
        let b = report.kustomizations.iter().find(|k| k.name == "b").unwrap();
        assert_eq!(b.changes.len(), 1);
        assert!(
            b.changes[0].diff.contains("-  v: one\n+  v: two\n"),
            "{}",
            b.changes[0].diff
        );

        // A new file in a's generated kustomization: its directory listing changed.
        write(d, "apps/a/extra.yaml", &cm("extra", "x"));
        let (_, stats) = diff_offline(&req).unwrap();
        assert_eq!((stats.base_built, stats.base_reused), (2, 2));

        // c's spec: the root (its file) and c.
        write(d, "clusters/prod/c.yaml", &ks("c", "./apps/b"));
        let (report, stats) = diff_offline(&req).unwrap();
        assert_eq!((stats.base_built, stats.base_reused), (4, 0));
        let c = report.kustomizations.iter().find(|k| k.name == "c").unwrap();
        assert_eq!(c.state, compare::State::Changed);
    }
}
