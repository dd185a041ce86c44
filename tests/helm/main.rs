//! Golden conformance suite of the native Helm engine (`flux-rs helm template`).
//!
//! Each directory under `cases/` holds an `args` file (the arguments after `helm template`,
//! with paths relative to the case directory) and charts written for this project. A case
//! with `expected.yaml` must print byte for byte what Helm 4 (v4.2.3, through its Go SDK)
//! printed when `regen.sh` generated the file once; a case with `expected-error.txt` must
//! fail with that message. Neither Python, the SDK nor a `helm` binary is needed here.

#![allow(clippy::unwrap_used)]

mod fuzz;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

fn cases() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/helm/cases");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("cases directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("args").is_file())
        .collect();
    v.sort();
    v
}

/// Splits `args` as a shell would for plain words and single or double quotes.
fn split_args(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut has = false;
    let mut quote: Option<char> = None;
    for c in s.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => cur.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                has = true;
            }
            (None, c) if c.is_whitespace() => {
                if has {
                    out.push(std::mem::take(&mut cur));
                    has = false;
                }
            }
            (None, c) => {
                cur.push(c);
                has = true;
            }
        }
    }
    if has {
        out.push(cur);
    }
    out
}

fn run_case(case: &Path) -> std::process::Output {
    let args = split_args(&std::fs::read_to_string(case.join("args")).unwrap());
    Command::new(env!("CARGO_BIN_EXE_flux-rs"))
        .args(["helm", "template"])
        .args(&args)
        .current_dir(case)
        .env_remove("FLUX_SYSTEM_NAMESPACE")
        .output()
        .unwrap()
}

fn first_difference(want: &str, got: &str) -> String {
    let (w, g): (Vec<&str>, Vec<&str>) = (want.lines().collect(), got.lines().collect());
    for i in 0..w.len().max(g.len()) {
        if w.get(i) != g.get(i) {
            let mut s = String::new();
            for j in i.saturating_sub(3)..(i + 4).min(w.len().max(g.len())) {
                let _ = writeln!(s, "  {:>4} want | {}", j + 1, w.get(j).unwrap_or(&"<end>"));
                let _ = writeln!(s, "  {:>4} got  | {}", j + 1, g.get(j).unwrap_or(&"<end>"));
            }
            return s;
        }
    }
    "  (only the final newline differs)".into()
}

#[test]
fn golden_cases_match_helm_template_byte_for_byte() {
    let cases = cases();
    assert!(cases.len() >= 10, "the golden cases are missing");
    let mut failures = Vec::new();
    let mut checked = 0;
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let out = run_case(case);
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        if let Ok(want) = std::fs::read_to_string(case.join("expected.yaml")) {
            checked += 1;
            if !out.status.success() {
                failures.push(format!("{name}: failed: {stderr}"));
            } else if stdout != want {
                failures.push(format!(
                    "{name}: output differs:\n{}",
                    first_difference(&want, &stdout)
                ));
            }
        } else if let Ok(want) = std::fs::read_to_string(case.join("expected-error.txt")) {
            checked += 1;
            if out.status.success() {
                failures.push(format!("{name}: succeeded, Helm fails with: {want}"));
            } else if !stdout.is_empty() {
                failures.push(format!("{name}: printed output although it failed"));
            } else {
                for line in want.lines().filter(|l| !l.trim().is_empty()) {
                    if !stderr.contains(line.trim()) {
                        failures.push(format!("{name}: error {stderr:?} lacks {line:?}"));
                    }
                }
            }
        } else {
            failures.push(format!("{name}: neither expected.yaml nor expected-error.txt"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
