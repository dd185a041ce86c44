//! The Flux layer: what kustomize-controller does with a `Kustomization` on top of
//! kustomize.
//!
//! 1. The directory `spec.path` (inside the source root) is built with the source root as
//!    the confinement boundary and kustomize-controller's load restrictions (any file under
//!    the root). When it has no kustomization file, one is generated listing every `.yaml`
//!    / `.yml` file under it (and each sub-directory that has its own kustomization, without
//!    descending into it), in lexical order.
//! 2. The spec's transforms are merged into that kustomization as kustomize-controller does:
//!    `targetNamespace` replaces `namespace`, `namePrefix`/`nameSuffix` replace theirs,
//!    `patches` and `components` are appended, `images` replace an entry with the same name
//!    or are appended.
//! 3. After the build, `postBuild` substitution runs on each object's YAML (unless the object
//!    is labelled or annotated `kustomize.toolkit.fluxcd.io/substitute: disabled`), then
//!    `commonMetadata` and the owner labels `kustomize.toolkit.fluxcd.io/name` and
//!    `/namespace` are set on every object.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use serde_json::{Map, Value};

use super::fs::{KUSTOMIZATION_FILES, Root};
use super::kfile::{ImageSpec, KustFile, PatchSpec, Selector};
use super::{Error, LoadRestrictions, Options, Result, subst};
use crate::api::Kustomization;
use crate::api::meta::{KUSTOMIZE_NAME_LABEL, KUSTOMIZE_NAMESPACE_LABEL};

/// The label or annotation that turns substitution off for one object.
pub const SUBSTITUTE_KEY: &str = "kustomize.toolkit.fluxcd.io/substitute";

/// Options of a Flux build.
#[derive(Clone, Debug, Default)]
pub struct FluxOptions {
    /// Fail on variables that are not set and have no default.
    pub strict_substitute: bool,
    /// Patterns in `.gitignore` syntax, relative to the built directory (`spec.path`):
    /// matching files and directories are left out when the kustomization is generated (the
    /// directory has no kustomization file of its own), as a `.sourceignore` leaves them out
    /// of an artifact.
    pub ignore_paths: Vec<String>,
    /// How SOPS-encrypted manifests and `secretGenerator` sources are read: decrypted with
    /// age keys, masked (previews without a key), or (`None`) as they are — then an object
    /// still carrying SOPS metadata fails the build, as it must never be applied.
    pub decryption: Option<crate::sops::Decryption>,
    /// Fetches remote Git bases (`None`: they are errors naming `--allow-remote-bases`).
    pub remote_bases: Option<std::sync::Arc<dyn super::remote::Loader>>,
    /// A preview that does not know every variable: an expression whose variable is not set
    /// and has no default stays as written and is named in [`Built::unresolved`] (instead of
    /// becoming empty, or failing with `strict_substitute`).
    pub keep_unresolved: bool,
}

/// The outcome of [`build_in`].
#[derive(Clone, Debug, Default)]
pub struct Built {
    /// The objects, ready to apply.
    pub objects: Vec<Value>,
    /// With [`FluxOptions::keep_unresolved`]: the variables left unresolved.
    pub unresolved: BTreeSet<String>,
}

/// Builds a Flux Kustomization from the source checked out at `source_root`.
///
/// `substitute_from` holds the variables read from the `postBuild.substituteFrom`
/// ConfigMaps and Secrets (the caller reads them; later sources override earlier ones);
/// `spec.postBuild.substitute` overrides them. Returns the objects ready to apply.
pub fn build(
    source_root: &Path,
    ks: &Kustomization,
    substitute_from: &BTreeMap<String, String>,
    opts: &FluxOptions,
) -> Result<Vec<Value>> {
    let root = Root::new(source_root)?;
    Ok(build_in(root, ks, substitute_from, opts)?.objects)
}

