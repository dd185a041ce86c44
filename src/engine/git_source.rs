//! The production [`SourceProvider`]: the files of a GitRepository (or OCIRepository) revision from the source
//! engine ([`crate::source::checkout`]) — the controller's artifact storage when the artifact
//! of that revision is there, otherwise the local Git cache (the CLI), fetching only a commit
//! the cache does not have yet.

use std::path::Path;

use futures::future::BoxFuture;
use kube::Client;

use super::{Source, SourceError, SourceProvider, TreeCache};
use crate::source::{self, SourceOptions};

/// Checks revisions out with the source engine.
pub struct GitSource {
    client: Client,
    options: SourceOptions,
    trees: Option<TreeCache>,
}

impl GitSource {
    /// A provider reading through `options` (the CLI's, under the user's cache directory, or the
    /// controller's [`SourceOptions::controller`]); `client` reads the GitRepository's Secret
    /// when the revision has to be fetched.
    pub fn new(client: Client, options: SourceOptions) -> Self {
        GitSource {
            client,
            options,
            trees: None,
        }
    }

    /// Keeps checked-out trees in `trees` between reconciliations. A tree is the source
    /// engine's checkout of the revision, which is the content of its artifact, so the
    /// artifact's digest names it.
    #[must_use]
    pub fn with_trees(mut self, trees: TreeCache) -> Self {
        self.trees = Some(trees);
        self
    }
}

impl SourceProvider for GitSource {
    fn checkout<'a>(
        &'a self,
        repository: &'a Source,
        revision: &'a str,
        dest: &'a Path,
    ) -> BoxFuture<'a, Result<(), SourceError>> {
        Box::pin(async move {
            match repository {
                Source::Git(repo) => {
                    let from = source::checkout(&self.client, repo, revision, &self.options, dest)
                        .await
                        .map_err(|source| SourceError::Git { source })?;
                    tracing::debug!(revision, from = ?from, "source revision checked out");
                }
                Source::Oci(repo) => {
                    source::oci::repository::checkout(&self.client, repo, revision, &self.options, dest)
                        .await
                        .map_err(|source| SourceError::Oci { source })?;
                }
            }
            Ok(())
        })
    }

    fn trees(&self) -> Option<&TreeCache> {
        self.trees.as_ref()
    }
}
