#!/usr/bin/env bash
# A quick run of every benchmark, under 10 minutes on a 2-core machine: a smoke run that shows everything builds,
# starts and answers, with rough figures. Not for RESULTS.md: BenchmarkDotNet's short job (3 warm-up iterations) stops
# before tiered JIT reaches steady state and can report a ratio several times too high.
#
#   benchmarks/run-quick.sh [--aot]        --aot also publishes and starts the Native AOT hosts (adds ~4 minutes cold)
#
# The full run (what RESULTS.md reports; about an hour):
#   cd benchmarks/Galaxy.Api.Toolkit.Benchmarks && dotnet run -c Release -- --filter '*'
#   cd benchmarks/Galaxy.Api.Toolkit.Benchmarks.Swashbuckle && dotnet run -c Release -- --filter '*'
#   benchmarks/startup.sh                  # 15 runs per host, Native AOT hosts included
# (the sections of RESULTS.md give the exact command behind each table).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
aot=--no-aot
[[ "${1:-}" == "--aot" ]] && aot=""
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
out="$here/BenchmarkDotNet.Artifacts/quick-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
started=$SECONDS
echo "load average before: $(cut -d ' ' -f 1-3 /proc/loadavg)" | tee "$out/machine.txt"

# BenchmarkDotNet: the short job; one process per project, so one build each. Job attributes on a class
# ([WarmupCount], [IterationCount]) apply on top of the command line's job: such a class runs its own counts here.
bdn() { # project, filters...
    local project="$1"; shift
    echo "== $project: $*"
    (cd "$here/$project" && dotnet run -c Release -- --filter "$@" --job short --artifacts "$out/$project") \
        > "$out/$project.log" 2>&1 || { tail -n 40 "$out/$project.log"; echo "$project failed (log: $out/$project.log)"; exit 1; }
    sed -n '/^| *Method /,/^$/p' "$out/$project.log"
}
bdn Galaxy.Api.Toolkit.Benchmarks '*DocumentServing*' '*Pipeline*' '*Generator*' '*Validation*' '*Forwarding*' '*Shadow*'
bdn Galaxy.Api.Toolkit.Benchmarks.Swashbuckle '*'

echo "== start-up (3 runs per host)"
bash "$here/startup.sh" -n 3 $aot --out "$out/startup" 2> "$out/startup.log" || { tail -n 40 "$out/startup.log"; exit 1; }

echo "load average after: $(cut -d ' ' -f 1-3 /proc/loadavg)" | tee -a "$out/machine.txt"
echo
echo "done in $(( SECONDS - started )) s; results in $out:"
echo "  BenchmarkDotNet reports: $out/<project>/results/ (markdown, csv, html), console logs: $out/<project>.log"
echo "  start-up: $out/startup/startup-*.md (table), startup-*.tsv (raw times), startup.log"
