//! How a reconciliation's outcome is written into a Kustomization's status, the way
//! kustomize-controller writes it: conditions with upstream reasons and messages,
//! revisions, inventory, `observedGeneration`, `lastHandledReconcileAt`, and the history of
//! reconciled build digests.

use std::time::Duration;

use crate::api::kustomize::{KustomizationStatus, ResourceInventory, ResourceRef, Snapshot};
use crate::api::meta::{self, Condition, HEALTHY, READY, RECONCILING, STALLED};
use crate::apply::Inventory;
use crate::apply::inventory::InvalidId;
use crate::duration;

/// Reason: the reconciliation succeeded.
pub const RECONCILIATION_SUCCEEDED: &str = "ReconciliationSucceeded";
/// Reason: applying failed.
pub const RECONCILIATION_FAILED: &str = "ReconciliationFailed";
/// Reason: the source artifact could not be obtained.
pub const ARTIFACT_FAILED: &str = "ArtifactFailed";
/// Reason: the kustomize build or substitution failed.
pub const BUILD_FAILED: &str = "BuildFailed";
/// Reason: health checks failed.
pub const HEALTH_CHECK_FAILED: &str = "HealthCheckFailed";
/// Reason: pruning failed.
pub const PRUNE_FAILED: &str = "PruneFailed";
/// Reason: a dependency is not ready.
pub const DEPENDENCY_NOT_READY: &str = meta::DEPENDENCY_NOT_READY_REASON;
/// Reason: work is in progress.
pub const PROGRESSING: &str = meta::PROGRESSING_REASON;
/// Reason: the spec asks for something flux-rs does not do (the object stalls rather than
/// being applied half-done).
pub const UNSUPPORTED_FEATURE: &str = "UnsupportedFeature";
/// Reason: the reconciliation was stopped before it finished (the CLI interrupted by
/// Ctrl-C); the objects may be partly applied and the inventory is the previous one.
pub const RECONCILIATION_INTERRUPTED: &str = "ReconciliationInterrupted";
/// Reason: in progress after a failure.
pub const PROGRESSING_WITH_RETRY: &str = "ProgressingWithRetry";
/// How many history snapshots are kept.
pub const HISTORY_LIMIT: usize = 5;

pub use crate::api::meta::now_rfc3339;

/// Marks the start of a reconciliation: `Reconciling=True` and `Ready=Unknown`, with
/// upstream's message `Fetching manifests for revision <rev> with a timeout of <timeout>`.
pub fn mark_progressing(
    status: &mut KustomizationStatus,
    generation: Option<i64>,
    revision: Option<&str>,
    timeout: Duration,
) {
    let conds = status.conditions.get_or_insert_with(Vec::new);
    let msg = match revision {
        Some(r) => format!(
            "Fetching manifests for revision {r} with a timeout of {}",
            duration::format(timeout)
        ),
        None => "Reconciliation in progress".to_string(),
    };
    meta::set_condition(
        conds,
        Condition::new(RECONCILING, "True", PROGRESSING, &msg, generation),
    );
    meta::set_condition(
        conds,
        Condition::new(
            READY,
            "Unknown",
            PROGRESSING,
            "Reconciliation in progress",
            generation,
        ),
    );
}

/// Updates the message of the `Reconciling` condition as a reconciliation moves on
/// (`Running health checks for revision <rev> with a timeout of <timeout>`).
pub fn mark_reconciling(status: &mut KustomizationStatus, generation: Option<i64>, message: &str) {
    let conds = status.conditions.get_or_insert_with(Vec::new);
    meta::set_condition(
        conds,
        Condition::new(RECONCILING, "True", PROGRESSING, message, generation),
    );
}

/// What a successful reconciliation produced.
#[derive(Clone, Debug)]
pub struct Success<'a> {
    /// Source revision applied.
    pub revision: &'a str,
    /// Origin revision from the artifact's metadata, if any.
    pub origin_revision: Option<&'a str>,
    /// The objects now managed.
    pub inventory: ResourceInventory,
    /// Digest of the built manifests.
    pub digest: &'a str,
    /// How long the reconciliation took.
    pub elapsed: Duration,
    /// Health checks ran and passed (sets the `Healthy` condition).
    pub health_checked: Option<Duration>,
}

