#!/usr/bin/env bash
# Benchmark: a whole `flux-rs helm template` process against Helm 4's own Go SDK
# (helm-python-sdk==0.2.2, Helm v4.2.3): the SDK's install(dry_run="client") call alone on a
# chart it has already loaded. Prints the median wall time of each (RUNS runs), the ratio,
# flux-rs's peak RSS, and checks that both print the same output. Target: flux-rs >= 10x.
#
#   bench/helm.sh [CHART] [RUNS]      # default: a generated chart (see below), 3 runs
#
# CHART is a chart directory or .tgz, e.g. a kube-prometheus-stack fetched and vendored by
# hand (its dependencies in charts/, as `helm dependency build` leaves them). Without one, a
# chart is generated: TEMPLATES templates (default 300) using shared helpers, include,
# toYaml, range and tpl, a subchart with a quarter as many, and CRD_MB megabytes (default 4)
# of CRDs, rendered with --include-crds.
#
# Environment: FLUX_RS (binary; default target/release/flux-rs, built if missing),
# HELM_SDK_PYTHON (a Python with helm-python-sdk; without it only flux-rs is measured),
# TEMPLATES, CRD_MB, KEEP=1 keeps the work directory.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$PWD
runs=${2:-3}
flux=${FLUX_RS:-$repo/target/release/flux-rs}
py=${HELM_SDK_PYTHON:-python3}
templates=${TEMPLATES:-300}
crd_mb=${CRD_MB:-4}

command -v python3 >/dev/null || { echo "python3 is needed to measure time and memory" >&2; exit 1; }
if [ ! -x "$flux" ]; then
  echo "building flux-rs (release)..." >&2
  cargo build --release --quiet
fi
work=$(mktemp -d)
[ "${KEEP:-}" = 1 ] || trap 'rm -rf "$work"' EXIT

