//! One kustomization target: accumulating resources, components, generators and
//! transformers recursively, then the top-level finishing steps (hash suffixes, name
//! references, order, build metadata).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::fs::Root;
use super::generate::{self, Behavior, GenKind};
use super::kfile::{FileKind, KustFile, PatchSpec, Selector};
use super::merge::{self, MergeCtx};
use super::remote::{self, RepoSpec, Target};
use super::resource::{Origin, ResMap, Resource};
use super::transform;
use super::{Error, LoadRestrictions, Options, Result, jsonpatch, nameref};

/// Builds `dir` (canonical, inside the root). `override_kfile` replaces the directory's
/// kustomization file (the Flux layer passes the modified or generated one).
pub fn build(
    root: &Root,
    dir: &Path,
    opts: &Options,
    override_kfile: Option<KustFile>,
) -> Result<Vec<Value>> {
    let mut b = Builder {
        root,
        opts,
        top: dir.to_path_buf(),
        stack: Vec::new(),
        remotes: Vec::new(),
    };
    let mut rm = ResMap::default();
    let (kf, kname) = match override_kfile {
        Some(k) => (k, b.root.display(&dir.join("kustomization.yaml"))),
        None => b.load_kfile(dir)?,
    };
    // A Component builds on its own as a Kustomization does (kubectl kustomize builds it).
    kf.file_kind(&kname)?;
    b.accumulate(dir, &kf, &kname, &mut rm)?;
    // Top level only: hashes, references, order, metadata.
    for r in &mut rm.items {
        if r.needs_hash {
            let hash = generate::hash_suffix(&r.obj);
            let name = format!("{}-{hash}", r.name());
            r.set_name(name);
        }
    }
    let extra = rm.config.name_reference.clone();
    let builtin = rm.config.builtin;
    nameref::fix_references(&mut rm, builtin, &extra)?;
    let var_specs = rm.config.var_reference.clone();
    super::vars::resolve(&mut rm, builtin, &var_specs)?;
    // Objects marked `config.kubernetes.io/local-config` (any value but "false") only feed
    // the build: kustomize leaves them out of its output.
    rm.items.retain(|r| {
        r.annotations()
            .and_then(|a| a.get("config.kubernetes.io/local-config"))
            .is_none_or(|v| v.as_str() == Some("false"))
    });
    let fifo = kf.sort_options.as_ref().is_some_and(|s| s.order == "fifo");
    if !fifo {
        let legacy = kf
            .sort_options
            .as_ref()
            .and_then(|s| s.legacy_sort_options.clone());
        sort_legacy(&mut rm.items, legacy.as_ref());
    }
    let origin_annotations = kf.build_metadata.iter().any(|m| m == "originAnnotations");
    let managed_by = kf.build_metadata.iter().any(|m| m == "managedByLabel");
    Ok(rm
        .items
        .into_iter()
        .map(|mut r| {
            // kustomize keeps internal annotations on every object while it works and
            // removes them at the end, which drops an empty or null annotations map.
            if let Some(Value::Object(meta)) = r.obj.get_mut("metadata")
                && meta
                    .get("annotations")
                    .is_some_and(|a| a.is_null() || a.as_object().is_some_and(Map::is_empty))
            {
                meta.remove("annotations");
            }
            if origin_annotations && let Some(text) = origin_text(&r.origin) {
                let meta = r.metadata_mut();
                let ann = meta
                    .entry("annotations")
                    .or_insert_with(|| Value::Object(Map::new()));
                if let Value::Object(a) = ann {
                    a.insert("config.kubernetes.io/origin".into(), Value::String(text));
                }
            }
            if managed_by {
                let meta = r.metadata_mut();
                let labels = meta.entry("labels").or_insert_with(|| Value::Object(Map::new()));
                if let Value::Object(l) = labels {
                    l.insert(
                        "app.kubernetes.io/managed-by".into(),
                        Value::String(MANAGED_BY.into()),
                    );
                }
            }
            Value::Object(r.obj)
        })
        .collect())
}

/// The `app.kubernetes.io/managed-by` value kustomize writes for `managedByLabel` (the
/// kustomize embedded in kubectl reports its version as `(devel)`).
const MANAGED_BY: &str = "kustomize-(devel)";

fn origin_text(o: &Origin) -> Option<String> {
    if let Some(p) = &o.path {
        let mut s = format!("path: {}\n", yaml_scalar(p));
        if let Some(r) = &o.repo {
            let _ = writeln!(s, "repo: {}", yaml_scalar(r));
        }
        if let Some(r) = &o.git_ref {
            let _ = writeln!(s, "ref: {}", yaml_scalar(r));
        }
        return Some(s);
    }
    let by = o.configured_by.as_ref()?;
    let mut s = String::new();
    if let Some(r) = &o.repo {
        let _ = writeln!(s, "repo: {}", yaml_scalar(r));
    }
    if let Some(r) = &o.git_ref {
        let _ = writeln!(s, "ref: {}", yaml_scalar(r));
    }
    if let Some(i) = &o.configured_in {
        let _ = writeln!(s, "configuredIn: {}", yaml_scalar(i));
    }
    let _ = writeln!(s, "configuredBy:\n  apiVersion: builtin\n  kind: {by}");
    if let Some(n) = &o.configured_name {
        let _ = writeln!(s, "  name: {}", yaml_scalar(n));
    }
    Some(s)
}

fn yaml_scalar(s: &str) -> String {
    crate::yaml::to_string(&Value::String(s.to_string()))
        .trim_end_matches('\n')
        .to_string()
}

/// Kinds first and last in kustomize's legacy order.
const ORDER_FIRST: &[&str] = &[
    "Namespace",
    "ResourceQuota",
    "StorageClass",
    "CustomResourceDefinition",
    "ServiceAccount",
    "PodSecurityPolicy",
    "Role",
    "ClusterRole",
    "RoleBinding",
    "ClusterRoleBinding",
    "ConfigMap",
    "Secret",
    "Endpoints",
    "Service",
    "LimitRange",
    "PriorityClass",
    "PersistentVolume",
    "PersistentVolumeClaim",
    "Deployment",
    "StatefulSet",
    "CronJob",
    "PodDisruptionBudget",
];
const ORDER_LAST: &[&str] = &["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"];

fn gvk_string(r: &Resource) -> String {
    let (g, v) = r.group_version();
    let or = |s: &str, d: &str| {
        if s.is_empty() {
            d.to_string()
        } else {
            s.to_string()
        }
    };
    format!("{}_{}_{}", or(g, "~G"), or(v, "~V"), or(r.kind(), "~K"))
}

fn id_string(r: &Resource) -> String {
    let ns = if r.namespace().is_empty() {
        "~X"
    } else {
        r.namespace()
    };
    let name = if r.name().is_empty() { "~N" } else { r.name() };
    format!("{}|{ns}|{name}", gvk_string(r))
}

