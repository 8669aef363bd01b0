#!/usr/bin/env bash
# The province-load benchmark (issue 9), in one run on one PostgreSQL: each platform figure beside the machine's own
# ceiling, measured in the same run, and their ratio.
#
#   (a) pgbench, one event-shaped row per transaction (8 and 32 clients)  vs  indicator updates through the HTTP API
#       (production profile `postgres`, RS256 bearer tokens) with 8 and 32 clients, at the start of a year and after
#       ~400 events per commune; and the same commands, clients, tokens and bodies against the plain Spring + Axon
#       service an engineer would write instead (bench's `plain-service`, its own database; BENCH_PLAIN=false leaves
#       it out), at the start and after as many events per assessment (restarted on them first, as the platform
#       is restarted on its history before its own "after" figures); each with the SQL it cost per command
#       (statements on the command's own path, all statements, commits) when PostgreSQL loads pg_stat_statements
#       (infra/scripts/pg-statements.sh), statement by statement in the run's folder (statements-<label>.txt), and
#       the CPU it cost in the server's JVM and in PostgreSQL (/proc);
#   (b) a sequential JDBC read + Jackson parse of every stored event  vs  a full rebuild of every read model over the
#       same events (the `dashboards` token removed and its tables emptied, the platform started, timed until its
#       committed token reaches the last event), and at the end the rebuild while serving (POST /api/read-models/rebuild);
#   (c) freshness: a command's 2xx -> its server-sent event on /api/live, under a steady 50 commands/s (open loop);
#       -> the province dashboard the stream follows holding it (its 'view' message: the page shows it without a
#       fetch); -> a commune officer's own stream;
#   (d) the province and the district dashboards with 50 viewers each reloading every second (open loop) while (c)
#       runs, against the same dashboard with one viewer and no load; and saturated (wrk, 50 connections, closed
#       loop) beside the cheapest authenticated endpoint (GET /api/me);
#   (e) as many live streams as the platform allows, each a different person, held open: the heap per open stream
#       (after a full collection, before and after) and one change's time from its command's 2xx to each stream;
#   (issue 10) the province and district dashboards as known at past instants (knownAt), one auditor at a time;
#   (c) again through Kafka: commands on a command role, its events through a broker started for the run (KRaft,
#       infra/scripts/kafka.sh) into a query role's own database, the server-sent event and the viewers on the query
#       role (BENCH_KAFKA=false leaves it out).
#
# Usage:
#   infra/scripts/bench.sh                       # quick: ~5-10 minutes
#   BENCH_MODE=thanh-hoa infra/scripts/bench.sh  # first the full 2023-2025 history of Thanh Hóa's 559 communes
#                                                # (~650k events), then the same measurements on 2026's communes
#
# Sizes (environment; defaults of the quick mode, then of thanh-hoa):
#   BENCH_COMMUNES (100; 166)         communes that register for BENCH_YEAR and receive the commands
#   BENCH_YEAR (2024; 2026)           the year the commands go to (the history generator fills 2023-2025)
#   BENCH_DASHBOARD_YEAR (BENCH_YEAR; 2024) the year the viewers look at
#   BENCH_EVENTS_PER_COMMUNE (400)    events per assessment before the second command measurement
#   BENCH_COMMAND_SECONDS (20)        each command measurement (after BENCH_WARMUP (60) s of warm-up for the first of
#                                     a server's runs, 3 s for the next: the JIT compiles, the steady state is measured)
#   BENCH_LIVE_SECONDS (30)           each of (c)+(d) province and (c)+(d) district
#   BENCH_RATE (50), BENCH_VIEWERS (50) commands/s and viewers during (c) and (d)
#   BENCH_STREAMS (2000)              live streams held open during (e) (the platform's cap, cds.live.max-streams)
#   BENCH_PGBENCH_SECONDS (15)        each pgbench run
#   BENCH_REBUILD_TIMEOUT (900; 5400) seconds to wait for the rebuild to catch up (a rebuild stopped there is shown so)
#   BENCH_HEAP (1g)                   the platform's -Xmx
#   BENCH_DB (bench_run)              the scratch database, dropped and created anew (never `test`)
#   BENCH_JFR=true                    record a Java Flight Recording (profile, stacks 256 frames deep) of each platform
#                                     run and of the plain service in the run's folder
#   BENCH_KEEP_DB=true                keep the database afterwards; BENCH_SKIP_BUILD=true uses the jars as they are
# The results are kept in the run's folder (printed at the end): results.properties, platform logs, tool output.
set -euo pipefail
cd "$(dirname "$0")/../.."
export AXONIQ_UPDATE_CHECKER_DISABLED=true

