#!/usr/bin/env bash
# Measures the structure codec against the format Open edX stores (pickle + zlib), in one run on
# this machine, for the shared demo course and generated courses of 1,000, 10,000 and 100,000 blocks.
# Per course, back to back so that a row's ratios come from the same minutes of a shared machine:
#  1. JMH (bench module, CodecBenchmark): Strata encode, decode, and decompress-only of the payload;
#  2. Python 3 standard library (bench/pickle_codec.py): pickle.dumps + zlib.compress and
#     zlib.decompress + pickle.loads of the same collected structure exported as plain maps and lists;
#  3. with BEFORE_CLASSES=DIR, CodecBenchmark again with another build's domain classes first on the
#     class path, for a table comparing the two builds (see docs/benchmarks.md).
# The load average is read before and after each course. Then, in fresh JVMs: retained heap of a
# decoded 10,000-block structure, peak heap of import + collect of the 100,000-block course, and
# generate-course-blocks of that course with the runnable jar's default heap.
# Usage: bench/codec.sh [SEED] [PYTHON_RUNS]   (defaults: 1, 21)
# Results go to standard output as Markdown tables; paste them into docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
seed="${1:-1}"
runs="${2:-21}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mvn -q -B -ntp -DskipTests package >&2
# Copies, so that a build during the run does not change what is measured.
cp app/target/strata.jar bench/target/strata-benchmarks.jar "$work/"
jar="$work/strata.jar"
bench="$work/strata-benchmarks.jar"
demo=../shared/data/olx/demo-course
courses=("$demo")
for blocks in 1000 10000 100000; do
    java -jar "$jar" sample-course --blocks "$blocks" --seed "$seed" --out "$work/sample-$blocks" >&2
    courses+=("$work/sample-$blocks")
done

load() {
    cut -d' ' -f1 /proc/loadavg
}

# Another JMH run on the same machine holds /tmp/jmh.lock; ours still measures ratios within one run.
for course in "${courses[@]}"; do
    name="$(basename "$course")"
    java -cp "$bench" io.strata.bench.CodecMeasurements export "$course" "$work/$name.json" > "$work/$name.export"
    echo "load_start=$(load)" > "$work/$name.load"
    java -Djmh.ignoreLock=true -jar "$bench" CodecBenchmark -p course="$course" \
        -rf json -rff "$work/$name.jmh.json" >&2
    python3 bench/pickle_codec.py "$work/$name.json" "$runs" > "$work/$name.pickle"
    if [[ -n "${BEFORE_CLASSES:-}" ]]; then
        java -Djmh.ignoreLock=true -cp "$BEFORE_CLASSES:$bench" org.openjdk.jmh.Main CodecBenchmark \
            -p course="$course" -rf json -rff "$work/$name.jmh-before.json" >&2
    fi
    echo "load_end=$(load)" >> "$work/$name.load"
done
java -cp "$bench" io.strata.bench.CodecMeasurements retained "$work/sample-10000" > "$work/retained" 2>/dev/null
java -cp "$bench" io.strata.bench.CodecMeasurements peak "$work/sample-100000" > "$work/peak" 2>/dev/null
start=$(date +%s%N)
java -jar "$jar" generate-course-blocks --source "$work/sample-100000" --all-courses --with-storage \
    --set durable.filesystem.folder="$work/store" > "$work/generate.out" 2>/dev/null
generate_ms=$(( ($(date +%s%N) - start) / 1000000 ))

python3 - "$work" "$generate_ms" "${courses[@]}" <<'PY'
import json, os, sys

work, generate_ms, courses = sys.argv[1], sys.argv[2], sys.argv[3:]

def pairs(path):
    return dict(line.strip().split("=", 1) for line in open(path) if "=" in line)

def medians(suffix):
    found = {}
    for course in courses:
        path = os.path.join(work, os.path.basename(course) + suffix)
        if not os.path.exists(path):
            return None
        for result in json.load(open(path)):
            name = result["benchmark"].rsplit(".", 1)[1]
            found[(result["params"]["course"], name)] = result["primaryMetric"]["scorePercentiles"]["50.0"]
    return found

jmh = medians(".jmh.json")

