package vn.thanhhoa.cds.query.reference;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.util.*;
import java.util.stream.Collectors;

/**
 * The whole administrative map over time, read at once (a few thousand rows, held by {@link MapReader}): which units are in force
 * on a day, their name and parent on that day, their lineage, and the former district of a commune formed after the
 * districts were abolished.
 */
public final class MapSnapshot {
    public record Unit(String unitId, String code, String level, String kind, LocalDate from, LocalDate to) {
        public boolean inForceOn(LocalDate day) {
            return !from.isAfter(day) && (to == null || to.isAfter(day));
        }

        /** The last day the unit is in force, or the given day if it still is. */
        public LocalDate lastDayOr(LocalDate day) {
            return to == null || to.isAfter(day) ? day : to.minusDays(1);
        }
    }

    public record Version(String unitId, LocalDate from, LocalDate to, String name, String parentId) {
        boolean validOn(LocalDate day) {
            return !from.isAfter(day) && (to == null || to.isAfter(day));
        }
    }

    public record Link(String predecessorId, String successorId, String share, LocalDate date, String basis) {
    }

    private final Map<String, Unit> units = new LinkedHashMap<>();
    private final Map<String, List<Version>> versions = new HashMap<>();
    private final Map<String, List<Link>> bySuccessor = new HashMap<>();
    private final Map<String, List<Link>> byPredecessor = new HashMap<>();

    MapSnapshot(JdbcClient jdbc) {
        jdbc.sql("select unit_id, code, level, kind, effective_from, effective_to from q_unit order by code, effective_from")
                .query((rs, n) -> units.put(rs.getString(1), new Unit(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class))))
                .list();
        jdbc.sql("select unit_id, valid_from, valid_to, name, parent_id from q_unit_version")
                .query((rs, n) -> versions.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(new Version(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getObject(3, LocalDate.class),
                                rs.getString(4), rs.getString(5))))
                .list();
        jdbc.sql("select predecessor_id, successor_id, share, effective_date, basis from q_lineage")
                .query((rs, n) -> {
                    Link link = new Link(rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4, LocalDate.class), rs.getString(5));
                    bySuccessor.computeIfAbsent(link.successorId(), k -> new ArrayList<>()).add(link);
                    byPredecessor.computeIfAbsent(link.predecessorId(), k -> new ArrayList<>()).add(link);
                    return link;
                })
                .list();
    }

    public Optional<Unit> unit(String unitId) {
        return Optional.ofNullable(units.get(unitId));
    }

    public List<Unit> inForce(String level, LocalDate day) {
        return units.values().stream().filter(u -> u.level().equals(level) && u.inForceOn(day)).toList();
    }

    public Optional<Unit> inForce(String code, String level, LocalDate day) {
        return units.values().stream().filter(u -> u.code().equals(code) && u.level().equals(level) && u.inForceOn(day)).findFirst();
    }

    /** Every unit a code has named, oldest first. */
    public List<Unit> meanings(String code) {
        return units.values().stream().filter(u -> u.code().equals(code))
                .sorted(Comparator.comparing(Unit::from)).toList();
    }

    /** The unit's name and parent on a day (its last day if it has ceased by then). */
    public Version version(String unitId, LocalDate day) {
        Unit unit = units.get(unitId);
        LocalDate at = unit == null ? day : unit.lastDayOr(day);
        List<Version> list = versions.getOrDefault(unitId, List.of());
        return list.stream().filter(v -> v.validOn(at)).findFirst()
                .orElse(list.stream().max(Comparator.comparing(Version::from)).orElse(null));
    }

    public String name(String unitId, LocalDate day) {
        Version v = version(unitId, day);
        return v == null ? unitId : v.name();
    }

    public String parent(String unitId, LocalDate day) {
        Version v = version(unitId, day);
        return v == null ? null : v.parentId();
    }

    public List<Link> predecessors(String unitId) {
        return bySuccessor.getOrDefault(unitId, List.of());
    }

    public List<Link> successors(String unitId) {
        return byPredecessor.getOrDefault(unitId, List.of());
    }

    /** The units in force on a day that a unit's territory went to, following the lineage as far as needed. */
    public Set<String> successorsInForce(String unitId, LocalDate day) {
        Unit unit = units.get(unitId);
        if (unit == null) {
            return Set.of();
        }
        if (unit.inForceOn(day)) {
            return Set.of(unitId);
        }
        Set<String> result = new LinkedHashSet<>();
        for (Link link : successors(unitId)) {
            if (!link.successorId().equals(unitId)) {
                result.addAll(successorsInForce(link.successorId(), day));
            }
        }
        return result;
    }

    /**
     * The district a commune belonged to, or — for a commune formed after the districts ended — the former district
     * most of its predecessor communes belonged to (ties: the lowest code). Empty when no district is found.
     */
    public Optional<String> formerDistrict(String unitId) {
        Map<String, Integer> tally = new HashMap<>();
        collectDistricts(unitId, tally, new HashSet<>());
        return tally.entrySet().stream()
                .max(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
                        .thenComparing(e -> units.get(e.getKey()).code(), Comparator.reverseOrder()))
                .map(Map.Entry::getKey);
    }

    private void collectDistricts(String unitId, Map<String, Integer> tally, Set<String> seen) {
        if (!seen.add(unitId)) {
            return;
        }
        Unit unit = units.get(unitId);
        if (unit == null) {
            return;
        }
        String parent = parent(unitId, unit.lastDayOr(LocalDate.MAX.minusDays(1)));
        Unit parentUnit = parent == null ? null : units.get(parent);
        if (parentUnit != null && "DISTRICT".equals(parentUnit.level())) {
            tally.merge(parent, 1, Integer::sum);
            return;
        }
        predecessors(unitId).forEach(link -> collectDistricts(link.predecessorId(), tally, seen));
    }

    public Map<String, String> formerDistricts(Collection<Unit> communes) {
        return communes.stream().collect(Collectors.toMap(Unit::unitId, c -> formerDistrict(c.unitId()).orElse("")));
    }
}
