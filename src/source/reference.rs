//! Which revision of a repository to fetch (`spec.ref`, precedence commit > name > semver >
//! tag > branch, branch `master` by default), semantic-version ranges as upstream reads them
//! (Masterminds/semver: `>=1.2 <2`, `~1.2`, `^1.2.3`, `1.2.x`, `1.0 - 1.4`, `||`), and
//! revision strings in Flux's format (`main@sha1:<hex>`, `v1.2.3@sha1:<hex>`,
//! `refs/pull/1/head@sha1:<hex>`, `sha1:<hex>`).

use std::cmp::Ordering;

use semver::{Prerelease, Version};

use crate::api::source::{DEFAULT_BRANCH, GitRepositoryRef};

/// The reference to fetch, after precedence is applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reference {
    /// A branch (`spec.ref.branch`, default `master`).
    Branch(String),
    /// A tag.
    Tag(String),
    /// The highest tag matching a semantic-version range.
    Semver(String),
    /// A full reference name (`refs/heads/x`, `refs/pull/1/head`).
    Name(String),
    /// A commit (a full or abbreviated SHA-1), optionally required to be on a branch.
    Commit {
        /// The commit SHA as written.
        sha: String,
        /// The branch it must be on, if given.
        branch: Option<String>,
    },
}

/// A `spec.ref` that cannot be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid spec.ref.{field} {value:?}: {reason}")]
pub struct InvalidRef {
    /// The field (`commit`, `semver`, `name`, …).
    pub field: &'static str,
    /// Its value.
    pub value: String,
    /// What is wrong.
    pub reason: String,
}

fn non_empty(s: Option<&String>) -> Option<&str> {
    s.map(|s| s.trim()).filter(|s| !s.is_empty())
}

impl Reference {
    /// The reference a GitRepository's `spec.ref` selects.
    pub fn from_spec(r: Option<&GitRepositoryRef>) -> Result<Reference, InvalidRef> {
        let Some(r) = r else {
            return Ok(Reference::Branch(DEFAULT_BRANCH.to_string()));
        };
        let branch = non_empty(r.branch.as_ref());
        if let Some(sha) = non_empty(r.commit.as_ref()) {
            let sha = sha.to_ascii_lowercase();
            if sha.len() < 4 || sha.len() > 40 || !sha.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(InvalidRef {
                    field: "commit",
                    value: sha,
                    reason: "not a hexadecimal SHA-1 (4 to 40 characters)".into(),
                });
            }
            return Ok(Reference::Commit {
                sha,
                branch: branch.map(str::to_string),
            });
        }
        if let Some(name) = non_empty(r.name.as_ref()) {
            if !name.starts_with("refs/") || name.ends_with('/') || name.contains("..") {
                return Err(InvalidRef {
                    field: "name",
                    value: name.to_string(),
                    reason: "not a full reference name such as refs/heads/main or refs/pull/1/head".into(),
                });
            }
            return Ok(Reference::Name(name.to_string()));
        }
        if let Some(range) = non_empty(r.semver.as_ref()) {
            Constraint::parse(range).map_err(|e| InvalidRef {
                field: "semver",
                value: range.to_string(),
                reason: e.reason,
            })?;
            return Ok(Reference::Semver(range.to_string()));
        }
        if let Some(tag) = non_empty(r.tag.as_ref()) {
            return Ok(Reference::Tag(tag.to_string()));
        }
        Ok(Reference::Branch(branch.unwrap_or(DEFAULT_BRANCH).to_string()))
    }
}

/// A revision in Flux's format: `<name>@sha1:<hex>`, or `sha1:<hex>` without a name.
pub fn format_revision(name: Option<&str>, commit_hex: &str) -> String {
    match name {
        Some(n) if !n.is_empty() => format!("{n}@sha1:{commit_hex}"),
        _ => format!("sha1:{commit_hex}"),
    }
}

