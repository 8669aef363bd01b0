package vn.thanhhoa.cds.query.explain;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.thanhhoa.cds.events.criteria.CriteriaFramework;
import vn.thanhhoa.cds.events.criteria.PassRule;
import vn.thanhhoa.cds.infra.actor.Actor;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;
import vn.thanhhoa.cds.infra.validation.Bounded;
import vn.thanhhoa.cds.query.card.CardViews;
import vn.thanhhoa.cds.query.card.CommuneCards;
import vn.thanhhoa.cds.query.card.CommuneResults;
import vn.thanhhoa.cds.query.reference.Mandates;
import vn.thanhhoa.cds.query.common.ReadScope;
import vn.thanhhoa.cds.query.common.UnitRef;
import vn.thanhhoa.cds.query.dashboard.DashboardViews;
import vn.thanhhoa.cds.query.dashboard.DistrictDashboards;
import vn.thanhhoa.cds.query.history.HistoryEntries;
import vn.thanhhoa.cds.query.reference.FrameworkReader;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static vn.thanhhoa.cds.events.common.Bound.CODE;
import static vn.thanhhoa.cds.events.common.Bound.YEAR;

/**
 * "Where does this number come from": for a commune's score, one indicator's status, and a district's recognised
 * count — the events that produced it (who, when, the document, before → after), the framework and the points it was
 * scored with (and the amendments of those points), and the appraiser. Read by whoever may read the figure.
 */
@RestController
@RequestMapping("/api/explain")
@Tag(name = "Giải thích số liệu — where a figure comes from")
public class ExplainController {
    private final CommuneCards cards;
    private final DistrictDashboards districts;
    private final CommuneResults results;
    private final FrameworkReader frameworks;
    private final Mandates mandates;
    private final JdbcClient jdbc;

    public ExplainController(CommuneCards cards, DistrictDashboards districts, CommuneResults results,
                             FrameworkReader frameworks, Mandates mandates, JdbcClient jdbc) {
        this.cards = cards;
        this.districts = districts;
        this.results = results;
        this.frameworks = frameworks;
        this.mandates = mandates;
        this.jdbc = jdbc;
    }

    /** The framework as it scores now: its rule, each indicator's target and points, and its events (publication, amendments). */
    public record FrameworkUsed(String id, String title, String scoring, PassRule passRule, List<Points> indicators,
                                List<HistoryEntries.Entry> events) {
    }

    public record Points(String code, String name, BigDecimal target, BigDecimal maxPoints, boolean mandatory) {
    }

    public record ScoreExplained(String assessmentId, UnitRef commune, UnitRef appraiser, String stage,
                                 CardViews.Score selfScore, CardViews.Score appraisedScore, BigDecimal concludedScore,
                                 Boolean concludedPassed, boolean verdictInQuestion, FrameworkUsed framework,
                                 List<HistoryEntries.Entry> events) {
    }

    public record IndicatorExplained(String assessmentId, CardViews.IndicatorLine indicator, FrameworkUsed framework,
                                     List<HistoryEntries.Entry> events) {
    }

    public record Recognition(String code, String name, String stage, List<HistoryEntries.Entry> decisions) {
    }

    public record RecognisedExplained(UnitRef district, int year, int recognised, int target,
                                      List<Recognition> communes) {
    }

    @GetMapping("/communes/{code}/assessments/{year}")
    @Operation(summary = "Giải thích điểm của xã — the events, framework, points and appraiser behind a commune's score")
    public ScoreExplained score(@PathVariable @Bounded(CODE) String code, @PathVariable @Bounded(YEAR) int year,
                                @RequestParam(required = false) LocalDate asOf, Actor actor) {
        CardViews.CommuneCard card = card(code, year, asOf, actor);
        return new ScoreExplained(card.assessmentId(), card.commune(), card.district(), card.stage(), card.selfScore(),
                card.appraisedScore(), card.concludedScore(), card.concludedPassed(), card.verdictInQuestion(),
                framework(card.frameworkId()), history(card.assessmentId(), null));
    }

