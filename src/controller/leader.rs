//! Leader election with a `coordination.k8s.io/v1` Lease, with the semantics of client-go's
//! elector (which upstream controllers use), so replicas never reconcile at the same time:
//!
//! * A candidate takes the Lease when it does not exist, has no holder, or was not renewed
//!   for `leaseDuration` — measured on the candidate's own clock from the moment it *saw*
//!   the record last change, so clock skew between machines does not matter.
//! * The leader renews every `retryPeriod`; if it cannot renew for `renewDeadline` (shorter
//!   than `leaseDuration`) it gives up leadership, before any standby may take over.
//! * Every write is a compare-and-swap on `resourceVersion`: two candidates never both win.
//! * On graceful shutdown the leader releases the Lease (empty holder) so a standby takes over
//!   at once instead of waiting for expiry.

use std::time::{Duration, Instant};

use k8s_openapi::api::coordination::v1::{Lease, LeaseSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{MicroTime, ObjectMeta};
use k8s_openapi::jiff::Timestamp;
use kube::Client;
use kube::api::{Api, PostParams};
use tokio::sync::watch;

use crate::cluster;

/// Default Lease name (one Lease per installation, in the controller's namespace).
pub const DEFAULT_LEASE_NAME: &str = "flux-rs-controller-leader-election";

/// How the election runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeaseOptions {
    /// Namespace of the Lease (`RUNTIME_NAMESPACE`).
    pub namespace: String,
    /// Name of the Lease.
    pub name: String,
    /// This candidate's identity (`<hostname>_<random>`), written as `holderIdentity`.
    pub identity: String,
    /// How long a standby waits after the last observed renewal before taking over.
    pub lease_duration: Duration,
    /// How long the leader keeps trying to renew before it gives up leadership.
    pub renew_deadline: Duration,
    /// How often candidates try to acquire, and the leader renews.
    pub retry_period: Duration,
}

/// Leader-election settings client-go would refuse: which flag and why.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{flag} {reason}")]
pub struct InvalidLease {
    /// The flag at fault.
    pub flag: &'static str,
    /// What it must be.
    pub reason: &'static str,
}

impl LeaseOptions {
    /// Checks `leaseDuration > renewDeadline > retryPeriod > 0`, as client-go requires.
    pub fn validate(&self) -> Result<(), InvalidLease> {
        if self.retry_period.is_zero() {
            return Err(InvalidLease {
                flag: "--leader-election-retry-period",
                reason: "must be greater than zero",
            });
        }
        if self.renew_deadline <= self.retry_period {
            return Err(InvalidLease {
                flag: "--leader-election-renew-deadline",
                reason: "must be greater than --leader-election-retry-period",
            });
        }
        if self.lease_duration <= self.renew_deadline {
            return Err(InvalidLease {
                flag: "--leader-election-lease-duration",
                reason: "must be greater than --leader-election-renew-deadline",
            });
        }
        if self.lease_duration.as_secs() < 1 {
            return Err(InvalidLease {
                flag: "--leader-election-lease-duration",
                reason: "must be at least 1s (the Lease stores whole seconds)",
            });
        }
        Ok(())
    }
}

/// A unique identity for this process: `host` (the CLI passes `HOSTNAME`, the Pod name in a
/// cluster; else the kernel's host name) and a random suffix, as controller-runtime does.
pub fn default_identity(host: Option<&str>) -> String {
    let host = host
        .filter(|h| !h.is_empty())
        .map(str::to_string)
        .or_else(|| {
            std::fs::read_to_string("/proc/sys/kernel/hostname")
                .ok()
                .map(|h| h.trim().to_string())
        })
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "flux-rs".to_string());
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let suffix = (super::schedule::random_unit() * f64::from(u32::MAX)) as u32;
    format!("{host}_{suffix:08x}")
}

/// What this process knows about the election.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Leadership {
    /// Not yet known (the first attempt has not completed).
    Unknown,
    /// Another candidate holds the Lease (or nobody, while we wait for our next attempt).
    Standby {
        /// The current holder, if any.
        holder: Option<String>,
    },
    /// This process holds the Lease.
    Leader,
    /// This process held the Lease and lost it (it must stop reconciling).
    Lost,
}

