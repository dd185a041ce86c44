//! `flux-rs uninstall`: remove what `install` created — controllers, RBAC, finalizers on Flux
//! objects, the CRDs (and with them every GitRepository and Kustomization), and the namespace.

use anyhow::Context as _;
use clap::Args;
use kube::api::{Api, DynamicObject, ListParams, Patch, PatchParams};
use serde_json::json;

use super::CliContext;
use crate::api::meta::{INSTANCE_LABEL, PART_OF_FLUX, PART_OF_LABEL};
use crate::apply::{ApplyOptions, Manager, Owner};
use crate::cluster::{self, Discovery, ObjectRef};

/// Flags of `uninstall`.
#[derive(Debug, Args)]
#[command(
    long_about = "Remove flux-rs from the cluster: the controller Deployment, its service account and \
        RBAC, the finalizers of Flux objects in all namespaces, the GitRepository and Kustomization CRDs \
        (which deletes every object of those kinds, but not the workloads they applied), and the \
        namespace.\n\nAsks for confirmation unless -s/--silent is given; without a terminal, \
        -s/--silent is required.",
    after_help = "Examples:\n  flux-rs uninstall\n  flux-rs uninstall --dry-run\n  flux-rs uninstall -s --keep-namespace"
)]
pub struct UninstallArgs {
    /// Keep the namespace.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub keep_namespace: bool,
    /// Only list what would be deleted.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub dry_run: bool,
    /// Do not ask for confirmation.
    #[arg(short = 's', long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub silent: bool,
}

/// Namespaced kinds install creates, looked up by label.
const NAMESPACED_KINDS: &[(&str, &str)] = &[
    ("apps/v1", "Deployment"),
    ("v1", "Service"),
    ("v1", "ServiceAccount"),
    ("networking.k8s.io/v1", "NetworkPolicy"),
    ("rbac.authorization.k8s.io/v1", "RoleBinding"),
    ("rbac.authorization.k8s.io/v1", "Role"),
];
/// Cluster-scoped kinds install creates (besides CRDs and the namespace).
const CLUSTER_KINDS: &[(&str, &str)] = &[
    ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding"),
    ("rbac.authorization.k8s.io/v1", "ClusterRole"),
];
/// Flux kinds whose finalizers are removed before their CRDs go.
const FLUX_KINDS: &[(&str, &str)] = &[
    ("kustomize.toolkit.fluxcd.io/v1", "Kustomization"),
    ("source.toolkit.fluxcd.io/v1", "GitRepository"),
    ("source.toolkit.fluxcd.io/v1", "OCIRepository"),
];

