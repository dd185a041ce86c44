//! Remediation of failed HelmReleases against the real API server: a failing upgrade rolled
//! back (and Helm's SDK reading the rollback in the history), install retries with uninstall
//! remediation until `RetriesExceeded`, `uninstall.keepHistory` and `deletionPropagation`,
//! `upgrade.preserveValues` and `upgrade.cleanupOnFail`. The failing action adds a
//! Deployment that never becomes ready (the test API server runs no controllers), with a
//! short timeout.

use flux_rs::api::HelmRelease;
use flux_rs::api::meta::{self, STALLED};
use flux_rs::reconcile::{Outcome, Request};
use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::{ConfigMap, Secret};
use kube::api::{Api, DeleteParams, Patch, PatchParams};
use serde_json::{Value, json};

use crate::helmrelease::{Bed, ready, sdk};

/// `(status, reason, message)` of condition `type_`, if any.
fn condition(hr: &HelmRelease, type_: &str) -> Option<(String, String, String)> {
    meta::find_condition(hr.conditions(), type_)
        .map(|c| (c.status.clone(), c.reason.clone(), c.message.clone()))
}

fn revisions(records: &[(i64, String, crate::helmrelease::BTreeLabels)]) -> Vec<(i64, &str)> {
    records.iter().map(|r| (r.0, r.1.as_str())).collect()
}

async fn set_values(bed: &Bed, name: &str, values: Value) {
    Api::<HelmRelease>::namespaced(bed.client.clone(), bed.n())
        .patch(
            name,
            &PatchParams::default(),
            &Patch::Merge(json!({"spec": {"values": values}})),
        )
        .await
        .unwrap();
}

async fn deployment(bed: &Bed, name: &str) -> Option<Deployment> {
    Api::<Deployment>::namespaced(bed.client.clone(), bed.n())
        .get_opt(name)
        .await
        .unwrap()
}

/// The description of revision `version` of `release`, as recorded.
async fn description(bed: &Bed, release: &str, version: i64) -> String {
    let s = Api::<Secret>::namespaced(bed.client.clone(), bed.n())
        .get(&format!("sh.helm.release.v1.{release}.v{version}"))
        .await
        .unwrap();
    flux_rs::helm::storage::from_secret(&serde_json::to_value(s).unwrap())
        .unwrap()
        .info
        .description
}

