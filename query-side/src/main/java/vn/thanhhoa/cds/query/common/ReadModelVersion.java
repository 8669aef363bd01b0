package vn.thanhhoa.cds.query.common;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.infra.cache.NodeSignals;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How far this node's read models have moved. {@link #position()} is the global index of the last event the
 * {@value Dashboards#GROUP} processor committed — the same numbering on every node reading the same events, told to
 * the pages with each change so they can ask for an answer at least that recent. {@link #epoch()} moves on with every
 * change of the read models, a replayed dead letter included: an answer computed at one epoch is still right at it.
 */
@Component
public class ReadModelVersion {
    /** The signal to the other nodes of a change of the read models (NodeSignals): the changes, one a line. */
    public static final String TOPIC = "read-models";

    private final AtomicLong epoch = new AtomicLong();
    private final AtomicLong position = new AtomicLong(-1);
    private final NodeSignals signals;

    @Autowired
    public ReadModelVersion(NodeSignals signals) {
        this.signals = signals;
    }

    /** For one node alone (a test). */
    public ReadModelVersion() {
        this(NodeSignals.LOCAL);
    }

    public long epoch() {
        return epoch.get();
    }

    public long position() {
        return position.get();
    }

    /** An event's place in the store (its global index, the same on every node); null for one not read from it. */
    public static Long positionOf(EventMessage<?> event) {
        return event instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null
                ? tracked.trackingToken().position().stream().boxed().findFirst().orElse(null) : null;
    }

    /** After a commit of the processor; {@code globalIndex} null when the change came from elsewhere. */
    public void advance(Long globalIndex) {
        if (globalIndex != null) {
            position.accumulateAndGet(globalIndex, Math::max);
        }
        epoch.incrementAndGet();
    }

    /**
     * After the read models were changed other than by the processor (a dead letter applied again, a rebuild
     * switched in): here at once, and on the other nodes when they hear of it.
     */
    public void advanceEverywhere(Long globalIndex) {
        advance(globalIndex);
        signals.send(TOPIC, "");
    }
}
