//! SOPS decryption against the real API server: a Kustomization with `spec.decryption`
//! whose files (an encrypted Secret manifest, an encrypted dotenv for a secretGenerator) were
//! made by the real `sops` and `age-keygen` (tests/fixtures/sops, `scripts/sops-fixtures`).
//! Every status, event, report and CLI output is searched for the plaintext.

use std::collections::BTreeMap;

use k8s_openapi::ByteString;
use k8s_openapi::api::core::v1::{ConfigMap, Secret};
use kube::api::{Api, Patch, PatchParams, PostParams};
use serde_json::json;

use crate::harness::{TestNamespace, flux, flux_env};
use crate::reconcile::{Fixture, ready, rev};

macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!("../fixtures/sops/", $name))
    };
}

/// Plaintext of the fixtures (and its base64, as the API server stores Secret data).
const PLAINTEXT: &[&str] = &[
    "cluster-fixture-password",
    "Y2x1c3Rlci1maXh0dXJlLXBhc3N3b3Jk",
    "Y2x1c3Rlci1maXh0dXJlLXRva2Vu",
    "cluster-fixture-token",
    "cluster-fixture-mode",
    "env-fixture-password",
    "ZW52LWZpeHR1cmUtcGFzc3dvcmQ=",
];

const KUSTOMIZATION: &str = "resources:
- cluster.enc.yaml
secretGenerator:
- name: env
  envs:
  - app.enc.env
";

fn assert_no_plaintext(what: &str, text: &str) {
    for p in PLAINTEXT {
        assert!(!text.contains(p), "{p:?} leaked into {what}:\n{text}");
    }
}

fn files<'a>(secret: &'a str, extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut f = vec![
        ("deploy/kustomization.yaml", KUSTOMIZATION),
        ("deploy/cluster.enc.yaml", secret),
        ("deploy/app.enc.env", fixture!("app.enc.env")),
    ];
    f.extend_from_slice(extra);
    f
}

async fn key_secret(f: &Fixture, keys: &[(&str, &str)]) {
    let data: BTreeMap<String, ByteString> = keys
        .iter()
        .map(|(k, v)| ((*k).to_string(), ByteString(v.as_bytes().to_vec())))
        .collect();
    let s: Secret = serde_json::from_value(json!({
        "apiVersion": "v1", "kind": "Secret",
        "metadata": {"name": "sops-age", "namespace": f.ns},
    }))
    .unwrap();
    let s = Secret {
        data: Some(data),
        ..s
    };
    let api: Api<Secret> = Api::namespaced(f.client.clone(), &f.ns);
    api.patch("sops-age", &PatchParams::apply("test").force(), &Patch::Apply(&s))
        .await
        .unwrap();
}

fn decoded(s: &Secret, key: &str) -> String {
    String::from_utf8(s.data.as_ref().unwrap()[key].0.clone()).unwrap()
}

