#!/usr/bin/env bash
# Benchmark of HelmReleases (issue 17): flux-rs's HelmRelease reconcile against Helm's own Go
# SDK (Helm v4, PyPI helm-python-sdk, driven by scripts/helm-sdk.py), same chart, same values,
# same API server, same run.
#
# The chart is generated here at run time, shaped like a large monitoring umbrella chart:
# COMPONENTS components, each with three ConfigMaps, a Service (every port with `protocol`),
# a ServiceAccount, a Role, a RoleBinding and a Deployment (8 objects per component: 320 at
# the default 40). It is committed to a Git repository on this machine, read by flux-rs
# through a `file://` GitRepository and a HelmChart (`create source git`, `create source
# chart`); the SDK loads the same chart directory. Each sample uses fresh namespaces:
#
#   1. first install: the HelmRelease (chartRef HelmChart, install/upgrade.disableWait, the
#      same values) is applied with kubectl, then `flux-rs reconcile hr NAME` is timed (the
#      release installed: chart read, rendered, objects applied, the release Secret written);
#      against the SDK's install (no wait) into another namespace;
#   2. no-op: `flux-rs reconcile hr NAME` again, nothing changed, against the SDK's upgrade
#      with unchanged values (Helm has no no-op: it writes a new revision);
#   3. flux-rs only: the no-op again with `driftDetection.mode: enabled` (the release's objects
#      compared with the cluster), then a reconcile correcting a Deployment scaled and a
#      ConfigMap deleted with kubectl.
#   4. controller (PARTS=controller): `flux-rs controller` (a local process, as in
#      bench/controller.sh) reconciles RELEASES HelmReleases of a smaller chart
#      (STEADY_COMPONENTS components, 8 objects each) every INTERVAL with nothing changing;
#      its CPU time and resident memory are sampled over DURATION seconds.
#
# Times are the wall time of whole processes on both sides (the SDK's includes starting
# Python and loading Helm's shared library; the time of the action inside the process is
# printed too). Medians of SAMPLES samples; ratio = SDK / flux-rs (issue 17's targets: first
# install >= 1.5x, no-op >= 10x).
#
#   bench/helmrelease.sh                  # starts its own dev cluster "bench-hr", stops it after
#   KUBECONFIG=... bench/helmrelease.sh   # uses an existing cluster (BENCH_KUBECONFIG also works)
#
# Environment: PARTS (`actions`, `controller` or both, the default: `actions,controller`),
# SAMPLES (default 5), COMPONENTS (default 40), RELEASES (default 50), STEADY_COMPONENTS
# (default 5: 40 objects per release), INTERVAL (default 1m), DURATION (default 300), PROFILE (cargo profile, default
# release; `dev` for a debug build), HELM_SDK_PYTHON (default the venv scripts/test makes:
# ~/.cache/flux-rs/helm-sdk-venv/bin/python with helm-python-sdk==0.2.2). Honours
# CARGO_TARGET_DIR; BIN=path/to/flux-rs measures that binary instead of building one (say
# which build it is: PROFILE names it in the output). Needs git, kubectl, python3.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$PWD
SAMPLES=${SAMPLES:-5}
COMPONENTS=${COMPONENTS:-40}
PARTS=${PARTS:-actions,controller}
RELEASES=${RELEASES:-50}
STEADY_COMPONENTS=${STEADY_COMPONENTS:-5}
INTERVAL=${INTERVAL:-1m}
DURATION=${DURATION:-300}
PROFILE=${PROFILE:-release}
id=$RANDOM   # namespaces of this run: bench-hr-ID (the sources, the HelmReleases), fx-ID-N, sdk-ID-N
NS=bench-hr-$id
sdk_py=${HELM_SDK_PYTHON:-${XDG_CACHE_HOME:-$HOME/.cache}/flux-rs/helm-sdk-venv/bin/python}

