//! Leader election on a real Lease: electors in one test (a standby takes over when the leader
//! dies, at once when it releases; a leader that cannot renew steps down before anyone else
//! may take over), and real controller processes (exactly one holds the Lease and
//! reconciles; killing it hands over; SIGTERM finishes in-flight work, releases the Lease and
//! exits 0). Leases live in each test's own namespace.

use std::net::SocketAddr;
use std::process::Command;
use std::time::{Duration, Instant};

use flux_rs::api::Kustomization;
use flux_rs::controller::leader::{Elector, Leadership, LeaseOptions};
use k8s_openapi::api::coordination::v1::Lease;
use kube::Client;
use kube::api::{Api, Patch, PatchParams, PostParams};
use serde_json::json;
use tokio::net::{TcpListener, TcpStream};

use crate::harness::{TestNamespace, client, kubeconfig};
use crate::process::ControllerProcess;
use crate::recorder::{eventually, http_get, test_config};

const LEASE: &str = "test-lease";

fn options(ns: &str, identity: &str) -> LeaseOptions {
    LeaseOptions {
        namespace: ns.to_string(),
        name: LEASE.to_string(),
        identity: identity.to_string(),
        lease_duration: Duration::from_secs(3),
        renew_deadline: Duration::from_secs(2),
        retry_period: Duration::from_millis(500),
    }
}

