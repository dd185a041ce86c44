//! The cheap "is this object unchanged?" test that lets an apply skip the server-side dry-run
//! of objects that already match: it compares the desired manifest with the live object and
//! with the field set our field manager owns in the live object's `metadata.managedFields`.
//!
//! An object is unchanged when
//! * our manager has exactly one `Apply` entry, recorded in the desired API version, and no
//!   other entry of ours;
//! * that entry owns exactly the fields the desired manifest sets — every desired field is
//!   owned (a field another manager changed has moved to that manager, so drift is seen
//!   here) and nothing else is owned (a field dropped from the manifest would be removed by
//!   the apply);
//! * every desired value equals the live one. Numbers compare by value and strings that are
//!   both Kubernetes quantities compare by amount (`1000m` = `1`), which is what the server's
//!   normalisation does.
//!
//! Fields the server defaults (a Service's `clusterIP`, a Deployment's `strategy`) are not in
//! the desired manifest and not owned by anyone's apply, so they do not matter. Whenever the
//! test cannot be sure — an atomic value with extra live content, list items in another
//! order, a `null`, an unknown field-set notation — it answers "not sure", and the caller
//! falls back to the dry-run comparison for that object only. It never answers "unchanged"
//! for an object an apply would change.

use serde_json::{Map, Value};

/// Whether applying `desired` with `field_manager` would leave `live` as it is. `false`
/// means "changed or not sure".
pub fn unchanged(desired: &Value, live: &Value, field_manager: &str) -> bool {
    let Some(owned) = owned_fields(desired, live, field_manager) else {
        return false;
    };
    let Some(desired) = desired.as_object() else {
        return false;
    };
    root_covered(owned, desired, live)
}

/// Our manager's field set, when it is the only entry of ours and matches the version.
fn owned_fields<'a>(desired: &Value, live: &'a Value, field_manager: &str) -> Option<&'a Map<String, Value>> {
    let entries = live["metadata"]["managedFields"].as_array()?;
    let mut ours = entries.iter().filter(|e| e["manager"] == field_manager);
    let entry = ours.next()?;
    if ours.next().is_some()
        || entry["operation"] != "Apply"
        || entry["apiVersion"] != desired["apiVersion"]
        || entry["subresource"].as_str().is_some_and(|s| !s.is_empty())
    {
        return None;
    }
    entry["fieldsV1"].as_object()
}

/// The whole object: `apiVersion`, `kind`, `metadata.name` and `metadata.namespace` are the
/// identity, which the server never records as owned.
fn root_covered(f: &Map<String, Value>, d: &Map<String, Value>, l: &Value) -> bool {
    let empty = Map::new();
    for (k, dv) in d {
        let ok = match k.as_str() {
            "apiVersion" | "kind" => true,
            "metadata" => {
                let owned = f.get("f:metadata").and_then(Value::as_object).unwrap_or(&empty);
                dv.as_object()
                    .is_some_and(|dm| map_covered(owned, dm, &l["metadata"], &["name", "namespace"]))
            }
            _ => f
                .get(&format!("f:{k}"))
                .zip(l.get(k))
                .is_some_and(|(fv, lv)| value_covered(fv, dv, lv)),
        };
        if !ok {
            return false;
        }
    }
    f.keys()
        .all(|key| key == "." || key.strip_prefix("f:").is_some_and(|name| d.contains_key(name)))
}

/// Desired map `d` against owned field set `f` and live value `l`; `skip` keys of `d` are
/// not compared (and may not be owned).
fn map_covered(f: &Map<String, Value>, d: &Map<String, Value>, l: &Value, skip: &[&str]) -> bool {
    let Some(l) = l.as_object() else {
        return false;
    };
    for (k, dv) in d {
        if skip.contains(&k.as_str()) {
            continue;
        }
        let covered = f
            .get(&format!("f:{k}"))
            .zip(l.get(k))
            .is_some_and(|(fv, lv)| value_covered(fv, dv, lv));
        if !covered {
            return false;
        }
    }
    // Everything owned must still be desired, or the apply would remove it.
    f.keys().all(|key| {
        key == "."
            || key
                .strip_prefix("f:")
                .is_some_and(|name| d.contains_key(name) && !skip.contains(&name))
    })
}

