#!/usr/bin/env python3
"""Reference output of `helm template` for one golden case, from Helm's own Go SDK.

Usage: reference.py CASE_DIR      (prints the output, or `ERROR: <message>` and exits 1)
       reference.py --chart DIR [helm template flags...]

Needs helm-python-sdk==0.2.2 (Helm v4.2.3's SDK). The SDK's dry-run install gives the
manifest `helm template` prints first; the hooks are taken from Chart.render and split and
ordered as Helm's releaseutil.SortManifests does, then assembled as pkg/cmd/template.go does.
Flags understood: [NAME] CHART, -n/--namespace, -f/--values, --set, --set-string, --set-json,
--include-crds, --skip-tests, --no-hooks, -s/--show-only.
"""
import json
import os
import re
import shlex
import sys

import helm_python as helm

INSTALL_ORDER = [
    "PriorityClass", "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy",
    "PodDisruptionBudget", "ServiceAccount", "Secret", "SecretList", "ConfigMap", "StorageClass",
    "PersistentVolume", "PersistentVolumeClaim", "CustomResourceDefinition", "ClusterRole",
    "ClusterRoleList", "ClusterRoleBinding", "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding",
    "RoleBindingList", "Service", "DaemonSet", "Pod", "ReplicationController", "ReplicaSet", "Deployment",
    "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob", "IngressClass", "Ingress", "APIService",
    "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
]
EVENTS = {"pre-install", "post-install", "pre-delete", "post-delete", "pre-upgrade", "post-upgrade",
          "pre-rollback", "post-rollback", "test", "test-success"}
SEP = re.compile(r"(?:^|[\t\n\f\r ]*\n)---[\t\n\f\r ]*")  # Helm v4.2.3's releaseutil separator


def go_match(pattern, name):
    """Go's filepath.Match for the patterns used here (*, ? and literals)."""
    rx = "".join("[^/]*" if c == "*" else "[^/]" if c == "?" else re.escape(c) for c in pattern)
    return re.fullmatch(rx, name) is not None


def split_manifests(text):
    docs = SEP.split(text.lstrip())
    return [d.lstrip() for d in docs if d.strip()]


def kind_key(kind):
    if kind in INSTALL_ORDER:
        return (0, INSTALL_ORDER.index(kind), "")
    return (1, 0, kind)


def merge_maps(a, b):
    out = dict(a)
    for k, v in b.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = merge_maps(out[k], v)
        else:
            out[k] = v
    return out


def hooks_of(rendered):
    hooks = []
    for path in sorted(rendered):
        if os.path.basename(path).startswith("_") or path.endswith("NOTES.txt"):
            continue
        content = rendered[path]
        if not content.strip():
            continue
        for doc in split_manifests(content):
            head = helm.values_from_yaml(doc) if doc.strip() else {}
            ann = ((head.get("metadata") or {}).get("annotations")) or {}
            types = ann.get("helm.sh/hook")
            if types is None:
                continue
            events = [t.strip().lower() for t in types.split(",")]
            if any(e not in EVENTS for e in events):
                continue
            hooks.append((head.get("kind") or "", path, doc, events))
    hooks.sort(key=lambda h: kind_key(h[0]))
    return hooks


def run(argv, base):
    name, chart, ns = None, None, "default"
    files, sets, set_strings, set_jsons, show = [], [], [], [], []
    include_crds = skip_tests = no_hooks = False
    pos = []
    i = 0
    while i < len(argv):
        a = argv[i]
        nxt = argv[i + 1] if i + 1 < len(argv) else None
        if a in ("-n", "--namespace"):
            ns, i = nxt, i + 2
            continue
        if a in ("-f", "--values"):
            files += nxt.split(","); i += 2; continue
        if a == "--set":
            sets.append(nxt); i += 2; continue
        if a == "--set-string":
            set_strings.append(nxt); i += 2; continue
        if a == "--set-json":
            set_jsons.append(nxt); i += 2; continue
        if a in ("-s", "--show-only"):
            show.append(nxt); i += 2; continue
        if a == "--include-crds":
            include_crds = True
        elif a == "--skip-tests":
            skip_tests = True
        elif a == "--no-hooks":
            no_hooks = True
        elif a.startswith("-"):
            raise SystemExit(f"reference.py: unsupported flag {a}")
        else:
            pos.append(a)
        i += 1
    if len(pos) == 2:
        name, chart = pos
    else:
        name, chart = "release-name", pos[0]
    chart = os.path.join(base, chart)
    vals = {}
    for f in files:
        with open(os.path.join(base, f)) as fh:
            vals = merge_maps(vals, helm.values_from_yaml(fh.read()))
    for s in set_jsons:
        vals = merge_maps(vals, helm.parse_set_json(s))
    for s in sets:
        vals = merge_maps(vals, helm.parse_set_string(s))
    for s in set_strings:
        vals = merge_maps(vals, helm.parse_set_string_values(s))
    with helm.Chart.load(chart) as c:
        # What pkg/cmd/install.go's runInstall checks before the SDK's install runs.
        meta = c.metadata
        if meta.get("type", "") not in ("", "application"):
            raise helm.HelmError(f"{meta['type']} charts are not installable")
        loaded = {d.get("name") for d in c.dependencies}
        missing = [d["name"] for d in meta.get("dependencies") or [] if d.get("name") not in loaded]
        if missing:
            raise helm.HelmError(
                "an error occurred while checking for chart dependencies. You may need to run "
                "'helm dependency build' to fetch missing dependencies: found in Chart.yaml, but "
                "missing in charts/ directory: " + ", ".join(missing))
        cfg = helm.Config(namespace=ns)
        rel = cfg.install(c, name, vals, namespace=ns, dry_run="client")
        manifest = rel.get("manifest", "")
        if include_crds:
            prefix = "".join(f"---\n# Source: {crd['filename']}\n{crd['data']}\n" for crd in c.crds)
            manifest = prefix + manifest
        out = manifest.strip() + "\n"
        if not no_hooks:
            rendered = c.render(vals, name=name, namespace=ns)
            for kind, path, doc, events in hooks_of(rendered):
                if skip_tests and ("test" in events or "test-success" in events):
                    continue
                out += f"---\n# Source: {path}\n{doc}\n"
    if show:
        docs = split_manifests(out)
        res = ""
        for f in show:
            missing = True
            for d in docs:
                m = re.search(r"# Source: [^/]+/(.+)", d)
                if not m:
                    continue
                if not go_match(f, m.group(1)):
                    continue
                res += f"---\n{d}\n"
                missing = False
            if missing:
                raise helm.HelmError(f"could not find template {f} in chart")
        out = res
    return out


def main():
    if sys.argv[1] == "--chart":
        argv, base = sys.argv[2:], os.getcwd()
    else:
        base = sys.argv[1]
        with open(os.path.join(base, "args")) as fh:
            argv = shlex.split(fh.read())
    try:
        sys.stdout.write(run(argv, base))
    except helm.HelmError as e:
        print(f"ERROR: {e}")
        sys.exit(1)


if __name__ == "__main__":
    main()
