//! `flux-rs diff kustomization` against the real API server: quiet when nothing changes, one
//! drifted object with its diff, deletions with prune, masked Secrets, objects in a Namespace
//! or of a CRD created by the same change, policies, invalid input, JSON and Markdown output,
//! read-only with a get/list/patch identity, and the request budget of the plan.
//!
//! Objects are first applied the way a reconcile applies them: built by `flux-rs build
//! kustomization` (owner labels included), applied by the apply engine with the field manager
//! `kustomize-controller`, the inventory recorded in the Kustomization's status.

use std::collections::BTreeMap;
use std::path::PathBuf;

use base64::Engine as _;
use kube::Client;
use kube::api::{Api, DynamicObject, Patch, PatchParams, PostParams};
use kube::discovery::ApiResource;
use serde_json::{Value, json};

use flux_rs::apply::{ApplyOptions, DiffAction, DiffOptions, Inventory, Manager, Owner};

use crate::harness::{Run, TestNamespace, client, flux, flux_bare, random_suffix, user_kubeconfig};

const MANAGER: &str = "kustomize-controller";

const APP: &str = "\
apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
data:
  greeting: hello
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
    protocol: TCP
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
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
        image: nginx:1.25
        ports:
        - containerPort: 80
          protocol: TCP
";

fn kustomization_ar() -> ApiResource {
    ApiResource {
        group: "kustomize.toolkit.fluxcd.io".into(),
        version: "v1".into(),
        api_version: "kustomize.toolkit.fluxcd.io/v1".into(),
        kind: "Kustomization".into(),
        plural: "kustomizations".into(),
    }
}

/// A test namespace holding the Kustomization `apps` (targetNamespace: the test namespace)
/// and a directory `apps/` standing for its path.
struct Fixture {
    ns: TestNamespace,
    dir: tempfile::TempDir,
    client: Client,
}

impl Fixture {
    async fn new(prefix: &str, prune: bool) -> Fixture {
        let ns = TestNamespace::new(prefix).await;
        let client = client().await;
        let api: Api<DynamicObject> = Api::namespaced_with(client.clone(), &ns.name, &kustomization_ar());
        let ks: DynamicObject = serde_json::from_value(json!({
            "apiVersion": "kustomize.toolkit.fluxcd.io/v1",
            "kind": "Kustomization",
            "metadata": {"name": "apps", "namespace": ns.name},
            "spec": {
                "interval": "10m",
                "prune": prune,
                "path": "./apps",
                "targetNamespace": ns.name,
                "sourceRef": {"kind": "GitRepository", "name": "flux-system"}
            }
        }))
        .unwrap();
        api.create(&PostParams::default(), &ks).await.unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("apps")).unwrap();
        Fixture { ns, dir, client }
    }

    fn n(&self) -> &str {
        &self.ns.name
    }

    fn apps(&self) -> PathBuf {
        self.dir.path().join("apps")
    }

    fn write(&self, file: &str, text: &str) {
        std::fs::write(self.apps().join(file), text.replace("NS", self.n())).unwrap();
    }

    fn remove(&self, file: &str) {
        std::fs::remove_file(self.apps().join(file)).unwrap();
    }

    fn owner(&self) -> Owner {
        flux_rs::engine::owner(self.n(), "apps", MANAGER)
    }

    /// What the Kustomization builds now, through `flux-rs build kustomization`.
    fn built(&self) -> Vec<Value> {
        let r = flux(&[
            "build",
            "ks",
            "apps",
            "-n",
            self.n(),
            "--path",
            self.apps().to_str().unwrap(),
        ]);
        r.success();
        flux_rs::yaml::from_str_json(&r.stdout).unwrap()
    }

    /// Applies the current build as a reconcile does and records the inventory.
    async fn reconcile(&self) {
        let manager = Manager::new(self.client.clone(), self.owner());
        let cs = manager
            .apply_all_staged(self.built(), &ApplyOptions::default())
            .await
            .unwrap();
        let inventory = flux_rs::engine::status::inventory_status(&Inventory::from_change_set(&cs));
        let api: Api<DynamicObject> =
            Api::namespaced_with(self.client.clone(), self.n(), &kustomization_ar());
        api.patch_status(
            "apps",
            &PatchParams::default(),
            &Patch::Merge(&json!({"status": {"inventory": inventory}})),
        )
        .await
        .unwrap();
    }

    fn diff(&self, extra: &[&str]) -> Run {
        let path = self.apps();
        let mut args = vec![
            "diff",
            "kustomization",
            "apps",
            "-n",
            self.n(),
            "--path",
            path.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        flux(&args)
    }

    /// resourceVersion of every ConfigMap, Secret, Service and Deployment in the namespace.
    async fn versions(&self) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        for (api_version, kind, plural) in [
            ("v1", "ConfigMap", "configmaps"),
            ("v1", "Secret", "secrets"),
            ("v1", "Service", "services"),
            ("apps/v1", "Deployment", "deployments"),
        ] {
            let (group, version) = api_version.split_once('/').unwrap_or(("", api_version));
            let ar = ApiResource {
                group: group.into(),
                version: version.into(),
                api_version: api_version.into(),
                kind: kind.into(),
                plural: plural.into(),
            };
            let api: Api<DynamicObject> = Api::namespaced_with(self.client.clone(), self.n(), &ar);
            for o in api.list(&kube::api::ListParams::default()).await.unwrap() {
                out.insert(
                    format!("{kind}/{}", o.metadata.name.unwrap_or_default()),
                    o.metadata.resource_version.unwrap_or_default(),
                );
            }
        }
        out
    }
}

