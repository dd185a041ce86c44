//! What is sent to each provider type (pure): the request for one event. The address and
//! token may come from a Secret; they appear only in the request, never in an error.

use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::Sha256;

use crate::cluster::events::FluxEvent;

/// Provider types flux-rs delivers to.
pub const SUPPORTED_TYPES: &[&str] = &[
    "generic",
    "generic-hmac",
    "slack",
    "rocket",
    "discord",
    "msteams",
    "github",
    "gitlab",
    "gitea",
];

/// A provider, resolved: the spec's fields with the Secret's values applied.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Target {
    /// `spec.type`.
    pub type_: String,
    /// The address (the Secret's `address` wins over `spec.address`).
    pub address: String,
    /// `spec.channel`.
    pub channel: Option<String>,
    /// `spec.username`.
    pub username: Option<String>,
    /// The Secret's `token`.
    pub token: Option<String>,
    /// The Secret's `headers` (a YAML map), sent as HTTP headers.
    pub headers: Vec<(String, String)>,
    /// The Provider's UID (commit status keys).
    pub uid: String,
}

impl std::fmt::Debug for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Target")
            .field("type", &self.type_)
            .finish_non_exhaustive()
    }
}

/// One HTTP POST.
#[derive(Clone, PartialEq, Eq)]
pub struct Request {
    /// The URL.
    pub url: String,
    /// Headers (`Content-Type` included).
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl std::fmt::Debug for Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Request")
            .field("bytes", &self.body.len())
            .finish_non_exhaustive()
    }
}

/// The upstream event document (`eventv1.Event`), the body of `generic` providers.
pub fn event_json(event: &FluxEvent) -> Value {
    let mut v = json!({
        "involvedObject": event.involved,
        "severity": event.severity,
        "timestamp": event.timestamp,
        "message": event.message,
        "reason": event.reason,
        "reportingController": event.reporting_controller,
    });
    if !event.metadata.is_empty() {
        v["metadata"] = json!(event.metadata);
    }
    if !event.reporting_instance.is_empty() {
        v["reportingInstance"] = json!(event.reporting_instance);
    }
    v
}

/// `sha256=<hex>` of `body` keyed with `key` (the `X-Signature` of `generic-hmac`).
pub fn hmac_sha256_header(key: &[u8], body: &[u8]) -> String {
    format!("sha256={}", hex(&hmac_sha256(key, body)))
}

/// HMAC-SHA256 of `body` keyed with `key`.
pub fn hmac_sha256(key: &[u8], body: &[u8]) -> Vec<u8> {
    // HMAC accepts keys of any length.
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key) else {
        return Vec::new();
    };
    mac.update(body);
    mac.finalize().into_bytes().to_vec()
}

/// Lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

fn json_request(url: String, target: &Target, body: &Value) -> Request {
    let mut headers = vec![("Content-Type".to_string(), "application/json".to_string())];
    headers.extend(target.headers.iter().cloned());
    Request {
        url,
        headers,
        body: serde_json::to_vec(body).unwrap_or_default(),
    }
}

/// `kustomization/name.namespace`, how chat messages name the object.
fn object_title(event: &FluxEvent) -> String {
    let o = &event.involved;
    format!("{}/{}.{}", o.kind.to_lowercase(), o.name, o.namespace)
}

fn slack_body(target: &Target, event: &FluxEvent, with_channel: bool) -> Value {
    let color = if event.severity == "error" {
        "danger"
    } else {
        "good"
    };
    let fields: Vec<Value> = event
        .metadata
        .iter()
        .filter(|(k, _)| k.as_str() != "summary")
        .map(|(k, v)| json!({"title": k, "value": v, "short": false}))
        .collect();
    let mut attachment = json!({
        "color": color,
        "author_name": object_title(event),
        "text": event.message,
        "mrkdwn_in": ["text"],
        "fields": fields,
    });
    if let Some(s) = event.metadata.get("summary") {
        attachment["title"] = json!(s);
    }
    let mut body = json!({
        "username": target.username.clone().unwrap_or_else(|| "flux".to_string()),
        "attachments": [attachment],
    });
    if with_channel && let Some(c) = target.channel.as_deref().filter(|c| !c.is_empty()) {
        body["channel"] = json!(c);
    }
    body
}