MODE=${BENCH_MODE:-quick}
case "$MODE" in
  quick) d_communes=100; d_year=2024; d_dashboard_year=; d_timeout=900 ;;
  thanh-hoa) d_communes=166; d_year=2026; d_dashboard_year=2024; d_timeout=5400 ;;
  *) echo "BENCH_MODE is quick or thanh-hoa" >&2; exit 2 ;;
esac
COMMUNES=${BENCH_COMMUNES:-$d_communes}
YEAR=${BENCH_YEAR:-$d_year}
DASHBOARD_YEAR=${BENCH_DASHBOARD_YEAR:-${d_dashboard_year:-$YEAR}}
EVENTS_PER_COMMUNE=${BENCH_EVENTS_PER_COMMUNE:-400}
COMMAND_SECONDS=${BENCH_COMMAND_SECONDS:-20}
WARMUP=${BENCH_WARMUP:-60}
LIVE_SECONDS=${BENCH_LIVE_SECONDS:-30}
RATE=${BENCH_RATE:-50}
VIEWERS=${BENCH_VIEWERS:-50}
STREAMS=${BENCH_STREAMS:-2000}
PGBENCH_SECONDS=${BENCH_PGBENCH_SECONDS:-15}
REBUILD_TIMEOUT=${BENCH_REBUILD_TIMEOUT:-$d_timeout}
HEAP=${BENCH_HEAP:-1g}
DB=${BENCH_DB:-bench_run}
DATA=${BENCH_DATA:-$(cd .. && pwd)/shared/data}
WORK_PREFIX=cds-bench
source infra/scripts/bench-lib.sh
load() { tool "$1" --base="$BASE" --key="$WORK/issuer.key" --year="$YEAR" --communes="$COMMUNES" "${@:2}"; }
# command measurements: with the SQL they cost (pg_stat_statements, when PostgreSQL loads it: pg-statements.sh) and the
# CPU, the server's and PostgreSQL's (/proc)
measure() { load commands --statements-db="$DB" --pid="$app_pid" "$@"; }
sql() { psql -X -q -t -A -v ON_ERROR_STOP=1 -d "$DB" -c "$1"; }

