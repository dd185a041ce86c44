//! The command-line interface: argument parsing, the resolved context of a run, one module
//! per command, and the single printer. Commands turn their flags into options and call the
//! library; they are the only code that prints.

pub mod artifact;
pub mod bootstrap;
pub mod build;
pub mod build_helmrelease;
pub mod chart_source;
pub mod check;
pub mod completion;
pub mod context;
pub mod controller;
pub mod create;
pub mod create_kustomization;
pub mod create_secret;
pub mod create_secret_sops;
pub mod create_source;
pub mod delete;
pub mod diff;
pub mod diff_cluster;
pub mod diff_fleet;
pub mod diff_helmrelease;
pub mod env;
pub mod events;
pub mod export;
pub mod flags;
pub mod get;
pub mod helm;
pub mod helm_source;
pub mod helmrelease;
pub mod install;
pub mod kind;
pub mod kustomize;
pub mod notification;
pub mod oci_source;
pub mod output;
pub mod reconcile;
pub mod reconcile_kustomization;
pub mod reconcile_source;
pub mod stats;
pub mod suspend;
pub mod trace;
pub mod tree;
pub mod uninstall;
pub mod version;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};

pub use context::CliContext;
pub use output::Printer;

/// The exit codes every command shares, printed at the end of each command's `--help`.
pub const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  an error (the message says what)
  2  a usage error: unknown command or flag, a missing or invalid argument";

/// Exit code of a usage error (as clap exits on an unknown command or flag).
pub const EXIT_USAGE: u8 = 2;

/// A usage error found after parsing (a flag value clap cannot check, flags that do not go
/// together): printed as `✗ message` and exits 2, like clap's own usage errors.
pub fn usage_error(message: impl Into<String>) -> anyhow::Error {
    ExitError::new(EXIT_USAGE, message).into()
}

/// flux-rs: GitOps for Kubernetes, compatible with Flux's APIs.
#[derive(Debug, Parser)]
#[command(
    name = "flux-rs",
    version,
    about = "GitOps for Kubernetes: reconcile clusters from Git, Flux-compatible, in one fast binary",
    long_about = "flux-rs keeps a Kubernetes cluster in the state described in a Git repository.\n\n\
        It reads and writes Flux's public APIs (GitRepository source.toolkit.fluxcd.io/v1 and \
        Kustomization kustomize.toolkit.fluxcd.io/v1), so it works on clusters run by flux-rs's \
        own controller and on clusters running upstream Flux.",
    after_help = EXIT_CODES
)]
pub struct Cli {
    /// Flags every command accepts.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// Flags shared by every command, named as in flux and kubectl.
#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config).
    #[arg(long, global = true, value_name = "PATH")]
    pub kubeconfig: Option<PathBuf>,
    /// Kubeconfig context to use.
    #[arg(long, global = true, value_name = "NAME")]
    pub context: Option<String>,
    /// Namespace of the Flux objects (and where Flux is installed).
    #[arg(
        short = 'n',
        long,
        global = true,
        env = "FLUX_SYSTEM_NAMESPACE",
        default_value = "flux-system",
        value_parser = flags::parse_namespace
    )]
    pub namespace: String,
    /// Timeout of the whole operation (Go duration: 30s, 5m, 1h).
    #[arg(long, global = true, default_value = "5m", value_parser = flags::parse_duration)]
    pub timeout: Duration,
    /// Print more detail (debug logs of the library on stderr).
    #[arg(long, global = true, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub verbose: bool,
}

