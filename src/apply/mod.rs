//! Server-side apply of a set of objects, returning what changed as a [`ChangeSet`]; prune of
//! what a previous apply left behind; health of what was applied.
//!
//! This engine knows nothing about Flux's CRDs and never prints: the caller passes an
//! [`Owner`] (field manager and labels) and reads change sets, or observes progress through
//! a [`Progress`] implementation.
//!
//! # What an apply does ([`Manager::apply_all_staged`])
//! 1. **Prepare**: resolve every object's resource through discovery (cached per run), add
//!    the owner's labels, read its [`Policy`] annotations. Unknown kinds, namespaced objects
//!    without a namespace and duplicates are reported together, before anything else.
//! 2. **Plan without writing**: LIST each kind once per namespace with the owner's label
//!    selector and compare each desired object with its live copy and the fields our field
//!    manager owns ([`fields::unchanged`]). Objects that are certainly unchanged cost nothing
//!    more. Every other object — new, changed, drifted, or "not sure" — goes through a
//!    server-side apply **dry-run**, which validates it and tells whether it would change.
//! 3. **Validate before changing anything**: if any dry-run fails, nothing is applied and
//!    [`Error::Invalid`] names each bad object with the server's message.
//! 4. **Apply in stages** ([`Stage`]): CRDs, Namespaces and ClusterRoles, then `*Class`
//!    kinds, then the rest; each stage waits until its new CRDs are established and
//!    Namespaces active. Within a stage objects are written concurrently (bounded by
//!    [`Manager::with_concurrency`]), one lane per kind in the fixed kind order so that a kind
//!    the server serialises (Service IP allocation) does not hold up the others; webhook
//!    configurations are written after everything else of their stage.
//!    Only objects that change are written, so unchanged ones keep their resourceVersion.
//!
//! ## The validation guarantee across stages
//! Objects that live in a Namespace the same set creates, and custom resources whose CRD the
//! same set creates or changes, cannot be validated before that Namespace or CRD exists.
//! They are *deferred*: every other object of the set is validated first, and if any of them
//! is invalid nothing at all is written. Deferred objects are validated by dry-run right
//! after the stages before theirs are applied; if one of them is invalid, none of the
//! objects of its stage or of later stages is written, and [`Error::Incomplete`] reports what
//! the earlier stages (only the Namespaces, CRDs, ClusterRoles and classes the failed objects
//! depend on, plus anything else in those stages) did write. A set without such dependencies
//! is all-or-nothing.

pub mod fields;
pub mod health;
pub mod inventory;
pub mod normalize;
pub mod order;
pub mod policy;

mod live;
mod plan;
mod prune;
mod staged;
mod wait;

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use kube::Client;
use kube::api::{Api, DynamicObject, Patch, PatchParams};
use serde_json::Value;

use crate::cluster::{self, Discovery, ObjectRef, ResourceInfo};
use crate::duration;

pub use inventory::Inventory;
pub use order::{Stage, apply_order, stage_of};
pub use plan::{DiffAction, DiffEntry, DiffOptions, Plan};
pub use policy::{Conventions, Policy, SsaPolicy};
pub use prune::PruneOutcome;

/// Who applies: the field manager for server-side apply and labels set on every object.
#[derive(Clone, Debug, Default)]
pub struct Owner {
    /// Field manager name (`kustomize-controller` for reconciles, `flux` for install).
    pub field_manager: String,
    /// Labels added to every applied object; also the label selector used to find the live
    /// copies of objects, and the labels a pruned object must still carry.
    pub labels: BTreeMap<String, String>,
    /// The keys of the per-object policy annotations and the stale markers to clean up (the
    /// caller's: a Kustomization's are `kustomize.toolkit.fluxcd.io/*`); `None`: no per-object
    /// policy is honoured.
    pub conventions: Option<&'static Conventions>,
}

impl Owner {
    fn selector(&self) -> Option<String> {
        if self.labels.is_empty() {
            return None;
        }
        Some(
            self.labels
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join(","),
        )
    }
}

/// What happened to one object.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// It did not exist (or was recreated) and was created.
    Created,
    /// It existed and differed; it was updated.
    Configured,
    /// It existed and matched; nothing was written.
    Unchanged,
    /// It was deleted.
    Deleted,
    /// It was left alone on purpose (a policy annotation, or not ours to delete).
    Skipped,
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Action::Created => "created",
            Action::Configured => "configured",
            Action::Unchanged => "unchanged",
            Action::Deleted => "deleted",
            Action::Skipped => "skipped",
        })
    }
}

/// One object and what happened to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangeSetEntry {
    /// The object.
    pub object: ObjectRef,
    /// What happened.
    pub action: Action,
}

