#!/usr/bin/env bash
# Benchmark: `flux-rs diff --base main` (the whole fleet, offline) on a 300-app fleet, whole
# process, against the reference way of getting the same answer without flux-rs: a checkout
# of the base (git worktree), `kubectl kustomize` of every Kustomization's directory in both
# trees, and `diff -u` (what offline fleet-diff tools do, minus the Flux layer). Targets for
# flux-rs: one file changed < 0.5 s, every app changed < 2 s.
#
#   bench/diff-fleet.sh [APPS] [RUNS]     # defaults: 300 apps, 5 runs each (median)
#
# Two layouts of the same workload (bench/workload.sh: `apps/base` with APPS apps, each a
# Deployment, a Service and a ConfigMap, and the `apps/prod` overlay; it comes from the shared
# generator `gen-repo.py OUT APPS` when the shared workspace has it — GEN_REPO, or
# ../shared/bench/gen-repo.py next to the repository — else bench/workload.sh writes the
# same tree itself):
#   single:  a flux-system sync at clusters/prod and one Kustomization `apps` → ./apps/prod;
#   per-app: the same apps, one Kustomization per app (`app0000` → ./per-app/app0000, each
#            directory the app's manifests with the overlay's transforms), generated here.
# Each layout is committed on `main`; then, in the working tree:
#   one file:  one app's ConfigMap value changed;
#   all apps:  every app's Deployment changed (an environment value in apps/base).
#
# Environment: FLUX_RS (binary; default target/release/flux-rs, built if missing), KUBECTL
# (default kubectl; REFERENCE=0 skips the reference, which takes minutes for the per-app
# layout: two kubectl runs per app), LAYOUTS (default "single per-app"), KEEP=1 keeps the
# work directory.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$PWD
apps=${1:-300}
runs=${2:-5}
kubectl=${KUBECTL:-kubectl}
flux=${FLUX_RS:-$repo/target/release/flux-rs}
reference=${REFERENCE:-1}
layouts=${LAYOUTS:-single per-app}

command -v python3 >/dev/null || { echo "python3 is needed to measure times" >&2; exit 1; }
command -v git >/dev/null || { echo "git is needed" >&2; exit 1; }
if [ "$reference" = 1 ] && ! command -v "$kubectl" >/dev/null; then
  echo "kubectl not found (set KUBECTL, or REFERENCE=0 to skip the reference)" >&2
  exit 1
fi
if [ ! -x "$flux" ]; then
  echo "building flux-rs (release)..." >&2
  cargo build --release --quiet --bin flux-rs
fi

work=$(mktemp -d)
[ "${KEEP:-}" = 1 ] || trap 'rm -rf "$work"' EXIT

# shellcheck source=bench/workload.sh
. "$repo/bench/workload.sh"

ks() { # NAME PATH
  cat <<YAML
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: $1
  namespace: flux-system
spec:
  interval: 10m
  path: $2
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
YAML
}

sync() { # DIR: the flux-system sync at clusters/prod, as bootstrap writes it
  mkdir -p "$1/clusters/prod/flux-system"
  { cat <<'YAML'
apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata:
  name: flux-system
  namespace: flux-system
spec:
  interval: 1m0s
  ref:
    branch: main
  url: ssh://git@example.com/org/fleet
---
YAML
    ks flux-system ./clusters/prod; } > "$1/clusters/prod/flux-system/gotk-sync.yaml"
  printf 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- gotk-sync.yaml\n' \
    > "$1/clusters/prod/flux-system/kustomization.yaml"
}

commit() { # DIR
  git -C "$1" init -q -b main .
  git -C "$1" add -A
  git -C "$1" -c user.name=bench -c user.email=bench@example.com commit -q -m base
}

# single: one Kustomization `apps` → ./apps/prod.
single=$work/single
make_workload "$single" "$apps"
sync "$single"
ks apps ./apps/prod > "$single/clusters/prod/apps.yaml"
commit "$single"

# per-app: one Kustomization per app, each directory the app with the overlay's transforms.
perapp=$work/per-app
make_workload "$perapp" "$apps"
sync "$perapp"
for f in "$perapp"/apps/base/app*.yaml; do
  name=$(basename "$f" .yaml)
  mkdir -p "$perapp/per-app/$name"
  cp "$f" "$perapp/per-app/$name/app.yaml"
  cat > "$perapp/per-app/$name/kustomization.yaml" <<'YAML'
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: bench
namePrefix: prod-
commonLabels:
  env: prod
