//! Go's `fmt` as templates use it: `%v` printing of every value (`map[a:1]`, `[1 2]`,
//! `1e+06`, `<nil>`), `Sprint`/`Sprintln` spacing rules, `Sprintf` verbs with flags, width and
//! precision, and `strconv.Quote`.

use std::fmt::Write as _;

use crate::helm::value::{Object, Value};

/// Go's shortest decimal digits of a finite, non-zero `f`, and the decimal exponent of the
/// first digit (`1234.5` → (`12345`, 3)).
pub fn shortest_digits(f: f64) -> (String, i32) {
    let s = format!("{:e}", f.abs());
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let digits: String = mant.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.trim_end_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    (digits.to_string(), exp.parse().unwrap_or(0))
}

/// `%v` of a `float64`: the shortest `%g`, with an exponent when it is below -4 or at least 6
/// (Go's threshold for the shortest representation), so `1000000` prints `1e+06`.
pub fn format_float_v(f: f64) -> String {
    format_float_g(f, None)
}

/// `%g` with an optional precision (significant digits).
pub fn format_float_g(f: f64, prec: Option<usize>) -> String {
    if f.is_nan() {
        return "NaN".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "+Inf".into() } else { "-Inf".into() };
    }
    let neg = f.is_sign_negative();
    let sign = if neg { "-" } else { "" };
    if f == 0.0 {
        return format!("{sign}0");
    }
    let (digits, exp, eprec) = match prec {
        None => {
            let (d, e) = shortest_digits(f);
            (d, e, 6)
        }
        Some(p) => {
            let p = p.max(1);
            let s = format!("{:.*e}", p - 1, f.abs());
            let (mant, e) = s.split_once('e').unwrap_or((&s, "0"));
            let d: String = mant.chars().filter(char::is_ascii_digit).collect();
            let d = d.trim_end_matches('0').to_string();
            let d = if d.is_empty() { "0".to_string() } else { d };
            let e: i32 = e.parse().unwrap_or(0);
            let mut eprec = i32::try_from(p).unwrap_or(i32::MAX);
            if eprec > d.len() as i32 && d.len() as i32 > e {
                eprec = d.len() as i32;
            }
            (d, e, eprec)
        }
    };
    if exp < -4 || exp >= eprec {
        let mut out = String::from(sign);
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        let _ = write!(out, "e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs());
        return out;
    }
    format!("{sign}{}", place_point(&digits, exp))
}

/// Digits with the decimal point after the digit at exponent `exp`.
fn place_point(digits: &str, exp: i32) -> String {
    if exp < 0 {
        let zeros = usize::try_from(-exp - 1).unwrap_or(0);
        format!("0.{}{digits}", "0".repeat(zeros))
    } else {
        let int_len = usize::try_from(exp + 1).unwrap_or(0);
        if digits.len() <= int_len {
            format!("{digits}{}", "0".repeat(int_len - digits.len()))
        } else {
            format!("{}.{}", &digits[..int_len], &digits[int_len..])
        }
    }
}

/// `%e` with a precision (digits after the point; `None` is the shortest).
pub fn format_float_e(f: f64, prec: Option<usize>, upper: bool) -> String {
    if !f.is_finite() {
        return format_float_g(f, None);
    }
    let sign = if f.is_sign_negative() { "-" } else { "" };
    let (digits, exp) = match prec {
        Some(p) => {
            let s = format!("{:.*e}", p, f.abs());
            let (mant, e) = s.split_once('e').unwrap_or((&s, "0"));
            (
                mant.chars().filter(char::is_ascii_digit).collect::<String>(),
                e.parse().unwrap_or(0),
            )
        }
        None if f == 0.0 => ("0".to_string(), 0),
        None => shortest_digits(f),
    };
    let mut out = String::from(sign);
    out.push_str(&digits[..1]);
    if digits.len() > 1 {
        out.push('.');
        out.push_str(&digits[1..]);
    }
    let _ = write!(
        out,
        "{}{}{:02}",
        if upper { 'E' } else { 'e' },
        if exp < 0 { '-' } else { '+' },
        exp.abs()
    );
    out
}

