//! The Git source engine against real parts: repositories made with `git` and fetched over
//! `file://`, a real sshd on loopback (`sshd.rs`), and the real API server for the
//! GitRepository objects and their status.

use std::collections::BTreeMap;
use std::time::Duration;

use flux_rs::api::GitRepository;
use flux_rs::api::meta::{self, FETCH_FAILED, READY};
use flux_rs::source::keys::{self, Curve, KeyAlgorithm};
use flux_rs::source::known_hosts::KnownHosts;
use flux_rs::source::storage::Storage;
use flux_rs::source::{self, CheckoutSource, SourceOptions, keyscan};
use k8s_openapi::api::core::v1::Secret;
use kube::Client;
use kube::api::{Api, Patch, PatchParams, PostParams};
use serde_json::{Value, json};

use crate::gitrepo::{WorkRepo, artifact_listing, paths, scratch, tree_listing};
use crate::harness::{TestNamespace, client};
use crate::sshd::Sshd;

async fn create(client: &Client, ns: &str, name: &str, spec: Value) -> GitRepository {
    let api: Api<GitRepository> = Api::namespaced(client.clone(), ns);
    let mut full = json!({"interval": "1h"});
    for (k, v) in spec.as_object().unwrap() {
        full[k] = v.clone();
    }
    let repo: GitRepository = serde_json::from_value(json!({
        "apiVersion": "source.toolkit.fluxcd.io/v1", "kind": "GitRepository",
        "metadata": {"name": name, "namespace": ns},
        "spec": full,
    }))
    .unwrap();
    api.create(&PostParams::default(), &repo).await.unwrap()
}

async fn get(client: &Client, ns: &str, name: &str) -> GitRepository {
    Api::<GitRepository>::namespaced(client.clone(), ns)
        .get(name)
        .await
        .unwrap()
}

async fn secret(client: &Client, ns: &str, name: &str, data: &[(&str, &str)]) {
    let api: Api<Secret> = Api::namespaced(client.clone(), ns);
    let s: Secret = serde_json::from_value(json!({
        "apiVersion": "v1", "kind": "Secret",
        "metadata": {"name": name, "namespace": ns},
        "stringData": data.iter().map(|(k, v)| ((*k).to_string(), json!(v))).collect::<serde_json::Map<_, _>>(),
    }))
    .unwrap();
    api.create(&PostParams::default(), &s).await.unwrap();
}

fn ready(repo: &GitRepository) -> (String, String, String) {
    let c = meta::find_condition(repo.conditions(), READY).expect("a Ready condition");
    (c.status.clone(), c.reason.clone(), c.message.clone())
}

fn artifact_file(opts: &SourceOptions, repo: &GitRepository) -> std::path::PathBuf {
    let a = repo.status.as_ref().unwrap().artifact.as_ref().unwrap();
    opts.storage.path_of(&a.path).unwrap()
}

