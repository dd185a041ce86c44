//! `flux-rs controller`: the long-running controller (what the Deployment made by `install`
//! runs): flags, logging, signals, listeners, and the engines it drives.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use clap::Args;
use kube::Client;
use tokio::net::TcpListener;

use super::{CliContext, flags};
use crate::cluster;
use crate::controller::{self, LeaseOptions, Listeners, Options, Reconcilers, Shutdown, http, leader};
use crate::engine::helmrelease::{HelmEngine, HelmOptions};
use crate::engine::{self, Engine, EngineOptions, GitSource, TreeCache};
use crate::source::storage::Storage;
use crate::source::{self, SourceOptions};

const AFTER_HELP: &str = "\
Examples:
  # As the Deployment made by `flux-rs install` runs it (in the cluster)
  flux-rs controller --watch-all-namespaces=true --log-level=info --log-encoding=json --leader-elect \\
    --storage-path=/data --metrics-addr=:8080 --health-addr=:9440

  # Outside the cluster, for one namespace, with the current kubeconfig context
  flux-rs controller --watch-namespace=apps --storage-path=/tmp/flux-rs \\
    --metrics-addr=127.0.0.1:8080 --health-addr=127.0.0.1:9440

Endpoints:
  /metrics   (--metrics-addr) Prometheus text format: gotk_reconcile_duration_seconds,
             gotk_reconcile_total, gotk_reconcile_condition, gotk_suspend_status,
             leader_election_master_status, process_*
  /healthz   (--health-addr) 200 while the process runs
  /readyz    (--health-addr) 200 once the caches are synced (leader) or as a standby

Signals:
  SIGTERM or SIGINT stops taking new work, lets in-flight reconciliations finish within
  --graceful-shutdown-timeout, releases the leader-election Lease and exits 0; a second
  signal abandons in-flight work at once.

Exit codes:
  0  stopped by SIGTERM/SIGINT
  1  could not start (kubeconfig, storage, ports), or the leader-election Lease was lost
  2  a usage error: unknown command or flag, a missing or invalid argument";

/// A listen address flag: `:8080`, `127.0.0.1:8080`, or `0` to disable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ListenAddr(pub Option<SocketAddr>);

fn parse_listen_addr(s: &str) -> Result<ListenAddr, String> {
    http::parse_listen_addr(s).map(ListenAddr)
}

fn parse_percentage(s: &str) -> Result<u32, String> {
    match s.parse::<u32>() {
        Ok(v) if v <= 100 => Ok(v),
        _ => Err(format!("{s:?} is not a percentage between 0 and 100")),
    }
}

fn parse_at_least_one(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(v) if v >= 1 => Ok(v),
        _ => Err(format!("{s:?} is not a whole number of at least 1")),
    }
}

