//! The manifests `install` applies and `bootstrap` commits: the CRDs (generated from
//! [`crate::api`]), the namespace, the controller's service account and RBAC, and the
//! Deployment that runs `flux-rs controller`. Pure: objects as JSON values.

use serde_json::{Value, json};

use crate::api;
use crate::api::meta::{COMPONENT_LABEL, component_labels};

/// Name of the controller Deployment and its service account.
pub const CONTROLLER_NAME: &str = "flux-rs-controller";
/// Default image registry (the image is `<registry>/flux-rs:<version>`).
pub const DEFAULT_REGISTRY: &str = "ghcr.io/flux-rs";
/// Port of `/metrics`.
pub const METRICS_PORT: u16 = 8080;
/// Port of `/healthz` and `/readyz`.
pub const HEALTH_PORT: u16 = 9440;
/// Port of the Receivers' webhooks.
pub const RECEIVER_PORT: u16 = 9292;
/// Mount path of the artifact storage volume.
pub const STORAGE_PATH: &str = "/data";

/// The crate version, which is the default controller image tag.
pub fn default_version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// What to generate.
#[derive(Clone, Debug)]
pub struct InstallOptions {
    /// Namespace the components are installed in.
    pub namespace: String,
    /// Image registry of the controller image.
    pub registry: String,
    /// Version (image tag) of the controller.
    pub version: String,
    /// Secret used to pull the image, if the registry is private.
    pub image_pull_secret: Option<String>,
    /// Whether the controller watches all namespaces (else only its own).
    pub watch_all_namespaces: bool,
    /// Controller log level.
    pub log_level: String,
}

impl Default for InstallOptions {
    fn default() -> Self {
        InstallOptions {
            namespace: "flux-system".into(),
            registry: DEFAULT_REGISTRY.into(),
            version: default_version().into(),
            image_pull_secret: None,
            watch_all_namespaces: true,
            log_level: "info".into(),
        }
    }
}

impl InstallOptions {
    /// The controller image reference.
    pub fn image(&self) -> String {
        format!("{}/flux-rs:{}", self.registry.trim_end_matches('/'), self.version)
    }
}

fn labels(opts: &InstallOptions, component: Option<&str>) -> Value {
    let mut l = component_labels(&opts.namespace, &opts.version);
    if let Some(c) = component {
        l.insert(COMPONENT_LABEL.to_string(), c.to_string());
    }
    json!(l)
}

/// All objects of an installation, in apply order.
pub fn install(opts: &InstallOptions) -> Vec<Value> {
    let ns = &opts.namespace;
    let mut objs = vec![json!({
        "apiVersion": "v1",
        "kind": "Namespace",
        "metadata": {"name": ns, "labels": labels(opts, None)},
    })];
    for crd in api::crds(ns, &opts.version) {
        objs.push(serde_json::to_value(crd).unwrap_or_default());
    }
    objs.extend([
        json!({
            "apiVersion": "v1",
            "kind": "ServiceAccount",
            "metadata": {"name": CONTROLLER_NAME, "namespace": ns, "labels": labels(opts, Some(CONTROLLER_NAME))},
        }),
        json!({
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "kind": "ClusterRole",
            "metadata": {"name": format!("crd-controller-{ns}"), "labels": labels(opts, None)},
            "rules": [
                {"apiGroups": ["source.toolkit.fluxcd.io", "kustomize.toolkit.fluxcd.io", "helm.toolkit.fluxcd.io", "notification.toolkit.fluxcd.io"], "resources": ["*"], "verbs": ["*"]},
                {"apiGroups": [""], "resources": ["namespaces", "secrets", "configmaps", "serviceaccounts"], "verbs": ["get", "list", "watch"]},
                {"apiGroups": [""], "resources": ["events"], "verbs": ["create", "patch"]},
                {"apiGroups": ["coordination.k8s.io"], "resources": ["leases"], "verbs": ["*"]},
            ],
        }),
        json!({
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "kind": "ClusterRoleBinding",
            "metadata": {"name": format!("crd-controller-{ns}"), "labels": labels(opts, None)},
            "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": format!("crd-controller-{ns}")},
            "subjects": [{"kind": "ServiceAccount", "name": CONTROLLER_NAME, "namespace": ns}],
        }),
        // Applying arbitrary manifests needs broad rights; tenants are confined by
        // `spec.serviceAccountName` impersonation, as upstream does.
        json!({
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "kind": "ClusterRoleBinding",
            "metadata": {"name": format!("cluster-reconciler-{ns}"), "labels": labels(opts, None)},
            "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "cluster-admin"},
            "subjects": [{"kind": "ServiceAccount", "name": CONTROLLER_NAME, "namespace": ns}],
        }),
        // Where webhooks reach the Receivers (named as upstream's Service).
        json!({
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": {"name": "webhook-receiver", "namespace": ns, "labels": labels(opts, Some(CONTROLLER_NAME))},
            "spec": {
                "type": "ClusterIP",
                "selector": {"app": CONTROLLER_NAME},
                "ports": [{"name": "http", "port": 80, "protocol": "TCP", "targetPort": "http-webhook"}],
            },
        }),
        deployment(opts),
    ]);
    objs
}

