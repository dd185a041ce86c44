//! Sprig v3's functions with Go's and Sprig's semantics: argument order (`trimSuffix "-" .x`),
//! `cast`-style number conversions, `int64` results of integer math, mergo's `merge` rules,
//! `default`/`empty` on Go zero values, regular expressions with Go's replacement syntax.

use std::collections::BTreeMap;
use std::rc::Rc;

use base64::Engine as _;
use sha2::Digest as _;

use super::{arg_int, arg_str, as_list, is_empty, strval, to_float64, to_int64, want};
use crate::helm::template::exec::{Exec, FuncResult};
use crate::helm::template::funcs::FnPtr;
use crate::helm::template::gofmt;
use crate::helm::value::{Map, Value};

type F = fn(&mut Exec<'_>, Vec<Value>) -> FuncResult;

/// Sprig's function table.
pub fn functions() -> Vec<(&'static str, FnPtr)> {
    [
        basics(),
        strings(),
        more_strings(),
        conversions_and_math(),
        defaults_and_types(),
        lists(),
        dicts(),
        encoding_and_hashes(),
        regular_expressions(),
        paths(),
        versions(),
        randomness_and_network(),
        dates(),
    ]
    .concat()
    .into_iter()
    .map(|(n, f)| (n, f as FnPtr))
    .collect()
}

/// Sprig's basics functions.
fn basics() -> Vec<(&'static str, F)> {
    vec![("hello", |_, _| Ok(Value::from("Hello!")))]
}

/// Sprig's strings functions: case, trimming, repeating.
fn strings() -> Vec<(&'static str, F)> {
    vec![
        ("upper", |_, a| s1(&a, "upper", str::to_uppercase)),
        ("lower", |_, a| s1(&a, "lower", str::to_lowercase)),
        ("title", |_, a| s1(&a, "title", title)),
        ("untitle", |_, a| s1(&a, "untitle", untitle)),
        ("trim", |_, a| {
            s1(&a, "trim", |s| s.trim_matches(is_go_space).to_string())
        }),
        ("trimAll", trim_all),
        ("trimall", trim_all),
        ("trimSuffix", |_, a| {
            let (x, s) = (arg_str(&a, 0, "trimSuffix")?, arg_str(&a, 1, "trimSuffix")?);
            Ok(Value::from(s.strip_suffix(x.as_str()).unwrap_or(&s).to_string()))
        }),
        ("trimPrefix", |_, a| {
            let (x, s) = (arg_str(&a, 0, "trimPrefix")?, arg_str(&a, 1, "trimPrefix")?);
            Ok(Value::from(s.strip_prefix(x.as_str()).unwrap_or(&s).to_string()))
        }),
        ("nospace", |_, a| {
            s1(&a, "nospace", |s| {
                s.chars().filter(|c| !c.is_whitespace()).collect()
            })
        }),
        ("swapcase", |_, a| {
            s1(&a, "swapcase", |s| {
                s.chars()
                    .map(|c| {
                        if c.is_uppercase() {
                            c.to_lowercase().collect::<String>()
                        } else {
                            c.to_uppercase().collect()
                        }
                    })
                    .collect()
            })
        }),
        ("snakecase", |_, a| s1(&a, "snakecase", |s| delimited(s, '_'))),
        ("kebabcase", |_, a| s1(&a, "kebabcase", |s| delimited(s, '-'))),
        ("camelcase", |_, a| s1(&a, "camelcase", camelcase)),
        ("initials", |_, a| {
            s1(&a, "initials", |s| {
                s.split_whitespace().filter_map(|w| w.chars().next()).collect()
            })
        }),
        ("trunc", |_, a| {
            let (c, s) = (arg_int(&a, 0, "trunc")?, arg_str(&a, 1, "trunc")?);
            let n = s.len() as i64;
            Ok(Value::from(if c < 0 && n + c > 0 {
                byte_slice(&s, (n + c) as usize, s.len())
            } else if c >= 0 && n > c {
                byte_slice(&s, 0, c as usize)
            } else {
                s
            }))
        }),
        ("abbrev", |_, a| {
            let (w, s) = (arg_int(&a, 0, "abbrev")?, arg_str(&a, 1, "abbrev")?);
            if w < 4 || s.chars().count() as i64 <= w {
                return Ok(Value::from(s));
            }
            let keep: String = s.chars().take((w - 3) as usize).collect();
            Ok(Value::from(format!("{keep}...")))
        }),
        ("substr", |_, a| {
            let (st, en, s) = (
                arg_int(&a, 0, "substr")?,
                arg_int(&a, 1, "substr")?,
                arg_str(&a, 2, "substr")?,
            );
            let n = s.len() as i64;
            Ok(Value::from(if st < 0 {
                byte_slice(&s, 0, en.clamp(0, n) as usize)
            } else if en < 0 || en > n {
                byte_slice(&s, st.min(n) as usize, s.len())
            } else {
                byte_slice(&s, st.min(en) as usize, en as usize)
            }))
        }),
        ("repeat", |_, a| {
            let (c, s) = (arg_int(&a, 0, "repeat")?, arg_str(&a, 1, "repeat")?);
            if c < 0 {
                return Err("strings: negative Repeat count".into());
            }
            if (c as usize).saturating_mul(s.len()) > 64 << 20 {
                return Err("strings: Repeat output length overflow".into());
            }
            Ok(Value::from(s.repeat(c as usize)))
        }),
    ]
}

/// Sprig's strings functions: tests, quoting, splitting and the rest.
fn more_strings() -> Vec<(&'static str, F)> {
    vec![
        ("contains", |_, a| {
            let (x, s) = (arg_str(&a, 0, "contains")?, arg_str(&a, 1, "contains")?);
            Ok(Value::Bool(s.contains(x.as_str())))
        }),
        ("hasPrefix", |_, a| {
            let (x, s) = (arg_str(&a, 0, "hasPrefix")?, arg_str(&a, 1, "hasPrefix")?);
            Ok(Value::Bool(s.starts_with(x.as_str())))
        }),
        ("hasSuffix", |_, a| {
            let (x, s) = (arg_str(&a, 0, "hasSuffix")?, arg_str(&a, 1, "hasSuffix")?);
            Ok(Value::Bool(s.ends_with(x.as_str())))
        }),
        ("quote", |_, a| {
            let parts: Vec<String> = a
                .iter()
                .filter(|v| !v.is_nil())
                .map(|v| gofmt::quote(&strval(v)))
                .collect();
            Ok(Value::from(parts.join(" ")))
        }),
        ("squote", |_, a| {
            let parts: Vec<String> = a
                .iter()
                .filter(|v| !v.is_nil())
                .map(|v| format!("'{}'", strval(v)))
                .collect();
            Ok(Value::from(parts.join(" ")))
        }),
        ("cat", |_, a| {
            let parts: Vec<Value> = a.into_iter().filter(|v| !v.is_nil()).collect();
            let f = vec!["%v"; parts.len()].join(" ");
            Ok(Value::from(gofmt::sprintf(&f, &parts)))
        }),
        ("indent", |_, a| {
            let (n, s) = (arg_int(&a, 0, "indent")?, arg_str(&a, 1, "indent")?);
            Ok(Value::from(indent(n, &s)))
        }),
        ("nindent", |_, a| {
            let (n, s) = (arg_int(&a, 0, "nindent")?, arg_str(&a, 1, "nindent")?);
            Ok(Value::from(format!("\n{}", indent(n, &s))))
        }),
        ("replace", |_, a| {
            let (o, n, s) = (
                arg_str(&a, 0, "replace")?,
                arg_str(&a, 1, "replace")?,
                arg_str(&a, 2, "replace")?,
            );
            Ok(Value::from(go_replace(&s, &o, &n)))
        }),
        ("plural", |_, a| {
            let (one, many, n) = (
                arg_str(&a, 0, "plural")?,
                arg_str(&a, 1, "plural")?,
                arg_int(&a, 2, "plural")?,
            );
            Ok(Value::from(if n == 1 { one } else { many }))
        }),
        ("wrap", |_, a| {
            let (l, s) = (arg_int(&a, 0, "wrap")?, arg_str(&a, 1, "wrap")?);
            Ok(Value::from(wrap(&s, l, "\n")))
        }),
        ("wrapWith", |_, a| {
            let (l, sep, s) = (
                arg_int(&a, 0, "wrapWith")?,
                arg_str(&a, 1, "wrapWith")?,
                arg_str(&a, 2, "wrapWith")?,
            );
            Ok(Value::from(wrap(&s, l, &sep)))
        }),
        ("toString", |_, a| {
            want(&a, 1, "toString")?;
            Ok(Value::from(strval(&a[0])))
        }),
        ("toStrings", |_, a| {
            want(&a, 1, "toStrings")?;
            Ok(Value::list(
                strslice(&a[0]).into_iter().map(Value::from).collect(),
            ))
        }),
        ("split", |_, a| {
            let (sep, s) = (arg_str(&a, 0, "split")?, arg_str(&a, 1, "split")?);
            Ok(indexed_map(go_split(&s, &sep, -1)))
        }),
        ("splitn", |_, a| {
            let (sep, n, s) = (
                arg_str(&a, 0, "splitn")?,
                arg_int(&a, 1, "splitn")?,
                arg_str(&a, 2, "splitn")?,
            );
            Ok(indexed_map(go_split(&s, &sep, n)))
        }),
        ("splitList", |_, a| {
            let (sep, s) = (arg_str(&a, 0, "splitList")?, arg_str(&a, 1, "splitList")?);
            Ok(Value::list(
                go_split(&s, &sep, -1).into_iter().map(Value::from).collect(),
            ))
        }),
        ("join", |_, a| {
            let sep = arg_str(&a, 0, "join")?;
            want(&a, 2, "join")?;
            Ok(Value::from(strslice(&a[1]).join(&sep)))
        }),
        ("sortAlpha", |_, a| {
            want(&a, 1, "sortAlpha")?;
            let mut v = strslice(&a[0]);
            v.sort();
            Ok(Value::list(v.into_iter().map(Value::from).collect()))
        }),
        ("shuffle", |_, a| s1(&a, "shuffle", ToString::to_string)),
    ]
}

/// Sprig's conversions and math functions.
fn conversions_and_math() -> Vec<(&'static str, F)> {
    vec![
        ("atoi", |_, a| {
            let s = arg_str(&a, 0, "atoi")?;
            Ok(Value::Int(s.parse::<i64>().unwrap_or(0)))
        }),
        ("int", |_, a| n1(&a, "int", |v| Value::Int(to_int64(v)))),
        ("int64", |_, a| n1(&a, "int64", |v| Value::Int(to_int64(v)))),
        ("float64", |_, a| {
            n1(&a, "float64", |v| Value::Float(to_float64(v)))
        }),
        ("toDecimal", |_, a| {
            n1(&a, "toDecimal", |v| {
                Value::Int(i64::from_str_radix(&strval(v), 8).unwrap_or(0))
            })
        }),
        ("add1", |_, a| {
            n1(&a, "add1", |v| Value::Int(to_int64(v).wrapping_add(1)))
        }),
        ("add", |_, a| {
            Ok(Value::Int(
                a.iter().fold(0i64, |s, v| s.wrapping_add(to_int64(v))),
            ))
        }),
        ("sub", |_, a| int2(&a, "sub", |x, y| Ok(x.wrapping_sub(y)))),
        ("mul", |_, a| {
            Ok(Value::Int(
                a.iter().fold(1i64, |s, v| s.wrapping_mul(to_int64(v))),
            ))
        }),
        ("div", |_, a| {
            int2(&a, "div", |x, y| {
                if y == 0 {
                    Err("runtime error: integer divide by zero".into())
                } else {
                    Ok(x.wrapping_div(y))
                }
            })
        }),
        ("mod", |_, a| {
            int2(&a, "mod", |x, y| {
                if y == 0 {
                    Err("runtime error: integer divide by zero".into())
                } else {
                    Ok(x.wrapping_rem(y))
                }
            })
        }),
        ("max", |_, a| int_fold(&a, "max", i64::max)),
        ("biggest", |_, a| int_fold(&a, "biggest", i64::max)),
        ("min", |_, a| int_fold(&a, "min", i64::min)),
        ("add1f", |_, a| {
            n1(&a, "add1f", |v| Value::Float(to_float64(v) + 1.0))
        }),
        ("addf", |_, a| {
            Ok(Value::Float(a.iter().fold(0.0, |s, v| s + to_float64(v))))
        }),
        ("subf", |_, a| float_fold1(&a, "subf", |x, y| x - y)),
        ("mulf", |_, a| {
            Ok(Value::Float(a.iter().fold(1.0, |s, v| s * to_float64(v))))
        }),
        ("divf", |_, a| float_fold1(&a, "divf", |x, y| x / y)),
        ("maxf", |_, a| float_fold1(&a, "maxf", f64::max)),
        ("minf", |_, a| float_fold1(&a, "minf", f64::min)),
        ("floor", |_, a| {
            n1(&a, "floor", |v| Value::Float(to_float64(v).floor()))
        }),
        ("ceil", |_, a| {
            n1(&a, "ceil", |v| Value::Float(to_float64(v).ceil()))
        }),
        ("round", |_, a| {
            if a.len() < 2 {
                return Err(format!("wrong number of args for round: want 2 got {}", a.len()).into());
            }
            let p = arg_int(&a, 1, "round")?;
            let r = a.get(2).map_or(0.5, to_float64);
            let pow = 10f64.powi(i32::try_from(p).unwrap_or(0));
            let digit = pow * to_float64(&a[0]);
            let (int, frac) = (digit.trunc(), digit.fract());
            let rounded = if frac >= r { int + 1.0 } else { int };
            Ok(Value::Float(rounded / pow))
        }),
        ("until", |_, a| {
            let n = arg_int(&a, 0, "until")?;
            let step = if n < 0 { -1 } else { 1 };
            until_step(0, n, step)
        }),
        ("untilStep", |_, a| {
            until_step(
                arg_int(&a, 0, "untilStep")?,
                arg_int(&a, 1, "untilStep")?,
                arg_int(&a, 2, "untilStep")?,
            )
        }),
        ("seq", seq),
    ]
}

/// Sprig's defaults and types functions.
fn defaults_and_types() -> Vec<(&'static str, F)> {
    vec![
        ("default", |_, a| {
            let Some(d) = a.first() else {
                return Err("wrong number of args for default: want at least 1 got 0".into());
            };
            match a.get(1) {
                Some(g) if !is_empty(g) => Ok(g.clone()),
                _ => Ok(d.clone()),
            }
        }),
        ("empty", |_, a| {
            want(&a, 1, "empty")?;
            Ok(Value::Bool(is_empty(&a[0])))
        }),
        ("coalesce", |_, a| {
            Ok(a.into_iter().find(|v| !is_empty(v)).unwrap_or(Value::Nil))
        }),
        ("all", |_, a| Ok(Value::Bool(a.iter().all(|v| !is_empty(v))))),
        ("any", |_, a| Ok(Value::Bool(a.iter().any(|v| !is_empty(v))))),
        ("compact", |_, a| {
            let l = list_arg(&a, 0, "compact")?;
            Ok(Value::list(l.into_iter().filter(|v| !is_empty(v)).collect()))
        }),
        ("mustCompact", |_, a| {
            let l = list_arg(&a, 0, "mustCompact")?;
            Ok(Value::list(l.into_iter().filter(|v| !is_empty(v)).collect()))
        }),
        ("ternary", |_, a| {
            want(&a, 3, "ternary")?;
            match &a[2] {
                Value::Bool(b) => Ok(if *b { a[0].clone() } else { a[1].clone() }),
                v => Err(format!("wrong type for value; expected bool; got {}", v.type_name()).into()),
            }
        }),
        ("typeOf", |_, a| {
            want(&a, 1, "typeOf")?;
            Ok(Value::from(type_of(&a[0])))
        }),
        ("typeIs", |_, a| {
            let t = arg_str(&a, 0, "typeIs")?;
            want(&a, 2, "typeIs")?;
            Ok(Value::Bool(t == type_of(&a[1])))
        }),
        ("typeIsLike", |_, a| {
            let t = arg_str(&a, 0, "typeIsLike")?;
            want(&a, 2, "typeIsLike")?;
            let ty = type_of(&a[1]);
            Ok(Value::Bool(t == ty || t == format!("*{ty}")))
        }),
        ("kindOf", |_, a| {
            want(&a, 1, "kindOf")?;
            Ok(Value::from(kind_of(&a[0])))
        }),
        ("kindIs", |_, a| {
            let t = arg_str(&a, 0, "kindIs")?;
            want(&a, 2, "kindIs")?;
            Ok(Value::Bool(t == kind_of(&a[1])))
        }),
        ("deepEqual", |_, a| {
            want(&a, 2, "deepEqual")?;
            Ok(Value::Bool(deep_equal(&a[0], &a[1])))
        }),
        ("deepCopy", |_, a| {
            want(&a, 1, "deepCopy")?;
            Ok(a[0].deep_copy())
        }),
        ("mustDeepCopy", |_, a| {
            want(&a, 1, "mustDeepCopy")?;
            if a[0].is_nil() {
                return Err("copy: Must not be nil".into());
            }
            Ok(a[0].deep_copy())
        }),
    ]
}

/// Sprig's lists functions.
fn lists() -> Vec<(&'static str, F)> {
    vec![
        ("list", |_, a| Ok(Value::list(a))),
        ("tuple", |_, a| Ok(Value::list(a))),
        ("append", |_, a| push(&a, "append")),
        ("push", |_, a| push(&a, "push")),
        ("mustAppend", |_, a| push(&a, "mustAppend")),
        ("mustPush", |_, a| push(&a, "mustPush")),
        ("prepend", |_, a| prepend(&a, "prepend")),
        ("mustPrepend", |_, a| prepend(&a, "mustPrepend")),
        ("first", |_, a| {
            Ok(list_arg(&a, 0, "first")?.first().cloned().unwrap_or(Value::Nil))
        }),
        ("mustFirst", |_, a| {
            Ok(list_arg(&a, 0, "mustFirst")?
                .first()
                .cloned()
                .unwrap_or(Value::Nil))
        }),
        ("last", |_, a| {
            Ok(list_arg(&a, 0, "last")?.last().cloned().unwrap_or(Value::Nil))
        }),
        ("mustLast", |_, a| {
            Ok(list_arg(&a, 0, "mustLast")?.last().cloned().unwrap_or(Value::Nil))
        }),
        ("rest", |_, a| rest(&a, "rest")),
        ("mustRest", |_, a| rest(&a, "mustRest")),
        ("initial", |_, a| initial(&a, "initial")),
        ("mustInitial", |_, a| initial(&a, "mustInitial")),
        ("reverse", |_, a| reverse(&a, "reverse")),
        ("mustReverse", |_, a| reverse(&a, "mustReverse")),
        ("uniq", |_, a| uniq(&a, "uniq")),
        ("mustUniq", |_, a| uniq(&a, "mustUniq")),
        ("without", |_, a| without(&a, "without")),
        ("mustWithout", |_, a| without(&a, "mustWithout")),
        ("has", |_, a| has(&a, "has")),
        ("mustHas", |_, a| has(&a, "mustHas")),
        ("slice", |_, a| slice(&a, "slice")),
        ("mustSlice", |_, a| slice(&a, "mustSlice")),
        ("concat", |_, a| {
            let mut out = Vec::new();
            for v in &a {
                match as_list(v) {
                    Some(l) => out.extend(l),
                    None => return Err(format!("Cannot concat type {} as list", kind_of(v)).into()),
                }
            }
            Ok(Value::list(out))
        }),
        ("chunk", |_, a| {
            let size = arg_int(&a, 0, "chunk")?;
            let l = list_arg(&a, 1, "chunk")?;
            if size <= 0 {
                return Ok(Value::list(Vec::new()));
            }
            Ok(Value::list(
                l.chunks(size as usize).map(|c| Value::list(c.to_vec())).collect(),
            ))
        }),
    ]
}

/// Sprig's dicts functions.
fn dicts() -> Vec<(&'static str, F)> {
    vec![
        ("dict", |_, a| {
            let mut m = BTreeMap::new();
            let mut it = a.into_iter();
            while let Some(k) = it.next() {
                m.insert(strval(&k), it.next().unwrap_or_else(|| Value::from("")));
            }
            Ok(Value::map_from(m))
        }),
        ("get", |_, a| {
            let m = map_arg(&a, 0, "get")?;
            let k = arg_str(&a, 1, "get")?;
            let v = m.borrow().get(&k).cloned();
            Ok(v.unwrap_or_else(|| Value::from("")))
        }),
        ("set", |_, a| {
            if a.first().is_some_and(Value::is_nil) {
                return Err("assignment to entry in nil map".into());
            }
            let m = map_arg(&a, 0, "set")?;
            let k = arg_str(&a, 1, "set")?;
            want(&a, 3, "set")?;
            m.try_borrow_mut()
                .map_err(|_| "map is in use".to_string())?
                .insert(k, a[2].clone());
            Ok(Value::Map(m))
        }),
        ("unset", |_, a| {
            let m = map_arg(&a, 0, "unset")?;
            let k = arg_str(&a, 1, "unset")?;
            m.try_borrow_mut()
                .map_err(|_| "map is in use".to_string())?
                .remove(&k);
            Ok(Value::Map(m))
        }),
        ("hasKey", |_, a| {
            let m = map_arg(&a, 0, "hasKey")?;
            let k = arg_str(&a, 1, "hasKey")?;
            Ok(Value::Bool(m.borrow().contains_key(&k)))
        }),
        ("pluck", |_, a| {
            let k = arg_str(&a, 0, "pluck")?;
            let mut out = Vec::new();
            for (i, _) in a.iter().enumerate().skip(1) {
                let m = map_arg(&a, i, "pluck")?;
                if let Some(v) = m.borrow().get(&k) {
                    out.push(v.clone());
                }
            }
            Ok(Value::list(out))
        }),
        ("keys", |_, a| {
            let mut out = Vec::new();
            for (i, _) in a.iter().enumerate() {
                let m = map_arg(&a, i, "keys")?;
                out.extend(m.borrow().keys().map(|k| Value::str(k.as_str())));
            }
            Ok(Value::list(out))
        }),
        ("values", |_, a| {
            let m = map_arg(&a, 0, "values")?;
            let out: Vec<Value> = m.borrow().values().cloned().collect();
            Ok(Value::list(out))
        }),
        ("pick", |_, a| {
            let m = map_arg(&a, 0, "pick")?;
            let src = m.borrow();
            let mut out = BTreeMap::new();
            for k in &a[1..] {
                let k = strval(k);
                if let Some(v) = src.get(&k) {
                    out.insert(k, v.clone());
                }
            }
            Ok(Value::map_from(out))
        }),
        ("omit", |_, a| {
            let m = map_arg(&a, 0, "omit")?;
            let drop: Vec<String> = a[1..].iter().map(strval).collect();
            let out: BTreeMap<String, Value> = m
                .borrow()
                .iter()
                .filter(|(k, _)| !drop.contains(k))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            Ok(Value::map_from(out))
        }),
        ("merge", |_, a| merge_fn(&a, "merge", false)),
        ("mustMerge", |_, a| merge_fn(&a, "mustMerge", false)),
        ("mergeOverwrite", |_, a| merge_fn(&a, "mergeOverwrite", true)),
        ("mustMergeOverwrite", |_, a| {
            merge_fn(&a, "mustMergeOverwrite", true)
        }),
        ("dig", |_, a| {
            if a.len() < 3 {
                return Err(format!("wrong number of args for dig: want at least 3 got {}", a.len()).into());
            }
            let m = map_arg(&a, a.len() - 1, "dig")?;
            let default = a[a.len() - 2].clone();
            let keys: Vec<String> = a[..a.len() - 2].iter().map(strval).collect();
            let mut cur = Value::Map(m);
            for k in &keys {
                let next = match &cur {
                    Value::Map(m) => m.borrow().get(k).cloned(),
                    _ => None,
                };
                match next {
                    Some(v) => cur = v,
                    None => return Ok(default),
                }
            }
            Ok(cur)
        }),
    ]
}

/// Sprig's encoding and hashes functions.
fn encoding_and_hashes() -> Vec<(&'static str, F)> {
    vec![
        ("b64enc", |_, a| {
            s1(&a, "b64enc", |s| {
                base64::engine::general_purpose::STANDARD.encode(s.as_bytes())
            })
        }),
        ("b64dec", |_, a| {
            s1(
                &a,
                "b64dec",
                |s| match base64::engine::general_purpose::STANDARD.decode(s.as_bytes()) {
                    Ok(b) => String::from_utf8_lossy(&b).into_owned(),
                    Err(e) => go_b64_error(s, &e),
                },
            )
        }),
        ("b32enc", |_, a| s1(&a, "b32enc", |s| base32_encode(s.as_bytes()))),
        ("b32dec", |_, a| {
            s1(&a, "b32dec", |s| base32_decode(s).unwrap_or_else(|e| e))
        }),
        ("sha1sum", |_, a| {
            s1(&a, "sha1sum", |s| hex(&sha1::Sha1::digest(s.as_bytes())))
        }),
        ("sha256sum", |_, a| {
            s1(&a, "sha256sum", |s| hex(&sha2::Sha256::digest(s.as_bytes())))
        }),
        ("sha512sum", |_, a| {
            s1(&a, "sha512sum", |s| hex(&sha2::Sha512::digest(s.as_bytes())))
        }),
        ("adler32sum", |_, a| {
            s1(&a, "adler32sum", |s| adler32(s.as_bytes()).to_string())
        }),
        ("toJson", |_, a| json_fn(&a, "toJson", true, None, false)),
        ("mustToJson", |_, a| json_fn(&a, "mustToJson", true, None, true)),
        ("toPrettyJson", |_, a| {
            json_fn(&a, "toPrettyJson", true, Some("  "), false)
        }),
        ("mustToPrettyJson", |_, a| {
            json_fn(&a, "mustToPrettyJson", true, Some("  "), true)
        }),
        ("toRawJson", |_, a| json_fn(&a, "toRawJson", false, None, false)),
        ("mustToRawJson", |_, a| {
            json_fn(&a, "mustToRawJson", false, None, true)
        }),
        ("mustFromJson", |_, a| {
            let s = arg_str(&a, 0, "mustFromJson")?;
            let v: serde_json::Value = serde_json::from_str(&s).map_err(|e| e.to_string())?;
            Ok(Value::from_json(&v, false))
        }),
    ]
}

/// Sprig's regular expressions functions.
fn regular_expressions() -> Vec<(&'static str, F)> {
    vec![
        ("regexMatch", |_, a| {
            regex2(&a, "regexMatch", false, |r, s| Value::Bool(r.is_match(s)))
        }),
        ("mustRegexMatch", |_, a| {
            regex2(&a, "mustRegexMatch", true, |r, s| Value::Bool(r.is_match(s)))
        }),
        ("regexFind", |_, a| {
            regex2(&a, "regexFind", false, |r, s| {
                Value::from(r.find(s).map_or("", |m| m.as_str()))
            })
        }),
        ("mustRegexFind", |_, a| {
            regex2(&a, "mustRegexFind", true, |r, s| {
                Value::from(r.find(s).map_or("", |m| m.as_str()))
            })
        }),
        ("regexFindAll", |_, a| regex_find_all(&a, "regexFindAll", false)),
        ("mustRegexFindAll", |_, a| {
            regex_find_all(&a, "mustRegexFindAll", true)
        }),
        ("regexReplaceAll", |_, a| {
            regex_replace(&a, "regexReplaceAll", false, false)
        }),
        ("mustRegexReplaceAll", |_, a| {
            regex_replace(&a, "mustRegexReplaceAll", false, true)
        }),
        ("regexReplaceAllLiteral", |_, a| {
            regex_replace(&a, "regexReplaceAllLiteral", true, false)
        }),
        ("mustRegexReplaceAllLiteral", |_, a| {
            regex_replace(&a, "mustRegexReplaceAllLiteral", true, true)
        }),
        ("regexSplit", |_, a| regex_split(&a, "regexSplit", false)),
        ("mustRegexSplit", |_, a| regex_split(&a, "mustRegexSplit", true)),
        ("regexQuoteMeta", |_, a| s1(&a, "regexQuoteMeta", regex::escape)),
    ]
}

/// Sprig's paths functions.
fn paths() -> Vec<(&'static str, F)> {
    vec![
        ("base", |_, a| s1(&a, "base", path_base)),
        ("dir", |_, a| s1(&a, "dir", path_dir)),
        ("ext", |_, a| {
            s1(&a, "ext", |s| {
                let b = s.rsplit('/').next().unwrap_or(s);
                b.rfind('.').map_or(String::new(), |i| b[i..].to_string())
            })
        }),
        ("clean", |_, a| s1(&a, "clean", path_clean)),
        ("isAbs", |_, a| {
            let s = arg_str(&a, 0, "isAbs")?;
            Ok(Value::Bool(s.starts_with('/')))
        }),
        ("osBase", |_, a| s1(&a, "osBase", path_base)),
        ("osDir", |_, a| s1(&a, "osDir", path_dir)),
        ("osClean", |_, a| s1(&a, "osClean", path_clean)),
    ]
}

/// Sprig's versions functions.
fn versions() -> Vec<(&'static str, F)> {
    vec![
        ("semverCompare", |_, a| {
            let (c, v) = (arg_str(&a, 0, "semverCompare")?, arg_str(&a, 1, "semverCompare")?);
            let c = super::semver::Constraints::parse(&c)?;
            let v = super::semver::Version::parse(&v)?;
            Ok(Value::Bool(c.check(&v)))
        }),
        ("semver", |_, a| {
            let s = arg_str(&a, 0, "semver")?;
            let v = super::semver::Version::parse(&s)?;
            let mut m = BTreeMap::new();
            m.insert("Major".to_string(), Value::Int(v.major as i64));
            m.insert("Minor".to_string(), Value::Int(v.minor as i64));
            m.insert("Patch".to_string(), Value::Int(v.patch as i64));
            m.insert("Prerelease".to_string(), Value::from(v.pre));
            m.insert("Metadata".to_string(), Value::from(v.meta));
            m.insert("Original".to_string(), Value::from(s));
            Ok(Value::map_from(m))
        }),
    ]
}

/// Sprig's randomness and network functions.
fn randomness_and_network() -> Vec<(&'static str, F)> {
    vec![
        ("uuidv4", |_, _| Ok(Value::from(uuidv4()))),
        ("randAlphaNum", |_, a| {
            rand_string(
                &a,
                "randAlphaNum",
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
            )
        }),
        ("randAlpha", |_, a| {
            rand_string(
                &a,
                "randAlpha",
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
            )
        }),
        ("randNumeric", |_, a| rand_string(&a, "randNumeric", "0123456789")),
        ("randAscii", |_, a| {
            rand_string(
                &a,
                "randAscii",
                "!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ",
            )
        }),
        ("randInt", |_, a| {
            let (lo, hi) = (
                to_int64(a.first().unwrap_or(&Value::Nil)),
                to_int64(a.get(1).unwrap_or(&Value::Nil)),
            );
            if hi <= lo {
                return Err("invalid argument to Intn".into());
            }
            Ok(Value::Int(lo + (random_u64() % (hi - lo) as u64) as i64))
        }),
        ("randBytes", |_, a| {
            let n = arg_int(&a, 0, "randBytes")?;
            let bytes: Vec<u8> = (0..n.clamp(0, 1 << 20)).map(|_| random_u64() as u8).collect();
            Ok(Value::from(
                base64::engine::general_purpose::STANDARD.encode(bytes),
            ))
        }),
        ("getHostByName", |_, _| Ok(Value::from(""))),
    ]
}

/// Sprig's dates functions.
fn dates() -> Vec<(&'static str, F)> {
    vec![
        ("now", |_, _| {
            Ok(Value::from(
                chrono::Utc::now()
                    .format("%Y-%m-%d %H:%M:%S%.f +0000 UTC")
                    .to_string(),
            ))
        }),
        ("unixEpoch", |_, _| {
            Ok(Value::from(chrono::Utc::now().timestamp().to_string()))
        }),
    ]
}

fn is_go_space(c: char) -> bool {
    c.is_whitespace()
}

fn byte_slice(s: &str, a: usize, b: usize) -> String {
    String::from_utf8_lossy(&s.as_bytes()[a.min(s.len())..b.min(s.len())]).into_owned()
}

fn s1(a: &[Value], name: &str, f: impl Fn(&str) -> String) -> FuncResult {
    want(a, 1, name)?;
    let s = arg_str(a, 0, name)?;
    Ok(Value::from(f(&s)))
}

fn n1(a: &[Value], name: &str, f: impl Fn(&Value) -> Value) -> FuncResult {
    want(a, 1, name)?;
    Ok(f(&a[0]))
}

fn int2(a: &[Value], name: &str, f: impl Fn(i64, i64) -> Result<i64, String>) -> FuncResult {
    want(a, 2, name)?;
    Ok(Value::Int(f(to_int64(&a[0]), to_int64(&a[1]))?))
}

fn int_fold(a: &[Value], name: &str, f: fn(i64, i64) -> i64) -> FuncResult {
    let Some(first) = a.first() else {
        return Err(format!("wrong number of args for {name}: want at least 1 got 0").into());
    };
    Ok(Value::Int(
        a[1..].iter().fold(to_int64(first), |s, v| f(s, to_int64(v))),
    ))
}

fn float_fold1(a: &[Value], name: &str, f: fn(f64, f64) -> f64) -> FuncResult {
    let Some(first) = a.first() else {
        return Err(format!("wrong number of args for {name}: want at least 1 got 0").into());
    };
    Ok(Value::Float(
        a[1..].iter().fold(to_float64(first), |s, v| f(s, to_float64(v))),
    ))
}

fn until_step(start: i64, end: i64, step: i64) -> FuncResult {
    let mut v = Vec::new();
    if step == 0 {
        return Ok(Value::list(v));
    }
    let mut i = start;
    while (step > 0 && i < end) || (step < 0 && i > end) {
        if v.len() >= 10_000_000 {
            return Err("untilStep: too many elements".into());
        }
        v.push(Value::Int(i));
        i += step;
    }
    Ok(Value::list(v))
}

fn seq(_: &mut Exec<'_>, a: Vec<Value>) -> FuncResult {
    let p: Vec<i64> = a.iter().map(to_int64).collect();
    let (start, step, end) = match p.as_slice() {
        [] => return Ok(Value::from("")),
        [e] => (1, 1, *e),
        [s, e] => (*s, if s <= e { 1 } else { -1 }, *e),
        [s, st, e] => (*s, *st, *e),
        _ => return Ok(Value::from("")),
    };
    if step == 0 || (step > 0 && start > end) || (step < 0 && start < end) {
        return Ok(Value::from(""));
    }
    let mut out = Vec::new();
    let mut i = start;
    while (step > 0 && i <= end) || (step < 0 && i >= end) {
        if out.len() >= 10_000_000 {
            return Err("seq: too many elements".into());
        }
        out.push(i.to_string());
        i += step;
    }
    Ok(Value::from(out.join(" ")))
}

/// Go's `strings.Title`.
fn title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev = ' ';
    for c in s.chars() {
        if is_separator(prev) {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        prev = c;
    }
    out
}

fn untitle(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev = ' ';
    for c in s.chars() {
        if prev.is_whitespace() {
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
        prev = c;
    }
    out
}

fn is_separator(c: char) -> bool {
    if c.is_ascii() {
        return !(c.is_ascii_alphanumeric() || c == '_');
    }
    if c.is_alphanumeric() {
        return false;
    }
    c.is_whitespace()
}

fn delimited(s: &str, sep: char) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_whitespace() || c == '_' || c == '-' || c == '.' {
            if !out.is_empty() && !out.ends_with(sep) {
                out.push(sep);
            }
            continue;
        }
        if c.is_uppercase() && i > 0 {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            if (prev.is_lowercase() || prev.is_ascii_digit() || (prev.is_uppercase() && next_lower))
                && !out.is_empty()
                && !out.ends_with(sep)
            {
                out.push(sep);
            }
        }
        out.extend(c.to_lowercase());
    }
    out.trim_end_matches(sep).to_string()
}

