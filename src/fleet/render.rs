//! Rendering a fleet at one revision: the root Kustomization (the `flux-system` sync), then
//! every Kustomization it defines whose source is this repository, recursively, each built
//! by [`crate::build::flux::build_in`] as the reconcile engine builds it.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;

use crate::api::{FluxObject as _, Kustomization};
use crate::build::flux::{Built, FluxOptions};
use crate::build::fs::{Access, Files, Inputs, Root, Seen};
use crate::sops::Decryption;

/// Reads a Kustomization's `postBuild.substituteFrom` variables from elsewhere than the
/// repository (the cluster); the error (the reader's own, kept as it is) names the ConfigMap
/// or Secret.
pub type VariablesFn = dyn Fn(&Kustomization) -> Result<BTreeMap<String, String>, Box<dyn std::error::Error + Send + Sync>>
    + Send
    + Sync;

/// Where `substituteFrom` variables come from.
#[derive(Clone, Default)]
pub enum Variables {
    /// The ConfigMaps and Secrets the repository defines (offline).
    #[default]
    Repository,
    /// A reader (the cluster).
    Reader(Arc<VariablesFn>),
}

impl std::fmt::Debug for Variables {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Variables::Repository => "Repository",
            Variables::Reader(_) => "Reader",
        })
    }
}

/// How a fleet is rendered.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The repository's top directory (canonical).
    pub top: PathBuf,
    /// The directory of the root Kustomization, relative to the top (`None`: the
    /// `flux-system` sync found as bootstrap lays it out).
    pub path: Option<String>,
    /// Sources built from a directory of this repository: `Kind/namespace/name` → directory
    /// relative to the top.
    pub local_sources: BTreeMap<String, String>,
    /// URLs of this checkout's remotes (normalised with [`normalize_url`]).
    pub remote_urls: BTreeSet<String>,
    /// How SOPS-encrypted files of Kustomizations with `spec.decryption` are read.
    pub decryption: Option<Decryption>,
    /// Where `substituteFrom` variables come from.
    pub variables: Variables,
}

/// Where a Kustomization's objects come from.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// Built: the objects, and when values were decrypted with keys, the same build with
    /// SOPS values masked (where they are tells the diff what to hide).
    Objects {
        /// The objects.
        objects: Vec<Value>,
        /// The masked build, when it differs.
        masked: Option<Vec<Value>>,
    },
    /// Not rendered (an external source, a suspended-by-design case); why.
    NotRendered(String),
    /// The build failed; the error.
    Failed(String),
}

/// One Kustomization of a rendered fleet.
#[derive(Clone, Debug)]
pub struct Rendered {
    /// The Kustomization as its parent defines it.
    pub kustomization: Kustomization,
    /// The Kustomization that defines it (`namespace/name`); `None` for the root.
    pub parent: Option<String>,
    /// What it builds.
    pub outcome: Outcome,
    /// Variables used without a value (left as written).
    pub unresolved: BTreeSet<String>,
    /// Things to know about this rendering (missing substitution sources, HelmReleases).
    pub notes: Vec<String>,
    /// Everything the build read and what it saw.
    inputs: Vec<(Access, Seen)>,
    /// What else the build depends on: the spec, the variables, the source directory.
    fingerprint: String,
    /// Whether it was taken over from the other revision's rendering (inputs unchanged).
    pub reused: bool,
}

/// A rendered fleet: Kustomizations by `namespace/name`.
#[derive(Clone, Debug, Default)]
pub struct Fleet {
    /// The Kustomizations.
    pub kustomizations: BTreeMap<String, Rendered>,
    /// The root's `namespace/name`.
    pub root: String,
}

/// Why a fleet could not be rendered at all (a Kustomization failing is not this: it is
/// reported with the others).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Error(pub String);

/// Where bootstrap writes the sync configuration, under `<path>/flux-system/`.
pub const SYNC_FILE: &str = "gotk-sync.yaml";