#[tokio::test]
async fn file_references_resolve_as_upstream() {
    let ns = TestNamespace::new("src-refs").await;
    let client = client().await;
    let (_tmp, dir) = scratch();
    let opts = SourceOptions::in_dir(&dir);
    let w = WorkRepo::new();
    w.write("app.yaml", "v1\n");
    let c1 = w.commit("one");
    w.annotated_tag("v1.0.0");
    w.write("app.yaml", "v2\n");
    let c2 = w.commit("two");
    w.tag("v1.1.0");
    w.git(&["checkout", "-q", "-b", "dev"]);
    w.write("dev.yaml", "dev\n");
    let c3 = w.commit("dev");
    w.git(&["checkout", "-q", "main"]);
    w.write("app.yaml", "v4\n");
    let c4 = w.commit("four");
    w.tag("v2.0.0");
    w.tag("not-a-version");
    let url = w.url();

    for (name, reference, revision, content) in [
        (
            "branch",
            json!({"branch": "main"}),
            format!("main@sha1:{c4}"),
            "v4\n",
        ),
        (
            "tag",
            json!({"tag": "v1.0.0"}),
            format!("v1.0.0@sha1:{c1}"),
            "v1\n",
        ),
        (
            "semver",
            json!({"semver": ">=1.0.0 <2.0.0"}),
            format!("v1.1.0@sha1:{c2}"),
            "v2\n",
        ),
        (
            "name",
            json!({"name": "refs/heads/dev"}),
            format!("refs/heads/dev@sha1:{c3}"),
            "v2\n",
        ),
        ("commit", json!({"commit": c2}), format!("sha1:{c2}"), "v2\n"),
        (
            "commit-on-branch",
            json!({"branch": "main", "commit": c2}),
            format!("main@sha1:{c2}"),
            "v2\n",
        ),
        // commit > name > semver > tag > branch
        (
            "precedence",
            json!({"branch": "dev", "tag": "v2.0.0", "semver": "<1.1", "name": "refs/tags/v1.1.0"}),
            format!("refs/tags/v1.1.0@sha1:{c2}"),
            "v2\n",
        ),
    ] {
        let repo = create(&client, &ns.name, name, json!({"url": url, "ref": reference})).await;
        let done = source::reconcile(&client, &repo, &opts)
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(done.revision, revision, "{name}");
        let live = get(&client, &ns.name, name).await;
        let st = live.status.as_ref().unwrap();
        let a = st.artifact.as_ref().unwrap();
        assert_eq!(a.revision, revision, "{name}");
        assert_eq!(st.observed_generation, live.metadata.generation);
        assert_eq!(
            ready(&live),
            (
                "True".into(),
                "Succeeded".into(),
                format!("stored artifact for revision '{revision}'")
            )
        );
        assert!(
            a.path.starts_with(&format!("gitrepository/{}/{name}/", ns.name)) && a.path.ends_with(".tar.gz"),
            "{}",
            a.path
        );
        let digest = a.digest.as_deref().unwrap();
        assert_eq!(
            format!("{}.tar.gz", digest.strip_prefix("sha256:").unwrap()),
            a.path.rsplit('/').next().unwrap()
        );
        assert!(a.url.starts_with("file:///"), "{}", a.url);
        let file = artifact_file(&opts, &live);
        assert_eq!(
            std::fs::metadata(&file).unwrap().len(),
            u64::try_from(a.size.unwrap()).unwrap()
        );
        let listing: BTreeMap<String, String> = artifact_listing(&file).into_iter().collect();
        assert_eq!(listing["app.yaml"], content, "{name}");
        assert_eq!(listing.contains_key("dev.yaml"), name == "name", "{name}");
    }

    // Failures: Ready=False with upstream's reason and message, FetchFailed=True.
    for (name, reference, want) in [
        ("default-master", Value::Null, "couldn't find remote ref \"refs/heads/master\"".to_string()),
        ("no-branch", json!({"branch": "nope"}), "couldn't find remote ref \"refs/heads/nope\"".to_string()),
        ("no-tag", json!({"tag": "v9"}), "couldn't find remote ref \"refs/tags/v9\"".to_string()),
        ("no-semver", json!({"semver": ">=3.0.0"}), "no match found for semver: >=3.0.0".to_string()),
        ("off-branch", json!({"branch": "main", "commit": c3}), format!("commit '{c3}' is not on branch 'main'")),
        (
            "no-commit",
            json!({"commit": "0123456789abcdef0123456789abcdef01234567"}),
            "failed to resolve commit object for '0123456789abcdef0123456789abcdef01234567': object not found".to_string(),
        ),
    ] {
        let mut spec = json!({"url": url});
        if !reference.is_null() {
            spec["ref"] = reference;
        }
        let repo = create(&client, &ns.name, name, spec).await;
        let e = source::reconcile(&client, &repo, &opts).await.unwrap_err();
        assert_eq!(e.reason(), "GitOperationFailed", "{name}: {e}");
        assert!(!e.is_stalled());
        assert!(e.to_string().starts_with(&format!("GitRepository/{}/{name}: ", ns.name)), "{e}");
        let live = get(&client, &ns.name, name).await;
        let (status, reason, message) = ready(&live);
        assert_eq!((status.as_str(), reason.as_str()), ("False", "GitOperationFailed"), "{name}");
        assert_eq!(
            message,
            format!("failed to checkout and determine revision: unable to fetch '{url}': {want}"),
            "{name}"
        );
        let ff = meta::find_condition(live.conditions(), FETCH_FAILED).unwrap();
        assert_eq!((ff.status.as_str(), ff.message.as_str()), ("True", message.as_str()));
        assert!(live.status.as_ref().unwrap().artifact.is_none());
        assert!(matches!(
            source::outcome(&Err(e)),
            flux_rs::reconcile::Outcome::Failed { ref reason, .. } if reason == "GitOperationFailed"
        ));
    }

    // A spec flux-rs cannot honour stalls instead of being half-done.
    let repo = create(
        &client,
        &ns.name,
        "verify",
        json!({"url": url, "ref": {"branch": "main"}, "verify": {"mode": "HEAD", "secretRef": {"name": "keys"}}}),
    )
    .await;
    let e = source::reconcile(&client, &repo, &opts).await.unwrap_err();
    assert!(e.is_stalled(), "{e}");
    assert!(e.to_string().contains("spec.verify"), "{e}");
    let live = get(&client, &ns.name, "verify").await;
    assert_eq!(
        meta::find_condition(live.conditions(), "Stalled").unwrap().status,
        "True"
    );

    // Suspended: refused, status untouched.
    let mut repo = create(
        &client,
        &ns.name,
        "suspended",
        json!({"url": url, "suspend": true}),
    )
    .await;
    let e = source::reconcile(&client, &repo, &opts).await.unwrap_err();
    assert_eq!(
        e.to_string(),
        format!("GitRepository/{}/suspended: resource is suspended", ns.name)
    );
    repo = get(&client, &ns.name, "suspended").await;
    assert!(repo.status.is_none() || repo.conditions().is_empty());
}

