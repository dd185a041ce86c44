//! Which Alerts select an event (pure): `eventSources` (kind, name or `*`, namespace,
//! `matchLabels`), `eventSeverity`, `inclusionList`/`exclusionList` and `suspend`; and the
//! event as sent for an Alert (`summary` and `eventMetadata` added).

use regex::Regex;

use crate::api::notification::{Alert, CrossNamespaceObjectReference};
use crate::cluster::events::FluxEvent;

fn source_matches(alert_ns: &str, source: &CrossNamespaceObjectReference, event: &FluxEvent) -> bool {
    let obj = &event.involved;
    if !source.kind.eq_ignore_ascii_case(&obj.kind) {
        return false;
    }
    let ns = source.namespace.as_deref().unwrap_or(alert_ns);
    if ns != "*" && ns != obj.namespace {
        return false;
    }
    if source.name == "*" {
        return source
            .match_labels
            .iter()
            .flatten()
            .all(|(k, v)| event.labels.get(k) == Some(v));
    }
    source.name == obj.name
}

fn any_match(patterns: &[String], message: &str) -> Result<bool, regex::Error> {
    for p in patterns {
        if Regex::new(p)?.is_match(message) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Whether `alert` selects `event`. An invalid regular expression selects nothing (the
/// Alert fails validation, which the caller reports).
pub fn selects(alert: &Alert, event: &FluxEvent) -> bool {
    let spec = &alert.spec;
    if spec.suspend {
        return false;
    }
    if spec.event_severity == "error" && event.severity != "error" {
        return false;
    }
    let alert_ns = alert.metadata.namespace.as_deref().unwrap_or_default();
    if !spec
        .event_sources
        .iter()
        .any(|s| source_matches(alert_ns, s, event))
    {
        return false;
    }
    if let Some(incl) = spec.inclusion_list.as_deref().filter(|l| !l.is_empty()) {
        match any_match(incl, &event.message) {
            Ok(true) => {}
            _ => return false,
        }
    }
    if let Some(excl) = spec.exclusion_list.as_deref() {
        match any_match(excl, &event.message) {
            Ok(false) => {}
            _ => return false,
        }
    }
    true
}

/// The event as sent for `alert`: metadata `summary` and the Alert's `eventMetadata` added
/// (keys the event already has keep the event's value).
pub fn for_alert(alert: &Alert, event: &FluxEvent) -> FluxEvent {
    let mut out = event.clone();
    for (k, v) in alert.spec.event_metadata.iter().flatten() {
        out.metadata.entry(k.clone()).or_insert_with(|| v.clone());
    }
    if let Some(s) = alert.spec.summary.as_deref().filter(|s| !s.is_empty()) {
        out.metadata
            .entry("summary".to_string())
            .or_insert_with(|| s.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::events::InvolvedObject;
    use serde_json::json;

    fn alert(spec: &serde_json::Value) -> Alert {
        serde_json::from_value(json!({
            "apiVersion": "notification.toolkit.fluxcd.io/v1beta3", "kind": "Alert",
            "metadata": {"name": "a", "namespace": "apps"},
            "spec": spec,
        }))
        .unwrap()
    }

    fn event(kind: &str, ns: &str, name: &str, severity: &str, message: &str) -> FluxEvent {
        FluxEvent {
            involved: InvolvedObject {
                kind: kind.into(),
                namespace: ns.into(),
                name: name.into(),
                ..Default::default()
            },
            labels: [("team".to_string(), "web".to_string())].into(),
            severity: severity.into(),
            message: message.into(),
            reason: "ReconciliationSucceeded".into(),
            ..Default::default()
        }
    }

    #[test]
    fn sources_severity_and_lists_select_events() {
        let a = alert(&json!({
            "providerRef": {"name": "p"},
            "eventSources": [
                {"kind": "Kustomization", "name": "web"},
                {"kind": "GitRepository", "name": "*", "namespace": "flux-system", "matchLabels": {"team": "web"}},
            ],
        }));
        assert_eq!(a.spec.event_severity, "info", "the default severity");
        assert!(selects(&a, &event("Kustomization", "apps", "web", "info", "ok")));
        assert!(!selects(
            &a,
            &event("Kustomization", "other", "web", "info", "ok")
        ));
        assert!(!selects(&a, &event("Kustomization", "apps", "db", "info", "ok")));
        assert!(selects(
            &a,
            &event("GitRepository", "flux-system", "any", "error", "x")
        ));
        let mut unlabelled = event("GitRepository", "flux-system", "any", "info", "x");
        unlabelled.labels.clear();
        assert!(!selects(&a, &unlabelled));

        let errors = alert(&json!({
            "providerRef": {"name": "p"}, "eventSeverity": "error",
            "eventSources": [{"kind": "Kustomization", "name": "*"}],
            "inclusionList": [".*failed.*"], "exclusionList": ["timeout"],
        }));
        assert!(!selects(
            &errors,
            &event("Kustomization", "apps", "w", "info", "build failed")
        ));
        assert!(selects(
            &errors,
            &event("Kustomization", "apps", "w", "error", "build failed")
        ));
        assert!(!selects(
            &errors,
            &event("Kustomization", "apps", "w", "error", "it broke")
        ));
        assert!(!selects(
            &errors,
            &event("Kustomization", "apps", "w", "error", "failed: timeout")
        ));

        let suspended = alert(&json!({
            "providerRef": {"name": "p"}, "suspend": true,
            "eventSources": [{"kind": "Kustomization", "name": "*"}],
        }));
        assert!(!selects(
            &suspended,
            &event("Kustomization", "apps", "w", "info", "x")
        ));
    }

    #[test]
    fn summary_and_metadata_are_added_without_overriding_the_event() {
        let a = alert(&json!({
            "providerRef": {"name": "p"}, "summary": "prod cluster",
            "eventSources": [{"kind": "Kustomization", "name": "*"}],
            "eventMetadata": {"env": "prod", "revision": "not this"},
        }));
        let mut e = event("Kustomization", "apps", "w", "info", "x");
        e.metadata.insert("revision".into(), "main@sha1:abc".into());
        let out = for_alert(&a, &e);
        assert_eq!(out.metadata["summary"], "prod cluster");
        assert_eq!(out.metadata["env"], "prod");
        assert_eq!(out.metadata["revision"], "main@sha1:abc");
    }
}
