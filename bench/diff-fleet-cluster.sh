#!/usr/bin/env bash
# Benchmark of `flux-rs diff --cluster` with nothing changed: the whole fleet (the flux-system
# sync at clusters/prod and the Kustomization `apps` → ./apps/prod it defines, APPS apps,
# 3*APPS+1 objects) compared with the live cluster, against one `flux-rs diff kustomization
# apps` of the same objects. Target: the fleet diff takes at most 2x the single diff.
#
#   bench/diff-fleet-cluster.sh [APPS] [RUNS]      # defaults: 300 apps, 5 runs (median)
#   KUBECONFIG=... bench/diff-fleet-cluster.sh     # an existing cluster; else a dev cluster
#                                                  # "bench-diff-fleet" is started and stopped
#
# The workload comes from the shared generator when present (GEN_REPO, or
# ../shared/bench/gen-repo.py next to the repository), else bench/workload.sh writes the same
# tree. The fleet is applied first with `flux-rs reconcile ks flux-system --with-source
# --recursive` (no controller needed). FLUX_RS: binary (default target/release/flux-rs, built
# if missing).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$PWD
apps=${1:-300}
runs=${2:-5}
flux=${FLUX_RS:-$repo/target/release/flux-rs}

command -v python3 >/dev/null || { echo "python3 is needed to measure times" >&2; exit 1; }
command -v git >/dev/null || { echo "git is needed" >&2; exit 1; }
if [ ! -x "$flux" ]; then
  echo "building flux-rs (release)..." >&2
  cargo build --release --quiet --bin flux-rs
fi

work=$(mktemp -d)
cluster=""
cleanup() {
  [ -n "$cluster" ] && scripts/dev-cluster down "$cluster" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

kc=${BENCH_KUBECONFIG:-${KUBECONFIG:-}}
if [ -z "$kc" ]; then
  cluster=bench-diff-fleet
  kc=$(scripts/dev-cluster up "$cluster")
fi
f() { "$flux" --kubeconfig "$kc" "$@"; }

# shellcheck source=bench/workload.sh
. "$repo/bench/workload.sh"

fleet=$work/fleet
make_workload "$fleet" "$apps"
mkdir -p "$fleet/clusters/prod/flux-system"
cat > "$fleet/clusters/prod/flux-system/gotk-sync.yaml" <<YAML
apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata:
  name: flux-system
  namespace: flux-system
spec:
  interval: 10m
  ref:
    branch: main
  url: file://$fleet
---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: flux-system
  namespace: flux-system
spec:
  interval: 10m
  path: ./clusters/prod
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
YAML
printf 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- gotk-sync.yaml\n' \
  > "$fleet/clusters/prod/flux-system/kustomization.yaml"
cat > "$fleet/clusters/prod/apps.yaml" <<'YAML'
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: apps
  namespace: flux-system
spec:
  interval: 10m
  path: ./apps/prod
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
YAML
git -C "$fleet" init -q -b main .
git -C "$fleet" add -A
git -C "$fleet" -c user.name=bench -c user.email=bench@example.com commit -q -m base

echo "==> installing the CRDs and applying the fleet ($((3 * apps + 1)) objects, no controller)" >&2
f install >/dev/null 2>&1
kubectl_free_apply() {
  f create source git flux-system --url "file://$fleet" --branch main --interval 10m >/dev/null 2>&1
  f create ks flux-system --source GitRepository/flux-system --path ./clusters/prod --prune --interval 10m >/dev/null 2>&1 || true
  f reconcile ks flux-system --with-source --recursive --timeout 10m >/dev/null
}
kubectl_free_apply

# measure DIR EXPECTED CMD... : RUNS runs in DIR, prints the median seconds; fails unless every
# run exits with EXPECTED.
measure() {
  local dir=$1 expected=$2
  shift 2
  (cd "$dir" && python3 - "$runs" "$expected" "$@" <<'PY'
import statistics, subprocess, sys, time
runs, expected, cmd = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
times = []
for _ in range(runs):
    start = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    times.append(time.perf_counter() - start)
    if p.returncode != expected:
        sys.exit(f"{' '.join(cmd)}: exit code {p.returncode}, expected {expected}: {p.stderr.decode()[-400:]}")
print(f"{statistics.median(times):.4f}")
PY
  )
}

echo "==> measuring ($runs runs each)" >&2
fleet_s=$(measure "$fleet" 0 "$flux" --kubeconfig "$kc" diff --cluster --path clusters/prod)
single_s=$(measure "$fleet" 0 "$flux" --kubeconfig "$kc" diff ks apps -n flux-system --path ./apps/prod)
python3 - "$apps" "$runs" "$fleet_s" "$single_s" <<'PY'
import sys
apps, runs, fleet, single = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
print(f"flux-rs diff --cluster, nothing changed, {apps} apps ({3 * apps + 1} objects), median of {runs} runs")
print(f"  diff --cluster --path clusters/prod (whole fleet)   {fleet:7.3f}s")
print(f"  diff ks apps --path ./apps/prod (one Kustomization) {single:7.3f}s")
print(f"  ratio {fleet / single:.2f}x (target: at most 2x)")
PY
