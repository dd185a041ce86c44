//! Test harness for the real API server started by `scripts/test` (or by hand with
//! `scripts/dev-cluster up test`): clients, per-test namespaces, and running the binary.
//!
//! Two clusters are used:
//! * `FLUX_RS_TEST_KUBECONFIG`: shared by tests that work in their own namespace, in parallel;
//!   the Flux CRDs are installed once per run.
//! * `FLUX_RS_TEST_KUBECONFIG_GLOBAL`: for tests that change cluster-wide state (install,
//!   uninstall, CRDs, flux-system); they take [`global_lock`] and run one at a time.
//!
//! A missing variable is a test failure with instructions, never a silent skip.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::{Mutex, MutexGuard, Once, OnceLock};

use kube::Client;
use kube::config::{KubeConfigOptions, Kubeconfig};

/// Path of the flux-rs binary under test.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_flux-rs")
}

fn kubeconfig_from_env(var: &str) -> PathBuf {
    match std::env::var_os(var) {
        Some(p) if Path::new(&p).is_file() => PathBuf::from(p),
        _ => panic!(
            "{var} is not set to a kubeconfig file: these tests need the real test API server.\n\
             Run the whole suite with `scripts/test`, or start a cluster with\n\
             `scripts/dev-cluster up test && scripts/dev-cluster up test-global` and export\n\
             FLUX_RS_TEST_KUBECONFIG / FLUX_RS_TEST_KUBECONFIG_GLOBAL to their kubeconfig paths."
        ),
    }
}

/// Kubeconfig of the shared cluster.
pub fn kubeconfig() -> PathBuf {
    kubeconfig_from_env("FLUX_RS_TEST_KUBECONFIG")
}

/// Kubeconfig of the cluster for cluster-wide tests.
pub fn global_kubeconfig() -> PathBuf {
    kubeconfig_from_env("FLUX_RS_TEST_KUBECONFIG_GLOBAL")
}

/// Kubeconfig of the shared cluster's non-admin identity (no RBAC bindings of its own).
pub fn user_kubeconfig() -> PathBuf {
    let p = kubeconfig().with_file_name("kubeconfig-user");
    assert!(
        p.is_file(),
        "{} missing: the dev-cluster script writes it next to the admin kubeconfig",
        p.display()
    );
    p
}

/// Serializes tests that use the global cluster.
pub fn global_lock() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A client for a kubeconfig. Create one per test: a client belongs to the runtime it was
/// created on, and each `#[tokio::test]` has its own.
pub async fn client_for(path: &Path) -> Client {
    let kc = Kubeconfig::read_from(path).expect("read kubeconfig");
    let config = kube::Config::from_custom_kubeconfig(kc, &KubeConfigOptions::default())
        .await
        .expect("kube config");
    Client::try_from(config).expect("client")
}

/// The client configuration of the shared cluster (for engines that make impersonating
/// clients from it).
pub async fn config() -> kube::Config {
    let kc = Kubeconfig::read_from(kubeconfig()).expect("read kubeconfig");
    kube::Config::from_custom_kubeconfig(kc, &KubeConfigOptions::default())
        .await
        .expect("kube config")
}

/// A client for the shared cluster, with the Flux CRDs installed.
pub async fn client() -> Client {
    ensure_crds();
    client_for(&kubeconfig()).await
}

/// Installs the Flux CRDs (and the rest of `flux-rs install`) on the shared cluster once per
/// test run, through the binary under test.
pub fn ensure_crds() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let out = Command::new(bin())
            .args(["install", "--kubeconfig"])
            .arg(kubeconfig())
            .stdin(Stdio::null())
            .output()
            .expect("run flux-rs install");
        assert!(
            out.status.success(),
            "flux-rs install on the shared test cluster failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    });
}

