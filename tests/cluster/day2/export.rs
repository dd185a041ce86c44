//! `export`: clean YAML, `--with-credentials` with every referenced Secret, nothing printed
//! when something is missing, and the round trip export → delete → apply → same spec.

use std::time::Duration;

use k8s_openapi::api::core::v1::Secret;
use kube::api::{Api, DeleteParams, PostParams};
use serde_json::{Value, json};

use super::*;
use crate::harness::{client, flux};

async fn secret(c: &kube::Client, ns: &str, name: &str, data: Value) {
    let api: Api<Secret> = Api::namespaced(c.clone(), ns);
    let s: Secret = serde_json::from_value(
        json!({"metadata": {"name": name, "labels": {"x": "y"}}, "type": "Opaque", "stringData": data}),
    )
    .unwrap();
    api.create(&PostParams::default(), &s).await.unwrap();
}

async fn setup(c: &kube::Client, ns: &str) {
    let (ks, git) = (ks_resource(), git_resource());
    secret(c, ns, "auth", json!({"username": "git", "password": "s3cr3t"})).await;
    secret(
        c,
        ns,
        "keys",
        json!({"author.pub": "-----BEGIN PGP PUBLIC KEY BLOCK-----"}),
    )
    .await;
    secret(c, ns, "unused", json!({"a": "b"})).await;
    create(
        c,
        ns,
        &git,
        git_repo(
            "podinfo",
            json!({"secretRef": {"name": "auth"}, "verify": {"mode": "HEAD", "secretRef": {"name": "keys"}},
                "proxySecretRef": {"name": "auth"}, "ignore": "/*\n!/deploy\n"}),
        ),
    )
    .await;
    create(c, ns, &git, git_repo("plain", json!({}))).await;
    write_status(
        c,
        ns,
        &git,
        "podinfo",
        git_ready(ns, "podinfo", &format!("main@sha1:{SHA}"), 1),
        "source-controller",
    )
    .await;
    let mut apps = kustomization(
        "apps",
        "podinfo",
        json!({"dependsOn": [{"name": "infra"}], "postBuild": {"substitute": {"cluster": "prod", "enabled": "true"}},
            "patches": [{"patch": "- op: replace\n  path: /spec/replicas\n  value: 2\n", "target": {"kind": "Deployment"}}]}),
    );
    apps["metadata"]["labels"] = json!({"team": "a"});
    apps["metadata"]["annotations"] =
        json!({"kubectl.kubernetes.io/last-applied-configuration": "{}", "owner": "team-a"});
    apps["metadata"]["finalizers"] = json!(["finalizers.fluxcd.io"]);
    create(c, ns, &ks, apps).await;
    write_status(
        c,
        ns,
        &ks,
        "apps",
        ks_ready(&format!("main@sha1:{SHA}"), 1, &[]),
        "kustomize-controller",
    )
    .await;
    create(
        c,
        ns,
        &ks,
        kustomization("infra", "plain", json!({"prune": false, "timeout": "2m"})),
    )
    .await;
}