/// Records a success: `Ready=True/ReconciliationSucceeded` with `Applied revision: <rev>`.
pub fn mark_succeeded(status: &mut KustomizationStatus, generation: Option<i64>, s: &Success<'_>) {
    let conds = status.conditions.get_or_insert_with(Vec::new);
    meta::remove_condition(conds, RECONCILING);
    meta::remove_condition(conds, STALLED);
    let msg = format!("Applied revision: {}", s.revision);
    meta::set_condition(
        conds,
        Condition::new(READY, "True", RECONCILIATION_SUCCEEDED, &msg, generation),
    );
    match s.health_checked {
        Some(d) => {
            let msg = format!("Health check passed in {}", duration::format(round_ms(d)));
            meta::set_condition(
                conds,
                Condition::new(HEALTHY, "True", meta::SUCCEEDED_REASON, &msg, generation),
            );
        }
        None => meta::remove_condition(conds, HEALTHY),
    }
    status.observed_generation = generation;
    status.last_applied_revision = Some(s.revision.to_string());
    status.last_applied_origin_revision = s.origin_revision.map(ToString::to_string);
    status.last_attempted_revision = Some(s.revision.to_string());
    status.inventory = Some(s.inventory.clone());
    record_history(status, s.digest, RECONCILIATION_SUCCEEDED, s.elapsed, s.revision);
}

/// A failed reconciliation.
#[derive(Clone, Debug)]
pub struct Failure<'a> {
    /// Upstream reason (`BuildFailed`, `ReconciliationFailed`, …).
    pub reason: &'a str,
    /// The error message.
    pub message: &'a str,
    /// Revision attempted, when known.
    pub revision: Option<&'a str>,
    /// The inventory to keep (objects still managed, e.g. after a partial prune).
    pub inventory: Option<ResourceInventory>,
}

/// Records a failure: `Ready=False` with the reason, `Healthy=False` for health failures.
pub fn mark_failed(status: &mut KustomizationStatus, generation: Option<i64>, f: &Failure<'_>) {
    let conds = status.conditions.get_or_insert_with(Vec::new);
    meta::remove_condition(conds, RECONCILING);
    meta::set_condition(
        conds,
        Condition::new(READY, "False", f.reason, f.message, generation),
    );
    if f.reason == HEALTH_CHECK_FAILED {
        meta::set_condition(
            conds,
            Condition::new(HEALTHY, "False", HEALTH_CHECK_FAILED, f.message, generation),
        );
    }
    status.observed_generation = generation;
    if let Some(r) = f.revision {
        status.last_attempted_revision = Some(r.to_string());
    }
    if let Some(inv) = &f.inventory {
        status.inventory = Some(inv.clone());
    }
}

