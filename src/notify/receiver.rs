//! Receivers: the webhook path of a Receiver and its status ([`reconcile`]), the checks of
//! an incoming call by type ([`verify`], pure), the objects a valid call asks to reconcile
//! ([`trigger`]: `reconcile.fluxcd.io/requestedAt` set, as `flux reconcile` does), and a
//! small HTTP/1.1 server for `/hook/<digest>` ([`serve`]) that refuses unknown paths, bad
//! signatures, oversized bodies and floods before touching any object.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use hmac::{Hmac, Mac};
use k8s_openapi::api::core::v1::Secret;
use kube::Client;
use kube::api::{Api, Patch, PatchParams};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::api::meta::{self, Condition};
use crate::api::notification::{self, Receiver, TOKEN_KEY};
use crate::cluster;
use crate::ops::{FluxClient, FluxKind, ListOptions};
use crate::reconcile::Outcome;

/// Receiver types flux-rs verifies.
pub const SUPPORTED_TYPES: &[&str] = &[
    "generic",
    "generic-hmac",
    "github",
    "gitlab",
    "bitbucket",
    "harbor",
];
/// Reason of a Receiver whose Secret or token is missing.
pub const TOKEN_NOT_FOUND: &str = "TokenNotFound";
/// Reason of a Receiver using a feature flux-rs does not implement.
pub const UNSUPPORTED_FEATURE: &str = "UnsupportedFeature";
/// Field manager of the status writes and annotations.
const FIELD_MANAGER: &str = "notification-controller";

/// Headers of a call, names in lower case.
pub type Headers = BTreeMap<String, String>;

/// Why a call is refused: the HTTP status and a message (never a secret).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// HTTP status.
    pub status: u16,
    /// Why.
    pub message: String,
}

fn refuse(status: u16, message: impl Into<String>) -> Refusal {
    Refusal {
        status,
        message: message.into(),
    }
}

/// What a call that passed the checks asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Reconcile the Receiver's resources.
    Trigger,
    /// Answer OK and do nothing (GitHub's `ping`).
    Ignore,
}

fn mac_ok<M: Mac + hmac::digest::KeyInit>(token: &str, body: &[u8], hex_sig: &str) -> bool {
    let Some(sig) = unhex(hex_sig) else {
        return false;
    };
    let Ok(mut mac) = <M as hmac::digest::KeyInit>::new_from_slice(token.as_bytes()) else {
        return false;
    };
    mac.update(body);
    mac.verify_slice(&sig).is_ok()
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

/// Checks `algo=hex` (sha1, sha256, sha512) against `body` keyed with `token`.
fn signature_ok(header: Option<&String>, token: &str, body: &[u8]) -> bool {
    let Some((algo, sig)) = header.and_then(|h| h.trim().split_once('=')) else {
        return false;
    };
    match algo {
        "sha256" => mac_ok::<Hmac<sha2::Sha256>>(token, body, sig),
        "sha512" => mac_ok::<Hmac<sha2::Sha512>>(token, body, sig),
        "sha1" => mac_ok::<Hmac<sha1::Sha1>>(token, body, sig),
        _ => false,
    }
}

/// Compares without an early exit on the first difference.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn event_allowed(events: &[String], event: &str) -> Result<(), Refusal> {
    if events.is_empty() || events.iter().any(|e| e.eq_ignore_ascii_case(event)) {
        Ok(())
    } else {
        Err(refuse(
            400,
            format!("the event {event:?} is not accepted by this receiver"),
        ))
    }
}

