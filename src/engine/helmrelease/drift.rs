//! Drift detection and correction of a release that is in sync (`spec.driftDetection`), as
//! helm-controller does it:
//!
//! * `mode: disabled` (the default) costs nothing. With `enabled` or `warn` the release's
//!   objects are compared with the cluster through the apply engine's plan
//!   ([`Manager::diff`]: one LIST per kind and namespace, a server-side apply dry-run only
//!   for the objects that may differ), which is also what `diff kustomization` shows;
//! * objects labelled or annotated `helm.toolkit.fluxcd.io/driftDetection: disabled` are
//!   left out, and so is every object an `ignore` rule selects with the pointer `""`;
//! * the JSON pointers of the `ignore` rules whose `target` selects an object (every object
//!   when a rule has no target) are removed from both the live object and the dry-run result
//!   before they are compared;
//! * as upstream compares, labels and annotations count when added or changed (not when
//!   removed: other controllers add their own), the rest of `metadata` and `status` never;
//!   a missing object is drift;
//! * `warn`: a Warning event `DriftDetected` lists the drifted objects; nothing changes;
//! * `enabled`: the same event, then the drifted objects are applied again with server-side
//!   apply through the apply engine (missing ones created again), the ignored fields kept as
//!   they are in the cluster, and a Normal event `DriftCorrected` lists what was written.
//!   No release revision is made: the release record stays as it is.

use std::fmt;

use regex::Regex;
use serde_json::{Map, Value};

use super::{Plan, Run, Stop, owner};
use crate::api::helmrelease::{DriftDetection, INIT_FAILED};
use crate::api::kustomize::{IgnoreRule, Selector};
use crate::apply::{DiffAction, DiffOptions, Manager};
use crate::build::jsonpatch::{self, Op};
use crate::build::{SelectorRequirement, matches_selector, parse_selector};
use crate::cluster::ObjectRef;
use crate::engine::events::EventType;
use crate::helm::storage::Record;

/// Label or annotation that leaves an object out of drift detection (value `disabled`).
pub const DRIFT_DETECTION_KEY: &str = "helm.toolkit.fluxcd.io/driftDetection";
/// Event reason: the cluster no longer matches the release.
pub const DRIFT_DETECTED: &str = "DriftDetected";
/// Event reason: the drifted objects were applied again.
pub const DRIFT_CORRECTED: &str = "DriftCorrected";
/// Event reason (and `Ready` reason): applying the drifted objects again failed.
pub const DRIFT_CORRECTION_FAILED: &str = "DriftCorrectionFailed";
/// `Ready` reason when the cluster state could not be compared.
pub const STATE_ERROR: &str = "StateError";

/// What to do about drift.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// Report and correct.
    Enabled,
    /// Report only.
    Warn,
}

/// The mode of `spec.driftDetection`; `None` when drift is not looked for.
fn mode(d: Option<&DriftDetection>) -> Option<Mode> {
    match d.and_then(|d| d.mode.as_deref()) {
        Some("enabled") => Some(Mode::Enabled),
        Some("warn") => Some(Mode::Warn),
        _ => None,
    }
}

/// `spec.driftDetection.ignore`, compiled.
#[derive(Debug, Default)]
pub struct IgnoreRules {
    rules: Vec<Rule>,
}

#[derive(Debug)]
struct Rule {
    paths: Vec<String>,
    target: Option<Target>,
}

/// A rule's `target`: every field given must match (names, namespaces, groups, versions and
/// kinds are anchored regular expressions; the selectors Kubernetes label selectors).
#[derive(Debug, Default)]
struct Target {
    group: Option<Regex>,
    version: Option<Regex>,
    kind: Option<Regex>,
    name: Option<Regex>,
    namespace: Option<Regex>,
    labels: Option<Vec<SelectorRequirement>>,
    annotations: Option<Vec<SelectorRequirement>>,
}

impl IgnoreRules {
    /// Compiles the rules; an invalid pointer, regular expression or selector is an error
    /// naming its field.
    pub fn compile(rules: &[IgnoreRule]) -> Result<IgnoreRules, String> {
        let mut out = Vec::with_capacity(rules.len());
        for (i, r) in rules.iter().enumerate() {
            let at = format!("spec.driftDetection.ignore[{i}]");
            for (j, p) in r.paths.iter().enumerate() {
                check_pointer(p).map_err(|e| format!("{at}.paths[{j}]: {e}"))?;
            }
            let target = r
                .target
                .as_ref()
                .map(|t| Target::compile(t, &format!("{at}.target")))
                .transpose()?;
            out.push(Rule {
                paths: r.paths.clone(),
                target,
            });
        }
        Ok(IgnoreRules { rules: out })
    }

