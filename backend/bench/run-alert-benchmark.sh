#!/usr/bin/env bash
# Alert latency benchmark: starts the backend on the embedded PostgreSQL with a fresh temporary data directory, waits
# until it is healthy, runs app.ledgerline.bench.AlertLatencyBenchmark against it (commit -> subscribed WebSocket
# client, p50/p90/p99), then stops the backend and removes the data directory.
#
# Usage (from anywhere):   backend/bench/run-alert-benchmark.sh [-Dbench.alerts=500 -Dbench.workers=1 -Dbench.subscribers=1]
# Arguments are passed to the benchmark JVM (see AlertLatencyBenchmark's javadoc for every -Dbench.* property).
# Environment: BENCH_PORT (default 8081), BENCH_REBUILD=1 to rebuild the backend jar, BACKEND_JAVA_OPTS.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$REPO"

java_major() { "$1" -version 2>&1 | sed -n 's/.* version "\([0-9]*\).*/\1/p' | head -n 1; }
if [[ -z "${JAVA_HOME:-}" || ! -x "$JAVA_HOME/bin/java" || "$(java_major "$JAVA_HOME/bin/java")" -lt 21 ]]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA="$JAVA_HOME/bin/java"
[[ -x "$JAVA" ]] || { echo "No JDK 21+ found (set JAVA_HOME)" >&2; exit 1; }

PORT="${BENCH_PORT:-8081}"
JAR="$REPO/backend/target/ledgerline-backend-0.1.0-SNAPSHOT-exec.jar"
ADMIN_TOKEN="bench-admin-$RANDOM$RANDOM"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/ledgerline-alert-bench.XXXXXX")"
BACKEND_PID=""

cleanup() {
  local status=$?
  set +e
  if [[ -n "$BACKEND_PID" ]] && kill -0 "$BACKEND_PID" 2>/dev/null; then
    kill -TERM "$BACKEND_PID"
    for _ in $(seq 1 150); do kill -0 "$BACKEND_PID" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$BACKEND_PID" 2>/dev/null && kill -KILL "$BACKEND_PID"
  fi
  if [[ $status -ne 0 && -f "$WORK/backend.log" ]]; then
    echo "--- last lines of the backend log ---" >&2
    tail -n 40 "$WORK/backend.log" >&2
  fi
  rm -rf "$WORK"
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if curl -s -o /dev/null "http://localhost:$PORT/" 2>/dev/null; then
  echo "Port $PORT is already in use; choose another with BENCH_PORT" >&2
  exit 1
fi

# Build from this checkout's reactor (-am), so the schema module comes from here, not from ~/.m2.
if [[ ! -f "$JAR" || "${BENCH_REBUILD:-0}" == 1 ]]; then
  echo "Building the backend jar..."
  ./mvnw -q -B -o -pl backend -am -DskipTests package
fi
echo "Compiling the benchmark and resolving its classpath..."
./mvnw -q -B -o -pl backend -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath.txt"
CLASSPATH_BENCH="$REPO/backend/target/test-classes:$REPO/backend/target/classes:$REPO/schema/target/classes:$(cat "$WORK/classpath.txt")"

echo "Starting the backend on port $PORT (embedded PostgreSQL in $WORK/pg)..."
STARTED=$(date +%s%N)
env LEDGERLINE_DATA_DIR="$WORK/pg" LEDGERLINE_ADMIN_TOKEN="$ADMIN_TOKEN" PORT="$PORT" \
    "$JAVA" ${BACKEND_JAVA_OPTS:-} -jar "$JAR" > "$WORK/backend.log" 2>&1 &
BACKEND_PID=$!

DEADLINE=$(( $(date +%s) + 180 ))
until curl -sf "http://localhost:$PORT/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
  if ! kill -0 "$BACKEND_PID" 2>/dev/null; then
    echo "The backend exited during start-up" >&2
    exit 1
  fi
  if (( $(date +%s) > DEADLINE )); then
    echo "The backend was not healthy within 180 s" >&2
    exit 1
  fi
  sleep 0.2
done
echo "Backend healthy after $(( ($(date +%s%N) - STARTED) / 1000000 )) ms"

"$JAVA" -Xmx256m -cp "$CLASSPATH_BENCH" -Dbench.url="http://localhost:$PORT" -Dbench.token="$ADMIN_TOKEN" "$@" \
  app.ledgerline.bench.AlertLatencyBenchmark
