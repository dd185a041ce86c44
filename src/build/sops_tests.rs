//! The Flux build with SOPS-encrypted files (made by the real `sops`, see
//! `scripts/sops-fixtures`): decrypted with keys, masked without, refused when no decryption
//! is configured; nothing decrypted is written to the tree.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use serde_json::Value;

use super::flux::{FluxOptions, build};
use crate::api::{Kustomization, KustomizationSpec};
use crate::sops::{Decryption, Keys, MASK};

macro_rules! fixture {
    ($name:literal) => {
        include_bytes!(concat!("../../tests/fixtures/sops/", $name))
    };
}

const KUSTOMIZATION: &str = "resources:
- secret.enc.yaml
patches:
- path: patch.enc.yaml
secretGenerator:
- name: gen
  envs:
  - app.enc.env
  files:
  - blob.bin=blob.enc.bin
  - config.json=config.enc.json
  - config.yaml=config.enc.yaml
";

fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let app = dir.path().join("app");
    std::fs::create_dir_all(&app).unwrap();
    for (name, bytes) in [
        ("kustomization.yaml", KUSTOMIZATION.as_bytes()),
        ("secret.enc.yaml", &fixture!("secret-regex.enc.yaml")[..]),
        ("patch.enc.yaml", fixture!("patch.enc.yaml")),
        ("app.enc.env", fixture!("app.enc.env")),
        ("blob.enc.bin", fixture!("blob.enc.bin")),
        ("config.enc.json", fixture!("config.enc.json")),
        ("config.enc.yaml", fixture!("config.enc.yaml")),
    ] {
        std::fs::write(app.join(name), bytes).unwrap();
    }
    dir
}

fn ks() -> Kustomization {
    let mut k = Kustomization::new("apps", KustomizationSpec::default());
    k.metadata.namespace = Some("flux-system".into());
    k.spec.path = Some("./app".into());
    k
}

fn keys() -> Decryption {
    let mut k = Keys::new();
    k.add_key_file(std::str::from_utf8(fixture!("keys/age1.agekey")).unwrap())
        .unwrap();
    Decryption::Keys(Arc::new(k))
}

fn run(root: &Path, decryption: Option<Decryption>) -> super::Result<Vec<Value>> {
    let opts = FluxOptions {
        decryption,
        ..FluxOptions::default()
    };
    build(root, &ks(), &BTreeMap::new(), &opts)
}

fn find<'a>(objs: &'a [Value], kind: &str, prefix: &str) -> &'a Value {
    objs.iter()
        .find(|o| o["kind"] == kind && o["metadata"]["name"].as_str().unwrap().starts_with(prefix))
        .unwrap()
}

fn data(o: &Value, key: &str) -> Vec<u8> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD
        .decode(o["data"][key].as_str().unwrap().replace('\n', ""))
        .unwrap()
}

fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir.join("app"))
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            (p.display().to_string(), std::fs::read(&p).unwrap())
        })
        .collect();
    out.sort();
    out
}

#[test]
fn manifests_patches_and_generator_sources_are_decrypted() {
    let dir = tree();
    let before = snapshot(dir.path());
    let objs = run(dir.path(), Some(keys())).unwrap();
    assert_eq!(snapshot(dir.path()), before, "nothing is written to the tree");
    let db = find(&objs, "Secret", "db");
    assert_eq!(db["stringData"]["password"], "s3cr3t-fixture-password");
    assert_eq!(
        db["stringData"]["extra"], "patch-fixture-value",
        "the encrypted patch"
    );
    assert!(db.get("sops").is_none());
    let cm = find(&objs, "ConfigMap", "db-settings");
    assert_eq!(cm["data"]["mode"], "fixture-mode-plaintext");
    let generated = find(&objs, "Secret", "gen-");
    assert_eq!(data(generated, "DB_PASSWORD"), b"env-fixture-password");
    assert_eq!(data(generated, "MULTI"), b"first\\nsecond");
    assert_eq!(data(generated, "blob.bin"), fixture!("expected/blob.bin"));
    assert_eq!(data(generated, "config.json"), fixture!("expected/config.json"));
    assert_eq!(data(generated, "config.yaml"), fixture!("expected/config.yaml"));
}

#[test]
fn without_a_key_values_are_masked_and_without_decryption_refused() {
    let dir = tree();
    let objs = run(dir.path(), Some(Decryption::Mask)).unwrap();
    let text = crate::build::render(&objs);
    for secret in [
        "fixture-password",
        "fixture-mode-plaintext",
        "patch-fixture-value",
        "fixture-binary",
    ] {
        assert!(!text.contains(secret), "{secret} in\n{text}");
    }
    let db = find(&objs, "Secret", "db");
    assert_eq!(db["stringData"]["password"], MASK);
    assert_eq!(db["stringData"]["extra"], MASK);
    let generated = find(&objs, "Secret", "gen-");
    assert_eq!(data(generated, "DB_PASSWORD"), MASK.as_bytes());
    assert_eq!(data(generated, "config.json"), MASK.as_bytes());

    let e = run(dir.path(), None).unwrap_err().to_string();
    assert!(
        e.ends_with(": is SOPS-encrypted: set spec.decryption (provider sops, with a Secret of age keys) for it to be decrypted"),
        "{e}"
    );
}

