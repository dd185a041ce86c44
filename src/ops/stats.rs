//! Counts per Flux kind: how many objects, how many ready, failing and suspended, and how
//! much artifact storage the sources use.

use serde::Serialize;

use super::object::FluxStatus;
use super::{FluxClient, FluxKind, ListOptions, LiveObject, Result};

/// The counts of one kind.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct KindStats {
    /// The kind (`GitRepository`).
    pub kind: String,
    /// Objects of the kind.
    pub total: usize,
    /// Objects not suspended.
    pub running: usize,
    /// Objects ready at their generation.
    pub ready: usize,
    /// Objects whose Ready condition is False (or Stalled).
    pub failing: usize,
    /// Suspended objects.
    pub suspended: usize,
    /// Sum of the artifacts' sizes, in bytes.
    pub storage: u64,
}

/// Counts a list of objects of one kind.
pub fn count(kind: FluxKind, objects: &[LiveObject]) -> KindStats {
    let mut s = KindStats {
        kind: kind.kind().to_string(),
        total: objects.len(),
        ..Default::default()
    };
    for o in objects {
        if o.suspended() {
            s.suspended += 1;
        }
        // What `get` shows in its READY column (the Ready condition, `False` while there is
        // none), so that the two commands always agree.
        match o.summary().ready.as_str() {
            "True" => s.ready += 1,
            "False" => s.failing += 1,
            _ => {}
        }
        s.storage += o.status()["artifact"]["size"].as_u64().unwrap_or(0);
    }
    s.running = s.total - s.suspended;
    s
}

impl FluxClient {
    /// Counts every Flux kind the server serves, in [`FluxKind::ALL`] order; kinds whose CRD
    /// is not installed are left out.
    pub async fn stats(&self, opts: &ListOptions) -> Result<Vec<KindStats>> {
        let mut out = Vec::new();
        for kind in FluxKind::ALL {
            if let Some(objects) = self.list(kind, opts).await? {
                out.push(count(kind, &objects));
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn counts_ready_failing_suspended_and_storage() {
        let obj = |suspend: bool, ready: Option<&str>, size: u64| {
            let mut v = json!({"metadata": {"name": "a", "namespace": "n", "generation": 1},
                "spec": {"suspend": suspend}, "status": {"observedGeneration": 1, "artifact": {"size": size}}});
            if let Some(r) = ready {
                v["status"]["conditions"] =
                    json!([{"type": "Ready", "status": r, "message": "m", "reason": "r"}]);
            }
            LiveObject::new(FluxKind::GitRepository, v)
        };
        let s = count(
            FluxKind::GitRepository,
            &[
                obj(false, Some("True"), 100),
                obj(true, Some("False"), 20),
                obj(false, None, 0),
            ],
        );
        assert_eq!(
            s,
            KindStats {
                kind: "GitRepository".into(),
                total: 3,
                running: 2,
                ready: 1,
                // Not reconciled yet: `get` shows READY False ("waiting to be reconciled").
                failing: 2,
                suspended: 1,
                storage: 120
            }
        );
    }

    /// `stats` counts what `get` shows: whatever the generation, Stalled or Reconciling
    /// conditions say, an object is ready in one exactly when READY is `True` in the other.
    #[test]
    fn agrees_with_get_on_readiness() {
        let obj = |generation: i64, observed: i64, conditions: serde_json::Value| {
            LiveObject::new(
                FluxKind::Kustomization,
                json!({"metadata": {"name": "a", "namespace": "n", "generation": generation},
                       "spec": {}, "status": {"observedGeneration": observed, "conditions": conditions}}),
            )
        };
        let cond = |t: &str, s: &str| json!({"type": t, "status": s, "reason": "r", "message": "m"});
        let objects = [
            obj(2, 1, json!([cond("Ready", "True")])),
            obj(1, 1, json!([cond("Ready", "Unknown"), cond("Stalled", "True")])),
            obj(1, 1, json!([cond("Ready", "True"), cond("Reconciling", "True")])),
            obj(1, 1, json!([cond("Ready", "False")])),
            obj(1, 0, json!([])),
        ];
        let s = count(FluxKind::Kustomization, &objects);
        let shown: Vec<String> = objects.iter().map(|o| o.summary().ready).collect();
        assert_eq!(
            s.ready,
            shown.iter().filter(|r| *r == "True").count(),
            "{shown:?}"
        );
        assert_eq!(
            s.failing,
            shown.iter().filter(|r| *r == "False").count(),
            "{shown:?}"
        );
    }
}
