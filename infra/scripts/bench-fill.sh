#!/usr/bin/env bash
# The fill of an empty read store (issue 30, item 4) beside the machine's read ceiling, in one run: the platform's
# first start (its schema and reference data), Thanh Hóa's generated history (BENCH_PRESET, ~700 000 events), a JDBC
# read + Jackson parse of every stored event (the ceiling), then the read models emptied and the platform started on
# them: it fills them at start with the rebuild's fold (README, "Rebuilding the read models"), timed from the fill's
# mark until the read models hold the last event. Then the rebuild while serving (POST /api/read-models/rebuild) of
# that store as a platform that had applied every event live would hold it: each event's applied time kept
# (read_model_applied, 50 ms after its stamp), which the rebuilt versions take. Last, the write ceiling: the rows the
# read models then hold, written again by PostgreSQL alone (COPY into empty tables of the same shape, on two
# connections as the fill writes them). About five minutes.
#
# Usage: infra/scripts/bench-fill.sh
#   BENCH_PRESET (thanh-hoa), BENCH_HEAP (1g), BENCH_JFR=true (a flight recording of the fill, 256 frames deep),
#   BENCH_APP_JAR (another build), BENCH_SKIP_BUILD=true, BENCH_DB (bench_fill; dropped and created anew)
set -euo pipefail
cd "$(dirname "$0")/../.."
export AXONIQ_UPDATE_CHECKER_DISABLED=true
HEAP=${BENCH_HEAP:-1g}
DB=${BENCH_DB:-bench_fill}
PRESET=${BENCH_PRESET:-thanh-hoa}
DATA=${BENCH_DATA:-$(cd .. && pwd)/shared/data}
WORK_PREFIX=cds-bench-fill
source infra/scripts/bench-lib.sh

bench_setup
say "the platform's first start: schema and reference data / khởi động lần đầu"
start_platform first
stop_platform
say "history generator: $PRESET / sinh lịch sử"
tool generate --preset="$PRESET" --data="$DATA"
say "ceiling: sequential JDBC read + Jackson parse of every stored event / trần đọc"
tool read-ceiling
say "the fill at start of the emptied read models / điền mô hình đọc khi khởi động"
tool reset-read-models
jfr=
[ "${BENCH_JFR:-false}" = true ] && jfr="-XX:FlightRecorderOptions=stackdepth=256 -XX:StartFlightRecording=filename=$WORK/fill.jfr,settings=profile"
JAVA_TOOL_OPTIONS="$jfr" start_platform fill
tool wait-caught-up --since="$launched_ms" --timeout=1800
grep -h "Read models filled at start" "$WORK/platform-fill.log" || true
say "the rebuild while serving, every event's applied time kept / dựng lại trong khi phục vụ"
psql -X -q -d "$DB" -c "insert into read_model_applied (event_id, applied_at)
    select eventidentifier, cast(timestamp as timestamptz) + interval '50 milliseconds' from domainevententry
    on conflict (event_id) do nothing"
tool rebuild-online --base="$BASE" --key="$WORK/issuer.key"
stop_platform
say "ceiling: the read models' rows written again by PostgreSQL alone (COPY, two connections) / trần ghi"
tool write-ceiling --dir="$WORK"

say "results / kết quả ($WORK)"
awk -F= '{ v[$1] = $2 } END {
  printf "fill at start: %.0f events/s (%d events) against the read ceiling %.0f events/s: %.1f %%\n",
    v["rebuild.rate"], v["rebuild.events"], v["read.rate"], 100 * v["rebuild.rate"] / v["read.rate"]
  printf "rebuild while serving: %.0f events/s (%.1f s to the switch): %.1f %%\n",
    v["rebuild.online.rate"], v["rebuild.online.seconds"], 100 * v["rebuild.online.rate"] / v["read.rate"]
  printf "write ceiling: PostgreSQL alone writing the %d rows of the read models, %.0f events/s: the fill at %.1f %%, the rebuild at %.1f %% of it\n",
    v["write.rows"], v["write.rate"], 100 * v["rebuild.rate"] / v["write.rate"], 100 * v["rebuild.online.rate"] / v["write.rate"] }' "$RESULTS" \
  | tee "$WORK/summary.txt"
if [ -f "$WORK/fill.jfr" ]; then echo "flight recording: $WORK/fill.jfr"; fi
