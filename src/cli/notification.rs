//! The notification kinds from the command line, with upstream's flags:
//! `create alert-provider`, `create alert`, `create receiver` (server-side apply, or the
//! manifest with `--export`) and `reconcile receiver` (the webhook path computed and written
//! in the Receiver's status, from this process).

use clap::Args;
use kube::api::Api;
use serde_json::{Value, json};

use super::CliContext;
use super::create::{CreateCommon, apply, exists, export_document};
use crate::api::FluxObject;
use crate::api::notification::{Alert, NOTIFICATION_GROUP, Provider, Receiver};
use crate::reconcile::Outcome;

const PROVIDER_HELP: &str = "\
Examples:
  # Slack, the webhook address kept in a Secret (key: address)
  flux-rs create alert-provider slack --type=slack --channel=general --secret-ref=slack-url

  # A generic webhook whose calls are signed (X-Signature, key: token)
  flux-rs create alert-provider hooks --type=generic-hmac --address=https://hooks.example.com/flux \\
    --secret-ref=hook-token

  # Commit statuses on GitHub (the token in the Secret's key token)
  flux-rs create alert-provider github --type=github --address=https://github.com/org/app \\
    --secret-ref=github-token --export";

const ALERT_HELP: &str = "\
Examples:
  # Errors of every Kustomization and GitRepository of the namespace
  flux-rs create alert ops --provider-ref=slack --event-severity=error \\
    --event-source='Kustomization/*' --event-source='GitRepository/*'

  # Everything about one Kustomization of another namespace
  flux-rs create alert apps --provider-ref=hooks --event-source=Kustomization/apps.team-a --export";

const RECEIVER_HELP: &str = "\
Examples:
  # GitHub pushes make the GitRepository webapp fetch at once
  flux-rs create receiver github --type=github --event=ping --event=push \\
    --secret-ref=webhook-token --resource=GitRepository/webapp

  # Print the manifest
  flux-rs create receiver hook --type=generic --secret-ref=t --resource='Kustomization/*' --export";

/// Arguments of `create alert-provider`.
#[derive(Debug, Clone, Args)]
#[command(
    long_about = "Create or update a Provider (notification.toolkit.fluxcd.io/v1beta3): where the \
        events Alerts select are sent. flux-rs delivers to the types generic, generic-hmac, slack, \
        rocket, discord, msteams, and github, gitlab and gitea (commit statuses); other types are \
        accepted by the API and reported as unsupported on delivery. Addresses and tokens belong in the Secret named by \
        --secret-ref (keys address, token, headers).",
    after_help = PROVIDER_HELP
)]
pub struct CreateProviderArgs {
    /// Name of the Provider.
    pub name: String,
    /// Type of the provider (slack, discord, msteams, generic, generic-hmac, github, …).
    #[arg(long = "type", value_name = "TYPE")]
    pub type_: String,
    /// Channel to post to.
    #[arg(long, default_value = "")]
    pub channel: String,
    /// Bot user name.
    #[arg(long, default_value = "")]
    pub username: String,
    /// Webhook address, or the repository URL of commit-status providers.
    #[arg(long, default_value = "")]
    pub address: String,
    /// Secret with the address, token or headers.
    #[arg(long, default_value = "")]
    pub secret_ref: String,
    /// Flags every `create` command takes.
    #[command(flatten)]
    pub common: CreateCommon,
}

/// Arguments of `create alert`.
#[derive(Debug, Clone, Args)]
#[command(
    long_about = "Create or update an Alert (notification.toolkit.fluxcd.io/v1beta3): the events of \
        the --event-source objects (Kind/name, Kind/name.namespace, Kind/* for all of a kind) of \
        --event-severity and above are sent to the Provider --provider-ref.",
    after_help = ALERT_HELP
)]
pub struct CreateAlertArgs {
    /// Name of the Alert.
    pub name: String,
    /// Name of the Provider.
    #[arg(long)]
    pub provider_ref: String,
    /// Lowest severity sent: info or error.
    #[arg(long, default_value = "info", value_parser = ["info", "error"])]
    pub event_severity: String,
    /// Objects whose events are sent: Kind/name[.namespace] or Kind/* (repeatable).
    #[arg(long = "event-source", value_name = "KIND/NAME", value_delimiter = ',')]
    pub event_sources: Vec<String>,
    /// Flags every `create` command takes.
    #[command(flatten)]
    pub common: CreateCommon,
}

