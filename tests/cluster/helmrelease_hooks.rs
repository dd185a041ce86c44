//! HelmRelease chart hooks and the test action against the real API server. The test
//! cluster has no kubelet and no Job controller: the tests finish hook Jobs and test Pods by
//! writing their status subresource while the engine waits on them.

use std::time::Duration;

use flux_rs::api::HelmRelease;
use flux_rs::api::meta;
use flux_rs::engine::helmrelease::HelmReport;
use flux_rs::helm::hooks::{self as helm_hooks, Hook};
use flux_rs::helm::storage;
use flux_rs::reconcile::{Outcome, Request};
use k8s_openapi::api::batch::v1::Job;
use k8s_openapi::api::core::v1::{Pod, Secret, ServiceAccount};
use kube::Client;
use kube::api::{Api, DeleteParams, Patch, PatchParams};
use serde_json::json;
use tokio::task::JoinHandle;

use crate::helmrelease::{Bed, ready, sdk};

/// Reconciles `name` in a task of its own, so the test can finish the hooks it waits on.
async fn reconcile_in_background(bed: &Bed, name: &str) -> JoinHandle<HelmReport> {
    let live = bed.hr(name).await;
    let engine = bed.engine.clone();
    tokio::spawn(async move { engine.reconcile(&live, &Request::default()).await })
}

/// Waits until `get` finds the object (60 s at most).
async fn wait_for<T, F, Fut>(what: &str, get: F) -> T
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(v) = get().await {
            return v;
        }
        assert!(tokio::time::Instant::now() < deadline, "{what} never appeared");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn job(client: &Client, ns: &str, name: &str) -> Option<Job> {
    Api::<Job>::namespaced(client.clone(), ns)
        .get_opt(name)
        .await
        .unwrap()
}

/// Waits for the hook Job `name`, then marks it complete (or failed) as the Job controller
/// would.
async fn finish_job(client: &Client, ns: &str, name: &str, succeeded: bool) {
    wait_for(&format!("Job {name}"), || job(client, ns, name)).await;
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let status = if succeeded {
        json!({"startTime": now, "completionTime": now, "succeeded": 1,
               "conditions": [{"type": "Complete", "status": "True", "lastProbeTime": now, "lastTransitionTime": now}]})
    } else {
        json!({"startTime": now, "failed": 1,
               "conditions": [{"type": "Failed", "status": "True", "reason": "BackoffLimitExceeded",
                               "message": "Job has reached the specified backoff limit",
                               "lastProbeTime": now, "lastTransitionTime": now}]})
    };
    Api::<Job>::namespaced(client.clone(), ns)
        .patch_status(
            name,
            &PatchParams::default(),
            &Patch::Merge(json!({ "status": status })),
        )
        .await
        .unwrap();
}

/// Waits for the test Pod `name`, then sets its phase as the kubelet would.
async fn finish_pod(client: &Client, ns: &str, name: &str, phase: &str) {
    let api = Api::<Pod>::namespaced(client.clone(), ns);
    wait_for(&format!("Pod {name}"), || async {
        api.get_opt(name).await.unwrap()
    })
    .await;
    api.patch_status(
        name,
        &PatchParams::default(),
        &Patch::Merge(json!({"status": {"phase": phase}})),
    )
    .await
    .unwrap();
}

/// The hooks of revision `version` of release `name`, as flux-rs stored them.
async fn recorded_hooks(client: &Client, ns: &str, name: &str, version: i64) -> Vec<Hook> {
    let s = Api::<Secret>::namespaced(client.clone(), ns)
        .get(&storage::secret_name(name, version))
        .await
        .unwrap();
    let r = storage::from_secret(&serde_json::to_value(&s).unwrap()).unwrap();
    helm_hooks::from_values(&r.hooks, "record").unwrap()
}

fn hook<'a>(hooks: &'a [Hook], name: &str) -> &'a Hook {
    hooks
        .iter()
        .find(|h| h.name == name)
        .unwrap_or_else(|| panic!("no hook {name} in {hooks:?}"))
}

