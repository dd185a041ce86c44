//! `create source git`, `reconcile source git`, `create secret git` and `get sources git`
//! through the binary, against the real API server, `file://` repositories and the sshd
//! fixture. Each test gives the binary its own cache directory (`XDG_CACHE_HOME`).

use std::collections::BTreeSet;

use flux_rs::api::GitRepository;
use flux_rs::api::meta::{self, READY};
use k8s_openapi::api::core::v1::Secret;
use kube::api::Api;

use crate::gitrepo::WorkRepo;
use crate::harness::{TestNamespace, client, flux_bare, flux_env};
use crate::sshd::Sshd;

fn short(sha: &str) -> &str {
    &sha[..8]
}

fn secret_text(s: &Secret, key: &str) -> String {
    let data = s.data.as_ref().expect("data");
    String::from_utf8(data.get(key).unwrap_or_else(|| panic!("no {key}")).0.clone()).unwrap()
}

#[tokio::test]
async fn create_reconcile_and_get_source_git() {
    let ns = TestNamespace::new("src-cli").await;
    let client = client().await;
    let cache = tempfile::tempdir().unwrap();
    let cache_dir = cache.path().to_str().unwrap();
    let env = [("XDG_CACHE_HOME", cache_dir)];
    let n = ns.name.as_str();
    let w = WorkRepo::new();
    w.write("deploy/a.yaml", "one\n");
    let c1 = w.commit("one");
    let url = w.url();

    let r = flux_env(
        &[
            "create", "source", "git", "demo", "--url", &url, "--branch", "main", "-n", n,
        ],
        &env,
    );
    r.success();
    for line in [
        "✚ generating GitRepository source".to_string(),
        "► applying GitRepository source".into(),
        "✔ GitRepository source created".into(),
        format!("► fetching GitRepository demo in {n} namespace"),
        "✔ GitRepository source reconciliation completed".into(),
        format!("✔ fetched revision: main@sha1:{c1}"),
    ] {
        assert!(
            r.stderr.lines().any(|l| l == line),
            "missing {line:?} in\n{}",
            r.stderr
        );
    }
    let api: Api<GitRepository> = Api::namespaced(client.clone(), n);
    let live = api.get("demo").await.unwrap();
    assert_eq!(live.spec.interval, "1m0s");
    let artifact = live.status.as_ref().unwrap().artifact.clone().unwrap();
    assert_eq!(artifact.revision, format!("main@sha1:{c1}"));
    let prefix = format!("file://{cache_dir}/flux-rs/artifacts/gitrepository/{n}/demo/");
    assert!(artifact.url.starts_with(&prefix), "{}", artifact.url);
    assert!(std::path::Path::new(artifact.url.strip_prefix("file://").unwrap()).is_file());

    // New commits: `reconcile source git` fetches them; the CLI keeps two artifacts.
    let mut last = c1.clone();
    for i in 2..=3 {
        w.write("deploy/a.yaml", &format!("{i}\n"));
        last = w.commit("next");
        let r = flux_env(&["reconcile", "source", "git", "demo", "-n", n], &env);
        r.success();
        assert!(
            r.stderr
                .lines()
                .any(|l| l == format!("✔ fetched revision main@sha1:{last}")),
            "{}",
            r.stderr
        );
    }
    let dir = cache
        .path()
        .join(format!("flux-rs/artifacts/gitrepository/{n}/demo"));
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        2,
        "retention of two artifacts"
    );
    let live = api.get("demo").await.unwrap();
    assert_eq!(
        live.artifact_revision(),
        Some(format!("main@sha1:{last}").as_str())
    );

    // Nothing new: same revision, no status write.
    let rv = live.metadata.resource_version.clone();
    flux_env(&["reconcile", "source", "git", "demo", "-n", n], &env).success();
    assert_eq!(api.get("demo").await.unwrap().metadata.resource_version, rv);

    // `get sources git` shows it as upstream does.
    let r = flux_env(&["get", "sources", "git", "-n", n], &env);
    r.success();
    let row = r
        .stdout
        .lines()
        .find(|l| l.starts_with("demo "))
        .unwrap_or_else(|| panic!("{}", r.stdout));
    let cols: Vec<&str> = row
        .split("   ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    let rev = format!("main@sha1:{}", short(&last));
    assert_eq!(
        cols,
        [
            "demo",
            rev.as_str(),
            "False",
            "True",
            &format!("stored artifact for revision '{rev}'")
        ]
    );

    // Create again: updated, not created.
    let r = flux_env(
        &[
            "create",
            "source",
            "git",
            "demo",
            "--url",
            &url,
            "--branch",
            "main",
            "--interval=5m",
            "-n",
            n,
        ],
        &env,
    );
    r.success();
    assert!(
        r.stderr.contains("✔ GitRepository source updated"),
        "{}",
        r.stderr
    );
    assert_eq!(api.get("demo").await.unwrap().spec.interval, "5m0s");

    // A branch that does not exist: Ready=False with upstream's reason and message, exit 1.
    let r = flux_env(
        &[
            "create", "source", "git", "bad", "--url", &url, "--branch", "nope", "-n", n,
        ],
        &env,
    );
    r.code(1);
    let want = format!(
        "failed to checkout and determine revision: unable to fetch '{url}': couldn't find remote ref \"refs/heads/nope\""
    );
    assert!(
        r.stderr
            .lines()
            .any(|l| l == format!("✗ GitRepository reconciliation failed: {want}")),
        "{}",
        r.stderr
    );
    let bad = api.get("bad").await.unwrap();
    let c = meta::find_condition(bad.conditions(), READY).unwrap();
    assert_eq!(
        (c.status.as_str(), c.reason.as_str(), c.message.as_str()),
        ("False", "GitOperationFailed", want.as_str())
    );
    let r = flux_env(&["get", "sources", "git", "bad", "-n", n], &env);
    assert!(
        r.stdout.contains("False   couldn't") || r.stdout.contains("failed to checkout"),
        "{}",
        r.stdout
    );

    // Suspended objects are refused; missing ones are named.
    flux_env(&["suspend", "source", "git", "demo", "-n", n], &env).success();
    let r = flux_env(&["reconcile", "source", "git", "demo", "-n", n], &env);
    r.code(1);
    assert!(
        r.stderr.lines().any(|l| l == "✗ resource is suspended"),
        "{}",
        r.stderr
    );
    let r = flux_env(&["reconcile", "source", "git", "missing", "-n", n], &env);
    r.code(1);
    assert!(
        r.stderr.contains("missing") && r.stderr.contains("not found"),
        "{}",
        r.stderr
    );
}

