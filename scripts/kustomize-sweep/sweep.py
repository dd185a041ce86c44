#!/usr/bin/env python3
"""Differential sweep: `flux-rs kustomize` against `kubectl kustomize` on every kustomization
directory under one or more folders. See README.md next to this file."""

import argparse
import concurrent.futures
import json
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict

KFILES = ("kustomization.yaml", "kustomization.yml", "Kustomization")
SKIP_DIRS = {".git", "node_modules", ".terraform", "vendor"}
UNSUPPORTED = re.compile(r"(\S.*?) is not supported by flux-rs")
REMOTE = re.compile(r"remote bases are not supported|remote resource", re.I)


def find_dirs(top):
    """Every directory under `top` holding a kustomization file, sorted."""
    out = []
    for root, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS)
        if any(f in files for f in KFILES):
            out.append(root)
    return out


def run(cmd, cwd, timeout):
    try:
        p = subprocess.run(cmd, cwd=cwd, capture_output=True, timeout=timeout)
        return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        return "timeout", b"", "timed out"


def feature_of(stderr):
    """The field named by an unsupported-feature error (the text before 'is not supported')."""
    m = UNSUPPORTED.search(stderr)
    if not m:
        return None
    text = m.group(1)
    # "<file>: <feature>" -> feature
    return text.rsplit(": ", 1)[-1].strip()


def classify(d, fluxrs, kubectl, timeout):
    k_code, k_out, k_err = run(kubectl + ["kustomize", "."], d, timeout)
    f_code, f_out, f_err = run([fluxrs, "kustomize", "."], d, timeout)
    row = {"dir": d, "kubectl": k_code, "fluxrs": f_code}
    if f_code == 101 or "panicked at" in f_err:
        row["class"] = "panic"
        row["detail"] = f_err.strip().splitlines()[-1:] if f_err.strip() else []
    elif k_code == 0 and f_code == 0:
        row["class"] = "identical" if k_out == f_out else "different"
        if k_out != f_out:
            row["kubectl_out"] = k_out.decode("utf-8", "replace")
            row["fluxrs_out"] = f_out.decode("utf-8", "replace")
    elif k_code != 0 and f_code != 0:
        row["class"] = "both-fail"
    elif k_code == 0:
        feature = feature_of(f_err)
        if feature:
            row["class"] = "unsupported"
            row["feature"] = feature
        elif REMOTE.search(f_err):
            row["class"] = "unsupported"
            row["feature"] = "remote resource"
        else:
            row["class"] = "fluxrs-fails"
        row["detail"] = f_err.strip()[-400:]
    else:
        row["class"] = "kubectl-fails"
        row["detail"] = k_err.strip()[-400:]
    return row


def first_diff(a, b, context=3):
    al, bl = a.splitlines(), b.splitlines()
    for i in range(max(len(al), len(bl))):
        x = al[i] if i < len(al) else "<end>"
        y = bl[i] if i < len(bl) else "<end>"
        if x != y:
            lo = max(0, i - context)
            lines = []
            for j in range(lo, min(max(len(al), len(bl)), i + context + 1)):
                lines.append("%5d kubectl | %s" % (j + 1, al[j] if j < len(al) else "<end>"))
                lines.append("%5d flux-rs | %s" % (j + 1, bl[j] if j < len(bl) else "<end>"))
            return "\n".join(lines)
    return "(identical lines; bytes differ)"


CLASSES = ["identical", "different", "unsupported", "fluxrs-fails", "kubectl-fails", "both-fail", "panic"]


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("folders", nargs="+", help="folders to sweep; each is one repository in the table")
    ap.add_argument("--fluxrs", default="target/debug/flux-rs", help="flux-rs binary")
    ap.add_argument("--kubectl", default="kubectl", help="kubectl binary (kustomize v5.5.0)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=int, default=60, help="seconds per build")
    ap.add_argument("--out", default=None, help="write results.json and diffs/ here")
    ap.add_argument("--show", type=int, default=5, help="differences printed per repository")
    args = ap.parse_args()
    fluxrs = os.path.abspath(args.fluxrs)
    kubectl = args.kubectl.split()

    rows = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = []
        for folder in args.folders:
            repo = os.path.basename(os.path.abspath(folder).rstrip("/"))
            for d in find_dirs(folder):
                futures.append((repo, pool.submit(classify, d, fluxrs, kubectl, args.timeout)))
        for repo, fut in futures:
            row = fut.result()
            row["repo"] = repo
            rows.append(row)

    by_repo = defaultdict(Counter)
    features = Counter()
    for r in rows:
        by_repo[r["repo"]][r["class"]] += 1
        if r["class"] == "unsupported":
            features[r["feature"]] += 1

    header = ["repository", "dirs"] + CLASSES
    table = [header]
    total = Counter()
    for repo in sorted(by_repo):
        c = by_repo[repo]
        total.update(c)
        table.append([repo, str(sum(c.values()))] + [str(c[k]) for k in CLASSES])
    table.append(["TOTAL", str(sum(total.values()))] + [str(total[k]) for k in CLASSES])
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for row in table:
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())

    built = sum(total[k] for k in ("identical", "different", "unsupported", "fluxrs-fails", "panic"))
    if built:
        print("\nbyte-identical where kubectl builds: %d/%d (%.1f%%)"
              % (total["identical"], built, 100.0 * total["identical"] / built))
    if features:
        print("\nunsupported, by field:")
        for f, n in features.most_common():
            print("  %4d  %s" % (n, f))

    shown = Counter()
    for r in rows:
        if r["class"] in ("different", "fluxrs-fails", "kubectl-fails", "panic") and shown[r["repo"]] < args.show:
            shown[r["repo"]] += 1
            print("\n== %s: %s" % (r["class"], r["dir"]))
            if r["class"] == "different":
                print(first_diff(r["kubectl_out"], r["fluxrs_out"]))
            else:
                print("  " + str(r.get("detail", "")).replace("\n", "\n  "))

    if args.out:
        os.makedirs(os.path.join(args.out, "diffs"), exist_ok=True)
        for i, r in enumerate(rows):
            if r["class"] == "different":
                name = "%04d-%s.txt" % (i, re.sub(r"[^A-Za-z0-9_.-]+", "_", r["dir"])[-120:])
                with open(os.path.join(args.out, "diffs", name), "w") as f:
                    f.write(r["dir"] + "\n" + first_diff(r["kubectl_out"], r["fluxrs_out"], 6) + "\n")
            r.pop("kubectl_out", None)
            r.pop("fluxrs_out", None)
        with open(os.path.join(args.out, "results.json"), "w") as f:
            json.dump(rows, f, indent=1)
    # A panic is always a failure of the sweep.
    sys.exit(1 if total["panic"] else 0)


if __name__ == "__main__":
    main()
