package vn.thanhhoa.cds.query.timetravel;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.serialization.Serializer;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;
import vn.thanhhoa.cds.infra.work.BoundedWork;
import vn.thanhhoa.cds.query.card.AssessmentProjection;
import vn.thanhhoa.cds.query.common.Stored;
import vn.thanhhoa.cds.query.rebuild.DashboardProjections;

import java.sql.Connection;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * A commune's card as the platform showed it at an instant ({@code knownAt}): the events its read models had applied by
 * then (AppliedTimes; an event's stamp where that was not kept) — the reference data's and the assessment's own —
 * applied in their stored order by the same projections as the live read
 * models, into a scratch read store in memory, and read by the same queries. Not a second implementation of the
 * rules: the one that answered then, run again on what was known then.
 */
@Component
public class KnownAt {
    private final JdbcClient store;
    private final Serializer serializer;
    private final ObjectMapper json;
    private final Clock clock;
    private final String provinceCode;
    private final long maxEvents;
    /** A scratch store per question: a few at a time per node (cds.bounded-work.known-at). */
    private final BoundedWork work;
    /** The store's events are read as the platform reads them: through today's upcasters. */
    private final java.util.function.Supplier<org.axonframework.serialization.upcasting.event.EventUpcaster> upcasters;

    /**
     * The reference data's events: every stream that is not a commune's assessment. Written as two ranges of the
     * type's index (ix_domainevententry_type) rather than {@code type <> …}, which PostgreSQL answers by reading the
     * whole store (150 ms on Thanh Hóa's 740 000 events, against under 1 ms).
     */
    private static final String REFERENCE = "(type < 'CommuneAssessment' or type > 'CommuneAssessment')";

    /** False in a query role: its read store is fed by the event feed and holds no events to replay. */
    private final boolean storeHere;

    public KnownAt(JdbcClient store, @Qualifier("eventSerializer") Serializer serializer, ObjectMapper json, Clock clock,
                   @Value("${cds.province-code:38}") String provinceCode,
                   @Value("${cds.known-at.max-events:100000}") long maxEvents,
                   @Value("${cds.role:standalone}") String role, BoundedWork work,
                   @org.springframework.context.annotation.Lazy org.axonframework.config.Configuration axon) {
        this.work = work;
        this.upcasters = axon::upcasterChain;
        this.storeHere = !"query".equals(role);
        this.maxEvents = maxEvents;
        this.store = store;
        this.serializer = serializer;
        this.json = json;
        this.clock = clock;
        this.provinceCode = provinceCode;
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
        Reference reference = referenceKnownAt(knownAt);
        List<Recorded> own = recorded(assessmentId, Long.MAX_VALUE, false).stream()
                .filter(event -> event.knownBy(knownAt)).toList();
        if (own.stream().anyMatch(event -> event.globalIndex() < reference.last())) {
            // reference events in between the assessment's own (an amendment rescored it): all in the store's order
            try (Scratch scratch = new Scratch()) {
                recorded(assessmentId, Long.MAX_VALUE, true).stream()
                        .filter(event -> event.knownBy(knownAt))
                        .forEach(event -> scratch.apply(event.message()));
                return read.apply(scratch.then);
            }
        }
        // the reference data came before: a scratch store that holds it takes the assessment's events
        Scratch scratch = holdingReference(reference, knownAt);
        try {
            scratch.forgetAssessments();
            own.forEach(event -> scratch.apply(event.message()));
            return read.apply(scratch.then);
        } finally {
            prepared.giveBack(scratch, reference.key());
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
            Reference reference = referenceKnownAt(knownAt);
            Scratch scratch = holdingReference(reference, knownAt);
            try {
                scratch.knownVersions(year, knownAt, indicatorsOf.apply(scratch.then));
                return query.apply(scratch.then);
            } finally {
                prepared.giveBack(scratch, reference.key());
            }
        }
    }

    /** A scratch store holding the reference data as known at the instant: one kept ready, or one replayed now. */
    private Scratch holdingReference(Reference reference, Instant knownAt) {
        Scratch scratch = prepared.take(reference.key());
        if (scratch != null) {
            return scratch;
        }
        scratch = new Scratch();
        try {
            streamAll(knownAt, true, scratch::apply);
            scratch.ofTheReference = scratch.unreadable.size();
            return scratch;
        } catch (RuntimeException e) {
            scratch.close();
            throw e;
        }
    }

    /**
     * Which reference events were recorded by the instant (their places in the store): scratch stores that replayed
     * the same ones are alike, and the next question of the same kind reuses one instead of replaying them again.
     */
    private Reference referenceKnownAt(Instant knownAt) {
        List<Long> known = new java.util.ArrayList<>();
        store.sql("select d.globalIndex, d.timeStamp, a.applied_at from domainevententry d "
                        + "left join read_model_applied a on a.event_id = d.eventIdentifier where " + REFERENCE
                        + " order by d.globalIndex")
                .query(rs -> {
                    java.time.OffsetDateTime applied = rs.getObject(3, java.time.OffsetDateTime.class);
                    if (!(applied == null ? Instant.parse(rs.getString(2)) : applied.toInstant()).isAfter(knownAt)) {
                        known.add(rs.getLong(1));
                    }
                });
        long last = known.isEmpty() ? -1 : known.get(known.size() - 1);
        return new Reference(known.size() + ":" + known.hashCode() + ":" + last, last);
    }

    /** The reference events recorded by an instant, as a key, and the last one's place in the store. */
    private record Reference(String key, long last) {
    }

    /** At most two scratch stores kept ready between questions (two are answered at a time), the oldest closed first. */
    private final class Prepared {
        private final java.util.LinkedHashMap<Scratch, String> idle = new java.util.LinkedHashMap<>();

        synchronized Scratch take(String reference) {
            for (var it = idle.entrySet().iterator(); it.hasNext(); ) {
                var ready = it.next();
                if (ready.getValue().equals(reference)) {
                    it.remove();
                    return ready.getKey();
                }
            }
            return null;
        }

        void giveBack(Scratch scratch, String reference) {
            Scratch oldest = null;
            synchronized (this) {
                idle.put(scratch, reference);
                if (idle.size() > 2) {
                    oldest = idle.keySet().iterator().next();
                    idle.remove(oldest);
                }
            }
            if (oldest != null) {
                oldest.close();
            }
        }
    }

    private final Prepared prepared = new Prepared();

    /**
     * A dashboard replays the whole store up to the instant: bounded, so that a question about the past cannot take
     * the memory or the cores the present needs — at most {@code cds.known-at.max-events} events, two at a time.
     */
    private <T> T everything(Instant knownAt, Function<Then, T> query) {
        long events = store.sql("select count(*) from domainevententry").query(Long.class).single();
        if (events > maxEvents) {
            throw new ProblemException(ProblemKind.CONFLICT, "KNOWN_AT_HISTORY_TOO_LONG", "knownAt",
                    "Kho có " + events + " sự kiện, quá " + maxEvents + " để dựng lại một bảng điều khiển theo thời điểm "
                            + "trước lần dựng lại các mô hình đọc gần nhất; hãy dựng lại các mô hình đọc, hoặc xem thẻ "
                            + "từng xã theo thời điểm.",
                    "The store holds " + events + " events, more than the " + maxEvents + " a dashboard as known at an "
                            + "instant before the read models' versions began replays; rebuild the read models, or read "
                            + "the communes' cards as known then.");
        }
        try (BoundedWork.Held held = work.hold(BoundedWork.Kind.KNOWN_AT); Scratch scratch = new Scratch()) {
            streamAll(knownAt, false, scratch::apply);
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
        try (Scratch scratch = new Scratch()) {
            T before = null;
            boolean beforeRead = false;
            for (Recorded event : recorded(assessmentId, globalIndex, true)) {
                if (event.globalIndex() == globalIndex && !beforeRead) {
                    before = read.apply(scratch.then);
                    beforeRead = true;
                }
                scratch.apply(event.message());
            }
            return new Around<>(beforeRead ? before : read.apply(scratch.then), read.apply(scratch.then));
        }
    }

    /**
     * A read store in memory with the read side's schema, fed by the same projections as the live one. One
     * connection, each event in a savepoint of its own: an event the live read models quarantined (a dead letter)
     * leaves no half-applied trace here either.
     */
    private final class Scratch implements AutoCloseable {
        private final JdbcDataSource memory = new JdbcDataSource();
        private final Connection connection;
        private final List<EventMessageHandler> projections;
        final Then then;

        Scratch() {
            memory.setURL("jdbc:h2:mem:known-at-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;NON_KEYWORDS=YEAR,VALUE");
            try {
                Flyway.configure().dataSource(memory).locations("classpath:db/migration/common", "classpath:db/migration/h2")
                        .load().migrate();
                connection = memory.getConnection();
                connection.setAutoCommit(false);
            } catch (Exception e) {
                throw new IllegalStateException("a scratch read store could not be made", e);
            }
            JdbcClient then = JdbcClient.create(new SingleConnectionDataSource(connection, true));
            DashboardProjections dashboards = DashboardProjections.over(then, json);
            projections = dashboards.handlers();
            this.then = new Then(then, dashboards.frameworks(), dashboards.maps(), unreadable);
        }

        /** What the replay could not read or apply, each named with why: reported with the answer, never hidden. */
        final List<String> unreadable = new java.util.ArrayList<>();
        /** How many of {@link #unreadable} the reference data's replay found: they stay while the scratch is reused. */
        private int ofTheReference;

        void apply(DomainEventMessage<?> event) {
            Object payload;
            try {
                payload = event.getPayload();
            } catch (RuntimeException unreadablePayload) {
                unreadable.add(event.getIdentifier() + ": " + unreadablePayload.getMessage());
                return;
            }
            if (payload instanceof org.axonframework.serialization.UnknownSerializedType unknown) {
                unreadable.add(event.getIdentifier() + ": no class of this version reads " + unknown.serializedType().getName());
                return;
            }
            try {
                Savepoint savepoint = connection.setSavepoint();
                try {
                    for (EventMessageHandler projection : projections) {
                        if (projection.canHandle(event)) {
                            projection.handle(event);
                        }
                    }
                    connection.releaseSavepoint(savepoint);
                } catch (Exception quarantined) {
                    // the live projection dead-lettered it too (it is not on the card as shown); said, not hidden
                    connection.rollback(savepoint);
                    unreadable.add(event.getIdentifier() + ": " + quarantined.getMessage());
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("replaying " + event.getIdentifier() + " failed", e);
            }
        }

        /**
         * The year's assessments (and their indicators, where the dashboard reads them) as the live projection last
         * recorded them by the instant: read from the live read store, written into this one.
         */
        void knownVersions(int year, Instant knownAt, List<String> indicatorsOf) {
            forgetAssessments();
            // one probe per assessment (and per indicator) of the year for its last version by the instant; the
            // year's assessments and indicators are those of today's read models, a version never being removed
            String columns = AssessmentProjection.KNOWN_COLUMNS;
            copy("select " + columns + " " + """
                            from q_assessment_known where version in (
                                select (select k.version from q_assessment_known k
                                        where k.assessment_id = a.assessment_id and k.known_from <= :at
                                        order by k.known_from desc, k.version desc limit 1)
                                from q_assessment a where a.year = :year)""",
                    Map.of("year", year, "at", Stored.time(knownAt)),
                    "insert into q_assessment (" + columns + ") values (?" + ", ?".repeat(columns.split(",").length - 1) + ")");
            if (indicatorsOf != null && indicatorsOf.isEmpty()) {
                return;
            }
            // the assessments of those communes then (a commune's assessment may have moved to another since)
            List<String> assessments = JdbcClient.create(new SingleConnectionDataSource(connection, true))
                    .sql("select assessment_id from q_assessment" + (indicatorsOf == null ? "" : " where commune_id in (:communes)"))
                    .params(indicatorsOf == null ? Map.of() : Map.of("communes", indicatorsOf)).query(String.class).list();
            if (assessments.isEmpty()) {
                return;
            }
            copy("""
                            select assessment_id, indicator_code, reported_value, appraised_value from q_indicator_known
                            where version in (
                                select (select k.version from q_indicator_known k
                                        where k.assessment_id = i.assessment_id and k.indicator_code = i.indicator_code
                                          and k.known_from <= :at
                                        order by k.known_from desc, k.version desc limit 1)
                                from q_indicator i where i.assessment_id in (:assessments))""",
                    Map.of("assessments", assessments, "at", Stored.time(knownAt)),
                    "insert into q_indicator (assessment_id, indicator_code, reported_value, appraised_value) values (?, ?, ?, ?)");
        }

        /**
         * What the last question left here about assessments goes (the reference data stays: it is the same): every
         * table the assessments' projection writes, as its reset handler empties them.
         */
        void forgetAssessments() {
            // what the last question's assessment events could not read is not this question's to report
            unreadable.subList(ofTheReference, unreadable.size()).clear();
            try (var statement = connection.createStatement()) {
                for (String table : List.of("q_assessment", "q_indicator", "q_score_history", "q_timeline",
                        "q_assessment_known", "q_indicator_known")) {
                    statement.execute("delete from " + table);
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("a scratch read store could not be emptied", e);
            }
        }

        /** The rows a query of the live store answers, inserted here in batches, column by column. */
        private void copy(String select, Map<String, ?> params, String insert) {
            try (java.sql.PreparedStatement into = connection.prepareStatement(insert)) {
                int[] pending = {0};
                store.sql(select).params(params).query(rs -> {
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        into.setObject(i, rs.getObject(i));
                    }
                    into.addBatch();
                    if (++pending[0] % 1000 == 0) {
                        into.executeBatch();
                    }
                });
                into.executeBatch();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("the read models as known then could not be copied", e);
            }
        }

        @Override
        public void close() {
            try {
                connection.createStatement().execute("shutdown");
                connection.close();
            } catch (Exception ignored) {
                // the scratch store is gone either way
            }
        }
    }

    /**
     * @param known when the pages could first show it: when the read models applied it (AppliedTimes), or its stamp
     *              where that was not kept (applied before it was, or by no read model)
     */
    private record Recorded(long globalIndex, DomainEventMessage<?> message, Instant known) {
        boolean knownBy(Instant instant) {
            return !known.isAfter(instant);
        }
    }

    /** What every read of the store here selects: the event's row, and when the read models applied it. */
    private static final String EVENTS_WITH_APPLIED_TIME = """
            select d.globalIndex, d.eventIdentifier, d.aggregateIdentifier, d.sequenceNumber, d.type, d.timeStamp,
                   d.payloadType, d.payloadRevision, d.payload, d.metaData, a.applied_at
            from domainevententry d left join read_model_applied a on a.event_id = d.eventIdentifier
            """;

    /**
     * Every event recorded up to the instant (or only the reference data's: every stream that is not a commune's
     * assessment), in the store's order, read in pages rather than held all at once.
     */
    private void streamAll(Instant knownAt, boolean referenceOnly, java.util.function.Consumer<DomainEventMessage<?>> apply) {
        long after = -1;
        while (true) {
            List<Recorded> page = new java.util.ArrayList<>();
            long[] rowsRead = {0};
            long[] lastIndex = {after};
            store.sql(EVENTS_WITH_APPLIED_TIME + "where d.globalIndex > :after "
                            + (referenceOnly ? "and " + REFERENCE + " " : "") + "order by d.globalIndex limit 2000")
                    .param("after", after)
                    .query(rs -> {
                        rowsRead[0]++;
                        lastIndex[0] = rs.getLong(1);
                        page.addAll(recorded(rs));
                    });
            for (Recorded event : page) {
                if (event.knownBy(knownAt)) {
                    apply.accept(event.message());
                }
            }
            after = lastIndex[0];
            if (rowsRead[0] < 2000) {
                return;
            }
        }
    }

    /**
     * A stored event as the platform reads it: through the upcaster chain (an event may become none, one or more);
     * its payload is read when applied, where one that cannot be read is reported ({@link Scratch#unreadable}).
     */
    private List<Recorded> recorded(java.sql.ResultSet rs) throws java.sql.SQLException {
        long index = rs.getLong(1);
        java.time.OffsetDateTime applied = rs.getObject(11, java.time.OffsetDateTime.class);
        var entry = new org.axonframework.eventhandling.GenericDomainEventEntry<>(rs.getString(5), rs.getString(3),
                rs.getLong(4), rs.getString(2), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getString(10) == null ? "{}" : rs.getString(10));
        List<Recorded> read = new java.util.ArrayList<>();
        org.axonframework.eventsourcing.EventStreamUtils.upcastAndDeserializeDomainEvents(java.util.stream.Stream.of(entry),
                serializer, upcasters.get()).forEachRemaining(message -> read.add(new Recorded(index, message,
                applied == null ? message.getTimestamp() : applied.toInstant())));
        return read;
    }

    /**
     * The assessment's events (with the reference data's, when asked) up to a place in the store, in the store's
     * order.
     */
    private List<Recorded> recorded(String assessmentId, long upToIndex, boolean withReference) {
        List<Recorded> events = new java.util.ArrayList<>();
        store.sql(EVENTS_WITH_APPLIED_TIME + "where (" + (withReference ? REFERENCE + " or " : "")
                        + "d.aggregateIdentifier = :assessment) and d.globalIndex <= :upTo order by d.globalIndex")
                .param("assessment", assessmentId).param("upTo", upToIndex)
                .query(rs -> {
                    events.addAll(recorded(rs));
                });
        return events;
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