#[tokio::test]
async fn hooks_run_by_weight_are_deleted_by_policy_and_a_failed_pre_upgrade_hook_applies_nothing() {
    let bed = Bed::new("hr-hooks").await;
    let n = bed.n().to_string();
    let c = bed.client.clone();
    bed.publish("hooks", "0.1.0").await;
    bed.create_hr(
        "app",
        json!({"interval": "10m", "chartRef": {"kind": "OCIRepository", "name": "chart"}, "timeout": "2m"}),
    )
    .await;

    // Install: pre-install hooks by weight (-3 Job, 0 ConfigMap, 5 Job), each waited for
    // before the next; the release's objects only after them.
    let task = reconcile_in_background(&bed, "app").await;
    wait_for("Job app-pre-early", || job(&c, &n, "app-pre-early")).await;
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert!(
        job(&c, &n, "app-pre-late").await.is_none(),
        "the heavier hook waits for the lighter one"
    );
    assert!(bed.config_map("app-pre-config").await.is_none());
    assert!(
        bed.config_map("app-main").await.is_none(),
        "no release object before the pre-install hooks are done"
    );
    finish_job(&c, &n, "app-pre-early", true).await;
    finish_job(&c, &n, "app-pre-late", true).await;
    assert!(
        bed.config_map("app-pre-config").await.is_some(),
        "weight 0 ran between -3 and 5"
    );
    let report = task.await.unwrap();
    assert_eq!(report.outcome, Outcome::Succeeded, "{report:?}");
    assert_eq!(report.action, Some("install"));
    assert!(bed.config_map("app-main").await.is_some());
    assert!(bed.config_map("app-post").await.is_some(), "post-install hook");
    assert!(
        job(&c, &n, "app-pre-late").await.is_none(),
        "hook-succeeded: deleted once the hooks succeeded"
    );
    assert!(
        job(&c, &n, "app-pre-early").await.is_some(),
        "before-hook-creation (the default): kept until the next run"
    );
    assert!(
        bed.config_map("app-pre-delete").await.is_none(),
        "pre-delete hooks do not run on install"
    );

    // The record holds every hook as Helm records them.
    let hooks = recorded_hooks(&c, &n, "app", 1).await;
    let names: Vec<&str> = hooks.iter().map(|h| h.name.as_str()).collect();
    for name in [
        "app-pre-early",
        "app-pre-late",
        "app-pre-config",
        "app-pre-upgrade",
        "app-post",
        "app-pre-delete",
        "app-test-ok",
        "app-test-other",
    ] {
        assert!(names.contains(&name), "{name} not recorded: {names:?}");
    }
    let early = hook(&hooks, "app-pre-early");
    assert_eq!(
        (
            early.kind.as_str(),
            early.path.as_str(),
            early.weight,
            early.last_run.phase.as_str()
        ),
        ("Job", "hooks/templates/pre-install.yaml", -3, "Succeeded")
    );
    assert_eq!(early.events, ["pre-install"]);
    assert_eq!(early.delete_policies, ["before-hook-creation"]);
    assert!(early.manifest.contains("name: app-pre-early"));
    assert!(early.last_run.started_at <= early.last_run.completed_at);
    let late = hook(&hooks, "app-pre-late");
    assert!(early.last_run.completed_at <= late.last_run.started_at);
    assert_eq!(late.delete_policies, ["hook-succeeded"]);
    assert_eq!(hook(&hooks, "app-post").events, ["post-install", "post-upgrade"]);
    assert_eq!(hook(&hooks, "app-post").last_run.phase, "Succeeded");
    assert_eq!(hook(&hooks, "app-pre-upgrade").last_run.phase, "");
    assert_eq!(hook(&hooks, "app-test-ok").last_run.phase, "");

    // Helm's SDK reads them (`helm get hooks`).
    let theirs = sdk(&n, &["hooks", "app"]);
    let early = theirs
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["name"] == "app-pre-early")
        .unwrap_or_else(|| panic!("Helm does not see the hook: {theirs}"));
    assert_eq!(early["kind"], "Job");
    assert_eq!(early["weight"], -3);
    assert_eq!(early["events"], json!(["pre-install"]));
    assert_eq!(early["last_run"]["phase"], "Succeeded");
    assert_eq!(early["delete_policies"], json!(["before-hook-creation"]));
    assert_eq!(theirs.as_array().unwrap().len(), 8, "{theirs}");

    // A failing pre-upgrade hook fails the upgrade: nothing of the release is applied, the
    // post-upgrade hook does not run, hook-failed deletes the Job.
    Api::<HelmRelease>::namespaced(c.clone(), &n)
        .patch(
            "app",
            &PatchParams::default(),
            &Patch::Merge(json!({"spec": {"values": {"greeting": "changed"}}})),
        )
        .await
        .unwrap();
    let task = reconcile_in_background(&bed, "app").await;
    finish_job(&c, &n, "app-pre-upgrade", false).await;
    let report = task.await.unwrap();
    // No upgrade remediation retries (the default): the failure stalls the release.
    let Outcome::Stalled { reason, .. } = &report.outcome else {
        panic!("{report:?}")
    };
    assert_eq!(reason, "RetriesExceeded");
    let hr = bed.hr("app").await;
    let message = ready(&hr).2;
    assert!(
        message.starts_with(&format!(
            "Helm upgrade failed for release {n}/app.v2 with chart version 0.1.0: pre-upgrade hooks failed: pre-upgrade hook hooks/templates/upgrade.yaml failed: Job/{n}/app-pre-upgrade failed: BackoffLimitExceeded"
        )),
        "{message}"
    );
    assert_eq!(ready(&hr).1, "UpgradeFailed");
    assert_eq!(
        bed.config_map("app-main").await.unwrap().data.unwrap()["greeting"],
        "hello",
        "the release's objects were not applied"
    );
    assert_eq!(
        bed.config_map("app-post").await.unwrap().data.unwrap()["greeting"],
        "hello",
        "no post-upgrade hook"
    );
    assert!(job(&c, &n, "app-pre-upgrade").await.is_none(), "hook-failed");
    let recs: Vec<(i64, String)> = bed.records("app").await.into_iter().map(|r| (r.0, r.1)).collect();
    assert_eq!(recs, [(1, "deployed".to_string()), (2, "failed".to_string())]);
    let v2 = recorded_hooks(&c, &n, "app", 2).await;
    assert_eq!(hook(&v2, "app-pre-upgrade").last_run.phase, "Failed");
    assert_eq!(hook(&v2, "app-post").last_run.phase, "");

    // Uninstall runs the pre-delete hook (kept: before-hook-creation) before deleting.
    Api::<HelmRelease>::namespaced(c.clone(), &n)
        .delete("app", &DeleteParams::default())
        .await
        .unwrap();
    let report = bed
        .engine
        .reconcile(&bed.hr("app").await, &Request::default())
        .await;
    assert_eq!(report.outcome, Outcome::Succeeded, "{report:?}");
    assert!(bed.config_map("app-pre-delete").await.is_some());
    assert!(bed.config_map("app-main").await.is_none());
    assert!(bed.records("app").await.is_empty());
}