/// What to do with the Lease as read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    /// It does not exist: create it with us as holder.
    Create,
    /// We hold it: renew.
    Renew,
    /// It is free or expired: take it over.
    TakeOver,
    /// Someone else holds a valid Lease.
    Wait {
        /// The holder.
        holder: String,
    },
}

/// Decides from the Lease's holder and whether its record has expired on our clock.
pub fn decide(exists: bool, holder: Option<&str>, me: &str, expired: bool) -> Decision {
    match holder.filter(|h| !h.is_empty()) {
        _ if !exists => Decision::Create,
        Some(h) if h == me => Decision::Renew,
        None => Decision::TakeOver,
        Some(_) if expired => Decision::TakeOver,
        Some(h) => Decision::Wait {
            holder: h.to_string(),
        },
    }
}

/// The fields whose change means the holder is alive.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Record {
    holder: Option<String>,
    duration_secs: Option<i32>,
    renew_time: Option<MicroTime>,
    acquire_time: Option<MicroTime>,
    transitions: Option<i32>,
}

impl Record {
    fn of(lease: &Lease) -> Self {
        let spec = lease.spec.clone().unwrap_or_default();
        Record {
            holder: spec.holder_identity,
            duration_secs: spec.lease_duration_seconds,
            renew_time: spec.renew_time,
            acquire_time: spec.acquire_time,
            transitions: spec.lease_transitions,
        }
    }

    fn duration(&self) -> Duration {
        Duration::from_secs(u64::try_from(self.duration_secs.unwrap_or(0).max(0)).unwrap_or(0))
    }
}

/// Why leadership ended.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("leader election lost: {0}")]
pub struct Lost(pub String);

/// A candidate in the election.
pub struct Elector {
    api: Api<Lease>,
    opts: LeaseOptions,
    observed: Option<(Record, Instant)>,
    state: watch::Sender<Leadership>,
}

fn now() -> MicroTime {
    MicroTime(Timestamp::now())
}

impl Elector {
    /// A candidate with the options (nothing is sent until [`Elector::acquire`]).
    pub fn new(client: Client, opts: LeaseOptions) -> Self {
        let api = Api::namespaced(client, &opts.namespace);
        let (state, _) = watch::channel(Leadership::Unknown);
        Elector {
            api,
            opts,
            observed: None,
            state,
        }
    }

    /// The options.
    pub fn options(&self) -> &LeaseOptions {
        &self.opts
    }

    /// Follows this candidate's leadership state.
    pub fn subscribe(&self) -> watch::Receiver<Leadership> {
        self.state.subscribe()
    }

    fn set(&self, l: Leadership) {
        self.state.send_if_modified(|cur| {
            if *cur == l {
                false
            } else {
                *cur = l;
                true
            }
        });
    }

    fn lease_seconds(&self) -> i32 {
        i32::try_from(self.opts.lease_duration.as_secs()).unwrap_or(i32::MAX)
    }

