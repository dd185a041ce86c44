//! The test action (`spec.test`), as helm-controller runs `helm test` after a successful
//! install or upgrade, and for a current release not tested yet: the chart's `test` hooks
//! selected by `spec.test.filters` run (`hooks::run`) within `spec.test.timeout`, their runs
//! are written into the release record (so `helm get hooks` and `helm history` see them) and
//! into the latest history snapshot's `testHooks`; the `TestSuccess` condition
//! (`TestSucceeded`/`TestFailed`) and an event say how it went.
//!
//! The outcome goes back to the caller as a [`TestOutcome`]: a failed test that is not
//! ignored fails the reconciliation ([`TestOutcome::into_result`]); remediating it (rollback
//! or uninstall) is the caller's decision.

use std::collections::BTreeMap;

use super::hooks::{self, HookContext};
use super::{EventType, Run, Stop, go_to_rfc3339};
use crate::api::helmrelease::{RELEASED, TEST_FAILED, TEST_SUCCEEDED, TEST_SUCCESS, TestHookStatus};
use crate::api::meta::{self, READY};
use crate::helm::hooks::{self as helm_hooks, Hook, HookEvent};
use crate::helm::storage::{self, Record};

/// What the test action did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum TestOutcome {
    /// Tests are not enabled, or the release was tested already.
    NotRun,
    /// Every selected test hook succeeded.
    Succeeded,
    /// A test hook failed; `ignored` with `spec.test.ignoreFailures`.
    Failed {
        /// The `TestFailed` message.
        message: String,
        /// Whether the failure is ignored.
        ignored: bool,
    },
}

impl TestOutcome {
    /// The reconciliation's result: a failed test that is not ignored fails it
    /// (`TestFailed`); anything else lets it succeed.
    pub(super) fn into_result(self) -> Result<(), Stop> {
        match self {
            TestOutcome::Failed {
                message,
                ignored: false,
            } => Err(Stop::failed(TEST_FAILED, message)),
            _ => Ok(()),
        }
    }
}

impl Run<'_> {
    fn tests_enabled(&self) -> bool {
        self.hr.spec.test.as_ref().is_some_and(|t| t.enable)
    }

    fn ignore_test_failures(&self) -> bool {
        self.hr.spec.test.as_ref().is_some_and(|t| t.ignore_failures)
    }

    /// Whether the latest snapshot of `record` has test results.
    fn tested(&self, record: &Record) -> bool {
        self.status
            .history
            .as_ref()
            .and_then(|h| h.first())
            .is_some_and(|s| s.version == record.version && s.test_hooks.is_some())
    }

    /// For a release in sync: tests it when tests are enabled and it was not tested yet;
    /// keeps a recorded failure (not ignored) as the Ready state; drops `TestSuccess` when
    /// tests are disabled.
    pub(super) async fn test_in_sync(&mut self, cur: &Record, storage_ns: &str) -> Result<TestOutcome, Stop> {
        if self.tests_enabled() && !self.tested(cur) {
            let mut record = cur.clone();
            return self.test_release(&mut record, storage_ns).await;
        }
        let failed = meta::find_condition(
            self.status.conditions.as_deref().unwrap_or_default(),
            TEST_SUCCESS,
        )
        .filter(|c| c.status == "False")
        .map(|c| c.message.clone());
        match failed {
            Some(message) if self.tests_enabled() && !self.ignore_test_failures() => {
                Ok(TestOutcome::Failed {
                    message,
                    ignored: false,
                })
            }
            _ => {
                if self.summarize_tests() {
                    self.write_status().await?;
                }
                Ok(TestOutcome::NotRun)
            }
        }
    }

    /// Runs the test hooks of `record` (the release just made) when `spec.test.enable`.
    pub(super) async fn test_release(
        &mut self,
        record: &mut Record,
        storage_ns: &str,
    ) -> Result<TestOutcome, Stop> {
        if !self.tests_enabled() {
            if self.summarize_tests() {
                self.write_status().await?;
            }
            return Ok(TestOutcome::NotRun);
        }
        let spec = self.hr.spec.test.clone().unwrap_or_default();
        let filters: Vec<(&str, bool)> = spec
            .filters
            .iter()
            .flatten()
            .map(|f| (f.name.as_str(), f.exclude))
            .collect();
        let timeout = self.hr.test_timeout().map_err(|e| {
            Stop::stalled(
                crate::api::helmrelease::INIT_FAILED,
                format!("spec.test.timeout: {e}"),
            )
        })?;
        let what = storage::secret_name(&record.name, record.version);
        let mut all =
            helm_hooks::from_values(&record.hooks, &what).map_err(|e| Stop::failed(TEST_FAILED, e))?;
        // Helm's filters: the hooks left out stay in the record as they were.
        let (mut selected, skipped): (Vec<Hook>, Vec<Hook>) = all
            .drain(..)
            .partition(|h| helm_hooks::test_selected(&h.name, &filters));
        let ctx = HookContext {
            client: self.acting.clone(),
            namespace: record.namespace.clone(),
            timeout,
            interval: self.engine.options.health_interval,
        };
        let result = hooks::run(&ctx, &mut selected, HookEvent::Test).await;
        let statuses = test_hook_statuses(&selected);
        let count = statuses.len();
        let mut hooks = skipped;
        hooks.extend(selected);
        record.hooks = helm_hooks::to_values(&hooks);
        self.update_record(storage_ns, record).await?;
        self.record_tests(record, statuses);

        let release = format!("{storage_ns}/{}.v{}", record.name, record.version);
        let chart = format!("{}@{}", record.chart_name(), record.chart_version());
        let outcome = match result {
            Ok(()) => {
                let hooks_msg = match count {
                    0 => "no test hooks".to_string(),
                    1 => "1 test hook completed successfully".to_string(),
                    n => format!("{n} test hooks completed successfully"),
                };
                let message =
                    format!("Helm test succeeded for release {release} with chart {chart}: {hooks_msg}");
                self.set(TEST_SUCCESS, "True", TEST_SUCCEEDED, &message);
                self.summarize_tests();
                self.write_status().await?;
                self.event(EventType::Normal, TEST_SUCCEEDED, &message).await;
                TestOutcome::Succeeded
            }
            Err(e) => {
                let message = format!("Helm test failed for release {release} with chart {chart}: {e}");
                self.set(TEST_SUCCESS, "False", TEST_FAILED, &message);
                let ignored = spec.ignore_failures;
                if ignored {
                    // Not ignored, the failure is counted and reported where it stops the
                    // reconciliation.
                    self.status.failures = Some(self.status.failures.unwrap_or(0) + 1);
                    self.summarize_tests();
                    self.write_status().await?;
                    self.event(EventType::Warning, TEST_FAILED, &message).await;
                }
                TestOutcome::Failed { message, ignored }
            }
        };
        Ok(outcome)
    }

    /// The test results in the latest snapshot (when it is `record`'s), its digest
    /// following the record.
    fn record_tests(&mut self, record: &Record, statuses: BTreeMap<String, TestHookStatus>) {
        use sha2::Digest as _;
        let Some(snap) = self.status.history.as_mut().and_then(|h| h.first_mut()) else {
            return;
        };
        if snap.version != record.version {
            return;
        }
        snap.test_hooks = Some(statuses);
        snap.digest = format!(
            "sha256:{:x}",
            sha2::Sha256::digest(serde_json::to_vec(record).unwrap_or_default())
        );
    }

    /// helm-controller's summary of the tests into Ready: with tests enabled and failures
    /// not ignored, `TestSuccess` (when at least as recent as `Released`) is the Ready state;
    /// with tests disabled, `TestSuccess` goes. Returns whether a condition changed.
    fn summarize_tests(&mut self) -> bool {
        let enabled = self.tests_enabled();
        let ignore = self.ignore_test_failures();
        let generation = self.generation;
        let Some(conds) = self.status.conditions.as_mut() else {
            return false;
        };
        if !enabled {
            let before = conds.len();
            meta::remove_condition(conds, TEST_SUCCESS);
            return conds.len() != before;
        }
        if ignore {
            return false;
        }
        let Some(test) = meta::find_condition(conds, TEST_SUCCESS).cloned() else {
            return false;
        };
        let released_gen = meta::find_condition(conds, RELEASED).and_then(|c| c.observed_generation);
        if test.observed_generation < released_gen {
            return false;
        }
        meta::set_condition(
            conds,
            meta::Condition::new(READY, &test.status, &test.reason, &test.message, generation),
        );
        true
    }
}