/// A revision string split into its name (branch, tag or reference; absent for commit-only
/// revisions) and the commit hash. Accepts Flux's format (`main@sha1:<hex>`, `sha1:<hex>`),
/// the legacy `main/<hex>`, and a bare hash.
pub fn parse_revision(revision: &str) -> Option<(Option<&str>, &str)> {
    let is_hash = |h: &str| h.len() >= 4 && h.len() <= 64 && h.bytes().all(|b| b.is_ascii_hexdigit());
    let (name, digest) = match revision.rsplit_once('@') {
        Some((n, d)) => (Some(n), d),
        None => (None, revision),
    };
    let hash = digest
        .strip_prefix("sha1:")
        .or_else(|| digest.strip_prefix("sha256:"));
    match (name, hash) {
        (_, Some(h)) if is_hash(h) => Some((name.filter(|n| !n.is_empty()), h)),
        (None, None) => match revision.rsplit_once('/') {
            Some((n, h)) if is_hash(h) => Some((Some(n), h)),
            None if is_hash(revision) => Some((None, revision)),
            _ => None,
        },
        _ => None,
    }
}

/// A version read from a tag as upstream reads it (`v` prefix allowed, `1.2` = `1.2.0`).
pub fn parse_tag_version(tag: &str) -> Option<Version> {
    let s = tag.strip_prefix('v').unwrap_or(tag);
    let (core, build) = match s.split_once('+') {
        Some((c, b)) => (c, Some(b)),
        None => (s, None),
    };
    let (core, pre) = match core.split_once('-') {
        Some((c, p)) => (c, Some(p)),
        None => (core, None),
    };
    let parts: Vec<&str> = core.split('.').collect();
    if parts.is_empty() || parts.len() > 3 {
        return None;
    }
    let mut nums = [0u64; 3];
    for (i, p) in parts.iter().enumerate() {
        if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        nums[i] = p.parse().ok()?;
    }
    let mut v = Version::new(nums[0], nums[1], nums[2]);
    if let Some(p) = pre {
        v.pre = Prerelease::new(p).ok()?;
    }
    if let Some(b) = build {
        v.build = semver::BuildMetadata::new(b).ok()?;
    }
    Some(v)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
    Tilde,
    Caret,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Comparator {
    op: Op,
    major: Option<u64>,
    minor: Option<u64>,
    patch: Option<u64>,
    pre: Prerelease,
}

/// A semantic-version range: alternatives (`||`) of comparators that must all hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Constraint {
    any_of: Vec<Vec<Comparator>>,
}

/// A possibly partial version: major, minor, patch (absent or wildcards) and pre-release.
type Partial = (Option<u64>, Option<u64>, Option<u64>, Prerelease);

fn parse_partial(s: &str) -> Result<Partial, String> {
    let s = s.strip_prefix('v').unwrap_or(s);
    let s = s.split_once('+').map_or(s, |(c, _)| c);
    let (core, pre) = match s.split_once('-') {
        Some((c, p)) => (
            c,
            Prerelease::new(p).map_err(|e| format!("invalid pre-release {p:?}: {e}"))?,
        ),
        None => (s, Prerelease::EMPTY),
    };
    let parts: Vec<&str> = core.split('.').collect();
    if parts.len() > 3 || parts.iter().any(|p| p.is_empty()) {
        return Err(format!("invalid version {s:?}"));
    }
    let mut out = [None; 3];
    let mut wild = false;
    for (i, p) in parts.iter().enumerate() {
        if matches!(*p, "x" | "X" | "*") {
            wild = true;
            continue;
        }
        if wild {
            return Err(format!("invalid version {s:?}: a number after a wildcard"));
        }
        out[i] = Some(p.parse::<u64>().map_err(|_| format!("invalid version {s:?}"))?);
    }
    Ok((out[0], out[1], out[2], pre))
}

impl Comparator {
    fn parse(op: &str, version: &str) -> Result<Comparator, String> {
        let op = match op {
            "" | "=" | "==" => Op::Eq,
            "!=" => Op::Ne,
            ">" => Op::Gt,
            ">=" | "=>" => Op::Ge,
            "<" => Op::Lt,
            "<=" | "=<" => Op::Le,
            "~" | "~>" => Op::Tilde,
            "^" => Op::Caret,
            other => return Err(format!("unknown operator {other:?}")),
        };
        let (major, minor, patch, pre) = parse_partial(version)?;
        Ok(Comparator {
            op,
            major,
            minor,
            patch,
            pre,
        })
    }

