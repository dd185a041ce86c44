//! Times the Git source engine alone: `source::reconcile` of one GitRepository (fetch into
//! the Git cache, artifact, status), as the CLI and the controller call it, without process
//! start, kubeconfig loading or the initial GET. Driven by `bench/source.sh`; not part of
//! the product.
//!
//! ```text
//! cargo run --release --example source-bench -- --kubeconfig PATH --namespace NS --name NAME \
//!     --dir CACHE_DIR [--runs N]
//! ```
//!
//! Prints one line per run: `engine_ms=… fetch_ms=… downloaded=… objects=… new_artifact=…`.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::PathBuf;
use std::time::Instant;

use flux_rs::api::GitRepository;
use flux_rs::cluster::{self, ClientOptions};
use flux_rs::source::{self, SourceOptions};
use kube::api::Api;

fn usage() -> ! {
    eprintln!("usage: source-bench --kubeconfig PATH --namespace NS --name NAME --dir DIR [--runs N]");
    std::process::exit(2)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let (mut kubeconfig, mut namespace, mut name, mut dir, mut runs) = (None, None, None, None, 1usize);
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| usage());
        match a.as_str() {
            "--kubeconfig" => kubeconfig = Some(PathBuf::from(value())),
            "--namespace" => namespace = Some(value()),
            "--name" => name = Some(value()),
            "--dir" => dir = Some(PathBuf::from(value())),
            "--runs" => runs = value().parse().unwrap_or_else(|_| usage()),
            _ => usage(),
        }
    }
    let (Some(kubeconfig), Some(namespace), Some(name), Some(dir)) = (kubeconfig, namespace, name, dir)
    else {
        usage()
    };
    let client = cluster::connect(&ClientOptions {
        kubeconfig: Some(kubeconfig),
        ..Default::default()
    })
    .await?;
    let api: Api<GitRepository> = Api::namespaced(client.clone(), &namespace);
    let opts = SourceOptions::in_dir(&dir);
    for _ in 0..runs {
        let repo = api.get(&name).await?;
        let start = Instant::now();
        let done = source::reconcile(&client, &repo, &opts).await?;
        let engine = start.elapsed();
        println!(
            "engine_ms={:.1} fetch_ms={:.1} downloaded={} objects={} new_artifact={} status_written={} revision={}",
            engine.as_secs_f64() * 1000.0,
            done.fetch_time.as_secs_f64() * 1000.0,
            done.transfer.downloaded,
            done.transfer.objects,
            done.new_artifact,
            done.status_written,
            done.revision
        );
    }
    Ok(())
}