/// `%f` with a precision (`None`: shortest digits, as `strconv.FormatFloat(f, 'f', -1, 64)`).
pub fn format_float_f(f: f64, prec: Option<usize>) -> String {
    if !f.is_finite() {
        return format_float_g(f, None);
    }
    match prec {
        Some(p) => {
            let s = format!("{f:.p$}");
            if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') && !f.is_sign_negative() {
                s[1..].to_string()
            } else {
                s
            }
        }
        None => {
            if f == 0.0 {
                return if f.is_sign_negative() {
                    "-0".into()
                } else {
                    "0".into()
                };
            }
            let (d, e) = shortest_digits(f);
            format!("{}{}", if f < 0.0 { "-" } else { "" }, place_point(&d, e))
        }
    }
}

/// Whether Go's `unicode.IsPrint` holds (an approximation without Unicode tables: controls,
/// separators other than the ASCII space, format characters and private use are not).
pub fn is_print(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    let u = c as u32;
    !matches!(u,
        0xAD | 0x600..=0x605 | 0x61C | 0x6DD | 0x70F | 0x180E | 0x200B..=0x200F | 0x202A..=0x202E
        | 0x2060..=0x206F | 0xFEFF | 0xFFF9..=0xFFFB | 0xE000..=0xF8FF | 0xFFFE | 0xFFFF
        | 0xF0000..=0x10FFFF | 0xD800..=0xDFFF)
}

/// `strconv.Quote`.
pub fn quote(s: &str) -> String {
    quote_with(s, '"', false)
}

/// `strconv.Quote` / `QuoteToASCII` with the given quote character.
pub fn quote_with(s: &str, q: char, ascii: bool) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push(q);
    for c in s.chars() {
        if c == q || c == '\\' {
            out.push('\\');
            out.push(c);
            continue;
        }
        if (!ascii || c.is_ascii()) && is_print(c) {
            out.push(c);
            continue;
        }
        match c {
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if (c as u32) < 0x10000 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => {
                let _ = write!(out, "\\U{:08x}", c as u32);
            }
        }
    }
    out.push(q);
    out
}

/// `fmt.Sprint("%v", v)`.
pub fn format_v(v: &Value) -> String {
    let mut out = String::new();
    write_v(&mut out, v, 0, true);
    out
}

fn write_v(out: &mut String, v: &Value, depth: usize, top: bool) {
    if depth > 1000 {
        out.push_str("...");
        return;
    }
    match v {
        Value::NoValue => out.push_str(if top { "<no value>" } else { "<nil>" }),
        Value::Nil => out.push_str("<nil>"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Value::Float(f) => out.push_str(&format_float_v(*f)),
        Value::Str(s) => out.push_str(s),
        Value::Bytes(b) => {
            out.push('[');
            for (i, x) in b.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                let _ = write!(out, "{x}");
            }
            out.push(']');
        }
        Value::List(l) => {
            out.push('[');
            for (i, x) in l.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                write_v(out, x, depth + 1, false);
            }
            out.push(']');
        }
        Value::Map(m) => {
            out.push_str("map[");
            let entries: Vec<(String, Value)> =
                m.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect();
            for (i, (k, x)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                out.push_str(k);
                out.push(':');
                write_v(out, x, depth + 1, false);
            }
            out.push(']');
        }
        Value::Object(o) => match &**o {
            Object::Files(files) => {
                out.push_str("map[");
                for (i, (name, data)) in files.iter().enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    out.push_str(name);
                    out.push(':');
                    write_v(out, &Value::Bytes(data.clone()), depth + 1, false);
                }
                out.push(']');
            }
            Object::Capabilities(c) => {
                let _ = write!(
                    out,
                    "&{{{{{} {} {} {}}} [{}] {{{}   {} {}}}}}",
                    c.kube_version.version,
                    c.kube_version.normalized,
                    c.kube_version.major,
                    c.kube_version.minor,
                    c.api_versions.join(" "),
                    crate::helm::value::HELM_VERSION,
                    crate::helm::value::HELM_GO_VERSION,
                    crate::helm::value::HELM_KUBE_CLIENT_VERSION
                );
            }
            Object::KubeVersion(k) => out.push_str(&k.normalized),
            Object::VersionSet(v) => {
                let _ = write!(out, "[{}]", v.join(" "));
            }
            Object::HelmVersion => {
                let _ = write!(
                    out,
                    "{{{}   {} {}}}",
                    crate::helm::value::HELM_VERSION,
                    crate::helm::value::HELM_GO_VERSION,
                    crate::helm::value::HELM_KUBE_CLIENT_VERSION
                );
            }
        },
    }
}

