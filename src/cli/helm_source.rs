//! HelmRepositories from the command line: `reconcile source helm NAME` (the CLI fetches
//! the index itself, one shot, with the source engine), `create source helm NAME --url …`
//! and `create secret helm NAME` (username/password and TLS files).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;
use k8s_openapi::api::core::v1::Secret;
use kube::api::Api;
use serde_json::{Value, json};

use super::CliContext;
use super::create::{CreateCommon, apply, exists, export_document};
use super::flags;
use super::reconcile::RECONCILE_HELP;
use crate::api::HelmRepository;
use crate::api::source::SOURCE_GROUP;
use crate::source::helm::repository;

/// How many index artifacts of each HelmRepository the CLI keeps in its cache.
const CLI_RETENTION: usize = 2;

/// Arguments of `reconcile source helm`.
#[derive(Debug, Clone, Args)]
#[command(
    long_about = "Fetch a HelmRepository's index now, from this machine: GET <url>/index.yaml with the \
        credentials of spec.secretRef and the CAs of spec.certSecretRef, conditional on the stored \
        index (an unchanged index is not downloaded again), check it and store it as the artifact \
        (revision sha256:<digest>), writing the status as source-controller does. A type oci \
        repository has no index: its URL is checked.",
    after_help = RECONCILE_HELP
)]
pub struct ReconcileSourceHelmArgs {
    /// Name of the HelmRepository.
    pub name: String,
}

/// Runs `reconcile source helm`.
pub async fn run_reconcile(ctx: &CliContext, args: ReconcileSourceHelmArgs) -> anyhow::Result<()> {
    let flux = ctx.flux().await?;
    let repo: HelmRepository = flux.get_typed(ctx.namespace(), &args.name).await?;
    let revision = fetch(ctx, &repo).await?;
    ctx.printer.success(format!("fetched revision {revision}"));
    Ok(())
}

/// Fetches a HelmRepository with the source engine (the caller prints the outcome).
pub async fn fetch(ctx: &CliContext, repo: &HelmRepository) -> anyhow::Result<String> {
    let ns = repo.metadata.namespace.as_deref().unwrap_or_default();
    let name = repo.metadata.name.as_deref().unwrap_or_default();
    if repo.spec.suspend {
        anyhow::bail!("resource is suspended");
    }
    let client = ctx.client().await?;
    let opts = super::env::cli_source_options()?;
    ctx.printer
        .action(format!("fetching HelmRepository {name} in {ns} namespace"));
    let spinner = ctx.printer.spinner(format!(
        "fetching {}/index.yaml",
        repo.spec.url.trim_end_matches('/')
    ));
    let result = repository::reconcile(&client, repo, &opts).await;
    drop(spinner);
    let done = match result {
        Ok(r) => r,
        Err(e) => anyhow::bail!("HelmRepository reconciliation failed: {}", e.message),
    };
    tracing::debug!(
        downloaded = done.downloaded,
        versions = done.versions,
        "source engine finished"
    );
    if let Some(a) = &done.artifact
        && let Err(e) = opts
            .storage
            .garbage_collect(repository::KIND, ns, name, CLI_RETENTION, Some(&a.path))
    {
        ctx.printer.warning(format!("cannot remove old artifacts: {e}"));
    }
    Ok(done.revision)
}