    /// The pointers ignored in `object` (its identity as the cluster has it, its manifest
    /// for labels and annotations).
    pub fn paths_for<'a>(&'a self, object: &ObjectRef, manifest: &Value) -> Vec<&'a str> {
        self.rules
            .iter()
            .filter(|r| r.target.as_ref().is_none_or(|t| t.selects(object, manifest)))
            .flat_map(|r| r.paths.iter().map(String::as_str))
            .collect()
    }
}

impl Target {
    fn compile(s: &Selector, at: &str) -> Result<Target, String> {
        let re = |p: &Option<String>, field: &str| -> Result<Option<Regex>, String> {
            match p.as_deref().filter(|p| !p.is_empty()) {
                None => Ok(None),
                Some(p) => Regex::new(&format!("^(?:{p})$"))
                    .map(Some)
                    .map_err(|e| format!("{at}.{field}: invalid regular expression: {e}")),
            }
        };
        let sel = |p: &Option<String>, field: &str| -> Result<Option<Vec<SelectorRequirement>>, String> {
            match p.as_deref().filter(|p| !p.trim().is_empty()) {
                None => Ok(None),
                Some(p) => parse_selector(p)
                    .map(Some)
                    .map_err(|e| format!("{at}.{field}: {e}")),
            }
        };
        Ok(Target {
            group: re(&s.group, "group")?,
            version: re(&s.version, "version")?,
            kind: re(&s.kind, "kind")?,
            name: re(&s.name, "name")?,
            namespace: re(&s.namespace, "namespace")?,
            labels: sel(&s.label_selector, "labelSelector")?,
            annotations: sel(&s.annotation_selector, "annotationSelector")?,
        })
    }

    fn selects(&self, o: &ObjectRef, manifest: &Value) -> bool {
        let is = |re: &Option<Regex>, v: &str| re.as_ref().is_none_or(|re| re.is_match(v));
        let meta = |section: &str| manifest["metadata"][section].as_object();
        is(&self.group, &o.group)
            && is(&self.version, &o.version)
            && is(&self.kind, &o.kind)
            && is(&self.name, &o.name)
            && is(&self.namespace, &o.namespace)
            && self
                .labels
                .as_ref()
                .is_none_or(|r| matches_selector(r, meta("labels")))
            && self
                .annotations
                .as_ref()
                .is_none_or(|r| matches_selector(r, meta("annotations")))
    }
}

/// A JSON pointer (RFC 6901): `""` (the whole object) or `/`-separated tokens, `~` only as
/// `~0` (`~`) or `~1` (`/`).
fn check_pointer(p: &str) -> Result<(), String> {
    if !p.is_empty() && !p.starts_with('/') {
        return Err(format!("{p:?} is not a JSON pointer: it must start with /"));
    }
    let mut chars = p.chars();
    while let Some(c) = chars.next() {
        if c == '~' && !matches!(chars.next(), Some('0' | '1')) {
            return Err(format!(
                "{p:?} is not a JSON pointer: ~ must be written ~0 (and / in a key ~1)"
            ));
        }
    }
    Ok(())
}

/// Whether the object opted out of drift detection (label or annotation
/// [`DRIFT_DETECTION_KEY`]`: disabled`).
pub fn opted_out(manifest: &Value) -> bool {
    ["labels", "annotations"]
        .iter()
        .any(|s| manifest["metadata"][*s][DRIFT_DETECTION_KEY].as_str() == Some("disabled"))
}

/// Removes the fields at `paths` that exist (in order; the root pointer is left alone).
pub fn remove_paths(obj: &mut Value, paths: &[&str]) {
    for p in paths {
        if p.is_empty() || obj.pointer(p).is_none() {
            continue;
        }
        let op = Op {
            op: "remove".into(),
            path: (*p).to_string(),
            from: None,
            value: None,
        };
        // The field exists, so the removal applies; the document is unchanged otherwise.
        let _ = jsonpatch::apply(obj, &[op]);
    }
}

