package vn.thanhhoa.cds.events.assessment;

import org.axonframework.serialization.Revision;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.criteria.IndicatorValue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The department inspected the commune on site (seed 000: the province's delegation visited Hà Lĩnh on 22/6/2023).
 * Each correction replaces the appraised value of its indicator; the score and verdict were computed again from the
 * values as corrected, under the framework's points at that moment.
 *
 * @param members who made up the delegation, as the inspection's minutes name them (units and positions)
 */
@Revision("1")
public record OnSiteInspectionRecorded(AssessmentId assessmentId, LocalDate inspectedOn, List<String> members,
                                       String findings, List<Correction> corrections, boolean passed,
                                       BigDecimal score, int indicatorsMet, ActedBy actedBy) {
    public OnSiteInspectionRecorded {
        members = members == null ? List.of() : List.copyOf(members);
        findings = findings == null ? "" : findings;
        corrections = corrections == null ? List.of() : List.copyOf(corrections);
    }

    /** The value the inspection found for one indicator, and why. */
    public record Correction(String indicatorCode, IndicatorValue value, String note) {
        public Correction {
            note = note == null ? "" : note;
        }
    }
}
