//! The only place that prints. Progress lines go to stderr with Flux's glyphs
//! (► action, ✚ generate, ◎ waiting, ✔ success, ⚠️ warning, ✗ failure); data goes to stdout.
//! Colour only when the stream is a terminal and `NO_COLOR` is unset.
//!
//! Submodules render what is printed: [`table`] (kubectl-aligned columns) and [`format`]
//! (shortened hashes, ages, sizes, `List` documents).
#![allow(clippy::print_stdout, clippy::print_stderr)]

pub mod format;
pub mod table;

use std::io::{IsTerminal, Write};

use console::Style;

/// Writes user-facing output.
#[derive(Clone, Debug)]
pub struct Printer {
    color_stderr: bool,
    color_stdout: bool,
    quiet: bool,
}

/// A running spinner (see [`Printer::spinner`]); cleared when dropped.
#[derive(Debug)]
pub struct Progress {
    bar: indicatif::ProgressBar,
}

impl Progress {
    /// Changes the message.
    pub fn set_message(&self, msg: impl Into<String>) {
        self.bar.set_message(msg.into());
    }

    /// Runs `f` (which prints) with the spinner hidden.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        self.bar.suspend(f)
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}

/// Whether colour is allowed at all (`NO_COLOR` unset or empty).
pub fn color_allowed() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

impl Default for Printer {
    fn default() -> Self {
        Self::new()
    }
}

impl Printer {
    /// A printer for the current terminal and environment.
    pub fn new() -> Self {
        let allowed = color_allowed();
        Printer {
            color_stderr: allowed && std::io::stderr().is_terminal(),
            color_stdout: allowed && std::io::stdout().is_terminal(),
            quiet: false,
        }
    }

    /// Whether stdout gets colour.
    pub fn stdout_color(&self) -> bool {
        self.color_stdout
    }

    /// Whether stdin and stderr are terminals (prompts and progress bars are allowed).
    pub fn interactive(&self) -> bool {
        std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
    }

    /// Asks a yes/no question (default no) — only on a terminal: without one it never
    /// prompts and fails with `without_terminal` (how to proceed without the question).
    pub fn confirm(&self, prompt: &str, without_terminal: &str) -> Result<bool, String> {
        if !self.interactive() {
            return Err(without_terminal.to_string());
        }
        let ask = || {
            dialoguer::Confirm::new()
                .with_prompt(prompt)
                .default(false)
                .interact()
        };
        // Inside the runtime, the blocking read must not hold up its other tasks.
        let answer = match tokio::runtime::Handle::try_current() {
            Ok(h) if h.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread => {
                tokio::task::block_in_place(ask)
            }
            _ => ask(),
        };
        answer.map_err(|e| format!("reading the confirmation: {e}"))
    }

    /// Whether stderr is a terminal (progress bars are allowed).
    pub fn stderr_is_terminal(&self) -> bool {
        std::io::stderr().is_terminal()
    }

    fn line(&self, glyph: &str, style: &Style, msg: &str) {
        if self.quiet {
            return;
        }
        let glyph = if self.color_stderr {
            style.apply_to(glyph).to_string()
        } else {
            glyph.to_string()
        };
        let mut err = std::io::stderr().lock();
        let _ = writeln!(err, "{glyph} {msg}");
    }

    /// `► msg`: an action starts.
    pub fn action(&self, msg: impl AsRef<str>) {
        self.line("►", &Style::new().cyan(), msg.as_ref());
    }

    /// `✚ msg`: something is generated.
    pub fn generate(&self, msg: impl AsRef<str>) {
        self.line("✚", &Style::new().cyan(), msg.as_ref());
    }

    /// `◎ msg`: waiting.
    pub fn waiting(&self, msg: impl AsRef<str>) {
        self.line("◎", &Style::new().cyan(), msg.as_ref());
    }

    /// `✔ msg`: success.
    pub fn success(&self, msg: impl AsRef<str>) {
        self.line("✔", &Style::new().green(), msg.as_ref());
    }

    /// `⚠️ msg`: a warning.
    pub fn warning(&self, msg: impl AsRef<str>) {
        self.line("⚠️", &Style::new().yellow(), msg.as_ref());
    }

    /// `✗ msg`: a failure.
    pub fn failure(&self, msg: impl AsRef<str>) {
        self.line("✗", &Style::new().red(), msg.as_ref());
    }

    /// A plain line on stderr (change-set entries, prompts' context).
    pub fn info(&self, msg: impl AsRef<str>) {
        if !self.quiet {
            let _ = writeln!(std::io::stderr().lock(), "{}", msg.as_ref());
        }
    }