/// Sorts in kustomize's legacy order: by kind rank, then GVK, then id.
fn sort_legacy(items: &mut [Resource], custom: Option<&super::kfile::LegacySortOptions>) {
    let (first, last): (Vec<&str>, Vec<&str>) = match custom {
        Some(c) => (
            c.order_first.iter().map(String::as_str).collect(),
            c.order_last.iter().map(String::as_str).collect(),
        ),
        None => (ORDER_FIRST.to_vec(), ORDER_LAST.to_vec()),
    };
    let mut rank: HashMap<&str, i64> = HashMap::new();
    let n = i64::try_from(first.len()).unwrap_or(0);
    for (i, k) in first.iter().enumerate() {
        rank.entry(k).or_insert(i64::try_from(i).unwrap_or(0) - n);
    }
    for (i, k) in last.iter().enumerate() {
        rank.entry(k).or_insert(1 + i64::try_from(i).unwrap_or(0));
    }
    let mut keyed: Vec<(i64, String, String, usize, bool)> = items
        .iter()
        .enumerate()
        .map(|(i, r)| {
            (
                rank.get(r.kind()).copied().unwrap_or(0),
                gvk_string(r),
                id_string(r),
                i,
                r.kind() == "Namespace" && r.group_version().0.is_empty(),
            )
        })
        .collect();
    keyed.sort_by(|a, b| {
        if a.1 != b.1 {
            if a.0 != b.0 {
                return a.0.cmp(&b.0);
            }
            // kustomize reverses the order of two Namespace kinds when one is the core
            // group's, which puts the core Namespace (`~G_…`) first.
            let both_ns = a.1.ends_with("_Namespace") && b.1.ends_with("_Namespace");
            if both_ns && (a.4 || b.4) {
                return b.1.cmp(&a.1);
            }
            return a.1.cmp(&b.1);
        }
        a.2.cmp(&b.2)
    });
    let order: Vec<usize> = keyed.into_iter().map(|k| k.3).collect();
    let mut taken: Vec<Option<Resource>> = items
        .iter_mut()
        .map(|r| Some(std::mem::replace(r, placeholder())))
        .collect();
    for (slot, idx) in order.into_iter().enumerate() {
        items[slot] = taken[idx].take().expect("each index once");
    }
}

fn placeholder() -> Resource {
    Resource::new(Map::new(), Origin::default())
}

struct Builder<'a> {
    root: &'a Root,
    opts: &'a Options,
    top: PathBuf,
    stack: Vec<PathBuf>,
    /// The remote bases being built (clone URL and ref), outermost first, to refuse cycles;
    /// the last one is where this builder's files come from.
    remotes: Vec<(String, Option<String>)>,
}

/// How deeply remote bases may nest (each is a clone).
const MAX_REMOTE_DEPTH: usize = 10;

/// The relative path from `base` to `path` (both canonical).
fn relative(base: &Path, path: &Path) -> String {
    let b: Vec<_> = base.components().collect();
    let p: Vec<_> = path.components().collect();
    let common = b.iter().zip(&p).take_while(|(x, y)| x == y).count();
    let mut out = PathBuf::new();
    for _ in common..b.len() {
        out.push("..");
    }
    for c in &p[common..] {
        out.push(c.as_os_str());
    }
    out.display().to_string()
}