/// Flags of `controller`.
#[derive(Debug, Args)]
#[command(
    long_about = "Run the flux-rs controller: it watches GitRepositories and Kustomizations and \
        reconciles them with the same engines the CLI uses, as Flux's source-controller and \
        kustomize-controller do.\n\n\
        Objects are reconciled when they are created or their spec changes, every spec.interval \
        (with jitter), at once when the reconcile.fluxcd.io/requestedAt annotation changes (so \
        `flux reconcile` works), after failures with a doubling retry delay, and when their source \
        has a new revision or a dependency became ready. Deleting a Kustomization garbage-collects \
        its objects as spec.deletionPolicy says.\n\n\
        With --leader-elect, replicas elect a leader through a coordination.k8s.io/v1 Lease in the \
        runtime namespace (env RUNTIME_NAMESPACE); only the leader reconciles.",
    after_help = AFTER_HELP
)]
pub struct ControllerArgs {
    /// Watch Flux objects in all namespaces (false: only the runtime namespace).
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = true, action = clap::ArgAction::Set)]
    pub watch_all_namespaces: bool,
    /// Watch only this namespace (takes precedence over --watch-all-namespaces).
    #[arg(long, value_name = "NAMESPACE", value_parser = flags::parse_namespace)]
    pub watch_namespace: Option<String>,
    /// Watch only the Flux objects this label selector matches, e.g.
    /// 'sharding.fluxcd.io/key in (shard1)': one controller per shard. Without an explicit
    /// --leader-election-id, each selector gets a Lease of its own.
    #[arg(long, value_name = "SELECTOR")]
    pub watch_label_selector: Option<String>,
    /// Namespace the controller runs in: home of the leader-election Lease, and the watched
    /// namespace when --watch-all-namespaces=false (default: -n).
    #[arg(long, env = "RUNTIME_NAMESPACE", value_name = "NAMESPACE", value_parser = flags::parse_namespace)]
    pub runtime_namespace: Option<String>,
    /// Log level.
    #[arg(long, default_value = "info", value_parser = ["trace", "debug", "info", "warn", "error"])]
    pub log_level: String,
    /// Log format: `console` (human) or `json` (one object per line).
    #[arg(long, default_value = "console", value_parser = ["console", "json"])]
    pub log_encoding: String,
    /// Elect a leader through a Lease so that only one replica reconciles.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub leader_elect: bool,
    /// Name of the leader-election Lease.
    #[arg(long, default_value = leader::DEFAULT_LEASE_NAME, value_name = "NAME")]
    pub leader_election_id: String,
    /// How long standbys wait after the leader's last renewal before taking over.
    #[arg(long, default_value = "35s", value_parser = flags::parse_duration)]
    pub leader_election_lease_duration: Duration,
    /// How long the leader keeps trying to renew before giving up leadership.
    #[arg(long, default_value = "30s", value_parser = flags::parse_duration)]
    pub leader_election_renew_deadline: Duration,
    /// How often candidates try to acquire and the leader renews the Lease.
    #[arg(long, default_value = "5s", value_parser = flags::parse_duration)]
    pub leader_election_retry_period: Duration,
    /// How many objects of each kind are reconciled at once.
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..))]
    pub concurrent: u16,
    /// Directory of the artifact storage (an emptyDir in the cluster).
    #[arg(long, default_value = "/data", value_name = "DIR")]
    pub storage_path: PathBuf,
    /// How many artifacts of each GitRepository are kept in storage.
    #[arg(long, default_value = "2", value_parser = parse_at_least_one)]
    pub artifact_retention_records: usize,
    /// Address of /metrics (`:8080`, `127.0.0.1:8080`; `0` disables).
    #[arg(long, default_value = ":8080", value_name = "ADDR", value_parser = parse_listen_addr)]
    pub metrics_addr: ListenAddr,
    /// Address of /healthz and /readyz (`0` disables).
    #[arg(long, default_value = ":9440", value_name = "ADDR", value_parser = parse_listen_addr)]
    pub health_addr: ListenAddr,
    /// Address of the Receivers' webhooks, `/hook/<digest>` (`:9292` as `install` sets it;
    /// `0`, the default, disables).
    #[arg(long, default_value = "0", value_name = "ADDR", value_parser = parse_listen_addr)]
    pub receiver_addr: ListenAddr,
    /// How long a Kustomization waits before checking its dependencies again.
    #[arg(long, default_value = "30s", value_parser = flags::parse_duration)]
    pub requeue_dependency: Duration,
    /// First retry delay after a GitRepository failure (doubles per failure, up to the interval).
    #[arg(long, default_value = "750ms", value_parser = flags::parse_duration)]
    pub min_retry_delay: Duration,
    /// Jitter added to intervals, in percent (±).
    #[arg(long, default_value = "5", value_parser = parse_percentage)]
    pub interval_jitter_percentage: u32,
    /// How long in-flight reconciliations may run after SIGTERM.
    #[arg(long, default_value = "30s", value_parser = flags::parse_duration)]
    pub graceful_shutdown_timeout: Duration,
    /// Fetch remote Git bases named in Kustomizations' resources and components (off by
    /// default: they fail the build, naming the URL; stricter than kustomize-controller).
    /// HTTPS anonymously; SSH is refused (no known_hosts).
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub allow_remote_bases: bool,
}

impl ControllerArgs {
    /// The namespace the controller runs in.
    pub fn runtime_namespace(&self, default: &str) -> String {
        self.runtime_namespace
            .clone()
            .unwrap_or_else(|| default.to_string())
    }

    /// The leader-election Lease: `--leader-election-id`, or for a shard left at the default,
    /// the default name with a digest of its selector (shards must not share a Lease).
    fn lease_name(&self) -> String {
        match self
            .watch_label_selector
            .as_deref()
            .filter(|s| !s.trim().is_empty())
        {
            Some(selector) if self.leader_election_id == leader::DEFAULT_LEASE_NAME => {
                use sha2::Digest as _;
                let digest = sha2::Sha256::digest(selector.as_bytes());
                let short = crate::source::archive::hex(&digest[..4]);
                format!("{}-{short}", leader::DEFAULT_LEASE_NAME)
            }
            _ => self.leader_election_id.clone(),
        }
    }

