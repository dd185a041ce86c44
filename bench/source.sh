#!/usr/bin/env bash
# Benchmark of the Git source engine against the git CLI, on a repository this script makes:
# 5,000 files (~600 bytes of YAML each, 50 directories) and 200 commits (the first adds all
# files, each later one changes 25).
#
#   cold, file://   flux-rs artifact (empty cache; flux-rs reads a file:// repository in place)
#                   vs  `git clone` (full) + `tar czf`
#   cold, ssh       the same over a real sshd on loopback    vs  `git clone --depth 1` + `tar czf`
#                   (flux-rs fetches depth 1 over SSH; libgit2 cannot fetch shallow over file://)
#   warm            nothing changed: the engine call (source::reconcile, in process) and the
#                   whole `flux-rs reconcile source git` command
#
# flux-rs is timed two ways: the engine call alone (bench/source_bench.rs, after the client
# and the object are loaded) and the whole CLI command (`flux-rs reconcile source git`,
# process start to exit: kubeconfig, GET, fetch, artifact, status write).
#
#   bench/source.sh                     # starts its own dev cluster "bench-source", stops it after
#   KUBECONFIG=... bench/source.sh      # uses an existing cluster (BENCH_KUBECONFIG also works)
#
# Environment: ROUNDS (default 5, medians reported), WARM_RUNS (default 20), FILES (5000),
# COMMITS (200), PROFILE (cargo profile, default release). Needs git, tar, python3, and for the
# SSH part openssh-server (/usr/sbin/sshd, /run/sshd) and openssh-client.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$PWD

ROUNDS=${ROUNDS:-5}
WARM_RUNS=${WARM_RUNS:-20}
FILES=${FILES:-5000}
COMMITS=${COMMITS:-200}
PROFILE=${PROFILE:-release}
NS=flux-system

