package vn.thanhhoa.cds.query.reporting;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.events.assessment.AssessmentReturnedForRevision;
import vn.thanhhoa.cds.events.assessment.AssessmentReturnedWithReasons;
import vn.thanhhoa.cds.events.assessment.EvidenceFileAttached;
import vn.thanhhoa.cds.events.assessment.IndicatorCommented;
import vn.thanhhoa.cds.events.assessment.ReturnAnswered;
import vn.thanhhoa.cds.events.common.DocumentRef;
import vn.thanhhoa.cds.events.reporting.FrameworkAssignedToYear;
import vn.thanhhoa.cds.events.reporting.ReportingPeriodClosed;
import vn.thanhhoa.cds.events.reporting.ReportingPeriodExtended;
import vn.thanhhoa.cds.events.reporting.ReportingPeriodOpened;
import vn.thanhhoa.cds.query.common.Dashboards;
import vn.thanhhoa.cds.query.common.Stored;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * What a commune officer works against: each year's framework and reporting period as the province decided them, and
 * the latest return of each assessment with its reasons and the commune's answers, the commune's comments on its
 * indicators. One of the dashboards' projections
 * (rebuilt and replayed with them).
 */
@Component
@ProcessingGroup(Dashboards.GROUP)
public class ReportingProjection {
    /** The general reason of a return, beside the indicators' ones. */
    static final String GENERAL = "";
    private final JdbcClient jdbc;

    public ReportingProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(FrameworkAssignedToYear event) {
        jdbc.sql("delete from q_reporting_year where year = :year").param("year", event.year()).update();
        jdbc.sql("""
                        insert into q_reporting_year (year, framework_id, framework_decision, framework_decision_date)
                        values (:year, :framework, :decision, :date)""")
                .param("year", event.year()).param("framework", event.frameworkId())
                .param("decision", event.decision().number()).param("date", event.decision().date())
                .update();
    }

    @EventHandler
    void on(ReportingPeriodOpened event) {
        jdbc.sql("""
                        update q_reporting_year set opens_on = :opens, closes_on = :closes, closed_on = null,
                        period_decision = :decision, period_decision_date = :date where year = :year""")
                .param("opens", event.opensOn()).param("closes", event.closesOn())
                .param("decision", event.decision().number()).param("date", event.decision().date())
                .param("year", event.year()).update();
    }

    @EventHandler
    void on(ReportingPeriodClosed event) {
        jdbc.sql("update q_reporting_year set closed_on = :closed, closing_decision = :decision where year = :year")
                .param("closed", event.closedOn()).param("decision", event.decision().number())
                .param("year", event.year()).update();
    }

    @EventHandler
    void on(ReportingPeriodExtended event) {
        jdbc.sql("delete from q_reporting_extension where year = :year and commune_id = :commune")
                .param("year", event.year()).param("commune", event.commune().toString()).update();
        jdbc.sql("""
                        insert into q_reporting_extension (year, commune_id, commune_code, until, reason, decision)
                        values (:year, :commune, :code, :until, :reason, :decision)""")
                .param("year", event.year()).param("commune", event.commune().toString())
                .param("code", event.commune().code()).param("until", event.until()).param("reason", event.reason())
                .param("decision", event.decision().number()).update();
    }

    /** A return without reasons per indicator (recorded before they existed): its general reason only. */
    @EventHandler
    void on(AssessmentReturnedForRevision event, @Timestamp Instant at) {
        returned(event.assessmentId().toString(), event.reason(), event.document(), at);
        reason(event.assessmentId().toString(), GENERAL, event.reason(), 0);
    }

    @EventHandler
    void on(AssessmentReturnedWithReasons event, @Timestamp Instant at) {
        String id = event.assessmentId().toString();
        returned(id, event.reason(), event.document(), at);
        reason(id, GENERAL, event.reason(), 0);
        int position = 1;
        for (AssessmentReturnedWithReasons.IndicatorReason reason : event.indicators()) {
            reason(id, reason.indicatorCode(), reason.reason(), position++);
        }
    }

