package vn.thanhhoa.cds.command.referencedata;

import vn.thanhhoa.cds.events.map.UnitId;
import vn.thanhhoa.cds.events.targets.DistrictTarget;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Splits a province's yearly target among districts in proportion to their commune counts, by largest remainder, so
 * the parts add up exactly. Used only because Decision 969's annex with the official split is not available; the
 * event says so ({@code PROPORTIONAL_TO_COMMUNE_COUNT}).
 */
public final class TargetSplit {
    private TargetSplit() {
    }

    public static List<DistrictTarget> proportional(int total, Map<UnitId, Integer> communes) {
        int all = communes.values().stream().mapToInt(Integer::intValue).sum();
        record Share(UnitId district, int floor, long remainder) {
        }
        List<Share> shares = new ArrayList<>();
        int given = 0;
        for (Map.Entry<UnitId, Integer> e : communes.entrySet()) {
            long exact = (long) total * e.getValue();
            shares.add(new Share(e.getKey(), (int) (exact / all), exact % all));
            given += (int) (exact / all);
        }
        int left = total - given;
        List<Share> byRemainder = new ArrayList<>(shares);
        byRemainder.sort(Comparator.comparingLong(Share::remainder).reversed()
                .thenComparing(s -> s.district().code()));
        List<UnitId> bonus = byRemainder.subList(0, left).stream().map(Share::district).toList();
        return shares.stream()
                .map(s -> new DistrictTarget(s.district(), s.floor() + (bonus.contains(s.district()) ? 1 : 0)))
                .toList();
    }
}
