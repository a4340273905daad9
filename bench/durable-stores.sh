#!/usr/bin/env bash
# Measures a store and a load of 0.5, 3 and 20 MB payloads in the durable stores: a local folder,
# S3 through S3Proxy on loopback (started here on a free port, keeping objects in a folder of the
# same disk), and GCS through the firebase-tools Cloud Storage emulator on loopback (started here
# with Node on a free port). JMH DurableStoreBenchmark, one run.
# Usage: bench/durable-stores.sh   (needs the S3Proxy jar and firebase-tools; bin/test installs both)
# Results go to standard output as a Markdown table; paste them into docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
script=durable-stores
source bench/lib/object-stores.sh
start_s3proxy
start_gcs_emulator

mvn -q -B -ntp -o -DskipTests package >&2
for _ in $(seq 60); do
    if java -jar bench/target/strata-benchmarks.jar DurableStoreBenchmark -p s3Endpoint="http://127.0.0.1:$s3_port" \
            -p gcsEndpoint="http://127.0.0.1:$gcs_port" \
            -rf json -rff "$work/jmh.json" > "$work/jmh.out" 2>&1; then
        break
    fi
    grep -q 'Unable to acquire the JMH lock' "$work/jmh.out" || { cat "$work/jmh.out" >&2; exit 1; }
    sleep 10
done
cat "$work/jmh.out" >&2

echo "Machine: $(nproc) cores, $(java -version 2>&1 | head -1); S3Proxy $s3proxy_version (filesystem-nio2 provider);"\
    "firebase-tools $firebase_version Cloud Storage emulator on Node $(node --version)"
echo
python3 - "$work/jmh.json" <<'PY'
import json, sys
medians = {}
for result in json.load(open(sys.argv[1])):
    name = result["benchmark"].rsplit(".", 1)[1]
    params = result["params"]
    medians[(params["backend"], int(params["payloadBytes"]), name)] = result["primaryMetric"]["scorePercentiles"]["50.0"]
for name in ("store", "load"):
    print(f"| payload | filesystem {name} (ms) | s3 {name} (ms) | gcs {name} (ms) | ratio s3/fs | ratio gcs/fs | ratio gcs/s3 |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for size in (500000, 3000000, 20000000):
        fs, s3, gcs = (medians[(backend, size, name)] for backend in ("filesystem", "s3", "gcs"))
        print(f"| {size / 1e6:g} MB | {fs:.2f} | {s3:.2f} | {gcs:.2f} | {s3 / fs:.2f} | {gcs / fs:.2f} | {gcs / s3:.2f} |")
    print()
PY
