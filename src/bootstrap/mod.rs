//! Bootstrap: put flux-rs's manifests in a Git repository, install the components, and make
//! the cluster sync itself from that repository — `flux-rs bootstrap git` and
//! `bootstrap github`. Nothing here prints or prompts: progress goes to a [`Ui`] (the CLI
//! prints it and asks the questions).
//!
//! # Steps ([`run`])
//!
//! 0. *Checks* (read only): the sync Kustomization `<ns>/<ns>` must not have another
//!    `spec.path` (unless `force`); the existing source Secret is read.
//! 1. *Clone* the branch (an empty repository or a missing branch starts it) with the
//!    user's credentials ([`access`]); SSH host keys are checked against the user's
//!    `~/.ssh/known_hosts`: an unknown host is added only when [`Ui::trust_host`] accepts its
//!    fingerprint, a changed key is refused.
//! 2. *Deploy key*: an existing Secret with a key is kept (`✔ source secret up to date`);
//!    otherwise the key of `--private-key-file` or a generated one, and the server's host
//!    keys scanned into `known_hosts` (checked against the user's `known_hosts` when it lists
//!    the host). The public key is shown, then confirmed by the user ([`KeyDelivery::Confirm`]),
//!    assumed present (`--silent`), or registered as a GitHub deploy key ([`github`]).
//! 3. *Commit and push* `<path>/<ns>/gotk-components.yaml`, `gotk-sync.yaml` and (when
//!    absent) `kustomization.yaml` ([`files`]) as the author, in two commits as upstream;
//!    nothing is committed when nothing changed. A push rejected because the branch moved
//!    is redone once on a fresh clone.
//! 4. *Cluster*: the components (built from the committed directory, so user patches in its
//!    `kustomization.yaml` apply) are installed with `install`'s code when the sync
//!    Kustomization has never applied anything; the source Secret is created or updated
//!    (only when its content changes); the sync manifests are applied.
//! 5. *First sync*: the GitRepository and the Kustomization are reconciled once in this
//!    process with the engines ([`FirstSync::Local`]), or by a running controller
//!    ([`FirstSync::Controller`]), and must reach the pushed revision.
//!
//! A failure is an [`Error`] naming the step and saying what state the repository and the
//! cluster were left in; re-running the same command continues from there.

pub mod access;
pub mod files;
pub mod github;
pub mod worktree;

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use base64::Engine as _;
use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::Secret;
use kube::Client;
use kube::api::{Api, Patch, PatchParams};
use serde_json::{Value, json};
use zeroize::Zeroizing;

use crate::api::{GitRepository, Kustomization};
use crate::engine::{Engine, GitSource, nested};
use crate::manifests::{InstallOptions, SyncOptions};
use crate::ops::{DEFAULT_FIELD_MANAGER, FluxClient, FluxKind, FluxStatus, WaitOptions};
use crate::reconcile::{Outcome as ReconcileOutcome, Request};
use crate::source::auth::{IDENTITY, IDENTITY_PUB, KNOWN_HOSTS, PASSWORD, USERNAME};
use crate::source::keys::{self, KeyAlgorithm, KeyPair};
use crate::source::known_hosts::{HostKeyError, KnownHosts, host_name};
use crate::source::url::{GitUrl, Scheme};
use crate::source::{SourceOptions, keyscan};

use access::Credentials;
use worktree::{Connection, WorkTree, WorkTreeError};

/// Upstream's timeout of the host-key scan.
const SCAN_TIMEOUT: Duration = Duration::from_secs(30);

/// A progress line, as the CLI prints it (`►`, `✚`, `◎`, `✔`, `⚠️`, `✗`, plain).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// An action starts.
    Action(String),
    /// Something is generated.
    Generate(String),
    /// Waiting.
    Waiting(String),
    /// A step succeeded.
    Success(String),
    /// A warning.
    Warning(String),
    /// A failure that does not stop bootstrap.
    Failure(String),
    /// A detail (a change-set entry).
    Info(String),
}

/// What bootstrap needs from whoever runs it: where progress goes, and the user's answers.
pub trait Ui: Send + Sync {
    /// A progress line.
    fn event(&self, event: Event);
    /// Transfer progress of the clone or push (objects received or sent, total, bytes).
    fn transfer(&self, _done: usize, _total: usize, _bytes: usize) {}
    /// The transfer is over (hide the progress bar).
    fn transfer_done(&self) {}
    /// Asks whether the deploy key (shown just before) was given access to the repository.
    /// `Err` aborts bootstrap before anything is written.
    fn confirm_deploy_key(&self, public_key: &str) -> Result<(), Declined>;
    /// Asks whether to trust an SSH host that is not in the user's known_hosts, given the
    /// key it offered. `Err` refuses (the reason is shown).
    fn trust_host(&self, host: &str, key_type: &str, fingerprint: &str) -> Result<(), Declined>;
}

/// The user (or the lack of a terminal) said no to a question of [`Ui`]: why, in words for
/// the user (there is no underlying error).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{reason}")]
pub struct Declined {
    /// Why (`the key was not confirmed`).
    pub reason: String,
}

impl Declined {
    /// A refusal for `reason`.
    pub fn new(reason: impl Into<String>) -> Declined {
        Declined {
            reason: reason.into(),
        }
    }
}

/// How the cluster authenticates to the repository.
#[derive(Clone)]
pub enum ClusterAuth {
    /// An SSH deploy key; `host`/`port` is the SSH server of the sync URL (host keys are
    /// scanned from it).
    Ssh {
        /// Where the key comes from.
        key: DeployKeySource,
        /// SSH host of the sync URL.
        host: String,
        /// SSH port of the sync URL.
        port: u16,
    },
    /// HTTP(S) user name and password (or token).
    Token {
        /// User name.
        username: String,
        /// Password or token.
        password: Zeroizing<String>,
    },
    /// None (`file://` repositories).
    None,
}

