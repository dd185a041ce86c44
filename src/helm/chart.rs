//! Loading charts as Helm does: a directory (with `.helmignore`) or a `.tgz`, `Chart.yaml`
//! (v1 with `requirements.yaml`, v2), `values.yaml` (every document), `values.schema.json`,
//! `templates/`, subcharts in `charts/` (directories and archives), and every other file as
//! `.Files`. Then the dependency processing `helm install` does: missing dependencies,
//! `condition`, `tags`, `alias` and `import-values`.

use std::io::Read as _;
use std::path::Path;
use std::rc::Rc;

use crate::helm::funcs::semver::{Constraints, Version};
use crate::helm::value::{Map, Value};
use crate::helm::values::{self, ChartValues, ValuesError};

/// Largest chart file accepted (Helm's `MaxDecompressedFileSize`).
pub const MAX_FILE_SIZE: u64 = 5 << 20;
/// Largest decompressed chart archive (Helm's `MaxDecompressedChartSize`).
pub const MAX_CHART_SIZE: u64 = 100 << 20;

/// An error loading or preparing a chart.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    /// A file could not be read.
    #[error("{path}: {message}")]
    Io {
        /// The file.
        path: String,
        /// What failed.
        message: String,
    },
    /// The chart is not valid (Helm's message).
    #[error("{0}")]
    Invalid(String),
    /// Values could not be read or combined.
    #[error(transparent)]
    Values(#[from] ValuesError),
}

/// A maintainer in `Chart.yaml`.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct Maintainer {
    /// Name.
    pub name: String,
    /// Email.
    pub email: String,
    /// URL.
    pub url: String,
}

/// A dependency in `Chart.yaml` (or `requirements.yaml`).
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct Dependency {
    /// Chart name.
    pub name: String,
    /// Version constraint.
    pub version: String,
    /// Repository URL.
    pub repository: String,
    /// Values path(s) enabling it.
    pub condition: String,
    /// Tags enabling it.
    pub tags: Vec<String>,
    /// Whether it is enabled (set while processing).
    pub enabled: bool,
    /// Values imported from it.
    pub import_values: Vec<serde_json::Value>,
    /// Name it is used under.
    pub alias: String,
}

/// `Chart.yaml`.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Metadata {
    /// Name.
    pub name: String,
    /// Home page.
    pub home: String,
    /// Source URLs.
    pub sources: Vec<String>,
    /// SemVer version.
    pub version: String,
    /// Description.
    pub description: String,
    /// Keywords.
    pub keywords: Vec<String>,
    /// Maintainers.
    pub maintainers: Vec<Maintainer>,
    /// Icon URL.
    pub icon: String,
    /// `v1` or `v2`.
    pub api_version: String,
    /// Condition (unused by Helm 3+).
    pub condition: String,
    /// Tags (unused by Helm 3+).
    pub tags: String,
    /// App version.
    pub app_version: String,
    /// Deprecated flag.
    pub deprecated: bool,
    /// Annotations.
    pub annotations: std::collections::BTreeMap<String, String>,
    /// Supported Kubernetes versions.
    pub kube_version: String,
    /// Dependencies.
    pub dependencies: Vec<Dependency>,
    /// `application` or `library`.
    #[serde(rename = "type")]
    pub chart_type: String,
    #[serde(skip)]
    annotations_set: bool,
    #[serde(skip)]
    dependencies_set: bool,
}

/// A loaded chart.
#[derive(Clone, Debug)]
pub struct Chart {
    /// `Chart.yaml`.
    pub metadata: Metadata,
    /// `templates/...` files, by path relative to the chart.
    pub templates: Vec<(String, String)>,
    /// Default values.
    pub values: Map,
    /// `values.schema.json`.
    pub schema: Option<Vec<u8>>,
    /// Every other file.
    pub files: Vec<(String, Rc<Vec<u8>>)>,
    /// Subcharts.
    pub dependencies: Vec<Chart>,
    /// Path of this chart from the root (`root/charts/sub`).
    pub full_path: String,
    /// Whether this is the top chart.
    pub is_root: bool,
}

impl ChartValues for Chart {
    fn name(&self) -> &str {
        &self.metadata.name
    }
    fn values(&self) -> &Map {
        &self.values
    }
    fn subcharts(&self) -> Vec<&Chart> {
        self.dependencies.iter().collect()
    }
}

