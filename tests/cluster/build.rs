//! `flux-rs build kustomization` (online against the real API server, and offline with
//! `--dry-run`) and `flux-rs kustomize`.

use std::path::Path;

use k8s_openapi::api::core::v1::{ConfigMap, Secret};
use kube::api::{Api, DynamicObject, PostParams};
use kube::discovery::ApiResource;
use serde_json::json;

use crate::harness::{TestNamespace, client, flux, flux_bare};

fn write(dir: &Path, files: &[(&str, &str)]) {
    for (p, text) in files {
        let path = dir.join(p);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

const DEPLOYMENT: &str = "\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${REPLICAS}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: main
        image: nginx:1.25
        env:
        - name: GREETING
          value: ${GREETING}
        - name: TIER
          value: ${TIER:=none}
";

fn kustomization(ns: &str, substitute_from: &serde_json::Value) -> serde_json::Value {
    json!({
        "apiVersion": "kustomize.toolkit.fluxcd.io/v1",
        "kind": "Kustomization",
        "metadata": {"name": "apps", "namespace": ns},
        "spec": {
            "interval": "10m",
            "prune": true,
            "path": "./apps",
            "sourceRef": {"kind": "GitRepository", "name": "flux-system"},
            "targetNamespace": "prod",
            "namePrefix": "p-",
            "postBuild": {
                "substitute": {"TIER": "web"},
                "substituteFrom": substitute_from
            }
        }
    })
}

async fn create_kustomization(ns: &str, value: serde_json::Value) {
    let ar = ApiResource {
        group: "kustomize.toolkit.fluxcd.io".into(),
        version: "v1".into(),
        api_version: "kustomize.toolkit.fluxcd.io/v1".into(),
        kind: "Kustomization".into(),
        plural: "kustomizations".into(),
    };
    let api: Api<DynamicObject> = Api::namespaced_with(client().await, ns, &ar);
    let obj: DynamicObject = serde_json::from_value(value).unwrap();
    api.create(&PostParams::default(), &obj).await.unwrap();
}

#[tokio::test]
async fn online_build_reads_the_kustomization_and_substitute_from() {
    let ns = TestNamespace::new("build").await;
    let c = client().await;
    let cms: Api<ConfigMap> = Api::namespaced(c.clone(), &ns.name);
    let cm: ConfigMap = serde_json::from_value(json!({
        "metadata": {"name": "vars"},
        "data": {"REPLICAS": "3", "GREETING": "from-configmap"}
    }))
    .unwrap();
    cms.create(&PostParams::default(), &cm).await.unwrap();
    let secrets: Api<Secret> = Api::namespaced(c.clone(), &ns.name);
    let s: Secret = serde_json::from_value(json!({
        "metadata": {"name": "secret-vars"},
        "stringData": {"GREETING": "from-secret"}
    }))
    .unwrap();
    secrets.create(&PostParams::default(), &s).await.unwrap();
    create_kustomization(
        &ns.name,
        kustomization(
            &ns.name,
            &json!([
                {"kind": "ConfigMap", "name": "vars"},
                {"kind": "Secret", "name": "secret-vars"},
                {"kind": "ConfigMap", "name": "absent", "optional": true}
            ]),
        ),
    )
    .await;

    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &[("apps/deployment.yaml", DEPLOYMENT)]);
    let path = dir.path().join("apps");
    let r = flux(&[
        "build",
        "kustomization",
        "apps",
        "-n",
        &ns.name,
        "--path",
        path.to_str().unwrap(),
    ]);
    r.success();
    let out = &r.stdout;
    assert!(out.contains("  name: p-web\n  namespace: prod\n"), "{out}");
    assert!(out.contains("  replicas: 3\n"), "{out}");
    assert!(out.contains("value: from-secret"), "later sources win: {out}");
    assert!(
        out.contains("value: web"),
        "inline substitute wins over defaults: {out}"
    );
    assert!(out.contains("kustomize.toolkit.fluxcd.io/name: apps"), "{out}");
    assert!(
        out.contains(&format!("kustomize.toolkit.fluxcd.io/namespace: {}", ns.name)),
        "{out}"
    );
    // No kustomization.yaml was left behind in the user's directory.
    assert!(!path.join("kustomization.yaml").exists());

    // A required source that does not exist is an error naming it.
    let ns2 = TestNamespace::new("build-missing").await;
    create_kustomization(
        &ns2.name,
        kustomization(&ns2.name, &json!([{"kind": "Secret", "name": "nope"}])),
    )
    .await;
    let r = flux(&[
        "build",
        "ks",
        "apps",
        "-n",
        &ns2.name,
        "--path",
        path.to_str().unwrap(),
    ]);
    r.code(1);
    assert!(
        r.stderr.contains("substitute from 'Secret/nope' failed"),
        "{}",
        r.stderr
    );

    // A Kustomization that does not exist.
    let r = flux(&[
        "build",
        "ks",
        "ghost",
        "-n",
        &ns2.name,
        "--path",
        path.to_str().unwrap(),
    ]);
    r.code(1);
    assert!(r.stderr.contains("ghost"), "{}", r.stderr);
}

#[test]
fn dry_run_needs_no_cluster() {
    let dir = tempfile::tempdir().unwrap();
    let ks = serde_json::to_string(&kustomization(
        "flux-system",
        &json!([{"kind": "ConfigMap", "name": "vars"}]),
    ))
    .unwrap();
    write(
        dir.path(),
        &[
            ("apps/deployment.yaml", DEPLOYMENT),
            (
                "ks.yaml",
                &format!("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n---\n{ks}\n"),
            ),
        ],
    );
    let path = dir.path().join("apps");
    let file = dir.path().join("ks.yaml");
    let nowhere = [("KUBECONFIG", "/nonexistent/kubeconfig")];
    let r = flux_bare(
        &[
            "build",
            "kustomization",
            "apps",
            "--path",
            path.to_str().unwrap(),
            "--kustomization-file",
            file.to_str().unwrap(),
            "--dry-run",
        ],
        &nowhere,
    );
    r.success();
    assert!(
        r.stdout.contains("  name: p-web\n  namespace: prod\n"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("value: web"), "{}", r.stdout);
    // REPLICAS comes only from substituteFrom, which a dry run skips: it becomes null.
    assert!(r.stdout.contains("  replicas: null\n"), "{}", r.stdout);

    let r = flux_bare(
        &[
            "build",
            "ks",
            "apps",
            "--path",
            path.to_str().unwrap(),
            "--kustomization-file",
            file.to_str().unwrap(),
            "--dry-run",
            "--strict-substitute",
        ],
        &nowhere,
    );
    r.code(1);
    assert!(
        r.stderr.contains("variable not set (strict mode): \"REPLICAS\""),
        "{}",
        r.stderr
    );

    let r = flux_bare(
        &[
            "build",
            "ks",
            "apps",
            "--path",
            path.to_str().unwrap(),
            "--dry-run",
        ],
        &nowhere,
    );
    r.code(1);
    assert!(
        r.stderr.contains("--dry-run requires --kustomization-file"),
        "{}",
        r.stderr
    );

    let r = flux_bare(
        &[
            "build",
            "ks",
            "other",
            "--path",
            path.to_str().unwrap(),
            "--kustomization-file",
            file.to_str().unwrap(),
            "--dry-run",
        ],
        &nowhere,
    );
    r.code(1);
    assert!(
        r.stderr.contains("no Kustomization named \"other\""),
        "{}",
        r.stderr
    );
}

#[test]
fn kustomize_command_prints_like_kubectl_and_fails_clearly() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("base/kustomization.yaml", "resources: [cm.yaml]\n"),
            (
                "base/cm.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  on: yes\n",
            ),
            (
                "overlay/kustomization.yaml",
                "namePrefix: x-\nresources: [../base, svc.yaml]\n",
            ),
            (
                "overlay/svc.yaml",
                "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n",
            ),
            ("bad/kustomization.yaml", "resources: [../../etc/passwd]\n"),
        ],
    );
    let root = dir.path().to_str().unwrap();
    let overlay = dir.path().join("overlay");
    let r = flux_bare(&["kustomize", overlay.to_str().unwrap(), "--root", root], &[]);
    r.success();
    assert_eq!(
        r.stdout,
        "apiVersion: v1\ndata:\n  \"on\": \"yes\"\nkind: ConfigMap\nmetadata:\n  name: x-cm\n---\n\
         apiVersion: v1\nkind: Service\nmetadata:\n  name: x-s\n"
    );
    let bad = dir.path().join("bad");
    let r = flux_bare(&["kustomize", bad.to_str().unwrap(), "--root", root], &[]);
    r.code(1);
    assert!(r.stderr.contains("outside the root directory"), "{}", r.stderr);
    assert!(r.stdout.is_empty());
}

