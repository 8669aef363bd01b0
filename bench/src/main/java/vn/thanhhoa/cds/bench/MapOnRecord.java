package vn.thanhhoa.cds.bench;

import vn.thanhhoa.cds.events.criteria.CriteriaFramework;
import vn.thanhhoa.cds.events.map.UnitId;

import java.sql.Connection;
import java.sql.Date;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The map and the frameworks as the platform's command side holds them (its lookups cmd_unit, cmd_unit_parent,
 * cmd_appraiser, cmd_framework, filled from the reference data at the platform's first start): the generator names
 * communes and appraisers exactly as a command would.
 */
final class MapOnRecord {
    record Unit(UnitId id, String code, String name, String level, LocalDate from, LocalDate to) {
        boolean inForce(LocalDate day) {
            return !from.isAfter(day) && (to == null || to.isAfter(day));
        }
    }

    private final Map<String, List<Unit>> byCode = new HashMap<>();
    private final Map<String, Unit> byId = new HashMap<>();
    private final Map<String, TreeMap<LocalDate, String>> parents = new HashMap<>();
    private final TreeMap<LocalDate, String> designated = new TreeMap<>();
    private final TreeMap<Integer, CriteriaFramework> frameworksByYear = new TreeMap<>();
    /** The framework the province assigned to each year, by id: the one a registration is made under. */
    private final Map<Integer, String> assigned = new HashMap<>();
    private final Map<String, CriteriaFramework> frameworksById = new HashMap<>();

    MapOnRecord(Connection db) throws SQLException {
        try (var st = db.createStatement()) {
            try (var rows = st.executeQuery("select unit_id, code, name, level, effective_from, effective_to from cmd_unit")) {
                while (rows.next()) {
                    Date to = rows.getDate(6);
                    Unit unit = new Unit(UnitId.parse(rows.getString(1)), rows.getString(2), rows.getString(3), rows.getString(4),
                            rows.getDate(5).toLocalDate(), to == null ? null : to.toLocalDate());
                    byCode.computeIfAbsent(unit.code(), c -> new ArrayList<>()).add(unit);
                    byId.put(rows.getString(1), unit);
                }
            }
            try (var rows = st.executeQuery("select unit_id, valid_from, parent_id from cmd_unit_parent")) {
                while (rows.next()) {
                    parents.computeIfAbsent(rows.getString(1), u -> new TreeMap<>()).put(rows.getDate(2).toLocalDate(), rows.getString(3));
                }
            }
            try (var rows = st.executeQuery("select appraiser_id, effective_from from cmd_appraiser")) {
                while (rows.next()) {
                    designated.put(rows.getDate(2).toLocalDate(), rows.getString(1));
                }
            }
            try (var rows = st.executeQuery("select definition from cmd_framework")) {
                while (rows.next()) {
                    CriteriaFramework framework = Json.MAPPER.readValue(rows.getString(1), CriteriaFramework.class);
                    frameworksByYear.put(framework.year(), framework);
                    frameworksById.put(framework.id(), framework);
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("a stored framework is unreadable", e);
            }
            try (var rows = st.executeQuery("select year, framework_id from cmd_reporting_year")) {
                while (rows.next()) {
                    assigned.put(rows.getInt(1), rows.getString(2));
                }
            }
        }
        if (byId.isEmpty() || frameworksByYear.isEmpty()) {
            throw new IllegalStateException("The database holds no map or no framework: start the platform on it once "
                    + "(profile postgres) so that it records the reference data, then generate.");
        }
    }

    /** The commune with this code in force on the day, as the command API resolves a code. */
    Optional<Unit> commune(String code, LocalDate day) {
        return byCode.getOrDefault(code, List.of()).stream()
                .filter(u -> u.level().equals("COMMUNE") && u.inForce(day)).findFirst();
    }

    List<Unit> communesInForce(LocalDate day) {
        return byId.values().stream().filter(u -> u.level().equals("COMMUNE") && u.inForce(day))
                .sorted(java.util.Comparator.comparing(Unit::code)).toList();
    }

    /** As UnitDirectory.appraiserOf: the commune's parent that day if it is a district, else the designated body. */
    Optional<UnitId> appraiserOf(UnitId commune, LocalDate day) {
        var history = parents.get(commune.toString());
        if (history != null) {
            var entry = history.floorEntry(day);
            if (entry != null && entry.getValue() != null) {
                Unit parent = byId.get(entry.getValue());
                if (parent != null && parent.level().equals("DISTRICT")) {
                    return Optional.of(parent.id());
                }
            }
        }
        var designation = designated.floorEntry(day);
        return designation == null ? Optional.empty() : Optional.of(UnitId.parse(designation.getValue()));
    }

    Optional<Unit> unit(UnitId id) {
        return Optional.ofNullable(byId.get(id.toString()));
    }

    /** The latest framework published for a year at or before the assessment's. */
    CriteriaFramework frameworkFor(int year) {
        if (assigned.containsKey(year)) {
            return framework(assigned.get(year));
        }
        var entry = frameworksByYear.floorEntry(year);
        if (entry == null) {
            throw new IllegalStateException("no framework for " + year);
        }
        return entry.getValue();
    }

    CriteriaFramework framework(String id) {
        return Optional.ofNullable(frameworksById.get(id)).orElseThrow(() -> new IllegalStateException("no framework " + id));
    }
}