#[tokio::test]
async fn ignore_rules_and_symbolic_links() {
    let ns = TestNamespace::new("src-ignore").await;
    let client = client().await;
    let (_tmp, dir) = scratch();
    let opts = SourceOptions::in_dir(&dir);
    let w = WorkRepo::new();
    w.write("deploy/app.yaml", "app\n")
        .write("deploy/secret.enc.yaml", "enc\n")
        .write("deploy/.sourceignore", "*.enc.yaml\n")
        .write(".sourceignore", "# docs are not deployed\n/docs/\n")
        .write("docs/readme.md", "docs\n")
        .write("notes.txt", "notes\n")
        .write("keep/notes.txt", "kept\n")
        .write("logo.png", "png\n")
        .write(".github/workflows/ci.yaml", "ci\n")
        .write("bin/run.sh", "#!/bin/sh\n")
        .symlink("link-inside", "deploy/app.yaml")
        .symlink("dirlink", "deploy")
        .symlink("deploy/up", "../notes.txt")
        .symlink("self", ".")
        .symlink("escape-relative", "../../../etc/passwd")
        .symlink("escape-absolute", "/etc/passwd")
        .symlink("escape-chain", "self/..")
        .symlink("deploy/escape-deep", "../../x");
    {
        use std::os::unix::fs::PermissionsExt as _;
        let p = w.path().join("bin/run.sh");
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    w.commit("tree");

    let repo = create(
        &client,
        &ns.name,
        "ignore",
        json!({"url": w.url(), "ref": {"branch": "main"}, "ignore": "*.txt\n!keep/notes.txt\n"}),
    )
    .await;
    let done = source::reconcile(&client, &repo, &opts).await.unwrap();
    let mut escaping = done.escaping_links.clone();
    escaping.sort();
    assert_eq!(
        escaping,
        [
            "deploy/escape-deep",
            "escape-absolute",
            "escape-chain",
            "escape-relative"
        ]
    );
    let live = get(&client, &ns.name, "ignore").await;
    assert_eq!(
        live.status.as_ref().unwrap().observed_ignore.as_deref(),
        Some("*.txt\n!keep/notes.txt\n")
    );
    let file = artifact_file(&opts, &live);
    let listing = artifact_listing(&file);
    assert_eq!(
        paths(&listing),
        [
            // Ignore rules were given, so upstream's defaults (images, CI files) do not apply.
            ".github/",
            ".github/workflows/",
            ".github/workflows/ci.yaml",
            ".sourceignore",
            "bin/",
            "bin/run.sh",
            "deploy/",
            "deploy/.sourceignore",
            "deploy/app.yaml",
            "deploy/up",
            "dirlink",
            "keep/",
            "keep/notes.txt",
            "link-inside",
            "logo.png",
            "self",
        ]
    );
    let map: BTreeMap<_, _> = listing.iter().cloned().collect();
    assert_eq!(map["link-inside"], "->deploy/app.yaml");
    assert_eq!(
        map["deploy/up"], "->../notes.txt",
        "a link inside the tree is kept even if its target is ignored"
    );
    // The executable bit survives.
    let out = std::process::Command::new("tar")
        .arg("-tvzf")
        .arg(&file)
        .output()
        .unwrap();
    let verbose = String::from_utf8_lossy(&out.stdout);
    let run = verbose.lines().find(|l| l.ends_with("bin/run.sh")).unwrap();
    assert!(run.starts_with("-rwxr-xr-x"), "{run}");
    assert!(
        verbose
            .lines()
            .all(|l| l.contains(" 0/0 ") || l.contains(" root/root ")),
        "{verbose}"
    );

    // The same revision again gives the same digest (deterministic archive).
    let digest = live
        .status
        .as_ref()
        .unwrap()
        .artifact
        .as_ref()
        .unwrap()
        .digest
        .clone();
    let (_tmp2, dir2) = scratch();
    let opts2 = SourceOptions::in_dir(&dir2);
    let again = source::reconcile(
        &client,
        &live,
        &SourceOptions {
            git_cache: opts.git_cache.clone(),
            ..opts2.clone()
        },
    )
    .await
    .unwrap();
    assert!(again.new_artifact, "another storage has no artifact yet");
    assert_eq!(again.artifact.digest, digest);

    // Checkout: from the artifact in storage, and from the Git cache: the same tree.
    let live = get(&client, &ns.name, "ignore").await;
    let revision = done.revision.clone();
    let from_artifact = tempfile::tempdir().unwrap();
    let dest = from_artifact.path().join("tree");
    let got = source::checkout(&client, &live, &revision, &opts, &dest)
        .await
        .unwrap();
    assert_eq!(got, CheckoutSource::Artifact);
    assert_eq!(tree_listing(&dest), listing);
    let cache_only = SourceOptions {
        storage: Storage::new(dir.join("empty-storage")),
        ..opts.clone()
    };
    let dest2 = from_artifact.path().join("tree2");
    let got = source::checkout(&client, &live, &revision, &cache_only, &dest2)
        .await
        .unwrap();
    assert!(
        matches!(got, CheckoutSource::GitCache(t) if !t.downloaded),
        "{got:?}"
    );
    assert_eq!(tree_listing(&dest2), listing);
    // A non-empty destination is refused.
    let e = source::checkout(&client, &live, &revision, &opts, &dest)
        .await
        .unwrap_err();
    assert!(e.to_string().contains("is not empty"), "{e}");

    // Without any ignore rule, upstream's defaults apply.
    let plain = WorkRepo::new();
    plain
        .write("app.yaml", "a\n")
        .write("logo.png", "png\n")
        .write(".github/workflows/ci.yaml", "ci\n")
        .write(".gitignore", "x\n")
        .write("sub/.sops.yaml", "s\n");
    plain.commit("plain");
    let repo = create(
        &client,
        &ns.name,
        "defaults",
        json!({"url": plain.url(), "ref": {"branch": "main"}}),
    )
    .await;
    source::reconcile(&client, &repo, &opts).await.unwrap();
    let live = get(&client, &ns.name, "defaults").await;
    assert_eq!(
        paths(&artifact_listing(&artifact_file(&opts, &live))),
        ["app.yaml", "sub/"]
    );

    // spec.sparseCheckout keeps only the listed directories.
    let repo = create(
        &client,
        &ns.name,
        "sparse",
        json!({"url": w.url(), "ref": {"branch": "main"}, "sparseCheckout": ["deploy"]}),
    )
    .await;
    source::reconcile(&client, &repo, &opts).await.unwrap();
    let live = get(&client, &ns.name, "sparse").await;
    assert_eq!(
        paths(&artifact_listing(&artifact_file(&opts, &live))),
        ["deploy/", "deploy/.sourceignore", "deploy/app.yaml", "deploy/up"]
    );
}

#[tokio::test]
async fn an_unchanged_remote_transfers_nothing() {
    use crate::git_http::{GitHttp, HttpAuth};
    let ns = TestNamespace::new("src-warm").await;
    let client = client().await;
    let (_tmp, dir) = scratch();
    let opts = SourceOptions::in_dir(&dir);
    let server = GitHttp::start(HttpAuth::None);
    let bare = server.bare_repo("warm");
    let w = WorkRepo::new();
    w.write("a.yaml", "1\n");
    let c1 = w.commit("one");
    w.push_all(&bare);
    let repo = create(
        &client,
        &ns.name,
        "warm",
        json!({"url": server.url("warm"), "ref": {"branch": "main"}}),
    )
    .await;
    let first = source::reconcile(&client, &repo, &opts).await.unwrap();
    assert!(first.transfer.downloaded && first.new_artifact && first.status_written);

    let live = get(&client, &ns.name, "warm").await;
    let second = source::reconcile(&client, &live, &opts).await.unwrap();
    assert!(!second.transfer.downloaded, "{:?}", second.transfer);
    assert_eq!(second.transfer.objects, 0);
    assert!(!second.new_artifact, "the stored artifact is up to date");
    assert!(!second.status_written, "nothing changed");
    assert_eq!(second.artifact, first.artifact);
    let rv = live.metadata.resource_version.clone();
    assert_eq!(get(&client, &ns.name, "warm").await.metadata.resource_version, rv);

    // A reconcile request is recorded.
    let api: Api<GitRepository> = Api::namespaced(client.clone(), &ns.name);
    api.patch(
        "warm",
        &PatchParams::default(),
        &Patch::Merge(json!({"metadata": {"annotations": {"reconcile.fluxcd.io/requestedAt": "now-1"}}})),
    )
    .await
    .unwrap();
    let live = get(&client, &ns.name, "warm").await;
    let third = source::reconcile(&client, &live, &opts).await.unwrap();
    assert!(third.status_written && !third.transfer.downloaded);
    let live = get(&client, &ns.name, "warm").await;
    assert_eq!(
        live.status.as_ref().unwrap().last_handled_reconcile_at.as_deref(),
        Some("now-1")
    );

    // A new commit: fetched, new artifact.
    w.write("a.yaml", "2\n");
    let c2 = w.commit("two");
    w.push_all(&bare);
    let fourth = source::reconcile(&client, &live, &opts).await.unwrap();
    assert_eq!(fourth.revision, format!("main@sha1:{c2}"));
    assert!(fourth.transfer.downloaded && fourth.new_artifact);
    assert_ne!(fourth.artifact.path, first.artifact.path);

    // Checking out the older revision needs no fetch: the cache has it.
    let live = get(&client, &ns.name, "warm").await;
    let tmp = tempfile::tempdir().unwrap();
    let got = source::checkout(
        &client,
        &live,
        &format!("main@sha1:{c1}"),
        &opts,
        &tmp.path().join("old"),
    )
    .await
    .unwrap();
    assert!(
        matches!(got, CheckoutSource::GitCache(t) if !t.downloaded),
        "{got:?}"
    );
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("old/a.yaml")).unwrap(),
        "1\n"
    );

    // A cold cache fetches once, then never again for the same commit.
    let (_tmp3, cold) = scratch();
    let cold = SourceOptions::in_dir(&cold);
    let rev = format!("main@sha1:{c2}");
    let got = source::checkout(&client, &live, &rev, &cold, &tmp.path().join("c1"))
        .await
        .unwrap();
    assert!(
        matches!(got, CheckoutSource::GitCache(t) if t.downloaded),
        "{got:?}"
    );
    let got = source::checkout(&client, &live, &rev, &cold, &tmp.path().join("c2"))
        .await
        .unwrap();
    assert!(
        matches!(got, CheckoutSource::GitCache(t) if !t.downloaded),
        "{got:?}"
    );
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("c2/a.yaml")).unwrap(),
        "2\n"
    );
    let e = source::checkout(
        &client,
        &live,
        "main@sha1:0000000000000000000000000000000000000001",
        &cold,
        &tmp.path().join("c3"),
    )
    .await
    .unwrap_err();
    assert!(e.to_string().contains("is not in"), "{e}");

    // A file:// repository is read where it is: nothing is copied, ever.
    let repo = create(
        &client,
        &ns.name,
        "local",
        json!({"url": w.url(), "ref": {"branch": "main"}}),
    )
    .await;
    let done = source::reconcile(&client, &repo, &cold).await.unwrap();
    assert_eq!(done.revision, format!("main@sha1:{c2}"));
    assert!(!done.transfer.downloaded && done.new_artifact);
    let url = flux_rs::source::GitUrl::parse(&w.url()).unwrap();
    assert!(
        !flux_rs::source::git::Cache::new(&cold.git_cache)
            .repo_dir(&url)
            .exists()
    );
}

