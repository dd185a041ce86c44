#!/usr/bin/env bash
# Benchmark: `flux-rs kustomize` against `kubectl kustomize` (kustomize v5.5.0) on the same
# workload, in the same run. Prints the median wall time of each, the ratio, the peak RSS of
# each, and checks that both print identical output. Target: flux-rs >= 10x faster.
#
#   bench/kustomize.sh [APPS] [RUNS]     # defaults: 300 apps (901 objects), 5 runs each
#
# Workload: the `apps/prod` overlay of a repository with APPS apps in `apps/base` (each a
# Deployment, a Service and a ConfigMap) plus a Namespace; the overlay sets namespace,
# namePrefix, commonLabels, commonAnnotations, an image tag and a JSON 6902 patch on every
# Deployment. It is made by the shared generator `bench/gen-repo.py OUT APPS` of the
# project's shared workspace when that exists (set GEN_REPO to its path, or it is looked for
# at ../shared/bench/gen-repo.py next to the repository); otherwise this script writes the
# same workload itself (generate_workload below), so the benchmark runs anywhere.
#
# Environment: FLUX_RS (binary; default target/release/flux-rs, built if missing),
# KUBECTL (default kubectl), GEN_REPO (generator script), KEEP=1 keeps the work directory.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$PWD
apps=${1:-300}
runs=${2:-5}
kubectl=${KUBECTL:-kubectl}
flux=${FLUX_RS:-$repo/target/release/flux-rs}

command -v "$kubectl" >/dev/null || { echo "kubectl not found (set KUBECTL)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 is needed to measure time and memory" >&2; exit 1; }
if [ ! -x "$flux" ]; then
  echo "building flux-rs (release)..." >&2
  cargo build --release --quiet
fi

work=$(mktemp -d)
[ "${KEEP:-}" = 1 ] || trap 'rm -rf "$work"' EXIT

# shellcheck source=bench/workload.sh
. "$repo/bench/workload.sh"
make_workload "$work/repo" "$apps"

# measure CMD... : runs the command RUNS times in $work/repo, prints "median_seconds peak_rss_kib"
measure() {
  python3 - "$runs" "$work/out" "$@" <<'PY'
import resource, statistics, subprocess, sys, time
runs, out, cmd = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
times, peak = [], 0
for _ in range(runs):
    with open(out, "wb") as f:
        start = time.perf_counter()
        p = subprocess.run(cmd, stdout=f, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    if p.returncode != 0:
        sys.exit(f"{cmd[0]} failed with exit code {p.returncode}")
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"{statistics.median(times):.4f} {peak}")
PY
}

cd "$work/repo"
objects=$( "$flux" kustomize apps/prod | grep -c '^kind: ' )
read -r k_time k_rss < <(measure "$kubectl" kustomize apps/prod)
cp "$work/out" "$work/kubectl.yaml"
read -r f_time f_rss < <(measure "$flux" kustomize apps/prod)
cp "$work/out" "$work/flux-rs.yaml"

if cmp -s "$work/kubectl.yaml" "$work/flux-rs.yaml"; then same="identical"; else same="DIFFERENT"; fi
python3 - "$k_time" "$k_rss" "$f_time" "$f_rss" "$objects" "$runs" "$same" <<'PY'
import sys
kt, kr, ft, fr, objects, runs, same = sys.argv[1:]
kt, ft = float(kt), float(ft)
print(f"apps/prod: {objects} objects, median of {runs} runs each")
print(f"{'tool':<18}{'time':>10}{'peak RSS':>12}")
print(f"{'kubectl kustomize':<18}{kt*1000:>8.0f}ms{int(kr)/1024:>9.1f}MiB")
print(f"{'flux-rs kustomize':<18}{ft*1000:>8.0f}ms{int(fr)/1024:>9.1f}MiB")
ratio = kt / ft if ft > 0 else float('inf')
print(f"ratio: flux-rs is {ratio:.1f}x faster (target >= 10x)")
print(f"output: {same}")
PY
if [ "$same" != identical ]; then
  diff "$work/kubectl.yaml" "$work/flux-rs.yaml" | head -20 >&2
  exit 1
fi
