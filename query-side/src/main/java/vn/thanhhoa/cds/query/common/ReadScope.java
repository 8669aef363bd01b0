package vn.thanhhoa.cds.query.common;

import vn.thanhhoa.cds.infra.actor.Actor;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;

import java.util.Set;

/**
 * What a person may read: a commune its own card; a district its own communes and dashboard; the province, the
 * steering committee and auditors everything. "Its own" is by unit, not by code: the units the person's claim names
 * today and the predecessors they stepped in for (reference.Mandates).
 */
public final class ReadScope {
    private ReadScope() {
    }

    /** A card: the commune it is of, and its appraiser (a district, or the body designated after the reform). */
    public static void card(Actor actor, Set<String> mandate, UnitRef commune, UnitRef appraiser) {
        boolean own = actor.has(Actor.Role.COMMUNE) && mandate.contains(commune.unitId());
        boolean appraises = actor.has(Actor.Role.DISTRICT) && appraiser != null && mandate.contains(appraiser.unitId());
        if (!(actor.readsEverything() || own || appraises)) {
            throw denied("Bạn chỉ được xem hồ sơ của đơn vị mình.", "You may read only your own unit's records.");
        }
    }

    public static void someDistrict(Actor actor) {
        if (!(actor.readsEverything() || actor.has(Actor.Role.DISTRICT))) {
            throw outOfDistrict();
        }
    }

    public static void district(Actor actor, Set<String> mandate, String districtUnitId) {
        if (!(actor.readsEverything() || (actor.has(Actor.Role.DISTRICT) && mandate.contains(districtUnitId)))) {
            throw outOfDistrict();
        }
    }

    private static ProblemException outOfDistrict() {
        return denied("Bạn chỉ được xem bảng điều khiển của huyện mình.", "You may read only your own district's dashboard.");
    }

    public static void province(Actor actor) {
        if (!actor.readsEverything()) {
            throw denied("Bảng điều khiển của tỉnh dành cho cấp tỉnh, Ban chỉ đạo và thanh tra.",
                    "The province dashboard is for the province, the steering committee and auditors.");
        }
    }

    private static ProblemException denied(String vi, String en) {
        return new ProblemException(ProblemKind.FORBIDDEN, "OUT_OF_SCOPE", "actor", vi, en);
    }
}
