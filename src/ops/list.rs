//! Listing and watching Flux objects, with name, label and status-condition filters.

use futures::{Stream, StreamExt, TryStreamExt};
use kube::api::ListParams;
use kube::runtime::{WatchStreamExt, watcher};

use super::object::{FluxStatus, LiveObject};
use super::{Error, FluxClient, FluxKind, Result, live};
use crate::api::meta;
use crate::cluster;

/// Which objects to list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListOptions {
    /// The namespace; `None` lists every namespace.
    pub namespace: Option<String>,
    /// Only the object of this name.
    pub name: Option<String>,
    /// A label selector (`app=web,tier!=db`).
    pub label_selector: Option<String>,
}

impl ListOptions {
    fn params(&self) -> ListParams {
        let mut lp = ListParams::default();
        if let Some(l) = &self.label_selector {
            lp = lp.labels(l);
        }
        if let Some(n) = &self.name {
            lp = lp.fields(&format!("metadata.name={n}"));
        }
        lp
    }

    fn watcher_config(&self) -> watcher::Config {
        let mut c = watcher::Config::default();
        if let Some(l) = &self.label_selector {
            c = c.labels(l);
        }
        if let Some(n) = &self.name {
            c = c.fields(&format!("metadata.name={n}"));
        }
        c
    }
}

/// A filter on a status condition: `ready=false`, `Ready!=True`, `stalled=true`. Types and
/// statuses compare case-insensitively.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusSelector {
    /// Condition type.
    pub type_: String,
    /// Condition status.
    pub status: String,
    /// Whether the selector is `!=`.
    pub negated: bool,
}

impl StatusSelector {
    /// Parses `type=status` or `type!=status`.
    pub fn parse(s: &str) -> Result<StatusSelector> {
        let (type_, status, negated) = if let Some((t, v)) = s.split_once("!=") {
            (t, v, true)
        } else if let Some((t, v)) = s.split_once('=') {
            (t, v, false)
        } else {
            return Err(Error::StatusSelector { given: s.to_string() });
        };
        let (type_, status) = (type_.trim(), status.trim());
        if type_.is_empty() || status.is_empty() {
            return Err(Error::StatusSelector { given: s.to_string() });
        }
        Ok(StatusSelector {
            type_: type_.to_string(),
            status: status.to_string(),
            negated,
        })
    }

    /// Whether an object matches. A missing Ready condition counts as `False` (as `get`
    /// shows it: `waiting to be reconciled`); any other missing condition matches only `!=`.
    pub fn matches(&self, obj: &impl FluxStatus) -> bool {
        let status = match obj.condition(&canonical_type(&self.type_)) {
            Some(c) => Some(c.status),
            None if self.type_.eq_ignore_ascii_case(meta::READY) => Some("False".to_string()),
            None => None,
        };
        let equal = status.is_some_and(|s| s.eq_ignore_ascii_case(&self.status));
        equal != self.negated
    }
}

/// The condition type as the object spells it (`ready` → `Ready`).
fn canonical_type(type_: &str) -> String {
    for known in [
        meta::READY,
        meta::RECONCILING,
        meta::STALLED,
        meta::HEALTHY,
        meta::FETCH_FAILED,
        meta::ARTIFACT_OUTDATED,
        meta::ARTIFACT_IN_STORAGE,
    ] {
        if known.eq_ignore_ascii_case(type_) {
            return known.to_string();
        }
    }
    type_.to_string()
}

/// What a watch reports.
#[derive(Clone, Debug, PartialEq)]
pub enum WatchEvent {
    /// An object exists at the start of the watch.
    Listed(LiveObject),
    /// Every object that existed at the start has been reported.
    ListDone,
    /// An object was created or changed.
    Changed(LiveObject),
    /// An object was deleted.
    Deleted(LiveObject),
}