/// Arguments of `create source helm`.
#[derive(Debug, Clone, Args)]
#[command(
    long_about = "Create or update a HelmRepository (server-side apply, field manager `flux`), then \
        fetch its index once from this machine as `flux-rs reconcile source helm` does. With \
        --export, print the manifest instead and touch nothing.",
    after_help = "Examples:\n  flux-rs create source helm podinfo --url=https://stefanprodan.github.io/podinfo\n  \
        flux-rs create source helm private --url=https://charts.example.com --secret-ref=charts-auth\n  \
        flux-rs create source helm oci-charts --url=oci://ghcr.io/org/charts --type=oci --export"
)]
pub struct CreateSourceHelmArgs {
    /// Name of the HelmRepository.
    pub name: String,
    /// Repository address (https://, http://, or oci:// with --type=oci).
    #[arg(long)]
    pub url: String,
    /// `default` (an index.yaml over HTTP/S) or `oci`.
    #[arg(long = "type", default_value = "default", value_parser = ["default", "oci"])]
    pub type_: String,
    /// How often the index is checked.
    #[arg(long, default_value = "1m", value_parser = flags::parse_duration)]
    pub interval: Duration,
    /// Secret with username and password (same namespace).
    #[arg(long = "secret-ref", value_name = "NAME")]
    pub secret_ref: Option<String>,
    /// Secret with ca.crt (and tls.crt, tls.key).
    #[arg(long = "cert-secret-ref", value_name = "NAME")]
    pub cert_secret_ref: Option<String>,
    /// Send the credentials to chart URLs on other hosts too.
    #[arg(long = "pass-credentials", num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub pass_credentials: bool,
    /// Flags shared by create commands.
    #[command(flatten)]
    pub common: CreateCommon,
}

/// The HelmRepository manifest the flags describe.
pub fn manifest(args: &CreateSourceHelmArgs, namespace: &str) -> anyhow::Result<Value> {
    let oci = args.type_ == "oci";
    let ok = if oci {
        args.url.starts_with("oci://")
    } else {
        args.url.starts_with("http://") || args.url.starts_with("https://")
    };
    if !ok {
        anyhow::bail!(
            "invalid --url {:?}: expected {}",
            args.url,
            if oci {
                "oci:// with --type=oci"
            } else {
                "http:// or https://"
            }
        );
    }
    let mut spec = json!({"interval": crate::duration::format(args.interval), "url": args.url});
    if oci {
        spec["type"] = json!("oci");
    }
    if let Some(s) = &args.secret_ref {
        spec["secretRef"] = json!({"name": s});
    }
    if let Some(s) = &args.cert_secret_ref {
        spec["certSecretRef"] = json!({"name": s});
    }
    if args.pass_credentials {
        spec["passCredentials"] = json!(true);
    }
    let mut metadata = json!({"name": args.name, "namespace": namespace});
    let labels = args.common.labels()?;
    if !labels.is_empty() {
        metadata["labels"] = json!(labels);
    }
    Ok(json!({
        "apiVersion": format!("{SOURCE_GROUP}/v1"),
        "kind": "HelmRepository",
        "metadata": metadata,
        "spec": spec,
    }))
}

/// Runs `create source helm`.
pub async fn run_create(ctx: &CliContext, args: CreateSourceHelmArgs) -> anyhow::Result<()> {
    let ns = ctx.namespace();
    let object = manifest(&args, ns).map_err(|e| super::usage_error(super::output::message(&e)))?;
    if args.common.export {
        ctx.printer.data(export_document(&object));
        return Ok(());
    }
    ctx.printer.generate("generating HelmRepository source");
    let client = ctx.client().await?;
    let api: Api<HelmRepository> = Api::namespaced(client, ns);
    let existed = exists(&api, &args.name).await?;
    ctx.printer.action("applying HelmRepository source");
    let applied = apply(&api, &args.name, &object)
        .await
        .map_err(|e| anyhow::anyhow!("HelmRepository/{ns}/{}: {e}", args.name))?;
    ctx.printer.success(if existed {
        "HelmRepository source updated"
    } else {
        "HelmRepository source created"
    });
    let revision = fetch(ctx, &applied).await?;
    ctx.printer
        .success("HelmRepository source reconciliation completed");
    if !revision.is_empty() {
        ctx.printer.success(format!("fetched revision: {revision}"));
    }
    Ok(())
}

