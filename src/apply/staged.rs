//! The apply pipeline: prepare, plan (cheap comparison, else dry-run), validate everything
//! that can be validated, then write stage by stage. See the module documentation of
//! [`crate::apply`] for the guarantees.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use futures::{StreamExt, stream};
use kube::api::{DeleteParams, Patch, PatchParams, PropagationPolicy};
use serde_json::{Map, Value};

use super::live::Live;
use super::order::{Stage, apply_order, is_last_kind, stage_of};
use super::policy::{Policy, SsaPolicy, cleanup_patch};
use super::{
    Action, ApplyOptions, ChangeSet, ChangeSetEntry, Error, Manager, Result, WaitOptions, bump, fields,
    with_type,
};
use crate::cluster::retry::{retry, retry_if};
use crate::cluster::{self, ObjectRef, ResourceInfo};

/// One object of the set, ready to plan.
pub(super) struct Item {
    pub(super) object: ObjectRef,
    pub(super) manifest: Value,
    pub(super) policy: Policy,
    pub(super) stage: Stage,
    /// `None` while its kind is not served yet (a custom resource of a CRD in the set).
    pub(super) info: Option<ResourceInfo>,
}

/// What the plan decided for one object.
#[derive(Clone, Debug)]
pub(super) enum Step {
    /// Leave it alone (policy).
    Skip,
    /// It already matches.
    Keep,
    /// Write it.
    Write {
        /// Created or Configured.
        action: Action,
        /// Clean its metadata (foreign managers, kubectl's annotation) after applying.
        cleanup: bool,
        /// Delete it and create it again (immutable field changed, force allowed).
        recreate: bool,
    },
}

pub(super) type Verdict = std::result::Result<Step, String>;

/// A verdict with what was read on the way: the live copy and the dry-run result, when the
/// plan needed them (a diff shows them; an apply drops them).
pub(super) struct Planned {
    pub(super) verdict: Verdict,
    pub(super) live: Option<Value>,
    pub(super) dry_run: Option<Value>,
    /// The object does not exist and the dry-run of its creation was forbidden: the
    /// identity may patch but not create (the verdict is the error).
    pub(super) create_forbidden: bool,
}

/// Why a dry-run failed.
struct DryRunFailure {
    /// The server's message (or why the answer was unreadable).
    message: String,
    /// The server answered 403 Forbidden.
    forbidden: bool,
}

impl Planned {
    fn verdict(verdict: Verdict) -> Planned {
        Planned {
            verdict,
            live: None,
            dry_run: None,
            create_forbidden: false,
        }
    }

    fn with(verdict: Verdict, live: Option<Value>, dry_run: Option<Value>) -> Planned {
        Planned {
            verdict,
            live,
            dry_run,
            create_forbidden: false,
        }
    }
}

/// A CRD of the set: what it will serve.
pub(super) struct CrdDef {
    group: String,
    kind: String,
    versions: Vec<String>,
    namespaced: bool,
}

