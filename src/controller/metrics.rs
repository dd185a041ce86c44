//! The controller's Prometheus metrics, rendered in the text exposition format (0.0.4) on
//! `/metrics`. Names follow the GitOps Toolkit (`gotk_`) metrics upstream controllers export:
//!
//! | metric | type | labels |
//! | --- | --- | --- |
//! | `gotk_reconcile_duration_seconds` | histogram | `kind`, `name`, `namespace` |
//! | `gotk_reconcile_total` | counter | `kind`, `result` (`success`, `failure`, `retry`, `stalled`, `dependency_not_ready`, `suspended`, `error`) |
//! | `gotk_reconcile_condition` | gauge | `kind`, `name`, `namespace`, `type` (`Ready`), `status` (`True`, `False`, `Unknown`) |
//! | `gotk_suspend_status` | gauge | `kind`, `name`, `namespace` |
//! | `leader_election_master_status` | gauge | `name` (the Lease) |
//! | `process_cpu_seconds_total`, `process_resident_memory_bytes`, `process_start_time_seconds` | | |
//!
//! Series of an object are removed when the object is deleted.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

/// Upper bounds (seconds) of the reconcile duration histogram buckets.
pub const DURATION_BUCKETS: [f64; 10] = [0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 10.0, 30.0, 60.0, 300.0];

/// Statuses reported by `gotk_reconcile_condition`.
const CONDITION_STATUSES: [&str; 3] = ["True", "False", "Unknown"];

type ObjectKey = (String, String, String);

#[derive(Clone, Debug, Default)]
struct Histogram {
    buckets: [u64; DURATION_BUCKETS.len()],
    sum: f64,
    count: u64,
}

#[derive(Debug, Default)]
struct Inner {
    durations: BTreeMap<ObjectKey, Histogram>,
    totals: BTreeMap<(String, String), u64>,
    conditions: BTreeMap<ObjectKey, String>,
    suspended: BTreeMap<ObjectKey, bool>,
    leader: Option<(String, bool)>,
}

/// The metrics registry of one controller process.
#[derive(Debug)]
pub struct Metrics {
    inner: Mutex<Inner>,
    started: SystemTime,
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics {
            inner: Mutex::default(),
            started: SystemTime::now(),
        }
    }
}

fn key(kind: &str, namespace: &str, name: &str) -> ObjectKey {
    (kind.to_string(), namespace.to_string(), name.to_string())
}

