//! The reconcile engine (`flux_rs::engine`) against the real API server, and the CLI's
//! `reconcile kustomization` and `create kustomization`: first apply, no-op reconcile (no
//! write, no resourceVersion moved), changes, drift by another manager, prune, build and
//! validation failures that change nothing, a CRD with its custom resources, dependsOn,
//! impersonation held to real RBAC, health checks, suspension, status and events as
//! kustomize-controller writes them, and the controller protocol (annotate, wait) with the
//! engine plugged into the controller runtime.
//!
//! GitRepositories get their status through the status subresource, as source-controller
//! writes it; the files of each revision come from [`DirectorySource`], the test seam that
//! stands in for the source engine.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use flux_rs::api::{GitRepository, Kustomization};
use flux_rs::apply::Action;
use flux_rs::controller::{self, Listeners, Options, Reconcilers, Shutdown};
use flux_rs::engine::{self, Engine, EngineOptions, Report, SourceError, SourceProvider};
use flux_rs::reconcile::{Outcome, Request};
use flux_rs::source::storage::Storage;
use futures::future::BoxFuture;
use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::{ConfigMap, Event, Namespace};
use k8s_openapi::apiextensions_apiserver::pkg::apis::apiextensions::v1::CustomResourceDefinition;
use kube::api::{Api, DeleteParams, ListParams, Patch, PatchParams, PostParams};
use kube::{Client, ResourceExt};
use serde_json::{Value, json};

use crate::day2::golden;
use crate::harness::{
    TestNamespace, client, client_for, flux, flux_async, flux_bare, flux_global, global_kubeconfig,
    global_lock, kubeconfig, pretend_controller, random_suffix,
};
use crate::recorder::eventually;

// ---------------------------------------------------------------------------------------
// TEST SEAM: stands in for the Git source engine, in tests only.
// ---------------------------------------------------------------------------------------

/// A [`SourceProvider`] for tests: the files of each `(GitRepository, revision)` are a
/// directory the test prepared; `checkout` copies it. Asking for a revision the test did not
/// prepare is an error, so the engine is proven to ask for exactly the revision recorded in
/// the GitRepository's status.
#[derive(Default)]
pub struct DirectorySource {
    trees: Mutex<HashMap<(String, String, String), PathBuf>>,
    asked: Mutex<Vec<String>>,
}

impl DirectorySource {
    /// Serves `dir` as `revision` of GitRepository `namespace/name`.
    pub fn add(&self, namespace: &str, name: &str, revision: &str, dir: &Path) {
        self.trees.lock().unwrap().insert(
            (namespace.into(), name.into(), revision.into()),
            dir.to_path_buf(),
        );
    }

    /// The revisions asked for so far.
    pub fn asked(&self) -> Vec<String> {
        self.asked.lock().unwrap().clone()
    }
}

fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            std::fs::create_dir_all(&target)?;
            copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

impl SourceProvider for DirectorySource {
    fn checkout<'a>(
        &'a self,
        repository: &'a flux_rs::engine::Source,
        revision: &'a str,
        dest: &'a Path,
    ) -> BoxFuture<'a, Result<(), SourceError>> {
        Box::pin(async move {
            let flux_rs::engine::Source::Git(repository) = repository else {
                return Err(SourceError::Unsupported {
                    kind: "OCIRepository",
                });
            };
            self.asked.lock().unwrap().push(revision.to_string());
            let key = (
                repository.namespace().unwrap_or_default(),
                repository.name_any(),
                revision.to_string(),
            );
            let dir = self.trees.lock().unwrap().get(&key).cloned();
            let dir = dir.ok_or_else(|| SourceError::NotInStorage {
                revision: revision.to_string(),
            })?;
            copy_tree(&dir, dest).map_err(|source| SourceError::Io {
                path: dir.clone(),
                source,
            })
        })
    }
}

// ---------------------------------------------------------------------------------------
// Fixture
// ---------------------------------------------------------------------------------------

/// A revision string as source-controller writes it for a branch.
pub(crate) fn rev(n: u32) -> String {
    format!("main@sha1:{n:040x}")
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// A directory with `files` (relative path → content).
fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, content) in files {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, content).unwrap();
    }
    dir
}

pub(crate) fn engine_options() -> EngineOptions {
    EngineOptions {
        health_interval: Duration::from_millis(200),
        poll_interval: Duration::from_millis(100),
        dependency_requeue: Duration::from_secs(1),
        ..EngineOptions::default()
    }
}

async fn config_for(path: &Path) -> kube::Config {
    let kc = kube::config::Kubeconfig::read_from(path).unwrap();
    kube::Config::from_custom_kubeconfig(kc, &kube::config::KubeConfigOptions::default())
        .await
        .unwrap()
}

/// Records `revision` as the artifact of GitRepository `namespace/repo`, as source-controller
/// writes it through the status subresource.
async fn write_artifact(client: &Client, namespace: &str, repo: &str, revision: &str) {
    let path = format!("gitrepository/{namespace}/{repo}/{}.tar.gz", &revision[10..22]);
    let msg = format!("stored artifact for revision '{revision}'");
    let status = json!({"status": {
        "observedGeneration": 1,
        "artifact": {"path": path, "url": format!("http://source-controller.flux-system.svc.cluster.local./{path}"),
            "revision": revision, "digest": "sha256:0f2e8a91b1a5c9b2e9d0c7f9a3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2",
            "lastUpdateTime": now(), "size": 1024},
        "conditions": [
            {"type": "Ready", "status": "True", "reason": "Succeeded", "message": msg, "lastTransitionTime": now(), "observedGeneration": 1},
            {"type": "ArtifactInStorage", "status": "True", "reason": "Succeeded", "message": msg, "lastTransitionTime": now(), "observedGeneration": 1}],
    }});
    let params = PatchParams {
        field_manager: Some("source-controller".into()),
        ..Default::default()
    };
    Api::<GitRepository>::namespaced(client.clone(), namespace)
        .patch_status(repo, &params, &Patch::Merge(&status))
        .await
        .unwrap();
}

pub(crate) struct Fixture {
    pub(crate) ns: String,
    pub(crate) client: Client,
    source: Arc<DirectorySource>,
    engine: Engine,
    trees: Vec<tempfile::TempDir>,
}

impl Fixture {
    async fn new(ns: &str, kubeconfig: &Path) -> Fixture {
        let config = config_for(kubeconfig).await;
        let client = Client::try_from(config.clone()).unwrap();
        let source = Arc::new(DirectorySource::default());
        let engine = Engine::new(client.clone(), config, source.clone()).with_options(engine_options());
        Fixture {
            ns: ns.to_string(),
            client,
            source,
            engine,
            trees: Vec::new(),
        }
    }

    /// This fixture with its engine working with `options`.
    pub(crate) fn with_engine_options(self, options: EngineOptions) -> Fixture {
        Fixture {
            engine: self.engine.with_options(options),
            ..self
        }
    }

    pub(crate) async fn shared(ns: &TestNamespace) -> Fixture {
        client().await;
        Fixture::new(&ns.name, &kubeconfig()).await
    }

