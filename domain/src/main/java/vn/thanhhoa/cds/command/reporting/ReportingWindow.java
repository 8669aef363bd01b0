package vn.thanhhoa.cds.command.reporting;

import vn.thanhhoa.cds.events.common.Rejection;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * A year's reporting period: open from {@code opensOn} to {@code closesOn} (both included), unless the province closed
 * it early on {@code closedOn}. A commune with an extension reports until its own last day.
 */
public record ReportingWindow(LocalDate opensOn, LocalDate closesOn, LocalDate closedOn, String decisionNumber) {
    private static final DateTimeFormatter VI = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    public LocalDate lastDay() {
        return closedOn != null ? closedOn.minusDays(1) : closesOn;
    }

    /** Refuses, with 409 and the reason, what is asked outside the period (extensions considered). */
    public void requireOpen(int year, LocalDate day, LocalDate extendedUntil, String what) {
        if (day.isBefore(opensOn)) {
            throw refused("REPORTING_NOT_YET_OPEN", "Kỳ báo cáo năm " + year + " mở từ ngày " + VI.format(opensOn)
                    + "; chưa thể " + what + ".", "Reporting for " + year + " opens on " + opensOn + ".");
        }
        if (!day.isAfter(lastDay()) || (extendedUntil != null && !day.isAfter(extendedUntil))) {
            return;
        }
        String vi = closedOn != null
                ? "Kỳ báo cáo năm " + year + " đã đóng từ ngày " + VI.format(closedOn) + " (" + decisionNumber + ")"
                : "Kỳ báo cáo năm " + year + " đã kết thúc ngày " + VI.format(closesOn) + " (" + decisionNumber + ")";
        throw refused("REPORTING_CLOSED", vi + "; không thể " + what + ".",
                "Reporting for " + year + " closed after " + lastDay() + ".");
    }

    private Rejection refused(String code, String vi, String en) {
        return new Rejection(Rejection.Reason.CONFLICT, code, "year", vi, en,
                Map.of("opensOn", opensOn.toString(), "lastDay", lastDay().toString()));
    }
}
