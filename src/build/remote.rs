//! Remote bases: which `resources:` and `components:` entries name a Git repository, parsed
//! as kustomize v5.5.0 parses them, and the [`Loader`] a caller supplies to fetch them.
//!
//! The forms kustomize accepts (each with an optional `?ref=` / `?version=`, `?timeout=` and
//! `?submodules=` query):
//!
//! * `https://host/org/repo//path` (`//` ends the repository; `.git` and Azure's `_git/repo`
//!   end it too; without a marker the repository is the first two path segments),
//! * `github.com/org/repo/path` (GitHub shorthand, cloned over https),
//! * `git::https://…` (the go-getter prefix, ignored),
//! * `ssh://git@host/org/repo//path`, `git@host:org/repo//path` (scp-like, a user is required
//!   except for GitHub),
//! * `file:///abs/repo//path` (the whole path is the repository unless a marker splits it).
//!
//! Parsing is pure; fetching is the [`Loader`]'s business (the build itself never opens a
//! network connection). Remote bases are refused unless a loader is given: flux-rs is stricter
//! than kustomize and kustomize-controller here, so that a build never reaches a host its
//! user did not allow.

use std::path::Path;
use std::time::Duration;

/// kustomize's default timeout for Git commands.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(27);

/// A Git base: where to clone from, which revision, and the kustomization's directory in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RepoSpec {
    /// The reference as written in the kustomization.
    pub raw: String,
    /// Scheme, user and host (`https://github.com/`, `git@github.com:`, `file://`).
    pub host: String,
    /// The repository path on the host (`org/repo`, `org/repo.git`).
    pub repo_path: String,
    /// The kustomization's directory inside the repository (empty: its top).
    pub path: String,
    /// Branch, tag or commit (`?ref=`, else `?version=`); `None`: the default branch.
    pub git_ref: Option<String>,
    /// How long Git may take (`?timeout=`, 27 s by default).
    pub timeout: Duration,
    /// Whether submodules are cloned (`?submodules=`, true by default).
    pub submodules: bool,
}

impl RepoSpec {
    /// The URL to clone (`host` followed by `repo_path`).
    pub fn clone_url(&self) -> String {
        format!("{}{}", self.host, self.repo_path)
    }
}

/// What a `resources:` or `components:` entry refers to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A file or directory of the build's own tree.
    Local,
    /// A plain http(s) file URL (kustomize downloads it; flux-rs does not).
    HttpFile,
    /// A Git repository.
    Git(Box<RepoSpec>),
}

/// Classifies a `resources:` / `components:` entry. An http(s) URL that is not a Git base is a
/// [`Target::HttpFile`], and so is one whose last segment names a YAML or JSON file (kustomize
/// downloads such a URL as a file before it tries it as a repository).
pub fn classify(reference: &str) -> Target {
    let url = strip_prefix_nocase(reference, "git::").unwrap_or(reference);
    let lower = url.to_ascii_lowercase();
    let http = lower.starts_with(HTTP) || lower.starts_with(HTTPS);
    match parse(reference) {
        Ok(spec) => {
            let last = spec
                .path
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .to_ascii_lowercase();
            let file_like = [".yaml", ".yml", ".json"].iter().any(|e| last.ends_with(e));
            if http && file_like {
                Target::HttpFile
            } else {
                Target::Git(Box::new(spec))
            }
        }
        Err(_) if http => Target::HttpFile,
        Err(_) => Target::Local,
    }
}

/// Why a reference is not a Git URL.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NotGit {
    /// An absolute path is a local base, not a URL.
    #[error("{reference}: an absolute path")]
    AbsolutePath {
        /// The reference.
        reference: String,
    },
    /// Neither a scheme nor an scp-like `user@host:` form.
    #[error("no scheme")]
    NoScheme,
    /// No host after the scheme.
    #[error("no host")]
    NoHost,
    /// No repository path after the host.
    #[error("no repository path")]
    NoRepositoryPath,
    /// The path in the repository leaves it (`..`).
    #[error("url path exits repo: {path}")]
    ExitsRepo {
        /// The path as written.
        path: String,
    },
}

const FILE: &str = "file://";
const SSH: &str = "ssh://";
const HTTPS: &str = "https://";
const HTTP: &str = "http://";