/// The desired object with each ignored field the desired object sets as it is in `live`
/// (removed when `live` has none), so that applying it leaves those fields as they are.
pub fn keep_live(desired: &mut Value, live: &Value, paths: &[&str]) {
    for p in paths {
        if p.is_empty() || desired.pointer(p).is_none() {
            continue;
        }
        match live.pointer(p) {
            Some(v) => {
                if let Some(slot) = desired.pointer_mut(p) {
                    *slot = v.clone();
                }
            }
            None => remove_paths(desired, &[p]),
        }
    }
}

/// How many fields an object's drift adds, changes and removes (from the live object to
/// what the apply makes of it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Fields the apply would add.
    pub added: usize,
    /// Fields the apply would change.
    pub changed: usize,
    /// Fields the apply would remove.
    pub removed: usize,
}

impl Counts {
    fn any(self) -> bool {
        self.added + self.changed + self.removed > 0
    }
}

/// The drift between `live` and `after` (the dry-run result), `paths` removed from both:
/// added and changed labels and annotations, every difference outside `metadata` and
/// `status`.
pub fn changes(live: &Value, after: &Value, paths: &[&str]) -> Counts {
    let (mut l, mut a) = (live.clone(), after.clone());
    remove_paths(&mut l, paths);
    remove_paths(&mut a, paths);
    let labels = |v: &Value| {
        let mut m = Map::new();
        for k in ["labels", "annotations"] {
            if let Some(x) = v["metadata"].get(k).filter(|x| !x.is_null()) {
                m.insert(k.to_string(), x.clone());
            }
        }
        Value::Object(m)
    };
    let body = |mut v: Value| {
        if let Some(m) = v.as_object_mut() {
            m.remove("metadata");
            m.remove("status");
        }
        v
    };
    let mut counts = Counts::default();
    for c in crate::diff::field_changes(&labels(&l), &labels(&a)) {
        match (&c.before, &c.after) {
            (None, Some(_)) => counts.added += 1,
            (Some(_), Some(_)) => counts.changed += 1,
            _ => {}
        }
    }
    for c in crate::diff::field_changes(&body(l), &body(a)) {
        match (&c.before, &c.after) {
            (None, _) => counts.added += 1,
            (_, None) => counts.removed += 1,
            _ => counts.changed += 1,
        }
    }
    counts
}

/// One object out of step with the release.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Drifted {
    /// The object.
    pub object: ObjectRef,
    /// `None`: the object is missing; otherwise what differs.
    pub changed: Option<Counts>,
}

impl fmt::Display for Drifted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let o = &self.object;
        write!(f, "{}/{}/{}", o.kind, o.namespace, o.name)?;
        match self.changed {
            None => f.write_str(" removed"),
            Some(c) => write!(
                f,
                " changed ({} additions, {} changes, {} removals)",
                c.added, c.changed, c.removed
            ),
        }
    }
}

/// Whether `manifest` is the object `r` (the namespace as the plan resolved it: a
/// cluster-scoped object has none).
fn is_object(manifest: &Value, r: &ObjectRef) -> bool {
    ObjectRef::from_value(manifest).is_ok_and(|m| {
        m.group == r.group
            && m.kind == r.kind
            && m.name == r.name
            && (r.namespace.is_empty() || m.namespace == r.namespace)
    })
}

/// The drift a plan of the `desired` objects shows once the ignore rules are applied, each
/// object with what applying it again writes (its manifest, the ignored fields kept live).
pub fn drift_of(plan: &crate::apply::Plan, desired: &[Value], rules: &IgnoreRules) -> Vec<(Drifted, Value)> {
    let mut out = Vec::new();
    for e in &plan.entries {
        let Some(manifest) = desired.iter().find(|d| is_object(d, &e.object)) else {
            continue;
        };
        let paths = rules.paths_for(&e.object, manifest);
        if paths.contains(&"") {
            continue;
        }
        let drifted = |changed| Drifted {
            object: e.object.clone(),
            changed,
        };
        match e.action {
            DiffAction::Created => out.push((drifted(None), manifest.clone())),
            DiffAction::Drifted => {
                let after = e.after.as_ref().unwrap_or(manifest);
                let Some(live) = &e.live else {
                    // Not readable: the dry-run says it changes.
                    let counts = Counts {
                        changed: 1,
                        ..Counts::default()
                    };
                    out.push((drifted(Some(counts)), manifest.clone()));
                    continue;
                };
                let counts = changes(live, after, &paths);
                if !counts.any() {
                    continue;
                }
                let mut fix = manifest.clone();
                keep_live(&mut fix, live, &paths);
                out.push((drifted(Some(counts)), fix));
            }
            _ => {}
        }
    }
    out
}

