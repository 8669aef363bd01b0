#!/usr/bin/env bash
# Exports (issue 29), in one run on one machine: the year's recognised list as open data (CSV, JSON), the province
# dashboard as Excel and the meeting report as PDF, each fetched through the HTTP API (production profile `postgres`,
# an RS256 bearer token), timed, with the platform's heap sampled all along (jstat every second, a small -Xmx) —
# beside the machine's own ceiling in the same run: the same recognised rows read from PostgreSQL by psql.
#
# The history is the generator's: by default every pre-reform commune of the country for one year (preset `national`,
# four rounds of updates), registered, appraised and — those that pass — recognised; the read side catches up before the
# exports are fetched.
#
# Usage: infra/scripts/bench-exports.sh
#   BENCH_PRESET (national; or thanh-hoa), BENCH_YEAR (2024), BENCH_ROUNDS (4), BENCH_REPEAT (5, each export),
#   BENCH_HEAP (512m), BENCH_DB (bench_exports; dropped and created anew), BENCH_SKIP_BUILD=true
set -euo pipefail
cd "$(dirname "$0")/../.."
export AXONIQ_UPDATE_CHECKER_DISABLED=true
PRESET=${BENCH_PRESET:-national}
YEAR=${BENCH_YEAR:-2024}
ROUNDS=${BENCH_ROUNDS:-4}
REPEAT=${BENCH_REPEAT:-5}
HEAP=${BENCH_HEAP:-512m}
DB=${BENCH_DB:-bench_exports}
case "$DB" in bench*) ;; *) echo "BENCH_DB must start with 'bench' (a scratch database this script drops)" >&2; exit 2 ;; esac
PGHOST=127.0.0.1; PGUSER=${CDS_DB_USER:-postgres}; export PGHOST PGUSER
URL="jdbc:postgresql://127.0.0.1:5432/$DB"
DATA=${BENCH_DATA:-$(cd .. && pwd)/shared/data}
WORK=$(mktemp -d /tmp/cds-bench-exports.XXXXXX)
RESULTS=$WORK/results.properties
APP_JAR=app/target/cds-platform.jar
BENCH_JAR=bench/target/cds-bench-exec.jar
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE=http://127.0.0.1:$PORT
app_pid=; jstat_pid=
say() { printf '\n== %s  [%s]\n' "$*" "$(date +%H:%M:%S)"; }
put() { echo "$1=$2" >> "$RESULTS"; }
tool() { java -Xmx1g -jar "$BENCH_JAR" "$1" --db="$URL" --results="$RESULTS" "${@:2}"; }
sql() { psql -X -q -t -A -v ON_ERROR_STOP=1 -d "$DB" -c "$1"; }
start_platform() {
  launched_ms=$(date +%s%3N)
  SPRING_PROFILES_ACTIVE=postgres CDS_DB_URL="$URL" \
  SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION="file:$WORK/issuer.pub" \
    java -Xmx"$HEAP" -jar "$APP_JAR" --server.port="$PORT" > "$WORK/platform-$1.log" 2>&1 &
  app_pid=$!
  until curl -sf "$BASE/actuator/health/readiness" > /dev/null 2>&1; do
    kill -0 "$app_pid" 2> /dev/null || { echo "the platform stopped; see $WORK/platform-$1.log" >&2; exit 1; }
    sleep 0.5
  done
}
stop_platform() {
  [ -n "$jstat_pid" ] && kill "$jstat_pid" 2> /dev/null || true; jstat_pid=
  [ -n "$app_pid" ] && kill "$app_pid" 2> /dev/null && wait "$app_pid" 2> /dev/null || true; app_pid=
}
cleanup() {
  stop_platform
  [ "${BENCH_KEEP_DB:-false}" = true ] || psql -X -q -d postgres -c "drop database if exists $DB" 2> /dev/null || true
}
trap cleanup EXIT
# the largest heap in use (young + old) over the lines of a jstat log from line $2 on
heap_peak() {
  awk -v from="$2" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next } NR >= from {
       used = $col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"]; if (used > u) u = used }
       END { printf "%.1f", u / 1024 }' "$1"
}
# each run's seconds, sorted; the median and the fastest
median() { sort -n | awk '{ v[NR] = $1 } END { printf "%.3f", v[int((NR + 1) / 2)] }'; }

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
put meta.sizes "preset $PRESET, year $YEAR, $ROUNDS rounds, each export fetched $REPEAT times, platform -Xmx$HEAP"

