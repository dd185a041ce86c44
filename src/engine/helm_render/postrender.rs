//! Post-rendering a release as helm-controller's post-renderers do: each
//! `spec.postRenderers[].kustomize` (patches, then images) in order through the native
//! kustomize engine ([`crate::build::postrender`]), then `spec.commonMetadata` (labels and
//! annotations on every object). Helm 4 feeds the renderers the release's documents
//! (`postRenderStrategy`: with the hooks by default, `nohooks`, or the two apart with
//! `separate`), each document marked with the file it came from, and sorts the result back
//! into manifests and hooks by file: the release's manifest is the post-rendered one.
//!
//! The digests helm-controller records in `status.observedPostRenderersDigest` and
//! `observedCommonMetadataDigest` are computed here the way it computes them: SHA-256 of the
//! spec field as Go's JSON encoder writes it (field order of the Go types, `omitempty`,
//! HTML-safe escaping, a final newline).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::{Value, json};
use sha2::{Digest as _, Sha256};

use crate::api::helmrelease::PostRenderer;
use crate::api::kustomize::{CommonMetadata, Selector};
use crate::build::kfile::{ImageSpec, PatchSpec, Selector as KSelector};
use crate::helm::render::{Hook, Manifest, Release};

/// The annotation Helm 4 marks each document with while post-renderers run, so the result
/// can be split back into the files it came from.
pub const FILENAME_ANNOTATION: &str = "postrenderer.helm.sh/postrender-filename";

/// What post-renders a release.
#[derive(Clone, Copy, Debug)]
pub struct PostRender<'a> {
    /// `spec.postRenderers`.
    pub renderers: &'a [PostRenderer],
    /// `spec.commonMetadata`.
    pub common_metadata: Option<&'a CommonMetadata>,
    /// `spec.postRenderStrategy` (`combined` when unset, Helm 4's default).
    pub strategy: Option<&'a str>,
}

impl PostRender<'_> {
    fn is_noop(&self) -> bool {
        self.common_metadata.is_none() && self.renderers.iter().all(|r| r.kustomize.is_none())
    }
}

/// Post-renders the manifests (and hooks, by the strategy) of `rel` in place. Nothing
/// changes when there is nothing to post-render.
pub fn post_render(rel: &mut Release, pr: &PostRender<'_>) -> Result<(), String> {
    if pr.is_noop() {
        return Ok(());
    }
    let manifests = rel.manifests.iter().map(|m| (m.path.clone(), m.content.clone()));
    let hooks = rel
        .hooks
        .iter()
        .map(|h| (h.manifest.path.clone(), h.manifest.content.clone()));
    match pr.strategy.unwrap_or("combined") {
        "combined" => {
            let (m, h) = run(&manifests.chain(hooks).collect::<Vec<_>>(), pr)?;
            rel.manifests = m;
            rel.hooks = h;
        }
        "nohooks" => {
            let (m, h) = run(&manifests.collect::<Vec<_>>(), pr)?;
            rel.manifests = m;
            rel.hooks.extend(h);
        }
        "separate" => {
            let hooks: Vec<_> = hooks.collect();
            let (m, _) = run(&manifests.collect::<Vec<_>>(), pr)?;
            let (_, h) = run(&hooks, pr)?;
            rel.manifests = m;
            rel.hooks = h;
        }
        other => {
            return Err(format!(
                "spec.postRenderStrategy: unknown strategy {other:?} (nohooks, combined or separate)"
            ));
        }
    }
    Ok(())
}

