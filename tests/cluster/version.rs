//! `version` against the real server, and offline with `--client`.

use crate::harness::{flux, flux_bare};

#[test]
fn version_reports_client_and_server() {
    let r = flux(&["version", "-o", "json"]);
    r.success();
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["flux-rs"], format!("v{}", env!("CARGO_PKG_VERSION")));
    assert_eq!(v["server"], "v1.20.2");
    assert_eq!(v["flux-rs-controller"], env!("CARGO_PKG_VERSION"));
}

#[test]
fn client_version_needs_no_cluster() {
    let r = flux_bare(&["version", "--client"], &[("KUBECONFIG", "/nonexistent")]);
    r.success();
    assert_eq!(r.stdout, format!("flux-rs: v{}\n", env!("CARGO_PKG_VERSION")));
    assert!(r.stderr.is_empty(), "{}", r.stderr);
}