/// Checks a call to a Receiver of `type_` with `token`, accepting `events` (all when empty),
/// as upstream documents each service's webhooks.
pub fn verify(
    type_: &str,
    token: &str,
    events: &[String],
    headers: &Headers,
    body: &[u8],
) -> Result<Verdict, Refusal> {
    match type_ {
        "generic" => Ok(Verdict::Trigger),
        "generic-hmac" => {
            if signature_ok(headers.get("x-signature"), token, body) {
                Ok(Verdict::Trigger)
            } else {
                Err(refuse(401, "the X-Signature header is missing or invalid"))
            }
        }
        "github" => {
            let ok = match headers.get("x-hub-signature-256") {
                Some(h) => signature_ok(Some(h), token, body),
                None => signature_ok(headers.get("x-hub-signature"), token, body),
            };
            if !ok {
                return Err(refuse(401, "the GitHub signature header is missing or invalid"));
            }
            let event = headers.get("x-github-event").map_or("", String::as_str);
            if event.is_empty() {
                return Err(refuse(400, "the X-GitHub-Event header is missing"));
            }
            if serde_json::from_slice::<serde_json::Value>(body).is_err() {
                return Err(refuse(400, "the GitHub payload is not JSON"));
            }
            if event == "ping" {
                return Ok(Verdict::Ignore);
            }
            event_allowed(events, event)?;
            Ok(Verdict::Trigger)
        }
        "gitlab" => {
            let given = headers.get("x-gitlab-token").map_or("", String::as_str);
            if !same(given.as_bytes(), token.as_bytes()) {
                return Err(refuse(401, "the X-Gitlab-Token header is missing or invalid"));
            }
            event_allowed(events, headers.get("x-gitlab-event").map_or("", String::as_str))?;
            Ok(Verdict::Trigger)
        }
        "bitbucket" => {
            if !signature_ok(headers.get("x-hub-signature"), token, body) {
                return Err(refuse(401, "the X-Hub-Signature header is missing or invalid"));
            }
            event_allowed(events, headers.get("x-event-key").map_or("", String::as_str))?;
            Ok(Verdict::Trigger)
        }
        "harbor" => {
            let given = headers.get("authorization").map_or("", String::as_str);
            if same(given.as_bytes(), token.as_bytes()) {
                Ok(Verdict::Trigger)
            } else {
                Err(refuse(401, "the Authorization header is missing or invalid"))
            }
        }
        other => Err(refuse(
            400,
            format!("receiver type {other} is not supported by flux-rs"),
        )),
    }
}

/// Why a Receiver's token cannot be read; names the Secret, never a value.
#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    /// Reading the Secret failed.
    #[error("cannot read Secret {namespace}/{name}: {}", cluster::describe(source))]
    Read {
        /// The Secret's namespace.
        namespace: String,
        /// The Secret's name.
        name: String,
        /// The client's error.
        #[source]
        source: Box<kube::Error>,
    },
    /// The Secret does not exist.
    #[error("Secret {namespace}/{name} not found")]
    NotFound {
        /// The Secret's namespace.
        namespace: String,
        /// The Secret's name.
        name: String,
    },
    /// The Secret has no `token` key.
    #[error("Secret {namespace}/{name} has no key {TOKEN_KEY:?}")]
    NoKey {
        /// The Secret's namespace.
        namespace: String,
        /// The Secret's name.
        name: String,
    },
    /// The token is not UTF-8.
    #[error("Secret {namespace}/{name}: the token is not UTF-8")]
    NotUtf8 {
        /// The Secret's namespace.
        namespace: String,
        /// The Secret's name.
        name: String,
        /// Which byte (never the bytes).
        #[source]
        source: std::str::Utf8Error,
    },
    /// The token is empty.
    #[error("Secret {namespace}/{name}: the token is empty")]
    Empty {
        /// The Secret's namespace.
        namespace: String,
        /// The Secret's name.
        name: String,
    },
}

/// The token of a Receiver's Secret.
pub async fn token(client: &Client, r: &Receiver) -> Result<String, TokenError> {
    let ns = r.metadata.namespace.as_deref().unwrap_or_default();
    let name = &r.spec.secret_ref.name;
    let (namespace, name_) = (ns.to_string(), name.clone());
    let api: Api<Secret> = Api::namespaced(client.clone(), ns);
    let secret = api
        .get_opt(name)
        .await
        .map_err(|e| TokenError::Read {
            namespace: namespace.clone(),
            name: name_.clone(),
            source: Box::new(e),
        })?
        .ok_or_else(|| TokenError::NotFound {
            namespace: namespace.clone(),
            name: name_.clone(),
        })?;
    let raw = secret
        .data
        .unwrap_or_default()
        .remove(TOKEN_KEY)
        .ok_or_else(|| TokenError::NoKey {
            namespace: namespace.clone(),
            name: name_.clone(),
        })?;
    let t = String::from_utf8(raw.0).map_err(|e| TokenError::NotUtf8 {
        namespace: namespace.clone(),
        name: name_.clone(),
        source: e.utf8_error(),
    })?;
    let t = t.trim().to_string();
    if t.is_empty() {
        return Err(TokenError::Empty {
            namespace,
            name: name_,
        });
    }
    Ok(t)
}

