//! `flux-rs bootstrap git|github`: flags, prompts and output of [`crate::bootstrap`], which
//! does the work (clone, deploy key, commit and push, install, source secret, sync
//! manifests, first sync).

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use anyhow::Context as _;
use clap::{Args, Subcommand};
use zeroize::Zeroizing;

use super::CliContext;
use super::install::ComponentArgs;
use super::output::{Printer, TransferProgress};
use crate::bootstrap::access::Credentials;
use crate::bootstrap::github::{GitHub, GitHubOptions, Team};
use crate::bootstrap::{
    self, ClusterAuth, Declined, DeployKeySource, Event, FirstSync, KeyDelivery, Options, Ui,
};
use crate::manifests::{self, CONTROLLER_NAME, InstallOptions};
use crate::source::keys::{self, KeyAlgorithm};
use crate::source::url::{GitUrl, Scheme};

/// Components flux-rs provides: its controller does the work of upstream's source- and
/// kustomize-controller, whose names are accepted for scripts written for upstream.
const COMPONENTS: [&str; 3] = [CONTROLLER_NAME, "source-controller", "kustomize-controller"];

const GIT_HELP: &str = "\
Examples:
  # Bootstrap over SSH with the keys of your ssh-agent; a deploy key is generated for the cluster
  flux-rs bootstrap git --url=ssh://git@example.com/org/fleet.git --path=clusters/prod

  # With an existing key (also the cluster's deploy key), no questions asked
  flux-rs bootstrap git --url=ssh://git@example.com/org/fleet.git --private-key-file=./id_ecdsa \\
    --path=clusters/prod --silent

  # HTTPS with a token for this machine and for the cluster
  GIT_PASSWORD=<token> flux-rs bootstrap git --url=https://example.com/org/fleet.git --token-auth \\
    --username=git --path=clusters/prod

  # A repository on this machine
  flux-rs bootstrap git --url=file:///srv/git/fleet.git --path=clusters/dev --silent

  # Let the controller in the cluster do the first sync
  flux-rs bootstrap git --url=ssh://git@example.com/org/fleet.git --controller

Host keys (SSH): the server's key must be in ~/.ssh/known_hosts. An unknown host is added after
you accept its fingerprint at the prompt; with --silent, or without a terminal, an unknown host
is refused (add it first, e.g. `ssh-keyscan -p PORT HOST >> ~/.ssh/known_hosts` after checking the
fingerprint). A host whose key changed is always refused.";

const GITHUB_HELP: &str = "\
Examples:
  # A private repository in an organization, with team access (GITHUB_TOKEN holds a token)
  flux-rs bootstrap github --owner=acme --repository=fleet --path=clusters/prod --team=platform:maintain

  # A personal public repository
  flux-rs bootstrap github --owner=me --repository=fleet --personal --private=false --path=clusters/dev

  # GitHub Enterprise
  flux-rs bootstrap github --hostname=git.example.com --owner=acme --repository=fleet --path=clusters/prod

  # The cluster authenticates with the token over HTTPS instead of a deploy key
  flux-rs bootstrap github --owner=acme --repository=fleet --path=clusters/prod --token-auth";

/// `bootstrap` and its providers.
#[derive(Debug, Args)]
#[command(
    long_about = "Commit flux-rs's manifests to a Git repository, install the components in the \
        cluster and make the cluster sync itself from the repository. Safe to re-run: a second run \
        with the same flags makes no commit, keeps the deploy key and changes nothing.",
    after_help = "Examples:\n  flux-rs bootstrap git --url=ssh://git@example.com/org/fleet.git --path=clusters/prod\n  \
        flux-rs bootstrap github --owner=acme --repository=fleet --path=clusters/prod"
)]
pub struct BootstrapCommand {
    /// The provider.
    #[command(subcommand)]
    pub provider: BootstrapProvider,
}

/// Where the repository is.
#[derive(Debug, Subcommand)]
#[allow(missing_docs)]
pub enum BootstrapProvider {
    #[command(about = "Bootstrap with any Git server (SSH, HTTPS or file://)")]
    Git(BootstrapGitArgs),
    #[command(about = "Bootstrap with a GitHub repository (created when missing, deploy key registered)")]
    Github(BootstrapGithubArgs),
}

/// `ecdsa`, `ed25519`, and `rsa` (hidden: accepted so that the refusal explains itself).
fn key_algorithms() -> clap::builder::PossibleValuesParser {
    use clap::builder::PossibleValue;
    clap::builder::PossibleValuesParser::new([
        PossibleValue::new("ecdsa"),
        PossibleValue::new("ed25519"),
        PossibleValue::new("rsa").hide(true),
    ])
}

