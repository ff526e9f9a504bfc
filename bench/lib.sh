# Shared helpers of the bench scripts (sourced, not run).
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RESULTS="$ROOT/bench/RESULTS.md"

say() { printf '[bench] %s\n' "$*" >&2; }

need_wrk() {
  command -v wrk >/dev/null && return
  say "installing wrk (Debian package)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
}

machine() {
  local cpu
  cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  printf '%s cores (%s), %s GiB RAM, %s, %s' "$(nproc)" "$cpu" \
    "$(awk '/MemTotal/ {printf "%.0f", $2/1048576}' /proc/meminfo)" \
    "$(java -version 2>&1 | head -n 1 | tr -d '"')" "$(uname -sr)"
}

# CPU time (user+system) of a process in clock ticks.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# Garbage collections of a JVM so far, from jstat -gc: "count pause_ms" (young and full collections; the pause time
# of every kind, concurrent cycles' pauses included).
gc_totals() {
  jstat -gc "$1" | awk 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i }
    NR == 2 { printf "%d %.0f\n", $col["YGC"] + $col["FGC"], $col["GCT"] * 1000 }'
}

rss_mb() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }

wait_http() {
  local url="$1" timeout="${2:-180}" deadline=$((SECONDS + ${2:-180}))
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    [ "$SECONDS" -lt "$deadline" ] || { say "$url not ready after ${timeout}s"; return 1; }
    sleep 1
  done
}

# run_wrk NAME URL [wrk options...] [-- script arguments...]: prints "name rps p50 p99 requests non2xx"
# (latency in ms). The script's own arguments follow the URL, as wrk wants them.
run_wrk() {
  local name="$1" url="$2"; shift 2
  local options=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do options+=("$1"); shift; done
  local out
  out="$(wrk -t2 -c"${BENCH_CONNECTIONS:-64}" -d"${BENCH_DURATION:-15s}" --latency "${options[@]}" "$url" "$@")"
  local rps p50 p99 requests non2xx
  rps="$(awk '/^Requests\/sec/ {print $2}' <<<"$out")"
  p50="$(awk '$1 == "50%" {print $2}' <<<"$out")"
  p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
  requests="$(awk '/requests in/ {print $1}' <<<"$out")"
  non2xx="$(awk '/Non-2xx or 3xx responses/ {print $5}' <<<"$out")"
  printf '%s %s %s %s %s %s\n' "$name" "$rps" "$(to_ms "$p50")" "$(to_ms "$p99")" "$requests" "${non2xx:-0}"
}

# wrk prints latencies as 1.23ms, 456.00us or 1.02s.
to_ms() {
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) { sub(/us$/, "", v); printf "%.2f", v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.2f", v }
    else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.2f", v * 1000 }
    else { print v }
  }'
}

# median of the numbers on stdin
median() { sort -n | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else printf "%.2f\n", (a[NR/2]+a[NR/2+1])/2}'; }

# replace_section NAME FILE: puts FILE's content between the NAME markers of RESULTS.md (appends them once).
replace_section() {
  local name="$1" content="$2" begin="<!-- $1:begin -->" end="<!-- $1:end -->"
  [ -f "$RESULTS" ] || printf '# Benchmark results\n\nLatest figures of each benchmark in `bench/`; each section says how it was run.\n' >"$RESULTS"
  if ! grep -qF "$begin" "$RESULTS"; then
    printf '\n%s\n%s\n' "$begin" "$end" >>"$RESULTS"
  fi
  awk -v begin="$begin" -v end="$end" -v file="$content" '
    $0 == begin { print; while ((getline line < file) > 0) print line; skip = 1; next }
    $0 == end { skip = 0 }
    !skip { print }
  ' "$RESULTS" >"$RESULTS.tmp" && mv "$RESULTS.tmp" "$RESULTS"
}

# bench_workspace: a temporary folder ($WORK) removed at exit, after every service started with start_module.
bench_workspace() {
  WORK="$(mktemp -d)"
  BENCH_PIDS=()
  trap bench_cleanup EXIT
}

bench_cleanup() {
  if [ "${#BENCH_PIDS[@]}" -gt 0 ]; then
    kill -TERM "${BENCH_PIDS[@]}" 2>/dev/null || true
    wait "${BENCH_PIDS[@]}" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}

# start_module MODULE MANAGEMENT_PORT [VAR=value...]: builds the module's jar (once a run), starts it in $WORK with a
# plain-text log and the given environment, with the JVM arguments ./edgeauth gives it (BENCH_JVM=defaults: the
# packaged jar with the JDK's defaults instead, for before/after comparisons; BENCH_SOURCE: the jar packaged in that
# source tree instead of this one), waits until it is ready; sets SERVICE_PID. BENCH_INSTANCE names its log when a
# module runs twice.
BUILT_MODULES=" "
start_module() {
  local module="$1" management_port="$2"; shift 2
  if [[ "$BUILT_MODULES" != *" $module "* ]]; then
    say "building $module"
    (cd "$ROOT" && ./mvnw -q -B -DskipTests clean package -pl "$module" -am)
    BUILT_MODULES+="$module "
  fi
  local args log="$WORK/${BENCH_INSTANCE:-$module}-${BENCH_JVM:-edgeauth}.log"
  if [ "${BENCH_JVM:-edgeauth}" = defaults ]; then
    args=(-jar "$(ls "${BENCH_SOURCE:-$ROOT}/$module"/target/"$module"-*.jar | grep -v -- -tests | head -n 1)")
  else
    mapfile -t args < <("$ROOT/edgeauth" java-args "$module")
  fi
  say "starting ${BENCH_INSTANCE:-$module} (log: $log)"
  (cd "$WORK" && exec env EDGEAUTH_LOG_FORMAT= MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" "$@" java "${args[@]}") \
    >"$log" 2>&1 &
  SERVICE_PID=$!
  BENCH_PIDS+=("$SERVICE_PID")
  wait_http "http://localhost:$management_port/actuator/health/readiness"
}
