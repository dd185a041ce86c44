//! Which watch events lead to which reconciliations.
//!
//! * An object is reconciled when it appears, when its generation changes (a spec change),
//!   when its `reconcile.fluxcd.io/requestedAt` annotation gets a new value, and when its
//!   deletion starts. Status-only updates (the engines' own writes) do not trigger it.
//! * A GitRepository whose artifact revision changes triggers the Kustomizations whose
//!   `sourceRef` points at it.
//! * An OCIRepository whose artifact revision changes triggers the HelmReleases whose
//!   `chartRef` points at it (the same [`RevisionFeed`] as the Kustomizations').
//! * A Kustomization that becomes ready (or is ready at a new revision) triggers the
//!   Kustomizations that list it in `dependsOn`.
//!
//! Relations only fire on a *change* seen after an object was first seen, so the initial
//! listing does not reconcile everything twice.

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use kube::Resource;
use kube::runtime::reflector::ObjectRef;
use kube::runtime::watcher;

use crate::api::meta;
use futures::channel::mpsc::{UnboundedReceiver, UnboundedSender, unbounded};

use crate::api::{GitRepository, HelmChart, HelmRelease, HelmRepository, Kustomization, OCIRepository};

/// A source kind whose artifact revision triggers the Kustomizations that use it.
pub trait ArtifactSource: Resource<DynamicType = ()> {
    /// The kind, as `sourceRef.kind` names it.
    const SOURCE_KIND: &'static str;
    /// The revision of the artifact in the status.
    fn revision(&self) -> Option<&str>;
}

impl ArtifactSource for GitRepository {
    const SOURCE_KIND: &'static str = "GitRepository";
    fn revision(&self) -> Option<&str> {
        self.artifact_revision()
    }
}

impl ArtifactSource for HelmRepository {
    const SOURCE_KIND: &'static str = "HelmRepository";
    fn revision(&self) -> Option<&str> {
        self.artifact_revision()
    }
}

impl ArtifactSource for HelmChart {
    const SOURCE_KIND: &'static str = "HelmChart";
    fn revision(&self) -> Option<&str> {
        self.artifact_revision()
    }
}

impl ArtifactSource for OCIRepository {
    const SOURCE_KIND: &'static str = "OCIRepository";
    fn revision(&self) -> Option<&str> {
        self.artifact_revision()
    }
}

/// `namespace/name` of an object.
pub fn key_of<K: Resource>(obj: &K) -> String {
    let m = obj.meta();
    format!(
        "{}/{}",
        m.namespace.as_deref().unwrap_or_default(),
        m.name.as_deref().unwrap_or_default()
    )
}

fn hash_of<T: Hash>(t: &T) -> u64 {
    let mut h = DefaultHasher::new();
    t.hash(&mut h);
    h.finish()
}

/// The part of an object whose change means "reconcile it": identity (a re-created object is
/// new), generation, the requestedAt annotation and whether it is being deleted.
pub fn self_trigger_hash<K: Resource>(obj: &K) -> u64 {
    let m = obj.meta();
    hash_of(&(
        m.uid.as_deref(),
        m.generation,
        meta::reconcile_requested_at(m.annotations.as_ref()),
        m.deletion_timestamp.is_some(),
    ))
}

fn readiness_hash(ks: &Kustomization) -> u64 {
    hash_of(&(
        ks.is_ready(),
        ks.status
            .as_ref()
            .and_then(|s| s.last_applied_revision.as_deref()),
    ))
}

/// What a ready Kustomization is ready *at*: its generation and applied revision.
fn ready_at_hash(ks: &Kustomization) -> u64 {
    hash_of(&(
        ks.metadata.generation,
        ks.status
            .as_ref()
            .and_then(|s| s.last_applied_revision.as_deref()),
    ))
}

fn revision_hash<K: ArtifactSource>(repo: &K) -> u64 {
    hash_of(&repo.revision())
}

/// How an observed value compares with the last one seen for the object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seen {
    /// The object was not seen before.
    First,
    /// The value differs from the last one.
    Changed,
    /// Same value as before.
    Same,
}

/// Remembers one hashed value per object. During a re-list (after a watch gap) it notes
/// which objects still exist and forgets the others when the list is complete.
#[derive(Debug, Default)]
pub struct Tracker {
    values: HashMap<String, u64>,
    listing: Option<HashSet<String>>,
}

