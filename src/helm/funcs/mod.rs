//! Every function Helm registers for templates: Sprig v3 (without `env`/`expandenv`) in
//! [`sprig`], Helm's own (`include`, `tpl`, `required`, `fail`, `toYaml`, `fromYaml`, `toJson`,
//! `lookup`, ...) in [`helm`], and the conversions they share (Sprig's `strval`, `cast.ToInt64`,
//! `cast.ToFloat64`, Go's zero-value "emptiness").

pub mod crypto;
pub mod extra;
pub mod helm;
pub mod json;
pub mod semver;
pub mod sprig;

use crate::helm::template::funcs::FnPtr;
use crate::helm::template::gofmt;
use crate::helm::value::Value;

/// All functions by name.
pub fn all() -> Vec<(&'static str, FnPtr)> {
    let mut v = sprig::functions();
    v.extend(crypto::functions());
    v.extend(extra::functions());
    v.extend(helm::functions());
    v
}

/// Sprig's `strval`: strings as they are, bytes as text, anything else as `%v`.
pub fn strval(v: &Value) -> String {
    match v {
        Value::Str(s) => s.to_string(),
        Value::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
        Value::NoValue | Value::Nil => "<nil>".to_string(),
        v => gofmt::format_v(v),
    }
}

/// `cast.ToInt64`: numbers truncated, numeric strings parsed (base prefixes allowed, `3.0`
/// accepted), booleans as 0/1, anything else 0.
pub fn to_int64(v: &Value) -> i64 {
    match v {
        Value::Int(i) => *i,
        Value::Float(f) => *f as i64,
        Value::Bool(b) => i64::from(*b),
        Value::Str(s) => parse_int_go(s).unwrap_or(0),
        _ => 0,
    }
}

/// `strconv.ParseInt(trimZeroDecimal(s), 0, 64)` as `cast` uses it.
pub fn parse_int_go(s: &str) -> Option<i64> {
    let s = match s.split_once('.') {
        Some((a, b)) if !a.is_empty() && b.chars().all(|c| c == '0') => a,
        _ => s,
    };
    let (neg, body) = match s.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    if body.is_empty() || body.starts_with(['+', '-']) {
        return None;
    }
    let lower = body.to_ascii_lowercase();
    let v = if let Some(h) = lower.strip_prefix("0x") {
        i64::from_str_radix(&h.replace('_', ""), 16).ok()
    } else if let Some(o) = lower.strip_prefix("0o") {
        i64::from_str_radix(&o.replace('_', ""), 8).ok()
    } else if let Some(b) = lower.strip_prefix("0b") {
        i64::from_str_radix(&b.replace('_', ""), 2).ok()
    } else if lower.len() > 1 && lower.starts_with('0') {
        i64::from_str_radix(&lower[1..].replace('_', ""), 8).ok()
    } else if lower.contains('_') {
        None
    } else {
        lower.parse::<i64>().ok()
    }?;
    Some(if neg { -v } else { v })
}

/// `cast.ToFloat64`.
pub fn to_float64(v: &Value) -> f64 {
    match v {
        Value::Int(i) => *i as f64,
        Value::Float(f) => *f,
        Value::Bool(b) => f64::from(u8::from(*b)),
        Value::Str(s) => s.parse::<f64>().unwrap_or(0.0),
        _ => 0.0,
    }
}

/// Sprig's `empty`: nil, zero numbers, `false`, empty strings, lists and maps.
pub fn is_empty(v: &Value) -> bool {
    !v.truthy()
}

/// The elements of a list-like value (`[]interface{}`, `[]byte`, `.Capabilities.APIVersions`).
pub fn as_list(v: &Value) -> Option<Vec<Value>> {
    match v {
        Value::List(l) => Some(l.to_vec()),
        Value::Bytes(b) => Some(b.iter().map(|x| Value::Int(i64::from(*x))).collect()),
        Value::Object(o) => match &**o {
            crate::helm::value::Object::VersionSet(vs) => {
                Some(vs.iter().map(|s| Value::str(s.as_str())).collect())
            }
            _ => None,
        },
        _ => None,
    }
}

/// A `string` parameter: anything else is Go's type error.
pub fn arg_str(args: &[Value], i: usize, fname: &str) -> Result<String, String> {
    match args.get(i) {
        Some(Value::Str(s)) => Ok(s.to_string()),
        Some(Value::NoValue | Value::Nil) => Err("invalid value; expected string".to_string()),
        Some(v) => Err(format!(
            "wrong type for value; expected string; got {}",
            v.type_name()
        )),
        None => Err(format!(
            "wrong number of args for {fname}: want {} got {}",
            i + 1,
            args.len()
        )),
    }
}

/// An `int` parameter: Go integers only.
pub fn arg_int(args: &[Value], i: usize, fname: &str) -> Result<i64, String> {
    match args.get(i) {
        Some(Value::Int(n)) => Ok(*n),
        Some(Value::NoValue | Value::Nil) => Err("invalid value; expected int".to_string()),
        Some(v) => Err(format!(
            "wrong type for value; expected int; got {}",
            v.type_name()
        )),
        None => Err(format!(
            "wrong number of args for {fname}: want {} got {}",
            i + 1,
            args.len()
        )),
    }
}

/// Checks the exact number of arguments.
pub fn want(args: &[Value], n: usize, fname: &str) -> Result<(), String> {
    if args.len() != n {
        return Err(format!(
            "wrong number of args for {fname}: want {n} got {}",
            args.len()
        ));
    }
    Ok(())
}
