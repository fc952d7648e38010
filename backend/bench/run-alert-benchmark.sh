#!/usr/bin/env bash
# Alert latency benchmark: starts the backend on the embedded PostgreSQL with a fresh temporary data directory, waits
# until it is healthy, runs app.ledgerline.bench.AlertLatencyBenchmark against it (commit -> subscribed WebSocket
# client, p50/p90/p99), then stops the backend and removes the data directory.
#
# Usage (from anywhere):   backend/bench/run-alert-benchmark.sh [-Dbench.alerts=500 -Dbench.workers=1 -Dbench.subscribers=1]
# Arguments are passed to the benchmark JVM (see AlertLatencyBenchmark's javadoc for every -Dbench.* property).
# Environment: BENCH_PORT (default 8081), BENCH_REBUILD=1 to rebuild the backend jar, BACKEND_JAVA_OPTS.
set -euo pipefail

PORT="${BENCH_PORT:-8081}"
WORK_PREFIX=ledgerline-alert-bench
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ADMIN_TOKEN="bench-admin-$RANDOM$RANDOM"

start_backend LEDGERLINE_ADMIN_TOKEN="$ADMIN_TOKEN"

"$JAVA" -Xmx256m -cp "$CLASSPATH_BENCH" -Dbench.url="http://localhost:$PORT" -Dbench.token="$ADMIN_TOKEN" "$@" \
  app.ledgerline.bench.AlertLatencyBenchmark