/// Where the deploy key comes from.
#[derive(Clone)]
pub enum DeployKeySource {
    /// A new key of this algorithm (unless the Secret already has one).
    Generate(KeyAlgorithm),
    /// The user's key (`--private-key-file`), with its passphrase.
    Given {
        /// The key pair (private key as given).
        pair: KeyPair,
        /// Its passphrase, stored as the Secret's `password`.
        passphrase: Option<Zeroizing<String>>,
    },
}

/// How the deploy key reaches the repository.
#[derive(Clone)]
pub enum KeyDelivery {
    /// The user adds it; [`Ui::confirm_deploy_key`] asks.
    Confirm,
    /// Assume it is there (`--silent`).
    Assume,
    /// Register it through the GitHub API.
    GitHub {
        /// The connected client.
        client: Arc<github::GitHub>,
        /// The deploy key may push.
        read_write: bool,
        /// The repository's web address, for messages.
        html_url: String,
    },
}

/// How the first sync is carried out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FirstSync {
    /// In this process with the source and reconcile engines (works with no controller).
    Local,
    /// By the controller in the cluster (waited for), through the `requestedAt` protocol.
    Controller,
}

/// Everything bootstrap needs.
#[derive(Clone)]
pub struct Options {
    /// The repository, as this machine clones and pushes it.
    pub url: GitUrl,
    /// The branch.
    pub branch: String,
    /// The path in the repository, normalised (`./clusters/prod`).
    pub path: String,
    /// The namespace of the components (and name of the sync objects).
    pub namespace: String,
    /// The source Secret's name.
    pub secret_name: String,
    /// The GitRepository's interval (Go duration as upstream writes it: `1m0s`).
    pub interval: String,
    /// The components.
    pub components: InstallOptions,
    /// The commits' author name.
    pub author_name: String,
    /// The commits' author email.
    pub author_email: String,
    /// Appended to the commit messages after a blank line.
    pub commit_message_appendix: Option<String>,
    /// The user's credentials for the clone and push.
    pub credentials: Credentials,
    /// The user's known_hosts (`~/.ssh/known_hosts`); `None`: SSH hosts cannot be verified.
    pub known_hosts_file: Option<PathBuf>,
    /// How the cluster authenticates.
    pub cluster_auth: ClusterAuth,
    /// The URL the GitRepository fetches (see [`sync_url`]).
    pub sync_url: String,
    /// How the deploy key reaches the repository.
    pub key_delivery: KeyDelivery,
    /// Allow changing the path of an existing sync Kustomization.
    pub force: bool,
    /// How the first sync runs.
    pub first_sync: FirstSync,
    /// Time for the whole bootstrap.
    pub timeout: Duration,
    /// The local caches of the first sync (the CLI's, under the user's cache directory).
    pub source_options: SourceOptions,
}

/// The URL the cluster syncs from, as upstream derives it from the repository URL:
/// `file://` as is; with token auth the URL without user information (`https` unless
/// `allow_insecure_http`); otherwise `ssh://<user>@<host>/<path>` where the user is the
/// URL's own unless `username` is not `git`, and `ssh_hostname` (`host[:port]`) replaces the
/// host.
pub fn sync_url(
    url: &GitUrl,
    token_auth: bool,
    username: &str,
    ssh_hostname: Option<&str>,
    allow_insecure_http: bool,
) -> Result<String, String> {
    let bracket = |h: &str| {
        if h.contains(':') {
            format!("[{h}]")
        } else {
            h.to_string()
        }
    };
    let path = if url.path.starts_with('/') {
        url.path.clone()
    } else {
        format!("/{}", url.path)
    };
    match url.scheme {
        Scheme::File => Ok(url.as_str().to_string()),
        _ if token_auth => {
            let scheme = match url.scheme {
                Scheme::Http if allow_insecure_http => "http",
                _ => "https",
            };
            let host = match (url.scheme, url.port) {
                (Scheme::Http | Scheme::Https, Some(p)) => format!("{}:{p}", bracket(&url.host)),
                _ => bracket(&url.host),
            };
            Ok(format!("{scheme}://{host}{path}"))
        }
        _ => {
            let user = match &url.user {
                Some(u) if username == "git" && url.scheme == Scheme::Ssh => u.clone(),
                _ => username.to_string(),
            };
            let host = match ssh_hostname {
                Some(h) if !h.is_empty() => h.to_string(),
                _ => match (url.scheme, url.port) {
                    (Scheme::Ssh, Some(p)) => format!("{}:{p}", bracket(&url.host)),
                    _ => bracket(&url.host),
                },
            };
            Ok(format!("ssh://{user}@{host}{path}"))
        }
    }
}

/// The steps, for errors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// The checks before anything is written.
    Check,
    /// The GitHub repository.
    Repository,
    /// Cloning.
    Clone,
    /// The deploy key.
    DeployKey,
    /// Writing and committing the manifests.
    Commit,
    /// Pushing.
    Push,
    /// Installing the components.
    Install,
    /// The source Secret.
    Secret,
    /// The sync manifests.
    Sync,
    /// The first sync.
    FirstSync,
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Step::Check => "checking the cluster",
            Step::Repository => "setting up the GitHub repository",
            Step::Clone => "cloning the repository",
            Step::DeployKey => "setting up the deploy key",
            Step::Commit => "committing the manifests",
            Step::Push => "pushing the manifests",
            Step::Install => "installing the components",
            Step::Secret => "applying the source secret",
            Step::Sync => "applying the sync manifests",
            Step::FirstSync => "running the first sync",
        })
    }
}

/// A failed bootstrap: the step, why, and the state things were left in.
#[derive(Debug, thiserror::Error)]
#[error("bootstrap failed while {step}: {message}. State: {state}")]
pub struct Error {
    /// The step that failed.
    pub step: Step,
    /// Why.
    pub message: String,
    /// What was done before (repository, cluster) and how to continue.
    pub state: String,
}

