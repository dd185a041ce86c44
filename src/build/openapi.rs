//! `openapi`: a custom OpenAPI schema (JSON or YAML, `definitions` with
//! `x-kubernetes-group-version-kind`) that tells strategic merge which lists merge by key,
//! as kustomize's `openapi: {path: …}` does; or `openapi: {version: v1.21.2}`, the built-in
//! schema. The first kustomization of a build that sets it decides, the top one first.

use serde_json::{Map, Value};

use super::merge::ListStrategy;
use super::{Error, Result};

/// The only Kubernetes schema version kustomize v5.5 has built in.
pub const BUILTIN_VERSION: &str = "v1.21.2";

/// A parsed custom schema.
#[derive(Clone, Debug, Default)]
pub struct Schema {
    definitions: Map<String, Value>,
    /// ((group, version, kind), definition name).
    types: Vec<((String, String, String), String)>,
}

/// Which schema strategic merge uses.
#[derive(Clone, Debug)]
pub enum Setting {
    /// kustomize's built-in Kubernetes schema.
    Builtin,
    /// A custom schema (added to the built-in one).
    Custom(Box<Schema>),
}

/// Checks an `openapi` field and reads its schema with `read` (path → text).
pub fn setting(
    field: &std::collections::BTreeMap<String, String>,
    read: &dyn Fn(&str) -> Result<String>,
    kfile: &str,
) -> Result<Option<Setting>> {
    let err = |message: &str| Error::Kustomization {
        file: kfile.to_string(),
        message: message.to_string(),
    };
    let version = field.get("version").filter(|v| !v.is_empty());
    match (field.get("path"), version) {
        (Some(_), Some(_)) => Err(err("builtin version and custom schema provided, cannot use both")),
        (Some(path), None) => {
            let text = read(path)?;
            Schema::parse(&text)
                .map(|s| Some(Setting::Custom(Box::new(s))))
                .map_err(|e| err(&e.to_string()))
        }
        (None, Some(v)) if v == BUILTIN_VERSION => Ok(Some(Setting::Builtin)),
        (None, Some(_)) => Err(err("the specified OpenAPI version is not built in")),
        (None, None) => Ok(None),
    }
}

/// Why a schema file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum InvalidSchema {
    /// The file is not YAML or JSON.
    #[error("invalid schema file: {source}")]
    Yaml {
        /// The parser's error.
        #[source]
        source: crate::yaml::Error,
    },
    /// The document has no `definitions` mapping.
    #[error("invalid schema file: no definitions")]
    NoDefinitions,
}

impl Schema {
    /// Parses a schema document.
    pub fn parse(text: &str) -> std::result::Result<Schema, InvalidSchema> {
        let doc = crate::yaml::from_str_json(text)
            .map_err(|source| InvalidSchema::Yaml { source })?
            .into_iter()
            .next()
            .unwrap_or(Value::Null);
        let definitions = doc
            .get("definitions")
            .and_then(Value::as_object)
            .cloned()
            .ok_or(InvalidSchema::NoDefinitions)?;
        let mut types = Vec::new();
        for (name, def) in &definitions {
            if let Some(Value::Array(gvks)) = def.get("x-kubernetes-group-version-kind") {
                for g in gvks {
                    let s = |k: &str| g.get(k).and_then(Value::as_str).unwrap_or("").to_string();
                    types.push(((s("group"), s("version"), s("kind")), name.clone()));
                }
            }
        }
        Ok(Schema { definitions, types })
    }

    /// Follows `$ref`s; `Err(true)` when one names a definition the file does not have
    /// (kustomize then reads it from its built-in Kubernetes schema).
    fn resolve<'a>(&'a self, mut v: &'a Value) -> std::result::Result<&'a Value, bool> {
        for _ in 0..32 {
            match v.get("$ref").and_then(Value::as_str) {
                Some(r) => {
                    v = r
                        .strip_prefix("#/definitions/")
                        .and_then(|name| self.definitions.get(name))
                        .ok_or(true)?;
                }
                None => return Ok(v),
            }
        }
        Err(false)
    }

    /// The merge strategy of the list at `path` (map keys from the object root) in objects
    /// of (group, version, kind). The schema adds to kustomize's built-in one: types it does
    /// not describe, and parts it takes from the built-in schema by reference, merge as
    /// built-in types do (`builtin` tells whether the type is a built-in one); other lists
    /// are replaced.
    pub fn strategy(
        &self,
        group: &str,
        version: &str,
        kind: &str,
        builtin: bool,
        path: &[String],
    ) -> ListStrategy {
        let fallback = |by_ref: bool| super::merge::list_strategy(builtin || by_ref, kind, path);
        let Some(def) = self
            .types
            .iter()
            .find(|((g, v, k), _)| g == group && v == version && k == kind)
            .and_then(|(_, name)| self.definitions.get(name))
        else {
            return fallback(false);
        };
        let mut node = def;
        for key in path {
            let mut n = match self.resolve(node) {
                Ok(n) => n,
                Err(by_ref) => return fallback(by_ref),
            };
            if n.get("type").and_then(Value::as_str) == Some("array") {
                match n.get("items").map(|i| self.resolve(i)) {
                    Some(Ok(i)) => n = i,
                    Some(Err(by_ref)) => return fallback(by_ref),
                    None => return ListStrategy::Replace,
                }
            }
            match n.get("properties").and_then(|p| p.get(key)) {
                Some(next) => node = next,
                None => return ListStrategy::Replace,
            }
        }
        let n = match self.resolve(node) {
            Ok(n) => n,
            Err(by_ref) => return fallback(by_ref),
        };
        let merge = n
            .get("x-kubernetes-patch-strategy")
            .and_then(Value::as_str)
            .is_some_and(|s| s.split(',').any(|p| p == "merge"));
        if !merge {
            return ListStrategy::Replace;
        }
        let strings = |k: &str| -> Vec<String> {
            match n.get(k) {
                Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).map(str::to_string).collect(),
                Some(Value::String(s)) => vec![s.clone()],
                _ => Vec::new(),
            }
        };
        let list_keys = strings("x-kubernetes-list-map-keys");
        if !list_keys.is_empty() {
            return ListStrategy::Dynamic(list_keys);
        }
        let key = strings("x-kubernetes-patch-merge-key");
        if key.is_empty() {
            ListStrategy::Primitive
        } else {
            ListStrategy::Dynamic(key)
        }
    }
}
