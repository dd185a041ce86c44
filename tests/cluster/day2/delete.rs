//! `delete`: confirmation required without `-s` (an error without a terminal), a
//! Kustomization that prunes takes its owned inventory objects with it — unless
//! `--keep-objects` or pruning is off — and the output says which.

use k8s_openapi::api::core::v1::ConfigMap;
use kube::api::{Api, PostParams};
use serde_json::json;

use super::*;
use crate::harness::{client, flux};

async fn config_map(
    c: &kube::Client,
    ns: &str,
    name: &str,
    owner: Option<&str>,
    annotations: serde_json::Value,
) {
    let mut labels = json!({});
    if let Some(o) = owner {
        labels = json!({"kustomize.toolkit.fluxcd.io/name": o, "kustomize.toolkit.fluxcd.io/namespace": ns});
    }
    let cm: ConfigMap = serde_json::from_value(
        json!({"metadata": {"name": name, "labels": labels, "annotations": annotations},
        "data": {"k": "v"}}),
    )
    .unwrap();
    Api::<ConfigMap>::namespaced(c.clone(), ns)
        .create(&PostParams::default(), &cm)
        .await
        .unwrap();
}

async fn exists(c: &kube::Client, ns: &str, name: &str) -> bool {
    Api::<ConfigMap>::namespaced(c.clone(), ns)
        .get_opt(name)
        .await
        .unwrap()
        .is_some()
}

#[tokio::test]
async fn delete_kustomization_with_its_inventory() {
    let ns = namespace("d2dele").await;
    let n = ns.name.as_str();
    let c = client().await;
    let ks = ks_resource();
    let rev = format!("main@sha1:{SHA}");
    for name in ["owned-a", "owned-b"] {
        config_map(&c, n, name, Some("apps"), json!({})).await;
    }
    config_map(&c, n, "foreign", None, json!({})).await;
    config_map(&c, n, "other-owner", Some("infra"), json!({})).await;
    config_map(
        &c,
        n,
        "protected",
        Some("apps"),
        json!({"kustomize.toolkit.fluxcd.io/prune": "disabled"}),
    )
    .await;
    let id = |name: &str| format!("{n}_{name}__ConfigMap");
    let entries: Vec<String> = [
        "owned-a",
        "foreign",
        "other-owner",
        "protected",
        "missing",
        "owned-b",
    ]
    .iter()
    .map(|x| id(x))
    .collect();
    let mut inventory: Vec<(&str, &str)> = entries.iter().map(|e| (e.as_str(), "v1")).collect();
    let me = format!("{n}_apps_kustomize.toolkit.fluxcd.io_Kustomization");
    inventory.push((&me, "v1"));
    create(&c, n, &ks, kustomization("apps", "repo", json!({}))).await;
    write_status(
        &c,
        n,
        &ks,
        "apps",
        ks_ready(&rev, 1, &inventory),
        "kustomize-controller",
    )
    .await;

    // Without a terminal, -s is required; nothing is deleted.
    let r = flux(&["delete", "ks", "apps", "-n", n]);
    r.code(1);
    assert_eq!(
        r.stderr,
        "✗ delete asks for confirmation, but stdin is not a terminal: pass -s/--silent to proceed\n"
    );
    assert!(api(&c, n, &ks).get_opt("apps").await.unwrap().is_some());

    let r = flux(&["delete", "ks", "apps", "-n", n, "-s"]);
    r.success();
    golden("delete-ks-prune.txt", &r.stderr, &[ns_sub(&ns)]);
    assert!(api(&c, n, &ks).get_opt("apps").await.unwrap().is_none());
    for (name, kept) in [
        ("owned-a", false),
        ("owned-b", false),
        ("foreign", true),
        ("other-owner", true),
        ("protected", true),
    ] {
        assert_eq!(exists(&c, n, name).await, kept, "{name}");
    }

    let r = flux(&["delete", "ks", "apps", "-n", n, "-s"]);
    r.code(1);
    assert_eq!(r.stderr, format!("✗ Kustomization/{n}/apps: not found\n"));
}

#[tokio::test]
async fn delete_keeps_objects_when_asked_or_not_pruning() {
    let ns = namespace("d2delk").await;
    let n = ns.name.as_str();
    let c = client().await;
    let (ks, git) = (ks_resource(), git_resource());
    let rev = format!("main@sha1:{SHA}");
    for (ks_name, cm, prune) in [("keep", "kept-by-flag", true), ("noprune", "kept-by-spec", false)] {
        config_map(&c, n, cm, Some(ks_name), json!({})).await;
        create(
            &c,
            n,
            &ks,
            kustomization(ks_name, "repo", json!({"prune": prune})),
        )
        .await;
        let id = format!("{n}_{cm}__ConfigMap");
        write_status(
            &c,
            n,
            &ks,
            ks_name,
            ks_ready(&rev, 1, &[(&id, "v1")]),
            "kustomize-controller",
        )
        .await;
    }
    let r = flux(&["delete", "ks", "keep", "-n", n, "-s", "--keep-objects"]);
    r.success();
    golden("delete-ks-keep-objects.txt", &r.stderr, &[ns_sub(&ns)]);
    let r = flux(&["delete", "ks", "noprune", "-n", n, "--silent"]);
    r.success();
    golden("delete-ks-no-prune.txt", &r.stderr, &[ns_sub(&ns)]);
    assert!(exists(&c, n, "kept-by-flag").await && exists(&c, n, "kept-by-spec").await);

    create(&c, n, &git, git_repo("repo", json!({}))).await;
    let r = flux(&["delete", "source", "git", "repo", "-n", n, "--keep-objects", "-s"]);
    r.code(2); // a usage error
    assert_eq!(r.stderr, "✗ --keep-objects applies to Kustomizations only\n");
    let r = flux(&["delete", "source", "git", "repo", "-n", n, "-s"]);
    r.success();
    golden("delete-git.txt", &r.stderr, &[ns_sub(&ns)]);
    assert!(api(&c, n, &git).get_opt("repo").await.unwrap().is_none());
}
