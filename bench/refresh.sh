#!/usr/bin/env bash
# Benchmark: refresh-token rotations per second (POST /auth/refresh, rotation and reuse detection on) with many
# concurrent sessions, against a baseline in the same run: the same SQL (one statement a rotation) driven directly by
# pgbench on the same PostgreSQL, without HTTP, JSON, signing or encryption, so the ratio shows the service's own cost.
#
#   bench/refresh.sh      (BENCH_RUNS=3 BENCH_DURATION=15s BENCH_CONNECTIONS=64 BENCH_SESSIONS=512 BENCH_WARMUP=60s
#                          by default)
#   bench/refresh.sh --jvm-baseline [--baseline REF]   also an auth-service of the same jar started with the JDK's
#                          defaults (java -jar, as ./edgeauth started services before they had jvm.options), and with
#                          --baseline the auth-service of git REF started that way too (before/after), each on its own
#                          database; all are measured in turn in every run (section "refresh-before-after")
#
# It starts its own auth-service with ./edgeauth's JVM arguments on ports 19200/19300 with a durable embedded
# PostgreSQL (fsync and synchronous_commit on) in a temporary folder on port 19432 (the baseline JVM: 19201/19301,
# 19433), signs one user up, inserts BENCH_SESSIONS sessions
# with known refresh tokens for wrk (refresh/refresh.lua: each in-flight request rotates its own chain) and as many
# for pgbench (refresh/baseline.sql), warms up, alternates the two loads BENCH_RUNS times and writes the medians to
# bench/RESULTS.md. It is not a test: nothing here passes or fails on speed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

JVM_BASELINE=0
BASELINE=""
while [ $# -gt 0 ]; do
  case "$1" in
    --jvm-baseline) JVM_BASELINE=1; shift ;;
    --baseline) BASELINE="${2:?--baseline needs a git ref}"; JVM_BASELINE=1; shift 2 ;;
    *) say "unknown option $1"; exit 2 ;;
  esac
done
RUNS="${BENCH_RUNS:-3}"
CONNECTIONS="${BENCH_CONNECTIONS:-64}"
SESSIONS="${BENCH_SESSIONS:-512}"
bench_workspace

need_wrk
command -v pgbench >/dev/null && command -v psql >/dev/null || {
  say "installing the PostgreSQL client (pgbench, psql)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-client postgresql-contrib >/dev/null
}
export PGOPTIONS="-c search_path=auth"

# A slot is one auth-service and its database: name | port | management port | database port | JVM.
SLOTS=("edgeauth|19200|19300|19432|edgeauth")
[ "$JVM_BASELINE" = 1 ] && SLOTS+=("defaults|19201|19301|19433|defaults")
[ -n "$BASELINE" ] && SLOTS+=("baseline|19202|19302|19434|defaults")
declare -A SERVICE_PIDS
# use_slot NAME: sets PORT, PG_PORT, PSQL, TOKENS and SERVICE_PID for that slot.
use_slot() {
  local entry name jvm management
  for entry in "${SLOTS[@]}"; do
    IFS='|' read -r name PORT management PG_PORT jvm <<<"$entry"
    [ "$name" = "$1" ] && break
  done
  PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h localhost -p "$PG_PORT" -U postgres -d postgres)
  TOKENS="$WORK/tokens-$1.txt"
  SERVICE_PID="${SERVICE_PIDS[$1]:-}"
}

