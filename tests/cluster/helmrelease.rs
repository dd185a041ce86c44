//! HelmReleases against the real API server and a real registry: charts of the tests
//! (`tests/fixtures/helm`) pushed with Helm's OCI media types by flux-rs's own client, pulled
//! by an OCIRepository (`layerSelector` on the chart layer, `operation: copy`), installed,
//! upgraded, left alone when nothing changed, uninstalled on deletion, refused when they
//! cannot render; and releases Helm's own Go SDK (PyPI `helm-python-sdk`) reads and makes.

use std::path::{Path, PathBuf};

use bytes::Bytes;
use flux_rs::api::HelmRelease;
use flux_rs::api::OCIRepository;
use flux_rs::api::meta::{self, READY};
use flux_rs::engine::helmrelease::{CHART_LAYER_MEDIA_TYPE, HelmEngine, HelmOptions};
use flux_rs::helm::storage;
use flux_rs::reconcile::{Outcome, Request};
use flux_rs::source::SourceOptions;
use flux_rs::source::oci::{ClientOptions, Registry, repository};
use k8s_openapi::api::core::v1::{ConfigMap, Secret, Service};
use kube::Client;
use kube::api::{Api, DeleteParams, ListParams, Patch, PatchParams, PostParams};
use serde_json::{Value, json};

use crate::harness::{TestNamespace, client, config, ensure_crds};
use crate::registry::{Registry as TestRegistry, RegistryAuth};

/// Media type of a Helm chart's config blob.
const HELM_CONFIG_MEDIA_TYPE: &str = "application/vnd.cncf.helm.config.v1+json";

pub(crate) fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/helm")
        .join(name)
}

