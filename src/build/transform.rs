//! The built-in transformers kustomize runs for a kustomization's fields: namespace,
//! name prefix/suffix, labels, annotations, images and replicas, with kustomize's field
//! specs (which fields of which kinds each one touches).

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::kfile::ImageSpec;
use super::resource::{ResMap, Resource};
use super::{Error, Result};

/// A field a transformer visits: for objects of `kind` (any when `None`) in `group` (any
/// when `None`), at `path` (`/`-separated; lists are walked through), creating missing maps
/// when `create`.
#[derive(Clone, Copy, Debug)]
pub struct FieldSpec {
    /// Group filter.
    pub group: Option<&'static str>,
    /// Kind filter.
    pub kind: Option<&'static str>,
    /// Path.
    pub path: &'static str,
    /// Create missing fields.
    pub create: bool,
}

const fn fs(
    group: Option<&'static str>,
    kind: Option<&'static str>,
    path: &'static str,
    create: bool,
) -> FieldSpec {
    FieldSpec {
        group,
        kind,
        path,
        create,
    }
}

const APPS: Option<&str> = Some("apps");
const BATCH: Option<&str> = Some("batch");

/// Where `commonLabels` (and `labels` with `includeSelectors`) go.
pub const COMMON_LABELS: &[FieldSpec] = &[
    fs(None, None, "metadata/labels", true),
    fs(None, Some("Service"), "spec/selector", true),
    fs(None, Some("ReplicationController"), "spec/selector", true),
    fs(
        None,
        Some("ReplicationController"),
        "spec/template/metadata/labels",
        true,
    ),
    fs(None, Some("Deployment"), "spec/selector/matchLabels", true),
    fs(None, Some("Deployment"), "spec/template/metadata/labels", true),
    fs(
        APPS,
        Some("Deployment"),
        "spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels",
        false,
    ),
    fs(
        APPS,
        Some("Deployment"),
        "spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels",
        false,
    ),
    fs(
        APPS,
        Some("Deployment"),
        "spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels",
        false,
    ),
    fs(
        APPS,
        Some("Deployment"),
        "spec/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels",
        false,
    ),
    fs(
        APPS,
        Some("Deployment"),
        "spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels",
        false,
    ),
    fs(None, Some("ReplicaSet"), "spec/selector/matchLabels", true),
    fs(None, Some("ReplicaSet"), "spec/template/metadata/labels", true),
    fs(None, Some("DaemonSet"), "spec/selector/matchLabels", true),
    fs(None, Some("DaemonSet"), "spec/template/metadata/labels", true),
    fs(APPS, Some("StatefulSet"), "spec/selector/matchLabels", true),
    fs(APPS, Some("StatefulSet"), "spec/template/metadata/labels", true),
    fs(
        APPS,
        Some("StatefulSet"),
        "spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels",
        false,
    ),
    fs(
        APPS,
        Some("StatefulSet"),
        "spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels",
        false,
    ),
    fs(
        APPS,
        Some("StatefulSet"),
        "spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels",
        false,
    ),
    fs(
        APPS,
        Some("StatefulSet"),
        "spec/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels",
        false,
    ),
    fs(
        APPS,
        Some("StatefulSet"),
        "spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels",
        false,
    ),
    fs(
        APPS,
        Some("StatefulSet"),
        "spec/volumeClaimTemplates[]/metadata/labels",
        true,
    ),
    fs(BATCH, Some("Job"), "spec/selector/matchLabels", false),
    fs(BATCH, Some("Job"), "spec/template/metadata/labels", true),
    fs(
        BATCH,
        Some("CronJob"),
        "spec/jobTemplate/spec/selector/matchLabels",
        false,
    ),
    fs(BATCH, Some("CronJob"), "spec/jobTemplate/metadata/labels", true),
    fs(
        BATCH,
        Some("CronJob"),
        "spec/jobTemplate/spec/template/metadata/labels",
        true,
    ),
    fs(
        Some("policy"),
        Some("PodDisruptionBudget"),
        "spec/selector/matchLabels",
        false,
    ),
    fs(
        Some("networking.k8s.io"),
        Some("NetworkPolicy"),
        "spec/podSelector/matchLabels",
        false,
    ),
    fs(
        Some("networking.k8s.io"),
        Some("NetworkPolicy"),
        "spec/ingress/from/podSelector/matchLabels",
        false,
    ),
    fs(
        Some("networking.k8s.io"),
        Some("NetworkPolicy"),
        "spec/egress/to/podSelector/matchLabels",
        false,
    ),
];