fn parse_interval(s: &str) -> Result<String, String> {
    let d = super::flags::parse_duration(s)?;
    Ok(crate::duration::format(d))
}

/// Flags of both providers (upstream's names and defaults).
#[derive(Debug, Clone, Args)]
pub struct BootstrapCommon {
    /// Branch to commit to (created when missing).
    #[arg(long, default_value = "main")]
    pub branch: String,
    /// Path in the repository the cluster syncs (relative; normalised to ./path).
    #[arg(long, default_value = "")]
    pub path: String,
    /// Interval of the GitRepository (Go duration).
    #[arg(long, default_value = "1m", value_parser = parse_interval)]
    pub interval: String,
    /// An existing SSH private key (OpenSSH format) for the clone and push, also used as the
    /// cluster's deploy key.
    #[arg(long = "private-key-file", value_name = "PATH")]
    pub private_key_file: Option<PathBuf>,
    /// Algorithm of a generated deploy key.
    #[arg(long = "ssh-key-algorithm", default_value = "ecdsa", value_parser = key_algorithms())]
    pub ssh_key_algorithm: String,
    /// Curve of a generated ECDSA deploy key.
    #[arg(long = "ssh-ecdsa-curve", default_value = "p384", value_parser = ["p256", "p384", "p521"])]
    pub ssh_ecdsa_curve: String,
    /// SSH host[:port] the cluster uses (default: the URL's host).
    #[arg(long = "ssh-hostname", value_name = "HOST[:PORT]")]
    pub ssh_hostname: Option<String>,
    /// Name of the source Secret (default: the namespace).
    #[arg(long = "secret-name")]
    pub secret_name: Option<String>,
    /// Components to install (flux-rs-controller; upstream's source-controller and
    /// kustomize-controller are provided by it).
    #[arg(long, value_delimiter = ',', default_value = CONTROLLER_NAME)]
    pub components: Vec<String>,
    /// The controller's image and settings.
    #[command(flatten)]
    pub component: ComponentArgs,
    /// Author name of the commits.
    #[arg(long = "author-name", default_value = "Flux")]
    pub author_name: String,
    /// Author email of the commits.
    #[arg(long = "author-email", default_value = "")]
    pub author_email: String,
    /// Text appended to the commit messages.
    #[arg(long = "commit-message-appendix", default_value = "")]
    pub commit_message_appendix: String,
    /// The cluster authenticates with a user name and password/token over HTTP(S) instead of
    /// a deploy key.
    #[arg(long = "token-auth", num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub token_auth: bool,
    /// Change the path of an existing sync Kustomization.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub force: bool,
    /// Let the controller running in the cluster do the first sync (waited for), instead of
    /// this process.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub controller: bool,
}

/// Flags of `bootstrap git`.
#[derive(Debug, Args)]
#[command(
    long_about = "Commit the components' manifests and the sync configuration to a branch of a Git \
        repository, install the components, create the source Secret and make the cluster sync itself \
        from <path>/<namespace> of the repository.\n\n\
        This machine clones and pushes with your credentials: --private-key-file or the ssh-agent for \
        SSH URLs (host keys checked against ~/.ssh/known_hosts), --username/--password (or GIT_PASSWORD) \
        for HTTPS. The cluster gets a deploy key — the key of --private-key-file, or a generated one \
        you are asked to give access to the repository (unless --silent) — or, with --token-auth, the \
        user name and password.\n\n\
        The first sync runs in this process with flux-rs's engines, so bootstrap completes even where \
        no controller Pod can run; --controller waits for the controller instead.",
    after_help = GIT_HELP
)]
pub struct BootstrapGitArgs {
    /// Repository URL (ssh://, user@host:path, https://, http:// with --allow-insecure-http,
    /// file://).
    #[arg(long)]
    pub url: String,
    /// User name: of HTTP(S) basic authentication, or the SSH user of the sync URL.
    #[arg(short = 'u', long, default_value = "git")]
    pub username: String,
    /// HTTP(S) password or token, or the passphrase of --private-key-file.
    #[arg(short = 'p', long, env = "GIT_PASSWORD", hide_env_values = true)]
    pub password: Option<String>,
    /// Assume the deploy key is already set up: do not ask.
    #[arg(short = 's', long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub silent: bool,
    /// Allow http:// URLs.
    #[arg(long = "allow-insecure-http", num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub allow_insecure_http: bool,
    /// Flags shared with `bootstrap github`.
    #[command(flatten)]
    pub common: BootstrapCommon,
}

