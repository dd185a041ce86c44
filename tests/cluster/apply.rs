//! The apply engine against the real API server: only-changed applies (no write, no dry-run
//! when nothing changed), drift by other managers, server defaults and normalisation,
//! validation before any write, staging of Namespaces and CRDs created by the same set,
//! immutable fields and force, per-object policies, prune, health waits, impersonation.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::{ConfigMap, Namespace, Service};
use k8s_openapi::apiextensions_apiserver::pkg::apis::apiextensions::v1::CustomResourceDefinition;
use kube::Client;
use kube::api::{Api, DeleteParams, Patch, PatchParams};
use serde_json::{Value, json};

use flux_rs::apply::{
    Action, ApplyOptions, ChangeSetEntry, Error, Inventory, Manager, Owner, Progress, WaitOptions,
};
use flux_rs::cluster::{self, ClientOptions, ObjectRef};

use crate::harness::{
    TestNamespace, client, client_for, global_kubeconfig, global_lock, kubeconfig, random_suffix,
};

const MANAGER: &str = "kustomize-controller";

/// A Kustomization's owner as the engine makes it (labels, kustomize-controller's policies).
fn owner(name: &str) -> Owner {
    flux_rs::engine::owner("flux-system", name, MANAGER)
}

fn parse(yaml: &str) -> Vec<Value> {
    flux_rs::yaml::from_str_json(yaml).unwrap()
}

/// Manifests from YAML, with `NS` replaced by the namespace.
fn docs(yaml: &str, ns: &str) -> Vec<Value> {
    flux_rs::yaml::from_str_json(&yaml.replace("NS", ns)).unwrap()
}

fn opts() -> ApplyOptions {
    ApplyOptions {
        wait_timeout: Duration::from_secs(30),
        poll_interval: Duration::from_millis(200),
        ..Default::default()
    }
}

fn actions(cs: &flux_rs::apply::ChangeSet) -> Vec<String> {
    cs.entries.iter().map(ToString::to_string).collect()
}

const APP: &str = r"
apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
  namespace: NS
data:
  key: value
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: NS
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 80
    protocol: TCP
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: NS
  labels:
    app: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: main
        image: nginx:1.25.0
        ports:
        - containerPort: 80
          protocol: TCP
        resources:
          limits:
            cpu: 1000m
            memory: 0.5Gi
        env:
        - name: MODE
          value: base
";

async fn versions(client: &Client, ns: &str) -> Vec<String> {
    let cm: Api<ConfigMap> = Api::namespaced(client.clone(), ns);
    let svc: Api<Service> = Api::namespaced(client.clone(), ns);
    let dep: Api<Deployment> = Api::namespaced(client.clone(), ns);
    vec![
        cm.get("web-config")
            .await
            .unwrap()
            .metadata
            .resource_version
            .unwrap(),
        svc.get("web").await.unwrap().metadata.resource_version.unwrap(),
        dep.get("web").await.unwrap().metadata.resource_version.unwrap(),
    ]
}

#[derive(Default)]
struct Recorder {
    started: Mutex<Vec<usize>>,
    applied: Mutex<Vec<String>>,
}

impl Progress for Recorder {
    fn started(&self, objects: usize) {
        self.started.lock().unwrap().push(objects);
    }
    fn applied(&self, entry: &ChangeSetEntry) {
        self.applied.lock().unwrap().push(entry.to_string());
    }
}

