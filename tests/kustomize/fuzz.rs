//! Fuzz-style property tests (deterministic pseudo-random inputs, no extra crates): the YAML
//! loader, the emitter, strategic merge and JSON patches must never panic, and what the
//! emitter writes must read back as the same document.

#![allow(clippy::unwrap_used)]

use std::path::Path;

use flux_rs::build::{jsonpatch, merge};
use serde_json::{Map, Value, json};

/// xorshift64*: small, deterministic, good enough to explore inputs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % (n as u64)).unwrap_or(0)
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Every manifest and kustomization of the golden cases, as seeds to mutate.
fn seeds() -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/kustomize/cases")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let p = e.path();
            if p.is_symlink() {
                continue;
            }
            if p.is_dir() {
                stack.push(p);
            } else if let Ok(text) = std::fs::read_to_string(&p) {
                out.push(text);
            }
        }
    }
    out.sort();
    out
}

const TOKENS: &[&str] = &[
    "a",
    "b: c",
    ": ",
    "- ",
    "\n",
    "\n  ",
    "  ",
    "\t",
    "{",
    "}",
    "[",
    "]",
    ",",
    "&x ",
    "*x",
    "!!str ",
    "!t ",
    "'",
    "\"",
    "|",
    ">",
    "|-",
    "#",
    "---\n",
    "...\n",
    "? ",
    "<<: *x",
    "~",
    "null",
    "yes",
    "0x1F",
    "1e3",
    ".nan",
    "2001-12-14",
    "\\",
    "\u{1F600}",
    "é",
    "\r\n",
    "%YAML 1.2\n",
    "%TAG ! tag:x:\n",
    "\u{feff}",
    "\0",
];

fn check_text(text: &str) {
    // Must not panic; errors are fine.
    if let Ok(values) = flux_rs::yaml::from_str_json(text) {
        for v in &values {
            let once = flux_rs::yaml::to_string(v);
            let back = flux_rs::yaml::from_str_json(&once).unwrap_or_else(|e| {
                panic!("emitter output does not parse ({e}):\n{once}\nfrom input:\n{text:?}")
            });
            assert_eq!(back.len(), 1, "{once}");
            let twice = flux_rs::yaml::to_string(&back[0]);
            assert_eq!(once, twice, "emitting is not stable for input {text:?}");
        }
    }
}

#[test]
fn yaml_loader_and_emitter_survive_mutated_manifests() {
    let seeds = seeds();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for round in 0..3000 {
        let mut bytes: Vec<char> = rng.pick(&seeds).chars().collect();
        for _ in 0..=rng.below(6) {
            let pos = if bytes.is_empty() {
                0
            } else {
                rng.below(bytes.len() + 1)
            };
            match rng.below(3) {
                0 => {
                    let t: Vec<char> = rng.pick(TOKENS).chars().collect();
                    bytes.splice(pos..pos, t);
                }
                1 if pos < bytes.len() => {
                    let end = (pos + 1 + rng.below(8)).min(bytes.len());
                    bytes.drain(pos..end);
                }
                _ if pos < bytes.len() => {
                    let c = *rng.pick(&[' ', ':', '-', '\n', '"', '\'', '{', '[', '#', 'x', '&', '*']);
                    bytes[pos] = c;
                }
                _ => {}
            }
        }
        let text: String = bytes.into_iter().collect();
        let _ = round;
        check_text(&text);
    }
}

#[test]
fn yaml_loader_survives_random_token_soup() {
    let mut rng = Rng(42);
    for _ in 0..3000 {
        let n = 1 + rng.below(40);
        let text: String = (0..n).map(|_| *rng.pick(TOKENS)).collect();
        check_text(&text);
    }
}

fn random_value(rng: &mut Rng, depth: usize) -> Value {
    const KEYS: &[&str] = &[
        "name",
        "containers",
        "env",
        "ports",
        "containerPort",
        "protocol",
        "volumes",
        "volumeMounts",
        "mountPath",
        "finalizers",
        "metadata",
        "spec",
        "template",
        "$patch",
        "value",
        "items",
        "$setElementOrder/containers",
    ];
    const STRINGS: &[&str] = &["a", "b", "main", "delete", "replace", "merge", "", "x y", "😀"];
    if depth == 0 {
        return match rng.below(6) {
            0 => Value::Null,
            1 => json!(rng.below(3) == 0),
            2 => json!(rng.below(100)),
            3 => json!(f64::from(u32::try_from(rng.below(1000)).unwrap_or(0)) / 8.0),
            _ => json!(rng.pick(STRINGS)),
        };
    }
    match rng.below(3) {
        0 => {
            let mut m = Map::new();
            for _ in 0..rng.below(5) {
                m.insert((*rng.pick(KEYS)).to_string(), random_value(rng, depth - 1));
            }
            Value::Object(m)
        }
        1 => Value::Array((0..rng.below(4)).map(|_| random_value(rng, depth - 1)).collect()),
        _ => random_value(rng, 0),
    }
}

#[test]
fn strategic_merge_never_panics_and_output_is_json() {
    let mut rng = Rng(7);
    for i in 0..5000 {
        let mut target = random_value(&mut rng, 5);
        let patch = random_value(&mut rng, 5);
        let ctx = merge::MergeCtx {
            kind: if i % 2 == 0 { "Deployment" } else { "Widget" },
            builtin: i % 3 != 0,
            schema: None,
        };
        let keep = merge::merge_object(&mut target, &patch, &ctx);
        if keep {
            // The merged value can always be printed and read back.
            check_text(&flux_rs::yaml::to_string(&target));
        }
    }
}

#[test]
fn json_patches_never_panic() {
    const PATHS: &[&str] = &[
        "", "/", "/a", "/a/0", "/a/-", "/name", "/spec/x", "/0", "/a~1b", "/~0", "/a/99",
    ];
    let mut rng = Rng(11);
    for _ in 0..5000 {
        let mut doc = random_value(&mut rng, 4);
        let ops: Vec<Value> = (0..=rng.below(3))
            .map(|_| {
                json!({
                    "op": rng.pick(&["add", "remove", "replace", "move", "copy", "test", "bogus"]),
                    "path": rng.pick(PATHS),
                    "from": rng.pick(PATHS),
                    "value": random_value(&mut rng, 2),
                })
            })
            .collect();
        if let Ok(parsed) = jsonpatch::parse(&Value::Array(ops)) {
            let before = doc.clone();
            if jsonpatch::apply(&mut doc, &parsed).is_err() {
                assert_eq!(doc, before, "a failed patch must leave the document unchanged");
            }
        }
    }
}
