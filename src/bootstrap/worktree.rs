//! The Git work tree bootstrap writes to (libgit2, blocking: callers run this in
//! `spawn_blocking`): clone one branch into a temporary directory — an empty repository or
//! a missing branch starts the branch —, write files, commit them as the author, push, and
//! tell a non-fast-forward rejection apart so the caller can re-clone and redo.
//!
//! Every connection goes through the source engine's credential and host-key layer
//! ([`crate::source::git`]'s callbacks), so a host key is checked the same way for a fetch
//! of the controller and for the user's clone.

use std::cell::{Cell, RefCell};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use git2::build::CheckoutBuilder;
use git2::{AutotagOption, Direction, ErrorCode, FetchOptions, Oid, PushOptions, Repository};

use crate::source::auth::Auth;
use crate::source::git::{Observers, callbacks_observed, describe};
use crate::source::url::GitUrl;

/// One connection's settings.
pub struct Connection<'a> {
    /// The repository.
    pub url: &'a GitUrl,
    /// The user's credentials and known hosts.
    pub auth: &'a Auth,
    /// When to give up.
    pub deadline: Instant,
    /// The whole time allowed (for messages).
    pub total: Duration,
    /// Receives transfer progress (objects received, total, bytes).
    pub progress: Option<&'a dyn Fn(usize, usize, usize)>,
}

/// A failed Git operation.
#[derive(Debug, thiserror::Error)]
pub enum WorkTreeError {
    /// Talking to the remote failed. `host_key` is the key the SSH server offered, when one
    /// was seen (the caller checks it against known_hosts to explain a host-key failure).
    #[error("{message}")]
    Remote {
        /// What happened (no secrets).
        message: String,
        /// The offered SSH host key, if the connection got that far.
        host_key: Option<Vec<u8>>,
    },
    /// The push was rejected because the branch moved on the remote since the clone.
    #[error("{message}")]
    NonFastForward {
        /// The server's or libgit2's words.
        message: String,
    },
    /// An operation on the local repository failed.
    #[error("{what}: {source}")]
    Git {
        /// What was being done (`cannot commit`).
        what: String,
        /// libgit2's error.
        #[source]
        source: git2::Error,
    },
    /// Reading or writing a file of the work tree failed.
    #[error("{path}: {source}")]
    Io {
        /// The file (relative to the work tree), or what was being done.
        path: String,
        /// The error.
        #[source]
        source: std::io::Error,
    },
    /// A path that would leave the work tree.
    #[error("refusing to write outside the work tree: {path}")]
    OutsideWorkTree {
        /// The path given.
        path: String,
    },
    /// An author Git cannot record.
    #[error("invalid author {name:?} <{email}>")]
    InvalidAuthor {
        /// The name.
        name: String,
        /// The email.
        email: String,
    },
    /// The user's access cannot be set up for the push.
    #[error(transparent)]
    Access(#[from] super::access::AccessError),
    /// The blocking Git task did not finish (it panicked or was cancelled).
    #[error("the Git task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
}

fn local(what: &str, source: git2::Error) -> WorkTreeError {
    WorkTreeError::Git {
        what: what.to_string(),
        source,
    }
}

fn io(path: &str, source: std::io::Error) -> WorkTreeError {
    WorkTreeError::Io {
        path: path.to_string(),
        source,
    }
}

/// A clone of one branch in a temporary directory (removed when dropped).
pub struct WorkTree {
    dir: tempfile::TempDir,
    repo: Repository,
    branch: String,
    /// Whether the branch existed on the remote when cloned.
    existed: bool,
}

/// What [`WorkTree::commit`] made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Commit {
    /// The commit's hash.
    pub id: String,
}

