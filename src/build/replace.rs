//! `replacements`: copy a field of one object into fields of others, as kustomize's
//! ReplacementTransformer does (inline entries and `path:` files holding one replacement or
//! a list of them).
//!
//! The source is the one object any of whose ids (current or earlier) the source selector
//! selects; its field (`metadata.name` by default) may be cut with `options.delimiter` and
//! `index`. Every object a target's `select` picks (and no `reject` excludes) gets the value
//! at each of its `fieldPaths`, which must exist unless `options.create`; a scalar target
//! keeps its own type and takes the source's text, anything else is replaced whole.
//! Paths are dotted; `[key=value]` picks list elements, `*` every element, a number one.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::resource::{ResMap, Resource};
use super::{Error, Result};

/// A `replacements` entry: inline, or the path of a file.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ReplacementField {
    /// File with one replacement or a list.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub path: String,
    /// Source (inline form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// Targets (inline form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub targets: Option<Vec<Target>>,
}

/// One replacement.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Replacement {
    /// Source.
    #[serde(default)]
    pub source: Option<Source>,
    /// Targets.
    #[serde(default)]
    pub targets: Option<Vec<Target>>,
}

/// An object selector by id (empty parts match anything).
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IdSelector {
    /// Group.
    #[serde(default)]
    pub group: String,
    /// Version.
    #[serde(default)]
    pub version: String,
    /// Kind.
    #[serde(default)]
    pub kind: String,
    /// Name (exact).
    #[serde(default)]
    pub name: String,
    /// Namespace (exact).
    #[serde(default)]
    pub namespace: String,
    /// Label selector.
    #[serde(default)]
    pub label_selector: String,
    /// Annotation selector.
    #[serde(default)]
    pub annotation_selector: String,
}

/// The source of a replacement.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Source {
    /// Group.
    #[serde(default)]
    pub group: String,
    /// Version.
    #[serde(default)]
    pub version: String,
    /// Kind.
    #[serde(default)]
    pub kind: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Namespace.
    #[serde(default)]
    pub namespace: String,
    /// Field (`metadata.name` by default).
    #[serde(default)]
    pub field_path: String,
    /// Options.
    #[serde(default)]
    pub options: Option<Options>,
}

/// A target of a replacement.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Target {
    /// Objects to change.
    #[serde(default)]
    pub select: Option<IdSelector>,
    /// Objects to leave alone.
    #[serde(default)]
    pub reject: Vec<IdSelector>,
    /// Fields (`metadata.name` by default).
    #[serde(default)]
    pub field_paths: Vec<String>,
    /// Options.
    #[serde(default)]
    pub options: Option<Options>,
}

/// Options of a source or target.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Options {
    /// Split the value on this.
    #[serde(default)]
    pub delimiter: String,
    /// Which part.
    #[serde(default)]
    pub index: i64,
    /// Not interpreted by kustomize v5.5.
    #[serde(default)]
    pub encoding: String,
    /// Create missing target fields.
    #[serde(default)]
    pub create: bool,
}

/// Whether any id `r` had (current or earlier) is selected (kustomize's `IsSelectedBy`).
fn selected(r: &Resource, group: &str, version: &str, kind: &str, name: &str, ns: &str) -> bool {
    let (g, v) = r.group_version();
    if (!group.is_empty() && group != g) || (!version.is_empty() && version != v) {
        return false;
    }
    let ns_ok = |x: &str| ns.is_empty() || r.effective_ns(x) == r.effective_ns(ns);
    let ok = |k: &str, n: &str, s: &str| {
        (kind.is_empty() || kind == k) && (name.is_empty() || name == n) && ns_ok(s)
    };
    ok(r.kind(), r.name(), r.namespace()) || r.prev.iter().any(|p| ok(&p.kind, &p.name, &p.namespace))
}

fn describe(kind: &str, name: &str, ns: &str) -> String {
    let mut s = String::new();
    if !kind.is_empty() {
        s.push_str(kind);
    }
    s.push('/');
    s.push_str(name);
    if !ns.is_empty() {
        s.push('.');
        s.push_str(ns);
    }
    s
}

