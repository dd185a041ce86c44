//! Building manifests: a native kustomize engine and the Flux layer on top of it.
//!
//! Pure: no tokio, no Kubernetes client. Everything it reads comes from one root directory
//! ([`fs::Root`]); everything it returns is JSON values in kustomize's output order.
//!
//! # Library API
//!
//! * [`kustomize`]`(fs_root, dir, &Options)` builds the kustomization in `dir` exactly as
//!   `kustomize build` / `kubectl kustomize` (v5.5.0) does and returns the objects.
//!   [`render`] prints them as `kubectl kustomize` does (multi-document YAML).
//! * [`flux::build`]`(source_root, &api::Kustomization, &vars, &FluxOptions)` is what
//!   kustomize-controller does with a Kustomization: generate a kustomization when the path
//!   has none, apply the spec's transforms (targetNamespace, namePrefix/Suffix, patches,
//!   images, components), build, run `postBuild` substitution and add `commonMetadata`
//!   and the owner labels. The one-shot reconcile, `diff`, `bootstrap` and the controller
//!   all call it.
//!
//! # How a build runs (kustomize's algorithm)
//!
//! For a kustomization directory: load `resources` (files, multi-document files, `List`
//! kinds, directories recursively), then `components` (each transforms what was
//! accumulated so far), then the generators (`configMapGenerator`, `secretGenerator`,
//! with `behavior` create/merge/replace), then the transformers in kustomize's order:
//! strategic-merge patches, `patches`, `namespace`, `namePrefix`, `nameSuffix`,
//! `commonLabels`/`labels`, `commonAnnotations`, JSON 6902 patches, `replicas`, `images`.
//! At the top only: generated names get their content hash, references to renamed objects
//! are fixed up ([`nameref`]), objects are sorted (`sortOptions`, legacy order by default)
//! and `buildMetadata` is applied.
//!
//! Values are JSON from the moment they are read (go-yaml v3 typing, as kustomize's
//! `RNode → JSON` output path types them), and printed by [`crate::yaml`]'s emitter.

pub mod config;
pub mod flux;
pub mod fs;
pub mod generate;
pub mod jsonpatch;
pub mod kfile;
pub mod merge;
pub mod nameref;
pub mod openapi;
pub mod postrender;
pub mod remote;
pub mod replace;
pub mod resource;
#[cfg(test)]
mod sops_tests;
pub mod subst;
mod target;
pub mod transform;
pub mod vars;

/// Kubernetes label selectors (`a=b,c!=d,e in (x,y),!f,g`), parsed and matched as
/// kustomize's targets select; shared with the HelmRelease drift detection's ignore rules.
pub(crate) use target::{Req as SelectorRequirement, matches_selector, parse_selector};

use std::path::Path;

use serde_json::Value;

use crate::object::ObjectRef;

