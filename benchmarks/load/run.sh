#!/usr/bin/env bash
# Load: wrk drives the Galaxy sample (samples/Galaxy.Modern, Release) on 127.0.0.1 with a weighted mix of its ported
# routes and of routes forwarded to the legacy app mounted in process (benchmarks/load/mix.lua).
#
#   benchmarks/load/run.sh                      # 2 runs of 60 s, 2 threads, 64 connections, the whole mix
#   DURATION=10s RUNS=1 benchmarks/load/run.sh  # a smoke run
#
# Environment (all optional):
#   DURATION=60s  THREADS=2  CONNECTIONS=64  TIMEOUT=5s   wrk's -d, -t, -c and --timeout for each measured run
#   RUNS=2        measured runs, one after the other on the same server (memory is read after each)
#   WARMUP=5s     an unmeasured run with the same settings before the first measured one
#   CHECK=3s      the check passes before and after the load: one connection, every route of the mix, non-2xx by route
#   MIX=all       all | modern (the ported routes only) | forwarded (the legacy routes only)
#   WRITES=1      0 leaves the POST routes out (a read-only mix)
#   HISTORIES=4   histories seeded (each gets one dataset from a tool run)
#   BUILD=1       0 to use the existing Release build
#   OUT=          a file the summary is also written to
#   GCDUMP=       path of dotnet-gcdump (default: the one on PATH, if any; `dotnet tool install -g dotnet-gcdump`): the
#                 live managed heap after a full GC is then read after the warm-up and after each run (none = off)
#
# Steps: build; start the sample with a temporary SQLite database, a generated admin key and logging at Warning; seed
# histories and datasets through the API; check pass; warm-up; RUNS measured runs (RSS, threads and open files of the
# server process read from /proc after the warm-up and after each run, RSS sampled every second during each run); check
# pass; summary. Exits 1 when any pass saw a socket error (connect, read, write, timeout) or a non-2xx response, 2 on a
# usage or set-up failure. The server is stopped in every case.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
DURATION="${DURATION:-60s}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-64}"
TIMEOUT="${TIMEOUT:-5s}"
RUNS="${RUNS:-2}"
WARMUP="${WARMUP:-5s}"
CHECK="${CHECK:-3s}"
MIX="${MIX:-all}"
WRITES="${WRITES:-1}"
HISTORIES="${HISTORIES:-4}"
BUILD="${BUILD:-1}"
OUT="${OUT:-}"

fail() { echo "load: $*" >&2; exit 2; }
case "$MIX" in all|modern|forwarded) ;; *) fail "MIX must be all, modern or forwarded, not '$MIX'" ;; esac
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || fail "RUNS must be a positive integer, not '$RUNS'"
[[ "$HISTORIES" =~ ^[1-9][0-9]*$ ]] || fail "HISTORIES must be a positive integer, not '$HISTORIES'"
for tool in curl jq; do command -v "$tool" > /dev/null || fail "$tool is required"; done
if ! command -v wrk > /dev/null; then
    if [[ $(id -u) == 0 ]] && command -v apt-get > /dev/null; then
        echo "load: installing wrk (apt-get install -y wrk)" >&2
        apt-get install -y wrk > /dev/null || fail "apt-get install -y wrk failed"
    else
        fail "wrk is required (Debian: apt-get install wrk)"
    fi
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# --- build -----------------------------------------------------------------------------------------------------------
project="$root/samples/Galaxy.Modern/Galaxy.Modern.csproj"
dll="$root/samples/Galaxy.Modern/bin/Release/net10.0/Galaxy.Modern.dll"
work="$(mktemp -d "${TMPDIR:-/tmp}/galaxy-load.XXXXXX")"
if [[ "$BUILD" == 1 ]]; then
    echo "load: building samples/Galaxy.Modern (Release)" >&2
    dotnet build "$project" -c Release -warnaserror -nologo -v q > "$work/build.log" 2>&1 \
        || { tail -n 30 "$work/build.log" >&2; rm -rf "$work"; exit 2; }
fi
[[ -f "$dll" ]] || { rm -rf "$work"; fail "$dll is missing (run with BUILD=1)"; }

# --- server ----------------------------------------------------------------------------------------------------------
key="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
pid=""
sampler=""
stop() {
    local status=$?
    [[ -n "$sampler" ]] && kill "$sampler" 2> /dev/null && wait "$sampler" 2> /dev/null
    if [[ -n "$pid" ]] && kill -0 "$pid" 2> /dev/null; then
        kill -TERM "$pid" 2> /dev/null || true
        for _ in $(seq 1 50); do kill -0 "$pid" 2> /dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2> /dev/null || true
        wait "$pid" 2> /dev/null || true
    fi
    if [[ $status != 0 && -s "$work/server.log" ]]; then
        echo "load: server log (last 20 lines):" >&2
        tail -n 20 "$work/server.log" >&2
    fi
    rm -rf "$work"
    exit "$status"
}
trap stop EXIT
trap 'exit 130' INT TERM

