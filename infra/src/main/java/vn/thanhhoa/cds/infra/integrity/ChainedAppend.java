package vn.thanhhoa.cds.infra.integrity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.AppendEventsStatementBuilder;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.Serializer;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Axon's append statement, with each event's {@link EventHash} written beside it — computed inside the append
 * transaction from the stored text of the event and of the previous event of its stream: earlier in the same batch,
 * or as this append stored it when its transaction committed (held for the streams appended to last, so a command on
 * a warm stream reads nothing), or else read on the same connection. A held hash is used only for exactly the
 * previous position, which no other append can have written differently. Two appends racing for one position still
 * meet at the unique (aggregate, sequence) key: the loser's hash is never stored, nor held.
 */
public final class ChainedAppend implements AppendEventsStatementBuilder {
    private static final String TRANSACTION_ID_TAKEN = ChainedAppend.class.getName() + ".transactionIdTaken";

    private record Last(long sequence, String hash) {
    }

    private final Cache<String, Last> lastCommitted;

    /** @param streamsHeld how many streams' last hash to hold (those appended to last), e.g. as many as assessments cached */
    public ChainedAppend(long streamsHeld) {
        this.lastCommitted = Caffeine.newBuilder().maximumSize(streamsHeld).build();
    }

    /**
     * Tells the append that its transaction already wrote a row before the events (the Idempotency-Key's), and so
     * holds its transaction id: it need not ask for one.
     */
    public static void transactionIdTaken(UnitOfWork<?> unitOfWork) {
        unitOfWork.root().resources().put(TRANSACTION_ID_TAKEN, Boolean.TRUE);
    }

    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, Class<?> dataType,
                                   List<? extends EventMessage<?>> events, Serializer serializer,
                                   TimestampWriter timestampWriter) throws SQLException {
        if (!CurrentUnitOfWork.map(u -> u.root().resources().containsKey(TRANSACTION_ID_TAKEN)).orElse(false)) {
            takeTransactionId(connection);
        }
        PreparedStatement insert = connection.prepareStatement("insert into " + schema.domainEventTable() + " ("
                + String.join(", ", schema.eventIdentifierColumn(), schema.aggregateIdentifierColumn(),
                schema.sequenceNumberColumn(), schema.typeColumn(), schema.timestampColumn(), schema.payloadTypeColumn(),
                schema.payloadRevisionColumn(), schema.payloadColumn(), schema.metaDataColumn(), "eventHash")
                + ") values (?,?,?,?,?,?,?,?,?,?)");
        Map<String, Last> lastOfStream = new HashMap<>();
        for (EventMessage<?> message : events) {
            DomainEventMessage<?> event = message instanceof DomainEventMessage<?> domain ? domain
                    : new GenericDomainEventMessage<>(null, message.getIdentifier(), 0L, message, message::getTimestamp);
            SerializedObject<String> payload = event.serializePayload(serializer, String.class);
            SerializedObject<String> metaData = event.serializeMetaData(serializer, String.class);
            String timeStamp = DateTimeUtils.formatInstant(event.getTimestamp());
            String previous = previous(connection, schema, event, lastOfStream);
            String hash = EventHash.of(previous, event.getIdentifier(), event.getAggregateIdentifier(), event.getType(), timeStamp, payload.getType().getName(),
                    payload.getType().getRevision(), payload.getData(), metaData.getData());
            lastOfStream.put(event.getAggregateIdentifier(), new Last(event.getSequenceNumber(), hash));
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
        holdWhenCommitted(lastOfStream);
        return insert;
    }

    private String previous(Connection connection, EventSchema schema, DomainEventMessage<?> event, Map<String, Last> batch)
            throws SQLException {
        if (event.getSequenceNumber() == 0) {
            return EventHash.GENESIS;
        }
        String stream = event.getAggregateIdentifier();
        Last last = batch.containsKey(stream) ? batch.get(stream) : lastCommitted.getIfPresent(stream);
        return last != null && last.sequence() == event.getSequenceNumber() - 1 ? last.hash()
                : stored(connection, schema, stream, event.getSequenceNumber() - 1);
    }

    /** Only what this transaction committed is held: a rolled-back append's hashes were never stored. */
    private void holdWhenCommitted(Map<String, Last> appended) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    lastCommitted.putAll(appended);
                }
            });
        }
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
