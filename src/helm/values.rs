//! Values as Helm reads and combines them: YAML read with go-yaml v2's typing and then through
//! JSON (so every number is a `float64`: `1000000` prints `1e+06`), several documents merged,
//! `-f` files merged map by map, Helm's `--set` syntax (strvals: escapes, `a.b`, `a[0]`,
//! `{x,y}` lists, `null`), and chart defaults coalesced with user values exactly as Helm does
//! (subcharts, `global`, `null` removing a key).

use std::collections::BTreeMap;

use crate::helm::value::{Map, Value};
use crate::yaml::{Node, NodeKind, Style};

/// A values file or `--set` expression that cannot be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{0}")]
pub struct ValuesError(pub String);

/// go-yaml v2's reading of a plain scalar, before the JSON round trip.
fn resolve_plain(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Nil,
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            return Value::Bool(true);
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            return Value::Bool(false);
        }
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => return Value::Float(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => return Value::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Value::Float(f64::NAN),
        _ => {}
    }
    let first = text.as_bytes()[0];
    if first.is_ascii_digit() || matches!(first, b'-' | b'+' | b'.') {
        let plain = text.replace('_', "");
        if let Some(i) = crate::helm::funcs::parse_int_go(&plain)
            && !plain.contains('.')
        {
            return Value::Int(i);
        }
        if let Some(b) = plain.strip_prefix("0b").or_else(|| plain.strip_prefix("-0b"))
            && let Ok(i) = i64::from_str_radix(b, 2)
        {
            return Value::Int(if plain.starts_with('-') { -i } else { i });
        }
        if let Ok(u) = plain.parse::<u64>() {
            return Value::Float(u as f64);
        }
        if is_yaml_float(&plain)
            && let Ok(f) = plain.parse::<f64>()
        {
            return Value::Float(f);
        }
    }
    Value::str(text)
}

fn is_yaml_float(s: &str) -> bool {
    // ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$
    let b = s.as_bytes();
    let mut i = 0;
    if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
        i += 1;
    }
    let digits = |i: &mut usize| {
        let st = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i > st
    };
    if i < b.len() && b[i] == b'.' {
        i += 1;
        if !digits(&mut i) {
            return false;
        }
    } else {
        if !digits(&mut i) {
            return false;
        }
        if i < b.len() && b[i] == b'.' {
            i += 1;
            digits(&mut i);
        }
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
            i += 1;
        }
        if !digits(&mut i) {
            return false;
        }
    }
    i == b.len()
}

/// Converts a YAML node as `sigs.k8s.io/yaml` does (go-yaml v2 typing, then JSON, so numbers
/// are `float64`); errors name the position.
pub fn node_to_value(node: &Node) -> Result<Value, ValuesError> {
    node_to_value_depth(node, 0)
}

