//! flux-rs: GitOps for Kubernetes, compatible with Flux's public APIs.
//!
//! # Architecture
//!
//! Data flows one way, from the command line to the cluster:
//!
//! ```text
//! cli ─► ops ─► apply ─► cluster ─► kube (API server)
//!  │             ▲
//!  ├──► controller ─► engine
//!  │
//!  └──► manifests ─► api      (anything may use api, yaml and duration)
//! ```
//!
//! * [`cli`]: argument parsing, the resolved context of a run, one module per command, and
//!   the only printer ([`cli::output`]). Nothing below it prints.
//! * [`api`]: Flux's CRD types (`GitRepository`, `Kustomization`), their CRDs and client-side
//!   validation. Pure data.
//! * [`manifests`]: the objects `install` applies (CRDs, RBAC, controller Deployment). Pure.
//! * [`apply`]: server-side apply of object sets returning a change set; knows nothing about
//!   Flux's kinds. Also the health (kstatus) rules.
//! * [`ops`]: day-2 operations on Flux objects in a cluster — list, watch, suspend/resume,
//!   wait for readiness, export, delete with the inventory, trees, events, stats, trace —
//!   returning data for the CLI and the controller to use.
//! * [`cluster`]: client construction from kubeconfig flags, discovery, object identities,
//!   errors as one line.
//! * [`build`]: the native kustomize engine and the Flux build layer (pure).
//! * [`source`]: the source engines: fetch a GitRepository into a local Git cache, pack and
//!   store its artifact, write its status; check out one revision; SSH keys, host-key scans
//!   and `known_hosts`; the OCI distribution client, Flux's OCI artifacts and the
//!   OCIRepository engine ([`source::oci`]).
//! * [`controller`]: the long-running controller: when GitRepositories and Kustomizations
//!   are reconciled (by the engines, through [`reconcile::Reconcile`]), finalizers and
//!   deletion policies, leader election, metrics and health endpoints, artifact storage.
//! * [`engine`]: reconciling one object end to end, shared by the CLI and the controller.
//! * [`reconcile`]: the seam between runners (controller, CLI, bootstrap) and engines:
//!   [`reconcile::Request`], [`reconcile::Outcome`], [`reconcile::Reconcile`]. A leaf.
//! * [`notify`]: notifications — Alerts and Providers route the events flux-rs records to
//!   chat, webhooks and commit statuses (queued, retried, never blocking a reconcile);
//!   Receivers turn webhook calls into reconcile requests.
//! * [`bootstrap`]: `bootstrap git|github` — manifests committed to Git, components
//!   installed, the first sync; the work tree (libgit2) and the GitHub provider (octocrab).
//! * [`diff`]: how a change is shown — normalisation, Secret masking, field changes, unified
//!   YAML diffs (pure); the apply engine's [`apply::Manager::diff`] finds what changes.
//! * [`fleet`]: a repository's whole fleet of Kustomizations rendered offline (the working
//!   tree, and a base revision read from Git's object database) and compared per
//!   Kustomization: `flux-rs diff --base`.
//! * [`helm`]: the native Helm engine (charts, values, Go templates, Sprig) behind `helm template` (pure).
//! * [`sops`]: SOPS decryption with age keys (YAML, JSON, dotenv, binary; MAC verified),
//!   used by the build on the files it reads (pure).
//! * [`object`]: the identity of a Kubernetes object (group, version, kind, namespace,
//!   name), pure, shared by the build and the cluster layers.
//! * [`yaml`]: YAML decided once for the product: go-yaml v3 reading, kubectl-exact writing.
//! * [`duration`]: Go duration syntax.
//!
//! # Layers
//!
//! Each module may use only the modules of its row (the test in `layers.rs` reads this table
//! and every `crate::` path of the code, and fails on any other edge; `docs/architecture.md`
//! shows the same rows):
//!
//! | module | may use |
//! | --- | --- |
//! | `cli` | `api`, `apply`, `bootstrap`, `build`, `cluster`, `controller`, `diff`, `duration`, `engine`, `fleet`, `helm`, `manifests`, `notify`, `ops`, `reconcile`, `sops`, `source`, `yaml` |
//! | `bootstrap` | `api`, `apply`, `build`, `cluster`, `duration`, `engine`, `manifests`, `ops`, `reconcile`, `source`, `yaml` |
//! | `controller` | `api`, `apply`, `cluster`, `duration`, `engine`, `notify`, `ops`, `reconcile`, `source` |
//! | `notify` | `api`, `cluster`, `duration`, `ops`, `reconcile`, `yaml` |
//! | `engine` | `api`, `apply`, `build`, `cluster`, `diff`, `duration`, `helm`, `reconcile`, `sops`, `source`, `yaml` |
//! | `source` | `api`, `build`, `cluster`, `duration`, `helm`, `reconcile` |
//! | `ops` | `api`, `apply`, `cluster`, `duration` |
//! | `manifests` | `api`, `yaml` |
//! | `apply` | `cluster`, `duration` |
//! | `build` | `api`, `duration`, `object`, `sops`, `yaml` |
//! | `fleet` | `api`, `build`, `diff`, `sops`, `yaml` |
//! | `diff` | `apply`, `yaml` |
//! | `sops` | `yaml` |
//! | `cluster` | `object` |
//! | `api` | `duration`, `yaml` |
//! | `yaml` | — |
//! | `duration` | — |
//! | `reconcile` | — |
//! | `object` | — |
//! | `helm` | `duration`, `yaml` |
//!
//! Only `cli` reads the process environment (clap `env =`, or `cli::env` once, passing the
//! values down); the same test fails on a `std::env::var` call anywhere else.

pub mod api;
pub mod apply;
pub mod bootstrap;
pub mod build;
pub mod cli;
pub mod cluster;
pub mod controller;
pub mod diff;
pub mod duration;
pub mod engine;
pub mod fleet;
pub mod helm;
pub mod manifests;
pub mod notify;
pub mod object;
pub mod ops;
pub mod reconcile;
pub mod sops;
pub mod source;
pub mod yaml;

mod layers;
