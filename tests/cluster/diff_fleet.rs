//! `flux-rs diff --cluster` against the real API server: the working tree's fleet (a
//! flux-system sync in the test namespace, a Kustomization `apps` whose substituteFrom
//! ConfigMap exists only in the cluster) compared with what a reconcile applied: a changed
//! object with its diff, a prune candidate from the inventory, a new Kustomization, nothing
//! written.

use std::path::Path;
use std::process::{Command, Stdio};

use kube::api::{Api, DynamicObject, Patch, PatchParams, PostParams};
use kube::discovery::ApiResource;
use serde_json::{Value, json};

use flux_rs::apply::{ApplyOptions, Inventory, Manager};

use crate::harness::{Run, TestNamespace, bin, client, ensure_crds, kubeconfig};

fn write(dir: &Path, path: &str, text: &str) {
    let p = dir.join(path);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn git(dir: &Path, args: &[&str]) {
    let ok = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .current_dir(dir)
        .status()
        .unwrap()
        .success();
    assert!(ok, "git {args:?}");
}

/// flux-rs in `dir` against the shared cluster.
fn flux_in(dir: &Path, args: &[&str]) -> Run {
    ensure_crds();
    let out = Command::new(bin())
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .env("KUBECONFIG", kubeconfig())
        .env("NO_COLOR", "1")
        .env_remove("FLUX_SYSTEM_NAMESPACE")
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

const APP: &str = "\
apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
data:
  greeting: ${GREETING}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: main
        image: nginx:1.25
";

fn kustomization(ns: &str, name: &str, path: &str, extra: &str) -> String {
    format!(
        "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: {name}\n  namespace: {ns}\nspec:\n  interval: 10m\n  path: {path}\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n{extra}"
    )
}

#[tokio::test]
async fn the_fleet_against_the_cluster_with_prune_candidates() {
    let ns = TestNamespace::new("diff-fleet").await;
    let n = ns.name.as_str();
    let client = client().await;
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    git(d, &["init", "-q", "-b", "main", "."]);
    write(
        d,
        "clusters/prod/flux-system/gotk-sync.yaml",
        &format!(
            "apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: flux-system\n  namespace: {n}\nspec:\n  interval: 1m\n  url: https://git.example.com/fleet\n---\n{}",
            kustomization(n, "flux-system", "./clusters/prod", "")
        ),
    );
    let apps = kustomization(
        n,
        "apps",
        "./apps",
        &format!(
            "  targetNamespace: {n}\n  postBuild:\n    substituteFrom:\n    - kind: ConfigMap\n      name: cluster-vars\n"
        ),
    );
    write(d, "clusters/prod/apps.yaml", &apps);
    write(d, "apps/app.yaml", APP);
    write(
        d,
        "apps/extra.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\ndata:\n  a: b\n",
    );
    git(d, &["add", "-A"]);
    git(d, &["commit", "-q", "-m", "base"]);

    // The cluster: the variables (only there), the Kustomization, and what a reconcile of
    // the committed tree applied, with its inventory.
    let cms: Api<DynamicObject> = Api::namespaced_with(
        client.clone(),
        n,
        &ApiResource::erase::<k8s_openapi::api::core::v1::ConfigMap>(&()),
    );
    cms.create(
        &PostParams::default(),
        &serde_json::from_value(json!({"apiVersion": "v1", "kind": "ConfigMap",
            "metadata": {"name": "cluster-vars", "namespace": n},
            "data": {"GREETING": "hello-from-cluster"}}))
        .unwrap(),
    )
    .await
    .unwrap();
    let ks_ar = ApiResource {
        group: "kustomize.toolkit.fluxcd.io".into(),
        version: "v1".into(),
        api_version: "kustomize.toolkit.fluxcd.io/v1".into(),
        kind: "Kustomization".into(),
        plural: "kustomizations".into(),
    };
    let kss: Api<DynamicObject> = Api::namespaced_with(client.clone(), n, &ks_ar);
    let ks_obj: Value = flux_rs::yaml::from_str_json(&apps).unwrap().remove(0);
    kss.create(&PostParams::default(), &serde_json::from_value(ks_obj).unwrap())
        .await
        .unwrap();
    let built = flux_in(d, &["build", "ks", "apps", "-n", n, "--path", "./apps"]);
    built.success();
    assert!(
        built.stdout.contains("greeting: hello-from-cluster"),
        "{}",
        built.stdout
    );
    let owner = flux_rs::engine::owner(n, "apps", "kustomize-controller");
    let cs = Manager::new(client.clone(), owner)
        .apply_all_staged(
            flux_rs::yaml::from_str_json(&built.stdout).unwrap(),
            &ApplyOptions::default(),
        )
        .await
        .unwrap();
    let inventory = flux_rs::engine::status::inventory_status(&Inventory::from_change_set(&cs));
    kss.patch_status(
        "apps",
        &PatchParams::default(),
        &Patch::Merge(&json!({"status": {"inventory": inventory}})),
    )
    .await
    .unwrap();

    // The pull request: one more replica, extra.yaml removed.
    write(d, "apps/app.yaml", &APP.replace("replicas: 1", "replicas: 3"));
    std::fs::remove_file(d.join("apps/extra.yaml")).unwrap();
    let r = flux_in(d, &["diff", "--cluster"]);
    r.code(1);
    let out = &r.stdout;
    assert!(
        out.contains(&format!(
            "► Kustomization {n}/apps ./apps: 0 created, 1 changed, 1 deleted\n"
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!("  ► Deployment/{n}/web changed\n")),
        "{out}"
    );
    assert!(out.contains("-  replicas: 1\n    +  replicas: 3\n"), "{out}");
    assert!(
        out.contains(&format!("  ► ConfigMap/{n}/extra deleted\n")),
        "{out}"
    );
    // The variable came from the cluster: the ConfigMap that uses it does not change.
    assert!(!out.contains("web-config"), "{out}");
    // The root is not in the cluster: new, its objects created.
    assert!(
        out.contains(&format!(
            "► Kustomization {n}/flux-system (new) ./clusters/prod: 2 created"
        )),
        "{out}"
    );
    assert!(out.contains("against cluster"), "{out}");
    // Nothing was written.
    let deps: Api<k8s_openapi::api::apps::v1::Deployment> = Api::namespaced(client.clone(), n);
    let dep = deps.get("web").await.unwrap();
    assert_eq!(dep.spec.unwrap().replicas, Some(1));
    assert!(cms.get_opt("extra").await.unwrap().is_some());

    // JSON: the same, structured; --base and --cluster exclude each other.
    let r = flux_in(d, &["diff", "--cluster", "-o", "json"]);
    r.code(1);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["base"], "cluster");
    let apps = v["kustomizations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["name"] == "apps")
        .unwrap();
    assert_eq!(apps["state"], "changed");
    let actions: Vec<&str> = apps["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["changed", "deleted"]);
    let r = flux_in(d, &["diff", "--cluster", "--base", "main"]);
    r.code(2);

    // A substituteFrom source missing from the cluster fails that Kustomization, named.
    cms.delete("cluster-vars", &kube::api::DeleteParams::default())
        .await
        .unwrap();
    let r = flux_in(d, &["diff", "--cluster"]);
    r.code(2);
    assert!(
        r.stdout.contains(&format!(
            "✗ Kustomization {n}/apps: substitute from 'ConfigMap/cluster-vars' failed"
        )),
        "{}",
        r.stdout
    );
    assert!(
        r.stderr
            .contains(&format!("failed to build: Kustomization {n}/apps")),
        "{}",
        r.stderr
    );
}