/// Where `labels` with `includeTemplates` go (besides `metadata/labels`).
pub const TEMPLATE_LABELS: &[FieldSpec] = &[
    fs(None, None, "metadata/labels", true),
    fs(
        None,
        Some("ReplicationController"),
        "spec/template/metadata/labels",
        true,
    ),
    fs(None, Some("Deployment"), "spec/template/metadata/labels", true),
    fs(None, Some("ReplicaSet"), "spec/template/metadata/labels", true),
    fs(None, Some("DaemonSet"), "spec/template/metadata/labels", true),
    fs(APPS, Some("StatefulSet"), "spec/template/metadata/labels", true),
    fs(
        APPS,
        Some("StatefulSet"),
        "spec/volumeClaimTemplates[]/metadata/labels",
        true,
    ),
    fs(BATCH, Some("Job"), "spec/template/metadata/labels", true),
    fs(BATCH, Some("CronJob"), "spec/jobTemplate/metadata/labels", true),
    fs(
        BATCH,
        Some("CronJob"),
        "spec/jobTemplate/spec/template/metadata/labels",
        true,
    ),
];

/// Where plain `labels` go.
pub const METADATA_LABELS: &[FieldSpec] = &[fs(None, None, "metadata/labels", true)];

/// Where `commonAnnotations` go.
pub const COMMON_ANNOTATIONS: &[FieldSpec] = &[
    fs(None, None, "metadata/annotations", true),
    fs(
        None,
        Some("ReplicationController"),
        "spec/template/metadata/annotations",
        true,
    ),
    fs(
        None,
        Some("Deployment"),
        "spec/template/metadata/annotations",
        true,
    ),
    fs(
        None,
        Some("ReplicaSet"),
        "spec/template/metadata/annotations",
        true,
    ),
    fs(
        None,
        Some("DaemonSet"),
        "spec/template/metadata/annotations",
        true,
    ),
    fs(
        APPS,
        Some("StatefulSet"),
        "spec/template/metadata/annotations",
        true,
    ),
    fs(BATCH, Some("Job"), "spec/template/metadata/annotations", true),
    fs(
        BATCH,
        Some("CronJob"),
        "spec/jobTemplate/metadata/annotations",
        true,
    ),
    fs(
        BATCH,
        Some("CronJob"),
        "spec/jobTemplate/spec/template/metadata/annotations",
        true,
    ),
];

impl FieldSpec {
    fn applies(&self, r: &Resource) -> bool {
        if let Some(k) = self.kind
            && k != r.kind()
        {
            return false;
        }
        if let Some(g) = self.group
            && g != r.group_version().0
        {
            return false;
        }
        true
    }
}

/// Visits the value at `segs` under `v`, walking through lists, creating missing maps when
/// `create`. `f` receives the final value (a fresh `null` when created). A segment `x[]`
/// names a list whose elements are visited; a missing one is never created.
pub fn visit(v: &mut Value, segs: &[&str], create: bool, f: &mut dyn FnMut(&mut Value)) {
    if let Value::Array(items) = v {
        for item in items {
            visit(item, segs, create, f);
        }
        return;
    }
    let Some((first, rest)) = segs.split_first() else {
        f(v);
        return;
    };
    let Value::Object(m) = v else {
        return;
    };
    if let Some(list) = first.strip_suffix("[]") {
        if let Some(Value::Array(items)) = m.get_mut(list) {
            for item in items {
                visit(item, rest, create, f);
            }
        }
        return;
    }
    if !m.contains_key(*first) || m.get(*first).is_some_and(Value::is_null) {
        if !create {
            return;
        }
        let fresh = if rest.is_empty() {
            Value::Null
        } else {
            Value::Object(Map::new())
        };
        m.insert((*first).to_string(), fresh);
    }
    if let Some(next) = m.get_mut(*first) {
        visit(next, rest, create, f);
    }
}