    /// One attempt: reads the Lease and creates, renews or takes it over if allowed.
    /// `Ok(true)` when we hold it afterwards.
    pub async fn try_acquire_or_renew(&mut self) -> Result<bool, kube::Error> {
        let now_instant = Instant::now();
        let Some(lease) = self.api.get_opt(&self.opts.name).await? else {
            let lease = Lease {
                metadata: ObjectMeta {
                    name: Some(self.opts.name.clone()),
                    namespace: Some(self.opts.namespace.clone()),
                    ..ObjectMeta::default()
                },
                spec: Some(LeaseSpec {
                    holder_identity: Some(self.opts.identity.clone()),
                    lease_duration_seconds: Some(self.lease_seconds()),
                    acquire_time: Some(now()),
                    renew_time: Some(now()),
                    lease_transitions: Some(0),
                    ..LeaseSpec::default()
                }),
            };
            return match self.api.create(&PostParams::default(), &lease).await {
                Ok(created) => {
                    self.observed = Some((Record::of(&created), Instant::now()));
                    self.set(Leadership::Leader);
                    Ok(true)
                }
                Err(e) if cluster::is_conflict(&e) => Ok(false),
                Err(e) => Err(e),
            };
        };
        let record = Record::of(&lease);
        let changed = self.observed.as_ref().is_none_or(|(r, _)| *r != record);
        if changed {
            self.observed = Some((record.clone(), now_instant));
        }
        let observed_at = self.observed.as_ref().map_or(now_instant, |(_, at)| *at);
        let expired = observed_at + record.duration() <= now_instant;
        match decide(true, record.holder.as_deref(), &self.opts.identity, expired) {
            Decision::Wait { holder } => {
                if *self.state.borrow() == Leadership::Leader {
                    // Someone else holds it now: we lost it.
                    return Ok(false);
                }
                self.set(Leadership::Standby { holder: Some(holder) });
                Ok(false)
            }
            d @ (Decision::Renew | Decision::TakeOver | Decision::Create) => {
                let mut updated = lease.clone();
                let spec = updated.spec.get_or_insert_with(LeaseSpec::default);
                let was_mine = d == Decision::Renew;
                spec.holder_identity = Some(self.opts.identity.clone());
                spec.lease_duration_seconds = Some(self.lease_seconds());
                spec.renew_time = Some(now());
                if !was_mine {
                    spec.acquire_time = Some(now());
                    spec.lease_transitions = Some(spec.lease_transitions.unwrap_or(0).saturating_add(1));
                }
                match self
                    .api
                    .replace(&self.opts.name, &PostParams::default(), &updated)
                    .await
                {
                    Ok(written) => {
                        self.observed = Some((Record::of(&written), Instant::now()));
                        self.set(Leadership::Leader);
                        Ok(true)
                    }
                    Err(e) if cluster::is_conflict(&e) => Ok(false),
                    Err(e) => Err(e),
                }
            }
        }
    }

    /// Tries every `retryPeriod` (with up to 20% jitter) until this candidate holds the Lease.
    pub async fn acquire(&mut self) {
        loop {
            let attempt = tokio::time::timeout(self.opts.renew_deadline, self.try_acquire_or_renew()).await;
            match attempt {
                Ok(Ok(true)) => {
                    tracing::info!(lease = %self.opts.name, namespace = %self.opts.namespace,
                        identity = %self.opts.identity, "acquired the leader-election lease");
                    return;
                }
                Ok(Ok(false)) => {
                    if let Leadership::Standby { holder } = &*self.state.borrow() {
                        tracing::debug!(holder = ?holder, "the leader-election lease is held by another replica");
                    }
                }
                Ok(Err(e)) => {
                    tracing::warn!(error = %cluster::describe(&e), lease = %self.opts.name, "cannot acquire the leader-election lease");
                    if *self.state.borrow() == Leadership::Unknown {
                        self.set(Leadership::Standby { holder: None });
                    }
                }
                Err(_) => {
                    tracing::warn!(lease = %self.opts.name, "acquiring the leader-election lease timed out");
                }
            }
            let jitter = self
                .opts
                .retry_period
                .mul_f64(0.2 * super::schedule::random_unit());
            tokio::time::sleep(self.opts.retry_period + jitter).await;
        }
    }

