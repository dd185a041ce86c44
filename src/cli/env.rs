//! The process environment the layers below `cli` need, read here once and passed down as
//! values: the engines, the build and the cluster layer read no environment variables
//! (the test in `src/layers.rs` checks it). Flags that have an environment variable use
//! clap's `env =` instead.

use std::path::PathBuf;

/// The user's home directory (`$HOME`), when set and not empty.
pub fn home() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
}

/// The user's flux-rs cache directory: `$XDG_CACHE_HOME/flux-rs` (when absolute), else
/// `~/.cache/flux-rs`.
pub fn user_cache_dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(base.join("flux-rs"))
}

/// The CLI's source options: storage and Git cache under [`user_cache_dir`], so repeated
/// commands fetch only what is new.
pub fn cli_source_options() -> anyhow::Result<crate::source::SourceOptions> {
    let dir = user_cache_dir().ok_or_else(|| {
        anyhow::anyhow!("flux-rs cache: cannot find a cache directory: set XDG_CACHE_HOME or HOME")
    })?;
    Ok(crate::source::SourceOptions::in_dir(&dir))
}

/// `$HOME/.ssh/known_hosts`, or `None` without `HOME`.
pub fn user_known_hosts_path() -> Option<PathBuf> {
    home().map(|h| h.join(".ssh").join("known_hosts"))
}

/// Whether an ssh-agent is announced (`$SSH_AUTH_SOCK` set and not empty).
pub fn ssh_agent_available() -> bool {
    std::env::var_os("SSH_AUTH_SOCK").is_some_and(|s| !s.is_empty())
}

/// Whether `$KUBECONFIG` is set (kube's loader reads the paths from it itself).
pub fn kubeconfig_env_set() -> bool {
    std::env::var_os("KUBECONFIG").is_some()
}
