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
WORK_PREFIX=cds-bench-evidence
source infra/scripts/bench-lib.sh
bench_setup

say "ceiling: the disk's own write speed / trần ghi của ổ đĩa"
data_dir=$(psql -X -t -A -d postgres -c 'show data_directory' 2> /dev/null || echo /tmp)
target_dir=$data_dir; [ -w "$target_dir" ] || target_dir=$WORK
ceiling=$(dd if=/dev/zero of="$target_dir/cds-bench-ceiling" bs=1M count=1024 conv=fdatasync 2>&1 | awk '/copied/ {print $(NF-1), $NF}')
rm -f "$target_dir/cds-bench-ceiling"
echo "dd, 1 GiB written and flushed: $ceiling"
put ceiling.dd "$ceiling"

say "platform / nền tảng (-Xmx$HEAP)"
start_platform evidence
jstat -gc "$app_pid" 1000 > "$WORK/heap.txt" 2> /dev/null &
jstat_pid=$!
java -jar "$BENCH_JAR" commands --register=true --db="$URL" --results="$RESULTS" --base="$BASE" --key="$WORK/issuer.key" \
  --year="$YEAR" --communes="$COMMUNES" --clients=8

say "uploads / tải lên: $CLIENTS clients, $FILE_KIB KiB files, ${SECONDS_} s; then one ${BIG_MIB} MiB file"
java -jar "$BENCH_JAR" evidence --db="$URL" --results="$RESULTS" --base="$BASE" --key="$WORK/issuer.key" --year="$YEAR" \
  --communes="$COMMUNES" --clients="$CLIENTS" --bytes=$((FILE_KIB * 1024)) --seconds="$SECONDS_" --big-mb="$BIG_MIB"
sleep 2
kill "$jstat_pid" 2> /dev/null || true; jstat_pid=
put heap.max-used-mb "$(heap_peak "$WORK/heap.txt")"
put heap.max-old-mb "$(old_peak "$WORK/heap.txt")"
kept=$(psql -X -t -A -d "$DB" -c "select count(*) || ' files, ' || round(coalesce(sum(size), 0) / 1048576.0) || ' MiB' from evidence_file")
put kept "$kept"
say "results / kết quả ($WORK)"
cat "$RESULTS"
