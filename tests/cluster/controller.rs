//! The controller against the real API server, running in-process with the recording test
//! reconciler (`recorder.rs`): when objects are reconciled (create, spec change, requestedAt,
//! interval, retries with backoff, suspend, dependsOn, new source revisions), how many at
//! once, what deletion does to a Kustomization's objects, artifact storage clean-up, and the
//! HTTP endpoints.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use flux_rs::api::{GitRepository, Kustomization};
use k8s_openapi::api::core::v1::ConfigMap;
use kube::api::{Api, DeleteParams, Patch, PatchParams, PostParams};
use kube::{Client, ResourceExt};
use serde_json::{Value, json};

use crate::harness::{TestNamespace, client};
use crate::recorder::{eventually, http_get, start};

const GIT: &str = "GitRepository";
const KS: &str = "Kustomization";

async fn create_repo(client: &Client, ns: &str, name: &str, annotations: Value) {
    let api: Api<GitRepository> = Api::namespaced(client.clone(), ns);
    let repo: GitRepository = serde_json::from_value(json!({
        "apiVersion": "source.toolkit.fluxcd.io/v1", "kind": "GitRepository",
        "metadata": {"name": name, "namespace": ns, "annotations": annotations},
        "spec": {"interval": "1h", "url": "file:///nonexistent/repo"},
    }))
    .unwrap();
    api.create(&PostParams::default(), &repo).await.unwrap();
}

async fn create_ks(client: &Client, ns: &str, name: &str, spec: Value, annotations: Value) {
    let api: Api<Kustomization> = Api::namespaced(client.clone(), ns);
    let mut v = json!({
        "apiVersion": "kustomize.toolkit.fluxcd.io/v1", "kind": "Kustomization",
        "metadata": {"name": name, "namespace": ns, "annotations": annotations},
        "spec": {"interval": "1h", "prune": true, "path": "./deploy",
                 "sourceRef": {"kind": "GitRepository", "name": "repo"}},
    });
    for (k, val) in spec.as_object().unwrap() {
        v["spec"][k] = val.clone();
    }
    let ks: Kustomization = serde_json::from_value(v).unwrap();
    api.create(&PostParams::default(), &ks).await.unwrap();
}

async fn merge<K>(api: &Api<K>, name: &str, patch: Value)
where
    K: kube::Resource + Clone + serde::de::DeserializeOwned + std::fmt::Debug,
{
    api.patch(name, &PatchParams::default(), &Patch::Merge(&patch))
        .await
        .unwrap();
}

async fn request_reconcile<K>(api: &Api<K>, name: &str) -> String
where
    K: kube::Resource + Clone + serde::de::DeserializeOwned + std::fmt::Debug,
{
    let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Nanos, true);
    merge(
        api,
        name,
        json!({"metadata": {"annotations": {"reconcile.fluxcd.io/requestedAt": at}}}),
    )
    .await;
    at
}