    fn base(&self) -> Version {
        let mut v = Version::new(
            self.major.unwrap_or(0),
            self.minor.unwrap_or(0),
            self.patch.unwrap_or(0),
        );
        v.pre = self.pre.clone();
        v
    }

    /// The first version past a partial one (`1.2` → `1.3.0`, `1` → `2.0.0`).
    fn past_partial(&self) -> Option<Version> {
        match (self.major, self.minor, self.patch) {
            (None, _, _) => None,
            (Some(m), None, _) => Some(Version::new(m + 1, 0, 0)),
            (Some(m), Some(n), None) => Some(Version::new(m, n + 1, 0)),
            (Some(_), Some(_), Some(_)) => None,
        }
    }

    fn dirty(&self) -> bool {
        self.major.is_none() || self.minor.is_none() || self.patch.is_none()
    }

    fn matches(&self, v: &Version) -> bool {
        if !v.pre.is_empty() && self.pre.is_empty() {
            return false;
        }
        let cmp = |a: &Version, b: &Version| a.cmp_precedence(b);
        let base = self.base();
        let ge_base = cmp(v, &base) != Ordering::Less;
        match self.op {
            Op::Eq | Op::Ne => {
                let eq = if self.major.is_none() {
                    true
                } else if self.dirty() {
                    ge_base && self.past_partial().is_none_or(|p| cmp(v, &p) == Ordering::Less)
                } else {
                    cmp(v, &base) == Ordering::Equal
                };
                eq == (self.op == Op::Eq)
            }
            Op::Gt => match (self.major, self.past_partial()) {
                (None, _) => false,
                (_, Some(p)) => cmp(v, &p) != Ordering::Less,
                (_, None) => cmp(v, &base) == Ordering::Greater,
            },
            Op::Ge => ge_base,
            Op::Lt => self.major.is_some() && cmp(v, &base) == Ordering::Less,
            Op::Le => match (self.major, self.past_partial()) {
                (None, _) => true,
                (_, Some(p)) => cmp(v, &p) == Ordering::Less,
                (_, None) => cmp(v, &base) != Ordering::Greater,
            },
            Op::Tilde => {
                let Some(major) = self.major else {
                    return true;
                };
                let upper = match self.minor {
                    Some(minor) => Version::new(major, minor + 1, 0),
                    None => Version::new(major + 1, 0, 0),
                };
                ge_base && cmp(v, &upper) == Ordering::Less
            }
            Op::Caret => {
                let Some(major) = self.major else {
                    return true;
                };
                let upper = match (major, self.minor, self.patch) {
                    (m, _, _) if m > 0 => Version::new(m + 1, 0, 0),
                    (_, None, _) => Version::new(1, 0, 0),
                    (_, Some(n), _) if n > 0 => Version::new(0, n + 1, 0),
                    (_, Some(n), None) => Version::new(0, n + 1, 0),
                    (_, Some(_), Some(p)) => Version::new(0, 0, p + 1),
                };
                ge_base && cmp(v, &upper) == Ordering::Less
            }
        }
    }
}

const OPERATOR_CHARS: &[char] = &['=', '!', '>', '<', '~', '^'];

/// Why a semver range cannot be parsed (no underlying error: the parser says what it
/// expected).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{reason}")]
pub struct InvalidRange {
    /// What is wrong (`an empty range`).
    pub reason: String,
}

impl Constraint {
    /// Parses a range as upstream does: `||` separates alternatives; comparators within one
    /// are separated by spaces or commas; `A - B` is `>= A, <= B`.
    pub fn parse(text: &str) -> Result<Constraint, InvalidRange> {
        Constraint::parse_text(text).map_err(|reason| InvalidRange { reason })
    }

