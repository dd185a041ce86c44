//! Remediation of failed releases, as helm-controller's atomic release decides it:
//!
//! ```text
//! newest record ─► none / uninstalled ─► install (unless the install retries are exhausted)
//!               ─► failed ─► failures of the last action (install/upgrade) counted?
//!                              no ─► upgrade
//!                              retries exhausted and the last failure not remediated ─► Stalled
//!                              install ─► uninstall remediation
//!                              upgrade ─► rollback to the previous successful revision
//!                                         (or uninstall, spec.upgrade.remediation.strategy)
//!               ─► deployed, out of sync ─► upgrade (unless the upgrade retries are exhausted)
//! ```
//!
//! After a failed install or upgrade the same decision runs again within the reconciliation
//! (the failure was just counted), so a failed action is remediated at once; a remediation
//! ends the reconciliation (retried later while retries remain, else `Stalled` with
//! `RetriesExceeded`). The failure counters are cleared when the generation, the chart
//! version or the values differ from the last attempt.
//!
//! [`next`] is pure; the `impl Run` parts run the remediation and write its conditions and
//! events.

use kube::api::{Api, DeleteParams, Patch, PatchParams, PropagationPolicy};
use serde_json::json;

use super::{HelmEngine, Run, Stop, hooks, now_go, secrets_api};
use crate::api::helmrelease::{
    self as hr_api, HelmRelease, HelmReleaseStatus, MISSING_ROLLBACK_TARGET, REMEDIATED, RETRIES_EXCEEDED,
    ROLLBACK_FAILED, ROLLBACK_SUCCEEDED, UNINSTALL_FAILED, UNINSTALL_SUCCEEDED,
};
use crate::api::meta;
use crate::apply::{Action, ApplyOptions, ChangeSet, Manager};
use crate::cluster::{self, ObjectRef};
use crate::engine::events::EventType;
use crate::engine::helm_render;
use crate::helm::hooks::HookEvent;
use crate::helm::storage::{self, Record, status as rstatus};

/// What a release needs before (or instead of) an install or upgrade.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Next {
    /// Install, upgrade, or nothing when in sync: the usual path.
    Release,
    /// Roll back to this revision.
    Rollback(i64),
    /// Uninstall the failed release.
    Uninstall,
    /// The retries of `action` are exhausted after `failures` failures: stall.
    Exhausted {
        /// `install` or `upgrade`.
        action: String,
        /// The failures counted.
        failures: i64,
    },
    /// A rollback is due but there is no earlier successful revision.
    MissingRollbackTarget,
}

/// The remediation settings of the last attempted action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Active {
    upgrade: bool,
    retries: i64,
    remediate_last: bool,
    uninstall: bool,
    failures: i64,
}

fn install_remediation(hr: &HelmRelease, status: &HelmReleaseStatus) -> Active {
    let r = hr.spec.install.as_ref().and_then(|i| i.remediation.as_ref());
    Active {
        upgrade: false,
        retries: r.and_then(|r| r.retries).unwrap_or(0),
        remediate_last: r.and_then(|r| r.remediate_last_failure).unwrap_or(false),
        uninstall: true,
        failures: status.install_failures.unwrap_or(0),
    }
}

fn upgrade_remediation(hr: &HelmRelease, status: &HelmReleaseStatus) -> Active {
    let r = hr.spec.upgrade.as_ref().and_then(|u| u.remediation.as_ref());
    let retries = r.and_then(|r| r.retries).unwrap_or(0);
    Active {
        upgrade: true,
        retries,
        // Upstream: remediated by default when retries are set.
        remediate_last: r.and_then(|r| r.remediate_last_failure).unwrap_or(retries > 0),
        uninstall: r.and_then(|r| r.strategy.as_deref()) == Some("uninstall"),
        failures: status.upgrade_failures.unwrap_or(0),
    }
}

impl Active {
    /// Retries exhausted: more failures than retries (negative retries: never).
    fn exhausted(&self) -> bool {
        self.retries >= 0 && self.failures > self.retries
    }