/// What was done so far, for error messages.
#[derive(Clone, Debug, Default)]
struct Done {
    github: Option<String>,
    pushed: Option<String>,
    components: bool,
    secret: bool,
    sync: bool,
}

impl Done {
    fn describe(&self, branch: &str) -> String {
        let mut parts = Vec::new();
        if let Some(g) = &self.github {
            parts.push(g.clone());
        }
        parts.push(match &self.pushed {
            Some(head) => format!("the repository has the manifests at {branch}@sha1:{head}"),
            None => "nothing was pushed to the repository".into(),
        });
        let mut cluster = Vec::new();
        let mut missing = Vec::new();
        for (done, what) in [
            (self.components, "the components"),
            (self.secret, "the source secret"),
            (self.sync, "the sync manifests"),
        ] {
            if done {
                cluster.push(what);
            } else {
                missing.push(what);
            }
        }
        if cluster.is_empty() {
            parts.push("nothing was changed in the cluster".into());
        } else {
            parts.push(format!("applied to the cluster: {}", cluster.join(", ")));
            if !missing.is_empty() {
                parts.push(format!("not applied: {}", missing.join(", ")));
            }
        }
        let mut s = parts.join("; ");
        if self.pushed.is_some() || !cluster.is_empty() || self.github.is_some() {
            s.push_str(". Running the same command again is safe and continues from here");
        }
        s
    }
}

/// A finished bootstrap.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// The revision the cluster applied (`main@sha1:<hex>`).
    pub revision: String,
    /// Whether everything was already in place (no commit, no change in the cluster).
    pub up_to_date: bool,
}

/// The source Secret to apply, or why not.
enum SecretPlan {
    None,
    UpToDate,
    Apply(BTreeMap<&'static str, String>),
}

struct Run<'a> {
    client: Client,
    config: kube::Config,
    opts: &'a Options,
    ui: Arc<dyn Ui>,
    deadline: Instant,
    done: Done,
    known: KnownHosts,
}

fn is_change(a: crate::apply::Action) -> bool {
    matches!(
        a,
        crate::apply::Action::Created | crate::apply::Action::Configured | crate::apply::Action::Deleted
    )
}

fn secret_data_equal(existing: Option<&Secret>, want: &BTreeMap<&'static str, String>) -> bool {
    let Some(data) = existing.and_then(|s| s.data.as_ref()) else {
        return false;
    };
    data.len() == want.len()
        && want
            .iter()
            .all(|(k, v)| data.get(*k).is_some_and(|b| b.0 == v.as_bytes()))
}

/// Gets (or creates) the GitHub repository and grants the teams access — the step before
/// [`run`] for `bootstrap github`, whose clone URL and deploy-key target it gives.
pub async fn github_repository(client: &github::GitHub, ui: &dyn Ui) -> Result<github::RepoInfo, Error> {
    client.reconcile_repository(ui).await.map_err(|e| Error {
        step: Step::Repository,
        message: e.to_string(),
        state: Done::default().describe(""),
    })
}

/// Runs bootstrap. `config` is the client's configuration (the engine builds clients for
/// `spec.serviceAccountName`/`spec.kubeConfig` from it).
pub async fn run(
    client: Client,
    config: kube::Config,
    opts: &Options,
    ui: Arc<dyn Ui>,
) -> Result<Outcome, Error> {
    let mut run = Run {
        client,
        config,
        opts,
        ui,
        deadline: Instant::now() + opts.timeout,
        done: Done::default(),
        known: KnownHosts::default(),
    };
    if let KeyDelivery::GitHub { html_url, .. } = &opts.key_delivery {
        run.done.github = Some(format!("the GitHub repository {html_url} exists"));
    }
    run.execute().await
}

