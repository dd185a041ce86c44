//! `.Files`: the chart's non-template files and their methods (`Get`, `GetBytes`, `Glob`,
//! `Lines`, `AsConfig`, `AsSecrets`), with Helm's glob syntax (`*` stays within a path
//! segment, `**` crosses them, `?`, `[...]`, `{a,b}`).

use std::collections::BTreeMap;
use std::rc::Rc;

use base64::Engine as _;

use super::value::{Object, Value};

/// The file list behind a `.Files` object.
pub type FileList = Rc<Vec<(String, Rc<Vec<u8>>)>>;

/// Calls a method of `.Files`; `None` when there is no such method.
pub fn method(files: &FileList, name: &str, args: Vec<Value>) -> Option<Result<Value, String>> {
    let arg = |i: usize| -> Result<String, String> {
        match args.get(i) {
            Some(Value::Str(s)) => Ok(s.to_string()),
            Some(v) => Err(format!(
                "wrong type for value; expected string; got {}",
                v.type_name()
            )),
            None => Err(format!(
                "wrong number of args for {name}: want 1 got {}",
                args.len()
            )),
        }
    };
    let get = |p: &str| files.iter().find(|(n, _)| n == p).map(|(_, d)| d.clone());
    Some(match name {
        "Get" => arg(0).map(|p| {
            Value::from(
                get(&p)
                    .map(|d| String::from_utf8_lossy(&d).into_owned())
                    .unwrap_or_default(),
            )
        }),
        "GetBytes" => arg(0).map(|p| Value::Bytes(get(&p).unwrap_or_default())),
        "Lines" => arg(0).map(|p| {
            let Some(d) = get(&p) else {
                return Value::list(Vec::new());
            };
            let mut s = String::from_utf8_lossy(&d).into_owned();
            if s.is_empty() {
                return Value::list(Vec::new());
            }
            if s.ends_with('\n') {
                s.pop();
            }
            Value::list(s.split('\n').map(Value::from).collect())
        }),
        "Glob" => arg(0).and_then(|pat| {
            let g = Glob::new(&pat)?;
            let sel: Vec<_> = files.iter().filter(|(n, _)| g.matches(n)).cloned().collect();
            Ok(Value::Object(Rc::new(Object::Files(Rc::new(sel)))))
        }),
        "AsConfig" => Ok(Value::from(as_map(files, |d| {
            String::from_utf8_lossy(d).into_owned()
        }))),
        "AsSecrets" => Ok(Value::from(as_map(files, |d| {
            base64::engine::general_purpose::STANDARD.encode(d)
        }))),
        _ => return None,
    })
}

fn as_map(files: &FileList, f: impl Fn(&[u8]) -> String) -> String {
    if files.is_empty() {
        return String::new();
    }
    let mut m = serde_json::Map::new();
    let mut sorted: BTreeMap<String, String> = BTreeMap::new();
    for (name, data) in files.iter() {
        let base = name.rsplit('/').next().unwrap_or(name).to_string();
        sorted.insert(base, f(data));
    }
    for (k, v) in sorted {
        m.insert(k, serde_json::Value::String(v));
    }
    let s = crate::yaml::to_string(&serde_json::Value::Object(m));
    s.strip_suffix('\n').unwrap_or(&s).to_string()
}

/// A compiled glob pattern with `/` as the separator.
pub struct Glob {
    alts: Vec<Vec<Tok>>,
}

#[derive(Clone, Debug)]
enum Tok {
    Lit(char),
    Any,
    Super,
    One,
    Class(bool, Vec<(char, char)>),
}

impl Glob {
    /// Compiles `pattern` (alternatives `{a,b}` are expanded).
    fn new(pattern: &str) -> Result<Glob, String> {
        let mut alts = Vec::new();
        for p in expand_braces(pattern, 0)? {
            alts.push(compile(&p)?);
        }
        Ok(Glob { alts })
    }

    /// Whether `name` matches.
    pub fn matches(&self, name: &str) -> bool {
        let chars: Vec<char> = name.chars().collect();
        self.alts.iter().any(|a| match_at(a, &chars))
    }
}