say "platform, first start: reference data / khởi động lần đầu"
start_platform first
stop_platform
say "history / sinh lịch sử: preset $PRESET, $YEAR"
tool generate --preset="$PRESET" --years="$YEAR" --rounds="$ROUNDS" --data="$DATA"
say "platform, the read models built from the history / nền tảng, dựng mô hình đọc"
tool reset-read-models  # from an empty read side the platform folds the history in bulk, not event by event
start_platform exports
tool wait-caught-up --since="$launched_ms" --timeout=3600 --key=catch-up
rows=$(sql "select count(*) from q_assessment where year = $YEAR and stage = 'RECOGNISED'")
echo "recognised communes in $YEAR: $rows"
put rows.recognised "$rows"
put rows.assessments "$(sql "select count(*) from q_assessment where year = $YEAR")"
# the heap as the exports find it: after a full collection, then sampled every 250 ms while they run
jcmd "$app_pid" GC.run > /dev/null
jstat -gc "$app_pid" 250 > "$WORK/heap.txt" 2> /dev/null &
jstat_pid=$!
sleep 2
put heap.before-exports-mb "$(heap_peak "$WORK/heap.txt" 2)"
idle_lines=$(wc -l < "$WORK/heap.txt")

say "ceiling: the same rows read from PostgreSQL, in one psql session / trần: đọc cùng các dòng"
# the query's own time as psql reports it (\timing): sent, run, every row received — no process start, no connection
{
  echo '\timing on'
  for _ in $(seq "$REPEAT"); do
    echo "copy (select assessment_id, commune_id, commune_code, recognition_decision, recognition_date, recognised_at,
      appraised_points from q_assessment where year = $YEAR and stage = 'RECOGNISED' order by commune_code, commune_id)
      to stdout with csv;"
  done
} | psql -X -q -d "$DB" 2>&1 | awk '/^Time: / { printf "%.4f\n", $2 / 1000 }' | median > "$WORK/ceiling.s"
put ceiling.psql-s "$(cat "$WORK/ceiling.s")"
echo "psql, $rows rows: median $(cat "$WORK/ceiling.s") s"

token=$(java -jar "$BENCH_JAR" token --key="$WORK/issuer.key" --subject=bcd.tinh --role=STEERING)  # the committee
fetch() { # name, path
  local code size
  for _ in $(seq "$REPEAT"); do
    read -r code seconds size < <(curl -s -o "$WORK/$1.out" -H "Authorization: Bearer $token" \
      -w '%{http_code} %{time_total} %{size_download}\n' "$BASE$2")
    [ "$code" = 200 ] || { echo "$1: $code $(head -c 300 "$WORK/$1.out")" >&2; echo "$1.status=$code" >> "$RESULTS"; return 0; }
    echo "$seconds" >> "$WORK/$1.times"
    echo "$size" > "$WORK/$1.size"
  done
  put "export.$1.median-s" "$(median < "$WORK/$1.times")"
  put "export.$1.bytes" "$(cat "$WORK/$1.size")"
  echo "$1: median $(median < "$WORK/$1.times") s, $(cat "$WORK/$1.size") bytes"
}
say "exports / xuất tệp ($REPEAT times each)"
fetch recognised-csv "/api/open-data/recognised?year=$YEAR&format=csv"
fetch recognised-json "/api/open-data/recognised?year=$YEAR&format=json"
fetch scores-csv "/api/open-data/scores?year=$YEAR&format=csv"
fetch dashboard-xlsx "/api/province/dashboard.xlsx?year=$YEAR"
fetch dashboard-pdf "/api/province/dashboard.pdf?year=$YEAR"
sleep 2
put heap.during-exports-max-mb "$(heap_peak "$WORK/heap.txt" "$((idle_lines + 1))")"
say "results / kết quả ($WORK)"
cat "$RESULTS"