/// Splits a dotted path, keeping brackets whole.
fn split(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '[' => {
                depth += 1;
                cur.push(c);
            }
            ']' => {
                depth -= 1;
                cur.push(c);
            }
            '.' if depth == 0 => out.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    out.push(cur);
    // Empty segments (`.metadata.name`) are skipped, as kyaml's lookup skips them.
    out.retain(|s| !s.is_empty());
    out
}

fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The value at a source path (`None` when missing or empty).
fn get<'a>(v: &'a Value, segs: &[String]) -> Option<&'a Value> {
    let Some((first, rest)) = segs.split_first() else {
        return Some(v);
    };
    let bracket = first.strip_prefix('[').and_then(|s| s.strip_suffix(']'));
    // `[a.b/c]` without `=` is a key holding dots.
    if let Some(key) = bracket.filter(|b| !b.contains('=')) {
        return get(v.as_object()?.get(key)?, rest);
    }
    let next = if let Some(inner) = bracket {
        let (k, want) = inner.split_once('=')?;
        v.as_array()?
            .iter()
            .find(|e| e.get(k).and_then(text_of).as_deref() == Some(want))?
    } else if let (Value::Array(items), Ok(i)) = (v, first.parse::<usize>()) {
        items.get(i)?
    } else {
        v.as_object()?.get(first)?
    };
    get(next, rest)
}

/// Visits the target fields at `segs`, creating them when `create`; counts them in `found`.
fn visit_targets(
    v: &mut Value,
    segs: &[String],
    create: bool,
    found: &mut usize,
    f: &mut dyn FnMut(&mut Value) -> std::result::Result<(), String>,
) -> std::result::Result<(), String> {
    let Some((first, rest)) = segs.split_first() else {
        *found += 1;
        return f(v);
    };
    let bracket = first.strip_prefix('[').and_then(|s| s.strip_suffix(']'));
    if let Some(key) = bracket.filter(|b| !b.contains('=')) {
        // A key holding dots.
        let mut segs = segs.to_vec();
        segs[0] = key.to_string();
        return visit_key(v, &segs, create, found, f);
    }
    if let Some(inner) = bracket {
        let Some((k, want)) = inner.split_once('=') else {
            return Ok(());
        };
        if v.is_null() && create {
            *v = Value::Array(Vec::new());
        }
        let Value::Array(items) = v else {
            return Ok(());
        };
        let mut any = false;
        for e in items.iter_mut() {
            if e.get(k).and_then(text_of).as_deref() == Some(want) {
                any = true;
                visit_targets(e, rest, create, found, f)?;
            }
        }
        if !any && create {
            let mut m = Map::new();
            m.insert(k.to_string(), Value::String(want.to_string()));
            items.push(Value::Object(m));
            if let Some(e) = items.last_mut() {
                visit_targets(e, rest, create, found, f)?;
            }
        }
        return Ok(());
    }
    visit_key(v, segs, create, found, f)
}

/// [`visit_targets`] for a first segment that is a key, `*` or an index.
fn visit_key(
    v: &mut Value,
    segs: &[String],
    create: bool,
    found: &mut usize,
    f: &mut dyn FnMut(&mut Value) -> std::result::Result<(), String>,
) -> std::result::Result<(), String> {
    let Some((first, rest)) = segs.split_first() else {
        *found += 1;
        return f(v);
    };
    match v {
        Value::Array(items) if first == "*" => {
            for e in items {
                visit_targets(e, rest, create, found, f)?;
            }
            Ok(())
        }
        Value::Array(items) => match first.parse::<usize>() {
            Ok(i) => match items.get_mut(i) {
                Some(e) => visit_targets(e, rest, create, found, f),
                None => Ok(()),
            },
            Err(_) => Ok(()),
        },
        Value::Object(m) => {
            if !m.contains_key(first.as_str()) {
                if !create {
                    return Ok(());
                }
                m.insert(first.clone(), Value::Null);
            }
            match m.get_mut(first.as_str()) {
                Some(next) => {
                    if next.is_null() && create && !rest.is_empty() {
                        // `[name=x]` selects a list element; `[a.b/c]` is a key holding dots.
                        *next = if rest[0].starts_with('[') && rest[0].contains('=') {
                            Value::Array(Vec::new())
                        } else {
                            Value::Object(Map::new())
                        };
                    }
                    visit_targets(next, rest, create, found, f)
                }
                None => Ok(()),
            }
        }
        Value::Null if create => {
            *v = Value::Object(Map::new());
            visit_targets(v, segs, create, found, f)
        }
        _ => Ok(()),
    }
}

