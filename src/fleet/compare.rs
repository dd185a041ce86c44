//! Comparing two renderings of a fleet, Kustomization by Kustomization and object by
//! object: created, changed (a unified diff of the normalised, masked YAML), deleted (what
//! prune would remove) and moved between Kustomizations. The result is plain data, the
//! same for every output (text, Markdown, JSON, annotations).

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::Value;

use super::render::{Fleet, Outcome, Rendered};
use crate::diff::Presented;

/// What happened to an object.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// Only in the new revision.
    Created,
    /// In both, different.
    Changed,
    /// Only in the base: a prune would delete it.
    Deleted,
    /// Built by another Kustomization in the base.
    Moved,
}

impl std::fmt::Display for Action {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Action::Created => "created",
            Action::Changed => "changed",
            Action::Deleted => "deleted",
            Action::Moved => "moved",
        })
    }
}

/// A container image that changes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ImageChange {
    /// Where: `Kind/namespace/name` and the container's JSON pointer.
    pub object: String,
    /// The container (its `name`).
    pub container: String,
    /// The image before (absent: a new container).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    /// The image after (absent: a removed container).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
}

/// One object's change.
#[derive(Clone, Debug, Serialize)]
pub struct ObjectChange {
    /// What happened.
    pub action: Action,
    /// `apiVersion` (of the new side when there is one).
    #[serde(rename = "apiVersion")]
    pub api_version: String,
    /// Kind.
    pub kind: String,
    /// Namespace (empty when cluster-scoped).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub namespace: String,
    /// Name.
    pub name: String,
    /// For a moved object: the Kustomization (`namespace/name`) that built it in the base.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// A unified diff of the normalised YAML, Secret and SOPS values masked (empty when a
    /// moved object is otherwise the same).
    pub diff: String,
}

impl ObjectChange {
    /// `Kind/namespace/name` (`Kind/name` when cluster-scoped).
    pub fn id(&self) -> String {
        if self.namespace.is_empty() {
            format!("{}/{}", self.kind, self.name)
        } else {
            format!("{}/{}/{}", self.kind, self.namespace, self.name)
        }
    }
}

/// What a Kustomization's comparison found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    /// Built on both sides, the same objects.
    Unchanged,
    /// Built on both sides, objects differ.
    Changed,
    /// Only in the new revision.
    Created,
    /// Only in the base: deleting it prunes its objects (when it prunes).
    Deleted,
    /// Not rendered (see `reason`).
    NotRendered,
    /// Failed to build (see `reason`).
    Error,
}

/// One Kustomization's comparison.
#[derive(Clone, Debug, Serialize)]
pub struct KustomizationDiff {
    /// Namespace.
    pub namespace: String,
    /// Name.
    pub name: String,
    /// `spec.path`.
    pub path: String,
    /// The Kustomization that defines it (`namespace/name`), absent for the root.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// The outcome.
    pub state: State,
    /// Why it is not rendered or failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Objects created, changed, deleted or moved in, by action then identity.
    pub changes: Vec<ObjectChange>,
    /// Container images that change, listed first by the Markdown output.
    pub images: Vec<ImageChange>,
    /// Variables used without a value (left as `${NAME}` in the output, never guessed).
    pub unresolved: Vec<String>,
    /// Things to know (missing substitution sources, HelmReleases not rendered).
    pub notes: Vec<String>,
}

/// Counts over the fleet.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Summary {
    /// Kustomizations compared.
    pub kustomizations: usize,
    /// Objects created.
    pub created: usize,
    /// Objects changed.
    pub changed: usize,
    /// Objects deleted.
    pub deleted: usize,
    /// Objects moved between Kustomizations.
    pub moved: usize,
    /// Kustomizations not rendered.
    #[serde(rename = "notRendered")]
    pub not_rendered: usize,
    /// Kustomizations that failed to build.
    pub errors: usize,
}

/// The comparison of two renderings.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// The base, as given (`--base`).
    pub base: String,
    /// The other side (`working tree`).
    pub head: String,
    /// Whether anything changes.
    pub changed: bool,
    /// Counts.
    pub summary: Summary,
    /// Per Kustomization, by `namespace/name`.
    pub kustomizations: Vec<KustomizationDiff>,
}

