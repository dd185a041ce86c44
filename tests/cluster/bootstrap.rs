//! `bootstrap git` and `bootstrap github` end to end, through the binary, on the global
//! cluster (bootstrap installs CRDs; each test uses its own `-n` namespace and removes it):
//! a real sshd serving bare repositories (its authorized keys filled by the test with the
//! keys bootstrap generates), a real ssh-agent, a real terminal for the prompts (`script`
//! from util-linux gives the binary a pty), `file://` repositories, the smart-HTTP Git
//! fixture for token auth, and the local GitHub stand-in (`github_fake.rs`).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine as _;
use flux_rs::api::meta::READY;
use flux_rs::api::{GitRepository, Kustomization};
use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::{Namespace, Secret};
use k8s_openapi::api::rbac::v1::{ClusterRole, ClusterRoleBinding};
use k8s_openapi::apiextensions_apiserver::pkg::apis::apiextensions::v1::CustomResourceDefinition;
use kube::Client;
use kube::api::{Api, DeleteParams, Patch, PatchParams};

use crate::git_http::{GitHttp, HttpAuth};
use crate::github_fake::GitHubFake;
use crate::gitrepo::{WorkRepo, git};
use crate::harness::{
    Run, bin, client_for, flux_global_env, global_kubeconfig, global_lock, random_suffix, rollout_complete,
};
use crate::sshd::Sshd;

/// HOME (with `~/.ssh`) and the cache directory of one test's runs.
struct TestEnv {
    home: tempfile::TempDir,
}

impl TestEnv {
    fn new() -> TestEnv {
        let home = tempfile::Builder::new()
            .prefix("flux-rs-home-")
            .tempdir()
            .unwrap();
        std::fs::create_dir_all(home.path().join(".ssh")).unwrap();
        TestEnv { home }
    }

    fn home(&self) -> &Path {
        self.home.path()
    }

    fn known_hosts(&self) -> PathBuf {
        self.home.path().join(".ssh/known_hosts")
    }

    /// HOME, XDG_CACHE_HOME, no agent unless given.
    fn vars(&self, agent: Option<&Path>) -> Vec<(String, String)> {
        vec![
            ("HOME".into(), self.home.path().display().to_string()),
            (
                "XDG_CACHE_HOME".into(),
                self.home.path().join(".cache").display().to_string(),
            ),
            (
                "SSH_AUTH_SOCK".into(),
                agent.map(|a| a.display().to_string()).unwrap_or_default(),
            ),
        ]
    }
}

fn run(args: &[&str], vars: &[(String, String)]) -> Run {
    let v: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    flux_global_env(args, &v)
}

/// An SSH key pair made with ssh-keygen: (private key path, public key line).
pub(crate) fn keygen(dir: &Path, name: &str) -> (PathBuf, String) {
    let path = dir.join(name);
    let out = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", "", "-f"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let public = std::fs::read_to_string(path.with_extension("pub")).unwrap();
    (path, public.trim().to_string())
}

/// A real ssh-agent holding the user's key.
pub(crate) struct Agent {
    child: Child,
    pub(crate) sock: PathBuf,
    _dir: tempfile::TempDir,
}

impl Agent {
    pub(crate) fn start(key: &Path) -> Agent {
        let dir = tempfile::tempdir().unwrap();
        let sock = dir.path().join("agent.sock");
        let child = Command::new("ssh-agent")
            .arg("-D")
            .arg("-a")
            .arg(&sock)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("run ssh-agent (package openssh-client)");
        let deadline = Instant::now() + Duration::from_secs(10);
        while !sock.exists() {
            assert!(Instant::now() < deadline, "ssh-agent did not start");
            std::thread::sleep(Duration::from_millis(20));
        }
        let out = Command::new("ssh-add")
            .arg(key)
            .env("SSH_AUTH_SOCK", &sock)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "ssh-add: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        Agent {
            child,
            sock,
            _dir: dir,
        }
    }
}