    fn parse_text(text: &str) -> Result<Constraint, String> {
        let mut any_of = Vec::new();
        for alt in text.split("||") {
            let tokens: Vec<&str> = alt
                .split(|c: char| c == ',' || c.is_whitespace())
                .filter(|t| !t.is_empty())
                .collect();
            if tokens.is_empty() {
                return Err("an empty range".into());
            }
            let mut all = Vec::new();
            let mut i = 0;
            while i < tokens.len() {
                if tokens.get(i + 1) == Some(&"-") {
                    let hi = tokens.get(i + 2).ok_or("a range `A - B` without its end")?;
                    all.push(Comparator::parse(">=", tokens[i])?);
                    all.push(Comparator::parse("<=", hi)?);
                    i += 3;
                    continue;
                }
                let t = tokens[i];
                let split = t.find(|c: char| !OPERATOR_CHARS.contains(&c)).unwrap_or(t.len());
                let (op, version) = t.split_at(split);
                if version.is_empty() {
                    // An operator written apart from its version: `>= 1.2`.
                    let v = tokens
                        .get(i + 1)
                        .ok_or_else(|| format!("operator {op:?} without a version"))?;
                    all.push(Comparator::parse(op, v)?);
                    i += 2;
                } else {
                    all.push(Comparator::parse(op, version)?);
                    i += 1;
                }
            }
            any_of.push(all);
        }
        Ok(Constraint { any_of })
    }

    /// Whether a version is in the range.
    pub fn matches(&self, v: &Version) -> bool {
        self.any_of.iter().any(|all| all.iter().all(|c| c.matches(v)))
    }
}

