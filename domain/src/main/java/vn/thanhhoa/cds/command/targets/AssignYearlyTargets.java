package vn.thanhhoa.cds.command.targets;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.common.DocumentRef;
import vn.thanhhoa.cds.events.targets.DistrictTarget;
import vn.thanhhoa.cds.events.targets.TargetAllocation;

import java.util.List;

public record AssignYearlyTargets(String provinceCode, int year, int provinceTarget,
                                  List<DistrictTarget> districtTargets, TargetAllocation allocation,
                                  DocumentRef decision, ActedBy actedBy) {
    public AssignYearlyTargets {
        districtTargets = List.copyOf(districtTargets);
    }

    @TargetAggregateIdentifier
    public String planId() {
        return TargetPlan.streamId(provinceCode);
    }
}
