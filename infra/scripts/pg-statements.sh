#!/usr/bin/env bash
# Loads PostgreSQL's pg_stat_statements (shared_preload_libraries, then a restart of the local cluster) so that the
# benchmarks count the statements a command costs. It changes the server's configuration: run it on a machine whose
# PostgreSQL serves only this project. Undo: psql -c "alter system reset shared_preload_libraries", then restart.
set -euo pipefail
export PGHOST=127.0.0.1 PGUSER=${CDS_DB_USER:-postgres}
if psql -X -t -A -d postgres -c "show shared_preload_libraries" | grep -q pg_stat_statements; then
  echo "pg_stat_statements is loaded"; exit 0
fi
psql -X -q -d postgres -c "alter system set shared_preload_libraries = 'pg_stat_statements'"
version=$(ls /etc/postgresql | sort -V | tail -n 1)
pg_ctlcluster --skip-systemctl-redirect "$version" main restart || pg_ctlcluster "$version" main restart
until pg_isready -q -h 127.0.0.1; do sleep 0.5; done
psql -X -t -A -d postgres -c "show shared_preload_libraries"
