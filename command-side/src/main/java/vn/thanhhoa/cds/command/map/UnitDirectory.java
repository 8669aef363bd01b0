package vn.thanhhoa.cds.command.map;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.events.map.AdministrativeUnitRegistered;
import vn.thanhhoa.cds.events.map.UnitId;
import vn.thanhhoa.cds.events.map.UnitLevel;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The units the command side knows, with their validity, to resolve a code named in a request to the unit in force
 * on a date. Kept in the same transaction as the map's events (processing group {@value #GROUP}, subscribing).
 */
@Component
@ProcessingGroup(UnitDirectory.GROUP)
public class UnitDirectory {
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
    }
}
