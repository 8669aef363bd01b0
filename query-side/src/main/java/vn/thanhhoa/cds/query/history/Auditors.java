package vn.thanhhoa.cds.query.history;

import vn.thanhhoa.cds.infra.actor.Actor;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;

/** The history's pages and exports are read by those who review the record: the auditors and the province. */
final class Auditors {
    private Auditors() {
    }

    static void only(Actor actor) {
        if (!actor.reviewsTheRecord()) {
            throw new ProblemException(ProblemKind.FORBIDDEN, "AUDITORS_ONLY", "actor",
                    "Lịch sử sự kiện dành cho thanh tra, kiểm toán và cấp tỉnh.",
                    "The history is for auditors and the province.");
        }
    }
}
