//! `get`: upstream tables, wide, yaml and json Lists, status and label selectors, `-A`,
//! empty results, `--watch`, and `get all` on a cluster missing a CRD.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use k8s_openapi::api::core::v1::Namespace;
use k8s_openapi::apiextensions_apiserver::pkg::apis::apiextensions::v1::CustomResourceDefinition;
use kube::api::{Api, ApiResource, DeleteParams, PostParams};
use serde_json::json;

use super::*;
use crate::harness::{
    bin, client, client_for, flux, flux_global, global_kubeconfig, global_lock, kubeconfig,
};

/// GitRepositories and Kustomizations in every state `get` shows.
pub(super) async fn populate(client: &kube::Client, ns: &str, labels: serde_json::Value) {
    let (git, ks) = (git_resource(), ks_resource());
    let rev = format!("main@sha1:{SHA}");
    for (name, extra) in [
        ("podinfo", json!({})),
        ("broken", json!({"ref": {"branch": "nope"}})),
        ("fresh", json!({})),
        ("paused", json!({"suspend": true, "ref": {"tag": "v1.2.3"}})),
    ] {
        let mut obj = git_repo(name, extra);
        obj["metadata"]["labels"] = labels.clone();
        create(client, ns, &git, obj).await;
    }
    write_status(
        client,
        ns,
        &git,
        "podinfo",
        git_ready(ns, "podinfo", &rev, 1),
        "source-controller",
    )
    .await;
    write_status(
        client,
        ns,
        &git,
        "broken",
        git_failed(1, "https://git.example.com/org/broken"),
        "source-controller",
    )
    .await;
    write_status(
        client,
        ns,
        &git,
        "paused",
        git_ready(ns, "paused", &format!("v1.2.3@sha1:{SHA2}"), 1),
        "source-controller",
    )
    .await;
    for (name, src) in [("apps", "podinfo"), ("infra", "podinfo"), ("waiting", "fresh")] {
        let mut obj = kustomization(name, src, json!({}));
        obj["metadata"]["labels"] = labels.clone();
        create(client, ns, &ks, obj).await;
    }
    let cm = format!("{ns}_app-config__ConfigMap");
    write_status(
        client,
        ns,
        &ks,
        "apps",
        ks_ready(&rev, 1, &[(&cm, "v1")]),
        "kustomize-controller",
    )
    .await;
    write_status(
        client,
        ns,
        &ks,
        "infra",
        ks_failed(&format!("main@sha1:{SHA2}"), &rev, 1),
        "kustomize-controller",
    )
    .await;
}

