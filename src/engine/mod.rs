//! The reconcile engine: one Kustomization reconciled end to end, shared by the CLI's
//! one-shot `reconcile` and by the controller. Nothing here prints.
//!
//! ```text
//! suspend? ─► source (GitRepository, its recorded artifact revision) ─► dependsOn
//!    ─► Reconciling status ─► checkout (SourceProvider) ─► build (build::flux)
//!    ─► validate + apply (apply::Manager, staged) ─► prune (inventory diff)
//!    ─► health (wait / healthChecks, spec.timeout) ─► status + Events
//! ```
//!
//! * [`Engine::reconcile`] does the work for one object and writes its status
//!   (conditions `Ready`/`Reconciling`/`Healthy` with upstream reasons, revisions, inventory,
//!   `observedGeneration`, `lastHandledReconcileAt`, history) and Kubernetes Events as
//!   kustomize-controller does, and returns a [`Report`] whose
//!   [`outcome`](Report::outcome) is the controller's [`Outcome`](crate::reconcile::Outcome).
//! * [`reconciler`] turns an engine into the controller's
//!   [`Reconcile`](crate::reconcile::Reconcile) seam.
//! * Where the files of a revision come from is behind [`SourceProvider`]: the CLI checks
//!   the commit out of its local Git cache, the controller reads its artifact storage.
//! * [`dependencies`] decides `dependsOn` for the engine, the controller and the CLI.
//! * [`nested`] converges a tree of Kustomizations in one process (the CLI's `--recursive`,
//!   bootstrap's first sync without a controller).
//! * The engine never adds finalizers (the controller does, for itself), so a one-shot
//!   reconcile from the CLI leaves nothing that needs a controller to remove.

pub mod acting;
pub mod decryption;
pub mod dependencies;
pub mod events;
mod git_source;
pub mod helm_render;
pub mod helmrelease;
pub mod nested;
mod reconcile;
pub mod status;
pub mod substitute;
pub mod trees;

use std::path::Path;
use std::sync::Arc;

use futures::future::BoxFuture;

use crate::api::meta::Artifact;
use crate::api::{GitRepository, Kustomization, OCIRepository};
use crate::reconcile::{Reconcile, Request};

pub use git_source::GitSource;
pub use reconcile::{CONVENTIONS, DEFAULT_FIELD_MANAGER, Engine, EngineOptions, Report, owner};
pub use trees::TreeCache;

/// A Kustomization's source as the engine reads it: the kinds flux-rs can build from.
#[derive(Clone, Debug)]
pub enum Source {
    /// A GitRepository.
    Git(GitRepository),
    /// An OCIRepository.
    Oci(OCIRepository),
}

impl Source {
    /// The artifact in the source's status.
    pub fn artifact(&self) -> Option<&Artifact> {
        match self {
            Source::Git(r) => r.status.as_ref()?.artifact.as_ref(),
            Source::Oci(r) => r.status.as_ref()?.artifact.as_ref(),
        }
    }

    /// The revision of the artifact in the source's status.
    pub fn artifact_revision(&self) -> Option<&str> {
        self.artifact().map(|a| a.revision.as_str())
    }

    /// `Kind/namespace/name`.
    pub fn display(&self) -> String {
        let (kind, meta) = match self {
            Source::Git(r) => ("GitRepository", &r.metadata),
            Source::Oci(r) => ("OCIRepository", &r.metadata),
        };
        format!(
            "{kind}/{}/{}",
            meta.namespace.as_deref().unwrap_or_default(),
            meta.name.as_deref().unwrap_or_default()
        )
    }
}

/// Gives the engine the files of a source revision: the seam to the source engine.
///
/// The engine asks for exactly the revision recorded in the GitRepository's
/// `status.artifact.revision`, never "the newest": a CLI implementation checks that commit out
/// of its local Git cache (an in-cluster artifact URL is not reachable from outside the
/// cluster), a controller implementation extracts the artifact from its storage.
pub trait SourceProvider: Send + Sync {
    /// Writes the tree of `revision` of `repository` into `dest`, an existing empty
    /// directory the engine owns (and removes afterwards). An error says why the revision
    /// cannot be had; the engine reports it as `Ready=False/ArtifactFailed`.
    fn checkout<'a>(
        &'a self,
        repository: &'a Source,
        revision: &'a str,
        dest: &'a Path,
    ) -> BoxFuture<'a, Result<(), SourceError>>;

    /// Where trees checked out by this provider are kept between reconciliations, keyed by
    /// the artifact digest recorded with the revision (`None`: a temporary directory per
    /// reconciliation). Only a provider whose trees always match the recorded digest may
    /// keep one.
    fn trees(&self) -> Option<&TreeCache> {
        None
    }
}

/// Why a source revision cannot be provided.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    /// The GitRepository's revision cannot be had (artifact missing, fetch failed, …).
    #[error("{}", source.message())]
    Git {
        /// The source engine's error.
        #[source]
        source: crate::source::Error,
    },
    /// The OCIRepository's revision cannot be had.
    #[error("{}", source.message)]
    Oci {
        /// The OCI source engine's error.
        #[source]
        source: crate::source::oci::repository::OciError,
    },
    /// The revision is not in the provider's storage.
    #[error("no artifact for revision {revision} in storage")]
    NotInStorage {
        /// The revision asked for.
        revision: String,
    },
    /// Copying the revision's files failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: std::path::PathBuf,
        /// The error.
        #[source]
        source: std::io::Error,
    },
    /// This provider cannot provide sources of that kind at all.
    #[error("{kind}: not supported by this source provider")]
    Unsupported {
        /// The source kind (`OCIRepository`).
        kind: &'static str,
    },
}

/// The engine as the controller's [`Reconcile`] seam for Kustomizations: each call
/// reconciles the object, logs what it changed (nothing when nothing changed), and returns
/// the report's outcome.
pub fn reconciler(engine: Arc<Engine>) -> impl Reconcile<Kustomization> {
    move |ks: Arc<Kustomization>, request: Request| {
        let engine = engine.clone();
        async move {
            let report = engine.reconcile(&ks, &request).await;
            log_changes(&ks, &report);
            report.outcome
        }
    }
}

/// One log line listing the objects a reconciliation created, configured or deleted.
fn log_changes(ks: &Kustomization, report: &Report) {
    let changed: Vec<String> = report
        .changes
        .entries
        .iter()
        .filter(|e| {
            matches!(
                e.action,
                crate::apply::Action::Created
                    | crate::apply::Action::Configured
                    | crate::apply::Action::Deleted
            )
        })
        .map(ToString::to_string)
        .collect();
    if changed.is_empty() {
        return;
    }
    tracing::info!(
        kind = "Kustomization",
        namespace = %ks.metadata.namespace.as_deref().unwrap_or_default(),
        name = %ks.metadata.name.as_deref().unwrap_or_default(),
        revision = %report.revision.as_deref().unwrap_or_default(),
        "server-side apply: {}",
        changed.join(", ")
    );
}
