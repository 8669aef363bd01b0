#!/usr/bin/env bash
# Measures how long the standalone platform takes from `java -jar` on an empty data folder until the province
# dashboard for 2023 shows the 27 districts, 559 communes and the target of 132, and the demo card is readable.
# Usage: infra/scripts/bench-startup.sh [runs]   (builds the jar first if it is missing)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3}
jar=app/target/cds-platform.jar
[ -f "$jar" ] || ./mvnw -q -DskipTests package
port=${PORT:-18080}
for run in $(seq 1 "$runs"); do
  dir=$(mktemp -d)
  start=$(date +%s.%N)
  java -jar "$jar" --server.port="$port" --cds.data-dir="$dir" > "$dir/log" 2>&1 &
  pid=$!
  until curl -sf -u bcd.tinh:demo-bcd-2026 "localhost:$port/api/province/dashboard?year=2023" 2>/dev/null \
      | grep -q '"districts":27,"communes":559.*"target":132'; do
    kill -0 $pid 2>/dev/null || { echo "the platform stopped; see $dir/log" >&2; exit 1; }
    sleep 0.1
  done
  until curl -sf -u xa.canhnang:demo-xa-2026 "localhost:$port/api/communes/14923/assessments/2022" >/dev/null 2>&1; do sleep 0.1; done
  end=$(date +%s.%N)
  printf 'run %d: ready in %.1f s\n' "$run" "$(echo "$end - $start" | bc)"
  kill $pid; wait $pid 2>/dev/null || true
  rm -rf "$dir"
done