#[tokio::test]
async fn only_what_changed_is_written_and_drift_is_corrected() {
    let ns = TestNamespace::new("apply-drift").await;
    let client = client().await;
    let n = ns.name.as_str();
    let recorder = Arc::new(Recorder::default());
    let m = Manager::new(client.clone(), owner("app")).with_progress(recorder.clone());
    let cs = m.apply_all_staged(docs(APP, n), &opts()).await.unwrap();
    assert_eq!(
        actions(&cs),
        [
            format!("ConfigMap/{n}/web-config created"),
            format!("Service/{n}/web created"),
            format!("Deployment/{n}/web created"),
        ]
    );
    assert_eq!(*recorder.started.lock().unwrap(), [3]);
    assert_eq!(recorder.applied.lock().unwrap().len(), 3);
    let dep: Api<Deployment> = Api::namespaced(client.clone(), n);
    let live = serde_json::to_value(dep.get("web").await.unwrap()).unwrap();
    assert_eq!(
        live["metadata"]["labels"]["kustomize.toolkit.fluxcd.io/name"],
        "app"
    );
    // The server normalised the quantities and defaulted strategy, clusterIP, protocol…
    assert_eq!(
        live["spec"]["template"]["spec"]["containers"][0]["resources"]["limits"]["cpu"],
        "1"
    );
    assert_eq!(
        live["spec"]["template"]["spec"]["containers"][0]["resources"]["limits"]["memory"],
        "512Mi"
    );

    // A second apply writes nothing and needs no dry-run: defaults and normalised values
    // are recognised from the LIST and the managed fields alone.
    let before = versions(&client, n).await;
    let m = Manager::new(client.clone(), owner("app"));
    let cs = m.apply_all_staged(docs(APP, n), &opts()).await.unwrap();
    assert_eq!(cs.count(Action::Unchanged), 3, "{:?}", actions(&cs));
    assert_eq!(versions(&client, n).await, before, "a no-op apply must not write");
    let req = m.requests();
    assert_eq!((req.dry_runs, req.writes), (0, 0), "{req:?}");
    assert_eq!(req.lists + req.gets, 3, "one read per kind: {req:?}");

    // Drift: kubectl edit changes replicas; another tool rewrites a ConfigMap value; a third
    // adds an annotation we do not manage.
    dep.patch(
        "web",
        &PatchParams {
            field_manager: Some("kubectl-edit".into()),
            ..Default::default()
        },
        &Patch::Merge(json!({"spec": {"replicas": 5}})),
    )
    .await
    .unwrap();
    let cm: Api<ConfigMap> = Api::namespaced(client.clone(), n);
    cm.patch(
        "web-config",
        &PatchParams {
            field_manager: Some("other-tool".into()),
            ..Default::default()
        },
        &Patch::Merge(json!({"data": {"key": "changed"}})),
    )
    .await
    .unwrap();
    let svc: Api<Service> = Api::namespaced(client.clone(), n);
    svc.patch(
        "web",
        &PatchParams::apply("annotator"),
        &Patch::Apply(
            json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web",
            "annotations": {"example.com/note": "hi"}}}),
        ),
    )
    .await
    .unwrap();
    let svc_version = svc.get("web").await.unwrap().metadata.resource_version;

    let m = Manager::new(client.clone(), owner("app"));
    let cs = m.apply_all_staged(docs(APP, n), &opts()).await.unwrap();
    assert_eq!(
        actions(&cs),
        [
            format!("ConfigMap/{n}/web-config configured"),
            format!("Service/{n}/web unchanged"),
            format!("Deployment/{n}/web configured"),
        ]
    );
    let live = dep.get("web").await.unwrap();
    assert_eq!(live.spec.unwrap().replicas, Some(2), "drift corrected");
    assert!(
        !live
            .metadata
            .managed_fields
            .unwrap()
            .iter()
            .any(|e| e.manager.as_deref() == Some("kubectl-edit")),
        "kubectl's managed fields are removed"
    );
    assert_eq!(cm.get("web-config").await.unwrap().data.unwrap()["key"], "value");
    assert_eq!(
        svc.get("web").await.unwrap().metadata.resource_version,
        svc_version
    );

    // Everything is ours again: the next apply is free.
    let m = Manager::new(client.clone(), owner("app"));
    let cs = m.apply_all_staged(docs(APP, n), &opts()).await.unwrap();
    assert_eq!(cs.count(Action::Unchanged), 3, "{:?}", actions(&cs));
    assert_eq!(m.requests().dry_runs, 0, "{:?}", m.requests());

    // A changed and a removed field: only that object is written.
    let mut changed = docs(APP, n);
    changed[0]["data"] = json!({"other": "x"});
    let m = Manager::new(client.clone(), owner("app"));
    let cs = m.apply_all_staged(changed, &opts()).await.unwrap();
    assert_eq!(
        cs.action_of(&ObjectRef::from_value(&docs(APP, n)[0]).unwrap()),
        Some(Action::Configured)
    );
    assert_eq!(cs.count(Action::Unchanged), 2);
    assert_eq!(m.requests().writes, 1);
    let data = cm.get("web-config").await.unwrap().data.unwrap();
    assert_eq!(
        data.get("key"),
        None,
        "a field dropped from the manifest is removed"
    );
    assert_eq!(data["other"], "x");
}

