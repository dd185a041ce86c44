//! The notification engine: routes the events flux-rs records (from the CLI's one-shot runs
//! and from the controller) to the Alerts that select them and delivers them through their
//! Providers, as notification-controller does; and the incoming side, Receivers
//! ([`receiver`]).
//!
//! Recording an event only enqueues it ([`Notifier`] is an [`EventSink`]): a bounded queue,
//! never a wait, so a slow or failing provider never slows a reconciliation. A dispatcher
//! task matches Alerts ([`alert`]), resolves the Provider and its Secrets, builds the
//! request ([`provider`]) and sends it ([`http`]) with retries and backoff. Identical events
//! for the same Provider within the rate-limit interval are collapsed into one. A delivery
//! that fails for good is recorded as a Warning event on the Alert (reason
//! [`DELIVERY_FAILED`]) and counted; the Provider's address and token never appear in an
//! event, a log line or an error.
//!
//! Nothing here prints.

pub mod alert;
pub mod http;
pub mod provider;
pub mod receiver;

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use k8s_openapi::api::core::v1::Secret;
use kube::Client;
use kube::api::Api;
use tokio::sync::{Mutex, Semaphore, mpsc};

use crate::api::notification::{Alert, Provider};
use crate::cluster::events::{EventRecorder, EventSink, EventType, FluxEvent, Sink};
use crate::cluster::{self};
use provider::Target;

/// Reason of the Warning event recorded on an Alert whose event could not be delivered.
pub const DELIVERY_FAILED: &str = "NotificationDeliveryFailed";
/// The component of the events the engine records.
pub const COMPONENT: &str = "notification-controller";
/// Default timeout of one request to a provider.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(15);

/// How the engine delivers.
#[derive(Clone, Debug)]
pub struct NotifierOptions {
    /// Events waiting to be routed; more are dropped (and counted).
    pub queue: usize,
    /// Retries after a failed attempt that may pass (5xx, 429, timeouts, connections).
    pub retries: u32,
    /// The first retry delay; it doubles per attempt up to `max_backoff`.
    pub backoff: Duration,
    /// The longest retry delay.
    pub max_backoff: Duration,
    /// Identical events for one Provider within this interval are sent once (upstream's
    /// `--rate-limit-interval`).
    pub rate_limit: Duration,
    /// Deliveries in flight at once.
    pub concurrency: usize,
}

impl Default for NotifierOptions {
    fn default() -> Self {
        NotifierOptions {
            queue: 1024,
            retries: 4,
            backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(30),
            rate_limit: Duration::from_secs(300),
            concurrency: 8,
        }
    }
}

impl NotifierOptions {
    /// For the CLI's one-shot runs, which wait for their deliveries before exiting: a few
    /// quick retries (about two seconds in all) instead of the controller's patient ones.
    pub fn one_shot() -> Self {
        NotifierOptions {
            retries: 3,
            backoff: Duration::from_millis(250),
            max_backoff: Duration::from_secs(1),
            ..NotifierOptions::default()
        }
    }
}

/// Counters of the engine.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Events received.
    pub received: u64,
    /// Deliveries that succeeded.
    pub delivered: u64,
    /// Deliveries that failed for good.
    pub failed: u64,
    /// Attempts retried.
    pub retried: u64,
    /// Deliveries skipped as repeats within the rate-limit interval.
    pub collapsed: u64,
    /// Events dropped because the queue was full.
    pub dropped: u64,
}

#[derive(Debug, Default)]
struct Counters {
    received: AtomicU64,
    delivered: AtomicU64,
    failed: AtomicU64,
    retried: AtomicU64,
    collapsed: AtomicU64,
    dropped: AtomicU64,
}

fn bump(c: &AtomicU64) {
    c.fetch_add(1, Ordering::Relaxed);
}

/// The outgoing notification engine (see the module documentation).
#[derive(Debug)]
pub struct Notifier {
    tx: mpsc::Sender<FluxEvent>,
    pending: Arc<AtomicUsize>,
    counters: Arc<Counters>,
}