    /// The controller options from the flags (`default_namespace` is `-n`).
    pub fn options(&self, default_namespace: &str) -> anyhow::Result<Options> {
        let runtime_ns = self.runtime_namespace(default_namespace);
        let watch_namespace = match (&self.watch_namespace, self.watch_all_namespaces) {
            (Some(ns), _) => Some(ns.clone()),
            (None, true) => None,
            (None, false) => Some(runtime_ns.clone()),
        };
        let leader_election = if self.leader_elect {
            let le = LeaseOptions {
                namespace: runtime_ns,
                name: self.lease_name(),
                identity: leader::default_identity(std::env::var("HOSTNAME").ok().as_deref()),
                lease_duration: self.leader_election_lease_duration,
                renew_deadline: self.leader_election_renew_deadline,
                retry_period: self.leader_election_retry_period,
            };
            le.validate()?;
            Some(le)
        } else {
            None
        };
        Ok(Options {
            watch_namespace,
            watch_label_selector: self.watch_label_selector.clone().filter(|s| !s.trim().is_empty()),
            concurrency: self.concurrent,
            requeue_dependency: self.requeue_dependency,
            interval_jitter_percent: self.interval_jitter_percentage,
            min_retry_delay: self.min_retry_delay,
            storage: Storage::new(&self.storage_path),
            artifact_retention_records: self.artifact_retention_records,
            leader_election,
            graceful_shutdown_timeout: self.graceful_shutdown_timeout,
            allow_remote_bases: self.allow_remote_bases,
        })
    }
}

/// Installs the controller's log subscriber: human-readable (`console`) or one JSON object
/// per line (`json`), on stderr, at `--log-level` (`RUST_LOG` overrides it). Libraries below
/// flux-rs log at `warn` unless the level is `trace`.
pub fn init_logging(args: &ControllerArgs) {
    let level = args.log_level.as_str();
    let default = match level {
        "trace" => "trace".to_string(),
        "error" => "error".to_string(),
        l => format!("warn,flux_rs={l}"),
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false);
    let _ = if args.log_encoding == "json" {
        builder
            .json()
            .flatten_event(true)
            .with_current_span(false)
            .with_span_list(false)
            .try_init()
    } else {
        builder
            .with_ansi(super::output::color_allowed() && std::io::IsTerminal::is_terminal(&std::io::stderr()))
            .try_init()
    };
}

/// Runs `flux-rs controller` with the engines.
pub async fn run(ctx: &CliContext, args: ControllerArgs) -> anyhow::Result<()> {
    serve(ctx, args, |client, config, options| {
        Ok(engines(client, config, options))
    })
    .await
}

/// How long the controller keeps an unpacked source tree no reconciliation used.
const CONTROLLER_TREE_RETENTION: Duration = Duration::from_secs(3600);

/// The engines the controller drives: the source engine reconciles one GitRepository and
/// keeps its artifacts (and its Git cache) in the storage directory; the reconcile engine
/// reconciles one Kustomization from the artifact of the revision its GitRepository recorded
/// (see [`controller::Reconcilers::new`]), re-checking dependencies that are not ready after
/// `--requeue-dependency` as the controller does; the HelmRelease engine installs, upgrades
/// and uninstalls releases from their OCIRepository's artifact in the storage directory,
/// waiting `--requeue-dependency` for a chart source without one.
fn engines(client: &Client, config: &kube::Config, options: &Options) -> Reconcilers {
    let notifier = crate::notify::Notifier::start(client.clone(), crate::notify::NotifierOptions::default());
    let mut sources = SourceOptions::controller(&options.storage);
    sources.event_sink = notifier.sink();
    let trees = TreeCache::new(options.storage.root().join(".trees"), CONTROLLER_TREE_RETENTION);
    let provider = Arc::new(GitSource::new(client.clone(), sources.clone()).with_trees(trees));
    let engine_options = EngineOptions {
        dependency_requeue: options.requeue_dependency,
        remote_bases: options.allow_remote_bases.then(|| {
            let loader = crate::source::remote_base::GitLoader::default();
            std::sync::Arc::new(loader) as std::sync::Arc<dyn crate::build::remote::Loader>
        }),
        event_sink: notifier.sink(),
        ..EngineOptions::default()
    };
    let engine = Arc::new(Engine::new(client.clone(), config.clone(), provider).with_options(engine_options));
    Reconcilers::new(
        source::controller_reconciler(client.clone(), sources.clone()),
        engine::reconciler(engine),
    )
    .with_notifier(notifier)
    .with_oci_repository(source::oci::repository::controller_reconciler(
        client.clone(),
        sources.clone(),
    ))
    .with_helm_repository(source::helm::repository::controller_reconciler(
        client.clone(),
        sources.clone(),
    ))
    .with_helm_chart(source::helm::chart::controller_reconciler(
        client.clone(),
        sources.clone(),
    ))
    .with_helm_release(crate::engine::helmrelease::reconciler(
        Arc::new(HelmEngine::new(
            client.clone(),
            config.clone(),
            sources,
            HelmOptions::default(),
        )),
        options.requeue_dependency,
    ))
}

