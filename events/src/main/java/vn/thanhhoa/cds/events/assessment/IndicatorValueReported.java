package vn.thanhhoa.cds.events.assessment;

import org.axonframework.serialization.Revision;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.common.DocumentRef;
import vn.thanhhoa.cds.events.criteria.IndicatorValue;

import java.util.List;

/** The commune reported a value for one indicator, with the documents that evidence it. */
@Revision("1")
public record IndicatorValueReported(AssessmentId assessmentId, String indicatorCode, IndicatorValue value,
                                     List<DocumentRef> evidence, ActedBy actedBy) {
    public IndicatorValueReported {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }
}