    fn repos(&self) -> Api<GitRepository> {
        Api::namespaced(self.client.clone(), &self.ns)
    }

    fn kss(&self) -> Api<Kustomization> {
        Api::namespaced(self.client.clone(), &self.ns)
    }

    fn config_maps(&self, ns: &str) -> Api<ConfigMap> {
        Api::namespaced(self.client.clone(), ns)
    }

    /// Prepares the files of `revision` and records it as the GitRepository's artifact, as
    /// source-controller would (creating the GitRepository the first time).
    pub(crate) async fn publish(&mut self, repo: &str, revision: &str, files: &[(&str, &str)]) {
        let dir = tree(files);
        self.source.add(&self.ns, repo, revision, dir.path());
        self.trees.push(dir);
        if self.repos().get_opt(repo).await.unwrap().is_none() {
            let r: GitRepository = serde_json::from_value(json!({
                "apiVersion": "source.toolkit.fluxcd.io/v1", "kind": "GitRepository",
                "metadata": {"name": repo, "namespace": self.ns},
                "spec": {"interval": "1h", "url": format!("https://git.example.com/{repo}"), "ref": {"branch": "main"}},
            }))
            .unwrap();
            self.repos().create(&PostParams::default(), &r).await.unwrap();
        }
        self.set_artifact(repo, revision).await;
    }

    async fn set_artifact(&self, repo: &str, revision: &str) {
        write_artifact(&self.client, &self.ns, repo, revision).await;
    }

    pub(crate) async fn create_ks(&self, name: &str, spec: Value) {
        let mut v = json!({
            "apiVersion": "kustomize.toolkit.fluxcd.io/v1", "kind": "Kustomization",
            "metadata": {"name": name, "namespace": self.ns},
            "spec": {"interval": "1h", "prune": true, "path": "./deploy",
                     "sourceRef": {"kind": "GitRepository", "name": "repo"}},
        });
        for (k, val) in spec.as_object().unwrap() {
            v["spec"][k] = val.clone();
        }
        let ks: Kustomization = serde_json::from_value(v).unwrap();
        self.kss().create(&PostParams::default(), &ks).await.unwrap();
    }

    pub(crate) async fn ks(&self, name: &str) -> Kustomization {
        self.kss().get(name).await.unwrap()
    }

    pub(crate) async fn reconcile(&self, name: &str) -> Report {
        let ks = self.ks(name).await;
        self.engine.reconcile(&ks, &Request::default()).await
    }

    pub(crate) async fn events(&self, name: &str) -> Vec<Event> {
        let api: Api<Event> = Api::namespaced(self.client.clone(), &self.ns);
        let lp = ListParams::default().fields(&format!("involvedObject.name={name}"));
        api.list(&lp).await.unwrap().items
    }
}

pub(crate) fn ready(ks: &Kustomization) -> (String, String, String) {
    let c = ks.conditions().iter().find(|c| c.type_ == "Ready").unwrap();
    (c.status.clone(), c.reason.clone(), c.message.clone())
}

fn condition<'a>(ks: &'a Kustomization, type_: &str) -> Option<&'a flux_rs::api::meta::Condition> {
    ks.conditions().iter().find(|c| c.type_ == type_)
}

fn inventory_ids(ks: &Kustomization) -> Vec<String> {
    ks.status
        .as_ref()
        .and_then(|s| s.inventory.as_ref())
        .map(|i| i.entries.iter().map(|e| e.id.clone()).collect())
        .unwrap_or_default()
}

fn actions(r: &Report) -> Vec<String> {
    r.changes.entries.iter().map(ToString::to_string).collect()
}

fn reason_of(outcome: &Outcome) -> &str {
    match outcome {
        Outcome::Failed { reason, .. } | Outcome::Stalled { reason, .. } => reason,
        Outcome::Succeeded => "Succeeded",
        Outcome::Retry { .. } => "Retry",
    }
}

fn message_of(outcome: &Outcome) -> &str {
    match outcome {
        Outcome::Failed { message, .. }
        | Outcome::Stalled { message, .. }
        | Outcome::Retry { message, .. } => message,
        Outcome::Succeeded => "",
    }
}

const CONFIG: &str = "apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
data:
  mode: MODE
";

const SERVICE: &str = "apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 8080
    protocol: TCP
";

const DEPLOYMENT: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: main
        image: nginx:1.25.0
        ports:
        - containerPort: 8080
          protocol: TCP
";

fn app(mode: &str) -> Vec<(&'static str, String)> {
    vec![
        ("deploy/config.yaml", CONFIG.replace("MODE", mode)),
        ("deploy/service.yaml", SERVICE.to_string()),
        ("deploy/deployment.yaml", DEPLOYMENT.to_string()),
    ]
}

fn files<'a>(v: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    v.iter().map(|(p, c)| (*p, c.as_str())).collect()
}

async fn resource_versions(f: &Fixture) -> Vec<String> {
    let cm = f.config_maps(&f.ns).get("web-config").await.unwrap();
    let svc: Api<k8s_openapi::api::core::v1::Service> = Api::namespaced(f.client.clone(), &f.ns);
    let dep: Api<Deployment> = Api::namespaced(f.client.clone(), &f.ns);
    vec![
        cm.resource_version().unwrap(),
        svc.get("web").await.unwrap().resource_version().unwrap(),
        dep.get("web").await.unwrap().resource_version().unwrap(),
    ]
}

