#!/usr/bin/env bash
# Issue 30 item 4: N idle stock socket.io-client 4.8 WebSockets held by Herald on Tomcat 10.1 (the shipped connector,
# server-config/tomcat/server-connector.xml) or Payara Micro 6 (SERVER=payara), with a 1 GB heap. Prints how many
# connected and the heap used after a full GC before and with them, per connection. Bounded in time; stops
# everything it started.
#   bench/memory/idle.sh            (N=10000, PORT=23080; the WARs are built into target/bench-wars/)
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(cd ../.. && pwd)
N=${N:-10000}
PORT=${PORT:-23080}
VERSION=10.1.49
ZIP=${ZIP:-$HOME/.m2/repository/org/apache/tomcat/tomcat/$VERSION/tomcat-$VERSION.zip}
BASE=$(mktemp -d /tmp/herald-bench-idle.XXXXXX)
TC_PID= ; CLIENT_PID=
finish() {
  [ -n "$CLIENT_PID" ] && kill "$CLIENT_PID" 2>/dev/null || true
  [ -n "$TC_PID" ] && { kill "$TC_PID" 2>/dev/null; sleep 2; kill -9 "$TC_PID" 2>/dev/null || true; }
  rm -rf "$BASE"
}
trap finish EXIT INT TERM
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
[ "$(ulimit -n)" -gt $((N + 1000)) ] || echo "warning: ulimit -n is $(ulimit -n), fewer than the connections need"
SERVER=${SERVER:-tomcat}
WARS=$ROOT/bench/results/wars
mkdir -p "$WARS"
WAR=${WAR:-$WARS/herald-$SERVER.war}
if [ ! -f "$WAR" ]; then
  profile=$([ "$SERVER" = tomcat ] && echo -Ptomcat || true)
  (cd "$ROOT" && mvn -q -B -ntp $profile clean package -DskipTests) && cp "$ROOT/target/herald.war" "$WAR"
fi
mkdir -p ../results
if [ "$SERVER" = payara ]; then
  JAR=${JAR:-$(ls "$HOME"/.m2/repository/fish/payara/extras/payara-micro/*/payara-micro-*.jar | tail -1)}
  java -Xms64m -Xmx1g -Dherald.unsignedEmit=true -jar "$JAR" --deploy "$WAR" --contextroot / --port "$PORT" \
    --nocluster --rootdir "$BASE/payara" > ../results/idle-payara.log 2>&1 &
  TC_PID=$!
else
[ -f "$ZIP" ] || (cd "$ROOT" && mvn -q -B -ntp dependency:get -Dartifact=org.apache.tomcat:tomcat:$VERSION:zip)
(cd "$BASE" && unzip -q "$ZIP")
TC=$BASE/apache-tomcat-$VERSION
rm -rf "$TC/webapps/"*
cp "$WAR" "$TC/webapps/ROOT.war"
python3 - "$TC/conf/server.xml" "$ROOT/server-config/tomcat/server-connector.xml" "$PORT" <<'PY'
import re, sys
server, connector, port = open(sys.argv[1]).read(), open(sys.argv[2]).read(), sys.argv[3]
connector = re.sub(r'<!--.*?-->', '', connector, flags=re.S).strip().replace('port="8080"', f'port="{port}"')
server = re.sub(r'<Connector port="8080".*?/>', connector, server, count=1, flags=re.S)
server = server.replace('<Server port="8005"', '<Server port="-1"')
open(sys.argv[1], 'w').write(server)
PY
java -Xms64m -Xmx1g -Dorg.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE=${WS_BUFFER:-2048} -Dherald.unsignedEmit=true -Dcatalina.home="$TC" -Dcatalina.base="$TC" \
  -Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager -Djava.util.logging.config.file="$TC/conf/logging.properties" \
  -cp "$TC/bin/bootstrap.jar:$TC/bin/tomcat-juli.jar" org.apache.catalina.startup.Bootstrap start > ../results/idle-tomcat.log 2>&1 &
TC_PID=$!
fi
for _ in $(seq 1 180); do [ "$(curl -s -m 2 "http://127.0.0.1:$PORT/emit?id=nobody&message=ping")" = OK ] && break; sleep 1; done
heap() { jcmd "$TC_PID" GC.run >/dev/null; sleep 2; jcmd "$TC_PID" GC.heap_info | awk '/used/ { for (i = 1; i <= NF; i++) if ($i == "used") { sub(/K/, "", $(i + 1)); print $(i + 1); exit } }'; }
before=$(heap)
coproc CLIENT { NODE_PATH="$ROOT/src/test/js/node_modules" exec timeout 600 node idle.js "http://127.0.0.1:$PORT" "$N"; }
CLIENT_PID=$CLIENT_PID
result=
while read -r -t 400 line <&"${CLIENT[0]}"; do case $line in HELD*) result=$line; break ;; esac; done
sleep 5
with=$(heap)
answer=$(curl -s -m 5 "http://127.0.0.1:$PORT/emit?id=nobody&message=still" || echo "no answer")
ooms=$(grep -c OutOfMemoryError ../results/idle-$SERVER.log || true)
held=$(echo "$result" | awk '{ print $2 }')
echo "== $(lscpu | awk -F: '/Model name/ { gsub(/^ +/, "", $2); print $2 }'), $(nproc) cores; $SERVER, -Xmx1g"
echo "idle socket.io-client connections: ${result:-none finished}"
echo "heap used after full GC: before ${before} KiB, with them ${with} KiB: $(awk -v a="$before" -v b="$with" -v n="${held:-1}" 'BEGIN { printf "%.2f", (b - a) / n }') KiB a connection"
echo "/emit answers: $answer; OutOfMemoryErrors in the log: $ooms"
