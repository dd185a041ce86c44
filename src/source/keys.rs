//! SSH key pairs for Git access: generating deploy keys (ECDSA P-256/P-384/P-521, Ed25519),
//! loading a private key (OpenSSH format, optionally passphrase-protected), the public key as
//! an `authorized_keys` line and its `SHA256:` fingerprint. Used by `create secret git`,
//! `bootstrap`, and the fetch path (which hands the decrypted key to libssh2).
//!
//! Private keys are kept in [`Zeroizing`] buffers and never appear in `Debug` output or
//! errors.

use std::fmt;

use sha2::{Digest, Sha256};
use ssh_key::rand_core::OsRng;
use ssh_key::{Algorithm, EcdsaCurve, HashAlg, LineEnding, PrivateKey, PublicKey};
use zeroize::Zeroizing;

/// The algorithm of a generated key (RSA is not offered: the `rsa` crate has an unfixed
/// advisory, RUSTSEC-2023-0071).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyAlgorithm {
    /// ECDSA on a NIST curve.
    Ecdsa(Curve),
    /// Ed25519.
    Ed25519,
}

/// NIST curves for ECDSA keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Curve {
    /// P-256 (`ecdsa-sha2-nistp256`).
    P256,
    /// P-384 (`ecdsa-sha2-nistp384`), upstream's default.
    P384,
    /// P-521 (`ecdsa-sha2-nistp521`).
    P521,
}

impl Default for KeyAlgorithm {
    /// ECDSA P-384, as upstream's `flux create secret git` and `bootstrap` default to.
    fn default() -> Self {
        KeyAlgorithm::Ecdsa(Curve::P384)
    }
}

impl KeyAlgorithm {
    /// From upstream's flag values: `--ssh-key-algorithm ecdsa|ed25519` and
    /// `--ssh-ecdsa-curve p256|p384|p521`.
    pub fn from_flags(algorithm: &str, curve: &str) -> Result<KeyAlgorithm, KeyError> {
        match algorithm.to_ascii_lowercase().as_str() {
            "ed25519" => Ok(KeyAlgorithm::Ed25519),
            "ecdsa" => Ok(KeyAlgorithm::Ecdsa(match curve.to_ascii_lowercase().as_str() {
                "p256" | "p-256" => Curve::P256,
                "p384" | "p-384" => Curve::P384,
                "p521" | "p-521" => Curve::P521,
                other => {
                    return Err(KeyError::Unsupported {
                        what: format!("ECDSA curve {other:?}"),
                        instead: "p256, p384 or p521",
                    });
                }
            })),
            "rsa" => Err(KeyError::Unsupported {
                what: "RSA key generation".into(),
                instead: "ecdsa or ed25519, or pass an existing RSA key file",
            }),
            other => Err(KeyError::Unsupported {
                what: format!("key algorithm {other:?}"),
                instead: "ecdsa or ed25519",
            }),
        }
    }

    fn to_ssh_key(self) -> Algorithm {
        match self {
            KeyAlgorithm::Ed25519 => Algorithm::Ed25519,
            KeyAlgorithm::Ecdsa(c) => Algorithm::Ecdsa {
                curve: match c {
                    Curve::P256 => EcdsaCurve::NistP256,
                    Curve::P384 => EcdsaCurve::NistP384,
                    Curve::P521 => EcdsaCurve::NistP521,
                },
            },
        }
    }
}

/// Why a key could not be generated or read. Messages never contain key material.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// The algorithm or curve is not supported.
    #[error("unsupported {what} (use {instead})")]
    Unsupported {
        /// What was asked for (`ECDSA curve "p1"`).
        what: String,
        /// What to use instead.
        instead: &'static str,
    },
    /// The private key is not an OpenSSH private key.
    #[error("the private key is not in OpenSSH format (-----BEGIN OPENSSH PRIVATE KEY-----): {source}")]
    Format {
        /// The parser's error.
        #[source]
        source: ssh_key::Error,
    },
    /// The key is encrypted and no passphrase was given.
    #[error("the private key is encrypted and no passphrase was given")]
    PassphraseRequired,
    /// The passphrase does not decrypt the key.
    #[error("the passphrase does not decrypt the private key")]
    WrongPassphrase,
    /// Generating or encoding failed.
    #[error("cannot {what}: {source}")]
    Crypto {
        /// What was being done (`encode the private key`).
        what: String,
        /// The library's error.
        #[source]
        source: ssh_key::Error,
    },
}

/// An SSH key pair: the private key in OpenSSH format (as stored in a Secret's `identity`),
/// the public key as an `authorized_keys` line (`identity.pub`, the deploy key), and its
/// fingerprint.
#[derive(Clone)]
pub struct KeyPair {
    private_openssh: Zeroizing<String>,
    public: String,
    fingerprint: String,
    encrypted: bool,
}