/// The chart directory `name` packaged as `helm package` packages it (`<name>/...` in a
/// tar+gzip), with `version` written into its Chart.yaml.
fn package(name: &str, version: &str) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join(name);
    copy_dir(&fixture(name), &copy);
    let chart_yaml = copy.join("Chart.yaml");
    let text = std::fs::read_to_string(&chart_yaml).unwrap();
    let text: String = text
        .lines()
        .map(|l| {
            if l.starts_with("version:") {
                format!("version: {version}\n")
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    std::fs::write(&chart_yaml, text).unwrap();
    let mut b = tar::Builder::new(flate2::write::GzEncoder::new(
        Vec::new(),
        flate2::Compression::default(),
    ));
    b.append_dir_all(name, &copy).unwrap();
    b.into_inner().unwrap().finish().unwrap()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

/// Pushes a chart archive as Helm pushes charts (`helm push`): a config blob with Helm's
/// config media type and one layer with the chart media type. Returns the manifest digest.
async fn push_chart(
    reg: &Registry,
    repo: &str,
    tag: &str,
    name: &str,
    version: &str,
    tgz: Vec<u8>,
) -> String {
    let config = serde_json::to_vec(&json!({"apiVersion": "v2", "name": name, "version": version})).unwrap();
    let config_size = config.len();
    let config_digest = reg.push_blob(repo, Bytes::from(config)).await.unwrap();
    let size = tgz.len();
    let layer = reg.push_blob(repo, Bytes::from(tgz)).await.unwrap();
    let m = json!({
        "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": HELM_CONFIG_MEDIA_TYPE, "digest": config_digest, "size": config_size},
        "layers": [{"mediaType": CHART_LAYER_MEDIA_TYPE, "digest": layer, "size": size}],
        "annotations": {"org.opencontainers.image.title": name, "org.opencontainers.image.version": version},
    });
    reg.push_manifest(
        repo,
        tag,
        "application/vnd.oci.image.manifest.v1+json",
        Bytes::from(serde_json::to_vec(&m).unwrap()),
    )
    .await
    .unwrap()
}

/// A test bed (shared with the other HelmRelease test files): a namespace, a registry, an OCIRepository `chart` on the chart layer, the
/// source storage and the engine.
pub(crate) struct Bed {
    pub(crate) ns: TestNamespace,
    pub(crate) client: Client,
    pub(crate) _reg: TestRegistry,
    pub(crate) registry: Registry,
    pub(crate) url: String,
    pub(crate) _storage: tempfile::TempDir,
    pub(crate) opts: SourceOptions,
    pub(crate) engine: HelmEngine,
}

impl Bed {
    pub(crate) async fn new(prefix: &str) -> Bed {
        ensure_crds();
        let ns = TestNamespace::new(prefix).await;
        let client = client().await;
        let reg = TestRegistry::start(RegistryAuth::Anonymous, None);
        let registry = Registry::new(
            &reg.host,
            &ClientOptions {
                insecure: true,
                ..ClientOptions::default()
            },
        )
        .unwrap();
        let url = reg.url("charts/hello");
        let storage = tempfile::tempdir().unwrap();
        let opts = SourceOptions::in_dir(storage.path());
        let engine = HelmEngine::new(
            client.clone(),
            config().await,
            opts.clone(),
            HelmOptions {
                health_interval: std::time::Duration::from_millis(200),
                ..HelmOptions::default()
            },
        );
        Bed {
            ns,
            client,
            _reg: reg,
            registry,
            url,
            _storage: storage,
            opts,
            engine,
        }
    }

    pub(crate) fn n(&self) -> &str {
        &self.ns.name
    }

    /// Pushes `chart` at `version` as tag `version` and points the OCIRepository at it
    /// (creating it the first time), then reconciles the source.
    pub(crate) async fn publish(&self, chart: &str, version: &str) {
        self.point(chart, version).await;
        let api: Api<OCIRepository> = Api::namespaced(self.client.clone(), self.n());
        let live = api.get("chart").await.unwrap();
        repository::reconcile(&self.client, &live, &self.opts)
            .await
            .unwrap();
    }

    /// Pushes `chart` at `version` as tag `version` and points the OCIRepository at it
    /// (creating it the first time), leaving the pull to a controller.
    pub(crate) async fn point(&self, chart: &str, version: &str) {
        let repo = self
            .url
            .trim_start_matches("oci://")
            .split_once('/')
            .unwrap()
            .1
            .to_string();
        push_chart(
            &self.registry,
            &repo,
            version,
            chart,
            version,
            package(chart, version),
        )
        .await;
        let api: Api<OCIRepository> = Api::namespaced(self.client.clone(), self.n());
        let spec = json!({
            "interval": "1h", "url": self.url, "insecure": true, "ref": {"tag": version},
            "layerSelector": {"mediaType": CHART_LAYER_MEDIA_TYPE, "operation": "copy"},
        });
        if api.get_opt("chart").await.unwrap().is_none() {
            let obj: OCIRepository = serde_json::from_value(json!({
                "apiVersion": "source.toolkit.fluxcd.io/v1", "kind": "OCIRepository",
                "metadata": {"name": "chart", "namespace": self.n()}, "spec": spec,
            }))
            .unwrap();
            api.create(&PostParams::default(), &obj).await.unwrap();
        } else {
            api.patch(
                "chart",
                &PatchParams::default(),
                &Patch::Merge(json!({"spec": spec})),
            )
            .await
            .unwrap();
        }
    }

    pub(crate) async fn create_hr(&self, name: &str, spec: Value) {
        let api: Api<HelmRelease> = Api::namespaced(self.client.clone(), self.n());
        let obj: HelmRelease = serde_json::from_value(json!({
            "apiVersion": "helm.toolkit.fluxcd.io/v2", "kind": "HelmRelease",
            "metadata": {"name": name, "namespace": self.n()}, "spec": spec,
        }))
        .unwrap();
        api.create(&PostParams::default(), &obj).await.unwrap();
    }

    pub(crate) async fn hr(&self, name: &str) -> HelmRelease {
        Api::<HelmRelease>::namespaced(self.client.clone(), self.n())
            .get(name)
            .await
            .unwrap()
    }

    pub(crate) async fn reconcile(
        &self,
        name: &str,
    ) -> (flux_rs::engine::helmrelease::HelmReport, HelmRelease) {
        let live = self.hr(name).await;
        let report = self.engine.reconcile(&live, &Request::default()).await;
        (report, self.hr(name).await)
    }

    pub(crate) async fn records(&self, release: &str) -> Vec<(i64, String, BTreeLabels)> {
        let api: Api<Secret> = Api::namespaced(self.client.clone(), self.n());
        let list = api
            .list(&ListParams::default().labels(&format!("owner=helm,name={release}")))
            .await
            .unwrap();
        let mut out: Vec<(i64, String, BTreeLabels)> = list
            .items
            .iter()
            .map(|s| {
                let r = storage::from_secret(&serde_json::to_value(s).unwrap()).unwrap();
                (
                    r.version,
                    r.info.status,
                    s.metadata.labels.clone().unwrap_or_default(),
                )
            })
            .collect();
        out.sort_by_key(|r| r.0);
        out
    }

    pub(crate) async fn config_map(&self, name: &str) -> Option<ConfigMap> {
        Api::<ConfigMap>::namespaced(self.client.clone(), self.n())
            .get_opt(name)
            .await
            .unwrap()
    }
}

pub(crate) type BTreeLabels = std::collections::BTreeMap<String, String>;

pub(crate) fn ready(hr: &HelmRelease) -> (String, String, String) {
    let c = meta::find_condition(hr.conditions(), READY).expect("a Ready condition");
    (c.status.clone(), c.reason.clone(), c.message.clone())
}

#[tokio::test]
async fn install_upgrade_noop_and_uninstall_of_an_oci_chart() {
    let bed = Bed::new("hr-life").await;
    let n = bed.n().to_string();
    bed.publish("hello", "0.1.0").await;
    bed.create_hr(
        "web",
        json!({
            "interval": "10m", "chartRef": {"kind": "OCIRepository", "name": "chart"},
            "values": {"greeting": "hi", "extra": true},
            "install": {"disableWait": true}, "maxHistory": 2,
        }),
    )
    .await;

    // Install.
    let (report, hr) = bed.reconcile("web").await;
    assert_eq!(report.outcome, Outcome::Succeeded, "{report:?}");
    assert_eq!(report.action, Some("install"));
    assert_eq!(
        ready(&hr),
        (
            "True".into(),
            "InstallSucceeded".into(),
            format!("Helm install succeeded for release {n}/web.v1 with chart hello@0.1.0")
        )
    );
    let st = hr.status.clone().unwrap();
    assert_eq!(st.last_attempted_revision.as_deref(), Some("0.1.0"));
    assert_eq!(st.last_attempted_release_action.as_deref(), Some("install"));
    assert_eq!(st.storage_namespace.as_deref(), Some(n.as_str()));
    assert_eq!(st.observed_generation, hr.metadata.generation);
    let released = meta::find_condition(hr.conditions(), "Released").unwrap();
    assert_eq!(released.reason, "InstallSucceeded");
    let history = st.history.clone().unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(
        (
            history[0].version,
            history[0].status.as_str(),
            history[0].chart_name.as_str()
        ),
        (1, "deployed", "hello")
    );
    assert_eq!(
        Some(&history[0].config_digest),
        st.last_attempted_config_digest.as_ref()
    );
    assert!(
        hr.metadata
            .finalizers
            .unwrap()
            .contains(&"finalizers.fluxcd.io".to_string())
    );
    let cm = bed
        .config_map("web-greeting")
        .await
        .expect("the release's ConfigMap");
    assert_eq!(cm.data.unwrap()["greeting"], "hi");
    assert!(bed.config_map("web-extra").await.is_some());
    let labels = cm.metadata.labels.unwrap();
    assert_eq!(labels["helm.toolkit.fluxcd.io/name"], "web");
    assert_eq!(labels["app.kubernetes.io/managed-by"], "Helm");
    assert_eq!(
        cm.metadata.annotations.unwrap()["meta.helm.sh/release-name"],
        "web"
    );
    let svc = Api::<Service>::namespaced(bed.client.clone(), &n)
        .get("web-web")
        .await
        .unwrap();
    assert_eq!(svc.spec.unwrap().ports.unwrap()[0].port, 8080);
    let recs = bed.records("web").await;
    assert_eq!(recs.len(), 1);
    assert_eq!((recs[0].0, recs[0].1.as_str()), (1, "deployed"));
    assert_eq!(recs[0].2["owner"], "helm");
    assert_eq!(recs[0].2["status"], "deployed");
    assert!(recs[0].2.contains_key("modifiedAt"), "{:?}", recs[0].2);

    // Nothing changed: no new revision, no write to the objects.
    let (report, hr) = bed.reconcile("web").await;
    assert_eq!(report.outcome, Outcome::Succeeded);
    assert_eq!(report.action, None, "in sync: no action");
    assert!(report.changes.entries.is_empty(), "{:?}", report.changes);
    assert_eq!(bed.records("web").await.len(), 1);
    assert_eq!(ready(&hr).1, "InstallSucceeded");

    // A values change upgrades; the object the new values drop is deleted.
    Api::<HelmRelease>::namespaced(bed.client.clone(), &n)
        .patch(
            "web",
            &PatchParams::default(),
            &Patch::Merge(json!({"spec": {"values": {"greeting": "hello again", "extra": false}, "upgrade": {"disableWait": true}}})),
        )
        .await
        .unwrap();
    let (report, hr) = bed.reconcile("web").await;
    assert_eq!(report.outcome, Outcome::Succeeded, "{report:?}");
    assert_eq!(report.action, Some("upgrade"));
    assert_eq!(ready(&hr).1, "UpgradeSucceeded");
    assert_eq!(
        ready(&hr).2,
        format!("Helm upgrade succeeded for release {n}/web.v2 with chart hello@0.1.0")
    );
    assert_eq!(
        bed.config_map("web-greeting").await.unwrap().data.unwrap()["greeting"],
        "hello again"
    );
    assert!(
        bed.config_map("web-extra").await.is_none(),
        "removed from the release: deleted"
    );
    let recs: Vec<(i64, String)> = bed.records("web").await.into_iter().map(|r| (r.0, r.1)).collect();
    assert_eq!(recs, [(1, "superseded".to_string()), (2, "deployed".to_string())]);
    let st = hr.status.clone().unwrap();
    assert_eq!(st.last_attempted_release_action.as_deref(), Some("upgrade"));
    assert_eq!(st.history.as_ref().unwrap()[0].version, 2);
    assert_eq!(st.history.as_ref().unwrap()[1].status, "superseded");

    // A new chart version upgrades; maxHistory 2 keeps the last two records.
    bed.publish("hello", "0.2.0").await;
    let (report, hr) = bed.reconcile("web").await;
    assert_eq!(report.action, Some("upgrade"), "{report:?}");
    assert_eq!(
        hr.status.unwrap().last_attempted_revision.as_deref(),
        Some("0.2.0")
    );
    assert_eq!(
        bed.config_map("web-greeting").await.unwrap().data.unwrap()["chart"],
        "0.2.0"
    );
    let recs: Vec<(i64, String)> = bed.records("web").await.into_iter().map(|r| (r.0, r.1)).collect();
    assert_eq!(recs, [(2, "superseded".to_string()), (3, "deployed".to_string())]);

    // Deleting the HelmRelease uninstalls it: the finalizer runs the uninstall.
    let api: Api<HelmRelease> = Api::namespaced(bed.client.clone(), &n);
    api.delete("web", &DeleteParams::default()).await.unwrap();
    let live = bed.hr("web").await;
    assert!(live.metadata.deletion_timestamp.is_some());
    let report = bed.engine.reconcile(&live, &Request::default()).await;
    assert_eq!(report.outcome, Outcome::Succeeded, "{report:?}");
    assert!(
        api.get_opt("web").await.unwrap().is_none(),
        "the finalizer was removed"
    );
    assert!(bed.config_map("web-greeting").await.is_none());
    assert!(
        Api::<Service>::namespaced(bed.client.clone(), &n)
            .get_opt("web-web")
            .await
            .unwrap()
            .is_none()
    );
    assert!(bed.records("web").await.is_empty(), "release records deleted");
}

#[tokio::test]
async fn charts_that_cannot_render_and_unsupported_fields_apply_nothing() {
    let bed = Bed::new("hr-bad").await;
    let n = bed.n().to_string();
    bed.publish("broken", "0.1.0").await;
    bed.create_hr(
        "bad",
        json!({"interval": "10m", "chartRef": {"kind": "OCIRepository", "name": "chart"}, "install": {"disableWait": true}}),
    )
    .await;
    let (report, hr) = bed.reconcile("bad").await;
    assert!(matches!(report.outcome, Outcome::Failed { .. }), "{report:?}");
    let (status, reason, message) = ready(&hr);
    assert_eq!((status.as_str(), reason.as_str()), ("False", "InstallFailed"));
    assert!(
        message.starts_with(&format!("Helm install failed for release {n}/bad")),
        "{message}"
    );
    assert!(message.contains("value 'needed' is required"), "{message}");
    assert_eq!(
        meta::find_condition(hr.conditions(), "Released").unwrap().status,
        "False"
    );
    // Counted as a failure, not as an install failure: no release was recorded (as upstream).
    assert_eq!(hr.status.clone().unwrap().failures, Some(1));
    assert_eq!(hr.status.clone().unwrap().install_failures, None);
    assert!(bed.records("bad").await.is_empty(), "no release recorded");
    assert!(bed.config_map("x").await.is_none(), "nothing applied");

    // The values that make it render: installed.
    Api::<HelmRelease>::namespaced(bed.client.clone(), &n)
        .patch(
            "bad",
            &PatchParams::default(),
            &Patch::Merge(json!({"spec": {"values": {"needed": "yes"}}})),
        )
        .await
        .unwrap();
    let (report, hr) = bed.reconcile("bad").await;
    assert_eq!(report.outcome, Outcome::Succeeded, "{report:?}");
    assert_eq!(ready(&hr).0, "True");
    assert_eq!(
        bed.config_map("x").await.unwrap().data.unwrap()["required"],
        "yes"
    );

    // A field flux-rs does not honour stalls, naming it.
    bed.create_hr(
        "tested",
        json!({"interval": "10m", "chartRef": {"kind": "OCIRepository", "name": "chart"},
               "healthCheckExprs": [{"apiVersion": "v1", "kind": "ConfigMap", "current": "true"}]}),
    )
    .await;
    let (report, hr) = bed.reconcile("tested").await;
    assert!(matches!(report.outcome, Outcome::Stalled { .. }), "{report:?}");
    let (status, reason, message) = ready(&hr);
    assert_eq!(
        (status.as_str(), reason.as_str()),
        ("False", "UnsupportedFeature")
    );
    assert_eq!(message, "not supported by flux-rs: spec.healthCheckExprs");
    assert!(bed.records("tested").await.is_empty());

    // A missing required valuesFrom source: InitFailed naming it; an optional one is skipped.
    bed.create_hr(
        "vf",
        json!({"interval": "10m", "chartRef": {"kind": "OCIRepository", "name": "chart"},
               "install": {"disableWait": true}, "values": {"name": "vf"},
               "valuesFrom": [{"kind": "ConfigMap", "name": "absent", "optional": true},
                              {"kind": "Secret", "name": "needed", "valuesKey": "v", "targetPath": "needed"}]}),
    )
    .await;
    let (_, hr) = bed.reconcile("vf").await;
    let (status, reason, message) = ready(&hr);
    assert_eq!((status.as_str(), reason.as_str()), ("False", "InitFailed"));
    assert_eq!(
        message,
        format!("spec.valuesFrom[1]: Secret/{n}/needed key v: not found")
    );
    let s: Secret = serde_json::from_value(json!({
        "metadata": {"name": "needed", "namespace": n}, "stringData": {"v": "from-secret"},
    }))
    .unwrap();
    Api::<Secret>::namespaced(bed.client.clone(), &n)
        .create(&PostParams::default(), &s)
        .await
        .unwrap();
    let (report, _) = bed.reconcile("vf").await;
    assert_eq!(report.outcome, Outcome::Succeeded, "{report:?}");
    assert_eq!(
        bed.config_map("vf").await.unwrap().data.unwrap()["required"],
        "from-secret"
    );
}

/// The Python of the venv holding Helm's Go SDK (`helm-python-sdk`), as `scripts/test` makes
/// it: `$FLUX_RS_HELM_SDK_PYTHON`, else `~/.cache/flux-rs/helm-sdk-venv/bin/python`. Its
/// absence fails the test.
fn sdk_python() -> PathBuf {
    let path = std::env::var_os("FLUX_RS_HELM_SDK_PYTHON").map_or_else(
        || {
            let home = std::env::var_os("HOME").expect("HOME");
            Path::new(&home).join(".cache/flux-rs/helm-sdk-venv/bin/python")
        },
        PathBuf::from,
    );
    assert!(
        path.is_file(),
        "{}: Helm's SDK is missing: run scripts/test, which installs helm-python-sdk==0.2.2 there",
        path.display()
    );
    path
}

/// The driver of Helm's SDK shared with the benchmark.
fn sdk_script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/helm-sdk.py")
}

/// Runs `scripts/helm-sdk.py` (Helm's Go SDK) against the test cluster.
pub(crate) fn sdk(namespace: &str, args: &[&str]) -> Value {
    let out = std::process::Command::new(sdk_python())
        .arg(sdk_script())
        .arg(crate::harness::kubeconfig())
        .arg(namespace)
        .args(args)
        .output()
        .expect("run Helm's SDK");
    assert!(
        out.status.success(),
        "Helm SDK {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[tokio::test]
async fn helms_sdk_reads_flux_rs_releases_and_flux_rs_upgrades_helms() {
    let bed = Bed::new("hr-sdk").await;
    let n = bed.n().to_string();
    bed.publish("hello", "0.1.0").await;

    // A release flux-rs installs and upgrades, as Helm sees it.
    bed.create_hr(
        "ours",
        json!({"interval": "10m", "chartRef": {"kind": "OCIRepository", "name": "chart"},
               "install": {"disableWait": true}, "upgrade": {"disableWait": true},
               "values": {"greeting": "from flux-rs"}}),
    )
    .await;
    let (report, _) = bed.reconcile("ours").await;
    assert_eq!(report.outcome, Outcome::Succeeded, "{report:?}");
    let listed = sdk(&n, &["list"]);
    let ours = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "ours")
        .unwrap_or_else(|| panic!("helm list does not show the release: {listed}"));
    assert_eq!(ours["revision"], 1);
    assert_eq!(ours["status"], "deployed");
    assert_eq!(ours["namespace"], n.as_str());
    assert_eq!(ours["chart_name"], "hello");
    assert_eq!(ours["chart_version"], "0.1.0");
    assert_eq!(ours["app_version"], "1.0");
    assert_eq!(sdk(&n, &["values", "ours"]), json!({"greeting": "from flux-rs"}));
    let status = sdk(&n, &["status", "ours"]);
    assert_eq!(status["notes"], "ours says from flux-rs.\n");
    assert!(
        status["manifest"]
            .as_str()
            .unwrap()
            .contains("# Source: hello/templates/configmap.yaml"),
        "{status}"
    );
    Api::<HelmRelease>::namespaced(bed.client.clone(), &n)
        .patch(
            "ours",
            &PatchParams::default(),
            &Patch::Merge(json!({"spec": {"values": {"greeting": "changed"}}})),
        )
        .await
        .unwrap();
    let (report, _) = bed.reconcile("ours").await;
    assert_eq!(report.action, Some("upgrade"), "{report:?}");
    let history = sdk(&n, &["history", "ours"]);
    let h: Vec<(i64, &str)> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["revision"].as_i64().unwrap(), r["status"].as_str().unwrap()))
        .collect();
    assert_eq!(h, [(1, "superseded"), (2, "deployed")]);
    assert_eq!(sdk(&n, &["values", "ours"]), json!({"greeting": "changed"}));

    // A release Helm installed, adopted and upgraded by flux-rs.
    let chart_dir = fixture("hello");
    let installed = sdk(
        &n,
        &[
            "install",
            chart_dir.to_str().unwrap(),
            "theirs",
            r#"{"greeting": "from helm", "extra": true}"#,
        ],
    );
    assert_eq!(installed["revision"], 1);
    assert_eq!(
        bed.config_map("theirs-greeting").await.unwrap().data.unwrap()["greeting"],
        "from helm"
    );
    bed.create_hr(
        "adopter",
        json!({"interval": "10m", "releaseName": "theirs",
               "chartRef": {"kind": "OCIRepository", "name": "chart"},
               "upgrade": {"disableWait": true}, "values": {"greeting": "adopted"}}),
    )
    .await;
    let (report, hr) = bed.reconcile("adopter").await;
    assert_eq!(report.outcome, Outcome::Succeeded, "{report:?}");
    assert_eq!(report.action, Some("upgrade"));
    assert_eq!(
        ready(&hr).2,
        format!("Helm upgrade succeeded for release {n}/theirs.v2 with chart hello@0.1.0")
    );
    assert_eq!(
        bed.config_map("theirs-greeting").await.unwrap().data.unwrap()["greeting"],
        "adopted"
    );
    assert!(
        bed.config_map("theirs-extra").await.is_none(),
        "the object the new values drop is deleted"
    );
    let history = sdk(&n, &["history", "theirs"]);
    let h: Vec<(i64, &str)> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["revision"].as_i64().unwrap(), r["status"].as_str().unwrap()))
        .collect();
    assert_eq!(h, [(1, "superseded"), (2, "deployed")]);
    assert_eq!(sdk(&n, &["values", "theirs"]), json!({"greeting": "adopted"}));

    // Helm's own upgrade of a revision flux-rs made reads it and meets the fields flux-rs
    // owns, exactly as with helm-controller (field manager `helm-controller`): Helm's
    // server-side apply refuses to take them without --force-conflicts, and records its
    // failed revision next to flux-rs's.
    let e = sdk_err(
        &n,
        &[
            "upgrade",
            chart_dir.to_str().unwrap(),
            "theirs",
            r#"{"greeting": "helm again"}"#,
        ],
    );
    assert!(
        e.contains(r#"conflict with "helm-controller": .data.greeting"#),
        "{e}"
    );
    let history = sdk(&n, &["history", "theirs"]);
    let h: Vec<(i64, &str)> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["revision"].as_i64().unwrap(), r["status"].as_str().unwrap()))
        .collect();
    assert_eq!(h, [(1, "superseded"), (2, "deployed"), (3, "failed")]);
}

