//! The function table templates are parsed against: Go's built-ins (`and`, `or`, `not`,
//! `len`, `index`, `slice`, `print*`, comparisons, `html`, `js`, `urlquery`) plus every
//! function Helm registers (Sprig and Helm's own, in `crate::helm::funcs`).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::OnceLock;

use super::exec::{Exec, FuncResult};
use super::gofmt;
use crate::helm::value::{Object, Value};

/// A function as the executor calls it.
pub type FnPtr = fn(&mut Exec<'_>, Vec<Value>) -> FuncResult;

/// A function known at parse time.
#[derive(Clone, Copy)]
pub enum Func {
    /// `and` (evaluates its arguments lazily).
    And,
    /// `or` (evaluates its arguments lazily).
    Or,
    /// Any other function.
    Call(FnPtr),
}

impl std::fmt::Debug for Func {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Func::And => write!(f, "and"),
            Func::Or => write!(f, "or"),
            Func::Call(_) => write!(f, "func"),
        }
    }
}

fn table() -> &'static HashMap<&'static str, Func> {
    static TABLE: OnceLock<HashMap<&'static str, Func>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut m: HashMap<&'static str, Func> = HashMap::new();
        m.insert("and", Func::And);
        m.insert("or", Func::Or);
        let builtins: &[(&'static str, FnPtr)] = &[
            ("not", not),
            ("len", len),
            ("index", index),
            ("slice", slice),
            ("print", |_, a| Ok(Value::from(gofmt::sprint(&a)))),
            ("println", |_, a| Ok(Value::from(gofmt::sprintln(&a)))),
            ("printf", printf),
            ("eq", eq),
            ("ne", |_, a| {
                check_args("ne", &a, 2)?;
                Ok(Value::Bool(!equal(&a[0], &a[1])?))
            }),
            ("lt", |_, a| cmp_fn("lt", &a, std::cmp::Ordering::is_lt)),
            ("le", |_, a| cmp_fn("le", &a, std::cmp::Ordering::is_le)),
            ("gt", |_, a| cmp_fn("gt", &a, std::cmp::Ordering::is_gt)),
            ("ge", |_, a| cmp_fn("ge", &a, std::cmp::Ordering::is_ge)),
            ("html", |_, a| Ok(Value::from(html_escape(&eval_args(&a))))),
            ("js", |_, a| Ok(Value::from(js_escape(&eval_args(&a))))),
            ("urlquery", |_, a| Ok(Value::from(query_escape(&eval_args(&a))))),
            ("call", |_, _| Err("call of nil".into())),
        ];
        for (name, f) in builtins {
            m.insert(name, Func::Call(*f));
        }
        for (name, f) in crate::helm::funcs::all() {
            m.insert(name, Func::Call(f));
        }
        m
    })
}

/// The function named `name`, if templates may call it.
pub fn lookup(name: &str) -> Option<Func> {
    table().get(name).copied()
}

fn check_args(name: &str, a: &[Value], n: usize) -> Result<(), String> {
    if a.len() != n {
        return Err(format!(
            "wrong number of args for {name}: want {n} got {}",
            a.len()
        ));
    }
    Ok(())
}

fn not(_: &mut Exec<'_>, a: Vec<Value>) -> FuncResult {
    check_args("not", &a, 1)?;
    Ok(Value::Bool(!a[0].truthy()))
}

fn len(_: &mut Exec<'_>, a: Vec<Value>) -> FuncResult {
    check_args("len", &a, 1)?;
    let n = match &a[0] {
        Value::Str(s) => s.len(),
        Value::Bytes(b) => b.len(),
        Value::List(l) => l.len(),
        Value::Map(m) => m.borrow().len(),
        Value::Object(o) => match &**o {
            Object::VersionSet(v) => v.len(),
            Object::Files(f) => f.len(),
            _ => return Err(format!("len of type {}", a[0].type_name()).into()),
        },
        Value::Nil | Value::NoValue => return Err("len of nil pointer".into()),
        v => return Err(format!("len of type {}", v.type_name()).into()),
    };
    Ok(Value::Int(n as i64))
}

fn int_index(v: &Value, len: usize, cap: bool) -> Result<usize, String> {
    let i = match v {
        Value::Int(i) => *i,
        Value::Nil | Value::NoValue => return Err("cannot index slice/array with nil".into()),
        v => return Err(format!("cannot index slice/array with type {}", v.type_name())),
    };
    if i < 0 || (i as usize) > len || (!cap && i as usize == len) {
        return Err(format!("index out of range: {i}"));
    }
    Ok(i as usize)
}

fn index(_: &mut Exec<'_>, a: Vec<Value>) -> FuncResult {
    let mut it = a.into_iter();
    let Some(mut item) = it.next() else {
        return Err("wrong number of args for index: want at least 1 got 0".into());
    };
    for key in it {
        item = match &item {
            Value::List(l) => l[int_index(&key, l.len(), false)?].clone(),
            Value::Bytes(b) => Value::Int(i64::from(b[int_index(&key, b.len(), false)?])),
            Value::Str(s) => Value::Int(i64::from(s.as_bytes()[int_index(&key, s.len(), false)?])),
            Value::Map(m) => match &key {
                Value::Str(k) => m.borrow().get(&**k).cloned().unwrap_or(Value::Nil),
                Value::Nil | Value::NoValue => Value::Nil,
                k => return Err(format!("value has type {}; should be string", k.type_name()).into()),
            },
            Value::Object(o) if matches!(**o, Object::Files(_)) => match (&**o, &key) {
                (Object::Files(f), Value::Str(k)) => f
                    .iter()
                    .find(|(n, _)| **n == **k)
                    .map_or(Value::Nil, |(_, d)| Value::Bytes(d.clone())),
                _ => Value::Nil,
            },
            Value::Nil | Value::NoValue => return Err("index of untyped nil".into()),
            v => return Err(format!("can't index item of type {}", v.type_name()).into()),
        };
    }
    Ok(item)
}

