package vn.thanhhoa.cds.query.reporting;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.*;
import vn.thanhhoa.cds.events.common.Limits;
import vn.thanhhoa.cds.events.criteria.AssessmentScore;
import vn.thanhhoa.cds.events.criteria.CriteriaFramework;
import vn.thanhhoa.cds.events.criteria.IndicatorStatus;
import vn.thanhhoa.cds.events.criteria.IndicatorValue;
import vn.thanhhoa.cds.events.criteria.Scoring;
import vn.thanhhoa.cds.events.criteria.ScoringMethod;
import vn.thanhhoa.cds.infra.actor.Actor;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;
import vn.thanhhoa.cds.infra.validation.Bounded;
import vn.thanhhoa.cds.query.card.CardViews;
import vn.thanhhoa.cds.query.card.CommuneCards;
import vn.thanhhoa.cds.query.reference.Mandates;
import vn.thanhhoa.cds.query.common.ReadScope;
import vn.thanhhoa.cds.query.reference.FrameworkReader;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.*;

import static vn.thanhhoa.cds.events.common.Bound.*;

/**
 * What the commune officer's form reads beside the card: the year's framework and reporting period, the latest
 * return with its reasons and answers, and a score preview of values not yet saved — computed by the platform's one
 * scoring model ({@link Scoring}), never by the page.
 */
@RestController
@RequestMapping("/api")
@Tag(name = "Báo cáo của xã (truy vấn) — the commune's reporting workspace")
public class ReportingQueryController {
    private final JdbcClient jdbc;
    private final FrameworkReader frameworks;
    private final CommuneCards cards;
    private final Mandates mandates;
    private final Clock clock;
    private final org.axonframework.eventsourcing.eventstore.EventStore events;
    private final vn.thanhhoa.cds.query.timetravel.KnownAt knownAt;

    public ReportingQueryController(JdbcClient jdbc, FrameworkReader frameworks, CommuneCards cards,
                                    Mandates mandates, Clock clock, org.axonframework.eventsourcing.eventstore.EventStore events,
                                    vn.thanhhoa.cds.query.timetravel.KnownAt knownAt) {
        this.events = events;
        this.knownAt = knownAt;
        this.jdbc = jdbc;
        this.frameworks = frameworks;
        this.cards = cards;
        this.mandates = mandates;
        this.clock = clock;
    }

    public record Extension(String communeCode, String communeId, LocalDate until, String reason, String decision) {
    }

    /**
     * @param open     whether reporting is open today (false without a period: a year the province never opened)
     * @param lastDay  the last day reports are taken (the closing day, or the day before an early close)
     */
    public record ReportingYearView(int year, String frameworkId, String frameworkTitle, String frameworkDecision,
                                    LocalDate frameworkDecisionDate, LocalDate opensOn, LocalDate closesOn,
                                    LocalDate closedOn, LocalDate lastDay, String periodDecision, String closingDecision,
                                    boolean open, List<Extension> extensions) {
    }