/// Like [`sdk`] for a call that must fail: Helm's error message.
fn sdk_err(namespace: &str, args: &[&str]) -> String {
    let out = std::process::Command::new(sdk_python())
        .arg(sdk_script())
        .arg(crate::harness::kubeconfig())
        .arg(namespace)
        .args(args)
        .output()
        .expect("run Helm's SDK");
    assert!(!out.status.success(), "Helm SDK {args:?} succeeded");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[tokio::test]
async fn the_cli_creates_reconciles_lists_and_deletes_helmreleases_one_shot() {
    use crate::harness::flux_env;
    let bed = Bed::new("hr-cli").await;
    let n = bed.n().to_string();
    bed.publish("hello", "0.1.0").await;
    let cache = tempfile::tempdir().unwrap();
    let env = [("XDG_CACHE_HOME", cache.path().to_str().unwrap())];
    let values = cache.path().join("values.yaml");
    std::fs::write(&values, "greeting: from the cli\nextra: true\n").unwrap();
    let values = values.to_str().unwrap();

    let export = flux_env(
        &[
            "create",
            "hr",
            "web",
            "--chart-ref",
            "OCIRepository/chart",
            "--values",
            values,
            "--target-namespace",
            &n,
            "--release-name",
            "site",
            "--export",
            "-n",
            &n,
        ],
        &env,
    );
    export.success();
    assert_eq!(
        export.stdout,
        format!(
            "---\napiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: web\n  namespace: {n}\nspec:\n  chartRef:\n    kind: OCIRepository\n    name: chart\n  interval: 1m0s\n  releaseName: site\n  targetNamespace: {n}\n  values:\n    extra: true\n    greeting: from the cli\n"
        )
    );

    let created = flux_env(
        &[
            "create",
            "helmrelease",
            "web",
            "--chart-ref",
            "OCIRepository/chart",
            "--values",
            values,
            "--release-name",
            "site",
            "-n",
            &n,
        ],
        &env,
    );
    created.success();
    assert!(
        created.stderr.contains("✔ HelmRelease created"),
        "{}",
        created.stderr
    );
    assert!(
        created
            .stderr
            .contains(&format!("► reconciling HelmRelease web in {n} namespace")),
        "{}",
        created.stderr
    );
    assert!(
        created.stderr.contains("✔ install succeeded: revision 1"),
        "{}",
        created.stderr
    );
    assert!(
        created.stderr.contains("✔ applied revision 0.1.0"),
        "{}",
        created.stderr
    );
    assert_eq!(
        bed.config_map("site-greeting").await.unwrap().data.unwrap()["greeting"],
        "from the cli"
    );

    let again = flux_env(&["reconcile", "hr", "web", "--with-source", "-n", &n], &env);
    again.success();
    assert!(
        again.stderr.contains("✔ fetched revision 0.1.0@sha256:"),
        "{}",
        again.stderr
    );
    assert!(
        again
            .stderr
            .contains("✔ release in sync at revision 1: nothing to do"),
        "{}",
        again.stderr
    );

    let listed = flux_env(&["get", "hr", "-n", &n], &env);
    listed.success();
    assert!(listed.stdout.starts_with("NAME"), "{}", listed.stdout);
    assert!(listed.stdout.contains("web"), "{}", listed.stdout);
    assert!(listed.stdout.contains("0.1.0"), "{}", listed.stdout);
    assert!(listed.stdout.contains("True"), "{}", listed.stdout);

    flux_env(&["suspend", "hr", "web", "-n", &n], &env).success();
    assert!(bed.hr("web").await.spec.suspend);
    let suspended = flux_env(&["reconcile", "hr", "web", "-n", &n], &env);
    suspended.code(1);
    assert!(
        suspended.stderr.contains("resource is suspended"),
        "{}",
        suspended.stderr
    );
    flux_env(&["resume", "hr", "web", "-n", &n], &env).success();
    assert!(!bed.hr("web").await.spec.suspend);

    let exported = flux_env(&["export", "hr", "web", "-n", &n], &env);
    exported.success();
    assert!(
        exported.stdout.contains("kind: HelmRelease"),
        "{}",
        exported.stdout
    );
    assert!(!exported.stdout.contains("status:"), "{}", exported.stdout);

    let deleted = flux_env(&["delete", "hr", "web", "-s", "-n", &n], &env);
    deleted.success();
    assert!(
        deleted
            .stderr
            .contains(&format!("► uninstalling release {n}/site")),
        "{}",
        deleted.stderr
    );
    assert!(
        Api::<HelmRelease>::namespaced(bed.client.clone(), &n)
            .get_opt("web")
            .await
            .unwrap()
            .is_none()
    );
    assert!(bed.config_map("site-greeting").await.is_none());
    assert!(bed.records("site").await.is_empty());
}

/// A Git work tree with the `hello` fixture chart written under `charts/hello` (not committed
/// yet).
pub(crate) fn work_repo_with_hello_chart() -> crate::gitrepo::WorkRepo {
    let work = crate::gitrepo::WorkRepo::new();
    let root = fixture("hello");
    for rel in [
        "Chart.yaml",
        "values.yaml",
        "templates/NOTES.txt",
        "templates/configmap.yaml",
        "templates/extra.yaml",
        "templates/service.yaml",
    ] {
        let text = std::fs::read_to_string(root.join(rel)).unwrap();
        work.write(&format!("charts/hello/{rel}"), &text);
    }
    work
}

/// A HelmRelease whose `chartRef` is a HelmChart built from a Git repository: installed
/// from the HelmChart's artifact, and upgraded when the chart's values files change under
/// the same chart version (the artifact's digest differs, the version does not).
#[tokio::test]
async fn a_helmchart_from_git_is_installed_and_upgraded_when_its_values_files_change() {
    use crate::harness::flux_env;
    use flux_rs::api::HelmChart;
    ensure_crds();
    let ns = TestNamespace::new("hr-helmchart").await;
    let n = ns.name.as_str();
    let client = client().await;
    let work = work_repo_with_hello_chart();
    work.write("charts/hello/values-prod.yaml", "greeting: from git\n");
    work.commit("chart");
    let cache = tempfile::tempdir().unwrap();
    let env = [("XDG_CACHE_HOME", cache.path().to_str().unwrap())];
    let flux = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(["-n", n]);
        let r = flux_env(&all, &env);
        r.success();
        r
    };
    flux(&[
        "create",
        "source",
        "git",
        "repo",
        "--url",
        &work.url(),
        "--branch=main",
    ]);
    flux(&[
        "create",
        "source",
        "chart",
        "hello",
        "--source=GitRepository/repo",
        "--chart=./charts/hello",
        "--values-files=charts/hello/values.yaml,charts/hello/values-prod.yaml",
    ]);
    let created = flux(&["create", "hr", "web", "--chart-ref", "HelmChart/hello"]);
    assert!(
        created.stderr.contains("✔ applied revision 0.1.0"),
        "{}",
        created.stderr
    );

    let cms: Api<ConfigMap> = Api::namespaced(client.clone(), n);
    let greeting = |cm: ConfigMap| cm.data.unwrap_or_default().get("greeting").cloned();
    assert_eq!(
        greeting(cms.get("web-greeting").await.unwrap()).as_deref(),
        Some("from git")
    );
    let secrets: Api<Secret> = Api::namespaced(client.clone(), n);
    assert!(
        secrets
            .get_opt("sh.helm.release.v1.web.v1")
            .await
            .unwrap()
            .is_some()
    );
    let charts: Api<HelmChart> = Api::namespaced(client.clone(), n);
    let hrs: Api<HelmRelease> = Api::namespaced(client.clone(), n);
    let digest = |hc: &HelmChart| {
        hc.status
            .as_ref()
            .unwrap()
            .artifact
            .as_ref()
            .unwrap()
            .digest
            .clone()
    };
    let first = digest(&charts.get("hello").await.unwrap());
    let hr = hrs.get("web").await.unwrap();
    let status = hr.status.as_ref().unwrap();
    assert_eq!(status.last_attempted_revision.as_deref(), Some("0.1.0"));
    assert_eq!(status.last_attempted_revision_digest, first);

    // Nothing changed: no new revision.
    let again = flux(&["reconcile", "hr", "web", "--with-source"]);
    assert!(
        secrets
            .get_opt("sh.helm.release.v1.web.v2")
            .await
            .unwrap()
            .is_none(),
        "{}",
        again.stderr
    );

    // New values in Git, same chart version: the HelmChart's artifact changes, the release
    // is upgraded.
    work.write("charts/hello/values-prod.yaml", "greeting: changed in git\n");
    work.commit("values");
    flux(&["reconcile", "source", "git", "repo"]);
    flux(&["reconcile", "hr", "web", "--with-source"]);
    assert_eq!(
        greeting(cms.get("web-greeting").await.unwrap()).as_deref(),
        Some("changed in git")
    );
    assert!(
        secrets
            .get_opt("sh.helm.release.v1.web.v2")
            .await
            .unwrap()
            .is_some()
    );
    let second = digest(&charts.get("hello").await.unwrap());
    assert_ne!(first, second);
    let hr = hrs.get("web").await.unwrap();
    assert_eq!(hr.status.as_ref().unwrap().last_attempted_revision_digest, second);
    assert_eq!(ready(&hr).0, "True");
}

