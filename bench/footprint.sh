#!/usr/bin/env bash
# Benchmark: memory and start-up of the stack as users get it: everything starts through ./edgeauth, with its own
# memory settings (each module's jvm.options, its memory budget, the class-data archive).
#
#   bench/footprint.sh      (BENCH_ROUNDS=5 BENCH_USERS=10000 BENCH_REFRESHES=2000 BENCH_LOGOUTS=500
#                            BENCH_KEYCLOAK=26.4.7 by default; BENCH_KEYCLOAK= skips the peer)
#
# 1. Start-up, BENCH_ROUNDS rounds, round-robin: the task-service, the auth-service and the gateway each alone, the
#    whole stack (./edgeauth starts the three in parallel), and Keycloak (its distribution from Maven Central,
#    `kc.sh start-dev`, its own defaults) as the peer. Each is timed from its launch until its readiness probe
#    answers, with data folders that already exist (one untimed start first creates them). The gateway is ready
#    only once it has read the auth-service's revocation feed, so it is timed with the other two already running
#    (started untimed before it). Before each start it waits up to BENCH_QUIET_WAIT seconds (default 120) for a
#    load average under 0.5 and records the one it got.
# 2. Footprint: the whole stack, then a mixed load (bench/footprint/FootprintLoad.java: BENCH_USERS users sign up
#    and log in, each creates and lists a task through /api/**, BENCH_REFRESHES refreshes, BENCH_LOGOUTS logouts),
#    then every process's RSS, peak RSS and heap (jstat), each PostgreSQL's proportional set size, and the flags.
#    The gateway believes X-Forwarded-For from 127.0.0.1 here, so each user has its own client address, as behind
#    a load balancer; nothing else differs from the defaults.
# 3. The heap each entry of the gateway's bounded structures costs (bench/footprint/EntryCost.java).
# Figures go to bench/RESULTS.md. It is not a test: nothing here passes or fails on speed or size.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ROUNDS="${BENCH_ROUNDS:-5}"
USERS="${BENCH_USERS:-10000}"
REFRESHES="${BENCH_REFRESHES:-2000}"
LOGOUTS="${BENCH_LOGOUTS:-500}"
KEYCLOAK="${BENCH_KEYCLOAK-26.4.7}"
QUIET_WAIT="${BENCH_QUIET_WAIT:-120}"
CACHE="$ROOT/bench/.cache"
bench_workspace
UP_PID=""
DEPS_PID=""


load_average() { cut -d' ' -f1 /proc/loadavg; }

# Waits (at most QUIET_WAIT s) for a load average under 0.5; prints the one it ends with.
await_quiet() {
  local deadline=$((SECONDS + QUIET_WAIT))
  while awk -v l="$(load_average)" 'BEGIN { exit !(l >= 0.5) }' && [ "$SECONDS" -lt "$deadline" ]; do sleep 1; done
  load_average
}

# up SERVICES [VAR=value...]: ./edgeauth up --no-build for those services, data and logs in $WORK; waits until it
# says ready; prints its output's readiness lines.
up() {
  local services="$1"; shift
  : >"$WORK/up.out"
  (cd "$ROOT" && exec env EDGEAUTH_WORK_DIR="$WORK" EDGEAUTH_SERVICES="$services" "$@" ./edgeauth up --no-build) \
    >"$WORK/up.out" 2>&1 &
  UP_PID=$!
  until grep -q 'press Ctrl-C' "$WORK/up.out"; do
    kill -0 "$UP_PID" 2>/dev/null || { cat "$WORK/up.out" >&2; say "./edgeauth up failed"; exit 1; }
    sleep 0.2
  done
}

down() {
  [ -n "$UP_PID" ] || return 0
  kill -TERM "$UP_PID" 2>/dev/null || true
  wait "$UP_PID" 2>/dev/null || true
  UP_PID=""
}

