//! SOPS values and integrity: `ENC[AES256_GCM,…]` values, which values a file's rules say
//! are encrypted, and the MAC over the cleartext.

use std::fmt::Write as _;
use std::sync::LazyLock;

use aes_gcm::aead::consts::U32;
use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{AesGcm, Nonce};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use regex::Regex;
use sha2::{Digest, Sha512};
use zeroize::Zeroizing;

use super::Error;

/// SOPS's AES-256-GCM with 32-byte IVs.
type Aes256Gcm32 = AesGcm<aes::Aes256, U32>;

static ENC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^ENC\[AES256_GCM,data:(.+),iv:(.+),tag:(.+),type:(.+)\]").unwrap_or_else(|_| unreachable!())
});

/// The first bytes of the MAC when `mac_only_encrypted` is set (SHA-256 of `sops`), so that
/// such a MAC never equals one over every value.
const MAC_ONLY_ENCRYPTED_INIT: [u8; 32] = [
    0x8a, 0x3f, 0xd2, 0xad, 0x54, 0xce, 0x66, 0x52, 0x7b, 0x10, 0x34, 0xf3, 0xd1, 0x47, 0xbe, 0x0b, 0x0b,
    0x97, 0x5b, 0x3b, 0xf4, 0x4f, 0x72, 0xc6, 0xfd, 0xad, 0xec, 0x81, 0x76, 0xf2, 0x7d, 0x69,
];

/// A decrypted value, typed as the `type:` of its `ENC[…]` says.
#[derive(Clone)]
pub enum Plain {
    /// `str`, `time`, `bytes` and `comment` values, as raw bytes (a binary file's content
    /// need not be UTF-8).
    Bytes(Zeroizing<Vec<u8>>),
    /// `int`.
    Int(i64),
    /// `float`.
    Float(f64),
    /// `bool`.
    Bool(bool),
}

impl std::fmt::Debug for Plain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Plain(<redacted>)")
    }
}

impl Plain {
    /// The bytes the MAC covers for this value.
    pub fn mac_bytes(&self) -> Vec<u8> {
        match self {
            Plain::Bytes(b) => b.to_vec(),
            Plain::Int(i) => i.to_string().into_bytes(),
            Plain::Float(f) => go_float(*f).into_bytes(),
            Plain::Bool(true) => b"True".to_vec(),
            Plain::Bool(false) => b"False".to_vec(),
        }
    }

    /// The value as dotenv or plain text.
    pub fn text(&self) -> String {
        match self {
            Plain::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
            Plain::Int(i) => i.to_string(),
            Plain::Float(f) => go_float(*f),
            Plain::Bool(b) => b.to_string(),
        }
    }
}

/// Go's `strconv.FormatFloat(f, 'f', -1, 64)`.
pub fn go_float(f: f64) -> String {
    if f.is_nan() {
        "NaN".into()
    } else if f.is_infinite() {
        if f > 0.0 { "+Inf".into() } else { "-Inf".into() }
    } else {
        format!("{f}")
    }
}

/// Whether `s` is an encrypted SOPS value.
pub fn is_encrypted(s: &str) -> bool {
    ENC.is_match(s)
}