/// `fmt.Sprint(args...)`: spaces between operands when neither side is a string.
pub fn sprint(args: &[Value]) -> String {
    let mut out = String::new();
    for (i, a) in args.iter().enumerate() {
        if i > 0 && !matches!(a, Value::Str(_)) && !matches!(args[i - 1], Value::Str(_)) {
            out.push(' ');
        }
        write_v(&mut out, a, 0, false);
    }
    out
}

/// `fmt.Sprintln(args...)`: spaces between all operands and a newline.
pub fn sprintln(args: &[Value]) -> String {
    let mut out = String::new();
    for (i, a) in args.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        write_v(&mut out, a, 0, false);
    }
    out.push('\n');
    out
}

#[derive(Default)]
struct Spec {
    minus: bool,
    plus: bool,
    sharp: bool,
    space: bool,
    zero: bool,
    width: Option<usize>,
    prec: Option<usize>,
}

fn pad(out: &mut String, s: &str, spec: &Spec, numeric: bool) {
    let len = s.chars().count();
    let width = spec.width.unwrap_or(0);
    if len >= width {
        out.push_str(s);
        return;
    }
    let fill = width - len;
    if spec.minus {
        out.push_str(s);
        out.push_str(&" ".repeat(fill));
    } else if spec.zero && numeric {
        let (sign, rest) = if s.starts_with(['-', '+']) {
            s.split_at(1)
        } else {
            ("", s)
        };
        out.push_str(sign);
        out.push_str(&"0".repeat(fill));
        out.push_str(rest);
    } else {
        out.push_str(&" ".repeat(fill));
        out.push_str(s);
    }
}

fn bad_verb(verb: char, v: &Value) -> String {
    match v {
        Value::NoValue | Value::Nil => format!("%!{verb}(<nil>)"),
        _ => format!("%!{verb}({}={})", v.type_name(), format_v(v)),
    }
}

fn sign_int(i: i64, spec: &Spec) -> String {
    if i >= 0 && spec.plus {
        format!("+{i}")
    } else if i >= 0 && spec.space {
        format!(" {i}")
    } else {
        i.to_string()
    }
}

/// `%b`, `%o`, `%O`, `%x` and `%X`: integers in that base, strings and bytes in hex.
fn format_radix(verb: char, spec: &Spec, v: &Value) -> String {
    match v {
        Value::Int(i) => {
            let (neg, u) = (*i < 0, i.unsigned_abs());
            let body = match verb {
                'b' => format!("{u:b}"),
                'o' => format!("{}{u:o}", if spec.sharp { "0" } else { "" }),
                'O' => format!("0o{u:o}"),
                'x' => format!("{}{u:x}", if spec.sharp { "0x" } else { "" }),
                _ => format!("{}{u:X}", if spec.sharp { "0X" } else { "" }),
            };
            format!(
                "{}{body}",
                if neg {
                    "-"
                } else if spec.plus {
                    "+"
                } else {
                    ""
                }
            )
        }
        Value::Str(s) if verb == 'x' || verb == 'X' => {
            let mut h = String::new();
            for b in s.bytes() {
                if verb == 'x' {
                    let _ = write!(h, "{b:02x}");
                } else {
                    let _ = write!(h, "{b:02X}");
                }
            }
            h
        }
        Value::Bytes(bs) if verb == 'x' || verb == 'X' => {
            let mut h = String::new();
            for b in bs.iter() {
                let _ = write!(h, "{b:02x}");
            }
            if verb == 'X' { h.to_uppercase() } else { h }
        }
        _ => bad_verb(verb, v),
    }
}