    @EventHandler
    void on(ReturnAnswered event, @Timestamp Instant at) {
        jdbc.sql("""
                        update q_return_reason set answer = :answer, answered_at = :at
                        where assessment_id = :id and indicator_code = :code""")
                .param("answer", event.answer()).param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .param("id", event.assessmentId().toString()).param("code", event.indicatorCode()).update();
    }

    @EventHandler
    void on(IndicatorCommented event, @Timestamp Instant at) {
        jdbc.sql("delete from q_indicator_comment where assessment_id = :id and indicator_code = :code")
                .param("id", event.assessmentId().toString()).param("code", event.indicatorCode()).update();
        if (!event.comment().isEmpty()) {
            jdbc.sql("""
                            insert into q_indicator_comment (assessment_id, indicator_code, comment, commented_at, subject)
                            values (:id, :code, :comment, :at, :subject)""")
                    .param("id", event.assessmentId().toString()).param("code", event.indicatorCode())
                    .param("comment", event.comment()).param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                    .param("subject", event.actedBy().subject()).update();
        }
    }

    private void returned(String assessmentId, String reason, DocumentRef document, Instant at) {
        jdbc.sql("delete from q_return_reason where assessment_id = :id").param("id", assessmentId).update();
        jdbc.sql("delete from q_return where assessment_id = :id").param("id", assessmentId).update();
        jdbc.sql("""
                        insert into q_return (assessment_id, returned_at, reason, document_number, document_date)
                        values (:id, :at, :reason, :number, :date)""")
                .param("id", assessmentId).param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .param("reason", reason == null ? "" : reason)
                .param("number", document == null ? null : document.number())
                .param("date", document == null ? null : document.date())
                .update();
    }

    private void reason(String assessmentId, String indicatorCode, String reason, int position) {
        if (indicatorCode.equals(GENERAL) && (reason == null || reason.isBlank())) {
            return;
        }
        jdbc.sql("""
                        insert into q_return_reason (assessment_id, indicator_code, position, reason)
                        values (:id, :code, :position, :reason)""")
                .param("id", assessmentId).param("code", indicatorCode).param("position", position).param("reason", reason)
                .update();
    }

    /** A file on an indicator; a replacement takes the one it names off the indicator (kept, dated). */
    @EventHandler
    void on(EvidenceFileAttached event, @Timestamp Instant at) {
        String id = event.assessmentId().toString();
        if (event.replaces() != null) {
            jdbc.sql("""
                            update q_evidence_file set replaced_at = :at
                            where assessment_id = :id and indicator_code = :indicator and sha256 = :sha""")
                    .param("at", Stored.time(at)).param("id", id).param("indicator", event.indicatorCode())
                    .param("sha", event.replaces()).update();
        }
        jdbc.sql("delete from q_evidence_file where assessment_id = :id and indicator_code = :indicator and sha256 = :sha")
                .param("id", id).param("indicator", event.indicatorCode()).param("sha", event.file().sha256()).update();
        jdbc.sql("""
                        insert into q_evidence_file (assessment_id, indicator_code, sha256, name, size, media_type,
                                                     attached_at, subject)
                        values (:id, :indicator, :sha, :name, :size, :type, :at, :subject)""")
                .param("id", id).param("indicator", event.indicatorCode()).param("sha", event.file().sha256())
                .param("name", event.file().name()).param("size", event.file().size())
                .param("type", event.file().mediaType()).param("at", Stored.time(at))
                .param("subject", event.actedBy().subject()).update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("delete from q_evidence_file").update();
        jdbc.sql("delete from q_reporting_extension").update();
        jdbc.sql("delete from q_reporting_year").update();
        jdbc.sql("delete from q_return_reason").update();
        jdbc.sql("delete from q_return").update();
        jdbc.sql("delete from q_indicator_comment").update();
    }
}
