#!/usr/bin/env bash
# Evidence uploads (issue 28), in one run on one machine: the disk's own write ceiling (dd, 1 GiB flushed to disk, on
# the disk PostgreSQL writes to) beside uploads of 2 MiB files from 20 concurrent clients through the HTTP API
# (production profile `postgres`, RS256 bearer tokens, every file different so each is hashed, checked by Tika and
# kept), then one 50 MiB file alone, the platform's heap sampled all along (jstat every second) with a small -Xmx.
#
# Usage: infra/scripts/bench-evidence.sh
#   BENCH_CLIENTS (20), BENCH_FILE_KIB (2048), BENCH_SECONDS (20), BENCH_BIG_MIB (50), BENCH_HEAP (384m),
#   BENCH_COMMUNES (40), BENCH_DB (bench_evidence; dropped and created anew), BENCH_SKIP_BUILD=true
set -euo pipefail
cd "$(dirname "$0")/../.."
export AXONIQ_UPDATE_CHECKER_DISABLED=true
CLIENTS=${BENCH_CLIENTS:-20}
FILE_KIB=${BENCH_FILE_KIB:-2048}
SECONDS_=${BENCH_SECONDS:-20}
BIG_MIB=${BENCH_BIG_MIB:-50}
HEAP=${BENCH_HEAP:-384m}
COMMUNES=${BENCH_COMMUNES:-40}
YEAR=2024
DB=${BENCH_DB:-bench_evidence}
case "$DB" in bench*) ;; *) echo "BENCH_DB must start with 'bench' (a scratch database this script drops)" >&2; exit 2 ;; esac
PGHOST=127.0.0.1; PGUSER=${CDS_DB_USER:-postgres}; export PGHOST PGUSER
URL="jdbc:postgresql://127.0.0.1:5432/$DB"
WORK=$(mktemp -d /tmp/cds-bench-evidence.XXXXXX)
RESULTS=$WORK/results.properties
APP_JAR=app/target/cds-platform.jar
BENCH_JAR=bench/target/cds-bench-exec.jar
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE=http://127.0.0.1:$PORT
app_pid=; jstat_pid=
say() { printf '\n== %s  [%s]\n' "$*" "$(date +%H:%M:%S)"; }
put() { echo "$1=$2" >> "$RESULTS"; }
cleanup() {
  [ -n "$jstat_pid" ] && kill "$jstat_pid" 2> /dev/null || true
  [ -n "$app_pid" ] && kill "$app_pid" 2> /dev/null && wait "$app_pid" 2> /dev/null || true
  psql -X -q -d postgres -c "drop database if exists $DB" 2> /dev/null || true
}
trap cleanup EXIT

say "build / dựng gói"
if [ "${BENCH_SKIP_BUILD:-false}" != true ]; then
  ./mvnw -o -B -ntp -q package -DskipTests || ./mvnw -B -ntp -q package -DskipTests
fi
bash infra/scripts/ensure-postgres.sh > /dev/null
psql -X -q -d postgres -c "drop database if exists $DB" -c "create database $DB"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/issuer.key" 2> /dev/null
openssl pkey -in "$WORK/issuer.key" -pubout -out "$WORK/issuer.pub"
put meta.date "$(date +%d/%m/%Y)"
put meta.machine "$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load average at start $(cut -d' ' -f1-3 /proc/loadavg)"

say "ceiling: the disk's own write speed / trần ghi của ổ đĩa"
data_dir=$(psql -X -t -A -d postgres -c 'show data_directory' 2> /dev/null || echo /tmp)
target_dir=$data_dir; [ -w "$target_dir" ] || target_dir=$WORK
ceiling=$(dd if=/dev/zero of="$target_dir/cds-bench-ceiling" bs=1M count=1024 conv=fdatasync 2>&1 | awk '/copied/ {print $(NF-1), $NF}')
rm -f "$target_dir/cds-bench-ceiling"
echo "dd, 1 GiB written and flushed: $ceiling"
put ceiling.dd "$ceiling"

say "platform / nền tảng (-Xmx$HEAP)"
SPRING_PROFILES_ACTIVE=postgres CDS_DB_URL="$URL" \
SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION="file:$WORK/issuer.pub" \
  java -Xmx"$HEAP" -jar "$APP_JAR" --server.port="$PORT" > "$WORK/platform.log" 2>&1 &
app_pid=$!
until curl -sf "$BASE/actuator/health/readiness" > /dev/null 2>&1; do
  kill -0 "$app_pid" 2> /dev/null || { echo "the platform stopped; see $WORK/platform.log" >&2; exit 1; }
  sleep 0.5
done
jstat -gc "$app_pid" 1000 > "$WORK/heap.txt" 2> /dev/null &
jstat_pid=$!
java -jar "$BENCH_JAR" commands --register=true --db="$URL" --results="$RESULTS" --base="$BASE" --key="$WORK/issuer.key" \
  --year="$YEAR" --communes="$COMMUNES" --clients=8

say "uploads / tải lên: $CLIENTS clients, $FILE_KIB KiB files, ${SECONDS_} s; then one ${BIG_MIB} MiB file"
java -jar "$BENCH_JAR" evidence --db="$URL" --results="$RESULTS" --base="$BASE" --key="$WORK/issuer.key" --year="$YEAR" \
  --communes="$COMMUNES" --clients="$CLIENTS" --bytes=$((FILE_KIB * 1024)) --seconds="$SECONDS_" --big-mb="$BIG_MIB"
sleep 2
kill "$jstat_pid" 2> /dev/null || true; jstat_pid=
awk 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
     { used = $col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"]; if (used > u) u = used; if ($col["OU"] > o) o = $col["OU"] }
     END { printf "heap.max-used-mb=%.1f\nheap.max-old-mb=%.1f\n", u / 1024, o / 1024 }' "$WORK/heap.txt" >> "$RESULTS"
kept=$(psql -X -t -A -d "$DB" -c "select count(*) || ' files, ' || round(coalesce(sum(size), 0) / 1048576.0) || ' MiB' from evidence_file")
put kept "$kept"
say "results / kết quả ($WORK)"
cat "$RESULTS"
