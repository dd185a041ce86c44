//! Server-side apply of a set of objects, returning what changed as a [`ChangeSet`].
//!
//! This engine knows nothing about Flux's CRDs and never prints: the caller passes an
//! [`Owner`] (field manager and labels) and reads the change set. Every object that would
//! be written is validated first by a server-side dry-run, so an invalid object means
//! nothing in its stage is applied; objects whose dry-run equals the live object are left
//! alone (their `resourceVersion` does not move).

pub mod health;
pub mod order;

use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

use futures::{StreamExt, TryStreamExt, stream};
use kube::Client;
use kube::api::{Api, DeleteParams, DynamicObject, Patch, PatchParams, PropagationPolicy};
use serde_json::Value;

use crate::cluster::{self, Discovery, ObjectRef, ResourceInfo};
pub use order::{Stage, apply_order, stage_of};

/// Who applies: the field manager for server-side apply and labels set on every object.
#[derive(Clone, Debug, Default)]
pub struct Owner {
    /// Field manager name (`kustomize-controller` for reconciles, `flux` for install).
    pub field_manager: String,
    /// Labels added to every applied object.
    pub labels: BTreeMap<String, String>,
}

/// What happened to one object.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// It did not exist and was created.
    Created,
    /// It existed and differed; it was updated.
    Configured,
    /// It existed and matched; nothing was written.
    Unchanged,
    /// It was deleted.
    Deleted,
    /// It was left alone on purpose.
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
}

