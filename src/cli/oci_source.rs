//! OCIRepositories from the command line: `reconcile source oci NAME` (the CLI pulls the
//! artifact itself, one shot, with the source engine), `create source oci NAME --url …`
//! and `create secret oci NAME --url … --username … --password …` (a
//! `kubernetes.io/dockerconfigjson` Secret).

use std::collections::BTreeMap;
use std::time::Duration;

use clap::Args;
use k8s_openapi::api::core::v1::Secret;
use kube::api::Api;
use serde_json::{Value, json};

use super::CliContext;
use super::create::{CreateCommon, apply, exists, export_document};
use super::flags;
use super::reconcile::RECONCILE_HELP;
use crate::api::OCIRepository;
use crate::api::source::SOURCE_GROUP;
use crate::source::oci::{OciRef, repository};

/// How many artifacts of each OCIRepository the CLI keeps in its cache.
const CLI_RETENTION: usize = 2;

/// Arguments of `reconcile source oci`.
#[derive(Debug, Clone, Args)]
#[command(
    long_about = "Pull an OCIRepository's artifact now, from this machine: resolve spec.ref (digest > \
        semver > tag, `latest` by default), read the manifest, pull the selected layer (its digest \
        checked, its size bounded), store the artifact and write the status as source-controller \
        does (revision <tag>@sha256:<digest>). Nothing is pulled when the stored artifact is \
        already that revision. Credentials come from the dockerconfigjson Secret in spec.secretRef, \
        extra CAs and a client certificate from spec.certSecretRef.\n\n\
        The artifact is kept under the user's cache directory ($XDG_CACHE_HOME/flux-rs/artifacts or \
        ~/.cache/flux-rs/artifacts).",
    after_help = RECONCILE_HELP
)]
pub struct ReconcileSourceOciArgs {
    /// Name of the OCIRepository.
    pub name: String,
}

/// Runs `reconcile source oci`.
pub async fn run_reconcile(ctx: &CliContext, args: ReconcileSourceOciArgs) -> anyhow::Result<()> {
    let flux = ctx.flux().await?;
    let repo: OCIRepository = flux.get_typed(ctx.namespace(), &args.name).await?;
    let revision = fetch(ctx, &repo).await?;
    ctx.printer.success(format!("fetched revision {revision}"));
    Ok(())
}

/// Pulls an OCIRepository with the source engine (the caller prints the outcome); old
/// artifacts of the object in the CLI's cache are removed.
pub async fn fetch(ctx: &CliContext, repo: &OCIRepository) -> anyhow::Result<String> {
    let ns = repo.metadata.namespace.as_deref().unwrap_or_default();
    let name = repo.metadata.name.as_deref().unwrap_or_default();
    if repo.spec.suspend {
        anyhow::bail!("resource is suspended");
    }
    let client = ctx.client().await?;
    let opts = super::env::cli_source_options()?;
    ctx.printer
        .action(format!("fetching OCIRepository {name} in {ns} namespace"));
    let spinner = ctx.printer.spinner(format!("pulling {}", repo.spec.url));
    let result = repository::reconcile(&client, repo, &opts).await;
    drop(spinner);
    let done = match result {
        Ok(r) => r,
        Err(e) => anyhow::bail!("OCIRepository reconciliation failed: {}", e.message),
    };
    tracing::debug!(
        new_artifact = done.new_artifact,
        layer_bytes = done.layer_bytes,
        "source engine finished"
    );
    if let Err(e) = opts.storage.garbage_collect(
        repository::KIND,
        ns,
        name,
        CLI_RETENTION,
        Some(&done.artifact.path),
    ) {
        ctx.printer.warning(format!("cannot remove old artifacts: {e}"));
    }
    Ok(done.revision)
}

const CREATE_HELP: &str = "\
Examples:
  # The artifact tagged `latest`, anonymously
  flux-rs create source oci podinfo --url=oci://ghcr.io/stefanprodan/manifests/podinfo --tag=latest

  # The highest tag in a semantic-version range, with a Secret made by `create secret oci`
  flux-rs create source oci apps --url=oci://registry.example.com/apps --tag-semver='>=1.0.0' \\
    --secret-ref=registry-auth

  # A registry on this machine over plain HTTP; print the manifest only
  flux-rs create source oci local --url=oci://127.0.0.1:5000/apps --tag=v1 --insecure --export";