/// A repository served by the sshd fixture, with one commit of 50 files on `main`:
/// (work tree, bare repository, URL, HEAD).
fn served_repo(sshd: &Sshd, name: &str) -> (WorkRepo, std::path::PathBuf, String, String) {
    let w = WorkRepo::new();
    for i in 0..50 {
        w.write(&format!("deploy/app-{i}.yaml"), &format!("{name} {i}\n"));
    }
    let head = w.commit("first");
    let bare = sshd.bare_repo(name);
    w.push_all(&bare);
    let url = sshd.url(&bare);
    (w, bare, url, head)
}

#[tokio::test]
async fn ssh_with_generated_keys() {
    let ns = TestNamespace::new("src-ssh").await;
    let client = client().await;
    let sshd = Sshd::start();
    let (w, bare, url, head) = served_repo(&sshd, "apps");
    let (_tmp, dir) = scratch();
    let opts = SourceOptions::in_dir(&dir);

    // A passphrase-protected key made by ssh-keygen, besides the generated ones.
    let keyfile = sshd.dir().join("client_ecdsa");
    let out = std::process::Command::new("ssh-keygen")
        .args([
            "-q",
            "-t",
            "ecdsa",
            "-b",
            "256",
            "-N",
            "pass phrase",
            "-C",
            "",
            "-f",
        ])
        .arg(&keyfile)
        .output()
        .unwrap();
    assert!(out.status.success());
    let encrypted = keys::from_private_key(&std::fs::read(&keyfile).unwrap(), Some("pass phrase")).unwrap();
    assert!(encrypted.is_encrypted());

    let generated = [
        (
            "p384",
            keys::generate(KeyAlgorithm::Ecdsa(Curve::P384)).unwrap(),
            None,
        ),
        ("ed25519", keys::generate(KeyAlgorithm::Ed25519).unwrap(), None),
        ("encrypted", encrypted, Some("pass phrase")),
    ];
    for (name, key, passphrase) in &generated {
        sshd.authorize(key.public_openssh());
        let known = sshd.known_hosts();
        let mut data = vec![
            ("identity", key.private_openssh()),
            ("known_hosts", known.as_str()),
        ];
        if let Some(p) = passphrase {
            data.push(("password", p));
        }
        secret(&client, &ns.name, name, &data).await;
        let repo = create(
            &client,
            &ns.name,
            name,
            json!({"url": url, "ref": {"branch": "main"}, "secretRef": {"name": name}}),
        )
        .await;
        let done = source::reconcile(&client, &repo, &opts)
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}\nsshd log:\n{}", sshd.log()));
        assert_eq!(done.revision, format!("main@sha1:{head}"), "{name}");
        assert!(
            sshd.log().contains(key.fingerprint()),
            "{name}: sshd accepted another key?\n{}",
            sshd.log()
        );
        let live = get(&client, &ns.name, name).await;
        assert_eq!(ready(&live).0, "True", "{name}");
    }

    // The cache is shared by URL: the repository was fetched (shallow) once.
    let cache = flux_rs::source::git::Cache::new(&opts.git_cache);
    let bare_dir = cache.repo_dir(&flux_rs::source::GitUrl::parse(&url).unwrap());
    assert!(
        bare_dir.join("shallow").is_file(),
        "fetched with depth 1 over SSH"
    );
    let live = get(&client, &ns.name, "p384").await;
    let again = source::reconcile(&client, &live, &opts).await.unwrap();
    assert!(!again.transfer.downloaded && !again.new_artifact);

    // A new commit over SSH: only the new objects come (shallow incremental fetch).
    w.write("deploy/app-7.yaml", "changed\n");
    let head2 = w.commit("second");
    w.push_all(&bare);
    let live = get(&client, &ns.name, "p384").await;
    let third = source::reconcile(&client, &live, &opts).await.unwrap();
    assert_eq!(third.revision, format!("main@sha1:{head2}"));
    assert!(
        third.transfer.downloaded && third.transfer.objects <= 4,
        "{:?}",
        third.transfer
    );
}

