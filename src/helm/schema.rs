//! `values.schema.json` validation (JSON Schema: `type`, `enum`, `const`, `required`,
//! `properties`, `patternProperties`, `additionalProperties`, `items`, `prefixItems`, numeric
//! and length bounds, `pattern`, `uniqueItems`, `allOf`/`anyOf`/`oneOf`/`not`, `if`/`then`/
//! `else`, local `$ref`s) for a chart and, under their keys, its subcharts. Other keywords
//! are annotations, as JSON Schema specifies (Helm's validator ignores them too); a `$ref`
//! outside the document is an error naming it.

use serde_json::Value as J;
use std::fmt::Write as _;

use crate::helm::chart::Chart;
use crate::helm::value::{Map, Value};

/// Validates the values of a chart and its subcharts against their schemas.
pub fn validate_chart(c: &Chart, vals: &Map) -> Result<(), String> {
    let mut out = String::new();
    walk(c, vals, &mut out)?;
    if out.is_empty() { Ok(()) } else { Err(out) }
}

fn walk(c: &Chart, vals: &Map, out: &mut String) -> Result<(), String> {
    if let Some(schema) = &c.schema {
        let schema: J = serde_json::from_slice(schema)
            .map_err(|e| format!("{}: values.schema.json is not valid JSON: {e}", c.metadata.name))?;
        let mut errs = Vec::new();
        let doc = Value::Map(vals.clone()).to_json();
        check(&schema, &schema, &doc, "", &mut errs, 0)?;
        if !errs.is_empty() {
            let _ = writeln!(out, "{}:", c.metadata.name);
            for e in errs {
                let _ = writeln!(out, "- {e}");
            }
        }
    }
    for d in &c.dependencies {
        let sub = match vals.borrow().get(&d.metadata.name) {
            Some(Value::Map(m)) => m.clone(),
            _ => crate::helm::values::new_map(),
        };
        walk(d, &sub, out)?;
    }
    Ok(())
}

fn type_of(v: &J) -> &'static str {
    match v {
        J::Null => "null",
        J::Bool(_) => "boolean",
        J::Number(n) => {
            if n.as_f64().is_some_and(|f| f.fract() == 0.0) {
                "integer"
            } else {
                "number"
            }
        }
        J::String(_) => "string",
        J::Array(_) => "array",
        J::Object(_) => "object",
    }
}

fn type_ok(want: &str, v: &J) -> bool {
    let t = type_of(v);
    want == t || (want == "number" && t == "integer")
}

fn resolve<'a>(root: &'a J, r: &str) -> Result<&'a J, String> {
    let Some(ptr) = r.strip_prefix('#') else {
        return Err(format!(
            "$ref {r:?}: only references inside the schema are supported"
        ));
    };
    root.pointer(ptr).ok_or_else(|| format!("$ref {r:?} not found"))
}

fn check(root: &J, s: &J, v: &J, at: &str, errs: &mut Vec<String>, depth: usize) -> Result<(), String> {
    if depth > 200 {
        return Err("values.schema.json: references nested too deeply".into());
    }
    let loc = location(at);
    let s = match s {
        J::Bool(true) => return Ok(()),
        J::Bool(false) => {
            errs.push(format!("at '{loc}': false schema"));
            return Ok(());
        }
        J::Object(o) => o,
        _ => return Ok(()),
    };
    if let Some(J::String(r)) = s.get("$ref") {
        let target = resolve(root, r)?;
        check(root, target, v, at, errs, depth + 1)?;
    }
    match s.get("type") {
        Some(J::String(t)) if !type_ok(t, v) => {
            errs.push(format!("at '{loc}': got {}, want {t}", type_of(v)));
        }
        Some(J::Array(ts)) if !ts.iter().any(|t| t.as_str().is_some_and(|t| type_ok(t, v))) => {
            let want: Vec<&str> = ts.iter().filter_map(J::as_str).collect();
            errs.push(format!(
                "at '{loc}': got {}, want {}",
                type_of(v),
                want.join(" or ")
            ));
        }
        _ => {}
    }
    if let Some(J::Array(e)) = s.get("enum")
        && !e.iter().any(|x| json_eq(x, v))
    {
        errs.push(format!(
            "at '{loc}': value must be one of {}",
            e.iter().map(J::to_string).collect::<Vec<_>>().join(", ")
        ));
    }
    if let Some(c) = s.get("const")
        && !json_eq(c, v)
    {
        errs.push(format!("at '{loc}': value must be {c}"));
    }
    check_number(s, v, &loc, errs);
    check_string(s, v, &loc, errs)?;
    check_array(root, s, v, at, errs, depth)?;
    check_object(root, s, v, at, errs, depth)?;
    check_combinators(root, s, v, at, errs, depth)?;
    Ok(())
}