/// Arguments of `create receiver`.
#[derive(Debug, Clone, Args)]
#[command(
    long_about = "Create or update a Receiver (notification.toolkit.fluxcd.io/v1): a call to its \
        webhook path, verified as the --type's service signs it with the token of --secret-ref, \
        asks the --resource objects to reconcile at once. The path is computed and written in the \
        status, and printed.",
    after_help = RECEIVER_HELP
)]
pub struct CreateReceiverArgs {
    /// Name of the Receiver.
    pub name: String,
    /// Type of the webhook (generic, generic-hmac, github, gitlab, bitbucket, harbor, …).
    #[arg(long = "type", value_name = "TYPE")]
    pub type_: String,
    /// Event types accepted (repeatable); all when none.
    #[arg(long = "event", value_delimiter = ',')]
    pub events: Vec<String>,
    /// Objects to reconcile: Kind/name[.namespace] or Kind/* (repeatable).
    #[arg(long = "resource", value_name = "KIND/NAME", value_delimiter = ',')]
    pub resources: Vec<String>,
    /// Secret holding the token (key: token).
    #[arg(long)]
    pub secret_ref: String,
    /// Flags every `create` command takes.
    #[command(flatten)]
    pub common: CreateCommon,
}

/// Arguments of `reconcile receiver`.
#[derive(Debug, Clone, Args)]
pub struct ReconcileReceiverArgs {
    /// Name of the Receiver.
    pub name: String,
}

/// `Kind/name`, `Kind/name.namespace` (as upstream's flags write a cross-namespace
/// reference) as a `CrossNamespaceObjectReference`.
fn object_ref(s: &str, flag: &str) -> anyhow::Result<Value> {
    let Some((kind, rest)) = s.split_once('/').filter(|(k, r)| !k.is_empty() && !r.is_empty()) else {
        return Err(super::usage_error(format!(
            "invalid {flag} {s:?}: expected Kind/name, Kind/name.namespace or Kind/*"
        )));
    };
    let mut r = json!({"kind": kind});
    match rest.split_once('.') {
        Some((name, ns)) if !ns.is_empty() => {
            r["name"] = json!(name);
            r["namespace"] = json!(ns);
        }
        _ => r["name"] = json!(rest),
    }
    Ok(r)
}

fn metadata(name: &str, ns: &str, common: &CreateCommon) -> anyhow::Result<Value> {
    let mut m = json!({"name": name, "namespace": ns});
    let labels = common.labels()?;
    if !labels.is_empty() {
        m["labels"] = json!(labels);
    }
    Ok(m)
}

fn set_nonempty(spec: &mut Value, key: &str, value: &str) {
    if !value.is_empty() {
        spec[key] = json!(value);
    }
}

/// The Provider `create alert-provider` makes, validated.
pub fn provider_manifest(a: &CreateProviderArgs, ns: &str) -> anyhow::Result<Value> {
    let mut spec = json!({"type": a.type_});
    set_nonempty(&mut spec, "channel", &a.channel);
    set_nonempty(&mut spec, "username", &a.username);
    set_nonempty(&mut spec, "address", &a.address);
    if !a.secret_ref.is_empty() {
        spec["secretRef"] = json!({"name": a.secret_ref});
    }
    let obj = json!({
        "apiVersion": format!("{NOTIFICATION_GROUP}/v1beta3"), "kind": "Provider",
        "metadata": metadata(&a.name, ns, &a.common)?, "spec": spec,
    });
    Provider::parse(obj.clone()).map_err(|e| super::usage_error(e.to_string()))?;
    Ok(obj)
}

