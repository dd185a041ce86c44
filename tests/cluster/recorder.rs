//! A test reconciler for the controller's scheduling tests (the real engines plug into the
//! same seam): it records every call and writes the status an engine would write, with the
//! outcome chosen by annotations on the object:
//!
//! * `test.flux-rs.io/outcome`: `ready` (default), `fail`, `retry` or `stall`;
//! * `test.flux-rs.io/sleep-ms`: how long the reconciliation takes;
//! * `test.flux-rs.io/revision` (GitRepository): the artifact revision to store.
//!
//! It also starts the controller in-process (`start`) and is the reconciler of the controller
//! processes started by the leader-election tests (`controller_process_entry_point`).

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use flux_rs::api::{GitRepository, Kustomization};
use flux_rs::controller::{self, Listeners, Options, Reconcilers, Shutdown};
use flux_rs::reconcile::{Outcome, Request};
use flux_rs::source::storage::Storage;
use kube::api::{Api, Patch, PatchParams};
use kube::config::{KubeConfigOptions, Kubeconfig};
use kube::{Client, ResourceExt};
use serde_json::json;
use tokio::net::TcpListener;

use crate::harness::kubeconfig;

/// One call of the reconciler.
#[derive(Clone, Debug)]
pub struct Call {
    /// `GitRepository` or `Kustomization`.
    pub kind: &'static str,
    /// Name of the object.
    pub name: String,
    /// Its generation.
    pub generation: Option<i64>,
    /// The request it was given.
    pub request: Request,
    /// When the call started.
    pub at: Instant,
}

/// Records calls and writes statuses.
pub struct Recorder {
    /// Written into the Ready message (`reconciled by <identity>`).
    pub identity: String,
    calls: Mutex<Vec<Call>>,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
}

fn annotation<'a>(obj: &'a impl ResourceExt, key: &str) -> Option<&'a str> {
    obj.annotations().get(key).map(String::as_str)
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

impl Recorder {
    /// A recorder named `identity`.
    pub fn new(identity: &str) -> Arc<Self> {
        Arc::new(Recorder {
            identity: identity.to_string(),
            calls: Mutex::default(),
            in_flight: AtomicUsize::new(0),
            max_in_flight: AtomicUsize::new(0),
        })
    }

    /// Every call so far.
    pub fn calls(&self) -> Vec<Call> {
        self.calls.lock().unwrap().clone()
    }

    /// The calls for one object.
    pub fn calls_of(&self, kind: &str, name: &str) -> Vec<Call> {
        self.calls()
            .into_iter()
            .filter(|c| c.kind == kind && c.name == name)
            .collect()
    }

    /// How many calls one object had.
    pub fn count(&self, kind: &str, name: &str) -> usize {
        self.calls_of(kind, name).len()
    }

    /// The most reconciliations that ran at once.
    pub fn max_in_flight(&self) -> usize {
        self.max_in_flight.load(Ordering::SeqCst)
    }

    fn begin(&self, kind: &'static str, name: String, generation: Option<i64>, request: Request) {
        // Under the flux_rs target so that a controller process's log filter shows it.
        tracing::info!(target: "flux_rs::test_reconciler", kind, name = %name, identity = %self.identity,
            requested_at = request.requested_at.as_deref().unwrap_or_default(), "test reconciler called");
        self.calls.lock().unwrap().push(Call {
            kind,
            name,
            generation,
            request,
            at: Instant::now(),
        });
        let n = self.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        self.max_in_flight.fetch_max(n, Ordering::SeqCst);
    }

    fn end(&self) {
        self.in_flight.fetch_sub(1, Ordering::SeqCst);
    }

