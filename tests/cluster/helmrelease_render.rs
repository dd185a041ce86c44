//! What shapes a HelmRelease's objects beyond the chart and its values, against the real API
//! servers: `postRenderers` (kustomize patches and images through the native engine) and
//! `commonMetadata` on the objects and in the recorded manifest, an upgrade when they change
//! and none when they do not; the CRD policies of `install.crds` and `upgrade.crds`; and
//! `kubeConfig`, which puts the release (objects and records) on the second API server.

use std::time::Duration;

use flux_rs::api::HelmRelease;
use flux_rs::engine::helm_render;
use flux_rs::helm::storage::{self, Record};
use flux_rs::reconcile::{Outcome, Request};
use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::{ConfigMap, Namespace, Secret};
use k8s_openapi::apiextensions_apiserver::pkg::apis::apiextensions::v1::CustomResourceDefinition;
use kube::Client;
use kube::api::{Api, DeleteParams, ListParams, Patch, PatchParams, PostParams};
use serde_json::json;

use crate::harness::{client_for, global_kubeconfig, global_lock};
use crate::helmrelease::Bed;

/// The CRD in the `crds/` directory of the `shaped` test chart.
const CRD: &str = "gadgets.shaped.flux-rs.test";
/// Its description in the chart.
const CHART_DESCRIPTION: &str = "A gadget of the shaped chart.";

/// The release records of `release` in `namespace`, oldest first.
async fn records(client: &Client, namespace: &str, release: &str) -> Vec<Record> {
    let api: Api<Secret> = Api::namespaced(client.clone(), namespace);
    let list = api
        .list(&ListParams::default().labels(&format!("owner=helm,name={release}")))
        .await
        .unwrap();
    let mut out: Vec<Record> = list
        .items
        .iter()
        .map(|s| storage::from_secret(&serde_json::to_value(s).unwrap()).unwrap())
        .collect();
    out.sort_by_key(|r| r.version);
    out
}

async fn merge_spec(bed: &Bed, name: &str, spec: serde_json::Value) {
    Api::<HelmRelease>::namespaced(bed.client.clone(), bed.n())
        .patch(
            name,
            &PatchParams::default(),
            &Patch::Merge(json!({ "spec": spec })),
        )
        .await
        .unwrap();
}

fn image(d: &Deployment) -> String {
    d.spec
        .as_ref()
        .unwrap()
        .template
        .spec
        .as_ref()
        .unwrap()
        .containers[0]
        .image
        .clone()
        .unwrap()
}

