//! Chart archives as `helm package` writes them: a gzip'd tar whose single top directory is
//! the chart's name, and the checks a downloaded archive passes before it is used (no link
//! leaving the chart, no path outside it). Pure: bytes in, bytes out.

use std::io::Write as _;

use crate::helm::chart::{ChartError, Files};

/// Writes `files` (paths relative to the chart root) as `<root>/<path>` entries of a
/// `.tgz`, in the order given, with mode 0644 and a fixed modification time so the same
/// content always gives the same bytes.
pub fn package(root: &str, files: &Files) -> Result<Vec<u8>, ChartError> {
    let bad = |e: std::io::Error| ChartError::Invalid(format!("cannot write the chart archive: {e}"));
    if root.is_empty() || root.contains('/') || root == "." || root == ".." {
        return Err(ChartError::Invalid(format!(
            "invalid chart name {root:?} for the archive's top directory"
        )));
    }
    let gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let mut tar = tar::Builder::new(gz);
    for (path, data) in files {
        let mut header = tar::Header::new_gnu();
        header.set_size(data.len() as u64);
        header.set_mode(0o644);
        header.set_mtime(0);
        header.set_entry_type(tar::EntryType::Regular);
        tar.append_data(&mut header, format!("{root}/{path}"), data.as_slice())
            .map_err(bad)?;
    }
    let gz = tar.into_inner().map_err(bad)?;
    let mut out = gz.finish().map_err(bad)?;
    out.flush().map_err(bad)?;
    Ok(out)
}

/// Refuses an archive holding a symbolic or hard link whose target leaves the chart's top
/// directory, or an entry whose path does (absolute, or with `..` going above it).
pub fn check_links(data: &[u8]) -> Result<(), ChartError> {
    let bad = |m: String| ChartError::Invalid(m);
    let mut tar = tar::Archive::new(flate2::read::GzDecoder::new(data));
    let entries = tar
        .entries()
        .map_err(|e| bad(format!("invalid chart archive: {e}")))?;
    for entry in entries {
        let entry = entry.map_err(|e| bad(format!("invalid chart archive: {e}")))?;
        let raw = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
        if escapes("", &raw) {
            return Err(bad(format!(
                "chart archive entry {raw:?} is outside the chart directory"
            )));
        }
        let kind = entry.header().entry_type();
        if kind.is_symlink() || kind.is_hard_link() {
            let target = entry
                .link_name_bytes()
                .map(|l| String::from_utf8_lossy(&l).into_owned())
                .unwrap_or_default();
            // A symbolic link is relative to its directory, a hard link to the archive root.
            let base = if kind.is_symlink() {
                raw.rsplit_once('/').map_or("", |(d, _)| d)
            } else {
                ""
            };
            let top = raw.split('/').next().unwrap_or_default();
            if target.starts_with('/') || escapes(base, &target) || !inside(base, &target, top) {
                return Err(bad(format!(
                    "chart archive entry {raw:?} links to {target:?}, outside the chart directory"
                )));
            }
        }
    }
    Ok(())
}

/// The components of `base/path` after resolving `.` and `..`, or `None` if they go above
/// the root.
fn resolve(base: &str, path: &str) -> Option<Vec<String>> {
    if path.starts_with('/') {
        return None;
    }
    let mut parts: Vec<String> = Vec::new();
    for c in base.split('/').chain(path.split('/')) {
        match c {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            c => parts.push(c.to_string()),
        }
    }
    Some(parts)
}

fn escapes(base: &str, path: &str) -> bool {
    resolve(base, path).is_none()
}

/// Whether `base/path` stays under the top directory `top`.
fn inside(base: &str, path: &str, top: &str) -> bool {
    resolve(base, path).is_some_and(|p| p.len() > 1 && p[0] == top)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tgz(entries: &[(&str, tar::EntryType, &str)]) -> Vec<u8> {
        let gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        let mut b = tar::Builder::new(gz);
        for (path, kind, link) in entries {
            let mut h = tar::Header::new_gnu();
            h.set_entry_type(*kind);
            h.set_size(0);
            h.set_mode(0o644);
            if kind.is_symlink() || kind.is_hard_link() {
                h.set_link_name(link).unwrap();
            }
            // Raw names, so a test can write paths `append_data` would refuse.
            let name = h.as_old_mut().name.as_mut();
            name[..path.len()].copy_from_slice(path.as_bytes());
            h.set_cksum();
            b.append(&h, std::io::empty()).unwrap();
        }
        b.into_inner().unwrap().finish().unwrap()
    }

    #[test]
    fn packages_under_the_chart_name_and_reads_back() {
        let files: Files = vec![
            (
                "Chart.yaml".into(),
                b"apiVersion: v2\nname: app\nversion: 1.0.0\n".to_vec(),
            ),
            ("templates/cm.yaml".into(), b"kind: ConfigMap\n".to_vec()),
        ];
        let data = package("app", &files).unwrap();
        assert_eq!(package("app", &files).unwrap(), data, "the same bytes every time");
        check_links(&data).unwrap();
        let back = crate::helm::chart::archive_files(&data).unwrap();
        assert_eq!(back, files);
        assert!(package("../x", &files).is_err());
    }

    #[test]
    fn links_and_paths_leaving_the_chart_are_refused() {
        use tar::EntryType::{Link, Regular, Symlink};
        let ok = tgz(&[
            ("app/Chart.yaml", Regular, ""),
            ("app/templates/a.yaml", Symlink, "../values.yaml"),
        ]);
        check_links(&ok).unwrap();
        for (entries, want) in [
            (vec![("app/x", Symlink, "../../etc/passwd")], "links to"),
            (vec![("app/x", Symlink, "/etc/passwd")], "links to"),
            (vec![("app/x", Symlink, "../other/y")], "links to"),
            (vec![("app/x", Link, "other/y")], "links to"),
            (vec![("app/../../x", Regular, "")], "outside the chart directory"),
        ] {
            let e = check_links(&tgz(&entries)).unwrap_err().to_string();
            assert!(e.contains(want), "{entries:?}: {e}");
        }
        assert!(check_links(b"not a tarball").is_err());
    }
}
