//! Flux's OCI artifacts ("Gitless GitOps"): one `tar+gzip` layer of
//! `application/vnd.cncf.flux.content.v1.tar+gzip`, a `{}` config of
//! `application/vnd.cncf.flux.config.v1+json`, and the manifest annotations
//! `org.opencontainers.image.source`, `.revision` and `.created` — so artifacts pushed by
//! upstream's `flux push artifact` and by flux-rs are interchangeable.

use std::collections::BTreeMap;
use std::path::Path;

use bytes::Bytes;
use serde_json::{Value, json};

use super::registry::{self, OCI_MANIFEST, Registry, RegistryError};
use super::{
    CREATED_ANNOTATION, FLUX_CONFIG_MEDIA_TYPE, FLUX_CONTENT_MEDIA_TYPE, OciRef, REVISION_ANNOTATION,
    SOURCE_ANNOTATION,
};

/// What `push` packs and annotates.
#[derive(Clone, Debug, Default)]
pub struct PushOptions {
    /// `org.opencontainers.image.source`.
    pub source: String,
    /// `org.opencontainers.image.revision`.
    pub revision: String,
    /// Extra annotations (`key=value` from `--annotations`).
    pub annotations: BTreeMap<String, String>,
    /// Paths left out (gitignore syntax).
    pub ignore_paths: Vec<String>,
    /// `org.opencontainers.image.created`; `None`: now.
    pub created: Option<String>,
}

/// A pushed artifact.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pushed {
    /// Manifest digest.
    pub digest: String,
    /// Size of the layer in bytes.
    pub layer_size: u64,
}

/// The manifest fields flux-rs reads.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ManifestInfo {
    /// Manifest digest.
    pub digest: String,
    /// Manifest annotations.
    pub annotations: BTreeMap<String, String>,
    /// Layers: (media type, digest, size).
    pub layers: Vec<(String, String, u64)>,
}

impl ManifestInfo {
    /// `org.opencontainers.image.source`, or empty.
    pub fn source(&self) -> &str {
        self.annotations.get(SOURCE_ANNOTATION).map_or("", String::as_str)
    }

    /// `org.opencontainers.image.revision`, or empty.
    pub fn revision(&self) -> &str {
        self.annotations
            .get(REVISION_ANNOTATION)
            .map_or("", String::as_str)
    }
}

