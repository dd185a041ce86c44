//! The HelmChart engine: a chart from a HelmRepository (type default: the highest version of
//! the index matching `spec.version`, downloaded from the entry's URL with the repository's
//! credentials — to its own host only unless `passCredentials` — and TLS, digest-checked;
//! type oci: the highest matching tag of `<url>/<chart>`, the layer of Helm's chart media
//! type pulled with the OCI client) or from a GitRepository (the directory at `spec.chart`
//! in the source's revision, packaged; dependencies must be vendored in `charts/`).
//! Downloaded archives are checked (size, no path or link leaving the chart, the name in
//! Chart.yaml); `spec.valuesFiles` are merged into the packaged chart's `values.yaml`. The
//! artifact is `helmchart/<ns>/<name>/<chart>-<version>.tgz`, revision the chart version
//! (`+<first 12 hex of the commit>` with the Revision strategy for Git sources). Nothing is
//! downloaded again while the spec, the chosen version and the source revision stay the
//! same. The status is written as source-controller does. Nothing here prints.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use bytes::Bytes;
use http::{Request, header};
use http_body_util::Full;
use kube::Client;
use kube::api::Api;

use super::repository::{self, HelmError, fail};
use crate::api::meta::{
    self, ARTIFACT_IN_STORAGE, Artifact, Condition, FETCH_FAILED, READY, RECONCILING, STALLED,
};
use crate::api::{GitRepository, HelmChart, HelmChartStatus, HelmRepository};
use crate::cluster;
use crate::cluster::events::{EventRecorder, EventType};
use crate::helm::chart::{self as helm_chart, Files};
use crate::source::SourceOptions;
use crate::source::oci::registry;
use crate::source::storage::Storage;

/// The kind, as written in artifact paths and messages.
pub const KIND: &str = "HelmChart";
/// Condition type: building the chart failed.
pub const BUILD_FAILED: &str = "BuildFailed";
/// Reason (Ready=True): the chart was stored as downloaded.
pub const CHART_PULL_SUCCEEDED: &str = "ChartPullSucceeded";
/// Reason (Ready=True): the chart was packaged (from a directory, or with merged values).
pub const CHART_PACKAGE_SUCCEEDED: &str = "ChartPackageSucceeded";
/// Reason: no chart of that name, version or path.
pub const INVALID_CHART_REFERENCE: &str = "InvalidChartReference";
/// Reason: the chart could not be downloaded or is not a valid chart.
pub const CHART_PULL_ERROR: &str = "ChartPullError";
/// Reason: the chart could not be packaged.
pub const CHART_PACKAGE_ERROR: &str = "ChartPackageError";
/// Reason: a values file is missing or invalid.
pub const VALUES_FILES_ERROR: &str = "ValuesFilesError";
/// Reason: dependencies in Chart.yaml are not in `charts/`.
pub const DEPENDENCY_BUILD_ERROR: &str = "DependencyBuildError";
/// Reason: the source object cannot be read.
pub const SOURCE_UNAVAILABLE: &str = "SourceUnavailable";
/// Reason: the source has no artifact yet.
pub const NO_SOURCE_ARTIFACT: &str = "NoSourceArtifact";
/// Reason: the artifact could not be stored.
pub const STORAGE_OPERATION_FAILED: &str = "StorageOperationFailed";
/// Reason: the spec asks for something flux-rs does not implement.
pub const UNSUPPORTED: &str = "UnsupportedFeature";
/// The largest chart archive downloaded (source-controller's default chart size limit).
pub const CHART_LIMIT: u64 = 10 << 20;
/// The deadline of a reconciliation (HelmChart has no `spec.timeout`).
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// What a successful reconciliation produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reconciled {
    /// The chart version (the artifact's revision).
    pub revision: String,
    /// The artifact now in the status.
    pub artifact: Artifact,
    /// Whether a new artifact was built (false: the stored one was kept, nothing fetched).
    pub new_artifact: bool,
    /// Whether the chart was packaged here (from a directory, merged values, new version).
    pub packaged: bool,
    /// The chart's name.
    pub chart_name: String,
    /// The values files merged, in order.
    pub values_files: Vec<String>,
    /// The source artifact revision the chart came from.
    pub source_revision: String,
}

impl Reconciled {
    /// The Ready message, as upstream writes it: `pulled 'app' chart with version '1.2.0'`
    /// (`packaged …` when built here, `… and merged values files [a b]`).
    pub fn summary(&self) -> String {
        let action = if self.packaged { "packaged" } else { "pulled" };
        let mut s = format!(
            "{action} '{}' chart with version '{}'",
            self.chart_name, self.revision
        );
        if !self.values_files.is_empty() {
            let _ = write!(s, " and merged values files [{}]", self.values_files.join(" "));
        }
        s
    }

    fn reason(&self) -> &'static str {
        if self.packaged {
            CHART_PACKAGE_SUCCEEDED
        } else {
            CHART_PULL_SUCCEEDED
        }
    }
}

fn stalled(object: &str, reason: &'static str, message: impl Into<String>) -> HelmError {
    HelmError {
        stalled: true,
        ..fail(object, reason, message)
    }
}

fn object_of(chart: &HelmChart) -> (String, String, String) {
    let ns = chart.metadata.namespace.clone().unwrap_or_default();
    let name = chart.metadata.name.clone().unwrap_or_default();
    (format!("{KIND}/{ns}/{name}"), ns, name)
}

/// The highest version of `versions` in the range (`*` or empty: the newest release; a
/// pre-release only when the range names one), as Helm's index lookup chooses.
pub fn select_version<'a>(
    range: &str,
    versions: impl IntoIterator<Item = &'a str>,
) -> Result<&'a str, String> {
    let range = if range.trim().is_empty() {
        "*"
    } else {
        range.trim()
    };
    let constraint = crate::source::reference::Constraint::parse(range)
        .map_err(|e| format!("invalid version range {range:?}: {e}"))?;
    crate::source::reference::highest_matching(&constraint, versions)
        .ok_or_else(|| format!("with version matching '{range}'"))
}

