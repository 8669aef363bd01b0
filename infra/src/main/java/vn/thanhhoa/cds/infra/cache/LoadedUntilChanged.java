package vn.thanhhoa.cds.infra.cache;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A value read from tables that only event handlers change (the map, the frameworks): loaded once, kept in memory, and
 * dropped when a handler reports a change — at once and again when its transaction commits, so a load that ran
 * during the transaction (and read the rows as they were) is not kept either. The other nodes on the store hear of the
 * change when the transaction commits ({@link NodeSignals}) and drop what they hold too.
 */
public final class LoadedUntilChanged<T> {
    private record Held<T>(long generation, T value) {
    }

    private final Supplier<T> load;
    private final NodeSignals signals;
    private final String topic;
    private final AtomicLong generation = new AtomicLong();
    private volatile Held<T> held;

    /** @param topic names what {@code load} reads, the same on every node (e.g. {@code command-map}) */
    public LoadedUntilChanged(NodeSignals signals, String topic, Supplier<T> load) {
        this.load = load;
        this.signals = signals;
        this.topic = topic;
        signals.listen(topic, detail -> generation.incrementAndGet());
    }

    public T get() {
        long current = generation.get();
        Held<T> now = held;
        if (now != null && now.generation() == current) {
            return now.value();
        }
        T value = load.get();
        if (generation.get() == current) {
            held = new Held<>(current, value);
        }
        return value;
    }

    /** Called by a handler that changed what {@code load} reads, inside its transaction (or outside any). */
    public void changed() {
        generation.incrementAndGet();
        signals.send(topic, null);
        if (TransactionSynchronizationManager.isSynchronizationActive() && !TransactionSynchronizationManager.hasResource(this)) {
            TransactionSynchronizationManager.bindResource(this, Boolean.TRUE); // once per transaction
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(LoadedUntilChanged.this);
                    generation.incrementAndGet(); // committed or rolled back: what was read meanwhile is not kept
                }
            });
        }
    }
}
