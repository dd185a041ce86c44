//! Day-2 commands against the real API server: get, suspend/resume, export, delete, tree,
//! events, stats and trace. Objects live in each test's own namespace (fixed-width names, so
//! golden tables keep their alignment); statuses are written through the status subresource
//! as source-controller and kustomize-controller write them. Golden files are in
//! `tests/cluster/golden/`; `UPDATE_GOLDEN=1` rewrites them.

mod delete;
mod events;
mod export;
mod get;
mod stats_trace;
mod suspend;
mod tree;

use std::path::PathBuf;

use kube::Client;
use kube::api::{Api, ApiResource, DynamicObject, Patch, PatchParams, PostParams};
use serde_json::{Value, json};

use crate::harness::{TestNamespace, client};
use flux_rs::api::{GitRepository, Kustomization};

/// A fixed timestamp for conditions and artifacts.
pub const T0: &str = "2024-05-01T10:00:00Z";
/// A 40-hex commit.
pub const SHA: &str = "1b5b9f2f8f1a4b9c2d3e4f5a6b7c8d9e0f1a2b3c";
/// Another commit.
pub const SHA2: &str = "9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d";

/// A namespace `<prefix>-<8 hex>`; its placeholder in golden files is `<prefix>-XXXXXXXX`.
pub async fn namespace(prefix: &str) -> TestNamespace {
    use k8s_openapi::api::core::v1::Namespace;
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let salt = crate::harness::random_suffix();
    let mut h: u32 = 2_166_136_261;
    for b in format!("{nanos}{salt}{prefix}").bytes() {
        h = (h ^ u32::from(b)).wrapping_mul(16_777_619);
    }
    let name = format!("{prefix}-{h:08x}");
    let api: Api<Namespace> = Api::all(client().await);
    let ns: Namespace = serde_json::from_value(json!({"metadata": {"name": name}})).unwrap();
    api.create(&PostParams::default(), &ns)
        .await
        .expect("create namespace");
    TestNamespace { name }
}

/// `(real name, placeholder)` for a namespace made by [`namespace`].
pub fn ns_sub(ns: &TestNamespace) -> (String, String) {
    let (prefix, _) = ns.name.rsplit_once('-').unwrap();
    (ns.name.clone(), format!("{prefix}-XXXXXXXX"))
}

pub fn ks_resource() -> ApiResource {
    ApiResource::erase::<Kustomization>(&())
}

pub fn git_resource() -> ApiResource {
    ApiResource::erase::<GitRepository>(&())
}

pub fn api(client: &Client, ns: &str, r: &ApiResource) -> Api<DynamicObject> {
    Api::namespaced_with(client.clone(), ns, r)
}

/// Creates an object from JSON.
pub async fn create(client: &Client, ns: &str, r: &ApiResource, mut obj: Value) -> DynamicObject {
    obj["metadata"]["namespace"] = json!(ns);
    obj["apiVersion"] = json!(r.api_version);
    obj["kind"] = json!(r.kind);
    let o: DynamicObject = serde_json::from_value(obj).unwrap();
    api(client, ns, r)
        .create(&PostParams::default(), &o)
        .await
        .expect("create")
}

pub fn git_repo(name: &str, extra_spec: Value) -> Value {
    let mut spec = json!({"interval": "1m0s", "url": format!("https://git.example.com/org/{name}"),
        "ref": {"branch": "main"}, "timeout": "60s"});
    merge(&mut spec, extra_spec);
    json!({"metadata": {"name": name}, "spec": spec})
}

pub fn kustomization(name: &str, source: &str, extra_spec: Value) -> Value {
    let mut spec = json!({"interval": "10m0s", "path": format!("./{name}"), "prune": true,
        "sourceRef": {"kind": "GitRepository", "name": source}});
    merge(&mut spec, extra_spec);
    json!({"metadata": {"name": name}, "spec": spec})
}

fn merge(into: &mut Value, extra: Value) {
    if let (Some(a), Value::Object(b)) = (into.as_object_mut(), extra) {
        for (k, v) in b {
            a.insert(k, v);
        }
    }
}

/// Writes `status` through the status subresource (a merge patch, as the controllers do).
pub async fn write_status(
    client: &Client,
    ns: &str,
    r: &ApiResource,
    name: &str,
    status: Value,
    manager: &str,
) {
    let params = PatchParams {
        field_manager: Some(manager.to_string()),
        ..Default::default()
    };
    api(client, ns, r)
        .patch_status(name, &params, &Patch::Merge(json!({"status": status})))
        .await
        .expect("write status");
}

fn condition(type_: &str, status: &str, reason: &str, message: &str, generation: i64) -> Value {
    json!({"type": type_, "status": status, "reason": reason, "message": message,
        "observedGeneration": generation, "lastTransitionTime": T0})
}

