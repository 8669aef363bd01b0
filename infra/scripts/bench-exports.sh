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
DATA=${BENCH_DATA:-$(cd .. && pwd)/shared/data}
WORK_PREFIX=cds-bench-exports
source infra/scripts/bench-lib.sh
sql() { psql -X -q -t -A -v ON_ERROR_STOP=1 -d "$DB" -c "$1"; }
# the median of a column of seconds
median() { sort -n | awk '{ v[NR] = $1 } END { printf "%.3f", v[int((NR + 1) / 2)] }'; }

bench_setup
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
