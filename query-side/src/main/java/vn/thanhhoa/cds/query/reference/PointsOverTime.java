package vn.thanhhoa.cds.query.reference;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.events.criteria.CriteriaFramework;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/** A framework's points as the decisions in force on a day set them: its amendments by their decision dates. */
@Component
public class PointsOverTime {
    private final JdbcClient jdbc;

    public PointsOverTime(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The framework with the points in force on a day: the amendments decided after it undone, latest first. */
    public CriteriaFramework inForceOn(CriteriaFramework framework, LocalDate day) {
        if (day == null) {
            return framework;
        }
        Map<Integer, Map<String, BigDecimal>> later = new java.util.TreeMap<>(Comparator.reverseOrder());
        jdbc.sql("""
                        select sequence, indicator_code, previous_points from q_framework_amendment
                        where framework_id = :id and decided_on > :day""")
                .param("id", framework.id()).param("day", day)
                .query((rs, n) -> later.computeIfAbsent(rs.getInt(1), k -> new HashMap<>())
                        .put(rs.getString(2), rs.getBigDecimal(3)))
                .list();
        CriteriaFramework then = framework;
        for (Map<String, BigDecimal> previous : later.values()) {
            then = then.withPoints(previous);
        }
        return then;
    }

    /** Whether an amendment of the framework's points had been decided by that day (a verdict can be in question). */
    public boolean amendedBy(String frameworkId, LocalDate day) {
        return jdbc.sql("select count(*) from q_framework_amendment where framework_id = :id and decided_on <= :day")
                .param("id", frameworkId).param("day", day).query(Long.class).single() > 0;
    }
}
