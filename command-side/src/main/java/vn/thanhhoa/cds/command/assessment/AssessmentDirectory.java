package vn.thanhhoa.cds.command.assessment;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.command.map.UnitDirectory;
import vn.thanhhoa.cds.events.assessment.AssessmentId;
import vn.thanhhoa.cds.events.assessment.AssessmentRegistered;
import vn.thanhhoa.cds.events.assessment.AssessmentTransferred;
import vn.thanhhoa.cds.events.map.UnitId;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;

import java.util.Optional;

/** Which assessment a commune code and a year refer to in a request. */
@Component
@ProcessingGroup(UnitDirectory.GROUP)
public class AssessmentDirectory {
    private final JdbcClient jdbc;

    public AssessmentDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The assessment a commune (a unit, not a code: codes are reused) now holds for a year. */
    public Optional<AssessmentId> find(UnitId commune, int year) {
        return jdbc.sql("select assessment_id from cmd_assessment where commune_id = :commune and year = :year")
                .param("commune", commune.toString()).param("year", year)
                .query(String.class).optional().map(AssessmentId::parse);
    }

    /**
     * A commune holds one assessment a year, its own or one transferred to it: the unique (commune, year) key refuses
     * the second in the transaction that would append it, however the two requests raced.
     */
    @EventHandler
    void on(AssessmentRegistered event) {
        try {
            jdbc.sql("""
                            insert into cmd_assessment (assessment_id, commune_code, commune_id, year, framework_id)
                            values (:id, :code, :commune, :year, :framework)""")
                    .param("id", event.assessmentId().toString()).param("code", event.commune().code())
                    .param("commune", event.commune().toString()).param("framework", event.frameworkId())
                    .param("year", event.year())
                    .update();
        } catch (DuplicateKeyException e) {
            throw alreadyAssessed(event.commune(), event.year());
        }
    }

    @EventHandler
    void on(AssessmentTransferred event) {
        try {
            jdbc.sql("update cmd_assessment set commune_id = :commune, commune_code = :code where assessment_id = :id")
                    .param("commune", event.toCommune().toString()).param("code", event.toCommune().code())
                    .param("id", event.assessmentId().toString())
                    .update();
        } catch (DuplicateKeyException e) {
            throw alreadyAssessed(event.toCommune(), event.assessmentId().year());
        }
    }

    private static ProblemException alreadyAssessed(UnitId commune, int year) {
        return new ProblemException(ProblemKind.CONFLICT, "COMMUNE_ALREADY_ASSESSED", "code",
                "Xã " + commune + " đã có hồ sơ đánh giá năm " + year + " (của chính xã hoặc được chuyển sang).",
                "Commune " + commune + " already has an assessment for " + year + " (its own or one transferred to it).");
    }
}
