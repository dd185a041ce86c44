//! `flux-rs create …`: create or update Flux objects and their Secrets from flags, as
//! upstream's `flux create` does (server-side apply with the field manager `flux`), or print
//! them with `--export`. One module per kind: [`super::create_kustomization`]
//! (`kustomization|ks`), [`super::create_source`] (`source git`), [`super::create_secret`]
//! (`secret git`).

use std::collections::BTreeMap;

use clap::{Args, Subcommand};
use kube::api::{Api, Patch, PatchParams};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::CliContext;
use super::{create_kustomization, create_secret, create_source};
use crate::cluster;
use crate::ops::DEFAULT_FIELD_MANAGER;

const CREATE_HELP: &str = "\
Examples:
  # A GitRepository following a branch, fetched at once
  flux-rs create source git podinfo --url=https://github.com/stefanprodan/podinfo --branch=master

  # A deploy key and known_hosts for an SSH repository (prints the key to add to the host)
  flux-rs create secret git podinfo-auth --url=ssh://git@github.com/org/repo

  # A Kustomization applying ./deploy of the GitRepository podinfo, reconciled at once
  flux-rs create kustomization podinfo --source GitRepository/podinfo --path ./deploy --prune

  # Print the manifest instead of applying it
  flux-rs create source git podinfo --url=https://github.com/org/repo --tag=v1.0.0 --export";

/// `create` and its kinds.
#[derive(Debug, Args)]
#[command(
    long_about = "Create or update Flux objects and Secrets from flags (server-side apply, field \
        manager `flux`), or print their manifests with --export.",
    after_help = CREATE_HELP
)]
pub struct CreateCommand {
    /// The kind.
    #[command(subcommand)]
    pub kind: CreateKind,
}

/// The kinds `create` makes.
#[derive(Debug, Subcommand)]
#[allow(missing_docs)]
pub enum CreateKind {
    #[command(
        visible_alias = "ks",
        about = "Create or update a Kustomization and reconcile it"
    )]
    Kustomization(create_kustomization::CreateKustomizationArgs),
    #[command(
        visible_alias = "hr",
        about = "Create or update a HelmRelease and reconcile it"
    )]
    Helmrelease(super::helmrelease::CreateHelmReleaseArgs),
    #[command(subcommand, about = "Create or update sources (source.toolkit.fluxcd.io)")]
    Source(CreateSource),
    #[command(subcommand, about = "Create or update Secrets for sources and decryption")]
    Secret(CreateSecret),
    #[command(about = "Create or update a Provider of alerts (notification.toolkit.fluxcd.io)")]
    AlertProvider(super::notification::CreateProviderArgs),
    #[command(about = "Create or update an Alert (notification.toolkit.fluxcd.io)")]
    Alert(super::notification::CreateAlertArgs),
    #[command(about = "Create or update a Receiver of webhooks and print its path")]
    Receiver(super::notification::CreateReceiverArgs),
}

/// `create source …`.
#[derive(Debug, Subcommand)]
#[allow(missing_docs)]
pub enum CreateSource {
    #[command(about = "Create or update a GitRepository and fetch it")]
    Git(create_source::CreateSourceGitArgs),
    #[command(about = "Create or update an OCIRepository and pull it")]
    Oci(super::oci_source::CreateSourceOciArgs),
    #[command(about = "Create or update a HelmRepository and fetch its index")]
    Helm(super::helm_source::CreateSourceHelmArgs),
    #[command(about = "Create or update a HelmChart and build it")]
    Chart(super::chart_source::CreateSourceChartArgs),
}

/// `create secret …`.
#[derive(Debug, Subcommand)]
#[allow(missing_docs)]
pub enum CreateSecret {
    #[command(
        about = "Create or update a Secret for Git access (deploy key and known_hosts, or HTTPS credentials)"
    )]
    Git(create_secret::CreateSecretGitArgs),
    #[command(about = "Create or update a Secret of age keys for SOPS decryption (spec.decryption)")]
    Sops(super::create_secret_sops::CreateSecretSopsArgs),
    #[command(about = "Create or update a dockerconfigjson Secret for OCI registry access")]
    Oci(super::oci_source::CreateSecretOciArgs),
    #[command(about = "Create or update a Secret for HelmRepository access (credentials, TLS)")]
    Helm(super::helm_source::CreateSecretHelmArgs),
}