#[tokio::test]
async fn export_prints_clean_yaml_with_every_secret() {
    let ns = namespace("d2expo").await;
    let n = ns.name.as_str();
    let c = client().await;
    setup(&c, n).await;
    let subs = [ns_sub(&ns)];

    let r = flux(&["export", "ks", "apps", "-n", n]);
    r.success();
    golden("export-ks-apps.yaml", &r.stdout, &subs);
    let r = flux(&["export", "kustomization", "--all", "-n", n]);
    r.success();
    golden("export-ks-all.yaml", &r.stdout, &subs);
    let r = flux(&["export", "source", "git", "--all", "--with-credentials", "-n", n]);
    r.success();
    golden("export-git-credentials.yaml", &r.stdout, &subs);
    assert!(r.stderr.is_empty(), "{}", r.stderr);

    // Anything missing: an error naming it, and nothing on stdout.
    let r = flux(&["export", "ks", "apps", "nope", "-n", n]);
    r.code(1);
    assert!(r.stdout.is_empty());
    assert_eq!(r.stderr, format!("✗ Kustomization/{n}/nope: not found\n"));
    create(
        &c,
        n,
        &git_resource(),
        git_repo("lost", json!({"secretRef": {"name": "gone"}})),
    )
    .await;
    let r = flux(&["export", "source", "git", "--all", "--with-credentials", "-n", n]);
    r.code(1);
    assert!(r.stdout.is_empty(), "{}", r.stdout);
    assert_eq!(
        r.stderr,
        format!(
            "✗ GitRepository/{n}/lost: spec.secretRef.name: Secret \"gone\" not found in namespace \"{n}\"\n"
        )
    );
    let r = flux(&["export", "ks", "-n", n]);
    r.code(2); // a usage error
    assert!(
        r.stderr.contains("Kustomization name is required"),
        "{}",
        r.stderr
    );
}

#[tokio::test]
async fn export_delete_apply_round_trip_keeps_the_spec() {
    let ns = namespace("d2expr").await;
    let n = ns.name.as_str();
    let c = client().await;
    setup(&c, n).await;
    let (ks, git) = (ks_resource(), git_resource());

    let mut text = flux(&["export", "source", "git", "--all", "--with-credentials", "-n", n])
        .success()
        .stdout
        .clone();
    text.push_str(&flux(&["export", "ks", "--all", "-n", n]).success().stdout);
    let docs = flux_rs::yaml::from_str_json(&text).unwrap();
    assert_eq!(docs.len(), 6, "2 secrets, 2 GitRepositories, 2 Kustomizations");

    let mut before = Vec::new();
    for (r, name) in [(&git, "podinfo"), (&git, "plain"), (&ks, "apps"), (&ks, "infra")] {
        let v = serde_json::to_value(api(&c, n, r).get(name).await.unwrap()).unwrap();
        before.push((r.clone(), name, v));
    }
    let secrets: Api<Secret> = Api::namespaced(c.clone(), n);
    let auth_before = secrets.get("auth").await.unwrap().data;

    // Delete everything the export holds (the finalizer of apps is removed as its
    // controller would after cleaning up).
    api(&c, n, &ks)
        .patch(
            "apps",
            &kube::api::PatchParams::default(),
            &kube::api::Patch::Merge(json!({"metadata": {"finalizers": null}})),
        )
        .await
        .unwrap();
    for (r, name, _) in &before {
        api(&c, n, r)
            .delete(name, &DeleteParams::default())
            .await
            .unwrap();
    }
    for s in ["auth", "keys"] {
        secrets.delete(s, &DeleteParams::default()).await.unwrap();
    }
    for (r, name, _) in &before {
        for _ in 0..100 {
            if api(&c, n, r).get_opt(name).await.unwrap().is_none() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    let manager = flux_rs::apply::Manager::new(
        c.clone(),
        flux_rs::apply::Owner {
            field_manager: "flux".into(),
            ..Default::default()
        },
    );
    let changes = manager
        .apply_all(docs, &flux_rs::apply::ApplyOptions::default())
        .await
        .unwrap();
    assert_eq!(changes.count(flux_rs::apply::Action::Created), 6, "{changes:?}");

    for (r, name, old) in &before {
        let new = serde_json::to_value(api(&c, n, r).get(name).await.unwrap()).unwrap();
        assert_eq!(new["spec"], old["spec"], "{} {name}", r.kind);
        assert_eq!(new["metadata"]["labels"], old["metadata"]["labels"], "{name}");
        let mut annotations = old["metadata"]["annotations"].clone();
        if let Some(a) = annotations.as_object_mut() {
            a.remove("kubectl.kubernetes.io/last-applied-configuration");
        }
        assert_eq!(new["metadata"]["annotations"], annotations, "{name}");
    }
    assert_eq!(secrets.get("auth").await.unwrap().data, auth_before);
}