fn node_to_value_depth(node: &Node, depth: usize) -> Result<Value, ValuesError> {
    if depth > 10_000 {
        return Err(ValuesError("yaml: nesting too deep".into()));
    }
    match &node.kind {
        NodeKind::Scalar { text, style } => {
            let tag = node.tag.as_deref().unwrap_or("");
            let v = match (tag, style) {
                ("!!str" | "tag:yaml.org,2002:str", _) => Value::str(text.as_str()),
                ("!!binary", _) => Value::str(text.as_str()),
                ("!!int" | "!!float" | "!!bool" | "!!null", _) => resolve_plain(text),
                (_, Style::Plain) => resolve_plain(text),
                _ => Value::str(text.as_str()),
            };
            Ok(match v {
                Value::Int(i) => Value::Float(i as f64),
                Value::Float(f) if !f.is_finite() => {
                    return Err(ValuesError(format!(
                        "error converting YAML to JSON: json: unsupported value: {}",
                        crate::helm::template::gofmt::format_float_v(f)
                    )));
                }
                v => v,
            })
        }
        NodeKind::Seq(items) => {
            let mut out = Vec::with_capacity(items.len());
            for i in items {
                out.push(node_to_value_depth(i, depth + 1)?);
            }
            Ok(Value::list(out))
        }
        NodeKind::Map(entries) => {
            let mut m = BTreeMap::new();
            let mut merged: BTreeMap<String, Value> = BTreeMap::new();
            for (k, v) in entries {
                let key = match &k.kind {
                    NodeKind::Scalar { text, style } => {
                        if text == "<<" && *style == Style::Plain && k.tag.is_none() {
                            match node_to_value_depth(v, depth + 1)? {
                                Value::Map(mm) => {
                                    for (a, b) in mm.borrow().iter() {
                                        merged.entry(a.clone()).or_insert_with(|| b.clone());
                                    }
                                }
                                Value::List(l) => {
                                    for item in l.iter() {
                                        if let Value::Map(mm) = item {
                                            for (a, b) in mm.borrow().iter() {
                                                merged.entry(a.clone()).or_insert_with(|| b.clone());
                                            }
                                        }
                                    }
                                }
                                _ => {
                                    return Err(ValuesError(format!(
                                        "yaml: line {}: map merge requires map or sequence of maps as the value",
                                        k.mark.line
                                    )));
                                }
                            }
                            continue;
                        }
                        match (style, resolve_plain(text)) {
                            (Style::Plain, Value::Nil) => "null".to_string(),
                            (Style::Plain, Value::Bool(b)) => b.to_string(),
                            (Style::Plain, Value::Float(f)) => {
                                crate::helm::template::gofmt::format_float_v(f)
                            }
                            _ => text.clone(),
                        }
                    }
                    _ => {
                        return Err(ValuesError(format!(
                            "error converting YAML to JSON: yaml: line {}: invalid map key",
                            k.mark.line
                        )));
                    }
                };
                if m.contains_key(&key) {
                    return Err(ValuesError(format!(
                        "error converting YAML to JSON: yaml: line {}: key {key:?} already set in map",
                        k.mark.line
                    )));
                }
                m.insert(key, node_to_value_depth(v, depth + 1)?);
            }
            for (k, v) in merged {
                m.entry(k).or_insert(v);
            }
            Ok(Value::map_from(m))
        }
    }
}

/// Reads YAML text as `sigs.k8s.io/yaml.Unmarshal` does: the first document only.
pub fn parse_yaml_first(text: &str) -> Result<Value, ValuesError> {
    let docs = crate::yaml::load_all(text).map_err(|e| {
        ValuesError(format!(
            "error converting YAML to JSON: yaml: line {}: {}",
            e.mark.line, e.message
        ))
    })?;
    match docs.first() {
        None => Ok(Value::Nil),
        Some(d) => node_to_value(d),
    }
}

/// Reads a values file as Helm's `LoadValues`: every document, merged in order.
pub fn parse_values(text: &str) -> Result<Map, ValuesError> {
    let docs = crate::yaml::load_all(text).map_err(|e| {
        ValuesError(format!(
            "error converting YAML to JSON: yaml: line {}: {}",
            e.mark.line, e.message
        ))
    })?;
    let mut out = new_map();
    for d in &docs {
        match node_to_value(d)? {
            Value::Map(m) => out = merge_maps(&out, &m),
            Value::Nil | Value::NoValue => {}
            v => {
                return Err(ValuesError(format!(
                    "error unmarshaling JSON: json: cannot unmarshal {} into Go value of type map[string]interface {{}}",
                    json_kind(&v)
                )));
            }
        }
    }
    Ok(out)
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::List(_) => "array",
        Value::Str(_) => "string",
        Value::Float(_) | Value::Int(_) => "number",
        Value::Bool(_) => "bool",
        _ => "object",
    }
}

/// A new empty map.
pub fn new_map() -> Map {
    std::rc::Rc::new(std::cell::RefCell::new(BTreeMap::new()))
}

