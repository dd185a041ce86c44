//! The controller end to end with the real engines: the `flux-rs controller` binary runs as a
//! process (no test seam), watching the test's namespace; Git repositories are `file://`
//! work trees made with `git`. Covered: objects applied and Ready at `main@sha1:<HEAD>`, new
//! commits applied within the interval, drift by another field manager reverted and deleted
//! objects re-created at the next interval, unchanged objects never written, removed
//! manifests pruned, `requestedAt` handled at once (and `flux-rs reconcile ks --with-source`
//! finding the controller), `dependsOn` ordering across revisions, garbage collection
//! through the finalizer, metrics after real reconciliations, and SIGTERM (idle and with a
//! reconciliation in flight).
//!
//! Each controller runs sandboxed as in its Deployment: only the storage directory and
//! `TMPDIR` are meant to be written; its `HOME` does not exist and its working directory must
//! stay empty.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use flux_rs::api::{GitRepository, Kustomization};
use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::coordination::v1::Lease;
use k8s_openapi::api::core::v1::ConfigMap;
use kube::api::{Api, DeleteParams, Patch, PatchParams, PostParams};
use kube::{Client, ResourceExt};
use serde_json::{Value, json};

use crate::controller::{parse_metrics, values_of};
use crate::gitrepo::WorkRepo;
use crate::harness::{TestNamespace, bin, client, flux_async, kubeconfig, rollout_complete};
use crate::process::ControllerProcess;
use crate::recorder::eventually;

const FINALIZER: &str = "finalizers.fluxcd.io";
const LEASE: &str = flux_rs::controller::leader::DEFAULT_LEASE_NAME;
/// How long the tests wait for something the controller does at its next interval (a few
/// seconds) or at once; generous, for a loaded machine.
const WAIT: Duration = Duration::from_secs(60);

/// The `flux-rs controller` binary watching one namespace, sandboxed.
struct Controller {
    process: ControllerProcess,
    storage: PathBuf,
    tmp: PathBuf,
    cwd: PathBuf,
    home: PathBuf,
}

impl Controller {
    /// Starts the binary for `ns` (also its runtime namespace) with `extra` flags; the
    /// environment holds only `HOME` (a directory that does not exist) and `TMPDIR`.
    fn start(ns: &str, extra: &[&str]) -> Controller {
        let root = tempfile::Builder::new().prefix("flux-rs-ctl-").tempdir().unwrap();
        let storage = root.path().join("data");
        let tmp = root.path().join("tmp");
        let cwd = root.path().join("cwd");
        let home = root.path().join("home");
        std::fs::create_dir(&tmp).unwrap();
        std::fs::create_dir(&cwd).unwrap();
        let mut cmd = Command::new(bin());
        cmd.arg("controller")
            .arg("--kubeconfig")
            .arg(kubeconfig())
            .args(["--watch-namespace", ns, "--runtime-namespace", ns])
            .arg("--storage-path")
            .arg(&storage)
            .args([
                "--metrics-addr=127.0.0.1:0",
                "--health-addr=127.0.0.1:0",
                "--log-encoding=json",
            ])
            .args(extra)
            .current_dir(&cwd)
            .env_clear()
            .env("HOME", &home)
            .env("TMPDIR", &tmp);
        Controller {
            process: ControllerProcess::spawn("flux-rs controller", cmd, vec![root]),
            storage,
            tmp,
            cwd,
            home,
        }
    }

    /// The samples of `/metrics` named `name` whose labels include `want`.
    async fn metric(&self, name: &str, want: &[(&str, &str)]) -> Vec<f64> {
        values_of(&parse_metrics(&self.process.metrics().await), name, want)
    }

    /// How many reconciliations of an object have finished.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // a count
    async fn reconciliations(&self, kind: &str, ns: &str, name: &str) -> u64 {
        self.metric(
            "gotk_reconcile_duration_seconds_count",
            &[("kind", kind), ("namespace", ns), ("name", name)],
        )
        .await
        .first()
        .map_or(0, |v| *v as u64)
    }

