package vn.thanhhoa.cds.query.common;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The event store as the read side's processors read it: once a batch has its first event, the processor waits a
 * little ({@code linger}, 20 ms) for the next ones before it applies the batch, instead of applying each event alone
 * as it comes.
 * <p>
 * Why: a batch costs its transaction, its token, and one statement a table for all its events (ReadBatch); at a
 * steady few hundred commands a second each event came alone, and that cost was paid an event — most of what the
 * read side cost beyond the plain service's one-row projection. A backlog (a replay, a burst) is taken at once, as
 * before: the wait is only for events not written yet, and at most {@code linger} a batch, so a change reaches the
 * pages at most that much later.
 */
public final class LingeringSource implements StreamableMessageSource<TrackedEventMessage<?>> {
    private final StreamableMessageSource<TrackedEventMessage<?>> source;
    private final long lingerNanos;

    public LingeringSource(StreamableMessageSource<TrackedEventMessage<?>> source, Duration linger) {
        this.source = source;
        this.lingerNanos = linger.toNanos();
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(token);
        return lingerNanos <= 0 ? stream : new Lingering(stream, lingerNanos);
    }

    @Override
    public TrackingToken createTailToken() {
        return source.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return source.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return source.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return source.createTokenSince(duration);
    }

    /**
     * Axon's tracking processor (4.13) waits for a batch's first event with {@link #hasNextAvailable(int, TimeUnit)},
     * then takes the next ones while {@link #peek()} shows one: that look waits until the batch's deadline for an
     * event not there yet. Asked whether anything is available ({@link #hasNextAvailable()}, whether it has caught
     * up), the stream answers at once.
     */
    private static final class Lingering implements BlockingStream<TrackedEventMessage<?>> {
        private final BlockingStream<TrackedEventMessage<?>> stream;
        private final long lingerNanos;
        private long deadline;
        private boolean lingering;

        Lingering(BlockingStream<TrackedEventMessage<?>> stream, long lingerNanos) {
            this.stream = stream;
            this.lingerNanos = lingerNanos;
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            boolean available = stream.hasNextAvailable(timeout, unit);
            if (available) {
                lingering = true;
                deadline = System.nanoTime() + lingerNanos;
            }
            return available;
        }

        @Override
        public boolean hasNextAvailable() {
            return stream.hasNextAvailable();
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            Optional<TrackedEventMessage<?>> next = stream.peek();
            if (next.isPresent() || !lingering) {
                return next;
            }
            long left = deadline - System.nanoTime();
            try {
                if (left > 0 && stream.hasNextAvailable((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)),
                        TimeUnit.MILLISECONDS)) {
                    return stream.peek();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            lingering = false;
            return next;
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return stream.nextAvailable();
        }

        @Override
        public void close() {
            stream.close();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            stream.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            return stream.setOnAvailableCallback(callback);
        }
    }
}
