package vn.thanhhoa.cds.query.card;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import vn.thanhhoa.cds.events.assessment.Stage;
import vn.thanhhoa.cds.events.common.DocumentRef;
import vn.thanhhoa.cds.events.common.ProvinceTime;
import vn.thanhhoa.cds.events.criteria.*;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;
import vn.thanhhoa.cds.query.common.UnitRef;
import vn.thanhhoa.cds.query.common.VietnameseFormat;
import vn.thanhhoa.cds.query.reference.FrameworkReader;
import vn.thanhhoa.cds.query.reference.MapReader;
import vn.thanhhoa.cds.query.reference.MapSnapshot;
import vn.thanhhoa.cds.query.timetravel.Then;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.*;
import java.util.stream.Collectors;

/**
 * A commune's card for a year: stage, scores, pillars, indicators with their evidence, score history and timeline.
 * One snapshot per card (REPEATABLE READ, read-only): a timeline of one event with the totals of the one before
 * would be a card that never was.
 */
@Component
@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
public class CommuneCards {
    private final JdbcClient jdbc;
    private final FrameworkReader frameworks;
    private final MapReader maps;
    private final ObjectMapper json;
    private final Clock clock;

    public CommuneCards(JdbcClient jdbc, FrameworkReader frameworks, MapReader maps, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.frameworks = frameworks;
        this.maps = maps;
        this.json = json;
        this.clock = clock;
    }

    /** The same queries over the read store as known at an instant. */
    public CommuneCards over(Then then) {
        return new CommuneCards(then.jdbc(), then.frameworks(), then.maps(), json, clock);
    }

    /** The card as known at an instant, naming the events the replay could not read. */
    public CardViews.CommuneCard knownAt(Then then, String code, int year, LocalDate asOf) {
        return over(then).communeCard(code, year, asOf).withUnreadable(then.unreadable());
    }

    /** The card as known at an instant, or null while the commune had not registered for the year. */
    public CardViews.CommuneCard knownAtIfAny(Then then, String code, int year) {
        try {
            return knownAt(then, code, year, null);
        } catch (ProblemException notYet) {
            if (notYet.kind() == ProblemKind.NOT_FOUND) {
                return null;
            }
            throw notYet;
        }
    }

