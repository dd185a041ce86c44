//! Flux's post-build variable substitution: bash-style `${var}` expressions in the YAML text
//! of each object.
//!
//! Supported: `${var}`, `${var:-default}` (default when unset or empty), `${var-default}`
//! (default when unset), `${var:=default}` / `${var=default}` (same, for output),
//! `${#var}` (length), `${var^^}` / `${var,,}` / `${var^}` / `${var,}` (case), defaults that
//! contain expressions, and `$$` for a literal `$` (`$${var}` stays `${var}`). `$var`
//! without braces is left alone, as Flux leaves it.
//!
//! Strict mode fails on a variable that is not set and has no default; otherwise such a
//! variable is empty, as in Flux. A preview that does not know every variable keeps such an
//! expression as written and names the variable ([`substitute_keeping`]).

use std::collections::{BTreeMap, BTreeSet};

/// What happens to a variable that is not set and has no default.
enum Unset<'a> {
    /// It is empty (Flux's default).
    Empty,
    /// It is an error (strict mode).
    Fail,
    /// The expression stays as written and the name is recorded.
    Keep(&'a mut BTreeSet<String>),
}

/// Why a Secret's value cannot be a variable; names the key, never the value.
#[derive(Debug, thiserror::Error)]
pub enum ValueError {
    /// The `data` entry is not base64. (The decoder's error is not kept: it quotes a byte of
    /// the value.)
    #[error("key {key:?} is not valid base64")]
    NotBase64 {
        /// The key.
        key: String,
    },
    /// The decoded value is not UTF-8 text.
    #[error("key {key:?} is not UTF-8 text")]
    NotUtf8 {
        /// The key.
        key: String,
        /// The decoding error (which byte; never the bytes, a secret's value).
        #[source]
        source: std::str::Utf8Error,
    },
}

/// The variables a `postBuild.substituteFrom` ConfigMap or Secret provides, as
/// kustomize-controller reads them: a ConfigMap's `data`; a Secret's `data` (base64, values
/// must be UTF-8 text) overridden by its `stringData`. The error names the key, never a value.
pub fn source_variables(obj: &serde_json::Value) -> Result<BTreeMap<String, String>, ValueError> {
    use base64::Engine as _;
    let mut vars = BTreeMap::new();
    let text = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if obj["kind"] == "Secret" {
        for (k, v) in obj["data"].as_object().into_iter().flatten() {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(v.as_str().unwrap_or_default().replace('\n', ""))
                .map_err(|_| ValueError::NotBase64 { key: k.clone() })?;
            let value = String::from_utf8(bytes).map_err(|e| ValueError::NotUtf8 {
                key: k.clone(),
                source: e.utf8_error(),
            })?;
            vars.insert(k.clone(), value);
        }
        for (k, v) in obj["stringData"].as_object().into_iter().flatten() {
            vars.insert(k.clone(), text(v));
        }
    } else {
        for (k, v) in obj["data"].as_object().into_iter().flatten() {
            vars.insert(k.clone(), text(v));
        }
    }
    Ok(vars)
}

/// Whether a variable name is valid (`^[_[:alpha:]][_[:alpha:][:digit:]]*$`).
pub fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c == '_' || c.is_ascii_alphabetic())
        && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
}

/// Why substitution failed (no underlying error: the parser of `${…}` expressions says
/// which and why). The reason may quote an expression.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{reason}")]
pub struct SubstituteError {
    /// What is wrong.
    pub reason: String,
}

/// Substitutes variables in `text`.
pub fn substitute(
    text: &str,
    vars: &BTreeMap<String, String>,
    strict: bool,
) -> Result<String, SubstituteError> {
    run(text, vars, &mut if strict { Unset::Fail } else { Unset::Empty })
        .map_err(|reason| SubstituteError { reason })
}

/// Substitutes variables in `text`, keeping every expression whose variable is not set and
/// has no default as written (`${NAME}`), its name added to `unresolved`: what a preview
/// does when some variables are only known to the cluster.
pub fn substitute_keeping(
    text: &str,
    vars: &BTreeMap<String, String>,
    unresolved: &mut BTreeSet<String>,
) -> Result<String, SubstituteError> {
    run(text, vars, &mut Unset::Keep(unresolved)).map_err(|reason| SubstituteError { reason })
}

fn run(text: &str, vars: &BTreeMap<String, String>, unset: &mut Unset<'_>) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let b = text.as_bytes();
    let mut i = 0;
    let mut plain_start = 0;
    while i < b.len() {
        if b[i] != b'$' {
            i += 1;
            continue;
        }
        if b.get(i + 1) == Some(&b'$') {
            out.push_str(&text[plain_start..i]);
            out.push('$');
            i += 2;
            plain_start = i;
            continue;
        }
        if b.get(i + 1) != Some(&b'{') {
            i += 1;
            continue;
        }
        let Some(end) = matching_brace(b, i + 1) else {
            return Err(format!("missing closing brace for the expression at byte {i}"));
        };
        out.push_str(&text[plain_start..i]);
        let expr = &text[i + 2..end];
        out.push_str(&eval(expr, vars, unset)?);
        i = end + 1;
        plain_start = i;
    }
    out.push_str(&text[plain_start..]);
    Ok(out)
}

