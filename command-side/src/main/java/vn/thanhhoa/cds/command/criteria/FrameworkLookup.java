package vn.thanhhoa.cds.command.criteria;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.command.map.UnitDirectory;
import vn.thanhhoa.cds.events.criteria.CriteriaFramework;
import vn.thanhhoa.cds.events.criteria.CriteriaFrameworkPublished;
import vn.thanhhoa.cds.events.criteria.FrameworkPointsAmended;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** {@link FrameworkCatalog} kept in a table, in the transaction of the framework's events. */
@Component
@ProcessingGroup(UnitDirectory.GROUP)
public class FrameworkLookup implements FrameworkCatalog {
    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public FrameworkLookup(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public Optional<CriteriaFramework> find(String frameworkId) {
        return jdbc.sql("select definition from cmd_framework where framework_id = :id")
                .param("id", frameworkId).query(String.class).optional().map(this::read);
    }

    @EventHandler
    void on(CriteriaFrameworkPublished event) throws JsonProcessingException {
        jdbc.sql("insert into cmd_framework (framework_id, year, definition) values (:id, :year, :definition)")
                .param("id", event.frameworkId()).param("year", event.framework().year())
                .param("definition", json.writeValueAsString(event.framework()))
                .update();
    }

    @EventHandler
    void on(FrameworkPointsAmended event) throws JsonProcessingException {
        CriteriaFramework current = find(event.frameworkId()).orElseThrow();
        Map<String, BigDecimal> points = event.changes().stream().collect(
                Collectors.toMap(FrameworkPointsAmended.PointChange::indicatorCode, FrameworkPointsAmended.PointChange::newPoints));
        jdbc.sql("update cmd_framework set definition = :definition where framework_id = :id")
                .param("id", event.frameworkId())
                .param("definition", json.writeValueAsString(current.withPoints(points)))
                .update();
    }

    private CriteriaFramework read(String definition) {
        try {
            return json.readValue(definition, CriteriaFramework.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored framework is unreadable", e);
        }
    }
}
