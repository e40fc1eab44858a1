#!/usr/bin/env bash
# Runs every test of the exchange on a fresh machine: installs what the tests need (Debian's
# chromium, PostgreSQL, redis-server and docker-compose, the local dotnet tools), starts PostgreSQL
# and Redis of its own, builds with warnings as errors, runs the whole suite (on SQLite and on
# PostgreSQL), and ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"

# Debian packages the tests need: chromium (browser tests), PostgreSQL and redis-server (the
# production engines) and docker-compose (validates the compose files; no Docker engine needed).
missing=()
command -v chromium >/dev/null 2>&1 || [ -n "${EXCHANGE_CHROMIUM:-}" ] || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || [ -n "${EXCHANGE_POSTGRES:-}" ] || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || [ -n "${EXCHANGE_REDIS:-}" ] || missing+=(redis-server)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing ${missing[*]}..."
    sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq && $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# PostgreSQL and redis-server of the run's own (or the ones EXCHANGE_POSTGRES / EXCHANGE_REDIS name).
# shellcheck source=scripts/test-engines.sh
source scripts/test-engines.sh || { echo "The test engines did not start."; echo "0 passed, 1 failed"; exit 1; }

dotnet tool restore >/dev/null || { echo "dotnet tool restore failed"; echo "0 passed, 1 failed"; exit 1; }

if ! dotnet build Exchange.Blazor.sln -c Release -nologo -v quiet; then
    echo "Build failed."
    echo "0 passed, 1 failed"
    exit 1
fi

log=$(mktemp)
dotnet test --solution Exchange.Blazor.sln -c Release --no-build "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

if grep -q '^failed ' "$log"; then
    echo "Failed tests:"
    grep '^failed ' "$log" | sed 's/^/  /'
fi
passed=$(grep -E '^\s+succeeded: [0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
failed=$(grep -E '^\s+failed: [0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
rm -f "$log"

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    echo "The test run ended with exit code $status."
    failed=1
fi
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
