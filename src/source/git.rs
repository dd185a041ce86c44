//! The local Git cache and fetching into it with libgit2 (blocking: callers run this in
//! `spawn_blocking`).
//!
//! One bare repository per URL (keyed by the URL without its password) under the cache
//! directory, guarded by a lock file so processes and threads take turns. A fetch first
//! lists the remote's references (one connection: the ref advertisement), picks the commit
//! the reference asks for, and downloads only when that commit is missing from the cache —
//! so an unchanged remote transfers nothing beyond the advertisement. Downloads are shallow
//! (depth 1) over SSH and HTTP(S) except for commit references. A `file://` repository is
//! already local: it is read in place, without a copy in the cache.
//!
//! Security: the SSH host key is checked in `certificate_check` against the Secret's
//! `known_hosts` (never the user's own file); a rejected credential is not offered again
//! (libgit2 would ask forever), and the failure names the key's fingerprint.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use git2::{
    AutotagOption, CertificateCheckStatus, Cred, CredentialType, Direction, FetchOptions, Oid,
    RemoteCallbacks, Repository,
};
use sha2::{Digest, Sha256};

use super::archive::hex;
use super::auth::{Auth, scrub};
use super::reference::{Constraint, Reference, format_revision, highest_matching};
use super::url::{GitUrl, Scheme};

/// libgit2's "fetch everything": deepens a shallow repository to full history.
const UNSHALLOW: i32 = i32::MAX;

/// A Git failure, with a message safe to show (no credentials).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GitError {
    /// The operation failed.
    #[error("{0}")]
    Failed(String),
    /// The deadline passed.
    #[error("timed out after {}", crate::duration::format(*.0))]
    Timeout(Duration),
}

/// The commit a reference resolved to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    /// The commit.
    pub commit: Oid,
    /// Flux revision string (`main@sha1:<hex>`).
    pub revision: String,
    /// What the fetch transferred.
    pub transfer: Transfer,
}

/// What a fetch transferred.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Transfer {
    /// Whether objects were downloaded (false: the cache had the commit).
    pub downloaded: bool,
    /// Objects received.
    pub objects: usize,
    /// Bytes received.
    pub bytes: usize,
}

/// The cache directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cache {
    root: PathBuf,
}

/// An open cached repository, locked for this process until dropped.
pub struct Locked {
    /// The cached bare repository, or for `file://` URLs the repository itself.
    pub repo: Repository,
    _lock: Option<File>,
}

impl Cache {
    /// A cache rooted at `root` (created on first use).
    pub fn new(root: impl Into<PathBuf>) -> Cache {
        Cache { root: root.into() }
    }

    /// The root directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    fn key(url: &GitUrl) -> String {
        hex(&Sha256::digest(url.cache_key().as_bytes()))[..32].to_string()
    }

    /// The bare repository for a URL.
    pub fn repo_dir(&self, url: &GitUrl) -> PathBuf {
        self.root.join(format!("{}.git", Self::key(url)))
    }

    /// Opens (creating it if needed) and locks the cached repository of a URL, waiting for
    /// another holder of the lock until the deadline.
    ///
    /// A `file://` repository is already on this machine: it is opened in place, read-only,
    /// and nothing is copied (libgit2's local transport would rebuild a pack with a full
    /// delta search, several times slower than reading the objects where they are).
    pub fn open(&self, url: &GitUrl, deadline: Instant) -> Result<Locked, GitError> {
        if url.scheme == Scheme::File {
            let repo = Repository::open_ext(
                &url.path,
                git2::RepositoryOpenFlags::NO_SEARCH,
                std::iter::empty::<&str>(),
            )
            .map_err(|e| GitError::Failed(format!("repository not found: {}", e.message())))?;
            return Ok(Locked { repo, _lock: None });
        }
        let fail = |what: &str, e: &dyn std::fmt::Display| {
            GitError::Failed(format!("Git cache {}: {what}: {e}", self.root.display()))
        };
        std::fs::create_dir_all(&self.root).map_err(|e| fail("cannot create it", &e))?;
        let lock_path = self.root.join(format!("{}.lock", Self::key(url)));
        let lock = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| fail("cannot open the lock file", &e))?;
        loop {
            match lock.try_lock() {
                Ok(()) => break,
                Err(TryLockError::WouldBlock) => {
                    if Instant::now() >= deadline {
                        return Err(GitError::Failed(format!(
                            "the Git cache of {url} is locked by another fetch"
                        )));
                    }
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(TryLockError::Error(e)) => return Err(fail("cannot lock", &e)),
            }
        }
        let dir = self.repo_dir(url);
        let repo = if let Ok(r) = Repository::open_bare(&dir) {
            r
        } else {
            // Missing or damaged: start over (it is only a cache).
            let _ = std::fs::remove_dir_all(&dir);
            Repository::init_bare(&dir).map_err(|e| fail("cannot create a repository", &e))?
        };
        Ok(Locked {
            repo,
            _lock: Some(lock),
        })
    }
}

