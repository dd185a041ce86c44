//! Strategic merge patches, as kustomize applies them (kyaml's merge walker).
//!
//! * Maps merge key by key; a `null` in the patch deletes the field.
//! * Lists of built-in kinds merge by the Kubernetes merge key when the field has the merge
//!   strategy (`containers` by `name`, container `ports` by `containerPort`, `volumeMounts` by
//!   `mountPath`, …): elements of the patch come first in patch order (merged with the
//!   matching element), then the target's other elements in their order. Lists of primitives
//!   with the merge strategy (`metadata.finalizers`) are unioned the same way. Every other
//!   list, and every list of a custom kind, is replaced.
//! * Directives: `$patch: delete` (on a map or a list element), `$patch: replace` (on a map,
//!   or as a list element `{$patch: replace}`), `$patch: merge`. Like kustomize v5, other
//!   directive keys (`$setElementOrder/…`, `$deleteFromPrimitiveList/…`, `$retainKeys`) are
//!   not interpreted and stay in the output as ordinary keys.

use serde_json::{Map, Value};

/// How a list field merges.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListStrategy {
    /// The patch's list replaces the target's.
    Replace,
    /// Elements are maps merged by this key.
    Key(&'static str),
    /// Elements are maps identified by several keys (Kubernetes' list-map keys): kustomize
    /// matches them by the tuple of those fields, keeps the target's elements in their
    /// order and puts the patch's new elements first.
    Keys(&'static [&'static str]),
    /// Elements identified by these keys, from a custom schema (one key merges as
    /// [`ListStrategy::Key`], several as [`ListStrategy::Keys`]).
    Dynamic(Vec<String>),
    /// A set of primitives.
    Primitive,
}

/// API group/versions of the Kubernetes schema kustomize bundles (Kubernetes 1.21), whose
/// kinds merge lists by their merge keys.
const BUILTIN_GROUP_VERSIONS: &[&str] = &[
    "admissionregistration.k8s.io/v1",
    "admissionregistration.k8s.io/v1beta1",
    "apiextensions.k8s.io/v1",
    "apiextensions.k8s.io/v1beta1",
    "apiregistration.k8s.io/v1",
    "apiregistration.k8s.io/v1beta1",
    "apps/v1",
    "autoscaling/v1",
    "autoscaling/v2beta1",
    "autoscaling/v2beta2",
    "batch/v1",
    "batch/v1beta1",
    "certificates.k8s.io/v1",
    "certificates.k8s.io/v1beta1",
    "coordination.k8s.io/v1",
    "coordination.k8s.io/v1beta1",
    "discovery.k8s.io/v1",
    "discovery.k8s.io/v1beta1",
    "events.k8s.io/v1",
    "events.k8s.io/v1beta1",
    "flowcontrol.apiserver.k8s.io/v1beta1",
    "networking.k8s.io/v1",
    "networking.k8s.io/v1beta1",
    "node.k8s.io/v1",
    "node.k8s.io/v1beta1",
    "policy/v1",
    "policy/v1beta1",
    "rbac.authorization.k8s.io/v1",
    "rbac.authorization.k8s.io/v1alpha1",
    "rbac.authorization.k8s.io/v1beta1",
    "scheduling.k8s.io/v1",
    "scheduling.k8s.io/v1alpha1",
    "scheduling.k8s.io/v1beta1",
    "storage.k8s.io/v1",
    "storage.k8s.io/v1alpha1",
    "storage.k8s.io/v1beta1",
    "v1",
];

/// Whether a kind has Kubernetes' built-in schema in kustomize (group/version known; of
/// `extensions/v1beta1` only Ingress was still served by Kubernetes 1.21).
pub fn is_builtin(api_version: &str, kind: &str) -> bool {
    if api_version == "extensions/v1beta1" {
        return kind == "Ingress";
    }
    BUILTIN_GROUP_VERSIONS.binary_search(&api_version).is_ok()
}

