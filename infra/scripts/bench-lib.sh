# What the benchmark scripts (bench.sh, bench-commands.sh, bench-live.sh, bench-evidence.sh, bench-exports.sh) share: sourced by them
# after they set DB (a scratch database, dropped and created anew), HEAP and the name of their run folder in
# WORK_PREFIX. Defines the run's folder and results, the bench tools, a platform on a free port in the production
# profile (bench.sh keeps its own, recorded and sampled), the plain Spring + Axon service of issue 30, and the set-up
# every run starts with (the jars built, PostgreSQL up, the database fresh, the token issuer's key pair, the machine
# noted). BENCH_JVM_OPTIONS: options for both servers alike (e.g. a G1 pause goal, -XX:MaxGCPauseMillis=20).
case "$DB" in bench*) ;; *) echo "BENCH_DB must start with 'bench' (a scratch database this script drops)" >&2; exit 2 ;; esac
PGHOST=127.0.0.1; PGUSER=${CDS_DB_USER:-postgres}; export PGHOST PGUSER
URL="jdbc:postgresql://127.0.0.1:5432/$DB"
WORK=$(mktemp -d "/tmp/$WORK_PREFIX.XXXXXX")
RESULTS=$WORK/results.properties
APP_JAR=${BENCH_APP_JAR:-app/target/cds-platform.jar}  # another build to compare with: BENCH_APP_JAR
BENCH_JAR=bench/target/cds-bench-exec.jar
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PORT=$(free_port)
BASE=http://127.0.0.1:$PORT
app_pid=; jstat_pid=
say() { printf '\n== %s  [%s]\n' "$*" "$(date +%H:%M:%S)"; }
put() { echo "$1=$2" >> "$RESULTS"; }
tool() { java -Xmx1g -jar "$BENCH_JAR" "$1" --db="$URL" --results="$RESULTS" "${@:2}"; }  # later options win
wait_ready() { # base URL, pid, what it is, its log
  until curl -sf "$1/actuator/health/readiness" > /dev/null 2>&1; do
    kill -0 "$2" 2> /dev/null || { echo "$3 stopped; see $4" >&2; exit 1; }
    sleep 0.5
  done
}

# the platform in the production profile on the run's database, trusting the run's token issuer; $1 names its log
start_platform() {
  launched_ms=$(date +%s%3N)
  SPRING_PROFILES_ACTIVE=postgres CDS_DB_URL="$URL" \
  SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION="file:$WORK/issuer.pub" \
    java -Xmx"$HEAP" ${BENCH_JVM_OPTIONS:-} -jar "$APP_JAR" --server.port="$PORT" > "$WORK/platform-$1.log" 2>&1 &
  app_pid=$!
  wait_ready "$BASE" "$app_pid" "the platform" "$WORK/platform-$1.log"
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
# the plain Spring + Axon service of the comparison (issue 30), on a database of its own
plain_pid=
start_plain() { # $1 names its log and recording (plain)
  PLAIN_PORT=$(free_port); PLAIN_BASE=http://127.0.0.1:$PLAIN_PORT
  local jfr=
  [ "${BENCH_JFR:-false}" = true ] && jfr=1
  SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/${DB}_plain" \
  SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION="file:$WORK/issuer.pub" \
    java -Xmx"$HEAP" ${BENCH_JVM_OPTIONS:-} ${jfr:+-XX:FlightRecorderOptions=stackdepth=256} ${jfr:+"-XX:StartFlightRecording=filename=$WORK/${1:-plain}.jfr,settings=profile"} \
    -jar "$BENCH_JAR" plain-service --server.port="$PLAIN_PORT" > "$WORK/${1:-plain}.log" 2>&1 &
  plain_pid=$!
  wait_ready "$PLAIN_BASE" "$plain_pid" "the plain service" "$WORK/${1:-plain}.log"
  echo "plain service ready on port $PLAIN_PORT (log: $WORK/${1:-plain}.log)"
}
stop_plain() {
  if [ -n "$plain_pid" ]; then kill "$plain_pid" 2> /dev/null || true; wait "$plain_pid" 2> /dev/null || true; fi
  plain_pid=
}
# the largest heap in use (young + old generation), in MB, over the lines of a jstat -gc log from line $2 on
heap_peak() {
  awk -v from="${2:-2}" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next } NR >= from {
       used = $col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"]; if (used > u) u = used }
       END { printf "%.1f", u / 1024 }' "$1"
}
# the largest old generation in use, in MB, over a jstat -gc log
old_peak() {
  awk 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next } { if ($col["OU"] > o) o = $col["OU"] }
       END { printf "%.1f", o / 1024 }' "$1"
}