command -v kubectl >/dev/null || { echo "kubectl is needed" >&2; exit 1; }
command -v git >/dev/null || { echo "git is needed" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 is needed" >&2; exit 1; }
"$sdk_py" -c 'import helm_python' 2>/dev/null || {
  echo "Helm's SDK is missing at $sdk_py: run scripts/test (it installs helm-python-sdk==0.2.2 there) or set HELM_SDK_PYTHON" >&2
  exit 1
}

work=$(mktemp -d)
cluster=""
ctl_pid=""
cleanup() {
  [ -n "$ctl_pid" ] && kill "$ctl_pid" 2>/dev/null && wait "$ctl_pid" 2>/dev/null || true
  [ -n "$cluster" ] && scripts/dev-cluster down "$cluster" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

if [ -n "${BIN:-}" ]; then
  bin=$BIN
else
  echo "==> building flux-rs ($PROFILE)" >&2
  cargo build --quiet --profile "$PROFILE" --bin flux-rs
  dir=$([ "$PROFILE" = dev ] && echo debug || echo "$PROFILE")
  bin=${CARGO_TARGET_DIR:-$repo/target}/$dir/flux-rs
fi

kc=${BENCH_KUBECONFIG:-${KUBECONFIG:-}}
if [ -z "$kc" ]; then
  cluster=bench-hr
  kc=$(scripts/dev-cluster up "$cluster")
fi
export KUBECONFIG=$kc
export XDG_CACHE_HOME=$work/cache
"$bin" install >/dev/null 2>&1 || "$bin" install
kubectl create namespace "$NS" >/dev/null

now() { date +%s.%N; }
# run LOG CMD...: runs CMD with its output in LOG, printed when it fails.
run() { local log=$1; shift; "$@" > "$log" 2>&1 || { echo "failed: $*" >&2; cat "$log" >&2; exit 1; }; }
# One SDK install or upgrade of the chart (scripts/helm-sdk.py: its answer as JSON on stdout).
sdk() {
  "$sdk_py" scripts/helm-sdk.py "$kc" "$1" "$2" "$chart" big "$values" >"$work/sdk.json" 2>"$work/sdk.log" ||
    { echo "failed: SDK $2 in $1" >&2; cat "$work/sdk.log" >&2; exit 1; }
}
# The seconds the last SDK action took inside its process; fails unless it ended deployed.
sdk_seconds() {
  python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
status = d.get("status")
if status != "deployed":
    sys.exit("the SDK left the release " + str(status))
print("%.3f" % d["seconds"])' "$work/sdk.json"
}
median() { python3 -c 'import statistics, sys; print(f"{statistics.median(float(a) for a in sys.argv[1:]):.3f}")' "$@"; }
ratio() { python3 -c "print(f'{$1 / $2:.1f}')"; }

# The chart, in a Git repository on this machine.
chart=$work/chart-repo/charts/stack
python3 bench/stack-chart.py "$chart" "$COMPONENTS"
python3 bench/stack-chart.py "$work/chart-repo/charts/small" "$STEADY_COMPONENTS"
objects=$((COMPONENTS * 8))
git -C "$work/chart-repo" init --quiet --initial-branch=main
git -C "$work/chart-repo" add -A
git -C "$work/chart-repo" -c user.name=bench -c user.email=bench@example.com commit --quiet -m chart
values='{"global": {"environment": "bench"}, "replicas": 2}'
echo "$values" > "$work/values.yaml"

echo "==> the sources (GitRepository file://, HelmChart charts/stack)" >&2
run "$work/src.log" "$bin" create source git stack --url "file://$work/chart-repo" --branch main -n "$NS"
run "$work/src.log" "$bin" create source chart stack --source GitRepository/stack --chart charts/stack -n "$NS"

if [[ ,$PARTS, == *,actions,* ]]; then
fx_install=(); fx_noop=(); fx_drift_noop=(); fx_drift_fix=(); sdk_install=(); sdk_noop=(); sdk_install_in=(); sdk_noop_in=()
for i in $(seq "$SAMPLES"); do
  echo "==> sample $i/$SAMPLES" >&2
  kubectl create namespace "fx-$id-$i" >/dev/null
  kubectl create namespace "sdk-$id-$i" >/dev/null
  "$bin" create hr "big-$i" --chart-ref HelmChart/stack --values "$work/values.yaml" --release-name big \
    --target-namespace "fx-$id-$i" --storage-namespace "fx-$id-$i" -n "$NS" --export > "$work/hr.yaml"
  kubectl apply -f "$work/hr.yaml" >/dev/null
  kubectl patch helmrelease "big-$i" -n "$NS" --type merge \
    -p '{"spec":{"install":{"disableWait":true},"upgrade":{"disableWait":true}}}' >/dev/null

  t0=$(now); run "$work/fx.log" "$bin" reconcile hr "big-$i" -n "$NS"; t1=$(now)
  fx_install+=("$(python3 -c "print($t1 - $t0)")")
  t0=$(now); run "$work/fx.log" "$bin" reconcile hr "big-$i" -n "$NS"; t1=$(now)
  fx_noop+=("$(python3 -c "print($t1 - $t0)")")
  grep -q "nothing to do" "$work/fx.log" || { echo "the second reconcile was not a no-op:" >&2; cat "$work/fx.log" >&2; exit 1; }

  # driftDetection enabled: the no-op now compares every object with the cluster, then a
  # Deployment scaled and a ConfigMap deleted out of band are corrected.
  kubectl patch helmrelease "big-$i" -n "$NS" --type merge \
    -p '{"spec":{"driftDetection":{"mode":"enabled"}}}' >/dev/null
  t0=$(now); run "$work/fx.log" "$bin" reconcile hr "big-$i" -n "$NS"; t1=$(now)
  fx_drift_noop+=("$(python3 -c "print($t1 - $t0)")")
  grep -q "nothing to do" "$work/fx.log" || { echo "drift found where there was none:" >&2; cat "$work/fx.log" >&2; exit 1; }
  kubectl scale deployment big-collector-000 -n "fx-$id-$i" --replicas=5 >/dev/null
  kubectl delete configmap big-collector-000-config -n "fx-$id-$i" >/dev/null
  t0=$(now); run "$work/fx.log" "$bin" reconcile hr "big-$i" -n "$NS"; t1=$(now)
  fx_drift_fix+=("$(python3 -c "print($t1 - $t0)")")
  grep -q "cluster drift corrected" "$work/fx.log" || { echo "the drift was not corrected:" >&2; cat "$work/fx.log" >&2; exit 1; }

  t0=$(now); sdk "sdk-$id-$i" install; t1=$(now)
  sdk_install+=("$(python3 -c "print($t1 - $t0)")"); sdk_install_in+=("$(sdk_seconds)")
  t0=$(now); sdk "sdk-$id-$i" upgrade; t1=$(now)
  sdk_noop+=("$(python3 -c "print($t1 - $t0)")"); sdk_noop_in+=("$(sdk_seconds)")

  # Both sides made the same objects.
  for ns in "fx-$id-$i" "sdk-$id-$i"; do
    n=$(kubectl get configmaps,services,serviceaccounts,roles,rolebindings,deployments -n "$ns" \
      -l app.kubernetes.io/part-of=stack -o name | wc -l)
    [ "$n" = "$objects" ] || { echo "namespace $ns holds $n of the chart's $objects objects" >&2; exit 1; }
  done
done

fi_=$(median "${fx_install[@]}"); fn=$(median "${fx_noop[@]}")
fdn=$(median "${fx_drift_noop[@]}"); fdf=$(median "${fx_drift_fix[@]}")
si=$(median "${sdk_install[@]}"); sn=$(median "${sdk_noop[@]}")
sii=$(median "${sdk_install_in[@]}"); sni=$(median "${sdk_noop_in[@]}")
[ "$PROFILE" = release ] || echo "NOTE: flux-rs built with PROFILE=$PROFILE (not release): its figures are slower than a release build's"
echo "chart: $COMPONENTS components, $objects objects; medians of $SAMPLES samples; ratio = Helm SDK / flux-rs"
echo "first install: flux-rs reconcile hr ${fi_}s, Helm SDK install ${si}s (in-process ${sii}s): ratio $(ratio "$si" "$fi_")x (target >= 1.5x)"
echo "no-op:         flux-rs reconcile hr ${fn}s, Helm SDK upgrade ${sn}s (in-process ${sni}s): ratio $(ratio "$sn" "$fn")x (target >= 10x)"
echo "no-op, driftDetection enabled: flux-rs reconcile hr ${fdn}s (every object compared; ratio to the SDK upgrade $(ratio "$sn" "$fdn")x); correcting a scaled Deployment and a deleted ConfigMap: ${fdf}s"
fi

# --- 4. the controller with RELEASES HelmReleases ------------------------------------------
[[ ,$PARTS, == *,controller,* ]] || exit 0
run "$work/src.log" "$bin" create source chart small --source GitRepository/stack --chart charts/small -n "$NS"
per_release=$((STEADY_COMPONENTS * 8))
for i in $(seq -w 1 "$RELEASES"); do
  "$bin" create hr "steady-$i" --chart-ref HelmChart/small --values "$work/values.yaml" --interval "$INTERVAL" \
    --target-namespace "st-$id-$i" --create-target-namespace -n "$NS" --export
done > "$work/steady.yaml"
# No kubelet here: nothing would ever become Ready, so neither side waits (as above).
python3 - "$work/steady.yaml" "$RELEASES" <<'PY'
import sys
text = open(sys.argv[1]).read()
old = "  install:\n    createNamespace: true\n"
if text.count(old) != int(sys.argv[2]):
    sys.exit("unexpected `create hr --export` output: " + text[:400])
text = text.replace(old, old + "    disableWait: true\n  upgrade:\n    disableWait: true\n")
open(sys.argv[1], "w").write(text)
PY
kubectl apply --server-side -f "$work/steady.yaml" >/dev/null
# shellcheck source=bench/controller-lib.sh
. "$repo/bench/controller-lib.sh"
echo "==> starting flux-rs controller ($RELEASES HelmReleases x $per_release objects)" >&2
t0=$(now)
start_controller "$bin" "$kc" "$NS" "$work"
for i in $(seq -w 1 "$RELEASES"); do
  kubectl wait -n "$NS" --for=condition=Ready "helmrelease/steady-$i" --timeout=900s >/dev/null ||
    { kubectl get helmrelease "steady-$i" -n "$NS" -o yaml >&2; exit 1; }
done
initial=$(python3 -c "print(f'{$(now) - $t0:.1f}')")
echo "    all Ready after ${initial}s; settling for one interval ($INTERVAL)" >&2
sleep "$(duration_seconds "$INTERVAL")"
h0=$(metric_sum gotk_reconcile_total 'kind="HelmRelease"')
records0=$(kubectl get secrets -A -l owner=helm --no-headers 2>/dev/null | wc -l)
echo "==> steady state for ${DURATION}s (load average at start: $(load))" >&2
sample_steady "$DURATION"
h1=$(metric_sum gotk_reconcile_total 'kind="HelmRelease"')
records1=$(kubectl get secrets -A -l owner=helm --no-headers 2>/dev/null | wc -l)
[ "$records0" = "$records1" ] || { echo "release records went from $records0 to $records1: not a steady state" >&2; exit 1; }
echo "controller with $RELEASES HelmReleases x $per_release objects = $((RELEASES * per_release)) objects, interval $INTERVAL, nothing changing ($PROFILE build):"
printf '  reconciliations        %d HelmRelease; release records %d before and after (no new revision)\n' \
  "$(awk "BEGIN { print $h1 - $h0 }")" "$records1"
print_steady
printf '  (all %s Ready %.1fs after the controller started)\n' "$RELEASES" "$initial"
