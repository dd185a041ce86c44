//! The one-shot experience: the CLI alone, where no controller runs. `resume` reconciles in
//! this process, `--controller` without a controller fails at once, `delete` finishes what a
//! controller's finalizer would, and Ctrl-C during a reconcile leaves a final status.

use std::process::{Command, Stdio};
use std::time::Duration;

use flux_rs::api::Kustomization;
use flux_rs::api::meta::{READY, RECONCILING};
use k8s_openapi::api::coordination::v1::Lease;
use k8s_openapi::api::core::v1::ConfigMap;
use kube::api::{Api, Patch, PatchParams, PostParams};
use serde_json::json;

use crate::day2::{api, create, git_repo, git_resource, ks_ready, ks_resource, kustomization, write_status};
use crate::gitrepo::WorkRepo;
use crate::harness::{
    TestNamespace, bin, client, flux, flux_async, flux_env, kubeconfig, pretend_controller,
};

fn config_map_yaml(name: &str, value: &str) -> String {
    format!("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\ndata:\n  value: \"{value}\"\n")
}

#[track_caller]
fn assert_line(stderr: &str, line: &str) {
    assert!(
        stderr.lines().any(|l| l == line),
        "missing line {line:?} in:\n{stderr}"
    );
}

/// A Git repository on this machine, its GitRepository `repo` and the Kustomization `apps`
/// (path `./deploy`, pruning, into the test namespace), created and reconciled by the CLI.
struct Fleet {
    ns: TestNamespace,
    cache: tempfile::TempDir,
    repo: WorkRepo,
}

impl Fleet {
    async fn new(prefix: &str, files: &[(&str, String)]) -> Fleet {
        let ns = TestNamespace::new(prefix).await;
        let fleet = Fleet {
            ns,
            cache: tempfile::tempdir().unwrap(),
            repo: WorkRepo::new(),
        };
        for (path, content) in files {
            fleet.repo.write(path, content);
        }
        fleet.repo.commit("first");
        let url = fleet.repo.url();
        let n = fleet.ns.name.clone();
        fleet
            .flux(&[
                "create", "source", "git", "repo", "--url", &url, "--branch", "main", "-n", &n,
            ])
            .success();
        fleet
    }

    fn n(&self) -> &str {
        &self.ns.name
    }

    fn flux(&self, args: &[&str]) -> crate::harness::Run {
        flux_env(args, &[("XDG_CACHE_HOME", self.cache.path().to_str().unwrap())])
    }

    fn create_apps(&self) {
        let n = self.n().to_string();
        self.flux(&[
            "create",
            "ks",
            "apps",
            "--source",
            "repo",
            "--path",
            "./deploy",
            "--prune",
            "--target-namespace",
            &n,
            "-n",
            &n,
        ])
        .success();
    }
}

#[tokio::test]
async fn resume_without_a_controller_reconciles_in_this_process() {
    let f = Fleet::new("oneshot-resume", &[("deploy/a.yaml", config_map_yaml("a", "1"))]).await;
    let n = f.n().to_string();
    f.create_apps();
    f.flux(&["suspend", "ks", "apps", "-n", &n]).success();
    f.flux(&["suspend", "source", "git", "repo", "-n", &n]).success();
    f.repo.write("deploy/a.yaml", &config_map_yaml("a", "2"));
    let c2 = f.repo.commit("second");

    // The GitRepository is fetched here, then the Kustomization applies its new revision.
    let r = f.flux(&["resume", "source", "git", "repo", "-n", &n, "--timeout", "60s"]);
    r.success();
    assert_line(&r.stderr, &format!("✔ fetched revision main@sha1:{c2}"));
    assert_line(&r.stderr, "✔ GitRepository repo reconciliation completed");
    let r = f.flux(&["resume", "ks", "apps", "-n", &n, "--timeout", "60s"]);
    r.success();
    assert!(
        !r.stderr.contains("waiting for"),
        "nothing to wait for:\n{}",
        r.stderr
    );
    assert_line(&r.stderr, &format!("✔ applied revision main@sha1:{c2}"));
    assert_line(&r.stderr, "✔ Kustomization apps reconciliation completed");
    let cms: Api<ConfigMap> = Api::namespaced(client().await, &n);
    assert_eq!(cms.get("a").await.unwrap().data.unwrap()["value"], "2");

    // --controller with no controller: said at once.
    let r = f.flux(&[
        "resume",
        "ks",
        "apps",
        "--controller",
        "-n",
        &n,
        "--timeout",
        "60s",
    ]);
    r.code(1);
    assert!(
        r.stderr.contains(&format!(
            "✗ --controller: no controller runs in the \"{n}\" namespace"
        )),
        "{}",
        r.stderr
    );
}

