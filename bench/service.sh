#!/usr/bin/env bash
# Measures the HTTP service (strata serve) against nginx serving the same response bytes as a static
# file, in one run on loopback: the outline request (depth=all, nav_depth=3, the usual requested
# fields, block counts) for the shared demo course and the generated 10,000-block course, at a paced
# rate and at saturation, with wrk. Two services run: `strata` as configured by default (rendered
# responses kept, so a repeated request is a lookup) and `strata-uncached` with
# service.responses.max-bytes=0 (every request transforms and renders), measured one after the other.
# Usage: bench/service.sh   (needs wrk and nginx: apt-get install wrk nginx-light)
#        UNCACHED=0 bench/service.sh   leaves the uncached service out; WARMUP=30s, DURATION=10s by default
# Results go to standard output as a Markdown table; paste them into docs/benchmarks.md.
#
# The Debian wrk (4.1) has no open-loop fixed rate (that is wrk2's -R): the paced run gives each of
# PACED_CONNECTIONS connections a pause of PACED_DELAY_MS between requests (wrk's Lua delay()), which
# holds the offered rate near PACED_CONNECTIONS * 1000 / PACED_DELAY_MS while latency stays small.
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

DURATION="${DURATION:-10s}"
# On a loaded 2-core machine the JIT needs tens of seconds to compile the cached request's path: after
# 5 s of warm-up the same build measured a third of its rate after 40 s. Every target gets the same.
WARMUP="${WARMUP:-30s}"
CONNECTIONS="${CONNECTIONS:-32}"
PACED_CONNECTIONS="${PACED_CONNECTIONS:-8}"
PACED_DELAY_MS="${PACED_DELAY_MS:-40}"
SECRET="bench-trusted-secret"
UNCACHED="${UNCACHED:-1}"

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
await_port() {
    for _ in $(seq 200); do
        if (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null; then return 0; fi
        sleep 0.1
    done
    echo "service.sh: nothing listens on port $1" >&2
    exit 1
}

mvn -q -B -ntp -DskipTests package >&2
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
strata=(java -jar app/target/strata.jar)
mkdir -p "$work/courses" "$work/static"
chmod 755 "$work"  # nginx workers run as another user
cp -r ../shared/data/olx/demo-course "$work/courses/demo-course"
"${strata[@]}" sample-course --blocks 10000 --seed 1 --out "$work/courses/gen10000" >&2
settings=(--set "course.source=$work/courses" --set "durable.filesystem.folder=$work/data")
"${strata[@]}" generate-course-blocks --all-courses --with-storage "${settings[@]}" >&2

serve() {  # PORT LOG [SETTING...]
    local port="$1" log="$2"
    shift 2
    STRATA_LOG_LEVEL=WARN "${strata[@]}" serve --port "$port" "${settings[@]}" --set service.host=127.0.0.1 \
        --set "service.auth.trusted-secret=$SECRET" "$@" > "$log" 2>&1 &
    pids+=($!)
}
port="$(free_port)"
serve "$port" "$work/strata.log"
targets=(strata)
if [ "$UNCACHED" = 1 ]; then
    uncached_port="$(free_port)"
    while [ "$uncached_port" = "$port" ]; do uncached_port="$(free_port)"; done
    serve "$uncached_port" "$work/strata-uncached.log" --set service.responses.max-bytes=0
    targets+=(strata-uncached)
fi
targets+=(nginx)
nginx_port="$(free_port)"
cat > "$work/nginx.conf" <<CONF
worker_processes auto;
daemon off;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
    access_log off;
    # The static floor: the file goes from the page cache to the socket without nginx's buffers.
    sendfile on;
    client_body_temp_path $work/nginx-tmp;
    server {
        listen 127.0.0.1:$nginx_port;
        root $work/static;
        location / { default_type application/json; }
    }
}
CONF
nginx -c "$work/nginx.conf" &
pids+=($!)
await_port "$port"
if [ "$UNCACHED" = 1 ]; then await_port "$uncached_port"; fi
await_port "$nginx_port"

