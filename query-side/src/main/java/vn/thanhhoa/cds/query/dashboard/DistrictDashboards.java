package vn.thanhhoa.cds.query.dashboard;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import vn.thanhhoa.cds.events.assessment.Stage;
import vn.thanhhoa.cds.events.common.ProvinceTime;
import vn.thanhhoa.cds.events.criteria.*;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;
import vn.thanhhoa.cds.query.card.CommuneResults.CommuneResult;
import vn.thanhhoa.cds.query.card.CommuneResults;
import vn.thanhhoa.cds.query.common.DashboardCache;
import vn.thanhhoa.cds.query.common.ReadModelVersion;
import vn.thanhhoa.cds.query.common.UnitRef;
import vn.thanhhoa.cds.query.common.VietnameseFormat;
import vn.thanhhoa.cds.query.dashboard.DashboardViews.*;
import vn.thanhhoa.cds.query.reference.FrameworkReader;
import vn.thanhhoa.cds.query.reference.MapReader;
import vn.thanhhoa.cds.query.reference.MapSnapshot;
import vn.thanhhoa.cds.query.reference.YearTargets;
import vn.thanhhoa.cds.query.timetravel.Then;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.*;
import java.util.stream.Collectors;

/**
 * A district's dashboard: its communes by stage, recognised against its target, scores, the weakest indicators; after
 * the 2025 reform, a former district grouping today's communes. Each answer reads one snapshot (REPEATABLE READ, read-only):
 * read table after table, a commit in between would give a view that never was (counts and rows apart).
 */
@Component
@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
public class DistrictDashboards {
    private final CommuneResults results;
    private final YearTargets targets;
    private final FrameworkReader frameworks;
    private final MapReader maps;
    private final Clock clock;

    public DistrictDashboards(CommuneResults results, YearTargets targets, FrameworkReader frameworks,
                              MapReader maps, Clock clock) {
        this.results = results;
        this.targets = targets;
        this.frameworks = frameworks;
        this.maps = maps;
        this.clock = clock;
    }

    /** The same queries over the read store as known at an instant. */
    DistrictDashboards over(Then then) {
        return new DistrictDashboards(new CommuneResults(then.jdbc(), then.frameworks()), new YearTargets(then.jdbc(), targets.provinceCode()),
                then.frameworks(), then.maps(), clock);
    }

    /** The unit id of the district a code names on the year's map (or the former district it was): for read scopes. */
    public String districtUnitId(String code, int year) {
        return district(maps.current(), code, ProvinceTime.mapDay(year, LocalDate.now(clock))).unitId();
    }

    static MapSnapshot.Unit district(MapSnapshot map, String code, LocalDate day) {
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
        return district(code, year, asOf, inForceOn, new HashSet<>());
    }

    /**
     * Today's dashboard of a district with what it depends on beside the map, the frameworks and the targets: its
     * communes' assessments of the year, and their new ones (DashboardCache keeps it until one of them changes).
     */
    public DashboardCache.Scoped scopedDistrict(String code, int year) {
        Set<String> scope = new HashSet<>();
        return new DashboardCache.Scoped(district(code, year, null, null, scope), scope);
    }

