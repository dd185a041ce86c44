//! Rendering a chart as `helm install --dry-run=client` does: dependency processing, values
//! coalescing, `.Release`/`.Chart`/`.Capabilities`/`.Files`/`.Template`/`.Subcharts`, every
//! template parsed into one set (Helm's order, so later definitions win), executed, then split
//! into documents and sorted in Helm's install order with hooks apart.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::rc::Rc;

use crate::helm::chart::{self, Chart, ChartError};
use crate::helm::funcs::semver::{Constraints, Version};
use crate::helm::schema;
use crate::helm::template::exec::{Exec, ExecError, Limits, Lookup, Templates};
use crate::helm::template::parse;
use crate::helm::value::{Capabilities, KubeVersion, Map, Object, Value};
use crate::helm::values;

/// Helm 4's default Kubernetes version offline.
pub const DEFAULT_KUBE_VERSION: &str = "v1.36.0";

/// API versions Helm 4 (client-go 0.36) reports offline, in its order.
pub const DEFAULT_API_VERSIONS: &[&str] = &[
    "v1",
    "admissionregistration.k8s.io/v1",
    "admissionregistration.k8s.io/v1alpha1",
    "admissionregistration.k8s.io/v1beta1",
    "internal.apiserver.k8s.io/v1alpha1",
    "apps/v1",
    "apps/v1beta1",
    "apps/v1beta2",
    "authentication.k8s.io/v1",
    "authentication.k8s.io/v1alpha1",
    "authentication.k8s.io/v1beta1",
    "authorization.k8s.io/v1",
    "authorization.k8s.io/v1beta1",
    "autoscaling/v1",
    "autoscaling/v2",
    "batch/v1",
    "batch/v1beta1",
    "certificates.k8s.io/v1",
    "certificates.k8s.io/v1beta1",
    "certificates.k8s.io/v1alpha1",
    "coordination.k8s.io/v1alpha2",
    "coordination.k8s.io/v1beta1",
    "coordination.k8s.io/v1",
    "discovery.k8s.io/v1",
    "discovery.k8s.io/v1beta1",
    "events.k8s.io/v1",
    "events.k8s.io/v1beta1",
    "extensions/v1beta1",
    "flowcontrol.apiserver.k8s.io/v1",
    "flowcontrol.apiserver.k8s.io/v1beta1",
    "flowcontrol.apiserver.k8s.io/v1beta2",
    "flowcontrol.apiserver.k8s.io/v1beta3",
    "networking.k8s.io/v1",
    "networking.k8s.io/v1beta1",
    "node.k8s.io/v1",
    "node.k8s.io/v1alpha1",
    "node.k8s.io/v1beta1",
    "policy/v1",
    "policy/v1beta1",
    "rbac.authorization.k8s.io/v1",
    "rbac.authorization.k8s.io/v1beta1",
    "rbac.authorization.k8s.io/v1alpha1",
    "resource.k8s.io/v1",
    "resource.k8s.io/v1beta2",
    "resource.k8s.io/v1beta1",
    "resource.k8s.io/v1alpha3",
    "scheduling.k8s.io/v1alpha2",
    "scheduling.k8s.io/v1beta1",
    "scheduling.k8s.io/v1",
    "storage.k8s.io/v1beta1",
    "storage.k8s.io/v1",
    "storage.k8s.io/v1alpha1",
    "storagemigration.k8s.io/v1beta1",
    "apiextensions.k8s.io/v1beta1",
    "apiextensions.k8s.io/v1",
];

/// Helm's install order of kinds.
pub const INSTALL_ORDER: &[&str] = &[
    "PriorityClass",
    "Namespace",
    "NetworkPolicy",
    "ResourceQuota",
    "LimitRange",
    "PodSecurityPolicy",
    "PodDisruptionBudget",
    "ServiceAccount",
    "Secret",
    "SecretList",
    "ConfigMap",
    "StorageClass",
    "PersistentVolume",
    "PersistentVolumeClaim",
    "CustomResourceDefinition",
    "ClusterRole",
    "ClusterRoleList",
    "ClusterRoleBinding",
    "ClusterRoleBindingList",
    "Role",
    "RoleList",
    "RoleBinding",
    "RoleBindingList",
    "Service",
    "DaemonSet",
    "Pod",
    "ReplicationController",
    "ReplicaSet",
    "Deployment",
    "HorizontalPodAutoscaler",
    "StatefulSet",
    "Job",
    "CronJob",
    "IngressClass",
    "Ingress",
    "APIService",
    "MutatingWebhookConfiguration",
    "ValidatingWebhookConfiguration",
];

