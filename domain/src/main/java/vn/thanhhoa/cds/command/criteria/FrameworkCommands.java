package vn.thanhhoa.cds.command.criteria;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.common.DocumentRef;
import vn.thanhhoa.cds.events.criteria.CriteriaFramework;

import java.math.BigDecimal;
import java.util.Map;

/** Commands on criteria frameworks. */
public final class FrameworkCommands {
    private FrameworkCommands() {
    }

    public record PublishCriteriaFramework(@TargetAggregateIdentifier String frameworkId, CriteriaFramework framework,
                                           ActedBy actedBy) {
    }

    /** Replace the points of some indicators (indicator code → new points). */
    public record AmendFrameworkPoints(@TargetAggregateIdentifier String frameworkId, Map<String, BigDecimal> points,
                                       DocumentRef decision, String reason, ActedBy actedBy) {
        public AmendFrameworkPoints {
            points = Map.copyOf(points);
        }
    }
}