/// Parses a Git URL as kustomize's `NewRepoSpecFromURL` does.
pub fn parse(reference: &str) -> Result<RepoSpec, NotGit> {
    if Path::new(reference).is_absolute() {
        return Err(NotGit::AbsolutePath {
            reference: reference.to_string(),
        });
    }
    let (rest, query) = reference.split_once('?').unwrap_or((reference, ""));
    let (git_ref, timeout, submodules) = parse_query(query);
    let (host, rest) = split_host(rest)?;
    let (repo_path, path) = split_path(rest, host.starts_with(FILE))?;
    Ok(RepoSpec {
        raw: reference.to_string(),
        host,
        repo_path,
        path,
        git_ref,
        timeout,
        submodules,
    })
}

/// `s` without `prefix` when it starts with it, ignoring ASCII case.
fn strip_prefix_nocase<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &s[prefix.len()..])
}

/// Scheme, user and host, and the rest.
fn split_host(n: &str) -> Result<(String, &str), NotGit> {
    let n = strip_prefix_nocase(n, "git::").unwrap_or(n);
    let (scheme, n) = [SSH, HTTPS, HTTP, FILE]
        .iter()
        .find_map(|p| strip_prefix_nocase(n, p).map(|rest| (*p, rest)))
        .unwrap_or(("", n));
    // A user is a letter followed by letters, digits and dashes, then `@`.
    let user_len = n
        .find('@')
        .filter(|&at| {
            let u = &n.as_bytes()[..at];
            u.first().is_some_and(u8::is_ascii_alphabetic)
                && u.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-')
        })
        .map_or(0, |at| at + 1);
    let with_user = n;
    let (user, n) = n.split_at(user_len);
    let lower = n.to_ascii_lowercase();
    let github = lower.starts_with("github.com/") || lower.starts_with("github.com:");
    let scp = scheme.is_empty() && (!user.is_empty() || github);
    if scheme.is_empty() && !scp {
        return Err(NotGit::NoScheme);
    }
    if scheme == FILE {
        // Everything after the scheme, a "user" included, is the repository's path.
        return Ok((scheme.to_string(), with_user));
    }
    let slash = n.find('/');
    let sep = if scp {
        let colon = n.find(':');
        match (slash, colon) {
            (None, c) => c,
            (Some(s), Some(c)) if c > 0 && c < s => Some(c),
            (s, _) => s,
        }
    } else {
        slash
    };
    let (mut host, rest) = match sep {
        Some(i) => (n[..=i].to_string(), &n[i + 1..]),
        None => (n.to_string(), ""),
    };
    let (mut scheme, mut user) = (scheme.to_string(), user.to_string());
    if github {
        if scheme.starts_with(SSH) || !user.is_empty() {
            scheme.clear();
            host = "github.com:".into();
        } else {
            scheme = HTTPS.into();
            user.clear();
            host = "github.com/".into();
        }
    }
    if host.is_empty() {
        return Err(NotGit::NoHost);
    }
    Ok((format!("{scheme}{user}{host}"), rest))
}

/// The repository path and the kustomization's path in it.
fn split_path(n: &str, file: bool) -> Result<(String, String), NotGit> {
    let explicit = if let Some(i) = n.find("_git/") {
        let after = &n[i + "_git/".len()..];
        let (repo, sub) = after.split_once('/').unwrap_or((after, ""));
        Some((format!("{}{repo}", &n[..i + "_git/".len()]), sub.to_string()))
    } else if let Some(i) = n.find("//") {
        Some((n[..i].to_string(), n[i + 2..].to_string()))
    } else {
        n.find(".git")
            .map(|i| (n[..i + 4].to_string(), n[i + 4..].to_string()))
    };
    let split = explicit.or_else(|| {
        if file {
            return Some((n.to_string(), String::new()));
        }
        let segments: Vec<&str> = n.split('/').collect();
        (segments.len() >= 2).then(|| (segments[..2].join("/"), segments[2..].join("/")))
    });
    let Some((repo, path)) = split.filter(|(r, _)| !r.is_empty()) else {
        return Err(NotGit::NoRepositoryPath);
    };
    if exits_repo(&path) {
        return Err(NotGit::ExitsRepo { path: n.to_string() });
    }
    let path = path.strip_prefix('/').unwrap_or(&path).to_string();
    Ok((repo, path))
}

