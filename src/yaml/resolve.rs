//! Scalar resolution.
//!
//! Reading follows go-yaml v3, which is what kustomize and kustomize-controller read manifests
//! with (YAML 1.2 booleans: `yes`, `on`, `y` stay strings; `true`/`True`/`TRUE` are booleans;
//! integers in Go's base-prefixed syntax with `_` separators, so `0x1F` is 31 and `0123`
//! is octal 83; `~`/`null`/empty are null).
//!
//! Writing follows go-yaml v2, which is what kubectl and kustomize print with (through
//! `sigs.k8s.io/yaml`): a string must be quoted when its plain form would read back as
//! something else under YAML 1.1 rules — `yes`, `on`, `n`, numbers, timestamps, `1:20`.

use std::fmt::Write as _;

use super::load::{Node, NodeKind, Style};

/// The type a scalar resolves to.
#[derive(Clone, Debug, PartialEq)]
pub enum Resolved {
    /// `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A signed integer.
    Int(i64),
    /// An unsigned integer too large for `i64`.
    UInt(u64),
    /// A float (may be infinite or NaN for `.inf`/`.nan`).
    Float(f64),
    /// A string (including timestamps, which stay text).
    Str,
}

/// Resolves a node's scalar per go-yaml v3: quoted and block scalars are strings, explicit
/// core tags are honoured, plain scalars are resolved by content.
pub fn resolve_node(node: &Node) -> Resolved {
    let NodeKind::Scalar { text, style } = &node.kind else {
        return Resolved::Str;
    };
    match node.tag.as_deref() {
        Some("!!str" | "!!binary" | "!!timestamp") => Resolved::Str,
        Some("!!null") => Resolved::Null,
        Some("!!bool" | "!!int" | "!!float") => resolve_plain_v3(text),
        Some(_) => Resolved::Str,
        None if *style == Style::Plain => resolve_plain_v3(text),
        None => Resolved::Str,
    }
}

/// Resolves a plain scalar's text as go-yaml v3 does.
pub fn resolve_plain_v3(text: &str) -> Resolved {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Resolved::Null,
        "true" | "True" | "TRUE" => return Resolved::Bool(true),
        "false" | "False" | "FALSE" => return Resolved::Bool(false),
        _ => {}
    }
    if let Some(f) = special_float(text) {
        return Resolved::Float(f);
    }
    match text.as_bytes()[0] {
        b'.' => parse_go_float(text).map_or(Resolved::Str, Resolved::Float),
        b'0'..=b'9' | b'+' | b'-' => {
            if is_timestamp(text) {
                return Resolved::Str;
            }
            numeric(text, true).unwrap_or(Resolved::Str)
        }
        _ => Resolved::Str,
    }
}

/// Whether a string written plain would read back as something other than the same string
/// under go-yaml v2 (YAML 1.1) rules — the test go-yaml v2's encoder uses to decide quoting.
pub fn plain_is_ambiguous_v2(text: &str) -> bool {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return true,
        "y" | "Y" | "yes" | "Yes" | "YES" | "n" | "N" | "no" | "No" | "NO" | "true" | "True" | "TRUE"
        | "false" | "False" | "FALSE" | "on" | "On" | "ON" | "off" | "Off" | "OFF" | "<<" => return true,
        _ => {}
    }
    if special_float(text).is_some() {
        return true;
    }
    let ambiguous = match text.as_bytes()[0] {
        b'.' => parse_go_float(text).is_some(),
        b'0'..=b'9' | b'+' | b'-' => is_timestamp(text) || numeric(text, false).is_some(),
        _ => false,
    };
    ambiguous || is_base60_float(text)
}

fn special_float(text: &str) -> Option<f64> {
    match text {
        ".nan" | ".NaN" | ".NAN" => Some(f64::NAN),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => Some(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => Some(f64::NEG_INFINITY),
        _ => None,
    }
}

/// Integer or float per go-yaml's `D`/`S` branch. `v3_octal` enables the YAML 1.2 `0o`
/// prefix that v3 added (v2 only knows Go's own prefixes).
fn numeric(text: &str, v3_octal: bool) -> Option<Resolved> {
    let plain: String = text.chars().filter(|&c| c != '_').collect();
    if let Some(i) = go_parse_int(&plain) {
        return Some(Resolved::Int(i));
    }
    if let Some(u) = go_parse_uint(&plain) {
        return Some(Resolved::UInt(u));
    }
    if is_yaml_style_float(&plain)
        && let Some(f) = parse_go_float(&plain)
    {
        return Some(Resolved::Float(f));
    }
    let (neg, rest) = match plain.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, plain.as_str()),
    };
    let radix_digits = if let Some(b) = rest.strip_prefix("0b") {
        Some((2, b))
    } else if v3_octal {
        rest.strip_prefix("0o").map(|o| (8, o))
    } else {
        None
    };
    if let Some((radix, digits)) = radix_digits
        && !digits.is_empty()
        && let Ok(v) = i64::from_str_radix(digits, radix)
    {
        return Some(Resolved::Int(if neg { -v } else { v }));
    }
    None
}