/// One remote reference as advertised.
#[derive(Clone, Debug)]
struct Head {
    oid: Oid,
    /// The commit an annotated tag points to (`^{}` entry), if advertised.
    peeled: Option<Oid>,
}

type Heads = BTreeMap<String, Head>;

fn heads_of(list: &[git2::RemoteHead<'_>]) -> Heads {
    let mut heads: Heads = BTreeMap::new();
    for h in list {
        let name = h.name();
        if let Some(base) = name.strip_suffix("^{}") {
            if let Some(e) = heads.get_mut(base) {
                e.peeled = Some(h.oid());
            } else {
                heads.insert(
                    base.to_string(),
                    Head {
                        oid: h.oid(),
                        peeled: Some(h.oid()),
                    },
                );
            }
        } else {
            heads
                .entry(name.to_string())
                .and_modify(|e| e.oid = h.oid())
                .or_insert(Head {
                    oid: h.oid(),
                    peeled: None,
                });
        }
    }
    heads
}

/// Optional observers of one connection, for callers that show progress or handle an
/// unknown host themselves (bootstrap's clone and push).
#[derive(Clone, Copy, Default)]
pub(crate) struct Observers<'a> {
    /// Receives the host key the SSH server offered (its wire encoding), before it is checked.
    pub host_key: Option<&'a Cell<Option<Vec<u8>>>>,
    /// Receives transfer progress: objects received, objects in total, bytes received.
    pub progress: Option<&'a dyn Fn(usize, usize, usize)>,
}

/// The credentials and checks of one connection.
fn callbacks<'a>(
    url: &'a GitUrl,
    auth: &'a Auth,
    deadline: Instant,
    failure: &'a Cell<Option<String>>,
) -> RemoteCallbacks<'a> {
    callbacks_observed(url, auth, deadline, failure, Observers::default())
}

