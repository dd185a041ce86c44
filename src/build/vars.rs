//! `vars`: `$(NAME)` references replaced by a field of another object, as kustomize's
//! (deprecated but widely used) variables work.
//!
//! Each kustomization's vars name one object (by kind, name and, when given, namespace,
//! matched against every id the object had) and a field of it (`metadata.name` by default).
//! Vars accumulate upwards; a name defined twice is an error. After the name references
//! are fixed, every `$(NAME)` in the variable-reference fields (kustomize's table plus
//! `configurations`' `varReference`) is replaced by the field's final value; a reference
//! that is the whole value keeps the field's type. Unknown names stay as written.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::config::FieldSpec;
use super::resource::{ResMap, Resource};
use super::transform::visit;
use super::{Error, Result};

/// One `vars` entry.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Var {
    /// The name used as `$(NAME)`.
    pub name: String,
    /// The object.
    pub objref: ObjRef,
    /// The field.
    #[serde(default)]
    pub fieldref: FieldRef,
}

/// The object a var reads.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ObjRef {
    /// `group/version` (sets group and version).
    #[serde(default)]
    pub api_version: String,
    /// Group.
    #[serde(default)]
    pub group: String,
    /// Version.
    #[serde(default)]
    pub version: String,
    /// Kind.
    #[serde(default)]
    pub kind: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Namespace (any when empty).
    #[serde(default)]
    pub namespace: String,
}

/// The field a var reads.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FieldRef {
    /// Dotted path (`spec.ports[0].port`); `metadata.name` when empty. Go's decoding
    /// matches the key in any case; `fieldpath` is the spelling in common use.
    #[serde(default, alias = "fieldpath", alias = "FieldPath")]
    pub field_path: String,
}

impl ObjRef {
    fn gvk(&self) -> (String, String) {
        if self.api_version.is_empty() {
            return (self.group.clone(), self.version.clone());
        }
        match self.api_version.split_once('/') {
            Some((g, v)) => (g.to_string(), v.to_string()),
            None => (String::new(), self.api_version.clone()),
        }
    }
}

impl std::fmt::Display for Var {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.name)
    }
}

/// Adds a kustomization's vars: each is tied to the one object it names.
pub fn merge(rm: &mut ResMap, vars: &[Var], kfile: &str) -> Result<()> {
    for v in vars {
        let (g, ver) = v.objref.gvk();
        let matched: Vec<usize> = rm
            .items
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                let (rg, rv) = r.group_version();
                if rg != g || rv != ver {
                    return false;
                }
                let ns_ok = |ns: &str| {
                    v.objref.namespace.is_empty() && !r.is_cluster_scoped()
                        || r.effective_ns(ns) == r.effective_ns(&v.objref.namespace)
                };
                (r.kind() == v.objref.kind && r.name() == v.objref.name && ns_ok(r.namespace()))
                    || r.prev
                        .iter()
                        .any(|p| p.kind == v.objref.kind && p.name == v.objref.name && ns_ok(&p.namespace))
            })
            .map(|(i, _)| i)
            .collect();
        if matched.len() > 1 {
            return Err(Error::Kustomization {
                file: kfile.to_string(),
                message: format!(
                    "found {} resId matches for var {} (unable to disambiguate)",
                    matched.len(),
                    v.name
                ),
            });
        }
        if let Some(&i) = matched.first() {
            rm.items[i].ref_vars.push(v.name.clone());
        }
    }
    add(&mut rm.vars, vars, kfile)
}

/// Adds vars to a set, refusing a name already there.
pub fn add(set: &mut Vec<Var>, vars: &[Var], kfile: &str) -> Result<()> {
    for v in vars {
        if set.iter().any(|s| s.name == v.name) {
            return Err(Error::Kustomization {
                file: kfile.to_string(),
                message: format!("var '{}' already encountered", v.name),
            });
        }
        set.push(v.clone());
    }
    Ok(())
}