/// The merge strategy of the list at `path` (field names from the object root) in an
/// object of `kind`, `builtin` when the kind has Kubernetes' schema.
pub fn list_strategy(builtin: bool, kind: &str, path: &[String]) -> ListStrategy {
    if !builtin {
        return ListStrategy::Replace;
    }
    let Some(last) = path.last() else {
        return ListStrategy::Replace;
    };
    let in_container = || {
        path.iter().rev().nth(1).is_some_and(|p| {
            matches!(
                p.as_str(),
                "containers" | "initContainers" | "ephemeralContainers"
            )
        })
    };
    match last.as_str() {
        "containers"
        | "initContainers"
        | "ephemeralContainers"
        | "volumes"
        | "imagePullSecrets"
        | "resourceClaims"
        | "schedulingGates" => ListStrategy::Key("name"),
        "env" if in_container() => ListStrategy::Key("name"),
        "volumeMounts" if in_container() => ListStrategy::Key("mountPath"),
        "volumeDevices" if in_container() => ListStrategy::Key("devicePath"),
        "ports" if in_container() => ListStrategy::Keys(&["containerPort", "protocol"]),
        "ports" if kind == "Service" && path.len() == 2 && path[0] == "spec" => {
            ListStrategy::Keys(&["port", "protocol"])
        }
        "hostAliases" => ListStrategy::Key("ip"),
        "topologySpreadConstraints" => ListStrategy::Keys(&["topologyKey", "whenUnsatisfiable"]),
        "ownerReferences" => ListStrategy::Key("uid"),
        "conditions" if path.first().is_some_and(|p| p == "status") => ListStrategy::Key("type"),
        "finalizers" if path.len() >= 2 && path[path.len() - 2] == "metadata" => ListStrategy::Primitive,
        "secrets" if kind == "ServiceAccount" && path.len() == 1 => ListStrategy::Key("name"),
        "webhooks"
            if path.len() == 1
                && matches!(
                    kind,
                    "MutatingWebhookConfiguration" | "ValidatingWebhookConfiguration"
                ) =>
        {
            ListStrategy::Key("name")
        }
        "podCIDRs" if kind == "Node" => ListStrategy::Primitive,
        "addresses" if kind == "Node" && path.first().is_some_and(|p| p == "status") => {
            ListStrategy::Key("type")
        }
        _ => ListStrategy::Replace,
    }
}

/// Context of one merge: the target's kind and whether it has the built-in schema.
pub struct MergeCtx<'a> {
    /// Kind of the target object.
    pub kind: &'a str,
    /// Whether the kind has Kubernetes' schema.
    pub builtin: bool,
    /// A custom schema in place of the built-in one, with the target's group and version.
    pub schema: Option<(&'a super::openapi::Schema, &'a str, &'a str)>,
}

impl MergeCtx<'_> {
    fn strategy(&self, at: &[String]) -> ListStrategy {
        match self.schema {
            Some((s, g, v)) => s.strategy(g, v, self.kind, self.builtin, at),
            None => list_strategy(self.builtin, self.kind, at),
        }
    }
}

const DIRECTIVE: &str = "$patch";

fn directive(v: &Value) -> Option<&str> {
    v.as_object()?.get(DIRECTIVE)?.as_str()
}

/// Merges `patch` into `target`. Returns `false` when the patch deletes the whole target
/// (`$patch: delete` at the top).
pub fn merge_object(target: &mut Value, patch: &Value, ctx: &MergeCtx<'_>) -> bool {
    let mut at = Vec::new();
    let keep = merge_value(target, patch, ctx, &mut at);
    if keep {
        collapse_duplicates(target, ctx, &mut at);
    }
    keep
}

/// kustomize walks the whole object when it merges a patch, and a list merged by key that
/// holds one key twice (a JSON patch appended an `env` entry that was already there) comes
/// out with the key once: where it first appeared, with the content of its last
/// occurrence. That applies to every such list of the object, whatever the patch touched.
fn collapse_duplicates(v: &mut Value, ctx: &MergeCtx<'_>, at: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, child) in m.iter_mut() {
                at.push(k.clone());
                collapse_duplicates(child, ctx, at);
                at.pop();
            }
        }
        Value::Array(items) => {
            let keys: Vec<String> = match ctx.strategy(at) {
                ListStrategy::Key(k) => vec![k.to_string()],
                ListStrategy::Keys(ks) => ks.iter().map(|k| (*k).to_string()).collect(),
                ListStrategy::Dynamic(ks) => ks,
                ListStrategy::Replace | ListStrategy::Primitive => Vec::new(),
            };
            if !keys.is_empty() {
                let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
                let key_of = |e: &Value| {
                    let t = key_tuple(e, &keys);
                    (e.is_object() && t.iter().any(|s| !s.is_empty())).then_some(t)
                };
                let mut out: Vec<Value> = Vec::with_capacity(items.len());
                let mut slots: Vec<(Vec<String>, usize)> = Vec::new();
                for e in items.drain(..) {
                    match key_of(&e) {
                        Some(t) => {
                            if let Some(&(_, i)) = slots.iter().find(|(k, _)| *k == t) {
                                out[i] = e;
                            } else {
                                slots.push((t, out.len()));
                                out.push(e);
                            }
                        }
                        None => out.push(e),
                    }
                }
                *items = out;
            }
            for item in items.iter_mut() {
                collapse_duplicates(item, ctx, at);
            }
        }
        _ => {}
    }
}