/// The `► …` lines of an output.
fn lines(stdout: &str) -> Vec<&str> {
    stdout.lines().filter(|l| l.starts_with("► ")).collect()
}

const CHANGES: &str = "⚠️ identified at least one change, exiting with non-zero exit code";

#[tokio::test]
async fn no_change_exits_0_and_prints_nothing() {
    let f = Fixture::new("diff-none", true).await;
    f.write("app.yaml", APP);
    f.reconcile().await;
    for extra in [&[][..], &["--progress-bar=false"], &["--progress-bar"]] {
        let r = f.diff(extra);
        r.success();
        assert_eq!(r.stdout, "", "{extra:?}");
        assert_eq!(r.stderr, "", "{extra:?}");
    }
    // Structured outputs always print a document.
    let r = f.diff(&["-o", "json"]);
    r.success();
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["changed"], false);
    assert_eq!(v["summary"]["unchanged"], 3);
    let r = f.diff(&["-o", "markdown"]);
    r.success();
    assert_eq!(
        r.stdout,
        format!("### flux-rs diff: Kustomization {}/apps\n\nNo changes.\n", f.n())
    );
}

#[tokio::test]
async fn one_changed_replica_is_one_drifted_object_and_nothing_is_written() {
    let f = Fixture::new("diff-replica", true).await;
    f.write("app.yaml", APP);
    f.reconcile().await;
    let before = f.versions().await;
    f.write("app.yaml", &APP.replace("replicas: 1", "replicas: 2"));
    let r = f.diff(&[]);
    r.code(1);
    assert_eq!(
        lines(&r.stdout),
        [format!("► Deployment/{}/web drifted", f.n())],
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains(&format!(
            "--- Deployment/{n}/web (live)\n+++ Deployment/{n}/web (after apply)\n",
            n = f.n()
        )),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("\n-  replicas: 1\n+  replicas: 2\n"),
        "{}",
        r.stdout
    );
    // Only the changed field: server-maintained metadata and status are not in the diff.
    let changed: Vec<&str> = r
        .stdout
        .lines()
        .filter(|l| {
            (l.starts_with('+') || l.starts_with('-')) && !l.starts_with("+++") && !l.starts_with("---")
        })
        .collect();
    assert_eq!(changed, ["-  replicas: 1", "+  replicas: 2"]);
    for hidden in [
        "managedFields",
        "resourceVersion",
        "creationTimestamp",
        "uid:",
        "status:",
    ] {
        assert!(!r.stdout.contains(hidden), "{hidden}: {}", r.stdout);
    }
    assert_eq!(r.stderr.trim_end(), CHANGES);
    // Read-only: no resourceVersion moved.
    assert_eq!(f.versions().await, before);
}

