package vn.thanhhoa.cds.events.map;

import org.axonframework.serialization.Revision;
import vn.thanhhoa.cds.events.common.ActedBy;

import java.time.LocalDate;
import java.util.List;

/** A unit was divided among several successors (PARTIAL shares and a REMAINDER); it ceases on the effective date. */
@Revision("1")
public record AdministrativeUnitSplit(String provinceCode, UnitId predecessor, List<Part> successors,
                                      LocalDate effectiveDate, String basis, ActedBy actedBy) {
    public AdministrativeUnitSplit {
        successors = List.copyOf(successors);
    }

    public record Part(UnitId unit, Share share) {
    }
}