    /// Data on stdout, exactly as given. A closed pipe (`| head`) is not an error.
    pub fn data(&self, text: impl AsRef<str>) {
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(text.as_ref().as_bytes());
        let _ = out.flush();
    }

    /// A spinner on stderr for long waits; hidden without a terminal (or when quiet). Print
    /// through [`Progress::suspend`] while it runs.
    pub fn spinner(&self, msg: impl Into<String>) -> Progress {
        let bar = if self.quiet || !self.stderr_is_terminal() {
            indicatif::ProgressBar::hidden()
        } else {
            let bar = indicatif::ProgressBar::new_spinner();
            if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
                bar.set_style(style);
            }
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
            bar
        };
        bar.set_message(msg.into());
        Progress { bar }
    }

    /// A table on stdout (coloured on a terminal); `header` prints the header line.
    pub fn table(&self, table: &table::Table, header: bool) {
        self.data(table.render(header, self.color_stdout));
    }

    /// Rows of a streamed table on stdout (`--watch`).
    pub fn table_rows(&self, stream: &mut table::TableStream, rows: &[Vec<table::Cell>]) {
        self.data(stream.rows(rows, self.color_stdout));
    }

    /// Prints the final error of a command: `✗ <message>` on one line.
    pub fn error(&self, err: &anyhow::Error) {
        let msg = message(err).replace('\n', " ");
        let glyph = if self.color_stderr {
            Style::new().red().apply_to("✗").to_string()
        } else {
            "✗".into()
        };
        let _ = writeln!(std::io::stderr().lock(), "{glyph} {msg}");
    }
}

/// The progress of an apply, prune or health wait on stderr: a bar over the objects on a
/// terminal, and — on a terminal or not — a `◎ waiting for …` line naming what a long health
/// wait still waits for, first after [`WAIT_REPORT_FIRST`], then every
/// [`WAIT_REPORT_EVERY`]. It implements [`crate::apply::Progress`] so the apply engine can
/// drive it without printing.
pub struct ApplyProgress {
    bar: Option<indicatif::ProgressBar>,
    printer: Printer,
    waits: std::sync::Mutex<WaitReports>,
}

/// When a health wait is first named.
pub const WAIT_REPORT_FIRST: std::time::Duration = std::time::Duration::from_secs(5);
/// How often a health wait is named again.
pub const WAIT_REPORT_EVERY: std::time::Duration = std::time::Duration::from_secs(20);

#[derive(Default)]
struct WaitReports {
    started: Option<std::time::Instant>,
    last: Option<std::time::Instant>,
}

impl Printer {
    /// The progress of an apply: a bar when stderr is a terminal (none otherwise, so logs
    /// and pipes stay clean), the named waits always (unless quiet). Call
    /// [`ApplyProgress::finish`] before printing the result.
    pub fn apply_progress(&self) -> std::sync::Arc<ApplyProgress> {
        let bar = (!self.quiet && self.stderr_is_terminal()).then(|| {
            let bar = indicatif::ProgressBar::new(0);
            if let Ok(style) =
                indicatif::ProgressStyle::with_template("{spinner} {msg} [{bar:30}] {pos}/{len}")
            {
                bar.set_style(style.progress_chars("=> "));
            }
            bar
        });
        std::sync::Arc::new(ApplyProgress {
            bar,
            printer: self.clone(),
            waits: std::sync::Mutex::default(),
        })
    }
}

impl ApplyProgress {
    /// Removes the bar from the terminal.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }

    fn print(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| self.printer.waiting(line)),
            None => self.printer.waiting(line),
        }
    }
}

/// An error and its causes on one line (`a: b: c`), as `{err:#}` writes it but without
/// repeating a cause the message before it already says: the errors of this crate keep their
/// typed cause as `source` and also name it in their own message (status conditions show
/// only that message). A Kubernetes client error whose server message is already in the line
/// ends the chain (its own rendering repeats the status in Rust syntax).
pub fn message(err: &anyhow::Error) -> String {
    let mut line = String::new();
    let mut last = String::new();
    for e in err.chain() {
        let msg = e.to_string();
        // A cause already said, or one that says the message before it again (with its
        // object in front), adds nothing.
        if line.contains(&msg) || (!last.is_empty() && msg.contains(&last)) {
            continue;
        }
        if let Some(k) = e.downcast_ref::<kube::Error>()
            && line.contains(&crate::cluster::describe(k))
        {
            break;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&msg);
        last = msg;
    }
    line
}

