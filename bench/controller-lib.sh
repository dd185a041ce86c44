# shellcheck shell=bash
# Shared by the controller benchmarks (bench/controller.sh, bench/helmrelease.sh): starting
# `flux-rs controller` as a local process, reading its /metrics, and sampling its CPU time and
# resident memory over a steady-state window. Source it; it defines functions only.

# start_controller FLUX KUBECONFIG NAMESPACE WORKDIR: starts the controller (leader-elected,
# watching NAMESPACE, logs in WORKDIR/controller.log); sets ctl_pid and metrics_addr. The caller's
# EXIT trap must kill $ctl_pid.
start_controller() {
  local flux=$1 kc=$2 ns=$3 work=$4
  # --leader-elect: the Lease it holds is how `reconcile --controller` sees a controller that
  # runs outside the cluster (no ready Deployment here).
  "$flux" controller --kubeconfig "$kc" --watch-namespace "$ns" --runtime-namespace "$ns" --leader-elect \
    --storage-path "$work/data" --metrics-addr=127.0.0.1:0 --health-addr=127.0.0.1:0 \
    --log-encoding=json 2>"$work/controller.log" &
  ctl_pid=$!
  metrics_addr=""
  for _ in $(seq 1 100); do
    metrics_addr=$(grep -o '"metrics_addr":"[^"]*"' "$work/controller.log" | head -1 | cut -d'"' -f4) || true
    [ -n "$metrics_addr" ] && break
    sleep 0.1
  done
  [ -n "$metrics_addr" ] || { cat "$work/controller.log" >&2; echo "the controller did not start" >&2; exit 1; }
}

# metric_sum METRIC PATTERN: the sum of the controller's METRIC samples whose line matches PATTERN.
metric_sum() {
  curl -s "http://$metrics_addr/metrics" 2>/dev/null | grep "^$1" | grep -- "$2" | awk '{s += $NF} END {print s + 0}'
}

load() { cut -d' ' -f1-3 /proc/loadavg; }

# duration_seconds 1m|30s|1h: whole seconds of a kubectl-style duration.
duration_seconds() {
  awk -v d="$1" 'BEGIN { n = d + 0; u = substr(d, length(n "") + 1); print (u == "m") ? n * 60 : (u == "h") ? n * 3600 : n }'
}

# sample_steady SECONDS: samples the controller's CPU time (utime+stime from /proc/PID/stat) and
# resident memory (VmRSS, split into RssAnon and RssFile, every 5s) for SECONDS. Sets
# steady_window, steady_cpu_s, load0, load1, hwm_kb, rss_avg, rss_max, anon_avg, file_avg (MiB).
sample_steady() {
  local seconds=$1 tick c0 c1 t0 t1 end
  local -a rss_kb=() anon_kb=() file_kb=()
  tick=$(getconf CLK_TCK)
  load0=$(load)
  c0=$(awk '{print $14 + $15}' "/proc/$ctl_pid/stat")
  t0=$(date +%s.%N)
  end=$(( $(date +%s) + seconds ))
  while [ "$(date +%s)" -lt "$end" ]; do
    rss_kb+=("$(awk '/^VmRSS:/ {print $2}' "/proc/$ctl_pid/status")")
    # RssAnon: the heap and stacks; RssFile: pages of the executable (and libraries) mapped in.
    anon_kb+=("$(awk '/^RssAnon:/ {print $2}' "/proc/$ctl_pid/status")")
    file_kb+=("$(awk '/^RssFile:/ {print $2}' "/proc/$ctl_pid/status")")
    sleep 5
  done
  c1=$(awk '{print $14 + $15}' "/proc/$ctl_pid/stat")
  t1=$(date +%s.%N)
  load1=$(load)
  steady_window=$(awk "BEGIN { print $t1 - $t0 }")
  steady_cpu_s=$(awk "BEGIN { print ($c1 - $c0) / $tick }")
  hwm_kb=$(awk '/^VmHWM:/ {print $2}' "/proc/$ctl_pid/status")
  rss_avg=$(printf '%s\n' "${rss_kb[@]}" | awk '{s += $1} END {print s / NR / 1024}')
  rss_max=$(printf '%s\n' "${rss_kb[@]}" | sort -g | tail -1 | awk '{print $1 / 1024}')
  anon_avg=$(printf '%s\n' "${anon_kb[@]}" | awk '{s += $1} END {print s / NR / 1024}')
  file_avg=$(printf '%s\n' "${file_kb[@]}" | awk '{s += $1} END {print s / NR / 1024}')
}

# print_steady: the figures sample_steady measured (window, CPU, memory).
print_steady() {
  printf '  window                 %.0fs (load average %s at start, %s at the end)\n' "$steady_window" "$load0" "$load1"
  printf '  CPU                    %.2fs of CPU time = %.2f%% of one core\n' \
    "$steady_cpu_s" "$(awk "BEGIN { print $steady_cpu_s / $steady_window * 100 }")"
  printf '  memory (RSS)           average %.1f MiB, max %.1f MiB (peak since start, VmHWM: %d MiB)\n' \
    "$rss_avg" "$rss_max" "$(( hwm_kb / 1024 ))"
  printf '                         of which anonymous (heap, stacks) %.1f MiB, file-backed (the executable) %.1f MiB\n' \
    "$anon_avg" "$file_avg"
}