fn ready_message(ks: &Kustomization) -> Option<(String, String, String)> {
    ks.conditions()
        .iter()
        .find(|c| c.type_ == "Ready")
        .map(|c| (c.status.clone(), c.reason.clone(), c.message.clone()))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reconciles_on_create_spec_change_and_request_but_not_on_status_writes() {
    let ns = TestNamespace::new("ctl-triggers").await;
    let client = client().await;
    let ctl = start(&ns.name, |_| {}).await;
    let rec = ctl.recorder.clone();
    create_repo(&client, &ns.name, "repo", json!({})).await;
    create_ks(&client, &ns.name, "app", json!({}), json!({})).await;
    let ks_api: Api<Kustomization> = Api::namespaced(client.clone(), &ns.name);
    let git_api: Api<GitRepository> = Api::namespaced(client.clone(), &ns.name);

    eventually(Duration::from_secs(20), "first reconciliations", || async {
        (rec.count(KS, "app") >= 1 && rec.count(GIT, "repo") >= 1).then_some(())
    })
    .await;
    let ks = ks_api.get("app").await.unwrap();
    assert_eq!(
        ks.finalizers(),
        ["finalizers.fluxcd.io"],
        "the finalizer is added on the first reconciliation"
    );
    assert!(
        git_api
            .get("repo")
            .await
            .unwrap()
            .finalizers()
            .contains(&"finalizers.fluxcd.io".to_string())
    );
    let ready = eventually(
        Duration::from_secs(10),
        "Ready written by the reconciler",
        || async { ks_api.get("app").await.ok().and_then(|k| ready_message(&k)) },
    )
    .await;
    assert_eq!(ready.0, "True");

    // A status write by someone else and a label change do not trigger a reconciliation.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let before = rec.count(KS, "app");
    ks_api
        .patch_status(
            "app",
            &PatchParams::default(),
            &Patch::Merge(&json!({"status": {"lastAttemptedRevision": "x"}})),
        )
        .await
        .unwrap();
    merge(&ks_api, "app", json!({"metadata": {"labels": {"team": "a"}}})).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(
        rec.count(KS, "app"),
        before,
        "status and metadata writes must not trigger"
    );

    // A spec change does.
    merge(&ks_api, "app", json!({"spec": {"path": "./other"}})).await;
    eventually(
        Duration::from_secs(10),
        "reconciliation after a spec change",
        || async {
            rec.calls_of(KS, "app")
                .iter()
                .any(|c| c.generation == Some(2))
                .then_some(())
        },
    )
    .await;

    // requestedAt: reconciled at once, then lastHandledReconcileAt records the value.
    let at = request_reconcile(&ks_api, "app").await;
    eventually(
        Duration::from_secs(10),
        "reconciliation for requestedAt",
        || async {
            rec.calls_of(KS, "app")
                .iter()
                .any(|c| c.request.requested_at.as_deref() == Some(at.as_str()))
                .then_some(())
        },
    )
    .await;
    eventually(
        Duration::from_secs(10),
        "status.lastHandledReconcileAt",
        || async {
            let ks = ks_api.get("app").await.ok()?;
            (ks.status?.last_handled_reconcile_at.as_deref() == Some(at.as_str())).then_some(())
        },
    )
    .await;
    let at_git = request_reconcile(&git_api, "repo").await;
    eventually(
        Duration::from_secs(10),
        "GitRepository lastHandledReconcileAt",
        || async {
            let repo = git_api.get("repo").await.ok()?;
            (repo.status?.last_handled_reconcile_at.as_deref() == Some(at_git.as_str())).then_some(())
        },
    )
    .await;
    let n = rec.calls_of(KS, "app").len();
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(
        rec.calls_of(KS, "app").len(),
        n,
        "one request, one reconciliation"
    );
    ctl.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn interval_requeues_and_failures_back_off() {
    let ns = TestNamespace::new("ctl-interval").await;
    let client = client().await;
    let ctl = start(&ns.name, |_| {}).await;
    let rec = ctl.recorder.clone();
    create_repo(&client, &ns.name, "repo", json!({})).await;
    // The source's first artifact triggers its Kustomizations: have it before they exist.
    let git_api: Api<GitRepository> = Api::namespaced(client.clone(), &ns.name);
    eventually(Duration::from_secs(10), "the source's artifact", || async {
        git_api.get("repo").await.ok()?.artifact_revision().map(|_| ())
    })
    .await;
    create_ks(&client, &ns.name, "every2s", json!({"interval": "2s"}), json!({})).await;
    create_ks(
        &client,
        &ns.name,
        "failing",
        json!({"interval": "1h", "retryInterval": "1s"}),
        json!({"test.flux-rs.io/outcome": "fail"}),
    )
    .await;

    eventually(Duration::from_secs(30), "four failed attempts", || async {
        (rec.count(KS, "failing") >= 4).then_some(())
    })
    .await;
    assert!(
        rec.count(KS, "every2s") >= 3,
        "reconciled every interval: {}",
        rec.count(KS, "every2s")
    );
    let times: Vec<Instant> = rec.calls_of(KS, "failing").iter().map(|c| c.at).collect();
    let gaps: Vec<Duration> = times.windows(2).map(|w| w[1] - w[0]).collect();
    // retryInterval 1s doubled per consecutive failure: 1s, 2s, 4s (lower bounds only).
    for (gap, min_ms) in gaps.iter().zip([950u64, 1950, 3950]) {
        assert!(*gap >= Duration::from_millis(min_ms), "gaps {gaps:?}");
    }
    let interval_gaps: Vec<Duration> = rec
        .calls_of(KS, "every2s")
        .windows(2)
        .map(|w| w[1].at - w[0].at)
        .collect();
    for g in &interval_gaps {
        assert!(
            *g >= Duration::from_millis(1850),
            "2s ± 5% jitter: {interval_gaps:?}"
        );
    }

    // Fixing the object (spec change) reconciles it at once and it goes back to its interval.
    let ks_api: Api<Kustomization> = Api::namespaced(client.clone(), &ns.name);
    merge(
        &ks_api,
        "failing",
        json!({"metadata": {"annotations": {"test.flux-rs.io/outcome": "ready"}}, "spec": {"path": "./fixed"}}),
    )
    .await;
    eventually(Duration::from_secs(10), "Ready after the fix", || async {
        let ks = ks_api.get("failing").await.ok()?;
        (ready_message(&ks)?.0 == "True").then_some(())
    })
    .await;
    let n = rec.count(KS, "failing");
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(rec.count(KS, "failing"), n, "no more retries after a success");

    let (code, body) = http_get(ctl.metrics, "/metrics").await;
    assert_eq!(code, 200);
    assert!(
        body.contains(r#"gotk_reconcile_total{kind="Kustomization",result="failure"}"#),
        "{body}"
    );
    ctl.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn suspended_objects_are_not_reconciled_until_resumed() {
    let ns = TestNamespace::new("ctl-suspend").await;
    let client = client().await;
    let ctl = start(&ns.name, |_| {}).await;
    let rec = ctl.recorder.clone();
    create_repo(&client, &ns.name, "repo", json!({})).await;
    create_ks(
        &client,
        &ns.name,
        "paused",
        json!({"suspend": true, "interval": "1s"}),
        json!({}),
    )
    .await;
    let ks_api: Api<Kustomization> = Api::namespaced(client.clone(), &ns.name);

    eventually(
        Duration::from_secs(10),
        "the finalizer on the suspended object",
        || async {
            ks_api
                .get("paused")
                .await
                .ok()
                .filter(|k| !k.finalizers().is_empty())
                .map(|_| ())
        },
    )
    .await;
    let at = request_reconcile(&ks_api, "paused").await;
    eventually(
        Duration::from_secs(10),
        "the request recorded while suspended",
        || async {
            let ks = ks_api.get("paused").await.ok()?;
            (ks.status?.last_handled_reconcile_at.as_deref() == Some(at.as_str())).then_some(())
        },
    )
    .await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(
        rec.count(KS, "paused"),
        0,
        "a suspended object is never reconciled"
    );
    let (_, body) = http_get(ctl.metrics, "/metrics").await;
    assert!(
        body.contains(&format!(
            r#"gotk_suspend_status{{kind="Kustomization",name="paused",namespace="{}"}} 1"#,
            ns.name
        )),
        "{body}"
    );

    merge(&ks_api, "paused", json!({"spec": {"suspend": false}})).await;
    eventually(Duration::from_secs(10), "reconciled after resume", || async {
        (rec.count(KS, "paused") >= 1).then_some(())
    })
    .await;
    ctl.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn depends_on_waits_for_the_dependency_and_is_triggered_when_it_is_ready() {
    let ns = TestNamespace::new("ctl-deps").await;
    let client = client().await;
    // Dependencies are re-checked only every hour: anything sooner is the ready trigger.
    let ctl = start(&ns.name, |o| o.requeue_dependency = Duration::from_secs(3600)).await;
    let rec = ctl.recorder.clone();
    create_repo(&client, &ns.name, "repo", json!({})).await;
    create_ks(
        &client,
        &ns.name,
        "infra",
        json!({}),
        json!({"test.flux-rs.io/outcome": "fail"}),
    )
    .await;
    create_ks(
        &client,
        &ns.name,
        "apps",
        json!({"dependsOn": [{"name": "infra"}]}),
        json!({}),
    )
    .await;
    let ks_api: Api<Kustomization> = Api::namespaced(client.clone(), &ns.name);

    let waiting = eventually(Duration::from_secs(15), "apps waits for infra", || async {
        let ks = ks_api.get("apps").await.ok()?;
        ready_message(&ks).filter(|r| r.1 == "DependencyNotReady")
    })
    .await;
    assert_eq!(waiting.0, "False");
    assert_eq!(waiting.2, format!("dependency '{}/infra' is not ready", ns.name));
    assert_eq!(
        rec.count(KS, "apps"),
        0,
        "the engine is not called while a dependency is not ready"
    );

    // infra becomes ready: apps is reconciled at once (not after requeue-dependency).
    merge(
        &ks_api,
        "infra",
        json!({"metadata": {"annotations": {"test.flux-rs.io/outcome": "ready"}}}),
    )
    .await;
    request_reconcile(&ks_api, "infra").await;
    eventually(
        Duration::from_secs(15),
        "apps reconciled after infra became ready",
        || async { (rec.count(KS, "apps") >= 1).then_some(()) },
    )
    .await;
    let infra_ready_call = rec.calls_of(KS, "infra").last().unwrap().at;
    assert!(
        rec.calls_of(KS, "apps")[0].at > infra_ready_call,
        "dependency first, then the dependent"
    );
    eventually(Duration::from_secs(10), "apps Ready", || async {
        let ks = ks_api.get("apps").await.ok()?;
        (ready_message(&ks)?.0 == "True").then_some(())
    })
    .await;

    // A dependency that does not exist is reported as such.
    create_ks(
        &client,
        &ns.name,
        "orphan",
        json!({"dependsOn": [{"name": "missing"}]}),
        json!({}),
    )
    .await;
    let msg = eventually(Duration::from_secs(10), "missing dependency", || async {
        let ks = ks_api.get("orphan").await.ok()?;
        ready_message(&ks)
            .filter(|r| r.1 == "DependencyNotReady")
            .map(|r| r.2)
    })
    .await;
    assert_eq!(msg, format!("dependency '{}/missing' not found", ns.name));
    ctl.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_artifact_revision_triggers_the_kustomizations_of_that_source() {
    let ns = TestNamespace::new("ctl-source").await;
    let client = client().await;
    let ctl = start(&ns.name, |o| o.artifact_retention_records = 2).await;
    let rec = ctl.recorder.clone();
    create_repo(
        &client,
        &ns.name,
        "repo",
        json!({"test.flux-rs.io/revision": "main@sha1:1"}),
    )
    .await;
    create_repo(&client, &ns.name, "other", json!({})).await;
    create_ks(&client, &ns.name, "a", json!({}), json!({})).await;
    create_ks(&client, &ns.name, "b", json!({}), json!({})).await;
    create_ks(
        &client,
        &ns.name,
        "c",
        json!({"sourceRef": {"kind": "GitRepository", "name": "other"}}),
        json!({}),
    )
    .await;
    eventually(Duration::from_secs(15), "initial reconciliations", || async {
        ["a", "b", "c"]
            .iter()
            .all(|n| rec.count(KS, n) >= 1)
            .then_some(())
    })
    .await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let before: BTreeMap<&str, usize> = ["a", "b", "c"].iter().map(|n| (*n, rec.count(KS, n))).collect();

    // The source engine stores new revisions (interval 1h: only the revision triggers).
    let git_api: Api<GitRepository> = Api::namespaced(client.clone(), &ns.name);
    for rev in ["main@sha1:2", "main@sha1:3", "main@sha1:4"] {
        merge(
            &git_api,
            "repo",
            json!({"metadata": {"annotations": {"test.flux-rs.io/revision": rev}}}),
        )
        .await;
        request_reconcile(&git_api, "repo").await;
        eventually(Duration::from_secs(10), "the new revision stored", || async {
            let repo = git_api.get("repo").await.ok()?;
            (repo.artifact_revision() == Some(rev)).then_some(())
        })
        .await;
        // Both Kustomizations of the source apply the new revision.
        let ks_api: Api<Kustomization> = Api::namespaced(client.clone(), &ns.name);
        for n in ["a", "b"] {
            eventually(
                Duration::from_secs(10),
                "the Kustomization applied the new revision",
                || async {
                    let ks = ks_api.get(n).await.ok()?;
                    (ks.status?.last_applied_revision.as_deref() == Some(rev)).then_some(())
                },
            )
            .await;
        }
    }
    assert!(rec.count(KS, "a") >= before["a"] + 3);
    assert!(rec.count(KS, "b") >= before["b"] + 3);
    assert_eq!(
        rec.count(KS, "c"),
        before["c"],
        "another source's Kustomization is not triggered"
    );

    // Old artifacts are garbage-collected: the newest two remain, the current among them.
    let dir = ctl
        .storage
        .path_of(&flux_rs::controller::Storage::object_dir(GIT, &ns.name, "repo"))
        .unwrap();
    let files = eventually(Duration::from_secs(5), "two artifacts left", || async {
        let mut files: Vec<String> = std::fs::read_dir(&dir)
            .ok()?
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        files.sort();
        (files.len() == 2).then_some(files)
    })
    .await;
    assert_eq!(files, ["main-sha1-3.tar.gz", "main-sha1-4.tar.gz"]);

    // Deleting the GitRepository removes its artifacts, then the object.
    git_api.delete("repo", &DeleteParams::default()).await.unwrap();
    eventually(Duration::from_secs(10), "the GitRepository gone", || async {
        git_api
            .get_opt("repo")
            .await
            .ok()
            .and_then(|r| r.is_none().then_some(()))
    })
    .await;
    assert!(!dir.exists(), "artifacts removed on deletion");
    ctl.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrency_is_limited_per_kind() {
    let ns = TestNamespace::new("ctl-concurrency").await;
    let client = client().await;
    let ctl = start(&ns.name, |o| o.concurrency = 2).await;
    let rec = ctl.recorder.clone();
    for i in 0..5 {
        create_ks(
            &client,
            &ns.name,
            &format!("slow-{i}"),
            json!({}),
            json!({"test.flux-rs.io/sleep-ms": "1500"}),
        )
        .await;
    }
    eventually(Duration::from_secs(30), "all five reconciled", || async {
        (0..5)
            .all(|i| rec.count(KS, &format!("slow-{i}")) >= 1)
            .then_some(())
    })
    .await;
    assert_eq!(
        rec.max_in_flight(),
        2,
        "--concurrent 2: two at a time, and both slots used"
    );
    ctl.stop().await;
}

async fn owned_configmap(
    client: &Client,
    ns: &str,
    name: &str,
    owner: &str,
    annotations: Value,
    finalizers: Value,
) {
    let api: Api<ConfigMap> = Api::namespaced(client.clone(), ns);
    let cm: ConfigMap = serde_json::from_value(json!({
        "metadata": {"name": name, "namespace": ns, "annotations": annotations, "finalizers": finalizers,
            "labels": {"kustomize.toolkit.fluxcd.io/name": owner, "kustomize.toolkit.fluxcd.io/namespace": ns}},
        "data": {"k": "v"},
    }))
    .unwrap();
    api.create(&PostParams::default(), &cm).await.unwrap();
}

async fn set_inventory(api: &Api<Kustomization>, ns: &str, name: &str, configmaps: &[&str]) {
    let entries: Vec<Value> = configmaps
        .iter()
        .map(|cm| json!({"id": format!("{ns}_{cm}__ConfigMap"), "v": "v1"}))
        .collect();
    api.patch_status(
        name,
        &PatchParams::default(),
        &Patch::Merge(&json!({"status": {"inventory": {"entries": entries}}})),
    )
    .await
    .unwrap();
}

async fn gone<K>(api: &Api<K>, name: &str, what: &str)
where
    K: kube::Resource + Clone + serde::de::DeserializeOwned + std::fmt::Debug,
{
    eventually(Duration::from_secs(20), what, || async {
        api.get_opt(name)
            .await
            .ok()
            .and_then(|o| o.is_none().then_some(()))
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deleting_a_kustomization_garbage_collects_per_deletion_policy() {
    let ns = TestNamespace::new("ctl-gc").await;
    let n = ns.name.as_str();
    let client = client().await;
    let ctl = start(n, |_| {}).await;
    let ks_api: Api<Kustomization> = Api::namespaced(client.clone(), n);
    let cm_api: Api<ConfigMap> = Api::namespaced(client.clone(), n);
    let none = json!({});
    // name, spec, objects it owns
    let cases = [
        (
            "mirror",
            json!({}),
            vec!["mirror-a", "mirror-protected", "mirror-foreign"],
        ),
        ("noprune", json!({"prune": false}), vec!["noprune-a"]),
        ("orphan", json!({"deletionPolicy": "Orphan"}), vec!["orphan-a"]),
        (
            "delete",
            json!({"deletionPolicy": "Delete", "prune": false}),
            vec!["delete-a"],
        ),
        ("suspended", json!({"suspend": true}), vec!["suspended-a"]),
    ];
    for (name, spec, objects) in &cases {
        create_ks(&client, n, name, spec.clone(), none.clone()).await;
        for o in objects {
            let owner = if o.ends_with("foreign") {
                "someone-else"
            } else {
                name
            };
            let ann = if o.ends_with("protected") {
                json!({"kustomize.toolkit.fluxcd.io/prune": "disabled"})
            } else {
                json!({})
            };
            owned_configmap(&client, n, o, owner, ann, json!([])).await;
        }
    }
    for (name, _, objects) in &cases {
        eventually(Duration::from_secs(15), "the finalizer", || async {
            ks_api
                .get(name)
                .await
                .ok()
                .filter(|k| !k.finalizers().is_empty())
                .map(|_| ())
        })
        .await;
        set_inventory(&ks_api, n, name, objects).await;
    }
    for (name, _, _) in &cases {
        ks_api.delete(name, &DeleteParams::default()).await.unwrap();
    }
    for (name, _, _) in &cases {
        gone(&ks_api, name, "the Kustomization deleted after its clean-up").await;
    }
    let exists = |name: &'static str| {
        let api = cm_api.clone();
        async move {
            api.get_opt(name)
                .await
                .unwrap()
                .is_some_and(|c| c.metadata.deletion_timestamp.is_none())
        }
    };
    assert!(!exists("mirror-a").await, "MirrorPrune + prune: deleted");
    assert!(exists("mirror-protected").await, "prune: disabled is kept");
    assert!(
        exists("mirror-foreign").await,
        "not owned (labels of another Kustomization): kept"
    );
    assert!(exists("noprune-a").await, "MirrorPrune without prune: kept");
    assert!(exists("orphan-a").await, "Orphan: kept");
    assert!(!exists("delete-a").await, "Delete: deleted even without prune");
    assert!(exists("suspended-a").await, "MirrorPrune while suspended: kept");
    ctl.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wait_for_termination_keeps_the_finalizer_until_objects_are_gone() {
    let ns = TestNamespace::new("ctl-gc-wait").await;
    let n = ns.name.as_str();
    let client = client().await;
    let ctl = start(n, |_| {}).await;
    let ks_api: Api<Kustomization> = Api::namespaced(client.clone(), n);
    let cm_api: Api<ConfigMap> = Api::namespaced(client.clone(), n);
    create_ks(
        &client,
        n,
        "waiting",
        json!({"deletionPolicy": "WaitForTermination", "timeout": "1m"}),
        json!({}),
    )
    .await;
    owned_configmap(
        &client,
        n,
        "held",
        "waiting",
        json!({}),
        json!(["test.flux-rs.io/hold"]),
    )
    .await;
    eventually(Duration::from_secs(15), "the finalizer", || async {
        ks_api
            .get("waiting")
            .await
            .ok()
            .filter(|k| !k.finalizers().is_empty())
            .map(|_| ())
    })
    .await;
    set_inventory(&ks_api, n, "waiting", &["held"]).await;
    ks_api.delete("waiting", &DeleteParams::default()).await.unwrap();
    eventually(Duration::from_secs(15), "the object terminating", || async {
        cm_api
            .get("held")
            .await
            .ok()?
            .metadata
            .deletion_timestamp
            .map(|_| ())
    })
    .await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert!(
        ks_api.get_opt("waiting").await.unwrap().is_some(),
        "kept while its object terminates"
    );
    merge(&cm_api, "held", json!({"metadata": {"finalizers": null}})).await;
    gone(&cm_api, "held", "the ConfigMap gone").await;
    gone(&ks_api, "waiting", "the Kustomization gone once its objects are").await;
    ctl.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn garbage_collection_impersonates_the_service_account() {
    use k8s_openapi::api::core::v1::ServiceAccount;
    use k8s_openapi::api::rbac::v1::{Role, RoleBinding};
    let ns = TestNamespace::new("ctl-gc-sa").await;
    let n = ns.name.as_str();
    let client = client().await;
    let ctl = start(n, |o| o.min_retry_delay = Duration::from_millis(200)).await;
    let ks_api: Api<Kustomization> = Api::namespaced(client.clone(), n);
    let cm_api: Api<ConfigMap> = Api::namespaced(client.clone(), n);
    let sa_api: Api<ServiceAccount> = Api::namespaced(client.clone(), n);
    sa_api
        .create(
            &PostParams::default(),
            &serde_json::from_value(json!({"metadata": {"name": "deployer"}})).unwrap(),
        )
        .await
        .unwrap();
    // "gone" names an account that does not exist: its objects are left in place.
    create_ks(
        &client,
        n,
        "tenant",
        json!({"serviceAccountName": "deployer", "interval": "5s"}),
        json!({}),
    )
    .await;
    create_ks(
        &client,
        n,
        "ghost",
        json!({"serviceAccountName": "gone"}),
        json!({}),
    )
    .await;
    owned_configmap(&client, n, "tenant-a", "tenant", json!({}), json!([])).await;
    owned_configmap(&client, n, "ghost-a", "ghost", json!({}), json!([])).await;
    for name in ["tenant", "ghost"] {
        eventually(Duration::from_secs(15), "the finalizer", || async {
            ks_api
                .get(name)
                .await
                .ok()
                .filter(|k| !k.finalizers().is_empty())
                .map(|_| ())
        })
        .await;
        set_inventory(&ks_api, n, name, &[&format!("{name}-a")]).await;
    }
    ks_api.delete("ghost", &DeleteParams::default()).await.unwrap();
    gone(&ks_api, "ghost", "deleted without its account").await;
    assert!(
        cm_api.get_opt("ghost-a").await.unwrap().is_some(),
        "left in place: the account is gone"
    );

    // The account may not delete ConfigMaps yet: the deletion waits.
    ks_api.delete("tenant", &DeleteParams::default()).await.unwrap();
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert!(
        ks_api.get_opt("tenant").await.unwrap().is_some(),
        "kept while garbage collection is forbidden"
    );
    assert!(cm_api.get_opt("tenant-a").await.unwrap().is_some());
    let roles: Api<Role> = Api::namespaced(client.clone(), n);
    roles
        .create(
            &PostParams::default(),
            &serde_json::from_value(json!({"metadata": {"name": "cm"},
            "rules": [{"apiGroups": [""], "resources": ["configmaps"], "verbs": ["get", "list", "delete"]}]}))
            .unwrap(),
        )
        .await
        .unwrap();
    let bindings: Api<RoleBinding> = Api::namespaced(client.clone(), n);
    bindings
        .create(
            &PostParams::default(),
            &serde_json::from_value(json!({"metadata": {"name": "cm"},
            "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "cm"},
            "subjects": [{"kind": "ServiceAccount", "name": "deployer", "namespace": n}]}))
            .unwrap(),
        )
        .await
        .unwrap();
    gone(&cm_api, "tenant-a", "deleted as the service account").await;
    gone(&ks_api, "tenant", "the Kustomization gone").await;
    ctl.stop().await;
}

/// The values of the samples named `name` whose labels include every pair of `want`.
pub fn values_of(
    samples: &[(String, BTreeMap<String, String>, f64)],
    name: &str,
    want: &[(&str, &str)],
) -> Vec<f64> {
    samples
        .iter()
        .filter(|(n, l, _)| {
            n == name
                && want
                    .iter()
                    .all(|(k, v)| l.get(*k).map(String::as_str) == Some(*v))
        })
        .map(|s| s.2)
        .collect()
}

/// Parses the Prometheus text format: `(name, labels, value)` per sample; panics on a line
/// that is not a comment, blank, or a well-formed sample.
pub fn parse_metrics(text: &str) -> Vec<(String, BTreeMap<String, String>, f64)> {
    let mut out = Vec::new();
    for line in text.lines() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (series, value) = line
            .rsplit_once(' ')
            .unwrap_or_else(|| panic!("no value: {line}"));
        let value: f64 = match value {
            "+Inf" => f64::INFINITY,
            v => v.parse().unwrap_or_else(|_| panic!("bad value: {line}")),
        };
        let (name, labels) = match series.split_once('{') {
            None => (series.to_string(), BTreeMap::new()),
            Some((name, rest)) => {
                let body = rest
                    .strip_suffix('}')
                    .unwrap_or_else(|| panic!("unclosed labels: {line}"));
                let mut labels = BTreeMap::new();
                let mut chars = body.chars().peekable();
                while chars.peek().is_some() {
                    let key: String = chars.by_ref().take_while(|c| *c != '=').collect();
                    assert_eq!(chars.next(), Some('"'), "label value must be quoted: {line}");
                    let mut val = String::new();
                    loop {
                        match chars
                            .next()
                            .unwrap_or_else(|| panic!("unterminated value: {line}"))
                        {
                            '\\' => val.push(match chars.next().unwrap() {
                                'n' => '\n',
                                c => c,
                            }),
                            '"' => break,
                            c => val.push(c),
                        }
                    }
                    if chars.peek() == Some(&',') {
                        chars.next();
                    }
                    labels.insert(key, val);
                }
                (name.to_string(), labels)
            }
        };
        assert!(
            name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
            "metric name {name}"
        );
        out.push((name, labels, value));
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_and_health_endpoints() {
    let ns = TestNamespace::new("ctl-metrics").await;
    let client = client().await;
    let ctl = start(&ns.name, |_| {}).await;
    let rec = ctl.recorder.clone();
    assert_eq!(http_get(ctl.health, "/healthz").await.0, 200);
    eventually(
        Duration::from_secs(10),
        "ready once the caches are synced",
        || async { (http_get(ctl.health, "/readyz").await.0 == 200).then_some(()) },
    )
    .await;
    create_repo(&client, &ns.name, "repo", json!({})).await;
    create_ks(&client, &ns.name, "good", json!({}), json!({})).await;
    create_ks(
        &client,
        &ns.name,
        "bad",
        json!({}),
        json!({"test.flux-rs.io/outcome": "fail"}),
    )
    .await;
    eventually(Duration::from_secs(15), "reconciled", || async {
        (rec.count(KS, "good") >= 1 && rec.count(KS, "bad") >= 1 && rec.count(GIT, "repo") >= 1).then_some(())
    })
    .await;
    // Metrics are recorded once each reconciliation has finished.
    let body = eventually(
        Duration::from_secs(10),
        "the reconciliations in the metrics",
        || async {
            let (code, body) = http_get(ctl.metrics, "/metrics").await;
            assert_eq!(code, 200);
            let done = [(KS, "good"), (KS, "bad"), (GIT, "repo")]
                .iter()
                .all(|(kind, name)| {
                    body.contains(&format!(
                        r#"gotk_reconcile_duration_seconds_count{{kind="{kind}",name="{name}","#
                    ))
                });
            done.then_some(body)
        },
    )
    .await;
    let samples = parse_metrics(&body);
    let find = |name: &str, want: &[(&str, &str)]| values_of(&samples, name, want);
    let good = [
        ("kind", "Kustomization"),
        ("name", "good"),
        ("namespace", ns.name.as_str()),
    ];
    // Histogram: cumulative buckets ending in +Inf == _count, and a positive _sum.
    let buckets: Vec<(f64, f64)> = samples
        .iter()
        .filter(|(n, l, _)| {
            n == "gotk_reconcile_duration_seconds_bucket" && good.iter().all(|(k, v)| l[*k] == *v)
        })
        .map(|(_, l, v)| {
            (
                if l["le"] == "+Inf" {
                    f64::INFINITY
                } else {
                    l["le"].parse().unwrap()
                },
                *v,
            )
        })
        .collect();
    assert!(buckets.len() >= 2, "{body}");
    assert!(
        buckets.windows(2).all(|w| w[0].0 < w[1].0 && w[0].1 <= w[1].1),
        "cumulative: {buckets:?}"
    );
    let count = find("gotk_reconcile_duration_seconds_count", &good);
    assert_eq!(count.len(), 1);
    assert!(count[0] >= 1.0);
    assert_eq!(buckets.last().unwrap(), &(f64::INFINITY, count[0]));
    assert!(find("gotk_reconcile_duration_seconds_sum", &good)[0] > 0.0);
    assert_eq!(
        find(
            "gotk_reconcile_condition",
            &[("name", "good"), ("status", "True"), ("type", "Ready")]
        ),
        [1.0]
    );
    assert_eq!(
        find(
            "gotk_reconcile_condition",
            &[("name", "bad"), ("status", "False")]
        ),
        [1.0]
    );
    assert_eq!(
        find("gotk_reconcile_condition", &[("name", "bad"), ("status", "True")]),
        [0.0]
    );
    assert!(
        find(
            "gotk_reconcile_total",
            &[("kind", "Kustomization"), ("result", "success")]
        )[0] >= 1.0
    );
    assert!(
        find(
            "gotk_reconcile_total",
            &[("kind", "Kustomization"), ("result", "failure")]
        )[0] >= 1.0
    );
    assert!(
        find(
            "gotk_reconcile_total",
            &[("kind", "GitRepository"), ("result", "success")]
        )[0] >= 1.0
    );
    assert_eq!(find("gotk_suspend_status", &[("name", "good")]), [0.0]);
    assert!(find("process_resident_memory_bytes", &[])[0] > 0.0);
    assert!(body.contains("# TYPE gotk_reconcile_duration_seconds histogram\n"));

    // A deleted object's series disappear.
    let ks_api: Api<Kustomization> = Api::namespaced(client.clone(), &ns.name);
    ks_api.delete("good", &DeleteParams::default()).await.unwrap();
    gone(&ks_api, "good", "deleted").await;
    let body = eventually(Duration::from_secs(5), "series removed", || async {
        let (_, body) = http_get(ctl.metrics, "/metrics").await;
        (!body.contains("name=\"good\"")).then_some(body)
    })
    .await;
    assert!(body.contains("name=\"bad\""));
    assert_eq!(http_get(ctl.metrics, "/nope").await.0, 404);
    ctl.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn garbage_collection_targets_the_kubeconfig_cluster() {
    use k8s_openapi::api::core::v1::Secret;
    let ns = TestNamespace::new("ctl-gc-remote").await;
    let n = ns.name.as_str();
    let client = client().await;
    let ctl = start(n, |_| {}).await;
    let ks_api: Api<Kustomization> = Api::namespaced(client.clone(), n);
    let cm_api: Api<ConfigMap> = Api::namespaced(client.clone(), n);
    // The "remote" cluster is the test cluster itself, reached through the Secret's kubeconfig.
    let kubeconfig = std::fs::read_to_string(crate::harness::kubeconfig()).unwrap();
    let secrets: Api<Secret> = Api::namespaced(client.clone(), n);
    secrets
        .create(
            &PostParams::default(),
            &serde_json::from_value(
                json!({"metadata": {"name": "remote"}, "stringData": {"value": kubeconfig}}),
            )
            .unwrap(),
        )
        .await
        .unwrap();
    create_ks(
        &client,
        n,
        "remote",
        json!({"kubeConfig": {"secretRef": {"name": "remote"}}}),
        json!({}),
    )
    .await;
    create_ks(
        &client,
        n,
        "lost",
        json!({"kubeConfig": {"secretRef": {"name": "missing"}}}),
        json!({}),
    )
    .await;
    for name in ["remote", "lost"] {
        owned_configmap(&client, n, &format!("{name}-a"), name, json!({}), json!([])).await;
        eventually(Duration::from_secs(15), "the finalizer", || async {
            ks_api
                .get(name)
                .await
                .ok()
                .filter(|k| !k.finalizers().is_empty())
                .map(|_| ())
        })
        .await;
        set_inventory(&ks_api, n, name, &[&format!("{name}-a")]).await;
        ks_api.delete(name, &DeleteParams::default()).await.unwrap();
    }
    gone(&cm_api, "remote-a", "deleted through the kubeconfig").await;
    gone(&ks_api, "remote", "the Kustomization gone").await;
    gone(
        &ks_api,
        "lost",
        "deleted although its kubeconfig Secret is missing",
    )
    .await;
    assert!(
        cm_api.get_opt("lost-a").await.unwrap().is_some(),
        "left in place: no kubeconfig to reach it"
    );
    ctl.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shards_split_the_objects_by_label_selector() {
    let ns = TestNamespace::new("ctl-shards").await;
    let client = client().await;
    let shard = |name: &'static str| {
        move |o: &mut flux_rs::controller::Options| {
            o.watch_label_selector = Some(format!("sharding.fluxcd.io/key in ({name})"));
        }
    };
    let one = start(&ns.name, shard("shard1")).await;
    let two = start(&ns.name, shard("shard2")).await;
    let label = |s: &str| json!({"sharding.fluxcd.io/key": s});
    for (name, shard) in [("a", "shard1"), ("b", "shard2"), ("c", "shard1")] {
        create_repo(&client, &ns.name, name, json!({})).await;
        merge(
            &Api::<GitRepository>::namespaced(client.clone(), &ns.name),
            name,
            json!({"metadata": {"labels": label(shard)}}),
        )
        .await;
    }
    create_repo(&client, &ns.name, "unsharded", json!({})).await;
    eventually(
        Duration::from_secs(20),
        "every sharded source reconciled",
        || async {
            (one.recorder.count(GIT, "a") >= 1
                && one.recorder.count(GIT, "c") >= 1
                && two.recorder.count(GIT, "b") >= 1)
                .then_some(())
        },
    )
    .await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(
        one.recorder.count(GIT, "b"),
        0,
        "shard1 never takes shard2's object"
    );
    assert_eq!(two.recorder.count(GIT, "a") + two.recorder.count(GIT, "c"), 0);
    assert_eq!(
        one.recorder.count(GIT, "unsharded") + two.recorder.count(GIT, "unsharded"),
        0,
        "an object of no shard belongs to neither"
    );
    one.stop().await;
    two.stop().await;

    // A selector the API server rejects stops the controller at start, naming the flag.
    let bad = crate::recorder::start(&ns.name, |o| o.watch_label_selector = Some("a in (".into())).await;
    let e = bad.join().await.unwrap_err().to_string();
    assert!(e.contains("--watch-label-selector"), "{e}");
}