impl KeyPair {
    /// The private key in OpenSSH format (encrypted if it was loaded encrypted). Secret.
    pub fn private_openssh(&self) -> &str {
        &self.private_openssh
    }

    /// The public key as an `authorized_keys` line (`ecdsa-sha2-nistp384 AAAA…`).
    pub fn public_openssh(&self) -> &str {
        &self.public
    }

    /// The public key's fingerprint (`SHA256:…`), as `ssh-keygen -l` prints it.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// Whether the private key is passphrase-protected.
    pub fn is_encrypted(&self) -> bool {
        self.encrypted
    }
}

impl fmt::Debug for KeyPair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyPair")
            .field("public", &self.public)
            .field("fingerprint", &self.fingerprint)
            .field("private_openssh", &"<redacted>")
            .field("encrypted", &self.encrypted)
            .finish()
    }
}

fn public_line(key: &PublicKey) -> Result<String, KeyError> {
    // Without the comment: the line is what a Git host's deploy-key form expects.
    let mut key = key.clone();
    key.set_comment("");
    key.to_openssh()
        .map(|s| s.trim_end().to_string())
        .map_err(|source| KeyError::Crypto {
            what: "encode the public key".into(),
            source,
        })
}

/// Generates a new, unencrypted key pair.
pub fn generate(algorithm: KeyAlgorithm) -> Result<KeyPair, KeyError> {
    let key = PrivateKey::random(&mut OsRng, algorithm.to_ssh_key()).map_err(|source| KeyError::Crypto {
        what: format!("generate a {algorithm:?} key"),
        source,
    })?;
    let private_openssh = key
        .to_openssh(LineEnding::LF)
        .map_err(|source| KeyError::Crypto {
            what: "encode the private key".into(),
            source,
        })?;
    Ok(KeyPair {
        private_openssh,
        public: public_line(key.public_key())?,
        fingerprint: key.public_key().fingerprint(HashAlg::Sha256).to_string(),
        encrypted: false,
    })
}

/// Reads an OpenSSH private key (as written by `ssh-keygen` or [`generate`]). An encrypted
/// key needs its passphrase, which is checked; the returned pair keeps the key as given
/// (still encrypted).
pub fn from_private_key(text: &[u8], passphrase: Option<&str>) -> Result<KeyPair, KeyError> {
    let key = PrivateKey::from_openssh(text).map_err(|source| KeyError::Format { source })?;
    if key.is_encrypted() {
        let pass = passphrase.ok_or(KeyError::PassphraseRequired)?;
        key.decrypt(pass).map_err(|_| KeyError::WrongPassphrase)?;
    }
    let private_openssh = Zeroizing::new(String::from_utf8_lossy(text).into_owned());
    Ok(KeyPair {
        private_openssh,
        public: public_line(key.public_key())?,
        fingerprint: key.public_key().fingerprint(HashAlg::Sha256).to_string(),
        encrypted: key.is_encrypted(),
    })
}

/// Decrypts an OpenSSH private key for libssh2 (which then needs no passphrase), returning
/// the unencrypted key in OpenSSH format and its public key line. `None` when the text is not
/// an OpenSSH private key (a PEM key, which libssh2 reads itself).
pub(crate) fn decrypted_openssh(
    text: &[u8],
    passphrase: Option<&str>,
) -> Option<Result<(Zeroizing<String>, String), KeyError>> {
    let key = PrivateKey::from_openssh(text).ok()?;
    Some((|| {
        let key = if key.is_encrypted() {
            let pass = passphrase.ok_or(KeyError::PassphraseRequired)?;
            key.decrypt(pass).map_err(|_| KeyError::WrongPassphrase)?
        } else {
            key
        };
        let private = key
            .to_openssh(LineEnding::LF)
            .map_err(|source| KeyError::Crypto {
                what: "encode the private key".into(),
                source,
            })?;
        Ok((private, public_line(key.public_key())?))
    })())
}

/// The fingerprint of a public key given as its SSH wire encoding (the blob in an
/// `authorized_keys` or `known_hosts` line): `SHA256:` and the unpadded base64 SHA-256.
pub fn fingerprint_of_blob(blob: &[u8]) -> String {
    use base64::Engine as _;
    let digest = Sha256::digest(blob);
    format!(
        "SHA256:{}",
        base64::engine::general_purpose::STANDARD_NO_PAD.encode(digest)
    )
}