#[tokio::test]
async fn encrypted_manifests_and_generators_are_applied_decrypted_and_failures_apply_nothing() {
    let ns = TestNamespace::new("sops").await;
    let mut f = Fixture::shared(&ns).await;
    // Several keys: the manifest's second recipient opens it, another key the dotenv file,
    // one matches nothing, and entries without the .agekey suffix are not keys.
    key_secret(
        &f,
        &[
            ("other.agekey", fixture!("keys/wrong.agekey")),
            ("age.agekey", fixture!("keys/age2.agekey")),
            ("env.agekey", fixture!("keys/age1.agekey")),
            ("notes.txt", "not a key"),
        ],
    )
    .await;
    f.publish("repo", &rev(1), &files(fixture!("cluster.enc.yaml"), &[]))
        .await;
    f.create_ks(
        "app",
        json!({"targetNamespace": f.ns, "decryption": {"provider": "sops", "secretRef": {"name": "sops-age"}}}),
    )
    .await;
    let mut reports = Vec::new();
    let r = f.reconcile("app").await;
    assert_eq!(ready(&f.ks("app").await).0, "True", "{:?}", r.outcome);
    reports.push(format!("{:?}", r.outcome));

    let secrets: Api<Secret> = Api::namespaced(f.client.clone(), &f.ns);
    let db = secrets.get("db").await.unwrap();
    assert_eq!(decoded(&db, "password"), "cluster-fixture-password");
    assert_eq!(decoded(&db, "token"), "cluster-fixture-token");
    assert!(
        db.metadata
            .annotations
            .unwrap_or_default()
            .keys()
            .all(|k| !k.contains("sops")),
        "no SOPS metadata reaches the cluster"
    );
    let env = secrets
        .list(&kube::api::ListParams::default())
        .await
        .unwrap()
        .items
        .into_iter()
        .find(|s| s.metadata.name.as_deref().unwrap_or("").starts_with("env-"))
        .expect("the generated Secret");
    assert_eq!(decoded(&env, "DB_PASSWORD"), "env-fixture-password");
    assert_eq!(decoded(&env, "DB_USER"), "app");
    let cms: Api<ConfigMap> = Api::namespaced(f.client.clone(), &f.ns);
    let settings = cms.get("settings").await.unwrap();
    assert_eq!(settings.data.unwrap()["mode"], "cluster-fixture-mode");
    let applied_inventory = f.ks("app").await.status.unwrap().inventory;
    let db_version = db.metadata.resource_version.clone();

    // A tampered file (an unencrypted name changed): the build fails naming the file,
    // nothing is applied or pruned.
    f.publish(
        "repo",
        &rev(2),
        &files(fixture!("cluster-tampered.enc.yaml"), &[]),
    )
    .await;
    let r = f.reconcile("app").await;
    reports.push(format!("{:?}", r.outcome));
    let (status, reason, message) = ready(&f.ks("app").await);
    assert_eq!((status.as_str(), reason.as_str()), ("False", "BuildFailed"));
    assert!(
        message.contains("deploy/cluster.enc.yaml: SOPS decryption failed: MAC mismatch"),
        "{message}"
    );
    assert!(r.changes.entries.is_empty());
    assert!(cms.get_opt("settings-tampered").await.unwrap().is_none());
    assert!(cms.get_opt("settings").await.unwrap().is_some(), "nothing pruned");

    // A wrong key: the same, naming the file and the recipients it is encrypted for.
    key_secret(&f, &[("age.agekey", fixture!("keys/wrong.agekey"))]).await;
    let extra = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: added\n";
    let kfile = KUSTOMIZATION.replace("- cluster.enc.yaml\n", "- cluster.enc.yaml\n- added.yaml\n");
    f.publish(
        "repo",
        &rev(3),
        &files(
            fixture!("cluster.enc.yaml"),
            &[
                ("deploy/added.yaml", extra),
                ("deploy/kustomization.yaml", &kfile),
            ],
        ),
    )
    .await;
    let r = f.reconcile("app").await;
    reports.push(format!("{:?}", r.outcome));
    let (status, reason, message) = ready(&f.ks("app").await);
    assert_eq!((status.as_str(), reason.as_str()), ("False", "BuildFailed"));
    assert!(
        message.contains("deploy/cluster.enc.yaml: SOPS decryption failed: cannot decrypt the data key: the age identity given does not match; the file is encrypted for age (age1"),
        "{message}"
    );
    assert!(r.changes.entries.is_empty());
    assert!(cms.get_opt("added").await.unwrap().is_none(), "nothing applied");
    let ks = f.ks("app").await;
    assert_eq!(
        ks.status.as_ref().unwrap().inventory,
        applied_inventory,
        "inventory kept"
    );
    assert_eq!(
        secrets.get("db").await.unwrap().metadata.resource_version,
        db_version,
        "the Secret was not touched"
    );

    // No plaintext in the status, the events or the reports.
    assert_no_plaintext("status", &serde_json::to_string(&ks.status).unwrap());
    let events: Vec<String> = f
        .events("app")
        .await
        .into_iter()
        .map(|e| {
            format!(
                "{} {}",
                e.reason.unwrap_or_default(),
                e.message.unwrap_or_default()
            )
        })
        .collect();
    assert!(
        events.iter().any(|e| e.contains("SOPS decryption failed")),
        "{events:?}"
    );
    assert_no_plaintext("events", &events.join("\n"));
    assert_no_plaintext("reports", &reports.join("\n"));
}