generate_chart() { # DIR
  python3 - "$1" "$templates" "$crd_mb" <<'PY'
import os, sys
out, n, crd_mb = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)
def chart(d, name, count, sub):
    write(f"{d}/Chart.yaml", f"apiVersion: v2\nname: {name}\nversion: 1.0.0\nappVersion: '1.0'\n"
          + ("dependencies:\n  - name: sub\n    version: 1.0.0\n    condition: sub.enabled\n" if sub else ""))
    values = ["replicas: 3", "image: {repository: registry.example.org/app, tag: v1}",
              "labels: {team: bench, tier: backend}", "resources: {limits: {cpu: 500m, memory: 128Mi}}",
              "env:"] + [f"  VAR_{i}: value-{i}" for i in range(20)] + ["sub: {enabled: true}", "apps:"]
    values += [f"  app{i}: {{port: {8000 + i}, enabled: true, greeting: 'hello {{{{ .Release.Name }}}}'}}" for i in range(count)]
    write(f"{d}/values.yaml", "\n".join(values) + "\n")
    write(f"{d}/templates/_helpers.tpl", """{{- define "b.name" -}}{{ .Chart.Name | trunc 63 | trimSuffix "-" }}{{- end }}
{{- define "b.fullname" -}}{{ printf "%s-%s" .Release.Name (include "b.name" .) | trunc 63 | trimSuffix "-" }}{{- end }}
{{- define "b.labels" -}}
app.kubernetes.io/name: {{ include "b.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- range $k, $v := .Values.labels }}
{{ $k }}: {{ $v | quote }}
{{- end }}
{{- end }}
""")
    for i in range(count):
        write(f"{d}/templates/app{i}.yaml", f"""{{{{- $app := index .Values.apps "app{i}" }}}}
{{{{- if $app.enabled }}}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{{{ include "b.fullname" . }}}}-app{i}
  labels:
    {{{{- include "b.labels" . | nindent 4 }}}}
spec:
  replicas: {{{{ .Values.replicas }}}}
  template:
    metadata:
      annotations:
        greeting: {{{{ tpl $app.greeting . | quote }}}}
    spec:
      containers:
        - name: app
          image: "{{{{ .Values.image.repository }}}}:{{{{ .Values.image.tag }}}}"
          ports:
            - containerPort: {{{{ $app.port }}}}
          env:
            {{{{- range $k, $v := .Values.env }}}}
            - name: {{{{ $k }}}}
              value: {{{{ $v | quote }}}}
            {{{{- end }}}}
          resources:
            {{{{- toYaml .Values.resources | nindent 12 }}}}
---
apiVersion: v1
kind: Service
metadata:
  name: {{{{ include "b.fullname" . }}}}-app{i}
  labels:
    {{{{- include "b.labels" . | nindent 4 }}}}
spec:
  ports:
    - port: {{{{ $app.port }}}}
{{{{- end }}}}
""")
chart(out, "big", n, True)
chart(f"{out}/charts/sub", "sub", max(1, n // 4), False)
props = "\n".join(f"                field{i}:\n                  type: string\n                  description: {'x' * 60}" for i in range(200))
i = 0
while os.path.exists(out + "/crds") is False or sum(os.path.getsize(os.path.join(out, "crds", f)) for f in os.listdir(out + "/crds")) < crd_mb * 1e6:
    write(f"{out}/crds/crd{i}.yaml", f"""apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: things{i}.bench.example.org
spec:
  group: bench.example.org
  names: {{kind: Thing{i}, plural: things{i}}}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
{props}
""")
    i += 1
PY
}

chart=${1:-}
args=(bench)
if [ -z "$chart" ]; then
  chart=$work/chart
  generate_chart "$chart"
  args+=("$chart" --include-crds)
else
  args+=("$(cd "$(dirname "$chart")" && pwd)/$(basename "$chart")")
fi

read -r f_time f_rss < <(python3 - "$runs" "$work/flux.out" "$flux" helm template "${args[@]}" <<'PY'
import resource, statistics, subprocess, sys, time
runs, out, cmd = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
times = []
for _ in range(runs):
    with open(out, "wb") as f:
        start = time.perf_counter()
        p = subprocess.run(cmd, stdout=f, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    if p.returncode != 0:
        sys.exit(f"flux-rs failed with exit code {p.returncode}")
print(f"{statistics.median(times):.4f} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}")
PY
)
docs=$(grep -c '^# Source: ' "$work/flux.out" || true)
bytes=$(wc -c < "$work/flux.out")
echo "chart: ${args[1]} ($docs documents, $bytes bytes of output)"
printf 'flux-rs helm template (whole process): median %ss of %s runs, peak RSS %s MiB\n' \
  "$f_time" "$runs" "$((f_rss / 1024))"

if ! "$py" -c 'import helm_python' 2>/dev/null; then
  echo "helm-python-sdk not found (set HELM_SDK_PYTHON): the SDK side is not measured"
  exit 0
fi
"$py" - "$runs" "$work/sdk.out" "$work/sdk.time" "$repo/tests/helm/reference.py" "${args[@]}" 2>/dev/null <<'PY'
import importlib.util, statistics, sys, time
runs, out, tfile, ref_path, argv = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
import helm_python as helm
spec = importlib.util.spec_from_file_location("reference", ref_path)
reference = importlib.util.module_from_spec(spec)
spec.loader.exec_module(reference)
with helm.Chart.load(argv[1]) as c:
    cfg = helm.Config(namespace="default")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        cfg.install(c, argv[0], {}, namespace="default", dry_run="client")
        times.append(time.perf_counter() - start)
with open(out, "w") as f:
    f.write(reference.run(argv, "/"))
with open(tfile, "w") as f:
    f.write(f"{statistics.median(times):.4f}")
PY
s_time=$(cat "$work/sdk.time")
printf 'helm SDK install(dry_run="client") on the loaded chart: median %ss of %s runs\n' "$s_time" "$runs"
python3 -c "import sys; print(f'ratio: flux-rs is {float(sys.argv[1]) / float(sys.argv[2]):.1f}x faster (target >= 10x)')" "$s_time" "$f_time"
if cmp -s "$work/flux.out" "$work/sdk.out"; then
  echo "output: identical"
else
  echo "output: DIFFERENT (diff $work/flux.out $work/sdk.out; KEEP=1 keeps them)"
  exit 1
fi
