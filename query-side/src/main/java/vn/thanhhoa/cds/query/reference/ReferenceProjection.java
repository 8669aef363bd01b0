package vn.thanhhoa.cds.query.reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.events.common.ProvinceTime;
import vn.thanhhoa.cds.events.criteria.CriteriaFrameworkPublished;
import vn.thanhhoa.cds.events.criteria.FrameworkPointsAmended;
import vn.thanhhoa.cds.events.criteria.FrameworkVersions;
import vn.thanhhoa.cds.events.map.AdministrativeUnitDissolved;
import vn.thanhhoa.cds.events.map.AdministrativeUnitMoved;
import vn.thanhhoa.cds.events.map.AdministrativeUnitRegistered;
import vn.thanhhoa.cds.events.map.AdministrativeUnitRenamed;
import vn.thanhhoa.cds.events.map.AdministrativeUnitSplit;
import vn.thanhhoa.cds.events.map.AdministrativeUnitsMerged;
import vn.thanhhoa.cds.events.map.Share;
import vn.thanhhoa.cds.events.map.UnitId;
import vn.thanhhoa.cds.events.targets.DistrictTarget;
import vn.thanhhoa.cds.events.targets.YearlyTargetsAssigned;
import vn.thanhhoa.cds.query.common.Dashboards;
import vn.thanhhoa.cds.query.common.Stored;

import java.time.Instant;
import java.time.LocalDate;

/** The map, the frameworks as published, and the targets, as the dashboards read them. */
@Component
@ProcessingGroup(Dashboards.GROUP)
public class ReferenceProjection {
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final FrameworkReader frameworks;
    private final MapReader maps;

