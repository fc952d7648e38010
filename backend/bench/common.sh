# Shared by the benchmark scripts (sourced, not run): picks a JDK, builds what is needed, starts the backend on the
# embedded PostgreSQL in a fresh temporary directory, waits until it is healthy, and stops and removes it on exit.
# The sourcing script sets PORT and WORK_PREFIX first (and BENCH_MODULE, default backend: the module whose test classes
# hold the load generator); it gets REPO, JAVA, JAR, WORK, CLASSPATH_BENCH, BACKEND_PID, POSTMASTER_PID and READY_MS.

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$REPO"

java_major() { "$1" -version 2>&1 | sed -n 's/.* version "\([0-9]*\).*/\1/p' | head -n 1; }
source "$REPO/.ci/jdk.sh"
if [[ -z "${JAVA_HOME:-}" ]] || ! usable_jdk "$JAVA_HOME"; then
  JAVA_HOME="$(find_jdk)"
fi
[[ -n "$JAVA_HOME" ]] || { echo "No JDK $MIN_JAVA+ found: install one (for example openjdk-21-jdk-headless) or set JAVA_HOME" >&2; exit 1; }
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"

JAR="$REPO/backend/target/ledgerline-backend-0.1.0-SNAPSHOT-exec.jar"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/${WORK_PREFIX}.XXXXXX")"
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

# Built from this checkout's reactor (-am), so the schema module comes from here, not from ~/.m2.
if [[ ! -f "$JAR" || "${BENCH_REBUILD:-0}" == 1 ]]; then
  echo "Building the backend jar..."
  ./mvnw -q -B -pl backend -am -DskipTests package
fi
# The benchmark runs in its own JVM on the test classpath: a separate JVM keeps Maven out of the measurement
# (and exec-maven-plugin does not resolve offline here). The dependency plugin is named in full, so a fresh machine
# needs no cached plugin-prefix metadata; Maven Central is asked only for what is not in ~/.m2 yet.
BENCH_MODULE="${BENCH_MODULE:-backend}"
echo "Compiling the benchmark and resolving its classpath..."
./mvnw -q -B -pl "$BENCH_MODULE" -am test-compile \
  org.apache.maven.plugins:maven-dependency-plugin:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath.txt"
CLASSPATH_BENCH="$REPO/$BENCH_MODULE/target/test-classes:$REPO/$BENCH_MODULE/target/classes:$REPO/schema/target/classes:$(cat "$WORK/classpath.txt")"

# The backend's JVM as deployed (backend/Dockerfile): heap and direct memory capped, serial GC, two malloc arenas.
BACKEND_JAVA_OPTS="${BACKEND_JAVA_OPTS--Xmx256m -XX:MaxDirectMemorySize=64m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError}"

# Start-up: on JDK 25+ the backend runs from its extracted jar with an AOT cache (JEP 483/514: classes loaded and
# linked ahead of time), made once per build by a training run that stops after the context refresh. This is how
# to start it quickly anywhere (see README "Benchmark"); BENCH_AOT=0 runs the plain `java -jar` instead.
BACKEND_LAUNCH=(-jar "$JAR")
AOT_DIR="$REPO/backend/target/aot"
if [[ "${BENCH_AOT:-1}" == 1 && "$(java_major "$JAVA")" -ge 25 ]]; then
  AOT_JAR="$AOT_DIR/$(basename "$JAR")"
  if [[ ! -f "$AOT_DIR/app.aot" || "$JAR" -nt "$AOT_DIR/app.aot" ]]; then
    echo "Extracting the backend jar and training its AOT cache (once per build, about 30 s)..."
    rm -rf "$AOT_DIR"
    "$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$AOT_DIR" >/dev/null
    env MALLOC_ARENA_MAX=2 LEDGERLINE_DATA_DIR="$WORK/aot-training-pg" PORT=0 \
        "$JAVA" $BACKEND_JAVA_OPTS -XX:AOTCacheOutput="$AOT_DIR/app.aot" -Dspring.context.exit=onRefresh -jar "$AOT_JAR" \
        > "$WORK/aot-training.log" 2>&1 || true
    rm -rf "$WORK/aot-training-pg"
  fi
  if [[ -f "$AOT_DIR/app.aot" ]]; then
    BACKEND_LAUNCH=(-XX:AOTCache="$AOT_DIR/app.aot" -jar "$AOT_JAR")
  else
    echo "No AOT cache could be made (see below); starting the plain jar" >&2
    tail -n 5 "$WORK/aot-training.log" >&2 || true
  fi
fi

# start_backend VAR=value... : the backend on $PORT with its data in $WORK/pg and the given environment.
start_backend() {
  echo "Starting the backend on port $PORT (embedded PostgreSQL in $WORK/pg): java $BACKEND_JAVA_OPTS ${BACKEND_LAUNCH[*]}"
  local started deadline
  started=$(date +%s%N)
  env MALLOC_ARENA_MAX=2 LEDGERLINE_DATA_DIR="$WORK/pg" PORT="$PORT" "$@" \
      "$JAVA" $BACKEND_JAVA_OPTS "${BACKEND_LAUNCH[@]}" > "$WORK/backend.log" 2>&1 &
  BACKEND_PID=$!
  deadline=$(( $(date +%s) + 180 ))
  until curl -sf "http://localhost:$PORT/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
    if ! kill -0 "$BACKEND_PID" 2>/dev/null; then
      echo "The backend exited during start-up" >&2
      exit 1
    fi
    if (( $(date +%s) > deadline )); then
      echo "The backend was not healthy within 180 s" >&2
      exit 1
    fi
    sleep 0.1
  done
  READY_MS=$(( ($(date +%s%N) - started) / 1000000 ))
  POSTMASTER_PID="$(head -n 1 "$WORK/pg/postmaster.pid" 2>/dev/null || true)"
  echo "Backend pid $BACKEND_PID healthy after ${READY_MS} ms (PostgreSQL postmaster pid ${POSTMASTER_PID:-unknown})"
}