commonAnnotations:
  owner: platform
images:
- name: nginx
  newTag: 1.25.3
resources:
- app.yaml
patches:
- target: {kind: Deployment}
  patch: |-
    - op: replace
      path: /spec/replicas
      value: 2
YAML
  ks "$name" "./per-app/$name" > "$perapp/clusters/prod/$name.yaml"
done
rm -rf "$perapp/apps"
commit "$perapp"

# measure DIR EXPECTED CMD... : RUNS runs in DIR, prints the median seconds; fails unless
# every run exits with EXPECTED.
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

# The reference: check out the base, kubectl kustomize every Kustomization directory on
# both sides, diff. DIR then the directories.
reference_diff() {
  local dir=$1
  shift
  cat > "$work/reference.sh" <<'SH'
set -e
dir=$1; kubectl=$2; shift 2
base=$(mktemp -d)
trap 'git -C "$dir" worktree remove --force "$base/tree" >/dev/null 2>&1; rm -rf "$base"' EXIT
git -C "$dir" worktree add -q --detach "$base/tree" main
for d in "$@"; do
  "$kubectl" kustomize "$base/tree/$d" > "$base/a.yaml"
  "$kubectl" kustomize "$dir/$d" > "$base/b.yaml"
  diff -u "$base/a.yaml" "$base/b.yaml" || true
done
SH
  echo bash "$work/reference.sh" "$dir" "$kubectl" "$@"
}

results=()
run_case() { # LAYOUT DIR CHANGE-DESCRIPTION REFERENCE-DIRS...
  local layout=$1 dir=$2 what=$3
  shift 3
  local f r=""
  f=$(measure "$dir" 1 "$flux" diff --base main)
  if [ "$reference" = 1 ]; then
    # shellcheck disable=SC2046
    r=$(measure "$dir" 0 $(reference_diff "$dir" "$@"))
  fi
  results+=("$layout|$what|$f|$r")
}

if [[ " $layouts " == *" single "* ]]; then
# single, one file.
sed -i 's/value-1"/value-1-changed"/' "$single/apps/base/app0001.yaml"
run_case single "$single" "one file changed" apps/prod
git -C "$single" checkout -q -- .
# single, every app.
sed -i 's/value: base}/value: changed}/' "$single"/apps/base/app*.yaml
run_case single "$single" "every app changed" apps/prod
git -C "$single" checkout -q -- .
fi

if [[ " $layouts " == *" per-app "* ]]; then
dirs=()
for d in "$perapp"/per-app/app*; do dirs+=("per-app/$(basename "$d")"); done
sed -i 's/value-1"/value-1-changed"/' "$perapp/per-app/app0001/app.yaml"
run_case per-app "$perapp" "one file changed" "${dirs[@]}"
git -C "$perapp" checkout -q -- .
sed -i 's/value: base}/value: changed}/' "$perapp"/per-app/app*/app.yaml
run_case per-app "$perapp" "every app changed" "${dirs[@]}"
git -C "$perapp" checkout -q -- .
fi

python3 - "$apps" "$runs" "${results[@]}" <<'PY'
import sys
apps, runs, rows = sys.argv[1], sys.argv[2], sys.argv[3:]
targets = {"one file changed": 0.5, "every app changed": 2.0}
print(f"flux-rs diff --base main, {apps} apps, whole process, median of {runs} runs")
print(f"{'layout':<9}{'change':<19}{'flux-rs':>10}{'target':>9}{'reference':>12}{'ratio':>8}")
for row in rows:
    layout, what, f, r = row.split("|")
    f = float(f)
    ok = "ok" if f < targets[what] else "MISSED"
    ref = f"{float(r)*1000:>10.0f}ms" if r else f"{'-':>12}"
    ratio = f"{float(r)/f:>7.1f}x" if r else f"{'-':>8}"
    print(f"{layout:<9}{what:<19}{f*1000:>8.0f}ms{'<'+str(targets[what])+'s':>7} {ok:<3}{ref}{ratio}")
print("reference: git worktree of main + kubectl kustomize of each Kustomization directory on both sides + diff -u")
PY
