//! The render-only half of a HelmRelease reconciliation, shared by the engine and by `build`
//! and `diff helmrelease`: the values of `valuesFrom` read from the cluster, the one place a
//! [`RenderInput`] is made from a HelmRelease ([`render_input`]), and [`preview`], which
//! resolves the chart without writing anything to the cluster (no HelmChart applied, no
//! status written) and renders the release as the next reconciliation would.

use k8s_openapi::api::core::v1::{ConfigMap, Secret};
use kube::Client;
use kube::api::Api;

use super::{
    ChartArtifact, HelmChart, RenderFailure, RenderInput, Rendered, Stop, ValuesSource, current, helm_render,
    read_checked, records_with, resolve_chart, template_applied, template_chart_object,
};
use crate::api::FluxObject as _;
use crate::api::helmrelease::{
    ARTIFACT_FAILED, HelmRelease, INIT_FAILED, SOURCE_NOT_READY, UNSUPPORTED_FEATURE,
};
use crate::cluster;
use crate::helm::storage::{Record, status as rstatus};
use crate::source::SourceOptions;

/// Why a release could not be rendered: helm-controller's reason and a message naming the
/// object and field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenderError {
    /// `InitFailed`, `ArtifactFailed`, `SourceNotReady`, `UnsupportedFeature`, or
    /// `RenderFailed` for the templates.
    pub reason: &'static str,
    /// What went wrong.
    pub message: String,
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.reason, self.message)
    }
}

impl std::error::Error for RenderError {}

impl From<Stop> for RenderError {
    fn from(s: Stop) -> Self {
        RenderError {
            reason: s.reason,
            message: s.message,
        }
    }
}

impl From<RenderError> for Stop {
    fn from(e: RenderError) -> Self {
        Stop::failed(e.reason, e.message)
    }
}

/// Reason of a [`RenderError`] from the chart's templates.
pub const RENDER_FAILED: &str = "RenderFailed";

/// Whether releasing over `current` (the release's current record) is an upgrade: there is
/// one, and it is not uninstalled (kept with `uninstall.keepHistory`).
pub fn is_upgrade(current: Option<&Record>) -> bool {
    current.is_some_and(|c| c.info.status != rstatus::UNINSTALLED)
}

/// The one place a HelmRelease becomes a [`RenderInput`]: its chart archive, its
/// `valuesFrom` (as read by [`values_from`]) and `values` (over the current release's with
/// `upgrade.preserveValues`), release name, target namespace, whether the action is an
/// upgrade (a `current` release not uninstalled), `disableSchemaValidation` of that action.
/// Every field the render applies comes from here, so the engine and `build`/`diff
/// helmrelease` render the same release.
pub fn render_input(
    hr: &HelmRelease,
    chart: Vec<u8>,
    values_from: Vec<ValuesSource>,
    current: Option<&Record>,
) -> RenderInput {
    let upgrade = is_upgrade(current);
    let skip_schema_validation = if upgrade {
        hr.spec
            .upgrade
            .as_ref()
            .is_some_and(|u| u.disable_schema_validation)
    } else {
        hr.spec
            .install
            .as_ref()
            .is_some_and(|i| i.disable_schema_validation)
    };
    RenderInput {
        chart,
        values_from: super::upgrade_options::with_preserved_values(hr, current, upgrade, values_from),
        values: hr.spec.values.clone().unwrap_or_default(),
        release_name: hr.release_name(),
        namespace: hr.target_namespace().to_string(),
        is_upgrade: upgrade,
        // The chart's CRDs go by the CRD policy (`Rendered::crds`), not with the objects.
        include_crds: false,
        skip_schema_validation,
        ..RenderInput::default()
    }
    .post_rendered_as(hr)
}