    private DistrictDashboard district(String code, int year, LocalDate asOf, LocalDate inForceOn, Set<String> scope) {
        LocalDate day = asOf != null ? asOf : ProvinceTime.mapDay(year, LocalDate.now(clock));
        MapSnapshot map = maps.current();
        MapSnapshot.Unit district = district(map, code, day);
        boolean former = map.inForce(code, "DISTRICT", day).isEmpty();
        List<MapSnapshot.Unit> communes = communesOf(map, district, former, day);
        String districtName = map.name(district.unitId(), day);
        List<CommuneResult> ofYear = results.ofYear(year, inForceOn);
        Map<String, CommuneResult> byCommune = ofYear.stream()
                .collect(Collectors.toMap(CommuneResult::communeId, a -> a, (a, b) -> a));
        Set<String> communeIds = new HashSet<>();
        for (MapSnapshot.Unit commune : communes) {
            communeIds.add(commune.unitId());
            scope.add(ReadModelVersion.commune(commune.unitId(), year));
        }
        ofYear.stream().filter(a -> communeIds.contains(a.communeId())).forEach(a -> scope.add(ReadModelVersion.assessment(a.id())));
        Map<String, Integer> byStage = new LinkedHashMap<>();
        byStage.put("NOT_REGISTERED", 0);
        for (Stage s : Stage.values()) {
            byStage.put(s.name(), 0);
        }
        List<CommuneRow> rows = new ArrayList<>();
        List<CommuneResult> registered = new ArrayList<>();
        // the frameworks' points over time from memory; each row's figures as the projection kept them (no scoring)
        Map<String, Optional<FrameworkVersions>> frameworkOf = new HashMap<>();
        for (MapSnapshot.Unit commune : communes) {
            String name = map.name(commune.unitId(), day);
            CommuneResult a = byCommune.get(commune.unitId());
            if (a == null) {
                byStage.merge("NOT_REGISTERED", 1, Integer::sum);
                rows.add(new CommuneRow(commune.code(), name, "NOT_REGISTERED", "Chưa đăng ký", null, null, 0, 0, null, null, List.of(), false,
                        commune.unitId()));
                continue;
            }
            Optional<FrameworkVersions> versions = frameworkOf.computeIfAbsent(a.frameworkId(), frameworks::versions);
            CommuneResult row = inForceOn == null || versions.isEmpty() ? a : a.pointsInForceOn(versions.get(), inForceOn);
            registered.add(row);
            byStage.merge(row.stage(), 1, Integer::sum);
            CriteriaFramework framework = frameworks.find(a.frameworkId()).orElse(null); // held in memory, not re-derived
            List<PillarBrief> pillars = framework == null ? List.of() : row.pillars().stream()
                    .map(p -> new PillarBrief(p.code(), framework.pillars().stream().filter(f -> f.code().equals(p.code()))
                            .map(Pillar::name).findFirst().orElse(p.code()), p.met(), p.indicators(), p.points(), p.maxPoints()))
                    .toList();
            rows.add(new CommuneRow(commune.code(), name, row.stage(), Stage.valueOf(row.stage()).vi(),
                    row.selfPoints(), VietnameseFormat.points(row.selfPoints()), row.selfMet(), row.selfInProgress(),
                    row.appraisedPoints(), row.lastUpdate(), pillars, row.verdictInQuestion(), commune.unitId()));
        }
        int recognised = byStage.get(Stage.RECOGNISED.name());
        int target = former ? 0 : targets.of(year).getOrDefault(district.unitId(), 0);
        BigDecimal averagePoints = average(registered.stream().map(CommuneResult::selfPoints).toList());
        BigDecimal averageMet = average(registered.stream().map(a -> BigDecimal.valueOf(a.selfMet())).toList());
        Map<String, Integer> distribution = new LinkedHashMap<>();
        for (String bucket : List.of("<500", "500–599", "600–699", "700–799", "800–899", "≥900")) {
            distribution.put(bucket, 0);
        }
        registered.stream()
                .filter(a -> frameworkOf.get(a.frameworkId()).map(f -> f.published().scoring() == ScoringMethod.POINTS).orElse(false))
                .forEach(a -> distribution.merge(bucket(a.selfPoints()), 1, Integer::sum));
        return new DistrictDashboard(year, new UnitRef(district.code(), districtName, district.unitId()), former,
                former ? "Huyện cũ: " + districtName + " (former district)" : districtName,
                communes.size(), target, recognised, recognised + "/" + target, byStage, averagePoints, averageMet,
                distribution, weakest(registered, frameworkOf), rows);
    }

    /** The communes a district's dashboard shows: in the district on the day, or after the reform those it held. */
    private static List<MapSnapshot.Unit> communesOf(MapSnapshot map, MapSnapshot.Unit district, boolean former, LocalDate day) {
        return map.inForce("COMMUNE", day).stream()
                .filter(c -> district.unitId().equals(former ? map.formerDistrict(c.unitId()).orElse(null) : map.parent(c.unitId(), day)))
                .toList();
    }

    /** The unit ids of the communes {@link #district} shows for the code, year and day. */
    public List<String> districtCommuneIds(String code, int year, LocalDate asOf) {
        LocalDate day = asOf != null ? asOf : ProvinceTime.mapDay(year, LocalDate.now(clock));
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

    /**
     * Indicators the communes (a district's, or the province's) meet least often, from the indicators each meets
     * (kept by the card).
     */
    static List<WeakIndicator> weakest(List<CommuneResult> registered, Map<String, Optional<FrameworkVersions>> frameworkOf) {
        Map<String, int[]> tally = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        for (CommuneResult a : registered) {
            Optional<FrameworkVersions> versions = frameworkOf.get(a.frameworkId());
            if (versions.isEmpty()) {
                continue;
            }
            for (Indicator indicator : versions.get().published().indicators()) {
                names.put(indicator.code(), indicator.name());
                int[] t = tally.computeIfAbsent(indicator.code(), k -> new int[2]);
                t[0]++;
                if (a.met().contains(indicator.code())) {
                    t[1]++;
                }
            }
        }
        return tally.entrySet().stream()
                .map(e -> new WeakIndicator(e.getKey(), names.get(e.getKey()), e.getValue()[0], e.getValue()[1],
                        BigDecimal.valueOf(e.getValue()[1]).divide(BigDecimal.valueOf(e.getValue()[0]), 4, RoundingMode.HALF_UP)))
                .sorted(Comparator.comparing(WeakIndicator::shareMet).thenComparing(WeakIndicator::code))
                .limit(5).toList();
    }

    private static BigDecimal average(List<BigDecimal> values) {
        if (values.isEmpty()) {
            return null;
        }
        return values.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
                .divide(BigDecimal.valueOf(values.size()), MathContext.DECIMAL64).setScale(1, RoundingMode.HALF_UP);
    }
}
