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
import vn.thanhhoa.cds.query.projection.MapReader;
import vn.thanhhoa.cds.query.projection.MapSnapshot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.*;
import java.util.stream.Collectors;

/**
 * Reads the read models into the views of the query API; counts and scores come from the stored facts. Each answer
 * reads one snapshot (REPEATABLE READ, read-only): read table after table, a commit in between would give a view that
 * never was (a card's timeline of one event with the totals of the one before; a district's counts and rows apart).
 */
@Component
@org.springframework.transaction.annotation.Transactional(readOnly = true,
        isolation = org.springframework.transaction.annotation.Isolation.REPEATABLE_READ)
public class DashboardQueries {
    private static final Set<String> SUBMITTED = Set.of(Stage.SUBMITTED.name(), Stage.UNDER_APPRAISAL.name(),
            Stage.APPRAISED_PASS.name(), Stage.APPRAISED_FAIL.name(), Stage.RECOGNISED.name(), Stage.REVOKED.name());
    private static final Set<String> APPRAISED_PASS = Set.of(Stage.APPRAISED_PASS.name(), Stage.RECOGNISED.name());

    private final JdbcClient jdbc;
    private final FrameworkReader frameworks;
    private final MapReader maps;
    private final ObjectMapper json;
    private final Clock clock;
    private final String provinceCode;

    public DashboardQueries(JdbcClient jdbc, FrameworkReader frameworks, MapReader maps, ObjectMapper json, Clock clock,
                            @org.springframework.beans.factory.annotation.Value("${cds.province-code:38}") String provinceCode) {
        this.jdbc = jdbc;
        this.frameworks = frameworks;
        this.maps = maps;
        this.json = json;
        this.clock = clock;
        this.provinceCode = provinceCode;
    }

    /** The day whose map a year is shown on (ProvinceTime.mapDay). */
    LocalDate mapDate(int year) {
        return vn.thanhhoa.cds.events.common.ProvinceTime.mapDay(year, LocalDate.now(clock));
    }

    private record AssessmentRow(String id, String communeId, String communeCode, String stage, BigDecimal selfPoints,
                                 int selfMet, int selfInProgress, BigDecimal appraisedPoints, Instant lastUpdate,
                                 Instant recognisedAt, String frameworkId, boolean verdictInQuestion,
                                 LocalDate recognitionDate, LocalDate revocationDate) {
        /** The day a recognition counts from: its decision's date, else the day it was recorded. */
        LocalDate recognisedOn() {
            return recognitionDate != null ? recognitionDate : recognisedAt.atZone(VietnameseFormat.ZONE).toLocalDate();
        }

        /**
         * The row as the decisions in force on a day had it, as known now: a recognition decided after the day is not
         * yet one (the commune stands appraised Đạt); a revocation decided after it has not yet taken the recognition.
         */
        AssessmentRow inForceOn(LocalDate day) {
            boolean recognisedStage = Stage.RECOGNISED.name().equals(stage) || Stage.REVOKED.name().equals(stage);
            if (day == null || !recognisedStage || recognisedAt == null) {
                return this;
            }
            String then = recognisedOn().isAfter(day) ? Stage.APPRAISED_PASS.name()
                    : revocationDate != null && !revocationDate.isAfter(day) ? Stage.REVOKED.name() : Stage.RECOGNISED.name();
            return new AssessmentRow(id, communeId, communeCode, then, selfPoints, selfMet, selfInProgress, appraisedPoints,
                    lastUpdate, recognisedAt, frameworkId, verdictInQuestion, recognitionDate,
                    then.equals(Stage.REVOKED.name()) ? revocationDate : null);
        }
    }

