#!/usr/bin/env bash
# Benchmark of OCI sources and Helm indexes against real servers on loopback:
#
#   1. push/pull throughput of a large artifact (RANDOM_MB of incompressible data plus
#      FILES small YAML files) with `flux-rs push artifact` / `pull artifact` against
#      Debian's docker-registry;
#   2. cold and warm `reconcile source oci` of a FILES-file artifact (warm: nothing changed,
#      only the manifest is read; the layer bytes transferred are counted in the registry's
#      access log);
#   3. cold and warm `reconcile source helm` of an INDEX_MB index.yaml served by Python's
#      http.server (warm: one conditional request answered 304).
#
# Upstream's `flux` CLI runs side by side when it is on PATH (push/pull only: it has no
# one-shot source reconcile); otherwise only flux-rs's figures are printed, and the script
# says so.
#
#   bench/oci.sh                        # starts its own dev cluster "bench-oci", stops it after
#   KUBECONFIG=... bench/oci.sh         # uses an existing cluster (BENCH_KUBECONFIG also works)
#
# Environment: FILES (default 5000), RANDOM_MB (default 64), INDEX_MB (default 20),
# PROFILE (cargo profile, default release). Needs docker-registry, python3, kubectl.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$PWD
FILES=${FILES:-5000}
RANDOM_MB=${RANDOM_MB:-64}
INDEX_MB=${INDEX_MB:-20}
PROFILE=${PROFILE:-release}

command -v docker-registry >/dev/null || { echo "docker-registry is needed (apt-get install docker-registry)" >&2; exit 1; }
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
  cluster=bench-oci
  kc=$(scripts/dev-cluster up "$cluster")
fi
export KUBECONFIG=$kc
export XDG_CACHE_HOME=$work/cache
"$bin" install >/dev/null 2>&1 || "$bin" install
kubectl create namespace bench-oci >/dev/null 2>&1 || true

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }
secs() { python3 -c "print(f'{$2 - $1:.2f}')"; }

# The registry, with an access log to count layer bytes.
port=$(free_port)
cat > "$work/registry.yml" <<YAML
version: 0.1
log:
  level: error
storage:
  filesystem:
    rootdirectory: $work/registry
http:
  addr: 127.0.0.1:$port
  secret: bench
YAML
docker-registry serve "$work/registry.yml" > "$work/registry.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/v2/')" 2>/dev/null && break; sleep 0.1; done
reg=127.0.0.1:$port

# 1. Push/pull throughput.
mkdir -p "$work/big"
head -c $((RANDOM_MB * 1024 * 1024)) /dev/urandom > "$work/big/blob.bin"
t0=$(now); "$bin" push artifact "oci://$reg/big:v1" --path "$work/big" --source=bench --revision=r1 --insecure-registry 2>/dev/null; t1=$(now)
push_s=$(secs "$t0" "$t1")
t0=$(now); "$bin" pull artifact "oci://$reg/big:v1" -o "$work/big-out" --insecure-registry 2>/dev/null; t1=$(now)
pull_s=$(secs "$t0" "$t1")
echo "push artifact ${RANDOM_MB} MiB: ${push_s}s ($(python3 -c "print(f'{$RANDOM_MB/$push_s:.1f}')") MiB/s)"
echo "pull artifact ${RANDOM_MB} MiB: ${pull_s}s ($(python3 -c "print(f'{$RANDOM_MB/$pull_s:.1f}')") MiB/s)"
if command -v flux >/dev/null; then
  t0=$(now); flux push artifact "oci://$reg/big-flux:v1" --path "$work/big" --source=bench --revision=r1 --insecure-registry >/dev/null 2>&1; t1=$(now)
  echo "upstream flux push artifact: $(secs "$t0" "$t1")s (ratio flux/flux-rs: $(python3 -c "print(f'{($t1-$t0)/$push_s:.2f}')"))"
  t0=$(now); flux pull artifact "oci://$reg/big:v1" -o "$work/big-out-flux" --insecure-registry >/dev/null 2>&1; t1=$(now)
  echo "upstream flux pull artifact: $(secs "$t0" "$t1")s (ratio flux/flux-rs: $(python3 -c "print(f'{($t1-$t0)/$pull_s:.2f}')"))"