#[test]
fn failures_name_the_file_and_never_a_value() {
    let dir = tree();
    let app = dir.path().join("app");
    std::fs::write(app.join("secret.enc.yaml"), fixture!("tampered-mac.enc.yaml")).unwrap();
    let e = run(dir.path(), Some(keys())).unwrap_err().to_string();
    assert_eq!(
        e,
        "app/secret.enc.yaml: SOPS decryption failed: MAC mismatch: the file was modified after it was encrypted"
    );
    std::fs::write(app.join("secret.enc.yaml"), fixture!("secret-regex.enc.yaml")).unwrap();
    let mut wrong = Keys::new();
    wrong
        .add_key_file(std::str::from_utf8(fixture!("keys/wrong.agekey")).unwrap())
        .unwrap();
    let e = run(dir.path(), Some(Decryption::Keys(Arc::new(wrong))))
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("app/secret.enc.yaml: SOPS decryption failed: cannot decrypt the data key"),
        "{e}"
    );
    std::fs::write(
        app.join("app.enc.env"),
        b"A=1\nsops_mac=ENC[AES256_GCM,data:x,iv:y,tag:z,type:str]\n",
    )
    .unwrap();
    std::fs::write(
        app.join("secret.enc.yaml"),
        b"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n",
    )
    .unwrap();
    std::fs::write(
        app.join("patch.enc.yaml"),
        b"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n",
    )
    .unwrap();
    let e = run(dir.path(), Some(keys())).unwrap_err().to_string();
    assert!(
        e.starts_with("app/app.enc.env: SOPS decryption failed: sops metadata"),
        "{e}"
    );
}

#[test]
fn a_file_opted_out_of_decryption_stays_encrypted() {
    let dir = tree();
    let app = dir.path().join("app");
    std::fs::write(
        app.join("kustomization.yaml"),
        "resources:\n- secret.enc.yaml\n- optout.enc.yaml\n",
    )
    .unwrap();
    std::fs::write(app.join("optout.enc.yaml"), fixture!("optout.enc.yaml")).unwrap();
    // Encrypted for a key the build does not have: not even tried.
    let objs = run(dir.path(), Some(keys())).unwrap();
    let o = find(&objs, "Secret", "optout");
    assert!(o.get("sops").is_some(), "left as it is");
    assert!(o["stringData"]["token"].as_str().unwrap().starts_with("ENC["));
    assert_eq!(
        find(&objs, "Secret", "db")["stringData"]["password"],
        "s3cr3t-fixture-password"
    );
    let masked = run(dir.path(), Some(Decryption::Mask)).unwrap();
    assert!(find(&masked, "Secret", "optout").get("sops").is_some());
}

#[test]
fn substitution_errors_do_not_quote_decrypted_values() {
    let dir = tree();
    let app = dir.path().join("app");
    std::fs::write(app.join("kustomization.yaml"), "resources:\n- subst.enc.yaml\n").unwrap();
    std::fs::write(app.join("subst.enc.yaml"), fixture!("subst.enc.yaml")).unwrap();
    let mut k = ks();
    k.spec.post_build = Some(crate::api::kustomize::PostBuild {
        substitute: Some([("X".to_string(), "y".to_string())].into()),
        substitute_from: None,
        ..Default::default()
    });
    let opts = FluxOptions {
        decryption: Some(keys()),
        ..FluxOptions::default()
    };
    let e = build(dir.path(), &k, &BTreeMap::new(), &opts)
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("Secret/subst: variable substitution failed: an invalid"),
        "{e}"
    );
    assert!(!e.contains("fixture secret"), "{e}");
}

#[test]
fn secret_data_holding_an_encrypted_file_is_decrypted() {
    use base64::Engine as _;
    let dir = tree();
    let app = dir.path().join("app");
    let b64 = base64::engine::general_purpose::STANDARD;
    let manifest = format!(
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: embedded\ndata:\n  app.env: {}\n  blob: {}\n  plain: {}\n",
        b64.encode(fixture!("app.enc.env")),
        b64.encode(fixture!("blob.enc.bin")),
        b64.encode("not encrypted"),
    );
    std::fs::write(app.join("kustomization.yaml"), "resources:\n- embedded.yaml\n").unwrap();
    std::fs::write(app.join("embedded.yaml"), manifest).unwrap();
    let objs = run(dir.path(), Some(keys())).unwrap();
    let o = find(&objs, "Secret", "embedded");
    assert_eq!(data(o, "app.env"), fixture!("expected/app.env"));
    assert_eq!(data(o, "blob"), fixture!("expected/blob.bin"));
    assert_eq!(data(o, "plain"), b"not encrypted");
    let masked = run(dir.path(), Some(Decryption::Mask)).unwrap();
    let m = find(&masked, "Secret", "embedded");
    assert_eq!(data(m, "blob"), MASK.as_bytes());
}