bench_setup() {
  say "build / dựng gói"
  if [ "${BENCH_SKIP_BUILD:-false}" != true ]; then
    ./mvnw -o -B -ntp -q package -DskipTests || ./mvnw -B -ntp -q package -DskipTests
  fi
  bash infra/scripts/ensure-postgres.sh > /dev/null
  psql -X -q -d postgres -c "drop database if exists $DB" -c "create database $DB"
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/issuer.key" 2> /dev/null
  openssl pkey -in "$WORK/issuer.key" -pubout -out "$WORK/issuer.pub"
  put meta.date "$(date +%d/%m/%Y)"
  put meta.machine "$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(psql -X -t -A -d postgres -c 'show server_version' | cut -d' ' -f1) PostgreSQL (fsync $(psql -X -t -A -d postgres -c "show fsync"), synchronous_commit $(psql -X -t -A -d postgres -c "show synchronous_commit")), load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
}

# Saturation (issue 30, item 5): wrk with 50 connections in a closed loop for BENCH_SATURATE_SECONDS (10) on one URL of
# a server, as a steering-committee member (bearer token); its rate, p99 and refusals into the results as sat.$1.*.
# Debian's wrk is installed when missing.
saturate() { # label, URL
  command -v wrk > /dev/null || { ${SUDO-$( [ "$(id -u)" = 0 ] || echo sudo )} apt-get install -y -qq wrk > /dev/null; }
  local token; token=$(java -jar "$BENCH_JAR" token --key="$WORK/issuer.key" --subject=bcd-saturate --role=STEERING)
  wrk -t2 -c50 -d"${BENCH_SATURATE_SECONDS:-10}s" --latency -H "Authorization: Bearer $token" "$2" > "$WORK/wrk-$1.txt"
  put "sat.$1.rate" "$(awk '/^Requests\/sec/ {print $2}' "$WORK/wrk-$1.txt")"
  # wrk prints 99% as 812.00us, 12.34ms or 1.20s: in ms
  put "sat.$1.p99" "$(awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v = v / 1000 }
       else if (v ~ /ms$/) sub(/ms$/, "", v); else { sub(/s$/, "", v); v = v * 1000 } print v }' "$WORK/wrk-$1.txt")"
  put "sat.$1.refused" "$(awk '/Non-2xx or 3xx/ {print $NF; f = 1} END { if (!f) print 0 }' "$WORK/wrk-$1.txt")"
  echo "$1 ($2): $(awk '/^Requests\/sec/ {print $2}' "$WORK/wrk-$1.txt") requests/s, p99 $(awk '$1 == "99%" {print $2}' "$WORK/wrk-$1.txt")"
}

# (c)+(d) of bench.sh: RATE commands a second for LIVE_SECONDS with VIEWERS viewers of the province, then the district
# dashboard of DASHBOARD_YEAR (bench's `live`, through the caller's load()), then both saturated beside GET /api/me
live_pages() {
  # the live path's code (streams, followed views, patches) compiled first, not measured: before it, the first pass
  # measured the JIT (its p99 two to four times the later passes')
  say "(c)+(d) warm-up, 20 s, not measured / khởi động"
  tool wait-caught-up --timeout=600 --results=/dev/null > /dev/null
  load live --rate="$RATE" --seconds=20 --viewers="$VIEWERS" --dashboard=province --dashboard-year="$DASHBOARD_YEAR" \
    --label=warm-up --results=/dev/null > /dev/null
  for dashboard in province district; do
    say "(c)+(d) $RATE commands/s, freshness on /api/live, $VIEWERS viewers of the $dashboard dashboard"
    # the read models first catch up with the commands before (a queue left by them is not this measurement's)
    tool wait-caught-up --timeout=600 --results=/dev/null > /dev/null
    load live --rate="$RATE" --seconds="$LIVE_SECONDS" --viewers="$VIEWERS" --dashboard="$dashboard" \
      --dashboard-year="$DASHBOARD_YEAR" --label="$dashboard"
  done
  say "(d) saturated: 50 connections, closed loop / bão hòa"
  saturate me "$BASE/api/me"
  saturate province "$BASE/api/province/dashboard?year=$DASHBOARD_YEAR"
}