#[test]
fn create_source_git_export_needs_no_cluster() {
    let r = flux_bare(
        &[
            "create",
            "source",
            "git",
            "podinfo",
            "--url=https://github.com/stefanprodan/podinfo",
            "--tag=6.5.0",
            "--interval=10m",
            "--secret-ref=auth",
            "--ignore-paths=/docs/,*.md",
            "--label=team=web",
            "--export",
        ],
        &[("KUBECONFIG", "/nonexistent")],
    );
    r.success();
    assert_eq!(
        r.stdout,
        "---
apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata:
  labels:
    team: web
  name: podinfo
  namespace: flux-system
spec:
  ignore: |-
    /docs/
    *.md
  interval: 10m0s
  ref:
    tag: 6.5.0
  secretRef:
    name: auth
  url: https://github.com/stefanprodan/podinfo
"
    );
    let r = flux_bare(&["create", "source", "git", "x", "--url=https://h/x"], &[]);
    r.code(2); // a usage error
    assert!(r.stderr.contains("a Git ref is required"), "{}", r.stderr);
}

#[tokio::test]
async fn create_secret_git_for_ssh_and_fetch_with_it() {
    let ns = TestNamespace::new("src-cli-ssh").await;
    let client = client().await;
    let cache = tempfile::tempdir().unwrap();
    let env = [("XDG_CACHE_HOME", cache.path().to_str().unwrap())];
    let n = ns.name.as_str();
    let sshd = Sshd::start();
    let w = WorkRepo::new();
    w.write("deploy/app.yaml", "app\n");
    let head = w.commit("one");
    let bare = sshd.bare_repo("app");
    w.push_all(&bare);
    let url = sshd.url(&bare);
    let secrets: Api<Secret> = Api::namespaced(client.clone(), n);
    let host_keys: BTreeSet<String> = sshd.known_hosts().lines().map(str::to_string).collect();

    for (name, flags, prefix) in [
        ("default", vec![], "ecdsa-sha2-nistp384 "),
        ("ed25519", vec!["--ssh-key-algorithm=ed25519"], "ssh-ed25519 "),
        ("p521", vec!["--ssh-ecdsa-curve", "p521"], "ecdsa-sha2-nistp521 "),
    ] {
        let secret_name = format!("auth-{name}");
        let mut args = vec![
            "create",
            "secret",
            "git",
            secret_name.as_str(),
            "--url",
            url.as_str(),
            "-n",
            n,
        ];
        args.extend(flags);
        let r = flux_env(&args, &env);
        r.success();
        assert!(!r.stderr.contains("PRIVATE KEY") && !r.stdout.contains("PRIVATE KEY"));
        assert!(
            r.stderr.contains(&format!(
                "► host key: [127.0.0.1]:{} ssh-ed25519 SHA256:",
                sshd.port
            )),
            "{}",
            r.stderr
        );
        assert!(
            r.stderr
                .lines()
                .any(|l| l == format!("✔ git secret '{secret_name}' created in '{n}' namespace")),
            "{}",
            r.stderr
        );
        let s = secrets.get(&secret_name).await.unwrap();
        let public = secret_text(&s, "identity.pub");
        assert!(public.starts_with(prefix), "{name}: {public}");
        assert!(
            r.stderr.contains(&format!("✚ deploy key: {}", public.trim())),
            "{}",
            r.stderr
        );
        assert!(secret_text(&s, "identity").starts_with("-----BEGIN OPENSSH PRIVATE KEY-----"));
        let known: BTreeSet<String> = secret_text(&s, "known_hosts")
            .lines()
            .map(str::to_string)
            .collect();
        assert_eq!(known, host_keys, "every host key of the server");

        sshd.authorize(&public);
        let repo = format!("app-{name}");
        let r = flux_env(
            &[
                "create",
                "source",
                "git",
                &repo,
                "--url",
                &url,
                "--branch",
                "main",
                "--secret-ref",
                &secret_name,
                "-n",
                n,
            ],
            &env,
        );
        r.success();
        assert!(
            r.stderr
                .contains(&format!("✔ fetched revision: main@sha1:{head}")),
            "{}",
            r.stderr
        );
    }

    // An existing, passphrase-protected key.
    let keyfile = sshd.dir().join("user_key");
    let out = std::process::Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "s3cret pass", "-C", "", "-f"])
        .arg(&keyfile)
        .output()
        .unwrap();
    assert!(out.status.success());
    let keyfile = keyfile.to_str().unwrap();
    let r = flux_env(
        &[
            "create",
            "secret",
            "git",
            "own",
            "--url",
            &url,
            "--private-key-file",
            keyfile,
            "-n",
            n,
        ],
        &env,
    );
    r.code(1);
    assert!(r.stderr.contains("encrypted and no passphrase"), "{}", r.stderr);
    let r = flux_env(
        &[
            "create",
            "secret",
            "git",
            "own",
            "--url",
            &url,
            "--private-key-file",
            keyfile,
            "--password=s3cret pass",
            "-n",
            n,
        ],
        &env,
    );
    r.success();
    assert!(!r.stderr.contains("s3cret"));
    let s = secrets.get("own").await.unwrap();
    assert_eq!(secret_text(&s, "password"), "s3cret pass");
    sshd.authorize(&secret_text(&s, "identity.pub"));
    flux_env(
        &[
            "create",
            "source",
            "git",
            "own",
            "--url",
            &url,
            "--branch",
            "main",
            "--secret-ref",
            "own",
            "-n",
            n,
        ],
        &env,
    )
    .success();

    // --export prints the Secret and creates nothing.
    let r = flux_env(
        &[
            "create", "secret", "git", "exported", "--url", &url, "-n", n, "--export",
        ],
        &env,
    );
    r.success();
    assert!(
        r.stdout.starts_with("---\napiVersion: v1\nkind: Secret\n"),
        "{}",
        r.stdout
    );
    for key in ["identity: |", "identity.pub: |", "known_hosts: |", "stringData:"] {
        assert!(r.stdout.contains(key), "{key} in\n{}", r.stdout);
    }
    assert!(secrets.get_opt("exported").await.unwrap().is_none());

    // HTTPS credentials.
    let r = flux_env(
        &[
            "create",
            "secret",
            "git",
            "https",
            "--url=https://example.com/x",
            "-u",
            "git",
            "-p",
            "tok",
            "-n",
            n,
        ],
        &env,
    );
    r.success();
    let s = secrets.get("https").await.unwrap();
    assert_eq!(
        (
            secret_text(&s, "username").as_str(),
            secret_text(&s, "password").as_str()
        ),
        ("git", "tok")
    );
    let r = flux_env(
        &[
            "create",
            "secret",
            "git",
            "https2",
            "--url=https://example.com/x",
            "-u",
            "git",
            "-n",
            n,
        ],
        &env,
    );
    r.code(2); // a usage error
    assert!(
        r.stderr.contains("username and password are required"),
        "{}",
        r.stderr
    );
    let r = flux_env(
        &[
            "create",
            "secret",
            "git",
            "rsa",
            "--url",
            &url,
            "--ssh-key-algorithm=rsa",
            "-n",
            n,
        ],
        &env,
    );
    r.code(1);
    assert!(
        r.stderr.contains("unsupported RSA key generation"),
        "{}",
        r.stderr
    );
}
