//! RFC 6902 JSON patches (`add`, `remove`, `replace`, `move`, `copy`, `test`) with RFC 6901
//! pointers, as kustomize applies them to one object.

use serde_json::Value;

/// One operation of a patch.
#[derive(Clone, Debug, PartialEq)]
pub struct Op {
    /// `add`, `remove`, …
    pub op: String,
    /// Target pointer.
    pub path: String,
    /// Source pointer (`move`, `copy`).
    pub from: Option<String>,
    /// Value (`add`, `replace`, `test`).
    pub value: Option<Value>,
}

/// Parses a patch document (a JSON array of operations, already decoded).
pub fn parse(doc: &Value) -> Result<Vec<Op>, String> {
    let Value::Array(items) = doc else {
        return Err("a JSON 6902 patch must be a list of operations".into());
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let m = item
                .as_object()
                .ok_or_else(|| format!("operation {i}: must be a mapping"))?;
            let s = |k: &str| m.get(k).and_then(Value::as_str).map(str::to_string);
            let op = s("op").ok_or_else(|| format!("operation {i}: missing \"op\""))?;
            let path = s("path").ok_or_else(|| format!("operation {i}: missing \"path\""))?;
            if !matches!(
                op.as_str(),
                "add" | "remove" | "replace" | "move" | "copy" | "test"
            ) {
                return Err(format!("operation {i}: unknown op {op:?}"));
            }
            let from = s("from");
            if matches!(op.as_str(), "move" | "copy") && from.is_none() {
                return Err(format!("operation {i} ({op}): missing \"from\""));
            }
            let value = m.get("value").cloned();
            if matches!(op.as_str(), "add" | "replace" | "test") && value.is_none() {
                return Err(format!("operation {i} ({op}): missing \"value\""));
            }
            Ok(Op {
                op,
                path,
                from,
                value,
            })
        })
        .collect()
}

fn tokens(pointer: &str) -> Result<Vec<String>, String> {
    if pointer.is_empty() {
        return Ok(Vec::new());
    }
    let Some(rest) = pointer.strip_prefix('/') else {
        return Err(format!("invalid path {pointer:?}: must start with /"));
    };
    Ok(rest
        .split('/')
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect())
}

fn index(tok: &str, len: usize, allow_end: bool) -> Result<usize, String> {
    if allow_end && tok == "-" {
        return Ok(len);
    }
    let i: usize = tok.parse().map_err(|_| format!("invalid array index {tok:?}"))?;
    let max = if allow_end { len } else { len.saturating_sub(1) };
    if i > max || (!allow_end && len == 0) {
        return Err(format!("array index {i} out of bounds"));
    }
    Ok(i)
}

fn parent<'a>(doc: &'a mut Value, toks: &[String], pointer: &str) -> Result<&'a mut Value, String> {
    let mut cur = doc;
    for t in toks {
        cur = match cur {
            Value::Object(m) => m
                .get_mut(t)
                .ok_or_else(|| format!("path {pointer:?}: missing key {t:?}"))?,
            Value::Array(a) => {
                let i = index(t, a.len(), false).map_err(|e| format!("path {pointer:?}: {e}"))?;
                &mut a[i]
            }
            _ => return Err(format!("path {pointer:?}: {t:?} is not inside a mapping or list")),
        };
    }
    Ok(cur)
}

fn get<'a>(doc: &'a Value, pointer: &str) -> Result<&'a Value, String> {
    let mut cur = doc;
    for t in tokens(pointer)? {
        cur = match cur {
            Value::Object(m) => m
                .get(&t)
                .ok_or_else(|| format!("path {pointer:?}: missing key {t:?}"))?,
            Value::Array(a) => &a[index(&t, a.len(), false).map_err(|e| format!("path {pointer:?}: {e}"))?],
            _ => return Err(format!("path {pointer:?} does not exist")),
        };
    }
    Ok(cur)
}

fn add(doc: &mut Value, pointer: &str, value: Value) -> Result<(), String> {
    let toks = tokens(pointer)?;
    let Some((last, init)) = toks.split_last() else {
        *doc = value;
        return Ok(());
    };
    match parent(doc, init, pointer)? {
        Value::Object(m) => {
            m.insert(last.clone(), value);
        }
        Value::Array(a) => {
            let i = index(last, a.len(), true).map_err(|e| format!("add {pointer:?}: {e}"))?;
            a.insert(i, value);
        }
        _ => return Err(format!("add {pointer:?}: parent is not a mapping or list")),
    }
    Ok(())
}