impl fmt::Display for ChangeSetEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.object, self.action)
    }
}

/// The outcome of an apply or delete, one entry per object, in apply order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChangeSet {
    /// The entries.
    pub entries: Vec<ChangeSetEntry>,
}

impl ChangeSet {
    /// Whether anything was created, configured or deleted.
    pub fn has_changes(&self) -> bool {
        self.entries
            .iter()
            .any(|e| matches!(e.action, Action::Created | Action::Configured | Action::Deleted))
    }

    /// Appends another change set.
    pub fn extend(&mut self, other: ChangeSet) {
        self.entries.extend(other.entries);
    }

    /// Number of entries with the given action.
    pub fn count(&self, action: Action) -> usize {
        self.entries.iter().filter(|e| e.action == action).count()
    }

    /// The action taken for an object, if it is in the set.
    pub fn action_of(&self, object: &ObjectRef) -> Option<Action> {
        self.entries
            .iter()
            .find(|e| &e.object == object)
            .map(|e| e.action)
    }

    /// One line per change (`Kind/ns/name created`), unchanged and skipped objects left out.
    pub fn summary(&self) -> String {
        self.entries
            .iter()
            .filter(|e| matches!(e.action, Action::Created | Action::Configured | Action::Deleted))
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Why an apply, prune or wait failed. Variants that concern objects name them.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A manifest lacks its identity.
    #[error(transparent)]
    Identity(#[from] cluster::object::MissingField),
    /// Server-side validation (dry-run) or preparation rejected objects; nothing was written.
    #[error("validation failed, nothing was applied: {}", list(.0))]
    Invalid(Vec<(ObjectRef, String)>),
    /// Objects that depend on earlier stages (a Namespace or CRD of the same set) failed
    /// validation after those stages were applied; they and later stages were not written.
    #[error("validation failed for objects that need the earlier stages of the set: {}", list(.0))]
    InvalidDependents(Vec<(ObjectRef, String)>),
    /// Writes failed (after retries); the other objects of the same stage were written.
    #[error("apply failed: {}", list(.0))]
    Failed(Vec<(ObjectRef, String)>),
    /// Deletions of a prune failed (after retries); the other stale objects were handled.
    #[error("prune failed: {}", list(.0))]
    PruneFailed(Vec<(ObjectRef, String)>),
    /// A request about an object failed.
    #[error("{object}: {message}")]
    Request {
        /// The object.
        object: ObjectRef,
        /// The server's message.
        message: String,
    },
    /// A failure after part of the set had been written.
    #[error("{cause}; applied before the failure: {}", written(.applied))]
    Incomplete {
        /// Everything the apply did before it failed (written, unchanged and skipped objects).
        applied: ChangeSet,
        /// What went wrong.
        cause: Box<Error>,
    },
    /// A prune would delete a Namespace that still holds objects of the new set.
    #[error("{namespace}: cannot prune a namespace that holds objects of the applied set: {}",
        .objects.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "))]
    NamespaceInUse {
        /// The Namespace.
        namespace: ObjectRef,
        /// Objects of the new set that live in it.
        objects: Vec<ObjectRef>,
    },
    /// Objects did not become healthy (in time, or failed).
    #[error("health check failed{}: {}",
        .after.map(|d| format!(" after {}", duration::format(d))).unwrap_or_default(), list(.objects))]
    Unhealthy {
        /// The timeout, when it expired (`None` when an object failed).
        after: Option<Duration>,
        /// Each object that is not healthy, with why.
        objects: Vec<(ObjectRef, String)>,
    },
    /// Objects were not gone in time.
    #[error("timeout waiting for: {}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "))]
    WaitTimeout(Vec<ObjectRef>),
    /// Discovery or another cluster request failed.
    #[error(transparent)]
    Cluster(#[from] cluster::Error),
}

fn list(items: &[(ObjectRef, String)]) -> String {
    items
        .iter()
        .map(|(o, m)| format!("{o}: {m}"))
        .collect::<Vec<_>>()
        .join("; ")
}

fn written(cs: &ChangeSet) -> String {
    let changed: Vec<String> = cs
        .entries
        .iter()
        .filter(|e| matches!(e.action, Action::Created | Action::Configured))
        .map(ToString::to_string)
        .collect();
    if changed.is_empty() {
        "nothing written".into()
    } else {
        changed.join(", ")
    }
}

impl Error {
    /// What was applied before the error, when some of the set had been processed: the
    /// engine adds these objects to the inventory so a later prune can find them.
    pub fn applied(&self) -> Option<&ChangeSet> {
        match self {
            Error::Incomplete { applied, .. } => Some(applied),
            _ => None,
        }
    }

