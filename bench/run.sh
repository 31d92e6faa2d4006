#!/usr/bin/env bash
# Herald vs Node socket.io benchmark (issue 9). One command:   bench/run.sh
#
#  1. installs the bench's npm packages (socket.io + socket.io-client 4.8.x, from package-lock.json) and wrk
#     (Debian's package: it sends S4's HTTP emits)
#  2. builds target/herald.war unless it exists (BENCH_BUILD=1 forces `mvn -q -B package -DskipTests`), and
#     unpacks WildFly 39 from Maven Central into target/ when it is not there
#  3. runs the socket.io peer (peer/server.js) on 127.0.0.1:$PEER_PORT and the workload against it
#  4. runs Herald on WildFly 39 (a private copy of standalone/ under a temp dir, port offset $OFFSET so that
#     8080/8180 stay free) and the same workload against it
#  5. runs the same broadcast, and idle connections, against a bare JSR-356 app (ceiling/) on the same
#     WildFly: the ceiling
#  6. where the open-files limit keeps a process under 50,000 sockets, restarts WildFly with a heap of
#     1 GiB x BENCH_BIG / 50,000 and holds BENCH_BIG idle Herald connections in it (S1c: the 50k-in-1-GB ratio)
#  7. runs both servers at once and measures S2 again on each, in alternating windows of a few seconds (S2p):
#     the same machine for both, where the runs of steps 3 and 4 are minutes apart
#  8. prints the table (load/report.js) and writes it to results/table.md
# Everything goes to 127.0.0.1, each scenario is bounded in time, the whole run takes about 13 to 16 minutes, and
# every process started here is stopped on exit (also on Ctrl-C or an error).
#
# Settings (env): BENCH_IDLE (10000 idle clients for S1), BENCH_BIG (50000 idle clients held by Herald, S1b, or
# fewer where the open-files limit is lower; 0 skips),
# BENCH_CLIENTS (1000), BENCH_S2_SECS / BENCH_S3_SECS / BENCH_S4_SECS, HERALD_HEAP (1g), OFFSET (500),
# HERALD_JAVA_OPTS (more options for WildFly's JVM, e.g. a GC or safepoint log: -Xlog:gc*,safepoint:file=...),
# BENCH_PAIR_ROUNDS / BENCH_PAIR_SECS (S2p: 20 rounds of 4 s per server), PEER_PORT (3500),
# ONLY (herald, peer, scaled or pair: run just that part, the others' last results are reused; s1, s3, s4 or batch:
# that scenario alone, see below).
set -euo pipefail
cd "$(dirname "$0")"
BENCH=$PWD
ROOT=$(cd .. && pwd)
WILDFLY=${WILDFLY:-$ROOT/target/wildfly-39.0.1.Final}
OFFSET=${OFFSET:-500}
HERALD_PORT=$((8080 + OFFSET))
PEER_PORT=${PEER_PORT:-3500}
HERALD_HEAP=${HERALD_HEAP:-1g}
ONLY=${ONLY:-}
mkdir -p results

# The server holds up to 50k sockets (S1b): raise the open-files limit (root may raise the hard one too).
ulimit -n 120000 2>/dev/null || ulimit -n "$(ulimit -Hn)"
[ "$(ulimit -n)" -ge 12000 ] || { echo "ulimit -n is $(ulimit -n): too low for 10k idle connections (set BENCH_IDLE lower)"; }
# Where a process may not open 50k files (a container without CAP_SYS_RESOURCE), S1b holds as many as it may
# (in steps of 2,500, one client worker each) and the report projects the heap for 50k from it.
if [ -z "${BENCH_BIG:-}" ] && [ "$(ulimit -n)" -lt 52000 ]; then
  BENCH_BIG=$(( ($(ulimit -n) - 1000) / 2500 * 2500 ))
  echo "ulimit -n is $(ulimit -n) and cannot be raised: S1b holds $BENCH_BIG idle connections instead of 50,000"
fi

# The JSON API's app key and secret (ONLY=batch signs with them), new for every run.
export BENCH_KEY=bench BENCH_SECRET=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')

