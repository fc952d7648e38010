#!/usr/bin/env bash
# Order-placement benchmark: starts the backend on the embedded PostgreSQL with a fresh temporary data directory,
# waits until it is healthy, runs app.ledgerline.bench.OrderPlacementBenchmark against it, prints the backend's
# resident memory after the load, then stops the backend and removes the data directory.
#
# Usage (from anywhere):   backend/bench/run-order-benchmark.sh [-Dbench.seconds=20 -Dbench.clients=32 ...]
# Arguments are passed to the benchmark JVM; see OrderPlacementBenchmark.Config for every -Dbench.* property.
# Environment: BENCH_PORT (default 8080), BENCH_REBUILD=1 to rebuild the backend jar, BACKEND_JAVA_OPTS,
# BENCH_JAVA_OPTS (load generator JVM, default -Xmx512m).
set -euo pipefail

PORT="${BENCH_PORT:-8080}"
WORK_PREFIX=ledgerline-bench
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ADMIN_TOKEN=bench-admin
BOT_TOKEN=bench-bot

start_backend LEDGERLINE_ADMIN_TOKEN="$ADMIN_TOKEN" LEDGERLINE_BOT_TOKEN="$BOT_TOKEN" LEDGERLINE_PAYMENT_HOLD=720h
echo

set +e
"$JAVA" --enable-native-access=ALL-UNNAMED ${BENCH_JAVA_OPTS:--Xmx512m} -cp "$CLASSPATH_BENCH" \
  -Dbench.url="http://localhost:$PORT/graphql" \
  -Dbench.adminToken="$ADMIN_TOKEN" -Dbench.botToken="$BOT_TOKEN" \
  -Dbench.backendPid="$BACKEND_PID" -Dbench.postgresPid="${POSTMASTER_PID:-0}" \
  "$@" app.ledgerline.bench.OrderPlacementBenchmark
BENCH_STATUS=$?
set -e

echo
if [[ -r "/proc/$BACKEND_PID/status" ]]; then
  echo "Backend resident memory after the load: $(awk '/^VmRSS:/ {printf "%d MB", $2/1024}' "/proc/$BACKEND_PID/status")" \
       "(peak $(awk '/^VmHWM:/ {printf "%d MB", $2/1024}' "/proc/$BACKEND_PID/status"); target < 512 MB)"
fi
# Errors the backend logged under load (for example connection-pool timeouts), most frequent first.
ERRORS=$(grep -cE '^[0-9T:.-]+Z +ERROR ' "$WORK/backend.log" || true)
WARNS=$(grep -cE '^[0-9T:.-]+Z +WARN ' "$WORK/backend.log" || true)
echo "Backend log: $ERRORS ERROR and $WARNS WARN lines (BENCH_KEEP_LOG=<file> keeps it)"
if [[ "$ERRORS" -gt 0 ]]; then
  grep -A1 -E '^[0-9T:.-]+Z +ERROR ' "$WORK/backend.log" | grep -vE '^(--|\s+at |\s*$)' \
    | sed -E 's/^[0-9T:.-]+Z +ERROR [0-9]+ --- \[[^]]*\] \[[^]]*\] //; s/[0-9a-f]{8}-[0-9]+/<id>/g' \
    | cut -c1-220 | sort | uniq -c | sort -rn | head -n 6
fi
exit $BENCH_STATUS