/// An error rendering a chart, with Helm's message.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// The chart or its values.
    #[error(transparent)]
    Chart(#[from] ChartError),
    /// Anything else (Helm's message).
    #[error("{0}")]
    Msg(String),
}

impl From<values::ValuesError> for RenderError {
    fn from(e: values::ValuesError) -> Self {
        RenderError::Msg(e.0)
    }
}

/// How to render.
#[derive(Clone, Debug)]
pub struct Options {
    /// `.Release.Name`.
    pub release_name: String,
    /// `.Release.Namespace`.
    pub namespace: String,
    /// `.Release.IsUpgrade` (else `IsInstall`).
    pub is_upgrade: bool,
    /// `--kube-version` (already parsed).
    pub kube_version: Option<KubeVersion>,
    /// `--api-versions`, added to Helm's defaults.
    pub api_versions: Vec<String>,
    /// Limits against hostile templates.
    pub limits: Limits,
    /// `--skip-schema-validation`: the values are not checked against `values.schema.json`.
    pub skip_schema_validation: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            release_name: "release-name".into(),
            namespace: "default".into(),
            is_upgrade: false,
            kube_version: None,
            api_versions: Vec::new(),
            limits: Limits::default(),
            skip_schema_validation: false,
        }
    }
}

/// One rendered document.
#[derive(Clone, Debug, PartialEq)]
pub struct Manifest {
    /// Template path (`chart/templates/x.yaml`).
    pub path: String,
    /// The document text.
    pub content: String,
    /// Its `kind`.
    pub kind: String,
    /// Its `apiVersion`.
    pub api_version: String,
}

/// A hook document.
#[derive(Clone, Debug, PartialEq)]
pub struct Hook {
    /// The document.
    pub manifest: Manifest,
    /// Its events (`pre-install`, `test`, ...).
    pub events: Vec<String>,
}

/// What an install would create.
#[derive(Clone, Debug, Default)]
pub struct Release {
    /// CRD files (`chart/crds/x.yaml`, content) of the chart and its subcharts.
    pub crds: Vec<(String, String)>,
    /// Documents in install order.
    pub manifests: Vec<Manifest>,
    /// Hooks in install order.
    pub hooks: Vec<Hook>,
    /// NOTES.txt of the top chart.
    pub notes: String,
}

/// Parses a Kubernetes version as `--kube-version` takes it.
pub fn parse_kube_version(s: &str) -> Result<KubeVersion, String> {
    let t = s.strip_prefix('v').unwrap_or(s);
    let core: String = t
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let parts: Vec<&str> = core.split('.').filter(|p| !p.is_empty()).collect();
    if parts.len() < 2 || core.is_empty() {
        return Err(format!(
            "invalid kube version '{s}': could not parse {s:?} as version"
        ));
    }
    let nums: Vec<u64> = parts
        .iter()
        .map(|p| {
            p.parse::<u64>()
                .map_err(|_| format!("invalid kube version '{s}': could not parse {s:?} as version"))
        })
        .collect::<Result<_, _>>()?;
    let patch = nums.get(2).copied().unwrap_or(0);
    let rest = &t[core.len()..];
    Ok(KubeVersion {
        version: if s.starts_with('v') {
            s.to_string()
        } else {
            format!("v{s}")
        },
        normalized: format!("v{}.{}.{patch}{rest}", nums[0], nums[1]),
        major: nums[0].to_string(),
        minor: nums[1].to_string(),
    })
}

/// Validates a release name as Helm does.
fn validate_release_name(name: &str) -> Result<(), String> {
    let ok = !name.is_empty()
        && name.len() <= 53
        && name.split('.').all(|label| {
            !label.is_empty()
                && label
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        });
    if ok {
        Ok(())
    } else {
        Err(format!(
            "release name check failed: release name {name:?}: invalid release name, must match regex ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the length must not be longer than 53"
        ))
    }
}

