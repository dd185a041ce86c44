//! Health of live objects, a port of kstatus (the rules Flux's health checks use): `Current`
//! (reconciled and ready), `InProgress` (still rolling out, with why) or `Failed` (with why),
//! computed from the object alone.
//!
//! The rules, in order:
//! 1. An object being deleted is in progress.
//! 2. When `status.observedGeneration` is present and differs from `metadata.generation`,
//!    the controller has not seen the latest spec: in progress.
//! 3. Standard conditions decide for any kind: `Reconciling=True` → in progress,
//!    `Stalled=True` → failed.
//! 4. Built-in kinds have their own rules: Deployment, StatefulSet, DaemonSet, ReplicaSet,
//!    Job, CronJob, Pod, PersistentVolumeClaim, Service, PodDisruptionBudget,
//!    CustomResourceDefinition, Namespace (and Secret, ConfigMap: always current).
//! 5. Other kinds with a `Ready` condition (Flux's own kinds and most operators): `True` →
//!    current, `False` → failed, `Unknown` → in progress; a `Ready` condition recorded for an
//!    older generation is in progress.
//! 6. Anything else that exists is current.

use std::fmt;

use serde_json::Value;

/// The health of one object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Health {
    /// Fully reconciled and ready.
    Current,
    /// Still progressing, with why.
    InProgress(String),
    /// Failed, with why.
    Failed(String),
}

impl Health {
    /// Whether the object is ready.
    pub fn is_current(&self) -> bool {
        matches!(self, Health::Current)
    }

    /// Whether the object failed.
    pub fn is_failed(&self) -> bool {
        matches!(self, Health::Failed(_))
    }
}

impl fmt::Display for Health {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Health::Current => f.write_str("Current"),
            Health::InProgress(m) => write!(f, "InProgress: {m}"),
            Health::Failed(m) => write!(f, "Failed: {m}"),
        }
    }
}

fn progress(message: impl Into<String>) -> Health {
    Health::InProgress(message.into())
}

fn int(obj: &Value, path: &[&str], default: i64) -> i64 {
    let mut v = obj;
    for p in path {
        v = &v[*p];
    }
    v.as_i64().unwrap_or(default)
}

fn string<'a>(obj: &'a Value, path: &[&str]) -> Option<&'a str> {
    let mut v = obj;
    for p in path {
        v = &v[*p];
    }
    v.as_str()
}

fn conditions(obj: &Value) -> &[Value] {
    obj["status"]["conditions"].as_array().map_or(&[], Vec::as_slice)
}

fn condition<'a>(obj: &'a Value, type_: &str) -> Option<&'a Value> {
    conditions(obj).iter().find(|c| c["type"] == type_)
}

fn message_of(c: &Value, fallback: &str) -> String {
    match c["message"].as_str() {
        Some(m) if !m.is_empty() => m.to_string(),
        _ => match c["reason"].as_str() {
            Some(r) if !r.is_empty() => r.to_string(),
            _ => fallback.to_string(),
        },
    }
}

/// Computes the health of an object from its kind, metadata and status.
pub fn health(obj: &Value) -> Health {
    let kind = obj["kind"].as_str().unwrap_or_default();
    let group = obj["apiVersion"]
        .as_str()
        .and_then(|v| v.split_once('/'))
        .map_or("", |(g, _)| g);

    if obj["metadata"]["deletionTimestamp"]
        .as_str()
        .is_some_and(|s| !s.is_empty())
    {
        return progress("Resource scheduled for deletion");
    }
    if let Some(generation) = obj["metadata"]["generation"].as_i64()
        && let Some(observed) = obj["status"]["observedGeneration"].as_i64()
        && observed != generation
    {
        return progress(format!(
            "{kind} generation is {generation}, but latest observed generation is {observed}"
        ));
    }
    for c in conditions(obj) {
        if c["status"] != "True" {
            continue;
        }
        if c["type"] == "Reconciling" {
            return progress(message_of(c, "Reconciling"));
        }
        if c["type"] == "Stalled" {
            return Health::Failed(message_of(c, "Stalled"));
        }
    }

    match (group, kind) {
        ("apps" | "extensions", "Deployment") => deployment(obj),
        ("apps", "StatefulSet") => stateful_set(obj),
        ("apps" | "extensions", "DaemonSet") => daemon_set(obj),
        ("apps" | "extensions", "ReplicaSet") => replica_set(obj),
        ("batch", "Job") => job(obj),
        ("batch", "CronJob") | ("", "Secret" | "ConfigMap") => Health::Current,
        ("", "Pod") => pod(obj),
        ("", "PersistentVolumeClaim") => pvc(obj),
        ("", "Service") => service(obj),
        ("", "Namespace") => namespace(obj),
        ("policy", "PodDisruptionBudget") => Health::Current,
        ("apiextensions.k8s.io", "CustomResourceDefinition") => crd(obj),
        _ => ready_condition(obj),
    }
}

