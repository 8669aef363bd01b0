package vn.thanhhoa.cds.command.assessment;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.command.map.UnitDirectory;
import vn.thanhhoa.cds.events.assessment.AssessmentId;
import vn.thanhhoa.cds.events.assessment.AssessmentRegistered;
import vn.thanhhoa.cds.events.assessment.AssessmentTransferred;
import vn.thanhhoa.cds.events.map.UnitId;
import vn.thanhhoa.cds.infra.cache.KeyedUntilChanged;
import vn.thanhhoa.cds.infra.cache.NodeSignals;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;

import java.util.Optional;

/**
 * Which assessment a commune code and a year refer to in a request: asked on every command, so held in memory
 * (every node drops what it holds when an assessment is registered or transferred anywhere).
 */
@Component
@ProcessingGroup(UnitDirectory.GROUP)
public class AssessmentDirectory {
    private record Held(UnitId commune, int year) {
    }

    private final JdbcClient jdbc;
    private final KeyedUntilChanged<Held, AssessmentId> held;

    public AssessmentDirectory(JdbcClient jdbc, NodeSignals signals, @Value("${cds.assessments.cached:20000}") long cached) {
        this.jdbc = jdbc;
        this.held = new KeyedUntilChanged<>(signals, "command-assessments", cached, key -> jdbc.sql(
                        "select assessment_id from cmd_assessment where commune_id = :commune and year = :year")
                .param("commune", key.commune().toString()).param("year", key.year())
                .query(String.class).optional().map(AssessmentId::parse));
    }

    /** The assessment a commune (a unit, not a code: codes are reused) now holds for a year. */
    public Optional<AssessmentId> find(UnitId commune, int year) {
        return held.get(new Held(commune, year));
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
            held.changed();
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
            held.changed();
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