struct Renderable {
    text: String,
    vals: Value,
    base_path: String,
}

fn release_value(o: &Options) -> Value {
    let mut m = BTreeMap::new();
    m.insert("Name".to_string(), Value::from(o.release_name.as_str()));
    m.insert("Namespace".to_string(), Value::from(o.namespace.as_str()));
    m.insert("IsUpgrade".to_string(), Value::Bool(o.is_upgrade));
    m.insert("IsInstall".to_string(), Value::Bool(!o.is_upgrade));
    m.insert("Revision".to_string(), Value::Int(1));
    m.insert("Service".to_string(), Value::from("Helm"));
    Value::map_from(m)
}

fn collect(
    c: &Chart,
    parent_vals: &Value,
    release: &Value,
    caps: &Value,
    out: &mut BTreeMap<String, Renderable>,
) -> Value {
    let subcharts = Value::new_map();
    let chart_values = if c.is_root {
        parent_vals.clone()
    } else {
        match parent_vals {
            Value::Map(m) => match m.borrow().get(&c.metadata.name) {
                Some(v @ Value::Map(_)) => v.clone(),
                _ => Value::new_map(),
            },
            _ => Value::new_map(),
        }
    };
    let mut next = BTreeMap::new();
    next.insert("Chart".to_string(), chart::metadata_value(c));
    next.insert(
        "Files".to_string(),
        Value::Object(Rc::new(Object::Files(Rc::new(c.files.clone())))),
    );
    next.insert("Release".to_string(), release.clone());
    next.insert("Capabilities".to_string(), caps.clone());
    next.insert("Values".to_string(), chart_values.clone());
    next.insert("Subcharts".to_string(), subcharts.clone());
    let next_v = Value::map_from(next);
    for d in &c.dependencies {
        let sub = collect(d, &chart_values, release, caps, out);
        if let Value::Map(m) = &subcharts {
            m.borrow_mut().insert(d.metadata.name.clone(), sub);
        }
    }
    let library = c.metadata.chart_type == "library";
    for (name, text) in &c.templates {
        if library && !name.rsplit('/').next().unwrap_or(name).starts_with('_') {
            continue;
        }
        out.insert(
            format!("{}/{}", c.full_path, name),
            Renderable {
                text: text.clone(),
                vals: next_v.clone(),
                base_path: format!("{}/templates", c.full_path),
            },
        );
    }
    next_v
}

/// Helm's parse order: deeper paths first, then reverse lexical order.
fn sort_templates(names: &mut [String]) {
    names.sort_by(|a, b| {
        let (ca, cb) = (a.matches('/').count(), b.matches('/').count());
        cb.cmp(&ca).then_with(|| b.cmp(a))
    });
}

/// Renders every template of a prepared chart (Helm's `engine.Render`): path → output.
pub fn render_templates(
    c: &Chart,
    top_values: &Map,
    o: &Options,
    caps: &Value,
    lookup: Option<&dyn Lookup>,
) -> Result<BTreeMap<String, String>, RenderError> {
    let mut tpls = BTreeMap::new();
    collect(
        c,
        &Value::Map(top_values.clone()),
        &release_value(o),
        caps,
        &mut tpls,
    );
    let mut names: Vec<String> = tpls.keys().cloned().collect();
    sort_templates(&mut names);
    let mut set = Templates::default();
    for n in &names {
        let parsed = parse::parse(n, &tpls[n].text).map_err(|e| {
            // Helm's cleanupParseError keeps the location and the last part of the message.
            let s = e.to_string();
            let tokens: Vec<&str> = s.split(": ").collect();
            if tokens.len() == 1 {
                RenderError::Msg(format!("parse error in ({n}): {s}"))
            } else {
                RenderError::Msg(format!(
                    "parse error at ({}): {}",
                    tokens[1],
                    tokens[tokens.len() - 1]
                ))
            }
        })?;
        set.add(parsed);
    }
    let mut exec = Exec::new(&set, o.limits);
    exec.lookup = lookup;
    let mut out = BTreeMap::new();
    for n in &names {
        if n.rsplit('/').next().unwrap_or(n).starts_with('_') {
            continue;
        }
        let r = &tpls[n];
        if let Value::Map(m) = &r.vals {
            let mut t = BTreeMap::new();
            t.insert("Name".to_string(), Value::from(n.as_str()));
            t.insert("BasePath".to_string(), Value::from(r.base_path.as_str()));
            m.borrow_mut().insert("Template".into(), Value::map_from(t));
        }
        let text = exec
            .execute(n, r.vals.clone())
            .map_err(|e| RenderError::Msg(helm_exec_error(n, &e)))?;
        out.insert(n.clone(), text.replace("<no value>", ""));
    }
    Ok(out)
}

