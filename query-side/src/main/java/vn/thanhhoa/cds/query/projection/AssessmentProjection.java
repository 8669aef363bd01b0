package vn.thanhhoa.cds.query.projection;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.events.assessment.*;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.common.DocumentRef;
import vn.thanhhoa.cds.events.criteria.AssessmentScore;
import vn.thanhhoa.cds.events.criteria.CriteriaFramework;
import vn.thanhhoa.cds.events.criteria.FrameworkPointsAmended;
import vn.thanhhoa.cds.events.criteria.IndicatorValue;
import vn.thanhhoa.cds.events.criteria.Scoring;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Commune assessments as the cards and dashboards show them. Every count and score is recomputed from the stored
 * indicator values with the framework's current points, whenever a value, an appraisal or the points change; time is
 * taken from the events, never from the clock.
 */
@Component
@ProcessingGroup(Dashboards.GROUP)
public class AssessmentProjection {
    private final JdbcClient jdbc;
    private final FrameworkReader frameworks;

    public AssessmentProjection(JdbcClient jdbc, FrameworkReader frameworks) {
        this.jdbc = jdbc;
        this.frameworks = frameworks;
    }

    @EventHandler
    void on(AssessmentRegistered event, @Timestamp Instant at, @MessageIdentifier String eventId) {
        jdbc.sql("""
                        insert into q_assessment (assessment_id, commune_id, commune_code, appraiser_id, year, framework_id,
                                                  stage, registered_at, last_update)
                        values (:id, :commune, :code, :appraiser, :year, :framework, :stage, :at, :at)""")
                .param("id", event.assessmentId().toString()).param("commune", event.commune().toString())
                .param("code", event.commune().code())
                .param("appraiser", event.appraiser() == null ? null : event.appraiser().toString())
                .param("year", event.year()).param("framework", event.frameworkId())
                .param("stage", Stage.REGISTERED.name()).param("at", time(at))
                .update();
        rescore(event.assessmentId().toString(), null);
        known(event.assessmentId().toString(), at, eventId);
        timeline(event.assessmentId(), at, "AssessmentRegistered", event.actedBy(),
                "Đăng ký đánh giá năm " + event.year() + " theo bộ tiêu chí " + event.frameworkId());
    }

    @EventHandler
    void on(IndicatorValueReported event, @Timestamp Instant at, @MessageIdentifier String eventId) {
        String id = event.assessmentId().toString();
        int updated = jdbc.sql("""
                        update q_indicator set reported_value = :value, evidence = :evidence, reported_at = :at
                        where assessment_id = :id and indicator_code = :code""")
                .param("value", frameworks.write(event.value())).param("evidence", frameworks.write(event.evidence()))
                .param("at", time(at)).param("id", id).param("code", event.indicatorCode())
                .update();
        if (updated == 0) {
            jdbc.sql("""
                            insert into q_indicator (assessment_id, indicator_code, reported_value, evidence, reported_at)
                            values (:id, :code, :value, :evidence, :at)""")
                    .param("value", frameworks.write(event.value())).param("evidence", frameworks.write(event.evidence()))
                    .param("at", time(at)).param("id", id).param("code", event.indicatorCode())
                    .update();
        }
        rescore(id, null, null, at);
        known(id, at, eventId);
        indicatorKnown(event.assessmentId(), event.indicatorCode(), at);
        timeline(event.assessmentId(), at, "IndicatorValueReported", event.actedBy(),
                "Cập nhật chỉ tiêu " + event.indicatorCode() + ": " + describe(event.value()));
    }

    @EventHandler
    void on(SelfAssessmentSubmitted event, @Timestamp Instant at, @MessageIdentifier String eventId) {
        String id = event.assessmentId().toString();
        jdbc.sql("update q_assessment set stage = :stage, report_number = :report, last_update = :at where assessment_id = :id")
                .param("stage", Stage.SUBMITTED.name()).param("report", event.report().number())
                .param("at", time(at)).param("id", id).update();
        rescore(id, "Nộp báo cáo " + event.report().number());
        known(id, at, eventId);
        timeline(event.assessmentId(), at, "SelfAssessmentSubmitted", event.actedBy(),
                "Nộp báo cáo tự đánh giá số " + document(event.report()));
    }