impl Drop for Agent {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The binary on a pseudo-terminal (`script -q -e -c CMD /dev/null`): what it prints is
/// collected, keys are typed into it.
struct Pty {
    child: Child,
    stdin: Option<ChildStdin>,
    out: Arc<Mutex<String>>,
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

impl Pty {
    fn spawn(args: &[&str], vars: &[(String, String)]) -> Pty {
        let mut line = shell_quote(bin());
        for a in args {
            line.push(' ');
            line.push_str(&shell_quote(a));
        }
        let mut cmd = Command::new("script");
        cmd.args(["-q", "-f", "-e", "-c", &line, "/dev/null"])
            .env("SHELL", "/bin/sh")
            .env("TERM", "xterm")
            .env("NO_COLOR", "1")
            .env("KUBECONFIG", global_kubeconfig())
            .env_remove("FLUX_SYSTEM_NAMESPACE")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (k, v) in vars {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("run script (package bsdutils)");
        let stdin = child.stdin.take();
        let mut stdout = child.stdout.take().unwrap();
        let out = Arc::new(Mutex::new(String::new()));
        let out2 = out.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = stdout.read(&mut buf) {
                if n == 0 {
                    break;
                }
                out2.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]).replace('\r', ""));
            }
        });
        Pty { child, stdin, out }
    }

    fn output(&self) -> String {
        self.out.lock().unwrap().clone()
    }

    /// Waits until the output contains `text`; returns the output so far.
    fn wait_for(&mut self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            let out = self.output();
            if out.contains(text) {
                return out;
            }
            let exited = self.child.try_wait().unwrap().is_some();
            assert!(
                !exited && Instant::now() < deadline,
                "{text:?} never appeared (exited: {exited}); output:\n{out}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn send(&mut self, keys: &str) {
        let stdin = self.stdin.as_mut().unwrap();
        stdin.write_all(keys.as_bytes()).unwrap();
        stdin.flush().unwrap();
    }

    /// Waits for the exit: (code, output).
    fn finish(mut self) -> (i32, String) {
        let deadline = Instant::now() + Duration::from_secs(240);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                std::thread::sleep(Duration::from_millis(100));
                drop(self.stdin.take());
                return (status.code().unwrap_or(-1), self.output());
            }
            assert!(Instant::now() < deadline, "no exit; output:\n{}", self.output());
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A `flux-rs controller` process watching one namespace of the global cluster.
struct ControllerProcess {
    child: Child,
    _storage: tempfile::TempDir,
}

impl ControllerProcess {
    fn start(ns: &str) -> ControllerProcess {
        let storage = tempfile::tempdir().unwrap();
        let child = Command::new(bin())
            .arg("controller")
            .arg("--kubeconfig")
            .arg(global_kubeconfig())
            .args(["--watch-namespace", ns, "--runtime-namespace", ns])
            .arg("--storage-path")
            .arg(storage.path())
            .args(["--metrics-addr=0", "--health-addr=0"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        ControllerProcess {
            child,
            _storage: storage,
        }
    }
}

impl Drop for ControllerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Removes what a test's bootstrap made in the global cluster.
struct Cleanup(String);

impl Drop for Cleanup {
    fn drop(&mut self) {
        let ns = self.0.clone();
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .ok()?;
            rt.block_on(async {
                let client = client_for(&global_kubeconfig()).await;
                let dp = DeleteParams::default();
                // A controller may have added its finalizer; nothing runs to remove it now.
                let unfinalize = Patch::Merge(serde_json::json!({"metadata": {"finalizers": null}}));
                let pp = PatchParams::default();
                let _ = Api::<Kustomization>::namespaced(client.clone(), &ns)
                    .patch(&ns, &pp, &unfinalize)
                    .await;
                let _ = Api::<GitRepository>::namespaced(client.clone(), &ns)
                    .patch(&ns, &pp, &unfinalize)
                    .await;
                let _ = Api::<Namespace>::all(client.clone()).delete(&ns, &dp).await;
                for name in [format!("crd-controller-{ns}"), format!("cluster-reconciler-{ns}")] {
                    let _ = Api::<ClusterRole>::all(client.clone()).delete(&name, &dp).await;
                    let _ = Api::<ClusterRoleBinding>::all(client.clone())
                        .delete(&name, &dp)
                        .await;
                }
                Some(())
            })
        })
        .join();
    }
}

fn ready(conditions: &[flux_rs::api::meta::Condition]) -> (String, String) {
    let c = conditions
        .iter()
        .find(|c| c.type_ == READY)
        .expect("Ready condition");
    (c.status.clone(), c.message.clone())
}

/// CRDs, namespace, Secret keys, GitRepository and Kustomization ready at the revision.
async fn assert_bootstrapped(client: &Client, ns: &str, head: &str, secret_keys: &[&str]) {
    let crds: Api<CustomResourceDefinition> = Api::all(client.clone());
    for crd in [
        "gitrepositories.source.toolkit.fluxcd.io",
        "kustomizations.kustomize.toolkit.fluxcd.io",
    ] {
        assert!(crds.get_opt(crd).await.unwrap().is_some(), "{crd}");
    }
    assert!(
        Api::<Namespace>::all(client.clone())
            .get_opt(ns)
            .await
            .unwrap()
            .is_some()
    );
    if !secret_keys.is_empty() {
        let s = Api::<Secret>::namespaced(client.clone(), ns)
            .get(ns)
            .await
            .unwrap();
        let keys: Vec<&str> = s.data.as_ref().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, secret_keys);
    }
    let revision = format!("main@sha1:{head}");
    let repo = Api::<GitRepository>::namespaced(client.clone(), ns)
        .get(ns)
        .await
        .unwrap();
    let st = repo.status.unwrap();
    assert_eq!(
        ready(st.conditions.as_deref().unwrap_or_default()).0,
        "True",
        "{:?}",
        st.conditions
    );
    assert_eq!(st.artifact.unwrap().revision, revision);
    let ks = Api::<Kustomization>::namespaced(client.clone(), ns)
        .get(ns)
        .await
        .unwrap();
    let st = ks.status.unwrap();
    let (status, message) = ready(st.conditions.as_deref().unwrap_or_default());
    assert_eq!(status, "True", "{message}");
    assert_eq!(message, format!("Applied revision: {revision}"));
    assert_eq!(st.last_applied_revision.as_deref(), Some(revision.as_str()));
}

