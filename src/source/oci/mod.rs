//! OCI artifacts: the distribution client ([`registry`]), references ([`reference`]),
//! Flux's artifact format (push, pull, tag, list, diff: [`artifact`]), credentials from a
//! `kubernetes.io/dockerconfigjson` Secret or a Docker config file, directory packing and
//! the OCIRepository engine ([`repository`]). Nothing here prints; long operations report
//! progress through a callback the caller gives.

pub mod artifact;
pub mod reference;
pub mod registry;
pub mod repository;

use std::collections::BTreeMap;
use std::path::Path;

use base64::Engine as _;

pub use reference::OciRef;
pub use registry::{ClientOptions, Credentials, Registry, RegistryError, TlsMaterial};

/// Config media type of Flux artifacts.
pub const FLUX_CONFIG_MEDIA_TYPE: &str = "application/vnd.cncf.flux.config.v1+json";
/// Layer media type of Flux artifacts.
pub const FLUX_CONTENT_MEDIA_TYPE: &str = "application/vnd.cncf.flux.content.v1.tar+gzip";
/// Annotation: where the content came from (a Git URL).
pub const SOURCE_ANNOTATION: &str = "org.opencontainers.image.source";
/// Annotation: the revision of the content (`main@sha1:<hex>`).
pub const REVISION_ANNOTATION: &str = "org.opencontainers.image.revision";
/// Annotation: when the artifact was made (RFC 3339).
pub const CREATED_ANNOTATION: &str = "org.opencontainers.image.created";
/// Default limit of an OCI layer's size (256 MiB): a larger layer fails instead of filling
/// the storage.
pub const DEFAULT_LAYER_LIMIT: u64 = 256 << 20;

/// Why credentials could not be read; never contains a secret value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct CredentialsError(pub String);

/// The credentials for `registry` in a Docker config (`{"auths": {host: {auth | username,
/// password | identitytoken}}}`), as in a `.dockerconfigjson` Secret key or
/// `~/.docker/config.json`. `None`: the config has no entry for the host.
pub fn credentials_from_docker_config(
    json: &[u8],
    registry: &str,
) -> Result<Option<Credentials>, CredentialsError> {
    let v: serde_json::Value = serde_json::from_slice(json)
        .map_err(|e| CredentialsError(format!("not a Docker config (JSON): line {}", e.line())))?;
    let auths = v["auths"]
        .as_object()
        .ok_or_else(|| CredentialsError("the Docker config has no 'auths' object".into()))?;
    let host_of = |key: &str| {
        let k = key.trim_start_matches("https://").trim_start_matches("http://");
        k.split('/').next().unwrap_or(k).to_string()
    };
    let Some((_, entry)) = auths.iter().find(|(k, _)| host_of(k) == registry) else {
        return Ok(None);
    };
    if let Some(token) = entry["identitytoken"].as_str().filter(|t| !t.is_empty()) {
        return Ok(Some(Credentials::Token(token.to_string())));
    }
    if let Some(auth) = entry["auth"].as_str().filter(|a| !a.is_empty()) {
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(auth.trim())
            .map_err(|_| CredentialsError(format!("the 'auth' of {registry} is not base64")))?;
        let text = String::from_utf8(decoded)
            .map_err(|_| CredentialsError(format!("the 'auth' of {registry} is not UTF-8")))?;
        let (u, p) = text
            .split_once(':')
            .ok_or_else(|| CredentialsError(format!("the 'auth' of {registry} is not <user>:<password>")))?;
        return Ok(Some(Credentials::Basic {
            username: u.to_string(),
            password: p.to_string(),
        }));
    }
    match (entry["username"].as_str(), entry["password"].as_str()) {
        (Some(u), Some(p)) => Ok(Some(Credentials::Basic {
            username: u.to_string(),
            password: p.to_string(),
        })),
        _ => Err(CredentialsError(format!(
            "the entry of {registry} has neither 'auth' nor 'username' and 'password'"
        ))),
    }
}

/// Credentials from `--creds`: `<user>:<password>`, or a token alone (used as the
/// password of user `flux`, as upstream's CLI does).
pub fn credentials_from_flag(creds: &str) -> Credentials {
    match creds.split_once(':') {
        Some((u, p)) => Credentials::Basic {
            username: u.to_string(),
            password: p.to_string(),
        },
        None => Credentials::Basic {
            username: "flux".to_string(),
            password: creds.to_string(),
        },
    }
}

/// A Docker config JSON (`.dockerconfigjson`) for one registry.
pub fn docker_config_json(registry: &str, username: &str, password: &str) -> String {
    let auth = base64::engine::general_purpose::STANDARD.encode(format!("{username}:{password}"));
    serde_json::json!({"auths": {registry: {"username": username, "password": password, "auth": auth}}})
        .to_string()
}

/// One entry of a directory being packed.
enum Entry {
    Dir(String),
    File { rel: String, exec: bool },
}