# The gateway's dependencies (auth-service, task-service), started untimed by a second ./edgeauth before the
# gateway is timed alone.
deps_up() {
  : >"$WORK/deps.out"
  (cd "$ROOT" && exec env EDGEAUTH_WORK_DIR="$WORK" EDGEAUTH_SERVICES="task-service auth-service" \
    ./edgeauth up --no-build) >"$WORK/deps.out" 2>&1 &
  DEPS_PID=$!
  until grep -q 'press Ctrl-C' "$WORK/deps.out"; do
    kill -0 "$DEPS_PID" 2>/dev/null || { cat "$WORK/deps.out" >&2; say "./edgeauth up failed"; exit 1; }
    sleep 0.2
  done
}

deps_down() {
  [ -n "$DEPS_PID" ] || return 0
  kill -TERM "$DEPS_PID" 2>/dev/null || true
  wait "$DEPS_PID" 2>/dev/null || true
  DEPS_PID=""
}

# The seconds ./edgeauth reported for one service (NAME) or the whole stack (stack).
reported() {
  if [ "$1" = stack ]; then
    sed -n 's/^\[edgeauth\] ready in \([0-9.]*\) s:$/\1/p' "$WORK/up.out"
  else
    sed -n "s/^\[edgeauth\] $1 ready (\([0-9.]*\) s)$/\1/p" "$WORK/up.out"
  fi
}

keycloak_home() { printf '%s/keycloak-%s' "$CACHE" "$KEYCLOAK"; }

fetch_keycloak() {
  [ -x "$(keycloak_home)/bin/kc.sh" ] && return
  say "fetching Keycloak $KEYCLOAK (org.keycloak:keycloak-quarkus-dist, Maven Central)"
  mkdir -p "$CACHE"
  (cd "$ROOT" && ./mvnw -q -B dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK:zip" \
    -DoutputDirectory="$CACHE")
  (cd "$CACHE" && unzip -q -o "keycloak-quarkus-dist-$KEYCLOAK.zip" && rm "keycloak-quarkus-dist-$KEYCLOAK.zip")
}

# Starts Keycloak start-dev on 18080 (management 19000), prints the seconds until /health/ready, stops it.
keycloak_start() {
  local started pid seconds
  started="$(now_ms)"
  (cd "$(keycloak_home)" && exec setsid bin/kc.sh start-dev --http-port=18080 --http-management-port=19000 \
    --health-enabled=true) >"$WORK/keycloak.log" 2>&1 &
  pid=$!
  until curl -fsS -o /dev/null "http://localhost:19000/health/ready" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || { tail -n 20 "$WORK/keycloak.log" >&2; say "Keycloak did not start"; exit 1; }
    sleep 0.1
  done
  seconds="$(awk -v a="$started" -v b="$(now_ms)" 'BEGIN { printf "%.1f", (b - a) / 1000 }')"
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid"
  wait "$pid" 2>/dev/null || true
  printf '%s' "$seconds"
}

now_ms() { date +%s%3N; }

trap 'down; deps_down; bench_cleanup' EXIT
say "building the jars and their class-data archives"
(cd "$ROOT" && ./mvnw -q -B -DskipTests package)

ITEMS=(task-service auth-service gateway stack)
[ -n "$KEYCLOAK" ] && fetch_keycloak && ITEMS+=(keycloak)

say "untimed first starts (data folders, Keycloak's build)"
up "" && down
[ -n "$KEYCLOAK" ] && keycloak_start >/dev/null

declare -A TIMES LOADS
for round in $(seq 1 "$ROUNDS"); do
  for item in "${ITEMS[@]}"; do
    [ "$item" = gateway ] && deps_up
    load="$(await_quiet)"
    case "$item" in
      keycloak) seconds="$(keycloak_start)" ;;
      stack) up "" && seconds="$(reported stack)" && down ;;
      *) up "$item" && seconds="$(reported "$item")" && down ;;
    esac
    deps_down
    say "round $round: $item ready in $seconds s (load average $load at the start)"
    TIMES[$item]+="$seconds "
    LOADS[$item]+="$load "
  done
done

