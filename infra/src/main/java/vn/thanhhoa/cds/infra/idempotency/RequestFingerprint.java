package vn.thanhhoa.cds.infra.idempotency;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.TreeMap;

/**
 * What identifies a request for the Idempotency-Key check: SHA-256 of its canonical JSON — object keys sorted, absent
 * and null fields alike left out, numbers written as their value ({@code 31}, {@code 31.0} and {@code 3.1E+1} are one
 * number). The same request gives the same fingerprint in every JVM, on every node, before and after a restart;
 * serialising a {@code Map.of} or a {@code HashMap} as it iterates would not.
 */
public final class RequestFingerprint {
    private RequestFingerprint() {
    }

    public static String of(ObjectMapper json, Object request) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(canonical(json, request).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String canonical(ObjectMapper json, Object request) {
        StringBuilder out = new StringBuilder();
        write(json.valueToTree(request), out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!node.get(name).isNull()) {
                    fields.put(name, node.get(name));
                }
            }
            out.append('{');
            String separator = "";
            for (var field : fields.entrySet()) {
                out.append(separator).append('"').append(JsonStringEncoder.getInstance().quoteAsString(field.getKey())).append("\":");
                write(field.getValue(), out);
                separator = ",";
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(node.get(i), out);
            }
            out.append(']');
        } else if (node.isNumber()) {
            // values are within their domain before they are fingerprinted: stripping zeros is cheap
            out.append(node.decimalValue().stripTrailingZeros().toString());
        } else if (node.isTextual()) {
            out.append('"').append(JsonStringEncoder.getInstance().quoteAsString(node.textValue())).append('"');
        } else {
            out.append(node.asText());
        }
    }
}
