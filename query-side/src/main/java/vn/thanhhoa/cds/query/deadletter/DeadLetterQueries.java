package vn.thanhhoa.cds.query.deadletter;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.query.common.Dashboards;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Reads the {@value Dashboards#GROUP} dead letters from Axon's table: the token and the diagnostics are read back
 * with the serializers Axon wrote them with.
 */
@Component
public class DeadLetterQueries {
    private final JdbcClient jdbc;
    private final Serializer serializer;
    private final Serializer eventSerializer;

    public DeadLetterQueries(JdbcClient jdbc, Serializer serializer, @Qualifier("eventSerializer") Serializer eventSerializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.eventSerializer = eventSerializer;
    }

    /**
     * @param sequenceId         the stream the event belongs to (an assessment: commune and year)
     * @param positionInSequence the order in which the letters of a sequence are retried
     * @param globalIndex        the event's position in the event store, when it came from there
     * @param waiting            no fault of its own: it waits behind an earlier letter of its sequence
     * @param retries            how many times a retry has failed on it
     */
    public record DeadLetterView(String sequenceId, long positionInSequence, String eventId, String eventType,
                                 String eventRevision, String aggregateId, Long globalIndex, Instant timestamp,
                                 boolean waiting, String causeType, String causeMessage, int retries,
                                 Instant enqueuedAt, Instant lastTouched) {
    }

    public record DeadLetterPage(long total, int page, int size, List<DeadLetterView> letters) {
    }

    public long count() {
        return jdbc.sql("select count(*) from deadletterentry where processingGroup = :group")
                .param("group", Dashboards.GROUP).query(Long.class).single();
    }

    /** The streams that have letters: each is retried as a whole, in order. */
    public long sequences() {
        return jdbc.sql("select count(distinct sequenceIdentifier) from deadletterentry where processingGroup = :group")
                .param("group", Dashboards.GROUP).query(Long.class).single();
    }

    /** As they arrived; within a sequence, in the order they will be retried. */
    public DeadLetterPage page(int page, int size) {
        List<DeadLetterView> letters = jdbc.sql("""
                        select sequenceIdentifier, sequenceIndex, eventIdentifier, payloadType, payloadRevision,
                               aggregateIdentifier, timestamp, tokenType, token, causeType, causeMessage, diagnostics,
                               enqueuedAt, lastTouched
                        from deadletterentry where processingGroup = :group
                        order by enqueuedAt, sequenceIdentifier, sequenceIndex
                        limit :size offset :offset""")
                .param("group", Dashboards.GROUP).param("size", size).param("offset", (long) page * size)
                .query((rs, n) -> view(rs))
                .list();
        return new DeadLetterPage(count(), page, size, letters);
    }

    private DeadLetterView view(ResultSet rs) throws SQLException {
        String payloadType = rs.getString("payloadType");
        String causeType = rs.getString("causeType");
        return new DeadLetterView(rs.getString("sequenceIdentifier"), rs.getLong("sequenceIndex"),
                rs.getString("eventIdentifier"), payloadType.substring(payloadType.lastIndexOf('.') + 1),
                rs.getString("payloadRevision"), rs.getString("aggregateIdentifier"),
                globalIndex(rs.getString("tokenType"), rs.getBytes("token")),
                DateTimeUtils.parseInstant(rs.getString("timestamp")), causeType == null, causeType,
                rs.getString("causeMessage"), retries(rs.getBytes("diagnostics")),
                DateTimeUtils.parseInstant(rs.getString("enqueuedAt")), instant(rs.getString("lastTouched")));
    }

    private Long globalIndex(String tokenType, byte[] token) {
        if (tokenType == null || token == null) {
            return null;
        }
        TrackingToken tracking = serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, tokenType, null));
        return tracking.position().isPresent() ? tracking.position().getAsLong() : null;
    }

    private int retries(byte[] diagnostics) {
        if (diagnostics == null) {
            return 0;
        }
        MetaData metaData = eventSerializer.deserialize(
                new SimpleSerializedObject<>(diagnostics, byte[].class, MetaData.class.getName(), null));
        return metaData.get(DeadLetterConfiguration.RETRIES) instanceof Number retries ? retries.intValue() : 0;
    }

    private static Instant instant(String stored) {
        return stored == null ? null : DateTimeUtils.parseInstant(stored);
    }
}
