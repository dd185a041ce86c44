//! Notifications with real parts: webhook servers on loopback receive what Providers send
//! (bodies and signatures checked as the services document them), from a one-shot CLI run
//! and from an in-process controller; a GitHub-style push to a Receiver makes the
//! controller fetch at once; a failing provider retries and is reported; secrets never show
//! in output, logs or events. Latencies are printed as `figure:` lines (no timed assertion).

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use flux_rs::api::GitRepository;
use flux_rs::api::notification::{Provider, Receiver};
use flux_rs::notify::provider::{hex, hmac_sha256};
use flux_rs::notify::{Notifier, NotifierOptions};
use flux_rs::source::SourceOptions;
use k8s_openapi::api::core::v1::{Event, Secret};
use kube::Client;
use kube::api::{Api, ListParams, PostParams};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::github_fake::GitHubFake;
use crate::gitrepo::WorkRepo;
use crate::harness::{TestNamespace, client, flux_env};
use crate::recorder::{self, eventually, http_get};

/// One request a hook server received.
#[derive(Clone, Debug)]
struct Received {
    path: String,
    headers: BTreeMap<String, String>,
    body: Vec<u8>,
    at: Instant,
}

/// A webhook server on loopback: records every request; paths starting with `/fail` answer
/// 500, the others 200.
#[derive(Clone)]
struct HookServer {
    addr: SocketAddr,
    seen: Arc<Mutex<Vec<Received>>>,
}

async fn read_request(s: &mut TcpStream) -> Option<Received> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let end = loop {
        let n = s.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
    };
    let head = String::from_utf8_lossy(&buf[..end]).to_string();
    let mut lines = head.split("\r\n");
    let path = lines.next()?.split(' ').nth(1)?.to_string();
    let headers: BTreeMap<String, String> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let len: usize = headers
        .get("content-length")
        .and_then(|l| l.parse().ok())
        .unwrap_or(0);
    let mut body = buf[end..].to_vec();
    while body.len() < len {
        let n = s.read(&mut chunk).await.ok()?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    Some(Received {
        path,
        headers,
        body,
        at: Instant::now(),
    })
}

impl HookServer {
    async fn start() -> HookServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let server = HookServer {
            addr: listener.local_addr().unwrap(),
            seen: Arc::default(),
        };
        let seen = server.seen.clone();
        tokio::spawn(async move {
            while let Ok((mut s, _)) = listener.accept().await {
                let seen = seen.clone();
                tokio::spawn(async move {
                    let Some(r) = read_request(&mut s).await else {
                        return;
                    };
                    let status = if r.path.starts_with("/fail") {
                        "500 Internal Server Error"
                    } else {
                        "200 OK"
                    };
                    seen.lock().unwrap().push(r);
                    let _ = s
                        .write_all(
                            format!("HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                                .as_bytes(),
                        )
                        .await;
                });
            }
        });
        server
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    fn requests(&self, prefix: &str) -> Vec<Received> {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .filter(|r| r.path.starts_with(prefix))
            .cloned()
            .collect()
    }
}

async fn secret(client: &Client, ns: &str, name: &str, data: &[(&str, &str)]) {
    let data: BTreeMap<&str, &str> = data.iter().copied().collect();
    let s: Secret = serde_json::from_value(json!({"metadata": {"name": name}, "stringData": data})).unwrap();
    Api::<Secret>::namespaced(client.clone(), ns)
        .create(&PostParams::default(), &s)
        .await
        .unwrap();
}

/// Every event of the namespace, as text.
async fn events_text(client: &Client, ns: &str) -> (String, Vec<Event>) {
    let events = Api::<Event>::namespaced(client.clone(), ns)
        .list(&ListParams::default())
        .await
        .unwrap()
        .items;
    (serde_json::to_string(&events).unwrap(), events)
}

fn json_body(r: &Received) -> Value {
    serde_json::from_slice(&r.body).unwrap()
}

// Multi-threaded: the CLI runs block the test's thread while the hook server answers.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_shot_runs_deliver_to_alerts_and_report_failures_without_secrets() {
    let ns = TestNamespace::new("notify-oneshot").await;
    let n = ns.name.clone();
    let client = client().await;
    let hooks = HookServer::start().await;
    let cache = tempfile::tempdir().unwrap();
    let cli = |args: &[&str]| {
        let mut full: Vec<&str> = args.to_vec();
        full.extend(["-n", &n]);
        flux_env(&full, &[("XDG_CACHE_HOME", cache.path().to_str().unwrap())])
    };
    let repo = WorkRepo::new();
    repo.write(
        "deploy/cm.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notified\ndata:\n  a: b\n",
    );
    let head = repo.commit("first");