impl FluxClient {
    /// Lists the objects of a kind, sorted by namespace and name; `None` when the kind's CRD
    /// is not installed.
    pub async fn list(&self, kind: FluxKind, opts: &ListOptions) -> Result<Option<Vec<LiveObject>>> {
        let Some(resource) = self.resource(kind).await? else {
            return Ok(None);
        };
        let api = self.api(&resource, opts.namespace.as_deref());
        let params = opts.params();
        let list = crate::cluster::retry(|| api.list(&params))
            .await
            .map_err(|e| cluster::Error::api(format!("listing {}", kind.plural()), e))?;
        let mut out: Vec<LiveObject> = list.items.iter().map(|o| live(kind, &resource, o)).collect();
        out.sort_by(|a, b| (a.namespace(), a.name()).cmp(&(b.namespace(), b.name())));
        Ok(Some(out))
    }

    /// Watches the objects of a kind: first every existing object, then changes as they
    /// happen. Reconnects with backoff when the connection drops.
    pub async fn watch(
        &self,
        kind: FluxKind,
        opts: &ListOptions,
    ) -> Result<impl Stream<Item = Result<WatchEvent>> + Send + use<>> {
        let resource = self.require(kind).await?;
        let api = self.api(&resource, opts.namespace.as_deref());
        let stream = watcher(api, opts.watcher_config())
            .default_backoff()
            .map_err(move |e| Error::Cluster(cluster::Error::watch(format!("watching {}", kind.plural()), e)))
            .filter_map(move |ev| {
                let resource = resource.clone();
                async move {
                    match ev {
                        Ok(watcher::Event::InitApply(o)) => {
                            Some(Ok(WatchEvent::Listed(live(kind, &resource, &o))))
                        }
                        Ok(watcher::Event::InitDone) => Some(Ok(WatchEvent::ListDone)),
                        Ok(watcher::Event::Apply(o)) => {
                            Some(Ok(WatchEvent::Changed(live(kind, &resource, &o))))
                        }
                        Ok(watcher::Event::Delete(o)) => {
                            Some(Ok(WatchEvent::Deleted(live(kind, &resource, &o))))
                        }
                        Ok(watcher::Event::Init) => None,
                        Err(e) => Some(Err(e)),
                    }
                }
            });
        Ok(stream)
    }
}

/// Keeps the objects a status selector matches (all when there is none).
pub fn filter_status(objects: Vec<LiveObject>, selector: Option<&StatusSelector>) -> Vec<LiveObject> {
    match selector {
        None => objects,
        Some(s) => objects.into_iter().filter(|o| s.matches(o)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obj(conditions: &serde_json::Value) -> LiveObject {
        LiveObject::new(
            FluxKind::GitRepository,
            json!({"metadata": {"name": "a", "namespace": "n"}, "status": {"conditions": conditions}}),
        )
    }

    #[test]
    fn status_selectors_parse_and_match_case_insensitively() {
        let s = StatusSelector::parse("ready=false").unwrap();
        assert!(!s.negated);
        let not_ready = obj(&json!([{"type": "Ready", "status": "False"}]));
        let ready = obj(&json!([{"type": "Ready", "status": "True"}]));
        let waiting = obj(&json!(null));
        assert!(s.matches(&not_ready));
        assert!(!s.matches(&ready));
        assert!(s.matches(&waiting), "no Ready condition shows as False");
        let n = StatusSelector::parse("Ready!=True").unwrap();
        assert!(n.negated);
        assert!(n.matches(&not_ready) && !n.matches(&ready) && n.matches(&waiting));
        let stalled = StatusSelector::parse("stalled=true").unwrap();
        assert!(!stalled.matches(&ready));
        assert!(stalled.matches(&obj(&json!([{"type": "Stalled", "status": "True"}]))));
        for bad in ["ready", "=true", "ready="] {
            let e = StatusSelector::parse(bad).unwrap_err().to_string();
            assert!(e.contains("type=status"), "{e}");
        }
        assert_eq!(
            filter_status(vec![ready.clone(), not_ready.clone()], Some(&s)),
            vec![not_ready]
        );
    }
}