// ---------------------------------------------------------------------------------------
// Engine tests
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn first_apply_then_no_op_then_change_then_drift() {
    let ns = TestNamespace::new("rec-basic").await;
    let mut f = Fixture::shared(&ns).await;
    let n = ns.name.clone();
    let app1 = app("one");
    f.publish("repo", &rev(1), &files(&app1)).await;
    f.create_ks("app", json!({"targetNamespace": n})).await;
    f.kss()
        .patch(
            "app",
            &PatchParams::default(),
            &Patch::Merge(json!({"metadata": {"annotations": {"reconcile.fluxcd.io/requestedAt": "2025-01-01T00:00:00.1Z"}}})),
        )
        .await
        .unwrap();

    // First apply: everything created, status as kustomize-controller writes it.
    let r = f.reconcile("app").await;
    assert_eq!(r.outcome, Outcome::Succeeded, "{:?}", r.outcome);
    assert_eq!(
        actions(&r),
        [
            format!("ConfigMap/{n}/web-config created"),
            format!("Service/{n}/web created"),
            format!("Deployment/{n}/web created"),
        ]
    );
    assert_eq!(r.revision.as_deref(), Some(rev(1).as_str()));
    assert_eq!(f.source.asked(), [rev(1)]);
    let ks = f.ks("app").await;
    let st = ks.status.clone().unwrap();
    assert_eq!(
        ready(&ks),
        (
            "True".into(),
            "ReconciliationSucceeded".into(),
            format!("Applied revision: {}", rev(1))
        )
    );
    assert!(condition(&ks, "Reconciling").is_none());
    assert!(
        condition(&ks, "Healthy").is_none(),
        "no health checks, no Healthy condition"
    );
    assert_eq!(st.last_applied_revision, Some(rev(1)));
    assert_eq!(st.last_attempted_revision, Some(rev(1)));
    assert_eq!(st.observed_generation, Some(1));
    assert_eq!(
        st.last_handled_reconcile_at.as_deref(),
        Some("2025-01-01T00:00:00.1Z")
    );
    assert_eq!(
        inventory_ids(&ks),
        [
            format!("{n}_web-config__ConfigMap"),
            format!("{n}_web__Service"),
            format!("{n}_web_apps_Deployment"),
        ]
    );
    assert!(st.inventory.as_ref().unwrap().entries.iter().all(|e| e.v == "v1"));
    let history = st.history.clone().unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].total_reconciliations, 1);
    assert_eq!(history[0].last_reconciled_status, "ReconciliationSucceeded");
    assert!(history[0].digest.starts_with("sha256:"));
    assert!(
        ks.finalizers().is_empty(),
        "a one-shot reconcile adds no finalizer"
    );
    let cm = f.config_maps(&n).get("web-config").await.unwrap();
    assert_eq!(cm.labels()["kustomize.toolkit.fluxcd.io/name"], "app");
    assert_eq!(cm.labels()["kustomize.toolkit.fluxcd.io/namespace"], n);
    let managers: Vec<String> = cm
        .managed_fields()
        .iter()
        .filter_map(|m| m.manager.clone())
        .collect();
    assert_eq!(managers, ["kustomize-controller"]);

    // Events as kustomize-controller emits them.
    let events = f.events("app").await;
    let progressing = events
        .iter()
        .find(|e| e.reason.as_deref() == Some("Progressing"))
        .expect("a change-set event");
    assert_eq!(progressing.type_.as_deref(), Some("Normal"));
    assert_eq!(
        progressing.message.as_deref().unwrap(),
        format!("ConfigMap/{n}/web-config created\nService/{n}/web created\nDeployment/{n}/web created")
    );
    assert_eq!(
        progressing.source.as_ref().unwrap().component.as_deref(),
        Some("kustomize-controller")
    );
    assert_eq!(
        progressing.metadata.annotations.as_ref().unwrap()["kustomize.toolkit.fluxcd.io/revision"],
        rev(1)
    );
    let done = events
        .iter()
        .find(|e| e.reason.as_deref() == Some("ReconciliationSucceeded"))
        .expect("a success event");
    let msg = done.message.clone().unwrap();
    assert!(
        msg.starts_with("Reconciliation finished in ") && msg.ends_with(", next run in 1h0m0s"),
        "{msg}"
    );
    assert_eq!(done.involved_object.kind.as_deref(), Some("Kustomization"));

    // Second reconcile: all unchanged, no write, no resourceVersion moved.
    let before = resource_versions(&f).await;
    let r = f.reconcile("app").await;
    assert_eq!(r.outcome, Outcome::Succeeded);
    assert_eq!(r.changes.count(Action::Unchanged), 3, "{:?}", actions(&r));
    assert_eq!(r.requests.dry_runs, 0, "{:?}", r.requests);
    assert_eq!(r.requests.writes, 0, "{:?}", r.requests);
    assert_eq!(
        (r.requests.lists, r.requests.gets),
        (3, 0),
        "the live copies were read once per kind, ahead of the plan: {:?}",
        r.requests
    );
    assert_eq!(resource_versions(&f).await, before);
    let ks = f.ks("app").await;
    assert_eq!(
        ks.status.as_ref().unwrap().history.as_ref().unwrap()[0].total_reconciliations,
        2
    );
    assert_eq!(
        f.events("app")
            .await
            .iter()
            .filter(|e| e.reason.as_deref() == Some("Progressing"))
            .count(),
        1,
        "no change-set event without changes"
    );

    // A new revision changing one field: only that object is configured.
    let app2 = app("two");
    f.publish("repo", &rev(2), &files(&app2)).await;
    let r = f.reconcile("app").await;
    assert_eq!(r.outcome, Outcome::Succeeded);
    assert_eq!(
        actions(&r),
        [
            format!("ConfigMap/{n}/web-config configured"),
            format!("Service/{n}/web unchanged"),
            format!("Deployment/{n}/web unchanged"),
        ]
    );
    let cm = f.config_maps(&n).get("web-config").await.unwrap();
    assert_eq!(cm.data.unwrap()["mode"], "two");
    let ks = f.ks("app").await;
    assert_eq!(ks.status.as_ref().unwrap().last_applied_revision, Some(rev(2)));
    assert_eq!(ks.status.as_ref().unwrap().history.as_ref().unwrap().len(), 2);

    // Drift: another manager edits a managed field; the next reconcile corrects it.
    let deps: Api<Deployment> = Api::namespaced(f.client.clone(), &n);
    let edit = PatchParams {
        field_manager: Some("kubectl-edit".into()),
        ..Default::default()
    };
    deps.patch("web", &edit, &Patch::Merge(json!({"spec": {"replicas": 5}})))
        .await
        .unwrap();
    let r = f.reconcile("app").await;
    assert_eq!(r.outcome, Outcome::Succeeded);
    assert_eq!(
        actions(&r),
        [
            format!("ConfigMap/{n}/web-config unchanged"),
            format!("Service/{n}/web unchanged"),
            format!("Deployment/{n}/web configured"),
        ]
    );
    let dep = deps.get("web").await.unwrap();
    assert_eq!(dep.spec.unwrap().replicas, Some(2), "drift corrected");
}

