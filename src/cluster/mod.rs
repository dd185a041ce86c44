//! The connection to a cluster: a client built from kubeconfig flags, discovery of resources
//! (cached per run), object identities, and errors rendered as one clear line.

pub mod discovery;
pub mod events;
pub mod finalizer;
pub mod retry;

use std::path::PathBuf;
use std::time::Duration;

use kube::config::{KubeConfigOptions, Kubeconfig};
use kube::{Client, Config};

pub use crate::object::{self, ObjectRef};
pub use discovery::{Discovery, ResourceInfo};
pub use retry::{is_transient, retry};

/// How to reach the cluster, as kubectl's flags say it.
#[derive(Clone, Debug, Default)]
pub struct ClientOptions {
    /// Path of the kubeconfig file (default: `$KUBECONFIG`, then `~/.kube/config`, then
    /// in-cluster configuration).
    pub kubeconfig: Option<PathBuf>,
    /// Context to use instead of the current context.
    pub context: Option<String>,
    /// Impersonate this user.
    pub impersonate_user: Option<String>,
    /// Impersonate these groups.
    pub impersonate_groups: Vec<String>,
    /// Timeout of each request's connection set-up.
    pub connect_timeout: Option<Duration>,
    /// Whether `$KUBECONFIG` is set (read by `cli`; kube's loader reads the paths from it).
    /// When it is not, a missing `~/.kube/config` means "use the in-cluster configuration";
    /// when it is, a missing file it names is an error.
    pub kubeconfig_env_set: bool,
}

impl ClientOptions {
    /// The same options, impersonating the service account `name` of `namespace`
    /// (`system:serviceaccount:<namespace>:<name>`): requests are authorized with the
    /// service account's RBAC, as a Kustomization's `spec.serviceAccountName` asks. The API
    /// server adds the service account's groups itself.
    #[must_use]
    pub fn impersonate_service_account(mut self, namespace: &str, name: &str) -> Self {
        self.impersonate_user = Some(service_account_user(namespace, name));
        self.impersonate_groups.clear();
        self
    }
}

/// The user name of a service account: `system:serviceaccount:<namespace>:<name>`.
pub fn service_account_user(namespace: &str, name: &str) -> String {
    format!("system:serviceaccount:{namespace}:{name}")
}

/// A client acting as the service account `name` of `namespace`, from an already resolved
/// configuration (e.g. the controller's in-cluster config).
pub fn impersonating_client(config: &Config, namespace: &str, name: &str) -> Result<Client> {
    let mut config = config.clone();
    config.auth_info.impersonate = Some(service_account_user(namespace, name));
    config.auth_info.impersonate_groups = None;
    Client::try_from(config).map_err(Error::from)
}

/// Why a client could not be built or a request failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The kubeconfig could not be read or is invalid.
    #[error("kubeconfig{}: {message}", path.as_ref().map(|p| format!(" {}", p.display())).unwrap_or_default())]
    Kubeconfig {
        /// Which file, when known.
        path: Option<PathBuf>,
        /// What is wrong.
        message: String,
    },
    /// The requested context does not exist.
    #[error("context {context:?} not found in kubeconfig{}", path.as_ref().map(|p| format!(" {}", p.display())).unwrap_or_default())]
    ContextNotFound {
        /// The context asked for.
        context: String,
        /// Which file, when known.
        path: Option<PathBuf>,
    },
    /// A request to the API server failed; the cause keeps the status code.
    #[error("{}{}", context.as_deref().map(|c| format!("{c}: ")).unwrap_or_default(), describe(source))]
    Api {
        /// What was being done (`listing kustomizations`), when it helps the message.
        context: Option<String>,
        /// The client's error.
        #[source]
        source: Box<kube::Error>,
    },
    /// A watch failed (it reconnects with backoff first; this ends it).
    #[error("{context}: {source}")]
    Watch {
        /// What was watched (`watching kustomizations`).
        context: String,
        /// The watcher's error.
        #[source]
        source: Box<kube::runtime::watcher::Error>,
    },
    /// The server's version is not a version flux-rs can read.
    #[error("unrecognised server version {git_version:?}")]
    ServerVersion {
        /// The version the server reported (`gitVersion`).
        git_version: String,
    },
}

