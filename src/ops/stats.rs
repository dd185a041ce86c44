//! Counts per Flux kind: how many objects, how many ready, failing and suspended, and how
//! much artifact storage the sources use.

use serde::Serialize;

use super::object::{FluxStatus, Readiness};
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
        match o.readiness() {
            Readiness::Ready => s.ready += 1,
            Readiness::Failed(_) => s.failing += 1,
            Readiness::Pending(_) => {}
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
                failing: 1,
                suspended: 1,
                storage: 120
            }
        );
    }
}