# Where a start's CPU goes: each service alone once more, and at readiness its threads' CPU time by kind, with
# the main thread's phases from its log (plain text).
thread_cpu() {
  local name ticks
  for stat in /proc/"$1"/task/*/stat; do
    name="$(sed 's/^[0-9]* (\(.*\)) .*/\1/' "$stat")"
    ticks="$(sed 's/^.*) //' "$stat" | awk '{print $12 + $13}')"
    case "$name" in
      "C2 CompilerThre"*) echo "jit-c2 $ticks" ;;
      "C1 CompilerThre"*) echo "jit-c1 $ticks" ;;
      main|java) echo "main $ticks" ;;
      "VM Thread"|"GC Thread"*|"VM Periodic Tas"*) echo "gc-and-vm $ticks" ;;
      *) echo "other $ticks" ;;
    esac
  done | awk -v hz="$(getconf CLK_TCK)" '{t[$1] += $2; all += $2}
    END {printf "CPU %.1f s: main thread %.1f s, JIT C2 %.1f s, JIT C1 %.1f s, GC and VM %.1f s, other threads %.1f s",
      all / hz, t["main"] / hz, t["jit-c2"] / hz, t["jit-c1"] / hz, t["gc-and-vm"] / hz, t["other"] / hz}'
}
PROFILE="$WORK/profile.md"
: >"$PROFILE"
for name in task-service auth-service gateway; do
  [ "$name" = gateway ] && deps_up
  await_quiet >/dev/null
  up "$name" EDGEAUTH_LOG_FORMAT=
  pid="$(pgrep -f -- "-jar $ROOT/$name/target/app/" | head -n 1)"
  printf -- '- %s, ready in %s s: %s\n' "$name" "$(reported "$name")" "$(thread_cpu "$pid")" >>"$PROFILE"
  # The main thread's phases, from the log's own timestamps.
  awk '/Starting .*Application/ {print "  - " substr($1, 12, 12) " Spring starts (JVM and launcher before it)"}
    /Bootstrapping Spring Data/ {print "  - " substr($1, 12, 12) " bean definitions read"}
    /FlywayExecutor.*Database:/ {print "  - " substr($1, 12, 12) " Flyway connected"}
    /Netty started on port/ {print "  - " substr($1, 12, 12) " a web server listening"}
    /Started .*Application in/ {print "  - " substr($1, 12, 12) " context refreshed"}' "$WORK/logs/$name.log" >>"$PROFILE"
  down
  deps_down
done

say "footprint: the whole stack under the mixed load ($USERS users)"
up "" EDGEAUTH_GATEWAY_TRUSTED_PROXIES=127.0.0.1
declare -A PID
for name in task-service auth-service gateway; do
  PID[$name]="$(pgrep -f -- "-jar $ROOT/$name/target/app/" | head -n 1)"
done
LOAD_OUT="$WORK/load.out"
java "$ROOT/bench/footprint/FootprintLoad.java" --url http://localhost:8080 --users "$USERS" \
  --refreshes "$REFRESHES" --logouts "$LOGOUTS" | tee "$LOAD_OUT" >&2 ||
  say "the load had unexpected answers (its output, in the results, counts them)"

# heap committed and used (MB) from jstat -gc: S0C S1C S0U S1U EC EU OC OU MC MU ...
heap() { jstat -gc "$1" | awk 'NR == 2 { printf "%.0f / %.0f", ($3+$4+$6+$8)/1024, ($1+$2+$5+$7)/1024 }'; }
metaspace() { jstat -gc "$1" | awk 'NR == 2 { printf "%.0f", $10/1024 }'; }
peak_mb() { awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }
# The proportional set size (MB) of a service's embedded PostgreSQL, every process of it.
postgres_pss() {
  local postmaster
  postmaster="$(pgrep -f "postgres -D data/$1/postgres" | head -n 1)"
  [ -n "$postmaster" ] || { printf -- '-'; return; }
  { echo "$postmaster"; pgrep -P "$postmaster"; } | while read -r p; do
    awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null
  done | awk '{s += $1} END {printf "%.0f", s/1024}'
}