start_platform() {
  local log=$WORK/platform-$1.log jfr=
  [ "${BENCH_JFR:-false}" = true ] && jfr=1
  launched_ms=$(date +%s%3N)
  SPRING_PROFILES_ACTIVE=postgres CDS_DB_URL="$URL" \
  SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION="file:$WORK/issuer.pub" \
    java -Xmx"$HEAP" ${jfr:+-XX:FlightRecorderOptions=stackdepth=256} ${jfr:+"-XX:StartFlightRecording=filename=$WORK/platform-$1.jfr,settings=profile"} -jar "$APP_JAR" --server.port="$PORT" > "$log" 2>&1 &
  app_pid=$!
  wait_ready "$BASE" "$app_pid" "the platform" "$log"
  echo "platform ready on port $PORT in $(( ($(date +%s%3N) - launched_ms) )) ms (log: $log)"
  # the heap every 2 s for the whole run (young + old generation in use, and the old generation alone)
  run_name=$1
  jstat -gc "$app_pid" 2000 > "$WORK/heap-$1.txt" 2> /dev/null &
  jstat_pid=$!
}
stop_platform() {
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2> /dev/null; then
    kill "$app_pid"; wait "$app_pid" 2> /dev/null || true
  fi
  if [ -n "${jstat_pid:-}" ]; then
    kill "$jstat_pid" 2> /dev/null || true; wait "$jstat_pid" 2> /dev/null || true
    jstat_pid=
    awk 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
         { used = $col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"]; if (used > u) u = used; if ($col["OU"] > o) o = $col["OU"] }
         END { printf "heap.%s.max-used-mb=%.1f\nheap.%s.max-old-mb=%.1f\nheap.%s.samples=%d\n", run, u / 1024, run, o / 1024, run, NR - 1 }' \
      run="$run_name" "$WORK/heap-$run_name.txt" >> "$RESULTS"
  fi
  app_pid=
}
cleanup() {
  stop_platform
  stop_plain
  stop_roles
  if [ "${BENCH_KEEP_DB:-false}" != true ]; then
    psql -X -q -d postgres -c "drop database if exists $DB" -c "drop database if exists ${DB}_query" \
      -c "drop database if exists ${DB}_plain" 2> /dev/null || true
  fi
}
# the distributed roles for (c) through Kafka: a command role on the benchmark's store, a query role on its own database
role_pids=
start_role() { # name, role, database, port, options of the platform
  local jfr_roles=
  [ "${BENCH_JFR:-false}" = true ] && jfr_roles=1
  CDS_ROLE=$2 CDS_FEED_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT SPRING_PROFILES_ACTIVE=postgres \
  CDS_DB_URL="jdbc:postgresql://127.0.0.1:5432/$3" SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION="file:$WORK/issuer.pub" \
    java -Xmx"$HEAP" ${jfr_roles:+-XX:FlightRecorderOptions=stackdepth=256} ${jfr_roles:+"-XX:StartFlightRecording=filename=$WORK/platform-$1.jfr,settings=profile"} \
    -jar "$APP_JAR" --server.port="$4" "${@:5}" > "$WORK/platform-$1.log" 2>&1 &
  local pid=$!
  role_pids="$role_pids $pid"
  last_role_pid=$pid
  wait_ready "http://127.0.0.1:$4" "$pid" "the $2 role" "$WORK/platform-$1.log"
  echo "$2 role ready on port $4 (log: $WORK/platform-$1.log)"
}
plain_events_per_assessment() {
  psql -X -q -t -A -d "${DB}_plain" -c "select round(count(*)::numeric / greatest(1, count(distinct aggregateidentifier)), 1)
    from domainevententry where aggregateidentifier like '%/$YEAR'"
}
stop_roles() {
  for pid in $role_pids; do kill "$pid" 2> /dev/null || true; wait "$pid" 2> /dev/null || true; done
  role_pids=
  if [ -n "${KAFKA_DATA:-}" ]; then infra/scripts/kafka.sh stop > /dev/null 2>&1 || true; fi
}
# the metrics need an identity: an auditor's bearer token, signed by the key the platforms trust
gauge() { curl -s -H "Authorization: Bearer $(java -jar "$BENCH_JAR" token --key="$WORK/issuer.key")" \
  "http://127.0.0.1:$1/actuator/prometheus" | awk -v name="$2" '$1 == name {print $2}'; }
trap cleanup EXIT
events_per_assessment() {
  sql "select round(count(*)::numeric / greatest(1, (select count(*) from cmd_assessment where year = $YEAR)), 1)
       from domainevententry where aggregateidentifier like '%/$YEAR'"
}

for needed in pgbench psql openssl curl python3; do
  command -v "$needed" > /dev/null || { echo "$needed is missing (pgbench and psql come with Debian's postgresql-15)" >&2; exit 1; }
done

bench_setup
put meta.mode "$MODE"
put meta.rate "$RATE"
put meta.heap "$HEAP"
put meta.sizes "$COMMUNES communes on $YEAR, ~$EVENTS_PER_COMMUNE events/commune, ${COMMAND_SECONDS} s a command run, ${LIVE_SECONDS} s a live run, $RATE commands/s, $VIEWERS viewers, dashboards of $DASHBOARD_YEAR, platform -Xmx$HEAP"

say "(a) ceiling: pgbench, one event-shaped row a transaction / trần ghi của PostgreSQL"
# the event store's own shape: identity key, unique event id, unique (aggregate, sequence)
sql "create table bench_ceiling (
    globalIndex bigint generated by default as identity primary key, eventIdentifier varchar(255) not null unique,
    aggregateIdentifier varchar(255) not null, sequenceNumber bigint not null, type varchar(255),
    timeStamp varchar(255) not null, payloadType varchar(255) not null, payloadRevision varchar(255),
    payload text not null, metaData text, unique (aggregateIdentifier, sequenceNumber));
  create sequence bench_ceiling_seq"
