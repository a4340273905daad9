#!/usr/bin/env bash
# Measures payloads of 0.5, 3 and 20 MB through the shared cache tiers (memcached and Redis on
# loopback, started here on free ports): a load and a store as the tiered store makes them
# (chunked at the tier's default item limit; a load asks for the head and the first chunk keys in
# one multi-key read), the same load reading the head first and then its chunks, against one plain
# get or set of the same bytes with the same client, and the requests each load makes. JMH
# CacheTierBenchmark, one run.
# Then the same loads and stores once more in alternation, round after round (CacheTierMeasurement),
# so that all of them see the same load on a shared machine.
# Usage: bench/cache-tiers.sh [ROUNDS]   (default 60; needs memcached and redis-server; bin/test
# installs them)
# Results go to standard output as two Markdown tables; paste them into docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-60}"
work="$(mktemp -d)"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
memcached_port="$(free_port)"
redis_port="$(free_port)"
user=()
[ "$(id -u)" -eq 0 ] && user=(-u root)
# A 32 MiB item size lets the plain set of 20 MB through; the chunked path still uses 1016 KiB items.
memcached -l 127.0.0.1 -p "$memcached_port" -U 0 -m 2048 -I 32m "${user[@]}" > "$work/memcached.log" 2>&1 &
pids+=($!)
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no > "$work/redis.log" 2>&1 &
pids+=($!)

mvn -q -B -ntp -DskipTests package >&2
# JMH runs one benchmark per machine at a time (/tmp/jmh.lock); wait for another one to finish.
for _ in $(seq 60); do
    if java -jar bench/target/strata-benchmarks.jar CacheTierBenchmark -p memcachedPort="$memcached_port" \
            -p redisPort="$redis_port" -rf json -rff "$work/jmh.json" > "$work/jmh.out" 2>&1; then
        break
    fi
    grep -q 'Unable to acquire the JMH lock' "$work/jmh.out" || { cat "$work/jmh.out" >&2; exit 1; }
    sleep 10
done
cat "$work/jmh.out" >&2
# The same operations in alternation, so that all see the same load (see CacheTierMeasurement).
java -cp bench/target/strata-benchmarks.jar io.strata.bench.CacheTierMeasurement "$memcached_port" "$redis_port" \
    "$rounds" > "$work/measured.txt" 2> "$work/measured.err" || { cat "$work/measured.err" >&2; exit 1; }

echo "Machine: $(nproc) cores, $(java -version 2>&1 | head -1); memcached $(memcached -V | cut -d' ' -f2), redis $(redis-server --version | sed 's/.*v=\([^ ]*\).*/\1/')"
echo
python3 - "$work/jmh.json" "$work/jmh.out" <<'PY'
import json, re, sys
medians = {}
for result in json.load(open(sys.argv[1])):
    name = result["benchmark"].rsplit(".", 1)[1]
    params = result["params"]
    medians[(params["backend"], int(params["payloadBytes"]), name)] = result["primaryMetric"]["scorePercentiles"]["50.0"]
trips = {}
for line in open(sys.argv[2]):
    match = re.search(r"round-trips backend=(\w+) bytes=(\d+) chunked-load=(\d+) head-first=(\d+) item-limit=(\d+)"
                      r" prefetch=(\d+)", line)
    if match:
        trips[(match.group(1), int(match.group(2)))] = tuple(int(match.group(i)) for i in range(3, 7))
print("| backend | payload | item limit | chunk keys prefetched | requests per load | load chunked (ms) "
      "| load plain (ms) | load ratio | requests head first | load head first (ms) | head-first ratio "
      "| store chunked (ms) | store plain (ms) | store ratio |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for backend in ("memcached", "redis"):
    for size in (500000, 3000000, 20000000):
        m = lambda name: medians[(backend, size, name)]
        requests, head_first, limit, prefetch = trips.get((backend, size), (0, 0, 0, 0))
        print(f"| {backend} | {size / 1e6:g} MB | {limit} | {prefetch} | {requests} | {m('loadChunked'):.2f} "
              f"| {m('loadRaw'):.2f} | {m('loadChunked') / m('loadRaw'):.2f} | {head_first} "
              f"| {m('loadChunkedHeadFirst'):.2f} | {m('loadChunkedHeadFirst') / m('loadRaw'):.2f} "
              f"| {m('storeChunked'):.2f} | {m('storeRaw'):.2f} | {m('storeChunked') / m('storeRaw'):.2f} |")
PY
echo
echo "Interleaved, $rounds rounds (medians, ms):"
echo
python3 - "$work/measured.txt" <<'PY'
import sys
print("| backend | payload | load plain | load chunked | load ratio | load head first | head-first ratio "
      "| store plain | store chunked | store ratio |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for line in open(sys.argv[1]):
    if not line.startswith("backend="):
        continue
    row = dict(field.split("=", 1) for field in line.split())
    m = {name: float(value) for name, value in row.items() if name.startswith(("load", "store"))}
    print(f"| {row['backend']} | {int(row['bytes']) / 1e6:g} MB | {m['load-plain']:.2f} | {m['load-chunked']:.2f} "
          f"| {m['load-chunked'] / m['load-plain']:.2f} | {m['load-head-first']:.2f} "
          f"| {m['load-head-first'] / m['load-plain']:.2f} | {m['store-plain']:.2f} | {m['store-chunked']:.2f} "
          f"| {m['store-chunked'] / m['store-plain']:.2f} |")
PY