/// Flags of `bootstrap github`.
#[derive(Debug, Args)]
#[command(
    long_about = "Bootstrap with a GitHub repository through the GitHub API (token from GITHUB_TOKEN, \
        else asked for on a terminal): the repository is created when missing (in the organization, or \
        for the user with --personal; private unless --private=false), teams get access, and the \
        cluster's public key is registered as a deploy key (read-only unless --read-write-key; a key of \
        the same name with other content is replaced). Then the same steps as bootstrap git: this \
        machine clones and pushes over HTTPS with the token; the cluster syncs over SSH with the deploy \
        key, or over HTTPS with the token with --token-auth.",
    after_help = GITHUB_HELP
)]
pub struct BootstrapGithubArgs {
    /// The user or organization owning the repository.
    #[arg(long)]
    pub owner: String,
    /// The repository's name.
    #[arg(long)]
    pub repository: String,
    /// The owner is a user (the token's), not an organization.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub personal: bool,
    /// Create the repository private.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = true, action = clap::ArgAction::Set)]
    pub private: bool,
    /// Team to grant access, as slug[:permission] (pull, triage, push, maintain (default),
    /// admin); repeatable.
    #[arg(long = "team", value_delimiter = ',', value_parser = Team::parse)]
    pub teams: Vec<Team>,
    /// GitHub host (GitHub Enterprise: its host name).
    #[arg(long, default_value = "github.com")]
    pub hostname: String,
    /// Base URL of the GitHub API (default: https://api.github.com, or
    /// https://<hostname>/api/v3 with --hostname).
    #[arg(long = "api-url", value_name = "URL")]
    pub api_url: Option<String>,
    /// Give the deploy key write access.
    #[arg(long = "read-write-key", num_args = 0..=1, require_equals = true, default_missing_value = "true",
          default_value_t = false, action = clap::ArgAction::Set)]
    pub read_write_key: bool,
    /// Flags shared with `bootstrap git`.
    #[command(flatten)]
    pub common: BootstrapCommon,
}

/// Runs `bootstrap`.
pub async fn run(ctx: &CliContext, cmd: BootstrapCommand) -> anyhow::Result<()> {
    match cmd.provider {
        BootstrapProvider::Git(a) => run_git(ctx, a).await,
        BootstrapProvider::Github(a) => run_github(ctx, a).await,
    }
}

/// Prints the library's progress and asks the user's questions.
struct CliUi {
    printer: Printer,
    silent: bool,
    bar: Mutex<Option<TransferProgress>>,
}

impl CliUi {
    fn new(printer: Printer, silent: bool) -> CliUi {
        CliUi {
            printer,
            silent,
            bar: Mutex::new(None),
        }
    }

    fn not_interactive(&self) -> Option<&'static str> {
        if self.silent {
            Some("--silent was given")
        } else if !self.printer.interactive() {
            Some("stdin is not a terminal")
        } else {
            None
        }
    }
}

impl Ui for CliUi {
    fn event(&self, event: Event) {
        let p = &self.printer;
        match event {
            Event::Action(m) => p.action(m),
            Event::Generate(m) => p.generate(m),
            Event::Waiting(m) => p.waiting(m),
            Event::Success(m) => p.success(m),
            Event::Warning(m) => p.warning(m),
            Event::Failure(m) => p.failure(m),
            Event::Info(m) => p.info(m),
        }
    }

    fn transfer(&self, done: usize, total: usize, _bytes: usize) {
        let mut bar = self.bar.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if bar.is_none() {
            *bar = self.printer.transfer_progress();
        }
        if let Some(b) = bar.as_ref() {
            b.set(done, total);
        }
    }

    fn transfer_done(&self) {
        let mut bar = self.bar.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(b) = bar.take() {
            b.finish();
        }
    }

    fn confirm_deploy_key(&self, _public_key: &str) -> Result<(), Declined> {
        if let Some(why) = self.not_interactive() {
            return Err(Declined::new(format!(
                "bootstrap asks you to confirm the deploy key was given access to the repository, but {why}: \
                 pass -s/--silent once the key is in place"
            )));
        }
        let ok = self
            .printer
            .confirm(
                "Please give the key access to your repository",
                "stdin is not a terminal: pass -s/--silent once the key is in place",
            )
            .map_err(Declined::new)?;
        if ok {
            Ok(())
        } else {
            Err(Declined::new("the key was not confirmed"))
        }
    }

