//! Waiting until an object is reconciled at its current generation: Ready=True with the
//! controller having observed the generation (kstatus `Current`), or a failure.

use std::time::Duration;

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
    /// Polls the object until it is ready at its current generation and returns it;
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
                    tokio::time::sleep(opts.poll_interval.min(deadline - now)).await;
                }
            }
        }
    }
}