#[tokio::test]
async fn a_removed_manifest_is_deleted_when_the_kustomization_prunes() {
    let f = Fixture::new("diff-prune", true).await;
    f.write("app.yaml", APP);
    f.write(
        "old.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: old\ndata:\n  a: b\n",
    );
    f.write(
        "kept.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kept\n  annotations:\n    kustomize.toolkit.fluxcd.io/prune: disabled\n",
    );
    f.reconcile().await;
    f.remove("old.yaml");
    f.remove("kept.yaml");
    let before = f.versions().await;
    let r = f.diff(&[]);
    r.code(1);
    // `kept` opts out of pruning: a prune would leave it, so it is not listed.
    assert_eq!(
        lines(&r.stdout),
        [format!("► ConfigMap/{}/old deleted", f.n())],
        "{}",
        r.stdout
    );
    assert_eq!(r.stderr.trim_end(), CHANGES);
    assert_eq!(f.versions().await, before);

    // Without spec.prune, nothing would be deleted.
    let api: Api<DynamicObject> = Api::namespaced_with(f.client.clone(), f.n(), &kustomization_ar());
    api.patch(
        "apps",
        &PatchParams::default(),
        &Patch::Merge(&json!({"spec": {"prune": false}})),
    )
    .await
    .unwrap();
    let r = f.diff(&[]);
    r.success();
    assert_eq!(r.stdout, "");
}

#[tokio::test]
async fn secret_values_are_masked_everywhere() {
    let f = Fixture::new("diff-secret", true).await;
    let secret = |password: &str, extra: &str| {
        format!(
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\nstringData:\n  password: {password}\n  same: unchanged-plaintext\n{extra}"
        )
    };
    let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
    // A key given in `data` and then dropped is removed by the apply (one dropped from
    // `stringData` would stay: the server records stringData keys as owned, not data keys).
    f.write(
        "secret.yaml",
        &secret(
            "plain-old-value",
            &format!("data:\n  removed: {}\n", b64("removed-plaintext")),
        ),
    );
    f.reconcile().await;
    f.write(
        "secret.yaml",
        &secret("plain-new-value", "  added: added-plaintext\n"),
    );
    let secrets = [
        "plain-old-value",
        "plain-new-value",
        "unchanged-plaintext",
        "removed-plaintext",
        "added-plaintext",
    ];
    for format in ["text", "json", "markdown"] {
        let r = f.diff(&["-o", format]);
        r.code(1);
        let all = format!("{}{}", r.stdout, r.stderr);
        for s in secrets {
            assert!(!all.contains(s), "{format}: {s} printed:\n{all}");
            assert!(!all.contains(&b64(s)), "{format}: {s} printed in base64:\n{all}");
        }
        match format {
            "text" | "markdown" => {
                for l in [
                    "-  password: '*** (before)'",
                    "+  password: '*** (after)'",
                    "-  removed: '***'",
                    "+  added: '***'",
                    "   same: '***'",
                ] {
                    assert!(r.stdout.contains(l), "{format}: {l}\n{}", r.stdout);
                }
            }
            _ => {
                let v: Value = serde_json::from_str(&r.stdout).unwrap();
                let fields = &v["changes"][0]["fields"];
                assert_eq!(
                    fields,
                    &json!([
                        {"path": "/data/added", "after": "***"},
                        {"path": "/data/password", "before": "*** (before)", "after": "*** (after)"},
                        {"path": "/data/removed", "before": "***"},
                    ]),
                    "{}",
                    r.stdout
                );
            }
        }
    }
    // A new Secret is masked too.
    f.write(
        "new.yaml",
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: fresh\nstringData:\n  token: brand-new-plaintext\n",
    );
    let r = f.diff(&["-o", "json"]);
    r.code(1);
    assert!(!r.stdout.contains("brand-new-plaintext") && !r.stdout.contains(&b64("brand-new-plaintext")));
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let created = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["action"] == "created")
        .unwrap();
    assert_eq!(created["object"]["data"], json!({"token": "***"}));
}