/// `spec.chart`: the HelmRelease's HelmChart `<namespace>-<name>` is made from the template
/// (labelled with the HelmRelease), built, installed from, and deleted with the HelmRelease.
#[tokio::test]
async fn a_chart_template_makes_its_helmchart_and_deleting_the_release_removes_it() {
    use crate::harness::flux_env;
    use flux_rs::api::HelmChart;
    ensure_crds();
    let ns = TestNamespace::new("hr-template").await;
    let n = ns.name.as_str();
    let client = client().await;
    let work = work_repo_with_hello_chart();
    work.commit("chart");
    let cache = tempfile::tempdir().unwrap();
    let env = [("XDG_CACHE_HOME", cache.path().to_str().unwrap())];
    let flux = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(["-n", n]);
        flux_env(&all, &env)
    };
    flux(&[
        "create",
        "source",
        "git",
        "repo",
        "--url",
        &work.url(),
        "--branch=main",
    ])
    .success();
    let hrs: Api<HelmRelease> = Api::namespaced(client.clone(), n);
    let hr: HelmRelease = serde_json::from_value(json!({
        "apiVersion": "helm.toolkit.fluxcd.io/v2",
        "kind": "HelmRelease",
        "metadata": {"name": "site", "namespace": n},
        "spec": {
            "interval": "5m",
            "chart": {"spec": {
                "chart": "./charts/hello",
                "sourceRef": {"kind": "GitRepository", "name": "repo"},
            }},
            "values": {"greeting": "from a template"},
        },
    }))
    .unwrap();
    hrs.create(&PostParams::default(), &hr).await.unwrap();
    let r = flux(&["reconcile", "hr", "site"]);
    r.success();

    let charts: Api<HelmChart> = Api::namespaced(client.clone(), n);
    let chart_name = format!("{n}-site");
    let chart = charts.get(&chart_name).await.unwrap();
    let labels = chart.metadata.labels.clone().unwrap_or_default();
    assert_eq!(
        labels.get("helm.toolkit.fluxcd.io/name").map(String::as_str),
        Some("site")
    );
    assert_eq!(chart.spec.chart, "./charts/hello");

    // An unchanged template leaves the HelmChart as it is (the engine skips the write: see
    // the unit test of template_applied); a changed one is applied.
    flux(&["reconcile", "hr", "site"]).success();
    let again = charts.get(&chart_name).await.unwrap();
    assert_eq!(
        again.metadata.resource_version, chart.metadata.resource_version,
        "the HelmChart was rewritten although its template did not change"
    );
    let interval = json!({"spec": {"chart": {"spec": {"interval": "7m"}}}});
    hrs.patch("site", &PatchParams::default(), &Patch::Merge(&interval))
        .await
        .unwrap();
    flux(&["reconcile", "hr", "site"]).success();
    let changed = charts.get(&chart_name).await.unwrap();
    assert_eq!(changed.spec.interval, "7m");

    let live = hrs.get("site").await.unwrap();
    let status = live.status.clone().unwrap();
    assert_eq!(status.helm_chart, Some(format!("{n}/{chart_name}")));
    assert_eq!(status.last_attempted_revision.as_deref(), Some("0.1.0"));
    assert_eq!(ready(&live).0, "True", "{}", r.stderr);
    let cms: Api<ConfigMap> = Api::namespaced(client.clone(), n);
    let cm = cms.get("site-greeting").await.unwrap();
    assert_eq!(
        cm.data.unwrap_or_default().get("greeting").map(String::as_str),
        Some("from a template")
    );

    flux(&["delete", "hr", "site", "-s"]).success();
    assert!(cms.get_opt("site-greeting").await.unwrap().is_none());
    assert!(charts.get_opt(&chart_name).await.unwrap().is_none());
}

