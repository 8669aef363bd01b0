package vn.thanhhoa.cds.events.targets;

import org.axonframework.serialization.Revision;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.common.DocumentRef;

import java.util.List;

/**
 * The province assigned how many communes are to complete digital transformation in a year (e.g. 132 in 2023 by
 * Decision 969/QĐ-UBND), province-wide and per district.
 */
@Revision("1")
public record YearlyTargetsAssigned(String provinceCode, int year, int provinceTarget,
                                    List<DistrictTarget> districtTargets, TargetAllocation allocation,
                                    DocumentRef decision, ActedBy actedBy) {
    public YearlyTargetsAssigned {
        districtTargets = List.copyOf(districtTargets);
    }
}
