#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests (issue 16, team mode): initdb into a temp
# folder as the unprivileged `postgres` user, listening on 127.0.0.1 only, with a
# self-signed certificate for the TLS tests; over TCP a password is asked (scram-sha-256).
# Autovacuum is off: its workers run as the superuser, and a test's `drop database … with (force)`
# (an unprivileged role) may not end them. fsync is off: this cluster is thrown away.
#
#   scripts/pg-test-cluster.sh start   prints `export RC_TEST_PG=… RC_TEST_PG_CA=… RC_TEST_PG_DIR=…`
#   scripts/pg-test-cluster.sh stop DIR
#
# Debian puts initdb/pg_ctl under /usr/lib/postgresql/<major>/bin, not on PATH.
set -euo pipefail
port=${RC_TEST_PG_PORT:-54329}
# The first free port from there: another cluster (a second checkout's tests) may hold one.
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$pgbin" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
# initdb refuses to run as root: root runs the cluster as Debian's `postgres` user, anyone else as themselves.
as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi; }

case "${1:-}" in
  start)
    dir=$(mktemp -d /tmp/rc-pg.XXXXXX)
    chmod 755 "$dir"
    openssl req -new -x509 -days 2 -nodes -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
      -keyout "$dir/tls.key" -out "$dir/tls.crt" >/dev/null 2>&1
    chmod 600 "$dir/tls.key"; chmod 644 "$dir/tls.crt"
    [ "$(id -u)" != 0 ] || chown -R postgres:postgres "$dir"
    as_postgres "$pgbin/initdb -D $dir/db -U postgres --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 -N >$dir/initdb.log 2>&1"
    as_postgres "$pgbin/pg_ctl -D $dir/db -l $dir/server.log -w -t 60 start -o \"-k $dir -h 127.0.0.1 -p $port \
      -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c autovacuum=off \
      -c ssl=on -c ssl_cert_file=$dir/tls.crt -c ssl_key_file=$dir/tls.key\"" >/dev/null
    # The admin over the folder's socket (trust); the tests over TCP with a password (scram).
    as_postgres "$pgbin/psql -h $dir -p $port -U postgres -d postgres -v ON_ERROR_STOP=1 -qc \"create role reseller login createdb password 'test-only'\"" >/dev/null
    echo "export RC_TEST_PG=postgresql://reseller:test-only@127.0.0.1:$port/postgres RC_TEST_PG_CA=$dir/tls.crt RC_TEST_PG_DIR=$dir"
    ;;
  stop)
    dir=${2:?the folder start made}
    as_postgres "$pgbin/pg_ctl -D $dir/db -m fast -w stop" >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
esac