#[tokio::test]
async fn test_hooks_set_test_success_and_a_failed_test_fails_the_release() {
    let bed = Bed::new("hr-tests").await;
    let n = bed.n().to_string();
    let c = bed.client.clone();
    // Pods need the namespace's default ServiceAccount, made by the controller manager.
    let sa = Api::<ServiceAccount>::namespaced(c.clone(), &n);
    wait_for("ServiceAccount default", || async {
        sa.get_opt("default").await.unwrap()
    })
    .await;
    bed.publish("hooks", "0.1.0").await;

    // Tests enabled, one excluded by a filter; install hooks disabled.
    bed.create_hr(
        "ok",
        json!({"interval": "10m", "chartRef": {"kind": "OCIRepository", "name": "chart"},
               "install": {"disableHooks": true},
               "test": {"enable": true, "timeout": "1m", "filters": [{"name": "ok-test-other", "exclude": true}]}}),
    )
    .await;
    let task = reconcile_in_background(&bed, "ok").await;
    finish_pod(&c, &n, "ok-test-ok", "Succeeded").await;
    let report = task.await.unwrap();
    assert_eq!(report.outcome, Outcome::Succeeded, "{report:?}");
    assert!(
        job(&c, &n, "ok-pre-early").await.is_none(),
        "install.disableHooks: no pre-install hook"
    );
    assert!(bed.config_map("ok-post").await.is_none());
    assert!(
        Api::<Pod>::namespaced(c.clone(), &n)
            .get_opt("ok-test-other")
            .await
            .unwrap()
            .is_none(),
        "filtered out"
    );
    let hr = bed.hr("ok").await;
    let test = meta::find_condition(hr.conditions(), "TestSuccess").expect("TestSuccess");
    let message = format!(
        "Helm test succeeded for release {n}/ok.v1 with chart hooks@0.1.0: 1 test hook completed successfully"
    );
    assert_eq!(
        (test.status.as_str(), test.reason.as_str(), test.message.as_str()),
        ("True", "TestSucceeded", message.as_str())
    );
    assert_eq!(
        ready(&hr),
        ("True".into(), "TestSucceeded".into(), message.clone())
    );
    let snap = &hr.status.as_ref().unwrap().history.as_ref().unwrap()[0];
    let tests = snap.test_hooks.as_ref().expect("testHooks");
    assert_eq!(tests.keys().collect::<Vec<_>>(), ["ok-test-ok"]);
    assert_eq!(tests["ok-test-ok"].phase.as_deref(), Some("Succeeded"));
    assert!(tests["ok-test-ok"].last_started.is_some());
    assert!(tests["ok-test-ok"].last_completed.is_some());
    let hooks = recorded_hooks(&c, &n, "ok", 1).await;
    assert_eq!(hook(&hooks, "ok-test-ok").last_run.phase, "Succeeded");
    assert_eq!(hook(&hooks, "ok-test-other").last_run.phase, "");
    assert_eq!(hook(&hooks, "ok-pre-early").last_run.phase, "");

    // In sync and tested: nothing runs again.
    let (report, hr) = bed.reconcile("ok").await;
    assert_eq!(report.outcome, Outcome::Succeeded, "{report:?}");
    assert_eq!(report.action, None);
    assert_eq!(ready(&hr).1, "TestSucceeded");

    // A failing test fails the release (Released stays True).
    bed.create_hr(
        "bad",
        json!({"interval": "10m", "chartRef": {"kind": "OCIRepository", "name": "chart"},
               "install": {"disableHooks": true}, "test": {"enable": true}}),
    )
    .await;
    let task = reconcile_in_background(&bed, "bad").await;
    finish_pod(&c, &n, "bad-test-ok", "Failed").await;
    let report = task.await.unwrap();
    let Outcome::Failed { reason, message } = &report.outcome else {
        panic!("{report:?}")
    };
    assert_eq!(reason, "TestFailed");
    assert_eq!(
        message,
        &format!(
            "Helm test failed for release {n}/bad.v1 with chart hooks@0.1.0: test hook hooks/templates/tests/test-ok.yaml failed: Pod/{n}/bad-test-ok failed (phase Failed)"
        )
    );
    let hr = bed.hr("bad").await;
    assert_eq!(ready(&hr), ("False".into(), "TestFailed".into(), message.clone()));
    let test = meta::find_condition(hr.conditions(), "TestSuccess").unwrap();
    assert_eq!(
        (test.status.as_str(), test.reason.as_str()),
        ("False", "TestFailed")
    );
    assert_eq!(
        meta::find_condition(hr.conditions(), "Released").unwrap().status,
        "True"
    );
    let st = hr.status.as_ref().unwrap();
    assert_eq!(st.failures, Some(1));
    let tests = st.history.as_ref().unwrap()[0].test_hooks.clone().unwrap();
    assert_eq!(tests["bad-test-ok"].phase.as_deref(), Some("Failed"));
    assert_eq!(
        tests["bad-test-other"].phase, None,
        "not run after the first failure"
    );
    assert!(
        Api::<Pod>::namespaced(c.clone(), &n)
            .get_opt("bad-test-other")
            .await
            .unwrap()
            .is_none()
    );

    // ignoreFailures: the failure is reported, the release stays Ready.
    bed.create_hr(
        "lenient",
        json!({"interval": "10m", "chartRef": {"kind": "OCIRepository", "name": "chart"},
               "install": {"disableHooks": true},
               "test": {"enable": true, "ignoreFailures": true, "filters": [{"name": "lenient-test-other"}]}}),
    )
    .await;
    let task = reconcile_in_background(&bed, "lenient").await;
    finish_pod(&c, &n, "lenient-test-other", "Failed").await;
    let report = task.await.unwrap();
    assert_eq!(report.outcome, Outcome::Succeeded, "{report:?}");
    let hr = bed.hr("lenient").await;
    assert_eq!(ready(&hr).1, "InstallSucceeded");
    let test = meta::find_condition(hr.conditions(), "TestSuccess").unwrap();
    assert_eq!(
        (test.status.as_str(), test.reason.as_str()),
        ("False", "TestFailed")
    );

    // Tests disabled again: TestSuccess goes.
    Api::<HelmRelease>::namespaced(c.clone(), &n)
        .patch(
            "lenient",
            &PatchParams::default(),
            &Patch::Merge(json!({"spec": {"test": {"enable": false}}})),
        )
        .await
        .unwrap();
    let (report, hr) = bed.reconcile("lenient").await;
    assert_eq!(report.outcome, Outcome::Succeeded, "{report:?}");
    assert!(meta::find_condition(hr.conditions(), "TestSuccess").is_none());
}