/// What flux-rs cannot honour in a Receiver.
fn unsupported(r: &Receiver) -> Option<String> {
    if !SUPPORTED_TYPES.contains(&r.spec.type_.as_str()) {
        return Some(format!(
            "spec.type: receiver type {} is not supported by flux-rs (supported: {})",
            r.spec.type_,
            SUPPORTED_TYPES.join(", ")
        ));
    }
    if r.spec.resource_filter.as_deref().is_some_and(|f| !f.is_empty()) {
        return Some("spec.resourceFilter (CEL) is not supported by flux-rs".into());
    }
    None
}

/// Reconciles a Receiver: computes its webhook path from the token and writes the status
/// (`Ready`, `webhookPath`, `observedGeneration`, the handled `requestedAt`). Returns the
/// outcome and the path when it is served.
pub async fn reconcile(
    client: &Client,
    r: &Receiver,
    requested_at: Option<&str>,
) -> (Outcome, Option<String>) {
    let ns = r.metadata.namespace.as_deref().unwrap_or_default();
    let name = r.metadata.name.as_deref().unwrap_or_default();
    let (outcome, path) = if let Some(m) = unsupported(r) {
        (
            Outcome::Stalled {
                reason: UNSUPPORTED_FEATURE.into(),
                message: m,
            },
            None,
        )
    } else {
        match token(client, r).await {
            Ok(t) => (Outcome::Succeeded, Some(notification::webhook_path(&t, name, ns))),
            Err(e) => (Outcome::failed(TOKEN_NOT_FOUND, e.to_string()), None),
        }
    };
    let mut conditions = r
        .status
        .as_ref()
        .map(|s| s.conditions.clone())
        .unwrap_or_default();
    let generation = r.metadata.generation;
    let ready = match (&outcome, &path) {
        (Outcome::Succeeded, Some(p)) => Condition::new(
            meta::READY,
            "True",
            meta::SUCCEEDED_REASON,
            &format!("Receiver initialized for path: {p}"),
            generation,
        ),
        (Outcome::Stalled { reason, message } | Outcome::Failed { reason, message }, _) => {
            Condition::new(meta::READY, "False", reason, message, generation)
        }
        _ => Condition::new(meta::READY, "Unknown", meta::PROGRESSING_REASON, "", generation),
    };
    meta::set_condition(&mut conditions, ready);
    match &outcome {
        Outcome::Stalled { reason, message } => meta::set_condition(
            &mut conditions,
            Condition::new(meta::STALLED, "True", reason, message, generation),
        ),
        _ => meta::remove_condition(&mut conditions, meta::STALLED),
    }
    let mut status = json!({
        "conditions": conditions,
        "observedGeneration": generation,
        "webhookPath": path,
    });
    if let Some(at) = requested_at {
        status["lastHandledReconcileAt"] = json!(at);
    }
    let api: Api<Receiver> = Api::namespaced(client.clone(), ns);
    let params = PatchParams {
        field_manager: Some(FIELD_MANAGER.into()),
        ..Default::default()
    };
    let body = Patch::Merge(json!({ "status": status }));
    if let Err(e) = cluster::retry(|| api.patch_status(name, &params, &body)).await {
        return (
            Outcome::failed(
                meta::FAILED_REASON,
                format!("cannot write the status: {}", cluster::describe(&e)),
            ),
            path,
        );
    }
    (outcome, path)
}

