//! Fetching kustomize remote bases (`resources: [https://host/org/repo//dir?ref=v1]`) with the
//! source engine's Git transports: the build's [`Loader`](crate::build::remote::Loader).
//!
//! Each base is fetched into a new temporary repository (depth 1 for a branch, a tag or the
//! default branch; every branch and tag for a commit) and its commit checked out there; the
//! directory is removed when the build drops it. SSH host keys are checked against the
//! [`Auth`]'s `known_hosts` as every other fetch of the source engine checks them; a
//! connection to a host whose key is not listed is refused. Submodules are not fetched.

use std::cell::Cell;
use std::time::Instant;

use git2::{AutotagOption, Direction, FetchOptions, Oid, Repository};

use super::auth::{Auth, scrub};
use super::git::{Observers, callbacks_observed};
use super::url::GitUrl;
use crate::build::remote::{Loader, RepoSpec};

/// Fetches remote bases with one set of credentials and host keys.
#[derive(Debug, Clone, Default)]
pub struct GitLoader {
    /// Credentials and `known_hosts` for every base.
    pub auth: Auth,
}

impl GitLoader {
    /// A loader with these credentials and host keys.
    pub fn new(auth: Auth) -> GitLoader {
        GitLoader { auth }
    }
}

impl Loader for GitLoader {
    fn fetch(&self, spec: &RepoSpec) -> Result<tempfile::TempDir, String> {
        let url = GitUrl::parse(&spec.clone_url()).map_err(|e| e.to_string())?;
        let dir = tempfile::Builder::new()
            .prefix("flux-rs-remote-base-")
            .tempdir()
            .map_err(|e| format!("cannot create a temporary directory: {e}"))?;
        let repo = Repository::init(dir.path()).map_err(|e| e.message().to_string())?;
        let deadline = Instant::now() + spec.timeout;
        let commit = fetch(&repo, &url, &self.auth, spec, deadline).map_err(|m| {
            let m = scrub(&m, &self.auth.secrets());
            match url.password() {
                Some(p) if !p.is_empty() => m.replace(p, "***"),
                _ => m,
            }
        })?;
        let object = repo
            .find_object(commit, None)
            .map_err(|e| format!("commit {commit}: {}", e.message()))?;
        let mut co = git2::build::CheckoutBuilder::new();
        co.force();
        repo.checkout_tree(&object, Some(&mut co))
            .and_then(|()| repo.set_head_detached(commit))
            .map_err(|e| format!("cannot check out {commit}: {}", e.message()))?;
        Ok(dir)
    }
}

/// Fetches what `spec.git_ref` names into `repo` and returns its commit.
fn fetch(
    repo: &Repository,
    url: &GitUrl,
    auth: &Auth,
    spec: &RepoSpec,
    deadline: Instant,
) -> Result<Oid, String> {
    let failure = Cell::new(None);
    let err = |e: git2::Error| {
        if Instant::now() >= deadline {
            return format!("timed out after {}", crate::duration::format(spec.timeout));
        }
        failure.take().unwrap_or_else(|| e.message().to_string())
    };
    let cb = || callbacks_observed(url, auth, deadline, &failure, Observers::default());
    let mut remote = repo.remote_anonymous(url.as_str()).map_err(err)?;
    let mut conn = remote
        .connect_auth(Direction::Fetch, Some(cb()), None)
        .map_err(err)?;
    let heads: Vec<(String, Oid)> = conn
        .list()
        .map_err(err)?
        .iter()
        .map(|h| (h.name().to_string(), h.oid()))
        .collect();
    let find = |name: &str| {
        heads
            .iter()
            .find(|(n, _)| n == name)
            .map(|(n, o)| (n.clone(), *o))
    };
    // The reference to fetch: the default branch, a tag, a branch, a full name, else a commit.
    let wanted = match &spec.git_ref {
        None => {
            let head = find("HEAD").ok_or("the repository advertises no default branch (HEAD)")?;
            heads
                .iter()
                .find(|(n, o)| n.starts_with("refs/heads/") && *o == head.1)
                .map(|(n, o)| (n.clone(), *o))
                .or(Some(head))
        }
        Some(r) => find(&format!("refs/tags/{r}"))
            .or_else(|| find(&format!("refs/heads/{r}")))
            .or_else(|| find(r).filter(|(n, _)| n.starts_with("refs/"))),
    };
    let mut fo = FetchOptions::new();
    fo.remote_callbacks(cb());
    fo.download_tags(AutotagOption::None);
    let remote = conn.remote();
    if let Some((name, _)) = wanted {
        if url.scheme.supports_shallow() {
            fo.depth(1);
        }
        remote
            .fetch(&[format!("+{name}:refs/flux-rs/base")], Some(&mut fo), None)
            .map_err(err)?;
        let r = repo.find_reference("refs/flux-rs/base").map_err(err)?;
        let c = r.peel_to_commit().map_err(err)?;
        return Ok(c.id());
    }
    // Not a branch or tag: a commit, looked for on every branch and tag.
    let sha = spec.git_ref.as_deref().unwrap_or_default().to_ascii_lowercase();
    if sha.len() < 4 || sha.len() > 40 || !sha.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(format!(
            "couldn't find remote ref {sha:?} (no such branch or tag)"
        ));
    }
    let everything = [
        "+refs/heads/*:refs/flux-rs/heads/*",
        "+refs/tags/*:refs/flux-rs/tags/*",
    ];
    remote.fetch(&everything, Some(&mut fo), None).map_err(err)?;
    let obj = repo
        .revparse_single(&sha)
        .map_err(|_| format!("couldn't find commit {sha:?} on any branch or tag"))?;
    Ok(obj.peel_to_commit().map_err(err)?.id())
}