#[test]
fn an_empty_kustomization_is_an_error_in_every_command() {
    // kubectl fails on a 0-byte or comments-only kustomization.yaml; an empty desired state
    // would prune everything. `kustomize`, `build` and `diff` all refuse it, naming the file.
    for content in ["", "# resources:\n# - app.yaml\n"] {
        let dir = tempfile::tempdir().unwrap();
        let ks = serde_json::to_string(&kustomization("flux-system", &json!([]))).unwrap();
        write(
            dir.path(),
            &[
                ("apps/kustomization.yaml", content),
                (
                    "apps/app.yaml",
                    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n",
                ),
                ("ks.yaml", &ks),
            ],
        );
        let path = dir.path().join("apps");
        let (path, file) = (path.to_str().unwrap(), dir.path().join("ks.yaml"));
        let file = file.to_str().unwrap();
        let expect = |r: &crate::harness::Run, code: i32| {
            r.code(code);
            assert!(r.stdout.is_empty(), "{}", r.stdout);
            assert!(
                r.stderr
                    .contains("kustomization.yaml: kustomization.yaml is empty"),
                "{}",
                r.stderr
            );
        };
        let root = dir.path().to_str().unwrap();
        expect(&flux_bare(&["kustomize", path, "--root", root], &[]), 1);
        let nowhere = [("KUBECONFIG", "/nonexistent/kubeconfig")];
        let build = [
            "build",
            "ks",
            "apps",
            "--path",
            path,
            "--kustomization-file",
            file,
            "--dry-run",
        ];
        expect(&flux_bare(&build, &nowhere), 1);
        let diff = [
            "diff",
            "ks",
            "apps",
            "--path",
            path,
            "--kustomization-file",
            file,
            "--ignore-not-found",
        ];
        expect(&flux(&diff), 2);
    }
}