async fn bind(flag: &str, addr: ListenAddr) -> anyhow::Result<Option<TcpListener>> {
    match addr.0 {
        None => Ok(None),
        Some(a) => TcpListener::bind(a)
            .await
            .map(Some)
            .with_context(|| format!("cannot listen on {flag} {a}")),
    }
}

/// Runs the controller with the reconcilers `make` builds (from the client and options)
/// until SIGTERM/SIGINT. Used by [`run`] with the engines, and by tests with their own.
pub async fn serve(
    ctx: &CliContext,
    args: ControllerArgs,
    make: impl FnOnce(&Client, &kube::Config, &Options) -> anyhow::Result<Reconcilers>,
) -> anyhow::Result<()> {
    let options = args.options(ctx.namespace())?;
    let config = cluster::config(&ctx.client_options())
        .await
        .context("cannot build a Kubernetes client")?;
    let client = Client::try_from(config.clone()).map_err(|e| anyhow::anyhow!(cluster::describe(&e)))?;
    let reconcilers = make(&client, &config, &options)?;
    let listeners = Listeners {
        metrics: bind("--metrics-addr", args.metrics_addr).await?,
        health: bind("--health-addr", args.health_addr).await?,
        receiver: bind("--receiver-addr", args.receiver_addr).await?,
    };
    let local = |l: &Option<TcpListener>| {
        l.as_ref()
            .and_then(|l| l.local_addr().ok())
            .map_or_else(|| "disabled".to_string(), |a| a.to_string())
    };
    tracing::info!(
        metrics_addr = %local(&listeners.metrics),
        health_addr = %local(&listeners.health),
        receiver_addr = %local(&listeners.receiver),
        version = env!("CARGO_PKG_VERSION"),
        "flux-rs controller starting"
    );
    let shutdown = Shutdown::new();
    let signals = tokio::spawn(handle_signals(shutdown.clone()));
    let result = controller::run(client, config, options, reconcilers, listeners, shutdown).await;
    signals.abort();
    match result {
        Ok(()) => {
            tracing::info!("flux-rs controller stopped");
            Ok(())
        }
        Err(e) => Err(e.into()),
    }
}

