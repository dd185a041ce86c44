//! The file system a build may read: everything under one root directory, nothing else.
//!
//! Flux builds untrusted repositories, so every path a kustomization names (resources,
//! patches, generator files, components) is resolved here: absolute paths, `../` that climbs
//! out of the root and symbolic links pointing outside it are errors, and so are remote
//! references (URLs, Git bases): a remote base is built in a root of its own, its checkout.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::{Error, Result};
use crate::sops::{self, Decryption, Format};
use crate::yaml::Node;

/// The annotation that keeps a SOPS-encrypted manifest from being decrypted.
pub const DECRYPT_KEY: &str = "kustomize.toolkit.fluxcd.io/decrypt";

/// Kustomization file names, in the order kustomize looks for them.
pub const KUSTOMIZATION_FILES: [&str; 3] = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

/// What a path is, symbolic links followed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A regular file.
    File,
    /// A directory.
    Dir,
    /// Nothing (or something unreadable).
    Missing,
}

/// Where a build's files come from: the disk ([`Disk`]), or another view of a tree with
/// the same absolute paths (a Git revision read from the object database). Paths given to
/// it are absolute and lexically normalised.
pub trait Files: std::fmt::Debug + Send + Sync {
    /// What `path` is.
    fn kind(&self, path: &Path) -> Kind;
    /// The content of the file at `path`.
    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>>;
    /// The names of the entries of the directory `dir`, in any order.
    fn list(&self, dir: &Path) -> std::io::Result<Vec<String>>;
    /// `path` with every symbolic link resolved (an error when it does not exist).
    fn canonicalize(&self, path: &Path) -> std::io::Result<PathBuf>;
    /// Git's blob identifier of the file at `path` (SHA-1 of `blob <len>\0<content>`), when
    /// it is a file; a view over Git objects knows it without reading the file.
    fn blob_id(&self, path: &Path) -> Option<[u8; 20]> {
        self.read(path).ok().map(|b| blob_id(&b))
    }
}

/// Git's blob identifier of `content`.
pub fn blob_id(content: &[u8]) -> [u8; 20] {
    use sha1::Digest as _;
    let mut h = sha1::Sha1::new();
    h.update(format!("blob {}\0", content.len()).as_bytes());
    h.update(content);
    h.finalize().into()
}

/// The local file system.
#[derive(Clone, Copy, Debug, Default)]
pub struct Disk;

impl Files for Disk {
    fn kind(&self, path: &Path) -> Kind {
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => Kind::Dir,
            Ok(m) if m.is_file() => Kind::File,
            _ => Kind::Missing,
        }
    }

    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>> {
        std::fs::read(path)
    }

    fn list(&self, dir: &Path) -> std::io::Result<Vec<String>> {
        std::fs::read_dir(dir)?
            .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect()
    }

    fn canonicalize(&self, path: &Path) -> std::io::Result<PathBuf> {
        path.canonicalize()
    }
}

/// One thing a build looked at, for [`Inputs`].
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Access {
    /// The content of a file.
    Read(PathBuf),
    /// The entries of a directory.
    List(PathBuf),
    /// What a path is.
    Kind(PathBuf),
    /// Where a path leads, symbolic links resolved.
    Resolve(PathBuf),
}

/// What an [`Access`] saw: equal observations on two views mean the build read the same.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seen {
    /// A file's blob identifier (`None`: unreadable).
    Blob(Option<[u8; 20]>),
    /// A directory's entry names, sorted (`None`: unreadable).
    Names(Option<Vec<String>>),
    /// A kind.
    Kind(Kind),
    /// A resolved path (`None`: does not exist).
    Path(Option<PathBuf>),
}

impl Access {
    /// What this access sees in `files`.
    pub fn observe(&self, files: &dyn Files) -> Seen {
        match self {
            Access::Read(p) => Seen::Blob(files.blob_id(p)),
            Access::List(p) => Seen::Names(files.list(p).ok().map(|mut n| {
                n.sort();
                n
            })),
            Access::Kind(p) => Seen::Kind(files.kind(p)),
            Access::Resolve(p) => Seen::Path(files.canonicalize(p).ok()),
        }
    }
}

/// Everything a build looked at and what it saw: when every access sees the same in another
/// view of the files, a build there with the same spec reads the same input.
#[derive(Clone, Debug, Default)]
pub struct Inputs(Arc<Mutex<BTreeMap<Access, Seen>>>);

impl Inputs {
    fn record(&self, access: Access, seen: Seen) {
        if let Ok(mut m) = self.0.lock() {
            m.entry(access).or_insert(seen);
        }
    }