impl Tracker {
    /// Records `value` for `key` and says how it compares with the previous one.
    pub fn observe(&mut self, key: &str, value: u64) -> Seen {
        if let Some(listing) = &mut self.listing {
            listing.insert(key.to_string());
        }
        match self.values.insert(key.to_string(), value) {
            None => Seen::First,
            Some(old) if old == value => Seen::Same,
            Some(_) => Seen::Changed,
        }
    }

    /// Forgets a deleted object.
    pub fn forget(&mut self, key: &str) {
        self.values.remove(key);
    }

    /// A (re-)list starts.
    pub fn begin_list(&mut self) {
        self.listing = Some(HashSet::new());
    }

    /// The list is complete: objects not in it are gone.
    pub fn end_list(&mut self) {
        if let Some(listed) = self.listing.take() {
            self.values.retain(|k, _| listed.contains(k));
        }
    }

    /// Number of objects tracked.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether nothing is tracked.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
}

fn object_ref<K: Resource<DynamicType = ()>>(obj: &K) -> ObjectRef<K> {
    let m = obj.meta();
    let r = ObjectRef::new(m.name.as_deref().unwrap_or_default());
    match &m.namespace {
        Some(ns) => r.within(ns),
        None => r,
    }
}

/// The Kustomizations whose `sourceRef` is the GitRepository of `new`, except those that
/// already attempted its revision (a reconciliation that started after the artifact was
/// stored saw it; triggering them again would only repeat that work).
pub fn kustomizations_for_source(
    kustomizations: &[Arc<Kustomization>],
    new: &NewRevision,
) -> Vec<ObjectRef<Kustomization>> {
    kustomizations
        .iter()
        .filter(|ks| {
            let s = &ks.spec.source_ref;
            let attempted = ks
                .status
                .as_ref()
                .and_then(|st| st.last_attempted_revision.as_deref());
            s.kind == new.kind
                && s.name == new.name
                && ks.source_namespace() == new.namespace
                && attempted != Some(new.revision.as_str())
        })
        .map(|ks| object_ref(ks.as_ref()))
        .collect()
}

/// The HelmCharts whose `sourceRef` is the source of `new` (same namespace), except those
/// whose last artifact was built from its revision already.
pub fn charts_for_source(charts: &[Arc<HelmChart>], new: &NewRevision) -> Vec<ObjectRef<HelmChart>> {
    charts
        .iter()
        .filter(|c| {
            let s = &c.spec.source_ref;
            let observed = c
                .status
                .as_ref()
                .and_then(|st| st.observed_source_artifact_revision.as_deref());
            s.kind == new.kind
                && s.name == new.name
                && c.metadata.namespace.as_deref() == Some(new.namespace.as_str())
                && observed != Some(new.revision.as_str())
        })
        .map(|c| object_ref(c.as_ref()))
        .collect()
}

/// The HelmReleases whose chart is the source of `new`: named by `spec.chartRef`, or the
/// HelmChart their `spec.chart` template made.
pub fn helm_releases_for_source(
    releases: &[Arc<HelmRelease>],
    new: &NewRevision,
) -> Vec<ObjectRef<HelmRelease>> {
    releases
        .iter()
        .filter(|hr| {
            let by_ref = hr.spec.chart_ref.as_ref().is_some_and(|r| {
                let ns = r
                    .namespace
                    .as_deref()
                    .filter(|n| !n.is_empty())
                    .unwrap_or(hr.own_namespace());
                r.kind == new.kind && r.name == new.name && ns == new.namespace
            });
            // The HelmChart a `spec.chart` template made (`status.helmChart`).
            let by_template = new.kind == "HelmChart"
                && hr.spec.chart.is_some()
                && hr.status.as_ref().and_then(|s| s.helm_chart.as_deref())
                    == Some(format!("{}/{}", new.namespace, new.name).as_str());
            by_ref || by_template
        })
        .map(|hr| object_ref(hr.as_ref()))
        .collect()
}

/// Turns watch events of a kind with no relation of its own into reconcile requests: the
/// object's own changes only (status writes do not trigger it).
#[derive(Debug, Default)]
pub struct OwnTriggers {
    own: Tracker,
}