#[tokio::test]
async fn removed_objects_are_pruned_and_a_failed_build_prunes_nothing() {
    let ns = TestNamespace::new("rec-prune").await;
    let mut f = Fixture::shared(&ns).await;
    let n = ns.name.clone();
    let cm = |name: &str, extra: &str| {
        format!(
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n  namespace: {n}\n{extra}data:\n  k: v\n"
        )
    };
    let (a, b) = (cm("a", ""), cm("b", ""));
    let c = cm(
        "c",
        "  annotations:\n    kustomize.toolkit.fluxcd.io/prune: disabled\n",
    );
    f.publish(
        "repo",
        &rev(1),
        &[
            ("deploy/a.yaml", &a),
            ("deploy/b.yaml", &b),
            ("deploy/c.yaml", &c),
        ],
    )
    .await;
    f.create_ks("app", json!({})).await;
    let r = f.reconcile("app").await;
    assert_eq!(r.outcome, Outcome::Succeeded);
    assert_eq!(r.changes.count(Action::Created), 3);

    // b and c removed from the source: b is deleted, c (prune: disabled) is left alone.
    f.publish("repo", &rev(2), &[("deploy/a.yaml", &a)]).await;
    let r = f.reconcile("app").await;
    assert_eq!(r.outcome, Outcome::Succeeded, "{:?}", r.outcome);
    assert_eq!(
        actions(&r),
        [
            format!("ConfigMap/{n}/a unchanged"),
            format!("ConfigMap/{n}/c skipped"),
            format!("ConfigMap/{n}/b deleted"),
        ]
    );
    let cms = f.config_maps(&n);
    assert!(cms.get_opt("b").await.unwrap().is_none());
    assert!(cms.get_opt("c").await.unwrap().is_some());
    assert_eq!(inventory_ids(&f.ks("app").await), [format!("{n}_a__ConfigMap")]);
    let pruned = f.events("app").await;
    assert!(
        pruned
            .iter()
            .any(|e| e.message.as_deref() == Some(&format!("ConfigMap/{n}/b deleted"))),
        "a prune event"
    );

    // A broken build (a missing resource) with `a` gone from the source: nothing is applied
    // or pruned, the last applied revision stays, Ready=False/BuildFailed.
    f.publish(
        "repo",
        &rev(3),
        &[(
            "deploy/kustomization.yaml",
            "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- missing.yaml\n",
        )],
    )
    .await;
    let r = f.reconcile("app").await;
    assert_eq!(reason_of(&r.outcome), "BuildFailed", "{:?}", r.outcome);
    assert!(matches!(r.outcome, Outcome::Failed { .. }));
    assert!(r.changes.entries.is_empty());
    assert!(cms.get_opt("a").await.unwrap().is_some(), "nothing pruned");
    let ks = f.ks("app").await;
    let (status, reason, message) = ready(&ks);
    assert_eq!((status.as_str(), reason.as_str()), ("False", "BuildFailed"));
    assert!(
        message.starts_with("kustomize build failed: ") && message.contains("missing.yaml"),
        "{message}"
    );
    let st = ks.status.unwrap();
    assert_eq!(st.last_applied_revision, Some(rev(2)));
    assert_eq!(st.last_attempted_revision, Some(rev(3)));
    assert_eq!(st.inventory.unwrap().entries.len(), 1, "the inventory is kept");
    let warnings: Vec<Event> = f
        .events("app")
        .await
        .into_iter()
        .filter(|e| e.type_.as_deref() == Some("Warning"))
        .collect();
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].reason.as_deref(), Some("BuildFailed"));
    assert_eq!(warnings[0].message.as_deref(), Some(message.as_str()));

    // Fixed again: the next revision applies and prunes normally.
    f.publish("repo", &rev(4), &[("deploy/b.yaml", &b)]).await;
    let r = f.reconcile("app").await;
    assert_eq!(r.outcome, Outcome::Succeeded);
    assert!(cms.get_opt("a").await.unwrap().is_none());
}

#[tokio::test]
async fn an_emptied_kustomization_fails_and_nothing_is_pruned() {
    // A commit that empties kustomization.yaml (0 bytes) or leaves only comments in it must
    // not become an empty desired state: the build fails as kubectl's does, Ready=False names
    // the file, and the objects, their Namespace included, stay.
    let ns = TestNamespace::new("rec-empty").await;
    let mut f = Fixture::shared(&ns).await;
    let n = ns.name.clone();
    let app_ns = format!("{n}-app");
    let namespace = format!("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {app_ns}\n");
    let config = format!(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: {app_ns}\ndata:\n  k: v\n"
    );
    let kustomization = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- namespace.yaml\n- config.yaml\n";
    f.publish(
        "repo",
        &rev(1),
        &[
            ("deploy/kustomization.yaml", kustomization),
            ("deploy/namespace.yaml", &namespace),
            ("deploy/config.yaml", &config),
        ],
    )
    .await;
    f.create_ks("app", json!({})).await;
    let r = f.reconcile("app").await;
    assert_eq!(r.outcome, Outcome::Succeeded, "{:?}", r.outcome);
    assert_eq!(r.changes.count(Action::Created), 2);
    let namespaces: Api<Namespace> = Api::all(f.client.clone());

    for (n_rev, content) in [
        (2, ""),
        (3, "# resources:\n# - namespace.yaml\n# - config.yaml\n"),
    ] {
        f.publish(
            "repo",
            &rev(n_rev),
            &[
                ("deploy/kustomization.yaml", content),
                ("deploy/namespace.yaml", &namespace),
                ("deploy/config.yaml", &config),
            ],
        )
        .await;
        let r = f.reconcile("app").await;
        assert_eq!(reason_of(&r.outcome), "BuildFailed", "{:?}", r.outcome);
        assert!(r.changes.entries.is_empty(), "nothing applied or pruned");
        let ks = f.ks("app").await;
        let (status, reason, message) = ready(&ks);
        assert_eq!((status.as_str(), reason.as_str()), ("False", "BuildFailed"));
        assert!(
            message.contains("deploy/kustomization.yaml") && message.contains("kustomization.yaml is empty"),
            "{message}"
        );
        let st = ks.status.unwrap();
        assert_eq!(st.last_applied_revision, Some(rev(1)));
        assert_eq!(st.inventory.unwrap().entries.len(), 2, "the inventory is kept");
        let live_ns = namespaces.get(&app_ns).await.unwrap();
        assert!(
            live_ns.metadata.deletion_timestamp.is_none(),
            "the Namespace survives"
        );
        assert!(
            f.config_maps(&app_ns)
                .get_opt("settings")
                .await
                .unwrap()
                .is_some()
        );
    }

    // Cleanup: the Namespace is not in the test namespace, so delete it here.
    namespaces
        .delete(&app_ns, &DeleteParams::default())
        .await
        .unwrap();
}

#[tokio::test]
async fn one_invalid_object_among_many_means_nothing_is_applied() {
    let ns = TestNamespace::new("rec-invalid").await;
    let mut f = Fixture::shared(&ns).await;
    let n = ns.name.clone();
    let mut owned: Vec<(String, String)> = (0..6)
        .map(|i| {
            (
                format!("deploy/cm{i}.yaml"),
                format!("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm{i}\ndata:\n  k: v\n"),
            )
        })
        .collect();
    owned.push((
        "deploy/svc.yaml".into(),
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: bad\nspec:\n  ports:\n  - port: 70000\n    protocol: TCP\n".into(),
    ));
    let refs: Vec<(&str, &str)> = owned.iter().map(|(p, c)| (p.as_str(), c.as_str())).collect();
    f.publish("repo", &rev(1), &refs).await;
    f.create_ks("app", json!({"targetNamespace": n})).await;
    let r = f.reconcile("app").await;
    assert_eq!(reason_of(&r.outcome), "ReconciliationFailed", "{:?}", r.outcome);
    let msg = message_of(&r.outcome).to_string();
    assert!(
        msg.starts_with("validation failed, nothing was applied: ")
            && msg.contains(&format!("Service/{n}/bad: "))
            && msg.contains("70000"),
        "{msg}"
    );
    let cms = f.config_maps(&n).list(&ListParams::default()).await.unwrap();
    assert!(
        cms.items.iter().all(|c| !c.name_any().starts_with("cm")),
        "nothing applied"
    );
    let ks = f.ks("app").await;
    assert_eq!(ready(&ks).1, "ReconciliationFailed");
    assert!(inventory_ids(&ks).is_empty());
    let st = ks.status.unwrap();
    assert_eq!(st.last_applied_revision, None);
    assert_eq!(st.last_attempted_revision, Some(rev(1)));
    assert_eq!(
        st.history.unwrap()[0].last_reconciled_status,
        "ReconciliationFailed"
    );
}

