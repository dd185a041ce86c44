//! Drift detection and correction of HelmReleases (`spec.driftDetection`) against the real
//! API server: objects of an installed release changed or deleted out of band, then
//! reconciled with `enabled` (corrected, no new release revision), `warn` (reported only),
//! `ignore` rules (the ignored field left as the cluster has it) and `disabled` (nothing), in
//! one process and through the controller's interval reconciliation.

use std::time::Duration;

use flux_rs::api::HelmRelease;
use flux_rs::apply::Action;
use flux_rs::reconcile::Outcome;
use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::{ConfigMap, Event};
use kube::api::{Api, DeleteParams, ListParams, Patch, PatchParams};
use serde_json::{Value, json};

use crate::helmrelease::{Bed, ready, start_controller};

/// Changes an object as `kubectl edit` would (a merge patch under another field manager).
fn by_hand() -> PatchParams {
    PatchParams {
        field_manager: Some("kubectl-edit".into()),
        ..PatchParams::default()
    }
}

async fn scale(bed: &Bed, name: &str, replicas: i32) {
    Api::<Deployment>::namespaced(bed.client.clone(), bed.n())
        .patch(
            name,
            &by_hand(),
            &Patch::Merge(json!({"spec": {"replicas": replicas}})),
        )
        .await
        .unwrap();
}

async fn deployment(bed: &Bed, name: &str) -> Value {
    let d = Api::<Deployment>::namespaced(bed.client.clone(), bed.n())
        .get(name)
        .await
        .unwrap();
    serde_json::to_value(d).unwrap()
}

async fn set_setting(bed: &Bed, name: &str, value: &str) {
    Api::<ConfigMap>::namespaced(bed.client.clone(), bed.n())
        .patch(
            name,
            &by_hand(),
            &Patch::Merge(json!({"data": {"setting": value}})),
        )
        .await
        .unwrap();
}

async fn setting(bed: &Bed, name: &str) -> Option<String> {
    bed.config_map(name)
        .await
        .and_then(|c| c.data?.get("setting").cloned())
}

async fn set_drift(bed: &Bed, drift: Value) {
    Api::<HelmRelease>::namespaced(bed.client.clone(), bed.n())
        .patch(
            "web",
            &PatchParams::default(),
            &Patch::Merge(json!({"spec": {"driftDetection": drift}})),
        )
        .await
        .unwrap();
}

/// The events of the HelmRelease `web` with `reason`: (type, message).
async fn events(bed: &Bed, reason: &str) -> Vec<(String, String)> {
    let lp = ListParams::default().fields("involvedObject.name=web");
    Api::<Event>::namespaced(bed.client.clone(), bed.n())
        .list(&lp)
        .await
        .unwrap()
        .items
        .into_iter()
        .filter(|e| e.reason.as_deref() == Some(reason))
        .map(|e| (e.type_.unwrap_or_default(), e.message.unwrap_or_default()))
        .collect()
}

async fn revisions(bed: &Bed) -> Vec<(i64, String)> {
    bed.records("web").await.into_iter().map(|r| (r.0, r.1)).collect()
}

