package vn.thanhhoa.cds.query.dashboard;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import vn.thanhhoa.cds.events.assessment.Stage;
import vn.thanhhoa.cds.events.common.ProvinceTime;
import vn.thanhhoa.cds.events.criteria.*;
import vn.thanhhoa.cds.query.card.CommuneResults.CommuneResult;
import vn.thanhhoa.cds.query.card.CommuneResults;
import vn.thanhhoa.cds.query.common.VietnameseFormat;
import vn.thanhhoa.cds.query.dashboard.DashboardViews.*;
import vn.thanhhoa.cds.query.reference.FrameworkReader;
import vn.thanhhoa.cds.query.reference.MapReader;
import vn.thanhhoa.cds.query.reference.MapSnapshot;
import vn.thanhhoa.cds.query.reference.YearTargets;
import vn.thanhhoa.cds.query.timetravel.Then;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.*;
import java.util.stream.Collectors;

/**
 * The province dashboard: communes recognised against the year's target, per district or former district, the
 * recognitions over the year, and the year restated to today's communes. Each answer reads one snapshot (REPEATABLE READ, read-only):
 * read table after table, a commit in between would give a view that never was (counts and rows apart).
 */
@Component
@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
public class ProvinceDashboards {
    private final CommuneResults results;
    private final YearTargets targets;
    private final FrameworkReader frameworks;
    private final MapReader maps;
    private final Clock clock;

    public ProvinceDashboards(CommuneResults results, YearTargets targets, FrameworkReader frameworks, MapReader maps,
                              Clock clock) {
        this.results = results;
        this.targets = targets;
        this.frameworks = frameworks;
        this.maps = maps;
        this.clock = clock;
    }

    /** The same queries over the read store as known at an instant. */
    ProvinceDashboards over(Then then) {
        return new ProvinceDashboards(new CommuneResults(then.jdbc(), then.frameworks()), new YearTargets(then.jdbc(), targets.provinceCode()),
                then.frameworks(), then.maps(), clock);
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
        LocalDate day = asOf != null ? asOf : ProvinceTime.mapDay(year, LocalDate.now(clock));
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
        List<CommuneResult> all = results.ofYear(year, inForceOn).stream().filter(a -> groupOf.containsKey(a.communeId())).toList();
        Map<String, List<CommuneResult>> byGroup = all.stream().collect(Collectors.groupingBy(a -> groupOf.get(a.communeId())));
        Map<String, Integer> targetOf = targets.of(year);
        List<String> groups = former
                ? groupOf.values().stream().filter(g -> !g.isEmpty()).distinct()
                        .sorted(Comparator.comparing(g -> map.unit(g).map(MapSnapshot.Unit::code).orElse(g))).toList()
                : districts.stream().map(MapSnapshot.Unit::unitId).toList();
        List<DistrictRow> rows = new ArrayList<>();
        for (String group : groups) {
            MapSnapshot.Unit district = map.unit(group).orElseThrow();
            List<CommuneResult> list = byGroup.getOrDefault(group, List.of());
            int target = former ? 0 : targetOf.getOrDefault(group, 0);
            int recognised = CommuneResults.count(list, Set.of(Stage.RECOGNISED.name()));
            String name = map.name(group, day);
            rows.add(new DistrictRow(district.code(), name, group, former,
                    former ? "Huyện cũ: " + name + " (former district)" : name,
                    (int) groupOf.values().stream().filter(group::equals).count(),
                    list.size(), CommuneResults.count(list, CommuneResults.SUBMITTED), CommuneResults.passing(list), recognised, target,
                    percent(recognised, target), Pipeline.of(list.stream().map(CommuneResult::stage).toList())));
        }
        int recognised = CommuneResults.count(all, Set.of(Stage.RECOGNISED.name()));
        int target = targetOf.getOrDefault(targets.provinceCode(), 0); // the year's targets read once
        String allocation = targets.allocation(year);
        List<DistrictRow> behind = rows.stream().filter(r -> r.target() > 0)
                .sorted(Comparator.comparing((DistrictRow r) -> r.target() - r.recognised()).reversed()
                        .thenComparing(DistrictRow::code))
                .limit(5).toList();
        return new ProvinceDashboard(year, VietnameseFormat.date(day), districts.size(), communes.size(), all.size(),
                CommuneResults.count(all, CommuneResults.SUBMITTED), CommuneResults.passing(all), recognised, target, recognised + "/" + target,
                allocation, former, rows, behind, progress(all), restated ? restated(map, year, day, inForceOn) : null,
                (int) all.stream().filter(a -> a.verdictInQuestion()
                        && (inForceOn == null || amendedBy(a.frameworkId(), inForceOn))).count(),
                Pipeline.of(all.stream().map(CommuneResult::stage).toList()),
                // counted by the district's own rule over all the province's registered communes, not a rule of its own
                DistrictDashboards.weakest(all, all.stream().map(CommuneResult::frameworkId).distinct()
                        .collect(Collectors.toMap(id -> id, frameworks::versions))));
    }

    /** Whether an amendment of the framework's points had been decided by that day (a verdict can be in question). */
    private boolean amendedBy(String frameworkId, LocalDate day) {
        return frameworks.versions(frameworkId).map(v -> v.versionOn(day) > 0).orElse(false);
    }

    /** The year's communes (on {@code yearDay}'s map) attributed to today's communes through the lineage. */
    private RestatedView restated(MapSnapshot map, int year, LocalDate yearDay, LocalDate inForceOn) {
        LocalDate today = LocalDate.now(clock);
        Map<String, CommuneResult> byCommune = results.ofYear(year, inForceOn).stream()
                .collect(Collectors.toMap(CommuneResult::communeId, a -> a, (a, b) -> a));
        Map<String, List<PredecessorResult>> byToday = new LinkedHashMap<>();
        for (MapSnapshot.Unit today_ : map.inForce("COMMUNE", today)) {
            byToday.put(today_.unitId(), new ArrayList<>());
        }
        for (MapSnapshot.Unit commune : map.inForce("COMMUNE", yearDay)) {
            CommuneResult a = byCommune.get(commune.unitId());
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
    private static List<ProgressPoint> progress(List<CommuneResult> rows) {
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

    /** {@code part} in % of {@code whole}, to one decimal (null without a whole): as a district's % of its target. */
    static BigDecimal percent(int part, int whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
    }
}