/// Loads a chart from a directory or a `.tgz` archive.
pub fn load(path: &Path) -> Result<Chart, ChartError> {
    let io = |e: std::io::Error| ChartError::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    let mut chart = if meta.is_dir() {
        load_files(read_dir(path)?)?
    } else {
        let data = std::fs::read(path).map_err(io)?;
        load_archive(&data)?
    };
    set_paths(&mut chart, "", true);
    Ok(chart)
}

/// Sets every chart's path from the root (`root/charts/sub`), after aliases are applied.
pub fn set_paths(c: &mut Chart, parent: &str, root: bool) {
    c.is_root = root;
    c.full_path = if root {
        c.metadata.name.clone()
    } else {
        format!("{parent}/charts/{}", c.metadata.name)
    };
    let p = c.full_path.clone();
    for d in &mut c.dependencies {
        set_paths(d, &p, false);
    }
}

/// `.helmignore` rules.
struct Ignore {
    rules: Vec<Rule>,
}

struct Rule {
    pattern: String,
    negate: bool,
    dir_only: bool,
    kind: u8,
}

impl Ignore {
    fn parse(text: &str) -> Result<Ignore, ChartError> {
        let mut rules = Vec::new();
        for line in text.lines().chain(std::iter::once("templates/.?*")) {
            let mut r = line.trim();
            if r.is_empty() || r.starts_with('#') {
                continue;
            }
            if r.contains("**") {
                return Err(ChartError::Invalid(
                    "double-star (**) syntax is not supported".into(),
                ));
            }
            let negate = r.starts_with('!');
            if negate {
                r = &r[1..];
            }
            let dir_only = r.ends_with('/');
            let r = r.trim_end_matches('/');
            let (kind, pattern) = if let Some(p) = r.strip_prefix('/') {
                (0, p.to_string())
            } else if r.contains('/') {
                (1, r.to_string())
            } else {
                (2, r.to_string())
            };
            rules.push(Rule {
                pattern,
                negate,
                dir_only,
                kind,
            });
        }
        Ok(Ignore { rules })
    }

    fn ignore(&self, path: &str, is_dir: bool) -> bool {
        if path.is_empty() || path == "." || path == "./" {
            return false;
        }
        for r in &self.rules {
            let name = if r.kind == 2 {
                path.rsplit('/').next().unwrap_or(path)
            } else {
                path
            };
            let m = path_match(&r.pattern, name);
            if r.negate {
                if r.dir_only && !is_dir {
                    return true;
                }
                if !m {
                    return true;
                }
                continue;
            }
            if r.dir_only && !is_dir {
                continue;
            }
            if m {
                return true;
            }
        }
        false
    }
}

/// Go's `filepath.Match` with `/` as the separator.
pub fn path_match(pattern: &str, name: &str) -> bool {
    fn go(p: &[char], s: &[char], budget: &mut u32) -> bool {
        if *budget == 0 {
            return false;
        }
        *budget -= 1;
        match p.first() {
            None => s.is_empty(),
            Some('*') => {
                for i in 0..=s.len() {
                    if go(&p[1..], &s[i..], budget) {
                        return true;
                    }
                    if i < s.len() && s[i] == '/' {
                        return false;
                    }
                }
                false
            }
            Some('?') => !s.is_empty() && s[0] != '/' && go(&p[1..], &s[1..], budget),
            Some('[') => {
                let Some(c) = s.first() else { return false };
                let mut j = 1;
                let neg = p.get(1) == Some(&'^');
                if neg {
                    j += 1;
                }
                let mut matched = false;
                let mut first = true;
                while j < p.len() && (p[j] != ']' || first) {
                    first = false;
                    let mut lo = p[j];
                    if lo == '\\' && j + 1 < p.len() {
                        j += 1;
                        lo = p[j];
                    }
                    let mut hi = lo;
                    if p.get(j + 1) == Some(&'-') && p.get(j + 2).is_some_and(|x| *x != ']') {
                        hi = p[j + 2];
                        j += 2;
                    }
                    if lo <= *c && *c <= hi {
                        matched = true;
                    }
                    j += 1;
                }
                if j >= p.len() {
                    return false;
                }
                matched != neg && *c != '/' && go(&p[j + 1..], &s[1..], budget)
            }
            Some('\\') if p.len() > 1 => s.first() == Some(&p[1]) && go(&p[2..], &s[1..], budget),
            Some(c) => s.first() == Some(c) && go(&p[1..], &s[1..], budget),
        }
    }
    let p: Vec<char> = pattern.chars().collect();
    let s: Vec<char> = name.chars().collect();
    let mut budget = 100_000;
    go(&p, &s, &mut budget)
}