#[tokio::test]
async fn get_prints_upstream_tables_and_lists() {
    let ns = namespace("d2get").await;
    let c = client().await;
    populate(&c, &ns.name, json!({"team": "a"})).await;
    let subs = [ns_sub(&ns)];
    let n = ns.name.as_str();

    let cases: &[(&str, &[&str])] = &[
        ("get-ks.txt", &["get", "kustomizations", "-n", n]),
        ("get-ks-wide.txt", &["get", "ks", "-n", n, "-o", "wide"]),
        ("get-ks-show-source.txt", &["get", "ks", "-n", n, "--show-source"]),
        (
            "get-ks-not-ready.txt",
            &["get", "ks", "-n", n, "--status-selector", "ready=false"],
        ),
        ("get-ks-apps.txt", &["get", "ks", "apps", "-n", n]),
        ("get-git.txt", &["get", "sources", "git", "-n", n]),
        (
            "get-git-no-header.txt",
            &["get", "sources", "git", "-n", n, "--no-header"],
        ),
        (
            "get-git-wide.txt",
            &["get", "sources", "git", "-n", n, "-o", "wide"],
        ),
        ("get-sources-all.txt", &["get", "sources", "all", "-n", n]),
        ("get-all.txt", &["get", "all", "-n", n]),
        (
            "get-git-podinfo.yaml",
            &["get", "sources", "git", "podinfo", "-n", n, "-o", "yaml"],
        ),
        ("get-ks-apps.json", &["get", "ks", "apps", "-n", n, "-o", "json"]),
        (
            "get-ks-labelled.yaml",
            &[
                "get",
                "ks",
                "-n",
                n,
                "-l",
                "team=a",
                "--status-selector",
                "Ready!=False",
                "-o",
                "yaml",
            ],
        ),
    ];
    for (file, a) in cases {
        let r = flux(a);
        r.success();
        golden(file, &r.stdout, &subs);
        assert!(r.stderr.is_empty(), "{a:?}: {}", r.stderr);
    }

    // A name that does not exist: upstream's message, exit 1.
    let r = flux(&["get", "ks", "nope", "-n", n]);
    r.code(1);
    assert_eq!(
        r.stderr,
        format!("✗ Kustomization object 'nope' not found in \"{n}\" namespace\n")
    );
    assert!(r.stdout.is_empty());
    // Nothing matches: upstream's message naming the filter, not as a failure, exit 0;
    // yaml/json print an empty List.
    let r = flux(&["get", "ks", "-n", n, "-l", "team=none"]);
    r.success();
    assert_eq!(
        r.stderr,
        format!("no Kustomization objects found in \"{n}\" namespace matching -l team=none\n")
    );
    let r = flux(&[
        "get",
        "ks",
        "-n",
        n,
        "-l",
        "team=none",
        "--status-selector",
        "ready=false",
    ]);
    r.success();
    assert_eq!(
        r.stderr,
        format!(
            "no Kustomization objects found in \"{n}\" namespace matching -l team=none and --status-selector ready=false\n"
        )
    );
    assert!(r.stdout.is_empty());
    let r = flux(&["get", "sources", "git", "-n", n, "-l", "team=none", "-o", "json"]);
    r.success();
    assert_eq!(
        r.stdout,
        "{\n    \"apiVersion\": \"v1\",\n    \"items\": [],\n    \"kind\": \"List\",\n    \"metadata\": {\n        \"resourceVersion\": \"\"\n    }\n}\n"
    );
    let r = flux(&["get", "ks", "-n", n, "--status-selector", "ready"]);
    r.code(1);
    assert!(
        r.stderr
            .contains("expected status selector in type=status format"),
        "{}",
        r.stderr
    );
    let r = flux(&["get", "all", "-n", n, "-w"]);
    r.code(2); // a usage error
    assert!(
        r.stderr.contains("expected a single resource type"),
        "{}",
        r.stderr
    );
}

#[tokio::test]
async fn get_lists_across_namespaces() {
    let a = namespace("d2gaa").await;
    let b = namespace("d2gab").await;
    let c = client().await;
    let run = a.name.clone();
    populate(&c, &a.name, json!({"day2-run": run})).await;
    populate(&c, &b.name, json!({"day2-run": run})).await;
    let subs = [ns_sub(&a), ns_sub(&b)];
    let selector = format!("day2-run={run}");
    for (file, a) in [
        (
            "get-ks-all-namespaces.txt",
            vec!["get", "ks", "-A", "-l", &selector],
        ),
        (
            "get-git-all-namespaces.txt",
            vec!["get", "sources", "git", "-A", "-l", &selector],
        ),
        (
            "get-all-all-namespaces.txt",
            vec![
                "get",
                "all",
                "-A",
                "-l",
                &selector,
                "--status-selector",
                "ready=true",
            ],
        ),
    ] {
        let r = flux(&a);
        r.success();
        golden(file, &r.stdout, &subs);
    }
    let r = flux(&["get", "ks", "-A", "-l", "day2-run=nobody"]);
    r.success();
    assert_eq!(
        r.stderr,
        "no Kustomization objects found in any namespace matching -l day2-run=nobody\n"
    );
}

/// Reads stdout lines of a child process on a thread.
fn lines_of(child: &mut std::process::Child) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    let out = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines() {
            if tx.send(line.unwrap_or_default()).is_err() {
                break;
            }
        }
    });
    rx
}

fn next_line(rx: &mpsc::Receiver<String>, what: &str) -> String {
    rx.recv_timeout(Duration::from_secs(30))
        .unwrap_or_else(|_| panic!("no line for {what} within 30s"))
}

