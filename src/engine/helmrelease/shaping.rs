//! What shapes a release beyond the chart and its values, as helm-controller handles it:
//!
//! * the CRD policies of `spec.install.crds` and `spec.upgrade.crds`: before the release's
//!   objects, the chart's `crds/` CustomResourceDefinitions are created (`Create`: only those
//!   missing), created and updated (`CreateReplace`), or left alone (`Skip`), and waited for
//!   to be established. helm-controller defaults both actions to `Create` (its CRD policy
//!   default, whatever the action; its API documentation says `Skip` for upgrades, its code
//!   creates missing CRDs); the deprecated `install.skipCRDs` means `Skip` when `crds` is
//!   not set, as helm-controller mapped it while it read the field.
//! * the digests of `spec.postRenderers` and `spec.commonMetadata` recorded in the status
//!   after a release (`observedPostRenderersDigest`, `observedCommonMetadataDigest`): a
//!   change of either is an upgrade even when the chart and the values are unchanged.

use k8s_openapi::apiextensions_apiserver::pkg::apis::apiextensions::v1::CustomResourceDefinition;
use kube::Client;
use kube::api::Api;
use serde_json::Value;

use super::helm_render;
use crate::api::helmrelease::{HelmRelease, HelmReleaseStatus};
use crate::apply::{ApplyOptions, ChangeSet, Manager};
use crate::cluster;

/// A CRD policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum CrdPolicy {
    /// Neither create nor update.
    Skip,
    /// Create the missing ones.
    Create,
    /// Create the missing ones and update the others.
    CreateReplace,
}

/// The CRD policy of the action (`upgrade` or install).
pub(super) fn crd_policy(hr: &HelmRelease, upgrade: bool) -> Result<CrdPolicy, String> {
    let (field, set) = if upgrade {
        (
            "spec.upgrade.crds",
            hr.spec.upgrade.as_ref().and_then(|u| u.crds.clone()),
        )
    } else {
        let install = hr.spec.install.as_ref();
        let legacy = install.is_some_and(|i| i.skip_crds).then(|| "Skip".to_string());
        (
            "spec.install.crds",
            install.and_then(|i| i.crds.clone()).or(legacy),
        )
    };
    match set.as_deref().unwrap_or("") {
        "" | "Create" => Ok(CrdPolicy::Create),
        "Skip" => Ok(CrdPolicy::Skip),
        "CreateReplace" => Ok(CrdPolicy::CreateReplace),
        other => Err(format!(
            "{field}: invalid CRD policy '{other}', valid values are 'Skip', 'Create' or 'CreateReplace'"
        )),
    }
}

/// Applies the chart's CRDs by `policy` with `client` (the acting one) and waits for the
/// ones written to be established. Returns what was written.
pub(super) async fn apply_crds(
    client: &Client,
    manager: &Manager,
    crds: &[Value],
    policy: CrdPolicy,
    opts: &ApplyOptions,
) -> Result<ChangeSet, String> {
    let wanted: Vec<Value> = match policy {
        CrdPolicy::Skip => return Ok(ChangeSet::default()),
        CrdPolicy::CreateReplace => crds.to_vec(),
        CrdPolicy::Create => {
            let api: Api<CustomResourceDefinition> = Api::all(client.clone());
            let mut missing = Vec::new();
            for crd in crds {
                let name = crd["metadata"]["name"].as_str().unwrap_or_default();
                let found = cluster::retry(|| api.get_opt(name)).await.map_err(|e| {
                    format!(
                        "failed to get CustomResourceDefinition {name}: {}",
                        cluster::describe(&e)
                    )
                })?;
                if found.is_none() {
                    missing.push(crd.clone());
                }
            }
            missing
        }
    };
    if wanted.is_empty() {
        return Ok(ChangeSet::default());
    }
    manager
        .apply_all_staged(wanted, opts)
        .await
        .map_err(|e| format!("failed to apply CustomResourceDefinitions: {e}"))
}

/// Whether the post-renderers or the common metadata differ from those of the last release.
pub(super) fn post_render_changed(hr: &HelmRelease, status: &HelmReleaseStatus) -> bool {
    helm_render::post_renderers_digest(hr.spec.post_renderers.as_ref())
        != status.observed_post_renderers_digest
        || helm_render::common_metadata_digest(hr.spec.common_metadata.as_ref())
            != status.observed_common_metadata_digest
}

/// Records the digests of the post-renderers and common metadata released.
pub(super) fn observe_post_render(hr: &HelmRelease, status: &mut HelmReleaseStatus) {
    status.observed_post_renderers_digest =
        helm_render::post_renderers_digest(hr.spec.post_renderers.as_ref());
    status.observed_common_metadata_digest =
        helm_render::common_metadata_digest(hr.spec.common_metadata.as_ref());
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn hr(spec: &Value) -> HelmRelease {
        let mut s = json!({"interval": "5m"});
        s.as_object_mut()
            .unwrap()
            .extend(spec.as_object().unwrap().clone());
        serde_json::from_value(json!({
            "apiVersion": "helm.toolkit.fluxcd.io/v2", "kind": "HelmRelease",
            "metadata": {"name": "a", "namespace": "n"}, "spec": s,
        }))
        .unwrap()
    }

    #[test]
    fn crd_policies_as_helm_controller() {
        let none = hr(&json!({}));
        assert_eq!(crd_policy(&none, false), Ok(CrdPolicy::Create));
        assert_eq!(crd_policy(&none, true), Ok(CrdPolicy::Create));
        let legacy = hr(&json!({"install": {"skipCRDs": true}}));
        assert_eq!(crd_policy(&legacy, false), Ok(CrdPolicy::Skip));
        let both = hr(&json!({"install": {"skipCRDs": true, "crds": "CreateReplace"}}));
        assert_eq!(
            crd_policy(&both, false),
            Ok(CrdPolicy::CreateReplace),
            "crds wins"
        );
        let up = hr(&json!({"upgrade": {"crds": "Skip"}}));
        assert_eq!(crd_policy(&up, true), Ok(CrdPolicy::Skip));
        let bad = hr(&json!({"upgrade": {"crds": "Always"}}));
        assert!(
            crd_policy(&bad, true)
                .unwrap_err()
                .starts_with("spec.upgrade.crds: invalid")
        );
    }

    #[test]
    fn post_render_digests_decide_an_upgrade() {
        let plain = hr(&json!({}));
        let mut st = HelmReleaseStatus::default();
        assert!(!post_render_changed(&plain, &st));
        let shaped = hr(
            &json!({"postRenderers": [{"kustomize": {"images": [{"name": "a", "newTag": "1"}]}}],
            "commonMetadata": {"labels": {"x": "y"}}}),
        );
        assert!(post_render_changed(&shaped, &st));
        observe_post_render(&shaped, &mut st);
        assert!(
            st.observed_post_renderers_digest
                .as_deref()
                .unwrap()
                .starts_with("sha256:")
        );
        assert!(!post_render_changed(&shaped, &st), "unchanged: in sync");
        let retagged = hr(
            &json!({"postRenderers": [{"kustomize": {"images": [{"name": "a", "newTag": "2"}]}}],
            "commonMetadata": {"labels": {"x": "y"}}}),
        );
        assert!(post_render_changed(&retagged, &st));
        assert!(post_render_changed(&plain, &st), "removed: an upgrade too");
        observe_post_render(&plain, &mut st);
        let patch = super::super::remediation::status_patch(&st);
        assert_eq!(patch["observedPostRenderersDigest"], Value::Null);
        assert!(
            patch
                .as_object()
                .unwrap()
                .contains_key("observedCommonMetadataDigest")
        );
    }
}
