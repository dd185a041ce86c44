//! Helm's release records as its Secret storage driver keeps them, so `helm list`, `helm
//! history` and `helm get values` see releases flux-rs makes, and flux-rs reads releases
//! Helm made. Pure: records, their encoding and the Secret object, no client.
//!
//! A release revision is the Secret `sh.helm.release.v1.<name>.v<revision>` of type
//! `helm.sh/release.v1`, labelled `name`, `owner=helm`, `status`, `version` (and `createdAt`
//! when created, `modifiedAt` when updated, as Helm 4 does), whose `data.release` is the
//! release record as JSON, gzipped, then base64-encoded (the Secret's own base64 comes on top).

use std::collections::BTreeMap;
use std::io::{Read, Write};

use base64::Engine as _;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::chart::Chart;

/// The Secret type of a release record.
pub const SECRET_TYPE: &str = "helm.sh/release.v1";
/// The `owner` label Helm puts on its records.
pub const OWNER: &str = "helm";

/// Release statuses as Helm spells them.
pub mod status {
    /// The current release.
    pub const DEPLOYED: &str = "deployed";
    /// A release replaced by a newer one.
    pub const SUPERSEDED: &str = "superseded";
    /// A release whose install or upgrade failed.
    pub const FAILED: &str = "failed";
    /// An install under way.
    pub const PENDING_INSTALL: &str = "pending-install";
    /// An upgrade under way.
    pub const PENDING_UPGRADE: &str = "pending-upgrade";
    /// A rollback under way.
    pub const PENDING_ROLLBACK: &str = "pending-rollback";
    /// An uninstall under way.
    pub const UNINSTALLING: &str = "uninstalling";
    /// An uninstalled release kept in the history.
    pub const UNINSTALLED: &str = "uninstalled";
}

/// An error decoding a release record; the message names the record.
#[derive(Debug, thiserror::Error)]
#[error("release record {what}: {message}")]
pub struct StorageError {
    /// The Secret or record.
    pub what: String,
    /// What is wrong.
    pub message: String,
}

/// `release.Info`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Info {
    /// First deployment (RFC 3339 with nanoseconds, as Go writes `time.Time`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub first_deployed: String,
    /// Last deployment.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub last_deployed: String,
    /// Deletion time.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub deleted: String,
    /// A log line about the release (`Install complete`, `Upgrade complete`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// One of [`status`].
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub status: String,
    /// The rendered `NOTES.txt`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// Fields this version does not know, kept as they are.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `release.Release`: one revision of a release.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Release name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// Deployment information.
    #[serde(default)]
    pub info: Info,
    /// The chart: `metadata`, `lock`, `templates`, `values`, `schema`, `files` (kept as JSON,
    /// so a chart recorded by Helm survives a rewrite of its record).
    #[serde(default, skip_serializing_if = "Value::is_null")]
    pub chart: Value,
    /// The user-supplied values (`helm get values`).
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub config: Map<String, Value>,
    /// The rendered manifests, `---\n# Source: <path>\n<document>` each.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub manifest: String,
    /// The hooks (kept as JSON).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hooks: Vec<Value>,
    /// The revision.
    #[serde(default)]
    pub version: i64,
    /// The release namespace.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub namespace: String,
    /// `ssa` or `csa` (Helm 4).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub apply_method: String,
    /// Fields this version does not know, kept as they are.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Record {
    /// The chart's name from the recorded metadata.
    pub fn chart_name(&self) -> &str {
        self.chart["metadata"]["name"].as_str().unwrap_or_default()
    }

    /// The chart's version from the recorded metadata.
    pub fn chart_version(&self) -> &str {
        self.chart["metadata"]["version"].as_str().unwrap_or_default()
    }

    /// The chart's app version from the recorded metadata.
    pub fn app_version(&self) -> &str {
        self.chart["metadata"]["appVersion"].as_str().unwrap_or_default()
    }
}

/// The name of the Secret holding revision `version` of release `name`.
pub fn secret_name(name: &str, version: i64) -> String {
    format!("sh.helm.release.v1.{name}.v{version}")
}

/// The record as Helm stores it: JSON, gzipped, base64.
pub fn encode(record: &Record) -> Result<String, StorageError> {
    let json = serde_json::to_vec(record).map_err(|e| StorageError {
        what: secret_name(&record.name, record.version),
        message: e.to_string(),
    })?;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let io_err = |e: std::io::Error| StorageError {
        what: secret_name(&record.name, record.version),
        message: e.to_string(),
    };
    gz.write_all(&json).map_err(io_err)?;
    let bytes = gz.finish().map_err(io_err)?;
    Ok(base64::engine::general_purpose::STANDARD.encode(bytes))
}

