#!/bin/sh
# Starts redis-server with its password (REDIS_PASSWORD) in a config file only this user can read,
# not on its command line, which ps shows. Any arguments go to redis-server after the file.
set -eu
: "${REDIS_PASSWORD:?REDIS_PASSWORD is not set}"
umask 077
config=$(mktemp)
printf 'requirepass "%s"\nsave ""\nappendonly no\n' "$REDIS_PASSWORD" > "$config"
exec redis-server "$config" "$@"