    /** A commune's card for a year: the code names the unit in force on {@code asOf} (by default the year's map). */
    public CardViews.CommuneCard communeCard(String code, int year, LocalDate asOf) {
        LocalDate day = asOf != null ? asOf : ProvinceTime.mapDay(year, LocalDate.now(clock));
        MapSnapshot map = maps.current();
        MapSnapshot.Unit unit = map.inForce(code, "COMMUNE", day).orElseThrow(() ->
                new ProblemException(ProblemKind.NOT_FOUND, "UNKNOWN_COMMUNE", "code",
                        "Không có xã/phường/thị trấn mã " + code + " vào ngày " + VietnameseFormat.date(day) + ".",
                        "No commune with code " + code + " on " + day + "."));
        record Row(String id, String communeId, String appraiserId, String frameworkId, String stage,
                   BigDecimal concludedScore, Boolean concludedPassed, String report, String decision, Instant lastUpdate,
                   boolean verdictInQuestion) {
        }
        Row row = jdbc.sql("""
                        select assessment_id, commune_id, appraiser_id, framework_id, stage, concluded_score,
                               concluded_passed, report_number, recognition_decision, last_update, verdict_in_question
                        from q_assessment where commune_id = :commune and year = :year""")
                .param("commune", unit.unitId()).param("year", year)
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getBigDecimal(6), (Boolean) rs.getObject(7), rs.getString(8),
                        rs.getString(9), instant(rs.getObject(10, OffsetDateTime.class)), rs.getBoolean(11)))
                .list().stream().findFirst()
                .orElseThrow(() -> new ProblemException(ProblemKind.NOT_FOUND, "ASSESSMENT_NOT_FOUND", "year",
                        map.name(unit.unitId(), day) + " (" + code + ") chưa đăng ký đánh giá năm " + year + ".",
                        "Commune " + code + " has no assessment for " + year + "."));
        CriteriaFramework framework = frameworks.find(row.frameworkId()).orElseThrow();
        Map<String, IndicatorValue> reported = new HashMap<>();
        Map<String, IndicatorValue> appraised = new HashMap<>();
        Map<String, String> notes = new HashMap<>();
        Map<String, List<CardViews.Document>> evidence = new HashMap<>();
        Map<String, Instant> reportedAt = new HashMap<>();
        jdbc.sql("""
                        select indicator_code, reported_value, evidence, appraised_value, appraisal_note, reported_at
                        from q_indicator where assessment_id = :id""")
                .param("id", row.id())
                .query((rs, n) -> {
                    String indicator = rs.getString(1);
                    if (rs.getString(2) != null) reported.put(indicator, frameworks.value(rs.getString(2)));
                    if (rs.getString(3) != null) evidence.put(indicator, documents(rs.getString(3)));
                    if (rs.getString(4) != null) appraised.put(indicator, frameworks.value(rs.getString(4)));
                    if (rs.getString(5) != null) notes.put(indicator, rs.getString(5));
                    reportedAt.put(indicator, instant(rs.getObject(6, OffsetDateTime.class)));
                    return null;
                }).list();
        AssessmentScore self = Scoring.score(framework, reported);
        boolean appraising = !Set.of(Stage.REGISTERED.name(), Stage.SUBMITTED.name(), Stage.WITHDRAWN.name(),
                Stage.RETURNED.name()).contains(row.stage());
        CardViews.Score appraisedScore = null;
        if (appraising) {
            Map<String, IndicatorValue> merged = new HashMap<>(reported);
            merged.putAll(appraised);
            appraisedScore = score(Scoring.score(framework, merged));
        }
        Map<String, IndicatorResult> results = self.indicators().stream().collect(Collectors.toMap(IndicatorResult::code, r -> r));
        List<CardViews.PillarLine> pillars = new ArrayList<>();
        for (int p = 0; p < framework.pillars().size(); p++) {
            Pillar pillar = framework.pillars().get(p);
            PillarScore ps = self.pillars().get(p);
            List<CardViews.IndicatorLine> lines = pillar.indicators().stream().map(i -> {
                IndicatorResult r = results.get(i.code());
                IndicatorValue a = appraised.get(i.code());
                return new CardViews.IndicatorLine(i.code(), i.name(), i.nameEn(), i.measure().name(), i.target(), i.maxPoints(),
                        i.mandatory(), valueView(reported.get(i.code())), r.status().name(), r.status().vi(), r.points(),
                        valueView(a), a == null ? null : Scoring.score(i, a).status().name(), notes.get(i.code()),
                        evidence.getOrDefault(i.code(), List.of()), VietnameseFormat.dateTime(reportedAt.get(i.code())));
            }).toList();
            pillars.add(new CardViews.PillarLine(pillar.code(), pillar.name(), pillar.nameEn(), ps.indicators(), ps.met(),
                    ps.inProgress(), ps.notMet(), ps.notAssessed(), ps.points(), ps.maxPoints(), lines));
        }
        String appraiser = row.appraiserId();
        return new CardViews.CommuneCard(row.id(), new UnitRef(unit.code(), map.name(unit.unitId(), day), unit.unitId()),
                appraiser == null ? null : new UnitRef(map.unit(appraiser).map(MapSnapshot.Unit::code).orElse(appraiser),
                        map.name(appraiser, day), appraiser), year,
                framework.id(), framework.title(), framework.scoring().name(), row.stage(), Stage.valueOf(row.stage()).vi(),
                score(self), appraisedScore, row.concludedScore(), row.concludedPassed(), row.verdictInQuestion(),
                row.report(), row.decision(),
                row.lastUpdate(), VietnameseFormat.dateTime(row.lastUpdate()), pillars,
                evidence.values().stream().flatMap(List::stream).distinct().toList(),
                scoreHistory(row.id()), timeline(row.id()), List.of());
    }

    private List<CardViews.ScoreChange> scoreHistory(String id) {
        return jdbc.sql("""
                        select scored_at, cause, self_points, self_met, appraised_points, event_type, document_number
                        from q_score_history where assessment_id = :id order by id""")
                .param("id", id)
                .query((rs, n) -> {
                    String type = rs.getString(6);
                    return new CardViews.ScoreChange(VietnameseFormat.dateTime(instant(rs.getObject(1, OffsetDateTime.class))),
                            type == null ? rs.getString(2) : TimelinePhrases.causeVi(type, rs.getString(7)),
                            type == null ? rs.getString(2) : TimelinePhrases.causeEn(type, rs.getString(7)),
                            rs.getBigDecimal(3), rs.getInt(4), rs.getBigDecimal(5));
                })
                .list();
    }

    private List<CardViews.TimelineEntry> timeline(String id) {
        return jdbc.sql("""
                        select occurred_at, event_type, actor, actor_unit, summary, facts from q_timeline
                        where assessment_id = :id order by id""")
                .param("id", id)
                .query((rs, n) -> entry(rs, 1))
                .list();
    }

    /**
     * What happened to each assessment after an instant (null: from the start), among some kinds of event, phrased
     * in both languages: the appraiser's "changed since the last appraisal". One read for them all.
     */
    public Map<String, List<CardViews.TimelineEntry>> timelineSince(Map<String, Instant> since, Set<String> eventTypes) {
        Map<String, List<CardViews.TimelineEntry>> entries = new HashMap<>();
        if (since.isEmpty()) {
            return entries;
        }
        jdbc.sql("""
                        select assessment_id, occurred_at, event_type, actor, actor_unit, summary, facts from q_timeline
                        where assessment_id in (:ids) and event_type in (:types) order by id""")
                .param("ids", List.copyOf(since.keySet())).param("types", List.copyOf(eventTypes))
                .query((rs, n) -> {
                    Instant after = since.get(rs.getString(1));
                    CardViews.TimelineEntry entry = entry(rs, 2);
                    if (after == null || entry.at().isAfter(after)) {
                        entries.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(entry);
                    }
                    return null;
                }).list();
        return entries;
    }

    /** A timeline row from column {@code first} on (occurred_at, event_type, actor, actor_unit, summary, facts). */
    private CardViews.TimelineEntry entry(java.sql.ResultSet rs, int first) throws java.sql.SQLException {
        Instant at = instant(rs.getObject(first, OffsetDateTime.class));
        String type = rs.getString(first + 1);
        String facts = rs.getString(first + 5);
        String vi = facts == null ? rs.getString(first + 4) : TimelinePhrases.vi(type, read(facts));
        String en = facts == null ? rs.getString(first + 4) : TimelinePhrases.en(type, read(facts));
        return new CardViews.TimelineEntry(at, VietnameseFormat.dateTime(at), type, rs.getString(first + 2),
                rs.getString(first + 3), vi, en);
    }

    private JsonNode read(String facts) {
        try {
            return json.readTree(facts);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a timeline row's facts are unreadable", e);
        }
    }

    private List<CardViews.Document> documents(String stored) {
        try {
            List<DocumentRef> refs = json.readValue(stored, new TypeReference<List<DocumentRef>>() {
            });
            return refs.stream().map(d -> new CardViews.Document(d.number(), VietnameseFormat.date(d.date()), d.title())).toList();
        } catch (Exception e) {
            throw new IllegalStateException("unreadable evidence", e);
        }
    }

    private Map<String, Object> valueView(IndicatorValue value) {
        if (value == null) {
            return null;
        }
        Map<String, Object> view = new LinkedHashMap<>();
        if (value instanceof IndicatorValue.Ratio r) {
            view.put("measure", "RATIO");
            view.put("numerator", r.numerator());
            view.put("denominator", r.denominator());
            view.put("share", r.share().setScale(4, RoundingMode.HALF_UP));
            view.put("display", VietnameseFormat.number(r.numerator()) + "/" + VietnameseFormat.number(r.denominator())
                    + " (" + VietnameseFormat.percent(r.share()) + ")");
        } else if (value instanceof IndicatorValue.YesNo y) {
            view.put("measure", "BOOLEAN");
            view.put("value", y.value());
            view.put("display", y.value() ? "Có" : "Không");
        } else {
            view.put("measure", "IN_PROGRESS");
            view.put("display", "Đang triển khai");
        }
        return view;
    }

    private static CardViews.Score score(AssessmentScore s) {
        return new CardViews.Score(s.points(), VietnameseFormat.points(s.points()), s.maxPoints(), s.total(), s.met(),
                s.inProgress(), s.notMet(), s.notAssessed(), s.passed());
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