fn set_pairs(target: &mut Value, pairs: &BTreeMap<String, String>) {
    if !target.is_object() {
        *target = Value::Object(Map::new());
    }
    if let Value::Object(m) = target {
        for (k, v) in pairs {
            m.insert(k.clone(), Value::String(v.clone()));
        }
    }
}

/// Adds label or annotation `pairs` at the fields of `specs`.
pub fn add_pairs(
    rm: &mut ResMap,
    pairs: &BTreeMap<String, String>,
    specs: &[FieldSpec],
    extra: &[super::config::FieldSpec],
) {
    if pairs.is_empty() {
        return;
    }
    let extra_paths: Vec<Vec<String>> = extra
        .iter()
        .map(|e| super::nameref::split_path(&e.path))
        .collect();
    for r in &mut rm.items {
        let applicable: Vec<&FieldSpec> = specs.iter().filter(|s| s.applies(r)).collect();
        let custom: Vec<usize> = (0..extra.len()).filter(|&i| extra[i].applies(r)).collect();
        let mut obj = Value::Object(std::mem::take(&mut r.obj));
        for s in applicable {
            let segs: Vec<&str> = s.path.split('/').collect();
            visit(&mut obj, &segs, s.create, &mut |v| set_pairs(v, pairs));
        }
        for i in custom {
            let segs: Vec<&str> = extra_paths[i].iter().map(String::as_str).collect();
            visit(&mut obj, &segs, extra[i].create, &mut |v| set_pairs(v, pairs));
        }
        if let Value::Object(m) = obj {
            r.obj = m;
        }
    }
}

/// Kinds whose name prefix/suffix transformers leave alone.
fn skips_prefix(r: &Resource) -> bool {
    matches!(r.kind(), "CustomResourceDefinition" | "Namespace")
        || (r.kind() == "APIService" && r.group_version().0 == "apiregistration.k8s.io")
}

/// `namePrefix` (`prefix`) or `nameSuffix`: the value is added to `metadata/name` of every
/// object (when the built-in specs apply) and to the fields of the configured specs, except
/// for CRDs, Namespaces and APIServices. Each object whose name changes remembers its id.
pub fn affix(rm: &mut ResMap, value: &str, prefix: bool) {
    if value.is_empty() {
        return;
    }
    let custom = if prefix {
        rm.config.name_prefix.clone()
    } else {
        rm.config.name_suffix.clone()
    };
    let mut specs: Vec<super::config::FieldSpec> = Vec::new();
    // A configured `metadata/name` spec takes the place of the built-in one (for all kinds),
    // as kubectl behaves.
    if rm.config.builtin && !custom.iter().any(|c| c.path == "metadata/name") {
        specs.push(super::config::FieldSpec {
            path: "metadata/name".into(),
            ..Default::default()
        });
    }
    specs.extend(custom);
    for r in &mut rm.items {
        if skips_prefix(r) {
            continue;
        }
        let (org_kind, _, _) = r.org();
        let org_kind = org_kind.to_string();
        let (g, v) = r.group_version();
        let (g, v) = (g.to_string(), v.to_string());
        for fs in &specs {
            let gvk = super::nameref::Gvk {
                group: fs.group.clone(),
                version: fs.version.clone(),
                kind: fs.kind.clone(),
            };
            if !gvk.selects(&g, &v, &org_kind) {
                continue;
            }
            if fs.path == "metadata/name" {
                if prefix {
                    r.prefixes.push(value.to_string());
                } else {
                    r.suffixes.push(value.to_string());
                }
                r.remember();
            }
            let segs = super::nameref::split_path(&fs.path);
            let segs: Vec<&str> = segs.iter().map(String::as_str).collect();
            let mut obj = Value::Object(std::mem::take(&mut r.obj));
            visit(&mut obj, &segs, fs.create, &mut |x| match x {
                Value::String(old) => {
                    *old = if prefix {
                        format!("{value}{old}")
                    } else {
                        format!("{old}{value}")
                    };
                }
                // A field the spec created.
                Value::Null => *x = Value::String(value.to_string()),
                _ => {}
            });
            if let Value::Object(m) = obj {
                r.obj = m;
            }
        }
    }
}

