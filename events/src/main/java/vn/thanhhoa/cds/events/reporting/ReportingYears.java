package vn.thanhhoa.cds.events.reporting;

/** Where a year's reporting decisions are recorded: one stream a year, {@code reporting-year:2026}. */
public final class ReportingYears {
    private ReportingYears() {
    }

    public static String streamId(int year) {
        return "reporting-year:" + year;
    }
}