/// Identity of an object across revisions: group, kind, namespace, name (not the version).
type Key = (String, String, String, String);

fn key(obj: &Value) -> Key {
    let api = obj["apiVersion"].as_str().unwrap_or_default();
    let group = api.rsplit_once('/').map(|(g, _)| g).unwrap_or_default();
    (
        group.to_string(),
        obj["kind"].as_str().unwrap_or_default().to_string(),
        obj["metadata"]["namespace"]
            .as_str()
            .unwrap_or_default()
            .to_string(),
        obj["metadata"]["name"].as_str().unwrap_or_default().to_string(),
    )
}

/// An object and its SOPS-masked twin, when the build decrypted values.
#[derive(Clone, Copy)]
struct Side<'a> {
    obj: &'a Value,
    masked: Option<&'a Value>,
}

fn objects(r: &Rendered) -> Option<BTreeMap<Key, Side<'_>>> {
    let Outcome::Objects { objects, masked } = &r.outcome else {
        return None;
    };
    let masked: BTreeMap<Key, &Value> = masked.iter().flatten().map(|m| (key(m), m)).collect();
    Some(
        objects
            .iter()
            .map(|o| {
                let k = key(o);
                let m = masked.get(&k).copied();
                (k, Side { obj: o, masked: m })
            })
            .collect(),
    )
}

/// Compares `base` with `head`.
pub fn compare(base: &Fleet, head: &Fleet, base_name: &str, head_name: &str) -> Report {
    // Where each object lives on each side, for moves.
    let owners = |f: &Fleet| -> BTreeMap<Key, String> {
        let mut m = BTreeMap::new();
        for (k, r) in &f.kustomizations {
            for o in objects(r).into_iter().flat_map(BTreeMap::into_keys) {
                m.insert(o, k.clone());
            }
        }
        m
    };
    let base_owner = owners(base);
    let head_owner = owners(head);
    let names: BTreeSet<&String> = base
        .kustomizations
        .keys()
        .chain(head.kustomizations.keys())
        .collect();
    let ctx = Names {
        base: base_name,
        head: head_name,
    };
    let mut out = Vec::new();
    for name in names {
        let b = base.kustomizations.get(name);
        let h = head.kustomizations.get(name);
        let d = kustomization_diff(name, b, h, &base_owner, &head_owner, (base, head), &ctx);
        out.push(d);
    }
    Report::new(base_name, head_name, out)
}

impl Report {
    /// The report of these Kustomizations' comparisons, with its counts.
    pub fn new(base_name: &str, head_name: &str, out: Vec<KustomizationDiff>) -> Report {
        let mut summary = Summary {
            kustomizations: out.len(),
            ..Summary::default()
        };
        for d in &out {
            for c in &d.changes {
                match c.action {
                    Action::Created => summary.created += 1,
                    Action::Changed => summary.changed += 1,
                    Action::Deleted => summary.deleted += 1,
                    Action::Moved => summary.moved += 1,
                }
            }
            match d.state {
                State::NotRendered => summary.not_rendered += 1,
                State::Error => summary.errors += 1,
                _ => {}
            }
        }
        let changed = out.iter().any(|d| !d.changes.is_empty());
        Report {
            base: base_name.to_string(),
            head: head_name.to_string(),
            changed,
            summary,
            kustomizations: out,
        }
    }
}

struct Names<'a> {
    base: &'a str,
    head: &'a str,
}