    fn action(&self) -> &'static str {
        if self.upgrade { "upgrade" } else { "install" }
    }
}

/// The remediation of the last attempted action (`status.lastAttemptedReleaseAction`).
fn active(hr: &HelmRelease, status: &HelmReleaseStatus) -> Option<Active> {
    match status.last_attempted_release_action.as_deref() {
        Some("install") => Some(install_remediation(hr, status)),
        Some("upgrade") => Some(upgrade_remediation(hr, status)),
        _ => None,
    }
}

/// Decides what the release needs next from its records (oldest first), the status (the
/// counters, the last attempted action) and whether the newest record is what the spec asks
/// for (`in_sync`).
pub(super) fn next(hr: &HelmRelease, status: &HelmReleaseStatus, records: &[Record], in_sync: bool) -> Next {
    let latest = records.iter().max_by_key(|r| r.version);
    let exhausted = |a: Active| Next::Exhausted {
        action: a.action().to_string(),
        failures: a.failures,
    };
    match latest {
        None => {
            let a = install_remediation(hr, status);
            if a.exhausted() {
                exhausted(a)
            } else {
                Next::Release
            }
        }
        Some(l) if l.info.status == rstatus::UNINSTALLED => {
            let a = install_remediation(hr, status);
            if a.exhausted() {
                exhausted(a)
            } else {
                Next::Release
            }
        }
        Some(l) if l.info.status == rstatus::FAILED => {
            let Some(a) = active(hr, status) else {
                return Next::Release;
            };
            if a.failures <= 0 {
                return Next::Release;
            }
            if a.exhausted() && !a.remediate_last {
                return exhausted(a);
            }
            if a.uninstall {
                return Next::Uninstall;
            }
            match rollback_target(records, l.version) {
                Some(v) => Next::Rollback(v),
                None => Next::MissingRollbackTarget,
            }
        }
        Some(l) if l.info.status == rstatus::DEPLOYED && !in_sync => {
            let a = upgrade_remediation(hr, status);
            if a.exhausted() {
                exhausted(a)
            } else {
                Next::Release
            }
        }
        Some(_) => Next::Release,
    }
}

/// The revision a failed revision `failed` rolls back to: the newest earlier revision that
/// was deployed (now `deployed` or `superseded`).
pub(super) fn rollback_target(records: &[Record], failed: i64) -> Option<i64> {
    records
        .iter()
        .filter(|r| r.version < failed)
        .filter(|r| r.info.status == rstatus::DEPLOYED || r.info.status == rstatus::SUPERSEDED)
        .map(|r| r.version)
        .max()
}

/// Whether the failure counters start again: the generation, the chart version or the values
/// differ from the last attempt (upstream's reset reasons).
pub(super) fn must_reset_failures(
    status: &HelmReleaseStatus,
    generation: Option<i64>,
    chart_version: &str,
    config_digest: &str,
) -> bool {
    status.last_attempted_generation != generation
        || status
            .last_attempted_revision
            .as_deref()
            .is_some_and(|r| r != chart_version)
        || status
            .last_attempted_config_digest
            .as_deref()
            .is_some_and(|d| d != config_digest)
}

/// Clears the failure counters.
pub(super) fn clear_failures(status: &mut HelmReleaseStatus) {
    status.failures = None;
    status.install_failures = None;
    status.upgrade_failures = None;
}

/// The status as a merge patch: every status field without a value is written as `null`,
/// so fields cleared during the reconciliation (failure counters after a success, the
/// inventory after an uninstall) are dropped by the API server rather than kept.
pub(super) fn status_patch(now: &HelmReleaseStatus) -> serde_json::Value {
    static FIELDS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let fields = FIELDS.get_or_init(|| {
        schemars::schema_for!(HelmReleaseStatus)
            .get("properties")
            .and_then(serde_json::Value::as_object)
            .map(|p| p.keys().cloned().collect())
            .unwrap_or_default()
    });
    let mut patch = serde_json::to_value(now).unwrap_or_else(|_| json!({}));
    if let serde_json::Value::Object(m) = &mut patch {
        for k in fields {
            m.entry(k.clone()).or_insert(serde_json::Value::Null);
        }
    }
    patch
}