/// Reads a record encoded by [`encode`] or by Helm (gzipped or, from old Helm versions, plain
/// JSON); `what` names it in errors.
pub fn decode(data: &[u8], what: &str) -> Result<Record, StorageError> {
    let err = |message: String| StorageError {
        what: what.to_string(),
        message,
    };
    let text: Vec<u8> = data
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(text)
        .map_err(|e| err(format!("not base64: {e}")))?;
    let json = if bytes.starts_with(&[0x1f, 0x8b, 0x08]) {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(bytes.as_slice())
            .take(256 << 20)
            .read_to_end(&mut out)
            .map_err(|e| err(format!("not gzip: {e}")))?;
        out
    } else {
        bytes
    };
    serde_json::from_slice(&json).map_err(|e| err(format!("not a release record: {e}")))
}

/// The labels of a record's Secret: Helm's system labels.
pub fn labels(record: &Record) -> BTreeMap<String, String> {
    BTreeMap::from([
        ("name".to_string(), record.name.clone()),
        ("owner".to_string(), OWNER.to_string()),
        ("status".to_string(), record.info.status.clone()),
        ("version".to_string(), record.version.to_string()),
    ])
}

/// The Secret holding `record` in `namespace`. `created_at` (Unix seconds) is set on a new
/// record, `modified_at` on an updated one, as Helm 4 labels them.
pub fn secret(
    record: &Record,
    namespace: &str,
    created_at: Option<i64>,
    modified_at: Option<i64>,
) -> Result<Value, StorageError> {
    let mut labels = labels(record);
    if let Some(t) = created_at {
        labels.insert("createdAt".into(), t.to_string());
    }
    if let Some(t) = modified_at {
        labels.insert("modifiedAt".into(), t.to_string());
    }
    let encoded = encode(record)?;
    Ok(json!({
        "apiVersion": "v1",
        "kind": "Secret",
        "metadata": {
            "name": secret_name(&record.name, record.version),
            "namespace": namespace,
            "labels": labels,
        },
        "type": SECRET_TYPE,
        "data": {"release": base64::engine::general_purpose::STANDARD.encode(encoded.as_bytes())},
    }))
}

/// Reads the record of a release Secret (as the API returns it: `data.release` base64).
pub fn from_secret(secret: &Value) -> Result<Record, StorageError> {
    let what = format!(
        "Secret/{}/{}",
        secret["metadata"]["namespace"].as_str().unwrap_or_default(),
        secret["metadata"]["name"].as_str().unwrap_or_default()
    );
    let Some(data) = secret["data"]["release"].as_str() else {
        return Err(StorageError {
            what,
            message: "no data.release".into(),
        });
    };
    let inner = base64::engine::general_purpose::STANDARD
        .decode(data)
        .map_err(|e| StorageError {
            what: what.clone(),
            message: format!("data.release is not base64: {e}"),
        })?;
    decode(&inner, &what)
}

/// The chart as a release record holds it (Go's JSON of `chart.Chart`: metadata with
/// `Chart.yaml`'s field names, files as `{name, data}` with base64 data).
pub fn chart_json(c: &Chart) -> Value {
    let b64 = |d: &[u8]| base64::engine::general_purpose::STANDARD.encode(d);
    let m = &c.metadata;
    let mut meta = Map::new();
    let mut put = |k: &str, v: Value| {
        let empty = match &v {
            Value::String(s) => s.is_empty(),
            Value::Array(a) => a.is_empty(),
            Value::Object(o) => o.is_empty(),
            Value::Bool(b) => !b,
            _ => false,
        };
        if !empty {
            meta.insert(k.to_string(), v);
        }
    };
    put("name", json!(m.name));
    put("home", json!(m.home));
    put("sources", json!(m.sources));
    put("version", json!(m.version));
    put("description", json!(m.description));
    put("keywords", json!(m.keywords));
    put(
        "maintainers",
        Value::Array(
            m.maintainers
                .iter()
                .map(|x| json!({"name": x.name, "email": x.email, "url": x.url}))
                .collect(),
        ),
    );
    put("icon", json!(m.icon));
    put("apiVersion", json!(m.api_version));
    put("condition", json!(m.condition));
    put("tags", json!(m.tags));
    put("appVersion", json!(m.app_version));
    put("deprecated", json!(m.deprecated));
    put("annotations", json!(m.annotations));
    put("kubeVersion", json!(m.kube_version));
    put(
        "dependencies",
        Value::Array(
            m.dependencies
                .iter()
                .map(|d| json!({"name": d.name, "version": d.version, "repository": d.repository}))
                .collect(),
        ),
    );
    put("type", json!(m.chart_type));
    let files = |list: Vec<(&str, &[u8])>| -> Value {
        Value::Array(
            list.into_iter()
                .map(|(n, d)| json!({"name": n, "data": b64(d)}))
                .collect(),
        )
    };
    json!({
        "metadata": meta,
        "lock": null,
        "templates": files(c.templates.iter().map(|(n, d)| (n.as_str(), d.as_bytes())).collect()),
        "values": go_numbers(super::value::Value::Map(c.values.clone()).to_json()),
        "schema": c.schema.as_deref().map(b64),
        "files": files(c.files.iter().map(|(n, d)| (n.as_str(), d.as_slice())).collect()),
    })
}