fn camelcase(s: &str) -> String {
    let mut out = String::new();
    let mut upper_next = true;
    for c in s.chars() {
        if c == '_' || c == ' ' || c == '-' {
            upper_next = true;
            continue;
        }
        if upper_next {
            out.extend(c.to_uppercase());
            upper_next = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn indent(n: i64, s: &str) -> String {
    let pad = " ".repeat(usize::try_from(n).unwrap_or(0));
    format!("{pad}{}", s.replace('\n', &format!("\n{pad}")))
}

fn go_replace(s: &str, old: &str, new: &str) -> String {
    if old.is_empty() {
        // Go inserts `new` before every rune and at the end.
        let mut out = String::new();
        for c in s.chars() {
            out.push_str(new);
            out.push(c);
        }
        out.push_str(new);
        return out;
    }
    s.replace(old, new)
}

/// Go's `strings.SplitN` (`n < 0`: all).
fn go_split(s: &str, sep: &str, n: i64) -> Vec<String> {
    if n == 0 {
        return Vec::new();
    }
    if sep.is_empty() {
        let chars: Vec<String> = s.chars().map(String::from).collect();
        if n > 0 && chars.len() > n as usize {
            let mut head: Vec<String> = chars[..n as usize - 1].to_vec();
            head.push(chars[n as usize - 1..].concat());
            return head;
        }
        return chars;
    }
    if n < 0 {
        s.split(sep).map(String::from).collect()
    } else {
        s.splitn(n as usize, sep).map(String::from).collect()
    }
}

fn indexed_map(parts: Vec<String>) -> Value {
    Value::map_from(
        parts
            .into_iter()
            .enumerate()
            .map(|(i, p)| (format!("_{i}"), Value::from(p)))
            .collect(),
    )
}

/// Sprig's `strslice`.
fn strslice(v: &Value) -> Vec<String> {
    match v {
        Value::List(l) => l.iter().filter(|x| !x.is_nil()).map(strval).collect(),
        Value::NoValue | Value::Nil => Vec::new(),
        v => match as_list(v) {
            Some(l) => l.iter().filter(|x| !x.is_nil()).map(strval).collect(),
            None => vec![strval(v)],
        },
    }
}

fn wrap(s: &str, width: i64, sep: &str) -> String {
    let width = usize::try_from(width.max(1)).unwrap_or(1);
    let mut out = String::new();
    for (li, line) in s.split('\n').enumerate() {
        if li > 0 {
            out.push_str(sep);
        }
        let mut cur = 0;
        for (wi, w) in line.split(' ').filter(|w| !w.is_empty()).enumerate() {
            if wi > 0 {
                if cur + 1 + w.len() > width {
                    out.push_str(sep);
                    cur = 0;
                } else {
                    out.push(' ');
                    cur += 1;
                }
            }
            out.push_str(w);
            cur += w.len();
        }
    }
    out
}

fn type_of(v: &Value) -> String {
    match v {
        Value::NoValue | Value::Nil => "<nil>".into(),
        v => v.type_name().into(),
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::NoValue | Value::Nil => "invalid",
        Value::Bool(_) => "bool",
        Value::Int(_) => "int",
        Value::Float(_) => "float64",
        Value::Str(_) => "string",
        Value::Bytes(_) | Value::List(_) => "slice",
        Value::Map(_) => "map",
        Value::Object(o) => match **o {
            crate::helm::value::Object::Files(_) => "map",
            crate::helm::value::Object::VersionSet(_) => "slice",
            crate::helm::value::Object::Capabilities(_) => "ptr",
            _ => "struct",
        },
    }
}

/// `reflect.DeepEqual` on template values.
pub fn deep_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::NoValue | Value::Nil, Value::NoValue | Value::Nil) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Int(x), Value::Int(y)) => x == y,
        #[allow(clippy::float_cmp)]
        (Value::Float(x), Value::Float(y)) => x == y,
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::Bytes(x), Value::Bytes(y)) => x == y,
        (Value::List(x), Value::List(y)) => {
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| deep_equal(p, q))
        }
        (Value::Map(x), Value::Map(y)) => {
            if Rc::ptr_eq(x, y) {
                return true;
            }
            let (x, y) = (x.borrow(), y.borrow());
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| deep_equal(v, w)))
        }
        _ => false,
    }
}

