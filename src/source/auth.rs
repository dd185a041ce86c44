//! Credentials for a fetch, read from the GitRepository's Secret (`spec.secretRef`) with
//! upstream's keys: `username`/`password` or `bearerToken` for HTTP(S); `identity`
//! (private key), `identity.pub`, `known_hosts` and `password` (the key's passphrase) for
//! SSH; `ca.crt` (certificate authorities) for HTTPS. None of the values ever reaches `Debug` output, logs or error messages.

use std::collections::BTreeMap;
use std::fmt;

use zeroize::Zeroizing;

use super::keys::{self, KeyError};
use super::known_hosts::{KnownHosts, ParseError};
use super::tls::{CaBundle, TlsError};
use super::url::{GitUrl, Scheme};

/// Secret key: user name for HTTP(S) basic auth.
pub const USERNAME: &str = "username";
/// Secret key: HTTP(S) password, or the SSH private key's passphrase.
pub const PASSWORD: &str = "password";
/// Secret key: HTTP(S) bearer token.
pub const BEARER_TOKEN: &str = "bearerToken";
/// Secret key: SSH private key.
pub const IDENTITY: &str = "identity";
/// Secret key: SSH public key.
pub const IDENTITY_PUB: &str = "identity.pub";
/// Secret key: SSH known hosts.
pub const KNOWN_HOSTS: &str = "known_hosts";
/// Secret key: PEM certificate authorities for HTTPS.
pub const CA_CRT: &str = "ca.crt";
/// Secret key: PEM TLS client certificate.
pub const TLS_CRT: &str = "tls.crt";
/// Secret key: PEM TLS client key.
pub const TLS_KEY: &str = "tls.key";

/// Credentials for one repository.
#[derive(Clone, Default)]
pub struct Auth {
    /// HTTP(S) basic auth.
    pub basic: Option<(String, Zeroizing<String>)>,
    /// HTTP(S) bearer token.
    pub bearer: Option<Zeroizing<String>>,
    /// SSH identity (decrypted when it was an OpenSSH key).
    pub ssh: Option<SshIdentity>,
    /// Host keys the SSH server must present.
    pub known_hosts: Option<KnownHosts>,
    /// For SSH without [`Auth::ssh`]: offer the keys of the user's ssh-agent (`SSH_AUTH_SOCK`).
    /// Only the CLI's own Git access (bootstrap) uses this; a Secret never does.
    pub ssh_agent: bool,
    /// How to supply credentials a server asks for and these lack, for the error message
    /// (`None`: the GitRepository's Secret, [`SECRET_CREDENTIALS_HINT`]).
    pub credentials_hint: Option<&'static str>,
    /// HTTPS: certificate authorities trusted besides the system's (the Secret's `ca.crt`).
    pub ca: Option<CaBundle>,
}

/// How a GitRepository gets HTTP credentials: what an error says when a server asks for them.
pub const SECRET_CREDENTIALS_HINT: &str =
    "set spec.secretRef to a Secret with 'username' and 'password' (or 'bearerToken')";

/// An SSH private key as libssh2 gets it.
#[derive(Clone)]
pub struct SshIdentity {
    /// The private key (OpenSSH format, decrypted; or PEM as given).
    pub private: Zeroizing<String>,
    /// The public key line, when known.
    pub public: Option<String>,
    /// The passphrase, for keys libssh2 decrypts itself (PEM).
    pub passphrase: Option<Zeroizing<String>>,
    /// Fingerprint of the public key, for messages.
    pub fingerprint: Option<String>,
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Auth")
            .field("basic", &self.basic.as_ref().map(|(u, _)| (u, "<redacted>")))
            .field("bearer", &self.bearer.as_ref().map(|_| "<redacted>"))
            .field("ssh", &self.ssh.as_ref().map(|s| &s.fingerprint))
            .field(
                "known_hosts",
                &self.known_hosts.as_ref().map(|k| k.entries().len()),
            )
            .field("ssh_agent", &self.ssh_agent)
            .field("credentials_hint", &self.credentials_hint)
            .field("ca", &self.ca.as_ref().map(CaBundle::len))
            .finish()
    }
}