#[tokio::test]
async fn a_failing_upgrade_is_rolled_back_until_its_retries_are_exhausted() {
    let bed = Bed::new("hr-rollback").await;
    let n = bed.n().to_string();
    bed.publish("remedy", "0.1.0").await;
    bed.create_hr(
        "web",
        json!({"interval": "1h", "chartRef": {"kind": "OCIRepository", "name": "chart"},
               "values": {"greeting": "one"},
               "upgrade": {"timeout": "2s", "remediation": {"retries": 1}}}),
    )
    .await;
    let (report, _) = bed.reconcile("web").await;
    assert_eq!(report.outcome, Outcome::Succeeded, "{report:?}");

    // The upgrade adds an object and a Deployment that never becomes ready: it fails, and is
    // rolled back to revision 1 at once.
    set_values(
        &bed,
        "web",
        json!({"greeting": "two", "extra": true, "stuck": true}),
    )
    .await;
    let (report, hr) = bed.reconcile("web").await;
    assert!(
        matches!(&report.outcome, Outcome::Failed { reason, .. } if reason == "RollbackSucceeded"),
        "{report:?}"
    );
    assert_eq!(
        revisions(&bed.records("web").await),
        [(1, "superseded"), (2, "failed"), (3, "deployed")]
    );
    assert_eq!(description(&bed, "web", 3).await, "Rollback to 1");
    let cm = bed.config_map("web-greeting").await.unwrap();
    assert_eq!(
        cm.data.unwrap()["greeting"],
        "one",
        "the values of revision 1 again"
    );
    assert!(
        bed.config_map("web-extra").await.is_none(),
        "what the failed revision added is deleted"
    );
    assert!(deployment(&bed, "web-stuck").await.is_none());
    let released = condition(&hr, "Released").unwrap();
    assert_eq!(
        (released.0.as_str(), released.1.as_str()),
        ("False", "UpgradeFailed")
    );
    let remediated = condition(&hr, "Remediated").unwrap();
    assert_eq!(
        remediated,
        (
            "True".to_string(),
            "RollbackSucceeded".to_string(),
            format!("Helm rollback to previous release {n}/web.v1 with chart remedy@0.1.0 succeeded")
        )
    );
    assert_eq!(ready(&hr).1, "RollbackSucceeded");
    assert_eq!(ready(&hr).0, "False");
    assert!(condition(&hr, STALLED).is_none(), "a retry remains");
    let status = hr.status.clone().unwrap();
    assert_eq!(status.upgrade_failures, Some(1));
    let history = status.history.unwrap();
    assert_eq!(history[0].version, 3);
    assert_eq!(history[0].status, "deployed");
    assert_eq!(history[0].action.as_deref(), Some("rollback"));
    assert_eq!(history[1].version, 2);
    assert_eq!(history[1].status, "failed");

    // The next reconciliation upgrades again (one retry), fails, rolls back (the last failure
    // is remediated by default when retries are set) and stalls: retries exhausted.
    let (report, hr) = bed.reconcile("web").await;
    assert_eq!(
        report.outcome,
        Outcome::Stalled {
            reason: "RetriesExceeded".into(),
            message: "Failed to upgrade after 2 attempt(s)".into()
        },
        "{report:?}"
    );
    assert_eq!(
        revisions(&bed.records("web").await),
        [
            (1, "superseded"),
            (2, "failed"),
            (3, "superseded"),
            (4, "failed"),
            (5, "deployed")
        ]
    );
    assert_eq!(description(&bed, "web", 5).await, "Rollback to 3");
    assert_eq!(condition(&hr, STALLED).unwrap().1, "RetriesExceeded");
    assert_eq!(condition(&hr, "Remediated").unwrap().1, "RollbackSucceeded");

    // Stalled: nothing more is tried while the spec stays the same.
    let (report, _) = bed.reconcile("web").await;
    assert!(matches!(report.outcome, Outcome::Stalled { .. }), "{report:?}");
    assert_eq!(bed.records("web").await.len(), 5);

    // Helm reads the history, rollbacks included.
    let history = sdk(&n, &["history", "web"]);
    let h: Vec<(i64, &str)> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["revision"].as_i64().unwrap(), r["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        h,
        [
            (1, "superseded"),
            (2, "failed"),
            (3, "superseded"),
            (4, "failed"),
            (5, "deployed")
        ]
    );
    let status = sdk(&n, &["status", "web"]);
    assert_eq!(status["revision"], 5, "{status}");
    assert_eq!(status["status"], "deployed", "{status}");
    assert!(
        status["manifest"].as_str().unwrap().contains("greeting: \"one\""),
        "{status}"
    );
    assert_eq!(sdk(&n, &["values", "web"]), json!({"greeting": "one"}));

    // A new generation starts the counters again: the fixed spec upgrades.
    set_values(
        &bed,
        "web",
        json!({"greeting": "three", "extra": null, "stuck": null}),
    )
    .await;
    let (report, hr) = bed.reconcile("web").await;
    assert_eq!(report.outcome, Outcome::Succeeded, "{report:?}");
    assert_eq!(report.action, Some("upgrade"));
    assert_eq!(ready(&hr).0, "True");
    assert!(condition(&hr, "Remediated").is_none());
    assert!(condition(&hr, STALLED).is_none());
    let status = hr.status.unwrap();
    assert_eq!(status.upgrade_failures, None);
    assert_eq!(
        revisions(&bed.records("web").await),
        [
            (2, "failed"),
            (3, "superseded"),
            (4, "failed"),
            (5, "superseded"),
            (6, "deployed")
        ],
        "maxHistory (5) prunes the oldest"
    );
}

#[tokio::test]
async fn a_failing_install_is_uninstalled_and_retried_until_its_retries_are_exhausted() {
    let bed = Bed::new("hr-install-retry").await;
    bed.publish("remedy", "0.1.0").await;
    bed.create_hr(
        "web",
        json!({"interval": "1h", "chartRef": {"kind": "OCIRepository", "name": "chart"},
               "values": {"stuck": true},
               "install": {"timeout": "2s", "remediation": {"retries": 1}}}),
    )
    .await;
    let (report, hr) = bed.reconcile("web").await;
    assert!(
        matches!(&report.outcome, Outcome::Failed { reason, .. } if reason == "UninstallSucceeded"),
        "{report:?}"
    );
    assert!(
        bed.records("web").await.is_empty(),
        "uninstalled, history not kept"
    );
    assert!(bed.config_map("web-greeting").await.is_none());
    assert!(deployment(&bed, "web-stuck").await.is_none());
    assert_eq!(condition(&hr, "Released").unwrap().1, "InstallFailed");
    assert_eq!(condition(&hr, "Remediated").unwrap().1, "UninstallSucceeded");
    assert_eq!(hr.status.as_ref().unwrap().install_failures, Some(1));
    assert!(condition(&hr, STALLED).is_none());

    // Retried: fails again, retries exhausted, the failed release is left for inspection.
    let (report, hr) = bed.reconcile("web").await;
    assert_eq!(
        report.outcome,
        Outcome::Stalled {
            reason: "RetriesExceeded".into(),
            message: "Failed to install after 2 attempt(s)".into()
        },
        "{report:?}"
    );
    assert_eq!(revisions(&bed.records("web").await), [(1, "failed")]);
    assert!(bed.config_map("web-greeting").await.is_some());
    assert_eq!(ready(&hr).1, "InstallFailed");
    assert_eq!(hr.status.as_ref().unwrap().install_failures, Some(2));
    let (report, _) = bed.reconcile("web").await;
    assert!(matches!(report.outcome, Outcome::Stalled { .. }), "{report:?}");
    assert_eq!(revisions(&bed.records("web").await), [(1, "failed")]);
}