    @EventHandler
    void on(AppraisalStarted event, @Timestamp Instant at, @MessageIdentifier String eventId) {
        String id = event.assessmentId().toString();
        jdbc.sql("update q_indicator set appraised_value = null, appraisal_note = null, appraised_at = null where assessment_id = :id")
                .param("id", id).update();
        stage(id, Stage.UNDER_APPRAISAL, at);
        rescore(id, null);
        known(id, at, eventId);
        indicatorKnown(event.assessmentId(), null, at);
        timeline(event.assessmentId(), at, "AppraisalStarted", event.actedBy(), "Bắt đầu thẩm định");
    }

    @EventHandler
    void on(IndicatorAppraised event, @Timestamp Instant at, @MessageIdentifier String eventId) {
        String id = event.assessmentId().toString();
        int updated = jdbc.sql("""
                        update q_indicator set appraised_value = :value, appraisal_note = :note, appraised_at = :at
                        where assessment_id = :id and indicator_code = :code""")
                .param("value", frameworks.write(event.appraisedValue())).param("note", event.note())
                .param("at", time(at)).param("id", id).param("code", event.indicatorCode())
                .update();
        if (updated == 0) {
            jdbc.sql("""
                            insert into q_indicator (assessment_id, indicator_code, appraised_value, appraisal_note, appraised_at)
                            values (:id, :code, :value, :note, :at)""")
                    .param("value", frameworks.write(event.appraisedValue())).param("note", event.note())
                    .param("at", time(at)).param("id", id).param("code", event.indicatorCode())
                    .update();
        }
        rescore(id, null, null, at);
        known(id, at, eventId);
        indicatorKnown(event.assessmentId(), event.indicatorCode(), at);
        timeline(event.assessmentId(), at, "IndicatorAppraised", event.actedBy(),
                "Thẩm định chỉ tiêu " + event.indicatorCode() + ": " + describe(event.appraisedValue()));
    }

    @EventHandler
    void on(AppraisalConcluded event, @Timestamp Instant at, @MessageIdentifier String eventId) {
        String id = event.assessmentId().toString();
        jdbc.sql("""
                        update q_assessment set stage = :stage, concluded_score = :score, concluded_passed = :passed,
                                                verdict_in_question = false, last_update = :at
                        where assessment_id = :id""")
                .param("stage", (event.passed() ? Stage.APPRAISED_PASS : Stage.APPRAISED_FAIL).name())
                .param("score", event.score()).param("passed", event.passed()).param("at", time(at)).param("id", id)
                .update();
        rescore(id, "Kết luận thẩm định " + document(event.document()));
        known(id, at, eventId);
        timeline(event.assessmentId(), at, "AppraisalConcluded", event.actedBy(),
                "Kết luận thẩm định: " + (event.passed() ? "Đạt" : "Không đạt") + " (" + event.score().toPlainString()
                        + "), văn bản " + document(event.document()));
    }

    @EventHandler
    void on(AssessmentReturnedForRevision event, @Timestamp Instant at, @MessageIdentifier String eventId) {
        stage(event.assessmentId().toString(), Stage.RETURNED, at);
        known(event.assessmentId().toString(), at, eventId);
        timeline(event.assessmentId(), at, "AssessmentReturnedForRevision", event.actedBy(),
                "Trả lại hồ sơ: " + event.reason());
    }

    @EventHandler
    void on(CommuneRecognised event, @Timestamp Instant at, @MessageIdentifier String eventId) {
        jdbc.sql("""
                        update q_assessment set stage = :stage, recognition_decision = :decision, recognised_at = :at,
                                                recognition_date = :decided, last_update = :at
                        where assessment_id = :id""")
                .param("stage", Stage.RECOGNISED.name()).param("decision", event.decision().number())
                .param("decided", event.decision().date())
                .param("at", time(at)).param("id", event.assessmentId().toString())
                .update();
        known(event.assessmentId().toString(), at, eventId);
        timeline(event.assessmentId(), at, "CommuneRecognised", event.actedBy(),
                "Công nhận theo quyết định " + document(event.decision()));
    }