    // Secrets: a token and addresses whose paths are secret too.
    let token = format!("tok-{}", crate::harness::random_suffix());
    let signed_path = format!("/signed/{}", crate::harness::random_suffix());
    let broken_path = format!("/fail/{}", crate::harness::random_suffix());
    secret(
        &client,
        &n,
        "signed",
        &[("address", &hooks.url(&signed_path)), ("token", &token)],
    )
    .await;
    secret(&client, &n, "broken", &[("address", &hooks.url(&broken_path))]).await;
    cli(&[
        "create",
        "alert-provider",
        "signed",
        "--type=generic-hmac",
        "--secret-ref=signed",
    ])
    .success();
    cli(&[
        "create",
        "alert-provider",
        "broken",
        "--type=generic",
        "--secret-ref=broken",
    ])
    .success();
    let slack = hooks.url("/slack");
    cli(&[
        "create",
        "alert-provider",
        "chat",
        "--type=slack",
        "--channel=ops",
        &format!("--address={slack}"),
    ])
    .success();
    let quiet = hooks.url("/quiet");
    cli(&[
        "create",
        "alert-provider",
        "quiet",
        "--type=generic",
        &format!("--address={quiet}"),
    ])
    .success();
    cli(&[
        "create",
        "alert",
        "signed",
        "--provider-ref=signed",
        "--event-source=GitRepository/*",
    ])
    .success();
    cli(&[
        "create",
        "alert",
        "broken",
        "--provider-ref=broken",
        "--event-source=GitRepository/repo",
    ])
    .success();
    cli(&[
        "create",
        "alert",
        "chat",
        "--provider-ref=chat",
        "--event-source=GitRepository/repo",
    ])
    .success();
    cli(&[
        "create",
        "alert",
        "errors",
        "--provider-ref=quiet",
        "--event-severity=error",
        "--event-source=GitRepository/*",
    ])
    .success();
    // Commit statuses on GitHub (Enterprise-style address: the fake serves /api/v3).
    let gh_token = format!("ghp-{}", crate::harness::random_suffix());
    let github = GitHubFake::start_api(&gh_token);
    secret(&client, &n, "github", &[("token", &gh_token)]).await;
    let gh_address = format!("--address={}/org/app", github.url());
    cli(&[
        "create",
        "alert-provider",
        "github",
        "--type=github",
        &gh_address,
        "--secret-ref=github",
    ])
    .success();
    cli(&[
        "create",
        "alert",
        "github",
        "--provider-ref=github",
        "--event-source=GitRepository/repo",
    ])
    .success();
    let got = cli(&["get", "alerts"]);
    got.success();
    assert!(
        got.stdout.contains("signed") && got.stdout.contains("error"),
        "{}",
        got.stdout
    );

    // A one-shot fetch records NewArtifact; the run ends after its notifications are sent.
    let started = Instant::now();
    let run = cli(&[
        "create",
        "source",
        "git",
        "repo",
        &format!("--url={}", repo.url()),
        "--branch=main",
    ]);
    let took = started.elapsed();
    run.success();

    let signed = hooks.requests("/signed/");
    assert_eq!(signed.len(), 1, "one signed delivery");
    let r = &signed[0];
    let want = format!("sha256={}", hex(&hmac_sha256(token.as_bytes(), &r.body)));
    assert_eq!(
        r.headers.get("x-signature"),
        Some(&want),
        "HMAC-SHA256 of the body with the token"
    );
    assert_eq!(
        r.headers.get("content-type").map(String::as_str),
        Some("application/json")
    );
    assert_eq!(
        r.headers.get("gotk-component").map(String::as_str),
        Some("source-controller")
    );
    let body = json_body(r);
    assert_eq!(body["involvedObject"]["kind"], "GitRepository");
    assert_eq!(body["involvedObject"]["name"], "repo");
    assert_eq!(body["involvedObject"]["namespace"], n.as_str());
    assert_eq!(body["severity"], "info");
    assert_eq!(body["reason"], "NewArtifact");
    assert_eq!(body["metadata"]["revision"], format!("main@sha1:{head}"));