    /// Records a Kustomization reconciliation and writes the status its annotations ask for.
    pub async fn kustomization(
        self: Arc<Self>,
        client: Client,
        ks: Arc<Kustomization>,
        request: Request,
    ) -> Outcome {
        let ns = ks.namespace().unwrap();
        let name = ks.name_any();
        self.begin("Kustomization", name.clone(), ks.metadata.generation, request);
        if let Some(ms) = annotation(ks.as_ref(), "test.flux-rs.io/sleep-ms") {
            tokio::time::sleep(Duration::from_millis(ms.parse().unwrap())).await;
        }
        let api: Api<Kustomization> = Api::namespaced(client.clone(), &ns);
        let outcome = annotation(ks.as_ref(), "test.flux-rs.io/outcome").unwrap_or("ready");
        let result = match outcome {
            "ready" => {
                let source_ns = ks.spec.source_ref.namespace.clone().unwrap_or(ns.clone());
                let repos: Api<GitRepository> = Api::namespaced(client, &source_ns);
                let revision = match repos.get_opt(&ks.spec.source_ref.name).await {
                    Ok(Some(r)) => r.artifact_revision().unwrap_or("none").to_string(),
                    _ => "none".to_string(),
                };
                let status = json!({"status": {
                    "observedGeneration": ks.metadata.generation,
                    "lastAppliedRevision": revision,
                    "lastAttemptedRevision": revision,
                    "conditions": [{"type": "Ready", "status": "True", "reason": "ReconciliationSucceeded",
                        "message": format!("reconciled by {}", self.identity), "lastTransitionTime": now(),
                        "observedGeneration": ks.metadata.generation}],
                }});
                api.patch_status(&name, &PatchParams::default(), &Patch::Merge(&status))
                    .await
                    .map(|_| Outcome::Succeeded)
            }
            "fail" => {
                let status = json!({"status": {
                    "observedGeneration": ks.metadata.generation,
                    "conditions": [{"type": "Ready", "status": "False", "reason": "BuildFailed",
                        "message": format!("failed by {}", self.identity), "lastTransitionTime": now(),
                        "observedGeneration": ks.metadata.generation}],
                }});
                api.patch_status(&name, &PatchParams::default(), &Patch::Merge(&status))
                    .await
                    .map(|_| Outcome::failed("BuildFailed", "the test asked for a failure"))
            }
            "retry" => Ok(Outcome::Retry {
                after: Duration::from_secs(1),
                message: "waiting for the test".into(),
            }),
            _ => Ok(Outcome::Stalled {
                reason: "InvalidSpec".into(),
                message: "the test asked for a stall".into(),
            }),
        };
        self.end();
        result.unwrap_or_else(|e| Outcome::failed("ReconciliationFailed", e.to_string()))
    }

    async fn git_repository(
        self: Arc<Self>,
        client: Client,
        storage: Storage,
        repo: Arc<GitRepository>,
        request: Request,
    ) -> Outcome {
        let ns = repo.namespace().unwrap();
        let name = repo.name_any();
        self.begin("GitRepository", name.clone(), repo.metadata.generation, request);
        let api: Api<GitRepository> = Api::namespaced(client, &ns);
        let revision = annotation(repo.as_ref(), "test.flux-rs.io/revision").unwrap_or("main@sha1:0");
        let file = format!("{}.tar.gz", revision.replace(['@', ':'], "-"));
        let path = format!("{}/{file}", Storage::object_dir("GitRepository", &ns, &name));
        let abs = storage.path_of(&path).unwrap();
        std::fs::create_dir_all(abs.parent().unwrap()).unwrap();
        std::fs::write(&abs, revision).unwrap();
        let status = json!({"status": {
            "observedGeneration": repo.metadata.generation,
            "artifact": {"path": path, "url": format!("http://localhost/{path}"), "revision": revision,
                "lastUpdateTime": now()},
            "conditions": [{"type": "Ready", "status": "True", "reason": "Succeeded",
                "message": format!("stored artifact for revision '{revision}'"), "lastTransitionTime": now()}],
        }});
        let r = api
            .patch_status(&name, &PatchParams::default(), &Patch::Merge(&status))
            .await;
        self.end();
        match r {
            Ok(_) => Outcome::Succeeded,
            Err(e) => Outcome::failed("StorageOperationFailed", e.to_string()),
        }
    }

    /// The two reconcilers, backed by this recorder.
    pub fn reconcilers(self: &Arc<Self>, client: &Client, storage: &Storage) -> Reconcilers {
        let (r1, c1, s1) = (self.clone(), client.clone(), storage.clone());
        let (r2, c2) = (self.clone(), client.clone());
        Reconcilers::new(
            move |repo: Arc<GitRepository>, req: Request| {
                r1.clone().git_repository(c1.clone(), s1.clone(), repo, req)
            },
            move |ks: Arc<Kustomization>, req: Request| r2.clone().kustomization(c2.clone(), ks, req),
        )
    }
}

/// The kube config of the shared test cluster.
pub async fn test_config() -> kube::Config {
    let kc = Kubeconfig::read_from(kubeconfig()).unwrap();
    kube::Config::from_custom_kubeconfig(kc, &KubeConfigOptions::default())
        .await
        .unwrap()
}

/// A controller running in this process for one namespace.
pub struct InProcess {
    /// Stops it.
    pub shutdown: Shutdown,
    /// Its task.
    pub task: tokio::task::JoinHandle<controller::Result<()>>,
    /// `/metrics`.
    pub metrics: SocketAddr,
    /// `/healthz`, `/readyz`.
    pub health: SocketAddr,
    /// Receivers' webhooks (`/hook/…`).
    pub receiver: SocketAddr,
    /// What it reconciled.
    pub recorder: Arc<Recorder>,
    /// Its artifact storage.
    pub storage: Storage,
    _dir: tempfile::TempDir,
}

/// Starts the controller in this process, watching `namespace`, with options the test may
/// adjust (defaults: short retry delays, dependencies re-checked only when triggered).
pub async fn start(namespace: &str, tweak: impl FnOnce(&mut Options)) -> InProcess {
    start_with(namespace, tweak, |recorder, client, options| {
        recorder.reconcilers(client, &options.storage)
    })
    .await
}

