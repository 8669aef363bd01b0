package vn.thanhhoa.cds.command.map;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.events.map.AdministrativeUnitDissolved;
import vn.thanhhoa.cds.events.map.AdministrativeUnitMoved;
import vn.thanhhoa.cds.events.map.AdministrativeUnitRegistered;
import vn.thanhhoa.cds.events.map.AdministrativeUnitRenamed;
import vn.thanhhoa.cds.events.map.AdministrativeUnitSplit;
import vn.thanhhoa.cds.events.map.AdministrativeUnitsMerged;
import vn.thanhhoa.cds.events.map.AppraisalAuthorityDesignated;
import vn.thanhhoa.cds.events.map.Share;
import vn.thanhhoa.cds.events.map.UnitId;
import vn.thanhhoa.cds.events.map.UnitLevel;
import vn.thanhhoa.cds.command.assessment.MapFacts;
import vn.thanhhoa.cds.infra.cache.LoadedUntilChanged;
import vn.thanhhoa.cds.infra.cache.NodeSignals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The units the command side knows, with their validity, to resolve a code named in a request to the unit in force
 * on a date. Kept in tables in the same transaction as the map's events (processing group {@value #GROUP},
 * subscribing), and read from memory.
 */
@Component
@ProcessingGroup(UnitDirectory.GROUP)
public class UnitDirectory implements MapFacts {
    public static final String GROUP = "command-lookups";

    private final JdbcClient jdbc;
    /** Commands read the map from memory; the handlers below drop it when they change it. */
    private final LoadedUntilChanged<Loaded> map;

    public UnitDirectory(JdbcClient jdbc, NodeSignals signals) {
        this.jdbc = jdbc;
        this.map = new LoadedUntilChanged<>(signals, "command-map", this::load);
    }

    public record KnownUnit(UnitId unitId, String name, UnitLevel level, UnitId parent) {
    }

    /** The unit with this code in force on the given day, if any. */
    public Optional<KnownUnit> inForce(String code, LocalDate day) {
        return map.get().coded(code).stream().filter(u -> u.inForceOn(day)).map(Row::unit).findFirst();
    }

    /** Who appraises a commune without a district above it on the given day: the latest designation in force. */
    public Optional<UnitId> designatedAppraiser(LocalDate day) {
        return map.get().designations().stream().filter(d -> !d.from().isAfter(day))
                .max(Comparator.comparing(Designation::from)).map(Designation::appraiser);
    }

    /** The unit's parent on a day: moves take effect on their dates, not when they are recorded. */
    public Optional<UnitId> parentOn(UnitId unit, LocalDate day) {
        return map.get().parents().getOrDefault(unit, List.of()).stream().filter(p -> !p.from().isAfter(day))
                .max(Comparator.comparing(Period::from)).map(Period::parent);
    }

    /** The unit that appraises a commune: its district while it has one, otherwise the designated provincial body. */
    @Override
    public Optional<UnitId> appraiserOf(UnitId commune, LocalDate day) {
        return find(commune).flatMap(unit -> appraiserOf(unit, day));
    }

    public Optional<UnitId> appraiserOf(KnownUnit commune, LocalDate day) {
        Optional<UnitId> parentThatDay = parentOn(commune.unitId(), day);
        if (parentThatDay.isPresent()) {
            Optional<KnownUnit> parent = find(parentThatDay.get());
            if (parent.isPresent() && parent.get().level() == UnitLevel.DISTRICT) {
                return Optional.of(parent.get().unitId());
            }
        }
        return designatedAppraiser(day);
    }

    public Optional<KnownUnit> find(UnitId unitId) {
        return Optional.ofNullable(map.get().units().get(unitId)).map(Row::unit);
    }

    @Override
    public boolean isSuccessor(UnitId predecessor, UnitId successor) {
        return predecessorsOf(successor).containsKey(predecessor);
    }

    @Override
    public Map<UnitId, LocalDate> unitsCoded(String code) {
        Map<UnitId, LocalDate> units = new HashMap<>();
        map.get().coded(code).forEach(u -> units.put(u.unit().unitId(), u.effectiveTo()));
        return units;
    }

