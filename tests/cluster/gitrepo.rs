//! Git repositories made by tests with the `git` command: a work tree to write, commit, tag
//! and branch in, served over `file://` (or pushed to a bare repository, e.g. one served by
//! the sshd fixture). Removed when dropped.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// A Git work tree in a temporary directory.
pub struct WorkRepo {
    dir: tempfile::TempDir,
}

/// Runs git with a fixed identity and no user or system configuration.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.com")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.com")
        .args(args)
        .output()
        .expect("run git");
    assert!(
        out.status.success(),
        "git {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

impl WorkRepo {
    /// An empty repository on branch `main`.
    pub fn new() -> WorkRepo {
        let dir = tempfile::Builder::new()
            .prefix("flux-rs-repo-")
            .tempdir()
            .unwrap();
        git(dir.path(), &["init", "-q", "-b", "main"]);
        WorkRepo { dir }
    }

    /// The work tree.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `file://` URL of the repository.
    pub fn url(&self) -> String {
        format!("file://{}", self.dir.path().display())
    }

    /// Writes a file (creating directories).
    pub fn write(&self, path: &str, content: &str) -> &Self {
        let p = self.dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, content).unwrap();
        self
    }

    /// Creates a symbolic link.
    pub fn symlink(&self, path: &str, target: &str) -> &Self {
        let p = self.dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(target, p).unwrap();
        self
    }

    /// Removes a file.
    pub fn remove(&self, path: &str) -> &Self {
        std::fs::remove_file(self.dir.path().join(path)).unwrap();
        self
    }

    /// Commits everything and returns the commit's SHA.
    pub fn commit(&self, message: &str) -> String {
        git(self.path(), &["add", "-A"]);
        git(self.path(), &["commit", "-q", "--allow-empty", "-m", message]);
        self.head()
    }

    /// The SHA of HEAD.
    pub fn head(&self) -> String {
        git(self.path(), &["rev-parse", "HEAD"])
    }

    /// Runs git in the work tree.
    pub fn git(&self, args: &[&str]) -> String {
        git(self.path(), args)
    }

    /// A lightweight tag at HEAD.
    pub fn tag(&self, name: &str) {
        git(self.path(), &["tag", name]);
    }

    /// An annotated tag at HEAD.
    pub fn annotated_tag(&self, name: &str) {
        git(self.path(), &["tag", "-a", "-m", name, name]);
    }

    /// Pushes every branch and tag to another repository (a path or URL).
    pub fn push_all(&self, to: &Path) {
        let to = to.to_str().unwrap();
        git(
            self.path(),
            &[
                "push",
                "-q",
                "--force",
                to,
                "refs/heads/*:refs/heads/*",
                "refs/tags/*:refs/tags/*",
            ],
        );
    }
}

/// The files of a `.tar.gz` artifact, with their contents (`->target` for links,
/// directories as `dir/`), sorted.
pub fn artifact_listing(path: &Path) -> Vec<(String, String)> {
    let out = Command::new("tar")
        .arg("-tvzf")
        .arg(path)
        .output()
        .expect("run tar");
    assert!(
        out.status.success(),
        "tar: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dir = tempfile::tempdir().unwrap();
    let x = Command::new("tar")
        .arg("-xzf")
        .arg(path)
        .arg("-C")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        x.status.success(),
        "tar -x: {}",
        String::from_utf8_lossy(&x.stderr)
    );
    tree_listing(dir.path())
}

/// The files under a directory with their contents (`->target` for links, directories as
/// `dir/` with an empty content), sorted.
pub fn tree_listing(root: &Path) -> Vec<(String, String)> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let e = e.unwrap();
            let p = e.path();
            let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
            let meta = std::fs::symlink_metadata(&p).unwrap();
            if meta.file_type().is_symlink() {
                out.push((rel, format!("->{}", std::fs::read_link(&p).unwrap().display())));
            } else if meta.is_dir() {
                out.push((format!("{rel}/"), String::new()));
                walk(root, &p, out);
            } else {
                out.push((
                    rel,
                    std::fs::read_to_string(&p).unwrap_or_else(|_| "<binary>".into()),
                ));
            }
        }
    }
    let mut out = Vec::new();
    walk(root, root, &mut out);
    out.sort();
    out
}

/// Only the paths of a listing.
pub fn paths(listing: &[(String, String)]) -> Vec<&str> {
    listing.iter().map(|(p, _)| p.as_str()).collect()
}

/// A temporary directory for engine options (artifact storage and Git cache).
pub fn scratch() -> (tempfile::TempDir, PathBuf) {
    let d = tempfile::Builder::new().prefix("flux-rs-src-").tempdir().unwrap();
    let p = d.path().to_path_buf();
    (d, p)
}