impl WorkTree {
    /// Clones `branch` of the repository. An empty repository, or one without the branch,
    /// gives an empty work tree on which the branch is started.
    pub fn clone(conn: &Connection<'_>, branch: &str) -> Result<WorkTree, WorkTreeError> {
        let dir = tempfile::Builder::new()
            .prefix("flux-rs-bootstrap-")
            .tempdir()
            .map_err(|e| io("cannot create a temporary directory", e))?;
        let repo = Repository::init(dir.path()).map_err(|e| local("cannot create a repository", e))?;
        let full = format!("refs/heads/{branch}");
        repo.set_head(&full)
            .map_err(|e| local(&format!("invalid branch {branch:?}"), e))?;
        let failure = Cell::new(None);
        let seen = Cell::new(None);
        let observers = Observers {
            host_key: Some(&seen),
            progress: conn.progress,
        };
        let remote_err = |e: &git2::Error, seen: &Cell<Option<Vec<u8>>>| WorkTreeError::Remote {
            message: describe(e, conn.url, conn.auth, conn.deadline, conn.total, &failure).to_string(),
            host_key: seen.take(),
        };
        let mut remote = repo
            .remote("origin", conn.url.as_str())
            .map_err(|e| local("invalid remote URL", e))?;
        let tip = 'fetch: {
            let mut c = remote
                .connect_auth(
                    Direction::Fetch,
                    Some(callbacks_observed(
                        conn.url,
                        conn.auth,
                        conn.deadline,
                        &failure,
                        observers,
                    )),
                    None,
                )
                .map_err(|e| remote_err(&e, &seen))?;
            let tip = c
                .list()
                .map_err(|e| remote_err(&e, &seen))?
                .iter()
                .find(|h| h.name() == full)
                .map(git2::RemoteHead::oid);
            let Some(tip) = tip else {
                break 'fetch None;
            };
            let mut fo = FetchOptions::new();
            fo.remote_callbacks(callbacks_observed(
                conn.url,
                conn.auth,
                conn.deadline,
                &failure,
                observers,
            ));
            fo.download_tags(AutotagOption::None);
            c.remote()
                .fetch(
                    &[format!("+{full}:refs/remotes/origin/{branch}")],
                    Some(&mut fo),
                    None,
                )
                .map_err(|e| remote_err(&e, &seen))?;
            Some(tip)
        };
        drop(remote);
        let Some(tip) = tip else {
            return Ok(WorkTree {
                dir,
                repo,
                branch: branch.to_string(),
                existed: false,
            });
        };
        {
            let commit = repo
                .find_commit(tip)
                .map_err(|e| local(&format!("the tip of {branch:?} is not a commit"), e))?;
            repo.branch(branch, &commit, true)
                .map_err(|e| local("cannot create the branch", e))?;
            repo.checkout_tree(commit.as_object(), Some(CheckoutBuilder::new().force()))
                .map_err(|e| local("cannot check the branch out", e))?;
        }
        repo.set_head(&full)
            .map_err(|e| local("cannot check the branch out", e))?;
        Ok(WorkTree {
            dir,
            repo,
            branch: branch.to_string(),
            existed: true,
        })
    }

    /// Whether the branch existed on the remote (false: an empty repository or a new branch).
    pub fn branch_existed(&self) -> bool {
        self.existed
    }

    /// The work tree's directory.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The absolute path of a file given relative to the repository root.
    fn file(&self, rel: &str) -> Result<PathBuf, WorkTreeError> {
        let rel = rel.trim_start_matches("./");
        if rel.split('/').any(|c| c == ".." || c == ".git") || rel.starts_with('/') {
            return Err(WorkTreeError::OutsideWorkTree {
                path: rel.to_string(),
            });
        }
        Ok(self.dir.path().join(rel))
    }

    /// Reads a file (`None` when it does not exist).
    pub fn read(&self, rel: &str) -> Result<Option<String>, WorkTreeError> {
        match std::fs::read_to_string(self.file(rel)?) {
            Ok(s) => Ok(Some(s)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(io(rel, e)),
        }
    }

    /// Writes a file (creating its directories) and stages it.
    pub fn write(&self, rel: &str, content: &str) -> Result<(), WorkTreeError> {
        let path = self.file(rel)?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io(rel, e))?;
        }
        std::fs::write(&path, content).map_err(|e| io(rel, e))?;
        let mut index = self.repo.index().map_err(|e| local("the index", e))?;
        index
            .add_path(Path::new(rel.trim_start_matches("./")))
            .map_err(|e| local(&format!("cannot stage {rel}"), e))?;
        index.write().map_err(|e| local("the index", e))
    }

    /// The commit at the branch's tip (`None` while the branch has no commit).
    pub fn head(&self) -> Option<String> {
        self.repo
            .head()
            .ok()
            .and_then(|h| h.target())
            .map(|o| o.to_string())
    }

    /// Commits what is staged as `name <email>` (author and committer). `None` when nothing
    /// changed since the last commit.
    pub fn commit(&self, message: &str, name: &str, email: &str) -> Result<Option<Commit>, WorkTreeError> {
        let mut index = self.repo.index().map_err(|e| local("the index", e))?;
        let tree_id = index
            .write_tree()
            .map_err(|e| local("cannot write the tree", e))?;
        let parent = self.repo.head().ok().and_then(|h| h.peel_to_commit().ok());
        let unchanged = match &parent {
            Some(p) => p.tree_id() == tree_id,
            None => index.is_empty(),
        };
        if unchanged {
            return Ok(None);
        }
        // Written as Git writes it (libgit2 refuses an empty email, which upstream's default
        // author has): `Name <email> <seconds> +0000`.
        if name.is_empty() || name.contains(['<', '>', '\n']) || email.contains(['<', '>', '\n']) {
            return Err(WorkTreeError::InvalidAuthor {
                name: name.to_string(),
                email: email.to_string(),
            });
        }
        let when = chrono::Utc::now().timestamp();
        let ident = format!("{name} <{email}> {when} +0000");
        let mut text = format!("tree {tree_id}\n");
        if let Some(p) = &parent {
            let _ = writeln!(text, "parent {}", p.id());
        }
        let _ = write!(text, "author {ident}\ncommitter {ident}\n\n{message}");
        if !message.ends_with('\n') {
            text.push('\n');
        }
        let odb = self.repo.odb().map_err(|e| local("the object database", e))?;
        let id = odb
            .write(git2::ObjectType::Commit, text.as_bytes())
            .map_err(|e| local("cannot commit", e))?;
        self.repo
            .reference(
                &format!("refs/heads/{}", self.branch),
                id,
                true,
                "bootstrap: commit",
            )
            .map_err(|e| local("cannot update the branch", e))?;
        Ok(Some(Commit { id: id.to_string() }))
    }

    /// Pushes the branch. A rejection because the remote moved on is
    /// [`WorkTreeError::NonFastForward`].
    pub fn push(&self, conn: &Connection<'_>) -> Result<(), WorkTreeError> {
        let failure = Cell::new(None);
        let seen = Cell::new(None);
        let rejected: RefCell<Option<String>> = RefCell::new(None);
        let mut remote = self
            .repo
            .find_remote("origin")
            .map_err(|e| local("the remote", e))?;
        let mut cb = callbacks_observed(
            conn.url,
            conn.auth,
            conn.deadline,
            &failure,
            Observers {
                host_key: Some(&seen),
                progress: None,
            },
        );
        cb.push_update_reference(|_name, status| {
            if let Some(s) = status {
                *rejected.borrow_mut() = Some(s.to_string());
            }
            Ok(())
        });
        if let Some(progress) = conn.progress {
            cb.push_transfer_progress(progress);
        }
        let mut po = PushOptions::new();
        po.remote_callbacks(cb);
        let spec = format!("refs/heads/{b}:refs/heads/{b}", b = self.branch);
        let pushed = remote.push(&[spec.as_str()], Some(&mut po));
        drop(po);
        if let Err(e) = pushed {
            if e.code() == ErrorCode::NotFastForward {
                return Err(WorkTreeError::NonFastForward {
                    message: e.message().to_string(),
                });
            }
            let message = describe(&e, conn.url, conn.auth, conn.deadline, conn.total, &failure).to_string();
            if is_conflict(&message) {
                return Err(WorkTreeError::NonFastForward { message });
            }
            return Err(WorkTreeError::Remote {
                message,
                host_key: seen.take(),
            });
        }
        if let Some(status) = rejected.into_inner() {
            let message = format!("the server rejected the update of {}: {status}", self.branch);
            if is_conflict(&status) {
                return Err(WorkTreeError::NonFastForward { message });
            }
            return Err(WorkTreeError::Remote {
                message,
                host_key: None,
            });
        }
        Ok(())
    }

    /// The hash of a commit's parent (for tests and messages).
    pub fn parent_of(&self, id: &str) -> Option<String> {
        let oid = Oid::from_str(id).ok()?;
        let c = self.repo.find_commit(oid).ok()?;
        c.parent_id(0).ok().map(|p| p.to_string())
    }
}

