//! `known_hosts` files as OpenSSH reads them: plain host patterns (`host`, `[host]:port`,
//! comma-separated, `*`/`?` wildcards, `!` negation), hashed entries (`|1|salt|hash`, an
//! HMAC-SHA1 of the host name), and the `@revoked` marker (`@cert-authority` lines are
//! read and ignored: host certificates are not used). Host keys are compared as their SSH
//! wire encoding, so every key type compares the same way.
//!
//! [`KnownHosts::verify`] is what the fetch path calls with the key the server offered; its
//! errors name the host and the offered key's `SHA256:` fingerprint.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use sha1::Sha1;

use super::keys::{blob_key_type, fingerprint_of_blob};

/// A parsed `known_hosts` file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KnownHosts {
    entries: Vec<Entry>,
}

/// One line of a `known_hosts` file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Line number (1-based) in the file.
    pub line: usize,
    /// `@revoked` or `@cert-authority`, if present.
    pub marker: Option<Marker>,
    hosts: Hosts,
    /// The key type written on the line (`ssh-ed25519`, …).
    pub key_type: String,
    /// The key's SSH wire encoding.
    pub key: Vec<u8>,
}

/// A line marker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Marker {
    /// The key is revoked: a server offering it is refused.
    Revoked,
    /// The key is a certificate authority (not used by flux-rs: such lines never match).
    CertAuthority,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Hosts {
    /// Comma-separated patterns, each possibly negated.
    Patterns(Vec<(bool, String)>),
    /// `|1|salt|hash`.
    Hashed { salt: Vec<u8>, hash: Vec<u8> },
}

/// A line that cannot be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("known_hosts line {line}: {reason}")]
pub struct ParseError {
    /// Line number (1-based).
    pub line: usize,
    /// What is wrong.
    pub reason: String,
}

/// Why a host key was not accepted. Every message names the host and the offered key.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum HostKeyError {
    /// known_hosts has no entry for the host.
    #[error(
        "host {host} is not in known_hosts (the server offered {key_type} key {fingerprint}); \
         add its key to the Secret's known_hosts"
    )]
    Unknown {
        /// `host` or `[host]:port`.
        host: String,
        /// Offered key type.
        key_type: String,
        /// Offered key fingerprint.
        fingerprint: String,
    },
    /// known_hosts has keys for the host, but not the offered one.
    #[error(
        "host key mismatch for {host}: the server offered {key_type} key {fingerprint}, \
         known_hosts has {known} for this host"
    )]
    Mismatch {
        /// `host` or `[host]:port`.
        host: String,
        /// Offered key type.
        key_type: String,
        /// Offered key fingerprint.
        fingerprint: String,
        /// The keys known for the host (`type SHA256:…`, comma-separated).
        known: String,
    },
    /// The offered key is marked `@revoked`.
    #[error("host key {fingerprint} ({key_type}) of {host} is marked @revoked in known_hosts")]
    Revoked {
        /// `host` or `[host]:port`.
        host: String,
        /// Offered key type.
        key_type: String,
        /// Offered key fingerprint.
        fingerprint: String,
    },
}

/// The name a host has in `known_hosts`: `host` on port 22, else `[host]:port`.
pub fn host_name(host: &str, port: u16) -> String {
    if port == 22 {
        host.to_ascii_lowercase()
    } else {
        format!("[{}]:{port}", host.to_ascii_lowercase())
    }
}

/// A plain `known_hosts` line for a key given as its wire encoding:
/// `host key-type base64` (or `[host]:port …`).
pub fn line(host: &str, port: u16, key: &[u8]) -> String {
    format!(
        "{} {} {}",
        host_name(host, port),
        blob_key_type(key),
        STANDARD.encode(key)
    )
}

