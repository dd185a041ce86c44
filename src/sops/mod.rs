//! SOPS decryption with age keys, as kustomize-controller decrypts a Kustomization's
//! files: pure (no I/O, no environment), in memory.
//!
//! * [`Keys`] holds age X25519 identities (from `*.agekey` Secret entries, a
//!   `--sops-age-key-file` or `SOPS_AGE_KEY`).
//! * [`decrypt_documents`] decrypts the SOPS-encrypted YAML/JSON documents of one manifest
//!   file in the build's node trees; [`decrypt_file`] decrypts a whole file of a given
//!   [`Format`] (dotenv, binary, JSON, YAML generator sources) into the bytes `sops decrypt`
//!   writes.
//! * Every file's MAC is verified: a changed value, key order or document fails with
//!   [`Error::Mac`]. Only age keys are supported; a file that only PGP or cloud KMS keys open
//!   fails naming the keys it offers ([`Error::NoKey`]).
//! * Without keys, [`mask_documents`] and [`mask_file`] show encrypted values as
//!   [`MASK`], never as ciphertext passed off as data.
//!
//! Errors name paths (`stringData.password`) and lines, never a value; decrypted bytes are
//! zeroed when dropped.

pub mod age;
mod cipher;
mod files;
mod metadata;
mod tree;

use std::sync::Arc;

use serde_json::Value;
use zeroize::Zeroizing;

pub use age::Identity;
pub use tree::{decrypt_documents, is_encrypted_documents, mask_documents};

use crate::yaml::Node;

/// What an encrypted value is shown as when no key is given (as `flux build` shows it).
pub const MASK: &str = "**SOPS**";

/// The mask as a Secret `data` value (base64 of [`MASK`]).
pub fn mask_base64() -> String {
    tree::mask_text(true)
}

/// The extension of age key entries in a decryption Secret.
pub const AGE_KEY_SUFFIX: &str = ".agekey";

/// Why a file cannot be decrypted. Never contains a decrypted or encrypted value.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file's SOPS structure is malformed.
    #[error("{0}")]
    Format(String),
    /// A value does not authenticate with the data key (tampered ciphertext or path).
    #[error("a value does not decrypt with the data key (modified after encryption?)")]
    Value,
    /// The MAC over the cleartext does not match.
    #[error("MAC mismatch: the file was modified after it was encrypted")]
    Mac,
    /// No given identity opens the data key.
    #[error("{}", no_key(*.identities, .offered))]
    NoKey {
        /// The master keys the file offers.
        offered: String,
        /// How many age identities were tried.
        identities: usize,
    },
    /// Too few key groups of a Shamir-split data key could be opened.
    #[error(
        "cannot decrypt the data key: it is split over {groups} key groups and {needed} are needed, but the age identities given open {opened}; the file is encrypted for {offered}"
    )]
    Quorum {
        /// Groups opened.
        opened: usize,
        /// Groups in the file.
        groups: usize,
        /// The threshold.
        needed: usize,
        /// The master keys the file offers.
        offered: String,
    },
    /// An age envelope of the data key is malformed.
    #[error("the age-encrypted data key: {0}")]
    Age(#[from] age::Error),
    /// A SOPS feature flux-rs does not implement.
    #[error("{0}")]
    Unsupported(String),
    /// An error at one value.
    #[error("{}{}: {source}", .path, line_suffix(*.line))]
    At {
        /// Dotted path of mapping keys.
        path: String,
        /// Line in the file (0 when unknown).
        line: usize,
        /// The error.
        source: Box<Error>,
    },
}

fn line_suffix(line: usize) -> String {
    if line == 0 {
        String::new()
    } else {
        format!(" (line {line})")
    }
}

fn no_key(identities: usize, offered: &str) -> String {
    let tried = match identities {
        0 => "no age identity was given".to_string(),
        1 => "the age identity given does not match".to_string(),
        n => format!("none of the {n} age identities given matches"),
    };
    format!(
        "cannot decrypt the data key: {tried}; the file is encrypted for {offered} (flux-rs decrypts with age keys only)"
    )
}

/// Age identities to decrypt with.
#[derive(Clone, Default)]
pub struct Keys {
    identities: Vec<Identity>,
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Keys({} age identities)", self.identities.len())
    }
}

impl Keys {
    /// No keys.
    pub fn new() -> Keys {
        Keys::default()
    }