/// Escapes a label value (`\`, `"` and newlines).
pub fn escape_label(v: &str) -> String {
    v.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

fn fmt_f64(v: f64) -> String {
    if v.is_infinite() {
        if v > 0.0 { "+Inf".into() } else { "-Inf".into() }
    } else {
        format!("{v}")
    }
}

impl Metrics {
    /// A new, empty registry.
    pub fn new() -> Self {
        Self::default()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Records one reconciliation: its duration and its result.
    pub fn observe_reconcile(
        &self,
        kind: &str,
        namespace: &str,
        name: &str,
        elapsed: Duration,
        result: &str,
    ) {
        let secs = elapsed.as_secs_f64();
        let mut inner = self.lock();
        let h = inner.durations.entry(key(kind, namespace, name)).or_default();
        for (i, bound) in DURATION_BUCKETS.iter().enumerate() {
            if secs <= *bound {
                h.buckets[i] += 1;
            }
        }
        h.sum += secs;
        h.count += 1;
        *inner
            .totals
            .entry((kind.to_string(), result.to_string()))
            .or_default() += 1;
    }

    /// Counts a reconciliation result without a duration (a controller error before the
    /// object could be reconciled).
    pub fn count(&self, kind: &str, result: &str) {
        *self
            .lock()
            .totals
            .entry((kind.to_string(), result.to_string()))
            .or_default() += 1;
    }

    /// Records the status of the object's `Ready` condition.
    pub fn set_ready(&self, kind: &str, namespace: &str, name: &str, status: &str) {
        self.lock()
            .conditions
            .insert(key(kind, namespace, name), status.to_string());
    }

    /// Records whether the object is suspended.
    pub fn set_suspended(&self, kind: &str, namespace: &str, name: &str, suspended: bool) {
        self.lock()
            .suspended
            .insert(key(kind, namespace, name), suspended);
    }

    /// Removes the series of a deleted object.
    pub fn forget(&self, kind: &str, namespace: &str, name: &str) {
        let k = key(kind, namespace, name);
        let mut inner = self.lock();
        inner.durations.remove(&k);
        inner.conditions.remove(&k);
        inner.suspended.remove(&k);
    }

    /// Records whether this process holds the leader-election Lease `lease`.
    pub fn set_leader(&self, lease: &str, leader: bool) {
        self.lock().leader = Some((lease.to_string(), leader));
    }

    /// The total of `gotk_reconcile_total` for a kind and result.
    pub fn total(&self, kind: &str, result: &str) -> u64 {
        self.lock()
            .totals
            .get(&(kind.to_string(), result.to_string()))
            .copied()
            .unwrap_or_default()
    }

    /// Renders every metric in the Prometheus text format.
    pub fn render(&self) -> String {
        let inner = self.lock();
        let mut out = String::new();
        let obj_labels = |k: &ObjectKey| {
            format!(
                "kind=\"{}\",name=\"{}\",namespace=\"{}\"",
                escape_label(&k.0),
                escape_label(&k.2),
                escape_label(&k.1)
            )
        };

        out.push_str("# HELP gotk_reconcile_duration_seconds The duration in seconds of a GitOps Toolkit resource reconciliation.\n");
        out.push_str("# TYPE gotk_reconcile_duration_seconds histogram\n");
        for (k, h) in &inner.durations {
            let labels = obj_labels(k);
            for (i, bound) in DURATION_BUCKETS.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "gotk_reconcile_duration_seconds_bucket{{{labels},le=\"{}\"}} {}",
                    fmt_f64(*bound),
                    h.buckets[i]
                );
            }
            let _ = writeln!(
                out,
                "gotk_reconcile_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}",
                h.count
            );
            let _ = writeln!(
                out,
                "gotk_reconcile_duration_seconds_sum{{{labels}}} {}",
                fmt_f64(h.sum)
            );
            let _ = writeln!(
                out,
                "gotk_reconcile_duration_seconds_count{{{labels}}} {}",
                h.count
            );
        }

        out.push_str("# HELP gotk_reconcile_total Reconciliations by kind and result.\n");
        out.push_str("# TYPE gotk_reconcile_total counter\n");
        for ((kind, result), n) in &inner.totals {
            let _ = writeln!(
                out,
                "gotk_reconcile_total{{kind=\"{}\",result=\"{}\"}} {n}",
                escape_label(kind),
                escape_label(result)
            );
        }

        out.push_str("# HELP gotk_reconcile_condition The current condition status of a GitOps Toolkit resource reconciliation.\n");
        out.push_str("# TYPE gotk_reconcile_condition gauge\n");
        for (k, status) in &inner.conditions {
            let labels = obj_labels(k);
            for s in CONDITION_STATUSES {
                let v = u8::from(s == status);
                let _ = writeln!(
                    out,
                    "gotk_reconcile_condition{{{labels},type=\"Ready\",status=\"{s}\"}} {v}"
                );
            }
        }

        out.push_str("# HELP gotk_suspend_status The current suspend status of a GitOps Toolkit resource.\n");
        out.push_str("# TYPE gotk_suspend_status gauge\n");
        for (k, s) in &inner.suspended {
            let _ = writeln!(out, "gotk_suspend_status{{{}}} {}", obj_labels(k), u8::from(*s));
        }

        if let Some((lease, leader)) = &inner.leader {
            out.push_str("# HELP leader_election_master_status Whether this process holds the leader-election Lease (1) or not (0).\n");
            out.push_str("# TYPE leader_election_master_status gauge\n");
            let _ = writeln!(
                out,
                "leader_election_master_status{{name=\"{}\"}} {}",
                escape_label(lease),
                u8::from(*leader)
            );
        }
        drop(inner);
        self.render_process(&mut out);
        out
    }

    fn render_process(&self, out: &mut String) {
        let start = self
            .started
            .duration_since(SystemTime::UNIX_EPOCH)
            .map(|d| d.as_secs_f64())
            .unwrap_or_default();
        out.push_str(
            "# HELP process_start_time_seconds Start time of the process since unix epoch in seconds.\n",
        );
        out.push_str("# TYPE process_start_time_seconds gauge\n");
        let _ = writeln!(out, "process_start_time_seconds {}", fmt_f64(start.floor()));
        if let Some((cpu, rss)) = process_usage() {
            out.push_str(
                "# HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.\n",
            );
            out.push_str("# TYPE process_cpu_seconds_total counter\n");
            let _ = writeln!(out, "process_cpu_seconds_total {}", fmt_f64(cpu));
            out.push_str("# HELP process_resident_memory_bytes Resident memory size in bytes.\n");
            out.push_str("# TYPE process_resident_memory_bytes gauge\n");
            let _ = writeln!(out, "process_resident_memory_bytes {rss}");
        }
    }
}

