//! HelmRepositories (type default) against a real HTTP server on loopback
//! (`helm_http.rs`): the index stored as the artifact, an unchanged index not downloaded
//! again (304), basic auth and TLS with the Secret's CA, and bad inputs.

use std::fmt::Write as _;

use flux_rs::api::HelmRepository;
use flux_rs::api::meta::{self, READY};
use flux_rs::source::SourceOptions;
use flux_rs::source::helm::repository;
use kube::Client;
use kube::api::{Api, PostParams};
use serde_json::{Value, json};

use crate::gitrepo::scratch;
use crate::harness::{TestNamespace, client, ensure_crds, flux_env};
use crate::helm_http::HelmHttp;

fn index(versions: &[&str]) -> String {
    let mut s = String::from("apiVersion: v1\nentries:\n  app:\n");
    for v in versions {
        let _ = write!(
            s,
            "  - apiVersion: v2\n    name: app\n    version: {v}\n    description: a chart written for the tests\n    urls:\n    - charts/app-{v}.tgz\n    digest: 0000\n"
        );
    }
    s.push_str("generated: \"2026-01-01T00:00:00Z\"\n");
    s
}

fn sha(text: &str) -> String {
    flux_rs::source::oci::registry::digest_of(text.as_bytes())
}

async fn create(client: &Client, ns: &str, name: &str, spec: Value) {
    let api: Api<HelmRepository> = Api::namespaced(client.clone(), ns);
    let mut full = json!({"interval": "1h"});
    for (k, v) in spec.as_object().unwrap() {
        full[k] = v.clone();
    }
    let repo: HelmRepository = serde_json::from_value(json!({
        "apiVersion": "source.toolkit.fluxcd.io/v1", "kind": "HelmRepository",
        "metadata": {"name": name, "namespace": ns}, "spec": full,
    }))
    .unwrap();
    api.create(&PostParams::default(), &repo).await.unwrap();
}

async fn reconcile(
    client: &Client,
    ns: &str,
    name: &str,
    opts: &SourceOptions,
) -> (
    Result<repository::Reconciled, repository::HelmError>,
    HelmRepository,
) {
    let api: Api<HelmRepository> = Api::namespaced(client.clone(), ns);
    let live = api.get(name).await.unwrap();
    let r = repository::reconcile(client, &live, opts).await;
    (r, api.get(name).await.unwrap())
}

fn ready(repo: &HelmRepository) -> (String, String, String) {
    let c = meta::find_condition(repo.conditions(), READY).expect("a Ready condition");
    (c.status.clone(), c.reason.clone(), c.message.clone())
}

#[tokio::test]
async fn an_index_is_stored_and_an_unchanged_one_not_downloaded_again() {
    ensure_crds();
    let ns = TestNamespace::new("helmrepo").await;
    let n = ns.name.as_str();
    let client = client().await;
    let server = HelmHttp::start(None, None);
    let one = index(&["1.0.0", "1.1.0"]);
    server.write("index.yaml", &one);
    let cache = tempfile::tempdir().unwrap();
    let env = [("XDG_CACHE_HOME", cache.path().to_str().unwrap())];

    let r = flux_env(
        &[
            "create",
            "source",
            "helm",
            "charts",
            "--url",
            &server.base,
            "-n",
            n,
        ],
        &env,
    );
    r.success();
    assert!(
        r.stderr.contains(&format!("✔ fetched revision: {}", sha(&one))),
        "{}",
        r.stderr
    );
    let api: Api<HelmRepository> = Api::namespaced(client.clone(), n);
    let live = api.get("charts").await.unwrap();
    assert_eq!(
        ready(&live),
        (
            "True".into(),
            "Succeeded".into(),
            format!("stored artifact: revision '{}'", sha(&one))
        )
    );
    let a = live.status.clone().unwrap().artifact.unwrap();
    assert_eq!(
        a.path,
        format!("helmrepository/{n}/charts/index-{}.yaml", &sha(&one)[7..])
    );
    let stored = cache.path().join("flux-rs/artifacts").join(&a.path);
    assert_eq!(std::fs::read_to_string(&stored).unwrap(), one);

    // Unchanged: one conditional request answered 304, nothing downloaded or written.
    let r = flux_env(&["reconcile", "source", "helm", "charts", "-n", n], &env);
    r.success();
    let log = server.log();
    assert!(
        log.last().unwrap().contains("\"GET /index.yaml HTTP/1.1\" 304"),
        "{log:?}"
    );
    assert_eq!(api.get("charts").await.unwrap().status, live.status);

    // A new index: a new revision.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let two = index(&["1.0.0", "1.1.0", "2.0.0"]);
    server.write("index.yaml", &two);
    let r = flux_env(&["reconcile", "source", "helm", "charts", "-n", n], &env);
    r.success();
    assert!(
        r.stderr.contains(&format!("✔ fetched revision {}", sha(&two))),
        "{}",
        r.stderr
    );
    let r = flux_env(&["get", "sources", "helm", "-n", n], &env);
    r.success();
    assert!(
        r.stdout.contains(&format!("charts   {}", &sha(&two)[..15])),
        "{}",
        r.stdout
    );

    // A type oci repository has no index: its URL is checked.
    let r = flux_env(
        &[
            "create",
            "source",
            "helm",
            "oci",
            "--url=oci://127.0.0.1:1/charts",
            "--type=oci",
            "-n",
            n,
        ],
        &env,
    );
    r.success();
    let live = api.get("oci").await.unwrap();
    assert_eq!(ready(&live).2, "Helm repository is ready");
}

