package vn.thanhhoa.cds.query.reference;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;

/** The province's target of recognised communes for a year, per unit, and how it was allocated. */
@Component
public class YearTargets {
    private final JdbcClient jdbc;
    private final String provinceCode;

    public YearTargets(JdbcClient jdbc, @Value("${cds.province-code:38}") String provinceCode) {
        this.jdbc = jdbc;
        this.provinceCode = provinceCode;
    }

    public Map<String, Integer> of(int year) {
        Map<String, Integer> targets = new HashMap<>();
        jdbc.sql("select unit_id, communes from q_target where year = :year").param("year", year)
                .query((rs, n) -> targets.put(rs.getString(1), rs.getInt(2))).list();
        return targets;
    }

    /** The province's own unit code: its target is the row of that code in {@link #of}. */
    public String provinceCode() {
        return provinceCode;
    }

    /** How the province's target was split among its districts (the decision's words), if it was. */
    public String allocation(int year) {
        return jdbc.sql("select allocation from q_target where year = :year and unit_id <> :province")
                .param("year", year).param("province", provinceCode).query(String.class).list().stream().findFirst().orElse(null);
    }
}
