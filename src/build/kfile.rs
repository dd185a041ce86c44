//! The kustomization file (`kustomize.config.k8s.io/v1beta1` Kustomization and
//! `v1alpha1` Component): its fields, read strictly so a misspelt or unsupported field is an
//! error naming the field and the file.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{Error, Result};

/// A parsed kustomization file.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KustFile {
    /// `kustomize.config.k8s.io/v1beta1` (or `v1alpha1` for components).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_version: Option<String>,
    /// `Kustomization` or `Component`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Ignored, as kustomize ignores it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Value>,
    /// Files, directories with a kustomization.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<String>,
    /// Legacy name for directory resources.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bases: Vec<String>,
    /// Component directories.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub components: Vec<String>,
    /// Namespace set on every namespaced object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// Prefix added to names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_prefix: Option<String>,
    /// Suffix added to names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_suffix: Option<String>,
    /// Labels added to metadata, selectors and templates.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub common_labels: BTreeMap<String, String>,
    /// Labels with control over selectors and templates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<LabelSpec>,
    /// Annotations added to metadata and templates.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub common_annotations: BTreeMap<String, String>,
    /// Patches (strategic merge or JSON 6902) with optional targets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub patches: Vec<PatchSpec>,
    /// Legacy strategic merge patches: file paths or inline documents.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub patches_strategic_merge: Vec<String>,
    /// Legacy JSON 6902 patches.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub patches_json6902: Vec<PatchSpec>,
    /// Image overrides.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<ImageSpec>,
    /// Legacy name of `images`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub image_tags: Vec<ImageSpec>,
    /// Replica count overrides.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replicas: Vec<ReplicaSpec>,
    /// ConfigMap generators.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub config_map_generator: Vec<GeneratorSpec>,
    /// Secret generators.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub secret_generator: Vec<GeneratorSpec>,
    /// Options for every generator of this kustomization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generator_options: Option<GeneratorOptions>,
    /// Output order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort_options: Option<SortOptions>,
    /// `originAnnotations`, `managedByLabel`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub build_metadata: Vec<String>,

    // Fields kustomize knows that flux-rs does not implement: read so that using one is an
    // error naming it rather than "unknown field".
    #[doc(hidden)]
    #[serde(default, skip_serializing)]
    pub helm_charts: Option<Value>,
    #[doc(hidden)]
    #[serde(default, skip_serializing)]
    pub helm_globals: Option<Value>,
    #[doc(hidden)]
    #[serde(default, skip_serializing)]
    pub helm_chart_inflation_generator: Option<Value>,
    /// Replacements (inline or `path:` files).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replacements: Vec<super::replace::ReplacementField>,
    /// Variables (`$(NAME)` references).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vars: Vec<super::vars::Var>,
    #[doc(hidden)]
    #[serde(default, skip_serializing)]
    pub crds: Option<Value>,
    /// Transformer configuration files (custom field specs).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub configurations: Vec<String>,
    /// Generator configurations (built-in generators only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub generators: Vec<String>,
    /// Transformer configurations (built-in transformers only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transformers: Vec<String>,
    #[doc(hidden)]
    #[serde(default, skip_serializing)]
    pub validators: Option<Value>,
    /// Schema for strategic merge (`path` of a custom schema, or `version`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", rename = "openapi")]
    pub open_api: BTreeMap<String, String>,
}

/// One `labels` entry.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LabelSpec {
    /// The labels.
    #[serde(default)]
    pub pairs: BTreeMap<String, String>,
    /// Also add to selectors (and templates).
    #[serde(default)]
    pub include_selectors: bool,
    /// Also add to pod templates.
    #[serde(default)]
    pub include_templates: bool,
    /// More fields to set the labels in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<super::config::FieldSpec>,
}

/// A patch: inline or from a file, with an optional target selector.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PatchSpec {
    /// File with the patch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Inline patch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patch: Option<String>,
    /// Which objects to patch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Selector>,
    /// `allowNameChange`, `allowKindChange`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<BTreeMap<String, bool>>,
}

/// A patch target selector.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Selector {
    /// API group (exact).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// API version (exact).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Kind (exact).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Name (anchored regular expression).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Namespace (anchored regular expression).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// Label selector.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_selector: Option<String>,
    /// Annotation selector.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotation_selector: Option<String>,
}

/// An image override.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ImageSpec {
    /// Image name to match.
    pub name: String,
    /// Replacement name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_name: Option<String>,
    /// Replacement tag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_tag: Option<String>,
    /// Replacement digest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digest: Option<String>,
    /// Not supported.
    #[serde(default, skip_serializing)]
    pub tag_suffix: Option<String>,
}