/// The `testHooks` of a snapshot: every test hook that ran or was selected, by name.
fn test_hook_statuses(selected: &[Hook]) -> BTreeMap<String, TestHookStatus> {
    selected
        .iter()
        .filter(|h| h.fires_on(HookEvent::Test))
        .map(|h| {
            let r = &h.last_run;
            let time = |t: &str| Some(t).filter(|t| !t.is_empty()).map(go_to_rfc3339);
            (
                h.name.clone(),
                TestHookStatus {
                    last_started: time(&r.started_at),
                    last_completed: time(&r.completed_at),
                    phase: Some(r.phase.clone()).filter(|p| !p.is_empty()),
                },
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::helm::hooks::HookExecution;

    fn test_hook(name: &str, events: &[&str], run: HookExecution) -> Hook {
        Hook {
            name: name.into(),
            events: events.iter().map(|e| (*e).to_string()).collect(),
            last_run: run,
            ..Hook::default()
        }
    }

    #[test]
    fn test_hooks_are_reported_by_name_with_kubernetes_times() {
        let ran = HookExecution {
            started_at: "2026-12-07T17:00:00.123456789Z".into(),
            completed_at: "2026-12-07T17:00:02.5Z".into(),
            phase: "Failed".into(),
        };
        let hooks = [
            test_hook("t1", &["test"], ran),
            test_hook("t2", &["test"], HookExecution::default()),
            test_hook("migrate", &["pre-install"], HookExecution::default()),
        ];
        let statuses = test_hook_statuses(&hooks);
        assert_eq!(statuses.keys().collect::<Vec<_>>(), ["t1", "t2"]);
        assert_eq!(
            statuses["t1"],
            TestHookStatus {
                last_started: Some("2026-12-07T17:00:00Z".into()),
                last_completed: Some("2026-12-07T17:00:02Z".into()),
                phase: Some("Failed".into()),
            }
        );
        assert_eq!(statuses["t2"], TestHookStatus::default());
    }

    #[test]
    fn only_a_failure_not_ignored_stops_the_reconciliation() {
        assert!(TestOutcome::NotRun.into_result().is_ok());
        assert!(TestOutcome::Succeeded.into_result().is_ok());
        let ignored = TestOutcome::Failed {
            message: "m".into(),
            ignored: true,
        };
        assert!(ignored.into_result().is_ok());
        let stop = TestOutcome::Failed {
            message: "m".into(),
            ignored: false,
        }
        .into_result()
        .unwrap_err();
        assert_eq!(
            (stop.reason, stop.message.as_str(), stop.stalled),
            (TEST_FAILED, "m", false)
        );
    }
}
