package vn.thanhhoa.cds.events.map;

import org.axonframework.serialization.Revision;
import vn.thanhhoa.cds.events.common.ActedBy;

import java.time.LocalDate;

/**
 * A unit ceased without a successor recorded here — every district on 01/07/2025, when Vietnam's local government
 * became two-tier; or a commune whose absorbing unit no source names (the note says so).
 *
 * @param effectiveDate the first day the unit is no longer in force
 */
@Revision("1")
public record AdministrativeUnitDissolved(String provinceCode, UnitId unit, LocalDate effectiveDate, String basis,
                                          String note, ActedBy actedBy) {
}
