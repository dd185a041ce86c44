//! Health of live objects, after kstatus: `Current` (reconciled and ready), `InProgress`
//! (still rolling out) or `Failed`, computed from the object's status alone.

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
}

fn int(v: &Value) -> i64 {
    v.as_i64().unwrap_or(0)
}

fn condition<'a>(obj: &'a Value, type_: &str) -> Option<&'a Value> {
    obj["status"]["conditions"]
        .as_array()?
        .iter()
        .find(|c| c["type"] == type_)
}

/// Computes the health of an object from its kind and status.
pub fn health(obj: &Value) -> Health {
    let generation = int(&obj["metadata"]["generation"]);
    let observed = &obj["status"]["observedGeneration"];
    if generation > 0 && observed.is_i64() && int(observed) < generation {
        return Health::InProgress(format!(
            "observed generation {} is behind generation {generation}",
            int(observed)
        ));
    }
    match obj["kind"].as_str().unwrap_or_default() {
        "Deployment" => deployment(obj),
        "CustomResourceDefinition" => match condition(obj, "Established") {
            Some(c) if c["status"] == "True" => Health::Current,
            _ => Health::InProgress("CRD is not established yet".into()),
        },
        "Namespace" => match obj["status"]["phase"].as_str() {
            Some("Active") | None => Health::Current,
            Some(p) => Health::InProgress(format!("namespace is {p}")),
        },
        _ => generic(obj),
    }
}

fn deployment(obj: &Value) -> Health {
    let status = &obj["status"];
    if status.is_null() || !status["observedGeneration"].is_i64() {
        return Health::InProgress("deployment has not been observed by its controller yet".into());
    }
    if let Some(c) = condition(obj, "Progressing")
        && c["reason"] == "ProgressDeadlineExceeded"
    {
        return Health::Failed(format!(
            "progress deadline exceeded: {}",
            c["message"].as_str().unwrap_or_default()
        ));
    }
    let replicas = obj["spec"]["replicas"].as_i64().unwrap_or(1);
    let updated = int(&status["updatedReplicas"]);
    let ready = int(&status["readyReplicas"]);
    let available = int(&status["availableReplicas"]);
    let total = int(&status["replicas"]);
    if updated < replicas {
        return Health::InProgress(format!("{updated} of {replicas} replicas updated"));
    }
    if total > updated {
        return Health::InProgress(format!("{} old replicas pending termination", total - updated));
    }
    if available < replicas || ready < replicas {
        return Health::InProgress(format!("{ready} of {replicas} replicas ready"));
    }
    match condition(obj, "Available") {
        Some(c) if c["status"] != "True" => Health::InProgress("deployment is not available".into()),
        _ => Health::Current,
    }
}

fn generic(obj: &Value) -> Health {
    if let Some(c) = condition(obj, "Stalled")
        && c["status"] == "True"
    {
        return Health::Failed(c["message"].as_str().unwrap_or("stalled").to_string());
    }
    if let Some(c) = condition(obj, "Reconciling")
        && c["status"] == "True"
    {
        return Health::InProgress(c["message"].as_str().unwrap_or("reconciling").to_string());
    }
    match condition(obj, "Ready") {
        Some(c) if c["status"] == "True" => Health::Current,
        Some(c) if c["status"] == "False" => {
            Health::Failed(c["message"].as_str().unwrap_or("not ready").to_string())
        }
        Some(c) => Health::InProgress(c["message"].as_str().unwrap_or("not ready").to_string()),
        None => Health::Current,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn deployments() {
        let mut d = json!({"kind": "Deployment", "metadata": {"generation": 2}, "spec": {"replicas": 2}});
        assert!(matches!(health(&d), Health::InProgress(_)));
        d["status"] = json!({"observedGeneration": 1, "replicas": 2, "updatedReplicas": 2, "readyReplicas": 2, "availableReplicas": 2});
        assert!(matches!(health(&d), Health::InProgress(m) if m.contains("observed generation")));
        d["status"]["observedGeneration"] = json!(2);
        assert_eq!(health(&d), Health::Current);
        d["status"]["readyReplicas"] = json!(1);
        assert_eq!(health(&d), Health::InProgress("1 of 2 replicas ready".into()));
        d["status"]["conditions"] = json!([{"type": "Progressing", "status": "False", "reason": "ProgressDeadlineExceeded", "message": "x"}]);
        assert!(matches!(health(&d), Health::Failed(_)));
    }

    #[test]
    fn conditions() {
        let ready = json!({"kind": "Kustomization", "metadata": {"generation": 1},
            "status": {"observedGeneration": 1, "conditions": [{"type": "Ready", "status": "True"}]}});
        assert_eq!(health(&ready), Health::Current);
        let failed = json!({"kind": "X", "status": {"conditions": [{"type": "Ready", "status": "False", "message": "boom"}]}});
        assert_eq!(health(&failed), Health::Failed("boom".into()));
        assert_eq!(health(&json!({"kind": "ConfigMap"})), Health::Current);
    }
}