/// `flux-rs controller` for `ns` as a process (sandboxed as in its Deployment), electing a
/// leader through a Lease there so that the CLI finds it.
pub(crate) fn start_controller(ns: &str) -> crate::process::ControllerProcess {
    use crate::harness::{bin, kubeconfig};
    let root = tempfile::Builder::new()
        .prefix("flux-rs-hr-ctl-")
        .tempdir()
        .unwrap();
    let tmp = root.path().join("tmp");
    let cwd = root.path().join("cwd");
    std::fs::create_dir(&tmp).unwrap();
    std::fs::create_dir(&cwd).unwrap();
    let mut cmd = std::process::Command::new(bin());
    cmd.arg("controller")
        .arg("--kubeconfig")
        .arg(kubeconfig())
        .args(["--watch-namespace", ns, "--runtime-namespace", ns])
        .arg("--storage-path")
        .arg(root.path().join("data"))
        .args([
            "--leader-elect",
            "--leader-election-lease-duration=4s",
            "--leader-election-renew-deadline=3s",
            "--leader-election-retry-period=500ms",
            "--log-encoding=json",
        ])
        .current_dir(&cwd)
        .env_clear()
        .env("HOME", root.path().join("home"))
        .env("TMPDIR", &tmp);
    crate::process::ControllerProcess::spawn("flux-rs controller", cmd, vec![root])
}