fn list_arg(a: &[Value], i: usize, name: &str) -> Result<Vec<Value>, String> {
    match a.get(i) {
        Some(v) => as_list(v).ok_or_else(|| format!("Cannot find {name} on type {}", kind_of(v))),
        None => Err(format!(
            "wrong number of args for {name}: want {} got {}",
            i + 1,
            a.len()
        )),
    }
}

fn map_arg(a: &[Value], i: usize, name: &str) -> Result<Map, String> {
    match a.get(i) {
        Some(Value::Map(m)) => Ok(m.clone()),
        // A nil map, as Go passes a missing value to a map parameter.
        Some(Value::NoValue | Value::Nil) => Ok(crate::helm::values::new_map()),
        Some(v) => Err(format!(
            "wrong type for value; expected map[string]interface {{}}; got {}",
            v.type_name()
        )),
        None => Err(format!(
            "wrong number of args for {name}: want {} got {}",
            i + 1,
            a.len()
        )),
    }
}

fn push(a: &[Value], name: &str) -> FuncResult {
    want(a, 2, name)?;
    let mut l = list_arg(a, 0, name).map_err(|_| format!("Cannot push on type {}", kind_of(&a[0])))?;
    l.push(a[1].clone());
    Ok(Value::list(l))
}

fn prepend(a: &[Value], name: &str) -> FuncResult {
    want(a, 2, name)?;
    let l = list_arg(a, 0, name).map_err(|_| format!("Cannot prepend on type {}", kind_of(&a[0])))?;
    let mut out = vec![a[1].clone()];
    out.extend(l);
    Ok(Value::list(out))
}