fn deployment(opts: &InstallOptions) -> Value {
    let mut args = vec![
        "controller".to_string(),
        format!("--watch-all-namespaces={}", opts.watch_all_namespaces),
        format!("--log-level={}", opts.log_level),
        "--log-encoding=json".to_string(),
        "--leader-elect".to_string(),
        format!("--storage-path={STORAGE_PATH}"),
        format!("--metrics-addr=:{METRICS_PORT}"),
        format!("--health-addr=:{HEALTH_PORT}"),
        format!("--receiver-addr=:{RECEIVER_PORT}"),
    ];
    if !opts.watch_all_namespaces {
        args.push(format!("--watch-namespace={}", opts.namespace));
    }
    let mut pod_spec = json!({
        "serviceAccountName": CONTROLLER_NAME,
        "terminationGracePeriodSeconds": 60,
        "nodeSelector": {"kubernetes.io/os": "linux"},
        "securityContext": {"runAsNonRoot": true, "fsGroup": 1337, "seccompProfile": {"type": "RuntimeDefault"}},
        "containers": [{
            "name": "manager",
            "image": opts.image(),
            "imagePullPolicy": "IfNotPresent",
            "args": args,
            "env": [{"name": "RUNTIME_NAMESPACE", "valueFrom": {"fieldRef": {"fieldPath": "metadata.namespace"}}}],
            "ports": [
                {"name": "http-prom", "containerPort": METRICS_PORT, "protocol": "TCP"},
                {"name": "healthz", "containerPort": HEALTH_PORT, "protocol": "TCP"},
                {"name": "http-webhook", "containerPort": RECEIVER_PORT, "protocol": "TCP"},
            ],
            "livenessProbe": {"httpGet": {"path": "/healthz", "port": "healthz"}},
            "readinessProbe": {"httpGet": {"path": "/readyz", "port": "healthz"}},
            "resources": {"limits": {"cpu": "1000m", "memory": "1Gi"}, "requests": {"cpu": "100m", "memory": "64Mi"}},
            "securityContext": {
                "allowPrivilegeEscalation": false,
                "readOnlyRootFilesystem": true,
                "runAsNonRoot": true,
                "runAsUser": 65532,
                "capabilities": {"drop": ["ALL"]},
                "seccompProfile": {"type": "RuntimeDefault"},
            },
            "volumeMounts": [{"name": "data", "mountPath": STORAGE_PATH}, {"name": "temp", "mountPath": "/tmp"}],
        }],
        "volumes": [{"name": "data", "emptyDir": {}}, {"name": "temp", "emptyDir": {}}],
    });
    if let Some(secret) = &opts.image_pull_secret {
        pod_spec["imagePullSecrets"] = json!([{"name": secret}]);
    }
    json!({
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": CONTROLLER_NAME, "namespace": opts.namespace, "labels": labels(opts, Some(CONTROLLER_NAME))},
        "spec": {
            "replicas": 1,
            "selector": {"matchLabels": {"app": CONTROLLER_NAME}},
            "template": {
                "metadata": {
                    "labels": {"app": CONTROLLER_NAME},
                    "annotations": {"prometheus.io/scrape": "true", "prometheus.io/port": METRICS_PORT.to_string()},
                },
                "spec": pod_spec,
            },
        },
    })
}

/// The installation as one YAML stream, with the "generated, do not edit" header that
/// `bootstrap` commits as `gotk-components.yaml`.
pub fn to_yaml(opts: &InstallOptions) -> String {
    let mut out = format!(
        "---\n# This manifest was generated by flux-rs. DO NOT EDIT.\n# flux-rs Version: {}\n# Components: {CONTROLLER_NAME}\n",
        opts.version
    );
    out.push_str(&crate::yaml::to_string_multi(&install(opts)));
    out
}

/// What `bootstrap` commits as `gotk-sync.yaml`: the GitRepository and Kustomization that make
/// the cluster sync itself from the repository.
#[derive(Clone, Debug)]
pub struct SyncOptions {
    /// Name and namespace of both objects (`flux-system`).
    pub namespace: String,
    /// Repository URL the cluster fetches from.
    pub url: String,
    /// Branch to follow.
    pub branch: String,
    /// Secret with the deploy key (or token); `None` for repositories that need none
    /// (`file://`).
    pub secret_name: Option<String>,
    /// GitRepository interval (Go duration).
    pub interval: String,
    /// Path in the repository, normalised (`./clusters/prod`).
    pub path: String,
}