/// A GitRepository that fetched `revision`, as source-controller reports it.
pub fn git_ready(ns: &str, name: &str, revision: &str, generation: i64) -> Value {
    let digest = "sha256:d2c5fc8bd9ebd9bbbd2e02afc8b95e5e30a43e5e4a1a4b3bce0a5ac4ad2c8e9f";
    let path = format!("gitrepository/{ns}/{name}/{}.tar.gz", &digest[7..]);
    let msg = format!("stored artifact for revision '{revision}'");
    json!({
        "observedGeneration": generation,
        "conditions": [
            condition("Ready", "True", "Succeeded", &msg, generation),
            condition("ArtifactInStorage", "True", "Succeeded", &msg, generation),
        ],
        "artifact": {"digest": digest, "lastUpdateTime": T0, "path": path, "revision": revision,
            "size": 20480, "url": format!("http://source-controller.flux-system.svc.cluster.local./{path}")},
    })
}

/// A GitRepository whose fetch failed.
pub fn git_failed(generation: i64, url: &str) -> Value {
    let msg = format!(
        "failed to checkout and determine revision: unable to clone '{url}': couldn't find remote ref \"refs/heads/nope\""
    );
    json!({
        "observedGeneration": generation,
        "conditions": [
            condition("Ready", "False", "GitOperationFailed", &msg, generation),
            condition("FetchFailed", "True", "GitOperationFailed", &msg, generation),
        ],
    })
}

/// A Kustomization that applied `revision` with this inventory (`(id, version)`).
pub fn ks_ready(revision: &str, generation: i64, inventory: &[(&str, &str)]) -> Value {
    json!({
        "observedGeneration": generation,
        "lastAppliedRevision": revision,
        "lastAttemptedRevision": revision,
        "conditions": [condition("Ready", "True", "ReconciliationSucceeded",
            &format!("Applied revision: {revision}"), generation)],
        "inventory": {"entries": inventory.iter().map(|(id, v)| json!({"id": id, "v": v})).collect::<Vec<_>>()},
    })
}

/// A Kustomization whose build failed (the last good revision stays applied).
pub fn ks_failed(applied: &str, attempted: &str, generation: i64) -> Value {
    json!({
        "observedGeneration": generation,
        "lastAppliedRevision": applied,
        "lastAttemptedRevision": attempted,
        "conditions": [condition("Ready", "False", "BuildFailed",
            "kustomize build failed: accumulating resources: accumulation err='accumulating resources from './missing': open /tmp/kustomization-1/missing: no such file or directory'",
            generation)],
    })
}

/// Replaces server-assigned values (uid, resourceVersion, creationTimestamp) with
/// placeholders, and the given real strings with theirs.
pub fn normalize(text: &str, subs: &[(String, String)]) -> String {
    let mut out = String::new();
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        let comma = if trimmed.trim_end().ends_with(',') {
            ","
        } else {
            ""
        };
        let replaced = [
            ("uid: ", "uid: <uid>"),
            ("\"uid\": ", "\"uid\": \"<uid>\""),
            ("creationTimestamp: ", "creationTimestamp: <time>"),
            ("\"creationTimestamp\": ", "\"creationTimestamp\": \"<time>\""),
        ]
        .iter()
        .find(|(k, _)| trimmed.starts_with(k))
        .map(|(_, v)| format!("{indent}{v}{comma}\n"))
        .or_else(|| {
            let rv =
                trimmed.starts_with("resourceVersion: \"") || trimmed.starts_with("\"resourceVersion\": \"");
            (rv && !trimmed.contains("\"\"")).then(|| {
                let key = if trimmed.starts_with('"') {
                    "\"resourceVersion\": \"<rv>\""
                } else {
                    "resourceVersion: <rv>"
                };
                format!("{indent}{key}{comma}\n")
            })
        });
        out.push_str(&replaced.unwrap_or_else(|| line.to_string()));
    }
    for (real, placeholder) in subs {
        out = out.replace(real.as_str(), placeholder);
    }
    out
}

/// Compares with `tests/cluster/golden/<name>` after [`normalize`]; `UPDATE_GOLDEN=1`
/// writes the file instead.
#[track_caller]
pub fn golden(name: &str, actual: &str, subs: &[(String, String)]) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cluster/golden")
        .join(name);
    let actual = normalize(actual, subs);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &actual).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "{} missing: run with UPDATE_GOLDEN=1 to create it",
            path.display()
        )
    });
    assert!(
        want == actual,
        "output differs from {} (UPDATE_GOLDEN=1 rewrites it)\n--- want\n{want}\n--- got\n{actual}",
        path.display()
    );
}

/// Runs the binary in a blocking task so the test can act on the cluster meanwhile.
pub async fn flux_async(args: Vec<String>) -> crate::harness::Run {
    tokio::task::spawn_blocking(move || {
        let a: Vec<&str> = args.iter().map(String::as_str).collect();
        crate::harness::flux(&a)
    })
    .await
    .unwrap()
}

/// `args` as owned strings.
pub fn args(a: &[&str]) -> Vec<String> {
    a.iter().map(|s| (*s).to_string()).collect()
}
