//! `flux-rs diff --base REF`: the whole fleet of the repository, rendered offline in the
//! working tree and at `REF` ([`crate::fleet`]) and compared per Kustomization, printed as
//! text, Markdown (a pull-request comment), JSON or GitHub workflow annotations.

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::Context as _;
use clap::Args;
use console::Style;

use super::diff::{DiffFormat, EXIT_CHANGES, EXIT_ERROR};
use super::{CliContext, ExitError};
use crate::fleet::compare::{Action, KustomizationDiff, ObjectChange, Report, State};

/// Flags of the bare `flux-rs diff` (the whole fleet).
#[derive(Debug, Args, Default)]
pub struct FleetArgs {
    /// The directory the fleet starts from (default: the flux-system sync's, found as
    /// bootstrap lays it out: <path>/flux-system/gotk-sync.yaml).
    #[arg(long, value_name = "DIR")]
    pub path: Option<PathBuf>,
    /// Compare the working tree with this Git revision (a branch, tag, commit or
    /// origin/main), read from the repository's object database: no cluster needed.
    #[arg(long, value_name = "REF", conflicts_with = "cluster")]
    pub base: Option<String>,
    /// Compare the working tree's fleet with the live cluster instead (read-only: GET, LIST
    /// and server-side dry-run; substituteFrom read from the cluster), with what each
    /// Kustomization's inventory would prune.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub cluster: bool,
    /// Sources built from a directory of this repository: Kind/namespace/name=DIR
    /// (comma-separated or repeated).
    #[arg(long, value_name = "SOURCE=DIR", value_delimiter = ',')]
    pub local_sources: Vec<String>,
    /// age key file to decrypt SOPS-encrypted files with (Kustomizations with
    /// spec.decryption); SOPS_AGE_KEY may hold keys too. Without a key, encrypted values
    /// are compared masked.
    #[arg(long, value_name = "FILE", env = "SOPS_AGE_KEY_FILE")]
    pub sops_age_key_file: Option<PathBuf>,
    /// Output format.
    #[arg(short = 'o', long, value_enum, default_value_t = DiffFormat::Text)]
    pub output: DiffFormat,
}

/// Runs the fleet diff: 0 no change, 1 changes, 2 errors (a Kustomization that fails to
/// build, after the report of the others).
pub async fn run(ctx: &CliContext, args: FleetArgs) -> anyhow::Result<()> {
    let result = compare(ctx, args).await;
    let (report, output) = match result {
        Ok(r) => r,
        Err(e) => return Err(ExitError::new(EXIT_ERROR, super::output::message(&e)).into()),
    };
    let text = match output {
        DiffFormat::Text => render_text(&report, ctx.printer.stdout_color()),
        DiffFormat::Markdown => render_markdown(&report, MARKDOWN_LIMIT),
        DiffFormat::Json => render_json(&report),
        DiffFormat::Github => render_github(&report),
    };
    if !text.is_empty() {
        ctx.printer.data(text);
    }
    let failed: Vec<String> = report
        .kustomizations
        .iter()
        .filter(|k| k.state == State::Error)
        .map(|k| format!("Kustomization {}/{}", k.namespace, k.name))
        .collect();
    if !failed.is_empty() {
        return Err(ExitError::new(EXIT_ERROR, format!("failed to build: {}", failed.join(", "))).into());
    }
    if report.changed {
        ctx.printer
            .warning("identified at least one change, exiting with non-zero exit code");
        return Err(ExitError::new(EXIT_CHANGES, "").into());
    }
    Ok(())
}