/// Helm's `MergeMaps`: `b` over `a`, maps merged recursively, into a new map.
pub fn merge_maps(a: &Map, b: &Map) -> Map {
    let out: BTreeMap<String, Value> = a.borrow().clone();
    let out = std::rc::Rc::new(std::cell::RefCell::new(out));
    let entries: Vec<(String, Value)> = b.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    for (k, v) in entries {
        if let Value::Map(bm) = &v {
            let existing = out.borrow().get(&k).cloned();
            if let Some(Value::Map(am)) = existing {
                let merged = merge_maps(&am, bm);
                out.borrow_mut().insert(k, Value::Map(merged));
                continue;
            }
        }
        out.borrow_mut().insert(k, v);
    }
    out
}

/// How a `--set`-style expression types its values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SetKind {
    /// `--set`: `true`, `false`, `null` and integers are typed.
    Typed,
    /// `--set-string`: everything is a string.
    String,
    /// `--set-json`: values are JSON.
    Json,
    /// `--set-file`: values are file paths whose content is read.
    File,
}

const MAX_INDEX: usize = 65536;
const MAX_NESTED: usize = 30;

struct StrParser<'a> {
    s: Vec<char>,
    i: usize,
    kind: SetKind,
    read_file: &'a dyn Fn(&str) -> Result<String, String>,
}

enum Stop {
    Eof,
    Char(char),
}