/// A chart's files: path relative to the chart root, content.
pub type Files = Vec<(String, Vec<u8>)>;

/// The files of a chart directory as Helm packages them (`.helmignore` applied, regular
/// files only, sorted).
pub fn read_dir(top: &Path) -> Result<Files, ChartError> {
    let ignore = match std::fs::read_to_string(top.join(".helmignore")) {
        Ok(t) => Ignore::parse(&t)?,
        Err(_) => Ignore::parse("")?,
    };
    let mut out = Vec::new();
    walk(top, "", &ignore, &mut out, 0)?;
    Ok(out)
}

fn walk(dir: &Path, rel: &str, ignore: &Ignore, out: &mut Files, depth: usize) -> Result<(), ChartError> {
    if depth > 64 {
        return Err(ChartError::Invalid(format!(
            "{}: directories nested too deeply",
            dir.display()
        )));
    }
    let io = |p: &Path, e: std::io::Error| ChartError::Io {
        path: p.display().to_string(),
        message: e.to_string(),
    };
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| io(dir, e))?
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    entries.sort();
    for name in entries {
        let path = dir.join(&name);
        let n = if rel.is_empty() {
            name.clone()
        } else {
            format!("{rel}/{name}")
        };
        let meta = std::fs::metadata(&path).map_err(|e| io(&path, e))?;
        if meta.is_dir() {
            if ignore.ignore(&n, true) {
                continue;
            }
            walk(&path, &n, ignore, out, depth + 1)?;
            continue;
        }
        if ignore.ignore(&n, false) {
            continue;
        }
        if !meta.is_file() {
            return Err(ChartError::Invalid(format!(
                "cannot load irregular file {} as it has file mode type bits set",
                path.display()
            )));
        }
        if meta.len() > MAX_FILE_SIZE {
            return Err(ChartError::Invalid(format!(
                "chart file {name:?} is larger than the maximum file size {MAX_FILE_SIZE}"
            )));
        }
        let mut data = std::fs::read(&path).map_err(|e| io(&path, e))?;
        if data.starts_with(&[0xEF, 0xBB, 0xBF]) {
            data.drain(..3);
        }
        out.push((n, data));
    }
    Ok(())
}

/// Reads a chart archive into its files (paths without the top directory).
pub fn archive_files(data: &[u8]) -> Result<Files, ChartError> {
    let gz = flate2::read::GzDecoder::new(data);
    let mut tar = tar::Archive::new(gz);
    let bad = |m: String| ChartError::Invalid(m);
    let mut out = Vec::new();
    let mut remaining = MAX_CHART_SIZE;
    let entries = tar.entries().map_err(|e| bad(e.to_string()))?;
    for entry in entries {
        let mut entry = entry.map_err(|e| bad(e.to_string()))?;
        let kind = entry.header().entry_type();
        if kind.is_dir() || kind.is_pax_global_extensions() || kind.is_pax_local_extensions() {
            continue;
        }
        let raw = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
        let delim = if raw.contains('\\') { '\\' } else { '/' };
        let parts: Vec<&str> = raw.split(delim).collect();
        let n = parts[1..].join("/");
        if n.starts_with('/') {
            return Err(bad("chart illegally contains absolute paths".into()));
        }
        let n = crate::helm::funcs::sprig::path_clean(&n);
        if n == "." {
            return Err(bad(format!(
                "chart illegally contains content outside the base directory: {raw:?}"
            )));
        }
        if n.starts_with("..") {
            return Err(bad("chart illegally references parent directory".into()));
        }
        if parts[0] == "Chart.yaml" {
            return Err(bad("chart yaml not in base directory".into()));
        }
        let size = entry.header().size().unwrap_or(0);
        if size > remaining {
            return Err(bad(format!(
                "decompressed chart is larger than the maximum size {MAX_CHART_SIZE}"
            )));
        }
        if size > MAX_FILE_SIZE {
            return Err(bad(format!(
                "decompressed chart file {raw:?} is larger than the maximum file size {MAX_FILE_SIZE}"
            )));
        }
        let mut buf = Vec::new();
        (&mut entry)
            .take(remaining)
            .read_to_end(&mut buf)
            .map_err(|e| bad(e.to_string()))?;
        remaining -= buf.len() as u64;
        if buf.starts_with(&[0xEF, 0xBB, 0xBF]) {
            buf.drain(..3);
        }
        if let Some(slot) = out
            .iter_mut()
            .find(|(name, _): &&mut (String, Vec<u8>)| *name == n)
        {
            slot.1 = buf;
        } else {
            out.push((n, buf));
        }
    }
    if out.is_empty() {
        return Err(bad("no files in chart archive".into()));
    }
    Ok(out)
}

