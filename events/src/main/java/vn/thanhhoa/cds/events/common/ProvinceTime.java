package vn.thanhhoa.cds.events.common;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** The province's time, one rule each for both sides: its zone, and the day whose map a year's questions are read on. */
public final class ProvinceTime {
    /** Asia/Ho_Chi_Minh: documents are dated, and days begin and end, in it. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    private ProvinceTime() {
    }

    /**
     * The day whose map names the communes of a year (a code means a unit only with a date): the year's last day, or
     * today while the year runs.
     */
    public static LocalDate mapDay(int year, LocalDate today) {
        LocalDate yearEnd = LocalDate.of(year, 12, 31);
        return today.isBefore(yearEnd) ? today : yearEnd;
    }

    /** The day a decision counts from: its date, else the day it was recorded (a back-dated decision from its date). */
    public static LocalDate decidedOn(DocumentRef decision, Instant recordedAt) {
        return decision != null && decision.date() != null ? decision.date() : recordedAt.atZone(ZONE).toLocalDate();
    }
}
