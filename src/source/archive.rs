//! The tree of one revision, as an artifact (`.tar.gz`) or as files in a directory, read
//! straight from the Git object database (no work tree is checked out).
//!
//! What goes in: every file and directory of the commit's tree that the ignore rules
//! ([`super::ignore`]) and `spec.sparseCheckout` keep; symbolic links whose target resolves
//! inside the tree (following other links of the tree, at most 40 hops); never `.git`, Git
//! submodules, or a link that points outside the tree (absolute, or `..` past the root,
//! directly or through other links) — those are left out.
//!
//! The archive is deterministic (sorted as Git sorts trees, modes 0644/0755/0777, mtime 0,
//! uid/gid 0, gzip without a timestamp), so the same revision with the same rules always has
//! the same digest and file name (`<sha256>.tar.gz`).

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::path::{Component, Path, PathBuf};

use flate2::Compression;
use flate2::write::GzEncoder;
use git2::{ObjectType, Oid, Repository, TreeWalkMode, TreeWalkResult};
use sha2::{Digest, Sha256};

use super::ignore::{IGNORE_FILE, Matcher, Pattern, read_patterns};

/// How deep a chain of links may go before it counts as a loop.
const MAX_LINK_HOPS: usize = 40;

/// What an entry of the tree is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Dir,
    File { exec: bool, oid: Oid },
    Symlink { target: String },
    Submodule,
}

/// One entry, with its path from the root (`a/b/c`).
#[derive(Clone, Debug)]
pub(crate) struct Item {
    pub path: String,
    pub kind: Kind,
}

/// What to write, in order, and what was left out for safety.
#[derive(Clone, Debug, Default)]
pub(crate) struct Plan {
    pub items: Vec<Item>,
    /// Links whose target leaves the tree (left out).
    pub escaping_links: Vec<String>,
}

/// Why a tree could not be archived or an artifact extracted.
#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    /// Reading the Git tree failed.
    #[error("reading the Git tree: {0}")]
    Git(#[from] git2::Error),
    /// A path of the tree is not UTF-8.
    #[error("the tree holds a path that is not UTF-8: {path:?}")]
    NotUtf8 {
        /// The path, lossily decoded.
        path: String,
    },
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The error.
        #[source]
        source: io::Error,
    },
    /// The artifact does not have the digest it should.
    #[error("the artifact {} has digest sha256:{actual}, expected {expected}", path.display())]
    Digest {
        /// The artifact.
        path: PathBuf,
        /// The digest expected.
        expected: String,
        /// The digest it has.
        actual: String,
    },
    /// The artifact holds an entry that would leave the destination.
    #[error("the artifact {} holds an unsafe entry {entry:?}", path.display())]
    Unsafe {
        /// The artifact.
        path: PathBuf,
        /// The entry.
        entry: String,
    },
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> ArchiveError + '_ {
    move |source| ArchiveError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Every entry of a commit's tree, in Git's pre-order.
pub(crate) fn index_tree(repo: &Repository, commit: Oid) -> Result<Vec<Item>, ArchiveError> {
    let tree = repo.find_commit(commit)?.tree()?;
    let mut items = Vec::new();
    let mut failure: Option<ArchiveError> = None;
    tree.walk(TreeWalkMode::PreOrder, |root, entry| {
        let Ok(name) = std::str::from_utf8(entry.name_bytes()) else {
            failure = Some(ArchiveError::NotUtf8 {
                path: format!("{root}{}", String::from_utf8_lossy(entry.name_bytes())),
            });
            return TreeWalkResult::Abort;
        };
        let path = format!("{root}{name}");
        let kind = match (entry.kind(), entry.filemode()) {
            (Some(ObjectType::Tree), _) => Kind::Dir,
            (Some(ObjectType::Commit), _) => Kind::Submodule,
            (Some(ObjectType::Blob), 0o120_000) => match repo.find_blob(entry.id()) {
                Ok(b) => Kind::Symlink {
                    target: String::from_utf8_lossy(b.content()).into_owned(),
                },
                Err(e) => {
                    failure = Some(e.into());
                    return TreeWalkResult::Abort;
                }
            },
            (Some(ObjectType::Blob), mode) => Kind::File {
                exec: mode & 0o111 != 0,
                oid: entry.id(),
            },
            _ => return TreeWalkResult::Skip,
        };
        items.push(Item { path, kind });
        TreeWalkResult::Ok
    })?;
    match failure {
        Some(e) => Err(e),
        None => Ok(items),
    }
}