/// Helm's `reformatExecErrorMsg`.
pub fn helm_exec_error(file: &str, e: &ExecError) -> String {
    let full = e.to_string();
    let tokens: Vec<&str> = full.splitn(3, ": ").collect();
    if tokens.len() != 3 {
        return format!("execution error in ({file}): {full}");
    }
    if let Some(start) = tokens[2].find(crate::helm::funcs::helm::WARN_START)
        && let Some(end) = tokens[2].rfind(crate::helm::funcs::helm::WARN_END)
        && end >= start
    {
        let msg = &tokens[2][start + crate::helm::funcs::helm::WARN_START.len()..end];
        return format!("execution error at ({}): {msg}", tokens[1]);
    }
    // Helm prints a trace of each template call, unless the chain ends in a function's own
    // error, which Go's error unwrapping cannot parse: then the error as Go formats it.
    let mut c = Some(e);
    while let Some(x) = c {
        if x.plain_cause {
            return full;
        }
        c = x.inner.as_deref();
    }
    let mut out = String::new();
    let mut cur = Some(e);
    let mut last = String::new();
    while let Some(x) = cur {
        let mut frame = String::new();
        if !x.location.is_empty() {
            let _ = write!(frame, "{}\n  ", x.location);
            let _ = write!(frame, "executing {:?} at <{}>:\n    ", x.name, x.context);
        } else if !x.name.is_empty() {
            let _ = write!(frame, "{}\n  ", x.name);
        }
        let msg = x.message.trim_end();
        let msg = msg.split(" template:").next().unwrap_or(msg);
        frame.push_str(msg);
        frame.push('\n');
        if frame != last {
            out.push_str(&frame);
            last = frame;
        }
        cur = x.inner.as_deref();
    }
    out.trim().to_string()
}

/// Splits rendered text into documents as Helm 4.2's `SplitManifests`: on
/// `(?:^|\s*\n)---\s*` (so whitespace around a separator belongs to no document), empty
/// documents dropped, leading whitespace trimmed.
pub fn split_manifests(text: &str) -> Vec<String> {
    static SEP: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let sep = SEP.get_or_init(|| {
        regex::Regex::new(r"(?:^|[\t\n\x0C\r ]*\n)---[\t\n\x0C\r ]*").unwrap_or_else(|_| unreachable_regex())
    });
    let t = text.trim_start();
    sep.split(t)
        .filter(|d| !d.trim().is_empty())
        .map(|d| d.trim_start().to_string())
        .collect()
}

#[allow(clippy::unwrap_used)]
fn unreachable_regex() -> regex::Regex {
    regex::Regex::new("---").unwrap()
}

struct Head {
    api_version: String,
    kind: String,
    annotations: Option<BTreeMap<String, String>>,
}