    @Override
    public Map<UnitId, Share> predecessorsOf(UnitId successor) {
        return map.get().predecessors().getOrDefault(successor, Map.of());
    }

    /**
     * The unit that acts for the given one on a day: itself while in force, else the successor that stepped in for it
     * ({@link vn.thanhhoa.cds.events.map.Succession}), through chains; empty for a unit that ceased without one.
     */
    public Optional<UnitId> actingFor(UnitId unit, LocalDate day) {
        Loaded known = map.get();
        UnitId current = unit;
        for (int hop = 0; hop < 10 && known.units().containsKey(current); hop++) {
            if (known.units().get(current).inForceOn(day)) {
                return Optional.of(current);
            }
            UnitId from = current;
            Optional<UnitId> successor = known.predecessors().entrySet().stream()
                    .filter(e -> e.getValue().containsKey(from) && e.getValue().get(from).successorStepsIn())
                    .map(Map.Entry::getKey).min(Comparator.comparing(UnitId::toString));
            if (successor.isEmpty()) {
                return Optional.empty();
            }
            current = successor.get();
        }
        return Optional.empty();
    }

    private record Row(KnownUnit unit, LocalDate effectiveTo) {
        boolean inForceOn(LocalDate day) {
            return !unit.unitId().effectiveFrom().isAfter(day) && (effectiveTo == null || effectiveTo.isAfter(day));
        }
    }

    private record Period(LocalDate from, UnitId parent) {
    }

    private record Designation(UnitId appraiser, LocalDate from) {
    }

    /** The whole map as the command side knows it: a thousand units in Thanh Hóa, some ten thousand for the country. */
    private record Loaded(Map<UnitId, Row> units, Map<String, List<Row>> byCode, Map<UnitId, List<Period>> parents,
                          Map<UnitId, Map<UnitId, Share>> predecessors, List<Designation> designations) {
        List<Row> coded(String code) {
            return byCode.getOrDefault(code, List.of());
        }
    }

    private Loaded load() {
        Map<UnitId, Row> units = new HashMap<>();
        jdbc.sql("select unit_id, name, level, parent_id, effective_to from cmd_unit").query(rs -> {
            UnitId id = UnitId.parse(rs.getString(1));
            units.put(id, new Row(new KnownUnit(id, rs.getString(2), UnitLevel.valueOf(rs.getString(3)),
                    rs.getString(4) == null ? null : UnitId.parse(rs.getString(4))), rs.getObject(5, LocalDate.class)));
        });
        Map<UnitId, List<Period>> parents = new HashMap<>();
        jdbc.sql("select unit_id, valid_from, parent_id from cmd_unit_parent").query(rs -> {
            parents.computeIfAbsent(UnitId.parse(rs.getString(1)), u -> new ArrayList<>()).add(new Period(
                    rs.getObject(2, LocalDate.class), rs.getString(3) == null ? null : UnitId.parse(rs.getString(3))));
        });
        Map<UnitId, Map<UnitId, Share>> predecessors = new HashMap<>();
        jdbc.sql("select predecessor_id, successor_id, share from cmd_lineage").query(rs -> {
            predecessors.computeIfAbsent(UnitId.parse(rs.getString(2)), u -> new HashMap<>())
                    .put(UnitId.parse(rs.getString(1)), Share.valueOf(rs.getString(3)));
        });
        List<Designation> designations = jdbc.sql("select appraiser_id, effective_from from cmd_appraiser")
                .query((rs, n) -> new Designation(UnitId.parse(rs.getString(1)), rs.getObject(2, LocalDate.class))).list();
        Map<String, List<Row>> byCode = units.values().stream().collect(Collectors.groupingBy(r -> r.unit().unitId().code()));
        return new Loaded(Map.copyOf(units), Map.copyOf(byCode), Map.copyOf(parents), Map.copyOf(predecessors),
                List.copyOf(designations));
    }