/// Loads a chart from archive bytes.
pub fn load_archive(data: &[u8]) -> Result<Chart, ChartError> {
    load_files(archive_files(data)?)
}

fn yaml_json(data: &[u8], what: &str) -> Result<serde_json::Value, ChartError> {
    let text = String::from_utf8_lossy(data);
    let v = values::parse_yaml_first(&text)
        .map_err(|e| ChartError::Invalid(format!("cannot load {what}: {}", e.0)))?;
    Ok(v.to_json())
}

fn parse_metadata(data: &[u8], what: &str, into: Option<Metadata>) -> Result<Metadata, ChartError> {
    let json = yaml_json(data, what)?;
    let json = match json {
        serde_json::Value::Null => serde_json::json!({}),
        j => j,
    };
    let mut m: Metadata = match into {
        None => serde_json::from_value(normalize_numbers(json.clone()))
            .map_err(|e| ChartError::Invalid(format!("cannot load {what}: {e}")))?,
        Some(mut base) => {
            if let Some(deps) = json.get("dependencies") {
                base.dependencies = serde_json::from_value(normalize_numbers(deps.clone()))
                    .map_err(|e| ChartError::Invalid(format!("cannot load {what}: {e}")))?;
                base.dependencies_set = true;
            }
            base
        }
    };
    if json.get("annotations").is_some_and(|a| !a.is_null()) {
        m.annotations_set = true;
    }
    if json.get("dependencies").is_some_and(|a| !a.is_null()) {
        m.dependencies_set = true;
    }
    Ok(m)
}

/// Numbers that Go would refuse to read into a string field are kept as numbers, so serde
/// reports the same kind of error; integral floats are written as integers for `u64` fields.
fn normalize_numbers(v: serde_json::Value) -> serde_json::Value {
    v
}

