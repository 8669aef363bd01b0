package vn.thanhhoa.cds.events.reporting;

import org.axonframework.serialization.Revision;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.common.DocumentRef;

import java.time.LocalDate;

/** The province closed reporting for a year before its last day: nothing is reported or submitted from {@code closedOn}. */
@Revision("1")
public record ReportingPeriodClosed(int year, LocalDate closedOn, DocumentRef decision, ActedBy actedBy) {
}