/// Looks up a dotted field path (`a.b[0].c`, `[name=x]` picks a list element).
fn lookup<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    let mut cur = v;
    for seg in split_dotted(path) {
        let (key, index) = match seg.strip_suffix(']').and_then(|s| s.rsplit_once('[')) {
            Some((k, i)) => (k.to_string(), Some(i.to_string())),
            None => (seg.clone(), None),
        };
        if !key.is_empty() {
            cur = match cur {
                Value::Object(m) => m.get(&key)?,
                Value::Array(items) => items.get(key.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        if let Some(i) = index {
            let items = cur.as_array()?;
            cur = match i.split_once('=') {
                Some((k, want)) => items
                    .iter()
                    .find(|e| e.get(k).is_some_and(|x| scalar_text(x).as_deref() == Some(want)))?,
                None => items.get(i.parse::<usize>().ok()?)?,
            };
        }
    }
    Some(cur)
}

/// Splits on dots outside brackets.
fn split_dotted(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '[' => {
                depth += 1;
                cur.push(c);
            }
            ']' => {
                depth -= 1;
                cur.push(c);
            }
            '.' if depth == 0 => out.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    out.push(cur);
    out
}

fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The variable-reference fields kustomize knows: (kind, path).
const BUILTIN: &[(&str, &str)] = &[
    ("CronJob", "spec/jobTemplate/spec/template/spec/containers/args"),
    (
        "CronJob",
        "spec/jobTemplate/spec/template/spec/containers/command",
    ),
    (
        "CronJob",
        "spec/jobTemplate/spec/template/spec/containers/env/value",
    ),
    (
        "CronJob",
        "spec/jobTemplate/spec/template/spec/containers/volumeMounts/mountPath",
    ),
    (
        "CronJob",
        "spec/jobTemplate/spec/template/spec/initContainers/args",
    ),
    (
        "CronJob",
        "spec/jobTemplate/spec/template/spec/initContainers/command",
    ),
    (
        "CronJob",
        "spec/jobTemplate/spec/template/spec/initContainers/env/value",
    ),
    (
        "CronJob",
        "spec/jobTemplate/spec/template/spec/initContainers/volumeMounts/mountPath",
    ),
    ("CronJob", "spec/jobTemplate/spec/template/volumes/nfs/server"),
    ("Deployment", "spec/template/metadata/annotations"),
    ("Ingress", "spec/rules/host"),
    ("Ingress", "spec/tls/hosts"),
    ("Ingress", "spec/tls/secretName"),
    ("Pod", "spec/containers/args"),
    ("Pod", "spec/containers/command"),
    ("Pod", "spec/containers/env/value"),
    ("Pod", "spec/containers/volumeMounts/mountPath"),
    ("Pod", "spec/initContainers/args"),
    ("Pod", "spec/initContainers/command"),
    ("Pod", "spec/initContainers/env/value"),
    ("Pod", "spec/initContainers/volumeMounts/mountPath"),
    ("Pod", "spec/volumes/nfs/server"),
    ("Service", "spec/ports/port"),
    ("Service", "spec/ports/targetPort"),
    ("StatefulSet", "spec/volumeClaimTemplates/spec/nfs/server"),
    ("PersistentVolume", "spec/nfs/server"),
    ("", "metadata/labels"),
    ("", "metadata/annotations"),
];

/// Workload kinds whose pod template's fields refer to vars.
const TEMPLATE_KINDS: &[&str] = &["DaemonSet", "Deployment", "Job", "ReplicaSet", "StatefulSet"];

/// Pod template fields (under `spec/template/spec/`) that refer to vars.
const TEMPLATE_FIELDS: &[&str] = &[
    "containers/args",
    "containers/command",
    "containers/env/value",
    "containers/volumeMounts/mountPath",
    "initContainers/args",
    "initContainers/command",
    "initContainers/env/value",
    "initContainers/volumeMounts/mountPath",
    "volumes/nfs/server",
];

fn builtin_specs() -> Vec<FieldSpec> {
    let spec = |kind: &str, path: String| FieldSpec {
        kind: kind.to_string(),
        path,
        ..FieldSpec::default()
    };
    let mut out: Vec<FieldSpec> = BUILTIN.iter().map(|(k, p)| spec(k, (*p).to_string())).collect();
    for k in TEMPLATE_KINDS {
        for f in TEMPLATE_FIELDS {
            out.push(spec(k, format!("spec/template/spec/{f}")));
        }
    }
    out
}

/// Replaces `$(NAME)` in `input`; a reference that is the whole input returns the value
/// itself (keeping its type).
fn replace(input: &str, values: &[(String, Value)], used: &mut [bool]) -> Value {
    let b = input.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    let mut start = 0;
    while i < b.len() {
        if b[i] == b'$' && i + 1 < b.len() {
            out.push_str(&input[start..i]);
            match b[i + 1] {
                b'$' => {
                    out.push('$');
                    i += 2;
                }
                b'(' => {
                    if let Some(end) = input[i + 2..].find(')') {
                        let name = &input[i + 2..i + 2 + end];
                        match values.iter().position(|(n, _)| n == name) {
                            Some(k) if !values[k].1.is_object() && !values[k].1.is_array() => {
                                used[k] = true;
                                if input.len() == name.len() + 3 {
                                    return values[k].1.clone();
                                }
                                out.push_str(&display(&values[k].1));
                            }
                            _ => {
                                out.push_str("$(");
                                out.push_str(name);
                                out.push(')');
                            }
                        }
                        i += end + 3;
                    } else {
                        out.push_str("$(");
                        i += 2;
                    }
                }
                _ => {
                    // `$` and the next character are copied as they are.
                    let next = input[i + 1..].chars().next().map_or(1, char::len_utf8);
                    out.push_str(&input[i..i + 1 + next]);
                    i += 1 + next;
                }
            }
            start = i;
            continue;
        }
        i += 1;
    }
    out.push_str(&input[start..]);
    Value::String(out)
}

/// Go's `%v` of a scalar value.
fn display(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Resolves every var and replaces its references (the top-level step).
pub fn resolve(rm: &mut ResMap, builtin: bool, extra: &[FieldSpec]) -> Result<()> {
    if rm.vars.is_empty() {
        return Ok(());
    }
    let mut vars = rm.vars.clone();
    vars.sort_by(|a, b| a.name.cmp(&b.name));
    let mut values: Vec<(String, Value)> = Vec::new();
    for v in &vars {
        let Some(r) = rm.items.iter().find(|r| r.ref_vars.contains(&v.name)) else {
            return Err(Error::Var {
                name: v.name.clone(),
                field_missing: false,
            });
        };
        let path = if v.fieldref.field_path.is_empty() {
            "metadata.name"
        } else {
            v.fieldref.field_path.as_str()
        };
        let obj = Value::Object(r.obj.clone());
        let Some(value) = lookup(&obj, path) else {
            return Err(Error::Var {
                name: v.name.clone(),
                field_missing: true,
            });
        };
        values.push((v.name.clone(), value.clone()));
    }
    let mut specs = if builtin { builtin_specs() } else { Vec::new() };
    specs.extend(extra.iter().cloned());
    let mut used = vec![false; values.len()];
    for r in &mut rm.items {
        replace_in(r, &specs, &values, &mut used)?;
    }
    Ok(())
}

fn replace_in(
    r: &mut Resource,
    specs: &[FieldSpec],
    values: &[(String, Value)],
    used: &mut [bool],
) -> Result<()> {
    let applicable: Vec<&FieldSpec> = specs.iter().filter(|s| s.applies(r)).collect();
    if applicable.is_empty() {
        return Ok(());
    }
    let id = r.id();
    let mut obj = Value::Object(std::mem::take(&mut r.obj));
    let mut failure: Option<String> = None;
    for s in applicable {
        let segs = super::nameref::split_path(&s.path);
        let segs: Vec<&str> = segs.iter().map(String::as_str).collect();
        visit(&mut obj, &segs, false, &mut |v| match v {
            Value::String(text) => *v = replace(text, values, used),
            Value::Object(m) => {
                for x in m.values_mut() {
                    if let Value::String(text) = x {
                        *x = replace(text, values, used);
                    }
                }
            }
            Value::Array(items) => {
                for x in items {
                    match x {
                        Value::String(text) => *x = replace(text, values, used),
                        _ => failure = Some("invalid value type expect a string".into()),
                    }
                }
            }
            _ => {}
        });
    }
    if let Value::Object(m) = obj {
        r.obj = m;
    }
    match failure {
        Some(message) => Err(Error::Object {
            object: Box::new(id),
            message,
        }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn references_are_replaced_as_kustomize_does() {
        let values = vec![("A".to_string(), json!("x")), ("N".to_string(), json!(5))];
        let mut used = vec![false; 2];
        assert_eq!(replace("$(A)-$(N)", &values, &mut used), json!("x-5"));
        assert_eq!(replace("$(N)", &values, &mut used), json!(5));
        assert_eq!(
            replace("$$(A) $(B) $x", &values, &mut used),
            json!("$(A) $(B) $x")
        );
        assert_eq!(replace("tail $(", &values, &mut used), json!("tail $("));
    }

    #[test]
    fn dotted_paths() {
        let v = json!({"spec": {"ports": [{"name": "a", "port": 1}, {"name": "b", "port": 2}]}});
        assert_eq!(lookup(&v, "spec.ports[1].port"), Some(&json!(2)));
        assert_eq!(lookup(&v, "spec.ports[name=a].port"), Some(&json!(1)));
        assert_eq!(lookup(&v, "spec.missing"), None);
    }
}