    let chat = hooks.requests("/slack");
    assert_eq!(chat.len(), 1);
    let body = json_body(&chat[0]);
    assert_eq!(body["channel"], "ops");
    assert_eq!(body["attachments"][0]["color"], "good");
    assert_eq!(
        body["attachments"][0]["author_name"],
        format!("gitrepository/repo.{n}")
    );
    assert!(
        hooks.requests("/quiet").is_empty(),
        "an error-only alert gets no info event"
    );

    // The commit status: on the fetched commit, keyed kind/name/<Provider UID's first part>.
    let statuses = github.state.lock().unwrap().statuses.clone();
    assert_eq!(statuses.len(), 1, "{statuses:?}");
    let (repo_name, sha, status) = &statuses[0];
    assert_eq!((repo_name.as_str(), sha.as_str()), ("org/app", head.as_str()));
    let uid = Api::<Provider>::namespaced(client.clone(), &n)
        .get("github")
        .await
        .unwrap()
        .metadata
        .uid
        .unwrap();
    let key = format!("gitrepository/repo/{}", uid.split('-').next().unwrap());
    assert_eq!(status["context"], key.as_str());
    assert_eq!(status["state"], "success");
    assert_eq!(status["description"], "New artifact");

    // The failing provider was tried 1 + 3 times, the run says so, the Alert has a Warning.
    assert_eq!(hooks.requests("/fail/").len(), 4, "one attempt and three retries");
    assert!(
        run.stderr.contains("1 notification(s) could not be delivered"),
        "{}",
        run.stderr
    );
    let (text, events) = events_text(&client, &n).await;
    let failure = events
        .iter()
        .find(|e| {
            e.involved_object.kind.as_deref() == Some("Alert")
                && e.involved_object.name.as_deref() == Some("broken")
        })
        .expect("a Warning event on the Alert");
    assert_eq!(failure.reason.as_deref(), Some("NotificationDeliveryFailed"));
    assert_eq!(failure.type_.as_deref(), Some("Warning"));
    assert!(
        failure
            .message
            .as_deref()
            .unwrap_or_default()
            .contains("HTTP 500"),
        "{failure:?}"
    );
    for s in [
        token.as_str(),
        signed_path.as_str(),
        broken_path.as_str(),
        gh_token.as_str(),
    ] {
        assert!(!text.contains(s), "a secret in the events: {s}");
        assert!(
            !run.stdout.contains(s) && !run.stderr.contains(s),
            "a secret in the output: {s}"
        );
    }

    // A one-shot Kustomization reconcile: its event reaches an Alert on Kustomization/apps.
    cli(&[
        "create",
        "alert",
        "apps",
        "--provider-ref=signed",
        "--event-source=Kustomization/apps",
    ])
    .success();
    let target = format!("--target-namespace={n}");
    cli(&[
        "create",
        "ks",
        "apps",
        "--source=repo",
        "--path=./deploy",
        "--prune",
        &target,
    ])
    .success();
    let ks_events: Vec<Value> = hooks
        .requests("/signed/")
        .iter()
        .map(json_body)
        .filter(|b| b["involvedObject"]["kind"] == "Kustomization")
        .collect();
    assert!(
        ks_events.iter().any(|b| b["reason"] == "ReconciliationSucceeded"
            && b["reportingController"] == "kustomize-controller"
            && b["metadata"]["revision"] == format!("main@sha1:{head}").as_str()),
        "{ks_events:?}"
    );
    // A receiver type flux-rs cannot verify stalls the Receiver, naming the field.
    secret(&client, &n, "quay-token", &[("token", "t")]).await;
    let run = cli(&[
        "create",
        "receiver",
        "quay",
        "--type=quay",
        "--secret-ref=quay-token",
        "--resource=GitRepository/repo",
    ]);
    run.code(1);
    assert!(
        run.stderr
            .contains("spec.type: receiver type quay is not supported"),
        "{}",
        run.stderr
    );
    let quay = Api::<Receiver>::namespaced(client.clone(), &n)
        .get("quay")
        .await
        .unwrap();
    let conditions = quay.status.unwrap().conditions;
    let stalled = conditions.iter().find(|c| c.type_ == "Stalled").expect("Stalled");
    assert_eq!(
        (stalled.status.as_str(), stalled.reason.as_str()),
        ("True", "UnsupportedFeature")
    );
    let first = signed[0].at.min(chat[0].at);
    eprintln!(
        "figure: one-shot `create source git` with 5 alerts (one failing, retried 3 times; one GitHub commit status): run {} ms; \
         first delivery {} ms after the run started",
        took.as_millis(),
        first.duration_since(started).as_millis()
    );
}

