#!/usr/bin/env bash
# Start-up benchmark: time from `bin/assay run` to ready (/q/health/ready = 200) and the
# service's resident memory right after, over N warm starts (cluster and build already there).
# Usage: bench/startup.sh [N]   (default 5). Prints each run and the medians.
# Port: QUARKUS_HTTP_PORT (default 18080); ASSAY_JAVA_OPTS passes through (a heap cap, say).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
N=${1:-5}
PORT=${QUARKUS_HTTP_PORT:-${BENCH_PORT:-18080}}
times=() rss=()
for i in $(seq 1 "$N"); do
  start=$(date +%s.%N)
  QUARKUS_HTTP_PORT=$PORT "$ROOT/bin/assay" run >/tmp/assay-bench-startup.log 2>&1 &
  launcher=$!
  until curl -fs "localhost:$PORT/q/health/ready" >/dev/null 2>&1; do
    kill -0 "$launcher" 2>/dev/null || { echo "service exited; see /tmp/assay-bench-startup.log"; exit 1; }
    sleep 0.1
  done
  end=$(date +%s.%N)
  # bin/assay execs the JVM, so the launcher's pid is the JVM's (another checkout's service may run).
  pid=$launcher
  kb=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  t=$(echo "$end - $start" | bc)
  times+=("$t") rss+=("$kb")
  printf 'run %d: ready in %.2f s, RSS %d MiB\n' "$i" "$t" $((kb / 1024))
  kill "$pid"; wait "$launcher" 2>/dev/null || true
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
printf 'RESULT startup: median ready in %.2f s, RSS %d MiB (n=%d)\n' "$(median "${times[@]}")" $(( $(median "${rss[@]}" | cut -d. -f1) / 1024 )) "$N"