PEER_PID= ; WF_PID= ; WF_BASE=
cleanup() {
  # Stop what this script started, by pid only.
  if [ -n "$PEER_PID" ] && kill -0 "$PEER_PID" 2>/dev/null; then kill "$PEER_PID"; wait "$PEER_PID" 2>/dev/null || true; fi
  if [ -n "$WF_PID" ] && kill -0 "$WF_PID" 2>/dev/null; then
    kill "$WF_PID"                                  # SIGTERM: WildFly shuts down gracefully
    for _ in $(seq 1 30); do kill -0 "$WF_PID" 2>/dev/null || break; sleep 1; done
    kill -0 "$WF_PID" 2>/dev/null && kill -9 "$WF_PID"
  fi
  [ -n "${WF_SH_PID:-}" ] && { wait "$WF_SH_PID" 2>/dev/null || true; }
  [ -n "$WF_BASE" ] && rm -rf "$WF_BASE"
  PEER_PID= ; WF_PID= ; WF_BASE=
}
trap cleanup EXIT INT TERM

free_port() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

echo "== npm packages"
(npm ci --no-audit --no-fund --loglevel=error >/dev/null)
# wrk sends S4's HTTP emits (Debian's package; installed here when missing and we are root)
if ! command -v wrk >/dev/null; then
  [ "$(id -u)" = 0 ] || { echo "S4 needs wrk: apt-get install wrk"; exit 1; }
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null)
fi

