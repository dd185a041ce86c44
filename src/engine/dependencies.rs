//! `dependsOn`: a Kustomization is applied only when every Kustomization it depends on is
//! ready for its current generation (and, when both build from the same source, has applied
//! that source's current revision), as kustomize-controller decides it; a HelmRelease is
//! installed or upgraded only when every HelmRelease it depends on is ready for its current
//! generation, as helm-controller decides it.
//!
//! This module is the one place that decides it: [`readiness`] is called by the Kustomization
//! engine before it applies anything, by the controller before it calls the engine (from its
//! cache), and by the CLI's nested reconciliation to order a tree of Kustomizations;
//! [`release_readiness`] by the HelmRelease engine before it touches the release.

use kube::Client;
use kube::api::Api;
use kube::core::NamespaceResourceScope;
use serde::de::DeserializeOwned;

use crate::api::kustomize::DependencyReference;
use crate::api::{HelmRelease, Kustomization};
use crate::cluster;

/// Whether a Kustomization's dependencies let it be reconciled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Readiness {
    /// Every dependency is ready.
    Ready,
    /// It must wait: why.
    Waiting(String),
}

/// A dependency could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{kind}/{namespace}/{name}: {}", cluster::describe(source))]
pub struct ReadError {
    /// Kind of the dependency.
    pub kind: &'static str,
    /// Namespace of the dependency.
    pub namespace: String,
    /// Name of the dependency.
    pub name: String,
    /// The client's error.
    #[source]
    pub source: Box<kube::Error>,
}

/// Reads the dependencies of `dependent` — through `cached` first (the controller's caches),
/// else from the API server — and checks them with [`check`]. `source_revision` is the
/// current artifact revision of `dependent`'s source, when known.
pub async fn readiness(
    client: &Client,
    dependent: &Kustomization,
    source_revision: Option<&str>,
    cached: &(dyn Fn(&str, &str) -> Option<Kustomization> + Send + Sync),
) -> Result<Readiness, ReadError> {
    let deps = dependent.spec.depends_on.as_deref().unwrap_or_default();
    let found = fetch(
        client,
        "Kustomization",
        dependent.metadata.namespace.as_deref(),
        deps,
        cached,
    )
    .await?;
    Ok(match check(dependent, &found, source_revision) {
        Ok(()) => Readiness::Ready,
        Err(why) => Readiness::Waiting(why),
    })
}

/// Reads the dependencies of a HelmRelease (each a HelmRelease) — through `cached` first,
/// else from the API server — and checks them with [`check_releases`].
pub async fn release_readiness(
    client: &Client,
    dependent: &HelmRelease,
    cached: &(dyn Fn(&str, &str) -> Option<HelmRelease> + Send + Sync),
) -> Result<Readiness, ReadError> {
    let deps = dependent.spec.depends_on.as_deref().unwrap_or_default();
    let found = fetch(
        client,
        "HelmRelease",
        Some(dependent.own_namespace()),
        deps,
        cached,
    )
    .await?;
    Ok(match check_releases(dependent, &found) {
        Ok(()) => Readiness::Ready,
        Err(why) => Readiness::Waiting(why),
    })
}

/// Each dependency as it exists in the cluster (`None` when it does not), in `deps` order.
async fn fetch<K>(
    client: &Client,
    kind: &'static str,
    dependent_ns: Option<&str>,
    deps: &[DependencyReference],
    cached: &(dyn Fn(&str, &str) -> Option<K> + Send + Sync),
) -> Result<Vec<(DependencyReference, Option<K>)>, ReadError>
where
    K: kube::Resource<Scope = NamespaceResourceScope, DynamicType = ()>
        + Clone
        + std::fmt::Debug
        + DeserializeOwned,
{
    let mut found = Vec::with_capacity(deps.len());
    for dep in deps {
        let (ns, name) = key_in(dependent_ns, dep);
        let live = if let Some(k) = cached(&ns, &name) {
            Some(k)
        } else {
            let api: Api<K> = Api::namespaced(client.clone(), &ns);
            crate::cluster::retry(|| api.get_opt(&name))
                .await
                .map_err(|e| ReadError {
                    kind,
                    namespace: ns.clone(),
                    name: name.clone(),
                    source: Box::new(e),
                })?
        };
        found.push((dep.clone(), live));
    }
    Ok(found)
}

