//! The files bootstrap keeps in the repository, as upstream lays them out:
//! `<path>/<namespace>/gotk-components.yaml` (the components, "generated, do not edit"),
//! `<path>/<namespace>/gotk-sync.yaml` (the GitRepository and Kustomization that make the
//! cluster sync itself) and `<path>/<namespace>/kustomization.yaml` (generated only when
//! absent, so user patches survive). Pure but for reading the directory.

use std::path::Path;

use crate::manifests::{self, InstallOptions, SyncOptions};

/// The components' file name.
pub const COMPONENTS_FILE: &str = "gotk-components.yaml";
/// The sync manifests' file name.
pub const SYNC_FILE: &str = "gotk-sync.yaml";
/// The kustomization's file name.
pub const KUSTOMIZATION_FILE: &str = "kustomization.yaml";

/// The directory of the manifests relative to the repository root, without `./`
/// (`clusters/prod/flux-system`; `flux-system` for the root path).
pub fn manifests_dir(path: &str, namespace: &str) -> String {
    let base = path.trim_start_matches("./").trim_matches('/');
    if base.is_empty() {
        namespace.to_string()
    } else {
        format!("{base}/{namespace}")
    }
}

/// `gotk-components.yaml`.
pub fn components(opts: &InstallOptions) -> String {
    manifests::to_yaml(opts)
}

/// `gotk-sync.yaml`.
pub fn sync(opts: &SyncOptions) -> String {
    manifests::sync_yaml(opts)
}

/// The `kustomization.yaml` upstream generates: every YAML file of the directory holding
/// Kubernetes objects (each document has `apiVersion` and `kind`), sorted; `extra` names
/// files about to be written.
pub fn kustomization(dir: &Path, extra: &[&str]) -> String {
    let mut resources: Vec<String> = extra.iter().map(|s| (*s).to_string()).collect();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let yaml = Path::new(&name)
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("yaml") || x.eq_ignore_ascii_case("yml"));
            if !yaml || name == KUSTOMIZATION_FILE || resources.contains(&name) || !e.path().is_file() {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(e.path()) else {
                continue;
            };
            let objects = crate::yaml::from_str_json(&text).unwrap_or_default();
            let all_objects = !objects.is_empty()
                && objects
                    .iter()
                    .all(|o| o.get("apiVersion").is_some() && o.get("kind").is_some());
            if all_objects {
                resources.push(name);
            }
        }
    }
    resources.sort();
    let refs: Vec<&str> = resources.iter().map(String::as_str).collect();
    manifests::kustomization_yaml(&refs)
}

/// The deploy key's name, as upstream names it: the non-empty parts of namespace, branch,
/// secret name and path joined with `-` (`flux-system-main-flux-system-./clusters/prod`).
pub fn deploy_key_name(namespace: &str, branch: &str, secret: &str, path: &str) -> String {
    let path = if path == "./" { "" } else { path };
    [namespace, branch, secret, path]
        .iter()
        .filter(|p| !p.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_and_names() {
        assert_eq!(
            manifests_dir("./clusters/prod", "flux-system"),
            "clusters/prod/flux-system"
        );
        assert_eq!(manifests_dir("./", "flux-system"), "flux-system");
        assert_eq!(
            deploy_key_name("flux-system", "main", "flux-system", "./clusters/prod"),
            "flux-system-main-flux-system-./clusters/prod"
        );
        assert_eq!(
            deploy_key_name("flux-system", "main", "flux-system", "./"),
            "flux-system-main-flux-system"
        );
    }

    #[test]
    fn kustomization_lists_the_manifests_of_the_directory() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            kustomization(dir.path(), &[COMPONENTS_FILE, SYNC_FILE]),
            "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- gotk-components.yaml\n- gotk-sync.yaml\n"
        );
        std::fs::write(
            dir.path().join("extra.yaml"),
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("values.yaml"), "replicas: 2\n").unwrap();
        std::fs::write(dir.path().join("notes.txt"), "apiVersion: v1\nkind: X\n").unwrap();
        let k = kustomization(dir.path(), &[COMPONENTS_FILE, SYNC_FILE]);
        assert!(
            k.ends_with("resources:\n- extra.yaml\n- gotk-components.yaml\n- gotk-sync.yaml\n"),
            "{k}"
        );
    }
}