#[tokio::test]
async fn ssh_host_keys_and_keys_are_checked() {
    let ns = TestNamespace::new("src-ssh-bad").await;
    let client = client().await;
    let sshd = Sshd::start();
    let (_w, _bare, url, _) = served_repo(&sshd, "apps");
    let (_tmp, dir) = scratch();
    let opts = SourceOptions::in_dir(&dir);
    let key = keys::generate(KeyAlgorithm::Ecdsa(Curve::P384)).unwrap();
    sshd.authorize(key.public_openssh());
    let offered: Vec<String> = sshd
        .host_keys()
        .iter()
        .map(|k| {
            use base64::Engine as _;
            let blob = base64::engine::general_purpose::STANDARD
                .decode(k.split(' ').nth(1).unwrap())
                .unwrap();
            keys::fingerprint_of_blob(&blob)
        })
        .collect();
    let host = format!("[127.0.0.1]:{}", sshd.port);

    // Another key for this host: refused, naming the host and the offered key.
    let other = keys::generate(KeyAlgorithm::Ed25519).unwrap();
    let wrong = format!("{host} {}\n", other.public_openssh());
    // No entry at all for this host.
    let unknown = format!(
        "[127.0.0.1]:1 {}\n127.0.0.1 {}\n",
        other.public_openssh(),
        other.public_openssh()
    );
    for (name, known_hosts, want) in [
        (
            "wrong-host-key",
            wrong.as_str(),
            format!("host key mismatch for {host}: the server offered "),
        ),
        (
            "unknown-host",
            unknown.as_str(),
            format!("host {host} is not in known_hosts (the server offered "),
        ),
    ] {
        secret(
            &client,
            &ns.name,
            name,
            &[("identity", key.private_openssh()), ("known_hosts", known_hosts)],
        )
        .await;
        let repo = create(
            &client,
            &ns.name,
            name,
            json!({"url": url, "ref": {"branch": "main"}, "secretRef": {"name": name}}),
        )
        .await;
        let e = source::reconcile(&client, &repo, &opts).await.unwrap_err();
        let msg = e.to_string();
        assert_eq!(e.reason(), "GitOperationFailed", "{msg}");
        assert!(msg.contains(&want), "{name}: {msg}");
        assert!(
            offered.iter().any(|f| msg.contains(f.as_str())),
            "{name}: the offered fingerprint in {msg}"
        );
        assert!(
            !sshd.log().contains(key.fingerprint()),
            "{name}: no key was offered to an unverified host"
        );
    }

    // An unauthorised key: a clear error, no endless retry.
    let stranger = keys::generate(KeyAlgorithm::Ed25519).unwrap();
    let known = sshd.known_hosts();
    secret(
        &client,
        &ns.name,
        "stranger",
        &[("identity", stranger.private_openssh()), ("known_hosts", &known)],
    )
    .await;
    let repo = create(
        &client,
        &ns.name,
        "stranger",
        json!({"url": url, "ref": {"branch": "main"}, "secretRef": {"name": "stranger"}, "timeout": "20s"}),
    )
    .await;
    let started = std::time::Instant::now();
    let e = source::reconcile(&client, &repo, &opts).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(15), "gave up quickly");
    let msg = e.to_string();
    assert!(
        msg.contains(&format!(
            "the SSH server rejected the key {} for user '{}'",
            stranger.fingerprint(),
            sshd.user
        )),
        "{msg}"
    );
    assert!(!msg.contains("PRIVATE KEY"));

    // Missing Secret and Secret without known_hosts: AuthenticationFailed.
    let repo = create(
        &client,
        &ns.name,
        "no-secret",
        json!({"url": url, "ref": {"branch": "main"}, "secretRef": {"name": "missing"}}),
    )
    .await;
    let e = source::reconcile(&client, &repo, &opts).await.unwrap_err();
    assert_eq!(e.reason(), "AuthenticationFailed");
    assert!(
        e.to_string()
            .contains(&format!("failed to get secret '{}/missing'", ns.name)),
        "{e}"
    );
    secret(&client, &ns.name, "no-kh", &[("identity", key.private_openssh())]).await;
    let repo = create(
        &client,
        &ns.name,
        "no-kh",
        json!({"url": url, "ref": {"branch": "main"}, "secretRef": {"name": "no-kh"}}),
    )
    .await;
    let e = source::reconcile(&client, &repo, &opts).await.unwrap_err();
    assert_eq!(e.reason(), "AuthenticationFailed");
    assert!(e.to_string().contains("no 'known_hosts'"), "{e}");
    let live = get(&client, &ns.name, "no-kh").await;
    assert_eq!(
        meta::find_condition(live.conditions(), FETCH_FAILED)
            .unwrap()
            .reason,
        "AuthenticationFailed"
    );
}

