package vn.thanhhoa.cds.query.timetravel;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;
import vn.thanhhoa.cds.infra.work.BoundedWork;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * A commune's card as the platform showed it at an instant ({@code knownAt}): the events its read models had applied by
 * then (AppliedTimes; an event's stamp where that was not kept) — the reference data's and the assessment's own —
 * applied in their stored order by the same projections as the live read
 * models, into a scratch read store in memory, and read by the same queries. Not a second implementation of the
 * rules: the one that answered then, run again on what was known then.
 * <p>
 * This class is the API and its bounds; the events are read by {@link RecordedEvents}, replayed into a
 * {@link ScratchStore}, and those holding the reference data are kept ready in a {@link ScratchPool}.
 */
@Component
public class KnownAt {
    private final JdbcClient store;
    private final ObjectMapper json;
    private final long maxEvents;
    /** A scratch store per question: a few at a time per node (cds.bounded-work.known-at). */
    private final BoundedWork work;
    private final RecordedEvents events;
    private final ScratchPool pool;

    /** False in a query role: its read store is fed by the event feed and holds no events to replay. */
    private final boolean storeHere;

    public KnownAt(JdbcClient store, @Qualifier("eventSerializer") Serializer serializer, ObjectMapper json,
                   @Value("${cds.known-at.max-events:100000}") long maxEvents,
                   @Value("${cds.role:standalone}") String role, BoundedWork work,
                   @org.springframework.context.annotation.Lazy org.axonframework.config.Configuration axon) {
        this.work = work;
        this.storeHere = !"query".equals(role);
        this.maxEvents = maxEvents;
        this.store = store;
        this.json = json;
        // the Axon configuration comes lazily: its upcaster chain is asked for at each read, not here
        this.events = new RecordedEvents(store, serializer, axon::upcasterChain);
        this.pool = new ScratchPool(store, json, events);
    }

    /** What {@code read} finds in the read store as one assessment's events and the reference data had made it then. */
    public <T> T assessment(String assessmentId, Instant knownAt, Function<Then, T> read) {
        requireStore();
        // a scratch store each, at most a few at a time (whoever may read the card may ask)
        try (BoundedWork.Held held = work.hold(BoundedWork.Kind.KNOWN_AT)) {
            return assessmentKnownAt(assessmentId, knownAt, read);
        }
    }

    private <T> T assessmentKnownAt(String assessmentId, Instant knownAt, Function<Then, T> read) {
        ScratchPool.Reference reference = pool.referenceKnownAt(knownAt);
        List<RecordedEvents.Recorded> own = events.recorded(assessmentId, Long.MAX_VALUE, false).stream()
                .filter(event -> event.knownBy(knownAt)).toList();
        if (own.stream().anyMatch(event -> event.globalIndex() < reference.last())) {
            // reference events in between the assessment's own (an amendment rescored it): all in the store's order
            try (ScratchStore scratch = new ScratchStore(store, json)) {
                events.recorded(assessmentId, Long.MAX_VALUE, true).stream()
                        .filter(event -> event.knownBy(knownAt))
                        .forEach(event -> scratch.apply(event.message()));
                return read.apply(scratch.then);
            }
        }
        // the reference data came before: a scratch store that holds it takes the assessment's events
        ScratchStore scratch = pool.holdingReference(reference, knownAt);
        try {
            scratch.forgetAssessments();
            own.forEach(event -> scratch.apply(event.message()));
            return read.apply(scratch.then);
        } finally {
            pool.giveBack(scratch, reference);
        }
    }

    /**
     * A dashboard as known at an instant, in a scratch store: the reference data's events (map, frameworks, targets)
     * recorded up to then, replayed; and each of the year's assessments and indicators in the last state the live
     * projection recorded for them by then (q_assessment_known, q_indicator_known). The same queries read it. Read
     * models projected before those versions existed (an upgraded platform not yet rebuilt) are replayed whole, as
     * far as that is bounded.
     *
     * @param indicatorsOf the communes whose indicator values the dashboard reads, from the map then (null: every
     *                     commune's)
     */
    public <T> T dashboard(int year, Instant knownAt, Function<Then, List<String>> indicatorsOf, Function<Then, T> query) {
        requireStore();
        boolean beforeVersions = store.sql("select since from q_known_versions_from").query(java.time.OffsetDateTime.class)
                .list().stream().anyMatch(since -> knownAt.isBefore(since.toInstant()));
        if (beforeVersions) {
            return everything(knownAt, query);
        }
        try (BoundedWork.Held held = work.hold(BoundedWork.Kind.KNOWN_AT)) {
            ScratchPool.Reference reference = pool.referenceKnownAt(knownAt);
            ScratchStore scratch = pool.holdingReference(reference, knownAt);
            try {
                scratch.knownVersions(year, knownAt, indicatorsOf.apply(scratch.then));
                return query.apply(scratch.then);
            } finally {
                pool.giveBack(scratch, reference);
            }
        }
    }

    /**
     * A dashboard replays the whole store up to the instant: bounded, so that a question about the past cannot take
     * the memory or the cores the present needs — at most {@code cds.known-at.max-events} events, two at a time.
     */
    private <T> T everything(Instant knownAt, Function<Then, T> query) {
        long inStore = store.sql("select count(*) from domainevententry").query(Long.class).single();
        if (inStore > maxEvents) {
            throw new ProblemException(ProblemKind.CONFLICT, "KNOWN_AT_HISTORY_TOO_LONG", "knownAt",
                    "Kho có " + inStore + " sự kiện, quá " + maxEvents + " để dựng lại một bảng điều khiển theo thời điểm "
                            + "trước lần dựng lại các mô hình đọc gần nhất; hãy dựng lại các mô hình đọc, hoặc xem thẻ "
                            + "từng xã theo thời điểm.",
                    "The store holds " + inStore + " events, more than the " + maxEvents + " a dashboard as known at an "
                            + "instant before the read models' versions began replays; rebuild the read models, or read "
                            + "the communes' cards as known then.");
        }
        try (BoundedWork.Held held = work.hold(BoundedWork.Kind.KNOWN_AT);
             ScratchStore scratch = new ScratchStore(store, json)) {
            events.streamAll(knownAt, false, scratch::apply);
            return query.apply(scratch.then);
        }
    }

    /** A replay reads the event store, which a query role does not have (409 KNOWN_AT_NEEDS_EVENT_STORE). */
    public void requireStore() {
        if (!storeHere) {
            throw new ProblemException(ProblemKind.CONFLICT, "KNOWN_AT_NEEDS_EVENT_STORE", "knownAt",
                    "Vai trò truy vấn không giữ kho sự kiện để dựng lại quá khứ; hãy dùng nền tảng ở chế độ độc lập "
                            + "(standalone) trên cùng cơ sở dữ liệu, hoặc lịch sử sự kiện.",
                    "A query role holds no event store to replay the past from; use a standalone platform on the same "
                            + "database, or the history.");
        }
    }

    /** The card just before and just after one event of the store (before is null where the card did not exist yet). */
    public record Around<T>(T before, T after) {
    }

    /**
     * The card as it stood just before the event at {@code globalIndex} was recorded, and just after: one replay, the
     * card read at the event's two sides.
     */
    public <T> Around<T> aroundEvent(String assessmentId, long globalIndex, Function<Then, T> read) {
        requireStore();
        try (ScratchStore scratch = new ScratchStore(store, json)) {
            T before = null;
            boolean beforeRead = false;
            for (RecordedEvents.Recorded event : events.recorded(assessmentId, globalIndex, true)) {
                if (event.globalIndex() == globalIndex && !beforeRead) {
                    before = read.apply(scratch.then);
                    beforeRead = true;
                }
                scratch.apply(event.message());
            }
            return new Around<>(beforeRead ? before : read.apply(scratch.then), read.apply(scratch.then));
        }
    }

    /** Refused before any work: an instant before the platform knew anything, or in the future. */
    public static void check(Instant knownAt, Clock clock) {
        if (knownAt.isAfter(clock.instant()) || knownAt.isBefore(Instant.parse("2000-01-01T00:00:00Z"))) {
            throw new ProblemException(ProblemKind.INVALID, "INVALID_KNOWN_AT", "knownAt",
                    "knownAt phải là một thời điểm trong quá khứ (từ năm 2000).",
                    "knownAt must be an instant in the past (from 2000 on).");
        }
    }
}