/// Deployments, ReplicaSets, StatefulSets and DaemonSets always record the generation their
/// controller observed; until they do, the object is in progress.
fn generation_observed(obj: &Value) -> Option<Health> {
    let kind = obj["kind"].as_str().unwrap_or_default();
    if !obj["metadata"]["generation"].is_i64() {
        return Some(progress(format!("{kind} metadata.generation not found")));
    }
    if !obj["status"]["observedGeneration"].is_i64() {
        return Some(progress(format!("{kind} status.observedGeneration not found")));
    }
    None
}

fn deployment(obj: &Value) -> Health {
    if let Some(h) = generation_observed(obj) {
        return h;
    }
    // Without a progress deadline the controller never sets Progressing.
    let mut progressing = !obj["spec"]["progressDeadlineSeconds"].is_i64()
        || int(obj, &["spec", "progressDeadlineSeconds"], 0) == i64::from(i32::MAX);
    let mut available = false;
    for c in conditions(obj) {
        match c["type"].as_str() {
            Some("Progressing") => {
                if c["reason"] == "ProgressDeadlineExceeded" {
                    return Health::Failed(format!(
                        "Progress deadline exceeded{}",
                        c["message"]
                            .as_str()
                            .filter(|m| !m.is_empty())
                            .map(|m| format!(": {m}"))
                            .unwrap_or_default()
                    ));
                }
                if c["status"] == "True" && c["reason"] == "NewReplicaSetAvailable" {
                    progressing = true;
                }
            }
            Some("Available") if c["status"] == "True" => available = true,
            _ => {}
        }
    }
    let spec = int(obj, &["spec", "replicas"], 1);
    let status = int(obj, &["status", "replicas"], 0);
    let updated = int(obj, &["status", "updatedReplicas"], 0);
    let ready = int(obj, &["status", "readyReplicas"], 0);
    let available_replicas = int(obj, &["status", "availableReplicas"], 0);
    if spec > status {
        return progress(format!("Replicas: {status}/{spec}"));
    }
    if spec > updated {
        return progress(format!("Updated: {updated}/{spec}"));
    }
    if status > spec {
        return progress(format!("Pending termination: {}", status - spec));
    }
    if updated > available_replicas {
        return progress(format!("Available: {available_replicas}/{updated}"));
    }
    if spec > ready {
        return progress(format!("Ready: {ready}/{spec}"));
    }
    if !progressing {
        return progress("ReplicaSet not Available");
    }
    if !available {
        return progress("Deployment not Available");
    }
    Health::Current
}

fn stateful_set(obj: &Value) -> Health {
    if let Some(h) = generation_observed(obj) {
        return h;
    }
    if string(obj, &["spec", "updateStrategy", "type"]) == Some("OnDelete") {
        return Health::Current;
    }
    let spec = int(obj, &["spec", "replicas"], 1);
    let ready = int(obj, &["status", "readyReplicas"], 0);
    let current = int(obj, &["status", "currentReplicas"], 0);
    let updated = int(obj, &["status", "updatedReplicas"], 0);
    let status = int(obj, &["status", "replicas"], 0);
    let partition = int(obj, &["spec", "updateStrategy", "rollingUpdate", "partition"], -1);
    if spec > status {
        return progress(format!("Replicas: {status}/{spec}"));
    }
    if spec > ready {
        return progress(format!("Ready: {ready}/{spec}"));
    }
    if status > spec {
        return progress(format!("Pending termination: {}", status - spec));
    }
    if partition != -1 {
        if updated < spec - partition {
            return progress(format!("updated: {updated}/{}", spec - partition));
        }
        return Health::Current;
    }
    if spec > current {
        return progress(format!("current: {current}/{spec}"));
    }
    if string(obj, &["status", "currentRevision"]) != string(obj, &["status", "updateRevision"]) {
        return progress("Waiting for updated revision to match current");
    }
    Health::Current
}