/// The commands.
#[derive(Debug, Subcommand)]
// Variants carry `about` instead of doc comments: clap resets a command's `long_about` to
// none when its variant has a doc comment, and each command's long description lives on its
// arguments struct.
#[allow(missing_docs)]
pub enum Command {
    #[command(about = "Commit flux-rs to a Git repository, install it and make the cluster sync from it")]
    Bootstrap(Box<bootstrap::BootstrapCommand>),
    #[command(about = "Build Flux objects locally (build kustomization)")]
    Build(build::BuildArgs),
    #[command(about = "Check requirements and the installation's health")]
    Check(check::CheckArgs),
    #[command(about = "Print shell completion scripts")]
    Completion(completion::CompletionArgs),
    #[command(about = "Run the controller that reconciles GitRepositories and Kustomizations")]
    Controller(Box<controller::ControllerArgs>),
    #[command(about = "Create or update Flux objects and their Secrets, then reconcile them")]
    Create(create::CreateCommand),
    #[command(about = "Delete a Flux object (and a Kustomization's applied objects when it prunes)")]
    Delete(delete::DeleteCommand),
    #[command(
        about = "Show what a change would do: the whole fleet offline (--base), or one Kustomization against the cluster (exit 1 on changes)"
    )]
    Diff(diff::DiffArgs),
    #[command(about = "Print Kubernetes events about Flux objects")]
    Events(events::EventsArgs),
    #[command(about = "Print Flux objects as clean YAML manifests")]
    Export(export::ExportCommand),
    #[command(about = "Print the status of Flux objects")]
    Get(get::GetArgs),
    #[command(about = "Render Helm charts locally with the native engine (helm template)")]
    Helm(helm::HelmCommand),
    #[command(about = "List Flux OCI artifacts (list artifacts)")]
    List(artifact::ListCommand),
    #[command(about = "Pull a Flux OCI artifact (pull artifact)")]
    Pull(artifact::PullCommand),
    #[command(about = "Push a directory as a Flux OCI artifact (push artifact)")]
    Push(artifact::PushCommand),
    #[command(about = "Tag a Flux OCI artifact (tag artifact)")]
    Tag(artifact::TagCommand),
    #[command(about = "Install flux-rs's CRDs and controller into the cluster")]
    Install(install::InstallArgs),
    #[command(about = "Build a kustomization directory (a drop-in for kubectl kustomize)")]
    Kustomize(kustomize::KustomizeArgs),
    #[command(about = "Reconcile Flux objects now (kustomization, source git)")]
    Reconcile(reconcile::ReconcileCommand),
    #[command(about = "Resume suspended Flux objects and wait for them to be reconciled")]
    Resume(suspend::ResumeCommand),
    #[command(about = "Print per-kind counts of ready, failing and suspended Flux objects")]
    Stats(stats::StatsArgs),
    #[command(about = "Suspend the reconciliation of Flux objects")]
    Suspend(suspend::SuspendCommand),
    #[command(about = "Show which Kustomization and source manage an object")]
    Trace(trace::TraceArgs),
    #[command(about = "Print the inventory of a Kustomization as a tree")]
    Tree(tree::TreeCommand),
    #[command(about = "Remove flux-rs's components and CRDs from the cluster")]
    Uninstall(uninstall::UninstallArgs),
    #[command(about = "Print the client, server and controller versions")]
    Version(version::VersionArgs),
}

impl Command {
    /// Whether the command applies `--timeout` itself (watches stop quietly, waits report
    /// which objects were not ready) or runs until stopped (the controller) instead of being
    /// cut off by the global deadline.
    pub fn manages_timeout(&self) -> bool {
        match self {
            // The controller runs until it is stopped.
            Command::Controller(_) => true,
            // Its own exit code (2) for a timeout.
            Command::Diff(_) => true,
            // Its deadline is in every step, so a timeout names the step and the state.
            Command::Bootstrap(_) => true,
            Command::Get(a) => a.manages_timeout(),
            Command::Events(a) => a.manages_timeout(),
            Command::Resume(a) => a.manages_timeout(),
            // Waiting for the object to be gone names its remaining finalizers.
            Command::Delete(_) => true,
            _ => false,
        }
    }
}

/// An error that carries its own exit code (and has already been reported, if `quiet`).
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct ExitError {
    /// Process exit code.
    pub code: u8,
    /// Message printed as `✗ message` unless empty.
    pub message: String,
}

impl ExitError {
    /// An error with a code.
    pub fn new(code: u8, message: impl Into<String>) -> Self {
        ExitError {
            code,
            message: message.into(),
        }
    }
}

