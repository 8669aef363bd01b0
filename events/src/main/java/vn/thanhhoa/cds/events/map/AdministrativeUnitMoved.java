package vn.thanhhoa.cds.events.map;

import org.axonframework.serialization.Revision;
import vn.thanhhoa.cds.events.common.ActedBy;

import java.time.LocalDate;

/** A unit was placed under another parent from the effective date, keeping its territory and identity. */
@Revision("1")
public record AdministrativeUnitMoved(String provinceCode, UnitId unit, UnitId previousParent, UnitId newParent,
                                      LocalDate effectiveDate, String basis, ActedBy actedBy) {
}
