//! The pure half of a HelmRelease reconciliation: values composed as helm-controller
//! composes them (`valuesFrom` in order, then `values`), the chart rendered by the native
//! Helm engine, the rendered documents turned into the objects to apply, and digests.
//! Runs on a thread of its own (the Helm engine's values are not `Send`, and templates may
//! nest deeply).

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};
use sha2::{Digest as _, Sha256};

use crate::api::helmrelease::PostRenderer;
use crate::api::kustomize::CommonMetadata;
use crate::helm::storage;
use crate::helm::value::Value as HelmValue;
use crate::helm::values::{self, SetKind};

mod postrender;
pub use postrender::{FILENAME_ANNOTATION, common_metadata_digest, post_renderers_digest};

/// Annotation Helm puts on every object of a release: the release name.
pub const RELEASE_NAME_ANNOTATION: &str = "meta.helm.sh/release-name";
/// Annotation Helm puts on every object of a release: the release namespace.
pub const RELEASE_NAMESPACE_ANNOTATION: &str = "meta.helm.sh/release-namespace";
/// Label Helm puts on every object of a release.
pub const MANAGED_BY_LABEL: &str = "app.kubernetes.io/managed-by";

/// One `valuesFrom` source as read from the cluster: its text and where it goes.
#[derive(Clone, Debug)]
pub struct ValuesSource {
    /// `ConfigMap/<ns>/<name>` key `<key>`, for errors.
    pub what: String,
    /// The data of the key.
    pub text: String,
    /// `targetPath`, when the value is set there instead of merged.
    pub target_path: Option<String>,
    /// `literal`: the value is set as a string, unparsed.
    pub literal: bool,
}

/// What to render.
#[derive(Clone, Debug, Default)]
pub struct RenderInput {
    /// The chart archive (`.tgz`).
    pub chart: Vec<u8>,
    /// `valuesFrom`, in order.
    pub values_from: Vec<ValuesSource>,
    /// `spec.values`.
    pub values: Map<String, Value>,
    /// Release name.
    pub release_name: String,
    /// Release namespace (`targetNamespace` or the HelmRelease's).
    pub namespace: String,
    /// Whether this is an upgrade (`.Release.IsUpgrade`).
    pub is_upgrade: bool,
    /// Include the chart's `crds/` in [`Rendered::objects`] (they are always in
    /// [`Rendered::crds`]).
    pub include_crds: bool,
    /// `spec.postRenderers`, applied in order to the rendered manifests.
    pub post_renderers: Vec<PostRenderer>,
    /// `spec.commonMetadata`, added to every post-rendered object.
    pub common_metadata: Option<CommonMetadata>,
    /// `spec.postRenderStrategy` (`combined` when unset).
    pub post_render_strategy: Option<String>,
    /// `install|upgrade.disableSchemaValidation`: the values are not checked against the
    /// chart's `values.schema.json`.
    pub skip_schema_validation: bool,
}

impl RenderInput {
    /// This input with the post-rendering `hr` asks for (`postRenderers`, `commonMetadata`,
    /// `postRenderStrategy`): what every caller rendering a HelmRelease's objects uses.
    #[must_use]
    pub fn post_rendered_as(mut self, hr: &crate::api::HelmRelease) -> Self {
        self.post_renderers = hr.spec.post_renderers.clone().unwrap_or_default();
        self.common_metadata.clone_from(&hr.spec.common_metadata);
        self.post_render_strategy
            .clone_from(&hr.spec.post_render_strategy);
        self
    }
}

/// A rendered release, ready to apply and record.
#[derive(Clone, Debug)]
pub struct Rendered {
    /// Chart name.
    pub chart_name: String,
    /// Chart version.
    pub chart_version: String,
    /// Chart app version.
    pub app_version: String,
    /// The chart as the release record holds it.
    pub chart_json: Value,
    /// The composed user values (the record's `config`).
    pub config: Map<String, Value>,
    /// `sha256:<hex>` of the composed values.
    pub config_digest: String,
    /// The record's manifest text (post-rendered).
    pub manifest: String,
    /// The rendered NOTES.txt.
    pub notes: String,
    /// The objects to apply, namespaced and labelled as Helm labels them.
    pub objects: Vec<Value>,
    /// The chart's hooks (`helm.sh/hook`) as the release record holds them, in Helm's kind
    /// order.
    pub hooks: Vec<crate::helm::hooks::Hook>,
    /// The CustomResourceDefinitions of the chart's `crds/` directories (and its
    /// subcharts'), applied by the CRD policy; other kinds there are ignored, as
    /// helm-controller ignores them. Not post-rendered.
    pub crds: Vec<Value>,
}

