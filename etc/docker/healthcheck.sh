#!/bin/bash
# Container health check of the AutoTracker web app: exits 0 when GET /health on the app's own HTTP port
# returns status 200, and 1 otherwise (connection refused, another status, no response within 5 seconds).
#
# bash opens the TCP connection itself through /dev/tcp, because the aspnet image has no curl or wget.
# The request is HTTP/1.0 without a Host header. Kestrel accepts that, and ASP.NET Core's host filtering lets a
# request without Host through (HostFilteringOptions.AllowEmptyHosts defaults to true), so the check passes
# whatever AllowedHosts is set to. A Host of localhost would be rejected once AllowedHosts names the public host.
set -u

# ASPNETCORE_HTTP_PORTS may list several ports separated by semicolons; the first one is checked.
port="${ASPNETCORE_HTTP_PORTS:-8080}"
port="${port%%;*}"

if ! exec 3<>"/dev/tcp/127.0.0.1/${port}"; then
    echo "Health check failed: cannot connect to 127.0.0.1:${port}." >&2
    exit 1
fi

printf 'GET /health HTTP/1.0\r\n\r\n' >&3
status_line=""
if ! IFS= read -r -t 5 status_line <&3; then
    echo "Health check failed: no response from 127.0.0.1:${port} within 5 seconds." >&2
    exit 1
fi

status_line="${status_line%$'\r'}"
case "$status_line" in
    "HTTP/1.1 200 "* | "HTTP/1.0 200 "*)
        exit 0
        ;;
esac

echo "Health check failed: GET /health returned '${status_line}'." >&2
exit 1