fn rest(a: &[Value], name: &str) -> FuncResult {
    let l = list_arg(a, 0, name)?;
    if l.is_empty() {
        return Ok(Value::Nil);
    }
    Ok(Value::list(l[1..].to_vec()))
}

fn initial(a: &[Value], name: &str) -> FuncResult {
    let l = list_arg(a, 0, name)?;
    if l.is_empty() {
        return Ok(Value::Nil);
    }
    Ok(Value::list(l[..l.len() - 1].to_vec()))
}

fn reverse(a: &[Value], name: &str) -> FuncResult {
    let mut l = list_arg(a, 0, name)?;
    l.reverse();
    Ok(Value::list(l))
}

fn uniq(a: &[Value], name: &str) -> FuncResult {
    let l = list_arg(a, 0, name)?;
    let mut out: Vec<Value> = Vec::new();
    for v in l {
        if !out.iter().any(|o| deep_equal(o, &v)) {
            out.push(v);
        }
    }
    Ok(Value::list(out))
}

fn without(a: &[Value], name: &str) -> FuncResult {
    let l = list_arg(a, 0, name)?;
    let drop = &a[1..];
    Ok(Value::list(
        l.into_iter()
            .filter(|v| !drop.iter().any(|d| deep_equal(d, v)))
            .collect(),
    ))
}