fn slice(_: &mut Exec<'_>, a: Vec<Value>) -> FuncResult {
    let Some(item) = a.first() else {
        return Err("wrong number of args for slice: want at least 1 got 0".into());
    };
    if a.len() > 4 {
        return Err(format!("too many slice indexes: {}", a.len() - 1).into());
    }
    let len = match item {
        Value::List(l) => l.len(),
        Value::Str(s) => s.len(),
        Value::Bytes(b) => b.len(),
        Value::Nil | Value::NoValue => return Err("slice of untyped nil".into()),
        v => return Err(format!("can't slice item of type {}", v.type_name()).into()),
    };
    let mut idx = [0usize, len, len];
    for (i, v) in a[1..].iter().enumerate() {
        idx[i] = int_index(v, len, true)?;
    }
    if a.len() == 4 && matches!(item, Value::Str(_)) {
        return Err("cannot 3-index slice a string".into());
    }
    let (lo, hi) = (idx[0], idx[1]);
    if lo > hi {
        return Err(format!("invalid slice index: {lo} > {hi}").into());
    }
    Ok(match item {
        Value::List(l) => Value::list(l[lo..hi].to_vec()),
        Value::Str(s) => Value::from(String::from_utf8_lossy(&s.as_bytes()[lo..hi]).into_owned()),
        Value::Bytes(b) => Value::Bytes(std::rc::Rc::new(b[lo..hi].to_vec())),
        _ => Value::Nil,
    })
}

fn printf(_: &mut Exec<'_>, a: Vec<Value>) -> FuncResult {
    let Some(Value::Str(f)) = a.first() else {
        return Err(match a.first() {
            None => "wrong number of args for printf: want at least 1 got 0".to_string(),
            Some(v) => format!("wrong type for value; expected string; got {}", v.type_name()),
        }
        .into());
    };
    Ok(Value::from(gofmt::sprintf(f, &a[1..])))
}

#[derive(PartialEq, Eq, Clone, Copy, Debug)]
enum Kind {
    Invalid,
    Bool,
    Int,
    Float,
    Str,
}

fn kind(v: &Value) -> Kind {
    match v {
        Value::Bool(_) => Kind::Bool,
        Value::Int(_) => Kind::Int,
        Value::Float(_) => Kind::Float,
        Value::Str(_) => Kind::Str,
        _ => Kind::Invalid,
    }
}

/// Go's `eq` for two values.
fn equal(a: &Value, b: &Value) -> Result<bool, String> {
    let (ka, kb) = (kind(a), kind(b));
    if ka != kb {
        if !a.is_nil() && !b.is_nil() {
            return Err(format!(
                "incompatible types for comparison: {} and {}",
                a.type_name(),
                b.type_name()
            ));
        }
        return Ok(false);
    }
    Ok(match (a, b) {
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Int(x), Value::Int(y)) => x == y,
        #[allow(clippy::float_cmp)]
        (Value::Float(x), Value::Float(y)) => x == y,
        (Value::Str(x), Value::Str(y)) => x == y,
        _ => {
            if a.is_nil() || b.is_nil() {
                a.is_nil() == b.is_nil()
            } else {
                return Err(format!(
                    "non-comparable type {}: {}",
                    gofmt::format_v(a),
                    a.type_name()
                ));
            }
        }
    })
}

fn eq(_: &mut Exec<'_>, a: Vec<Value>) -> FuncResult {
    if a.len() < 2 {
        return Err("missing argument for comparison".into());
    }
    for b in &a[1..] {
        if equal(&a[0], b)? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn cmp_fn(name: &str, a: &[Value], f: fn(std::cmp::Ordering) -> bool) -> FuncResult {
    check_args(name, a, 2)?;
    let (x, y) = (&a[0], &a[1]);
    let (kx, ky) = (kind(x), kind(y));
    if kx == Kind::Invalid || ky == Kind::Invalid {
        return Err("invalid type for comparison".into());
    }
    if kx != ky {
        return Err(format!(
            "incompatible types for comparison: {} and {}",
            x.type_name(),
            y.type_name()
        )
        .into());
    }
    let o = match (x, y) {
        (Value::Int(p), Value::Int(q)) => p.cmp(q),
        (Value::Float(p), Value::Float(q)) => p.partial_cmp(q).unwrap_or(std::cmp::Ordering::Greater),
        (Value::Str(p), Value::Str(q)) => p.cmp(q),
        _ => return Err("invalid type for comparison".into()),
    };
    Ok(Value::Bool(f(o)))
}

fn eval_args(a: &[Value]) -> String {
    if let [Value::Str(s)] = a {
        return s.to_string();
    }
    gofmt::sprint(a)
}

fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("&#34;"),
            '\'' => out.push_str("&#39;"),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\0' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

fn js_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '"' => out.push_str("\\\""),
            '<' => out.push_str("\\u003C"),
            '>' => out.push_str("\\u003E"),
            '&' => out.push_str("\\u0026"),
            '=' => out.push_str("\\u003D"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// `url.QueryEscape`.
pub fn query_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            b' ' => out.push('+'),
            b => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}