    /// The objects the error is about, with the message for each.
    pub fn objects(&self) -> Vec<(ObjectRef, String)> {
        match self {
            Error::Invalid(v) | Error::InvalidDependents(v) | Error::Failed(v) | Error::PruneFailed(v) => {
                v.clone()
            }
            Error::Unhealthy { objects, .. } => objects.clone(),
            Error::Request { object, message } => vec![(object.clone(), message.clone())],
            Error::Incomplete { cause, .. } => cause.objects(),
            _ => Vec::new(),
        }
    }
}

/// Result alias for this module.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Options of [`Manager::apply_all_staged`] and [`Manager::apply_all`].
#[derive(Clone, Debug)]
pub struct ApplyOptions {
    /// Recreate objects whose change touches an immutable field (a Kustomization's
    /// `spec.force`). Objects annotated with the owner's force policy (`enabled`) are
    /// recreated regardless; without either, such a change is a validation error.
    pub force: bool,
    /// How long to wait for CRDs and Namespaces of the first stages to be ready, and for an
    /// object being recreated to be gone.
    pub wait_timeout: Duration,
    /// How often readiness is polled.
    pub poll_interval: Duration,
}

impl Default for ApplyOptions {
    fn default() -> Self {
        ApplyOptions {
            force: false,
            wait_timeout: Duration::from_secs(60),
            poll_interval: Duration::from_millis(500),
        }
    }
}

/// Options of [`Manager::wait_for_health`].
#[derive(Clone, Debug)]
pub struct WaitOptions {
    /// Give up after this long (a Kustomization's `spec.timeout`).
    pub timeout: Duration,
    /// How often the objects are read.
    pub interval: Duration,
    /// Stop at the first object whose health is `Failed` instead of waiting for the timeout.
    pub fail_fast: bool,
}

impl Default for WaitOptions {
    fn default() -> Self {
        WaitOptions {
            timeout: Duration::from_secs(300),
            interval: Duration::from_secs(2),
            fail_fast: false,
        }
    }
}

/// Receives progress while a manager works, e.g. to drive a progress bar. Every method has
/// an empty default; implementations must be cheap (they are called from request tasks).
pub trait Progress: Send + Sync {
    /// An apply of `objects` objects starts.
    fn started(&self, objects: usize) {
        let _ = objects;
    }
    /// One object of the apply is done (created, configured, unchanged or skipped).
    fn applied(&self, entry: &ChangeSetEntry) {
        let _ = entry;
    }
    /// One object of a plan (an apply's or a diff's) has been compared with its live copy.
    fn compared(&self, object: &ObjectRef) {
        let _ = object;
    }
    /// One object of a prune or delete is done (deleted or skipped).
    fn deleted(&self, entry: &ChangeSetEntry) {
        let _ = entry;
    }
    /// A health wait polled: `pending` of `total` objects are not ready yet.
    fn waiting(&self, pending: usize, total: usize) {
        let _ = (pending, total);
    }
    /// A health wait polled: the objects not ready yet, each with its state
    /// (`InProgress: …`, `Failed: …`, `NotFound: …`), in the order they were given.
    fn pending(&self, pending: &[(ObjectRef, String)]) {
        let _ = pending;
    }
}

/// How many requests of each sort a manager has made (for tests and benchmarks).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RequestCounts {
    /// LIST requests.
    pub lists: usize,
    /// GET requests.
    pub gets: usize,
    /// Server-side apply dry-runs.
    pub dry_runs: usize,
    /// Writes: applies and metadata clean-up patches.
    pub writes: usize,
    /// DELETE requests.
    pub deletes: usize,
}

#[derive(Default)]
struct Counters {
    lists: AtomicUsize,
    gets: AtomicUsize,
    dry_runs: AtomicUsize,
    writes: AtomicUsize,
    deletes: AtomicUsize,
}

fn bump(counter: &AtomicUsize) {
    counter.fetch_add(1, Ordering::Relaxed);
}

/// Applies, prunes, deletes and health-checks sets of objects for one owner.
///
/// Build one per run (its discovery cache lives as long as it does); to act as a service
/// account, give it a client from [`cluster::connect`] with impersonation set
/// ([`cluster::ClientOptions::impersonate_service_account`]).
#[derive(Clone)]
pub struct Manager {
    client: Client,
    discovery: Discovery,
    owner: Owner,
    concurrency: usize,
    progress: Option<Arc<dyn Progress>>,
    counters: Arc<Counters>,
    /// LISTs read ahead by [`Manager::prefetch`], each used once by the next plan.
    prefetched: Arc<
        std::sync::Mutex<std::collections::HashMap<live::GroupKey, std::collections::HashMap<String, Value>>>,
    >,
}

