//! `flux-rs export`: objects as clean YAML (`---` separated; apiVersion, kind, metadata name,
//! namespace, labels and annotations, spec), with `--with-credentials` every Secret they
//! reference — ready to apply on another cluster.

use clap::Args;
use serde_json::Value;

use super::CliContext;
use super::kind::{KindArg, namespace_phrase, validate_targets};
use crate::ops::{self, ListOptions, LiveObject};

const EXPORT_HELP: &str = "\
Examples:
  # One Kustomization
  flux-rs export kustomization apps > apps.yaml

  # Every GitRepository in the namespace, with the Secrets they use
  flux-rs export source git --all --with-credentials > sources.yaml

  # Move objects to another cluster
  flux-rs export ks --all -n apps | kubectl --context other apply -f -";

/// `export` and its kinds.
#[derive(Debug, Args)]
#[command(
    long_about = "Print Flux objects as clean YAML manifests: apiVersion, kind, metadata (name, \
        namespace, labels, annotations) and spec — no status, uid, resourceVersion, generation, \
        timestamps, managed fields or finalizers — so the output applies as-is to any cluster.",
    after_help = EXPORT_HELP
)]
pub struct ExportCommand {
    /// The kind.
    #[command(subcommand)]
    pub kind: KindArg<ExportArgs>,
}

/// Arguments of `export <kind>`.
#[derive(Debug, Clone, Args)]
#[command(
    long_about = "Print the named objects (or every object of the kind in the namespace with --all) \
        as clean YAML documents separated by `---`. With --with-credentials, every Secret an object \
        references (for a GitRepository: spec.secretRef, spec.verify.secretRef, spec.proxySecretRef; \
        for a Kustomization: decryption, kubeConfig and postBuild.substituteFrom Secrets) is printed \
        before it, with its name, namespace, type and data only. Nothing is printed unless every \
        object and Secret was found.",
    after_help = EXPORT_HELP
)]
pub struct ExportArgs {
    /// Names of the objects.
    pub names: Vec<String>,
    /// Every object of the kind in the namespace.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub all: bool,
    /// Also print the Secrets the objects reference (their data is base64, not encrypted).
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub with_credentials: bool,
}

/// Runs `export`.
pub async fn run(ctx: &CliContext, cmd: ExportCommand) -> anyhow::Result<()> {
    let (kind, args) = cmd.kind.into_parts();
    let names = validate_targets(kind, &args.names, args.all)?;
    let flux = ctx.flux().await?;
    let ns = ctx.namespace();
    let objects: Vec<LiveObject> = if args.all {
        let opts = ListOptions {
            namespace: Some(ns.to_string()),
            ..Default::default()
        };
        let list = flux
            .list(kind, &opts)
            .await?
            .ok_or(ops::Error::NotServed { kind })?;
        if list.is_empty() {
            anyhow::bail!("no {kind} objects found in {}", namespace_phrase(Some(ns)));
        }
        list
    } else {
        let mut out = Vec::new();
        for n in &names {
            out.push(flux.get(kind, ns, n).await?);
        }
        out
    };
    // Collect everything before printing, so a missing Secret prints nothing.
    let mut documents: Vec<Value> = Vec::new();
    let mut secrets_seen: Vec<String> = Vec::new();
    for obj in &objects {
        if args.with_credentials {
            for s in flux.referenced_secrets(obj).await? {
                let id = format!("{}/{}", s["metadata"]["namespace"], s["metadata"]["name"]);
                if !secrets_seen.contains(&id) {
                    secrets_seen.push(id);
                    documents.push(s);
                }
            }
        }
        documents.push(ops::export::clean(&obj.value));
    }
    let mut text = String::new();
    for d in &documents {
        text.push_str("---\n");
        text.push_str(&crate::yaml::to_string(d));
    }
    ctx.printer.data(text);
    if args.with_credentials && secrets_seen.is_empty() {
        ctx.printer.warning(format!(
            "--with-credentials: no Secret is referenced by the exported {kind} objects"
        ));
    }
    Ok(())
}