#[tokio::test]
async fn drift_is_corrected_reported_ignored_or_left_alone_as_the_mode_says() {
    let bed = Bed::new("hr-drift").await;
    let n = bed.n().to_string();
    bed.publish("drifty", "0.1.0").await;
    bed.create_hr(
        "web",
        json!({
            "interval": "10m", "chartRef": {"kind": "OCIRepository", "name": "chart"},
            "install": {"disableWait": true}, "upgrade": {"disableWait": true},
            "driftDetection": {"mode": "enabled"},
        }),
    )
    .await;
    let (report, _) = bed.reconcile("web").await;
    assert_eq!(report.outcome, Outcome::Succeeded, "{report:?}");
    assert_eq!(report.action, Some("install"));
    assert_eq!(report.drift, None);
    let installed = vec![(1, "deployed".to_string())];

    // In sync and nothing drifted: no change, no event.
    let (report, _) = bed.reconcile("web").await;
    assert_eq!((report.action, &report.drift), (None, &None), "{report:?}");
    assert!(!report.changes.has_changes(), "{:?}", report.changes);
    assert!(events(&bed, "DriftDetected").await.is_empty());

    // enabled: a scaled Deployment and a deleted ConfigMap are corrected, without a new
    // release revision; an object that opted out keeps its change.
    scale(&bed, "web-app", 5).await;
    Api::<ConfigMap>::namespaced(bed.client.clone(), &n)
        .delete("web-settings", &DeleteParams::default())
        .await
        .unwrap();
    set_setting(&bed, "web-free", "changed by hand").await;
    let (report, hr) = bed.reconcile("web").await;
    assert_eq!(report.outcome, Outcome::Succeeded, "{report:?}");
    assert_eq!(report.action, None, "no release action");
    assert_eq!(
        report.drift.as_deref(),
        Some(
            format!(
                "ConfigMap/{n}/web-settings removed\n\
                 Deployment/{n}/web-app changed (0 additions, 1 changes, 0 removals)"
            )
            .as_str()
        )
    );
    let changed: Vec<(String, Action)> = report
        .changes
        .entries
        .iter()
        .map(|e| (e.object.to_string(), e.action))
        .collect();
    assert_eq!(
        changed,
        [
            (format!("ConfigMap/{n}/web-settings"), Action::Created),
            (format!("Deployment/{n}/web-app"), Action::Configured),
        ]
    );
    assert_eq!(deployment(&bed, "web-app").await["spec"]["replicas"], 2);
    assert_eq!(setting(&bed, "web-settings").await.as_deref(), Some("on"));
    assert_eq!(
        setting(&bed, "web-free").await.as_deref(),
        Some("changed by hand")
    );
    assert_eq!(revisions(&bed).await, installed, "no new revision");
    assert_eq!(ready(&hr).0, "True", "{:?}", ready(&hr));
    assert_eq!(ready(&hr).1, "InstallSucceeded");
    let detected = events(&bed, "DriftDetected").await;
    assert_eq!(detected.len(), 1, "{detected:?}");
    assert_eq!(detected[0].0, "Warning");
    assert!(
        detected[0].1.starts_with(&format!(
            "Cluster state of release {n}/web.v1 has drifted from the desired state:\n"
        )),
        "{detected:?}"
    );
    let corrected = events(&bed, "DriftCorrected").await;
    assert_eq!(corrected.len(), 1, "{corrected:?}");
    assert_eq!(corrected[0].0, "Normal");
    assert_eq!(
        corrected[0].1,
        format!(
            "Cluster state of release {n}/web.v1 has been corrected:\n\
             ConfigMap/{n}/web-settings created\nDeployment/{n}/web-app configured"
        )
    );
    // Corrected: the next reconciliation finds nothing.
    let (report, _) = bed.reconcile("web").await;
    assert_eq!(report.drift, None, "{report:?}");
    assert!(!report.changes.has_changes());

    // warn: reported (event and report), nothing changed.
    set_drift(&bed, json!({"mode": "warn"})).await;
    scale(&bed, "web-app", 4).await;
    let (report, hr) = bed.reconcile("web").await;
    assert_eq!(report.outcome, Outcome::Succeeded, "{report:?}");
    assert_eq!(
        report.drift.as_deref(),
        Some(format!("Deployment/{n}/web-app changed (0 additions, 1 changes, 0 removals)").as_str())
    );
    assert!(!report.changes.has_changes(), "{:?}", report.changes);
    assert_eq!(deployment(&bed, "web-app").await["spec"]["replicas"], 4);
    assert_eq!(ready(&hr).0, "True");
    assert_eq!(revisions(&bed).await, installed);
    assert!(
        events(&bed, "DriftDetected")
            .await
            .iter()
            .any(|(t, m)| t == "Warning"
                && m.ends_with(&format!(
                    "\nDeployment/{n}/web-app changed (0 additions, 1 changes, 0 removals)"
                ))),
        "{:?}",
        events(&bed, "DriftDetected").await
    );
    // The CLI's one-shot reconcile says so.
    let cache = tempfile::tempdir().unwrap();
    let cli = crate::harness::flux_env(
        &["reconcile", "hr", "web", "--with-source", "-n", &n],
        &[("XDG_CACHE_HOME", cache.path().to_str().unwrap())],
    );
    cli.success();
    assert!(
        cli.stderr.contains(&format!(
            "cluster state drifted from the release:\nDeployment/{n}/web-app changed (0 additions, 1 changes, 0 removals)"
        )) && cli
            .stderr
            .contains("✔ release in sync at revision 1: drift reported, not corrected"),
        "{}",
        cli.stderr
    );
    assert_eq!(deployment(&bed, "web-app").await["spec"]["replicas"], 4);

    // enabled with /spec/replicas ignored on Deployments: the scale stays; another change
    // of the same Deployment is corrected around it.
    set_drift(
        &bed,
        json!({"mode": "enabled", "ignore": [
            {"paths": ["/spec/replicas"], "target": {"kind": "Deployment"}},
        ]}),
    )
    .await;
    let (report, _) = bed.reconcile("web").await;
    assert_eq!(report.drift, None, "{report:?}");
    assert!(!report.changes.has_changes(), "{:?}", report.changes);
    assert_eq!(deployment(&bed, "web-app").await["spec"]["replicas"], 4);
    Api::<Deployment>::namespaced(bed.client.clone(), &n)
        .patch(
            "web-app",
            &by_hand(),
            &Patch::Strategic(json!({"spec": {"template": {"spec": {"containers": [
                {"name": "app", "image": "registry.example/app:hotfix"}
            ]}}}})),
        )
        .await
        .unwrap();
    let (report, _) = bed.reconcile("web").await;
    assert_eq!(report.outcome, Outcome::Succeeded, "{report:?}");
    assert!(
        report
            .drift
            .as_deref()
            .is_some_and(|d| d.starts_with(&format!("Deployment/{n}/web-app changed"))),
        "{report:?}"
    );
    let d = deployment(&bed, "web-app").await;
    assert_eq!(
        d["spec"]["template"]["spec"]["containers"][0]["image"],
        "registry.example/app:1.0"
    );
    assert_eq!(d["spec"]["replicas"], 4, "the ignored field is left alone");
    assert_eq!(revisions(&bed).await, installed);

    // disabled: nothing is compared, nothing corrected.
    set_drift(&bed, json!({"mode": "disabled"})).await;
    Api::<ConfigMap>::namespaced(bed.client.clone(), &n)
        .delete("web-settings", &DeleteParams::default())
        .await
        .unwrap();
    let (report, hr) = bed.reconcile("web").await;
    assert_eq!(report.outcome, Outcome::Succeeded, "{report:?}");
    assert_eq!((report.action, &report.drift), (None, &None));
    assert!(!report.changes.has_changes());
    assert!(bed.config_map("web-settings").await.is_none());
    assert_eq!(ready(&hr).0, "True");
    assert_eq!(revisions(&bed).await, installed);

    // An invalid ignore rule stalls naming its field.
    set_drift(
        &bed,
        json!({"mode": "warn", "ignore": [{"paths": ["spec/replicas"]}]}),
    )
    .await;
    let (report, _) = bed.reconcile("web").await;
    match &report.outcome {
        Outcome::Stalled { message, .. } => assert!(
            message.starts_with("spec.driftDetection.ignore[0].paths[0]: "),
            "{message}"
        ),
        other => panic!("expected a stall: {other:?}"),
    }
    // Checked before anything is installed: a new release with an invalid rule installs
    // nothing.
    bed.create_hr(
        "bad",
        json!({
            "interval": "10m", "chartRef": {"kind": "OCIRepository", "name": "chart"},
            "install": {"disableWait": true},
            "driftDetection": {"mode": "enabled", "ignore": [{"paths": ["/a"], "target": {"name": "("}}]},
        }),
    )
    .await;
    let (report, hr) = bed.reconcile("bad").await;
    assert!(
        matches!(&report.outcome, Outcome::Stalled { reason, message }
            if reason == "InitFailed"
                && message.starts_with("spec.driftDetection.ignore[0].target.name: invalid regular expression")),
        "{report:?}"
    );
    assert_eq!(ready(&hr).0, "False");
    assert!(bed.records("bad").await.is_empty(), "nothing installed");
    assert!(bed.config_map("bad-settings").await.is_none());
}