fn lines_of(out: &str) -> Vec<&str> {
    out.lines().map(str::trim).collect()
}

#[track_caller]
fn assert_line(out: &str, line: &str) {
    assert!(lines_of(out).contains(&line), "missing {line:?} in\n{out}");
}

fn fingerprint(host_key: &str) -> String {
    let b64 = host_key.split_whitespace().nth(1).unwrap();
    let blob = base64::engine::general_purpose::STANDARD.decode(b64).unwrap();
    flux_rs::source::keys::fingerprint_of_blob(&blob)
}

/// The interactive path over SSH: the user's key in an ssh-agent, an unknown host accepted at
/// the prompt, the generated deploy key authorized by the test when asked, a concurrent push
/// (re-clone and redo), then the cluster synced with the deploy key; a second run changes
/// nothing; another path is refused.
#[allow(clippy::await_holding_lock)]
#[tokio::test]
async fn bootstrap_git_over_ssh_end_to_end() {
    let _lock = global_lock();
    let client = client_for(&global_kubeconfig()).await;
    let ns = format!("boot-ssh-{}", random_suffix());
    let _cleanup = Cleanup(ns.clone());
    let sshd = Sshd::start();
    let bare = sshd.bare_repo("fleet");
    let url = sshd.url(&bare);
    let env = TestEnv::new();
    let (user_key, user_pub) = keygen(env.home(), "id_user");
    sshd.authorize(&user_pub);
    let agent = Agent::start(&user_key);
    let vars = env.vars(Some(&agent.sock));
    let args = [
        "bootstrap",
        "git",
        "--url",
        &url,
        "--path",
        "clusters/prod",
        "-n",
        &ns,
        "--author-name",
        "Flux Bot",
        "--author-email",
        "bot@example.com",
        "--commit-message-appendix",
        "[ci skip]",
        "--timeout",
        "3m",
    ];
    let mut pty = Pty::spawn(&args, &vars);

    // The host is unknown: its fingerprint is shown and accepted.
    let out = pty.wait_for("Are you sure you want to continue connecting?");
    assert!(
        out.contains(&format!(
            "The authenticity of host [127.0.0.1]:{} can't be established.",
            sshd.port
        )),
        "{out}"
    );
    assert!(
        sshd.host_keys().iter().any(|k| out.contains(&fingerprint(k))),
        "the offered key's fingerprint is shown:\n{out}"
    );
    pty.send("y");

    // The deploy key is shown; the test gives it (read) access, as a user would on the host.
    let out = pty.wait_for("Please give the key access to your repository");
    let public = out
        .lines()
        .find_map(|l| l.trim().strip_prefix("✔ public key: "))
        .expect("public key line")
        .to_string();
    assert!(public.starts_with("ecdsa-sha2-nistp384 "), "{public}");
    assert!(out.contains("✔ public key fingerprint: SHA256:"), "{out}");
    sshd.authorize_read_only(&public);
    assert!(
        git(&bare, &["branch", "--list"]).is_empty(),
        "nothing pushed before the answer"
    );
    // Meanwhile, someone pushes to the branch.
    let other = WorkRepo::new();
    other.write("README.md", "fleet\n");
    let concurrent = other.commit("concurrent change");
    other.git(&["push", "-q", bare.to_str().unwrap(), "main"]);
    pty.send("y");
    let (code, out) = pty.finish();
    assert_eq!(code, 0, "{out}");
    for line in [
        "◎ git conflict detected, retrying with a fresh clone",
        "✔ reconciled source secret",
        "✔ reconciled sync configuration",
        "✔ GitRepository reconciled successfully",
        "✔ Kustomization reconciled successfully",
        "✔ bootstrap finished",
    ] {
        assert_line(&out, line);
    }
    let known = std::fs::read_to_string(env.known_hosts()).unwrap();
    assert!(
        known.starts_with(&format!("[127.0.0.1]:{} ", sshd.port)),
        "{known}"
    );

    // The commits: on top of the concurrent one, as the author, with the appendix.
    let head = git(&bare, &["rev-parse", "main"]);
    let log = git(&bare, &["log", "--format=%an <%ae>|%s|%b", "main"]);
    let log: Vec<&str> = log.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(
        log,
        [
            "Flux Bot <bot@example.com>|Add flux-rs sync manifests|[ci skip]",
            &format!(
                "Flux Bot <bot@example.com>|Add flux-rs v{} component manifests|[ci skip]",
                env!("CARGO_PKG_VERSION")
            ),
            "Test <test@example.com>|concurrent change|",
        ]
    );
    assert_eq!(git(&bare, &["rev-parse", "main~2"]), concurrent);
    let files = git(&bare, &["ls-tree", "-r", "--name-only", "main"]);
    let dir = format!("clusters/prod/{ns}");
    assert_eq!(
        files.lines().collect::<Vec<_>>(),
        [
            "README.md",
            &format!("{dir}/gotk-components.yaml"),
            &format!("{dir}/gotk-sync.yaml"),
            &format!("{dir}/kustomization.yaml"),
        ]
    );
    let sync = git(&bare, &["show", &format!("main:{dir}/gotk-sync.yaml")]);
    for want in [
        format!("url: {url}"),
        format!("name: {ns}"),
        "path: ./clusters/prod".to_string(),
        "interval: 1m0s".to_string(),
        "prune: true".to_string(),
    ] {
        assert!(sync.contains(&want), "{want} in\n{sync}");
    }
    let components = git(&bare, &["show", &format!("main:{dir}/gotk-components.yaml")]);
    assert!(components.starts_with("---\n# This manifest was generated by flux-rs. DO NOT EDIT.\n"));

    // The cluster, synced through the deploy key.
    assert_bootstrapped(&client, &ns, &head, &["identity", "identity.pub", "known_hosts"]).await;
    let secret = Api::<Secret>::namespaced(client.clone(), &ns)
        .get(&ns)
        .await
        .unwrap();
    let data = secret.data.unwrap();
    assert_eq!(String::from_utf8_lossy(&data["identity.pub"].0).trim(), public);
    let kh = String::from_utf8_lossy(&data["known_hosts"].0).into_owned();
    for k in sshd.host_keys() {
        assert!(kh.contains(k.as_str()), "{k} in {kh}");
    }
    assert!(
        sshd.log().contains("Accepted publickey"),
        "the deploy key logged in"
    );

    // Again, same flags, no terminal: nothing to ask, nothing to commit, same key.
    let r = run(&args, &vars);
    r.success();
    for line in [
        "✔ source secret up to date",
        "✔ component manifests are up to date",
        "✔ sync manifests are up to date",
        "✔ bootstrap finished: everything is up to date",
        &format!("✔ applied revision main@sha1:{head}"),
    ] {
        assert_line(&r.stderr, line);
    }
    assert_eq!(git(&bare, &["rev-parse", "main"]), head, "no new commit");
    let again = Api::<Secret>::namespaced(client.clone(), &ns)
        .get(&ns)
        .await
        .unwrap();
    assert_eq!(
        again.data.unwrap()["identity"],
        data["identity"],
        "the key is kept"
    );

    // Another path is refused before anything is written.
    let mut other_path = args.to_vec();
    other_path[5] = "clusters/other";
    let r = run(&other_path, &vars);
    r.code(1);
    assert!(
        r.stderr.contains(
            "sync path configuration (\"./clusters/other\") would overwrite path (\"./clusters/prod\") of existing Kustomization"
        ),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("--force"), "{}", r.stderr);
    assert!(
        r.stderr.contains("nothing was changed in the cluster"),
        "{}",
        r.stderr
    );
    assert_eq!(git(&bare, &["rev-parse", "main"]), head);
}