#[tokio::test]
async fn post_renderers_shape_the_release_and_only_their_change_upgrades() {
    let bed = Bed::new("hr-render").await;
    let n = bed.n().to_string();
    bed.publish("shaped", "0.1.0").await;
    let renderers = |tag: &str| {
        json!([{"kustomize": {
            "patches": [
                {"patch": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-settings\ndata:\n  patched: \"yes\"\n"},
                {"patch": "- op: add\n  path: /metadata/labels\n  value: {tier: front}\n", "target": {"kind": "Deployment", "name": "web-.*"}},
            ],
            "images": [{"name": "nginx", "newName": "registry.example/nginx", "newTag": tag}],
        }}])
    };
    bed.create_hr(
        "web",
        json!({
            "interval": "10m", "chartRef": {"kind": "OCIRepository", "name": "chart"},
            // CRDs are cluster-wide: this test leaves them to the one on the second server.
            "install": {"disableWait": true, "crds": "Skip"},
            "upgrade": {"disableWait": true, "crds": "Skip"},
            "postRenderers": renderers("1.25"),
            "commonMetadata": {"labels": {"team": "blue"}, "annotations": {"owner": "ops"}},
        }),
    )
    .await;

    let (report, hr) = bed.reconcile("web").await;
    assert_eq!(report.outcome, Outcome::Succeeded, "{report:?}");
    assert_eq!(report.action, Some("install"));
    let cm = bed.config_map("web-settings").await.expect("the ConfigMap");
    let data = cm.data.clone().unwrap();
    assert_eq!(
        (data["note"].as_str(), data["patched"].as_str()),
        ("first", "yes")
    );
    assert_eq!(cm.metadata.labels.as_ref().unwrap()["team"], "blue");
    assert_eq!(cm.metadata.annotations.as_ref().unwrap()["owner"], "ops");
    let deps: Api<Deployment> = Api::namespaced(bed.client.clone(), &n);
    let d = deps.get("web-app").await.unwrap();
    assert_eq!(image(&d), "registry.example/nginx:1.25");
    let labels = d.metadata.labels.clone().unwrap();
    assert_eq!(
        (labels["tier"].as_str(), labels["team"].as_str()),
        ("front", "blue")
    );
    assert_eq!(labels["helm.toolkit.fluxcd.io/name"], "web");
    // The recorded manifest is the post-rendered one.
    let recs = records(&bed.client, &n, "web").await;
    assert_eq!(recs.len(), 1);
    let m = &recs[0].manifest;
    assert!(m.contains("image: registry.example/nginx:1.25"), "{m}");
    assert!(m.contains("patched: \"yes\""), "{m}");
    assert!(m.contains("team: blue"), "{m}");
    assert!(!m.contains(helm_render::FILENAME_ANNOTATION), "{m}");
    let st = hr.status.clone().unwrap();
    assert_eq!(
        st.observed_post_renderers_digest,
        helm_render::post_renderers_digest(hr.spec.post_renderers.as_ref())
    );
    assert!(
        st.observed_post_renderers_digest
            .as_deref()
            .unwrap()
            .starts_with("sha256:")
    );
    assert!(st.observed_common_metadata_digest.is_some());

    // Unchanged: no action, no new revision.
    let (report, _) = bed.reconcile("web").await;
    assert_eq!(report.outcome, Outcome::Succeeded, "{report:?}");
    assert_eq!(report.action, None);
    assert_eq!(records(&bed.client, &n, "web").await.len(), 1);

    // A post-renderer change alone (same chart, same values) upgrades.
    merge_spec(&bed, "web", json!({"postRenderers": renderers("1.26")})).await;
    let (report, hr) = bed.reconcile("web").await;
    assert_eq!(report.outcome, Outcome::Succeeded, "{report:?}");
    assert_eq!(report.action, Some("upgrade"));
    assert_eq!(report.release_version, Some(2));
    assert_eq!(
        image(&deps.get("web-app").await.unwrap()),
        "registry.example/nginx:1.26"
    );
    let recs = records(&bed.client, &n, "web").await;
    assert_eq!(recs.len(), 2);
    assert!(recs[1].manifest.contains("registry.example/nginx:1.26"));
    assert_eq!(
        hr.status.unwrap().observed_post_renderers_digest,
        helm_render::post_renderers_digest(hr.spec.post_renderers.as_ref())
    );
    let (report, _) = bed.reconcile("web").await;
    assert_eq!(report.action, None, "in sync again");

    // Dropping the common metadata upgrades too, and its label leaves the objects.
    merge_spec(&bed, "web", json!({"commonMetadata": null})).await;
    let (report, hr) = bed.reconcile("web").await;
    assert_eq!(report.action, Some("upgrade"), "{report:?}");
    assert_eq!(report.release_version, Some(3));
    let cm = bed.config_map("web-settings").await.unwrap();
    assert!(!cm.metadata.labels.unwrap().contains_key("team"));
    assert_eq!(hr.status.unwrap().observed_common_metadata_digest, None);

    // A patch that fails is an upgrade failure, nothing applied.
    merge_spec(
        &bed,
        "web",
        json!({"postRenderers": [{"kustomize": {"patches": [{"patch": "apiVersion: v1\nkind: Secret\nmetadata:\n  name: nope\n"}]}}]}),
    )
    .await;
    let (report, _) = bed.reconcile("web").await;
    match &report.outcome {
        Outcome::Failed { reason, message } => {
            assert_eq!(reason, "UpgradeFailed");
            assert!(message.contains("spec.postRenderers[0].kustomize"), "{message}");
        }
        other => panic!("expected a failure, got {other:?}"),
    }
    assert_eq!(records(&bed.client, &n, "web").await.len(), 3);
}