/// Like [`start`], with the reconcilers `make` builds (e.g. a real engine for one kind and
/// the recorder for the other).
pub async fn start_with(
    namespace: &str,
    tweak: impl FnOnce(&mut Options),
    make: impl FnOnce(&Arc<Recorder>, &Client, &Options) -> Reconcilers,
) -> InProcess {
    crate::harness::ensure_crds();
    let config = test_config().await;
    let client = Client::try_from(config.clone()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let storage = Storage::new(dir.path().join("data"));
    let mut options = Options {
        watch_namespace: Some(namespace.to_string()),
        storage: storage.clone(),
        min_retry_delay: Duration::from_millis(200),
        requeue_dependency: Duration::from_secs(3600),
        ..Options::default()
    };
    tweak(&mut options);
    let metrics = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let health = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let receiver = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let (metrics_addr, health_addr) = (metrics.local_addr().unwrap(), health.local_addr().unwrap());
    let receiver_addr = receiver.local_addr().unwrap();
    let recorder = Recorder::new("in-process");
    let reconcilers = make(&recorder, &client, &options);
    let shutdown = Shutdown::new();
    let listeners = Listeners {
        metrics: Some(metrics),
        health: Some(health),
        receiver: Some(receiver),
    };
    let task = tokio::spawn(controller::run(
        client,
        config,
        options,
        reconcilers,
        listeners,
        shutdown.clone(),
    ));
    InProcess {
        shutdown,
        task,
        metrics: metrics_addr,
        health: health_addr,
        receiver: receiver_addr,
        recorder,
        storage,
        _dir: dir,
    }
}

impl InProcess {
    /// Graceful shutdown; panics unless the controller stops cleanly within 30s.
    pub async fn stop(self) {
        self.shutdown.graceful();
        let r = tokio::time::timeout(Duration::from_secs(30), self.task)
            .await
            .expect("the controller stops")
            .unwrap();
        r.expect("the controller stopped cleanly");
    }

    /// Waits (30s at most) for a controller that ends by itself, and returns its result.
    pub async fn join(self) -> controller::Result<()> {
        tokio::time::timeout(Duration::from_secs(30), self.task)
            .await
            .expect("the controller ends")
            .unwrap()
    }
}

/// GETs a path over HTTP/1.1; returns the status code and body.
pub async fn http_get(addr: SocketAddr, path: &str) -> (u16, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    s.write_all(format!("GET {path} HTTP/1.1\r\nHost: test\r\n\r\n").as_bytes())
        .await
        .unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).await.unwrap();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap();
    let code = head.split(' ').nth(1).unwrap().parse().unwrap();
    (code, body.to_string())
}

/// Polls `check` every 100ms until it returns `Some`, or panics with `what` after `timeout`.
pub async fn eventually<T, F, Fut>(timeout: Duration, what: &str, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(v) = check().await {
            return v;
        }
        assert!(
            Instant::now() < deadline,
            "timed out after {timeout:?} waiting for: {what}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Not a test: the entry point of the controller processes the leader-election tests start
/// (`flux-rs controller`'s own code path — flags, logging, signals, leader election, HTTP —
/// with this recorder as reconciler, so that the tests see which process reconciled and can
/// make a reconciliation last; `controller_e2e.rs` runs the binary with the real engines). It reads
/// the command line from `FLUX_RS_TEST_CONTROLLER_ARGS` (JSON) and its name from
/// `FLUX_RS_TEST_CONTROLLER_NAME`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "not a test: the entry point of the controller processes started by the leader-election tests"]
async fn controller_process_entry_point() {
    use clap::Parser;
    use flux_rs::cli::{Cli, CliContext, Command, Printer};
    let args: Vec<String> = serde_json::from_str(
        &std::env::var("FLUX_RS_TEST_CONTROLLER_ARGS").expect("FLUX_RS_TEST_CONTROLLER_ARGS"),
    )
    .unwrap();
    let name = std::env::var("FLUX_RS_TEST_CONTROLLER_NAME").expect("FLUX_RS_TEST_CONTROLLER_NAME");
    let cli = Cli::try_parse_from(args).unwrap();
    let Command::Controller(args) = cli.command else {
        panic!("not a controller command line");
    };
    flux_rs::cli::controller::init_logging(&args);
    let ctx = CliContext::new(cli.global.clone(), Printer::new());
    let recorder = Recorder::new(&name);
    let r = flux_rs::cli::controller::serve(&ctx, *args, |client, _config, options| {
        Ok(recorder.reconcilers(client, &options.storage))
    })
    .await;
    if let Err(e) = r {
        eprintln!("controller process {name} failed: {e:#}");
        std::process::exit(1);
    }
}