/// The key type named at the start of a public key blob (`ssh-ed25519`,
/// `ecdsa-sha2-nistp256`, `ssh-rsa`, …), or `unknown`.
pub fn blob_key_type(blob: &[u8]) -> String {
    let Some(len) = blob
        .get(..4)
        .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize)
    else {
        return "unknown".into();
    };
    blob.get(4..4 + len)
        .and_then(|t| std::str::from_utf8(t).ok())
        .map_or_else(|| "unknown".into(), ToString::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generates_every_algorithm() {
        for (alg, prefix) in [
            (KeyAlgorithm::Ed25519, "ssh-ed25519 "),
            (KeyAlgorithm::Ecdsa(Curve::P256), "ecdsa-sha2-nistp256 "),
            (KeyAlgorithm::Ecdsa(Curve::P384), "ecdsa-sha2-nistp384 "),
            (KeyAlgorithm::Ecdsa(Curve::P521), "ecdsa-sha2-nistp521 "),
        ] {
            let k = generate(alg).unwrap();
            assert!(k.public_openssh().starts_with(prefix), "{}", k.public_openssh());
            assert_eq!(k.public_openssh().split(' ').count(), 2, "no comment");
            assert!(
                k.private_openssh()
                    .starts_with("-----BEGIN OPENSSH PRIVATE KEY-----")
            );
            assert!(k.fingerprint().starts_with("SHA256:"));
            assert!(!format!("{k:?}").contains("PRIVATE KEY"));
            // Reading the private key back gives the same public key and fingerprint.
            let back = from_private_key(k.private_openssh().as_bytes(), None).unwrap();
            assert_eq!(back.public_openssh(), k.public_openssh());
            assert_eq!(back.fingerprint(), k.fingerprint());
            // The blob fingerprint agrees with ssh-key's.
            let blob = PublicKey::from_openssh(k.public_openssh())
                .unwrap()
                .to_bytes()
                .unwrap();
            assert_eq!(fingerprint_of_blob(&blob), k.fingerprint());
            assert_eq!(blob_key_type(&blob), prefix.trim());
        }
        assert_eq!(KeyAlgorithm::default(), KeyAlgorithm::Ecdsa(Curve::P384));
    }

    #[test]
    fn flags_map_to_algorithms() {
        assert_eq!(
            KeyAlgorithm::from_flags("ecdsa", "p521").unwrap(),
            KeyAlgorithm::Ecdsa(Curve::P521)
        );
        assert_eq!(
            KeyAlgorithm::from_flags("ed25519", "p384").unwrap(),
            KeyAlgorithm::Ed25519
        );
        assert!(
            KeyAlgorithm::from_flags("rsa", "p384")
                .unwrap_err()
                .to_string()
                .contains("RSA")
        );
        assert!(
            KeyAlgorithm::from_flags("ecdsa", "p999")
                .unwrap_err()
                .to_string()
                .contains("p999")
        );
    }

    #[test]
    fn existing_rsa_keys_are_read() {
        // RSA keys are not generated, but an existing one (ssh-keygen's OpenSSH format) works.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("id_rsa");
        let out = std::process::Command::new("ssh-keygen")
            .args(["-q", "-t", "rsa", "-b", "2048", "-N", "", "-C", "", "-f"])
            .arg(&path)
            .output()
            .expect("run ssh-keygen (package openssh-client)");
        assert!(out.status.success());
        let k = from_private_key(&std::fs::read(&path).unwrap(), None).unwrap();
        let want = std::fs::read_to_string(path.with_extension("pub")).unwrap();
        assert_eq!(k.public_openssh(), want.trim());
        assert!(k.public_openssh().starts_with("ssh-rsa "));
    }

    #[test]
    fn encrypted_keys_need_their_passphrase() {
        let plain = PrivateKey::random(&mut OsRng, Algorithm::Ed25519).unwrap();
        let enc = plain.encrypt(&mut OsRng, "correct horse").unwrap();
        let text = enc.to_openssh(LineEnding::LF).unwrap();
        assert!(matches!(
            from_private_key(text.as_bytes(), None),
            Err(KeyError::PassphraseRequired)
        ));
        assert!(matches!(
            from_private_key(text.as_bytes(), Some("wrong")),
            Err(KeyError::WrongPassphrase)
        ));
        let k = from_private_key(text.as_bytes(), Some("correct horse")).unwrap();
        assert!(k.is_encrypted());
        assert_eq!(k.private_openssh(), text.as_str(), "kept as given");
        let (dec, public) = decrypted_openssh(text.as_bytes(), Some("correct horse"))
            .unwrap()
            .unwrap();
        assert!(!PrivateKey::from_openssh(dec.as_bytes()).unwrap().is_encrypted());
        assert_eq!(public, k.public_openssh());
        assert!(decrypted_openssh(b"-----BEGIN EC PRIVATE KEY-----\n", None).is_none());
        let e = from_private_key(b"not a key", None).unwrap_err().to_string();
        assert!(e.contains("OpenSSH format"), "{e}");
    }
}