/// The outcome of running the binary.
#[derive(Debug)]
pub struct Run {
    /// Exit code.
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Run {
    /// Panics with both streams unless the exit code is 0.
    #[track_caller]
    pub fn success(&self) -> &Self {
        assert_eq!(
            self.code, 0,
            "expected success\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// Panics with both streams unless the exit code is `code`.
    #[track_caller]
    pub fn code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "expected exit code {code}\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }
}

fn run_with(kubeconfig: Option<&Path>, args: &[&str], envs: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(bin());
    cmd.args(args)
        .stdin(Stdio::null())
        .env_remove("FLUX_SYSTEM_NAMESPACE")
        .env("NO_COLOR", "1");
    if let Some(kc) = kubeconfig {
        cmd.env("KUBECONFIG", kc);
    }
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let Output {
        status,
        stdout,
        stderr,
    } = cmd.output().expect("run flux-rs");
    Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    }
}

/// Runs flux-rs against the shared cluster (stdin closed, no colour).
pub fn flux(args: &[&str]) -> Run {
    ensure_crds();
    run_with(Some(&kubeconfig()), args, &[])
}

/// [`flux`] on a blocking thread, for async tests whose own tasks (an in-process controller,
/// a watch) must keep running meanwhile.
pub async fn flux_async(args: &[&str]) -> Run {
    let args: Vec<String> = args.iter().map(|s| (*s).to_string()).collect();
    tokio::task::spawn_blocking(move || {
        let a: Vec<&str> = args.iter().map(String::as_str).collect();
        flux(&a)
    })
    .await
    .unwrap()
}

/// Runs flux-rs against the shared cluster with extra environment variables.
pub fn flux_env(args: &[&str], envs: &[(&str, &str)]) -> Run {
    ensure_crds();
    run_with(Some(&kubeconfig()), args, envs)
}

/// Runs flux-rs against the global cluster.
pub fn flux_global(args: &[&str]) -> Run {
    run_with(Some(&global_kubeconfig()), args, &[])
}

/// Runs flux-rs against the global cluster with extra environment variables.
pub fn flux_global_env(args: &[&str], envs: &[(&str, &str)]) -> Run {
    run_with(Some(&global_kubeconfig()), args, envs)
}

/// Runs flux-rs with no cluster configuration besides what `args` and `envs` give.
pub fn flux_bare(args: &[&str], envs: &[(&str, &str)]) -> Run {
    run_with(None, args, envs)
}

/// A namespace of its own for one test, deleted when dropped.
pub struct TestNamespace {
    /// The namespace's name.
    pub name: String,
}

impl TestNamespace {
    /// Creates `<prefix>-<random>` on the shared cluster.
    pub async fn new(prefix: &str) -> TestNamespace {
        use k8s_openapi::api::core::v1::Namespace;
        use kube::api::{Api, PostParams};
        let name = format!("{}-{}", prefix, random_suffix());
        let api: Api<Namespace> = Api::all(client().await);
        let ns: Namespace = serde_json::from_value(serde_json::json!({"metadata": {"name": name}})).unwrap();
        api.create(&PostParams::default(), &ns)
            .await
            .expect("create test namespace");
        TestNamespace { name }
    }
}

impl Drop for TestNamespace {
    fn drop(&mut self) {
        let name = self.name.clone();
        // Drop cannot be async and may run on a runtime thread: delete from a thread of its own.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .ok()?;
            rt.block_on(async {
                use k8s_openapi::api::core::v1::Namespace;
                use kube::api::{Api, DeleteParams};
                let api: Api<Namespace> = Api::all(client_for(&kubeconfig()).await);
                api.delete(&name, &DeleteParams::default()).await.ok()
            })
        })
        .join();
    }
}

/// A short random suffix for names.
pub fn random_suffix() -> String {
    static SEQ: OnceLock<Mutex<u64>> = OnceLock::new();
    let mut n = SEQ.get_or_init(|| Mutex::new(0)).lock().unwrap();
    *n += 1;
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!(
        "{:x}{:x}",
        std::process::id() % 0xfff,
        (u64::from(nanos) ^ (*n << 20)) % 0xf_ffff
    )
}

/// Reports a Deployment's rollout as complete at its current generation, as the deployment
/// controller would (the test servers run none).
pub async fn rollout_complete(deps: &kube::Api<k8s_openapi::api::apps::v1::Deployment>, name: &str) {
    use kube::api::{Patch, PatchParams};
    let generation = deps.get(name).await.unwrap().metadata.generation;
    let status = serde_json::json!({"status": {"observedGeneration": generation, "replicas": 1,
        "updatedReplicas": 1, "readyReplicas": 1, "availableReplicas": 1, "conditions": [
        {"type": "Available", "status": "True", "reason": "MinimumReplicasAvailable",
         "message": "Deployment has minimum availability."},
        {"type": "Progressing", "status": "True", "reason": "NewReplicaSetAvailable",
         "message": "ReplicaSet has successfully progressed."}]}});
    deps.patch_status(name, &PatchParams::default(), &Patch::Merge(&status))
        .await
        .unwrap();
}

/// Makes `namespace` look as if a controller ran there: a `flux-rs-controller` Deployment
/// reported ready, as the deployment controller would report it (the test servers run no
/// Pods). The CLI then asks the controller — the test acting as one — instead of
/// reconciling in its own process.
pub async fn pretend_controller(client: &Client, namespace: &str) {
    use k8s_openapi::api::apps::v1::Deployment;
    use kube::api::{Api, PostParams};
    let deps: Api<Deployment> = Api::namespaced(client.clone(), namespace);
    let dep: Deployment = serde_json::from_value(serde_json::json!({
        "metadata": {"name": "flux-rs-controller"},
        "spec": {"selector": {"matchLabels": {"app": "c"}},
                 "template": {"metadata": {"labels": {"app": "c"}},
                              "spec": {"containers": [{"name": "c", "image": "x"}]}}},
    }))
    .unwrap();
    deps.create(&PostParams::default(), &dep).await.unwrap();
    rollout_complete(&deps, "flux-rs-controller").await;
}