async fn crd(remote: &Client) -> Option<CustomResourceDefinition> {
    Api::<CustomResourceDefinition>::all(remote.clone())
        .get_opt(CRD)
        .await
        .unwrap()
}

fn description(c: &CustomResourceDefinition) -> String {
    c.spec.versions[0]
        .schema
        .as_ref()
        .unwrap()
        .open_api_v3_schema
        .as_ref()
        .unwrap()
        .description
        .clone()
        .unwrap_or_default()
}

async fn delete_crd(remote: &Client) {
    let api: Api<CustomResourceDefinition> = Api::all(remote.clone());
    let _ = api.delete(CRD, &DeleteParams::default()).await;
    for _ in 0..100 {
        if api.get_opt(CRD).await.unwrap().is_none() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{CRD} was not deleted");
}

/// Reconciles `name`, which must succeed with `action`.
async fn released(bed: &Bed, name: &str, action: &str) {
    let (report, _) = bed.reconcile(name).await;
    assert_eq!(report.outcome, Outcome::Succeeded, "{report:?}");
    assert_eq!(report.action, Some(action), "{report:?}");
}

#[tokio::test]
// The global cluster's tests run one at a time: each holds the lock for its whole run.
#[allow(clippy::await_holding_lock)]
async fn crd_policies_and_a_kubeconfig_release_on_the_second_api_server() {
    let _lock = global_lock();
    let bed = Bed::new("hr-remote").await;
    let n = bed.n().to_string();
    let remote = client_for(&global_kubeconfig()).await;
    let remote_ns: Api<Namespace> = Api::all(remote.clone());
    remote_ns
        .create(
            &PostParams::default(),
            &serde_json::from_value(json!({"metadata": {"name": n}})).unwrap(),
        )
        .await
        .unwrap();
    delete_crd(&remote).await;
    let kubeconfig = std::fs::read_to_string(global_kubeconfig()).unwrap();
    Api::<Secret>::namespaced(bed.client.clone(), &n)
        .create(
            &PostParams::default(),
            &serde_json::from_value(
                json!({"metadata": {"name": "remote"}, "stringData": {"value": kubeconfig}}),
            )
            .unwrap(),
        )
        .await
        .unwrap();
    bed.publish("shaped", "0.1.0").await;
    let spec = |install: serde_json::Value| {
        json!({
            "interval": "10m", "chartRef": {"kind": "OCIRepository", "name": "chart"},
            "kubeConfig": {"secretRef": {"name": "remote"}},
            "install": install, "upgrade": {"disableWait": true},
        })
    };

    // install.crds Skip: the release lands on the second server, without the CRD.
    bed.create_hr("skip", spec(json!({"disableWait": true, "crds": "Skip"})))
        .await;
    released(&bed, "skip", "install").await;
    let remote_cms: Api<ConfigMap> = Api::namespaced(remote.clone(), &n);
    assert!(remote_cms.get_opt("skip-settings").await.unwrap().is_some());
    assert!(
        bed.config_map("skip-settings").await.is_none(),
        "not on the local server"
    );
    assert_eq!(
        records(&remote, &n, "skip").await.len(),
        1,
        "records on the remote"
    );
    assert!(records(&bed.client, &n, "skip").await.is_empty(), "none locally");
    assert!(crd(&remote).await.is_none(), "Skip: no CRD");
    let (_, hr) = bed.reconcile("skip").await;
    assert_eq!(
        hr.status.unwrap().history.unwrap().len(),
        1,
        "in sync with the remote records"
    );

    // The default install policy (Create) creates the CRD first, established.
    bed.create_hr("made", spec(json!({"disableWait": true}))).await;
    released(&bed, "made", "install").await;
    let c = crd(&remote).await.expect("the CRD on the remote server");
    assert_eq!(description(&c), CHART_DESCRIPTION);
    assert!(
        c.status
            .unwrap()
            .conditions
            .unwrap()
            .iter()
            .any(|c| c.type_ == "Established" && c.status == "True")
    );
    assert_eq!(c.metadata.labels.unwrap()["helm.toolkit.fluxcd.io/name"], "made");
    assert!(
        !records(&remote, &n, "made").await[0]
            .manifest
            .contains("CustomResourceDefinition"),
        "CRDs are not part of the release manifest"
    );
    let local: Api<CustomResourceDefinition> = Api::all(bed.client.clone());
    assert!(local.get_opt(CRD).await.unwrap().is_none());

    // Someone edits the CRD; an upgrade with Create leaves an existing CRD alone...
    let crds: Api<CustomResourceDefinition> = Api::all(remote.clone());
    let edit = json!([{"op": "replace", "path": "/spec/versions/0/schema/openAPIV3Schema/description", "value": "edited"}]);
    crds.patch(
        CRD,
        &PatchParams::default(),
        &Patch::<()>::Json(serde_json::from_value(edit).unwrap()),
    )
    .await
    .unwrap();
    merge_spec(
        &bed,
        "made",
        json!({"values": {"note": "two"}, "upgrade": {"crds": "Create"}}),
    )
    .await;
    released(&bed, "made", "upgrade").await;
    assert_eq!(description(&crd(&remote).await.unwrap()), "edited");
    assert_eq!(
        remote_cms.get("made-settings").await.unwrap().data.unwrap()["note"],
        "two"
    );

    // ...CreateReplace updates it.
    merge_spec(
        &bed,
        "made",
        json!({"values": {"note": "three"}, "upgrade": {"crds": "CreateReplace"}}),
    )
    .await;
    released(&bed, "made", "upgrade").await;
    assert_eq!(description(&crd(&remote).await.unwrap()), CHART_DESCRIPTION);

    // upgrade.crds Skip does not bring a deleted CRD back; Create does.
    delete_crd(&remote).await;
    merge_spec(
        &bed,
        "made",
        json!({"values": {"note": "four"}, "upgrade": {"crds": "Skip"}}),
    )
    .await;
    released(&bed, "made", "upgrade").await;
    assert!(crd(&remote).await.is_none());
    merge_spec(
        &bed,
        "made",
        json!({"values": {"note": "five"}, "upgrade": {"crds": "Create"}}),
    )
    .await;
    released(&bed, "made", "upgrade").await;
    assert_eq!(description(&crd(&remote).await.unwrap()), CHART_DESCRIPTION);
    assert_eq!(records(&remote, &n, "made").await.len(), 5);

    // Deleting the HelmReleases uninstalls from the remote server (CRDs stay, as Helm's).
    let api: Api<HelmRelease> = Api::namespaced(bed.client.clone(), &n);
    for name in ["skip", "made"] {
        api.delete(name, &DeleteParams::default()).await.unwrap();
        let live = bed.hr(name).await;
        let report = bed.engine.reconcile(&live, &Request::default()).await;
        assert_eq!(report.outcome, Outcome::Succeeded, "{report:?}");
        assert!(records(&remote, &n, name).await.is_empty());
        assert!(
            remote_cms
                .get_opt(&format!("{name}-settings"))
                .await
                .unwrap()
                .is_none()
        );
    }
    assert!(crd(&remote).await.is_some());

    delete_crd(&remote).await;
    let _ = remote_ns.delete(&n, &DeleteParams::default()).await;
}