async fn lease(client: &Client, ns: &str, name: &str) -> (Option<String>, i32) {
    let api: Api<Lease> = Api::namespaced(client.clone(), ns);
    let spec = api.get(name).await.unwrap().spec.unwrap();
    (spec.holder_identity, spec.lease_transitions.unwrap_or(0))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_standby_takes_over_when_the_leader_dies_and_at_once_when_it_releases() {
    let ns = TestNamespace::new("le-electors").await;
    let client = client().await;
    let mut a = Elector::new(client.clone(), options(&ns.name, "a"));
    tokio::time::timeout(Duration::from_secs(10), a.acquire())
        .await
        .expect("a acquires a free lease");
    assert_eq!(lease(&client, &ns.name, LEASE).await, (Some("a".into()), 0));
    let a_holding = tokio::spawn(async move { a.hold().await });

    let mut b = Elector::new(client.clone(), options(&ns.name, "b"));
    let b_state = b.subscribe();
    let b_acquiring = tokio::spawn(async move {
        b.acquire().await;
        b
    });
    // While a renews, b stays a standby, even well past the lease duration.
    tokio::time::sleep(Duration::from_secs(5)).await;
    assert!(
        !b_acquiring.is_finished(),
        "b must not take a lease that a renews"
    );
    assert_eq!(
        *b_state.borrow(),
        Leadership::Standby {
            holder: Some("a".into())
        }
    );

    // a dies without releasing (its process is gone).
    a_holding.abort();
    let died = Instant::now();
    let mut b = tokio::time::timeout(Duration::from_secs(15), b_acquiring)
        .await
        .expect("b takes over within the lease duration")
        .unwrap();
    let waited = died.elapsed();
    assert!(
        waited >= Duration::from_secs(2),
        "b took over {waited:?} after a died: before the lease expired"
    );
    assert_eq!(*b_state.borrow(), Leadership::Leader);
    assert_eq!(lease(&client, &ns.name, LEASE).await, (Some("b".into()), 1));

    // b releases: c takes over at once, well before a lease duration.
    b.release().await.unwrap();
    assert_eq!(lease(&client, &ns.name, LEASE).await.0, None);
    let mut c = Elector::new(client.clone(), options(&ns.name, "c"));
    let start = Instant::now();
    tokio::time::timeout(Duration::from_secs(2), c.acquire())
        .await
        .expect("c acquires a released lease at once");
    assert!(start.elapsed() < Duration::from_secs(2));
    assert_eq!(lease(&client, &ns.name, LEASE).await, (Some("c".into()), 2));

    // Someone else writing the lease makes the holder step down on its next renewal.
    let api: Api<Lease> = Api::namespaced(client.clone(), &ns.name);
    let c_state = c.subscribe();
    let c_holding = tokio::spawn(async move { c.hold().await });
    api.patch(
        LEASE,
        &PatchParams::default(),
        &Patch::Merge(&json!({"spec": {"holderIdentity": "intruder"}})),
    )
    .await
    .unwrap();
    let lost = tokio::time::timeout(Duration::from_secs(5), c_holding)
        .await
        .expect("c steps down")
        .unwrap();
    assert!(lost.to_string().contains("held by intruder"), "{lost}");
    assert_eq!(*c_state.borrow(), Leadership::Lost);
}

/// A TCP proxy to the API server that can be cut (existing connections dropped, new ones
/// refused), to partition one elector from the server.
struct Proxy {
    addr: SocketAddr,
    cut: tokio::sync::watch::Sender<bool>,
}

async fn proxy_to(target: String) -> Proxy {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (cut, cut_rx) = tokio::sync::watch::channel(false);
    tokio::spawn(async move {
        let mut stop = cut_rx.clone();
        loop {
            tokio::select! {
                _ = stop.wait_for(|c| *c) => return,
                accepted = listener.accept() => {
                    let Ok((mut inbound, _)) = accepted else { continue };
                    let target = target.clone();
                    let mut stop = cut_rx.clone();
                    tokio::spawn(async move {
                        let Ok(mut outbound) = TcpStream::connect(&target).await else { return };
                        tokio::select! {
                            _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound) => {}
                            _ = stop.wait_for(|c| *c) => {}
                        }
                    });
                }
            }
        }
    });
    Proxy { addr, cut }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_leader_that_cannot_renew_steps_down_before_a_standby_takes_over() {
    let ns = TestNamespace::new("le-partition").await;
    let client = client().await;
    let mut config = test_config().await;
    let authority = config.cluster_url.authority().unwrap().to_string();
    let proxy = proxy_to(authority).await;
    config.cluster_url = format!("https://{}", proxy.addr).parse().unwrap();
    let partitioned = Client::try_from(config).unwrap();

    let mut a = Elector::new(partitioned, options(&ns.name, "a"));
    tokio::time::timeout(Duration::from_secs(10), a.acquire())
        .await
        .expect("a acquires");
    let a_lost = tokio::spawn(async move {
        let lost = a.hold().await;
        (Instant::now(), lost)
    });
    let mut b = Elector::new(client.clone(), options(&ns.name, "b"));
    let b_leads = tokio::spawn(async move {
        b.acquire().await;
        Instant::now()
    });
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert!(!b_leads.is_finished());

    let cut_at = Instant::now();
    proxy.cut.send(true).unwrap();
    let (a_lost_at, lost) = tokio::time::timeout(Duration::from_secs(10), a_lost)
        .await
        .unwrap()
        .unwrap();
    let b_leads_at = tokio::time::timeout(Duration::from_secs(10), b_leads)
        .await
        .unwrap()
        .unwrap();
    assert!(lost.to_string().starts_with("leader election lost"), "{lost}");
    assert!(
        a_lost_at < b_leads_at,
        "the old leader stopped {:?} after the cut, the new one started {:?} after it",
        a_lost_at - cut_at,
        b_leads_at - cut_at
    );
    assert_eq!(lease(&client, &ns.name, LEASE).await.0, Some("b".into()));
}

/// A controller process running this test binary's recorder entry point
/// (`recorder::controller_process_entry_point`) with leader election in `ns`.
fn start_process(name: &str, ns: &str) -> ControllerProcess {
    let storage = tempfile::tempdir().unwrap();
    let args = json!([
        "flux-rs",
        "controller",
        "--kubeconfig",
        kubeconfig(),
        "--watch-namespace",
        ns,
        "--runtime-namespace",
        ns,
        "--leader-elect",
        "--leader-election-lease-duration=4s",
        "--leader-election-renew-deadline=3s",
        "--leader-election-retry-period=500ms",
        "--storage-path",
        storage.path(),
        "--metrics-addr=127.0.0.1:0",
        "--health-addr=127.0.0.1:0",
        "--log-encoding=json",
        "--graceful-shutdown-timeout=20s",
    ]);
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args([
        "--exact",
        "recorder::controller_process_entry_point",
        "--ignored",
        "--nocapture",
        "--test-threads=1",
    ])
    .env("FLUX_RS_TEST_CONTROLLER_ARGS", args.to_string())
    .env("FLUX_RS_TEST_CONTROLLER_NAME", name);
    ControllerProcess::spawn(name, cmd, vec![storage])
}

async fn is_leader(p: &ControllerProcess) -> Option<bool> {
    p.metrics().await.lines().find_map(|l| {
        let v = l.strip_prefix(&format!(
            "leader_election_master_status{{name=\"{}\"}} ",
            flux_rs::controller::leader::DEFAULT_LEASE_NAME
        ))?;
        Some(v == "1")
    })
}

async fn ready_message(api: &Api<Kustomization>, name: &str) -> Option<String> {
    let ks = api.get(name).await.ok()?;
    ks.conditions()
        .iter()
        .find(|c| c.type_ == "Ready")
        .map(|c| c.message.clone())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_controller_processes_one_leader_then_kill_and_sigterm() {
    let ns = TestNamespace::new("le-processes").await;
    let client = client().await;
    let mut first = start_process("first", &ns.name);
    let mut second = start_process("second", &ns.name);
    let lease_api: Api<Lease> = Api::namespaced(client.clone(), &ns.name);
    let lease_name = flux_rs::controller::leader::DEFAULT_LEASE_NAME;

    // Exactly one holds the lease; both report it in their metrics and both are ready.
    let (leader, standby) = eventually(Duration::from_secs(30), "one leader, one standby", || async {
        match (is_leader(&first).await, is_leader(&second).await) {
            (Some(true), Some(false)) => Some((0, 1)),
            (Some(false), Some(true)) => Some((1, 0)),
            _ => None,
        }
    })
    .await;
    let procs = [&mut first, &mut second];
    let holder = lease_api
        .get(lease_name)
        .await
        .unwrap()
        .spec
        .unwrap()
        .holder_identity
        .unwrap();
    assert!(!holder.is_empty());
    for p in &procs {
        let health = p.addr("health_addr").await;
        eventually(
            Duration::from_secs(20),
            "ready (leader: caches synced; standby)",
            || async { (http_get(health, "/readyz").await.0 == 200).then_some(()) },
        )
        .await;
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(
        is_leader(procs[standby]).await,
        Some(false),
        "still exactly one leader"
    );

    // Only the leader reconciles.
    let ks_api: Api<Kustomization> = Api::namespaced(client.clone(), &ns.name);
    let ks: Kustomization = serde_json::from_value(json!({
        "apiVersion": "kustomize.toolkit.fluxcd.io/v1", "kind": "Kustomization",
        "metadata": {"name": "app", "namespace": ns.name},
        "spec": {"interval": "1h", "prune": true, "sourceRef": {"kind": "GitRepository", "name": "repo"}},
    }))
    .unwrap();
    ks_api.create(&PostParams::default(), &ks).await.unwrap();
    let leader_name = procs[leader].name.clone();
    let standby_name = procs[standby].name.clone();
    eventually(Duration::from_secs(20), "reconciled by the leader", || async {
        (ready_message(&ks_api, "app").await? == format!("reconciled by {leader_name}")).then_some(())
    })
    .await;

    // Kill the leader: the standby takes over within the lease duration and reconciles.
    procs[leader].child.kill().unwrap();
    procs[leader].child.wait().unwrap();
    let standby_proc = &procs[standby];
    eventually(Duration::from_secs(20), "the standby leads", || async {
        (is_leader(standby_proc).await == Some(true)).then_some(())
    })
    .await;
    let new_holder = lease_api
        .get(lease_name)
        .await
        .unwrap()
        .spec
        .unwrap()
        .holder_identity
        .unwrap();
    assert_ne!(new_holder, holder);
    let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Nanos, true);
    ks_api
        .patch(
            "app",
            &PatchParams::default(),
            &Patch::Merge(&json!({"metadata": {"annotations": {
            "reconcile.fluxcd.io/requestedAt": at, "test.flux-rs.io/sleep-ms": "3000"}}})),
        )
        .await
        .unwrap();
    // SIGTERM while that reconciliation runs: it finishes, the lease is released, exit 0.
    eventually(
        Duration::from_secs(20),
        "the new leader reconciling the request",
        || async {
            let logs = standby_proc.logs();
            logs.lines()
                .any(|l| l.contains("\"test reconciler called\"") && l.contains(&at))
                .then_some(())
        },
    )
    .await;
    standby_proc.terminate();
    let code = procs[standby].wait_exit(Duration::from_secs(30));
    let logs = procs[standby].logs();
    assert_eq!(code, 0, "logs:\n{logs}");
    assert!(
        logs.contains("all in-flight reconciliations finished"),
        "logs:\n{logs}"
    );
    assert_eq!(
        ready_message(&ks_api, "app").await.unwrap(),
        format!("reconciled by {standby_name}")
    );
    let handled = ks_api
        .get("app")
        .await
        .unwrap()
        .status
        .unwrap()
        .last_handled_reconcile_at;
    assert_eq!(
        handled.as_deref(),
        Some(at.as_str()),
        "the in-flight reconciliation completed"
    );
    let spec = lease_api.get(lease_name).await.unwrap().spec.unwrap();
    assert_eq!(spec.holder_identity, None, "the lease is released on shutdown");
}