rows = []
for course in courses:
    name = os.path.basename(course)
    export, pickled = pairs(os.path.join(work, name + ".export")), pairs(os.path.join(work, name + ".pickle"))
    load = pairs(os.path.join(work, name + ".load"))
    rows.append(dict(name=name, course=course, blocks=int(export["blocks"]), bytes=int(export["strata_bytes"]),
                     encode=jmh[(course, "encode")], decode=jmh[(course, "decode")],
                     floor=jmh[(course, "decompressOnly")],
                     p_encode=float(pickled["pickle_encode_ms"]), p_decode=float(pickled["pickle_decode_ms"]),
                     p_bytes=int(pickled["pickle_bytes"]), load=f"{load['load_start']} to {load['load_end']}"))

print("| course | blocks | Strata bytes | pickle+zlib bytes | size ratio | Strata encode ms | pickle encode ms"
      " | encode speed-up | Strata decode ms | pickle decode ms | decode speed-up | decompress-only ms"
      " | decode / decompress | load average |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
for r in rows:
    print(f"| {r['name']} | {r['blocks']:,} | {r['bytes']:,} | {r['p_bytes']:,} | {r['bytes'] / r['p_bytes']:.2f} "
          f"| {r['encode']:.2f} | {r['p_encode']:.2f} | {r['p_encode'] / r['encode']:.1f}x "
          f"| {r['decode']:.2f} | {r['p_decode']:.2f} | {r['p_decode'] / r['decode']:.1f}x "
          f"| {r['floor']:.2f} | {r['decode'] / r['floor']:.1f} | {r['load']} |")

small = next(r for r in rows if r["name"] == "sample-1000")
large = next(r for r in rows if r["name"] == "sample-100000")
factor = large["blocks"] / small["blocks"]
print()
print(f"Growth from {small['blocks']:,} to {large['blocks']:,} blocks ({factor:.0f}x the blocks): "
      f"encode {large['encode'] / small['encode']:.0f}x, decode {large['decode'] / small['decode']:.0f}x, "
      f"bytes {large['bytes'] / small['bytes']:.0f}x; pickle encode {large['p_encode'] / small['p_encode']:.0f}x, "
      f"pickle decode {large['p_decode'] / small['p_decode']:.0f}x.")
before = medians(".jmh-before.json")
if before:
    print()
    print("| course | before encode ms | after encode ms | before decode ms | after decode ms"
          " | before decompress-only ms | after decompress-only ms | before decode / decompress"
          " | after decode / decompress |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        c = r["course"]
        b_enc, b_dec, b_floor = before[(c, "encode")], before[(c, "decode")], before[(c, "decompressOnly")]
        print(f"| {r['name']} | {b_enc:.2f} | {r['encode']:.2f} | {b_dec:.2f} | {r['decode']:.2f} "
              f"| {b_floor:.2f} | {r['floor']:.2f} | {b_dec / b_floor:.1f} | {r['decode'] / r['floor']:.1f} |")
    b_small = {n: before[(small["course"], n)] for n in ("encode", "decode")}
    b_large = {n: before[(large["course"], n)] for n in ("encode", "decode")}
    print()
    print(f"Before, growth from {small['blocks']:,} to {large['blocks']:,} blocks: "
          f"encode {b_large['encode'] / b_small['encode']:.0f}x, decode {b_large['decode'] / b_small['decode']:.0f}x.")
retained, peak = pairs(os.path.join(work, "retained")), pairs(os.path.join(work, "peak"))
print()
print(f"Retained heap of the decoded {int(retained['blocks']):,}-block structure: "
      f"{int(retained['retained_bytes']):,} bytes, {int(retained['retained_bytes_per_block']):,} bytes per block.")
print(f"Peak heap of import + collect of {int(peak['blocks']):,} blocks: "
      f"{int(peak['peak_heap_bytes']) / 2**20:,.0f} MiB "
      f"(sum of the heap pools' peaks; default max heap {int(peak['max_heap_bytes']) / 2**20:,.0f} MiB).")
summary = [line for line in open(os.path.join(work, "generate.out")) if line.startswith("collected")]
print(f"generate-course-blocks of the 100,000-block course with the jar's default heap: {int(generate_ms):,} ms, "
      f"{summary[0].strip() if summary else 'FAILED'}")
PY