run_http() {
  BENCH_TOKENS_FILE="$TOKENS" BENCH_THREADS=2 BENCH_CONNECTIONS="$CONNECTIONS" \
    run_wrk "$1" "http://localhost:$PORT" -s "$ROOT/bench/refresh/refresh.lua"
}
# Fresh chains for a wrk run: new sessions with known refresh tokens (a run ends with the live successors in wrk's
# memory only). 32 random bytes, base64url: the shape of a real refresh token.
reseed_http() {
  for _ in $(seq 1 "$SESSIONS"); do head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n'; echo; done >"$TOKENS"
  {
    echo "CREATE TEMP TABLE bench_tokens (token text);"
    echo "\\copy bench_tokens FROM '$TOKENS'"
    cat <<'SQL'
WITH u AS (SELECT id FROM users WHERE email = 'bench-refresh@example.com'),
  t AS (SELECT gen_random_uuid() AS sid, token FROM bench_tokens),
  s AS (INSERT INTO sessions (id, user_id, created_at, last_used_at, idle_expires_at, absolute_expires_at, ip,
          user_agent)
        SELECT t.sid, u.id, now(), now(), now() + interval '7 days', now() + interval '30 days', '127.0.0.1', 'wrk'
        FROM u, t RETURNING id)
INSERT INTO refresh_tokens (session_id, token_hash, created_at)
  SELECT t.sid, sha256(convert_to(t.token, 'UTF8')), now() FROM t JOIN s ON s.id = t.sid;
SQL
  } | "${PSQL[@]}"
}

if [ -n "$BASELINE" ]; then
  BASELINE_COMMIT="$(git -C "$ROOT" rev-parse --short "$BASELINE")"
  say "building the auth-service of $BASELINE ($BASELINE_COMMIT) in a worktree"
  git -C "$ROOT" worktree add --detach -q "$WORK/baseline-tree" "$BASELINE_COMMIT"
  trap 'bench_cleanup; git -C "$ROOT" worktree remove --force "$WORK/baseline-tree" 2>/dev/null; git -C "$ROOT" worktree prune' EXIT
  (cd "$WORK/baseline-tree" && ./mvnw -q -B -DskipTests clean package -pl auth-service -am)
fi

for entry in "${SLOTS[@]}"; do
  IFS='|' read -r slot port management pg_port jvm <<<"$entry"
  source_tree="$ROOT"
  [ "$slot" = baseline ] && source_tree="$WORK/baseline-tree"
  BENCH_INSTANCE="auth-service-$slot" BENCH_SOURCE="$source_tree" BENCH_JVM="$jvm" start_module auth-service "$management" EDGEAUTH_AUTH_PORT="$port" \
    EDGEAUTH_AUTH_MANAGEMENT_PORT="$management" EDGEAUTH_DATABASE_EMBEDDED_PORT="$pg_port" \
    EDGEAUTH_DATABASE_EMBEDDED_DATA_DIR="$WORK/data-$slot" EDGEAUTH_KEK="$(head -c 32 /dev/urandom | base64)"
  SERVICE_PIDS[$slot]="$SERVICE_PID"
  use_slot "$slot"
  say "$slot: signing up the benchmark user; inserting $SESSIONS sessions for wrk and $CONNECTIONS for pgbench"
  curl -fsS -o /dev/null -X POST "http://localhost:$PORT/auth/signup" -H 'Content-Type: application/json' \
    -d '{"email":"bench-refresh@example.com","password":"correct horse battery staple"}'
  reseed_http
  "${PSQL[@]}" <<SQL
WITH u AS (SELECT id FROM users WHERE email = 'bench-refresh@example.com'),
  s AS (INSERT INTO sessions (user_id, created_at, last_used_at, idle_expires_at, absolute_expires_at, ip, user_agent)
        SELECT u.id, now(), now(), now() + interval '7 days', now() + interval '30 days', '127.0.0.1', 'pgbench-' || n
        FROM u, generate_series(0, $CONNECTIONS - 1) AS n RETURNING id)
INSERT INTO refresh_tokens (session_id, token_hash, created_at)
  SELECT s.id, sha256(uuid_send(gen_random_uuid())), now() FROM s;
SQL
done

run_baseline() {
  local out tps duration="${BENCH_DURATION:-15s}"
  out="$(pgbench -n -h localhost -p "$PG_PORT" -U postgres -c "$CONNECTIONS" -j 2 -T "${duration%s}" \
    -D initialized=0 -f "$ROOT/bench/refresh/baseline.sql" postgres 2>&1)" || { say "pgbench failed: $out"; return 1; }
  tps="$(awk -F'= ' '/^tps/ {split($2, a, " "); printf "%.0f", a[1]}' <<<"$out")"
  local p50
  p50="$(awk '/latency average/ {print $4}' <<<"$out")"
  local failed
  failed="$(awk '/number of failed transactions/ {print $5}' <<<"$out")"
  printf "%s %s %s - - %s\n" "$1" "$tps" "$p50" "${failed:-0}"
}