# a stored IndicatorValueReported's payload and metadata (kept in a table: pgbench reads ':name' in a script as a variable)
sql "create table bench_payload as select
  '{\"assessmentId\":\"15280@2020-01-01/2024\",\"indicatorCode\":\"3.2\",\"value\":{\"measure\":\"RATIO\",\"numerator\":4850,\"denominator\":7690},\"evidence\":[{\"number\":\"31/BC-UBND\",\"date\":\"2024-09-20\",\"title\":\"\"}],\"actedBy\":{\"subject\":\"can-bo-15280\",\"role\":\"COMMUNE\",\"unit\":\"15280\",\"at\":\"2026-11-30T00:55:46.392924010Z\"}}'::text as payload,
  '{\"traceId\":\"75c44eb0-db9f-4f79-b9ea-c4b95ef63e84\",\"correlationId\":\"75c44eb0-db9f-4f79-b9ea-c4b95ef63e84\",\"idempotencyKey\":\"bench-0f8c1d2e-4b7a-4d5e-9a1b-3c2d1e0f9a8b\"}'::text as metadata"
cat > "$WORK/insert.sql" <<'SQL'
\set commune random(14755, 16400)
insert into bench_ceiling (eventIdentifier, aggregateIdentifier, sequenceNumber, type, timeStamp, payloadType, payloadRevision, payload, metaData)
select gen_random_uuid()::text, (:commune)::text || '@2020-01-01/2024', nextval('bench_ceiling_seq'), 'CommuneAssessment',
       clock_timestamp()::text, 'vn.thanhhoa.cds.events.assessment.IndicatorValueReported', '1', p.payload, p.metadata
from bench_payload p;
SQL
for clients in 8 32; do
  pgbench -n -M prepared -f "$WORK/insert.sql" -c "$clients" -j 2 -T "$PGBENCH_SECONDS" "$DB" > "$WORK/pgbench-$clients.txt" 2>&1
  tps=$(awk '/^tps = / {print $3; exit}' "$WORK/pgbench-$clients.txt")
  lat=$(awk '/^latency average = / {print $4; exit}' "$WORK/pgbench-$clients.txt")
  echo "pgbench $clients clients: $tps inserts/s, mean latency $lat ms"
  put "pgbench.c$clients.tps" "$tps"; put "pgbench.c$clients.lat" "$lat"
done
sql "drop table bench_ceiling, bench_payload; drop sequence if exists bench_ceiling_seq"

say "platform, first start: reference data / khởi động lần đầu: dữ liệu tham chiếu"
start_platform first
load commands --register=true --clients=8
put cmd.start.events-per-commune "$(events_per_assessment)"
say "(a) commands at the start of the year / lệnh đầu năm"
measure --clients=8 --seconds="$COMMAND_SECONDS" --warmup="$WARMUP" --label=start.c8
measure --clients=32 --seconds="$COMMAND_SECONDS" --label=start.c32 --offset=1000000
stop_platform