#[tokio::test]
async fn an_invalid_object_means_nothing_is_applied() {
    let ns = TestNamespace::new("apply-invalid").await;
    let client = client().await;
    let n = ns.name.as_str();
    let yaml = r"
apiVersion: v1
kind: ConfigMap
metadata: {name: a, namespace: NS}
data: {k: v}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: b, namespace: NS}
data: {k: v}
---
apiVersion: v1
kind: Service
metadata: {name: no-protocol, namespace: NS}
spec:
  ports:
  - port: 80
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: bad, namespace: NS}
spec:
  replicas: two
  selector: {matchLabels: {app: bad}}
  template:
    metadata: {labels: {app: bad}}
    spec: {containers: [{name: c, image: x}]}
---
apiVersion: example.com/v1
kind: Nonexistent
metadata: {name: x, namespace: NS}
";
    let m = Manager::new(client.clone(), owner("invalid"));
    let err = m.apply_all_staged(docs(yaml, n), &opts()).await.unwrap_err();
    // Unknown kinds are found first, before any request about the objects.
    assert!(matches!(err, Error::Invalid(_)), "{err}");
    let msg = err.to_string();
    assert!(msg.starts_with("validation failed, nothing was applied"), "{msg}");
    assert!(
        msg.contains(&format!("Nonexistent/{n}/x: no matches for kind")),
        "{msg}"
    );

    let mut objects = docs(yaml, n);
    objects.pop();
    let err = m.apply_all_staged(objects, &opts()).await.unwrap_err();
    let msg = err.to_string();
    assert!(msg.starts_with("validation failed, nothing was applied"), "{msg}");
    let bad: Vec<String> = err.objects().iter().map(|(o, _)| o.to_string()).collect();
    assert_eq!(
        bad,
        [format!("Service/{n}/no-protocol"), format!("Deployment/{n}/bad")],
        "{msg}"
    );
    let (_, port_msg) = &err.objects()[0];
    assert!(
        port_msg.contains(".spec.ports") && port_msg.contains("protocol"),
        "{port_msg}"
    );
    assert!(err.objects()[1].1.contains(".spec.replicas"), "{msg}");
    let cms: Api<ConfigMap> = Api::namespaced(client, n);
    assert!(
        cms.get_opt("a").await.unwrap().is_none(),
        "nothing may be applied"
    );
    assert!(
        cms.get_opt("b").await.unwrap().is_none(),
        "nothing may be applied"
    );
}