/// [`callbacks`] with observers: the one credential and host-key layer of every libgit2
/// connection flux-rs makes (fetches of the source engine, bootstrap's clone and push).
pub(crate) fn callbacks_observed<'a>(
    url: &'a GitUrl,
    auth: &'a Auth,
    deadline: Instant,
    failure: &'a Cell<Option<String>>,
    observers: Observers<'a>,
) -> RemoteCallbacks<'a> {
    let mut cb = RemoteCallbacks::new();
    let ssh_attempts = Cell::new(0u32);
    let pass_attempts = Cell::new(0u32);
    cb.credentials(move |_url, user_from_url, allowed| {
        let user = url.user.as_deref().or(user_from_url).unwrap_or("git");
        if Instant::now() >= deadline {
            return Err(git2::Error::from_str("timed out"));
        }
        if allowed.contains(CredentialType::USERNAME) {
            return Cred::username(user);
        }
        if allowed.contains(CredentialType::SSH_KEY) {
            ssh_attempts.set(ssh_attempts.get() + 1);
            let Some(id) = &auth.ssh else {
                if auth.ssh_agent {
                    if ssh_attempts.get() > 1 {
                        let m = format!(
                            "authentication failed: the SSH server accepted none of the ssh-agent's keys \
                             for user '{user}'"
                        );
                        failure.set(Some(m.clone()));
                        return Err(git2::Error::from_str(&m));
                    }
                    return Cred::ssh_key_from_agent(user);
                }
                let m = "the SSH server asks for a key and the Secret has no 'identity'".to_string();
                failure.set(Some(m.clone()));
                return Err(git2::Error::from_str(&m));
            };
            if ssh_attempts.get() > 1 {
                let m = format!(
                    "authentication failed: the SSH server rejected the key {} for user '{user}'",
                    id.fingerprint
                        .as_deref()
                        .unwrap_or("from the Secret's 'identity'")
                );
                failure.set(Some(m.clone()));
                return Err(git2::Error::from_str(&m));
            }
            return Cred::ssh_key_from_memory(
                user,
                id.public.as_deref(),
                &id.private,
                id.passphrase.as_deref().map(String::as_str),
            );
        }
        if allowed.contains(CredentialType::USER_PASS_PLAINTEXT) {
            let Some((u, p)) = &auth.basic else {
                let hint = auth
                    .credentials_hint
                    .unwrap_or(super::auth::SECRET_CREDENTIALS_HINT);
                let m = format!("authentication required: the server asks for credentials; {hint}");
                failure.set(Some(m.clone()));
                return Err(git2::Error::from_str(&m));
            };
            pass_attempts.set(pass_attempts.get() + 1);
            if pass_attempts.get() > 1 {
                let m = format!("authentication failed: the server rejected the password of user '{u}'");
                failure.set(Some(m.clone()));
                return Err(git2::Error::from_str(&m));
            }
            return Cred::userpass_plaintext(u, p);
        }
        let m = format!("the server asks for an unsupported kind of credentials ({allowed:?})");
        failure.set(Some(m.clone()));
        Err(git2::Error::from_str(&m))
    });
    cb.certificate_check(move |cert, host| {
        let Some(hostkey) = cert.as_hostkey() else {
            // X.509 (HTTPS): a certificate that chains to the Secret's `ca.crt` is accepted;
            // otherwise libgit2's own verification against the system's roots stands.
            if let (Some(ca), Some(x509)) = (&auth.ca, cert.as_x509()) {
                match ca.verify(x509.data(), host, rustls_pki_types::UnixTime::now()) {
                    Ok(()) => return Ok(CertificateCheckStatus::CertificateOk),
                    Err(e) => failure.set(Some(e.to_string())),
                }
            }
            return Ok(CertificateCheckStatus::CertificatePassthrough);
        };
        let Some(key) = hostkey.hostkey() else {
            let m = format!("refusing to connect to {host}: the SSH library gave no host key to verify");
            failure.set(Some(m.clone()));
            return Err(git2::Error::from_str(&m));
        };
        if let Some(seen) = observers.host_key {
            seen.set(Some(key.to_vec()));
        }
        let Some(known) = &auth.known_hosts else {
            let m = format!("refusing to connect to {host}: no known_hosts to verify its SSH host key");
            failure.set(Some(m.clone()));
            return Err(git2::Error::from_str(&m));
        };
        match known.verify(&url.host, url.effective_port(), key) {
            Ok(()) => Ok(CertificateCheckStatus::CertificateOk),
            Err(e) => {
                failure.set(Some(e.to_string()));
                Err(git2::Error::from_str(&e.to_string()))
            }
        }
    });
    cb.transfer_progress(move |p| {
        if let Some(f) = observers.progress {
            f(p.received_objects(), p.total_objects(), p.received_bytes());
        }
        Instant::now() < deadline
    });
    cb.sideband_progress(move |_| Instant::now() < deadline);
    cb
}

