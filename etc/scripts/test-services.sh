#!/usr/bin/env bash
# Installs (Debian packages, as root) and starts the servers the tests need, MariaDB and Redis, on 127.0.0.1
# only, with their data in a folder of their own. The stop command stops them again by PID.
#
#   etc/scripts/test-services.sh start DIR   prints the environment the tests read, as "export NAME=value" lines
#   etc/scripts/test-services.sh stop DIR
#
# Ports: AUTOTRACKER_TEST_MYSQL_PORT (default 13306) and AUTOTRACKER_TEST_REDIS_PORT (default 16379), chosen
# away from the servers' usual ports so that a developer's own instances are never touched.
set -euo pipefail

command="${1:-}"
dir="${2:-}"
if [ -z "$command" ] || [ -z "$dir" ]; then
    echo "Usage: $0 start|stop DIR" >&2
    exit 2
fi

mysql_port="${AUTOTRACKER_TEST_MYSQL_PORT:-13306}"
redis_port="${AUTOTRACKER_TEST_REDIS_PORT:-16379}"
test_user="autotracker_test"

install_packages() {
    local missing=()
    command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || missing+=(mariadb-server)
    command -v mariadb >/dev/null 2>&1 || missing+=(mariadb-client)
    command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
    if [ "${#missing[@]}" -gt 0 ]; then
        if [ "$(id -u)" -ne 0 ]; then
            echo "Missing packages: ${missing[*]}. Install them with apt-get (as root) and run again." >&2
            exit 2
        fi
        echo "Installing ${missing[*]} from Debian's packages" >&2
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
}

wait_for() {
    local what="$1"
    shift
    for _ in $(seq 1 100); do
        if "$@" >/dev/null 2>&1; then
            return 0
        fi
        sleep 0.2
    done
    echo "$what did not start; see the logs in $dir." >&2
    return 1
}

start() {
    install_packages
    mkdir -p "$dir"
    dir="$(cd "$dir" && pwd)"
    local mariadbd
    mariadbd="$(command -v mariadbd || echo /usr/sbin/mariadbd)"
    local password
    password="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"

    if [ ! -d "$dir/mysql-data/mysql" ]; then
        mariadb-install-db --user="$(id -un)" --datadir="$dir/mysql-data" --auth-root-authentication-method=socket \
            --skip-test-db >"$dir/mysql-install.log" 2>&1
    fi
    "$mariadbd" --no-defaults --user="$(id -un)" --datadir="$dir/mysql-data" --bind-address=127.0.0.1 \
        --port="$mysql_port" --socket="$dir/mysqld.sock" --pid-file="$dir/mysqld.pid" \
        --log-error="$dir/mysql-error.log" --skip-name-resolve --character-set-server=utf8mb4 \
        --collation-server=utf8mb4_unicode_ci --innodb-buffer-pool-size=256M --innodb-flush-log-at-trx-commit=2 \
        --max-connections=500 >/dev/null 2>&1 &
    wait_for MariaDB mariadb-admin --socket="$dir/mysqld.sock" -uroot ping

    # The tests create and drop a database of their own for each test class, so the user gets those rights on
    # databases named at_* only. The reader user may only read them, for tests of a tenant database whose user
    # cannot create tables.
    mariadb --socket="$dir/mysqld.sock" -uroot <<SQL
CREATE USER IF NOT EXISTS '$test_user'@'127.0.0.1' IDENTIFIED BY '$password';
ALTER USER '$test_user'@'127.0.0.1' IDENTIFIED BY '$password';
GRANT ALL PRIVILEGES ON \`at\\_%\`.* TO '$test_user'@'127.0.0.1';
CREATE USER IF NOT EXISTS '${test_user}_reader'@'127.0.0.1' IDENTIFIED BY '$password';
ALTER USER '${test_user}_reader'@'127.0.0.1' IDENTIFIED BY '$password';
GRANT SELECT ON \`at\\_%\`.* TO '${test_user}_reader'@'127.0.0.1';
SQL

    redis-server --bind 127.0.0.1 --port "$redis_port" --daemonize yes --save '' --appendonly no \
        --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >/dev/null
    wait_for Redis redis-cli -h 127.0.0.1 -p "$redis_port" ping

    echo "export AUTOTRACKER_TEST_MYSQL='Server=127.0.0.1;Port=$mysql_port;User ID=$test_user;Password=$password;SslMode=Disabled'"
    echo "export AUTOTRACKER_TEST_MYSQL_READER='Server=127.0.0.1;Port=$mysql_port;User ID=${test_user}_reader;Password=$password;SslMode=Disabled'"
    echo "export AUTOTRACKER_TEST_REDIS='127.0.0.1:$redis_port'"
}

stop_pid_file() {
    local file="$1"
    [ -f "$file" ] || return 0
    local pid
    pid="$(cat "$file")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.2
    done
    kill -9 "$pid" 2>/dev/null || true
}

stop() {
    stop_pid_file "$dir/redis.pid"
    stop_pid_file "$dir/mysqld.pid"
}

case "$command" in
    start) start ;;
    stop) stop ;;
    *)
        echo "Unknown command $command; use start or stop." >&2
        exit 2
        ;;
esac