fn crd_yaml(group: &str) -> String {
    format!(
        r"
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.{group}
spec:
  group: {group}
  scope: Namespaced
  names: {{kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              size: {{type: integer}}
"
    )
}

// A std mutex on purpose: each #[tokio::test] has its own runtime, so only a process-wide
// lock serializes them; holding it across awaits is the point.
#[allow(clippy::await_holding_lock)]
#[tokio::test]
async fn namespaces_and_crds_created_by_the_set_are_staged() {
    let _lock = global_lock();
    let client = client_for(&global_kubeconfig()).await;
    let suffix = random_suffix();
    let group = format!("stage{suffix}.example.com");
    let ns = format!("staged-{suffix}");
    let ns2 = format!("staged2-{suffix}");
    let set = format!(
        "{}---\napiVersion: v1\nkind: Namespace\nmetadata: {{name: {ns}}}\n---\n\
         apiVersion: {group}/v1\nkind: Widget\nmetadata: {{name: w, namespace: {ns}}}\nspec: {{size: 3}}\n---\n\
         apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: c, namespace: {ns}}}\ndata: {{k: v}}\n",
        crd_yaml(&group)
    );
    let m = Manager::new(client.clone(), owner("staged"));
    let cs = m.apply_all_staged(parse(&set), &opts()).await.unwrap();
    assert_eq!(
        actions(&cs),
        [
            format!("CustomResourceDefinition/widgets.{group} created"),
            format!("Namespace/{ns} created"),
            format!("ConfigMap/{ns}/c created"),
            format!("Widget/{ns}/w created"),
        ]
    );
    let m = Manager::new(client.clone(), owner("staged"));
    let cs = m.apply_all_staged(parse(&set), &opts()).await.unwrap();
    assert_eq!(cs.count(Action::Unchanged), 4, "{:?}", actions(&cs));
    assert_eq!(m.requests().dry_runs, 0);

    // An invalid custom resource in a namespace the set creates can only be validated once
    // the namespace exists: the namespace is applied, nothing after it.
    let set2 = format!(
        "apiVersion: v1\nkind: Namespace\nmetadata: {{name: {ns2}}}\n---\n\
         apiVersion: {group}/v1\nkind: Widget\nmetadata: {{name: w, namespace: {ns2}}}\nspec: {{size: big}}\n---\n\
         apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: c2, namespace: {ns}}}\ndata: {{k: v}}\n"
    );
    let m = Manager::new(client.clone(), owner("staged"));
    let err = m.apply_all_staged(parse(&set2), &opts()).await.unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.starts_with("validation failed for objects that need the earlier stages of the set: "),
        "{msg}"
    );
    assert!(
        msg.contains(&format!("Widget/{ns2}/w: ")) && msg.contains("spec.size"),
        "{msg}"
    );
    assert!(
        msg.ends_with(&format!("applied before the failure: Namespace/{ns2} created")),
        "{msg}"
    );
    assert_eq!(err.applied().unwrap().count(Action::Created), 1);
    let cms: Api<ConfigMap> = Api::namespaced(client.clone(), &ns);
    assert!(
        cms.get_opt("c2").await.unwrap().is_none(),
        "later stages are not written"
    );

    // A CRD that the set changes: its custom resources are planned after it is applied, so
    // a new field of the schema is not pruned by the old one.
    let set3 = format!(
        "{}              color: {{type: string}}\n---\n\
         apiVersion: {group}/v1\nkind: Widget\nmetadata: {{name: w, namespace: {ns}}}\nspec: {{size: 3, color: red}}\n",
        crd_yaml(&group)
    );
    let m = Manager::new(client.clone(), owner("staged"));
    let cs = m.apply_all_staged(parse(&set3), &opts()).await.unwrap();
    assert_eq!(
        actions(&cs),
        [
            format!("CustomResourceDefinition/widgets.{group} configured"),
            format!("Widget/{ns}/w configured"),
        ]
    );
    let widgets: Api<kube::api::DynamicObject> = Api::namespaced_with(
        client.clone(),
        &ns,
        &kube::api::ApiResource {
            group: group.clone(),
            version: "v1".into(),
            api_version: format!("{group}/v1"),
            kind: "Widget".into(),
            plural: "widgets".into(),
        },
    );
    assert_eq!(widgets.get("w").await.unwrap().data["spec"]["color"], "red");

    let crds: Api<CustomResourceDefinition> = Api::all(client.clone());
    let nss: Api<Namespace> = Api::all(client.clone());
    for n in [&ns, &ns2] {
        nss.delete(n, &DeleteParams::default()).await.unwrap();
    }
    crds.delete(&format!("widgets.{group}"), &DeleteParams::default())
        .await
        .unwrap();
}

const SELECTOR_V1: &str = r"
apiVersion: apps/v1
kind: Deployment
metadata: {name: imm, namespace: NS}
spec:
  selector: {matchLabels: {app: a}}
  template:
    metadata: {labels: {app: a}}
    spec: {containers: [{name: c, image: nginx}]}
";

#[tokio::test]
async fn immutable_fields_need_force() {
    let ns = TestNamespace::new("apply-immutable").await;
    let client = client().await;
    let n = ns.name.as_str();
    let m = Manager::new(client.clone(), owner("imm"));
    m.apply_all_staged(docs(SELECTOR_V1, n), &opts()).await.unwrap();
    let dep: Api<Deployment> = Api::namespaced(client.clone(), n);
    let uid = dep.get("imm").await.unwrap().metadata.uid;

    let v2 = SELECTOR_V1.replace("app: a", "app: b");
    let err = m.apply_all_staged(docs(&v2, n), &opts()).await.unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains(&format!("Deployment/{n}/imm: ")), "{msg}");
    assert!(
        msg.contains("field is immutable") && msg.contains("kustomize.toolkit.fluxcd.io/force: enabled"),
        "{msg}"
    );
    assert_eq!(dep.get("imm").await.unwrap().metadata.uid, uid, "nothing changed");

    let forced = ApplyOptions {
        force: true,
        ..opts()
    };
    let cs = m.apply_all_staged(docs(&v2, n), &forced).await.unwrap();
    assert_eq!(actions(&cs), [format!("Deployment/{n}/imm created")]);
    let recreated = dep.get("imm").await.unwrap();
    assert_ne!(recreated.metadata.uid, uid);

    // The annotation allows it for one object without the option.
    let v3 = SELECTOR_V1.replace("app: a", "app: c").replace(
        "namespace: NS}",
        "namespace: NS, annotations: {kustomize.toolkit.fluxcd.io/force: Enabled}}",
    );
    let cs = m.apply_all_staged(docs(&v3, n), &opts()).await.unwrap();
    assert_eq!(actions(&cs), [format!("Deployment/{n}/imm created")]);
    assert_ne!(dep.get("imm").await.unwrap().metadata.uid, recreated.metadata.uid);
}