/// One post-render pass over `docs` (file, document): the result sorted as Helm sorts a
/// chart's rendered files.
fn run(docs: &[(String, String)], pr: &PostRender<'_>) -> Result<(Vec<Manifest>, Vec<Hook>), String> {
    let mut objects = Vec::new();
    for (path, text) in docs {
        let parsed = crate::yaml::from_str_json(text).map_err(|e| format!("{path}: invalid YAML: {e}"))?;
        for mut obj in parsed.into_iter().filter(|v| !v.is_null()) {
            if !obj.is_object() || (!obj["metadata"].is_object() && !obj["metadata"].is_null()) {
                return Err(format!("{path}: a manifest must be a mapping with metadata"));
            }
            let meta = &mut obj["metadata"];
            if !meta["annotations"].is_object() {
                meta["annotations"] = json!({});
            }
            meta["annotations"][FILENAME_ANNOTATION] = json!(path);
            objects.push(obj);
        }
    }
    for (i, r) in pr.renderers.iter().enumerate() {
        let Some(k) = &r.kustomize else { continue };
        let patches = k.patches.iter().flatten().map(patch_spec).collect();
        let images = k.images.iter().flatten().map(image_spec).collect();
        let text = crate::yaml::to_string_multi(&objects);
        objects = crate::build::postrender::kustomize_manifests(&text, patches, images)
            .map_err(|e| format!("spec.postRenderers[{i}].kustomize: {e}"))?;
    }
    if let Some(cm) = pr.common_metadata {
        for obj in &mut objects {
            add_metadata(obj, "labels", cm.labels.as_ref());
            add_metadata(obj, "annotations", cm.annotations.as_ref());
        }
    }
    let mut files: BTreeMap<String, String> = BTreeMap::new();
    for (i, mut obj) in objects.into_iter().enumerate() {
        let path = take_filename(&mut obj).unwrap_or_else(|| format!("generated-by-postrender-{i}.yaml"));
        let text = crate::yaml::to_string(&obj);
        let entry = files.entry(path).or_default();
        if !entry.is_empty() {
            entry.push_str("---\n");
        }
        entry.push_str(&text);
    }
    crate::helm::render::sort_manifests(&files).map_err(|e| format!("post-rendered manifests: {e}"))
}

fn add_metadata(obj: &mut Value, field: &str, pairs: Option<&BTreeMap<String, String>>) {
    let Some(pairs) = pairs.filter(|p| !p.is_empty()) else {
        return;
    };
    let meta = &mut obj["metadata"];
    if !meta[field].is_object() {
        meta[field] = json!({});
    }
    for (k, v) in pairs {
        meta[field][k] = json!(v);
    }
}

/// Removes the file annotation (and an annotations map it leaves empty) and returns it.
fn take_filename(obj: &mut Value) -> Option<String> {
    let meta = obj.get_mut("metadata")?.as_object_mut()?;
    let ann = meta.get_mut("annotations")?.as_object_mut()?;
    let path = ann.remove(FILENAME_ANNOTATION)?.as_str().map(str::to_string);
    if ann.is_empty() {
        meta.remove("annotations");
    }
    path
}

fn patch_spec(p: &crate::api::kustomize::Patch) -> PatchSpec {
    PatchSpec {
        path: None,
        patch: Some(p.patch.clone()),
        target: p.target.as_ref().map(|t| KSelector {
            group: t.group.clone(),
            version: t.version.clone(),
            kind: t.kind.clone(),
            name: t.name.clone(),
            namespace: t.namespace.clone(),
            label_selector: t.label_selector.clone(),
            annotation_selector: t.annotation_selector.clone(),
        }),
        options: None,
    }
}

fn image_spec(i: &crate::api::kustomize::Image) -> ImageSpec {
    ImageSpec {
        name: i.name.clone(),
        new_name: i.new_name.clone(),
        new_tag: i.new_tag.clone(),
        digest: i.digest.clone(),
        tag_suffix: None,
    }
}

/// `status.observedPostRenderersDigest` for `spec.postRenderers` (`None` when unset).
pub fn post_renderers_digest(renderers: Option<&Vec<PostRenderer>>) -> Option<String> {
    let renderers = renderers?;
    let mut b = String::from("[");
    for (i, r) in renderers.iter().enumerate() {
        if i > 0 {
            b.push(',');
        }
        b.push('{');
        if let Some(k) = &r.kustomize {
            b.push_str("\"kustomize\":{");
            let mut f = Fields::new(&mut b);
            if let Some(ps) = k.patches.as_ref().filter(|p| !p.is_empty()) {
                f.raw(
                    "patches",
                    &list(ps, |p| {
                        let mut s = String::from("{");
                        let mut f = Fields::new(&mut s);
                        f.opt("patch", Some(&p.patch));
                        if let Some(t) = &p.target {
                            f.raw("target", &selector(t));
                        }
                        s.push('}');
                        s
                    }),
                );
            }
            if let Some(is) = k.images.as_ref().filter(|i| !i.is_empty()) {
                f.raw(
                    "images",
                    &list(is, |i| {
                        let mut s = String::from("{");
                        let mut f = Fields::new(&mut s);
                        f.raw("name", &go_string(&i.name));
                        f.opt("newName", i.new_name.as_ref());
                        f.opt("newTag", i.new_tag.as_ref());
                        f.opt("digest", i.digest.as_ref());
                        s.push('}');
                        s
                    }),
                );
            }
            b.push('}');
        }
        b.push('}');
    }
    b.push_str("]\n");
    Some(sha256(&b))
}

