package vn.thanhhoa.cds.query.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.events.criteria.CriteriaFramework;
import vn.thanhhoa.cds.events.criteria.IndicatorValue;

import java.util.Optional;

/** Reads frameworks (with their amended points) and stored indicator values from the read store. */
@Component
public class FrameworkReader {
    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public FrameworkReader(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<CriteriaFramework> find(String frameworkId) {
        return jdbc.sql("select definition from q_framework where framework_id = :id").param("id", frameworkId)
                .query(String.class).optional().map(d -> read(d, CriteriaFramework.class));
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