/// [`build`] in a given view of the source (its root directory, where its files come from,
/// whether what the build reads is recorded); `opts.decryption` replaces the root's.
pub fn build_in(
    root: Root,
    ks: &Kustomization,
    substitute_from: &BTreeMap<String, String>,
    opts: &FluxOptions,
) -> Result<Built> {
    let root = root.with_decryption(opts.decryption.clone());
    let path = ks.spec.path.clone().unwrap_or_default();
    let rel = path.trim_start_matches('/');
    let rel = if rel.is_empty() { "." } else { rel };
    let dir = root.resolve(root.path(), rel, "spec.path", "path")?;
    if !root.is_dir(&dir) {
        return Err(Error::Io {
            path: root.display(&dir),
            message: "spec.path is not a directory".into(),
        });
    }
    let ignore = ignore_matcher(&dir, &opts.ignore_paths)?;
    let kf = kustomization_for_with(&root, &dir, ks, &ignore)?;
    let build_opts = Options {
        load_restrictions: LoadRestrictions::None,
        remote_bases: opts.remote_bases.clone(),
    };
    let mut objects = super::target::build(&root, &dir, &build_opts, Some(kf))?;
    if let Some(d) = &opts.decryption {
        decrypt_secret_data(&mut objects, d)?;
    }
    refuse_encrypted(&objects)?;

    let mut vars = substitute_from.clone();
    let post_build = ks.spec.post_build.as_ref();
    if let Some(inline) = post_build.and_then(|p| p.substitute.as_ref()) {
        for (k, v) in inline {
            vars.insert(k.clone(), v.replace('\n', ""));
        }
    }
    let decrypting = matches!(opts.decryption, Some(crate::sops::Decryption::Keys(_)));
    let always = post_build.and_then(|p| p.substitute_strategy.as_deref()) == Some("Always");
    let mut unresolved = BTreeSet::new();
    if post_build.is_some() && (always || !vars.is_empty()) {
        for k in vars.keys() {
            if !subst::valid_name(k) {
                return Err(Error::VarName { name: k.clone() });
            }
        }
        for obj in &mut objects {
            if substitution_disabled(obj) {
                continue;
            }
            let id = super::resource::object_ref(obj);
            let text = crate::yaml::to_string(obj);
            let out = if opts.keep_unresolved {
                subst::substitute_keeping(&text, &vars, &mut unresolved)
            } else {
                subst::substitute(&text, &vars, opts.strict_substitute)
            };
            let out = out.map_err(|e| {
                let message = e.reason;
                // The message may quote an expression, which may come from a decrypted value.
                let message = if decrypting && message.contains("${") {
                    "an invalid ${…} expression (not shown: SOPS-decrypted values may hold it)".into()
                } else {
                    message
                };
                Error::Substitute {
                    object: Box::new(id.clone()),
                    message,
                }
            })?;
            if out != text {
                let mut docs = crate::yaml::from_str_json(&out).map_err(|e| Error::Substitute {
                    object: Box::new(id.clone()),
                    message: format!("the result is not valid YAML: {e}"),
                })?;
                if docs.len() != 1 {
                    return Err(Error::Substitute {
                        object: Box::new(id),
                        message: "the result is not exactly one object".into(),
                    });
                }
                *obj = docs.remove(0);
            }
        }
    }

    let name = ks.metadata.name.clone().unwrap_or_default();
    let namespace = ks.metadata.namespace.clone().unwrap_or_default();
    let common = ks.spec.common_metadata.as_ref();
    for obj in &mut objects {
        let Some(meta) = obj.as_object_mut().and_then(|o| {
            o.entry("metadata")
                .or_insert_with(|| Value::Object(Map::new()))
                .as_object_mut()
        }) else {
            continue;
        };
        let mut set = |field: &str, pairs: &[(String, String)]| {
            if pairs.is_empty() {
                return;
            }
            let m = meta.entry(field).or_insert_with(|| Value::Object(Map::new()));
            if !m.is_object() {
                *m = Value::Object(Map::new());
            }
            if let Value::Object(m) = m {
                for (k, v) in pairs {
                    m.insert(k.clone(), Value::String(v.clone()));
                }
            }
        };
        if let Some(c) = common {
            let l: Vec<_> = c.labels.clone().unwrap_or_default().into_iter().collect();
            let a: Vec<_> = c.annotations.clone().unwrap_or_default().into_iter().collect();
            set("labels", &l);
            set("annotations", &a);
        }
        set(
            "labels",
            &[
                (KUSTOMIZE_NAME_LABEL.to_string(), name.clone()),
                (KUSTOMIZE_NAMESPACE_LABEL.to_string(), namespace.clone()),
            ],
        );
    }
    Ok(Built { objects, unresolved })
}