/// `status.observedCommonMetadataDigest` for `spec.commonMetadata` (`None` when unset).
pub fn common_metadata_digest(cm: Option<&CommonMetadata>) -> Option<String> {
    let cm = cm?;
    let mut b = String::from("{");
    let mut f = Fields::new(&mut b);
    for (name, m) in [("annotations", &cm.annotations), ("labels", &cm.labels)] {
        if let Some(m) = m.as_ref().filter(|m| !m.is_empty()) {
            let mut s = String::from("{");
            let mut g = Fields::new(&mut s);
            for (k, v) in m {
                g.raw(k, &go_string(v));
            }
            s.push('}');
            f.raw(name, &s);
        }
    }
    b.push_str("}\n");
    Some(sha256(&b))
}

fn sha256(text: &str) -> String {
    format!("sha256:{:x}", Sha256::digest(text.as_bytes()))
}

fn selector(t: &Selector) -> String {
    let mut s = String::from("{");
    let mut f = Fields::new(&mut s);
    f.opt("group", t.group.as_ref());
    f.opt("version", t.version.as_ref());
    f.opt("kind", t.kind.as_ref());
    f.opt("namespace", t.namespace.as_ref());
    f.opt("name", t.name.as_ref());
    f.opt("annotationSelector", t.annotation_selector.as_ref());
    f.opt("labelSelector", t.label_selector.as_ref());
    s.push('}');
    s
}

fn list<T>(items: &[T], f: impl Fn(&T) -> String) -> String {
    format!("[{}]", items.iter().map(f).collect::<Vec<_>>().join(","))
}

/// The members of a JSON object being written, with Go's `omitempty` for strings.
struct Fields<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> Fields<'a> {
    fn new(out: &'a mut String) -> Self {
        Fields { out, first: true }
    }

    fn raw(&mut self, key: &str, json: &str) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        let _ = write!(self.out, "{}:{json}", go_string(key));
    }

    fn opt(&mut self, key: &str, v: Option<&String>) {
        if let Some(v) = v.filter(|v| !v.is_empty()) {
            self.raw(key, &go_string(v));
        }
    }
}