/// Whether a path, without one leading `/` and cleaned lexically as Go's `filepath.Clean`
/// cleans it, starts with `..`.
fn exits_repo(path: &str) -> bool {
    let p = path.strip_prefix('/').unwrap_or(path);
    if p.starts_with('/') {
        // Rooted: `..` cannot climb above the root.
        return false;
    }
    let mut depth = 0usize;
    for part in p.split('/') {
        match part {
            "" | "." => {}
            ".." if depth == 0 => return true,
            ".." => depth -= 1,
            _ => depth += 1,
        }
    }
    false
}

/// `ref` (else `version`), `timeout` and `submodules` from a query; kustomize falls back to
/// the defaults for a query Go cannot parse, and ignores invalid values.
fn parse_query(query: &str) -> (Option<String>, Duration, bool) {
    let defaults = (None, DEFAULT_TIMEOUT, true);
    let mut values: Vec<(String, String)> = Vec::new();
    for pair in query.split('&') {
        if pair.contains(';') {
            return defaults;
        }
        if pair.is_empty() {
            continue;
        }
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let (Some(k), Some(v)) = (unescape(k), unescape(v)) else {
            return defaults;
        };
        values.push((k, v));
    }
    let get = |key: &str| {
        values
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    };
    let git_ref = get("ref").or_else(|| get("version")).map(str::to_string);
    let timeout = get("timeout")
        .and_then(|t| match t.parse::<i64>() {
            Ok(secs) if secs > 0 => Some(Duration::from_secs(secs.unsigned_abs())),
            _ => crate::duration::parse(t).ok().filter(|d| !d.is_zero()),
        })
        .unwrap_or(DEFAULT_TIMEOUT);
    let submodules = get("submodules")
        .and_then(|b| match b {
            "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
            "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
            _ => None,
        })
        .unwrap_or(true);
    (git_ref, timeout, submodules)
}