/// Go's `strconv.ParseInt(s, 0, 64)`: optional sign, then `0x`/`0b`/`0o` prefixes or a
/// leading `0` for octal.
fn go_parse_int(s: &str) -> Option<i64> {
    let (neg, body) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let mag = go_parse_magnitude(body)?;
    if neg {
        if mag <= i64::MAX as u64 + 1 {
            Some(mag.cast_signed().wrapping_neg())
        } else {
            None
        }
    } else {
        i64::try_from(mag).ok()
    }
}

/// Go's `strconv.ParseUint(s, 0, 64)`: no sign allowed.
fn go_parse_uint(s: &str) -> Option<u64> {
    if s.starts_with(['+', '-']) {
        return None;
    }
    go_parse_magnitude(s)
}

fn go_parse_magnitude(body: &str) -> Option<u64> {
    if body.is_empty() {
        return None;
    }
    let (radix, digits) = if let Some(h) = body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
        (16, h)
    } else if let Some(b) = body.strip_prefix("0b").or_else(|| body.strip_prefix("0B")) {
        (2, b)
    } else if let Some(o) = body.strip_prefix("0o").or_else(|| body.strip_prefix("0O")) {
        (8, o)
    } else if body.len() > 1 && body.starts_with('0') {
        (8, &body[1..])
    } else {
        (10, body)
    };
    if digits.is_empty() || digits.starts_with(['+', '-']) {
        return None;
    }
    u64::from_str_radix(digits, radix).ok()
}

/// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`
fn is_yaml_style_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
        i += 1;
    }
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start
    };
    if i < b.len() && b[i] == b'.' {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    } else {
        if digits(&mut i) == 0 {
            return false;
        }
        if i < b.len() && b[i] == b'.' {
            i += 1;
            digits(&mut i);
        }
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// Go's `strconv.ParseFloat(s, 64)` for decimal input; out-of-range values are errors there.
fn parse_go_float(s: &str) -> Option<f64> {
    if !s
        .bytes()
        .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'+' | b'-'))
    {
        return None;
    }
    let f: f64 = s.parse().ok()?;
    f.is_finite().then_some(f)
}

/// go-yaml's quick timestamp check plus the formats it accepts: `2006-1-2`,
/// `2006-1-2T15:4:5.999999999Z07:00` (or lower-case `t`), `2006-1-2 15:4:5.999999999`.
/// Whether a plain scalar is a timestamp in one of go-yaml v3's formats (`2006-1-2`,
/// `2006-1-2T15:4:5.999999999Z07:00` with `T` or `t`, `2006-1-2 15:4:5.999999999`).
pub fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 5 || !b[..4].iter().all(u8::is_ascii_digit) || b[4] != b'-' {
        return false;
    }
    let rest = &s[5..];
    let (date_rest, time) = match rest.find(['T', 't', ' ']) {
        Some(i) => (&rest[..i], Some((&rest[i..=i], &rest[i + 1..]))),
        None => (rest, None),
    };
    let mut parts = date_rest.split('-');
    let (Some(m), Some(d), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    if !short_field(m, 1, 12) || !short_field(d, 1, 31) {
        return false;
    }
    match time {
        None => true,
        Some((sep, t)) => {
            let (clock, zone) = if sep == " " {
                (t, None)
            } else {
                match t.find(['Z', '+', '-']) {
                    Some(i) => (&t[..i], Some(&t[i..])),
                    None => return false,
                }
            };
            let (hms, frac) = match clock.split_once('.') {
                Some((h, f)) => (h, Some(f)),
                None => (clock, None),
            };
            let mut it = hms.split(':');
            let (Some(h), Some(mi), Some(se), None) = (it.next(), it.next(), it.next(), it.next()) else {
                return false;
            };
            if !short_field(h, 0, 23) || !short_field(mi, 0, 59) || !short_field(se, 0, 59) {
                return false;
            }
            if let Some(f) = frac
                && (f.is_empty() || f.len() > 9 || !f.bytes().all(|c| c.is_ascii_digit()))
            {
                return false;
            }
            match zone {
                None | Some("Z") => true,
                Some(z) => {
                    let z = &z[1..];
                    z.len() == 5
                        && z.as_bytes()[2] == b':'
                        && short_field(&z[..2], 0, 23)
                        && short_field(&z[3..], 0, 59)
                }
            }
        }
    }
}

fn short_field(s: &str, min: u32, max: u32) -> bool {
    (1..=2).contains(&s.len())
        && s.bytes().all(|c| c.is_ascii_digit())
        && s.parse::<u32>().is_ok_and(|v| v >= min && v <= max)
}