# The app itself (not `dotnet run`), so that $pid is the server process whose memory is read. Port 0: Kestrel picks a
# free port and prints it (the lifetime logger stays at Information for that line).
(cd "$work" && exec dotnet "$dll" --urls http://127.0.0.1:0 \
    "--Galaxy:Database=$work/galaxy.sqlite" "--Galaxy:AdminApiKey=$key" \
    --Logging:LogLevel:Default=Warning --Logging:LogLevel:Microsoft.Hosting.Lifetime=Information \
    > "$work/server.log" 2>&1) &
pid=$!

base=""
for _ in $(seq 1 1200); do
    kill -0 "$pid" 2> /dev/null || fail "the server exited during start-up"
    base="$(sed -n 's/.*Now listening on: \(http:\/\/127\.0\.0\.1:[0-9]*\).*/\1/p' "$work/server.log" | head -n 1)"
    [[ -n "$base" ]] && break
    sleep 0.1
done
[[ -n "$base" ]] || fail "the server did not print its address within 120 s"
for _ in $(seq 1 100); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/api/version")" == 200 ]] && break
    sleep 0.1
done

api() { # method path [json body] -> the response body; fails on a non-2xx
    local method="$1" path="$2" body="${3:-}" out code
    out="$(curl -sS -X "$method" -H "x-api-key: $key" -H "Content-Type: application/json" ${body:+--data "$body"} \
        -w '\n%{http_code}' "$base$path")" || fail "$method $path: curl failed"
    code="${out##*$'\n'}"
    [[ "$code" == 2?? ]] || fail "$method $path answered $code: ${out%$'\n'*}"
    printf '%s' "${out%$'\n'*}"
}

# --- seed ------------------------------------------------------------------------------------------------------------
histories=()
for i in $(seq 1 "$HISTORIES"); do
    history="$(api POST /api/histories "{\"name\": \"load seed $i\"}" | jq -er .id)" || fail "no history id"
    histories+=("$history")
done
dataset=""
for history in "${histories[@]}"; do
    output="$(api POST /api/tools "{\"tool_id\": \"cat1\", \"history_id\": \"$history\"}" | jq -er '.outputs[0].id')" \
        || fail "no dataset id"
    dataset="${dataset:-$output}"
done
job_history="$(api POST /api/histories '{"name": "load jobs"}' | jq -er .id)" || fail "no history id"
export LOAD_KEY="$key" LOAD_HISTORIES="$(IFS=,; echo "${histories[*]}")" LOAD_DATASET="$dataset" \
    LOAD_JOB_HISTORY="$job_history" LOAD_MIX="$MIX" LOAD_WRITES="$WRITES"

gcdump="${GCDUMP:-$(command -v dotnet-gcdump || true)}"
[[ "$gcdump" == none ]] && gcdump=""

# --- passes ----------------------------------------------------------------------------------------------------------
memory() { # "rss_kib hwm_kib threads fds" of the server
    local rss hwm threads fds
    rss="$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")"
    hwm="$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status")"
    threads="$(awk '/^Threads:/ {print $2}' "/proc/$pid/status")"
    fds="$(find "/proc/$pid/fd" -mindepth 1 -maxdepth 1 | wc -l)"
    echo "$rss $hwm $threads $fds"
}
heap() { # the live managed heap in bytes (dotnet-gcdump forces a full GC), or "-"
    local bytes=""
    if [[ -n "$gcdump" ]]; then
        "$gcdump" collect -p "$pid" -o "$work/heap.gcdump" > /dev/null 2>&1 \
            && bytes="$("$gcdump" report "$work/heap.gcdump" 2> /dev/null | awk '/GC Heap bytes/ { gsub(",", "", $1); print $1; exit }')"
        rm -f "$work/heap.gcdump"
    fi
    echo "${bytes:--}"
}
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
heapmib() { [[ "$1" == - ]] && echo - || awk -v b="$1" 'BEGIN { printf "%.2f", b / 1048576 }'; }
value() { awk -v n="$2" '$1 == "LOAD" && $2 == n { print $3; exit }' "$1"; }

