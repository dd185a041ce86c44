//! `flux-rs stats`: per Flux kind, how many objects run, are ready, fail and are suspended,
//! and how much artifact storage the sources use.

use clap::{Args, ValueEnum};
use serde_json::Value;

use super::CliContext;
use super::output::format::{json_text, size};
use super::output::table::{Cell, Table, Tone};
use crate::ops::ListOptions;

/// Flags of `stats`.
#[derive(Debug, Args)]
#[command(
    long_about = "Print, for each Flux kind installed in the cluster, the number of objects \
        (RECONCILERS), of those not suspended (RUNNING), ready at their generation (READY), failing \
        (Ready=False or Stalled), suspended, and the artifact storage the sources use.",
    after_help = "Examples:\n  flux-rs stats\n  flux-rs stats -A\n  flux-rs stats -A -l team=payments -o json"
)]
pub struct StatsArgs {
    /// Count objects in every namespace.
    #[arg(short = 'A', long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub all_namespaces: bool,
    /// Only objects whose labels match the selector.
    #[arg(short = 'l', long, value_name = "SELECTOR")]
    pub label_selector: Option<String>,
    /// Output format.
    #[arg(short = 'o', long, value_enum, default_value_t = StatsFormat::Table)]
    pub output: StatsFormat,
}

/// Output formats of `stats`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsFormat {
    /// Aligned columns.
    Table,
    /// YAML.
    Yaml,
    /// JSON.
    Json,
}

/// Runs `stats`.
pub async fn run(ctx: &CliContext, args: StatsArgs) -> anyhow::Result<()> {
    let flux = ctx.flux().await?;
    let opts = ListOptions {
        namespace: (!args.all_namespaces).then(|| ctx.namespace().to_string()),
        name: None,
        label_selector: args.label_selector.clone(),
    };
    let stats = flux.stats(&opts).await?;
    if stats.is_empty() {
        anyhow::bail!(
            "no Flux kinds are installed in the cluster (is flux-rs installed? try: flux-rs install)"
        );
    }
    match args.output {
        StatsFormat::Table => {
            let mut t = Table::new([
                "Reconcilers",
                "Running",
                "Ready",
                "Failing",
                "Suspended",
                "Storage",
            ]);
            for s in &stats {
                let failing = if s.failing > 0 { Tone::Bad } else { Tone::Plain };
                let suspended = if s.suspended > 0 { Tone::Warn } else { Tone::Plain };
                t.push(vec![
                    s.kind.clone().into(),
                    s.running.to_string().into(),
                    s.ready.to_string().into(),
                    Cell::toned(s.failing.to_string(), failing),
                    Cell::toned(s.suspended.to_string(), suspended),
                    size(s.storage).into(),
                ]);
            }
            ctx.printer.table(&t, true);
        }
        StatsFormat::Json | StatsFormat::Yaml => {
            let value = Value::Array(
                stats
                    .iter()
                    .map(|s| serde_json::to_value(s).unwrap_or_default())
                    .collect(),
            );
            if args.output == StatsFormat::Json {
                ctx.printer.data(json_text(&value, 2));
            } else {
                ctx.printer.data(crate::yaml::to_string(&value));
            }
        }
    }
    Ok(())
}
