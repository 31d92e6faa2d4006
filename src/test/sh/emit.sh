#!/usr/bin/env bash
# Herald from the shell: one signed emit with curl and openssl. The README shows this file; ShellEmitTest runs it.
# Needs HERALD_URL, HERALD_KEY, HERALD_SECRET; the emit (JSON) is the first argument.
set -euo pipefail
body=$1
path=/api/v1/emit
query=nonce=$(openssl rand -hex 8) # a signed request is single-use: the nonce makes each one new
timestamp=$(date +%s)
body_hash=$(printf '%s' "$body" | openssl dgst -sha256 -r | cut -d' ' -f1)
signature=$(printf 'POST\n%s\n%s\n%s\n%s' "$path" "$query" "$body_hash" "$timestamp" \
  | openssl dgst -sha256 -hmac "$HERALD_SECRET" -r | cut -d' ' -f1)
curl -sS -X POST "$HERALD_URL$path?$query" \
  -H 'Content-Type: application/json' \
  -H "X-Herald-Key: $HERALD_KEY" \
  -H "X-Herald-Timestamp: $timestamp" \
  -H "X-Herald-Signature: $signature" \
  --data-binary "$body"