/// `values.yaml` for the packaged chart: the files in order, each merged over the previous
/// ones (maps recursively, anything else replaced), from `read` (`None`: no such file).
/// Missing files are an error unless `ignore_missing`; returns the YAML and the files used.
pub fn merge_values(
    paths: &[String],
    ignore_missing: bool,
    mut read: impl FnMut(&str) -> Option<Vec<u8>>,
) -> Result<(String, Vec<String>), String> {
    let mut merged = crate::helm::values::new_map();
    let mut used = Vec::new();
    for p in paths {
        let Some(data) = read(p) else {
            if ignore_missing {
                continue;
            }
            return Err(format!("no values file found at path '{p}'"));
        };
        let text = String::from_utf8_lossy(&data);
        let values = crate::helm::values::parse_values(&text)
            .map_err(|e| format!("failed to parse values file '{p}': {}", e.0))?;
        merged = crate::helm::values::merge_maps(&merged, &values);
        used.push(p.clone());
    }
    let yaml = crate::helm::funcs::helm::to_yaml(&crate::helm::value::Value::Map(merged))
        .ok_or("the merged values cannot be written as YAML")?;
    let yaml = if yaml == "{}" {
        String::new()
    } else {
        format!("{yaml}\n")
    };
    Ok((yaml, used))
}

/// The version with `metadata` as its build metadata (`1.2.0` + `abc` = `1.2.0+abc`),
/// replacing any metadata it had.
pub fn with_metadata(version: &str, metadata: &str) -> Result<String, String> {
    let mut v = semver::Version::parse(version.strip_prefix('v').unwrap_or(version))
        .map_err(|e| format!("invalid chart version '{version}': {e}"))?;
    v.build = semver::BuildMetadata::new(metadata)
        .map_err(|e| format!("invalid version metadata '{metadata}': {e}"))?;
    Ok(v.to_string())
}

/// `Chart.yaml` with `version` set (written back as YAML, as upstream's metadata patch).
fn patch_version(chart_yaml: &[u8], version: &str) -> Result<Vec<u8>, String> {
    let text = String::from_utf8_lossy(chart_yaml);
    let v = crate::helm::values::parse_yaml_first(&text)
        .map_err(|e| format!("cannot read Chart.yaml: {}", e.0))?;
    let crate::helm::value::Value::Map(m) = v else {
        return Err("Chart.yaml is not a mapping".into());
    };
    m.borrow_mut()
        .insert("version".into(), crate::helm::value::Value::str(version));
    let yaml = crate::helm::funcs::helm::to_yaml(&crate::helm::value::Value::Map(m))
        .ok_or("Chart.yaml cannot be written back")?;
    Ok(format!("{yaml}\n").into_bytes())
}

/// A chart archive ready to store and what it is.
#[derive(Debug)]
struct Package {
    data: Vec<u8>,
    name: String,
    version: String,
    packaged: bool,
    values_files: Vec<String>,
}

/// Checks a downloaded archive (no escaping paths or links, a loadable chart named `want`)
/// and, with values files (relative to the chart root), packages it again with the merged
/// values. Errors are (reason, message).
fn prepare_download(
    data: Vec<u8>,
    want: &str,
    values_files: &[String],
    ignore_missing: bool,
) -> Result<Package, (&'static str, String)> {
    let pull = |e: String| (CHART_PULL_ERROR, format!("failed to load chart: {e}"));
    crate::helm::package::check_links(&data).map_err(|e| pull(e.to_string()))?;
    let files = helm_chart::archive_files(&data).map_err(|e| pull(e.to_string()))?;
    let chart = helm_chart::load_archive(&data).map_err(|e| pull(e.to_string()))?;
    let name = chart.metadata.name.clone();
    if name != want {
        return Err((
            CHART_PULL_ERROR,
            format!(
                "chart name mismatch: the index entry '{want}' holds a chart named '{name}' in its Chart.yaml"
            ),
        ));
    }
    let version = chart.metadata.version.clone();
    if values_files.is_empty() {
        return Ok(Package {
            data,
            name,
            version,
            packaged: false,
            values_files: Vec::new(),
        });
    }
    let (yaml, used) = merge_values(values_files, ignore_missing, |p| {
        let p = p.strip_prefix("./").unwrap_or(p);
        files.iter().find(|(n, _)| n == p).map(|(_, d)| d.clone())
    })
    .map_err(|e| (VALUES_FILES_ERROR, e))?;
    let data = repackage(&name, files, Some(yaml), None).map_err(|e| (CHART_PACKAGE_ERROR, e))?;
    Ok(Package {
        data,
        name,
        version,
        packaged: true,
        values_files: used,
    })
}

/// The files written again as a `.tgz` under `name/`, with `values.yaml` and the version in
/// `Chart.yaml` replaced when given.
fn repackage(
    name: &str,
    mut files: Files,
    values: Option<String>,
    version: Option<&str>,
) -> Result<Vec<u8>, String> {
    if let Some(v) = values {
        match files.iter_mut().find(|(n, _)| n == "values.yaml") {
            Some(slot) => slot.1 = v.into_bytes(),
            None => files.push(("values.yaml".into(), v.into_bytes())),
        }
    }
    if let Some(version) = version
        && let Some(slot) = files.iter_mut().find(|(n, _)| n == "Chart.yaml")
    {
        slot.1 = patch_version(&slot.1, version)?;
    }
    crate::helm::package::package(name, &files).map_err(|e| e.to_string())
}

/// `base/rel` when it stays under `base` (no absolute path, no `..` above it).
fn inside(base: &Path, rel: &str) -> Option<PathBuf> {
    let mut depth = 0usize;
    for c in rel.split('/') {
        match c {
            "" | "." => {}
            ".." => depth = depth.checked_sub(1)?,
            _ => depth += 1,
        }
    }
    (!rel.starts_with('/')).then(|| base.join(rel))
}