/// A JSON string as Go's `encoding/json` writes it (HTML-safe).
fn go_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn renderers(v: &Value) -> Vec<PostRenderer> {
        serde_json::from_value(v.clone()).unwrap()
    }

    #[test]
    fn digests_are_go_json_and_stable() {
        assert_eq!(post_renderers_digest(None), None);
        // sha256 of "[]\n".
        assert_eq!(
            post_renderers_digest(Some(&vec![])).unwrap(),
            "sha256:37517e5f3dc66819f61f5a7bb8ace1921282415f10551d2defa5c3eb0985b570"
        );
        let a = renderers(&json!([{"kustomize": {
            "patches": [{"patch": "a: <b>", "target": {"kind": "Deployment", "name": "x", "group": "apps"}}],
            "images": [{"name": "nginx", "newTag": "1"}]}}]));
        let mut b = a.clone();
        let d = post_renderers_digest(Some(&a)).unwrap();
        assert_eq!(d, post_renderers_digest(Some(&b)).unwrap(), "stable");
        b[0].kustomize.as_mut().unwrap().images.as_mut().unwrap()[0].new_tag = Some("2".into());
        assert_ne!(d, post_renderers_digest(Some(&b)).unwrap(), "follows the spec");
        // The exact text Go's encoder writes for `a`.
        let go = "[{\"kustomize\":{\"patches\":[{\"patch\":\"a: \\u003cb\\u003e\",\"target\":{\"group\":\"apps\",\"kind\":\"Deployment\",\"name\":\"x\"}}],\"images\":[{\"name\":\"nginx\",\"newTag\":\"1\"}]}}]\n";
        assert_eq!(d, sha256(go));
        let cm: CommonMetadata =
            serde_json::from_value(json!({"labels": {"b": "2", "a": "1"}, "annotations": {"x": "y"}}))
                .unwrap();
        assert_eq!(
            common_metadata_digest(Some(&cm)).unwrap(),
            sha256("{\"annotations\":{\"x\":\"y\"},\"labels\":{\"a\":\"1\",\"b\":\"2\"}}\n")
        );
        assert_eq!(common_metadata_digest(None), None);
        assert_eq!(go_string("\u{8}\"é"), "\"\\u0008\\\"é\"");
    }

    fn release() -> Release {
        let files = BTreeMap::from([
            (
                "c/templates/deploy.yaml".to_string(),
                "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: nginx:1.0\n".to_string(),
            ),
            (
                "c/templates/job.yaml".to_string(),
                "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: hook\n  annotations:\n    helm.sh/hook: pre-install\nspec:\n  template:\n    spec:\n      containers:\n      - name: j\n        image: nginx:1.0\n".to_string(),
            ),
        ]);
        let (manifests, hooks) = crate::helm::render::sort_manifests(&files).unwrap();
        Release {
            manifests,
            hooks,
            ..Release::default()
        }
    }

    fn image(m: &Manifest) -> String {
        let v = &crate::yaml::from_str_json(&m.content).unwrap()[0];
        v["spec"]["template"]["spec"]["containers"][0]["image"]
            .as_str()
            .unwrap()
            .to_string()
    }

    #[test]
    fn renderers_then_common_metadata_by_strategy() {
        let rs = renderers(&json!([
            {"kustomize": {"images": [{"name": "nginx", "newTag": "2.0"}]}},
            {"kustomize": {"patches": [{"patch": "- op: add\n  path: /metadata/labels\n  value: {patched: \"yes\"}\n", "target": {"kind": "Deployment"}}]}},
        ]));
        let cm: CommonMetadata =
            serde_json::from_value(json!({"labels": {"team": "a"}, "annotations": {"note": "n"}})).unwrap();
        let pr = PostRender {
            renderers: &rs,
            common_metadata: Some(&cm),
            strategy: None,
        };
        let mut rel = release();
        post_render(&mut rel, &pr).unwrap();
        assert_eq!(rel.manifests.len(), 1);
        assert_eq!(rel.hooks.len(), 1);
        assert_eq!(rel.manifests[0].path, "c/templates/deploy.yaml");
        assert_eq!(image(&rel.manifests[0]), "nginx:2.0");
        assert_eq!(image(&rel.hooks[0].manifest), "nginx:2.0", "combined: hooks too");
        let d = &crate::yaml::from_str_json(&rel.manifests[0].content).unwrap()[0];
        assert_eq!(d["metadata"]["labels"], json!({"patched": "yes", "team": "a"}));
        assert_eq!(d["metadata"]["annotations"], json!({"note": "n"}));
        assert!(!rel.manifests[0].content.contains(FILENAME_ANNOTATION));
        assert_eq!(rel.hooks[0].events, ["pre-install"]);

        let mut rel = release();
        post_render(
            &mut rel,
            &PostRender {
                strategy: Some("nohooks"),
                ..pr
            },
        )
        .unwrap();
        assert_eq!(image(&rel.manifests[0]), "nginx:2.0");
        assert_eq!(image(&rel.hooks[0].manifest), "nginx:1.0", "nohooks");

        let mut rel = release();
        let before = rel.manifests.clone();
        post_render(
            &mut rel,
            &PostRender {
                renderers: &[],
                common_metadata: None,
                strategy: None,
            },
        )
        .unwrap();
        assert_eq!(rel.manifests, before, "nothing to do: untouched");

        let bad = renderers(
            &json!([{"kustomize": {"patches": [{"patch": "apiVersion: v1\nkind: Secret\nmetadata:\n  name: nope\n"}]}}]),
        );
        let e = post_render(
            &mut release(),
            &PostRender {
                renderers: &bad,
                common_metadata: None,
                strategy: None,
            },
        )
        .unwrap_err();
        assert!(e.starts_with("spec.postRenderers[0].kustomize: "), "{e}");
    }
}