/// Checks `spec.driftDetection.ignore` (before anything is installed or upgraded): an
/// invalid rule is an error naming its field.
pub fn validate(d: Option<&DriftDetection>) -> Result<(), String> {
    IgnoreRules::compile(d.and_then(|d| d.ignore.as_deref()).unwrap_or_default()).map(|_| ())
}

impl Run<'_> {
    /// Drift detection of a release in sync: with `spec.driftDetection.mode` `enabled` or
    /// `warn`, compares the release's objects with the cluster, reports drift in a
    /// `DriftDetected` event and (`enabled`) applies the drifted objects again. A comparison
    /// that fails is `StateError`, a correction that fails `DriftCorrectionFailed`.
    pub(super) async fn detect_drift(&mut self, cur: &Record, plan: &Plan) -> Result<(), Stop> {
        let spec = self.hr.spec.drift_detection.as_ref();
        let Some(mode) = mode(spec) else {
            return Ok(());
        };
        let rules = IgnoreRules::compile(spec.and_then(|d| d.ignore.as_deref()).unwrap_or_default())
            .map_err(|e| Stop::stalled(INIT_FAILED, e))?;
        let desired: Vec<Value> = plan
            .rendered
            .objects
            .iter()
            .filter(|o| !opted_out(o))
            .cloned()
            .collect();
        if desired.is_empty() {
            return Ok(());
        }
        let manager = Manager::new(self.acting.clone(), owner(self.hr));
        let diff = manager
            .diff(desired.clone(), &DiffOptions::default())
            .await
            .map_err(|e| {
                Stop::failed(
                    STATE_ERROR,
                    format!("Could not determine release state: unable to determine cluster state: {e}"),
                )
            })?;
        let drift = drift_of(&diff, &desired, &rules);
        if drift.is_empty() {
            return Ok(());
        }
        let release = format!("{}/{}.v{}", cur.namespace, cur.name, cur.version);
        let summary = drift
            .iter()
            .map(|(d, _)| d.to_string())
            .collect::<Vec<_>>()
            .join("\n");
        self.drift = Some(summary.clone());
        self.event(
            EventType::Warning,
            DRIFT_DETECTED,
            &format!("Cluster state of release {release} has drifted from the desired state:\n{summary}"),
        )
        .await;
        if mode == Mode::Warn {
            return Ok(());
        }
        let objects: Vec<Value> = drift.into_iter().map(|(_, o)| o).collect();
        let timeout = self.hr.timeout().unwrap_or(plan.timeout);
        let opts = self.apply_options(timeout);
        match manager.apply_all_staged(objects, &opts).await {
            Ok(cs) => {
                let corrected = cs.summary();
                self.changes.extend(cs);
                if !corrected.is_empty() {
                    self.event(
                        EventType::Normal,
                        DRIFT_CORRECTED,
                        &format!("Cluster state of release {release} has been corrected:\n{corrected}"),
                    )
                    .await;
                }
                Ok(())
            }
            Err(e) => {
                let partial = e
                    .applied()
                    .map(crate::apply::ChangeSet::summary)
                    .unwrap_or_default();
                if let Some(cs) = e.applied() {
                    self.changes.extend(cs.clone());
                }
                let mut message = format!(
                    "Failed to {}correct cluster state of release {release}:\n{e}",
                    if partial.is_empty() { "" } else { "partially " }
                );
                if !partial.is_empty() {
                    message.push_str("\n\nSuccessful corrections:\n");
                    message.push_str(&partial);
                }
                Err(Stop::failed(DRIFT_CORRECTION_FAILED, message))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::apply::DiffEntry;
    use serde_json::json;

    #[allow(clippy::needless_pass_by_value)]
    fn rule(paths: &[&str], target: Option<Value>) -> IgnoreRule {
        serde_json::from_value(json!({"paths": paths, "target": target})).unwrap()
    }

    #[allow(clippy::needless_pass_by_value)]
    fn deployment(name: &str, labels: Value) -> (ObjectRef, Value) {
        let m = json!({"apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"name": name, "namespace": "apps", "labels": labels},
            "spec": {"replicas": 1}});
        (ObjectRef::from_value(&m).unwrap(), m)
    }

    #[test]
    fn modes() {
        let d = |m: &str| DriftDetection {
            mode: Some(m.into()),
            ignore: None,
        };
        assert_eq!(mode(None), None);
        assert_eq!(mode(Some(&d("disabled"))), None);
        assert_eq!(mode(Some(&d("warn"))), Some(Mode::Warn));
        assert_eq!(mode(Some(&d("enabled"))), Some(Mode::Enabled));
        assert_eq!(mode(Some(&DriftDetection::default())), None);
    }

    #[test]
    fn rules_select_by_identity_and_selectors() {
        let rules = IgnoreRules::compile(&[
            rule(&["/spec/replicas"], None),
            rule(
                &["/metadata/labels/app.kubernetes.io~1version"],
                Some(json!({"kind": "Deploy.*", "name": "web|api", "namespace": "apps", "group": "apps"})),
            ),
            rule(
                &["/data"],
                Some(json!({"labelSelector": "tier in (cache),!legacy"})),
            ),
            rule(
                &["/spec/template"],
                Some(json!({"annotationSelector": "example.com/keep=yes"})),
            ),
            rule(&["/x"], Some(json!({"version": "v1beta1"}))),
        ])
        .unwrap();
        let (web, m) = deployment("web", json!({"tier": "cache"}));
        assert_eq!(
            rules.paths_for(&web, &m),
            [
                "/spec/replicas",
                "/metadata/labels/app.kubernetes.io~1version",
                "/data"
            ]
        );
        // Anchored: "web" does not match "webhook".
        let (hook, m) = deployment("webhook", json!({"tier": "cache", "legacy": "1"}));
        assert_eq!(rules.paths_for(&hook, &m), ["/spec/replicas"]);
        let (other, mut m) = deployment("db", json!({}));
        m["metadata"]["annotations"] = json!({"example.com/keep": "yes"});
        assert_eq!(rules.paths_for(&other, &m), ["/spec/replicas", "/spec/template"]);
        let mut other_ns = other.clone();
        other_ns.namespace = "web".into();
        other_ns.name = "web".into();
        assert_eq!(rules.paths_for(&other_ns, &json!({})), ["/spec/replicas"]);
    }

    #[test]
    fn invalid_rules_name_their_field() {
        let e = IgnoreRules::compile(&[rule(&["/a", "spec/replicas"], None)]).unwrap_err();
        assert!(e.starts_with("spec.driftDetection.ignore[0].paths[1]: "), "{e}");
        let e = IgnoreRules::compile(&[rule(&["/a~2b"], None)]).unwrap_err();
        assert!(e.contains("~0"), "{e}");
        assert!(IgnoreRules::compile(&[rule(&["/a~"], None)]).is_err());
        let e = IgnoreRules::compile(&[rule(&["/a"], None), rule(&["/a"], Some(json!({"name": "("})))])
            .unwrap_err();
        assert!(
            e.starts_with("spec.driftDetection.ignore[1].target.name: invalid regular expression"),
            "{e}"
        );
        let e = IgnoreRules::compile(&[rule(&["/a"], Some(json!({"labelSelector": "a=b,,c"})))]).unwrap_err();
        assert!(
            e.starts_with("spec.driftDetection.ignore[0].target.labelSelector: "),
            "{e}"
        );
        assert!(IgnoreRules::compile(&[rule(&["", "/a~0b~1c"], None)]).is_ok());
    }

    #[test]
    fn paths_are_removed_with_escapes() {
        let mut v = json!({"metadata": {"annotations": {"a/b": "1", "c~d": "2", "keep": "3"}},
            "spec": {"list": [1, 2, 3], "replicas": 2}});
        remove_paths(
            &mut v,
            &[
                "/metadata/annotations/a~1b",
                "/metadata/annotations/c~0d",
                "/spec/list/0",
                "/spec/missing/deep",
                "/spec/list/9",
                "",
            ],
        );
        assert_eq!(
            v,
            json!({"metadata": {"annotations": {"keep": "3"}}, "spec": {"list": [2, 3], "replicas": 2}})
        );
    }

    #[test]
    fn ignored_fields_keep_their_live_values() {
        let live = json!({"spec": {"replicas": 5, "paused": true}});
        let mut desired = json!({"spec": {"replicas": 1, "minReadySeconds": 3, "template": {"a": 1}}});
        keep_live(
            &mut desired,
            &live,
            &["/spec/replicas", "/spec/minReadySeconds", "/spec/paused", ""],
        );
        assert_eq!(desired, json!({"spec": {"replicas": 5, "template": {"a": 1}}}));
    }

    #[test]
    fn drift_is_counted_as_upstream_compares() {
        let live = json!({"apiVersion": "v1", "kind": "ConfigMap",
            "metadata": {"name": "c", "resourceVersion": "7", "labels": {"a": "1", "extra": "x"},
                "annotations": {"n": "1"}},
            "data": {"k": "old", "gone": "1"}, "status": {"s": 1}});
        let after = json!({"apiVersion": "v1", "kind": "ConfigMap",
            "metadata": {"name": "c", "resourceVersion": "8", "labels": {"a": "2"},
                "annotations": {"n": "1", "m": "2"}},
            "data": {"k": "new", "add": "1"}});
        assert_eq!(
            changes(&live, &after, &[]),
            Counts {
                added: 2,
                changed: 2,
                removed: 1
            }
        );
        assert_eq!(
            changes(
                &live,
                &after,
                &["/data", "/metadata/labels/a", "/metadata/annotations/m"]
            ),
            Counts::default()
        );
        // Labels and annotations removed (controllers add their own) and status do not count.
        let same = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"labels": {"a": "1"}},
            "data": {"k": "old", "gone": "1"}});
        assert!(!changes(&live, &same, &[]).any());
    }

    #[test]
    fn opting_out() {
        assert!(opted_out(
            &json!({"metadata": {"annotations": {DRIFT_DETECTION_KEY: "disabled"}}})
        ));
        assert!(opted_out(
            &json!({"metadata": {"labels": {DRIFT_DETECTION_KEY: "disabled"}}})
        ));
        assert!(!opted_out(
            &json!({"metadata": {"labels": {DRIFT_DETECTION_KEY: "enabled"}}})
        ));
        assert!(!opted_out(&json!({"metadata": {}})));
    }

    fn entry(object: &ObjectRef, action: DiffAction, live: Option<Value>, after: Option<Value>) -> DiffEntry {
        DiffEntry {
            object: object.clone(),
            action,
            reason: None,
            live,
            after,
        }
    }

    #[test]
    fn a_plan_becomes_drift_and_corrections() {
        let (web, web_m) = deployment("web", json!({}));
        let (api, api_m) = deployment("api", json!({}));
        let (db, db_m) = deployment("db", json!({}));
        let (cache, cache_m) = deployment("cache", json!({}));
        let cm = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "gone", "namespace": "apps"}});
        let cm_ref = ObjectRef::from_value(&cm).unwrap();
        let live = |m: &Value, paused: bool| {
            let mut l = m.clone();
            l["metadata"]["resourceVersion"] = json!("5");
            l["spec"] = json!({"replicas": 3, "paused": paused});
            l
        };
        let with_spec = |m: &Value, spec: Value| {
            let mut a = m.clone();
            a["spec"] = spec;
            a
        };
        let plan = crate::apply::Plan {
            entries: vec![
                entry(
                    &web,
                    DiffAction::Drifted,
                    Some(live(&web_m, false)),
                    Some(with_spec(&web_m, json!({"replicas": 1, "paused": false}))),
                ),
                entry(
                    &api,
                    DiffAction::Drifted,
                    Some(live(&api_m, false)),
                    Some(with_spec(&api_m, json!({"replicas": 1, "paused": true}))),
                ),
                entry(&db, DiffAction::Unchanged, None, None),
                entry(
                    &cache,
                    DiffAction::Drifted,
                    Some(live(&cache_m, false)),
                    Some(with_spec(&cache_m, json!({"replicas": 1}))),
                ),
                entry(&cm_ref, DiffAction::Created, None, Some(cm.clone())),
            ],
        };
        let desired = vec![web_m, api_m, db_m, cache_m, cm.clone()];
        let rules = IgnoreRules::compile(&[
            rule(&["/spec/replicas"], None),
            rule(&[""], Some(json!({"name": "cache"}))),
        ])
        .unwrap();
        let drift = drift_of(&plan, &desired, &rules);
        let lines: Vec<String> = drift.iter().map(|(d, _)| d.to_string()).collect();
        // web differs only in the ignored replicas; cache is ignored as a whole.
        assert_eq!(
            lines,
            [
                "Deployment/apps/api changed (0 additions, 1 changes, 0 removals)",
                "ConfigMap/apps/gone removed"
            ]
        );
        // The correction keeps the live replicas and recreates the missing object as desired.
        assert_eq!(drift[0].1["spec"]["replicas"], 3);
        assert_eq!(drift[1].1, cm);
        let all = drift_of(&plan, &desired, &IgnoreRules::default());
        assert_eq!(all.len(), 4);
        assert_eq!(all[0].1["spec"]["replicas"], 1);
    }
}
