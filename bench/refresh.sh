#!/usr/bin/env bash
# Benchmark: refresh-token rotations per second (POST /auth/refresh, rotation and reuse detection on) with many
# concurrent sessions, against a baseline in the same run: the same SQL (one statement a rotation) driven directly by
# pgbench on the same PostgreSQL, without HTTP, JSON, signing or encryption, so the ratio shows the service's own cost.
#
#   bench/refresh.sh      (BENCH_RUNS=3 BENCH_DURATION=15s BENCH_CONNECTIONS=64 BENCH_SESSIONS=512 BENCH_WARMUP=60s
#                          by default)
#
# It starts its own auth-service on ports 19200/19300 with a durable embedded PostgreSQL (fsync and
# synchronous_commit on) in a temporary folder on port 19432, signs one user up, inserts BENCH_SESSIONS sessions
# with known refresh tokens for wrk (refresh/refresh.lua: each in-flight request rotates its own chain) and as many
# for pgbench (refresh/baseline.sql), warms up, alternates the two loads BENCH_RUNS times and writes the medians to
# bench/RESULTS.md. It is not a test: nothing here passes or fails on speed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RUNS="${BENCH_RUNS:-3}"
CONNECTIONS="${BENCH_CONNECTIONS:-64}"
SESSIONS="${BENCH_SESSIONS:-512}"
PORT=19200
MANAGEMENT_PORT=19300
PG_PORT=19432
bench_workspace

need_wrk
command -v pgbench >/dev/null && command -v psql >/dev/null || {
  say "installing the PostgreSQL client (pgbench, psql)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-client postgresql-contrib >/dev/null
}
start_module auth-service "$MANAGEMENT_PORT" EDGEAUTH_AUTH_PORT=$PORT EDGEAUTH_AUTH_MANAGEMENT_PORT=$MANAGEMENT_PORT \
  EDGEAUTH_DATABASE_EMBEDDED_PORT=$PG_PORT EDGEAUTH_KEK="$(head -c 32 /dev/urandom | base64)"
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h localhost -p "$PG_PORT" -U postgres -d postgres)
PG_OPTIONS="-c search_path=auth"
export PGOPTIONS="$PG_OPTIONS"

say "signing up the benchmark user; inserting $SESSIONS sessions for wrk and $CONNECTIONS for pgbench (one a client)"
curl -fsS -o /dev/null -X POST "http://localhost:$PORT/auth/signup" -H 'Content-Type: application/json' \
  -d '{"email":"bench-refresh@example.com","password":"correct horse battery staple"}'
TOKENS="$WORK/tokens.txt"
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

reseed_http
"${PSQL[@]}" <<SQL
WITH u AS (SELECT id FROM users WHERE email = 'bench-refresh@example.com'),
  s AS (INSERT INTO sessions (user_id, created_at, last_used_at, idle_expires_at, absolute_expires_at, ip, user_agent)
        SELECT u.id, now(), now(), now() + interval '7 days', now() + interval '30 days', '127.0.0.1', 'pgbench-' || n
        FROM u, generate_series(0, $CONNECTIONS - 1) AS n RETURNING id)
INSERT INTO refresh_tokens (session_id, token_hash, created_at)
  SELECT s.id, sha256(uuid_send(gen_random_uuid())), now() FROM s;
SQL

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
say "warming up"
BENCH_DURATION="${BENCH_WARMUP:-60s}" run_http warmup >/dev/null
reseed_http
BENCH_DURATION=5s run_baseline warmup >/dev/null

# CPU time of the JIT compiler threads of a process, in clock ticks.
jit_ticks() { cat /proc/"$1"/task/*/stat 2>/dev/null | awk '/\((C1|C2) CompilerThre/ {sub(/.*\) /, ""); t += $12 + $13} END {print t + 0}'; }

ROWS="$WORK/rows"
: >"$ROWS"
LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
HZ="$(getconf CLK_TCK)"
for run in $(seq 1 "$RUNS"); do
  say "run $run/$RUNS: baseline (pgbench)"
  run_baseline baseline >>"$ROWS"
  say "run $run/$RUNS: POST /auth/refresh (wrk)"
  before="$(cpu_ticks "$SERVICE_PID")"
  jit_before="$(jit_ticks "$SERVICE_PID")"
  row="$(run_http refresh)"
  after="$(cpu_ticks "$SERVICE_PID")"
  jit_after="$(jit_ticks "$SERVICE_PID")"
  requests="$(awk '{print $5}' <<<"$row")"
  cpu_us="$(awk -v t=$((after - before)) -v hz="$HZ" -v n="$requests" 'BEGIN {printf "%.0f", t / hz * 1e6 / n}')"
  jit_pct="$(awk -v j=$((jit_after - jit_before)) -v t=$((after - before)) 'BEGIN {printf "%.0f", (t > 0) ? 100 * j / t : 0}')"
  echo "$row $cpu_us $jit_pct" >>"$ROWS"
  reseed_http
done
rss="$(rss_mb "$SERVICE_PID")"
LOAD_END="$(cut -d' ' -f1-3 /proc/loadavg)"

med() { awk -v n="$1" -v c="$2" '$1 == n {print $c}' "$ROWS" | median; }
base_tps="$(med baseline 2)"
http_rps="$(med refresh 2)"
SECTION="$WORK/section.md"
{
  echo "## auth-service: refresh-token rotation throughput"
  echo
  echo "- Command: \`bench/refresh.sh\` (wrk -t2 -c$CONNECTIONS -d${BENCH_DURATION:-15s} POST /auth/refresh and pgbench -c$CONNECTIONS -j2 -T${BENCH_DURATION:-15s}, alternating, median of $RUNS runs after a warm-up)"
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- Machine: $(machine); wrk, pgbench, the service and PostgreSQL on the same cores"
  echo "- Load average (1/5/15 min) at start: $LOAD_START; at end: $LOAD_END (other work on the same cores inflates every figure; compare the ratio)"
  echo "- Database: embedded PostgreSQL 18, durable (fsync and synchronous_commit on); $SESSIONS sessions per load, each in-flight request rotating its own chain (no grace-window replays); every rotation writes its audit row"
  echo
  echo "| load | rotations/s | latency p50 ms | p99 ms | non-2xx / failed | service CPU per rotation |"
  echo "|---|---:|---:|---:|---:|---:|"
  echo "| baseline: the rotation's SQL (one statement) by pgbench (no HTTP, JSON, Ed25519 signing, AES-GCM) | $base_tps | $(med baseline 3) (average) | | $(med baseline 6) | |"
  echo "| POST /auth/refresh through the service | $http_rps | $(med refresh 3) | $(med refresh 4) | $(med refresh 6) | $(med refresh 7) µs (JIT compiler: $(med refresh 8) %) |"
  echo
  echo "Ratio service ÷ baseline: **$(awk -v a="$http_rps" -v b="$base_tps" 'BEGIN {printf "%.2f", a / b}')**. Bar: ≥ 1,533 rotations/s (Keycloak 26's refresh rate with rotation off); goal 3,000. Service RSS after the runs: $rss MB."
} >"$SECTION"
replace_section refresh "$SECTION"
cat "$SECTION"
