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
version=$(sed -n 's:.*<s3proxy.version>\(.*\)</s3proxy.version>.*:\1:p' pom.xml)
jar="$HOME/.cache/strata/s3proxy-$version-jar-with-dependencies.jar"
[ -f "$jar" ] || { echo "s3-clients: $jar is missing; run bin/test once, which downloads it" >&2; exit 1; }
work="$(mktemp -d)"
pid=""
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2> /dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
mkdir -p "$work/buckets/bench"
cat > "$work/s3proxy.properties" <<PROPS
s3proxy.endpoint=http://127.0.0.1:$port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=strata-test-access
s3proxy.credential=strata-test-secret
jclouds.provider=filesystem-nio2
jclouds.filesystem.basedir=$work/buckets
jclouds.identity=strata-test-access
jclouds.credential=strata-test-secret
PROPS
java -Xmx512m -jar "$jar" --properties "$work/s3proxy.properties" > "$work/s3proxy.log" 2>&1 &
pid=$!
for _ in $(seq 100); do
    (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null && break
    sleep 0.1
done

mvn -q -B -ntp -o -DskipTests package -pl bench -am >&2
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
java -cp bench/target/strata-benchmarks.jar io.strata.bench.S3ClientMeasurement "http://127.0.0.1:$port" "$rounds" \
    > "$work/measurement.out"
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
cat "$work/measurement.out" >&2

echo "Machine: $(nproc) cores, $(java -version 2>&1 | head -1); S3Proxy $version (filesystem-nio2 provider);"\
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
