package vn.thanhhoa.cds.events.map;

import org.axonframework.serialization.Revision;
import vn.thanhhoa.cds.events.common.ActedBy;

import java.time.LocalDate;

/** A unit took a new name from the effective date, keeping its territory and identity. */
@Revision("1")
public record AdministrativeUnitRenamed(String provinceCode, UnitId unit, String previousName, String newName,
                                        LocalDate effectiveDate, String basis, ActedBy actedBy) {
}
