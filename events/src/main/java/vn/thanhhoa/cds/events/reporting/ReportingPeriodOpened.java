package vn.thanhhoa.cds.events.reporting;

import org.axonframework.serialization.Revision;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.common.DocumentRef;

import java.time.LocalDate;

/**
 * The province opened reporting for a year: communes register, report and submit from {@code opensOn} to
 * {@code closesOn}, both days included (Asia/Ho_Chi_Minh). Opened again, the new dates replace the former ones.
 */
@Revision("1")
public record ReportingPeriodOpened(int year, LocalDate opensOn, LocalDate closesOn, DocumentRef decision,
                                    ActedBy actedBy) {
}