/// Reads `valuesFrom` from the HelmRelease's namespace with `client`, in order: a missing
/// object or key is skipped when `optional`, else an `InitFailed` error naming the entry.
pub async fn values_from(client: &Client, hr: &HelmRelease) -> Result<Vec<ValuesSource>, RenderError> {
    let namespace = hr.own_namespace();
    let fail = |message: String| RenderError {
        reason: INIT_FAILED,
        message,
    };
    let mut out = Vec::new();
    for (i, v) in hr.spec.values_from.iter().flatten().enumerate() {
        let key = v
            .values_key
            .clone()
            .filter(|k| !k.is_empty())
            .unwrap_or_else(|| "values.yaml".into());
        let what = format!(
            "spec.valuesFrom[{i}]: {}/{namespace}/{} key {key}",
            v.kind, v.name
        );
        let fetched = if v.kind == "Secret" {
            let api: Api<Secret> = Api::namespaced(client.clone(), namespace);
            cluster::retry(|| api.get_opt(&v.name))
                .await
                .map(|o| o.and_then(|o| serde_json::to_value(o).ok()))
        } else {
            let api: Api<ConfigMap> = Api::namespaced(client.clone(), namespace);
            cluster::retry(|| api.get_opt(&v.name))
                .await
                .map(|o| o.and_then(|o| serde_json::to_value(o).ok()))
        };
        let obj = fetched.map_err(|e| fail(format!("{what}: {}", cluster::describe(&e))))?;
        let Some(obj) = obj else {
            if v.optional {
                continue;
            }
            return Err(fail(format!("{what}: not found")));
        };
        let Some(text) = helm_render::data_of(&obj, &v.kind, &key) else {
            if v.optional {
                continue;
            }
            return Err(fail(format!("{what}: no such key")));
        };
        out.push(ValuesSource {
            what,
            text,
            target_path: v.target_path.clone().filter(|p| !p.is_empty()),
            literal: v.literal,
        });
    }
    Ok(out)
}

/// The objects of the current release of `hr` (its newest release record's manifest, read
/// with `client`), or `None` when there is no release.
pub async fn release_objects(
    client: &Client,
    hr: &HelmRelease,
) -> Result<Option<Vec<cluster::ObjectRef>>, String> {
    let records = records_with(client, hr.storage_namespace(), &hr.release_name()).await?;
    let Some(cur) = current(&records).filter(|c| c.info.status != rstatus::UNINSTALLED) else {
        return Ok(None);
    };
    helm_render::manifest_objects(&cur.manifest, &cur.namespace)
        .map(Some)
        .map_err(|e| format!("release {}.v{}: {e}", cur.name, cur.version))
}

/// Where [`preview`] takes the chart and the values from.
#[derive(Clone, Debug, Default)]
pub struct PreviewOptions {
    /// A chart archive (`.tgz`) to render instead of the source's artifact.
    pub chart: Option<Vec<u8>>,
    /// Read `valuesFrom` from the cluster; without it (offline) they are left out.
    pub values_from: bool,
    /// Read the release records to know whether the action is an upgrade; without it the
    /// release is rendered as an install.
    pub records: bool,
}

/// A release as the next reconciliation would render it.
#[derive(Clone, Debug)]
pub struct Preview {
    /// The rendered release.
    pub rendered: Rendered,
    /// Whether it would be an upgrade of [`Preview::current`].
    pub upgrade: bool,
    /// The current release record (when records were read and there is one).
    pub current: Option<Record>,
}

/// Renders `hr` as the engine's next reconciliation would, without writing to the cluster:
/// the HelmRelease checked (invalid specs and fields flux-rs cannot honour are errors, as
/// they stall the engine), the chart of `spec.chartRef` or `spec.chart` resolved read-only
/// (a stored artifact, an OCI layer pulled into the local storage, a HelmChart built here
/// without its status written), `valuesFrom` read, and the chart rendered by
/// [`helm_render::render`] from [`render_input`]. Without a client, `opts.chart` must be
/// given and nothing is read from the cluster.
pub async fn preview(
    client: Option<&Client>,
    source: &SourceOptions,
    hr: &HelmRelease,
    opts: PreviewOptions,
) -> Result<Preview, RenderError> {
    hr.validate().map_err(|e| RenderError {
        reason: INIT_FAILED,
        message: e.to_string(),
    })?;
    let unsupported = hr.unsupported();
    if !unsupported.is_empty() {
        return Err(RenderError {
            reason: UNSUPPORTED_FEATURE,
            message: format!("not supported by flux-rs: {}", unsupported.join(", ")),
        });
    }
    let offline = || RenderError {
        reason: ARTIFACT_FAILED,
        message: "without the cluster, the chart must be given".into(),
    };
    let chart = match (opts.chart, client) {
        (Some(c), _) => c,
        (None, Some(client)) => read_only_chart(client, source, hr).await?.bytes,
        (None, None) => return Err(offline()),
    };
    let values = match client {
        Some(c) if opts.values_from => values_from(c, hr).await?,
        _ => Vec::new(),
    };
    let mut cur = None;
    if let Some(c) = client.filter(|_| opts.records) {
        let records = records_with(c, hr.storage_namespace(), &hr.release_name())
            .await
            .map_err(|message| RenderError {
                reason: INIT_FAILED,
                message,
            })?;
        cur = current(&records).cloned();
    }
    let rendered = helm_render::render(render_input(hr, chart, values, cur.as_ref()))
        .await
        .map_err(|f| match f {
            RenderFailure::Values(message) => RenderError {
                reason: INIT_FAILED,
                message,
            },
            RenderFailure::Chart(message) => RenderError {
                reason: ARTIFACT_FAILED,
                message,
            },
            RenderFailure::Render(message) => RenderError {
                reason: RENDER_FAILED,
                message,
            },
        })?;
    Ok(Preview {
        upgrade: is_upgrade(cur.as_ref()),
        rendered,
        current: cur,
    })
}

