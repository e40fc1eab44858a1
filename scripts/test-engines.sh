#!/usr/bin/env bash
# Starts the engines the tests run against, each in a folder of its own on a free loopback port,
# unless the environment already points at one:
#   EXCHANGE_POSTGRES  a PostgreSQL connection string (a superuser: the tests create databases)
#   EXCHANGE_REDIS     a StackExchange.Redis connection string
# Source it ("source scripts/test-engines.sh"); it exports both and stops what it started on exit.
# PostgreSQL refuses to run as root, so as root it runs as the postgres user.

engines_dir=$(mktemp -d /tmp/exchange-engines.XXXXXX)
chmod 755 "$engines_dir"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

as_postgres() {
    if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "$1"; else bash -c "$1"; fi
}

start_postgres() {
    local bin port
    bin=$(dirname "$(dpkg -L postgresql-15 2>/dev/null | grep '/bin/initdb$' | head -1)")
    [ -x "$bin/initdb" ] || bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | tail -1)")
    [ -x "$bin/initdb" ] || { echo "PostgreSQL's initdb was not found (install the postgresql package)."; return 1; }
    port=$(free_port)
    mkdir -p "$engines_dir/postgres"
    [ "$(id -u)" -eq 0 ] && chown postgres "$engines_dir/postgres"
    as_postgres "'$bin/initdb' -D '$engines_dir/postgres/data' -A trust -U exchange >'$engines_dir/postgres/initdb.log' 2>&1 &&
        '$bin/pg_ctl' -D '$engines_dir/postgres/data' -w -l '$engines_dir/postgres/log' \
            -o \"-p $port -k '$engines_dir/postgres' -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300\" start >/dev/null" \
        || { echo "PostgreSQL did not start:"; cat "$engines_dir/postgres/"*.log "$engines_dir/postgres/log" 2>/dev/null | tail -20; return 1; }
    engines_pg_ctl="$bin/pg_ctl"
    export EXCHANGE_POSTGRES="Host=127.0.0.1;Port=$port;Username=exchange;Database=postgres"
}

start_redis() {
    local port
    command -v redis-server >/dev/null || { echo "redis-server was not found (install the redis-server package)."; return 1; }
    port=$(free_port)
    redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
        --pidfile "$engines_dir/redis.pid" --logfile "$engines_dir/redis.log" >/dev/null || return 1
    export EXCHANGE_REDIS="127.0.0.1:$port"
}

stop_engines() {
    [ -n "${engines_pg_ctl:-}" ] && as_postgres "'$engines_pg_ctl' -D '$engines_dir/postgres/data' -m immediate stop >/dev/null 2>&1"
    [ -f "$engines_dir/redis.pid" ] && kill "$(cat "$engines_dir/redis.pid")" 2>/dev/null
    rm -rf "$engines_dir"
}
trap stop_engines EXIT

[ -n "${EXCHANGE_POSTGRES:-}" ] || start_postgres || return 1 2>/dev/null || exit 1
[ -n "${EXCHANGE_REDIS:-}" ] || start_redis || return 1 2>/dev/null || exit 1
echo "PostgreSQL: $EXCHANGE_POSTGRES"
echo "Redis: $EXCHANGE_REDIS"