fn msteams_body(event: &FluxEvent) -> Value {
    let color = if event.severity == "error" {
        "attention"
    } else {
        "good"
    };
    let facts: Vec<Value> = event
        .metadata
        .iter()
        .map(|(k, v)| json!({"title": k, "value": v}))
        .collect();
    json!({
        "type": "message",
        "attachments": [{
            "contentType": "application/vnd.microsoft.card.adaptive",
            "content": {
                "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                "type": "AdaptiveCard",
                "version": "1.4",
                "body": [
                    {"type": "TextBlock", "text": object_title(event), "weight": "bolder", "size": "medium", "color": color, "wrap": true},
                    {"type": "TextBlock", "text": event.message, "wrap": true},
                    {"type": "FactSet", "facts": facts},
                ],
            },
        }],
    })
}

/// The commit of a revision: `main@sha1:<hex>` → `<hex>`, legacy `main/<hex>` → `<hex>`.
pub fn commit_of(revision: &str) -> Option<&str> {
    let tail = match revision.rsplit_once('@') {
        Some((_, t)) => t,
        None => revision.rsplit_once('/').map_or(revision, |(_, t)| t),
    };
    let sha = tail
        .strip_prefix("sha1:")
        .or_else(|| tail.strip_prefix("sha256:"))
        .unwrap_or(tail);
    (sha.len() >= 7 && sha.chars().all(|c| c.is_ascii_hexdigit())).then_some(sha)
}

/// The key of a commit status, as upstream computes it: `kind/name/<first part of the
/// Provider's UID>`, lower case.
pub fn commit_status_id(provider_uid: &str, event: &FluxEvent) -> String {
    let uid = provider_uid.split('-').next().unwrap_or_default();
    format!("{}/{}/{uid}", event.involved.kind, event.involved.name).to_lowercase()
}

