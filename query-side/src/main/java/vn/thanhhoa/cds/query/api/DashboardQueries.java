package vn.thanhhoa.cds.query.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.events.assessment.Stage;
import vn.thanhhoa.cds.events.common.DocumentRef;
import vn.thanhhoa.cds.events.criteria.*;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;
import vn.thanhhoa.cds.query.api.Views.*;
import vn.thanhhoa.cds.query.projection.FrameworkReader;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.*;
import java.util.stream.Collectors;

/** Reads the read models into the views of the query API; counts and scores come from the stored facts. */
@Component
public class DashboardQueries {
    private static final Set<String> SUBMITTED = Set.of(Stage.SUBMITTED.name(), Stage.UNDER_APPRAISAL.name(),
            Stage.APPRAISED_PASS.name(), Stage.APPRAISED_FAIL.name(), Stage.RECOGNISED.name(), Stage.REVOKED.name());
    private static final Set<String> APPRAISED_PASS = Set.of(Stage.APPRAISED_PASS.name(), Stage.RECOGNISED.name());

    private final JdbcClient jdbc;
    private final FrameworkReader frameworks;
    private final ObjectMapper json;
    private final Clock clock;
    private final String provinceCode;

    public DashboardQueries(JdbcClient jdbc, FrameworkReader frameworks, ObjectMapper json, Clock clock,
                            @org.springframework.beans.factory.annotation.Value("${cds.province-code:38}") String provinceCode) {
        this.jdbc = jdbc;
        this.frameworks = frameworks;
        this.json = json;
        this.clock = clock;
        this.provinceCode = provinceCode;
    }

    /** The day whose map a year is shown on: its last day, or today for the current year. */
    LocalDate mapDate(int year) {
        LocalDate yearEnd = LocalDate.of(year, 12, 31);
        LocalDate today = LocalDate.now(clock);
        return today.isBefore(yearEnd) ? today : yearEnd;
    }

    private record Unit(String unitId, String code, String name, String parentId) {
    }