impl OwnTriggers {
    /// The object to reconcile because of `event`, if any.
    pub fn on_event<K: Resource<DynamicType = ()>>(
        &mut self,
        event: &watcher::Event<K>,
    ) -> Option<ObjectRef<K>> {
        match event {
            watcher::Event::Init => self.own.begin_list(),
            watcher::Event::InitDone => self.own.end_list(),
            watcher::Event::Delete(obj) => self.own.forget(&key_of(obj)),
            watcher::Event::Apply(obj) | watcher::Event::InitApply(obj) => {
                if self.own.observe(&key_of(obj), self_trigger_hash(obj)) != Seen::Same {
                    return Some(object_ref(obj));
                }
            }
        }
        None
    }
}

/// Where the source watches announce new artifact revisions: every subscriber (the
/// Kustomization queue, the HelmRelease queue) gets each one.
#[derive(Clone, Debug, Default)]
pub struct RevisionFeed {
    subscribers: Vec<UnboundedSender<NewRevision>>,
}

impl RevisionFeed {
    /// A feed with its first subscriber.
    pub fn with_subscriber() -> (Self, UnboundedReceiver<NewRevision>) {
        let mut feed = RevisionFeed::default();
        let rx = feed.subscribe();
        (feed, rx)
    }

    /// A new subscriber's stream (subscribe before the feed is handed to the watches).
    pub fn subscribe(&mut self) -> UnboundedReceiver<NewRevision> {
        let (tx, rx) = unbounded();
        self.subscribers.push(tx);
        rx
    }

    /// Hands `new` to every subscriber still listening.
    pub fn send(&self, new: &NewRevision) {
        for s in &self.subscribers {
            let _ = s.unbounded_send(new.clone());
        }
    }
}

/// The Kustomizations that list `namespace/name` in `dependsOn`.
pub fn dependents_of(
    kustomizations: &[Arc<Kustomization>],
    namespace: &str,
    name: &str,
) -> Vec<ObjectRef<Kustomization>> {
    kustomizations
        .iter()
        .filter(|ks| {
            let ks_ns = ks.metadata.namespace.as_deref().unwrap_or_default();
            ks.spec.depends_on.as_deref().unwrap_or_default().iter().any(|d| {
                d.name == name
                    && d.namespace.as_deref().filter(|n| !n.is_empty()).unwrap_or(ks_ns) == namespace
            })
        })
        .map(|ks| object_ref(ks.as_ref()))
        .collect()
}

/// Turns Kustomization watch events into reconcile requests.
///
/// A dependency that becomes ready at a new generation or revision triggers all its
/// dependents. One that becomes ready again at the generation and revision it was ready at
/// before (every reconciliation passes through `Ready=Unknown` while it runs, so every
/// interval does this) triggers only the dependents that are not ready: those that found it
/// busy and wait for it; the others have nothing new to do.
#[derive(Debug, Default)]
pub struct KustomizationTriggers {
    own: Tracker,
    readiness: Tracker,
    ready_at: Tracker,
}

impl KustomizationTriggers {
    /// The Kustomizations to reconcile because of `event`; `all` gives the current set (only
    /// called when a dependency became ready).
    pub fn on_event(
        &mut self,
        event: &watcher::Event<Kustomization>,
        all: impl FnOnce() -> Vec<Arc<Kustomization>>,
    ) -> Vec<ObjectRef<Kustomization>> {
        match event {
            watcher::Event::Init => {
                self.own.begin_list();
                self.readiness.begin_list();
                self.ready_at.begin_list();
                Vec::new()
            }
            watcher::Event::InitDone => {
                self.own.end_list();
                self.readiness.end_list();
                self.ready_at.end_list();
                Vec::new()
            }
            watcher::Event::Delete(ks) => {
                let key = key_of(ks);
                self.own.forget(&key);
                self.readiness.forget(&key);
                self.ready_at.forget(&key);
                Vec::new()
            }
            watcher::Event::Apply(ks) | watcher::Event::InitApply(ks) => {
                let key = key_of(ks);
                let mut out = Vec::new();
                if self.own.observe(&key, self_trigger_hash(ks)) != Seen::Same {
                    out.push(object_ref(ks));
                }
                let ready = ks.is_ready();
                let became_ready = self.readiness.observe(&key, readiness_hash(ks)) == Seen::Changed && ready;
                let moved = ready && self.ready_at.observe(&key, ready_at_hash(ks)) != Seen::Same;
                if became_ready {
                    let ns = ks.metadata.namespace.as_deref().unwrap_or_default();
                    let name = ks.metadata.name.as_deref().unwrap_or_default();
                    let mut candidates = all();
                    if !moved {
                        candidates.retain(|k| !k.is_ready());
                    }
                    out.extend(dependents_of(&candidates, ns, name));
                }
                out
            }
        }
    }
}

