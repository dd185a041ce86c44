//! `flux-rs create kustomization|ks NAME --source GitRepository/NAME …`: create or update a
//! Kustomization from flags (server-side apply, field manager `flux`), or print it with
//! `--export`, then reconcile it once as `reconcile kustomization` would.

use std::time::Duration;

use anyhow::Context as _;
use clap::Args;
use kube::api::Api;
use serde_json::{Value, json};

use super::create::{CreateCommon, apply, exists, export_document};
use super::reconcile_kustomization::{self as reconcile, Mode, ModeArgs};
use super::{CliContext, flags};
use crate::api::kustomize::KUSTOMIZE_API_GROUP;
use crate::api::{FluxObject as _, Kustomization};
use crate::duration;
use crate::ops::{FluxClient, FluxKind};

const HELP: &str = "\
Examples:
  # Apply ./deploy of the GitRepository podinfo, pruning what is removed from it
  flux-rs create kustomization podinfo --source GitRepository/podinfo --path ./deploy --prune

  # Into another namespace, after infra is ready, as a tenant's service account
  flux-rs create ks apps --source apps --path ./apps/prod --prune --depends-on infra \\
    --target-namespace apps --service-account deployer

  # Wait for a Deployment to be healthy after each apply
  flux-rs create ks podinfo --source podinfo --health-check Deployment/podinfo.default \\
    --health-check-timeout 3m

  # Decrypt SOPS-encrypted files with the age keys of the Secret sops-age
  flux-rs create ks apps --source apps --path ./deploy --prune \\
    --decryption-provider sops --decryption-secret sops-age

  # Print the manifest instead of creating it
  flux-rs create ks podinfo --source podinfo --path ./deploy --prune --export > podinfo.yaml

Exit codes:
  0  created or updated (and ready at its source's revision), or printed with --export
  1  the Kustomization could not be written or reconciled
  2  a usage error: unknown command or flag, a missing or invalid argument";

/// Flags of `create kustomization`.
#[derive(Debug, Args)]
#[command(
    long_about = "Create a Kustomization (kustomize.toolkit.fluxcd.io/v1) in the namespace given \
        with -n, or update the one that exists (server-side apply, field manager `flux`: the fields \
        set by a previous `create` and not given now are removed), then \
        reconcile it once as `flux-rs reconcile kustomization` would: through the running \
        controller, or in this process when none runs (--local and --controller force either).\n\n\
        With --export nothing is written: the manifest is printed on stdout.",
    after_help = HELP
)]
pub struct CreateKustomizationArgs {
    /// Name of the Kustomization.
    pub name: String,
    /// Source of the manifests: `[GitRepository/|OCIRepository/]<name>[.<namespace>]`.
    #[arg(long, value_name = "[GitRepository/]NAME[.NAMESPACE]")]
    pub source: String,
    /// Path to the directory with the manifests, relative to the source root.
    #[arg(long, default_value = "./", value_name = "PATH")]
    pub path: String,
    /// Delete objects that were applied before and are gone from the source.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub prune: bool,
    /// How often the Kustomization is reconciled.
    #[arg(long, default_value = "1m", value_parser = flags::parse_duration)]
    pub interval: Duration,
    /// How long to wait before retrying after a failure (default: the interval).
    #[arg(long, value_parser = flags::parse_duration, value_name = "DURATION")]
    pub retry_interval: Option<Duration>,
    /// Kustomizations that must be ready first: `<name>` or `<namespace>/<name>` (repeat or
    /// separate with commas).
    #[arg(long, value_delimiter = ',', value_name = "[NAMESPACE/]NAME")]
    pub depends_on: Vec<String>,
    /// Namespace set on every namespaced object.
    #[arg(long, value_parser = flags::parse_namespace, value_name = "NAMESPACE")]
    pub target_namespace: Option<String>,
    /// Service account impersonated for every apply, prune and health check.
    #[arg(long, value_name = "NAME")]
    pub service_account: Option<String>,
    /// Wait for every applied object to be healthy after each apply.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub wait: bool,
    /// Workloads whose health gates readiness: `<kind>/<name>.<namespace>` (Deployment,
    /// StatefulSet, DaemonSet or HelmRelease; repeat or separate with commas).
    #[arg(long, value_delimiter = ',', value_name = "KIND/NAME.NAMESPACE")]
    pub health_check: Vec<String>,
    /// How long health checks may take (spec.timeout, with --wait or --health-check).
    #[arg(long, default_value = "2m", value_parser = flags::parse_duration)]
    pub health_check_timeout: Duration,
    /// Decrypt SOPS-encrypted files of the source with this provider (only `sops`).
    #[arg(long, value_name = "PROVIDER", value_parser = ["sops"])]
    pub decryption_provider: Option<String>,
    /// Secret with the age keys (`*.agekey` entries) to decrypt with, in the Kustomization's
    /// namespace (see `create secret sops`); requires --decryption-provider.
    #[arg(long, value_name = "NAME", requires = "decryption_provider")]
    pub decryption_secret: Option<String>,
    /// `--export` and `--label`.
    #[command(flatten)]
    pub common: CreateCommon,
    /// Who reconciles after the write.
    #[command(flatten)]
    pub mode: ModeArgs,
}

