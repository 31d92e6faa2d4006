#!/usr/bin/env bash
# Heap kept by the replay cache (herald.replayCache) for 10,000 and 100,000 signatures of one app.
# Needs target/classes (mvn -q compile). Bounded: two short JVM runs, nothing left running.
set -euo pipefail
cd "$(dirname "$0")/../.."
for n in 10000 100000; do
  timeout 120 java -Xmx1g -cp target/classes bench/replay-cache/ReplayCacheMemory.java "$n"
done