/// A source's new artifact revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRevision {
    /// The source's kind (`GitRepository`, `OCIRepository`).
    pub kind: &'static str,
    /// The GitRepository's namespace.
    pub namespace: String,
    /// The GitRepository's name.
    pub name: String,
    /// The artifact's revision (`main@sha1:…`).
    pub revision: String,
}

/// What a source's watch event asks for.
#[derive(Debug)]
pub struct SourceEvent<K: ArtifactSource> {
    /// Sources to reconcile.
    pub reconcile: Vec<ObjectRef<K>>,
    /// A GitRepository whose artifact revision changed: its Kustomizations that have not
    /// attempted that revision yet are to be reconciled.
    pub new_revision: Option<NewRevision>,
}

impl<K: ArtifactSource> PartialEq for SourceEvent<K> {
    fn eq(&self, other: &Self) -> bool {
        self.reconcile == other.reconcile && self.new_revision == other.new_revision
    }
}

impl<K: ArtifactSource> Default for SourceEvent<K> {
    fn default() -> Self {
        SourceEvent {
            reconcile: Vec::new(),
            new_revision: None,
        }
    }
}

/// What a GitRepository watch event asks for.
pub type GitRepositoryEvent = SourceEvent<GitRepository>;
/// Turns GitRepository watch events into reconcile requests.
pub type GitRepositoryTriggers = SourceTriggers<GitRepository>;

/// Turns a source kind's watch events into reconcile requests.
#[derive(Debug)]
pub struct SourceTriggers<K> {
    own: Tracker,
    revision: Tracker,
    kind: std::marker::PhantomData<K>,
}

impl<K> Default for SourceTriggers<K> {
    fn default() -> Self {
        SourceTriggers {
            own: Tracker::default(),
            revision: Tracker::default(),
            kind: std::marker::PhantomData,
        }
    }
}

