#!/usr/bin/env bash
# Runs every test of the solution. It installs what the tests need (Debian's Chromium for the browser tests,
# MariaDB and Redis through test-services.sh) and builds once. Then it runs each test project on SQLite and
# the integration suites a second time on MariaDB, and ends with the line "N passed, N failed, N skipped".
# The deployment tests need nginx, openssl, curl and iproute2, because they run etc/nginx in a real nginx.
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

# MariaDB and Redis for the tests, stopped again however the script ends. Starting them prints the
# "export AUTOTRACKER_TEST_..." lines that the tests read. The output is assigned before eval so that a failed
# start stops the script (set -e ignores a failure inside eval "$(...)").
services="$root/.tmp/services"
"$root/etc/scripts/test-services.sh" stop "$services" >/dev/null 2>&1 || true
trap '"$root/etc/scripts/test-services.sh" stop "$services"' EXIT
service_environment="$("$root/etc/scripts/test-services.sh" start "$services")"
eval "$service_environment"

dotnet tool restore >/dev/null
dotnet build AutoTracker.sln -c "$configuration" -nologo -clp:ErrorsOnly

rm -rf "$results"
mkdir -p "$results/sqlite" "$results/mariadb" "$results/hosting"
status=0

# run_project PROJECT ENGINE: runs one test project on one database engine, with its results in a folder per engine.
run_project() {
    local project="$1" engine="$2" name folder
    name="$(basename "$project" .csproj)"
    case "$engine" in
        Sqlite) folder="$results/sqlite" ;;
        MySql) folder="$results/mariadb" ;;
        *) folder="$results/hosting" ;;
    esac
    echo "== $name on $engine"
    AUTOTRACKER_TEST_DATABASE="$engine" dotnet test "$project" -c "$configuration" --no-build -nologo \
        --logger "trx;LogFileName=$name.trx" --results-directory "$folder" "${extra_args[@]}" || status=$?
}

extra_args=("$@")
for project in test/*.Tests/*.csproj test/AutoTracker.BrowserTests/*.csproj; do
    [ -f "$project" ] || continue
    case "$project" in
        test/AutoTracker.Hosting.Tests/*) continue ;;
    esac
    run_project "$project" Sqlite
done

# The suites that reach the database run again on MariaDB; the others do not depend on the engine.
for project in test/AutoTracker.Application.Tests/*.csproj test/AutoTracker.EntityFrameworkCore.Tests/*.csproj \
    test/AutoTracker.Web.Tests/*.csproj; do
    run_project "$project" MySql
done

# The hosting suite starts the app as processes on MariaDB and Redis itself, whatever the engine setting.
run_project test/AutoTracker.Hosting.Tests/AutoTracker.Hosting.Tests.csproj Processes

passed=0
failed=0
skipped=0

# count FOLDER LABEL: adds the counters of the TRX files in FOLDER to the totals and prints them under LABEL.
count() {
    local folder="$1" label="$2" folder_passed=0 folder_failed=0 folder_skipped=0
    for trx in "$folder"/*.trx; do
        [ -f "$trx" ] || continue
        counters="$(grep -o '<Counters [^>]*>' "$trx" | head -1)"
        value() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
        total_file=$(value total)
        folder_passed=$((folder_passed + $(value passed)))
        folder_failed=$((folder_failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
        folder_skipped=$((folder_skipped + total_file - $(value executed)))
    done
    echo "$label: $folder_passed passed, $folder_failed failed, $folder_skipped skipped"
    passed=$((passed + folder_passed))
    failed=$((failed + folder_failed))
    skipped=$((skipped + folder_skipped))
}

count "$results/sqlite" "SQLite (all suites)"
count "$results/mariadb" "MariaDB (application, EF Core and web suites)"
count "$results/hosting" "Hosting (app processes on MariaDB and Redis)"

if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then
    echo "No test ran; treating the run as failed." >&2
    status=1
fi

echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
