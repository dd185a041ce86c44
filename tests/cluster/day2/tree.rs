//! `tree kustomization`: the inventory as a tree, nested Kustomizations expanded (cycles and
//! missing ones handled), `--compact`, and `-o json|yaml` in upstream's shape.

use serde_json::json;

use super::*;
use crate::harness::{client, flux};

#[tokio::test]
async fn tree_shows_nested_inventories() {
    let ns = namespace("d2tree").await;
    let n = ns.name.as_str();
    let c = client().await;
    let ks = ks_resource();
    let rev = format!("main@sha1:{SHA}");
    let ks_id = |name: &str| format!("{n}_{name}_kustomize.toolkit.fluxcd.io_Kustomization");
    let root_inv = [
        ("_team-apps__Namespace".to_string(), "v1"),
        (ks_id("flux-system"), "v1"),
        (format!("{n}_repo_source.toolkit.fluxcd.io_GitRepository"), "v1"),
        (ks_id("apps"), "v1"),
        (ks_id("ghost"), "v1"),
        (format!("{n}_settings__ConfigMap"), "v1"),
    ];
    let apps_inv = [
        (format!("{n}_web_apps_Deployment"), "v1"),
        (format!("{n}_web__Service"), "v1"),
        (ks_id("nested"), "v1"),
    ];
    let nested_inv = [(format!("{n}_deep__ConfigMap"), "v1"), (ks_id("apps"), "v1")];
    for (name, inv) in [
        ("flux-system", &root_inv[..]),
        ("apps", &apps_inv[..]),
        ("nested", &nested_inv[..]),
    ] {
        create(&c, n, &ks, kustomization(name, "repo", json!({}))).await;
        let inv: Vec<(&str, &str)> = inv.iter().map(|(i, v)| (i.as_str(), *v)).collect();
        write_status(&c, n, &ks, name, ks_ready(&rev, 1, &inv), "kustomize-controller").await;
    }
    let subs = [ns_sub(&ns)];
    let warning = format!("⚠️ Kustomization/{n}/ghost: not found, its inventory is not shown\n");
    for (file, extra) in [
        ("tree.txt", &[][..]),
        ("tree-compact.txt", &["--compact"][..]),
        ("tree.json", &["-o", "json"][..]),
        ("tree.yaml", &["-o", "yaml"][..]),
    ] {
        let mut a = vec!["tree", "kustomization", "flux-system", "-n", n];
        a.extend(extra);
        let r = flux(&a);
        r.success();
        golden(file, &r.stdout, &subs);
        assert_eq!(r.stderr, warning, "{a:?}");
    }
    let r = flux(&["tree", "ks", "nope", "-n", n]);
    r.code(1);
    assert_eq!(r.stderr, format!("✗ Kustomization/{n}/nope: not found\n"));
}
