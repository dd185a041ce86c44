//! `install`, `check` and `uninstall` on the global test cluster (cluster-wide state: these
//! tests hold the global lock).

use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::Namespace;
use k8s_openapi::apiextensions_apiserver::pkg::apis::apiextensions::v1::CustomResourceDefinition;
use kube::api::Api;

use crate::harness::{client_for, flux_global, global_kubeconfig, global_lock, rollout_complete};

async fn resource_versions(client: &kube::Client) -> Vec<String> {
    let crds: Api<CustomResourceDefinition> = Api::all(client.clone());
    let deps: Api<Deployment> = Api::namespaced(client.clone(), "flux-system");
    let mut out = Vec::new();
    for name in [
        "gitrepositories.source.toolkit.fluxcd.io",
        "kustomizations.kustomize.toolkit.fluxcd.io",
    ] {
        out.push(crds.get(name).await.unwrap().metadata.resource_version.unwrap());
    }
    out.push(
        deps.get("flux-rs-controller")
            .await
            .unwrap()
            .metadata
            .resource_version
            .unwrap(),
    );
    out
}

// A std mutex on purpose: each #[tokio::test] has its own runtime, so only a process-wide
// lock serializes them; holding it across awaits is the point.
#[allow(clippy::await_holding_lock)]
#[tokio::test]
async fn install_check_reinstall_uninstall() {
    let _lock = global_lock();
    let client = client_for(&global_kubeconfig()).await;

    // Start from a clean cluster.
    flux_global(&["uninstall", "-s"]).success();

    let r = flux_global(&["install"]);
    r.success();
    assert!(
        r.stderr
            .contains("CustomResourceDefinition/gitrepositories.source.toolkit.fluxcd.io created"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("Deployment/flux-system/flux-rs-controller created"),
        "{}",
        r.stderr
    );
    // CRDs are applied and established before the rest.
    let crd_line = r.stderr.find("CustomResourceDefinition/").unwrap();
    let dep_line = r.stderr.find("Deployment/").unwrap();
    assert!(crd_line < dep_line);

    // No Pod runs on the test server: the controller is not ready yet.
    let r = flux_global(&["check"]);
    r.code(1);
    assert!(
        r.stderr.contains(
            "✗ flux-rs-controller: deployment not ready: 0 of 1 replica(s) ready: no Pod has been created for it"
        ),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("✔ kustomizations.kustomize.toolkit.fluxcd.io/v1"),
        "{}",
        r.stderr
    );

    // Report a rollout the way the deployment controller would.
    let deps: Api<Deployment> = Api::namespaced(client.clone(), "flux-system");
    rollout_complete(&deps, "flux-rs-controller").await;
    let r = flux_global(&["check"]);
    r.success();
    assert!(
        r.stderr.contains("✔ flux-rs-controller: deployment ready"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("✔ all checks passed"), "{}", r.stderr);

    // A second install changes nothing and writes nothing.
    let before = resource_versions(&client).await;
    let r = flux_global(&["install"]);
    r.success();
    assert!(r.stderr.contains("nothing changed"), "{}", r.stderr);
    assert!(
        !r.stderr.contains(" created") && !r.stderr.contains(" configured"),
        "{}",
        r.stderr
    );
    assert_eq!(
        resource_versions(&client).await,
        before,
        "a no-op install must not write"
    );

    // Uninstall removes it all.
    let r = flux_global(&["uninstall"]);
    r.code(1);
    assert!(
        r.stderr.contains("pass -s/--silent"),
        "non-TTY without -s must refuse: {}",
        r.stderr
    );
    // A Flux object with a finalizer and no controller to remove it: uninstall takes it off,
    // or deleting the CRDs would hang.
    let repos: Api<kube::api::DynamicObject> = Api::namespaced_with(
        client.clone(),
        "flux-system",
        &kube::api::ApiResource {
            group: "source.toolkit.fluxcd.io".into(),
            version: "v1".into(),
            api_version: "source.toolkit.fluxcd.io/v1".into(),
            kind: "GitRepository".into(),
            plural: "gitrepositories".into(),
        },
    );
    let repo: kube::api::DynamicObject = serde_json::from_value(serde_json::json!({
        "apiVersion": "source.toolkit.fluxcd.io/v1", "kind": "GitRepository",
        "metadata": {"name": "held", "namespace": "flux-system", "finalizers": ["finalizers.fluxcd.io"]},
        "spec": {"url": "https://example.invalid/repo", "interval": "1m"}}))
    .unwrap();
    repos
        .create(&kube::api::PostParams::default(), &repo)
        .await
        .unwrap();
    let r = flux_global(&["uninstall", "-s"]);
    r.success();
    assert!(
        r.stderr
            .contains("GitRepository/flux-system/held finalizers deleted"),
        "{}",
        r.stderr
    );
    let crds: Api<CustomResourceDefinition> = Api::all(client.clone());
    assert!(
        crds.get_opt("kustomizations.kustomize.toolkit.fluxcd.io")
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        crds.get_opt("gitrepositories.source.toolkit.fluxcd.io")
            .await
            .unwrap()
            .is_none()
    );
    let nss: Api<Namespace> = Api::all(client.clone());
    assert!(nss.get_opt("flux-system").await.unwrap().is_none());
    let r = flux_global(&["check"]);
    r.code(1);
}

#[tokio::test]
async fn export_prints_what_install_applies() {
    let r = flux_global(&[
        "install",
        "--export",
        "--registry",
        "registry.local:5000/flux",
        "--version",
        "9.9.9",
    ]);
    r.success();
    assert!(
        r.stdout
            .starts_with("---\n# This manifest was generated by flux-rs. DO NOT EDIT.\n")
    );
    let docs = flux_rs::yaml::from_str_json(&r.stdout).unwrap();
    assert_eq!(docs.len(), 16);
    let dep = docs.iter().find(|d| d["kind"] == "Deployment").unwrap();
    assert_eq!(
        dep["spec"]["template"]["spec"]["containers"][0]["image"],
        "registry.local:5000/flux/flux-rs:9.9.9"
    );
}