/// Packages the chart directory `chart` of a source tree in `root`: dependencies must be
/// vendored in `charts/`; values files are relative to the source root; `metadata` (the
/// Revision strategy) becomes the version's build metadata.
fn package_dir(
    root: &Path,
    chart: &str,
    values_files: &[String],
    ignore_missing: bool,
    metadata: Option<&str>,
) -> Result<Package, (&'static str, String)> {
    let dir = inside(root, chart)
        .filter(|d| d.join("Chart.yaml").is_file())
        .ok_or_else(|| {
            (
                INVALID_CHART_REFERENCE,
                format!("invalid chart reference: no chart (Chart.yaml) at path '{chart}' in the source"),
            )
        })?;
    let loaded = helm_chart::load(&dir).map_err(|e| {
        (
            CHART_PACKAGE_ERROR,
            format!("failed to load chart at '{chart}': {e}"),
        )
    })?;
    let missing: Vec<&str> = loaded
        .metadata
        .dependencies
        .iter()
        .filter(|d| !loaded.dependencies.iter().any(|c| c.metadata.name == d.name))
        .map(|d| d.name.as_str())
        .collect();
    if !missing.is_empty() {
        return Err((
            DEPENDENCY_BUILD_ERROR,
            format!(
                "chart '{}' has dependencies not vendored in its charts/ directory (flux-rs does not download chart dependencies): {}",
                loaded.metadata.name,
                missing.join(", ")
            ),
        ));
    }
    let name = loaded.metadata.name.clone();
    let mut version = loaded.metadata.version.clone();
    if let Some(m) = metadata {
        version = with_metadata(&version, m).map_err(|e| (CHART_PACKAGE_ERROR, e))?;
    }
    let files = helm_chart::read_dir(&dir).map_err(|e| (CHART_PACKAGE_ERROR, e.to_string()))?;
    let (values, used) = if values_files.is_empty() {
        (None, Vec::new())
    } else {
        let (yaml, used) = merge_values(values_files, ignore_missing, |p| {
            inside(root, p).and_then(|f| std::fs::read(f).ok())
        })
        .map_err(|e| (VALUES_FILES_ERROR, e))?;
        (Some(yaml), used)
    };
    let data = repackage(&name, files, values, metadata.map(|_| version.as_str()))
        .map_err(|e| (CHART_PACKAGE_ERROR, e))?;
    Ok(Package {
        data,
        name,
        version,
        packaged: true,
        values_files: used,
    })
}

/// The stored artifact, kept when the spec was reconciled before (same generation), built
/// from the same source revision and still in storage.
fn reusable(chart: &HelmChart, opts: &SourceOptions, source_revision: &str) -> Option<Artifact> {
    let status = chart.status.as_ref()?;
    let observed = status.observed_source_artifact_revision.as_deref();
    (observed.unwrap_or_default() == source_revision)
        .then(|| reusable_version(chart, opts, None))
        .flatten()
}

/// The stored artifact, kept when the spec was reconciled before (same generation), it is
/// still in storage and (when given) it is that chart version.
fn reusable_version(chart: &HelmChart, opts: &SourceOptions, version: Option<&str>) -> Option<Artifact> {
    let status = chart.status.as_ref()?;
    let artifact = status.artifact.clone()?;
    let ready = meta::find_condition(chart.conditions(), READY).is_some_and(|c| c.status == "True");
    (ready
        && status.observed_generation == chart.metadata.generation
        && version.is_none_or(|v| v == artifact.revision)
        && opts.storage.path_of(&artifact.path).is_ok_and(|p| p.is_file()))
    .then_some(artifact)
}

/// Reconciles one HelmChart and writes its status (success or failure).
pub async fn reconcile(
    client: &Client,
    chart: &HelmChart,
    opts: &SourceOptions,
) -> Result<Reconciled, HelmError> {
    let (object, ns, name) = object_of(chart);
    if chart.spec.suspend {
        return Err(fail(&object, meta::SUSPENDED_REASON, "resource is suspended"));
    }
    let result = match tokio::time::timeout(
        DEFAULT_TIMEOUT,
        reconcile_inner(client, chart, opts, &object, &ns, &name),
    )
    .await
    {
        Ok(r) => r,
        Err(_) => Err(fail(
            &object,
            CHART_PULL_ERROR,
            format!("timed out after {}", crate::duration::format(DEFAULT_TIMEOUT)),
        )),
    };
    let mut status = chart.status.clone().unwrap_or_default();
    match &result {
        Ok(r) => mark_succeeded(&mut status, chart, r),
        Err(e) => mark_failed(&mut status, chart, e),
    }
    let api: Api<HelmChart> = Api::namespaced(client.clone(), &ns);
    let old = chart.status.clone().unwrap_or_default();
    let written = crate::source::status::write_merge(&api, &name, &old, &status)
        .await
        .map_err(|e| {
            fail(
                &object,
                meta::FAILED_REASON,
                format!("cannot write the status: {}", cluster::describe(&e)),
            )
        });
    let recorder =
        EventRecorder::new(client.clone(), crate::source::EVENT_COMPONENT).with_sink(opts.event_sink.clone());
    let event = match &result {
        Ok(r) if r.new_artifact => Some((
            EventType::Normal,
            r.reason(),
            r.summary(),
            Some(r.revision.as_str()),
        )),
        Ok(_) => None,
        Err(e) => Some((EventType::Warning, e.reason, e.message.clone(), None)),
    };
    if let Some((type_, reason, message, revision)) = event
        && let Err(e) = recorder.publish(chart, type_, reason, &message, revision).await
    {
        tracing::warn!(kind = KIND, namespace = %ns, name = %name, error = %cluster::describe(&e), "cannot record an event");
    }
    match (result, written) {
        (Ok(r), Ok(_)) => Ok(r),
        (Ok(_), Err(e)) | (Err(e), _) => Err(e),
    }
}

