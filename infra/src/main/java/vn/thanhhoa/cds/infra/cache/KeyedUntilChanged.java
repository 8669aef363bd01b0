package vn.thanhhoa.cds.infra.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Values read by key from tables that only event handlers change (which assessment a commune holds for a year, a
 * year's reporting rules): each loaded once, kept in memory (at most so many keys), and all dropped when a handler
 * reports a change — at once and again when its transaction commits, so a load that ran during the transaction (and
 * read the rows as they were) is not kept either. The other nodes on the store hear of the change when the transaction
 * commits ({@link NodeSignals}) and drop what they hold too. A change drops every key: these tables change a few times
 * a year per commune, and are read on every command.
 */
public final class KeyedUntilChanged<K, V> {
    private record Held<V>(long generation, Optional<V> value) {
    }

    private final Function<K, Optional<V>> load;
    private final NodeSignals signals;
    private final String topic;
    private final Cache<K, Held<V>> held;
    private final AtomicLong generation = new AtomicLong();

    /**
     * @param topic names what {@code load} reads, the same on every node (e.g. {@code command-assessments})
     * @param load  the value for a key as the tables have it now (empty: none, which is kept too)
     */
    public KeyedUntilChanged(NodeSignals signals, String topic, long maximumKeys, Function<K, Optional<V>> load) {
        this.load = load;
        this.signals = signals;
        this.topic = topic;
        this.held = Caffeine.newBuilder().maximumSize(maximumKeys).build();
        signals.listen(topic, detail -> dropAll());
    }

    public Optional<V> get(K key) {
        long current = generation.get();
        Held<V> now = held.getIfPresent(key);
        if (now != null && now.generation() == current) {
            return now.value();
        }
        Optional<V> value = load.apply(key);
        if (generation.get() == current) {
            held.put(key, new Held<>(current, value));
        }
        return value;
    }

    /** Called by a handler that changed what {@code load} reads, inside its transaction (or outside any). */
    public void changed() {
        dropAll();
        signals.send(topic, null);
        if (TransactionSynchronizationManager.isSynchronizationActive() && !TransactionSynchronizationManager.hasResource(this)) {
            TransactionSynchronizationManager.bindResource(this, Boolean.TRUE); // once per transaction
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(KeyedUntilChanged.this);
                    dropAll(); // committed or rolled back: what was read meanwhile is not kept
                }
            });
        }
    }

    private void dropAll() {
        generation.incrementAndGet(); // first: a load that began before this is not kept
        held.invalidateAll();
    }
}
