package vn.thanhhoa.cds.command.reporting;

import vn.thanhhoa.cds.events.map.UnitId;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/** What the province decided about a year's reporting, as the assessment's rules need it. */
public interface ReportingCalendar {
    Optional<YearRules> year(int year);

    /**
     * @param frameworkId the framework the year is assessed under
     * @param period      the reporting period, when the province opened one (years before the platform had periods have none)
     * @param extensions  the last day each commune given an extension may still report on
     */
    record YearRules(int year, String frameworkId, ReportingWindow period, Map<UnitId, LocalDate> extensions) {
        public YearRules {
            extensions = Map.copyOf(extensions);
        }
    }
}
