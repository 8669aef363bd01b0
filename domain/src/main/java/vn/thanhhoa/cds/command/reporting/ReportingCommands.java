package vn.thanhhoa.cds.command.reporting;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.common.DocumentRef;
import vn.thanhhoa.cds.events.map.UnitId;

import java.time.LocalDate;

/** What the province decides about a year's reporting. Each names the year's stream ({@link ReportingYear#streamId}). */
public final class ReportingCommands {
    private ReportingCommands() {
    }

    public record AssignFrameworkToYear(@TargetAggregateIdentifier String yearId, int year, String frameworkId,
                                        DocumentRef decision, ActedBy actedBy) {
    }

    public record OpenReportingPeriod(@TargetAggregateIdentifier String yearId, int year, LocalDate opensOn,
                                      LocalDate closesOn, DocumentRef decision, ActedBy actedBy) {
    }

    public record CloseReportingPeriod(@TargetAggregateIdentifier String yearId, int year, DocumentRef decision,
                                       ActedBy actedBy) {
    }

    public record ExtendReportingPeriod(@TargetAggregateIdentifier String yearId, int year, UnitId commune,
                                        LocalDate until, String reason, DocumentRef decision, ActedBy actedBy) {
    }
}