#[tokio::test]
async fn the_controller_installs_upgrades_follows_the_chart_source_and_uninstalls() {
    use crate::recorder::eventually;
    use std::time::Duration;
    const WAIT: Duration = Duration::from_secs(90);
    let bed = Bed::new("hr-ctl").await;
    let n = bed.n().to_string();
    let ctl = start_controller(&n);
    bed.point("hello", "0.1.0").await;
    // Hour-long intervals: every reconciliation below is the controller reacting to a change.
    bed.create_hr(
        "web",
        json!({
            "interval": "1h", "chartRef": {"kind": "OCIRepository", "name": "chart"},
            "values": {"greeting": "hi", "extra": true},
            "install": {"disableWait": true}, "upgrade": {"disableWait": true},
        }),
    )
    .await;
    let api: Api<HelmRelease> = Api::namespaced(bed.client.clone(), &n);
    let greeting = |want: &'static str| {
        let bed = &bed;
        async move {
            let cm = bed.config_map("web-greeting").await?;
            (cm.data?.get("greeting")? == want).then_some(())
        }
    };

    // Installed once the controller pulled the chart (the HelmRelease waits for it).
    eventually(WAIT, "the release installed by the controller", || async {
        let hr = api.get("web").await.ok()?;
        (meta::find_condition(hr.conditions(), READY)?.reason == "InstallSucceeded").then_some(())?;
        greeting("hi").await
    })
    .await;
    let hr = bed.hr("web").await;
    assert_eq!(ready(&hr).0, "True", "{:?}", ready(&hr));
    assert!(
        hr.metadata
            .finalizers
            .unwrap_or_default()
            .contains(&"finalizers.fluxcd.io".to_string())
    );
    assert!(bed.config_map("web-extra").await.is_some());

    // A values change upgrades.
    api.patch(
        "web",
        &PatchParams::default(),
        &Patch::Merge(json!({"spec": {"values": {"greeting": "hello again", "extra": false}}})),
    )
    .await
    .unwrap();
    eventually(WAIT, "the release upgraded with the new values", || async {
        greeting("hello again").await?;
        bed.config_map("web-extra").await.is_none().then_some(())
    })
    .await;
    eventually(WAIT, "Ready after the upgrade", || async {
        let hr = api.get("web").await.ok()?;
        (meta::find_condition(hr.conditions(), READY)?.reason == "UpgradeSucceeded").then_some(())
    })
    .await;
    let recs: Vec<(i64, String)> = bed.records("web").await.into_iter().map(|r| (r.0, r.1)).collect();
    assert_eq!(recs, [(1, "superseded".to_string()), (2, "deployed".to_string())]);

    // A new artifact of the chart's OCIRepository reconciles the HelmRelease at once.
    bed.point("hello", "0.2.0").await;
    eventually(WAIT, "the new chart version released", || async {
        let cm = bed.config_map("web-greeting").await?;
        (cm.data?.get("chart")? == "0.2.0").then_some(())
    })
    .await;

    // `reconcile hr --controller` finds the controller (its Lease) and goes through it.
    let out = crate::harness::flux_async(&["reconcile", "hr", "web", "--controller", "-n", &n]).await;
    out.success();
    assert!(
        out.stderr
            .contains(&format!("► annotating HelmRelease web in {n} namespace")),
        "{}",
        out.stderr
    );
    let handled = bed.hr("web").await.status.unwrap().last_handled_reconcile_at;
    assert!(handled.is_some(), "the controller handled the request");

    // Deleting the object uninstalls the release through the finalizer.
    api.delete("web", &DeleteParams::default()).await.unwrap();
    eventually(
        WAIT,
        "the HelmRelease gone and its release uninstalled",
        || async {
            api.get_opt("web").await.unwrap().is_none().then_some(())?;
            bed.config_map("web-greeting").await.is_none().then_some(())
        },
    )
    .await;
    assert!(
        Api::<Service>::namespaced(bed.client.clone(), &n)
            .get_opt("web-web")
            .await
            .unwrap()
            .is_none()
    );
    assert!(bed.records("web").await.is_empty(), "release records deleted");
    let logs = ctl.logs();
    assert!(
        logs.contains(r#""kind":"HelmRelease""#),
        "the controller logs its HelmRelease work: {logs}"
    );
}