// A std mutex on purpose: each #[tokio::test] has its own runtime, so only a process-wide
// lock serializes them; holding it across awaits is the point.
#[allow(clippy::await_holding_lock)]
#[tokio::test]
async fn a_crd_and_its_custom_resources_in_one_set() {
    let _lock = global_lock();
    flux_global(&["install"]).success();
    let admin = client_for(&global_kubeconfig()).await;
    let suffix = random_suffix();
    let ns = format!("rec-crd-{suffix}");
    let group = format!("rec{suffix}.example.com");
    let nss: Api<Namespace> = Api::all(admin.clone());
    nss.create(
        &PostParams::default(),
        &serde_json::from_value(json!({"metadata": {"name": ns}})).unwrap(),
    )
    .await
    .unwrap();
    let mut f = Fixture::new(&ns, &global_kubeconfig()).await;
    let crd = format!(
        "apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.{group}
spec:
  group: {group}
  names: {{kind: Widget, listKind: WidgetList, plural: widgets, singular: widget}}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              size: {{type: integer}}
"
    );
    let widget = |name: &str| {
        format!(
            "apiVersion: {group}/v1\nkind: Widget\nmetadata:\n  name: {name}\n  namespace: {ns}\nspec:\n  size: 3\n"
        )
    };
    let (w1, w2) = (widget("one"), widget("two"));
    f.publish(
        "repo",
        &rev(1),
        &[
            ("deploy/crd.yaml", &crd),
            ("deploy/w1.yaml", &w1),
            ("deploy/w2.yaml", &w2),
        ],
    )
    .await;
    f.create_ks("app", json!({})).await;
    let r = f.reconcile("app").await;
    assert_eq!(r.outcome, Outcome::Succeeded, "{:?}", r.outcome);
    assert_eq!(
        actions(&r),
        [
            format!("CustomResourceDefinition/widgets.{group} created"),
            format!("Widget/{ns}/one created"),
            format!("Widget/{ns}/two created"),
        ]
    );
    assert_eq!(
        inventory_ids(&f.ks("app").await),
        [
            format!("_widgets.{group}_apiextensions.k8s.io_CustomResourceDefinition"),
            format!("{ns}_one_{group}_Widget"),
            format!("{ns}_two_{group}_Widget"),
        ]
    );
    let r = f.reconcile("app").await;
    assert_eq!(r.changes.count(Action::Unchanged), 3);
    assert_eq!(r.requests.dry_runs, 0);

    // Clean up the cluster-wide state.
    f.publish("repo", &rev(2), &[("deploy/empty.yaml", "")]).await;
    let r = f.reconcile("app").await;
    assert_eq!(r.outcome, Outcome::Succeeded, "{:?}", r.outcome);
    assert_eq!(r.changes.count(Action::Deleted), 3, "{:?}", actions(&r));
    let crds: Api<CustomResourceDefinition> = Api::all(admin.clone());
    eventually(Duration::from_secs(30), "the CRD is gone", || async {
        crds.get_opt(&format!("widgets.{group}"))
            .await
            .unwrap()
            .is_none()
            .then_some(())
    })
    .await;
    nss.delete(&ns, &DeleteParams::default()).await.unwrap();
}

#[tokio::test]
async fn depends_on_waits_for_the_dependency_at_the_same_revision() {
    let ns = TestNamespace::new("rec-deps").await;
    let mut f = Fixture::shared(&ns).await;
    let n = ns.name.clone();
    let infra = format!(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: infra\n  namespace: {n}\ndata:\n  k: v\n"
    );
    let apps = format!(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: apps\n  namespace: {n}\ndata:\n  k: v\n"
    );
    f.publish(
        "repo",
        &rev(1),
        &[("infra/cm.yaml", &infra), ("apps/cm.yaml", &apps)],
    )
    .await;
    f.create_ks("infra", json!({"path": "./infra"})).await;
    f.create_ks(
        "apps",
        json!({"path": "./apps", "dependsOn": [{"name": "infra"}]}),
    )
    .await;

    // The dependency has not been reconciled: apps waits, applies nothing.
    let r = f.reconcile("apps").await;
    assert_eq!(
        r.outcome,
        Outcome::Retry {
            after: Duration::from_secs(1),
            message: format!("dependency '{n}/infra' is not ready"),
        }
    );
    assert!(f.config_maps(&n).get_opt("apps").await.unwrap().is_none());
    let ks = f.ks("apps").await;
    assert_eq!(
        ready(&ks),
        (
            "False".into(),
            "DependencyNotReady".into(),
            format!("dependency '{n}/infra' is not ready")
        )
    );
    let ev = f.events("apps").await;
    assert!(
        ev.iter()
            .any(|e| e.reason.as_deref() == Some("DependencyNotReady")
                && e.type_.as_deref() == Some("Normal")
                && e.message.as_deref() == Some("Dependencies do not meet ready condition, retrying in 1s")),
        "{ev:?}"
    );

    assert_eq!(f.reconcile("infra").await.outcome, Outcome::Succeeded);
    let r = f.reconcile("apps").await;
    assert_eq!(r.outcome, Outcome::Succeeded, "{:?}", r.outcome);
    assert!(f.config_maps(&n).get_opt("apps").await.unwrap().is_some());

    // A new revision of the shared source: apps waits until infra applied it.
    f.publish(
        "repo",
        &rev(2),
        &[("infra/cm.yaml", &infra), ("apps/cm.yaml", &apps)],
    )
    .await;
    let r = f.reconcile("apps").await;
    assert!(
        message_of(&r.outcome).contains(&format!(
            "has not applied revision {} of the shared source",
            rev(2)
        )),
        "{:?}",
        r.outcome
    );
    assert_eq!(f.reconcile("infra").await.outcome, Outcome::Succeeded);
    assert_eq!(f.reconcile("apps").await.outcome, Outcome::Succeeded);
}

