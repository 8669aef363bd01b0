package vn.thanhhoa.cds.query.timetravel;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The store's events as the platform recorded them, for a replay: each with when the pages could first show it, read
 * through today's upcasters in the store's order — up to an instant (a dashboard, the reference data) or up to one
 * event (a card around it).
 *
 * @param upcasters today's upcaster chain, asked for at each read: the store's events are read as the platform
 *                  reads them
 */
record RecordedEvents(JdbcClient store, Serializer serializer, Supplier<EventUpcaster> upcasters) {
    /**
     * The reference data's events: every stream that is not a commune's assessment. Written as two ranges of the
     * type's index (ix_domainevententry_type) rather than {@code type <> …}, which PostgreSQL answers by reading the
     * whole store (150 ms on Thanh Hóa's 740 000 events, against under 1 ms).
     */
    static final String REFERENCE = "(type < 'CommuneAssessment' or type > 'CommuneAssessment')";

    /** What every read of the store here selects: the event's row, and when the read models applied it. */
    private static final String EVENTS_WITH_APPLIED_TIME = """
            select d.globalIndex, d.eventIdentifier, d.aggregateIdentifier, d.sequenceNumber, d.type, d.timeStamp,
                   d.payloadType, d.payloadRevision, d.payload, d.metaData, a.applied_at
            from domainevententry d left join read_model_applied a on a.event_id = d.eventIdentifier
            """;

    /**
     * @param known when the pages could first show it: when the read models applied it (AppliedTimes), or its stamp
     *              where that was not kept (applied before it was, or by no read model)
     */
    record Recorded(long globalIndex, DomainEventMessage<?> message, Instant known) {
        boolean knownBy(Instant instant) {
            return !known.isAfter(instant);
        }
    }

    /**
     * Every event recorded up to the instant (or only the reference data's: every stream that is not a commune's
     * assessment), in the store's order, read in pages rather than held all at once.
     */
    void streamAll(Instant knownAt, boolean referenceOnly, Consumer<DomainEventMessage<?>> apply) {
        long after = -1;
        while (true) {
            List<Recorded> page = new ArrayList<>();
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
     * The assessment's events (with the reference data's, when asked) up to a place in the store, in the store's
     * order.
     */
    List<Recorded> recorded(String assessmentId, long upToIndex, boolean withReference) {
        List<Recorded> events = new ArrayList<>();
        store.sql(EVENTS_WITH_APPLIED_TIME + "where (" + (withReference ? REFERENCE + " or " : "")
                        + "d.aggregateIdentifier = :assessment) and d.globalIndex <= :upTo order by d.globalIndex")
                .param("assessment", assessmentId).param("upTo", upToIndex)
                .query(rs -> {
                    events.addAll(recorded(rs));
                });
        return events;
    }

    /**
     * A stored event as the platform reads it: through the upcaster chain (an event may become none, one or more);
     * its payload is read when applied, where one that cannot be read is reported ({@link ScratchStore#unreadable}).
     */
    private List<Recorded> recorded(ResultSet rs) throws SQLException {
        long index = rs.getLong(1);
        OffsetDateTime applied = rs.getObject(11, OffsetDateTime.class);
        var entry = new GenericDomainEventEntry<>(rs.getString(5), rs.getString(3),
                rs.getLong(4), rs.getString(2), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getString(10) == null ? "{}" : rs.getString(10));
        List<Recorded> read = new ArrayList<>();
        EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(entry),
                serializer, upcasters.get()).forEachRemaining(message -> read.add(new Recorded(index, message,
                applied == null ? message.getTimestamp() : applied.toInstant())));
        return read;
    }
}