fn value_covered(f: &Value, d: &Value, l: &Value) -> bool {
    let Some(f) = f.as_object() else {
        return false;
    };
    let granular = f.keys().any(|k| k != ".");
    match d {
        Value::Null => false,
        Value::Object(dm) if granular => map_covered(f, dm, l, &[]),
        Value::Array(da) if granular => list_covered(f, da, l),
        // An atomic value (or a leaf): applied as a whole, so it must equal the live one.
        _ => !granular && equal(d, l),
    }
}

/// A list with keyed (`k:{…}`) or set (`v:…`) items.
fn list_covered(f: &Map<String, Value>, d: &[Value], l: &Value) -> bool {
    let Some(l) = l.as_array() else {
        return false;
    };
    let mut keyed: Vec<(Map<String, Value>, &Value)> = Vec::new();
    let mut set: Vec<Value> = Vec::new();
    for (k, v) in f {
        if k == "." {
            continue;
        }
        if let Some(key) = k.strip_prefix("k:") {
            match serde_json::from_str::<Value>(key) {
                Ok(Value::Object(m)) => keyed.push((m, v)),
                _ => return false,
            }
        } else if let Some(item) = k.strip_prefix("v:") {
            match serde_json::from_str::<Value>(item) {
                Ok(v) => set.push(v),
                Err(_) => return false,
            }
        } else {
            // Positional (`i:`) or field (`f:`) entries in a list: not sure.
            return false;
        }
    }
    if keyed.len() + set.len() != d.len() || (!keyed.is_empty() && !set.is_empty()) {
        return false;
    }
    let mut used = vec![false; keyed.len().max(set.len())];
    let mut last_live: Option<usize> = None;
    for item in d {
        let (index, live_index) = if keyed.is_empty() {
            let Some(i) = set.iter().position(|v| v == item) else {
                return false;
            };
            let Some(j) = l.iter().position(|v| v == item) else {
                return false;
            };
            (i, j)
        } else {
            let Some(i) = keyed.iter().position(|(key, _)| key_matches(key, item)) else {
                return false;
            };
            let Some(j) = l.iter().position(|v| key_matches(&keyed[i].0, v)) else {
                return false;
            };
            if !value_covered(keyed[i].1, item, &l[j]) {
                return false;
            }
            (i, j)
        };
        if std::mem::replace(&mut used[index], true) {
            return false;
        }
        // Desired items must keep their relative order in the live list.
        if last_live.is_some_and(|p| live_index <= p) {
            return false;
        }
        last_live = Some(live_index);
    }
    true
}

fn key_matches(key: &Map<String, Value>, item: &Value) -> bool {
    key.iter().all(|(k, v)| item.get(k) == Some(v))
}

/// Deep equality with number and quantity normalisation; no extra live content allowed.
fn equal(d: &Value, l: &Value) -> bool {
    match (d, l) {
        (Value::Object(dm), Value::Object(lm)) => {
            dm.len() == lm.len() && dm.iter().all(|(k, v)| lm.get(k).is_some_and(|lv| equal(v, lv)))
        }
        (Value::Array(da), Value::Array(la)) => {
            da.len() == la.len() && da.iter().zip(la).all(|(a, b)| equal(a, b))
        }
        (Value::Number(a), Value::Number(b)) => numbers_equal(a, b),
        (Value::String(a), Value::String(b)) => {
            a == b || matches!((quantity(a), quantity(b)), (Some(x), Some(y)) if x == y)
        }
        (Value::Null, _) => false,
        _ => d == l,
    }
}