impl Manager {
    /// A manager for the owner, with a fresh discovery cache and 32 requests at once.
    pub fn new(client: Client, owner: Owner) -> Self {
        let discovery = Discovery::new(client.clone());
        Manager {
            client,
            discovery,
            owner,
            concurrency: 32,
            progress: None,
            counters: Arc::default(),
            prefetched: Arc::default(),
        }
    }

    /// Sets how many requests run at once (at least 1).
    #[must_use]
    pub fn with_concurrency(mut self, concurrency: usize) -> Self {
        self.concurrency = concurrency.max(1);
        self
    }

    /// Reports progress to `progress`.
    #[must_use]
    pub fn with_progress(mut self, progress: Arc<dyn Progress>) -> Self {
        self.progress = Some(progress);
        self
    }

    /// The discovery cache this manager uses.
    pub fn discovery(&self) -> &Discovery {
        &self.discovery
    }

    /// The owner.
    pub fn owner(&self) -> &Owner {
        &self.owner
    }

    /// Requests made so far.
    pub fn requests(&self) -> RequestCounts {
        let c = &self.counters;
        RequestCounts {
            lists: c.lists.load(Ordering::Relaxed),
            gets: c.gets.load(Ordering::Relaxed),
            dry_runs: c.dry_runs.load(Ordering::Relaxed),
            writes: c.writes.load(Ordering::Relaxed),
            deletes: c.deletes.load(Ordering::Relaxed),
        }
    }

    fn api(&self, info: &ResourceInfo, namespace: &str) -> Api<DynamicObject> {
        if info.namespaced {
            Api::namespaced_with(self.client.clone(), namespace, &info.resource)
        } else {
            Api::all_with(self.client.clone(), &info.resource)
        }
    }

    /// Request builder for the resource's collection (in the namespace when namespaced).
    fn request(info: &ResourceInfo, namespace: &str) -> kube::core::Request {
        let ns = info.namespaced.then_some(namespace);
        kube::core::Request::new(<DynamicObject as kube::Resource>::url_path(&info.resource, ns))
    }

    /// PATCHes an object and returns the response body unparsed (callers parse only when
    /// they need the object).
    async fn patch_text<P: serde::Serialize>(
        &self,
        info: &ResourceInfo,
        object: &ObjectRef,
        params: &PatchParams,
        patch: &Patch<P>,
    ) -> kube::Result<String> {
        let req = Self::request(info, &object.namespace)
            .patch(&object.name, params, patch)
            .map_err(kube::Error::BuildRequest)?;
        self.client.request_text(req).await
    }

    fn report(&self, f: impl FnOnce(&dyn Progress)) {
        if let Some(p) = &self.progress {
            f(p.as_ref());
        }
    }
}

/// An object as JSON, with `apiVersion` and `kind` filled in (list items lack them).
fn to_value(obj: &DynamicObject, info: &ResourceInfo) -> Value {
    with_type(serde_json::to_value(obj).unwrap_or(Value::Null), info)
}

/// Fills in `apiVersion` and `kind` when missing.
fn with_type(mut v: Value, info: &ResourceInfo) -> Value {
    if let Some(map) = v.as_object_mut() {
        map.entry("apiVersion")
            .or_insert_with(|| Value::String(info.resource.api_version.clone()));
        map.entry("kind")
            .or_insert_with(|| Value::String(info.resource.kind.clone()));
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn change_sets_count_and_print() {
        let o = ObjectRef {
            group: String::new(),
            version: "v1".into(),
            kind: "ConfigMap".into(),
            namespace: "a".into(),
            name: "b".into(),
        };
        let mut cs = ChangeSet {
            entries: vec![ChangeSetEntry {
                object: o.clone(),
                action: Action::Unchanged,
            }],
        };
        assert!(!cs.has_changes());
        assert_eq!(cs.entries[0].to_string(), "ConfigMap/a/b unchanged");
        assert_eq!(cs.count(Action::Unchanged), 1);
        assert_eq!(cs.action_of(&o), Some(Action::Unchanged));
        assert_eq!(cs.summary(), "");
        cs.entries[0].action = Action::Created;
        assert_eq!(cs.summary(), "ConfigMap/a/b created");
        let e = Error::Incomplete {
            applied: cs.clone(),
            cause: Box::new(Error::InvalidDependents(vec![(o.clone(), "bad".into())])),
        };
        assert_eq!(
            e.to_string(),
            "validation failed for objects that need the earlier stages of the set: ConfigMap/a/b: bad; \
             applied before the failure: ConfigMap/a/b created"
        );
        assert_eq!(e.applied(), Some(&cs));
        assert_eq!(e.objects(), vec![(o, "bad".to_string())]);
    }
}