/// Builds one HelmChart's artifact into the local storage as [`reconcile`] does, without
/// writing its status or events (for a preview: `build helmrelease`).
pub async fn build(
    client: &Client,
    chart: &HelmChart,
    opts: &SourceOptions,
) -> Result<Reconciled, HelmError> {
    let (object, ns, name) = object_of(chart);
    match tokio::time::timeout(
        DEFAULT_TIMEOUT,
        reconcile_inner(client, chart, opts, &object, &ns, &name),
    )
    .await
    {
        Ok(r) => r,
        Err(_) => Err(fail(
            &object,
            CHART_PULL_ERROR,
            format!("timed out after {}", crate::duration::format(DEFAULT_TIMEOUT)),
        )),
    }
}

async fn reconcile_inner(
    client: &Client,
    chart: &HelmChart,
    opts: &SourceOptions,
    object: &str,
    ns: &str,
    name: &str,
) -> Result<Reconciled, HelmError> {
    if chart.spec.verify.is_some() {
        return Err(stalled(
            object,
            UNSUPPORTED,
            "not supported by flux-rs: spec.verify",
        ));
    }
    let source = &chart.spec.source_ref;
    let unavailable = |e: kube::Error| {
        let what = if cluster::is_not_found(&e) {
            "not found".to_string()
        } else {
            cluster::describe(&e)
        };
        fail(
            object,
            SOURCE_UNAVAILABLE,
            format!(
                "failed to get source {}/{ns}/{}: {what}",
                source.kind, source.name
            ),
        )
    };
    let built = match source.kind.as_str() {
        "HelmRepository" => {
            let api: Api<HelmRepository> = Api::namespaced(client.clone(), ns);
            let repo = api.get(&source.name).await.map_err(unavailable)?;
            from_helm_repository(client, chart, &repo, opts, object).await?
        }
        "GitRepository" => {
            let api: Api<GitRepository> = Api::namespaced(client.clone(), ns);
            let repo = api.get(&source.name).await.map_err(unavailable)?;
            from_git_repository(client, chart, &repo, opts, object).await?
        }
        other => {
            return Err(stalled(
                object,
                UNSUPPORTED,
                format!("not supported by flux-rs: spec.sourceRef.kind {other}"),
            ));
        }
    };
    let (source_revision, package) = match built {
        Built::Kept(r) => return Ok(*r),
        Built::New(rev, p) => (rev, p),
    };
    store(opts, ns, name, source_revision, package, object)
}

/// What a source gave: the stored artifact kept, or a new package.
enum Built {
    Kept(Box<Reconciled>),
    New(String, Package),
}

fn kept(chart: &HelmChart, artifact: Artifact, source_revision: &str) -> Built {
    let status = chart.status.clone().unwrap_or_default();
    let packaged =
        meta::find_condition(chart.conditions(), READY).is_some_and(|c| c.reason == CHART_PACKAGE_SUCCEEDED);
    Built::Kept(Box::new(Reconciled {
        revision: artifact.revision.clone(),
        artifact,
        new_artifact: false,
        packaged,
        chart_name: status
            .observed_chart_name
            .clone()
            .unwrap_or_else(|| chart.spec.chart.clone()),
        values_files: status.observed_values_files.unwrap_or_default(),
        source_revision: source_revision.to_string(),
    }))
}

async fn from_helm_repository(
    client: &Client,
    chart: &HelmChart,
    repo: &HelmRepository,
    opts: &SourceOptions,
    object: &str,
) -> Result<Built, HelmError> {
    if repo.spec.type_.as_deref() == Some("oci") {
        return from_oci_repository(client, chart, repo, opts, object).await;
    }
    let repo_revision = repo.artifact_revision().unwrap_or_default().to_string();
    if let Some(a) = reusable(chart, opts, &repo_revision) {
        return Ok(kept(chart, a, &repo_revision));
    }
    let (index, source_revision) = repository::index_of(client, repo, opts, object).await?;
    let want = chart.spec.chart.as_str();
    let range = chart.spec.version.as_deref().unwrap_or("*");
    let reference = |m: String| {
        fail(
            object,
            INVALID_CHART_REFERENCE,
            format!("invalid chart reference: failed to get chart version for remote reference: {m}"),
        )
    };
    let Some(versions) = index.entries.get(want) else {
        return Err(reference(format!("no chart name found: '{want}'")));
    };
    let version = select_version(range, versions.iter().map(|v| v.version.as_str()))
        .map_err(|m| reference(format!("no '{want}' chart {m} found")))?;
    let entry = versions
        .iter()
        .find(|v| v.version == version)
        .cloned()
        .unwrap_or_default();
    // A new index with the same version chosen: the chart is not downloaded again.
    if let Some(a) = reusable_version(chart, opts, Some(version)) {
        return Ok(kept(chart, a, &source_revision));
    }
    let data = download(client, repo, &entry, want, object).await?;
    let values_files = chart.spec.values_files.clone().unwrap_or_default();
    let ignore = chart.spec.ignore_missing_values_files;
    let want = want.to_string();
    let package =
        tokio::task::spawn_blocking(move || prepare_download(data.to_vec(), &want, &values_files, ignore))
            .await
            .map_err(|e| fail(object, CHART_PULL_ERROR, e.to_string()))?
            .map_err(|(reason, m)| build_error(object, reason, m))?;
    Ok(Built::New(source_revision, package))
}

/// Helm's media type of a chart archive layer in an OCI registry.
pub const HELM_CHART_LAYER: &str = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
/// Helm's media type of a chart's config blob in an OCI registry.
pub const HELM_CHART_CONFIG: &str = "application/vnd.cncf.helm.config.v1+json";

