//! A GitRepository's status as source-controller writes it: the artifact, conditions
//! (`Ready`, `ArtifactInStorage`, `FetchFailed`) with upstream reasons and messages,
//! `observedGeneration`, `observedIgnore`, `observedSparseCheckout` and
//! `lastHandledReconcileAt`. Written with one merge patch of the status subresource, and
//! only when something changed.

use kube::api::{Api, Patch, PatchParams};
use serde_json::{Value, json};

use crate::api::GitRepository;
use crate::api::meta::{
    self, ARTIFACT_IN_STORAGE, Artifact, Condition, FETCH_FAILED, READY, RECONCILING, STALLED,
};
use crate::api::source::GitRepositoryStatus;

/// Reason: the artifact for the revision is stored.
pub const SUCCEEDED: &str = meta::SUCCEEDED_REASON;
/// Reason: a Git operation (listing, fetching, resolving the reference) failed.
pub const GIT_OPERATION_FAILED: &str = "GitOperationFailed";
/// Reason: the credentials could not be read from the Secret.
pub const AUTHENTICATION_FAILED: &str = "AuthenticationFailed";
/// Reason: writing the artifact to storage failed.
pub const STORAGE_OPERATION_FAILED: &str = "StorageOperationFailed";
/// Reason: `spec.url` cannot be used.
pub const URL_INVALID: &str = "URLInvalid";
/// Reason: the spec asks for something flux-rs does not implement.
pub const UNSUPPORTED: &str = "UnsupportedFeature";

/// The Ready message of a stored artifact, as upstream writes it.
pub fn stored_message(revision: &str) -> String {
    format!("stored artifact for revision '{revision}'")
}

/// Records a success: the artifact, `Ready=True/Succeeded` and `ArtifactInStorage=True`
/// with `stored artifact for revision '<rev>'`, the observed spec fields.
pub fn mark_succeeded(status: &mut GitRepositoryStatus, repo: &GitRepository, artifact: Artifact) {
    let generation = repo.metadata.generation;
    let msg = stored_message(&artifact.revision);
    let conds = status.conditions.get_or_insert_with(Vec::new);
    for gone in [FETCH_FAILED, RECONCILING, STALLED, meta::ARTIFACT_OUTDATED] {
        meta::remove_condition(conds, gone);
    }
    meta::set_condition(conds, Condition::new(READY, "True", SUCCEEDED, &msg, generation));
    meta::set_condition(
        conds,
        Condition::new(ARTIFACT_IN_STORAGE, "True", SUCCEEDED, &msg, generation),
    );
    status.artifact = Some(artifact);
    status.observed_generation = generation;
    status.observed_ignore.clone_from(&repo.spec.ignore);
    status
        .observed_sparse_checkout
        .clone_from(&repo.spec.sparse_checkout);
    meta::record_reconcile_request(
        &mut status.last_handled_reconcile_at,
        repo.metadata.annotations.as_ref(),
    );
}

/// Records a failure: `Ready=False` with the reason and message; `FetchFailed=True` for
/// fetch and credential failures, `Stalled=True` when only a spec change can help. The last
/// artifact stays.
pub fn mark_failed(
    status: &mut GitRepositoryStatus,
    repo: &GitRepository,
    reason: &str,
    message: &str,
    stalled: bool,
) {
    let generation = repo.metadata.generation;
    let fetch = matches!(reason, GIT_OPERATION_FAILED | AUTHENTICATION_FAILED | URL_INVALID);
    let conds = status.conditions.get_or_insert_with(Vec::new);
    failure_conditions(conds, generation, reason, message, fetch, stalled);
    status.observed_generation = generation;
    meta::record_reconcile_request(
        &mut status.last_handled_reconcile_at,
        repo.metadata.annotations.as_ref(),
    );
}

/// The conditions of a failed source reconciliation, for every source kind: `Ready=False`
/// with the reason, `FetchFailed=True` when `fetch` (fetch and credential failures),
/// `Stalled=True` when only a spec change can help (else no `Stalled`), no `Reconciling`.
pub fn failure_conditions(
    conds: &mut Vec<Condition>,
    generation: Option<i64>,
    reason: &str,
    message: &str,
    fetch: bool,
    stalled: bool,
) {
    meta::remove_condition(conds, RECONCILING);
    meta::set_condition(conds, Condition::new(READY, "False", reason, message, generation));
    if fetch {
        meta::set_condition(
            conds,
            Condition::new(FETCH_FAILED, "True", reason, message, generation),
        );
    }
    if stalled {
        meta::set_condition(
            conds,
            Condition::new(STALLED, "True", reason, message, generation),
        );
    } else {
        meta::remove_condition(conds, STALLED);
    }
}

