package vn.thanhhoa.cds.query.appraisal;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.events.assessment.*;
import vn.thanhhoa.cds.query.common.Dashboards;
import vn.thanhhoa.cds.query.common.Stored;

import java.time.Instant;

/**
 * The appraiser's queue: who appraises each assessment, where it stands, since when it waits, and when the appraiser
 * last acted on it (concluded or returned). Only the assessment's steps, a few events in its life: the values and
 * answers since are read from the card's timeline. One of the dashboards' projections (rebuilt and replayed with
 * them); it takes its time from the events.
 */
@Component
@ProcessingGroup(Dashboards.GROUP)
public class AppraisalQueueProjection {
    /** Members are lists of strings: written the same on every node. */
    static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final JdbcClient jdbc;

    public AppraisalQueueProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(AssessmentRegistered event) {
        jdbc.sql("""
                        insert into q_appraisal_queue (assessment_id, commune_id, commune_code, year, appraiser_id, stage)
                        values (:id, :commune, :code, :year, :appraiser, :stage)""")
                .param("id", event.assessmentId().toString()).param("commune", event.commune().toString())
                .param("code", event.commune().code()).param("year", event.year())
                .param("appraiser", event.appraiser() == null ? null : event.appraiser().toString())
                .param("stage", Stage.REGISTERED.name()).update();
    }

    @EventHandler
    void on(SelfAssessmentSubmitted event, @Timestamp Instant at) {
        jdbc.sql("update q_appraisal_queue set stage = :stage, submitted_at = :at where assessment_id = :id")
                .param("stage", Stage.SUBMITTED.name()).param("at", Stored.time(at))
                .param("id", event.assessmentId().toString()).update();
    }

    @EventHandler
    void on(AppraisalStarted event) {
        stage(event.assessmentId(), Stage.UNDER_APPRAISAL);
    }

    @EventHandler
    void on(AppraisalConcluded event, @Timestamp Instant at) {
        appraised(event.assessmentId(), event.passed() ? Stage.APPRAISED_PASS : Stage.APPRAISED_FAIL, at);
    }

    @EventHandler
    void on(AssessmentReturnedWithReasons event, @Timestamp Instant at) {
        appraised(event.assessmentId(), Stage.RETURNED, at);
    }

    @EventHandler
    void on(AssessmentReturnedForRevision event, @Timestamp Instant at) {
        appraised(event.assessmentId(), Stage.RETURNED, at);
    }

    @EventHandler
    void on(SelfAssessmentWithdrawn event) {
        stage(event.assessmentId(), Stage.WITHDRAWN);
    }

    /** The council as last assigned; its members as JSON ({@code [{"subject":…,"pillars":[…]}]}). */
    @EventHandler
    void on(AppraisalCouncilAssigned event, @Timestamp Instant at) {
        jdbc.sql("delete from q_appraisal_council where assessment_id = :id").param("id", event.assessmentId().toString()).update();
        jdbc.sql("""
                        insert into q_appraisal_council (assessment_id, lead, members, assigned_at)
                        values (:id, :lead, :members, :at)""")
                .param("id", event.assessmentId().toString()).param("lead", event.lead())
                .param("members", members(event.members())).param("at", Stored.time(at)).update();
    }

    @EventHandler
    void on(AppraisalAcceptedForReview event, @Timestamp Instant at) {
        jdbc.sql("update q_appraisal_queue set stage = :stage, reviewed_at = :at where assessment_id = :id")
                .param("stage", Stage.IN_REVIEW.name()).param("at", Stored.time(at))
                .param("id", event.assessmentId().toString()).update();
    }

    /** Back in the appraiser's queue, as the department left it. */
    @EventHandler
    void on(AppraisalSentBack event) {
        stage(event.assessmentId(), Stage.UNDER_APPRAISAL);
    }

    @EventHandler
    void on(OnSiteInspectionRecorded event) {
        jdbc.sql("update q_appraisal_queue set inspected_on = :day where assessment_id = :id")
                .param("day", event.inspectedOn()).param("id", event.assessmentId().toString()).update();
    }

    @EventHandler
    void on(ProposedForRecognition event) {
        jdbc.sql("""
                        update q_appraisal_queue set stage = :stage, proposal_number = :number, proposal_date = :date
                        where assessment_id = :id""")
                .param("stage", Stage.PROPOSED.name()).param("number", event.proposal().number())
                .param("date", event.proposal().date()).param("id", event.assessmentId().toString()).update();
    }

    @EventHandler
    void on(CommuneRecognised event) {
        decided(event.assessmentId(), Stage.RECOGNISED, event.decision().number());
    }

    @EventHandler
    void on(RecognitionDeclined event) {
        decided(event.assessmentId(), Stage.DECLINED, event.decision().number());
    }

    @EventHandler
    void on(RecognitionDecisionCorrected event) {
        decided(event.assessmentId(), event.recognised() ? Stage.RECOGNISED : Stage.DECLINED, event.decision().number());
    }

    @EventHandler
    void on(RecognitionRevoked event) {
        stage(event.assessmentId(), Stage.REVOKED);
    }

    @EventHandler
    void on(AssessmentClosedAsSuperseded event) {
        stage(event.assessmentId(), Stage.SUPERSEDED);
    }

    @EventHandler
    void on(AssessmentTransferred event) {
        jdbc.sql("""
                        update q_appraisal_queue set commune_id = :commune, commune_code = :code, appraiser_id = :appraiser
                        where assessment_id = :id""")
                .param("commune", event.toCommune().toString()).param("code", event.toCommune().code())
                .param("appraiser", event.appraiser() == null ? null : event.appraiser().toString())
                .param("id", event.assessmentId().toString()).update();
    }

    private static String members(java.util.List<AppraisalCouncilAssigned.Member> members) {
        try {
            return JSON.writeValueAsString(members);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @ResetHandler
    void reset() {
        jdbc.sql("delete from q_appraisal_queue").update();
        jdbc.sql("delete from q_appraisal_council").update();
    }

    private void stage(AssessmentId id, Stage stage) {
        jdbc.sql("update q_appraisal_queue set stage = :stage where assessment_id = :id")
                .param("stage", stage.name()).param("id", id.toString()).update();
    }

    private void decided(AssessmentId id, Stage stage, String decision) {
        jdbc.sql("update q_appraisal_queue set stage = :stage, decision_number = :decision where assessment_id = :id")
                .param("stage", stage.name()).param("decision", decision).param("id", id.toString()).update();
    }

    /** The appraiser acted: what the commune changes from now on is new to them. */
    private void appraised(AssessmentId id, Stage stage, Instant at) {
        jdbc.sql("update q_appraisal_queue set stage = :stage, last_appraisal_at = :at where assessment_id = :id")
                .param("stage", stage.name()).param("at", Stored.time(at)).param("id", id.toString()).update();
    }
}
