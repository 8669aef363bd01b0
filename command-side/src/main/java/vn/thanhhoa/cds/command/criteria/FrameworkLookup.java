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
import vn.thanhhoa.cds.infra.cache.LoadedUntilChanged;
import vn.thanhhoa.cds.infra.cache.NodeSignals;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@link FrameworkCatalog} kept in a table, in the transaction of the framework's events, and held in memory (parsed
 * once) until one of them changes it: commands read no table for it.
 */
@Component
@ProcessingGroup(UnitDirectory.GROUP)
public class FrameworkLookup implements FrameworkCatalog {
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final LoadedUntilChanged<Map<String, CriteriaFramework>> frameworks;

    public FrameworkLookup(JdbcClient jdbc, ObjectMapper json, NodeSignals signals) {
        this.jdbc = jdbc;
        this.json = json;
        this.frameworks = new LoadedUntilChanged<>(signals, "command-frameworks", () -> jdbc.sql("select framework_id, definition from cmd_framework")
                .query((rs, n) -> Map.entry(rs.getString(1), read(rs.getString(2)))).list().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    @Override
    public Optional<CriteriaFramework> find(String frameworkId) {
        return Optional.ofNullable(frameworks.get().get(frameworkId));
    }

    @EventHandler
    void on(CriteriaFrameworkPublished event) throws JsonProcessingException {
        jdbc.sql("insert into cmd_framework (framework_id, year, definition) values (:id, :year, :definition)")
                .param("id", event.frameworkId()).param("year", event.framework().year())
                .param("definition", json.writeValueAsString(event.framework()))
                .update();
        frameworks.changed();
    }

    @EventHandler
    void on(FrameworkPointsAmended event) throws JsonProcessingException {
        CriteriaFramework current = jdbc.sql("select definition from cmd_framework where framework_id = :id")
                .param("id", event.frameworkId()).query(String.class).optional().map(this::read).orElseThrow();
        jdbc.sql("update cmd_framework set definition = :definition where framework_id = :id")
                .param("id", event.frameworkId())
                .param("definition", json.writeValueAsString(current.amendedBy(event)))
                .update();
        frameworks.changed();
    }

    private CriteriaFramework read(String definition) {
        try {
            return json.readValue(definition, CriteriaFramework.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored framework is unreadable", e);
        }
    }
}
