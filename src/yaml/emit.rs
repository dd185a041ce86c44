//! Writing JSON values as YAML exactly as kubectl and kustomize print them.
//!
//! Both convert objects to JSON and then to YAML with go-yaml v2 (through
//! `sigs.k8s.io/yaml`), so that is the format reproduced here: mapping keys in go-yaml's
//! natural order, block style with sequences not indented under their key, `{}`/`[]` for
//! empty collections, strings quoted when their plain form would read back as another type
//! under YAML 1.1 (`"yes"`, `"on"`, `"0123"`), single quotes when a plain scalar is not
//! allowed (`'*'`), double quotes with escapes for control and non-BMP characters, literal
//! blocks for multi-line strings, and long plain/quoted scalars folded at 80 columns.

use serde_json::{Map, Number, Value};

use super::resolve::plain_is_ambiguous_v2;

const BEST_INDENT: usize = 2;
const BEST_WIDTH: usize = 80;

/// Serializes one value as a YAML document (no `---` header), ending with a newline.
pub fn to_string(value: &Value) -> String {
    let mut e = Emitter::default();
    e.document(value);
    e.out
}

/// Serializes several documents separated by `---` lines, as `kubectl kustomize` prints them.
pub fn to_string_multi<'a>(values: impl IntoIterator<Item = &'a Value>) -> String {
    let mut out = String::new();
    for (i, v) in values.into_iter().enumerate() {
        if i > 0 {
            out.push_str("---\n");
        }
        out.push_str(&to_string(v));
    }
    out
}

/// Serializes any `Serialize` type through JSON, as `sigs.k8s.io/yaml` does.
pub fn to_string_ser<T: serde::Serialize>(value: &T) -> Result<String, serde_json::Error> {
    Ok(to_string(&serde_json::to_value(value)?))
}

/// go-yaml v2's ordering of string mapping keys: letters sort after non-letters, and runs of
/// digits compare as numbers (`a2` < `a10`).
pub fn key_less(a: &str, b: &str) -> bool {
    let ar: Vec<char> = a.chars().collect();
    let br: Vec<char> = b.chars().collect();
    let mut i = 0;
    while i < ar.len() && i < br.len() {
        if ar[i] == br[i] {
            i += 1;
            continue;
        }
        let al = ar[i].is_alphabetic();
        let bl = br[i].is_alphabetic();
        if al && bl {
            return ar[i] < br[i];
        }
        if al || bl {
            return bl;
        }
        let (mut an, mut bn): (i64, i64) = (0, 0);
        if ar[i] == '0' || br[i] == '0' {
            let mut j = i;
            while j > 0 && ar[j - 1].is_ascii_digit() {
                j -= 1;
                if ar[j] != '0' {
                    an = 1;
                    bn = 1;
                    break;
                }
            }
        }
        let mut ai = i;
        while ai < ar.len() && ar[ai].is_ascii_digit() {
            an = an.wrapping_mul(10).wrapping_add(i64::from(ar[ai] as u8 - b'0'));
            ai += 1;
        }
        let mut bi = i;
        while bi < br.len() && br[bi].is_ascii_digit() {
            bn = bn.wrapping_mul(10).wrapping_add(i64::from(br[bi] as u8 - b'0'));
            bi += 1;
        }
        if an != bn {
            return an < bn;
        }
        if ai != bi {
            return ai < bi;
        }
        return ar[i] < br[i];
    }
    ar.len() < br.len()
}

