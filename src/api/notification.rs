//! The notification kinds (`notification.toolkit.fluxcd.io`): `Provider` and `Alert`
//! (`v1beta3`, static objects without a status, as upstream serves them) route the events of
//! Flux objects to chat, webhooks and commit statuses; `Receiver` (`v1`) turns a webhook call
//! (a Git push) into reconcile requests. Field names, enums and defaults follow upstream
//! notification-controller.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::meta::{Condition, LocalObjectReference};

/// API group of the notification kinds.
pub const NOTIFICATION_GROUP: &str = "notification.toolkit.fluxcd.io";
/// Prefix of every Receiver's webhook path.
pub const WEBHOOK_PATH_PREFIX: &str = "/hook/";
/// Key of a Receiver's Secret holding the token.
pub const TOKEN_KEY: &str = "token";

/// Provider types upstream accepts (`spec.type`).
pub const PROVIDER_TYPES: &[&str] = &[
    "slack",
    "discord",
    "msteams",
    "rocket",
    "generic",
    "generic-hmac",
    "github",
    "gitlab",
    "gitea",
    "bitbucketserver",
    "bitbucket",
    "azuredevops",
    "googlechat",
    "googlepubsub",
    "webex",
    "sentry",
    "azureeventhub",
    "telegram",
    "lark",
    "matrix",
    "opsgenie",
    "alertmanager",
    "grafana",
    "githubdispatch",
    "pagerduty",
    "datadog",
    "nats",
    "zulip",
    "otel",
];

/// Receiver types upstream accepts (`spec.type`).
pub const RECEIVER_TYPES: &[&str] = &[
    "generic",
    "generic-hmac",
    "github",
    "gitlab",
    "bitbucket",
    "harbor",
    "dockerhub",
    "quay",
    "gcr",
    "nexus",
    "acr",
    "cdevents",
];

/// Kinds an Alert's `eventSources` and a Receiver's `resources` may name.
pub const OBJECT_KINDS: &[&str] = &[
    "Bucket",
    "GitRepository",
    "Kustomization",
    "HelmRelease",
    "HelmChart",
    "HelmRepository",
    "ImageRepository",
    "ImagePolicy",
    "ImageUpdateAutomation",
    "OCIRepository",
    "ArtifactGenerator",
    "ExternalArtifact",
];

/// Where events are sent.
#[derive(kube::CustomResource, Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[kube(
    group = "notification.toolkit.fluxcd.io",
    version = "v1beta3",
    kind = "Provider",
    plural = "providers",
    namespaced,
    category = "flux",
    doc = "Provider is the Schema for the providers API",
    printcolumn = r#"{"name":"Age","type":"date","jsonPath":".metadata.creationTimestamp"}"#
)]
#[serde(rename_all = "camelCase")]
pub struct ProviderSpec {
    /// The type of the provider (`slack`, `generic`, `github`, …).
    #[serde(rename = "type")]
    #[schemars(extend("enum" = PROVIDER_TYPES))]
    pub type_: String,
    /// Interval at which to reconcile the Provider with its Secret references (not used by
    /// `v1beta3`, kept for compatibility).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$"))]
    pub interval: Option<String>,
    /// The channel (Slack channel, Telegram chat id, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 2048))]
    pub channel: Option<String>,
    /// The bot user name.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 2048))]
    pub username: Option<String>,
    /// The webhook address, or the repository URL of commit-status providers.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 2048))]
    pub address: Option<String>,
    /// Timeout of one request to the provider (default `15s`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^([0-9]+(\.[0-9]+)?(ms|s|m))+$"))]
    pub timeout: Option<String>,
    /// HTTP/S proxy address (deprecated upstream in favour of `proxySecretRef`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^(http|https)://.*$"), length(max = 2048))]
    pub proxy: Option<String>,
    /// Secret with a proxy address and credentials.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proxy_secret_ref: Option<LocalObjectReference>,
    /// Secret with the provider's `address`, `token`, `headers` (…).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret_ref: Option<LocalObjectReference>,
    /// Secret with TLS material for the connection: `ca.crt` (also `caFile`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cert_secret_ref: Option<LocalObjectReference>,
    /// Service account used to authenticate with the provider's cloud (workload identity).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_account_name: Option<String>,
    /// CEL expression computing the commit status key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commit_status_expr: Option<String>,
    /// Stop sending events through this provider.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub suspend: bool,
}