/// `namespace`: every namespaced object moves to `ns`; a `v1` Namespace object is renamed to
/// `ns`; RoleBinding subjects named `default` (the namespace's default service account)
/// follow; an APIService's and a CRD conversion webhook's service namespace are set.
/// Webhook configurations' services follow their Service through the name references.
pub fn namespace(rm: &mut ResMap, ns: &str) {
    if ns.is_empty() {
        return;
    }
    let builtin = rm.config.builtin;
    let custom = rm.config.namespace.clone();
    for r in &mut rm.items {
        let selected: Vec<&super::config::FieldSpec> = custom
            .iter()
            .filter(|f| f.applies(r) && f.path != "metadata/namespace")
            .collect();
        let mut obj = Value::Object(std::mem::take(&mut r.obj));
        for fs in selected {
            let segs = super::nameref::split_path(&fs.path);
            let segs: Vec<&str> = segs.iter().map(String::as_str).collect();
            visit(&mut obj, &segs, fs.create, &mut |x| {
                *x = Value::String(ns.to_string());
            });
        }
        if let Value::Object(m) = obj {
            r.obj = m;
        }
        // kustomize records every object's id before the namespace transformer runs.
        r.remember();
        if !r.is_cluster_scoped() {
            r.metadata_mut()
                .insert("namespace".into(), Value::String(ns.to_string()));
        }
        let kind = r.kind();
        if (kind == "RoleBinding" || kind == "ClusterRoleBinding")
            && let Some(Value::Array(subjects)) = r.obj.get_mut("subjects")
        {
            for s in subjects {
                if let Value::Object(m) = s
                    && m.get("name").and_then(Value::as_str) == Some("default")
                {
                    m.insert("namespace".into(), Value::String(ns.to_string()));
                }
            }
        }
        // The rest are built-in field specs.
        if !builtin {
            continue;
        }
        if r.kind() == "Namespace" && r.api_version() == "v1" {
            r.metadata_mut()
                .insert("name".into(), Value::String(ns.to_string()));
        }
        let group = r.group_version().0.to_string();
        let field: Option<(&[&str], bool)> = match (r.kind(), group.as_str()) {
            ("APIService", "apiregistration.k8s.io") => Some((&["spec", "service", "namespace"], true)),
            ("CustomResourceDefinition", "apiextensions.k8s.io") => Some((
                &[
                    "spec",
                    "conversion",
                    "webhook",
                    "clientConfig",
                    "service",
                    "namespace",
                ],
                false,
            )),
            _ => None,
        };
        if let Some((path, create)) = field {
            let mut obj = Value::Object(std::mem::take(&mut r.obj));
            visit(&mut obj, path, create, &mut |v| {
                *v = Value::String(ns.to_string());
            });
            if let Value::Object(m) = obj {
                r.obj = m;
            }
        }
    }
}

/// Splits an image reference into (name, tag, digest), ignoring a registry port.
pub fn split_image(image: &str) -> (&str, &str, &str) {
    let slash = image.find('/').filter(|&i| i > 0).unwrap_or(0);
    let search = &image[slash..];
    let at = search.find('@').map(|i| i + slash);
    let colon = search.find(':').map(|i| i + slash);
    match (colon, at) {
        (None, None) => (image, "", ""),
        (c, Some(a)) if c.is_none_or(|c| a < c) => (&image[..a], "", &image[a + 1..]),
        (Some(c), Some(a)) => (&image[..c], &image[c + 1..a], &image[a + 1..]),
        (Some(c), None) => (&image[..c], &image[c + 1..], ""),
        (None, Some(_)) => unreachable!("handled above"),
    }
}

