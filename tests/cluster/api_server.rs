//! The generated CRDs on a real 1.20 API server: objects written with every upstream field
//! come back unchanged (nothing pruned by the structural schema), and invalid specs are
//! rejected with messages that name the field.

use kube::api::{Api, DynamicObject, Patch, PatchParams, PostParams};
use kube::discovery::ApiResource;
use serde_json::{Value, json};

use crate::harness::{TestNamespace, client};
use flux_rs::api::{FluxObject, GitRepository, Kustomization};

fn fixture(text: &str, ns: &str) -> Value {
    let mut v = flux_rs::yaml::from_str_json(text).unwrap().remove(0);
    v["metadata"]["namespace"] = json!(ns);
    v
}

fn resource(v: &Value) -> ApiResource {
    let (group, version) = v["apiVersion"].as_str().unwrap().split_once('/').unwrap();
    let kind = v["kind"].as_str().unwrap();
    let plural = if kind == "GitRepository" {
        "gitrepositories"
    } else {
        "kustomizations"
    };
    ApiResource {
        group: group.into(),
        version: version.into(),
        api_version: v["apiVersion"].as_str().unwrap().into(),
        kind: kind.into(),
        plural: plural.into(),
    }
}

#[tokio::test]
async fn every_upstream_field_survives_the_server() {
    let ns = TestNamespace::new("api-roundtrip").await;
    let client = client().await;
    for text in [
        include_str!("../fixtures/api/gitrepository.yaml"),
        include_str!("../fixtures/api/kustomization.yaml"),
    ] {
        let want = fixture(text, &ns.name);
        let ar = resource(&want);
        let api: Api<DynamicObject> = Api::namespaced_with(client.clone(), &ns.name, &ar);
        let name = want["metadata"]["name"].as_str().unwrap();
        let pp = PatchParams::apply("flux-rs-test").force();
        api.patch(name, &pp, &Patch::Apply(&want)).await.expect("apply");
        let status_patch =
            json!({"apiVersion": want["apiVersion"], "kind": want["kind"], "status": want["status"]});
        api.patch_status(name, &pp, &Patch::Apply(&status_patch))
            .await
            .expect("status");
        let got = serde_json::to_value(api.get(name).await.unwrap()).unwrap();
        assert_eq!(got["spec"], want["spec"], "{} spec lost fields", want["kind"]);
        assert_eq!(
            got["status"], want["status"],
            "{} status lost fields",
            want["kind"]
        );
        // And our types read the server's object without error.
        if want["kind"] == "GitRepository" {
            let gr = GitRepository::parse(got).unwrap();
            assert_eq!(
                gr.artifact_revision(),
                Some("main@sha1:5e0e9f1f2c1d4a3b6e7f8091a2b3c4d5e6f70819")
            );
        } else {
            let ks = Kustomization::parse(got).unwrap();
            assert_eq!(ks.status.unwrap().inventory.unwrap().entries.len(), 2);
        }
    }
}

#[tokio::test]
async fn the_server_rejects_invalid_specs_naming_the_field() {
    let ns = TestNamespace::new("api-invalid").await;
    let client = client().await;
    let ar = resource(&json!({"apiVersion": "kustomize.toolkit.fluxcd.io/v1", "kind": "Kustomization"}));
    let api: Api<DynamicObject> = Api::namespaced_with(client.clone(), &ns.name, &ar);
    let cases = [
        (
            json!({"interval": "5x", "prune": true, "sourceRef": {"kind": "GitRepository", "name": "r"}}),
            "spec.interval",
        ),
        (
            json!({"interval": "5m", "sourceRef": {"kind": "GitRepository", "name": "r"}}),
            "spec.prune",
        ),
        (
            json!({"interval": "5m", "prune": true, "sourceRef": {"kind": "Git", "name": "r"}}),
            "spec.sourceRef.kind",
        ),
        (
            json!({"interval": "5m", "prune": "yes", "sourceRef": {"kind": "GitRepository", "name": "r"}}),
            "spec.prune",
        ),
    ];
    for (i, (spec, field)) in cases.into_iter().enumerate() {
        let obj: DynamicObject = serde_json::from_value(json!({
            "apiVersion": "kustomize.toolkit.fluxcd.io/v1", "kind": "Kustomization",
            "metadata": {"name": format!("bad-{i}"), "namespace": ns.name}, "spec": spec,
        }))
        .unwrap();
        let err = api
            .create(&PostParams::default(), &obj)
            .await
            .expect_err("server must reject");
        let msg = flux_rs::cluster::describe(&err);
        assert!(msg.contains(field), "case {i}: {msg:?} should name {field}");
    }
    // GitRepository URL scheme validation.
    let gr = resource(&json!({"apiVersion": "source.toolkit.fluxcd.io/v1", "kind": "GitRepository"}));
    let api: Api<DynamicObject> = Api::namespaced_with(client, &ns.name, &gr);
    let obj: DynamicObject = serde_json::from_value(json!({
        "apiVersion": "source.toolkit.fluxcd.io/v1", "kind": "GitRepository",
        "metadata": {"name": "bad-url", "namespace": ns.name}, "spec": {"interval": "1m", "url": "ftp://x"},
    }))
    .unwrap();
    let err = api
        .create(&PostParams::default(), &obj)
        .await
        .expect_err("server must reject");
    assert!(flux_rs::cluster::describe(&err).contains("spec.url"));
}
