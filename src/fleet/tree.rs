//! A Git revision as a build's files, read from the object database (no checkout): the tree
//! of a commit, placed at the checkout's directory so that paths, messages and recorded
//! inputs are the same as on the disk.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use crate::build::fs::{Files, Kind};

/// What a path of the tree holds.
#[derive(Clone, Debug)]
enum Entry {
    File(git2::Oid),
    Dir(Vec<String>),
    Link(PathBuf),
}

/// The tree of one commit as [`Files`].
pub struct GitTree {
    top: PathBuf,
    entries: BTreeMap<PathBuf, Entry>,
    repo: Mutex<git2::Repository>,
}

impl std::fmt::Debug for GitTree {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GitTree")
            .field("top", &self.top)
            .field("entries", &self.entries.len())
            .finish_non_exhaustive()
    }
}

fn not_found(path: &Path) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::NotFound,
        format!("{} is not in the revision", path.display()),
    )
}

/// Symbolic links followed at most this many times in one path.
const MAX_LINKS: usize = 40;

impl GitTree {
    /// The tree of `commit` in the repository at `git_dir`, its top at `top` (the checkout's
    /// canonical directory).
    pub fn new(git_dir: &Path, commit: git2::Oid, top: &Path) -> Result<GitTree, git2::Error> {
        let repo = git2::Repository::open(git_dir)?;
        let mut entries = BTreeMap::new();
        {
            let tree = repo.find_commit(commit)?.tree()?;
            let mut dirs: BTreeMap<PathBuf, Vec<String>> = BTreeMap::new();
            dirs.insert(top.to_path_buf(), Vec::new());
            let mut failed = None;
            tree.walk(git2::TreeWalkMode::PreOrder, |parent, e| {
                let Ok(name) = e.name() else {
                    return git2::TreeWalkResult::Skip;
                };
                let dir = top.join(parent);
                let path = dir.join(name);
                dirs.entry(dir).or_default().push(name.to_string());
                match e.kind() {
                    Some(git2::ObjectType::Tree) => {
                        dirs.entry(path).or_default();
                    }
                    Some(git2::ObjectType::Blob) if e.filemode() == 0o120_000 => {
                        match repo.find_blob(e.id()) {
                            Ok(b) => {
                                let target = String::from_utf8_lossy(b.content()).into_owned();
                                entries.insert(path, Entry::Link(PathBuf::from(target)));
                            }
                            Err(err) => {
                                failed = Some(err);
                                return git2::TreeWalkResult::Abort;
                            }
                        }
                    }
                    Some(git2::ObjectType::Blob) => {
                        entries.insert(path, Entry::File(e.id()));
                    }
                    // Submodules (commits) are not part of a source's artifact.
                    _ => {}
                }
                git2::TreeWalkResult::Ok
            })?;
            if let Some(e) = failed {
                return Err(e);
            }
            for (dir, names) in dirs {
                entries.insert(dir, Entry::Dir(names));
            }
        }
        Ok(GitTree {
            top: top.to_path_buf(),
            entries,
            repo: Mutex::new(repo),
        })
    }

    /// `path` with `.`, `..` and symbolic links resolved, when it exists in the tree.
    fn resolve(&self, path: &Path) -> Option<PathBuf> {
        let rel = path.strip_prefix(&self.top).ok()?;
        let mut pending: Vec<PathBuf> = rel
            .components()
            .rev()
            .map(|c| PathBuf::from(c.as_os_str()))
            .collect();
        let mut cur = self.top.clone();
        let mut links = 0;
        while let Some(c) = pending.pop() {
            match c.components().next() {
                None | Some(Component::CurDir) => {}
                Some(Component::ParentDir) => {
                    if cur == self.top {
                        return None;
                    }
                    cur.pop();
                }
                Some(Component::Normal(n)) => {
                    cur.push(n);
                    match self.entries.get(&cur)? {
                        Entry::Link(target) => {
                            links += 1;
                            if links > MAX_LINKS || target.is_absolute() {
                                return None;
                            }
                            cur.pop();
                            pending.extend(target.components().rev().map(|c| PathBuf::from(c.as_os_str())));
                        }
                        Entry::File(_) | Entry::Dir(_) => {}
                    }
                }
                Some(Component::RootDir | Component::Prefix(_)) => return None,
            }
        }
        Some(cur)
    }

    fn entry(&self, path: &Path) -> Option<&Entry> {
        self.resolve(path).and_then(|p| self.entries.get(&p))
    }
}

impl Files for GitTree {
    fn kind(&self, path: &Path) -> Kind {
        match self.entry(path) {
            Some(Entry::File(_)) => Kind::File,
            Some(Entry::Dir(_)) => Kind::Dir,
            _ => Kind::Missing,
        }
    }

    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>> {
        let Some(Entry::File(oid)) = self.entry(path) else {
            return Err(not_found(path));
        };
        let repo = self
            .repo
            .lock()
            .map_err(|_| std::io::Error::other("repository lock poisoned"))?;
        let blob = repo
            .find_blob(*oid)
            .map_err(|e| std::io::Error::other(e.message().to_string()))?;
        Ok(blob.content().to_vec())
    }

    fn list(&self, dir: &Path) -> std::io::Result<Vec<String>> {
        match self.entry(dir) {
            Some(Entry::Dir(names)) => Ok(names.clone()),
            _ => Err(not_found(dir)),
        }
    }

    fn canonicalize(&self, path: &Path) -> std::io::Result<PathBuf> {
        self.resolve(path).ok_or_else(|| not_found(path))
    }

    fn blob_id(&self, path: &Path) -> Option<[u8; 20]> {
        match self.entry(path) {
            Some(Entry::File(oid)) => oid.as_bytes().try_into().ok(),
            _ => None,
        }
    }
}