/// Runs the command with the resolved context.
pub async fn run(cli: Cli, printer: Printer) -> anyhow::Result<()> {
    let ctx = CliContext::new(cli.global.clone(), printer);
    let timeout = cli.global.timeout;
    let own_timeout = cli.command.manages_timeout();
    let fut = async {
        match cli.command {
            Command::Bootstrap(a) => Box::pin(bootstrap::run(&ctx, *a)).await,
            Command::Build(a) => build::run(&ctx, a).await,
            Command::Check(a) => check::run(&ctx, a).await,
            Command::Completion(a) => completion::run(&ctx, &a),
            Command::Controller(a) => controller::run(&ctx, *a).await,
            Command::Create(a) => create::run(&ctx, a).await,
            Command::Delete(a) => delete::run(&ctx, a).await,
            Command::Diff(a) => diff::run(&ctx, a).await,
            Command::Events(a) => events::run(&ctx, a).await,
            Command::Export(a) => export::run(&ctx, a).await,
            Command::Get(a) => get::run(&ctx, a).await,
            Command::Helm(a) => helm::run(&ctx, a),
            Command::Install(a) => install::run(&ctx, a).await,
            Command::List(a) => artifact::run_list(&ctx, a).await,
            Command::Pull(a) => artifact::run_pull(&ctx, a).await,
            Command::Push(a) => artifact::run_push(&ctx, a).await,
            Command::Tag(a) => artifact::run_tag(&ctx, a).await,
            Command::Kustomize(a) => kustomize::run(&ctx, &a),
            Command::Reconcile(a) => reconcile::run(&ctx, a).await,
            Command::Resume(a) => suspend::run_resume(&ctx, a).await,
            Command::Stats(a) => stats::run(&ctx, a).await,
            Command::Suspend(a) => suspend::run_suspend(&ctx, a).await,
            Command::Trace(a) => trace::run(&ctx, a).await,
            Command::Tree(a) => tree::run(&ctx, a).await,
            Command::Uninstall(a) => uninstall::run(&ctx, a).await,
            Command::Version(a) => version::run(&ctx, a).await,
        }
    };
    let result = if own_timeout {
        fut.await
    } else {
        match tokio::time::timeout(timeout, fut).await {
            Ok(r) => r,
            Err(_) if !answers(&ctx).await => Err(anyhow::anyhow!(
                "{}: no answer within {}",
                crate::cluster::UNREACHABLE,
                crate::duration::format(timeout)
            )),
            Err(_) => Err(anyhow::anyhow!(
                "timed out after {} (raise --timeout)",
                crate::duration::format(timeout)
            )),
        }
    };
    flush_notifications(&ctx).await;
    match result {
        Err(e) if format!("{e:#}").contains(crate::cluster::UNREACHABLE) => Err(with_endpoint(&ctx, e).await),
        r => r,
    }
}

/// How long a one-shot run waits at exit for its notifications to be delivered.
const NOTIFICATION_FLUSH: std::time::Duration = std::time::Duration::from_secs(10);

/// Sends what the run's engines recorded to the Alerts that select it, within a short bounded
/// wait, and says what could not be delivered.
async fn flush_notifications(ctx: &CliContext) {
    match ctx.flush_notifications(NOTIFICATION_FLUSH).await {
        Some((false, _)) => ctx.printer.warning(format!(
            "some notifications were not delivered within {}",
            crate::duration::format(NOTIFICATION_FLUSH)
        )),
        Some((true, s)) if s.failed > 0 => ctx.printer.warning(format!(
            "{} notification(s) could not be delivered (see the Alert's events)",
            s.failed
        )),
        _ => {}
    }
}

/// Whether the API server answers a version request within two seconds (asked only after
/// a timeout, to tell a server that never answers from a slow operation).
async fn answers(ctx: &CliContext) -> bool {
    let Ok(client) = ctx.client().await else {
        return false;
    };
    matches!(
        tokio::time::timeout(Duration::from_secs(2), client.apiserver_version()).await,
        Ok(Ok(_))
    )
}

/// A connection failure with what was tried, as kubectl names it: the server URL and the
/// kubeconfig it came from (`--kubeconfig`, else `$KUBECONFIG`, else `~/.kube/config`).
/// The exit code of an [`ExitError`] is kept.
async fn with_endpoint(ctx: &CliContext, err: anyhow::Error) -> anyhow::Error {
    let opts = ctx.client_options();
    let server = crate::cluster::config(&opts)
        .await
        .map(|c| c.cluster_url.to_string().trim_end_matches('/').to_string())
        .ok();
    let kubeconfig = opts
        .kubeconfig
        .map(|p| p.display().to_string())
        .or_else(|| std::env::var("KUBECONFIG").ok().filter(|k| !k.is_empty()))
        .or_else(|| {
            std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".kube/config").display().to_string())
        });
    let mut what = Vec::new();
    if let Some(s) = server {
        what.push(format!("server {s}"));
    }
    if let Some(k) = kubeconfig {
        what.push(format!("kubeconfig {k}"));
    }
    if what.is_empty() {
        return err;
    }
    let message = format!("{} ({})", output::message(&err), what.join(", "));
    let code = err.downcast_ref::<ExitError>().map_or(1, |e| e.code);
    ExitError::new(code, message).into()
}

