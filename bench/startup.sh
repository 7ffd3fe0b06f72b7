#!/usr/bin/env bash
# Start-up benchmark: time from `bin/assay run` to ready (/q/health/ready = 200), the JVM's CPU time
# (user + system) and resident memory right then, over N starts of each mode, alternating:
#   plain   this checkout without the class cache (ASSAY_CDS=off)
#   cache   this checkout as `bin/assay run` starts it (AOT cache on JDK 25, see bin/assay)
#   before  BASE's `bin/assay run` (its own defaults), when BASE is given: a built checkout of an
#           earlier commit, for a before/after measured side by side. BASE's .assay/pg must be this
#           checkout's cluster (a symlink), so both use one database; its Flyway is told to accept
#           migrations newer than its own (*:future), which this checkout may have applied.
# One start of each cached mode first writes its cache (not counted). Cluster and build must be there.
# Usage: bench/startup.sh [N] [BASE]   (N default 5). Prints each run, the medians and the ratios
# to the first mode. Port: QUARKUS_HTTP_PORT (default 18080); ASSAY_JAVA_OPTS passes through.
# CPU seconds to ready depend far less on the machine's load than the wall time does.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
N=${1:-5}
BASE=${2:-}
PORT=${QUARKUS_HTTP_PORT:-${BENCH_PORT:-18080}}
LOG=/tmp/assay-bench-startup-$PORT.log
CLK=$(getconf CLK_TCK)

# One start of mode $1: prints "seconds cpu-seconds rss-kib".
start_once() {
  local dir=$ROOT start end launcher kb cpu
  local -a env=(ASSAY_CDS=on QUARKUS_HTTP_PORT="$PORT")
  case $1 in
    plain) env+=(ASSAY_CDS=off) ;;
    before) dir=$BASE; env+=(QUARKUS_FLYWAY_IGNORE_MIGRATION_PATTERNS='*:future') ;;
  esac
  start=$(date +%s.%N)
  env "${env[@]}" "$dir/bin/assay" run >"$LOG" 2>&1 &
  launcher=$!
  until curl -fs "localhost:$PORT/q/health/ready" >/dev/null 2>&1; do
    kill -0 "$launcher" 2>/dev/null || { echo "service exited; see $LOG" >&2; return 1; }
    sleep 0.05
  done
  end=$(date +%s.%N)
  # bin/assay execs the JVM, so the launcher's pid is the JVM's (another checkout's service may run).
  kb=$(awk '/VmRSS/ {print $2}' "/proc/$launcher/status")
  cpu=$(awk -v clk="$CLK" '{printf "%.2f", ($14 + $15) / clk}' "/proc/$launcher/stat")
  kill "$launcher"; wait "$launcher" 2>/dev/null || true
  echo "$(echo "$end - $start" | bc) $cpu $kb"
}

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

modes=(plain cache)
[ -z "$BASE" ] || modes=(before plain cache)
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for mode in "${modes[@]}"; do
  [ "$mode" != plain ] || continue
  read -r t cpu kb <<<"$(start_once "$mode")" && [ -n "$t" ] || exit 1
  printf 'first start of %s (writes its cache when it stops; not counted): ready in %.2f s\n' "$mode" "$t"
done
declare -A times cpus rsss
for i in $(seq 1 "$N"); do
  for mode in "${modes[@]}"; do
    read -r t cpu kb <<<"$(start_once "$mode")" && [ -n "$t" ] || exit 1
    printf 'run %d %-6s: ready in %6.2f s, CPU %6.2f s, RSS %d MiB\n' "$i" "$mode" "$t" "$cpu" $((kb / 1024))
    times[$mode]+="$t "; cpus[$mode]+="$cpu "; rsss[$mode]+="$kb "
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
first=${modes[0]}
# shellcheck disable=SC2086
t0=$(median ${times[$first]}) c0=$(median ${cpus[$first]})
for mode in "${modes[@]}"; do
  # shellcheck disable=SC2086
  t=$(median ${times[$mode]}); c=$(median ${cpus[$mode]}); r=$(median ${rsss[$mode]})
  printf 'RESULT startup %-6s (n=%d): median ready %.2f s, CPU %.2f s, RSS %d MiB; ratio to %s: ready %.2f, CPU %.2f\n' \
    "$mode" "$N" "$t" "$c" $(( ${r%.*} / 1024 )) "$first" "$(echo "$t / $t0" | bc -l)" "$(echo "$c / $c0" | bc -l)"
done
