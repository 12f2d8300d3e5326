#!/usr/bin/env bash
# Measures the vehicle list API on a tenant with many vehicles. It starts the Release build on 127.0.0.1 on a
# fresh database: a SQLite file, or with ENGINE mysql a MariaDB server of its own (started by
# etc/scripts/test-services.sh on ports 23406 and 26479, data in a temporary folder). It adds VEHICLES rows to
# the demo tenant with one SQL statement and signs in. Then it runs wrk against first, sorted, filtered and deep
# pages, first as the admin, who sees every vehicle, then as a member of one of 30 organization units, who sees
# the vehicles of their unit and the two units below it. Needs wrk, curl and python3, plus sqlite3 or MariaDB
# (Debian packages).
# Usage: etc/benchmarks/vehicle-list.sh [VEHICLES] [SECONDS] [sqlite|mysql]
set -euo pipefail

vehicles="${1:-100000}"
seconds="${2:-10}"
engine="${3:-sqlite}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d)"
port=5099
base="http://localhost:$port"
password="benchmark-passphrase-2026"

cleanup() {
    if [ -n "${server:-}" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    if [ "$engine" = mysql ]; then "$root/etc/scripts/test-services.sh" stop "$work/services" || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

case "$engine" in
    sqlite)
        provider=Sqlite
        connection="Data Source=$work/bench.db"
        ;;
    mysql)
        provider=MySql
        services="$(AUTOTRACKER_TEST_MYSQL_PORT=23406 AUTOTRACKER_TEST_REDIS_PORT=26479 "$root/etc/scripts/test-services.sh" start "$work/services")"
        eval "$services"
        mariadb --socket="$work/services/mysqld.sock" -uroot -e "CREATE DATABASE at_bench CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
        connection="$AUTOTRACKER_TEST_MYSQL;Database=at_bench"
        ;;
    *)
        echo "Unknown engine $engine; use sqlite or mysql." >&2
        exit 2
        ;;
esac

# run_sql SQL: runs one script on the benchmark database and prints its result without headers.
run_sql() {
    if [ "$engine" = mysql ]; then
        mariadb --socket="$work/services/mysqld.sock" -uroot -N -B at_bench -e "$1"
    else
        sqlite3 "$work/bench.db" "$1"
    fi
}

dotnet build "$root/src/AutoTracker.Web" -c Release -nologo -clp:ErrorsOnly >/dev/null
ASPNETCORE_ENVIRONMENT=Development \
AutoTracker__Database__Provider="$provider" \
ConnectionStrings__Default="$connection" \
AutoTracker__Seed__AdminPassword="$password" \
AutoTracker__Seed__PasswordFile="$work/password.txt" \
AutoTracker__DataProtection__KeyFolder="$work/keys" \
AutoTracker__RateLimits__SignInPerMinute=1000 \
Serilog__MinimumLevel__Default=Warning \
Serilog__WriteTo__1__Args__path="$work/logs/log-.json" \
    dotnet "$root/src/AutoTracker.Web/bin/Release/net10.0/AutoTracker.Web.dll" --urls "$base" --contentRoot "$root/src/AutoTracker.Web" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do
    curl -fs "$base/health" >/dev/null 2>&1 && break
    sleep 0.5
done

tenant="$(run_sql "SELECT Id FROM Tenants WHERE NormalizedName = 'DEMO';")"
if [ "$engine" = mysql ]; then
    # MariaDB's sequence engine provides the numbers (seq_1_to_N).
    run_sql "
INSERT INTO Vehicles (Id, TenantId, Vin, VinCheck, Make, Model, ModelYear, Plate, UnitNumber, Kind, Status, MeterUnit, ConcurrencyStamp, CreationTime)
SELECT UUID(), '$tenant', NULL, 0,
       ELT(1 + seq % 5, 'Ford', 'Toyota', 'Honda', 'Volvo', 'Iveco'),
       CONCAT('Model ', seq % 40), 1990 + seq % 36, CONCAT('BN', seq), CONCAT('U', seq), seq % 2, seq % 5, 0,
       MD5(RAND()), TIMESTAMP('2020-01-01') + INTERVAL seq SECOND