#[tokio::test]
async fn objects_in_a_new_namespace_or_of_a_new_crd_are_created() {
    let f = Fixture::new("diff-new", true).await;
    let other = format!("diff-new-ns-{}", random_suffix());
    let group = format!("d{}.example.com", random_suffix());
    let text = format!(
        "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {other}\n---\n\
         apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: inside\n  namespace: {other}\ndata:\n  a: b\n---\n\
         apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.{group}\n\
         spec:\n  group: {group}\n  scope: Namespaced\n  names: {{kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}}\n\
         \x20 versions:\n  - name: v1\n    served: true\n    storage: true\n    schema:\n      openAPIV3Schema:\n        type: object\n\
         \x20       x-kubernetes-preserve-unknown-fields: true\n---\n\
         apiVersion: {group}/v1\nkind: Widget\nmetadata:\n  name: w\n  namespace: {other}\nspec:\n  size: 3\n"
    );
    // The Kustomization's targetNamespace would move everything into the test namespace:
    // use a file without it.
    std::fs::write(f.apps().join("new.yaml"), &text).unwrap();
    let ks = f.dir.path().join("ks.yaml");
    std::fs::write(
        &ks,
        format!(
            "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: apps\n  namespace: {}\n\
             spec:\n  interval: 10m\n  prune: true\n  sourceRef: {{kind: GitRepository, name: flux-system}}\n",
            f.n()
        ),
    )
    .unwrap();
    let r = f.diff(&["--kustomization-file", ks.to_str().unwrap()]);
    r.code(1);
    assert_eq!(
        lines(&r.stdout),
        [
            format!("► CustomResourceDefinition/widgets.{group} created"),
            format!("► Namespace/{other} created"),
            format!("► ConfigMap/{other}/inside created"),
            format!("► Widget/{other}/w created"),
        ],
        "{}",
        r.stdout
    );
    assert_eq!(r.stderr.trim_end(), CHANGES);
    // Nothing was created.
    let namespaces: Api<k8s_openapi::api::core::v1::Namespace> = Api::all(f.client.clone());
    assert!(namespaces.get_opt(&other).await.unwrap().is_none());
    let crds: Api<
        k8s_openapi::apiextensions_apiserver::pkg::apis::apiextensions::v1::CustomResourceDefinition,
    > = Api::all(f.client.clone());
    assert!(crds.get_opt(&format!("widgets.{group}")).await.unwrap().is_none());
}

#[tokio::test]
async fn policies_are_reported_as_skipped() {
    let f = Fixture::new("diff-skip", true).await;
    let cm = |name: &str, annotation: &str, value: &str| {
        format!(
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n  annotations:\n    {annotation}\ndata:\n  v: {value}\n"
        )
    };
    f.write(
        "once.yaml",
        &cm("once", "kustomize.toolkit.fluxcd.io/ssa: IfNotPresent", "a"),
    );
    f.reconcile().await;
    f.write(
        "once.yaml",
        &cm("once", "kustomize.toolkit.fluxcd.io/ssa: IfNotPresent", "b"),
    );
    f.write(
        "manual.yaml",
        &cm("manual", "kustomize.toolkit.fluxcd.io/reconcile: disabled", "a"),
    );
    f.write(
        "ignored.yaml",
        &cm("ignored", "kustomize.toolkit.fluxcd.io/ssa: Ignore", "a"),
    );
    let r = f.diff(&[]);
    // Skipped objects are reported but are no change.
    r.success();
    assert_eq!(
        lines(&r.stdout),
        [
            format!("► ConfigMap/{}/ignored skipped", f.n()),
            format!("► ConfigMap/{}/manual skipped", f.n()),
            format!("► ConfigMap/{}/once skipped", f.n()),
        ],
        "{}",
        r.stdout
    );
}

