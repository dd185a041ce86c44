//! Integration tests against the real kube-apiserver + etcd started by `scripts/test`.
//! One test binary (one link); each module covers one area. See `harness.rs`.
#![allow(
    clippy::too_many_lines,
    reason = "a cluster test is one scenario read top to bottom against a real API server"
)]
#![allow(clippy::unwrap_used)]

mod git_http;
mod github_fake;
mod gitrepo;
mod harness;
mod helm_http;
mod process;
mod registry;
mod sshd;

mod api_server;
mod apply;
mod bootstrap;
mod build;
mod cli_errors;
mod controller;
mod controller_e2e;
mod day2;
mod diff;
mod diff_fleet;
mod gitops;
mod helm_chart;
mod helm_repo;
mod helmrelease;
mod helmrelease_cli;
mod helmrelease_drift;
mod helmrelease_hooks;
mod helmrelease_remediation;
mod helmrelease_render;
mod install;
mod leader;
mod notification;
mod oci;
mod oneshot;
mod readme;
mod reconcile;
mod recorder;
mod remote_bases;
mod sops;
mod source;
mod source_cli;
mod version;
