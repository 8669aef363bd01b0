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

import java.time.LocalDate;
import java.util.Optional;

/**
 * The units the command side knows, with their validity, to resolve a code named in a request to the unit in force
 * on a date. Kept in the same transaction as the map's events (processing group {@value #GROUP}, subscribing).
 */
@Component
@ProcessingGroup(UnitDirectory.GROUP)
public class UnitDirectory implements MapFacts {
    public static final String GROUP = "command-lookups";

    private final JdbcClient jdbc;

    public UnitDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record KnownUnit(UnitId unitId, String name, UnitLevel level, UnitId parent) {
    }

    /** The unit with this code in force on the given day, if any. */
    public Optional<KnownUnit> inForce(String code, LocalDate day) {
        return jdbc.sql("""
                        select unit_id, name, level, parent_id from cmd_unit
                        where code = :code and effective_from <= :day and (effective_to is null or effective_to > :day)""")
                .param("code", code).param("day", day)
                .query((rs, n) -> new KnownUnit(UnitId.parse(rs.getString(1)), rs.getString(2),
                        UnitLevel.valueOf(rs.getString(3)),
                        rs.getString(4) == null ? null : UnitId.parse(rs.getString(4))))
                .optional();
    }

    /** Who appraises a commune without a district above it on the given day: the latest designation in force. */
    public Optional<UnitId> designatedAppraiser(LocalDate day) {
        return jdbc.sql("""
                        select appraiser_id from cmd_appraiser where effective_from <= :day
                        order by effective_from desc""")
                .param("day", day).query(String.class).list().stream().findFirst().map(UnitId::parse);
    }

    /** The unit's parent on a day: moves take effect on their dates, not when they are recorded. */
    public Optional<UnitId> parentOn(UnitId unit, LocalDate day) {
        return jdbc.sql("""
                        select parent_id from cmd_unit_parent where unit_id = :id and valid_from <= :day
                        order by valid_from desc""")
                .param("id", unit.toString()).param("day", day).query(String.class).list().stream().findFirst()
                .filter(java.util.Objects::nonNull).map(UnitId::parse);
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
        return jdbc.sql("select unit_id, name, level, parent_id from cmd_unit where unit_id = :id")
                .param("id", unitId.toString())
                .query((rs, n) -> new KnownUnit(UnitId.parse(rs.getString(1)), rs.getString(2),
                        UnitLevel.valueOf(rs.getString(3)),
                        rs.getString(4) == null ? null : UnitId.parse(rs.getString(4))))
                .optional();
    }

    @Override
    public boolean isSuccessor(UnitId predecessor, UnitId successor) {
        return jdbc.sql("select count(*) from cmd_lineage where predecessor_id = :p and successor_id = :s")
                .param("p", predecessor.toString()).param("s", successor.toString()).query(Long.class).single() > 0;
    }

    @Override
    public java.util.Map<UnitId, LocalDate> unitsCoded(String code) {
        java.util.Map<UnitId, LocalDate> units = new java.util.HashMap<>();
        jdbc.sql("select unit_id, effective_to from cmd_unit where code = :code").param("code", code)
                .query(rs -> {
                    units.put(UnitId.parse(rs.getString(1)), rs.getObject(2, LocalDate.class));
                });
        return units;
    }

    @Override
    public java.util.Map<UnitId, Share> predecessorsOf(UnitId successor) {
        java.util.Map<UnitId, Share> predecessors = new java.util.HashMap<>();
        jdbc.sql("select predecessor_id, share from cmd_lineage where successor_id = :s").param("s", successor.toString())
                .query(rs -> {
                    predecessors.put(UnitId.parse(rs.getString(1)), Share.valueOf(rs.getString(2)));
                });
        return predecessors;
    }

    /**
     * The unit that acts for the given one on a day: itself while in force, else the successor that stepped in for it
     * ({@link vn.thanhhoa.cds.events.map.Succession}), through chains; empty for a unit that ceased without one.
     */
    public Optional<UnitId> actingFor(UnitId unit, LocalDate day) {
        UnitId current = unit;
        for (int hop = 0; hop < 10; hop++) {
            boolean inForce = jdbc.sql("select count(*) from cmd_unit where unit_id = :id and (effective_to is null or effective_to > :day)")
                    .param("id", current.toString()).param("day", day).query(Long.class).single() > 0;
            if (inForce) {
                return Optional.of(current);
            }
            Optional<UnitId> successor = jdbc.sql("select successor_id from cmd_lineage where predecessor_id = :p and share <> 'PARTIAL' order by successor_id")
                    .param("p", current.toString()).query(String.class).list().stream().findFirst().map(UnitId::parse);
            if (successor.isEmpty()) {
                return Optional.empty();
            }
            current = successor.get();
        }
        return Optional.empty();
    }

    /** The communes of the given districts (by code) in force on a day, by code. */
    public java.util.List<KnownUnit> communesOf(java.util.Collection<String> districtCodes, LocalDate day) {
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
    }

    @EventHandler
    void on(AppraisalAuthorityDesignated event) {
        jdbc.sql("insert into cmd_appraiser (appraiser_id, effective_from) values (:id, :from)")
                .param("id", event.appraiser().toString()).param("from", event.effectiveFrom()).update();
    }

    private void lineage(UnitId predecessor, UnitId successor, Share share) {
        jdbc.sql("""
                        insert into cmd_lineage (predecessor_id, successor_id, share)
                        select :p, :s, :share where not exists
                          (select 1 from cmd_lineage where predecessor_id = :p and successor_id = :s)""")
                .param("p", predecessor.toString()).param("s", successor.toString()).param("share", share.name())
                .update();
    }

    private void end(UnitId unit, java.time.LocalDate day) {
        jdbc.sql("update cmd_unit set effective_to = :day where unit_id = :id")
                .param("day", day).param("id", unit.toString()).update();
    }
}
