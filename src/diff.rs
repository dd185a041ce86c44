//! Presenting the difference between a live object and what an apply would make of it: the
//! normalisation that leaves only what a reader should compare, Secret masking, a structured
//! field-by-field change list and a unified diff of the YAML. Pure: no I/O.
//!
//! The apply engine finds *what* differs ([`crate::apply::Manager::diff`]); this module
//! decides *how it is shown*, so that every output of `flux-rs diff` (text, JSON, Markdown)
//! is built from the same normalised and masked values:
//!
//! 1. [`normalize`] drops what the server maintains (`status`, `metadata.managedFields`,
//!    `resourceVersion`, `generation`, `uid`, `selfLink` and the timestamps) and sorts every
//!    mapping's keys in the order the YAML emitter prints them, so two runs print the same.
//! 2. [`mask_secrets`] replaces the values of a Secret's `data` and `stringData` (and
//!    kubectl's last-applied annotation, which may hold them) with `***`, or with
//!    `*** (before)` / `*** (after)` where the value changes; keys that are added or removed
//!    stay visible. Values are compared decoded, so `data` and `stringData` holding the same
//!    text are equal.
//! 3. [`field_changes`] lists changed fields by JSON pointer; [`unified`] renders a unified
//!    diff of the YAML text (our kubectl-exact emitter).

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

use base64::Engine as _;
use serde_json::Value;

/// kubectl's client-side apply annotation (it holds a copy of the whole object).
const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";

/// What a masked value that does not change reads.
pub const MASK: &str = "***";
/// What a masked value reads on the live side when it changes.
pub const MASK_BEFORE: &str = "*** (before)";
/// What a masked value reads on the new side when it changes.
pub const MASK_AFTER: &str = "*** (after)";

/// The object without server-maintained fields and `status`, every mapping's keys sorted as
/// the YAML emitter sorts them.
pub fn normalize(obj: &Value) -> Value {
    sorted(crate::apply::normalize::without_server_fields(obj))
}

fn key_order(a: &str, b: &str) -> Ordering {
    if crate::yaml::emit::key_less(a, b) {
        Ordering::Less
    } else if crate::yaml::emit::key_less(b, a) {
        Ordering::Greater
    } else {
        a.cmp(b)
    }
}

/// The value with every mapping's keys in the emitter's order.
fn sorted(v: Value) -> Value {
    match v {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            entries.sort_by(|(a, _), (b, _)| key_order(a, b));
            Value::Object(entries.into_iter().map(|(k, v)| (k, sorted(v))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
        other => other,
    }
}

/// Whether the object is a core `v1` Secret.
pub fn is_secret(obj: &Value) -> bool {
    obj["kind"] == "Secret" && obj["apiVersion"] == "v1"
}

/// A Secret's values by key, decoded: `data` (base64) overridden by `stringData`, as the
/// server merges them. A `data` value that is not valid base64 counts as its text.
fn secret_values(obj: &Value) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    if let Some(data) = obj["data"].as_object() {
        for (k, v) in data {
            let text = v.as_str().unwrap_or_default();
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(text)
                .unwrap_or_else(|_| text.as_bytes().to_vec());
            out.insert(k.clone(), bytes);
        }
    }
    if let Some(data) = obj["stringData"].as_object() {
        for (k, v) in data {
            let text = match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            out.insert(k.clone(), text.into_bytes());
        }
    }
    out
}

/// Masks the values of Secrets, in place: `before` is the live object (or `None` when it is
/// created), `after` what the apply makes of it (or `None` when it is deleted). Objects that
/// are not Secrets are left alone.
///
/// Every value of `data` and `stringData` becomes `***`; a key whose decoded value differs
/// between the two sides becomes `*** (before)` on the live side and `*** (after)` on the
/// other. Keys present on one side only keep their name (`***` as value), so additions and
/// removals stay visible. kubectl's last-applied annotation, a copy of the whole Secret, is
/// masked as a whole.
pub fn mask_secrets(before: Option<&mut Value>, after: Option<&mut Value>) {
    let before = before.filter(|v| is_secret(v));
    let after = after.filter(|v| is_secret(v));
    let old = before.as_deref().map(secret_values);
    let new = after.as_deref().map(secret_values);
    if let Some(b) = before {
        mask_side(b, new.as_ref(), old.as_ref(), MASK_BEFORE);
    }
    if let Some(a) = after {
        mask_side(a, old.as_ref(), new.as_ref(), MASK_AFTER);
    }
}

fn mask_side(
    obj: &mut Value,
    other: Option<&BTreeMap<String, Vec<u8>>>,
    own: Option<&BTreeMap<String, Vec<u8>>>,
    changed: &str,
) {
    let mask_for = |key: &str| -> &str {
        match (other.and_then(|o| o.get(key)), own.and_then(|o| o.get(key))) {
            (Some(theirs), Some(ours)) if theirs != ours => changed,
            _ => MASK,
        }
    };
    for section in ["data", "stringData"] {
        if let Some(map) = obj.get_mut(section).and_then(Value::as_object_mut) {
            for (k, v) in map.iter_mut() {
                *v = Value::String(mask_for(k).to_string());
            }
        } else if let Some(v) = obj.get_mut(section)
            && !v.is_null()
        {
            // Not a map: nothing readable, but never print it.
            *v = Value::String(MASK.to_string());
        }
    }
    if let Some(a) = obj
        .pointer_mut("/metadata/annotations")
        .and_then(Value::as_object_mut)
        && let Some(v) = a.get_mut(LAST_APPLIED)
    {
        *v = Value::String(MASK.to_string());
    }
}

/// JSON pointers of the string values equal to `mask` (where SOPS-encrypted values were in
/// a build with values masked).
pub fn mask_pointers(v: &Value, mask: &str, out: &mut BTreeSet<String>) {
    fn walk(v: &Value, mask: &str, path: &mut String, out: &mut BTreeSet<String>) {
        match v {
            Value::String(s) if s == mask => {
                out.insert(path.clone());
            }
            Value::Object(m) => {
                for (k, x) in m {
                    let len = path.len();
                    path.push('/');
                    path.push_str(&escape(k));
                    walk(x, mask, path, out);
                    path.truncate(len);
                }
            }
            Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    let len = path.len();
                    path.push('/');
                    path.push_str(&i.to_string());
                    walk(x, mask, path, out);
                    path.truncate(len);
                }
            }
            _ => {}
        }
    }
    walk(v, mask, &mut String::new(), out);
}

