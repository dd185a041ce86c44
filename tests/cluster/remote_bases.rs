//! Remote Git bases in `flux-rs kustomize` and `flux-rs build kustomization`, fetched from
//! real Git servers on loopback: the smart-HTTP fixture (`git http-backend`) and a real sshd
//! with its host keys checked against `~/.ssh/known_hosts` and the key offered by a real
//! ssh-agent. No cluster is needed.

use std::path::Path;
use std::process::Command;

use crate::bootstrap::{Agent, keygen};
use crate::git_http::{GitHttp, HttpAuth};
use crate::gitrepo::WorkRepo;
use crate::harness::{Run, flux_bare};
use crate::sshd::Sshd;

fn config_map(name: &str) -> String {
    format!("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\ndata:\n  from: remote\n")
}

/// A repository with `base/` (ConfigMap `v1`, tag `v1`), then ConfigMap `v2` on `main`.
fn remote_content() -> WorkRepo {
    let repo = WorkRepo::new();
    repo.write("base/kustomization.yaml", "resources:\n- cm.yaml\n- ../common\n")
        .write("base/cm.yaml", &config_map("v1"))
        .write("common/kustomization.yaml", "resources:\n- shared.yaml\n")
        .write("common/shared.yaml", &config_map("shared"));
    repo.commit("v1");
    repo.tag("v1");
    repo.write("base/cm.yaml", &config_map("v2"));
    repo.commit("v2");
    repo
}

/// An overlay naming `reference` in its resources.
fn overlay(reference: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("kustomization.yaml"),
        format!("namePrefix: prod-\nresources:\n- {reference}\n"),
    )
    .unwrap();
    dir
}

fn kustomize(dir: &Path, allow: bool, envs: &[(&str, &str)]) -> Run {
    let d = dir.to_str().unwrap();
    let mut args = vec!["kustomize", d];
    if allow {
        args.push("--allow-remote-bases");
    }
    flux_bare(&args, envs)
}

fn names(yaml: &str) -> Vec<&str> {
    yaml.lines().filter_map(|l| l.strip_prefix("  name: ")).collect()
}

#[test]
fn remote_bases_over_http_in_kustomize_url_forms() {
    let srv = GitHttp::start(HttpAuth::None);
    let content = remote_content();
    content.push_all(&srv.bare_repo("org/apps"));
    // A repository whose path has no `.git`, for the forms without a marker.
    let plain = srv.root().join("org/plain");
    crate::gitrepo::git(
        srv.root(),
        &["init", "--bare", "-q", "-b", "main", plain.to_str().unwrap()],
    );
    content.push_all(&plain);
    let host = format!("127.0.0.1:{}", srv.port);
    let cases = [
        (format!("http://{host}/org/apps.git//base?ref=v1"), "prod-v1"),
        (
            format!("http://{host}/org/apps.git/base?version=v1&timeout=30"),
            "prod-v1",
        ),
        (format!("git::http://{host}/org/plain//base"), "prod-v2"),
        (
            format!("HTTP://{host}/org/plain/base?ref=main&submodules=false"),
            "prod-v2",
        ),
    ];
    for (reference, want) in &cases {
        let dir = overlay(reference);
        let run = kustomize(dir.path(), true, &[]);
        run.success();
        assert_eq!(names(&run.stdout), vec!["prod-shared", want], "{reference}");
        // Off by default: the error names the URL and the flag; nothing is printed.
        let refused = kustomize(dir.path(), false, &[]);
        refused.code(1);
        assert!(refused.stdout.is_empty(), "{}", refused.stdout);
        assert!(
            refused.stderr.contains(&format!("{reference:?}"))
                && refused.stderr.contains("--allow-remote-bases"),
            "{}",
            refused.stderr
        );
    }
    assert!(
        srv.requests().iter().any(|r| r.contains("/org/plain/info/refs")),
        "{:?}",
        srv.requests()
    );
    // A missing repository or ref fails naming the base.
    let missing = format!("http://{host}/org/apps.git//base?ref=v9");
    let run = kustomize(overlay(&missing).path(), true, &[]);
    run.code(1);
    assert!(
        run.stderr.contains(&format!("{missing:?}")) && run.stderr.contains("v9"),
        "{}",
        run.stderr
    );
    // A plain file URL is never downloaded.
    let file = format!("http://{host}/org/apps/raw/main/base/cm.yaml");
    let run = kustomize(overlay(&file).path(), true, &[]);
    run.code(1);
    assert!(
        run.stderr.contains("remote file URLs are not supported"),
        "{}",
        run.stderr
    );
}

#[test]
fn remote_bases_over_ssh_check_host_keys() {
    let sshd = Sshd::start();
    let home = tempfile::tempdir().unwrap();
    let (key, public) = keygen(home.path(), "id");
    sshd.authorize(&public);
    let agent = Agent::start(&key);
    let bare = sshd.bare_repo("apps");
    remote_content().push_all(&bare);
    let reference = format!("{}//base?ref=v1", sshd.url(&bare));
    let dir = overlay(&reference);
    let sock = agent.sock.to_str().unwrap().to_string();
    let home_s = home.path().to_str().unwrap().to_string();
    let envs = [("HOME", home_s.as_str()), ("SSH_AUTH_SOCK", sock.as_str())];
    // The host is not in ~/.ssh/known_hosts: refused.
    let run = kustomize(dir.path(), true, &envs);
    run.code(1);
    assert!(
        run.stderr.contains("known_hosts") && run.stderr.contains(&format!("{reference:?}")),
        "{}",
        run.stderr
    );
    std::fs::create_dir_all(home.path().join(".ssh")).unwrap();
    std::fs::write(home.path().join(".ssh/known_hosts"), sshd.known_hosts()).unwrap();
    let run = kustomize(dir.path(), true, &envs);
    run.success();
    assert_eq!(names(&run.stdout), vec!["prod-shared", "prod-v1"]);
    // A wrong host key is refused.
    let other = Sshd::start();
    let wrong = other
        .known_hosts()
        .replace(&other.port.to_string(), &sshd.port.to_string());
    std::fs::write(home.path().join(".ssh/known_hosts"), wrong).unwrap();
    let run = kustomize(dir.path(), true, &envs);
    run.code(1);
    assert!(run.stderr.contains(&format!("{reference:?}")), "{}", run.stderr);
    assert!(run.stdout.is_empty());
}

