//! `flux-rs create source git NAME --url … (--branch|--tag|--tag-semver|--commit|--ref-name)`:
//! create or update a GitRepository, then fetch it once (as `reconcile source git`) unless
//! `--export`.

use std::time::Duration;

use clap::Args;
use kube::api::Api;
use serde_json::{Value, json};

use super::CliContext;
use super::create::{CreateCommon, apply, exists, export_document};
use super::flags;
use crate::api::GitRepository;
use crate::api::source::SOURCE_GROUP;
use crate::source::url::{GitUrl, Scheme};

const HELP: &str = "\
Examples:
  # Follow a branch of a public repository
  flux-rs create source git podinfo --url=https://github.com/stefanprodan/podinfo --branch=master

  # The highest tag in a semantic-version range, over SSH with a Secret made by `create secret git`
  flux-rs create source git apps --url=ssh://git@github.com/org/apps --tag-semver='>=1.0.0 <2.0.0' \\
    --secret-ref=apps-auth

  # Leave paths out of the artifact (gitignore syntax)
  flux-rs create source git apps --url=https://github.com/org/apps --branch=main \\
    --ignore-paths='/docs/,*.md'

  # A repository on this machine; print the manifest only
  flux-rs create source git local --url=file:///srv/git/apps.git --branch=main --export";

/// Arguments of `create source git`.
#[derive(Debug, Clone, Args)]
#[command(
    long_about = "Create or update a GitRepository (server-side apply, field manager `flux`), then \
        fetch it once from this machine as `flux-rs reconcile source git` does and print the \
        fetched revision. With --export, print the manifest instead and touch nothing.\n\n\
        One Git reference is required: --branch, --tag, --tag-semver, --commit (with --branch, the \
        commit must be on that branch) or --ref-name. The URL is https://, http://, ssh:// or \
        file://; credentials come from the Secret named by --secret-ref (see `flux-rs create secret \
        git`).",
    after_help = HELP
)]
pub struct CreateSourceGitArgs {
    /// Name of the GitRepository.
    pub name: String,
    /// Repository URL (https://, http://, ssh:// or file://).
    #[arg(long)]
    pub url: String,
    /// Branch to follow.
    #[arg(long)]
    pub branch: Option<String>,
    /// Tag to check out.
    #[arg(long)]
    pub tag: Option<String>,
    /// Semantic-version range; the highest matching tag is checked out.
    #[arg(long = "tag-semver", value_name = "RANGE")]
    pub tag_semver: Option<String>,
    /// Commit SHA to check out.
    #[arg(long)]
    pub commit: Option<String>,
    /// Full reference name to check out (`refs/heads/main`, `refs/pull/1/head`).
    #[arg(long = "ref-name", value_name = "REF")]
    pub ref_name: Option<String>,
    /// How often the repository is checked for new revisions.
    #[arg(long, default_value = "1m", value_parser = flags::parse_duration)]
    pub interval: Duration,
    /// Secret with the credentials (same namespace).
    #[arg(long = "secret-ref", value_name = "NAME")]
    pub secret_ref: Option<String>,
    /// Paths to leave out of the artifact, in gitignore syntax (repeat or separate with commas).
    #[arg(long = "ignore-paths", value_name = "PATTERN", value_delimiter = ',')]
    pub ignore_paths: Vec<String>,
    /// Directories to check out instead of the whole tree (repeat or separate with commas).
    #[arg(long = "sparse-checkout", value_name = "DIR", value_delimiter = ',')]
    pub sparse_checkout: Vec<String>,
    /// Flags shared by create commands.
    #[command(flatten)]
    pub common: CreateCommon,
}

/// The GitRepository manifest the flags describe.
pub fn manifest(args: &CreateSourceGitArgs, namespace: &str) -> anyhow::Result<Value> {
    let url = GitUrl::parse(&args.url)?;
    if url.scp_like {
        anyhow::bail!(
            "invalid --url {:?}: scp-like URLs are not accepted in spec.url; write it as {}",
            args.url,
            url.to_ssh_url()
        );
    }
    let none = [
        &args.branch,
        &args.tag,
        &args.tag_semver,
        &args.commit,
        &args.ref_name,
    ]
    .iter()
    .all(|r| r.as_deref().is_none_or(str::is_empty));
    if none {
        anyhow::bail!(
            "a Git ref is required, use one of the following: --branch, --tag, --commit, --ref-name or --tag-semver"
        );
    }
    if let Some(r) = &args.tag_semver {
        crate::source::reference::Constraint::parse(r)
            .map_err(|e| anyhow::anyhow!("invalid --tag-semver {r:?}: {e}"))?;
    }
    let mut reference = serde_json::Map::new();
    for (key, value) in [
        ("branch", &args.branch),
        ("tag", &args.tag),
        ("semver", &args.tag_semver),
        ("commit", &args.commit),
        ("name", &args.ref_name),
    ] {
        if let Some(v) = value.as_deref().filter(|v| !v.is_empty()) {
            reference.insert(key.to_string(), json!(v));
        }
    }
    let mut spec = json!({
        "interval": crate::duration::format(args.interval),
        "url": args.url,
        "ref": reference,
    });
    if let Some(s) = &args.secret_ref {
        spec["secretRef"] = json!({"name": s});
    }
    if !args.ignore_paths.is_empty() {
        spec["ignore"] = json!(args.ignore_paths.join("\n"));
    }
    if !args.sparse_checkout.is_empty() {
        spec["sparseCheckout"] = json!(args.sparse_checkout);
    }
    if url.scheme == Scheme::Ssh && args.secret_ref.is_none() {
        anyhow::bail!("an ssh:// URL needs --secret-ref (a Secret with identity and known_hosts)");
    }
    let mut metadata = json!({"name": args.name, "namespace": namespace});
    let labels = args.common.labels()?;
    if !labels.is_empty() {
        metadata["labels"] = json!(labels);
    }
    Ok(json!({
        "apiVersion": format!("{SOURCE_GROUP}/v1"),
        "kind": "GitRepository",
        "metadata": metadata,
        "spec": spec,
    }))
}