impl EventSink for Notifier {
    fn send(&self, event: FluxEvent) {
        bump(&self.counters.received);
        self.pending.fetch_add(1, Ordering::SeqCst);
        if self.tx.try_send(event).is_err() {
            self.pending.fetch_sub(1, Ordering::SeqCst);
            bump(&self.counters.dropped);
            tracing::warn!("notification queue full: an event was dropped");
        }
    }
}

impl Notifier {
    /// Starts the engine on the current runtime; it reads Alerts, Providers and Secrets
    /// and records its events with `client`.
    pub fn start(client: Client, options: NotifierOptions) -> Arc<Notifier> {
        let (tx, rx) = mpsc::channel(options.queue.max(1));
        let pending = Arc::new(AtomicUsize::new(0));
        let counters = Arc::new(Counters::default());
        let dispatcher = Dispatcher {
            client,
            limiter: Arc::new(Mutex::new(HashMap::new())),
            slots: Arc::new(Semaphore::new(options.concurrency.max(1))),
            options,
            pending: pending.clone(),
            counters: counters.clone(),
        };
        tokio::spawn(dispatcher.run(rx));
        Arc::new(Notifier {
            tx,
            pending,
            counters,
        })
    }

    /// This engine as the sink of event recorders.
    pub fn sink(self: &Arc<Self>) -> Sink {
        Sink(Some(self.clone() as Arc<dyn EventSink>))
    }

