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
    /// How many groups' shares rebuild the data key (all of them when 0).
    pub shamir_threshold: usize,
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
        let shamir_threshold = match text("shamir_threshold")? {
            None => 0,
            Some(t) => t.parse().map_err(|_| bad("shamir_threshold is not a number"))?,
        };
        Ok(Metadata {
            groups,
            shamir_threshold,
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

    /// The data key, unwrapped with one of `keys`' age identities — or, when it is split
    /// over several key groups (Shamir secret sharing), rebuilt from the shares of as many
    /// groups as the threshold asks.
    pub fn data_key(&self, keys: &Keys) -> Result<Zeroizing<[u8; 32]>, Error> {
        let offered = self.offered().join(", ");
        if self.groups.is_empty() {
            return Err(Error::Format("sops metadata lists no master keys".into()));
        }
        if keys.identities.is_empty() {
            return Err(Error::NoKey {
                offered,
                identities: 0,
            });
        }
        let mut shares = Vec::new();
        for group in &self.groups {
            if let Some(share) = open_group(group, keys)? {
                shares.push(share);
            }
        }
        let key = if self.groups.len() == 1 {
            match shares.pop() {
                Some(k) => k,
                None => {
                    return Err(Error::NoKey {
                        offered,
                        identities: keys.identities.len(),
                    });
                }
            }
        } else {
            let needed = if self.shamir_threshold == 0 {
                self.groups.len()
            } else {
                self.shamir_threshold
            };
            if shares.len() < needed.max(2) {
                return Err(Error::Quorum {
                    opened: shares.len(),
                    groups: self.groups.len(),
                    needed,
                    offered,
                });
            }
            shamir_combine(&shares)?
        };
        let key: [u8; 32] = key
            .as_slice()
            .try_into()
            .map_err(|_| Error::Format("the data key is not 32 bytes".into()))?;
        Ok(Zeroizing::new(key))
    }
}

/// The data key (or its share) of one key group, if an identity opens one of its age keys.
fn open_group(group: &Group, keys: &Keys) -> Result<Option<Zeroizing<Vec<u8>>>, Error> {
    for (_, enc) in &group.age {
        match age::decrypt(enc.as_bytes(), &keys.identities) {
            Ok(key) => return Ok(Some(key)),
            Err(age::Error::NoMatch) => {}
            Err(e) => return Err(Error::Age(e)),
        }
    }
    Ok(None)
}

/// GF(2^8) multiplication with the AES polynomial (x^8 + x^4 + x^3 + x + 1), as SOPS's
/// Shamir secret sharing uses it.
fn gf_mul(mut a: u8, mut b: u8) -> u8 {
    let mut out = 0u8;
    while b != 0 {
        if b & 1 == 1 {
            out ^= a;
        }
        let carry = a & 0x80 != 0;
        a <<= 1;
        if carry {
            a ^= 0x1b;
        }
        b >>= 1;
    }
    out
}

/// The multiplicative inverse (a^254); 0 has none and gives 0.
fn gf_inv(a: u8) -> u8 {
    let mut result = 1u8;
    let mut base = a;
    let mut e = 254u8;
    while e != 0 {
        if e & 1 == 1 {
            result = gf_mul(result, base);
        }
        base = gf_mul(base, base);
        e >>= 1;
    }
    result
}

/// Rebuilds a secret from Shamir shares (each: the share bytes, then its x coordinate) by
/// Lagrange interpolation at x = 0.
fn shamir_combine(shares: &[Zeroizing<Vec<u8>>]) -> Result<Zeroizing<Vec<u8>>, Error> {
    let bad = |m: &str| Error::Format(format!("Shamir shares of the data key: {m}"));
    let len = shares.first().map_or(0, |s| s.len());
    if len < 2 || shares.iter().any(|s| s.len() != len) {
        return Err(bad("they differ in length"));
    }
    let xs: Vec<u8> = shares.iter().map(|s| s[len - 1]).collect();
    for (i, x) in xs.iter().enumerate() {
        if *x == 0 || xs[..i].contains(x) {
            return Err(bad("a share is duplicated or has no coordinate"));
        }
    }
    let mut secret = Zeroizing::new(vec![0u8; len - 1]);
    for (idx, byte) in secret.iter_mut().enumerate() {
        let mut value = 0u8;
        for (i, share) in shares.iter().enumerate() {
            let mut basis = 1u8;
            for (j, xj) in xs.iter().enumerate() {
                if i != j {
                    // (0 - xj) / (xi - xj) in GF(2^8), where subtraction is xor.
                    basis = gf_mul(basis, gf_mul(*xj, gf_inv(xs[i] ^ xj)));
                }
            }
            value ^= gf_mul(share[idx], basis);
        }
        *byte = value;
    }
    Ok(secret)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_arithmetic() {
        for a in 1..=255u8 {
            assert_eq!(gf_mul(a, gf_inv(a)), 1, "{a}");
        }
        assert_eq!(gf_mul(0x57, 0x83), 0xc1, "FIPS-197's example");
    }

    #[test]
    fn shares_of_a_line_rebuild_its_intercept() {
        // y = secret ^ (c * x) for each byte: any two points give the secret back.
        let secret = [0x42u8, 0x07, 0xff];
        let c = [0x11u8, 0x99, 0x01];
        let share = |x: u8| {
            let mut s: Vec<u8> = secret.iter().zip(c).map(|(s, c)| s ^ gf_mul(c, x)).collect();
            s.push(x);
            Zeroizing::new(s)
        };
        let got = shamir_combine(&[share(3), share(7)]).unwrap();
        assert_eq!(&got[..], &secret);
        let got = shamir_combine(&[share(200), share(1), share(9)]).unwrap();
        assert_eq!(&got[..], &secret);
        assert!(shamir_combine(&[share(3), share(3)]).is_err());
    }
}
