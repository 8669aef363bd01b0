package vn.thanhhoa.cds.query.timetravel;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Scratch stores that hold the reference data as known at an instant, kept ready between questions: replaying the
 * map and frameworks is most of a question's work, and questions about nearby instants mostly see the same
 * reference events. At most two are kept (two questions are answered at a time), the oldest closed first.
 */
final class ScratchPool {
    private final JdbcClient store;
    private final ObjectMapper json;
    private final RecordedEvents events;
    private final LinkedHashMap<ScratchStore, String> idle = new LinkedHashMap<>();

    ScratchPool(JdbcClient store, ObjectMapper json, RecordedEvents events) {
        this.store = store;
        this.json = json;
        this.events = events;
    }

    /** The reference events recorded by an instant, as a key, and the last one's place in the store. */
    record Reference(String key, long last) {
    }

    /**
     * Which reference events were recorded by the instant (their places in the store): scratch stores that replayed
     * the same ones are alike, and the next question of the same kind reuses one instead of replaying them again.
     */
    Reference referenceKnownAt(Instant knownAt) {
        List<Long> known = new ArrayList<>();
        store.sql("select d.globalIndex, d.timeStamp, a.applied_at from domainevententry d "
                        + "left join read_model_applied a on a.event_id = d.eventIdentifier where "
                        + RecordedEvents.REFERENCE + " order by d.globalIndex")
                .query(rs -> {
                    OffsetDateTime applied = rs.getObject(3, OffsetDateTime.class);
                    if (!(applied == null ? Instant.parse(rs.getString(2)) : applied.toInstant()).isAfter(knownAt)) {
                        known.add(rs.getLong(1));
                    }
                });
        long last = known.isEmpty() ? -1 : known.get(known.size() - 1);
        return new Reference(known.size() + ":" + known.hashCode() + ":" + last, last);
    }

    /**
     * A scratch store holding the reference data as known at the instant: one kept ready, or one replayed now. The
     * caller gives it back ({@link #giveBack}) when its question is answered.
     */
    ScratchStore holdingReference(Reference reference, Instant knownAt) {
        ScratchStore scratch = take(reference.key());
        if (scratch != null) {
            return scratch;
        }
        scratch = new ScratchStore(store, json);
        try {
            events.streamAll(knownAt, true, scratch::apply);
            scratch.referenceReplayed();
            return scratch;
        } catch (RuntimeException e) {
            scratch.close();
            throw e;
        }
    }

    private synchronized ScratchStore take(String reference) {
        for (var it = idle.entrySet().iterator(); it.hasNext(); ) {
            var ready = it.next();
            if (ready.getValue().equals(reference)) {
                it.remove();
                return ready.getKey();
            }
        }
        return null;
    }

    /** Kept ready for the next question about the same reference data; the oldest beyond two is closed. */
    void giveBack(ScratchStore scratch, Reference reference) {
        ScratchStore oldest = null;
        synchronized (this) {
            idle.put(scratch, reference.key());
            if (idle.size() > 2) {
                oldest = idle.keySet().iterator().next();
                idle.remove(oldest);
            }
        }
        // closed outside the lock: shutting an H2 store down need not hold up the other question
        if (oldest != null) {
            oldest.close();
        }
    }
}
