#!/usr/bin/env bash
# Runs every test of the repository on a fresh machine: installs what the tests need, restores, builds,
# runs all test projects, and ends with the line "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v dotnet >/dev/null 2>&1; then
    echo "The .NET 10 SDK is required (dotnet on PATH); install it and run this again." >&2
    exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# The real MCP clients of tests/PandaMcp.Interop.Tests (TypeScript SDK, Inspector, conformance suite, and Node 22
# as the npm package "node"), at the versions tests/interop/package-lock.json pins. Installed again only when the
# lock file differs from the one of the last install (npm ci starts from an empty node_modules).
interop=tests/interop
if ! cmp -s "$interop/package-lock.json" "$interop/node_modules/.installed-package-lock.json" 2>/dev/null; then
    if ! command -v npm >/dev/null 2>&1; then
        echo "npm is required to install the interop test clients (any Node.js with npm; Node 22 comes from npm)." >&2
        exit 1
    fi
    npm ci --prefix "$interop" --no-audit --no-fund
    cp "$interop/package-lock.json" "$interop/node_modules/.installed-package-lock.json"
fi

# tests/PandaMcp.Cluster.Tests starts its own redis-server (Redis 7 from Debian's package; CI runs as root).
if ! command -v redis-server >/dev/null 2>&1; then
    apt-get update && apt-get install -y redis-server
fi

results=.artifacts/test-results
rm -rf "$results"
mkdir -p "$results"

dotnet restore PandaMcp.sln
dotnet build PandaMcp.sln --no-restore -c Release
set +e
dotnet test PandaMcp.sln --no-build -c Release --results-directory "$results" 2>&1 | tee "$results/console.log"
status=${PIPESTATUS[0]}
set -e

# Each test assembly prints "Failed: F, Passed: P, Skipped: S"; a crashed run prints none, and its exit code says so.
read -r passed failed < <(grep -oE 'Failed: +[0-9]+, Passed: +[0-9]+' "$results/console.log" \
    | awk '{gsub(",", ""); f += $2; p += $4} END {print p + 0, f + 0}')
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    failed=1
fi
echo "$passed passed, $failed failed"
exit "$status"