fn numbers_equal(a: &serde_json::Number, b: &serde_json::Number) -> bool {
    if let (Some(x), Some(y)) = (a.as_i64(), b.as_i64()) {
        return x == y;
    }
    if let (Some(x), Some(y)) = (a.as_u64(), b.as_u64()) {
        return x == y;
    }
    #[allow(clippy::float_cmp)]
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

/// The amount of a Kubernetes quantity (`500m`, `1.5Gi`, `2e3`) in units of 10⁻⁹, or `None`
/// when the text is not a quantity or its amount is not a whole number of those units.
pub fn quantity(text: &str) -> Option<i128> {
    let (sign, rest) = match text.as_bytes().first()? {
        b'-' => (-1, &text[1..]),
        b'+' => (1, &text[1..]),
        _ => (1, text),
    };
    let number_len = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(rest.len());
    let (number, suffix) = rest.split_at(number_len);
    let (int, frac) = number.split_once('.').unwrap_or((number, ""));
    if int.is_empty() && frac.is_empty() || frac.contains('.') {
        return None;
    }
    let mut mantissa: i128 = 0;
    for c in int.chars().chain(frac.chars()) {
        mantissa = mantissa
            .checked_mul(10)?
            .checked_add(i128::from(c.to_digit(10)?))?;
    }
    let frac_digits = i32::try_from(frac.len()).ok()?;
    let (pow10, pow2): (i32, u32) = match suffix {
        "Ki" => (0, 10),
        "Mi" => (0, 20),
        "Gi" => (0, 30),
        "Ti" => (0, 40),
        "Pi" => (0, 50),
        "Ei" => (0, 60),
        "n" => (-9, 0),
        "u" => (-6, 0),
        "m" => (-3, 0),
        "" => (0, 0),
        "k" => (3, 0),
        "M" => (6, 0),
        "G" => (9, 0),
        "T" => (12, 0),
        "P" => (15, 0),
        "E" => (18, 0),
        s => {
            let exp = s.strip_prefix(['e', 'E'])?;
            if exp.is_empty() {
                return None;
            }
            (exp.parse::<i32>().ok().filter(|e| e.abs() <= 30)?, 0)
        }
    };
    let exponent = pow10 + 9 - frac_digits;
    let mut value = mantissa.checked_mul(1i128.checked_shl(pow2)?)?;
    if exponent >= 0 {
        value = value.checked_mul(10i128.checked_pow(u32::try_from(exponent).ok()?)?)?;
    } else {
        let div = 10i128.checked_pow(u32::try_from(-exponent).ok()?)?;
        if value % div != 0 {
            return None;
        }
        value /= div;
    }
    Some(sign * value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const M: &str = "kustomize-controller";

    /// A Deployment as applied, with the live object the 1.20 server returned for it
    /// (defaults and managed fields included).
    fn deployment() -> (Value, Value) {
        let desired = json!({
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"name": "web", "namespace": "exp", "labels": {"app": "web"}},
            "spec": {
                "replicas": 2,
                "selector": {"matchLabels": {"app": "web"}},
                "template": {
                    "metadata": {"labels": {"app": "web"}},
                    "spec": {"containers": [{
                        "name": "main", "image": "nginx:1.25.0",
                        "ports": [{"containerPort": 80, "protocol": "TCP"}],
                        "resources": {"limits": {"cpu": "1000m"}},
                        "env": [{"name": "MODE", "value": "base"}]
                    }]}
                }
            }
        });
        let live = json!({
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {
                "name": "web", "namespace": "exp", "labels": {"app": "web"}, "generation": 1,
                "resourceVersion": "100", "uid": "u",
                "managedFields": [{
                    "apiVersion": "apps/v1", "fieldsType": "FieldsV1", "manager": M, "operation": "Apply",
                    "fieldsV1": {"f:metadata": {"f:labels": {"f:app": {}}}, "f:spec": {
                        "f:replicas": {}, "f:selector": {},
                        "f:template": {"f:metadata": {"f:labels": {"f:app": {}}}, "f:spec": {"f:containers": {
                            "k:{\"name\":\"main\"}": {".": {},
                                "f:env": {"k:{\"name\":\"MODE\"}": {".": {}, "f:name": {}, "f:value": {}}},
                                "f:image": {}, "f:name": {},
                                "f:ports": {"k:{\"containerPort\":80,\"protocol\":\"TCP\"}": {".": {}, "f:containerPort": {}, "f:protocol": {}}},
                                "f:resources": {"f:limits": {"f:cpu": {}}}
                            }
                        }}}
                    }}
                }]
            },
            "spec": {
                "progressDeadlineSeconds": 600, "replicas": 2, "revisionHistoryLimit": 10,
                "selector": {"matchLabels": {"app": "web"}},
                "strategy": {"rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}, "type": "RollingUpdate"},
                "template": {
                    "metadata": {"creationTimestamp": null, "labels": {"app": "web"}},
                    "spec": {
                        "containers": [{
                            "env": [{"name": "MODE", "value": "base"}],
                            "image": "nginx:1.25.0", "imagePullPolicy": "IfNotPresent", "name": "main",
                            "ports": [{"containerPort": 80, "protocol": "TCP"}],
                            "resources": {"limits": {"cpu": "1"}},
                            "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File"
                        }],
                        "dnsPolicy": "ClusterFirst", "restartPolicy": "Always", "schedulerName": "default-scheduler",
                        "securityContext": {}, "terminationGracePeriodSeconds": 30
                    }
                }
            },
            "status": {"observedGeneration": 1}
        });
        (desired, live)
    }

    #[test]
    fn defaults_and_normalised_quantities_are_unchanged() {
        let (d, l) = deployment();
        assert!(unchanged(&d, &l, M));
    }

    #[test]
    fn changes_and_drift_are_seen() {
        let (d, l) = deployment();
        // A desired value changed.
        let mut d2 = d.clone();
        d2["spec"]["replicas"] = json!(3);
        assert!(!unchanged(&d2, &l, M));
        // A desired field added (not owned yet).
        let mut d2 = d.clone();
        d2["spec"]["minReadySeconds"] = json!(5);
        assert!(!unchanged(&d2, &l, M));
        // A field removed from the manifest (still owned: the apply would remove it).
        let mut d2 = d.clone();
        d2["spec"]["template"]["spec"]["containers"][0]
            .as_object_mut()
            .unwrap()
            .remove("env");
        assert!(!unchanged(&d2, &l, M));
        // Another manager took replicas over (kubectl edit): we no longer own it.
        let mut l2 = l.clone();
        l2["spec"]["replicas"] = json!(5);
        l2["metadata"]["managedFields"][0]["fieldsV1"]["f:spec"]
            .as_object_mut()
            .unwrap()
            .remove("f:replicas");
        assert!(!unchanged(&d, &l2, M));
        // Same value but ownership lost: still not sure, so dry-run.
        let mut l3 = l2.clone();
        l3["spec"]["replicas"] = json!(2);
        assert!(!unchanged(&d, &l3, M));
        // Another manager's entry or a different manager name.
        assert!(!unchanged(&d, &l, "flux"));
        let mut l4 = l.clone();
        l4["metadata"]["managedFields"][0]["apiVersion"] = json!("apps/v1beta2");
        assert!(!unchanged(&d, &l4, M));
        // An env var changed value.
        let mut d5 = d.clone();
        d5["spec"]["template"]["spec"]["containers"][0]["env"][0]["value"] = json!("prod");
        assert!(!unchanged(&d5, &l, M));
        // A list item added.
        let mut d6 = d.clone();
        d6["spec"]["template"]["spec"]["containers"][0]["env"]
            .as_array_mut()
            .unwrap()
            .push(json!({"name": "X", "value": "1"}));
        assert!(!unchanged(&d6, &l, M));
        // The atomic selector changed.
        let mut d7 = d;
        d7["spec"]["selector"]["matchLabels"]["tier"] = json!("web");
        assert!(!unchanged(&d7, &l, M));
    }

    #[test]
    fn foreign_list_items_and_fields_do_not_count() {
        let (d, mut l) = deployment();
        // A sidecar env var and an annotation added by others.
        l["spec"]["template"]["spec"]["containers"][0]["env"]
            .as_array_mut()
            .unwrap()
            .push(json!({"name": "INJECTED", "value": "1"}));
        l["metadata"]["annotations"] = json!({"deployment.kubernetes.io/revision": "1"});
        assert!(unchanged(&d, &l, M));
    }

    #[test]
    fn services_with_granular_selectors_and_set_lists() {
        let d = json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s", "namespace": "n",
            "finalizers": ["a/b"]},
            "spec": {"selector": {"app": "web"}, "ports": [{"port": 80, "targetPort": 80, "protocol": "TCP"}]}});
        let l = json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s", "namespace": "n",
            "finalizers": ["a/b"],
            "managedFields": [{"apiVersion": "v1", "manager": M, "operation": "Apply", "fieldsV1": {
                "f:metadata": {"f:finalizers": {"v:\"a/b\"": {}}},
                "f:spec": {"f:ports": {"k:{\"port\":80,\"protocol\":\"TCP\"}": {".": {}, "f:port": {}, "f:protocol": {}, "f:targetPort": {}}},
                "f:selector": {"f:app": {}}}}}]},
            "spec": {"clusterIP": "10.96.0.10", "ports": [{"port": 80, "protocol": "TCP", "targetPort": 80}],
                "selector": {"app": "web"}, "sessionAffinity": "None", "type": "ClusterIP"}});
        assert!(unchanged(&d, &l, M));
        // A port without its (defaulted) key field cannot be matched: not sure.
        let mut d2 = d.clone();
        d2["spec"]["ports"][0].as_object_mut().unwrap().remove("protocol");
        assert!(!unchanged(&d2, &l, M));
        // targetPort as a string is another value (int-or-string keeps its type).
        let mut d3 = d.clone();
        d3["spec"]["ports"][0]["targetPort"] = json!("80");
        assert!(!unchanged(&d3, &l, M));
        // A null is never sure.
        let mut d4 = d;
        d4["spec"]["type"] = Value::Null;
        assert!(!unchanged(&d4, &l, M));
    }

    #[test]
    fn list_order_matters() {
        let d = json!({"apiVersion": "v1", "kind": "X", "metadata": {"name": "a"},
            "spec": {"items": [{"name": "b"}, {"name": "a"}]}});
        let f = json!({"f:spec": {"f:items": {"k:{\"name\":\"a\"}": {".": {}, "f:name": {}}, "k:{\"name\":\"b\"}": {".": {}, "f:name": {}}}}});
        let mk = |items: Value| {
            json!({"apiVersion": "v1", "kind": "X", "metadata": {"name": "a", "managedFields": [
                {"apiVersion": "v1", "manager": M, "operation": "Apply", "fieldsV1": f}]}, "spec": {"items": items}})
        };
        assert!(unchanged(&d, &mk(json!([{"name": "b"}, {"name": "a"}])), M));
        assert!(!unchanged(&d, &mk(json!([{"name": "a"}, {"name": "b"}])), M));
    }

    #[test]
    fn quantities() {
        let q = |s| quantity(s);
        assert_eq!(q("1000m"), q("1"));
        assert_eq!(q("1.5"), q("1500m"));
        assert_eq!(q("1Ki"), q("1024"));
        assert_eq!(q("0.5Gi"), q("512Mi"));
        assert_eq!(q("1e3"), q("1k"));
        assert_eq!(q("1E"), Some(1_000_000_000_000_000_000_000_000_000));
        assert_eq!(q("-2"), Some(-2_000_000_000));
        assert_eq!(q("100n"), Some(100));
        assert_eq!(q("1n"), Some(1));
        for bad in ["", "abc", "1.2.3", "1x", "e3", "1e", "Mi", "0.0000000001", "."] {
            assert_eq!(q(bad), None, "{bad}");
        }
        assert!(equal(&json!("1000m"), &json!("1")));
        assert!(!equal(&json!("1000m"), &json!("2")));
        assert!(equal(&json!(1.0), &json!(1)));
        assert!(!equal(&json!({"a": 1}), &json!({"a": 1, "b": 2})));
    }
}