/// `Deployment/apps/web: InProgress: …` for one object, `… (and 2 more)` for several.
pub fn pending_line(pending: &[(crate::cluster::ObjectRef, String)]) -> String {
    let mut line = match pending.first() {
        Some((first, state)) => format!("waiting for {first}: {state}"),
        None => "waiting".to_string(),
    };
    if pending.len() > 1 {
        line = format!("{line} (and {} more)", pending.len() - 1);
    }
    line
}

impl crate::apply::Progress for ApplyProgress {
    fn started(&self, objects: usize) {
        if let Some(bar) = &self.bar {
            bar.set_message("applying");
            bar.set_position(0);
            bar.set_length(objects as u64);
        }
    }

    fn applied(&self, _entry: &crate::apply::ChangeSetEntry) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }

    fn deleted(&self, _entry: &crate::apply::ChangeSetEntry) {
        if let Some(bar) = &self.bar {
            bar.set_message("pruning");
        }
    }

    fn waiting(&self, pending: usize, total: usize) {
        if let Some(bar) = &self.bar {
            bar.set_message("waiting for health");
            bar.set_length(total as u64);
            bar.set_position((total - pending.min(total)) as u64);
        }
    }

    fn pending(&self, pending: &[(crate::cluster::ObjectRef, String)]) {
        if self.printer.quiet || pending.is_empty() {
            return;
        }
        let now = std::time::Instant::now();
        let due = {
            let Ok(mut w) = self.waits.lock() else {
                return;
            };
            let started = *w.started.get_or_insert(now);
            let due = match w.last {
                None => now.duration_since(started) >= WAIT_REPORT_FIRST,
                Some(last) => now.duration_since(last) >= WAIT_REPORT_EVERY,
            };
            if due {
                w.last = Some(now);
            }
            due
        };
        if due {
            self.print(&pending_line(pending));
        }
    }
}

/// A progress bar of a Git transfer (bootstrap's clone and push), drawn on stderr.
pub struct TransferProgress {
    bar: indicatif::ProgressBar,
}

impl Printer {
    /// A transfer progress bar when stderr is a terminal (none otherwise).
    pub fn transfer_progress(&self) -> Option<TransferProgress> {
        if self.quiet || !self.stderr_is_terminal() {
            return None;
        }
        let bar = indicatif::ProgressBar::new(0);
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{spinner} {msg} [{bar:30}] {pos}/{len} objects")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message("transferring");
        Some(TransferProgress { bar })
    }
}

impl TransferProgress {
    /// Objects done out of the total.
    pub fn set(&self, done: usize, total: usize) {
        self.bar.set_length(total as u64);
        self.bar.set_position(done as u64);
    }

    /// Removes the bar from the terminal.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// A progress bar over the objects a diff compares, drawn on stderr; it implements
/// [`crate::apply::Progress`] so the apply engine's plan can drive it without printing.
pub struct DiffProgress {
    bar: indicatif::ProgressBar,
}

impl Printer {
    /// A progress bar for a diff (`--progress-bar`). Call [`DiffProgress::finish`] before
    /// printing the result.
    pub fn diff_progress(&self) -> std::sync::Arc<DiffProgress> {
        let bar = if self.quiet {
            indicatif::ProgressBar::hidden()
        } else {
            indicatif::ProgressBar::new(0)
        };
        if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {msg} [{bar:30}] {pos}/{len}") {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message("reading the cluster");
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        std::sync::Arc::new(DiffProgress { bar })
    }
}

impl DiffProgress {
    /// Removes the bar from the terminal.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl crate::apply::Progress for DiffProgress {
    fn started(&self, objects: usize) {
        self.bar.set_message("comparing");
        self.bar.set_position(0);
        self.bar.set_length(objects as u64);
    }

    fn compared(&self, _object: &crate::cluster::ObjectRef) {
        self.bar.inc(1);
    }
}

#[cfg(test)]
mod tests {
    use super::message;

    #[derive(Debug, thiserror::Error)]
    #[error("decryption Secret a/b: {}", crate::cluster::describe(source))]
    struct Read {
        #[source]
        source: kube::Error,
    }

    #[test]
    fn a_cause_the_message_already_says_is_not_repeated() {
        let status = kube::core::Status::failure("secrets \"b\" is forbidden", "Forbidden").with_code(403);
        let err = anyhow::Error::new(Read {
            source: kube::Error::Api(Box::new(status)),
        })
        .context("cannot build");
        assert_eq!(
            message(&err),
            "cannot build: decryption Secret a/b: secrets \"b\" is forbidden"
        );

        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "no such file");
        let err = anyhow::Error::new(io).context("reading x");
        assert_eq!(message(&err), "reading x: no such file");
    }
}