/// Query unescaping as Go's `url.QueryUnescape` (`+` is a space); `None` on a bad escape.
fn unescape(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' => {
                let hex = s.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// Fetches Git bases for a build. The caller decides how (transports, host keys,
/// credentials); a build without a loader refuses every remote base.
pub trait Loader: std::fmt::Debug + Send + Sync {
    /// Checks out `spec` (its `git_ref`, or the default branch) into a new temporary
    /// directory, removed when the returned value is dropped. The error is shown to the
    /// user: it must name the URL and never contain a credential.
    fn fetch(&self, spec: &RepoSpec) -> Result<tempfile::TempDir, String>;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (reference, clone URL, path in the repository, ref).
    const GIT: &[(&str, &str, &str, Option<&str>)] = &[
        (
            "https://github.com/org/repo//deploy/base?ref=v1.2.0",
            "https://github.com/org/repo",
            "deploy/base",
            Some("v1.2.0"),
        ),
        (
            "github.com/org/repo/deploy?ref=main",
            "https://github.com/org/repo",
            "deploy",
            Some("main"),
        ),
        ("github.com/org/repo", "https://github.com/org/repo", "", None),
        ("GitHub.com/org/repo/x", "https://github.com/org/repo", "x", None),
        (
            "git::https://git.example.com/org/repo//app",
            "https://git.example.com/org/repo",
            "app",
            None,
        ),
        (
            "ssh://git@git.example.com/org/repo//base",
            "ssh://git@git.example.com/org/repo",
            "base",
            None,
        ),
        (
            "ssh://git@git.example.com:2222/org/repo.git//a",
            "ssh://git@git.example.com:2222/org/repo.git",
            "a",
            None,
        ),
        (
            "git@git.example.com:org/repo//base?ref=dev",
            "git@git.example.com:org/repo",
            "base",
            Some("dev"),
        ),
        (
            "git@github.com:org/repo.git/base",
            "git@github.com:org/repo.git",
            "base",
            None,
        ),
        ("ssh://github.com/org/repo//x", "github.com:org/repo", "x", None),
        (
            "https://git.example.com/org/repo.git/sub/dir",
            "https://git.example.com/org/repo.git",
            "sub/dir",
            None,
        ),
        (
            "https://git.example.com/org/repo/sub/dir",
            "https://git.example.com/org/repo",
            "sub/dir",
            None,
        ),
        (
            "https://user@dev.azure.com/org/project/_git/repo/path/to/base",
            "https://user@dev.azure.com/org/project/_git/repo",
            "path/to/base",
            None,
        ),
        (
            "http://127.0.0.1:8080/org/repo.git//base?version=v2",
            "http://127.0.0.1:8080/org/repo.git",
            "base",
            Some("v2"),
        ),
        (
            "https://h/org/repo?version=v2&ref=v3",
            "https://h/org/repo",
            "",
            Some("v3"),
        ),
        ("https://h/org/repo?ref=", "https://h/org/repo", "", None),
        (
            "https://h/org/repo?ref=feature%2Fx",
            "https://h/org/repo",
            "",
            Some("feature/x"),
        ),
        ("file:///srv/git/repo", "file:///srv/git/repo", "", None),
        (
            "file:///srv/git/repo.git//overlay",
            "file:///srv/git/repo.git",
            "overlay",
            None,
        ),
        ("https://h/org/repo//a/../b", "https://h/org/repo", "a/../b", None),
    ];

    #[test]
    fn git_urls_split_as_kustomize_splits_them() {
        for (reference, url, path, git_ref) in GIT {
            let spec = parse(reference).unwrap_or_else(|e| panic!("{reference}: {e}"));
            assert_eq!(spec.clone_url(), *url, "{reference}");
            assert_eq!(spec.path, *path, "{reference}");
            assert_eq!(spec.git_ref.as_deref(), *git_ref, "{reference}");
            assert_eq!(classify(reference), Target::Git(Box::new(spec)), "{reference}");
        }
    }

    #[test]
    fn local_paths_and_file_urls_are_not_git() {
        for r in [
            "../base",
            "deploy.yaml",
            "a/b",
            "weird:name.yaml",
            "deploy@2.yaml",
            "/abs/path",
            "github.com",
            "git@host",
        ] {
            assert_eq!(classify(r), Target::Local, "{r}");
        }
        for r in [
            "https://example.com/deploy.yaml",
            "https://raw.githubusercontent.com/org/repo/main/deploy.yaml",
            "HTTP://example.com/a/b/c.json",
            "git::https://example.com/x",
            "https://example.com",
        ] {
            assert_eq!(classify(r), Target::HttpFile, "{r}");
        }
    }

    #[test]
    fn urls_leaving_the_repository_are_refused() {
        for r in [
            "https://h/org/repo//../x",
            "https://h/org/repo//a/../../x",
            "git@h:org/repo.git/../x",
        ] {
            assert!(parse(r).is_err(), "{r}");
        }
        // `..` that stays inside is fine.
        assert!(parse("https://h/org/repo//a/../b").is_ok());
    }

    #[test]
    fn query_options_follow_kustomize() {
        let t = |r: &str| parse(r).unwrap().timeout;
        assert_eq!(t("https://h/o/r"), DEFAULT_TIMEOUT);
        assert_eq!(t("https://h/o/r?timeout=61"), Duration::from_secs(61));
        assert_eq!(t("https://h/o/r?timeout=1m30s"), Duration::from_secs(90));
        assert_eq!(t("https://h/o/r?timeout=0"), DEFAULT_TIMEOUT);
        assert_eq!(t("https://h/o/r?timeout=-5"), DEFAULT_TIMEOUT);
        assert_eq!(t("https://h/o/r?timeout=soon"), DEFAULT_TIMEOUT);
        let s = |r: &str| parse(r).unwrap().submodules;
        assert!(s("https://h/o/r"));
        assert!(!s("https://h/o/r?submodules=false"));
        assert!(!s("https://h/o/r?submodules=0"));
        assert!(s("https://h/o/r?submodules=maybe"));
        // A query Go refuses (`;`, a bad escape) leaves every option at its default.
        let spec = parse("https://h/o/r?ref=v1;timeout=5").unwrap();
        assert_eq!((spec.git_ref, spec.timeout), (None, DEFAULT_TIMEOUT));
        assert_eq!(parse("https://h/o/r?ref=%zz&timeout=5").unwrap().git_ref, None);
    }

    #[test]
    fn no_input_panics() {
        for r in [
            "", "?", "??", "@", "git::", "https://", "ssh://@", "git@:", "a@b:c//", "_git/", "file://", "%",
            "é@ü:x",
        ] {
            let _ = classify(r);
        }
    }
}
