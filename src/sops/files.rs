//! SOPS-encrypted files read whole: dotenv, binary (a JSON envelope with one `data` value),
//! and JSON and YAML files used as generator sources, each written back in its own format
//! as `sops decrypt` writes it.

use std::fmt::Write as _;

use serde_json::{Map, Value};
use zeroize::Zeroizing;

use super::cipher::{Mac, Plain, decrypt_value, go_float, is_encrypted};
use super::metadata::Metadata;
use super::tree::{mac_bytes, mask_text};
use super::{Error, Format, Keys};

/// Decrypts a whole file of `format`; `None` when it carries no SOPS metadata.
pub fn decrypt(
    data: &[u8],
    format: Format,
    keys: Option<&Keys>,
) -> Result<Option<Zeroizing<Vec<u8>>>, Error> {
    match format {
        Format::Dotenv => dotenv(data, keys),
        Format::Binary => binary(data, keys),
        Format::Json => json(data, keys),
        Format::Yaml => yaml(data, keys),
        Format::Ini => Err(Error::Unsupported(
            "SOPS-encrypted INI files are not supported by flux-rs".into(),
        )),
    }
}

enum Line {
    Comment(String),
    Pair(String, String),
}

fn dotenv(data: &[u8], keys: Option<&Keys>) -> Result<Option<Zeroizing<Vec<u8>>>, Error> {
    let text = std::str::from_utf8(data).map_err(|_| Error::Format("dotenv file is not UTF-8".into()))?;
    let mut lines = Vec::new();
    let mut meta = Map::new();
    for (n, line) in text.split('\n').enumerate() {
        if line.is_empty() {
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            lines.push(Line::Comment(c.to_string()));
            continue;
        }
        let Some((k, v)) = line.split_once('=') else {
            return Err(Error::Format(format!("line {}: not KEY=VALUE", n + 1)));
        };
        let v = v.replace("\\n", "\n");
        match k.strip_prefix("sops_") {
            Some(mk) => unflatten(&mut meta, mk, v)?,
            None => lines.push(Line::Pair(k.to_string(), v)),
        }
    }
    if !["mac", "lastmodified", "version"]
        .iter()
        .any(|k| meta.contains_key(*k))
    {
        return Ok(None);
    }
    let mut meta = Value::Object(meta);
    lists(&mut meta);
    let meta = Metadata::parse(&meta)?;
    let mut out = Zeroizing::new(String::new());
    let Some(keys) = keys else {
        for l in &lines {
            if let Line::Pair(k, v) = l {
                let v = if is_encrypted(v) {
                    mask_text(false)
                } else {
                    v.replace('\n', "\\n")
                };
                let _ = writeln!(out, "{k}={v}");
            }
        }
        return Ok(Some(Zeroizing::new(out.as_bytes().to_vec())));
    };
    let key = meta.data_key(keys)?;
    let mut mac = Mac::new(&meta.rules);
    for l in &lines {
        match l {
            Line::Comment(c) => {
                let c = match decrypt_value(c, &key, ":") {
                    Ok(p) if is_encrypted(c) => p.text(),
                    _ => c.clone(),
                };
                out.push('#');
                out.push_str(&c);
                out.push('\n');
            }
            Line::Pair(k, v) => {
                let path = [k.clone()];
                let encrypted = meta.rules.encrypted(&path);
                let v = if encrypted {
                    let p = decrypt_value(v, &key, &format!("{k}:")).map_err(|e| Error::At {
                        path: k.clone(),
                        line: 0,
                        source: Box::new(e),
                    })?;
                    mac.add(&p.mac_bytes(), true);
                    Zeroizing::new(p.text())
                } else {
                    mac.add(v.as_bytes(), false);
                    Zeroizing::new(v.clone())
                };
                out.push_str(k);
                out.push('=');
                out.push_str(&v.replace('\n', "\\n"));
                out.push('\n');
            }
        }
    }
    mac.verify(&meta.mac, &key, &meta.last_modified)?;
    Ok(Some(Zeroizing::new(out.as_bytes().to_vec())))
}