/// The merge patch turning `old` into `new` (fields the engine clears are sent as null),
/// or `None` when nothing changed.
pub fn patch(old: &GitRepositoryStatus, new: &GitRepositoryStatus) -> Option<Value> {
    if old == new {
        return None;
    }
    let mut status = serde_json::to_value(new).unwrap_or_else(|_| json!({}));
    if let Value::Object(m) = &mut status {
        for (field, cleared) in [
            (
                "observedIgnore",
                new.observed_ignore.is_none() && old.observed_ignore.is_some(),
            ),
            (
                "observedSparseCheckout",
                new.observed_sparse_checkout.is_none() && old.observed_sparse_checkout.is_some(),
            ),
        ] {
            if cleared {
                m.insert(field.to_string(), Value::Null);
            }
        }
    }
    Some(json!({ "status": status }))
}

/// Writes `new` as the object's status with one merge patch, if it differs from `old` (for
/// source kinds whose status has no field the engine clears).
pub async fn write_merge<K, S>(api: &Api<K>, name: &str, old: &S, new: &S) -> Result<bool, kube::Error>
where
    K: kube::Resource + Clone + serde::de::DeserializeOwned + std::fmt::Debug,
    S: serde::Serialize + PartialEq,
{
    if old == new {
        return Ok(false);
    }
    let status: Value = serde_json::to_value(new).unwrap_or_else(|_| json!({}));
    api.patch_status(
        name,
        &PatchParams::default(),
        &Patch::Merge(&json!({ "status": status })),
    )
    .await?;
    Ok(true)
}

/// Writes the new status if it differs from the object's.
pub async fn write(
    api: &Api<GitRepository>,
    repo: &GitRepository,
    new: &GitRepositoryStatus,
) -> Result<bool, kube::Error> {
    let old = repo.status.clone().unwrap_or_default();
    let Some(p) = patch(&old, new) else {
        return Ok(false);
    };
    let name = repo.metadata.name.as_deref().unwrap_or_default();
    api.patch_status(name, &PatchParams::default(), &Patch::Merge(&p))
        .await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repo() -> GitRepository {
        serde_json::from_value(json!({
            "apiVersion": "source.toolkit.fluxcd.io/v1", "kind": "GitRepository",
            "metadata": {"name": "r", "namespace": "ns", "generation": 4,
                         "annotations": {"reconcile.fluxcd.io/requestedAt": "t1"}},
            "spec": {"interval": "1m", "url": "file:///x", "ignore": "*.md"},
        }))
        .unwrap()
    }

    fn artifact(rev: &str) -> Artifact {
        Artifact {
            path: "gitrepository/ns/r/abc.tar.gz".into(),
            url: "file:///s/gitrepository/ns/r/abc.tar.gz".into(),
            revision: rev.into(),
            digest: Some("sha256:abc".into()),
            last_update_time: meta::now_rfc3339(),
            size: Some(10),
            metadata: None,
        }
    }

    #[test]
    fn success_failure_success() {
        let r = repo();
        let mut st = GitRepositoryStatus::default();
        mark_succeeded(&mut st, &r, artifact("main@sha1:1"));
        let ready = meta::find_condition(st.conditions.as_deref().unwrap(), READY).unwrap();
        assert_eq!(
            (
                ready.status.as_str(),
                ready.reason.as_str(),
                ready.message.as_str()
            ),
            ("True", "Succeeded", "stored artifact for revision 'main@sha1:1'")
        );
        assert_eq!(st.observed_generation, Some(4));
        assert_eq!(st.observed_ignore.as_deref(), Some("*.md"));
        assert_eq!(st.last_handled_reconcile_at.as_deref(), Some("t1"));

        let before = st.clone();
        mark_failed(
            &mut st,
            &r,
            GIT_OPERATION_FAILED,
            "couldn't find remote ref",
            false,
        );
        let c = st.conditions.as_deref().unwrap();
        assert_eq!(
            meta::find_condition(c, READY).unwrap().reason,
            GIT_OPERATION_FAILED
        );
        assert_eq!(meta::find_condition(c, FETCH_FAILED).unwrap().status, "True");
        assert!(meta::find_condition(c, STALLED).is_none());
        assert_eq!(st.artifact, before.artifact, "the last artifact stays");

        mark_succeeded(&mut st, &r, artifact("main@sha1:2"));
        assert!(meta::find_condition(st.conditions.as_deref().unwrap(), FETCH_FAILED).is_none());

        mark_failed(&mut st, &r, URL_INVALID, "bad", true);
        assert_eq!(
            meta::find_condition(st.conditions.as_deref().unwrap(), STALLED)
                .unwrap()
                .reason,
            URL_INVALID
        );
    }

    #[test]
    fn patches_only_changes_and_clears_fields() {
        let r = repo();
        let mut a = GitRepositoryStatus::default();
        mark_succeeded(&mut a, &r, artifact("main@sha1:1"));
        assert!(patch(&a, &a.clone()).is_none());
        let mut b = a.clone();
        b.observed_ignore = None;
        let p = patch(&a, &b).unwrap();
        assert_eq!(p["status"]["observedIgnore"], Value::Null);
        assert_eq!(p["status"]["artifact"]["revision"], "main@sha1:1");
    }
}