/// What is wrong with the Secret's data. Messages name the key, never the value.
#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    /// A required key is missing.
    #[error("the Secret has no '{key}' ({why})")]
    Missing {
        /// The key.
        key: &'static str,
        /// Why it is needed.
        why: &'static str,
    },
    /// A value is not UTF-8 text.
    #[error("'{0}' in the Secret is not UTF-8 text")]
    NotText(&'static str),
    /// `known_hosts` cannot be read.
    #[error("invalid 'known_hosts' in the Secret: {0}")]
    KnownHosts(#[from] ParseError),
    /// The private key cannot be used.
    #[error("invalid 'identity' in the Secret: {0}")]
    Identity(#[from] KeyError),
    /// `ca.crt` cannot be used.
    #[error(transparent)]
    Ca(#[from] TlsError),
    /// A TLS client certificate was given: libgit2, which flux-rs fetches with, cannot
    /// present one over HTTPS.
    #[error(
        "'tls.crt'/'tls.key' in the Secret: TLS client certificates are not supported by flux-rs for Git over HTTPS"
    )]
    ClientCertificate,
}

fn text(data: &BTreeMap<String, Vec<u8>>, key: &'static str) -> Result<Option<Zeroizing<String>>, AuthError> {
    match data.get(key) {
        None => Ok(None),
        Some(v) => String::from_utf8(v.clone())
            .map(|s| Some(Zeroizing::new(s)))
            .map_err(|_| AuthError::NotText(key)),
    }
}

impl Auth {
    /// Credentials for `url` from a Secret's data (`None`: no `spec.secretRef`).
    pub fn from_secret(url: &GitUrl, data: Option<&BTreeMap<String, Vec<u8>>>) -> Result<Auth, AuthError> {
        let empty = BTreeMap::new();
        let data = data.unwrap_or(&empty);
        let mut auth = Auth::default();
        match url.scheme {
            Scheme::Ssh => {
                let known = text(data, KNOWN_HOSTS)?.ok_or(AuthError::Missing {
                    key: KNOWN_HOSTS,
                    why: "SSH host keys are always verified",
                })?;
                auth.known_hosts = Some(KnownHosts::parse(&known)?);
                let identity = text(data, IDENTITY)?.ok_or(AuthError::Missing {
                    key: IDENTITY,
                    why: "the private key for SSH",
                })?;
                let passphrase = text(data, PASSWORD)?;
                let public = text(data, IDENTITY_PUB)?.map(|p| p.trim().to_string());
                auth.ssh = Some(
                    match keys::decrypted_openssh(
                        identity.as_bytes(),
                        passphrase.as_deref().map(String::as_str),
                    ) {
                        Some(decrypted) => {
                            let (private, public) = decrypted?;
                            let fingerprint = fingerprint_of_line(&public);
                            SshIdentity {
                                private,
                                public: Some(public),
                                passphrase: None,
                                fingerprint,
                            }
                        }
                        None => SshIdentity {
                            fingerprint: public.as_deref().and_then(fingerprint_of_line),
                            private: identity,
                            public,
                            passphrase,
                        },
                    },
                );
            }
            Scheme::Http | Scheme::Https => {
                if url.scheme == Scheme::Https {
                    if data.contains_key(TLS_CRT) || data.contains_key(TLS_KEY) {
                        return Err(AuthError::ClientCertificate);
                    }
                    if let Some(ca) = data.get(CA_CRT) {
                        auth.ca = Some(CaBundle::from_pem(ca)?);
                    }
                }
                if let Some(token) = text(data, BEARER_TOKEN)? {
                    auth.bearer = Some(token);
                } else if let Some(user) = text(data, USERNAME)? {
                    let password = text(data, PASSWORD)?.unwrap_or_default();
                    auth.basic = Some((user.to_string(), password));
                } else if let (Some(user), Some(pw)) = (&url.user, url.password()) {
                    auth.basic = Some((user.clone(), Zeroizing::new(pw.to_string())));
                }
            }
            Scheme::File => {}
        }
        Ok(auth)
    }

    /// Every secret value, for scrubbing messages that might echo one.
    pub fn secrets(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some((_, p)) = &self.basic {
            out.push(p.to_string());
        }
        if let Some(t) = &self.bearer {
            out.push(t.to_string());
        }
        if let Some(p) = self.ssh.as_ref().and_then(|s| s.passphrase.as_ref()) {
            out.push(p.to_string());
        }
        out.retain(|s| s.len() >= 4);
        out
    }
}

fn fingerprint_of_line(line: &str) -> Option<String> {
    use base64::Engine as _;
    let b64 = line.split_whitespace().nth(1)?;
    let blob = base64::engine::general_purpose::STANDARD.decode(b64).ok()?;
    Some(keys::fingerprint_of_blob(&blob))
}

/// Replaces every secret value in a message by `***`.
pub fn scrub(message: &str, secrets: &[String]) -> String {
    let mut out = message.to_string();
    for s in secrets {
        if !s.is_empty() {
            out = out.replace(s.as_str(), "***");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::keys::{KeyAlgorithm, generate};

    fn data(pairs: &[(&str, &str)]) -> BTreeMap<String, Vec<u8>> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_string(), v.as_bytes().to_vec()))
            .collect()
    }

    #[test]
    fn ssh_needs_identity_and_known_hosts() {
        let url = GitUrl::parse("ssh://git@example.com/x").unwrap();
        let e = Auth::from_secret(&url, None).unwrap_err().to_string();
        assert_eq!(
            e,
            "the Secret has no 'known_hosts' (SSH host keys are always verified)"
        );
        let k = generate(KeyAlgorithm::Ed25519).unwrap();
        let kh = format!("example.com {}", k.public_openssh());
        let e = Auth::from_secret(&url, Some(&data(&[("known_hosts", &kh)])))
            .unwrap_err()
            .to_string();
        assert!(e.contains("'identity'"), "{e}");
        let a = Auth::from_secret(
            &url,
            Some(&data(&[("known_hosts", &kh), ("identity", k.private_openssh())])),
        )
        .unwrap();
        let ssh = a.ssh.as_ref().unwrap();
        assert_eq!(ssh.public.as_deref(), Some(k.public_openssh()));
        assert_eq!(ssh.fingerprint.as_deref(), Some(k.fingerprint()));
        let dbg = format!("{a:?}");
        assert!(!dbg.contains("PRIVATE"), "{dbg}");
        let e = Auth::from_secret(
            &url,
            Some(&data(&[
                ("known_hosts", "bad line"),
                ("identity", k.private_openssh()),
            ])),
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.starts_with("invalid 'known_hosts' in the Secret: known_hosts line 1"),
            "{e}"
        );
    }

    #[test]
    fn https_credentials_and_scrubbing() {
        let url = GitUrl::parse("https://example.com/x").unwrap();
        let a = Auth::from_secret(
            &url,
            Some(&data(&[("username", "git"), ("password", "hunter22")])),
        )
        .unwrap();
        assert_eq!(a.basic.as_ref().unwrap().0, "git");
        assert!(!format!("{a:?}").contains("hunter22"));
        assert_eq!(scrub("bad password hunter22!", &a.secrets()), "bad password ***!");
        let a = Auth::from_secret(&url, Some(&data(&[("bearerToken", "tok-123")]))).unwrap();
        assert!(a.bearer.is_some() && a.basic.is_none());
        let url = GitUrl::parse("https://u:pw12@example.com/x").unwrap();
        let a = Auth::from_secret(&url, None).unwrap();
        assert_eq!(a.basic.as_ref().unwrap().1.as_str(), "pw12");
    }
}
