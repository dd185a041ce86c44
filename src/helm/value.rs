//! The values templates work on, with Go's semantics: `interface{}` holding nil versus no value
//! at all, `int` versus `float64`, maps shared by reference (Sprig's `set` changes the map in
//! place, as Go maps do), and a few Helm objects with fields and methods (`.Files`,
//! `.Capabilities`).

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

/// A map as templates see it: keys in Go's sorted order, shared and mutable like a Go map.
pub type Map = Rc<RefCell<BTreeMap<String, Value>>>;

/// One template value.
#[derive(Clone, Debug, Default)]
pub enum Value {
    /// No value at all (Go's invalid `reflect.Value`): a missing key at the end of a pipeline.
    /// Printed as `<no value>`, which Helm then removes.
    #[default]
    NoValue,
    /// A nil `interface{}` (YAML `null`, a missing key in the middle of a field chain).
    Nil,
    /// `bool`.
    Bool(bool),
    /// Any Go integer type.
    Int(i64),
    /// `float64` (every number read from YAML or JSON values).
    Float(f64),
    /// `string`.
    Str(Rc<str>),
    /// `[]byte`.
    Bytes(Rc<Vec<u8>>),
    /// `[]interface{}`.
    List(Rc<Vec<Value>>),
    /// `map[string]interface{}`.
    Map(Map),
    /// A Helm object with fields and methods.
    Object(Rc<Object>),
}

/// Helm's built-in objects that are Go structs rather than maps.
#[derive(Debug)]
pub enum Object {
    /// `.Files`: the chart's non-template files.
    Files(Rc<Vec<(String, Rc<Vec<u8>>)>>),
    /// `.Capabilities`.
    Capabilities(Rc<Capabilities>),
    /// `.Capabilities.KubeVersion`.
    KubeVersion(Rc<KubeVersion>),
    /// `.Capabilities.APIVersions`.
    VersionSet(Rc<Vec<String>>),
    /// `.Capabilities.HelmVersion`.
    HelmVersion,
}

/// The Kubernetes version templates see.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KubeVersion {
    /// `v1.36.0` (as given, with a leading `v`).
    pub version: String,
    /// The normalised `vMAJOR.MINOR.PATCH`.
    pub normalized: String,
    /// Major version number as text.
    pub major: String,
    /// Minor version number as text.
    pub minor: String,
}

/// `.Capabilities`.
#[derive(Clone, Debug)]
pub struct Capabilities {
    /// The Kubernetes version.
    pub kube_version: Rc<KubeVersion>,
    /// API group versions (and `group/version/Kind` entries given with `--api-versions`).
    pub api_versions: Rc<Vec<String>>,
}

/// The Helm version reported by `.Capabilities.HelmVersion` (the reference SDK's build).
pub const HELM_VERSION: &str = "v4.2";
/// Go version of the reference build.
pub const HELM_GO_VERSION: &str = "go1.26.6";
/// Kubernetes client version of the reference build.
pub const HELM_KUBE_CLIENT_VERSION: &str = "v1.36";

impl Value {
    /// A string value.
    pub fn str(s: impl Into<Rc<str>>) -> Value {
        Value::Str(s.into())
    }

    /// A new empty map.
    pub fn new_map() -> Value {
        Value::Map(Rc::new(RefCell::new(BTreeMap::new())))
    }

    /// A map from entries.
    pub fn map_from(m: BTreeMap<String, Value>) -> Value {
        Value::Map(Rc::new(RefCell::new(m)))
    }

    /// A list value.
    pub fn list(v: Vec<Value>) -> Value {
        Value::List(Rc::new(v))
    }

    /// Whether this is nil or no value.
    pub fn is_nil(&self) -> bool {
        matches!(self, Value::Nil | Value::NoValue)
    }

    /// Go's truth: false, 0, nil, empty string, slice or map are false.
    pub fn truthy(&self) -> bool {
        match self {
            Value::NoValue | Value::Nil => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::Float(f) => *f != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::Bytes(b) => !b.is_empty(),
            Value::List(l) => !l.is_empty(),
            Value::Map(m) => !m.borrow().is_empty(),
            Value::Object(_) => true,
        }
    }