impl StrParser<'_> {
    fn until(&mut self, stop: &[char]) -> (String, Stop) {
        let mut v = String::new();
        while self.i < self.s.len() {
            let c = self.s[self.i];
            self.i += 1;
            if stop.contains(&c) {
                return (v, Stop::Char(c));
            }
            if c == '\\' {
                if self.i >= self.s.len() {
                    return (v, Stop::Eof);
                }
                v.push(self.s[self.i]);
                self.i += 1;
                continue;
            }
            v.push(c);
        }
        (v, Stop::Eof)
    }

    fn typed(&self, raw: &str) -> Result<Value, String> {
        Ok(match self.kind {
            SetKind::String => Value::str(raw),
            SetKind::File => Value::from((self.read_file)(raw)?),
            SetKind::Json => unreachable_json(),
            SetKind::Typed => {
                if raw.eq_ignore_ascii_case("true") {
                    Value::Bool(true)
                } else if raw.eq_ignore_ascii_case("false") {
                    Value::Bool(false)
                } else if raw.eq_ignore_ascii_case("null") {
                    Value::Nil
                } else if raw == "0" {
                    Value::Int(0)
                } else if !raw.is_empty()
                    && !raw.starts_with('0')
                    && let Some(i) = parse_go_int10(raw)
                {
                    Value::Int(i)
                } else {
                    Value::str(raw)
                }
            }
        })
    }

    /// Parses `key...=value` pairs into `data` until the end.
    fn parse(&mut self, data: &Map) -> Result<(), String> {
        loop {
            if self.i >= self.s.len() {
                return Ok(());
            }
            match self.key(data, 0) {
                Ok(()) => {}
                Err(None) => return Ok(()),
                Err(Some(e)) => return Err(e),
            }
        }
    }

    fn json_value(&mut self) -> Result<Value, Option<String>> {
        let rest: String = self.s[self.i..].iter().collect();
        if rest.trim_start().is_empty() || rest.trim_start().starts_with(',') {
            self.skip_empty();
            return Ok(Value::Nil);
        }
        let mut de = serde_json::Deserializer::from_str(&rest).into_iter::<serde_json::Value>();
        let v = match de.next() {
            Some(Ok(v)) => v,
            Some(Err(e)) => return Err(Some(e.to_string())),
            None => serde_json::Value::Null,
        };
        let used = rest[..de.byte_offset()].chars().count();
        self.i += used;
        self.skip_empty();
        Ok(Value::from_json(&v, false))
    }

    fn skip_empty(&mut self) {
        while self.i < self.s.len() {
            let c = self.s[self.i];
            self.i += 1;
            if c == ',' {
                return;
            }
            if !c.is_whitespace() {
                self.i -= 1;
                return;
            }
        }
    }

    fn val_list(&mut self) -> Result<Option<Vec<Value>>, Option<String>> {
        if self.i >= self.s.len() {
            return Err(None);
        }
        if self.s[self.i] != '{' {
            return Ok(None);
        }
        self.i += 1;
        let mut list = Vec::new();
        loop {
            let (rs, stop) = self.until(&[',', '}']);
            match stop {
                Stop::Eof => return Err(Some("list must terminate with '}'".into())),
                Stop::Char('}') => {
                    if self.i < self.s.len() && self.s[self.i] == ',' {
                        self.i += 1;
                    }
                    list.push(self.typed(&rs).map_err(Some)?);
                    return Ok(Some(list));
                }
                Stop::Char(_) => list.push(self.typed(&rs).map_err(Some)?),
            }
        }
    }

    fn value(&mut self) -> Result<Value, Option<String>> {
        if self.kind == SetKind::Json {
            return self.json_value();
        }
        if let Some(l) = self.val_list()? {
            Ok(Value::list(l))
        } else {
            let (rs, _) = self.until(&[',']);
            self.typed(&rs).map_err(Some)
        }
    }

    /// `Err(None)` is the end of input.
    fn key(&mut self, data: &Map, level: usize) -> Result<(), Option<String>> {
        let (k, stop) = self.until(&['=', '[', ',', '.']);
        match stop {
            Stop::Eof => {
                if k.is_empty() {
                    return Err(None);
                }
                Err(Some(format!("key {k:?} has no value")))
            }
            Stop::Char('[') => {
                let i = self.index()?;
                let existing = data.borrow().get(&k).cloned();
                let list = match existing {
                    Some(Value::List(l)) => l.to_vec(),
                    Some(_) => {
                        return Err(Some(
                            "unable to parse key: interface conversion: interface {} is not []interface {}"
                                .into(),
                        ));
                    }
                    None => Vec::new(),
                };
                let list = self.list_item(list, i, level)?;
                if !k.is_empty() {
                    data.borrow_mut().insert(k, Value::list(list));
                }
                Ok(())
            }
            Stop::Char('=') => {
                if self.i >= self.s.len() && self.kind != SetKind::Json {
                    if !k.is_empty() {
                        data.borrow_mut().insert(k, Value::from(""));
                    }
                    return Err(None);
                }
                let v = self.value()?;
                if !k.is_empty() {
                    data.borrow_mut().insert(k, v);
                }
                Ok(())
            }
            Stop::Char(',') => {
                if !k.is_empty() {
                    data.borrow_mut().insert(k.clone(), Value::from(""));
                }
                Err(Some(format!("key {k:?} has no value (cannot end with ,)")))
            }
            Stop::Char(_) => {
                let level = level + 1;
                if level > MAX_NESTED {
                    return Err(Some(format!(
                        "value name nested level is greater than maximum supported nested level of {MAX_NESTED}"
                    )));
                }
                let existing = data.borrow().get(&k).cloned();
                let inner = match existing {
                    Some(Value::Map(m)) => m,
                    Some(_) => {
                        return Err(Some(
                            "unable to parse key: interface conversion: interface {} is not map[string]interface {}".into(),
                        ));
                    }
                    None => new_map(),
                };
                let r = self.key(&inner, level);
                let empty = inner.borrow().is_empty();
                if r.is_ok() && empty {
                    return Err(Some(format!("key map {k:?} has no value")));
                }
                if !empty && !k.is_empty() {
                    data.borrow_mut().insert(k, Value::Map(inner));
                }
                r
            }
        }
    }

    fn index(&mut self) -> Result<usize, Option<String>> {
        let (v, stop) = self.until(&[']']);
        if let Stop::Eof = stop {
            return Err(None);
        }
        let i: i64 = v.parse().map_err(|_| {
            Some(format!(
                "error parsing index: strconv.Atoi: parsing {v:?}: invalid syntax"
            ))
        })?;
        if i < 0 {
            return Err(Some(format!("negative {i} index not allowed")));
        }
        let i = i as usize;
        if i > MAX_INDEX {
            return Err(Some(format!(
                "index of {i} is greater than maximum supported index of {MAX_INDEX}"
            )));
        }
        Ok(i)
    }

    fn list_item(
        &mut self,
        mut list: Vec<Value>,
        i: usize,
        level: usize,
    ) -> Result<Vec<Value>, Option<String>> {
        let (k, stop) = self.until(&['[', '.', '=']);
        if !k.is_empty() {
            return Err(Some(format!("unexpected data at end of array index: {k:?}")));
        }
        let set = |list: &mut Vec<Value>, v: Value| {
            if list.len() <= i {
                list.resize(i + 1, Value::Nil);
            }
            list[i] = v;
        };
        match stop {
            Stop::Eof => Err(None),
            Stop::Char('=') => {
                if self.i >= self.s.len() && self.kind != SetKind::Json {
                    set(&mut list, Value::from(""));
                    return Ok(list);
                }
                let v = self.value()?;
                set(&mut list, v);
                Ok(list)
            }
            Stop::Char('[') => {
                let next = self.index()?;
                let cur = match list.get(i) {
                    Some(Value::List(l)) => l.to_vec(),
                    _ => Vec::new(),
                };
                let inner = self.list_item(cur, next, level)?;
                set(&mut list, Value::list(inner));
                Ok(list)
            }
            Stop::Char(_) => {
                let inner = match list.get(i) {
                    Some(Value::Map(m)) => m.clone(),
                    _ => new_map(),
                };
                self.key(&inner, level)?;
                set(&mut list, Value::Map(inner));
                Ok(list)
            }
        }
    }
}