/// The registry client of a type oci HelmRepository: `secretRef` holds `username` and
/// `password` or a `.dockerconfigjson`; `certSecretRef` the TLS material; `insecure` plain HTTP.
async fn oci_registry(
    client: &Client,
    repo: &HelmRepository,
    host: &str,
    object: &str,
) -> Result<registry::Registry, HelmError> {
    let ns = repo.metadata.namespace.as_deref().unwrap_or_default();
    let auth = |m: String| fail(object, repository::AUTHENTICATION_FAILED, m);
    let mut credentials = None;
    if let Some(r) = &repo.spec.secret_ref {
        let data = repository::secret_data(client, ns, &r.name, object).await?;
        if let Some(config) = data.get(".dockerconfigjson") {
            credentials = crate::source::oci::credentials_from_docker_config(config, host)
                .map_err(|e| auth(format!("secret '{ns}/{}': {e}", r.name)))?;
        } else if let (Some(u), Some(p)) = (data.get("username"), data.get("password")) {
            credentials = Some(registry::Credentials::Basic {
                username: String::from_utf8_lossy(u).into_owned(),
                password: String::from_utf8_lossy(p).into_owned(),
            });
        }
    }
    let mut tls = registry::TlsMaterial::default();
    if let Some(r) = &repo.spec.cert_secret_ref {
        let mut data = repository::secret_data(client, ns, &r.name, object).await?;
        tls.ca = data.remove("ca.crt");
        if let (Some(c), Some(k)) = (data.remove("tls.crt"), data.remove("tls.key")) {
            tls.client = Some((c, k));
        }
    }
    let options = registry::ClientOptions {
        credentials,
        insecure: repo.spec.insecure,
        tls,
        timeout: Some(repository::timeout_of(repo)),
    };
    registry::Registry::new(host, &options).map_err(|e| auth(e.to_string()))
}

/// A chart from a type oci HelmRepository: `<url>/<chart>`, the version chosen among its tags
/// (Helm writes `+` as `_` in tags), the layer of Helm's chart media type pulled
/// (digest-checked, size-bounded).
async fn from_oci_repository(
    client: &Client,
    chart: &HelmChart,
    repo: &HelmRepository,
    opts: &SourceOptions,
    object: &str,
) -> Result<Built, HelmError> {
    let want = chart.spec.chart.as_str();
    let url = format!("{}/{want}", repo.spec.url.trim_end_matches('/'));
    let reference = crate::source::oci::OciRef::parse(&url).map_err(|e| {
        stalled(
            object,
            INVALID_CHART_REFERENCE,
            format!("invalid chart reference: {e}"),
        )
    })?;
    let registry = oci_registry(client, repo, &reference.registry, object).await?;
    let pull = |e: registry::RegistryError| {
        let reason = match e {
            registry::RegistryError::Unauthorized(_) => repository::AUTHENTICATION_FAILED,
            _ => CHART_PULL_ERROR,
        };
        fail(object, reason, format!("failed to pull chart from {url}: {e}"))
    };
    let tags = registry.tags(&reference.repository).await.map_err(pull)?;
    let versions: Vec<String> = tags.iter().map(|t| t.replace('_', "+")).collect();
    let range = chart.spec.version.as_deref().unwrap_or("*");
    let version = select_version(range, versions.iter().map(String::as_str))
        .map_err(|m| {
            fail(
                object,
                INVALID_CHART_REFERENCE,
                format!("invalid chart reference: failed to get chart version for remote reference: no '{want}' chart {m} found"),
            )
        })?
        .to_string();
    if let Some(a) = reusable_version(chart, opts, Some(&version)) {
        return Ok(kept(chart, a, ""));
    }
    let tag = version.replace('+', "_");
    let manifest = registry
        .manifest(&reference.repository, &tag)
        .await
        .map_err(pull)?;
    let info =
        crate::source::oci::artifact::parse_manifest(&manifest, &format!("{url}:{tag}")).map_err(pull)?;
    let Some((_, digest, size)) = info.layers.iter().find(|l| l.0 == HELM_CHART_LAYER) else {
        return Err(fail(
            object,
            CHART_PULL_ERROR,
            format!("failed to pull chart from {url}:{tag}: no layer of media type {HELM_CHART_LAYER}"),
        ));
    };
    if *size > CHART_LIMIT {
        return Err(fail(
            object,
            CHART_PULL_ERROR,
            format!(
                "failed to pull chart from {url}:{tag}: the chart ({size} bytes) is larger than the limit of {CHART_LIMIT} bytes"
            ),
        ));
    }
    let data = registry
        .blob_bytes(&reference.repository, digest, CHART_LIMIT)
        .await
        .map_err(pull)?;
    let values_files = chart.spec.values_files.clone().unwrap_or_default();
    let ignore = chart.spec.ignore_missing_values_files;
    let want = want.to_string();
    let package =
        tokio::task::spawn_blocking(move || prepare_download(data.to_vec(), &want, &values_files, ignore))
            .await
            .map_err(|e| fail(object, CHART_PULL_ERROR, e.to_string()))?
            .map_err(|(reason, m)| build_error(object, reason, m))?;
    Ok(Built::New(String::new(), package))
}

/// A build failure; values files that cannot be merged stall (only a spec change helps).
fn build_error(object: &str, reason: &'static str, message: String) -> HelmError {
    if reason == VALUES_FILES_ERROR {
        stalled(object, reason, message)
    } else {
        fail(object, reason, message)
    }
}

/// The chart URL of an index entry: absolute, or relative to the repository URL.
fn chart_url(repo_url: &str, entry_url: &str) -> Result<http::Uri, String> {
    let full = if entry_url.contains("://") {
        entry_url.to_string()
    } else {
        format!(
            "{}/{}",
            repo_url.trim_end_matches('/'),
            entry_url.trim_start_matches("./")
        )
    };
    let uri: http::Uri = full
        .parse()
        .map_err(|e| format!("invalid chart URL '{full}': {e}"))?;
    if !matches!(uri.scheme_str(), Some("http" | "https")) || uri.host().is_none() {
        return Err(format!(
            "invalid chart URL '{full}': expected http:// or https://"
        ));
    }
    Ok(uri)
}

