package vn.thanhhoa.cds.query.history;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.thanhhoa.cds.infra.actor.Actor;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;
import vn.thanhhoa.cds.infra.validation.Bounded;
import vn.thanhhoa.cds.query.card.CardViews;
import vn.thanhhoa.cds.query.card.CommuneCards;
import vn.thanhhoa.cds.query.history.HistoryEntries.Entry;
import vn.thanhhoa.cds.query.timetravel.KnownAt;

import java.util.List;
import java.util.Map;

import static vn.thanhhoa.cds.events.common.Bound.CODE;
import static vn.thanhhoa.cds.events.common.Bound.YEAR;

/**
 * A commune's year step by step, for the auditors: one event of its history and the card as it stood just before and
 * just after it, so that a score's movement is seen next to the event that moved it.
 */
@RestController
@RequestMapping("/api/audit")
@Tag(name = "Lịch sử cho thanh tra — the auditors' history")
public class StepsController {
    private final JdbcClient jdbc;
    private final CommuneCards cards;
    private final KnownAt knownAt;

    public StepsController(JdbcClient jdbc, CommuneCards cards, KnownAt knownAt) {
        this.jdbc = jdbc;
        this.cards = cards;
        this.knownAt = knownAt;
    }

    /** One step of a commune's year: the event, what it changed, and the card just before and just after it. */
    public record Step(String assessmentId, int step, int steps, Entry event, List<CardChanges.Change> changes,
                       CardViews.CommuneCard before, CardViews.CommuneCard after) {
    }

    @GetMapping("/communes/{code}/assessments/{year}/steps")
    @Operation(summary = "Từng bước — one event of a commune's year (by default the last) with the card as it stood just "
            + "before and just after it, replayed by the live projections, and what changed (before → after)")
    public Step step(@PathVariable @Bounded(CODE) String code, @PathVariable @Bounded(YEAR) int year,
                     @RequestParam(required = false) Integer step, Actor actor) {
        Auditors.only(actor);
        CardViews.CommuneCard now = cards.communeCard(code, year, null);
        // the assessment's own events, and the amendments of its framework once it was registered: each moves its card
        HistoryEntries.Where itsEvents = new HistoryEntries.Where(" where aggregate_id = :assessment"
                + " or (aggregate_id = :framework and global_index >"
                + " (select min(global_index) from q_audit where aggregate_id = :assessment))",
                Map.of("assessment", now.assessmentId(), "framework", now.frameworkId()));
        int steps = (int) itsEvents.count(jdbc);
        int n = step == null ? steps : step;
        if (n < 1 || n > steps) {
            throw new ProblemException(ProblemKind.NOT_FOUND, "NO_SUCH_STEP", "step",
                    "Hồ sơ có " + steps + " bước trong lịch sử; bước từ 1 đến " + steps + ".",
                    "The assessment's history has " + steps + " steps; a step is 1 to " + steps + ".");
        }
        Entry event = itsEvents.entries(jdbc, 1, n - 1).get(0);
        KnownAt.Around<CardViews.CommuneCard> around = knownAt.aroundEvent(now.assessmentId(), event.globalIndex(),
                then -> cards.knownAtIfAny(then, code, year));
        return new Step(now.assessmentId(), n, steps, event, CardChanges.between(around.before(), around.after()),
                around.before(), around.after());
    }
}
