package vn.thanhhoa.cds.events.common;



import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * The kinds of value a request carries, each with its domain from {@link Limits}. A request field names its kind with
 * {@link Bounded}; the same kind tells the refusal's message and the OpenAPI schema. Plain Java: the domain's policies
 * check whole records with it too ({@link #require}, a Rejection).
 */
public enum Bound {
    CODE(Shape.CODE, Limits.CODE),
    IDENTIFIER(Shape.CODE, Limits.IDENTIFIER),
    DOCUMENT_NUMBER(Shape.LINE, Limits.DOCUMENT_NUMBER),
    /** a person's account, as their identity names it */
    SUBJECT(Shape.LINE, Limits.SUBJECT),
    /** names and titles */
    TITLE(Shape.LINE, Limits.TITLE),
    /** reasons and notes: may span lines */
    REASON(Shape.TEXT, Limits.REASON),
    COUNT(Shape.NUMBER, 0),
    POINTS(Shape.NUMBER, 0),
    SHARE(Shape.NUMBER, 0),
    TARGET_COMMUNES(Shape.NUMBER, 0),
    YEAR(Shape.NUMBER, 0),
    /** dates of documents and of map changes; the read store's date columns hold far less than LocalDate's range */
    DATE(Shape.NUMBER, 0);

    public enum Shape { CODE, LINE, TEXT, NUMBER }

    /** Why a value is refused; the validator reports it as its message template. */
    public enum Reason { TOO_LONG, FORBIDDEN_CHARACTER, INVALID_CODE, OUT_OF_DOMAIN }

    private static final Pattern CODE_CHARS = Pattern.compile(Limits.CODE_PATTERN);
    private static final Pattern LINE_CHARS = Pattern.compile(Limits.LINE_PATTERN);
    private static final Pattern TEXT_CHARS = Pattern.compile(Limits.TEXT_PATTERN);

    public final Shape shape;
    public final int maxLength;

    Bound(Shape shape, int maxLength) {
        this.shape = shape;
        this.maxLength = maxLength;
    }

    /** Refuses a value outside its domain, for the checks that run outside Bean Validation (e.g. a whole framework). */
    public void require(String field, Object value) {
        Reason reason = check(value);
        if (reason != null) {
            String[] message = message(reason, field);
            throw new Rejection(Rejection.Reason.INVALID, message[0], field, message[1], message[2]);
        }
    }

    /** Null when the value is within its domain (or absent: whether a field is required is the command's rule). */
    public Reason check(Object value) {
        if (value == null) {
            return null;
        }
        if (shape == Shape.NUMBER) {
            return withinDomain(value) ? null : Reason.OUT_OF_DOMAIN;
        }
        String text = value.toString();
        if (text.length() > maxLength) {
            return Reason.TOO_LONG;
        }
        return switch (shape) {
            case CODE -> CODE_CHARS.matcher(text).matches() ? null : Reason.INVALID_CODE;
            case LINE -> LINE_CHARS.matcher(text).matches() ? null : Reason.FORBIDDEN_CHARACTER;
            default -> TEXT_CHARS.matcher(text).matches() ? null : Reason.FORBIDDEN_CHARACTER;
        };
    }

    private boolean withinDomain(Object value) {
        if (value instanceof LocalDate date) {
            return !date.isBefore(Limits.DATE_MIN) && !date.isAfter(Limits.DATE_MAX);
        }
        if (this == YEAR || this == TARGET_COMMUNES) {
            long n = ((Number) value).longValue();
            return this == YEAR ? n >= Limits.YEAR_MIN && n <= Limits.YEAR_MAX : n >= 0 && n <= Limits.TARGET_COMMUNES_MAX;
        }
        BigDecimal decimal = (BigDecimal) value;
        return switch (this) {
            case COUNT -> Limits.isCount(decimal);
            case POINTS -> Limits.isPoints(decimal);
            default -> Limits.isShare(decimal);
        };
    }

    /** The refusal, Vietnamese first. */
    public String[] message(Reason reason, String field) {
        return switch (reason) {
            case TOO_LONG -> new String[]{"TEXT_TOO_LONG",
                    "Trường '" + field + "' dài quá " + maxLength + " ký tự.",
                    "Field '" + field + "' is longer than " + maxLength + " characters."};
            case FORBIDDEN_CHARACTER -> new String[]{"FORBIDDEN_CHARACTER",
                    "Trường '" + field + "' chứa ký tự điều khiển hoặc ký tự đảo chiều văn bản"
                            + (shape == Shape.LINE ? " (kể cả xuống dòng)" : "") + ".",
                    "Field '" + field + "' holds a control or bidirectional-override character"
                            + (shape == Shape.LINE ? " (line breaks included)" : "") + "."};
            case INVALID_CODE -> new String[]{"INVALID_CODE",
                    "Trường '" + field + "' phải có ít nhất một ký tự, chỉ gồm chữ cái không dấu, chữ số và . _ - (không có \"..\").",
                    "Field '" + field + "' must hold at least one of ASCII letters, digits and . _ - (no \"..\")."};
            case OUT_OF_DOMAIN -> switch (this) {
                case COUNT -> new String[]{"NOT_A_COUNT",
                        "Trường '" + field + "' phải là số nguyên từ 0 đến 1.000.000.000.",
                        "Field '" + field + "' must be a whole number from 0 to 1,000,000,000."};
                case POINTS -> new String[]{"INVALID_POINTS",
                        "Trường '" + field + "' phải từ 0 đến 1.000 điểm, tối đa 2 chữ số thập phân.",
                        "Field '" + field + "' must be from 0 to 1,000 points with at most 2 decimals."};
                case SHARE -> new String[]{"INVALID_SHARE",
                        "Trường '" + field + "' phải lớn hơn 0 và không quá 1 (ví dụ 0,8 là 80%), tối đa 4 chữ số thập phân.",
                        "Field '" + field + "' must be above 0 and at most 1 (0.8 is 80%) with at most 4 decimals."};
                case TARGET_COMMUNES -> new String[]{"INVALID_TARGET",
                        "Trường '" + field + "' phải là số xã từ 0 đến " + Limits.TARGET_COMMUNES_MAX + ".",
                        "Field '" + field + "' must be a number of communes from 0 to " + Limits.TARGET_COMMUNES_MAX + "."};
                case DATE -> new String[]{"INVALID_DATE",
                        "Trường '" + field + "' phải là ngày từ 01/01/" + Limits.DATE_MIN.getYear() + " đến 31/12/"
                                + Limits.DATE_MAX.getYear() + ".",
                        "Field '" + field + "' must be a date from " + Limits.DATE_MIN + " to " + Limits.DATE_MAX + "."};
                default -> new String[]{"INVALID_YEAR",
                        "Trường '" + field + "' phải là năm từ " + Limits.YEAR_MIN + " đến " + Limits.YEAR_MAX + ".",
                        "Field '" + field + "' must be a year from " + Limits.YEAR_MIN + " to " + Limits.YEAR_MAX + "."};
            };
        };
    }
}
