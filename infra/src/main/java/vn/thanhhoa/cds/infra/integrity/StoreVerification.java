package vn.thanhhoa.cds.infra.integrity;

import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks the whole event store with plain JDBC — what the HTTP check and the command line share, needing only the
 * database and, for the checkpoints, the province's public key — and names what does not hold:
 * <ul>
 *   <li>{@code ALTERED}: an event whose stored text no longer gives its hash;</li>
 *   <li>{@code MISSING}: a position of a stream with no event (a deleted event);</li>
 *   <li>{@code REORDERED}: an event whose content is intact but which follows another event than the one it was
 *   chained to (events swapped within a stream);</li>
 *   <li>{@code CHECKPOINT}: a signed checkpoint whose root the events in global order no longer give (an event
 *   deleted, altered or moved in the global order, or the last events of a stream removed), or whose signature does
 *   not verify with the public key.</li>
 * </ul>
 */
public final class StoreVerification {
    public record Finding(String kind, String eventIdentifier, String aggregateIdentifier, long sequenceNumber, String detail) {
    }

    public record Report(long events, long streams, long checkpoints, List<Finding> findings) {
        public boolean intact() {
            return findings.isEmpty();
        }
    }

    private record Stored(String id, String aggregate, long sequence, String type, String timeStamp, String payloadType,
                          String revision, String payload, String metaData, String hash) {
        String hashAfter(String previous) {
            return EventHash.of(previous, id, aggregate, type, timeStamp, payloadType, revision, payload, metaData);
        }
    }

    static final int PROGRESS_EVERY = 5000;

    private StoreVerification() {
    }

    /** @param key the province's checkpoint key; null to check the streams only */
    public static Report verify(Connection connection, PublicKey key) throws SQLException {
        return verify(connection, key, checked -> { });
    }

    /** @param progress told how many events have been checked, every {@value #PROGRESS_EVERY} events */
    public static Report verify(Connection connection, PublicKey key, java.util.function.LongConsumer progress) throws SQLException {
        List<Finding> findings = new ArrayList<>();
        long events = 0;
        long streams = 0;
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false); // PostgreSQL streams a result set only inside a transaction
        try (PreparedStatement select = connection.prepareStatement("""
                select eventIdentifier, aggregateIdentifier, sequenceNumber, type, timeStamp, payloadType, payloadRevision,
                       payload, metaData, eventHash
                from domainevententry order by aggregateIdentifier, sequenceNumber""")) {
            select.setFetchSize(1000);
            try (ResultSet rows = select.executeQuery()) {
                List<Stored> stream = new ArrayList<>();
                while (rows.next()) {
                    Stored event = new Stored(rows.getString(1), rows.getString(2), rows.getLong(3), rows.getString(4),
                            rows.getString(5), rows.getString(6), rows.getString(7), rows.getString(8), rows.getString(9),
                            rows.getString(10));
                    if (!stream.isEmpty() && !stream.get(0).aggregate().equals(event.aggregate())) {
                        check(stream, findings);
                        streams++;
                        stream.clear();
                    }
                    stream.add(event);
                    events++;
                    if (events % PROGRESS_EVERY == 0) {
                        progress.accept(events);
                    }
                }
                if (!stream.isEmpty()) {
                    check(stream, findings);
                    streams++;
                }
            }
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
        long checkpoints = Checkpoints.verifyAll(connection, key, findings);
        verifyEvidenceFiles(connection, findings);
        return new Report(events, streams, checkpoints, List.copyOf(findings));
    }

    /**
     * Every kept evidence file hashed again, piece by piece: its events name it by this hash (and the chain covers the
     * events), so bytes that no longer hash to it were changed after they were kept.
     */
    private static void verifyEvidenceFiles(Connection connection, List<Finding> findings) throws SQLException {
        // a file whose pieces are gone, in part or whole (its recorded size no longer adds up)
        try (PreparedStatement sizes = connection.prepareStatement("""
                select f.sha256 from evidence_file f left join evidence_piece p on p.sha256 = f.sha256
                group by f.sha256, f.size having coalesce(sum(octet_length(p.bytes)), 0) <> f.size""");
             ResultSet rows = sizes.executeQuery()) {
            while (rows.next()) {
                findings.add(new Finding("FILE_MISSING", null, rows.getString(1), 0,
                        "tệp minh chứng thiếu nội dung / evidence file's content missing"));
            }
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (PreparedStatement select = connection.prepareStatement(
                "select p.sha256, p.bytes from evidence_piece p order by p.sha256, p.position")) {
            select.setFetchSize(4);
            try (ResultSet rows = select.executeQuery()) {
                String current = null;
                java.security.MessageDigest digest = null;
                while (rows.next()) {
                    String sha = rows.getString(1);
                    if (!sha.equals(current)) {
                        fileChecked(current, digest, findings);
                        current = sha;
                        digest = sha256();
                    }
                    digest.update(rows.getBytes(2));
                }
                fileChecked(current, digest, findings);
            }
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }

    private static void fileChecked(String sha, java.security.MessageDigest digest, List<Finding> findings) {
        if (sha != null && !sha.equals(java.util.HexFormat.of().formatHex(digest.digest()))) {
            findings.add(new Finding("FILE_ALTERED", null, sha, 0,
                    "tệp minh chứng không còn khớp mã băm / evidence file no longer matches its hash"));
        }
    }

    private static java.security.MessageDigest sha256() {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void check(List<Stored> stream, List<Finding> findings) {
        String previous = EventHash.GENESIS;
        long expected = stream.get(0).sequence() == 0 ? 0 : -1;
        if (expected < 0) {
            Stored first = stream.get(0);
            findings.add(new Finding("MISSING", null, first.aggregate(), 0,
                    "vị trí 0.." + (first.sequence() - 1) + " của luồng không còn sự kiện / positions 0.." + (first.sequence() - 1) + " are empty"));
            expected = first.sequence();
            previous = null;
        }
        for (int i = 0; i < stream.size(); i++) {
            Stored event = stream.get(i);
            if (event.sequence() != expected) {
                findings.add(new Finding("MISSING", null, event.aggregate(), expected,
                        "vị trí " + expected + ".." + (event.sequence() - 1) + " không còn sự kiện / positions "
                                + expected + ".." + (event.sequence() - 1) + " are empty"));
                previous = null; // the link after a gap cannot hold: only the gap is reported
            }
            expected = event.sequence() + 1;
            if (event.hash() == null) {
                findings.add(new Finding("ALTERED", event.id(), event.aggregate(), event.sequence(), "không có mã băm / no hash"));
            } else if (previous != null && !event.hashAfter(previous).equals(event.hash())) {
                findings.add(movedOrAltered(stream, i));
            }
            previous = event.hash();
        }
    }

    /** Chained to another event of its stream than the one before it: moved; chained to none: altered. */
    private static Finding movedOrAltered(List<Stored> stream, int i) {
        Stored event = stream.get(i);
        List<String> candidates = new ArrayList<>();
        candidates.add(EventHash.GENESIS);
        stream.forEach(other -> candidates.add(other.hash()));
        for (String previous : candidates) {
            if (previous != null && event.hashAfter(previous).equals(event.hash())) {
                return new Finding("REORDERED", event.id(), event.aggregate(), event.sequence(),
                        "nội dung nguyên vẹn nhưng đứng sai vị trí trong luồng / content intact, out of its place in the stream");
            }
        }
        return new Finding("ALTERED", event.id(), event.aggregate(), event.sequence(),
                "nội dung đã bị sửa / the stored text no longer gives its hash");
    }
}
