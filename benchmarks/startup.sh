#!/usr/bin/env bash
# Start-up time: process start to the first 200 on /api/openapi.json (the whole document received), per host.
#
#   benchmarks/startup.sh [-n RUNS] [--hosts "StaticBytes Toolkit ..."] [--no-aot] [--no-build] [--out DIR]
#
# Hosts (benchmarks/Startup/, Release builds, logging off, bound to 127.0.0.1 on a free port):
#   StaticBytes        baseline: a plain endpoint writing the Toolkit host's build-time openapi.json (embedded resource)
#   Toolkit            AddGalaxyApi + the synthetic routers: the compile-time document
#   MinimalApiOpenApi  AddOpenApi + MapOpenApi over the same 100 operations as minimal-API endpoints
#   Swashbuckle        AddSwaggerGen + UseSwagger over the same minimal-API endpoints
#   GalaxyModern       the Galaxy sample (samples/Galaxy.Modern) on a temporary database
#   StaticBytesAot, ToolkitAot   Native AOT builds of StaticBytes and Toolkit (dotnet publish -r linux-x64 -p:StartupAot=true)
#   StaticBytesR2R, ToolkitR2R   ReadyToRun builds of the same (JIT with precompiled code; only when named in --hosts)
#
# One untimed warm-up round, then RUNS rounds; every round starts each host once, in an order rotated per round, so
# that load drift on a shared machine spreads over all hosts. The poller is bash itself (/dev/tcp, no process per
# poll, a 2 ms pause between refused connections), so it takes almost no CPU from the process it waits for.
# Prints median, min and max per host and the ratio of medians to the baseline (StaticBytes; StaticBytesAot and
# StaticBytesR2R for the AOT and ReadyToRun hosts); the raw times and the table are written to DIR (default
# benchmarks/Startup/results/).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
startup="$here/Startup"
runs=15
hosts=""
aot=1
build=1
out="$startup/results"

while [[ $# -gt 0 ]]; do
    case "$1" in
        -n|--runs) runs="$2"; shift 2 ;;
        --hosts) hosts="$2"; shift 2 ;;
        --no-aot) aot=0; shift ;;
        --no-build) build=0; shift ;;
        --out) out="$2"; shift 2 ;;
        -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done
if [[ -z "$hosts" ]]; then
    hosts="StaticBytes Toolkit MinimalApiOpenApi Swashbuckle GalaxyModern"
    [[ $aot == 1 ]] && hosts="$hosts StaticBytesAot ToolkitAot"
fi
read -r -a hosts <<< "$hosts"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
mkdir -p "$out"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
raw="$out/startup-$stamp.tsv"
logs="$out/logs-$stamp"
mkdir -p "$logs"

has_host() { local h; for h in "${hosts[@]}"; do [[ $h == "$1" ]] && return 0; done; return 1; }

# --- build -----------------------------------------------------------------------------------------------------------
aot_failed=()
if [[ $build == 1 ]]; then
    for p in StaticBytes Toolkit MinimalApiOpenApi Swashbuckle; do
        if has_host "$p" || { [[ $p == StaticBytes ]] && has_host Toolkit; }; then
            echo "building $p (Release)" >&2
            dotnet build "$startup/$p/Startup.$p.csproj" -c Release -warnaserror -nologo -v q > "$logs/build-$p.log" 2>&1 \
                || { tail -n 30 "$logs/build-$p.log" >&2; exit 1; }
        fi
    done
    if has_host GalaxyModern; then
        echo "building samples/Galaxy.Modern (Release)" >&2
        dotnet build "$root/samples/Galaxy.Modern/Galaxy.Modern.csproj" -c Release -warnaserror -nologo -v q > "$logs/build-GalaxyModern.log" 2>&1 \
            || { tail -n 30 "$logs/build-GalaxyModern.log" >&2; exit 1; }
    fi
    # Native AOT needs a C toolchain; Debian's clang may be installed only as clang-NN.
    linker=()
    if ! command -v clang > /dev/null; then
        cc="$(compgen -c clang- | grep -E '^clang-[0-9]+$' | sort -V | tail -n 1 || true)"
        [[ -n "$cc" ]] && linker=("-p:CppCompilerAndLinker=$cc")
    fi
    for h in StaticBytesR2R ToolkitR2R; do
        has_host "$h" || continue
        p="${h%R2R}"
        echo "publishing $p (ReadyToRun, linux-x64)" >&2
        dotnet publish "$startup/$p/Startup.$p.csproj" -r linux-x64 --self-contained false -c Release -p:PublishReadyToRun=true \
            -o "$startup/$p/bin/Release/net10.0/r2r" -nologo > "$logs/publish-$h.log" 2>&1 \
            || { tail -n 30 "$logs/publish-$h.log" >&2; exit 1; }
    done
    for h in StaticBytesAot ToolkitAot; do
        has_host "$h" || continue
        p="${h%Aot}"
        echo "publishing $p (Native AOT, linux-x64)" >&2
        log="$logs/publish-$p.log"
        if dotnet publish "$startup/$p/Startup.$p.csproj" -r linux-x64 -c Release -p:StartupAot=true "${linker[@]}" -nologo > "$log" 2>&1; then
            warnings="$(grep -E 'warning [A-Z]+[0-9]+' "$log" | sort -u | grep -oE 'warning [A-Z]+[0-9]+' | sort | uniq -c | tr -s ' ' || true)"
            [[ -n "$warnings" ]] && echo "  $p AOT publish warnings (count, code; details in $log):$warnings" >&2
        else
            echo "  $p AOT publish failed (see $log):" >&2
            grep -E ': error ' "$log" | sort -u | head -n 10 >&2 || tail -n 20 "$log" >&2
            aot_failed+=("$h")
        fi
    done