/// Whether a link at `link` pointing to `target` resolves inside the tree, following the
/// tree's other links.
pub(crate) fn link_stays_inside(links: &HashMap<&str, &str>, link: &str, target: &str) -> bool {
    let mut stack: Vec<String> = link.split('/').map(str::to_string).collect();
    stack.pop();
    let mut pending: std::collections::VecDeque<String> = std::collections::VecDeque::new();
    if target.starts_with('/') {
        return false;
    }
    pending.extend(target.split('/').map(str::to_string));
    let mut hops = 0;
    while let Some(c) = pending.pop_front() {
        match c.as_str() {
            "" | "." => {}
            ".." => {
                if stack.pop().is_none() {
                    return false;
                }
            }
            _ => {
                stack.push(c);
                let here = stack.join("/");
                if let Some(next) = links.get(here.as_str()) {
                    hops += 1;
                    if hops > MAX_LINK_HOPS || next.starts_with('/') {
                        return false;
                    }
                    stack.pop();
                    for part in next.split('/').rev() {
                        pending.push_front(part.to_string());
                    }
                }
            }
        }
    }
    true
}

fn normalize_sparse(dirs: &[String]) -> Vec<Vec<String>> {
    dirs.iter()
        .map(|d| {
            d.split('/')
                .filter(|c| !c.is_empty() && *c != ".")
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Whether a path is kept by `spec.sparseCheckout` (inside one of the directories, or a
/// directory on the way to one).
fn in_sparse(sparse: &[Vec<String>], path: &[&str], is_dir: bool) -> bool {
    sparse.iter().any(|dir| {
        if dir.is_empty() {
            return true;
        }
        let common = dir.len().min(path.len());
        let prefix_equal = dir[..common].iter().zip(&path[..common]).all(|(a, b)| a == b);
        prefix_equal && (path.len() >= dir.len() || is_dir)
    })
}

/// Decides what of the tree goes into the artifact: sparse directories, `.sourceignore`
/// files and `spec.ignore`, links that stay inside.
pub(crate) fn plan(
    repo: &Repository,
    commit: Oid,
    spec_ignore: Option<&str>,
    sparse: Option<&[String]>,
) -> Result<Plan, ArchiveError> {
    let mut items = index_tree(repo, commit)?;
    if let Some(dirs) = sparse.filter(|d| !d.is_empty()) {
        let dirs = normalize_sparse(dirs);
        items.retain(|i| {
            let comps: Vec<&str> = i.path.split('/').collect();
            in_sparse(&dirs, &comps, i.kind == Kind::Dir)
        });
    }
    // .sourceignore files, parents before children and siblings by name, as upstream walks.
    let mut ignore_files: Vec<(Vec<String>, Oid)> = items
        .iter()
        .filter_map(|i| match &i.kind {
            Kind::File { oid, .. } if i.path.rsplit('/').next() == Some(IGNORE_FILE) => {
                let mut dir: Vec<String> = i.path.split('/').map(str::to_string).collect();
                dir.pop();
                Some((dir, *oid))
            }
            _ => None,
        })
        .collect();
    ignore_files.sort_by(|a, b| a.0.cmp(&b.0));
    let mut patterns: Vec<Pattern> = Vec::new();
    for (domain, oid) in &ignore_files {
        let blob = repo.find_blob(*oid)?;
        patterns.extend(read_patterns(&String::from_utf8_lossy(blob.content()), domain));
    }
    if let Some(text) = spec_ignore {
        patterns.extend(read_patterns(text, &[]));
    }
    let matcher = Matcher::new(patterns);
    let links: HashMap<&str, &str> = items
        .iter()
        .filter_map(|i| match &i.kind {
            Kind::Symlink { target } => Some((i.path.as_str(), target.as_str())),
            _ => None,
        })
        .collect();
    let mut plan = Plan::default();
    for item in &items {
        let comps: Vec<&str> = item.path.split('/').collect();
        if matcher.excluded(&comps, item.kind == Kind::Dir) {
            continue;
        }
        match &item.kind {
            Kind::Submodule => continue,
            Kind::Symlink { target } if !link_stays_inside(&links, &item.path, target) => {
                plan.escaping_links.push(item.path.clone());
                continue;
            }
            _ => {}
        }
        plan.items.push(item.clone());
    }
    Ok(plan)
}

/// Where a plan is written.
pub(crate) trait Sink {
    fn dir(&mut self, path: &str) -> io::Result<()>;
    fn file(&mut self, path: &str, exec: bool, data: &[u8]) -> io::Result<()>;
    fn symlink(&mut self, path: &str, target: &str) -> io::Result<()>;
}

/// Writes the plan's entries into a sink, reading blobs from the repository.
pub(crate) fn write(repo: &Repository, plan: &Plan, sink: &mut dyn Sink) -> Result<(), ArchiveError> {
    let io = |path: &str| {
        let path = PathBuf::from(path);
        move |source| ArchiveError::Io { path, source }
    };
    for item in &plan.items {
        match &item.kind {
            Kind::Dir => sink.dir(&item.path).map_err(io(&item.path))?,
            Kind::File { exec, oid } => {
                let blob = repo.find_blob(*oid)?;
                sink.file(&item.path, *exec, blob.content())
                    .map_err(io(&item.path))?;
            }
            Kind::Symlink { target } => sink.symlink(&item.path, target).map_err(io(&item.path))?,
            Kind::Submodule => {}
        }
    }
    Ok(())
}

/// Counts and hashes what goes through it.
struct HashingWriter<W> {
    inner: W,
    hasher: Sha256,
    written: u64,
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// A deterministic `.tar.gz` writer.
pub(crate) struct TarSink<W: Write> {
    builder: tar::Builder<GzEncoder<W>>,
}

impl<W: Write> TarSink<W> {
    pub(crate) fn new(out: W) -> Self {
        let gz = flate2::GzBuilder::new()
            .mtime(0)
            .operating_system(255)
            .write(out, Compression::default());
        let mut builder = tar::Builder::new(gz);
        builder.mode(tar::HeaderMode::Deterministic);
        TarSink { builder }
    }

    pub(crate) fn finish(self) -> io::Result<W> {
        self.builder.into_inner()?.finish()
    }

    fn header(kind: tar::EntryType, mode: u32, size: u64) -> tar::Header {
        let mut h = tar::Header::new_gnu();
        h.set_entry_type(kind);
        h.set_mode(mode);
        h.set_size(size);
        h.set_mtime(0);
        h.set_uid(0);
        h.set_gid(0);
        h
    }
}

impl<W: Write> Sink for TarSink<W> {
    fn dir(&mut self, path: &str) -> io::Result<()> {
        let mut h = Self::header(tar::EntryType::Directory, 0o755, 0);
        self.builder.append_data(&mut h, format!("{path}/"), io::empty())
    }

    fn file(&mut self, path: &str, exec: bool, data: &[u8]) -> io::Result<()> {
        let mode = if exec { 0o755 } else { 0o644 };
        let mut h = Self::header(tar::EntryType::Regular, mode, data.len() as u64);
        self.builder.append_data(&mut h, path, data)
    }

    fn symlink(&mut self, path: &str, target: &str) -> io::Result<()> {
        let mut h = Self::header(tar::EntryType::Symlink, 0o777, 0);
        self.builder.append_link(&mut h, path, target)
    }
}

/// Writes files into a directory.
pub(crate) struct DirSink {
    root: PathBuf,
}

impl DirSink {
    pub(crate) fn new(root: &Path) -> Self {
        DirSink {
            root: root.to_path_buf(),
        }
    }

    fn target(&self, path: &str) -> io::Result<PathBuf> {
        let p = self.root.join(path);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent)?;
        }
        Ok(p)
    }
}

impl Sink for DirSink {
    fn dir(&mut self, path: &str) -> io::Result<()> {
        std::fs::create_dir_all(self.root.join(path))
    }

    fn file(&mut self, path: &str, exec: bool, data: &[u8]) -> io::Result<()> {
        use std::os::unix::fs::PermissionsExt as _;
        let p = self.target(path)?;
        std::fs::write(&p, data)?;
        let mode = if exec { 0o755 } else { 0o644 };
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode))
    }

    fn symlink(&mut self, path: &str, target: &str) -> io::Result<()> {
        let p = self.target(path)?;
        std::os::unix::fs::symlink(target, p)
    }
}

/// An artifact written to disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Written {
    /// Lower-case hex SHA-256 of the file.
    pub sha256: String,
    /// Size in bytes.
    pub size: u64,
    /// Final path (`<dir>/<sha256>.tar.gz`).
    pub path: PathBuf,
}

