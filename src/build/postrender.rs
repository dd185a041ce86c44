//! Kustomize over objects held in memory: what helm-controller's kustomize post-renderer
//! does with a release's rendered manifests. The objects become the only resource
//! (`helm-output.yaml`) of a kustomization made of the given `patches` and `images`, in a
//! root of its own that holds nothing else, and are built by the same engine as
//! `flux-rs kustomize` (strategic-merge and JSON 6902 patches, target selectors, the images
//! transformer, kustomize's output order).

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;

use super::fs::{Files, Kind, Root};
use super::kfile::{ImageSpec, KustFile, PatchSpec};
use super::{Options, Result};

/// The virtual directory the build runs in.
const DIR: &str = "/flux-rs-post-render";
/// The name of the input file, as helm-controller names it.
pub const INPUT: &str = "helm-output.yaml";

/// A directory holding one file, in memory.
#[derive(Debug)]
struct OneFile {
    dir: PathBuf,
    files: BTreeMap<String, Vec<u8>>,
}

impl OneFile {
    fn name_in_dir<'a>(&'a self, path: &'a Path) -> Option<&'a str> {
        (path.parent() == Some(self.dir.as_path()))
            .then(|| path.file_name().and_then(|n| n.to_str()))
            .flatten()
    }
}

impl Files for OneFile {
    fn kind(&self, path: &Path) -> Kind {
        if path == self.dir {
            return Kind::Dir;
        }
        match self.name_in_dir(path) {
            Some(n) if self.files.contains_key(n) => Kind::File,
            _ => Kind::Missing,
        }
    }

    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        self.name_in_dir(path)
            .and_then(|n| self.files.get(n))
            .cloned()
            .ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))
    }

    fn list(&self, dir: &Path) -> io::Result<Vec<String>> {
        if dir == self.dir {
            Ok(self.files.keys().cloned().collect())
        } else {
            Err(io::Error::from(io::ErrorKind::NotFound))
        }
    }

    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        match self.kind(path) {
            Kind::Missing => Err(io::Error::from(io::ErrorKind::NotFound)),
            _ => Ok(path.to_path_buf()),
        }
    }
}

/// Builds `manifests` (multi-document YAML) with `patches` and `images` applied, as
/// `kustomize build` builds a kustomization listing them as its only resource. Patches
/// must be inline (`patch`); the objects come back in kustomize's order.
pub fn kustomize_manifests(
    manifests: &str,
    patches: Vec<PatchSpec>,
    images: Vec<ImageSpec>,
) -> Result<Vec<Value>> {
    let dir = PathBuf::from(DIR);
    let files = OneFile {
        dir: dir.clone(),
        files: BTreeMap::from([(INPUT.to_string(), manifests.as_bytes().to_vec())]),
    };
    let root = Root::with_files(&dir, Arc::new(files), None)?;
    let kf = KustFile {
        api_version: Some("kustomize.config.k8s.io/v1beta1".into()),
        kind: Some("Kustomization".into()),
        resources: vec![INPUT.to_string()],
        patches,
        images,
        ..KustFile::default()
    };
    super::target::build(&root, &dir, &Options::default(), Some(kf))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::build::kfile::Selector;

    const MANIFESTS: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: apps\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: nginx:1.0\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: conf\n  namespace: apps\ndata:\n  a: \"1\"\n";

    #[test]
    fn patches_and_images_apply_in_memory() {
        let out = kustomize_manifests(
            MANIFESTS,
            vec![
                PatchSpec {
                    patch: Some("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: conf\n  namespace: apps\ndata:\n  b: two\n".into()),
                    ..PatchSpec::default()
                },
                PatchSpec {
                    patch: Some("- op: add\n  path: /metadata/labels\n  value: {patched: \"yes\"}\n".into()),
                    target: Some(Selector {
                        kind: Some("Deployment".into()),
                        ..Selector::default()
                    }),
                    ..PatchSpec::default()
                },
            ],
            vec![ImageSpec {
                name: "nginx".into(),
                new_tag: Some("1.25".into()),
                ..ImageSpec::default()
            }],
        )
        .unwrap();
        // kustomize's order: ConfigMap before Deployment.
        assert_eq!(out[0]["data"], json!({"a": "1", "b": "two"}));
        assert_eq!(out[1]["metadata"]["labels"], json!({"patched": "yes"}));
        assert_eq!(
            out[1]["spec"]["template"]["spec"]["containers"][0]["image"],
            "nginx:1.25"
        );
    }

    #[test]
    fn a_patch_naming_no_object_is_an_error() {
        let e = kustomize_manifests(
            MANIFESTS,
            vec![PatchSpec {
                patch: Some("apiVersion: v1\nkind: Secret\nmetadata:\n  name: nope\n".into()),
                ..PatchSpec::default()
            }],
            vec![],
        )
        .unwrap_err();
        assert!(e.to_string().contains("nope"), "{e}");
        assert!(kustomize_manifests("a: [", vec![], vec![]).is_err());
    }
}
