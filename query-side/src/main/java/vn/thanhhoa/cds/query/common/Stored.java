package vn.thanhhoa.cds.query.common;

import vn.thanhhoa.cds.events.criteria.IndicatorValue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** How the read models store what every slice writes alike: instants, text cut to a column, an indicator's value. */
public final class Stored {
    private Stored() {
    }

    public static OffsetDateTime time(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    /** An indicator's value as a fact: "5/31", "yes", "no" or "in-progress". */
    public static String valueFact(IndicatorValue value) {
        if (value instanceof IndicatorValue.Ratio r) {
            return r.numerator().toPlainString() + "/" + r.denominator().toPlainString();
        }
        if (value instanceof IndicatorValue.YesNo y) {
            return y.value() ? "yes" : "no";
        }
        return "in-progress";
    }

    /** Cut to a column's length without splitting a surrogate pair (an emoji cut in half is not UTF-8). */
    public static String truncate(String text, int length) {
        if (text == null || text.length() <= length) {
            return text;
        }
        return text.substring(0, Character.isHighSurrogate(text.charAt(length - 1)) ? length - 1 : length);
    }
}