/// Index of the `}` closing the `{` at `open`, honouring nesting.
fn matching_brace(b: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0;
    for (j, &c) in b.iter().enumerate().skip(open) {
        match c {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(j);
                }
            }
            _ => {}
        }
    }
    None
}

fn eval(expr: &str, vars: &BTreeMap<String, String>, mode: &mut Unset<'_>) -> Result<String, String> {
    let strict = !matches!(mode, Unset::Empty);
    let lookup = |name: &str| -> Option<String> {
        match vars.get(name) {
            Some(v) => Some(v.clone()),
            None if strict => None,
            None => Some(String::new()),
        }
    };
    let unset = |name: &str| format!("variable not set (strict mode): {name:?}");
    let bare = expr.strip_prefix('#').unwrap_or(expr);
    let bare_len = bare
        .char_indices()
        .find(|(_, c)| !(*c == '_' || c.is_ascii_alphanumeric()))
        .map_or(bare.len(), |(i, _)| i);
    let has_default = [":-", ":=", "-", "="]
        .iter()
        .any(|p| bare[bare_len..].starts_with(p));
    if let Unset::Keep(names) = mode
        && !has_default
        && valid_name(&bare[..bare_len])
        && !vars.contains_key(&bare[..bare_len])
    {
        names.insert(bare[..bare_len].to_string());
        return Ok(format!("${{{expr}}}"));
    }
    if let Some(name) = expr.strip_prefix('#') {
        if !valid_name(name) {
            return Err(format!("bad substitution: ${{{expr}}}"));
        }
        return lookup(name)
            .map(|v| v.chars().count().to_string())
            .ok_or_else(|| unset(name));
    }
    let name_len = expr
        .char_indices()
        .find(|(_, c)| !(*c == '_' || c.is_ascii_alphanumeric()))
        .map_or(expr.len(), |(i, _)| i);
    let (name, op) = expr.split_at(name_len);
    if !valid_name(name) {
        return Err(format!("bad substitution: ${{{expr}}}"));
    }
    let default = |d: &str, mode: &mut Unset<'_>| run(d, vars, mode);
    match op {
        "" => lookup(name).ok_or_else(|| unset(name)),
        "^^" => lookup(name).map(|v| v.to_uppercase()).ok_or_else(|| unset(name)),
        ",," => lookup(name).map(|v| v.to_lowercase()).ok_or_else(|| unset(name)),
        "^" | "," => lookup(name)
            .map(|v| {
                let mut c = v.chars();
                match c.next() {
                    Some(f) if op == "^" => f.to_uppercase().chain(c).collect(),
                    Some(f) => f.to_lowercase().chain(c).collect(),
                    None => String::new(),
                }
            })
            .ok_or_else(|| unset(name)),
        _ => {
            if let Some(d) = op.strip_prefix(":-").or_else(|| op.strip_prefix(":=")) {
                match lookup(name) {
                    Some(v) if !v.is_empty() => Ok(v),
                    _ => default(d, mode),
                }
            } else if let Some(d) = op.strip_prefix('-').or_else(|| op.strip_prefix('=')) {
                match lookup(name) {
                    Some(v) => Ok(v),
                    None => default(d, mode),
                }
            } else {
                Err(format!("unsupported expression ${{{expr}}}"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars() -> BTreeMap<String, String> {
        [("name", "web"), ("empty", ""), ("n", "3")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn expressions() {
        let v = vars();
        let t = |s: &str| substitute(s, &v, false).unwrap();
        assert_eq!(t("a: ${name}-${n}"), "a: web-3");
        assert_eq!(
            t("${missing:-def}/${empty:-e}/${empty-e}/${missing=x}"),
            "def/e//"
        );
        assert_eq!(t("${missing}|"), "|");
        assert_eq!(t("$${name} $$ $name"), "${name} $ $name");
        assert_eq!(t("${name^^} ${#name} ${missing:-${name}}"), "WEB 3 web");
        let e = substitute("x: ${missing}", &v, true).unwrap_err();
        assert!(
            e.reason.contains("variable not set (strict mode): \"missing\""),
            "{e}"
        );
        assert_eq!(substitute("${missing:=ok}", &v, true).unwrap(), "ok");
        assert!(substitute("${a b}", &v, false).is_err());
        assert!(substitute("${open", &v, false).is_err());
        assert!(valid_name("_A1") && !valid_name("1a") && !valid_name("a-b"));
    }

    #[test]
    fn keeping_unresolved_expressions() {
        let v = vars();
        let mut names = BTreeSet::new();
        let out = substitute_keeping(
            "${name} ${missing} ${#other} ${gone:-d} ${x-${inner}} ${empty} $${lit}",
            &v,
            &mut names,
        )
        .unwrap();
        assert_eq!(out, "web ${missing} ${#other} d ${inner}  ${lit}");
        assert_eq!(
            names.into_iter().collect::<Vec<_>>(),
            ["inner", "missing", "other"]
        );
    }
}