/// The Alert `create alert` makes, validated.
pub fn alert_manifest(a: &CreateAlertArgs, ns: &str) -> anyhow::Result<Value> {
    if a.event_sources.is_empty() {
        return Err(super::usage_error("at least one --event-source is required"));
    }
    let sources = a
        .event_sources
        .iter()
        .map(|s| object_ref(s, "--event-source"))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let obj = json!({
        "apiVersion": format!("{NOTIFICATION_GROUP}/v1beta3"), "kind": "Alert",
        "metadata": metadata(&a.name, ns, &a.common)?,
        "spec": {"providerRef": {"name": a.provider_ref}, "eventSeverity": a.event_severity, "eventSources": sources},
    });
    Alert::parse(obj.clone()).map_err(|e| super::usage_error(e.to_string()))?;
    Ok(obj)
}

/// The Receiver `create receiver` makes, validated.
pub fn receiver_manifest(a: &CreateReceiverArgs, ns: &str) -> anyhow::Result<Value> {
    if a.resources.is_empty() {
        return Err(super::usage_error("at least one --resource is required"));
    }
    let resources = a
        .resources
        .iter()
        .map(|s| object_ref(s, "--resource"))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let mut spec = json!({"type": a.type_, "resources": resources, "secretRef": {"name": a.secret_ref}});
    if !a.events.is_empty() {
        spec["events"] = json!(a.events);
    }
    let obj = json!({
        "apiVersion": format!("{NOTIFICATION_GROUP}/v1"), "kind": "Receiver",
        "metadata": metadata(&a.name, ns, &a.common)?, "spec": spec,
    });
    Receiver::parse(obj.clone()).map_err(|e| super::usage_error(e.to_string()))?;
    Ok(obj)
}

async fn create<K>(ctx: &CliContext, kind: &str, name: &str, object: &Value) -> anyhow::Result<K>
where
    K: kube::Resource<DynamicType = (), Scope = k8s_openapi::NamespaceResourceScope>
        + Clone
        + serde::de::DeserializeOwned
        + std::fmt::Debug,
{
    let ns = ctx.namespace();
    ctx.printer.generate(format!("generating {kind}"));
    let api: Api<K> = Api::namespaced(ctx.client().await?, ns);
    let existed = exists(&api, name).await?;
    ctx.printer.action(format!("applying {kind}"));
    let applied = apply(&api, name, object)
        .await
        .map_err(|e| anyhow::anyhow!("{kind}/{ns}/{name}: {e}"))?;
    ctx.printer
        .success(format!("{kind} {}", if existed { "updated" } else { "created" }));
    Ok(applied)
}

/// Runs `create alert-provider`.
pub async fn run_provider(ctx: &CliContext, a: CreateProviderArgs) -> anyhow::Result<()> {
    let object = provider_manifest(&a, ctx.namespace())?;
    if a.common.export {
        ctx.printer.data(export_document(&object));
        return Ok(());
    }
    create::<Provider>(ctx, "Provider", &a.name, &object)
        .await
        .map(|_| ())
}

/// Runs `create alert`.
pub async fn run_alert(ctx: &CliContext, a: CreateAlertArgs) -> anyhow::Result<()> {
    let object = alert_manifest(&a, ctx.namespace())?;
    if a.common.export {
        ctx.printer.data(export_document(&object));
        return Ok(());
    }
    create::<Alert>(ctx, "Alert", &a.name, &object).await.map(|_| ())
}

/// Runs `create receiver`: applies it, then reconciles it here (its webhook path).
pub async fn run_receiver(ctx: &CliContext, a: CreateReceiverArgs) -> anyhow::Result<()> {
    let object = receiver_manifest(&a, ctx.namespace())?;
    if a.common.export {
        ctx.printer.data(export_document(&object));
        return Ok(());
    }
    let applied = create::<Receiver>(ctx, "Receiver", &a.name, &object).await?;
    reconcile_here(ctx, &applied).await
}