/// Rebuilds the metadata tree of a flattened key (`age__list_0__map_recipient`): list
/// items are kept under `#<index>` keys until [`lists`] turns them into lists.
fn unflatten(meta: &mut Map<String, Value>, key: &str, value: String) -> Result<(), Error> {
    let bad = |m: &str| Error::Format(format!("sops metadata key sops_{key}: {m}"));
    let mut names = Vec::new();
    let mut rest = key;
    let mut list = false;
    loop {
        let next = [("__map_", false), ("__list_", true)]
            .iter()
            .filter_map(|(sep, is_list)| rest.find(sep).map(|p| (p, sep.len(), *is_list)))
            .min_by_key(|(p, _, _)| *p);
        let part = &next.map_or(rest, |(p, _, _)| &rest[..p]);
        names.push(if list {
            let n: usize = part.parse().map_err(|_| bad("bad list index"))?;
            format!("#{n:010}")
        } else {
            (*part).to_string()
        });
        let Some((p, len, is_list)) = next else { break };
        list = is_list;
        rest = &rest[p + len..];
    }
    let mut slot = meta;
    let final_index = names.len() - 1;
    for (i, name) in names.into_iter().enumerate() {
        if i == final_index {
            if slot.insert(name, Value::String(value)).is_some() {
                return Err(bad("defined twice"));
            }
            return Ok(());
        }
        slot = slot
            .entry(name)
            .or_insert_with(|| Value::Object(Map::new()))
            .as_object_mut()
            .ok_or_else(|| bad("mixes values and mappings"))?;
    }
    Ok(())
}

/// Turns the `#<index>` mappings built by [`unflatten`] into lists.
fn lists(v: &mut Value) {
    if let Value::Object(m) = v {
        for (_, x) in m.iter_mut() {
            lists(x);
        }
        if !m.is_empty() && m.keys().all(|k| k.starts_with('#')) {
            let mut items: Vec<(String, Value)> = std::mem::take(m).into_iter().collect();
            items.sort_by(|a, b| a.0.cmp(&b.0));
            *v = Value::Array(items.into_iter().map(|(_, x)| x).collect());
        }
    }
}

fn binary(data: &[u8], keys: Option<&Keys>) -> Result<Option<Zeroizing<Vec<u8>>>, Error> {
    let Ok(Value::Object(mut doc)) = serde_json::from_slice::<Value>(data) else {
        return Ok(None);
    };
    let Some(meta) = doc.remove("sops") else {
        return Ok(None);
    };
    let meta = Metadata::parse(&meta)?;
    let value = match doc.get("data") {
        Some(Value::String(s)) if doc.len() == 1 => s.clone(),
        _ => {
            return Err(Error::Format(
                "a SOPS binary file holds exactly one string `data`".into(),
            ));
        }
    };
    let Some(keys) = keys else {
        return Ok(Some(Zeroizing::new(mask_text(false).into_bytes())));
    };
    let key = meta.data_key(keys)?;
    let encrypted = meta.rules.encrypted(&["data".to_string()]);
    let mut mac = Mac::new(&meta.rules);
    let out = if encrypted {
        let p = decrypt_value(&value, &key, "data:")?;
        mac.add(&p.mac_bytes(), true);
        match p {
            Plain::Bytes(b) => b,
            other => Zeroizing::new(other.text().into_bytes()),
        }
    } else {
        mac.add(value.as_bytes(), false);
        Zeroizing::new(value.into_bytes())
    };
    mac.verify(&meta.mac, &key, &meta.last_modified)?;
    Ok(Some(out))
}

fn json(data: &[u8], keys: Option<&Keys>) -> Result<Option<Zeroizing<Vec<u8>>>, Error> {
    let Ok(Value::Object(mut doc)) = serde_json::from_slice::<Value>(data) else {
        return Ok(None);
    };
    let Some(meta) = doc.remove("sops") else {
        return Ok(None);
    };
    let meta = Metadata::parse(&meta)?;
    let mut doc = Value::Object(doc);
    let Some(keys) = keys else {
        return Ok(Some(Zeroizing::new(mask_text(false).into_bytes())));
    };
    let key = meta.data_key(keys)?;
    let mut mac = Mac::new(&meta.rules);
    json_walk(&mut doc, &mut Vec::new(), &meta, &key, &mut mac)?;
    mac.verify(&meta.mac, &key, &meta.last_modified)?;
    let mut out = Zeroizing::new(String::new());
    write_json(&doc, 0, &mut out);
    out.push('\n');
    // The decrypted tree held plaintext too: clear its strings before it is dropped.
    zero_strings(&mut doc);
    Ok(Some(Zeroizing::new(out.as_bytes().to_vec())))
}

fn zero_strings(v: &mut Value) {
    match v {
        Value::String(s) => {
            let _ = Zeroizing::new(std::mem::take(s));
        }
        Value::Array(a) => a.iter_mut().for_each(zero_strings),
        Value::Object(m) => m.iter_mut().for_each(|(_, v)| zero_strings(v)),
        _ => {}
    }
}