    /// Go's type name of the value, as error messages print it.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::NoValue => "<invalid>",
            Value::Nil => "<nil>",
            Value::Bool(_) => "bool",
            Value::Int(_) => "int",
            Value::Float(_) => "float64",
            Value::Str(_) => "string",
            Value::Bytes(_) => "[]uint8",
            Value::List(_) => "[]interface {}",
            Value::Map(_) => "map[string]interface {}",
            Value::Object(o) => match **o {
                Object::Files(_) => "common.Files",
                Object::Capabilities(_) => "*common.Capabilities",
                Object::KubeVersion(_) => "common.KubeVersion",
                Object::VersionSet(_) => "common.VersionSet",
                Object::HelmVersion => "version.BuildInfo",
            },
        }
    }

    /// The string inside, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// A deep copy (maps and lists are copied, so changes to one do not show in the other).
    #[must_use]
    pub fn deep_copy(&self) -> Value {
        self.deep_copy_depth(0)
    }

    fn deep_copy_depth(&self, depth: usize) -> Value {
        if depth > MAX_DEPTH {
            return Value::Nil;
        }
        match self {
            Value::List(l) => Value::list(l.iter().map(|v| v.deep_copy_depth(depth + 1)).collect()),
            Value::Map(m) => {
                let entries: Vec<(String, Value)> =
                    m.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect();
                Value::map_from(
                    entries
                        .into_iter()
                        .map(|(k, v)| (k, v.deep_copy_depth(depth + 1)))
                        .collect(),
                )
            }
            v => v.clone(),
        }
    }

    /// Converts from JSON; numbers become `float64` as Go's JSON decoder makes them, unless
    /// `ints` is set (then integral numbers are `int64`).
    pub fn from_json(v: &serde_json::Value, ints: bool) -> Value {
        match v {
            serde_json::Value::Null => Value::Nil,
            serde_json::Value::Bool(b) => Value::Bool(*b),
            serde_json::Value::Number(n) => {
                if ints && let Some(i) = n.as_i64() {
                    return Value::Int(i);
                }
                Value::Float(n.as_f64().unwrap_or(0.0))
            }
            serde_json::Value::String(s) => Value::str(s.as_str()),
            serde_json::Value::Array(a) => Value::list(a.iter().map(|v| Value::from_json(v, ints)).collect()),
            serde_json::Value::Object(m) => Value::map_from(
                m.iter()
                    .map(|(k, v)| (k.clone(), Value::from_json(v, ints)))
                    .collect(),
            ),
        }
    }

    /// Converts to JSON the way Go's `encoding/json` sees the value (bytes as base64, objects
    /// by their exported fields).
    pub fn to_json(&self) -> serde_json::Value {
        self.to_json_depth(0)
    }

    fn to_json_depth(&self, depth: usize) -> serde_json::Value {
        use base64::Engine as _;
        if depth > MAX_DEPTH {
            return serde_json::Value::Null;
        }
        match self {
            Value::NoValue | Value::Nil => serde_json::Value::Null,
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::Int(i) => serde_json::Value::from(*i),
            Value::Float(f) => {
                serde_json::Number::from_f64(*f).map_or(serde_json::Value::Null, serde_json::Value::Number)
            }
            Value::Str(s) => serde_json::Value::String(s.to_string()),
            Value::Bytes(b) => {
                serde_json::Value::String(base64::engine::general_purpose::STANDARD.encode(b.as_slice()))
            }
            Value::List(l) => {
                serde_json::Value::Array(l.iter().map(|v| v.to_json_depth(depth + 1)).collect())
            }
            Value::Map(m) => {
                let m = m.borrow();
                let mut keys: Vec<&String> = m.keys().collect();
                keys.sort();
                let mut out = serde_json::Map::new();
                for k in keys {
                    out.insert(k.clone(), m[k].to_json_depth(depth + 1));
                }
                serde_json::Value::Object(out)
            }
            Value::Object(o) => match &**o {
                Object::Files(files) => {
                    let mut out = serde_json::Map::new();
                    for (name, data) in files.iter() {
                        out.insert(
                            name.clone(),
                            serde_json::Value::String(
                                base64::engine::general_purpose::STANDARD.encode(data.as_slice()),
                            ),
                        );
                    }
                    serde_json::Value::Object(out)
                }
                Object::Capabilities(c) => serde_json::json!({
                    "KubeVersion": kube_version_json(&c.kube_version),
                    "APIVersions": *c.api_versions,
                    "HelmVersion": helm_version_json(),
                }),
                Object::KubeVersion(k) => kube_version_json(k),
                Object::VersionSet(v) => serde_json::json!(**v),
                Object::HelmVersion => helm_version_json(),
            },
        }
    }
}

fn kube_version_json(k: &KubeVersion) -> serde_json::Value {
    serde_json::json!({"Version": k.version, "Major": k.major, "Minor": k.minor})
}

fn helm_version_json() -> serde_json::Value {
    serde_json::json!({
        "version": HELM_VERSION,
        "git_commit": "",
        "git_tree_state": "",
        "go_version": HELM_GO_VERSION,
        "kube_client_version": HELM_KUBE_CLIENT_VERSION,
    })
}

/// Nesting beyond which values are not followed (a map that contains itself).
pub const MAX_DEPTH: usize = 10_000;

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::str(s)
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Str(s.into())
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

impl From<i64> for Value {
    fn from(i: i64) -> Value {
        Value::Int(i)
    }
}