#[tokio::test]
async fn invalid_input_exits_2() {
    let f = Fixture::new("diff-invalid", true).await;
    f.write("app.yaml", APP);
    f.reconcile().await;
    let before = f.versions().await;
    // Rejected by the server's validation (dry-run): data values must be strings.
    f.write(
        "bad.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bad\ndata:\n  nested:\n    not: a-string\n",
    );
    f.write("app.yaml", &APP.replace("replicas: 1", "replicas: 2"));
    let r = f.diff(&[]);
    r.code(2);
    assert_eq!(r.stdout, "");
    assert!(r.stderr.starts_with("✗ "), "{}", r.stderr);
    assert!(
        r.stderr.contains(&format!("ConfigMap/{}/bad", f.n())),
        "{}",
        r.stderr
    );
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert_eq!(f.versions().await, before);
    f.remove("bad.yaml");

    // Not YAML.
    f.write("broken.yaml", "kind: [unclosed\n");
    let r = f.diff(&[]);
    r.code(2);
    assert!(r.stderr.contains("broken.yaml"), "{}", r.stderr);
    f.remove("broken.yaml");

    // A path that does not exist.
    let r = flux(&["diff", "ks", "apps", "-n", f.n(), "--path", "/nonexistent/dir"]);
    r.code(2);
    assert!(
        r.stderr.contains("invalid --path /nonexistent/dir"),
        "{}",
        r.stderr
    );

    // A Kustomization that does not exist.
    let r = flux(&[
        "diff",
        "ks",
        "nope",
        "-n",
        f.n(),
        "--path",
        f.apps().to_str().unwrap(),
    ]);
    r.code(2);
    assert!(
        r.stderr
            .contains(&format!("Kustomization {}/nope not found", f.n())),
        "{}",
        r.stderr
    );

    // An unreachable cluster.
    let r = flux_bare(
        &["diff", "ks", "apps", "--path", f.apps().to_str().unwrap()],
        &[("KUBECONFIG", "/nonexistent/kubeconfig")],
    );
    r.code(2);
}

#[tokio::test]
async fn substitution_ignore_paths_and_kustomization_files() {
    let f = Fixture::new("diff-flags", true).await;
    f.write("app.yaml", APP);
    f.reconcile().await;
    // Substitution runs when the Kustomization has postBuild.
    let api: Api<DynamicObject> = Api::namespaced_with(f.client.clone(), f.n(), &kustomization_ar());
    api.patch(
        "apps",
        &PatchParams::default(),
        &Patch::Merge(&json!({"spec": {"postBuild": {"substitute": {"LEVEL": "debug"}}}})),
    )
    .await
    .unwrap();
    f.write(
        "vars.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: vars\ndata:\n  level: ${LEVEL:=info}\n  missing: x${MISSING}\n",
    );
    let r = f.diff(&["--strict-substitute"]);
    r.code(2);
    assert!(
        r.stderr.contains("variable not set (strict mode): \"MISSING\""),
        "{}",
        r.stderr
    );
    let r = f.diff(&[]);
    r.code(1);
    assert_eq!(lines(&r.stdout), [format!("► ConfigMap/{}/vars created", f.n())]);
    // Left out of the generated kustomization: nothing changes.
    for patterns in [
        &["--ignore-paths", "vars.yaml"][..],
        &["--ignore-paths=/vars.yaml,*.md"],
    ] {
        let mut args = vec!["--strict-substitute"];
        args.extend_from_slice(patterns);
        let r = f.diff(&args);
        r.success();
        assert_eq!(r.stdout, "");
    }

    // A Kustomization file for one not in the cluster yet.
    let file = f.dir.path().join("ks.yaml");
    std::fs::write(
        &file,
        format!(
            "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: fresh\n  namespace: {n}\n\
             spec:\n  interval: 10m\n  prune: true\n  targetNamespace: {n}\n  sourceRef: {{kind: GitRepository, name: flux-system}}\n",
            n = f.n()
        ),
    )
    .unwrap();
    let path = f.apps();
    let base = [
        "diff",
        "ks",
        "fresh",
        "-n",
        f.n(),
        "--path",
        path.to_str().unwrap(),
        "--kustomization-file",
    ];
    let mut args = base.to_vec();
    args.push(file.to_str().unwrap());
    let r = flux(&args);
    r.code(2);
    assert!(
        r.stderr
            .contains(&format!("Kustomization {}/fresh not found", f.n()))
            && r.stderr.contains("--ignore-not-found"),
        "{}",
        r.stderr
    );
    args.push("--ignore-not-found");
    let r = flux(&args);
    r.code(1);
    // Its owner labels differ from what the live objects carry: they would change hands.
    let n = f.n();
    assert_eq!(
        lines(&r.stdout),
        [
            format!("► ConfigMap/{n}/vars created"),
            format!("► ConfigMap/{n}/web-config drifted"),
            format!("► Service/{n}/web drifted"),
            format!("► Deployment/{n}/web drifted"),
        ],
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains(
            "-    kustomize.toolkit.fluxcd.io/name: apps\n+    kustomize.toolkit.fluxcd.io/name: fresh\n"
        ),
        "{}",
        r.stdout
    );
    let r = flux(&[
        "diff",
        "ks",
        "apps",
        "--path",
        path.to_str().unwrap(),
        "--ignore-not-found",
    ]);
    r.code(2);
    assert!(
        r.stderr
            .contains("--ignore-not-found requires --kustomization-file"),
        "{}",
        r.stderr
    );
}

