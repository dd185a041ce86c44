//! GitOps end to end through the binary, with no test seam: a `file://` repository made with
//! `git`, `create source git`, `create kustomization` (one-shot reconcile in this process,
//! the source engine checking the recorded revision out of the CLI's Git cache), then new
//! commits picked up by `reconcile kustomization --with-source`: changes applied, removed
//! manifests pruned, a broken commit failing the build without pruning anything.

use flux_rs::api::Kustomization;
use flux_rs::api::meta::READY;
use k8s_openapi::api::core::v1::ConfigMap;
use kube::api::Api;

use crate::gitrepo::WorkRepo;
use crate::harness::{TestNamespace, client, flux_env};

fn config_map(name: &str, value: &str) -> String {
    format!("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\ndata:\n  value: \"{value}\"\n")
}

fn ready(ks: &Kustomization) -> (String, String, String) {
    let c = ks
        .conditions()
        .iter()
        .find(|c| c.type_ == READY)
        .expect("Ready condition");
    (c.status.clone(), c.reason.clone(), c.message.clone())
}

#[tokio::test]
async fn git_commits_reach_the_cluster_through_the_cli() {
    let ns = TestNamespace::new("gitops-cli").await;
    let n = ns.name.as_str();
    let client = client().await;
    let cache = tempfile::tempdir().unwrap();
    let env = [("XDG_CACHE_HOME", cache.path().to_str().unwrap())];

    let w = WorkRepo::new();
    w.write("deploy/a.yaml", &config_map("a", "1"));
    w.write("deploy/b.yaml", &config_map("b", "1"));
    w.write("README.md", "not a manifest of the path\n");
    let c1 = w.commit("first");

    flux_env(
        &[
            "create",
            "source",
            "git",
            "repo",
            "--url",
            &w.url(),
            "--branch",
            "main",
            "-n",
            n,
        ],
        &env,
    )
    .success();
    let r = flux_env(
        &[
            "create",
            "kustomization",
            "apps",
            "--source",
            "GitRepository/repo",
            "--path",
            "./deploy",
            "--prune",
            "--target-namespace",
            n,
            "-n",
            n,
        ],
        &env,
    );
    r.success();
    assert!(
        r.stderr
            .lines()
            .any(|l| l == format!("✔ applied revision main@sha1:{c1}")),
        "{}",
        r.stderr
    );
    let cms: Api<ConfigMap> = Api::namespaced(client.clone(), n);
    let a = cms.get("a").await.unwrap();
    assert_eq!(a.data.as_ref().unwrap()["value"], "1");
    assert_eq!(
        a.metadata.labels.as_ref().unwrap()["kustomize.toolkit.fluxcd.io/name"],
        "apps"
    );
    let kss: Api<Kustomization> = Api::namespaced(client.clone(), n);
    let ks = kss.get("apps").await.unwrap();
    let status = ks.status.clone().unwrap();
    assert_eq!(
        status.last_applied_revision.as_deref(),
        Some(format!("main@sha1:{c1}").as_str())
    );
    assert_eq!(ready(&ks).0, "True");
    let mut ids: Vec<String> = status
        .inventory
        .unwrap()
        .entries
        .into_iter()
        .map(|e| e.id)
        .collect();
    ids.sort();
    assert_eq!(
        ids,
        vec![format!("{n}_a__ConfigMap"), format!("{n}_b__ConfigMap")]
    );
    assert!(
        ks.metadata.finalizers.is_none(),
        "the one-shot path adds no finalizer"
    );

    // A change and a removal: --with-source fetches the new commit first.
    w.write("deploy/a.yaml", &config_map("a", "2"));
    w.remove("deploy/b.yaml");
    let c2 = w.commit("second");
    let r = flux_env(&["reconcile", "ks", "apps", "--with-source", "-n", n], &env);
    r.success();
    for line in [
        format!("✔ fetched revision main@sha1:{c2}"),
        format!("✔ applied revision main@sha1:{c2}"),
    ] {
        assert!(
            r.stderr.lines().any(|l| l == line),
            "missing {line:?} in\n{}",
            r.stderr
        );
    }
    assert_eq!(cms.get("a").await.unwrap().data.unwrap()["value"], "2");
    assert!(cms.get_opt("b").await.unwrap().is_none(), "b was pruned");

    // Without --with-source the recorded revision is applied again: nothing changes. Its
    // tree, unpacked once per artifact digest, is reused from the CLI's cache.
    let trees = cache.path().join("flux-rs/trees");
    let listing = || {
        let mut names: Vec<String> = std::fs::read_dir(&trees)
            .map(|d| d.map(|e| e.unwrap().file_name().into_string().unwrap()).collect())
            .unwrap_or_default();
        names.sort();
        names
    };
    let unpacked = listing();
    assert_eq!(unpacked.len(), 2, "one tree per applied revision: {unpacked:?}");
    assert!(unpacked.iter().all(|n| n.starts_with("sha256-")), "{unpacked:?}");
    let before = cms.get("a").await.unwrap().metadata.resource_version;
    flux_env(&["reconcile", "ks", "apps", "-n", n], &env).success();
    assert_eq!(cms.get("a").await.unwrap().metadata.resource_version, before);
    assert_eq!(listing(), unpacked, "the cached tree was reused");

    // A broken commit: the build fails, nothing is pruned or changed.
    w.write(
        "deploy/a.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata: [broken\n",
    );
    let c3 = w.commit("broken");
    let r = flux_env(&["reconcile", "ks", "apps", "--with-source", "-n", n], &env);
    r.code(1);
    assert!(r.stderr.contains("kustomize build failed"), "{}", r.stderr);
    let ks = kss.get("apps").await.unwrap();
    let (status, reason, _) = ready(&ks);
    assert_eq!((status.as_str(), reason.as_str()), ("False", "BuildFailed"));
    let st = ks.status.unwrap();
    assert_eq!(
        st.last_attempted_revision.as_deref(),
        Some(format!("main@sha1:{c3}").as_str())
    );
    assert_eq!(
        st.last_applied_revision.as_deref(),
        Some(format!("main@sha1:{c2}").as_str())
    );
    assert_eq!(cms.get("a").await.unwrap().metadata.resource_version, before);
}