/// Arguments of `create source oci`.
#[derive(Debug, Clone, Args)]
#[command(
    long_about = "Create or update an OCIRepository (server-side apply, field manager `flux`), then \
        pull it once from this machine as `flux-rs reconcile source oci` does and print the fetched \
        revision. With --export, print the manifest instead and touch nothing.\n\n\
        One reference is required: --tag, --tag-semver or --digest.",
    after_help = CREATE_HELP
)]
pub struct CreateSourceOciArgs {
    /// Name of the OCIRepository.
    pub name: String,
    /// Repository address (oci://<host>/<path>, without a tag).
    #[arg(long)]
    pub url: String,
    /// Tag to pull.
    #[arg(long)]
    pub tag: Option<String>,
    /// Semantic-version range; the highest matching tag is pulled.
    #[arg(long = "tag-semver", value_name = "RANGE")]
    pub tag_semver: Option<String>,
    /// Digest to pull (sha256:<hex>).
    #[arg(long)]
    pub digest: Option<String>,
    /// How often the registry is checked for a new artifact.
    #[arg(long, default_value = "1m", value_parser = flags::parse_duration)]
    pub interval: Duration,
    /// A kubernetes.io/dockerconfigjson Secret with the registry credentials.
    #[arg(long = "secret-ref", value_name = "NAME")]
    pub secret_ref: Option<String>,
    /// A Secret with ca.crt (and tls.crt, tls.key) for the registry's TLS.
    #[arg(long = "cert-ref", value_name = "NAME")]
    pub cert_ref: Option<String>,
    /// Talk to the registry over plain HTTP.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub insecure: bool,
    /// Credentials provider (only `generic` is supported).
    #[arg(long, default_value = "generic", value_parser = ["generic"])]
    pub provider: String,
    /// Paths to leave out of the artifact, in gitignore syntax (repeat or separate with commas).
    #[arg(long = "ignore-paths", value_name = "PATTERN", value_delimiter = ',')]
    pub ignore_paths: Vec<String>,
    /// Flags shared by create commands.
    #[command(flatten)]
    pub common: CreateCommon,
}

/// The OCIRepository manifest the flags describe.
pub fn manifest(args: &CreateSourceOciArgs, namespace: &str) -> anyhow::Result<Value> {
    let url = OciRef::parse(&args.url)?;
    if url.tag.is_some() || url.digest.is_some() {
        anyhow::bail!(
            "invalid --url {:?}: give the tag with --tag or the digest with --digest",
            args.url
        );
    }
    let mut reference = serde_json::Map::new();
    if let Some(t) = args.tag.as_deref().filter(|t| !t.is_empty()) {
        OciRef::check_tag(t)?;
        reference.insert("tag".into(), json!(t));
    }
    if let Some(r) = args.tag_semver.as_deref().filter(|t| !t.is_empty()) {
        crate::source::reference::Constraint::parse(r)
            .map_err(|e| anyhow::anyhow!("invalid --tag-semver {r:?}: {e}"))?;
        reference.insert("semver".into(), json!(r));
    }
    if let Some(d) = args.digest.as_deref().filter(|t| !t.is_empty()) {
        if !crate::source::oci::reference::valid_digest(d) {
            anyhow::bail!("invalid --digest {d:?}: expected sha256:<64 hex digits>");
        }
        reference.insert("digest".into(), json!(d));
    }
    if reference.is_empty() {
        anyhow::bail!("one of --tag, --tag-semver or --digest is required");
    }
    let mut spec = json!({
        "interval": crate::duration::format(args.interval),
        "url": args.url,
        "ref": reference,
    });
    if args.provider != "generic" {
        spec["provider"] = json!(args.provider);
    }
    if let Some(s) = &args.secret_ref {
        spec["secretRef"] = json!({"name": s});
    }
    if let Some(s) = &args.cert_ref {
        spec["certSecretRef"] = json!({"name": s});
    }
    if args.insecure {
        spec["insecure"] = json!(true);
    }
    if !args.ignore_paths.is_empty() {
        spec["ignore"] = json!(args.ignore_paths.join("\n"));
    }
    let mut metadata = json!({"name": args.name, "namespace": namespace});
    let labels = args.common.labels()?;
    if !labels.is_empty() {
        metadata["labels"] = json!(labels);
    }
    Ok(json!({
        "apiVersion": format!("{SOURCE_GROUP}/v1"),
        "kind": "OCIRepository",
        "metadata": metadata,
        "spec": spec,
    }))
}