#[tokio::test]
async fn json_and_markdown_outputs() {
    let f = Fixture::new("diff-json", true).await;
    f.write("app.yaml", APP);
    f.write(
        "old.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: old\n",
    );
    f.reconcile().await;
    f.remove("old.yaml");
    f.write("app.yaml", &APP.replace("replicas: 1", "replicas: 2"));
    f.write(
        "new.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: new\ndata:\n  k: v\n",
    );
    let r = f.diff(&["-o", "json"]);
    r.code(1);
    assert_eq!(r.stderr.trim_end(), CHANGES);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let n = f.n();
    assert_eq!(v["kustomization"], json!({"name": "apps", "namespace": n}));
    assert_eq!(v["changed"], true);
    assert_eq!(
        v["summary"],
        json!({"created": 1, "drifted": 1, "deleted": 1, "skipped": 0, "unchanged": 2})
    );
    let changes = v["changes"].as_array().unwrap();
    let by_action = |a: &str| changes.iter().find(|c| c["action"] == a).unwrap();
    let drifted = by_action("drifted");
    assert_eq!(drifted["apiVersion"], "apps/v1");
    assert_eq!(drifted["kind"], "Deployment");
    assert_eq!(drifted["namespace"], n);
    assert_eq!(drifted["name"], "web");
    assert_eq!(
        drifted["fields"],
        json!([{"path": "/spec/replicas", "before": 1, "after": 2}])
    );
    let created = by_action("created");
    assert_eq!(created["name"], "new");
    assert_eq!(created["object"]["data"], json!({"k": "v"}));
    assert_eq!(by_action("deleted")["name"], "old");
    assert_eq!(changes.len(), 3);

    let r = f.diff(&["-o", "markdown"]);
    r.code(1);
    let m = &r.stdout;
    assert!(m.starts_with(&format!("### flux-rs diff: Kustomization {n}/apps\n\n**1 created, 1 drifted, 1 deleted** (0 skipped, 2 unchanged)\n")), "{m}");
    for row in [
        format!("| created | ConfigMap | {n} | new |"),
        format!("| drifted | Deployment | {n} | web |"),
        format!("| deleted | ConfigMap | {n} | old |"),
    ] {
        assert!(m.contains(&row), "{row}\n{m}");
    }
    assert!(
        m.contains(&format!(
            "<details><summary>Deployment/{n}/web drifted</summary>\n\n```diff\n"
        )),
        "{m}"
    );
    assert!(m.contains("-  replicas: 1\n+  replicas: 2\n"), "{m}");
    assert!(m.trim_end().ends_with("</details>"), "{m}");
}

