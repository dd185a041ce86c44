//! `flux-rs version`: client version, and when the cluster is reachable the server's version
//! and the versions of the installed controllers.

use std::collections::BTreeMap;

use clap::Args;
use k8s_openapi::api::apps::v1::Deployment;
use kube::api::{Api, ListParams};

use super::CliContext;
use crate::api::meta::{PART_OF_FLUX, PART_OF_LABEL};

/// Flags of `version`.
#[derive(Debug, Args)]
#[command(
    long_about = "Print the version of the flux-rs CLI and, when the cluster can be reached, the \
        Kubernetes server's version and the version of each installed controller.",
    after_help = "Examples:\n  flux-rs version\n  flux-rs version --client -o json"
)]
pub struct VersionArgs {
    /// Print only the client version; do not contact the cluster.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub client: bool,
    /// Output format.
    #[arg(short = 'o', long, value_enum, default_value = "yaml")]
    pub output: VersionFormat,
}

/// Output formats of `version`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum VersionFormat {
    /// YAML.
    Yaml,
    /// JSON.
    Json,
}

/// Runs `version`.
pub async fn run(ctx: &CliContext, args: VersionArgs) -> anyhow::Result<()> {
    let mut info: BTreeMap<String, String> = BTreeMap::new();
    info.insert("flux-rs".into(), format!("v{}", env!("CARGO_PKG_VERSION")));
    if !args.client {
        match cluster_versions(ctx).await {
            Ok(more) => info.extend(more),
            Err(e) => ctx.printer.warning(format!(
                "server and controller versions unavailable: {}",
                super::output::message(&e)
            )),
        }
    }
    let value = serde_json::to_value(&info)?;
    let text = match args.output {
        VersionFormat::Yaml => crate::yaml::to_string(&value),
        VersionFormat::Json => format!("{}\n", serde_json::to_string_pretty(&value)?),
    };
    ctx.printer.data(text);
    Ok(())
}

async fn cluster_versions(ctx: &CliContext) -> anyhow::Result<BTreeMap<String, String>> {
    let client = ctx.client().await?;
    let server = client
        .apiserver_version()
        .await
        .map_err(|e| anyhow::anyhow!(crate::cluster::describe(&e)))?;
    let mut out = BTreeMap::from([("server".to_string(), server.git_version)]);
    let deployments: Api<Deployment> = Api::namespaced(client, ctx.namespace());
    let list = deployments
        .list(&ListParams::default().labels(&format!("{PART_OF_LABEL}={PART_OF_FLUX}")))
        .await
        .map_err(|e| anyhow::anyhow!(crate::cluster::describe(&e)))?;
    for d in list {
        let name = d.metadata.name.clone().unwrap_or_default();
        let image = d
            .spec
            .as_ref()
            .and_then(|s| s.template.spec.as_ref())
            .and_then(|s| s.containers.first())
            .and_then(|c| c.image.clone())
            .unwrap_or_default();
        out.insert(name, image_tag(&image).to_string());
    }
    Ok(out)
}

/// The tag (or digest) of an image reference; the whole reference when it has neither.
pub fn image_tag(image: &str) -> &str {
    if let Some((_, digest)) = image.split_once('@') {
        return digest;
    }
    let last = image.rsplit('/').next().unwrap_or(image);
    match last.rsplit_once(':') {
        Some((_, tag)) => tag,
        None => "latest",
    }
}

#[cfg(test)]
mod tests {
    use super::image_tag;

    #[test]
    fn tags() {
        assert_eq!(image_tag("ghcr.io/flux-rs/flux-rs:0.1.0"), "0.1.0");
        assert_eq!(image_tag("localhost:5000/flux-rs"), "latest");
        assert_eq!(image_tag("x@sha256:abc"), "sha256:abc");
    }
}
