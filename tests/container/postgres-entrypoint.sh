#!/bin/sh
# The compose test's PostgreSQL: Debian 12's postgresql-15, started the way the official image
# is configured (POSTGRES_USER, POSTGRES_PASSWORD, POSTGRES_DB), which no registry here serves.
set -eu
data=/var/lib/postgresql/data
bin=/usr/lib/postgresql/15/bin
if [ ! -s "$data/PG_VERSION" ]; then
    printf '%s\n' "$POSTGRES_PASSWORD" >/tmp/password
    "$bin/initdb" -D "$data" -U "$POSTGRES_USER" --pwfile=/tmp/password --auth=scram-sha-256 >/dev/null
    rm /tmp/password
    echo "host all all 0.0.0.0/0 scram-sha-256" >>"$data/pg_hba.conf"
    "$bin/pg_ctl" -D "$data" -o "-c listen_addresses=''" -w start >/dev/null
    PGPASSWORD=$POSTGRES_PASSWORD "$bin/psql" -h /var/run/postgresql -U "$POSTGRES_USER" -d postgres \
        -qc "CREATE DATABASE \"$POSTGRES_DB\"" 2>/dev/null || true
    "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null
fi
exec "$bin/postgres" -D "$data" -c listen_addresses='*'