fn webhook_path(token: &str, name: &str, ns: &str) -> String {
    // Computed here independently of flux-rs: /hook/ + hex(sha256(token + name + namespace)).
    let digest = Sha256::digest(format!("{token}{name}{ns}").as_bytes());
    format!("/hook/{}", hex(&digest))
}

/// POSTs `body` with `headers` to the receiver; returns the status.
async fn post(addr: SocketAddr, path: &str, headers: &[(&str, String)], body: &[u8]) -> u16 {
    use std::fmt::Write;
    let mut s = TcpStream::connect(addr).await.unwrap();
    let mut head = format!(
        "POST {path} HTTP/1.1\r\nHost: test\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        let _ = write!(head, "{k}: {v}\r\n");
    }
    head.push_str("\r\n");
    let _ = s.write_all(head.as_bytes()).await;
    let _ = s.write_all(body).await;
    let mut out = String::new();
    let _ = s.read_to_string(&mut out).await;
    out.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0)
}

async fn revision(api: &Api<GitRepository>) -> Option<String> {
    api.get("repo").await.ok()?.status?.artifact.map(|a| a.revision)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_github_push_to_a_receiver_reconciles_at_once_and_the_controller_notifies() {
    let ns = TestNamespace::new("notify-ctl").await;
    let n = ns.name.clone();
    let client = client().await;
    let hooks = HookServer::start().await;
    let repo = WorkRepo::new();
    repo.write("a.txt", "1");
    let c1 = repo.commit("first");
    let repos: Api<GitRepository> = Api::namespaced(client.clone(), &n);
    let gr: GitRepository = serde_json::from_value(json!({
        "metadata": {"name": "repo"},
        "spec": {"url": repo.url(), "interval": "1h", "ref": {"branch": "main"}},
    }))
    .unwrap();
    repos.create(&PostParams::default(), &gr).await.unwrap();

    let token = format!("gh-{}", crate::harness::random_suffix());
    let provider_path = format!("/ctl/{}", crate::harness::random_suffix());
    secret(&client, &n, "webhook-token", &[("token", &token)]).await;
    secret(&client, &n, "ctl", &[("address", &hooks.url(&provider_path))]).await;
    secret(&client, &n, "broken", &[("address", &hooks.url("/fail/ctl"))]).await;
    let objects = format!(
        "apiVersion: notification.toolkit.fluxcd.io/v1beta3\nkind: Provider\nmetadata:\n  name: ctl\n  namespace: {n}\nspec:\n  type: generic\n  secretRef:\n    name: ctl\n---\n\
         apiVersion: notification.toolkit.fluxcd.io/v1beta3\nkind: Provider\nmetadata:\n  name: broken\n  namespace: {n}\nspec:\n  type: generic\n  secretRef:\n    name: broken\n---\n\
         apiVersion: notification.toolkit.fluxcd.io/v1beta3\nkind: Alert\nmetadata:\n  name: ctl\n  namespace: {n}\nspec:\n  providerRef:\n    name: ctl\n  eventSources:\n  - kind: GitRepository\n    name: repo\n---\n\
         apiVersion: notification.toolkit.fluxcd.io/v1beta3\nkind: Alert\nmetadata:\n  name: broken\n  namespace: {n}\nspec:\n  providerRef:\n    name: broken\n  eventSources:\n  - kind: GitRepository\n    name: '*'\n---\n\
         apiVersion: notification.toolkit.fluxcd.io/v1\nkind: Receiver\nmetadata:\n  name: github\n  namespace: {n}\nspec:\n  type: github\n  events: [push]\n  secretRef:\n    name: webhook-token\n  resources:\n  - kind: GitRepository\n    name: repo\n"
    );
    for doc in flux_rs::yaml::from_str_json(&objects).unwrap() {
        let kind = doc["kind"].as_str().unwrap().to_string();
        let plural = format!("{}s", kind.to_lowercase());
        let ar = kube::api::ApiResource {
            group: "notification.toolkit.fluxcd.io".into(),
            version: doc["apiVersion"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .into(),
            api_version: doc["apiVersion"].as_str().unwrap().into(),
            kind,
            plural,
        };
        let api: Api<kube::api::DynamicObject> = Api::namespaced_with(client.clone(), &n, &ar);
        api.create(&PostParams::default(), &serde_json::from_value(doc).unwrap())
            .await
            .unwrap();
    }

    // The controller with the real source engine; its events go to a notifier with quick
    // retries (the failing provider is tried 1 + 3 times).
    let notify_options = NotifierOptions {
        backoff: Duration::from_millis(200),
        retries: 3,
        ..NotifierOptions::default()
    };
    let ctl = recorder::start_with(
        &n,
        |_| {},
        move |rec, client, options| {
            let notifier = Notifier::start(client.clone(), notify_options);
            let mut sources = SourceOptions::controller(&options.storage);
            sources.event_sink = notifier.sink();
            let mut reconcilers = rec.reconcilers(client, &options.storage);
            reconcilers.git_repository =
                Arc::new(flux_rs::source::controller_reconciler(client.clone(), sources));
            reconcilers.with_notifier(notifier)
        },
    )
    .await;
    let want = format!("main@sha1:{c1}");
    eventually(Duration::from_secs(60), "the first revision", || async {
        (revision(&repos).await.as_deref() == Some(want.as_str())).then_some(())
    })
    .await;
    let receivers: Api<Receiver> = Api::namespaced(client.clone(), &n);
    let path = webhook_path(&token, "github", &n);
    eventually(Duration::from_secs(30), "the receiver's webhook path", || async {
        let r = receivers.get("github").await.ok()?;
        (r.status?.webhook_path.as_deref() == Some(path.as_str())).then_some(())
    })
    .await;

    let got = crate::harness::flux_async(&["get", "receivers", "-n", &n]).await;
    got.success();
    assert!(
        got.stdout.contains("Receiver initialized for path: /hook/") && got.stdout.contains("True"),
        "{}",
        got.stdout
    );

    // Refused without touching any object: unknown path, bad signature, a non-push event,
    // an oversized body, another method.
    let push = br#"{"ref":"refs/heads/main","after":"x","repository":{"full_name":"org/app"}}"#;
    let sig = format!("sha256={}", hex(&hmac_sha256(token.as_bytes(), push)));
    let gh = |event: &str, sig: &str| {
        vec![
            ("X-GitHub-Event", event.to_string()),
            ("X-Hub-Signature-256", sig.to_string()),
        ]
    };
    let addr = ctl.receiver;
    assert_eq!(post(addr, "/hook/0000", &gh("push", &sig), push).await, 404);
    assert_eq!(post(addr, &path, &gh("push", "sha256=00ff"), push).await, 401);
    let forged = format!("sha256={}", hex(&hmac_sha256(b"not the token", push)));
    assert_eq!(post(addr, &path, &gh("push", &forged), push).await, 401);
    assert_eq!(post(addr, &path, &gh("create", &sig), push).await, 400);
    let big = vec![b' '; 5 << 20];
    assert_eq!(post(addr, &path, &gh("push", &sig), &big).await, 413);
    assert_eq!(http_get(addr, &path).await.0, 405);
    let requested = |gr: &GitRepository| {
        gr.metadata
            .annotations
            .as_ref()
            .and_then(|a| a.get("reconcile.fluxcd.io/requestedAt").cloned())
    };
    assert_eq!(
        requested(&repos.get("repo").await.unwrap()),
        None,
        "refused calls touch nothing"
    );

    // A push: the GitRepository (interval 1h) fetches the new commit at once.
    repo.write("a.txt", "2");
    let c2 = repo.commit("second");
    let pushed = Instant::now();
    assert_eq!(post(addr, &path, &gh("push", &sig), push).await, 200);
    let want = format!("main@sha1:{c2}");
    // Polled every 10ms (the figure's resolution), for a minute at most.
    while revision(&repos).await.as_deref() != Some(want.as_str()) {
        assert!(
            pushed.elapsed() < Duration::from_secs(60),
            "the pushed revision within a minute"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let ready = pushed.elapsed();
    assert!(requested(&repos.get("repo").await.unwrap()).is_some());
    let delivered = eventually(
        Duration::from_secs(30),
        "the notification of the new revision",
        || async {
            hooks
                .requests(&provider_path)
                .into_iter()
                .find(|r| json_body(r)["metadata"]["revision"] == want.as_str())
        },
    )
    .await;
    let body = json_body(&delivered);
    assert_eq!(body["reason"], "NewArtifact");
    assert_eq!(body["reportingController"], "source-controller");

    // The failing provider was retried and reported, on the Alert and in the metrics.
    let (text, events) = eventually(Duration::from_secs(30), "the delivery failure event", || async {
        let (text, events) = events_text(&client, &n).await;
        events
            .iter()
            .any(|e| e.reason.as_deref() == Some("NotificationDeliveryFailed"))
            .then_some((text, events))
    })
    .await;
    assert!(
        events
            .iter()
            .all(|e| e.involved_object.kind.as_deref() != Some("Alert")
                || e.involved_object.name.as_deref() == Some("broken"))
    );
    assert!(hooks.requests("/fail/ctl").len() >= 4, "retried");
    for s in [token.as_str(), provider_path.as_str()] {
        assert!(!text.contains(s), "a secret in the events: {s}");
    }
    let (_, metrics) = http_get(ctl.metrics, "/metrics").await;
    let failed_line = metrics
        .lines()
        .find(|l| l.starts_with("flux_rs_notification_deliveries_total{result=\"failed\"}"))
        .unwrap_or_default()
        .to_string();
    assert!(
        !failed_line.ends_with(" 0") && !failed_line.is_empty(),
        "{metrics}"
    );

    // A flood is refused with 429 before any work.
    let mut codes = Vec::new();
    for _ in 0..80 {
        codes.push(post(addr, &path, &gh("push", "sha256=00"), push).await);
    }
    assert!(codes.contains(&429), "{codes:?}");

    eprintln!(
        "figure: receiver push → GitRepository at the new revision (polled every 10ms): {} ms; push → notification received: {} ms \
         (with a failing provider retrying meanwhile)",
        ready.as_millis(),
        delivered.at.duration_since(pushed).as_millis()
    );
    ctl.stop().await;
}

/// Creates notification objects from YAML documents.
async fn create_docs(client: &Client, ns: &str, yaml: &str) {
    for doc in flux_rs::yaml::from_str_json(yaml).unwrap() {
        let api_version = doc["apiVersion"].as_str().unwrap().to_string();
        let kind = doc["kind"].as_str().unwrap().to_string();
        let (group, version) = api_version.rsplit_once('/').unwrap_or(("", &api_version));
        let ar = kube::api::ApiResource {
            group: group.into(),
            version: version.into(),
            api_version: api_version.clone(),
            plural: format!("{}s", kind.to_lowercase()).replace("repositorys", "repositories"),
            kind,
        };
        let api: Api<kube::api::DynamicObject> = Api::namespaced_with(client.clone(), ns, &ar);
        api.create(&PostParams::default(), &serde_json::from_value(doc).unwrap())
            .await
            .unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_controller_binary_serves_receivers_and_keeps_secrets_out_of_its_logs() {
    let ns = TestNamespace::new("notify-bin").await;
    let n = ns.name.clone();
    let client = client().await;
    let token = format!("hmac-{}", crate::harness::random_suffix());
    // A closed port: deliveries fail (connection refused) and are retried.
    let closed = TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap()
        .local_addr()
        .unwrap();
    let secret_path = format!("/secret-{}", crate::harness::random_suffix());
    secret(&client, &n, "hook-token", &[("token", &token)]).await;
    secret(
        &client,
        &n,
        "dead",
        &[("address", &format!("http://{closed}{secret_path}"))],
    )
    .await;
    create_docs(
        &client,
        &n,
        &format!(
            "apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: web\n  labels: {{team: web}}\nspec:\n  url: https://git.example.com/web\n  interval: 1h\n  suspend: true\n---\n\
             apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: db\n  labels: {{team: db}}\nspec:\n  url: https://git.example.com/db\n  interval: 1h\n  suspend: true\n---\n\
             apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: broken\nspec:\n  url: file:///nonexistent/{n}\n  interval: 1h\n---\n\
             apiVersion: notification.toolkit.fluxcd.io/v1beta3\nkind: Provider\nmetadata:\n  name: dead\nspec:\n  type: generic\n  timeout: 2s\n  secretRef: {{name: dead}}\n---\n\
             apiVersion: notification.toolkit.fluxcd.io/v1beta3\nkind: Alert\nmetadata:\n  name: dead\nspec:\n  providerRef: {{name: dead}}\n  eventSeverity: error\n  eventSources: [{{kind: GitRepository, name: broken}}]\n---\n\
             apiVersion: notification.toolkit.fluxcd.io/v1\nkind: Receiver\nmetadata:\n  name: hook\nspec:\n  type: generic-hmac\n  secretRef: {{name: hook-token}}\n  resources: [{{kind: GitRepository, name: '*', matchLabels: {{team: web}}}}]\n"
        ),
    )
    .await;
    let root = tempfile::tempdir().unwrap();
    let mut cmd = std::process::Command::new(crate::harness::bin());
    cmd.arg("controller")
        .arg("--kubeconfig")
        .arg(crate::harness::kubeconfig())
        .args(["--watch-namespace", &n, "--runtime-namespace", &n])
        .arg("--storage-path")
        .arg(root.path().join("data"))
        .args([
            "--metrics-addr=127.0.0.1:0",
            "--health-addr=0",
            "--receiver-addr=127.0.0.1:0",
            "--log-encoding=json",
        ]);
    let ctl = crate::process::ControllerProcess::spawn("flux-rs controller", cmd, vec![root]);
    let addr = ctl.addr("receiver_addr").await;
    let receivers: Api<Receiver> = Api::namespaced(client.clone(), &n);
    let path = webhook_path(&token, "hook", &n);
    eventually(Duration::from_secs(30), "the receiver's path", || async {
        let r = receivers.get("hook").await.ok()?;
        (r.status?.webhook_path.as_deref() == Some(path.as_str())).then_some(())
    })
    .await;

    let body = br#"{"any":"payload"}"#;
    let sig = format!("sha256={}", hex(&hmac_sha256(token.as_bytes(), body)));
    // The hook server finds Receivers through the controller's watch cache, which may see
    // the status a moment after the API server does: 404 until then.
    let refused = eventually(Duration::from_secs(30), "the path served", || async {
        let code = post(addr, &path, &[("X-Signature", "sha256=00".into())], body).await;
        (code != 404).then_some(code)
    })
    .await;
    assert_eq!(refused, 401);
    assert_eq!(post(addr, &path, &[("X-Signature", sig)], body).await, 200);
    let repos: Api<GitRepository> = Api::namespaced(client.clone(), &n);
    let requested = |name: &'static str| {
        let repos = repos.clone();
        async move {
            repos
                .get(name)
                .await
                .unwrap()
                .metadata
                .annotations
                .unwrap_or_default()
                .contains_key("reconcile.fluxcd.io/requestedAt")
        }
    };
    assert!(requested("web").await, "matchLabels team=web selects web");
    assert!(!requested("db").await, "and not db");

    // The failing GitRepository's Warning goes to a Provider whose address (a secret) refuses
    // connections: retried, then reported; the address never shows in logs or events.
    eventually(Duration::from_secs(90), "the delivery failure", || async {
        let (_, events) = events_text(&client, &n).await;
        events
            .iter()
            .any(|e| e.reason.as_deref() == Some("NotificationDeliveryFailed"))
            .then_some(())
    })
    .await;
    let (text, _) = events_text(&client, &n).await;
    let logs = ctl.logs();
    assert!(
        logs.contains("NotificationDeliveryFailed") || logs.contains("failed to send"),
        "{logs}"
    );
    for s in [token.as_str(), secret_path.as_str()] {
        assert!(!text.contains(s), "a secret in the events: {s}");
        assert!(!logs.contains(s), "a secret in the logs: {s}");
    }
    let metrics = ctl.metrics().await;
    let failed: f64 = metrics
        .lines()
        .find_map(|l| l.strip_prefix("flux_rs_notification_deliveries_total{result=\"failed\"} "))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0);
    assert!(failed >= 1.0, "{metrics}");
}