impl Builder<'_> {
    fn load_kfile(&self, dir: &Path) -> Result<(KustFile, String)> {
        let Some(path) = self.root.kustomization_file(dir)? else {
            return Err(Error::Kustomization {
                file: self.root.display(dir),
                message: "no kustomization.yaml, kustomization.yml or Kustomization in this directory".into(),
            });
        };
        let name = self.root.display(&path);
        let text = self.root.read_text(&path)?;
        Ok((KustFile::parse(&text, &name)?, name))
    }

    /// Resolves a file reference, enforcing the load restrictions.
    fn file(&self, dir: &Path, reference: &str, kname: &str, what: &str) -> Result<PathBuf> {
        let p = self.root.resolve(dir, reference, kname, what)?;
        if self.opts.load_restrictions == LoadRestrictions::RootOnly && !p.starts_with(dir) {
            return Err(Error::Security {
                file: kname.to_string(),
                message: format!(
                    "{what} {reference:?} is not in or below the kustomization directory {}",
                    self.root.display(dir)
                ),
            });
        }
        Ok(p)
    }

    /// The Git base `reference` names, if it names one: kustomize reads an existing local
    /// file first. An http(s) file URL is an error, and so is a Git base when no loader
    /// was given.
    fn git_base(&self, dir: &Path, reference: &str, kname: &str) -> Result<Option<RepoSpec>> {
        match remote::classify(reference) {
            Target::Local => Ok(None),
            Target::HttpFile => Err(Error::RemoteFile {
                file: kname.to_string(),
                reference: reference.to_string(),
            }),
            Target::Git(_) if !reference.contains("://") && self.root.is_file(&dir.join(reference)) => {
                Ok(None)
            }
            Target::Git(spec) => {
                if self.opts.remote_bases.is_none() {
                    return Err(Error::Remote {
                        file: kname.to_string(),
                        reference: reference.to_string(),
                    });
                }
                Ok(Some(*spec))
            }
        }
    }

    /// Fetches a Git base and accumulates it (as a component when `component`) in a root of
    /// its own: the base reads nothing outside its checkout.
    fn accumulate_remote(
        &mut self,
        spec: &RepoSpec,
        kname: &str,
        component: bool,
        rm: &mut ResMap,
    ) -> Result<()> {
        let fail = |message: String| Error::InRemote {
            file: kname.to_string(),
            reference: spec.raw.clone(),
            message,
        };
        let Some(loader) = &self.opts.remote_bases else {
            return Err(Error::Remote {
                file: kname.to_string(),
                reference: spec.raw.clone(),
            });
        };
        let key = (spec.clone_url(), spec.git_ref.clone());
        if self.remotes.contains(&key) {
            return Err(fail("cycle detected: the base includes itself".into()));
        }
        if self.remotes.len() >= MAX_REMOTE_DEPTH {
            return Err(fail(format!(
                "remote bases nest more than {MAX_REMOTE_DEPTH} deep"
            )));
        }
        let checkout = loader.fetch(spec).map_err(fail)?;
        let root = self
            .root
            .rebased(checkout.path())
            .map_err(|e| fail(e.to_string()))?;
        let sub_path = if spec.path.is_empty() {
            "."
        } else {
            spec.path.as_str()
        };
        let dir = root
            .resolve(root.path(), sub_path, &spec.raw, "path")
            .map_err(|e| fail(e.to_string()))?;
        if !root.is_dir(&dir) {
            return Err(fail(format!("{sub_path:?} is not a directory of the repository")));
        }
        let mut sub = Builder {
            root: &root,
            opts: self.opts,
            // Origins of a remote base's files are relative to its repository's top.
            top: root.path().to_path_buf(),
            stack: std::mem::take(&mut self.stack),
            remotes: std::mem::take(&mut self.remotes),
        };
        sub.remotes.push(key);
        let result = (|| {
            let (kf, subname) = sub.load_kfile(&dir)?;
            let kind = kf.file_kind(&subname)?;
            if component != (kind == FileKind::Component) {
                return Err(Error::Kustomization {
                    file: subname,
                    message: if component {
                        "a component must be of kind Component".into()
                    } else {
                        "a Component: list it under components, not resources".into()
                    },
                });
            }
            sub.accumulate(&dir, &kf, &subname, rm)
        })();
        sub.remotes.pop();
        self.stack = sub.stack;
        self.remotes = sub.remotes;
        result.map_err(|e| match e {
            e @ Error::InRemote { .. } => e,
            e => fail(e.to_string()),
        })
    }

    fn accumulate(&mut self, dir: &Path, kf: &KustFile, kname: &str, rm: &mut ResMap) -> Result<()> {
        if let Some(pos) = self.stack.iter().position(|d| d == dir) {
            let mut chain: Vec<String> = self.stack[pos..].iter().map(|d| self.root.display(d)).collect();
            chain.push(self.root.display(dir));
            return Err(Error::Kustomization {
                file: kname.to_string(),
                message: format!("cycle detected: {}", chain.join(" -> ")),
            });
        }
        if rm.schema.is_none() {
            let read = |path: &str| -> Result<String> {
                let p = self.file(dir, path, kname, "openapi.path")?;
                self.root.read_text(&p)
            };
            rm.schema = super::openapi::setting(&kf.open_api, &read, kname)?.map(std::rc::Rc::new);
        }
        self.stack.push(dir.to_path_buf());
        let r = self.accumulate_inner(dir, kf, kname, rm);
        self.stack.pop();
        r
    }

    fn accumulate_inner(&mut self, dir: &Path, kf: &KustFile, kname: &str, rm: &mut ResMap) -> Result<()> {
        // Consecutive files are appended as one batch, so duplicate detection builds its id
        // set once per batch instead of once per file.
        let mut batch: Vec<Resource> = Vec::new();
        for reference in kf.bases.iter().chain(&kf.resources) {
            if let Some(spec) = self.git_base(dir, reference, kname)? {
                if !batch.is_empty() {
                    rm.append_all(std::mem::take(&mut batch), &format!("resources of {kname}"))?;
                }
                let mut sub_rm = ResMap {
                    schema: rm.schema.clone(),
                    ..ResMap::default()
                };
                self.accumulate_remote(&spec, kname, false, &mut sub_rm)?;
                if rm.schema.is_none() {
                    rm.schema.clone_from(&sub_rm.schema);
                }
                rm.config.merge(&sub_rm.config);
                super::vars::add(&mut rm.vars, &sub_rm.vars, kname)?;
                rm.append_all(sub_rm.items, &format!("{reference} in {kname}"))?;
                continue;
            }
            let p = self.root.resolve(dir, reference, kname, "resource")?;
            if self.root.is_dir(&p) {
                if !batch.is_empty() {
                    rm.append_all(std::mem::take(&mut batch), &format!("resources of {kname}"))?;
                }
                let (sub, subname) = self.load_kfile(&p)?;
                if sub.file_kind(&subname)? == FileKind::Component {
                    return Err(Error::Kustomization {
                        file: kname.to_string(),
                        message: format!(
                            "resource {reference:?} is a Component: list it under components, not resources"
                        ),
                    });
                }
                let mut sub_rm = ResMap {
                    schema: rm.schema.clone(),
                    ..ResMap::default()
                };
                self.accumulate(&p, &sub, &subname, &mut sub_rm)?;
                if rm.schema.is_none() {
                    rm.schema.clone_from(&sub_rm.schema);
                }
                rm.config.merge(&sub_rm.config);
                super::vars::add(&mut rm.vars, &sub_rm.vars, kname)?;
                rm.append_all(sub_rm.items, &format!("{reference} in {kname}"))?;
            } else {
                let p = self.file(dir, reference, kname, "resource")?;
                batch.extend(self.load_resources(&p, kname)?);
            }
        }
        if !batch.is_empty() {
            rm.append_all(batch, &format!("resources of {kname}"))?;
        }
        // kustomize merges the files' specs into its built-in ones.
        rm.config.builtin = true;
        for reference in &kf.configurations {
            let p = self.file(dir, reference, kname, "configuration")?;
            let text = self.root.read_text(&p)?;
            let c = super::config::TransformerConfig::parse(&text, &self.root.display(&p))?;
            rm.config.merge(&c);
        }
        // kustomize runs a kustomization's generators before its components.
        self.generators(dir, kf, kname, rm)?;
        for (cfg, file) in self.plugin_configs(dir, &kf.generators, kname, "generators")? {
            self.run_generator(dir, kname, &cfg, &file, rm)?;
        }
        for reference in &kf.components {
            if let Some(spec) = self.git_base(dir, reference, kname)? {
                self.accumulate_remote(&spec, kname, true, rm)?;
                continue;
            }
            let p = self.root.resolve(dir, reference, kname, "component")?;
            if !self.root.is_dir(&p) {
                return Err(Error::Kustomization {
                    file: kname.to_string(),
                    message: format!("component {reference:?} must be a directory with a kustomization"),
                });
            }
            let (sub, subname) = self.load_kfile(&p)?;
            if sub.file_kind(&subname)? != FileKind::Component {
                return Err(Error::Kustomization {
                    file: kname.to_string(),
                    message: format!("component {reference:?} is not of kind Component ({subname})"),
                });
            }
            self.accumulate(&p, &sub, &subname, rm)?;
        }
        self.transformers(dir, kf, kname, rm)?;
        for (cfg, file) in self.plugin_configs(dir, &kf.transformers, kname, "transformers")? {
            self.run_transformer(dir, kname, &cfg, &file, rm)?;
        }
        super::vars::merge(rm, &kf.vars, kname)
    }

    /// Reads the objects of a manifest file.
    fn load_resources(&self, path: &Path, kname: &str) -> Result<Vec<Resource>> {
        let text = self.root.read_text(path)?;
        let file = self.root.display(path);
        let yaml_err = |mark: crate::yaml::Mark, message: String| Error::Yaml {
            file: file.clone(),
            line: mark.line,
            col: mark.col,
            message,
            referenced_by: Some(kname.to_string()),
        };
        let mut docs = crate::yaml::load_all(&text).map_err(|e| yaml_err(e.mark, e.message))?;
        self.root.decrypt_documents(path, &mut docs)?;
        let (repo, git_ref) = self.remotes.last().cloned().unzip();
        let origin = Origin {
            path: Some(relative(&self.top, path)),
            repo,
            git_ref: git_ref.flatten(),
            ..Origin::default()
        };
        let mut out = Vec::new();
        for doc in docs {
            if doc.is_null() {
                continue;
            }
            let mark = doc.mark;
            let v = crate::yaml::to_json(&doc).map_err(|e| yaml_err(e.mark, e.message))?;
            let Value::Object(obj) = v else {
                return Err(yaml_err(mark, "a manifest must be a mapping".into()));
            };
            let is_list = obj
                .get("kind")
                .and_then(Value::as_str)
                .is_some_and(|k| k.ends_with("List"))
                && obj.get("items").is_some_and(Value::is_array);
            if is_list {
                let nodes = match doc.get("items").map(|n| &n.kind) {
                    Some(crate::yaml::NodeKind::Seq(nodes)) => nodes.as_slice(),
                    _ => &[],
                };
                if let Some(Value::Array(items)) = obj.get("items") {
                    for (i, item) in items.iter().enumerate() {
                        let Value::Object(m) = item else {
                            return Err(yaml_err(mark, "List items must be mappings".into()));
                        };
                        let mut r = check_object(m.clone(), &file, mark, kname)?;
                        if let Some(node) = nodes.get(i) {
                            read_as_written(node, &mut r);
                        }
                        out.push(r);
                    }
                }
                continue;
            }
            let mut r = check_object(obj, &file, mark, kname)?;
            read_as_written(&doc, &mut r);
            out.push(r);
        }
        for r in &mut out {
            r.origin = origin.clone();
        }
        Ok(out)
    }

    fn generators(&self, dir: &Path, kf: &KustFile, kname: &str, rm: &mut ResMap) -> Result<()> {
        let gens = kf
            .config_map_generator
            .iter()
            .map(|g| (GenKind::ConfigMap, g))
            .chain(kf.secret_generator.iter().map(|g| (GenKind::Secret, g)));
        for (kind, spec) in gens {
            self.generate_one(dir, kname, kind, spec, kf.generator_options.as_ref(), None, rm)?;
        }
        Ok(())
    }

    /// Runs one ConfigMap or Secret generator and adds, merges or replaces its object.
    #[allow(clippy::too_many_arguments)]
    fn generate_one(
        &self,
        dir: &Path,
        kname: &str,
        kind: GenKind,
        spec: &super::kfile::GeneratorSpec,
        global: Option<&super::kfile::GeneratorOptions>,
        plugin: Option<(&Path, &str)>,
        rm: &mut ResMap,
    ) -> Result<()> {
        let restrict = (self.opts.load_restrictions == LoadRestrictions::RootOnly).then_some(dir);
        {
            let g = generate::generate(self.root, dir, kname, kind, spec, global, restrict)?;
            let mut res = g.resource;
            res.origin.configured_in = Some(relative(
                &self.top,
                &dir.join(Path::new(kname).file_name().unwrap_or_default()),
            ));
            if let Some((repo, git_ref)) = self.remotes.last() {
                res.origin.repo = Some(repo.clone());
                res.origin.git_ref.clone_from(git_ref);
            }
            if let Some((file, name)) = plugin {
                res.origin.configured_in = Some(relative(&self.top, file));
                res.origin.configured_name = Some(name.to_string()).filter(|n| !n.is_empty());
            }
            match g.behavior {
                Behavior::Create => rm.append_all(vec![res], kname)?,
                Behavior::Merge | Behavior::Replace => {
                    let ns = spec.namespace.clone().unwrap_or_default();
                    let found = rm.items.iter().position(|r| {
                        r.kind() == res.kind()
                            && r.group_version().0.is_empty()
                            && r.matches_any_id(&spec.name, &ns)
                    });
                    let Some(i) = found else {
                        return Err(Error::Kustomization {
                            file: kname.to_string(),
                            message: format!(
                                "{} {:?}: behavior {} needs an existing {} of that name from a base",
                                kind.generator(),
                                spec.name,
                                if g.behavior == Behavior::Merge {
                                    "merge"
                                } else {
                                    "replace"
                                },
                                res.kind()
                            ),
                        });
                    };
                    let old = &mut rm.items[i];
                    let replace = g.behavior == Behavior::Replace;
                    let origin = res.origin.clone();
                    merge_generated(old, res, !replace);
                    if replace {
                        old.origin = origin;
                    }
                }
            }
        }
        Ok(())
    }

    /// The plugin configurations of a `generators` or `transformers` list: inline YAML,
    /// files (one or more documents), or directories with a kustomization whose output are
    /// the configurations. Each comes with the file it was read from.
    fn plugin_configs(
        &mut self,
        dir: &Path,
        entries: &[String],
        kname: &str,
        field: &str,
    ) -> Result<Vec<(Map<String, Value>, PathBuf)>> {
        let mut out = Vec::new();
        let kfile_path = dir.join(Path::new(kname).file_name().unwrap_or_default());
        for (i, e) in entries.iter().enumerate() {
            let (docs, file) = if e.contains('\n') {
                let source = format!("{kname} ({field}[{i}])");
                (parse_patch_docs(e, &source, kname)?, kfile_path.clone())
            } else {
                let p = self.root.resolve(dir, e, kname, field)?;
                if self.root.is_dir(&p) {
                    let (sub, subname) = self.load_kfile(&p)?;
                    let mut sub_rm = ResMap::default();
                    self.accumulate(&p, &sub, &subname, &mut sub_rm)?;
                    let file = p.join(Path::new(&subname).file_name().unwrap_or_default());
                    for r in sub_rm.items {
                        out.push((r.obj, file.clone()));
                    }
                    continue;
                }
                let p = self.file(dir, e, kname, field)?;
                let text = self.root.read_text(&p)?;
                (parse_patch_docs(&text, &self.root.display(&p), kname)?, p)
            };
            for d in docs {
                let Value::Object(m) = d else {
                    return Err(Error::Kustomization {
                        file: kname.to_string(),
                        message: format!("{field}[{i}]: a plugin configuration must be a mapping"),
                    });
                };
                out.push((m, file.clone()));
            }
        }
        Ok(out)
    }

    fn plugin_error(kname: &str, cfg: &Map<String, Value>, message: &str) -> Error {
        let kind = cfg.get("kind").and_then(Value::as_str).unwrap_or("");
        Error::Kustomization {
            file: kname.to_string(),
            message: format!("{kind}: {message}"),
        }
    }

    fn unsupported_plugin(kname: &str, field: &str, cfg: &Map<String, Value>) -> Error {
        let api = cfg.get("apiVersion").and_then(Value::as_str).unwrap_or("");
        let kind = cfg.get("kind").and_then(Value::as_str).unwrap_or("");
        Error::Unsupported {
            file: kname.to_string(),
            feature: format!("{field}: {api}/{kind} (only built-in generators and transformers are)"),
        }
    }

    fn run_generator(
        &self,
        dir: &Path,
        kname: &str,
        cfg: &Map<String, Value>,
        file: &Path,
        rm: &mut ResMap,
    ) -> Result<()> {
        let kind = match cfg.get("kind").and_then(Value::as_str) {
            Some("ConfigMapGenerator") => GenKind::ConfigMap,
            Some("SecretGenerator") => GenKind::Secret,
            Some("IAMPolicyGenerator") => return Self::iam_policy(kname, cfg, rm),
            _ => return Err(Self::unsupported_plugin(kname, "generators", cfg)),
        };
        // The plugin reads its configuration leniently: other keys are ignored.
        let mut fields = cfg.clone();
        let meta = fields.remove("metadata");
        fields.retain(|k, v| GENERATOR_KEYS.contains(&k.as_str()) && !v.is_null());
        let mut spec: super::kfile::GeneratorSpec = serde_json::from_value(Value::Object(fields))
            .map_err(|e| Self::plugin_error(kname, cfg, &e.to_string()))?;
        let meta_str = |k: &str| {
            meta.as_ref()
                .and_then(|m| m.get(k))
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        };
        let name = meta_str("name");
        // The generated object's name and namespace default to the configuration's own.
        if spec.name.is_empty() {
            spec.name.clone_from(&name);
        }
        if spec.namespace.as_deref().is_none_or(str::is_empty) && !meta_str("namespace").is_empty() {
            spec.namespace = Some(meta_str("namespace"));
        }
        self.generate_one(dir, kname, kind, &spec, None, Some((file, &name)), rm)
    }

    /// kustomize's IAMPolicyGenerator: a ServiceAccount bound to a GKE service account.
    fn iam_policy(kname: &str, cfg: &Map<String, Value>, rm: &mut ResMap) -> Result<()> {
        let s = |path: &[&str]| {
            let mut v = cfg.get(path[0]);
            for k in &path[1..] {
                v = v.and_then(|x| x.get(*k));
            }
            v.and_then(Value::as_str).unwrap_or("").to_string()
        };
        let cloud = s(&["cloud"]);
        if cloud != "gke" {
            return Err(Self::plugin_error(
                kname,
                cfg,
                &format!("cloud provider {cloud} not supported yet"),
            ));
        }
        let mut meta = Map::new();
        let mut ann = Map::new();
        ann.insert(
            "iam.gke.io/gcp-service-account".into(),
            Value::String(format!(
                "{}@{}.iam.gserviceaccount.com",
                s(&["serviceAccount", "name"]),
                s(&["serviceAccount", "projectId"])
            )),
        );
        meta.insert("annotations".into(), Value::Object(ann));
        meta.insert("name".into(), Value::String(s(&["kubernetesService", "name"])));
        let ns = s(&["kubernetesService", "namespace"]);
        if !ns.is_empty() {
            meta.insert("namespace".into(), Value::String(ns));
        }
        let mut obj = Map::new();
        obj.insert("apiVersion".into(), Value::String("v1".into()));
        obj.insert("kind".into(), Value::String("ServiceAccount".into()));
        obj.insert("metadata".into(), Value::Object(meta));
        rm.append_all(vec![Resource::new(obj, Origin::default())], kname)
    }

    /// The builtin PatchStrategicMergeTransformer: the patches of `paths`, then the inline
    /// ones, each applied to the objects it names.
    fn smp_transformer(
        &self,
        dir: &Path,
        kname: &str,
        paths: &[String],
        inline: Option<&str>,
        what: &str,
        rm: &mut ResMap,
    ) -> Result<()> {
        let mut texts: Vec<(String, String)> = Vec::new();
        for p in paths {
            let f = self.file(dir, p, kname, "patch")?;
            texts.push((self.root.read_text(&f)?, self.root.display(&f)));
        }
        if let Some(inline) = inline {
            texts.push((inline.to_string(), what.to_string()));
        }
        for (text, source) in texts {
            for d in parse_patch_docs(&text, &source, kname)? {
                apply_smp(rm, &d, None, &source)?;
            }
        }
        Ok(())
    }

    fn run_transformer(
        &self,
        dir: &Path,
        kname: &str,
        cfg: &Map<String, Value>,
        _file: &Path,
        rm: &mut ResMap,
    ) -> Result<()> {
        use super::config::FieldSpec;
        let kind = cfg.get("kind").and_then(Value::as_str).unwrap_or("");
        if cfg.get("apiVersion").and_then(Value::as_str) != Some("builtin") {
            return Err(Self::unsupported_plugin(kname, "transformers", cfg));
        }
        let bad = |e: serde_json::Error| Self::plugin_error(kname, cfg, &e.to_string());
        let get = |k: &str| cfg.get(k).cloned().unwrap_or(Value::Null);
        let specs = |k: &str| -> Result<Vec<FieldSpec>> {
            match cfg.get(k) {
                None | Some(Value::Null) => Ok(Vec::new()),
                Some(v) => serde_json::from_value(v.clone()).map_err(bad),
            }
        };
        let pairs = |k: &str| -> Result<std::collections::BTreeMap<String, String>> {
            match cfg.get(k) {
                None | Some(Value::Null) => Ok(std::collections::BTreeMap::new()),
                Some(v) => serde_json::from_value(v.clone()).map_err(bad),
            }
        };
        let what = format!("transformers ({kind})");
        match kind {
            "PatchTransformer" | "PatchJson6902Transformer" => {
                let mut spec = PatchSpec {
                    path: get("path").as_str().map(str::to_string),
                    patch: get("patch").as_str().map(str::to_string),
                    target: serde_json::from_value(get("target")).map_err(bad)?,
                    options: serde_json::from_value(get("options")).map_err(bad)?,
                };
                if kind == "PatchJson6902Transformer"
                    && let Some(op) = get("jsonOp").as_str()
                {
                    spec.patch = Some(op.to_string());
                }
                self.apply_patch(dir, kname, &spec, &what, rm, kind == "PatchJson6902Transformer")
            }
            "PatchStrategicMergeTransformer" => {
                let paths: Vec<String> = serde_json::from_value(get("paths")).unwrap_or_default();
                self.smp_transformer(dir, kname, &paths, get("patches").as_str(), &what, rm)
            }
            "LabelTransformer" | "AnnotationsTransformer" => {
                let key = if kind == "LabelTransformer" {
                    "labels"
                } else {
                    "annotations"
                };
                let p = pairs(key)?;
                transform::add_pairs(rm, &p, &[], &specs("fieldSpecs")?);
                Ok(())
            }
            "NamespaceTransformer" => {
                let ns = cfg
                    .get("metadata")
                    .and_then(|m| m.get("namespace"))
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string();
                let fs = specs("fieldSpecs")?;
                with_specs(rm, &|c| c.namespace.clone_from(&fs), &mut |rm| {
                    transform::namespace(rm, &ns);
                    Ok(())
                })
            }
            "PrefixSuffixTransformer" | "PrefixTransformer" | "SuffixTransformer" => {
                let fs = specs("fieldSpecs")?;
                let prefix = get("prefix").as_str().unwrap_or("").to_string();
                let suffix = get("suffix").as_str().unwrap_or("").to_string();
                with_specs(
                    rm,
                    &|c| {
                        c.name_prefix.clone_from(&fs);
                        c.name_suffix.clone_from(&fs);
                    },
                    &mut |rm| {
                        transform::affix(rm, &prefix, true);
                        transform::affix(rm, &suffix, false);
                        Ok(())
                    },
                )
            }
            "ImageTagTransformer" => {
                let image: super::kfile::ImageSpec = serde_json::from_value(get("imageTag")).map_err(bad)?;
                let fs = specs("fieldSpecs")?;
                with_specs(rm, &|c| c.images.clone_from(&fs), &mut |rm| {
                    transform::images(rm, std::slice::from_ref(&image));
                    Ok(())
                })
            }
            "ReplicaCountTransformer" => {
                let replica: super::kfile::ReplicaSpec =
                    serde_json::from_value(get("replica")).map_err(bad)?;
                let fs = specs("fieldSpecs")?;
                with_specs(rm, &|c| c.replicas.clone_from(&fs), &mut |rm| {
                    transform::replicas(rm, std::slice::from_ref(&replica), kname)
                })
            }
            "ReplacementTransformer" => {
                let fields: Vec<super::replace::ReplacementField> =
                    serde_json::from_value(get("replacements")).map_err(bad)?;
                let read = |path: &str| -> Result<(String, String)> {
                    let p = self.file(dir, path, kname, "replacement")?;
                    Ok((self.root.read_text(&p)?, self.root.display(&p)))
                };
                let list = super::replace::load(&fields, &read, kname)?;
                super::replace::apply(rm, &list, kname)
            }
            _ => Err(Self::unsupported_plugin(kname, "transformers", cfg)),
        }
    }

    fn transformers(&self, dir: &Path, kf: &KustFile, kname: &str, rm: &mut ResMap) -> Result<()> {
        // patchesStrategicMerge
        for (i, p) in kf.patches_strategic_merge.iter().enumerate() {
            let (text, source) = if p.contains('\n') || p.trim_start().starts_with('{') {
                (p.clone(), format!("{kname} (patchesStrategicMerge[{i}])"))
            } else {
                let path = self.file(dir, p, kname, "patch")?;
                (self.root.read_text(&path)?, self.root.display(&path))
            };
            let docs = parse_patch_docs(&text, &source, kname)?;
            for d in docs {
                if d.is_array() {
                    return Err(Error::Kustomization {
                        file: kname.to_string(),
                        message: format!(
                            "patchesStrategicMerge[{i}]: a JSON 6902 patch needs a target (use patches)"
                        ),
                    });
                }
                apply_smp(rm, &d, None, &source)?;
            }
        }
        // patches
        for (i, p) in kf.patches.iter().enumerate() {
            self.apply_patch(dir, kname, p, &format!("patches[{i}]"), rm, false)?;
        }
        if let Some(ns) = &kf.namespace {
            transform::namespace(rm, ns);
        }
        transform::affix(rm, kf.name_prefix.as_deref().unwrap_or(""), true);
        transform::affix(rm, kf.name_suffix.as_deref().unwrap_or(""), false);
        let cfg = rm.config.clone();
        let builtin = |specs: &'static [transform::FieldSpec]| if cfg.builtin { specs } else { &[] };
        // kustomize turns commonLabels into the last `labels` entry (with selectors).
        let common = kf.common_labels_entry();
        for l in kf.labels.iter().chain(common.as_ref()) {
            let mut extra = l.fields.clone();
            extra.extend(cfg.labels.iter().cloned());
            let specs = if l.include_selectors {
                extra.extend(cfg.common_labels.iter().cloned());
                builtin(transform::COMMON_LABELS)
            } else if l.include_templates {
                extra.extend(cfg.template_labels.iter().cloned());
                if cfg.builtin {
                    transform::TEMPLATE_LABELS
                } else {
                    transform::METADATA_LABELS
                }
            } else {
                transform::METADATA_LABELS
            };
            transform::add_pairs(rm, &l.pairs, specs, &extra);
        }
        transform::add_pairs(
            rm,
            &kf.common_annotations,
            builtin(transform::COMMON_ANNOTATIONS),
            &cfg.common_annotations,
        );
        for (i, p) in kf.patches_json6902.iter().enumerate() {
            if p.target.is_none() {
                return Err(Error::Kustomization {
                    file: kname.to_string(),
                    message: format!("patchesJson6902[{i}]: a target is required"),
                });
            }
            self.apply_patch(dir, kname, p, &format!("patchesJson6902[{i}]"), rm, true)?;
        }
        transform::replicas(rm, &kf.replicas, kname)?;
        let images: Vec<_> = kf.images.iter().chain(&kf.image_tags).cloned().collect();
        transform::images(rm, &images);
        if !kf.replacements.is_empty() {
            let read = |path: &str| -> Result<(String, String)> {
                let p = self.file(dir, path, kname, "replacement")?;
                Ok((self.root.read_text(&p)?, self.root.display(&p)))
            };
            let list = super::replace::load(&kf.replacements, &read, kname)?;
            super::replace::apply(rm, &list, kname)?;
        }
        Ok(())
    }

    fn apply_patch(
        &self,
        dir: &Path,
        kname: &str,
        p: &PatchSpec,
        what: &str,
        rm: &mut ResMap,
        json_only: bool,
    ) -> Result<()> {
        let (text, source) = match (&p.path, &p.patch) {
            (Some(_), Some(_)) => {
                return Err(Error::Kustomization {
                    file: kname.to_string(),
                    message: format!("{what}: patch and path cannot both be set"),
                });
            }
            (Some(path), None) => {
                let f = self.file(dir, path, kname, "patch")?;
                (self.root.read_patch(&f)?, self.root.display(&f))
            }
            (None, Some(inline)) => (inline.clone(), format!("{kname} ({what})")),
            (None, None) => {
                return Err(Error::Kustomization {
                    file: kname.to_string(),
                    message: format!("{what}: either patch or path is required"),
                });
            }
        };
        let docs = parse_patch_docs(&text, &source, kname)?;
        if docs.is_empty() {
            return Err(Error::Kustomization {
                file: kname.to_string(),
                message: format!(
                    "{what} ({source}) is empty: neither a strategic merge nor a JSON 6902 patch"
                ),
            });
        }
        let allow_name = p
            .options
            .as_ref()
            .and_then(|o| o.get("allowNameChange"))
            .copied()
            .unwrap_or(false);
        let allow_kind = p
            .options
            .as_ref()
            .and_then(|o| o.get("allowKindChange"))
            .copied()
            .unwrap_or(false);
        if docs.len() == 1 && docs[0].is_array() {
            let ops = jsonpatch::parse(&docs[0]).map_err(|m| Error::Kustomization {
                file: kname.to_string(),
                message: format!("{what} ({source}): {m}"),
            })?;
            let Some(sel) = &p.target else {
                return Err(Error::Kustomization {
                    file: kname.to_string(),
                    message: format!("{what}: a JSON 6902 patch needs a target"),
                });
            };
            let targets = select(rm, sel, kname, what)?;
            for i in targets {
                let r = &mut rm.items[i];
                // kustomize records the id before a JSON patch, which may rename.
                r.remember();
                let mut v = Value::Object(std::mem::take(&mut r.obj));
                let res = jsonpatch::apply(&mut v, &ops);
                if let Value::Object(m) = v {
                    r.obj = m;
                }
                res.map_err(|m| Error::Object {
                    object: Box::new(r.id()),
                    message: format!("{what} ({source}): {m}"),
                })?;
            }
            return Ok(());
        }
        if json_only {
            return Err(Error::Kustomization {
                file: kname.to_string(),
                message: format!("{what}: expected a JSON 6902 patch (a list of operations)"),
            });
        }
        if p.target.is_some() && docs.len() > 1 {
            return Err(Error::Kustomization {
                file: kname.to_string(),
                message: format!(
                    "{what} ({source}): Multiple Strategic-Merge Patches in one `patches` entry is not allowed to set `patches.target` field"
                ),
            });
        }
        for d in docs {
            if d.is_array() {
                return Err(Error::Kustomization {
                    file: kname.to_string(),
                    message: format!(
                        "{what}: a file may hold one JSON 6902 patch or strategic merge patches, not both"
                    ),
                });
            }
            match &p.target {
                None => apply_smp(rm, &d, None, &source)?,
                Some(sel) => {
                    let mut targets = select(rm, sel, kname, what)?;
                    // From the last, so removing an object keeps the other indexes valid.
                    targets.reverse();
                    for i in targets {
                        apply_smp_to(rm, i, &d, allow_name, allow_kind);
                    }
                }
            }
        }
        Ok(())
    }
}