fn kustomization_diff(
    name: &str,
    b: Option<&Rendered>,
    h: Option<&Rendered>,
    base_owner: &BTreeMap<Key, String>,
    head_owner: &BTreeMap<Key, String>,
    (base, head): (&Fleet, &Fleet),
    names: &Names<'_>,
) -> KustomizationDiff {
    let (namespace, short) = name.split_once('/').unwrap_or(("", name));
    let either = h.or(b);
    let mut d = KustomizationDiff {
        namespace: namespace.to_string(),
        name: short.to_string(),
        path: either
            .and_then(|r| r.kustomization.spec.path.clone())
            .unwrap_or_default(),
        parent: either.and_then(|r| r.parent.clone()),
        state: State::Unchanged,
        reason: None,
        changes: Vec::new(),
        images: Vec::new(),
        unresolved: h
            .map(|r| r.unresolved.iter().cloned().collect())
            .unwrap_or_default(),
        notes: h.map(|r| r.notes.clone()).unwrap_or_default(),
    };
    // Errors first: a failed build is an error whichever side it is on.
    for (r, side) in [(h, names.head), (b, names.base)] {
        if let Some(Rendered {
            outcome: Outcome::Failed(e),
            ..
        }) = r
        {
            d.state = State::Error;
            d.reason = Some(if side == names.head {
                e.clone()
            } else {
                format!("at {side}: {e}")
            });
            return d;
        }
    }
    if let Some(Rendered {
        outcome: Outcome::NotRendered(why),
        ..
    }) = h.or(b)
    {
        d.state = State::NotRendered;
        d.reason = Some(why.clone());
        return d;
    }
    // Gone because a Kustomization above it failed: unknown, not removed.
    if let (Some(b), None) = (b, h)
        && let Some(failed) = failed_ancestor(b, base, head)
    {
        d.state = State::NotRendered;
        d.reason = Some(format!(
            "Kustomization {failed}, which defines it, failed to build"
        ));
        return d;
    }
    let before = b.and_then(objects).unwrap_or_default();
    let after = h.and_then(objects).unwrap_or_default();
    for (k, a) in &after {
        if let Some(bs) = before.get(k) {
            if bs.obj != a.obj
                && let Some(c) = change(Action::Changed, Some(*bs), Some(*a), None, names)
            {
                d.changes.push(c);
            }
            continue;
        }
        let from = base_owner.get(k).filter(|o| o.as_str() != name).cloned();
        let prior = from
            .as_ref()
            .and_then(|o| base.kustomizations.get(o))
            .and_then(objects)
            .and_then(|m| m.get(k).copied());
        match (from, prior) {
            (Some(from), Some(p)) => {
                d.changes
                    .extend(change(Action::Moved, Some(p), Some(*a), Some(from), names));
            }
            _ => d
                .changes
                .extend(change(Action::Created, None, Some(*a), None, names)),
        }
    }
    for (k, bs) in &before {
        if after.contains_key(k) {
            continue;
        }
        // Moved elsewhere: listed where it went.
        if head_owner.get(k).is_some_and(|o| o != name) {
            continue;
        }
        d.changes
            .extend(change(Action::Deleted, Some(*bs), None, None, names));
    }
    d.changes.sort_by_key(|x| (x.action, x.id()));
    for (k, a) in &after {
        let prior = before.get(k).map(|s| s.obj);
        d.images.extend(image_changes(prior, Some(a.obj)));
    }
    for (k, bs) in &before {
        if !after.contains_key(k) && head_owner.get(k).is_none_or(|o| o == name) {
            d.images.extend(image_changes(Some(bs.obj), None));
        }
    }
    d.state = match (b, h) {
        (None, Some(_)) => State::Created,
        (Some(_), None) => State::Deleted,
        _ if d.changes.is_empty() => State::Unchanged,
        _ => State::Changed,
    };
    d
}

/// The nearest Kustomization above `r` (by the base's parents) that failed to build in
/// `head`.
fn failed_ancestor(r: &Rendered, base: &Fleet, head: &Fleet) -> Option<String> {
    let mut parent = r.parent.clone();
    let mut hops = 0;
    while let Some(p) = parent {
        if matches!(
            head.kustomizations.get(&p).map(|x| &x.outcome),
            Some(Outcome::Failed(_))
        ) {
            return Some(p);
        }
        hops += 1;
        if hops > base.kustomizations.len() {
            return None;
        }
        parent = base.kustomizations.get(&p).and_then(|x| x.parent.clone());
    }
    None
}