/// Runs `create source git`.
pub async fn run(ctx: &CliContext, args: CreateSourceGitArgs) -> anyhow::Result<()> {
    let ns = ctx.namespace();
    let object = manifest(&args, ns).map_err(|e| super::usage_error(super::output::message(&e)))?;
    if args.common.export {
        ctx.printer.data(export_document(&object));
        return Ok(());
    }
    ctx.printer.generate("generating GitRepository source");
    let client = ctx.client().await?;
    let api: Api<GitRepository> = Api::namespaced(client, ns);
    let existed = exists(&api, &args.name).await?;
    ctx.printer.action("applying GitRepository source");
    let applied = apply(&api, &args.name, &object)
        .await
        .map_err(|e| anyhow::anyhow!("GitRepository/{ns}/{}: {e}", args.name))?;
    ctx.printer.success(if existed {
        "GitRepository source updated"
    } else {
        "GitRepository source created"
    });
    let revision = super::reconcile_source::fetch(ctx, &applied).await?;
    ctx.printer
        .success("GitRepository source reconciliation completed");
    ctx.printer.success(format!("fetched revision: {revision}"));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::create::{CreateKind, CreateSource};
    use crate::cli::{Cli, Command};
    use clap::Parser;

    fn parse(args: &[&str]) -> CreateSourceGitArgs {
        let mut full = vec!["flux-rs", "create", "source", "git"];
        full.extend_from_slice(args);
        match Cli::try_parse_from(full).unwrap().command {
            Command::Create(c) => match c.kind {
                CreateKind::Source(CreateSource::Git(a)) => a,
                other => panic!("{other:?}"),
            },
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn manifest_from_flags() {
        let a = parse(&[
            "apps",
            "--url=https://example.com/org/apps",
            "--tag-semver=>=1.0.0 <2.0.0",
            "--interval=5m",
            "--secret-ref=auth",
            "--ignore-paths=/docs/,*.md",
            "--label=team=a",
        ]);
        let m = manifest(&a, "flux-system").unwrap();
        assert_eq!(m["apiVersion"], "source.toolkit.fluxcd.io/v1");
        assert_eq!(m["metadata"]["labels"]["team"], "a");
        assert_eq!(m["spec"]["interval"], "5m0s");
        assert_eq!(m["spec"]["ref"], json!({"semver": ">=1.0.0 <2.0.0"}));
        assert_eq!(m["spec"]["secretRef"]["name"], "auth");
        assert_eq!(m["spec"]["ignore"], "/docs/\n*.md");
        let _: GitRepository = serde_json::from_value(m).unwrap();
        let m = manifest(&parse(&["x", "--url=file:///srv/x.git", "--branch=main"]), "ns").unwrap();
        assert_eq!(m["spec"]["interval"], "1m0s");
        assert_eq!(m["spec"]["ref"], json!({"branch": "main"}));
        assert!(m["spec"].get("secretRef").is_none());
    }

    #[test]
    fn bad_flags_are_clear_errors() {
        let e = |args: &[&str]| manifest(&parse(args), "ns").unwrap_err().to_string();
        assert_eq!(
            e(&["x", "--url=https://h/x"]),
            "a Git ref is required, use one of the following: --branch, --tag, --commit, --ref-name or --tag-semver"
        );
        assert!(
            e(&["x", "--url=git@github.com:org/x", "--branch=main"]).contains("ssh://git@github.com/org/x")
        );
        assert!(e(&["x", "--url=ftp://h/x", "--branch=main"]).contains("unsupported scheme"));
        assert!(e(&["x", "--url=https://h/x", "--tag-semver=>=1.2.3.4"]).contains("invalid --tag-semver"));
        assert!(e(&["x", "--url=ssh://git@h/x", "--branch=main"]).contains("--secret-ref"));
    }
}