/// `(kind, name, namespace)` of `--source`.
fn parse_source(s: &str) -> anyhow::Result<(String, String, Option<String>)> {
    let (kind, rest) = match s.split_once('/') {
        Some((k, r)) => (k.to_string(), r),
        None => ("GitRepository".to_string(), s),
    };
    if kind != "GitRepository" && kind != "OCIRepository" {
        anyhow::bail!(
            "invalid --source {s:?}: {kind} sources are not supported by flux-rs (only GitRepository and OCIRepository)"
        );
    }
    let (name, ns) = match rest.split_once('.') {
        Some((n, ns)) => (n, Some(ns.to_string())),
        None => (rest, None),
    };
    if name.is_empty() || ns.as_deref().is_some_and(str::is_empty) {
        anyhow::bail!("invalid --source {s:?}: expected [GitRepository/]<name>[.<namespace>]");
    }
    Ok((kind, name.to_string(), ns))
}

fn parse_health_check(s: &str) -> anyhow::Result<Value> {
    let Some((kind, rest)) = s.split_once('/') else {
        anyhow::bail!("invalid health check {s:?}: it must be in the format 'kind/name.namespace'");
    };
    let api_version = match kind {
        "Deployment" | "DaemonSet" | "StatefulSet" => "apps/v1",
        "HelmRelease" => "helm.toolkit.fluxcd.io/v2",
        _ => anyhow::bail!(
            "invalid health check kind {kind:?}: it can be HelmRelease, Deployment, DaemonSet or StatefulSet"
        ),
    };
    let Some((name, ns)) = rest
        .split_once('.')
        .filter(|(n, ns)| !n.is_empty() && !ns.is_empty())
    else {
        anyhow::bail!("invalid health check {s:?}: it must be in the format 'kind/name.namespace'");
    };
    Ok(json!({"apiVersion": api_version, "kind": kind, "name": name, "namespace": ns}))
}

/// The Kustomization the flags describe, as JSON (validated).
pub fn manifest(args: &CreateKustomizationArgs, namespace: &str) -> anyhow::Result<Value> {
    let (kind, source, source_ns) = parse_source(&args.source)?;
    let path = crate::manifests::normalize_repo_path(&args.path)
        .map_err(|e| anyhow::anyhow!("invalid --path: {e}"))?;
    let mut source_ref = json!({"kind": kind, "name": source});
    if let Some(ns) = source_ns {
        source_ref["namespace"] = json!(ns);
    }
    let mut spec = json!({
        "interval": duration::format(args.interval),
        "path": path,
        "prune": args.prune,
        "sourceRef": source_ref,
    });
    if let Some(r) = args.retry_interval {
        spec["retryInterval"] = json!(duration::format(r));
    }
    if !args.depends_on.is_empty() {
        spec["dependsOn"] = dependency_refs(&args.depends_on);
    }
    if let Some(t) = &args.target_namespace {
        spec["targetNamespace"] = json!(t);
    }
    if let Some(sa) = &args.service_account {
        spec["serviceAccountName"] = json!(sa);
    }
    if !args.health_check.is_empty() {
        let checks = args
            .health_check
            .iter()
            .map(|h| parse_health_check(h))
            .collect::<anyhow::Result<Vec<_>>>()?;
        spec["healthChecks"] = json!(checks);
    }
    if args.wait {
        spec["wait"] = json!(true);
    }
    if let Some(p) = &args.decryption_provider {
        spec["decryption"] = json!({"provider": p});
        if let Some(s) = &args.decryption_secret {
            spec["decryption"]["secretRef"] = json!({"name": s});
        }
    }
    if args.wait || !args.health_check.is_empty() {
        spec["timeout"] = json!(duration::format(args.health_check_timeout));
    }
    let mut metadata = json!({"name": args.name, "namespace": namespace});
    let labels = args.common.labels()?;
    if !labels.is_empty() {
        metadata["labels"] = json!(labels);
    }
    let value = json!({
        "apiVersion": format!("{KUSTOMIZE_API_GROUP}/v1"),
        "kind": "Kustomization",
        "metadata": metadata,
        "spec": spec,
    });
    Kustomization::parse(value.clone())?;
    Ok(value)
}

