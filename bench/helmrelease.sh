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
#
# Times are the wall time of whole processes on both sides (the SDK's includes starting
# Python and loading Helm's shared library; the time of the action inside the process is
# printed too). Medians of SAMPLES samples; ratio = SDK / flux-rs (issue 17's targets: first
# install >= 1.5x, no-op >= 10x).
#
#   bench/helmrelease.sh                  # starts its own dev cluster "bench-hr", stops it after
#   KUBECONFIG=... bench/helmrelease.sh   # uses an existing cluster (BENCH_KUBECONFIG also works)
#
# Environment: SAMPLES (default 5), COMPONENTS (default 40), PROFILE (cargo profile, default
# release; `dev` for a debug build), HELM_SDK_PYTHON (default the venv scripts/test makes:
# ~/.cache/flux-rs/helm-sdk-venv/bin/python with helm-python-sdk==0.2.2). Honours
# CARGO_TARGET_DIR. Needs git, kubectl, python3.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$PWD
SAMPLES=${SAMPLES:-5}
COMPONENTS=${COMPONENTS:-40}
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
cleanup() {
  [ -n "$cluster" ] && scripts/dev-cluster down "$cluster" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "==> building flux-rs ($PROFILE)" >&2
cargo build --quiet --profile "$PROFILE" --bin flux-rs
dir=$([ "$PROFILE" = dev ] && echo debug || echo "$PROFILE")
bin=${CARGO_TARGET_DIR:-$repo/target}/$dir/flux-rs

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
python3 - "$chart" "$COMPONENTS" <<'PY'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
os.makedirs(os.path.join(root, "templates"))
def write(path, text):
    with open(os.path.join(root, path), "w") as f:
        f.write(text)
write("Chart.yaml", "apiVersion: v2\nname: stack\ndescription: A monitoring-stack-like chart generated by bench/helmrelease.sh\n"
      "type: application\nversion: 1.0.0\nappVersion: \"1.0.0\"\n")
kinds = ["collector", "exporter", "alerting", "dashboards", "rules", "gateway", "agent", "store"]
lines = ["global:", "  environment: default", "  scrapeInterval: 30s", "image:", "  registry: registry.example.com",
         "  tag: \"1.0.0\"", "replicas: 1", "components:"]
for i in range(n):
    lines += [f"  - name: {kinds[i % len(kinds)]}-{i:03d}", f"    port: {8000 + i}", f"    metricsPort: {9000 + i}",
              "    resources:", "      requests:", "        cpu: 10m", "        memory: 16Mi",
              "    config:", "      logLevel: info", f"      retention: {i % 30 + 1}d", "      shards: 2"]
write("values.yaml", "\n".join(lines) + "\n")
write("templates/_helpers.tpl", """{{- define "stack.labels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/part-of: {{ .root.Chart.Name }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end -}}
{{- define "stack.fullname" -}}
{{ printf "%s-%s" .root.Release.Name .name | trunc 63 | trimSuffix "-" }}
{{- end -}}
""")
write("templates/configmaps.yaml", """{{- range $c := .Values.components }}
{{- $ctx := dict "root" $ "name" $c.name }}
{{- range $part := list "config" "rules" "dashboards" }}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "stack.fullname" $ctx }}-{{ $part }}
  namespace: {{ $.Release.Namespace }}
  labels:
    {{- include "stack.labels" $ctx | nindent 4 }}
data:
  environment: {{ $.Values.global.environment | quote }}
  {{ $part }}.yaml: |
    scrapeInterval: {{ $.Values.global.scrapeInterval }}
    {{- toYaml $c.config | nindent 4 }}
    targets:
    {{- range $i, $e := until 10 }}
      - {{ $c.name }}-{{ $i }}.{{ $.Release.Namespace }}.svc:{{ $c.metricsPort }}
    {{- end }}
{{- end }}
{{- end }}
""")
write("templates/services.yaml", """{{- range $c := .Values.components }}
{{- $ctx := dict "root" $ "name" $c.name }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ include "stack.fullname" $ctx }}
  namespace: {{ $.Release.Namespace }}
  labels:
    {{- include "stack.labels" $ctx | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    app.kubernetes.io/name: {{ $c.name }}
    app.kubernetes.io/instance: {{ $.Release.Name }}
  ports:
    - name: http
      port: {{ $c.port }}
      targetPort: http
      protocol: TCP
    - name: metrics
      port: {{ $c.metricsPort }}
      targetPort: metrics
      protocol: TCP
{{- end }}
""")
write("templates/rbac.yaml", """{{- range $c := .Values.components }}
{{- $ctx := dict "root" $ "name" $c.name }}
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "stack.fullname" $ctx }}
  namespace: {{ $.Release.Namespace }}
  labels:
    {{- include "stack.labels" $ctx | nindent 4 }}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: {{ include "stack.fullname" $ctx }}
  namespace: {{ $.Release.Namespace }}
  labels:
    {{- include "stack.labels" $ctx | nindent 4 }}
rules:
  - apiGroups: [""]
    resources: ["configmaps", "services", "endpoints", "pods"]
    verbs: ["get", "list", "watch"]
  - apiGroups: ["apps"]
    resources: ["deployments"]
    verbs: ["get", "list"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: {{ include "stack.fullname" $ctx }}
  namespace: {{ $.Release.Namespace }}
  labels:
    {{- include "stack.labels" $ctx | nindent 4 }}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: {{ include "stack.fullname" $ctx }}
subjects:
  - kind: ServiceAccount
    name: {{ include "stack.fullname" $ctx }}
    namespace: {{ $.Release.Namespace }}
{{- end }}
""")
write("templates/deployments.yaml", """{{- range $c := .Values.components }}
{{- $ctx := dict "root" $ "name" $c.name }}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "stack.fullname" $ctx }}
  namespace: {{ $.Release.Namespace }}
  labels:
    {{- include "stack.labels" $ctx | nindent 4 }}
spec:
  replicas: {{ $.Values.replicas }}
  selector:
    matchLabels:
      app.kubernetes.io/name: {{ $c.name }}
      app.kubernetes.io/instance: {{ $.Release.Name }}
  template:
    metadata:
      labels:
        {{- include "stack.labels" $ctx | nindent 8 }}
    spec:
      serviceAccountName: {{ include "stack.fullname" $ctx }}
      containers:
        - name: {{ $c.name }}
          image: "{{ $.Values.image.registry }}/{{ $c.name }}:{{ $.Values.image.tag }}"
          args:
            - --config=/etc/{{ $c.name }}/config.yaml
            - --log-level={{ $c.config.logLevel }}
          ports:
            - name: http
              containerPort: {{ $c.port }}
              protocol: TCP
            - name: metrics
              containerPort: {{ $c.metricsPort }}
              protocol: TCP
          resources:
            {{- toYaml $c.resources | nindent 12 }}
          volumeMounts:
            - name: config
              mountPath: /etc/{{ $c.name }}
      volumes:
        - name: config
          configMap:
            name: {{ include "stack.fullname" $ctx }}-config
{{- end }}
""")
PY
objects=$((COMPONENTS * 8))
git -C "$work/chart-repo" init --quiet --initial-branch=main
git -C "$work/chart-repo" add -A
git -C "$work/chart-repo" -c user.name=bench -c user.email=bench@example.com commit --quiet -m chart
values='{"global": {"environment": "bench"}, "replicas": 2}'
echo "$values" > "$work/values.yaml"

echo "==> the sources (GitRepository file://, HelmChart charts/stack)" >&2
run "$work/src.log" "$bin" create source git stack --url "file://$work/chart-repo" --branch main -n "$NS"
run "$work/src.log" "$bin" create source chart stack --source GitRepository/stack --chart charts/stack -n "$NS"

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