#[tokio::test]
async fn per_object_policies() {
    let ns = TestNamespace::new("apply-policy").await;
    let client = client().await;
    let n = ns.name.as_str();
    let cms: Api<ConfigMap> = Api::namespaced(client.clone(), n);
    // Objects that kubectl created and applied client-side before we take them over.
    for name in ["override", "merge"] {
        cms.patch(
            name,
            &PatchParams::apply("kubectl-client-side-apply").force(),
            &Patch::Apply(json!({"apiVersion": "v1", "kind": "ConfigMap",
                "metadata": {"name": name, "annotations": {"kubectl.kubernetes.io/last-applied-configuration": "{}"}},
                "data": {"k": "kubectl", "extra": "kubectl"}})),
        )
        .await
        .unwrap();
    }
    let yaml = r"
apiVersion: v1
kind: ConfigMap
metadata: {name: once, namespace: NS, annotations: {kustomize.toolkit.fluxcd.io/ssa: IfNotPresent}}
data: {k: v1}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: ignored, namespace: NS, annotations: {kustomize.toolkit.fluxcd.io/ssa: Ignore}}
data: {k: v}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: disabled, namespace: NS, labels: {kustomize.toolkit.fluxcd.io/reconcile: disabled}}
data: {k: v}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: override, namespace: NS}
data: {k: ours}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: merge, namespace: NS, annotations: {kustomize.toolkit.fluxcd.io/ssa: merge}}
data: {k: ours}
";
    let m = Manager::new(client.clone(), owner("policy"));
    let cs = m.apply_all_staged(docs(yaml, n), &opts()).await.unwrap();
    assert_eq!(
        actions(&cs),
        [
            format!("ConfigMap/{n}/disabled skipped"),
            format!("ConfigMap/{n}/ignored skipped"),
            format!("ConfigMap/{n}/merge configured"),
            format!("ConfigMap/{n}/once created"),
            format!("ConfigMap/{n}/override configured"),
        ]
    );
    assert!(cms.get_opt("ignored").await.unwrap().is_none());
    assert!(cms.get_opt("disabled").await.unwrap().is_none());
    let over = cms.get("override").await.unwrap();
    let annotations = over.metadata.annotations.unwrap_or_default();
    assert!(!annotations.contains_key("kubectl.kubernetes.io/last-applied-configuration"));
    let managers: Vec<String> = over
        .metadata
        .managed_fields
        .unwrap()
        .iter()
        .filter_map(|e| e.manager.clone())
        .collect();
    assert_eq!(managers, [MANAGER]);
    assert_eq!(over.data.unwrap()["k"], "ours");
    let merged = cms.get("merge").await.unwrap();
    assert!(
        merged
            .metadata
            .annotations
            .unwrap()
            .contains_key("kubectl.kubernetes.io/last-applied-configuration"),
        "ssa: Merge keeps what others added"
    );
    assert_eq!(merged.data.unwrap()["k"], "ours");

    // Taken over once: the next apply is free.
    let again = Manager::new(client.clone(), owner("policy"));
    let cs = again.apply_all_staged(docs(yaml, n), &opts()).await.unwrap();
    assert_eq!(
        (cs.count(Action::Unchanged), cs.count(Action::Skipped)),
        (2, 3),
        "{:?}",
        actions(&cs)
    );
    assert_eq!(again.requests().dry_runs, 0);

    // IfNotPresent: never updated once it exists.
    let changed = yaml.replace("k: v1", "k: v2");
    let cs = m.apply_all_staged(docs(&changed, n), &opts()).await.unwrap();
    assert_eq!(cs.action_of(&cm_ref(n, "once")), Some(Action::Skipped));
    assert_eq!(cms.get("once").await.unwrap().data.unwrap()["k"], "v1");
}