work=$(mktemp -d)
cluster=""
sshd_pid=""
cleanup() {
  [ -n "$sshd_pid" ] && kill "$sshd_pid" 2>/dev/null || true
  [ -n "$cluster" ] && scripts/dev-cluster down "$cluster" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

kc=${BENCH_KUBECONFIG:-${KUBECONFIG:-}}
if [ -z "$kc" ]; then
  cluster=bench-source
  kc=$(scripts/dev-cluster up "$cluster")
fi
export KUBECONFIG=$kc

echo "==> building flux-rs and source-bench ($PROFILE)" >&2
cargo build --quiet --profile "$PROFILE" --bin flux-rs --example source-bench
dir=$([ "$PROFILE" = dev ] && echo debug || echo "$PROFILE")
flux=${CARGO_TARGET_DIR:-$repo/target}/$dir/flux-rs
bench=${CARGO_TARGET_DIR:-$repo/target}/$dir/examples/source-bench

echo "==> making a repository of $FILES files and $COMMITS commits" >&2
git init -q --bare "$work/repo.git"
python3 - "$FILES" "$COMMITS" <<'PY' | git -C "$work/repo.git" fast-import --quiet
import random, sys
files, commits = int(sys.argv[1]), int(sys.argv[2])
rng = random.Random(42)
def content(i, rev):
    lines = ["apiVersion: v1", "kind: ConfigMap", "metadata:",
             f"  name: app-{i}", f"  namespace: team-{i % 50}", "  labels:",
             f"    app: app-{i}", f"    revision: \"{rev}\"", "data:"]
    for k in range(12):
        lines.append(f"  key-{k}: \"{rng.getrandbits(64):016x}-{i}-{k}\"")
    return ("\n".join(lines) + "\n").encode()
out = sys.stdout.buffer
def blob(data):
    out.write(b"data %d\n" % len(data)); out.write(data); out.write(b"\n")
t = 1700000000
for c in range(commits):
    msg = f"commit {c}".encode()
    out.write(b"commit refs/heads/main\n")
    out.write(b"committer Bench <bench@example.com> %d +0000\n" % (t + c))
    out.write(b"data %d\n%s\n" % (len(msg), msg))
    changed = range(files) if c == 0 else rng.sample(range(files), 25)
    for i in changed:
        out.write(b"M 100644 inline apps/team-%d/app-%d.yaml\n" % (i % 50, i))
        blob(content(i, c))
PY
git -C "$work/repo.git" symbolic-ref HEAD refs/heads/main
head=$(git -C "$work/repo.git" rev-parse main)

now() { date +%s.%N; }
# Runs "$@", prints its wall time in seconds (output kept in $work/out).
timed() {
  local t0 t1
  t0=$(now)
  "$@" >"$work/out" 2>&1 || { cat "$work/out" >&2; exit 1; }
  t1=$(now)
  awk "BEGIN { print $t1 - $t0 }"
}
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
engine_ms() { sed -n 's/.*engine_ms=\([0-9.]*\).*/\1/p' "$work/out" | head -1; }

# CRDs and the flux-system namespace the objects live in.
"$flux" install >/dev/null 2>&1 || { echo "flux-rs install failed" >&2; exit 1; }
# ---------------------------------------------------------------- file://
url="file://$work/repo.git"
XDG_CACHE_HOME="$work/setup" "$flux" create source git bench-file --url "$url" --branch main -n "$NS" >/dev/null 2>&1
declare -a ref_file eng_file cli_file
for r in $(seq 1 "$ROUNDS"); do
  rm -rf "$work/clone" "$work/ref.tar.gz"
  ref_file+=("$(timed bash -c "git clone -q '$url' '$work/clone' && tar czf '$work/ref.tar.gz' --exclude=.git -C '$work/clone' .")")
  timed "$bench" --kubeconfig "$kc" --namespace "$NS" --name bench-file --dir "$work/eng-$r" >/dev/null
  # file:// repositories are read in place (nothing to download): the artifact is new.
  grep -q "new_artifact=true" "$work/out" || { echo "cold engine run built no artifact:" >&2; cat "$work/out" >&2; exit 1; }
  eng_file+=("$(engine_ms)")
  cli_file+=("$(XDG_CACHE_HOME="$work/cli-$r" timed "$flux" reconcile source git bench-file -n "$NS")")
  printf 'file:// round %d: git clone + tar czf %.2fs | flux-rs engine %.2fs, CLI %.2fs\n' \
    "$r" "${ref_file[-1]}" "$(awk "BEGIN{print ${eng_file[-1]}/1000}")" "${cli_file[-1]}" >&2
done
ref_tar=$(stat -c %s "$work/ref.tar.gz")
art=$(ls "$work/cli-1/flux-rs/artifacts/gitrepository/$NS/bench-file/"*.tar.gz)
art_size=$(stat -c %s "$art")
art_files=$(tar tzf "$art" | grep -vc '/$')

# Warm, nothing changed (same caches as the last round).
"$bench" --kubeconfig "$kc" --namespace "$NS" --name bench-file --dir "$work/eng-$ROUNDS" --runs "$WARM_RUNS" >"$work/warm" 2>&1
grep -q "downloaded=true\|new_artifact=true\|status_written=true" "$work/warm" && { echo "a warm run transferred or wrote:" >&2; cat "$work/warm" >&2; exit 1; }
mapfile -t warm_eng_file < <(sed -n 's/.*engine_ms=\([0-9.]*\).*/\1/p' "$work/warm")
declare -a warm_cli_file
for r in $(seq 1 "$ROUNDS"); do
  warm_cli_file+=("$(XDG_CACHE_HOME="$work/cli-$ROUNDS" timed "$flux" reconcile source git bench-file -n "$NS")")
done

# ---------------------------------------------------------------- ssh (real sshd on loopback)
ssh_ok=true
if [ ! -x /usr/sbin/sshd ] || [ ! -d /run/sshd ]; then
  echo "==> skipping SSH: needs openssh-server and /run/sshd (scripts/test sets them up)" >&2
  ssh_ok=false
fi
if $ssh_ok; then
  mkdir -p "$work/sshd"
  ssh-keygen -q -t ed25519 -N '' -C '' -f "$work/sshd/host_ed25519"
  ssh-keygen -q -t ecdsa -b 384 -N '' -C '' -f "$work/client_key"
  cp "$work/client_key.pub" "$work/sshd/authorized_keys"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  user=$(id -un)
  cat >"$work/sshd/config" <<EOF
Port $port
ListenAddress 127.0.0.1
HostKey $work/sshd/host_ed25519
AuthorizedKeysFile $work/sshd/authorized_keys
PidFile $work/sshd/pid
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
MaxStartups 100
AllowUsers $user
EOF
  /usr/sbin/sshd -D -f "$work/sshd/config" -E "$work/sshd/log" &
  sshd_pid=$!
  for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.05; done
  echo "[127.0.0.1]:$port $(cut -d' ' -f1,2 "$work/sshd/host_ed25519.pub")" >"$work/known_hosts"
  sshurl="ssh://$user@127.0.0.1:$port$work/repo.git"
  export GIT_SSH_COMMAND="ssh -i $work/client_key -o IdentitiesOnly=yes -o UserKnownHostsFile=$work/known_hosts -o StrictHostKeyChecking=yes -o BatchMode=yes"
  "$flux" create secret git bench-ssh-auth --url "$sshurl" --private-key-file "$work/client_key" -n "$NS" >/dev/null 2>&1
  XDG_CACHE_HOME="$work/setup" "$flux" create source git bench-ssh --url "$sshurl" --branch main \
    --secret-ref bench-ssh-auth -n "$NS" >/dev/null 2>&1
  declare -a ref_ssh eng_ssh cli_ssh
  for r in $(seq 1 "$ROUNDS"); do
    rm -rf "$work/sclone" "$work/sref.tar.gz"
    ref_ssh+=("$(timed bash -c "git clone -q --depth 1 '$sshurl' '$work/sclone' && tar czf '$work/sref.tar.gz' --exclude=.git -C '$work/sclone' .")")
    timed "$bench" --kubeconfig "$kc" --namespace "$NS" --name bench-ssh --dir "$work/seng-$r" >/dev/null
    grep -q "downloaded=true" "$work/out" || { echo "cold SSH engine run did not download:" >&2; cat "$work/out" >&2; exit 1; }
    eng_ssh+=("$(engine_ms)")
    cli_ssh+=("$(XDG_CACHE_HOME="$work/scli-$r" timed "$flux" reconcile source git bench-ssh -n "$NS")")
    printf 'ssh round %d: git clone --depth 1 + tar czf %.2fs | flux-rs engine %.2fs, CLI %.2fs\n' \
      "$r" "${ref_ssh[-1]}" "$(awk "BEGIN{print ${eng_ssh[-1]}/1000}")" "${cli_ssh[-1]}" >&2
  done
  "$bench" --kubeconfig "$kc" --namespace "$NS" --name bench-ssh --dir "$work/seng-$ROUNDS" --runs "$WARM_RUNS" >"$work/swarm" 2>&1
  grep -q "downloaded=true\|new_artifact=true\|status_written=true" "$work/swarm" && { echo "a warm SSH run transferred or wrote:" >&2; cat "$work/swarm" >&2; exit 1; }
  mapfile -t warm_eng_ssh < <(sed -n 's/.*engine_ms=\([0-9.]*\).*/\1/p' "$work/swarm")
  declare -a warm_cli_ssh warm_ref_ssh
  for r in $(seq 1 "$ROUNDS"); do
    warm_cli_ssh+=("$(XDG_CACHE_HOME="$work/scli-$ROUNDS" timed "$flux" reconcile source git bench-ssh -n "$NS")")
    # The least any client must do to see that nothing changed: one SSH session listing refs.
    warm_ref_ssh+=("$(timed git ls-remote "$sshurl" refs/heads/main)")
  done
fi

# ---------------------------------------------------------------- report
ratio() { awk "BEGIN { printf \"%.2fx\", $1 / $2 }"; }
ms() { awk "BEGIN { printf \"%.0f ms\", $1 * 1000 }"; }
echo
echo "source engine benchmark: $FILES files, $COMMITS commits, HEAD $head; $ROUNDS rounds (medians); $(nproc) cores"
echo "artifact: $art_files files, $art_size bytes (git's tar czf of the same tree: $ref_tar bytes)"
mrf=$(median "${ref_file[@]}"); mef=$(awk "BEGIN{print $(median "${eng_file[@]}")/1000}"); mcf=$(median "${cli_file[@]}")
printf '\n%-46s %10s %10s %8s\n' "cold (empty cache)" flux-rs reference ratio
printf '%-46s %10s %10s %8s\n' "file://  engine: fetch + artifact + status" "$(ms "$mef")" "$(ms "$mrf")" "$(ratio "$mef" "$mrf")"
printf '%-46s %10s %10s %8s\n' "file://  CLI: reconcile source git" "$(ms "$mcf")" "$(ms "$mrf")" "$(ratio "$mcf" "$mrf")"
if $ssh_ok; then
  mrs=$(median "${ref_ssh[@]}"); mes=$(awk "BEGIN{print $(median "${eng_ssh[@]}")/1000}"); mcs=$(median "${cli_ssh[@]}")
  printf '%-46s %10s %10s %8s\n' "ssh      engine (depth 1)" "$(ms "$mes")" "$(ms "$mrs")" "$(ratio "$mes" "$mrs")"
  printf '%-46s %10s %10s %8s\n' "ssh      CLI: reconcile source git" "$(ms "$mcs")" "$(ms "$mrs")" "$(ratio "$mcs" "$mrs")"
fi
echo "  reference: file:// git clone (full) + tar czf; ssh: git clone --depth 1 + tar czf"
printf '\n%-46s %10s\n' "warm, nothing changed (median)" flux-rs
printf '%-46s %10s   (target <= 50 ms)\n' "file://  engine call (source::reconcile)" "$(median "${warm_eng_file[@]}") ms"
printf '%-46s %10s\n' "file://  CLI: reconcile source git" "$(ms "$(median "${warm_cli_file[@]}")")"
if $ssh_ok; then
  printf '%-46s %10s   (git ls-remote over the same sshd: %s)\n' "ssh      engine call (source::reconcile)" \
    "$(median "${warm_eng_ssh[@]}") ms" "$(ms "$(median "${warm_ref_ssh[@]}")")"
  printf '%-46s %10s\n' "ssh      CLI: reconcile source git" "$(ms "$(median "${warm_cli_ssh[@]}")")"
fi
