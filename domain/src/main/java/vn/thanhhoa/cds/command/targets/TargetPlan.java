package vn.thanhhoa.cds.command.targets;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import vn.thanhhoa.cds.command.authority.Authority;
import vn.thanhhoa.cds.events.targets.DistrictTarget;
import vn.thanhhoa.cds.events.targets.YearlyTargetsAssigned;
import vn.thanhhoa.cds.events.common.Rejection;

import java.util.HashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** The province's yearly targets (Decision 969/QĐ-UBND: 94, 132, 133, 118 communes for 2022–2025). */
@Aggregate
public class TargetPlan {
    @AggregateIdentifier
    private String planId;
    private final Map<Integer, YearlyTargetsAssigned> byYear = new HashMap<>();

    public static String streamId(String provinceCode) {
        return "targets:" + provinceCode;
    }

    /** Required by Axon to rebuild the plan from its events. */
    protected TargetPlan() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(AssignYearlyTargets command) {
        Authority.requireProvince(command.actedBy());
        if (command.provinceTarget() < 0 || command.districtTargets().stream().anyMatch(t -> t.communes() < 0)) {
            throw new Rejection(Rejection.Reason.INVALID, "NEGATIVE_TARGET", "provinceTarget",
                    "Chỉ tiêu không được âm.", "A target cannot be negative.");
        }
        int split = command.districtTargets().stream().mapToInt(DistrictTarget::communes).sum();
        if (!command.districtTargets().isEmpty() && split != command.provinceTarget()) {
            throw new Rejection(Rejection.Reason.INVALID, "TARGET_SPLIT_MISMATCH", "districtTargets",
                    "Tổng chỉ tiêu các huyện (" + split + ") khác chỉ tiêu của tỉnh (" + command.provinceTarget() + ").",
                    "District targets add up to " + split + ", not " + command.provinceTarget() + ".");
        }
        YearlyTargetsAssigned current = byYear.get(command.year());
        if (current != null && current.provinceTarget() == command.provinceTarget()
                && current.districtTargets().equals(command.districtTargets())
                && current.allocation() == command.allocation()) {
            return; // nothing changes
        }
        apply(new YearlyTargetsAssigned(command.provinceCode(), command.year(), command.provinceTarget(),
                command.districtTargets(), command.allocation(), command.decision(), command.actedBy()));
    }

    @EventSourcingHandler
    void on(YearlyTargetsAssigned event) {
        planId = streamId(event.provinceCode());
        byYear.put(event.year(), event);
    }
}