/// A replica count override.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ReplicaSpec {
    /// Object name.
    pub name: String,
    /// Replicas.
    pub count: i64,
}

/// A ConfigMap or Secret generator.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GeneratorSpec {
    /// Name of the generated object.
    #[serde(default)]
    pub name: String,
    /// Namespace of the generated object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// `create` (default), `merge` or `replace`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub behavior: Option<String>,
    /// `key=value` pairs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub literals: Vec<String>,
    /// Files (`path` or `key=path`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<String>,
    /// Env files.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub envs: Vec<String>,
    /// Legacy single env file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub env: Option<String>,
    /// Per-generator options.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<GeneratorOptions>,
    /// Secret type (secrets only).
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<String>,
}

/// Generator options.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GeneratorOptions {
    /// Labels on generated objects.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
    /// Annotations on generated objects.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub annotations: BTreeMap<String, String>,
    /// No hash suffix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disable_name_suffix_hash: Option<bool>,
    /// Mark generated objects immutable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub immutable: Option<bool>,
}

/// Output order.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SortOptions {
    /// `legacy` or `fifo`.
    #[serde(default)]
    pub order: String,
    /// Custom legacy order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legacy_sort_options: Option<LegacySortOptions>,
}

/// Kinds first and last in legacy order.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LegacySortOptions {
    /// Kinds first, in this order.
    #[serde(default)]
    pub order_first: Vec<String>,
    /// Kinds last, in this order.
    #[serde(default)]
    pub order_last: Vec<String>,
}

/// Whether the file is a Component (else a Kustomization).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// `kind: Kustomization` (or no kind).
    Kustomization,
    /// `kind: Component`.
    Component,
}

/// kustomize's message for a kustomization that sets nothing (0 bytes, only comments, only
/// `apiVersion` and `kind`, or only zero values).
pub const EMPTY: &str = "kustomization.yaml is empty";