#[tokio::test]
async fn the_controller_corrects_drift_at_its_interval() {
    use crate::recorder::eventually;
    const WAIT: Duration = Duration::from_secs(90);
    let bed = Bed::new("hr-drift-ctl").await;
    let n = bed.n().to_string();
    let _ctl = start_controller(&n);
    bed.point("drifty", "0.1.0").await;
    bed.create_hr(
        "web",
        json!({
            "interval": "2s", "chartRef": {"kind": "OCIRepository", "name": "chart"},
            "install": {"disableWait": true}, "upgrade": {"disableWait": true},
            "driftDetection": {"mode": "enabled"},
        }),
    )
    .await;
    let api: Api<HelmRelease> = Api::namespaced(bed.client.clone(), &n);
    eventually(WAIT, "the release installed by the controller", || async {
        let hr = api.get("web").await.ok()?;
        let ready = flux_rs::api::meta::find_condition(hr.conditions(), "Ready")?;
        (ready.reason == "InstallSucceeded").then_some(())?;
        bed.config_map("web-settings").await.map(|_| ())
    })
    .await;

    // Nothing changes the HelmRelease: its interval brings the objects back.
    scale(&bed, "web-app", 7).await;
    Api::<ConfigMap>::namespaced(bed.client.clone(), &n)
        .delete("web-settings", &DeleteParams::default())
        .await
        .unwrap();
    eventually(WAIT, "the drift corrected by the controller", || async {
        let d = Api::<Deployment>::namespaced(bed.client.clone(), &n)
            .get("web-app")
            .await
            .ok()?;
        (d.spec?.replicas? == 2).then_some(())?;
        bed.config_map("web-settings").await.map(|_| ())
    })
    .await;
    assert_eq!(revisions(&bed).await, [(1, "deployed".to_string())]);
    assert!(
        events(&bed, "DriftCorrected")
            .await
            .iter()
            .any(|(t, _)| t == "Normal")
    );
}