#[tokio::test]
async fn keyscan_reads_every_host_key() {
    let sshd = Sshd::start();
    let keys = keyscan::scan("127.0.0.1", sshd.port, Duration::from_secs(20))
        .await
        .unwrap();
    let mut got: Vec<String> = keys
        .iter()
        .map(|k| k.known_hosts_line().split_once(' ').unwrap().1.to_string())
        .collect();
    got.sort();
    let mut want: Vec<String> = sshd.host_keys().to_vec();
    want.sort();
    assert_eq!(got, want);
    assert_eq!(keys[0].key_type(), "ssh-ed25519", "fixed order");
    let text = keyscan::known_hosts_text(&keys);
    assert!(
        text.lines()
            .all(|l| l.starts_with(&format!("[127.0.0.1]:{} ", sshd.port))),
        "{text}"
    );
    let kh = KnownHosts::parse(&text).unwrap();
    assert_eq!(kh.keys_for("127.0.0.1", sshd.port).len(), 2);
    // OpenSSH's own scanner sees the same keys.
    let out = std::process::Command::new("ssh-keyscan")
        .args(["-p", &sshd.port.to_string(), "127.0.0.1"])
        .output()
        .unwrap();
    let mut theirs: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split_once(' ').unwrap().1.to_string())
        .collect();
    theirs.sort();
    assert_eq!(got, theirs);
}

#[tokio::test]
async fn the_controller_runs_the_engine() {
    use flux_rs::api::Kustomization;
    use flux_rs::controller::Reconcilers;
    use flux_rs::reconcile::Request;
    use std::sync::Arc;

    let ns = TestNamespace::new("src-ctl").await;
    let client = client().await;
    let ctl = crate::recorder::start_with(
        &ns.name,
        |_| {},
        |rec, client, options| {
            let (r, c) = (rec.clone(), client.clone());
            Reconcilers::new(
                source::controller_reconciler(client.clone(), SourceOptions::controller(&options.storage)),
                move |ks: Arc<Kustomization>, req: Request| r.clone().kustomization(c.clone(), ks, req),
            )
        },
    )
    .await;
    let w = WorkRepo::new();
    w.write("a.yaml", "1\n");
    let c1 = w.commit("one");
    create(
        &client,
        &ns.name,
        "repo",
        json!({"url": w.url(), "ref": {"branch": "main"}}),
    )
    .await;
    create(
        &client,
        &ns.name,
        "broken",
        json!({"url": w.url(), "ref": {"branch": "nope"}}),
    )
    .await;

    let wait_revision = |want: String| {
        let client = client.clone();
        let ns = ns.name.clone();
        async move {
            crate::recorder::eventually(Duration::from_secs(30), "the artifact revision", || {
                let (client, ns, want) = (client.clone(), ns.clone(), want.clone());
                async move {
                    let live = get(&client, &ns, "repo").await;
                    (live.artifact_revision() == Some(want.as_str()) && ready(&live).0 == "True")
                        .then_some(live)
                }
            })
            .await
        }
    };
    let live = wait_revision(format!("main@sha1:{c1}")).await;
    let a = live.status.as_ref().unwrap().artifact.clone().unwrap();
    let file = ctl.storage.path_of(&a.path).unwrap();
    assert!(file.is_file());
    assert!(
        a.url.starts_with("file:///") && a.url.ends_with(&a.path),
        "{}",
        a.url
    );

    // New revisions, on request; the controller keeps the two newest artifacts.
    let api: Api<GitRepository> = Api::namespaced(client.clone(), &ns.name);
    let mut last = c1;
    for (i, at) in ["t1", "t2"].into_iter().enumerate() {
        w.write("a.yaml", &format!("{}\n", i + 2));
        last = w.commit("next");
        api.patch(
            "repo",
            &PatchParams::default(),
            &Patch::Merge(json!({"metadata": {"annotations": {"reconcile.fluxcd.io/requestedAt": at}}})),
        )
        .await
        .unwrap();
        let live = wait_revision(format!("main@sha1:{last}")).await;
        assert_eq!(
            live.status.as_ref().unwrap().last_handled_reconcile_at.as_deref(),
            Some(at)
        );
    }
    let dir = file.parent().unwrap();
    crate::recorder::eventually(Duration::from_secs(10), "two artifacts kept", || async {
        (std::fs::read_dir(dir).unwrap().count() == 2).then_some(())
    })
    .await;

    // The Kustomization engine's view: the current revision from the controller's storage.
    let live = get(&client, &ns.name, "repo").await;
    let tmp = tempfile::tempdir().unwrap();
    let got = source::checkout(
        &client,
        &live,
        &format!("main@sha1:{last}"),
        &SourceOptions::controller(&ctl.storage),
        &tmp.path().join("t"),
    )
    .await
    .unwrap();
    assert_eq!(got, CheckoutSource::Artifact);
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("t/a.yaml")).unwrap(),
        "3\n"
    );

    // A failing one is Ready=False with the engine's reason.
    let broken = crate::recorder::eventually(Duration::from_secs(30), "Ready=False", || {
        let client = client.clone();
        let ns = ns.name.clone();
        async move {
            let live = get(&client, &ns, "broken").await;
            meta::find_condition(live.conditions(), READY)
                .filter(|c| c.status == "False")
                .map(|c| c.reason.clone())
        }
    })
    .await;
    assert_eq!(broken, "GitOperationFailed");
    ctl.stop().await;
}