impl Error {
    /// A failed request, with what was being done.
    pub fn api(context: impl Into<String>, source: kube::Error) -> Error {
        Error::Api {
            context: Some(context.into()),
            source: Box::new(source),
        }
    }

    /// A failed watch, with what was watched.
    pub fn watch(context: impl Into<String>, source: kube::runtime::watcher::Error) -> Error {
        Error::Watch {
            context: context.into(),
            source: Box::new(source),
        }
    }

    /// The HTTP status code of a failed request, when the server answered.
    pub fn status_code(&self) -> Option<u16> {
        match self {
            Error::Api { source, .. } => match source.as_ref() {
                kube::Error::Api(s) => Some(s.code),
                _ => None,
            },
            _ => None,
        }
    }
}

/// Result alias for this module.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Builds a client from the options. Fails with one clear line on a missing or broken
/// kubeconfig or an unknown context; does not contact the server.
pub async fn connect(opts: &ClientOptions) -> Result<Client> {
    let config = config(opts).await?;
    Client::try_from(config).map_err(Error::from)
}

/// Resolves the kube `Config` for the options.
pub async fn config(opts: &ClientOptions) -> Result<Config> {
    let kube_opts = KubeConfigOptions {
        context: opts.context.clone(),
        cluster: None,
        user: None,
    };
    let (kubeconfig, path) = match &opts.kubeconfig {
        Some(path) => {
            let kc = Kubeconfig::read_from(path).map_err(|e| Error::Kubeconfig {
                path: Some(path.clone()),
                message: kubeconfig_message(&e),
            })?;
            (Some(kc), Some(path.clone()))
        }
        None => match Kubeconfig::read() {
            Ok(kc) => (Some(kc), None),
            Err(kube::config::KubeconfigError::FindPath) => (None, None),
            Err(e) if !opts.kubeconfig_env_set && is_missing_file(&e) => (None, None),
            Err(e) => {
                return Err(Error::Kubeconfig {
                    path: None,
                    message: kubeconfig_message(&e),
                });
            }
        },
    };
    let mut config = match kubeconfig {
        Some(kc) => {
            if let Some(ctx) = &opts.context
                && !kc.contexts.iter().any(|c| &c.name == ctx)
            {
                return Err(Error::ContextNotFound {
                    context: ctx.clone(),
                    path,
                });
            }
            if opts.context.is_none() && kc.current_context.is_none() {
                return Err(Error::Kubeconfig {
                    path,
                    message: "no current context is set and --context was not given".into(),
                });
            }
            Config::from_custom_kubeconfig(kc, &kube_opts)
                .await
                .map_err(|e| Error::Kubeconfig {
                    path,
                    message: kubeconfig_message(&e),
                })?
        }
        None => Config::incluster().map_err(|_| Error::Kubeconfig {
            path: None,
            message: "no kubeconfig found (set KUBECONFIG or --kubeconfig) and not running inside a cluster"
                .into(),
        })?,
    };
    if let Some(user) = &opts.impersonate_user {
        config.auth_info.impersonate = Some(user.clone());
        if !opts.impersonate_groups.is_empty() {
            config.auth_info.impersonate_groups = Some(opts.impersonate_groups.clone());
        }
    }
    config.connect_timeout = Some(opts.connect_timeout.unwrap_or(Duration::from_secs(10)));
    Ok(config)
}

fn is_missing_file(e: &kube::config::KubeconfigError) -> bool {
    matches!(e, kube::config::KubeconfigError::ReadConfig(io, _) if io.kind() == std::io::ErrorKind::NotFound)
}

fn kubeconfig_message(e: &kube::config::KubeconfigError) -> String {
    use kube::config::KubeconfigError as K;
    match e {
        K::ReadConfig(io, _) => io.to_string(),
        K::Parse(inner) => {
            // The parser's message may carry a multi-line source excerpt: keep the first line.
            let msg = inner.to_string();
            let first = msg.lines().next().unwrap_or_default();
            let first = first.split(" --> ").next().unwrap_or(first).trim();
            format!("invalid YAML: {}", first.trim_start_matches("error: "))
        }
        other => chain(other),
    }
}