# Right after the load, and again once the JIT's compile arenas (freed within 5 s of a compile) and the trimmed C
# heap have settled.
declare -A RSS_AFTER
for name in gateway auth-service task-service; do RSS_AFTER[$name]="$(rss_mb "${PID[$name]}")"; done
sleep 10
MEMORY="$WORK/memory.md"
{
  printf '| process | RSS right after the load | RSS 10 s later | peak RSS | heap used / committed | metaspace used | its PostgreSQL (PSS) |\n'
  printf '|---|---:|---:|---:|---:|---:|---:|\n'
  for name in gateway auth-service task-service; do
    p="${PID[$name]}"
    printf '| %s | %s MB | %s MB | %s MB | %s MB | %s MB | %s |\n' "$name" "${RSS_AFTER[$name]}" "$(rss_mb "$p")" \
      "$(peak_mb "$p")" "$(heap "$p")" "$(metaspace "$p")" \
      "$([ "$name" = gateway ] && echo — || echo "$(postgres_pss "$name") MB")"
  done
} >"$MEMORY"
FLAGS="$WORK/flags.md"
for name in gateway auth-service task-service; do
  printf -- '- %s: `%s`\n' "$name" "$(jcmd "${PID[$name]}" VM.command_line | sed -n 's/^jvm_args: //p')"
done >"$FLAGS"
down

say "heap per entry of the gateway's bounded structures"
CLASSPATH_GW="$ROOT/gateway/target/classes:$(ls "$ROOT"/gateway/target/app/lib/*.jar | tr '\n' ':')"
javac -d "$WORK/entry-cost" -cp "$CLASSPATH_GW" "$ROOT/bench/footprint/EntryCost.java"
ENTRIES="$(java -XX:+UseSerialGC -cp "$WORK/entry-cost:$CLASSPATH_GW" EntryCost | grep '^entry=')"

row() {
  local item="$1" label="$2"
  printf '| %s | %s | %s | %s |\n' "$label" "$(tr ' ' '\n' <<<"${TIMES[$item]}" | grep . | median)" \
    "${TIMES[$item]% }" "${LOADS[$item]% }"
}
SECTION="$WORK/section.md"
{
  printf '## Footprint and start-up, as `./edgeauth up` runs the stack\n\n'
  printf 'Command: `bench/footprint.sh` (%s rounds, %s users, %s refreshes, %s logouts, quiet wait %s s). Machine: %s. Date: %s.\n\n' \
    "$ROUNDS" "$USERS" "$REFRESHES" "$LOGOUTS" "$QUIET_WAIT" "$(machine)" "$(date -u '+%Y-%m-%d %H:%M UTC')"
  printf '### Start-up: launch to readiness, existing data folders, seconds\n\n'
  printf '| what | median | each round | load average at each start |\n|---|---:|---|---|\n'
  row task-service 'task-service alone'
  row auth-service 'auth-service alone (embedded PostgreSQL start included)'
  row gateway 'gateway alone (auth-service and task-service already running)'
  row stack 'whole stack, `./edgeauth up` (three in parallel)'
  [ -n "$KEYCLOAK" ] && row keycloak "Keycloak $KEYCLOAK \`start-dev\` (peer, its defaults)"
  printf '\nWhere a start spends its CPU (each service alone once more; threads'"'"' CPU time at readiness, and the\n'
  printf 'main thread'"'"'s phases from its log):\n\n'
  cat "$PROFILE"
  printf '\n### Memory after the mixed load\n\n'
  printf 'Load (`bench/footprint/FootprintLoad.java`, through the gateway):\n\n```\n%s\n```\n\n' "$(cat "$LOAD_OUT")"
  cat "$MEMORY"
  printf '\nFlags (`jcmd <pid> VM.command_line`: the module'"'"'s jvm.options, then what ./edgeauth adds):\n\n'
  cat "$FLAGS"
  printf '\n### Heap per entry of the gateway'"'"'s bounded structures\n\n```\n%s\n```\n' "$ENTRIES"
} >"$SECTION"
replace_section footprint "$SECTION"
cat "$SECTION"