    /// The accesses recorded so far, with what they saw.
    pub fn snapshot(&self) -> Vec<(Access, Seen)> {
        self.0
            .lock()
            .map(|m| m.iter().map(|(a, s)| (a.clone(), s.clone())).collect())
            .unwrap_or_default()
    }
}

/// A confined view of the file system.
///
/// With a [`Decryption`], it is also the build's decrypted view of SOPS-encrypted files:
/// manifests and `secretGenerator` sources are decrypted (or masked) in memory as they are
/// read, and nothing decrypted is ever written to disk.
#[derive(Clone, Debug)]
pub struct Root {
    /// Canonical root directory.
    dir: PathBuf,
    /// How SOPS-encrypted files are read (`None`: as they are).
    decryption: Option<Decryption>,
    /// Where files come from.
    files: Arc<dyn Files>,
    /// Where what the build reads is recorded, when it is.
    inputs: Option<Inputs>,
}

impl Root {
    /// A root at `dir` (which must exist) on the disk.
    pub fn new(dir: &Path) -> Result<Root> {
        Root::with_files(dir, Arc::new(Disk), None)
    }

    /// A root at `dir` (which must exist in `files`), recording what the build reads in
    /// `inputs` when given.
    pub fn with_files(dir: &Path, files: Arc<dyn Files>, inputs: Option<Inputs>) -> Result<Root> {
        let abs = if dir.is_absolute() {
            dir.to_path_buf()
        } else {
            std::env::current_dir()
                .map(|c| c.join(dir))
                .map_err(|e| Error::Io {
                    path: dir.display().to_string(),
                    message: e.to_string(),
                })?
        };
        let root = files.canonicalize(&abs).map_err(|e| Error::Io {
            path: dir.display().to_string(),
            message: e.to_string(),
        })?;
        if let Some(i) = &inputs {
            i.record(Access::Resolve(abs), Seen::Path(Some(root.clone())));
        }
        Ok(Root {
            dir: root,
            decryption: None,
            files,
            inputs,
        })
    }

    /// A root at `dir` reading SOPS-encrypted files as this one does (a remote base's
    /// checkout, on the disk).
    pub fn rebased(&self, dir: &Path) -> Result<Root> {
        Ok(Root::new(dir)?.with_decryption(self.decryption.clone()))
    }

    /// What `path` is (symbolic links followed).
    pub fn kind(&self, path: &Path) -> Kind {
        let k = self.files.kind(path);
        if let Some(i) = &self.inputs {
            i.record(Access::Kind(path.to_path_buf()), Seen::Kind(k));
        }
        k
    }

    /// Whether `path` is a directory.
    pub fn is_dir(&self, path: &Path) -> bool {
        self.kind(path) == Kind::Dir
    }

    /// Whether `path` is a file.
    pub fn is_file(&self, path: &Path) -> bool {
        self.kind(path) == Kind::File
    }

    /// The entries of the directory `dir`, as full paths, sorted.
    pub fn list(&self, dir: &Path) -> Result<Vec<PathBuf>> {
        let mut names = self.files.list(dir).map_err(|e| Error::Io {
            path: self.display(dir),
            message: e.to_string(),
        })?;
        names.sort();
        if let Some(i) = &self.inputs {
            i.record(Access::List(dir.to_path_buf()), Seen::Names(Some(names.clone())));
        }
        Ok(names.into_iter().map(|n| dir.join(n)).collect())
    }

    fn canonicalize(&self, path: &Path) -> std::io::Result<PathBuf> {
        let r = self.files.canonicalize(path);
        if let Some(i) = &self.inputs {
            i.record(
                Access::Resolve(path.to_path_buf()),
                Seen::Path(r.as_ref().ok().cloned()),
            );
        }
        r
    }

    /// This root, reading SOPS-encrypted files as `decryption` says.
    #[must_use]
    pub fn with_decryption(mut self, decryption: Option<Decryption>) -> Root {
        self.decryption = decryption;
        self
    }

    /// Decrypts (or masks) the SOPS-encrypted documents of the manifest file at `path` in
    /// place. Documents annotated `kustomize.toolkit.fluxcd.io/decrypt: disabled` stay
    /// encrypted.
    pub fn decrypt_documents(&self, path: &Path, docs: &mut [Node]) -> Result<()> {
        let Some(d) = &self.decryption else { return Ok(()) };
        if !sops::is_encrypted_documents(docs) {
            return Ok(());
        }
        sops::apply_documents_except(docs, d, decryption_disabled).map_err(|e| Error::Decrypt {
            file: self.display(path),
            message: e.to_string(),
        })?;
        Ok(())
    }

