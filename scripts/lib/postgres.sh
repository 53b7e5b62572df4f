#!/usr/bin/env bash
# Starts the local PostgreSQL 15 cluster on 127.0.0.1:5432 and creates the test role and database
# used by tests/Monitor.Store.Tests (role monitor / password monitor, database monitor_test).
# Idempotent: safe to run any number of times. Needs root (uses pg_ctlcluster and runs psql as postgres).
set -euo pipefail

PG_VERSION="${PG_VERSION:-15}"
PG_CLUSTER="${PG_CLUSTER:-main}"
PG_ROLE="${MONITOR_PG_ROLE:-monitor}"
PG_PASSWORD="${MONITOR_PG_PASSWORD:-monitor}"
PG_DATABASE="${MONITOR_PG_DATABASE:-monitor_test}"

if ! pg_lsclusters --no-header 2>/dev/null | awk '{print $1" "$2}' | grep -qx "${PG_VERSION} ${PG_CLUSTER}"; then
  pg_createcluster "${PG_VERSION}" "${PG_CLUSTER}"
fi

# Listen on loopback only; password (scram) auth over TCP is the Debian default in pg_hba.conf.
conf_dir="/etc/postgresql/${PG_VERSION}/${PG_CLUSTER}/conf.d"
mkdir -p "${conf_dir}"
printf "listen_addresses = '127.0.0.1'\nport = 5432\n" > "${conf_dir}/monitor.conf"

if ! pg_lsclusters --no-header | awk -v v="${PG_VERSION}" -v c="${PG_CLUSTER}" '$1==v && $2==c {print $4}' | grep -qx online; then
  pg_ctlcluster "${PG_VERSION}" "${PG_CLUSTER}" start
fi

# Wait until the server accepts connections (up to 30 s).
for _ in $(seq 1 60); do
  if su postgres -c "pg_isready -q -h 127.0.0.1 -p 5432"; then break; fi
  sleep 0.5
done
su postgres -c "pg_isready -h 127.0.0.1 -p 5432"

psql_admin() { su postgres -c "psql -v ON_ERROR_STOP=1 -qtAX $*"; }

if [ "$(psql_admin "-c \"SELECT 1 FROM pg_roles WHERE rolname = '${PG_ROLE}'\"")" != "1" ]; then
  psql_admin "-c \"CREATE ROLE ${PG_ROLE} LOGIN CREATEDB PASSWORD '${PG_PASSWORD}'\""
else
  psql_admin "-c \"ALTER ROLE ${PG_ROLE} LOGIN CREATEDB PASSWORD '${PG_PASSWORD}'\""
fi

if [ "$(psql_admin "-c \"SELECT 1 FROM pg_database WHERE datname = '${PG_DATABASE}'\"")" != "1" ]; then
  psql_admin "-c \"CREATE DATABASE ${PG_DATABASE} OWNER ${PG_ROLE}\""
fi

echo "PostgreSQL ready: Host=127.0.0.1;Port=5432;Username=${PG_ROLE};Password=***;Database=${PG_DATABASE}"
