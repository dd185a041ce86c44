#!/usr/bin/env bash
# Micro-benchmark of the apply engine alone: flux-rs's staged, validated, only-changed apply
# (bench/apply_bench.rs) against `kubectl apply --server-side`, on the same API server, with
# the same rendered objects (901 by default: 300 Deployments, Services and ConfigMaps and a
# Namespace, from gen-repo.py's overlay apps/prod rendered once with `kubectl kustomize`).
#
#   bench/apply.sh                       # starts its own dev cluster "bench-apply", stops it after
#   KUBECONFIG=... bench/apply.sh        # uses an existing cluster (BENCH_KUBECONFIG also works)
#
# Environment: GEN_REPO (path of gen-repo.py, default ../shared/bench/gen-repo.py next to the
# repository), APPS (default 300), ROUNDS (default 3, median reported), CONCURRENCY (flux-rs
# requests in flight, default: the engine's default), PROFILE (cargo profile, default release).
# Each round uses fresh namespaces, so every "first" apply creates everything.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$PWD

GEN_REPO=${GEN_REPO:-$repo/../shared/bench/gen-repo.py}
APPS=${APPS:-300}
ROUNDS=${ROUNDS:-3}
PROFILE=${PROFILE:-release}

command -v kubectl >/dev/null || { echo "kubectl is needed (render once, and the reference run)" >&2; exit 1; }
[ -f "$GEN_REPO" ] || { echo "gen-repo.py not found at $GEN_REPO (set GEN_REPO)" >&2; exit 1; }

work=$(mktemp -d)
cluster=""
cleanup() {
  [ -n "$cluster" ] && scripts/dev-cluster down "$cluster" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

kc=${BENCH_KUBECONFIG:-${KUBECONFIG:-}}
if [ -z "$kc" ]; then
  cluster=bench-apply
  kc=$(scripts/dev-cluster up "$cluster")
fi
export KUBECONFIG=$kc

echo "==> building apply-bench ($PROFILE)" >&2
cargo build --quiet --profile "$PROFILE" --example apply-bench
dir=$([ "$PROFILE" = dev ] && echo debug || echo "$PROFILE")
bin=${CARGO_TARGET_DIR:-$repo/target}/$dir/examples/apply-bench

echo "==> rendering $APPS apps" >&2
python3 "$GEN_REPO" "$work/repo" "$APPS"
kubectl kustomize "$work/repo/apps/prod" > "$work/rendered.yaml"
objects=$(grep -c '^kind:' "$work/rendered.yaml")

now() { date +%s.%N; }
# Runs "$@" and prints its wall time in seconds.
timed() {
  local t0 t1
  t0=$(now)
  "$@" >"$work/out" 2>&1 || { cat "$work/out" >&2; exit 1; }
  t1=$(now)
  awk "BEGIN { print $t1 - $t0 }"
}
for_ns() { sed -e "s/^  namespace: bench\$/  namespace: $1/" -e "s/^  name: bench\$/  name: $1/" "$work/rendered.yaml"; }

conc=()
[ -n "${CONCURRENCY:-}" ] && conc=(--concurrency "$CONCURRENCY")
declare -a f1 f2 k1 k2
for r in $(seq 1 "$ROUNDS"); do
  for_ns "bench-flux-$r" > "$work/flux.yaml"
  for_ns "bench-kubectl-$r" > "$work/kubectl.yaml"
  f1+=("$(timed "$bin" --kubeconfig "$kc" "${conc[@]}" --name "bench-$r" "$work/flux.yaml")"); echo "    flux-rs first:   $(cat "$work/out")" >&2
  f2+=("$(timed "$bin" --kubeconfig "$kc" "${conc[@]}" --name "bench-$r" "$work/flux.yaml")"); echo "    flux-rs no-op:   $(cat "$work/out")" >&2
  k1+=("$(timed kubectl apply --server-side -f "$work/kubectl.yaml")")
  k2+=("$(timed kubectl apply --server-side -f "$work/kubectl.yaml")")
  printf 'round %d: flux-rs first %.2fs no-op %.2fs | kubectl first %.2fs second %.2fs\n' \
    "$r" "${f1[-1]}" "${f2[-1]}" "${k1[-1]}" "${k2[-1]}"
done

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
mf1=$(median "${f1[@]}"); mf2=$(median "${f2[@]}"); mk1=$(median "${k1[@]}"); mk2=$(median "${k2[@]}")
echo
echo "apply engine benchmark: $objects objects, $ROUNDS round(s), median wall time (process start to exit)"
printf '  %-22s %8s %8s %8s\n' "" flux-rs kubectl ratio
printf '  %-22s %7.2fs %7.2fs %7.1fx   (target >= 2x)\n' "first apply" "$mf1" "$mk1" "$(awk "BEGIN { print $mk1 / $mf1 }")"
printf '  %-22s %7.2fs %7.2fs %7.1fx   (target >= 10x)\n' "no-op apply" "$mf2" "$mk2" "$(awk "BEGIN { print $mk2 / $mf2 }")"