/// Whether a HelmRepository's credentials go with a request to `uri`: only to the
/// repository's own host and port, unless `passCredentials` sends them everywhere (as
/// source-controller does, so that a chart hosted elsewhere never sees them by default).
fn credentials_go_to(repo_url: &str, uri: &http::Uri, pass_credentials: bool) -> bool {
    let home: Option<http::Uri> = repo_url.parse().ok();
    pass_credentials
        || (uri.authority().is_some() && home.as_ref().and_then(http::Uri::authority) == uri.authority())
}

/// Downloads an index entry's archive: credentials only to the repository's host (unless
/// `passCredentials`), the repository's TLS, size-bounded, digest-checked.
async fn download(
    client: &Client,
    repo: &HelmRepository,
    entry: &super::index::ChartVersion,
    want: &str,
    object: &str,
) -> Result<Bytes, HelmError> {
    let ns = repo.metadata.namespace.as_deref().unwrap_or_default();
    let pull = |m: String| {
        fail(
            object,
            CHART_PULL_ERROR,
            format!("failed to download chart for remote reference: {m}"),
        )
    };
    let Some(first) = entry.urls.first() else {
        return Err(pull(format!(
            "chart '{want}' version '{}' has no URL in the index",
            entry.version
        )));
    };
    let uri = chart_url(&repo.spec.url, first).map_err(pull)?;
    let host = uri.authority().map(ToString::to_string).unwrap_or_default();
    let (auth, tls) = repository::credentials(client, repo, object, ns).await?;
    let http = registry::http_client(&tls, &host, Some(repository::timeout_of(repo)))
        .map_err(|e| fail(object, repository::AUTHENTICATION_FAILED, e.to_string()))?;
    let mut req =
        Request::get(uri.clone()).header(header::USER_AGENT, concat!("flux-rs/", env!("CARGO_PKG_VERSION")));
    if let Some(a) = auth.filter(|_| credentials_go_to(&repo.spec.url, &uri, repo.spec.pass_credentials)) {
        req = req.header(header::AUTHORIZATION, a);
    }
    let req = req
        .body(Full::new(Bytes::new()))
        .map_err(|e| pull(format!("invalid request: {e}")))?;
    let resp = http
        .request(req)
        .await
        .map_err(|e| pull(format!("cannot reach {host}: {}", registry::error_chain(&e))))?;
    if !resp.status().is_success() {
        return Err(pull(format!("GET {uri}: {}", resp.status())));
    }
    let body = registry::read_limited(resp.into_body(), CHART_LIMIT, &uri.to_string())
        .await
        .map_err(|e| pull(e.to_string()))?;
    if let Some(want_digest) = &entry.digest {
        let want_hex = want_digest.strip_prefix("sha256:").unwrap_or(want_digest);
        let got = registry::digest_of(&body);
        if !got.ends_with(&want_hex.to_ascii_lowercase()) || want_hex.len() != 64 {
            return Err(pull(format!(
                "digest mismatch for {uri}: the index says sha256:{want_hex}, the download is {got}"
            )));
        }
    }
    Ok(body)
}

async fn from_git_repository(
    client: &Client,
    chart: &HelmChart,
    repo: &GitRepository,
    opts: &SourceOptions,
    object: &str,
) -> Result<Built, HelmError> {
    let Some(revision) = repo.artifact_revision().map(str::to_string) else {
        return Err(fail(
            object,
            NO_SOURCE_ARTIFACT,
            format!(
                "no artifact available for GitRepository/{}/{}",
                repo.metadata.namespace.as_deref().unwrap_or_default(),
                chart.spec.source_ref.name
            ),
        ));
    };
    if let Some(a) = reusable(chart, opts, &revision) {
        return Ok(kept(chart, a, &revision));
    }
    let metadata = if chart.spec.reconcile_strategy.as_deref() == Some("Revision") {
        let hash = crate::source::reference::parse_revision(&revision).map_or(revision.as_str(), |(_, h)| h);
        Some(hash.chars().take(12).collect::<String>())
    } else {
        None
    };
    let tmp = tempfile::Builder::new()
        .prefix("flux-rs-helmchart-")
        .tempdir()
        .map_err(|e| {
            fail(
                object,
                STORAGE_OPERATION_FAILED,
                format!("temporary directory: {e}"),
            )
        })?;
    let root = tmp.path().join("src");
    crate::source::checkout(client, repo, &revision, opts, &root)
        .await
        .map_err(|e| {
            fail(
                object,
                STORAGE_OPERATION_FAILED,
                format!("failed to get the source artifact: {}", e.message()),
            )
        })?;
    let spec = chart.spec.clone();
    let package = tokio::task::spawn_blocking(move || {
        let r = package_dir(
            &root,
            &spec.chart,
            &spec.values_files.unwrap_or_default(),
            spec.ignore_missing_values_files,
            metadata.as_deref(),
        );
        drop(tmp);
        r
    })
    .await
    .map_err(|e| fail(object, CHART_PACKAGE_ERROR, e.to_string()))?
    .map_err(|(reason, m)| build_error(object, reason, m))?;
    Ok(Built::New(revision, package))
}

/// Stores a package as `helmchart/<ns>/<name>/<chart>-<version>.tgz`.
fn store(
    opts: &SourceOptions,
    ns: &str,
    name: &str,
    source_revision: String,
    package: Package,
    object: &str,
) -> Result<Reconciled, HelmError> {
    let dir_rel = Storage::object_dir(KIND, ns, name);
    let dir = opts
        .storage
        .path_of(&dir_rel)
        .map_err(|e| fail(object, STORAGE_OPERATION_FAILED, e.to_string()))?;
    let file = format!("{}-{}.tgz", package.name, package.version);
    if file.contains('/') {
        return Err(fail(
            object,
            CHART_PACKAGE_ERROR,
            format!("invalid chart name or version for a file name: {file:?}"),
        ));
    }
    repository::store(&dir, &file, &package.data).map_err(|e| fail(object, STORAGE_OPERATION_FAILED, e))?;
    let path = format!("{dir_rel}/{file}");
    let digest = registry::digest_of(&package.data);
    let artifact = Artifact {
        url: opts.artifact_url(&path),
        path,
        revision: package.version.clone(),
        digest: Some(digest),
        last_update_time: meta::now_rfc3339(),
        size: Some(i64::try_from(package.data.len()).unwrap_or(i64::MAX)),
        metadata: None,
    };
    Ok(Reconciled {
        revision: package.version,
        artifact,
        new_artifact: true,
        packaged: package.packaged,
        chart_name: package.name,
        values_files: package.values_files,
        source_revision,
    })
}