    /// Adds the identities of an age key file (`AGE-SECRET-KEY-1…` lines, `#` comments);
    /// returns how many it held.
    pub fn add_key_file(&mut self, text: &str) -> Result<usize, Error> {
        let ids = metadata::identities(text)?;
        let n = ids.len();
        self.identities.extend(ids);
        Ok(n)
    }

    /// Whether no identity was added.
    pub fn is_empty(&self) -> bool {
        self.identities.is_empty()
    }

    /// The recipients (`age1…`) of the identities, for messages.
    pub fn recipients(&self) -> Vec<String> {
        self.identities.iter().map(Identity::recipient).collect()
    }
}

/// How a build treats SOPS-encrypted files.
#[derive(Clone, Debug)]
pub enum Decryption {
    /// Decrypt with these keys (the MAC verified); a file they cannot open fails the build.
    Keys(Arc<Keys>),
    /// Show encrypted values as [`MASK`] (previews without a key).
    Mask,
}

/// The format of a file used as a generator source, from its name as kustomize-controller
/// decides it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `.yaml`, `.yml`.
    Yaml,
    /// `.json`, and `.dockerconfigjson`.
    Json,
    /// `.env`.
    Dotenv,
    /// `.ini`.
    Ini,
    /// Anything else.
    Binary,
}

impl Format {
    /// The format of a file named `name`.
    pub fn for_path(name: &str) -> Format {
        // As SOPS decides (case-sensitive suffixes), plus kustomize-controller's
        // `.dockerconfigjson`.
        match name.rsplit_once('.').map(|(_, ext)| ext) {
            Some("json" | "dockerconfigjson") => Format::Json,
            Some("yaml" | "yml") => Format::Yaml,
            Some("env") => Format::Dotenv,
            Some("ini") => Format::Ini,
            _ => Format::Binary,
        }
    }

    /// The text SOPS leaves in every encrypted file of this format (its MAC entry).
    fn marker(self) -> &'static [u8] {
        match self {
            Format::Binary | Format::Json => b"\"mac\": \"ENC[",
            Format::Dotenv => b"sops_mac=ENC[",
            Format::Ini => b"[sops]",
            Format::Yaml => b"mac: ENC[",
        }
    }

    /// Whether `data` looks SOPS-encrypted in this format.
    pub fn is_encrypted(self, data: &[u8]) -> bool {
        let m = self.marker();
        data.windows(m.len()).any(|w| w == m)
    }
}

/// Decrypts a whole file; `Ok(None)` when it is not SOPS-encrypted in `format`.
pub fn decrypt_file(data: &[u8], format: Format, keys: &Keys) -> Result<Option<Zeroizing<Vec<u8>>>, Error> {
    if !format.is_encrypted(data) {
        return Ok(None);
    }
    files::decrypt(data, format, Some(keys))
}

/// What an encrypted file is shown as without a key: a dotenv file keeps its keys with
/// masked values, any other format becomes [`MASK`]. `Ok(None)` when it is not encrypted.
pub fn mask_file(data: &[u8], format: Format) -> Result<Option<Vec<u8>>, Error> {
    if !format.is_encrypted(data) {
        return Ok(None);
    }
    Ok(files::decrypt(data, format, None)?.map(|z| z.to_vec()))
}

/// Decrypts or masks the documents of one manifest file as `decryption` says; returns
/// whether any was encrypted.
pub fn apply_documents(docs: &mut [Node], decryption: &Decryption) -> Result<bool, Error> {
    apply_documents_except(docs, decryption, |_| false)
}

/// [`apply_documents`], leaving the documents `keep` selects encrypted (see
/// [`tree::decrypt_documents_except`]).
pub fn apply_documents_except(
    docs: &mut [Node],
    decryption: &Decryption,
    keep: impl Fn(&Node) -> bool,
) -> Result<bool, Error> {
    match decryption {
        Decryption::Keys(keys) => tree::decrypt_documents_except(docs, keys, keep),
        Decryption::Mask => tree::mask_documents_except(docs, keep),
    }
}

/// Whether a built object still carries SOPS metadata (a top-level `sops` mapping with a
/// `mac`, `lastmodified` or `version`): it must not be applied.
pub fn is_encrypted_object(obj: &Value) -> bool {
    obj.get("sops").and_then(Value::as_object).is_some_and(|s| {
        ["mac", "lastmodified", "version"]
            .iter()
            .any(|k| s.contains_key(*k))
    })
}

#[cfg(test)]
mod tests;
