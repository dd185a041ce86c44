//! YAML for Kubernetes manifests, decided once for the whole product.
//!
//! * **Reading** ([`load`]): a node tree that keeps every scalar's text, style, tag and
//!   position (for `file:line:column` errors and for exact re-rendering), with scalars resolved
//!   as go-yaml v3 does — the YAML 1.2 reading kustomize and kustomize-controller apply
//!   (`yes`/`on` are strings, `0x1F` is an integer). [`to_json`] turns a node into the JSON
//!   value the rest of the engine works on.
//! * **Writing** ([`emit`]): JSON values printed exactly as kubectl and kustomize print them
//!   (go-yaml v2 through `sigs.k8s.io/yaml`: sorted keys, YAML 1.1-safe quoting).
//!
//! No serde_yaml (archived, writes `yes` unquoted) and no serde-saphyr (reads `yes` as a
//! boolean by default): both differ from what kubectl and kustomize do.

pub mod emit;
pub mod load;
pub mod resolve;

use serde_json::{Map, Number, Value};

pub use emit::{to_string, to_string_multi, to_string_ser};
pub use load::{LoadError, Mark, Node, NodeKind, Style, load_all, load_one};
pub use resolve::{Resolved, resolve_node};

/// A node that cannot be represented as JSON (a `.nan`, a duplicate key, a complex key).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{mark}: {message}")]
pub struct ConvertError {
    /// Where the node is.
    pub mark: Mark,
    /// What is wrong.
    pub message: String,
}

/// Any error from parsing YAML text into JSON values.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// Syntax error or limit hit.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// Valid YAML that is not valid JSON data.
    #[error(transparent)]
    Convert(#[from] ConvertError),
}

impl Error {
    /// Position of the error in the input.
    pub fn mark(&self) -> Mark {
        match self {
            Error::Load(e) => e.mark,
            Error::Convert(e) => e.mark,
        }
    }
}

/// Converts a node to a JSON value with go-yaml v3's typing; `<<` merge keys are expanded
/// and duplicate keys are errors, as kustomize does.
pub fn to_json(node: &Node) -> Result<Value, ConvertError> {
    convert(node, false)
}

/// Like [`to_json`], but a duplicate key replaces the earlier one instead of being an error:
/// how kustomize reads a kustomization file (through go-yaml v2).
pub fn to_json_last_wins(node: &Node) -> Result<Value, ConvertError> {
    convert(node, true)
}

fn convert(node: &Node, last_wins: bool) -> Result<Value, ConvertError> {
    match &node.kind {
        NodeKind::Scalar { text, .. } => scalar_to_json(node, text),
        NodeKind::Seq(items) => items
            .iter()
            .map(|n| convert(n, last_wins))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array),
        NodeKind::Map(entries) => {
            let mut map = Map::new();
            let mut merged = Map::new();
            let mut seen: Vec<(&str, Mark)> = Vec::new();
            for (k, v) in entries {
                let key = key_text(k)?;
                if key == "<<"
                    && k.tag.is_none()
                    && matches!(
                        k.kind,
                        NodeKind::Scalar {
                            style: Style::Plain,
                            ..
                        }
                    )
                {
                    merge_into(&mut merged, v)?;
                    continue;
                }
                if let Some((_, first)) = seen.iter().find(|(s, _)| *s == key)
                    && !last_wins
                {
                    return Err(ConvertError {
                        mark: k.mark,
                        message: format!("mapping key {key:?} already defined at line {}", first.line),
                    });
                }
                seen.push((key, k.mark));
                map.insert(key.to_string(), convert(v, last_wins)?);
            }
            // Explicit keys win over merged ones; merged keys come first as go-yaml decodes them.
            if merged.is_empty() {
                Ok(Value::Object(map))
            } else {
                for (k, v) in map {
                    merged.insert(k, v);
                }
                Ok(Value::Object(merged))
            }
        }
    }
}

fn merge_into(target: &mut Map<String, Value>, v: &Node) -> Result<(), ConvertError> {
    match (&v.kind, to_json(v)?) {
        (_, Value::Object(m)) => {
            for (k, val) in m {
                target.entry(k).or_insert(val);
            }
            Ok(())
        }
        (NodeKind::Seq(items), _) => {
            for item in items {
                match to_json(item)? {
                    Value::Object(m) => {
                        for (k, val) in m {
                            target.entry(k).or_insert(val);
                        }
                    }
                    _ => {
                        return Err(ConvertError {
                            mark: item.mark,
                            message: "map merge requires a mapping".into(),
                        });
                    }
                }
            }
            Ok(())
        }
        _ => Err(ConvertError {
            mark: v.mark,
            message: "map merge requires a mapping or a list of mappings".into(),
        }),
    }
}

