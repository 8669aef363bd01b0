package vn.thanhhoa.cds.query.appraisal;

import vn.thanhhoa.cds.query.common.UnitRef;
import vn.thanhhoa.cds.query.reference.MapSnapshot;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A commune's district, or — for a commune formed after the districts ended — its former district: how the appraiser's
 * queue and the province's list group and filter communes across the 2025 reform.
 */
final class FormerDistricts {
    private FormerDistricts() {
    }

    /** Whether the commune's (former) district bears this code; no code asked: every commune. */
    static boolean within(MapSnapshot map, String communeId, String districtCode) {
        return districtCode == null || map.formerDistrict(communeId).flatMap(map::unit).map(MapSnapshot.Unit::code)
                .filter(districtCode::equals).isPresent();
    }

    /** The commune's (former) district, named as on {@code day}. */
    static Optional<UnitRef> of(MapSnapshot map, String communeId, LocalDate day) {
        return map.formerDistrict(communeId)
                .map(d -> new UnitRef(map.unit(d).map(MapSnapshot.Unit::code).orElse(d), map.name(d, day), d));
    }
}
