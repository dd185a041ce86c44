//! The HelmRelease commands beyond upstream's and the ones that follow a release: `build
//! helmrelease` (online with valuesFrom, offline with --values and --chart), `diff
//! helmrelease` (exit codes, masked Secrets, deletions, -o json), `tree hr`, `trace` of a
//! release's object, and `create hr --values-from --crds --export`, against the real API
//! server and a real registry.

use flux_rs::api::HelmRelease;
use k8s_openapi::api::core::v1::ConfigMap;
use kube::api::{Api, Patch, PatchParams, PostParams};
use serde_json::{Value, json};

use crate::harness::flux_env;
use crate::helmrelease::{Bed, fixture, ready};

/// A ConfigMap `name` with `values.yaml` set to `values`, created or replaced.
async fn values_config_map(bed: &Bed, name: &str, values: &str) {
    let api: Api<ConfigMap> = Api::namespaced(bed.client.clone(), bed.n());
    let cm: ConfigMap = serde_json::from_value(json!({
        "apiVersion": "v1", "kind": "ConfigMap",
        "metadata": {"name": name, "namespace": bed.n()},
        "data": {"values.yaml": values},
    }))
    .unwrap();
    if api.get_opt(name).await.unwrap().is_some() {
        api.patch(name, &PatchParams::default(), &Patch::Merge(&cm))
            .await
            .unwrap();
    } else {
        api.create(&PostParams::default(), &cm).await.unwrap();
    }
}

