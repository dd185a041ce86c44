#!/usr/bin/env bash
# Benchmark: `flux-rs diff kustomization` against `kubectl diff --server-side` on the same
# API server, the same objects and the same rendered files, in the same run. Target: flux-rs
# at least 5x faster, both finding the same set of changed objects.
#
#   bench/diff.sh                        # starts its own dev cluster "bench-diff", stops it after
#   KUBECONFIG=... bench/diff.sh         # uses an existing cluster (BENCH_KUBECONFIG also works)
#
# Workload (bench/workload.sh): the `apps/prod` overlay of a generated repository, 300 apps =
# 901 objects by default (a Namespace, 300 Deployments, Services and ConfigMaps). It comes from
# the shared generator `gen-repo.py OUT 300` when the shared workspace has it (GEN_REPO, or
# ../shared/bench/gen-repo.py next to the repository); without it, bench/workload.sh writes
# the same tree itself, so the benchmark runs anywhere.
#
# Steps:
# 1. Render once with `flux-rs build kustomization --dry-run` (a Kustomization file named
#    `bench` in flux-system, prune on): the objects a reconcile applies, owner labels included.
# 2. Apply them with flux-rs's own apply engine (bench/apply_bench.rs: field manager
#    kustomize-controller, the Kustomization's owner labels), exactly what a reconcile
#    writes. Both tools then compare against the same cluster state: what kustomize-controller
#    (or flux-rs's controller) leaves. kubectl diff runs with the same field manager and
#    --force-conflicts, so its server-side dry-run is the one flux-rs's apply would send;
#    applying with `kubectl apply --server-side --field-manager=kustomize-controller` instead
#    gives the same managed fields, but would not be what a reconcile does.
# 3. No change: `flux-rs diff` (build included: it reads the directory, not the rendered
#    file) against `kubectl diff --server-side -f rendered.yaml` (given the rendering for free).
# 4. Ten objects changed in the repository (5 ConfigMaps' data, 5 Deployments' env): the same
#    again, on a fresh rendering; the changed objects of both are compared.
#
# Environment: APPS (default 300), ROUNDS (default 3; the median is reported), FLUX_RS
# (binary; default target/release/flux-rs, built if missing), KUBECTL (default kubectl),
# KEEP=1 keeps the work directory.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$PWD
apps=${APPS:-300}
rounds=${ROUNDS:-3}
kubectl=${KUBECTL:-kubectl}
flux=${FLUX_RS:-$repo/target/release/flux-rs}
applier=$repo/target/release/examples/apply-bench