/// Why an apply failed. Variants that concern objects name them.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A manifest lacks its identity.
    #[error(transparent)]
    Identity(#[from] cluster::object::MissingField),
    /// The server does not serve the object's kind.
    #[error("{object}: no matches for kind {kind:?} in version {api_version:?} (is its CRD installed?)")]
    UnknownKind {
        /// The object.
        object: ObjectRef,
        /// Its kind.
        kind: String,
        /// Its apiVersion.
        api_version: String,
    },
    /// A namespaced object without a namespace.
    #[error("{object}: namespace not specified for a namespaced kind")]
    MissingNamespace {
        /// The object.
        object: ObjectRef,
    },
    /// Server-side validation (dry-run) rejected objects; nothing was applied.
    #[error("validation failed, nothing was applied: {}", .0.iter().map(|(o, m)| format!("{o}: {m}")).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<(ObjectRef, String)>),
    /// A request about an object failed.
    #[error("{object}: {message}")]
    Request {
        /// The object.
        object: ObjectRef,
        /// The server's message.
        message: String,
    },
    /// Objects did not become ready in time.
    #[error("timeout waiting for: {}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "))]
    WaitTimeout(Vec<ObjectRef>),
    /// Discovery or another cluster request failed.
    #[error(transparent)]
    Cluster(#[from] cluster::Error),
}

/// Result alias for this module.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Options of [`Manager::apply_all_staged`].
#[derive(Clone, Debug)]
pub struct ApplyOptions {
    /// How long to wait for CRDs and Namespaces of the first stages to be ready.
    pub wait_timeout: Duration,
    /// How often readiness is polled.
    pub poll_interval: Duration,
}

impl Default for ApplyOptions {
    fn default() -> Self {
        ApplyOptions {
            wait_timeout: Duration::from_secs(60),
            poll_interval: Duration::from_millis(500),
        }
    }
}

/// A prepared object: its identity, resource and manifest with the owner's labels.
struct Prepared {
    object: ObjectRef,
    info: ResourceInfo,
    manifest: Value,
}

/// Applies and deletes sets of objects for one owner.
#[derive(Clone)]
pub struct Manager {
    client: Client,
    discovery: Discovery,
    owner: Owner,
    concurrency: usize,
}

impl Manager {
    /// A manager for the owner, with a fresh discovery cache.
    pub fn new(client: Client, owner: Owner) -> Self {
        let discovery = Discovery::new(client.clone());
        Manager {
            client,
            discovery,
            owner,
            concurrency: 16,
        }
    }

    /// Sets how many requests run at once.
    #[must_use]
    pub fn with_concurrency(mut self, concurrency: usize) -> Self {
        self.concurrency = concurrency.max(1);
        self
    }

    /// The discovery cache this manager uses.
    pub fn discovery(&self) -> &Discovery {
        &self.discovery
    }

    /// Applies the objects in stages: CRDs, Namespaces and ClusterRoles first (waiting until
    /// CRDs are established and Namespaces active), then `*Class` kinds, then the rest.
    pub async fn apply_all_staged(&self, objects: Vec<Value>, opts: &ApplyOptions) -> Result<ChangeSet> {
        let mut stages: BTreeMap<Stage, Vec<Value>> = BTreeMap::new();
        for obj in objects {
            let r = ObjectRef::from_value(&obj)?;
            stages.entry(stage_of(&r.kind)).or_default().push(obj);
        }
        let mut changes = ChangeSet::default();
        for (stage, objs) in stages {
            let cs = self.apply_all(objs).await?;
            if stage != Stage::Rest {
                let refs: Vec<ObjectRef> = cs.entries.iter().map(|e| e.object.clone()).collect();
                self.wait_for_definitions(&refs, opts).await?;
                if refs.iter().any(|r| r.kind == "CustomResourceDefinition") {
                    self.discovery.invalidate().await;
                }
            }
            changes.extend(cs);
        }
        Ok(changes)
    }

    /// Applies the objects (one stage): dry-runs every object, fails without writing when
    /// any is invalid, then applies only those that differ from the live state.
    pub async fn apply_all(&self, objects: Vec<Value>) -> Result<ChangeSet> {
        let mut prepared = Vec::with_capacity(objects.len());
        for obj in objects {
            prepared.push(self.prepare(obj).await?);
        }
        prepared.sort_by(|a, b| apply_order(&a.object, &b.object));

        // Validate and classify: GET the live object and dry-run the apply, concurrently.
        let planned: Vec<(Prepared, std::result::Result<Action, String>)> = stream::iter(prepared)
            .map(|p| async move {
                let verdict = self.plan(&p).await;
                (p, verdict)
            })
            .buffered(self.concurrency)
            .collect()
            .await;
        let invalid: Vec<(ObjectRef, String)> = planned
            .iter()
            .filter_map(|(p, v)| v.as_ref().err().map(|m| (p.object.clone(), m.clone())))
            .collect();
        if !invalid.is_empty() {
            return Err(Error::Invalid(invalid));
        }

        let entries: Vec<ChangeSetEntry> = stream::iter(planned)
            .map(|(p, verdict)| async move {
                let action = verdict.unwrap_or(Action::Unchanged);
                if matches!(action, Action::Created | Action::Configured) {
                    self.patch(&p, false).await.map_err(|message| Error::Request {
                        object: p.object.clone(),
                        message,
                    })?;
                }
                Ok::<_, Error>(ChangeSetEntry {
                    object: p.object,
                    action,
                })
            })
            .buffered(self.concurrency)
            .try_collect()
            .await?;
        Ok(ChangeSet { entries })
    }

    async fn prepare(&self, mut manifest: Value) -> Result<Prepared> {
        let object = ObjectRef::from_value(&manifest)?;
        let api_version = object.api_version();
        let info = self
            .discovery
            .resolve(&api_version, &object.kind)
            .await?
            .ok_or_else(|| Error::UnknownKind {
                object: object.clone(),
                kind: object.kind.clone(),
                api_version: api_version.clone(),
            })?;
        if info.namespaced && object.namespace.is_empty() {
            return Err(Error::MissingNamespace { object });
        }
        if !info.namespaced
            && let Some(meta) = manifest.get_mut("metadata").and_then(Value::as_object_mut)
        {
            meta.remove("namespace");
        }
        if !self.owner.labels.is_empty()
            && let Some(meta) = manifest.get_mut("metadata").and_then(Value::as_object_mut)
        {
            let labels = meta
                .entry("labels")
                .or_insert_with(|| Value::Object(serde_json::Map::new()));
            if let Some(labels) = labels.as_object_mut() {
                for (k, v) in &self.owner.labels {
                    labels.insert(k.clone(), Value::String(v.clone()));
                }
            }
        }
        let object = if info.namespaced {
            object
        } else {
            ObjectRef {
                namespace: String::new(),
                ..object
            }
        };
        Ok(Prepared {
            object,
            info,
            manifest,
        })
    }

    fn api(&self, info: &ResourceInfo, namespace: &str) -> Api<DynamicObject> {
        if info.namespaced {
            Api::namespaced_with(self.client.clone(), namespace, &info.resource)
        } else {
            Api::all_with(self.client.clone(), &info.resource)
        }
    }

    /// Decides what applying would do, validating through a server-side dry-run.
    async fn plan(&self, p: &Prepared) -> std::result::Result<Action, String> {
        let api = self.api(&p.info, &p.object.namespace);
        let live = match retry(|| api.get_opt(&p.object.name)).await {
            Ok(live) => live,
            Err(e) => return Err(cluster::describe(&e)),
        };
        let dry = self.patch(p, true).await?;
        match live {
            None => Ok(Action::Created),
            Some(live) => {
                let live = serde_json::to_value(&live).map_err(|e| e.to_string())?;
                if normalized(&live) == normalized(&dry) {
                    Ok(Action::Unchanged)
                } else {
                    Ok(Action::Configured)
                }
            }
        }
    }

    async fn patch(&self, p: &Prepared, dry_run: bool) -> std::result::Result<Value, String> {
        let api = self.api(&p.info, &p.object.namespace);
        let mut params = PatchParams::apply(&self.owner.field_manager).force();
        params.dry_run = dry_run;
        let patch = Patch::Apply(&p.manifest);
        let obj = retry(|| api.patch(&p.object.name, &params, &patch))
            .await
            .map_err(|e| cluster::describe(&e))?;
        serde_json::to_value(&obj).map_err(|e| e.to_string())
    }

    /// Waits until the CRDs among `refs` are Established and the Namespaces Active.
    async fn wait_for_definitions(&self, refs: &[ObjectRef], opts: &ApplyOptions) -> Result<()> {
        let pending: Vec<&ObjectRef> = refs
            .iter()
            .filter(|r| r.kind == "CustomResourceDefinition" || r.kind == "Namespace")
            .collect();
        if pending.is_empty() {
            return Ok(());
        }
        let deadline = tokio::time::Instant::now() + opts.wait_timeout;
        loop {
            let mut not_ready = Vec::new();
            for r in &pending {
                let Some(info) = self.discovery.resolve(&r.api_version(), &r.kind).await? else {
                    continue;
                };
                let api = self.api(&info, &r.namespace);
                let live = retry(|| api.get_opt(&r.name)).await.map_err(|e| Error::Request {
                    object: (*r).clone(),
                    message: cluster::describe(&e),
                })?;
                let ready = live.is_some_and(|o| {
                    let v = serde_json::to_value(&o).unwrap_or_default();
                    if r.kind == "Namespace" {
                        v["status"]["phase"] == "Active"
                    } else {
                        v["status"]["conditions"].as_array().is_some_and(|cs| {
                            cs.iter()
                                .any(|c| c["type"] == "Established" && c["status"] == "True")
                        })
                    }
                });
                if !ready {
                    not_ready.push((*r).clone());
                }
            }
            if not_ready.is_empty() {
                return Ok(());
            }
            if tokio::time::Instant::now() >= deadline {
                return Err(Error::WaitTimeout(not_ready));
            }
            tokio::time::sleep(opts.poll_interval).await;
        }
    }

    /// Deletes the objects (background propagation), in reverse apply order. Objects that are
    /// already gone are reported as skipped.
    pub async fn delete_all(&self, refs: &[ObjectRef]) -> Result<ChangeSet> {
        let mut refs = refs.to_vec();
        refs.sort_by(apply_order);
        refs.reverse();
        let mut entries = Vec::with_capacity(refs.len());
        for r in refs {
            let Some(info) = self.discovery.resolve(&r.api_version(), &r.kind).await? else {
                entries.push(ChangeSetEntry {
                    object: r,
                    action: Action::Skipped,
                });
                continue;
            };
            let api = self.api(&info, &r.namespace);
            let dp = DeleteParams {
                propagation_policy: Some(PropagationPolicy::Background),
                ..Default::default()
            };
            match retry(|| api.delete(&r.name, &dp)).await {
                Ok(_) => entries.push(ChangeSetEntry {
                    object: r,
                    action: Action::Deleted,
                }),
                Err(e) if cluster::is_not_found(&e) => entries.push(ChangeSetEntry {
                    object: r,
                    action: Action::Skipped,
                }),
                Err(e) => {
                    return Err(Error::Request {
                        object: r,
                        message: cluster::describe(&e),
                    });
                }
            }
        }
        Ok(ChangeSet { entries })
    }

    /// Waits until none of the objects exists any more.
    pub async fn wait_for_deletion(&self, refs: &[ObjectRef], opts: &ApplyOptions) -> Result<()> {
        let deadline = tokio::time::Instant::now() + opts.wait_timeout;
        loop {
            let mut remaining = Vec::new();
            for r in refs {
                let Some(info) = self.discovery.resolve(&r.api_version(), &r.kind).await? else {
                    continue;
                };
                let api = self.api(&info, &r.namespace);
                match retry(|| api.get_opt(&r.name)).await {
                    Ok(Some(_)) => remaining.push(r.clone()),
                    Ok(None) => {}
                    Err(e) => {
                        return Err(Error::Request {
                            object: r.clone(),
                            message: cluster::describe(&e),
                        });
                    }
                }
            }
            if remaining.is_empty() {
                return Ok(());
            }
            if tokio::time::Instant::now() >= deadline {
                return Err(Error::WaitTimeout(remaining));
            }
            tokio::time::sleep(opts.poll_interval).await;
        }
    }
}

/// The parts of an object that an apply can change: everything but server-maintained
/// metadata and status.
fn normalized(obj: &Value) -> Value {
    let mut v = obj.clone();
    if let Some(map) = v.as_object_mut() {
        map.remove("status");
        if let Some(meta) = map.get_mut("metadata").and_then(Value::as_object_mut) {
            for k in [
                "managedFields",
                "resourceVersion",
                "generation",
                "creationTimestamp",
                "uid",
                "selfLink",
            ] {
                meta.remove(k);
            }
        }
    }
    v
}

/// Whether an error is worth retrying: throttling, server errors, connection failures.
pub fn is_transient(e: &kube::Error) -> bool {
    match e {
        kube::Error::Api(s) => s.code == 429 || s.code >= 500,
        kube::Error::HyperError(_) | kube::Error::Service(_) => true,
        _ => false,
    }
}

/// Runs a request, retrying transient failures with exponential backoff (4 attempts).
pub async fn retry<T, F, Fut>(mut f: F) -> kube::Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = kube::Result<T>>,
{
    let mut delay = Duration::from_millis(100);
    let mut attempt = 1;
    loop {
        match f().await {
            Err(e) if attempt < 4 && is_transient(&e) => {
                tracing::debug!(attempt, error = %e, "retrying transient error");
                tokio::time::sleep(delay).await;
                delay *= 4;
                attempt += 1;
            }
            other => return other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn normalization_ignores_server_bookkeeping() {
        let a = json!({"metadata": {"name": "x", "resourceVersion": "1", "managedFields": [1]}, "spec": {"a": 1}, "status": {"x": 1}});
        let b = json!({"metadata": {"name": "x", "resourceVersion": "2", "generation": 3}, "spec": {"a": 1}});
        assert_eq!(normalized(&a), normalized(&b));
        let c = json!({"metadata": {"name": "x"}, "spec": {"a": 2}});
        assert_ne!(normalized(&a), normalized(&c));
    }

    #[test]
    fn change_sets_count_and_print() {
        let o = ObjectRef {
            group: String::new(),
            version: "v1".into(),
            kind: "ConfigMap".into(),
            namespace: "a".into(),
            name: "b".into(),
        };
        let cs = ChangeSet {
            entries: vec![ChangeSetEntry {
                object: o,
                action: Action::Unchanged,
            }],
        };
        assert!(!cs.has_changes());
        assert_eq!(cs.entries[0].to_string(), "ConfigMap/a/b unchanged");
        assert_eq!(cs.count(Action::Unchanged), 1);
    }
}