async fn compare(ctx: &CliContext, args: FleetArgs) -> anyhow::Result<(Report, DiffFormat)> {
    let base = match (&args.base, args.cluster) {
        (Some(b), _) => b.clone(),
        (None, true) => String::new(),
        (None, false) => anyhow::bail!(
            "flux-rs diff needs --base REF (the Git revision to compare the working tree with, offline) or --cluster (the live cluster)"
        ),
    };
    let decryption = super::build::sops_decryption(args.sops_age_key_file.as_deref())?;
    let req = crate::fleet::Request {
        cwd: std::env::current_dir().context("cannot read the current directory")?,
        base,
        path: args.path.clone(),
        local_sources: args.local_sources.clone(),
        decryption: Some(decryption),
        variables: crate::fleet::render::Variables::Repository,
    };
    if args.cluster {
        let report = super::diff_cluster::compare(ctx, req).await?;
        return Ok((report, args.output));
    }
    let (report, stats) = tokio::task::spawn_blocking(move || crate::fleet::diff_offline(&req))
        .await
        .context("the fleet diff stopped")??;
    tracing::debug!(
        head = stats.head,
        base_built = stats.base_built,
        base_reused = stats.base_reused,
        "fleet rendered"
    );
    Ok((report, args.output))
}

/// Counts of a Kustomization's changes by action.
fn counts(k: &KustomizationDiff) -> [usize; 4] {
    let mut c = [0; 4];
    for x in &k.changes {
        c[match x.action {
            Action::Created => 0,
            Action::Changed => 1,
            Action::Deleted => 2,
            Action::Moved => 3,
        }] += 1;
    }
    c
}

fn counts_text(c: [usize; 4]) -> String {
    let mut s = format!("{} created, {} changed, {} deleted", c[0], c[1], c[2]);
    if c[3] > 0 {
        let _ = write!(s, ", {} moved", c[3]);
    }
    s
}

/// Whether a Kustomization has anything to show.
fn shown(k: &KustomizationDiff) -> bool {
    !k.changes.is_empty()
        || matches!(k.state, State::Error | State::NotRendered)
        || !k.unresolved.is_empty()
        || !k.notes.is_empty()
}

fn title(k: &KustomizationDiff) -> String {
    format!("Kustomization {}/{}", k.namespace, k.name)
}

fn change_line(c: &ObjectChange) -> String {
    match &c.from {
        Some(from) => format!("{} moved from Kustomization {from}", c.id()),
        None => format!("{} {}", c.id(), c.action),
    }
}

/// Text: per Kustomization with something to show, its changes with unified diffs.
pub fn render_text(r: &Report, color: bool) -> String {
    let paint = |style: Style, s: &str| {
        if color {
            style.force_styling(true).apply_to(s).to_string()
        } else {
            s.to_string()
        }
    };
    let mut out = String::new();
    for k in r.kustomizations.iter().filter(|k| shown(k)) {
        let head = match k.state {
            State::Error => format!(
                "{} {}: {}",
                paint(Style::new().red(), "✗"),
                title(k),
                k.reason.as_deref().unwrap_or_default()
            ),
            State::NotRendered => format!(
                "{} {} not rendered: {}",
                paint(Style::new().yellow(), "◎"),
                title(k),
                k.reason.as_deref().unwrap_or_default()
            ),
            state => {
                let what = match state {
                    State::Created => " (new)",
                    State::Deleted => " (removed)",
                    _ => "",
                };
                format!(
                    "{} {}{what} {}: {}",
                    paint(Style::new().cyan(), "►"),
                    title(k),
                    k.path,
                    counts_text(counts(k))
                )
            }
        };
        let _ = writeln!(out, "{head}");
        if !k.unresolved.is_empty() {
            let _ = writeln!(
                out,
                "  {} unresolved variables (left as written): {}",
                paint(Style::new().yellow(), "⚠"),
                k.unresolved.join(", ")
            );
        }
        for n in &k.notes {
            let _ = writeln!(out, "  {} {n}", paint(Style::new().yellow(), "⚠"));
        }
        for c in &k.changes {
            let _ = writeln!(out, "  {} {}", paint(Style::new().cyan(), "►"), change_line(c));
            for line in c.diff.lines() {
                let style = if line.starts_with("+++") || line.starts_with("---") {
                    Style::new().bold()
                } else if line.starts_with('+') {
                    Style::new().green()
                } else if line.starts_with('-') {
                    Style::new().red()
                } else if line.starts_with("@@") {
                    Style::new().cyan()
                } else {
                    Style::new()
                };
                let _ = writeln!(out, "    {}", paint(style, line));
            }
        }
    }
    let s = &r.summary;
    let _ = writeln!(
        out,
        "{} Kustomizations against {}: {} created, {} changed, {} deleted, {} moved; {} not rendered, {} failed",
        s.kustomizations, r.base, s.created, s.changed, s.deleted, s.moved, s.not_rendered, s.errors
    );
    out
}