fn expand_braces(p: &str, depth: usize) -> Result<Vec<String>, String> {
    if depth > 16 {
        return Err("glob: too many nested braces".into());
    }
    let Some(open) = p.find('{') else {
        return Ok(vec![p.to_string()]);
    };
    let mut level = 0;
    let mut close = None;
    let mut parts = Vec::new();
    let mut start = open + 1;
    for (i, c) in p[open..].char_indices() {
        let i = i + open;
        match c {
            '{' => level += 1,
            '}' => {
                level -= 1;
                if level == 0 {
                    parts.push(&p[start..i]);
                    close = Some(i);
                    break;
                }
            }
            ',' if level == 1 => {
                parts.push(&p[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    let Some(close) = close else {
        return Err(format!("unexpected end of input in glob {p:?}"));
    };
    let mut out = Vec::new();
    for part in parts {
        let s = format!("{}{}{}", &p[..open], part, &p[close + 1..]);
        out.extend(expand_braces(&s, depth + 1)?);
    }
    Ok(out)
}

fn compile(p: &str) -> Result<Vec<Tok>, String> {
    let chars: Vec<char> = p.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '*' => {
                if chars.get(i + 1) == Some(&'*') {
                    out.push(Tok::Super);
                    i += 1;
                } else {
                    out.push(Tok::Any);
                }
            }
            '?' => out.push(Tok::One),
            '\\' => {
                i += 1;
                out.push(Tok::Lit(*chars.get(i).ok_or("glob: trailing backslash")?));
            }
            '[' => {
                let mut j = i + 1;
                let neg = chars.get(j) == Some(&'!');
                if neg {
                    j += 1;
                }
                let mut ranges = Vec::new();
                while j < chars.len() && chars[j] != ']' {
                    let lo = chars[j];
                    if chars.get(j + 1) == Some(&'-') && chars.get(j + 2).is_some_and(|c| *c != ']') {
                        ranges.push((lo, chars[j + 2]));
                        j += 3;
                    } else {
                        ranges.push((lo, lo));
                        j += 1;
                    }
                }
                if j >= chars.len() {
                    return Err(format!("unexpected end of input in glob {p:?}"));
                }
                out.push(Tok::Class(neg, ranges));
                i = j;
            }
            c => out.push(Tok::Lit(c)),
        }
        i += 1;
    }
    Ok(out)
}

fn match_at(p: &[Tok], s: &[char]) -> bool {
    // Iterative matching with memoisation-free backtracking over star positions.
    fn go(p: &[Tok], s: &[char], budget: &mut usize) -> bool {
        if *budget == 0 {
            return false;
        }
        *budget -= 1;
        match p.first() {
            None => s.is_empty(),
            Some(Tok::Lit(c)) => s.first() == Some(c) && go(&p[1..], &s[1..], budget),
            Some(Tok::One) => s.first().is_some_and(|c| *c != '/') && go(&p[1..], &s[1..], budget),
            Some(Tok::Class(neg, r)) => {
                s.first()
                    .is_some_and(|c| *c != '/' && r.iter().any(|(a, b)| a <= c && c <= b) != *neg)
                    && go(&p[1..], &s[1..], budget)
            }
            Some(Tok::Any) => {
                for i in 0..=s.len() {
                    if go(&p[1..], &s[i..], budget) {
                        return true;
                    }
                    if i < s.len() && s[i] == '/' {
                        break;
                    }
                }
                false
            }
            Some(Tok::Super) => (0..=s.len()).any(|i| go(&p[1..], &s[i..], budget)),
        }
    }
    let mut budget = 1_000_000;
    go(p, s, &mut budget)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_match_as_helm_does() {
        let g = Glob::new("files/*.conf").unwrap();
        assert!(g.matches("files/a.conf"));
        assert!(!g.matches("files/sub/a.conf"));
        let g = Glob::new("files/**.{conf,txt}").unwrap();
        assert!(g.matches("files/sub/a.conf"));
        assert!(g.matches("files/b.txt"));
        assert!(Glob::new("[ab]?.y").unwrap().matches("a1.y"));
    }
}