/// The keys a ConfigMapGenerator or SecretGenerator plugin configuration may set.
const GENERATOR_KEYS: &[&str] = &[
    "name",
    "namespace",
    "behavior",
    "literals",
    "files",
    "envs",
    "env",
    "options",
    "type",
];

fn check_object(
    obj: Map<String, Value>,
    file: &str,
    mark: crate::yaml::Mark,
    kname: &str,
) -> Result<Resource> {
    let missing = |field: &str| Error::Yaml {
        file: file.to_string(),
        line: mark.line,
        col: mark.col,
        message: format!("object is missing {field}"),
        referenced_by: Some(kname.to_string()),
    };
    if obj.get("kind").and_then(Value::as_str).is_none_or(str::is_empty) {
        return Err(missing("kind"));
    }
    let name_ok = obj
        .get("metadata")
        .and_then(|m| m.get("name"))
        .and_then(Value::as_str)
        .is_some_and(|n| !n.is_empty());
    if !name_ok {
        return Err(missing("metadata.name"));
    }
    Ok(Resource::new(obj, Origin::default()))
}

/// What kustomize keeps of the text of an object as written: annotation values are strings
/// of their text (`b: 1` is `"1"`, `e:` is `""`), and empty nulls are remembered.
fn read_as_written(node: &crate::yaml::Node, r: &mut Resource) {
    empty_null_paths(node, &mut Vec::new(), &mut r.empty_nulls);
    let Some(crate::yaml::NodeKind::Map(entries)) = node
        .get("metadata")
        .and_then(|m| m.get("annotations"))
        .map(|a| &a.kind)
    else {
        return;
    };
    if let Some(Value::Object(ann)) = r.obj.get_mut("metadata").and_then(|m| m.get_mut("annotations")) {
        for (k, v) in entries {
            if let (Some(key), Some(text)) = (k.as_scalar(), v.as_scalar())
                && let Some(slot) = ann.get_mut(key)
                && !slot.is_string()
            {
                *slot = Value::String(text.to_string());
            }
        }
    }
}