/// Secret `data` entries holding a whole SOPS-encrypted file (base64 of an encrypted
/// dotenv, YAML, JSON or binary file) are decrypted (or masked), as kustomize-controller
/// decrypts them after the build; the file's format is recognised by SOPS's MAC entry.
fn decrypt_secret_data(objects: &mut [Value], decryption: &crate::sops::Decryption) -> Result<()> {
    use crate::sops::{self, Decryption, Format};
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD;
    for obj in objects.iter_mut() {
        if obj["kind"] != "Secret" || obj["apiVersion"] != "v1" || decryption_disabled(obj) {
            continue;
        }
        let id = super::resource::object_ref(obj);
        let Some(data) = obj.get_mut("data").and_then(Value::as_object_mut) else {
            continue;
        };
        for (key, value) in data.iter_mut() {
            let Some(bytes) = value.as_str().and_then(|s| b64.decode(s.replace('\n', "")).ok()) else {
                continue;
            };
            let format = if Format::Dotenv.is_encrypted(&bytes) {
                Format::Dotenv
            } else if Format::Json.is_encrypted(&bytes) {
                match Format::for_path(key) {
                    Format::Json => Format::Json,
                    _ => Format::Binary,
                }
            } else if Format::Yaml.is_encrypted(&bytes) {
                Format::Yaml
            } else {
                continue;
            };
            let out = match decryption {
                Decryption::Keys(keys) => {
                    sops::decrypt_file(&bytes, format, keys).map(|o| o.map(|z| z.to_vec()))
                }
                Decryption::Mask => sops::mask_file(&bytes, format),
            }
            .map_err(|e| Error::Decrypt {
                file: format!("{id} data key {key:?}"),
                message: e.to_string(),
            })?;
            if let Some(out) = out {
                *value = Value::String(b64.encode(out));
            }
        }
    }
    Ok(())
}

fn decryption_disabled(obj: &Value) -> bool {
    obj["metadata"]["annotations"][super::fs::DECRYPT_KEY]
        .as_str()
        .is_some_and(|v| v.eq_ignore_ascii_case("disabled"))
}

/// An object still carrying SOPS metadata (no decryption configured, or its file opted out
/// with `kustomize.toolkit.fluxcd.io/decrypt: disabled`) must not be applied, as
/// kustomize-controller refuses an encrypted Secret; opted-out objects are let through.
fn refuse_encrypted(objects: &[Value]) -> Result<()> {
    for obj in objects {
        if crate::sops::is_encrypted_object(obj) && !decryption_disabled(obj) {
            return Err(Error::Object {
                object: Box::new(super::resource::object_ref(obj)),
                message: "is SOPS-encrypted: set spec.decryption (provider sops, with a Secret of age keys) for it to be decrypted".into(),
            });
        }
    }
    Ok(())
}

fn substitution_disabled(obj: &Value) -> bool {
    let meta = &obj["metadata"];
    meta["labels"][SUBSTITUTE_KEY].as_str() == Some("disabled")
        || meta["annotations"][SUBSTITUTE_KEY].as_str() == Some("disabled")
}

/// The kustomization kustomize-controller builds for `ks` in `dir`: the directory's own
/// (or a generated one) with the spec's transforms merged in.
pub fn kustomization_for(root: &Root, dir: &Path, ks: &Kustomization) -> Result<KustFile> {
    kustomization_for_with(root, dir, ks, &Gitignore::empty())
}

/// Patterns in `.gitignore` syntax relative to `dir`, as one matcher.
fn ignore_matcher(dir: &Path, patterns: &[String]) -> Result<Gitignore> {
    let mut b = GitignoreBuilder::new(dir);
    for p in patterns {
        b.add_line(None, p).map_err(|source| Error::Ignore {
            pattern: Some(p.clone()),
            source,
        })?;
    }
    b.build().map_err(|source| Error::Ignore {
        pattern: None,
        source,
    })
}

