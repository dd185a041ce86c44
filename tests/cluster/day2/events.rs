//! `events`: Events whose involvedObject is a Flux object, oldest first, with `--for`
//! (a Kustomization's source included), `--types`, `-A` and `--watch`.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

use k8s_openapi::api::core::v1::Event;
use kube::api::{Api, PostParams};
use serde_json::json;

use super::*;
use crate::harness::{bin, client, flux, kubeconfig};

fn ago(minutes: i64) -> String {
    (chrono::Utc::now() - chrono::Duration::minutes(minutes))
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[allow(clippy::too_many_arguments)]
async fn event(
    c: &kube::Client,
    ns: &str,
    name: &str,
    (kind, api_version, object): (&str, &str, &str),
    (type_, reason, message): (&str, &str, &str),
    first_minutes_ago: i64,
    last_minutes_ago: i64,
    count: i32,
) {
    let e: Event = serde_json::from_value(json!({
        "metadata": {"name": name, "namespace": ns},
        "involvedObject": {"kind": kind, "apiVersion": api_version, "name": object, "namespace": ns},
        "type": type_, "reason": reason, "message": message, "count": count,
        "firstTimestamp": ago(first_minutes_ago), "lastTimestamp": ago(last_minutes_ago),
        "source": {"component": if kind == "GitRepository" { "source-controller" } else { "kustomize-controller" }},
    }))
    .unwrap();
    Api::<Event>::namespaced(c.clone(), ns)
        .create(&PostParams::default(), &e)
        .await
        .unwrap();
}

const KS: (&str, &str) = ("Kustomization", "kustomize.toolkit.fluxcd.io/v1");
const GIT: (&str, &str) = ("GitRepository", "source.toolkit.fluxcd.io/v1");

async fn populate(c: &kube::Client, n: &str) {
    create(c, n, &ks_resource(), kustomization("apps", "repo", json!({}))).await;
    event(
        c,
        n,
        "apps.1",
        (KS.0, KS.1, "apps"),
        (
            "Normal",
            "ReconciliationSucceeded",
            "Reconciliation finished in 1.2s, next run in 10m0s",
        ),
        26 * 60,
        150,
        15,
    )
    .await;
    event(
        c,
        n,
        "repo.1",
        (GIT.0, GIT.1, "repo"),
        (
            "Normal",
            "NewArtifact",
            &format!("stored artifact for commit 'Add podinfo' (main@sha1:{SHA})"),
        ),
        77 * 60,
        77 * 60,
        1,
    )
    .await;
    event(
        c,
        n,
        "infra.1",
        (KS.0, KS.1, "infra"),
        (
            "Warning",
            "BuildFailed",
            "kustomize build failed: accumulating resources: './missing' not found",
        ),
        25,
        25,
        1,
    )
    .await;
    event(
        c,
        n,
        "apps.2",
        (KS.0, KS.1, "apps"),
        (
            "Normal",
            "Progressing",
            &format!("ConfigMap/{n}/settings created\nDeployment/{n}/web configured"),
        ),
        40,
        40,
        1,
    )
    .await;
    event(
        c,
        n,
        "web.1",
        ("Deployment", "apps/v1", "web"),
        (
            "Normal",
            "ScalingReplicaSet",
            "Scaled up replica set web-5d8c9 to 2",
        ),
        30,
        30,
        1,
    )
    .await;
    event(
        c,
        n,
        "other.1",
        (GIT.0, GIT.1, "other"),
        ("Normal", "NewArtifact", "stored artifact for commit 'x'"),
        10,
        10,
        1,
    )
    .await;
}

#[tokio::test]
async fn events_show_flux_objects_only() {
    let ns = namespace("d2evts").await;
    let n = ns.name.as_str();
    let c = client().await;
    populate(&c, n).await;
    let subs = [ns_sub(&ns)];
    for (file, extra) in [
        ("events.txt", &[][..]),
        ("events-for-apps.txt", &["--for", "Kustomization/apps"][..]),
        ("events-for-git.txt", &["--for", "gitrepository"][..]),
        ("events-warnings.txt", &["--types", "warning"][..]),
    ] {
        let mut a = vec!["events", "-n", n];
        a.extend(extra);
        let r = flux(&a);
        r.success();
        golden(file, &r.stdout, &subs);
        assert!(r.stderr.is_empty(), "{}", r.stderr);
    }
    let r = flux(&["events", "-n", n, "--for", "Deployment/web"]);
    r.code(1);
    assert_eq!(r.stderr, "✗ \"Deployment\" is not a recognized Flux kind\n");
    let r = flux(&["events", "-n", n, "--types", "error"]);
    assert_ne!(r.code, 0);
    assert!(
        r.stderr.contains("supported types are Normal, Warning"),
        "{}",
        r.stderr
    );
    let empty = namespace("d2evte").await;
    let r = flux(&["events", "-n", &empty.name]);
    r.success();
    assert_eq!(
        r.stderr,
        format!("No events found in {} namespace.\n", empty.name)
    );
    let r = flux(&[
        "events",
        "-n",
        &empty.name,
        "--for",
        "GitRepository/x",
        "--types",
        "Warning",
    ]);
    r.success();
    assert_eq!(
        r.stderr,
        format!(
            "No events found in {} namespace matching --for GitRepository/x and --types Warning.\n",
            empty.name
        )
    );
}

#[tokio::test]
async fn events_across_namespaces_and_watched() {
    let a = namespace("d2evta").await;
    let b = namespace("d2evtb").await;
    let c = client().await;
    populate(&c, &a.name).await;
    populate(&c, &b.name).await;
    let r = flux(&["events", "-A", "--for", "Kustomization"]);
    r.success();
    assert!(r.stdout.starts_with("NAMESPACE "), "{}", r.stdout);
    for ns in [&a.name, &b.name] {
        for object in ["Kustomization/apps", "Kustomization/infra"] {
            assert!(
                r.stdout
                    .lines()
                    .any(|l| l.starts_with(ns.as_str()) && l.contains(object)),
                "{ns} {object} missing:\n{}",
                r.stdout
            );
        }
        assert!(
            !r.stdout
                .lines()
                .any(|l| l.starts_with(ns.as_str()) && l.contains("GitRepository/"))
        );
    }

    let mut child = Command::new(bin())
        .args([
            "events",
            "-n",
            &a.name,
            "--watch",
            "--for",
            "Kustomization/apps",
            "--timeout",
            "90s",
        ])
        .env("KUBECONFIG", kubeconfig())
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let out = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines() {
            if tx.send(line.unwrap_or_default()).is_err() {
                break;
            }
        }
    });
    let recv = || {
        rx.recv_timeout(Duration::from_secs(30))
            .expect("a line from events --watch")
    };
    let header = recv();
    assert!(
        header.starts_with("LAST SEEN ") && header.contains(" TYPE "),
        "{header}"
    );
    // The existing events of apps and its source, then the new one.
    let mut seen = Vec::new();
    for _ in 0..4 {
        seen.push(recv());
    }
    assert!(
        seen.iter().any(|l| l.contains("ReconciliationSucceeded")),
        "{seen:?}"
    );
    event(
        &c,
        &a.name,
        "apps.3",
        (KS.0, KS.1, "apps"),
        (
            "Warning",
            "HealthCheckFailed",
            "timeout waiting for: [Deployment/web status: 'InProgress']",
        ),
        0,
        0,
        1,
    )
    .await;
    let line = loop {
        let l = recv();
        if l.contains("HealthCheckFailed") {
            break l;
        }
    };
    assert!(
        line.contains("Warning") && line.contains("Kustomization/apps"),
        "{line}"
    );
    let _ = child.kill();
    let _ = child.wait();
}