/// Arguments of `create secret helm`.
#[derive(Debug, Clone, Args)]
#[command(
    long_about = "Create or update a Secret for a HelmRepository: username and password \
        (spec.secretRef) and/or certificate authorities and a client certificate \
        (spec.certSecretRef). With --export, print it (values in clear) instead.",
    after_help = "Examples:\n  flux-rs create secret helm charts-auth --username=u --password=p\n  \
        flux-rs create secret helm charts-tls --ca-crt-file=ca.crt --export"
)]
pub struct CreateSecretHelmArgs {
    /// Name of the Secret.
    pub name: String,
    /// User name.
    #[arg(long, short = 'u')]
    pub username: Option<String>,
    /// Password.
    #[arg(long, short = 'p')]
    pub password: Option<String>,
    /// PEM certificate authorities (ca.crt).
    #[arg(long = "ca-crt-file", value_name = "FILE")]
    pub ca_crt_file: Option<PathBuf>,
    /// PEM client certificate (tls.crt).
    #[arg(long = "tls-crt-file", value_name = "FILE")]
    pub tls_crt_file: Option<PathBuf>,
    /// PEM client key (tls.key).
    #[arg(long = "tls-key-file", value_name = "FILE")]
    pub tls_key_file: Option<PathBuf>,
    /// Flags shared by create commands.
    #[command(flatten)]
    pub common: CreateCommon,
}

/// The Secret's data.
fn secret_data(args: &CreateSecretHelmArgs) -> anyhow::Result<BTreeMap<&'static str, String>> {
    let mut data = BTreeMap::new();
    match (&args.username, &args.password) {
        (Some(u), Some(p)) => {
            data.insert("username", u.clone());
            data.insert("password", p.clone());
        }
        (None, None) => {}
        _ => anyhow::bail!("--username and --password go together"),
    }
    for (key, file) in [
        ("ca.crt", &args.ca_crt_file),
        ("tls.crt", &args.tls_crt_file),
        ("tls.key", &args.tls_key_file),
    ] {
        if let Some(f) = file {
            let text = std::fs::read_to_string(f).map_err(|e| anyhow::anyhow!("{}: {e}", f.display()))?;
            data.insert(key, text);
        }
    }
    if data.contains_key("tls.crt") != data.contains_key("tls.key") {
        anyhow::bail!("--tls-crt-file and --tls-key-file go together");
    }
    if data.is_empty() {
        anyhow::bail!("give --username and --password, or certificate files");
    }
    Ok(data)
}

/// Runs `create secret helm`.
pub async fn run_create_secret(ctx: &CliContext, args: CreateSecretHelmArgs) -> anyhow::Result<()> {
    use base64::Engine as _;
    let ns = ctx.namespace();
    let data = secret_data(&args).map_err(|e| super::usage_error(super::output::message(&e)))?;
    let mut metadata = json!({"name": args.name, "namespace": ns});
    let labels = args.common.labels()?;
    if !labels.is_empty() {
        metadata["labels"] = json!(labels);
    }
    let mut s = json!({"apiVersion": "v1", "kind": "Secret", "metadata": metadata, "type": "Opaque"});
    if args.common.export {
        s["stringData"] = json!(data);
        ctx.printer.data(export_document(&s));
        return Ok(());
    }
    let encoded: BTreeMap<&str, String> = data
        .iter()
        .map(|(k, v)| (*k, base64::engine::general_purpose::STANDARD.encode(v)))
        .collect();
    s["data"] = json!(encoded);
    let client = ctx.client().await?;
    let api: Api<Secret> = Api::namespaced(client, ns);
    let existed = exists(&api, &args.name).await?;
    apply(&api, &args.name, &s)
        .await
        .map_err(|e| anyhow::anyhow!("Secret/{ns}/{}: {e}", args.name))?;
    ctx.printer.success(format!(
        "helm secret '{}' {} in '{ns}' namespace",
        args.name,
        if existed { "updated" } else { "created" }
    ));
    Ok(())
}
