//! The resolved context of one run: global flags, the printer, and a Kubernetes client
//! created on first use (commands that never touch the cluster never read a kubeconfig).

use anyhow::Context as _;
use kube::Client;
use tokio::sync::OnceCell;

use super::{GlobalArgs, Printer};
use crate::cluster::{self, ClientOptions};

/// Everything a command needs besides its own flags.
pub struct CliContext {
    /// The global flags.
    pub global: GlobalArgs,
    /// The printer.
    pub printer: Printer,
    client: OnceCell<Client>,
    notifier: OnceCell<std::sync::Arc<crate::notify::Notifier>>,
    started: tokio::time::Instant,
}

impl CliContext {
    /// A context for the flags.
    pub fn new(global: GlobalArgs, printer: Printer) -> Self {
        CliContext {
            global,
            printer,
            client: OnceCell::new(),
            notifier: OnceCell::new(),
            started: tokio::time::Instant::now(),
        }
    }

    /// When `--timeout` ends, counted from the start of the run: for commands that apply
    /// it themselves, so that a wait can say what it was still waiting for.
    pub fn deadline(&self) -> tokio::time::Instant {
        self.started + self.global.timeout
    }

    /// The namespace given by `-n` (or its default).
    pub fn namespace(&self) -> &str {
        &self.global.namespace
    }

    /// How to connect, from the global flags.
    pub fn client_options(&self) -> ClientOptions {
        ClientOptions {
            kubeconfig: self.global.kubeconfig.clone(),
            context: self.global.context.clone(),
            kubeconfig_env_set: super::env::kubeconfig_env_set(),
            ..Default::default()
        }
    }

    /// The Kubernetes client, created on first use.
    pub async fn client(&self) -> anyhow::Result<Client> {
        let client = self
            .client
            .get_or_try_init(|| async { cluster::connect(&self.client_options()).await })
            .await
            .context("cannot build a Kubernetes client")?;
        Ok(client.clone())
    }

    /// Where the engines of a one-shot run hand their events: the notification engine,
    /// started on first use, so Alerts deliver from CLI runs as from the controller.
    pub async fn event_sink(&self) -> anyhow::Result<crate::cluster::events::Sink> {
        let client = self.client().await?;
        let notifier = self
            .notifier
            .get_or_init(|| async {
                crate::notify::Notifier::start(client, crate::notify::NotifierOptions::one_shot())
            })
            .await;
        Ok(notifier.sink())
    }

    /// The CLI's source options (cache directory) with the run's event sink.
    pub async fn source_options(&self) -> anyhow::Result<crate::source::SourceOptions> {
        let mut opts = super::env::cli_source_options()?;
        opts.event_sink = self.event_sink().await?;
        Ok(opts)
    }

    /// Waits up to `wait` for the notifications of this run to be delivered (or to fail);
    /// the delivery counters when a notifier ran, and whether everything was sent.
    pub async fn flush_notifications(
        &self,
        wait: std::time::Duration,
    ) -> Option<(bool, crate::notify::Stats)> {
        let n = self.notifier.get()?;
        let done = n.flush(wait).await;
        Some((done, n.stats()))
    }

    /// A client for Flux objects (field manager `flux`).
    pub async fn flux(&self) -> anyhow::Result<crate::ops::FluxClient> {
        Ok(crate::ops::FluxClient::new(self.client().await?))
    }

    /// A new client acting as the service account `name` of `namespace`
    /// (`system:serviceaccount:<namespace>:<name>`), as a Kustomization's
    /// `spec.serviceAccountName` asks: every apply, prune and health request of the
    /// reconcile then goes through the service account's RBAC.
    pub async fn client_as_service_account(&self, namespace: &str, name: &str) -> anyhow::Result<Client> {
        let opts = self.client_options().impersonate_service_account(namespace, name);
        cluster::connect(&opts)
            .await
            .with_context(|| format!("cannot build a client for service account {namespace}/{name}"))
    }

    /// A client after checking the server answers, so an unreachable server is reported
    /// once, clearly, before any work starts.
    pub async fn reachable_client(&self) -> anyhow::Result<Client> {
        let client = self.client().await?;
        client
            .apiserver_version()
            .await
            .map_err(|e| anyhow::anyhow!(cluster::describe(&e)))?;
        Ok(client)
    }
}
