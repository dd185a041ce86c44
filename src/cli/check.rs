//! `flux-rs check [--pre]`: prerequisites (API server reachable, Kubernetes ≥ 1.20) and the
//! health of the installation (CRDs established, controller Deployments ready), item by item.

use clap::Args;
use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::apiextensions_apiserver::pkg::apis::apiextensions::v1::CustomResourceDefinition;
use kube::api::{Api, ListParams};

use super::{CliContext, ExitError};
use crate::api::meta::{PART_OF_FLUX, PART_OF_LABEL, VERSION_LABEL};
use crate::apply::health::{Health, health};
use crate::cluster;

/// Oldest Kubernetes version flux-rs supports.
pub const MIN_KUBERNETES: &str = ">=1.20.0-0";

/// CRDs a working installation must have.
/// The CRDs `install` ships, each of which `check` requires.
fn required_crds() -> Vec<String> {
    crate::api::crds("flux-system", "")
        .into_iter()
        .filter_map(|c| c.metadata.name)
        .collect()
}

/// Flags of `check`.
#[derive(Debug, Args)]
#[command(
    long_about = "Check that the cluster meets flux-rs's requirements (--pre), or that the \
        installation is healthy: the API server is reachable and runs Kubernetes 1.20 or newer, \
        the CRDs are established, and the controller Deployments are ready. Each item is reported; \
        the exit code is 1 when any is not healthy.",
    after_help = "Examples:\n  flux-rs check --pre\n  flux-rs check\n  flux-rs check -n my-flux-namespace"
)]
pub struct CheckArgs {
    /// Only check the prerequisites of an installation.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub pre: bool,
}

/// Runs `check`.
pub async fn run(ctx: &CliContext, args: CheckArgs) -> anyhow::Result<()> {
    let p = &ctx.printer;
    p.action("checking prerequisites");
    let client = ctx.client().await?;
    let version = cluster::server_version(&client).await?;
    let req = semver::VersionReq::parse(MIN_KUBERNETES)?;
    // Compare without pre-release tags so `1.27.3-eks` counts as 1.27.3.
    let plain = semver::Version::new(version.major, version.minor, version.patch);
    if !req.matches(&plain) {
        p.failure(format!("Kubernetes {version} does not match {MIN_KUBERNETES}"));
        return Err(ExitError::new(1, "prerequisites checks failed").into());
    }
    p.success(format!("Kubernetes {version} {MIN_KUBERNETES}"));
    if args.pre {
        p.success("prerequisites checks passed");
        return Ok(());
    }

    let mut failures = 0usize;
    let ns = ctx.namespace();
    let selector = format!("{PART_OF_LABEL}={PART_OF_FLUX}");

    p.action("checking controllers");
    let deployments: Api<Deployment> = Api::namespaced(client.clone(), ns);
    let list = deployments
        .list(&ListParams::default().labels(&selector))
        .await
        .map_err(|e| anyhow::anyhow!(cluster::describe(&e)))?;
    if list.items.is_empty() {
        p.failure(format!(
            "no controllers found in namespace {ns} (is flux-rs installed? try: flux-rs install)"
        ));
        failures += 1;
    }
    let mut versions = Vec::new();
    for d in &list {
        let name = d.metadata.name.clone().unwrap_or_default();
        if let Some(v) = d.metadata.labels.as_ref().and_then(|l| l.get(VERSION_LABEL)) {
            versions.push(v.clone());
        }
        match health(&serde_json::to_value(d)?) {
            Health::Current => p.success(format!("{name}: deployment ready")),
            Health::InProgress(_) => {
                let why = crate::ops::install::why_not_ready(&client, d).await;
                p.failure(format!("{name}: deployment not ready: {why}"));
                failures += 1;
            }
            Health::Failed(m) => {
                p.failure(format!("{name}: deployment failed: {m}"));
                failures += 1;
            }
        }
        for c in d
            .spec
            .as_ref()
            .and_then(|s| s.template.spec.as_ref())
            .map(|s| s.containers.as_slice())
            .unwrap_or_default()
        {
            if let Some(image) = &c.image {
                p.action(image);
            }
        }
    }
    versions.sort();
    versions.dedup();
    if !versions.is_empty() {
        p.success(format!("distribution: flux-rs-v{}", versions.join(",")));
    }

    p.action("checking crds");
    let crds: Api<CustomResourceDefinition> = Api::all(client.clone());
    let list = crds
        .list(&ListParams::default().labels(&selector))
        .await
        .map_err(|e| anyhow::anyhow!(cluster::describe(&e)))?;
    for required in &required_crds() {
        let Some(crd) = list
            .iter()
            .find(|c| c.metadata.name.as_deref() == Some(required.as_str()))
        else {
            p.failure(format!("{required} not found"));
            failures += 1;
            continue;
        };
        let stored = crd
            .status
            .as_ref()
            .and_then(|s| s.stored_versions.as_ref())
            .and_then(|v| v.last().cloned());
        match health(&serde_json::to_value(crd)?) {
            Health::Current => p.success(format!("{required}/{}", stored.unwrap_or_else(|| "v1".into()))),
            Health::InProgress(m) | Health::Failed(m) => {
                p.failure(format!("{required}: {m}"));
                failures += 1;
            }
        }
    }

    if failures > 0 {
        return Err(ExitError::new(1, format!("check failed: {failures} item(s) not healthy")).into());
    }
    p.success("all checks passed");
    Ok(())
}