/// Renders an error and its sources on one line (`a: b: c`), skipping repeated messages.
pub fn chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = vec![e.to_string()];
    let mut cur = e.source();
    while let Some(s) = cur {
        let msg = s.to_string();
        if !parts.iter().any(|p| p.contains(&msg)) {
            parts.push(msg);
        }
        cur = s.source();
    }
    parts.join(": ")
}

/// How [`describe`] starts the message of a connection failure.
pub const UNREACHABLE: &str = "unable to reach the Kubernetes API server";

/// One clear line for a kube error: the server's message for API errors, the cause chain
/// for connection failures.
pub fn describe(e: &kube::Error) -> String {
    match e {
        kube::Error::Api(status) => {
            if status.message.is_empty() {
                format!("{} ({})", status.reason, status.code)
            } else {
                status.message.clone()
            }
        }
        kube::Error::HyperError(_) | kube::Error::Service(_) => {
            let mut msg = chain(e);
            for prefix in ["HyperError: ", "ServiceError: "] {
                if let Some(rest) = msg.strip_prefix(prefix) {
                    msg = rest.to_string();
                }
            }
            format!("{UNREACHABLE}: {msg}")
        }
        other => chain(other),
    }
}

/// Whether a kube error is the server saying "404 Not Found".
pub fn is_not_found(e: &kube::Error) -> bool {
    matches!(e, kube::Error::Api(s) if s.code == 404)
}

/// Whether a kube error is "409 Conflict".
pub fn is_conflict(e: &kube::Error) -> bool {
    matches!(e, kube::Error::Api(s) if s.code == 409)
}

impl From<kube::Error> for Error {
    fn from(e: kube::Error) -> Self {
        Error::Api {
            context: None,
            source: Box::new(e),
        }
    }
}

/// Reads the server's version (`v1.20.2`).
pub async fn server_version(client: &Client) -> Result<semver::Version> {
    let info = client.apiserver_version().await?;
    parse_server_version(&info.git_version).ok_or_else(|| Error::ServerVersion {
        git_version: info.git_version.clone(),
    })
}

/// Parses `v1.20.2`, `v1.27.3+k3s1` or `v1.28.1-eks-43840fb` into a semantic version.
pub fn parse_server_version(git_version: &str) -> Option<semver::Version> {
    let v = git_version.trim_start_matches('v');
    if let Ok(parsed) = semver::Version::parse(v) {
        return Some(parsed);
    }
    let core: String = v
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    semver::Version::parse(core.trim_end_matches('.')).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_versions_parse() {
        assert_eq!(
            parse_server_version("v1.20.2"),
            Some(semver::Version::new(1, 20, 2))
        );
        assert_eq!(
            parse_server_version("v1.27.3+k3s1").map(|v| (v.major, v.minor)),
            Some((1, 27))
        );
        assert_eq!(
            parse_server_version("v1.28.1-eks-43840fb").map(|v| v.minor),
            Some(28)
        );
        assert_eq!(parse_server_version("garbage"), None);
    }

    #[tokio::test]
    async fn missing_kubeconfig_and_context_are_one_line_errors() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope");
        let e = config(&ClientOptions {
            kubeconfig: Some(missing.clone()),
            ..Default::default()
        })
        .await
        .unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.starts_with(&format!("kubeconfig {}", missing.display())),
            "{msg}"
        );
        assert!(!msg.contains('\n'));

        let bad = dir.path().join("bad");
        std::fs::write(&bad, "apiVersion: v1\nclusters: [[[\n").unwrap();
        let e = config(&ClientOptions {
            kubeconfig: Some(bad),
            ..Default::default()
        })
        .await
        .unwrap_err();
        assert!(e.to_string().contains("invalid YAML"), "{e}");

        let ok = dir.path().join("ok");
        std::fs::write(
            &ok,
            "apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: 'https://127.0.0.1:1'}}]\n\
             users: [{name: u, user: {token: t}}]\ncontexts: [{name: x, context: {cluster: c, user: u}}]\ncurrent-context: x\n",
        )
        .unwrap();
        let e = config(&ClientOptions {
            kubeconfig: Some(ok.clone()),
            context: Some("missing".into()),
            ..Default::default()
        })
        .await
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("context \"missing\" not found in kubeconfig {}", ok.display())
        );
        assert!(
            config(&ClientOptions {
                kubeconfig: Some(ok),
                ..Default::default()
            })
            .await
            .is_ok()
        );
    }
}