/// Whether `image` refers to the image named `name` (`name(:tag)?(@sha256:digest)?`).
fn image_matches(image: &str, name: &str) -> bool {
    let Some(mut rest) = image.strip_prefix(name) else {
        return false;
    };
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '{' | '}' | '-');
    if let Some(tag) = rest.strip_prefix(':') {
        let end = tag.find(|c: char| !allowed(c)).unwrap_or(tag.len());
        rest = &tag[end..];
    }
    if let Some(digest) = rest.strip_prefix("@sha256:") {
        rest = digest.trim_start_matches(allowed);
    }
    rest.is_empty()
}

fn new_image(image: &str, spec: &ImageSpec) -> Option<String> {
    if !image_matches(image, &spec.name) {
        return None;
    }
    let (name, tag, digest) = split_image(image);
    let mut name = name.to_string();
    let (mut tag, mut digest) = (tag.to_string(), digest.to_string());
    if let Some(n) = spec.new_name.as_deref().filter(|n| !n.is_empty()) {
        name = n.to_string();
    }
    let new_tag = spec.new_tag.as_deref().unwrap_or("");
    let new_digest = spec.digest.as_deref().unwrap_or("");
    match (new_tag.is_empty(), new_digest.is_empty()) {
        (false, false) => {
            tag = new_tag.to_string();
            digest = new_digest.to_string();
        }
        (false, true) => {
            tag = new_tag.to_string();
            digest.clear();
        }
        (true, false) => {
            tag.clear();
            digest = new_digest.to_string();
        }
        (true, true) => {
            if let Some(suffix) = spec.tag_suffix.as_deref().filter(|s| !s.is_empty()) {
                tag.push_str(suffix);
                digest.clear();
            }
        }
    }
    if !tag.is_empty() {
        name.push(':');
        name.push_str(&tag);
    }
    if !digest.is_empty() {
        name.push('@');
        name.push_str(&digest);
    }
    Some(name)
}

/// kustomize's legacy image pass: every `containers` and `initContainers` list anywhere in
/// the object.
fn update_images(v: &mut Value, spec: &ImageSpec) {
    match v {
        Value::Object(m) => {
            for (k, child) in m.iter_mut() {
                if (k == "containers" || k == "initContainers")
                    && let Value::Array(items) = child
                {
                    for c in items.iter_mut() {
                        if let Some(Value::String(image)) = c.get_mut("image")
                            && let Some(new) = new_image(image, spec)
                        {
                            *image = new;
                        }
                    }
                    continue;
                }
                update_images(child, spec);
            }
        }
        Value::Array(items) => {
            for i in items {
                update_images(i, spec);
            }
        }
        _ => {}
    }
}

/// The image fields kustomize's image transformer visits after its legacy pass (its default
/// configuration), besides the ones `configurations` add.
const DEFAULT_IMAGE_PATHS: &[&str] = &[
    "spec/containers[]/image",
    "spec/initContainers[]/image",
    "spec/template/spec/containers[]/image",
    "spec/template/spec/initContainers[]/image",
];

/// `images`: as kustomize, each entry in turn (so a renamed image can match a later entry)
/// rewrites the matching images of every container and init container, then of the image
/// fields of its configuration. A field in both is rewritten twice, which only shows with
/// `tagSuffix` (`nginx:1.0` with `tagSuffix: -x` becomes `nginx:1.0-x-x`, as kustomize
/// v5.5.0 writes it).
pub fn images(rm: &mut ResMap, specs: &[ImageSpec]) {
    if specs.is_empty() {
        return;
    }
    let extra = rm.config.images.clone();
    let mut paths: Vec<(Option<&super::config::FieldSpec>, Vec<String>)> = DEFAULT_IMAGE_PATHS
        .iter()
        .map(|p| (None, super::nameref::split_path(p)))
        .collect();
    paths.extend(
        extra
            .iter()
            .map(|e| (Some(e), super::nameref::split_path(&e.path))),
    );
    for spec in specs {
        for r in &mut rm.items {
            let crd = r.kind() == "CustomResourceDefinition";
            let applicable: Vec<&Vec<String>> = paths
                .iter()
                .filter(|(fs, _)| fs.is_none_or(|f| f.applies(r)))
                .map(|(_, segs)| segs)
                .collect();
            let mut obj = Value::Object(std::mem::take(&mut r.obj));
            if !crd {
                update_images(&mut obj, spec);
            }
            for segs in applicable {
                let segs: Vec<&str> = segs.iter().map(String::as_str).collect();
                visit(&mut obj, &segs, false, &mut |v| {
                    if let Value::String(image) = v
                        && let Some(new) = new_image(image, spec)
                    {
                        *image = new;
                    }
                });
            }
            if let Value::Object(m) = obj {
                r.obj = m;
            }
        }
    }
}

