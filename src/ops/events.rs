//! Kubernetes Events about Flux objects: listed oldest first, filtered by object and type,
//! and watched as they arrive.

use futures::{Stream, StreamExt, TryStreamExt};
use k8s_openapi::api::core::v1::Event;
use kube::api::{Api, ListParams};
use kube::runtime::{WatchStreamExt, watcher};

use super::{Error, FluxClient, FluxKind, Result};
use crate::cluster;

/// Kinds of the Flux toolkit besides [`FluxKind`]'s, whose events are shown too.
pub const OTHER_TOOLKIT_KINDS: &[&str] = &[
    "Alert",
    "Provider",
    "Receiver",
    "ImageRepository",
    "ImagePolicy",
    "ImageUpdateAutomation",
    "ExternalArtifact",
];

/// Which events to show.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventOptions {
    /// Namespace; `None`: every namespace.
    pub namespace: Option<String>,
    /// Only events about this kind (a Flux kind name, any case).
    pub for_kind: Option<String>,
    /// … and this object name.
    pub for_name: Option<String>,
    /// Only these types (`Normal`, `Warning`; any case). Empty: all.
    pub types: Vec<String>,
}

/// One event, ready to be shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventRecord {
    /// Namespace of the event.
    pub namespace: String,
    /// `Normal` or `Warning`.
    pub type_: String,
    /// Reason (`ReconciliationSucceeded`).
    pub reason: String,
    /// The object: `Kind/name`.
    pub object: String,
    /// The message.
    pub message: String,
    /// When it was first seen (Unix seconds).
    pub first_seen: Option<i64>,
    /// When it was last seen (Unix seconds): what events are ordered by.
    pub last_seen: Option<i64>,
    /// How often it happened.
    pub count: i32,
}

/// Whether a kind name is a Flux toolkit kind (exact spelling).
pub fn is_toolkit_kind(kind: &str) -> bool {
    FluxKind::ALL.iter().any(|k| k.kind() == kind) || OTHER_TOOLKIT_KINDS.contains(&kind)
}

/// The canonical spelling of a toolkit kind given in any case or as a short name.
pub fn canonical_kind(name: &str) -> Option<String> {
    if let Some(k) = FluxKind::parse(name) {
        return Some(k.kind().to_string());
    }
    OTHER_TOOLKIT_KINDS
        .iter()
        .find(|k| k.eq_ignore_ascii_case(name))
        .map(|k| (*k).to_string())
}

/// Turns an Event into a record; `None` when it is not about a Flux object or not of a
/// wanted type.
pub fn record(e: &Event, wanted: &[String]) -> Option<EventRecord> {
    let involved = &e.involved_object;
    let kind = involved.kind.clone().unwrap_or_default();
    let group_is_toolkit = involved
        .api_version
        .as_deref()
        .and_then(|a| a.split_once('/'))
        .is_some_and(|(g, _)| g.ends_with(super::tree::TOOLKIT_GROUP_SUFFIX));
    if !(group_is_toolkit || is_toolkit_kind(&kind)) {
        return None;
    }
    let type_ = e.type_.clone().unwrap_or_default();
    if !wanted.is_empty() && !wanted.iter().any(|t| t.eq_ignore_ascii_case(&type_)) {
        return None;
    }
    let event_time = e.event_time.as_ref().map(|t| t.0.as_second());
    let first_seen = event_time.or_else(|| e.first_timestamp.as_ref().map(|t| t.0.as_second()));
    let last_seen = e
        .series
        .as_ref()
        .and_then(|s| s.last_observed_time.as_ref())
        .map(|t| t.0.as_second())
        .or_else(|| e.last_timestamp.as_ref().map(|t| t.0.as_second()))
        .or(event_time)
        .or(first_seen);
    let count = e.series.as_ref().and_then(|s| s.count).or(e.count).unwrap_or(1);
    Some(EventRecord {
        namespace: e.metadata.namespace.clone().unwrap_or_default(),
        type_,
        reason: e.reason.clone().unwrap_or_default(),
        object: format!("{kind}/{}", involved.name.clone().unwrap_or_default()),
        message: e.message.clone().unwrap_or_default(),
        first_seen,
        last_seen,
        count,
    })
}