/// The chart archive of `hr` without writing to the cluster: `spec.chartRef` as the engine
/// resolves it (an OCI layer is pulled into the local storage), `spec.chart` from the
/// HelmChart the template made when it is current, else from the template built here.
async fn read_only_chart(
    client: &Client,
    source: &SourceOptions,
    hr: &HelmRelease,
) -> Result<ChartArtifact, RenderError> {
    if let Some(template) = &hr.spec.chart {
        let (ns, name, obj) = template_chart_object(hr, template);
        let api: Api<HelmChart> = Api::namespaced(client.clone(), &ns);
        let live = cluster::retry(|| api.get_opt(&name))
            .await
            .map_err(|e| RenderError {
                reason: SOURCE_NOT_READY,
                message: format!("HelmChart '{ns}/{name}': {}", cluster::describe(&e)),
            })?;
        let wanted = HelmChart::parse(obj.clone()).map_err(|e| RenderError {
            reason: ARTIFACT_FAILED,
            message: format!("spec.chart: {e}"),
        })?;
        // The live HelmChart when it follows the template (its artifact may be stored here),
        // else the template's, built here.
        let chart = match live {
            Some(l) if template_applied(&obj, &l) => l,
            _ => wanted,
        };
        return chart_of(client, source, &chart).await;
    }
    let Some(r) = &hr.spec.chart_ref else {
        return Err(RenderError {
            reason: ARTIFACT_FAILED,
            message: "the HelmRelease names no chart: set spec.chart or spec.chartRef".into(),
        });
    };
    let ns = r
        .namespace
        .clone()
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| hr.own_namespace().to_string());
    if r.kind == "HelmChart" {
        let api: Api<HelmChart> = Api::namespaced(client.clone(), &ns);
        let chart = cluster::retry(|| api.get_opt(&r.name))
            .await
            .map_err(|e| RenderError {
                reason: SOURCE_NOT_READY,
                message: cluster::describe(&e),
            })?
            .ok_or_else(|| RenderError {
                reason: SOURCE_NOT_READY,
                message: format!(
                    "could not get HelmChart object: HelmChart '{ns}/{}' not found",
                    r.name
                ),
            })?;
        return chart_of(client, source, &chart).await;
    }
    Ok(resolve_chart(client, source, &r.kind, &ns, &r.name).await?)
}

/// The packaged chart of a HelmChart: its stored artifact when this machine holds it, else
/// the chart built here (into the local storage; the HelmChart's status is not written).
async fn chart_of(
    client: &Client,
    source: &SourceOptions,
    chart: &HelmChart,
) -> Result<ChartArtifact, RenderError> {
    let stored = chart
        .status
        .as_ref()
        .and_then(|s| s.artifact.clone())
        .filter(|a| source.storage.path_of(&a.path).is_ok_and(|p| p.is_file()));
    let artifact = match stored {
        Some(a) => a,
        None => {
            Box::pin(crate::source::helm::chart::build(client, chart, source))
                .await
                .map_err(|e| RenderError {
                    reason: ARTIFACT_FAILED,
                    message: format!("{}: {}", e.object, e.message),
                })?
                .artifact
        }
    };
    let path = source.storage.path_of(&artifact.path).map_err(|e| RenderError {
        reason: ARTIFACT_FAILED,
        message: e.to_string(),
    })?;
    let bytes = read_checked(&path, artifact.digest.as_deref()).await?;
    Ok(ChartArtifact {
        bytes,
        oci_digest: artifact.digest,
    })
}

/// Puts the labels the apply adds ([`super::owner`]: `helm.toolkit.fluxcd.io/name` and
/// `/namespace`) on rendered objects, so a build shows them as they will be in the cluster.
pub fn label_as_applied(hr: &HelmRelease, objects: &mut [serde_json::Value]) {
    let owner = super::owner(hr);
    for o in objects {
        let meta = &mut o["metadata"];
        if !meta["labels"].is_object() {
            meta["labels"] = serde_json::json!({});
        }
        for (k, v) in &owner.labels {
            meta["labels"][k] = serde_json::json!(v);
        }
    }
}
