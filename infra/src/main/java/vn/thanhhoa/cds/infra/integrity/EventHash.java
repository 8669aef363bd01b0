package vn.thanhhoa.cds.infra.integrity;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash each stored event carries, chained to the previous event of its stream (format {@value #FORMAT}):
 * <pre>
 *   eventHash = hex( SHA-256( "cds-event-v1" ‖ prev ‖ f(eventIdentifier) ‖ f(aggregateIdentifier) ‖ f(type)
 *                              ‖ f(timeStamp) ‖ f(payloadType) ‖ f(payloadRevision) ‖ f(payload) ‖ f(metaData) ) )
 *   prev      = the previous event's eventHash as 32 bytes (32 zero bytes for the first event of a stream)
 *   f(text)   = 4-byte big-endian length of its UTF-8 bytes, then the bytes; f(null) = the length -1 alone
 * </pre>
 * Every field is the text stored in its column of {@code domainevententry}, so an auditor recomputes it from the
 * table with any SHA-256 tool. The position in the stream is the chain itself (the sequence number is not hashed):
 * an event moved to another position still matches its own content, so the verification can say it was moved.
 */
public final class EventHash {
    public static final String FORMAT = "cds-event-v1";
    public static final String GENESIS = "0".repeat(64);

    private EventHash() {
    }

    public static String of(String previous, String eventIdentifier, String aggregateIdentifier, String type, String timeStamp, String payloadType, String payloadRevision, String payload,
                            String metaData) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + (payload == null ? 0 : payload.length()));
        bytes.writeBytes(FORMAT.getBytes(StandardCharsets.US_ASCII));
        bytes.writeBytes(HexFormat.of().parseHex(previous == null ? GENESIS : previous));
        for (String field : new String[]{eventIdentifier, aggregateIdentifier, type, timeStamp, payloadType, payloadRevision, payload, metaData}) {
            field(bytes, field);
        }
        return HexFormat.of().formatHex(sha256(bytes.toByteArray()));
    }

    private static void field(ByteArrayOutputStream out, String text) {
        if (text == null) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(-1).array());
            return;
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(4).putInt(utf8.length).array());
        out.writeBytes(utf8);
    }

    static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