/// Reconciles a Receiver in this process and prints its webhook path.
pub(crate) async fn reconcile_here(ctx: &CliContext, r: &Receiver) -> anyhow::Result<()> {
    if r.spec.suspend {
        anyhow::bail!("resource is suspended");
    }
    let name = r.metadata.name.as_deref().unwrap_or_default();
    ctx.printer.waiting(format!(
        "reconciling Receiver {name} in {} namespace",
        ctx.namespace()
    ));
    let client = ctx.client().await?;
    match crate::notify::receiver::reconcile(&client, r, None).await {
        (Outcome::Succeeded, Some(path)) => {
            ctx.printer.success("Receiver reconciliation completed");
            ctx.printer.success(format!("generated webhook URL {path}"));
            Ok(())
        }
        (Outcome::Failed { message, .. } | Outcome::Stalled { message, .. }, _) => {
            anyhow::bail!("Receiver reconciliation failed: {message}")
        }
        (other, _) => anyhow::bail!("Receiver reconciliation did not complete: {other:?}"),
    }
}

/// Runs `reconcile receiver`.
pub async fn run_reconcile(ctx: &CliContext, a: ReconcileReceiverArgs) -> anyhow::Result<()> {
    let flux = ctx.flux().await?;
    let r: Receiver = flux.get_typed(ctx.namespace(), &a.name).await?;
    reconcile_here(ctx, &r).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::create::CreateKind;
    use crate::cli::{Cli, Command};
    use clap::Parser;

    fn create(args: &[&str]) -> CreateKind {
        let mut full = vec!["flux-rs", "create"];
        full.extend_from_slice(args);
        match Cli::try_parse_from(full).unwrap().command {
            Command::Create(c) => c.kind,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn manifests_from_upstreams_flags() {
        let CreateKind::AlertProvider(p) = create(&[
            "alert-provider",
            "slack",
            "--type=slack",
            "--channel=general",
            "--secret-ref=url",
        ]) else {
            panic!()
        };
        let m = provider_manifest(&p, "flux-system").unwrap();
        assert_eq!(m["apiVersion"], "notification.toolkit.fluxcd.io/v1beta3");
        assert_eq!(
            m["spec"],
            json!({"type": "slack", "channel": "general", "secretRef": {"name": "url"}})
        );

        let CreateKind::Alert(a) = create(&[
            "alert",
            "ops",
            "--provider-ref=slack",
            "--event-severity=error",
            "--event-source=Kustomization/*,GitRepository/podinfo.apps",
        ]) else {
            panic!()
        };
        let m = alert_manifest(&a, "flux-system").unwrap();
        assert_eq!(
            m["spec"]["eventSources"],
            json!([{"kind": "Kustomization", "name": "*"}, {"kind": "GitRepository", "name": "podinfo", "namespace": "apps"}])
        );
        assert_eq!(m["spec"]["eventSeverity"], "error");

        let CreateKind::Receiver(r) = create(&[
            "receiver",
            "gh",
            "--type=github",
            "--event=ping",
            "--event=push",
            "--secret-ref=tok",
            "--resource=GitRepository/webapp",
        ]) else {
            panic!()
        };
        let m = receiver_manifest(&r, "flux-system").unwrap();
        assert_eq!(m["apiVersion"], "notification.toolkit.fluxcd.io/v1");
        assert_eq!(m["spec"]["events"], json!(["ping", "push"]));

        let CreateKind::Receiver(bad) = create(&[
            "receiver",
            "gh",
            "--type=svn",
            "--secret-ref=tok",
            "--resource=GitRepository/webapp",
        ]) else {
            panic!()
        };
        let e = receiver_manifest(&bad, "flux-system").unwrap_err().to_string();
        assert!(e.contains("spec.type: unsupported value \"svn\""), "{e}");
        let CreateKind::Alert(bad) =
            create(&["alert", "x", "--provider-ref=p", "--event-source=Kustomization"])
        else {
            panic!()
        };
        assert!(
            alert_manifest(&bad, "ns")
                .unwrap_err()
                .to_string()
                .contains("expected Kind/name")
        );
    }
}
