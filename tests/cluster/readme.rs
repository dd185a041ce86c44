//! The README, followed literally: every block fenced as ```` ```sh ```` runs, top to bottom,
//! in one bash (`set -euo pipefail`) from the repository's directory, with the binary under
//! test first on `PATH`. The blocks start their own dev cluster with `scripts/dev-cluster`
//! (the machinery of the test clusters), kept under a temporary state directory so that it
//! never meets a developer's own `dev` cluster, and stop it at the end; the test stops it too
//! when a block fails. Installs, `bootstrap github`, image builds and the test commands are
//! fenced ```` ```console ```` and not run.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::harness::bin;

/// The bodies of the README's ```` ```sh ```` blocks, in order.
fn sh_blocks(readme: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in readme.lines() {
        match &mut current {
            None if line.trim_end() == "```sh" => current = Some(String::new()),
            None => {}
            Some(_) if line.trim_end() == "```" => blocks.extend(current.take()),
            Some(body) => {
                body.push_str(line);
                body.push('\n');
            }
        }
    }
    assert!(current.is_none(), "an unterminated ```sh block in the README");
    blocks
}

/// Where the dev cluster's built binaries are cached, as `scripts/dev-cluster` finds it.
fn cluster_cache() -> PathBuf {
    if let Some(c) = std::env::var_os("FLUX_RS_CLUSTER_CACHE") {
        return PathBuf::from(c);
    }
    let base = std::env::var_os("XDG_CACHE_HOME").map_or_else(
        || PathBuf::from(std::env::var_os("HOME").expect("HOME")).join(".cache"),
        PathBuf::from,
    );
    base.join("flux-rs/k8s")
}

#[test]
fn readme_blocks_run_as_written() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(repo.join("README.md")).unwrap();
    let blocks = sh_blocks(&readme);
    assert!(blocks.len() >= 3, "the README's runnable blocks: {blocks:?}");
    let work = tempfile::tempdir().unwrap();
    let state = work.path().join("clusters");
    let script = work.path().join("readme.sh");
    // Background jobs (the controller) never outlive the script.
    let mut text = String::from("set -euo pipefail\ntrap 'kill $(jobs -p) 2>/dev/null || true' EXIT\n");
    for (i, b) in blocks.iter().enumerate() {
        text = format!("{text}echo '--- README block {}' >&2\n{b}", i + 1);
    }
    std::fs::write(&script, text).unwrap();
    let bin_dir = Path::new(bin()).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let run = |args: &[&str]| {
        Command::new("timeout")
            .args(args)
            .current_dir(repo)
            .env("PATH", &path)
            .env("FLUX_RS_CLUSTER_STATE", &state)
            .env("FLUX_RS_CLUSTER_CACHE", cluster_cache())
            .env("XDG_CACHE_HOME", work.path().join("cache"))
            .env("TMPDIR", work.path())
            .env("NO_COLOR", "1")
            .env("GIT_AUTHOR_NAME", "README")
            .env("GIT_AUTHOR_EMAIL", "readme@example.com")
            .env("GIT_COMMITTER_NAME", "README")
            .env("GIT_COMMITTER_EMAIL", "readme@example.com")
            .env_remove("KUBECONFIG")
            .env_remove("FLUX_SYSTEM_NAMESPACE")
            .output()
            .expect("run bash")
    };
    let out = run(&["900", "bash", script.to_str().unwrap()]);
    // Whatever happened, the README's cluster is stopped.
    let _ = run(&["120", "scripts/dev-cluster", "down"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "the README's blocks failed ({:?}):\nstdout:\n{}\nstderr:\n{stderr}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout)
    );
    // What the README says the commands print.
    for line in [
        "✔ fetched revision: main@sha1:",
        "✔ applied revision main@sha1:",
        "✗ flux-rs-controller: deployment not ready: 0 of 1 replica(s) ready: no Pod has been created",
        "exit code 1: changes found",
        "► no controller runs: removing the finalizer finalizers.fluxcd.io of Kustomization flux-system/apps",
        "✔ Kustomization flux-system/apps is gone",
    ] {
        assert!(
            stderr.contains(line) || String::from_utf8_lossy(&out.stdout).contains(line),
            "missing {line:?} in:\n{stderr}"
        );
    }
}

#[test]
fn only_sh_blocks_run() {
    let text = "a\n```sh\necho one\n```\n```console\nnot run\n```\n```sh\necho two\necho three\n```\n";
    assert_eq!(sh_blocks(text), ["echo one\n", "echo two\necho three\n"]);
}