/// `<namespace>/<name>.v<version>` and `<chart>@<version>` of a record, as upstream names a
/// release in its messages.
fn names(r: &Record) -> (String, String) {
    (
        format!("{}/{}.v{}", r.namespace, r.name, r.version),
        format!("{}@{}", r.chart_name(), r.chart_version()),
    )
}

/// How the release's objects are deleted: `spec.uninstall.deletionPropagation`.
pub(super) fn propagation(hr: &HelmRelease) -> PropagationPolicy {
    match hr
        .spec
        .uninstall
        .as_ref()
        .and_then(|u| u.deletion_propagation.as_deref())
    {
        Some("foreground") => PropagationPolicy::Foreground,
        Some("orphan") => PropagationPolicy::Orphan,
        _ => PropagationPolicy::Background,
    }
}

/// Uninstalls a release as Helm does: the newest record marked `uninstalling`, the objects
/// of its manifest deleted (`spec.uninstall.deletionPropagation`) and waited for (unless
/// `spec.uninstall.disableWait`, within `spec.uninstall.timeout`), then every record deleted,
/// or, with `spec.uninstall.keepHistory`, the newest one kept as `uninstalled`. Returns what
/// was deleted.
pub(super) async fn uninstall_release(
    engine: &HelmEngine,
    acting: &kube::Client,
    hr: &HelmRelease,
    records: &[Record],
) -> Result<ChangeSet, String> {
    let poll_interval = engine.options.poll_interval;
    let storage_ns = hr.storage_namespace();
    let Some(cur) = records.iter().max_by_key(|r| r.version) else {
        return Ok(ChangeSet::default());
    };
    let keep = hr.spec.uninstall.as_ref().is_some_and(|u| u.keep_history);
    let mut rec = cur.clone();
    rec.info.status = rstatus::UNINSTALLING.into();
    rec.info.deleted = now_go();
    rec.info.description = "Deletion in progress (or silently failed)".into();
    write_record(acting, storage_ns, &rec).await?;
    hooks::uninstall_hooks(engine, acting, hr, cur, HookEvent::PreDelete).await?;
    let mut refs: Vec<ObjectRef> = Vec::new();
    for r in helm_render::manifest_objects(&cur.manifest, &cur.namespace)
        .map_err(|e| format!("release {storage_ns}/{} v{}: {e}", cur.name, cur.version))?
    {
        if !refs.contains(&r) {
            refs.push(r);
        }
    }
    let manager = Manager::new(acting.clone(), super::owner(hr));
    let changes = manager
        .delete_all_propagating(&refs, propagation(hr))
        .await
        .map_err(|e| e.to_string())?;
    if !hr.spec.uninstall.as_ref().is_some_and(|u| u.disable_wait) {
        let timeout = hr.uninstall_timeout().map_err(|e| format!("timeout: {e}"))?;
        let opts = ApplyOptions {
            force: false,
            wait_timeout: timeout,
            poll_interval,
        };
        manager
            .wait_for_deletion(&refs, &opts)
            .await
            .map_err(|e| e.to_string())?;
    }
    // As Helm: the post-delete hooks run before the records go; their failure is returned
    // once the uninstall is complete.
    let post_delete = hooks::uninstall_hooks(engine, acting, hr, cur, HookEvent::PostDelete).await;
    if keep {
        rec.info.status = rstatus::UNINSTALLED.into();
        rec.info.description = "Uninstallation complete".into();
        write_record(acting, storage_ns, &rec).await?;
        return post_delete.map(|()| changes);
    }
    let secrets = secrets_api(acting, storage_ns);
    for r in records {
        let n = storage::secret_name(&r.name, r.version);
        match secrets.delete(&n, &DeleteParams::default()).await {
            Ok(_) => {}
            Err(e) if cluster::is_not_found(&e) => {}
            Err(e) => return Err(format!("Secret/{storage_ns}/{n}: {}", cluster::describe(&e))),
        }
    }
    post_delete.map(|()| changes)
}

