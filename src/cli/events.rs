//! `flux-rs events`: Kubernetes Events about Flux objects (LAST SEEN, TYPE, REASON, OBJECT,
//! MESSAGE), oldest first, optionally for one object (and its source) and streamed.

use std::pin::pin;

use clap::Args;
use futures::StreamExt;

use super::CliContext;
use super::output::format::human_duration;
use super::output::table::{Cell, Table, TableStream, Tone};
use crate::ops::events::{EventOptions, EventRecord};

/// Flags of `events`.
#[derive(Debug, Args)]
#[command(
    long_about = "Print the Kubernetes Events about Flux objects, oldest first: when they were last \
        seen, their type and reason, the object (Kind/name) and the message. --for narrows them to \
        one kind or one object; for a Kustomization, the events of its source are included. With \
        --watch, events are printed as they happen, until --timeout.",
    after_help = "Examples:\n  flux-rs events\n  flux-rs events -A --types warning\n  \
        flux-rs events --for Kustomization/apps -n apps\n  flux-rs events --for GitRepository -w --timeout 1h"
)]
pub struct EventsArgs {
    /// Events from every namespace (adds a NAMESPACE column).
    #[arg(short = 'A', long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub all_namespaces: bool,
    /// Print events as they happen, until --timeout.
    #[arg(short = 'w', long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub watch: bool,
    /// Only events about a kind or one object: KIND or KIND/NAME (Kustomization/apps, ks/apps).
    #[arg(long = "for", value_name = "KIND[/NAME]")]
    pub for_object: Option<String>,
    /// Only events of these types (comma-separated: Normal, Warning).
    #[arg(long, value_delimiter = ',', value_name = "TYPES", value_parser = parse_type)]
    pub types: Vec<String>,
    /// Do not print the header line.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub no_header: bool,
}

fn parse_type(s: &str) -> Result<String, String> {
    for t in ["Normal", "Warning"] {
        if t.eq_ignore_ascii_case(s) {
            return Ok(t.to_string());
        }
    }
    Err(format!(
        "type {s:?} not supported: supported types are Normal, Warning"
    ))
}

impl EventsArgs {
    /// A watch runs until `--timeout` on its own.
    pub fn manages_timeout(&self) -> bool {
        self.watch
    }
}

/// Seconds since the Unix epoch now.
fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// LAST SEEN as kubectl writes it: `5m`, or `5m (x3 over 2h)` for repeated events.
pub fn last_seen(e: &EventRecord, now: i64) -> String {
    let ago = |t: Option<i64>| t.map_or_else(|| "<unknown>".to_string(), |t| human_duration(now - t));
    if e.count > 1 {
        format!("{} (x{} over {})", ago(e.last_seen), e.count, ago(e.first_seen))
    } else {
        ago(e.last_seen.or(e.first_seen))
    }
}

fn headers(namespace: bool) -> Vec<String> {
    let mut h = Vec::new();
    if namespace {
        h.push("Namespace".to_string());
    }
    h.extend(["Last seen", "Type", "Reason", "Object", "Message"].map(str::to_string));
    h
}

fn row(e: &EventRecord, namespace: bool, now: i64) -> Vec<Cell> {
    let mut r: Vec<Cell> = Vec::new();
    if namespace {
        r.push(e.namespace.clone().into());
    }
    let tone = if e.type_ == "Warning" {
        Tone::Warn
    } else {
        Tone::Plain
    };
    r.push(last_seen(e, now).into());
    r.push(Cell::toned(e.type_.clone(), tone));
    r.push(e.reason.clone().into());
    r.push(e.object.clone().into());
    r.push(e.message.trim_end().to_string().into());
    r
}

/// Runs `events`.
pub async fn run(ctx: &CliContext, args: EventsArgs) -> anyhow::Result<()> {
    let (for_kind, for_name) = match args.for_object.as_deref() {
        None => (None, None),
        Some(s) => match s.split_once('/') {
            Some((k, n)) if !k.is_empty() && !n.is_empty() => (Some(k.to_string()), Some(n.to_string())),
            None if !s.is_empty() => (Some(s.to_string()), None),
            _ => {
                return Err(super::usage_error(format!(
                    "--for must be KIND or KIND/NAME, got {s:?}"
                )));
            }
        },
    };
    let opts = EventOptions {
        namespace: (!args.all_namespaces).then(|| ctx.namespace().to_string()),
        for_kind,
        for_name,
        types: args.types.clone(),
    };
    let flux = ctx.flux().await?;
    let show_ns = args.all_namespaces;
    if args.watch {
        let deadline = tokio::time::Instant::now() + ctx.global.timeout;
        let mut stream = pin!(flux.watch_events(&opts).await?);
        let mut table = TableStream::new(headers(show_ns), !args.no_header);
        loop {
            match tokio::time::timeout_at(deadline, stream.next()).await {
                Err(_) | Ok(None) => return Ok(()),
                Ok(Some(e)) => {
                    let e = e?;
                    ctx.printer.table_rows(&mut table, &[row(&e, show_ns, now())]);
                }
            }
        }
    }
    let events = flux.events(&opts).await?;
    if events.is_empty() {
        let mut filters = Vec::new();
        if let Some(f) = &args.for_object {
            filters.push(format!("--for {f}"));
        }
        if !args.types.is_empty() {
            filters.push(format!("--types {}", args.types.join(",")));
        }
        let filters = if filters.is_empty() {
            String::new()
        } else {
            format!(" matching {}", filters.join(" and "))
        };
        match &opts.namespace {
            Some(ns) => ctx
                .printer
                .info(format!("No events found in {ns} namespace{filters}.")),
            None => ctx.printer.info(format!("No events found{filters}.")),
        }
        return Ok(());
    }
    // Events of a source in another namespace (--for a Kustomization) get a NAMESPACE column.
    let show_ns = show_ns
        || events
            .iter()
            .any(|e| Some(e.namespace.as_str()) != opts.namespace.as_deref());
    let now = now();
    let mut table = Table::new(headers(show_ns));
    for e in &events {
        table.push(row(e, show_ns, now));
    }
    ctx.printer.table(&table, !args.no_header);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_seen_counts_repeats() {
        let mut e = EventRecord {
            namespace: "ns".into(),
            type_: "Normal".into(),
            reason: "R".into(),
            object: "Kustomization/a".into(),
            message: "m".into(),
            first_seen: Some(1000),
            last_seen: Some(1000),
            count: 1,
        };
        assert_eq!(last_seen(&e, 1045), "45s");
        e.count = 4;
        e.last_seen = Some(1000 + 3600);
        assert_eq!(last_seen(&e, 1000 + 3600 + 300), "5m (x4 over 65m)");
        e.first_seen = None;
        e.last_seen = None;
        e.count = 1;
        assert_eq!(last_seen(&e, 0), "<unknown>");
        assert_eq!(parse_type("warning").unwrap(), "Warning");
        assert!(parse_type("error").is_err());
    }
}