#[tokio::test]
async fn a_service_account_is_held_to_its_rbac() {
    let home = TestNamespace::new("rec-sa").await;
    let other = TestNamespace::new("rec-sa-other").await;
    let mut f = Fixture::shared(&home).await;
    let (h, o) = (home.name.clone(), other.name.clone());
    let rbac = format!(
        r"
apiVersion: v1
kind: ServiceAccount
metadata: {{name: deployer, namespace: {h}}}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {{name: deployer, namespace: {h}}}
rules:
- apiGroups: ['']
  resources: [configmaps]
  verbs: [get, list, create, patch, update, delete]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {{name: deployer, namespace: {h}}}
roleRef: {{apiGroup: rbac.authorization.k8s.io, kind: Role, name: deployer}}
subjects:
- {{kind: ServiceAccount, name: deployer, namespace: {h}}}
"
    );
    flux_rs::apply::Manager::new(
        f.client.clone(),
        flux_rs::apply::Owner {
            field_manager: "test-admin".into(),
            ..Default::default()
        },
    )
    .apply_all_staged(
        flux_rs::yaml::from_str_json(&rbac).unwrap(),
        &flux_rs::apply::ApplyOptions::default(),
    )
    .await
    .unwrap();
    let mine = format!(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: mine\n  namespace: {h}\ndata:\n  k: v\n"
    );
    let theirs = format!(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: theirs\n  namespace: {o}\ndata:\n  k: v\n"
    );
    f.publish(
        "repo",
        &rev(1),
        &[("deploy/mine.yaml", &mine), ("deploy/theirs.yaml", &theirs)],
    )
    .await;
    f.create_ks("tenant", json!({"serviceAccountName": "deployer"}))
        .await;
    let r = f.reconcile("tenant").await;
    assert_eq!(reason_of(&r.outcome), "ReconciliationFailed");
    let msg = message_of(&r.outcome).to_string();
    assert!(
        msg.starts_with(&format!(
            "validation failed, nothing was applied: ConfigMap/{o}/theirs: "
        )) && msg.contains("forbidden")
            && msg.contains(&format!("system:serviceaccount:{h}:deployer")),
        "{msg}"
    );
    assert!(!msg.contains(&format!("ConfigMap/{h}/mine")), "{msg}");
    assert!(
        f.config_maps(&h).get_opt("mine").await.unwrap().is_none(),
        "nothing applied"
    );
    assert_eq!(ready(&f.ks("tenant").await).2, msg);

    // Within its namespace the service account may apply (and prune).
    f.publish("repo", &rev(2), &[("deploy/mine.yaml", &mine)]).await;
    let r = f.reconcile("tenant").await;
    assert_eq!(r.outcome, Outcome::Succeeded, "{:?}", r.outcome);
    assert!(f.config_maps(&h).get_opt("mine").await.unwrap().is_some());

    // A service account that does not exist is named.
    f.create_ks("ghost", json!({"serviceAccountName": "nobody"}))
        .await;
    let r = f.reconcile("ghost").await;
    assert_eq!(
        message_of(&r.outcome),
        format!("the service account {h}/nobody does not exist")
    );
}

#[tokio::test]
async fn health_checks_gate_readiness_within_the_timeout() {
    let ns = TestNamespace::new("rec-health").await;
    let mut f = Fixture::shared(&ns).await;
    let n = ns.name.clone();
    let app1 = app("one");
    f.publish("repo", &rev(1), &files(&app1)).await;
    f.create_ks(
        "app",
        json!({"targetNamespace": n, "wait": true, "timeout": "2s"}),
    )
    .await;
    let r = f.reconcile("app").await;
    assert_eq!(reason_of(&r.outcome), "HealthCheckFailed", "{:?}", r.outcome);
    assert_eq!(
        message_of(&r.outcome),
        format!(
            "health check failed after 2s: Deployment/{n}/web: InProgress: Deployment status.observedGeneration not found"
        )
    );
    let ks = f.ks("app").await;
    let healthy = condition(&ks, "Healthy").unwrap();
    assert_eq!(
        (healthy.status.as_str(), healthy.reason.as_str()),
        ("False", "HealthCheckFailed")
    );
    let st = ks.status.clone().unwrap();
    assert_eq!(st.last_applied_revision, None);
    assert_eq!(
        inventory_ids(&ks).len(),
        3,
        "what was applied is in the inventory"
    );

    // The rollout completes (as the deployment controller would report it).
    let deps: Api<Deployment> = Api::namespaced(f.client.clone(), &n);
    let status = json!({"status": {"observedGeneration": 1, "replicas": 2, "updatedReplicas": 2,
        "readyReplicas": 2, "availableReplicas": 2, "conditions": [
        {"type": "Available", "status": "True", "reason": "MinimumReplicasAvailable", "message": "ok"},
        {"type": "Progressing", "status": "True", "reason": "NewReplicaSetAvailable", "message": "ok"}]}});
    deps.patch_status("web", &PatchParams::default(), &Patch::Merge(&status))
        .await
        .unwrap();
    let r = f.reconcile("app").await;
    assert_eq!(r.outcome, Outcome::Succeeded, "{:?}", r.outcome);
    let ks = f.ks("app").await;
    let healthy = condition(&ks, "Healthy").unwrap();
    assert_eq!(healthy.status, "True");
    assert!(
        healthy.message.starts_with("Health check passed in "),
        "{}",
        healthy.message
    );

    // healthChecks name objects outside the set too; a missing one is named.
    f.create_ks(
        "checks",
        json!({"path": "./none", "timeout": "1s",
               "healthChecks": [{"kind": "Deployment", "name": "absent", "namespace": n}]}),
    )
    .await;
    f.publish(
        "repo",
        &rev(2),
        &[
            ("none/empty.yaml", ""),
            ("deploy/config.yaml", &app1[0].1),
            ("deploy/service.yaml", &app1[1].1),
            ("deploy/deployment.yaml", &app1[2].1),
        ],
    )
    .await;
    let r = f.reconcile("checks").await;
    assert_eq!(
        message_of(&r.outcome),
        format!("health check failed after 1s: Deployment/{n}/absent: NotFound: the object does not exist")
    );
}

#[tokio::test]
async fn source_problems_are_artifact_failures() {
    let ns = TestNamespace::new("rec-source").await;
    let mut f = Fixture::shared(&ns).await;
    let n = ns.name.clone();
    f.create_ks("app", json!({})).await;
    let r = f.reconcile("app").await;
    assert_eq!(
        r.outcome,
        Outcome::failed(
            "ArtifactFailed",
            format!("Source 'GitRepository/{n}/repo' not found")
        )
    );
    assert_eq!(
        ready(&f.ks("app").await).1,
        "ArtifactFailed",
        "written in the status"
    );

    // A GitRepository without an artifact yet: retried later, not a failure.
    let r: GitRepository = serde_json::from_value(json!({
        "apiVersion": "source.toolkit.fluxcd.io/v1", "kind": "GitRepository",
        "metadata": {"name": "repo", "namespace": n},
        "spec": {"interval": "1h", "url": "https://git.example.com/repo"},
    }))
    .unwrap();
    f.repos().create(&PostParams::default(), &r).await.unwrap();
    let r = f.reconcile("app").await;
    assert_eq!(
        r.outcome,
        Outcome::Retry {
            after: Duration::from_secs(30),
            message: "Source artifact not found, retrying in 30s".into()
        }
    );

    // A revision the source cannot provide, and a path the revision does not have.
    f.set_artifact("repo", &rev(7)).await;
    let r = f.reconcile("app").await;
    assert_eq!(
        r.outcome,
        Outcome::failed(
            "ArtifactFailed",
            format!(
                "cannot get revision {} of GitRepository/{n}/repo: no artifact for revision {} in storage",
                rev(7),
                rev(7)
            )
        )
    );
    f.publish("repo", &rev(8), &[("other/x.yaml", "")]).await;
    let r = f.reconcile("app").await;
    assert_eq!(
        r.outcome,
        Outcome::failed(
            "ArtifactFailed",
            format!(
                "kustomization path not found: ./deploy is not a directory in revision {}",
                rev(8)
            )
        )
    );
    assert_eq!(f.source.asked(), [rev(7), rev(8)]);
}