fn fetch_options<'a>(
    url: &'a GitUrl,
    auth: &'a Auth,
    deadline: Instant,
    failure: &'a Cell<Option<String>>,
) -> FetchOptions<'a> {
    let mut fo = FetchOptions::new();
    fo.remote_callbacks(callbacks(url, auth, deadline, failure));
    fo.download_tags(AutotagOption::None);
    fo.update_fetchhead(false);
    fo
}

/// Turns a libgit2 error into a message: the callback's own reason when it set one (libgit2
/// sometimes wraps it), the deadline when it passed, secrets scrubbed.
pub(crate) fn describe(
    e: &git2::Error,
    url: &GitUrl,
    auth: &Auth,
    deadline: Instant,
    total: Duration,
    failure: &Cell<Option<String>>,
) -> GitError {
    if let Some(m) = failure.take() {
        return GitError::Failed(scrub(&m, &auth.secrets()));
    }
    if Instant::now() >= deadline {
        return GitError::Timeout(total);
    }
    let msg = scrub(e.message(), &auth.secrets());
    let msg = match url.password() {
        Some(p) if !p.is_empty() => msg.replace(p, "***"),
        _ => msg,
    };
    GitError::Failed(msg)
}

/// Fetches what `reference` needs into the cached repository and resolves it to a commit.
pub fn sync(
    repo: &Repository,
    url: &GitUrl,
    auth: &Auth,
    reference: &Reference,
    deadline: Instant,
    total: Duration,
) -> Result<Resolved, GitError> {
    if url.scheme == Scheme::File {
        let target = pick(
            &local_heads(repo).map_err(|e| GitError::Failed(e.message().to_string()))?,
            reference,
        )?;
        return finish(repo, &target, Transfer::default());
    }
    if auth.bearer.is_some() {
        return sync_with_headers(repo, url, auth, reference, deadline, total);
    }
    let failure = Cell::new(None);
    let err = |e: &git2::Error| describe(e, url, auth, deadline, total, &failure);
    let mut remote = repo.remote_anonymous(url.as_str()).map_err(|e| err(&e))?;
    let mut conn = remote
        .connect_auth(
            Direction::Fetch,
            Some(callbacks(url, auth, deadline, &failure)),
            None,
        )
        .map_err(|e| err(&e))?;
    let heads = heads_of(conn.list().map_err(|e| err(&e))?);
    let target = pick(&heads, reference)?;
    let have = |oid: Oid| repo.find_commit(oid).is_ok();
    let mut transfer = Transfer::default();
    let needs_fetch = match &target.want {
        Want::Ref => target.expected.is_none_or(|c| !have(c)),
        Want::Commit { sha } => {
            find_commit(repo, sha).is_none() || target.branch_tip.is_some_and(|t| !have(t))
        }
    };
    if needs_fetch {
        let shallow = url.scheme.supports_shallow() && !matches!(target.want, Want::Commit { .. });
        let mut fo = fetch_options(url, auth, deadline, &failure);
        if shallow {
            fo.depth(1);
        }
        let remote = conn.remote();
        remote
            .fetch(&target.refspecs, Some(&mut fo), None)
            .map_err(|e| err(&e))?;
        let stats = remote.stats();
        transfer = Transfer {
            downloaded: true,
            objects: stats.received_objects(),
            bytes: stats.received_bytes(),
        };
    }
    drop(conn);
    finish(repo, &target, transfer)
}