/// Writes the plan as `<dir>/<sha256>.tar.gz` (through a hidden temporary file, renamed
/// once complete, so readers never see a partial artifact).
pub(crate) fn write_artifact(repo: &Repository, plan: &Plan, dir: &Path) -> Result<Written, ArchiveError> {
    std::fs::create_dir_all(dir).map_err(io_err(dir))?;
    let tmp = dir.join(format!(
        ".tmp-{}-{:x}.tar.gz",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default()
    ));
    let result = (|| {
        let file = File::create(&tmp).map_err(io_err(&tmp))?;
        let hashing = HashingWriter {
            inner: BufWriter::with_capacity(256 * 1024, file),
            hasher: Sha256::new(),
            written: 0,
        };
        let mut sink = TarSink::new(hashing);
        write(repo, plan, &mut sink)?;
        let mut hashing = sink.finish().map_err(io_err(&tmp))?;
        hashing.flush().map_err(io_err(&tmp))?;
        let file = hashing
            .inner
            .into_inner()
            .map_err(|e| io_err(&tmp)(e.into_error()))?;
        file.sync_all().map_err(io_err(&tmp))?;
        let sha256 = hex(&hashing.hasher.finalize());
        let path = dir.join(format!("{sha256}.tar.gz"));
        std::fs::rename(&tmp, &path).map_err(io_err(&path))?;
        Ok(Written {
            sha256,
            size: hashing.written,
            path,
        })
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Lower-case hex of bytes.
pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// The SHA-256 of a file, lower-case hex.
pub(crate) fn file_sha256(path: &Path) -> Result<String, ArchiveError> {
    let mut f = File::open(path).map_err(io_err(path))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        let n = f.read(&mut buf).map_err(io_err(path))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hex(&hasher.finalize()))
}

fn lexically_inside(entry: &Path, target: &Path) -> bool {
    if target.is_absolute() {
        return false;
    }
    let mut depth: usize = entry.components().count().saturating_sub(1);
    for c in target.components() {
        match c {
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
            Component::ParentDir => {
                if depth == 0 {
                    return false;
                }
                depth -= 1;
            }
            Component::RootDir | Component::Prefix(_) => return false,
        }
    }
    true
}

/// Unpacks an artifact into `dest` after checking its digest (`sha256:<hex>`); entries with
/// absolute paths, `..`, or links leaving the tree are refused.
pub(crate) fn extract(artifact: &Path, digest: &str, dest: &Path) -> Result<(), ArchiveError> {
    let expected = digest.strip_prefix("sha256:").unwrap_or(digest);
    let actual = file_sha256(artifact)?;
    if actual != expected {
        return Err(ArchiveError::Digest {
            path: artifact.to_path_buf(),
            expected: digest.to_string(),
            actual,
        });
    }
    std::fs::create_dir_all(dest).map_err(io_err(dest))?;
    let file = File::open(artifact).map_err(io_err(artifact))?;
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(io::BufReader::new(file)));
    archive.set_preserve_mtime(false);
    archive.set_overwrite(true);
    for entry in archive.entries().map_err(io_err(artifact))? {
        let mut entry = entry.map_err(io_err(artifact))?;
        let path = entry.path().map_err(io_err(artifact))?.into_owned();
        let unsafe_entry = |entry: &Path| ArchiveError::Unsafe {
            path: artifact.to_path_buf(),
            entry: entry.display().to_string(),
        };
        if path
            .components()
            .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
        {
            return Err(unsafe_entry(&path));
        }
        match entry.header().entry_type() {
            tar::EntryType::Symlink => {
                let target = entry
                    .link_name()
                    .map_err(io_err(artifact))?
                    .map(std::borrow::Cow::into_owned)
                    .unwrap_or_default();
                if !lexically_inside(&path, &target) {
                    return Err(unsafe_entry(&path));
                }
            }
            tar::EntryType::Regular | tar::EntryType::Directory => {}
            _ => return Err(unsafe_entry(&path)),
        }
        entry.unpack_in(dest).map_err(io_err(dest))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_inside_and_outside() {
        let links: HashMap<&str, &str> = [
            ("x", "."),
            ("up", ".."),
            ("a/b/deep", "../../c"),
            ("loop1", "loop2"),
            ("loop2", "loop1"),
            ("d/abs", "/etc/passwd"),
        ]
        .into_iter()
        .collect();
        let inside = |link: &str, target: &str| link_stays_inside(&links, link, target);
        assert!(inside("l", "file"));
        assert!(inside("a/l", "../file"));
        assert!(inside("a/b/l", "../../c/d"));
        assert!(!inside("l", "../file"));
        assert!(!inside("a/l", "../../file"));
        assert!(!inside("l", "/etc/passwd"));
        // Through other links: x -> . then .. leaves the tree although x/.. looks like ".".
        assert!(!inside("l", "x/.."));
        assert!(inside("l", "x/file"));
        assert!(!inside("l", "up/file"));
        assert!(!inside("l", "d/abs"));
        assert!(!inside("l", "loop1"), "a loop never resolves");
        assert!(inside("a/b/l", "deep"));
    }

    #[test]
    fn lexical_check_of_extracted_links() {
        assert!(lexically_inside(Path::new("a/l"), Path::new("../x")));
        assert!(!lexically_inside(Path::new("a/l"), Path::new("../../x")));
        assert!(!lexically_inside(Path::new("l"), Path::new("/x")));
    }

    fn tar_of(build: impl FnOnce(&mut TarSink<Vec<u8>>)) -> Vec<u8> {
        let mut sink = TarSink::new(Vec::new());
        build(&mut sink);
        sink.finish().unwrap()
    }

    #[test]
    fn archives_are_deterministic_and_unpack_safely() {
        let long = format!("{}/file.yaml", "d".repeat(150));
        let build = |t: &mut TarSink<Vec<u8>>| {
            t.dir("a").unwrap();
            t.file("a/x.yaml", false, b"x: 1\n").unwrap();
            t.file("run.sh", true, b"#!/bin/sh\n").unwrap();
            t.file(&long, false, b"long\n").unwrap();
            t.symlink("a/link", "../run.sh").unwrap();
        };
        let bytes = tar_of(build);
        assert_eq!(bytes, tar_of(build), "same input, same bytes");
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("a.tar.gz");
        std::fs::write(&file, &bytes).unwrap();
        let digest = format!("sha256:{}", hex(&Sha256::digest(&bytes)));
        let dest = tmp.path().join("out");
        extract(&file, &digest, &dest).unwrap();
        assert_eq!(std::fs::read_to_string(dest.join(&long)).unwrap(), "long\n");
        assert_eq!(
            std::fs::read_link(dest.join("a/link")).unwrap(),
            Path::new("../run.sh")
        );
        assert_eq!(
            std::fs::read_to_string(dest.join("a/link")).unwrap(),
            "#!/bin/sh\n"
        );
        let perms = std::fs::metadata(dest.join("run.sh")).unwrap().permissions();
        assert_eq!(std::os::unix::fs::PermissionsExt::mode(&perms) & 0o111, 0o111);

        let e = extract(&file, "sha256:00", &tmp.path().join("o2"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("expected sha256:00"), "{e}");

        let evil = tar_of(|t| t.symlink("l", "../../etc").unwrap());
        let file = tmp.path().join("evil.tar.gz");
        std::fs::write(&file, &evil).unwrap();
        let digest = format!("sha256:{}", hex(&Sha256::digest(&evil)));
        let e = extract(&file, &digest, &tmp.path().join("o3"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("unsafe entry \"l\""), "{e}");
    }

    #[test]
    fn sparse_directories() {
        let sparse = normalize_sparse(&["./apps/prod/".to_string()]);
        assert!(in_sparse(&sparse, &["apps"], true));
        assert!(in_sparse(&sparse, &["apps", "prod"], true));
        assert!(in_sparse(&sparse, &["apps", "prod", "x.yaml"], false));
        assert!(!in_sparse(&sparse, &["apps", "dev"], true));
        assert!(!in_sparse(&sparse, &["apps", "x.yaml"], false));
        assert!(!in_sparse(&sparse, &["README.md"], false));
    }
}
