package vn.thanhhoa.cds.events.reporting;

import org.axonframework.serialization.Revision;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.common.DocumentRef;
import vn.thanhhoa.cds.events.map.UnitId;

import java.time.LocalDate;

/** The province let one commune report and submit for a year until {@code until} (included), with a reason. */
@Revision("1")
public record ReportingPeriodExtended(int year, UnitId commune, LocalDate until, String reason, DocumentRef decision,
                                      ActedBy actedBy) {
}