    public ReferenceProjection(JdbcClient jdbc, ObjectMapper json, FrameworkReader frameworks, MapReader maps) {
        this.frameworks = frameworks;
        this.maps = maps;
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(AdministrativeUnitRegistered event) {
        maps.changed();
        jdbc.sql("""
                        insert into q_unit (unit_id, code, name, level, kind, parent_id, effective_from)
                        values (:id, :code, :name, :level, :kind, :parent, :from)""")
                .param("id", event.unitId().toString()).param("code", event.unitId().code())
                .param("name", event.name()).param("level", event.level().name()).param("kind", event.kind())
                .param("parent", event.parent() == null ? null : event.parent().toString())
                .param("from", event.effectiveFrom())
                .update();
        jdbc.sql("insert into q_unit_version (unit_id, valid_from, name, parent_id) values (:id, :from, :name, :parent)")
                .param("id", event.unitId().toString()).param("from", event.effectiveFrom()).param("name", event.name())
                .param("parent", event.parent() == null ? null : event.parent().toString())
                .update();
    }

    @EventHandler
    void on(AdministrativeUnitsMerged event) {
        maps.changed();
        for (AdministrativeUnitsMerged.Part part : event.predecessors()) {
            lineage(part.unit(), event.successor(), part.share(), event.effectiveDate(), event.basis());
            if (part.share() == Share.FULL || part.share() == Share.UNCHANGED) {
                end(part.unit(), event.effectiveDate());
            }
        }
    }

    @EventHandler
    void on(AdministrativeUnitSplit event) {
        maps.changed();
        event.successors().forEach(part -> lineage(event.predecessor(), part.unit(), part.share(), event.effectiveDate(), event.basis()));
        end(event.predecessor(), event.effectiveDate());
    }

    @EventHandler
    void on(AdministrativeUnitDissolved event) {
        maps.changed();
        end(event.unit(), event.effectiveDate());
    }

    @EventHandler
    void on(AdministrativeUnitRenamed event) {
        maps.changed();
        newVersion(event.unit().toString(), event.effectiveDate(), event.newName(), null);
        jdbc.sql("update q_unit set name = :name where unit_id = :id").param("name", event.newName())
                .param("id", event.unit().toString()).update();
    }

    @EventHandler
    void on(AdministrativeUnitMoved event) {
        maps.changed();
        newVersion(event.unit().toString(), event.effectiveDate(), null, event.newParent().toString());
        jdbc.sql("update q_unit set parent_id = :parent where unit_id = :id").param("parent", event.newParent().toString())
                .param("id", event.unit().toString()).update();
    }

    /**
     * Splits the version in force on the date: it ends there, and a version with the new name or parent runs from the
     * date to where it ended — so a change dated inside a unit's past (a move in 2024 of a commune that ceased in
     * 2025) is recorded, not only one dated after its latest version.
     */
    private void newVersion(String unit, java.time.LocalDate from, String name, String parent) {
        record Version(java.time.LocalDate validFrom, java.time.LocalDate validTo, String name, String parent) {
        }
        Version covering = jdbc.sql("""
                        select valid_from, valid_to, name, parent_id from q_unit_version
                        where unit_id = :id and valid_from <= :from and (valid_to is null or valid_to > :from)""")
                .param("id", unit).param("from", from)
                .query((rs, n) -> new Version(rs.getObject(1, java.time.LocalDate.class), rs.getObject(2, java.time.LocalDate.class),
                        rs.getString(3), rs.getString(4)))
                .single();
        String newName = name != null ? name : covering.name();
        String newParent = parent != null ? parent : covering.parent();
        if (covering.validFrom().equals(from)) {
            jdbc.sql("update q_unit_version set name = :name, parent_id = :parent where unit_id = :id and valid_from = :from")
                    .param("name", newName).param("parent", newParent).param("id", unit).param("from", from).update();
            return;
        }
        jdbc.sql("update q_unit_version set valid_to = :from where unit_id = :id and valid_from = :covering")
                .param("from", from).param("id", unit).param("covering", covering.validFrom()).update();
        jdbc.sql("""
                        insert into q_unit_version (unit_id, valid_from, valid_to, name, parent_id)
                        values (:id, :from, :to, :name, :parent)""")
                .param("id", unit).param("from", from).param("to", covering.validTo())
                .param("name", newName).param("parent", newParent)
                .update();
    }

    private void lineage(UnitId predecessor, UnitId successor, Share share, java.time.LocalDate date, String basis) {
        jdbc.sql("""
                        insert into q_lineage (predecessor_id, successor_id, share, effective_date, basis)
                        select :p, :s, :share, :date, :basis where not exists
                          (select 1 from q_lineage where predecessor_id = :p and successor_id = :s)""")
                .param("p", predecessor.toString()).param("s", successor.toString()).param("share", share.name())
                .param("date", date).param("basis", Stored.truncate(basis, 4000))
                .update();
    }

    private void end(UnitId unit, java.time.LocalDate day) {
        jdbc.sql("update q_unit set effective_to = :day where unit_id = :id").param("day", day).param("id", unit.toString()).update();
        jdbc.sql("update q_unit_version set valid_to = :day where unit_id = :id and valid_to is null")
                .param("day", day).param("id", unit.toString()).update();
    }

    @EventHandler
    public void on(CriteriaFrameworkPublished event) throws JsonProcessingException {
        jdbc.sql("""
                        insert into q_framework (framework_id, year, title, definition)
                        values (:id, :year, :title, :definition)""")
                .param("id", event.frameworkId()).param("year", event.framework().year())
                .param("title", event.framework().title())
                .param("definition", json.writeValueAsString(event.framework()))
                .update();
        frameworks.changed();
    }

    @EventHandler
    void on(YearlyTargetsAssigned event) {
        jdbc.sql("delete from q_target where year = :year").param("year", event.year()).update();
        String decision = event.decision() == null ? null : event.decision().number();
        insertTarget(event.year(), event.provinceCode(), event.provinceTarget(), event.allocation().name(), decision);
        for (DistrictTarget target : event.districtTargets()) {
            insertTarget(event.year(), target.district().toString(), target.communes(), event.allocation().name(), decision);
        }
    }

    private void insertTarget(int year, String unit, int communes, String allocation, String decision) {
        jdbc.sql("""
                        insert into q_target (year, unit_id, communes, allocation, decision)
                        values (:year, :unit, :communes, :allocation, :decision)""")
                .param("year", year).param("unit", unit).param("communes", communes)
                .param("allocation", allocation).param("decision", decision)
                .update();
    }

    /**
     * New points: the framework keeps them, and the amendment is kept with the points it replaced and its decision's
     * day (the points in force on a day: FrameworkReader#versions). The card scores the assessments again.
     */
    @EventHandler
    public void on(FrameworkPointsAmended event, @Timestamp Instant at, @MessageIdentifier String eventId) {
        FrameworkVersions versions = frameworks.versions(event.frameworkId()).orElseThrow();
        if (versions.amendments().stream().anyMatch(a -> eventId.equals(a.eventId()))) {
            return;
        }
        jdbc.sql("update q_framework set definition = :definition where framework_id = :id")
                .param("definition", frameworks.write(versions.current().amendedBy(event))).param("id", event.frameworkId())
                .update();
        frameworks.changed();
        int sequence = versions.amendments().stream().mapToInt(FrameworkVersions.Amendment::sequence).max().orElse(0) + 1;
        LocalDate decidedOn = ProvinceTime.decidedOn(event.decision(), at);
        for (FrameworkPointsAmended.PointChange change : event.changes()) {
            jdbc.sql("""
                            insert into q_framework_amendment (framework_id, sequence, decided_on, indicator_code,
                                                               previous_points, new_points, event_id)
                            values (:id, :sequence, :decided, :indicator, :previous, :new, :event)""")
                    .param("id", event.frameworkId()).param("sequence", sequence).param("decided", decidedOn)
                    .param("indicator", change.indicatorCode()).param("previous", change.previousPoints())
                    .param("new", change.newPoints()).param("event", eventId)
                    .update();
        }
    }

    @ResetHandler
    void reset() {
        maps.changed();
        jdbc.sql("delete from q_unit").update();
        jdbc.sql("delete from q_unit_version").update();
        jdbc.sql("delete from q_lineage").update();
        jdbc.sql("delete from q_framework").update();
        jdbc.sql("delete from q_framework_amendment").update();
        frameworks.changed();
        jdbc.sql("delete from q_target").update();
    }
}