/// Refusals that must leave the repository and the cluster untouched: a host key that is
/// not the one in known_hosts, a deploy-key question without a terminal, a key that may
/// only fetch.
#[allow(clippy::await_holding_lock)]
#[tokio::test]
async fn bootstrap_git_refuses_before_writing() {
    let _lock = global_lock();
    let client = client_for(&global_kubeconfig()).await;
    let ns = format!("boot-refuse-{}", random_suffix());
    let _cleanup = Cleanup(ns.clone());
    let sshd = Sshd::start();
    let bare = sshd.bare_repo("fleet");
    let url = sshd.url(&bare);
    let env = TestEnv::new();
    let (key, public) = keygen(env.home(), "id_deploy");
    let vars = env.vars(None);
    let key_path = key.to_str().unwrap();
    let untouched = || async {
        assert!(git(&bare, &["branch", "--list"]).is_empty(), "nothing pushed");
        assert!(
            Api::<Namespace>::all(client.clone())
                .get_opt(&ns)
                .await
                .unwrap()
                .is_none(),
            "nothing in the cluster"
        );
    };
    let flags = [
        "bootstrap",
        "git",
        "--url",
        &url,
        "--path",
        "clusters/prod",
        "-n",
        &ns,
        "--private-key-file",
        key_path,
    ];

    // A wrong key for the host in known_hosts.
    let (_, wrong) = keygen(env.home(), "id_other");
    std::fs::write(env.known_hosts(), format!("[127.0.0.1]:{} {wrong}\n", sshd.port)).unwrap();
    sshd.authorize(&public);
    let mut args = flags.to_vec();
    args.push("--silent");
    let r = run(&args, &vars);
    r.code(1);
    assert!(
        r.stderr.contains("bootstrap failed while cloning the repository"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("host key verification failed"), "{}", r.stderr);
    assert!(
        r.stderr.contains("nothing was changed in the cluster"),
        "{}",
        r.stderr
    );
    untouched().await;

    // An unknown host with --silent is refused too (no prompt, no trust on first use).
    std::fs::write(env.known_hosts(), "").unwrap();
    let r = run(&args, &vars);
    r.code(1);
    assert!(
        r.stderr
            .contains("unknown hosts are refused when --silent was given"),
        "{}",
        r.stderr
    );
    untouched().await;

    // The right host key; no terminal to confirm the deploy key: a clear error, no hang.
    std::fs::write(env.known_hosts(), sshd.known_hosts()).unwrap();
    let r = run(&flags, &vars);
    r.code(1);
    assert!(
        r.stderr.contains("stdin is not a terminal: pass -s/--silent"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("PRIVATE KEY"), "{}", r.stderr);
    untouched().await;

    // A key that may only fetch: the clone works, the push is refused.
    sshd.revoke_all();
    sshd.authorize_read_only(&public);
    let r = run(&args, &vars);
    r.code(1);
    assert!(
        r.stderr.contains("bootstrap failed while pushing the manifests"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("write access"), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("nothing was pushed to the repository; nothing was changed in the cluster"),
        "{}",
        r.stderr
    );
    untouched().await;
}

/// `file://` repositories (no Secret), token auth over HTTP to the smart-HTTP fixture, and
/// `--controller` without a controller.
#[allow(clippy::await_holding_lock)]
#[tokio::test]
async fn bootstrap_git_file_and_token_auth() {
    let _lock = global_lock();
    let client = client_for(&global_kubeconfig()).await;
    let env = TestEnv::new();
    let vars = env.vars(None);

    // file://
    let ns = format!("boot-file-{}", random_suffix());
    let _cleanup = Cleanup(ns.clone());
    let bare = tempfile::tempdir().unwrap();
    git(bare.path(), &["init", "--bare", "-q", "-b", "main"]);
    let url = format!("file://{}", bare.path().display());
    // A nested Kustomization in the synced path: with no controller, the first sync
    // reconciles it too.
    let work = tempfile::tempdir().unwrap();
    git(work.path(), &["init", "-q", "-b", "main"]);
    std::fs::create_dir_all(work.path().join("clusters/dev")).unwrap();
    std::fs::create_dir_all(work.path().join("apps")).unwrap();
    std::fs::write(
        work.path().join("clusters/dev/apps.yaml"),
        format!(
            "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: apps\n  namespace: {ns}\n\
             spec:\n  interval: 10m\n  path: ./apps\n  prune: true\n  targetNamespace: {ns}\n  sourceRef:\n    kind: GitRepository\n    name: {ns}\n"
        ),
    )
    .unwrap();
    std::fs::write(
        work.path().join("apps/cm.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: nested-app\ndata:\n  k: v\n",
    )
    .unwrap();
    git(work.path(), &["add", "-A"]);
    git(
        work.path(),
        &[
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.com",
            "commit",
            "-q",
            "-m",
            "apps",
        ],
    );
    git(work.path(), &["push", "-q", &url, "main"]);
    let args = [
        "bootstrap",
        "git",
        "--url",
        &url,
        "--path",
        "./clusters//dev/",
        "-n",
        &ns,
        "-s",
    ];
    let r = run(&args, &vars);
    r.success();
    assert_line(
        &r.stderr,
        &format!("► reconciling nested Kustomization/{ns}/apps"),
    );
    assert_line(&r.stderr, "✔ reconciled 1 of 1 nested Kustomization(s)");
    assert!(
        Api::<k8s_openapi::api::core::v1::ConfigMap>::namespaced(client.clone(), &ns)
            .get_opt("nested-app")
            .await
            .unwrap()
            .is_some(),
        "the nested Kustomization was applied"
    );
    let head = git(bare.path(), &["rev-parse", "main"]);
    assert_line(&r.stderr, &format!("✔ applied revision main@sha1:{head}"));
    assert_bootstrapped(&client, &ns, &head, &[]).await;
    let repo = Api::<GitRepository>::namespaced(client.clone(), &ns)
        .get(&ns)
        .await
        .unwrap();
    assert!(repo.spec.secret_ref.is_none(), "file:// needs no Secret");
    assert_eq!(repo.spec.url, url);
    assert!(
        Api::<Secret>::namespaced(client.clone(), &ns)
            .get_opt(&ns)
            .await
            .unwrap()
            .is_none()
    );

    // --controller waits for a controller that never becomes ready (no Pods here).
    let mut controller = args.to_vec();
    controller.extend(["--controller", "--timeout", "6s"]);
    let r = run(&controller, &vars);
    r.code(1);
    assert!(
        r.stderr
            .contains("bootstrap failed while running the first sync: no controller became ready"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("applied to the cluster: the components, the sync manifests"),
        "{}",
        r.stderr
    );

    // With a controller running (a `flux-rs controller` process here, its Deployment reported
    // ready as the deployment controller would), --controller asks it and waits.
    let controller = ControllerProcess::start(&ns);
    let deps: Api<Deployment> = Api::namespaced(client.clone(), &ns);
    rollout_complete(&deps, "flux-rs-controller").await;
    let mut controller_args = args.to_vec();
    controller_args.extend(["--controller", "--timeout", "2m"]);
    let r = run(&controller_args, &vars);
    r.success();
    for line in [
        format!("◎ waiting for GitRepository \"{ns}/{ns}\" to be reconciled"),
        "✔ GitRepository reconciled successfully".to_string(),
        "✔ Kustomization reconciled successfully".to_string(),
        format!("✔ applied revision main@sha1:{head}"),
    ] {
        assert_line(&r.stderr, &line);
    }
    let repo = Api::<GitRepository>::namespaced(client.clone(), &ns)
        .get(&ns)
        .await
        .unwrap();
    let handled = repo.status.unwrap().last_handled_reconcile_at;
    assert!(handled.is_some(), "the controller handled the request");
    drop(controller);

    // https-style token auth (over plain HTTP on loopback).
    let ns = format!("boot-http-{}", random_suffix());
    let _cleanup2 = Cleanup(ns.clone());
    let srv = GitHttp::start(HttpAuth::Basic {
        user: "git".into(),
        password: "s3cret-token".into(),
    });
    srv.bare_repo("fleet");
    let url = srv.url("fleet");
    let args = [
        "bootstrap",
        "git",
        "--url",
        &url,
        "--allow-insecure-http",
        "--token-auth",
        "-u",
        "git",
        "--path",
        "clusters/dev",
        "-n",
        &ns,
    ];
    let mut with_password = vars.clone();
    with_password.push(("GIT_PASSWORD".into(), "s3cret-token".into()));
    let r = run(&args[..3], &vars);
    r.code(2);
    let r = run(
        &args[..args.len() - 4]
            .iter()
            .copied()
            .filter(|a| *a != "--allow-insecure-http")
            .collect::<Vec<_>>(),
        &with_password,
    );
    r.code(1);
    assert!(
        r.stderr.contains("pass --allow-insecure-http=true"),
        "{}",
        r.stderr
    );
    let r = run(&args, &with_password);
    r.success();
    assert!(!r.stderr.contains("s3cret-token"), "{}", r.stderr);
    let head = git(&srv.root().join("fleet.git"), &["rev-parse", "main"]);
    assert_bootstrapped(&client, &ns, &head, &["password", "username"]).await;
    let repo = Api::<GitRepository>::namespaced(client.clone(), &ns)
        .get(&ns)
        .await
        .unwrap();
    assert_eq!(repo.spec.url, url);
    let s = Api::<Secret>::namespaced(client.clone(), &ns)
        .get(&ns)
        .await
        .unwrap();
    assert_eq!(s.data.unwrap()["password"].0, b"s3cret-token");
    // Wrong token: the clone fails and says so.
    let mut wrong = vars.clone();
    wrong.push(("GIT_PASSWORD".into(), "nope".into()));
    let r = run(&args, &wrong);
    r.code(1);
    assert!(
        r.stderr.contains("bootstrap failed while cloning the repository"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("nope"), "{}", r.stderr);
    // No credentials at all: the error names the flags to pass (not a Secret to create).
    let anonymous = [
        "bootstrap",
        "git",
        "--url",
        &url,
        "--allow-insecure-http",
        "--path",
        "clusters/dev",
        "-n",
        &ns,
    ];
    let r = run(&anonymous, &vars);
    r.code(1);
    assert!(
        r.stderr.contains(
            "authentication required: the server asks for credentials; pass --username and --password (or GIT_PASSWORD)"
        ),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("spec.secretRef"), "{}", r.stderr);
}

/// `bootstrap github` against the local GitHub stand-in: the repository is created, the team
/// granted, the deploy key registered read-only (and authorized in sshd as such), the
/// manifests pushed over HTTP with the token, the cluster synced over SSH with the deploy
/// key. A new key (the Secret deleted) replaces the registered one.
#[allow(clippy::await_holding_lock)]
#[tokio::test]
async fn bootstrap_github_against_the_local_fake() {
    let _lock = global_lock();
    let client = client_for(&global_kubeconfig()).await;
    let ns = format!("boot-gh-{}", random_suffix());
    let _cleanup = Cleanup(ns.clone());
    let token = "ghp_test0123456789";
    let sshd = Sshd::start();
    let http = GitHttp::start(HttpAuth::Basic {
        user: "git".into(),
        password: token.into(),
    });
    let fake = GitHubFake::start(
        token,
        http.root().to_path_buf(),
        format!("http://127.0.0.1:{}", http.port),
        format!("ssh://{}@127.0.0.1:{}", sshd.user, sshd.port),
        sshd.access(),
    );
    let env = TestEnv::new();
    let mut vars = env.vars(None);
    vars.push(("GITHUB_TOKEN".into(), token.into()));
    let api = fake.url();
    let args = [
        "bootstrap",
        "github",
        "--owner",
        "acme",
        "--repository",
        "fleet",
        "--team",
        "platform",
        "--path",
        "clusters/prod",
        "--api-url",
        &api,
        "-n",
        &ns,
    ];
    let r = run(&args, &vars);
    r.success();
    let key_name = format!("{ns}-main-{ns}-./clusters/prod");
    for line in [
        "► connecting to github.com".to_string(),
        "✔ repository \"https://github.com/acme/fleet\" created".to_string(),
        "✔ granted \"maintain\" permissions to \"platform\"".to_string(),
        format!("✔ configured deploy key \"{key_name}\" for \"https://github.com/acme/fleet\""),
        "✔ bootstrap finished".to_string(),
    ] {
        assert_line(&r.stderr, &line);
    }
    assert!(!r.stderr.contains(token), "{}", r.stderr);
    let bare = http.root().join("fleet.git");
    let head = git(&bare, &["rev-parse", "main"]);
    assert_eq!(git(&bare, &["log", "--format=%s", "main~2"]), "Initial commit");
    {
        let st = fake.state.lock().unwrap();
        assert_eq!(st.repos, [("acme".to_string(), "fleet".to_string(), true)]);
        assert_eq!(
            st.teams,
            [("acme".to_string(), "platform".to_string(), "maintain".to_string())]
        );
        assert_eq!(st.keys.len(), 1);
        assert_eq!(st.keys[0].title, key_name);
        assert!(st.keys[0].read_only);
    }
    assert_bootstrapped(&client, &ns, &head, &["identity", "identity.pub", "known_hosts"]).await;
    let repo = Api::<GitRepository>::namespaced(client.clone(), &ns)
        .get(&ns)
        .await
        .unwrap();
    assert_eq!(
        repo.spec.url,
        format!("ssh://{}@127.0.0.1:{}{}", sshd.user, sshd.port, bare.display())
    );

    // A new deploy key (the Secret is gone): the registered key of that name is replaced;
    // the manifests are unchanged, so nothing is committed.
    let first_key = fake.state.lock().unwrap().keys[0].key.clone();
    Api::<Secret>::namespaced(client.clone(), &ns)
        .delete(&ns, &DeleteParams::default())
        .await
        .unwrap();
    let r = run(&args, &vars);
    r.success();
    assert_line(&r.stderr, "✔ sync manifests are up to date");
    assert_eq!(git(&bare, &["rev-parse", "main"]), head);
    let st = fake.state.lock().unwrap();
    assert_eq!(st.keys.len(), 1);
    assert_ne!(st.keys[0].key, first_key, "replaced");
    assert!(
        st.log
            .iter()
            .any(|l| l.starts_with("DELETE /repos/acme/fleet/keys/")),
        "{:?}",
        st.log
    );
}
