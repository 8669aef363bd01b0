#!/usr/bin/env bash
# A real single-node Apache Kafka broker on loopback, in KRaft mode (one process, broker and controller), from the
# Kafka jars on Maven Central: this kind of machine has no Docker and reaches no download site but Maven Central.
#
#   infra/scripts/kafka.sh start      # fetches the jars once (infra/kafka/pom.xml), formats the storage, starts
#   infra/scripts/kafka.sh status     # running or not, and where
#   infra/scripts/kafka.sh stop
#   infra/scripts/kafka.sh topics --list   # Kafka's own topic tool against this broker (any of its options)
#
# Environment: KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093), KAFKA_DATA (./data/kafka: the log, the pid file and
# the broker's own output). The broker keeps what it is given for ever by default (log.retention.ms=-1): the topics
# of the platform are its published history, read again from offset 0 by a query role that rebuilds.
set -euo pipefail
cd "$(dirname "$0")/../.."

PORT=${KAFKA_PORT:-9092}
CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-9093}
DATA=${KAFKA_DATA:-$PWD/data/kafka}
LIBS=infra/kafka/target/libs
PID_FILE=$DATA/kafka.pid

running() { [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2> /dev/null; }

libs() {
  if [ ! -f "$LIBS/.complete" ]; then
    echo "Fetching the Kafka jars from Maven Central (once)…"
    ./mvnw -B -ntp -q -f infra/kafka/pom.xml dependency:copy-dependencies -DoutputDirectory="$PWD/$LIBS" -DincludeScope=runtime
    touch "$LIBS/.complete"
  fi
}

# the tools say only what matters: their own output, and warnings
kafka_java() { java -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$LIBS/*" "$@"; }

start() {
  if running; then
    echo "Kafka already runs (pid $(cat "$PID_FILE")) on 127.0.0.1:$PORT"
    return
  fi
  libs
  mkdir -p "$DATA/log"
  cat > "$DATA/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$DATA/log
num.partitions=6
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
log.retention.ms=-1
auto.create.topics.enable=false
EOF
  if [ ! -f "$DATA/log/meta.properties" ]; then
    cluster=$(kafka_java kafka.tools.StorageTool random-uuid 2> /dev/null | tail -n 1)
    kafka_java kafka.tools.StorageTool format --cluster-id "$cluster" --config "$DATA/server.properties" > "$DATA/format.out" 2>&1 \
      || { cat "$DATA/format.out" >&2; exit 1; }
  fi
  nohup java -Xmx512m -cp "$LIBS/*" kafka.Kafka "$DATA/server.properties" > "$DATA/kafka.out" 2>&1 &
  echo $! > "$PID_FILE"
  for _ in $(seq 1 60); do
    if (exec 3<> "/dev/tcp/127.0.0.1/$PORT") 2> /dev/null; then
      echo "Kafka runs (pid $(cat "$PID_FILE")) on 127.0.0.1:$PORT; data and output in $DATA"
      return
    fi
    running || { echo "Kafka stopped while starting; see $DATA/kafka.out" >&2; tail -n 20 "$DATA/kafka.out" >&2; exit 1; }
    sleep 1
  done
  echo "Kafka did not answer on 127.0.0.1:$PORT within 60 s; see $DATA/kafka.out" >&2
  exit 1
}

stop() {
  if running; then
    pid=$(cat "$PID_FILE")
    kill "$pid"
    for _ in $(seq 1 30); do
      kill -0 "$pid" 2> /dev/null || break
      sleep 1
    done
    kill -0 "$pid" 2> /dev/null && kill -9 "$pid"
    echo "Kafka stopped"
  else
    echo "Kafka was not running"
  fi
  rm -f "$PID_FILE"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if running; then echo "running (pid $(cat "$PID_FILE")) on 127.0.0.1:$PORT"; else echo "stopped"; exit 3; fi ;;
  topics) shift; libs; kafka_java org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$PORT" "$@" ;;
  *) echo "usage: $0 start|stop|status|topics [options of kafka-topics]" >&2; exit 2 ;;
esac
