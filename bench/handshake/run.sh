#!/usr/bin/env bash
# Heap kept per handshake (HandshakeHeap.java) with Herald's compiled classes: bench/handshake/run.sh [classes dir] [N]
# Compiles to a temp dir, runs one JVM (512 MB heap, serial GC for steady numbers), removes the temp dir. About 10 s.
set -euo pipefail
cd "$(dirname "$0")"
CLASSES=${1:-../../target/classes}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
javac -d "$OUT" -cp "$CLASSES" HandshakeHeap.java
java -Xmx512m -XX:+UseSerialGC -cp "$OUT:$CLASSES" HandshakeHeap "${2:-20000}"