    @GetMapping("/reporting-years/{year}")
    @Operation(summary = "Kỳ báo cáo của năm — the year's framework and reporting period, with extensions; "
            + "knownAt: as recorded by that instant (open or not on that day)")
    public ReportingYearView reportingYear(@PathVariable @Bounded(YEAR) int year,
                                           @RequestParam(required = false) @org.springframework.format.annotation.DateTimeFormat(
                                                   iso = org.springframework.format.annotation.DateTimeFormat.ISO.DATE_TIME) OffsetDateTime knownAt,
                                           Actor actor) {
        if (knownAt != null) {
            return knownAt(year, knownAt.toInstant());
        }
        List<Extension> extensions = jdbc.sql("""
                        select commune_code, commune_id, until, reason, decision from q_reporting_extension
                        where year = :year order by commune_code""").param("year", year)
                .query((rs, n) -> new Extension(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class),
                        rs.getString(4), rs.getString(5))).list();
        LocalDate today = LocalDate.now(clock);
        return jdbc.sql("select * from q_reporting_year where year = :year").param("year", year).query((rs, n) -> {
            String frameworkId = rs.getString("framework_id");
            return view(year, frameworkId, rs.getString("framework_decision"),
                    rs.getObject("framework_decision_date", LocalDate.class), rs.getObject("opens_on", LocalDate.class),
                    rs.getObject("closes_on", LocalDate.class), rs.getObject("closed_on", LocalDate.class),
                    rs.getString("period_decision"), rs.getString("closing_decision"), extensions, today);
        }).optional().orElseThrow(() -> new ProblemException(ProblemKind.NOT_FOUND, "NO_FRAMEWORK_FOR_YEAR", "year",
                "Tỉnh chưa giao bộ tiêu chí đánh giá cho năm " + year + ".",
                "The province has not assigned a framework to " + year + "."));
    }

    /**
     * The year's decisions as recorded by an instant: its stream read through the event store (upcasters applied),
     * folded as the projection folds them, and "open" as on that instant's day.
     */
    private ReportingYearView knownAt(int year, Instant at) {
        knownAt.requireStore(); // a query role holds no event store to read the decisions from
        String frameworkId = null, frameworkDecision = null, periodDecision = null, closingDecision = null;
        LocalDate frameworkDecisionDate = null, opens = null, closes = null, closed = null;
        Map<String, Extension> extensions = new TreeMap<>();
        List<org.axonframework.eventhandling.DomainEventMessage<?>> recorded = new java.util.ArrayList<>();
        events.readEvents(vn.thanhhoa.cds.events.reporting.ReportingYears.streamId(year)).forEachRemaining(recorded::add);
        // as shown: from when the read models applied each decision (AppliedTimes), its stamp where that was not kept
        Map<String, Instant> applied = new java.util.HashMap<>();
        if (!recorded.isEmpty()) {
            jdbc.sql("select event_id, applied_at from read_model_applied where event_id in (:ids)")
                    .param("ids", recorded.stream().map(org.axonframework.eventhandling.EventMessage::getIdentifier).toList())
                    .query(rs -> {
                        applied.put(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant());
                    });
        }
        for (var message : recorded) {
            if (applied.getOrDefault(message.getIdentifier(), message.getTimestamp()).isAfter(at)) {
                continue;
            }
            Object event = message.getPayload();
            if (event instanceof vn.thanhhoa.cds.events.reporting.FrameworkAssignedToYear assigned) {
                frameworkId = assigned.frameworkId();
                frameworkDecision = assigned.decision().number();
                frameworkDecisionDate = assigned.decision().date();
            } else if (event instanceof vn.thanhhoa.cds.events.reporting.ReportingPeriodOpened opened) {
                opens = opened.opensOn();
                closes = opened.closesOn();
                closed = null;
                periodDecision = opened.decision().number();
            } else if (event instanceof vn.thanhhoa.cds.events.reporting.ReportingPeriodClosed closing) {
                closed = closing.closedOn();
                closingDecision = closing.decision().number();
            } else if (event instanceof vn.thanhhoa.cds.events.reporting.ReportingPeriodExtended extended) {
                extensions.put(extended.commune().code(), new Extension(extended.commune().code(), extended.commune().toString(),
                        extended.until(), extended.reason(), extended.decision().number()));
            }
        }
        if (frameworkId == null) {
            throw new ProblemException(ProblemKind.NOT_FOUND, "NO_FRAMEWORK_FOR_YEAR", "year",
                    "Đến thời điểm đó, tỉnh chưa giao bộ tiêu chí đánh giá cho năm " + year + ".",
                    "By then the province had not assigned a framework to " + year + ".");
        }
        return view(year, frameworkId, frameworkDecision, frameworkDecisionDate, opens, closes, closed, periodDecision,
                closingDecision, List.copyOf(extensions.values()), LocalDate.ofInstant(at, clock.getZone()));
    }

    /** The year's decisions as the page reads them, and whether reporting is open on {@code day}. */
    private ReportingYearView view(int year, String frameworkId, String frameworkDecision, LocalDate frameworkDecisionDate,
                                   LocalDate opens, LocalDate closes, LocalDate closed, String periodDecision,
                                   String closingDecision, List<Extension> extensions, LocalDate day) {
        LocalDate lastDay = closed != null ? closed.minusDays(1) : closes;
        boolean open = opens != null && !day.isBefore(opens) && !day.isAfter(lastDay);
        return new ReportingYearView(year, frameworkId, frameworks.find(frameworkId).map(CriteriaFramework::title).orElse(null),
                frameworkDecision, frameworkDecisionDate, opens, closes, closed, lastDay, periodDecision, closingDecision,
                open, extensions);
    }

    public record ReturnReason(String indicatorCode, String reason, String answer, Instant answeredAt) {
    }

    public record LatestReturn(Instant returnedAt, String reason, String documentNumber, LocalDate documentDate,
                               List<ReturnReason> reasons) {
    }

    @GetMapping("/communes/{code}/assessments/{year}/return")
    @Operation(summary = "Lần trả lại gần nhất — the latest return: its reasons (per indicator) and the commune's answers")
    public LatestReturn latestReturn(@PathVariable String code, @PathVariable @Bounded(YEAR) int year,
                                     @RequestParam(required = false) LocalDate asOf, Actor actor) {
        CardViews.CommuneCard card = cards.communeCard(code, year, asOf);
        ReadScope.card(actor, mandates.of(actor), card.commune(), card.district());
        List<ReturnReason> reasons = jdbc.sql("""
                        select indicator_code, reason, answer, answered_at from q_return_reason
                        where assessment_id = :id order by position""").param("id", card.assessmentId())
                .query((rs, n) -> new ReturnReason(rs.getString(1), rs.getString(2), rs.getString(3),
                        instant(rs.getObject(4, OffsetDateTime.class)))).list();
        return jdbc.sql("select returned_at, reason, document_number, document_date from q_return where assessment_id = :id")
                .param("id", card.assessmentId())
                .query((rs, n) -> new LatestReturn(instant(rs.getObject(1, OffsetDateTime.class)), rs.getString(2),
                        rs.getString(3), rs.getObject(4, LocalDate.class), reasons))
                .optional().orElseThrow(() -> new ProblemException(ProblemKind.NOT_FOUND, "NEVER_RETURNED", "year",
                        "Hồ sơ năm " + year + " chưa bị trả lại lần nào.", "The assessment was never returned."));
    }

    public record IndicatorComment(String indicatorCode, String comment, Instant at, String subject) {
    }

    @GetMapping("/communes/{code}/assessments/{year}/template.xlsx")
    @Operation(summary = "Tải mẫu Excel tự đánh giá — the province's self-assessment table for this commune's year: the "
            + "framework's pillars and numbering, the values as they stand, each input checked by Excel as typed")
    public void template(@PathVariable String code, @PathVariable @Bounded(YEAR) int year,
                         @RequestParam(required = false) LocalDate asOf, Actor actor,
                         jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
        CardViews.CommuneCard card = cards.communeCard(code, year, asOf);
        ReadScope.card(actor, mandates.of(actor), card.commune(), card.district());
        response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.setHeader(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
                org.springframework.http.ContentDisposition.attachment().filename("mau-tu-danh-gia-" + code + "-" + year + ".xlsx")
                        .build().toString());
        response.setHeader("X-Content-Type-Options", "nosniff");
        SelfAssessmentTemplate.write(card, response.getOutputStream());
    }

    @GetMapping("/communes/{code}/assessments/{year}/comments")
    @Operation(summary = "Ghi chú của xã — the commune's comments on its indicators, as they stand")
    public List<IndicatorComment> comments(@PathVariable String code, @PathVariable @Bounded(YEAR) int year,
                                           @RequestParam(required = false) LocalDate asOf, Actor actor) {
        CardViews.CommuneCard card = cards.communeCard(code, year, asOf);
        ReadScope.card(actor, mandates.of(actor), card.commune(), card.district());
        return jdbc.sql("""
                        select indicator_code, comment, commented_at, subject from q_indicator_comment
                        where assessment_id = :id order by indicator_code""").param("id", card.assessmentId())
                .query((rs, n) -> new IndicatorComment(rs.getString(1), rs.getString(2),
                        instant(rs.getObject(3, OffsetDateTime.class)), rs.getString(4))).list();
    }

    public record PreviewRequest(@Size(max = Limits.INDICATORS) Map<@Bounded(CODE) String, @Valid PreviewValue> values) {
    }

    public record PreviewValue(@Bounded(CODE) String measure, @Bounded(COUNT) BigDecimal numerator,
                               @Bounded(COUNT) BigDecimal denominator, Boolean value) {
        /** A value the page cannot score yet (half typed, out of its domain) is left out: not assessed. */
        Optional<IndicatorValue> toValue() {
            if (measure == null) {
                return Optional.empty();
            }
            return switch (measure) {
                case "RATIO" -> numerator == null || denominator == null || denominator.signum() <= 0
                        || numerator.compareTo(denominator) > 0 ? Optional.empty()
                        : Optional.of(new IndicatorValue.Ratio(numerator, denominator));
                case "BOOLEAN" -> value == null ? Optional.empty() : Optional.of(new IndicatorValue.YesNo(value));
                case "IN_PROGRESS" -> Optional.of(new IndicatorValue.InProgress());
                default -> Optional.empty();
            };
        }
    }

    /**
     * @param pointsShort      points still needed to pass (POINTS), else null
     * @param metShort         indicators still to meet (COUNT_MET), else null
     * @param mandatoryNotMet  mandatory indicators not met yet
     * @param notAssessed      indicators with no value yet
     */
    public record Preview(AssessmentScore score, BigDecimal pointsShort, Integer metShort, List<String> mandatoryNotMet,
                          List<String> notAssessed) {
    }

    @PostMapping("/frameworks/{frameworkId}/score-preview")
    @Operation(summary = "Xem trước điểm — score values not yet saved with the framework's rules (records nothing)")
    public Preview preview(@PathVariable @Bounded(IDENTIFIER) String frameworkId, @Valid @RequestBody PreviewRequest body, Actor actor) {
        CriteriaFramework framework = frameworks.find(frameworkId).orElseThrow(() -> new ProblemException(
                ProblemKind.NOT_FOUND, "UNKNOWN_FRAMEWORK", "frameworkId", "Không có bộ tiêu chí " + frameworkId + ".",
                "No framework " + frameworkId + "."));
        Map<String, IndicatorValue> values = new HashMap<>();
        if (body.values() != null) {
            body.values().forEach((code, value) -> {
                if (value != null) {
                    value.toValue().ifPresent(v -> values.put(code, v));
                }
            });
        }
        AssessmentScore score = Scoring.score(framework, values);
        var rule = framework.passRule();
        BigDecimal pointsShort = null;
        Integer metShort = null;
        if (framework.scoring() == ScoringMethod.POINTS && rule.minPoints() != null) {
            pointsShort = rule.minPoints().subtract(score.points()).max(BigDecimal.ZERO);
        } else if (rule.minMet() != null) {
            metShort = Math.max(0, rule.minMet() - score.met());
        }
        Map<String, IndicatorStatus> status = new HashMap<>();
        score.indicators().forEach(result -> status.put(result.code(), result.status()));
        List<String> mandatoryNotMet = rule.allMandatoryMet() ? framework.indicators().stream()
                .filter(i -> i.mandatory() && status.get(i.code()) != IndicatorStatus.DAT).map(i -> i.code()).toList() : List.of();
        List<String> notAssessed = framework.indicators().stream().map(i -> i.code())
                .filter(code -> !values.containsKey(code)).toList();
        return new Preview(score, pointsShort, metShort, mandatoryNotMet, notAssessed);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