/// A controller process elected through the Lease (`flux-rs controller --leader-elect`, run
/// anywhere) counts as running while it renews the Lease; an expired Lease does not.
#[tokio::test]
async fn a_held_lease_counts_as_a_running_controller() {
    let ns = TestNamespace::new("oneshot-lease").await;
    let n = ns.name.as_str();
    let c = client().await;
    create(&c, n, &ks_resource(), kustomization("apps", "repo", json!({}))).await;
    let leases: Api<Lease> = Api::namespaced(c.clone(), n);
    let lease = |renewed: &str| -> Lease {
        serde_json::from_value(json!({
            "metadata": {"name": "flux-rs-controller-leader-election"},
            "spec": {"holderIdentity": "host_1234", "leaseDurationSeconds": 35,
                     "renewTime": renewed, "acquireTime": renewed},
        }))
        .unwrap()
    };
    leases
        .create(&PostParams::default(), &lease("2020-01-01T00:00:00.000000Z"))
        .await
        .unwrap();
    let r = flux(&[
        "reconcile",
        "ks",
        "apps",
        "--controller",
        "-n",
        n,
        "--timeout",
        "2s",
    ]);
    r.code(1);
    assert!(
        r.stderr.contains("no controller runs"),
        "expired Lease:\n{}",
        r.stderr
    );

    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    leases
        .patch(
            "flux-rs-controller-leader-election",
            &PatchParams::default(),
            &Patch::Merge(json!({"spec": {"renewTime": now}})),
        )
        .await
        .unwrap();
    let r = flux(&[
        "reconcile",
        "ks",
        "apps",
        "--controller",
        "-n",
        n,
        "--timeout",
        "2s",
    ]);
    r.code(1);
    assert!(
        !r.stderr.contains("no controller runs") && r.stderr.contains("► annotating Kustomization apps"),
        "a held Lease is a controller, asked (nothing answers here):\n{}",
        r.stderr
    );
}

async fn config_map(c: &kube::Client, ns: &str, name: &str, owner: &str) {
    let cm: ConfigMap = serde_json::from_value(json!({"metadata": {"name": name, "labels": {
        "kustomize.toolkit.fluxcd.io/name": owner, "kustomize.toolkit.fluxcd.io/namespace": ns}},
        "data": {"k": "v"}}))
    .unwrap();
    Api::<ConfigMap>::namespaced(c.clone(), ns)
        .create(&PostParams::default(), &cm)
        .await
        .unwrap();
}

/// A Kustomization that carries the controller's finalizer (added while a controller ran)
/// and one applied ConfigMap in its inventory.
async fn finalized_kustomization(c: &kube::Client, ns: &str, name: &str) {
    let cm = format!("{name}-cm");
    config_map(c, ns, &cm, name).await;
    let mut obj = kustomization(name, "repo", json!({}));
    obj["metadata"]["finalizers"] = json!(["finalizers.fluxcd.io"]);
    create(c, ns, &ks_resource(), obj).await;
    let id = format!("{ns}_{cm}__ConfigMap");
    write_status(
        c,
        ns,
        &ks_resource(),
        name,
        ks_ready(
            "main@sha1:1b5b9f2f8f1a4b9c2d3e4f5a6b7c8d9e0f1a2b3c",
            1,
            &[(id.as_str(), "v1")],
        ),
        "kustomize-controller",
    )
    .await;
}