/// Collects the key paths of null scalars written with no text (list elements skipped).
fn empty_null_paths(node: &crate::yaml::Node, at: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    use crate::yaml::NodeKind;
    match &node.kind {
        NodeKind::Map(entries) => {
            for (k, v) in entries {
                let Some(key) = k.as_scalar() else { continue };
                at.push(key.to_string());
                if matches!(&v.kind, NodeKind::Scalar { text, .. } if text.is_empty()) && v.is_null() {
                    out.push(at.clone());
                } else {
                    empty_null_paths(v, at, out);
                }
                at.pop();
            }
        }
        NodeKind::Seq(items) => {
            for i in items {
                empty_null_paths(i, at, out);
            }
        }
        NodeKind::Scalar { .. } => {}
    }
}

fn parse_patch_docs(text: &str, source: &str, kname: &str) -> Result<Vec<Value>> {
    let err = |mark: crate::yaml::Mark, message: String| Error::Yaml {
        file: source.to_string(),
        line: mark.line,
        col: mark.col,
        message,
        referenced_by: Some(kname.to_string()),
    };
    let docs = crate::yaml::load_all(text).map_err(|e| err(e.mark, e.message))?;
    let mut out = Vec::new();
    for d in docs {
        if d.is_null() {
            continue;
        }
        out.push(crate::yaml::to_json(&d).map_err(|e| err(e.mark, e.message))?);
    }
    Ok(out)
}