fn cm_ref(ns: &str, name: &str) -> ObjectRef {
    ObjectRef {
        group: String::new(),
        version: "v1".into(),
        kind: "ConfigMap".into(),
        namespace: ns.into(),
        name: name.into(),
    }
}

fn config_maps(ns: &str, names: &[&str], annotations: &str) -> Vec<Value> {
    names
        .iter()
        .map(|n| {
            json!({"apiVersion": "v1", "kind": "ConfigMap",
                "metadata": {"name": n, "namespace": ns,
                    "annotations": serde_json::from_str::<Value>(annotations).unwrap()},
                "data": {"k": "v"}})
        })
        .collect()
}

#[tokio::test]
async fn prune_deletes_only_stale_objects_that_are_still_ours() {
    let ns = TestNamespace::new("apply-prune").await;
    let client = client().await;
    let n = ns.name.as_str();
    let m = Manager::new(client.clone(), owner("prune"));
    let mut first = config_maps(n, &["keep", "stale-a", "stale-b", "relabelled"], "{}");
    first.extend(config_maps(
        n,
        &["protected"],
        r#"{"kustomize.toolkit.fluxcd.io/prune": "disabled"}"#,
    ));
    let cs = m.apply_all_staged(first, &opts()).await.unwrap();
    let previous = Inventory::from_change_set(&cs);
    assert_eq!(previous.objects.len(), 5);

    // Someone took one object over: it no longer carries our labels.
    let cms: Api<ConfigMap> = Api::namespaced(client.clone(), n);
    cms.patch(
        "relabelled",
        &PatchParams::default(),
        &Patch::Merge(json!({"metadata": {"labels": {"kustomize.toolkit.fluxcd.io/name": "someone-else"}}})),
    )
    .await
    .unwrap();

    let cs = m
        .apply_all_staged(config_maps(n, &["keep"], "{}"), &opts())
        .await
        .unwrap();
    let current = Inventory::from_change_set(&cs);
    let stale = previous.stale(&current);
    assert_eq!(stale.len(), 4);

    // A namespace that still holds objects of the new set is never pruned.
    let mut with_ns = stale.clone();
    with_ns.push(ObjectRef {
        group: String::new(),
        version: "v1".into(),
        kind: "Namespace".into(),
        namespace: String::new(),
        name: n.to_string(),
    });
    let err = m.prune(&with_ns, &current.objects).await.unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "Namespace/{n}: cannot prune a namespace that holds objects of the applied set: ConfigMap/{n}/keep"
        )
    );
    assert!(cms.get_opt("stale-a").await.unwrap().is_some(), "nothing deleted");

    let out = m.prune(&stale, &current.objects).await.unwrap();
    assert!(out.failed.is_empty(), "{:?}", out.failed);
    assert_eq!(
        actions(&out.changes),
        [
            format!("ConfigMap/{n}/stale-b deleted"),
            format!("ConfigMap/{n}/stale-a deleted"),
            format!("ConfigMap/{n}/relabelled skipped"),
            format!("ConfigMap/{n}/protected skipped"),
        ]
    );
    for (name, exists) in [
        ("stale-a", false),
        ("stale-b", false),
        ("relabelled", true),
        ("protected", true),
        ("keep", true),
    ] {
        assert_eq!(cms.get_opt(name).await.unwrap().is_some(), exists, "{name}");
    }
    // Pruning again: gone objects are skipped, not failures.
    let out = m.prune(&stale, &current.objects).await.unwrap();
    assert!(out.failed.is_empty() && !out.changes.has_changes());
}

