//! Waiting until an object is reconciled at its current generation: Ready=True with the
//! controller having observed the generation (kstatus `Current`), or a failure.
//!
//! Every wait reads the object again as soon as a watch of it reports a change, and at the
//! latest after the poll interval (so a watch that fails or is forbidden only slows it down).

use std::time::Duration;

use futures::StreamExt as _;
use futures::stream::BoxStream;
use kube::runtime::{WatchStreamExt as _, watcher};

use super::object::{FluxStatus, Readiness};
use super::{Error, FluxClient, FluxKind, LiveObject, Result};

/// How long and how often to look.
#[derive(Clone, Copy, Debug)]
pub struct WaitOptions {
    /// Give up after this long.
    pub timeout: Duration,
    /// Time between two reads.
    pub poll_interval: Duration,
}

impl Default for WaitOptions {
    fn default() -> Self {
        WaitOptions {
            timeout: Duration::from_secs(300),
            poll_interval: Duration::from_secs(1),
        }
    }
}

impl FluxClient {
    /// Reads the object until it is ready at its current generation and returns it;
    /// [`Error::Failed`] when it failed, [`Error::Timeout`] when the time is up,
    /// [`Error::NotFound`] when it disappeared.
    pub async fn wait_ready(
        &self,
        kind: FluxKind,
        namespace: &str,
        name: &str,
        opts: WaitOptions,
    ) -> Result<LiveObject> {
        let deadline = tokio::time::Instant::now() + opts.timeout;
        let mut changes = self.changes(kind, namespace, name).await?;
        loop {
            let obj = self.get(kind, namespace, name).await?;
            match obj.readiness() {
                Readiness::Ready => return Ok(obj),
                Readiness::Failed(message) => {
                    return Err(Error::Failed {
                        object: Box::new(obj.object_ref()),
                        message,
                    });
                }
                Readiness::Pending(message) => {
                    let now = tokio::time::Instant::now();
                    if now >= deadline {
                        return Err(Error::Timeout {
                            object: Box::new(obj.object_ref()),
                            timeout: opts.timeout,
                            message,
                        });
                    }
                    let _ =
                        tokio::time::timeout(opts.poll_interval.min(deadline - now), changes.next()).await;
                }
            }
        }
    }

    /// Yields whenever the object `namespace/name` of `kind` changes: a watch of it by name,
    /// its initial listing skipped (the caller reads the object itself). Errors are yielded
    /// too, paced by the watcher's backoff, so a broken watch never spins.
    pub(super) async fn changes(
        &self,
        kind: FluxKind,
        namespace: &str,
        name: &str,
    ) -> Result<BoxStream<'static, ()>> {
        let resource = self.require(kind).await?;
        let api = self.api(&resource, Some(namespace));
        Ok(watcher(
            api,
            watcher::Config::default().fields(&format!("metadata.name={name}")),
        )
        .default_backoff()
        .filter_map(|e| {
            let initial = matches!(
                e,
                Ok(watcher::Event::Init | watcher::Event::InitApply(_) | watcher::Event::InitDone)
            );
            std::future::ready((!initial).then_some(()))
        })
        .boxed())
    }
}
