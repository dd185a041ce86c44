//! OCI references as Flux writes them: `oci://<host>[:<port>]/<repository>[:<tag>][@<digest>]`.

use std::fmt;

/// Why a reference cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid OCI reference {input:?}: {reason}")]
pub struct ReferenceError {
    /// The text given.
    pub input: String,
    /// What is wrong.
    pub reason: String,
}

/// A parsed OCI reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OciRef {
    /// Registry host with the port, if any (`127.0.0.1:5000`, `ghcr.io`).
    pub registry: String,
    /// Repository path (`org/app`).
    pub repository: String,
    /// Tag, if given.
    pub tag: Option<String>,
    /// Digest (`sha256:<hex>`), if given.
    pub digest: Option<String>,
}

fn valid_tag(tag: &str) -> bool {
    let mut chars = tag.chars();
    tag.len() <= 128
        && chars
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
}

/// Whether `digest` is `sha256:` followed by 64 lower-case hex digits.
pub fn valid_digest(digest: &str) -> bool {
    digest.strip_prefix("sha256:").is_some_and(|h| {
        h.len() == 64
            && h.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

fn valid_repository(repo: &str) -> bool {
    !repo.is_empty()
        && repo.split('/').all(|c| {
            !c.is_empty()
                && c.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b))
                && c.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
        })
}

impl OciRef {
    /// Parses `oci://host/repo[:tag][@digest]` (the `oci://` prefix is required).
    pub fn parse(input: &str) -> Result<OciRef, ReferenceError> {
        let err = |reason: &str| ReferenceError {
            input: input.to_string(),
            reason: reason.to_string(),
        };
        let rest = input
            .strip_prefix("oci://")
            .ok_or_else(|| err("the URL must start with oci://"))?;
        let (rest, digest) = match rest.split_once('@') {
            Some((r, d)) => {
                if !valid_digest(d) {
                    return Err(err("the digest must be sha256:<64 hex digits>"));
                }
                (r, Some(d.to_string()))
            }
            None => (rest, None),
        };
        let (registry, path) = rest
            .split_once('/')
            .ok_or_else(|| err("expected oci://<registry>/<repository>"))?;
        if registry.is_empty() || registry.contains(|c: char| c.is_whitespace() || c == '?' || c == '#') {
            return Err(err("the registry host is empty or invalid"));
        }
        let (repository, tag) = match path.rsplit_once(':') {
            Some((r, t)) if !t.contains('/') => (r, Some(t.to_string())),
            _ => (path, None),
        };
        if !valid_repository(repository) {
            return Err(err(
                "the repository must be lower-case path components of letters, digits, '.', '_' and '-'",
            ));
        }
        if let Some(t) = &tag
            && !valid_tag(t)
        {
            return Err(err("the tag must be up to 128 letters, digits, '_', '.' and '-'"));
        }
        Ok(OciRef {
            registry: registry.to_string(),
            repository: repository.to_string(),
            tag,
            digest,
        })
    }

    /// The same repository with another tag (no digest).
    #[must_use]
    pub fn with_tag(&self, tag: &str) -> OciRef {
        OciRef {
            tag: Some(tag.to_string()),
            digest: None,
            ..self.clone()
        }
    }

    /// What to ask the registry for: the digest if given, else the tag, else `latest`.
    pub fn manifest_reference(&self) -> &str {
        self.digest
            .as_deref()
            .or(self.tag.as_deref())
            .unwrap_or(crate::api::oci::DEFAULT_TAG)
    }

    /// The repository address without tag or digest (`oci://host/repo`).
    pub fn repository_url(&self) -> String {
        format!("oci://{}/{}", self.registry, self.repository)
    }

    /// Checks a tag given separately (`--tag`, `spec.ref.tag`).
    pub fn check_tag(tag: &str) -> Result<(), ReferenceError> {
        if valid_tag(tag) {
            Ok(())
        } else {
            Err(ReferenceError {
                input: tag.to_string(),
                reason: "a tag must be up to 128 letters, digits, '_', '.' and '-'".into(),
            })
        }
    }
}

impl fmt::Display for OciRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.registry, self.repository)?;
        if let Some(t) = &self.tag {
            write!(f, ":{t}")?;
        }
        if let Some(d) = &self.digest {
            write!(f, "@{d}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_flux_references() {
        let r = OciRef::parse("oci://127.0.0.1:5000/org/app:v1.2.3").unwrap();
        assert_eq!(r.registry, "127.0.0.1:5000");
        assert_eq!(r.repository, "org/app");
        assert_eq!(r.tag.as_deref(), Some("v1.2.3"));
        assert_eq!(r.manifest_reference(), "v1.2.3");
        assert_eq!(r.to_string(), "127.0.0.1:5000/org/app:v1.2.3");
        let r = OciRef::parse("oci://ghcr.io/org/app").unwrap();
        assert_eq!((r.tag.as_deref(), r.manifest_reference()), (None, "latest"));
        let d = format!("sha256:{}", "a".repeat(64));
        let r = OciRef::parse(&format!("oci://localhost:5000/app:v1@{d}")).unwrap();
        assert_eq!(r.manifest_reference(), d);
        assert_eq!(r.repository_url(), "oci://localhost:5000/app");
    }

    #[test]
    fn refuses_bad_references() {
        for bad in [
            "https://ghcr.io/app",
            "oci://ghcr.io",
            "oci:///app",
            "oci://ghcr.io/App",
            "oci://ghcr.io/app:",
            "oci://ghcr.io/app:-x",
            "oci://ghcr.io/app@sha256:12",
            "oci://ghcr.io//app",
        ] {
            assert!(OciRef::parse(bad).is_err(), "{bad}");
        }
        assert!(OciRef::check_tag("latest").is_ok());
        assert!(OciRef::check_tag("a/b").is_err());
    }
}
