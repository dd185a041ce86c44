//! `configMapGenerator` and `secretGenerator`, and the content hash kustomize appends to
//! generated names.
//!
//! The hash: the object's kind, data (and binaryData, or a Secret's type), with an empty name
//! (a kustomize quirk), are encoded as a JSON object with sorted keys the way Go's
//! `encoding/json` writes it (HTML-safe escapes included), hashed with SHA-256, and the first
//! ten hex digits are kept with `0 1 3 a e` replaced by `g h k m t` so the suffix never
//! spells a word or looks like a number.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use base64::Engine as _;
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

use super::fs::Root;
use super::kfile::{GeneratorOptions, GeneratorSpec};
use super::resource::{Origin, Resource};
use super::{Error, Result};

/// ConfigMap or Secret.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GenKind {
    /// A ConfigMap.
    ConfigMap,
    /// A Secret.
    Secret,
}

impl GenKind {
    fn kind(self) -> &'static str {
        match self {
            GenKind::ConfigMap => "ConfigMap",
            GenKind::Secret => "Secret",
        }
    }

    /// The generator's name in kustomize's origin annotations.
    pub fn generator(self) -> &'static str {
        match self {
            GenKind::ConfigMap => "ConfigMapGenerator",
            GenKind::Secret => "SecretGenerator",
        }
    }
}

/// `create`, `merge` or `replace`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Behavior {
    /// A new object.
    Create,
    /// Merge into an object of a lower layer.
    Merge,
    /// Replace an object of a lower layer.
    Replace,
}

/// A generated object and how it joins the build.
pub struct Generated {
    /// The object.
    pub resource: Resource,
    /// Its behaviour.
    pub behavior: Behavior,
}

/// Runs one generator entry of the kustomization `kfile` in `dir`.
pub fn generate(
    root: &Root,
    dir: &Path,
    kfile: &str,
    kind: GenKind,
    spec: &GeneratorSpec,
    global: Option<&GeneratorOptions>,
    restrict_to: Option<&Path>,
) -> Result<Generated> {
    let what = match kind {
        GenKind::ConfigMap => "configMapGenerator",
        GenKind::Secret => "secretGenerator",
    };
    let err = |message: String| Error::Kustomization {
        file: kfile.to_string(),
        message: format!("{what} {:?}: {message}", spec.name),
    };
    if spec.name.is_empty() {
        return Err(err("a generator needs a name".into()));
    }
    let behavior = match spec.behavior.as_deref() {
        None | Some("" | "create") => Behavior::Create,
        Some("merge") => Behavior::Merge,
        Some("replace") => Behavior::Replace,
        // kustomize reads any other value as unspecified, which is create.
        Some(_) => Behavior::Create,
    };
    // Keys in the order kustomize adds them: env files, literals, files.
    let mut entries: Vec<(String, Vec<u8>)> = Vec::new();
    let add = |k: String, v: Vec<u8>, entries: &mut Vec<(String, Vec<u8>)>| -> Result<()> {
        validate_key(&k).map_err(|m| err(m.clone()))?;
        if entries.iter().any(|(e, _)| *e == k) {
            return Err(err(format!("key {k:?} is defined more than once")));
        }
        entries.push((k, v));
        Ok(())
    };
    // secretGenerator sources are read through the build's SOPS view (decrypted or masked),
    // as kustomize-controller decrypts them before the build; configMapGenerator's are not.
    let read = |reference: &str, field: &str, key: Option<&str>| -> Result<Vec<u8>> {
        let p = root.resolve(dir, reference, kfile, field)?;
        if let Some(base) = restrict_to
            && !p.starts_with(base)
        {
            return Err(Error::Security {
                file: kfile.to_string(),
                message: format!(
                    "{field} {reference:?} is not in or below the kustomization directory {}",
                    root.display(base)
                ),
            });
        }
        match kind {
            GenKind::Secret => root.read_generator_source(&p, key),
            GenKind::ConfigMap => root.read_bytes(&p),
        }
    };
    let envs: Vec<&String> = spec.envs.iter().chain(spec.env.iter()).collect();
    for env in envs {
        let bytes = read(env, &format!("{what}.envs"), None)?;
        let text = String::from_utf8_lossy(&bytes);
        for (i, line) in text.lines().enumerate() {
            let line = if i == 0 {
                line.trim_start_matches('\u{feff}')
            } else {
                line
            };
            let line = line.trim_start();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (k, v) = match line.split_once('=') {
                Some((k, v)) => (k.to_string(), v.to_string()),
                // kustomize v5 gives a key without `=` an empty value: the environment is never
                // read (it would put the controller's or the user's variables into a Secret).
                None => (line.to_string(), String::new()),
            };
            if k.contains(char::is_whitespace) {
                return Err(err(format!("{env}:{}: invalid key {k:?}", i + 1)));
            }
            add(k, v.into_bytes(), &mut entries)?;
        }
    }
    for lit in &spec.literals {
        let Some((k, v)) = lit.split_once('=') else {
            return Err(err(format!("literal {lit:?} must be key=value")));
        };
        add(k.to_string(), unquote(v).as_bytes().to_vec(), &mut entries)?;
    }
    for f in &spec.files {
        let (k, path) = if let Some((k, p)) = f.split_once('=') {
            if k.is_empty() {
                return Err(err(format!("file source {f:?} has an empty key")));
            }
            (k.to_string(), p)
        } else {
            let base = Path::new(f)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (base, f.as_str())
        };
        let bytes = read(path, &format!("{what}.files"), Some(&k))?;
        add(k, bytes, &mut entries)?;
    }

    let (obj, disable_hash) = object(kind, spec, entries, global);
    let mut resource = Resource::new(
        obj,
        Origin {
            path: None,
            configured_in: Some(kfile.to_string()),
            configured_by: Some(kind.generator().to_string()),
            ..Origin::default()
        },
    );
    resource.needs_hash = !disable_hash;
    Ok(Generated { resource, behavior })
}

