package vn.thanhhoa.cds.events.map;

import org.axonframework.serialization.Revision;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.common.DocumentRef;

import java.time.LocalDate;

/**
 * The province designated who appraises the communes that have no district above them — since the 2025 reform, a
 * provincial body (the department of science and technology, which took over the former Sở TT&TT's role).
 */
@Revision("1")
public record AppraisalAuthorityDesignated(String provinceCode, UnitId appraiser, LocalDate effectiveFrom,
                                           DocumentRef decision, ActedBy actedBy) {
}
