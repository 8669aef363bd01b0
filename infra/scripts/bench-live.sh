#!/usr/bin/env bash
# The live pages only (issue 30, item 5), in one run on one machine, in about five minutes: the platform in the
# production profile on PostgreSQL, RS256 bearer tokens, BENCH_COMMUNES communes registered on BENCH_YEAR; then
#   (c) a steady BENCH_RATE (50) indicator updates a second (open loop) for BENCH_LIVE_SECONDS (30): from each command's
#       2xx to the change on a committee member's stream, to the province dashboard that stream follows holding it
#       (its 'view' message: the page shows it without fetching), and to a commune officer's own stream;
#   (d) meanwhile BENCH_VIEWERS (50) viewers each reloading the province (then the district) dashboard every second,
#       and then GET /api/me the same way: the floor any dashboard's latency is compared with;
#   (d) saturated: wrk, 50 connections in a closed loop, on the province dashboard and on the cheapest authenticated
#       endpoint (GET /api/me), one after the other.
# bench.sh measures the same within its whole run.
#
# Usage: infra/scripts/bench-live.sh
#   BENCH_COMMUNES (100), BENCH_YEAR (2024), BENCH_RATE (50), BENCH_VIEWERS (50), BENCH_LIVE_SECONDS (30),
#   BENCH_SATURATE_SECONDS (10), BENCH_HEAP (1g), BENCH_DB (bench_live; dropped and created anew),
#   BENCH_SKIP_BUILD=true, BENCH_JFR=true (a flight recording 256 frames deep)
set -euo pipefail
cd "$(dirname "$0")/../.."
export AXONIQ_UPDATE_CHECKER_DISABLED=true
COMMUNES=${BENCH_COMMUNES:-100}
YEAR=${BENCH_YEAR:-2024}
RATE=${BENCH_RATE:-50}
VIEWERS=${BENCH_VIEWERS:-50}
LIVE_SECONDS=${BENCH_LIVE_SECONDS:-30}
DASHBOARD_YEAR=$YEAR
HEAP=${BENCH_HEAP:-1g}
DB=${BENCH_DB:-bench_live}
WORK_PREFIX=cds-bench-live
source infra/scripts/bench-lib.sh
load() { tool "$1" --base="$BASE" --key="$WORK/issuer.key" --year="$YEAR" --communes="$COMMUNES" "${@:2}"; }

bench_setup
put meta.mode live
put meta.rate "$RATE"
put meta.sizes "$COMMUNES communes on $YEAR, $RATE commands/s and $VIEWERS viewers for $LIVE_SECONDS s, -Xmx$HEAP"
[ "${BENCH_JFR:-false}" = true ] && export JAVA_TOOL_OPTIONS="-XX:FlightRecorderOptions=stackdepth=256 -XX:StartFlightRecording=filename=$WORK/platform.jfr,settings=profile"
start_platform live
unset JAVA_TOOL_OPTIONS

say "the communes register, and a first history of updates (the JIT warms up) / đăng ký, cập nhật ban đầu"
load commands --register=true --clients=8 > /dev/null
load commands --clients=8 --seconds=20 --label=warm-up --results=/dev/null > /dev/null
tool wait-caught-up --timeout=600 --results=/dev/null > /dev/null

live_pages
# the floor of (d): the cheapest authenticated endpoint read by as many viewers under the same commands
say "(d) floor: $VIEWERS viewers of GET /api/me while (c) / mức sàn"
tool wait-caught-up --timeout=600 --results=/dev/null > /dev/null
load live --rate="$RATE" --seconds="$LIVE_SECONDS" --viewers="$VIEWERS" --dashboard=me --dashboard-year="$YEAR" --label=me
stop_platform

say "results / kết quả ($WORK)"
tool report | grep -E '^\| \((c|d)\)|^\| hạng|^\| ---|^Tải|^mode' | tee "$WORK/summary.txt"
