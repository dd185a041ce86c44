//! Chart hooks as Helm 4 records and orders them (pure): the `hooks` entries of a release
//! record (`release.Hook`: name, kind, path, manifest, events, `last_run`, weight, delete
//! and output-log policies), made from the hook documents [`super::render`] set apart, the
//! order in which the hooks of one event run (weight, then name, the documents already in
//! Helm's kind order), their delete policies, and the name filters of `helm test`.
//!
//! Running them against a cluster is the HelmRelease engine's part.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The hook annotation: the events a document is a hook for, comma-separated.
pub const HOOK_ANNOTATION: &str = "helm.sh/hook";
/// The weight annotation: an integer, lower runs first (0 when absent or not a number).
pub const WEIGHT_ANNOTATION: &str = "helm.sh/hook-weight";
/// The delete policy annotation: comma-separated [`policy`] names.
pub const DELETE_POLICY_ANNOTATION: &str = "helm.sh/hook-delete-policy";
/// The output log policy annotation (recorded; flux-rs copies no logs).
pub const OUTPUT_LOG_POLICY_ANNOTATION: &str = "helm.sh/hook-output-log-policy";

/// Delete policies as Helm spells them.
pub mod policy {
    /// Delete the previous hook object before the hook is created (the default).
    pub const BEFORE_HOOK_CREATION: &str = "before-hook-creation";
    /// Delete the hook object once every hook of the event succeeded.
    pub const HOOK_SUCCEEDED: &str = "hook-succeeded";
    /// Delete the hook object when it failed.
    pub const HOOK_FAILED: &str = "hook-failed";
}

/// Phases of a hook run as Helm records them.
pub mod phase {
    /// The run's outcome is not known.
    pub const UNKNOWN: &str = "Unknown";
    /// The hook is running.
    pub const RUNNING: &str = "Running";
    /// The hook succeeded.
    pub const SUCCEEDED: &str = "Succeeded";
    /// The hook failed.
    pub const FAILED: &str = "Failed";
}

/// The events hooks fire on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HookEvent {
    /// Before the objects of an install are created.
    PreInstall,
    /// After the objects of an install are ready.
    PostInstall,
    /// Before the objects of an uninstall are deleted.
    PreDelete,
    /// After the objects of an uninstall are gone.
    PostDelete,
    /// Before the objects of an upgrade are applied.
    PreUpgrade,
    /// After the objects of an upgrade are ready.
    PostUpgrade,
    /// Before the objects of a rollback are applied.
    PreRollback,
    /// After the objects of a rollback are ready.
    PostRollback,
    /// `helm test`.
    Test,
}

impl HookEvent {
    /// Every event, in Helm's order.
    pub const ALL: [HookEvent; 9] = [
        HookEvent::PreInstall,
        HookEvent::PostInstall,
        HookEvent::PreDelete,
        HookEvent::PostDelete,
        HookEvent::PreUpgrade,
        HookEvent::PostUpgrade,
        HookEvent::PreRollback,
        HookEvent::PostRollback,
        HookEvent::Test,
    ];

    /// The event as Helm spells it (`pre-install`, ..., `test`).
    pub fn as_str(self) -> &'static str {
        match self {
            HookEvent::PreInstall => "pre-install",
            HookEvent::PostInstall => "post-install",
            HookEvent::PreDelete => "pre-delete",
            HookEvent::PostDelete => "post-delete",
            HookEvent::PreUpgrade => "pre-upgrade",
            HookEvent::PostUpgrade => "post-upgrade",
            HookEvent::PreRollback => "pre-rollback",
            HookEvent::PostRollback => "post-rollback",
            HookEvent::Test => "test",
        }
    }

    /// Reads an annotation value (trimmed, any case); Helm 2's `test-success` is `test`.
    pub fn parse(s: &str) -> Option<HookEvent> {
        let s = s.trim().to_lowercase();
        if s == "test-success" {
            return Some(HookEvent::Test);
        }
        HookEvent::ALL.into_iter().find(|e| e.as_str() == s)
    }
}