/// A plain scalar's value as YAML reads it.
fn plain(text: &str) -> Value {
    crate::yaml::to_json(&crate::yaml::Node::scalar(text)).unwrap_or_else(|_| Value::String(text.to_string()))
}

/// Reads the replacements of a kustomization (inline and from files).
pub fn load(
    fields: &[ReplacementField],
    read: &dyn Fn(&str) -> Result<(String, String)>,
    kfile: &str,
) -> Result<Vec<Replacement>> {
    let mut out = Vec::new();
    for f in fields {
        if f.path.is_empty() {
            out.push(Replacement {
                source: f.source.clone(),
                targets: f.targets.clone(),
            });
            continue;
        }
        if f.source.is_some() || f.targets.is_some() {
            return Err(Error::Kustomization {
                file: kfile.to_string(),
                message: "cannot specify both path and inline replacement".into(),
            });
        }
        let (text, name) = read(&f.path)?;
        let docs = crate::yaml::from_str_json(&text).map_err(|e| Error::Yaml {
            file: name.clone(),
            line: e.mark().line,
            col: e.mark().col,
            message: e.to_string(),
            referenced_by: Some(kfile.to_string()),
        })?;
        let bad = |e: serde_json::Error| Error::Kustomization {
            file: name.clone(),
            message: format!("invalid replacement: {e}"),
        };
        match docs.into_iter().next() {
            Some(Value::Array(items)) => {
                for i in items {
                    out.push(serde_json::from_value(i).map_err(bad)?);
                }
            }
            Some(m @ Value::Object(_)) => out.push(serde_json::from_value(m).map_err(bad)?),
            _ => {
                return Err(Error::Kustomization {
                    file: name,
                    message: "unsupported replacement type encountered within replacement path".into(),
                });
            }
        }
    }
    Ok(out)
}

