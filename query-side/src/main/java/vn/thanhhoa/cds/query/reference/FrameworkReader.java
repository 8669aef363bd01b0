package vn.thanhhoa.cds.query.reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.events.criteria.CriteriaFramework;
import vn.thanhhoa.cds.events.criteria.IndicatorValue;
import vn.thanhhoa.cds.infra.cache.LoadedUntilChanged;
import vn.thanhhoa.cds.infra.cache.NodeSignals;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads frameworks (with their amended points) and stored indicator values from the read store. The frameworks are
 * parsed once and held in memory until a projection changes them ({@link #changed()}): scoring an event, on a
 * rebuild hundreds of thousands of times, reads no framework row.
 */
@Component
public class FrameworkReader {
    private final JdbcClient jdbc;
    private final ObjectMapper json;

    private final LoadedUntilChanged<Map<String, CriteriaFramework>> frameworks;

    public FrameworkReader(JdbcClient jdbc, ObjectMapper json, NodeSignals signals) {
        this.jdbc = jdbc;
        this.json = json;
        this.frameworks = new LoadedUntilChanged<>(signals, "read-frameworks", () -> jdbc.sql("select framework_id, definition from q_framework")
                .query((rs, n) -> Map.entry(rs.getString(1), read(rs.getString(2), CriteriaFramework.class))).list().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    public Optional<CriteriaFramework> find(String frameworkId) {
        return Optional.ofNullable(frameworks.get().get(frameworkId));
    }

    /** Called by a projection that wrote q_framework, in its transaction. */
    public void changed() {
        frameworks.changed();
    }

    public IndicatorValue value(String stored) {
        return stored == null ? null : read(stored, IndicatorValue.class);
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public <T> T read(String stored, Class<T> type) {
        try {
            return json.readValue(stored, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable read-model value", e);
        }
    }
}