    fn trust_host(&self, host: &str, key_type: &str, fingerprint: &str) -> Result<(), Declined> {
        if let Some(why) = self.not_interactive() {
            return Err(Declined::new(format!(
                "unknown hosts are refused when {why}; check the fingerprint and add the host to \
                 ~/.ssh/known_hosts first (ssh-keyscan writes the line)"
            )));
        }
        self.printer.info(format!(
            "The authenticity of host {host} can't be established.\n{key_type} key fingerprint is {fingerprint}."
        ));
        let ok = self
            .printer
            .confirm(
                "Are you sure you want to continue connecting?",
                "stdin is not a terminal: add the host to ~/.ssh/known_hosts first",
            )
            .map_err(Declined::new)?;
        if ok {
            Ok(())
        } else {
            Err(Declined::new("not trusted"))
        }
    }
}

fn install_options(ctx: &CliContext, c: &BootstrapCommon) -> anyhow::Result<InstallOptions> {
    for comp in &c.components {
        if !COMPONENTS.contains(&comp.as_str()) {
            anyhow::bail!(
                "--components: {comp:?} is not provided by flux-rs (its controller, {CONTROLLER_NAME}, does the work \
                 of source-controller and kustomize-controller)"
            );
        }
    }
    Ok(c.component.options(ctx.namespace()))
}

fn read_key(path: &PathBuf, passphrase: Option<&str>) -> anyhow::Result<(keys::KeyPair, Zeroizing<String>)> {
    let text =
        std::fs::read(path).with_context(|| format!("cannot read --private-key-file {}", path.display()))?;
    let pair = keys::from_private_key(&text, passphrase)
        .map_err(|e| anyhow::anyhow!("--private-key-file {}: {e}", path.display()))?;
    Ok((pair, Zeroizing::new(String::from_utf8_lossy(&text).into_owned())))
}

/// Reads a secret on the terminal without echo.
fn prompt_secret(printer: &Printer, prompt: &str, what: &str) -> anyhow::Result<Zeroizing<String>> {
    if !printer.interactive() {
        anyhow::bail!("{what} is required and stdin is not a terminal to ask for it");
    }
    let s = tokio::task::block_in_place(|| dialoguer::Password::new().with_prompt(prompt).interact())
        .with_context(|| format!("could not read {what}"))?;
    Ok(Zeroizing::new(s))
}

/// Options shared by both providers.
struct Common {
    namespace: String,
    path: String,
    secret_name: String,
    components: InstallOptions,
}

fn common(ctx: &CliContext, c: &BootstrapCommon) -> anyhow::Result<Common> {
    let path = manifests::normalize_repo_path(&c.path).map_err(|e| anyhow::anyhow!("--path: {e}"))?;
    Ok(Common {
        namespace: ctx.namespace().to_string(),
        path,
        secret_name: c
            .secret_name
            .clone()
            .unwrap_or_else(|| ctx.namespace().to_string()),
        components: install_options(ctx, c)?,
    })
}

/// What differs between `bootstrap git` and `bootstrap github`: how this machine and the
/// cluster reach the repository, and how the deploy key gets to it.
struct Access {
    url: GitUrl,
    credentials: Credentials,
    cluster_auth: ClusterAuth,
    sync_url: String,
    key_delivery: KeyDelivery,
}

/// The bootstrap options from the flags both commands share and their own [`Access`].
fn options(ctx: &CliContext, c: &BootstrapCommon, base: Common, access: Access) -> anyhow::Result<Options> {
    Ok(Options {
        url: access.url,
        branch: c.branch.clone(),
        path: base.path,
        namespace: base.namespace,
        secret_name: base.secret_name,
        interval: c.interval.clone(),
        components: base.components,
        author_name: c.author_name.clone(),
        author_email: c.author_email.clone(),
        commit_message_appendix: Some(c.commit_message_appendix.clone()).filter(|s| !s.is_empty()),
        credentials: access.credentials,
        known_hosts_file: super::env::user_known_hosts_path(),
        cluster_auth: access.cluster_auth,
        sync_url: access.sync_url,
        key_delivery: access.key_delivery,
        force: c.force,
        first_sync: if c.controller {
            FirstSync::Controller
        } else {
            FirstSync::Local
        },
        timeout: ctx.global.timeout,
        source_options: super::env::cli_source_options()?,
    })
}

