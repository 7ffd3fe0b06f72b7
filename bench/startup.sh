#!/usr/bin/env bash
# Start-up benchmark: time from `bin/assay run` to ready (/q/health/ready = 200) and the service's
# resident memory right then, over N warm starts of each mode, alternating: plain (ASSAY_CDS=off)
# and with the class-data-sharing archive (.assay/assay.jsa, bin/assay's default). One start with
# the archive first writes it (not counted). Cluster and build must already be there.
# Usage: bench/startup.sh [N]   (default 5). Prints each run, the medians and their ratio.
# Port: QUARKUS_HTTP_PORT (default 18080); ASSAY_JAVA_OPTS passes through (a heap cap, say).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
N=${1:-5}
PORT=${QUARKUS_HTTP_PORT:-${BENCH_PORT:-18080}}
LOG=/tmp/assay-bench-startup-$PORT.log

# One start in mode $1 (off|on): prints "seconds rss-kib".
start_once() {
  local start end launcher kb
  start=$(date +%s.%N)
  ASSAY_CDS=$1 QUARKUS_HTTP_PORT=$PORT "$ROOT/bin/assay" run >"$LOG" 2>&1 &
  launcher=$!
  until curl -fs "localhost:$PORT/q/health/ready" >/dev/null 2>&1; do
    kill -0 "$launcher" 2>/dev/null || { echo "service exited; see $LOG" >&2; exit 1; }
    sleep 0.05
  done
  end=$(date +%s.%N)
  # bin/assay execs the JVM, so the launcher's pid is the JVM's (another checkout's service may run).
  kb=$(awk '/VmRSS/ {print $2}' "/proc/$launcher/status")
  kill "$launcher"; wait "$launcher" 2>/dev/null || true
  echo "$(echo "$end - $start" | bc) $kb"
}

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -f "$ROOT/.assay/assay.jsa"
read -r t kb <<<"$(start_once on)"
printf 'archive written by a first start (ready in %.2f s): %s\n' "$t" \
  "$(ls -l "$ROOT/.assay/assay.jsa" 2>/dev/null | awk '{printf "%.0f MiB", $5/1048576}' || echo missing)"
declare -a t_off t_on r_off r_on
for i in $(seq 1 "$N"); do
  for mode in off on; do
    read -r t kb <<<"$(start_once $mode)"
    printf 'run %d %-3s: ready in %.2f s, RSS %d MiB\n' "$i" "$mode" "$t" $((kb / 1024))
    if [ "$mode" = off ]; then t_off+=("$t"); r_off+=("$kb"); else t_on+=("$t"); r_on+=("$kb"); fi
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
m_off=$(median "${t_off[@]}") m_on=$(median "${t_on[@]}")
printf 'RESULT startup (n=%d each): plain median ready %.2f s, RSS %d MiB; with archive %.2f s, RSS %d MiB; ratio %.2f\n' \
  "$N" "$m_off" $(( $(median "${r_off[@]}" | cut -d. -f1) / 1024 )) "$m_on" \
  $(( $(median "${r_on[@]}" | cut -d. -f1) / 1024 )) "$(echo "$m_on / $m_off" | bc -l)"
