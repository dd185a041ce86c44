//! The one-way layering of the top-level modules, checked: a test reads every `crate::x`
//! path in the code of each module (comments left out) and fails on an edge the table of
//! the crate documentation (`lib.rs`, "Layers") does not allow. The table is the single
//! list; `docs/architecture.md` shows the same rows.

#![cfg(test)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The allowed edges, read from the "Layers" table of `lib.rs`: rows `` | `module` | `a`, `b` | ``.
fn allowed(lib: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut out = BTreeMap::new();
    for line in lib.lines() {
        let Some(row) = line.strip_prefix("//! | `") else {
            continue;
        };
        let mut cells = row.split('|');
        let module = cells.next().unwrap_or_default().trim().trim_end_matches('`');
        let uses: BTreeSet<String> = cells
            .next()
            .unwrap_or_default()
            .split(',')
            .map(|s| s.trim().trim_matches('`').to_string())
            .filter(|s| !s.is_empty() && s != "—")
            .collect();
        out.insert(module.to_string(), uses);
    }
    out
}

fn rust_files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(path)
            .expect("read src")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .collect();
        entries.sort();
        for e in entries {
            rust_files(&e, out);
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        out.push(path.to_path_buf());
    }
}

/// The top-level modules a piece of code names through `crate::`, comments left out
/// (`use crate::{a, b::c}` names `a` and `b`).
fn named_modules(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let code: String = code
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    {
        let mut rest = code.as_str();
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                // Split the group at its top-level commas; each piece starts with a module.
                let mut depth = 0usize;
                let mut pieces = vec![String::new()];
                for c in group.chars() {
                    match c {
                        '{' => depth += 1,
                        '}' if depth == 0 => break,
                        '}' => depth -= 1,
                        ',' if depth == 0 => {
                            pieces.push(String::new());
                            continue;
                        }
                        _ => {}
                    }
                    if let Some(last) = pieces.last_mut() {
                        last.push(c);
                    }
                }
                for piece in pieces {
                    let ident: String = piece
                        .trim_start()
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    if !ident.is_empty() {
                        out.insert(ident);
                    }
                }
            } else {
                let ident: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !ident.is_empty() {
                    out.insert(ident);
                }
            }
        }
    }
    out
}

/// Every edge between top-level modules in the code under `src/`.
fn edges(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut files = Vec::new();
    rust_files(src, &mut files);
    for f in files {
        let rel = f.strip_prefix(src).expect("under src");
        let first = rel.components().next().expect("a component");
        let module = first
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        if matches!(module.as_str(), "lib" | "main" | "layers") {
            continue;
        }
        let code = std::fs::read_to_string(&f).expect("read a source file");
        let used = out.entry(module.clone()).or_default();
        used.extend(named_modules(&code).into_iter().filter(|m| *m != module));
    }
    out
}

#[test]
fn crate_paths_name_their_top_level_modules() {
    let named = named_modules(
        "use crate::{api, cluster::ObjectRef, source::{auth, git}};\n// crate::cli\nlet x = crate::yaml::to_string(v);\nuse crate::{\n    apply::Manager,\n    diff,\n};\n",
    );
    let want: BTreeSet<String> = ["api", "apply", "cluster", "diff", "source", "yaml"]
        .map(String::from)
        .into();
    assert_eq!(named, want);
}

#[test]
fn modules_use_only_the_layers_below_them() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let lib = std::fs::read_to_string(root.join("src/lib.rs")).expect("read lib.rs");
    let allowed = allowed(&lib);
    let actual = edges(&root.join("src"));
    let mut problems = Vec::new();
    for (module, uses) in &actual {
        let Some(ok) = allowed.get(module) else {
            problems.push(format!(
                "module `{module}` has no row in the Layers table of lib.rs"
            ));
            continue;
        };
        for u in uses.difference(ok) {
            problems.push(format!(
                "`{module}` uses `{u}`, which the Layers table does not allow"
            ));
        }
    }
    for (module, ok) in &allowed {
        let used = actual.get(module).cloned().unwrap_or_default();
        for unused in ok.difference(&used) {
            problems.push(format!(
                "the Layers table allows `{module}` → `{unused}`, which the code no longer needs: remove it"
            ));
        }
    }
    let doc = std::fs::read_to_string(root.join("docs/architecture.md")).expect("read docs/architecture.md");
    for line in lib.lines().filter_map(|l| l.strip_prefix("//! | `")) {
        if !doc.contains(&format!("| `{line}")) {
            problems.push(format!("docs/architecture.md lacks the row `| `{line}`"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Files below `cli` allowed to read the process environment, with the reason. Empty: every
/// variable is read in `cli` (clap `env =` or `cli::env`) and passed down as a value.
/// (kube's and libssh2's own loaders read `KUBECONFIG`, `HOME` and `SSH_AUTH_SOCK` inside
/// their crates; that is not code of this crate.)
const ENV_READERS: &[(&str, &str)] = &[];

/// The calls that read the process environment, in code (comments left out).
fn env_reads(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (n, line) in code.lines().enumerate() {
        if line.trim_start().starts_with("//") {
            continue;
        }
        for call in ["env::var(", "env::var_os(", "env::vars(", "env::vars_os("] {
            if line.contains(call) {
                out.push(format!("line {}: {}", n + 1, line.trim()));
            }
        }
    }
    out
}

#[test]
fn env_reads_are_found() {
    let code = "// std::env::var(\"A\")\nlet a = std::env::var_os(\"HOME\");\nuse std::env;\nlet b = env::var(\"X\");\n";
    assert_eq!(env_reads(code).len(), 2, "{:?}", env_reads(code));
}

#[test]
fn only_cli_reads_the_environment() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let src = root.join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut problems = Vec::new();
    for f in files {
        let rel = f
            .strip_prefix(&src)
            .expect("under src")
            .to_string_lossy()
            .to_string();
        if rel.starts_with("cli/") || rel == "main.rs" || rel == "layers.rs" {
            continue;
        }
        if ENV_READERS.iter().any(|(file, _)| *file == rel) {
            continue;
        }
        let code = std::fs::read_to_string(&f).expect("read a source file");
        for read in env_reads(&code) {
            problems.push(format!(
                "src/{rel} {read}: read the variable in `cli` and pass the value down"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
