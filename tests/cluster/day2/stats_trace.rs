//! `stats` (per-kind counts, `-A` with a label selector, JSON) and `trace` (object →
//! Kustomization → source).

use k8s_openapi::api::core::v1::ConfigMap;
use kube::api::{Api, PostParams};
use serde_json::json;

use super::get::populate;
use super::*;
use crate::harness::{client, flux};

#[tokio::test]
async fn stats_count_per_kind() {
    let a = namespace("d2staa").await;
    let b = namespace("d2stab").await;
    let c = client().await;
    let run = a.name.clone();
    populate(&c, &a.name, json!({"day2-run": run})).await;
    populate(&c, &b.name, json!({"day2-run": run})).await;
    let r = flux(&["stats", "-n", &a.name]);
    r.success();
    golden("stats.txt", &r.stdout, &[]);
    let selector = format!("day2-run={run}");
    let r = flux(&["stats", "-A", "-l", &selector]);
    r.success();
    golden("stats-all-namespaces.txt", &r.stdout, &[]);
    let r = flux(&["stats", "-A", "-l", &selector, "-o", "json"]);
    r.success();
    golden("stats-all-namespaces.json", &r.stdout, &[]);
}

#[tokio::test]
async fn trace_follows_owner_labels_to_the_source() {
    let ns = namespace("d2trac").await;
    let n = ns.name.as_str();
    let c = client().await;
    populate(&c, n, json!({})).await;
    let cms: Api<ConfigMap> = Api::namespaced(c.clone(), n);
    for (name, labels) in [
        (
            "app-config",
            json!({"kustomize.toolkit.fluxcd.io/name": "apps", "kustomize.toolkit.fluxcd.io/namespace": n}),
        ),
        (
            "stray",
            json!({"kustomize.toolkit.fluxcd.io/name": "infra", "kustomize.toolkit.fluxcd.io/namespace": n}),
        ),
        ("handmade", json!({})),
    ] {
        let cm: ConfigMap =
            serde_json::from_value(json!({"metadata": {"name": name, "labels": labels}})).unwrap();
        cms.create(&PostParams::default(), &cm).await.unwrap();
    }
    let subs = [ns_sub(&ns)];
    for (file, a) in [
        (
            "trace-configmap.txt",
            vec!["trace", "configmap", "app-config", "-n", n],
        ),
        ("trace-configmap.txt", vec!["trace", "cm/app-config", "-n", n]),
        (
            "trace-configmap.txt",
            vec!["trace", "ConfigMap", "app-config", "--api-version", "v1", "-n", n],
        ),
        (
            "trace-not-in-inventory.txt",
            vec!["trace", "configmaps", "stray", "-n", n],
        ),
    ] {
        let r = flux(&a);
        r.success();
        golden(file, &r.stdout, &subs);
    }
    let r = flux(&["trace", "cm", "handmade", "-n", n]);
    r.code(1);
    assert_eq!(
        r.stderr,
        format!(
            "✗ ConfigMap/{n}/handmade: not managed by Flux (it has no kustomize.toolkit.fluxcd.io/name label)\n"
        )
    );
    let r = flux(&["trace", "deploy/nope", "-n", n]);
    r.code(1);
    assert_eq!(r.stderr, format!("✗ Deployment/{n}/nope: not found\n"));
    let r = flux(&["trace", "widgets", "x", "-n", n]);
    r.code(1);
    assert_eq!(
        r.stderr,
        "✗ the server doesn't have a resource type \"widgets\"\n"
    );
}