query="username=staff&depth=all&nav_depth=3&requested_fields=children,display_name,graded,format,due,start"
query="$query&block_counts=video,problem"
declare -A courses=([demo]="course-v1:OpenedX+DemoX+DemoCourse" [gen10000]="course-v1:StrataX+GEN10000+S1")
echo "function delay() return $PACED_DELAY_MS end" > "$work/paced.lua"
results="$work/results.txt"
for name in demo gen10000; do
    key="$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "${courses[$name]}")"
    url="http://127.0.0.1:$port/api/courses/v1/blocks/?course_id=$key&$query"
    curl -sf -H "Authorization: Trusted $SECRET" "$url" -o "$work/static/$name.json"
    bytes="$(stat -c %s "$work/static/$name.json")"
    # The body given again must be the one a transform gives: compare a cached and an uncached answer.
    curl -sf -H "Authorization: Trusted $SECRET" "$url" -o "$work/$name-again.json"
    cmp "$work/static/$name.json" "$work/$name-again.json" >&2
    if [ "$UNCACHED" = 1 ]; then
        curl -sf -H "Authorization: Trusted $SECRET" "${url/:$port\//:$uncached_port/}" -o "$work/$name-uncached.json"
        cmp "$work/static/$name.json" "$work/$name-uncached.json" >&2
    fi
    for target in "${targets[@]}"; do
        if [ "$target" = strata ]; then
            run=(wrk -H "Authorization: Trusted $SECRET" --latency --timeout 30s "$url")
        elif [ "$target" = strata-uncached ]; then
            run=(wrk -H "Authorization: Trusted $SECRET" --latency --timeout 30s "${url/:$port\//:$uncached_port/}")
        else
            run=(wrk --latency --timeout 30s "http://127.0.0.1:$nginx_port/$name.json")
        fi
        "${run[@]}" -t 2 -c "$CONNECTIONS" -d "$WARMUP" > /dev/null  # warm-up: JIT, caches, connections
        for mode in paced saturation; do
            if [ "$mode" = paced ]; then
                out="$("${run[@]}" -t 2 -c "$PACED_CONNECTIONS" -d "$DURATION" -s "$work/paced.lua")"
            else
                out="$("${run[@]}" -t 2 -c "$CONNECTIONS" -d "$DURATION")"
            fi
            echo "$out" >&2
            echo "$name $bytes $target $mode $(echo "$out" | awk '/Requests\/sec/ {print $2}')" \
                "$(echo "$out" | awk '$1 == "50%" || $1 == "90%" || $1 == "99%" {printf "%s ", $2}')" \
                "$(echo "$out" | awk '/Non-2xx/ {print $NF}')" >> "$results"
        done
    done
done

echo "Machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)," \
    "nginx $(nginx -v 2>&1 | cut -d/ -f2); saturation: $CONNECTIONS connections; paced: $PACED_CONNECTIONS" \
    "connections, $PACED_DELAY_MS ms apart; $WARMUP warm-up, then $DURATION each;" \
    "load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
python3 - "$results" <<'PY'
import sys
rows = [line.split() for line in open(sys.argv[1])]
rate = {(r[0], r[2], r[3]): float(r[4]) for r in rows}
print("| course | response bytes | server | load | requests/s | p50 | p90 | p99 | strata / nginx |")
print("|---|---:|---|---|---:|---:|---:|---:|---:|")
for r in rows:
    name, size, target, mode, rps, p50, p90, p99 = r[:8]
    ratio = f"{rate[(name, target, mode)] / rate[(name, 'nginx', mode)]:.2f}" if target != "nginx" else ""
    print(f"| {name} | {int(size):,} | {target} | {mode} | {float(rps):,.1f} | {p50} | {p90} | {p99} | {ratio} |")
PY