fn deploy_key_source(
    c: &BootstrapCommon,
    given: Option<(keys::KeyPair, Option<Zeroizing<String>>)>,
) -> anyhow::Result<DeployKeySource> {
    Ok(match given {
        Some((pair, passphrase)) => DeployKeySource::Given { pair, passphrase },
        None => DeployKeySource::Generate(KeyAlgorithm::from_flags(
            &c.ssh_key_algorithm,
            &c.ssh_ecdsa_curve,
        )?),
    })
}

fn ssh_target(sync_url: &str) -> anyhow::Result<(String, u16)> {
    let u = GitUrl::parse(sync_url)?;
    Ok((u.host.clone(), u.effective_port()))
}

async fn run_bootstrap(ctx: &CliContext, opts: Options, ui: Arc<CliUi>) -> anyhow::Result<()> {
    let client = ctx.reachable_client().await?;
    let config = crate::cluster::config(&ctx.client_options())
        .await
        .context("cannot build a Kubernetes client")?;
    // The steps enforce the deadline themselves (and say where they stopped); this only
    // guards against a request that never returns.
    let grace = opts.timeout + std::time::Duration::from_secs(60);
    let outcome = tokio::time::timeout(grace, bootstrap::run(client, config, &opts, ui))
        .await
        .map_err(|_| {
            anyhow::anyhow!(
                "bootstrap did not finish within {} (raise --timeout); run it again to continue",
                crate::duration::format(grace)
            )
        })?
        .map_err(|e| super::ExitError::new(1, e.to_string()))?;
    let p = &ctx.printer;
    p.success(format!("applied revision {}", outcome.revision));
    if outcome.up_to_date {
        p.success("bootstrap finished: everything is up to date");
    } else {
        p.success("bootstrap finished");
    }
    Ok(())
}

async fn run_git(ctx: &CliContext, a: BootstrapGitArgs) -> anyhow::Result<()> {
    let c = &a.common;
    let url = GitUrl::parse(&a.url)?;
    if url.scheme == Scheme::Http && !a.allow_insecure_http {
        anyhow::bail!("scheme http is insecure, pass --allow-insecure-http=true to allow it");
    }
    let base = common(ctx, c)?;
    let printer = &ctx.printer;
    let mut password = a.password.clone().filter(|p| !p.is_empty()).map(Zeroizing::new);
    if c.token_auth && password.is_none() && url.scheme != Scheme::File {
        password = Some(prompt_secret(
            printer,
            "Please enter your Git repository password",
            "the password (--password or GIT_PASSWORD)",
        )?);
    }
    // The user's access.
    let given_key = match &c.private_key_file {
        Some(path) if url.scheme == Scheme::Ssh || !c.token_auth => {
            let passphrase = if url.scheme == Scheme::Ssh {
                password.clone()
            } else {
                None
            };
            let (pair, text) = read_key(path, passphrase.as_deref().map(String::as_str))?;
            Some((pair, text, passphrase))
        }
        _ => None,
    };
    let credentials = match url.scheme {
        Scheme::Ssh => match &given_key {
            Some((_, text, passphrase)) => Credentials::PrivateKey {
                key: text.clone(),
                passphrase: passphrase.clone(),
            },
            None => Credentials::Agent {
                available: super::env::ssh_agent_available(),
            },
        },
        Scheme::Http | Scheme::Https => match &password {
            Some(p) => Credentials::Basic {
                username: a.username.clone(),
                password: p.clone(),
            },
            None => Credentials::None,
        },
        Scheme::File => Credentials::None,
    };
    let sync_url = bootstrap::sync_url(
        &url,
        c.token_auth,
        &a.username,
        c.ssh_hostname.as_deref(),
        a.allow_insecure_http,
    )
    .map_err(|e| anyhow::anyhow!(e))?;
    let cluster_auth = if url.scheme == Scheme::File {
        ClusterAuth::None
    } else if c.token_auth {
        ClusterAuth::Token {
            username: a.username.clone(),
            password: password
                .clone()
                .ok_or_else(|| anyhow::anyhow!("--token-auth needs --password or GIT_PASSWORD"))?,
        }
    } else {
        let (host, port) = ssh_target(&sync_url)?;
        let given = given_key.map(|(pair, _, passphrase)| (pair, passphrase));
        ClusterAuth::Ssh {
            key: deploy_key_source(c, given)?,
            host,
            port,
        }
    };
    let opts = options(
        ctx,
        c,
        base,
        Access {
            url,
            credentials,
            cluster_auth,
            sync_url,
            key_delivery: if a.silent {
                KeyDelivery::Assume
            } else {
                KeyDelivery::Confirm
            },
        },
    )?;
    let ui = Arc::new(CliUi::new(ctx.printer.clone(), a.silent));
    run_bootstrap(ctx, opts, ui).await
}