fn unreachable_json() -> Value {
    Value::Nil
}

fn parse_go_int10(s: &str) -> Option<i64> {
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    if body.is_empty() || !body.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse::<i64>().ok()
}

/// Applies one `--set`-style expression to `data`.
pub fn apply_set(
    expr: &str,
    data: &Map,
    kind: SetKind,
    read_file: &dyn Fn(&str) -> Result<String, String>,
) -> Result<(), ValuesError> {
    let flag = match kind {
        SetKind::Typed => "--set",
        SetKind::String => "--set-string",
        SetKind::Json => "--set-json",
        SetKind::File => "--set-file",
    };
    if kind == SetKind::Json {
        let t = expr.trim();
        if t.starts_with('{') {
            let v: serde_json::Value = serde_json::from_str(t)
                .map_err(|_| ValuesError(format!("failed parsing --set-json data JSON: {expr}")))?;
            if let Value::Map(m) = Value::from_json(&v, false) {
                let merged = merge_maps(data, &m);
                let entries = merged.borrow().clone();
                *data.borrow_mut() = entries;
            }
            return Ok(());
        }
    }
    let mut p = StrParser {
        s: expr.chars().collect(),
        i: 0,
        kind,
        read_file,
    };
    p.parse(data).map_err(|e| {
        if kind == SetKind::Json {
            ValuesError(format!("failed parsing --set-json data {expr}"))
        } else {
            ValuesError(format!("failed parsing {flag} data: {e}"))
        }
    })
}

/// Applies one `--set-literal` expression: the value is everything after the first `=`.
pub fn apply_set_literal(expr: &str, data: &Map) -> Result<(), ValuesError> {
    let Some((key, val)) = expr.split_once('=') else {
        return Err(ValuesError(format!(
            "failed parsing --set-literal data: key {expr:?} has no value"
        )));
    };
    let mut cur = data.clone();
    let parts: Vec<&str> = key.split('.').collect();
    for (n, part) in parts.iter().enumerate() {
        let last = n + 1 == parts.len();
        if last {
            cur.borrow_mut().insert((*part).to_string(), Value::from(val));
        } else {
            let existing = cur.borrow().get(*part).cloned();
            let next = match existing {
                Some(Value::Map(m)) => m,
                _ => {
                    let m = new_map();
                    cur.borrow_mut()
                        .insert((*part).to_string(), Value::Map(m.clone()));
                    m
                }
            };
            cur = next;
        }
    }
    Ok(())
}