#[tokio::test]
async fn get_watch_prints_a_row_when_an_object_changes() {
    let ns = namespace("d2watch").await;
    let c = client().await;
    let ks = ks_resource();
    create(&c, &ns.name, &ks, kustomization("apps", "podinfo", json!({}))).await;
    crate::harness::ensure_crds();
    let mut child = Command::new(bin())
        .args(["get", "ks", "-n", &ns.name, "--watch", "--timeout", "90s"])
        .env("KUBECONFIG", kubeconfig())
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let rx = lines_of(&mut child);
    assert_eq!(
        next_line(&rx, "header"),
        "NAME   REVISION   SUSPENDED   READY   MESSAGE"
    );
    assert_eq!(
        next_line(&rx, "the listed object"),
        "apps              False       False   waiting to be reconciled"
    );

    // The controller reports: a row with the new state, aligned with the first ones.
    let rev = format!("main@sha1:{SHA}");
    write_status(
        &c,
        &ns.name,
        &ks,
        "apps",
        ks_ready(&rev, 1, &[]),
        "kustomize-controller",
    )
    .await;
    let row = next_line(&rx, "the status change");
    assert_eq!(
        row,
        "apps   main@sha1:1b5b9f2f   False       True    Applied revision: main@sha1:1b5b9f2f"
    );
    // A new object.
    create(&c, &ns.name, &ks, kustomization("more", "podinfo", json!({}))).await;
    assert_eq!(
        next_line(&rx, "the new object"),
        "more                        False       False   waiting to be reconciled"
    );
    let _ = child.kill();
    let _ = child.wait();
}

// A std mutex on purpose, as in install.rs: each #[tokio::test] has its own runtime.
#[allow(clippy::await_holding_lock)]
#[tokio::test]
async fn get_all_skips_kinds_whose_crd_is_absent() {
    let _lock = global_lock();
    let c = client_for(&global_kubeconfig()).await;
    flux_global(&["install"]).success();

    // A HelmRelease CRD (as helm-controller would install it), so `get all` shows a kind
    // flux-rs does not reconcile itself.
    let crds: Api<CustomResourceDefinition> = Api::all(c.clone());
    let hr_crd: CustomResourceDefinition = serde_json::from_value(json!({
        "metadata": {"name": "helmreleases.helm.toolkit.fluxcd.io"},
        "spec": {"group": "helm.toolkit.fluxcd.io", "scope": "Namespaced",
            "names": {"kind": "HelmRelease", "plural": "helmreleases", "singular": "helmrelease", "listKind": "HelmReleaseList", "shortNames": ["hr"]},
            "versions": [{"name": "v2", "served": true, "storage": true, "subresources": {"status": {}},
                "schema": {"openAPIV3Schema": {"type": "object", "x-kubernetes-preserve-unknown-fields": true}}}]}
    }))
    .unwrap();
    let _ = crds
        .delete("helmreleases.helm.toolkit.fluxcd.io", &DeleteParams::default())
        .await;
    wait_crd_gone(&crds, "helmreleases.helm.toolkit.fluxcd.io").await;
    crds.create(&PostParams::default(), &hr_crd).await.unwrap();
    wait_established(&crds, "helmreleases.helm.toolkit.fluxcd.io").await;

    let name = format!("d2crd-{:08x}", std::process::id());
    let nss: Api<Namespace> = Api::all(c.clone());
    let _ = nss
        .create(
            &PostParams::default(),
            &serde_json::from_value(json!({"metadata": {"name": name}})).unwrap(),
        )
        .await;
    let rev = format!("main@sha1:{SHA}");
    create(
        &c,
        &name,
        &ks_resource(),
        kustomization("apps", "podinfo", json!({})),
    )
    .await;
    write_status(
        &c,
        &name,
        &ks_resource(),
        "apps",
        ks_ready(&rev, 1, &[]),
        "kustomize-controller",
    )
    .await;
    let hr = ApiResource {
        group: "helm.toolkit.fluxcd.io".into(),
        version: "v2".into(),
        api_version: "helm.toolkit.fluxcd.io/v2".into(),
        kind: "HelmRelease".into(),
        plural: "helmreleases".into(),
    };
    create(&c, &name, &hr, json!({"metadata": {"name": "podinfo"}, "spec": {"interval": "5m", "chart": {"spec": {"chart": "podinfo"}}}})).await;
    write_status(
        &c,
        &name,
        &hr,
        "podinfo",
        json!({"observedGeneration": 1, "lastAttemptedRevision": "6.5.4",
            "conditions": [{"type": "Ready", "status": "True", "reason": "UpgradeSucceeded",
                "message": "Helm upgrade succeeded for release podinfo/podinfo.v2 with chart podinfo@6.5.4",
                "observedGeneration": 1, "lastTransitionTime": T0}]}),
        "helm-controller",
    )
    .await;

    // Without the GitRepository CRD, `get all` lists what exists and says nothing else.
    crds.delete(
        "gitrepositories.source.toolkit.fluxcd.io",
        &DeleteParams::default(),
    )
    .await
    .unwrap();
    wait_crd_gone(&crds, "gitrepositories.source.toolkit.fluxcd.io").await;
    let subs = [(name.clone(), "d2crd-XXXXXXXX".to_string())];
    let r = flux_global(&["get", "all", "-n", &name]);
    r.success();
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    golden("get-all-without-git-crd.txt", &r.stdout, &subs);
    let r = flux_global(&["get", "sources", "all", "-n", &name]);
    r.success();
    assert_eq!(
        r.stderr,
        format!("no sources objects found in \"{name}\" namespace\n")
    );
    let r = flux_global(&["get", "sources", "git", "-n", &name]);
    r.code(1);
    assert!(
        r.stderr
            .contains("no matches for kind \"GitRepository\" in group \"source.toolkit.fluxcd.io\""),
        "{}",
        r.stderr
    );

    // Restore the cluster for the other global tests.
    crds.delete("helmreleases.helm.toolkit.fluxcd.io", &DeleteParams::default())
        .await
        .unwrap();
    wait_crd_gone(&crds, "helmreleases.helm.toolkit.fluxcd.io").await;
    let _ = nss.delete(&name, &DeleteParams::default()).await;
    flux_global(&["install"]).success();
}