/// Whether a push failure means the branch moved on the remote (a re-clone helps).
fn is_conflict(message: &str) -> bool {
    let m = message.to_ascii_lowercase();
    [
        "non-fast-forward",
        "fetch first",
        "cannot lock ref",
        "but expected",
        "stale info",
    ]
    .iter()
    .any(|p| m.contains(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn git(dir: &Path, args: &[&str]) -> String {
        let out = std::process::Command::new("git")
            .current_dir(dir)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_AUTHOR_NAME", "T")
            .env("GIT_AUTHOR_EMAIL", "t@example.com")
            .env("GIT_COMMITTER_NAME", "T")
            .env("GIT_COMMITTER_EMAIL", "t@example.com")
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Clone an empty repository, commit, push; nothing to commit twice; a concurrent push
    /// makes the next push a non-fast-forward.
    #[test]
    fn clone_commit_push_over_file_urls() {
        let bare = tempfile::tempdir().unwrap();
        git(bare.path(), &["init", "--bare", "-q", "-b", "main"]);
        let url = GitUrl::parse(&format!("file://{}", bare.path().display())).unwrap();
        let auth = Auth::default();
        let conn = Connection {
            url: &url,
            auth: &auth,
            deadline: Instant::now() + Duration::from_secs(60),
            total: Duration::from_secs(60),
            progress: None,
        };
        let wt = WorkTree::clone(&conn, "main").unwrap();
        assert!(!wt.branch_existed());
        assert_eq!(wt.commit("nothing", "Flux", "").unwrap(), None);
        wt.write("clusters/a/x.yaml", "a: 1\n").unwrap();
        let c1 = wt.commit("first", "Flux", "flux@example.com").unwrap().unwrap();
        assert_eq!(
            wt.commit("again", "Flux", "").unwrap(),
            None,
            "no change, no commit"
        );
        wt.push(&conn).unwrap();
        assert_eq!(git(bare.path(), &["rev-parse", "main"]), c1.id);
        assert_eq!(
            git(bare.path(), &["log", "-1", "--format=%an <%ae>|%s"]),
            "Flux <flux@example.com>|first"
        );

        // A second clone sees the branch; rewriting the same content changes nothing.
        let wt2 = WorkTree::clone(&conn, "main").unwrap();
        assert!(wt2.branch_existed());
        assert_eq!(wt2.read("clusters/a/x.yaml").unwrap().as_deref(), Some("a: 1\n"));
        wt2.write("clusters/a/x.yaml", "a: 1\n").unwrap();
        assert_eq!(wt2.commit("same", "Flux", "").unwrap(), None);
        // Someone else pushes in between.
        wt2.write("clusters/a/y.yaml", "b: 2\n").unwrap();
        let c2 = wt2.commit("theirs", "Other", "").unwrap().unwrap();
        wt2.push(&conn).unwrap();
        assert_eq!(wt2.parent_of(&c2.id).as_deref(), Some(c1.id.as_str()));
        wt.write("clusters/a/z.yaml", "c: 3\n").unwrap();
        wt.commit("ours", "Flux", "").unwrap().unwrap();
        let e = wt.push(&conn).unwrap_err();
        assert!(matches!(e, WorkTreeError::NonFastForward { .. }), "{e:?}");
        assert!(wt.write("../escape", "x").is_err());
    }
}