/// A reference to a Flux object, possibly in another namespace, or to all objects of a kind
/// (`name: "*"`, optionally narrowed by `matchLabels`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CrossNamespaceObjectReference {
    /// API version of the referent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_version: Option<String>,
    /// Kind of the referent.
    #[schemars(extend("enum" = OBJECT_KINDS))]
    pub kind: String,
    /// Name of the referent; `*` for all objects of the kind in the namespace.
    #[schemars(length(min = 1, max = 253))]
    pub name: String,
    /// Namespace of the referent (default: the referrer's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 253))]
    pub namespace: Option<String>,
    /// Labels the referents must have; only with `name: "*"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub match_labels: Option<BTreeMap<String, String>>,
}

/// Which events go to which Provider.
#[derive(kube::CustomResource, Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[kube(
    group = "notification.toolkit.fluxcd.io",
    version = "v1beta3",
    kind = "Alert",
    plural = "alerts",
    namespaced,
    category = "flux",
    doc = "Alert is the Schema for the alerts API",
    printcolumn = r#"{"name":"Age","type":"date","jsonPath":".metadata.creationTimestamp"}"#
)]
#[serde(rename_all = "camelCase")]
pub struct AlertSpec {
    /// The Provider events are sent to.
    pub provider_ref: LocalObjectReference,
    /// Short description of the alert's impact, added to events as metadata `summary`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 255))]
    pub summary: Option<String>,
    /// Lowest severity sent: `info` (all events) or `error`.
    #[serde(default = "default_severity")]
    #[schemars(extend("enum" = ["info", "error"]))]
    pub event_severity: String,
    /// The objects whose events are sent.
    pub event_sources: Vec<CrossNamespaceObjectReference>,
    /// Regular expressions; when set, only events whose message matches one are sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inclusion_list: Option<Vec<String>>,
    /// Metadata added to every event sent (the event's own keys win).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_metadata: Option<BTreeMap<String, String>>,
    /// Regular expressions; events whose message matches one are not sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exclusion_list: Option<Vec<String>>,
    /// Stop sending events for this alert.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub suspend: bool,
}

fn default_severity() -> String {
    "info".into()
}

/// A webhook that requests reconciliations.
#[derive(kube::CustomResource, Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[kube(
    group = "notification.toolkit.fluxcd.io",
    version = "v1",
    kind = "Receiver",
    plural = "receivers",
    namespaced,
    status = "ReceiverStatus",
    category = "flux",
    doc = "Receiver is the Schema for the receivers API.",
    printcolumn = r#"{"name":"Age","type":"date","jsonPath":".metadata.creationTimestamp"}"#,
    printcolumn = r#"{"name":"Ready","type":"string","jsonPath":".status.conditions[?(@.type==\"Ready\")].status"}"#,
    printcolumn = r#"{"name":"Status","type":"string","jsonPath":".status.conditions[?(@.type==\"Ready\")].message"}"#
)]
#[serde(rename_all = "camelCase")]
pub struct ReceiverSpec {
    /// The type of the incoming webhook (`generic`, `github`, …).
    #[serde(rename = "type")]
    #[schemars(extend("enum" = RECEIVER_TYPES))]
    pub type_: String,
    /// Interval at which the Receiver is reconciled with its Secret (default `10m`).
    #[serde(default = "default_receiver_interval")]
    #[schemars(regex(pattern = r"^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$"))]
    pub interval: String,
    /// Event types accepted (the webhook's event header); all when empty.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub events: Option<Vec<String>>,
    /// The objects annotated with a reconcile request on a valid call.
    pub resources: Vec<CrossNamespaceObjectReference>,
    /// CEL expression filtering the resources.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_filter: Option<String>,
    /// Secret holding the `token` that signs or authenticates calls and makes the path.
    pub secret_ref: LocalObjectReference,
    /// Ignore calls to this receiver.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub suspend: bool,
}

fn default_receiver_interval() -> String {
    "10m".into()
}

/// Status of a Receiver.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ReceiverStatus {
    /// Conditions (`Ready`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<Condition>,
    /// The webhook path (deprecated upstream in favour of `webhookPath`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The path the Receiver is served on: `/hook/<sha256(token+name+namespace)>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webhook_path: Option<String>,
    /// Last generation reconciled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub observed_generation: Option<i64>,
    /// The last `reconcile.fluxcd.io/requestedAt` value handled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_handled_reconcile_at: Option<String>,
}