/// The presented change of one object, `None` when nothing shows (a changed object whose
/// only differences are masked values that are equal).
fn change(
    action: Action,
    before: Option<Side<'_>>,
    after: Option<Side<'_>>,
    from: Option<String>,
    names: &Names<'_>,
) -> Option<ObjectChange> {
    let mut p = Presented::new(before.map(|s| s.obj), after.map(|s| s.obj));
    hide_sops_values(&mut p, before, after);
    let any = after.or(before)?.obj;
    let id = {
        let k = key(any);
        if k.2.is_empty() {
            format!("{}/{}", k.1, k.3)
        } else {
            format!("{}/{}/{}", k.1, k.2, k.3)
        }
    };
    if action == Action::Changed && p.before == p.after {
        return None;
    }
    let b = p.before.as_ref().map(crate::diff::yaml).unwrap_or_default();
    let a = p.after.as_ref().map(crate::diff::yaml).unwrap_or_default();
    let diff = crate::diff::unified(
        &b,
        &a,
        &format!("{id} ({})", names.base),
        &format!("{id} ({})", names.head),
    );
    let k = key(any);
    Some(ObjectChange {
        action,
        api_version: any["apiVersion"].as_str().unwrap_or_default().to_string(),
        kind: k.1,
        namespace: k.2,
        name: k.3,
        from,
        diff,
    })
}

/// Values that were SOPS-encrypted in objects other than Secrets (which are masked whole)
/// read `**SOPS**`, or `**SOPS** (before)`/`(after)` where they change.
fn hide_sops_values(p: &mut Presented, before: Option<Side<'_>>, after: Option<Side<'_>>) {
    let mut pointers = BTreeSet::new();
    for s in [before, after].into_iter().flatten() {
        if let Some(m) = s.masked
            && !crate::diff::is_secret(m)
        {
            crate::diff::mask_pointers(m, crate::sops::MASK, &mut pointers);
        }
    }
    let mask = crate::sops::MASK;
    for ptr in &pointers {
        let b = p.before.as_ref().and_then(|v| v.pointer(ptr)).cloned();
        let a = p.after.as_ref().and_then(|v| v.pointer(ptr)).cloned();
        let same = b == a || b.is_none() || a.is_none();
        if let Some(v) = p.before.as_mut().and_then(|v| v.pointer_mut(ptr)) {
            *v = Value::String(if same {
                mask.into()
            } else {
                format!("{mask} (before)")
            });
        }
        if let Some(v) = p.after.as_mut().and_then(|v| v.pointer_mut(ptr)) {
            *v = Value::String(if same {
                mask.into()
            } else {
                format!("{mask} (after)")
            });
        }
    }
}

/// Container images by JSON pointer of the container (`…/containers/0`), with its name.
fn images(obj: &Value) -> BTreeMap<String, (String, String)> {
    fn walk(v: &Value, path: &mut String, out: &mut BTreeMap<String, (String, String)>) {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    let len = path.len();
                    path.push('/');
                    path.push_str(k);
                    if matches!(
                        k.as_str(),
                        "containers" | "initContainers" | "ephemeralContainers"
                    ) && let Value::Array(items) = x
                    {
                        for (i, c) in items.iter().enumerate() {
                            if let Some(image) = c["image"].as_str() {
                                let name = c["name"].as_str().unwrap_or_default().to_string();
                                out.insert(format!("{path}/{i}"), (name, image.to_string()));
                            }
                        }
                    } else {
                        walk(x, path, out);
                    }
                    path.truncate(len);
                }
            }
            Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    let len = path.len();
                    path.push('/');
                    path.push_str(&i.to_string());
                    walk(x, path, out);
                    path.truncate(len);
                }
            }
            _ => {}
        }
    }
    let mut out = BTreeMap::new();
    walk(obj, &mut String::new(), &mut out);
    out
}

/// The container images that differ between two versions of an object (either may be
/// absent).
pub fn image_changes(before: Option<&Value>, after: Option<&Value>) -> Vec<ImageChange> {
    let b = before.map(images).unwrap_or_default();
    let a = after.map(images).unwrap_or_default();
    let any = after.or(before).map(key).unwrap_or_default();
    let id = if any.2.is_empty() {
        format!("{}/{}", any.1, any.3)
    } else {
        format!("{}/{}/{}", any.1, any.2, any.3)
    };
    let ptrs: BTreeSet<&String> = b.keys().chain(a.keys()).collect();
    let mut out = Vec::new();
    for p in ptrs {
        let (bi, ai) = (b.get(p), a.get(p));
        if bi.map(|x| &x.1) == ai.map(|x| &x.1) {
            continue;
        }
        out.push(ImageChange {
            object: id.clone(),
            container: ai.or(bi).map(|x| x.0.clone()).unwrap_or_default(),
            before: bi.map(|x| x.1.clone()),
            after: ai.map(|x| x.1.clone()),
        });
    }
    out
}