pub(super) fn crd_def(manifest: &Value) -> Option<CrdDef> {
    if manifest["kind"] != "CustomResourceDefinition"
        || !manifest["apiVersion"]
            .as_str()
            .is_some_and(|v| v.starts_with("apiextensions.k8s.io/"))
    {
        return None;
    }
    let spec = &manifest["spec"];
    let mut versions: Vec<String> = spec["versions"]
        .as_array()
        .map(|vs| {
            vs.iter()
                .filter_map(|v| v["name"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    if let Some(v) = spec["version"].as_str() {
        versions.push(v.to_string());
    }
    Some(CrdDef {
        group: spec["group"].as_str()?.to_string(),
        kind: spec["names"]["kind"].as_str()?.to_string(),
        versions,
        namespaced: spec["scope"] != "Cluster",
    })
}

impl CrdDef {
    pub(super) fn defines(&self, r: &ObjectRef) -> bool {
        self.group == r.group
            && self.kind == r.kind
            && (self.versions.is_empty() || self.versions.contains(&r.version))
    }
}

/// Whether a dry-run error says an immutable field would change.
pub(crate) fn is_immutable(message: &str) -> bool {
    let m = message.to_ascii_lowercase();
    [
        "is immutable",
        "immutable field",
        "cannot change roleref",
        "updates to statefulset spec for fields other than",
        "updates to parameters are forbidden",
    ]
    .iter()
    .any(|p| m.contains(p))
}

/// The server's message, with a hint where the server's own words are not enough.
pub(crate) fn explain(message: &str) -> String {
    const OMITS: &str = "associative list with keys has an element that omits key field ";
    if let Some(at) = message.find(OMITS) {
        let field = message[at + OMITS.len()..]
            .trim_start_matches('"')
            .split('"')
            .next()
            .unwrap_or_default();
        let before = message[..at].trim_end_matches([' ', ':']);
        let (path, element) = match before.rsplit_once(": element ") {
            Some((p, e)) => (p.rsplit(": ").next().unwrap_or(p), e),
            None => (before, "?"),
        };
        return format!(
            "{message} (this Kubernetes version does not default key fields in server-side apply: \
             set {field:?} explicitly in {path}[{element}])"
        );
    }
    message.to_string()
}

fn immutable_hint(message: &str, policy: &Policy) -> String {
    match policy.keys {
        Some(k) => format!(
            "{message} (an immutable field changed: apply with force, or annotate the object with \
             {}: enabled, to delete and recreate it)",
            k.force
        ),
        None => format!("{message} (an immutable field changed: apply with force to delete and recreate it)"),
    }
}

impl Manager {
    /// Applies the objects in stages (see the module documentation): CRDs, Namespaces and
    /// ClusterRoles first, waiting until new CRDs are established and Namespaces active, then
    /// `*Class` kinds, then the rest. Everything that can be validated is validated before
    /// anything is written; objects depending on a Namespace or CRD of the same set are
    /// validated once their stage comes.
    pub async fn apply_all_staged(&self, objects: Vec<Value>, opts: &ApplyOptions) -> Result<ChangeSet> {
        self.run(objects, opts, true).await
    }

    /// Applies the objects as one stage, without waiting for anything: every object is
    /// validated by the plan before any is written. Objects whose Namespace or CRD does not
    /// exist yet fail validation; use [`Manager::apply_all_staged`] for such sets.
    pub async fn apply_all(&self, objects: Vec<Value>, opts: &ApplyOptions) -> Result<ChangeSet> {
        self.run(objects, opts, false).await
    }

    async fn run(&self, objects: Vec<Value>, opts: &ApplyOptions, staged: bool) -> Result<ChangeSet> {
        let result = self.run_stages(objects, opts, staged).await;
        self.clear_prefetched();
        result
    }

    /// Plans (and dry-runs) the first stage and everything of later stages that does not
    /// depend on it (objects of Namespaces or CRDs the first stage creates wait for it);
    /// any invalid object fails the whole set before anything is written.
    async fn plan_before_writing(
        &self,
        items: &[Item],
        first: Stage,
        opts: &ApplyOptions,
        verdicts: &mut [Option<Verdict>],
        started: std::time::Instant,
    ) -> Result<()> {
        let now: Vec<usize> = (0..items.len())
            .filter(|&i| items[i].stage == first && items[i].info.is_some())
            .collect();
        self.plan_into(items, &now, opts, verdicts).await;
        let crds: Vec<CrdDef> = items.iter().filter_map(|i| crd_def(&i.manifest)).collect();
        let created_namespaces: HashSet<&str> = items
            .iter()
            .zip(verdicts.iter())
            .filter(|(i, v)| {
                i.object.kind == "Namespace"
                    && i.object.group.is_empty()
                    && matches!(
                        v,
                        Some(Ok(Step::Write {
                            action: Action::Created,
                            ..
                        }))
                    )
            })
            .map(|(i, _)| i.object.name.as_str())
            .collect();
        let written_crds: Vec<&CrdDef> = items
            .iter()
            .zip(verdicts.iter())
            .filter(|(_, v)| matches!(v, Some(Ok(Step::Write { .. }))))
            .filter_map(|(i, _)| crd_def(&i.manifest))
            .filter_map(|d| crds.iter().find(|c| c.group == d.group && c.kind == d.kind))
            .collect();
        let deferred = |item: &Item| {
            item.info.is_none()
                || created_namespaces.contains(item.object.namespace.as_str())
                || written_crds.iter().any(|c| c.defines(&item.object))
        };
        let later: Vec<usize> = (0..items.len())
            .filter(|&i| items[i].stage != first && !deferred(&items[i]))
            .collect();
        self.plan_into(items, &later, opts, verdicts).await;
        for (i, item) in items.iter().enumerate() {
            if item.stage == first && item.info.is_none() {
                verdicts[i] = Some(Err(unknown_kind(&item.object)));
            }
        }
        let invalid = invalid_of(items, verdicts);
        tracing::debug!(elapsed = ?started.elapsed(), requests = ?self.requests(), "planned and validated");
        if !invalid.is_empty() {
            return Err(Error::Invalid(invalid));
        }
        Ok(())
    }

    async fn run_stages(&self, objects: Vec<Value>, opts: &ApplyOptions, staged: bool) -> Result<ChangeSet> {
        let started = std::time::Instant::now();
        let mut items = self.prepare_all(objects, staged).await?;
        self.report(|p| p.started(items.len()));
        let stage_list: Vec<Stage> = items
            .iter()
            .map(|i| i.stage)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let mut verdicts: Vec<Option<Verdict>> = vec![None; items.len()];

        // Plan the first stage, then everything of later stages that does not depend on it.
        let Some(&first) = stage_list.first() else {
            return Ok(ChangeSet::default());
        };
        self.plan_before_writing(&items, first, opts, &mut verdicts, started)
            .await?;

        let mut changes = ChangeSet::default();
        let mut wrote = false;
        let fail = |changes: &ChangeSet, wrote: bool, cause: Error| {
            if wrote {
                Error::Incomplete {
                    applied: changes.clone(),
                    cause: Box::new(cause),
                }
            } else {
                cause
            }
        };
        for stage in stage_list {
            let in_stage: Vec<usize> = (0..items.len()).filter(|&i| items[i].stage == stage).collect();
            let pending: Vec<usize> = in_stage
                .iter()
                .copied()
                .filter(|&i| verdicts[i].is_none())
                .collect();
            if !pending.is_empty() {
                for &i in &pending {
                    if items[i].info.is_none() {
                        let r = items[i].object.clone();
                        items[i].info = self.discovery.resolve(&r.api_version(), &r.kind).await?;
                    }
                }
                let resolvable: Vec<usize> = pending
                    .iter()
                    .copied()
                    .filter(|&i| items[i].info.is_some())
                    .collect();
                self.plan_into(&items, &resolvable, opts, &mut verdicts).await;
                for &i in &pending {
                    if items[i].info.is_none() {
                        verdicts[i] = Some(Err(unknown_kind(&items[i].object)));
                    }
                }
                let invalid = invalid_of(&items, &verdicts);
                if !invalid.is_empty() {
                    let cause = if wrote {
                        Error::InvalidDependents(invalid)
                    } else {
                        Error::Invalid(invalid)
                    };
                    return Err(fail(&changes, wrote, cause));
                }
            }

            tracing::debug!(?stage, elapsed = ?started.elapsed(), requests = ?self.requests(), "writing stage");
            let (entries, failures) = self.write_stage(&items, &in_stage, &verdicts, opts).await;
            tracing::debug!(?stage, elapsed = ?started.elapsed(), requests = ?self.requests(), "stage written");
            wrote |= entries
                .iter()
                .any(|e| matches!(e.action, Action::Created | Action::Configured));
            let written: Vec<ObjectRef> = entries
                .iter()
                .filter(|e| matches!(e.action, Action::Created | Action::Configured))
                .map(|e| e.object.clone())
                .collect();
            changes.entries.extend(entries);
            if !failures.is_empty() {
                return Err(fail(&changes, wrote, Error::Failed(failures)));
            }
            if staged && stage != Stage::Rest {
                let definitions: Vec<ObjectRef> = written
                    .iter()
                    .filter(|r| {
                        (r.kind == "CustomResourceDefinition" && r.group == "apiextensions.k8s.io")
                            || (r.kind == "Namespace" && r.group.is_empty())
                    })
                    .cloned()
                    .collect();
                if !definitions.is_empty() {
                    let wait = WaitOptions {
                        timeout: opts.wait_timeout,
                        interval: opts.poll_interval,
                        fail_fast: true,
                    };
                    if let Err(e) = self.wait_until_current(&definitions, &wait, false).await {
                        return Err(fail(&changes, wrote, e));
                    }
                }
                if written.iter().any(|r| r.kind == "CustomResourceDefinition") {
                    self.discovery.invalidate().await;
                }
            }
        }
        Ok(changes)
    }

    /// Identities, resources, owner labels, policies; problems of all objects at once.
    pub(super) async fn prepare_all(&self, objects: Vec<Value>, staged: bool) -> Result<Vec<Item>> {
        let crds: Vec<CrdDef> = if staged {
            objects.iter().filter_map(crd_def).collect()
        } else {
            Vec::new()
        };
        let mut items = Vec::with_capacity(objects.len());
        let mut invalid = Vec::new();
        let mut seen = HashSet::new();
        for mut manifest in objects {
            let mut object = ObjectRef::from_value(&manifest)?;
            let info = self
                .discovery
                .resolve(&object.api_version(), &object.kind)
                .await?;
            let namespaced = match (&info, crds.iter().find(|c| c.defines(&object))) {
                (Some(info), _) => info.namespaced,
                (None, Some(def)) => def.namespaced,
                (None, None) => {
                    invalid.push((object.clone(), unknown_kind(&object)));
                    continue;
                }
            };
            let meta = manifest
                .as_object_mut()
                .map(|m| m.entry("metadata").or_insert_with(|| Value::Object(Map::new())))
                .and_then(Value::as_object_mut);
            let Some(meta) = meta else {
                invalid.push((object, "metadata is not a map".into()));
                continue;
            };
            if namespaced && object.namespace.is_empty() {
                invalid.push((object, "namespace not specified for a namespaced kind".into()));
                continue;
            }
            if !namespaced {
                meta.remove("namespace");
                object.namespace.clear();
            }
            if !self.owner.labels.is_empty() {
                let labels = meta.entry("labels").or_insert_with(|| Value::Object(Map::new()));
                let Some(labels) = labels.as_object_mut() else {
                    invalid.push((object, "metadata.labels is not a map".into()));
                    continue;
                };
                for (k, v) in &self.owner.labels {
                    labels.insert(k.clone(), Value::String(v.clone()));
                }
            }
            if !seen.insert((object.group_kind(), object.namespace.clone(), object.name.clone())) {
                invalid.push((
                    object,
                    "duplicate object: it appears more than once in the set".into(),
                ));
                continue;
            }
            let stage = if staged {
                stage_of(&object.kind)
            } else {
                Stage::Rest
            };
            items.push(Item {
                policy: Policy::of(&manifest, self.owner.conventions),
                object,
                manifest,
                stage,
                info,
            });
        }
        if !invalid.is_empty() {
            return Err(Error::Invalid(invalid));
        }
        items.sort_by(|a, b| {
            a.stage
                .cmp(&b.stage)
                .then_with(|| apply_order(&a.object, &b.object))
        });
        Ok(items)
    }

    /// Plans the items at `indices` (all with a resource), storing their verdicts.
    async fn plan_into(
        &self,
        items: &[Item],
        indices: &[usize],
        opts: &ApplyOptions,
        verdicts: &mut [Option<Verdict>],
    ) {
        for (i, planned) in self.plan_batch(items, indices, opts).await {
            verdicts[i] = Some(planned.verdict);
        }
    }

    /// Plans the items at `indices`: reads their live copies (one LIST per kind and
    /// namespace), compares, dry-runs what may change. Nothing is written.
    pub(super) async fn plan_batch(
        &self,
        items: &[Item],
        indices: &[usize],
        opts: &ApplyOptions,
    ) -> Vec<(usize, Planned)> {
        let fetch: Vec<usize> = indices
            .iter()
            .copied()
            .filter(|&i| !items[i].policy.skipped())
            .collect();
        let pairs: Vec<(&ObjectRef, &ResourceInfo)> = fetch
            .iter()
            .filter_map(|&i| items[i].info.as_ref().map(|info| (&items[i].object, info)))
            .collect();
        let lives = self.fetch_live(&pairs, false).await;
        let mut live_of: BTreeMap<usize, Live> = fetch.into_iter().zip(lives).collect();
        let jobs: Vec<(usize, Option<Live>)> = indices.iter().map(|&i| (i, live_of.remove(&i))).collect();
        stream::iter(jobs)
            .map(|(i, live)| async move {
                let planned = self.plan_one(&items[i], live, opts).await;
                self.report(|p| p.compared(&items[i].object));
                (i, planned)
            })
            .buffer_unordered(self.concurrency)
            .collect()
            .await
    }

    async fn plan_one(&self, item: &Item, live: Option<Live>, opts: &ApplyOptions) -> Planned {
        let Some(info) = item.info.as_ref() else {
            return Planned::verdict(Err(unknown_kind(&item.object)));
        };
        let Some(mut live) = live.filter(|_| !item.policy.skipped()) else {
            return Planned::verdict(Ok(Step::Skip));
        };
        let if_not_present = item.policy.ssa == SsaPolicy::IfNotPresent;
        if if_not_present && matches!(live, Live::Unknown(_)) {
            live = self.get(&item.object, info).await;
        }
        let fm = &self.owner.field_manager;
        let created = Step::Write {
            action: Action::Created,
            cleanup: false,
            recreate: false,
        };
        match live {
            Live::Found(l) if if_not_present => Planned::with(Ok(Step::Skip), Some(l), None),
            Live::Found(l) => {
                let cleanup = cleanup_patch(&l, fm, &item.policy);
                if cleanup.is_none() && fields::unchanged(&item.manifest, &l, fm) {
                    return Planned::with(Ok(Step::Keep), Some(l), None);
                }
                match self.dry_run(item, info).await {
                    Ok(dry) => {
                        let step = compare(&dry, &l, cleanup.is_some());
                        Planned::with(Ok(step), Some(l), Some(dry))
                    }
                    Err(f) => Planned::with(Self::dry_run_failed(item, &f.message, opts), Some(l), None),
                }
            }
            Live::Missing => match self.dry_run(item, info).await {
                Ok(dry) => Planned::with(Ok(created), None, Some(dry)),
                Err(f) => {
                    let mut p = Planned::verdict(Self::dry_run_failed(item, &f.message, opts));
                    p.create_forbidden = f.forbidden;
                    p
                }
            },
            Live::Unknown(_) => {
                let dry = match self.dry_run(item, info).await {
                    Ok(dry) => dry,
                    Err(f) => {
                        // An immutable-field failure means the object exists: read it for the
                        // diff of what a forced recreation replaces. A forbidden one may be a
                        // creation the identity may not make: find out whether it exists.
                        let verdict = Self::dry_run_failed(item, &f.message, opts);
                        let recreate = matches!(&verdict, Ok(Step::Write { recreate: true, .. }));
                        let (live, missing) = if recreate || f.forbidden {
                            match self.get(&item.object, info).await {
                                Live::Found(l) => (Some(l), false),
                                Live::Missing => (None, true),
                                Live::Unknown(_) => (None, false),
                            }
                        } else {
                            (None, false)
                        };
                        let mut p = Planned::with(verdict, live, None);
                        p.create_forbidden = f.forbidden && missing;
                        return p;
                    }
                };
                // A dry-run create leaves the resourceVersion empty.
                if dry["metadata"]["resourceVersion"]
                    .as_str()
                    .is_none_or(str::is_empty)
                {
                    return Planned::with(Ok(created), None, Some(dry));
                }
                match self.get(&item.object, info).await {
                    Live::Found(l) => {
                        if if_not_present {
                            return Planned::with(Ok(Step::Skip), Some(l), None);
                        }
                        let cleanup = cleanup_patch(&l, fm, &item.policy).is_some();
                        let step = compare(&dry, &l, cleanup);
                        Planned::with(Ok(step), Some(l), Some(dry))
                    }
                    Live::Missing => Planned::with(Ok(created), None, Some(dry)),
                    Live::Unknown(_) => Planned::with(
                        Ok(Step::Write {
                            action: Action::Configured,
                            cleanup: false,
                            recreate: false,
                        }),
                        None,
                        Some(dry),
                    ),
                }
            }
        }
    }

    fn dry_run_failed(item: &Item, message: &str, opts: &ApplyOptions) -> Verdict {
        if is_immutable(message) {
            if opts.force || item.policy.force {
                return Ok(Step::Write {
                    action: Action::Created,
                    cleanup: false,
                    recreate: true,
                });
            }
            return Err(immutable_hint(message, &item.policy));
        }
        Err(explain(message))
    }

    async fn dry_run(&self, item: &Item, info: &ResourceInfo) -> std::result::Result<Value, DryRunFailure> {
        let mut params = PatchParams::apply(&self.owner.field_manager).force();
        params.dry_run = true;
        let patch = Patch::Apply(&item.manifest);
        bump(&self.counters.dry_runs);
        let text = retry(|| self.patch_text(info, &item.object, &params, &patch))
            .await
            .map_err(|e| DryRunFailure {
                message: cluster::describe(&e),
                forbidden: matches!(&e, kube::Error::Api(s) if s.code == 403),
            })?;
        let v: Value = serde_json::from_str(&text).map_err(|e| DryRunFailure {
            message: format!("unreadable dry-run response: {e}"),
            forbidden: false,
        })?;
        Ok(with_type(v, info))
    }

    /// Writes one stage: webhook configurations after everything else, each wave concurrently.
    async fn write_stage(
        &self,
        items: &[Item],
        indices: &[usize],
        verdicts: &[Option<Verdict>],
        opts: &ApplyOptions,
    ) -> (Vec<ChangeSetEntry>, Vec<(ObjectRef, String)>) {
        let mut entries = Vec::new();
        let mut failures = Vec::new();
        let (first, last): (Vec<usize>, Vec<usize>) = indices
            .iter()
            .copied()
            .partition(|&i| !is_last_kind(&items[i].object.kind));
        let permits = tokio::sync::Semaphore::new(self.concurrency);
        for wave in [first, last] {
            // One lane per kind, all lanes at once, sharing the request budget: the server
            // serialises some writes (a Service's IP allocation), and such a kind must not
            // take every slot while the other kinds wait.
            let lanes = kind_lanes(items, wave);
            let cap = if lanes.len() > 1 {
                self.concurrency.div_ceil(2)
            } else {
                self.concurrency
            };
            let permits = &permits;
            let done: Vec<Vec<std::result::Result<ChangeSetEntry, (ObjectRef, String)>>> =
                futures::future::join_all(lanes.into_iter().map(|lane| {
                    stream::iter(lane)
                        .map(|i| async move {
                            let _permit = permits.acquire().await;
                            self.write_one(items, i, verdicts, opts).await
                        })
                        .buffer_unordered(cap)
                        .collect::<Vec<_>>()
                }))
                .await;
            for d in done.into_iter().flatten() {
                match d {
                    Ok(e) => entries.push(e),
                    Err(f) => failures.push(f),
                }
            }
            if !failures.is_empty() {
                break;
            }
        }
        entries.sort_by(|a, b| apply_order(&a.object, &b.object));
        failures.sort_by(|a, b| apply_order(&a.0, &b.0));
        (entries, failures)
    }

    async fn write_one(
        &self,
        items: &[Item],
        i: usize,
        verdicts: &[Option<Verdict>],
        opts: &ApplyOptions,
    ) -> std::result::Result<ChangeSetEntry, (ObjectRef, String)> {
        let item = &items[i];
        let action = match verdicts[i].as_ref() {
            Some(Ok(Step::Skip)) => Action::Skipped,
            Some(Ok(Step::Keep)) => Action::Unchanged,
            Some(Ok(step @ Step::Write { action, .. })) => {
                self.write(item, step, opts)
                    .await
                    .map_err(|m| (item.object.clone(), m))?;
                *action
            }
            Some(Err(m)) => return Err((item.object.clone(), m.clone())),
            None => {
                return Err((
                    item.object.clone(),
                    "internal error: object was not planned".into(),
                ));
            }
        };
        let entry = ChangeSetEntry {
            object: item.object.clone(),
            action,
        };
        self.report(|p| p.applied(&entry));
        Ok(entry)
    }

    async fn write(&self, item: &Item, step: &Step, opts: &ApplyOptions) -> std::result::Result<(), String> {
        let Step::Write {
            cleanup, recreate, ..
        } = step
        else {
            return Ok(());
        };
        let Some(info) = item.info.as_ref() else {
            return Err(unknown_kind(&item.object));
        };
        let api = self.api(info, &item.object.namespace);
        let name = &item.object.name;
        if *recreate {
            let dp = DeleteParams {
                propagation_policy: Some(PropagationPolicy::Background),
                ..Default::default()
            };
            bump(&self.counters.deletes);
            match retry(|| api.delete(name, &dp)).await {
                Ok(_) => {}
                Err(e) if cluster::is_not_found(&e) => {}
                Err(e) => {
                    return Err(format!(
                        "immutable field changed, deleting to recreate failed: {}",
                        cluster::describe(&e)
                    ));
                }
            }
            let deadline = tokio::time::Instant::now() + opts.wait_timeout;
            loop {
                match self.get(&item.object, info).await {
                    Live::Missing => break,
                    Live::Unknown(Some(m)) => return Err(m),
                    _ if tokio::time::Instant::now() >= deadline => {
                        return Err("immutable field changed: the object was deleted to be recreated but is still terminating".into());
                    }
                    _ => tokio::time::sleep(opts.poll_interval).await,
                }
            }
        }
        let params = PatchParams::apply(&self.owner.field_manager).force();
        let patch = Patch::Apply(&item.manifest);
        bump(&self.counters.writes);
        // A conflict here is a concurrent writer (optimistic concurrency), worth another try.
        let applied = retry_if(
            || self.patch_text(info, &item.object, &params, &patch),
            |e| crate::cluster::is_transient(e) || cluster::is_conflict(e),
        )
        .await
        .map_err(|e| {
            let m = cluster::describe(&e);
            if cluster::is_conflict(&e) {
                format!("conflict: {m} (another writer changed the object at the same time; the next apply retries)")
            } else {
                explain(&m)
            }
        })?;
        // Clean up after applying, from the applied object: our Apply entry then exists, so
        // the server never has to invent a `before-first-apply` owner for the object.
        if *cleanup
            && let Ok(applied) = serde_json::from_str::<Value>(&applied)
            && let Some(patch) =
                cleanup_patch(&with_type(applied, info), &self.owner.field_manager, &item.policy)
        {
            let params = PatchParams {
                field_manager: Some(self.owner.field_manager.clone()),
                ..Default::default()
            };
            let patch = Patch::Merge(patch);
            bump(&self.counters.writes);
            retry(|| api.patch(name, &params, &patch)).await.map_err(|e| {
                format!(
                    "applied, but removing other field managers failed: {}",
                    cluster::describe(&e)
                )
            })?;
        }
        Ok(())
    }
}

/// Splits a wave (in apply order) into runs of one kind each.
fn kind_lanes(items: &[Item], wave: Vec<usize>) -> Vec<Vec<usize>> {
    let mut lanes: Vec<Vec<usize>> = Vec::new();
    for i in wave {
        match lanes.last_mut() {
            Some(lane) if items[lane[0]].object.group_kind() == items[i].object.group_kind() => lane.push(i),
            _ => lanes.push(vec![i]),
        }
    }
    lanes
}

fn compare(dry: &Value, live: &Value, cleanup: bool) -> Step {
    if cleanup || !super::normalize::same(dry, live) {
        Step::Write {
            action: Action::Configured,
            cleanup,
            recreate: false,
        }
    } else {
        Step::Keep
    }
}

pub(super) fn unknown_kind(object: &ObjectRef) -> String {
    format!(
        "no matches for kind {:?} in version {:?} (is its CRD installed?)",
        object.kind,
        object.api_version()
    )
}

fn invalid_of(items: &[Item], verdicts: &[Option<Verdict>]) -> Vec<(ObjectRef, String)> {
    items
        .iter()
        .zip(verdicts)
        .filter_map(|(i, v)| match v {
            Some(Err(m)) => Some((i.object.clone(), m.clone())),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn immutable_errors_are_recognised() {
        assert!(is_immutable(
            "Deployment.apps \"web\" is invalid: spec.selector: Invalid value: v1.LabelSelector{}: field is immutable"
        ));
        assert!(is_immutable(
            "RoleBinding.rbac.authorization.k8s.io \"x\" is invalid: roleRef: Invalid value: rbac.RoleRef{}: cannot change roleRef"
        ));
        assert!(is_immutable(
            "StatefulSet.apps \"db\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas' are forbidden"
        ));
        assert!(!is_immutable(
            "ConfigMap \"x\" is invalid: metadata.name: Invalid value"
        ));
    }

    #[test]
    fn missing_key_fields_are_explained() {
        let m = "failed to create typed patch object: .spec.ports: element 0: associative list with keys has an element that omits key field \"protocol\"";
        assert_eq!(
            explain(m),
            format!(
                "{m} (this Kubernetes version does not default key fields in server-side apply: set \"protocol\" explicitly in .spec.ports[0])"
            )
        );
        assert_eq!(explain("plain"), "plain");
    }

    #[test]
    fn crd_definitions() {
        let crd = json!({"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
            "metadata": {"name": "widgets.example.com"},
            "spec": {"group": "example.com", "scope": "Namespaced", "names": {"kind": "Widget", "plural": "widgets"},
                "versions": [{"name": "v1"}, {"name": "v2"}]}});
        let def = crd_def(&crd).unwrap();
        let w = |v: &str| ObjectRef {
            group: "example.com".into(),
            version: v.into(),
            kind: "Widget".into(),
            namespace: "a".into(),
            name: "w".into(),
        };
        assert!(def.namespaced && def.defines(&w("v1")) && def.defines(&w("v2")) && !def.defines(&w("v3")));
        assert!(crd_def(&json!({"kind": "ConfigMap"})).is_none());
    }
}
