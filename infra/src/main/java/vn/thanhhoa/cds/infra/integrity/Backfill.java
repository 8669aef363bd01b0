package vn.thanhhoa.cds.infra.integrity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Hashes the events stored before the hash column existed, stream by stream, in one transaction. */
final class Backfill {
    private Backfill() {
    }

    static long run(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            List<String> streams = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "select distinct aggregateIdentifier from domainevententry where eventHash is null");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    streams.add(rows.getString(1));
                }
            }
            long hashed = 0;
            try (PreparedStatement events = connection.prepareStatement("""
                    select eventIdentifier, type, timeStamp, payloadType, payloadRevision, payload, metaData, eventHash
                    from domainevententry where aggregateIdentifier = ? order by sequenceNumber""");
                 PreparedStatement update = connection.prepareStatement(
                         "update domainevententry set eventHash = ? where eventIdentifier = ?")) {
                for (String stream : streams) {
                    events.setString(1, stream);
                    String previous = EventHash.GENESIS;
                    try (ResultSet rows = events.executeQuery()) {
                        while (rows.next()) {
                            String hash = rows.getString(8);
                            if (hash == null) {
                                hash = EventHash.of(previous, rows.getString(1), stream, rows.getString(2), rows.getString(3),
                                        rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7));
                                update.setString(1, hash);
                                update.setString(2, rows.getString(1));
                                update.addBatch();
                                hashed++;
                            }
                            previous = hash;
                        }
                    }
                    update.executeBatch();
                }
            }
            connection.commit();
            return hashed;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