#[tokio::test]
async fn depends_on_waits_for_the_release_it_names_to_be_ready() {
    use crate::harness::flux_env;
    let bed = Bed::new("hr-deps").await;
    let n = bed.n().to_string();
    bed.publish("hello", "0.1.0").await;
    let chart = json!({"kind": "OCIRepository", "name": "chart"});
    bed.create_hr(
        "db",
        json!({"interval": "10m", "chartRef": chart, "install": {"disableWait": true}}),
    )
    .await;
    bed.create_hr(
        "app",
        json!({"interval": "10m", "chartRef": chart, "install": {"disableWait": true},
               "dependsOn": [{"name": "db"}]}),
    )
    .await;

    // db not reconciled yet: app waits, nothing installed, retried after the requeue delay.
    let (report, hr) = bed.reconcile("app").await;
    assert_eq!(
        ready(&hr),
        (
            "False".into(),
            "DependencyNotReady".into(),
            format!("dependency '{n}/db' is not ready")
        )
    );
    let after = std::time::Duration::from_secs(7);
    assert_eq!(
        flux_rs::engine::helmrelease::controller_outcome(&report, after),
        Outcome::Retry {
            after,
            message: format!("dependency '{n}/db' is not ready")
        }
    );
    assert_eq!(
        hr.status.clone().unwrap().failures,
        None,
        "waiting is not a failure"
    );
    assert!(bed.records("app").await.is_empty(), "nothing installed");
    assert!(bed.config_map("app-greeting").await.is_none());

    // The one-shot CLI makes the same check and fails with the same message.
    let cache = tempfile::tempdir().unwrap();
    let env = [("XDG_CACHE_HOME", cache.path().to_str().unwrap())];
    let cli = flux_env(&["reconcile", "hr", "app", "-n", &n], &env);
    cli.code(1);
    assert!(
        cli.stderr.contains(&format!("dependency '{n}/db' is not ready")),
        "{}",
        cli.stderr
    );
    assert!(bed.config_map("app-greeting").await.is_none());

    // db ready at its generation: app installs.
    let (report, _) = bed.reconcile("db").await;
    assert_eq!(report.outcome, Outcome::Succeeded, "{report:?}");
    let (report, hr) = bed.reconcile("app").await;
    assert_eq!(report.outcome, Outcome::Succeeded, "{report:?}");
    assert_eq!(ready(&hr).1, "InstallSucceeded");
    assert!(bed.config_map("app-greeting").await.is_some());

    // A dependency that does not exist is named.
    bed.create_hr(
        "late",
        json!({"interval": "10m", "chartRef": chart, "install": {"disableWait": true},
               "dependsOn": [{"name": "db"}, {"name": "absent", "namespace": "elsewhere"}]}),
    )
    .await;
    let (_, hr) = bed.reconcile("late").await;
    assert_eq!(
        ready(&hr),
        (
            "False".into(),
            "DependencyNotReady".into(),
            "dependency 'elsewhere/absent' not found".into()
        )
    );
}