fn daemon_set(obj: &Value) -> Health {
    if let Some(h) = generation_observed(obj) {
        return h;
    }
    let desired = int(obj, &["status", "desiredNumberScheduled"], -1);
    if desired == -1 {
        return progress("Missing .status.desiredNumberScheduled");
    }
    let current = int(obj, &["status", "currentNumberScheduled"], 0);
    let updated = int(obj, &["status", "updatedNumberScheduled"], 0);
    let available = int(obj, &["status", "numberAvailable"], 0);
    let ready = int(obj, &["status", "numberReady"], 0);
    if desired > current {
        return progress(format!("Current: {current}/{desired}"));
    }
    if desired > updated {
        return progress(format!("Updated: {updated}/{desired}"));
    }
    if desired > available {
        return progress(format!("Available: {available}/{desired}"));
    }
    if desired > ready {
        return progress(format!("Ready: {ready}/{desired}"));
    }
    Health::Current
}

fn replica_set(obj: &Value) -> Health {
    if let Some(h) = generation_observed(obj) {
        return h;
    }
    if condition(obj, "ReplicaFailure").is_some_and(|c| c["status"] == "True") {
        return progress("Replica Failure condition. Check Pods");
    }
    let spec = int(obj, &["spec", "replicas"], 1);
    let status = int(obj, &["status", "replicas"], 0);
    let ready = int(obj, &["status", "readyReplicas"], 0);
    let available = int(obj, &["status", "availableReplicas"], 0);
    let labelled = int(obj, &["status", "fullyLabeledReplicas"], 0);
    if spec > labelled {
        return progress(format!("Labelled: {labelled}/{spec}"));
    }
    if spec > available {
        return progress(format!("Available: {available}/{spec}"));
    }
    if spec > ready {
        return progress(format!("Ready: {ready}/{spec}"));
    }
    if status > spec {
        return progress(format!("Pending termination: {}", status - spec));
    }
    Health::Current
}

fn job(obj: &Value) -> Health {
    let parallelism = int(obj, &["spec", "parallelism"], 1);
    let completions = int(obj, &["spec", "completions"], parallelism);
    let failed = int(obj, &["status", "failed"], 0);
    for c in conditions(obj) {
        if c["status"] != "True" {
            continue;
        }
        match c["type"].as_str() {
            Some("Complete" | "Suspended") => return Health::Current,
            Some("Failed") => {
                return Health::Failed(format!("Job Failed. failed: {failed}/{completions}"));
            }
            _ => {}
        }
    }
    // A started Job is current while it runs: it has been reconciled.
    if string(obj, &["status", "startTime"]).is_none_or(str::is_empty) {
        return progress("Job not started");
    }
    Health::Current
}

fn pod(obj: &Value) -> Health {
    match string(obj, &["status", "phase"]).unwrap_or_default() {
        "Succeeded" | "Failed" => Health::Current,
        "Running" => {
            if condition(obj, "Ready").is_some_and(|c| c["status"] == "True") {
                return Health::Current;
            }
            let crashing: Vec<&str> = obj["status"]["containerStatuses"]
                .as_array()
                .map_or(&[][..], Vec::as_slice)
                .iter()
                .filter(|cs| cs["state"]["waiting"]["reason"] == "CrashLoopBackOff")
                .filter_map(|cs| cs["name"].as_str())
                .collect();
            if crashing.is_empty() {
                progress("Pod is running but is not Ready")
            } else {
                Health::Failed(format!("Containers in CrashLoop state: {}", crashing.join(",")))
            }
        }
        "Pending" => match condition(obj, "PodScheduled") {
            Some(c) if c["status"] == "False" && c["reason"] == "Unschedulable" => {
                // Give the scheduler 15 seconds before calling it a failure.
                let young = string(obj, &["metadata", "creationTimestamp"])
                    .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
                    .is_none_or(|t| chrono::Utc::now().signed_duration_since(t).num_seconds() < 15);
                if young {
                    progress("Pod has not been scheduled")
                } else {
                    Health::Failed(format!(
                        "Pod could not be scheduled: {}",
                        message_of(c, "Unschedulable")
                    ))
                }
            }
            _ => progress("Pod is in the Pending phase"),
        },
        "" => progress("Pod phase not available"),
        other => progress(format!("Pod is in the {other} phase")),
    }
}