async fn run_github(ctx: &CliContext, a: BootstrapGithubArgs) -> anyhow::Result<()> {
    let c = &a.common;
    let base = common(ctx, c)?;
    let printer = &ctx.printer;
    let token = match std::env::var("GITHUB_TOKEN") {
        Ok(t) if !t.is_empty() => Zeroizing::new(t),
        _ => prompt_secret(
            printer,
            "Please enter your GitHub personal access token (PAT)",
            "a GitHub token (GITHUB_TOKEN)",
        )?,
    };
    let given = match &c.private_key_file {
        Some(path) => Some(read_key(path, None)?),
        None => None,
    };
    let gh_opts = GitHubOptions {
        hostname: a.hostname.clone(),
        api_url: a.api_url.clone(),
        token: token.clone(),
        owner: a.owner.clone(),
        repository: a.repository.clone(),
        personal: a.personal,
        private: a.private,
        teams: a.teams.clone(),
    };
    let client = Arc::new(GitHub::new(gh_opts)?);
    let ui = Arc::new(CliUi::new(ctx.printer.clone(), true));
    let info = bootstrap::github_repository(&client, ui.as_ref())
        .await
        .map_err(|e| super::ExitError::new(1, e.to_string()))?;
    // This machine clones and pushes over HTTPS with the token, as upstream.
    let url = GitUrl::parse(&info.clone_url)?;
    let credentials = Credentials::Basic {
        username: "git".into(),
        password: token.clone(),
    };
    let (sync_url, cluster_auth) = if c.token_auth {
        (
            bootstrap::sync_url(&url, true, "git", None, url.scheme == Scheme::Http)
                .map_err(|e| anyhow::anyhow!(e))?,
            ClusterAuth::Token {
                username: "git".into(),
                password: token.clone(),
            },
        )
    } else {
        let ssh = GitUrl::parse(&info.ssh_url)?;
        let sync_url = bootstrap::sync_url(&ssh, false, "git", c.ssh_hostname.as_deref(), false)
            .map_err(|e| anyhow::anyhow!(e))?;
        let (host, port) = ssh_target(&sync_url)?;
        let given = given.map(|(pair, _)| (pair, None));
        (
            sync_url,
            ClusterAuth::Ssh {
                key: deploy_key_source(c, given)?,
                host,
                port,
            },
        )
    };
    let opts = options(
        ctx,
        c,
        base,
        Access {
            url,
            credentials,
            cluster_auth,
            sync_url,
            key_delivery: KeyDelivery::GitHub {
                client,
                read_write: a.read_write_key,
                html_url: info.html_url.clone(),
            },
        },
    )?;
    run_bootstrap(ctx, opts, ui).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser as _;

    #[test]
    fn flags_have_upstream_defaults() {
        let cli = crate::cli::Cli::try_parse_from(["flux-rs", "bootstrap", "git", "--url", "ssh://git@h/r"])
            .unwrap();
        let crate::cli::Command::Bootstrap(b) = cli.command else {
            panic!()
        };
        let BootstrapProvider::Git(a) = b.provider else {
            panic!()
        };
        assert_eq!(a.common.branch, "main");
        assert_eq!(a.common.interval, "1m0s");
        assert_eq!(a.common.ssh_key_algorithm, "ecdsa");
        assert_eq!(a.common.ssh_ecdsa_curve, "p384");
        assert_eq!(a.common.author_name, "Flux");
        assert_eq!(a.username, "git");
        assert!(!a.silent && !a.common.token_auth && !a.common.force);
        let cli = crate::cli::Cli::try_parse_from([
            "flux-rs",
            "bootstrap",
            "github",
            "--owner",
            "acme",
            "--repository",
            "fleet",
            "--team",
            "a,b:admin",
        ])
        .unwrap();
        let crate::cli::Command::Bootstrap(b) = cli.command else {
            panic!()
        };
        let BootstrapProvider::Github(g) = b.provider else {
            panic!()
        };
        assert!(g.private && !g.personal && !g.read_write_key);
        assert_eq!(g.hostname, "github.com");
        assert_eq!(
            g.teams.iter().map(|t| t.permission.as_str()).collect::<Vec<_>>(),
            ["maintain", "admin"]
        );
    }
}
