package vn.thanhhoa.cds.infra.cache;

import java.util.function.Consumer;

/**
 * Tells the other nodes on the same store what this node's event handlers changed, so that what each node holds in
 * memory (the map, the frameworks, the cached dashboards, the read models' position) and its live streams follow
 * every change, not only the ones its own processors applied.
 */
public interface NodeSignals {
    /** For what only this node holds: a scratch store (time travel, the rebuild's fold). */
    NodeSignals LOCAL = new NodeSignals() {
        @Override
        public void listen(String topic, Consumer<String> listener) {
        }

        @Override
        public void send(String topic, String detail) {
        }
    };

    /**
     * Hears the topic's signals from the other nodes: {@code detail} as sent, or null when signals may have been
     * missed (the listening connection was lost), in which case the listener counts everything as changed.
     */
    void listen(String topic, Consumer<String> listener);

    /** Signals the other nodes; inside a transaction, they hear it after (and only if) it commits. */
    void send(String topic, String detail);
}