const APP_DEPLOYMENT: &str = r"
apiVersion: apps/v1
kind: Deployment
metadata: {name: app, namespace: NS}
spec:
  replicas: 1
  selector: {matchLabels: {app: app}}
  template:
    metadata: {labels: {app: app}}
    spec: {containers: [{name: c, image: nginx}]}
";

#[tokio::test]
async fn health_waits_name_each_object_and_why() {
    let ns = TestNamespace::new("apply-health").await;
    let client = client().await;
    let n = ns.name.as_str();
    let m = Manager::new(client.clone(), owner("health"));
    let mut objects = docs(APP_DEPLOYMENT, n);
    objects.extend(config_maps(n, &["cfg"], "{}"));
    let cs = m.apply_all_staged(objects, &opts()).await.unwrap();
    let refs: Vec<ObjectRef> = cs.entries.iter().map(|e| e.object.clone()).collect();
    let wait = WaitOptions {
        timeout: Duration::from_secs(2),
        interval: Duration::from_millis(200),
        fail_fast: false,
    };
    let err = m.wait_for_health(&refs, &wait).await.unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "health check failed after 2s: Deployment/{n}/app: InProgress: Deployment status.observedGeneration not found"
        )
    );

    // Report a rollout the way the deployment controller would.
    let dep: Api<Deployment> = Api::namespaced(client.clone(), n);
    let status = |conditions: Value| {
        json!({"status": {"observedGeneration": 1, "replicas": 1, "updatedReplicas": 1, "readyReplicas": 1,
            "availableReplicas": 1, "conditions": conditions}})
    };
    dep.patch_status(
        "app",
        &PatchParams::default(),
        &Patch::Merge(status(json!([
            {"type": "Progressing", "status": "False", "reason": "ProgressDeadlineExceeded", "message": "timed out"}]))),
    )
    .await
    .unwrap();
    let fail_fast = WaitOptions {
        timeout: Duration::from_secs(30),
        fail_fast: true,
        ..wait.clone()
    };
    let started = std::time::Instant::now();
    let err = m.wait_for_health(&refs, &fail_fast).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(
        err.to_string(),
        format!("health check failed: Deployment/{n}/app: Failed: Progress deadline exceeded: timed out")
    );

    dep.patch_status(
        "app",
        &PatchParams::default(),
        &Patch::Merge(status(json!([
            {"type": "Progressing", "status": "True", "reason": "NewReplicaSetAvailable", "message": "ok"},
            {"type": "Available", "status": "True", "reason": "MinimumReplicasAvailable", "message": "ok"}]))),
    )
    .await
    .unwrap();
    m.wait_for_health(&refs, &wait).await.unwrap();

    // A missing object is named as such.
    let missing = vec![cm_ref(n, "nope")];
    let err = m.wait_for_health(&missing, &wait).await.unwrap_err();
    assert!(
        err.to_string().contains(&format!("ConfigMap/{n}/nope: NotFound")),
        "{err}"
    );
}