if [ "${BENCH_PLAIN:-true}" = true ]; then
  say "(a) the plain Spring + Axon service: the same clients, tokens and bodies / dịch vụ Spring + Axon thông thường"
  psql -X -q -d postgres -c "drop database if exists ${DB}_plain" -c "create database ${DB}_plain"
  start_plain
  plain_load() { tool commands --base="$PLAIN_BASE" --pid="$plain_pid" --key="$WORK/issuer.key" --year="$YEAR" --communes="$COMMUNES" "$@"; }
  plain_load --register=true --clients=8
  put cmd.plain-start.events-per-commune "$(plain_events_per_assessment)"
  plain_load --clients=8 --seconds="$COMMAND_SECONDS" --warmup="$WARMUP" --label=plain-start.c8 --statements-db="${DB}_plain"
  plain_load --clients=32 --seconds="$COMMAND_SECONDS" --label=plain-start.c32 --statements-db="${DB}_plain" --offset=1000000
  # as many updates as the platform's assessments get from the top-up below, sent as commands (the service has no generator)
  fill=$(awk -F= -v n=$((COMMUNES * EVENTS_PER_COMMUNE)) '$1 == "cmd.plain-start.c32.rate" { printf "%d", n / $2 + 5 }' "$RESULTS")
  say "plain service: ~$EVENTS_PER_COMMUNE events per assessment in ${fill} s of commands / bổ sung sự kiện"
  plain_load --clients=32 --seconds="$fill" --warmup=0 --label=plain-fill --offset=4000000
  put cmd.plain-after.events-per-commune "$(plain_events_per_assessment)"
  # restarted on its history, as the platform is before its own "after" figures: both then warm up as long
  stop_plain
  start_plain plain-after
  plain_load --clients=8 --seconds="$COMMAND_SECONDS" --warmup="$WARMUP" --label=plain-after.c8 --statements-db="${DB}_plain" --offset=5000000
  plain_load --clients=32 --seconds="$COMMAND_SECONDS" --label=plain-after.c32 --statements-db="${DB}_plain" --offset=6000000
  stop_plain
fi

if [ "$MODE" = thanh-hoa ]; then
  say "history generator: Thanh Hóa 2023-2025 / sinh lịch sử"
  tool generate --preset=thanh-hoa --data="$DATA"
fi
say "generator: top-up to ~$EVENTS_PER_COMMUNE events per commune on $YEAR / bổ sung cập nhật chỉ tiêu"
tool generate --mode=top-up --year="$YEAR" --events-per-commune="$EVENTS_PER_COMMUNE" --communes="$COMMUNES" --results=/dev/null
echo "events per assessment of $YEAR: $(events_per_assessment)"

say "(b) ceiling: sequential JDBC read + Jackson parse of every stored event / trần đọc"
tool read-ceiling
say "(b) full rebuild of every read model / dựng lại toàn bộ mô hình đọc"
tool reset-read-models
start_platform rebuild
tool wait-caught-up --since="$launched_ms" --timeout="$REBUILD_TIMEOUT"

say "(issue 10) the dashboards of $DASHBOARD_YEAR as known at past instants, one auditor / bảng điều khiển theo thời điểm"
load known-at --dashboard-year="$DASHBOARD_YEAR"

put cmd.after.events-per-commune "$(events_per_assessment)"
say "(a) commands after ~$EVENTS_PER_COMMUNE events per commune / lệnh sau ~400 sự kiện mỗi xã"
measure --clients=8 --seconds="$COMMAND_SECONDS" --warmup="$WARMUP" --label=after.c8 --offset=2000000
measure --clients=32 --seconds="$COMMAND_SECONDS" --label=after.c32 --offset=3000000