/// Flags every `create` command takes.
#[derive(Debug, Clone, Args)]
pub struct CreateCommon {
    /// Print the manifest as YAML instead of applying it.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub export: bool,
    /// Labels to set, `key=value` (repeat the flag or separate with commas).
    #[arg(long, value_name = "KEY=VALUE", value_delimiter = ',')]
    pub label: Vec<String>,
}

impl CreateCommon {
    /// The labels, validated.
    pub fn labels(&self) -> anyhow::Result<BTreeMap<String, String>> {
        let mut out = BTreeMap::new();
        for l in &self.label {
            let Some((k, v)) = l.split_once('=') else {
                return Err(super::usage_error(format!(
                    "invalid label {l:?}: expected key=value"
                )));
            };
            if k.is_empty() {
                return Err(super::usage_error(format!(
                    "invalid label {l:?}: the key is empty"
                )));
            }
            out.insert(k.to_string(), v.to_string());
        }
        Ok(out)
    }
}

/// Runs `create`.
pub async fn run(ctx: &CliContext, cmd: CreateCommand) -> anyhow::Result<()> {
    match cmd.kind {
        CreateKind::Kustomization(a) => create_kustomization::run(ctx, a).await,
        CreateKind::Helmrelease(a) => super::helmrelease::run_create(ctx, a).await,
        CreateKind::Source(CreateSource::Git(a)) => create_source::run(ctx, a).await,
        CreateKind::Secret(CreateSecret::Git(a)) => create_secret::run(ctx, a).await,
        CreateKind::Secret(CreateSecret::Sops(a)) => super::create_secret_sops::run(ctx, a).await,
        CreateKind::AlertProvider(a) => super::notification::run_provider(ctx, a).await,
        CreateKind::Alert(a) => super::notification::run_alert(ctx, a).await,
        CreateKind::Receiver(a) => super::notification::run_receiver(ctx, a).await,
        CreateKind::Source(CreateSource::Oci(a)) => super::oci_source::run_create(ctx, a).await,
        CreateKind::Secret(CreateSecret::Oci(a)) => super::oci_source::run_create_secret(ctx, a).await,
        CreateKind::Source(CreateSource::Helm(a)) => super::helm_source::run_create(ctx, a).await,
        CreateKind::Source(CreateSource::Chart(a)) => super::chart_source::run_create(ctx, a).await,
        CreateKind::Secret(CreateSecret::Helm(a)) => super::helm_source::run_create_secret(ctx, a).await,
    }
}

/// The YAML document `--export` prints (`---` and the object).
pub fn export_document(object: &Value) -> String {
    format!("---\n{}", crate::yaml::to_string(object))
}

/// Whether an object exists (for the created/updated wording).
pub async fn exists<K>(api: &Api<K>, name: &str) -> anyhow::Result<bool>
where
    K: kube::Resource + Clone + DeserializeOwned + std::fmt::Debug,
{
    api.get_metadata_opt(name)
        .await
        .map(|o| o.is_some())
        .map_err(|e| anyhow::anyhow!(cluster::describe(&e)))
}

/// Server-side applies an object with the field manager `flux`, taking over conflicting
/// fields (as upstream's create-or-update replaces them).
pub async fn apply<K>(api: &Api<K>, name: &str, object: &Value) -> anyhow::Result<K>
where
    K: kube::Resource + Clone + DeserializeOwned + std::fmt::Debug,
{
    api.patch(
        name,
        &PatchParams::apply(DEFAULT_FIELD_MANAGER).force(),
        &Patch::Apply(object),
    )
    .await
    .map_err(|e| anyhow::anyhow!(cluster::describe(&e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_key_value_pairs() {
        let c = CreateCommon {
            export: false,
            label: vec!["team=a".into(), "env=".into()],
        };
        let l = c.labels().unwrap();
        assert_eq!(l["team"], "a");
        assert_eq!(l["env"], "");
        let c = CreateCommon {
            export: false,
            label: vec!["novalue".into()],
        };
        assert!(c.labels().unwrap_err().to_string().contains("key=value"));
    }
}