/// With a bearer token (sent as a header, which libgit2 only supports on fetches): fetch
/// the candidate references, then resolve from what arrived.
fn sync_with_headers(
    repo: &Repository,
    url: &GitUrl,
    auth: &Auth,
    reference: &Reference,
    deadline: Instant,
    total: Duration,
) -> Result<Resolved, GitError> {
    let failure = Cell::new(None);
    let err = |e: &git2::Error| describe(e, url, auth, deadline, total, &failure);
    let specs: Vec<String> = match reference {
        Reference::Branch(b) => vec![mirror(&format!("refs/heads/{b}"))],
        Reference::Tag(t) => vec![mirror(&format!("refs/tags/{t}"))],
        Reference::Name(n) => vec![mirror(n)],
        Reference::Semver(_) => vec![mirror("refs/tags/*")],
        Reference::Commit { branch: Some(b), .. } => vec![mirror(&format!("refs/heads/{b}"))],
        Reference::Commit { branch: None, .. } => vec![mirror("refs/heads/*"), mirror("refs/tags/*")],
    };
    let header = format!(
        "Authorization: Bearer {}",
        auth.bearer.as_deref().map(String::as_str).unwrap_or_default()
    );
    let mut remote = repo.remote_anonymous(url.as_str()).map_err(|e| err(&e))?;
    let mut fo = fetch_options(url, auth, deadline, &failure);
    fo.custom_headers(&[&header]);
    remote.fetch(&specs, Some(&mut fo), None).map_err(|e| {
        if e.code() == git2::ErrorCode::Auth || e.message().contains("authentication") {
            GitError::Failed("authentication failed: the server rejected the bearer token".into())
        } else {
            err(&e)
        }
    })?;
    let stats = remote.stats();
    let transfer = Transfer {
        downloaded: stats.received_objects() > 0,
        objects: stats.received_objects(),
        bytes: stats.received_bytes(),
    };
    let heads = local_heads(repo).map_err(|e| err(&e))?;
    let target = pick(&heads, reference)?;
    finish(repo, &target, transfer)
}

/// The references of a local repository, as a remote would advertise them (annotated tags
/// peeled).
fn local_heads(repo: &Repository) -> Result<Heads, git2::Error> {
    let mut heads = Heads::new();
    for r in repo.references()?.flatten() {
        if let (Ok(name), Some(oid)) = (r.name(), r.target()) {
            let peeled = r.peel_to_commit().ok().map(|c| c.id()).filter(|c| *c != oid);
            heads.insert(name.to_string(), Head { oid, peeled });
        }
    }
    Ok(heads)
}

fn mirror(name: &str) -> String {
    format!("+{name}:{name}")
}

#[derive(Clone, Debug)]
enum Want {
    /// A reference whose tip is known from the advertisement.
    Ref,
    /// A commit found by its hash after fetching.
    Commit { sha: String },
}

#[derive(Clone, Debug)]
struct Target {
    want: Want,
    /// Name for the revision (`main`, `v1.2.3`, `refs/pull/1/head`), if any.
    name: Option<String>,
    /// The commit expected (peeled), when known before fetching.
    expected: Option<Oid>,
    /// The advertised reference, to peel after fetching when `expected` is not a commit.
    reference: Option<String>,
    /// For commit references on a branch: the branch tip.
    branch_tip: Option<Oid>,
    refspecs: Vec<String>,
}

fn missing_ref(name: &str) -> GitError {
    GitError::Failed(format!("couldn't find remote ref {name:?}"))
}

fn ref_target(heads: &Heads, full: &str, name: &str) -> Result<Target, GitError> {
    let h = heads.get(full).ok_or_else(|| missing_ref(full))?;
    Ok(Target {
        want: Want::Ref,
        name: Some(name.to_string()),
        expected: Some(h.peeled.unwrap_or(h.oid)),
        reference: Some(full.to_string()),
        branch_tip: None,
        refspecs: vec![mirror(full)],
    })
}