/// The controller's HelmChart engine: [`reconcile`] mapped to an [`crate::reconcile::Outcome`].
pub fn controller_reconciler(
    client: Client,
    opts: SourceOptions,
) -> impl Fn(
    std::sync::Arc<HelmChart>,
    crate::reconcile::Request,
) -> futures::future::BoxFuture<'static, crate::reconcile::Outcome>
+ Send
+ Sync
+ 'static {
    let opts = std::sync::Arc::new(opts);
    move |chart: std::sync::Arc<HelmChart>, _request| {
        let client = client.clone();
        let opts = opts.clone();
        Box::pin(async move { repository::outcome(reconcile(&client, &chart, &opts).await.map(|_| ())) })
    }
}

fn mark_succeeded(status: &mut HelmChartStatus, chart: &HelmChart, r: &Reconciled) {
    let generation = chart.metadata.generation;
    let conds = status.conditions.get_or_insert_with(Vec::new);
    for gone in [
        FETCH_FAILED,
        BUILD_FAILED,
        RECONCILING,
        STALLED,
        meta::ARTIFACT_OUTDATED,
    ] {
        meta::remove_condition(conds, gone);
    }
    let summary = r.summary();
    meta::set_condition(
        conds,
        Condition::new(READY, "True", r.reason(), &summary, generation),
    );
    meta::set_condition(
        conds,
        Condition::new(
            ARTIFACT_IN_STORAGE,
            "True",
            meta::SUCCEEDED_REASON,
            &format!("stored artifact: revision '{}'", r.revision),
            generation,
        ),
    );
    status.url = Some(r.artifact.url.clone());
    status.artifact = Some(r.artifact.clone());
    status.observed_source_artifact_revision =
        (!r.source_revision.is_empty()).then(|| r.source_revision.clone());
    status.observed_chart_name = Some(r.chart_name.clone());
    status.observed_values_files = (!r.values_files.is_empty()).then(|| r.values_files.clone());
    status.observed_generation = generation;
    meta::record_reconcile_request(
        &mut status.last_handled_reconcile_at,
        chart.metadata.annotations.as_ref(),
    );
}

fn mark_failed(status: &mut HelmChartStatus, chart: &HelmChart, e: &HelmError) {
    let generation = chart.metadata.generation;
    let fetch = matches!(
        e.reason,
        SOURCE_UNAVAILABLE
            | NO_SOURCE_ARTIFACT
            | repository::AUTHENTICATION_FAILED
            | repository::INDEXATION_FAILED
    );
    let build = matches!(
        e.reason,
        INVALID_CHART_REFERENCE
            | CHART_PULL_ERROR
            | CHART_PACKAGE_ERROR
            | VALUES_FILES_ERROR
            | DEPENDENCY_BUILD_ERROR
    );
    let conds = status.conditions.get_or_insert_with(Vec::new);
    crate::source::status::failure_conditions(conds, generation, e.reason, &e.message, fetch, e.stalled);
    if build {
        meta::set_condition(
            conds,
            Condition::new(BUILD_FAILED, "True", e.reason, &e.message, generation),
        );
    } else {
        meta::remove_condition(conds, BUILD_FAILED);
    }
    if !fetch {
        meta::remove_condition(conds, FETCH_FAILED);
    }
    status.observed_generation = generation;
    meta::record_reconcile_request(
        &mut status.last_handled_reconcile_at,
        chart.metadata.annotations.as_ref(),
    );
}

#[cfg(test)]
mod tests {

    #[test]
    fn credentials_go_only_to_the_repositorys_host_unless_passed() {
        let uri = |u: &str| u.parse::<http::Uri>().unwrap();
        let repo = "https://charts.example.com/stable";
        assert!(credentials_go_to(
            repo,
            &uri("https://charts.example.com/stable/app-1.0.0.tgz"),
            false
        ));
        assert!(!credentials_go_to(
            repo,
            &uri("https://cdn.example.net/app-1.0.0.tgz"),
            false
        ));
        assert!(!credentials_go_to(
            repo,
            &uri("https://charts.example.com:8443/app-1.0.0.tgz"),
            false
        ));
        assert!(credentials_go_to(
            repo,
            &uri("https://cdn.example.net/app-1.0.0.tgz"),
            true
        ));
        assert!(!credentials_go_to(
            "not a url",
            &uri("https://cdn.example.net/a.tgz"),
            false
        ));
    }

    use super::*;

    #[test]
    fn the_highest_stable_version_in_the_range_is_chosen() {
        let v = ["1.0.0", "1.2.0", "1.10.0", "2.0.0-rc.1", "0.9.0", "not-a-version"];
        assert_eq!(select_version("*", v), Ok("1.10.0"));
        assert_eq!(select_version("", v), Ok("1.10.0"));
        assert_eq!(select_version("~1.2", v), Ok("1.2.0"));
        assert_eq!(select_version("<1.0.0", v), Ok("0.9.0"));
        assert_eq!(select_version(">=2.0.0-0", v), Ok("2.0.0-rc.1"));
        assert_eq!(select_version("1.2.0", v), Ok("1.2.0"));
        assert_eq!(
            select_version("9.x", v).unwrap_err(),
            "with version matching '9.x'"
        );
        assert!(
            select_version("> >", v)
                .unwrap_err()
                .contains("invalid version range")
        );
    }

