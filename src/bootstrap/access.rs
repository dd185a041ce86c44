//! This machine's own access to the repository, for bootstrap's clone and push: the user's
//! credentials (a private key file or the ssh-agent for SSH, a user name and password for
//! HTTP(S)) and the user's `~/.ssh/known_hosts` (its path is given by the caller), against which SSH
//! host keys are checked. The cluster's credentials (the deploy key) are separate: see
//! [`super::ClusterAuth`].
//!
//! Host keys: a known host must present a key listed for it; a changed key is refused; an
//! unknown host is added to `known_hosts` only after the caller showed its fingerprint and
//! the user accepted it ([`append_known_host`]).

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::Path;

use zeroize::Zeroizing;

use crate::source::auth::{Auth, IDENTITY, KNOWN_HOSTS, PASSWORD};
use crate::source::known_hosts::{self, KnownHosts};
use crate::source::url::{GitUrl, Scheme};

/// The user's credentials for the clone and the push.
#[derive(Clone, Default)]
pub enum Credentials {
    /// An SSH private key (OpenSSH or PEM text) and its passphrase.
    PrivateKey {
        /// The key file's text.
        key: Zeroizing<String>,
        /// Its passphrase.
        passphrase: Option<Zeroizing<String>>,
    },
    /// The keys of the ssh-agent at `SSH_AUTH_SOCK`.
    Agent {
        /// Whether `SSH_AUTH_SOCK` is set and not empty (read by `cli`; libssh2 reads the
        /// socket path from it itself).
        available: bool,
    },
    /// HTTP(S) basic authentication (a token as password works with most hosts).
    Basic {
        /// User name.
        username: String,
        /// Password or token.
        password: Zeroizing<String>,
    },
    /// None (`file://`, or a server that needs none).
    #[default]
    None,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Credentials::PrivateKey { .. } => "PrivateKey(<redacted>)",
            Credentials::Agent { .. } => "Agent",
            Credentials::Basic { .. } => "Basic(<redacted>)",
            Credentials::None => "None",
        })
    }
}

/// Why the user's access cannot be set up. Messages never contain secrets.
#[derive(Debug, thiserror::Error)]
pub enum AccessError {
    /// The known_hosts file cannot be read.
    #[error("{}: {source}", path.display())]
    KnownHostsRead {
        /// The file.
        path: std::path::PathBuf,
        /// The error.
        #[source]
        source: std::io::Error,
    },
    /// The known_hosts file cannot be parsed.
    #[error("{}: {source}", path.display())]
    KnownHostsParse {
        /// The file.
        path: std::path::PathBuf,
        /// Which line and why.
        #[source]
        source: known_hosts::ParseError,
    },
    /// The private key given cannot be used.
    #[error("--private-key-file: {source}")]
    PrivateKey {
        /// Why.
        #[source]
        source: crate::source::auth::AuthError,
    },
    /// An SSH URL without a key, and no ssh-agent.
    #[error(
        "no credentials for {url}: pass --private-key-file, or start an ssh-agent with your key (SSH_AUTH_SOCK is not set)"
    )]
    NoAgent {
        /// The repository URL.
        url: String,
    },
    /// Credentials of the other kind than the URL needs.
    #[error("{url} is {advice}")]
    Mismatch {
        /// The repository URL.
        url: String,
        /// What the URL needs (`an SSH URL: use --private-key-file or the ssh-agent, not a password`).
        advice: &'static str,
    },
}