/// The last element of `existing` with the key `k`, when the key appears more than once: a
/// duplicated key keeps the content of its last occurrence, not the patch's (kustomize).
fn last_duplicate(existing: &[Value], same: impl Fn(&Value) -> bool) -> Option<&Value> {
    let mut matching = existing.iter().filter(|e| same(e));
    let _first = matching.next()?;
    matching.last()
}

/// Merges at `path`; returns `false` when the value must be removed.
fn merge_value(target: &mut Value, patch: &Value, ctx: &MergeCtx<'_>, at: &mut Vec<String>) -> bool {
    match patch {
        Value::Object(pm) => {
            match directive(patch) {
                Some("delete") => return false,
                Some("replace") => {
                    *target = clean(patch);
                    return true;
                }
                _ => {}
            }
            if !target.is_object() {
                *target = Value::Object(Map::new());
            }
            let tm = target.as_object_mut().expect("object");
            for (k, pv) in pm {
                if k == DIRECTIVE {
                    continue;
                }
                if pv.is_null() {
                    tm.remove(k);
                    continue;
                }
                at.push(k.clone());
                let keep = match tm.get_mut(k) {
                    Some(tv) if !tv.is_null() => merge_value(tv, pv, ctx, at),
                    _ => {
                        let mut fresh = Value::Null;
                        let keep = merge_value(&mut fresh, pv, ctx, at);
                        if keep {
                            tm.insert(k.clone(), fresh);
                        }
                        keep
                    }
                };
                at.pop();
                if !keep {
                    tm.remove(k);
                }
            }
            true
        }
        Value::Array(items) => {
            let strategy = ctx.strategy(at);
            let empty = Vec::new();
            let existing = target.as_array().unwrap_or(&empty);
            let merged = match strategy {
                ListStrategy::Replace => items
                    .iter()
                    .filter(|i| directive(i) != Some("delete"))
                    .map(clean)
                    .collect(),
                ListStrategy::Primitive => {
                    let mut out: Vec<Value> = Vec::with_capacity(items.len() + existing.len());
                    for v in items.iter().chain(existing.iter()) {
                        if !out.contains(v) {
                            out.push(v.clone());
                        }
                    }
                    out
                }
                ListStrategy::Key(key) => merge_keyed(existing, items, key, ctx, at),
                ListStrategy::Keys(keys) => merge_multi_keyed(existing, items, keys, ctx, at),
                ListStrategy::Dynamic(keys) if keys.len() == 1 => {
                    merge_keyed(existing, items, &keys[0], ctx, at)
                }
                ListStrategy::Dynamic(keys) => {
                    let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
                    merge_multi_keyed(existing, items, &keys, ctx, at)
                }
            };
            *target = Value::Array(merged);
            true
        }
        other => {
            *target = other.clone();
            true
        }
    }
}

fn merge_keyed(
    existing: &[Value],
    items: &[Value],
    key: &str,
    ctx: &MergeCtx<'_>,
    at: &mut Vec<String>,
) -> Vec<Value> {
    if items.iter().any(|i| directive(i) == Some("replace")) {
        return items
            .iter()
            .filter(|i| directive(i) != Some("replace"))
            .map(clean)
            .collect();
    }
    let key_of = |v: &Value| v.as_object().and_then(|m| m.get(key)).cloned();
    let mut out: Vec<Value> = Vec::with_capacity(items.len() + existing.len());
    let mut used: Vec<Value> = Vec::new();
    for p in items {
        let k = key_of(p);
        if directive(p) == Some("delete") {
            if let Some(k) = k {
                used.push(k);
            }
            continue;
        }
        match k {
            Some(k) => {
                if let Some(last) = last_duplicate(existing, |e| key_of(e).as_ref() == Some(&k)) {
                    out.push(last.clone());
                    used.push(k);
                    continue;
                }
                let mut base = existing
                    .iter()
                    .find(|e| key_of(e).as_ref() == Some(&k))
                    .cloned()
                    .unwrap_or(Value::Null);
                if merge_value(&mut base, p, ctx, at) {
                    out.push(base);
                }
                used.push(k);
            }
            None => out.push(clean(p)),
        }
    }
    for e in existing {
        match key_of(e) {
            Some(k) if used.contains(&k) => {}
            _ => out.push(e.clone()),
        }
    }
    out
}

