package vn.thanhhoa.cds.query.api;

import vn.thanhhoa.cds.infra.actor.Actor;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;

/**
 * What a person may read: a commune its own card; a district its own communes and dashboard; the province, the
 * steering committee and auditors everything.
 */
final class ReadScope {
    private ReadScope() {
    }

    static void card(Actor actor, Views.CommuneCard card) {
        boolean own = actor.has(Actor.Role.COMMUNE) && actor.unit().equals(card.commune().code());
        boolean appraiser = actor.has(Actor.Role.DISTRICT) && card.district() != null && actor.unit().equals(card.district().code());
        if (!(actor.readsEverything() || own || appraiser)) {
            throw denied("Bạn chỉ được xem hồ sơ của đơn vị mình.", "You may read only your own unit's records.");
        }
    }

    static void district(Actor actor, String districtCode) {
        if (!(actor.readsEverything() || (actor.has(Actor.Role.DISTRICT) && actor.unit().equals(districtCode)))) {
            throw denied("Bạn chỉ được xem bảng điều khiển của huyện mình.", "You may read only your own district's dashboard.");
        }
    }

    static void province(Actor actor) {
        if (!actor.readsEverything()) {
            throw denied("Bảng điều khiển của tỉnh dành cho cấp tỉnh, Ban chỉ đạo và thanh tra.",
                    "The province dashboard is for the province, the steering committee and auditors.");
        }
    }

    private static ProblemException denied(String vi, String en) {
        return new ProblemException(ProblemKind.FORBIDDEN, "OUT_OF_SCOPE", "actor", vi, en);
    }
}