#[tokio::test]
async fn keep_history_keeps_uninstalled_records_and_propagation_is_passed_on() {
    let bed = Bed::new("hr-keep").await;
    bed.publish("remedy", "0.1.0").await;
    bed.create_hr(
        "web",
        json!({"interval": "1h", "chartRef": {"kind": "OCIRepository", "name": "chart"},
               "values": {"stuck": true},
               "install": {"timeout": "2s", "remediation": {"retries": 1}},
               "uninstall": {"keepHistory": true}}),
    )
    .await;
    let (report, _) = bed.reconcile("web").await;
    assert!(
        matches!(&report.outcome, Outcome::Failed { reason, .. } if reason == "UninstallSucceeded"),
        "{report:?}"
    );
    assert_eq!(revisions(&bed.records("web").await), [(1, "uninstalled")]);
    assert_eq!(description(&bed, "web", 1).await, "Uninstallation complete");
    assert!(bed.config_map("web-greeting").await.is_none());

    // Fixed: installed over the uninstalled revision.
    set_values(&bed, "web", json!({"stuck": false})).await;
    let (report, _) = bed.reconcile("web").await;
    assert_eq!(report.outcome, Outcome::Succeeded, "{report:?}");
    assert_eq!(
        revisions(&bed.records("web").await),
        [(1, "uninstalled"), (2, "deployed")]
    );

    // An object owned by one of the release's (as a controller would make it).
    let cms: Api<ConfigMap> = Api::namespaced(bed.client.clone(), bed.n());
    let owner = cms.get("web-greeting").await.unwrap();
    let child: ConfigMap = serde_json::from_value(json!({
        "apiVersion": "v1", "kind": "ConfigMap",
        "metadata": {"name": "child", "ownerReferences": [{"apiVersion": "v1", "kind": "ConfigMap",
            "name": "web-greeting", "uid": owner.metadata.uid.clone().unwrap()}]},
    }))
    .unwrap();
    cms.create(&kube::api::PostParams::default(), &child)
        .await
        .unwrap();

    // Deleting the HelmRelease uninstalls with the kept history and orphan propagation: the
    // garbage collector orphans the child instead of deleting it.
    let api: Api<HelmRelease> = Api::namespaced(bed.client.clone(), bed.n());
    api.patch(
        "web",
        &PatchParams::default(),
        &Patch::Merge(json!({"spec": {"uninstall": {"keepHistory": true,
            "deletionPropagation": "orphan", "timeout": "30s"}}})),
    )
    .await
    .unwrap();
    api.delete("web", &DeleteParams::default()).await.unwrap();
    let live = bed.hr("web").await;
    let report = bed.engine.reconcile(&live, &Request::default()).await;
    assert_eq!(report.outcome, Outcome::Succeeded, "{report:?}");
    assert!(api.get_opt("web").await.unwrap().is_none());
    assert!(bed.config_map("web-greeting").await.is_none(), "waited for");
    assert_eq!(
        revisions(&bed.records("web").await),
        [(1, "uninstalled"), (2, "uninstalled")]
    );
    let child = cms.get("child").await.unwrap();
    assert!(
        child.metadata.owner_references.as_ref().is_none_or(Vec::is_empty),
        "orphaned: {:?}",
        child.metadata.owner_references
    );
}

