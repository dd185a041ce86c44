#!/usr/bin/env bash
# Benchmark of the HelmChart source against a real HTTP server on loopback (Python's
# http.server): an INDEX_MB index.yaml (generated: many charts of 20 versions each, plus the
# chart `app` whose archives are packed here from tests/fixtures/charts/app), then
#
#   1. `reconcile source helm` (cold: the index downloaded, read and stored);
#   2. `reconcile source chart` cold (no chart artifact: the stored index read and parsed, the
#      highest version chosen, the archive downloaded, checked and stored), with the time the
#      index parse took (the engine's debug line) and the process's peak RSS;
#   3. `reconcile source chart` warm (nothing changed: no index parse, no download — the
#      chart downloads are counted in the server's log).
#
# Upstream's flux CLI has no one-shot source reconcile, so there is no side-by-side figure.
#
#   bench/helmchart.sh                  # starts its own dev cluster "bench-hc", stops it after
#   KUBECONFIG=... bench/helmchart.sh   # uses an existing cluster (BENCH_KUBECONFIG also works)
#
# Environment: INDEX_MB (default 20), PROFILE (cargo profile, default release; `dev` for a
# debug build). Needs python3 and kubectl.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$PWD
INDEX_MB=${INDEX_MB:-20}
PROFILE=${PROFILE:-release}

command -v python3 >/dev/null || { echo "python3 is needed" >&2; exit 1; }

work=$(mktemp -d)
cluster=""
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -n "$cluster" ] && scripts/dev-cluster down "$cluster" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

if [ "$PROFILE" = release ]; then cargo build --release --quiet --bin flux-rs; bin=$repo/target/release/flux-rs
else cargo build --quiet --bin flux-rs; bin=$repo/target/debug/flux-rs; fi

kc=${BENCH_KUBECONFIG:-${KUBECONFIG:-}}
if [ -z "$kc" ]; then
  cluster=bench-hc
  kc=$(scripts/dev-cluster up "$cluster")
fi
export KUBECONFIG=$kc
export XDG_CACHE_HOME=$work/cache
"$bin" install >/dev/null 2>&1 || "$bin" install
ns=bench-hc-$$
kubectl create namespace "$ns" >/dev/null
trap 'kubectl delete namespace "$ns" --wait=false >/dev/null 2>&1 || true; cleanup' EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }
secs() { python3 -c "print(f'{$2 - $1:.2f}')"; }

mkdir -p "$work/www/charts"
python3 - "$work/www" "$INDEX_MB" "$repo/tests/fixtures/charts/app" <<'PY'
import hashlib, io, os, sys, tarfile
www, mb, chart = sys.argv[1], int(sys.argv[2]), sys.argv[3]
app = []
for minor in range(10):
    version = f"1.{minor}.0"
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for root, _, files in os.walk(chart):
            for name in sorted(files):
                path = os.path.join(root, name)
                data = open(path, "rb").read()
                if name == "Chart.yaml":
                    data = data.replace(b"version: 0.1.0", f"version: {version}".encode())
                info = tarfile.TarInfo("app/" + os.path.relpath(path, chart))
                info.size, info.mode = len(data), 0o644
                tar.addfile(info, io.BytesIO(data))
    data = buf.getvalue()
    open(os.path.join(www, "charts", f"app-{version}.tgz"), "wb").write(data)
    app.append((version, hashlib.sha256(data).hexdigest()))
with open(os.path.join(www, "index.yaml"), "w") as f:
    f.write("apiVersion: v1\nentries:\n  app:\n")
    for version, digest in app:
        f.write(f"  - apiVersion: v2\n    name: app\n    version: {version}\n    digest: {digest}\n"
                f"    urls:\n    - charts/app-{version}.tgz\n")
    size, n = 0, 0
    while size < mb * 1024 * 1024:
        f.write(f"  chart-{n}:\n")
        for v in range(20):
            block = (f"  - apiVersion: v2\n    name: chart-{n}\n    version: 1.{v}.0\n    appVersion: 1.{v}.0\n"
                     f"    description: A chart generated for the benchmark, with a description of moderate length.\n"
                     f"    created: \"2026-01-01T00:00:00Z\"\n    digest: {'0'*64}\n"
                     f"    maintainers:\n    - name: someone\n      email: someone@example.com\n"
                     f"    urls:\n    - https://charts.example.com/chart-{n}-1.{v}.0.tgz\n")
            f.write(block); size += len(block)
        n += 1
    f.write("generated: \"2026-01-01T00:00:00Z\"\n")
PY
hport=$(free_port)
python3 -m http.server "$hport" --bind 127.0.0.1 --directory "$work/www" > "$work/http.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$hport/charts/app-1.0.0.tgz')" 2>/dev/null && break; sleep 0.1; done
size=$(du -m "$work/www/index.yaml" | cut -f1)
echo "profile: $PROFILE; index.yaml: ${size} MiB"

"$bin" create source helm big --url "http://127.0.0.1:$hport" -n "$ns" --export | kubectl apply -f - >/dev/null
"$bin" create source chart app --source=HelmRepository/big --chart=app -n "$ns" --export | kubectl apply -f - >/dev/null

t0=$(now); /usr/bin/time -f "%M" -o "$work/rss" "$bin" reconcile source helm big -n "$ns" 2>/dev/null; t1=$(now)
echo "reconcile source helm, cold (${size} MiB index): $(secs "$t0" "$t1")s, peak RSS $(( $(cat "$work/rss") / 1024 )) MiB"

downloads() { grep -c 'GET /charts/app-' "$work/http.log" || true; }
before=$(downloads)
t0=$(now)
RUST_LOG=flux_rs=debug /usr/bin/time -f "%M" -o "$work/rss" "$bin" reconcile source chart app --local -n "$ns" 2>"$work/cold.log"
t1=$(now)
parse_ms=$(grep -o 'parse_ms=[0-9]*' "$work/cold.log" | head -1 | cut -d= -f2)
versions=$(grep -o 'versions=[0-9]*' "$work/cold.log" | head -1 | cut -d= -f2)
revision=$(grep -o 'fetched revision .*' "$work/cold.log" | tail -1)
echo "reconcile source chart, cold ($revision; ${size} MiB index of ${versions} versions parsed in ${parse_ms} ms): $(secs "$t0" "$t1")s, peak RSS $(( $(cat "$work/rss") / 1024 )) MiB, chart downloads: $(( $(downloads) - before ))"

before=$(downloads)
t0=$(now)
RUST_LOG=flux_rs=debug /usr/bin/time -f "%M" -o "$work/rss" "$bin" reconcile source chart app --local -n "$ns" 2>"$work/warm.log"
t1=$(now)
parsed=$(grep -c 'index read' "$work/warm.log" || true)
echo "reconcile source chart, warm (nothing changed): $(secs "$t0" "$t1")s, peak RSS $(( $(cat "$work/rss") / 1024 )) MiB, chart downloads: $(( $(downloads) - before )), index parses: $parsed"
