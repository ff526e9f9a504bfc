#!/usr/bin/env bash
# Benchmark: task-service GET /api/tasks (a page of 20 tasks from PostgreSQL) with wrk, against a baseline
# in the same run: the same JVM's liveness endpoint (HTTP stack only, no database).
#
#   bench/task-service.sh          (BENCH_RUNS=3 BENCH_DURATION=15s BENCH_CONNECTIONS=64 by default)
#
# It starts its own task-service on ports 18081/18181 with a durable embedded PostgreSQL in a temporary
# folder, seeds one user with 50 tasks, warms up, runs each load BENCH_RUNS times and writes the medians
# to bench/RESULTS.md. It is not a test: nothing here passes or fails on speed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RUNS="${BENCH_RUNS:-3}"
PORT=18081
MANAGEMENT_PORT=18181
USER_ID="00000000-0000-4000-8000-00000000be1c"
bench_workspace
need_wrk
start_module task-service "$MANAGEMENT_PORT" EDGEAUTH_TASK_PORT=$PORT EDGEAUTH_TASK_MANAGEMENT_PORT=$MANAGEMENT_PORT

say "seeding 50 tasks"
for i in $(seq 1 50); do
  curl -fsS -o /dev/null -X POST "http://localhost:$PORT/api/tasks" -H "X-User-Id: $USER_ID" \
    -H 'Content-Type: application/json' -d "{\"title\":\"benchmark task $i\"}"
done

TASKS_URL="http://localhost:$PORT/api/tasks?limit=20"
BASELINE_URL="http://localhost:$MANAGEMENT_PORT/actuator/health/liveness"

say "warming up"
BENCH_DURATION=30s run_wrk warmup "$TASKS_URL" -H "X-User-Id: $USER_ID" >/dev/null
BENCH_DURATION=5s run_wrk warmup "$BASELINE_URL" >/dev/null

ROWS="$WORK/rows"
: >"$ROWS"
for run in $(seq 1 "$RUNS"); do
  say "run $run/$RUNS"
  run_wrk baseline "$BASELINE_URL" >>"$ROWS"
  before="$(cpu_ticks "$SERVICE_PID")"
  row="$(run_wrk tasks "$TASKS_URL" -H "X-User-Id: $USER_ID")"
  after="$(cpu_ticks "$SERVICE_PID")"
  requests="$(awk '{print $5}' <<<"$row")"
  # CPU microseconds per request: clock ticks (USER_HZ) of the service process over the requests served.
  cpu_us="$(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN {printf "%.0f", t / hz * 1e6 / n}')"
  echo "$row $cpu_us" >>"$ROWS"
done

med() { awk -v n="$1" -v c="$2" '$1 == n {print $c}' "$ROWS" | median; }
base_rps="$(med baseline 2)"
tasks_rps="$(med tasks 2)"
SECTION="$WORK/section.md"
{
  echo "## task-service: GET /api/tasks"
  echo
  echo "- Command: \`bench/task-service.sh\` (wrk -t2 -c${BENCH_CONNECTIONS:-64} -d${BENCH_DURATION:-15s}, median of $RUNS runs after a warm-up)"
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- Machine: $(machine); wrk on the same cores"
  echo "- Database: embedded PostgreSQL 18, durable (fsync on), one user with 50 tasks, pages of 20"
  echo
  echo "| load | req/s | p50 ms | p99 ms | non-2xx | service CPU per request |"
  echo "|---|---:|---:|---:|---:|---:|"
  echo "| baseline: liveness endpoint, same JVM, no database | $base_rps | $(med baseline 3) | $(med baseline 4) | $(med baseline 6) | |"
  echo "| GET /api/tasks?limit=20 | $tasks_rps | $(med tasks 3) | $(med tasks 4) | $(med tasks 6) | $(med tasks 7) µs |"
  echo
  echo "Ratio GET /api/tasks ÷ baseline: $(awk -v a="$tasks_rps" -v b="$base_rps" 'BEGIN {printf "%.2f", a / b}')."
} >"$SECTION"
replace_section task-service "$SECTION"
cat "$SECTION"