    @EventHandler
    void on(RecognitionRevoked event, @Timestamp Instant at, @MessageIdentifier String eventId) {
        jdbc.sql("""
                        update q_assessment set stage = :stage, revocation_date = :decided, verdict_in_question = false,
                                                last_update = :at
                        where assessment_id = :id""")
                .param("stage", Stage.REVOKED.name()).param("decided", decidedOn(event.decision(), at))
                .param("at", time(at)).param("id", event.assessmentId().toString())
                .update();
        known(event.assessmentId().toString(), at, eventId);
        timeline(event.assessmentId(), at, "RecognitionRevoked", event.actedBy(),
                "Thu hồi công nhận theo quyết định " + document(event.decision()) + ": " + event.reason());
    }

    /** A decision counts from its date; one without a date, from the day it was recorded (in the province's time). */
    private static java.time.LocalDate decidedOn(vn.thanhhoa.cds.events.common.DocumentRef decision, Instant at) {
        return decision.date() != null ? decision.date() : at.atZone(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).toLocalDate();
    }

    /** The verdict no longer holds under the amended points: "cần xem xét lại" until it is decided again. */
    @EventHandler
    void on(VerdictInvalidatedByAmendment event, @Timestamp Instant at, @MessageIdentifier String eventId) {
        jdbc.sql("update q_assessment set verdict_in_question = true, last_update = :at where assessment_id = :id")
                .param("at", time(at)).param("id", event.assessmentId().toString()).update();
        known(event.assessmentId().toString(), at, eventId);
        timeline(event.assessmentId(), at, "VerdictInvalidatedByAmendment", event.actedBy(),
                "Kết luận " + (event.concludedPassed() ? "Đạt" : "Không đạt") + " cần xem xét lại: theo điểm đã đính chính ("
                        + document(event.amendment()) + ") kết quả là " + (event.concludedPassed() ? "Không đạt" : "Đạt")
                        + " (" + event.amendedScore().stripTrailingZeros().toPlainString() + ")");
    }

    @EventHandler
    void on(RecognitionConfirmedAfterAmendment event, @Timestamp Instant at, @MessageIdentifier String eventId) {
        jdbc.sql("update q_assessment set verdict_in_question = false, last_update = :at where assessment_id = :id")
                .param("at", time(at)).param("id", event.assessmentId().toString()).update();
        known(event.assessmentId().toString(), at, eventId);
        timeline(event.assessmentId(), at, "RecognitionConfirmedAfterAmendment", event.actedBy(),
                "Giữ công nhận sau đính chính điểm theo quyết định " + document(event.decision()));
    }

    @EventHandler
    void on(AssessmentTransferred event, @Timestamp Instant at, @MessageIdentifier String eventId) {
        jdbc.sql("""
                        update q_assessment set commune_id = :commune, commune_code = :code, appraiser_id = :appraiser,
                                                last_update = :at
                        where assessment_id = :id""")
                .param("commune", event.toCommune().toString()).param("code", event.toCommune().code())
                .param("appraiser", event.appraiser() == null ? null : event.appraiser().toString())
                .param("at", time(at)).param("id", event.assessmentId().toString())
                .update();
        known(event.assessmentId().toString(), at, eventId);
        timeline(event.assessmentId(), at, "AssessmentTransferred", event.actedBy(),
                "Chuyển hồ sơ từ " + event.fromCommune() + " sang " + event.toCommune() + " theo " + document(event.decision()));
    }

    @EventHandler
    void on(AssessmentClosedAsSuperseded event, @Timestamp Instant at, @MessageIdentifier String eventId) {
        stage(event.assessmentId().toString(), Stage.SUPERSEDED, at);
        known(event.assessmentId().toString(), at, eventId);
        timeline(event.assessmentId(), at, "AssessmentClosedAsSuperseded", event.actedBy(),
                "Đóng hồ sơ do sắp xếp đơn vị hành chính theo " + document(event.decision()) + ": " + event.reason());
    }