/// Version of the JSON document's layout (docs/ci.md describes it).
pub const JSON_SCHEMA_VERSION: u32 = 1;

/// JSON: the report as one document.
pub fn render_json(r: &Report) -> String {
    let mut v = serde_json::to_value(r).unwrap_or_default();
    if let Some(m) = v.as_object_mut() {
        m.insert("schemaVersion".into(), JSON_SCHEMA_VERSION.into());
    }
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
}

/// GitHub refuses comments longer than this many characters.
pub const MARKDOWN_LIMIT: usize = 65_536;

/// A Markdown table cell: pipes and angle brackets escaped, no line breaks.
fn cell(s: &str) -> String {
    s.replace('|', "\\|")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\n', " ")
}

/// A comment being written within a size limit: what does not fit is named, not written.
struct Budget {
    out: String,
    room: usize,
    left_out: Vec<String>,
}

impl Budget {
    fn push(&mut self, block: &str, what: impl FnOnce() -> String) {
        if self.out.len() + block.len() <= self.room {
            self.out.push_str(block);
        } else {
            self.left_out.push(what());
        }
    }
}

/// Room kept for the closing note of a cut comment.
const NOTE_ROOM: usize = 2_000;

fn or_dash(image: Option<&str>) -> String {
    image.map_or_else(|| "—".into(), |i| format!("`{}`", cell(i)))
}

fn md_images(r: &Report, b: &mut Budget) {
    let images: Vec<_> = r
        .kustomizations
        .iter()
        .flat_map(|k| k.images.iter().map(move |i| (k, i)))
        .collect();
    if images.is_empty() {
        return;
    }
    b.push(
        "#### Image changes\n\n| Kustomization | Object | Container | Before | After |\n| --- | --- | --- | --- | --- |\n",
        || "image changes".into(),
    );
    for (k, i) in images {
        let row = format!(
            "| {}/{} | {} | {} | {} | {} |\n",
            cell(&k.namespace),
            cell(&k.name),
            cell(&i.object),
            cell(&i.container),
            or_dash(i.before.as_deref()),
            or_dash(i.after.as_deref()),
        );
        b.push(&row, || format!("image of {}", i.object));
    }
    b.out.push('\n');
}

fn md_table(r: &Report, b: &mut Budget) {
    b.push(
        "| Kustomization | Path | Created | Changed | Deleted | Moved | State |\n| --- | --- | ---: | ---: | ---: | ---: | --- |\n",
        || "summary table".into(),
    );
    for k in r.kustomizations.iter().filter(|k| shown(k)) {
        let c = counts(k);
        let state = match k.state {
            State::Error => "❌ failed",
            State::NotRendered => "not rendered",
            State::Created => "new",
            State::Deleted => "removed",
            State::Changed => "changed",
            State::Unchanged => "unchanged",
        };
        let row = format!(
            "| {}/{} | {} | {} | {} | {} | {} | {state} |\n",
            cell(&k.namespace),
            cell(&k.name),
            cell(&k.path),
            c[0],
            c[1],
            c[2],
            c[3],
        );
        b.push(&row, || format!("table row of {}", title(k)));
    }
    b.out.push('\n');
}

fn md_notes(k: &KustomizationDiff) -> String {
    let mut notes = String::new();
    let reason = cell(k.reason.as_deref().unwrap_or_default());
    match k.state {
        State::Error => {
            let _ = writeln!(notes, "- ❌ **{}**: {reason}", title(k));
        }
        State::NotRendered => {
            let _ = writeln!(notes, "- {} not rendered: {reason}", title(k));
        }
        _ => {}
    }
    if !k.unresolved.is_empty() {
        let vars: Vec<String> = k.unresolved.iter().map(|v| format!("`{v}`")).collect();
        let _ = writeln!(
            notes,
            "- ⚠️ {}: unresolved variables (left as written): {}",
            title(k),
            vars.join(", ")
        );
    }
    for n in &k.notes {
        let _ = writeln!(notes, "- {}: {}", title(k), cell(n));
    }
    notes
}