fi

# --- what each host runs ---------------------------------------------------------------------------------------------
database_dir="$(mktemp -d)"
trap 'rm -rf "$database_dir"' EXIT
command_of() { # host port -> the command line, in the array cmd
    local host="$1" port="$2" url="http://127.0.0.1:$2"
    case "$host" in
        StaticBytes|Toolkit|MinimalApiOpenApi|Swashbuckle)
            cmd=("$startup/$host/bin/Release/net10.0/Startup.$host" --urls "$url") ;;
        StaticBytesAot|ToolkitAot)
            local p="${host%Aot}"
            cmd=("$startup/$p/bin/Release/net10.0/linux-x64/publish/Startup.$p" --urls "$url") ;;
        StaticBytesR2R|ToolkitR2R)
            local p="${host%R2R}"
            cmd=("$startup/$p/bin/Release/net10.0/r2r/Startup.$p" --urls "$url") ;;
        GalaxyModern)
            cmd=("$root/samples/Galaxy.Modern/bin/Release/net10.0/Galaxy.Modern" --urls "$url"
                 "--Galaxy:Database=$database_dir/galaxy.sqlite" --Galaxy:AdminApiKey=x --Logging:LogLevel:Default=None) ;;
        *) echo "unknown host: $host" >&2; exit 2 ;;
    esac
}
usable=()
for h in "${hosts[@]}"; do
    skip=0
    for f in "${aot_failed[@]+"${aot_failed[@]}"}"; do [[ $f == "$h" ]] && skip=1; done
    command_of "$h" 0
    if [[ $skip == 1 || ! -x "${cmd[0]}" ]]; then
        echo "skipping $h: ${cmd[0]} missing" >&2
    else
        usable+=("$h")
    fi