fn has(a: &[Value], name: &str) -> FuncResult {
    want(a, 2, name)?;
    if a[1].is_nil() {
        return Ok(Value::Bool(false));
    }
    let l = list_arg(a, 1, name)?;
    Ok(Value::Bool(l.iter().any(|v| deep_equal(v, &a[0]))))
}

fn slice(a: &[Value], name: &str) -> FuncResult {
    let l = match a.first() {
        Some(v) => {
            as_list(v).ok_or_else(|| format!("list should be type of slice or array but {}", kind_of(v)))?
        }
        None => return Err(format!("wrong number of args for {name}: want 1 got 0").into()),
    };
    let idx: Vec<i64> = a[1..].iter().map(to_int64).collect();
    let n = l.len() as i64;
    let (lo, hi) = match idx.as_slice() {
        [] => (0, n),
        [lo] => (*lo, n),
        [lo, hi, ..] => (*lo, *hi),
    };
    if lo < 0 || hi > n || lo > hi {
        return Err(format!("runtime error: slice bounds out of range [{lo}:{hi}]").into());
    }
    Ok(Value::list(l[lo as usize..hi as usize].to_vec()))
}

/// mergo's `Merge` of `src` into `dst` (in place), as Sprig's `merge`/`mergeOverwrite` use it.
fn mergo(dst: &Map, src: &Map, overwrite: bool, depth: usize) -> Result<(), String> {
    if depth > 1000 {
        return Err("merge: nesting too deep".into());
    }
    if Rc::ptr_eq(dst, src) {
        return Ok(());
    }
    let entries: Vec<(String, Value)> = src.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    for (k, sv) in entries {
        if sv.is_nil() {
            if overwrite {
                dst.try_borrow_mut()
                    .map_err(|_| "map is in use")?
                    .insert(k, Value::Nil);
            }
            continue;
        }
        let dv = dst.borrow().get(&k).cloned();
        if let (Value::Map(sm), Some(Value::Map(dm))) = (&sv, &dv) {
            mergo(dm, sm, overwrite, depth + 1)?;
        }
        if let Some(d) = &dv
            && !is_empty(d)
        {
            if matches!(sv, Value::List(_)) {
                if overwrite {
                    dst.try_borrow_mut().map_err(|_| "map is in use")?.insert(k, sv);
                }
                continue;
            }
            if matches!(sv, Value::Map(_)) && matches!(d, Value::Map(_)) {
                continue;
            }
        }
        if overwrite || dv.as_ref().is_none_or(is_empty) {
            dst.try_borrow_mut().map_err(|_| "map is in use")?.insert(k, sv);
        }
    }
    Ok(())
}