command -v "$kubectl" >/dev/null || { echo "kubectl not found (set KUBECTL): it is the reference" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 is needed to measure times" >&2; exit 1; }
if [ ! -x "$flux" ] || [ ! -x "$applier" ]; then
  echo "==> building flux-rs and apply-bench (release)" >&2
  cargo build --release --quiet --bin flux-rs --example apply-bench
fi

work=$(mktemp -d)
cluster=""
cleanup() {
  [ -n "$cluster" ] && scripts/dev-cluster down "$cluster" >/dev/null 2>&1 || true
  [ "${KEEP:-}" = 1 ] || rm -rf "$work"
}
trap cleanup EXIT

kc=${BENCH_KUBECONFIG:-${KUBECONFIG:-}}
if [ -z "$kc" ]; then
  cluster=bench-diff
  kc=$(scripts/dev-cluster up "$cluster")
fi
export KUBECONFIG=$kc

# shellcheck source=bench/workload.sh
. "$repo/bench/workload.sh"
make_workload "$work/repo" "$apps"
cat > "$work/ks.yaml" <<'YAML'
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: bench
  namespace: flux-system
spec:
  interval: 10m
  prune: true
  path: ./apps/prod
  sourceRef:
    kind: GitRepository
    name: flux-system
YAML
cd "$work/repo"
render() { "$flux" build ks bench --path apps/prod --kustomization-file "$work/ks.yaml" --dry-run > "$1"; }
render "$work/rendered.yaml"
objects=$(grep -c '^kind: ' "$work/rendered.yaml")
namespace=$(awk '/^kind: Namespace/ {ns=1} ns && /^  name: / {print $2; exit}' "$work/rendered.yaml")
"$kubectl" delete namespace "$namespace" --ignore-not-found --wait=true >/dev/null

echo "==> applying $objects objects with flux-rs's apply engine (as a reconcile)" >&2
"$applier" --kubeconfig "$kc" --name bench "$work/rendered.yaml" >&2

diff_flux=("$flux" diff ks bench --path apps/prod --kustomization-file "$work/ks.yaml" --ignore-not-found --progress-bar=false)
diff_kubectl=("$kubectl" diff --server-side --field-manager=kustomize-controller --force-conflicts)

# measure OUT CMD... : runs CMD ROUNDS times (exit 0 or 1 accepted: 1 means "changes"), keeps
# the last output in OUT, prints the median wall time in seconds.
measure() {
  python3 - "$rounds" "$@" <<'PY'
import statistics, subprocess, sys, time
rounds, out, cmd = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
times = []
for _ in range(rounds):
    with open(out, "wb") as f:
        start = time.perf_counter()
        p = subprocess.run(cmd, stdout=f, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    if p.returncode not in (0, 1):
        sys.exit(f"{cmd[0]} failed with exit code {p.returncode}")
print(f"{statistics.median(times):.4f}")
PY
}

# changed_flux JSON / changed_kubectl DIFF-OUTPUT: one "Kind/namespace/name" per line, sorted.
changed_flux() {
  python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
for c in d["changes"]:
    print("/".join(x for x in (c["kind"], c.get("namespace", ""), c["name"]) if x))
' "$1" | sort
}
changed_kubectl() {
  # kubectl diff names each file <group.>version.Kind.namespace.name under LIVE-*/MERGED-*.
  { grep '^diff -u -N ' "$1" || true; } | awk '{print $NF}' | sed 's|.*/||' | python3 -c '
import sys
for line in sys.stdin:
    parts = line.strip().split(".")
    # apps.v1.Deployment.ns.name | v1.ConfigMap.ns.name (names may contain dots: rejoin)
    i = next(i for i, p in enumerate(parts) if p[:1].isupper())
    kind, ns, name = parts[i], parts[i + 1], ".".join(parts[i + 2:])
    print(f"{kind}/{ns}/{name}")
' | sort
}

run_case() { # LABEL RENDERED EXPECTED-COUNT
  local label=$1 rendered=$2 expected=$3 ft kt
  ft=$(measure "$work/flux.out" "${diff_flux[@]}")
  kt=$(measure "$work/kubectl.out" "${diff_kubectl[@]}" -f "$rendered")
  "${diff_flux[@]}" -o json > "$work/flux.json" 2>/dev/null || true
  changed_flux "$work/flux.json" > "$work/flux.changed"
  changed_kubectl "$work/kubectl.out" > "$work/kubectl.changed"
  local fc kc2 same
  fc=$(wc -l < "$work/flux.changed"); kc2=$(wc -l < "$work/kubectl.changed")
  if cmp -s "$work/flux.changed" "$work/kubectl.changed" && [ "$fc" -eq "$expected" ]; then same=yes; else same=NO; fi
  printf '  %-24s %8.3fs %8.3fs %7.1fx   changed: flux-rs %d, kubectl %d, same set: %s\n' \
    "$label" "$ft" "$kt" "$(python3 -c "print($kt / $ft)")" "$fc" "$kc2" "$same"
  if [ "$same" != yes ]; then
    diff "$work/flux.changed" "$work/kubectl.changed" >&2 || true
    failed=1
  fi
}

failed=0
echo
echo "diff benchmark: $objects objects, median of $rounds run(s) each, wall time (process start to exit)"
printf '  %-24s %9s %9s %8s\n' "" flux-rs kubectl ratio
run_case "no change" "$work/rendered.yaml" 0

for i in 0 1 2 3 4; do
  f=$(printf 'apps/base/app%04d.yaml' "$i")
  sed -i 's/^  key: "value-\([0-9]*\)"$/  key: "changed-\1"/' "$f"
done
for i in 5 6 7 8 9; do
  f=$(printf 'apps/base/app%04d.yaml' "$i")
  sed -i 's/{name: MODE, value: base}/{name: MODE, value: changed}/' "$f"
done
render "$work/rendered-changed.yaml"
run_case "10 objects changed" "$work/rendered-changed.yaml" 10
echo "  (target: flux-rs >= 5x faster; flux-rs builds the directory itself, kubectl reads the rendered file)"
exit "$failed"