/// The binary's entry point: parse, set up logging, run, and map the outcome to an exit code.
pub fn main() -> ExitCode {
    let matches = command().get_matches();
    let cli = match <Cli as clap::FromArgMatches>::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    match &cli.command {
        Command::Controller(args) => controller::init_logging(args),
        _ => init_tracing(cli.global.verbose),
    }
    // Events name this process as their reporting instance (the Pod's name in a cluster).
    if let Ok(host) = std::env::var("HOSTNAME") {
        crate::cluster::events::set_reporting_instance(&host);
    }
    let printer = Printer::new();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            printer.error(&anyhow::anyhow!("cannot start the async runtime: {e}"));
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli, printer.clone())) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            if let Some(exit) = err.downcast_ref::<ExitError>() {
                if !exit.message.is_empty() {
                    printer.error(&err);
                }
                return ExitCode::from(exit.code);
            }
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            printer.error(&err);
            ExitCode::FAILURE
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn init_tracing(verbose: bool) {
    // kube's client builder logs connection failures at ERROR; the CLI reports them itself.
    let default = if verbose {
        "flux_rs=debug,info"
    } else {
        "warn,kube_client=off"
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(output::color_allowed() && std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .try_init();
}

/// The clap command, for parsing, completions and documentation: every command's `--help`
/// ends with the exit codes (its own, as `diff kustomization` has, or [`EXIT_CODES`]).
pub fn command() -> clap::Command {
    with_exit_codes(<Cli as clap::CommandFactory>::command())
}

fn with_exit_codes(mut cmd: clap::Command) -> clap::Command {
    let help = match cmd.get_after_help().map(ToString::to_string) {
        Some(h) if h.contains("Exit codes:") => None,
        Some(h) => Some(format!("{h}\n\n{EXIT_CODES}")),
        None => Some(EXIT_CODES.to_string()),
    };
    if let Some(h) = help {
        cmd = cmd.after_help(h);
    }
    let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for name in names {
        cmd = cmd.mut_subcommand(name, with_exit_codes);
    }
    cmd
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_definition_is_consistent() {
        command().debug_assert();
    }

    #[test]
    fn every_command_has_a_description_and_examples() {
        fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
            for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
                let path = format!("{path} {}", sub.get_name());
                let leaf = sub.get_subcommands().all(|s| s.get_name() == "help");
                if leaf || sub.get_after_help().is_some() {
                    if sub.get_long_about().is_none() {
                        missing.push(format!("{path}: long_about"));
                    }
                    if !sub
                        .get_after_help()
                        .is_some_and(|h| h.to_string().contains("Examples:"))
                    {
                        missing.push(format!("{path}: after_help with examples"));
                    }
                }
                walk(sub, &path, missing);
            }
        }
        let mut missing = Vec::new();
        // As written (before the exit codes are appended to every command's help).
        walk(&<Cli as clap::CommandFactory>::command(), "flux-rs", &mut missing);
        assert!(missing.is_empty(), "{missing:#?}");
    }

    #[test]
    fn every_help_ends_with_the_exit_codes() {
        fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
            let help = cmd.get_after_help().map(ToString::to_string).unwrap_or_default();
            if !(help.contains("Exit codes:") && help.contains("2  ")) {
                missing.push(path.to_string());
            }
            for sub in cmd.get_subcommands() {
                walk(sub, &format!("{path} {}", sub.get_name()), missing);
            }
        }
        let mut missing = Vec::new();
        walk(&command(), "flux-rs", &mut missing);
        assert!(missing.is_empty(), "no exit codes in --help of {missing:#?}");
    }

    #[test]
    fn boolean_flags_accept_bare_true_and_false() {
        for (args, want) in [
            (vec!["flux-rs", "version"], false),
            (vec!["flux-rs", "version", "--verbose"], true),
            (vec!["flux-rs", "version", "--verbose=true"], true),
            (vec!["flux-rs", "version", "--verbose=false"], false),
        ] {
            let cli = Cli::try_parse_from(&args).unwrap();
            assert_eq!(cli.global.verbose, want, "{args:?}");
        }
    }

    #[test]
    fn namespace_and_timeout_are_validated() {
        let e = Cli::try_parse_from(["flux-rs", "-n", "Bad_NS", "version"])
            .unwrap_err()
            .to_string();
        assert!(e.contains("DNS-1123"), "{e}");
        let e = Cli::try_parse_from(["flux-rs", "--timeout", "5", "version"])
            .unwrap_err()
            .to_string();
        assert!(e.contains("invalid duration"), "{e}");
        let cli = Cli::try_parse_from(["flux-rs", "--timeout", "90s", "version"]).unwrap();
        assert_eq!(cli.global.timeout, Duration::from_secs(90));
        assert_eq!(cli.global.namespace, "flux-system");
    }
}
