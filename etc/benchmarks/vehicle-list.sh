#!/usr/bin/env bash
# Measures the vehicle list API on a tenant with many vehicles. It starts the Release build on a fresh
# SQLite file on 127.0.0.1, adds VEHICLES rows to the demo tenant with one SQL statement and signs in. Then
# it runs wrk against first, sorted, filtered and deep pages. Needs wrk, sqlite3 and curl (Debian packages).
# Usage: etc/benchmarks/vehicle-list.sh [VEHICLES] [SECONDS]
set -euo pipefail

vehicles="${1:-100000}"
seconds="${2:-10}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d)"
port=5099
base="http://localhost:$port"
password="benchmark-passphrase-2026"

cleanup() {
    if [ -n "${server:-}" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

dotnet build "$root/src/AutoTracker.Web" -c Release -nologo -clp:ErrorsOnly >/dev/null
ASPNETCORE_ENVIRONMENT=Development \
ConnectionStrings__Default="Data Source=$work/bench.db" \
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

tenant="$(sqlite3 "$work/bench.db" "SELECT Id FROM Tenants WHERE NormalizedName = 'DEMO';")"
sqlite3 "$work/bench.db" <<SQL
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $vehicles)
INSERT INTO Vehicles (Id, TenantId, Vin, VinCheck, Make, Model, ModelYear, Plate, UnitNumber, Kind, Status, MeterUnit, ConcurrencyStamp, CreationTime)
SELECT upper(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-a' || substr(h, 18, 3) || '-' || substr(h, 21, 12)),
       '$tenant', NULL, 0,
       CASE i % 5 WHEN 0 THEN 'Ford' WHEN 1 THEN 'Toyota' WHEN 2 THEN 'Honda' WHEN 3 THEN 'Volvo' ELSE 'Iveco' END,
       'Model ' || (i % 40), 1990 + i % 36, 'BN' || i, 'U' || i, i % 2, i % 5, 0,
       lower(hex(randomblob(16))), strftime('%Y-%m-%d %H:%M:%f', '2020-01-01', '+' || i || ' seconds')
FROM (SELECT i, lower(hex(randomblob(16))) AS h FROM n);
ANALYZE;
SQL

jar="$work/cookies.txt"
token="$(curl -fs -c "$jar" -b "$jar" "$base/Account/Login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')"
curl -fs -o /dev/null -c "$jar" -b "$jar" "$base/Account/Login" \
    --data-urlencode "Input.TenantName=demo" --data-urlencode "Input.UserNameOrEmail=admin" \
    --data-urlencode "Input.Password=$password" --data-urlencode "__RequestVerificationToken=$token"
cookie="$(awk '$6 == "__Host-AutoTracker" { print $6 "=" $7 }' "$jar")"
if [ -z "$cookie" ]; then
    echo "Sign-in failed; see $work/server.log" >&2
    exit 1
fi


echo "vehicles in the demo tenant: $(sqlite3 "$work/bench.db" "SELECT COUNT(*) FROM Vehicles WHERE TenantId = '$tenant';")"
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