#[tokio::test]
async fn basic_auth_tls_and_bad_indexes() {
    ensure_crds();
    let ns = TestNamespace::new("helmrepo-bad").await;
    let n = ns.name.as_str();
    let client = client().await;
    let pki = tempfile::tempdir().unwrap();
    let (ca, chain, key) = crate::source::private_ca(pki.path(), "charts");
    let server = HelmHttp::start(Some("helm:s3cret"), Some((&chain, &key)));
    let one = index(&["1.0.0"]);
    server.write("index.yaml", &one);
    server.write("broken/index.yaml", "apiVersion: v1\nentries:\n  app: {\n");
    server.write("notindex/index.yaml", "kind: ConfigMap\n");
    let ca_file = pki.path().join("ca.pem");
    std::fs::write(&ca_file, &ca).unwrap();
    let (_tmp, dir) = scratch();
    let opts = SourceOptions::in_dir(&dir);
    let env: [(&str, &str); 0] = [];

    flux_env(
        &[
            "create", "secret", "helm", "auth", "-u", "helm", "-p", "s3cret", "-n", n,
        ],
        &env,
    )
    .success();
    flux_env(
        &[
            "create", "secret", "helm", "wrong", "-u", "helm", "-p", "nope", "-n", n,
        ],
        &env,
    )
    .success();
    flux_env(
        &[
            "create",
            "secret",
            "helm",
            "tls",
            "--ca-crt-file",
            ca_file.to_str().unwrap(),
            "-n",
            n,
        ],
        &env,
    )
    .success();

    create(
        &client,
        n,
        "good",
        json!({"url": server.base, "secretRef": {"name": "auth"}, "certSecretRef": {"name": "tls"}}),
    )
    .await;
    let (r, live) = reconcile(&client, n, "good", &opts).await;
    assert_eq!(r.unwrap().revision, sha(&one));
    assert_eq!(ready(&live).0, "True");

    let check = |live: &HelmRepository, reason: &str| {
        let (status, got, message) = ready(live);
        assert_eq!((status.as_str(), got.as_str()), ("False", reason), "{message}");
        assert!(live.status.as_ref().unwrap().artifact.is_none());
        message
    };
    create(
        &client,
        n,
        "wrong",
        json!({"url": server.base, "secretRef": {"name": "wrong"}, "certSecretRef": {"name": "tls"}}),
    )
    .await;
    let (_, live) = reconcile(&client, n, "wrong", &opts).await;
    let m = check(&live, "AuthenticationFailed");
    assert!(m.contains("401") && !m.contains("nope"), "{m}");

    create(
        &client,
        n,
        "noca",
        json!({"url": server.base, "secretRef": {"name": "auth"}}),
    )
    .await;
    let (_, live) = reconcile(&client, n, "noca", &opts).await;
    let m = check(&live, "IndexationFailed");
    assert!(m.to_lowercase().contains("certificate"), "{m}");

    for (name, path, want) in [
        ("broken", "broken", "failed to load Helm repository index"),
        ("notindex", "notindex", "no apiVersion"),
        ("missing", "missing", "404"),
    ] {
        create(&client, n, name, json!({"url": format!("{}/{path}/", server.base), "secretRef": {"name": "auth"}, "certSecretRef": {"name": "tls"}})).await;
        let (_, live) = reconcile(&client, n, name, &opts).await;
        let m = check(&live, "IndexationFailed");
        assert!(m.contains(want), "{name}: {m}");
    }

    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    create(
        &client,
        n,
        "unreachable",
        json!({"url": format!("http://127.0.0.1:{port}")}),
    )
    .await;
    let (_, live) = reconcile(&client, n, "unreachable", &opts).await;
    let m = check(&live, "IndexationFailed");
    assert!(m.contains(&format!("cannot reach 127.0.0.1:{port}")), "{m}");

    create(
        &client,
        n,
        "access",
        json!({"url": server.base, "accessFrom": {"namespaceSelectors": [{"matchLabels": {"a": "b"}}]}}),
    )
    .await;
    let (r, live) = reconcile(&client, n, "access", &opts).await;
    assert!(r.unwrap_err().stalled);
    assert!(check(&live, "UnsupportedFeature").contains("spec.accessFrom"));
}

