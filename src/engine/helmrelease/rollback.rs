//! The rollback action, with Helm's semantics: a new revision made from an earlier one
//! (its chart, values, manifest, hooks and notes; description `Rollback to N`), its objects
//! applied with server-side apply, the objects of the current (failed) revision it does not
//! have deleted, then waited for. On success every deployed revision is superseded and the
//! new one is deployed; on failure the current revision is superseded and the new one
//! failed (its created objects deleted with `spec.rollback.cleanupOnFail`).
//!
//! `spec.rollback`: `timeout`, `disableWait`, `force` (recreate what an immutable field
//! change needs), `cleanupOnFail`, `disableWaitForJobs` and `disableHooks` (the
//! `pre-rollback`/`post-rollback` hooks around [`Run::apply_rollback`]) are honoured here;
//! `recreate` and `serverSideApply: disabled` stall as unsupported.

use std::time::Duration;

use super::{ChangeSet, Run, go_to_rfc3339, now_go};
use crate::api::helmrelease::ReleaseSnapshot;
use crate::api::meta::{self, RECONCILING};
use crate::apply::{ApplyOptions, Manager, WaitOptions};
use crate::engine::helm_render;
use crate::helm::hooks::HookEvent;
use crate::helm::storage::{Info, Record, status as rstatus};

/// The rollback revision made from `target` on top of `current` (the newest revision):
/// pending, as Helm writes it before applying.
pub(super) fn rollback_record(current: &Record, target: &Record, now: String) -> Record {
    Record {
        name: current.name.clone(),
        info: Info {
            first_deployed: current.info.first_deployed.clone(),
            last_deployed: now,
            description: format!("Rollback to {}", target.version),
            status: rstatus::PENDING_ROLLBACK.into(),
            notes: target.info.notes.clone(),
            ..Info::default()
        },
        chart: target.chart.clone(),
        config: target.config.clone(),
        manifest: target.manifest.clone(),
        hooks: target.hooks.clone(),
        version: current.version + 1,
        namespace: target.namespace.clone(),
        apply_method: "ssa".into(),
        extra: target.extra.clone(),
    }
}

/// A `status.history` snapshot of a record.
pub(super) fn snapshot_of(record: &Record, oci_digest: Option<String>, action: &str) -> ReleaseSnapshot {
    use sha2::Digest as _;
    ReleaseSnapshot {
        api_version: Some("v2".into()),
        digest: format!(
            "sha256:{:x}",
            sha2::Sha256::digest(serde_json::to_vec(record).unwrap_or_default())
        ),
        name: record.name.clone(),
        namespace: record.namespace.clone(),
        version: record.version,
        status: record.info.status.clone(),
        chart_name: record.chart_name().to_string(),
        chart_version: record.chart_version().to_string(),
        app_version: Some(record.app_version().to_string()).filter(|a| !a.is_empty()),
        config_digest: helm_render::config_digest(&record.config),
        first_deployed: go_to_rfc3339(&record.info.first_deployed),
        last_deployed: go_to_rfc3339(&record.info.last_deployed),
        deleted: None,
        test_hooks: None,
        oci_digest,
        action: Some(action.to_string()),
    }
}