    private List<AssessmentRow> assessments(int year, LocalDate inForceOn) {
        return jdbc.sql("""
                        select assessment_id, commune_id, commune_code, stage, self_points, self_met, self_in_progress,
                               appraised_points, last_update, recognised_at, framework_id, verdict_in_question,
                               recognition_date, revocation_date
                        from q_assessment where year = :year""")
                .param("year", year)
                .query((rs, n) -> new AssessmentRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBigDecimal(5), rs.getInt(6), rs.getInt(7), rs.getBigDecimal(8),
                        instant(rs.getObject(9, OffsetDateTime.class)), instant(rs.getObject(10, OffsetDateTime.class)),
                        rs.getString(11), rs.getBoolean(12), rs.getObject(13, LocalDate.class),
                        rs.getObject(14, LocalDate.class)).inForceOn(inForceOn))
                .list();
    }

    private Map<String, Integer> targets(int year) {
        Map<String, Integer> targets = new HashMap<>();
        jdbc.sql("select unit_id, communes from q_target where year = :year").param("year", year)
                .query((rs, n) -> targets.put(rs.getString(1), rs.getInt(2))).list();
        return targets;
    }

    /**
     * The province dashboard of a year on the map in force on {@code asOf} (by default the year's map): per district
     * while districts exist, per former district after. With {@code restated}, the year's results are also attributed
     * to today's communes through the lineage.
     */
    public ProvinceDashboard province(int year, LocalDate asOf, boolean restated) {
        return province(year, asOf, restated, null);
    }

    /** ... with the decisions in force on {@code inForceOn} (as known now): recognitions and revocations by their dates. */
    public ProvinceDashboard province(int year, LocalDate asOf, boolean restated, LocalDate inForceOn) {
        LocalDate day = asOf != null ? asOf : mapDate(year);
        MapSnapshot map = maps.current();
        List<MapSnapshot.Unit> districts = map.inForce("DISTRICT", day);
        List<MapSnapshot.Unit> communes = map.inForce("COMMUNE", day);
        boolean former = districts.isEmpty();
        // each commune's group: its district on that day, or its former district after the reform
        Map<String, String> groupOf = new HashMap<>();
        for (MapSnapshot.Unit commune : communes) {
            groupOf.put(commune.unitId(), former ? map.formerDistrict(commune.unitId()).orElse("")
                    : String.valueOf(map.parent(commune.unitId(), day)));
        }
        List<AssessmentRow> all = assessments(year, inForceOn).stream().filter(a -> groupOf.containsKey(a.communeId())).toList();
        Map<String, List<AssessmentRow>> byGroup = all.stream().collect(Collectors.groupingBy(a -> groupOf.get(a.communeId())));
        Map<String, Integer> targets = targets(year);
        List<String> groups = former
                ? groupOf.values().stream().filter(g -> !g.isEmpty()).distinct()
                        .sorted(Comparator.comparing(g -> map.unit(g).map(MapSnapshot.Unit::code).orElse(g))).toList()
                : districts.stream().map(MapSnapshot.Unit::unitId).toList();
        List<DistrictRow> rows = new ArrayList<>();
        for (String group : groups) {
            MapSnapshot.Unit district = map.unit(group).orElseThrow();
            List<AssessmentRow> list = byGroup.getOrDefault(group, List.of());
            int target = former ? 0 : targets.getOrDefault(group, 0);
            int recognised = count(list, Set.of(Stage.RECOGNISED.name()));
            String name = map.name(group, day);
            rows.add(new DistrictRow(district.code(), name, group, former,
                    former ? "Huyện cũ: " + name + " (former district)" : name,
                    (int) groupOf.values().stream().filter(group::equals).count(),
                    list.size(), count(list, SUBMITTED), count(list, APPRAISED_PASS), recognised, target,
                    percent(recognised, target)));
        }
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
                allocation, former, rows, behind, progress(all), restated ? restated(map, year, day, inForceOn) : null,
                (int) all.stream().filter(a -> a.verdictInQuestion()
                        && (inForceOn == null || amendedBy(a.frameworkId(), inForceOn))).count());
    }

    /** The year's communes (on {@code yearDay}'s map) attributed to today's communes through the lineage. */
    private RestatedView restated(MapSnapshot map, int year, LocalDate yearDay, LocalDate inForceOn) {
        LocalDate today = LocalDate.now(clock);
        Map<String, AssessmentRow> byCommune = assessments(year, inForceOn).stream()
                .collect(Collectors.toMap(AssessmentRow::communeId, a -> a, (a, b) -> a));
        Map<String, List<PredecessorResult>> byToday = new LinkedHashMap<>();
        for (MapSnapshot.Unit today_ : map.inForce("COMMUNE", today)) {
            byToday.put(today_.unitId(), new ArrayList<>());
        }
        for (MapSnapshot.Unit commune : map.inForce("COMMUNE", yearDay)) {
            AssessmentRow a = byCommune.get(commune.unitId());
            String stage = a == null ? "NOT_REGISTERED" : a.stage();
            for (String successor : map.successorsInForce(commune.unitId(), today)) {
                String share = commune.unitId().equals(successor) ? "UNCHANGED" : map.successors(commune.unitId()).stream()
                        .filter(l -> l.successorId().equals(successor)).map(MapSnapshot.Link::share).findFirst().orElse("FULL");
                byToday.computeIfAbsent(successor, k -> new ArrayList<>()).add(new PredecessorResult(commune.code(),
                        map.name(commune.unitId(), yearDay), commune.unitId(), share, stage, Stage.RECOGNISED.name().equals(stage)));
            }
        }
        List<RestatedRow> rows = new ArrayList<>();
        for (Map.Entry<String, List<PredecessorResult>> e : byToday.entrySet()) {
            MapSnapshot.Unit unit = map.unit(e.getKey()).orElseThrow();
            String district = map.formerDistrict(unit.unitId()).orElse(null);
            int n = e.getValue().size();
            int k = (int) e.getValue().stream().filter(PredecessorResult::recognised).count();
            rows.add(new RestatedRow(unit.code(), map.name(unit.unitId(), today), unit.unitId(),
                    district == null ? null : map.unit(district).map(MapSnapshot.Unit::code).orElse(null),
                    district == null ? null : map.name(district, today),
                    n, k, k + "/" + n + " xã tiền thân được công nhận", e.getValue()));
        }
        rows.sort(Comparator.comparing(RestatedRow::code));
        return new RestatedView(VietnameseFormat.date(today), rows.size(),
                rows.stream().mapToInt(RestatedRow::predecessors).sum(),
                rows.stream().mapToInt(RestatedRow::recognisedPredecessors).sum(), rows);
    }

    /** Recognitions over the year by the dates of their decisions (a back-dated decision counts from its date). */
    private static List<ProgressPoint> progress(List<AssessmentRow> rows) {
        TreeMap<LocalDate, Integer> perDay = new TreeMap<>();
        rows.stream().filter(r -> r.recognisedAt() != null && Stage.RECOGNISED.name().equals(r.stage()))
                .forEach(r -> perDay.merge(r.recognisedOn(), 1, Integer::sum));
        List<ProgressPoint> points = new ArrayList<>();
        int cumulative = 0;
        for (Map.Entry<LocalDate, Integer> e : perDay.entrySet()) {
            cumulative += e.getValue();
            points.add(new ProgressPoint(VietnameseFormat.date(e.getKey()), cumulative));
        }
        return points;
    }

    /** The unit id of the district a code names on the year's map (or the former district it was): for read scopes. */
    public String districtUnitId(String code, int year) {
        return district(maps.current(), code, mapDate(year)).unitId();
    }

    private static MapSnapshot.Unit district(MapSnapshot map, String code, LocalDate day) {
        return map.inForce(code, "DISTRICT", day).or(() -> map.meanings(code).stream()
                        .filter(u -> "DISTRICT".equals(u.level())).reduce((a, b) -> b))
                .orElseThrow(() -> new ProblemException(ProblemKind.NOT_FOUND, "UNKNOWN_DISTRICT", "code",
                        "Không có huyện mã " + code + ".", "No district " + code + "."));
    }

    /** A district of the year's map; after the reform, a former district grouping today's communes. */
    public DistrictDashboard district(String code, int year, LocalDate asOf) {
        return district(code, year, asOf, null);
    }

    /** ... with the decisions in force on {@code inForceOn} (as known now). */
    public DistrictDashboard district(String code, int year, LocalDate asOf, LocalDate inForceOn) {
        LocalDate day = asOf != null ? asOf : mapDate(year);
        MapSnapshot map = maps.current();
        MapSnapshot.Unit district = district(map, code, day);
        boolean former = map.inForce(code, "DISTRICT", day).isEmpty();
        List<MapSnapshot.Unit> communes = communesOf(map, district, former, day);
        String districtName = map.name(district.unitId(), day);
        Map<String, AssessmentRow> byCommune = assessments(year, inForceOn).stream()
                .collect(Collectors.toMap(AssessmentRow::communeId, a -> a, (a, b) -> a));
        Map<String, Integer> byStage = new LinkedHashMap<>();
        byStage.put("NOT_REGISTERED", 0);
        for (Stage s : Stage.values()) {
            byStage.put(s.name(), 0);
        }
        List<CommuneRow> rows = new ArrayList<>();
        List<AssessmentRow> registered = new ArrayList<>();
        Map<String, Optional<CriteriaFramework>> frameworkOf = new HashMap<>();
        Map<String, Map<String, IndicatorValue>> valuesOf = new HashMap<>();
        for (MapSnapshot.Unit commune : communes) {
            String name = map.name(commune.unitId(), day);
            AssessmentRow a = byCommune.get(commune.unitId());
            if (a == null) {
                byStage.merge("NOT_REGISTERED", 1, Integer::sum);
                rows.add(new CommuneRow(commune.code(), name, "NOT_REGISTERED", "Chưa đăng ký", null, null, 0, 0, null, null, List.of(), false,
                        commune.unitId()));
                continue;
            }
            valuesOf.put(a.id(), reportedValues(a.id()));
            Optional<CriteriaFramework> framework = frameworkOf.computeIfAbsent(a.frameworkId(),
                    id -> frameworks.find(id).map(f -> pointsInForceOn(f, inForceOn)));
            AssessmentRow row = inForceOn == null || framework.isEmpty() ? a
                    : scoredWith(a, framework.get(), valuesOf.get(a.id()), inForceOn);
            registered.add(row);
            byStage.merge(row.stage(), 1, Integer::sum);
            List<PillarBrief> pillars = framework
                    .map(f -> Scoring.score(f, valuesOf.get(row.id())).pillars().stream()
                            .map(p -> new PillarBrief(p.code(), p.name(), p.met(), p.indicators(), p.points(), p.maxPoints())).toList())
                    .orElse(List.of());
            rows.add(new CommuneRow(commune.code(), name, row.stage(), Stage.valueOf(row.stage()).vi(),
                    row.selfPoints(), VietnameseFormat.points(row.selfPoints()), row.selfMet(), row.selfInProgress(),
                    row.appraisedPoints(), row.lastUpdate(), pillars, row.verdictInQuestion(), commune.unitId()));
        }
        int recognised = byStage.get(Stage.RECOGNISED.name());
        int target = former ? 0 : targets(year).getOrDefault(district.unitId(), 0);
        BigDecimal averagePoints = average(registered.stream().map(AssessmentRow::selfPoints).toList());
        BigDecimal averageMet = average(registered.stream().map(a -> BigDecimal.valueOf(a.selfMet())).toList());
        Map<String, Integer> distribution = new LinkedHashMap<>();
        for (String bucket : List.of("<500", "500–599", "600–699", "700–799", "800–899", "≥900")) {
            distribution.put(bucket, 0);
        }
        registered.stream()
                .filter(a -> frameworkOf.get(a.frameworkId()).map(f -> f.scoring() == ScoringMethod.POINTS).orElse(false))
                .forEach(a -> distribution.merge(bucket(a.selfPoints()), 1, Integer::sum));
        return new DistrictDashboard(year, new UnitRef(district.code(), districtName, district.unitId()), former,
                former ? "Huyện cũ: " + districtName + " (former district)" : districtName,
                communes.size(), target, recognised, recognised + "/" + target, byStage, averagePoints, averageMet,
                distribution, weakest(registered, frameworkOf, valuesOf), rows);
    }

    /** The communes a district's dashboard shows: in the district on the day, or after the reform those it held. */
    private static List<MapSnapshot.Unit> communesOf(MapSnapshot map, MapSnapshot.Unit district, boolean former, LocalDate day) {
        return map.inForce("COMMUNE", day).stream()
                .filter(c -> district.unitId().equals(former ? map.formerDistrict(c.unitId()).orElse(null) : map.parent(c.unitId(), day)))
                .toList();
    }

    /** The unit ids of the communes {@link #district} shows for the code, year and day. */
    public List<String> districtCommuneIds(String code, int year, LocalDate asOf) {
        LocalDate day = asOf != null ? asOf : mapDate(year);
        MapSnapshot map = maps.current();
        return communesOf(map, district(map, code, day), map.inForce(code, "DISTRICT", day).isEmpty(), day).stream()
                .map(MapSnapshot.Unit::unitId).toList();
    }

    private static String bucket(BigDecimal points) {
        int p = points.intValue();
        if (p < 500) return "<500";
        if (p >= 900) return "≥900";
        int low = p / 100 * 100;
        return low + "–" + (low + 99);
    }

    /** Indicators the district's communes meet least often, from their reported values. */
    private static List<WeakIndicator> weakest(List<AssessmentRow> registered, Map<String, Optional<CriteriaFramework>> frameworkOf,
                                               Map<String, Map<String, IndicatorValue>> valuesOf) {
        Map<String, int[]> tally = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        Map<String, List<AssessmentRow>> byFramework = registered.stream().collect(Collectors.groupingBy(AssessmentRow::frameworkId));
        for (Map.Entry<String, List<AssessmentRow>> group : byFramework.entrySet()) {
            CriteriaFramework framework = frameworkOf.get(group.getKey()).orElseThrow();
            Map<String, Indicator> indicators = framework.indicatorsByCode();
            indicators.values().forEach(i -> names.put(i.code(), i.name()));
            for (AssessmentRow a : group.getValue()) {
                Map<String, IndicatorValue> values = valuesOf.get(a.id());
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

    /** The framework with the points in force on a day: the amendments decided after it undone, latest first. */
    private CriteriaFramework pointsInForceOn(CriteriaFramework framework, LocalDate day) {
        if (day == null) {
            return framework;
        }
        Map<Integer, Map<String, BigDecimal>> later = new java.util.TreeMap<>(Comparator.reverseOrder());
        jdbc.sql("""
                        select sequence, indicator_code, previous_points from q_framework_amendment
                        where framework_id = :id and decided_on > :day""")
                .param("id", framework.id()).param("day", day)
                .query((rs, n) -> later.computeIfAbsent(rs.getInt(1), k -> new HashMap<>())
                        .put(rs.getString(2), rs.getBigDecimal(3)))
                .list();
        CriteriaFramework then = framework;
        for (Map<String, BigDecimal> previous : later.values()) {
            then = then.withPoints(previous);
        }
        return then;
    }

    /**
     * A row scored with the points in force on a day. Its verdict was in question then only if an amendment of its
     * framework had been decided by that day.
     */
    private AssessmentRow scoredWith(AssessmentRow a, CriteriaFramework framework, Map<String, IndicatorValue> reported,
                                     LocalDate day) {
        AssessmentScore self = Scoring.score(framework, reported);
        BigDecimal appraisedPoints = a.appraisedPoints();
        if (appraisedPoints != null) {
            Map<String, IndicatorValue> merged = new HashMap<>(reported);
            jdbc.sql("select indicator_code, appraised_value from q_indicator where assessment_id = :id and appraised_value is not null")
                    .param("id", a.id())
                    .query((rs, n) -> merged.put(rs.getString(1), frameworks.value(rs.getString(2)))).list();
            appraisedPoints = Scoring.score(framework, merged).points();
        }
        return new AssessmentRow(a.id(), a.communeId(), a.communeCode(), a.stage(), self.points(), self.met(),
                self.inProgress(), appraisedPoints, a.lastUpdate(), a.recognisedAt(), a.frameworkId(),
                a.verdictInQuestion() && amendedBy(framework.id(), day), a.recognitionDate(), a.revocationDate());
    }

    /** Whether an amendment of the framework's points had been decided by that day (a verdict can be in question). */
    private boolean amendedBy(String frameworkId, LocalDate day) {
        return jdbc.sql("select count(*) from q_framework_amendment where framework_id = :id and decided_on <= :day")
                .param("id", frameworkId).param("day", day).query(Long.class).single() > 0;
    }

    private Map<String, IndicatorValue> reportedValues(String assessmentId) {
        Map<String, IndicatorValue> values = new HashMap<>();
        jdbc.sql("select indicator_code, reported_value from q_indicator where assessment_id = :id and reported_value is not null")
                .param("id", assessmentId)
                .query((rs, n) -> values.put(rs.getString(1), frameworks.value(rs.getString(2)))).list();
        return values;
    }

    /** A commune's card for a year: the code names the unit in force on {@code asOf} (by default the year's map). */
    public CommuneCard communeCard(String code, int year, LocalDate asOf) {
        LocalDate day = asOf != null ? asOf : mapDate(year);
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
        boolean appraising = !Set.of(Stage.REGISTERED.name(), Stage.SUBMITTED.name(), Stage.WITHDRAWN.name(),
                Stage.RETURNED.name()).contains(row.stage());
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
        String appraiser = row.appraiserId();
        return new CommuneCard(row.id(), new UnitRef(unit.code(), map.name(unit.unitId(), day), unit.unitId()),
                appraiser == null ? null : new UnitRef(map.unit(appraiser).map(MapSnapshot.Unit::code).orElse(appraiser),
                        map.name(appraiser, day), appraiser), year,
                framework.id(), framework.title(), framework.scoring().name(), row.stage(), Stage.valueOf(row.stage()).vi(),
                score(self), appraisedScore, row.concludedScore(), row.concludedPassed(), row.verdictInQuestion(),
                row.report(), row.decision(),
                row.lastUpdate(), VietnameseFormat.dateTime(row.lastUpdate()), pillars,
                evidence.values().stream().flatMap(List::stream).distinct().toList(),
                scoreHistory(row.id()), timeline(row.id()), List.of());
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
                        select occurred_at, event_type, actor, actor_unit, summary, facts from q_timeline
                        where assessment_id = :id order by id""")
                .param("id", id)
                .query((rs, n) -> {
                    Instant at = instant(rs.getObject(1, OffsetDateTime.class));
                    String facts = rs.getString(6);
                    String vi = facts == null ? rs.getString(5) : TimelinePhrases.vi(rs.getString(2), read(facts));
                    String en = facts == null ? rs.getString(5) : TimelinePhrases.en(rs.getString(2), read(facts));
                    return new TimelineEntry(at, VietnameseFormat.dateTime(at), rs.getString(2), rs.getString(3),
                            rs.getString(4), vi, en);
                })
                .list();
    }

    private com.fasterxml.jackson.databind.JsonNode read(String facts) {
        try {
            return json.readTree(facts);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a timeline row's facts are unreadable", e);
        }
    }

    /** Where communes fall short: for each indicator and district, the share of registered communes meeting it. */
    public Heatmap heatmap(int year, LocalDate asOf) {
        LocalDate day = asOf != null ? asOf : mapDate(year);
        MapSnapshot map = maps.current();
        boolean former = map.inForce("DISTRICT", day).isEmpty();
        Map<String, String> groupOf = new HashMap<>();
        for (MapSnapshot.Unit commune : map.inForce("COMMUNE", day)) {
            String group = former ? map.formerDistrict(commune.unitId()).orElse(null) : map.parent(commune.unitId(), day);
            if (group != null) {
                groupOf.put(commune.unitId(), group);
            }
        }
        List<String> groups = groupOf.values().stream().distinct()
                .sorted(Comparator.comparing(g -> map.unit(g).map(MapSnapshot.Unit::code).orElse(g))).toList();
        List<AssessmentRow> registered = assessments(year, null).stream().filter(a -> groupOf.containsKey(a.communeId())).toList();
        // indicators of the framework most of the year's communes use
        String frameworkId = registered.stream().collect(Collectors.groupingBy(AssessmentRow::frameworkId, Collectors.counting()))
                .entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElse(year >= 2023 ? "TH-XA-1829-2023" : "TH-XA-2022");
        Optional<CriteriaFramework> known = frameworks.find(frameworkId);
        if (known.isEmpty()) {
            return new Heatmap(year, VietnameseFormat.date(day), List.of(), List.of());
        }
        CriteriaFramework framework = known.get();
        Map<String, int[][]> tally = new HashMap<>(); // indicator → [group][assessed, met]
        for (AssessmentRow a : registered) {
            if (!a.frameworkId().equals(frameworkId)) {
                continue;
            }
            int column = groups.indexOf(groupOf.get(a.communeId()));
            Map<String, IndicatorValue> values = reportedValues(a.id());
            for (Indicator indicator : framework.indicators()) {
                int[][] cells = tally.computeIfAbsent(indicator.code(), k -> new int[groups.size()][2]);
                cells[column][0]++;
                if (Scoring.score(indicator, values.get(indicator.code())).status() == IndicatorStatus.DAT) {
                    cells[column][1]++;
                }
            }
        }
        List<HeatmapRow> rows = new ArrayList<>();
        for (Pillar pillar : framework.pillars()) {
            for (Indicator indicator : pillar.indicators()) {
                int[][] cells = tally.getOrDefault(indicator.code(), new int[groups.size()][2]);
                List<BigDecimal> shares = new ArrayList<>();
                List<Integer> assessed = new ArrayList<>();
                for (int[] cell : cells) {
                    assessed.add(cell[0]);
                    shares.add(cell[0] == 0 ? null : BigDecimal.valueOf(cell[1]).divide(BigDecimal.valueOf(cell[0]), 3, RoundingMode.HALF_UP));
                }
                rows.add(new HeatmapRow(indicator.code(), indicator.name(), pillar.name(), shares, assessed));
            }
        }
        return new Heatmap(year, VietnameseFormat.date(day), groups.stream()
                .map(g -> new UnitRef(map.unit(g).orElseThrow().code(), map.name(g, day), g)).toList(), rows);
    }

    /** The map in force on a day. */
    public MapView map(LocalDate day) {
        MapSnapshot map = maps.current();
        List<MapUnit> units = new ArrayList<>();
        for (String level : List.of("PROVINCE", "DISTRICT", "COMMUNE")) {
            map.inForce(level, day).forEach(u -> units.add(mapUnit(map, u, day)));
        }
        return new MapView(VietnameseFormat.date(day), map.inForce("DISTRICT", day).size(),
                map.inForce("COMMUNE", day).size(), units);
    }

    /** Every unit a code has named, with the period it was in force: a code is not an identity. */
    public List<MapUnit> codeMeanings(String code) {
        MapSnapshot map = maps.current();
        List<MapUnit> meanings = map.meanings(code).stream().map(u -> mapUnit(map, u, u.lastDayOr(LocalDate.now(clock)))).toList();
        if (meanings.isEmpty()) {
            throw new ProblemException(ProblemKind.NOT_FOUND, "UNKNOWN_CODE", "code", "Không có đơn vị nào mang mã " + code + ".",
                    "No unit has ever had code " + code + ".");
        }
        return meanings;
    }

    /** A unit's predecessors and successors, with the share of territory and the legal basis. */
    public LineageView lineage(String unitId) {
        MapSnapshot map = maps.current();
        MapSnapshot.Unit unit = map.unit(unitId).orElseThrow(() -> new ProblemException(ProblemKind.NOT_FOUND, "UNKNOWN_UNIT",
                "unitId", "Không có đơn vị " + unitId + ".", "No unit " + unitId + "."));
        LocalDate day = unit.lastDayOr(LocalDate.now(clock));
        return new LineageView(mapUnit(map, unit, day),
                map.predecessors(unitId).stream().map(l -> link(map, l.predecessorId(), l)).toList(),
                map.successors(unitId).stream().map(l -> link(map, l.successorId(), l)).toList());
    }

    private LineageLink link(MapSnapshot map, String other, MapSnapshot.Link link) {
        MapSnapshot.Unit unit = map.unit(other).orElseThrow();
        return new LineageLink(other, unit.code(), map.name(other, unit.lastDayOr(LocalDate.now(clock))), link.share(),
                VietnameseFormat.date(link.date()), link.basis());
    }

    private static MapUnit mapUnit(MapSnapshot map, MapSnapshot.Unit u, LocalDate day) {
        return new MapUnit(u.unitId(), u.code(), map.name(u.unitId(), day), u.level(), u.kind(), map.parent(u.unitId(), day),
                VietnameseFormat.date(u.from()), u.to() == null ? null : VietnameseFormat.date(u.to().minusDays(1)));
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