fn parse_head(doc: &str, path: &str) -> Result<Head, RenderError> {
    let err = |m: String| RenderError::Msg(format!("YAML parse error on {path}: {m}"));
    let v = values::parse_yaml_first(doc).map_err(|e| err(e.0))?;
    let m = match v {
        Value::Map(m) => m,
        Value::Nil | Value::NoValue => values::new_map(),
        other => {
            return Err(err(format!(
                "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {} into Go value of type util.SimpleHead",
                json_kind(&other)
            )));
        }
    };
    let m = m.borrow();
    // sigs.k8s.io/yaml turns scalars into strings for string fields.
    let scalar = |v: &Value| -> Option<String> {
        match v {
            Value::Nil | Value::NoValue => Some(String::new()),
            Value::Str(s) => Some(s.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Float(f) => Some(crate::helm::template::gofmt::format_float_v(*f)),
            Value::Int(i) => Some(i.to_string()),
            _ => None,
        }
    };
    let field = |k: &str, at: &str| -> Result<String, RenderError> {
        match m.get(k) {
            None => Ok(String::new()),
            Some(v) if scalar(v).is_some() => Ok(scalar(v).unwrap_or_default()),
            Some(v) => Err(err(format!(
                "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {} into Go struct field SimpleHead.{at} of type string",
                json_kind(v)
            ))),
        }
    };
    let api_version = field("apiVersion", "apiVersion")?;
    let kind = field("kind", "kind")?;
    let mut annotations = None;
    match m.get("metadata") {
        None | Some(Value::Nil) => {}
        Some(Value::Map(md)) => {
            let md = md.borrow();
            match md.get("name") {
                None => {}
                Some(v) if scalar(v).is_some() => {}
                Some(v) => {
                    return Err(err(format!(
                        "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {} into Go struct field .metadata.name of type string",
                        json_kind(v)
                    )));
                }
            }
            match md.get("annotations") {
                None | Some(Value::Nil) => {}
                Some(Value::Map(a)) => {
                    let mut out = BTreeMap::new();
                    for (k, v) in a.borrow().iter() {
                        match scalar(v) {
                            Some(s) => {
                                out.insert(k.clone(), s);
                            }
                            None => {
                                return Err(err(format!(
                                    "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {} into Go struct field .metadata.annotations of type string",
                                    json_kind(v)
                                )));
                            }
                        }
                    }
                    annotations = Some(out);
                }
                Some(v) => {
                    return Err(err(format!(
                        "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {} into Go struct field .metadata.annotations of type map[string]string",
                        json_kind(v)
                    )));
                }
            }
        }
        Some(v) => {
            return Err(err(format!(
                "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {} into Go struct field SimpleHead.metadata of type struct {{ Name string \"json:\\\"name\\\"\"; Annotations map[string]string \"json:\\\"annotations\\\"\" }}",
                json_kind(v)
            )));
        }
    }
    Ok(Head {
        api_version,
        kind,
        annotations,
    })
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::List(_) => "array",
        Value::Str(_) => "string",
        Value::Float(_) | Value::Int(_) => "number",
        Value::Bool(_) => "bool",
        _ => "object",
    }
}

const HOOK_EVENTS: &[&str] = &[
    "pre-install",
    "post-install",
    "pre-delete",
    "post-delete",
    "pre-upgrade",
    "post-upgrade",
    "pre-rollback",
    "post-rollback",
    "test",
    "test-success",
];

fn kind_rank(kind: &str) -> Option<usize> {
    INSTALL_ORDER.iter().position(|k| *k == kind)
}

/// Helm's `lessByKind`: known kinds in install order, unknown kinds after them by name.
fn kind_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    match (kind_rank(a), kind_rank(b)) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => a.cmp(b),
    }
}

/// Helm's `SortManifests`: documents of non-partial files, hooks apart, both in install order.
pub fn sort_manifests(files: &BTreeMap<String, String>) -> Result<(Vec<Manifest>, Vec<Hook>), RenderError> {
    let mut generic = Vec::new();
    let mut hooks = Vec::new();
    for (path, content) in files {
        if path.rsplit('/').next().unwrap_or(path).starts_with('_') || content.trim().is_empty() {
            continue;
        }
        for doc in split_manifests(content) {
            let head = parse_head(&doc, path)?;
            let m = Manifest {
                path: path.clone(),
                content: doc,
                kind: head.kind,
                api_version: head.api_version,
            };
            let hook_types = head
                .annotations
                .as_ref()
                .and_then(|a| a.get("helm.sh/hook"))
                .cloned();
            let Some(types) = hook_types else {
                generic.push(m);
                continue;
            };
            let events: Vec<String> = types.split(',').map(|t| t.trim().to_lowercase()).collect();
            if events.iter().any(|e| !HOOK_EVENTS.contains(&e.as_str())) {
                // Unknown hook types: Helm skips the document.
                continue;
            }
            hooks.push(Hook { manifest: m, events });
        }
    }
    generic.sort_by(|a, b| kind_cmp(&a.kind, &b.kind));
    hooks.sort_by(|a, b| kind_cmp(&a.manifest.kind, &b.manifest.kind));
    Ok((generic, hooks))
}