    /// Waits until every event received so far is delivered, failed or dropped, at most
    /// `wait`; whether it got there.
    pub async fn flush(&self, wait: Duration) -> bool {
        let deadline = tokio::time::Instant::now() + wait;
        while self.pending.load(Ordering::SeqCst) > 0 {
            if tokio::time::Instant::now() >= deadline {
                return false;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        true
    }

    /// The counters.
    pub fn stats(&self) -> Stats {
        let c = &self.counters;
        let get = |a: &AtomicU64| a.load(Ordering::Relaxed);
        Stats {
            received: get(&c.received),
            delivered: get(&c.delivered),
            failed: get(&c.failed),
            retried: get(&c.retried),
            collapsed: get(&c.collapsed),
            dropped: get(&c.dropped),
        }
    }

    /// The counters in the Prometheus text format.
    pub fn metrics_text(&self) -> String {
        use std::fmt::Write;
        let s = self.stats();
        let mut out = String::from(
            "# HELP flux_rs_notification_events_total Events received by the notification engine.\n\
             # TYPE flux_rs_notification_events_total counter\n",
        );
        let _ = writeln!(out, "flux_rs_notification_events_total {}", s.received);
        out.push_str(
            "# HELP flux_rs_notification_deliveries_total Deliveries to providers, by result.\n\
             # TYPE flux_rs_notification_deliveries_total counter\n",
        );
        for (result, n) in [
            ("delivered", s.delivered),
            ("failed", s.failed),
            ("retried", s.retried),
            ("collapsed", s.collapsed),
            ("dropped", s.dropped),
        ] {
            let _ = writeln!(
                out,
                "flux_rs_notification_deliveries_total{{result=\"{result}\"}} {n}"
            );
        }
        out
    }
}

/// One Alert's delivery of one event.
struct Route {
    alert: Alert,
    provider: Result<(Target, Option<Vec<u8>>, Duration), String>,
    provider_key: String,
    event: FluxEvent,
}

struct Dispatcher {
    client: Client,
    options: NotifierOptions,
    limiter: Arc<Mutex<HashMap<String, Instant>>>,
    slots: Arc<Semaphore>,
    pending: Arc<AtomicUsize>,
    counters: Arc<Counters>,
}

impl Dispatcher {
    async fn run(self, mut rx: mpsc::Receiver<FluxEvent>) {
        let this = Arc::new(self);
        while let Some(event) = rx.recv().await {
            let routes = this.routes(&event).await;
            for route in routes {
                if this.repeated(&route).await {
                    bump(&this.counters.collapsed);
                    continue;
                }
                this.pending.fetch_add(1, Ordering::SeqCst);
                let d = this.clone();
                tokio::spawn(async move {
                    let _slot = d.slots.clone().acquire_owned().await;
                    d.deliver(route).await;
                    d.pending.fetch_sub(1, Ordering::SeqCst);
                });
            }
            this.pending.fetch_sub(1, Ordering::SeqCst);
        }
    }

    /// Whether the same event went to the same Provider within the rate-limit interval.
    async fn repeated(&self, route: &Route) -> bool {
        let key = limit_key(&route.provider_key, &route.event);
        let mut seen = self.limiter.lock().await;
        seen_within(&mut seen, key, Instant::now(), self.options.rate_limit)
    }

    /// The Alerts selecting `event`, with their Providers resolved.
    async fn routes(&self, event: &FluxEvent) -> Vec<Route> {
        let alerts = match self.alerts(&event.involved.namespace).await {
            Ok(a) => a,
            Err(e) => {
                tracing::warn!(error = %e, "cannot list Alerts: an event was not routed");
                return Vec::new();
            }
        };
        let mut out = Vec::new();
        for alert in alerts.into_iter().filter(|a| alert::selects(a, event)) {
            let ns = alert.metadata.namespace.clone().unwrap_or_default();
            let provider_name = alert.spec.provider_ref.name.clone();
            let provider = match self.provider(&ns, &provider_name).await {
                Ok(None) => continue,
                Ok(Some(p)) => Ok(p),
                Err(e) => Err(e),
            };
            out.push(Route {
                event: alert::for_alert(&alert, event),
                alert,
                provider,
                provider_key: format!("{ns}/{provider_name}"),
            });
        }
        out
    }

    /// Alerts of every namespace, or of the event's namespace when listing all is not
    /// allowed; none when the CRD is not installed.
    async fn alerts(&self, namespace: &str) -> Result<Vec<Alert>, String> {
        let lp = kube::api::ListParams::default();
        let all: Api<Alert> = Api::all(self.client.clone());
        match all.list(&lp).await {
            Ok(l) => Ok(l.items),
            Err(kube::Error::Api(s)) if s.code == 404 => Ok(Vec::new()),
            Err(kube::Error::Api(s)) if s.code == 403 => {
                let own: Api<Alert> = Api::namespaced(self.client.clone(), namespace);
                own.list(&lp)
                    .await
                    .map(|l| l.items)
                    .map_err(|e| cluster::describe(&e))
            }
            Err(e) => Err(cluster::describe(&e)),
        }
    }

    /// The Provider resolved with its Secrets; `None` when it is suspended.
    async fn provider(
        &self,
        ns: &str,
        name: &str,
    ) -> Result<Option<(Target, Option<Vec<u8>>, Duration)>, String> {
        let api: Api<Provider> = Api::namespaced(self.client.clone(), ns);
        let p = api
            .get_opt(name)
            .await
            .map_err(|e| format!("cannot read Provider {ns}/{name}: {}", cluster::describe(&e)))?
            .ok_or_else(|| format!("Provider {ns}/{name} not found"))?;
        if p.spec.suspend {
            return Ok(None);
        }
        resolve(&self.client, &p).await.map(Some)
    }

    async fn deliver(&self, route: Route) {
        let what = describe_event(&route.event);
        let (target, ca, timeout) = match route.provider {
            Ok(p) => p,
            Err(e) => {
                bump(&self.counters.failed);
                self.report(&route.alert, &format!("cannot send {what}: {e}"))
                    .await;
                return;
            }
        };
        let request = match provider::request(&target, &route.event) {
            Ok(Some(r)) => r,
            Ok(None) => return,
            Err(e) => {
                bump(&self.counters.failed);
                let msg = format!("cannot send {what} to Provider {}: {e}", route.provider_key);
                self.report(&route.alert, &msg).await;
                return;
            }
        };
        let mut attempt = 0u32;
        loop {
            attempt += 1;
            match http::post(&request, timeout, ca.as_deref()).await {
                Ok(_) => {
                    bump(&self.counters.delivered);
                    tracing::debug!(provider = %route.provider_key, "sent {what}");
                    return;
                }
                Err(f) if f.retryable() && attempt <= self.options.retries => {
                    bump(&self.counters.retried);
                    let delay = self
                        .options
                        .backoff
                        .saturating_mul(1 << (attempt - 1).min(16))
                        .min(self.options.max_backoff);
                    tracing::debug!(provider = %route.provider_key, attempt, error = %f, "retrying a delivery");
                    tokio::time::sleep(delay).await;
                }
                Err(f) => {
                    bump(&self.counters.failed);
                    let msg = format!(
                        "failed to send {what} to Provider {} after {attempt} attempt(s): {f}",
                        route.provider_key
                    );
                    self.report(&route.alert, &msg).await;
                    return;
                }
            }
        }
    }

    /// Logs a failed delivery and records it as a Warning event on the Alert.
    async fn report(&self, alert: &Alert, message: &str) {
        let ns = alert.metadata.namespace.as_deref().unwrap_or_default();
        let name = alert.metadata.name.as_deref().unwrap_or_default();
        tracing::warn!(kind = "Alert", namespace = %ns, name = %name, "{message}");
        let recorder = EventRecorder::new(self.client.clone(), COMPONENT);
        if let Err(e) = recorder
            .publish(alert, EventType::Warning, DELIVERY_FAILED, message, None)
            .await
        {
            tracing::warn!(error = %cluster::describe(&e), "cannot record an event");
        }
    }
}

/// What makes two events the same for the rate limit: the Provider, the object, severity,
/// reason, message and metadata (the revision among them).
fn limit_key(provider_key: &str, e: &FluxEvent) -> String {
    let o = &e.involved;
    format!(
        "{provider_key}\u{0}{}/{}/{}\u{0}{}\u{0}{}\u{0}{}\u{0}{:?}",
        o.kind, o.namespace, o.name, e.severity, e.reason, e.message, e.metadata
    )
}

/// Whether `key` was seen within `interval` before `now` (then it is not sent again); records
/// it otherwise. Entries older than the interval are forgotten.
fn seen_within(seen: &mut HashMap<String, Instant>, key: String, now: Instant, interval: Duration) -> bool {
    seen.retain(|_, t| now.duration_since(*t) < interval);
    if seen.contains_key(&key) {
        return true;
    }
    seen.insert(key, now);
    false
}

/// `the event ReconciliationSucceeded of Kustomization/ns/name`.
fn describe_event(e: &FluxEvent) -> String {
    let o = &e.involved;
    format!("the event {} of {}/{}/{}", e.reason, o.kind, o.namespace, o.name)
}

/// The fields of a Provider flux-rs cannot honour (deliveries through it fail, naming them).
fn unsupported(p: &Provider) -> Option<&'static str> {
    let s = &p.spec;
    if s.proxy.as_deref().is_some_and(|v| !v.is_empty()) {
        return Some("spec.proxy");
    }
    if s.proxy_secret_ref.is_some() {
        return Some("spec.proxySecretRef");
    }
    if s.commit_status_expr.as_deref().is_some_and(|v| !v.is_empty()) {
        return Some("spec.commitStatusExpr");
    }
    if s.service_account_name.as_deref().is_some_and(|v| !v.is_empty()) {
        return Some("spec.serviceAccountName");
    }
    None
}

async fn secret_data(
    client: &Client,
    ns: &str,
    name: &str,
    field: &str,
) -> Result<std::collections::BTreeMap<String, Vec<u8>>, String> {
    let api: Api<Secret> = Api::namespaced(client.clone(), ns);
    let s = api
        .get_opt(name)
        .await
        .map_err(|e| {
            format!(
                "{field}: cannot read Secret {ns}/{name}: {}",
                cluster::describe(&e)
            )
        })?
        .ok_or_else(|| format!("{field}: Secret {ns}/{name} not found"))?;
    Ok(s.data
        .unwrap_or_default()
        .into_iter()
        .map(|(k, v)| (k, v.0))
        .collect())
}

/// A Provider with its Secrets applied: the target, the CA bundle and the timeout.
pub async fn resolve(client: &Client, p: &Provider) -> Result<(Target, Option<Vec<u8>>, Duration), String> {
    let ns = p.metadata.namespace.as_deref().unwrap_or_default();
    if let Some(field) = unsupported(p) {
        return Err(format!("{field} is not supported by flux-rs"));
    }
    let text = |b: &[u8], key: &str| -> Result<String, String> {
        String::from_utf8(b.to_vec())
            .map(|s| s.trim().to_string())
            .map_err(|_| format!("spec.secretRef: key {key} is not UTF-8"))
    };
    let mut target = Target {
        type_: p.spec.type_.clone(),
        address: p.spec.address.clone().unwrap_or_default(),
        channel: p.spec.channel.clone(),
        username: p.spec.username.clone(),
        token: None,
        headers: Vec::new(),
        uid: p.metadata.uid.clone().unwrap_or_default(),
    };
    if let Some(r) = &p.spec.secret_ref {
        let data = secret_data(client, ns, &r.name, "spec.secretRef").await?;
        if let Some(a) = data.get("address") {
            target.address = text(a, "address")?;
        }
        if let Some(t) = data.get("token") {
            target.token = Some(text(t, "token")?);
        }
        if let Some(u) = data.get("username") {
            target.username = Some(text(u, "username")?);
        }
        if let Some(h) = data.get("headers") {
            let doc = crate::yaml::from_str_json(&text(h, "headers")?)
                .map_err(|_| "spec.secretRef: key headers is not a YAML map".to_string())?;
            if let Some(map) = doc.first().and_then(|d| d.as_object()) {
                for (k, v) in map {
                    let v = v.as_str().map_or_else(|| v.to_string(), str::to_string);
                    target.headers.push((k.clone(), v));
                }
            }
        }
    }
    let ca = match &p.spec.cert_secret_ref {
        Some(r) => {
            let data = secret_data(client, ns, &r.name, "spec.certSecretRef").await?;
            let ca = data
                .get("ca.crt")
                .or_else(|| data.get("caFile"))
                .ok_or("spec.certSecretRef: the Secret has no ca.crt")?;
            Some(ca.clone())
        }
        None => None,
    };
    let timeout = p
        .spec
        .timeout
        .as_deref()
        .and_then(|t| crate::duration::parse(t).ok())
        .unwrap_or(DEFAULT_TIMEOUT);
    Ok((target, ca, timeout))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_events_for_one_provider_are_collapsed_within_the_interval() {
        let mut e = FluxEvent {
            reason: "ReconciliationFailed".into(),
            message: "boom".into(),
            severity: "error".into(),
            ..Default::default()
        };
        let mut seen = HashMap::new();
        let t0 = Instant::now();
        let five = Duration::from_secs(300);
        assert!(!seen_within(&mut seen, limit_key("ns/p", &e), t0, five));
        let t1 = t0 + Duration::from_secs(10);
        assert!(
            seen_within(&mut seen, limit_key("ns/p", &e), t1, five),
            "a repeat"
        );
        assert!(
            !seen_within(&mut seen, limit_key("ns/other", &e), t1, five),
            "another provider"
        );
        e.metadata.insert("revision".into(), "main@sha1:2".into());
        assert!(
            !seen_within(&mut seen, limit_key("ns/p", &e), t1, five),
            "another revision"
        );
        let later = t0 + Duration::from_secs(301);
        e.metadata.clear();
        assert!(
            !seen_within(&mut seen, limit_key("ns/p", &e), later, five),
            "sent again after the interval"
        );
    }
}