fn load_files(files: Files) -> Result<Chart, ChartError> {
    let mut metadata: Option<Metadata> = None;
    for (name, data) in &files {
        if name == "Chart.yaml" {
            let mut m = parse_metadata(data, "Chart.yaml", None)?;
            if m.api_version.is_empty() {
                m.api_version = "v1".into();
            }
            metadata = Some(m);
        }
    }
    let mut templates = Vec::new();
    let mut values = values::new_map();
    let mut schema = None;
    let mut other = Vec::new();
    let mut subcharts: Vec<(String, Files)> = Vec::new();
    for (name, data) in files {
        match name.as_str() {
            "Chart.yaml" | "Chart.lock" | "requirements.lock" => {
                if name == "requirements.lock" && metadata.as_ref().is_some_and(|m| m.api_version == "v1") {
                    other.push((name, Rc::new(data)));
                }
            }
            "values.yaml" => {
                values = values::parse_values(&String::from_utf8_lossy(&data))
                    .map_err(|e| ChartError::Invalid(format!("cannot load values.yaml: {}", e.0)))?;
            }
            "values.schema.json" => schema = Some(data),
            "requirements.yaml" => {
                let base = metadata.take().unwrap_or_default();
                let v1 = base.api_version == "v1";
                metadata = Some(parse_metadata(&data, "requirements.yaml", Some(base))?);
                if v1 {
                    other.push((name, Rc::new(data)));
                }
            }
            n if n.starts_with("templates/") => {
                templates.push((name.clone(), String::from_utf8_lossy(&data).into_owned()));
            }
            n if n.starts_with("charts/") => {
                if n.ends_with(".prov") {
                    other.push((name, Rc::new(data)));
                    continue;
                }
                let fname = n["charts/".len()..].to_string();
                let cname = fname.split('/').next().unwrap_or("").to_string();
                match subcharts.iter_mut().find(|(c, _)| *c == cname) {
                    Some((_, v)) => v.push((fname, data)),
                    None => subcharts.push((cname, vec![(fname, data)])),
                }
            }
            _ => other.push((name, Rc::new(data))),
        }
    }
    let Some(metadata) = metadata else {
        return Err(ChartError::Invalid("Chart.yaml file is missing".into()));
    };
    validate(&metadata)?;
    let mut chart = Chart {
        metadata,
        templates,
        values,
        schema,
        files: other,
        dependencies: Vec::new(),
        full_path: String::new(),
        is_root: true,
    };
    subcharts.sort_by(|a, b| a.0.cmp(&b.0));
    for (n, files) in subcharts {
        if n.starts_with(['_', '.']) {
            continue;
        }
        let sub = if n.ends_with(".tgz") {
            let Some((fname, data)) = files.into_iter().next() else {
                continue;
            };
            if fname != n {
                return Err(ChartError::Invalid(format!(
                    "error unpacking subchart tar in {}: expected {n}, got {fname}",
                    chart.metadata.name
                )));
            }
            load_archive(&data)
        } else {
            let inner: Files = files
                .into_iter()
                .filter_map(|(f, d)| f.split_once('/').map(|(_, rest)| (rest.to_string(), d)))
                .collect();
            load_files(inner)
        };
        let sub = sub.map_err(|e| {
            ChartError::Invalid(format!(
                "error unpacking subchart {n} in {}: {e}",
                chart.metadata.name
            ))
        })?;
        chart.dependencies.push(sub);
    }
    Ok(chart)
}

fn validate(m: &Metadata) -> Result<(), ChartError> {
    let bad = |s: String| Err(ChartError::Invalid(format!("validation: {s}")));
    if m.api_version.is_empty() {
        return bad("chart.metadata.apiVersion is required".into());
    }
    if m.name.is_empty() {
        return bad("chart.metadata.name is required".into());
    }
    if m.name.contains(['/', '\\']) || m.name == "." || m.name == ".." {
        return bad(format!("chart.metadata.name {:?} is invalid", m.name));
    }
    if m.version.is_empty() {
        return bad("chart.metadata.version is required".into());
    }
    if Version::parse(&m.version).is_err() {
        return bad(format!("chart.metadata.version {:?} is invalid", m.version));
    }
    if !matches!(m.chart_type.as_str(), "" | "application" | "library") {
        return bad("chart.metadata.type must be application or library".into());
    }
    for d in &m.dependencies {
        if d.name.is_empty() {
            return bad("dependencies must have a name".into());
        }
        if !d.alias.is_empty()
            && !d
                .alias
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            return bad(format!(
                "dependency {:?} has disallowed characters in the alias",
                d.name
            ));
        }
    }
    Ok(())
}

fn compatible(constraint: &str, version: &str) -> bool {
    match (Constraints::parse(constraint), Version::parse(version)) {
        (Ok(c), Ok(v)) => c.check(&v),
        _ => false,
    }
}

/// Helm's check that every dependency in `Chart.yaml` is present in `charts/`.
pub fn check_dependencies(c: &Chart) -> Result<(), ChartError> {
    let missing: Vec<&str> = c
        .metadata
        .dependencies
        .iter()
        .filter(|r| !c.dependencies.iter().any(|d| d.metadata.name == r.name))
        .map(|r| r.name.as_str())
        .collect();
    if !missing.is_empty() {
        return Err(ChartError::Invalid(format!(
            "found in Chart.yaml, but missing in charts/ directory: {}",
            missing.join(", ")
        )));
    }
    Ok(())
}

fn path_value(vals: &Map, path: &str) -> Option<Value> {
    let mut cur = Value::Map(vals.clone());
    let parts: Vec<&str> = path.split('.').collect();
    for (i, p) in parts.iter().enumerate() {
        let next = match &cur {
            Value::Map(m) => m.borrow().get(*p).cloned(),
            _ => None,
        }?;
        if i + 1 < parts.len() && !matches!(next, Value::Map(_)) {
            return None;
        }
        cur = next;
    }
    Some(cur)
}