#[tokio::test]
async fn a_get_list_patch_identity_is_enough_and_nothing_is_written() {
    use k8s_openapi::api::rbac::v1::{Role, RoleBinding};
    let f = Fixture::new("diff-rbac", true).await;
    f.write("app.yaml", APP);
    f.write(
        "old.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: old\n",
    );
    f.reconcile().await;
    f.remove("old.yaml");
    f.write("app.yaml", &APP.replace("replicas: 1", "replicas: 3"));
    f.write(
        "secret.yaml",
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: new-secret\nstringData:\n  token: rbac-plaintext\n",
    );
    let kubeconfig = user_kubeconfig();
    let path = f.apps();
    let args = [
        "diff",
        "ks",
        "apps",
        "-n",
        f.n(),
        "--path",
        path.to_str().unwrap(),
    ];
    let as_user = || flux_bare(&args, &[("KUBECONFIG", kubeconfig.to_str().unwrap())]);

    // The identity really is restricted: without a binding it may not even read.
    let r = as_user();
    r.code(2);
    assert!(r.stderr.contains("forbidden"), "{}", r.stderr);

    let roles: Api<Role> = Api::namespaced(f.client.clone(), f.n());
    roles
        .create(
            &PostParams::default(),
            &serde_json::from_value(json!({"metadata": {"name": "diff-reader"},
                "rules": [{"apiGroups": ["*"], "resources": ["*"], "verbs": ["get", "list", "patch"]}]}))
            .unwrap(),
        )
        .await
        .unwrap();
    let bindings: Api<RoleBinding> = Api::namespaced(f.client.clone(), f.n());
    bindings
        .create(
            &PostParams::default(),
            &serde_json::from_value(json!({"metadata": {"name": "diff-reader"},
                "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "diff-reader"},
                "subjects": [{"apiGroup": "rbac.authorization.k8s.io", "kind": "User", "name": "flux-rs-tester"}]}))
            .unwrap(),
        )
        .await
        .unwrap();
    let before = f.versions().await;
    let mut r = as_user();
    // RBAC changes reach the authorizer's cache within a moment.
    for _ in 0..20 {
        if r.code != 2 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(250));
        r = as_user();
    }
    r.code(1);
    let n = f.n();
    assert_eq!(
        lines(&r.stdout),
        [
            format!("► Secret/{n}/new-secret created"),
            format!("► Deployment/{n}/web drifted"),
            format!("► ConfigMap/{n}/old deleted"),
        ],
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("-  replicas: 1\n+  replicas: 3\n"));
    assert!(!format!("{}{}", r.stdout, r.stderr).contains("rbac-plaintext"));
    // Nothing written: same objects, same resourceVersions.
    assert_eq!(f.versions().await, before);
}

#[tokio::test]
async fn the_plan_costs_no_request_per_unchanged_object() {
    let f = Fixture::new("diff-requests", true).await;
    let many = (0..20)
        .map(|i| format!("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-{i}\ndata:\n  i: \"{i}\"\n"))
        .collect::<Vec<_>>()
        .join("---\n");
    f.write("many.yaml", &many);
    f.write("app.yaml", APP);
    f.reconcile().await;

    let manager = Manager::new(f.client.clone(), f.owner()).with_concurrency(4);
    let plan = manager.diff(f.built(), &DiffOptions::default()).await.unwrap();
    assert!(!plan.has_changes());
    assert_eq!(plan.count(DiffAction::Unchanged), 23);
    let req = manager.requests();
    assert_eq!((req.dry_runs, req.writes, req.deletes), (0, 0, 0), "{req:?}");
    // One LIST for the 21 ConfigMaps; the lone Service and Deployment are read with GETs.
    assert_eq!((req.lists, req.gets), (1, 2), "{req:?}");

    // One change: one dry-run, still no write.
    f.write("app.yaml", &APP.replace("greeting: hello", "greeting: bonjour"));
    let manager = Manager::new(f.client.clone(), f.owner());
    let plan = manager.diff(f.built(), &DiffOptions::default()).await.unwrap();
    let changed: Vec<String> = plan
        .entries
        .iter()
        .filter(|e| e.action.is_change())
        .map(|e| format!("{} {}", e.object, e.action))
        .collect();
    assert_eq!(changed, [format!("ConfigMap/{}/web-config drifted", f.n())]);
    let req = manager.requests();
    assert_eq!((req.dry_runs, req.writes), (1, 0), "{req:?}");
}