fn key_text(k: &Node) -> Result<&str, ConvertError> {
    match &k.kind {
        NodeKind::Scalar { text, .. } => Ok(text),
        _ => Err(ConvertError {
            mark: k.mark,
            message: "mapping keys must be scalars".into(),
        }),
    }
}

fn scalar_to_json(node: &Node, text: &str) -> Result<Value, ConvertError> {
    Ok(match resolve_node(node) {
        Resolved::Null => Value::Null,
        Resolved::Bool(b) => Value::Bool(b),
        Resolved::Int(i) => Value::Number(i.into()),
        Resolved::UInt(u) => Value::Number(u.into()),
        Resolved::Float(f) => Value::Number(Number::from_f64(f).ok_or_else(|| ConvertError {
            mark: node.mark,
            message: format!("{text:?} is not a finite number and cannot be represented in JSON"),
        })?),
        Resolved::Str => {
            let plain = matches!(
                node.kind,
                NodeKind::Scalar {
                    style: Style::Plain,
                    ..
                }
            );
            let timestamp = match node.tag.as_deref() {
                None => plain,
                Some(t) => t == "!!timestamp",
            };
            match timestamp.then(|| resolve::timestamp_rfc3339(text)).flatten() {
                Some(t) => Value::String(t),
                None => Value::String(text.to_string()),
            }
        }
    })
}

/// Parses a YAML stream into JSON values, skipping empty documents.
pub fn from_str_json(text: &str) -> Result<Vec<Value>, Error> {
    let docs = load_all(text)?;
    let mut out = Vec::with_capacity(docs.len());
    for d in &docs {
        if d.is_null() {
            continue;
        }
        out.push(to_json(d)?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn manifests_read_as_kustomize_reads_them() {
        let text = "\
apiVersion: v1
kind: ConfigMap
metadata:
  name: cm
  annotations:
    note: yes
data:
  a: on
  b: y
  c: '0123'
  d: 0123
  e: 0x1F
  f: true
  g: 1.50
  h: ~
  i: \"yes\"
  j: 2001-12-14
";
        let v = from_str_json(text).unwrap();
        assert_eq!(v[0]["metadata"]["annotations"]["note"], json!("yes"));
        let d = &v[0]["data"];
        assert_eq!(d["a"], json!("on"));
        assert_eq!(d["b"], json!("y"));
        assert_eq!(d["c"], json!("0123"));
        assert_eq!(d["d"], json!(83));
        assert_eq!(d["e"], json!(31));
        assert_eq!(d["f"], json!(true));
        assert_eq!(d["g"], json!(1.5));
        assert_eq!(d["h"], json!(null));
        assert_eq!(d["i"], json!("yes"));
        // go-yaml v3 decodes timestamps to times, which kustomize writes in RFC 3339.
        assert_eq!(d["j"], json!("2001-12-14T00:00:00Z"));
    }

    #[test]
    fn strings_survive_a_round_trip_through_our_writer() {
        // Every string that YAML 1.1 readers (kubectl's decoder included) would misread.
        let tricky = [
            "yes",
            "no",
            "on",
            "off",
            "y",
            "n",
            "Y",
            "N",
            "true",
            "False",
            "null",
            "~",
            "",
            "0123",
            "0x1F",
            "1_000",
            "1.5",
            ".5",
            "1e3",
            "2001-12-14",
            "1:20",
            "-",
            "- a",
            "*x",
            "&a",
            "!t",
            "a: b",
            "#c",
            "a #b",
            "{x}",
            "[y]",
            "'q'",
            "\"dq\"",
            " lead",
            "trail ",
            "tab\t",
            "line\nbreak",
            "😀",
            "é",
            "---",
            "...",
            "?",
            "? x",
            ":",
            "@at",
            "`bt`",
            "%p",
            "|",
            ">",
            "<<",
        ];
        let mut map = Map::new();
        for (i, s) in tricky.iter().enumerate() {
            map.insert(format!("k{i}"), json!(s));
            map.insert((*s).to_string(), json!(i));
        }
        let v = Value::Object(map);
        let text = to_string(&v);
        let back = from_str_json(&text).unwrap();
        assert_eq!(back.len(), 1);
        assert_eq!(back[0], v, "{text}");
    }

    #[test]
    fn duplicate_keys_and_merges() {
        let e = from_str_json("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert_eq!(e.mark().line, 3);
        assert!(e.to_string().contains("already defined at line 1"), "{e}");
        let v = from_str_json("base: &b {x: 1, y: 2}\nd:\n  <<: *b\n  y: 3\n").unwrap();
        assert_eq!(v[0]["d"], json!({"x": 1, "y": 3}));
    }

    #[test]
    fn nan_is_an_error_with_position() {
        let e = from_str_json("a:\n  b: .nan\n").unwrap_err();
        assert_eq!(e.mark().line, 2);
    }
}