/// Normalises a repository path as upstream does: relative, `./`-prefixed, no trailing slash.
/// Absolute paths and `..` components are errors.
pub fn normalize_repo_path(path: &str) -> Result<String, InvalidRepoPath> {
    let trimmed = path.trim();
    if trimmed.starts_with('/') {
        return Err(InvalidRepoPath::Absolute {
            path: path.to_string(),
        });
    }
    let mut parts = Vec::new();
    for part in trimmed.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                return Err(InvalidRepoPath::Parent {
                    path: path.to_string(),
                });
            }
            p => parts.push(p),
        }
    }
    if parts.is_empty() {
        Ok("./".to_string())
    } else {
        Ok(format!("./{}", parts.join("/")))
    }
}

/// Why a path cannot name a directory of the repository.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum InvalidRepoPath {
    /// An absolute path.
    #[error("path {path:?} must be relative to the repository root")]
    Absolute {
        /// The path given.
        path: String,
    },
    /// A path with `..`.
    #[error("path {path:?} must not contain '..'")]
    Parent {
        /// The path given.
        path: String,
    },
}

/// The sync objects (GitRepository, then Kustomization).
pub fn sync(opts: &SyncOptions) -> Vec<Value> {
    let mut repo = json!({
        "apiVersion": "source.toolkit.fluxcd.io/v1",
        "kind": "GitRepository",
        "metadata": {"name": opts.namespace, "namespace": opts.namespace},
        "spec": {
            "interval": opts.interval,
            "ref": {"branch": opts.branch},
            "url": opts.url,
        },
    });
    if let Some(secret) = &opts.secret_name {
        repo["spec"]["secretRef"] = json!({"name": secret});
    }
    vec![
        repo,
        json!({
            "apiVersion": "kustomize.toolkit.fluxcd.io/v1",
            "kind": "Kustomization",
            "metadata": {"name": opts.namespace, "namespace": opts.namespace},
            "spec": {
                "interval": "10m0s",
                "path": opts.path,
                "prune": true,
                "sourceRef": {"kind": "GitRepository", "name": opts.namespace},
            },
        }),
    ]
}

/// `gotk-sync.yaml`: the header, then the sync objects.
pub fn sync_yaml(opts: &SyncOptions) -> String {
    let mut out = String::from("# This manifest was generated by flux-rs. DO NOT EDIT.\n---\n");
    out.push_str(&crate::yaml::to_string_multi(&sync(opts)));
    out
}

