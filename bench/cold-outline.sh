#!/usr/bin/env bash
# Measures the time from a cold cache to a served outline of the 10,000-block sample course when
# only the durable tier holds it, on a local folder, on S3 through S3Proxy on loopback (started
# here on a free port, keeping objects in a folder of the same disk) and on GCS through the
# firebase-tools Cloud Storage emulator on loopback (started here with Node on a free port), against
# the in-process hit in the same run: ColdOutlineMeasurement, alternating the two, one run.
# Usage: bench/cold-outline.sh [BLOCKS] [ROUNDS]   (default 10000 and 40; needs the S3Proxy jar and
# firebase-tools, which bin/test installs)
# Results go to standard output as a Markdown table; paste them into docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
blocks="${1:-10000}"
rounds="${2:-40}"
script=cold-outline
source bench/lib/object-stores.sh
start_s3proxy
start_gcs_emulator

mvn -q -B -ntp -o -DskipTests package >&2
java -jar app/target/strata.jar sample-course --blocks "$blocks" --seed 1 --out "$work/course" >&2
# Alternating requests in one JVM (see ColdOutlineMeasurement for why not JMH).
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
java -cp bench/target/strata-benchmarks.jar io.strata.bench.ColdOutlineMeasurement "$work/course" \
    "http://127.0.0.1:$s3_port" "http://127.0.0.1:$gcs_port" "$rounds" > "$work/measured.txt" 2> "$work/measured.err" \
    || { cat "$work/measured.err" >&2; exit 1; }

echo "Machine: $(nproc) cores, $(java -version 2>&1 | head -1); S3Proxy $s3proxy_version (filesystem-nio2 provider);"\
    "firebase-tools $firebase_version Cloud Storage emulator on Node $(node --version);"\
    "load average (1, 5, 15 min) $load_before before, $(cut -d' ' -f1-3 /proc/loadavg) after"
echo
python3 - "$work/measured.txt" <<'PY'
import sys
rows = [dict(field.split("=", 1) for field in line.split()) for line in open(sys.argv[1]) if line.startswith("store=")]
first = rows[0]
print(f"Course: {first['blocks']} blocks, {int(first['encoded-bytes']):,} bytes encoded, outline response "
      f"{int(first['response-bytes']):,} bytes; {first['rounds']} alternating rounds per store.")
print()
print("| durable store | in-process hit p50 (ms) | cold cache, durable only p50 (ms) | cold / hit "
      "| hit p90 (ms) | cold p90 (ms) | of which load, hit p50 (ms) | of which load, cold p50 (ms) |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for row in rows:
    hit, cold = float(row["hit-p50"]), float(row["cold-p50"])
    print(f"| {row['store']} | {hit:.1f} | {cold:.1f} | {cold / hit:.2f} | {float(row['hit-p90']):.1f} "
          f"| {float(row['cold-p90']):.1f} | {float(row['hit-load-p50']):.1f} | {float(row['cold-load-p50']):.1f} |")
PY
