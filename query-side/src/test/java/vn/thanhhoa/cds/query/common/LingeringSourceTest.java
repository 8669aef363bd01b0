package vn.thanhhoa.cds.query.common;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The read side's batches wait a little for the events that follow their first, and no longer. */
class LingeringSourceTest {
    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();

    @AfterEach
    void stop() {
        store.shutDown();
    }

    @Test
    void anEventWrittenWhileTheBatchLingersJoinsIt() throws Exception {
        try (BlockingStream<TrackedEventMessage<?>> stream = new LingeringSource(store, Duration.ofSeconds(5)).openStream(null)) {
            store.publish(GenericEventMessage.asEventMessage("first"));
            assertThat(stream.hasNextAvailable(1, TimeUnit.SECONDS)).isTrue();
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("first");
            // the next event comes a moment after the batch's first was taken: the batch waits for it
            CompletableFuture<Void> later = CompletableFuture.runAsync(() -> {
                sleep(200);
                store.publish(GenericEventMessage.asEventMessage("second"));
            });
            // as Axon's tracking processor looks for the batch's next event
            assertThat(stream.peek().map(event -> (Object) event.getPayload())).contains("second");
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("second");
            later.get();
        }
    }

    @Test
    void aBatchLingersNoLongerThanItsDeadline() throws Exception {
        try (BlockingStream<TrackedEventMessage<?>> stream = new LingeringSource(store, Duration.ofSeconds(2)).openStream(null)) {
            store.publish(GenericEventMessage.asEventMessage("alone"));
            assertThat(stream.hasNextAvailable(1, TimeUnit.SECONDS)).isTrue();
            stream.nextAvailable();
            long began = System.nanoTime();
            assertThat(stream.peek()).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - began)).isBetween(Duration.ofMillis(1900), Duration.ofSeconds(10));
            // the batch is over: looked at again before a next batch begins, and asked whether it has caught up,
            // the stream answers at once
            began = System.nanoTime();
            assertThat(stream.peek()).isEmpty();
            assertThat(stream.hasNextAvailable()).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void withoutLingerTheStoresOwnStreamIsRead() {
        try (BlockingStream<TrackedEventMessage<?>> stream = new LingeringSource(store, Duration.ZERO).openStream(null)) {
            store.publish(GenericEventMessage.asEventMessage("one"));
            assertThat(stream.getClass().getName()).doesNotContain("Lingering");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