/// CPU seconds (user + system) and resident bytes of this process, from `/proc` (Linux).
fn process_usage() -> Option<(f64, u64)> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses and may contain spaces).
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the line, i.e. 11 and 12 after `state`.
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    let rss_pages: u64 = fields.get(21)?.parse().ok()?;
    // The kernel's USER_HZ is 100 on every Linux architecture we build for; pages are 4 KiB
    // there too (statm would need the same assumption).
    #[allow(clippy::cast_precision_loss)]
    let cpu = (utime + stime) as f64 / 100.0;
    Some((cpu, rss_pages * 4096))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_histograms_counters_and_gauges() {
        let m = Metrics::new();
        m.observe_reconcile(
            "Kustomization",
            "apps",
            "web",
            Duration::from_millis(70),
            "success",
        );
        m.observe_reconcile("Kustomization", "apps", "web", Duration::from_secs(2), "failure");
        m.set_ready("Kustomization", "apps", "web", "False");
        m.set_suspended("Kustomization", "apps", "web", false);
        m.set_leader("flux-rs-controller-leader-election", true);
        m.count("GitRepository", "error");
        let text = m.render();
        let lines: Vec<&str> = text.lines().collect();
        let l = r#"kind="Kustomization",name="web",namespace="apps""#;
        for want in [
            format!(r#"gotk_reconcile_duration_seconds_bucket{{{l},le="0.05"}} 0"#),
            format!(r#"gotk_reconcile_duration_seconds_bucket{{{l},le="0.1"}} 1"#),
            format!(r#"gotk_reconcile_duration_seconds_bucket{{{l},le="1"}} 1"#),
            format!(r#"gotk_reconcile_duration_seconds_bucket{{{l},le="5"}} 2"#),
            format!(r#"gotk_reconcile_duration_seconds_bucket{{{l},le="+Inf"}} 2"#),
            format!(r"gotk_reconcile_duration_seconds_sum{{{l}}} 2.07"),
            format!(r"gotk_reconcile_duration_seconds_count{{{l}}} 2"),
            r#"gotk_reconcile_total{kind="Kustomization",result="failure"} 1"#.to_string(),
            r#"gotk_reconcile_total{kind="GitRepository",result="error"} 1"#.to_string(),
            format!(r#"gotk_reconcile_condition{{{l},type="Ready",status="False"}} 1"#),
            format!(r#"gotk_reconcile_condition{{{l},type="Ready",status="True"}} 0"#),
            format!(r"gotk_suspend_status{{{l}}} 0"),
            r#"leader_election_master_status{name="flux-rs-controller-leader-election"} 1"#.to_string(),
            "# TYPE gotk_reconcile_duration_seconds histogram".to_string(),
        ] {
            assert!(lines.contains(&want.as_str()), "missing {want}\n{text}");
        }
        assert_eq!(m.total("Kustomization", "success"), 1);
        assert!(text.contains("\nprocess_resident_memory_bytes "), "{text}");

        m.forget("Kustomization", "apps", "web");
        let text = m.render();
        assert!(!text.contains("name=\"web\""), "{text}");
        assert!(text.contains(r#"gotk_reconcile_total{kind="Kustomization",result="success"} 1"#));
    }

    #[test]
    fn label_values_are_escaped() {
        assert_eq!(escape_label("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    }

    #[test]
    fn process_usage_is_read_from_proc() {
        let (cpu, rss) = process_usage().expect("/proc/self/stat");
        assert!(cpu >= 0.0);
        assert!(rss > 1024 * 1024, "a test process uses more than 1 MiB: {rss}");
    }
}