    private List<Unit> unitsInForce(String level, LocalDate day) {
        return jdbc.sql("""
                        select unit_id, code, name, parent_id from q_unit
                        where level = :level and effective_from <= :day and (effective_to is null or effective_to > :day)
                        order by code""")
                .param("level", level).param("day", day)
                .query((rs, n) -> new Unit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    private record AssessmentRow(String id, String communeId, String communeCode, String stage, BigDecimal selfPoints,
                                 int selfMet, int selfInProgress, BigDecimal appraisedPoints, Instant lastUpdate,
                                 Instant recognisedAt, String frameworkId) {
    }

    private List<AssessmentRow> assessments(int year) {
        return jdbc.sql("""
                        select assessment_id, commune_id, commune_code, stage, self_points, self_met, self_in_progress,
                               appraised_points, last_update, recognised_at, framework_id
                        from q_assessment where year = :year""")
                .param("year", year)
                .query((rs, n) -> new AssessmentRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBigDecimal(5), rs.getInt(6), rs.getInt(7), rs.getBigDecimal(8),
                        instant(rs.getObject(9, OffsetDateTime.class)), instant(rs.getObject(10, OffsetDateTime.class)),
                        rs.getString(11)))
                .list();
    }

    private Map<String, Integer> targets(int year) {
        Map<String, Integer> targets = new HashMap<>();
        jdbc.sql("select unit_id, communes from q_target where year = :year").param("year", year)
                .query((rs, n) -> targets.put(rs.getString(1), rs.getInt(2))).list();
        return targets;
    }

    public ProvinceDashboard province(int year) {
        LocalDate day = mapDate(year);
        List<Unit> districts = unitsInForce("DISTRICT", day);
        List<Unit> communes = unitsInForce("COMMUNE", day);
        Map<String, String> parentOf = communes.stream().collect(Collectors.toMap(Unit::unitId, u -> String.valueOf(u.parentId())));
        Map<String, List<AssessmentRow>> byDistrict = assessments(year).stream()
                .filter(a -> parentOf.containsKey(a.communeId()))
                .collect(Collectors.groupingBy(a -> parentOf.get(a.communeId())));
        Map<String, Integer> targets = targets(year);
        List<DistrictRow> rows = new ArrayList<>();
        for (Unit district : districts) {
            List<AssessmentRow> list = byDistrict.getOrDefault(district.unitId(), List.of());
            int target = targets.getOrDefault(district.unitId(), 0);
            int recognised = count(list, Set.of(Stage.RECOGNISED.name()));
            rows.add(new DistrictRow(district.code(), district.name(), district.unitId(),
                    (int) communes.stream().filter(c -> district.unitId().equals(c.parentId())).count(),
                    list.size(), count(list, SUBMITTED), count(list, APPRAISED_PASS), recognised, target,
                    percent(recognised, target)));
        }
        List<AssessmentRow> all = byDistrict.values().stream().flatMap(List::stream).toList();
        int recognised = count(all, Set.of(Stage.RECOGNISED.name()));
        int target = targets.getOrDefault(provinceCode, 0);
        String allocation = jdbc.sql("select allocation from q_target where year = :year and unit_id <> :province")
                .param("year", year).param("province", provinceCode).query(String.class).list().stream().findFirst().orElse(null);
        List<DistrictRow> behind = rows.stream().filter(r -> r.target() > 0)
                .sorted(Comparator.comparing((DistrictRow r) -> r.target() - r.recognised()).reversed()
                        .thenComparing(DistrictRow::code))
                .limit(5).toList();
        return new ProvinceDashboard(year, VietnameseFormat.date(day), districts.size(), communes.size(), all.size(),
                count(all, SUBMITTED), count(all, APPRAISED_PASS), recognised, target, recognised + "/" + target,
                allocation, rows, behind, progress(all));
    }

    private static List<ProgressPoint> progress(List<AssessmentRow> rows) {
        TreeMap<LocalDate, Integer> perDay = new TreeMap<>();
        rows.stream().filter(r -> r.recognisedAt() != null && Stage.RECOGNISED.name().equals(r.stage()))
                .forEach(r -> perDay.merge(r.recognisedAt().atZone(VietnameseFormat.ZONE).toLocalDate(), 1, Integer::sum));
        List<ProgressPoint> points = new ArrayList<>();
        int cumulative = 0;
        for (Map.Entry<LocalDate, Integer> e : perDay.entrySet()) {
            cumulative += e.getValue();
            points.add(new ProgressPoint(VietnameseFormat.date(e.getKey()), cumulative));
        }
        return points;
    }

    public DistrictDashboard district(String code, int year) {
        LocalDate day = mapDate(year);
        Unit district = unitsInForce("DISTRICT", day).stream().filter(d -> d.code().equals(code)).findFirst()
                .orElseThrow(() -> new ProblemException(ProblemKind.NOT_FOUND, "UNKNOWN_DISTRICT", "code",
                        "Không có huyện mã " + code + " năm " + year + ".", "No district " + code + " in " + year + "."));
        List<Unit> communes = unitsInForce("COMMUNE", day).stream().filter(c -> district.unitId().equals(c.parentId())).toList();
        Map<String, AssessmentRow> byCommune = assessments(year).stream()
                .collect(Collectors.toMap(AssessmentRow::communeId, a -> a, (a, b) -> a));
        Map<String, Integer> byStage = new LinkedHashMap<>();
        byStage.put("NOT_REGISTERED", 0);
        for (Stage s : Stage.values()) {
            byStage.put(s.name(), 0);
        }
        List<CommuneRow> rows = new ArrayList<>();
        List<AssessmentRow> registered = new ArrayList<>();
        for (Unit commune : communes) {
            AssessmentRow a = byCommune.get(commune.unitId());
            if (a == null) {
                byStage.merge("NOT_REGISTERED", 1, Integer::sum);
                rows.add(new CommuneRow(commune.code(), commune.name(), "NOT_REGISTERED", "Chưa đăng ký", null, null, 0, 0, null, null));
                continue;
            }
            registered.add(a);
            byStage.merge(a.stage(), 1, Integer::sum);
            rows.add(new CommuneRow(commune.code(), commune.name(), a.stage(), Stage.valueOf(a.stage()).vi(),
                    a.selfPoints(), VietnameseFormat.points(a.selfPoints()), a.selfMet(), a.selfInProgress(),
                    a.appraisedPoints(), a.lastUpdate()));
        }
        int recognised = byStage.get(Stage.RECOGNISED.name());
        int target = targets(year).getOrDefault(district.unitId(), 0);
        BigDecimal averagePoints = average(registered.stream().map(AssessmentRow::selfPoints).toList());
        BigDecimal averageMet = average(registered.stream().map(a -> BigDecimal.valueOf(a.selfMet())).toList());
        Map<String, Integer> distribution = new LinkedHashMap<>();
        for (String bucket : List.of("<500", "500–599", "600–699", "700–799", "800–899", "≥900")) {
            distribution.put(bucket, 0);
        }
        registered.stream().filter(a -> a.selfPoints().signum() > 0 || isPoints(a.frameworkId()))
                .forEach(a -> distribution.merge(bucket(a.selfPoints()), 1, Integer::sum));
        return new DistrictDashboard(year, new UnitRef(district.code(), district.name(), district.unitId()),
                communes.size(), target, recognised, recognised + "/" + target, byStage, averagePoints, averageMet,
                distribution, weakest(registered), rows);
    }

    private boolean isPoints(String frameworkId) {
        return frameworks.find(frameworkId).map(f -> f.scoring() == ScoringMethod.POINTS).orElse(false);
    }

    private static String bucket(BigDecimal points) {
        int p = points.intValue();
        if (p < 500) return "<500";
        if (p >= 900) return "≥900";
        int low = p / 100 * 100;
        return low + "–" + (low + 99);
    }

    /** Indicators the district's communes meet least often, from their reported values. */
    private List<WeakIndicator> weakest(List<AssessmentRow> registered) {
        Map<String, int[]> tally = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        Map<String, List<AssessmentRow>> byFramework = registered.stream().collect(Collectors.groupingBy(AssessmentRow::frameworkId));
        for (Map.Entry<String, List<AssessmentRow>> group : byFramework.entrySet()) {
            CriteriaFramework framework = frameworks.find(group.getKey()).orElseThrow();
            Map<String, Indicator> indicators = framework.indicatorsByCode();
            indicators.values().forEach(i -> names.put(i.code(), i.name()));
            for (AssessmentRow a : group.getValue()) {
                Map<String, IndicatorValue> values = reportedValues(a.id());
                for (Indicator indicator : indicators.values()) {
                    IndicatorResult result = Scoring.score(indicator, values.get(indicator.code()));
                    int[] t = tally.computeIfAbsent(indicator.code(), k -> new int[2]);
                    t[0]++;
                    if (result.status() == IndicatorStatus.DAT) {
                        t[1]++;
                    }
                }
            }
        }
        return tally.entrySet().stream()
                .map(e -> new WeakIndicator(e.getKey(), names.get(e.getKey()), e.getValue()[0], e.getValue()[1],
                        BigDecimal.valueOf(e.getValue()[1]).divide(BigDecimal.valueOf(e.getValue()[0]), 4, RoundingMode.HALF_UP)))
                .sorted(Comparator.comparing(WeakIndicator::shareMet).thenComparing(WeakIndicator::code))
                .limit(5).toList();
    }

    private Map<String, IndicatorValue> reportedValues(String assessmentId) {
        Map<String, IndicatorValue> values = new HashMap<>();
        jdbc.sql("select indicator_code, reported_value from q_indicator where assessment_id = :id and reported_value is not null")
                .param("id", assessmentId)
                .query((rs, n) -> values.put(rs.getString(1), frameworks.value(rs.getString(2)))).list();
        return values;
    }

    public CommuneCard communeCard(String code, int year) {
        record Row(String id, String communeId, String appraiserId, String frameworkId, String stage,
                   BigDecimal concludedScore, Boolean concludedPassed, String report, String decision, Instant lastUpdate) {
        }
        Row row = jdbc.sql("""
                        select assessment_id, commune_id, appraiser_id, framework_id, stage, concluded_score,
                               concluded_passed, report_number, recognition_decision, last_update
                        from q_assessment where commune_code = :code and year = :year
                        order by registered_at desc""")
                .param("code", code).param("year", year)
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getBigDecimal(6), (Boolean) rs.getObject(7), rs.getString(8),
                        rs.getString(9), instant(rs.getObject(10, OffsetDateTime.class))))
                .list().stream().findFirst()
                .orElseThrow(() -> {
                    boolean known = jdbc.sql("select count(*) from q_unit where code = :code and level = 'COMMUNE'")
                            .param("code", code).query(Long.class).single() > 0;
                    return known
                            ? new ProblemException(ProblemKind.NOT_FOUND, "ASSESSMENT_NOT_FOUND", "year",
                            "Xã " + code + " chưa đăng ký đánh giá năm " + year + ".",
                            "Commune " + code + " has no assessment for " + year + ".")
                            : new ProblemException(ProblemKind.NOT_FOUND, "UNKNOWN_COMMUNE", "code",
                            "Không có xã/phường/thị trấn mã " + code + ".", "No commune with code " + code + ".");
                });
        CriteriaFramework framework = frameworks.find(row.frameworkId()).orElseThrow();
        Map<String, IndicatorValue> reported = new HashMap<>();
        Map<String, IndicatorValue> appraised = new HashMap<>();
        Map<String, String> notes = new HashMap<>();
        Map<String, List<Document>> evidence = new HashMap<>();
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
        boolean appraising = !Set.of(Stage.REGISTERED.name(), Stage.SUBMITTED.name(), Stage.RETURNED.name()).contains(row.stage());
        Score appraisedScore = null;
        if (appraising) {
            Map<String, IndicatorValue> merged = new HashMap<>(reported);
            merged.putAll(appraised);
            appraisedScore = score(Scoring.score(framework, merged));
        }
        Map<String, IndicatorResult> results = self.indicators().stream().collect(Collectors.toMap(IndicatorResult::code, r -> r));
        List<PillarLine> pillars = new ArrayList<>();
        for (int p = 0; p < framework.pillars().size(); p++) {
            Pillar pillar = framework.pillars().get(p);
            PillarScore ps = self.pillars().get(p);
            List<IndicatorLine> lines = pillar.indicators().stream().map(i -> {
                IndicatorResult r = results.get(i.code());
                IndicatorValue a = appraised.get(i.code());
                return new IndicatorLine(i.code(), i.name(), i.nameEn(), i.measure().name(), i.target(), i.maxPoints(),
                        i.mandatory(), valueView(reported.get(i.code())), r.status().name(), r.status().vi(), r.points(),
                        valueView(a), a == null ? null : Scoring.score(i, a).status().name(), notes.get(i.code()),
                        evidence.getOrDefault(i.code(), List.of()), VietnameseFormat.dateTime(reportedAt.get(i.code())));
            }).toList();
            pillars.add(new PillarLine(pillar.code(), pillar.name(), pillar.nameEn(), ps.indicators(), ps.met(),
                    ps.inProgress(), ps.notMet(), ps.notAssessed(), ps.points(), ps.maxPoints(), lines));
        }
        Unit commune = unit(row.communeId());
        Unit district = row.appraiserId() == null ? null : unit(row.appraiserId());
        return new CommuneCard(row.id(), new UnitRef(commune.code(), commune.name(), commune.unitId()),
                district == null ? null : new UnitRef(district.code(), district.name(), district.unitId()), year,
                framework.id(), framework.title(), framework.scoring().name(), row.stage(), Stage.valueOf(row.stage()).vi(),
                score(self), appraisedScore, row.concludedScore(), row.concludedPassed(), row.report(), row.decision(),
                row.lastUpdate(), VietnameseFormat.dateTime(row.lastUpdate()), pillars,
                evidence.values().stream().flatMap(List::stream).distinct().toList(),
                scoreHistory(row.id()), timeline(row.id()));
    }

    private List<ScoreChange> scoreHistory(String id) {
        return jdbc.sql("""
                        select scored_at, cause, self_points, self_met, appraised_points from q_score_history
                        where assessment_id = :id order by id""")
                .param("id", id)
                .query((rs, n) -> new ScoreChange(VietnameseFormat.dateTime(instant(rs.getObject(1, OffsetDateTime.class))),
                        rs.getString(2), rs.getBigDecimal(3), rs.getInt(4), rs.getBigDecimal(5)))
                .list();
    }

    private List<TimelineEntry> timeline(String id) {
        return jdbc.sql("""
                        select occurred_at, event_type, actor, actor_unit, summary from q_timeline
                        where assessment_id = :id order by id""")
                .param("id", id)
                .query((rs, n) -> {
                    Instant at = instant(rs.getObject(1, OffsetDateTime.class));
                    return new TimelineEntry(at, VietnameseFormat.dateTime(at), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5));
                })
                .list();
    }

    private Unit unit(String unitId) {
        return jdbc.sql("select unit_id, code, name, parent_id from q_unit where unit_id = :id").param("id", unitId)
                .query((rs, n) -> new Unit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .single();
    }

    private List<Document> documents(String stored) {
        try {
            List<DocumentRef> refs = json.readValue(stored, new TypeReference<List<DocumentRef>>() {
            });
            return refs.stream().map(d -> new Document(d.number(), VietnameseFormat.date(d.date()), d.title())).toList();
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

    private static Score score(AssessmentScore s) {
        return new Score(s.points(), VietnameseFormat.points(s.points()), s.maxPoints(), s.total(), s.met(),
                s.inProgress(), s.notMet(), s.notAssessed(), s.passed());
    }

    private static int count(List<AssessmentRow> rows, Set<String> stages) {
        return (int) rows.stream().filter(r -> stages.contains(r.stage())).count();
    }

    private static BigDecimal percent(int part, int whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
    }

    private static BigDecimal average(List<BigDecimal> values) {
        if (values.isEmpty()) {
            return null;
        }
        return values.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
                .divide(BigDecimal.valueOf(values.size()), MathContext.DECIMAL64).setScale(1, RoundingMode.HALF_UP);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