/// JSON numbers as Go's `encoding/json` writes a `float64`: integral values without a
/// fraction (`8080`, not `8080.0`).
pub fn go_numbers(v: Value) -> Value {
    match v {
        Value::Number(n) => match n.as_f64() {
            Some(f) if n.is_f64() && f.fract() == 0.0 && f.abs() < 1e15 =>
            {
                #[allow(clippy::cast_possible_truncation)]
                Value::from(f as i64)
            }
            _ => Value::Number(n),
        },
        Value::Array(a) => Value::Array(a.into_iter().map(go_numbers).collect()),
        Value::Object(m) => Value::Object(m.into_iter().map(|(k, v)| (k, go_numbers(v))).collect()),
        v => v,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> Record {
        Record {
            name: "web".into(),
            info: Info {
                first_deployed: "2026-01-02T03:04:05.123456789Z".into(),
                last_deployed: "2026-01-02T03:04:05.123456789Z".into(),
                description: "Install complete".into(),
                status: status::DEPLOYED.into(),
                ..Info::default()
            },
            chart: json!({"metadata": {"name": "web", "version": "1.0.0", "appVersion": "2"}, "templates": []}),
            config: json!({"replicas": 2}).as_object().unwrap().clone(),
            manifest: "---\n# Source: web/templates/cm.yaml\nkind: ConfigMap\n".into(),
            version: 3,
            namespace: "apps".into(),
            apply_method: "ssa".into(),
            ..Record::default()
        }
    }

    #[test]
    fn records_round_trip_through_the_secret() {
        let r = record();
        let s = secret(&r, "apps", Some(100), None).unwrap();
        assert_eq!(s["metadata"]["name"], "sh.helm.release.v1.web.v3");
        assert_eq!(s["type"], "helm.sh/release.v1");
        assert_eq!(
            s["metadata"]["labels"],
            json!({"name": "web", "owner": "helm", "status": "deployed", "version": "3", "createdAt": "100"})
        );
        let back = from_secret(&s).unwrap();
        assert_eq!(back, r);
        assert_eq!(back.chart_version(), "1.0.0");
        assert_eq!(back.app_version(), "2");
        // The stored bytes are base64 of gzip, inside the Secret's own base64.
        let inner = base64::engine::general_purpose::STANDARD
            .decode(s["data"]["release"].as_str().unwrap())
            .unwrap();
        let gz = base64::engine::general_purpose::STANDARD.decode(inner).unwrap();
        assert_eq!(&gz[..3], &[0x1f, 0x8b, 0x08]);
    }

    #[test]
    fn a_record_written_by_helm_is_read_and_its_unknown_fields_kept() {
        // data.release of a Secret written by Helm 4.2 (`helm install hello ./hello
        // --set greeting=hi`), as `kubectl get secret -o jsonpath='{.data.release}' | base64 -d`
        // prints it.
        let data = include_str!("../../tests/fixtures/helm/release-by-helm.b64");
        let r = decode(data.as_bytes(), "fixture").unwrap();
        assert_eq!(r.name, "hello");
        assert_eq!(r.version, 1);
        assert_eq!(r.namespace, "default");
        assert_eq!(r.info.status, "deployed");
        assert_eq!(r.info.description, "Install complete");
        assert_eq!(r.chart_name(), "hello");
        assert_eq!(r.chart_version(), "0.1.0");
        assert_eq!(r.config, *json!({"greeting": "hi"}).as_object().unwrap());
        assert!(
            r.manifest.contains("# Source: hello/templates/configmap.yaml"),
            "{}",
            r.manifest
        );
        // Re-encoding keeps every field, known or not.
        let again = decode(encode(&r).unwrap().as_bytes(), "again").unwrap();
        assert_eq!(again, r);
    }

    #[test]
    fn the_chart_is_recorded_as_helm_records_it() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/helm/hello");
        let chart = crate::helm::load(&dir).unwrap();
        let ours = chart_json(&chart);
        let data = include_str!("../../tests/fixtures/helm/release-by-helm.b64");
        let helms = decode(data.as_bytes(), "fixture").unwrap().chart;
        assert_eq!(ours["metadata"], helms["metadata"]);
        assert_eq!(ours["values"], helms["values"]);
        let names = |c: &Value| -> Vec<String> {
            c["templates"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t["name"].as_str().unwrap().to_string())
                .collect()
        };
        let (mut a, mut b) = (names(&ours), names(&helms));
        a.sort();
        b.sort();
        assert_eq!(a, b);
    }

    #[test]
    fn broken_records_are_errors_naming_the_record() {
        let e = decode(b"%%%", "Secret/apps/x").unwrap_err().to_string();
        assert!(e.starts_with("release record Secret/apps/x: not base64"), "{e}");
        let plain = base64::engine::general_purpose::STANDARD.encode(b"{\"name\": 3}");
        let e = decode(plain.as_bytes(), "Secret/apps/y").unwrap_err().to_string();
        assert!(e.contains("not a release record"), "{e}");
        let e = from_secret(&json!({"metadata": {"name": "s", "namespace": "n"}}))
            .unwrap_err()
            .to_string();
        assert_eq!(e, "release record Secret/n/s: no data.release");
    }
}