fn remove(doc: &mut Value, pointer: &str) -> Result<Value, String> {
    let toks = tokens(pointer)?;
    let Some((last, init)) = toks.split_last() else {
        return Err("cannot remove the whole document".into());
    };
    match parent(doc, init, pointer)? {
        Value::Object(m) => m
            .remove(last)
            .ok_or_else(|| format!("remove {pointer:?}: missing key {last:?}")),
        Value::Array(a) => {
            let i = index(last, a.len(), false).map_err(|e| format!("remove {pointer:?}: {e}"))?;
            Ok(a.remove(i))
        }
        _ => Err(format!("remove {pointer:?}: parent is not a mapping or list")),
    }
}

/// Why a JSON patch does not apply (no underlying error: the patcher says which operation
/// and why).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{reason}")]
pub struct PatchFailed {
    /// Which operation failed and why (`operation 1 (remove): …`).
    pub reason: String,
}

/// Applies operations in order; the document is unchanged on error.
pub fn apply(doc: &mut Value, ops: &[Op]) -> Result<(), PatchFailed> {
    apply_ops(doc, ops).map_err(|reason| PatchFailed { reason })
}

fn apply_ops(doc: &mut Value, ops: &[Op]) -> Result<(), String> {
    let mut work = doc.clone();
    for (i, op) in ops.iter().enumerate() {
        let r = match op.op.as_str() {
            "add" => add(&mut work, &op.path, op.value.clone().unwrap_or(Value::Null)),
            "remove" => remove(&mut work, &op.path).map(|_| ()),
            "replace" => {
                // kustomize's JSON patch library replaces a missing key of an object by
                // adding it; only a missing parent or list index is an error.
                let missing = match get(&work, &op.path) {
                    Ok(_) => false,
                    Err(e) => {
                        let parent = op.path.rsplit_once('/').map_or("", |(p, _)| p);
                        if op.path.is_empty() || !get(&work, parent).is_ok_and(Value::is_object) {
                            return Err(format!("replace operation does not apply: {e}"));
                        }
                        true
                    }
                };
                let removed = if missing {
                    Ok(Value::Null)
                } else {
                    remove(&mut work, &op.path)
                };
                removed
                    .and_then(|_| add(&mut work, &op.path, op.value.clone().unwrap_or(Value::Null)))
                    .or_else(|e| {
                        if op.path.is_empty() {
                            work = op.value.clone().unwrap_or(Value::Null);
                            Ok(())
                        } else {
                            Err(e)
                        }
                    })
            }
            "move" => {
                let from = op.from.as_deref().unwrap_or_default();
                remove(&mut work, from).and_then(|v| add(&mut work, &op.path, v))
            }
            "copy" => {
                let from = op.from.as_deref().unwrap_or_default();
                get(&work, from)
                    .cloned()
                    .and_then(|v| add(&mut work, &op.path, v))
            }
            "test" => {
                let want = op.value.clone().unwrap_or(Value::Null);
                match get(&work, &op.path) {
                    Ok(v) if *v == want => Ok(()),
                    Ok(_) => Err(format!("test {:?}: value differs", op.path)),
                    Err(e) => Err(e),
                }
            }
            other => Err(format!("unknown op {other:?}")),
        };
        r.map_err(|e| format!("operation {i} ({}): {e}", op.op))?;
    }
    *doc = work;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn operations() {
        let mut d = json!({"spec": {"replicas": 1, "list": [1, 2], "a/b": {"~": 1}}});
        let ops = parse(&json!([
            {"op": "replace", "path": "/spec/replicas", "value": 3},
            {"op": "add", "path": "/spec/list/-", "value": 3},
            {"op": "add", "path": "/spec/list/0", "value": 0},
            {"op": "remove", "path": "/spec/a~1b/~0"},
            {"op": "copy", "from": "/spec/replicas", "path": "/spec/copy"},
            {"op": "move", "from": "/spec/copy", "path": "/spec/moved"},
            {"op": "test", "path": "/spec/moved", "value": 3}
        ]))
        .unwrap();
        apply(&mut d, &ops).unwrap();
        assert_eq!(
            d,
            json!({"spec": {"replicas": 3, "list": [0, 1, 2, 3], "a/b": {}, "moved": 3}})
        );
        // A missing key of an object is added, as kustomize's JSON patch library does; a
        // missing parent is an error that leaves the document alone.
        let added = parse(&json!([{"op": "replace", "path": "/spec/nope", "value": 1}])).unwrap();
        apply(&mut d, &added).unwrap();
        assert_eq!(d["spec"]["nope"], 1);
        let bad = parse(&json!([{"op": "replace", "path": "/nope/x", "value": 1}])).unwrap();
        let before = d.clone();
        assert!(apply(&mut d, &bad).is_err());
        assert_eq!(d, before);
        assert!(parse(&json!([{"op": "frob", "path": "/x"}])).is_err());
    }
}
