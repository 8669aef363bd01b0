package vn.thanhhoa.cds.events.common;

import java.math.BigDecimal;

/**
 * The domain of every value the platform accepts, in one place: the API checks requests against it before sending a
 * command, the aggregates before deciding, and the read side before scoring an event already stored (whatever falls
 * outside is quarantined there, never computed). The OpenAPI document shows the same bounds, and so does the README.
 * <p>
 * Why numbers have bounds: the cost of arithmetic on a decimal grows with its exponent and its count of digits
 * ({@code 1e-100000000} is one character of digits and a hundred million of scale), so a number is checked by its
 * precision and scale — constant time — before anything computes with it.
 */
public final class Limits {
    private Limits() {
    }

    /** A request body larger than this is refused with 413 before it is read. */
    public static final int BODY_BYTES = 256 * 1024;

    // --- text: lengths in characters (Unicode code units, as PostgreSQL and H2 count them) ---
    /** Codes: a commune's or district's code, an indicator's code ("1.1"), a pillar's. */
    public static final int CODE = 16;
    /** Identifiers chosen by the province: a framework's id, a reorganisation's id. */
    public static final int IDENTIFIER = 64;
    /** A person's account as their identity names it (the token's subject, e.g. "demo:so.khcn"). */
    public static final int SUBJECT = 255;
    /** A document's number (số văn bản), e.g. "255/BC-UBND". */
    public static final int DOCUMENT_NUMBER = 100;
    /** Names of units, pillars and indicators; titles of documents and frameworks; a legal basis. */
    public static final int TITLE = 500;
    /** Reasons, notes, a framework's caveat: may span lines. */
    public static final int REASON = 2000;
    /** The Idempotency-Key header: printable ASCII. */
    public static final int IDEMPOTENCY_KEY = 128;

    /**
     * Codes and identifiers: ASCII letters, digits and . _ -, no "..": nothing a URL, a path or a log would mangle,
     * and no "@", which joins a code to its date in a unit's id ("14923@2025-07-01").
     */
    public static final String CODE_PATTERN = "^(?!.*\\.\\.)[A-Za-z0-9._-]+$";
    /**
     * One line of text: no control characters (C0, DEL, C1), no bidirectional overrides or isolates (text that reads
     * differently from how it is stored), no unpaired surrogates.
     */
    public static final String LINE_PATTERN = "^[^\\x00-\\x1F\\x7F-\\x9F\\u061C\\u200E\\u200F\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069\\p{Cs}]*$";
    /** Text that may span lines: as {@link #LINE_PATTERN}, but tab, line feed and carriage return are allowed. */
    public static final String TEXT_PATTERN = "^[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F\\u061C\\u200E\\u200F\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069\\p{Cs}]*$";

    // --- lists ---
    /** Documents of evidence attached to one value. */
    public static final int EVIDENCE_PER_VALUE = 20;
    /** Pillars of a framework. */
    public static final int PILLARS = 20;
    /** Indicators of a framework, all pillars together. */
    public static final int INDICATORS = 300;
    /** One evidence file (a scanned decision, a photo), in bytes. */
    public static final long EVIDENCE_FILE_BYTES = 50L * 1024 * 1024;
    /** Every evidence file of one commune's year together, in bytes (the same file counted once). */
    public static final long EVIDENCE_BYTES_PER_ASSESSMENT = 300L * 1024 * 1024;
    /** Members of an appraisal council. */
    public static final int COUNCIL_MEMBERS = 30;
    /** Members of an inspection's delegation. */
    public static final int INSPECTION_MEMBERS = 30;
    /** Communes one proposal or decision names: the province's 559 communes of before 2025, with room. */
    public static final int COMMUNES_PER_ACT = 600;
    /** Entries of one list of a request (district targets, new units, mergers, …). */
    public static final int LIST_ITEMS = 2000;

    // --- numbers ---
    /** Years the platform records. */
    public static final int YEAR_MIN = 2000;
    public static final int YEAR_MAX = 2100;
    /** Dates of documents and of map changes. */
    public static final java.time.LocalDate DATE_MIN = java.time.LocalDate.of(1945, 1, 1);
    public static final java.time.LocalDate DATE_MAX = java.time.LocalDate.of(2100, 12, 31);
    /** Counts (officials, residents, households, communes): whole numbers from 0 to a billion. */
    public static final String COUNT_MAX = "1000000000";
    public static final int COUNT_DIGITS = 10;
    /** Points of an indicator, and a framework's pass mark: 0 to 1,000 with at most two decimals ("741,4 điểm"). */
    public static final String POINTS_MAX = "1000";
    public static final int POINTS_DECIMALS = 2;
    /** A ratio indicator's target share: above 0, at most 1, with at most four decimals (e.g. 0.8 for 80 %). */
    public static final String SHARE_MAX = "1";
    public static final int SHARE_DECIMALS = 4;
    /** Communes in a yearly target, province-wide or per district (the country had 10,599). */
    public static final int TARGET_COMMUNES_MAX = 20000;

    private static final BigDecimal COUNT_MAX_VALUE = new BigDecimal(COUNT_MAX);
    private static final BigDecimal POINTS_MAX_VALUE = new BigDecimal(POINTS_MAX);
    private static final BigDecimal SHARE_MAX_VALUE = new BigDecimal(SHARE_MAX);

    /** A count: a whole number from 0 to {@value #COUNT_MAX}. */
    public static boolean isCount(BigDecimal value) {
        return within(value, COUNT_DIGITS, 0) && value.signum() >= 0 && value.compareTo(COUNT_MAX_VALUE) <= 0;
    }

    /** Points: from 0 to {@value #POINTS_MAX} with at most {@value #POINTS_DECIMALS} decimals. */
    public static boolean isPoints(BigDecimal value) {
        return within(value, 4, POINTS_DECIMALS) && value.signum() >= 0 && value.compareTo(POINTS_MAX_VALUE) <= 0;
    }

    /** A target share: above 0, at most 1, with at most {@value #SHARE_DECIMALS} decimals. */
    public static boolean isShare(BigDecimal value) {
        return within(value, 1, SHARE_DECIMALS) && value.signum() > 0 && value.compareTo(SHARE_MAX_VALUE) <= 0;
    }

    /**
     * Whether a decimal has at most {@code integerDigits} digits before the point and {@code decimals} after it, read
     * from its precision and scale alone (no arithmetic, whatever its exponent); trailing zeros do not count, so
     * {@code 31.0} and {@code 3.1E+1} are the count 31.
     */
    static boolean within(BigDecimal value, int integerDigits, int decimals) {
        // more digits than any JSON number the platform reads (Jackson stops at 1,000) is no value of ours
        if (value == null || value.precision() > 1000) {
            return false;
        }
        long scale = value.scale();
        long integerPart = (long) value.precision() - scale;
        if (value.signum() == 0) {
            // a zero may carry a scale (0.00, 0E+3); one as silly as 0E-100000000 would make later arithmetic slow
            return scale >= -integerDigits && scale <= decimals + 8L;
        }
        if (integerPart > integerDigits || scale > decimals + (long) value.precision()) {
            return false;
        }
        if (scale <= decimals) {
            return true; // stripping trailing zeros would lower the scale and keep the integer digits: no need
        }
        // now the scale is small and the digits at most 1,000: stripping trailing zeros is cheap
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() <= decimals && (long) stripped.precision() - stripped.scale() <= integerDigits;
    }
}