fn round_ms(d: Duration) -> Duration {
    Duration::from_millis(u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// Adds or updates the history entry of a build digest (newest first, at most
/// [`HISTORY_LIMIT`] entries).
pub fn record_history(
    status: &mut KustomizationStatus,
    digest: &str,
    outcome: &str,
    elapsed: Duration,
    revision: &str,
) {
    let now = now_rfc3339();
    let history = status.history.get_or_insert_with(Vec::new);
    let elapsed = duration::format(round_ms(elapsed));
    if let Some(pos) = history.iter().position(|h| h.digest == digest) {
        let mut entry = history.remove(pos);
        entry.last_reconciled = now;
        entry.last_reconciled_duration = elapsed;
        entry.last_reconciled_status = outcome.to_string();
        entry.total_reconciliations += 1;
        entry
            .metadata
            .get_or_insert_with(Default::default)
            .insert("revision".into(), revision.to_string());
        history.insert(0, entry);
    } else {
        history.insert(
            0,
            Snapshot {
                digest: digest.to_string(),
                first_reconciled: now.clone(),
                last_reconciled: now,
                last_reconciled_duration: elapsed,
                last_reconciled_status: outcome.to_string(),
                total_reconciliations: 1,
                metadata: Some([("revision".to_string(), revision.to_string())].into()),
            },
        );
    }
    history.truncate(HISTORY_LIMIT);
}

/// Reads a Kustomization's `status.inventory` into the apply engine's inventory.
pub fn inventory_from_status(status: &ResourceInventory) -> Result<Inventory, InvalidId> {
    Inventory::from_entries(status.entries.iter().map(|e| (e.id.as_str(), e.v.as_str())))
}

/// The value of a Kustomization's `status.inventory` for an inventory.
pub fn inventory_status(inventory: &Inventory) -> ResourceInventory {
    ResourceInventory {
        entries: inventory.entries().map(|(id, v)| ResourceRef { id, v }).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inv() -> ResourceInventory {
        ResourceInventory {
            entries: vec![ResourceRef {
                id: "default_web_apps_Deployment".into(),
                v: "v1".into(),
            }],
        }
    }

    #[test]
    fn success_then_failure_then_success() {
        let mut st = KustomizationStatus::default();
        mark_progressing(&mut st, Some(2), Some("main@sha1:abc"), Duration::from_secs(300));
        let rec = meta::find_condition(st.conditions.as_deref().unwrap(), RECONCILING).unwrap();
        assert_eq!(
            rec.message,
            "Fetching manifests for revision main@sha1:abc with a timeout of 5m0s"
        );
        let ready = meta::find_condition(st.conditions.as_deref().unwrap(), READY).unwrap();
        assert_eq!(
            (ready.status.as_str(), ready.reason.as_str()),
            ("Unknown", PROGRESSING)
        );

        let s = Success {
            revision: "main@sha1:abc",
            origin_revision: None,
            inventory: inv(),
            digest: "sha256:1",
            elapsed: Duration::from_millis(1500),
            health_checked: Some(Duration::from_millis(2010)),
        };
        mark_succeeded(&mut st, Some(2), &s);
        let conds = st.conditions.clone().unwrap();
        let ready = meta::find_condition(&conds, READY).unwrap();
        assert_eq!(ready.message, "Applied revision: main@sha1:abc");
        assert_eq!(ready.reason, RECONCILIATION_SUCCEEDED);
        assert!(meta::find_condition(&conds, RECONCILING).is_none());
        assert_eq!(
            meta::find_condition(&conds, HEALTHY).unwrap().message,
            "Health check passed in 2.01s"
        );
        assert_eq!(st.last_applied_revision.as_deref(), Some("main@sha1:abc"));
        assert_eq!(st.observed_generation, Some(2));

        mark_failed(
            &mut st,
            Some(3),
            &Failure {
                reason: BUILD_FAILED,
                message: "kustomize build failed: x",
                revision: Some("main@sha1:def"),
                inventory: None,
            },
        );
        assert_eq!(
            st.last_applied_revision.as_deref(),
            Some("main@sha1:abc"),
            "a failure keeps the last applied revision"
        );
        assert_eq!(st.last_attempted_revision.as_deref(), Some("main@sha1:def"));
        assert_eq!(st.inventory, Some(inv()), "a failure keeps the inventory");
        let ready = meta::find_condition(st.conditions.as_deref().unwrap(), READY).unwrap();
        assert_eq!(
            (ready.status.as_str(), ready.reason.as_str()),
            ("False", BUILD_FAILED)
        );
    }

    #[test]
    fn history_keeps_five_newest_and_counts_repeats() {
        let mut st = KustomizationStatus::default();
        for i in 0..7 {
            record_history(
                &mut st,
                &format!("sha256:{i}"),
                RECONCILIATION_SUCCEEDED,
                Duration::from_secs(1),
                "r",
            );
        }
        record_history(
            &mut st,
            "sha256:6",
            RECONCILIATION_SUCCEEDED,
            Duration::from_secs(1),
            "r",
        );
        let h = st.history.unwrap();
        assert_eq!(h.len(), HISTORY_LIMIT);
        assert_eq!(h[0].digest, "sha256:6");
        assert_eq!(h[0].total_reconciliations, 2);
        assert_eq!(h[1].digest, "sha256:5");
    }
}