/// Decrypts one value with the data key; `aad` is the value's path (`a:b:`) or, for the MAC,
/// the `lastmodified` time. An empty string stays empty, as SOPS never encrypts one.
pub fn decrypt_value(value: &str, key: &[u8; 32], aad: &str) -> Result<Plain, Error> {
    if value.is_empty() {
        return Ok(Plain::Bytes(Zeroizing::new(Vec::new())));
    }
    let caps = ENC
        .captures(value)
        .ok_or_else(|| Error::Format("not an ENC[AES256_GCM,…] value".into()))?;
    let field = |i: usize, what: &str| {
        STANDARD
            .decode(caps.get(i).map_or("", |m| m.as_str()))
            .map_err(|_| Error::Format(format!("the {what} of an encrypted value is not base64")))
    };
    let (data, iv, tag) = (field(1, "data")?, field(2, "iv")?, field(3, "tag")?);
    let kind = caps.get(4).map_or("", |m| m.as_str());
    if iv.len() != 32 || tag.len() != 16 {
        return Err(Error::Format(
            "encrypted value with a wrong IV or tag size".into(),
        ));
    }
    let cipher = Aes256Gcm32::new_from_slice(key).map_err(|_| Error::Format("bad data key size".into()))?;
    let mut msg = data;
    msg.extend_from_slice(&tag);
    let plain = Zeroizing::new(
        cipher
            .decrypt(
                Nonce::<U32>::from_slice(&iv),
                Payload {
                    msg: &msg,
                    aad: aad.as_bytes(),
                },
            )
            .map_err(|_| Error::Value)?,
    );
    let text = String::from_utf8_lossy(&plain);
    let bad = |t: &str| Error::Format(format!("a value of type {t} does not parse as one"));
    Ok(match kind {
        "str" | "bytes" | "time" | "comment" => Plain::Bytes(plain.clone()),
        "int" => Plain::Int(text.parse().map_err(|_| bad("int"))?),
        "float" => Plain::Float(parse_go_float(&text).ok_or_else(|| bad("float"))?),
        "bool" => Plain::Bool(parse_go_bool(&text).ok_or_else(|| bad("bool"))?),
        other => return Err(Error::Format(format!("unknown value type {other:?}"))),
    })
}

fn parse_go_float(s: &str) -> Option<f64> {
    match s {
        "+Inf" | "Inf" | "inf" | "+inf" => Some(f64::INFINITY),
        "-Inf" | "-inf" => Some(f64::NEG_INFINITY),
        "NaN" | "nan" => Some(f64::NAN),
        _ => s.parse().ok(),
    }
}