impl Run<'_> {
    fn fail(&self, step: Step, message: impl Into<String>) -> Error {
        Error {
            step,
            message: message.into(),
            state: self.done.describe(&self.opts.branch),
        }
    }

    fn event(&self, e: Event) {
        self.ui.event(e);
    }

    fn remaining(&self) -> Duration {
        self.deadline
            .saturating_duration_since(Instant::now())
            .max(Duration::from_secs(1))
    }

    async fn execute(&mut self) -> Result<Outcome, Error> {
        let opts = self.opts;
        // 0. Checks.
        let (existing_ks, existing_secret) = self.checks().await?;

        // 1. Clone.
        self.event(Event::Action(format!(
            "cloning branch {:?} from Git repository {:?}",
            opts.branch,
            opts.url.to_string()
        )));
        let wt = self.clone_repository().await?;
        self.event(Event::Success(if wt.branch_existed() {
            "cloned repository".to_string()
        } else {
            format!("cloned repository (branch {:?} is new: starting it)", opts.branch)
        }));

        // 2. Deploy key.
        let secret_plan = self.deploy_key(existing_secret.as_ref()).await?;

        // 3. Commit and push.
        let (wt, head, committed) = self.commit_and_push(wt).await?;
        self.done.pushed = Some(head.clone());
        let expected = format!("{}@sha1:{head}", opts.branch);

        // 4. Cluster.
        let cluster_changed = self
            .apply_to_cluster(wt, existing_ks.as_ref(), secret_plan)
            .await?;

        // 5. First sync.
        let (revision, synced_changes) = match opts.first_sync {
            FirstSync::Local => Box::pin(self.first_sync_local(&expected)).await?,
            FirstSync::Controller => self.first_sync_controller(&expected).await?,
        };
        Ok(Outcome {
            revision,
            up_to_date: !committed && !cluster_changed && !synced_changes,
        })
    }

    /// The checks before anything is written: the existing sync Kustomization (its path may
    /// only change with `--force`), the existing source Secret, the user's known hosts.
    async fn checks(&mut self) -> Result<(Option<Kustomization>, Option<Secret>), Error> {
        let opts = self.opts;
        let ns = opts.namespace.as_str();
        let ks_api: Api<Kustomization> = Api::namespaced(self.client.clone(), ns);
        let existing_ks = match ks_api.get_opt(ns).await {
            Ok(k) => k,
            // The Kustomization CRD is not installed yet.
            Err(e) if crate::cluster::is_not_found(&e) => None,
            Err(e) => {
                return Err(self.fail(
                    Step::Check,
                    format!("Kustomization/{ns}/{ns}: {}", crate::cluster::describe(&e)),
                ));
            }
        };
        if let Some(ks) = &existing_ks {
            let current = ks.spec.path.clone().unwrap_or_default();
            let normalized = crate::manifests::normalize_repo_path(&current).unwrap_or(current.clone());
            if normalized != opts.path && !opts.force {
                return Err(self.fail(
                    Step::Check,
                    format!(
                        "sync path configuration ({:?}) would overwrite path ({current:?}) of existing \
                         Kustomization {ns}/{ns} (pass --force to change it)",
                        opts.path
                    ),
                ));
            }
        }
        let existing_secret = if matches!(opts.cluster_auth, ClusterAuth::None) {
            None
        } else {
            let api: Api<Secret> = Api::namespaced(self.client.clone(), ns);
            api.get_opt(&opts.secret_name).await.map_err(|e| {
                self.fail(
                    Step::Check,
                    format!(
                        "Secret/{ns}/{}: {}",
                        opts.secret_name,
                        crate::cluster::describe(&e)
                    ),
                )
            })?
        };
        // The user's known hosts check the clone (SSH URLs) and the host keys scanned for the
        // deploy key.
        if let Some(path) = &opts.known_hosts_file
            && (opts.url.scheme == Scheme::Ssh || matches!(opts.cluster_auth, ClusterAuth::Ssh { .. }))
        {
            self.known = access::read_known_hosts(path).map_err(|e| self.fail(Step::Clone, e.to_string()))?;
        }
        Ok((existing_ks, existing_secret))
    }

    /// Commits the manifests and pushes them (once more on a fresh clone after a conflict):
    /// the work tree, the head commit, and whether a commit was made.
    async fn commit_and_push(&mut self, mut wt: WorkTree) -> Result<(WorkTree, String, bool), Error> {
        let opts = self.opts;
        let mut committed = false;
        let mut retried = false;
        let head = loop {
            let wt2 = wt;
            let (wt3, made) = self.commit(wt2).await?;
            wt = wt3;
            if !made {
                break wt.head();
            }
            committed = true;
            self.event(Event::Action(format!(
                "pushing manifests to {:?}",
                opts.url.to_string()
            )));
            match self.push(wt).await {
                Ok(w) => {
                    wt = w;
                    break wt.head();
                }
                Err(WorkTreeError::NonFastForward { .. }) if !retried => {
                    retried = true;
                    self.event(Event::Waiting(
                        "git conflict detected, retrying with a fresh clone".into(),
                    ));
                    wt = self.clone_repository().await?;
                }
                Err(e) => {
                    let hint = if opts.url.scheme == Scheme::Ssh {
                        " (does the key have write access to the repository?)"
                    } else {
                        ""
                    };
                    return Err(self.fail(
                        Step::Push,
                        format!("failed to push to {}: {}{hint}", opts.url, e.to_string().trim()),
                    ));
                }
            }
        };
        let head = head.ok_or_else(|| self.fail(Step::Commit, "the branch has no commit"))?;
        Ok((wt, head, committed))
    }

    /// Installs the components (first bootstrap only), applies the source Secret and the sync
    /// manifests built from the work tree; whether the cluster changed.
    async fn apply_to_cluster(
        &mut self,
        wt: WorkTree,
        existing_ks: Option<&Kustomization>,
        secret_plan: SecretPlan,
    ) -> Result<bool, Error> {
        let opts = self.opts;
        let ns = opts.namespace.as_str();
        let dir = files::manifests_dir(&opts.path, ns);
        let objects = crate::build::kustomize(
            wt.path(),
            &wt.path().join(&dir),
            &crate::build::Options::default(),
        )
        .map_err(|e| self.fail(Step::Install, format!("cannot build {dir}: {e}")))?;
        drop(wt);
        let is_sync_object = |o: &Value| {
            matches!(o["kind"].as_str(), Some("GitRepository" | "Kustomization"))
                && o["apiVersion"]
                    .as_str()
                    .is_some_and(|a| a.contains(".toolkit.fluxcd.io/"))
                && o["metadata"]["name"] == ns
                && o["metadata"]["namespace"] == ns
        };
        let (sync_objects, components): (Vec<Value>, Vec<Value>) =
            objects.into_iter().partition(is_sync_object);
        let install = existing_ks
            .and_then(|k| k.status.as_ref())
            .and_then(|s| s.last_applied_revision.as_deref())
            .is_none_or(str::is_empty);
        let mut cluster_changed = false;
        if install {
            self.event(Event::Action(format!(
                "installing components in {ns:?} namespace"
            )));
            let changes =
                crate::ops::install::apply_components(self.client.clone(), components, self.remaining())
                    .await
                    .map_err(|e| {
                        self.done.components = e.applied().is_some_and(|a| !a.entries.is_empty());
                        self.fail(Step::Install, e.to_string())
                    })?;
            self.done.components = true;
            for e in changes.entries.iter().filter(|e| is_change(e.action)) {
                self.event(Event::Info(e.to_string()));
            }
            cluster_changed |= changes.has_changes();
            self.event(Event::Success("installed components".into()));
        } else {
            self.done.components = true;
        }
        self.event(Event::Success("reconciled components".into()));

        match secret_plan {
            SecretPlan::None => {}
            SecretPlan::UpToDate => self.done.secret = true,
            SecretPlan::Apply(data) => {
                let key = format!("{ns}/{}", opts.secret_name);
                self.event(Event::Action(format!("applying source secret {key:?}")));
                self.apply_secret(&data)
                    .await
                    .map_err(|m| self.fail(Step::Secret, format!("Secret/{key}: {m}")))?;
                self.done.secret = true;
                cluster_changed = true;
                self.event(Event::Success("reconciled source secret".into()));
            }
        }

        self.event(Event::Action("applying sync manifests".into()));
        let changes =
            crate::ops::install::apply_components(self.client.clone(), sync_objects, self.remaining())
                .await
                .map_err(|e| self.fail(Step::Sync, e.to_string()))?;
        self.done.sync = true;
        for e in changes.entries.iter().filter(|e| is_change(e.action)) {
            self.event(Event::Info(e.to_string()));
        }
        cluster_changed |= changes.has_changes();
        self.event(Event::Success("reconciled sync configuration".into()));
        Ok(cluster_changed)
    }

    /// Clones with the user's access; an unknown SSH host is offered to the user once.
    async fn clone_repository(&mut self) -> Result<WorkTree, Error> {
        let opts = self.opts;
        let mut asked = false;
        loop {
            let auth = access::auth(&opts.url, &opts.credentials, &self.known)
                .map_err(|e| self.fail(Step::Clone, e.to_string()))?;
            let url = opts.url.clone();
            let branch = opts.branch.clone();
            let deadline = self.deadline;
            let total = opts.timeout;
            let ui = self.ui.clone();
            let result = tokio::task::spawn_blocking(move || {
                let progress = |d: usize, t: usize, b: usize| ui.transfer(d, t, b);
                let conn = Connection {
                    url: &url,
                    auth: &auth,
                    deadline,
                    total,
                    progress: Some(&progress),
                };
                let r = WorkTree::clone(&conn, &branch);
                ui.transfer_done();
                r
            })
            .await
            .map_err(|e| self.fail(Step::Clone, format!("the Git task failed: {e}")))?;
            match result {
                Ok(wt) => return Ok(wt),
                Err(WorkTreeError::Remote {
                    host_key: Some(key),
                    message,
                }) => match self.known.verify(&opts.url.host, opts.url.effective_port(), &key) {
                    Ok(()) => {
                        return Err(self.fail(
                            Step::Clone,
                            format!("failed to clone {}: {}", opts.url, message.trim()),
                        ));
                    }
                    Err(HostKeyError::Unknown {
                        host,
                        key_type,
                        fingerprint,
                    }) => {
                        let file = opts.known_hosts_file.as_ref().map_or_else(
                            || "~/.ssh/known_hosts (HOME is not set)".into(),
                            |p| p.display().to_string(),
                        );
                        if asked {
                            return Err(self.fail(
                                Step::Clone,
                                format!("failed to clone {}: {}", opts.url, message.trim()),
                            ));
                        }
                        asked = true;
                        if let Err(reason) = self.ui.trust_host(&host, &key_type, &fingerprint) {
                            return Err(self.fail(
                                Step::Clone,
                                format!(
                                    "host {host} is not in {file} (it offered {key_type} key {fingerprint}): {reason}"
                                ),
                            ));
                        }
                        let Some(path) = &opts.known_hosts_file else {
                            return Err(self.fail(
                                Step::Clone,
                                format!("cannot record the host key of {host}: HOME is not set"),
                            ));
                        };
                        access::append_known_host(path, &opts.url.host, opts.url.effective_port(), &key)
                            .map_err(|e| {
                                self.fail(Step::Clone, format!("cannot add {host} to {file}: {e}"))
                            })?;
                        self.event(Event::Success(format!(
                            "added {host} ({key_type} {fingerprint}) to {file}"
                        )));
                        self.known = access::read_known_hosts(path)
                            .map_err(|e| self.fail(Step::Clone, e.to_string()))?;
                    }
                    Err(e) => {
                        return Err(self.fail(
                            Step::Clone,
                            format!(
                                "host key verification failed: {e}. Refusing to connect: the host's key changed \
                                 or someone is intercepting the connection (if the key really changed, remove the \
                                 old entry with `ssh-keygen -R '{}'`)",
                                host_name(&opts.url.host, opts.url.effective_port())
                            ),
                        ));
                    }
                },
                Err(e) => {
                    return Err(self.fail(
                        Step::Clone,
                        format!("failed to clone {}: {}", opts.url, e.to_string().trim()),
                    ));
                }
            }
        }
    }

    /// The cluster's credentials: the Secret to write and the deploy key delivered.
    async fn deploy_key(&mut self, existing: Option<&Secret>) -> Result<SecretPlan, Error> {
        let opts = self.opts;
        let ns = &opts.namespace;
        let key = format!("{ns}/{}", opts.secret_name);
        match &opts.cluster_auth {
            ClusterAuth::None => Ok(SecretPlan::None),
            ClusterAuth::Token { username, password } => {
                let data = BTreeMap::from([(USERNAME, username.clone()), (PASSWORD, password.to_string())]);
                if secret_data_equal(existing, &data) {
                    self.event(Event::Success("source secret up to date".into()));
                    Ok(SecretPlan::UpToDate)
                } else {
                    self.event(Event::Action("generating source secret".into()));
                    Ok(SecretPlan::Apply(data))
                }
            }
            ClusterAuth::Ssh {
                key: source,
                host,
                port,
            } => {
                self.event(Event::Action(format!(
                    "determining if source secret {key:?} exists"
                )));
                let existing_identity = existing
                    .and_then(|s| s.data.as_ref())
                    .and_then(|d| Some((d.get(IDENTITY)?.0.clone(), d.get(PASSWORD).map(|p| p.0.clone()))));
                if let (DeployKeySource::Generate(_), Some((identity, pass))) = (source, &existing_identity) {
                    let pass = pass.as_ref().map(|p| String::from_utf8_lossy(p).into_owned());
                    let pair = keys::from_private_key(identity, pass.as_deref()).map_err(|e| {
                        self.fail(Step::DeployKey, format!("Secret/{key}: invalid 'identity': {e}"))
                    })?;
                    self.deliver_key(&pair, false).await?;
                    self.event(Event::Success("source secret up to date".into()));
                    return Ok(SecretPlan::UpToDate);
                }
                self.event(Event::Action("generating source secret".into()));
                let (pair, passphrase) = match source {
                    DeployKeySource::Generate(alg) => (
                        keys::generate(*alg).map_err(|e| self.fail(Step::DeployKey, e.to_string()))?,
                        None,
                    ),
                    DeployKeySource::Given { pair, passphrase } => (pair.clone(), passphrase.clone()),
                };
                let known_hosts = self.scan_host_keys(host, *port).await?;
                let mut data = BTreeMap::from([
                    (IDENTITY, pair.private_openssh().to_string()),
                    (IDENTITY_PUB, format!("{}\n", pair.public_openssh())),
                    (KNOWN_HOSTS, known_hosts),
                ]);
                if let Some(p) = passphrase {
                    data.insert(PASSWORD, p.to_string());
                }
                self.deliver_key(&pair, true).await?;
                if secret_data_equal(existing, &data) {
                    self.event(Event::Success("source secret up to date".into()));
                    return Ok(SecretPlan::UpToDate);
                }
                Ok(SecretPlan::Apply(data))
            }
        }
    }

    /// Scans the SSH server's host keys into `known_hosts` text; keys of a type the user's
    /// known_hosts lists for the host must be the listed ones.
    async fn scan_host_keys(&self, host: &str, port: u16) -> Result<String, Error> {
        let scanned = keyscan::scan(host, port, self.remaining().min(SCAN_TIMEOUT))
            .await
            .map_err(|e| self.fail(Step::DeployKey, e.to_string()))?;
        let listed = self.known.keys_for(host, port);
        for k in &scanned {
            let key_type = k.key_type();
            let same_type: Vec<_> = listed.iter().filter(|e| e.key_type == key_type).collect();
            if !same_type.is_empty() && !same_type.iter().any(|e| e.key == k.key) {
                return Err(self.fail(
                    Step::DeployKey,
                    format!(
                        "the {key_type} host key {} of {} is not the one in known_hosts: refusing to store it",
                        k.fingerprint(),
                        host_name(host, port)
                    ),
                ));
            }
            let trust = if same_type.is_empty() {
                "scanned"
            } else {
                "matches known_hosts"
            };
            self.event(Event::Info(format!(
                "  host key {} {} {} ({trust})",
                host_name(host, port),
                key_type,
                k.fingerprint()
            )));
        }
        Ok(keyscan::known_hosts_text(&scanned))
    }

    /// Shows the public key and gets it to the repository.
    async fn deliver_key(&self, pair: &KeyPair, show: bool) -> Result<(), Error> {
        let opts = self.opts;
        if show || matches!(opts.key_delivery, KeyDelivery::GitHub { .. }) {
            self.event(Event::Success(format!("public key: {}", pair.public_openssh())));
            self.event(Event::Success(format!(
                "public key fingerprint: {}",
                pair.fingerprint()
            )));
        }
        match &opts.key_delivery {
            KeyDelivery::Confirm if show => {
                if let Err(reason) = self.ui.confirm_deploy_key(pair.public_openssh()) {
                    return Err(self.fail(Step::DeployKey, format!("aborting: {reason}")));
                }
            }
            KeyDelivery::Confirm | KeyDelivery::Assume => {}
            KeyDelivery::GitHub {
                client,
                read_write,
                html_url,
            } => {
                let name =
                    files::deploy_key_name(&opts.namespace, &opts.branch, &opts.secret_name, &opts.path);
                let changed = client
                    .reconcile_deploy_key(&name, pair.public_openssh(), *read_write)
                    .await
                    .map_err(|e| self.fail(Step::DeployKey, e.to_string()))?;
                self.event(Event::Success(if changed {
                    format!("configured deploy key {name:?} for {html_url:?}")
                } else {
                    format!("deploy key {name:?} for {html_url:?} is up to date")
                }));
            }
        }
        Ok(())
    }

    /// Writes the manifests and commits them (components, then sync). Returns whether a
    /// commit was made.
    async fn commit(&self, wt: WorkTree) -> Result<(WorkTree, bool), Error> {
        let opts = self.opts;
        let ns = &opts.namespace;
        let dir = files::manifests_dir(&opts.path, ns);
        let message = |m: String| match &opts.commit_message_appendix {
            Some(a) if !a.is_empty() => format!("{m}\n\n{a}"),
            _ => m,
        };
        let components_msg = message(format!(
            "Add flux-rs v{} component manifests",
            opts.components.version
        ));
        let sync_msg = message("Add flux-rs sync manifests".to_string());
        let sync_opts = SyncOptions {
            namespace: ns.clone(),
            url: opts.sync_url.clone(),
            branch: opts.branch.clone(),
            secret_name: (!matches!(opts.cluster_auth, ClusterAuth::None)).then(|| opts.secret_name.clone()),
            interval: opts.interval.clone(),
            path: opts.path.clone(),
        };
        let components = files::components(&opts.components);
        let sync = files::sync(&sync_opts);
        let (author, email, branch) = (
            opts.author_name.clone(),
            opts.author_email.clone(),
            opts.branch.clone(),
        );
        let ui = self.ui.clone();
        let result = tokio::task::spawn_blocking(move || {
            let mut made = false;
            ui.event(Event::Action("generating component manifests".into()));
            wt.write(&format!("{dir}/{}", files::COMPONENTS_FILE), &components)?;
            ui.event(Event::Success("generated component manifests".into()));
            match wt.commit(&components_msg, &author, &email)? {
                Some(c) => {
                    made = true;
                    ui.event(Event::Success(format!(
                        "committed component manifests to {branch:?} ({:?})",
                        c.id
                    )));
                }
                None => ui.event(Event::Success("component manifests are up to date".into())),
            }
            ui.event(Event::Action("generating sync manifests".into()));
            wt.write(&format!("{dir}/{}", files::SYNC_FILE), &sync)?;
            let kfile = format!("{dir}/{}", files::KUSTOMIZATION_FILE);
            if wt.read(&kfile)?.is_none() {
                let k =
                    files::kustomization(&wt.path().join(&dir), &[files::COMPONENTS_FILE, files::SYNC_FILE]);
                wt.write(&kfile, &k)?;
            }
            ui.event(Event::Success("generated sync manifests".into()));
            match wt.commit(&sync_msg, &author, &email)? {
                Some(c) => {
                    made = true;
                    ui.event(Event::Success(format!(
                        "committed sync manifests to {branch:?} ({:?})",
                        c.id
                    )));
                }
                None => ui.event(Event::Success("sync manifests are up to date".into())),
            }
            Ok::<_, WorkTreeError>((wt, made))
        })
        .await
        .map_err(|e| self.fail(Step::Commit, format!("the Git task failed: {e}")))?;
        result.map_err(|e| self.fail(Step::Commit, e.to_string()))
    }

    async fn push(&self, wt: WorkTree) -> Result<WorkTree, WorkTreeError> {
        let auth = access::auth(&self.opts.url, &self.opts.credentials, &self.known)?;
        let url = self.opts.url.clone();
        let (deadline, total) = (self.deadline, self.opts.timeout);
        let ui = self.ui.clone();
        tokio::task::spawn_blocking(move || {
            let progress = |d: usize, t: usize, b: usize| ui.transfer(d, t, b);
            let conn = Connection {
                url: &url,
                auth: &auth,
                deadline,
                total,
                progress: Some(&progress),
            };
            let r = wt.push(&conn);
            ui.transfer_done();
            r.map(|()| wt)
        })
        .await?
    }

    async fn apply_secret(&self, data: &BTreeMap<&'static str, String>) -> Result<(), String> {
        let ns = &self.opts.namespace;
        let name = &self.opts.secret_name;
        let values: serde_json::Map<String, Value> = data
            .iter()
            .map(|(k, v)| {
                (
                    (*k).to_string(),
                    json!(base64::engine::general_purpose::STANDARD.encode(v)),
                )
            })
            .collect();
        let secret = json!({
            "apiVersion": "v1",
            "kind": "Secret",
            "metadata": {"name": name, "namespace": ns},
            "type": "Opaque",
            "data": values,
        });
        let api: Api<Secret> = Api::namespaced(self.client.clone(), ns);
        let params = PatchParams::apply(DEFAULT_FIELD_MANAGER).force();
        let patch = Patch::Apply(&secret);
        crate::cluster::retry(|| api.patch(name, &params, &patch))
            .await
            .map(drop)
            .map_err(|e| crate::cluster::describe(&e))
    }

    async fn first_sync_local(&mut self, expected: &str) -> Result<(String, bool), Error> {
        let ns = self.opts.namespace.clone();
        let repos: Api<GitRepository> = Api::namespaced(self.client.clone(), &ns);
        self.event(Event::Waiting(format!(
            "waiting for GitRepository \"{ns}/{ns}\" to be reconciled"
        )));
        let repo = repos.get(&ns).await.map_err(|e| {
            self.fail(
                Step::FirstSync,
                format!("GitRepository/{ns}/{ns}: {}", crate::cluster::describe(&e)),
            )
        })?;
        let fetched = crate::source::reconcile(&self.client, &repo, &self.opts.source_options)
            .await
            .map_err(|e| self.fail(Step::FirstSync, e.to_string()))?;
        if fetched.revision != expected {
            self.event(Event::Warning(format!(
                "the branch moved on since the push: syncing {} instead of {expected}",
                fetched.revision
            )));
        }
        self.event(Event::Success("GitRepository reconciled successfully".into()));

        self.event(Event::Waiting(format!(
            "waiting for Kustomization \"{ns}/{ns}\" to be reconciled"
        )));
        let kss: Api<Kustomization> = Api::namespaced(self.client.clone(), &ns);
        let ks = kss.get(&ns).await.map_err(|e| {
            self.fail(
                Step::FirstSync,
                format!("Kustomization/{ns}/{ns}: {}", crate::cluster::describe(&e)),
            )
        })?;
        let provider = Arc::new(GitSource::new(
            self.client.clone(),
            self.opts.source_options.clone(),
        ));
        let engine = Engine::new(self.client.clone(), self.config.clone(), provider);
        let report = Box::pin(engine.reconcile(&ks, &Request::default())).await;
        for e in report.changes.entries.iter().filter(|e| is_change(e.action)) {
            self.event(Event::Info(e.to_string()));
        }
        match report.outcome {
            ReconcileOutcome::Succeeded => {}
            ReconcileOutcome::Failed { message, .. }
            | ReconcileOutcome::Retry { message, .. }
            | ReconcileOutcome::Stalled { message, .. } => {
                return Err(self.fail(Step::FirstSync, format!("Kustomization/{ns}/{ns}: {message}")));
            }
        }
        self.event(Event::Success("Kustomization reconciled successfully".into()));
        // No controller will apply the Kustomizations the sync created: converge the tree
        // here. A nested failure is reported and does not undo the bootstrap.
        let step = |s: nested::Step<'_>| match s {
            nested::Step::Fetched { object, revision } => {
                self.event(Event::Success(format!("fetched revision {revision} ({object})")));
            }
            nested::Step::FetchFailed { object, message } => {
                self.event(Event::Failure(format!("{object}: {message}")));
            }
            nested::Step::Reconciling { object } => {
                self.event(Event::Action(format!("reconciling nested {object}")));
            }
            nested::Step::Reconciled { object, report } => {
                for e in report.changes.entries.iter().filter(|e| is_change(e.action)) {
                    self.event(Event::Info(e.to_string()));
                }
                match &report.outcome {
                    ReconcileOutcome::Succeeded => self.event(Event::Success(format!(
                        "{object}: applied revision {}",
                        report.revision.as_deref().unwrap_or_default()
                    ))),
                    ReconcileOutcome::Failed { message, .. }
                    | ReconcileOutcome::Retry { message, .. }
                    | ReconcileOutcome::Stalled { message, .. } => {
                        self.event(Event::Failure(format!("{object}: {message}")));
                    }
                }
            }
            nested::Step::Skipped { object, why } => {
                self.event(Event::Action(format!("{object} skipped: {why}")));
            }
        };
        let done = Box::pin(nested::reconcile_nested(
            &engine,
            &self.opts.source_options,
            &ks,
            &report.changes,
            &step,
        ))
        .await;
        if !done.is_empty() {
            let ok = done.iter().filter(|n| n.report.succeeded()).count();
            self.event(Event::Success(format!(
                "reconciled {ok} of {} nested Kustomization(s)",
                done.len()
            )));
        }
        Ok((
            report.revision.unwrap_or(fetched.revision),
            report.changes.has_changes() || fetched.new_artifact,
        ))
    }

    async fn first_sync_controller(&mut self, expected: &str) -> Result<(String, bool), Error> {
        let ns = self.opts.namespace.clone();
        self.event(Event::Waiting(format!(
            "waiting for a running controller in {ns:?} namespace"
        )));
        let deps: Api<Deployment> = Api::namespaced(self.client.clone(), &ns);
        loop {
            let mut ready = false;
            for name in [crate::manifests::CONTROLLER_NAME, "kustomize-controller"] {
                if let Ok(Some(d)) = deps.get_opt(name).await {
                    ready |= d.status.as_ref().and_then(|s| s.ready_replicas).unwrap_or(0) > 0;
                }
            }
            if ready {
                break;
            }
            if Instant::now() >= self.deadline {
                return Err(self.fail(
                    Step::FirstSync,
                    format!(
                        "no controller became ready in {ns:?} namespace within {} (without --controller the \
                         first sync runs in this process)",
                        crate::duration::format(self.opts.timeout)
                    ),
                ));
            }
            tokio::time::sleep(Duration::from_secs(2)).await;
        }
        let flux = FluxClient::new(self.client.clone());
        let mut revision = String::new();
        for kind in [FluxKind::GitRepository, FluxKind::Kustomization] {
            self.event(Event::Waiting(format!(
                "waiting for {kind} \"{ns}/{ns}\" to be reconciled"
            )));
            let obj = flux
                .get(kind, &ns, &ns)
                .await
                .map_err(|e| self.fail(Step::FirstSync, e.to_string()))?;
            let request = flux
                .request_reconcile(&obj)
                .await
                .map_err(|e| self.fail(Step::FirstSync, e.to_string()))?;
            let wait = WaitOptions {
                timeout: self.remaining(),
                poll_interval: Duration::from_secs(2),
            };
            let obj = flux
                .wait_reconciled(kind, &ns, &ns, &request, wait)
                .await
                .map_err(|e| self.fail(Step::FirstSync, e.to_string()))?;
            revision = obj.revision().unwrap_or_default();
            if revision != expected {
                self.event(Event::Warning(format!(
                    "{kind} is at {revision}, pushed {expected}"
                )));
            }
            self.event(Event::Success(format!("{kind} reconciled successfully")));
        }
        Ok((revision, true))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sync_urls_follow_upstream() {
        let u = |s: &str| GitUrl::parse(s).unwrap();
        assert_eq!(
            sync_url(
                &u("ssh://git@example.com/org/fleet.git"),
                false,
                "git",
                None,
                false
            )
            .unwrap(),
            "ssh://git@example.com/org/fleet.git"
        );
        assert_eq!(
            sync_url(&u("git@example.com:org/fleet.git"), false, "git", None, false).unwrap(),
            "ssh://git@example.com/org/fleet.git"
        );
        assert_eq!(
            sync_url(&u("ssh://me@127.0.0.1:2222/srv/r.git"), false, "git", None, false).unwrap(),
            "ssh://me@127.0.0.1:2222/srv/r.git"
        );
        assert_eq!(
            sync_url(
                &u("https://example.com/org/fleet"),
                false,
                "git",
                Some("ssh.example.com:443"),
                false
            )
            .unwrap(),
            "ssh://git@ssh.example.com:443/org/fleet"
        );
        assert_eq!(
            sync_url(
                &u("https://u:p@example.com:8443/org/fleet"),
                true,
                "u",
                None,
                false
            )
            .unwrap(),
            "https://example.com:8443/org/fleet"
        );
        assert_eq!(
            sync_url(&u("http://127.0.0.1:9/r.git"), true, "git", None, true).unwrap(),
            "http://127.0.0.1:9/r.git"
        );
        assert_eq!(
            sync_url(&u("http://127.0.0.1:9/r.git"), true, "git", None, false).unwrap(),
            "https://127.0.0.1:9/r.git"
        );
        assert_eq!(
            sync_url(&u("file:///srv/r"), false, "git", None, false).unwrap(),
            "file:///srv/r"
        );
    }

    #[test]
    fn errors_say_what_state_things_are_in() {
        let mut d = Done::default();
        assert_eq!(
            d.describe("main"),
            "nothing was pushed to the repository; nothing was changed in the cluster"
        );
        d.pushed = Some("abc".into());
        d.components = true;
        let s = d.describe("main");
        assert!(s.starts_with("the repository has the manifests at main@sha1:abc; applied to the cluster: the components; not applied: the source secret, the sync manifests."), "{s}");
        assert!(s.ends_with("safe and continues from here"));
    }
}