#[tokio::test]
async fn the_controller_fetches_helmrepositories() {
    use crate::harness::{bin, kubeconfig};
    use crate::process::ControllerProcess;
    use crate::recorder::eventually;
    use std::time::Duration;

    ensure_crds();
    let ns = TestNamespace::new("helmrepo-ctl").await;
    let n = ns.name.as_str();
    let client = client().await;
    let server = HelmHttp::start(None, None);
    let one = index(&["1.0.0"]);
    server.write("index.yaml", &one);
    create(
        &client,
        n,
        "charts",
        json!({"url": server.base, "interval": "2s"}),
    )
    .await;
    let root = tempfile::Builder::new().prefix("flux-rs-ctl-").tempdir().unwrap();
    let storage = root.path().join("data");
    let mut cmd = std::process::Command::new(bin());
    cmd.arg("controller")
        .arg("--kubeconfig")
        .arg(kubeconfig())
        .args(["--watch-namespace", n, "--runtime-namespace", n])
        .arg("--storage-path")
        .arg(&storage)
        .args([
            "--metrics-addr=127.0.0.1:0",
            "--health-addr=127.0.0.1:0",
            "--log-encoding=json",
        ]);
    let mut ctl = ControllerProcess::spawn("flux-rs controller", cmd, vec![root]);
    let api: Api<HelmRepository> = Api::namespaced(client.clone(), n);
    let patience = Duration::from_secs(60);
    let want = sha(&one);
    let live = eventually(patience, "the index stored by the controller", || {
        let (api, want) = (api.clone(), want.clone());
        async move {
            api.get("charts")
                .await
                .ok()
                .filter(|r| r.artifact_revision() == Some(want.as_str()))
        }
    })
    .await;
    let path = live.status.unwrap().artifact.unwrap().path;
    assert!(storage.join(&path).is_file(), "{path}");
    // The next interval asks conditionally: 304, nothing downloaded.
    eventually(patience, "a conditional request answered 304", || {
        let log = server.log();
        async move { log.iter().any(|l| l.contains("\" 304 ")).then_some(()) }
    })
    .await;
    std::thread::sleep(Duration::from_millis(1100));
    let two = index(&["1.0.0", "2.0.0"]);
    server.write("index.yaml", &two);
    let want = sha(&two);
    eventually(patience, "the new index at the next interval", || {
        let (api, want) = (api.clone(), want.clone());
        async move {
            api.get("charts")
                .await
                .ok()
                .filter(|r| r.artifact_revision() == Some(want.as_str()))
        }
    })
    .await;
    assert!(
        server.log().iter().any(|l| l.contains("\" 304 ")),
        "{:?}",
        server.log()
    );
    ctl.terminate();
    assert_eq!(ctl.wait_exit(Duration::from_secs(60)), 0, "{}", ctl.logs());
}