fn crd_objects(c: &Chart, out: &mut Vec<(String, String)>) {
    for (name, data) in &c.files {
        if name.starts_with("crds/") && [".yaml", ".yml", ".json"].iter().any(|e| name.ends_with(e)) {
            out.push((
                format!("{}/{}", c.full_path, name),
                String::from_utf8_lossy(data).into_owned(),
            ));
        }
    }
    for d in &c.dependencies {
        crd_objects(d, out);
    }
}

/// The capabilities object for the options.
pub fn capabilities(o: &Options) -> Capabilities {
    let kube = o.kube_version.clone().unwrap_or_else(|| KubeVersion {
        version: DEFAULT_KUBE_VERSION.into(),
        normalized: DEFAULT_KUBE_VERSION.into(),
        major: "1".into(),
        minor: "36".into(),
    });
    let mut apis: Vec<String> = DEFAULT_API_VERSIONS.iter().map(|s| (*s).to_string()).collect();
    apis.extend(o.api_versions.iter().cloned());
    Capabilities {
        kube_version: Rc::new(kube),
        api_versions: Rc::new(apis),
    }
}

/// Does what `helm install --dry-run=client` does with a loaded chart and the user's values.
pub fn install(
    mut c: Chart,
    user: &Map,
    o: &Options,
    lookup: Option<&dyn Lookup>,
) -> Result<Release, RenderError> {
    match c.metadata.chart_type.as_str() {
        "" | "application" => {}
        t => return Err(RenderError::Msg(format!("{t} charts are not installable"))),
    }
    if !c.metadata.dependencies.is_empty() {
        chart::check_dependencies(&c).map_err(|e| {
            RenderError::Msg(format!(
                "an error occurred while checking for chart dependencies. You may need to run 'helm dependency build' to fetch missing dependencies: {e}"
            ))
        })?;
    }
    validate_release_name(&o.release_name).map_err(RenderError::Msg)?;
    chart::process_enabled(&mut c, user, "")
        .and_then(|()| chart::process_imports(&mut c))
        .map_err(|e| RenderError::Msg(format!("chart dependencies processing failed: {e}")))?;
    chart::set_paths(&mut c, "", true);
    let caps = capabilities(o);
    let vals = values::coalesce(&c, user)?;
    if !o.skip_schema_validation {
        schema::validate_chart(&c, &vals).map_err(|e| {
            RenderError::Msg(format!(
                "values don't meet the specifications of the schema(s) in the following chart(s):\n{e}"
            ))
        })?;
    }
    if !c.metadata.kube_version.is_empty() {
        let ok = Constraints::parse(&c.metadata.kube_version)
            .ok()
            .zip(Version::parse(&caps.kube_version.normalized).ok())
            .is_some_and(|(con, v)| con.check(&v));
        if !ok {
            return Err(RenderError::Msg(format!(
                "chart requires kubeVersion: {} which is incompatible with Kubernetes {}",
                c.metadata.kube_version, caps.kube_version.version
            )));
        }
    }
    let caps_v = Value::Object(Rc::new(Object::Capabilities(Rc::new(caps))));
    let mut files = render_templates(&c, &vals, o, &caps_v, lookup)?;
    let notes_key = format!("{}/templates/NOTES.txt", c.metadata.name);
    let notes = files.get(&notes_key).cloned().unwrap_or_default();
    files.retain(|k, _| !k.ends_with("NOTES.txt"));
    let (manifests, hooks) = sort_manifests(&files)?;
    let mut crds = Vec::new();
    crd_objects(&c, &mut crds);
    Ok(Release {
        crds,
        manifests,
        hooks,
        notes,
    })
}

/// What `helm template` prints (without `--output-dir`).
#[derive(Clone, Debug, Default)]
pub struct PrintOptions {
    /// `--include-crds`.
    pub include_crds: bool,
    /// `--skip-tests`.
    pub skip_tests: bool,
    /// `--no-hooks`.
    pub no_hooks: bool,
    /// `--show-only` patterns.
    pub show_only: Vec<String>,
}

