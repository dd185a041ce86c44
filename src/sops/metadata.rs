//! The `sops` metadata of a file: its master keys (the data key encrypted once per
//! recipient), the rules saying which values are encrypted, and the MAC.

use regex::Regex;
use serde_json::Value;
use zeroize::Zeroizing;

use super::age::{self, Identity};
use super::cipher::{Rules, rfc3339};
use super::{Error, Keys};

/// A file's metadata as flux-rs uses it.
#[derive(Debug)]
pub struct Metadata {
    /// Key groups (one, unless the file uses Shamir secret sharing).
    pub groups: Vec<Group>,
    /// Which values are encrypted.
    pub rules: Rules,
    /// The encrypted MAC.
    pub mac: String,
    /// `lastmodified`, as the MAC's additional data.
    pub last_modified: String,
}

/// The master keys of one key group.
#[derive(Debug, Default)]
pub struct Group {
    /// age recipients and the data key encrypted to each.
    pub age: Vec<(String, String)>,
    /// Other master keys flux-rs cannot use, as `type (id)` for messages.
    pub other: Vec<String>,
}

impl Metadata {
    /// Reads the `sops` mapping (as JSON). Values of a flattened (dotenv) file are all
    /// strings; booleans are read from `true`/`false` text as SOPS does.
    pub fn parse(v: &Value) -> Result<Metadata, Error> {
        let bad = |m: &str| Error::Format(format!("sops metadata: {m}"));
        let map = v.as_object().ok_or_else(|| bad("not a mapping"))?;
        let text = |k: &str| -> Result<Option<String>, Error> {
            match map.get(k) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.clone())),
                Some(Value::Number(n)) => Ok(Some(n.to_string())),
                Some(Value::Bool(b)) => Ok(Some(b.to_string())),
                Some(_) => Err(bad(&format!("{k} is not a string"))),
            }
        };
        let non_empty = |k: &str| -> Result<Option<String>, Error> { Ok(text(k)?.filter(|s| !s.is_empty())) };
        for k in ["unencrypted_comment_regex", "encrypted_comment_regex"] {
            if non_empty(k)?.is_some() {
                return Err(Error::Unsupported(format!(
                    "sops metadata {k}: comment-based rules are not supported by flux-rs"
                )));
            }
        }
        let regex = |k: &str| -> Result<Option<Regex>, Error> {
            non_empty(k)?
                .map(|r| {
                    Regex::new(&r).map_err(|e| bad(&format!("{k} is not a valid regular expression: {e}")))
                })
                .transpose()
        };
        let mut rules = Rules {
            unencrypted_suffix: non_empty("unencrypted_suffix")?,
            encrypted_suffix: non_empty("encrypted_suffix")?,
            unencrypted_regex: regex("unencrypted_regex")?,
            encrypted_regex: regex("encrypted_regex")?,
            mac_only_encrypted: matches!(
                text("mac_only_encrypted")?.as_deref(),
                Some("true" | "True" | "TRUE" | "1" | "t" | "T")
            ),
        };
        let count = usize::from(rules.unencrypted_suffix.is_some())
            + usize::from(rules.encrypted_suffix.is_some())
            + usize::from(rules.unencrypted_regex.is_some())
            + usize::from(rules.encrypted_regex.is_some());
        if count > 1 {
            return Err(bad(
                "more than one of encrypted_suffix, unencrypted_suffix, encrypted_regex and unencrypted_regex",
            ));
        }
        if count == 0 {
            rules.unencrypted_suffix = Some("_unencrypted".into());
        }
        let mut groups = Vec::new();
        match map.get("key_groups") {
            Some(Value::Array(gs)) if !gs.is_empty() => {
                for g in gs {
                    groups.push(group(g)?);
                }
            }
            _ => groups.push(group(v)?),
        }
        let last_modified = text("lastmodified")?.ok_or_else(|| bad("lastmodified is missing"))?;
        Ok(Metadata {
            groups,
            rules,
            mac: text("mac")?.unwrap_or_default(),
            last_modified: rfc3339(&last_modified),
        })
    }

    /// Every master key the file offers, for messages: `age (age1…)`, `pgp (FINGERPRINT)`, …
    pub fn offered(&self) -> Vec<String> {
        let mut out = Vec::new();
        for g in &self.groups {
            out.extend(g.age.iter().map(|(r, _)| format!("age ({r})")));
            out.extend(g.other.iter().cloned());
        }
        out
    }

    /// The data key, unwrapped with one of `keys`' age identities.
    pub fn data_key(&self, keys: &Keys) -> Result<Zeroizing<[u8; 32]>, Error> {
        if self.groups.len() > 1 {
            return Err(Error::Unsupported(format!(
                "the data key is split over {} key groups (Shamir secret sharing), which flux-rs does not support",
                self.groups.len()
            )));
        }
        let offered = self.offered().join(", ");
        let Some(group) = self.groups.first() else {
            return Err(Error::Format("sops metadata lists no master keys".into()));
        };
        if keys.identities.is_empty() {
            return Err(Error::NoKey {
                offered,
                identities: 0,
            });
        }
        for (_, enc) in &group.age {
            match age::decrypt(enc.as_bytes(), &keys.identities) {
                Ok(key) => {
                    let key: [u8; 32] = key
                        .as_slice()
                        .try_into()
                        .map_err(|_| Error::Format("the age-encrypted data key is not 32 bytes".into()))?;
                    return Ok(Zeroizing::new(key));
                }
                Err(age::Error::NoMatch) => {}
                Err(e) => return Err(Error::Age(e)),
            }
        }
        Err(Error::NoKey {
            offered,
            identities: keys.identities.len(),
        })
    }
}

fn group(v: &Value) -> Result<Group, Error> {
    let bad = |m: String| Error::Format(format!("sops metadata: {m}"));
    let mut g = Group::default();
    let list = |k: &str| -> Result<Vec<&serde_json::Map<String, Value>>, Error> {
        match v.get(k) {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::Array(items)) => items
                .iter()
                .map(|i| {
                    i.as_object()
                        .ok_or_else(|| bad(format!("{k} entries must be mappings")))
                })
                .collect(),
            Some(_) => Err(bad(format!("{k} is not a list"))),
        }
    };
    let field = |m: &serde_json::Map<String, Value>, k: &str| {
        m.get(k).and_then(Value::as_str).unwrap_or("").to_string()
    };
    for a in list("age")? {
        g.age.push((field(a, "recipient"), field(a, "enc")));
    }
    for (k, label, id) in [
        ("pgp", "pgp", "fp"),
        ("kms", "AWS KMS", "arn"),
        ("gcp_kms", "GCP KMS", "resource_id"),
        ("azure_kv", "Azure Key Vault", "vault_url"),
        ("hc_vault", "HashiCorp Vault", "vault_address"),
        ("hckms", "HuaweiCloud KMS", "key_id"),
    ] {
        for m in list(k)? {
            g.other.push(format!("{label} ({})", field(m, id)));
        }
    }
    if g.age.is_empty() && g.other.is_empty() {
        return Err(bad("no master keys".into()));
    }
    Ok(g)
}

/// The identities of a SOPS age key file, as `parse_file` of [`Identity`].
pub fn identities(text: &str) -> Result<Vec<Identity>, Error> {
    Identity::parse_file(text).map_err(Error::Age)
}