    /// Waits until the count of finished reconciliations of an object has not moved for 3s.
    async fn idle(&self, kind: &str, ns: &str, name: &str) {
        let deadline = std::time::Instant::now() + WAIT;
        let mut last = (
            self.reconciliations(kind, ns, name).await,
            std::time::Instant::now(),
        );
        while last.1.elapsed() < Duration::from_secs(3) {
            assert!(
                std::time::Instant::now() < deadline,
                "{kind} {ns}/{name} never went idle"
            );
            tokio::time::sleep(Duration::from_millis(250)).await;
            let now = self.reconciliations(kind, ns, name).await;
            if now != last.0 {
                last = (now, std::time::Instant::now());
            }
        }
    }

    /// SIGTERM; the exit code and the logs.
    fn terminate(&mut self) -> (i32, String) {
        self.process.terminate();
        let code = self.process.wait_exit(Duration::from_secs(60));
        (code, self.process.logs())
    }

    /// After it stopped: nothing was written outside the storage directory and `TMPDIR`,
    /// and no checkout was left in `TMPDIR`; the storage holds artifacts, the Git cache and
    /// unpacked trees only.
    fn assert_wrote_only_storage(&self) {
        assert!(!self.home.exists(), "HOME was created");
        assert_eq!(listing(&self.cwd), Vec::<String>::new(), "the working directory");
        assert_eq!(
            listing(&self.tmp),
            Vec::<String>::new(),
            "TMPDIR after the reconciliations"
        );
        for top in listing(&self.storage) {
            assert!(
                top == "gitrepository" || top == ".git-cache" || top == ".trees",
                "unexpected {top} in the storage directory"
            );
        }
        // Kustomizations built from trees unpacked once per digest, all complete (no staging
        // directory left).
        let trees = listing(&self.storage.join(".trees"));
        assert!(!trees.is_empty(), "no tree was kept in the storage");
        for name in trees {
            assert!(name.starts_with("sha256-"), "unexpected tree {name}");
        }
    }
}

fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn config_map(name: &str, value: &str) -> String {
    format!("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\ndata:\n  value: \"{value}\"\n")
}

fn deployment(name: &str, replicas: u32, image: &str) -> String {
    format!(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {name}\nspec:\n  replicas: {replicas}\n  \
         selector:\n    matchLabels:\n      app: {name}\n  template:\n    metadata:\n      labels:\n        \
         app: {name}\n    spec:\n      containers:\n      - name: {name}\n        image: {image}\n"
    )
}

async fn create_repo(client: &Client, ns: &str, url: &str, interval: &str) {
    let api: Api<GitRepository> = Api::namespaced(client.clone(), ns);
    let repo: GitRepository = serde_json::from_value(json!({
        "apiVersion": "source.toolkit.fluxcd.io/v1", "kind": "GitRepository",
        "metadata": {"name": "repo", "namespace": ns},
        "spec": {"interval": interval, "url": url, "ref": {"branch": "main"}},
    }))
    .unwrap();
    api.create(&PostParams::default(), &repo).await.unwrap();
}

async fn create_ks(client: &Client, ns: &str, name: &str, spec: Value) {
    let api: Api<Kustomization> = Api::namespaced(client.clone(), ns);
    let mut v = json!({
        "apiVersion": "kustomize.toolkit.fluxcd.io/v1", "kind": "Kustomization",
        "metadata": {"name": name, "namespace": ns},
        "spec": {"prune": true, "targetNamespace": ns,
                 "sourceRef": {"kind": "GitRepository", "name": "repo"}},
    });
    for (k, val) in spec.as_object().unwrap() {
        v["spec"][k] = val.clone();
    }
    api.create(&PostParams::default(), &serde_json::from_value(v).unwrap())
        .await
        .unwrap();
}

fn ready(ks: &Kustomization) -> Option<(String, String, String)> {
    ks.conditions()
        .iter()
        .find(|c| c.type_ == "Ready")
        .map(|c| (c.status.clone(), c.reason.clone(), c.message.clone()))
}

