package vn.thanhhoa.cds.infra.cache;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * A value read from tables that only event handlers change (the map, the frameworks): loaded once, kept in memory, and
 * dropped when a handler reports a change — at once and again when its transaction commits; the other nodes hear of it
 * when the transaction commits. {@link KeyedUntilChanged} with a single key.
 */
public final class LoadedUntilChanged<T> {
    private final KeyedUntilChanged<Boolean, T> value;

    /** @param topic names what {@code load} reads, the same on every node (e.g. {@code command-map}) */
    public LoadedUntilChanged(NodeSignals signals, String topic, Supplier<T> load) {
        this.value = new KeyedUntilChanged<>(signals, topic, 1, key -> Optional.ofNullable(load.get()));
    }

    public T get() {
        return value.get(Boolean.TRUE).orElse(null);
    }

    /** Called by a handler that changed what {@code load} reads, inside its transaction (or outside any). */
    public void changed() {
        value.changed();
    }
}
