//! `flux-rs trace KIND NAME`: which Kustomization applied an object (from its owner labels),
//! from which source and revision, and how both stand.

use std::fmt::Write as _;

use clap::Args;

use super::CliContext;
use crate::api::meta;
use crate::ops::{FluxStatus, LiveObject};

/// Flags of `trace`.
#[derive(Debug, Args)]
#[command(
    long_about = "Show how an object is managed by Flux: the Kustomization whose owner labels \
        (kustomize.toolkit.fluxcd.io/name and /namespace) it carries, the path and revision that \
        Kustomization applied, and its source with the URL, reference and revision; or the \
        HelmRelease whose labels (helm.toolkit.fluxcd.io/name and /namespace) it carries, the \
        chart and revision of the release, and the chart's source (the OCIRepository or \
        HelmChart of spec.chartRef, or the HelmChart spec.chart made and its repository). The type is \
        resolved as kubectl does (deployment, deploy, deployments.apps, cm, ...); --api-version \
        picks a group version explicitly. Exits 1 when the object is not managed by Flux.",
    after_help = "Examples:\n  flux-rs trace deployment podinfo -n apps\n  flux-rs trace cm/app-config -n apps\n  \
        flux-rs trace namespace apps\n  flux-rs trace Widget my-widget --api-version example.com/v1 -n apps"
)]
pub struct TraceArgs {
    /// The object's type, or TYPE/NAME.
    #[arg(value_name = "TYPE[/NAME]")]
    pub kind: String,
    /// The object's name (when not given as TYPE/NAME).
    pub name: Option<String>,
    /// API version of the type (group/version), when the short name is ambiguous.
    #[arg(long, value_name = "GROUP/VERSION")]
    pub api_version: Option<String>,
}

fn ready_lines(obj: &LiveObject) -> Vec<(&'static str, String)> {
    match obj.condition(meta::READY) {
        Some(c) => {
            let status = if c.status == "False" {
                format!("Last reconciliation failed at {}", c.last_transition_time)
            } else {
                format!("Last reconciled at {}", c.last_transition_time)
            };
            vec![("Status", status), ("Message", c.message)]
        }
        None => vec![("Status", "Unknown".into())],
    }
}

fn git_reference(spec: &serde_json::Value) -> Option<(&'static str, String)> {
    let r = &spec["ref"];
    for (key, label) in [
        ("commit", "Commit"),
        ("name", "Reference"),
        ("semver", "Tag"),
        ("tag", "Tag"),
        ("branch", "Branch"),
    ] {
        if let Some(v) = r[key].as_str().filter(|v| !v.is_empty()) {
            return Some((label, v.to_string()));
        }
    }
    None
}

/// The release of a HelmRelease: its name, chart and version (the newest history entry),
/// and the revision last attempted.
fn release_lines(hr: &LiveObject) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let last = &hr.status()["history"][0];
    if let Some(n) = last["name"].as_str() {
        let version = last["version"].as_i64().unwrap_or_default();
        out.push(("Release", format!("{n}.v{version}")));
    }
    if let (Some(c), Some(v)) = (last["chartName"].as_str(), last["chartVersion"].as_str()) {
        out.push(("Chart", format!("{c}@{v}")));
    }
    out.push(("Revision", hr.revision().unwrap_or_default()));
    out
}

/// A source section: kind and name, namespace, URL, reference, chart, revision, status.
fn source_lines(src: &LiveObject) -> Vec<(&'static str, String)> {
    let mut s = vec![
        (src.kind.kind(), src.name().to_string()),
        ("Namespace", src.namespace().to_string()),
    ];
    if let Some(url) = src.spec()["url"].as_str() {
        s.push(("URL", url.to_string()));
    }
    if let Some(r) = git_reference(src.spec()) {
        s.push(r);
    }
    if let Some(chart) = src.spec()["chart"].as_str() {
        s.push(("Chart", chart.to_string()));
        if let Some(v) = src.spec()["version"].as_str() {
            s.push(("Version", v.to_string()));
        }
    }
    if let Some(rev) = src.revision() {
        s.push(("Revision", rev));
    }
    s.extend(ready_lines(src));
    s
}

/// Renders sections of `Key: value` lines, separated by `---`, values aligned.
pub fn render(sections: &[Vec<(&str, String)>]) -> String {
    let width = sections
        .iter()
        .flatten()
        .map(|(k, _)| k.len() + 1)
        .max()
        .unwrap_or(0)
        + 1;
    let mut out = String::new();
    for (i, s) in sections.iter().enumerate() {
        if i > 0 {
            out.push_str("---\n");
        }
        for (k, v) in s {
            let key = format!("{k}:");
            let _ = writeln!(out, "{key:<width$}{}", v.replace('\n', " "));
        }
    }
    out
}

/// Runs `trace`.
pub async fn run(ctx: &CliContext, args: TraceArgs) -> anyhow::Result<()> {
    let (kind, name) = match (args.kind.split_once('/'), &args.name) {
        (Some((k, n)), None) if !k.is_empty() && !n.is_empty() => (k.to_string(), n.to_string()),
        (None, Some(n)) => (args.kind.clone(), n.clone()),
        _ => return Err(super::usage_error("give the object as TYPE NAME or TYPE/NAME")),
    };
    let flux = ctx.flux().await?;
    let info = flux.resolve_type(&kind, args.api_version.as_deref()).await?;
    let t = flux.trace(&info, ctx.namespace(), &name).await?;

    let mut sections = Vec::new();
    let mut object = vec![("Object", format!("{}/{}", t.object.kind, t.object.name))];
    if !t.object.namespace.is_empty() {
        object.push(("Namespace", t.object.namespace.clone()));
    }
    let owner_kind = t.owner.kind.kind();
    let status = if t.in_inventory == Some(false) {
        format!("Managed by Flux (not in the {owner_kind}'s inventory)")
    } else {
        "Managed by Flux".to_string()
    };
    object.push(("Status", status));
    sections.push(object);

    let owner = &t.owner;
    let mut k = vec![
        (owner_kind, owner.name().to_string()),
        ("Namespace", owner.namespace().to_string()),
    ];
    if let Some(target) = owner.spec()["targetNamespace"].as_str() {
        k.push(("Target", target.to_string()));
    }
    if owner.kind == crate::ops::FluxKind::HelmRelease {
        k.extend(release_lines(owner));
    } else {
        k.push(("Path", owner.spec()["path"].as_str().unwrap_or("./").to_string()));
        k.push(("Revision", owner.revision().unwrap_or_default()));
    }
    k.extend(ready_lines(owner));
    sections.push(k);

    match (&t.source, &t.source_ref) {
        (Some(src), _) => {
            sections.push(source_lines(src));
            if let Some(chart_src) = &t.chart_source {
                sections.push(source_lines(chart_src));
            }
        }
        (None, Some(r)) => {
            sections.push(vec![
                ("Source", format!("{}/{}", r.kind, r.name)),
                ("Namespace", r.namespace.clone()),
                ("Status", "Not found".into()),
            ]);
        }
        (None, None) => {}
    }
    ctx.printer.data(render(&sections));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_align() {
        let out = render(&[
            vec![
                ("Object", "ConfigMap/a".into()),
                ("Status", "Managed by Flux".into()),
            ],
            vec![("Kustomization", "apps".into())],
        ]);
        assert_eq!(
            out,
            "Object:        ConfigMap/a\nStatus:        Managed by Flux\n---\nKustomization: apps\n"
        );
        assert_eq!(
            git_reference(&serde_json::json!({"ref": {"branch": "main"}})),
            Some(("Branch", "main".into()))
        );
    }
}
