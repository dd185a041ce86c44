//! Golden conformance suite of the native kustomize engine.
//!
//! Each directory under `cases/` is a tree written for this project. A case with
//! `expected.yaml` is built (the directory named in `build`, else the case root, with the case
//! directory as the file-system root) and must print byte for byte what `kubectl kustomize`
//! (kustomize v5.5.0) printed when `regen.sh` generated the file once. A case with
//! `expected-error.txt` must fail, with every line of that file in the message. No cluster and
//! no kubectl are needed.

#![allow(clippy::unwrap_used)]

mod fuzz;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use flux_rs::build::{self, Options};

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/kustomize/cases")
}

fn cases() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(cases_dir())
        .expect("cases directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    v.sort();
    v
}

fn build_case(case: &Path) -> Result<String, build::Error> {
    let dir = std::fs::read_to_string(case.join("build"))
        .map_or_else(|_| ".".to_string(), |s| s.trim().to_string());
    let objects = build::kustomize(case, &case.join(dir), &Options::default())?;
    Ok(build::render(&objects))
}

/// The first differing lines, for a readable failure.
fn first_difference(want: &str, got: &str) -> String {
    let (w, g): (Vec<&str>, Vec<&str>) = (want.lines().collect(), got.lines().collect());
    for i in 0..w.len().max(g.len()) {
        let (a, b) = (w.get(i), g.get(i));
        if a != b {
            let from = i.saturating_sub(3);
            let mut s = String::new();
            for j in from..(i + 4).min(w.len().max(g.len())) {
                let _ = writeln!(s, "  {:>4} want | {}", j + 1, w.get(j).unwrap_or(&"<end>"));
                let _ = writeln!(s, "  {:>4} got  | {}", j + 1, g.get(j).unwrap_or(&"<end>"));
            }
            return s;
        }
    }
    "  (only line endings differ)".into()
}

#[test]
fn golden_cases_match_kustomize_byte_for_byte() {
    let mut failures = Vec::new();
    let mut golden = 0;
    for case in cases() {
        let name = case
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let expected = case.join("expected.yaml");
        if !expected.exists() {
            continue;
        }
        golden += 1;
        let want = std::fs::read_to_string(&expected).expect("read expected.yaml");
        match build_case(&case) {
            Ok(got) if got == want => {}
            Ok(got) => failures.push(format!(
                "{name}: output differs\n{}",
                first_difference(&want, &got)
            )),
            Err(e) => failures.push(format!("{name}: build failed: {e}")),
        }
    }
    assert!(
        golden >= 60,
        "the suite must have at least 60 golden cases, found {golden}"
    );
    assert!(
        failures.is_empty(),
        "{} of {golden} golden cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn error_cases_fail_with_clear_messages() {
    let mut failures = Vec::new();
    let mut count = 0;
    for case in cases() {
        let name = case
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let Ok(expected) = std::fs::read_to_string(case.join("expected-error.txt")) else {
            continue;
        };
        count += 1;
        match build_case(&case) {
            Ok(_) => failures.push(format!("{name}: the build succeeded but must fail")),
            Err(e) => {
                let msg = e.to_string();
                for fragment in expected.lines().filter(|l| !l.is_empty()) {
                    if !msg.contains(fragment) {
                        failures.push(format!("{name}: message {msg:?} lacks {fragment:?}"));
                    }
                }
            }
        }
    }
    assert!(count >= 10, "expected at least 10 error cases, found {count}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn builds_are_deterministic() {
    // Two builds of the largest overlay give the same bytes (no hash-map order leaks).
    let case = cases_dir().join("32-multi-level-overlays");
    assert_eq!(build_case(&case).ok(), build_case(&case).ok());
}