impl Run<'_> {
    /// `spec.rollback.timeout`, else `spec.timeout`.
    fn rollback_timeout(&self) -> Result<Duration, String> {
        match self.hr.spec.rollback.as_ref().and_then(|r| r.timeout.as_deref()) {
            Some(t) => crate::duration::parse(t).map_err(|e| format!("spec.rollback.timeout: {e}")),
            None => self.hr.timeout().map_err(|e| format!("spec.timeout: {e}")),
        }
    }

    /// Rolls the release back from `current` (its newest revision, in `records`) to
    /// `target`. The new revision and the statuses of the others are recorded either way;
    /// the error says why the rollback failed.
    pub(super) async fn rollback(
        &mut self,
        records: &[Record],
        current: &Record,
        target: &Record,
    ) -> Result<(), String> {
        let timeout = self.rollback_timeout()?;
        let storage_ns = self.hr.storage_namespace().to_string();
        self.set(
            RECONCILING,
            "True",
            meta::PROGRESSING_REASON,
            &format!(
                "Running 'rollback' action with timeout of {}",
                crate::duration::format(timeout)
            ),
        );
        if let Err(e) = self.write_status().await {
            tracing::debug!(error = %e.message, "cannot record the rollback in progress");
        }
        let mut record = rollback_record(current, target, now_go());
        self.create_record(&storage_ns, &record)
            .await
            .map_err(|e| e.message)?;
        let mark = self.changes.entries.len();
        let result = self
            .rollback_with_hooks(&mut record, current, &storage_ns, timeout)
            .await;
        let opts = self.hr.spec.rollback.clone().unwrap_or_default();
        if let Err(message) = result {
            let mut cur = current.clone();
            cur.info.status = rstatus::SUPERSEDED.into();
            self.update_record(&storage_ns, &cur)
                .await
                .map_err(|e| e.message)?;
            record.info.status = rstatus::FAILED.into();
            record.info.description = format!("Rollback \"{}\" failed: {message}", record.name);
            self.update_record(&storage_ns, &record)
                .await
                .map_err(|e| e.message)?;
            if opts.cleanup_on_fail {
                let attempt = ChangeSet {
                    entries: self.changes.entries[mark..].to_vec(),
                };
                if let Err(e) = self.delete_created(&attempt).await {
                    tracing::warn!(namespace = %self.namespace, name = %self.name,
                        "rollback cleanupOnFail: cannot delete what the rollback created: {e}");
                }
            }
            self.record_history(&[&cur, &record], target);
            return Err(message);
        }
        let mut changed: Vec<Record> = Vec::new();
        for old in records.iter().filter(|r| r.info.status == rstatus::DEPLOYED) {
            let mut o = old.clone();
            o.info.status = rstatus::SUPERSEDED.into();
            self.update_record(&storage_ns, &o).await.map_err(|e| e.message)?;
            changed.push(o);
        }
        record.info.status = rstatus::DEPLOYED.into();
        self.update_record(&storage_ns, &record)
            .await
            .map_err(|e| e.message)?;
        self.prune_history(&storage_ns, records, record.version)
            .await
            .map_err(|e| e.message)?;
        self.release_version = Some(record.version);
        let mut all: Vec<&Record> = changed.iter().collect();
        all.push(&record);
        self.record_history(&all, target);
        Ok(())
    }

    /// The `pre-rollback` hooks, [`Run::apply_rollback`], the `post-rollback` hooks (unless
    /// `spec.rollback.disableHooks`), each hook's run recorded in `record`.
    async fn rollback_with_hooks(
        &mut self,
        record: &mut Record,
        current: &Record,
        storage_ns: &str,
        timeout: Duration,
    ) -> Result<(), String> {
        let hooks = !self.hr.spec.rollback.as_ref().is_some_and(|r| r.disable_hooks);
        if hooks {
            self.release_hooks(record, storage_ns, HookEvent::PreRollback, timeout)
                .await
                .map_err(|e| format!("pre-rollback hooks failed: {e}"))?;
        }
        self.apply_rollback(record, current, timeout).await?;
        if hooks {
            self.release_hooks(record, storage_ns, HookEvent::PostRollback, timeout)
                .await
                .map_err(|e| format!("post-rollback hooks failed: {e}"))?;
        }
        Ok(())
    }

    /// Applies the rollback revision's objects, deletes those of `current` it does not have,
    /// waits for them (unless `spec.rollback.disableWait`).
    pub(super) async fn apply_rollback(
        &mut self,
        record: &Record,
        current: &Record,
        timeout: Duration,
    ) -> Result<(), String> {
        let opts = self.hr.spec.rollback.clone().unwrap_or_default();
        let objects = helm_render::manifest_documents(&record.manifest, &record.name, &record.namespace)?;
        let manager = Manager::new(self.acting.clone(), super::owner(self.hr));
        let apply = ApplyOptions {
            force: opts.force,
            wait_timeout: timeout,
            poll_interval: self.engine.options.poll_interval,
        };
        let inventory = self.apply_bounded(&manager, objects, &apply, timeout).await?;
        self.delete_dropped(&manager, current, &inventory).await?;
        if !opts.disable_wait {
            let wait = WaitOptions {
                timeout,
                interval: self.engine.options.health_interval,
                fail_fast: false,
            };
            manager
                .wait_for_health(
                    &super::wait_targets(&inventory.objects, opts.disable_wait_for_jobs),
                    &wait,
                )
                .await
                .map_err(|e| e.to_string())?;
        }
        Ok(())
    }

    /// `status.history` after a rollback: the snapshots of the rewritten records updated, the
    /// new revision (the last of `written`) first.
    fn record_history(&mut self, written: &[&Record], target: &Record) {
        let history = self.status.history.get_or_insert_with(Vec::new);
        let oci = history
            .iter()
            .find(|h| h.version == target.version)
            .and_then(|h| h.oci_digest.clone());
        let Some((new, rest)) = written.split_last() else {
            return;
        };
        for r in rest {
            for h in history.iter_mut() {
                if h.version == r.version && h.name == r.name {
                    h.status.clone_from(&r.info.status);
                }
            }
        }
        history.insert(0, snapshot_of(new, oci, "rollback"));
        if self.hr.max_history() > 0 {
            history.truncate(usize::try_from(self.hr.max_history()).unwrap_or(1).max(1));
        }
        self.status.last_release_revision = Some(new.version);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_rollback_revision_is_the_target_on_top_of_the_current_one() {
        let target = Record {
            name: "web".into(),
            version: 1,
            namespace: "apps".into(),
            info: Info {
                first_deployed: "2026-01-01T00:00:00Z".into(),
                status: rstatus::SUPERSEDED.into(),
                notes: "hi".into(),
                ..Info::default()
            },
            chart: json!({"metadata": {"name": "web", "version": "1.0.0"}}),
            config: json!({"a": 1}).as_object().unwrap().clone(),
            manifest: "---\nkind: ConfigMap\n".into(),
            ..Record::default()
        };
        let current = Record {
            version: 4,
            info: Info {
                first_deployed: "2026-01-01T00:00:00Z".into(),
                status: rstatus::FAILED.into(),
                ..Info::default()
            },
            chart: json!({"metadata": {"name": "web", "version": "2.0.0"}}),
            ..target.clone()
        };
        let r = rollback_record(&current, &target, "2026-02-02T00:00:00Z".into());
        assert_eq!(r.version, 5);
        assert_eq!(r.info.description, "Rollback to 1");
        assert_eq!(r.info.status, "pending-rollback");
        assert_eq!(r.chart_version(), "1.0.0");
        assert_eq!(r.config, target.config);
        assert_eq!(r.manifest, target.manifest);
        assert_eq!(r.info.notes, "hi");
        assert_eq!(r.info.first_deployed, "2026-01-01T00:00:00Z");
        let snap = snapshot_of(&r, Some("sha256:x".into()), "rollback");
        assert_eq!(snap.version, 5);
        assert_eq!(snap.chart_version, "1.0.0");
        assert_eq!(snap.config_digest, helm_render::config_digest(&target.config));
        assert_eq!(snap.action.as_deref(), Some("rollback"));
    }
}
