#!/usr/bin/env bash
# Runs every test of the solution: installs what the tests need, builds once, runs each test project, and ends
# with the line "N passed, N failed, N skipped". The browser tests need Debian's Chromium. The deployment tests
# need nginx, openssl, curl and iproute2, because they run etc/nginx in a real nginx.
# Usage: etc/scripts/test.sh [extra dotnet test arguments]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
results="$root/.tmp/test-results"
configuration="${CONFIGURATION:-Release}"

install_packages() {
    local missing=()
    command -v chromium >/dev/null 2>&1 || missing+=(chromium)
    command -v node >/dev/null 2>&1 || missing+=(nodejs npm)
    [ -x /usr/sbin/nginx ] || missing+=(nginx)
    command -v openssl >/dev/null 2>&1 || missing+=(openssl)
    command -v curl >/dev/null 2>&1 || missing+=(curl)
    [ -x /usr/sbin/ip ] || missing+=(iproute2)
    if [ "${#missing[@]}" -gt 0 ]; then
        if [ "$(id -u)" -ne 0 ]; then
            echo "Missing packages: ${missing[*]}. Install them with apt-get (as root) and run again." >&2
            exit 2
        fi
        echo "Installing ${missing[*]} from Debian's packages"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
}

install_packages
export AUTOTRACKER_CHROMIUM="${AUTOTRACKER_CHROMIUM:-$(command -v chromium)}"

dotnet tool restore >/dev/null
dotnet build AutoTracker.sln -c "$configuration" -nologo -clp:ErrorsOnly

rm -rf "$results"
mkdir -p "$results"
status=0
for project in test/*.Tests/*.csproj test/AutoTracker.BrowserTests/*.csproj; do
    [ -f "$project" ] || continue
    name="$(basename "$project" .csproj)"
    echo "== $name"
    dotnet test "$project" -c "$configuration" --no-build -nologo \
        --logger "trx;LogFileName=$name.trx" --results-directory "$results" "$@" || status=$?
done

passed=0
failed=0
skipped=0
for trx in "$results"/*.trx; do
    [ -f "$trx" ] || continue
    counters="$(grep -o '<Counters [^>]*>' "$trx" | head -1)"
    value() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
    total_file=$(value total)
    passed=$((passed + $(value passed)))
    failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
    skipped=$((skipped + total_file - $(value executed)))
done

if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then
    echo "No test ran; treating the run as failed." >&2
    status=1
fi

echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