/// The `kustomization.yaml` generated next to the manifests when the directory has none.
pub fn kustomization_yaml(resources: &[&str]) -> String {
    crate::yaml::to_string(&json!({
        "apiVersion": "kustomize.config.k8s.io/v1beta1",
        "kind": "Kustomization",
        "resources": resources,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn install_has_every_component_labelled() {
        let opts = InstallOptions {
            registry: "registry.local/".into(),
            version: "1.2.3".into(),
            ..Default::default()
        };
        let objs = install(&opts);
        let kinds: Vec<&str> = objs.iter().map(|o| o["kind"].as_str().unwrap()).collect();
        assert_eq!(
            kinds,
            [
                "Namespace",
                "CustomResourceDefinition",
                "CustomResourceDefinition",
                "CustomResourceDefinition",
                "CustomResourceDefinition",
                "CustomResourceDefinition",
                "CustomResourceDefinition",
                "CustomResourceDefinition",
                "CustomResourceDefinition",
                "CustomResourceDefinition",
                "ServiceAccount",
                "ClusterRole",
                "ClusterRoleBinding",
                "ClusterRoleBinding",
                "Service",
                "Deployment"
            ]
        );
        for o in &objs {
            assert_eq!(
                o["metadata"]["labels"]["app.kubernetes.io/part-of"], "flux",
                "{}",
                o["kind"]
            );
            assert_eq!(
                o["metadata"]["labels"]["app.kubernetes.io/instance"],
                "flux-system"
            );
        }
        let dep = objs.last().unwrap();
        let c = &dep["spec"]["template"]["spec"]["containers"][0];
        assert_eq!(c["image"], "registry.local/flux-rs:1.2.3");
        assert_eq!(c["args"][0], "controller");
        assert_eq!(c["securityContext"]["readOnlyRootFilesystem"], true);
        assert!(
            c["ports"]
                .as_array()
                .unwrap()
                .iter()
                .all(|p| p["protocol"] == "TCP")
        );
    }

    #[test]
    fn repo_paths_normalise_like_upstream() {
        assert_eq!(normalize_repo_path("clusters/prod").unwrap(), "./clusters/prod");
        assert_eq!(
            normalize_repo_path("./clusters//prod/").unwrap(),
            "./clusters/prod"
        );
        assert_eq!(normalize_repo_path("").unwrap(), "./");
        assert!(
            normalize_repo_path("/abs")
                .unwrap_err()
                .to_string()
                .contains("relative")
        );
        assert!(
            normalize_repo_path("a/../b")
                .unwrap_err()
                .to_string()
                .contains("..")
        );
    }

    #[test]
    fn sync_manifests_match_upstream_layout() {
        let opts = SyncOptions {
            namespace: "flux-system".into(),
            url: "ssh://git@example.com/org/fleet".into(),
            branch: "main".into(),
            secret_name: Some("flux-system".into()),
            interval: "1m0s".into(),
            path: "./clusters/prod".into(),
        };
        let want = "\
# This manifest was generated by flux-rs. DO NOT EDIT.
---
apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata:
  name: flux-system
  namespace: flux-system
spec:
  interval: 1m0s
  ref:
    branch: main
  secretRef:
    name: flux-system
  url: ssh://git@example.com/org/fleet
---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: flux-system
  namespace: flux-system
spec:
  interval: 10m0s
  path: ./clusters/prod
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
";
        assert_eq!(sync_yaml(&opts), want);
        for obj in sync(&opts) {
            match obj["kind"].as_str().unwrap() {
                "GitRepository" => {
                    drop(<crate::api::GitRepository as crate::api::FluxObject>::parse(obj).unwrap());
                }
                _ => drop(<crate::api::Kustomization as crate::api::FluxObject>::parse(obj).unwrap()),
            }
        }
        assert_eq!(
            kustomization_yaml(&["gotk-components.yaml", "gotk-sync.yaml"]),
            "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- gotk-components.yaml\n- gotk-sync.yaml\n"
        );
    }

    #[test]
    fn the_dockerfile_matches_the_deployment() {
        let dockerfile = include_str!("../Dockerfile");
        let objs = install(&InstallOptions::default());
        let pod = &objs.last().unwrap()["spec"]["template"]["spec"];
        let c = &pod["containers"][0];
        assert!(
            c.get("command").is_none(),
            "the image's ENTRYPOINT runs the binary"
        );
        assert!(dockerfile.contains("ENTRYPOINT [\"/usr/local/bin/flux-rs\"]"));
        assert_eq!(c["args"][0], "controller");
        let user = c["securityContext"]["runAsUser"].as_i64().unwrap();
        assert!(
            dockerfile.contains(&format!("USER {user}:{user}")),
            "the image runs as runAsUser"
        );
        assert!(dockerfile.contains(&format!("EXPOSE {METRICS_PORT} {HEALTH_PORT} {RECEIVER_PORT}")));
        assert!(
            dockerfile.contains("FROM gcr.io/distroless/static-debian12:nonroot"),
            "static, non-root base"
        );
        let ports: Vec<i64> = c["ports"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["containerPort"].as_i64().unwrap())
            .collect();
        assert_eq!(
            ports,
            [
                i64::from(METRICS_PORT),
                i64::from(HEALTH_PORT),
                i64::from(RECEIVER_PORT)
            ]
        );
        assert_eq!(c["livenessProbe"]["httpGet"]["path"], "/healthz");
        assert_eq!(c["readinessProbe"]["httpGet"]["path"], "/readyz");
        let mounts: Vec<&str> = c["volumeMounts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["mountPath"].as_str().unwrap())
            .collect();
        assert_eq!(
            mounts,
            [STORAGE_PATH, "/tmp"],
            "writable emptyDirs on a read-only root"
        );
        let args: Vec<&str> = c["args"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap())
            .collect();
        assert!(args.contains(&format!("--storage-path={STORAGE_PATH}").as_str()));
        assert!(args.contains(&format!("--metrics-addr=:{METRICS_PORT}").as_str()));
        assert!(args.contains(&format!("--health-addr=:{HEALTH_PORT}").as_str()));
    }

    #[test]
    fn yaml_has_header_and_parses_back() {
        let text = to_yaml(&InstallOptions::default());
        assert!(text.starts_with("---\n# This manifest was generated by flux-rs. DO NOT EDIT.\n"));
        let docs = crate::yaml::from_str_json(&text).unwrap();
        assert_eq!(
            crate::yaml::to_string_multi(&docs),
            crate::yaml::to_string_multi(&install(&InstallOptions::default()))
        );
    }
}