/// Errors of a build.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or directory could not be read.
    #[error("{path}: {message}")]
    Io {
        /// The path (relative to the root when inside it).
        path: String,
        /// What failed.
        message: String,
    },
    /// Invalid YAML.
    #[error("{file}:{line}:{col}: {message}{}", .referenced_by.as_ref().map(|k| format!(" (referenced by {k})")).unwrap_or_default())]
    Yaml {
        /// File.
        file: String,
        /// Line (1-based).
        line: usize,
        /// Column (1-based).
        col: usize,
        /// What is wrong.
        message: String,
        /// The kustomization that referenced the file.
        referenced_by: Option<String>,
    },
    /// An invalid kustomization file.
    #[error("{file}: {message}")]
    Kustomization {
        /// The kustomization file.
        file: String,
        /// What is wrong.
        message: String,
    },
    /// A path outside the root.
    #[error("{file}: security: {message}")]
    Security {
        /// The kustomization file.
        file: String,
        /// What is wrong.
        message: String,
    },
    /// A remote Git base in a build that does not allow them.
    #[error(
        "{file}: remote base {reference:?} is not allowed: remote bases are off by default, pass --allow-remote-bases to fetch it"
    )]
    Remote {
        /// The kustomization file.
        file: String,
        /// The remote reference.
        reference: String,
    },
    /// A plain http(s) file URL, which flux-rs never downloads.
    #[error(
        "{file}: {reference:?}: remote file URLs are not supported (only Git bases are fetched, with --allow-remote-bases)"
    )]
    RemoteFile {
        /// The kustomization file.
        file: String,
        /// The URL.
        reference: String,
    },
    /// A remote Git base that could not be fetched or built.
    #[error("{file}: remote base {reference:?}: {message}")]
    InRemote {
        /// The kustomization file that names the base.
        file: String,
        /// The remote reference.
        reference: String,
        /// What failed (paths are relative to the base's checkout).
        message: String,
    },
    /// A kustomize feature flux-rs does not implement.
    #[error("{file}: {feature} is not supported by flux-rs")]
    Unsupported {
        /// The kustomization file.
        file: String,
        /// The feature (field name).
        feature: String,
    },
    /// A problem with one object.
    #[error("{object}: {message}")]
    Object {
        /// The object.
        object: Box<ObjectRef>,
        /// What is wrong.
        message: String,
    },
    /// Post-build variable substitution failed.
    #[error("{object}: variable substitution failed: {message}")]
    Substitute {
        /// The object.
        object: Box<ObjectRef>,
        /// What is wrong.
        message: String,
    },
    /// A SOPS-encrypted file that cannot be decrypted (wrong or missing key, tampered
    /// file); the message never contains a value.
    #[error("{file}: SOPS decryption failed: {message}")]
    Decrypt {
        /// The encrypted file.
        file: String,
        /// Why.
        message: String,
    },
    /// A `postBuild.substitute` variable name kustomize-controller refuses.
    #[error("postBuild: '{name}' var name is invalid, must match '^[_[:alpha:]][_[:alpha:][:digit:]]*$'")]
    VarName {
        /// The name.
        name: String,
    },
    /// An ignore pattern (`.sourceignore`, `spec.ignore`) that cannot be compiled.
    #[error("invalid ignore pattern{}: {source}", pattern.as_ref().map_or_else(|| "s".into(), |p| format!(" {p:?}")))]
    Ignore {
        /// The pattern, when one line is at fault.
        pattern: Option<String>,
        /// The matcher's error.
        #[source]
        source: ignore::Error,
    },
    /// A strategic merge patch without a target that names no single object.
    #[error("{patch}: {reason}")]
    PatchTarget {
        /// The patch (file or inline).
        patch: String,
        /// Why it has no single target.
        reason: String,
    },
    /// A `vars` entry whose object or field is missing.
    #[error("{}", match field_missing {
        false => format!("var '{name}' cannot be mapped to a field in the set of known resources"),
        true => format!("field specified in var '{name}' not found in corresponding resource"),
    })]
    Var {
        /// The var's name.
        name: String,
        /// Its object was found but not the field.
        field_missing: bool,
    },
}

/// Result of this module.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Which files a kustomization may read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LoadRestrictions {
    /// kustomize's default (`LoadRestrictionsRootOnly`): resource, patch and generator files
    /// must be in or below the directory of the kustomization that names them (directories
    /// with a kustomization may be anywhere under the root).
    #[default]
    RootOnly,
    /// Any file under the root (what kustomize-controller allows).
    None,
}

/// Options of a build.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// File restrictions.
    pub load_restrictions: LoadRestrictions,
    /// Fetches remote Git bases; `None` (the default): a remote base is an error naming it
    /// and `--allow-remote-bases`.
    pub remote_bases: Option<std::sync::Arc<dyn remote::Loader>>,
}

/// Builds the kustomization in `dir` (which must be inside `fs_root`) as kustomize does.
pub fn kustomize(fs_root: &Path, dir: &Path, opts: &Options) -> Result<Vec<Value>> {
    let root = fs::Root::new(fs_root)?;
    let dir = root.resolve(root.path(), &dir_reference(&root, dir)?, ".", "directory")?;
    target::build(&root, &dir, opts, None)
}

/// `dir` as a path relative to the root, for [`fs::Root::resolve`].
fn dir_reference(root: &fs::Root, dir: &Path) -> Result<String> {
    let abs = if dir.is_absolute() {
        dir.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| Error::Io {
                path: ".".into(),
                message: e.to_string(),
            })?
            .join(dir)
    };
    let abs = abs.canonicalize().map_err(|e| Error::Io {
        path: dir.display().to_string(),
        message: e.to_string(),
    })?;
    match abs.strip_prefix(root.path()) {
        Ok(rel) if rel.as_os_str().is_empty() => Ok(".".into()),
        Ok(rel) => Ok(rel.display().to_string()),
        Err(_) => Err(Error::Security {
            file: dir.display().to_string(),
            message: format!(
                "{} is outside the root directory {}",
                abs.display(),
                root.path().display()
            ),
        }),
    }
}

/// Prints objects as `kubectl kustomize` does: YAML documents separated by `---`.
pub fn render(objects: &[Value]) -> String {
    crate::yaml::to_string_multi(objects)
}