/// The tuple of key values of a list element (a missing or non-scalar key is `""`).
fn key_tuple(v: &Value, keys: &[&str]) -> Vec<String> {
    keys.iter()
        .map(|k| match v.get(*k) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            Some(Value::Bool(b)) => b.to_string(),
            _ => String::new(),
        })
        .collect()
}

/// Two tuples match when they share at least one equal value and never differ where both
/// are set; the match is their union.
fn tuples_match(a: &[String], b: &[String]) -> Option<Vec<String>> {
    let mut common = false;
    let mut out = Vec::with_capacity(a.len());
    for (x, y) in a.iter().zip(b) {
        if x == y {
            common = true;
            out.push(x.clone());
        } else if !x.is_empty() && !y.is_empty() {
            return None;
        } else if x.is_empty() {
            out.push(y.clone());
        } else {
            out.push(x.clone());
        }
    }
    common.then_some(out)
}

/// Merges a list whose elements are identified by several keys, as kustomize's merge walker
/// does: the key tuples of the patch and then of the target are gathered, tuples that agree
/// are unified, each tuple's elements (matched on the keys that are set somewhere in the
/// list) are merged, and the result lists the new elements first and then every target
/// element in the target's order. A patch element whose tuple was unified with a target
/// element's is matched by neither and dropped, as kustomize drops it.
fn merge_multi_keyed(
    existing: &[Value],
    items: &[Value],
    keys: &[&str],
    ctx: &MergeCtx<'_>,
    at: &mut Vec<String>,
) -> Vec<Value> {
    if items.iter().any(|i| directive(i) == Some("replace")) {
        return items
            .iter()
            .filter(|i| directive(i) != Some("replace"))
            .map(clean)
            .collect();
    }
    let mut tuples: Vec<Vec<String>> = Vec::new();
    for e in items.iter().chain(existing) {
        let t = key_tuple(e, keys);
        if t.iter().all(String::is_empty) || tuples.contains(&t) {
            continue;
        }
        tuples.push(t);
    }
    for i in 0..tuples.len() {
        for j in 0..tuples.len() {
            if let Some(m) = tuples_match(&tuples[i], &tuples[j]) {
                tuples[i].clone_from(&m);
                tuples[j] = m;
            }
        }
    }
    let valid: Vec<bool> = (0..keys.len())
        .map(|k| tuples.iter().any(|t| !t[k].is_empty()))
        .collect();
    let any_valid = valid.iter().any(|v| *v);
    let matches = |e: &Value, t: &[String]| {
        let et = key_tuple(e, keys);
        (0..keys.len()).all(|k| (any_valid && !valid[k]) || et[k] == t[k])
    };
    let mut merged: Vec<(Vec<String>, Option<Value>)> = Vec::new();
    for t in &tuples {
        if merged.iter().any(|(m, _)| m == t) {
            continue;
        }
        let base = existing.iter().find(|e| matches(e, t));
        let patch = items.iter().find(|p| matches(p, t));
        let value = match (base, patch) {
            (_, Some(p)) if directive(p) == Some("delete") => None,
            (Some(_), _) if last_duplicate(existing, |e| matches(e, t)).is_some() => {
                last_duplicate(existing, |e| matches(e, t)).cloned()
            }
            (Some(b), Some(p)) => {
                let mut b = b.clone();
                merge_value(&mut b, p, ctx, at).then_some(b)
            }
            (Some(b), None) => Some(b.clone()),
            (None, Some(p)) => Some(clean(p)),
            (None, None) => continue,
        };
        merged.push((t.clone(), value));
    }
    let in_target = |t: &[String]| existing.iter().any(|e| matches(e, t));
    let mut out: Vec<Value> = merged
        .iter()
        .filter(|(t, _)| !in_target(t))
        .filter_map(|(_, v)| v.clone())
        .collect();
    for e in existing {
        let et = key_tuple(e, keys);
        match merged.iter().find(|(t, _)| matches(e, t) || *t == et) {
            Some((_, Some(v))) => out.push(v.clone()),
            Some((_, None)) => {}
            None => out.push(e.clone()),
        }
    }
    out
}

