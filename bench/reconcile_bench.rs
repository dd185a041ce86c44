//! Drives the reconcile engine on one Kustomization, as `flux-rs reconcile kustomization
//! NAME --local` will once the Git source engine is merged (this build has none: the CLI's
//! local path reports the missing source support). Driven by `bench/reconcile.sh`; not part
//! of the product.
//!
//! ```text
//! reconcile-bench prepare   --kubeconfig KC --repo DIR --revision SHA --name NAME [--path P] [--namespace NS]
//! reconcile-bench reconcile --kubeconfig KC --repo DIR --name NAME [--namespace NS]
//! ```
//!
//! `prepare` plays source-controller and the user: it creates the GitRepository and the
//! Kustomization `NAME` (path `--path`, default `./apps/prod`, prune on) when missing, and
//! records `main@sha1:SHA` as the GitRepository's artifact through the status subresource.
//! `reconcile` reads the Kustomization and runs the engine once, taking the files of the
//! recorded revision from the Git repository `--repo` (`git archive <sha> | tar -x`, standing
//! in for the source engine), and prints what it did on one line; it exits 1 unless the
//! Kustomization ends Ready.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Instant;

use flux_rs::api::{GitRepository, Kustomization};
use flux_rs::apply::Action;
use flux_rs::cluster::{self, ClientOptions};
use flux_rs::controller::Request;
use flux_rs::engine::{Engine, SourceError, SourceProvider};
use futures::future::BoxFuture;
use kube::api::{Api, Patch, PatchParams, PostParams};
use serde_json::json;

fn usage() -> ! {
    eprintln!(
        "usage: reconcile-bench prepare|reconcile --kubeconfig PATH --repo DIR --name NAME \
         [--revision SHA] [--path PATH] [--namespace NS]"
    );
    std::process::exit(2)
}

/// The files of a commit of a local Git repository (`git archive | tar -x`).
struct GitArchive {
    repo: PathBuf,
}

impl SourceProvider for GitArchive {
    fn checkout<'a>(
        &'a self,
        _repository: &'a GitRepository,
        revision: &'a str,
        dest: &'a Path,
    ) -> BoxFuture<'a, Result<(), SourceError>> {
        Box::pin(async move {
            let sha = revision.rsplit(':').next().unwrap_or(revision).to_string();
            let (repo, dest) = (self.repo.clone(), dest.to_path_buf());
            tokio::task::spawn_blocking(move || {
                let mut archive = Command::new("git")
                    .arg("-C")
                    .arg(&repo)
                    .args(["archive", "--format=tar", &sha])
                    .stdout(Stdio::piped())
                    .spawn()
                    .map_err(|e| SourceError::Unavailable(format!("git archive: {e}")))?;
                let stdout = archive
                    .stdout
                    .take()
                    .ok_or_else(|| SourceError::Unavailable("git archive: no output".into()))?;
                let tar = Command::new("tar")
                    .arg("-x")
                    .arg("-C")
                    .arg(&dest)
                    .stdin(stdout)
                    .status()
                    .map_err(|e| SourceError::Unavailable(format!("tar: {e}")))?;
                let git = archive
                    .wait()
                    .map_err(|e| SourceError::Unavailable(format!("git archive: {e}")))?;
                if git.success() && tar.success() {
                    Ok(())
                } else {
                    Err(SourceError::Unavailable(format!("cannot extract commit {sha}")))
                }
            })
            .await
            .map_err(|e| SourceError::Unavailable(e.to_string()))?
        })
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("BENCH_LOG"))
        .with_writer(std::io::stderr)
        .init();
    let mut args = std::env::args().skip(1);
    let command = args.next().unwrap_or_else(|| usage());
    let (mut kubeconfig, mut repo, mut name, mut revision) = (None, None, None, None);
    let mut path = "./apps/prod".to_string();
    let mut namespace = "flux-system".to_string();
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| usage());
        match a.as_str() {
            "--kubeconfig" => kubeconfig = Some(PathBuf::from(value())),
            "--repo" => repo = Some(PathBuf::from(value())),
            "--name" => name = Some(value()),
            "--revision" => revision = Some(value()),
            "--path" => path = value(),
            "--namespace" => namespace = value(),
            _ => usage(),
        }
    }
    let (Some(repo), Some(name)) = (repo, name) else {
        usage()
    };
    let start = Instant::now();
    let opts = ClientOptions {
        kubeconfig,
        ..Default::default()
    };
    let config = cluster::config(&opts).await?;
    let client = kube::Client::try_from(config.clone())?;
    let repos: Api<GitRepository> = Api::namespaced(client.clone(), &namespace);
    let kss: Api<Kustomization> = Api::namespaced(client.clone(), &namespace);
    match command.as_str() {
        "prepare" => {
            let sha = revision.unwrap_or_else(|| usage());
            if repos.get_opt(&name).await?.is_none() {
                let r: GitRepository = serde_json::from_value(json!({
                    "apiVersion": "source.toolkit.fluxcd.io/v1", "kind": "GitRepository",
                    "metadata": {"name": name, "namespace": namespace},
                    "spec": {"interval": "10m", "url": format!("file://{}", repo.display()), "ref": {"branch": "main"}},
                }))?;
                repos.create(&PostParams::default(), &r).await?;
            }
            let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
            let rev = format!("main@sha1:{sha}");
            let artifact = format!("gitrepository/{namespace}/{name}/{sha}.tar.gz");
            let status = json!({"status": {
                "observedGeneration": 1,
                "artifact": {"path": artifact, "url": format!("http://localhost/{artifact}"), "revision": rev,
                    "lastUpdateTime": now},
                "conditions": [{"type": "Ready", "status": "True", "reason": "Succeeded", "observedGeneration": 1,
                    "message": format!("stored artifact for revision '{rev}'"), "lastTransitionTime": now}],
            }});
            repos
                .patch_status(&name, &PatchParams::default(), &Patch::Merge(&status))
                .await?;
            if kss.get_opt(&name).await?.is_none() {
                let ks: Kustomization = serde_json::from_value(json!({
                    "apiVersion": "kustomize.toolkit.fluxcd.io/v1", "kind": "Kustomization",
                    "metadata": {"name": name, "namespace": namespace},
                    "spec": {"interval": "10m", "path": path, "prune": true,
                             "sourceRef": {"kind": "GitRepository", "name": name}},
                }))?;
                kss.create(&PostParams::default(), &ks).await?;
            }
            println!("prepared {namespace}/{name} at {rev}");
            Ok(())
        }
        "reconcile" => {
            let ks = kss.get(&name).await?;
            let engine = Engine::new(client, config, Arc::new(GitArchive { repo }));
            let report = engine.reconcile(&ks, &Request::default()).await;
            let r = report.requests;
            let c = &report.changes;
            println!(
                "outcome={} objects={} created={} configured={} unchanged={} deleted={} lists={} gets={} dry_runs={} writes={} elapsed={:.3}s",
                report.outcome.result_label(),
                c.entries.len(),
                c.count(Action::Created),
                c.count(Action::Configured),
                c.count(Action::Unchanged),
                c.count(Action::Deleted),
                r.lists,
                r.gets,
                r.dry_runs,
                r.writes,
                start.elapsed().as_secs_f64()
            );
            if report.succeeded() {
                Ok(())
            } else {
                anyhow::bail!("reconciliation failed: {:?}", report.outcome)
            }
        }
        _ => usage(),
    }
}
