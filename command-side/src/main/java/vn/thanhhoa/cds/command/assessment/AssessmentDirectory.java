package vn.thanhhoa.cds.command.assessment;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.command.map.UnitDirectory;
import vn.thanhhoa.cds.events.assessment.AssessmentId;
import vn.thanhhoa.cds.events.assessment.AssessmentRegistered;

import java.util.Optional;

/** Which assessment a commune code and a year refer to in a request. */
@Component
@ProcessingGroup(UnitDirectory.GROUP)
public class AssessmentDirectory {
    private final JdbcClient jdbc;

    public AssessmentDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<AssessmentId> find(String communeCode, int year) {
        return jdbc.sql("""
                        select assessment_id from cmd_assessment where commune_code = :code and year = :year
                        order by assessment_id desc""")
                .param("code", communeCode).param("year", year)
                .query(String.class).list().stream().findFirst().map(AssessmentId::parse);
    }

    @EventHandler
    void on(AssessmentRegistered event) {
        jdbc.sql("insert into cmd_assessment (assessment_id, commune_code, year) values (:id, :code, :year)")
                .param("id", event.assessmentId().toString()).param("code", event.commune().code())
                .param("year", event.year())
                .update();
    }
}