/// Waits until the Kustomization is Ready at `revision` for its current generation.
async fn applied(api: &Api<Kustomization>, name: &str, revision: &str) -> Kustomization {
    eventually(
        WAIT,
        &format!("Kustomization {name} Ready at {revision}"),
        || async {
            let ks = api.get(name).await.ok()?;
            let st = ks.status.as_ref()?;
            let ok = ready(&ks)
                == Some((
                    "True".into(),
                    "ReconciliationSucceeded".into(),
                    format!("Applied revision: {revision}"),
                ))
                && st.last_applied_revision.as_deref() == Some(revision)
                && st.observed_generation == ks.metadata.generation;
            ok.then_some(ks)
        },
    )
    .await
}

async fn value(cms: &Api<ConfigMap>, name: &str) -> Option<String> {
    cms.get_opt(name)
        .await
        .unwrap()
        .and_then(|c| c.data)
        .and_then(|d| d.get("value").cloned())
}

fn inventory(ks: &Kustomization) -> Vec<String> {
    let mut ids: Vec<String> = ks
        .status
        .as_ref()
        .and_then(|s| s.inventory.as_ref())
        .map(|i| i.entries.iter().map(|e| e.id.clone()).collect())
        .unwrap_or_default();
    ids.sort();
    ids
}

/// A change by another field manager, as `kubectl edit` or `kubectl scale` makes it.
fn by_hand() -> PatchParams {
    PatchParams {
        field_manager: Some("kubectl-edit".into()),
        ..Default::default()
    }
}

async fn merge<K>(api: &Api<K>, name: &str, patch: Value)
where
    K: kube::Resource + Clone + serde::de::DeserializeOwned + std::fmt::Debug,
{
    api.patch(name, &PatchParams::default(), &Patch::Merge(&patch))
        .await
        .unwrap();
}

async fn gone<K>(api: &Api<K>, name: &str, what: &str)
where
    K: kube::Resource + Clone + serde::de::DeserializeOwned + std::fmt::Debug,
{
    eventually(WAIT, what, || async {
        api.get_opt(name).await.unwrap().is_none().then_some(())
    })
    .await;
}