/// Removes null-valued keys at every level (a null decodes to the zero value in Go).
fn drop_nulls(m: &mut serde_json::Map<String, Value>) {
    m.retain(|_, v| !v.is_null());
    for v in m.values_mut() {
        match v {
            Value::Object(inner) => drop_nulls(inner),
            Value::Array(items) => {
                for i in items {
                    if let Value::Object(inner) = i {
                        drop_nulls(inner);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Field names of the kustomization file, as Go's JSON decoder matches them (case-insensitively).
const TOP_FIELDS: &[&str] = &[
    "apiVersion",
    "kind",
    "metadata",
    "resources",
    "bases",
    "components",
    "namespace",
    "namePrefix",
    "nameSuffix",
    "commonLabels",
    "labels",
    "commonAnnotations",
    "patches",
    "patchesStrategicMerge",
    "patchesJson6902",
    "images",
    "imageTags",
    "replicas",
    "configMapGenerator",
    "secretGenerator",
    "generatorOptions",
    "sortOptions",
    "buildMetadata",
    "helmCharts",
    "helmGlobals",
    "helmChartInflationGenerator",
    "replacements",
    "vars",
    "crds",
    "configurations",
    "generators",
    "transformers",
    "validators",
    "openapi",
];

/// Renames top-level keys written in another case (`nameprefix`) to the field's name, as
/// Go's JSON decoding matches them; an exact match wins over a case-insensitive one.
fn canonical_keys(m: &mut serde_json::Map<String, Value>) {
    let odd: Vec<String> = m
        .keys()
        .filter(|k| !TOP_FIELDS.contains(&k.as_str()))
        .filter(|k| TOP_FIELDS.iter().any(|f| f.eq_ignore_ascii_case(k)))
        .cloned()
        .collect();
    for k in odd {
        let Some(field) = TOP_FIELDS.iter().find(|f| f.eq_ignore_ascii_case(&k)) else {
            continue;
        };
        if let Some(v) = m.remove(&k)
            && !m.contains_key(*field)
        {
            m.insert((*field).to_string(), v);
        }
    }
}

/// Whether a decoded kustomization equals Go's zero `Kustomization` apart from its type
/// meta: every field other than `apiVersion` and `kind` is absent, an empty string, `false`
/// or `0` (an empty list or map is not zero in Go: it is not nil).
fn is_go_zero(m: &serde_json::Map<String, Value>) -> bool {
    m.iter().all(|(k, v)| {
        k == "apiVersion"
            || k == "kind"
            || match v {
                Value::Null => true,
                Value::String(s) => s.is_empty(),
                Value::Bool(b) => !b,
                Value::Number(n) => n.as_f64() == Some(0.0),
                Value::Array(_) | Value::Object(_) => false,
            }
    })
}

impl KustFile {
    /// Parses the text of a kustomization file named `file` (for messages).
    pub fn parse(text: &str, file: &str) -> Result<KustFile> {
        let node = crate::yaml::load_one(text).map_err(|e| Error::Yaml {
            file: file.to_string(),
            line: e.mark.line,
            col: e.mark.col,
            message: e.message,
            referenced_by: None,
        })?;
        let empty = || Error::Kustomization {
            file: file.to_string(),
            message: EMPTY.into(),
        };
        if node.is_null() {
            return Err(empty());
        }
        let mut value = crate::yaml::to_json_last_wins(&node).map_err(|e| Error::Yaml {
            file: file.to_string(),
            line: e.mark.line,
            col: e.mark.col,
            message: e.message,
            referenced_by: None,
        })?;
        let Value::Object(fields) = &mut value else {
            return Err(Error::Kustomization {
                file: file.to_string(),
                message: "a kustomization must be a mapping".into(),
            });
        };
        // Go's JSON decoding, which kustomize uses: a null is the field's zero value, and
        // field names match case-insensitively.
        drop_nulls(fields);
        canonical_keys(fields);
        if is_go_zero(fields) {
            return Err(empty());
        }
        let k: KustFile = serde_path_to_error::deserialize(value).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner().to_string();
            Error::Kustomization {
                file: file.to_string(),
                message: if path == "." || inner.starts_with("unknown field") {
                    format!("invalid kustomization: {inner}")
                } else {
                    format!("invalid kustomization: field {path}: {inner}")
                },
            }
        })?;
        k.check_supported(file)?;
        Ok(k)
    }

    /// `commonLabels` as the `labels` entry kustomize turns it into (with selectors).
    pub fn common_labels_entry(&self) -> Option<LabelSpec> {
        (!self.common_labels.is_empty()).then(|| LabelSpec {
            pairs: self.common_labels.clone(),
            include_selectors: true,
            include_templates: false,
            fields: Vec::new(),
        })
    }

    /// The file's kind.
    pub fn file_kind(&self, file: &str) -> Result<FileKind> {
        let kind = match self.kind.as_deref() {
            None | Some("" | "Kustomization") => FileKind::Kustomization,
            Some("Component") => FileKind::Component,
            Some(other) => {
                return Err(Error::Kustomization {
                    file: file.to_string(),
                    message: format!("unknown kind {other:?}: kind should be Kustomization or Component"),
                });
            }
        };
        // kustomize checks the apiVersion against the kind.
        let required = match kind {
            FileKind::Kustomization => "kustomize.config.k8s.io/v1beta1",
            FileKind::Component => "kustomize.config.k8s.io/v1alpha1",
        };
        if let Some(v) = self.api_version.as_deref()
            && !v.is_empty()
            && v != required
        {
            return Err(Error::Kustomization {
                file: file.to_string(),
                message: format!(
                    "apiVersion for {} should be {required}",
                    if kind == FileKind::Component {
                        "Component"
                    } else {
                        "Kustomization"
                    }
                ),
            });
        }
        Ok(kind)
    }

    fn check_supported(&self, file: &str) -> Result<()> {
        let unsupported = [
            ("helmCharts", self.helm_charts.is_some()),
            ("helmGlobals", self.helm_globals.is_some()),
            (
                "helmChartInflationGenerator",
                self.helm_chart_inflation_generator.is_some(),
            ),
            ("crds", self.crds.is_some()),
            ("validators", self.validators.is_some()),
        ];
        for (field, used) in unsupported {
            if used {
                return Err(Error::Unsupported {
                    file: file.to_string(),
                    feature: field.to_string(),
                });
            }
        }
        for m in &self.build_metadata {
            if m != "originAnnotations" && m != "managedByLabel" {
                return Err(Error::Unsupported {
                    file: file.to_string(),
                    feature: format!("buildMetadata: {m}"),
                });
            }
        }
        if let Some(s) = &self.sort_options
            && s.order != "legacy"
            && s.order != "fifo"
        {
            return Err(Error::Kustomization {
                file: file.to_string(),
                message: format!("sortOptions.order must be legacy or fifo, not {:?}", s.order),
            });
        }
        if let Some(s) = &self.sort_options
            && s.order == "fifo"
            && s.legacy_sort_options.is_some()
        {
            return Err(Error::Kustomization {
                file: file.to_string(),
                message: "the field 'sortOptions.legacySortOptions' is set but the selected sort order is 'fifo', not 'legacy'".into(),
            });
        }
        Ok(())
    }
}