/// `build` and `diff` preview encrypted changes: with a key the values are compared (and
/// masked in the diff), without one they are shown as **SOPS** and Secrets compared by key.
#[tokio::test]
async fn cli_build_and_diff_decrypt_with_a_key_and_mask_without() {
    let ns = TestNamespace::new("sops-cli").await;
    let dir = tempfile::tempdir().unwrap();
    let app = dir.path().join("app");
    std::fs::create_dir_all(&app).unwrap();
    for (name, text) in [
        ("kustomization.yaml", KUSTOMIZATION),
        ("cluster.enc.yaml", fixture!("cluster.enc.yaml")),
        ("app.enc.env", fixture!("app.enc.env")),
    ] {
        std::fs::write(app.join(name), text).unwrap();
    }
    let key = dir.path().join("age.agekey");
    std::fs::write(&key, fixture!("keys/age1.agekey")).unwrap();
    let ks_file = dir.path().join("ks.yaml");
    let ks_yaml = format!(
        "apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: app
  namespace: {ns}
spec:
  interval: 10m
  prune: true
  path: ./app
  targetNamespace: {ns}
  sourceRef:
    kind: GitRepository
    name: repo
  decryption:
    provider: sops
    secretRef:
      name: sops-age
",
        ns = ns.name
    );
    std::fs::write(&ks_file, ks_yaml).unwrap();
    let path = app.to_str().unwrap();
    let kf = ks_file.to_str().unwrap();
    let key = key.to_str().unwrap();

    let masked = flux(&[
        "build",
        "ks",
        "app",
        "--path",
        path,
        "--kustomization-file",
        kf,
        "--dry-run",
    ]);
    masked.success();
    assert!(
        masked.stdout.contains("password: '**SOPS**'"),
        "{}",
        masked.stdout
    );
    assert!(!masked.stdout.contains("sops:"), "{}", masked.stdout);
    assert_no_plaintext(
        "build without a key",
        &format!("{}{}", masked.stdout, masked.stderr),
    );

    let built = flux(&[
        "build",
        "ks",
        "app",
        "--path",
        path,
        "--kustomization-file",
        kf,
        "--dry-run",
        "--sops-age-key-file",
        key,
    ]);
    built.success();
    assert!(
        built.stdout.contains("password: cluster-fixture-password"),
        "{}",
        built.stdout
    );
    let both = format!("{}{}", fixture!("keys/age2.agekey"), fixture!("keys/age1.agekey"));
    let from_env = flux_env(
        &[
            "build",
            "ks",
            "app",
            "--path",
            path,
            "--kustomization-file",
            kf,
            "--dry-run",
        ],
        &[("SOPS_AGE_KEY", &both)],
    );
    from_env.success();
    assert_eq!(
        from_env.stdout, built.stdout,
        "SOPS_AGE_KEY works as the key file does"
    );
    let wrong = flux_env(
        &[
            "build",
            "ks",
            "app",
            "--path",
            path,
            "--kustomization-file",
            kf,
            "--dry-run",
        ],
        &[("SOPS_AGE_KEY", fixture!("keys/wrong.agekey"))],
    );
    wrong.code(1);
    assert!(
        wrong.stderr.contains("cluster.enc.yaml: SOPS decryption failed"),
        "{}",
        wrong.stderr
    );

    // Apply what the build makes (with the key), then diff against it.
    let apply = std::process::Command::new(crate::harness::bin())
        .args([
            "build",
            "ks",
            "app",
            "--path",
            path,
            "--kustomization-file",
            kf,
            "--dry-run",
            "--sops-age-key-file",
            key,
        ])
        .output()
        .unwrap();
    let objects = flux_rs::yaml::from_str_json(&String::from_utf8(apply.stdout).unwrap()).unwrap();
    let client = crate::harness::client().await;
    let secrets: Api<Secret> = Api::namespaced(client.clone(), &ns.name);
    let cms: Api<ConfigMap> = Api::namespaced(client.clone(), &ns.name);
    for o in objects {
        if o["kind"] == "Secret" {
            let s: Secret = serde_json::from_value(o).unwrap();
            secrets.create(&PostParams::default(), &s).await.unwrap();
        } else {
            let c: ConfigMap = serde_json::from_value(o).unwrap();
            cms.create(&PostParams::default(), &c).await.unwrap();
        }
    }
    let with_key = flux(&[
        "diff",
        "ks",
        "app",
        "--path",
        path,
        "--kustomization-file",
        kf,
        "--ignore-not-found",
        "--sops-age-key-file",
        key,
    ]);
    assert!(
        !with_key.stdout.contains("Secret/"),
        "Secrets unchanged:\n{}",
        with_key.stdout
    );
    assert_no_plaintext(
        "diff with a key",
        &format!("{}{}", with_key.stdout, with_key.stderr),
    );

    // A changed value shows as a masked change.
    let mut s = secrets.get("db").await.unwrap();
    s.data
        .as_mut()
        .unwrap()
        .insert("password".into(), ByteString(b"changed-in-cluster".to_vec()));
    secrets.replace("db", &PostParams::default(), &s).await.unwrap();
    let changed = flux(&[
        "diff",
        "ks",
        "app",
        "--path",
        path,
        "--kustomization-file",
        kf,
        "--ignore-not-found",
        "--sops-age-key-file",
        key,
    ]);
    changed.code(1);
    assert!(
        changed.stdout.contains(&format!("Secret/{}/db drifted", ns.name)),
        "{}",
        changed.stdout
    );
    assert!(changed.stdout.contains("*** (before)"), "{}", changed.stdout);
    assert_no_plaintext(
        "diff of a change",
        &format!("{}{}", changed.stdout, changed.stderr),
    );
    assert!(
        !changed.stdout.contains("changed-in-cluster"),
        "{}",
        changed.stdout
    );

    // An encrypted value of a ConfigMap is hidden on both sides, changed or not.
    let mut c = cms.get("settings").await.unwrap();
    c.data.as_mut().unwrap().insert("mode".into(), "live-edit".into());
    cms.replace("settings", &PostParams::default(), &c).await.unwrap();
    let cm = flux(&[
        "diff",
        "ks",
        "app",
        "--path",
        path,
        "--kustomization-file",
        kf,
        "--ignore-not-found",
        "--sops-age-key-file",
        key,
    ]);
    cm.code(1);
    assert!(
        cm.stdout
            .contains(&format!("ConfigMap/{}/settings drifted", ns.name)),
        "{}",
        cm.stdout
    );
    assert!(
        cm.stdout.contains("-  mode: '**SOPS** (before)'"),
        "{}",
        cm.stdout
    );
    assert!(cm.stdout.contains("+  mode: '**SOPS** (after)'"), "{}", cm.stdout);
    assert!(!cm.stdout.contains("live-edit"), "{}", cm.stdout);
    assert_no_plaintext("diff of a ConfigMap", &format!("{}{}", cm.stdout, cm.stderr));
    for output in ["json", "markdown"] {
        let other = flux(&[
            "diff",
            "ks",
            "app",
            "--path",
            path,
            "--kustomization-file",
            kf,
            "--ignore-not-found",
            "--sops-age-key-file",
            key,
            "-o",
            output,
        ]);
        other.code(1);
        assert!(other.stdout.contains("settings"), "{}", other.stdout);
        assert!(!other.stdout.contains("live-edit"), "{}", other.stdout);
        assert_no_plaintext(output, &format!("{}{}", other.stdout, other.stderr));
    }

    // A key that opens nothing: an error (exit code 2) naming the file.
    let wrong_diff = flux_env(
        &[
            "diff",
            "ks",
            "app",
            "--path",
            path,
            "--kustomization-file",
            kf,
            "--ignore-not-found",
        ],
        &[("SOPS_AGE_KEY", fixture!("keys/wrong.agekey"))],
    );
    wrong_diff.code(2);
    assert!(
        wrong_diff
            .stderr
            .contains("cluster.enc.yaml: SOPS decryption failed"),
        "{}",
        wrong_diff.stderr
    );

    // Without a key the Secret is compared by its keys: the value change is not seen, and
    // nothing leaks.
    let no_key = flux(&[
        "diff",
        "ks",
        "app",
        "--path",
        path,
        "--kustomization-file",
        kf,
        "--ignore-not-found",
    ]);
    assert!(
        !no_key.stdout.contains(&format!("Secret/{}/db", ns.name)),
        "compared by keys:\n{}",
        no_key.stdout
    );
    assert_no_plaintext(
        "diff without a key",
        &format!("{}{}", no_key.stdout, no_key.stderr),
    );
}