    #[test]
    fn values_files_merge_in_order() {
        let files = [
            (
                "values.yaml",
                "image:\n  tag: 1.0\n  pull: Always\nreplicas: 1\nlist: [a, b]\n",
            ),
            ("prod.yaml", "image:\n  tag: \"2.0\"\nlist: [c]\nextra: {x: 1}\n"),
        ];
        let read = |p: &str| {
            files
                .iter()
                .find(|(n, _)| *n == p)
                .map(|(_, t)| t.as_bytes().to_vec())
        };
        let paths = vec!["values.yaml".to_string(), "prod.yaml".into()];
        let (yaml, used) = merge_values(&paths, false, read).unwrap();
        assert_eq!(used, paths);
        assert_eq!(
            yaml,
            "extra:\n  x: 1\nimage:\n  pull: Always\n  tag: \"2.0\"\nlist:\n- c\nreplicas: 1\n"
        );
        let with_missing = vec!["values.yaml".to_string(), "missing.yaml".into()];
        assert_eq!(
            merge_values(&with_missing, false, read).unwrap_err(),
            "no values file found at path 'missing.yaml'"
        );
        let (_, used) = merge_values(&with_missing, true, read).unwrap();
        assert_eq!(used, ["values.yaml"]);
        let bad = |_: &str| Some(b"- a list\n".to_vec());
        assert!(
            merge_values(&paths, false, bad)
                .unwrap_err()
                .starts_with("failed to parse values file 'values.yaml'")
        );
    }

    #[test]
    fn revision_metadata_and_chart_urls() {
        assert_eq!(
            with_metadata("1.2.3", "0123456789ab").unwrap(),
            "1.2.3+0123456789ab"
        );
        assert_eq!(with_metadata("1.2.3+old", "abc").unwrap(), "1.2.3+abc");
        assert!(with_metadata("one", "abc").is_err());
        assert_eq!(
            chart_url("http://h:1/charts/", "app-1.0.0.tgz")
                .unwrap()
                .to_string(),
            "http://h:1/charts/app-1.0.0.tgz"
        );
        assert_eq!(
            chart_url("http://h:1", "https://cdn/app.tgz")
                .unwrap()
                .to_string(),
            "https://cdn/app.tgz"
        );
        assert!(chart_url("http://h", "ftp://x/app.tgz").is_err());
        assert!(inside(Path::new("/r"), "../x").is_none());
        assert!(inside(Path::new("/r"), "a/../../x").is_none());
        assert!(inside(Path::new("/r"), "/etc").is_none());
        assert_eq!(inside(Path::new("/r"), "./a/b").unwrap(), Path::new("/r/./a/b"));
    }

    #[test]
    fn a_downloaded_chart_is_checked_and_repackaged_with_values() {
        let files: Files = vec![
            (
                "Chart.yaml".into(),
                b"apiVersion: v2\nname: app\nversion: 1.0.0\n".to_vec(),
            ),
            ("values.yaml".into(), b"a: 1\nb: {c: 2}\n".to_vec()),
            ("values-prod.yaml".into(), b"b: {d: 3}\n".to_vec()),
        ];
        let tgz = crate::helm::package::package("app", &files).unwrap();
        let p = prepare_download(tgz.clone(), "app", &[], false).unwrap();
        assert!(!p.packaged);
        assert_eq!(p.data, tgz);
        let e = prepare_download(tgz.clone(), "other", &[], false).unwrap_err();
        assert_eq!(e.0, CHART_PULL_ERROR);
        assert!(e.1.contains("chart name mismatch"), "{}", e.1);
        let vf = vec!["values.yaml".to_string(), "values-prod.yaml".into()];
        let p = prepare_download(tgz.clone(), "app", &vf, false).unwrap();
        assert!(p.packaged);
        let back = helm_chart::archive_files(&p.data).unwrap();
        let values = &back.iter().find(|(n, _)| n == "values.yaml").unwrap().1;
        assert_eq!(String::from_utf8_lossy(values), "a: 1\nb:\n  c: 2\n  d: 3\n");
        let e = prepare_download(tgz.clone(), "app", &["nope.yaml".into()], false).unwrap_err();
        assert_eq!(e.0, VALUES_FILES_ERROR);
        let e = prepare_download(tgz[..tgz.len() / 2].to_vec(), "app", &[], false).unwrap_err();
        assert_eq!(e.0, CHART_PULL_ERROR);
    }

    #[test]
    fn a_directory_is_packaged_with_revision_metadata() {
        let tmp = tempfile::tempdir().unwrap();
        let chart = tmp.path().join("charts/app");
        std::fs::create_dir_all(chart.join("templates")).unwrap();
        std::fs::write(
            chart.join("Chart.yaml"),
            "apiVersion: v2\nname: app\nversion: 0.1.0\n",
        )
        .unwrap();
        std::fs::write(chart.join("values.yaml"), "a: 1\n").unwrap();
        std::fs::write(chart.join("templates/cm.yaml"), "kind: ConfigMap\n").unwrap();
        let p = package_dir(tmp.path(), "charts/app", &[], false, Some("0123456789ab")).unwrap();
        assert_eq!(p.version, "0.1.0+0123456789ab");
        let loaded = helm_chart::load_archive(&p.data).unwrap();
        assert_eq!(loaded.metadata.version, "0.1.0+0123456789ab");
        let e = package_dir(tmp.path(), "charts/none", &[], false, None).unwrap_err();
        assert_eq!(e.0, INVALID_CHART_REFERENCE);
        let e = package_dir(tmp.path(), "../x", &[], false, None).unwrap_err();
        assert_eq!(e.0, INVALID_CHART_REFERENCE);
        std::fs::write(
            chart.join("Chart.yaml"),
            "apiVersion: v2\nname: app\nversion: 0.1.0\ndependencies:\n- name: db\n  version: 1.x\n  repository: https://x\n",
        )
        .unwrap();
        let e = package_dir(tmp.path(), "charts/app", &[], false, None).unwrap_err();
        assert_eq!(e.0, DEPENDENCY_BUILD_ERROR);
        assert!(e.1.ends_with(": db"), "{}", e.1);
    }
}
