#!/usr/bin/env bash
# Benchmark of the controller: `flux-rs controller` (release build) runs as a local process
# against a real API server and reconciles GitRepositories that point at Git repositories on
# this machine (file://).
#
#   1. Latency from a commit to the Kustomization being Ready at the new revision, one
#      Kustomization of 901 objects (the apps/prod overlay of bench/workload.sh, 300 apps);
#      each commit changes one ConfigMap:
#      a. interval: the GitRepository and the Kustomization have `interval: 10s`; nothing else
#         happens (the time to the next fetch is random: up to 10s);
#      b. request: intervals of 1h, and right after the commit
#         `flux-rs reconcile ks NAME --with-source --controller`, which annotates the
#         GitRepository with reconcile.fluxcd.io/requestedAt, waits for its new revision, then
#         annotates the Kustomization and waits for Ready, as `flux reconcile ks --with-source`
#         does (the time includes that process).
#      Commit → Ready is measured with `kubectl wait --for=jsonpath` on
#      .status.lastAppliedRevision (a watch), then Ready=True is checked.
#   2. Steady state: 50 Kustomizations of 40 objects each (2,000 objects, one GitRepository,
#      every interval INTERVAL), nothing changing: CPU time (utime+stime from /proc/PID/stat)
#      and resident memory (VmRSS from /proc/PID/status, sampled every 5s, split into
#      RssAnon and RssFile) of the controller
#      over DURATION, and the reconciliations it ran meanwhile (from its /metrics).
#
#   bench/controller.sh                   # starts its own dev cluster "bench-controller", stops it after
#   KUBECONFIG=... bench/controller.sh    # uses an existing cluster (BENCH_KUBECONFIG also works)
#
# Environment: PARTS (`latency`, `steady` or both, the default: `latency,steady`), SAMPLES
# (commits per latency mode, default 5), INTERVAL (steady-state interval of
# the GitRepository and the Kustomizations, default 1m), DURATION (steady-state window in
# seconds, default 300), PROFILE (cargo profile, default release), GEN_REPO (path of
# gen-repo.py; default ../shared/bench/gen-repo.py next to the repository, else
# bench/workload.sh writes the same tree). Needs git, kubectl (client >= 1.23, only to create
# objects and watch), python3 when gen-repo.py is used.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$PWD

PARTS=${PARTS:-latency,steady}
SAMPLES=${SAMPLES:-5}
INTERVAL=${INTERVAL:-1m}
DURATION=${DURATION:-300}
PROFILE=${PROFILE:-release}
NS=flux-system

command -v kubectl >/dev/null || { echo "kubectl is needed (creating objects, watching them)" >&2; exit 1; }
command -v git >/dev/null || { echo "git is needed" >&2; exit 1; }