#[tokio::test]
async fn build_and_diff_of_a_helmrelease_online_and_offline() {
    let bed = Bed::new("hr-build").await;
    let n = bed.n().to_string();
    bed.publish("creds", "0.1.0").await;
    values_config_map(
        &bed,
        "vals",
        "greeting: from-configmap\npassword: first-password\n",
    )
    .await;
    bed.create_hr(
        "web",
        json!({"interval": "5m", "chartRef": {"kind": "OCIRepository", "name": "chart"},
            "valuesFrom": [{"kind": "ConfigMap", "name": "vals"}]}),
    )
    .await;
    let cache = tempfile::tempdir().unwrap();
    let env = [("XDG_CACHE_HOME", cache.path().to_str().unwrap())];
    let flux = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(["-n", &n]);
        flux_env(&all, &env)
    };

    // Online: the chart of the OCIRepository, valuesFrom from the cluster.
    let built = flux(&["build", "helmrelease", "web"]);
    built.success();
    let docs: Vec<Value> = flux_rs::yaml::from_str_json(&built.stdout).unwrap();
    let names: Vec<(&str, &str)> = docs
        .iter()
        .map(|d| {
            (
                d["kind"].as_str().unwrap(),
                d["metadata"]["name"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        names.len(),
        3,
        "ConfigMaps config and extra, Secret creds: {names:?}"
    );
    for want in [
        ("ConfigMap", "web-config"),
        ("ConfigMap", "web-extra"),
        ("Secret", "web-creds"),
    ] {
        assert!(names.contains(&want), "{want:?} in {names:?}");
    }
    let config = docs
        .iter()
        .find(|d| d["metadata"]["name"] == "web-config")
        .unwrap();
    assert_eq!(config["data"]["greeting"], "from-configmap");
    assert_eq!(config["metadata"]["namespace"], n.as_str());
    assert_eq!(
        config["metadata"]["annotations"]["meta.helm.sh/release-name"],
        "web"
    );
    assert_eq!(config["metadata"]["labels"]["helm.toolkit.fluxcd.io/name"], "web");
    // Nothing was written: no release, no finalizer, no status.
    assert!(bed.records("web").await.is_empty());
    let hr = bed.hr("web").await;
    assert!(hr.metadata.finalizers.is_none(), "{:?}", hr.metadata.finalizers);
    assert!(hr.status.is_none(), "{:?}", hr.status);

    // A missing required valuesFrom source is an error naming it.
    bed.create_hr(
        "broken",
        json!({"interval": "5m", "chartRef": {"kind": "OCIRepository", "name": "chart"},
            "valuesFrom": [{"kind": "Secret", "name": "absent"}]}),
    )
    .await;
    let failed = flux(&["build", "hr", "broken"]);
    failed.code(1);
    assert!(
        failed.stderr.contains(&format!(
            "spec.valuesFrom[0]: Secret/{n}/absent key values.yaml: not found"
        )),
        "{}",
        failed.stderr
    );

    // Offline: the HelmRelease and the chart from files, --values over spec.values.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hr.yaml");
    std::fs::write(
        &file,
        format!(
            "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: web\n  namespace: {n}\n\
             spec:\n  interval: 5m\n  releaseName: offline\n  chartRef: {{kind: OCIRepository, name: chart}}\n\
             \x20 valuesFrom: [{{kind: ConfigMap, name: vals}}]\n  values: {{greeting: from-spec, extra: true}}\n"
        ),
    )
    .unwrap();
    let values = dir.path().join("values.yaml");
    std::fs::write(&values, "greeting: from-file\nextra: false\n").unwrap();
    let chart = fixture("creds");
    let offline = crate::harness::flux_bare(
        &[
            "build",
            "hr",
            "web",
            "--helmrelease-file",
            file.to_str().unwrap(),
            "--chart",
            chart.to_str().unwrap(),
            "--values",
            values.to_str().unwrap(),
            "--dry-run",
        ],
        &[("KUBECONFIG", "/nonexistent/kubeconfig")],
    );
    offline.success();
    let docs: Vec<Value> = flux_rs::yaml::from_str_json(&offline.stdout).unwrap();
    let names: Vec<&str> = docs
        .iter()
        .map(|d| d["metadata"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names.contains(&"offline-config") && names.contains(&"offline-creds"));
    let config = docs
        .iter()
        .find(|d| d["metadata"]["name"] == "offline-config")
        .unwrap();
    assert_eq!(config["data"]["greeting"], "from-file");
    assert!(
        offline
            .stderr
            .contains("valuesFrom ConfigMap/vals left out (--dry-run)"),
        "{}",
        offline.stderr
    );
    let usage = crate::harness::flux_bare(
        &[
            "build",
            "hr",
            "web",
            "--helmrelease-file",
            file.to_str().unwrap(),
            "--dry-run",
        ],
        &[],
    );
    usage.code(2);
    assert!(usage.stderr.contains("--dry-run requires"), "{}", usage.stderr);

    // Install, then nothing to change.
    let (_, hr) = bed.reconcile("web").await;
    assert_eq!(ready(&hr).0, "True", "{:?}", ready(&hr));
    let same = flux(&["diff", "helmrelease", "web"]);
    same.code(0);
    assert_eq!(same.stdout, "", "{}", same.stderr);

    // New values: the ConfigMap and the Secret drift, the extra ConfigMap is dropped.
    values_config_map(
        &bed,
        "vals",
        "greeting: changed\nextra: false\npassword: second-password\n",
    )
    .await;
    let changed = flux(&["diff", "hr", "web"]);
    changed.code(1);
    let out = &changed.stdout;
    assert!(
        out.contains(&format!("► ConfigMap/{n}/web-config drifted")),
        "{out}"
    );
    assert!(out.contains("-  greeting: from-configmap\n"), "{out}");
    assert!(out.contains("+  greeting: changed\n"), "{out}");
    assert!(out.contains(&format!("► Secret/{n}/web-creds drifted")), "{out}");
    assert!(
        out.contains("*** (before)") && out.contains("*** (after)"),
        "{out}"
    );
    assert!(
        out.contains(&format!("► ConfigMap/{n}/web-extra deleted")),
        "{out}"
    );
    for secret in [
        "first-password",
        "second-password",
        "Zmlyc3QtcGFzc3dvcmQ",
        "c2Vjb25kLXBhc3N3b3Jk",
    ] {
        assert!(!out.contains(secret), "{secret} shown: {out}");
        assert!(!changed.stderr.contains(secret), "{secret} shown");
    }
    assert!(
        changed
            .stderr
            .contains("identified at least one change, exiting with non-zero exit code"),
        "{}",
        changed.stderr
    );

    let json_out = flux(&["diff", "hr", "web", "-o", "json"]);
    json_out.code(1);
    let v: Value = serde_json::from_str(&json_out.stdout).unwrap();
    assert_eq!(v["changed"], true);
    assert_eq!(v["helmrelease"], json!({"name": "web", "namespace": n}));
    assert_eq!(v["summary"]["drifted"], 2, "{v}");
    assert_eq!(v["summary"]["deleted"], 1, "{v}");
    assert!(!json_out.stdout.contains("second-password"));
    assert!(!json_out.stdout.contains("c2Vjb25kLXBhc3N3b3Jk"));
    // The diff changed nothing: still revision 1.
    assert_eq!(bed.records("web").await.len(), 1);

    // An error (a chart source that does not exist) exits 2.
    bed.create_hr(
        "nosource",
        json!({"interval": "5m", "chartRef": {"kind": "OCIRepository", "name": "absent"}}),
    )
    .await;
    let error = flux(&["diff", "hr", "nosource"]);
    error.code(2);
    assert!(error.stderr.contains("absent"), "{}", error.stderr);

    // The release's objects: tree and trace.
    let tree = flux(&["tree", "hr", "web"]);
    tree.success();
    assert!(
        tree.stdout.starts_with(&format!("HelmRelease/{n}/web\n")),
        "{}",
        tree.stdout
    );
    for obj in [
        "ConfigMap/{n}/web-config",
        "Secret/{n}/web-creds",
        "ConfigMap/{n}/web-extra",
    ] {
        let obj = obj.replace("{n}", &n);
        assert!(tree.stdout.contains(&obj), "{obj}: {}", tree.stdout);
    }
    let tree_json = flux(&["tree", "hr", "web", "-o", "json"]);
    tree_json.success();
    let t: Value = serde_json::from_str(&tree_json.stdout).unwrap();
    assert_eq!(t["resource"]["GroupKind"]["Kind"], "HelmRelease");
    assert_eq!(t["resources"].as_array().unwrap().len(), 3, "{t}");

    let traced = flux(&["trace", "configmap", "web-config"]);
    traced.success();
    let out = &traced.stdout;
    assert!(
        out.contains("Object:") && out.contains("ConfigMap/web-config"),
        "{out}"
    );
    assert!(out.contains("HelmRelease:") && out.contains("web\n"), "{out}");
    assert!(out.contains("Chart:") && out.contains("creds@0.1.0"), "{out}");
    assert!(out.contains("Release:") && out.contains("web.v1"), "{out}");
    assert!(out.contains("OCIRepository:") && out.contains("chart\n"), "{out}");
    assert!(
        out.contains("Revision:") && out.contains("0.1.0@sha256:"),
        "{out}"
    );
    let hr: HelmRelease = bed.hr("web").await;
    assert!(hr.status.unwrap().inventory.is_some());
}

#[tokio::test]
async fn create_hr_exports_values_from_and_the_crds_policy() {
    let export = crate::harness::flux_bare(
        &[
            "create",
            "hr",
            "web",
            "--chart-ref",
            "OCIRepository/chart",
            "--values-from",
            "Secret/secret-values,ConfigMap/defaults",
            "--values-from",
            "ConfigMap/more",
            "--crds",
            "CreateReplace",
            "--export",
            "-n",
            "apps",
        ],
        &[],
    );
    export.success();
    assert_eq!(
        export.stdout,
        "---\napiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: web\n  namespace: apps\n\
         spec:\n  chartRef:\n    kind: OCIRepository\n    name: chart\n  install:\n    crds: CreateReplace\n  \
         interval: 1m0s\n  upgrade:\n    crds: CreateReplace\n  valuesFrom:\n  - kind: Secret\n    name: secret-values\n  \
         - kind: ConfigMap\n    name: defaults\n  - kind: ConfigMap\n    name: more\n"
    );
    let bad = crate::harness::flux_bare(
        &[
            "create",
            "hr",
            "web",
            "--chart-ref",
            "OCIRepository/chart",
            "--values-from",
            "Deployment/x",
            "--export",
        ],
        &[],
    );
    bad.code(2);
    assert!(bad.stderr.contains("(Secret,ConfigMap)"), "{}", bad.stderr);
}

/// `spec.chart`: before any reconciliation, `build hr` builds the template's HelmChart locally
/// without creating it; after the install, `trace` names the HelmChart and its Git source.
#[tokio::test]
async fn a_chart_template_is_built_without_creating_its_helmchart() {
    use flux_rs::api::HelmChart;
    use kube::api::PostParams;
    crate::harness::ensure_crds();
    let ns = crate::harness::TestNamespace::new("hr-build-template").await;
    let n = ns.name.clone();
    let client = crate::harness::client().await;
    let work = crate::helmrelease::work_repo_with_hello_chart();
    work.commit("chart");
    let cache = tempfile::tempdir().unwrap();
    let env = [("XDG_CACHE_HOME", cache.path().to_str().unwrap())];
    let flux = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(["-n", &n]);
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
    let hrs: Api<HelmRelease> = Api::namespaced(client.clone(), &n);
    let hr: HelmRelease = serde_json::from_value(json!({
        "apiVersion": "helm.toolkit.fluxcd.io/v2", "kind": "HelmRelease",
        "metadata": {"name": "site", "namespace": n},
        "spec": {"interval": "5m",
            "chart": {"spec": {"chart": "./charts/hello", "sourceRef": {"kind": "GitRepository", "name": "repo"}}},
            "values": {"greeting": "from a template"}},
    }))
    .unwrap();
    hrs.create(&PostParams::default(), &hr).await.unwrap();

    let built = flux(&["build", "hr", "site"]);
    built.success();
    assert!(
        built.stdout.contains("greeting: from a template"),
        "{}",
        built.stdout
    );
    let charts: Api<HelmChart> = Api::namespaced(client.clone(), &n);
    assert!(
        charts.get_opt(&format!("{n}-site")).await.unwrap().is_none(),
        "build must not create the HelmChart"
    );

    flux(&["reconcile", "hr", "site"]).success();
    let again = flux(&["build", "hr", "site"]);
    again.success();
    assert_eq!(again.stdout, built.stdout);
    let traced = flux(&["trace", "configmap/site-greeting"]);
    traced.success();
    let out = &traced.stdout;
    assert!(out.contains("HelmRelease:") && out.contains("Chart:"), "{out}");
    assert!(out.contains(&format!("HelmChart:     {n}-site")), "{out}");
    assert!(out.contains("GitRepository: repo"), "{out}");
    assert!(out.contains("Branch:") && out.contains("main"), "{out}");
}
