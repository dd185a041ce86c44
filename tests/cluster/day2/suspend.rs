//! `suspend` / `resume`: only `spec.suspend` changes; resume waits for the controller (a
//! Deployment reported ready, whose status writes the test makes while the command waits),
//! concurrently for several objects, and exits non-zero when any fails, times out or is
//! missing. Resuming with no controller is in `oneshot.rs`.

use std::time::Duration;

use kube::api::ApiResource;
use serde_json::{Value, json};

use super::*;
use crate::harness::{client, flux, pretend_controller};

async fn get(c: &kube::Client, ns: &str, r: &ApiResource, name: &str) -> Value {
    serde_json::to_value(api(c, ns, r).get(name).await.unwrap()).unwrap()
}

#[tokio::test]
async fn suspend_and_resume_change_only_spec_suspend() {
    let ns = namespace("d2susp").await;
    let n = ns.name.as_str();
    let c = client().await;
    let (ks, git) = (ks_resource(), git_resource());
    let rev = format!("main@sha1:{SHA}");
    for name in ["a", "b"] {
        let mut obj = kustomization(name, "repo", json!({"targetNamespace": "apps", "wait": true}));
        obj["metadata"]["labels"] = json!({"team": "a"});
        obj["metadata"]["annotations"] = json!({"note": "keep"});
        create(&c, n, &ks, obj).await;
        write_status(&c, n, &ks, name, ks_ready(&rev, 1, &[]), "kustomize-controller").await;
    }
    for name in ["repo", "other"] {
        create(&c, n, &git, git_repo(name, json!({}))).await;
    }
    let before = get(&c, n, &ks, "a").await;

    let r = flux(&["suspend", "ks", "a", "b", "a", "-n", n]);
    r.success();
    golden("suspend.txt", &r.stderr, &[ns_sub(&ns)]);
    let after = get(&c, n, &ks, "a").await;
    let mut want = before["spec"].clone();
    want["suspend"] = json!(true);
    assert_eq!(after["spec"], want);
    assert_eq!(after["status"], before["status"], "status untouched");
    assert_eq!(after["metadata"]["labels"], before["metadata"]["labels"]);
    assert_eq!(
        after["metadata"]["annotations"],
        before["metadata"]["annotations"]
    );
    let r = flux(&["get", "ks", "-n", n, "--no-header"]);
    assert!(r.stdout.lines().all(|l| l.contains(" True ")), "{}", r.stdout);

    let r = flux(&["resume", "ks", "a", "b", "-n", n]);
    r.success();
    golden("resume-no-wait.txt", &r.stderr, &[ns_sub(&ns)]);
    let resumed = get(&c, n, &ks, "a").await;
    assert_eq!(
        resumed["spec"], before["spec"],
        "resume restores the spec exactly"
    );
    assert_eq!(resumed["status"], before["status"]);
    assert_eq!(resumed["metadata"]["generation"], json!(3));

    // A missing name: reported, the others are still suspended, exit 1.
    let r = flux(&["suspend", "ks", "a", "missing", "-n", n]);
    r.code(1);
    golden("suspend-missing.txt", &r.stderr, &[ns_sub(&ns)]);
    assert_eq!(get(&c, n, &ks, "a").await["spec"]["suspend"], json!(true));
    let r = flux(&["resume", "ks", "missing", "-n", n]);
    r.code(1);
    assert!(
        r.stderr.contains("✗ Kustomization 'missing' not found"),
        "{}",
        r.stderr
    );

    // --all.
    let r = flux(&["suspend", "source", "git", "--all", "-n", n]);
    r.success();
    for name in ["repo", "other"] {
        assert_eq!(
            get(&c, n, &git, name).await["spec"]["suspend"],
            json!(true),
            "{name}"
        );
    }
    let r = flux(&["suspend", "ks", "-n", n]);
    r.code(2); // a usage error
    assert!(
        r.stderr.contains("Kustomization name is required"),
        "{}",
        r.stderr
    );
    let empty = namespace("d2susq").await;
    let r = flux(&["resume", "ks", "--all", "-n", &empty.name]);
    r.code(1);
    assert!(
        r.stderr.contains("no Kustomization objects found"),
        "{}",
        r.stderr
    );
}

