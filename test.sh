#!/usr/bin/env bash
# Runs every test of the exchange on a fresh machine: installs what the tests need (Debian's
# chromium for the browser tests, the local dotnet tools), builds with warnings as errors, runs the
# whole suite, and ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"

if ! command -v chromium >/dev/null 2>&1 && [ -z "${EXCHANGE_CHROMIUM:-}" ]; then
    echo "Installing chromium for the browser tests..."
    sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq chromium >/dev/null
fi

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