/// First SIGTERM/SIGINT: graceful shutdown; a second one: abandon in-flight work.
async fn handle_signals(shutdown: Shutdown) {
    let Ok(mut term) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) else {
        tracing::warn!("cannot install the SIGTERM handler");
        return;
    };
    let mut received = 0;
    loop {
        tokio::select! {
            _ = term.recv() => {}
            r = tokio::signal::ctrl_c() => {
                if r.is_err() {
                    return;
                }
            }
        }
        received += 1;
        if received == 1 {
            tracing::info!("termination signal received, shutting down gracefully");
            shutdown.graceful();
        } else {
            tracing::warn!("second termination signal received, abandoning in-flight reconciliations");
            shutdown.force();
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::{Cli, Command};
    use clap::Parser;

    fn parse(args: &[&str]) -> ControllerArgs {
        let mut full = vec!["flux-rs", "controller"];
        full.extend_from_slice(args);
        match Cli::try_parse_from(full).unwrap().command {
            Command::Controller(a) => *a,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_deployment_arguments_parse() {
        let opts = crate::manifests::InstallOptions {
            watch_all_namespaces: false,
            ..Default::default()
        };
        let objs = crate::manifests::install(&opts);
        let dep = objs.iter().find(|o| o["kind"] == "Deployment").unwrap();
        let args: Vec<String> =
            serde_json::from_value(dep["spec"]["template"]["spec"]["containers"][0]["args"].clone()).unwrap();
        let mut full = vec!["flux-rs".to_string()];
        full.extend(args);
        let Command::Controller(a) = Cli::try_parse_from(&full).unwrap().command else {
            panic!("not the controller command");
        };
        let a = *a;
        assert!(a.leader_elect);
        assert_eq!(a.log_encoding, "json");
        assert_eq!(a.storage_path, PathBuf::from("/data"));
        assert_eq!(a.metrics_addr, ListenAddr(Some("0.0.0.0:8080".parse().unwrap())));
        assert_eq!(a.health_addr, ListenAddr(Some("0.0.0.0:9440".parse().unwrap())));
        let o = a.options("flux-system").unwrap();
        assert_eq!(o.watch_namespace.as_deref(), Some("flux-system"));
        let le = o.leader_election.unwrap();
        assert_eq!(le.namespace, "flux-system");
        assert_eq!(
            (le.lease_duration, le.renew_deadline, le.retry_period),
            (
                Duration::from_secs(35),
                Duration::from_secs(30),
                Duration::from_secs(5)
            )
        );
    }

    #[test]
    fn shards_select_by_label_and_get_leases_of_their_own() {
        let lease = |args: &[&str]| {
            let o = parse(args).options("flux-system").unwrap();
            (o.watch_label_selector, o.leader_election.map(|l| l.name))
        };
        assert_eq!(
            lease(&["--leader-elect"]),
            (None, Some(leader::DEFAULT_LEASE_NAME.to_string()))
        );
        let (sel1, lease1) = lease(&[
            "--leader-elect",
            "--watch-label-selector",
            "sharding.fluxcd.io/key in (shard1)",
        ]);
        let (_, lease2) = lease(&[
            "--leader-elect",
            "--watch-label-selector",
            "sharding.fluxcd.io/key in (shard2)",
        ]);
        assert_eq!(sel1.as_deref(), Some("sharding.fluxcd.io/key in (shard1)"));
        assert_ne!(lease1, lease2);
        assert!(lease1.unwrap().starts_with(leader::DEFAULT_LEASE_NAME));
        let (_, named) = lease(&[
            "--leader-elect",
            "--watch-label-selector",
            "a=b",
            "--leader-election-id",
            "mine",
        ]);
        assert_eq!(named.as_deref(), Some("mine"));
    }

    #[test]
    fn namespaces_and_defaults() {
        let a = parse(&[]);
        assert_eq!(
            a.options("flux-system").unwrap().watch_namespace,
            None,
            "all namespaces by default"
        );
        assert!(a.options("x").unwrap().leader_election.is_none());
        assert_eq!(a.concurrent, 4);
        let a = parse(&["--watch-all-namespaces=false", "--runtime-namespace", "ops"]);
        assert_eq!(
            a.options("flux-system").unwrap().watch_namespace.as_deref(),
            Some("ops")
        );
        let a = parse(&["--watch-namespace", "apps"]);
        assert_eq!(
            a.options("flux-system").unwrap().watch_namespace.as_deref(),
            Some("apps")
        );
        let a = parse(&["--leader-elect", "--runtime-namespace=ops"]);
        assert_eq!(
            a.options("flux-system")
                .unwrap()
                .leader_election
                .unwrap()
                .namespace,
            "ops"
        );
        let a = parse(&["--metrics-addr=0", "--health-addr", "127.0.0.1:0"]);
        assert_eq!(a.metrics_addr, ListenAddr(None));
        assert_eq!(a.health_addr, ListenAddr(Some("127.0.0.1:0".parse().unwrap())));
        assert_eq!(a.receiver_addr, ListenAddr(None), "off unless asked");
        let a = parse(&["--receiver-addr=:9292"]);
        assert_eq!(a.receiver_addr, ListenAddr(Some("0.0.0.0:9292".parse().unwrap())));
    }

    #[test]
    fn bad_flags_are_clear_errors() {
        let err = |args: &[&str]| {
            let mut full = vec!["flux-rs", "controller"];
            full.extend_from_slice(args);
            Cli::try_parse_from(full).unwrap_err().to_string()
        };
        assert!(err(&["--concurrent=0"]).contains("--concurrent"));
        assert!(err(&["--metrics-addr=8080"]).contains("expected [host]:port"));
        assert!(err(&["--interval-jitter-percentage=101"]).contains("percentage between 0 and 100"));
        assert!(err(&["--log-encoding=text"]).contains("possible values: console, json"));
        assert!(err(&["--watch-namespace=Apps"]).contains("DNS-1123"));
        let a = parse(&["--leader-elect", "--leader-election-renew-deadline=40s"]);
        let e = a.options("flux-system").unwrap_err().to_string();
        assert!(
            e.contains("lease-duration must be greater than --leader-election-renew-deadline"),
            "{e}"
        );
    }
}