/// Applies a strategic merge patch without a target: it names its target.
fn apply_smp(rm: &mut ResMap, patch: &Value, _sel: Option<&Selector>, source: &str) -> Result<()> {
    let kind = patch.get("kind").and_then(Value::as_str).unwrap_or("");
    let api_version = patch.get("apiVersion").and_then(Value::as_str).unwrap_or("");
    let (group, _) = crate::object::split_api_version(api_version);
    let meta = patch.get("metadata");
    let name = meta
        .and_then(|m| m.get("name"))
        .and_then(Value::as_str)
        .unwrap_or("");
    let ns = meta
        .and_then(|m| m.get("namespace"))
        .and_then(Value::as_str)
        .unwrap_or("");
    if kind.is_empty() || name.is_empty() {
        return Err(Error::PatchTarget {
            patch: source.to_string(),
            reason: "a strategic merge patch without a target must have kind and metadata.name".into(),
        });
    }
    let matches: Vec<usize> = rm
        .items
        .iter()
        .enumerate()
        .filter(|(_, r)| r.group_version().0 == group && r.matches_any_kind_id(kind, name, ns))
        .map(|(i, _)| i)
        .collect();
    match matches.len() {
        0 => Err(Error::PatchTarget {
            patch: source.to_string(),
            reason: format!(
                "no resource matches strategic merge patch {kind}/{}{name}",
                if ns.is_empty() {
                    String::new()
                } else {
                    format!("{ns}/")
                }
            ),
        }),
        1 => {
            // The patch names its target by any of its names; it never renames it.
            let r = &rm.items[matches[0]];
            let mut patch = patch.clone();
            if let Some(Value::Object(meta)) = patch.get_mut("metadata") {
                meta.insert("name".into(), Value::String(r.name().to_string()));
                if meta.contains_key("namespace") {
                    meta.insert("namespace".into(), Value::String(r.namespace().to_string()));
                }
            }
            apply_smp_to(rm, matches[0], &patch, false, false);
            Ok(())
        }
        _ => {
            let id = kustomize_id(kind, api_version, name, ns);
            Err(Error::PatchTarget {
                patch: source.to_string(),
                reason: format!("multiple matches for Id {id}; failed to find unique target for patch {id}"),
            })
        }
    }
}