/// No cache: every dependency is read from the API server.
pub fn uncached<K>(_namespace: &str, _name: &str) -> Option<K> {
    None
}

/// `(namespace, name)` of a dependency, its namespace defaulting to the dependent's.
pub fn dependency_key(dependent: &Kustomization, dep: &DependencyReference) -> (String, String) {
    key_in(dependent.metadata.namespace.as_deref(), dep)
}

fn key_in(dependent_ns: Option<&str>, dep: &DependencyReference) -> (String, String) {
    let ns = dep
        .namespace
        .as_deref()
        .filter(|n| !n.is_empty())
        .or(dependent_ns)
        .unwrap_or_default();
    (ns.to_string(), dep.name.clone())
}

/// What every kind's dependency must be: no `readyExpr`, present, not being deleted, Ready
/// at its current generation (`ready`).
fn present_and_ready(
    ns: &str,
    name: &str,
    dep: &DependencyReference,
    live: Option<(bool, bool)>,
) -> Result<(), String> {
    if dep.ready_expr.is_some() {
        return Err(format!(
            "dependency '{ns}/{name}': readyExpr (CEL) is not supported by flux-rs; remove it to use the Ready condition"
        ));
    }
    let Some((deleting, ready)) = live else {
        return Err(format!("dependency '{ns}/{name}' not found"));
    };
    if deleting {
        return Err(format!("dependency '{ns}/{name}' is being deleted"));
    }
    if !ready {
        return Err(format!("dependency '{ns}/{name}' is not ready"));
    }
    Ok(())
}

/// Checks the dependencies of a HelmRelease: each must exist, not be being deleted and be
/// Ready at its current generation. `Err` says why it must wait.
pub fn check_releases(
    dependent: &HelmRelease,
    found: &[(DependencyReference, Option<HelmRelease>)],
) -> Result<(), String> {
    for (dep, live) in found {
        let (ns, name) = key_in(Some(dependent.own_namespace()), dep);
        let live = live
            .as_ref()
            .map(|l| (l.metadata.deletion_timestamp.is_some(), l.is_ready()));
        present_and_ready(&ns, &name, dep, live)?;
    }
    Ok(())
}

fn same_source(a: &Kustomization, b: &Kustomization) -> bool {
    a.spec.source_ref.kind == b.spec.source_ref.kind
        && a.spec.source_ref.name == b.spec.source_ref.name
        && a.source_namespace() == b.source_namespace()
}