fn matches_selectors(r: &Resource, sel: &IdSelector) -> std::result::Result<bool, String> {
    for (text, map) in [
        (&sel.label_selector, r.labels()),
        (&sel.annotation_selector, r.annotations()),
    ] {
        if text.is_empty() {
            continue;
        }
        let reqs = super::target::parse_selector(text)?;
        if !super::target::matches_selector(&reqs, map) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Applies replacements in order.
pub fn apply(rm: &mut ResMap, list: &[Replacement], kfile: &str) -> Result<()> {
    let err = |message: String| Error::Kustomization {
        file: kfile.to_string(),
        message,
    };
    for r in list {
        let (Some(src), Some(targets)) = (&r.source, &r.targets) else {
            return Err(err(
                "replacements must specify a source and at least one target".into()
            ));
        };
        let found: Vec<usize> = (0..rm.items.len())
            .filter(|&i| {
                selected(
                    &rm.items[i],
                    &src.group,
                    &src.version,
                    &src.kind,
                    &src.name,
                    &src.namespace,
                )
            })
            .collect();
        let what = describe(&src.kind, &src.name, &src.namespace);
        let source = match found.as_slice() {
            [] => return Err(err(format!("nothing selected by {what}"))),
            [i] => *i,
            _ => return Err(err(format!("multiple matches for selector {what}"))),
        };
        let path = if src.field_path.is_empty() {
            "metadata.name"
        } else {
            src.field_path.as_str()
        };
        let obj = Value::Object(rm.items[source].obj.clone());
        let mut value = match get(&obj, &split(path)) {
            Some(v)
                if !(v.is_null()
                    || v.as_object().is_some_and(Map::is_empty)
                    || v.as_array().is_some_and(Vec::is_empty)) =>
            {
                v.clone()
            }
            _ => {
                return Err(err(format!(
                    "fieldPath `{path}` is missing for replacement source {what}"
                )));
            }
        };
        if let Some(o) = src.options.as_ref().filter(|o| !o.delimiter.is_empty()) {
            let Some(text) = text_of(&value) else {
                return Err(err("delimiter option can only be used with scalar nodes".into()));
            };
            let parts: Vec<&str> = text.split(o.delimiter.as_str()).collect();
            let Some(part) = usize::try_from(o.index).ok().and_then(|i| parts.get(i)) else {
                return Err(err(format!(
                    "options.index {} is out of bounds for value {text}",
                    o.index
                )));
            };
            value = match value {
                Value::String(_) => Value::String((*part).to_string()),
                _ => plain(part),
            };
        }
        for t in targets {
            let Some(sel) = &t.select else {
                return Err(err("target must specify resources to select".into()));
            };
            let paths: Vec<String> = if t.field_paths.is_empty() {
                vec!["metadata.name".into()]
            } else {
                t.field_paths.clone()
            };
            for i in 0..rm.items.len() {
                let res = &rm.items[i];
                if !matches_selectors(res, sel).map_err(&err)? {
                    continue;
                }
                let mut rejected = false;
                for rj in &t.reject {
                    if (!rj.label_selector.is_empty() || !rj.annotation_selector.is_empty())
                        && matches_selectors(res, rj).map_err(&err)?
                    {
                        rejected = true;
                    }
                    let empty_id = rj.group.is_empty()
                        && rj.version.is_empty()
                        && rj.kind.is_empty()
                        && rj.name.is_empty()
                        && rj.namespace.is_empty();
                    if !empty_id && selected(res, &rj.group, &rj.version, &rj.kind, &rj.name, &rj.namespace) {
                        rejected = true;
                    }
                }
                if rejected
                    || !selected(
                        res,
                        &sel.group,
                        &sel.version,
                        &sel.kind,
                        &sel.name,
                        &sel.namespace,
                    )
                {
                    continue;
                }
                copy_to(&mut rm.items[i], &value, t, &paths).map_err(&err)?;
            }
        }
    }
    Ok(())
}

fn copy_to(r: &mut Resource, value: &Value, t: &Target, paths: &[String]) -> std::result::Result<(), String> {
    let create = t.options.as_ref().is_some_and(|o| o.create);
    let mut obj = Value::Object(std::mem::take(&mut r.obj));
    let mut result = Ok(());
    for p in paths {
        let mut found = 0;
        let res = visit_targets(&mut obj, &split(p), create, &mut found, &mut |field| {
            set_field(field, value, t)
        });
        if let Err(e) = res {
            result = Err(e);
            break;
        }
        if found == 0 {
            result = Err(if create {
                format!("unable to find or create field {p:?} in replacement target")
            } else {
                format!("unable to find field {p:?} in replacement target")
            });
            break;
        }
    }
    if let Value::Object(m) = obj {
        r.obj = m;
    }
    result
}

fn set_field(field: &mut Value, value: &Value, t: &Target) -> std::result::Result<(), String> {
    let mut value = value.clone();
    if let Some(o) = t.options.as_ref().filter(|o| !o.delimiter.is_empty()) {
        let Some(current) = text_of(field).or_else(|| field.is_null().then(String::new)) else {
            return Err("delimiter option can only be used with scalar nodes".into());
        };
        let mut parts: Vec<String> = current.split(o.delimiter.as_str()).map(str::to_string).collect();
        let v = text_of(&value).unwrap_or_default();
        match usize::try_from(o.index) {
            Err(_) => parts.insert(0, v),
            Ok(i) if i >= parts.len() => parts.push(v),
            Ok(i) => parts[i] = v,
        }
        value = Value::String(parts.join(&o.delimiter));
    }
    match field {
        Value::String(s) => {
            if let Some(text) = text_of(&value) {
                *s = text;
            } else {
                *field = value;
            }
        }
        Value::Number(_) | Value::Bool(_) | Value::Null => {
            *field = match text_of(&value) {
                Some(text) => plain(&text),
                None => value,
            };
        }
        _ => *field = value,
    }
    Ok(())
}
