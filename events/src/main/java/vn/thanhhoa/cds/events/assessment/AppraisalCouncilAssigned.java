package vn.thanhhoa.cds.events.assessment;

import org.axonframework.serialization.Revision;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.common.DocumentRef;

import java.util.List;

/**
 * The appraising unit put the appraisal of this commune in the hands of a council (hội đồng thẩm định): from now on
 * each member appraises only the pillars assigned to them, and only the lead concludes or returns. People are named by
 * the subject of their identity, as on every event. A later assignment replaces this one.
 *
 * @param document the decision that formed the council, if the unit cites one
 */
@Revision("1")
public record AppraisalCouncilAssigned(AssessmentId assessmentId, String lead, List<Member> members,
                                       DocumentRef document, ActedBy actedBy) {
    public AppraisalCouncilAssigned {
        members = members == null ? List.of() : List.copyOf(members);
    }

    /** A member and the pillars (by code) they appraise. */
    public record Member(String subject, List<String> pillars) {
        public Member {
            pillars = pillars == null ? List.of() : List.copyOf(pillars);
        }
    }
}