fn kustomization_for_with(
    root: &Root,
    dir: &Path,
    ks: &Kustomization,
    ignore: &Gitignore,
) -> Result<KustFile> {
    let mut kf = match root.kustomization_file(dir)? {
        Some(p) => KustFile::parse(&root.read_text(&p)?, &root.display(&p))?,
        None => generated_ignoring(root, dir, ignore)?,
    };
    let spec = &ks.spec;
    if let Some(ns) = spec.target_namespace.as_ref().filter(|n| !n.is_empty()) {
        kf.namespace = Some(ns.clone());
    }
    if let Some(p) = spec.name_prefix.as_ref().filter(|n| !n.is_empty()) {
        kf.name_prefix = Some(p.clone());
    }
    if let Some(s) = spec.name_suffix.as_ref().filter(|n| !n.is_empty()) {
        kf.name_suffix = Some(s.clone());
    }
    for p in spec.patches.iter().flatten() {
        kf.patches.push(PatchSpec {
            path: None,
            patch: Some(p.patch.clone()),
            target: p.target.as_ref().map(|t| Selector {
                group: t.group.clone(),
                version: t.version.clone(),
                kind: t.kind.clone(),
                name: t.name.clone(),
                namespace: t.namespace.clone(),
                label_selector: t.label_selector.clone(),
                annotation_selector: t.annotation_selector.clone(),
            }),
            options: None,
        });
    }
    for c in spec.components.iter().flatten() {
        if spec.ignore_missing_components.unwrap_or(false)
            && root.kind(&dir.join(c)) == super::fs::Kind::Missing
        {
            continue;
        }
        kf.components.push(c.clone());
    }
    for i in spec.images.iter().flatten() {
        let image = ImageSpec {
            name: i.name.clone(),
            new_name: i.new_name.clone(),
            new_tag: i.new_tag.clone(),
            digest: i.digest.clone(),
            tag_suffix: None,
        };
        match kf.images.iter_mut().find(|x| x.name == i.name) {
            // The spec overrides only the fields it sets (kustomize-controller 1.9.4): a
            // spec entry with only `newName` keeps the file's tag.
            Some(existing) => {
                existing.new_name = image.new_name.or(existing.new_name.take());
                existing.new_tag = image.new_tag.or(existing.new_tag.take());
                existing.digest = image.digest.or(existing.digest.take());
            }
            None => kf.images.push(image),
        }
    }
    for m in spec.build_metadata.iter().flatten() {
        if m != "originAnnotations" {
            return Err(Error::Unsupported {
                file: "spec.buildMetadata".to_string(),
                feature: m.clone(),
            });
        }
        if !kf.build_metadata.contains(m) {
            kf.build_metadata.push(m.clone());
        }
    }
    Ok(kf)
}

/// A kustomization listing every manifest under `dir`, as kustomize-controller generates.
pub fn generated(root: &Root, dir: &Path) -> Result<KustFile> {
    generated_ignoring(root, dir, &Gitignore::empty())
}

fn generated_ignoring(root: &Root, dir: &Path, ignore: &Gitignore) -> Result<KustFile> {
    let mut resources = Vec::new();
    scan(root, dir, dir, ignore, &mut resources)?;
    Ok(KustFile {
        api_version: Some("kustomize.config.k8s.io/v1beta1".into()),
        kind: Some("Kustomization".into()),
        resources,
        ..KustFile::default()
    })
}