/// Applies a strategic merge patch to object `i` as kustomize does: the patch takes the
/// object's apiVersion, the object keeps its namespace, and its kind and name unless the
/// patch's options allow changing them (then the old id is remembered). A patch that deletes
/// the object removes it.
fn apply_smp_to(rm: &mut ResMap, i: usize, patch: &Value, allow_name: bool, allow_kind: bool) {
    let r = &mut rm.items[i];
    let kind = r.kind().to_string();
    let builtin = merge::is_builtin(r.api_version(), r.kind());
    let (group, version) = r.group_version();
    let (group, version) = (group.to_string(), version.to_string());
    let custom = match rm.schema.as_deref() {
        Some(super::openapi::Setting::Custom(s)) => Some((s.as_ref(), group.as_str(), version.as_str())),
        _ => None,
    };
    let ctx = MergeCtx {
        kind: &kind,
        builtin,
        schema: custom,
    };
    let before_name = r.name().to_string();
    let before_ns = r.namespace().to_string();
    let before_api = r.api_version().to_string();
    let mut patch = patch.clone();
    if let Value::Object(pm) = &mut patch {
        pm.insert("apiVersion".into(), Value::String(before_api));
    }
    let mut v = Value::Object(std::mem::take(&mut r.obj));
    let keep = merge::merge_object(&mut v, &patch, &ctx);
    if keep {
        merge::drop_null_fields(&mut v, &ctx, &r.empty_nulls);
    }
    if let Value::Object(m) = v {
        r.obj = m;
    }
    if !keep {
        rm.items.remove(i);
        return;
    }
    if !allow_kind {
        r.obj.insert("kind".into(), Value::String(kind.clone()));
    }
    let meta = r.metadata_mut();
    if !allow_name {
        meta.insert("name".into(), Value::String(before_name.clone()));
    }
    if before_ns.is_empty() {
        meta.remove("namespace");
    } else {
        meta.insert("namespace".into(), Value::String(before_ns.clone()));
    }
    if (allow_name || allow_kind) && (r.name() != before_name || r.kind() != kind) {
        r.prev.push(super::resource::PrevId {
            kind,
            name: before_name,
            namespace: before_ns,
        });
    }
}

/// An id as kustomize prints it (`Deployment.v1.apps/web.[noNs]`).
pub(crate) fn kustomize_id(kind: &str, api_version: &str, name: &str, ns: &str) -> String {
    let (g, v) = crate::object::split_api_version(api_version);
    let or = |s: &str, d: &str| {
        if s.is_empty() {
            d.to_string()
        } else {
            s.to_string()
        }
    };
    format!(
        "{}.{}.{}/{}.{}",
        or(kind, "[noKind]"),
        or(v, "[noVer]"),
        or(g, "[noGrp]"),
        name,
        or(ns, "[noNs]")
    )
}

/// Merges a generated object into one from a lower layer.
fn merge_generated(old: &mut Resource, new: Resource, merge_data: bool) {
    let mut obj = new.obj;
    for field in ["data", "binaryData"] {
        if merge_data {
            let mut merged = old
                .obj
                .get(field)
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default();
            if let Some(Value::Object(n)) = obj.get(field) {
                for (k, v) in n {
                    merged.insert(k.clone(), v.clone());
                }
            }
            if merged.is_empty() {
                obj.remove(field);
            } else {
                obj.insert(field.into(), Value::Object(merged));
            }
        }
    }
    // Labels and annotations: the old ones, overridden by the new ones; name and namespace stay.
    let old_meta = old
        .obj
        .get("metadata")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let mut meta = obj
        .get("metadata")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    for field in ["labels", "annotations"] {
        let mut merged = old_meta
            .get(field)
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        if let Some(Value::Object(n)) = meta.get(field) {
            for (k, v) in n {
                merged.insert(k.clone(), v.clone());
            }
        }
        if !merged.is_empty() {
            meta.insert(field.into(), Value::Object(merged));
        }
    }
    for field in ["name", "namespace"] {
        match old_meta.get(field) {
            Some(v) => {
                meta.insert(field.into(), v.clone());
            }
            None => {
                meta.remove(field);
            }
        }
    }
    obj.insert("metadata".into(), Value::Object(meta));
    old.obj = obj;
    // The name gets a hash only when both layers ask for one (checked against kustomize).
    old.needs_hash = old.needs_hash && new.needs_hash;
}

