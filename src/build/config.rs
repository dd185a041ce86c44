//! `configurations`: transformer configuration files that add field specs to kustomize's
//! built-in ones (custom label, annotation, image, replica and variable fields, and custom
//! name references such as a HelmRelease's `valuesFrom` naming a generated ConfigMap).
//!
//! A kustomization's configurations apply to its own transformers and, merged upwards, to
//! every kustomization that includes it and to the final name-reference fix-up, as kustomize
//! accumulates them.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::nameref::{Backref, Gvk};
use super::resource::Resource;
use super::{Error, Result};

/// A field spec: objects of a type (empty parts match any) and a path in them.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default)]
pub struct FieldSpec {
    /// API group.
    pub group: String,
    /// Version.
    pub version: String,
    /// Kind.
    pub kind: String,
    /// `/`-separated path (`x[]` walks a list).
    pub path: String,
    /// Create missing fields.
    pub create: bool,
}

impl FieldSpec {
    /// Whether the spec applies to `r` (by its current type).
    pub fn applies(&self, r: &Resource) -> bool {
        let (g, v) = r.group_version();
        Gvk {
            group: self.group.clone(),
            version: self.version.clone(),
            kind: self.kind.clone(),
        }
        .selects(g, v, r.kind())
    }
}

/// One `nameReference` entry of a configuration file.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct NameRef {
    group: String,
    version: String,
    kind: String,
    field_specs: Vec<FieldSpec>,
}

/// The file's content (unknown keys are ignored, as kustomize ignores them).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct File {
    name_prefix: Vec<FieldSpec>,
    name_suffix: Vec<FieldSpec>,
    namespace: Vec<FieldSpec>,
    common_labels: Vec<FieldSpec>,
    labels: Vec<FieldSpec>,
    template_labels: Vec<FieldSpec>,
    common_annotations: Vec<FieldSpec>,
    name_reference: Vec<NameRef>,
    var_reference: Vec<FieldSpec>,
    images: Vec<FieldSpec>,
    replicas: Vec<FieldSpec>,
}

/// The field specs transformers use: kustomize's built-in ones (when `builtin`) and those
/// read from configuration files.
///
/// As in kustomize, the files' specs are merged into the built-in ones, which always apply
/// (except that a configured `metadata/name` prefix or suffix spec replaces the built-in one).
#[derive(Clone, Debug, Default)]
pub struct TransformerConfig {
    /// Whether kustomize's built-in field specs apply.
    pub builtin: bool,
    /// Fields plain `labels` also set.
    pub labels: Vec<FieldSpec>,
    /// Fields `namePrefix` changes besides `metadata/name`.
    pub name_prefix: Vec<FieldSpec>,
    /// Fields `nameSuffix` changes besides `metadata/name`.
    pub name_suffix: Vec<FieldSpec>,
    /// Fields `namespace` sets.
    pub namespace: Vec<FieldSpec>,
    /// Fields `commonLabels` (and `labels` with `includeSelectors`) set.
    pub common_labels: Vec<FieldSpec>,
    /// Fields `labels` with `includeTemplates` set.
    pub template_labels: Vec<FieldSpec>,
    /// Fields `commonAnnotations` set.
    pub common_annotations: Vec<FieldSpec>,
    /// Name references.
    pub name_reference: Vec<Backref>,
    /// Fields where `$(VAR)` references are replaced.
    pub var_reference: Vec<FieldSpec>,
    /// Fields holding images.
    pub images: Vec<FieldSpec>,
    /// Fields holding replica counts.
    pub replicas: Vec<FieldSpec>,
}

fn add_all(to: &mut Vec<FieldSpec>, from: &[FieldSpec]) {
    for f in from {
        if !to.contains(f) {
            to.push(f.clone());
        }
    }
}

impl TransformerConfig {
    /// Parses a configuration file (`file` names it in messages).
    pub fn parse(text: &str, file: &str) -> Result<TransformerConfig> {
        let docs = crate::yaml::from_str_json(text).map_err(|e| Error::Yaml {
            file: file.to_string(),
            line: e.mark().line,
            col: e.mark().col,
            message: e.to_string(),
            referenced_by: None,
        })?;
        let mut out = TransformerConfig::default();
        for doc in docs {
            if doc.is_null() {
                continue;
            }
            let f: File = serde_json::from_value(strip_nulls(doc)).map_err(|e| Error::Kustomization {
                file: file.to_string(),
                message: format!("invalid transformer configuration: {e}"),
            })?;
            let c = TransformerConfig {
                builtin: false,
                labels: f.labels,
                name_prefix: f.name_prefix,
                name_suffix: f.name_suffix,
                namespace: f.namespace,
                common_labels: f.common_labels,
                template_labels: f.template_labels,
                common_annotations: f.common_annotations,
                name_reference: Vec::new(),
                var_reference: f.var_reference,
                images: f.images,
                replicas: f.replicas,
            };
            let mut c = c;
            for n in f.name_reference {
                for spec in n.field_specs {
                    c.name_reference.push(Backref {
                        referral: Gvk {
                            group: n.group.clone(),
                            version: n.version.clone(),
                            kind: n.kind.clone(),
                        },
                        referrer: Gvk {
                            group: spec.group,
                            version: spec.version,
                            kind: spec.kind,
                        },
                        path: spec.path,
                    });
                }
            }
            out.merge(&c);
        }
        Ok(out)
    }

    /// Adds `other`'s specs (without duplicates).
    pub fn merge(&mut self, other: &TransformerConfig) {
        self.builtin |= other.builtin;
        add_all(&mut self.labels, &other.labels);
        add_all(&mut self.name_prefix, &other.name_prefix);
        add_all(&mut self.name_suffix, &other.name_suffix);
        add_all(&mut self.namespace, &other.namespace);
        add_all(&mut self.common_labels, &other.common_labels);
        add_all(&mut self.template_labels, &other.template_labels);
        add_all(&mut self.common_annotations, &other.common_annotations);
        add_all(&mut self.var_reference, &other.var_reference);
        add_all(&mut self.images, &other.images);
        add_all(&mut self.replicas, &other.replicas);
        for b in &other.name_reference {
            if !self.name_reference.contains(b) {
                self.name_reference.push(b.clone());
            }
        }
    }

    /// Whether nothing is configured.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
            && self.name_prefix.is_empty()
            && self.name_suffix.is_empty()
            && self.namespace.is_empty()
            && self.common_labels.is_empty()
            && self.template_labels.is_empty()
            && self.common_annotations.is_empty()
            && self.name_reference.is_empty()
            && self.var_reference.is_empty()
            && self.images.is_empty()
            && self.replicas.is_empty()
    }
}

fn strip_nulls(v: Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, strip_nulls(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(strip_nulls).collect()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn configuration_files_parse() {
        let c = TransformerConfig::parse(
            "nameReference:\n- kind: ConfigMap\n  version: v1\n  fieldSpecs:\n  - path: spec/valuesFrom/name\n    kind: HelmRelease\ncommonLabels:\n- path: spec/selector\n  kind: Thing\n  create: true\nunknown: 1\n",
            "c.yaml",
        )
        .unwrap();
        assert_eq!(c.name_reference.len(), 1);
        assert_eq!(c.name_reference[0].referrer.kind, "HelmRelease");
        assert_eq!(c.common_labels[0].path, "spec/selector");
        assert!(c.common_labels[0].create);
    }
}
