package vn.thanhhoa.cds.command.criteria;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import vn.thanhhoa.cds.command.authority.Authority;
import vn.thanhhoa.cds.command.criteria.FrameworkCommands.AmendFrameworkPoints;
import vn.thanhhoa.cds.command.criteria.FrameworkCommands.PublishCriteriaFramework;
import vn.thanhhoa.cds.events.common.Rejection;
import vn.thanhhoa.cds.events.criteria.CriteriaFramework;
import vn.thanhhoa.cds.events.criteria.CriteriaFrameworkPublished;
import vn.thanhhoa.cds.events.criteria.FrameworkPointsAmended;
import vn.thanhhoa.cds.events.criteria.Indicator;
import vn.thanhhoa.cds.events.criteria.ScoringMethod;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static vn.thanhhoa.cds.events.common.Bound.POINTS;

/** A criteria framework as the province published it, and every later correction of its points. */
@Aggregate
public class CriteriaFrameworkAggregate {
    @AggregateIdentifier
    private String frameworkId;
    private CriteriaFramework framework;

    /** Required by Axon to rebuild the framework from its events. */
    protected CriteriaFrameworkAggregate() {
    }

    @CommandHandler
    public CriteriaFrameworkAggregate(PublishCriteriaFramework command) {
        Authority.requireProvince(command.actedBy());
        CriteriaFramework framework = command.framework();
        if (!framework.id().equals(command.frameworkId())) {
            throw new Rejection(Rejection.Reason.INVALID, "FRAMEWORK_ID_MISMATCH", "framework.id",
                    "Mã bộ tiêu chí không khớp.", "The framework id does not match.");
        }
        FrameworkPolicy.check(framework);
        apply(new CriteriaFrameworkPublished(command.frameworkId(), framework, command.actedBy()));
    }

    @CommandHandler
    public void handle(AmendFrameworkPoints command) {
        Authority.requireProvince(command.actedBy());
        if (framework.scoring() != ScoringMethod.POINTS) {
            throw new Rejection(Rejection.Reason.INVALID, "NOT_A_POINTS_FRAMEWORK", "frameworkId",
                    "Bộ tiêu chí này không chấm theo điểm.", "This framework is not scored in points.");
        }
        Map<String, Indicator> indicators = framework.indicatorsByCode();
        List<FrameworkPointsAmended.PointChange> changes = new ArrayList<>();
        for (Map.Entry<String, BigDecimal> change : new TreeMap<>(command.points()).entrySet()) {
            Indicator indicator = indicators.get(change.getKey());
            if (indicator == null) {
                throw new Rejection(Rejection.Reason.NOT_FOUND, "UNKNOWN_INDICATOR", "points." + change.getKey(),
                        "Không có chỉ tiêu " + change.getKey() + " trong bộ tiêu chí.",
                        "No indicator " + change.getKey() + " in this framework.");
            }
            if (change.getValue() == null || change.getValue().signum() < 0) {
                throw new Rejection(Rejection.Reason.INVALID, "NEGATIVE_POINTS", "points." + change.getKey(),
                        "Điểm không được âm.", "Points cannot be negative.");
            }
            POINTS.require("points." + change.getKey(), change.getValue());
            if (indicator.maxPoints().compareTo(change.getValue()) != 0) {
                changes.add(new FrameworkPointsAmended.PointChange(indicator.code(), indicator.maxPoints(), change.getValue()));
            }
        }
        if (!changes.isEmpty()) {
            apply(new FrameworkPointsAmended(frameworkId, changes, command.decision(), command.reason(), command.actedBy()));
        }
    }

    @EventSourcingHandler
    void on(CriteriaFrameworkPublished event) {
        frameworkId = event.frameworkId();
        framework = event.framework();
    }

    @EventSourcingHandler
    void on(FrameworkPointsAmended event) {
        framework = framework.amendedBy(event);
    }
}