/// Runs `uninstall`.
pub async fn run(ctx: &CliContext, args: UninstallArgs) -> anyhow::Result<()> {
    let p = &ctx.printer;
    let ns = ctx.namespace().to_string();
    if !args.silent && !args.dry_run {
        let ok = p
            .confirm(
                "Are you sure you want to delete flux-rs and its custom resource definitions?",
                "uninstall asks for confirmation, but stdin is not a terminal: pass -s/--silent to proceed",
            )
            .map_err(anyhow::Error::msg)?;
        if !ok {
            anyhow::bail!("aborted");
        }
    }
    let client = ctx.reachable_client().await?;
    let discovery = Discovery::new(client.clone());
    let selector = format!("{PART_OF_LABEL}={PART_OF_FLUX},{INSTANCE_LABEL}={ns}");
    let suffix = if args.dry_run { " (dry run)" } else { "" };

    p.action(format!("deleting components in {ns} namespace"));
    let mut components = list_labelled(&client, &discovery, NAMESPACED_KINDS, Some(&ns), &selector).await?;
    components.extend(list_labelled(&client, &discovery, CLUSTER_KINDS, None, &selector).await?);
    let manager = Manager::new(client.clone(), Owner::default());
    delete(ctx, &manager, &components, args.dry_run, suffix).await?;

    p.action("deleting toolkit.fluxcd.io finalizers in all namespaces");
    for (api_version, kind) in FLUX_KINDS {
        let Some(info) = discovery.resolve(api_version, kind).await? else {
            continue;
        };
        let api: Api<DynamicObject> = Api::all_with(client.clone(), &info.resource);
        let list = api
            .list(&ListParams::default())
            .await
            .map_err(|e| anyhow::anyhow!(cluster::describe(&e)))?;
        for obj in list {
            if obj.metadata.finalizers.as_ref().is_none_or(Vec::is_empty) {
                continue;
            }
            let name = obj.metadata.name.clone().unwrap_or_default();
            let obj_ns = obj.metadata.namespace.clone().unwrap_or_default();
            if !args.dry_run {
                let api: Api<DynamicObject> = Api::namespaced_with(client.clone(), &obj_ns, &info.resource);
                api.patch(
                    &name,
                    &PatchParams::default(),
                    &Patch::Merge(json!({"metadata": {"finalizers": null}})),
                )
                .await
                .map_err(|e| anyhow::anyhow!("{kind}/{obj_ns}/{name}: {}", cluster::describe(&e)))?;
            }
            p.success(format!("{kind}/{obj_ns}/{name} finalizers deleted{suffix}"));
        }
    }

    p.action("deleting toolkit.fluxcd.io custom resource definitions");
    let crd_kind = [("apiextensions.k8s.io/v1", "CustomResourceDefinition")];
    let crds = list_labelled(
        &client,
        &discovery,
        &crd_kind,
        None,
        &format!("{PART_OF_LABEL}={PART_OF_FLUX}"),
    )
    .await?
    .into_iter()
    .filter(|r| r.name.ends_with(".toolkit.fluxcd.io"))
    .collect::<Vec<_>>();
    delete(ctx, &manager, &crds, args.dry_run, suffix).await?;

    let mut waited = crds.clone();
    if !args.keep_namespace {
        let ns_ref = ObjectRef {
            group: String::new(),
            version: "v1".into(),
            kind: "Namespace".into(),
            namespace: String::new(),
            name: ns.clone(),
        };
        let api: Api<DynamicObject> = Api::all_with(
            client.clone(),
            &kube::api::ApiResource::erase::<k8s_openapi::api::core::v1::Namespace>(&()),
        );
        if api
            .get_opt(&ns)
            .await
            .map_err(|e| anyhow::anyhow!(cluster::describe(&e)))?
            .is_some()
        {
            delete(ctx, &manager, std::slice::from_ref(&ns_ref), args.dry_run, suffix).await?;
            waited.push(ns_ref);
        }
    }
    if !args.dry_run && !waited.is_empty() {
        p.waiting("waiting for the deletions to complete");
        let opts = ApplyOptions {
            wait_timeout: ctx.global.timeout,
            ..Default::default()
        };
        manager
            .wait_for_deletion(&waited, &opts)
            .await
            .context("uninstall did not complete")?;
    }
    p.success(format!("uninstall finished{suffix}"));
    Ok(())
}

async fn delete(
    ctx: &CliContext,
    manager: &Manager,
    objects: &[ObjectRef],
    dry_run: bool,
    suffix: &str,
) -> anyhow::Result<()> {
    if dry_run {
        for o in objects {
            ctx.printer.success(format!("{o} deleted{suffix}"));
        }
        return Ok(());
    }
    let changes = manager.delete_all(objects).await?;
    for e in changes
        .entries
        .iter()
        .filter(|e| e.action == crate::apply::Action::Deleted)
    {
        ctx.printer.success(format!("{} deleted", e.object));
    }
    Ok(())
}

async fn list_labelled(
    client: &kube::Client,
    discovery: &Discovery,
    kinds: &[(&str, &str)],
    namespace: Option<&str>,
    selector: &str,
) -> anyhow::Result<Vec<ObjectRef>> {
    let mut out = Vec::new();
    for (api_version, kind) in kinds {
        let Some(info) = discovery.resolve(api_version, kind).await? else {
            continue;
        };
        let api: Api<DynamicObject> = match namespace {
            Some(ns) => Api::namespaced_with(client.clone(), ns, &info.resource),
            None => Api::all_with(client.clone(), &info.resource),
        };
        let list = api
            .list(&ListParams::default().labels(selector))
            .await
            .map_err(|e| anyhow::anyhow!("listing {kind}: {}", cluster::describe(&e)))?;
        for obj in list {
            let (group, version) = cluster::object::split_api_version(api_version);
            out.push(ObjectRef {
                group: group.into(),
                version: version.into(),
                kind: (*kind).into(),
                namespace: if info.namespaced {
                    obj.metadata.namespace.clone().unwrap_or_default()
                } else {
                    String::new()
                },
                name: obj.metadata.name.clone().unwrap_or_default(),
            });
        }
    }
    Ok(out)
}
