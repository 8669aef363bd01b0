package vn.thanhhoa.cds.query.reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.events.criteria.CriteriaFramework;
import vn.thanhhoa.cds.events.criteria.FrameworkVersions;
import vn.thanhhoa.cds.events.criteria.IndicatorValue;
import vn.thanhhoa.cds.infra.cache.LoadedUntilChanged;
import vn.thanhhoa.cds.infra.cache.NodeSignals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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

    /** Each framework's versions, and its current points computed once (scoring an event reads them). */
    private record Loaded(Map<String, FrameworkVersions> versions, Map<String, CriteriaFramework> current) {
    }

    private final LoadedUntilChanged<Loaded> frameworks;
    /** Values parsed from their stored form (IndicatorValue is immutable), a few thousand at the most. */
    private final Map<String, IndicatorValue> parsedValues = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_PARSED_VALUES = 8_192;

    public FrameworkReader(JdbcClient jdbc, ObjectMapper json, NodeSignals signals) {
        this.jdbc = jdbc;
        this.json = json;
        this.frameworks = new LoadedUntilChanged<>(signals, "read-frameworks", this::load);
    }

    /** The framework with the points in force now. */
    public Optional<CriteriaFramework> find(String frameworkId) {
        return Optional.ofNullable(frameworks.get().current().get(frameworkId));
    }

    /** The framework with the points in force now, or a 404 problem naming it. */
    public CriteriaFramework require(String frameworkId) {
        return find(frameworkId).orElseThrow(() -> new vn.thanhhoa.cds.infra.problem.ProblemException(
                vn.thanhhoa.cds.infra.problem.ProblemKind.NOT_FOUND, "UNKNOWN_FRAMEWORK", "frameworkId",
                "Không có bộ tiêu chí " + frameworkId + ".", "No framework " + frameworkId + "."));
    }

    /** Every published framework, with the points in force now, by id. */
    public java.util.List<CriteriaFramework> all() {
        return frameworks.get().current().values().stream()
                .sorted(java.util.Comparator.comparing(CriteriaFramework::id)).toList();
    }

    /** The framework's points over time: as published and each amendment from its decision's day. */
    public Optional<FrameworkVersions> versions(String frameworkId) {
        return Optional.ofNullable(frameworks.get().versions().get(frameworkId));
    }

    /**
     * q_framework keeps each framework with its points as amended, q_framework_amendment each amendment with the
     * points it replaced: the framework as published is the current one with its amendments undone, latest first.
     */
    private Loaded load() {
        record Change(String framework, int sequence, LocalDate decidedOn, String indicator, BigDecimal previous,
                      BigDecimal points, String eventId) {
        }
        Map<String, List<Change>> changes = jdbc.sql("""
                        select framework_id, sequence, decided_on, indicator_code, previous_points, new_points, event_id
                        from q_framework_amendment order by framework_id, sequence desc""")
                .query((rs, n) -> new Change(rs.getString(1), rs.getInt(2), rs.getObject(3, LocalDate.class),
                        rs.getString(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getString(7)))
                .list().stream().collect(Collectors.groupingBy(Change::framework, LinkedHashMap::new, Collectors.toList()));
        Map<String, FrameworkVersions> versions = new HashMap<>();
        jdbc.sql("select framework_id, definition from q_framework").query((rs, n) -> {
            CriteriaFramework published = read(rs.getString(2), CriteriaFramework.class);
            List<FrameworkVersions.Amendment> amendments = new ArrayList<>();
            Map<Integer, List<Change>> bySequence = changes.getOrDefault(rs.getString(1), List.of()).stream()
                    .collect(Collectors.groupingBy(Change::sequence, () -> new TreeMap<>(Comparator.reverseOrder()),
                            Collectors.toList()));
            for (List<Change> amendment : bySequence.values()) {
                Map<String, BigDecimal> previous = new HashMap<>();
                Map<String, BigDecimal> points = new HashMap<>();
                amendment.forEach(c -> {
                    previous.put(c.indicator(), c.previous());
                    points.put(c.indicator(), c.points());
                });
                published = published.withPoints(previous);
                Change first = amendment.get(0);
                amendments.add(new FrameworkVersions.Amendment(first.sequence(), first.decidedOn(), points, first.eventId()));
            }
            return versions.put(rs.getString(1), new FrameworkVersions(published, amendments));
        }).list();
        Map<String, CriteriaFramework> current = new HashMap<>();
        versions.forEach((id, v) -> current.put(id, v.current()));
        return new Loaded(Map.copyOf(versions), Map.copyOf(current));
    }

    /** Called by a projection that wrote q_framework, in its transaction. */
    public void changed() {
        frameworks.changed();
    }

    /**
     * A value as the tables keep it, parsed once: the same values recur in every commune's rows (yes, no, the same
     * shares), and a batch of the live processor reads every indicator of its assessments back.
     */
    public IndicatorValue value(String stored) {
        if (stored == null) {
            return null;
        }
        IndicatorValue known = parsedValues.get(stored);
        if (known == null) {
            known = read(stored, IndicatorValue.class);
            if (parsedValues.size() >= MAX_PARSED_VALUES) {
                parsedValues.clear();
            }
            parsedValues.put(stored, known);
        }
        return known;
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public <T> T read(String stored, com.fasterxml.jackson.core.type.TypeReference<T> type) {
        try {
            return json.readValue(stored, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable read-model value", e);
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