fn pvc(obj: &Value) -> Health {
    match string(obj, &["status", "phase"]) {
        Some("Bound") => Health::Current,
        phase => progress(format!("PVC is not Bound. phase: {}", phase.unwrap_or("unknown"))),
    }
}

fn service(obj: &Value) -> Health {
    if string(obj, &["spec", "type"]) == Some("LoadBalancer")
        && string(obj, &["spec", "clusterIP"]).is_none_or(str::is_empty)
    {
        return progress("ClusterIP not set. Service type: LoadBalancer");
    }
    Health::Current
}

fn namespace(obj: &Value) -> Health {
    match string(obj, &["status", "phase"]) {
        Some("Active") | None => Health::Current,
        Some(p) => progress(format!("Namespace is {p}")),
    }
}

fn crd(obj: &Value) -> Health {
    for c in conditions(obj) {
        if c["type"] == "NamesAccepted" && c["status"] == "False" {
            return Health::Failed(message_of(c, "CRD names have not been accepted"));
        }
        if c["type"] == "Established" {
            if c["status"] == "False" && c["reason"] != "Installing" {
                return Health::Failed(message_of(c, "CRD is not established"));
            }
            if c["status"] == "True" {
                return Health::Current;
            }
        }
    }
    progress("Install in progress")
}

