//! Helm's own template functions: `include`, `tpl`, `required`, `fail`, `toYaml`,
//! `mustToYaml`, `toYamlPretty`, `fromYaml`, `fromYamlArray`, `toJson`, `mustToJson`,
//! `fromJson`, `fromJsonArray`, `toToml`, `fromToml`, `lookup`.

use std::fmt::Write as _;
use std::rc::Rc;

use super::{arg_str, want};
use crate::helm::template::exec::{Exec, ExecError, FuncError, FuncResult, Templates};
use crate::helm::template::funcs::FnPtr;
use crate::helm::template::parse;
use crate::helm::value::Value;

/// Markers Helm puts around `required`/`fail` messages to find them in error chains.
pub const WARN_START: &str = "HELM_ERR_START";
/// End marker.
pub const WARN_END: &str = "HELM_ERR_END";

/// Helm's recursion limit for one `include`d template.
const MAX_INCLUDE: usize = 1000;

type F = fn(&mut Exec<'_>, Vec<Value>) -> FuncResult;

/// Helm's function table.
pub fn functions() -> Vec<(&'static str, FnPtr)> {
    let v: Vec<(&'static str, F)> = vec![
        ("include", include),
        ("tpl", tpl),
        ("required", |_, a| {
            want(&a, 2, "required")?;
            let warn = arg_str(&a, 0, "required")?;
            match &a[1] {
                Value::Nil | Value::NoValue => Err(format!("{WARN_START}{warn}{WARN_END}").into()),
                Value::Str(s) if s.is_empty() => Err(format!("{WARN_START}{warn}{WARN_END}").into()),
                v => Ok(v.clone()),
            }
        }),
        ("fail", |_, a| {
            want(&a, 1, "fail")?;
            let msg = arg_str(&a, 0, "fail")?;
            Err(format!("{WARN_START}{msg}{WARN_END}").into())
        }),
        ("toYaml", |_, a| {
            want(&a, 1, "toYaml")?;
            Ok(Value::from(to_yaml(&a[0]).unwrap_or_default()))
        }),
        ("mustToYaml", |_, a| {
            want(&a, 1, "mustToYaml")?;
            Ok(Value::from(to_yaml(&a[0]).ok_or("json: unsupported value")?))
        }),
        ("toYamlPretty", |_, a| {
            want(&a, 1, "toYamlPretty")?;
            Ok(Value::from(to_yaml_pretty(&a[0]).unwrap_or_default()))
        }),
        ("fromYaml", |_, a| {
            let s = arg_str(&a, 0, "fromYaml")?;
            Ok(match crate::helm::values::parse_yaml_first(&s) {
                Ok(Value::Map(m)) => Value::Map(m),
                Ok(Value::Nil | Value::NoValue) => Value::new_map(),
                Ok(v) => error_map(format!(
                    "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {} into Go value of type map[string]interface {{}}",
                    json_kind(&v)
                )),
                Err(e) => error_map(e.0),
            })
        }),
        ("fromYamlArray", |_, a| {
            let s = arg_str(&a, 0, "fromYamlArray")?;
            Ok(match crate::helm::values::parse_yaml_first(&s) {
                Ok(Value::List(l)) => Value::List(l),
                Ok(Value::Nil | Value::NoValue) => Value::list(Vec::new()),
                Ok(v) => Value::list(vec![Value::from(format!(
                    "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {} into Go value of type []interface {{}}",
                    json_kind(&v)
                ))]),
                Err(e) => Value::list(vec![Value::from(e.0)]),
            })
        }),
        ("fromJson", |_, a| {
            let s = arg_str(&a, 0, "fromJson")?;
            Ok(match serde_json::from_str::<serde_json::Value>(&s) {
                Ok(serde_json::Value::Object(m)) => Value::from_json(&serde_json::Value::Object(m), false),
                Ok(serde_json::Value::Null) => Value::new_map(),
                Ok(v) => error_map(format!(
                    "json: cannot unmarshal {} into Go value of type map[string]interface {{}}",
                    json_kind(&Value::from_json(&v, false))
                )),
                Err(e) => error_map(go_json_error(&e)),
            })
        }),
        ("fromJsonArray", |_, a| {
            let s = arg_str(&a, 0, "fromJsonArray")?;
            Ok(match serde_json::from_str::<serde_json::Value>(&s) {
                Ok(serde_json::Value::Array(l)) => Value::from_json(&serde_json::Value::Array(l), false),
                Ok(serde_json::Value::Null) => Value::list(Vec::new()),
                Ok(v) => Value::list(vec![Value::from(format!(
                    "json: cannot unmarshal {} into Go value of type []interface {{}}",
                    json_kind(&Value::from_json(&v, false))
                ))]),
                Err(e) => Value::list(vec![Value::from(go_json_error(&e))]),
            })
        }),
        ("toToml", |_, a| {
            want(&a, 1, "toToml")?;
            Ok(Value::from(to_toml(&a[0]).unwrap_or_else(|e| e)))
        }),
        ("mustToToml", |_, a| {
            want(&a, 1, "mustToToml")?;
            Ok(Value::from(to_toml(&a[0])?))
        }),
        ("fromToml", |_, _| {
            Err("fromToml is not supported by flux-rs".into())
        }),
        ("lookup", |e, a| {
            if a.len() != 4 {
                return Err(format!("wrong number of args for lookup: want 4 got {}", a.len()).into());
            }
            let s = |i| arg_str(&a, i, "lookup");
            let (api, kind, ns, name) = (s(0)?, s(1)?, s(2)?, s(3)?);
            match e.lookup {
                Some(l) => Ok(l.lookup(&api, &kind, &ns, &name)?),
                None => Ok(Value::new_map()),
            }
        }),
    ];
    v.into_iter().map(|(n, f)| (n, f as FnPtr)).collect()
}

fn error_map(msg: String) -> Value {
    let m = Value::new_map();
    if let Value::Map(mm) = &m {
        mm.borrow_mut().insert("Error".into(), Value::from(msg));
    }
    m
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

fn go_json_error(e: &serde_json::Error) -> String {
    if e.is_eof() {
        "unexpected end of JSON input".into()
    } else {
        format!("invalid character at line {} column {}", e.line(), e.column())
    }
}

/// Helm's `toYaml`: through JSON to go-yaml v2, without the final newline.
pub fn to_yaml(v: &Value) -> Option<String> {
    if has_non_finite(v, 0) {
        return None;
    }
    let s = crate::yaml::to_string(&v.to_json());
    Some(s.strip_suffix('\n').unwrap_or(&s).to_string())
}

fn has_non_finite(v: &Value, depth: usize) -> bool {
    if depth > 1000 {
        return false;
    }
    match v {
        Value::Float(f) => !f.is_finite(),
        Value::List(l) => l.iter().any(|x| has_non_finite(x, depth + 1)),
        Value::Map(m) => m.borrow().values().any(|x| has_non_finite(x, depth + 1)),
        _ => false,
    }
}

/// Helm's `toYamlPretty` (go-yaml v3 with an indent of 2): as `toYaml`, but a block sequence
/// that is a mapping value is indented under its key.
pub fn to_yaml_pretty(v: &Value) -> Option<String> {
    // go-yaml v3 writes floats as Go's `%v` (`1e+06`), where the JSON path writes integers.
    let mut floats = Vec::new();
    let marked = mark_floats(v, &mut floats, 0);
    let mut plain = to_yaml(&marked)?;
    for (i, f) in floats.iter().enumerate().rev() {
        plain = plain.replace(&format!("FLUXRSFLOAT{i:06}X"), f);
    }
    let mut out = String::new();
    // (indent of the sequence in the v2 output, shift applied to it and what it holds)
    let mut seqs: Vec<usize> = Vec::new();
    let mut prev_key_indent: Option<usize> = None;
    for line in plain.split('\n') {
        let indent = line.len() - line.trim_start().len();
        let body = line.trim_start();
        let item = body.starts_with("- ") || body == "-";
        while let Some(&top) = seqs.last() {
            if indent < top || (indent == top && !item) {
                seqs.pop();
            } else {
                break;
            }
        }
        if item && prev_key_indent == Some(indent) && seqs.last() != Some(&indent) {
            seqs.push(indent);
        }
        if !body.is_empty() {
            out.push_str(&" ".repeat(seqs.len() * 2));
        }
        out.push_str(line);
        out.push('\n');
        prev_key_indent = (body.ends_with(':') && !item).then_some(indent);
    }
    out.pop();
    Some(out)
}

/// Replaces the floats whose `%v` form differs from the JSON path's by unique plain tokens.
fn mark_floats(v: &Value, out: &mut Vec<String>, depth: usize) -> Value {
    if depth > 1000 {
        return v.clone();
    }
    match v {
        Value::Float(f) if f.is_finite() && f.fract() == 0.0 && f.abs() >= 1e6 => {
            out.push(crate::helm::template::gofmt::format_float_v(*f));
            Value::from(format!("FLUXRSFLOAT{:06}X", out.len() - 1))
        }
        Value::List(l) => Value::list(l.iter().map(|x| mark_floats(x, out, depth + 1)).collect()),
        Value::Map(m) => {
            let entries: Vec<(String, Value)> =
                m.borrow().iter().map(|(k, x)| (k.clone(), x.clone())).collect();
            Value::map_from(
                entries
                    .into_iter()
                    .map(|(k, x)| (k, mark_floats(&x, out, depth + 1)))
                    .collect(),
            )
        }
        v => v.clone(),
    }
}

fn to_toml(v: &Value) -> Result<String, String> {
    let Value::Map(m) = v else {
        return Err("toml: top-level values must be Go maps or structs".into());
    };
    let mut out = String::new();
    write_toml_table(&mut out, m, "", 0)?;
    Ok(out)
}

fn toml_key(k: &str) -> String {
    if !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        k.to_string()
    } else {
        crate::helm::template::gofmt::quote(k)
    }
}

fn toml_scalar(v: &Value) -> Result<String, String> {
    Ok(match v {
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => {
            let s = crate::helm::template::gofmt::format_float_v(*f);
            if s.contains(['.', 'e', 'n', 'N']) {
                s
            } else {
                format!("{s}.0")
            }
        }
        Value::Str(s) => crate::helm::template::gofmt::quote(s),
        Value::List(l) => {
            let items: Result<Vec<String>, String> = l.iter().map(toml_scalar).collect();
            format!("[{}]", items?.join(", "))
        }
        Value::Map(m) => {
            let mut parts = Vec::new();
            for (k, x) in m.borrow().iter() {
                if !x.is_nil() {
                    parts.push(format!("{} = {}", toml_key(k), toml_scalar(x)?));
                }
            }
            format!("{{{}}}", parts.join(", "))
        }
        _ => return Err("toml: cannot encode a nil value".into()),
    })
}

/// One table of BurntSushi/toml's encoder: keys, then sub-tables (a blank line before the
/// top-level ones), each level indented by two spaces.
fn write_toml_table(
    out: &mut String,
    m: &crate::helm::value::Map,
    prefix: &str,
    depth: usize,
) -> Result<(), String> {
    if depth > 100 {
        return Err("toml: nesting too deep".into());
    }
    let entries: Vec<(String, Value)> = m.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    let ind = "  ".repeat(depth);
    for (k, v) in &entries {
        if v.is_nil() || matches!(v, Value::Map(_)) {
            continue;
        }
        let _ = writeln!(out, "{ind}{} = {}", toml_key(k), toml_scalar(v)?);
    }
    for (k, v) in &entries {
        if let Value::Map(sub) = v {
            let name = if prefix.is_empty() {
                toml_key(k)
            } else {
                format!("{prefix}.{}", toml_key(k))
            };
            if depth == 0 && !out.is_empty() {
                out.push('\n');
            }
            let _ = writeln!(out, "{ind}[{name}]");
            write_toml_table(out, sub, &name, depth + 1)?;
        }
    }
    Ok(())
}

fn include(e: &mut Exec<'_>, a: Vec<Value>) -> FuncResult {
    if a.len() != 2 {
        return Err(format!("wrong number of args for include: want 2 got {}", a.len()).into());
    }
    let name = arg_str(&a, 0, "include")?;
    let count = e.include_counts.entry(name.clone()).or_insert(0);
    if *count > MAX_INCLUDE {
        return Err(format!(
            "rendering template has a nested reference name: {name}: unable to execute template"
        )
        .into());
    }
    *count += 1;
    let r = e.execute(&name, a[1].clone());
    if let Some(c) = e.include_counts.get_mut(&name) {
        *c -= 1;
    }
    r.map(Value::from).map_err(FuncError::Exec)
}

fn tpl(e: &mut Exec<'_>, a: Vec<Value>) -> FuncResult {
    if a.len() != 2 {
        return Err(format!("wrong number of args for tpl: want 2 got {}", a.len()).into());
    }
    let text = arg_str(&a, 0, "tpl")?;
    let name = e.root_name.clone();
    let parsed =
        parse::parse(&name, &text).map_err(|err| format!("cannot parse template {text:?}: {err}"))?;
    let mut extra = Templates::default();
    extra.add(parsed);
    let data = a[1].clone();
    let r = e.with_overlay(extra, |e| e.execute(&name, data));
    match r {
        Ok(s) => Ok(Value::from(s.replace("<no value>", ""))),
        Err(inner) => {
            let wrapped = ExecError {
                location: String::new(),
                name: String::new(),
                context: String::new(),
                message: format!("error during tpl function execution for {text:?}: "),
                inner: Some(inner),
                plain_cause: true,
            };
            Err(FuncError::Msg(
                wrapped.message.clone() + &wrapped.inner.map(|i| i.to_string()).unwrap_or_default(),
            ))
        }
    }
}

/// Keeps `Rc` in use for values built here.
#[allow(dead_code)]
fn _rc(v: Value) -> Rc<Value> {
    Rc::new(v)
}