work=$(mktemp -d)
cluster=""
ctl_pid=""
cleanup() {
  [ -n "$ctl_pid" ] && kill "$ctl_pid" 2>/dev/null && wait "$ctl_pid" 2>/dev/null || true
  [ -n "$cluster" ] && scripts/dev-cluster down "$cluster" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

kc=${BENCH_KUBECONFIG:-${KUBECONFIG:-}}
if [ -z "$kc" ]; then
  cluster=bench-controller
  kc=$(scripts/dev-cluster up "$cluster")
fi
export KUBECONFIG=$kc

echo "==> building flux-rs ($PROFILE)" >&2
cargo build --quiet --profile "$PROFILE" --bin flux-rs
dir=$([ "$PROFILE" = dev ] && echo debug || echo "$PROFILE")
flux=${CARGO_TARGET_DIR:-$repo/target}/$dir/flux-rs

echo "==> installing the CRDs" >&2
"$flux" install --kubeconfig "$kc" >/dev/null 2>&1

# shellcheck source=bench/workload.sh
. "$repo/bench/workload.sh"
git_() { git -C "$1" -c user.name=bench -c user.email=bench@example.com "${@:2}"; }
now() { date +%s.%N; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
max() { printf '%s\n' "$@" | sort -g | tail -1; }

# shellcheck source=bench/controller-lib.sh
. "$repo/bench/controller-lib.sh"
echo "==> starting flux-rs controller" >&2
start_controller "$flux" "$kc" "$NS" "$work"

# Waits until Kustomization $1 has applied revision $2 (written with Ready=True by the same
# status update) and is Ready (an interval reconciliation may be running: Ready=Unknown until
# it ends); fails after $3 (kubectl duration).
wait_applied() {
  kubectl wait -n "$NS" --for=jsonpath='{.status.lastAppliedRevision}'="$2" "kustomization/$1" \
    --timeout="$3" >/dev/null
  kubectl wait -n "$NS" --for=condition=Ready "kustomization/$1" --timeout="$3" >/dev/null
}

# --- 1. latency -------------------------------------------------------------------------
declare -a by_interval by_request
objects=0 first=0
if [[ ,$PARTS, == *,latency,* ]]; then
src=$work/latency
make_workload "$src" 300
git_ "$src" init -q -b main
git_ "$src" add -A
git_ "$src" commit -qm apps
objects=$(kubectl kustomize "$src/apps/prod" 2>/dev/null | grep -c '^kind:')
{
  "$flux" create source git latency --url "file://$src" --branch main --interval 10s -n "$NS" --export
  "$flux" create kustomization latency --source GitRepository/latency --path ./apps/prod --prune \
    --interval 10s -n "$NS" --export
} | kubectl apply --server-side -f - >/dev/null
echo "==> first reconciliation of $objects objects" >&2
t0=$(now)
wait_applied latency "main@sha1:$(git -C "$src" rev-parse HEAD)" 600s
first=$(awk "BEGIN { print $(now) - $t0 }")

# One commit changing one ConfigMap of the workload.
commit_change() {
  sed -i "s/^  other: .*/  other: \"$1\"/" "$src/apps/base/app0000.yaml"
  git_ "$src" commit -qam "$1"
  git -C "$src" rev-parse HEAD
}

echo "==> latency, interval 10s ($SAMPLES commits at random moments)" >&2
for i in $(seq 1 "$SAMPLES"); do
  sleep "$(awk "BEGIN { srand($i + $$); printf \"%.1f\", 2 + rand() * 10 }")"
  t0=$(now)
  sha=$(commit_change "interval-$i")
  wait_applied latency "main@sha1:$sha" 120s
  by_interval+=("$(awk "BEGIN { print $(now) - $t0 }")")
  echo "    commit $i: ${by_interval[-1]}s" >&2
done

kubectl patch -n "$NS" gitrepository/latency --type merge -p '{"spec":{"interval":"1h"}}' >/dev/null
kubectl patch -n "$NS" kustomization/latency --type merge -p '{"spec":{"interval":"1h"}}' >/dev/null
sleep 3
echo "==> latency, reconcile ks --with-source right after the commit ($SAMPLES commits)" >&2
for i in $(seq 1 "$SAMPLES"); do
  sleep 2
  t0=$(now)
  sha=$(commit_change "request-$i")
  "$flux" reconcile ks latency --with-source --controller -n "$NS" --kubeconfig "$kc" >"$work/out" 2>&1 ||
    { cat "$work/out" >&2; exit 1; }
  by_request+=("$(awk "BEGIN { print $(now) - $t0 }")")
  grep -q "applied revision main@sha1:$sha" "$work/out" || { cat "$work/out" >&2; exit 1; }
  wait_applied latency "main@sha1:$sha" 10s
  echo "    commit $i: ${by_request[-1]}s" >&2
done

echo "==> removing the latency Kustomization (its objects are garbage-collected)" >&2
kubectl delete -n "$NS" kustomization/latency gitrepository/latency --wait=true --timeout=600s >/dev/null
fi

# --- 2. steady state --------------------------------------------------------------------
if [[ ,$PARTS, == *,steady,* ]]; then

steady=$work/steady
make_workload "$steady" 13
for i in $(seq -w 1 50); do
  mkdir -p "$steady/apps/t$i"
  sed "s/^namespace: bench\$/namespace: bench-t$i/" "$steady/apps/prod/kustomization.yaml" >"$steady/apps/t$i/kustomization.yaml"
  sed "s/^  name: bench\$/  name: bench-t$i/" "$steady/apps/prod/namespace.yaml" >"$steady/apps/t$i/namespace.yaml"
done
git_ "$steady" init -q -b main
git_ "$steady" add -A
git_ "$steady" commit -qm tenants
ssha=$(git -C "$steady" rev-parse HEAD)
per_ks=$(kubectl kustomize "$steady/apps/t01" 2>/dev/null | grep -c '^kind:')
{
  "$flux" create source git steady --url "file://$steady" --branch main --interval "$INTERVAL" -n "$NS" --export
  for i in $(seq -w 1 50); do
    "$flux" create kustomization "t$i" --source GitRepository/steady --path "./apps/t$i" --prune \
      --interval "$INTERVAL" -n "$NS" --export
  done
} | kubectl apply --server-side -f - >/dev/null
echo "==> 50 Kustomizations x $per_ks objects: waiting for all to be Ready" >&2
t0=$(now)
for i in $(seq -w 1 50); do wait_applied "t$i" "main@sha1:$ssha" 900s; done
initial=$(awk "BEGIN { print $(now) - $t0 }")
echo "    all Ready after ${initial}s; settling for one interval ($INTERVAL)" >&2
sleep "$(duration_seconds "$INTERVAL")"

applies_before=$(grep -c 'server-side apply' "$work/controller.log" || true)
r0=$(metric_sum gotk_reconcile_total 'kind="Kustomization"')
g0=$(metric_sum gotk_reconcile_total 'kind="GitRepository"')
echo "==> steady state for ${DURATION}s (load average at start: $(load))" >&2
sample_steady "$DURATION"
r1=$(metric_sum gotk_reconcile_total 'kind="Kustomization"')
g1=$(metric_sum gotk_reconcile_total 'kind="GitRepository"')
applies_after=$(grep -c 'server-side apply' "$work/controller.log" || true)
fi

echo
echo "controller benchmark (flux-rs controller, $PROFILE build; load average at the end: $(load))"
if [[ ,$PARTS, == *,latency,* ]]; then
echo "latency, commit -> Kustomization Ready at the new revision ($objects objects, one ConfigMap changed per commit):"
printf '  %-44s median %6.2fs   max %6.2fs   (%s samples)\n' "interval 10s" \
  "$(median "${by_interval[@]}")" "$(max "${by_interval[@]}")" "$SAMPLES"
printf '  %-44s median %6.2fs   max %6.2fs   (%s samples)\n' "reconcile ks --with-source after the commit" \
  "$(median "${by_request[@]}")" "$(max "${by_request[@]}")" "$SAMPLES"
printf '  (first reconciliation of the %s objects: %.1fs)\n' "$objects" "$first"
fi
[[ ,$PARTS, == *,steady,* ]] || exit 0
echo "steady state, 50 Kustomizations x $per_ks objects = $(( 50 * per_ks )) objects, interval $INTERVAL, nothing changing:"
printf '  reconciliations        %d Kustomization, %d GitRepository; objects written: %d apply log lines\n' \
  "$(awk "BEGIN { print $r1 - $r0 }")" "$(awk "BEGIN { print $g1 - $g0 }")" "$(( applies_after - applies_before ))"
print_steady
printf '  (all 50 Ready %.1fs after creation)\n' "$initial"