fn merge_fn(a: &[Value], name: &str, overwrite: bool) -> FuncResult {
    let dst = map_arg(a, 0, name)?;
    for i in 1..a.len() {
        let src = map_arg(a, i, name)?;
        mergo(&dst, &src, overwrite, 0)?;
    }
    Ok(Value::Map(dst))
}

fn hex(b: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut s = String::with_capacity(b.len() * 2);
    for x in b {
        let _ = write!(s, "{x:02x}");
    }
    s
}

fn adler32(data: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for &d in data {
        a = (a + u32::from(d)) % 65521;
        b = (b + a) % 65521;
    }
    (b << 16) | a
}

fn go_b64_error(s: &str, e: &base64::DecodeError) -> String {
    let offset = match e {
        base64::DecodeError::InvalidByte(o, _) | base64::DecodeError::InvalidLastSymbol(o, _) => *o,
        _ => s.len(),
    };
    format!("illegal base64 data at input byte {offset}")
}

const B32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

fn base32_encode(data: &[u8]) -> String {
    let mut out = String::new();
    for chunk in data.chunks(5) {
        let mut buf = [0u8; 5];
        buf[..chunk.len()].copy_from_slice(chunk);
        let bits = u64::from(buf[0]) << 32
            | u64::from(buf[1]) << 24
            | u64::from(buf[2]) << 16
            | u64::from(buf[3]) << 8
            | u64::from(buf[4]);
        let n = match chunk.len() {
            1 => 2,
            2 => 4,
            3 => 5,
            4 => 7,
            _ => 8,
        };
        for i in 0..8 {
            if i < n {
                out.push(B32[((bits >> (35 - i * 5)) & 31) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn base32_decode(s: &str) -> Result<String, String> {
    let mut bits = 0u64;
    let mut nbits = 0;
    let mut out = Vec::new();
    for (i, c) in s.trim_end_matches('=').bytes().enumerate() {
        let Some(v) = B32.iter().position(|&x| x == c) else {
            return Err(format!("illegal base32 data at input byte {i}"));
        };
        bits = (bits << 5) | v as u64;
        nbits += 5;
        if nbits >= 8 {
            nbits -= 8;
            out.push((bits >> nbits) as u8);
        }
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

fn json_fn(a: &[Value], name: &str, html: bool, indent: Option<&str>, must: bool) -> FuncResult {
    want(a, 1, name)?;
    match super::json::marshal(&a[0], html, indent) {
        Some(s) => Ok(Value::from(s)),
        None if must => Err("json: unsupported value".into()),
        None => Ok(Value::from("")),
    }
}

/// Compiles a Go regular expression (RE2 syntax, which Rust's `regex` shares).
pub fn go_regex(re: &str) -> Result<regex::Regex, String> {
    regex::RegexBuilder::new(re)
        .size_limit(16 << 20)
        .build()
        .map_err(|e| {
            format!(
                "error parsing regexp: {}",
                e.to_string().lines().last().unwrap_or("invalid")
            )
        })
}

fn regex2(a: &[Value], name: &str, must: bool, f: impl Fn(&regex::Regex, &str) -> Value) -> FuncResult {
    let (re, s) = (arg_str(a, 0, name)?, arg_str(a, 1, name)?);
    match go_regex(&re) {
        Ok(r) => Ok(f(&r, &s)),
        Err(e) if must => Err(e.into()),
        Err(_) => Ok(f(&never(), &s)),
    }
}

fn never() -> regex::Regex {
    regex::Regex::new("[^\\s\\S]").unwrap_or_else(|_| unreachable_regex())
}

#[allow(clippy::unwrap_used)]
fn unreachable_regex() -> regex::Regex {
    regex::Regex::new("$^").unwrap()
}

fn regex_find_all(a: &[Value], name: &str, must: bool) -> FuncResult {
    let (re, s, n) = (arg_str(a, 0, name)?, arg_str(a, 1, name)?, arg_int(a, 2, name)?);
    let r = match go_regex(&re) {
        Ok(r) => r,
        Err(e) if must => return Err(e.into()),
        Err(_) => return Ok(Value::list(Vec::new())),
    };
    let it = r.find_iter(&s).map(|m| Value::from(m.as_str()));
    Ok(Value::list(if n < 0 {
        it.collect()
    } else {
        it.take(n as usize).collect()
    }))
}

fn regex_replace(a: &[Value], name: &str, literal: bool, must: bool) -> FuncResult {
    let (re, s, repl) = (arg_str(a, 0, name)?, arg_str(a, 1, name)?, arg_str(a, 2, name)?);
    let r = match go_regex(&re) {
        Ok(r) => r,
        Err(e) if must => return Err(e.into()),
        Err(_) => return Ok(Value::from(s)),
    };
    Ok(Value::from(if literal {
        r.replace_all(&s, regex::NoExpand(&repl)).into_owned()
    } else {
        r.replace_all(&s, repl.as_str()).into_owned()
    }))
}

fn regex_split(a: &[Value], name: &str, must: bool) -> FuncResult {
    let (re, s, n) = (arg_str(a, 0, name)?, arg_str(a, 1, name)?, arg_int(a, 2, name)?);
    let r = match go_regex(&re) {
        Ok(r) => r,
        Err(e) if must => return Err(e.into()),
        Err(_) => return Ok(Value::list(vec![Value::from(s)])),
    };
    if n == 0 {
        return Ok(Value::list(Vec::new()));
    }
    let parts: Vec<Value> = if n < 0 {
        r.split(&s).map(Value::from).collect()
    } else {
        r.splitn(&s, n as usize).map(Value::from).collect()
    };
    Ok(Value::list(parts))
}

fn path_base(s: &str) -> String {
    if s.is_empty() {
        return ".".into();
    }
    let t = s.trim_end_matches('/');
    if t.is_empty() {
        return "/".into();
    }
    t.rsplit('/').next().unwrap_or(t).to_string()
}

fn path_dir(s: &str) -> String {
    let dir = match s.rfind('/') {
        Some(i) => &s[..=i],
        None => "",
    };
    path_clean(dir)
}

/// Go's `path.Clean`.
pub fn path_clean(s: &str) -> String {
    if s.is_empty() {
        return ".".into();
    }
    let rooted = s.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for p in s.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|l| *l != "..") {
                    parts.pop();
                } else if !rooted {
                    parts.push("..");
                }
            }
            p => parts.push(p),
        }
    }
    let joined = parts.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".into(),
        (false, false) => joined,
    }
}

fn random_u64() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    h.finish()
}

fn uuidv4() -> String {
    let mut b = [0u8; 16];
    for chunk in b.chunks_mut(8) {
        chunk.copy_from_slice(&random_u64().to_le_bytes());
    }
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h = hex(&b);
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

fn rand_string(a: &[Value], name: &str, alphabet: &str) -> FuncResult {
    let n = arg_int(a, 0, name)?;
    let chars: Vec<char> = alphabet.chars().collect();
    Ok(Value::from(
        (0..n.clamp(0, 1 << 20))
            .map(|_| chars[(random_u64() % chars.len() as u64) as usize])
            .collect::<String>(),
    ))
}

fn trim_all(_: &mut Exec<'_>, a: Vec<Value>) -> FuncResult {
    let (cut, s) = (arg_str(&a, 0, "trimAll")?, arg_str(&a, 1, "trimAll")?);
    let set: Vec<char> = cut.chars().collect();
    Ok(Value::from(s.trim_matches(|c| set.contains(&c)).to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_behave_as_sprig() {
        assert_eq!(title("hello world-foo"), "Hello World-Foo");
        assert_eq!(delimited("FirstName", '_'), "first_name");
        assert_eq!(delimited("HTTPServer", '_'), "http_server");
        assert_eq!(indent(2, "a\nb"), "  a\n  b");
        assert_eq!(path_clean("a/../b/./c/"), "b/c");
        assert_eq!(base32_encode(b"hi"), "NBUQ====");
        assert_eq!(base32_decode("NBUQ====").unwrap(), "hi");
        assert_eq!(adler32(b"Wikipedia"), 300_286_872);
        assert_eq!(go_split("a,b,c", ",", 2), vec!["a", "b,c"]);
    }

    #[test]
    fn merge_follows_mergo() {
        let parse = |j: serde_json::Value| match Value::from_json(&j, true) {
            Value::Map(m) => m,
            _ => unreachable!(),
        };
        let dst = parse(serde_json::json!({"a": 1, "b": {"x": 1}, "c": "", "l": [1]}));
        let src = parse(serde_json::json!({"a": 2, "b": {"y": 2}, "c": "s", "d": 4, "l": [2]}));
        mergo(&dst, &src, false, 0).unwrap();
        assert_eq!(
            Value::Map(dst.clone()).to_json(),
            serde_json::json!({"a": 1, "b": {"x": 1, "y": 2}, "c": "s", "d": 4, "l": [1]})
        );
        mergo(&dst, &src, true, 0).unwrap();
        assert_eq!(
            Value::Map(dst).to_json(),
            serde_json::json!({"a": 2, "b": {"x": 1, "y": 2}, "c": "s", "d": 4, "l": [2]})
        );
    }
}