/// `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`, `multipleOf`.
fn check_number(s: &serde_json::Map<String, J>, v: &J, loc: &str, errs: &mut Vec<String>) {
    let J::Number(n) = v else {
        return;
    };
    let f = n.as_f64().unwrap_or(0.0);
    let num = |k: &str| s.get(k).and_then(J::as_f64);
    if let Some(m) = num("minimum").filter(|m| f < *m) {
        errs.push(format!("at '{loc}': minimum: got {f}, want {m}"));
    }
    if let Some(m) = num("maximum").filter(|m| f > *m) {
        errs.push(format!("at '{loc}': maximum: got {f}, want {m}"));
    }
    if let Some(m) = num("exclusiveMinimum").filter(|m| f <= *m) {
        errs.push(format!("at '{loc}': exclusiveMinimum: got {f}, want {m}"));
    }
    if let Some(m) = num("exclusiveMaximum").filter(|m| f >= *m) {
        errs.push(format!("at '{loc}': exclusiveMaximum: got {f}, want {m}"));
    }
    if let Some(m) = num("multipleOf").filter(|m| *m != 0.0 && (f / m).fract() != 0.0) {
        errs.push(format!("at '{loc}': multipleOf: got {f}, want {m}"));
    }
}

/// `minLength`, `maxLength`, `pattern`.
fn check_string(
    s: &serde_json::Map<String, J>,
    v: &J,
    loc: &str,
    errs: &mut Vec<String>,
) -> Result<(), String> {
    let J::String(st) = v else {
        return Ok(());
    };
    let n = st.chars().count() as u64;
    if let Some(m) = s.get("minLength").and_then(J::as_u64).filter(|m| n < *m) {
        errs.push(format!("at '{loc}': minLength: got {n}, want {m}"));
    }
    if let Some(m) = s.get("maxLength").and_then(J::as_u64).filter(|m| n > *m) {
        errs.push(format!("at '{loc}': maxLength: got {n}, want {m}"));
    }
    if let Some(J::String(p)) = s.get("pattern") {
        let re = crate::helm::funcs::sprig::go_regex(p)
            .map_err(|e| format!("values.schema.json: pattern {p:?}: {e}"))?;
        if !re.is_match(st) {
            errs.push(format!("at '{loc}': {st:?} does not match pattern {p:?}"));
        }
    }
    Ok(())
}

/// `minItems`, `maxItems`, `uniqueItems`, `prefixItems`, `items`, `additionalItems`,
/// `contains`.
fn check_array(
    root: &J,
    s: &serde_json::Map<String, J>,
    v: &J,
    at: &str,
    errs: &mut Vec<String>,
    depth: usize,
) -> Result<(), String> {
    let J::Array(items) = v else {
        return Ok(());
    };
    let loc = location(at);
    let n = items.len() as u64;
    if let Some(m) = s.get("minItems").and_then(J::as_u64).filter(|m| n < *m) {
        errs.push(format!("at '{loc}': minItems: got {n}, want {m}"));
    }
    if let Some(m) = s.get("maxItems").and_then(J::as_u64).filter(|m| n > *m) {
        errs.push(format!("at '{loc}': maxItems: got {n}, want {m}"));
    }
    if s.get("uniqueItems") == Some(&J::Bool(true)) {
        for i in 0..items.len() {
            if items[..i].iter().any(|x| json_eq(x, &items[i])) {
                errs.push(format!("at '{loc}': items at {i} are not unique"));
                break;
            }
        }
    }
    let prefix = match s.get("prefixItems") {
        Some(J::Array(p)) => p.as_slice(),
        _ => &[],
    };
    for (i, item) in items.iter().enumerate() {
        let sub = format!("{at}/{i}");
        if let Some(ps) = prefix.get(i) {
            check(root, ps, item, &sub, errs, depth + 1)?;
        } else if let Some(is) = s.get("items") {
            match is {
                J::Array(tuple) => {
                    if let Some(ts) = tuple.get(i) {
                        check(root, ts, item, &sub, errs, depth + 1)?;
                    } else if let Some(a) = s.get("additionalItems") {
                        check(root, a, item, &sub, errs, depth + 1)?;
                    }
                }
                is => check(root, is, item, &sub, errs, depth + 1)?,
            }
        }
    }
    if let Some(c) = s.get("contains") {
        let mut any = false;
        for item in items {
            let mut e = Vec::new();
            check(root, c, item, at, &mut e, depth + 1)?;
            any |= e.is_empty();
        }
        if !any {
            errs.push(format!("at '{loc}': no items match contains schema"));
        }
    }
    Ok(())
}