live_pages
say "(e) $STREAMS live streams open, one change / $STREAMS luồng trực tiếp, một thay đổi"
tool wait-caught-up --timeout=600 --results=/dev/null > /dev/null
load streams --streams="$STREAMS" --pid="$app_pid"
say "(b) rebuild while serving: new tables, then the switch / dựng lại trong khi vẫn phục vụ"
load rebuild-online
stop_platform
say "(b) ceiling: the read models' rows written again by PostgreSQL alone / trần ghi"
tool write-ceiling --dir="$WORK"

if [ "${BENCH_KAFKA:-true}" = true ]; then
  say "(c) through Kafka: commands on a command role, freshness on a query role / độ tươi qua Kafka"
  KAFKA_PORT=$(free_port); KAFKA_CONTROLLER_PORT=$(free_port); KAFKA_DATA=$WORK/kafka
  export KAFKA_PORT KAFKA_CONTROLLER_PORT KAFKA_DATA
  infra/scripts/kafka.sh start
  psql -X -q -d postgres -c "drop database if exists ${DB}_query" -c "create database ${DB}_query"
  COMMAND_PORT=$(free_port); QUERY_PORT=$(free_port)
  start_role kafka-command command "$DB" "$COMMAND_PORT"
  start_role kafka-query query "${DB}_query" "$QUERY_PORT"
  query_pid=$last_role_pid
  # the whole history goes through the topic into the query role's read store first
  caught_up_since=$(date +%s)
  until [ "$(gauge "$COMMAND_PORT" cds_feed_publisher_lag)" = 0.0 ] \
     && [ "$(gauge "$QUERY_PORT" 'cds_feed_consumer_lag{processor="dashboards"}')" = 0.0 ] \
     && [ "$(gauge "$QUERY_PORT" 'cds_feed_consumer_lag{processor="audit-trail"}')" = 0.0 ]; do
    if [ $(( $(date +%s) - caught_up_since )) -gt "$REBUILD_TIMEOUT" ]; then echo "the query role did not catch up" >&2; exit 1; fi
    sleep 2
  done
  put kafka.catch-up.seconds $(( $(date +%s) - caught_up_since ))
  echo "query role caught up with the topic in $(( $(date +%s) - caught_up_since )) s"
  # two JVMs just started: their compilers warm up first (the standalone platform was warm by now), not measured
  load live --base="http://127.0.0.1:$COMMAND_PORT" --read-base="http://127.0.0.1:$QUERY_PORT" --rate="$RATE" \
    --seconds=60 --viewers="$VIEWERS" --dashboard=province --dashboard-year="$DASHBOARD_YEAR" --label=kafka-warm-up \
    --results=/dev/null > /dev/null
  load live --base="http://127.0.0.1:$COMMAND_PORT" --read-base="http://127.0.0.1:$QUERY_PORT" --rate="$RATE" \
    --seconds="$LIVE_SECONDS" --viewers="$VIEWERS" --dashboard=province --dashboard-year="$DASHBOARD_YEAR" --label=kafka
  # the same with the query role's pages told of changes up to four times a second instead of once (an operator's
  # setting): what the hop through Kafka costs, without most of the wait for the page's next message
  kill "$query_pid"; wait "$query_pid" 2> /dev/null || true
  start_role kafka-query-250 query "${DB}_query" "$QUERY_PORT" --cds.live.min-interval-ms=250
  load live --base="http://127.0.0.1:$COMMAND_PORT" --read-base="http://127.0.0.1:$QUERY_PORT" --rate="$RATE" \
    --seconds=60 --viewers="$VIEWERS" --dashboard=province --dashboard-year="$DASHBOARD_YEAR" --label=kafka-warm-up \
    --results=/dev/null > /dev/null
  load live --base="http://127.0.0.1:$COMMAND_PORT" --read-base="http://127.0.0.1:$QUERY_PORT" --rate="$RATE" \
    --seconds="$LIVE_SECONDS" --viewers="$VIEWERS" --dashboard=province --dashboard-year="$DASHBOARD_YEAR" --label=kafka250
  stop_roles
fi

say "results / kết quả"
tool report
echo "run folder: $WORK"
