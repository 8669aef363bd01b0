package vn.thanhhoa.cds.infra.integrity;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.AppendEventsStatementBuilder;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Axon's append statement, with each event's {@link EventHash} written beside it — computed inside the append
 * transaction from the stored text of the event and of the previous event of its stream (read on the same
 * connection, or earlier in the same batch). Two appends racing for one position still meet at the unique
 * (aggregate, sequence) key: the loser's hash is never stored.
 */
public final class ChainedAppend implements AppendEventsStatementBuilder {

    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, Class<?> dataType,
                                   List<? extends EventMessage<?>> events, Serializer serializer,
                                   TimestampWriter timestampWriter) throws SQLException {
        takeTransactionId(connection);
        PreparedStatement insert = connection.prepareStatement("insert into " + schema.domainEventTable() + " ("
                + String.join(", ", schema.eventIdentifierColumn(), schema.aggregateIdentifierColumn(),
                schema.sequenceNumberColumn(), schema.typeColumn(), schema.timestampColumn(), schema.payloadTypeColumn(),
                schema.payloadRevisionColumn(), schema.payloadColumn(), schema.metaDataColumn(), "eventHash")
                + ") values (?,?,?,?,?,?,?,?,?,?)");
        Map<String, String> lastOfStream = new HashMap<>();
        for (EventMessage<?> message : events) {
            DomainEventMessage<?> event = message instanceof DomainEventMessage<?> domain ? domain
                    : new GenericDomainEventMessage<>(null, message.getIdentifier(), 0L, message, message::getTimestamp);
            SerializedObject<String> payload = event.serializePayload(serializer, String.class);
            SerializedObject<String> metaData = event.serializeMetaData(serializer, String.class);
            String timeStamp = DateTimeUtils.formatInstant(event.getTimestamp());
            String previous = event.getSequenceNumber() == 0 ? EventHash.GENESIS
                    : lastOfStream.containsKey(event.getAggregateIdentifier()) ? lastOfStream.get(event.getAggregateIdentifier())
                    : stored(connection, schema, event.getAggregateIdentifier(), event.getSequenceNumber() - 1);
            String hash = EventHash.of(previous, event.getIdentifier(), event.getAggregateIdentifier(), event.getType(), timeStamp, payload.getType().getName(),
                    payload.getType().getRevision(), payload.getData(), metaData.getData());
            lastOfStream.put(event.getAggregateIdentifier(), hash);
            insert.setString(1, event.getIdentifier());
            insert.setString(2, event.getAggregateIdentifier());
            insert.setLong(3, event.getSequenceNumber());
            insert.setString(4, event.getType());
            insert.setString(5, timeStamp);
            insert.setString(6, payload.getType().getName());
            insert.setString(7, payload.getType().getRevision());
            insert.setString(8, payload.getData());
            insert.setString(9, metaData.getData());
            insert.setString(10, hash);
            insert.addBatch();
        }
        return insert;
    }

    /**
     * On PostgreSQL the transaction takes its id before its events take their places in the global order: the sealer
     * then knows, from the ids still open, when no transaction can commit below a place it saw (Sealer's watermark).
     * Without it the first insert would take its place, then its id, and for that instant be invisible to both.
     */
    private static void takeTransactionId(Connection connection) throws SQLException {
        if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
            return;
        }
        try (PreparedStatement select = connection.prepareStatement("select pg_current_xact_id()");
             ResultSet row = select.executeQuery()) {
            row.next();
        }
    }

    /** The previous event's hash; the genesis value when it is missing (the unique key then refuses a gap anyway). */
    private static String stored(Connection connection, EventSchema schema, String aggregate, long sequence) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select eventHash from " + schema.domainEventTable()
                + " where " + schema.aggregateIdentifierColumn() + " = ? and " + schema.sequenceNumberColumn() + " = ?")) {
            select.setString(1, aggregate);
            select.setLong(2, sequence);
            try (ResultSet row = select.executeQuery()) {
                return row.next() && row.getString(1) != null ? row.getString(1) : EventHash.GENESIS;
            }
        }
    }
}
