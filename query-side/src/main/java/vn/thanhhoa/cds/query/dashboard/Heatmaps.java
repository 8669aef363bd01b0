package vn.thanhhoa.cds.query.dashboard;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import vn.thanhhoa.cds.events.common.ProvinceTime;
import vn.thanhhoa.cds.events.criteria.*;
import vn.thanhhoa.cds.query.card.CommuneResults.CommuneResult;
import vn.thanhhoa.cds.query.card.CommuneResults;
import vn.thanhhoa.cds.query.common.UnitRef;
import vn.thanhhoa.cds.query.common.VietnameseFormat;
import vn.thanhhoa.cds.query.dashboard.DashboardViews.*;
import vn.thanhhoa.cds.query.reference.FrameworkReader;
import vn.thanhhoa.cds.query.reference.MapReader;
import vn.thanhhoa.cds.query.reference.MapSnapshot;
import vn.thanhhoa.cds.query.timetravel.Then;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.*;
import java.util.stream.Collectors;

/** The heat map: for each indicator and district, the share of registered communes meeting it. Each answer reads one snapshot (REPEATABLE READ, read-only):
 * read table after table, a commit in between would give a view that never was (counts and rows apart). */
@Component
@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
public class Heatmaps {
    private final CommuneResults results;
    private final FrameworkReader frameworks;
    private final MapReader maps;
    private final Clock clock;

    public Heatmaps(CommuneResults results, FrameworkReader frameworks, MapReader maps, Clock clock) {
        this.results = results;
        this.frameworks = frameworks;
        this.maps = maps;
        this.clock = clock;
    }

    /** The same queries over the read store as known at an instant. */
    Heatmaps over(Then then) {
        return new Heatmaps(new CommuneResults(then.jdbc(), then.frameworks()), then.frameworks(), then.maps(), clock);
    }

    /** Where communes fall short: for each indicator and district, the share of registered communes meeting it. */
    public Heatmap heatmap(int year, LocalDate asOf) {
        LocalDate day = asOf != null ? asOf : ProvinceTime.mapDay(year, LocalDate.now(clock));
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
        List<CommuneResult> registered = results.ofYear(year, null).stream().filter(a -> groupOf.containsKey(a.communeId())).toList();
        // indicators of the framework most of the year's communes use
        String frameworkId = registered.stream().collect(Collectors.groupingBy(CommuneResult::frameworkId, Collectors.counting()))
                .entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElse(year >= 2023 ? "TH-XA-1829-2023" : "TH-XA-2022");
        Optional<CriteriaFramework> known = frameworks.find(frameworkId);
        if (known.isEmpty()) {
            return new Heatmap(year, VietnameseFormat.date(day), List.of(), List.of());
        }
        CriteriaFramework framework = known.get();
        Map<String, int[][]> tally = new HashMap<>(); // indicator → [group][assessed, met]
        for (CommuneResult a : registered) {
            if (!a.frameworkId().equals(frameworkId)) {
                continue;
            }
            int column = groups.indexOf(groupOf.get(a.communeId()));
            for (Indicator indicator : framework.indicators()) {
                int[][] cells = tally.computeIfAbsent(indicator.code(), k -> new int[groups.size()][2]);
                cells[column][0]++;
                if (a.met().contains(indicator.code())) { // kept by the card: no scoring here
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
}
