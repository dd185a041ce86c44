//! `flux-rs install`: apply the CRDs, namespace, RBAC and controller Deployment with
//! server-side apply (field manager `flux`), CRDs first; or print them with `--export`.

use std::time::Duration;

use anyhow::Context as _;
use clap::Args;
use k8s_openapi::api::apps::v1::Deployment;
use kube::api::Api;

use super::CliContext;
use crate::apply::health;
use crate::manifests::{self, CONTROLLER_NAME, InstallOptions};

/// Field manager of applies made by the CLI on the user's behalf (as upstream's `flux`).
pub const CLI_FIELD_MANAGER: &str = crate::ops::DEFAULT_FIELD_MANAGER;

/// Flags of `install`.
#[derive(Debug, Args)]
#[command(
    long_about = "Install flux-rs into the cluster: the GitRepository and Kustomization CRDs, the \
        namespace, the controller's service account and RBAC, and the controller Deployment.\n\n\
        Objects are server-side applied with the field manager `flux`; CRDs and the namespace go \
        first and are waited for. Running install again changes only what differs.",
    after_help = "Examples:\n  flux-rs install\n  flux-rs install --registry registry.example.com/flux-rs --version 0.1.0\n  \
        flux-rs install --export > flux-rs-components.yaml\n  flux-rs install --wait --timeout 3m"
)]
pub struct InstallArgs {
    /// Print the manifests instead of applying them.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub export: bool,
    /// The controller's image and settings.
    #[command(flatten)]
    pub component: ComponentArgs,
    /// Wait for the controller Deployment to be ready.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub wait: bool,
}

/// The controller flags `install` and `bootstrap` share.
#[derive(Debug, Clone, Args)]
pub struct ComponentArgs {
    /// Registry of the controller image (`<registry>/flux-rs:<version>`).
    #[arg(long, default_value = manifests::DEFAULT_REGISTRY)]
    pub registry: String,
    /// Version (image tag) of the controller; a leading `v` is dropped.
    #[arg(short = 'v', long, default_value = manifests::default_version())]
    pub version: String,
    /// Secret in the namespace used to pull the image.
    #[arg(long, value_name = "NAME")]
    pub image_pull_secret: Option<String>,
    /// Let the controller watch all namespaces (false: only its own).
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = true, action = clap::ArgAction::Set)]
    pub watch_all_namespaces: bool,
    /// Log level of the controller.
    #[arg(long, default_value = "info", value_parser = ["debug", "info", "error"])]
    pub log_level: String,
}

impl ComponentArgs {
    /// The options for the manifests.
    pub fn options(&self, namespace: &str) -> InstallOptions {
        InstallOptions {
            namespace: namespace.to_string(),
            registry: self.registry.clone(),
            version: self.version.trim_start_matches('v').to_string(),
            image_pull_secret: self.image_pull_secret.clone(),
            watch_all_namespaces: self.watch_all_namespaces,
            log_level: self.log_level.clone(),
        }
    }
}

/// Runs `install`.
pub async fn run(ctx: &CliContext, args: InstallArgs) -> anyhow::Result<()> {
    let opts = args.component.options(ctx.namespace());
    if args.export {
        ctx.printer.data(manifests::to_yaml(&opts));
        return Ok(());
    }
    let p = &ctx.printer;
    p.generate("generating manifests");
    let objects = manifests::install(&opts);
    p.success("manifests build completed");
    let client = ctx.reachable_client().await?;
    p.action(format!("installing components in {} namespace", opts.namespace));
    let changes = apply_install(client.clone(), objects, ctx.global.timeout)
        .await
        .context("install failed")?;
    for e in &changes.entries {
        p.info(e.to_string());
    }
    if args.wait {
        p.waiting("verifying installation");
        wait_for_controller(&client, &opts.namespace, ctx.global.timeout).await?;
        p.success(format!("{CONTROLLER_NAME}: deployment ready"));
    }
    if changes.has_changes() {
        p.success("install finished");
    } else {
        p.success("install finished: nothing changed, the installation is up to date");
    }
    Ok(())
}

async fn wait_for_controller(
    client: &kube::Client,
    namespace: &str,
    timeout: Duration,
) -> anyhow::Result<()> {
    let api: Api<Deployment> = Api::namespaced(client.clone(), namespace);
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        let d = api
            .get(CONTROLLER_NAME)
            .await
            .map_err(|e| anyhow::anyhow!(crate::cluster::describe(&e)))?;
        let h = health::health(&serde_json::to_value(&d)?);
        match h {
            health::Health::Current => return Ok(()),
            health::Health::Failed(m) => anyhow::bail!("{CONTROLLER_NAME}: deployment failed: {m}"),
            health::Health::InProgress(m) if tokio::time::Instant::now() >= deadline => {
                anyhow::bail!("{CONTROLLER_NAME}: deployment not ready: {m}")
            }
            health::Health::InProgress(_) => tokio::time::sleep(Duration::from_secs(1)).await,
        }
    }
}

/// Applies installation objects with the CLI's field manager, definitions first; used by
/// `install` (and, through the library, by `bootstrap`).
pub use crate::ops::install::apply_components as apply_install;

#[cfg(test)]
mod tests {
    use clap::Parser as _;

    fn component(args: &[&str]) -> super::ComponentArgs {
        match crate::cli::Cli::try_parse_from(args).unwrap().command {
            crate::cli::Command::Install(a) => a.component,
            crate::cli::Command::Bootstrap(b) => match b.provider {
                crate::cli::bootstrap::BootstrapProvider::Git(g) => g.common.component,
                crate::cli::bootstrap::BootstrapProvider::Github(g) => g.common.component,
            },
            _ => unreachable!(),
        }
    }

    #[test]
    fn install_and_bootstrap_read_the_controller_flags_alike() {
        let install = component(&["flux-rs", "install", "-v", "v1.2.3", "--registry", "r.example/x"]);
        let bootstrap = component(&[
            "flux-rs",
            "bootstrap",
            "git",
            "--url",
            "ssh://git@h/r",
            "-v",
            "v1.2.3",
            "--registry",
            "r.example/x",
        ]);
        for c in [install, bootstrap] {
            let o = c.options("flux-system");
            assert_eq!(
                (o.registry.as_str(), o.version.as_str()),
                ("r.example/x", "1.2.3")
            );
            assert!(o.watch_all_namespaces);
            assert_eq!(o.log_level, "info");
        }
    }
}