#[tokio::test]
async fn preserve_values_merges_the_last_values_under_the_new_ones() {
    let bed = Bed::new("hr-preserve").await;
    bed.publish("remedy", "0.1.0").await;
    bed.create_hr(
        "web",
        json!({"interval": "1h", "chartRef": {"kind": "OCIRepository", "name": "chart"},
               "values": {"greeting": "one", "extra": true},
               "upgrade": {"preserveValues": true}}),
    )
    .await;
    let (report, _) = bed.reconcile("web").await;
    assert_eq!(report.outcome, Outcome::Succeeded, "{report:?}");
    set_values(&bed, "web", json!({"greeting": "two", "extra": null})).await;
    let (report, _) = bed.reconcile("web").await;
    assert_eq!(report.action, Some("upgrade"), "{report:?}");
    assert_eq!(
        bed.config_map("web-greeting").await.unwrap().data.unwrap()["greeting"],
        "two"
    );
    assert!(
        bed.config_map("web-extra").await.is_some(),
        "extra: true is kept from the last release"
    );
    assert_eq!(
        sdk(bed.n(), &["values", "web"]),
        json!({"greeting": "two", "extra": true})
    );
    // The merged values are what the release has: nothing more to do.
    let (report, _) = bed.reconcile("web").await;
    assert_eq!(report.action, None, "{report:?}");
    assert_eq!(bed.records("web").await.len(), 2);
}

#[tokio::test]
async fn cleanup_on_fail_deletes_what_the_failed_upgrade_created() {
    let bed = Bed::new("hr-cleanup").await;
    bed.publish("remedy", "0.1.0").await;
    bed.create_hr(
        "web",
        json!({"interval": "1h", "chartRef": {"kind": "OCIRepository", "name": "chart"},
               "values": {"greeting": "one"},
               "upgrade": {"timeout": "2s", "cleanupOnFail": true}}),
    )
    .await;
    let (report, _) = bed.reconcile("web").await;
    assert_eq!(report.outcome, Outcome::Succeeded, "{report:?}");
    set_values(
        &bed,
        "web",
        json!({"greeting": "two", "extra": true, "stuck": true}),
    )
    .await;
    let (report, hr) = bed.reconcile("web").await;
    // No retries: the failure is not remediated, the release stalls.
    assert_eq!(
        report.outcome,
        Outcome::Stalled {
            reason: "RetriesExceeded".into(),
            message: "Failed to upgrade after 1 attempt(s)".into()
        },
        "{report:?}"
    );
    assert_eq!(
        revisions(&bed.records("web").await),
        [(1, "deployed"), (2, "failed")]
    );
    assert!(
        bed.config_map("web-extra").await.is_none(),
        "created, then cleaned up"
    );
    assert!(
        deployment(&bed, "web-stuck").await.is_none(),
        "created, then cleaned up"
    );
    assert_eq!(
        bed.config_map("web-greeting").await.unwrap().data.unwrap()["greeting"],
        "two",
        "what existed before stays as the upgrade left it"
    );
    assert_eq!(ready(&hr).1, "UpgradeFailed");
    assert!(condition(&hr, "Remediated").is_none());
}

#[tokio::test]
async fn the_uninstall_strategy_uninstalls_a_failed_upgrade() {
    let bed = Bed::new("hr-upg-uninstall").await;
    bed.publish("remedy", "0.1.0").await;
    bed.create_hr(
        "web",
        json!({"interval": "1h", "chartRef": {"kind": "OCIRepository", "name": "chart"},
               "upgrade": {"timeout": "2s", "remediation": {"retries": 1, "strategy": "uninstall"}}}),
    )
    .await;
    let (report, _) = bed.reconcile("web").await;
    assert_eq!(report.outcome, Outcome::Succeeded, "{report:?}");
    set_values(&bed, "web", json!({"stuck": true})).await;
    let (report, hr) = bed.reconcile("web").await;
    assert!(
        matches!(&report.outcome, Outcome::Failed { reason, .. } if reason == "UninstallSucceeded"),
        "{report:?}"
    );
    assert!(bed.records("web").await.is_empty());
    assert!(bed.config_map("web-greeting").await.is_none());
    assert!(deployment(&bed, "web-stuck").await.is_none());
    assert_eq!(condition(&hr, "Released").unwrap().1, "UpgradeFailed");
    assert_eq!(condition(&hr, "Remediated").unwrap().1, "UninstallSucceeded");
    assert!(condition(&hr, STALLED).is_none());
    assert!(
        hr.status.unwrap().inventory.is_none(),
        "the inventory is cleared with the release"
    );
}