#[tokio::test]
async fn http_with_basic_and_bearer_auth() {
    use crate::git_http::{GitHttp, HttpAuth};
    let ns = TestNamespace::new("src-http").await;
    let client = client().await;
    let (_tmp, dir) = scratch();
    let opts = SourceOptions::in_dir(&dir);
    let w = WorkRepo::new();
    for i in 0..30 {
        w.write(&format!("deploy/{i}.yaml"), &format!("{i}\n"));
    }
    let head = w.commit("one");
    let want = format!("main@sha1:{head}");
    let n = ns.name.as_str();

    // Anonymous: fetched shallow over HTTP, then nothing to transfer.
    let public = GitHttp::start(HttpAuth::None);
    w.push_all(&public.bare_repo("apps"));
    let url = public.url("apps");
    let repo = create(
        &client,
        n,
        "public",
        json!({"url": url, "ref": {"branch": "main"}}),
    )
    .await;
    let done = source::reconcile(&client, &repo, &opts).await.unwrap();
    assert_eq!(done.revision, want);
    let cache = flux_rs::source::git::Cache::new(&opts.git_cache);
    assert!(
        cache
            .repo_dir(&flux_rs::source::GitUrl::parse(&url).unwrap())
            .join("shallow")
            .is_file()
    );
    let again = source::reconcile(&client, &get(&client, n, "public").await, &opts)
        .await
        .unwrap();
    assert!(!again.transfer.downloaded);
    assert!(
        public.requests().iter().all(|r| r.ends_with(" 200")),
        "{:?}",
        public.requests()
    );

    // Basic authentication.
    let basic = GitHttp::start(HttpAuth::Basic {
        user: "git".into(),
        password: "s3cret-pw".into(),
    });
    w.push_all(&basic.bare_repo("apps"));
    let url = basic.url("apps");
    secret(
        &client,
        n,
        "basic-ok",
        &[("username", "git"), ("password", "s3cret-pw")],
    )
    .await;
    secret(
        &client,
        n,
        "basic-bad",
        &[("username", "git"), ("password", "wrong-pw")],
    )
    .await;
    let repo = create(
        &client,
        n,
        "basic-ok",
        json!({"url": url, "ref": {"branch": "main"}, "secretRef": {"name": "basic-ok"}}),
    )
    .await;
    assert_eq!(
        source::reconcile(&client, &repo, &opts).await.unwrap().revision,
        want
    );
    let repo = create(
        &client,
        n,
        "basic-bad",
        json!({"url": url, "ref": {"branch": "main"}, "secretRef": {"name": "basic-bad"}, "timeout": "20s"}),
    )
    .await;
    let started = std::time::Instant::now();
    let e = source::reconcile(&client, &repo, &opts)
        .await
        .unwrap_err()
        .to_string();
    assert!(started.elapsed() < Duration::from_secs(15), "gave up at once");
    assert!(
        e.contains("the server rejected the password of user 'git'"),
        "{e}"
    );
    assert!(!e.contains("wrong-pw"));
    let repo = create(
        &client,
        n,
        "basic-none",
        json!({"url": url, "ref": {"branch": "main"}}),
    )
    .await;
    let e = source::reconcile(&client, &repo, &opts)
        .await
        .unwrap_err()
        .to_string();
    assert!(e.contains("authentication required"), "{e}");

    // Bearer token (sent as a header).
    let bearer = GitHttp::start(HttpAuth::Bearer("tok-0123456789".into()));
    w.push_all(&bearer.bare_repo("apps"));
    let url = bearer.url("apps");
    secret(&client, n, "bearer-ok", &[("bearerToken", "tok-0123456789")]).await;
    secret(&client, n, "bearer-bad", &[("bearerToken", "tok-wrong-token")]).await;
    let repo = create(
        &client,
        n,
        "bearer-ok",
        json!({"url": url, "ref": {"branch": "main"}, "secretRef": {"name": "bearer-ok"}}),
    )
    .await;
    let done = source::reconcile(&client, &repo, &opts).await.unwrap();
    assert_eq!(done.revision, want);
    let again = source::reconcile(&client, &get(&client, n, "bearer-ok").await, &opts)
        .await
        .unwrap();
    assert!(!again.transfer.downloaded && !again.new_artifact);
    let repo = create(
        &client,
        n,
        "bearer-bad",
        json!({"url": url, "ref": {"branch": "main"}, "secretRef": {"name": "bearer-bad"}, "timeout": "20s"}),
    )
    .await;
    let e = source::reconcile(&client, &repo, &opts)
        .await
        .unwrap_err()
        .to_string();
    assert!(!e.contains("tok-wrong-token"), "{e}");
    assert!(
        e.contains("authentication failed: the server rejected the bearer token"),
        "{e}"
    );
}