/// A Receiver's webhook path for `token`, computed as upstream does:
/// `/hook/` + hex(sha256(token + name + namespace)).
pub fn webhook_path(token: &str, name: &str, namespace: &str) -> String {
    let mut h = Sha256::new();
    h.update(token.as_bytes());
    h.update(name.as_bytes());
    h.update(namespace.as_bytes());
    let digest = h.finalize();
    digest.iter().fold(WEBHOOK_PATH_PREFIX.to_string(), |mut out, b| {
        use std::fmt::Write;
        let _ = write!(out, "{b:02x}");
        out
    })
}

fn check_enum<K: kube::Resource<DynamicType = ()>>(
    obj: &K,
    field: &str,
    value: &str,
    allowed: &[&str],
) -> super::Result<()> {
    if allowed.contains(&value) {
        return Ok(());
    }
    Err(super::invalid(
        obj,
        field,
        format!(
            "unsupported value {value:?}: expected one of {}",
            allowed.join(", ")
        ),
    ))
}

fn check_refs<K: kube::Resource<DynamicType = ()>>(
    obj: &K,
    field: &str,
    refs: &[CrossNamespaceObjectReference],
) -> super::Result<()> {
    for (i, r) in refs.iter().enumerate() {
        check_enum(obj, &format!("{field}[{i}].kind"), &r.kind, OBJECT_KINDS)?;
        if r.name.is_empty() {
            return Err(super::invalid(
                obj,
                &format!("{field}[{i}].name"),
                "must not be empty",
            ));
        }
        if r.match_labels.as_ref().is_some_and(|l| !l.is_empty()) && r.name != "*" {
            return Err(super::invalid(
                obj,
                &format!("{field}[{i}].matchLabels"),
                "matchLabels requires name \"*\"",
            ));
        }
    }
    Ok(())
}

impl super::FluxObject for Provider {
    fn validate(&self) -> super::Result<()> {
        let s = &self.spec;
        check_enum(self, "spec.type", &s.type_, PROVIDER_TYPES)?;
        super::check_duration(self, "spec.interval", s.interval.as_deref())?;
        super::check_duration(self, "spec.timeout", s.timeout.as_deref())?;
        if let Some(a) = s.address.as_deref().filter(|a| !a.is_empty())
            && !(a.starts_with("http://") || a.starts_with("https://"))
            && !matches!(s.type_.as_str(), "nats" | "googlepubsub" | "azureeventhub")
        {
            return Err(super::invalid(
                self,
                "spec.address",
                "expected an http:// or https:// URL",
            ));
        }
        Ok(())
    }
}

impl super::FluxObject for Alert {
    fn validate(&self) -> super::Result<()> {
        let s = &self.spec;
        check_enum(self, "spec.eventSeverity", &s.event_severity, &["info", "error"])?;
        if s.provider_ref.name.is_empty() {
            return Err(super::invalid(self, "spec.providerRef.name", "must not be empty"));
        }
        check_refs(self, "spec.eventSources", &s.event_sources)?;
        for (field, list) in [
            ("spec.inclusionList", &s.inclusion_list),
            ("spec.exclusionList", &s.exclusion_list),
        ] {
            for (i, re) in list.iter().flatten().enumerate() {
                if let Err(e) = regex::Regex::new(re) {
                    return Err(super::invalid(self, &format!("{field}[{i}]"), e.to_string()));
                }
            }
        }
        Ok(())
    }
}

impl super::FluxObject for Receiver {
    fn validate(&self) -> super::Result<()> {
        let s = &self.spec;
        check_enum(self, "spec.type", &s.type_, RECEIVER_TYPES)?;
        super::check_duration(self, "spec.interval", Some(&s.interval))?;
        if s.secret_ref.name.is_empty() {
            return Err(super::invalid(self, "spec.secretRef.name", "must not be empty"));
        }
        check_refs(self, "spec.resources", &s.resources)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_webhook_path_is_the_digest_of_token_name_and_namespace() {
        // printf 'tokenhookflux-system' | sha256sum
        let p = webhook_path("token", "hook", "flux-system");
        assert_eq!(
            p,
            "/hook/972cfccde884c3c9f7e679bd3637a6c3a8c5b326aed2853ddaea8b0ce0aa1cea"
        );
        assert_ne!(p, webhook_path("token", "hook", "other"));
        assert_ne!(p, webhook_path("other", "hook", "flux-system"));
    }
}