fn sorted_entries(map: &Map<String, Value>) -> Vec<(&String, &Value)> {
    let mut entries: Vec<_> = map.iter().collect();
    entries.sort_by(|(a, _), (b, _)| {
        if key_less(a, b) {
            std::cmp::Ordering::Less
        } else if key_less(b, a) {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    });
    entries
}

/// Formats a JSON number the way a JSON → go-yaml v2 round trip prints it: integers (and
/// floats with an integral value below 1e21, which Go's JSON writes without a fraction) as
/// integers, other floats in Go's shortest `%g` form (`0.5`, `1e-07`, `1.2345675e+06`).
pub fn format_number(n: &Number) -> String {
    if let Some(i) = n.as_i64() {
        return i.to_string();
    }
    if let Some(u) = n.as_u64() {
        return u.to_string();
    }
    let f = n.as_f64().unwrap_or(0.0);
    if f == 0.0 {
        // -0 too: Go's JSON writes `-0`, which YAML then reads as the integer 0.
        return "0".into();
    }
    if f.fract() == 0.0 && f.abs() < 1e21 {
        // Go's encoding/json writes these without exponent; YAML then reads an integer
        // (or a float when it does not fit in 64 bits, which prints in %g form again).
        // Go writes the shortest digits padded with zeros (6.991759142395035e17 is
        // `699175914239503500`, not the exact `699175914239503488`).
        let (digits, exp) = shortest_digits(f.abs());
        let zeros = usize::try_from(exp + 1).unwrap_or(0).saturating_sub(digits.len());
        let text = format!("{}{digits}{}", if f < 0.0 { "-" } else { "" }, "0".repeat(zeros));
        if text.parse::<i64>().is_ok() || text.parse::<u64>().is_ok() {
            return text;
        }
    }
    go_format_g(f)
}

/// The shortest decimal digits that read back as `f` (positive, finite, non-zero) and the
/// decimal exponent of the first digit, chosen as Go does: of the shortest strings that
/// round-trip, the one closest to the exact value (ties to even).
fn shortest_digits(f: f64) -> (String, i32) {
    // Rust finds the shortest length; formatting with that precision then rounds the exact
    // binary value correctly, which picks the closest candidate as Go does.
    let shortest = format!("{f:e}");
    let len = shortest
        .split_once('e')
        .map_or(shortest.as_str(), |(m, _)| m)
        .chars()
        .filter(char::is_ascii_digit)
        .count();
    let sci = format!("{:.*e}", len.saturating_sub(1), f);
    let (mant, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    (mant.chars().filter(char::is_ascii_digit).collect(), exp)
}

/// Go's `strconv.FormatFloat(f, 'g', -1, 64)`.
fn go_format_g(f: f64) -> String {
    if f.is_nan() {
        return ".nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "+.inf".into() } else { "-.inf".into() };
    }
    if f == 0.0 {
        return if f.is_sign_negative() {
            "-0".into()
        } else {
            "0".into()
        };
    }
    // Shortest round-trip digits and decimal exponent from Rust's `{:e}` (also shortest).
    let (digits, exp) = shortest_digits(f.abs());
    let sign = if f < 0.0 { "-" } else { "" };
    // Go uses %e when the exponent is < -4 or >= 6 for the shortest representation.
    if !(-4..6).contains(&exp) {
        let (first, rest) = digits.split_at(1);
        let mant = if rest.is_empty() {
            first.to_string()
        } else {
            format!("{first}.{rest}")
        };
        let esign = if exp < 0 { '-' } else { '+' };
        return format!("{sign}{mant}e{esign}{:02}", exp.abs());
    }
    // Plain decimal notation.
    let point = exp + 1;
    let body = if point <= 0 {
        format!("0.{}{}", "0".repeat(usize::try_from(-point).unwrap_or(0)), digits)
    } else {
        let point = usize::try_from(point).unwrap_or(0);
        if digits.len() <= point {
            format!("{digits}{}", "0".repeat(point - digits.len()))
        } else {
            format!("{}.{}", &digits[..point], &digits[point..])
        }
    };
    format!("{sign}{body}")
}

/// The libyaml emitter state that matters for block output.
#[derive(Default)]
struct Emitter {
    out: String,
    /// Current column, in characters.
    column: usize,
    /// Current indentation (`None` before the root collection).
    indent: Option<usize>,
    /// The last character written is whitespace (or nothing yet on the line).
    whitespace: bool,
    /// Only indentation has been written on the current line.
    indention: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ScalarStyle {
    Plain,
    Single,
    Double,
    Literal,
}

/// What libyaml's scalar analysis found.
struct Analysis {
    multiline: bool,
    block_plain_allowed: bool,
    single_quoted_allowed: bool,
    block_allowed: bool,
}

fn is_break(c: char) -> bool {
    matches!(c, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

fn is_space(c: char) -> bool {
    c == ' '
}

fn is_blankz(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => c == ' ' || c == '\t' || is_break(c) || c == '\0',
    }
}

/// libyaml's `is_printable` (go-yaml v2), which treats characters outside the BMP as not
/// printable, so they are written as `\U` escapes.
fn is_printable(c: char) -> bool {
    let c = c as u32;
    c == 0x0A
        || (0x20..=0x7E).contains(&c)
        || (0xA0..=0xD7FF).contains(&c)
        || ((0xE000..=0xFFFD).contains(&c) && c != 0xFEFF)
}

/// Whether `c` is a flow indicator and a block indicator where it stands (libyaml's
/// scalar analysis): `first` character, whitespace before and after it.
fn indicators(
    c: char,
    first: bool,
    preceded_by_whitespace: bool,
    followed_by_whitespace: bool,
) -> (bool, bool) {
    if first {
        match c {
            '#' | ',' | '[' | ']' | '{' | '}' | '&' | '*' | '!' | '|' | '>' | '\'' | '"' | '%' | '@'
            | '`' => (true, true),
            '?' | ':' => (true, followed_by_whitespace),
            '-' if followed_by_whitespace => (true, true),
            _ => (false, false),
        }
    } else {
        match c {
            ',' | '?' | '[' | ']' | '{' | '}' => (true, false),
            ':' => (true, followed_by_whitespace),
            '#' if preceded_by_whitespace => (true, true),
            _ => (false, false),
        }
    }
}

fn analyze(value: &str) -> Analysis {
    if value.is_empty() {
        return Analysis {
            multiline: false,
            block_plain_allowed: true,
            single_quoted_allowed: true,
            block_allowed: false,
        };
    }
    let chars: Vec<char> = value.chars().collect();
    let (mut block_indicators, mut flow_indicators) = (false, false);
    let (mut line_breaks, mut special_characters) = (false, false);
    let (mut leading_space, mut leading_break, mut trailing_space, mut trailing_break) =
        (false, false, false, false);
    let (mut break_space, mut space_break) = (false, false);
    let (mut previous_space, mut previous_break) = (false, false);
    if value.starts_with("---") || value.starts_with("...") {
        block_indicators = true;
        flow_indicators = true;
    }
    let mut preceded_by_whitespace = true;
    let mut followed_by_whitespace = is_blankz(chars.get(1).copied());
    let last = chars.len() - 1;
    for (i, &c) in chars.iter().enumerate() {
        let (flow, block) = indicators(c, i == 0, preceded_by_whitespace, followed_by_whitespace);
        flow_indicators |= flow;
        block_indicators |= block;
        if !is_printable(c) {
            special_characters = true;
        }
        if is_break(c) {
            line_breaks = true;
        }
        if is_space(c) {
            if i == 0 {
                leading_space = true;
            }
            if i == last {
                trailing_space = true;
            }
            if previous_break {
                break_space = true;
            }
            previous_space = true;
            previous_break = false;
        } else if is_break(c) {
            if i == 0 {
                leading_break = true;
            }
            if i == last {
                trailing_break = true;
            }
            if previous_space {
                space_break = true;
            }
            previous_break = true;
            previous_space = false;
        } else {
            previous_space = false;
            previous_break = false;
        }
        preceded_by_whitespace = is_blankz(Some(c));
        followed_by_whitespace = is_blankz(chars.get(i + 2).copied());
    }
    let mut a = Analysis {
        multiline: line_breaks,
        block_plain_allowed: true,
        single_quoted_allowed: true,
        block_allowed: true,
    };
    if leading_space || leading_break || trailing_space || trailing_break {
        a.block_plain_allowed = false;
    }
    if trailing_space {
        a.block_allowed = false;
    }
    if break_space {
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
    }
    if space_break || special_characters {
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
        a.block_allowed = false;
    }
    if line_breaks {
        a.block_plain_allowed = false;
    }
    if block_indicators {
        a.block_plain_allowed = false;
    }
    let _ = flow_indicators;
    a
}

impl Emitter {
    fn put(&mut self, c: char) {
        self.out.push(c);
        self.column += 1;
    }

    fn put_break(&mut self) {
        self.out.push('\n');
        self.column = 0;
    }

    fn write_indent(&mut self) {
        let indent = self.indent.unwrap_or(0);
        if !self.indention || self.column > indent || (self.column == indent && !self.whitespace) {
            self.put_break();
        }
        while self.column < indent {
            self.put(' ');
        }
        self.whitespace = true;
        self.indention = true;
    }

    fn write_indicator(
        &mut self,
        indicator: &str,
        need_whitespace: bool,
        is_whitespace: bool,
        is_indention: bool,
    ) {
        if need_whitespace && !self.whitespace {
            self.put(' ');
        }
        for c in indicator.chars() {
            self.put(c);
        }
        self.whitespace = is_whitespace;
        self.indention = self.indention && is_indention;
    }

    fn increase_indent(&mut self, flow: bool, indentless: bool) {
        self.indent = Some(match self.indent {
            None => {
                if flow {
                    BEST_INDENT
                } else {
                    0
                }
            }
            Some(i) if !indentless => i + BEST_INDENT,
            Some(i) => i,
        });
    }

    fn document(&mut self, value: &Value) {
        self.whitespace = true;
        self.indention = true;
        self.node(value, Ctx::Root);
        // A document ends with a line break.
        if self.column != 0 || self.out.is_empty() {
            self.put_break();
        }
    }

    fn node(&mut self, value: &Value, ctx: Ctx) {
        match value {
            Value::Object(map) if !map.is_empty() => self.block_mapping(map, ctx),
            Value::Array(items) if !items.is_empty() => self.block_sequence(items, ctx),
            Value::Object(_) => self.flow_empty("{}", ctx),
            Value::Array(_) => self.flow_empty("[]", ctx),
            Value::Null => self.scalar("null", ScalarStyle::Plain, ctx),
            Value::Bool(b) => self.scalar(if *b { "true" } else { "false" }, ScalarStyle::Plain, ctx),
            Value::Number(n) => self.scalar(&format_number(n), ScalarStyle::Plain, ctx),
            Value::String(s) => {
                let style = if s.contains('\n') {
                    ScalarStyle::Literal
                } else if plain_is_ambiguous_v2(s) {
                    ScalarStyle::Double
                } else {
                    ScalarStyle::Plain
                };
                self.scalar(s, style, ctx);
            }
        }
    }

    fn flow_empty(&mut self, text: &str, _ctx: Ctx) {
        self.write_indicator(text, true, false, false);
    }

    fn block_sequence(&mut self, items: &[Value], ctx: Ctx) {
        let saved = self.indent;
        // Sequences under a mapping key are not indented (go-yaml's compact style).
        let indentless = ctx == Ctx::MappingValue && !self.indention;
        self.increase_indent(false, indentless);
        for item in items {
            self.write_indent();
            self.write_indicator("-", true, false, true);
            self.node(item, Ctx::SequenceItem);
        }
        self.indent = saved;
    }

    fn block_mapping(&mut self, map: &Map<String, Value>, _ctx: Ctx) {
        let saved = self.indent;
        self.increase_indent(false, false);
        for (key, value) in sorted_entries(map) {
            self.write_indent();
            // libyaml measures a simple key in bytes.
            if key.len() <= 128 && !key.contains('\n') {
                self.key_scalar(key);
                self.write_indicator(":", false, false, false);
            } else {
                // Not a simple key: `? key` then `: value`.
                self.write_indicator("?", true, false, true);
                self.node(&Value::String(key.clone()), Ctx::SequenceItem);
                self.write_indent();
                self.write_indicator(":", true, false, true);
            }
            self.node(value, Ctx::MappingValue);
        }
        self.indent = saved;
    }

    fn key_scalar(&mut self, key: &str) {
        let style = if plain_is_ambiguous_v2(key) {
            ScalarStyle::Double
        } else {
            ScalarStyle::Plain
        };
        let a = analyze(key);
        let style = match style {
            ScalarStyle::Plain if !a.block_plain_allowed || a.multiline || key.is_empty() => {
                if a.single_quoted_allowed {
                    ScalarStyle::Single
                } else {
                    ScalarStyle::Double
                }
            }
            s => s,
        };
        self.write_scalar(key, style, false);
    }

    fn scalar(&mut self, text: &str, requested: ScalarStyle, _ctx: Ctx) {
        let a = analyze(text);
        let mut style = requested;
        if style == ScalarStyle::Plain && !a.block_plain_allowed {
            style = ScalarStyle::Single;
        }
        if style == ScalarStyle::Single && !a.single_quoted_allowed {
            style = ScalarStyle::Double;
        }
        if style == ScalarStyle::Literal && !a.block_allowed {
            style = ScalarStyle::Double;
        }
        let saved = self.indent;
        self.increase_indent(true, false);
        self.write_scalar(text, style, true);
        self.indent = saved;
    }

    fn write_scalar(&mut self, text: &str, style: ScalarStyle, allow_breaks: bool) {
        match style {
            ScalarStyle::Plain => self.write_plain(text, allow_breaks),
            ScalarStyle::Single => self.write_single(text, allow_breaks),
            ScalarStyle::Double => self.write_double(text, allow_breaks),
            ScalarStyle::Literal => self.write_literal(text),
        }
    }

    fn write_plain(&mut self, text: &str, allow_breaks: bool) {
        if !self.whitespace {
            self.put(' ');
        }
        let chars: Vec<char> = text.chars().collect();
        let mut spaces = false;
        for (i, &c) in chars.iter().enumerate() {
            if is_space(c) {
                if allow_breaks
                    && !spaces
                    && self.column > BEST_WIDTH
                    && !chars.get(i + 1).is_some_and(|&n| is_space(n))
                {
                    self.write_indent();
                } else {
                    self.put(c);
                }
                spaces = true;
            } else {
                self.put(c);
                self.indention = false;
                spaces = false;
            }
        }
        self.whitespace = false;
        self.indention = false;
    }

    fn write_single(&mut self, text: &str, allow_breaks: bool) {
        self.write_indicator("'", true, false, false);
        let chars: Vec<char> = text.chars().collect();
        let last = chars.len().saturating_sub(1);
        let (mut spaces, mut breaks) = (false, false);
        for (i, &c) in chars.iter().enumerate() {
            if is_space(c) {
                if allow_breaks
                    && !spaces
                    && self.column > BEST_WIDTH
                    && i != 0
                    && i != last
                    && !chars.get(i + 1).is_some_and(|&n| is_space(n))
                {
                    self.write_indent();
                } else {
                    self.put(c);
                }
                spaces = true;
            } else if is_break(c) {
                if !breaks && c == '\n' {
                    self.put_break();
                }
                self.put_break();
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                if c == '\'' {
                    self.put('\'');
                }
                self.put(c);
                self.indention = false;
                spaces = false;
                breaks = false;
            }
        }
        self.write_indicator("'", false, false, false);
    }

    fn write_double(&mut self, text: &str, allow_breaks: bool) {
        self.write_indicator("\"", true, false, false);
        let chars: Vec<char> = text.chars().collect();
        let last = chars.len().saturating_sub(1);
        let mut spaces = false;
        for (i, &c) in chars.iter().enumerate() {
            if !is_printable(c) || c == '\u{feff}' || is_break(c) || c == '"' || c == '\\' {
                self.put('\\');
                match c {
                    '\0' => self.put('0'),
                    '\u{7}' => self.put('a'),
                    '\u{8}' => self.put('b'),
                    '\t' => self.put('t'),
                    '\n' => self.put('n'),
                    '\u{b}' => self.put('v'),
                    '\u{c}' => self.put('f'),
                    '\r' => self.put('r'),
                    '\u{1b}' => self.put('e'),
                    '"' => self.put('"'),
                    '\\' => self.put('\\'),
                    '\u{85}' => self.put('N'),
                    '\u{a0}' => self.put('_'),
                    '\u{2028}' => self.put('L'),
                    '\u{2029}' => self.put('P'),
                    _ => {
                        let v = c as u32;
                        let esc = if v <= 0xFF {
                            format!("x{v:02X}")
                        } else if v <= 0xFFFF {
                            format!("u{v:04X}")
                        } else {
                            format!("U{v:08X}")
                        };
                        for e in esc.chars() {
                            self.put(e);
                        }
                    }
                }
                spaces = false;
            } else if is_space(c) {
                if allow_breaks && !spaces && self.column > BEST_WIDTH && i != 0 && i != last {
                    self.write_indent();
                    if chars.get(i + 1).is_some_and(|&n| is_space(n)) {
                        self.put('\\');
                    }
                } else {
                    self.put(c);
                }
                spaces = true;
            } else {
                self.put(c);
                spaces = false;
            }
        }
        self.write_indicator("\"", false, false, false);
    }

    fn write_literal(&mut self, text: &str) {
        self.write_indicator("|", true, false, false);
        // Block hints: an indentation indicator when the text starts with a space or break,
        // and chomping (`-` without a final break, `+` with more than one).
        let first = text.chars().next();
        if first.is_some_and(|c| is_space(c) || is_break(c)) {
            self.write_indicator(&BEST_INDENT.to_string(), false, false, false);
        }
        let mut rev = text.chars().rev();
        let chomp = match rev.next() {
            None => Some("-"),
            Some(c) if !is_break(c) => Some("-"),
            Some(_) => match rev.next() {
                None => Some("+"),
                Some(c) if is_break(c) => Some("+"),
                Some(_) => None,
            },
        };
        if let Some(h) = chomp {
            self.write_indicator(h, false, false, false);
        }
        self.put_break();
        self.indention = true;
        self.whitespace = true;
        let mut breaks = true;
        for c in text.chars() {
            if is_break(c) {
                self.put_break();
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                    breaks = false;
                }
                self.put(c);
                self.indention = false;
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Root,
    MappingValue,
    SequenceItem,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn block_layout_like_kubectl() {
        let v = json!({
            "kind": "Deployment",
            "apiVersion": "apps/v1",
            "metadata": {"name": "web", "labels": {}},
            "spec": {
                "replicas": 2,
                "template": {"spec": {"containers": [
                    {"name": "main", "image": "nginx:1.25", "ports": [{"containerPort": 80, "protocol": "TCP"}], "args": []}
                ]}},
                "matrix": [[1, 2], {"a": null}]
            }
        });
        let want = "\
apiVersion: apps/v1
kind: Deployment
metadata:
  labels: {}
  name: web
spec:
  matrix:
  - - 1
    - 2
  - a: null
  replicas: 2
  template:
    spec:
      containers:
      - args: []
        image: nginx:1.25
        name: main
        ports:
        - containerPort: 80
          protocol: TCP
";
        assert_eq!(to_string(&v), want);
    }

    #[test]
    fn quotes_what_yaml_1_1_would_misread() {
        let v = json!({"a": "yes", "b": "on", "c": "0123", "d": "true", "e": "", "f": "12", "g": "1.5",
                       "h": "2001-12-14", "i": "plain text", "j": "*", "k": "- x", "l": "a: b", "m": " lead",
                       "n": "tab\there", "o": "emoji 😀", "p": "it's", "q": "#x", "r": "null", "s": "~"});
        let want = "\
a: \"yes\"
b: \"on\"
c: \"0123\"
d: \"true\"
e: \"\"
f: \"12\"
g: \"1.5\"
h: \"2001-12-14\"
i: plain text
j: '*'
k: '- x'
l: 'a: b'
m: ' lead'
\"n\": \"tab\\there\"
o: \"emoji \\U0001F600\"
p: it's
q: '#x'
r: \"null\"
s: \"~\"
";
        assert_eq!(to_string(&v), want);
    }

    #[test]
    fn multi_line_strings_are_literal_blocks() {
        let v = json!({"a": "x\ny\n", "b": "x\ny", "c": "x\n\n", "d": "  indented\nz\n", "e": "trailing \nspace"});
        let want = "a: |\n  x\n  y\nb: |-\n  x\n  y\nc: |+\n  x\n\nd: |2\n    indented\n  z\ne: \"trailing \\nspace\"\n";
        assert_eq!(to_string(&v), want);
        let nested = json!({"data": {"script.sh": "#!/bin/sh\necho hi\n"}});
        assert_eq!(
            to_string(&nested),
            "data:\n  script.sh: |\n    #!/bin/sh\n    echo hi\n"
        );
        let in_seq = json!(["a\nb"]);
        assert_eq!(to_string(&in_seq), "- |-\n  a\n  b\n");
    }

    #[test]
    fn long_strings_fold_at_80_columns() {
        let words = "lorem ipsum dolor sit amet ".repeat(5);
        let v = json!({"description": words.trim_end()});
        let out = to_string(&v);
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines.len() > 1, "{out}");
        assert!(lines[1].starts_with("  "), "{out}");
        // Folded output reads back as the same string.
        let back = crate::yaml::from_str_json(&out).unwrap();
        assert_eq!(back, vec![v]);
    }

    #[test]
    fn keys_sort_naturally_like_go_yaml() {
        let v = json!({"b": 1, "a10": 1, "a2": 1, "A": 1, "_x": 1, "1": 1, "z": 1});
        let out = to_string(&v);
        let keys: Vec<&str> = out.lines().map(|l| l.split(':').next().unwrap()).collect();
        // Non-letters sort before letters; `_` (not a digit, value 0) before `1`.
        assert_eq!(keys, ["_x", "\"1\"", "A", "a2", "a10", "b", "z"]);
    }

    #[test]
    fn numbers_print_as_go_json_to_yaml_does() {
        let v = json!({"a": 1.0, "b": 0.5, "c": 1.5e-7, "d": 1_234_567.5, "e": -3, "f": 1e21});
        assert_eq!(
            to_string(&v),
            "a: 1\nb: 0.5\nc: 1.5e-07\nd: 1.2345675e+06\ne: -3\nf: 1e+21\n"
        );
    }

    #[test]
    fn multiple_documents() {
        let docs = [json!({"a": 1}), json!({"b": 2})];
        assert_eq!(to_string_multi(&docs), "a: 1\n---\nb: 2\n");
    }
}