/// Parses an image manifest (an index is refused: Flux artifacts are single manifests).
pub fn parse_manifest(m: &registry::Manifest, what: &str) -> Result<ManifestInfo, RegistryError> {
    let v: Value = serde_json::from_slice(&m.bytes)
        .map_err(|e| RegistryError::Protocol(format!("{what}: the manifest is not JSON: {e}")))?;
    let media = v["mediaType"].as_str().unwrap_or(&m.media_type);
    if media.contains("index") || media.contains("manifest.list") {
        return Err(RegistryError::Protocol(format!(
            "{what}: {media} is an image index, not an artifact manifest"
        )));
    }
    let layers = v["layers"]
        .as_array()
        .ok_or_else(|| RegistryError::Protocol(format!("{what}: the manifest has no layers")))?
        .iter()
        .map(|l| {
            let digest = l["digest"].as_str().unwrap_or_default().to_string();
            if !super::reference::valid_digest(&digest) {
                return Err(RegistryError::Protocol(format!(
                    "{what}: a layer has an unsupported digest {digest:?}"
                )));
            }
            Ok((
                l["mediaType"].as_str().unwrap_or_default().to_string(),
                digest,
                l["size"].as_u64().unwrap_or(0),
            ))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let annotations = v["annotations"]
        .as_object()
        .map(|o| {
            o.iter()
                .filter_map(|(k, v)| v.as_str().map(|s| (k.clone(), s.to_string())))
                .collect()
        })
        .unwrap_or_default();
    Ok(ManifestInfo {
        digest: m.digest.clone(),
        annotations,
        layers,
    })
}

/// The manifest of `reference` (its tag or digest, `latest` when neither).
pub async fn manifest(registry: &Registry, reference: &OciRef) -> Result<ManifestInfo, RegistryError> {
    let m = registry
        .manifest(&reference.repository, reference.manifest_reference())
        .await?;
    parse_manifest(&m, &reference.to_string())
}

/// Packs `path` and pushes it as a Flux artifact to `reference` (which needs a tag);
/// `progress` gets (bytes done, total) of the layer upload.
pub async fn push(
    registry: &Registry,
    reference: &OciRef,
    path: &Path,
    opts: &PushOptions,
) -> Result<Pushed, RegistryError> {
    let tag = reference
        .tag
        .clone()
        .ok_or_else(|| RegistryError::Protocol(format!("{reference}: a tag is required to push")))?;
    let path2 = path.to_path_buf();
    let ignore = opts.ignore_paths.clone();
    let layer = tokio::task::spawn_blocking(move || super::pack(&path2, &ignore))
        .await
        .map_err(|source| RegistryError::Task {
            what: "packing",
            source,
        })?
        .map_err(|source| RegistryError::Io {
            what: format!("cannot pack {}", path.display()),
            source,
        })?;
    let layer_size = layer.len() as u64;
    let config = Bytes::from_static(b"{}");
    let config_digest = registry.push_blob(&reference.repository, config.clone()).await?;
    let layer_digest = registry
        .push_blob(&reference.repository, Bytes::from(layer))
        .await?;
    let mut annotations: BTreeMap<String, String> = opts.annotations.clone();
    annotations.insert(
        CREATED_ANNOTATION.into(),
        opts.created.clone().unwrap_or_else(crate::api::meta::now_rfc3339),
    );
    if !opts.source.is_empty() {
        annotations.insert(SOURCE_ANNOTATION.into(), opts.source.clone());
    }
    if !opts.revision.is_empty() {
        annotations.insert(REVISION_ANNOTATION.into(), opts.revision.clone());
    }
    let manifest = json!({
        "schemaVersion": 2,
        "mediaType": OCI_MANIFEST,
        "config": {"mediaType": FLUX_CONFIG_MEDIA_TYPE, "digest": config_digest, "size": config.len()},
        "layers": [{"mediaType": FLUX_CONTENT_MEDIA_TYPE, "digest": layer_digest, "size": layer_size}],
        "annotations": annotations,
    });
    let bytes = Bytes::from(serde_json::to_vec(&manifest).unwrap_or_default());
    let digest = registry
        .push_manifest(&reference.repository, &tag, OCI_MANIFEST, bytes)
        .await?;
    Ok(Pushed { digest, layer_size })
}

/// The layer to use: the first with `media_type` when given, else the first.
pub fn select_layer<'a>(
    info: &'a ManifestInfo,
    media_type: Option<&str>,
    what: &str,
) -> Result<&'a (String, String, u64), RegistryError> {
    match media_type.filter(|m| !m.is_empty()) {
        Some(mt) => info.layers.iter().find(|l| l.0 == mt).ok_or_else(|| {
            RegistryError::NotFound(format!("{what}: no layer with media type {mt:?} in the artifact"))
        }),
        None => info
            .layers
            .first()
            .ok_or_else(|| RegistryError::NotFound(format!("{what}: the artifact has no layers"))),
    }
}

/// Pulls the artifact's layer (by media type, default the first) and extracts it into
/// `output` (created if missing). Links leaving the tree, absolute paths and `..` are
/// refused; the layer's digest is checked and its size bounded by `limit`.
pub async fn pull(
    registry: &Registry,
    reference: &OciRef,
    media_type: Option<&str>,
    output: &Path,
    limit: u64,
    progress: &(dyn Fn(u64) + Send + Sync),
) -> Result<ManifestInfo, RegistryError> {
    let info = manifest(registry, reference).await?;
    let what = reference.to_string();
    let (_, digest, size) = select_layer(&info, media_type, &what)?.clone();
    if size > limit {
        return Err(RegistryError::TooLarge(format!(
            "{what}: the layer ({size} bytes) is larger than the limit of {limit} bytes"
        )));
    }
    let tmp = tempfile::Builder::new()
        .prefix("flux-rs-pull-")
        .tempdir()
        .map_err(|source| RegistryError::Io {
            what: "cannot create a temporary directory".into(),
            source,
        })?;
    let blob = tmp.path().join("layer.tar.gz");
    registry
        .blob_to_file(&reference.repository, &digest, limit, &blob, progress)
        .await?;
    let out = output.to_path_buf();
    let digest2 = digest.clone();
    tokio::task::spawn_blocking(move || crate::source::archive::extract(&blob, &digest2, &out))
        .await
        .map_err(|source| RegistryError::Task {
            what: "extraction",
            source,
        })?
        .map_err(|source| RegistryError::Extract {
            what: format!("{what}: cannot extract layer {digest}"),
            source,
        })?;
    Ok(info)
}

