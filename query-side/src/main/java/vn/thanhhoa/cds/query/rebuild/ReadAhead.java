package vn.thanhhoa.cds.query.rebuild;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import vn.thanhhoa.cds.infra.feed.FeedSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The {@link Fold}'s reader: a thread of its own reads the stream and deserialises its events, a batch at a time and
 * a few batches ahead, so that the fold's thread only applies them.
 */
final class ReadAhead implements AutoCloseable {
    private static final int BATCH = 500;

    /** What the fold does with each batch, on its own thread, in the stream's order. */
    interface Batches {
        void apply(List<TrackedEventMessage<?>> batch) throws Exception;
    }

    private final ExecutorService reader = Fold.daemon("read-model-rebuild-reader");
    /** What the reader does with a batch before handing it over (the fold: the batch's applied times looked up). */
    private final Batches onRead;

    ReadAhead(Batches onRead) {
        this.onRead = onRead;
    }

    /** The stream after {@code from} up to {@code head}, read on the reader's thread, each batch to {@code batches}. */
    void readUpTo(BlockingStream<TrackedEventMessage<?>> stream, long head, TrackingToken from, Batches batches)
            throws Exception {
        BlockingQueue<List<TrackedEventMessage<?>>> read = new ArrayBlockingQueue<>(4);
        Future<?> reading = reader.submit(() -> {
            readAhead(stream, head, from, read);
            return null;
        });
        try {
            while (true) {
                List<TrackedEventMessage<?>> batch = read.poll(1, TimeUnit.SECONDS);
                if (batch == null) {
                    if (reading.isDone()) {
                        reading.get(); // its failure, if it failed
                    }
                    continue;
                }
                if (batch.isEmpty()) {
                    break;
                }
                batches.apply(batch);
            }
            reading.get();
        } finally {
            reading.cancel(true);
        }
    }

    /** The reading thread: batches of events, deserialised, then an empty batch at the head. */
    private void readAhead(BlockingStream<TrackedEventMessage<?>> stream, long head, TrackingToken from,
                           BlockingQueue<List<TrackedEventMessage<?>>> read) throws Exception {
        List<TrackedEventMessage<?>> batch = new ArrayList<>(BATCH);
        TrackingToken last = from;
        while (!reached(stream, head, last)) {
            if (stream.hasNextAvailable(1, TimeUnit.SECONDS)) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                try {
                    event.getPayload();
                    event.getMetaData();
                } catch (RuntimeException unreadable) {
                    // the projections meet it again, and deal with it as the live processors do
                }
                batch.add(event);
                last = event.trackingToken();
                if (batch.size() < BATCH && stream.hasNextAvailable()) {
                    continue;
                }
            }
            if (!batch.isEmpty()) {
                onRead.apply(batch);
                read.put(batch);
                batch = new ArrayList<>(BATCH);
            }
        }
        if (!batch.isEmpty()) {
            onRead.apply(batch);
            read.put(batch);
        }
        read.put(List.of());
    }

    /**
     * Whether the stream has given every event up to {@code head}. The feed may skip its last records (an event
     * published twice), so there it is where the reading stands.
     */
    private static boolean reached(BlockingStream<TrackedEventMessage<?>> stream, long head, TrackingToken last) {
        if (stream instanceof FeedSource.Reading reading) {
            return reading.readUpTo() >= head && !stream.hasNextAvailable();
        }
        return last == null ? head < 0 : last.position().orElse(0) >= head;
    }

    @Override
    public void close() {
        reader.shutdownNow();
    }
}