fn pick(heads: &Heads, reference: &Reference) -> Result<Target, GitError> {
    match reference {
        Reference::Branch(b) => ref_target(heads, &format!("refs/heads/{b}"), b),
        Reference::Tag(t) => ref_target(heads, &format!("refs/tags/{t}"), t),
        Reference::Name(n) => ref_target(heads, n, n),
        Reference::Semver(range) => {
            let constraint = Constraint::parse(range).map_err(|e| GitError::Failed(e.reason))?;
            let tags = heads.keys().filter_map(|k| k.strip_prefix("refs/tags/"));
            let tag = highest_matching(&constraint, tags)
                .ok_or_else(|| GitError::Failed(format!("no match found for semver: {range}")))?;
            ref_target(heads, &format!("refs/tags/{tag}"), tag)
        }
        Reference::Commit { sha, branch } => {
            let (branch_tip, refspecs) = match branch {
                Some(b) => {
                    let full = format!("refs/heads/{b}");
                    let h = heads.get(&full).ok_or_else(|| missing_ref(&full))?;
                    (Some(h.oid), vec![mirror(&full)])
                }
                None => (None, vec![mirror("refs/heads/*"), mirror("refs/tags/*")]),
            };
            Ok(Target {
                want: Want::Commit { sha: sha.clone() },
                name: branch.clone(),
                expected: Oid::from_str(sha).ok().filter(|_| sha.len() == 40),
                reference: None,
                branch_tip,
                refspecs,
            })
        }
    }
}

/// A commit of the repository by its full or abbreviated hash.
fn find_commit(repo: &Repository, sha: &str) -> Option<Oid> {
    let oid = if sha.len() == 40 {
        Oid::from_str(sha).ok()?
    } else {
        repo.find_object_by_prefix(sha, None).ok()?.id()
    };
    repo.find_commit(oid).ok().map(|c| c.id())
}

/// Resolves the target to a commit in the (fetched) repository.
fn finish(repo: &Repository, target: &Target, transfer: Transfer) -> Result<Resolved, GitError> {
    let commit = match &target.want {
        Want::Ref => {
            let expected = target
                .expected
                .ok_or_else(|| GitError::Failed("no commit for the reference".into()))?;
            match repo.find_commit(expected) {
                Ok(c) => c.id(),
                // An annotated tag whose peeled commit was not advertised: peel it now.
                Err(_) => repo
                    .find_object(expected, None)
                    .and_then(|o| o.peel_to_commit())
                    .map(|c| c.id())
                    .map_err(|e| {
                        GitError::Failed(format!(
                            "{} does not point to a commit: {}",
                            target.reference.as_deref().unwrap_or("the reference"),
                            e.message()
                        ))
                    })?,
            }
        }
        Want::Commit { sha } => {
            let c = find_commit(repo, sha).and_then(|o| repo.find_commit(o).ok());
            let c = c.ok_or_else(|| {
                GitError::Failed(format!(
                    "failed to resolve commit object for '{sha}': object not found"
                ))
            })?;
            if let (Some(tip), Some(branch)) = (target.branch_tip, &target.name) {
                let on_branch = tip == c.id() || repo.graph_descendant_of(tip, c.id()).unwrap_or(false);
                if !on_branch {
                    return Err(GitError::Failed(format!(
                        "commit '{}' is not on branch '{branch}'",
                        c.id()
                    )));
                }
            }
            c.id()
        }
    };
    Ok(Resolved {
        commit,
        revision: format_revision(target.name.as_deref(), &commit.to_string()),
        transfer,
    })
}