#[tokio::test]
async fn a_suspended_kustomization_is_left_alone() {
    let ns = TestNamespace::new("rec-suspend").await;
    let mut f = Fixture::shared(&ns).await;
    let app1 = app("one");
    f.publish("repo", &rev(1), &files(&app1)).await;
    f.create_ks("app", json!({"suspend": true})).await;
    let r = f.reconcile("app").await;
    assert_eq!(
        r.outcome,
        Outcome::Stalled {
            reason: "Suspended".into(),
            message: "resource is suspended".into()
        }
    );
    assert!(r.status.is_none());
    assert!(f.ks("app").await.status.is_none(), "nothing written");
    assert!(f.source.asked().is_empty());

    let out = flux(&["reconcile", "ks", "app", "-n", &ns.name]);
    out.code(1);
    assert_eq!(out.stderr, "✗ resource is suspended\n");
}

/// SOPS decryption with cloud KMS (a decryption service account) and CEL health checks are
/// not implemented: such a Kustomization stalls with `UnsupportedFeature` and nothing is
/// applied (encrypted manifests must never reach the cluster as they are).
#[tokio::test]
async fn unsupported_spec_fields_stall_before_anything_is_applied() {
    let ns = TestNamespace::new("rec-unsupported").await;
    let mut f = Fixture::shared(&ns).await;
    let app1 = app("one");
    f.publish("repo", &rev(1), &files(&app1)).await;
    f.create_ks(
        "app",
        json!({"decryption": {"provider": "sops", "serviceAccountName": "kms-reader"}}),
    )
    .await;
    let r = f.reconcile("app").await;
    assert_eq!(
        r.outcome,
        Outcome::Stalled {
            reason: "UnsupportedFeature".into(),
            message: "not supported by flux-rs: spec.decryption.serviceAccountName (cloud KMS)".into()
        }
    );
    assert!(r.changes.entries.is_empty());
    assert!(f.source.asked().is_empty(), "the source was not even read");
    let (status, reason, message) = ready(&f.ks("app").await);
    assert_eq!(
        (status.as_str(), reason.as_str(), message.as_str()),
        (
            "False",
            "UnsupportedFeature",
            "not supported by flux-rs: spec.decryption.serviceAccountName (cloud KMS)"
        )
    );
    let cms: Api<ConfigMap> = Api::namespaced(f.client.clone(), &ns.name);
    assert!(
        cms.get_opt("web-config").await.unwrap().is_none(),
        "nothing applied"
    );
}

// ---------------------------------------------------------------------------------------
// CLI
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn a_missing_kustomization_is_one_clear_line() {
    let ns = TestNamespace::new("rec-missing").await;
    let out = flux_async(&["reconcile", "ks", "nope", "-n", &ns.name]).await;
    out.code(1);
    assert_eq!(
        out.stderr,
        format!("✗ Kustomization 'nope' not found in \"{}\" namespace\n", ns.name)
    );
}

/// The CLI's local path with the test seam as source: what `reconcile kustomization --local`
/// runs with the Git source (end to end with real repositories in `gitops.rs`).
#[tokio::test]
async fn the_local_cli_path_reconciles_with_a_source_provider() {
    use flux_rs::cli::{CliContext, GlobalArgs, Printer};
    let ns = TestNamespace::new("rec-local").await;
    let mut f = Fixture::shared(&ns).await;
    let n = ns.name.clone();
    let app1 = app("one");
    f.publish("repo", &rev(1), &files(&app1)).await;
    f.create_ks("app", json!({"targetNamespace": n})).await;
    let ctx = CliContext::new(
        GlobalArgs {
            kubeconfig: Some(kubeconfig()),
            context: None,
            namespace: n.clone(),
            timeout: Duration::from_secs(60),
            verbose: false,
        },
        Printer::new(),
    );
    let ks = f.ks("app").await;
    flux_rs::cli::reconcile_kustomization::run_local(&ctx, &ks, f.source.clone())
        .await
        .unwrap();
    assert!(f.config_maps(&n).get_opt("web-config").await.unwrap().is_some());

    f.publish(
        "repo",
        &rev(2),
        &[("deploy/kustomization.yaml", "resources: [nope.yaml]\n")],
    )
    .await;
    let ks = f.ks("app").await;
    let err = flux_rs::cli::reconcile_kustomization::run_local(&ctx, &ks, f.source.clone())
        .await
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("Kustomization reconciliation failed: kustomize build failed: "),
        "{err}"
    );
}

/// The controller in this process, with the reconcile engine plugged into its seam. Its
/// GitRepository reconciler plays source-controller: asked to reconcile a repository for
/// which the test queued a revision in `fetch`, it stores that revision as the artifact.
struct Controller {
    shutdown: Shutdown,
    task: tokio::task::JoinHandle<controller::Result<()>>,
    fetch: Arc<Mutex<HashMap<String, String>>>,
    _storage: tempfile::TempDir,
}

impl Controller {
    async fn start(ns: &str, source: Arc<DirectorySource>) -> Controller {
        let config = crate::recorder::test_config().await;
        let client = Client::try_from(config.clone()).unwrap();
        let engine =
            Arc::new(Engine::new(client.clone(), config.clone(), source).with_options(engine_options()));
        let fetch: Arc<Mutex<HashMap<String, String>>> = Arc::default();
        let (queued, git_client) = (fetch.clone(), client.clone());
        let reconcilers = Reconcilers::new(
            move |repo: Arc<GitRepository>, _req: Request| {
                let next = queued.lock().unwrap().remove(&repo.name_any());
                let client = git_client.clone();
                async move {
                    if let Some(revision) = next {
                        let ns = repo.namespace().unwrap();
                        write_artifact(&client, &ns, &repo.name_any(), &revision).await;
                    }
                    Outcome::Succeeded
                }
            },
            engine::reconciler(engine),
        );
        let storage = tempfile::tempdir().unwrap();
        let options = Options {
            watch_namespace: Some(ns.to_string()),
            storage: Storage::new(storage.path()),
            min_retry_delay: Duration::from_millis(200),
            requeue_dependency: Duration::from_secs(1),
            ..Options::default()
        };
        let shutdown = Shutdown::new();
        let task = tokio::spawn(controller::run(
            client,
            config,
            options,
            reconcilers,
            Listeners::default(),
            shutdown.clone(),
        ));
        Controller {
            shutdown,
            task,
            fetch,
            _storage: storage,
        }
    }

    async fn stop(self) {
        self.shutdown.graceful();
        tokio::time::timeout(Duration::from_secs(30), self.task)
            .await
            .expect("the controller stops")
            .unwrap()
            .unwrap();
    }
}

