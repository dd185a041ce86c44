#!/usr/bin/env bash
# Benchmark of a one-shot reconcile of a Kustomization (Git checkout, build, validate, staged
# apply, prune, status and events) against `kubectl apply --server-side` of the same rendered
# objects, on the same API server in the same run: 901 objects by default (the overlay
# apps/prod of bench/workload.sh: 300 Deployments, Services and ConfigMaps and a Namespace),
# in a Git repository on this machine.
#
#   bench/reconcile.sh                    # starts its own dev cluster "bench-reconcile", stops it after
#   KUBECONFIG=... bench/reconcile.sh     # uses an existing cluster (BENCH_KUBECONFIG also works)
#
# Each round commits the overlay with fresh namespaces, creates a GitRepository pointing at the
# repository (`flux-rs create source git --url file://...`, which fetches the commit into the
# CLI's cache) and a Kustomization for ./apps/prod (prune on, not reconciled yet), then times:
#   flux-rs first    `flux-rs reconcile kustomization NAME --local`: the first reconcile
#                    (everything created)
#   flux-rs no-op    the same command again (nothing changed)
#   kubectl first    `kubectl apply --server-side` of the rendered objects into fresh namespaces
#   kubectl second   the same apply again
# and prints median wall times (process start to exit) and the ratios. The flux-rs commands
# run exactly as a user runs them: the revision recorded in the GitRepository comes out of the
# CLI's cache (XDG_CACHE_HOME, a directory of the run).
#
# Environment: APPS (default 300), GEN_REPO (path of gen-repo.py; default
# ../shared/bench/gen-repo.py next to the repository, else bench/workload.sh writes the same
# tree), REPO (use this Git repository instead: its apps/prod overlay must set
# `namespace: bench` and hold a Namespace `bench`), ROUNDS (default 3, median reported),
# PROFILE (cargo profile, default release), SETTLE (seconds to let the server settle before
# each timed command, default 5: the controller-manager's garbage collector and
# service-account controllers still process the previous command's objects, and whichever
# command ran next would pay for it).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$PWD

APPS=${APPS:-300}
ROUNDS=${ROUNDS:-3}
PROFILE=${PROFILE:-release}
SETTLE=${SETTLE:-5}

command -v kubectl >/dev/null || { echo "kubectl is needed (rendering and the reference run)" >&2; exit 1; }
command -v git >/dev/null || { echo "git is needed" >&2; exit 1; }

work=$(mktemp -d)
cluster=""
cleanup() {
  [ -n "$cluster" ] && scripts/dev-cluster down "$cluster" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

kc=${BENCH_KUBECONFIG:-${KUBECONFIG:-}}
if [ -z "$kc" ]; then
  cluster=bench-reconcile
  kc=$(scripts/dev-cluster up "$cluster")
fi
export KUBECONFIG=$kc

echo "==> building flux-rs ($PROFILE)" >&2
cargo build --quiet --profile "$PROFILE" --bin flux-rs
dir=$([ "$PROFILE" = dev ] && echo debug || echo "$PROFILE")
flux=${CARGO_TARGET_DIR:-$repo/target}/$dir/flux-rs
# The CLI's Git and artifact cache, for this run only.
export XDG_CACHE_HOME=$work/cache
NS=flux-system

echo "==> installing the CRDs" >&2
"$flux" install --kubeconfig "$kc" >/dev/null 2>&1

src=$work/repo
if [ -n "${REPO:-}" ]; then
  git clone -q "$REPO" "$src"
else
  # shellcheck source=bench/workload.sh
  . "$repo/bench/workload.sh"
  make_workload "$src" "$APPS"
  git -C "$src" init -q -b main
  git -C "$src" add -A
  git -C "$src" -c user.name=bench -c user.email=bench@example.com commit -qm "apps"
fi
cp "$src/apps/prod/kustomization.yaml" "$work/kustomization.yaml"
cp "$src/apps/prod/namespace.yaml" "$work/namespace.yaml"

now() { date +%s.%N; }
# Runs "$@" (after letting the server settle) and prints its wall time in seconds.
timed() {
  local t0 t1
  sleep "$SETTLE"
  t0=$(now)
  "$@" >"$work/out" 2>&1 || { cat "$work/out" >&2; exit 1; }
  t1=$(now)
  awk "BEGIN { print $t1 - $t0 }"
}
# The overlay with its namespace renamed.
overlay_for() {
  sed "s/^namespace: bench\$/namespace: $1/" "$work/kustomization.yaml" > "$src/apps/prod/kustomization.yaml"
  sed "s/^  name: bench\$/  name: $1/" "$work/namespace.yaml" > "$src/apps/prod/namespace.yaml"
}

declare -a f1 f2 k1 k2
objects=0
for r in $(seq 1 "$ROUNDS"); do
  overlay_for "bench-flux-$r"
  git -C "$src" -c user.name=bench -c user.email=bench@example.com commit -qam "round $r"
  sha=$(git -C "$src" rev-parse HEAD)
  overlay_for "bench-kubectl-$r"
  kubectl kustomize "$src/apps/prod" > "$work/kubectl.yaml" 2>/dev/null
  git -C "$src" checkout -q -- apps/prod
  objects=$(grep -c '^kind:' "$work/kubectl.yaml")

  "$flux" create source git "bench-$r" --url "file://$src" --branch main --interval 1h \
    -n "$NS" --kubeconfig "$kc" >/dev/null 2>&1
  "$flux" create kustomization "bench-$r" --source "GitRepository/bench-$r" --path ./apps/prod \
    --prune --interval 1h -n "$NS" --export | kubectl apply --server-side -f - >/dev/null
  f1+=("$(timed "$flux" reconcile kustomization "bench-$r" --local -n "$NS" --kubeconfig "$kc")")
  grep -q "applied revision main@sha1:$sha" "$work/out" || { cat "$work/out" >&2; exit 1; }
  f2+=("$(timed "$flux" reconcile kustomization "bench-$r" --local -n "$NS" --kubeconfig "$kc")")
  k1+=("$(timed kubectl apply --server-side -f "$work/kubectl.yaml")")
  k2+=("$(timed kubectl apply --server-side -f "$work/kubectl.yaml")")
  printf 'round %d: flux-rs first %.2fs no-op %.2fs | kubectl first %.2fs second %.2fs\n' \
    "$r" "${f1[-1]}" "${f2[-1]}" "${k1[-1]}" "${k2[-1]}"
done

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
mf1=$(median "${f1[@]}"); mf2=$(median "${f2[@]}"); mk1=$(median "${k1[@]}"); mk2=$(median "${k2[@]}")
echo
echo "reconcile benchmark: $objects objects, $ROUNDS round(s), median wall time (process start to exit)"
printf '  %-22s %8s %8s %8s\n' "" flux-rs kubectl ratio
printf '  %-22s %7.2fs %7.2fs %7.1fx   (target >= 2x)\n' "first reconcile" "$mf1" "$mk1" "$(awk "BEGIN { print $mk1 / $mf1 }")"
printf '  %-22s %7.2fs %7.2fs %7.1fx   (target >= 10x)\n' "no-op reconcile" "$mf2" "$mk2" "$(awk "BEGIN { print $mk2 / $mf2 }")"
