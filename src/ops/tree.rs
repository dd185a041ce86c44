//! The inventory of a Kustomization or HelmRelease as a tree: every object it applied, and
//! under each Kustomization or HelmRelease it applied, that one's inventory in turn.

use serde_json::{Map, Value, json};

use super::object::{FluxStatus, LiveObject};
use super::{Error, FluxClient, FluxKind, Result, inventory};
use crate::cluster::ObjectRef;

/// Group suffix of Flux's kinds, kept by `--compact`.
pub const TOOLKIT_GROUP_SUFFIX: &str = "toolkit.fluxcd.io";

/// One object and what it manages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TreeNode {
    /// The object.
    pub resource: ObjectRef,
    /// Objects it applied (for Kustomizations), in inventory order.
    pub children: Vec<TreeNode>,
}

impl TreeNode {
    /// The tree in upstream flux's JSON shape:
    /// `{"resource": {"Namespace", "Name", "GroupKind": {"Group", "Kind"}}, "resources": [...]}`.
    pub fn to_json(&self) -> Value {
        let mut m = Map::new();
        m.insert(
            "resource".into(),
            json!({
                "Namespace": self.resource.namespace,
                "Name": self.resource.name,
                "GroupKind": {"Group": self.resource.group, "Kind": self.resource.kind},
            }),
        );
        if !self.children.is_empty() {
            m.insert(
                "resources".into(),
                Value::Array(self.children.iter().map(TreeNode::to_json).collect()),
            );
        }
        Value::Object(m)
    }

    /// Number of nodes below this one.
    pub fn descendants(&self) -> usize {
        self.children.iter().map(|c| 1 + c.descendants()).sum()
    }
}

/// A tree and what could not be followed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tree {
    /// The root: the Kustomization asked for.
    pub root: TreeNode,
    /// Nested Kustomizations that could not be read (listed without their inventory).
    pub missing: Vec<ObjectRef>,
}

/// The kind of an object whose inventory is expanded: Kustomizations and HelmReleases.
fn expandable(r: &ObjectRef) -> Option<FluxKind> {
    [FluxKind::Kustomization, FluxKind::HelmRelease]
        .into_iter()
        .find(|k| r.kind == k.kind() && r.group == k.group())
}

fn same(a: &ObjectRef, b: &ObjectRef) -> bool {
    a.group == b.group && a.kind == b.kind && a.namespace == b.namespace && a.name == b.name
}

impl FluxClient {
    /// Builds the inventory tree of a Kustomization. With `compact`, only Flux objects
    /// (groups ending in `toolkit.fluxcd.io`) are listed. Kustomizations that apply to a
    /// remote cluster (`spec.kubeConfig`) are not followed.
    pub async fn tree(&self, namespace: &str, name: &str, compact: bool) -> Result<Tree> {
        self.tree_of(FluxKind::Kustomization, namespace, name, compact)
            .await
    }

    /// [`FluxClient::tree`] of a Kustomization or a HelmRelease (whose inventory is
    /// `status.inventory` as flux-rs's engine writes it; a HelmRelease without one has no
    /// children here).
    pub async fn tree_of(&self, kind: FluxKind, namespace: &str, name: &str, compact: bool) -> Result<Tree> {
        let root = self.get(kind, namespace, name).await?;
        let mut missing = Vec::new();
        let mut path = vec![root.object_ref()];
        let children = Box::pin(self.subtree(&root, compact, &mut path, &mut missing)).await?;
        Ok(Tree {
            root: TreeNode {
                resource: root.object_ref(),
                children,
            },
            missing,
        })
    }

    async fn subtree(
        &self,
        ks: &LiveObject,
        compact: bool,
        path: &mut Vec<ObjectRef>,
        missing: &mut Vec<ObjectRef>,
    ) -> Result<Vec<TreeNode>> {
        let remote = !ks.spec()["kubeConfig"].is_null();
        let mut out = Vec::new();
        for r in inventory::managed_entries(ks)? {
            if compact && !r.group.ends_with(TOOLKIT_GROUP_SUFFIX) {
                continue;
            }
            let mut node = TreeNode {
                resource: r.clone(),
                children: Vec::new(),
            };
            let kind = expandable(&r).filter(|_| !remote && !path.iter().any(|p| same(p, &r)));
            if let Some(kind) = kind {
                match self.get(kind, &r.namespace, &r.name).await {
                    Ok(child) => {
                        path.push(r.clone());
                        node.children = Box::pin(self.subtree(&child, compact, path, missing)).await?;
                        path.pop();
                    }
                    Err(Error::NotFound { .. }) => missing.push(r.clone()),
                    Err(e) => return Err(e),
                }
            }
            out.push(node);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::kustomize::KUSTOMIZE_API_GROUP;

    fn r(group: &str, kind: &str, ns: &str, name: &str) -> ObjectRef {
        ObjectRef {
            group: group.into(),
            version: "v1".into(),
            kind: kind.into(),
            namespace: ns.into(),
            name: name.into(),
        }
    }

    #[test]
    fn json_has_upstream_shape() {
        let t = TreeNode {
            resource: r(KUSTOMIZE_API_GROUP, "Kustomization", "ns", "root"),
            children: vec![TreeNode {
                resource: r("", "Namespace", "", "apps"),
                children: vec![],
            }],
        };
        assert_eq!(
            t.to_json(),
            json!({"resource": {"Namespace": "ns", "Name": "root", "GroupKind": {"Group": KUSTOMIZE_API_GROUP, "Kind": "Kustomization"}},
                "resources": [{"resource": {"Namespace": "", "Name": "apps", "GroupKind": {"Group": "", "Kind": "Namespace"}}}]})
        );
        assert_eq!(t.descendants(), 1);
    }
}