fn json_walk(
    v: &mut Value,
    path: &mut Vec<String>,
    meta: &Metadata,
    key: &[u8; 32],
    mac: &mut Mac,
) -> Result<(), Error> {
    match v {
        Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                path.push(k.clone());
                json_walk(x, path, meta, key, mac)?;
                path.pop();
            }
        }
        Value::Array(a) => {
            for x in a {
                json_walk(x, path, meta, key, mac)?;
            }
        }
        Value::Null => {}
        scalar => {
            if !meta.rules.encrypted(path) {
                mac.add(&mac_bytes(scalar), false);
                return Ok(());
            }
            let at = |e: Error| Error::At {
                path: path.join("."),
                line: 0,
                source: Box::new(e),
            };
            let Value::String(s) = scalar else {
                return Err(at(Error::Format(
                    "the value should be encrypted but is not a string".into(),
                )));
            };
            let p = decrypt_value(s, key, &format!("{}:", path.join(":"))).map_err(at)?;
            mac.add(&p.mac_bytes(), true);
            *scalar = match p {
                Plain::Bytes(_) => Value::String(p.text()),
                Plain::Int(i) => Value::from(i),
                Plain::Float(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
                Plain::Bool(b) => Value::Bool(b),
            };
        }
    }
    Ok(())
}

/// JSON as SOPS writes it: tab indentation, Go's HTML-safe escaping.
fn write_json(v: &Value, depth: usize, out: &mut String) {
    let indent = |n: usize, out: &mut String| out.extend(std::iter::repeat_n('\t', n));
    match v {
        Value::Object(m) if m.is_empty() => out.push_str("{}"),
        Value::Array(a) if a.is_empty() => out.push_str("[]"),
        Value::Object(m) => {
            out.push_str("{\n");
            for (i, (k, x)) in m.iter().enumerate() {
                indent(depth + 1, out);
                write_json_string(k, out);
                out.push_str(": ");
                write_json(x, depth + 1, out);
                if i + 1 < m.len() {
                    out.push(',');
                }
                out.push('\n');
            }
            indent(depth, out);
            out.push('}');
        }
        Value::Array(a) => {
            out.push_str("[\n");
            for (i, x) in a.iter().enumerate() {
                indent(depth + 1, out);
                write_json(x, depth + 1, out);
                if i + 1 < a.len() {
                    out.push(',');
                }
                out.push('\n');
            }
            indent(depth, out);
            out.push(']');
        }
        Value::String(s) => write_json_string(s, out),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => out.push_str(&i.to_string()),
            (None, Some(u)) => out.push_str(&u.to_string()),
            _ => out.push_str(&go_float(n.as_f64().unwrap_or(0.0))),
        },
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Null => out.push_str("null"),
    }
}

fn write_json_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn yaml(data: &[u8], keys: Option<&Keys>) -> Result<Option<Zeroizing<Vec<u8>>>, Error> {
    let Ok(text) = std::str::from_utf8(data) else {
        return Ok(None);
    };
    let Ok(mut docs) = crate::yaml::load_all(text) else {
        return Ok(None);
    };
    if !super::tree::is_encrypted_documents(&docs) {
        return Ok(None);
    }
    let Some(keys) = keys else {
        return Ok(Some(Zeroizing::new(mask_text(false).into_bytes())));
    };
    super::tree::decrypt_documents(&mut docs, keys)?;
    let mut out = Zeroizing::new(String::new());
    for (i, d) in docs.iter().enumerate() {
        if i > 0 {
            out.push_str("---\n");
        }
        let v = crate::yaml::to_json(d).map_err(|e| Error::Format(e.message))?;
        write_yaml_doc(&v, &mut out);
    }
    Ok(Some(Zeroizing::new(out.as_bytes().to_vec())))
}

/// YAML as SOPS writes it (go-yaml v3, 4-space indentation, keys in file order).
fn write_yaml_doc(v: &Value, out: &mut String) {
    match v {
        Value::Object(m) if !m.is_empty() => write_yaml_map(m, 0, out),
        other => {
            write_yaml_scalar_or_flow(other, 0, out);
            out.push('\n');
        }
    }
}

fn write_yaml_map(m: &Map<String, Value>, indent: usize, out: &mut String) {
    let mut first = true;
    for (k, v) in m {
        // The first key follows what the caller wrote (`- ` or the indentation).
        if !first {
            out.extend(std::iter::repeat_n(' ', indent));
        }
        first = false;
        out.push_str(&yaml_string(k, true));
        out.push(':');
        write_yaml_value(v, indent, out);
    }
}

fn write_yaml_value(v: &Value, indent: usize, out: &mut String) {
    match v {
        Value::Object(m) if !m.is_empty() => {
            out.push('\n');
            out.extend(std::iter::repeat_n(' ', indent + 4));
            write_yaml_map(m, indent + 4, out);
        }
        Value::Array(a) if !a.is_empty() => {
            out.push('\n');
            for item in a {
                out.extend(std::iter::repeat_n(' ', indent + 4));
                out.push('-');
                match item {
                    Value::Object(m) if !m.is_empty() => {
                        out.push(' ');
                        write_yaml_map(m, indent + 6, out);
                    }
                    Value::Array(x) if !x.is_empty() => {
                        write_yaml_value(item, indent + 4, out);
                    }
                    other => {
                        out.push(' ');
                        write_yaml_scalar_or_flow(other, indent + 4, out);
                        out.push('\n');
                    }
                }
            }
        }
        other => {
            out.push(' ');
            write_yaml_scalar_or_flow(other, indent, out);
            out.push('\n');
        }
    }
}