/// Runs `create kustomization`.
pub async fn run(ctx: &CliContext, args: CreateKustomizationArgs) -> anyhow::Result<()> {
    let ns = ctx.namespace();
    let value = manifest(&args, ns).map_err(|e| super::usage_error(super::output::message(&e)))?;
    if args.common.export {
        ctx.printer.data(export_document(&value));
        return Ok(());
    }
    let p = &ctx.printer;
    p.generate("generating Kustomization");
    let client = ctx.reachable_client().await?;
    p.action("applying Kustomization");
    let api: Api<Kustomization> = Api::namespaced(client.clone(), ns);
    let object = format!("Kustomization/{ns}/{}", args.name);
    let existed = exists(&api, &args.name).await.with_context(|| object.clone())?;
    let applied = apply(&api, &args.name, &value)
        .await
        .with_context(|| object.clone())?;
    p.success(if existed {
        "Kustomization updated"
    } else {
        "Kustomization created"
    });

    match reconcile::mode(&client, ns, args.mode).await? {
        Mode::Controller => {
            let flux = FluxClient::new(client.clone());
            let live = flux.get(FluxKind::Kustomization, ns, &args.name).await?;
            reconcile::reconcile_through_controller(ctx, &flux, &live, false).await?;
            Ok(())
        }
        Mode::Local => {
            let provider = reconcile::source_provider(ctx).await?;
            reconcile::run_local(ctx, &applied, provider).await
        }
    }
}

/// `spec.dependsOn` from `--depends-on` values (`<name>` or `<namespace>/<name>`).
pub(super) fn dependency_refs(values: &[String]) -> Value {
    let deps: Vec<Value> = values
        .iter()
        .map(|d| match d.split_once('/') {
            Some((ns, name)) => json!({"name": name, "namespace": ns}),
            None => json!({"name": d}),
        })
        .collect();
    json!(deps)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_and_health_checks_parse_as_upstream_writes_them() {
        assert_eq!(
            parse_source("podinfo").unwrap(),
            ("GitRepository".into(), "podinfo".into(), None)
        );
        assert_eq!(
            parse_source("GitRepository/podinfo.flux-system").unwrap(),
            (
                "GitRepository".into(),
                "podinfo".into(),
                Some("flux-system".into())
            )
        );
        assert_eq!(
            parse_source("OCIRepository/x").unwrap(),
            ("OCIRepository".to_string(), "x".to_string(), None)
        );
        assert!(
            parse_source("Bucket/x")
                .unwrap_err()
                .to_string()
                .contains("only GitRepository and OCIRepository")
        );
        assert!(parse_source("GitRepository/").is_err());
        assert_eq!(
            parse_health_check("Deployment/web.apps").unwrap(),
            json!({"apiVersion": "apps/v1", "kind": "Deployment", "name": "web", "namespace": "apps"})
        );
        assert!(
            parse_health_check("Service/web.apps")
                .unwrap_err()
                .to_string()
                .contains("can be HelmRelease, Deployment, DaemonSet or StatefulSet")
        );
        assert!(parse_health_check("Deployment/web").is_err());
    }
}