impl<K: ArtifactSource> SourceTriggers<K> {
    /// What to do because of `event`.
    pub fn on_event(&mut self, event: &watcher::Event<K>) -> SourceEvent<K> {
        let mut out = SourceEvent::default();
        match event {
            watcher::Event::Init => {
                self.own.begin_list();
                self.revision.begin_list();
            }
            watcher::Event::InitDone => {
                self.own.end_list();
                self.revision.end_list();
            }
            watcher::Event::Delete(repo) => {
                let key = key_of(repo);
                self.own.forget(&key);
                self.revision.forget(&key);
            }
            watcher::Event::Apply(repo) | watcher::Event::InitApply(repo) => {
                let key = key_of(repo);
                if self.own.observe(&key, self_trigger_hash(repo)) != Seen::Same {
                    out.reconcile.push(object_ref(repo));
                }
                if self.revision.observe(&key, revision_hash(repo)) == Seen::Changed
                    && let Some(revision) = repo.revision()
                {
                    out.new_revision = Some(NewRevision {
                        kind: K::SOURCE_KIND,
                        namespace: repo.meta().namespace.clone().unwrap_or_default(),
                        name: repo.meta().name.clone().unwrap_or_default(),
                        revision: revision.to_string(),
                    });
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ks(name: &str, generation: i64, extra: serde_json::Value) -> Kustomization {
        let mut v = json!({
            "apiVersion": "kustomize.toolkit.fluxcd.io/v1", "kind": "Kustomization",
            "metadata": {"name": name, "namespace": "apps", "uid": format!("uid-{name}"), "generation": generation},
            "spec": {"interval": "5m", "prune": true, "sourceRef": {"kind": "GitRepository", "name": "repo"}},
        });
        merge(&mut v, extra);
        serde_json::from_value(v).unwrap()
    }

    fn merge(a: &mut serde_json::Value, b: serde_json::Value) {
        match (a, b) {
            (serde_json::Value::Object(a), serde_json::Value::Object(b)) => {
                for (k, v) in b {
                    merge(a.entry(k).or_insert(serde_json::Value::Null), v);
                }
            }
            (a, b) => *a = b,
        }
    }

    fn ready(generation: i64, revision: &str) -> serde_json::Value {
        json!({"status": {"observedGeneration": generation, "lastAppliedRevision": revision,
            "conditions": [{"type": "Ready", "status": "True", "reason": "ReconciliationSucceeded",
                "message": "", "lastTransitionTime": "2025-01-01T00:00:00Z"}]}})
    }

    fn names(refs: &[ObjectRef<Kustomization>]) -> Vec<String> {
        refs.iter()
            .map(|r| format!("{}/{}", r.namespace.as_deref().unwrap_or(""), r.name))
            .collect()
    }

    #[test]
    fn spec_and_request_changes_trigger_but_status_writes_do_not() {
        let mut t = KustomizationTriggers::default();
        let none = Vec::new;
        let a1 = ks("a", 1, json!({}));
        assert_eq!(
            names(&t.on_event(&watcher::Event::Apply(a1.clone()), none)),
            ["apps/a"]
        );
        assert!(
            t.on_event(&watcher::Event::Apply(a1), none).is_empty(),
            "unchanged"
        );
        let status_only = ks("a", 1, ready(1, "main@sha1:1"));
        assert!(
            t.on_event(&watcher::Event::Apply(status_only), none).is_empty(),
            "a status write"
        );
        let spec = ks("a", 2, ready(1, "main@sha1:1"));
        assert_eq!(names(&t.on_event(&watcher::Event::Apply(spec), none)), ["apps/a"]);
        let requested = ks(
            "a",
            2,
            json!({"metadata": {"annotations": {"reconcile.fluxcd.io/requestedAt": "t1"}}}),
        );
        assert_eq!(
            names(&t.on_event(&watcher::Event::Apply(requested.clone()), none)),
            ["apps/a"]
        );
        assert!(
            t.on_event(&watcher::Event::Apply(requested), none).is_empty(),
            "same request value"
        );
        let deleting = ks(
            "a",
            2,
            json!({"metadata": {"deletionTimestamp": "2025-01-01T00:00:00Z",
                "annotations": {"reconcile.fluxcd.io/requestedAt": "t1"}}}),
        );
        assert_eq!(
            names(&t.on_event(&watcher::Event::Apply(deleting), none)),
            ["apps/a"]
        );
    }

    #[test]
    fn a_recreated_object_is_new_even_with_the_same_generation() {
        let mut t = KustomizationTriggers::default();
        let a = ks("a", 1, json!({}));
        assert_eq!(t.on_event(&watcher::Event::Apply(a), Vec::new).len(), 1);
        let again = ks("a", 1, json!({"metadata": {"uid": "other"}}));
        assert_eq!(t.on_event(&watcher::Event::Apply(again), Vec::new).len(), 1);
    }

    #[test]
    fn a_dependency_becoming_ready_triggers_its_dependents_once() {
        let mut t = KustomizationTriggers::default();
        let dependent = Arc::new(ks("b", 1, json!({"spec": {"dependsOn": [{"name": "a"}]}})));
        let other_ns = Arc::new(ks(
            "c",
            1,
            json!({"metadata": {"namespace": "other"}, "spec": {"dependsOn": [{"name": "a", "namespace": "apps"}]}}),
        ));
        let unrelated = Arc::new(ks("d", 1, json!({"spec": {"dependsOn": [{"name": "x"}]}})));
        let all = || vec![dependent.clone(), other_ns.clone(), unrelated.clone()];
        assert_eq!(
            names(&t.on_event(&watcher::Event::InitApply(ks("a", 1, json!({}))), all)),
            ["apps/a"]
        );
        let got = t.on_event(&watcher::Event::Apply(ks("a", 1, ready(1, "r1"))), all);
        assert_eq!(names(&got), ["apps/b", "other/c"]);
        assert!(
            t.on_event(&watcher::Event::Apply(ks("a", 1, ready(1, "r1"))), all)
                .is_empty()
        );
        let got = t.on_event(&watcher::Event::Apply(ks("a", 1, ready(1, "r2"))), all);
        assert_eq!(names(&got), ["apps/b", "other/c"], "ready at a new revision");
        // Ready for an older generation is not ready.
        let got = t.on_event(&watcher::Event::Apply(ks("a", 2, ready(1, "r2"))), all);
        assert_eq!(
            names(&got),
            ["apps/a"],
            "only itself (spec change), not its dependents"
        );
    }

    #[test]
    fn ready_again_at_the_same_revision_triggers_only_waiting_dependents() {
        let mut t = KustomizationTriggers::default();
        let ready_dependent = Arc::new(ks(
            "b",
            1,
            merge_into(json!({"spec": {"dependsOn": [{"name": "a"}]}}), ready(1, "r1")),
        ));
        let waiting = Arc::new(ks("c", 1, json!({"spec": {"dependsOn": [{"name": "a"}]}})));
        let all = || vec![ready_dependent.clone(), waiting.clone()];
        t.on_event(&watcher::Event::InitApply(ks("a", 1, ready(1, "r1"))), all);
        // An interval reconciliation: Ready=Unknown while it runs, then True again.
        let progressing = json!({"status": {"observedGeneration": 1, "lastAppliedRevision": "r1",
            "conditions": [{"type": "Ready", "status": "Unknown", "reason": "Progressing",
                "message": "Reconciliation in progress", "lastTransitionTime": "2025-01-01T00:00:01Z"}]}});
        assert!(
            t.on_event(&watcher::Event::Apply(ks("a", 1, progressing.clone())), all)
                .is_empty()
        );
        let got = t.on_event(&watcher::Event::Apply(ks("a", 1, ready(1, "r1"))), all);
        assert_eq!(names(&got), ["apps/c"], "only the dependent that waits");
        // Ready at a new revision: every dependent.
        t.on_event(&watcher::Event::Apply(ks("a", 1, progressing)), all);
        let got = t.on_event(&watcher::Event::Apply(ks("a", 1, ready(1, "r2"))), all);
        assert_eq!(names(&got), ["apps/b", "apps/c"]);
    }

    fn merge_into(mut a: serde_json::Value, b: serde_json::Value) -> serde_json::Value {
        merge(&mut a, b);
        a
    }

    #[test]
    fn an_object_already_ready_when_first_seen_does_not_trigger_dependents() {
        let mut t = KustomizationTriggers::default();
        let dependent = Arc::new(ks("b", 1, json!({"spec": {"dependsOn": [{"name": "a"}]}})));
        let got = t.on_event(&watcher::Event::InitApply(ks("a", 1, ready(1, "r1"))), || {
            vec![dependent.clone()]
        });
        assert_eq!(names(&got), ["apps/a"]);
    }

    #[test]
    fn relist_forgets_objects_deleted_during_a_watch_gap() {
        let mut t = Tracker::default();
        assert_eq!(t.observe("a", 1), Seen::First);
        assert_eq!(t.observe("b", 1), Seen::First);
        t.begin_list();
        assert_eq!(t.observe("a", 1), Seen::Same);
        t.end_list();
        assert_eq!(t.len(), 1);
        assert_eq!(t.observe("b", 1), Seen::First);
        t.forget("a");
        t.forget("b");
        assert!(t.is_empty());
    }

    fn repo(revision: Option<&str>, generation: i64) -> GitRepository {
        let mut v = json!({
            "apiVersion": "source.toolkit.fluxcd.io/v1", "kind": "GitRepository",
            "metadata": {"name": "repo", "namespace": "apps", "uid": "u1", "generation": generation},
            "spec": {"interval": "1m", "url": "file:///tmp/x"},
        });
        if let Some(r) = revision {
            v["status"] = json!({"artifact": {"path": "p", "url": "u", "revision": r, "lastUpdateTime": "2025-01-01T00:00:00Z"}});
        }
        serde_json::from_value(v).unwrap()
    }

    fn new_revision(namespace: &str, revision: &str) -> NewRevision {
        NewRevision {
            kind: "GitRepository",
            namespace: namespace.into(),
            name: "repo".into(),
            revision: revision.into(),
        }
    }

    #[test]
    fn a_new_artifact_revision_names_the_source() {
        let mut t = GitRepositoryTriggers::default();
        let first = t.on_event(&watcher::Event::InitApply(repo(None, 1)));
        assert_eq!(first.reconcile.len(), 1);
        assert_eq!(first.new_revision, None);
        let stored = t.on_event(&watcher::Event::Apply(repo(Some("main@sha1:1"), 1)));
        assert!(
            stored.reconcile.is_empty(),
            "a status write does not reconcile the repository"
        );
        assert_eq!(stored.new_revision, Some(new_revision("apps", "main@sha1:1")));
        assert_eq!(
            t.on_event(&watcher::Event::Apply(repo(Some("main@sha1:1"), 1))),
            GitRepositoryEvent::default()
        );
        let next = t.on_event(&watcher::Event::Apply(repo(Some("main@sha1:2"), 1)));
        assert_eq!(next.new_revision, Some(new_revision("apps", "main@sha1:2")));
    }

    #[test]
    fn sources_map_to_the_kustomizations_that_use_them() {
        let same_ns = Arc::new(ks("a", 1, json!({})));
        let cross = Arc::new(ks(
            "b",
            1,
            json!({"metadata": {"namespace": "team"}, "spec": {"sourceRef": {"kind": "GitRepository", "name": "repo", "namespace": "apps"}}}),
        ));
        let other_kind = Arc::new(ks(
            "c",
            1,
            json!({"spec": {"sourceRef": {"kind": "OCIRepository", "name": "repo"}}}),
        ));
        let other_name = Arc::new(ks(
            "d",
            1,
            json!({"spec": {"sourceRef": {"kind": "GitRepository", "name": "x"}}}),
        ));
        let attempted = Arc::new(ks(
            "e",
            1,
            json!({"status": {"lastAttemptedRevision": "main@sha1:2"}}),
        ));
        let all = [same_ns, cross, other_kind, other_name, attempted];
        assert_eq!(
            names(&kustomizations_for_source(
                &all,
                &new_revision("apps", "main@sha1:2")
            )),
            ["apps/a", "team/b"],
            "a Kustomization that attempted the revision is not triggered again"
        );
        assert_eq!(
            names(&kustomizations_for_source(
                &all,
                &new_revision("apps", "main@sha1:3")
            )),
            ["apps/a", "team/b", "apps/e"]
        );
        assert!(kustomizations_for_source(&all, &new_revision("team", "main@sha1:2")).is_empty());
    }

    fn hr(name: &str, namespace: &str, chart_ref: &serde_json::Value, generation: i64) -> Arc<HelmRelease> {
        Arc::new(
            serde_json::from_value(json!({
                "apiVersion": "helm.toolkit.fluxcd.io/v2", "kind": "HelmRelease",
                "metadata": {"name": name, "namespace": namespace, "generation": generation, "uid": name},
                "spec": {"interval": "1m", "chartRef": chart_ref.clone()},
            }))
            .unwrap(),
        )
    }

    #[test]
    fn an_oci_revision_maps_to_the_helm_releases_whose_chart_ref_names_it() {
        let all = [
            hr("a", "apps", &json!({"kind": "OCIRepository", "name": "chart"}), 1),
            hr(
                "b",
                "team",
                &json!({"kind": "OCIRepository", "name": "chart", "namespace": "apps"}),
                1,
            ),
            hr("c", "apps", &json!({"kind": "HelmChart", "name": "chart"}), 1),
            hr("d", "apps", &json!({"kind": "OCIRepository", "name": "other"}), 1),
            hr("e", "team", &json!({"kind": "OCIRepository", "name": "chart"}), 1),
        ];
        let new = NewRevision {
            kind: "OCIRepository",
            namespace: "apps".into(),
            name: "chart".into(),
            revision: "1.0.0@sha256:1".into(),
        };
        let got: Vec<String> = helm_releases_for_source(&all, &new)
            .iter()
            .map(|r| format!("{}/{}", r.namespace.as_deref().unwrap_or_default(), r.name))
            .collect();
        assert_eq!(got, ["apps/a", "team/b"]);
    }

    #[test]
    fn own_triggers_fire_on_spec_changes_but_not_status_writes() {
        let mut t = OwnTriggers::default();
        let chart = json!({"kind": "OCIRepository", "name": "chart"});
        let first = (*hr("a", "apps", &chart, 1)).clone();
        assert!(t.on_event(&watcher::Event::InitApply(first.clone())).is_some());
        let mut written = first.clone();
        written.status = Some(crate::api::helmrelease::HelmReleaseStatus::default());
        assert!(t.on_event(&watcher::Event::Apply(written)).is_none());
        let changed = (*hr("a", "apps", &chart, 2)).clone();
        assert!(t.on_event(&watcher::Event::Apply(changed.clone())).is_some());
        t.on_event(&watcher::Event::Delete(changed.clone()));
        assert!(t.on_event(&watcher::Event::Apply(changed)).is_some());
    }

    #[test]
    fn every_subscriber_of_the_feed_gets_each_revision() {
        let mut feed = RevisionFeed::default();
        let (mut a, mut b) = (feed.subscribe(), feed.subscribe());
        let new = new_revision("apps", "main@sha1:1");
        feed.send(&new);
        assert_eq!(a.try_recv().unwrap(), new.clone());
        assert_eq!(b.try_recv().unwrap(), new);
    }
}
