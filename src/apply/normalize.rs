//! What an apply can change of an object: everything but the metadata the server maintains
//! and `status`. The apply engine compares objects this way (a dry-run result with the live
//! object, a plan's drift) and `diff` shows them this way.

use serde_json::Value;

/// Metadata fields the server maintains: never desired, never a drift.
pub const SERVER_METADATA: &[&str] = &[
    "managedFields",
    "resourceVersion",
    "generation",
    "uid",
    "selfLink",
    "creationTimestamp",
    "deletionTimestamp",
    "deletionGracePeriodSeconds",
];

/// The object without `status` and without [`SERVER_METADATA`].
pub fn without_server_fields(obj: &Value) -> Value {
    let mut v = obj.clone();
    if let Some(map) = v.as_object_mut() {
        map.remove("status");
        if let Some(meta) = map.get_mut("metadata").and_then(Value::as_object_mut) {
            for k in SERVER_METADATA {
                meta.remove(*k);
            }
        }
    }
    v
}

/// Whether two objects are the same once server-maintained fields are left out (key order
/// does not matter).
pub fn same(a: &Value, b: &Value) -> bool {
    without_server_fields(a) == without_server_fields(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn server_fields_and_key_order_do_not_count() {
        let a = json!({"kind": "ConfigMap", "metadata": {"name": "a", "uid": "1", "resourceVersion": "7"},
            "data": {"x": "1", "y": "2"}, "status": {"s": 1}});
        let b = json!({"data": {"y": "2", "x": "1"}, "metadata": {"name": "a", "managedFields": []}, "kind": "ConfigMap"});
        assert!(same(&a, &b));
        let c = json!({"kind": "ConfigMap", "metadata": {"name": "a"}, "data": {"x": "2", "y": "2"}});
        assert!(!same(&a, &c));
    }
}
