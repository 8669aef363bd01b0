#!/usr/bin/env bash
# Makes sure PostgreSQL answers on 127.0.0.1:5432 before the tests that need it: starts the local cluster when it is
# down (the machines this project runs on have PostgreSQL installed but may not have it running).
set -euo pipefail
host=${CDS_PG_HOST:-127.0.0.1}
port=${CDS_PG_PORT:-5432}

ready() { pg_isready -q -h "$host" -p "$port" 2>/dev/null; }

if ready; then
  exit 0
fi
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "PostgreSQL is not running on $host:$port and pg_ctlcluster is not installed (apt-get install postgresql)." >&2
  exit 1
fi
version=$(ls /etc/postgresql | sort -V | tail -n 1)
echo "Starting PostgreSQL $version (cluster main)…"
pg_ctlcluster --skip-systemctl-redirect "$version" main start || pg_ctlcluster "$version" main start
for _ in $(seq 1 30); do
  ready && exit 0
  sleep 1
done
echo "PostgreSQL did not come up on $host:$port." >&2
exit 1