/// Why rendering failed: the values (helm-controller's `InitFailed`), the chart archive
/// (`ArtifactFailed`), or the templates and the manifests they make (an install or upgrade
/// failure).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RenderFailure {
    /// Composing the values failed.
    Values(String),
    /// The chart could not be loaded.
    Chart(String),
    /// Rendering failed or made an invalid manifest.
    Render(String),
}

/// Composes the values: each `valuesFrom` merged (or set at its `targetPath`) in order,
/// then `spec.values` merged over them. Returns the values as JSON with Go's numbers.
pub fn compose_values(
    sources: &[ValuesSource],
    spec_values: &Map<String, Value>,
) -> Result<Map<String, Value>, String> {
    let mut acc = values::new_map();
    for s in sources {
        match &s.target_path {
            None => {
                let m = values::parse_values(&s.text)
                    .map_err(|e| format!("{}: cannot parse values: {}", s.what, e.0))?;
                acc = values::merge_maps(&acc, &m);
            }
            Some(path) => {
                let expr = format!("{path}={}", s.text);
                let r = if s.literal {
                    values::apply_set_literal(&expr, &acc)
                } else {
                    values::apply_set(&expr, &acc, SetKind::Typed, &|_| {
                        Err("files are not read".to_string())
                    })
                };
                r.map_err(|e| format!("{}: cannot set targetPath {path:?}: {}", s.what, e.0))?;
            }
        }
    }
    if let HelmValue::Map(m) = HelmValue::from_json(&Value::Object(spec_values.clone()), false) {
        acc = values::merge_maps(&acc, &m);
    }
    match storage::go_numbers(HelmValue::Map(acc).to_json()) {
        Value::Object(m) => Ok(m),
        _ => Ok(Map::new()),
    }
}

/// The digest of values as helm-controller records it (`sha256:<hex>` of their YAML; no
/// values digest the empty input).
pub fn config_digest(config: &Map<String, Value>) -> String {
    let text = if config.is_empty() {
        String::new()
    } else {
        crate::yaml::to_string(&Value::Object(config.clone()))
    };
    format!("sha256:{:x}", Sha256::digest(text.as_bytes()))
}

/// Renders on a thread with a large stack; never panics the caller.
pub async fn render(input: RenderInput) -> Result<Rendered, RenderFailure> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    let spawned = std::thread::Builder::new()
        .name("helmrelease-render".into())
        .stack_size(256 << 20)
        .spawn(move || {
            let _ = tx.send(render_now(&input));
        });
    if let Err(e) = spawned {
        return Err(RenderFailure::Render(format!(
            "cannot start the rendering thread: {e}"
        )));
    }
    rx.await
        .unwrap_or_else(|_| Err(RenderFailure::Render("rendering failed unexpectedly".into())))
}

/// Renders in this thread.
pub fn render_now(input: &RenderInput) -> Result<Rendered, RenderFailure> {
    let config = compose_values(&input.values_from, &input.values).map_err(RenderFailure::Values)?;
    let chart = crate::helm::chart::load_archive(&input.chart)
        .map_err(|e| RenderFailure::Chart(format!("cannot load the chart: {e}")))?;
    let chart_json = storage::chart_json(&chart);
    let (chart_name, chart_version, app_version) = (
        chart.metadata.name.clone(),
        chart.metadata.version.clone(),
        chart.metadata.app_version.clone(),
    );
    let user = match HelmValue::from_json(&Value::Object(config.clone()), false) {
        HelmValue::Map(m) => m,
        _ => values::new_map(),
    };
    let opts = crate::helm::render::Options {
        release_name: input.release_name.clone(),
        namespace: input.namespace.clone(),
        is_upgrade: input.is_upgrade,
        skip_schema_validation: input.skip_schema_validation,
        ..crate::helm::render::Options::default()
    };
    let mut rel = crate::helm::render::install(chart, &user, &opts, None)
        .map_err(|e| RenderFailure::Render(e.to_string()))?;
    let post = postrender::PostRender {
        renderers: &input.post_renderers,
        common_metadata: input.common_metadata.as_ref(),
        strategy: input.post_render_strategy.as_deref(),
    };
    postrender::post_render(&mut rel, &post).map_err(RenderFailure::Render)?;
    let crds = crd_objects(&rel.crds)?;
    let manifest = crate::helm::render::manifest_text(&rel, false);
    let hooks = crate::helm::hooks::hooks_of(&rel.hooks).map_err(RenderFailure::Render)?;
    let mut docs: Vec<(String, String)> = Vec::new();
    if input.include_crds {
        docs.extend(rel.crds.iter().cloned());
    }
    docs.extend(rel.manifests.iter().map(|m| (m.path.clone(), m.content.clone())));
    let mut objects = Vec::new();
    for (path, text) in &docs {
        let parsed = crate::yaml::from_str_json(text)
            .map_err(|e| RenderFailure::Render(format!("{path}: invalid YAML: {e}")))?;
        for mut obj in parsed.into_iter().filter(|v| !v.is_null()) {
            crate::cluster::ObjectRef::from_value(&obj)
                .map_err(|e| RenderFailure::Render(format!("{path}: {e}")))?;
            if !obj["metadata"].is_object() {
                return Err(RenderFailure::Render(format!("{path}: metadata is not a map")));
            }
            own(&mut obj, &input.release_name, &input.namespace);
            objects.push(obj);
        }
    }
    Ok(Rendered {
        chart_name,
        chart_version,
        app_version,
        chart_json,
        config_digest: config_digest(&config),
        config,
        manifest,
        notes: rel.notes.clone(),
        objects,
        hooks,
        crds,
    })
}