async fn lease_holder(client: &Client, ns: &str) -> Option<String> {
    let api: Api<Lease> = Api::namespaced(client.clone(), ns);
    api.get(LEASE).await.unwrap().spec.unwrap().holder_identity
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_controller_applies_commits_reverts_drift_and_prunes() {
    let ns = TestNamespace::new("e2e-sync").await;
    let n = ns.name.as_str();
    let client = client().await;
    let mut ctl = Controller::start(
        n,
        &[
            "--leader-elect",
            "--leader-election-lease-duration=4s",
            "--leader-election-renew-deadline=3s",
            "--leader-election-retry-period=500ms",
        ],
    );
    let w = WorkRepo::new();
    w.write("deploy/a.yaml", &config_map("a", "1"));
    w.write("deploy/b.yaml", &config_map("b", "1"));
    w.write("deploy/web.yaml", &deployment("web", 2, "nginx:1.25"));
    let c1 = w.commit("first");
    create_repo(&client, n, &w.url(), "2s").await;
    create_ks(&client, n, "app", json!({"interval": "3s", "path": "./deploy"})).await;

    // Objects appear; both objects are Ready at the commit and carry the finalizer.
    let kss: Api<Kustomization> = Api::namespaced(client.clone(), n);
    let repos: Api<GitRepository> = Api::namespaced(client.clone(), n);
    let cms: Api<ConfigMap> = Api::namespaced(client.clone(), n);
    let deps: Api<Deployment> = Api::namespaced(client.clone(), n);
    let rev1 = format!("main@sha1:{c1}");
    let ks = applied(&kss, "app", &rev1).await;
    assert_eq!(
        inventory(&ks),
        [
            format!("{n}_a__ConfigMap"),
            format!("{n}_b__ConfigMap"),
            format!("{n}_web_apps_Deployment")
        ]
    );
    assert_eq!(ks.finalizers(), [FINALIZER]);
    let repo = repos.get("repo").await.unwrap();
    assert_eq!(repo.finalizers(), [FINALIZER]);
    assert_eq!(repo.artifact_revision(), Some(rev1.as_str()));
    let artifact = repo.status.unwrap().artifact.unwrap();
    assert!(ctl.storage.join(&artifact.path).is_file(), "{}", artifact.path);
    assert_eq!(value(&cms, "a").await.as_deref(), Some("1"));
    let a = cms.get("a").await.unwrap();
    assert_eq!(a.labels()["kustomize.toolkit.fluxcd.io/name"], "app");
    assert!(
        a.metadata
            .managed_fields
            .unwrap()
            .iter()
            .any(|m| m.manager.as_deref() == Some("kustomize-controller")),
        "applied with upstream's field manager"
    );
    assert_eq!(deps.get("web").await.unwrap().spec.unwrap().replicas, Some(2));

    // Nothing changes: the next interval reconciliations write none of the objects.
    let versions = || async {
        let mut v = Vec::new();
        for name in ["a", "b"] {
            v.push(cms.get(name).await.unwrap().resource_version());
        }
        v.push(deps.get("web").await.unwrap().resource_version());
        v
    };
    let before = versions().await;
    let count = ctl.reconciliations("Kustomization", n, "app").await;
    eventually(WAIT, "two more interval reconciliations", || async {
        (ctl.reconciliations("Kustomization", n, "app").await >= count + 2).then_some(())
    })
    .await;
    assert_eq!(versions().await, before, "unchanged objects are not written");

    // A new commit is applied within the intervals (the source's new revision triggers the
    // Kustomization at once).
    w.write("deploy/a.yaml", &config_map("a", "2"));
    w.write("deploy/c.yaml", &config_map("c", "1"));
    let rev2 = format!("main@sha1:{}", w.commit("second"));
    applied(&kss, "app", &rev2).await;
    assert_eq!(value(&cms, "a").await.as_deref(), Some("2"));
    assert_eq!(value(&cms, "c").await.as_deref(), Some("1"));

    // Drift by another field manager is reverted, a deleted object re-created, at the next
    // interval, with no new revision.
    deps.patch("web", &by_hand(), &Patch::Merge(json!({"spec": {"replicas": 5}})))
        .await
        .unwrap();
    cms.patch(
        "a",
        &by_hand(),
        &Patch::Merge(json!({"data": {"value": "by hand"}})),
    )
    .await
    .unwrap();
    cms.delete("b", &DeleteParams::default()).await.unwrap();
    eventually(WAIT, "drift reverted and b re-created", || async {
        let replicas = deps.get("web").await.unwrap().spec.unwrap().replicas;
        (replicas == Some(2)
            && value(&cms, "a").await.as_deref() == Some("2")
            && value(&cms, "b").await.as_deref() == Some("1"))
        .then_some(())
    })
    .await;
    let corrected = format!(
        "server-side apply: ConfigMap/{n}/a configured, ConfigMap/{n}/b created, Deployment/{n}/web configured"
    );
    eventually(WAIT, "the correction logged", || async {
        ctl.process.logs().contains(&corrected).then_some(())
    })
    .await;
    assert_eq!(
        kss.get("app")
            .await
            .unwrap()
            .status
            .unwrap()
            .last_applied_revision,
        Some(rev2.clone()),
        "no new revision was needed"
    );

    // A manifest removed from Git is pruned.
    w.remove("deploy/c.yaml");
    let rev3 = format!("main@sha1:{}", w.commit("third"));
    let ks = applied(&kss, "app", &rev3).await;
    gone(&cms, "c", "c pruned").await;
    assert!(!inventory(&ks).contains(&format!("{n}_c__ConfigMap")));

    // Metrics after real reconciliations.
    let success = |kind: &'static str| {
        let ctl = &ctl;
        async move {
            ctl.metric("gotk_reconcile_total", &[("kind", kind), ("result", "success")])
                .await
        }
    };
    assert!(success("Kustomization").await[0] >= 4.0);
    assert!(success("GitRepository").await[0] >= 3.0);
    assert_eq!(
        ctl.metric(
            "gotk_reconcile_condition",
            &[
                ("kind", "Kustomization"),
                ("name", "app"),
                ("type", "Ready"),
                ("status", "True")
            ]
        )
        .await,
        [1.0]
    );
    assert_eq!(
        ctl.metric("leader_election_master_status", &[("name", LEASE)])
            .await,
        [1.0]
    );

    // Deleting the Kustomization garbage-collects its inventory through the finalizer;
    // deleting the GitRepository removes its artifacts.
    kss.delete("app", &DeleteParams::default()).await.unwrap();
    gone(&kss, "app", "the Kustomization deleted").await;
    for name in ["a", "b"] {
        gone(&cms, name, "ConfigMaps collected").await;
    }
    gone(&deps, "web", "the Deployment collected").await;
    repos.delete("repo", &DeleteParams::default()).await.unwrap();
    gone(&repos, "repo", "the GitRepository deleted").await;
    let artifacts = ctl.storage.join("gitrepository").join(n).join("repo");
    assert!(!artifacts.exists(), "{} removed", artifacts.display());

    // SIGTERM: a clean exit that releases the Lease; nothing written outside storage.
    assert!(lease_holder(&client, n).await.is_some());
    let (code, logs) = ctl.terminate();
    assert_eq!(code, 0, "logs:\n{logs}");
    assert!(logs.contains("flux-rs controller stopped"), "logs:\n{logs}");
    assert_eq!(lease_holder(&client, n).await, None, "the Lease is released");
    ctl.assert_wrote_only_storage();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requested_reconciliations_run_at_once_and_the_cli_finds_the_controller() {
    let ns = TestNamespace::new("e2e-request").await;
    let n = ns.name.as_str();
    let client = client().await;
    let mut ctl = Controller::start(n, &[]);
    let w = WorkRepo::new();
    w.write("deploy/a.yaml", &config_map("a", "1"));
    let rev1 = format!("main@sha1:{}", w.commit("first"));
    // Hour-long intervals: whatever happens next is the request's doing.
    create_repo(&client, n, &w.url(), "1h").await;
    create_ks(&client, n, "app", json!({"interval": "1h", "path": "./deploy"})).await;
    let kss: Api<Kustomization> = Api::namespaced(client.clone(), n);
    let repos: Api<GitRepository> = Api::namespaced(client.clone(), n);
    let cms: Api<ConfigMap> = Api::namespaced(client.clone(), n);
    applied(&kss, "app", &rev1).await;
    // The creation and the source's first artifact may both have queued a reconciliation;
    // let whatever was queued finish before the hand-made change.
    ctl.idle("Kustomization", n, "app").await;

    cms.patch(
        "a",
        &by_hand(),
        &Patch::Merge(json!({"data": {"value": "by hand"}})),
    )
    .await
    .unwrap();
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(
        value(&cms, "a").await.as_deref(),
        Some("by hand"),
        "nothing reconciles before the interval"
    );
    let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Nanos, true);
    merge(
        &kss,
        "app",
        json!({"metadata": {"annotations": {"reconcile.fluxcd.io/requestedAt": at}}}),
    )
    .await;
    eventually(WAIT, "the request handled and the drift reverted", || async {
        let handled = kss.get("app").await.ok()?.status?.last_handled_reconcile_at;
        (handled.as_deref() == Some(at.as_str()) && value(&cms, "a").await.as_deref() == Some("1"))
            .then_some(())
    })
    .await;

    // `reconcile ks --with-source` finds the controller (its Deployment has ready replicas)
    // and asks it to fetch the new commit, then to apply it.
    let deps: Api<Deployment> = Api::namespaced(client.clone(), n);
    let dep: Deployment = serde_json::from_value(json!({
        "metadata": {"name": "flux-rs-controller"},
        "spec": {"selector": {"matchLabels": {"app": "c"}},
                 "template": {"metadata": {"labels": {"app": "c"}},
                              "spec": {"containers": [{"name": "c", "image": "ghcr.io/flux-rs/flux-rs:test"}]}}},
    }))
    .unwrap();
    deps.create(&PostParams::default(), &dep).await.unwrap();
    rollout_complete(&deps, "flux-rs-controller").await;
    w.write("deploy/a.yaml", &config_map("a", "2"));
    let rev2 = format!("main@sha1:{}", w.commit("second"));
    let out = flux_async(&["reconcile", "ks", "app", "--with-source", "-n", n]).await;
    out.success();
    assert_eq!(
        out.stderr,
        format!(
            "► annotating GitRepository repo in {n} namespace\n✔ GitRepository annotated\n\
             ◎ waiting for GitRepository reconciliation\n✔ fetched revision {rev2}\n\
             ► annotating Kustomization app in {n} namespace\n✔ Kustomization annotated\n\
             ◎ waiting for Kustomization reconciliation\n✔ applied revision {rev2}\n"
        )
    );
    assert_eq!(value(&cms, "a").await.as_deref(), Some("2"));
    for (handled, annotations) in [
        {
            let ks = kss.get("app").await.unwrap();
            (
                ks.status.unwrap().last_handled_reconcile_at,
                ks.metadata.annotations.unwrap(),
            )
        },
        {
            let repo = repos.get("repo").await.unwrap();
            (
                repo.status.unwrap().last_handled_reconcile_at,
                repo.metadata.annotations.unwrap(),
            )
        },
    ] {
        assert_eq!(
            handled.as_ref(),
            annotations.get("reconcile.fluxcd.io/requestedAt")
        );
    }

    kss.delete("app", &DeleteParams::default()).await.unwrap();
    gone(&kss, "app", "the Kustomization deleted").await;
    gone(&cms, "a", "its ConfigMap collected").await;
    repos.delete("repo", &DeleteParams::default()).await.unwrap();
    gone(&repos, "repo", "the GitRepository deleted").await;
    let (code, logs) = ctl.terminate();
    assert_eq!(code, 0, "logs:\n{logs}");
    ctl.assert_wrote_only_storage();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn depends_on_orders_real_reconciliations_and_sigterm_abandons_in_flight_work() {
    let ns = TestNamespace::new("e2e-deps").await;
    let n = ns.name.as_str();
    let client = client().await;
    // Dependents are only re-checked when triggered (never by the requeue timer), and
    // in-flight work gets two seconds after SIGTERM.
    let mut ctl = Controller::start(
        n,
        &[
            "--requeue-dependency=1h",
            "--graceful-shutdown-timeout=2s",
            "--leader-elect",
        ],
    );
    let w = WorkRepo::new();
    w.write("infra/db.yaml", &deployment("db", 1, "postgres:16.1"));
    w.write("apps/app.yaml", &config_map("app", "1"));
    let rev1 = format!("main@sha1:{}", w.commit("first"));
    create_repo(&client, n, &w.url(), "2s").await;
    create_ks(
        &client,
        n,
        "apps",
        json!({"interval": "1h", "path": "./apps", "dependsOn": [{"name": "infra"}]}),
    )
    .await;
    create_ks(
        &client,
        n,
        "infra",
        json!({"interval": "1h", "path": "./infra", "wait": true, "timeout": "2m"}),
    )
    .await;
    let kss: Api<Kustomization> = Api::namespaced(client.clone(), n);
    let cms: Api<ConfigMap> = Api::namespaced(client.clone(), n);
    let deps: Api<Deployment> = Api::namespaced(client.clone(), n);

    // infra applies its Deployment and waits for it; apps waits for infra.
    eventually(WAIT, "infra applied, apps waiting", || async {
        let apps = kss.get("apps").await.ok()?;
        let (status, reason, _) = ready(&apps)?;
        (deps.get_opt("db").await.unwrap().is_some() && status == "False" && reason == "DependencyNotReady")
            .then_some(())
    })
    .await;
    assert!(
        cms.get_opt("app").await.unwrap().is_none(),
        "apps applied nothing"
    );
    rollout_complete(&deps, "db").await;
    let infra = applied(&kss, "infra", &rev1).await;
    applied(&kss, "apps", &rev1).await;
    let infra_ready = infra
        .conditions()
        .iter()
        .find(|c| c.type_ == "Ready")
        .unwrap()
        .last_transition_time
        .clone();
    let app = cms.get("app").await.unwrap();
    let created = app.metadata.creation_timestamp.unwrap().0;
    let ready_at: k8s_openapi::jiff::Timestamp = infra_ready.parse().unwrap();
    assert!(
        created >= ready_at,
        "apps applied at {created}, before infra was ready at {ready_at}"
    );

    // A commit changing both: apps applies it only once infra is Ready at that revision.
    w.write("infra/db.yaml", &deployment("db", 1, "postgres:16.2"));
    w.write("apps/app.yaml", &config_map("app", "2"));
    let rev2 = format!("main@sha1:{}", w.commit("second"));
    eventually(WAIT, "infra rolling out the new revision", || async {
        let image = deps.get("db").await.unwrap().spec?.template.spec?.containers[0]
            .image
            .clone()?;
        (image == "postgres:16.2").then_some(())
    })
    .await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(
        value(&cms, "app").await.as_deref(),
        Some("1"),
        "apps waits for infra at the new revision"
    );
    let apps = kss.get("apps").await.unwrap();
    assert_eq!(
        apps.status.as_ref().unwrap().last_applied_revision.as_deref(),
        Some(rev1.as_str())
    );
    rollout_complete(&deps, "db").await;
    applied(&kss, "infra", &rev2).await;
    applied(&kss, "apps", &rev2).await;
    assert_eq!(value(&cms, "app").await.as_deref(), Some("2"));

    // infra at a new generation triggers apps once; its interval reconciliations (Ready is
    // Unknown while each runs) at the same generation and revision do not.
    let apps_before = ctl.reconciliations("Kustomization", n, "apps").await;
    merge(&kss, "infra", json!({"spec": {"interval": "2s"}})).await;
    applied(&kss, "infra", &rev2).await;
    eventually(WAIT, "apps reconciled after infra's new generation", || async {
        (ctl.reconciliations("Kustomization", n, "apps").await > apps_before).then_some(())
    })
    .await;
    let infra_count = ctl.reconciliations("Kustomization", n, "infra").await;
    eventually(WAIT, "three interval reconciliations of infra", || async {
        (ctl.reconciliations("Kustomization", n, "infra").await >= infra_count + 3).then_some(())
    })
    .await;
    assert_eq!(
        ctl.reconciliations("Kustomization", n, "apps").await,
        apps_before + 1,
        "infra's interval reconciliations do not trigger apps"
    );

    // SIGTERM while infra waits for a rollout: the reconciliation is abandoned after the
    // grace period, the Lease released, exit 0.
    w.write("infra/db.yaml", &deployment("db", 1, "postgres:16.3"));
    let rev3 = format!("main@sha1:{}", w.commit("third"));
    eventually(WAIT, "infra running its health checks", || async {
        let infra = kss.get("infra").await.ok()?;
        infra
            .conditions()
            .iter()
            .any(|c| {
                c.type_ == "Reconciling"
                    && c.message
                        .starts_with(&format!("Running health checks for revision {rev3}"))
            })
            .then_some(())
    })
    .await;
    let (code, logs) = ctl.terminate();
    assert_eq!(code, 0, "logs:\n{logs}");
    assert!(
        logs.contains("abandoning in-flight reconciliations"),
        "logs:\n{logs}"
    );
    assert_eq!(lease_holder(&client, n).await, None, "the Lease is released");
    ctl.assert_wrote_only_storage();

    // No controller runs any more: remove the finalizers so the namespace can go.
    let repos: Api<GitRepository> = Api::namespaced(client.clone(), n);
    for name in ["apps", "infra"] {
        merge(&kss, name, json!({"metadata": {"finalizers": null}})).await;
    }
    merge(&repos, "repo", json!({"metadata": {"finalizers": null}})).await;
}

/// Every file under `dir`, recursively (for searching what the controller wrote).
fn all_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            all_files(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// The controller decrypts SOPS-encrypted files (made by the real sops, see
/// `scripts/sops-fixtures`) with the keys of `spec.decryption.secretRef`; the plaintext
/// reaches the cluster and nowhere else: not the logs, the status, nor any file it wrote
/// (its artifact storage and unpacked trees hold the encrypted files only).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_controller_decrypts_sops_and_writes_no_plaintext_anywhere() {
    use k8s_openapi::api::core::v1::Secret;
    const PLAINTEXT: &[&str] = &[
        "cluster-fixture-password",
        "cluster-fixture-token",
        "cluster-fixture-mode",
        "env-fixture-password",
    ];
    let ns = TestNamespace::new("e2e-sops").await;
    let n = ns.name.as_str();
    let client = client().await;
    let keys: Secret = serde_json::from_value(json!({
        "apiVersion": "v1", "kind": "Secret",
        "metadata": {"name": "sops-age", "namespace": n},
        "stringData": {
            "age.agekey": include_str!("../fixtures/sops/keys/age1.agekey"),
        },
    }))
    .unwrap();
    Api::<Secret>::namespaced(client.clone(), n)
        .create(&PostParams::default(), &keys)
        .await
        .unwrap();
    let mut ctl = Controller::start(n, &[]);
    let w = WorkRepo::new();
    w.write(
        "deploy/kustomization.yaml",
        "resources:\n- cluster.enc.yaml\nsecretGenerator:\n- name: env\n  envs:\n  - app.enc.env\n",
    );
    w.write(
        "deploy/cluster.enc.yaml",
        include_str!("../fixtures/sops/cluster.enc.yaml"),
    );
    w.write("deploy/app.enc.env", include_str!("../fixtures/sops/app.enc.env"));
    let rev1 = format!("main@sha1:{}", w.commit("encrypted"));
    create_repo(&client, n, &w.url(), "1h").await;
    create_ks(
        &client,
        n,
        "app",
        json!({"interval": "1h", "path": "./deploy",
               "decryption": {"provider": "sops", "secretRef": {"name": "sops-age"}}}),
    )
    .await;
    let kss: Api<Kustomization> = Api::namespaced(client.clone(), n);
    let ks = applied(&kss, "app", &rev1).await;
    let secrets: Api<Secret> = Api::namespaced(client.clone(), n);
    let db = secrets.get("db").await.unwrap();
    assert_eq!(
        db.data.unwrap()["password"].0,
        b"cluster-fixture-password".to_vec()
    );
    let cms: Api<ConfigMap> = Api::namespaced(client.clone(), n);
    let settings = cms.get("settings").await.unwrap();
    assert_eq!(settings.data.unwrap()["mode"], "cluster-fixture-mode");

    let (code, logs) = ctl.terminate();
    assert_eq!(code, 0, "logs:\n{logs}");
    let status = serde_json::to_string(&ks.status).unwrap();
    let mut files = Vec::new();
    all_files(&ctl.storage, &mut files);
    all_files(&ctl.tmp, &mut files);
    assert!(
        files.iter().any(|f| f.to_string_lossy().contains(".trees")),
        "the unpacked tree was searched too: {files:?}"
    );
    for p in PLAINTEXT {
        assert!(!logs.contains(p), "{p:?} in the controller's logs:\n{logs}");
        assert!(!status.contains(p), "{p:?} in the status: {status}");
        for f in &files {
            let bytes = std::fs::read(f).unwrap();
            assert!(
                !bytes.windows(p.len()).any(|w| w == p.as_bytes()),
                "{p:?} written to {}",
                f.display()
            );
        }
    }
    ctl.assert_wrote_only_storage();
}