# 60 s, not the 30 s of the other benches: on 2 shared cores the JIT (C2) was still compiling the refresh path after
# 30 s (a third of the service's CPU in the first measured run, measured per thread); the table shows its share.
for entry in "${SLOTS[@]}"; do
  slot="${entry%%|*}"
  use_slot "$slot"
  say "$slot: warming up"
  BENCH_DURATION="${BENCH_WARMUP:-60s}" run_http warmup >/dev/null
  reseed_http
  BENCH_DURATION=5s run_baseline warmup >/dev/null
done

# CPU time of the JIT compiler threads of a process, in clock ticks.
jit_ticks() { cat /proc/"$1"/task/*/stat 2>/dev/null | awk '/\((C1|C2) CompilerThre/ {sub(/.*\) /, ""); t += $12 + $13} END {print t + 0}'; }

ROWS="$WORK/rows"
: >"$ROWS"
LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
HZ="$(getconf CLK_TCK)"
for run in $(seq 1 "$RUNS"); do
  for entry in "${SLOTS[@]}"; do
    slot="${entry%%|*}"
    use_slot "$slot"
    say "run $run/$RUNS, $slot: baseline (pgbench)"
    run_baseline "baseline-$slot" >>"$ROWS"
    say "run $run/$RUNS, $slot: POST /auth/refresh (wrk)"
    before="$(cpu_ticks "$SERVICE_PID")"
    jit_before="$(jit_ticks "$SERVICE_PID")"
    read -r gc_before gc_ms_before < <(gc_totals "$SERVICE_PID")
    row="$(run_http "refresh-$slot")"
    after="$(cpu_ticks "$SERVICE_PID")"
    jit_after="$(jit_ticks "$SERVICE_PID")"
    read -r gc_after gc_ms_after < <(gc_totals "$SERVICE_PID")
    requests="$(awk '{print $5}' <<<"$row")"
    cpu_us="$(awk -v t=$((after - before)) -v hz="$HZ" -v n="$requests" 'BEGIN {printf "%.0f", t / hz * 1e6 / n}')"
    jit_pct="$(awk -v j=$((jit_after - jit_before)) -v t=$((after - before)) 'BEGIN {printf "%.0f", (t > 0) ? 100 * j / t : 0}')"
    echo "$row $cpu_us $jit_pct $((gc_after - gc_before)) $((gc_ms_after - gc_ms_before))" >>"$ROWS"
    reseed_http
  done
done
use_slot edgeauth
rss="$(rss_mb "$SERVICE_PID")"
LOAD_END="$(cut -d' ' -f1-3 /proc/loadavg)"

med() { awk -v n="$1" -v c="$2" '$1 == n {print $c}' "$ROWS" | median; }
base_tps="$(med baseline-edgeauth 2)"
http_rps="$(med refresh-edgeauth 2)"
SECTION="$WORK/section.md"
{
  echo "## auth-service: refresh-token rotation throughput"
  echo
  echo "- Command: \`bench/refresh.sh\` (wrk -t2 -c$CONNECTIONS -d${BENCH_DURATION:-15s} POST /auth/refresh and pgbench -c$CONNECTIONS -j2 -T${BENCH_DURATION:-15s}, alternating, median of $RUNS runs after a warm-up)"
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- Machine: $(machine); wrk, pgbench, the service and PostgreSQL on the same cores"
  echo "- Load average (1/5/15 min) at start: $LOAD_START; at end: $LOAD_END (other work on the same cores inflates every figure; compare the ratio)"
  echo "- JVM: the arguments ./edgeauth gives the auth-service (\`./edgeauth java-args auth-service\`: its jvm.options, a 300 MB budget, the class-data archive)"
  echo "- Database: embedded PostgreSQL 18, durable (fsync and synchronous_commit on); $SESSIONS sessions per load, each in-flight request rotating its own chain (no grace-window replays); every rotation writes its audit row"
  echo
  echo "| load | rotations/s | latency p50 ms | p99 ms | non-2xx / failed | service CPU per rotation |"
  echo "|---|---:|---:|---:|---:|---:|"
  echo "| baseline: the rotation's SQL (one statement) by pgbench (no HTTP, JSON, Ed25519 signing, AES-GCM) | $base_tps | $(med baseline-edgeauth 3) (average) | | $(med baseline-edgeauth 6) | |"
  echo "| POST /auth/refresh through the service | $http_rps | $(med refresh-edgeauth 3) | $(med refresh-edgeauth 4) | $(med refresh-edgeauth 6) | $(med refresh-edgeauth 7) µs (JIT compiler: $(med refresh-edgeauth 8) %) |"
  echo
  echo "Ratio service ÷ baseline: **$(awk -v a="$http_rps" -v b="$base_tps" 'BEGIN {printf "%.2f", a / b}')**. Bar: ≥ 1,533 rotations/s (Keycloak 26's refresh rate with rotation off); goal 3,000. Service RSS after the runs: $rss MB."
} >"$SECTION"
replace_section refresh "$SECTION"
cat "$SECTION"

if [ "$JVM_BASELINE" = 1 ]; then
  label() {
    case "$1" in
      edgeauth) echo "this tree, ./edgeauth's JVM settings" ;;
      defaults) echo "this tree, the JDK's defaults" ;;
      baseline) echo "$BASELINE_COMMIT, the JDK's defaults (as it ran)" ;;
    esac
  }
  JVM_SECTION="$WORK/jvm-section.md"
  {
    echo "## auth-service: refresh before and after (same run, interleaved)"
    echo
    echo "- Command: \`bench/refresh.sh --jvm-baseline${BASELINE:+ --baseline $BASELINE}\` (each auth-service on its own durable embedded PostgreSQL; every run measures each in turn, pgbench then wrk; $RUNS runs, medians)"
    echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC'); machine: $(machine); load average at start $LOAD_START, at end $LOAD_END"
    echo "- ./edgeauth's JVM settings: \`$("$ROOT/edgeauth" java-args auth-service | grep -v -- '-jar\|\.jar$' | sed "s|$ROOT/||" | tr '\n' ' ' | sed 's/ $//')\`; the JDK's defaults: \`java -jar\` (G1, a heap up to a quarter of the machine), as ./edgeauth started services before they had jvm.options"
    echo
    echo "| auth-service | rotations/s | pgbench on its database | ratio | p99 ms | CPU per rotation | GC: collections, pauses in a run | RSS after |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|"
    for entry in "${SLOTS[@]}"; do
      slot="${entry%%|*}"
      use_slot "$slot"
      printf '| %s | %s | %s | %s | %s | %s µs | %s, %s ms | %s MB |\n' "$(label "$slot")" \
        "$(med "refresh-$slot" 2)" "$(med "baseline-$slot" 2)" \
        "$(awk -v a="$(med "refresh-$slot" 2)" -v b="$(med "baseline-$slot" 2)" 'BEGIN {printf "%.2f", a / b}')" \
        "$(med "refresh-$slot" 4)" "$(med "refresh-$slot" 7)" "$(med "refresh-$slot" 9)" "$(med "refresh-$slot" 10)" \
        "$(rss_mb "$SERVICE_PID")"
    done
    echo
    echo "Each run, CPU per rotation and rotations/s:"
    for entry in "${SLOTS[@]}"; do
      slot="${entry%%|*}"
      echo "- $(label "$slot"): $(awk -v n="refresh-$slot" '$1 == n {printf "%s%s µs %s/s", (k++ ? "; " : ""), $7, $2}' "$ROWS")"
    done
  } >"$JVM_SECTION"
  replace_section refresh-before-after "$JVM_SECTION"
  cat "$JVM_SECTION"
fi