impl std::fmt::Display for HookEvent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The last run of a hook (`release.HookExecution`): times as Go writes `time.Time` (RFC
/// 3339 with nanoseconds), absent when zero; the phase always written (empty before any run).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HookExecution {
    /// When the hook was created.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub started_at: String,
    /// When it succeeded or failed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub completed_at: String,
    /// One of [`phase`], or empty.
    #[serde(default)]
    pub phase: String,
}

/// One hook of a release record (`release.Hook`), in Helm's JSON shape.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Hook {
    /// `metadata.name` of the hook object.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// Its kind.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub kind: String,
    /// The template it came from (`chart/templates/x.yaml`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub path: String,
    /// The document.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub manifest: String,
    /// The events it fires on, as Helm spells them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<String>,
    /// Its last run.
    #[serde(default)]
    pub last_run: HookExecution,
    /// Its weight.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub weight: i64,
    /// Its delete policies (Helm records `before-hook-creation` once the hook ran without one).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub delete_policies: Vec<String>,
    /// Its output log policies.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub output_log_policies: Vec<String>,
    /// Fields this version does not know, kept as they are.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[allow(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if signature"
)]
fn is_zero(n: &i64) -> bool {
    *n == 0
}

impl Hook {
    /// Whether the hook fires on `event`.
    pub fn fires_on(&self, event: HookEvent) -> bool {
        self.events.iter().any(|e| HookEvent::parse(e) == Some(event))
    }

    /// Whether the hook has delete policy `policy`.
    pub fn has_delete_policy(&self, policy: &str) -> bool {
        self.delete_policies.iter().any(|p| p == policy)
    }

    /// Gives a hook without a delete policy Helm's default, `before-hook-creation`.
    pub fn set_default_delete_policy(&mut self) {
        if self.delete_policies.is_empty() {
            self.delete_policies
                .push(policy::BEFORE_HOOK_CREATION.to_string());
        }
    }
}

/// The record entry of one hook document: `path` is its template, `content` the document,
/// `kind` its kind. The name, weight and policies come from the document's metadata.
pub fn hook_of(path: &str, content: &str, kind: &str, events: &[String]) -> Result<Hook, String> {
    let docs = crate::yaml::from_str_json(content).map_err(|e| format!("{path}: invalid YAML: {e}"))?;
    let doc = docs.into_iter().find(|d| !d.is_null()).unwrap_or(Value::Null);
    let meta = &doc["metadata"];
    let annotation = |key: &str| -> Option<String> {
        match &meta["annotations"][key] {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    };
    let list = |key: &str| -> Vec<String> {
        annotation(key)
            .map(|v| v.split(',').map(|p| p.trim().to_lowercase()).collect())
            .unwrap_or_default()
    };
    let mut out_events = Vec::new();
    for e in events {
        let ev = HookEvent::parse(e).ok_or_else(|| format!("{path}: unknown hook event {e:?}"))?;
        out_events.push(ev.as_str().to_string());
    }
    Ok(Hook {
        name: meta["name"].as_str().unwrap_or_default().to_string(),
        kind: kind.to_string(),
        path: path.to_string(),
        manifest: content.to_string(),
        events: out_events,
        last_run: HookExecution::default(),
        weight: weight_of(annotation(WEIGHT_ANNOTATION).as_deref()),
        delete_policies: list(DELETE_POLICY_ANNOTATION),
        output_log_policies: list(OUTPUT_LOG_POLICY_ANNOTATION),
        extra: Map::new(),
    })
}

/// The hooks of a rendered release, in the order [`super::render`] sorted them (Helm's
/// kind order).
pub fn hooks_of(rendered: &[super::render::Hook]) -> Result<Vec<Hook>, String> {
    rendered
        .iter()
        .map(|h| hook_of(&h.manifest.path, &h.manifest.content, &h.manifest.kind, &h.events))
        .collect()
}

/// A weight as Go's `strconv.Atoi` reads it; anything else is 0, as in Helm.
pub fn weight_of(annotation: Option<&str>) -> i64 {
    annotation.and_then(|w| w.parse::<i64>().ok()).unwrap_or(0)
}

/// The positions in `hooks` of those firing on `event`, in the order Helm runs them: by
/// weight, then by name, equal ones keeping their order.
pub fn run_order(hooks: &[Hook], event: HookEvent) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..hooks.len()).filter(|i| hooks[*i].fires_on(event)).collect();
    idx.sort_by(|a, b| {
        let (x, y) = (&hooks[*a], &hooks[*b]);
        x.weight.cmp(&y.weight).then_with(|| x.name.cmp(&y.name))
    });
    idx
}