    /** The communes of the given districts (by code) in force on a day, by code. */
    public List<KnownUnit> communesOf(java.util.Collection<String> districtCodes, LocalDate day) {
        return jdbc.sql("""
                        select c.unit_id, c.name, c.level, c.parent_id from cmd_unit c join cmd_unit d on d.unit_id = c.parent_id
                        where c.level = 'COMMUNE' and d.code in (:districts)
                          and c.effective_from <= :day and (c.effective_to is null or c.effective_to > :day)
                        order by c.code""")
                .param("districts", districtCodes).param("day", day)
                .query((rs, n) -> new KnownUnit(UnitId.parse(rs.getString(1)), rs.getString(2), UnitLevel.valueOf(rs.getString(3)),
                        UnitId.parse(rs.getString(4))))
                .list();
    }

    public long count() {
        return jdbc.sql("select count(*) from cmd_unit").query(Long.class).single();
    }

    @EventHandler
    void on(AdministrativeUnitRegistered event) {
        jdbc.sql("""
                        insert into cmd_unit (unit_id, code, name, level, parent_id, effective_from)
                        values (:id, :code, :name, :level, :parent, :from)""")
                .param("id", event.unitId().toString()).param("code", event.unitId().code())
                .param("name", event.name()).param("level", event.level().name())
                .param("parent", event.parent() == null ? null : event.parent().toString())
                .param("from", event.effectiveFrom())
                .update();
        parent(event.unitId(), event.effectiveFrom(), event.parent());
        map.changed();
    }

    @EventHandler
    void on(AdministrativeUnitsMerged event) {
        for (AdministrativeUnitsMerged.Part part : event.predecessors()) {
            lineage(part.unit(), event.successor(), part.share());
            if (part.share() == Share.FULL || part.share() == Share.UNCHANGED) {
                end(part.unit(), event.effectiveDate());
            }
        }
    }

    @EventHandler
    void on(AdministrativeUnitSplit event) {
        event.successors().forEach(part -> lineage(event.predecessor(), part.unit(), part.share()));
        end(event.predecessor(), event.effectiveDate());
    }

    @EventHandler
    void on(AdministrativeUnitDissolved event) {
        end(event.unit(), event.effectiveDate());
    }

    @EventHandler
    void on(AdministrativeUnitRenamed event) {
        jdbc.sql("update cmd_unit set name = :name where unit_id = :id")
                .param("name", event.newName()).param("id", event.unit().toString()).update();
        map.changed();
    }

    /** From its date on: cmd_unit keeps the parent the unit was registered under, cmd_unit_parent every period. */
    @EventHandler
    void on(AdministrativeUnitMoved event) {
        parent(event.unit(), event.effectiveDate(), event.newParent());
    }

    private void parent(UnitId unit, LocalDate from, UnitId parent) {
        jdbc.sql("delete from cmd_unit_parent where unit_id = :id and valid_from = :from")
                .param("id", unit.toString()).param("from", from).update();
        jdbc.sql("insert into cmd_unit_parent (unit_id, valid_from, parent_id) values (:id, :from, :parent)")
                .param("id", unit.toString()).param("from", from).param("parent", parent == null ? null : parent.toString())
                .update();
        map.changed();
    }

    @EventHandler
    void on(AppraisalAuthorityDesignated event) {
        jdbc.sql("insert into cmd_appraiser (appraiser_id, effective_from) values (:id, :from)")
                .param("id", event.appraiser().toString()).param("from", event.effectiveFrom()).update();
        map.changed();
    }

    private void lineage(UnitId predecessor, UnitId successor, Share share) {
        jdbc.sql("""
                        insert into cmd_lineage (predecessor_id, successor_id, share)
                        select :p, :s, :share where not exists
                          (select 1 from cmd_lineage where predecessor_id = :p and successor_id = :s)""")
                .param("p", predecessor.toString()).param("s", successor.toString()).param("share", share.name())
                .update();
        map.changed();
    }

    private void end(UnitId unit, java.time.LocalDate day) {
        jdbc.sql("update cmd_unit set effective_to = :day where unit_id = :id")
                .param("day", day).param("id", unit.toString()).update();
        map.changed();
    }
}