/// One changed field.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct FieldChange {
    /// Where, as a JSON pointer (RFC 6901): `/spec/replicas`,
    /// `/metadata/labels/app.kubernetes.io~1name`, `/spec/ports/0/port`.
    pub path: String,
    /// The live value; absent when the field is added.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<Value>,
    /// The new value; absent when the field is removed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<Value>,
}

/// The fields that differ between `before` and `after`, depth first in key order. Maps are
/// compared key by key and lists element by element (extra elements are additions or
/// removals); anything else that differs is one change.
pub fn field_changes(before: &Value, after: &Value) -> Vec<FieldChange> {
    let mut out = Vec::new();
    walk(&mut String::new(), before, after, &mut out);
    out
}

fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

fn walk(path: &mut String, before: &Value, after: &Value, out: &mut Vec<FieldChange>) {
    match (before, after) {
        (Value::Object(b), Value::Object(a)) => {
            let mut keys: Vec<&String> = b.keys().chain(a.keys().filter(|k| !b.contains_key(*k))).collect();
            keys.sort_by(|x, y| key_order(x, y));
            for k in keys {
                let len = path.len();
                path.push('/');
                path.push_str(&escape(k));
                match (b.get(k), a.get(k)) {
                    (Some(x), Some(y)) => walk(path, x, y, out),
                    (x, y) => out.push(FieldChange {
                        path: path.clone(),
                        before: x.cloned(),
                        after: y.cloned(),
                    }),
                }
                path.truncate(len);
            }
        }
        (Value::Array(b), Value::Array(a)) => {
            for i in 0..b.len().max(a.len()) {
                let len = path.len();
                path.push('/');
                path.push_str(&i.to_string());
                match (b.get(i), a.get(i)) {
                    (Some(x), Some(y)) => walk(path, x, y, out),
                    (x, y) => out.push(FieldChange {
                        path: path.clone(),
                        before: x.cloned(),
                        after: y.cloned(),
                    }),
                }
                path.truncate(len);
            }
        }
        (x, y) if !same_value(x, y) => out.push(FieldChange {
            path: if path.is_empty() { "/".into() } else { path.clone() },
            before: Some(x.clone()),
            after: Some(y.clone()),
        }),
        _ => {}
    }
}

/// Equality with numbers compared by value (`1` = `1.0`).
fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y || x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