    /** New points: the framework's definition changes, and every commune assessed under it is scored again. */
    @EventHandler
    void on(FrameworkPointsAmended event, @Timestamp Instant at, @MessageIdentifier String eventId) {
        CriteriaFramework current = frameworks.find(event.frameworkId()).orElseThrow();
        Map<String, BigDecimal> points = event.changes().stream().collect(Collectors.toMap(
                FrameworkPointsAmended.PointChange::indicatorCode, FrameworkPointsAmended.PointChange::newPoints));
        jdbc.sql("update q_framework set definition = :definition where framework_id = :id")
                .param("definition", frameworks.write(current.withPoints(points))).param("id", event.frameworkId())
                .update();
        frameworks.changed();
        int sequence = jdbc.sql("select count(distinct sequence) from q_framework_amendment where framework_id = :id")
                .param("id", event.frameworkId()).query(Integer.class).single() + 1;
        for (FrameworkPointsAmended.PointChange change : event.changes()) {
            jdbc.sql("""
                            insert into q_framework_amendment (framework_id, sequence, decided_on, indicator_code,
                                                               previous_points, new_points)
                            values (:id, :sequence, :decided, :indicator, :previous, :new)""")
                    .param("id", event.frameworkId()).param("sequence", sequence)
                    .param("decided", decidedOn(event.decision(), at)).param("indicator", change.indicatorCode())
                    .param("previous", change.previousPoints()).param("new", change.newPoints())
                    .update();
        }
        List<String> assessed = jdbc.sql("select assessment_id from q_assessment where framework_id = :id")
                .param("id", event.frameworkId()).query(String.class).list();
        String cause = "Đính chính điểm " + document(event.decision());
        for (String id : assessed) {
            rescore(id, cause, at, null);
            known(id, at, eventId);
        }
    }

    @ResetHandler
    void reset() {
        jdbc.sql("delete from q_assessment_known").update();
        jdbc.sql("delete from q_indicator_known").update();
        jdbc.sql("delete from q_known_versions_from").update();
        jdbc.sql("delete from q_assessment").update();
        jdbc.sql("delete from q_indicator").update();
        jdbc.sql("delete from q_score_history").update();
        jdbc.sql("delete from q_timeline").update();
        jdbc.sql("delete from q_framework_amendment").update();
    }

    private void rescore(String id, String cause) {
        rescore(id, cause, null, null);
    }