/// Sets `reconcile.fluxcd.io/requestedAt` on every object the Receiver selects; returns the
/// objects (`Kind/namespace/name`) annotated. Objects that do not exist are skipped.
pub async fn trigger(client: &Client, r: &Receiver) -> Result<Vec<String>, String> {
    let flux = FluxClient::new(client.clone()).with_field_manager(FIELD_MANAGER);
    let own_ns = r.metadata.namespace.as_deref().unwrap_or_default();
    let mut done = Vec::new();
    for res in &r.spec.resources {
        let kind =
            FluxKind::parse(&res.kind).ok_or_else(|| format!("unsupported resource kind {}", res.kind))?;
        let ns = res.namespace.as_deref().unwrap_or(own_ns);
        let opts = ListOptions {
            namespace: Some(ns.to_string()),
            name: (res.name != "*").then(|| res.name.clone()),
            label_selector: res.match_labels.as_ref().filter(|l| !l.is_empty()).map(|l| {
                l.iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect::<Vec<_>>()
                    .join(",")
            }),
        };
        let objects = flux
            .list(kind, &opts)
            .await
            .map_err(|e| e.to_string())?
            .unwrap_or_default();
        for obj in objects {
            flux.request_reconcile(&obj).await.map_err(|e| e.to_string())?;
            done.push(format!("{kind}/{ns}/{}", crate::ops::FluxStatus::name(&obj)));
        }
    }
    Ok(done)
}

/// Limits of the webhook server.
#[derive(Clone, Debug)]
pub struct ServerOptions {
    /// Largest body accepted (bigger: 413).
    pub max_body: usize,
    /// Calls accepted per second, on average (more: 429).
    pub rate_per_second: f64,
    /// Calls accepted in a burst.
    pub burst: f64,
}

impl Default for ServerOptions {
    fn default() -> Self {
        ServerOptions {
            max_body: 4 << 20,
            rate_per_second: 20.0,
            burst: 40.0,
        }
    }
}

/// Finds the Receiver served on a path (`status.webhookPath`).
pub type Lookup = Arc<dyn Fn(&str) -> Option<Arc<Receiver>> + Send + Sync>;

/// A token bucket.
struct Bucket {
    tokens: f64,
    at: Instant,
}

struct Server {
    client: Client,
    lookup: Lookup,
    options: ServerOptions,
    bucket: std::sync::Mutex<Bucket>,
}

