package vn.thanhhoa.cds.command.reporting;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.command.map.UnitDirectory;
import vn.thanhhoa.cds.events.map.UnitId;
import vn.thanhhoa.cds.infra.cache.KeyedUntilChanged;
import vn.thanhhoa.cds.infra.cache.NodeSignals;
import vn.thanhhoa.cds.events.reporting.FrameworkAssignedToYear;
import vn.thanhhoa.cds.events.reporting.ReportingPeriodClosed;
import vn.thanhhoa.cds.events.reporting.ReportingPeriodExtended;
import vn.thanhhoa.cds.events.reporting.ReportingPeriodOpened;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link ReportingCalendar} kept in two tables, in the transaction of the events they come from. Asked on every
 * command, so each year's rules are held in memory; every node drops them when the province's decision commits
 * (it hears of it within milliseconds — a command racing a closing decision could pass a moment later on another node,
 * as it could when the rules were read on every command: its read came before the decision committed).
 */
@Component
@ProcessingGroup(UnitDirectory.GROUP)
public class ReportingCalendarLookup implements ReportingCalendar {
    private final JdbcClient jdbc;
    private final KeyedUntilChanged<Integer, YearRules> years;

    public ReportingCalendarLookup(JdbcClient jdbc, NodeSignals signals) {
        this.jdbc = jdbc;
        this.years = new KeyedUntilChanged<>(signals, "command-reporting-years", 200, this::load);
    }

    @Override
    public Optional<YearRules> year(int year) {
        return years.get(year);
    }

    /** One round trip: the year's row with its extensions beside it. */
    private Optional<YearRules> load(int year) {
        List<YearRules> found = new ArrayList<>();
        Map<UnitId, LocalDate> extended = new HashMap<>();
        jdbc.sql("""
                        select y.framework_id, y.opens_on, y.closes_on, y.closed_on, y.decision_number, e.commune_id, e.until
                        from cmd_reporting_year y left join cmd_reporting_extension e on e.year = y.year
                        where y.year = :year""")
                .param("year", year)
                .query(rs -> {
                    if (found.isEmpty()) {
                        LocalDate opens = rs.getObject(2, LocalDate.class);
                        ReportingWindow period = opens == null ? null : new ReportingWindow(opens,
                                rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class), rs.getString(5));
                        found.add(new YearRules(year, rs.getString(1), period, Map.of()));
                    }
                    if (rs.getString(6) != null) {
                        extended.put(UnitId.parse(rs.getString(6)), rs.getObject(7, LocalDate.class));
                    }
                });
        return found.stream().findFirst().map(rules -> new YearRules(year, rules.frameworkId(), rules.period(),
                rules.period() == null ? Map.of() : extended));
    }

    @EventHandler
    void on(FrameworkAssignedToYear event) {
        int updated = jdbc.sql("update cmd_reporting_year set framework_id = :framework where year = :year")
                .param("framework", event.frameworkId()).param("year", event.year()).update();
        if (updated == 0) {
            jdbc.sql("insert into cmd_reporting_year (year, framework_id) values (:year, :framework)")
                    .param("framework", event.frameworkId()).param("year", event.year()).update();
        }
        years.changed();
    }

    @EventHandler
    void on(ReportingPeriodOpened event) {
        jdbc.sql("""
                        update cmd_reporting_year set opens_on = :opens, closes_on = :closes, closed_on = null,
                        decision_number = :decision where year = :year""")
                .param("opens", event.opensOn()).param("closes", event.closesOn())
                .param("decision", event.decision().number()).param("year", event.year()).update();
        years.changed();
    }

    @EventHandler
    void on(ReportingPeriodClosed event) {
        jdbc.sql("update cmd_reporting_year set closed_on = :closed, decision_number = :decision where year = :year")
                .param("closed", event.closedOn()).param("decision", event.decision().number())
                .param("year", event.year()).update();
        years.changed();
    }

    @EventHandler
    void on(ReportingPeriodExtended event) {
        jdbc.sql("delete from cmd_reporting_extension where year = :year and commune_id = :commune")
                .param("year", event.year()).param("commune", event.commune().toString()).update();
        jdbc.sql("insert into cmd_reporting_extension (year, commune_id, until) values (:year, :commune, :until)")
                .param("year", event.year()).param("commune", event.commune().toString()).param("until", event.until())
                .update();
        years.changed();
    }
}