/// A certificate authority and a server certificate for 127.0.0.1, made with the real
/// `openssl` command: (CA certificate, server chain, server key), PEM.
pub(crate) fn private_ca(dir: &std::path::Path, name: &str) -> (Vec<u8>, Vec<u8>, Vec<u8>) {
    let run = |args: &[&str]| {
        let out = std::process::Command::new("openssl")
            .args(args)
            .current_dir(dir)
            .output()
            .expect("run openssl");
        assert!(
            out.status.success(),
            "openssl {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let (ca_key, ca_crt) = (format!("{name}-ca.key"), format!("{name}-ca.crt"));
    let (key, csr, crt) = (
        format!("{name}.key"),
        format!("{name}.csr"),
        format!("{name}.crt"),
    );
    let ext = format!("{name}.ext");
    run(&[
        "ecparam",
        "-name",
        "prime256v1",
        "-genkey",
        "-noout",
        "-out",
        &ca_key,
    ]);
    run(&[
        "req",
        "-x509",
        "-new",
        "-key",
        &ca_key,
        "-sha256",
        "-days",
        "2",
        "-subj",
        &format!("/CN={name} test CA"),
        "-out",
        &ca_crt,
    ]);
    run(&[
        "ecparam",
        "-name",
        "prime256v1",
        "-genkey",
        "-noout",
        "-out",
        &key,
    ]);
    run(&[
        "req",
        "-new",
        "-key",
        &key,
        "-subj",
        "/CN=127.0.0.1",
        "-out",
        &csr,
    ]);
    std::fs::write(
        dir.join(&ext),
        "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    run(&[
        "x509",
        "-req",
        "-in",
        &csr,
        "-CA",
        &ca_crt,
        "-CAkey",
        &ca_key,
        "-CAcreateserial",
        "-days",
        "2",
        "-sha256",
        "-extfile",
        &ext,
        "-out",
        &crt,
    ]);
    let read = |f: &str| std::fs::read(dir.join(f)).unwrap();
    (read(&ca_crt), read(&crt), read(&key))
}

#[tokio::test]
async fn https_with_the_secrets_certificate_authority() {
    use crate::git_http::{GitHttp, HttpAuth};
    let ns = TestNamespace::new("src-https").await;
    let client = client().await;
    let (_tmp, dir) = scratch();
    let opts = SourceOptions::in_dir(&dir);
    let pki = tempfile::tempdir().unwrap();
    let (ca, chain, key) = private_ca(pki.path(), "git");
    let (other_ca, _, _) = private_ca(pki.path(), "other");
    let w = WorkRepo::new();
    w.write("deploy/cm.yaml", "a: b\n");
    let head = w.commit("one");
    let server = GitHttp::start_tls(HttpAuth::None, &chain, &key);
    w.push_all(&server.bare_repo("apps"));
    let url = server.https_url("apps");
    let n = ns.name.as_str();

    // The system's roots do not know the private CA.
    let repo = create(
        &client,
        n,
        "no-ca",
        json!({"url": url, "ref": {"branch": "main"}}),
    )
    .await;
    let e = source::reconcile(&client, &repo, &opts)
        .await
        .unwrap_err()
        .to_string();
    assert!(e.to_lowercase().contains("certificate"), "{e}");

    // The Secret's ca.crt makes it trusted.
    let ca_text = String::from_utf8(ca).unwrap();
    secret(&client, n, "ca", &[("ca.crt", &ca_text)]).await;
    let repo = create(
        &client,
        n,
        "with-ca",
        json!({"url": url, "ref": {"branch": "main"}, "secretRef": {"name": "ca"}}),
    )
    .await;
    let done = source::reconcile(&client, &repo, &opts).await.unwrap();
    assert_eq!(done.revision, format!("main@sha1:{head}"));

    // Another CA does not, and the message says why.
    secret(
        &client,
        n,
        "other",
        &[("ca.crt", &String::from_utf8(other_ca).unwrap())],
    )
    .await;
    let repo = create(
        &client,
        n,
        "other-ca",
        json!({"url": url, "ref": {"branch": "main"}, "secretRef": {"name": "other"}}),
    )
    .await;
    let e = source::reconcile(&client, &repo, &opts)
        .await
        .unwrap_err()
        .to_string();
    assert!(e.contains("the certificate of 127.0.0.1 is not trusted"), "{e}");

    // A client certificate cannot be presented: an error naming the keys, not a silent skip.
    secret(
        &client,
        n,
        "client",
        &[("ca.crt", &ca_text), ("tls.crt", "x"), ("tls.key", "y")],
    )
    .await;
    let repo = create(
        &client,
        n,
        "client-cert",
        json!({"url": url, "ref": {"branch": "main"}, "secretRef": {"name": "client"}}),
    )
    .await;
    let e = source::reconcile(&client, &repo, &opts)
        .await
        .unwrap_err()
        .to_string();
    assert!(e.contains("TLS client certificates are not supported"), "{e}");
    assert!(!e.contains("BEGIN"), "no key material in messages: {e}");

    // The same from the command line: the Secret made from --ca-crt-file, then the source.
    let ca_file = pki.path().join("git-ca.crt");
    let ca_file = ca_file.to_str().unwrap();
    let run = crate::harness::flux_async(&[
        "-n",
        n,
        "create",
        "secret",
        "git",
        "cli-ca",
        "--url",
        &url,
        "--ca-crt-file",
        ca_file,
    ])
    .await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = crate::harness::flux_async(&[
        "-n",
        n,
        "create",
        "source",
        "git",
        "cli",
        "--url",
        &url,
        "--branch",
        "main",
        "--secret-ref",
        "cli-ca",
    ])
    .await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains(&head), "{}", run.stderr);
    let run = crate::harness::flux_async(&[
        "-n",
        n,
        "create",
        "secret",
        "git",
        "plain",
        "--url",
        &url.replace("https:", "http:"),
        "--ca-crt-file",
        ca_file,
    ])
    .await;
    assert_ne!(run.code, 0);
    assert!(
        run.stderr.contains("--ca-crt-file is for https:// URLs"),
        "{}",
        run.stderr
    );
}
