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

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$REPO"

java_major() { "$1" -version 2>&1 | sed -n 's/.* version "\([0-9]*\).*/\1/p' | head -n 1; }
if [[ -z "${JAVA_HOME:-}" || ! -x "$JAVA_HOME/bin/java" || "$(java_major "$JAVA_HOME/bin/java")" -lt 21 ]]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA="$JAVA_HOME/bin/java"
[[ -x "$JAVA" ]] || { echo "No JDK 21+ found (set JAVA_HOME)" >&2; exit 1; }

PORT="${BENCH_PORT:-8080}"
JAR="$REPO/backend/target/ledgerline-backend-0.1.0-SNAPSHOT-exec.jar"
ADMIN_TOKEN=bench-admin
BOT_TOKEN=bench-bot

if [[ ! -f "$JAR" || "${BENCH_REBUILD:-0}" == 1 ]]; then
  echo "Building the backend jar..."
  ./mvnw -q -B -o -DskipTests install || ./mvnw -q -B -DskipTests install
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/ledgerline-bench.XXXXXX")"
BACKEND_PID=""
POSTMASTER_PID=""

cleanup() {
  local status=$?
  set +e
  if [[ -n "$BACKEND_PID" ]] && kill -0 "$BACKEND_PID" 2>/dev/null; then
    kill -TERM "$BACKEND_PID"
    for _ in $(seq 1 150); do kill -0 "$BACKEND_PID" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$BACKEND_PID" 2>/dev/null && kill -KILL "$BACKEND_PID"
  fi
  # The embedded PostgreSQL stops with the backend; make sure it did (only the one in our data directory).
  if [[ -n "$POSTMASTER_PID" ]] && kill -0 "$POSTMASTER_PID" 2>/dev/null \
      && tr '\0' ' ' < "/proc/$POSTMASTER_PID/cmdline" 2>/dev/null | grep -qF "$WORK/"; then
    kill -TERM "$POSTMASTER_PID"
    for _ in $(seq 1 100); do kill -0 "$POSTMASTER_PID" 2>/dev/null || break; sleep 0.2; done
  fi
  if [[ -f "$WORK/backend.log" ]]; then
    if [[ $status -ne 0 ]]; then
      echo "--- last lines of the backend log ---" >&2
      tail -n 40 "$WORK/backend.log" >&2
    fi
    if [[ -n "${BENCH_KEEP_LOG:-}" ]]; then
      cp "$WORK/backend.log" "$BENCH_KEEP_LOG" && echo "Backend log kept in $BENCH_KEEP_LOG"
    fi
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

# The benchmark runs in its own JVM on the test classpath. (exec:java is not used: exec-maven-plugin is not
# resolvable offline here, and a separate JVM keeps Maven itself out of the measurement.)
echo "Compiling the benchmark and resolving its classpath..."
./mvnw -q -B -o -pl backend test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath.txt"
CLASSPATH_BENCH="$REPO/backend/target/test-classes:$REPO/backend/target/classes:$(cat "$WORK/classpath.txt")"

echo "Starting the backend on port $PORT (embedded PostgreSQL in $WORK/pg)..."
STARTED=$(date +%s%N)
env LEDGERLINE_DATA_DIR="$WORK/pg" \
    LEDGERLINE_ADMIN_TOKEN="$ADMIN_TOKEN" LEDGERLINE_BOT_TOKEN="$BOT_TOKEN" \
    LEDGERLINE_PAYMENT_HOLD=720h PORT="$PORT" \
    "$JAVA" ${BACKEND_JAVA_OPTS:-} -jar "$JAR" > "$WORK/backend.log" 2>&1 &
BACKEND_PID=$!

DEADLINE=$(( $(date +%s) + 120 ))
until curl -sf "http://localhost:$PORT/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
  if ! kill -0 "$BACKEND_PID" 2>/dev/null; then
    echo "The backend exited during start-up" >&2
    exit 1
  fi
  if (( $(date +%s) > DEADLINE )); then
    echo "The backend was not healthy within 120 s" >&2
    exit 1
  fi
  sleep 0.1
done
READY_MS=$(( ($(date +%s%N) - STARTED) / 1000000 ))
POSTMASTER_PID="$(head -n 1 "$WORK/pg/postmaster.pid" 2>/dev/null || true)"
echo "Backend pid $BACKEND_PID healthy after ${READY_MS} ms (PostgreSQL postmaster pid ${POSTMASTER_PID:-unknown})"
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