#[tokio::test]
async fn a_service_account_installs_only_what_its_rbac_allows() {
    let bed = Bed::new("hr-sa").await;
    let n = bed.n().to_string();
    bed.publish("hello", "0.1.0").await;
    // The account may keep release records (Secrets) but not make ConfigMaps or Services.
    let rbac: Vec<Value> = vec![
        json!({"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "deployer", "namespace": n}}),
        json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role",
               "metadata": {"name": "records", "namespace": n},
               "rules": [{"apiGroups": [""], "resources": ["secrets"],
                          "verbs": ["get", "list", "create", "patch", "update", "delete"]}]}),
        json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
               "metadata": {"name": "records", "namespace": n},
               "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "records"},
               "subjects": [{"kind": "ServiceAccount", "name": "deployer", "namespace": n}]}),
    ];
    apply_admin(&bed.client, rbac).await;
    bed.create_hr(
        "web",
        json!({"interval": "10m", "chartRef": {"kind": "OCIRepository", "name": "chart"},
               "install": {"disableWait": true}, "serviceAccountName": "deployer"}),
    )
    .await;

    let (report, hr) = bed.reconcile("web").await;
    // No install retries (the default): the failed release stalls, as with helm-controller.
    assert!(
        matches!(&report.outcome, Outcome::Stalled { reason, .. } if reason == "RetriesExceeded"),
        "{report:?}"
    );
    let (status, reason, message) = ready(&hr);
    assert_eq!((status.as_str(), reason.as_str()), ("False", "InstallFailed"));
    assert!(
        message.contains(&format!("system:serviceaccount:{n}:deployer")) && message.contains("forbidden"),
        "{message}"
    );
    assert!(message.contains("web-greeting"), "names the object: {message}");
    assert!(bed.config_map("web-greeting").await.is_none(), "nothing applied");

    // Granted: installed, the records written by the account.
    let grant: Vec<Value> = vec![
        json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role",
               "metadata": {"name": "objects", "namespace": n},
               "rules": [{"apiGroups": [""], "resources": ["configmaps", "services"],
                          "verbs": ["get", "list", "watch", "create", "patch", "update", "delete"]}]}),
        json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
               "metadata": {"name": "objects", "namespace": n},
               "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "objects"},
               "subjects": [{"kind": "ServiceAccount", "name": "deployer", "namespace": n}]}),
    ];
    apply_admin(&bed.client, grant).await;
    // A new generation starts the failure count again (the stalled release is not retried
    // as it is).
    Api::<HelmRelease>::namespaced(bed.client.clone(), &n)
        .patch(
            "web",
            &PatchParams::default(),
            &Patch::Merge(json!({"spec": {"values": {"greeting": "granted"}}})),
        )
        .await
        .unwrap();
    let (report, hr) = bed.reconcile("web").await;
    assert_eq!(report.outcome, Outcome::Succeeded, "{report:?}");
    assert_eq!(ready(&hr).0, "True");
    assert!(bed.config_map("web-greeting").await.is_some());
    let deployed: Vec<String> = bed.records("web").await.into_iter().map(|r| r.1).collect();
    assert_eq!(
        deployed.last().map(String::as_str),
        Some("deployed"),
        "{deployed:?}"
    );

    // An account that does not exist is named.
    bed.create_hr(
        "ghost",
        json!({"interval": "10m", "chartRef": {"kind": "OCIRepository", "name": "chart"},
               "install": {"disableWait": true}, "serviceAccountName": "nobody"}),
    )
    .await;
    let (_, hr) = bed.reconcile("ghost").await;
    let (status, _, message) = ready(&hr);
    assert_eq!(status, "False");
    assert_eq!(message, format!("the service account {n}/nobody does not exist"));
}

/// Applies `objects` as the test's admin.
async fn apply_admin(client: &Client, objects: Vec<Value>) {
    use flux_rs::apply::{ApplyOptions, Manager, Owner};
    let owner = Owner {
        field_manager: "test-admin".into(),
        labels: std::collections::BTreeMap::new(),
        conventions: None,
    };
    let opts = ApplyOptions {
        force: false,
        wait_timeout: std::time::Duration::from_secs(30),
        poll_interval: std::time::Duration::from_millis(200),
    };
    Manager::new(client.clone(), owner)
        .apply_all_staged(objects, &opts)
        .await
        .unwrap();
}
