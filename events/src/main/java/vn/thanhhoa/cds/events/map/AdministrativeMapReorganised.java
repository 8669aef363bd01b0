package vn.thanhhoa.cds.events.map;

import org.axonframework.serialization.Revision;
import vn.thanhhoa.cds.events.common.ActedBy;

import java.time.LocalDate;

/**
 * Closes one reorganisation of the map (a resolution's set of new units, mergers, splits and dissolutions, recorded
 * just before this event): a reorganisation is recorded once, by its id.
 */
@Revision("1")
public record AdministrativeMapReorganised(String provinceCode, String reorganisationId, LocalDate effectiveDate,
                                           String basis, int unitsEstablished, int unitsCeased, ActedBy actedBy) {
}
