//! Go's `encoding/json` output for template values: sorted keys, HTML-safe escapes
//! (`\u003c`), `\b`/`\f`, floats in Go's `'f'`/`'e'` choice (`1e+21`, `1e-7`), indentation
//! as `MarshalIndent`.

use std::fmt::Write as _;

use crate::helm::template::gofmt::shortest_digits;
use crate::helm::value::Value;

/// Marshals `v`; `None` when Go would fail (NaN or infinite floats).
pub fn marshal(v: &Value, escape_html: bool, indent: Option<&str>) -> Option<String> {
    let mut out = String::new();
    write_value(&mut out, &v.to_json(), escape_html, indent, 0)?;
    Some(out)
}

fn newline(out: &mut String, indent: Option<&str>, level: usize) {
    if let Some(ind) = indent {
        out.push('\n');
        for _ in 0..level {
            out.push_str(ind);
        }
    }
}

fn write_value(
    out: &mut String,
    v: &serde_json::Value,
    html: bool,
    indent: Option<&str>,
    level: usize,
) -> Option<()> {
    match v {
        serde_json::Value::Null => out.push_str("null"),
        serde_json::Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        serde_json::Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                let _ = write!(out, "{i}");
            } else if let Some(u) = n.as_u64() {
                let _ = write!(out, "{u}");
            } else {
                out.push_str(&format_float(n.as_f64()?)?);
            }
        }
        serde_json::Value::String(s) => write_string(out, s, html),
        serde_json::Value::Array(a) => {
            if a.is_empty() {
                out.push_str("[]");
                return Some(());
            }
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, indent, level + 1);
                write_value(out, x, html, indent, level + 1)?;
            }
            newline(out, indent, level);
            out.push(']');
        }
        serde_json::Value::Object(m) => {
            if m.is_empty() {
                out.push_str("{}");
                return Some(());
            }
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, indent, level + 1);
                write_string(out, k, html);
                out.push(':');
                if indent.is_some() {
                    out.push(' ');
                }
                write_value(out, &m[*k], html, indent, level + 1)?;
            }
            newline(out, indent, level);
            out.push('}');
        }
    }
    Some(())
}

/// A float as Go's JSON encoder writes it.
pub fn format_float(f: f64) -> Option<String> {
    if !f.is_finite() {
        return None;
    }
    if f == 0.0 {
        return Some(if f.is_sign_negative() {
            "-0".into()
        } else {
            "0".into()
        });
    }
    let abs = f.abs();
    let sign = if f < 0.0 { "-" } else { "" };
    let (digits, exp) = shortest_digits(f);
    if !(1e-6..1e21).contains(&abs) {
        let mut s = format!("{sign}{}", &digits[..1]);
        if digits.len() > 1 {
            s.push('.');
            s.push_str(&digits[1..]);
        }
        let _ = write!(s, "e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs());
        // Go trims `e-07` to `e-7`.
        if let Some(pos) = s.find("e-0") {
            s.remove(pos + 2);
        }
        return Some(s);
    }
    Some(format!(
        "{sign}{}",
        crate::helm::template::gofmt::format_float_f(abs, None)
    ))
}

fn write_string(out: &mut String, s: &str, html: bool) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '<' | '>' | '&' if html => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            '\u{2028}' | '\u{2029}' => {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_reads_as_go_writes_it() {
        let v = Value::from_json(
            &serde_json::json!({"b": [1, 2.5, 1e21, 1e-7], "a": "<x&y>"}),
            false,
        );
        assert_eq!(
            marshal(&v, true, None).unwrap(),
            r#"{"a":"\u003cx\u0026y\u003e","b":[1,2.5,1e+21,1e-7]}"#
        );
        assert_eq!(marshal(&v, false, Some("  ")).unwrap().lines().count(), 9);
    }
}