    @GetMapping("/communes/{code}/assessments/{year}/indicators/{indicatorCode}")
    @Operation(summary = "Giải thích một chỉ tiêu — the values reported and appraised, by whom, against which target and points")
    public IndicatorExplained indicator(@PathVariable @Bounded(CODE) String code, @PathVariable @Bounded(YEAR) int year,
                                        @PathVariable @Bounded(CODE) String indicatorCode,
                                        @RequestParam(required = false) LocalDate asOf, Actor actor) {
        CardViews.CommuneCard card = card(code, year, asOf, actor);
        CardViews.IndicatorLine line = card.pillars().stream().flatMap(p -> p.lines().stream())
                .filter(l -> l.code().equals(indicatorCode)).findFirst()
                .orElseThrow(() -> new ProblemException(ProblemKind.NOT_FOUND, "UNKNOWN_INDICATOR", "indicatorCode",
                        "Bộ tiêu chí " + card.frameworkId() + " không có chỉ tiêu " + indicatorCode + ".",
                        "Framework " + card.frameworkId() + " has no indicator " + indicatorCode + "."));
        return new IndicatorExplained(card.assessmentId(), line, framework(card.frameworkId()),
                history(card.assessmentId(), indicatorCode));
    }

    @GetMapping("/districts/{code}/recognised")
    @Operation(summary = "Giải thích số xã được công nhận của huyện — each recognised commune with its proposal and decisions")
    public RecognisedExplained recognised(@PathVariable @Bounded(CODE) String code, @RequestParam @Bounded(YEAR) int year,
                                          Actor actor) {
        ReadScope.someDistrict(actor);
        // the scope first, on the district the code names: no dashboard is computed for a person who may not read it
        ReadScope.district(actor, mandates.of(actor), districts.districtUnitId(code, year));
        DashboardViews.DistrictDashboard district = districts.district(code, year, null);
        Map<String, String> assessmentOf = new HashMap<>();
        results.ofYear(year, null).forEach(r -> assessmentOf.put(r.communeId(), r.id()));
        List<DashboardViews.CommuneRow> recognised = district.communeRows().stream()
                .filter(row -> "RECOGNISED".equals(row.stage()) && assessmentOf.containsKey(row.unitId())).toList();
        // every recognised commune's decisions in one read of the history
        Map<String, List<HistoryEntries.Entry>> decisionsOf = new HashMap<>();
        if (!recognised.isEmpty()) {
            // the proposal it was recognised over, the decision, and any later decision that kept or corrected it
            HistoryEntries.entries(jdbc, " where aggregate_id in (:ids) and event_type in ('ProposedForRecognition', "
                            + "'CommuneRecognised', 'RecognitionDecisionCorrected', 'RecognitionConfirmedAfterAmendment')",
                    Map.of("ids", recognised.stream().map(row -> assessmentOf.get(row.unitId())).toList()), 100 * recognised.size(), 0)
                    .forEach(e -> decisionsOf.computeIfAbsent(e.assessmentId(), k -> new ArrayList<>()).add(e));
        }
        List<Recognition> communes = new ArrayList<>();
        for (DashboardViews.CommuneRow row : recognised) {
            communes.add(new Recognition(row.code(), row.name(), row.stage(),
                    decisionsOf.getOrDefault(assessmentOf.get(row.unitId()), List.of())));
        }
        return new RecognisedExplained(district.district(), year, district.recognised(), district.target(), communes);
    }

    private CardViews.CommuneCard card(String code, int year, LocalDate asOf, Actor actor) {
        CardViews.CommuneCard card = cards.communeCard(code, year, asOf);
        ReadScope.card(actor, mandates.of(actor), card.commune(), card.district());
        return card;
    }

    private FrameworkUsed framework(String id) {
        CriteriaFramework framework = frameworks.find(id).orElseThrow();
        List<Points> points = framework.indicators().stream()
                .map(i -> new Points(i.code(), i.name(), i.target(), i.maxPoints(), i.mandatory())).toList();
        return new FrameworkUsed(framework.id(), framework.title(), framework.scoring().name(), framework.passRule(), points,
                HistoryEntries.entries(jdbc, " where aggregate_id = :id", Map.of("id", id), 1000, 0));
    }

    private List<HistoryEntries.Entry> history(String assessmentId, String indicator) {
        return indicator == null
                ? HistoryEntries.entries(jdbc, " where aggregate_id = :id", Map.of("id", assessmentId), 5000, 0)
                : HistoryEntries.entries(jdbc, " where aggregate_id = :id and indicator_code = :indicator",
                Map.of("id", assessmentId, "indicator", indicator), 5000, 0);
    }
}
