package vn.thanhhoa.plain;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;

/** The read model: each indicator's value as it stands, one row written per event (tracking, batches of 100). */
@Component
@ProcessingGroup("values")
class PlainProjection {
    private final JdbcClient jdbc;

    PlainProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PlainAssessment.Reported event) {
        jdbc.sql("""
                        insert into indicator_value (assessment_id, indicator_code, numerator, denominator, reported_at)
                        values (:id, :code, :numerator, :denominator, :at)
                        on conflict (assessment_id, indicator_code) do update set numerator = excluded.numerator,
                            denominator = excluded.denominator, reported_at = excluded.reported_at""")
                .param("id", event.id()).param("code", event.indicatorCode()).param("numerator", event.numerator())
                .param("denominator", event.denominator()).param("at", Timestamp.from(event.at()))
                .update();
    }
}