/// `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$` (YAML 1.1 sexagesimal floats).
fn is_base60_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
        i += 1;
    }
    if i >= b.len() || !b[i].is_ascii_digit() {
        return false;
    }
    i += 1;
    while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'_') {
        i += 1;
    }
    let mut groups = 0;
    while i < b.len() && b[i] == b':' {
        i += 1;
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() && i - start < 2 {
            i += 1;
        }
        let g = &s[start..i];
        let ok = match g.len() {
            1 => true,
            2 => g.as_bytes()[0] <= b'5',
            _ => false,
        };
        if !ok {
            return false;
        }
        groups += 1;
    }
    if groups == 0 {
        return false;
    }
    if i < b.len() && b[i] == b'.' {
        i += 1;
        while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'_') {
            i += 1;
        }
    }
    i == b.len()
}

/// A timestamp as kustomize outputs it: go-yaml v3 decodes it to a time and Go's JSON writes
/// RFC 3339 with nanoseconds (`2024-01-15` → `2024-01-15T00:00:00Z`, fraction trimmed,
/// `Z` for a zero offset). `None` when `s` is not a timestamp.
pub fn timestamp_rfc3339(s: &str) -> Option<String> {
    if !is_timestamp(s) {
        return None;
    }
    let num = |t: &str| t.parse::<u32>().ok();
    let (date, time) = match s[5..].find(['T', 't', ' ']) {
        Some(i) => (&s[..5 + i], Some(&s[5 + i + 1..])),
        None => (s, None),
    };
    let mut d = date.split('-');
    let (y, mo, da) = (d.next()?, num(d.next()?)?, num(d.next()?)?);
    let mut out = format!("{y}-{mo:02}-{da:02}T");
    let Some(t) = time else {
        out.push_str("00:00:00Z");
        return Some(out);
    };
    let (clock, zone) = match t.find(['Z', '+', '-']) {
        Some(i) => (&t[..i], &t[i..]),
        None => (t, "Z"),
    };
    let (hms, frac) = clock.split_once('.').unwrap_or((clock, ""));
    let mut it = hms.split(':');
    let (h, mi, se) = (num(it.next()?)?, num(it.next()?)?, num(it.next()?)?);
    let _ = write!(out, "{h:02}:{mi:02}:{se:02}");
    let frac = frac.trim_end_matches('0');
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    if zone == "Z" || zone == "+00:00" || zone == "-00:00" {
        out.push('Z');
    } else {
        out.push_str(zone);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_yaml_1_2_scalars_like_kustomize() {
        use Resolved::*;
        let cases: &[(&str, Resolved)] = &[
            ("yes", Str),
            ("Yes", Str),
            ("on", Str),
            ("off", Str),
            ("y", Str),
            ("n", Str),
            ("no", Str),
            ("true", Bool(true)),
            ("False", Bool(false)),
            ("~", Null),
            ("", Null),
            ("null", Null),
            ("42", Int(42)),
            ("-7", Int(-7)),
            ("+7", Int(7)),
            ("0x1F", Int(31)),
            ("0o17", Int(15)),
            ("0123", Int(83)),
            ("1_000", Int(1000)),
            ("0b101", Int(5)),
            ("1.5", Float(1.5)),
            (".5", Float(0.5)),
            ("1e3", Float(1000.0)),
            ("08", Float(8.0)),
            ("2001-12-14", Str),
            ("1.2.3", Str),
            ("1:20", Str),
            ("v1", Str),
            ("18446744073709551615", UInt(u64::MAX)),
            ("1e400", Str),
        ];
        for (text, want) in cases {
            assert_eq!(&resolve_plain_v3(text), want, "{text:?}");
        }
        assert!(matches!(resolve_plain_v3(".inf"), Float(f) if f.is_infinite()));
    }

    #[test]
    fn quoting_decisions_follow_yaml_1_1_like_kubectl() {
        for s in [
            "yes",
            "Yes",
            "on",
            "ON",
            "off",
            "y",
            "n",
            "NO",
            "true",
            "null",
            "~",
            "",
            "123",
            "0123",
            "1.5",
            ".5",
            "1e3",
            "0x1F",
            "2001-12-14",
            "2001-12-14T21:59:43.10-05:00",
            "1:20",
            "-1",
            "+1",
            "1_000",
            "<<",
        ] {
            assert!(plain_is_ambiguous_v2(s), "{s:?} must be quoted");
        }
        for s in [
            "hello",
            "v1.2.3",
            "1.2.3",
            "nginx:1.25",
            "yess",
            "8080/TCP",
            "10.0.0.1",
            "-",
            "a b",
        ] {
            assert!(!plain_is_ambiguous_v2(s), "{s:?} needs no quotes");
        }
    }
}
