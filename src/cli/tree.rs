//! `flux-rs tree kustomization NAME`: the inventory of a Kustomization as a tree, recursing
//! into the Kustomizations it applied; `--compact` keeps Flux objects only; `-o json|yaml`
//! prints the tree as data (upstream flux's shape).

use clap::{Args, Subcommand, ValueEnum};

use super::CliContext;
use super::output::format::json_text;
use crate::ops::FluxKind;
use crate::ops::tree::TreeNode;

/// `tree` and its kinds.
#[derive(Debug, Args)]
#[command(
    long_about = "Print the objects a Kustomization or HelmRelease applied (its inventory) as a \
        tree. Kustomizations and HelmReleases in the inventory are expanded with their own \
        inventory, recursively.",
    after_help = "Examples:\n  flux-rs tree kustomization flux-system\n  flux-rs tree ks flux-system --compact\n  \
        flux-rs tree ks apps -n apps -o json\n  flux-rs tree helmrelease podinfo -n apps"
)]
pub struct TreeCommand {
    /// The kind.
    #[command(subcommand)]
    pub kind: TreeKind,
}

/// Kinds `tree` supports.
#[derive(Debug, Subcommand)]
pub enum TreeKind {
    /// The inventory tree of a Kustomization.
    #[command(
        visible_alias = "ks",
        long_about = "Print the inventory of a Kustomization as a tree: every object it applied \
            (Kind/namespace/name), with each Kustomization it applied expanded in turn. Kustomizations \
            that apply to a remote cluster (spec.kubeConfig) are not expanded; a nested Kustomization \
            that no longer exists is listed with a warning.",
        after_help = "Examples:\n  flux-rs tree kustomization flux-system\n  \
            flux-rs tree ks flux-system --compact\n  flux-rs tree ks apps -n apps -o yaml"
    )]
    Kustomization(TreeArgs),
    /// The objects of a HelmRelease's release as a tree.
    #[command(
        name = "helmrelease",
        visible_alias = "hr",
        long_about = "Print the objects of a HelmRelease's release as a tree: its inventory \
            (status.inventory, as flux-rs's engine records it), else the objects of the current \
            release record (the manifest Helm's storage holds, as upstream's helm-controller \
            leaves no inventory). Kustomizations and HelmReleases among them are expanded in turn.",
        after_help = "Examples:\n  flux-rs tree helmrelease podinfo -n apps\n  \
            flux-rs tree hr podinfo -n apps --compact\n  flux-rs tree hr podinfo -n apps -o json\n\n\
            Exit codes:\n  0  printed\n  1  the HelmRelease or its release records cannot be read\n  2  a usage error"
    )]
    HelmRelease(TreeArgs),
}

/// Arguments of `tree kustomization` and `tree helmrelease`.
#[derive(Debug, Args)]
pub struct TreeArgs {
    /// Name of the Kustomization or HelmRelease.
    pub name: String,
    /// List Flux objects only (groups *.toolkit.fluxcd.io).
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub compact: bool,
    /// Output format (default: a text tree).
    #[arg(short = 'o', long, value_enum)]
    pub output: Option<TreeFormat>,
}

/// Data formats of `tree`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TreeFormat {
    /// JSON.
    Json,
    /// YAML.
    Yaml,
}

/// The tree as text: the root, then `├── `/`└── ` branches.
pub fn render(root: &TreeNode) -> String {
    let mut out = format!("{}\n", root.resource);
    branches(&root.children, "", &mut out);
    out
}

fn branches(children: &[TreeNode], prefix: &str, out: &mut String) {
    for (i, c) in children.iter().enumerate() {
        let last = i + 1 == children.len();
        out.push_str(prefix);
        out.push_str(if last { "└── " } else { "├── " });
        out.push_str(&c.resource.to_string());
        out.push('\n');
        let next = format!("{prefix}{}", if last { "    " } else { "│   " });
        branches(&c.children, &next, out);
    }
}

/// The objects of a HelmRelease's current release record, for a release without
/// `status.inventory`.
async fn release_children(
    ctx: &CliContext,
    flux: &crate::ops::FluxClient,
    args: &TreeArgs,
) -> anyhow::Result<Vec<TreeNode>> {
    use crate::api::FluxObject as _;
    let ns = ctx.namespace();
    let live = flux.get(FluxKind::HelmRelease, ns, &args.name).await?;
    if live.status()["inventory"]["entries"].is_array() {
        return Ok(Vec::new());
    }
    let hr: crate::api::HelmRelease = live
        .typed()
        .map_err(|e| anyhow::anyhow!("HelmRelease/{ns}/{}: {e}", args.name))?;
    hr.validate()
        .map_err(|e| anyhow::anyhow!("HelmRelease/{ns}/{}: {e}", args.name))?;
    let client = ctx.client().await?;
    let objects = crate::engine::helmrelease::render::release_objects(&client, &hr)
        .await
        .map_err(|e| anyhow::anyhow!("HelmRelease/{ns}/{}: {e}", args.name))?
        .unwrap_or_default();
    Ok(objects
        .into_iter()
        .filter(|o| !args.compact || o.group.ends_with(crate::ops::tree::TOOLKIT_GROUP_SUFFIX))
        .map(|resource| TreeNode {
            resource,
            children: Vec::new(),
        })
        .collect())
}

/// Runs `tree`.
pub async fn run(ctx: &CliContext, cmd: TreeCommand) -> anyhow::Result<()> {
    let (kind, args) = match cmd.kind {
        TreeKind::Kustomization(a) => (FluxKind::Kustomization, a),
        TreeKind::HelmRelease(a) => (FluxKind::HelmRelease, a),
    };
    let flux = ctx.flux().await?;
    let mut tree = flux
        .tree_of(kind, ctx.namespace(), &args.name, args.compact)
        .await?;
    if kind == FluxKind::HelmRelease && tree.root.children.is_empty() {
        tree.root.children = release_children(ctx, &flux, &args).await?;
    }
    for m in &tree.missing {
        ctx.printer
            .warning(format!("{m}: not found, its inventory is not shown"));
    }
    let text = match args.output {
        None => render(&tree.root),
        Some(TreeFormat::Json) => json_text(&tree.root.to_json(), 2),
        Some(TreeFormat::Yaml) => crate::yaml::to_string(&tree.root.to_json()),
    };
    ctx.printer.data(text);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::ObjectRef;

    fn node(kind: &str, ns: &str, name: &str, children: Vec<TreeNode>) -> TreeNode {
        TreeNode {
            resource: ObjectRef {
                group: String::new(),
                version: "v1".into(),
                kind: kind.into(),
                namespace: ns.into(),
                name: name.into(),
            },
            children,
        }
    }

    #[test]
    fn trees_draw_like_flux() {
        let t = node(
            "Kustomization",
            "flux-system",
            "root",
            vec![
                node("Namespace", "", "apps", vec![]),
                node(
                    "Kustomization",
                    "flux-system",
                    "apps",
                    vec![
                        node("ConfigMap", "apps", "a", vec![]),
                        node("Service", "apps", "b", vec![]),
                    ],
                ),
                node("Secret", "flux-system", "s", vec![]),
            ],
        );
        assert_eq!(
            render(&t),
            "Kustomization/flux-system/root\n\
             ├── Namespace/apps\n\
             ├── Kustomization/flux-system/apps\n\
             │   ├── ConfigMap/apps/a\n\
             │   └── Service/apps/b\n\
             └── Secret/flux-system/s\n"
        );
    }
}