/// Rewrites an existing record (its labels and data) with `client`.
pub(super) async fn write_record(
    client: &kube::Client,
    namespace: &str,
    record: &Record,
) -> Result<(), String> {
    let secret = storage::secret(record, namespace, None, Some(chrono::Utc::now().timestamp()))
        .map_err(|e| e.to_string())?;
    let name = storage::secret_name(&record.name, record.version);
    let api: Api<k8s_openapi::api::core::v1::Secret> = secrets_api(client, namespace);
    let patch = Patch::Merge(json!({
        "metadata": {"labels": secret["metadata"]["labels"]},
        "data": secret["data"],
    }));
    let pp = PatchParams::default();
    cluster::retry(|| api.patch(&name, &pp, &patch))
        .await
        .map(|_| ())
        .map_err(|e| {
            format!(
                "cannot update the release record Secret/{namespace}/{name}: {}",
                cluster::describe(&e)
            )
        })
}

impl Run<'_> {
    /// Before an install or upgrade: clears the failure counters when the attempt differs
    /// from the last one, then remediates a failed release or stops when the retries are
    /// exhausted. `None`: go on with the install or upgrade (or the no-op).
    pub(super) async fn remediation_first(
        &mut self,
        records: &[Record],
        chart_version: &str,
        config_digest: &str,
        in_sync: bool,
    ) -> Option<Stop> {
        if must_reset_failures(&self.status, self.generation, chart_version, config_digest) {
            clear_failures(&mut self.status);
        }
        match next(self.hr, &self.status, records, in_sync) {
            Next::Release => None,
            step => Some(self.remediate(step, records, None).await),
        }
    }

    /// After a failed install or upgrade whose failed revision is in `records`: deletes what
    /// a failed upgrade created (`spec.upgrade.cleanupOnFail`; `created` are the changes of
    /// the attempt), then remediates as [`next`] decides. Returns how the reconciliation
    /// stops.
    pub(super) async fn remediation_after(
        &mut self,
        failure: Stop,
        records: &[Record],
        upgrade: bool,
        created: &ChangeSet,
    ) -> Stop {
        if upgrade
            && self.hr.spec.upgrade.as_ref().is_some_and(|u| u.cleanup_on_fail)
            && let Err(e) = self.delete_created(created).await
        {
            tracing::warn!(namespace = %self.namespace, name = %self.name,
                    "cleanupOnFail: cannot delete what the failed upgrade created: {e}");
        }
        let decided = next(self.hr, &self.status, records, false);
        if decided == Next::Release {
            return failure;
        }
        self.set(hr_api::RELEASED, "False", failure.reason, &failure.message);
        self.event(EventType::Warning, failure.reason, &failure.message)
            .await;
        let mut stop = self.remediate(decided, records, Some(&failure)).await;
        stop.released = false;
        stop
    }

    /// Deletes the objects an attempt created.
    pub(super) async fn delete_created(&mut self, changes: &ChangeSet) -> Result<(), String> {
        let created: Vec<ObjectRef> = changes
            .entries
            .iter()
            .filter(|e| e.action == Action::Created)
            .map(|e| e.object.clone())
            .collect();
        if created.is_empty() {
            return Ok(());
        }
        let manager = Manager::new(self.acting.clone(), super::owner(self.hr));
        let deleted = manager.delete_all(&created).await.map_err(|e| e.to_string())?;
        self.changes.extend(deleted);
        Ok(())
    }

    /// Runs `step` and says how the reconciliation stops. `failure` is the install or
    /// upgrade failure of this reconciliation, when there was one (its message stays the
    /// `Released` condition's).
    async fn remediate(&mut self, step: Next, records: &[Record], failure: Option<&Stop>) -> Stop {
        let latest = records.iter().max_by_key(|r| r.version).cloned();
        let (ok, reason, message) = match (&step, latest) {
            (Next::Exhausted { action, failures }, _) => {
                let msg = format!("Failed to {action} after {failures} attempt(s)");
                return Self::quiet_stall(failure, RETRIES_EXCEEDED, msg);
            }
            (Next::MissingRollbackTarget, _) | (Next::Rollback(_) | Next::Uninstall, None) => {
                let msg = "Failed to perform remediation: missing target release for rollback: cannot remediate failed release".to_string();
                return Self::quiet_stall(failure, MISSING_ROLLBACK_TARGET, msg);
            }
            (Next::Release, _) => {
                // Not a remediation: the caller goes on with the release.
                return Stop::failed(hr_api::INIT_FAILED, "nothing to remediate");
            }
            (Next::Rollback(to), Some(cur)) => {
                let target = records.iter().find(|r| r.version == *to).cloned();
                let Some(target) = target else {
                    let msg =
                        "Failed to perform remediation: missing target release for rollback".to_string();
                    return Self::quiet_stall(failure, MISSING_ROLLBACK_TARGET, msg);
                };
                let (full, chart) = names(&target);
                match self.rollback(records, &cur, &target).await {
                    Ok(()) => (
                        true,
                        ROLLBACK_SUCCEEDED,
                        format!("Helm rollback to previous release {full} with chart {chart} succeeded"),
                    ),
                    Err(e) => (
                        false,
                        ROLLBACK_FAILED,
                        format!("Helm rollback to previous release {full} with chart {chart} failed: {e}"),
                    ),
                }
            }
            (Next::Uninstall, Some(cur)) => {
                let (full, chart) = names(&cur);
                match uninstall_release(self.engine, &self.acting, self.hr, records).await {
                    Ok(cs) => {
                        self.changes.extend(cs);
                        self.status.inventory = None;
                        self.mark_uninstalled(&cur);
                        (
                            true,
                            UNINSTALL_SUCCEEDED,
                            format!(
                                "Helm uninstall remediation for release {full} with chart {chart} succeeded"
                            ),
                        )
                    }
                    Err(e) => (
                        false,
                        UNINSTALL_FAILED,
                        format!(
                            "Helm uninstall remediation for release {full} with chart {chart} failed: {e}"
                        ),
                    ),
                }
            }
        };
        self.set(REMEDIATED, if ok { "True" } else { "False" }, reason, &message);
        let type_ = if ok { EventType::Normal } else { EventType::Warning };
        self.event(type_, reason, &message).await;
        if !ok {
            self.status.failures = Some(self.status.failures.unwrap_or(0) + 1);
        }
        let a = active(self.hr, &self.status);
        let stall = a
            .filter(|a| a.exhausted() && !(a.upgrade && a.uninstall))
            .map(|a| {
                (
                    RETRIES_EXCEEDED,
                    format!("Failed to {} after {} attempt(s)", a.action(), a.failures),
                )
            });
        Stop {
            reason,
            message,
            stalled: stall.is_some(),
            released: false,
            stall,
            quiet: true,
        }
    }

    /// Stops with `Stalled` (`reason`, `message`); `Ready` keeps the failure of this
    /// reconciliation when there was one, else says the same.
    fn quiet_stall(failure: Option<&Stop>, reason: &'static str, message: String) -> Stop {
        let (r, m) = match failure {
            Some(f) => (f.reason, f.message.clone()),
            None => (reason, message.clone()),
        };
        Stop {
            reason: r,
            message: m,
            stalled: true,
            released: false,
            stall: Some((reason, message)),
            quiet: true,
        }
    }

    /// The history after an uninstall remediation: the snapshot of `cur` marked uninstalled.
    fn mark_uninstalled(&mut self, cur: &Record) {
        let deleted = meta::now_rfc3339();
        for h in self.status.history.iter_mut().flatten() {
            if h.version == cur.version && h.name == cur.name {
                h.status = rstatus::UNINSTALLED.into();
                h.deleted = Some(deleted.clone());
                h.action = Some("uninstall-remediation".into());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn hr(spec: &serde_json::Value) -> HelmRelease {
        let mut s = json!({"interval": "5m", "chartRef": {"kind": "OCIRepository", "name": "c"}});
        for (k, v) in spec.as_object().unwrap() {
            s[k] = v.clone();
        }
        serde_json::from_value(json!({
            "apiVersion": "helm.toolkit.fluxcd.io/v2", "kind": "HelmRelease",
            "metadata": {"name": "web", "namespace": "apps", "generation": 2}, "spec": s,
        }))
        .unwrap()
    }

    fn rec(version: i64, status: &str) -> Record {
        Record {
            name: "web".into(),
            version,
            namespace: "apps".into(),
            info: storage::Info {
                status: status.into(),
                ..storage::Info::default()
            },
            ..Record::default()
        }
    }

    fn status(action: &str, install: i64, upgrade: i64) -> HelmReleaseStatus {
        HelmReleaseStatus {
            last_attempted_release_action: Some(action.into()),
            install_failures: Some(install).filter(|n| *n > 0),
            upgrade_failures: Some(upgrade).filter(|n| *n > 0),
            ..HelmReleaseStatus::default()
        }
    }

    #[test]
    fn a_failed_install_is_uninstalled_while_retries_remain_then_stalls() {
        let spec = hr(&json!({"install": {"remediation": {"retries": 2}}}));
        let failed = [rec(1, "failed")];
        assert_eq!(
            next(&spec, &status("install", 1, 0), &failed, false),
            Next::Uninstall
        );
        assert_eq!(
            next(&spec, &status("install", 2, 0), &failed, false),
            Next::Uninstall
        );
        // Third failure: retries exhausted, the last failure is left in place by default.
        let third = next(&spec, &status("install", 3, 0), &failed, false);
        assert_eq!(
            third,
            Next::Exhausted {
                action: "install".into(),
                failures: 3
            }
        );
        // Nothing installed (uninstalled by the remediation): install again, until exhausted.
        assert_eq!(next(&spec, &status("install", 2, 0), &[], false), Next::Release);
        let gone = [rec(1, "uninstalled")];
        assert_eq!(next(&spec, &status("install", 2, 0), &gone, false), Next::Release);
        assert!(matches!(
            next(&spec, &status("install", 3, 0), &gone, false),
            Next::Exhausted { .. }
        ));
        // remediateLastFailure: the exhausted failure is uninstalled too.
        let last = hr(&json!({"install": {"remediation": {"retries": 2, "remediateLastFailure": true}}}));
        assert_eq!(
            next(&last, &status("install", 3, 0), &failed, false),
            Next::Uninstall
        );
        // Unlimited retries.
        let unlimited = hr(&json!({"install": {"remediation": {"retries": -1}}}));
        assert_eq!(
            next(&unlimited, &status("install", 40, 0), &failed, false),
            Next::Uninstall
        );
        assert_eq!(
            next(&unlimited, &status("install", 40, 0), &[], false),
            Next::Release
        );
    }

    #[test]
    fn without_retries_the_first_failure_stalls_and_is_left_in_place() {
        let spec = hr(&json!({}));
        assert_eq!(
            next(&spec, &status("install", 1, 0), &[rec(1, "failed")], false),
            Next::Exhausted {
                action: "install".into(),
                failures: 1
            }
        );
        let upgraded = [rec(1, "deployed"), rec(2, "failed")];
        assert_eq!(
            next(&spec, &status("upgrade", 0, 1), &upgraded, false),
            Next::Exhausted {
                action: "upgrade".into(),
                failures: 1
            }
        );
        // Counters cleared (new generation): try again.
        assert_eq!(
            next(&spec, &status("upgrade", 0, 0), &upgraded, false),
            Next::Release
        );
        // A failed release not attempted by this object (no last action): upgrade.
        assert_eq!(
            next(&spec, &HelmReleaseStatus::default(), &upgraded, false),
            Next::Release
        );
    }

    #[test]
    fn a_failed_upgrade_rolls_back_to_the_last_successful_revision_or_uninstalls() {
        let spec = hr(&json!({"upgrade": {"remediation": {"retries": 1}}}));
        let records = [
            rec(1, "superseded"),
            rec(2, "deployed"),
            rec(3, "failed"),
            rec(4, "failed"),
        ];
        assert_eq!(
            next(&spec, &status("upgrade", 0, 1), &records, false),
            Next::Rollback(2)
        );
        // Exhausted, but retries > 0 remediate the last failure by default.
        assert_eq!(
            next(&spec, &status("upgrade", 0, 2), &records, false),
            Next::Rollback(2)
        );
        let keep = hr(&json!({"upgrade": {"remediation": {"retries": 1, "remediateLastFailure": false}}}));
        assert!(matches!(
            next(&keep, &status("upgrade", 0, 2), &records, false),
            Next::Exhausted { .. }
        ));
        // After the rollback: deployed but out of sync; upgrade again while retries remain.
        let rolled = [rec(1, "superseded"), rec(2, "failed"), rec(3, "deployed")];
        assert_eq!(
            next(&spec, &status("upgrade", 0, 1), &rolled, false),
            Next::Release
        );
        assert!(matches!(
            next(&spec, &status("upgrade", 0, 2), &rolled, false),
            Next::Exhausted { .. }
        ));
        // In sync: nothing to remediate whatever the counters.
        assert_eq!(
            next(&spec, &status("upgrade", 0, 9), &rolled, true),
            Next::Release
        );
        let uninstall = hr(&json!({"upgrade": {"remediation": {"retries": 1, "strategy": "uninstall"}}}));
        assert_eq!(
            next(&uninstall, &status("upgrade", 0, 1), &records, false),
            Next::Uninstall
        );
        // Nothing to roll back to.
        assert_eq!(
            next(
                &spec,
                &status("upgrade", 0, 1),
                &[rec(1, "failed"), rec(2, "failed")],
                false
            ),
            Next::MissingRollbackTarget
        );
    }

    #[test]
    fn failure_counters_restart_when_the_attempt_changes() {
        let st = HelmReleaseStatus {
            last_attempted_generation: Some(2),
            last_attempted_revision: Some("1.0.0".into()),
            last_attempted_config_digest: Some("sha256:a".into()),
            upgrade_failures: Some(1),
            ..HelmReleaseStatus::default()
        };
        assert!(!must_reset_failures(&st, Some(2), "1.0.0", "sha256:a"));
        assert!(must_reset_failures(&st, Some(3), "1.0.0", "sha256:a"));
        assert!(must_reset_failures(&st, Some(2), "1.0.1", "sha256:a"));
        assert!(must_reset_failures(&st, Some(2), "1.0.0", "sha256:b"));
        let mut cleared = st.clone();
        clear_failures(&mut cleared);
        assert_eq!(cleared.upgrade_failures, None);
    }

    #[test]
    fn cleared_status_fields_are_written_as_null() {
        let before = status("upgrade", 0, 2);
        let mut now = before.clone();
        clear_failures(&mut now);
        let patch = status_patch(&now);
        assert_eq!(patch["upgradeFailures"], serde_json::Value::Null);
        assert!(patch.as_object().unwrap().contains_key("upgradeFailures"));
        assert!(patch.as_object().unwrap().contains_key("inventory"));
        assert_eq!(patch["lastAttemptedReleaseAction"], "upgrade");
    }

    #[test]
    fn deletion_propagation_follows_the_spec() {
        assert!(matches!(
            propagation(&hr(&json!({}))),
            PropagationPolicy::Background
        ));
        assert!(matches!(
            propagation(&hr(&json!({"uninstall": {"deletionPropagation": "orphan"}}))),
            PropagationPolicy::Orphan
        ));
        assert!(matches!(
            propagation(&hr(&json!({"uninstall": {"deletionPropagation": "foreground"}}))),
            PropagationPolicy::Foreground
        ));
    }
}