#[tokio::test]
async fn delete_without_a_controller_finishes_what_the_finalizer_would() {
    let ns = TestNamespace::new("oneshot-delete").await;
    let n = ns.name.as_str();
    let c = client().await;
    finalized_kustomization(&c, n, "apps").await;
    let mut repo = git_repo("repo", json!({}));
    repo["metadata"]["finalizers"] = json!(["finalizers.fluxcd.io"]);
    create(&c, n, &git_resource(), repo).await;

    let r = flux(&["delete", "ks", "apps", "-n", n, "-s"]);
    r.success();
    assert_line(&r.stderr, &format!("✔ ConfigMap/{n}/apps-cm deleted"));
    assert_line(
        &r.stderr,
        &format!(
            "► no controller runs: removing the finalizer finalizers.fluxcd.io of Kustomization {n}/apps"
        ),
    );
    assert_line(&r.stderr, &format!("✔ Kustomization {n}/apps is gone"));
    assert!(
        api(&c, n, &ks_resource())
            .get_opt("apps")
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        Api::<ConfigMap>::namespaced(c.clone(), n)
            .get_opt("apps-cm")
            .await
            .unwrap()
            .is_none()
    );

    let r = flux(&["delete", "source", "git", "repo", "-n", n, "-s"]);
    r.success();
    assert_line(&r.stderr, &format!("✔ GitRepository {n}/repo is gone"));
    assert!(
        api(&c, n, &git_resource())
            .get_opt("repo")
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn delete_with_a_controller_waits_for_it() {
    let ns = TestNamespace::new("oneshot-delctl").await;
    let n = ns.name.clone();
    let c = client().await;
    pretend_controller(&c, &n).await;
    finalized_kustomization(&c, &n, "apps").await;

    // The controller (the test) removes its finalizer a moment later.
    let controller = {
        let (c, n) = (c.clone(), n.clone());
        async move {
            tokio::time::sleep(Duration::from_millis(1500)).await;
            let patch = json!({"metadata": {"finalizers": null}});
            api(&c, &n, &ks_resource())
                .patch("apps", &PatchParams::default(), &Patch::Merge(&patch))
                .await
                .unwrap();
        }
    };
    let args = ["delete", "ks", "apps", "-n", &n, "-s", "--timeout", "60s"];
    let (r, ()) = tokio::join!(flux_async(&args), controller);
    r.success();
    assert_line(
        &r.stderr,
        &format!(
            "◎ waiting for the controller (Deployment/flux-rs-controller) to finalize Kustomization {n}/apps (finalizers: finalizers.fluxcd.io)"
        ),
    );
    assert_line(&r.stderr, &format!("✔ Kustomization {n}/apps is gone"));

    // A controller that never finalizes: the wait names what it waits for now and then,
    // and the timeout says what is left.
    finalized_kustomization(&c, &n, "stuck").await;
    let r = flux(&["delete", "ks", "stuck", "-n", &n, "-s", "--timeout", "23s"]);
    r.code(1);
    assert!(
        r.stderr
            .lines()
            .any(|l| l.starts_with(&format!("◎ waiting for Kustomization {n}/stuck: "))),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains(&format!("✗ Kustomization/{n}/stuck: not deleted within "))
            && r.stderr.contains(": finalizers [finalizers.fluxcd.io] remain"),
        "{}",
        r.stderr
    );
}

/// Ctrl-C while a reconcile waits for health checks: the status records the interruption
/// (not `Reconciling` until the next run) and the command exits 130.
#[tokio::test]
async fn ctrl_c_during_a_reconcile_writes_a_final_status() {
    let deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: nginx\n";
    let f = Fleet::new("oneshot-sigint", &[("deploy/web.yaml", deployment.to_string())]).await;
    let n = f.n().to_string();
    let c = client().await;
    // Health checks of a Deployment that never becomes ready here (no Pods run).
    let obj = kustomization(
        "apps",
        "repo",
        json!({"path": "./deploy", "targetNamespace": n, "wait": true, "timeout": "5m"}),
    );
    create(&c, &n, &ks_resource(), obj).await;

    let child = Command::new(bin())
        .args(["reconcile", "ks", "apps", "--local", "-n", &n])
        .env("KUBECONFIG", kubeconfig())
        .env("XDG_CACHE_HOME", f.cache.path())
        .env("NO_COLOR", "1")
        .env_remove("FLUX_SYSTEM_NAMESPACE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let kss: Api<Kustomization> = Api::namespaced(c.clone(), &n);
    let mut checking = false;
    for _ in 0..600 {
        let ks = kss.get("apps").await.unwrap();
        checking = ks
            .conditions()
            .iter()
            .any(|c| c.type_ == RECONCILING && c.message.starts_with("Running health checks"));
        if checking {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(checking, "the reconcile never reached its health checks");
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = tokio::task::spawn_blocking(move || child.wait_with_output())
        .await
        .unwrap()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert!(
        stderr
            .lines()
            .last()
            .is_some_and(|l| l == "✗ Kustomization reconciliation interrupted"),
        "{stderr}"
    );

    let ks = kss.get("apps").await.unwrap();
    let ready = ks.conditions().iter().find(|c| c.type_ == READY).unwrap().clone();
    assert_eq!(
        (ready.status.as_str(), ready.reason.as_str()),
        ("False", "ReconciliationInterrupted"),
        "{ready:?}"
    );
    assert!(ready.message.contains("interrupted"), "{ready:?}");
    assert!(
        !ks.conditions().iter().any(|c| c.type_ == RECONCILING),
        "no longer Reconciling: {:?}",
        ks.conditions()
    );
    // `get` shows it as failed, with the reason's message.
    let r = f.flux(&["get", "ks", "apps", "-n", &n]);
    assert!(r.stdout.contains("interrupted"), "{}", r.stdout);
}

/// `check` says in plain words why the controller is not ready: replicas, and no Pod at all
/// or the state of its Pod.
#[tokio::test]
async fn check_says_why_the_controller_is_not_ready() {
    use k8s_openapi::api::apps::v1::Deployment;
    use k8s_openapi::api::core::v1::Pod;
    let ns = TestNamespace::new("oneshot-check").await;
    let n = ns.name.as_str();
    let c = client().await;
    let dep: Deployment = serde_json::from_value(json!({
        "metadata": {"name": "flux-rs-controller", "labels": {"app.kubernetes.io/part-of": "flux"}},
        "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "ctl"}},
                 "template": {"metadata": {"labels": {"app": "ctl"}},
                              "spec": {"containers": [{"name": "c", "image": "example.com/ctl:1"}]}}},
    }))
    .unwrap();
    Api::<Deployment>::namespaced(c.clone(), n)
        .create(&PostParams::default(), &dep)
        .await
        .unwrap();
    let r = flux(&["check", "-n", n]);
    r.code(1);
    assert_line(
        &r.stderr,
        "✗ flux-rs-controller: deployment not ready: 0 of 1 replica(s) ready: no Pod has been created for it (is a deployment controller running in the cluster?)",
    );

    // A Pod whose image cannot be pulled, as a kubelet would report it.
    let pods: Api<Pod> = Api::namespaced(c.clone(), n);
    let pod: Pod = serde_json::from_value(json!({
        "metadata": {"name": "ctl-1", "labels": {"app": "ctl"}},
        "spec": {"automountServiceAccountToken": false,
                 "containers": [{"name": "c", "image": "example.com/ctl:1"}]},
    }))
    .unwrap();
    let mut created = false;
    for _ in 0..50 {
        // The namespace's default ServiceAccount is created asynchronously.
        if pods.create(&PostParams::default(), &pod).await.is_ok() {
            created = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(created, "cannot create the Pod");
    let status = json!({"status": {"phase": "Pending", "containerStatuses": [{
        "name": "c", "image": "example.com/ctl:1", "imageID": "", "ready": false, "restartCount": 0,
        "state": {"waiting": {"reason": "ImagePullBackOff", "message": "Back-off pulling image \"example.com/ctl:1\""}}}]}});
    pods.patch_status("ctl-1", &PatchParams::default(), &Patch::Merge(&status))
        .await
        .unwrap();
    let r = flux(&["check", "-n", n]);
    r.code(1);
    assert_line(
        &r.stderr,
        "✗ flux-rs-controller: deployment not ready: 0 of 1 replica(s) ready: Pod/ctl-1 Pending: ImagePullBackOff: Back-off pulling image \"example.com/ctl:1\"",
    );
}

/// The source engine records source-controller's events, so `events --for GitRepository/x`
/// shows a new artifact and a failed fetch.
#[tokio::test]
async fn git_repository_events_are_recorded() {
    let f = Fleet::new("oneshot-gitev", &[("deploy/a.yaml", config_map_yaml("a", "1"))]).await;
    let n = f.n().to_string();
    let head = f.repo.head();
    let url = f.repo.url();
    f.flux(&[
        "create", "source", "git", "repo", "--url", &url, "--branch", "nope", "-n", &n,
    ])
    .code(1);
    let r = f.flux(&["events", "-n", &n, "--for", "GitRepository/repo"]);
    r.success();
    let rows: Vec<&str> = r.stdout.lines().skip(1).collect();
    assert_eq!(rows.len(), 2, "{}", r.stdout);
    assert!(
        rows[0].contains("Normal")
            && rows[0].contains("NewArtifact")
            && rows[0].contains("GitRepository/repo")
            && rows[0].contains(&format!("stored artifact for revision 'main@sha1:{head}'")),
        "{}",
        r.stdout
    );
    assert!(
        rows[1].contains("Warning") && rows[1].contains("GitOperationFailed") && rows[1].contains("nope"),
        "{}",
        r.stdout
    );
}

const NEVER_READY: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: nginx\n";

/// A long health wait names what it waits for, without a terminal too, and its timeout
/// says what was not ready.
#[tokio::test]
async fn long_waits_name_what_they_wait_for() {
    let f = Fleet::new("oneshot-wait", &[("deploy/web.yaml", NEVER_READY.to_string())]).await;
    let n = f.n().to_string();
    let c = client().await;
    let obj = kustomization(
        "apps",
        "repo",
        json!({"path": "./deploy", "targetNamespace": n, "wait": true, "timeout": "8s"}),
    );
    create(&c, &n, &ks_resource(), obj).await;
    let r = f.flux(&["reconcile", "ks", "apps", "-n", &n]);
    r.code(1);
    let waiting = format!("◎ waiting for Deployment/{n}/web: InProgress: ");
    assert!(
        r.stderr.lines().any(|l| l.starts_with(&waiting)),
        "missing {waiting:?} in:\n{}",
        r.stderr
    );
    let last = r.stderr.lines().last().unwrap();
    assert!(
        last.starts_with("✗ Kustomization reconciliation failed: ")
            && last.contains(&format!("Deployment/{n}/web")),
        "{}",
        r.stderr
    );
}

fn nested_ks(name: &str, ns: &str, depends_on: Option<&str>) -> String {
    let deps = depends_on
        .map(|d| format!("  dependsOn:\n  - name: {d}\n"))
        .unwrap_or_default();
    format!(
        "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: {name}\n  namespace: {ns}\n\
         spec:\n  interval: 10m\n  path: ./{name}\n  prune: true\n  targetNamespace: {ns}\n{deps}  sourceRef:\n    kind: GitRepository\n    name: repo\n"
    )
}

/// `--recursive`: the Kustomizations a reconcile applies are reconciled in turn, in
/// dependsOn order; a reconcile that applies an old revision while this machine already has
/// a newer commit says so.
#[tokio::test]
async fn recursive_reconcile_converges_the_tree() {
    let f = Fleet::new(
        "oneshot-tree",
        &[
            ("infra/cm.yaml", config_map_yaml("infra", "1")),
            ("apps/cm.yaml", config_map_yaml("app", "1")),
        ],
    )
    .await;
    let n = f.n().to_string();
    // Written after the namespace is known: the root applies `apps` first, which depends on
    // `infra`.
    f.repo
        .write("root/apps.yaml", &nested_ks("apps", &n, Some("infra")));
    f.repo.write("root/infra.yaml", &nested_ks("infra", &n, None));
    let c1 = f.repo.commit("the tree");
    f.flux(&["reconcile", "source", "git", "repo", "-n", &n])
        .success();
    let c = client().await;
    create(
        &c,
        &n,
        &ks_resource(),
        kustomization("root", "repo", json!({"path": "./root"})),
    )
    .await;

    let r = f.flux(&["reconcile", "ks", "root", "--recursive", "-n", &n]);
    r.success();
    let infra = format!("► reconciling nested Kustomization/{n}/infra");
    let apps = format!("► reconciling nested Kustomization/{n}/apps");
    let pos = |l: &str| r.stderr.lines().position(|x| x == l);
    assert!(
        pos(&infra).is_some() && pos(&infra) < pos(&apps),
        "infra first, then apps:\n{}",
        r.stderr
    );
    assert_line(
        &r.stderr,
        &format!("✔ reconciled 2 nested Kustomization(s): Kustomization/{n}/infra, Kustomization/{n}/apps"),
    );
    let cms: Api<ConfigMap> = Api::namespaced(c.clone(), &n);
    assert_eq!(cms.get("app").await.unwrap().data.unwrap()["value"], "1");
    assert_eq!(cms.get("infra").await.unwrap().data.unwrap()["value"], "1");

    // A new commit, not fetched: the old revision is applied, and the newer commit on this
    // machine is pointed out.
    f.repo.write("apps/cm.yaml", &config_map_yaml("app", "2"));
    let c2 = f.repo.commit("second");
    let r = f.flux(&["reconcile", "ks", "apps", "-n", &n]);
    r.success();
    assert_line(
        &r.stderr,
        &format!(
            "⚠️ applied revision main@sha1:{c1} of GitRepository {n}/repo, but this machine already has a newer commit {} of its branch: run with --with-source to fetch and apply it",
            &c2[..12]
        ),
    );

    // --with-source --recursive: the whole tree converges on the new commit.
    let r = f.flux(&[
        "reconcile",
        "ks",
        "root",
        "--with-source",
        "--recursive",
        "-n",
        &n,
    ]);
    r.success();
    assert_line(
        &r.stderr,
        &format!("✔ Kustomization/{n}/apps: applied revision main@sha1:{c2}"),
    );
    assert_eq!(cms.get("app").await.unwrap().data.unwrap()["value"], "2");
    assert!(!r.stderr.contains("newer commit"), "{}", r.stderr);
}

/// Resuming several Kustomizations with no controller reconciles them in dependsOn order,
/// whatever order they are named in.
#[tokio::test]
async fn resume_without_a_controller_follows_depends_on() {
    let f = Fleet::new(
        "oneshot-resdeps",
        &[
            ("infra/cm.yaml", config_map_yaml("infra", "1")),
            ("apps/cm.yaml", config_map_yaml("app", "1")),
        ],
    )
    .await;
    let n = f.n().to_string();
    for (name, deps) in [("infra", None), ("apps", Some("infra"))] {
        let path = format!("./{name}");
        let mut args = vec![
            "create",
            "ks",
            name,
            "--source",
            "repo",
            "--path",
            &path,
            "--prune",
            "--target-namespace",
            &n,
            "-n",
            &n,
        ];
        if let Some(d) = deps {
            args.extend(["--depends-on", d]);
        }
        f.flux(&args).success();
    }
    f.flux(&["suspend", "ks", "apps", "infra", "-n", &n]).success();
    let r = f.flux(&[
        "resume",
        "ks",
        "apps",
        "infra",
        "--wait",
        "-n",
        &n,
        "--timeout",
        "60s",
    ]);
    r.success();
    let pos = |l: &str| r.stderr.lines().position(|x| x == l);
    let infra = pos(&format!("► reconciling Kustomization infra in {n} namespace"));
    let apps = pos(&format!("► reconciling Kustomization apps in {n} namespace"));
    assert!(infra.is_some() && infra < apps, "infra first:\n{}", r.stderr);
    assert_line(&r.stderr, "✔ Kustomization apps reconciliation completed");
}
