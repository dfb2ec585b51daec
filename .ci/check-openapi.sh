#!/usr/bin/env bash
# Independent checks of the compile-time OpenAPI documents, with tools outside the toolkit (pinned in
# tools/openapi-check/package-lock.json):
#   1. `redocly lint`, `recommended` ruleset (tools/openapi-check/redocly.yaml): any error fails, warnings are printed;
#   2. `openapi-typescript`: typed client definitions must generate from the document.
# Documents: the sample's build output (needs a build first: .ci/run runs this after `dotnet test`) and the generator's
# snapshot of every construct, and the legacy sample's hand-written manifest. CONFIGURATION selects the sample's build
# output (default Debug, as `dotnet build`).
# @redocly/cli is pinned to 1.34.20 (Node >= 18.17), not 2.x (Node >= 20.19): the apt-get fallback below gets Node 18
# on Debian 12. Both give the same findings on these documents.
set -euo pipefail
cd "$(dirname "$0")/.."

tools=tools/openapi-check
configuration="${CONFIGURATION:-Debug}"
documents=(
  "samples/Galaxy.Modern/bin/${configuration}/net10.0/openapi.json"
  "tests/Galaxy.Api.Toolkit.Generators.Tests/Snapshots/CompleteDocument/openapi.json"
  "samples/Galaxy.Legacy/legacy-openapi.json"
)
# No telemetry or update checks: CI has no internet beyond the package registry.
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_UPDATE_NOTIFIER=1 CI=true

if ! command -v node >/dev/null 2>&1; then
  echo "check-openapi: node is absent; installing Node.js with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq nodejs npm >/dev/null
fi
echo "check-openapi: node $(node --version), npm $(npm --version)"

for document in "${documents[@]}"; do
  if [[ ! -f "$document" ]]; then
    echo "check-openapi: $document does not exist (build the solution first: dotnet build Galaxy.Api.Toolkit.sln)" >&2
    exit 1
  fi
done

npm ci --prefix "$tools" --no-audit --no-fund --loglevel=error >/dev/null
redocly="$tools/node_modules/.bin/redocly"
openapi_typescript="$tools/node_modules/.bin/openapi-typescript"
echo "check-openapi: @redocly/cli $("$redocly" --version), openapi-typescript $("$openapi_typescript" --version | tr -d v)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

failures=0
summary=()
for document in "${documents[@]}"; do
  echo
  echo "== $document"

  # 1. redocly lint. The JSON report is listed one problem per line: severity, rule id, JSON pointer, message.
  report="$work/lint.json"
  lint_status=0
  "$redocly" lint "$document" --config "$tools/redocly.yaml" --format=json >"$report" 2>"$work/lint.err" || lint_status=$?
  if ! node - "$report" "$work/lint.counts" <<'JS'
const fs = require("node:fs");
const report = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
for (const p of report.problems) {
  const severity = p.severity === "warn" ? "warning" : p.severity;
  console.log(`  ${severity.padEnd(7)}  ${p.ruleId}  at ${p.location?.[0]?.pointer ?? "?"}: ${p.message}`);
}
fs.writeFileSync(process.argv[3], `${report.totals.errors} ${report.totals.warnings}\n`);
JS
  then
    echo "redocly lint did not produce a report (exit $lint_status):" >&2
    cat "$work/lint.err" >&2
    echo "1 0" >"$work/lint.counts"
    lint_status=1
  fi
  read -r errors warnings <"$work/lint.counts"
  if [[ "$errors" -gt 0 || "$lint_status" -ne 0 ]]; then
    lint_result="FAIL ($errors error(s), $warnings warning(s))"
    failures=$((failures + 1))
  else
    lint_result="ok ($warnings warning(s))"
  fi
  echo "redocly lint (recommended): $lint_result"

  # 2. openapi-typescript, with its own default rules (redocly.openapi-typescript.yaml), into a temporary file.
  types="$work/$(basename "$(dirname "$document")").d.ts"
  if "$openapi_typescript" "$document" --redocly "$tools/redocly.openapi-typescript.yaml" --output "$types" >"$work/ts.log" 2>&1 \
      && grep -q '^export interface paths' "$types"; then
    ts_result="ok ($(wc -l <"$types") lines of types)"
  else
    cat "$work/ts.log" >&2
    ts_result="FAIL"
    failures=$((failures + 1))
  fi
  echo "openapi-typescript: $ts_result"
  summary+=("$document: lint $lint_result; openapi-typescript $ts_result")
done

echo
echo "== OpenAPI check summary"
printf '  %s\n' "${summary[@]}"
if [[ "$failures" -gt 0 ]]; then
  echo "check-openapi: FAILED ($failures failing check(s))" >&2
  exit 1
fi
echo "check-openapi: passed"
