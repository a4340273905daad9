#!/usr/bin/env bash
# Compares the AWS SDK's synchronous S3 client (Apache HTTP client, as S3DurableStore runs it) with its
# async client (Netty), both joined per operation, storing and loading 0.5, 3 and 20 MB objects in
# S3Proxy on loopback (started here on a free port, keeping objects in a folder of the same disk).
# The two clients alternate round after round so both see the same load. One run.
# Usage: bench/s3-clients.sh [ROUNDS]   (default 40; needs the S3Proxy jar, which bin/test downloads)
# Results go to standard output as a Markdown table; paste them into docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-40}"
script=s3-clients
source bench/lib/object-stores.sh
start_s3proxy

mvn -q -B -ntp -o -DskipTests package -pl bench -am >&2
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
java -cp bench/target/strata-benchmarks.jar io.strata.bench.S3ClientMeasurement "http://127.0.0.1:$s3_port" "$rounds" \
    > "$work/measurement.out"
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
cat "$work/measurement.out" >&2

echo "Machine: $(nproc) cores, $(java -version 2>&1 | head -1); S3Proxy $s3proxy_version (filesystem-nio2 provider);"\
    "load average (1, 5, 15 min) $load_before before, $load_after after"
echo
python3 - "$work/measurement.out" <<'PY'
import sys
rows, threads = [], ""
for line in open(sys.argv[1]):
    if line.startswith("bytes="):
        rows.append(dict(field.split("=", 1) for field in line.split()))
    elif line.startswith("threads "):
        threads = line.strip()
print(f"{rows[0]['rounds']} alternating rounds per size after 5 warm-up rounds; medians.")
print()
print("| payload | sync store (ms) | async store (ms) | store async/sync | sync load (ms) | async load (ms) | load async/sync |")
print("|---:|---:|---:|---:|---:|---:|---:|")
for row in rows:
    ss, as_, sl, al = (float(row[k]) for k in ("sync-store", "async-store", "sync-load", "async-load"))
    print(f"| {int(row['bytes']) / 1e6:g} MB | {ss:.2f} | {as_:.2f} | {as_ / ss:.2f} | {sl:.2f} | {al:.2f} | {al / sl:.2f} |")
print()
print(f"Threads the clients started: {threads.split(' ', 1)[1] if threads else 'not reported'}")
PY