/// `required`, `minProperties`, `maxProperties`, `properties`, `patternProperties`,
/// `additionalProperties`, `propertyNames`, `dependencies`.
fn check_object(
    root: &J,
    s: &serde_json::Map<String, J>,
    v: &J,
    at: &str,
    errs: &mut Vec<String>,
    depth: usize,
) -> Result<(), String> {
    let J::Object(obj) = v else {
        return Ok(());
    };
    let loc = location(at);
    if let Some(J::Array(req)) = s.get("required") {
        let missing: Vec<String> = req
            .iter()
            .filter_map(J::as_str)
            .filter(|k| !obj.contains_key(*k))
            .map(|k| format!("'{k}'"))
            .collect();
        if !missing.is_empty() {
            errs.push(format!("at '{loc}': missing property {}", missing.join(", ")));
        }
    }
    let n = obj.len() as u64;
    if let Some(m) = s.get("minProperties").and_then(J::as_u64).filter(|m| n < *m) {
        errs.push(format!("at '{loc}': minProperties: got {n}, want {m}"));
    }
    if let Some(m) = s.get("maxProperties").and_then(J::as_u64).filter(|m| n > *m) {
        errs.push(format!("at '{loc}': maxProperties: got {n}, want {m}"));
    }
    let props = s.get("properties").and_then(J::as_object);
    let pattern_props = s.get("patternProperties").and_then(J::as_object);
    for (k, item) in obj {
        let sub = format!("{at}/{k}");
        let mut matched = false;
        if let Some(ps) = props.and_then(|p| p.get(k)) {
            matched = true;
            check(root, ps, item, &sub, errs, depth + 1)?;
        }
        if let Some(pp) = pattern_props {
            for (p, ps) in pp {
                let re = crate::helm::funcs::sprig::go_regex(p)
                    .map_err(|e| format!("values.schema.json: patternProperties {p:?}: {e}"))?;
                if re.is_match(k) {
                    matched = true;
                    check(root, ps, item, &sub, errs, depth + 1)?;
                }
            }
        }
        if !matched && let Some(a) = s.get("additionalProperties") {
            if a == &J::Bool(false) {
                errs.push(format!("at '{loc}': additional properties '{k}' not allowed"));
            } else {
                check(root, a, item, &sub, errs, depth + 1)?;
            }
        }
        if let Some(pn) = s.get("propertyNames") {
            check(root, pn, &J::String(k.clone()), &sub, errs, depth + 1)?;
        }
    }
    if let Some(J::Object(deps)) = s.get("dependencies") {
        for (k, d) in deps {
            if !obj.contains_key(k) {
                continue;
            }
            match d {
                J::Array(names) => {
                    for n in names.iter().filter_map(J::as_str) {
                        if !obj.contains_key(n) {
                            errs.push(format!(
                                "at '{loc}': property '{n}' is required, if '{k}' property exists"
                            ));
                        }
                    }
                }
                d => check(root, d, v, at, errs, depth + 1)?,
            }
        }
    }
    Ok(())
}

/// `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`.
fn check_combinators(
    root: &J,
    s: &serde_json::Map<String, J>,
    v: &J,
    at: &str,
    errs: &mut Vec<String>,
    depth: usize,
) -> Result<(), String> {
    let loc = location(at);
    if let Some(J::Array(all)) = s.get("allOf") {
        for a in all {
            check(root, a, v, at, errs, depth + 1)?;
        }
    }
    if let Some(J::Array(any)) = s.get("anyOf") {
        let mut ok = false;
        for a in any {
            let mut e = Vec::new();
            check(root, a, v, at, &mut e, depth + 1)?;
            ok |= e.is_empty();
        }
        if !ok {
            errs.push(format!("at '{loc}': anyOf failed"));
        }
    }
    if let Some(J::Array(one)) = s.get("oneOf") {
        let mut n = 0;
        for a in one {
            let mut e = Vec::new();
            check(root, a, v, at, &mut e, depth + 1)?;
            n += usize::from(e.is_empty());
        }
        if n != 1 {
            errs.push(format!("at '{loc}': oneOf failed, {n} schemas matched"));
        }
    }
    if let Some(not) = s.get("not") {
        let mut e = Vec::new();
        check(root, not, v, at, &mut e, depth + 1)?;
        if e.is_empty() {
            errs.push(format!("at '{loc}': not failed"));
        }
    }
    if let Some(cond) = s.get("if") {
        let mut e = Vec::new();
        check(root, cond, v, at, &mut e, depth + 1)?;
        let branch = if e.is_empty() {
            s.get("then")
        } else {
            s.get("else")
        };
        if let Some(b) = branch {
            check(root, b, v, at, errs, depth + 1)?;
        }
    }
    Ok(())
}

/// The location of a value in messages: its JSON pointer, `/` for the root.
fn location(at: &str) -> String {
    if at.is_empty() {
        "/".to_string()
    } else {
        at.to_string()
    }
}

fn json_eq(a: &J, b: &J) -> bool {
    match (a, b) {
        (J::Number(x), J::Number(y)) => x.as_f64() == y.as_f64(),
        (J::Array(x), J::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| json_eq(p, q)),
        (J::Object(x), J::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| json_eq(v, w)))
        }
        _ => a == b,
    }
}