fn scan(root: &Root, base: &Path, dir: &Path, ignore: &Gitignore, out: &mut Vec<String>) -> Result<()> {
    let entries = root.list(dir)?;
    for p in entries {
        let rel = format!("./{}", p.strip_prefix(base).unwrap_or(&p).display());
        let is_dir = root.is_dir(&p);
        if ignore.matched(&p, is_dir).is_ignore() {
            continue;
        }
        if is_dir {
            if KUSTOMIZATION_FILES.iter().any(|k| root.is_file(&p.join(k))) {
                out.push(rel);
            } else {
                scan(root, base, &p, ignore, out)?;
            }
            continue;
        }
        let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
        if ext == "yaml" || ext == "yml" {
            out.push(rel);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::kustomize::{CommonMetadata, Image, Patch, PostBuild, Selector as KsSelector};

    fn write(dir: &Path, files: &[(&str, &str)]) {
        for (p, text) in files {
            let path = dir.join(p);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
    }

    fn ks(path: &str) -> Kustomization {
        let mut k = Kustomization::new("apps", crate::api::KustomizationSpec::default());
        k.metadata.namespace = Some("flux-system".into());
        k.spec.path = Some(path.into());
        k
    }

    const DEP: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: ${REPLICAS:=1}\n  template:\n    spec:\n      containers:\n      - name: main\n        image: nginx:1.0\n        env:\n        - name: GREETING\n          value: ${GREETING}\n        - name: ESCAPED\n          value: $${NOT_A_VAR}\n";

    #[test]
    fn generated_kustomization_lists_manifests_and_sub_kustomizations() {
        let tmp = tempfile::tempdir().unwrap();
        write(
            tmp.path(),
            &[
                (
                    "apps/b.yaml",
                    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n",
                ),
                (
                    "apps/a.yml",
                    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n",
                ),
                ("apps/notes.txt", "not yaml"),
                (
                    "apps/nested/c.yaml",
                    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n",
                ),
                ("apps/sub/kustomization.yaml", "resources: [d.yaml]\n"),
                (
                    "apps/sub/d.yaml",
                    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: d\n",
                ),
            ],
        );
        let root = Root::new(tmp.path()).unwrap();
        let k = generated(&root, &root.path().join("apps")).unwrap();
        assert_eq!(k.resources, ["./a.yml", "./b.yaml", "./nested/c.yaml", "./sub"]);
        let objs = build(
            tmp.path(),
            &ks("./apps"),
            &BTreeMap::new(),
            &FluxOptions::default(),
        )
        .unwrap();
        let names: Vec<&str> = objs
            .iter()
            .map(|o| o["metadata"]["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["a", "b", "c", "d"]);
        for o in &objs {
            assert_eq!(o["metadata"]["labels"][KUSTOMIZE_NAME_LABEL], "apps");
            assert_eq!(o["metadata"]["labels"][KUSTOMIZE_NAMESPACE_LABEL], "flux-system");
        }
    }

    #[test]
    fn ignore_paths_leave_files_out_of_the_generated_kustomization() {
        let tmp = tempfile::tempdir().unwrap();
        let cm = |n: &str| format!("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {n}\n");
        write(
            tmp.path(),
            &[
                ("apps/a.yaml", &cm("a")),
                ("apps/draft.yaml", &cm("draft")),
                ("apps/tests/t.yaml", &cm("t")),
                ("apps/nested/b.yaml", &cm("b")),
                ("apps/nested/draft.yaml", &cm("draft2")),
            ],
        );
        let opts = FluxOptions {
            ignore_paths: vec!["tests/".into(), "/draft.yaml".into()],
            ..FluxOptions::default()
        };
        let objs = build(tmp.path(), &ks("./apps"), &BTreeMap::new(), &opts).unwrap();
        let names: Vec<&str> = objs
            .iter()
            .map(|o| o["metadata"]["name"].as_str().unwrap())
            .collect();
        // "/draft.yaml" is anchored to the built directory; nested/draft.yaml stays.
        assert_eq!(names, ["a", "b", "draft2"]);
        let opts = FluxOptions {
            ignore_paths: vec!["**/draft.yaml".into(), "*.yaml".into(), "!a.yaml".into()],
            ..FluxOptions::default()
        };
        let objs = build(tmp.path(), &ks("./apps"), &BTreeMap::new(), &opts).unwrap();
        assert_eq!(objs.len(), 1);
        assert_eq!(objs[0]["metadata"]["name"], "a");
    }

    #[test]
    fn spec_transforms_substitution_and_metadata() {
        let tmp = tempfile::tempdir().unwrap();
        write(
            tmp.path(),
            &[
                (
                    "app/kustomization.yaml",
                    "namespace: original\nresources: [dep.yaml, cm.yaml]\nimages:\n- name: nginx\n  newTag: '1.1'\n",
                ),
                ("app/dep.yaml", DEP),
                (
                    "app/cm.yaml",
                    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: raw\n  annotations:\n    kustomize.toolkit.fluxcd.io/substitute: disabled\ndata:\n  script: echo ${HOME}\n",
                ),
                (
                    "comp/kustomization.yaml",
                    "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\ncommonAnnotations:\n  from: component\n",
                ),
            ],
        );
        let mut k = ks("app");
        k.spec.target_namespace = Some("prod".into());
        k.spec.name_prefix = Some("p-".into());
        k.spec.name_suffix = Some("-s".into());
        k.spec.components = Some(vec!["../comp".into()]);
        k.spec.images = Some(vec![Image {
            name: "nginx".into(),
            new_tag: Some("2.0".into()),
            ..Image::default()
        }]);
        k.spec.patches = Some(vec![Patch {
            patch: "- op: add\n  path: /metadata/annotations/patched\n  value: \"yes\"\n".into(),
            target: Some(KsSelector {
                kind: Some("Deployment".into()),
                ..KsSelector::default()
            }),
        }]);
        k.spec.common_metadata = Some(CommonMetadata {
            labels: Some([("team".to_string(), "a".to_string())].into()),
            annotations: Some([("owner".to_string(), "me".to_string())].into()),
        });
        k.spec.post_build = Some(PostBuild {
            substitute: Some([("GREETING".to_string(), "hello\nworld".to_string())].into()),
            substitute_from: None,
            substitute_strategy: None,
        });
        let from: BTreeMap<String, String> = [("REPLICAS".to_string(), "3".to_string())].into();
        let objs = build(tmp.path(), &k, &from, &FluxOptions::default()).unwrap();
        let dep = objs.iter().find(|o| o["kind"] == "Deployment").unwrap();
        assert_eq!(dep["metadata"]["name"], "p-web-s");
        assert_eq!(dep["metadata"]["namespace"], "prod");
        assert_eq!(dep["metadata"]["annotations"]["patched"], "yes");
        assert_eq!(dep["metadata"]["annotations"]["from"], "component");
        assert_eq!(dep["metadata"]["annotations"]["owner"], "me");
        assert_eq!(dep["metadata"]["labels"]["team"], "a");
        assert_eq!(dep["spec"]["replicas"], 3, "substituted values are typed again");
        let c = &dep["spec"]["template"]["spec"]["containers"][0];
        assert_eq!(
            c["image"], "nginx:2.0",
            "the spec's image replaces the file's entry"
        );
        assert_eq!(
            c["env"][0]["value"], "helloworld",
            "newlines are removed from inline values"
        );
        assert_eq!(c["env"][1]["value"], "${NOT_A_VAR}");
        let cm = objs.iter().find(|o| o["kind"] == "ConfigMap").unwrap();
        assert_eq!(cm["data"]["script"], "echo ${HOME}", "opt-out annotation");
        assert_eq!(cm["metadata"]["labels"][KUSTOMIZE_NAME_LABEL], "apps");
    }

    #[test]
    fn strict_substitution_fails_on_unset_variables() {
        let tmp = tempfile::tempdir().unwrap();
        write(tmp.path(), &[("app/dep.yaml", DEP)]);
        let mut k = ks("app");
        k.spec.post_build = Some(PostBuild {
            substitute: Some([("OTHER".to_string(), "x".to_string())].into()),
            substitute_from: None,
            substitute_strategy: None,
        });
        let strict = FluxOptions {
            strict_substitute: true,
            ..FluxOptions::default()
        };
        let e = build(tmp.path(), &k, &BTreeMap::new(), &strict)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("Deployment/web") && e.contains("variable not set (strict mode): \"GREETING\""),
            "{e}"
        );
        let objs = build(tmp.path(), &k, &BTreeMap::new(), &FluxOptions::default()).unwrap();
        // `value: ${GREETING}` becomes `value: `, which YAML reads as null, as in Flux.
        assert!(objs[0]["spec"]["template"]["spec"]["containers"][0]["env"][0]["value"].is_null());
        let mut bad = k.clone();
        bad.spec.post_build = Some(PostBuild {
            substitute: Some([("not-valid".to_string(), "x".to_string())].into()),
            substitute_from: None,
            substitute_strategy: None,
        });
        let e = build(tmp.path(), &bad, &BTreeMap::new(), &FluxOptions::default())
            .unwrap_err()
            .to_string();
        assert!(e.contains("'not-valid' var name is invalid"), "{e}");
    }

    #[test]
    fn substitute_strategy_always_substitutes_without_variables() {
        let tmp = tempfile::tempdir().unwrap();
        let cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  size: ${SIZE:=small}\n";
        write(tmp.path(), &[("app/cm.yaml", cm)]);
        let mut k = ks("app");
        k.spec.post_build = Some(PostBuild::default());
        let objs = build(tmp.path(), &k, &BTreeMap::new(), &FluxOptions::default()).unwrap();
        assert_eq!(
            objs[0]["data"]["size"], "${SIZE:=small}",
            "WithVariables (the default) leaves the text alone when no variable is defined"
        );
        k.spec.post_build = Some(PostBuild {
            substitute_strategy: Some("Always".into()),
            ..PostBuild::default()
        });
        let objs = build(tmp.path(), &k, &BTreeMap::new(), &FluxOptions::default()).unwrap();
        assert_eq!(objs[0]["data"]["size"], "small");
    }

    #[test]
    fn spec_images_override_only_the_fields_they_set() {
        let tmp = tempfile::tempdir().unwrap();
        write(
            tmp.path(),
            &[
                (
                    "app/kustomization.yaml",
                    "resources: [dep.yaml]\nimages:\n- name: nginx\n  newTag: '1.1'\n",
                ),
                ("app/dep.yaml", DEP),
            ],
        );
        let mut k = ks("app");
        k.spec.images = Some(vec![Image {
            name: "nginx".into(),
            new_name: Some("registry.local/nginx".into()),
            ..Image::default()
        }]);
        let objs = build(tmp.path(), &k, &BTreeMap::new(), &FluxOptions::default()).unwrap();
        assert_eq!(
            objs[0]["spec"]["template"]["spec"]["containers"][0]["image"],
            "registry.local/nginx:1.1"
        );
    }

    #[test]
    fn spec_build_metadata_adds_origin_annotations_and_refuses_the_rest() {
        let tmp = tempfile::tempdir().unwrap();
        write(tmp.path(), &[("app/dep.yaml", DEP)]);
        let mut k = ks("app");
        k.spec.build_metadata = Some(vec!["originAnnotations".into()]);
        let objs = build(tmp.path(), &k, &BTreeMap::new(), &FluxOptions::default()).unwrap();
        let origin = objs[0]["metadata"]["annotations"]["config.kubernetes.io/origin"]
            .as_str()
            .unwrap_or_default();
        assert!(origin.contains("dep.yaml"), "{origin}");
        k.spec.build_metadata = Some(vec!["transformerAnnotations".into()]);
        let e = build(tmp.path(), &k, &BTreeMap::new(), &FluxOptions::default())
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("spec.buildMetadata") && e.contains("transformerAnnotations"),
            "{e}"
        );
    }

    #[test]
    fn the_source_root_confines_the_build() {
        let tmp = tempfile::tempdir().unwrap();
        write(
            tmp.path(),
            &[
                (
                    "outside.yaml",
                    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n",
                ),
                ("src/app/kustomization.yaml", "resources: [../../outside.yaml]\n"),
                (
                    "src/remote/kustomization.yaml",
                    "resources: [https://example.com/x.yaml]\n",
                ),
            ],
        );
        let src = tmp.path().join("src");
        let e = build(&src, &ks("./app"), &BTreeMap::new(), &FluxOptions::default())
            .unwrap_err()
            .to_string();
        assert!(e.contains("outside the root directory"), "{e}");
        let e = build(&src, &ks("../"), &BTreeMap::new(), &FluxOptions::default())
            .unwrap_err()
            .to_string();
        assert!(e.contains("outside the root directory"), "{e}");
        let e = build(&src, &ks("remote"), &BTreeMap::new(), &FluxOptions::default())
            .unwrap_err()
            .to_string();
        assert!(e.contains("--allow-remote-bases"), "{e}");
    }
}