/// The CustomResourceDefinitions of the chart's CRD files.
fn crd_objects(files: &[(String, String)]) -> Result<Vec<Value>, RenderFailure> {
    let mut out = Vec::new();
    for (path, text) in files {
        let docs = crate::yaml::from_str_json(text)
            .map_err(|e| RenderFailure::Render(format!("{path}: invalid YAML: {e}")))?;
        for doc in docs.into_iter().filter(|v| !v.is_null()) {
            let r = crate::cluster::ObjectRef::from_value(&doc)
                .map_err(|e| RenderFailure::Render(format!("{path}: {e}")))?;
            if r.group == "apiextensions.k8s.io" && r.kind == "CustomResourceDefinition" {
                out.push(doc);
            }
        }
    }
    Ok(out)
}

/// Marks an object as Helm marks the objects of a release (the ownership metadata `helm
/// upgrade` checks), and puts it in the release namespace when it has none (cluster-scoped
/// kinds lose it again at apply).
fn own(obj: &mut Value, release: &str, namespace: &str) {
    let meta = &mut obj["metadata"];
    if meta["namespace"].as_str().is_none_or(str::is_empty) {
        meta["namespace"] = json!(namespace);
    }
    if !meta["annotations"].is_object() {
        meta["annotations"] = json!({});
    }
    meta["annotations"][RELEASE_NAME_ANNOTATION] = json!(release);
    meta["annotations"][RELEASE_NAMESPACE_ANNOTATION] = json!(namespace);
    if !meta["labels"].is_object() {
        meta["labels"] = json!({});
    }
    meta["labels"][MANAGED_BY_LABEL] = json!("Helm");
}

/// The objects of a recorded manifest as an apply takes them (marked and namespaced as
/// [`render_now`] does), for a rollback to that revision.
pub fn manifest_documents(manifest: &str, release: &str, namespace: &str) -> Result<Vec<Value>, String> {
    let mut out = Vec::new();
    for mut doc in crate::yaml::from_str_json(manifest).map_err(|e| format!("invalid manifest: {e}"))? {
        if doc.is_null() {
            continue;
        }
        crate::cluster::ObjectRef::from_value(&doc).map_err(|e| e.to_string())?;
        if !doc["metadata"].is_object() {
            return Err("an object's metadata is not a map".into());
        }
        own(&mut doc, release, namespace);
        out.push(doc);
    }
    Ok(out)
}

/// The objects of a recorded manifest (an older revision's), for what an upgrade removes and
/// an uninstall deletes; namespaced as [`render_now`] namespaces them.
pub fn manifest_objects(manifest: &str, namespace: &str) -> Result<Vec<crate::cluster::ObjectRef>, String> {
    let mut out = Vec::new();
    for doc in crate::yaml::from_str_json(manifest).map_err(|e| format!("invalid manifest: {e}"))? {
        if doc.is_null() {
            continue;
        }
        let mut r = crate::cluster::ObjectRef::from_value(&doc).map_err(|e| e.to_string())?;
        if r.namespace.is_empty() {
            r.namespace = namespace.to_string();
        }
        out.push(r);
    }
    Ok(out)
}