impl Server {
    fn admit(&self) -> bool {
        let Ok(mut b) = self.bucket.lock() else {
            return false;
        };
        let now = Instant::now();
        let refill = now.duration_since(b.at).as_secs_f64() * self.options.rate_per_second;
        b.tokens = (b.tokens + refill).min(self.options.burst);
        b.at = now;
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

const MAX_HEAD: usize = 16 * 1024;
const READ_TIMEOUT: Duration = Duration::from_secs(10);

struct Call {
    method: String,
    path: String,
    headers: Headers,
    body: Vec<u8>,
}

async fn read_call(stream: &mut TcpStream, max_body: usize) -> Result<Call, Refusal> {
    let mut buf = Vec::with_capacity(2048);
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        let n = stream
            .read(&mut chunk)
            .await
            .map_err(|_| refuse(400, "bad request"))?;
        if n == 0 {
            return Err(refuse(400, "bad request"));
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        if buf.len() > MAX_HEAD {
            return Err(refuse(431, "request head too large"));
        }
    };
    let head = std::str::from_utf8(&buf[..head_end]).map_err(|_| refuse(400, "bad request"))?;
    let mut lines = head.split("\r\n");
    let mut parts = lines.next().unwrap_or_default().split(' ');
    let (Some(method), Some(target), Some(version)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(refuse(400, "bad request"));
    };
    if !version.starts_with("HTTP/1.") || !target.starts_with('/') {
        return Err(refuse(400, "bad request"));
    }
    let path = target.split(['?', '#']).next().unwrap_or(target).to_string();
    let mut headers = Headers::new();
    for line in lines.filter(|l| !l.is_empty()) {
        let Some((k, v)) = line.split_once(':') else {
            return Err(refuse(400, "bad header"));
        };
        headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
    }
    if headers.contains_key("transfer-encoding") {
        return Err(refuse(411, "a Content-Length is required"));
    }
    let len: usize = match headers.get("content-length") {
        Some(l) => l.parse().map_err(|_| refuse(400, "bad Content-Length"))?,
        None => 0,
    };
    if len > max_body {
        return Err(refuse(413, "body too large"));
    }
    let mut body = buf[head_end..].to_vec();
    while body.len() < len {
        let n = stream
            .read(&mut chunk)
            .await
            .map_err(|_| refuse(400, "bad request"))?;
        if n == 0 {
            return Err(refuse(400, "body shorter than its Content-Length"));
        }
        body.extend_from_slice(&chunk[..n]);
    }
    body.truncate(len);
    Ok(Call {
        method: method.to_string(),
        path,
        headers,
        body,
    })
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        404 => "Not Found",
        405 => "Method Not Allowed",
        411 => "Length Required",
        413 => "Payload Too Large",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Unknown",
    }
}

async fn answer(server: &Server, call: Call) -> (u16, String) {
    if !call.path.starts_with(notification::WEBHOOK_PATH_PREFIX) {
        return (404, "not found".into());
    }
    if call.method != "POST" {
        return (405, "method not allowed".into());
    }
    let Some(r) = (server.lookup)(&call.path) else {
        return (404, "no receiver on this path".into());
    };
    let (ns, name) = (
        r.metadata.namespace.as_deref().unwrap_or_default(),
        r.metadata.name.as_deref().unwrap_or_default(),
    );
    if r.spec.suspend {
        return (503, "the receiver is suspended".into());
    }
    let token = match token(&server.client, &r).await {
        Ok(t) => t,
        Err(e) => {
            tracing::warn!(kind = "Receiver", namespace = %ns, name = %name, error = %e, "cannot read the token");
            return (500, "cannot read the receiver's token".into());
        }
    };
    // A rotated token moves the path: the old one is no longer served.
    if notification::webhook_path(&token, name, ns) != call.path {
        return (404, "no receiver on this path".into());
    }
    let events = r.spec.events.clone().unwrap_or_default();
    match verify(&r.spec.type_, &token, &events, &call.headers, &call.body) {
        Err(refusal) => {
            tracing::info!(kind = "Receiver", namespace = %ns, name = %name, status = refusal.status,
                "refused a webhook call: {}", refusal.message);
            (refusal.status, refusal.message)
        }
        Ok(Verdict::Ignore) => (200, "ok (nothing to do)".into()),
        Ok(Verdict::Trigger) => match trigger(&server.client, &r).await {
            Ok(objects) => {
                tracing::info!(kind = "Receiver", namespace = %ns, name = %name,
                    "webhook call: reconciliation requested for {}", objects.join(", "));
                (200, "ok".into())
            }
            Err(e) => {
                tracing::warn!(kind = "Receiver", namespace = %ns, name = %name, error = %e,
                    "cannot request reconciliations");
                (500, "cannot request reconciliations".into())
            }
        },
    }
}

async fn handle(server: Arc<Server>, mut stream: TcpStream) {
    let (status, body) = if server.admit() {
        match tokio::time::timeout(READ_TIMEOUT, read_call(&mut stream, server.options.max_body)).await {
            Err(_) => return,
            Ok(Err(r)) => (r.status, r.message),
            Ok(Ok(call)) => answer(&server, call).await,
        }
    } else {
        (429, "too many requests".into())
    };
    let body = format!("{body}\n");
    let out = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        reason(status),
        body.len()
    );
    let _ = stream.write_all(out.as_bytes()).await;
    let _ = stream.shutdown().await;
    // Let a client still sending (an oversized body) read the answer before the close.
    let mut sink = [0u8; 4096];
    let _ = tokio::time::timeout(Duration::from_secs(1), async {
        while matches!(stream.read(&mut sink).await, Ok(n) if n > 0) {}
    })
    .await;
}

