//! `flux-rs diff --base REF` on a fleet repository built here with git: no cluster. Each
//! test writes a repository (a flux-system sync as bootstrap lays it out, nested
//! Kustomizations, postBuild substitution from a ConfigMap of the repository, a
//! Kustomization of an external source), commits a base, changes it, and runs the binary.
#![allow(
    clippy::too_many_lines,
    reason = "each test is one scenario read top to bottom"
)]
#![allow(clippy::unwrap_used)]

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

fn write(dir: &Path, path: &str, text: &str) {
    let p = dir.join(path);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// Runs flux-rs in `dir`: exit code, stdout, stderr.
fn flux(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_flux-rs"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("SOPS_AGE_KEY_FILE")
        .env_remove("SOPS_AGE_KEY")
        .output()
        .expect("flux-rs runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn ks(name: &str, path: &str, source: &str, extra: &str) -> String {
    format!(
        "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: {name}\n  namespace: flux-system\nspec:\n  interval: 10m\n  path: {path}\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: {source}\n{extra}"
    )
}

fn cm(name: &str, ns: &str, data: &str) -> String {
    format!("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n  namespace: {ns}\ndata:\n{data}")
}

const WEB: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: apps
spec:
  replicas: 1
  template:
    spec:
      containers:
      - name: web
        image: nginx:1.25.0
        env:
        - name: CLUSTER
          value: ${CLUSTER}
        - name: GREETING
          value: ${GREETING}
        - name: REGION
          value: ${REGION}
";

/// A repository with a flux-system sync at clusters/prod, committed on `main`.
fn fleet() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    git(d, &["init", "-q", "-b", "main", "."]);
    git(
        d,
        &["remote", "add", "origin", "https://git.example.com/org/fleet.git"],
    );
    write(
        d,
        "clusters/prod/flux-system/gotk-sync.yaml",
        &format!(
            "apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: flux-system\n  namespace: flux-system\nspec:\n  interval: 1m\n  ref:\n    branch: main\n  url: ssh://git@git.example.com/org/fleet\n---\n{}",
            ks("flux-system", "./clusters/prod", "flux-system", "")
        ),
    );
    write(
        d,
        "clusters/prod/flux-system/kustomization.yaml",
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- gotk-sync.yaml\n",
    );
    write(
        d,
        "clusters/prod/infra.yaml",
        &ks("infra", "./infra", "flux-system", ""),
    );
    write(
        d,
        "clusters/prod/apps.yaml",
        &ks(
            "apps",
            "./apps/prod",
            "flux-system",
            "  postBuild:\n    substitute:\n      GREETING: hello\n    substituteFrom:\n    - kind: ConfigMap\n      name: cluster-vars\n",
        ),
    );
    // The same repository through a GitRepository of its own (matched by the remote's URL).
    write(
        d,
        "clusters/prod/tenants.yaml",
        &format!(
            "apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: fleet\n  namespace: flux-system\nspec:\n  interval: 1m\n  url: https://git.example.com/org/fleet\n---\n{}",
            ks("tenants", "./tenants", "fleet", "")
        ),
    );
    write(
        d,
        "clusters/prod/external.yaml",
        &format!(
            "apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: other\n  namespace: flux-system\nspec:\n  interval: 1m\n  url: https://git.example.com/org/other\n---\n{}",
            ks("external", "./deploy", "other", "")
        ),
    );
    write(
        d,
        "infra/vars.yaml",
        &cm("cluster-vars", "flux-system", "  CLUSTER: prod\n"),
    );
    write(
        d,
        "infra/db.yaml",
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: infra\nstringData:\n  password: old-password-1\n  user: admin\n",
    );
    write(d, "infra/shared.yaml", &cm("shared", "infra", "  a: \"1\"\n"));
    write(
        d,
        "apps/prod/kustomization.yaml",
        "resources: [web.yaml]\nimages:\n- name: nginx\n  newTag: 1.25.3\n",
    );
    write(d, "apps/prod/web.yaml", WEB);
    // Nested: tenants defines team-a.
    write(
        d,
        "tenants/team-a.yaml",
        &ks("team-a", "./teams/team-a", "flux-system", ""),
    );
    write(d, "teams/team-a/a.yaml", &cm("a", "team-a", "  x: y\n"));
    write(d, "teams/team-a/b.yaml", &cm("b", "team-a", "  x: y\n"));
    git(d, &["add", "-A"]);
    git(d, &["commit", "-q", "-m", "base"]);
    tmp
}

#[test]
fn no_change_is_exit_zero_and_external_sources_are_listed() {
    let tmp = fleet();
    let (code, out, err) = flux(tmp.path(), &["diff", "--base", "main"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("◎ Kustomization flux-system/external not rendered: external source GitRepository/flux-system/other (https://git.example.com/org/other)"),
        "{out}"
    );
    assert!(
        out.contains("unresolved variables (left as written): REGION"),
        "{out}"
    );
    assert!(
        out.contains("6 Kustomizations against main@"),
        "flux-system, infra, apps, tenants, team-a, external: {out}"
    );
    // From a sub-directory, and with --path: the same.
    let (code, out2, _) = flux(
        &tmp.path().join("apps"),
        &["diff", "--base", "main", "--path", "../clusters/prod"],
    );
    assert_eq!(code, 0, "{out2}");
    assert_eq!(out, out2);
    // The external source mapped to a directory of the repository: rendered from there.
    write(
        tmp.path(),
        "vendor/other/deploy/cm.yaml",
        &cm("from-other", "other", "  k: v\n"),
    );
    git(tmp.path(), &["add", "-A"]);
    git(tmp.path(), &["commit", "-q", "-m", "vendor"]);
    write(
        tmp.path(),
        "vendor/other/deploy/cm.yaml",
        &cm("from-other", "other", "  k: changed\n"),
    );
    let (code, out, err) = flux(
        tmp.path(),
        &[
            "diff",
            "--base",
            "main",
            "--local-sources",
            "GitRepository/flux-system/other=./vendor/other",
        ],
    );
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains("► Kustomization flux-system/external ./deploy: 0 created, 1 changed, 0 deleted\n  ► ConfigMap/other/from-other changed\n"),
        "{out}"
    );
    let (code, _, err) = flux(
        tmp.path(),
        &["diff", "--base", "main", "--local-sources", "other=./vendor"],
    );
    assert_eq!(code, 2);
    assert!(err.contains("expected Kind/namespace/name=DIR"), "{err}");
    std::fs::remove_dir_all(tmp.path().join("vendor")).unwrap();

    // No --base: a usage error.
    let (code, _, err) = flux(tmp.path(), &["diff"]);
    assert_eq!(code, 2);
    assert!(err.contains("--base REF"), "{err}");
    let (code, _, err) = flux(tmp.path(), &["diff", "--base", "no-such-branch"]);
    assert_eq!(code, 2);
    assert!(err.contains("--base no-such-branch"), "{err}");
}

/// The base, then a second commit: created, changed, deleted, moved, a masked Secret.
fn changed_fleet() -> tempfile::TempDir {
    let tmp = fleet();
    let d = tmp.path();
    // Changed: an image and a variable from the repository's ConfigMap.
    write(
        d,
        "apps/prod/kustomization.yaml",
        "resources: [web.yaml, new.yaml, shared.yaml]\nimages:\n- name: nginx\n  newTag: 1.27.1\n",
    );
    write(
        d,
        "infra/vars.yaml",
        &cm("cluster-vars", "flux-system", "  CLUSTER: production\n"),
    );
    // Created.
    write(d, "apps/prod/new.yaml", &cm("new", "apps", "  k: v\n"));
    // Moved from infra to apps.
    std::fs::remove_file(d.join("infra/shared.yaml")).unwrap();
    write(d, "apps/prod/shared.yaml", &cm("shared", "infra", "  a: \"1\"\n"));
    // Deleted, in the nested Kustomization.
    std::fs::remove_file(d.join("teams/team-a/b.yaml")).unwrap();
    // A Secret value changed and a key added.
    write(
        d,
        "infra/db.yaml",
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: infra\nstringData:\n  password: new-password-2\n  user: admin\n  host: db.internal\n",
    );
    git(d, &["add", "-A"]);
    git(d, &["commit", "-q", "-m", "change"]);
    tmp
}

#[test]
fn changes_between_two_commits() {
    let tmp = changed_fleet();
    let (code, out, err) = flux(tmp.path(), &["diff", "--base", "HEAD~1"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("identified at least one change"), "{err}");
    let apps = out
        .split("► Kustomization flux-system/apps ./apps/prod: 1 created, 1 changed, 0 deleted, 1 moved\n")
        .nth(1)
        .unwrap_or_else(|| panic!("{out}"));
    assert!(apps.contains("  ► ConfigMap/apps/new created\n"), "{out}");
    assert!(apps.contains("  ► Deployment/apps/web changed\n"), "{out}");
    assert!(
        apps.contains("-        image: nginx:1.25.3\n    +        image: nginx:1.27.1\n"),
        "{out}"
    );
    assert!(
        apps.contains("-          value: prod\n    +          value: production\n"),
        "the variable comes from the repository's ConfigMap: {out}"
    );
    assert!(
        apps.contains("  ► ConfigMap/infra/shared moved from Kustomization flux-system/infra\n"),
        "{out}"
    );
    assert!(
        apps.contains(
            "-    kustomize.toolkit.fluxcd.io/name: infra\n    +    kustomize.toolkit.fluxcd.io/name: apps\n"
        ),
        "{out}"
    );
    // The moved object is not also deleted from infra.
    assert!(
        out.contains("► Kustomization flux-system/infra ./infra: 0 created, 2 changed, 0 deleted\n"),
        "{out}"
    );
    assert!(!out.contains("ConfigMap/infra/shared deleted"), "{out}");
    assert!(
        out.contains("► Kustomization flux-system/team-a ./teams/team-a: 0 created, 0 changed, 1 deleted\n  ► ConfigMap/team-a/b deleted\n"),
        "nested Kustomizations are followed: {out}"
    );
    // Secret values never appear; changed and added keys do.
    for secret in ["old-password-1", "new-password-2", "db.internal", "admin"] {
        assert!(!out.contains(secret), "{secret} leaked: {out}");
    }
    assert!(out.contains("-  password: '*** (before)'"), "{out}");
    assert!(out.contains("+  password: '*** (after)'"), "{out}");
    assert!(out.contains("+  host: '***'"), "{out}");
    assert!(out.contains("6 Kustomizations against HEAD~1@"), "{out}");
    assert!(
        out.contains("1 created, 3 changed, 1 deleted, 1 moved; 1 not rendered, 0 failed"),
        "{out}"
    );

    // JSON: the documented schema.
    let (code, json, _) = flux(tmp.path(), &["diff", "--base", "HEAD~1", "-o", "json"]);
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["schemaVersion"], 1);
    assert_eq!(v["changed"], true);
    assert!(v["base"].as_str().unwrap().starts_with("HEAD~1@"), "{v}");
    assert_eq!(v["head"], "working tree");
    assert_eq!(
        v["summary"],
        serde_json::json!({"kustomizations": 6, "created": 1, "changed": 3, "deleted": 1,
            "moved": 1, "notRendered": 1, "errors": 0})
    );
    let ks: Vec<&Value> = v["kustomizations"].as_array().unwrap().iter().collect();
    let names: Vec<String> = ks
        .iter()
        .map(|k| {
            format!(
                "{}/{}",
                k["namespace"].as_str().unwrap(),
                k["name"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        names,
        [
            "flux-system/apps",
            "flux-system/external",
            "flux-system/flux-system",
            "flux-system/infra",
            "flux-system/team-a",
            "flux-system/tenants"
        ]
    );
    for k in &ks {
        let keys: Vec<&str> = k.as_object().unwrap().keys().map(String::as_str).collect();
        for required in [
            "namespace",
            "name",
            "path",
            "state",
            "changes",
            "images",
            "unresolved",
            "notes",
        ] {
            assert!(keys.contains(&required), "{required} missing in {k}");
        }
    }
    let apps = ks[0];
    assert_eq!(apps["state"], "changed");
    assert_eq!(apps["unresolved"], serde_json::json!(["REGION"]));
    assert_eq!(
        apps["images"],
        serde_json::json!([{"object": "Deployment/apps/web", "container": "web",
            "before": "nginx:1.25.3", "after": "nginx:1.27.1"}])
    );
    let moved = apps["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["action"] == "moved")
        .unwrap();
    assert_eq!(moved["from"], "flux-system/infra");
    assert_eq!(moved["kind"], "ConfigMap");
    assert_eq!(moved["apiVersion"], "v1");
    assert!(
        moved["diff"]
            .as_str()
            .unwrap()
            .starts_with("--- ConfigMap/infra/shared (HEAD~1@")
    );
    assert_eq!(ks[1]["state"], "not-rendered");
    assert_eq!(ks[4]["parent"], "flux-system/tenants");
    assert!(!json.contains("new-password-2") && !json.contains("old-password-1"));

    // GitHub annotations.
    let (code, gh, _) = flux(tmp.path(), &["diff", "--base", "HEAD~1", "-o", "github"]);
    assert_eq!(code, 1);
    assert!(
        gh.contains(
            "::warning title=flux-rs diff%3A Kustomization flux-system/apps::unresolved variables: REGION\n"
        ),
        "{gh}"
    );
    assert!(
        gh.contains("::notice title=flux-rs diff%3A Kustomization flux-system/team-a::0 created, 0 changed, 1 deleted (./teams/team-a)%0AConfigMap/team-a/b deleted\n"),
        "{gh}"
    );

    // Markdown: image changes first, a table, collapsed diffs.
    let (code, md, _) = flux(tmp.path(), &["diff", "--base", "HEAD~1", "-o", "markdown"]);
    assert_eq!(code, 1);
    let images = md.find("#### Image changes").unwrap();
    let table = md.find("| Kustomization | Path |").unwrap();
    let details = md.find("<details>").unwrap();
    assert!(images < table && table < details, "{md}");
    assert!(
        md.contains("| flux-system/apps | Deployment/apps/web | web | `nginx:1.25.3` | `nginx:1.27.1` |"),
        "{md}"
    );
    assert!(
        md.contains("| flux-system/team-a | ./teams/team-a | 0 | 0 | 1 | 0 | changed |"),
        "{md}"
    );
    assert!(!md.contains("Cut to fit"), "{md}");
}

#[test]
fn a_broken_kustomization_is_an_error_naming_it_with_the_others_reported() {
    let tmp = fleet();
    let d = tmp.path();
    write(
        d,
        "clusters/prod/broken.yaml",
        &ks("broken", "./no-such-dir", "flux-system", ""),
    );
    write(d, "apps/prod/new.yaml", &cm("new", "apps", "  k: v\n"));
    write(
        d,
        "apps/prod/kustomization.yaml",
        "resources: [web.yaml, new.yaml]\nimages:\n- name: nginx\n  newTag: 1.25.3\n",
    );
    // Uncommitted: the working tree is what is compared.
    let (code, out, err) = flux(d, &["diff", "--base", "main"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(out.contains("✗ Kustomization flux-system/broken: "), "{out}");
    assert!(out.contains("no-such-dir"), "{out}");
    assert!(
        out.contains("► ConfigMap/apps/new created"),
        "the others are reported: {out}"
    );
    assert!(
        err.contains("failed to build: Kustomization flux-system/broken"),
        "{err}"
    );
    let (code, json, _) = flux(d, &["diff", "--base", "main", "-o", "json"]);
    assert_eq!(code, 2);
    let v: Value = serde_json::from_str(&json).unwrap();
    let broken = v["kustomizations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["name"] == "broken")
        .unwrap();
    assert_eq!(broken["state"], "error");
    assert!(broken["reason"].as_str().unwrap().contains("no-such-dir"));
    assert_eq!(v["summary"]["errors"], 1);

    // A kustomization that does not parse breaks its Kustomization; the ones it defines are
    // not known then (not shown as removed).
    std::fs::remove_file(d.join("clusters/prod/broken.yaml")).unwrap();
    write(d, "tenants/kustomization.yaml", "resources: [team-a.yaml\n");
    let (code, out, err) = flux(d, &["diff", "--base", "main"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        out.contains("✗ Kustomization flux-system/tenants: tenants/kustomization.yaml:2:1: "),
        "{out}"
    );
    assert!(
        out.contains("◎ Kustomization flux-system/team-a not rendered: Kustomization flux-system/tenants, which defines it, failed to build\n"),
        "{out}"
    );
    assert!(!out.contains("ConfigMap/team-a"), "{out}");
    assert!(
        err.contains("failed to build: Kustomization flux-system/tenants"),
        "{err}"
    );
}

#[test]
fn markdown_is_cut_to_fit_a_comment() {
    let tmp = fleet();
    let d = tmp.path();
    let mut res = String::from("resources: [web.yaml");
    for i in 0..150 {
        let mut data = String::new();
        for j in 0..8 {
            let _ = writeln!(data, "  key{j}: \"{}\"", "x".repeat(60));
        }
        write(
            d,
            &format!("apps/prod/cm{i:03}.yaml"),
            &cm(&format!("cm{i:03}"), "apps", &data),
        );
        let _ = write!(res, ", cm{i:03}.yaml");
    }
    res.push_str("]\nimages:\n- name: nginx\n  newTag: 9.9.9\n");
    write(d, "apps/prod/kustomization.yaml", &res);
    let (code, md, err) = flux(d, &["diff", "--base", "main", "-o", "markdown"]);
    assert_eq!(code, 1, "{err}");
    assert!(md.chars().count() <= 65_536, "{}", md.len());
    assert!(md.len() > 50_000, "{}", md.len());
    // What matters most stays: the image change, the table; the note names what is left out.
    assert!(md.contains("`nginx:1.25.3` | `nginx:9.9.9` |"), "{md}");
    assert!(md.contains("| flux-system/apps | ./apps/prod | 150 | 1 | 0 | 0 | changed |"));
    let note = md
        .rsplit("\n> Cut to fit a 65536-character comment: ")
        .next()
        .unwrap();
    assert!(
        note.contains("item(s) left out: diff of ConfigMap/apps/cm"),
        "{note}"
    );
    assert!(
        note.trim_end()
            .ends_with("Run `flux-rs diff --base` locally for everything."),
        "{note}"
    );
    // The text output has everything.
    let (_, text, _) = flux(d, &["diff", "--base", "main"]);
    assert_eq!(text.matches(" created\n").count(), 150);
}

#[test]
fn sops_values_are_decrypted_to_compare_and_never_shown() {
    let tmp = fleet();
    let d = tmp.path();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sops");
    write(
        d,
        "clusters/prod/secrets.yaml",
        &ks(
            "secrets",
            "./secrets",
            "flux-system",
            "  targetNamespace: secrets\n  decryption:\n    provider: sops\n    secretRef:\n      name: sops-age\n",
        ),
    );
    write(
        d,
        "secrets/placeholder.yaml",
        &cm("placeholder", "flux-system", "  a: b\n"),
    );
    git(d, &["add", "-A"]);
    git(d, &["commit", "-q", "-m", "secrets"]);
    std::fs::copy(fixtures.join("cluster.enc.yaml"), d.join("secrets/cluster.yaml")).unwrap();
    let key = fixtures.join("keys/age1.agekey");
    let (code, out, err) = flux(
        d,
        &[
            "diff",
            "--base",
            "main",
            "--sops-age-key-file",
            key.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("► Secret/secrets/db created"), "{out}");
    assert!(out.contains("► ConfigMap/secrets/settings created"), "{out}");
    for plain in [
        "cluster-fixture-password",
        "cluster-fixture-mode",
        "Y2x1c3Rlci1maXh0dXJlLXRva2Vu",
        "cluster-fixture-token",
    ] {
        assert!(!out.contains(plain), "{plain} leaked: {out}");
    }
    assert!(out.contains("+  mode: '**SOPS**'"), "{out}");
    assert!(out.contains("+  password: '***'"), "{out}");
    // Without a key: masked, the same objects.
    let (code, out, err) = flux(d, &["diff", "--base", "main"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("► ConfigMap/secrets/settings created"), "{out}");
    assert!(!out.contains("cluster-fixture"), "{out}");
}