done
hosts=("${usable[@]}")
[[ ${#hosts[@]} -gt 0 ]] || { echo "no host to run" >&2; exit 1; }

# --- measuring -------------------------------------------------------------------------------------------------------
exec {pause_fd}<> <(:)                 # read -t on it is a sleep without a process
pause() { read -r -t "$1" -u "$pause_fd" _ || true; }
refused() { # port -> 0 when nothing accepts connections on it
    { exec {probe_fd}<>"/dev/tcp/127.0.0.1/$1"; } 2> /dev/null || return 0
    exec {probe_fd}>&-
    return 1
}
next_port=$(( 20000 + RANDOM % 20000 ))
free_port() {
    while ! refused "$next_port"; do next_port=$(( next_port + 1 )); done
    port=$next_port
    next_port=$(( next_port + 1 ))
    (( next_port < 60000 )) || next_port=20000
}
# One start: sets ms to the milliseconds from launch to the end of the first 200 answer (the whole document read).
measure() {
    local host="$1" status fd elapsed start now log="$logs/$1.log"
    free_port
    command_of "$host" "$port"
    local dir="${cmd[0]%/*}"
    start=$EPOCHREALTIME
    # From its own folder, as deployed: the content root is the working directory, and the configuration's file
    # watcher would otherwise watch the whole repository.
    (cd "$dir" && exec "${cmd[@]}") >> "$log" 2>&1 &
    local pid=$!
    while :; do
        if { exec {fd}<>"/dev/tcp/127.0.0.1/$port"; } 2> /dev/null; then
            printf 'GET /api/openapi.json HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n' "$port" >&"$fd"
            status=""
            IFS= read -r -t 30 status <&"$fd" || true
            if [[ $status == "HTTP/1.1 200"* ]]; then
                cat <&"$fd" > "$logs/$host.document"
                now=$EPOCHREALTIME
                exec {fd}>&-
                break
            fi
            exec {fd}>&-
        fi
        if ! kill -0 "$pid" 2> /dev/null; then
            echo "$host exited before answering (log: $log)" >&2
            return 1
        fi
        now=$EPOCHREALTIME
        if (( ${now%.*} - ${start%.*} > 60 )); then
            kill -9 "$pid" 2> /dev/null || true
            echo "$host gave no 200 within 60 s (log: $log)" >&2
            return 1
        fi
        pause 0.002
    done
    kill -TERM "$pid" 2> /dev/null || true
    for _ in $(seq 100); do kill -0 "$pid" 2> /dev/null || break; pause 0.05; done
    kill -9 "$pid" 2> /dev/null || true
    wait "$pid" 2> /dev/null || true
    # microseconds, without floating point: EPOCHREALTIME is seconds.microseconds
    elapsed=$(( (${now%.*} - ${start%.*}) * 1000000 + 10#${now#*.} - 10#${start#*.} ))
    ms="$(( elapsed / 1000 )).$(printf '%03d' $(( elapsed % 1000 )))"
}

echo "hosts: ${hosts[*]}; $runs runs each after a warm-up round; load average: $(cut -d ' ' -f 1-3 /proc/loadavg)" >&2
printf 'round\thost\tms\n' > "$raw"
for (( round = 0; round <= runs; round++ )); do
    count=${#hosts[@]}
    for (( i = 0; i < count; i++ )); do
        host="${hosts[(i + round) % count]}"
        measure "$host" || exit 1
        (( round == 0 )) && continue
        printf '%d\t%s\t%s\n' "$round" "$host" "$ms" >> "$raw"
    done
    (( round == 0 )) && echo "warm-up round done" >&2 || echo "round $round/$runs done" >&2
    pause 0.2
done
load_after="$(cut -d ' ' -f 1-3 /proc/loadavg)"

# --- report ----------------------------------------------------------------------------------------------------------
table="$out/startup-$stamp.md"
{
    echo "Start-up to first 200 on /api/openapi.json: $runs runs per host, $(date -u '+%Y-%m-%d %H:%M UTC'), load average at the end $load_after"
    echo
    echo "| Host | Median (ms) | Min (ms) | Max (ms) | Ratio of medians | Median of per-round ratios | Baseline |"
    echo "|---|---:|---:|---:|---:|---:|---|"
    declare -A median
    for h in "${hosts[@]}"; do
        median[$h]="$(awk -F '\t' -v h="$h" '$2 == h { print $3 }' "$raw" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')"
    done
    for h in "${hosts[@]}"; do
        base=StaticBytes
        [[ $h == *Aot ]] && base=StaticBytesAot
        [[ $h == *R2R ]] && base=StaticBytesR2R
        read -r lo hi < <(awk -F '\t' -v h="$h" '$2 == h { print $3 }' "$raw" | sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { print lo, hi }')
        ratio="-"
        [[ -n "${median[$base]:-}" ]] && ratio="$(awk -v a="${median[$h]}" -v b="${median[$base]}" 'BEGIN { printf "%.2f", a / b }')"
        # the ratio within each round (host and baseline started seconds apart), then the median over the rounds
        paired="$(awk -F '\t' -v h="$h" -v b="$base" '$2 == h { t[$1] = $3 } $2 == b { u[$1] = $3 }
            END { for (r in t) if (r in u) printf "%.4f\n", t[r] / u[r] }' "$raw" | sort -n \
            | awk '{ v[NR] = $1 } END { if (NR) printf "%.2f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; else printf "-" }')"
        printf '| %s | %.1f | %.1f | %.1f | %s | %s | %s |\n' "$h" "${median[$h]}" "$lo" "$hi" "$ratio" "$paired" "$base"
    done
} > "$table"
cat "$table"
echo >&2
echo "raw times: $raw" >&2
echo "table: $table; logs and the last document each host served: $logs" >&2