/// Indexes of the resources a selector picks.
fn select(rm: &ResMap, sel: &Selector, kname: &str, what: &str) -> Result<Vec<usize>> {
    let re = |pattern: &Option<String>, field: &str| -> Result<Option<regex::Regex>> {
        match pattern {
            None => Ok(None),
            Some(p) if p.is_empty() => Ok(None),
            Some(p) => regex::Regex::new(&format!("^(?:{p})$"))
                .map(Some)
                .map_err(|e| Error::Kustomization {
                    file: kname.to_string(),
                    message: format!("{what}: target.{field}: invalid regular expression: {e}"),
                }),
        }
    };
    let name_re = re(&sel.name, "name")?;
    let ns_re = re(&sel.namespace, "namespace")?;
    let group_re = re(&sel.group, "group")?;
    let version_re = re(&sel.version, "version")?;
    let kind_re = re(&sel.kind, "kind")?;
    let labels = sel
        .label_selector
        .as_deref()
        .filter(|s| !s.is_empty())
        .map(|s| {
            parse_selector(s).map_err(|m| Error::Kustomization {
                file: kname.to_string(),
                message: format!("{what}: target.labelSelector: {m}"),
            })
        })
        .transpose()?;
    let annotations = sel
        .annotation_selector
        .as_deref()
        .filter(|s| !s.is_empty())
        .map(|s| {
            parse_selector(s).map_err(|m| Error::Kustomization {
                file: kname.to_string(),
                message: format!("{what}: target.annotationSelector: {m}"),
            })
        })
        .transpose()?;
    let mut out = Vec::new();
    for (i, r) in rm.items.iter().enumerate() {
        // kustomize: the original or the current namespace and name, the current
        // group/version/kind, each an anchored regular expression.
        let (_, org_name, org_ns) = r.org();
        if let Some(re) = &ns_re
            && !re.is_match(r.effective_ns(org_ns))
            && !re.is_match(r.effective_ns(r.namespace()))
        {
            continue;
        }
        if let Some(re) = &name_re
            && !re.is_match(org_name)
            && !re.is_match(r.name())
        {
            continue;
        }
        let (g, v) = r.group_version();
        if group_re.as_ref().is_some_and(|re| !re.is_match(g))
            || version_re.as_ref().is_some_and(|re| !re.is_match(v))
            || kind_re.as_ref().is_some_and(|re| !re.is_match(r.kind()))
        {
            continue;
        }
        if let Some(req) = &labels
            && !matches_selector(req, r.labels())
        {
            continue;
        }
        if let Some(req) = &annotations
            && !matches_selector(req, r.annotations())
        {
            continue;
        }
        out.push(i);
    }
    Ok(out)
}

/// One requirement of a label selector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Req {
    Eq(String, String),
    Ne(String, String),
    In(String, Vec<String>),
    NotIn(String, Vec<String>),
    Exists(String),
    NotExists(String),
}

/// Runs `f` with a transformer configuration's field specs (`set` fills them) in place of
/// the accumulated ones, which are restored after.
fn with_specs(
    rm: &mut ResMap,
    set: &dyn Fn(&mut super::config::TransformerConfig),
    f: &mut dyn FnMut(&mut ResMap) -> Result<()>,
) -> Result<()> {
    let saved = rm.config.clone();
    let mut c = super::config::TransformerConfig::default();
    set(&mut c);
    rm.config = c;
    let r = f(rm);
    rm.config = saved;
    r
}

/// Parses Kubernetes' label selector syntax (`a=b,c!=d,e in (x,y),!f,g`).
pub(crate) fn parse_selector(s: &str) -> std::result::Result<Vec<Req>, String> {
    let mut parts: Vec<String> = Vec::new();
    let mut depth = 0;
    let mut cur = String::new();
    for c in s.chars() {
        match c {
            '(' => {
                depth += 1;
                cur.push(c);
            }
            ')' => {
                depth -= 1;
                cur.push(c);
            }
            ',' if depth == 0 => parts.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    parts.push(cur);
    let mut out = Vec::new();
    for p in parts {
        let p = p.trim();
        if p.is_empty() {
            return Err(format!("invalid selector {s:?}"));
        }
        let set = |rest: &str| -> std::result::Result<Vec<String>, String> {
            let inner = rest
                .trim()
                .strip_prefix('(')
                .and_then(|r| r.strip_suffix(')'))
                .ok_or_else(|| format!("invalid set in {p:?}"))?;
            Ok(inner.split(',').map(|v| v.trim().to_string()).collect())
        };
        if let Some(k) = p.strip_prefix('!') {
            out.push(Req::NotExists(k.trim().to_string()));
        } else if let Some((k, v)) = p.split_once("!=") {
            out.push(Req::Ne(k.trim().into(), v.trim().into()));
        } else if let Some((k, v)) = p.split_once("==") {
            out.push(Req::Eq(k.trim().into(), v.trim().into()));
        } else if let Some((k, v)) = p.split_once('=') {
            out.push(Req::Eq(k.trim().into(), v.trim().into()));
        } else if let Some((k, rest)) = p.split_once(" notin ") {
            out.push(Req::NotIn(k.trim().into(), set(rest)?));
        } else if let Some((k, rest)) = p.split_once(" in ") {
            out.push(Req::In(k.trim().into(), set(rest)?));
        } else if p.chars().all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c)) {
            out.push(Req::Exists(p.to_string()));
        } else {
            return Err(format!("invalid requirement {p:?}"));
        }
    }
    Ok(out)
}

pub(crate) fn matches_selector(reqs: &[Req], labels: Option<&Map<String, Value>>) -> bool {
    let get = |k: &str| labels.and_then(|l| l.get(k)).and_then(Value::as_str);
    reqs.iter().all(|r| match r {
        Req::Eq(k, v) => get(k) == Some(v.as_str()),
        Req::Ne(k, v) => get(k) != Some(v.as_str()),
        Req::In(k, vs) => get(k).is_some_and(|x| vs.iter().any(|v| v == x)),
        Req::NotIn(k, vs) => get(k).is_none_or(|x| !vs.iter().any(|v| v == x)),
        Req::Exists(k) => get(k).is_some(),
        Req::NotExists(k) => get(k).is_none(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors_parse_and_match() {
        let reqs = parse_selector("app=web,tier!=db,env in (prod, staging),!legacy,team").unwrap();
        assert_eq!(reqs.len(), 5);
        let labels: Map<String, Value> =
            serde_json::from_str(r#"{"app":"web","env":"prod","team":"a"}"#).unwrap();
        assert!(matches_selector(&reqs, Some(&labels)));
        let other: Map<String, Value> =
            serde_json::from_str(r#"{"app":"web","env":"dev","team":"a"}"#).unwrap();
        assert!(!matches_selector(&reqs, Some(&other)));
        assert!(parse_selector("a=b,,c").is_err());
    }

    #[test]
    fn relative_paths() {
        assert_eq!(
            relative(Path::new("/r/a/b"), Path::new("/r/a/b/x.yaml")),
            "x.yaml"
        );
        assert_eq!(
            relative(Path::new("/r/a/b"), Path::new("/r/a/c/x.yaml")),
            "../c/x.yaml"
        );
    }
}
