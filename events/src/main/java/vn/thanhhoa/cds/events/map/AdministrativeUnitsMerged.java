package vn.thanhhoa.cds.events.map;

import org.axonframework.serialization.Revision;
import vn.thanhhoa.cds.events.common.ActedBy;

import java.time.LocalDate;
import java.util.List;

/**
 * A unit was formed from several predecessors (or one, unchanged), each with the share of it that went in. Predecessors
 * given in FULL or UNCHANGED cease on the effective date; a PARTIAL or REMAINDER share also appears in the
 * predecessor's {@link AdministrativeUnitSplit}.
 *
 * @param effectiveDate first day of the successor (the predecessors' last day is the day before)
 * @param basis         the legal basis, e.g. "Nghị quyết 1686/NQ-UBTVQH15, khoản 127"
 */
@Revision("1")
public record AdministrativeUnitsMerged(String provinceCode, UnitId successor, List<Part> predecessors,
                                        LocalDate effectiveDate, String basis, ActedBy actedBy) {
    public AdministrativeUnitsMerged {
        predecessors = List.copyOf(predecessors);
    }

    public record Part(UnitId unit, Share share) {
    }
}