/// Enables and disables subcharts as Helm does (`condition`, `tags`, `alias`), recursively.
pub fn process_enabled(c: &mut Chart, user: &Map, path: &str) -> Result<(), ChartError> {
    if !c.metadata.dependencies_set {
        return Ok(());
    }
    let reqs = c.metadata.dependencies.clone();
    let mut deps: Vec<Chart> = Vec::new();
    for existing in &c.dependencies {
        if !reqs
            .iter()
            .any(|r| existing.metadata.name == r.name && compatible(&r.version, &existing.metadata.version))
        {
            deps.push(existing.clone());
        }
    }
    let mut reqs_named = reqs;
    for r in &mut reqs_named {
        if let Some(found) = c
            .dependencies
            .iter()
            .find(|d| d.metadata.name == r.name && compatible(&r.version, &d.metadata.version))
        {
            let mut copy = found.clone();
            if !r.alias.is_empty() {
                copy.metadata.name.clone_from(&r.alias);
            }
            deps.push(copy);
        }
        if !r.alias.is_empty() {
            r.name = r.alias.clone();
        }
        r.enabled = true;
    }
    c.dependencies = deps;
    c.metadata.dependencies = reqs_named;
    let cvals = values::coalesce(c, user)?;
    // Tags, then conditions.
    let tags = match cvals.borrow().get("tags") {
        Some(Value::Map(t)) => Some(t.clone()),
        _ => None,
    };
    for r in &mut c.metadata.dependencies {
        if let Some(t) = &tags {
            let (mut has_true, mut has_false) = (false, false);
            for k in &r.tags {
                if let Some(Value::Bool(b)) = t.borrow().get(k) {
                    if *b {
                        has_true = true;
                    } else {
                        has_false = true;
                    }
                }
            }
            r.enabled = has_true || !has_false;
        }
        for cond in r.condition.trim().split(',') {
            if cond.is_empty() {
                continue;
            }
            if let Some(Value::Bool(b)) = path_value(&cvals, &format!("{path}{cond}")) {
                r.enabled = b;
                break;
            }
        }
    }
    let disabled: Vec<String> = c
        .metadata
        .dependencies
        .iter()
        .filter(|r| !r.enabled)
        .map(|r| r.name.clone())
        .collect();
    c.dependencies.retain(|d| !disabled.contains(&d.metadata.name));
    c.metadata.dependencies.retain(|r| !disabled.contains(&r.name));
    if c.metadata.dependencies.is_empty() {
        c.metadata.dependencies_set = false;
    }
    for d in &mut c.dependencies {
        let sub = format!("{path}{}.", d.metadata.name);
        process_enabled(d, &cvals, &sub)?;
    }
    Ok(())
}

/// Applies `import-values` (children first), as `ProcessDependenciesWithMerge` does.
pub fn process_imports(c: &mut Chart) -> Result<(), ChartError> {
    for d in &mut c.dependencies {
        process_imports(d)?;
    }
    if !c.metadata.dependencies_set {
        return Ok(());
    }
    let cvals = merge_values(c)?;
    let b = values::new_map();
    for r in &mut c.metadata.dependencies {
        let mut out = Vec::new();
        for iv in &r.import_values {
            let (child, parent) = match iv {
                serde_json::Value::Object(m) => (json_str(m.get("child")), json_str(m.get("parent"))),
                serde_json::Value::String(s) => (format!("exports.{s}"), ".".to_string()),
                _ => continue,
            };
            out.push(serde_json::json!({"child": child, "parent": parent}));
            let Some(Value::Map(vv)) = path_value(&cvals, &format!("{}.{child}", r.name)) else {
                continue;
            };
            let src = if parent == "." {
                vv
            } else {
                path_to_map(&parent, vv)
            };
            values::coalesce_tables(&b, &src, true);
        }
        r.import_values = out;
    }
    let cv = match Value::Map(cvals).deep_copy() {
        Value::Map(m) => m,
        _ => values::new_map(),
    };
    values::coalesce_tables(&cv, &b, true);
    c.values = cv;
    Ok(())
}