/// Whether an OpenSSH host pattern (`*` any run, `?` one character) matches `name`.
fn wildcard_match(pattern: &[u8], name: &[u8]) -> bool {
    let (mut p, mut n) = (0, 0);
    let (mut star, mut mark) = (None, 0);
    while n < name.len() {
        if p < pattern.len() && (pattern[p] == b'?' || pattern[p].eq_ignore_ascii_case(&name[n])) {
            p += 1;
            n += 1;
        } else if p < pattern.len() && pattern[p] == b'*' {
            star = Some(p);
            mark = n;
            p += 1;
        } else if let Some(s) = star {
            p = s + 1;
            mark += 1;
            n = mark;
        } else {
            return false;
        }
    }
    while p < pattern.len() && pattern[p] == b'*' {
        p += 1;
    }
    p == pattern.len()
}

fn hashed_name(salt: &[u8], name: &str) -> Vec<u8> {
    // HMAC accepts keys of any length.
    let mut mac = <Hmac<Sha1> as Mac>::new_from_slice(salt).unwrap_or_else(|_| unreachable!());
    mac.update(name.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

impl Entry {
    /// Whether the entry applies to the host name (`host` or `[host]:port`).
    pub fn matches_host(&self, name: &str) -> bool {
        match &self.hosts {
            Hosts::Hashed { salt, hash } => hashed_name(salt, name) == *hash,
            Hosts::Patterns(patterns) => {
                let mut matched = false;
                for (negated, pattern) in patterns {
                    if wildcard_match(pattern.as_bytes(), name.as_bytes()) {
                        if *negated {
                            return false;
                        }
                        matched = true;
                    }
                }
                matched
            }
        }
    }

    /// The key's fingerprint (`SHA256:…`).
    pub fn fingerprint(&self) -> String {
        fingerprint_of_blob(&self.key)
    }
}

impl KnownHosts {
    /// Parses the text of a `known_hosts` file. Blank lines and `#` comments are skipped;
    /// anything else that is not a valid entry is an error naming the line.
    pub fn parse(text: &str) -> Result<KnownHosts, ParseError> {
        let mut entries = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            let err = |reason: &str| ParseError {
                line,
                reason: reason.to_string(),
            };
            let trimmed = raw.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let mut fields = trimmed.split_whitespace();
            let mut first = fields.next().unwrap_or_default();
            let marker = match first {
                "@revoked" => Some(Marker::Revoked),
                "@cert-authority" => Some(Marker::CertAuthority),
                m if m.starts_with('@') => return Err(err(&format!("unknown marker {m:?}"))),
                _ => None,
            };
            if marker.is_some() {
                first = fields.next().ok_or_else(|| err("missing host patterns"))?;
            }
            let hosts = if let Some(rest) = first.strip_prefix("|1|") {
                let (salt, hash) = rest
                    .split_once('|')
                    .ok_or_else(|| err("a hashed host must be |1|salt|hash"))?;
                let salt = STANDARD
                    .decode(salt)
                    .map_err(|_| err("invalid base64 in the hashed host's salt"))?;
                let hash = STANDARD
                    .decode(hash)
                    .map_err(|_| err("invalid base64 in the hashed host's hash"))?;
                if hash.len() != 20 {
                    return Err(err("a hashed host's hash must be 20 bytes (HMAC-SHA1)"));
                }
                Hosts::Hashed { salt, hash }
            } else if first.starts_with('|') {
                return Err(err("unsupported hashed host format (only |1| is known)"));
            } else {
                Hosts::Patterns(
                    first
                        .split(',')
                        .filter(|p| !p.is_empty())
                        .map(|p| match p.strip_prefix('!') {
                            Some(n) => (true, n.to_ascii_lowercase()),
                            None => (false, p.to_ascii_lowercase()),
                        })
                        .collect(),
                )
            };
            let key_type = fields.next().ok_or_else(|| err("missing the key type"))?;
            let key_b64 = fields.next().ok_or_else(|| err("missing the key"))?;
            let key = STANDARD
                .decode(key_b64)
                .map_err(|_| err("invalid base64 in the key"))?;
            let blob_type = blob_key_type(&key);
            if blob_type != key_type {
                return Err(err(&format!(
                    "the key type {key_type:?} does not match the key, which is {blob_type:?}"
                )));
            }
            entries.push(Entry {
                line,
                marker,
                hosts,
                key_type: key_type.to_string(),
                key,
            });
        }
        Ok(KnownHosts { entries })
    }

    /// Every entry, in file order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Whether the file has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The (unrevoked, non-CA) entries for a host and port.
    pub fn keys_for(&self, host: &str, port: u16) -> Vec<&Entry> {
        let name = host_name(host, port);
        self.entries
            .iter()
            .filter(|e| e.marker.is_none() && e.matches_host(&name))
            .collect()
    }

    /// Checks the key a server at `host:port` offered (its wire encoding).
    pub fn verify(&self, host: &str, port: u16, offered: &[u8]) -> Result<(), HostKeyError> {
        let name = host_name(host, port);
        let key_type = blob_key_type(offered);
        let fingerprint = fingerprint_of_blob(offered);
        let revoked = self
            .entries
            .iter()
            .any(|e| e.marker == Some(Marker::Revoked) && e.key == offered);
        if revoked {
            return Err(HostKeyError::Revoked {
                host: name,
                key_type,
                fingerprint,
            });
        }
        let known = self.keys_for(host, port);
        if known.iter().any(|e| e.key == offered) {
            return Ok(());
        }
        if known.is_empty() {
            return Err(HostKeyError::Unknown {
                host: name,
                key_type,
                fingerprint,
            });
        }
        let known = known
            .iter()
            .map(|e| format!("{} {}", e.key_type, e.fingerprint()))
            .collect::<Vec<_>>()
            .join(", ");
        Err(HostKeyError::Mismatch {
            host: name,
            key_type,
            fingerprint,
            known,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::keys::{Curve, KeyAlgorithm, generate};

    fn blob(alg: KeyAlgorithm) -> Vec<u8> {
        let k = generate(alg).unwrap();
        let b64 = k.public_openssh().split(' ').nth(1).unwrap().to_string();
        STANDARD.decode(b64).unwrap()
    }

    fn hashed(salt: &[u8], name: &str) -> String {
        format!(
            "|1|{}|{}",
            STANDARD.encode(salt),
            STANDARD.encode(hashed_name(salt, name))
        )
    }

    #[test]
    fn plain_entries_with_ports_and_patterns() {
        let a = blob(KeyAlgorithm::Ed25519);
        let b = blob(KeyAlgorithm::Ecdsa(Curve::P256));
        let text = format!(
            "# comment\n\n{}\n[git.example.com]:2222 {}\n*.corp.example,!bad.corp.example {}\n",
            line("github.com", 22, &a),
            line("x", 22, &b).split_once(' ').unwrap().1,
            line("x", 22, &a).split_once(' ').unwrap().1,
        );
        let kh = KnownHosts::parse(&text).unwrap();
        assert_eq!(kh.entries().len(), 3);
        assert!(kh.verify("github.com", 22, &a).is_ok());
        assert!(
            kh.verify("GitHub.com", 22, &a).is_ok(),
            "host names are case-insensitive"
        );
        assert!(kh.verify("git.example.com", 2222, &b).is_ok());
        assert!(
            kh.verify("git.example.com", 22, &b).is_err(),
            "the port is part of the name"
        );
        assert!(kh.verify("a.corp.example", 22, &a).is_ok());
        assert!(kh.verify("bad.corp.example", 22, &a).is_err(), "negated pattern");

        let e = kh.verify("github.com", 22, &b).unwrap_err();
        let msg = e.to_string();
        assert!(matches!(e, HostKeyError::Mismatch { .. }), "{msg}");
        assert!(msg.contains("github.com"), "{msg}");
        assert!(msg.contains(&fingerprint_of_blob(&b)), "{msg}");
        assert!(
            msg.contains(&format!("ssh-ed25519 {}", fingerprint_of_blob(&a))),
            "{msg}"
        );

        let e = kh.verify("127.0.0.1", 2022, &a).unwrap_err().to_string();
        assert!(
            e.starts_with("host [127.0.0.1]:2022 is not in known_hosts"),
            "{e}"
        );
        assert!(e.contains(&fingerprint_of_blob(&a)), "{e}");
    }

    #[test]
    fn hashed_entries() {
        let a = blob(KeyAlgorithm::Ecdsa(Curve::P384));
        let key = line("h", 22, &a);
        let key = key.split_once(' ').unwrap().1;
        let text = format!(
            "{} {key}\n{} {key}\n",
            hashed(b"0123456789abcdef0123", "example.org"),
            hashed(b"salt-two", "[127.0.0.1]:2200")
        );
        let kh = KnownHosts::parse(&text).unwrap();
        assert!(kh.verify("example.org", 22, &a).is_ok());
        assert!(kh.verify("127.0.0.1", 2200, &a).is_ok());
        assert!(matches!(
            kh.verify("example.com", 22, &a),
            Err(HostKeyError::Unknown { .. })
        ));
    }

    #[test]
    fn entries_hashed_by_ssh_keygen_match() {
        // OpenSSH's own hashing (`ssh-keygen -H`), for a plain host and a host with a port.
        let a = blob(KeyAlgorithm::Ed25519);
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("known_hosts");
        std::fs::write(
            &file,
            format!(
                "{}\n{}\n",
                line("git.example.org", 22, &a),
                line("127.0.0.1", 2200, &a)
            ),
        )
        .unwrap();
        let out = std::process::Command::new("ssh-keygen")
            .arg("-H")
            .arg("-f")
            .arg(&file)
            .output()
            .expect("run ssh-keygen (package openssh-client)");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(text.lines().all(|l| l.starts_with("|1|")), "{text}");
        let kh = KnownHosts::parse(&text).unwrap();
        assert!(kh.verify("git.example.org", 22, &a).is_ok());
        assert!(kh.verify("127.0.0.1", 2200, &a).is_ok());
        assert!(kh.verify("127.0.0.1", 22, &a).is_err());
    }

    #[test]
    fn revoked_keys_are_refused() {
        let a = blob(KeyAlgorithm::Ed25519);
        let text = format!(
            "{}\n@revoked * {}\n",
            line("h", 22, &a),
            line("h", 22, &a).split_once(' ').unwrap().1
        );
        let e = KnownHosts::parse(&text).unwrap().verify("h", 22, &a).unwrap_err();
        assert!(matches!(e, HostKeyError::Revoked { .. }), "{e}");
        assert!(e.to_string().contains("@revoked"));
    }

    #[test]
    fn bad_lines_name_the_line() {
        let a = blob(KeyAlgorithm::Ed25519);
        let good = line("h", 22, &a);
        for (text, want) in [
            (format!("{good}\nhost-only\n"), "line 2: missing the key type"),
            (
                "h ssh-ed25519 !!!\n".to_string(),
                "line 1: invalid base64 in the key",
            ),
            (
                format!("h ecdsa-sha2-nistp256 {}", STANDARD.encode(&a)),
                "does not match the key, which is \"ssh-ed25519\"",
            ),
            ("|1|abc\n".into(), "|1|salt|hash"),
            ("@bogus h k v\n".into(), "unknown marker"),
        ] {
            let e = KnownHosts::parse(&text).unwrap_err().to_string();
            assert!(e.contains(want), "{text:?}: {e}");
        }
    }

    #[test]
    fn wildcards() {
        assert!(wildcard_match(b"*", b"anything"));
        assert!(wildcard_match(b"git?.example.com", b"git1.example.com"));
        assert!(!wildcard_match(b"git?.example.com", b"git.example.com"));
        assert!(wildcard_match(b"[10.0.0.*]:22*", b"[10.0.0.7]:2222"));
        assert!(!wildcard_match(b"a*b", b"acbd"));
    }
}