/// Markdown for a pull-request comment: a summary table per Kustomization, image changes
/// first, errors, then collapsed diffs until `limit` characters; what does not fit is
/// named in a note at the end.
pub fn render_markdown(r: &Report, limit: usize) -> String {
    let s = &r.summary;
    let mut out = format!("### flux-rs diff: working tree against `{}`\n\n", r.base);
    if !r.changed && s.errors == 0 {
        let _ = writeln!(
            out,
            "No changes in {} Kustomizations ({} not rendered).",
            s.kustomizations, s.not_rendered
        );
        return out;
    }
    let _ = writeln!(
        out,
        "**{} created, {} changed, {} deleted, {} moved** in {} Kustomizations ({} not rendered, {} failed)\n",
        s.created, s.changed, s.deleted, s.moved, s.kustomizations, s.not_rendered, s.errors
    );
    let mut b = Budget {
        out,
        room: limit.saturating_sub(NOTE_ROOM),
        left_out: Vec::new(),
    };
    md_images(r, &mut b);
    md_table(r, &mut b);
    for k in r.kustomizations.iter().filter(|k| shown(k)) {
        let notes = md_notes(k);
        if !notes.is_empty() {
            b.push(&notes, || format!("notes of {}", title(k)));
        }
    }
    for k in &r.kustomizations {
        for c in &k.changes {
            let summary = format!("{} — {}", cell(&change_line(c)), cell(&title(k)));
            let block = if c.diff.is_empty() {
                format!("\n- {summary}\n")
            } else {
                let fence = if c.diff.contains("```") { "````" } else { "```" };
                format!(
                    "\n<details><summary>{summary}</summary>\n\n{fence}diff\n{}{fence}\n\n</details>\n",
                    c.diff
                )
            };
            b.push(&block, || format!("diff of {}", c.id()));
        }
    }
    let Budget {
        mut out, left_out, ..
    } = b;
    if !left_out.is_empty() {
        let mut note = format!(
            "\n> Cut to fit a {limit}-character comment: {} item(s) left out: ",
            left_out.len()
        );
        let mut listed = 0;
        for (i, w) in left_out.iter().enumerate() {
            let piece = format!("{}{}", if i > 0 { ", " } else { "" }, cell(w));
            if note.len() + piece.len() > NOTE_ROOM - 200 {
                break;
            }
            note.push_str(&piece);
            listed += 1;
        }
        if listed < left_out.len() {
            let _ = write!(note, " and {} more", left_out.len() - listed);
        }
        note.push_str(". Run `flux-rs diff --base` locally for everything.\n");
        out.push_str(&note);
    }
    out
}

/// Escapes a workflow command's message.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a workflow command's property.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// One workflow command line.
pub(crate) fn annotation(level: &str, title: &str, message: &str) -> String {
    format!(
        "::{level} title={}::{}\n",
        escape_property(title),
        escape_data(message)
    )
}

/// GitHub workflow annotations: an error per failed Kustomization, a warning per
/// unresolved variable set, a notice per Kustomization that changes.
pub fn render_github(r: &Report) -> String {
    let mut out = String::new();
    for k in r.kustomizations.iter().filter(|k| shown(k)) {
        let t = format!("flux-rs diff: {}", title(k));
        match k.state {
            State::Error => out.push_str(&annotation(
                "error",
                &t,
                &format!("failed to build: {}", k.reason.as_deref().unwrap_or_default()),
            )),
            State::NotRendered => out.push_str(&annotation(
                "notice",
                &t,
                &format!("not rendered: {}", k.reason.as_deref().unwrap_or_default()),
            )),
            _ => {}
        }
        if !k.unresolved.is_empty() {
            out.push_str(&annotation(
                "warning",
                &t,
                &format!("unresolved variables: {}", k.unresolved.join(", ")),
            ));
        }
        if !k.changes.is_empty() {
            let lines: Vec<String> = k.changes.iter().map(change_line).collect();
            out.push_str(&annotation(
                "notice",
                &t,
                &format!("{} ({})\n{}", counts_text(counts(k)), k.path, lines.join("\n")),
            ));
        }
    }
    out
}
