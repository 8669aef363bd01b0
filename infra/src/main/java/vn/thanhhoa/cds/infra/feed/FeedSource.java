package vn.thanhhoa.cds.infra.feed;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The event feed read back into a query role: the topic's records as the event messages the store's own stream would
 * give, upcast and deserialised by the same serializer, for the same tracking processors and the same projections.
 * A record is a CloudEvent ({@link FeedFormat}) whose extensions give the event message its metadata (correlation and
 * trace ids, Idempotency-Key) as the store holds it; a record the feed wrote before CloudEvents, with {@code cds-}
 * headers and no metadata, is read too: the topic keeps those for ever, at its start.
 * <p>
 * The topic has one partition: the order of its records is the order in which the publisher read the store, the
 * order every processor of the standalone platform sees — a commune's assessment after its framework and its map.
 * The processor's position is a {@link FeedToken}, committed by Axon's token store with the read models' changes in
 * one transaction; Kafka's consumer groups and offset commits are not used.
 * <p>
 * The publisher sends at least once: after a failure it sends again the batch the broker had not acknowledged (one
 * batch of its processor: at most 100 events). A record whose event id appeared within the previous {@code duplicateWindow}
 * records is skipped, so an event delivered twice changes nothing. When a stream opens at a position, it first reads
 * the window before it to learn those ids again.
 */
public class FeedSource implements StreamableMessageSource<TrackedEventMessage<?>> {
    private static final Logger log = LoggerFactory.getLogger(FeedSource.class);
    private static final byte[] NO_METADATA = "{}".getBytes(StandardCharsets.UTF_8);

    private final Map<String, Object> consumerSettings;
    private final String topic;
    private final Serializer serializer;
    private final Supplier<EventUpcaster> upcasters;
    private final int duplicateWindow;

    public FeedSource(String servers, String topic, Serializer serializer, Supplier<EventUpcaster> upcasters, int duplicateWindow) {
        this.topic = topic;
        this.serializer = serializer;
        this.upcasters = upcasters;
        this.duplicateWindow = duplicateWindow;
        this.consumerSettings = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ConsumerConfig.CLIENT_ID_CONFIG, "cds-feed-reader",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500,
                ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
    }

    @Override
    public Reading openStream(TrackingToken token) {
        return new FeedStream(FeedToken.of(WrappedToken.unwrapLowerBound(token)));
    }

    @Override
    public TrackingToken createTailToken() {
        return null;
    }

