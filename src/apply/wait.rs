//! Waiting for a set of objects to become healthy (kstatus `Current`), bounded by a timeout.

use super::health::{Health, health};
use super::live::Live;
use super::{Error, Manager, Result, WaitOptions};
use crate::cluster::{ObjectRef, ResourceInfo};

impl Manager {
    /// Waits until every object is healthy ([`health`] says `Current`), reading them every
    /// `opts.interval` (one LIST per kind and namespace where possible). Fails when the
    /// timeout expires — or, with `fail_fast`, as soon as an object is `Failed` — with
    /// [`Error::Unhealthy`] naming each object that is not healthy and why.
    pub async fn wait_for_health(&self, objects: &[ObjectRef], opts: &WaitOptions) -> Result<()> {
        self.wait_until_current(objects, opts, true).await
    }

    pub(crate) async fn wait_until_current(
        &self,
        objects: &[ObjectRef],
        opts: &WaitOptions,
        report: bool,
    ) -> Result<()> {
        let deadline = tokio::time::Instant::now() + opts.timeout;
        let mut infos: Vec<Option<ResourceInfo>> = vec![None; objects.len()];
        loop {
            for (r, info) in objects.iter().zip(infos.iter_mut()) {
                if info.is_none() {
                    *info = self.discovery.resolve(&r.api_version(), &r.kind).await?;
                }
            }
            let known: Vec<(usize, (&ObjectRef, &ResourceInfo))> = objects
                .iter()
                .zip(&infos)
                .enumerate()
                .filter_map(|(i, (r, info))| info.as_ref().map(|info| (i, (r, info))))
                .collect();
            let pairs: Vec<(&ObjectRef, &ResourceInfo)> = known.iter().map(|(_, p)| *p).collect();
            let lives = self.fetch_live(&pairs, true).await;
            let mut states: Vec<Option<Health>> = vec![None; objects.len()];
            let mut notes: Vec<String> = vec![String::new(); objects.len()];
            for ((i, _), live) in known.iter().zip(lives) {
                match live {
                    Live::Found(v) => states[*i] = Some(health(&v)),
                    Live::Missing => notes[*i] = "NotFound: the object does not exist".into(),
                    Live::Unknown(m) => {
                        notes[*i] = format!("Unknown: {}", m.unwrap_or_else(|| "could not be read".into()));
                    }
                }
            }
            for (i, info) in infos.iter().enumerate() {
                if info.is_none() {
                    notes[i] = format!("NotFound: the server does not serve kind {}", objects[i].kind);
                }
            }
            let mut pending = Vec::new();
            let mut failed = Vec::new();
            for (i, r) in objects.iter().enumerate() {
                match &states[i] {
                    Some(Health::Current) => {}
                    Some(h @ Health::Failed(_)) => {
                        failed.push((r.clone(), h.to_string()));
                        pending.push((r.clone(), h.to_string()));
                    }
                    Some(h) => pending.push((r.clone(), h.to_string())),
                    None => pending.push((r.clone(), notes[i].clone())),
                }
            }
            if report {
                self.report(|p| {
                    p.waiting(pending.len(), objects.len());
                    p.pending(&pending);
                });
            }
            if pending.is_empty() {
                return Ok(());
            }
            if opts.fail_fast && !failed.is_empty() {
                return Err(Error::Unhealthy {
                    after: None,
                    objects: failed,
                });
            }
            let now = tokio::time::Instant::now();
            if now >= deadline {
                return Err(Error::Unhealthy {
                    after: Some(opts.timeout),
                    objects: pending,
                });
            }
            tokio::time::sleep(opts.interval.min(deadline - now)).await;
        }
    }
}