    /// Reads the file of a `patches` entry, decrypted (or masked) when it is a SOPS-encrypted
    /// YAML or JSON file, as kustomize-controller decrypts patch files.
    pub fn read_patch(&self, path: &Path) -> Result<String> {
        let text = self.read_text(path)?;
        let Some(d) = &self.decryption else {
            return Ok(text);
        };
        // Text that does not parse is left to the patch reader, which names the error.
        let Ok(mut docs) = crate::yaml::load_all(&text) else {
            return Ok(text);
        };
        if !sops::is_encrypted_documents(&docs) {
            return Ok(text);
        }
        sops::apply_documents(&mut docs, d).map_err(|e| Error::Decrypt {
            file: self.display(path),
            message: e.to_string(),
        })?;
        let values = docs
            .iter()
            .filter(|n| !n.is_null())
            .map(crate::yaml::to_json)
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| Error::Decrypt {
                file: self.display(path),
                // The message could quote a decrypted value: only the position is given.
                message: format!(
                    "line {}: a decrypted document is not valid JSON data",
                    e.mark.line
                ),
            })?;
        Ok(crate::yaml::to_string_multi(&values))
    }

    /// Reads a `secretGenerator` source: an env file (`env`, read as dotenv unless its
    /// extension names another format) or a file whose data key is `key` (its format follows
    /// the key's extension, as kustomize-controller decides). SOPS-encrypted content is
    /// decrypted or masked; anything else is returned as it is.
    pub fn read_generator_source(&self, path: &Path, key: Option<&str>) -> Result<Vec<u8>> {
        let bytes = self.read_bytes(path)?;
        let Some(d) = &self.decryption else {
            return Ok(bytes);
        };
        let format = match key {
            Some(k) => Format::for_path(k),
            None => match Format::for_path(&path.to_string_lossy()) {
                Format::Binary => Format::Dotenv,
                f => f,
            },
        };
        let err = |e: sops::Error| Error::Decrypt {
            file: self.display(path),
            message: e.to_string(),
        };
        let out = match d {
            Decryption::Keys(keys) => sops::decrypt_file(&bytes, format, keys)
                .map_err(err)?
                .map(|z| z.to_vec()),
            Decryption::Mask => sops::mask_file(&bytes, format).map_err(err)?,
        };
        Ok(out.unwrap_or(bytes))
    }

    /// The canonical root directory.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// `path` relative to the root, for messages (`.` for the root itself).
    pub fn display(&self, path: &Path) -> String {
        if self.dir.parent().is_none() {
            return path.display().to_string();
        }
        match path.strip_prefix(&self.dir) {
            Ok(p) if p.as_os_str().is_empty() => ".".into(),
            Ok(p) => p.display().to_string(),
            Err(_) => path.display().to_string(),
        }
    }

    /// Resolves `reference` (as written in the kustomization at `dir`) to a canonical path
    /// inside the root. `what` names the field for messages.
    pub fn resolve(&self, dir: &Path, reference: &str, kfile: &str, what: &str) -> Result<PathBuf> {
        match super::remote::classify(reference) {
            super::remote::Target::Local => {}
            super::remote::Target::HttpFile => {
                return Err(Error::RemoteFile {
                    file: kfile.to_string(),
                    reference: reference.to_string(),
                });
            }
            // Only resources and components may name a Git base; elsewhere it is a path.
            super::remote::Target::Git(_) if what == "resource" || what == "component" => {
                return Err(Error::Remote {
                    file: kfile.to_string(),
                    reference: reference.to_string(),
                });
            }
            super::remote::Target::Git(_) => {}
        }
        let rel = Path::new(reference);
        if rel.is_absolute() {
            return Err(Error::Security {
                file: kfile.to_string(),
                message: format!("{what} {reference:?}: absolute paths are not allowed"),
            });
        }
        let joined = normalize(&dir.join(rel));
        if !joined.starts_with(&self.dir) {
            return Err(Error::Security {
                file: kfile.to_string(),
                message: format!(
                    "{what} {reference:?} is outside the root directory {}",
                    self.dir.display()
                ),
            });
        }
        let canonical = self.canonicalize(&joined).map_err(|e| Error::Io {
            path: format!(
                "{} (referenced as {what} {reference:?} in {kfile})",
                self.display(&joined)
            ),
            message: e.to_string(),
        })?;
        if !canonical.starts_with(&self.dir) {
            return Err(Error::Security {
                file: kfile.to_string(),
                message: format!(
                    "{what} {reference:?} resolves through a symbolic link to {}, outside the root directory {}",
                    canonical.display(),
                    self.dir.display()
                ),
            });
        }
        Ok(canonical)
    }

    /// Reads a file as UTF-8 text.
    pub fn read_text(&self, path: &Path) -> Result<String> {
        let bytes = self.read_bytes(path)?;
        String::from_utf8(bytes).map_err(|_| Error::Io {
            path: self.display(path),
            message: "not valid UTF-8".into(),
        })
    }

    /// Reads a file.
    pub fn read_bytes(&self, path: &Path) -> Result<Vec<u8>> {
        let bytes = self.files.read(path).map_err(|e| Error::Io {
            path: self.display(path),
            message: e.to_string(),
        })?;
        if let Some(i) = &self.inputs {
            i.record(
                Access::Read(path.to_path_buf()),
                Seen::Blob(Some(blob_id(&bytes))),
            );
        }
        Ok(bytes)
    }

    /// The kustomization file in `dir`, if there is one (error if there are several).
    pub fn kustomization_file(&self, dir: &Path) -> Result<Option<PathBuf>> {
        let mut found: Vec<PathBuf> = Vec::new();
        for name in KUSTOMIZATION_FILES {
            let p = dir.join(name);
            if self.is_file(&p) {
                found.push(p);
            }
        }
        if found.len() > 1 {
            return Err(Error::Kustomization {
                file: self.display(dir),
                message: format!(
                    "found multiple kustomization files ({}): keep only one",
                    found
                        .iter()
                        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            });
        }
        Ok(found.pop())
    }
}