/// The tag with the highest version matching the range, from tag names.
pub fn highest_matching<'a>(
    constraint: &Constraint,
    tags: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let mut best: Option<(Version, &str)> = None;
    for tag in tags {
        let Some(v) = parse_tag_version(tag) else {
            continue;
        };
        if !constraint.matches(&v) {
            continue;
        }
        let better = match &best {
            None => true,
            Some((b, bt)) => match v.cmp_precedence(b) {
                Ordering::Greater => true,
                Ordering::Equal => tag > *bt,
                Ordering::Less => false,
            },
        };
        if better {
            best = Some((v, tag));
        }
    }
    best.map(|(_, t)| t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(
        branch: Option<&str>,
        tag: Option<&str>,
        semver: Option<&str>,
        name: Option<&str>,
        commit: Option<&str>,
    ) -> GitRepositoryRef {
        GitRepositoryRef {
            branch: branch.map(Into::into),
            tag: tag.map(Into::into),
            semver: semver.map(Into::into),
            name: name.map(Into::into),
            commit: commit.map(Into::into),
        }
    }

    #[test]
    fn precedence() {
        assert_eq!(
            Reference::from_spec(None).unwrap(),
            Reference::Branch("master".into())
        );
        let sha = "0123456789abcdef0123456789abcdef01234567";
        let all = r(
            Some("main"),
            Some("v1"),
            Some(">=1"),
            Some("refs/pull/1/head"),
            Some(sha),
        );
        assert_eq!(
            Reference::from_spec(Some(&all)).unwrap(),
            Reference::Commit {
                sha: sha.into(),
                branch: Some("main".into())
            }
        );
        let no_commit = GitRepositoryRef {
            commit: None,
            ..all.clone()
        };
        assert_eq!(
            Reference::from_spec(Some(&no_commit)).unwrap(),
            Reference::Name("refs/pull/1/head".into())
        );
        let semver = GitRepositoryRef {
            name: None,
            ..no_commit.clone()
        };
        assert_eq!(
            Reference::from_spec(Some(&semver)).unwrap(),
            Reference::Semver(">=1".into())
        );
        let tag = GitRepositoryRef {
            semver: None,
            ..semver.clone()
        };
        assert_eq!(
            Reference::from_spec(Some(&tag)).unwrap(),
            Reference::Tag("v1".into())
        );
        let branch = GitRepositoryRef {
            tag: None,
            ..tag.clone()
        };
        assert_eq!(
            Reference::from_spec(Some(&branch)).unwrap(),
            Reference::Branch("main".into())
        );
        assert_eq!(
            Reference::from_spec(Some(&GitRepositoryRef::default())).unwrap(),
            Reference::Branch("master".into())
        );
    }

    #[test]
    fn invalid_refs_name_the_field() {
        let e = Reference::from_spec(Some(&r(None, None, Some(">=x.y"), None, None))).unwrap_err();
        assert_eq!(e.field, "semver");
        assert!(
            e.to_string().starts_with("invalid spec.ref.semver \">=x.y\""),
            "{e}"
        );
        let e = Reference::from_spec(Some(&r(None, None, None, None, Some("xyz")))).unwrap_err();
        assert_eq!(e.field, "commit");
        let e = Reference::from_spec(Some(&r(None, None, None, Some("main"), None))).unwrap_err();
        assert_eq!(e.field, "name");
    }

    #[test]
    fn revisions() {
        let h = "0123456789abcdef0123456789abcdef01234567";
        assert_eq!(format_revision(Some("main"), h), format!("main@sha1:{h}"));
        assert_eq!(format_revision(None, h), format!("sha1:{h}"));
        assert_eq!(parse_revision(&format!("main@sha1:{h}")), Some((Some("main"), h)));
        assert_eq!(
            parse_revision(&format!("refs/pull/1/head@sha1:{h}")),
            Some((Some("refs/pull/1/head"), h))
        );
        assert_eq!(parse_revision(&format!("sha1:{h}")), Some((None, h)));
        assert_eq!(parse_revision(&format!("main/{h}")), Some((Some("main"), h)));
        assert_eq!(parse_revision(h), Some((None, h)));
        assert_eq!(parse_revision("main@sha1:zz"), None);
        assert_eq!(parse_revision("main"), None);
    }

    fn check(range: &str, yes: &[&str], no: &[&str]) {
        let c = Constraint::parse(range).unwrap();
        for v in yes {
            assert!(
                c.matches(&parse_tag_version(v).unwrap()),
                "{range} should match {v}"
            );
        }
        for v in no {
            assert!(
                !c.matches(&parse_tag_version(v).unwrap()),
                "{range} should not match {v}"
            );
        }
    }

    #[test]
    fn ranges_as_upstream_reads_them() {
        check(
            ">=1.2.0 <2.0.0",
            &["1.2.0", "1.9.9"],
            &["1.1.9", "2.0.0", "1.5.0-rc.1"],
        );
        check(">= 1.2, < 2", &["1.2.0", "1.9.9"], &["2.0.0"]);
        check("1.2.x", &["1.2.0", "1.2.99"], &["1.3.0", "1.1.0"]);
        check("1.2", &["1.2.0", "1.2.5"], &["1.3.0"]);
        check("=1.2.3", &["1.2.3"], &["1.2.4"]);
        check("!=1.2.3", &["1.2.4"], &["1.2.3"]);
        check("~1.2.3", &["1.2.3", "1.2.9"], &["1.3.0", "1.2.2"]);
        check("~1", &["1.0.0", "1.9.0"], &["2.0.0"]);
        check("^1.2.3", &["1.2.3", "1.9.0"], &["2.0.0", "1.2.2"]);
        check("^0.2.3", &["0.2.3", "0.2.9"], &["0.3.0"]);
        check("^0.0.3", &["0.0.3"], &["0.0.4"]);
        check(">1.2", &["1.3.0"], &["1.2.9"]);
        check("<=1.2", &["1.2.9"], &["1.3.0"]);
        check(">1.2.3", &["1.2.4"], &["1.2.3"]);
        check("<1.2.3", &["1.2.2"], &["1.2.3"]);
        check("1.0 - 1.4.5", &["1.0.0", "1.4.5"], &["1.4.6"]);
        check("<1.0.0 || >=2.0.0", &["0.9.0", "2.1.0"], &["1.5.0"]);
        check("*", &["0.0.1", "99.0.0"], &["1.0.0-alpha"]);
        check(">=1.0.0-rc.1", &["1.0.0-rc.2", "1.0.0"], &["1.0.0-beta"]);
        for bad in ["", ">=", "1.x.2", "~>a", "1.2.3.4", "||"] {
            assert!(Constraint::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn highest_tag() {
        let c = Constraint::parse(">=1.0.0 <2.0.0").unwrap();
        let tags = [
            "v0.9.0",
            "v1.0.0",
            "v1.10.0",
            "v1.9.0",
            "v2.0.0",
            "latest",
            "v1.11.0-rc.1",
        ];
        assert_eq!(highest_matching(&c, tags), Some("v1.10.0"));
        assert_eq!(highest_matching(&Constraint::parse(">=3").unwrap(), tags), None);
        assert_eq!(parse_tag_version("v1.2").unwrap(), Version::new(1, 2, 0));
        assert!(parse_tag_version("release-1").is_none());
    }
}
