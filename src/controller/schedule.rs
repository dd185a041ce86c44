//! When an object is reconciled next: `spec.interval` with jitter after a success, a growing
//! delay after consecutive failures (`spec.retryInterval` for Kustomizations), and the
//! bookkeeping of failures per object. Pure apart from the random source.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};
use std::sync::Mutex;
use std::time::Duration;

/// A random number in `[0, 1)` from the standard library's randomly seeded hasher (no extra
/// dependency; good enough for spreading requeues).
pub fn random_unit() -> f64 {
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| u64::from(d.subsec_nanos()))
            .unwrap_or_default(),
    );
    // 53 random bits: exactly representable in an f64 mantissa.
    #[allow(clippy::cast_precision_loss)]
    let unit = (h.finish() >> 11) as f64 / (1u64 << 53) as f64;
    unit
}

/// `interval` spread by up to ±`percent`% (`unit` in `[0, 1)` picks the point), as upstream's
/// `--interval-jitter-percentage` does, so objects created together do not reconcile in
/// lock-step.
pub fn jittered(interval: Duration, percent: u32, unit: f64) -> Duration {
    if percent == 0 || interval.is_zero() {
        return interval;
    }
    let p = f64::from(percent.min(100)) / 100.0;
    let factor = 1.0 + p * (2.0 * unit.clamp(0.0, 1.0) - 1.0);
    interval.mul_f64(factor.max(0.0))
}

/// The delay before retry number `failures` (1 = the first failure): `base`, doubled for every
/// further consecutive failure, never more than `cap` (and never less than `base`).
pub fn backoff(base: Duration, cap: Duration, failures: u32) -> Duration {
    let cap = cap.max(base);
    let exp = failures.saturating_sub(1).min(32);
    base.checked_mul(1u32 << exp.min(31)).map_or(cap, |d| d.min(cap))
}

/// Consecutive failures per object, forgotten on success or when the object's generation
/// changes (a fixed spec starts over from the shortest delay).
#[derive(Debug, Default)]
pub struct Failures {
    counts: Mutex<HashMap<String, (Option<i64>, u32)>>,
}

impl Failures {
    /// Records a failure of `key` at `generation`; returns the number of consecutive failures.
    pub fn fail(&self, key: &str, generation: Option<i64>) -> u32 {
        let mut counts = self
            .counts
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let entry = counts.entry(key.to_string()).or_insert((generation, 0));
        if entry.0 != generation {
            *entry = (generation, 0);
        }
        entry.1 = entry.1.saturating_add(1);
        entry.1
    }

    /// Forgets the failures of `key` (after a success, or when the object is gone).
    pub fn reset(&self, key: &str) {
        self.counts
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .remove(key);
    }

    /// Current count of consecutive failures of `key`.
    pub fn count(&self, key: &str) -> u32 {
        self.counts
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(key)
            .map_or(0, |e| e.1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jitter_stays_within_the_percentage() {
        let i = Duration::from_secs(100);
        assert_eq!(jittered(i, 5, 0.0), Duration::from_secs(95));
        assert_eq!(jittered(i, 5, 0.5), Duration::from_secs(100));
        assert!(jittered(i, 5, 0.999_999) <= Duration::from_secs(105));
        assert_eq!(jittered(i, 0, 0.9), i);
        for _ in 0..1000 {
            let d = jittered(i, 10, random_unit());
            assert!(
                d >= Duration::from_secs(90) && d <= Duration::from_secs(110),
                "{d:?}"
            );
        }
    }

    #[test]
    fn random_values_vary_and_stay_in_range() {
        let xs: Vec<f64> = (0..200).map(|_| random_unit()).collect();
        assert!(xs.iter().all(|x| (0.0..1.0).contains(x)));
        let distinct: std::collections::BTreeSet<u64> = xs.iter().map(|x| x.to_bits()).collect();
        assert!(distinct.len() > 190, "values repeat: {}", distinct.len());
        assert!(xs.iter().any(|x| *x < 0.5) && xs.iter().any(|x| *x >= 0.5));
    }

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let base = Duration::from_secs(30);
        let cap = Duration::from_secs(600);
        let got: Vec<u64> = (1..=7).map(|n| backoff(base, cap, n).as_secs()).collect();
        assert_eq!(got, [30, 60, 120, 240, 480, 600, 600]);
        assert_eq!(backoff(base, cap, 0), base, "no failure yet: the base delay");
        assert_eq!(backoff(base, cap, u32::MAX), cap, "no overflow");
        assert_eq!(
            backoff(Duration::from_secs(900), cap, 3),
            Duration::from_secs(900),
            "cap below base"
        );
    }

    #[test]
    fn failures_count_per_object_and_restart_with_a_new_generation() {
        let f = Failures::default();
        assert_eq!(f.fail("ns/a", Some(1)), 1);
        assert_eq!(f.fail("ns/a", Some(1)), 2);
        assert_eq!(f.fail("ns/b", Some(1)), 1);
        assert_eq!(f.fail("ns/a", Some(2)), 1, "a spec change starts over");
        f.reset("ns/a");
        assert_eq!(f.count("ns/a"), 0);
        assert_eq!(f.count("ns/b"), 1);
    }
}