/// `namespace/name` of an object.
fn key_of(ns: &str, name: &str) -> String {
    format!("{ns}/{name}")
}

/// A Git URL reduced to host and path (lower case, no scheme, user, port, `.git` or
/// trailing slash), so that the HTTPS and SSH forms of one repository are equal.
pub fn normalize_url(url: &str) -> String {
    let mut u = url.trim().to_ascii_lowercase();
    if let Some((_, rest)) = u.split_once("://") {
        u = rest.to_string();
    } else if let Some((host, path)) = u.split_once(':') {
        // scp-like: git@host:org/repo
        u = format!("{host}/{path}");
    }
    if let Some((_, rest)) = u.split_once('@') {
        u = rest.to_string();
    }
    if let Some((host, path)) = u.split_once('/') {
        let host = host.split(':').next().unwrap_or(host);
        u = format!("{host}/{path}");
    }
    let u = u.trim_end_matches('/');
    u.strip_suffix(".git").unwrap_or(u).to_string()
}

/// Finds the root Kustomization: the `flux-system` sync of `opts.path`, or the only
/// `flux-system/gotk-sync.yaml` of the repository.
fn root_kustomization(files: &dyn Files, opts: &Options) -> Result<Kustomization, Error> {
    let top = &opts.top;
    let sync = if let Some(p) = &opts.path {
        let dir = crate::build::fs::normalize(&top.join(p));
        let f = dir.join("flux-system").join(SYNC_FILE);
        if files.kind(&f) != crate::build::fs::Kind::File {
            return Ok(synthetic_root(p));
        }
        f
    } else {
        let mut found = Vec::new();
        find_sync_files(files, top, 0, &mut found);
        if found.len() > 1 {
            let list: Vec<String> = found
                .iter()
                .map(|f| f.strip_prefix(top).unwrap_or(f).display().to_string())
                .collect();
            return Err(Error(format!(
                "several flux-system syncs ({}): pass --path to choose one",
                list.join(", ")
            )));
        }
        found.pop().ok_or_else(|| {
            Error(format!(
                "no flux-system sync ({SYNC_FILE} under a flux-system directory, as bootstrap writes it) in {}: pass --path to the directory to start from",
                top.display()
            ))
        })?
    };
    let rel = sync.strip_prefix(top).unwrap_or(&sync).display().to_string();
    let bytes = files.read(&sync).map_err(|e| Error(format!("{rel}: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|_| Error(format!("{rel}: not UTF-8 text")))?;
    let docs = crate::yaml::from_str_json(&text).map_err(|e| Error(format!("{rel}: {e}")))?;
    let mut found = docs.into_iter().filter(is_kustomization);
    let Some(ks) = found.next() else {
        return Err(Error(format!("{rel}: no Kustomization in the sync file")));
    };
    let mut ks = Kustomization::parse(ks).map_err(|e| Error(format!("{rel}: {e}")))?;
    if ks.metadata.namespace.is_none() {
        ks.metadata.namespace = Some("flux-system".into());
    }
    if let Some(p) = &opts.path {
        ks.spec.path = Some(p.clone());
    }
    Ok(ks)
}

/// The root when `--path` has no sync: a Kustomization `flux-system/flux-system` building
/// the directory from the `flux-system` GitRepository.
fn synthetic_root(path: &str) -> Kustomization {
    let mut ks = Kustomization::new("flux-system", crate::api::KustomizationSpec::default());
    ks.metadata.namespace = Some("flux-system".into());
    ks.spec.path = Some(path.to_string());
    ks.spec.interval = "10m".into();
    ks.spec.prune = true;
    ks.spec.source_ref.kind = "GitRepository".into();
    ks.spec.source_ref.name = "flux-system".into();
    ks
}

fn find_sync_files(files: &dyn Files, dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    if depth > 8 {
        return;
    }
    let Ok(mut names) = files.list(dir) else { return };
    names.sort();
    for n in names {
        if n.starts_with('.') {
            continue;
        }
        let p = dir.join(&n);
        if files.kind(&p) != crate::build::fs::Kind::Dir {
            continue;
        }
        let sync = p.join(SYNC_FILE);
        if n == "flux-system" && files.kind(&sync) == crate::build::fs::Kind::File {
            out.push(sync);
        } else {
            find_sync_files(files, &p, depth + 1, out);
        }
    }
}

/// Whether a built object is a Flux Kustomization.
fn is_kustomization(v: &Value) -> bool {
    v["kind"] == "Kustomization"
        && v["apiVersion"]
            .as_str()
            .is_some_and(|a| a.starts_with("kustomize.toolkit.fluxcd.io/"))
}

/// `Kind/namespace/name` of a source reference (the namespace defaulting to the
/// Kustomization's).
fn source_key(ks: &Kustomization) -> String {
    let s = &ks.spec.source_ref;
    format!("{}/{}/{}", s.kind, ks.source_namespace(), s.name)
}

/// A Kustomization waiting to be rendered.
struct Pending {
    ks: Kustomization,
    parent: Option<String>,
}

/// What a pending Kustomization needs before it can be built.
enum Ready {
    /// Built from this directory (relative to the top), with these variables and notes.
    Build {
        dir: String,
        vars: BTreeMap<String, String>,
        notes: Vec<String>,
    },
    /// Not rendered, why.
    Skip(String),
    /// Cannot be built, why.
    Fail(String),
    /// Waiting for objects other Kustomizations may define.
    Wait,
}

/// A Kustomization's rendering before it is recorded.
struct Produced {
    outcome: Outcome,
    inputs: Vec<(Access, Seen)>,
    unresolved: BTreeSet<String>,
    reused: bool,
    fingerprint: String,
}

/// The renderer of one revision.
struct Renderer<'a> {
    files: Arc<dyn Files>,
    opts: &'a Options,
    reuse: Option<&'a Fleet>,
    /// Objects of the fleet so far, by `Kind/namespace/name` (ConfigMaps, Secrets and
    /// GitRepositories: what other Kustomizations look up).
    objects: BTreeMap<String, Value>,
    fleet: Fleet,
    root_source: String,
    /// Kustomizations queued so far (`namespace/name`), each rendered once.
    queued: BTreeSet<String>,
}

/// Renders the fleet in `files`. With `reuse` (the other revision's rendering), a
/// Kustomization whose spec, variables and every input read are the same there is taken
/// over instead of built again.
pub fn render(files: Arc<dyn Files>, opts: &Options, reuse: Option<&Fleet>) -> Result<Fleet, Error> {
    let root = root_kustomization(files.as_ref(), opts)?;
    let root_key = key_of(
        root.metadata.namespace.as_deref().unwrap_or_default(),
        root.metadata.name.as_deref().unwrap_or_default(),
    );
    let mut r = Renderer {
        files,
        opts,
        reuse,
        objects: BTreeMap::new(),
        fleet: Fleet {
            root: root_key.clone(),
            ..Fleet::default()
        },
        root_source: source_key(&root),
        queued: BTreeSet::from([root_key.clone()]),
    };
    let mut queue: VecDeque<Pending> = VecDeque::new();
    queue.push_back(Pending {
        ks: root,
        parent: None,
    });
    while !queue.is_empty() {
        // A wave: every Kustomization that can be built with what is known now.
        let mut wave = Vec::new();
        let mut waiting = VecDeque::new();
        for p in queue.drain(..) {
            match r.ready(&p.ks, false) {
                Ready::Wait => waiting.push_back(p),
                ready => wave.push((p, ready)),
            }
        }
        if wave.is_empty() {
            // Everything waits: let the first one go on with what is known.
            if let Some(p) = waiting.pop_front() {
                let ready = r.ready(&p.ks, true);
                wave.push((p, ready));
            }
        }
        queue = waiting;
        let builds: Vec<(&Kustomization, &str, &BTreeMap<String, String>)> = wave
            .iter()
            .filter_map(|(p, ready)| match ready {
                Ready::Build { dir, vars, .. } => Some((&p.ks, dir.as_str(), vars)),
                _ => None,
            })
            .collect();
        let mut produced = r.produce_all(&builds).into_iter();
        for (p, ready) in wave {
            match ready {
                Ready::Wait => {}
                Ready::Skip(why) => r.insert(p, Outcome::NotRendered(why), Vec::new(), None),
                Ready::Fail(why) => r.insert(p, Outcome::Failed(why), Vec::new(), None),
                Ready::Build { notes, .. } => {
                    let Some(made) = produced.next() else { break };
                    queue.extend(r.record(p, notes, made));
                }
            }
        }
    }
    Ok(r.fleet)
}

impl Renderer<'_> {
    /// Whether `ks` can be built now, from where, with which variables.
    fn ready(&self, ks: &Kustomization, force: bool) -> Ready {
        if let Some(why) = ks.unsupported() {
            return Ready::Fail(why);
        }
        let source = source_key(ks);
        let dir = if let Some(d) = self.opts.local_sources.get(&source) {
            d.clone()
        } else if source == self.root_source {
            ".".to_string()
        } else if ks.spec.source_ref.kind == "GitRepository" {
            match self.objects.get(&source) {
                Some(repo) => {
                    let url = repo["spec"]["url"].as_str().unwrap_or_default();
                    if self.opts.remote_urls.contains(&normalize_url(url)) {
                        ".".to_string()
                    } else {
                        return Ready::Skip(format!("external source {source} ({url})"));
                    }
                }
                None if force => {
                    return Ready::Skip(format!(
                        "external source {source} (not defined in the repository)"
                    ));
                }
                None => return Ready::Wait,
            }
        } else {
            return Ready::Skip(format!("external source {source}"));
        };
        let mut vars = BTreeMap::new();
        let mut notes = Vec::new();
        if let Variables::Reader(read) = &self.opts.variables {
            return match read(ks) {
                Ok(vars) => Ready::Build { dir, vars, notes },
                Err(e) => Ready::Fail(e.to_string()),
            };
        }
        let ns = ks.metadata.namespace.clone().unwrap_or_default();
        let refs = ks
            .spec
            .post_build
            .as_ref()
            .and_then(|p| p.substitute_from.clone())
            .unwrap_or_default();
        for r in refs {
            let what = format!("{}/{ns}/{}", r.kind, r.name);
            if r.kind != "ConfigMap" && r.kind != "Secret" {
                return Ready::Fail(format!(
                    "postBuild.substituteFrom: unsupported kind {:?} (ConfigMap or Secret)",
                    r.kind
                ));
            }
            match self.objects.get(&what) {
                Some(obj) => match crate::build::subst::source_variables(obj) {
                    Ok(found) => {
                        let mask = crate::sops::MASK;
                        vars.extend(found.into_iter().filter(|(_, v)| v != mask));
                    }
                    Err(e) => {
                        return Ready::Fail(format!("substitute from '{}/{}' failed: {e}", r.kind, r.name));
                    }
                },
                None if !force => return Ready::Wait,
                None if r.optional.unwrap_or(false) => {}
                None => notes.push(format!(
                    "substituteFrom {what} is not defined in the repository: its variables are unresolved"
                )),
            }
        }
        Ready::Build { dir, vars, notes }
    }

    fn insert(
        &mut self,
        p: Pending,
        outcome: Outcome,
        inputs: Vec<(Access, Seen)>,
        built: Option<(BTreeSet<String>, Vec<String>, String, bool)>,
    ) {
        let key = key_of(
            p.ks.metadata.namespace.as_deref().unwrap_or_default(),
            p.ks.metadata.name.as_deref().unwrap_or_default(),
        );
        let (unresolved, notes, fingerprint, reused) = built.unwrap_or_default();
        self.fleet.kustomizations.insert(
            key,
            Rendered {
                kustomization: p.ks,
                parent: p.parent,
                outcome,
                unresolved,
                notes,
                inputs,
                fingerprint,
                reused,
            },
        );
    }

    /// Builds one Kustomization, records it and returns the Kustomizations it defines.
    /// [`Self::produce`] for each, on as many threads as the machine has (at most 8), in order.
    fn produce_all(&self, builds: &[(&Kustomization, &str, &BTreeMap<String, String>)]) -> Vec<Produced> {
        let threads = std::thread::available_parallelism()
            .map_or(1, std::num::NonZero::get)
            .min(8)
            .min(builds.len());
        if threads <= 1 {
            return builds
                .iter()
                .map(|(ks, dir, vars)| self.produce(ks, dir, vars))
                .collect();
        }
        let next = std::sync::atomic::AtomicUsize::new(0);
        let mut slots: Vec<Option<Produced>> = (0..builds.len()).map(|_| None).collect();
        let done: Vec<Vec<(usize, Produced)>> = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..threads)
                .map(|_| {
                    scope.spawn(|| {
                        let mut mine = Vec::new();
                        loop {
                            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            let Some((ks, dir, vars)) = builds.get(i) else {
                                break;
                            };
                            mine.push((i, self.produce(ks, dir, vars)));
                        }
                        mine
                    })
                })
                .collect();
            workers.into_iter().filter_map(|w| w.join().ok()).collect()
        });
        for (i, p) in done.into_iter().flatten() {
            slots[i] = Some(p);
        }
        slots
            .into_iter()
            .zip(builds)
            .map(|(slot, (ks, dir, vars))| slot.unwrap_or_else(|| self.produce(ks, dir, vars)))
            .collect()
    }

    /// Builds one Kustomization (or takes its rendering over from the other revision when
    /// nothing it depends on changed). Read-only: several run at once.
    fn produce(&self, ks: &Kustomization, dir: &str, vars: &BTreeMap<String, String>) -> Produced {
        let key = key_of(
            ks.metadata.namespace.as_deref().unwrap_or_default(),
            ks.metadata.name.as_deref().unwrap_or_default(),
        );
        let decryption = if ks.spec.decryption.is_some() {
            self.opts.decryption.clone()
        } else {
            None
        };
        let fingerprint = serde_json::json!({
            "metadata": {"name": ks.metadata.name, "namespace": ks.metadata.namespace},
            "spec": ks.spec,
            "vars": vars,
            "dir": dir,
        })
        .to_string();
        let previous = self.reuse.and_then(|f| f.kustomizations.get(&key)).filter(|r| {
            r.fingerprint == fingerprint
                && !r.inputs.is_empty()
                && r.inputs
                    .iter()
                    .all(|(a, seen)| a.observe(self.files.as_ref()) == *seen)
        });
        let (outcome, inputs, unresolved, reused) = if let Some(prev) = previous {
            (
                prev.outcome.clone(),
                prev.inputs.clone(),
                prev.unresolved.clone(),
                true,
            )
        } else {
            let (outcome, inputs, unresolved) = self.build_one(ks, dir, vars, decryption.as_ref());
            (outcome, inputs, unresolved, false)
        };
        Produced {
            outcome,
            inputs,
            unresolved,
            reused,
            fingerprint,
        }
    }

    /// Records a produced rendering; returns the Kustomizations it defines.
    fn record(&mut self, p: Pending, mut notes: Vec<String>, produced: Produced) -> Vec<Pending> {
        let Produced {
            outcome,
            inputs,
            unresolved,
            reused,
            fingerprint,
        } = produced;
        let key = key_of(
            p.ks.metadata.namespace.as_deref().unwrap_or_default(),
            p.ks.metadata.name.as_deref().unwrap_or_default(),
        );
        if p.ks.spec.suspend {
            notes.push("suspended (spec.suspend): Flux applies nothing while it is suspended".into());
        }
        let mut children = Vec::new();
        if let Outcome::Objects { objects, .. } = &outcome {
            for o in objects {
                let kind = o["kind"].as_str().unwrap_or_default();
                let ns = o["metadata"]["namespace"].as_str().unwrap_or_default();
                let name = o["metadata"]["name"].as_str().unwrap_or_default();
                let group = o["apiVersion"].as_str().unwrap_or_default();
                if kind == "HelmRelease" && group.starts_with("helm.toolkit.fluxcd.io/") {
                    notes.push(format!(
                        "HelmRelease {ns}/{name}: not rendered (flux-rs has no HelmRelease kind yet); its own object is compared"
                    ));
                }
                if matches!(kind, "ConfigMap" | "Secret") && group == "v1"
                    || kind == "GitRepository" && group.starts_with("source.toolkit.fluxcd.io/")
                {
                    self.objects.insert(format!("{kind}/{ns}/{name}"), o.clone());
                }
                if is_kustomization(o) {
                    let child_key = key_of(ns, name);
                    if !self.queued.insert(child_key.clone()) {
                        continue;
                    }
                    match Kustomization::parse(o.clone()) {
                        Ok(ks) if ns.is_empty() => {
                            self.insert(
                                Pending { ks, parent: Some(key.clone()) },
                                Outcome::Failed(format!("Kustomization {name} (defined by Kustomization {key}): metadata.namespace is not set")),
                                Vec::new(),
                                None,
                            );
                        }
                        Ok(ks) => children.push(Pending {
                            ks,
                            parent: Some(key.clone()),
                        }),
                        Err(e) => {
                            let mut ks = Kustomization::new(name, crate::api::KustomizationSpec::default());
                            ks.metadata.namespace = Some(ns.to_string());
                            self.insert(
                                Pending {
                                    ks,
                                    parent: Some(key.clone()),
                                },
                                Outcome::Failed(e.to_string()),
                                Vec::new(),
                                None,
                            );
                        }
                    }
                }
            }
        }
        self.insert(p, outcome, inputs, Some((unresolved, notes, fingerprint, reused)));
        children
    }

    /// Builds `ks` from `dir` (relative to the top), recording its inputs.
    fn build_one(
        &self,
        ks: &Kustomization,
        dir: &str,
        vars: &BTreeMap<String, String>,
        decryption: Option<&Decryption>,
    ) -> (Outcome, Vec<(Access, Seen)>, BTreeSet<String>) {
        let inputs = Inputs::default();
        let source_dir = crate::build::fs::normalize(&self.opts.top.join(dir));
        let opts = FluxOptions {
            decryption: decryption.cloned(),
            keep_unresolved: true,
            ..FluxOptions::default()
        };
        let run = |opts: &FluxOptions, inputs: Option<Inputs>| -> Result<Built, String> {
            let root = Root::with_files(&source_dir, Arc::clone(&self.files), inputs)
                .map_err(|e| format!("source directory {dir}: {e}"))?;
            crate::build::flux::build_in(root, ks, vars, opts).map_err(|e| e.to_string())
        };
        let built = match run(&opts, Some(inputs.clone())) {
            Ok(b) => b,
            Err(e) => return (Outcome::Failed(e), inputs.snapshot(), BTreeSet::new()),
        };
        let masked = if matches!(decryption, Some(Decryption::Keys(_))) {
            let opts = FluxOptions {
                decryption: Some(Decryption::Mask),
                ..opts
            };
            match run(&opts, None) {
                Ok(m) if m.objects != built.objects => Some(m.objects),
                Ok(_) => None,
                // Without it nothing would be known encrypted: fail rather than show values.
                Err(e) => {
                    return (
                        Outcome::Failed(format!("building with SOPS values masked: {e}")),
                        inputs.snapshot(),
                        BTreeSet::new(),
                    );
                }
            }
        } else {
            None
        };
        (
            Outcome::Objects {
                objects: built.objects,
                masked,
            },
            inputs.snapshot(),
            built.unresolved,
        )
    }
}