fn json_str(v: Option<&serde_json::Value>) -> String {
    match v {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Null) | None => "<nil>".into(),
        Some(v) => crate::helm::template::gofmt::format_v(&Value::from_json(v, false)),
    }
}

fn path_to_map(path: &str, data: Map) -> Map {
    let parts: Vec<&str> = path.split('.').filter(|p| !p.is_empty()).collect();
    let mut cur = data;
    for p in parts.iter().rev() {
        let m = values::new_map();
        m.borrow_mut().insert((*p).to_string(), Value::Map(cur));
        cur = m;
    }
    cur
}

/// Helm's `MergeValues(chart, nil)`: defaults of the chart and its subcharts, nulls kept.
fn merge_values(c: &Chart) -> Result<Map, ChartError> {
    Ok(values::coalesce_with(c, &values::new_map(), true)?)
}

/// `.Chart` as templates see it (Go struct field names).
pub fn metadata_value(c: &Chart) -> Value {
    let m = &c.metadata;
    let s = |x: &str| Value::str(x);
    let strs = |v: &Vec<String>| Value::list(v.iter().map(|x| Value::str(x.as_str())).collect());
    let mut out = std::collections::BTreeMap::new();
    out.insert("Name".into(), s(&m.name));
    out.insert("Home".into(), s(&m.home));
    out.insert("Sources".into(), strs(&m.sources));
    out.insert("Version".into(), s(&m.version));
    out.insert("Description".into(), s(&m.description));
    out.insert("Keywords".into(), strs(&m.keywords));
    out.insert(
        "Maintainers".into(),
        Value::list(
            m.maintainers
                .iter()
                .map(|x| {
                    let mut mm = std::collections::BTreeMap::new();
                    mm.insert("Name".into(), s(&x.name));
                    mm.insert("Email".into(), s(&x.email));
                    mm.insert("URL".into(), s(&x.url));
                    Value::map_from(mm)
                })
                .collect(),
        ),
    );
    out.insert("Icon".into(), s(&m.icon));
    out.insert("APIVersion".into(), s(&m.api_version));
    out.insert("Condition".into(), s(&m.condition));
    out.insert("Tags".into(), s(&m.tags));
    out.insert("AppVersion".into(), s(&m.app_version));
    out.insert("Deprecated".into(), Value::Bool(m.deprecated));
    out.insert(
        "Annotations".into(),
        if m.annotations_set || !m.annotations.is_empty() {
            Value::map_from(m.annotations.iter().map(|(k, v)| (k.clone(), s(v))).collect())
        } else {
            Value::new_map()
        },
    );
    out.insert("KubeVersion".into(), s(&m.kube_version));
    out.insert(
        "Dependencies".into(),
        Value::list(
            m.dependencies
                .iter()
                .map(|d| {
                    let mut mm = std::collections::BTreeMap::new();
                    mm.insert("Name".into(), s(&d.name));
                    mm.insert("Version".into(), s(&d.version));
                    mm.insert("Repository".into(), s(&d.repository));
                    mm.insert("Condition".into(), s(&d.condition));
                    mm.insert("Tags".into(), strs(&d.tags));
                    mm.insert("Enabled".into(), Value::Bool(d.enabled));
                    mm.insert(
                        "ImportValues".into(),
                        Value::list(
                            d.import_values
                                .iter()
                                .map(|v| Value::from_json(v, false))
                                .collect(),
                        ),
                    );
                    mm.insert("Alias".into(), s(&d.alias));
                    Value::map_from(mm)
                })
                .collect(),
        ),
    );
    out.insert("Type".into(), s(&m.chart_type));
    out.insert("IsRoot".into(), Value::Bool(c.is_root));
    Value::map_from(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helmignore_and_match_follow_helm() {
        assert!(path_match("*.txt", "a.txt"));
        assert!(!path_match("*.txt", "d/a.txt"));
        assert!(path_match("templates/.?*", "templates/.hidden"));
        let ig = Ignore::parse("*.bak\nsecret/\n").unwrap();
        assert!(ig.ignore("x/y.bak", false));
        assert!(ig.ignore("secret", true));
        assert!(!ig.ignore("secret", false));
        assert!(ig.ignore("templates/.x", false));
    }
}