/// The generated object from its entries (in order) and the options (the global ones, then
/// the generator's own); also whether the name suffix hash is disabled.
fn object(
    kind: GenKind,
    spec: &GeneratorSpec,
    entries: Vec<(String, Vec<u8>)>,
    global: Option<&GeneratorOptions>,
) -> (Map<String, Value>, bool) {
    let mut data = Map::new();
    let mut binary = Map::new();
    for (k, v) in entries {
        match kind {
            GenKind::Secret => {
                data.insert(k, Value::String(encode_base64(&v)));
            }
            GenKind::ConfigMap => match String::from_utf8(v) {
                Ok(s) => {
                    data.insert(k, Value::String(s));
                }
                Err(e) => {
                    binary.insert(k, Value::String(encode_base64(e.as_bytes())));
                }
            },
        }
    }

    let mut labels: BTreeMap<String, String> = BTreeMap::new();
    let mut annotations: BTreeMap<String, String> = BTreeMap::new();
    let mut disable_hash = false;
    let mut immutable = false;
    for o in [global, spec.options.as_ref()].into_iter().flatten() {
        labels.extend(o.labels.clone());
        annotations.extend(o.annotations.clone());
        if let Some(d) = o.disable_name_suffix_hash {
            disable_hash = d;
        }
        if let Some(i) = o.immutable {
            immutable = i;
        }
    }

    let mut metadata = Map::new();
    metadata.insert("name".into(), json!(spec.name));
    if let Some(ns) = &spec.namespace
        && !ns.is_empty()
    {
        metadata.insert("namespace".into(), json!(ns));
    }
    if !labels.is_empty() {
        metadata.insert("labels".into(), json!(labels));
    }
    if !annotations.is_empty() {
        metadata.insert("annotations".into(), json!(annotations));
    }
    let mut obj = Map::new();
    obj.insert("apiVersion".into(), json!("v1"));
    obj.insert("kind".into(), json!(kind.kind()));
    obj.insert("metadata".into(), Value::Object(metadata));
    // A Secret always has its data map, even empty; a ConfigMap only when it has data.
    if !data.is_empty() || kind == GenKind::Secret {
        obj.insert("data".into(), Value::Object(data));
    }
    if !binary.is_empty() {
        obj.insert("binaryData".into(), Value::Object(binary));
    }
    if kind == GenKind::Secret {
        obj.insert(
            "type".into(),
            json!(
                spec.type_
                    .clone()
                    .filter(|t| !t.is_empty())
                    .unwrap_or_else(|| "Opaque".into())
            ),
        );
    }
    if immutable {
        obj.insert("immutable".into(), json!(true));
    }
    (obj, disable_hash)
}