    /**
     * Scores the self-assessment (the commune's values) and, once an appraisal has started, the appraisal (the
     * appraiser's values over the commune's). With a cause, the scoring is also kept in the history. With
     * {@code touched}, the same statement records the assessment's last update (one round trip fewer per value).
     */
    private void rescore(String id, String cause, Instant at, Instant touched) {
        record Row(String framework, String stage, Instant lastUpdate) {
        }
        Row row = jdbc.sql("select framework_id, stage, last_update from q_assessment where assessment_id = :id")
                .param("id", id)
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant()))
                .single();
        CriteriaFramework framework = frameworks.find(row.framework()).orElseThrow();
        Map<String, IndicatorValue> reported = new HashMap<>();
        Map<String, IndicatorValue> appraised = new HashMap<>();
        jdbc.sql("select indicator_code, reported_value, appraised_value from q_indicator where assessment_id = :id")
                .param("id", id)
                .query((rs, n) -> {
                    if (rs.getString(2) != null) {
                        reported.put(rs.getString(1), frameworks.value(rs.getString(2)));
                    }
                    if (rs.getString(3) != null) {
                        appraised.put(rs.getString(1), frameworks.value(rs.getString(3)));
                    }
                    return null;
                }).list();
        AssessmentScore self = Scoring.score(framework, reported);
        boolean appraising = !List.of(Stage.REGISTERED.name(), Stage.SUBMITTED.name(), Stage.RETURNED.name()).contains(row.stage());
        AssessmentScore appraisal = null;
        if (appraising) {
            Map<String, IndicatorValue> merged = new HashMap<>(reported);
            merged.putAll(appraised);
            appraisal = Scoring.score(framework, merged);
        }
        jdbc.sql("""
                        update q_assessment set self_points = :points, self_met = :met, self_in_progress = :inProgress,
                               self_not_met = :notMet, self_not_assessed = :notAssessed, self_passed = :passed,
                               appraised_points = :appraisedPoints, appraised_met = :appraisedMet,
                               appraised_passed = :appraisedPassed, last_update = coalesce(:touched, last_update)
                        where assessment_id = :id""")
                .param("points", self.points()).param("met", self.met()).param("inProgress", self.inProgress())
                .param("notMet", self.notMet()).param("notAssessed", self.notAssessed()).param("passed", self.passed())
                .param("appraisedPoints", appraisal == null ? null : appraisal.points())
                .param("appraisedMet", appraisal == null ? null : appraisal.met())
                .param("appraisedPassed", appraisal == null ? null : appraisal.passed())
                .param("touched", touched == null ? null : time(touched))
                .param("id", id)
                .update();
        if (cause != null) {
            jdbc.sql("""
                            insert into q_score_history (assessment_id, scored_at, cause, self_points, self_met, appraised_points)
                            values (:id, :at, :cause, :points, :met, :appraised)""")
                    .param("id", id).param("at", time(at != null ? at : touched != null ? touched : row.lastUpdate())).param("cause", cause)
                    .param("points", self.points()).param("met", self.met())
                    .param("appraised", appraisal == null ? null : appraisal.points())
                    .update();
        }
    }

    private void stage(String id, Stage stage, Instant at) {
        jdbc.sql("update q_assessment set stage = :stage, last_update = :at where assessment_id = :id")
                .param("stage", stage.name()).param("at", time(at)).param("id", id).update();
    }

    /**
     * The assessment's row as it now stands, kept as known from the event's instant (the dashboards as known then),
     * with the event that made it (the auditors' history shows each event's scores before and after).
     */
    private void known(String id, Instant at, String eventId) {
        jdbc.sql("insert into q_assessment_known (known_from, event_id, " + KNOWN_COLUMNS + ") select :at, :event, "
                        + KNOWN_COLUMNS + " from q_assessment where assessment_id = :id")
                .param("at", time(at)).param("event", eventId).param("id", id).update();
    }

    /** One indicator's values as they now stand (or every indicator of the assessment, with a null code). */
    private void indicatorKnown(AssessmentId assessment, String indicatorCode, Instant at) {
        jdbc.sql("""
                        insert into q_indicator_known (known_from, assessment_id, indicator_code, reported_value, appraised_value)
                        select :at, assessment_id, indicator_code, reported_value, appraised_value from q_indicator
                        where assessment_id = :id and (cast(:code as varchar(16)) is null or indicator_code = :code)""")
                .param("at", time(at)).param("id", assessment.toString()).param("code", indicatorCode).update();
    }

    /** The columns of q_assessment, as q_assessment_known keeps them. */
    public static final String KNOWN_COLUMNS = """
            assessment_id, commune_id, commune_code, appraiser_id, year, framework_id, stage, self_points, self_met,
            self_in_progress, self_not_met, self_not_assessed, self_passed, appraised_points, appraised_met,
            appraised_passed, concluded_score, concluded_passed, report_number, recognition_decision, recognised_at,
            registered_at, last_update, verdict_in_question, recognition_date, revocation_date""";

    private void timeline(AssessmentId id, Instant at, String type, ActedBy actor, String summary) {
        jdbc.sql("""
                        insert into q_timeline (assessment_id, occurred_at, event_type, actor, actor_unit, summary)
                        values (:id, :at, :type, :actor, :unit, :summary)""")
                .param("id", id.toString()).param("at", time(at)).param("type", type)
                .param("actor", actor.subject()).param("unit", actor.unit())
                .param("summary", truncate(summary, 1000))
                .update();
    }

    /** Cut to a column's length without splitting a surrogate pair (an emoji cut in half is not UTF-8). */
    static String truncate(String text, int length) {
        if (text == null || text.length() <= length) {
            return text;
        }
        return text.substring(0, Character.isHighSurrogate(text.charAt(length - 1)) ? length - 1 : length);
    }

    static String describe(IndicatorValue value) {
        if (value instanceof IndicatorValue.Ratio r) {
            return r.numerator().toPlainString() + "/" + r.denominator().toPlainString();
        }
        if (value instanceof IndicatorValue.YesNo y) {
            return y.value() ? "Có" : "Không";
        }
        return "Đang triển khai";
    }

    private static String document(DocumentRef ref) {
        return ref == null ? "" : ref.number();
    }

    public static OffsetDateTime time(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