/// `ReconciliationSucceeded` → `Reconciliation succeeded`.
fn reason_words(reason: &str) -> String {
    let mut out = String::new();
    for (i, c) in reason.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push(' ');
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// `scheme`, `host[:port]` and the path (no `.git`, no slashes around) of a repository URL.
fn repo_url(address: &str) -> Result<(&str, &str, &str), String> {
    let (scheme, rest) = address
        .split_once("://")
        .filter(|(s, _)| *s == "https" || *s == "http")
        .ok_or("the address is not an http(s) URL of a repository")?;
    let (host, path) = rest.split_once('/').ok_or("the address has no repository path")?;
    let path = path
        .trim_end_matches('/')
        .trim_end_matches(".git")
        .trim_matches('/');
    if host.is_empty() || path.is_empty() {
        return Err("the address is not a repository URL (https://host/owner/repo)".into());
    }
    Ok((scheme, host, path))
}

/// The API base and `owner/repo` of a GitHub repository URL
/// (`https://github.com/org/app` → `https://api.github.com`, `org/app`; another host is
/// GitHub Enterprise: `https://host/api/v3`).
fn github_repo(address: &str) -> Result<(String, String), String> {
    let (scheme, host, path) = repo_url(address)?;
    let parts: Vec<&str> = path.split('/').collect();
    if parts.len() != 2 {
        return Err("the address is not a repository URL (https://host/owner/repo)".into());
    }
    let api = if host == "github.com" || host == "www.github.com" {
        "https://api.github.com".to_string()
    } else {
        format!("{scheme}://{host}/api/v3")
    };
    Ok((api, parts.join("/")))
}

/// A GitLab or Gitea commit status for `sha` of the repository at `address`.
fn commit_status(target: &Target, event: &FluxEvent, address: &str, sha: &str) -> Result<Request, String> {
    let token = target
        .token
        .as_deref()
        .filter(|t| !t.is_empty())
        .ok_or_else(|| format!("provider type {} needs a token in its secretRef", target.type_))?;
    let (scheme, host, path) = repo_url(address)?;
    let error = event.severity == "error";
    let description: String = reason_words(&event.reason).chars().take(140).collect();
    let id = commit_status_id(&target.uid, event);
    let (url, body, auth) = if target.type_ == "gitlab" {
        let project = path.replace('/', "%2F");
        let state = if error { "failed" } else { "success" };
        (
            format!("{scheme}://{host}/api/v4/projects/{project}/statuses/{sha}"),
            json!({"state": state, "name": id, "description": description}),
            ("PRIVATE-TOKEN".to_string(), token.to_string()),
        )
    } else {
        let state = if error { "failure" } else { "success" };
        (
            format!("{scheme}://{host}/api/v1/repos/{path}/statuses/{sha}"),
            json!({"state": state, "context": id, "description": description}),
            ("Authorization".to_string(), format!("token {token}")),
        )
    };
    let mut r = json_request(url, target, &body);
    r.headers.push(auth);
    Ok(r)
}

/// The request delivering `event` to `target`; `Ok(None)` when the provider does not take
/// this event (a commit status without a revision). Errors never hold the address or token.
pub fn request(target: &Target, event: &FluxEvent) -> Result<Option<Request>, String> {
    let need_address = || {
        if target.address.is_empty() {
            Err(format!("provider type {} needs an address", target.type_))
        } else {
            Ok(target.address.clone())
        }
    };
    let req = match target.type_.as_str() {
        "generic" => {
            let mut r = json_request(need_address()?, target, &event_json(event));
            r.headers
                .push(("gotk-component".into(), event.reporting_controller.clone()));
            r
        }
        "generic-hmac" => {
            let token = target
                .token
                .as_deref()
                .filter(|t| !t.is_empty())
                .ok_or("provider type generic-hmac needs a token in its secretRef")?;
            let mut r = json_request(need_address()?, target, &event_json(event));
            r.headers
                .push(("gotk-component".into(), event.reporting_controller.clone()));
            let sig = hmac_sha256_header(token.as_bytes(), &r.body);
            r.headers.push(("X-Signature".into(), sig));
            r
        }
        "slack" => {
            let url = match (target.address.is_empty(), &target.token) {
                (true, Some(_)) => "https://slack.com/api/chat.postMessage".to_string(),
                _ => need_address()?,
            };
            let mut r = json_request(url, target, &slack_body(target, event, true));
            if let Some(t) = target.token.as_deref().filter(|t| !t.is_empty()) {
                r.headers.push(("Authorization".into(), format!("Bearer {t}")));
            }
            r
        }
        "rocket" => json_request(need_address()?, target, &slack_body(target, event, true)),
        "gitlab" | "gitea" => {
            let Some(sha) = event.metadata.get("revision").and_then(|r| commit_of(r)) else {
                return Ok(None);
            };
            return commit_status(target, event, &need_address()?, sha).map(Some);
        }
        "discord" => {
            let mut url = need_address()?;
            if !url.trim_end_matches('/').ends_with("/slack") {
                url = format!("{}/slack", url.trim_end_matches('/'));
            }
            json_request(url, target, &slack_body(target, event, false))
        }
        "msteams" => json_request(need_address()?, target, &msteams_body(event)),
        "github" => {
            let Some(sha) = event.metadata.get("revision").and_then(|r| commit_of(r)) else {
                return Ok(None);
            };
            let token = target
                .token
                .as_deref()
                .filter(|t| !t.is_empty())
                .ok_or("provider type github needs a token in its secretRef")?;
            let (api, repo) = github_repo(&need_address()?)?;
            let state = if event.severity == "error" {
                "failure"
            } else {
                "success"
            };
            let mut description = reason_words(&event.reason);
            if let Some(s) = event.metadata.get("summary") {
                description = format!("{s}: {description}");
            }
            let description: String = description.chars().take(140).collect();
            let body = json!({
                "state": state,
                "context": commit_status_id(&target.uid, event),
                "description": description,
            });
            let mut r = json_request(format!("{api}/repos/{repo}/statuses/{sha}"), target, &body);
            r.headers
                .push(("Authorization".into(), format!("Bearer {token}")));
            r.headers
                .push(("Accept".into(), "application/vnd.github+json".into()));
            r.headers.push(("User-Agent".into(), "flux-rs".into()));
            r
        }
        other => {
            return Err(format!(
                "provider type {other} is not supported by flux-rs (supported: {})",
                SUPPORTED_TYPES.join(", ")
            ));
        }
    };
    Ok(Some(req))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::events::InvolvedObject;

    fn event() -> FluxEvent {
        FluxEvent {
            involved: InvolvedObject {
                kind: "Kustomization".into(),
                namespace: "apps".into(),
                name: "web".into(),
                api_version: "kustomize.toolkit.fluxcd.io/v1".into(),
                ..Default::default()
            },
            severity: "info".into(),
            timestamp: "2026-01-02T03:04:05Z".into(),
            message: "Applied revision: main@sha1:0123456789abcdef0123456789abcdef01234567".into(),
            reason: "ReconciliationSucceeded".into(),
            metadata: [(
                "revision".to_string(),
                "main@sha1:0123456789abcdef0123456789abcdef01234567".to_string(),
            )]
            .into(),
            reporting_controller: "kustomize-controller".into(),
            reporting_instance: "host".into(),
            ..Default::default()
        }
    }

    fn target(type_: &str) -> Target {
        Target {
            type_: type_.into(),
            address: "http://127.0.0.1:9/hook".into(),
            token: Some("s3cret".into()),
            uid: "0c9c2e41-d2f9-4f9b-9c41-1b2d3e4f5a6b".into(),
            ..Default::default()
        }
    }

    fn header<'a>(r: &'a Request, name: &str) -> Option<&'a str> {
        r.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    #[test]
    fn generic_bodies_are_the_upstream_event_and_hmac_signs_them() {
        let r = request(&target("generic-hmac"), &event()).unwrap().unwrap();
        let body: Value = serde_json::from_slice(&r.body).unwrap();
        assert_eq!(body["involvedObject"]["kind"], "Kustomization");
        assert_eq!(
            body["involvedObject"]["apiVersion"],
            "kustomize.toolkit.fluxcd.io/v1"
        );
        assert_eq!(body["reason"], "ReconciliationSucceeded");
        assert_eq!(body["reportingController"], "kustomize-controller");
        assert_eq!(body["metadata"]["revision"].as_str().unwrap().len(), 50);
        // echo -n "$body" | openssl dgst -sha256 -hmac s3cret, computed independently here.
        let want = format!("sha256={}", hex(&hmac_sha256(b"s3cret", &r.body)));
        assert_eq!(header(&r, "X-Signature"), Some(want.as_str()));
        assert_eq!(header(&r, "gotk-component"), Some("kustomize-controller"));
        assert!(
            format!("{r:?}").find("s3cret").is_none(),
            "the debug form hides secrets"
        );
        let mut no_token = target("generic-hmac");
        no_token.token = None;
        assert!(request(&no_token, &event()).unwrap_err().contains("token"));
    }

    #[test]
    fn hmac_matches_rfc_4231_test_case_2() {
        let mac = hmac_sha256(b"Jefe", b"what do ya want for nothing?");
        assert_eq!(
            hex(&mac),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn chat_payloads_and_discords_slack_endpoint() {
        let mut e = event();
        e.metadata.insert("summary".into(), "prod".into());
        let r = request(&target("slack"), &e).unwrap().unwrap();
        let body: Value = serde_json::from_slice(&r.body).unwrap();
        assert_eq!(body["attachments"][0]["color"], "good");
        assert_eq!(body["attachments"][0]["author_name"], "kustomization/web.apps");
        assert_eq!(body["attachments"][0]["title"], "prod");
        assert_eq!(header(&r, "Authorization"), Some("Bearer s3cret"));
        let d = request(&target("discord"), &e).unwrap().unwrap();
        assert_eq!(d.url, "http://127.0.0.1:9/hook/slack");
        let t = request(&target("msteams"), &e).unwrap().unwrap();
        let body: Value = serde_json::from_slice(&t.body).unwrap();
        assert_eq!(
            body["attachments"][0]["contentType"],
            "application/vnd.microsoft.card.adaptive"
        );
        assert!(
            request(&target("telegram"), &e)
                .unwrap_err()
                .contains("not supported")
        );
    }

    #[test]
    fn github_statuses_are_keyed_as_upstream_on_the_revisions_commit() {
        let mut t = target("github");
        t.address = "https://github.com/org/app".into();
        let r = request(&t, &event()).unwrap().unwrap();
        assert_eq!(
            r.url,
            "https://api.github.com/repos/org/app/statuses/0123456789abcdef0123456789abcdef01234567"
        );
        let body: Value = serde_json::from_slice(&r.body).unwrap();
        assert_eq!(body["context"], "kustomization/web/0c9c2e41");
        assert_eq!(body["state"], "success");
        assert_eq!(body["description"], "Reconciliation succeeded");
        t.address = "http://127.0.0.1:8080/org/app.git".into();
        assert!(
            request(&t, &event())
                .unwrap()
                .unwrap()
                .url
                .starts_with("http://127.0.0.1:8080/api/v3/repos/org/app/statuses/")
        );
        let mut no_rev = event();
        no_rev.metadata.clear();
        assert!(request(&t, &no_rev).unwrap().is_none());
        assert_eq!(commit_of("main/0123456789abcdef"), Some("0123456789abcdef"));
        assert_eq!(commit_of("v1@sha256:abcdef0123"), Some("abcdef0123"));
        assert_eq!(commit_of("latest"), None);
    }

    #[test]
    fn gitlab_and_gitea_statuses() {
        let mut t = target("gitlab");
        t.address = "https://gitlab.example.com/group/sub/app.git".into();
        let mut e = event();
        e.severity = "error".into();
        e.reason = "HealthCheckFailed".into();
        let r = request(&t, &e).unwrap().unwrap();
        assert_eq!(
            r.url,
            "https://gitlab.example.com/api/v4/projects/group%2Fsub%2Fapp/statuses/0123456789abcdef0123456789abcdef01234567"
        );
        assert_eq!(header(&r, "PRIVATE-TOKEN"), Some("s3cret"));
        let body: Value = serde_json::from_slice(&r.body).unwrap();
        assert_eq!(body["state"], "failed");
        assert_eq!(body["name"], "kustomization/web/0c9c2e41");
        assert_eq!(body["description"], "Health check failed");
        let mut t = target("gitea");
        t.address = "https://gitea.example.com/org/app".into();
        let r = request(&t, &event()).unwrap().unwrap();
        assert_eq!(
            r.url,
            "https://gitea.example.com/api/v1/repos/org/app/statuses/0123456789abcdef0123456789abcdef01234567"
        );
        assert_eq!(header(&r, "Authorization"), Some("token s3cret"));
        let body: Value = serde_json::from_slice(&r.body).unwrap();
        assert_eq!(
            (body["state"].as_str(), body["context"].as_str()),
            (Some("success"), Some("kustomization/web/0c9c2e41"))
        );
        let rocket = request(&target("rocket"), &event()).unwrap().unwrap();
        assert_eq!(rocket.url, "http://127.0.0.1:9/hook");
    }
}