/// `create secret sops` writes the keys a `create kustomization --decryption-*` uses, and
/// prints only their recipients.
#[tokio::test]
async fn create_secret_sops_and_a_kustomization_that_uses_it() {
    let ns = TestNamespace::new("sops-create").await;
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("cluster.txt");
    std::fs::write(&key, fixture!("keys/age1.agekey")).unwrap();
    let key = key.to_str().unwrap();
    let out = flux(&[
        "create",
        "secret",
        "sops",
        "sops-age",
        "--age-key-file",
        key,
        "-n",
        &ns.name,
    ]);
    out.success();
    let recipient = fixture!("keys/age1.agekey")
        .lines()
        .find_map(|l| l.strip_prefix("# public key: "))
        .unwrap();
    assert!(
        out.stderr.contains(&format!("age recipient: {recipient}")),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("sops secret 'sops-age' created"),
        "{}",
        out.stderr
    );
    assert!(!format!("{}{}", out.stdout, out.stderr).contains("AGE-SECRET-KEY"));
    let client = crate::harness::client().await;
    let s = Api::<Secret>::namespaced(client, &ns.name)
        .get("sops-age")
        .await
        .unwrap();
    assert_eq!(decoded(&s, "cluster.agekey"), fixture!("keys/age1.agekey"));

    let again = flux(&[
        "create",
        "secret",
        "sops",
        "sops-age",
        "--age-key-file",
        key,
        "-n",
        &ns.name,
    ]);
    assert!(
        again.stderr.contains("sops secret 'sops-age' updated"),
        "{}",
        again.stderr
    );
    let bad = dir.path().join("bad.agekey");
    std::fs::write(&bad, "not a key\n").unwrap();
    let out = flux(&[
        "create",
        "secret",
        "sops",
        "x",
        "--age-key-file",
        bad.to_str().unwrap(),
        "-n",
        &ns.name,
    ]);
    out.code(1);
    assert!(out.stderr.contains("bad.agekey"), "{}", out.stderr);

    let ks = flux(&[
        "create",
        "ks",
        "apps",
        "--source",
        "repo",
        "--path",
        "./deploy",
        "--decryption-provider",
        "sops",
        "--decryption-secret",
        "sops-age",
        "--export",
        "-n",
        &ns.name,
    ]);
    ks.success();
    assert!(
        ks.stdout
            .contains("  decryption:\n    provider: sops\n    secretRef:\n      name: sops-age\n"),
        "{}",
        ks.stdout
    );
    let no_provider = flux(&[
        "create",
        "ks",
        "apps",
        "--source",
        "repo",
        "--decryption-secret",
        "sops-age",
        "--export",
        "-n",
        &ns.name,
    ]);
    assert_ne!(no_provider.code, 0);
    assert!(
        no_provider.stderr.contains("--decryption-provider"),
        "{}",
        no_provider.stderr
    );
}