const REPLICA_KINDS: &[&str] = &["Deployment", "ReplicaSet", "ReplicationController", "StatefulSet"];

/// `replicas`.
pub fn replicas(rm: &mut ResMap, specs: &[super::kfile::ReplicaSpec], kfile: &str) -> Result<()> {
    for s in specs {
        let mut found = false;
        let extra = rm.config.replicas.clone();
        let rm_builtin = rm.config.builtin;
        for r in &mut rm.items {
            let custom: Vec<&super::config::FieldSpec> = extra.iter().filter(|e| e.applies(r)).collect();
            if !custom.is_empty() && r.has_name(&s.name) {
                found = true;
                let mut obj = Value::Object(std::mem::take(&mut r.obj));
                for e in custom {
                    let segs = super::nameref::split_path(&e.path);
                    let segs: Vec<&str> = segs.iter().map(String::as_str).collect();
                    visit(&mut obj, &segs, e.create, &mut |v| *v = Value::from(s.count));
                }
                if let Value::Object(m) = obj {
                    r.obj = m;
                }
                continue;
            }
            if rm_builtin && REPLICA_KINDS.contains(&r.kind()) && r.has_name(&s.name) {
                found = true;
                let spec = r.obj.entry("spec").or_insert_with(|| Value::Object(Map::new()));
                if !spec.is_object() {
                    *spec = Value::Object(Map::new());
                }
                if let Value::Object(m) = spec {
                    m.insert("replicas".into(), Value::from(s.count));
                }
            }
        }
        if !found {
            return Err(Error::Kustomization {
                file: kfile.to_string(),
                message: format!(
                    "replicas: no Deployment, ReplicaSet, ReplicationController or StatefulSet named {:?}",
                    s.name
                ),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_names_split_like_kustomize() {
        assert_eq!(split_image("nginx"), ("nginx", "", ""));
        assert_eq!(split_image("nginx:1.2"), ("nginx", "1.2", ""));
        assert_eq!(split_image("reg:5000/app:v1"), ("reg:5000/app", "v1", ""));
        assert_eq!(split_image("reg:5000/app"), ("reg:5000/app", "", ""));
        assert_eq!(split_image("app@sha256:abc"), ("app", "", "sha256:abc"));
        assert_eq!(split_image("app:v1@sha256:abc"), ("app", "v1", "sha256:abc"));
    }

    #[test]
    fn images_are_rewritten() {
        let spec = |name: &str, n: Option<&str>, t: Option<&str>, d: Option<&str>| ImageSpec {
            name: name.into(),
            new_name: n.map(Into::into),
            new_tag: t.map(Into::into),
            digest: d.map(Into::into),
            tag_suffix: None,
        };
        assert_eq!(
            new_image("nginx:1.0", &spec("nginx", None, Some("2"), None)).as_deref(),
            Some("nginx:2")
        );
        assert_eq!(
            new_image("nginx-x:1.0", &spec("nginx", None, Some("2"), None)),
            None
        );
        assert_eq!(
            new_image(
                "reg:5000/app:v1",
                &spec("reg:5000/app", Some("other/app"), None, Some("sha256:f"))
            )
            .as_deref(),
            Some("other/app@sha256:f")
        );
    }
}