/// The release's manifest text (`rel.Manifest`): CRDs when asked, then every document.
pub fn manifest_text(r: &Release, include_crds: bool) -> String {
    let mut b = String::new();
    if include_crds {
        for (name, data) in &r.crds {
            let _ = write!(b, "---\n# Source: {name}\n{data}\n");
        }
    }
    for m in &r.manifests {
        let _ = write!(b, "---\n# Source: {}\n{}\n", m.path, m.content);
    }
    b
}

/// Assembles `helm template`'s output byte for byte.
pub fn template_output(r: &Release, p: &PrintOptions) -> Result<String, RenderError> {
    let mut manifests = format!("{}\n", manifest_text(r, p.include_crds).trim());
    if !p.no_hooks {
        for h in &r.hooks {
            if p.skip_tests && h.events.iter().any(|e| e == "test" || e == "test-success") {
                continue;
            }
            let _ = write!(
                manifests,
                "---\n# Source: {}\n{}\n",
                h.manifest.path, h.manifest.content
            );
        }
    }
    if p.show_only.is_empty() {
        return Ok(manifests);
    }
    let docs = split_manifests(&manifests);
    let mut out = String::new();
    for f in &p.show_only {
        let mut missing = true;
        for d in &docs {
            let Some(idx) = d.find("# Source: ") else { continue };
            let rest = &d[idx + "# Source: ".len()..];
            let line = rest.split('\n').next().unwrap_or("");
            let Some((chart, path)) = line.split_once('/') else {
                continue;
            };
            if chart.is_empty() || path.is_empty() {
                continue;
            }
            if !chart::path_match(f, path) {
                continue;
            }
            let _ = write!(out, "---\n{d}\n");
            missing = false;
        }
        if missing {
            return Err(RenderError::Msg(format!("could not find template {f} in chart")));
        }
    }
    Ok(out)
}

/// Renders `--name-template` (Sprig functions, no data).
pub fn render_name_template(t: &str) -> Result<String, String> {
    let parsed = parse::parse("name-template", t).map_err(|e| e.to_string())?;
    let mut set = Templates::default();
    set.add(parsed);
    let mut exec = Exec::new(&set, Limits::default());
    exec.execute("name-template", Value::NoValue)
        .map_err(|e| e.to_string())
}

/// The files `helm template --output-dir DIR` writes, in order (a path appearing twice is
/// appended to): CRDs with --include-crds, documents, then hooks.
pub fn output_files(
    r: &Release,
    p: &PrintOptions,
    dir: &std::path::Path,
    release: Option<&str>,
) -> Vec<(std::path::PathBuf, String)> {
    let base = match release {
        Some(n) => dir.join(n),
        None => dir.to_path_buf(),
    };
    let mut out = Vec::new();
    if p.include_crds {
        for (name, data) in &r.crds {
            out.push((dir.join(name), format!("---\n# Source: {name}\n{data}\n")));
        }
    }
    for m in &r.manifests {
        out.push((
            base.join(&m.path),
            format!("---\n# Source: {}\n{}\n", m.path, m.content),
        ));
    }
    if !p.no_hooks {
        for h in &r.hooks {
            if p.skip_tests && h.events.iter().any(|e| e == "test" || e == "test-success") {
                continue;
            }
            out.push((
                base.join(&h.manifest.path),
                format!("---\n# Source: {}\n{}\n", h.manifest.path, h.manifest.content),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_split_as_helm_splits_them() {
        assert_eq!(
            split_manifests("\n---\na: 1\n---  \nb: 2\n--- # c\n\n"),
            vec!["a: 1", "b: 2", "# c\n\n"]
        );
        assert_eq!(split_manifests("a: 1\n"), vec!["a: 1\n"]);
        assert_eq!(split_manifests("a: 1\n  \n---b: 2\n---\n"), vec!["a: 1", "b: 2"]);
    }

    #[test]
    fn template_order_is_helms() {
        let mut v = vec![
            "a/templates/x".to_string(),
            "a/charts/b/templates/y".into(),
            "a/templates/b".into(),
        ];
        sort_templates(&mut v);
        assert_eq!(
            v,
            vec!["a/charts/b/templates/y", "a/templates/x", "a/templates/b"]
        );
    }
}