fn walk(
    root: &Path,
    rel: &mut Vec<String>,
    matcher: &crate::source::ignore::Matcher,
    out: &mut Vec<Entry>,
) -> std::io::Result<()> {
    let dir = rel.iter().fold(root.to_path_buf(), |p, c| p.join(c));
    let mut names: Vec<(String, std::fs::FileType)> = Vec::new();
    for e in std::fs::read_dir(&dir)? {
        let e = e?;
        let Ok(name) = e.file_name().into_string() else {
            return Err(std::io::Error::other(format!(
                "{}: file name is not UTF-8",
                e.path().display()
            )));
        };
        names.push((name, e.file_type()?));
    }
    names.sort_by(|a, b| a.0.cmp(&b.0));
    for (name, ft) in names {
        rel.push(name);
        let comps: Vec<&str> = rel.iter().map(String::as_str).collect();
        let is_dir = ft.is_dir();
        if !matcher.excluded(&comps, is_dir) {
            let path = rel.join("/");
            if is_dir {
                out.push(Entry::Dir(path));
                walk(root, rel, matcher, out)?;
            } else if ft.is_file() {
                use std::os::unix::fs::PermissionsExt as _;
                let full = root.join(&path);
                let exec = std::fs::metadata(&full)?.permissions().mode() & 0o111 != 0;
                out.push(Entry::File { rel: path, exec });
            }
            // Symbolic links and special files are left out, as upstream's `push artifact`.
        }
        rel.pop();
    }
    Ok(())
}

/// Packs a directory (or a single file) as a deterministic `.tar.gz`: regular files and
/// directories in name order, modes 0644/0755, mtime 0; VCS files and paths matching
/// `ignore` (gitignore syntax) are left out. Returns the archive bytes.
pub fn pack(path: &Path, ignore: &[String]) -> std::io::Result<Vec<u8>> {
    use crate::source::ignore::{Matcher, read_patterns};
    let patterns = read_patterns(&ignore.join("\n"), &[]);
    pack_matching(path, &Matcher::vcs_and(patterns))
}

/// [`pack`] with the rules of a matcher.
pub fn pack_matching(path: &Path, matcher: &crate::source::ignore::Matcher) -> std::io::Result<Vec<u8>> {
    use crate::source::archive::{Sink as _, TarSink};
    let mut sink = TarSink::new(Vec::new());
    let meta = std::fs::metadata(path)?;
    if meta.is_file() {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or_else(|| std::io::Error::other(format!("{}: not a file name", path.display())))?;
        sink.file(name, false, &std::fs::read(path)?)?;
        return sink.finish();
    }
    let mut entries = Vec::new();
    walk(path, &mut Vec::new(), matcher, &mut entries)?;
    for e in entries {
        match e {
            Entry::Dir(d) => sink.dir(&d)?,
            Entry::File { rel, exec } => sink.file(&rel, exec, &std::fs::read(path.join(&rel))?)?,
        }
    }
    sink.finish()
}

/// Lists the files of a directory tree with their contents' SHA-256 (for `diff artifact`).
pub fn tree_digests(root: &Path) -> std::io::Result<BTreeMap<String, String>> {
    use crate::source::ignore::Matcher;
    let matcher = Matcher::vcs_and(Vec::new());
    let mut entries = Vec::new();
    if std::fs::metadata(root)?.is_file() {
        let name = root
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let data = std::fs::read(root)?;
        return Ok(BTreeMap::from([(name, registry::digest_of(&data))]));
    }
    walk(root, &mut Vec::new(), &matcher, &mut entries)?;
    let mut out = BTreeMap::new();
    for e in entries {
        if let Entry::File { rel, .. } = e {
            let data = std::fs::read(root.join(&rel))?;
            out.insert(rel, registry::digest_of(&data));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docker_config_entries() {
        let cfg = docker_config_json("127.0.0.1:5000", "flux", "s3cret");
        let c = credentials_from_docker_config(cfg.as_bytes(), "127.0.0.1:5000").unwrap();
        assert_eq!(
            c,
            Some(Credentials::Basic {
                username: "flux".into(),
                password: "s3cret".into()
            })
        );
        assert_eq!(
            credentials_from_docker_config(cfg.as_bytes(), "ghcr.io").unwrap(),
            None
        );
        let only_auth = r#"{"auths":{"https://ghcr.io":{"auth":"dTpw"}}}"#;
        assert_eq!(
            credentials_from_docker_config(only_auth.as_bytes(), "ghcr.io").unwrap(),
            Some(Credentials::Basic {
                username: "u".into(),
                password: "p".into()
            })
        );
        let e = credentials_from_docker_config(b"{", "x").unwrap_err().to_string();
        assert!(e.contains("not a Docker config"), "{e}");
        let e = credentials_from_docker_config(br#"{"auths":{"x":{"auth":"!!"}}}"#, "x")
            .unwrap_err()
            .to_string();
        assert!(e.contains("not base64") && !e.contains("!!"), "{e}");
    }

    #[test]
    fn packing_is_deterministic_and_ignores_paths() {
        let tmp = tempfile::tempdir().unwrap();
        let src = tmp.path().join("src");
        let d = src.as_path();
        std::fs::create_dir_all(d.join("apps/.git")).unwrap();
        std::fs::write(d.join("apps/a.yaml"), "a: 1\n").unwrap();
        std::fs::write(d.join("apps/.git/HEAD"), "x").unwrap();
        std::fs::write(d.join("notes.md"), "n").unwrap();
        let one = pack(d, &["*.md".into()]).unwrap();
        assert_eq!(one, pack(d, &["*.md".into()]).unwrap());
        let out = tmp.path().join("out");
        let file = tmp.path().join("x.tar.gz");
        std::fs::write(&file, &one).unwrap();
        crate::source::archive::extract(&file, &registry::digest_of(&one), &out).unwrap();
        assert!(out.join("apps/a.yaml").is_file());
        assert!(!out.join("apps/.git").exists());
        assert!(!out.join("notes.md").exists());
        let t = tree_digests(d).unwrap();
        assert!(t.contains_key("notes.md") && t.contains_key("apps/a.yaml") && t.len() == 2);
    }
}