/// `data.<key>` of a ConfigMap or Secret (decoded), by the `valuesFrom` rules.
pub fn data_of(obj: &Value, kind: &str, key: &str) -> Option<String> {
    use base64::Engine as _;
    if kind == "Secret" {
        if let Some(s) = obj["stringData"][key].as_str() {
            return Some(s.to_string());
        }
        let b = base64::engine::general_purpose::STANDARD
            .decode(obj["data"][key].as_str()?)
            .ok()?;
        return String::from_utf8(b).ok();
    }
    obj["data"][key].as_str().map(str::to_string).or_else(|| {
        use base64::Engine as _;
        let b = base64::engine::general_purpose::STANDARD
            .decode(obj["binaryData"][key].as_str()?)
            .ok()?;
        String::from_utf8(b).ok()
    })
}

/// Sorted labels for display.
pub fn labels_of(obj: &Value) -> BTreeMap<String, String> {
    obj["metadata"]["labels"]
        .as_object()
        .map(|m| {
            m.iter()
                .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart_tgz() -> Vec<u8> {
        fixture_tgz("hello")
    }

    fn fixture_tgz(name: &str) -> Vec<u8> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/helm");
        let mut b = tar::Builder::new(flate2::write::GzEncoder::new(
            Vec::new(),
            flate2::Compression::fast(),
        ));
        b.append_dir_all(name, dir.join(name)).unwrap();
        b.into_inner().unwrap().finish().unwrap()
    }

    #[test]
    fn disable_schema_validation_skips_the_values_schema() {
        let dir = tempfile::tempdir().unwrap();
        let chart = dir.path().join("strict");
        std::fs::create_dir_all(chart.join("templates")).unwrap();
        std::fs::write(
            chart.join("Chart.yaml"),
            "apiVersion: v2\nname: strict\nversion: 1.0.0\n",
        )
        .unwrap();
        std::fs::write(chart.join("values.yaml"), "replicas: 1\n").unwrap();
        std::fs::write(
            chart.join("values.schema.json"),
            r#"{"type": "object", "properties": {"replicas": {"type": "integer"}}}"#,
        )
        .unwrap();
        std::fs::write(
            chart.join("templates/cm.yaml"),
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: strict\ndata:\n  replicas: {{ .Values.replicas | quote }}\n",
        )
        .unwrap();
        let mut b = tar::Builder::new(flate2::write::GzEncoder::new(
            Vec::new(),
            flate2::Compression::fast(),
        ));
        b.append_dir_all("strict", &chart).unwrap();
        let mut input = RenderInput {
            chart: b.into_inner().unwrap().finish().unwrap(),
            release_name: "s".into(),
            namespace: "apps".into(),
            values: json!({"replicas": "many"}).as_object().unwrap().clone(),
            ..RenderInput::default()
        };
        let Err(RenderFailure::Render(message)) = render_now(&input) else {
            panic!("the schema must refuse a string")
        };
        assert!(
            message.contains("values don't meet the specifications"),
            "{message}"
        );
        input.skip_schema_validation = true;
        let r = render_now(&input).unwrap();
        assert_eq!(r.objects[0]["data"]["replicas"], "many");
    }

    #[test]
    fn post_renderers_and_common_metadata_shape_objects_and_manifest() {
        let input = RenderInput {
            chart: fixture_tgz("shaped"),
            release_name: "web".into(),
            namespace: "apps".into(),
            post_renderers: serde_json::from_value(json!([{"kustomize": {
                "patches": [{"patch": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-settings\ndata:\n  patched: \"yes\"\n"}],
                "images": [{"name": "nginx", "newName": "registry.example/nginx", "digest": "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}],
            }}]))
            .unwrap(),
            common_metadata: serde_json::from_value(json!({"labels": {"team": "blue"}, "annotations": {"owner": "ops"}})).unwrap(),
            ..RenderInput::default()
        };
        let r = render_now(&input).unwrap();
        let names: Vec<&str> = r
            .objects
            .iter()
            .map(|o| o["metadata"]["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["web-settings", "web-app"], "Helm's install order");
        let (cm, deploy) = (&r.objects[0], &r.objects[1]);
        assert_eq!(cm["data"], json!({"note": "first", "patched": "yes"}));
        assert_eq!(
            deploy["spec"]["template"]["spec"]["containers"][0]["image"],
            "registry.example/nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
        );
        for o in &r.objects {
            assert_eq!(o["metadata"]["labels"]["team"], "blue", "{o}");
            assert_eq!(o["metadata"]["annotations"]["owner"], "ops", "{o}");
            assert_eq!(o["metadata"]["annotations"][RELEASE_NAME_ANNOTATION], "web");
            assert!(o["metadata"]["annotations"].get(FILENAME_ANNOTATION).is_none());
        }
        // The recorded manifest is the post-rendered one.
        assert!(
            r.manifest.contains("registry.example/nginx@sha256:"),
            "{}",
            r.manifest
        );
        assert!(r.manifest.contains("patched: \"yes\""), "{}", r.manifest);
        assert!(r.manifest.contains("team: blue"), "{}", r.manifest);
        assert!(r.manifest.contains("# Source: shaped/templates/deployment.yaml"));
        // CRDs are apart and not post-rendered.
        assert_eq!(r.crds.len(), 1);
        assert_eq!(r.crds[0]["metadata"]["name"], "gadgets.shaped.flux-rs.test");
        assert!(r.crds[0]["metadata"]["labels"].is_null());
        assert!(!r.manifest.contains("CustomResourceDefinition"));

        let bad = RenderInput {
            post_renderers: serde_json::from_value(json!([{"kustomize": {"patches": [{"patch": "- op: replace\n  path: /nope/x\n  value: 1\n", "target": {"kind": "ConfigMap"}}]}}])).unwrap(),
            ..input
        };
        let e = render_now(&bad).unwrap_err();
        assert!(
            matches!(&e, RenderFailure::Render(m) if m.starts_with("spec.postRenderers[0].kustomize: ")),
            "{e:?}"
        );
    }

    fn src(text: &str, target: Option<&str>, literal: bool) -> ValuesSource {
        ValuesSource {
            what: "ConfigMap/apps/v key values.yaml".into(),
            text: text.into(),
            target_path: target.map(str::to_string),
            literal,
        }
    }

    #[test]
    fn values_from_then_values_in_order() {
        let spec = json!({"b": {"z": 3}, "n": 1}).as_object().unwrap().clone();
        let out = compose_values(
            &[
                src("a: 1\nb:\n  x: 1\n  z: 1\n", None, false),
                src("2", Some("b.x"), false),
                src("007", Some("c.d"), true),
            ],
            &spec,
        )
        .unwrap();
        assert_eq!(
            Value::Object(out),
            json!({"a": 1, "b": {"x": 2, "z": 3}, "c": {"d": "007"}, "n": 1})
        );
        let e = compose_values(&[src("a: [", None, false)], &Map::new()).unwrap_err();
        assert!(
            e.starts_with("ConfigMap/apps/v key values.yaml: cannot parse values"),
            "{e}"
        );
    }

    #[test]
    fn digests_follow_the_values() {
        let a = json!({"x": 1}).as_object().unwrap().clone();
        let b = json!({"x": 2}).as_object().unwrap().clone();
        assert_ne!(config_digest(&a), config_digest(&b));
        assert_eq!(config_digest(&a), config_digest(&a.clone()));
        assert_eq!(
            config_digest(&Map::new()),
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn a_chart_renders_into_owned_namespaced_objects() {
        let input = RenderInput {
            chart: chart_tgz(),
            values_from: vec![],
            values: json!({"greeting": "hey", "extra": true})
                .as_object()
                .unwrap()
                .clone(),
            release_name: "web".into(),
            namespace: "apps".into(),
            is_upgrade: false,
            include_crds: true,
            ..RenderInput::default()
        };
        let r = render_now(&input).unwrap();
        assert!(r.crds.is_empty());
        assert_eq!(
            (r.chart_name.as_str(), r.chart_version.as_str()),
            ("hello", "0.1.0")
        );
        let names: Vec<&str> = r
            .objects
            .iter()
            .map(|o| o["metadata"]["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["web-greeting", "web-extra", "web-web"]);
        let cm = &r.objects[0];
        assert_eq!(cm["metadata"]["namespace"], "apps");
        assert_eq!(cm["data"]["greeting"], "hey");
        assert_eq!(cm["metadata"]["annotations"][RELEASE_NAME_ANNOTATION], "web");
        assert_eq!(cm["metadata"]["labels"][MANAGED_BY_LABEL], "Helm");
        assert_eq!(r.notes.trim(), "web says hey.");
        assert!(r.manifest.contains("# Source: hello/templates/configmap.yaml"));
        let refs = manifest_objects(&r.manifest, "apps").unwrap();
        assert_eq!(refs.len(), 3);
        assert!(refs.iter().all(|o| o.namespace == "apps"));

        let bad = RenderInput {
            chart: b"not a chart".to_vec(),
            ..input
        };
        assert!(matches!(render_now(&bad), Err(RenderFailure::Chart(_))));
    }
}