/// Base64 as kustomize writes generated values: lines of 70 characters, each ending with a
/// line break, once the text is 70 characters or longer.
fn encode_base64(bytes: &[u8]) -> String {
    let text = base64::engine::general_purpose::STANDARD.encode(bytes);
    if text.len() < 70 {
        return text;
    }
    let mut out = String::with_capacity(text.len() + text.len() / 70 + 1);
    for chunk in text.as_bytes().chunks(70) {
        out.push_str(std::str::from_utf8(chunk).unwrap_or_default());
        out.push('\n');
    }
    out
}

fn unquote(v: &str) -> &str {
    let b = v.as_bytes();
    if b.len() >= 2 && (b[0] == b'"' || b[0] == b'\'') && b[b.len() - 1] == b[0] {
        &v[1..v.len() - 1]
    } else {
        v
    }
}

/// ConfigMap and Secret keys: letters, digits, `-`, `_` and `.`, at most 253 characters.
fn validate_key(k: &str) -> std::result::Result<(), String> {
    if k.is_empty()
        || k.len() > 253
        || !k
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        || k == "."
        || k == ".."
    {
        return Err(format!(
            "invalid key {k:?}: a key must consist of alphanumeric characters, '-', '_' or '.'"
        ));
    }
    Ok(())
}

/// Writes a string the way Go's `encoding/json` does (HTML characters and U+2028/2029
/// escaped).
fn go_json_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Go's `json.Marshal` of a value built from strings and string maps (keys sorted).
fn go_json(out: &mut String, v: &Value) {
    match v {
        Value::String(s) => go_json_string(out, s),
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                go_json_string(out, k);
                out.push(':');
                go_json(out, &m[k.as_str()]);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                go_json(out, item);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// The hash suffix of a generated ConfigMap or Secret.
///
/// kustomize looks the name up with a path it never finds, so the name it hashes is always
/// empty; a missing `data` is hashed as an empty string. Both quirks are kept so suffixes
/// match.
pub fn hash_suffix(obj: &Map<String, Value>) -> String {
    let kind = obj.get("kind").and_then(Value::as_str).unwrap_or("");
    let mut m = Map::new();
    m.insert("kind".into(), json!(kind));
    m.insert("name".into(), json!(""));
    let data = obj
        .get("data")
        .filter(|d| d.is_object())
        .cloned()
        .unwrap_or_else(|| json!(""));
    m.insert("data".into(), data);
    if kind == "Secret" {
        m.insert(
            "type".into(),
            obj.get("type").cloned().unwrap_or_else(|| json!("")),
        );
        if let Some(b) = obj.get("stringData").filter(|d| d.is_object()) {
            m.insert("stringData".into(), b.clone());
        }
    } else if let Some(b) = obj.get("binaryData").filter(|d| d.is_object()) {
        m.insert("binaryData".into(), b.clone());
    }
    let mut text = String::new();
    go_json(&mut text, &Value::Object(m));
    let digest = Sha256::digest(text.as_bytes());
    let mut hex = String::with_capacity(10);
    for b in digest.iter().take(5) {
        let _ = write!(hex, "{b:02x}");
    }
    hex.chars()
        .map(|c| match c {
            '0' => 'g',
            '1' => 'h',
            '3' => 'k',
            'a' => 'm',
            'e' => 't',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_match_kustomize() {
        // Values checked against kubectl kustomize v5.5.0.
        let cm = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cm"},
                        "data": {"a": "1", "b": "hello"}});
        assert_eq!(hash_suffix(cm.as_object().unwrap()), "kfmfb484kt");
        let s = json!({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "sec"},
                       "data": {"pw": "c2VjcmV0"}, "type": "Opaque"});
        assert_eq!(hash_suffix(s.as_object().unwrap()), "dtgd52765c");
    }

    #[test]
    fn go_json_escapes() {
        let mut s = String::new();
        go_json(&mut s, &json!({"b": "<&>\u{1}\n", "a": "é"}));
        assert_eq!(s, r#"{"a":"é","b":"\u003c\u0026\u003e\u0001\n"}"#);
    }
}
