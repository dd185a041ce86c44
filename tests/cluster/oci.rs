//! OCI artifacts and OCIRepositories against a real registry (Debian's `docker-registry`
//! on loopback, `registry.rs`): the artifact commands through the binary in Flux's format,
//! the OCIRepository engine one-shot (anonymous, htpasswd basic auth, TLS with a CA made
//! by the test), a Kustomization applied from an OCIRepository, and bad inputs, each a
//! `Ready=False` with upstream's reason and no partial artifact.

use std::collections::BTreeMap;
use std::path::Path;

use bytes::Bytes;
use flux_rs::api::OCIRepository;
use flux_rs::api::meta::{self, READY, STALLED};
use flux_rs::source::SourceOptions;
use flux_rs::source::oci::{
    self, ClientOptions, Credentials, OciRef, Registry, TlsMaterial, artifact, repository,
};
use k8s_openapi::api::core::v1::{ConfigMap, Secret};
use kube::Client;
use kube::api::{Api, PostParams};
use serde_json::{Value, json};

use crate::gitrepo::scratch;
use crate::harness::{TestNamespace, client, ensure_crds, flux_bare, flux_env};
use crate::registry::{Registry as TestRegistry, RegistryAuth};

fn plain(reg: &TestRegistry) -> Registry {
    Registry::new(
        &reg.host,
        &ClientOptions {
            insecure: true,
            ..ClientOptions::default()
        },
    )
    .unwrap()
}

fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    for (p, c) in files {
        let path = d.path().join(p);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, c).unwrap();
    }
    d
}