/// Runs `create source oci`.
pub async fn run_create(ctx: &CliContext, args: CreateSourceOciArgs) -> anyhow::Result<()> {
    let ns = ctx.namespace();
    let object = manifest(&args, ns).map_err(|e| super::usage_error(super::output::message(&e)))?;
    if args.common.export {
        ctx.printer.data(export_document(&object));
        return Ok(());
    }
    ctx.printer.generate("generating OCIRepository source");
    let client = ctx.client().await?;
    let api: Api<OCIRepository> = Api::namespaced(client, ns);
    let existed = exists(&api, &args.name).await?;
    ctx.printer.action("applying OCIRepository source");
    let applied = apply(&api, &args.name, &object)
        .await
        .map_err(|e| anyhow::anyhow!("OCIRepository/{ns}/{}: {e}", args.name))?;
    ctx.printer.success(if existed {
        "OCIRepository source updated"
    } else {
        "OCIRepository source created"
    });
    let revision = fetch(ctx, &applied).await?;
    ctx.printer
        .success("OCIRepository source reconciliation completed");
    ctx.printer.success(format!("fetched revision: {revision}"));
    Ok(())
}

/// Arguments of `create secret oci`.
#[derive(Debug, Clone, Args)]
#[command(
    long_about = "Create or update a kubernetes.io/dockerconfigjson Secret with registry credentials, \
        for an OCIRepository's spec.secretRef. With --export, print it (the values in clear, for \
        encrypting with SOPS) instead.",
    after_help = "Examples:\n  flux-rs create secret oci registry-auth --url=ghcr.io --username=flux --password=$TOKEN\n  \
        flux-rs create secret oci local --url=127.0.0.1:5000 --username=u --password=p --export"
)]
pub struct CreateSecretOciArgs {
    /// Name of the Secret.
    pub name: String,
    /// Registry host (`ghcr.io`, `127.0.0.1:5000`).
    #[arg(long)]
    pub url: String,
    /// User name.
    #[arg(long, short = 'u')]
    pub username: String,
    /// Password or token.
    #[arg(long, short = 'p')]
    pub password: String,
    /// Flags shared by create commands.
    #[command(flatten)]
    pub common: CreateCommon,
}

fn registry_host(url: &str) -> anyhow::Result<String> {
    let host = url
        .trim_start_matches("oci://")
        .trim_start_matches("https://")
        .trim_start_matches("http://");
    let host = host.split('/').next().unwrap_or_default();
    if host.is_empty() || host.contains(char::is_whitespace) {
        anyhow::bail!("invalid --url {url:?}: expected a registry host such as ghcr.io");
    }
    Ok(host.to_string())
}

/// The dockerconfigjson Secret.
pub fn secret_manifest(args: &CreateSecretOciArgs, namespace: &str, encode: bool) -> anyhow::Result<Value> {
    use base64::Engine as _;
    let host = registry_host(&args.url)?;
    let config = crate::source::oci::docker_config_json(&host, &args.username, &args.password);
    let mut metadata = json!({"name": args.name, "namespace": namespace});
    let labels: BTreeMap<String, String> = args.common.labels()?;
    if !labels.is_empty() {
        metadata["labels"] = json!(labels);
    }
    let mut s = json!({
        "apiVersion": "v1",
        "kind": "Secret",
        "metadata": metadata,
        "type": "kubernetes.io/dockerconfigjson",
    });
    if encode {
        s["data"] = json!({".dockerconfigjson": base64::engine::general_purpose::STANDARD.encode(config)});
    } else {
        s["stringData"] = json!({".dockerconfigjson": config});
    }
    Ok(s)
}