else
  echo "(upstream flux CLI not on PATH: flux-rs figures only)"
fi

# 2. OCIRepository cold and warm, FILES files.
python3 - "$work/tree" "$FILES" <<'PY'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    d = os.path.join(root, f"apps/app-{i // 100:03d}")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, f"cm-{i:05d}.yaml"), "w") as f:
        f.write(f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-{i}\ndata:\n  index: \"{i}\"\n")
PY
"$bin" push artifact "oci://$reg/tree:v1" --path "$work/tree" --source=bench --revision=r1 --insecure-registry 2>/dev/null
"$bin" create source oci tree --url "oci://$reg/tree" --tag v1 --insecure -n bench-oci --export | kubectl apply -f - >/dev/null
t0=$(now); "$bin" reconcile source oci tree -n bench-oci 2>/dev/null; t1=$(now)
echo "reconcile source oci, cold (${FILES} files): $(secs "$t0" "$t1")s"
blobs_before=$(grep -c 'GET /v2/tree/blobs/' "$work/registry.log" || true)
t0=$(now); "$bin" reconcile source oci tree -n bench-oci 2>/dev/null; t1=$(now)
blobs_after=$(grep -c 'GET /v2/tree/blobs/' "$work/registry.log" || true)
echo "reconcile source oci, warm (nothing changed): $(secs "$t0" "$t1")s, blob downloads: $((blobs_after - blobs_before))"

# 3. HelmRepository with an INDEX_MB index.yaml.
mkdir -p "$work/www"
python3 - "$work/www/index.yaml" "$INDEX_MB" <<'PY'
import sys
path, mb = sys.argv[1], int(sys.argv[2])
with open(path, "w") as f:
    f.write("apiVersion: v1\nentries:\n")
    size, chart = 0, 0
    while size < mb * 1024 * 1024:
        f.write(f"  chart-{chart}:\n")
        for v in range(20):
            block = (f"  - apiVersion: v2\n    name: chart-{chart}\n    version: 1.{v}.0\n    appVersion: 1.{v}.0\n"
                     f"    description: A chart generated for the benchmark, with a description of moderate length.\n"
                     f"    created: \"2026-01-01T00:00:00Z\"\n    digest: {'0'*64}\n"
                     f"    maintainers:\n    - name: someone\n      email: someone@example.com\n"
                     f"    urls:\n    - https://charts.example.com/chart-{chart}-1.{v}.0.tgz\n")
            f.write(block); size += len(block)
        chart += 1
    f.write("generated: \"2026-01-01T00:00:00Z\"\n")
PY
hport=$(free_port)
python3 -m http.server "$hport" --bind 127.0.0.1 --directory "$work/www" > "$work/http.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$hport/index.yaml')" 2>/dev/null && break; sleep 0.1; done
"$bin" create source helm big --url "http://127.0.0.1:$hport" -n bench-oci --export | kubectl apply -f - >/dev/null
size=$(du -m "$work/www/index.yaml" | cut -f1)
/usr/bin/time -f "%M" -o "$work/rss" "$bin" reconcile source helm big -n bench-oci 2>/dev/null
t0=$(now); "$bin" reconcile source helm big -n bench-oci 2>/dev/null; t1=$(now)
echo "reconcile source helm, warm (${size} MiB index unchanged, 304): $(secs "$t0" "$t1")s"
rm -rf "$XDG_CACHE_HOME/flux-rs/artifacts/helmrepository"
t0=$(now); /usr/bin/time -f "%M" -o "$work/rss" "$bin" reconcile source helm big -n bench-oci 2>/dev/null; t1=$(now)
echo "reconcile source helm, cold (${size} MiB index): $(secs "$t0" "$t1")s, peak RSS $(( $(cat "$work/rss") / 1024 )) MiB (whole process)"
