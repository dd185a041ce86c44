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
        // kustomize clones submodules unless `?submodules=false`; flux-rs does not fetch them,
        // so a base that has some fails rather than builds without them.
        if spec.submodules && dir.path().join(".gitmodules").is_file() {
            return Err(
                "the repository has submodules, which flux-rs does not fetch: add \
                 ?submodules=false if the base does not need them"
                    .into(),
            );
        }
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
            .or_else(|| find(r).filter(|(n, _)| n.starts_with("refs/") || n == "HEAD")),
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

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use super::*;
    use crate::build::{self, Options};

    /// Commits `files` (path, content) on top of HEAD of the repository at `dir`.
    fn commit(repo: &Repository, files: &[(&str, &str)], message: &str) -> Oid {
        let workdir = repo.workdir().unwrap().to_path_buf();
        let mut index = repo.index().unwrap();
        for (path, content) in files {
            let p = workdir.join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, content).unwrap();
            index.add_path(Path::new(path)).unwrap();
        }
        index.write().unwrap();
        let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
        let sig = git2::Signature::now("t", "t@example.com").unwrap();
        let parent = repo.head().ok().and_then(|h| h.peel_to_commit().ok());
        let parents: Vec<&git2::Commit<'_>> = parent.iter().collect();
        repo.commit(Some("HEAD"), &sig, &sig, message, &tree, &parents)
            .unwrap()
    }

    fn config_map(name: &str) -> String {
        format!("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n")
    }

    /// A repository: `base/` (a ConfigMap `v1`, using `../common`), tag `v1`; then the
    /// ConfigMap renamed `v2` on the default branch; a `dev` branch renaming it `dev`.
    fn remote_repo(dir: &Path) -> Oid {
        let repo = Repository::init(dir).unwrap();
        let first = commit(
            &repo,
            &[
                ("base/kustomization.yaml", "resources:\n- cm.yaml\n- ../common\n"),
                ("base/cm.yaml", &config_map("v1")),
                ("common/kustomization.yaml", "resources:\n- shared.yaml\n"),
                ("common/shared.yaml", &config_map("shared")),
                (
                    "component/kustomization.yaml",
                    "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nnamePrefix: c-\n",
                ),
            ],
            "v1",
        );
        {
            let obj = repo.find_object(first, None).unwrap();
            repo.tag_lightweight("v1", &obj, false).unwrap();
        }
        commit(&repo, &[("base/cm.yaml", &config_map("v2"))], "v2");
        let head = repo.head().unwrap().peel_to_commit().unwrap();
        repo.branch("dev", &head, false).unwrap();
        repo.set_head("refs/heads/dev").unwrap();
        commit(&repo, &[("base/cm.yaml", &config_map("dev"))], "dev");
        let default = repo
            .find_branch("master", git2::BranchType::Local)
            .or_else(|_| repo.find_branch("main", git2::BranchType::Local))
            .unwrap();
        repo.set_head(default.get().name().unwrap()).unwrap();
        first
    }

    fn names(objects: &[serde_json::Value]) -> Vec<String> {
        objects
            .iter()
            .map(|o| o["metadata"]["name"].as_str().unwrap().to_string())
            .collect()
    }

    fn build_with(kustomization: &str, allow: bool) -> Result<Vec<String>, String> {
        let tree = tempfile::tempdir().unwrap();
        std::fs::write(tree.path().join("kustomization.yaml"), kustomization).unwrap();
        let opts = Options {
            remote_bases: allow.then(|| Arc::new(GitLoader::default()) as Arc<dyn Loader>),
            ..Options::default()
        };
        build::kustomize(tree.path(), tree.path(), &opts)
            .map(|o| names(&o))
            .map_err(|e| e.to_string())
    }

    #[test]
    fn remote_bases_are_fetched_at_the_ref_asked() {
        let remote = tempfile::tempdir().unwrap();
        let first = remote_repo(remote.path());
        let url = format!("file://{}", remote.path().display());
        let cases = [
            (format!("{url}//base"), "v2"),
            (format!("{url}//base?ref=v1"), "v1"),
            (format!("{url}//base?version=dev"), "dev"),
            (format!("{url}//base?ref={}", &first.to_string()[..10]), "v1"),
            (format!("{url}//base?ref=refs/heads/dev"), "dev"),
        ];
        for (reference, want) in cases {
            let mut got = build_with(&format!("resources:\n- {reference}\n"), true).unwrap();
            got.sort();
            let mut expected = vec![want.to_string(), "shared".to_string()];
            expected.sort();
            assert_eq!(got, expected, "{reference}");
        }
        let got = build_with(
            &format!("resources:\n- {url}//base?ref=v1\ncomponents:\n- {url}//component\n"),
            true,
        )
        .unwrap();
        assert_eq!(got, vec!["c-shared", "c-v1"]);
    }

    #[test]
    fn remote_bases_are_refused_unless_allowed() {
        let remote = tempfile::tempdir().unwrap();
        remote_repo(remote.path());
        let reference = format!("file://{}//base", remote.path().display());
        let e = build_with(&format!("resources:\n- {reference}\n"), false).unwrap_err();
        assert!(
            e.contains(&format!("{reference:?}")) && e.contains("--allow-remote-bases"),
            "{e}"
        );
    }

    #[test]
    fn a_remote_base_cannot_read_outside_its_checkout() {
        let remote = tempfile::tempdir().unwrap();
        let repo = Repository::init(remote.path()).unwrap();
        commit(
            &repo,
            &[
                ("base/kustomization.yaml", "resources:\n- ../../../etc\n"),
                ("link/kustomization.yaml", "resources:\n- cm.yaml\n"),
            ],
            "escape",
        );
        std::os::unix::fs::symlink("/etc/hostname", remote.path().join("link/cm.yaml")).unwrap();
        let mut index = repo.index().unwrap();
        index.add_path(Path::new("link/cm.yaml")).unwrap();
        index.write().unwrap();
        let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
        let sig = git2::Signature::now("t", "t@example.com").unwrap();
        let parent = repo.head().unwrap().peel_to_commit().unwrap();
        repo.commit(Some("HEAD"), &sig, &sig, "link", &tree, &[&parent])
            .unwrap();
        let url = format!("file://{}", remote.path().display());
        let e = build_with(&format!("resources:\n- {url}//base\n"), true).unwrap_err();
        assert!(e.contains("outside the root directory"), "{e}");
        assert!(e.contains(&format!("{url}//base")), "{e}");
        let e = build_with(&format!("resources:\n- {url}//link\n"), true).unwrap_err();
        assert!(e.contains("symbolic link"), "{e}");
    }

    #[test]
    fn fetch_failures_name_the_base() {
        let remote = tempfile::tempdir().unwrap();
        remote_repo(remote.path());
        let url = format!("file://{}", remote.path().display());
        let e = build_with(&format!("resources:\n- {url}//base?ref=nope\n"), true).unwrap_err();
        assert!(
            e.contains(&format!("{url}//base?ref=nope")) && e.contains("nope"),
            "{e}"
        );
        let e = build_with(&format!("resources:\n- {url}//missing\n"), true).unwrap_err();
        assert!(e.contains("missing"), "{e}");
        let gone = format!("file://{}/nothing-here", remote.path().display());
        let e = build_with(&format!("resources:\n- {gone}\n"), true).unwrap_err();
        assert!(e.contains(&gone), "{e}");
    }

    #[test]
    fn submodules_are_refused_unless_turned_off() {
        let remote = tempfile::tempdir().unwrap();
        let repo = Repository::init(remote.path()).unwrap();
        commit(
            &repo,
            &[
                (
                    ".gitmodules",
                    "[submodule \"lib\"]\n\tpath = lib\n\turl = https://example.com/lib\n",
                ),
                ("app/kustomization.yaml", "resources:\n- cm.yaml\n"),
                ("app/cm.yaml", &config_map("one")),
            ],
            "submodule",
        );
        let url = format!("file://{}", remote.path().display());
        let e = build_with(&format!("resources:\n- {url}//app\n"), true).unwrap_err();
        assert!(
            e.contains("submodules") && e.contains(&format!("{url}//app")),
            "{e}"
        );
        let got = build_with(&format!("resources:\n- {url}//app?submodules=false\n"), true).unwrap();
        assert_eq!(got, vec!["one"]);
    }

    #[test]
    fn a_base_including_itself_is_a_cycle() {
        let remote = tempfile::tempdir().unwrap();
        let repo = Repository::init(remote.path()).unwrap();
        let url = format!("file://{}", remote.path().display());
        commit(
            &repo,
            &[("a/kustomization.yaml", &format!("resources:\n- {url}//a\n"))],
            "loop",
        );
        let e = build_with(&format!("resources:\n- {url}//a\n"), true).unwrap_err();
        assert!(e.contains("cycle"), "{e}");
    }

    #[test]
    fn origin_annotations_name_the_repository_and_ref() {
        let remote = tempfile::tempdir().unwrap();
        let repo = Repository::init(remote.path()).unwrap();
        commit(
            &repo,
            &[
                (
                    "app/kustomization.yaml",
                    "resources:\n- cm.yaml\nconfigMapGenerator:\n- name: gen\n  literals: [a=b]\n",
                ),
                ("app/cm.yaml", &config_map("one")),
            ],
            "app",
        );
        let url = format!("file://{}", remote.path().display());
        let tree = tempfile::tempdir().unwrap();
        std::fs::write(
            tree.path().join("kustomization.yaml"),
            format!("buildMetadata: [originAnnotations]\nresources:\n- {url}//app?ref=HEAD\n"),
        )
        .unwrap();
        let opts = Options {
            remote_bases: Some(Arc::new(GitLoader::default())),
            ..Options::default()
        };
        let objects = build::kustomize(tree.path(), tree.path(), &opts).unwrap();
        let origin = |name: &str| {
            let i = objects
                .iter()
                .position(|o| o["metadata"]["name"].as_str().unwrap().starts_with(name))
                .unwrap();
            objects[i]["metadata"]["annotations"]["config.kubernetes.io/origin"]
                .as_str()
                .unwrap()
                .to_string()
        };
        // As kubectl kustomize (v5.5.0) writes them: the path from the repository's top.
        assert_eq!(
            origin("one"),
            format!("path: app/cm.yaml\nrepo: {url}\nref: HEAD\n")
        );
        assert_eq!(
            origin("gen-"),
            format!(
                "repo: {url}\nref: HEAD\nconfiguredIn: app/kustomization.yaml\nconfiguredBy:\n  apiVersion: builtin\n  kind: ConfigMapGenerator\n"
            )
        );
    }
}
