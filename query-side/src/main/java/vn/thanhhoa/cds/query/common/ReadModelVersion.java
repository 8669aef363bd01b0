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
 * A change may say what it touches (an assessment, a commune's new assessment): an answer that depends on neither
 * stays right after it ({@link #unchangedSince}), so a district's dashboard is not computed again for another's.
 */
@Component
public class ReadModelVersion {
    /** The signal to the other nodes of a change of the read models (NodeSignals): the changes, one a line. */
    public static final String TOPIC = "read-models";

    private final AtomicLong epoch = new AtomicLong();
    private final AtomicLong position = new AtomicLong(-1);
    /** The epoch of the last change of each assessment or commune touched, and of the last change of anything. */
    private final java.util.Map<String, Long> changedAt = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile long everythingChangedAt;
    /** A province's assessments over some years; past it, the touches are forgotten as a change of everything. */
    private static final int MAX_TOUCHED = 100_000;
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
        advance(globalIndex, null);
    }

    /**
     * As {@link #advance(Long)}, for a change that touches only {@code touched} ({@link #assessment} or
     * {@link #commune}): an answer that does not depend on it stays current ({@link #unchangedSince}); null, anything.
     */
    public synchronized void advance(Long globalIndex, String touched) {
        long next = epoch.get() + 1;
        if (touched == null || changedAt.size() >= MAX_TOUCHED && !changedAt.containsKey(touched)) {
            changedAt.clear(); // past the bound: taken as a change of everything, which it covers
            everythingChangedAt = next;
        } else {
            changedAt.put(touched, next);
        }
        if (globalIndex != null) {
            position.accumulateAndGet(globalIndex, Math::max);
        }
        epoch.set(next); // last: an answer computed at this epoch was computed after the change was recorded
    }

    /** Whether nothing an answer depends on — {@code scope}, and anything no scope names — changed after epoch {@code since}. */
    public boolean unchangedSince(long since, java.util.Collection<String> scope) {
        if (everythingChangedAt > since) {
            return false;
        }
        for (String touched : scope) {
            Long at = changedAt.get(touched);
            if (at != null && at > since) {
                return false;
            }
        }
        return true;
    }

    /** What a change of one assessment touches. */
    public static String assessment(String assessmentId) {
        return "assessment " + assessmentId;
    }

    /** What a commune's new assessment of a year touches: answers that show the commune's year without one. */
    public static String commune(String communeId, int year) {
        return "commune " + communeId + " " + year;
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
