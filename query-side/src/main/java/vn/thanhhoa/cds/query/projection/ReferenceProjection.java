package vn.thanhhoa.cds.query.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.events.criteria.CriteriaFrameworkPublished;
import vn.thanhhoa.cds.events.map.AdministrativeUnitRegistered;
import vn.thanhhoa.cds.events.targets.DistrictTarget;
import vn.thanhhoa.cds.events.targets.YearlyTargetsAssigned;

/** The map, the frameworks as published, and the targets, as the dashboards read them. */
@Component
@ProcessingGroup(Dashboards.GROUP)
public class ReferenceProjection {
    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public ReferenceProjection(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(AdministrativeUnitRegistered event) {
        jdbc.sql("""
                        insert into q_unit (unit_id, code, name, level, kind, parent_id, effective_from)
                        values (:id, :code, :name, :level, :kind, :parent, :from)""")
                .param("id", event.unitId().toString()).param("code", event.unitId().code())
                .param("name", event.name()).param("level", event.level().name()).param("kind", event.kind())
                .param("parent", event.parent() == null ? null : event.parent().toString())
                .param("from", event.effectiveFrom())
                .update();
    }

    @EventHandler
    void on(CriteriaFrameworkPublished event) throws JsonProcessingException {
        jdbc.sql("""
                        insert into q_framework (framework_id, year, title, definition)
                        values (:id, :year, :title, :definition)""")
                .param("id", event.frameworkId()).param("year", event.framework().year())
                .param("title", event.framework().title())
                .param("definition", json.writeValueAsString(event.framework()))
                .update();
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

    @ResetHandler
    void reset() {
        jdbc.sql("delete from q_unit").update();
        jdbc.sql("delete from q_framework").update();
        jdbc.sql("delete from q_target").update();
    }
}