errors=0
pass() { # name wrk-arguments... ; the output goes to $work/<name>.txt
    local name="$1"; shift
    wrk "$@" --latency -s "$here/mix.lua" "$base" > "$work/$name.txt" 2>&1 \
        || { cat "$work/$name.txt" >&2; fail "wrk failed ($name)"; }
    local bad=0 n
    for n in non2xx errors_connect errors_read errors_write errors_timeout; do
        bad=$(( bad + $(value "$work/$name.txt" "$n") ))
    done
    errors=$(( errors + bad ))
}
sample() { # RSS every second into $1 until killed
    while kill -0 "$pid" 2> /dev/null; do
        awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" >> "$1" 2> /dev/null || true
        sleep 1
    done
}

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "load: $base, mix $MIX, seeded ${#histories[@]} histories; check pass ($CHECK)" >&2
LOAD_ATTRIBUTE=1 pass check-before -t 1 -c 1 -d "$CHECK" --timeout "$TIMEOUT"
echo "load: warm-up ($WARMUP)" >&2
pass warmup -t "$THREADS" -c "$CONNECTIONS" -d "$WARMUP" --timeout "$TIMEOUT"
read -r rss0 _ threads0 fds0 <<< "$(memory)"
heap0="$(heap)"
for run in $(seq 1 "$RUNS"); do
    echo "load: run $run/$RUNS ($DURATION, $THREADS threads, $CONNECTIONS connections)" >&2
    : > "$work/rss-$run.txt"
    sample "$work/rss-$run.txt" &
    sampler=$!
    pass "run-$run" -t "$THREADS" -c "$CONNECTIONS" -d "$DURATION" --timeout "$TIMEOUT"
    kill "$sampler" 2> /dev/null || true
    wait "$sampler" 2> /dev/null || true
    sampler=""
    read -r rss hwm threads fds <<< "$(memory)"
    echo "$rss $hwm $threads $fds $(heap)" > "$work/memory-$run.txt"
done
echo "load: check pass ($CHECK)" >&2
LOAD_ATTRIBUTE=1 pass check-after -t 1 -c 1 -d "$CHECK" --timeout "$TIMEOUT"
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

# --- summary ---------------------------------------------------------------------------------------------------------
{
    echo "Load: $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2) -> samples/Galaxy.Modern (Release, in-process legacy app, SQLite), $(date -u +%Y-%m-%dT%H:%MZ)"
    echo "  mix=$MIX$([[ $WRITES == 0 ]] && echo ' (reads only)')  threads=$THREADS  connections=$CONNECTIONS  duration=$DURATION x $RUNS runs  timeout=$TIMEOUT  warm-up=$WARMUP"
    echo "  machine: $(nproc) cores, load average (1/5/15 min) $load_before before, $load_after after"
    printf '  %-7s %9s %8s %8s %8s %8s %8s %8s %7s %s\n' pass req/s p50_ms p75_ms p90_ms p99_ms p99.9_ms max_ms non-2xx "socket errors (connect/read/write/timeout)"
    for name in warmup $(seq -f 'run-%g' 1 "$RUNS"); do
        f="$work/$name.txt"
        printf '  %-7s %9s %8s %8s %8s %8s %8s %8s %7s %s/%s/%s/%s\n' "$name" "$(value "$f" rps)" \
            "$(value "$f" latency_p50_ms)" "$(value "$f" latency_p75_ms)" "$(value "$f" latency_p90_ms)" \
            "$(value "$f" latency_p99_ms)" "$(value "$f" latency_p99.9_ms)" "$(value "$f" latency_max_ms)" \
            "$(value "$f" non2xx)" "$(value "$f" errors_connect)" "$(value "$f" errors_read)" \
            "$(value "$f" errors_write)" "$(value "$f" errors_timeout)"
    done
    for name in check-before check-after; do
        f="$work/$name.txt"
        echo "  $name (1 connection, $(value "$f" requests) requests): non-2xx $(value "$f" non2xx), socket errors $(( $(value "$f" errors_connect) + $(value "$f" errors_read) + $(value "$f" errors_write) + $(value "$f" errors_timeout) ))"
    done
    echo "  server memory (VmRSS MiB; live managed heap MiB after a full GC, when dotnet-gcdump is there; threads; open files):"
    echo "    after warm-up  $(mib "$rss0"); heap $(heapmib "$heap0"); $threads0 threads; $fds0 files"
    for run in $(seq 1 "$RUNS"); do
        read -r rss hwm threads fds bytes < "$work/memory-$run.txt"
        during="$(sort -n "$work/rss-$run.txt" | awk 'NR == 1 { min = $1 } { max = $1 } END { if (NR) printf "%.1f-%.1f", min / 1024, max / 1024 }')"
        echo "    after run $run    $(mib "$rss") (during the run $during; peak VmHWM $(mib "$hwm")); heap $(heapmib "$bytes"); $threads threads; $fds files"
    done
    echo "  mix (requests sent per route, run 1):"
    awk '$1 == "LOAD" && $2 == "route" { $1 = ""; $2 = ""; sub(/^  /, ""); print "    " $0 }' "$work/run-1.txt"
    for name in check-before warmup $(seq -f 'run-%g' 1 "$RUNS") check-after; do
        awk -v p="$name" '$1 == "LOAD" && $2 == "non2xx_group" { $1 = ""; $2 = ""; sub(/^  /, ""); print "  non-2xx in " p ": " $0 }' "$work/$name.txt"
        grep -i 'socket errors\|error' "$work/$name.txt" | grep -v '^LOAD' | sed "s/^/  wrk ($name): /" || true
    done
    if [[ $errors == 0 ]]; then echo "  result: PASS (no socket error, no non-2xx response)"; else echo "  result: FAIL ($errors socket errors and non-2xx responses)"; fi
} | tee ${OUT:+"$OUT"}
[[ $errors == 0 ]] || exit 1