#[tokio::test]
async fn an_impersonated_service_account_is_held_to_its_rbac() {
    let home = TestNamespace::new("apply-sa").await;
    let other = TestNamespace::new("apply-sa-other").await;
    let admin = client().await;
    let h = home.name.as_str();
    let rbac = format!(
        r"
apiVersion: v1
kind: ServiceAccount
metadata: {{name: deployer, namespace: {h}}}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {{name: deployer, namespace: {h}}}
rules:
- apiGroups: ['']
  resources: [configmaps]
  verbs: [get, list, create, patch, update]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {{name: deployer, namespace: {h}}}
roleRef: {{apiGroup: rbac.authorization.k8s.io, kind: Role, name: deployer}}
subjects:
- {{kind: ServiceAccount, name: deployer, namespace: {h}}}
"
    );
    Manager::new(admin.clone(), owner("rbac"))
        .apply_all_staged(parse(&rbac), &opts())
        .await
        .unwrap();

    let sa_client = cluster::connect(
        &ClientOptions {
            kubeconfig: Some(kubeconfig()),
            ..Default::default()
        }
        .impersonate_service_account(h, "deployer"),
    )
    .await
    .unwrap();
    let m = Manager::new(sa_client, owner("tenant"));
    let mut objects = config_maps(h, &["mine"], "{}");
    objects.extend(config_maps(&other.name, &["theirs"], "{}"));
    let err = m.apply_all_staged(objects, &opts()).await.unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.starts_with("validation failed, nothing was applied: "),
        "{msg}"
    );
    let denied = err.objects();
    assert_eq!(denied.len(), 1, "{msg}");
    assert_eq!(denied[0].0, cm_ref(&other.name, "theirs"));
    assert!(
        denied[0].1.contains("forbidden")
            && denied[0].1.contains("system:serviceaccount:")
            && denied[0].1.contains(":deployer"),
        "{msg}"
    );
    let mine: Api<ConfigMap> = Api::namespaced(admin.clone(), h);
    assert!(mine.get_opt("mine").await.unwrap().is_none(), "nothing applied");

    // Within its namespace it works; deleting is not granted, so a prune fails and says so.
    let cs = m
        .apply_all_staged(config_maps(h, &["mine"], "{}"), &opts())
        .await
        .unwrap();
    assert_eq!(cs.count(Action::Created), 1);
    let out = m.prune(&[cm_ref(h, "mine")], &[]).await.unwrap();
    assert_eq!(out.failed.len(), 1);
    assert_eq!(out.failed[0].0, cm_ref(h, "mine"));
    assert!(
        out.failed[0].1.contains("cannot delete resource"),
        "{:?}",
        out.failed
    );
    assert!(
        out.error()
            .unwrap()
            .to_string()
            .starts_with(&format!("prune failed: ConfigMap/{h}/mine: "))
    );
    assert!(mine.get_opt("mine").await.unwrap().is_some());
}