async fn wait_crd_gone(crds: &Api<CustomResourceDefinition>, name: &str) {
    for _ in 0..120 {
        if crds.get_opt(name).await.unwrap().is_none() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    panic!("CRD {name} was not deleted");
}

async fn wait_established(crds: &Api<CustomResourceDefinition>, name: &str) {
    for _ in 0..120 {
        let crd = crds.get(name).await.unwrap();
        let ok = crd
            .status
            .and_then(|s| s.conditions)
            .is_some_and(|cs| cs.iter().any(|c| c.type_ == "Established" && c.status == "True"));
        if ok {
            return;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    panic!("CRD {name} not established");
}

/// Runs the binary under a pseudo-terminal (`script` from util-linux), so stdout is a TTY.
fn on_a_terminal(args: &[&str], no_color: bool) -> String {
    let mut line = shell_quote(bin());
    for a in args {
        line.push(' ');
        line.push_str(&shell_quote(a));
    }
    let mut cmd = Command::new("script");
    cmd.args(["-qec", &line, "/dev/null"])
        .env("KUBECONFIG", kubeconfig())
        .env_remove("NO_COLOR")
        .env("TERM", "xterm")
        .stdin(Stdio::null());
    if no_color {
        cmd.env("NO_COLOR", "1");
    }
    let out = cmd.output().expect("run script(1)");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

#[tokio::test]
async fn colour_only_on_a_terminal_and_never_with_no_color() {
    let ns = namespace("d2colr").await;
    let c = client().await;
    populate(&c, &ns.name, json!({})).await;
    crate::harness::ensure_crds();
    let a = ["get", "ks", "-n", &ns.name];
    let tty = on_a_terminal(&a, false);
    assert!(
        tty.contains("\u{1b}[32mTrue\u{1b}[0m"),
        "READY True is green on a terminal: {tty:?}"
    );
    assert!(tty.contains("\u{1b}[31mFalse\u{1b}[0m"), "{tty:?}");
    let plain = console::strip_ansi_codes(&tty).replace("\r\n", "\n");
    let piped = flux(&a);
    assert_eq!(plain, piped.stdout, "colour never moves a column");
    assert!(!piped.stdout.contains('\u{1b}'));
    let no_color = on_a_terminal(&a, true);
    assert!(!no_color.contains('\u{1b}'), "NO_COLOR: {no_color:?}");
}