# Starts WildFly with a private copy of standalone/ and the given WARs: start_wildfly HEAP LOG WAR...
# A fixed, pre-touched heap (-Xms = -Xmx, as servers usually run): RSS then grows only with what the JVM keeps
# outside the heap (buffers, metadata), and the heap's share is read after a full GC. Their sum is the JVM's
# memory per connection; garbage and the collector's resizing of the heap do not count.
start_wildfly() {
  local heap=$1 log=$2; shift 2
  free_port "$HERALD_PORT" || { echo "port $HERALD_PORT is busy (set OFFSET)"; exit 1; }
  free_port $((9990 + OFFSET)) || { echo "port $((9990 + OFFSET)) is busy (set OFFSET)"; exit 1; }
  WF_BASE=$(mktemp -d /tmp/herald-bench-wf.XXXXXX)
  cp -r "$WILDFLY/standalone/." "$WF_BASE/"
  rm -rf "$WF_BASE/deployments/"* "$WF_BASE/data" "$WF_BASE/tmp" "$WF_BASE/log"
  cp "$@" "$WF_BASE/deployments/"
  echo "== WildFly $(basename "$WILDFLY") on 127.0.0.1:$HERALD_PORT (heap $heap, base $WF_BASE)"
  JBOSS_JAVA_SIZING="-Xms$heap -Xmx$heap -XX:+AlwaysPreTouch ${HERALD_JAVA_OPTS:-}" LAUNCH_JBOSS_IN_BACKGROUND=1 JBOSS_PIDFILE="$WF_BASE/wildfly.pid" \
    "$WILDFLY/bin/standalone.sh" -Djboss.server.base.dir="$WF_BASE" -Djboss.socket.binding.port-offset="$OFFSET" \
    -Djboss.bind.address=127.0.0.1 -Djboss.bind.address.management=127.0.0.1 \
    -Dherald.unsignedEmit=true -Dherald.signedRegistration=false -Dherald.allowEIO3=true \
    -Dherald.key="$BENCH_KEY" -Dherald.secret="$BENCH_SECRET" \
    > "$log" 2>&1 &
  WF_SH_PID=$!
  local war pending
  for _ in $(seq 1 120); do
    [ -f "$WF_BASE/wildfly.pid" ] && WF_PID=$(cat "$WF_BASE/wildfly.pid")
    pending=0
    for war in "$@"; do
      war=$(basename "$war")
      [ -f "$WF_BASE/deployments/$war.failed" ] && { echo "$war failed to deploy, see $log"; exit 1; }
      [ -f "$WF_BASE/deployments/$war.deployed" ] || pending=1
    done
    [ "$pending" = 0 ] && break
    sleep 1
  done
  [ "$pending" = 0 ] || { echo "not deployed in 120 s, see $log"; exit 1; }
  WF_PID=$(cat "$WF_BASE/wildfly.pid")
  [ "$(curl -s "http://127.0.0.1:$HERALD_PORT/emit?id=nobody&message=ping")" = OK ] || { echo "unsigned /emit is not answering OK"; exit 1; }
}

# Starts the socket.io peer on 127.0.0.1:$PEER_PORT and waits until it answers: start_peer LOG
start_peer() {
  echo "== socket.io peer on 127.0.0.1:$PEER_PORT"
  free_port "$PEER_PORT" || { echo "port $PEER_PORT is busy"; exit 1; }
  node --expose-gc peer/server.js "$PEER_PORT" > "$1" 2>&1 &
  PEER_PID=$!
  for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$PEER_PORT/emit" && break; sleep 0.2; done
}

# Builds target/herald.war and unpacks WildFly (the build's run profile, without starting it) when missing.
ensure_herald() {
  [ -f "$ROOT/target/herald.war" ] || (cd "$ROOT" && mvn -q -B package -DskipTests)
  [ -d "$WILDFLY" ] || (cd "$ROOT" && mvn -q -B package -Prun -DskipTests)
  [ -d "$WILDFLY" ] || { echo "no WildFly at $WILDFLY (set WILDFLY)"; exit 1; }
}

if [ -z "$ONLY" ] || [ "$ONLY" = peer ]; then
  start_peer results/peer-server.log
  node load/bench.js --name peer --url "http://127.0.0.1:$PEER_PORT" --pid "$PEER_PID" --kind node --out results/peer.json
  cleanup
fi

if [ -z "$ONLY" ] || [ "$ONLY" = herald ]; then
  echo "== Herald WAR"
  if [ "${BENCH_BUILD:-0}" = 1 ] || [ ! -f "$ROOT/target/herald.war" ]; then
    # Another engineer's build may be running in the same tree: wait for it, then build (writes only target/).
    for _ in $(seq 1 60); do pgrep -f "maven.multiModuleProjectDirectory=$ROOT( |$)" >/dev/null || break; sleep 5; done
    (cd "$ROOT" && mvn -q -B package -DskipTests)
  fi
  ensure_herald   # WildFly 39 from Maven Central
  # the ceiling: a bare JSR-356 broadcast at /ceiling, built by its own small pom
  (cd "$BENCH/ceiling" && mvn -q -B package)
  start_wildfly "$HERALD_HEAP" results/wildfly-console.log "$ROOT/target/herald.war" "$BENCH/ceiling/target/ceiling.war"
  BENCH_BIG=${BENCH_BIG:-50000} node load/bench.js --name herald --url "http://127.0.0.1:$HERALD_PORT" --pid "$WF_PID" --kind jvm --out results/herald.json
  node load/bench.js --name ceiling --mode ceiling --url "http://127.0.0.1:$HERALD_PORT" --pid "$WF_PID" --kind jvm --out results/ceiling.json
  cleanup
fi

# S1c: where the open-files limit keeps S1b under 50,000 connections, the target's ratio instead: BENCH_BIG idle
# connections in a heap of 1 GiB x BENCH_BIG / 50,000. The server's own baseline (WildFly, Herald) counts against
# that smaller heap too, so it is the stricter test.
if [ -z "$ONLY" ] || [ "$ONLY" = herald ] || [ "$ONLY" = scaled ]; then
  if [ "${BENCH_BIG:-50000}" -gt 0 ] && [ "${BENCH_BIG:-50000}" -lt 50000 ]; then
    SCALED_HEAP=$((1024 * BENCH_BIG / 50000))m
    ensure_herald
    start_wildfly "$SCALED_HEAP" results/wildfly-scaled.log "$ROOT/target/herald.war"
    BENCH_BIG=$BENCH_BIG node load/bench.js --name scaled --mode hold --heap "$SCALED_HEAP" --log results/wildfly-scaled.log \
      --url "http://127.0.0.1:$HERALD_PORT" --pid "$WF_PID" --kind jvm --out results/scaled.json
    cleanup
  else
    rm -f results/scaled.json
  fi
fi

# S2p: the unicast latency of both servers once more, both running, in alternating windows (bench.js --mode pair)
if [ -z "$ONLY" ] || [ "$ONLY" = pair ]; then
  ensure_herald
  start_wildfly "$HERALD_HEAP" results/wildfly-pair.log "$ROOT/target/herald.war"
  start_peer results/peer-pair.log
  node load/bench.js --mode pair --name herald --url "http://127.0.0.1:$HERALD_PORT" --pid "$WF_PID" --kind jvm \
    --name2 peer --url2 "http://127.0.0.1:$PEER_PORT" --pid2 "$PEER_PID" --out results/pair.json
  cleanup
fi

# ONLY=s1: the idle connections alone (S1) against Herald, next to Undertow's plain WebSocket on the same WildFly
# (the ceiling app's /ceiling/native); BENCH_HISTO=1 adds the JVM's class histograms (results/histo-*.txt).
if [ "$ONLY" = s1 ]; then
  ensure_herald
  (cd "$BENCH/ceiling" && mvn -q -B package)
  start_wildfly "$HERALD_HEAP" results/wildfly-s1.log "$ROOT/target/herald.war" "$BENCH/ceiling/target/ceiling.war"
  node load/bench.js --mode idle --name herald --url "http://127.0.0.1:$HERALD_PORT" --pid "$WF_PID" --kind jvm --out results/s1-herald.json
  node load/bench.js --mode ceiling --name ceiling --url "http://127.0.0.1:$HERALD_PORT" --pid "$WF_PID" --kind jvm --out results/s1-ceiling.json
  cleanup
  node -e 'const [h, c] = process.argv.slice(1).map((f) => require(require("path").resolve(f)));
    console.log("memory per idle connection (KiB): Herald", h.s1.memPerConnKiB, "| JSR-356", c.s1.memPerConnKiB, "| Undertow native", c.s1native.memPerConnKiB);' \
    results/s1-herald.json results/s1-ceiling.json
  exit 0
fi

# ONLY=batch: the JSON API's batch emit (BENCH_BATCH emits a request, 100) against single emits, signed, each emit
# to one of 1,000 connected clients: deliveries a second and CPU per 100k deliveries (results/batch.json).
if [ "$ONLY" = batch ]; then
  ensure_herald
  start_wildfly "$HERALD_HEAP" results/wildfly-batch.log "$ROOT/target/herald.war"
  node load/bench.js --mode batch --name herald --url "http://127.0.0.1:$HERALD_PORT" --pid "$WF_PID" --kind jvm --out results/batch.json
  cleanup
  exit 0
fi

# ONLY=s3 or ONLY=s4: the broadcast (S3, with user and system CPU apart) or the HTTP emit flood (S4) alone, against
# both servers, for trying a change to that hot path; results go to results/s3-*.json or s4-*.json and leave the
# full run's alone.
if [ "$ONLY" = s3 ] || [ "$ONLY" = s4 ]; then
  mode=$([ "$ONLY" = s3 ] && echo broadcast || echo flood)
  ensure_herald
  start_peer "results/peer-$ONLY.log"
  node load/bench.js --mode "$mode" --name peer --url "http://127.0.0.1:$PEER_PORT" --pid "$PEER_PID" --kind node --out "results/$ONLY-peer.json"
  cleanup
  start_wildfly "$HERALD_HEAP" "results/wildfly-$ONLY.log" "$ROOT/target/herald.war"
  node load/bench.js --mode "$mode" --name herald --url "http://127.0.0.1:$HERALD_PORT" --pid "$WF_PID" --kind jvm --out "results/$ONLY-herald.json"
  cleanup
  node -e 'const [s, pf, hf] = process.argv.slice(1); const [p, h] = [pf, hf].map((f) => require(require("path").resolve(f))[s]);
    for (const k of Object.keys(h).filter((k) => typeof h[k] === "number" && typeof p[k] === "number"))
      console.log(k.padEnd(24), String(p[k]).padStart(10), String(h[k]).padStart(10), (h[k] / p[k]).toFixed(2));' \
    "$ONLY" "results/$ONLY-peer.json" "results/$ONLY-herald.json"
  exit 0
fi

echo "== results"
node load/report.js results/peer.json results/herald.json results/ceiling.json results/scaled.json results/pair.json | tee results/table.md