/// Acts as the controller: once the object is resumed (generation past `after`), writes
/// the status `status(generation)`.
async fn reconcile_when_resumed(
    c: kube::Client,
    ns: String,
    r: ApiResource,
    name: &'static str,
    after: i64,
    status: impl Fn(i64) -> Value,
    manager: &'static str,
) {
    for _ in 0..300 {
        let obj = get(&c, &ns, &r, name).await;
        let generation = obj["metadata"]["generation"].as_i64().unwrap();
        if generation > after && obj["spec"]["suspend"].is_null() {
            write_status(&c, &ns, &r, name, status(generation), manager).await;
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{name} was never resumed");
}

#[tokio::test]
async fn resume_waits_for_the_reconciliation() {
    let ns = namespace("d2resu").await;
    let n = ns.name.clone();
    let c = client().await;
    let (ks, git) = (ks_resource(), git_resource());
    create(
        &c,
        &n,
        &ks,
        kustomization("apps", "repo", json!({"suspend": true})),
    )
    .await;
    write_status(
        &c,
        &n,
        &ks,
        "apps",
        ks_ready(&format!("main@sha1:{SHA}"), 1, &[]),
        "kustomize-controller",
    )
    .await;
    create(&c, &n, &git, git_repo("repo", json!({"suspend": true}))).await;
    pretend_controller(&c, &n).await;

    let cmd = flux_async(args(&["resume", "ks", "apps", "-n", &n, "--timeout", "60s"]));
    let controller = reconcile_when_resumed(
        c.clone(),
        n.clone(),
        ks.clone(),
        "apps",
        1,
        |g| ks_ready(&format!("main@sha1:{SHA2}"), g, &[]),
        "kustomize-controller",
    );
    let (r, ()) = tokio::join!(cmd, controller);
    r.success();
    golden("resume-ks.txt", &r.stderr, &[ns_sub(&ns)]);

    let nn = n.clone();
    let cmd = flux_async(args(&[
        "resume",
        "source",
        "git",
        "repo",
        "-n",
        &n,
        "--timeout",
        "60s",
    ]));
    let controller = reconcile_when_resumed(
        c.clone(),
        n.clone(),
        git.clone(),
        "repo",
        1,
        move |g| git_ready(&nn, "repo", &format!("main@sha1:{SHA}"), g),
        "source-controller",
    );
    let (r, ()) = tokio::join!(cmd, controller);
    r.success();
    golden("resume-git.txt", &r.stderr, &[ns_sub(&ns)]);
}

#[tokio::test]
async fn resume_of_several_waits_concurrently_and_fails_when_one_fails() {
    let ns = namespace("d2resf").await;
    let n = ns.name.clone();
    let c = client().await;
    let ks = ks_resource();
    for name in ["good", "bad", "slow"] {
        create(&c, &n, &ks, kustomization(name, "repo", json!({"suspend": true}))).await;
    }
    pretend_controller(&c, &n).await;
    let rev = format!("main@sha1:{SHA}");
    let cmd = flux_async(args(&[
        "resume",
        "ks",
        "good",
        "bad",
        "-n",
        &n,
        "--wait",
        "--timeout",
        "60s",
    ]));
    let r1 = rev.clone();
    let good = reconcile_when_resumed(
        c.clone(),
        n.clone(),
        ks.clone(),
        "good",
        1,
        move |g| ks_ready(&r1, g, &[]),
        "kustomize-controller",
    );
    let r2 = rev.clone();
    let bad = reconcile_when_resumed(
        c.clone(),
        n.clone(),
        ks.clone(),
        "bad",
        1,
        move |g| ks_failed("", &r2, g),
        "kustomize-controller",
    );
    let (r, (), ()) = tokio::join!(cmd, good, bad);
    r.code(1);
    for line in [
        "✔ Kustomization good reconciliation completed\n",
        &format!("✔ applied revision {rev}\n"),
        "✗ Kustomization bad reconciliation failed: kustomize build failed: accumulating resources",
        "✗ 1 of 2 Kustomization object(s) could not be resumed\n",
    ] {
        assert!(r.stderr.contains(line), "missing {line:?} in:\n{}", r.stderr);
    }
    assert!(
        r.stderr
            .contains("◎ waiting for 2 Kustomization objects to be reconciled\n"),
        "{}",
        r.stderr
    );

    // No controller answers: --timeout ends the wait with an error naming the object.
    let r = flux(&["resume", "ks", "slow", "-n", &n, "--timeout", "2s"]);
    r.code(1);
    assert!(
        r.stderr
            .contains(&format!("✗ Kustomization/{n}/slow: not reconciled within 2s: ")),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("timed out after"), "{}", r.stderr);
}