fn listing(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for e in walk(dir) {
        let rel = e.strip_prefix(dir).unwrap().to_str().unwrap().to_string();
        out.insert(rel, std::fs::read_to_string(&e).unwrap());
    }
    out
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

async fn push(reg: &Registry, url: &str, files: &[(&str, &str)], revision: &str) -> String {
    let t = tree(files);
    let r = OciRef::parse(url).unwrap();
    let opts = artifact::PushOptions {
        source: "https://github.com/org/apps".into(),
        revision: revision.into(),
        ..Default::default()
    };
    artifact::push(reg, &r, t.path(), &opts).await.unwrap().digest
}

async fn create(client: &Client, ns: &str, name: &str, spec: Value) -> OCIRepository {
    let api: Api<OCIRepository> = Api::namespaced(client.clone(), ns);
    let mut full = json!({"interval": "1h"});
    for (k, v) in spec.as_object().unwrap() {
        full[k] = v.clone();
    }
    let repo: OCIRepository = serde_json::from_value(json!({
        "apiVersion": "source.toolkit.fluxcd.io/v1", "kind": "OCIRepository",
        "metadata": {"name": name, "namespace": ns},
        "spec": full,
    }))
    .unwrap();
    api.create(&PostParams::default(), &repo).await.unwrap()
}

async fn get(client: &Client, ns: &str, name: &str) -> OCIRepository {
    Api::<OCIRepository>::namespaced(client.clone(), ns)
        .get(name)
        .await
        .unwrap()
}

async fn secret(client: &Client, ns: &str, name: &str, type_: &str, data: &[(&str, &[u8])]) {
    use base64::Engine as _;
    let api: Api<Secret> = Api::namespaced(client.clone(), ns);
    let s: Secret = serde_json::from_value(json!({
        "apiVersion": "v1", "kind": "Secret", "type": type_,
        "metadata": {"name": name, "namespace": ns},
        "data": data.iter().map(|(k, v)| ((*k).to_string(), json!(base64::engine::general_purpose::STANDARD.encode(v)))).collect::<serde_json::Map<_, _>>(),
    }))
    .unwrap();
    api.create(&PostParams::default(), &s).await.unwrap();
}

fn ready(repo: &OCIRepository) -> (String, String, String) {
    let c = meta::find_condition(repo.conditions(), READY).expect("a Ready condition");
    (c.status.clone(), c.reason.clone(), c.message.clone())
}

/// Reconciles and returns the object as the API server has it afterwards.
async fn reconcile(
    client: &Client,
    ns: &str,
    name: &str,
    opts: &SourceOptions,
) -> (
    Result<repository::Reconciled, repository::OciError>,
    OCIRepository,
) {
    let live = get(client, ns, name).await;
    let r = repository::reconcile(client, &live, opts).await;
    (r, get(client, ns, name).await)
}

fn stored_files(opts: &SourceOptions, ns: &str, name: &str) -> Vec<String> {
    let dir = opts.storage.root().join(format!("ocirepository/{ns}/{name}"));
    match std::fs::read_dir(&dir) {
        Ok(d) => d.map(|e| e.unwrap().file_name().into_string().unwrap()).collect(),
        Err(_) => Vec::new(),
    }
}

#[test]
fn artifact_commands_in_fluxs_format() {
    let reg = TestRegistry::start(RegistryAuth::Anonymous, None);
    let url = reg.url("apps");
    let src = tree(&[
        ("deploy/cm.yaml", "kind: ConfigMap\n"),
        ("README.md", "docs\n"),
        (".git/HEAD", "x"),
    ]);
    let path = src.path().to_str().unwrap();
    let v1 = format!("{url}:v1.0.0");
    let r = flux_bare(
        &[
            "push",
            "artifact",
            &v1,
            "--path",
            path,
            "--source=https://github.com/org/apps",
            "--revision=main@sha1:0123456789abcdef0123456789abcdef01234567",
            "--annotations=team=a",
            "--ignore-paths=*.md",
            "--insecure-registry",
        ],
        &[],
    );
    r.success();
    assert!(
        r.stderr.contains(&format!("► pushing artifact to {v1}")),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(&format!(
            "✔ artifact successfully pushed to {}/apps@sha256:",
            reg.host
        )),
        "{}",
        r.stderr
    );

    // Flux's format, read back with the registry API.
    let rt = tokio::runtime::Runtime::new().unwrap();
    let client = plain(&reg);
    let m = rt.block_on(client.manifest("apps", "v1.0.0")).unwrap();
    let v: Value = serde_json::from_slice(&m.bytes).unwrap();
    assert_eq!(v["mediaType"], "application/vnd.oci.image.manifest.v1+json");
    assert_eq!(
        v["config"]["mediaType"],
        "application/vnd.cncf.flux.config.v1+json"
    );
    assert_eq!(v["layers"].as_array().unwrap().len(), 1);
    assert_eq!(
        v["layers"][0]["mediaType"],
        "application/vnd.cncf.flux.content.v1.tar+gzip"
    );
    let a = &v["annotations"];
    assert_eq!(
        a["org.opencontainers.image.source"],
        "https://github.com/org/apps"
    );
    assert_eq!(
        a["org.opencontainers.image.revision"],
        "main@sha1:0123456789abcdef0123456789abcdef01234567"
    );
    assert_eq!(a["team"], "a");
    assert!(
        a["org.opencontainers.image.created"]
            .as_str()
            .unwrap()
            .ends_with('Z')
    );

    // Tag, list with filters.
    flux_bare(
        &[
            "tag",
            "artifact",
            &v1,
            "--tag=latest",
            "--tag=v1.1.0",
            "--insecure-registry",
        ],
        &[],
    )
    .success();
    let r = flux_bare(&["list", "artifacts", &url, "--insecure-registry"], &[]);
    r.success();
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert!(lines[0].starts_with("ARTIFACT"), "{}", r.stdout);
    assert_eq!(lines.len(), 4, "{}", r.stdout);
    assert!(lines[1].contains(&format!("{}/apps:latest", reg.host)) && lines[1].contains(&m.digest));
    let r = flux_bare(
        &[
            "list",
            "artifacts",
            &url,
            "--filter-semver=>=1.1.0",
            "-o",
            "json",
            "--insecure-registry",
        ],
        &[],
    );
    r.success();
    let items: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(items.as_array().unwrap().len(), 1);
    assert_eq!(items[0]["tag"], "v1.1.0");
    assert_eq!(
        items[0]["revision"],
        "main@sha1:0123456789abcdef0123456789abcdef01234567"
    );
    let r = flux_bare(
        &[
            "list",
            "artifacts",
            &url,
            "--filter-regex=^v",
            "-o",
            "json",
            "--insecure-registry",
        ],
        &[],
    );
    assert_eq!(
        serde_json::from_str::<Value>(&r.stdout)
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        2
    );

    // Pull: the content as pushed (ignored paths and VCS files left out).
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("pulled");
    let r = flux_bare(
        &[
            "pull",
            "artifact",
            &format!("{url}:latest"),
            "-o",
            dest.to_str().unwrap(),
            "--insecure-registry",
        ],
        &[],
    );
    r.success();
    assert!(
        r.stderr.contains("✔ source https://github.com/org/apps"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("✔ revision main@sha1:0123456789abcdef0123456789abcdef01234567"),
        "{}",
        r.stderr
    );
    assert_eq!(
        listing(&dest),
        BTreeMap::from([("deploy/cm.yaml".to_string(), "kind: ConfigMap\n".to_string())])
    );

    // Diff: none, then a change (exit 1), then an error (exit 2).
    let r = flux_bare(
        &[
            "diff",
            "artifact",
            &v1,
            "--path",
            path,
            "--ignore-paths=*.md",
            "--insecure-registry",
        ],
        &[],
    );
    r.success();
    std::fs::write(src.path().join("deploy/cm.yaml"), "kind: Secret\n").unwrap();
    let r = flux_bare(
        &[
            "diff",
            "artifact",
            &v1,
            "--path",
            path,
            "--ignore-paths=*.md",
            "--insecure-registry",
        ],
        &[],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("deploy/cm.yaml: differs"), "{}", r.stderr);
    let r = flux_bare(
        &[
            "diff",
            "artifact",
            &format!("{url}:nope"),
            "--path",
            path,
            "--insecure-registry",
        ],
        &[],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("not found"), "{}", r.stderr);

    // Pushing without a tag is a usage error; a missing tag fails naming it.
    let r = flux_bare(
        &[
            "push",
            "artifact",
            &url,
            "--path",
            path,
            "--source=s",
            "--revision=r",
            "--insecure-registry",
        ],
        &[],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    let r = flux_bare(
        &[
            "pull",
            "artifact",
            &format!("{url}:missing"),
            "-o",
            dest.to_str().unwrap(),
            "--insecure-registry",
        ],
        &[],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains(&format!("{}/apps:missing: not found", reg.host)),
        "{}",
        r.stderr
    );
}

#[tokio::test]
async fn ocirepository_one_shot_and_a_kustomization_from_it() {
    ensure_crds();
    let ns = TestNamespace::new("oci-ks").await;
    let n = ns.name.as_str();
    let client = client().await;
    let reg = TestRegistry::start(RegistryAuth::Anonymous, None);
    let r = plain(&reg);
    let url = reg.url("manifests/app");
    let digest = push(
        &r,
        &format!("{url}:v1"),
        &[
            ("deploy/cm.yaml", &format!("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-oci\n  namespace: {n}\ndata:\n  v: one\n")),
            ("deploy/kustomization.yaml", "resources:\n- cm.yaml\n"),
        ],
        "main@sha1:1111111111111111111111111111111111111111",
    )
    .await;
    let cache = tempfile::tempdir().unwrap();
    let cache_dir = cache.path().to_str().unwrap();
    let env = [("XDG_CACHE_HOME", cache_dir)];
    let r1 = flux_env(
        &[
            "create",
            "source",
            "oci",
            "app",
            "--url",
            &url,
            "--tag=v1",
            "--insecure",
            "-n",
            n,
        ],
        &env,
    );
    r1.success();
    assert!(
        r1.stderr.contains(&format!("✔ fetched revision: v1@{digest}")),
        "{}",
        r1.stderr
    );
    let live = get(&client, n, "app").await;
    assert_eq!(
        ready(&live),
        (
            "True".into(),
            "Succeeded".into(),
            format!("stored artifact for digest 'v1@{digest}'")
        )
    );
    let st = live.status.clone().unwrap();
    let a = st.artifact.clone().unwrap();
    assert_eq!(a.revision, format!("v1@{digest}"));
    assert_eq!(
        a.path,
        format!(
            "ocirepository/{n}/app/{}.tar.gz",
            digest.trim_start_matches("sha256:")
        )
    );
    assert_eq!(
        a.metadata.as_ref().unwrap()["org.opencontainers.image.revision"],
        "main@sha1:1111111111111111111111111111111111111111"
    );
    assert_eq!(st.url.as_deref(), Some(a.url.as_str()));
    assert!(meta::find_condition(live.conditions(), "ArtifactInStorage").is_some());

    // Nothing changed: the manifest is read, no layer transferred, no status write.
    let opts = SourceOptions::in_dir(&cache.path().join("flux-rs"));
    let again = repository::reconcile(&client, &live, &opts).await.unwrap();
    assert!(!again.new_artifact);
    assert_eq!(again.layer_bytes, 0);

    // get sources oci, and in get sources all.
    let r = flux_env(&["get", "sources", "oci", "-n", n], &env);
    r.success();
    assert!(
        r.stdout
            .contains(&format!("v1@sha256:{}   False       True", &digest[7..15])),
        "{}",
        r.stdout
    );
    let r = flux_env(&["get", "sources", "all", "-n", n], &env);
    assert!(r.stdout.contains("ocirepository/app"), "{}", r.stdout);

    // A Kustomization builds and applies from the OCIRepository.
    flux_env(
        &[
            "create",
            "kustomization",
            "app",
            "--source=OCIRepository/app",
            "--path=./deploy",
            "--prune=true",
            "-n",
            n,
            "--local",
        ],
        &env,
    )
    .success();
    let cm: Api<ConfigMap> = Api::namespaced(client.clone(), n);
    assert_eq!(cm.get("from-oci").await.unwrap().data.unwrap()["v"], "one");

    // A new tag content: reconcile the source, then the Kustomization applies it.
    let digest2 = push(
        &r_client(&reg),
        &format!("{url}:v1"),
        &[
            ("deploy/cm.yaml", &format!("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-oci\n  namespace: {n}\ndata:\n  v: two\n")),
            ("deploy/kustomization.yaml", "resources:\n- cm.yaml\n"),
        ],
        "main@sha1:2222222222222222222222222222222222222222",
    )
    .await;
    assert_ne!(digest, digest2);
    flux_env(
        &["reconcile", "ks", "app", "--with-source", "--local", "-n", n],
        &env,
    )
    .success();
    assert_eq!(cm.get("from-oci").await.unwrap().data.unwrap()["v"], "two");
    let live = get(&client, n, "app").await;
    assert_eq!(live.artifact_revision(), Some(format!("v1@{digest2}").as_str()));

    // suspend / resume / export / delete work for `source oci`.
    flux_env(&["suspend", "source", "oci", "app", "-n", n], &env).success();
    assert!(get(&client, n, "app").await.spec.suspend);
    let r = flux_env(&["reconcile", "source", "oci", "app", "-n", n], &env);
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("resource is suspended"), "{}", r.stderr);
    let r = flux_env(&["export", "source", "oci", "app", "-n", n], &env);
    r.success();
    assert!(
        r.stdout.contains("kind: OCIRepository") && r.stdout.contains(&url),
        "{}",
        r.stdout
    );
    let r = flux_env(&["resume", "source", "oci", "app", "-n", n, "--local"], &env);
    r.success();
    assert!(
        r.stderr.contains(&format!("✔ fetched revision v1@{digest2}")),
        "{}",
        r.stderr
    );
    assert!(!get(&client, n, "app").await.spec.suspend);
    flux_env(&["delete", "source", "oci", "app", "-s", "-n", n], &env).success();
    let left = Api::<OCIRepository>::namespaced(client.clone(), n)
        .get_opt("app")
        .await
        .unwrap();
    assert!(left.is_none());
}

fn r_client(reg: &TestRegistry) -> Registry {
    plain(reg)
}

#[tokio::test]
async fn basic_auth_and_tls_with_the_secrets_ca() {
    ensure_crds();
    let ns = TestNamespace::new("oci-auth").await;
    let n = ns.name.as_str();
    let client = client().await;
    let pki = tempfile::tempdir().unwrap();
    let (ca, chain, key) = crate::source::private_ca(pki.path(), "registry");
    let reg = TestRegistry::start(RegistryAuth::Htpasswd("flux", "s3cret"), Some((&chain, &key)));
    let url = reg.url("secure/app");
    let tls = TlsMaterial {
        ca: Some(ca.clone()),
        client: None,
    };
    let good = Registry::new(
        &reg.host,
        &ClientOptions {
            credentials: Some(Credentials::Basic {
                username: "flux".into(),
                password: "s3cret".into(),
            }),
            tls: tls.clone(),
            ..ClientOptions::default()
        },
    )
    .unwrap();
    let digest = push(
        &good,
        &format!("{url}:latest"),
        &[("a.yaml", "a: 1\n")],
        "main@sha1:3333333333333333333333333333333333333333",
    )
    .await;

    // Anonymous and wrong credentials are refused by the registry.
    let anon = Registry::new(
        &reg.host,
        &ClientOptions {
            tls: tls.clone(),
            ..ClientOptions::default()
        },
    )
    .unwrap();
    let e = anon
        .manifest("secure/app", "latest")
        .await
        .unwrap_err()
        .to_string();
    assert!(e.contains("authentication required"), "{e}");

    let (_tmp, dir) = scratch();
    let opts = SourceOptions::in_dir(&dir);
    let config = oci::docker_config_json(&reg.host, "flux", "s3cret");
    secret(
        &client,
        n,
        "creds",
        "kubernetes.io/dockerconfigjson",
        &[(".dockerconfigjson", config.as_bytes())],
    )
    .await;
    let wrong = oci::docker_config_json(&reg.host, "flux", "wrong");
    secret(
        &client,
        n,
        "wrong",
        "kubernetes.io/dockerconfigjson",
        &[(".dockerconfigjson", wrong.as_bytes())],
    )
    .await;
    secret(&client, n, "ca", "Opaque", &[("ca.crt", &ca)]).await;

    create(
        &client,
        n,
        "good",
        json!({"url": url, "secretRef": {"name": "creds"}, "certSecretRef": {"name": "ca"}}),
    )
    .await;
    let (r, live) = reconcile(&client, n, "good", &opts).await;
    r.unwrap();
    assert_eq!(
        live.artifact_revision(),
        Some(format!("latest@{digest}").as_str())
    );

    create(
        &client,
        n,
        "wrong",
        json!({"url": url, "secretRef": {"name": "wrong"}, "certSecretRef": {"name": "ca"}}),
    )
    .await;
    let (r, live) = reconcile(&client, n, "wrong", &opts).await;
    let e = r.unwrap_err();
    assert_eq!(e.reason, "AuthenticationFailed");
    let (status, reason, message) = ready(&live);
    assert_eq!(
        (status.as_str(), reason.as_str()),
        ("False", "AuthenticationFailed")
    );
    assert!(
        message.contains("credentials were refused") && !message.contains("wrong"),
        "{message}"
    );
    assert!(stored_files(&opts, n, "wrong").is_empty());

    // Without the CA the registry's certificate is not trusted.
    create(
        &client,
        n,
        "noca",
        json!({"url": url, "secretRef": {"name": "creds"}}),
    )
    .await;
    let (r, live) = reconcile(&client, n, "noca", &opts).await;
    assert_eq!(r.unwrap_err().reason, "OCIArtifactPullFailed");
    let (_, _, message) = ready(&live);
    assert!(message.to_lowercase().contains("certificate"), "{message}");

    // The CLI with credentials (--creds) and the CA from SSL_CERT_FILE.
    let ca_file = pki.path().join("ca-bundle.pem");
    std::fs::write(&ca_file, &ca).unwrap();
    let out = tempfile::tempdir().unwrap();
    let env = [("SSL_CERT_FILE", ca_file.to_str().unwrap())];
    let r = flux_bare(
        &[
            "pull",
            "artifact",
            &format!("{url}:latest"),
            "-o",
            out.path().to_str().unwrap(),
            "--creds=flux:s3cret",
        ],
        &env,
    );
    r.success();
    assert_eq!(
        std::fs::read_to_string(out.path().join("a.yaml")).unwrap(),
        "a: 1\n"
    );
    let r = flux_bare(&["list", "artifacts", &url, "--creds=flux:bad"], &env);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("credentials were refused") && !r.stderr.contains("bad"),
        "{}",
        r.stderr
    );
}

/// A tar.gz with one entry whose name is written raw (so it can escape the root).
fn evil_layer(name: &[u8], link_target: Option<&[u8]>) -> Vec<u8> {
    let mut h = tar::Header::new_gnu();
    {
        let gnu = h.as_gnu_mut().unwrap();
        gnu.name[..name.len()].copy_from_slice(name);
        if let Some(t) = link_target {
            gnu.linkname[..t.len()].copy_from_slice(t);
        }
    }
    h.set_entry_type(if link_target.is_some() {
        tar::EntryType::Symlink
    } else {
        tar::EntryType::Regular
    });
    h.set_mode(0o644);
    h.set_size(if link_target.is_some() { 0 } else { 5 });
    h.set_cksum();
    let gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let mut b = tar::Builder::new(gz);
    let data: &[u8] = if link_target.is_some() { b"" } else { b"evil\n" };
    b.append(&h, data).unwrap();
    b.into_inner().unwrap().finish().unwrap()
}

async fn push_layer(reg: &Registry, repo: &str, tag: &str, layer: Vec<u8>) {
    let config = reg.push_blob(repo, Bytes::from_static(b"{}")).await.unwrap();
    let size = layer.len();
    let digest = reg.push_blob(repo, Bytes::from(layer)).await.unwrap();
    let m = json!({
        "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": oci::FLUX_CONFIG_MEDIA_TYPE, "digest": config, "size": 2},
        "layers": [{"mediaType": oci::FLUX_CONTENT_MEDIA_TYPE, "digest": digest, "size": size}],
    });
    reg.push_manifest(
        repo,
        tag,
        "application/vnd.oci.image.manifest.v1+json",
        Bytes::from(serde_json::to_vec(&m).unwrap()),
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn bad_inputs_fail_with_upstreams_reasons_and_no_partial_artifact() {
    ensure_crds();
    let ns = TestNamespace::new("oci-bad").await;
    let n = ns.name.as_str();
    let client = client().await;
    let reg = TestRegistry::start(RegistryAuth::Anonymous, None);
    let r = plain(&reg);
    let (_tmp, dir) = scratch();
    let opts = SourceOptions::in_dir(&dir);
    let base = reg.url("bad/app");
    let digest = push(&r, &format!("{base}:v1"), &[("a.yaml", "a: 1\n")], "r1").await;

    let check = |live: &OCIRepository, reason: &str| {
        let (status, got, message) = ready(live);
        assert_eq!((status.as_str(), got.as_str()), ("False", reason), "{message}");
        assert!(
            live.status.as_ref().unwrap().artifact.is_none(),
            "no artifact after a failure"
        );
        message
    };

    // A tag that does not exist.
    create(
        &client,
        n,
        "missing",
        json!({"url": base, "insecure": true, "ref": {"tag": "v9"}}),
    )
    .await;
    let (res, live) = reconcile(&client, n, "missing", &opts).await;
    assert!(res.is_err());
    let m = check(&live, "OCIArtifactPullFailed");
    assert!(m.contains("bad/app:v9: not found"), "{m}");
    assert!(meta::find_condition(live.conditions(), "FetchFailed").is_some());

    // No semver match.
    create(
        &client,
        n,
        "semver",
        json!({"url": base, "insecure": true, "ref": {"semver": ">=2.0.0"}}),
    )
    .await;
    let (_, live) = reconcile(&client, n, "semver", &opts).await;
    let m = check(&live, "OCIArtifactPullFailed");
    assert!(m.contains("no match found for semver"), "{m}");

    // An unreachable registry.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    create(
        &client,
        n,
        "unreachable",
        json!({"url": format!("oci://127.0.0.1:{port}/x"), "insecure": true, "timeout": "5s"}),
    )
    .await;
    let (_, live) = reconcile(&client, n, "unreachable", &opts).await;
    let m = check(&live, "OCIArtifactPullFailed");
    assert!(m.contains(&format!("cannot reach 127.0.0.1:{port}")), "{m}");

    // A layer larger than the limit.
    create(
        &client,
        n,
        "large",
        json!({"url": base, "insecure": true, "ref": {"tag": "v1"}}),
    )
    .await;
    let small = SourceOptions {
        max_layer_size: 10,
        ..opts.clone()
    };
    let (_, live) = reconcile(&client, n, "large", &small).await;
    let m = check(&live, "OCIArtifactPullFailed");
    assert!(m.contains("larger than the limit of 10 bytes"), "{m}");
    assert!(
        stored_files(&opts, n, "large").iter().all(|f| f.starts_with('.')),
        "{:?}",
        stored_files(&opts, n, "large")
    );

    // Escaping paths and links.
    push_layer(&r, "bad/escape", "v1", evil_layer(b"../evil.yaml", None)).await;
    push_layer(&r, "bad/link", "v1", evil_layer(b"l", Some(b"../../etc/passwd"))).await;
    for name in ["escape", "link"] {
        create(
            &client,
            n,
            name,
            json!({"url": reg.url(&format!("bad/{name}")), "insecure": true, "ref": {"tag": "v1"}}),
        )
        .await;
        let (_, live) = reconcile(&client, n, name, &opts).await;
        let m = check(&live, "OCIArtifactLayerOperationFailed");
        assert!(m.contains("unsafe entry"), "{m}");
        assert!(
            stored_files(&opts, n, name).iter().all(|f| f.starts_with('.')),
            "{:?}",
            stored_files(&opts, n, name)
        );
    }
    assert!(!dir.join("evil.yaml").exists() && !dir.parent().unwrap().join("evil.yaml").exists());

    // Unsupported fields stall, naming them.
    create(
        &client,
        n,
        "verify",
        json!({"url": base, "insecure": true, "verify": {"provider": "cosign"}, "provider": "aws"}),
    )
    .await;
    let (res, live) = reconcile(&client, n, "verify", &opts).await;
    assert!(res.unwrap_err().stalled);
    let m = check(&live, "UnsupportedFeature");
    assert!(m.contains("spec.verify") && m.contains("spec.provider"), "{m}");
    assert_eq!(
        meta::find_condition(live.conditions(), STALLED).unwrap().status,
        "True"
    );

    // copy stores the layer itself; then a corrupted layer (digest mismatch) fails.
    create(&client, n, "copy", json!({"url": base, "insecure": true, "ref": {"tag": "v1"}, "layerSelector": {"mediaType": oci::FLUX_CONTENT_MEDIA_TYPE, "operation": "copy"}})).await;
    let (res, live) = reconcile(&client, n, "copy", &opts).await;
    res.unwrap();
    let info = artifact::manifest(&r, &OciRef::parse(&format!("{base}:v1")).unwrap())
        .await
        .unwrap();
    assert_eq!(info.digest, digest);
    let layer_digest = info.layers[0].1.clone();
    assert_eq!(
        live.status
            .as_ref()
            .unwrap()
            .artifact
            .as_ref()
            .unwrap()
            .digest
            .as_deref(),
        Some(layer_digest.as_str())
    );
    let blob = reg.blob_file(&layer_digest);
    let mut bytes = std::fs::read(&blob).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0xff;
    std::fs::write(&blob, &bytes).unwrap();
    create(
        &client,
        n,
        "corrupt",
        json!({"url": base, "insecure": true, "ref": {"tag": "v1"}}),
    )
    .await;
    let (_, live) = reconcile(&client, n, "corrupt", &opts).await;
    let m = check(&live, "OCIArtifactPullFailed");
    assert!(m.contains("digest mismatch"), "{m}");
    assert!(
        stored_files(&opts, n, "corrupt")
            .iter()
            .all(|f| f.starts_with('.'))
    );
}

#[tokio::test]
async fn the_controller_pulls_ocirepositories_and_applies_their_kustomizations() {
    use crate::harness::{bin, kubeconfig};
    use crate::process::ControllerProcess;
    use crate::recorder::eventually;
    use std::time::Duration;

    ensure_crds();
    let ns = TestNamespace::new("oci-ctl").await;
    let n = ns.name.as_str();
    let client = client().await;
    let reg = TestRegistry::start(RegistryAuth::Anonymous, None);
    let r = plain(&reg);
    let url = reg.url("ctl/app");
    let cm_yaml = |v: &str| {
        format!(
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-oci\n  namespace: {n}\ndata:\n  v: {v}\n"
        )
    };
    push(
        &r,
        &format!("{url}:latest"),
        &[("cm.yaml", &cm_yaml("one"))],
        "r1",
    )
    .await;
    create(
        &client,
        n,
        "app",
        json!({"url": url, "insecure": true, "interval": "2s"}),
    )
    .await;
    let ks: flux_rs::api::Kustomization = serde_json::from_value(json!({
        "apiVersion": "kustomize.toolkit.fluxcd.io/v1", "kind": "Kustomization",
        "metadata": {"name": "app", "namespace": n},
        "spec": {"interval": "1h", "prune": true, "sourceRef": {"kind": "OCIRepository", "name": "app"}},
    }))
    .unwrap();
    Api::<flux_rs::api::Kustomization>::namespaced(client.clone(), n)
        .create(&PostParams::default(), &ks)
        .await
        .unwrap();

    let root = tempfile::Builder::new().prefix("flux-rs-ctl-").tempdir().unwrap();
    let storage = root.path().join("data");
    let mut cmd = std::process::Command::new(bin());
    cmd.arg("controller")
        .arg("--kubeconfig")
        .arg(kubeconfig())
        .args(["--watch-namespace", n, "--runtime-namespace", n])
        .arg("--storage-path")
        .arg(&storage)
        .args([
            "--metrics-addr=127.0.0.1:0",
            "--health-addr=127.0.0.1:0",
            "--log-encoding=json",
        ]);
    let mut ctl = ControllerProcess::spawn("flux-rs controller", cmd, vec![root]);

    let cms: Api<ConfigMap> = Api::namespaced(client.clone(), n);
    let wait = Duration::from_secs(60);
    eventually(wait, "the ConfigMap from the OCI artifact", || {
        let cms = cms.clone();
        async move {
            cms.get_opt("from-oci")
                .await
                .ok()
                .flatten()
                .filter(|c| c.data.as_ref().is_some_and(|d| d["v"] == "one"))
        }
    })
    .await;
    let live = get(&client, n, "app").await;
    assert_eq!(ready(&live).0, "True");
    assert!(meta::find_condition(live.conditions(), READY).is_some());
    let path = live.status.unwrap().artifact.unwrap().path;
    assert!(
        storage.join(&path).is_file(),
        "{path} in the controller's storage"
    );

    // A new artifact under the same tag: pulled at the next interval, applied at once.
    let d2 = push(
        &r,
        &format!("{url}:latest"),
        &[("cm.yaml", &cm_yaml("two"))],
        "r2",
    )
    .await;
    eventually(wait, "the new artifact applied", || {
        let cms = cms.clone();
        async move {
            cms.get_opt("from-oci")
                .await
                .ok()
                .flatten()
                .filter(|c| c.data.as_ref().is_some_and(|d| d["v"] == "two"))
        }
    })
    .await;
    let kss = Api::<flux_rs::api::Kustomization>::namespaced(client.clone(), n);
    let expected = format!("latest@{d2}");
    eventually(wait, "the Kustomization's status at the new revision", || {
        let (kss, expected) = (kss.clone(), expected.clone());
        async move {
            kss.get("app").await.ok().filter(|k| {
                k.status.as_ref().and_then(|s| s.last_applied_revision.as_deref()) == Some(expected.as_str())
            })
        }
    })
    .await;
    let live = get(&client, n, "app").await;
    assert!(
        live.metadata
            .finalizers
            .unwrap_or_default()
            .contains(&"finalizers.fluxcd.io".to_string())
    );
    ctl.terminate();
    assert_eq!(ctl.wait_exit(Duration::from_secs(60)), 0, "{}", ctl.logs());
}