/// Reads a known_hosts file; a missing file is an empty one.
pub fn read_known_hosts(path: &Path) -> Result<KnownHosts, AccessError> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(source) => {
            return Err(AccessError::KnownHostsRead {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    KnownHosts::parse(&text).map_err(|source| AccessError::KnownHostsParse {
        path: path.to_path_buf(),
        source,
    })
}

/// Appends a host key (its wire encoding) to a known_hosts file, creating the file (mode
/// 0600) and its directory (0700) when missing — what `ssh` does when the user accepts a new
/// host.
pub fn append_known_host(path: &Path, host: &str, port: u16, key: &[u8]) -> std::io::Result<()> {
    use std::os::unix::fs::{DirBuilderExt as _, OpenOptionsExt as _};
    if let Some(dir) = path.parent() {
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)?;
    }
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .open(path)?;
    // Keep the file line-oriented even if its last line had no newline.
    let needs_newline = std::fs::read(path).is_ok_and(|b| !b.is_empty() && !b.ends_with(b"\n"));
    if needs_newline {
        f.write_all(b"\n")?;
    }
    writeln!(f, "{}", known_hosts::line(host, port, key))
}

/// The libgit2 credentials of the user's access to `url`, host keys checked against
/// `known` (SSH only).
pub fn auth(url: &GitUrl, credentials: &Credentials, known: &KnownHosts) -> Result<Auth, AccessError> {
    let mut auth = Auth {
        credentials_hint: Some("pass --username and --password (or GIT_PASSWORD)"),
        ..Auth::default()
    };
    match (url.scheme, credentials) {
        (Scheme::Ssh, Credentials::PrivateKey { key, passphrase }) => {
            // The Secret reader decrypts OpenSSH keys for libssh2 and computes the fingerprint.
            let mut data = BTreeMap::new();
            data.insert(IDENTITY.to_string(), key.as_bytes().to_vec());
            data.insert(KNOWN_HOSTS.to_string(), Vec::new());
            if let Some(p) = passphrase {
                data.insert(PASSWORD.to_string(), p.as_bytes().to_vec());
            }
            auth =
                Auth::from_secret(url, Some(&data)).map_err(|source| AccessError::PrivateKey { source })?;
            auth.known_hosts = Some(known.clone());
        }
        (Scheme::Ssh, Credentials::Agent { available }) => {
            if !available {
                return Err(AccessError::NoAgent { url: url.to_string() });
            }
            auth.ssh_agent = true;
            auth.known_hosts = Some(known.clone());
        }
        (Scheme::Ssh, _) => {
            return Err(AccessError::Mismatch {
                url: url.to_string(),
                advice: "an SSH URL: use --private-key-file or the ssh-agent, not a password",
            });
        }
        (Scheme::Http | Scheme::Https, Credentials::Basic { username, password }) => {
            auth.basic = Some((username.clone(), password.clone()));
        }
        (Scheme::Http | Scheme::Https, Credentials::None) => {}
        (Scheme::Http | Scheme::Https, _) => {
            return Err(AccessError::Mismatch {
                url: url.to_string(),
                advice: "an HTTP(S) URL: use --username and --password (or GIT_PASSWORD)",
            });
        }
        (Scheme::File, _) => {}
    }
    Ok(auth)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::keys::{KeyAlgorithm, generate};

    #[test]
    fn known_hosts_are_appended_and_read_back() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".ssh/known_hosts");
        assert!(read_known_hosts(&path).unwrap().is_empty(), "missing = empty");
        let k = generate(KeyAlgorithm::Ed25519).unwrap();
        let blob = {
            use base64::Engine as _;
            let b64 = k.public_openssh().split(' ').nth(1).unwrap();
            base64::engine::general_purpose::STANDARD.decode(b64).unwrap()
        };
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, "# no newline at the end").unwrap();
        append_known_host(&path, "Git.Example.com", 2222, &blob).unwrap();
        let known = read_known_hosts(&path).unwrap();
        assert!(known.verify("git.example.com", 2222, &blob).is_ok());
        assert!(known.verify("git.example.com", 22, &blob).is_err());
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("# no newline at the end\n[git.example.com]:2222 ssh-ed25519 "),
            "{text}"
        );
        // An existing file keeps its mode; a new one is private.
        let fresh = dir.path().join("new/.ssh/known_hosts");
        append_known_host(&fresh, "h", 22, &blob).unwrap();
        assert_eq!(
            std::fs::metadata(&fresh).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert_eq!(
            std::fs::metadata(fresh.parent().unwrap())
                .unwrap()
                .permissions()
                .mode()
                & 0o777,
            0o700
        );
    }

    #[test]
    fn credentials_must_fit_the_url() {
        let ssh = GitUrl::parse("ssh://git@example.com/x").unwrap();
        let https = GitUrl::parse("https://example.com/x").unwrap();
        let basic = Credentials::Basic {
            username: "git".into(),
            password: Zeroizing::new("pw".into()),
        };
        let known = KnownHosts::default();
        assert!(
            auth(&ssh, &basic, &known)
                .unwrap_err()
                .to_string()
                .contains("SSH URL")
        );
        let k = generate(KeyAlgorithm::Ed25519).unwrap();
        let key = Credentials::PrivateKey {
            key: Zeroizing::new(k.private_openssh().to_string()),
            passphrase: None,
        };
        let a = auth(&ssh, &key, &known).unwrap();
        assert_eq!(a.ssh.unwrap().fingerprint.as_deref(), Some(k.fingerprint()));
        assert!(a.known_hosts.is_some());
        assert!(
            auth(&https, &key, &known)
                .unwrap_err()
                .to_string()
                .contains("--username")
        );
        assert_eq!(auth(&https, &basic, &known).unwrap().basic.unwrap().0, "git");
        assert!(!format!("{basic:?}").contains("pw"));
    }
}