    /// Renews the Lease every `retryPeriod` while leader; returns when leadership is lost
    /// (another holder, or no successful renewal within `renewDeadline`).
    pub async fn hold(&mut self) -> Lost {
        let mut last_renew = Instant::now();
        let lost = loop {
            tokio::time::sleep(self.opts.retry_period).await;
            let remaining = self.opts.renew_deadline.saturating_sub(last_renew.elapsed());
            if remaining.is_zero() {
                break Lost(format!(
                    "the lease could not be renewed within the renew deadline ({})",
                    crate::duration::format(self.opts.renew_deadline)
                ));
            }
            match tokio::time::timeout(remaining, self.try_acquire_or_renew()).await {
                Ok(Ok(true)) => last_renew = Instant::now(),
                Ok(Ok(false)) => {
                    let holder = self.observed.as_ref().and_then(|(r, _)| r.holder.clone());
                    break Lost(format!(
                        "the lease is held by {} now",
                        holder.as_deref().unwrap_or("another replica")
                    ));
                }
                Ok(Err(e)) => {
                    tracing::warn!(error = %cluster::describe(&e), "renewing the leader-election lease failed");
                }
                Err(_) => {
                    break Lost(format!(
                        "renewing the lease did not complete within the renew deadline ({})",
                        crate::duration::format(self.opts.renew_deadline)
                    ));
                }
            }
        };
        self.set(Leadership::Lost);
        tracing::error!(reason = %lost.0, "leader election lost");
        lost
    }

    /// Gives the Lease up (empty holder, 1s duration) if we hold it, so a standby takes over
    /// at once. Best effort: the Lease expires anyway.
    pub async fn release(&mut self) -> Result<(), kube::Error> {
        let Some(lease) = self.api.get_opt(&self.opts.name).await? else {
            return Ok(());
        };
        let holder = lease.spec.as_ref().and_then(|s| s.holder_identity.as_deref());
        if holder != Some(self.opts.identity.as_str()) {
            return Ok(());
        }
        let mut released = lease.clone();
        let spec = released.spec.get_or_insert_with(LeaseSpec::default);
        spec.holder_identity = None;
        spec.lease_duration_seconds = Some(1);
        spec.renew_time = Some(now());
        match self
            .api
            .replace(&self.opts.name, &PostParams::default(), &released)
            .await
        {
            Ok(_) => {
                tracing::info!(lease = %self.opts.name, "released the leader-election lease");
                self.set(Leadership::Standby { holder: None });
                Ok(())
            }
            Err(e) if cluster::is_conflict(&e) => Ok(()),
            Err(e) => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decisions_follow_client_go() {
        assert_eq!(decide(false, None, "me", false), Decision::Create);
        assert_eq!(
            decide(true, Some("me"), "me", true),
            Decision::Renew,
            "ours, even if late"
        );
        assert_eq!(decide(true, None, "me", false), Decision::TakeOver, "released");
        assert_eq!(
            decide(true, Some(""), "me", false),
            Decision::TakeOver,
            "released by a Go elector"
        );
        assert_eq!(
            decide(true, Some("other"), "me", true),
            Decision::TakeOver,
            "expired"
        );
        assert_eq!(
            decide(true, Some("other"), "me", false),
            Decision::Wait {
                holder: "other".into()
            }
        );
    }

    #[test]
    fn options_must_be_ordered() {
        let ok = LeaseOptions {
            namespace: "flux-system".into(),
            name: DEFAULT_LEASE_NAME.into(),
            identity: "a".into(),
            lease_duration: Duration::from_secs(35),
            renew_deadline: Duration::from_secs(30),
            retry_period: Duration::from_secs(5),
        };
        assert_eq!(ok.validate(), Ok(()));
        let bad = LeaseOptions {
            renew_deadline: Duration::from_secs(40),
            ..ok.clone()
        };
        assert!(
            bad.validate()
                .unwrap_err()
                .to_string()
                .contains("lease-duration must be greater")
        );
        let bad = LeaseOptions {
            retry_period: Duration::from_secs(30),
            ..ok.clone()
        };
        assert!(
            bad.validate()
                .unwrap_err()
                .to_string()
                .contains("renew-deadline must be greater")
        );
        let bad = LeaseOptions {
            retry_period: Duration::ZERO,
            ..ok
        };
        assert!(bad.validate().is_err());
    }

    #[test]
    fn identities_are_unique_per_process_start() {
        let a = default_identity(Some("pod-1"));
        let b = default_identity(Some("pod-1"));
        assert_ne!(a, b);
        assert!(a.starts_with("pod-1_"), "{a}");
        assert!(!default_identity(None).starts_with('_'));
    }
}