fn parse_go_bool(s: &str) -> Option<bool> {
    match s {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}

/// Which values a file's metadata says are encrypted.
#[derive(Clone, Debug, Default)]
pub struct Rules {
    /// `unencrypted_suffix` (the default `_unencrypted` when no rule is set).
    pub unencrypted_suffix: Option<String>,
    /// `encrypted_suffix`.
    pub encrypted_suffix: Option<String>,
    /// `unencrypted_regex`.
    pub unencrypted_regex: Option<Regex>,
    /// `encrypted_regex`.
    pub encrypted_regex: Option<Regex>,
    /// `mac_only_encrypted`: the MAC covers only encrypted values.
    pub mac_only_encrypted: bool,
}

impl Rules {
    /// Whether the value at `path` (the mapping keys leading to it) is encrypted: later rules
    /// override earlier ones, and a rule matches when any key of the path matches, as in
    /// SOPS.
    pub fn encrypted(&self, path: &[String]) -> bool {
        let mut enc = true;
        if let Some(s) = self.unencrypted_suffix.as_deref().filter(|s| !s.is_empty())
            && path.iter().any(|k| k.ends_with(s))
        {
            enc = false;
        }
        if let Some(s) = self.encrypted_suffix.as_deref().filter(|s| !s.is_empty()) {
            enc = path.iter().any(|k| k.ends_with(s));
        }
        if let Some(r) = &self.unencrypted_regex
            && path.iter().any(|k| r.is_match(k))
        {
            enc = false;
        }
        if let Some(r) = &self.encrypted_regex {
            enc = path.iter().any(|k| r.is_match(k));
        }
        enc
    }
}

/// The MAC being computed over a file's cleartext values, in file order.
pub struct Mac {
    hash: Sha512,
    only_encrypted: bool,
}

impl Mac {
    /// A MAC for a file with these rules.
    pub fn new(rules: &Rules) -> Mac {
        let mut hash = Sha512::new();
        if rules.mac_only_encrypted {
            hash.update(MAC_ONLY_ENCRYPTED_INIT);
        }
        Mac {
            hash,
            only_encrypted: rules.mac_only_encrypted,
        }
    }

    /// Adds one cleartext value (whether it was encrypted decides if it counts with
    /// `mac_only_encrypted`).
    pub fn add(&mut self, bytes: &[u8], encrypted: bool) {
        if !self.only_encrypted || encrypted {
            self.hash.update(bytes);
        }
    }

    /// Checks the computed MAC against the file's `mac` (decrypted with the data key and the
    /// `lastmodified` time).
    pub fn verify(self, stored: &str, key: &[u8; 32], last_modified: &str) -> Result<(), Error> {
        if stored.is_empty() {
            return Err(Error::Format("the sops metadata has no MAC".into()));
        }
        let expected = match decrypt_value(stored, key, last_modified) {
            Ok(Plain::Bytes(s)) => String::from_utf8_lossy(&s).into_owned(),
            Ok(_) | Err(Error::Value) => return Err(Error::Mac),
            Err(e) => return Err(e),
        };
        let got: String = self.hash.finalize().iter().fold(String::new(), |mut s, b| {
            let _ = write!(s, "{b:02X}");
            s
        });
        if got == expected { Ok(()) } else { Err(Error::Mac) }
    }
}

/// `lastmodified` as Go's `time.Format(time.RFC3339)` prints the parsed time: no fraction,
/// `Z` for UTC.
pub fn rfc3339(last_modified: &str) -> String {
    let s = last_modified.trim();
    let (main, zone) = match s
        .char_indices()
        .rev()
        .find(|(i, c)| *i > 10 && matches!(c, 'Z' | 'z' | '+' | '-'))
    {
        Some((i, _)) => s.split_at(i),
        None => (s, ""),
    };
    let main = main.split('.').next().unwrap_or(main);
    let zone = match zone {
        "z" | "Z" | "+00:00" | "-00:00" => "Z",
        z => z,
    };
    format!("{main}{zone}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_follow_sops_precedence() {
        let p = |v: &[&str]| v.iter().map(|s| (*s).to_string()).collect::<Vec<_>>();
        let default = Rules {
            unencrypted_suffix: Some("_unencrypted".into()),
            ..Rules::default()
        };
        assert!(default.encrypted(&p(&["data", "password"])));
        assert!(!default.encrypted(&p(&["user_unencrypted"])));
        assert!(!default.encrypted(&p(&["a_unencrypted", "b"])));
        let regex = Rules {
            encrypted_regex: Some(Regex::new("^(data|stringData)$").unwrap()),
            ..Rules::default()
        };
        assert!(regex.encrypted(&p(&["data", "x"])));
        assert!(!regex.encrypted(&p(&["metadata", "name"])));
        let unregex = Rules {
            unencrypted_regex: Some(Regex::new("^(kind|apiVersion|metadata)$").unwrap()),
            ..Rules::default()
        };
        assert!(!unregex.encrypted(&p(&["metadata", "name"])));
        assert!(unregex.encrypted(&p(&["spec", "x"])));
        let suffix = Rules {
            encrypted_suffix: Some("_secret".into()),
            ..Rules::default()
        };
        assert!(suffix.encrypted(&p(&["db_secret", "x"])));
        assert!(!suffix.encrypted(&p(&["db", "x"])));
    }

    #[test]
    fn go_formats() {
        assert_eq!(go_float(3.0), "3");
        assert_eq!(go_float(1.5), "1.5");
        assert_eq!(go_float(1e21), "1000000000000000000000");
        assert_eq!(go_float(f64::INFINITY), "+Inf");
        assert_eq!(rfc3339("2026-12-07T07:57:16Z"), "2026-12-07T07:57:16Z");
        assert_eq!(rfc3339("2026-12-07T07:57:16.123+00:00"), "2026-12-07T07:57:16Z");
        assert_eq!(rfc3339("2026-12-07T07:57:16+02:00"), "2026-12-07T07:57:16+02:00");
    }

    #[test]
    fn values_that_are_not_encrypted_are_errors_without_the_value() {
        let key = [0u8; 32];
        let e = decrypt_value("hunter2", &key, "a:").unwrap_err().to_string();
        assert!(!e.contains("hunter2"), "{e}");
        assert_eq!(decrypt_value("", &key, "a:").unwrap().text(), "");
        let e = decrypt_value(
            "ENC[AES256_GCM,data:AAAA,iv:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=,tag:AAAAAAAAAAAAAAAAAAAAAA==,type:str]",
            &key,
            "a:",
        )
        .unwrap_err();
        assert!(matches!(e, Error::Value), "{e}");
    }
}