/// Tags the manifest of `reference` with `tag` (no blob is transferred).
pub async fn tag(registry: &Registry, reference: &OciRef, tag: &str) -> Result<String, RegistryError> {
    OciRef::check_tag(tag).map_err(|e| RegistryError::Protocol(e.to_string()))?;
    let m = registry
        .manifest(&reference.repository, reference.manifest_reference())
        .await?;
    let media = if m.media_type.is_empty() {
        OCI_MANIFEST.to_string()
    } else {
        m.media_type.clone()
    };
    registry
        .push_manifest(&reference.repository, tag, &media, m.bytes)
        .await
}

/// One row of `list artifacts`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listed {
    /// `host/repo:tag`.
    pub url: String,
    /// Tag.
    pub tag: String,
    /// Manifest digest.
    pub digest: String,
    /// Source annotation.
    pub source: String,
    /// Revision annotation.
    pub revision: String,
}

/// The tags of a repository kept by `keep`, each with its manifest's digest and annotations,
/// sorted by tag.
pub async fn list(
    registry: &Registry,
    reference: &OciRef,
    keep: &(dyn Fn(&str) -> bool + Send + Sync),
) -> Result<Vec<Listed>, RegistryError> {
    let mut tags = registry.tags(&reference.repository).await?;
    tags.retain(|t| keep(t));
    tags.sort();
    let mut out = Vec::with_capacity(tags.len());
    for t in tags {
        let r = reference.with_tag(&t);
        let info = manifest(registry, &r).await?;
        out.push(Listed {
            url: r.to_string(),
            digest: info.digest.clone(),
            source: info.source().to_string(),
            revision: info.revision().to_string(),
            tag: t,
        });
    }
    Ok(out)
}

/// How a local tree differs from an artifact: paths only on one side or with other content.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TreeDiff {
    /// Only in the local tree.
    pub added: Vec<String>,
    /// Only in the artifact.
    pub removed: Vec<String>,
    /// In both, different content.
    pub changed: Vec<String>,
}

impl TreeDiff {
    /// Whether the two are the same.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// Compares the files of `local` (with `ignore_paths` left out, as `push` would) with the
/// artifact at `reference`.
pub async fn diff(
    registry: &Registry,
    reference: &OciRef,
    local: &Path,
    ignore_paths: &[String],
    limit: u64,
) -> Result<TreeDiff, RegistryError> {
    let tmp = tempfile::Builder::new()
        .prefix("flux-rs-diff-")
        .tempdir()
        .map_err(|source| RegistryError::Io {
            what: "cannot create a temporary directory".into(),
            source,
        })?;
    let remote_dir = tmp.path().join("remote");
    pull(registry, reference, None, &remote_dir, limit, &|_| {}).await?;
    // The local side as `push` would pack it.
    let packed = super::pack(local, ignore_paths).map_err(|source| RegistryError::Io {
        what: format!("cannot read {}", local.display()),
        source,
    })?;
    let local_file = tmp.path().join("local.tar.gz");
    let io = |path: &Path| {
        let what = path.display().to_string();
        move |source: std::io::Error| RegistryError::Io { what, source }
    };
    std::fs::write(&local_file, &packed).map_err(io(&local_file))?;
    let local_dir = tmp.path().join("local");
    crate::source::archive::extract(&local_file, &registry::digest_of(&packed), &local_dir).map_err(
        |source| RegistryError::Extract {
            what: format!("cannot extract {}", local_file.display()),
            source,
        },
    )?;
    let ours = super::tree_digests(&local_dir).map_err(io(&local_dir))?;
    let theirs = super::tree_digests(&remote_dir).map_err(io(&remote_dir))?;
    let mut d = TreeDiff::default();
    for (p, h) in &ours {
        match theirs.get(p) {
            None => d.added.push(p.clone()),
            Some(t) if t != h => d.changed.push(p.clone()),
            Some(_) => {}
        }
    }
    d.removed = theirs
        .keys()
        .filter(|p| !ours.contains_key(*p))
        .cloned()
        .collect();
    Ok(d)
}