/// Removes the null fields of a patched object as kustomize's merge walker does: those
/// written with no text (`key:`, at the key paths in `empty`), in every map and in the
/// elements of lists merged by key (other lists are left as they are).
pub fn drop_null_fields(v: &mut Value, ctx: &MergeCtx<'_>, empty: &[Vec<String>]) {
    if empty.is_empty() {
        return;
    }
    drop_nulls_at(v, ctx, &mut Vec::new(), empty);
}

fn drop_nulls_at(v: &mut Value, ctx: &MergeCtx<'_>, at: &mut Vec<String>, empty: &[Vec<String>]) {
    match v {
        Value::Object(m) => {
            m.retain(|k, x| {
                !x.is_null()
                    || !empty
                        .iter()
                        .any(|p| p.len() == at.len() + 1 && p[..at.len()] == at[..] && p[at.len()] == *k)
            });
            for (k, x) in m.iter_mut() {
                at.push(k.clone());
                drop_nulls_at(x, ctx, at, empty);
                at.pop();
            }
        }
        Value::Array(items) => {
            if matches!(
                ctx.strategy(at),
                ListStrategy::Key(_) | ListStrategy::Keys(_) | ListStrategy::Dynamic(_)
            ) {
                for i in items {
                    drop_nulls_at(i, ctx, at, empty);
                }
            }
        }
        _ => {}
    }
}

/// A patch value without `$patch` directives, as it is inserted where the target had
/// nothing.
fn clean(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(k, _)| k.as_str() != DIRECTIVE)
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), clean(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(
            items
                .iter()
                .filter(|i| directive(i) != Some("delete"))
                .map(clean)
                .collect(),
        ),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn apply(target: Value, patch: &Value) -> Value {
        let mut t = target;
        let ctx = MergeCtx {
            kind: "Deployment",
            builtin: true,
            schema: None,
        };
        assert!(merge_object(&mut t, patch, &ctx));
        t
    }

    #[test]
    fn containers_merge_by_name_patch_order_first() {
        let t = json!({"spec": {"template": {"spec": {"containers": [{"name": "c1"}, {"name": "c2"}, {"name": "c3"}]}}}});
        let p = json!({"spec": {"template": {"spec": {"containers": [{"name": "n1"}, {"name": "c2", "image": "x"}]}}}});
        let out = apply(t, &p);
        let names: Vec<&str> = out["spec"]["template"]["spec"]["containers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["n1", "c2", "c1", "c3"]);
        assert_eq!(out["spec"]["template"]["spec"]["containers"][1]["image"], "x");
    }

    #[test]
    fn directives_and_nulls() {
        let t = json!({"metadata": {"finalizers": ["a", "b"]}, "spec": {"strategy": {"type": "Recreate"},
            "template": {"spec": {"volumes": [{"name": "v1"}, {"name": "v2"}], "initContainers": [{"name": "i"}]}}}});
        let p = json!({"metadata": {"finalizers": ["c", "a"]}, "spec": {"strategy": null,
            "template": {"spec": {"volumes": [{"name": "v1", "$patch": "delete"}],
                                   "initContainers": [{"$patch": "replace"}, {"name": "only"}]}}}});
        let out = apply(t, &p);
        assert_eq!(out["metadata"]["finalizers"], json!(["c", "a", "b"]));
        assert!(out["spec"].get("strategy").is_none());
        assert_eq!(
            out["spec"]["template"]["spec"]["volumes"],
            json!([{"name": "v2"}])
        );
        assert_eq!(
            out["spec"]["template"]["spec"]["initContainers"],
            json!([{"name": "only"}])
        );
        let mut whole = json!({"a": 1});
        let ctx = MergeCtx {
            kind: "X",
            builtin: false,
            schema: None,
        };
        assert!(!merge_object(&mut whole, &json!({"$patch": "delete"}), &ctx));
    }

    #[test]
    fn custom_kinds_replace_lists() {
        let mut t = json!({"spec": {"items": [{"name": "a"}, {"name": "b"}]}});
        let ctx = MergeCtx {
            kind: "Thing",
            builtin: false,
            schema: None,
        };
        merge_object(&mut t, &json!({"spec": {"items": [{"name": "b", "v": 2}]}}), &ctx);
        assert_eq!(t, json!({"spec": {"items": [{"name": "b", "v": 2}]}}));
    }
}