#[test]
fn build_kustomization_fetches_remote_bases_only_when_allowed() {
    let srv = GitHttp::start(HttpAuth::None);
    remote_content().push_all(&srv.bare_repo("apps"));
    let reference = format!("{}//base?ref=v1", srv.url("apps"));
    let tree = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tree.path().join("apps")).unwrap();
    std::fs::write(
        tree.path().join("apps/kustomization.yaml"),
        format!("resources:\n- {reference}\n"),
    )
    .unwrap();
    std::fs::write(
        tree.path().join("ks.yaml"),
        "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: apps\n  namespace: flux-system\n\
         spec:\n  interval: 10m\n  path: ./apps\n  prune: true\n  targetNamespace: prod\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n",
    )
    .unwrap();
    let run_build = |allow: bool| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_flux-rs"));
        cmd.current_dir(tree.path())
            .args([
                "build",
                "kustomization",
                "apps",
                "--path",
                "./apps",
                "--kustomization-file",
                "./ks.yaml",
                "--dry-run",
            ])
            .env("NO_COLOR", "1")
            .env_remove("SOPS_AGE_KEY_FILE")
            .env_remove("SOPS_AGE_KEY");
        if allow {
            cmd.arg("--allow-remote-bases");
        }
        cmd.output().unwrap()
    };
    let out = run_build(false);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("{reference:?}")) && stderr.contains("--allow-remote-bases"),
        "{stderr}"
    );
    let out = run_build(true);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(names(&stdout), vec!["shared", "v1"], "{stdout}");
    assert!(stdout.contains("namespace: prod"), "{stdout}");
    assert!(
        stdout.contains("kustomize.toolkit.fluxcd.io/name: apps"),
        "{stdout}"
    );
}

#[tokio::test]
async fn the_reconcile_engine_refuses_remote_bases_unless_allowed() {
    use flux_rs::apply::Action;
    use flux_rs::reconcile::Outcome;
    use k8s_openapi::api::core::v1::ConfigMap;
    use kube::api::Api;

    use crate::harness::TestNamespace;
    use crate::reconcile::{Fixture, engine_options, ready};

    let ns = TestNamespace::new("rec-remote").await;
    let n = ns.name.clone();
    let mut f = Fixture::shared(&ns).await;
    let srv = GitHttp::start(HttpAuth::None);
    let remote = WorkRepo::new();
    remote.write(
        "base/kustomization.yaml",
        &format!("namespace: {n}\nresources:\n- cm.yaml\n"),
    );
    remote.write("base/cm.yaml", &config_map("from-remote"));
    remote.commit("base");
    remote.push_all(&srv.bare_repo("apps"));
    let reference = format!("{}//base", srv.url("apps"));
    let local = format!("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: local\n  namespace: {n}\n");
    let rev = |i: u32| format!("main@sha1:{i:040x}");
    f.publish(
        "repo",
        &rev(1),
        &[
            ("deploy/kustomization.yaml", "resources:\n- local.yaml\n"),
            ("deploy/local.yaml", &local),
        ],
    )
    .await;
    f.create_ks("app", serde_json::json!({})).await;
    let r = f.reconcile("app").await;
    assert_eq!(r.outcome, Outcome::Succeeded, "{:?}", r.outcome);

    // Without remote bases allowed: Ready=False names the URL and the flag; the object
    // applied before stays, nothing is pruned.
    let with_remote = format!("resources:\n- local.yaml\n- {reference}\n");
    f.publish(
        "repo",
        &rev(2),
        &[
            ("deploy/kustomization.yaml", &with_remote),
            ("deploy/local.yaml", &local),
        ],
    )
    .await;
    let r = f.reconcile("app").await;
    assert!(
        matches!(&r.outcome, Outcome::Failed { reason, .. } if reason == "BuildFailed"),
        "{:?}",
        r.outcome
    );
    assert!(r.changes.entries.is_empty(), "nothing applied or pruned");
    let (status, _, message) = ready(&f.ks("app").await);
    assert_eq!(status, "False");
    assert!(
        message.contains(&format!("{reference:?}")) && message.contains("--allow-remote-bases"),
        "{message}"
    );
    let cms: Api<ConfigMap> = Api::namespaced(f.client.clone(), &n);
    assert!(cms.get_opt("local").await.unwrap().is_some());
    assert!(
        srv.requests().is_empty(),
        "no request reached the Git server: {:?}",
        srv.requests()
    );

    // Allowed: the base is fetched and applied.
    let mut options = engine_options();
    options.remote_bases = Some(std::sync::Arc::new(
        flux_rs::source::remote_base::GitLoader::default(),
    ));
    let f = f.with_engine_options(options);
    let r = f.reconcile("app").await;
    assert_eq!(r.outcome, Outcome::Succeeded, "{:?}", r.outcome);
    assert_eq!(r.changes.count(Action::Created), 1);
    assert!(cms.get_opt("from-remote").await.unwrap().is_some());
}