/// A unified diff (3 lines of context) of two texts, with `---`/`+++` headers naming the
/// sides; empty when the texts are equal.
pub fn unified(before: &str, after: &str, before_name: &str, after_name: &str) -> String {
    if before == after {
        return String::new();
    }
    let diff = similar::TextDiff::from_lines(before, after);
    let mut text = diff
        .unified_diff()
        .context_radius(3)
        .header(before_name, after_name)
        .to_string();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

/// The YAML of an object as shown in a diff (normalised values are expected).
pub fn yaml(obj: &Value) -> String {
    if obj.is_null() {
        return String::new();
    }
    crate::yaml::to_string(obj)
}

/// The presentation of one object's change: normalised, masked values of both sides.
#[derive(Clone, Debug, PartialEq)]
pub struct Presented {
    /// The live object (normalised, masked), when it exists.
    pub before: Option<Value>,
    /// The object after the apply (normalised, masked), unless it is deleted.
    pub after: Option<Value>,
}

impl Presented {
    /// Normalises and masks a pair (either side may be absent).
    pub fn new(before: Option<&Value>, after: Option<&Value>) -> Presented {
        let mut before = before.map(normalize);
        let mut after = after.map(normalize);
        mask_secrets(before.as_mut(), after.as_mut());
        Presented { before, after }
    }

    /// The changed fields (empty when either side is absent).
    pub fn field_changes(&self) -> Vec<FieldChange> {
        match (&self.before, &self.after) {
            (Some(b), Some(a)) => field_changes(b, a),
            _ => Vec::new(),
        }
    }

    /// The unified diff of the two sides' YAML, the headers naming `object`.
    pub fn unified(&self, object: &str) -> String {
        let b = self.before.as_ref().map(yaml).unwrap_or_default();
        let a = self.after.as_ref().map(yaml).unwrap_or_default();
        unified(
            &b,
            &a,
            &format!("{object} (live)"),
            &format!("{object} (after apply)"),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn b64(s: &str) -> String {
        base64::engine::general_purpose::STANDARD.encode(s)
    }

    #[test]
    fn normalisation_drops_server_fields_and_sorts_keys() {
        let live = json!({
            "kind": "ConfigMap", "apiVersion": "v1",
            "metadata": {"name": "x", "namespace": "n", "uid": "u", "resourceVersion": "7", "generation": 2,
                "creationTimestamp": "2024-01-01T00:00:00Z", "managedFields": [{"manager": "m"}],
                "selfLink": "/api/v1/x", "labels": {"b": "1", "a": "2"}},
            "data": {"z": "1", "a": "2"},
            "status": {"phase": "x"}
        });
        let n = normalize(&live);
        assert_eq!(
            n,
            json!({"apiVersion": "v1", "data": {"a": "2", "z": "1"}, "kind": "ConfigMap",
                "metadata": {"labels": {"a": "2", "b": "1"}, "name": "x", "namespace": "n"}})
        );
        let keys: Vec<&String> = n.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["apiVersion", "data", "kind", "metadata"]);
        let keys: Vec<&String> = n["data"].as_object().unwrap().keys().collect();
        assert_eq!(keys, ["a", "z"]);
        // Sorted like the YAML emitter: digits runs compare as numbers.
        let n = normalize(&json!({"a10": 1, "a2": 2}));
        let keys: Vec<&String> = n.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["a2", "a10"]);
    }

    #[allow(clippy::needless_pass_by_value)]
    fn secret(data: Value, string_data: Option<Value>) -> Value {
        let mut s = json!({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s", "namespace": "n"}, "data": data});
        if let Some(sd) = string_data {
            s["stringData"] = sd;
        }
        s
    }

    #[test]
    fn secrets_are_masked_with_changes_visible() {
        let mut live = secret(
            json!({"same": b64("one"), "changed": b64("old-pass"), "removed": b64("gone")}),
            None,
        );
        live["metadata"]["annotations"] =
            json!({LAST_APPLIED: "{\"data\":{\"changed\":\"b2xkLXBhc3M=\"}}", "keep": "me"});
        let mut after = secret(
            json!({"same": b64("one"), "changed": b64("new-pass"), "added": b64("fresh")}),
            None,
        );
        mask_secrets(Some(&mut live), Some(&mut after));
        assert_eq!(
            live["data"],
            json!({"same": "***", "changed": "*** (before)", "removed": "***"})
        );
        assert_eq!(
            after["data"],
            json!({"same": "***", "changed": "*** (after)", "added": "***"})
        );
        assert_eq!(live["metadata"]["annotations"][LAST_APPLIED], "***");
        assert_eq!(live["metadata"]["annotations"]["keep"], "me");
        let all = format!("{live}{after}");
        for plain in [
            "one",
            "old-pass",
            "new-pass",
            "gone",
            "fresh",
            &b64("old-pass"),
            &b64("new-pass"),
        ] {
            assert!(!all.contains(plain), "{plain} leaked: {all}");
        }
    }

    #[test]
    fn string_data_compares_decoded_with_data() {
        let mut live = secret(json!({"a": b64("x"), "b": b64("y")}), None);
        let mut desired = secret(json!({}), Some(json!({"a": "x", "b": "z"})));
        mask_secrets(Some(&mut live), Some(&mut desired));
        assert_eq!(live["data"], json!({"a": "***", "b": "*** (before)"}));
        assert_eq!(desired["stringData"], json!({"a": "***", "b": "*** (after)"}));
        // stringData overrides data on the same side.
        let mut l = secret(json!({"k": b64("v")}), None);
        let mut d = secret(json!({"k": b64("other")}), Some(json!({"k": "v"})));
        mask_secrets(Some(&mut l), Some(&mut d));
        assert_eq!(l["data"]["k"], "***");
        assert_eq!(d["data"]["k"], "***");
    }

    #[test]
    fn one_sided_secrets_and_other_kinds() {
        let mut created = secret(json!({"token": b64("t0p")}), Some(json!({"pw": "hunter2"})));
        mask_secrets(None, Some(&mut created));
        assert_eq!(created["data"], json!({"token": "***"}));
        assert_eq!(created["stringData"], json!({"pw": "***"}));
        let mut deleted = secret(json!({"token": b64("t0p")}), None);
        mask_secrets(Some(&mut deleted), None);
        assert_eq!(deleted["data"], json!({"token": "***"}));
        let mut weird = secret(json!("not-a-map"), None);
        mask_secrets(Some(&mut weird), None);
        assert_eq!(weird["data"], "***");
        let mut cm = json!({"apiVersion": "v1", "kind": "ConfigMap", "data": {"a": "plain"}});
        mask_secrets(Some(&mut cm), None);
        assert_eq!(cm["data"]["a"], "plain");
        // Another group's "Secret" kind is not a core Secret.
        assert!(!is_secret(
            &json!({"apiVersion": "example.com/v1", "kind": "Secret"})
        ));
    }

    #[test]
    fn field_changes_by_pointer() {
        let before = json!({"metadata": {"labels": {"app.kubernetes.io/name": "a", "x": "1"}},
            "spec": {"replicas": 1, "ports": [{"port": 80}], "keep": 1.0}});
        let after = json!({"metadata": {"labels": {"app.kubernetes.io/name": "b"}},
            "spec": {"replicas": 2, "ports": [{"port": 80}, {"port": 443}], "keep": 1, "new": true}});
        let changes = field_changes(&before, &after);
        assert_eq!(
            changes,
            vec![
                FieldChange {
                    path: "/metadata/labels/app.kubernetes.io~1name".into(),
                    before: Some(json!("a")),
                    after: Some(json!("b"))
                },
                FieldChange {
                    path: "/metadata/labels/x".into(),
                    before: Some(json!("1")),
                    after: None
                },
                FieldChange {
                    path: "/spec/new".into(),
                    before: None,
                    after: Some(json!(true))
                },
                FieldChange {
                    path: "/spec/ports/1".into(),
                    before: None,
                    after: Some(json!({"port": 443}))
                },
                FieldChange {
                    path: "/spec/replicas".into(),
                    before: Some(json!(1)),
                    after: Some(json!(2))
                },
            ]
        );
        assert!(field_changes(&before, &before).is_empty());
        let json = serde_json::to_value(&changes[1]).unwrap();
        assert_eq!(json, json!({"path": "/metadata/labels/x", "before": "1"}));
    }

    #[test]
    fn unified_diff_of_yaml() {
        let p = Presented::new(
            Some(
                &json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "resourceVersion": "3"},
                "spec": {"replicas": 1}, "status": {"replicas": 1}}),
            ),
            Some(
                &json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "resourceVersion": "3"},
                "spec": {"replicas": 3}}),
            ),
        );
        let d = p.unified("Deployment/ns/web");
        assert_eq!(
            d,
            "--- Deployment/ns/web (live)\n+++ Deployment/ns/web (after apply)\n@@ -3,4 +3,4 @@\n metadata:\n   name: web\n spec:\n-  replicas: 1\n+  replicas: 3\n"
        );
        assert_eq!(
            p.field_changes(),
            vec![FieldChange {
                path: "/spec/replicas".into(),
                before: Some(json!(1)),
                after: Some(json!(3))
            }]
        );
        assert_eq!(unified("a\n", "a\n", "x", "y"), "");
    }

    #[test]
    fn presented_secrets_never_show_values() {
        let live = secret(json!({"password": b64("s3cr3t-old")}), None);
        let after = secret(json!({"password": b64("s3cr3t-new")}), None);
        let p = Presented::new(Some(&live), Some(&after));
        let d = p.unified("Secret/n/s");
        assert!(d.contains("-  password: '*** (before)'"), "{d}");
        assert!(d.contains("+  password: '*** (after)'"), "{d}");
        assert!(!d.contains("s3cr3t") && !d.contains(&b64("s3cr3t-old")), "{d}");
    }
}