#[tokio::test]
async fn upgrade_force_recreates_what_an_immutable_change_cannot_update() {
    let bed = Bed::new("hr-force").await;
    bed.publish("remedy", "0.1.0").await;
    bed.create_hr(
        "web",
        json!({"interval": "1h", "chartRef": {"kind": "OCIRepository", "name": "chart"},
               "values": {"frozen": "a"}}),
    )
    .await;
    let (report, _) = bed.reconcile("web").await;
    assert_eq!(report.outcome, Outcome::Succeeded, "{report:?}");
    // Without force the immutable ConfigMap cannot change: the upgrade fails.
    set_values(&bed, "web", json!({"frozen": "b"})).await;
    let (report, hr) = bed.reconcile("web").await;
    assert!(matches!(report.outcome, Outcome::Stalled { .. }), "{report:?}");
    assert_eq!(ready(&hr).1, "UpgradeFailed");
    assert!(ready(&hr).2.contains("immutable"), "{}", ready(&hr).2);
    // With upgrade.force (a new generation): recreated.
    Api::<HelmRelease>::namespaced(bed.client.clone(), bed.n())
        .patch(
            "web",
            &PatchParams::default(),
            &Patch::Merge(json!({"spec": {"upgrade": {"force": true}}})),
        )
        .await
        .unwrap();
    let (report, _) = bed.reconcile("web").await;
    assert_eq!(report.outcome, Outcome::Succeeded, "{report:?}");
    assert_eq!(
        bed.config_map("web-frozen").await.unwrap().data.unwrap()["value"],
        "b"
    );
}

/// Sets `reconcile.fluxcd.io/requestedAt` and each annotation of `also` to `at`, as
/// `reconcile hr --force`/`--reset` do.
async fn request(bed: &Bed, name: &str, also: &[&str], at: &str) {
    let mut annotations = serde_json::Map::new();
    annotations.insert(meta::RECONCILE_REQUESTED_AT.into(), json!(at));
    for key in also {
        annotations.insert((*key).to_string(), json!(at));
    }
    Api::<HelmRelease>::namespaced(bed.client.clone(), bed.n())
        .patch(
            name,
            &PatchParams::default(),
            &Patch::Merge(json!({"metadata": {"annotations": annotations}})),
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn force_upgrades_a_release_in_sync_and_reset_retries_a_stalled_one() {
    let bed = Bed::new("hr-force").await;
    bed.publish("remedy", "0.1.0").await;
    bed.create_hr(
        "web",
        json!({"interval": "1h", "chartRef": {"kind": "OCIRepository", "name": "chart"},
               "values": {"greeting": "one"}, "upgrade": {"timeout": "2s"}}),
    )
    .await;
    let (report, _) = bed.reconcile("web").await;
    assert_eq!(report.outcome, Outcome::Succeeded, "{report:?}");

    // --force: in sync, yet upgraded once; the same request again is not handled twice.
    request(&bed, "web", &[meta::RECONCILE_FORCE_AT], "force-1").await;
    let (report, hr) = bed.reconcile("web").await;
    assert_eq!(report.action, Some("upgrade"), "{report:?}");
    assert_eq!(
        revisions(&bed.records("web").await),
        [(1, "superseded"), (2, "deployed")]
    );
    assert_eq!(
        hr.status.unwrap().last_handled_force_at.as_deref(),
        Some("force-1")
    );
    let (report, _) = bed.reconcile("web").await;
    assert_eq!(report.action, None, "{report:?}");
    assert_eq!(bed.records("web").await.len(), 2);
    // forceAt not equal to requestedAt is no request (as upstream).
    request(&bed, "web", &[], "later").await;
    let (report, _) = bed.reconcile("web").await;
    assert_eq!(report.action, None, "{report:?}");

    // A failing upgrade without retries stalls; --reset starts the counters again, so the
    // same spec is tried once more.
    set_values(&bed, "web", json!({"greeting": "two", "stuck": true})).await;
    let (report, _) = bed.reconcile("web").await;
    assert!(
        matches!(&report.outcome, Outcome::Stalled { reason, .. } if reason == "RetriesExceeded"),
        "{report:?}"
    );
    let (report, _) = bed.reconcile("web").await;
    assert_eq!(report.action, None, "stalled: nothing tried: {report:?}");
    assert_eq!(bed.records("web").await.len(), 3);
    request(&bed, "web", &[meta::RECONCILE_RESET_AT], "reset-1").await;
    let (report, hr) = bed.reconcile("web").await;
    assert_eq!(report.action, Some("upgrade"), "{report:?}");
    assert_eq!(bed.records("web").await.len(), 4, "tried again");
    let status = hr.status.unwrap();
    assert_eq!(status.last_handled_reset_at.as_deref(), Some("reset-1"));
    assert_eq!(status.upgrade_failures, Some(1), "counted from zero again");
}