    /** At the topic's last record; the global index it carried is not read (-1 until the next record). */
    @Override
    public TrackingToken createHeadToken() {
        long last = lastOffset();
        return last < 0 ? null : new FeedToken(last, -1);
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            TopicPartition partition = partition(consumer);
            OffsetAndTimestamp found = consumer.offsetsForTimes(Map.of(partition, dateTime.toEpochMilli())).get(partition);
            long next = found != null ? found.offset() : consumer.endOffsets(List.of(partition)).get(partition);
            return next == 0 ? null : new FeedToken(next - 1, -1);
        }
    }

    /** The offset of the topic's last record (-1 when it is empty): how far a processor can read now. */
    public long lastOffset() {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            TopicPartition partition = partition(consumer);
            return consumer.endOffsets(List.of(partition)).get(partition) - 1;
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(consumerSettings, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** The topic's partition; a topic of several would lose the store's order across streams, so it is refused. */
    private TopicPartition partition(KafkaConsumer<String, byte[]> consumer) {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(15));
        if (partitions == null || partitions.isEmpty()) {
            throw new IllegalStateException("the event feed's topic " + topic + " does not exist (yet): start the command role first");
        }
        if (partitions.size() != 1) {
            throw new IllegalStateException("the event feed's topic " + topic + " has " + partitions.size()
                    + " partitions; a query role needs the store's one order, so the topic must have one partition");
        }
        return new TopicPartition(topic, 0);
    }

    /** Whether a header's text fits the store's columns of the same name (255 characters). */
    private static boolean fits(String text) {
        return text == null || text.length() <= 255;
    }

    /** A reading of the feed, which can tell how far it has read, the records it skipped included. */
    public interface Reading extends BlockingStream<TrackedEventMessage<?>> {
        /** The offset of the last record taken from the topic (-1 before the first). */
        long readUpTo();
    }

    /** One processor's reading of the topic, from a position. Used by that processor's thread only. */
    private final class FeedStream implements Reading {
        private final KafkaConsumer<String, byte[]> consumer = consumer();
        private final TopicPartition partition;
        private final ArrayDeque<TrackedEventMessage<?>> ready = new ArrayDeque<>();
        private final Set<String> recentIds = new LinkedHashSet<>();
        private long globalIndex;
        private boolean closed;

        FeedStream(FeedToken from) {
            try {
                partition = partition(consumer);
                consumer.assign(List.of(partition));
                globalIndex = from == null ? -1 : from.globalIndex();
                if (from == null) {
                    consumer.seekToBeginning(List.of(partition));
                } else {
                    learnRecentIds(from.offset() + 1);
                }
            } catch (RuntimeException e) {
                consumer.close(Duration.ZERO);
                throw e;
            }
        }

        /** Reads the window of records before {@code next} for their ids only, then stands at {@code next}. */
        private void learnRecentIds(long next) {
            consumer.seek(partition, Math.max(0, next - duplicateWindow));
            while (consumer.position(partition) < next) {
                var records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty() && consumer.position(partition) < next) {
                    long end = consumer.endOffsets(List.of(partition)).get(partition);
                    if (end < next) {
                        throw new IllegalStateException("the event feed's topic " + topic + " ends at offset " + end
                                + " but this read store has read up to " + (next - 1) + ": it was fed by another topic");
                    }
                }
                for (ConsumerRecord<String, byte[]> record : records) {
                    if (record.offset() < next) {
                        remember(FeedFormat.eventId(record));
                    }
                }
            }
            consumer.seek(partition, next);
        }

        private boolean remember(String eventId) {
            if (eventId == null) {
                return true;
            }
            boolean fresh = recentIds.add(eventId);
            if (recentIds.size() > duplicateWindow) {
                var oldest = recentIds.iterator();
                oldest.next();
                oldest.remove();
            }
            return fresh;
        }

        @Override
        public synchronized Optional<TrackedEventMessage<?>> peek() {
            if (ready.isEmpty()) {
                fill(Duration.ZERO);
            }
            return Optional.ofNullable(ready.peek());
        }

        @Override
        public synchronized boolean hasNextAvailable(int timeout, TimeUnit unit) {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (ready.isEmpty() && !closed) {
                long left = deadline - System.nanoTime();
                fill(Duration.ofNanos(Math.max(0, Math.min(left, TimeUnit.MILLISECONDS.toNanos(500)))));
                if (left <= 0) {
                    break;
                }
            }
            return !ready.isEmpty();
        }

        @Override
        public synchronized TrackedEventMessage<?> nextAvailable() {
            while (ready.isEmpty() && !closed) {
                fill(Duration.ofMillis(500));
            }
            if (ready.isEmpty()) {
                throw new IllegalStateException("the event feed's stream is closed");
            }
            return ready.poll();
        }

        private void fill(Duration wait) {
            if (closed) {
                return;
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(wait)) {
                String eventId = FeedFormat.eventId(record);
                if (!remember(eventId)) {
                    log.debug("Skipped event {} at offset {}: delivered before", eventId, record.offset());
                    continue;
                }
                FeedFormat.Published published = FeedFormat.read(record);
                globalIndex = Math.max(globalIndex, published.globalIndex());
                message(record, published, new FeedToken(record.offset(), globalIndex)).ifPresent(ready::add);
            }
        }

        /**
         * A record as the store's stream would give its event: upcast to today's revision, deserialised when read — so
         * a payload no class can read fails in the projections, which dead-letter it. Nothing a record holds may stop
         * the stream: the processor would retry it for ever, and every query role would stand still on it.
         */
        private Optional<TrackedEventMessage<?>> message(ConsumerRecord<String, byte[]> record, FeedFormat.Published published,
                                                         FeedToken token) {
            String eventId = published.eventId();
            String aggregateType = published.aggregateType();
            String type = published.payloadType();
            String revision = published.revision();
            boolean platforms = eventId != null && type != null && published.time() != null
                    && fits(eventId) && fits(type) && fits(revision) && fits(aggregateType) && fits(record.key());
            byte[] metaData = NO_METADATA;
            if (!platforms) {
                // not one of the platform's events (it names no id, known type or time, or more than the store's
                // columns hold): given to the processors as an event of no known type, which no projection takes
                log.warn("The record at offset {} of {} is not one of the platform's events", record.offset(), topic);
                eventId = topic + "@" + record.offset();
                type = "unknown";
                revision = null;
                aggregateType = null;
            } else if (!published.metaData().isEmpty()) {
                metaData = serializer.serialize(MetaData.from(published.metaData()), byte[].class).getData();
            }
            var data = new GenericDomainEventEntry<>(aggregateType, aggregateType == null ? null : record.key(),
                    published.sequence(), eventId,
                    published.time() != null ? published.time() : Instant.ofEpochMilli(record.timestamp()), type, revision,
                    record.value() == null ? new byte[0] : record.value(), metaData);
            try {
                return read(token, data, upcasters.get()); // an upcaster may drop an event
            } catch (RuntimeException upcasting) {
                log.warn("The record at offset {} of {} could not be upcast; it is given as it is", record.offset(), topic, upcasting);
                try {
                    return read(token, data, NoOpEventUpcaster.INSTANCE);
                } catch (RuntimeException unreadable) {
                    log.error("The record at offset {} of {} cannot be read at all; it is passed over", record.offset(), topic, unreadable);
                    return Optional.empty();
                }
            }
        }

        private Optional<TrackedEventMessage<?>> read(FeedToken token, GenericDomainEventEntry<byte[]> data, EventUpcaster upcaster) {
            return EventUtils.upcastAndDeserializeTrackedEvents(Stream.of(new TrackedDomainEventData<>(token, data)),
                    serializer, upcaster).findFirst();
        }

        @Override
        public synchronized long readUpTo() {
            return consumer.position(partition) - 1;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                consumer.close(Duration.ofSeconds(5));
            }
        }
    }
}