fn write_yaml_scalar_or_flow(v: &Value, indent: usize, out: &mut String) {
    match v {
        Value::Object(_) => out.push_str("{}"),
        Value::Array(_) => out.push_str("[]"),
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => out.push_str(&i.to_string()),
            (None, Some(u)) => out.push_str(&u.to_string()),
            _ => out.push_str(&go_float(n.as_f64().unwrap_or(0.0))),
        },
        Value::String(s)
            if s.contains('\n') && !s.starts_with(' ') && s.chars().all(|c| c == '\n' || !c.is_control()) =>
        {
            let chomp = if s.ends_with("\n\n") {
                "+"
            } else if s.ends_with('\n') {
                ""
            } else {
                "-"
            };
            out.push('|');
            out.push_str(chomp);
            let body = s.strip_suffix('\n').unwrap_or(s);
            for line in body.split('\n') {
                out.push('\n');
                if !line.is_empty() {
                    out.extend(std::iter::repeat_n(' ', indent + 4));
                    out.push_str(line);
                }
            }
        }
        Value::String(s) => out.push_str(&yaml_string(s, false)),
    }
}

/// A string scalar: plain when go-yaml v3 would read it back as the same string, else
/// quoted.
fn yaml_string(s: &str, key: bool) -> String {
    use crate::yaml::resolve::{Resolved, plain_is_ambiguous_v2, resolve_plain_v3};
    let special = s.is_empty()
        || s.starts_with(|c: char| " -?:,[]{}#&*!|>'\"%@`~".contains(c))
        || s.ends_with(' ')
        || s.contains(": ")
        || s.contains(" #")
        || s.ends_with(':')
        || s.chars().any(|c| c.is_control() || c == '\u{feff}');
    let ambiguous = resolve_plain_v3(s) != Resolved::Str || plain_is_ambiguous_v2(s);
    if !special && !ambiguous {
        return s.to_string();
    }
    if !key && !s.chars().any(char::is_control) && !s.contains('\'') && !ambiguous {
        return format!("'{s}'");
    }
    if !s.chars().any(char::is_control) && !ambiguous {
        return format!("'{}'", s.replace('\'', "''"));
    }
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\x{:02X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The metadata of a dotenv file's flattened keys.
#[cfg(test)]
fn dotenv_metadata(text: &str) -> Result<Value, Error> {
    let mut meta = Map::new();
    for line in text.lines() {
        if let Some((k, v)) = line.split_once('=')
            && let Some(mk) = k.strip_prefix("sops_")
        {
            unflatten(&mut meta, mk, v.replace("\\n", "\n"))?;
        }
    }
    let mut v = Value::Object(meta);
    lists(&mut v);
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flattened_metadata_is_rebuilt() {
        let v = dotenv_metadata(
            "sops_age__list_0__map_recipient=age1a\nsops_age__list_0__map_enc=x\\ny\nsops_age__list_1__map_recipient=age1b\nsops_mac=m\nsops_lastmodified=t\n",
        )
        .unwrap();
        assert_eq!(v["age"][0]["recipient"], "age1a");
        assert_eq!(v["age"][0]["enc"], "x\ny");
        assert_eq!(v["age"][1]["recipient"], "age1b");
        assert_eq!(v["mac"], "m");
    }

    #[test]
    fn yaml_strings_are_quoted_when_they_would_read_back_differently() {
        assert_eq!(yaml_string("plain", false), "plain");
        assert_eq!(yaml_string("yes", false), "\"yes\"");
        assert_eq!(yaml_string("3", false), "\"3\"");
        assert_eq!(yaml_string("a: b", false), "'a: b'");
        assert_eq!(yaml_string("", false), "\"\"");
    }

    #[test]
    fn json_is_written_as_sops_writes_it() {
        let v: Value =
            serde_json::from_str(r#"{"a":"x<y>&","n":1500,"l":[1,{"b":null}],"m":{},"e":[]}"#).unwrap();
        let mut out = String::new();
        write_json(&v, 0, &mut out);
        assert_eq!(
            out,
            "{\n\t\"a\": \"x\\u003cy\\u003e\\u0026\",\n\t\"n\": 1500,\n\t\"l\": [\n\t\t1,\n\t\t{\n\t\t\t\"b\": null\n\t\t}\n\t],\n\t\"m\": {},\n\t\"e\": []\n}"
        );
    }
}