FROM seq_1_to_$vehicles;
ANALYZE TABLE Vehicles;" >/dev/null
else
    run_sql "
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $vehicles)
INSERT INTO Vehicles (Id, TenantId, Vin, VinCheck, Make, Model, ModelYear, Plate, UnitNumber, Kind, Status, MeterUnit, ConcurrencyStamp, CreationTime)
SELECT upper(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-a' || substr(h, 18, 3) || '-' || substr(h, 21, 12)),
       '$tenant', NULL, 0,
       CASE i % 5 WHEN 0 THEN 'Ford' WHEN 1 THEN 'Toyota' WHEN 2 THEN 'Honda' WHEN 3 THEN 'Volvo' ELSE 'Iveco' END,
       'Model ' || (i % 40), 1990 + i % 36, 'BN' || i, 'U' || i, i % 2, i % 5, 0,
       lower(hex(randomblob(16))), strftime('%Y-%m-%d %H:%M:%f', '2020-01-01', '+' || i || ' seconds')
FROM (SELECT i, lower(hex(randomblob(16))) AS h FROM n);
ANALYZE;"
fi

# sign_in USER JAR: signs in to the demo tenant with the cookie jar JAR and prints the auth cookie as NAME=VALUE.
sign_in() {
    local token cookie
    token="$(curl -fs -c "$2" -b "$2" "$base/Account/Login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//' | head -1)"
    curl -fs -o /dev/null -c "$2" -b "$2" "$base/Account/Login" \
        --data-urlencode "Input.TenantName=demo" --data-urlencode "Input.UserNameOrEmail=$1" \
        --data-urlencode "Input.Password=$password" --data-urlencode "__RequestVerificationToken=$token"
    cookie="$(awk '$6 == "__Host-AutoTracker" { print $6 "=" $7 }' "$2")"
    if [ -z "$cookie" ]; then
        echo "Sign-in as $1 failed; see $work/server.log" >&2
        exit 1
    fi
    echo "$cookie"
}

jar="$work/cookies.txt"
cookie="$(sign_in admin "$jar")"

# A page view hands out the antiforgery token that the API's POST requests must send back.
curl -fs -o /dev/null -c "$jar" -b "$jar" "$base/"
xsrf="$(awk '$6 == "XSRF-TOKEN" { print $7 }' "$jar")"

# post PATH JSON: posts as the admin and prints the id of the created record.
post() {
    curl -fs -b "$jar" -H "RequestVerificationToken: $xsrf" -H "Content-Type: application/json" -d "$2" "$base$1" \
        | python3 -c 'import json, sys; print(json.load(sys.stdin).get("id", ""))'
}

# Ten depots with two yards each; the vehicles are spread over the 30 units in turn.
units=()
for depot in $(seq 0 9); do
    parent="$(post /api/identity/organization-units "{\"displayName\": \"Depot $depot\"}")"
    units+=("$parent")
    for yard in 1 2; do
        units+=("$(post /api/identity/organization-units "{\"parentId\": \"$parent\", \"displayName\": \"Yard $yard\"}")")
    done
done
values=""
for i in "${!units[@]}"; do values="$values${values:+,}($i, '${units[$i]}')"; done
if [ "$engine" = mysql ]; then
    run_sql "
CREATE TEMPORARY TABLE unit_slots (slot INT PRIMARY KEY, unit CHAR(36));
INSERT INTO unit_slots VALUES $values;
UPDATE Vehicles v JOIN unit_slots u ON u.slot = CAST(SUBSTRING(v.Plate, 3) AS UNSIGNED) % ${#units[@]} SET v.OrganizationUnitId = u.unit WHERE v.TenantId = '$tenant' AND v.Plate LIKE 'BN%';
ANALYZE TABLE Vehicles;" >/dev/null
else
    run_sql "
CREATE TEMP TABLE unit_slots (slot INTEGER PRIMARY KEY, unit TEXT);
INSERT INTO unit_slots VALUES $values;
UPDATE Vehicles SET OrganizationUnitId = (SELECT upper(unit) FROM unit_slots WHERE slot = CAST(substr(Plate, 3) AS INTEGER) % ${#units[@]})
WHERE TenantId = '$tenant' AND Plate LIKE 'BN%';
ANALYZE;"
fi

# The member holds the technician role, which lacks "view all units", and belongs to Depot 0.
member="$(post /api/identity/users "{\"userName\": \"depotmember\", \"email\": \"depotmember@bench.test\", \"password\": \"$password\", \"roleNames\": [\"technician\"]}")"
curl -fs -o /dev/null -b "$jar" -H "RequestVerificationToken: $xsrf" -H "Content-Type: application/json" \
    -d "{\"userIds\": [\"$member\"]}" "$base/api/identity/organization-units/${units[0]}/members"
member_cookie="$(sign_in depotmember "$work/member-cookies.txt")"


echo "vehicles in the demo tenant ($engine): $(run_sql "SELECT COUNT(*) FROM Vehicles WHERE TenantId = '$tenant';")"
paths=(
    "/api/app/vehicles?take=50"
    "/api/app/vehicles?take=50&sort=Make&descending=false"
    "/api/app/vehicles?take=50&status=Sold"
    "/api/app/vehicles?take=50&skip=5000&sort=Plate&descending=false"
)

# .NET recompiles hot methods with full optimization after some seconds of use (tiered compilation), so
# every path runs unmeasured first. Without this, the first path measured was half as fast as the last.
for path in "${paths[@]}"; do
    wrk -t2 -c16 -d10s -H "Cookie: $cookie" "$base$path" >/dev/null
done

for path in "${paths[@]}"; do
    echo "== GET $path"
    wrk -t2 -c16 -d"${seconds}s" -H "Cookie: $cookie" "$base$path" | grep -E "Requests/sec|Latency|Non-2xx"
done

member_paths=(
    "/api/app/vehicles?take=50"
    "/api/app/vehicles?take=50&sort=Make&descending=false"
    "/api/app/vehicles?take=50&skip=5000&sort=Plate&descending=false"
)
if [ "$engine" = mysql ]; then in_units="'${units[0]}', '${units[1]}', '${units[2]}'"; else in_units="upper('${units[0]}'), upper('${units[1]}'), upper('${units[2]}')"; fi
echo "vehicles the unit member sees: $(run_sql "SELECT COUNT(*) FROM Vehicles WHERE TenantId = '$tenant' AND OrganizationUnitId IN ($in_units);")"
first_page="$(curl -fs -H "Cookie: $member_cookie" "$base/api/app/vehicles?take=50" | python3 -c 'import json, sys; print(len(json.load(sys.stdin)["items"]))')"
echo "vehicles on the member's first page: $first_page"
for path in "${member_paths[@]}"; do
    wrk -t2 -c16 -d10s -H "Cookie: $member_cookie" "$base$path" >/dev/null
done

for path in "${member_paths[@]}"; do
    echo "== GET $path (unit member)"
    wrk -t2 -c16 -d"${seconds}s" -H "Cookie: $member_cookie" "$base$path" | grep -E "Requests/sec|Latency|Non-2xx"
done
