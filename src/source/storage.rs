//! The artifact storage directory (`--storage-path`, an emptyDir at `/data` in the
//! Deployment): where the source engine keeps the artifacts of each object, laid out as
//! upstream's source-controller does (`gitrepository/<namespace>/<name>/<file>`), and the
//! garbage collection that keeps only the newest revisions of each object.

use std::path::{Component, Path, PathBuf};
use std::time::SystemTime;

/// Why a storage operation failed; messages name the path.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A filesystem operation failed.
    #[error("storage {}: {source}", path.display())]
    Io {
        /// The path concerned.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// A relative artifact path leaves the storage directory.
    #[error("artifact path {path:?} is not a relative path inside the storage directory")]
    OutsideStorage {
        /// The path given.
        path: String,
    },
}

/// Result alias for this module.
pub type Result<T, E = Error> = std::result::Result<T, E>;

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The storage directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Storage {
    root: PathBuf,
}

impl Storage {
    /// Storage rooted at `root` (not touched until used).
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Storage { root: root.into() }
    }

    /// The root directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Creates the root if needed and checks it is writable (the controller refuses to start
    /// otherwise, with the path in the message).
    pub fn prepare(&self) -> Result<()> {
        std::fs::create_dir_all(&self.root).map_err(io(&self.root))?;
        let probe = self.root.join(format!(".write-test-{}", std::process::id()));
        std::fs::write(&probe, b"ok").map_err(io(&self.root))?;
        std::fs::remove_file(&probe).map_err(io(&probe))?;
        Ok(())
    }

    /// The directory of one object's artifacts, relative to the root:
    /// `<kind lower-case>/<namespace>/<name>`.
    pub fn object_dir(kind: &str, namespace: &str, name: &str) -> String {
        format!("{}/{namespace}/{name}", kind.to_ascii_lowercase())
    }

    /// The absolute path of an artifact given relative to the root (`status.artifact.path`),
    /// refusing paths that would leave the storage directory.
    pub fn path_of(&self, relative: &str) -> Result<PathBuf> {
        let rel = Path::new(relative);
        let safe = !relative.is_empty() && rel.components().all(|c| matches!(c, Component::Normal(_)));
        if !safe {
            return Err(Error::OutsideStorage {
                path: relative.to_string(),
            });
        }
        Ok(self.root.join(rel))
    }

    /// Deletes the oldest artifacts of an object, keeping the `keep` newest files (by
    /// modification time) and always the file `current` (relative to the root, e.g. the
    /// path in `status.artifact`). Returns the deleted paths. A missing directory is fine.
    pub fn garbage_collect(
        &self,
        kind: &str,
        namespace: &str,
        name: &str,
        keep: usize,
        current: Option<&str>,
    ) -> Result<Vec<PathBuf>> {
        let dir = self.path_of(&Self::object_dir(kind, namespace, name))?;
        let current = match current {
            Some(c) => Some(self.path_of(c)?),
            None => None,
        };
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(io(&dir)(e)),
        };
        let mut files: Vec<(SystemTime, PathBuf)> = Vec::new();
        for entry in entries {
            let entry = entry.map_err(io(&dir))?;
            let meta = entry.metadata().map_err(io(&entry.path()))?;
            // Lock files and temporary files of an artifact being written start with a dot.
            let hidden = entry.file_name().to_string_lossy().starts_with('.');
            if meta.is_file() && !hidden {
                files.push((meta.modified().unwrap_or(SystemTime::UNIX_EPOCH), entry.path()));
            }
        }
        // Newest first; ties broken by name so the result does not depend on directory order.
        files.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| b.1.cmp(&a.1)));
        let mut deleted = Vec::new();
        for (i, (_, path)) in files.into_iter().enumerate() {
            if i < keep || Some(&path) == current.as_ref() {
                continue;
            }
            std::fs::remove_file(&path).map_err(io(&path))?;
            deleted.push(path);
        }
        Ok(deleted)
    }

    /// Removes every artifact of an object (when it is deleted).
    pub fn remove_object(&self, kind: &str, namespace: &str, name: &str) -> Result<()> {
        let dir = self.path_of(&Self::object_dir(kind, namespace, name))?;
        match std::fs::remove_dir_all(&dir) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io(&dir)(e)),
        }
        // Drop the namespace directory too once it is empty (ignore "not empty").
        if let Some(parent) = dir.parent() {
            let _ = std::fs::remove_dir(parent);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn touch(path: &Path, age_secs: u64) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, b"x").unwrap();
        let t = SystemTime::now() - Duration::from_secs(age_secs);
        std::fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(t)
            .unwrap();
    }

    #[test]
    fn keeps_the_newest_revisions_and_the_current_one() {
        let tmp = tempfile::tempdir().unwrap();
        let s = Storage::new(tmp.path().join("data"));
        s.prepare().unwrap();
        let dir = s
            .path_of(&Storage::object_dir("GitRepository", "apps", "repo"))
            .unwrap();
        assert!(dir.ends_with("gitrepository/apps/repo"));
        for (file, age) in [
            ("a.tar.gz", 50),
            ("b.tar.gz", 40),
            ("c.tar.gz", 30),
            ("d.tar.gz", 20),
            (".lock", 99),
        ] {
            touch(&dir.join(file), age);
        }
        let other = s.path_of("gitrepository/apps/other/z.tar.gz").unwrap();
        touch(&other, 100);

        let deleted = s
            .garbage_collect(
                "GitRepository",
                "apps",
                "repo",
                2,
                Some("gitrepository/apps/repo/a.tar.gz"),
            )
            .unwrap();
        let names: Vec<_> = deleted
            .iter()
            .map(|p| p.file_name().unwrap().to_str().unwrap())
            .collect();
        assert_eq!(names, ["b.tar.gz"], "newest two kept, the current one kept");
        let mut left: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        assert_eq!(left, [".lock", "a.tar.gz", "c.tar.gz", "d.tar.gz"]);
        assert!(other.exists(), "other objects are untouched");

        assert!(
            s.garbage_collect("GitRepository", "apps", "missing", 2, None)
                .unwrap()
                .is_empty()
        );
        s.remove_object("GitRepository", "apps", "repo").unwrap();
        assert!(!dir.exists());
        assert!(other.exists());
        s.remove_object("GitRepository", "apps", "repo").unwrap();
    }

    #[test]
    fn paths_cannot_leave_the_storage() {
        let s = Storage::new("/data");
        assert_eq!(
            s.path_of("gitrepository/a/b/x.tar.gz").unwrap(),
            Path::new("/data/gitrepository/a/b/x.tar.gz")
        );
        for bad in ["../etc/passwd", "/etc/passwd", "a/../../b", "", "./a"] {
            let e = s.path_of(bad).unwrap_err().to_string();
            assert!(e.contains("not a relative path inside the storage"), "{bad}: {e}");
        }
    }

    #[test]
    fn an_unwritable_root_is_a_clear_error() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("file");
        std::fs::write(&file, b"").unwrap();
        let e = Storage::new(file.join("data")).prepare().unwrap_err().to_string();
        assert!(
            e.starts_with(&format!("storage {}", file.join("data").display())),
            "{e}"
        );
    }
}