/// The field selectors that pick the events to show: the object itself and, for a
/// Kustomization, its source.
async fn selectors(
    client: &FluxClient,
    opts: &EventOptions,
) -> Result<Vec<(Option<String>, Option<String>)>> {
    let Some(kind_name) = &opts.for_kind else {
        return Ok(vec![(opts.namespace.clone(), None)]);
    };
    let kind = canonical_kind(kind_name).ok_or_else(|| Error::UnknownKind {
        kind: kind_name.clone(),
    })?;
    let sel = match &opts.for_name {
        Some(n) => format!("involvedObject.kind={kind},involvedObject.name={n}"),
        None => format!("involvedObject.kind={kind}"),
    };
    let mut out = vec![(opts.namespace.clone(), Some(sel))];
    if let (Some(name), Some(FluxKind::Kustomization), Some(ns)) =
        (&opts.for_name, FluxKind::parse(&kind), &opts.namespace)
        && let Some(ks) = client.get_opt(FluxKind::Kustomization, ns, name).await?
    {
        let src = &ks.spec()["sourceRef"];
        if let (Some(k), Some(n)) = (src["kind"].as_str(), src["name"].as_str()) {
            let src_ns = src["namespace"].as_str().unwrap_or(ns).to_string();
            out.push((
                Some(src_ns),
                Some(format!("involvedObject.kind={k},involvedObject.name={n}")),
            ));
        }
    }
    Ok(out)
}

impl FluxClient {
    fn events_api(&self, namespace: Option<&str>) -> Api<Event> {
        match namespace {
            Some(ns) => Api::namespaced(self.client.clone(), ns),
            None => Api::all(self.client.clone()),
        }
    }

    /// The events about Flux objects, oldest first.
    pub async fn events(&self, opts: &EventOptions) -> Result<Vec<EventRecord>> {
        let mut out = Vec::new();
        for (ns, fields) in selectors(self, opts).await? {
            let api = self.events_api(ns.as_deref());
            let mut lp = ListParams::default();
            if let Some(f) = &fields {
                lp = lp.fields(f);
            }
            let list = crate::cluster::retry(|| api.list(&lp))
                .await
                .map_err(|e| cluster::Error::api("listing events", e))?;
            out.extend(list.items.iter().filter_map(|e| record(e, &opts.types)));
        }
        out.sort_by_key(|a| a.last_seen);
        Ok(out)
    }

    /// Events as they are created or updated (existing ones first).
    pub async fn watch_events(
        &self,
        opts: &EventOptions,
    ) -> Result<impl Stream<Item = Result<EventRecord>> + Send + use<>> {
        let mut streams = Vec::new();
        for (ns, fields) in selectors(self, opts).await? {
            let mut config = watcher::Config::default();
            if let Some(f) = &fields {
                config = config.fields(f);
            }
            streams.push(
                watcher(self.events_api(ns.as_deref()), config)
                    .default_backoff()
                    .boxed(),
            );
        }
        let types = opts.types.clone();
        Ok(futures::stream::select_all(streams)
            .map_err(|e| Error::Cluster(cluster::Error::watch("watching events", e)))
            .try_filter_map(move |ev| {
                let rec = match ev {
                    watcher::Event::Apply(e) | watcher::Event::InitApply(e) => record(&e, &types),
                    _ => None,
                };
                futures::future::ready(Ok(rec))
            }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn event(kind: &str, api_version: &str, type_: &str) -> Event {
        serde_json::from_value(json!({
            "metadata": {"name": "e", "namespace": "ns"},
            "involvedObject": {"kind": kind, "name": "apps", "apiVersion": api_version},
            "type": type_, "reason": "ReconciliationSucceeded", "message": "ok",
            "firstTimestamp": "2024-05-01T10:00:00Z", "lastTimestamp": "2024-05-01T10:05:00Z", "count": 3
        }))
        .unwrap()
    }

    #[test]
    fn only_flux_events_of_the_wanted_types() {
        let e = event("Kustomization", "kustomize.toolkit.fluxcd.io/v1", "Normal");
        let r = record(&e, &[]).unwrap();
        assert_eq!(r.object, "Kustomization/apps");
        assert_eq!(r.count, 3);
        assert_eq!(r.last_seen.unwrap() - r.first_seen.unwrap(), 300);
        assert!(record(&e, &["warning".into()]).is_none());
        assert!(record(&e, &["NORMAL".into()]).is_some());
        assert!(record(&event("Deployment", "apps/v1", "Normal"), &[]).is_none());
        assert!(record(&event("Receiver", "", "Normal"), &[]).is_some());
        assert_eq!(canonical_kind("ks").as_deref(), Some("Kustomization"));
        assert_eq!(canonical_kind("alert").as_deref(), Some("Alert"));
        assert_eq!(canonical_kind("deployment"), None);
    }
}