/// Makes sure a commit is in the cache (fetching the named reference — a branch, tag or
/// `refs/…` name — or else every branch and tag, with full history), for checking out a
/// revision recorded earlier.
pub fn ensure_commit(
    repo: &Repository,
    url: &GitUrl,
    auth: &Auth,
    name: Option<&str>,
    commit_hex: &str,
    deadline: Instant,
    total: Duration,
) -> Result<(Oid, Transfer), GitError> {
    let find = || find_commit(repo, commit_hex);
    if let Some(oid) = find() {
        return Ok((oid, Transfer::default()));
    }
    if url.scheme == Scheme::File {
        return Err(GitError::Failed(format!("commit {commit_hex} is not in {url}")));
    }
    let failure = Cell::new(None);
    let err = |e: &git2::Error| describe(e, url, auth, deadline, total, &failure);
    let mut attempts: Vec<Vec<String>> = Vec::new();
    if let Some(n) = name {
        if n.starts_with("refs/") {
            attempts.push(vec![mirror(n)]);
        } else {
            attempts.push(vec![
                mirror(&format!("refs/heads/{n}")),
                mirror(&format!("refs/tags/{n}")),
            ]);
        }
    }
    attempts.push(vec![mirror("refs/heads/*"), mirror("refs/tags/*")]);
    let mut transfer = Transfer::default();
    for specs in attempts {
        let mut remote = repo.remote_anonymous(url.as_str()).map_err(|e| err(&e))?;
        let mut fo = fetch_options(url, auth, deadline, &failure);
        if url.scheme.supports_shallow() && repo.is_shallow() {
            fo.depth(UNSHALLOW);
        }
        let header;
        if let Some(token) = &auth.bearer {
            header = format!("Authorization: Bearer {}", token.as_str());
            fo.custom_headers(&[&header]);
        }
        remote.fetch(&specs, Some(&mut fo), None).map_err(|e| err(&e))?;
        let stats = remote.stats();
        transfer.downloaded |= stats.received_objects() > 0;
        transfer.objects += stats.received_objects();
        transfer.bytes += stats.received_bytes();
        if let Some(oid) = find() {
            return Ok((oid, transfer));
        }
    }
    Err(GitError::Failed(format!(
        "commit {commit_hex} is not in {url} (not on any branch or tag)"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn oid(n: u8) -> Oid {
        Oid::from_bytes(&[n; 20]).unwrap()
    }

    fn heads(list: &[(&str, u8, Option<u8>)]) -> Heads {
        list.iter()
            .map(|(n, o, p)| {
                (
                    (*n).to_string(),
                    Head {
                        oid: oid(*o),
                        peeled: p.map(oid),
                    },
                )
            })
            .collect()
    }

    #[test]
    fn picks_references() {
        let h = heads(&[
            ("refs/heads/main", 1, None),
            ("refs/tags/v1.0.0", 2, Some(3)),
            ("refs/tags/v1.2.0", 4, None),
            ("refs/tags/v2.0.0", 5, None),
            ("refs/pull/7/head", 6, None),
        ]);
        let t = pick(&h, &Reference::Branch("main".into())).unwrap();
        assert_eq!((t.expected, t.name.as_deref()), (Some(oid(1)), Some("main")));
        assert_eq!(t.refspecs, ["+refs/heads/main:refs/heads/main"]);
        let t = pick(&h, &Reference::Tag("v1.0.0".into())).unwrap();
        assert_eq!(t.expected, Some(oid(3)), "annotated tags are peeled");
        let t = pick(&h, &Reference::Semver("^1".into())).unwrap();
        assert_eq!(t.name.as_deref(), Some("v1.2.0"));
        let t = pick(&h, &Reference::Name("refs/pull/7/head".into())).unwrap();
        assert_eq!(t.name.as_deref(), Some("refs/pull/7/head"));
        let e = pick(&h, &Reference::Branch("nope".into())).unwrap_err();
        assert_eq!(e.to_string(), "couldn't find remote ref \"refs/heads/nope\"");
        let e = pick(&h, &Reference::Semver(">=3".into())).unwrap_err();
        assert_eq!(e.to_string(), "no match found for semver: >=3");
        let t = pick(
            &h,
            &Reference::Commit {
                sha: "0101010101010101010101010101010101010101".into(),
                branch: Some("main".into()),
            },
        )
        .unwrap();
        assert_eq!((t.expected, t.branch_tip), (Some(oid(1)), Some(oid(1))));
    }
}