/// Removes `null` entries recursively (Helm's `cleanNilValues`).
fn clean_nil(m: &Map) {
    let keys: Vec<(String, Value)> = m.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    for (k, v) in keys {
        match v {
            Value::Nil | Value::NoValue => {
                m.borrow_mut().remove(&k);
            }
            Value::Map(sub) => clean_nil(&sub),
            _ => {}
        }
    }
}

/// Helm's `coalesceTablesFullKey`: `src` (lower precedence) into `dst`.
pub fn coalesce_tables(dst: &Map, src: &Map, merge: bool) {
    let src_nonnil: Vec<String> = src
        .borrow()
        .iter()
        .filter(|(_, v)| !v.is_nil())
        .map(|(k, _)| k.clone())
        .collect();
    let dst_nils: Vec<String> = dst
        .borrow()
        .iter()
        .filter(|(_, v)| v.is_nil())
        .map(|(k, _)| k.clone())
        .collect();
    for k in dst_nils {
        src.borrow_mut().insert(k, Value::Nil);
    }
    let entries: Vec<(String, Value)> = src.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    for (k, val) in entries {
        let dv = dst.borrow().get(&k).cloned();
        match dv {
            Some(ref d) if !merge && d.is_nil() && src_nonnil.contains(&k) => {
                dst.borrow_mut().remove(&k);
            }
            None => {
                dst.borrow_mut().insert(k, val);
            }
            Some(Value::Map(dm)) => {
                if let Value::Map(sm) = &val {
                    coalesce_tables(&dm, sm, merge);
                }
            }
            // A table cannot overwrite a non-table (nor the reverse): Helm warns and keeps dst.
            Some(_) => {}
        }
    }
}

/// What coalescing needs to know about a chart.
pub trait ChartValues {
    /// The chart's name.
    fn name(&self) -> &str;
    /// Its default values.
    fn values(&self) -> &Map;
    /// Its (enabled) subcharts.
    fn subcharts(&self) -> Vec<&Self>;
}

/// Helm's `CoalesceValues`: the chart's defaults (and its subcharts', with globals) under the
/// user's values.
pub fn coalesce<C: ChartValues>(chart: &C, user: &Map) -> Result<Map, ValuesError> {
    coalesce_with(chart, user, false)
}

/// Coalescing (`merge` false) or Helm's `MergeValues` (`merge` true: nulls are kept).
pub fn coalesce_with<C: ChartValues>(chart: &C, user: &Map, merge: bool) -> Result<Map, ValuesError> {
    let dest = match Value::Map(user.clone()).deep_copy() {
        Value::Map(m) => m,
        _ => new_map(),
    };
    coalesce_chart(chart, &dest, merge)?;
    Ok(dest)
}

fn coalesce_chart<C: ChartValues>(chart: &C, dest: &Map, merge: bool) -> Result<(), ValuesError> {
    coalesce_values(chart, dest, merge);
    for sub in chart.subcharts() {
        let name = sub.name().to_string();
        let existing = dest.borrow().get(&name).cloned();
        let dv = match existing {
            None => {
                let m = new_map();
                dest.borrow_mut().insert(name.clone(), Value::Map(m.clone()));
                m
            }
            Some(Value::Map(m)) => m,
            Some(v) => {
                return Err(ValuesError(format!(
                    "type mismatch on {name}: %!t({}={})",
                    v.type_name(),
                    crate::helm::template::gofmt::format_v(&v)
                )));
            }
        };
        coalesce_globals(&dv, dest);
        coalesce_chart(sub, &dv, merge)?;
    }
    Ok(())
}