fn format_one(out: &mut String, verb: char, spec: &Spec, v: &Value) {
    match verb {
        'v' => {
            let s = match v {
                Value::Str(s) if spec.sharp => quote(s),
                Value::Float(f) if spec.plus && *f >= 0.0 => format!("+{}", format_float_v(*f)),
                Value::Int(i) => sign_int(*i, spec),
                _ => format_v_arg(v),
            };
            pad(out, &s, spec, matches!(v, Value::Int(_) | Value::Float(_)));
        }
        's' => {
            let s = match v {
                Value::Str(s) => match spec.prec {
                    Some(p) => s.chars().take(p).collect(),
                    None => s.to_string(),
                },
                Value::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
                Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::Nil | Value::NoValue => {
                    bad_verb('s', v)
                }
                _ => format_v_arg(v),
            };
            pad(out, &s, spec, false);
        }
        'q' => {
            let s = match v {
                Value::Str(s) if spec.sharp && !s.contains('`') => format!("`{s}`"),
                Value::Str(s) => quote_with(s, '"', spec.plus),
                Value::Bytes(b) => quote(&String::from_utf8_lossy(b)),
                Value::Int(i) => match u32::try_from(*i).ok().and_then(char::from_u32) {
                    Some(c) => quote_with(&c.to_string(), '\'', spec.plus),
                    None => "'\u{FFFD}'".to_string(),
                },
                _ => bad_verb('q', v),
            };
            pad(out, &s, spec, false);
        }
        'd' => {
            let s = match v {
                Value::Int(i) => sign_int(*i, spec),
                _ => bad_verb('d', v),
            };
            pad(out, &s, spec, true);
        }
        'c' => {
            let s = match v {
                Value::Int(i) => u32::try_from(*i)
                    .ok()
                    .and_then(char::from_u32)
                    .unwrap_or('\u{FFFD}')
                    .to_string(),
                _ => bad_verb('c', v),
            };
            pad(out, &s, spec, false);
        }
        'b' | 'o' | 'O' | 'x' | 'X' => pad(out, &format_radix(verb, spec, v), spec, true),
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
            let f = match v {
                Value::Float(f) => *f,
                _ => {
                    pad(out, &bad_verb(verb, v), spec, false);
                    return;
                }
            };
            let mut s = match verb {
                'e' | 'E' => format_float_e(f, Some(spec.prec.unwrap_or(6)), verb == 'E'),
                'f' | 'F' => format_float_f(f, Some(spec.prec.unwrap_or(6))),
                _ => format_float_g(f, spec.prec),
            };
            if verb == 'G' {
                s = s.to_uppercase();
            }
            if spec.plus && f >= 0.0 {
                s.insert(0, '+');
            } else if spec.space && f >= 0.0 {
                s.insert(0, ' ');
            }
            pad(out, &s, spec, true);
        }
        't' => {
            let s = match v {
                Value::Bool(b) => b.to_string(),
                _ => bad_verb('t', v),
            };
            pad(out, &s, spec, false);
        }
        'T' => {
            let s = match v {
                Value::NoValue | Value::Nil => "<nil>".to_string(),
                _ => v.type_name().to_string(),
            };
            pad(out, &s, spec, false);
        }
        _ => {
            let _ = write!(out, "%!{verb}({})", arg_desc(v));
        }
    }
}

