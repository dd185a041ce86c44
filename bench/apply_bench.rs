//! Applies a file of rendered manifests with flux-rs's apply engine, as a reconcile would
//! (field manager `kustomize-controller`, Flux's owner labels, staged, validated first), and
//! prints what it did on one line. Driven by `bench/apply.sh`; not part of the product.
//!
//! ```text
//! cargo run --release --example apply-bench -- --kubeconfig KUBECONFIG FILE [--concurrency N] [--name NAME]
//! ```

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::PathBuf;
use std::time::Instant;

use flux_rs::apply::{Action, ApplyOptions, Manager};
use flux_rs::cluster::{self, ClientOptions};

fn usage() -> ! {
    eprintln!("usage: apply-bench --kubeconfig PATH FILE [--concurrency N] [--name NAME]");
    std::process::exit(2)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("BENCH_LOG"))
        .with_writer(std::io::stderr)
        .init();
    let mut args = std::env::args().skip(1);
    let mut kubeconfig = None;
    let mut file = None;
    let mut concurrency = None;
    let mut name = "bench".to_string();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--kubeconfig" => kubeconfig = Some(PathBuf::from(args.next().unwrap_or_else(|| usage()))),
            "--concurrency" => {
                concurrency = Some(
                    args.next()
                        .and_then(|n| n.parse().ok())
                        .unwrap_or_else(|| usage()),
                );
            }
            "--name" => name = args.next().unwrap_or_else(|| usage()),
            _ if file.is_none() && !a.starts_with('-') => file = Some(PathBuf::from(a)),
            _ => usage(),
        }
    }
    let file = file.unwrap_or_else(|| usage());
    let start = Instant::now();
    let text = std::fs::read_to_string(&file)?;
    let objects = flux_rs::yaml::from_str_json(&text)?;
    let client = cluster::connect(&ClientOptions {
        kubeconfig,
        ..Default::default()
    })
    .await?;
    let owner = flux_rs::engine::owner("flux-system", &name, "kustomize-controller");
    let mut manager = Manager::new(client, owner);
    if let Some(c) = concurrency {
        manager = manager.with_concurrency(c);
    }
    let changes = manager
        .apply_all_staged(objects, &ApplyOptions::default())
        .await?;
    let r = manager.requests();
    println!(
        "objects={} created={} configured={} unchanged={} skipped={} lists={} gets={} dry_runs={} writes={} elapsed={:.3}s",
        changes.entries.len(),
        changes.count(Action::Created),
        changes.count(Action::Configured),
        changes.count(Action::Unchanged),
        changes.count(Action::Skipped),
        r.lists,
        r.gets,
        r.dry_runs,
        r.writes,
        start.elapsed().as_secs_f64()
    );
    Ok(())
}