/// Whether a manifest document is annotated `kustomize.toolkit.fluxcd.io/decrypt: disabled`.
fn decryption_disabled(doc: &Node) -> bool {
    doc.get("metadata")
        .and_then(|m| m.get("annotations"))
        .and_then(|a| a.get(DECRYPT_KEY))
        .and_then(Node::as_scalar)
        .is_some_and(|v| v.eq_ignore_ascii_case("disabled"))
}

/// Whether a reference points at a remote location (a Git base or an http(s) URL), as
/// [`super::remote::classify`] decides.
pub fn is_remote(reference: &str) -> bool {
    super::remote::classify(reference) != super::remote::Target::Local
}

/// Removes `.` and resolves `..` lexically.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remote_references_are_recognised() {
        for r in [
            "https://github.com/x/y//base?ref=v1",
            "github.com/x/y/base",
            "git@github.com:x/y.git",
            "git::https://example.com/x",
            "ssh://git@example.com/x.git",
        ] {
            assert!(is_remote(r), "{r}");
        }
        for r in ["../base", "deploy.yaml", "a/b", "weird:name.yaml"] {
            assert!(!is_remote(r), "{r}");
        }
    }

    #[test]
    fn paths_are_confined_to_the_root() {
        let dir = tempfile::tempdir().unwrap();
        let root_dir = dir.path().join("root");
        std::fs::create_dir_all(root_dir.join("app")).unwrap();
        std::fs::write(root_dir.join("app/a.yaml"), "x: 1\n").unwrap();
        std::fs::write(dir.path().join("secret.yaml"), "x: 1\n").unwrap();
        let root = Root::new(&root_dir).unwrap();
        let app = root.path().join("app");
        assert!(root.resolve(&app, "a.yaml", "k", "resource").is_ok());
        let e = root
            .resolve(&app, "../../secret.yaml", "k", "resource")
            .unwrap_err();
        assert!(e.to_string().contains("outside the root"), "{e}");
        let e = root.resolve(&app, "/etc/passwd", "k", "resource").unwrap_err();
        assert!(e.to_string().contains("absolute"), "{e}");
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.yaml"), root_dir.join("app/link.yaml"))
                .unwrap();
            let e = root.resolve(&app, "link.yaml", "k", "resource").unwrap_err();
            assert!(e.to_string().contains("symbolic link"), "{e}");
        }
        let e = root.resolve(&app, "https://x/y", "k", "resource").unwrap_err();
        assert!(
            e.to_string().contains("remote file URLs are not supported"),
            "{e}"
        );
        let e = root
            .resolve(&app, "github.com/org/repo/base?ref=v1", "k", "resource")
            .unwrap_err();
        assert!(e.to_string().contains("--allow-remote-bases"), "{e}");
        // Elsewhere (a patch, a generator file) it is a path, missing here.
        let e = root
            .resolve(&app, "github.com/org/repo/patch.yaml", "k", "patch")
            .unwrap_err();
        assert!(e.to_string().contains("No such file"), "{e}");
    }
}