/// Checks the dependencies of `dependent`. `found` holds each dependency (in `dependsOn`
/// order) as it exists in the cluster, `None` when it does not; `source_revision` is the
/// current artifact revision of `dependent`'s source, when known. `Err` says why it must wait.
pub fn check(
    dependent: &Kustomization,
    found: &[(DependencyReference, Option<Kustomization>)],
    source_revision: Option<&str>,
) -> Result<(), String> {
    for (dep, live) in found {
        let (ns, name) = dependency_key(dependent, dep);
        let state = live
            .as_ref()
            .map(|l| (l.metadata.deletion_timestamp.is_some(), l.is_ready()));
        present_and_ready(&ns, &name, dep, state)?;
        let Some(live) = live else { continue };
        if same_source(dependent, live)
            && let Some(rev) = source_revision
        {
            let applied = live
                .status
                .as_ref()
                .and_then(|s| s.last_applied_revision.as_deref());
            if applied != Some(rev) {
                return Err(format!(
                    "dependency '{ns}/{name}' is not ready: it has not applied revision {rev} of the shared source yet"
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ks(v: &serde_json::Value) -> Kustomization {
        let mut base = json!({
            "apiVersion": "kustomize.toolkit.fluxcd.io/v1", "kind": "Kustomization",
            "metadata": {"name": "x", "namespace": "apps", "generation": 1},
            "spec": {"interval": "5m", "prune": true, "sourceRef": {"kind": "GitRepository", "name": "repo"}},
        });
        for (k, val) in v.as_object().unwrap() {
            for (kk, vv) in val.as_object().unwrap() {
                base[k][kk] = vv.clone();
            }
        }
        serde_json::from_value(base).unwrap()
    }

    fn ready(rev: &str) -> serde_json::Value {
        json!({"status": {"observedGeneration": 1, "lastAppliedRevision": rev, "conditions": [
            {"type": "Ready", "status": "True", "reason": "ReconciliationSucceeded", "message": "",
             "lastTransitionTime": "2025-01-01T00:00:00Z"}]}})
    }

    fn dep(name: &str, ns: Option<&str>) -> DependencyReference {
        DependencyReference {
            name: name.into(),
            namespace: ns.map(Into::into),
            ready_expr: None,
        }
    }

    #[test]
    fn every_dependency_must_be_ready() {
        let dependent = ks(&json!({"metadata": {"name": "b"}}));
        assert_eq!(
            dependency_key(&dependent, &dep("a", None)),
            ("apps".into(), "a".into())
        );
        assert_eq!(
            dependency_key(&dependent, &dep("a", Some("infra"))),
            ("infra".into(), "a".into())
        );

        let missing = [(dep("a", None), None)];
        assert_eq!(
            check(&dependent, &missing, None).unwrap_err(),
            "dependency 'apps/a' not found"
        );

        let not_ready = [(dep("a", None), Some(ks(&json!({"metadata": {"name": "a"}}))))];
        assert_eq!(
            check(&dependent, &not_ready, None).unwrap_err(),
            "dependency 'apps/a' is not ready"
        );

        let stale_generation =
            ks(&json!({"metadata": {"name": "a", "generation": 2}, "status": ready("r1")["status"]}));
        let r = check(&dependent, &[(dep("a", None), Some(stale_generation))], None);
        assert_eq!(
            r.unwrap_err(),
            "dependency 'apps/a' is not ready",
            "Ready for an older generation"
        );

        let ok = ks(&json!({"metadata": {"name": "a"}, "status": ready("r1")["status"]}));
        assert_eq!(
            check(&dependent, &[(dep("a", None), Some(ok.clone()))], Some("r1")),
            Ok(())
        );
        let r = check(&dependent, &[(dep("a", None), Some(ok.clone()))], Some("r2"));
        assert!(
            r.unwrap_err().contains("has not applied revision r2"),
            "same source, older revision"
        );

        let other_source = ks(
            &json!({"metadata": {"name": "a"}, "spec": {"sourceRef": {"kind": "GitRepository", "name": "other"}},
            "status": ready("x")["status"]}),
        );
        assert_eq!(
            check(&dependent, &[(dep("a", None), Some(other_source))], Some("r2")),
            Ok(())
        );

        let mut cel = dep("a", None);
        cel.ready_expr = Some("true".into());
        let r = check(&dependent, &[(cel, Some(ok))], None);
        assert!(r.unwrap_err().contains("readyExpr (CEL) is not supported"));
    }

    fn release(name: &str, generation: i64, observed: Option<i64>) -> HelmRelease {
        let mut v = json!({
            "apiVersion": "helm.toolkit.fluxcd.io/v2", "kind": "HelmRelease",
            "metadata": {"name": name, "namespace": "apps", "generation": generation},
            "spec": {"interval": "5m", "chartRef": {"kind": "OCIRepository", "name": "c"}},
        });
        if let Some(o) = observed {
            v["status"] = json!({"observedGeneration": o, "conditions": [
                {"type": "Ready", "status": "True", "reason": "InstallSucceeded", "message": "",
                 "lastTransitionTime": "2025-01-01T00:00:00Z"}]});
        }
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn a_release_waits_for_the_releases_it_depends_on() {
        let dependent = release("app", 1, None);
        assert_eq!(
            check_releases(&dependent, &[(dep("db", None), None)]).unwrap_err(),
            "dependency 'apps/db' not found"
        );
        assert_eq!(
            check_releases(
                &dependent,
                &[(dep("db", Some("data")), Some(release("db", 1, None)))]
            )
            .unwrap_err(),
            "dependency 'data/db' is not ready"
        );
        assert_eq!(
            check_releases(&dependent, &[(dep("db", None), Some(release("db", 2, Some(1))))]).unwrap_err(),
            "dependency 'apps/db' is not ready",
            "Ready for an older generation"
        );
        assert_eq!(
            check_releases(&dependent, &[(dep("db", None), Some(release("db", 2, Some(2))))]),
            Ok(())
        );
    }
}