fn format_v_arg(v: &Value) -> String {
    match v {
        Value::NoValue => "<nil>".to_string(),
        _ => format_v(v),
    }
}

fn arg_desc(v: &Value) -> String {
    match v {
        Value::NoValue | Value::Nil => "<nil>".to_string(),
        _ => format!("{}={}", v.type_name(), format_v(v)),
    }
}

/// `fmt.Sprintf(format, args...)`.
pub fn sprintf(format: &str, args: &[Value]) -> String {
    let mut out = String::with_capacity(format.len() + 16);
    let mut chars = format.chars().peekable();
    let mut argi = 0;
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut spec = Spec::default();
        while let Some(&f) = chars.peek() {
            match f {
                '-' => spec.minus = true,
                '+' => spec.plus = true,
                '#' => spec.sharp = true,
                ' ' => spec.space = true,
                '0' => spec.zero = true,
                _ => break,
            }
            chars.next();
        }
        if chars.peek() == Some(&'*') {
            chars.next();
            if let Some(Value::Int(w)) = args.get(argi) {
                spec.width = usize::try_from(*w).ok();
            }
            argi += 1;
        } else {
            let mut w = String::new();
            while let Some(&d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                w.push(d);
                chars.next();
            }
            if !w.is_empty() {
                spec.width = w.parse().ok();
            }
        }
        if chars.peek() == Some(&'.') {
            chars.next();
            if chars.peek() == Some(&'*') {
                chars.next();
                if let Some(Value::Int(p)) = args.get(argi) {
                    spec.prec = usize::try_from(*p).ok();
                }
                argi += 1;
            } else {
                let mut p = String::new();
                while let Some(&d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                    p.push(d);
                    chars.next();
                }
                spec.prec = Some(p.parse().unwrap_or(0));
            }
        }
        let Some(verb) = chars.next() else {
            out.push_str("%!(NOVERB)");
            break;
        };
        if verb == '%' {
            out.push('%');
            continue;
        }
        match args.get(argi) {
            Some(v) => format_one(&mut out, verb, &spec, v),
            None => {
                let _ = write!(out, "%!{verb}(MISSING)");
            }
        }
        argi += 1;
    }
    if argi < args.len() {
        out.push_str("%!(EXTRA ");
        for (i, a) in args[argi..].iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(&arg_desc(a));
        }
        out.push(')');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_print_as_go_does() {
        for (f, s) in [
            (1_000_000.0, "1e+06"),
            (123_456.0, "123456"),
            (1_234_567.0, "1.234567e+06"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (1.5, "1.5"),
            (3.0, "3"),
            (-2.25, "-2.25"),
        ] {
            assert_eq!(format_float_v(f), s, "{f}");
        }
        assert_eq!(
            sprintf(
                "%.2f|%5d|%-4s|%05d|%x|%q",
                &[
                    Value::Float(1.23456),
                    Value::Int(42),
                    Value::str("ab"),
                    Value::Int(-7),
                    Value::Int(255),
                    Value::str("a\"b\n"),
                ]
            ),
            "1.23|   42|ab  |-0007|ff|\"a\\\"b\\n\""
        );
        assert_eq!(sprintf("%d %s", &[Value::str("x")]), "%!d(string=x) %!s(MISSING)");
    }

    #[test]
    fn collections_print_as_go_does() {
        let m = Value::new_map();
        if let Value::Map(mm) = &m {
            mm.borrow_mut()
                .insert("b".into(), Value::list(vec![Value::Int(1), Value::Float(2.5)]));
            mm.borrow_mut().insert("a".into(), Value::Nil);
        }
        assert_eq!(format_v(&m), "map[a:<nil> b:[1 2.5]]");
        assert_eq!(
            sprint(&[Value::Int(1), Value::Int(2), Value::str("x"), Value::Int(3)]),
            "1 2x3"
        );
    }
}