/// Kinds following the `Ready` condition convention (Flux's kinds, most operators).
fn ready_condition(obj: &Value) -> Health {
    let Some(c) = condition(obj, "Ready") else {
        return Health::Current;
    };
    if let (Some(generation), Some(observed)) = (
        obj["metadata"]["generation"].as_i64(),
        c["observedGeneration"].as_i64(),
    ) && observed != generation
    {
        return progress(format!(
            "Ready condition is for generation {observed}, but the latest generation is {generation}"
        ));
    }
    match c["status"].as_str() {
        Some("True") => Health::Current,
        Some("False") => Health::Failed(message_of(c, "not ready")),
        _ => progress(message_of(c, "not ready")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[allow(clippy::needless_pass_by_value)]
    fn obj(api_version: &str, kind: &str, spec: Value, status: Value) -> Value {
        json!({"apiVersion": api_version, "kind": kind,
            "metadata": {"name": "x", "namespace": "n", "generation": 1},
            "spec": spec, "status": status})
    }

    fn check(cases: &[(Value, Health)]) {
        for (i, (o, want)) in cases.iter().enumerate() {
            assert_eq!(&health(o), want, "case {i}: {o}");
        }
    }

    fn ip(m: &str) -> Health {
        Health::InProgress(m.into())
    }

    #[test]
    fn generic_rules() {
        let mut deleting = obj("v1", "ConfigMap", json!({}), json!({}));
        deleting["metadata"]["deletionTimestamp"] = json!("2024-01-01T00:00:00Z");
        check(&[
            (deleting, ip("Resource scheduled for deletion")),
            (
                obj(
                    "example.com/v1",
                    "Widget",
                    json!({}),
                    json!({"observedGeneration": 0}),
                ),
                ip("Widget generation is 1, but latest observed generation is 0"),
            ),
            (
                obj(
                    "example.com/v1",
                    "Widget",
                    json!({}),
                    json!({"conditions": [
                    {"type": "Ready", "status": "True"},
                    {"type": "Reconciling", "status": "True", "message": "working"}]}),
                ),
                ip("working"),
            ),
            (
                obj(
                    "example.com/v1",
                    "Widget",
                    json!({}),
                    json!({"conditions": [
                    {"type": "Stalled", "status": "True", "reason": "Broken", "message": ""}]}),
                ),
                Health::Failed("Broken".into()),
            ),
            (
                obj("example.com/v1", "Widget", json!({}), json!({})),
                Health::Current,
            ),
            (obj("v1", "ConfigMap", json!({}), json!({})), Health::Current),
            (obj("v1", "Secret", json!({}), json!({})), Health::Current),
        ]);
    }

    #[test]
    fn flux_kinds_follow_ready() {
        let ks = |status: Value| {
            obj(
                "kustomize.toolkit.fluxcd.io/v1",
                "Kustomization",
                json!({}),
                status,
            )
        };
        check(&[
            (
                ks(
                    json!({"observedGeneration": 1, "conditions": [{"type": "Ready", "status": "True", "reason": "ReconciliationSucceeded"}]}),
                ),
                Health::Current,
            ),
            (
                ks(
                    json!({"observedGeneration": 1, "conditions": [{"type": "Ready", "status": "False", "reason": "BuildFailed", "message": "kustomize build failed"}]}),
                ),
                Health::Failed("kustomize build failed".into()),
            ),
            (
                ks(
                    json!({"observedGeneration": 1, "conditions": [{"type": "Ready", "status": "Unknown", "reason": "Progressing", "message": "Reconciliation in progress"}]}),
                ),
                ip("Reconciliation in progress"),
            ),
            (
                ks(json!({"conditions": [{"type": "Ready", "status": "True", "observedGeneration": 0}]})),
                ip("Ready condition is for generation 0, but the latest generation is 1"),
            ),
            (
                ks(json!({"observedGeneration": 1, "conditions": [
                    {"type": "Ready", "status": "False", "reason": "Progressing"},
                    {"type": "Reconciling", "status": "True", "reason": "ProgressingWithRetry", "message": "retrying"}]})),
                ip("retrying"),
            ),
        ]);
    }

    #[test]
    fn deployments() {
        let d = |spec: Value, status: Value| obj("apps/v1", "Deployment", spec, status);
        let ok = json!({"observedGeneration": 1, "replicas": 2, "updatedReplicas": 2, "readyReplicas": 2, "availableReplicas": 2,
            "conditions": [{"type": "Progressing", "status": "True", "reason": "NewReplicaSetAvailable"},
                           {"type": "Available", "status": "True"}]});
        let with = |patch: Value| {
            let mut s = ok.clone();
            for (k, v) in patch.as_object().unwrap() {
                s[k] = v.clone();
            }
            s
        };
        let spec = json!({"replicas": 2, "progressDeadlineSeconds": 600});
        check(&[
            (d(spec.clone(), ok.clone()), Health::Current),
            (
                d(spec.clone(), json!({})),
                ip("Deployment status.observedGeneration not found"),
            ),
            (d(spec.clone(), with(json!({"replicas": 1}))), ip("Replicas: 1/2")),
            (
                d(spec.clone(), with(json!({"updatedReplicas": 1}))),
                ip("Updated: 1/2"),
            ),
            (
                d(spec.clone(), with(json!({"replicas": 3}))),
                ip("Pending termination: 1"),
            ),
            (
                d(spec.clone(), with(json!({"availableReplicas": 1}))),
                ip("Available: 1/2"),
            ),
            (
                d(spec.clone(), with(json!({"readyReplicas": 1}))),
                ip("Ready: 1/2"),
            ),
            (
                d(
                    spec.clone(),
                    with(json!({"conditions": [{"type": "Available", "status": "True"}]})),
                ),
                ip("ReplicaSet not Available"),
            ),
            (
                d(
                    json!({"replicas": 2}),
                    with(json!({"conditions": [{"type": "Available", "status": "True"}]})),
                ),
                Health::Current,
            ),
            (
                d(
                    spec.clone(),
                    with(
                        json!({"conditions": [{"type": "Progressing", "status": "True", "reason": "NewReplicaSetAvailable"}]}),
                    ),
                ),
                ip("Deployment not Available"),
            ),
            (
                d(
                    spec.clone(),
                    with(
                        json!({"conditions": [{"type": "Progressing", "status": "False", "reason": "ProgressDeadlineExceeded", "message": "ReplicaSet \"x\" has timed out progressing."}]}),
                    ),
                ),
                Health::Failed(
                    "Progress deadline exceeded: ReplicaSet \"x\" has timed out progressing.".into(),
                ),
            ),
            (d(json!({}), with(json!({"replicas": 0}))), ip("Replicas: 0/1")),
        ]);
    }

    #[test]
    fn stateful_sets_daemon_sets_replica_sets() {
        let sts = |spec: Value, status: Value| obj("apps/v1", "StatefulSet", spec, status);
        let ok = json!({"observedGeneration": 1, "replicas": 3, "readyReplicas": 3, "currentReplicas": 3, "updatedReplicas": 3,
            "currentRevision": "r1", "updateRevision": "r1"});
        let mut rolling = ok.clone();
        rolling["updateRevision"] = json!("r2");
        let mut partial = ok.clone();
        partial["updatedReplicas"] = json!(1);
        let mut not_ready = ok.clone();
        not_ready["readyReplicas"] = json!(2);
        check(&[
            (sts(json!({"replicas": 3}), ok.clone()), Health::Current),
            (
                sts(json!({"replicas": 3}), rolling),
                ip("Waiting for updated revision to match current"),
            ),
            (sts(json!({"replicas": 3}), not_ready.clone()), ip("Ready: 2/3")),
            (
                sts(
                    json!({"replicas": 3, "updateStrategy": {"type": "OnDelete"}}),
                    not_ready,
                ),
                Health::Current,
            ),
            (
                sts(
                    json!({"replicas": 3, "updateStrategy": {"type": "RollingUpdate", "rollingUpdate": {"partition": 1}}}),
                    partial.clone(),
                ),
                ip("updated: 1/2"),
            ),
            (
                sts(
                    json!({"replicas": 3, "updateStrategy": {"type": "RollingUpdate", "rollingUpdate": {"partition": 2}}}),
                    partial,
                ),
                Health::Current,
            ),
        ]);
        let ds = |status: Value| obj("apps/v1", "DaemonSet", json!({}), status);
        check(&[
            (
                ds(json!({"observedGeneration": 1})),
                ip("Missing .status.desiredNumberScheduled"),
            ),
            (
                ds(
                    json!({"observedGeneration": 1, "desiredNumberScheduled": 2, "currentNumberScheduled": 2, "updatedNumberScheduled": 2, "numberAvailable": 2, "numberReady": 2}),
                ),
                Health::Current,
            ),
            (
                ds(
                    json!({"observedGeneration": 1, "desiredNumberScheduled": 2, "currentNumberScheduled": 2, "updatedNumberScheduled": 1}),
                ),
                ip("Updated: 1/2"),
            ),
            (
                ds(
                    json!({"observedGeneration": 1, "desiredNumberScheduled": 2, "currentNumberScheduled": 2, "updatedNumberScheduled": 2, "numberAvailable": 2, "numberReady": 1}),
                ),
                ip("Ready: 1/2"),
            ),
        ]);
        let rs = |status: Value| obj("apps/v1", "ReplicaSet", json!({"replicas": 2}), status);
        check(&[
            (
                rs(
                    json!({"observedGeneration": 1, "replicas": 2, "readyReplicas": 2, "availableReplicas": 2, "fullyLabeledReplicas": 2}),
                ),
                Health::Current,
            ),
            (
                rs(
                    json!({"observedGeneration": 1, "replicas": 2, "readyReplicas": 2, "availableReplicas": 1, "fullyLabeledReplicas": 2}),
                ),
                ip("Available: 1/2"),
            ),
            (
                rs(
                    json!({"observedGeneration": 1, "conditions": [{"type": "ReplicaFailure", "status": "True"}]}),
                ),
                ip("Replica Failure condition. Check Pods"),
            ),
        ]);
    }

    #[test]
    fn jobs_cronjobs_pods_pvcs() {
        let job = |spec: Value, status: Value| obj("batch/v1", "Job", spec, status);
        check(&[
            (job(json!({}), json!({})), ip("Job not started")),
            (
                job(
                    json!({}),
                    json!({"startTime": "2024-01-01T00:00:00Z", "active": 1}),
                ),
                Health::Current,
            ),
            (
                job(
                    json!({}),
                    json!({"conditions": [{"type": "Complete", "status": "True"}]}),
                ),
                Health::Current,
            ),
            (
                job(
                    json!({"completions": 3}),
                    json!({"failed": 2, "conditions": [{"type": "Failed", "status": "True"}]}),
                ),
                Health::Failed("Job Failed. failed: 2/3".into()),
            ),
            (
                obj("batch/v1beta1", "CronJob", json!({}), json!({})),
                Health::Current,
            ),
        ]);
        let pod = |status: Value| {
            let mut p = obj("v1", "Pod", json!({}), status);
            p["metadata"]["creationTimestamp"] = json!("2020-01-01T00:00:00Z");
            p
        };
        check(&[
            (pod(json!({})), ip("Pod phase not available")),
            (pod(json!({"phase": "Succeeded"})), Health::Current),
            (
                pod(json!({"phase": "Running", "conditions": [{"type": "Ready", "status": "True"}]})),
                Health::Current,
            ),
            (
                pod(json!({"phase": "Running"})),
                ip("Pod is running but is not Ready"),
            ),
            (
                pod(
                    json!({"phase": "Running", "containerStatuses": [{"name": "app", "state": {"waiting": {"reason": "CrashLoopBackOff"}}}]}),
                ),
                Health::Failed("Containers in CrashLoop state: app".into()),
            ),
            (
                pod(json!({"phase": "Pending"})),
                ip("Pod is in the Pending phase"),
            ),
            (
                pod(
                    json!({"phase": "Pending", "conditions": [{"type": "PodScheduled", "status": "False", "reason": "Unschedulable", "message": "0/3 nodes are available"}]}),
                ),
                Health::Failed("Pod could not be scheduled: 0/3 nodes are available".into()),
            ),
        ]);
        check(&[
            (
                obj(
                    "v1",
                    "PersistentVolumeClaim",
                    json!({}),
                    json!({"phase": "Bound"}),
                ),
                Health::Current,
            ),
            (
                obj(
                    "v1",
                    "PersistentVolumeClaim",
                    json!({}),
                    json!({"phase": "Pending"}),
                ),
                ip("PVC is not Bound. phase: Pending"),
            ),
            (
                obj("v1", "PersistentVolumeClaim", json!({}), json!({})),
                ip("PVC is not Bound. phase: unknown"),
            ),
        ]);
    }

    #[test]
    fn services_namespaces_crds_pdbs() {
        check(&[
            (
                obj("v1", "Service", json!({"type": "ClusterIP"}), json!({})),
                Health::Current,
            ),
            (
                obj("v1", "Service", json!({"type": "LoadBalancer"}), json!({})),
                ip("ClusterIP not set. Service type: LoadBalancer"),
            ),
            (
                obj(
                    "v1",
                    "Service",
                    json!({"type": "LoadBalancer", "clusterIP": "10.0.0.1"}),
                    json!({}),
                ),
                Health::Current,
            ),
            (
                obj("v1", "Namespace", json!({}), json!({"phase": "Active"})),
                Health::Current,
            ),
            (
                obj("v1", "Namespace", json!({}), json!({"phase": "Terminating"})),
                ip("Namespace is Terminating"),
            ),
            (
                obj("policy/v1beta1", "PodDisruptionBudget", json!({}), json!({})),
                Health::Current,
            ),
        ]);
        let crd = |conditions: Value| {
            obj(
                "apiextensions.k8s.io/v1",
                "CustomResourceDefinition",
                json!({}),
                json!({"conditions": conditions}),
            )
        };
        check(&[
            (
                crd(json!([{"type": "Established", "status": "True"}])),
                Health::Current,
            ),
            (crd(json!([])), ip("Install in progress")),
            (
                crd(json!([{"type": "Established", "status": "False", "reason": "Installing"}])),
                ip("Install in progress"),
            ),
            (
                crd(
                    json!([{"type": "NamesAccepted", "status": "False", "reason": "MultipleNamesNotAllowed", "message": "\"w\" is already in use"}]),
                ),
                Health::Failed("\"w\" is already in use".into()),
            ),
        ]);
        assert_eq!(Health::Failed("x".into()).to_string(), "Failed: x");
        assert_eq!(ip("y").to_string(), "InProgress: y");
    }
}