/// Whether a hook named `name` runs under `helm test`'s name filters (`(name, exclude)`):
/// an excluded name never; when any name is included, only those.
pub fn test_selected(name: &str, filters: &[(&str, bool)]) -> bool {
    if filters.iter().any(|(n, exclude)| *exclude && *n == name) {
        return false;
    }
    let mut includes = filters.iter().filter(|(_, exclude)| !exclude).peekable();
    includes.peek().is_none() || includes.any(|(n, _)| *n == name)
}

/// The hooks as the record's `hooks` array.
pub fn to_values(hooks: &[Hook]) -> Vec<Value> {
    hooks
        .iter()
        .map(|h| serde_json::to_value(h).unwrap_or(Value::Null))
        .collect()
}

/// The record's `hooks` array read back; `what` names the record in errors.
pub fn from_values(values: &[Value], what: &str) -> Result<Vec<Hook>, String> {
    values
        .iter()
        .enumerate()
        .map(|(i, v)| serde_json::from_value(v.clone()).map_err(|e| format!("{what}: hooks[{i}]: {e}")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn hook(name: &str, weight: i64, events: &[&str]) -> Hook {
        Hook {
            name: name.into(),
            weight,
            events: events.iter().map(|e| (*e).to_string()).collect(),
            ..Hook::default()
        }
    }

    #[test]
    fn hooks_run_by_weight_then_name_keeping_the_kind_order() {
        let hooks = vec![
            hook("b", 5, &["pre-install"]),
            hook("z", -1, &["pre-install", "pre-upgrade"]),
            hook("a", 5, &["pre-install"]),
            hook("t", 0, &["test"]),
            hook("same", 1, &["pre-install"]),
            hook("same", 1, &["pre-install"]),
        ];
        assert_eq!(run_order(&hooks, HookEvent::PreInstall), [1, 4, 5, 2, 0]);
        assert_eq!(run_order(&hooks, HookEvent::PreUpgrade), [1]);
        assert_eq!(run_order(&hooks, HookEvent::Test), [3]);
        assert!(run_order(&hooks, HookEvent::PostDelete).is_empty());
    }

    #[test]
    fn weights_and_policies_are_read_as_helm_reads_them() {
        assert_eq!(weight_of(Some("-5")), -5);
        assert_eq!(weight_of(Some("+3")), 3);
        assert_eq!(weight_of(Some(" 3")), 0);
        assert_eq!(weight_of(Some("x")), 0);
        assert_eq!(weight_of(None), 0);
        let doc = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\n  annotations:\n    helm.sh/hook: pre-install,Pre-Upgrade\n    helm.sh/hook-weight: \"-2\"\n    helm.sh/hook-delete-policy: Hook-Succeeded, hook-failed\n";
        let events = vec!["pre-install".to_string(), "pre-upgrade".to_string()];
        let h = hook_of("c/templates/job.yaml", doc, "Job", &events).unwrap();
        assert_eq!(h.name, "migrate");
        assert_eq!(h.weight, -2);
        assert_eq!(h.delete_policies, ["hook-succeeded", "hook-failed"]);
        assert!(h.fires_on(HookEvent::PreUpgrade));
        assert!(!h.fires_on(HookEvent::PostUpgrade));
        let mut plain = hook_of(
            "c/templates/p.yaml",
            "kind: Pod\nmetadata:\n  name: p\n",
            "Pod",
            &["test-success".into()],
        )
        .unwrap();
        assert_eq!(plain.events, ["test"]);
        assert!(plain.delete_policies.is_empty());
        plain.set_default_delete_policy();
        assert_eq!(plain.delete_policies, [policy::BEFORE_HOOK_CREATION]);
        assert!(plain.has_delete_policy(policy::BEFORE_HOOK_CREATION));
        assert!(hook_of("p", "kind: Pod\n", "Pod", &["later".into()]).is_err());
    }

    #[test]
    fn the_record_entry_has_helms_json_shape() {
        let mut h = hook("migrate", 0, &["pre-install"]);
        h.kind = "Job".into();
        h.path = "c/templates/job.yaml".into();
        h.manifest = "kind: Job".into();
        assert_eq!(
            serde_json::to_value(&h).unwrap(),
            json!({"name": "migrate", "kind": "Job", "path": "c/templates/job.yaml",
                   "manifest": "kind: Job", "events": ["pre-install"], "last_run": {"phase": ""}})
        );
        h.weight = 3;
        h.delete_policies = vec!["hook-succeeded".into()];
        h.last_run = HookExecution {
            started_at: "2026-12-07T17:00:00.1Z".into(),
            completed_at: "2026-12-07T17:00:01.2Z".into(),
            phase: phase::SUCCEEDED.into(),
        };
        let v = to_values(std::slice::from_ref(&h));
        assert_eq!(v[0]["weight"], 3);
        assert_eq!(v[0]["delete_policies"], json!(["hook-succeeded"]));
        assert_eq!(
            v[0]["last_run"],
            json!({"started_at": "2026-12-07T17:00:00.1Z", "completed_at": "2026-12-07T17:00:01.2Z", "phase": "Succeeded"})
        );
        assert_eq!(from_values(&v, "r").unwrap(), [h]);
        // Helm writes empty times as empty strings in older records.
        let old = json!([{"name": "x", "last_run": {"started_at": "", "completed_at": "", "phase": ""}, "future": 1}]);
        let read = from_values(old.as_array().unwrap(), "r").unwrap();
        assert_eq!(read[0].last_run, HookExecution::default());
        assert_eq!(to_values(&read)[0]["future"], 1);
        assert!(
            from_values(&[json!({"weight": "x"})], "sh.helm.release.v1.r.v1")
                .unwrap_err()
                .contains("hooks[0]")
        );
    }

    #[test]
    fn a_hook_helm_recorded_reads_and_writes_back_unchanged() {
        // As Helm 4's SDK recorded a ConfigMap hook `pre-install,test-success` of weight 2.
        let helm = json!({"name": "r-h", "kind": "ConfigMap", "path": "c/templates/h.yaml",
            "manifest": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: r-h\n  annotations:\n    helm.sh/hook: pre-install,test-success\n    helm.sh/hook-weight: \"2\"\ndata:\n  a: b\n",
            "events": ["pre-install", "test"],
            "last_run": {"started_at": "2026-12-07T18:04:02.176241638Z", "completed_at": "2026-12-07T18:04:02.293494221Z", "phase": "Succeeded"},
            "weight": 2, "delete_policies": ["before-hook-creation"]});
        let read = from_values(std::slice::from_ref(&helm), "r").unwrap();
        assert_eq!(to_values(&read), std::slice::from_ref(&helm));
        // The same document made here records the same entry (before its run).
        let events = vec!["pre-install".to_string(), "test-success".to_string()];
        let mut ours = hook_of(
            "c/templates/h.yaml",
            helm["manifest"].as_str().unwrap(),
            "ConfigMap",
            &events,
        )
        .unwrap();
        ours.set_default_delete_policy();
        ours.last_run = read[0].last_run.clone();
        assert_eq!(ours, read[0]);
    }

    #[test]
    fn test_filters_exclude_then_include_by_name() {
        assert!(test_selected("a", &[]));
        assert!(!test_selected("a", &[("a", true)]));
        assert!(test_selected("b", &[("a", true)]));
        assert!(test_selected("a", &[("a", false)]));
        assert!(!test_selected("b", &[("a", false)]));
        assert!(!test_selected("a", &[("a", false), ("a", true)]));
    }
}