/// Runs `create secret oci`.
pub async fn run_create_secret(ctx: &CliContext, args: CreateSecretOciArgs) -> anyhow::Result<()> {
    let ns = ctx.namespace();
    if args.common.export {
        let s =
            secret_manifest(&args, ns, false).map_err(|e| super::usage_error(super::output::message(&e)))?;
        ctx.printer.data(export_document(&s));
        return Ok(());
    }
    let s = secret_manifest(&args, ns, true).map_err(|e| super::usage_error(super::output::message(&e)))?;
    let client = ctx.client().await?;
    let api: Api<Secret> = Api::namespaced(client, ns);
    let existed = exists(&api, &args.name).await?;
    apply(&api, &args.name, &s)
        .await
        .map_err(|e| anyhow::anyhow!("Secret/{ns}/{}: {e}", args.name))?;
    ctx.printer.success(format!(
        "oci secret '{}' {} in '{ns}' namespace",
        args.name,
        if existed { "updated" } else { "created" }
    ));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::create::{CreateKind, CreateSource};
    use crate::cli::{Cli, Command};
    use clap::Parser;

    fn parse(args: &[&str]) -> CreateSourceOciArgs {
        let mut full = vec!["flux-rs", "create", "source", "oci"];
        full.extend_from_slice(args);
        match Cli::try_parse_from(full).unwrap().command {
            Command::Create(c) => match c.kind {
                CreateKind::Source(CreateSource::Oci(a)) => a,
                other => panic!("{other:?}"),
            },
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn manifest_from_flags() {
        let a = parse(&[
            "apps",
            "--url=oci://127.0.0.1:5000/org/apps",
            "--tag-semver=>=1.0.0",
            "--secret-ref=auth",
            "--cert-ref=tls",
            "--insecure",
            "--ignore-paths=*.md",
        ]);
        let m = manifest(&a, "flux-system").unwrap();
        assert_eq!(m["kind"], "OCIRepository");
        assert_eq!(m["spec"]["ref"], json!({"semver": ">=1.0.0"}));
        assert_eq!(m["spec"]["secretRef"]["name"], "auth");
        assert_eq!(m["spec"]["certSecretRef"]["name"], "tls");
        assert_eq!(m["spec"]["insecure"], true);
        assert_eq!(m["spec"]["interval"], "1m0s");
        let _: OCIRepository = serde_json::from_value(m).unwrap();
        let e = |args: &[&str]| manifest(&parse(args), "ns").unwrap_err().to_string();
        assert!(e(&["x", "--url=oci://h/x"]).contains("--tag, --tag-semver or --digest"));
        assert!(e(&["x", "--url=oci://h/x:v1", "--tag=v1"]).contains("--tag"));
        assert!(e(&["x", "--url=https://h/x", "--tag=v1"]).contains("oci://"));
        assert!(e(&["x", "--url=oci://h/x", "--digest=sha256:1"]).contains("--digest"));
    }

    #[test]
    fn dockerconfigjson_secret() {
        let full = [
            "flux-rs",
            "create",
            "secret",
            "oci",
            "auth",
            "--url=oci://127.0.0.1:5000/x",
            "-u",
            "flux",
            "-p",
            "pw",
        ];
        let Command::Create(c) = Cli::try_parse_from(full).unwrap().command else {
            panic!()
        };
        let crate::cli::create::CreateKind::Secret(crate::cli::create::CreateSecret::Oci(a)) = c.kind else {
            panic!()
        };
        let s = secret_manifest(&a, "ns", false).unwrap();
        assert_eq!(s["type"], "kubernetes.io/dockerconfigjson");
        let cfg = s["stringData"][".dockerconfigjson"].as_str().unwrap();
        let creds =
            crate::source::oci::credentials_from_docker_config(cfg.as_bytes(), "127.0.0.1:5000").unwrap();
        assert!(creds.is_some());
        let _: Secret = serde_json::from_value(secret_manifest(&a, "ns", true).unwrap()).unwrap();
    }
}