/// Deletes Kustomizations and GitRepositories while the controller still runs, so their
/// finalizers are removed.
async fn delete_flux_objects(f: &Fixture) {
    for ks in f.kss().list(&ListParams::default()).await.unwrap() {
        f.kss()
            .delete(&ks.name_any(), &DeleteParams::default())
            .await
            .unwrap();
    }
    for r in f.repos().list(&ListParams::default()).await.unwrap() {
        f.repos()
            .delete(&r.name_any(), &DeleteParams::default())
            .await
            .unwrap();
    }
    eventually(Duration::from_secs(30), "Flux objects deleted", || async {
        (f.kss()
            .list(&ListParams::default())
            .await
            .unwrap()
            .items
            .is_empty()
            && f.repos()
                .list(&ListParams::default())
                .await
                .unwrap()
                .items
                .is_empty())
        .then_some(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reconcile_through_the_controller_with_upstream_protocol() {
    let ns = TestNamespace::new("rec-protocol").await;
    let mut f = Fixture::shared(&ns).await;
    let n = ns.name.clone();
    let app1 = app("one");
    f.publish("repo", &rev(1), &files(&app1)).await;
    let ctl = Controller::start(&n, f.source.clone()).await;
    f.create_ks("app", json!({"targetNamespace": n})).await;
    eventually(
        Duration::from_secs(30),
        "the controller applied revision 1",
        || async {
            f.ks("app")
                .await
                .status
                .and_then(|s| s.last_applied_revision)
                .filter(|r| *r == rev(1))
        },
    )
    .await;
    assert_eq!(
        f.ks("app").await.finalizers(),
        ["finalizers.fluxcd.io"],
        "the controller adds its finalizer, not the engine"
    );

    // `reconcile --controller` with no controller to be seen (no ready Deployment, no held
    // Lease: this in-process controller elects no leader) says so at once.
    let out = flux_async(&["reconcile", "ks", "app", "--controller", "-n", &n]).await;
    out.code(1);
    assert!(
        out.stderr.contains(&format!(
            "✗ --controller: no controller runs in the \"{n}\" namespace"
        )),
        "{}",
        out.stderr
    );

    // The controller's Deployment reported ready, as the deployment controller would.
    pretend_controller(&f.client, &n).await;

    // `reconcile --controller`: annotate, wait for lastHandledReconcileAt and Ready.
    let out = flux_async(&["reconcile", "ks", "app", "--controller", "-n", &n]).await;
    out.success();
    assert_eq!(
        out.stderr,
        format!(
            "► annotating Kustomization app in {n} namespace\n✔ Kustomization annotated\n\
             ◎ waiting for Kustomization reconciliation\n✔ applied revision {}\n",
            rev(1)
        )
    );
    let ks = f.ks("app").await;
    let requested = ks.annotations()["reconcile.fluxcd.io/requestedAt"].clone();
    assert_eq!(ks.status.unwrap().last_handled_reconcile_at, Some(requested));

    // --with-source asks for the GitRepository first (its reconciler fetches the new
    // revision); the new revision is then applied.
    let app2 = app("two");
    let dir = tree(&files(&app2));
    f.source.add(&n, "repo", &rev(2), dir.path());
    f.trees.push(dir);
    ctl.fetch.lock().unwrap().insert("repo".into(), rev(2));
    let out = flux_async(&[
        "reconcile",
        "ks",
        "app",
        "--with-source",
        "--controller",
        "-n",
        &n,
    ])
    .await;
    out.success();
    assert_eq!(
        out.stderr,
        format!(
            "► annotating GitRepository repo in {n} namespace\n✔ GitRepository annotated\n\
             ◎ waiting for GitRepository reconciliation\n✔ fetched revision {}\n\
             ► annotating Kustomization app in {n} namespace\n✔ Kustomization annotated\n\
             ◎ waiting for Kustomization reconciliation\n✔ applied revision {}\n",
            rev(2),
            rev(2)
        )
    );
    assert_eq!(
        f.config_maps(&n).get("web-config").await.unwrap().data.unwrap()["mode"],
        "two"
    );

    // Without a flag the running controller is detected (its Deployment has ready
    // replicas), and a failure is reported with the controller's message.
    f.publish(
        "repo",
        &rev(3),
        &[("deploy/kustomization.yaml", "resources: [gone.yaml]\n")],
    )
    .await;
    let out = flux_async(&["reconcile", "ks", "app", "-n", &n]).await;
    out.code(1);
    let last = out.stderr.lines().last().unwrap().to_string();
    assert!(
        out.stderr
            .starts_with(&format!("► annotating Kustomization app in {n} namespace\n"))
            && last.starts_with("✗ Kustomization reconciliation failed: kustomize build failed: "),
        "{}",
        out.stderr
    );
    assert_eq!(
        f.config_maps(&n).get("web-config").await.unwrap().data.unwrap()["mode"],
        "two",
        "nothing changed"
    );

    // `create kustomization` writes the object, then reconciles once the same way.
    let mut rev4 = app("one");
    rev4.push((
        "other/cm.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: second\ndata:\n  k: v\n".to_string(),
    ));
    f.publish("repo", &rev(4), &files(&rev4)).await;
    let out = flux_async(&[
        "create",
        "ks",
        "second",
        "--source",
        "GitRepository/repo",
        "--path",
        "./other",
        "--prune",
        "--target-namespace",
        &n,
        "--interval",
        "1h",
        "--controller",
        "-n",
        &n,
    ])
    .await;
    out.success();
    assert_eq!(
        out.stderr,
        format!(
            "✚ generating Kustomization\n► applying Kustomization\n✔ Kustomization created\n\
             ◎ waiting for Kustomization reconciliation\n✔ applied revision {}\n",
            rev(4)
        )
    );
    assert!(f.config_maps(&n).get_opt("second").await.unwrap().is_some());
    let out = flux_async(&[
        "create",
        "ks",
        "second",
        "--source",
        "repo",
        "--path",
        "./other",
        "--interval",
        "30m",
        "--target-namespace",
        &n,
        "-n",
        &n,
    ])
    .await;
    out.success();
    assert!(out.stderr.contains("✔ Kustomization updated\n"), "{}", out.stderr);
    let second = f.ks("second").await;
    assert_eq!(second.spec.interval, "30m0s");
    assert!(!second.spec.prune);

    delete_flux_objects(&f).await;
    ctl.stop().await;
}

#[test]
fn create_export_prints_the_manifest() {
    let out = flux_bare(
        &[
            "create",
            "kustomization",
            "podinfo",
            "--source",
            "GitRepository/podinfo.flux-system",
            "--path",
            "kustomize/",
            "--prune",
            "--interval",
            "5m",
            "--depends-on",
            "infra,ops/certs",
            "--target-namespace",
            "apps",
            "--service-account",
            "deployer",
            "--wait",
            "--health-check",
            "Deployment/podinfo.apps",
            "--health-check-timeout",
            "3m",
            "--label",
            "team=a",
            "--export",
        ],
        &[],
    );
    out.success();
    assert_eq!(out.stderr, "");
    golden("create-ks-export.yaml", &out.stdout, &[]);

    let out = flux_bare(&["create", "ks", "x", "--source", "Bucket/x", "--export"], &[]);
    out.code(2); // a usage error
    assert!(
        out.stderr.contains("only GitRepository and OCIRepository"),
        "{}",
        out.stderr
    );
    let out = flux_bare(
        &[
            "create", "ks", "x", "--source", "x", "--path", "../up", "--export",
        ],
        &[],
    );
    out.code(2);
    assert!(out.stderr.contains("invalid --path"), "{}", out.stderr);
}