fn coalesce_globals(dest: &Map, src: &Map) {
    let dg = match dest.borrow().get("global").cloned() {
        None => new_map(),
        Some(Value::Map(m)) => m,
        Some(_) => return,
    };
    let sg = match src.borrow().get("global").cloned() {
        None => new_map(),
        Some(Value::Map(m)) => m,
        Some(_) => return,
    };
    let entries: Vec<(String, Value)> = sg.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    for (k, val) in entries {
        if let Value::Map(vm) = &val {
            let vv: Map = std::rc::Rc::new(std::cell::RefCell::new(vm.borrow().clone()));
            let existing = dg.borrow().get(&k).cloned();
            match existing {
                None => {
                    dg.borrow_mut().insert(k, Value::Map(vv));
                }
                Some(Value::Map(dm)) => {
                    coalesce_tables(&vv, &dm, true);
                    dg.borrow_mut().insert(k, Value::Map(vv));
                }
                Some(_) => {}
            }
        } else if matches!(dg.borrow().get(&k), Some(Value::Map(_))) {
            // A table in the destination is kept.
        } else {
            dg.borrow_mut().insert(k, val);
        }
    }
    dest.borrow_mut().insert("global".into(), Value::Map(dg));
}

fn coalesce_values<C: ChartValues>(chart: &C, v: &Map, merge: bool) {
    let vc = match Value::Map(chart.values().clone()).deep_copy() {
        Value::Map(m) => m,
        _ => new_map(),
    };
    let sub_names: Vec<String> = chart.subcharts().iter().map(|s| s.name().to_string()).collect();
    let entries: Vec<(String, Value)> = vc.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    for (key, val) in entries {
        let existing = v.borrow().get(&key).cloned();
        match existing {
            Some(value) => {
                if value.is_nil() && !merge {
                    v.borrow_mut().remove(&key);
                } else if let Value::Map(dest) = &value
                    && let Value::Map(src) = &val
                {
                    let merge = merge || sub_names.contains(&key);
                    if !merge {
                        clean_nil(src);
                    }
                    coalesce_tables(dest, src, merge);
                }
            }
            None => {
                if !merge {
                    if val.is_nil() {
                        continue;
                    }
                    if let Value::Map(sub) = &val {
                        clean_nil(sub);
                    }
                }
                v.borrow_mut().insert(key, val);
            }
        }
    }
}

/// A values map.
pub type ValuesMap = Map;

#[cfg(test)]
mod tests {
    use super::*;

    fn json(m: &Map) -> serde_json::Value {
        Value::Map(m.clone()).to_json()
    }

    #[test]
    fn yaml_reads_as_helm_reads_it() {
        let m =
            parse_values("a: 1000000\nb: yes\nc: 0123\nd: 2024-01-01\ne: ~\nf: '1'\n---\ng: 1.5\n").unwrap();
        assert_eq!(
            json(&m),
            serde_json::json!({"a": 1e6, "b": true, "c": 83.0, "d": "2024-01-01", "e": null, "f": "1", "g": 1.5})
        );
    }

    #[test]
    fn set_parses_as_strvals() {
        let m = new_map();
        let nofile = |_: &str| -> Result<String, String> { Err("no".into()) };
        apply_set(
            "a.b=1,c[1]=x,d={a,b},e=null,f=010,g\\.h=true",
            &m,
            SetKind::Typed,
            &nofile,
        )
        .unwrap();
        assert_eq!(
            json(&m),
            serde_json::json!({"a": {"b": 1}, "c": [null, "x"], "d": ["a", "b"], "e": null, "f": "010", "g.h": true})
        );
        assert!(apply_set("a", &m, SetKind::Typed, &nofile).is_err());
        let j = new_map();
        apply_set("a={\"b\":[1,2]},c=3", &j, SetKind::Json, &nofile).unwrap();
        assert_eq!(json(&j), serde_json::json!({"a": {"b": [1.0, 2.0]}, "c": 3.0}));
    }
}