/// Serves webhook calls on `listener` until `stop` resolves.
pub async fn serve(
    listener: TcpListener,
    client: Client,
    lookup: Lookup,
    options: ServerOptions,
    stop: impl std::future::Future<Output = ()>,
) {
    let server = Arc::new(Server {
        client,
        lookup,
        bucket: std::sync::Mutex::new(Bucket {
            tokens: options.burst,
            at: Instant::now(),
        }),
        options,
    });
    let accept = async {
        loop {
            match listener.accept().await {
                Ok((stream, _)) => {
                    tokio::spawn(handle(server.clone(), stream));
                }
                Err(e) => {
                    tracing::warn!(error = %e, "accepting a webhook connection failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            }
        }
    };
    tokio::select! {
        () = accept => {}
        () = stop => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notify::provider::{hex, hmac_sha256};

    fn headers(pairs: &[(&str, &str)]) -> Headers {
        pairs
            .iter()
            .map(|(k, v)| (k.to_ascii_lowercase(), (*v).to_string()))
            .collect()
    }

    #[test]
    fn github_calls_are_checked_as_github_documents_them() {
        // GitHub's documented example: secret "It's a Secret to Everybody", payload
        // "Hello, World!".
        let body = b"Hello, World!";
        let sig = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
        assert_eq!(
            format!(
                "sha256={}",
                hex(&hmac_sha256(b"It's a Secret to Everybody", body))
            ),
            sig
        );
        let token = "s3cret";
        let body = br#"{"ref":"refs/heads/main"}"#;
        let good = format!("sha256={}", hex(&hmac_sha256(token.as_bytes(), body)));
        let push = headers(&[("X-Hub-Signature-256", &good), ("X-GitHub-Event", "push")]);
        assert_eq!(verify("github", token, &[], &push, body), Ok(Verdict::Trigger));
        let only_push = vec!["push".to_string()];
        assert_eq!(
            verify("github", token, &only_push, &push, body),
            Ok(Verdict::Trigger)
        );
        let tag = headers(&[("X-Hub-Signature-256", &good), ("X-GitHub-Event", "create")]);
        assert_eq!(
            verify("github", token, &only_push, &tag, body)
                .unwrap_err()
                .status,
            400
        );
        let ping = headers(&[("X-Hub-Signature-256", &good), ("X-GitHub-Event", "ping")]);
        assert_eq!(
            verify("github", token, &only_push, &ping, body),
            Ok(Verdict::Ignore)
        );
        let forged = headers(&[("X-Hub-Signature-256", "sha256=00"), ("X-GitHub-Event", "push")]);
        assert_eq!(
            verify("github", token, &[], &forged, body).unwrap_err().status,
            401
        );
        assert_eq!(
            verify("github", "other", &[], &push, body).unwrap_err().status,
            401,
            "another token does not verify"
        );
    }

    #[test]
    fn gitlab_generic_hmac_and_generic_calls() {
        let body = b"{}";
        let gl = headers(&[("X-Gitlab-Token", "tok"), ("X-Gitlab-Event", "Push Hook")]);
        assert_eq!(verify("gitlab", "tok", &[], &gl, body), Ok(Verdict::Trigger));
        assert_eq!(verify("gitlab", "tok2", &[], &gl, body).unwrap_err().status, 401);
        let tags = vec!["Tag Push Hook".to_string()];
        assert_eq!(verify("gitlab", "tok", &tags, &gl, body).unwrap_err().status, 400);
        let sig = format!("sha256={}", hex(&hmac_sha256(b"tok", body)));
        let h = headers(&[("X-Signature", &sig)]);
        assert_eq!(verify("generic-hmac", "tok", &[], &h, body), Ok(Verdict::Trigger));
        assert_eq!(
            verify("generic-hmac", "tok", &[], &h, b"{ }").unwrap_err().status,
            401
        );
        assert_eq!(
            verify("generic-hmac", "tok", &[], &Headers::new(), body)
                .unwrap_err()
                .status,
            401
        );
        assert_eq!(
            verify("generic", "tok", &[], &Headers::new(), body),
            Ok(Verdict::Trigger)
        );
        assert_eq!(
            verify("quay", "tok", &[], &Headers::new(), body)
                .unwrap_err()
                .status,
            400
        );
    }
}
