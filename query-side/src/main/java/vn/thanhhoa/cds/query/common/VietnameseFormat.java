package vn.thanhhoa.cds.query.common;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the people using the platform write numbers and dates: "741,4 điểm", "1.110", "16/12/2022". */
public final class VietnameseFormat {
    public static final ZoneId ZONE = vn.thanhhoa.cds.events.common.ProvinceTime.ZONE;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    private VietnameseFormat() {
    }

    private static DecimalFormat decimal(String pattern) {
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.forLanguageTag("vi-VN"));
        symbols.setDecimalSeparator(',');
        symbols.setGroupingSeparator('.');
        DecimalFormat format = new DecimalFormat(pattern, symbols);
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format;
    }

    /** 741.40 → "741,4 điểm" */
    public static String points(BigDecimal points) {
        return points == null ? null : decimal("#,##0.#").format(points) + " điểm";
    }

    /** 0.63 → "63%"; 0.125 → "12,5%" */
    public static String percent(BigDecimal share) {
        return share == null ? null : decimal("#,##0.#").format(share.multiply(BigDecimal.valueOf(100))) + "%";
    }

    public static String number(BigDecimal value) {
        return value == null ? null : decimal("#,##0.##").format(value);
    }

    public static String date(LocalDate date) {
        return date == null ? null : DATE.format(date);
    }

    public static String dateTime(Instant instant) {
        return instant == null ? null : DATE_TIME.format(instant.atZone(ZONE));
    }
}
