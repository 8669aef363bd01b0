package vn.thanhhoa.cds.query.card;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.events.assessment.*;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.common.DocumentRef;
import vn.thanhhoa.cds.events.common.ProvinceTime;
import vn.thanhhoa.cds.events.criteria.AssessmentScore;
import vn.thanhhoa.cds.events.criteria.CriteriaFramework;
import vn.thanhhoa.cds.events.criteria.FrameworkPointsAmended;
import vn.thanhhoa.cds.events.criteria.FrameworkVersions;
import vn.thanhhoa.cds.events.criteria.IndicatorValue;
import vn.thanhhoa.cds.events.criteria.Scoring;
import vn.thanhhoa.cds.query.common.Dashboards;
import vn.thanhhoa.cds.query.common.ReadBatch;
import vn.thanhhoa.cds.query.common.Stored;
import vn.thanhhoa.cds.query.reference.FrameworkReader;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Commune assessments as the cards and dashboards show them. Every count and score is recomputed from the stored
 * indicator values with the framework's current points, whenever a value, an appraisal or the points change; time is
 * taken from the events, never from the clock.
 */
@Component
@ProcessingGroup(Dashboards.GROUP)
public class AssessmentProjection {
    private static final List<String> NOT_APPRAISING = List.of(Stage.REGISTERED.name(), Stage.SUBMITTED.name(),
            Stage.WITHDRAWN.name(), Stage.RETURNED.name());

    private final JdbcClient jdbc;
    private final FrameworkReader frameworks;
    private final AssessmentStore store;

    /** The live processor's: over the live read tables, a batch's writes held until it commits where they can be. */
    @Autowired
    public AssessmentProjection(JdbcClient jdbc, FrameworkReader frameworks, JdbcTemplate tables, Clock clock) {
        this(jdbc, frameworks, ReadBatch.heldOn(tables) ? new BatchedAssessmentStore(tables, frameworks, clock)
                : new JdbcAssessmentStore(jdbc, frameworks));
    }

    /** Over the read tables, a statement at a time. */
    public AssessmentProjection(JdbcClient jdbc, FrameworkReader frameworks) {
        this(jdbc, frameworks, new JdbcAssessmentStore(jdbc, frameworks));
    }

    /** With the assessments kept elsewhere (the rebuild's fold); the frameworks are in the tables either way. */
    public AssessmentProjection(JdbcClient jdbc, FrameworkReader frameworks, AssessmentStore store) {
        this.jdbc = jdbc;
        this.frameworks = frameworks;
        this.store = store;
    }

    @EventHandler
    void on(AssessmentRegistered event, @Timestamp Instant at, @MessageIdentifier String eventId) {
        AssessmentRow row = new AssessmentRow();
        row.assessmentId = event.assessmentId().toString();
        row.communeId = event.commune().toString();
        row.communeCode = event.commune().code();
        row.appraiserId = event.appraiser() == null ? null : event.appraiser().toString();
        row.year = event.year();
        row.frameworkId = event.frameworkId();
        row.stage = Stage.REGISTERED.name();
        row.registeredAt = at;
        row.lastUpdate = at;
        rescore(row);
        store.insert(row);
        store.known(row, at, eventId);
        timeline(row.assessmentId, at, "AssessmentRegistered", event.actedBy(),
                facts("year", event.year(), "framework", event.frameworkId()));
    }

    @EventHandler
    void on(IndicatorValueReported event, @Timestamp Instant at, @MessageIdentifier String eventId) {
        AssessmentRow row = existing(event.assessmentId());
        String code = event.indicatorCode();
        row.indicators.put(code, row.indicator(code).reported(frameworks.write(event.value()), event.value(),
                frameworks.write(event.evidence()), at));
        valueChanged(row, code, at, eventId, "IndicatorValueReported", event.actedBy(),
                facts("indicator", code, "value", Stored.valueFact(event.value())));
    }

    @EventHandler
    void on(SelfAssessmentSubmitted event, @Timestamp Instant at, @MessageIdentifier String eventId) {
        AssessmentRow row = existing(event.assessmentId());
        row.stage = Stage.SUBMITTED.name();
        row.reportNumber = event.report().number();
        row.lastUpdate = at;
        rescore(row);
        store.update(row, List.of());
        store.scored(row, at, "SelfAssessmentSubmitted", event.report().number());
        store.known(row, at, eventId);
        timeline(row.assessmentId, at, "SelfAssessmentSubmitted", event.actedBy(), facts("document", document(event.report())));
    }

    @EventHandler
    void on(AppraisalStarted event, @Timestamp Instant at, @MessageIdentifier String eventId) {
        AssessmentRow row = existing(event.assessmentId());
        row.indicators.replaceAll((code, indicator) -> indicator.appraised(null, null, null, null));
        row.stage = Stage.UNDER_APPRAISAL.name();
        row.lastUpdate = at;
        rescore(row);
        store.update(row, null);
        store.known(row, at, eventId);
        store.indicatorsKnown(row, null, at, eventId);
        timeline(row.assessmentId, at, "AppraisalStarted", event.actedBy(), facts());
    }

    @EventHandler
    void on(IndicatorAppraised event, @Timestamp Instant at, @MessageIdentifier String eventId) {
        AssessmentRow row = existing(event.assessmentId());
        String code = event.indicatorCode();
        row.indicators.put(code, row.indicator(code).appraised(frameworks.write(event.appraisedValue()),
                event.appraisedValue(), event.note(), at));
        valueChanged(row, code, at, eventId, "IndicatorAppraised", event.actedBy(),
                facts("indicator", code, "value", Stored.valueFact(event.appraisedValue())));
    }

    @EventHandler
    void on(AppraisalConcluded event, @Timestamp Instant at, @MessageIdentifier String eventId) {
        AssessmentRow row = existing(event.assessmentId());
        row.stage = (event.passed() ? Stage.APPRAISED_PASS : Stage.APPRAISED_FAIL).name();
        row.concludedScore = event.score();
        row.concludedPassed = event.passed();
        row.verdictInQuestion = false;
        row.lastUpdate = at;
        rescore(row);
        store.update(row, List.of());
        store.scored(row, at, "AppraisalConcluded", document(event.document()));
        store.known(row, at, eventId);
        timeline(row.assessmentId, at, "AppraisalConcluded", event.actedBy(), facts("passed", event.passed(),
                "score", event.score().toPlainString(), "document", document(event.document())));
    }

    /** Back to the commune: the scores stay as they were when it was returned (nothing is scored again). */
    @EventHandler
    void on(AssessmentReturnedForRevision event, @Timestamp Instant at, @MessageIdentifier String eventId) {
        changed(event.assessmentId(), at, eventId, row -> row.stage = Stage.RETURNED.name());
        timeline(event.assessmentId().toString(), at, "AssessmentReturnedForRevision", event.actedBy(),
                facts("reason", event.reason()));
    }

    @EventHandler
    void on(AssessmentReturnedWithReasons event, @Timestamp Instant at, @MessageIdentifier String eventId) {
        changed(event.assessmentId(), at, eventId, row -> row.stage = Stage.RETURNED.name());
        timeline(event.assessmentId().toString(), at, "AssessmentReturnedWithReasons", event.actedBy(),
                facts("reason", event.reason().isBlank() ? null : event.reason(), "indicators", event.indicators().stream()
                        .map(r -> facts("indicator", r.indicatorCode(), "reason", r.reason())).toList()));
    }

    @EventHandler
    void on(ReturnAnswered event, @Timestamp Instant at, @MessageIdentifier String eventId) {
        changed(event.assessmentId(), at, eventId, row -> { });
        timeline(event.assessmentId().toString(), at, "ReturnAnswered", event.actedBy(),
                facts("indicator", event.indicatorCode().isEmpty() ? null : event.indicatorCode(), "answer", event.answer()));
    }

    @EventHandler
    void on(IndicatorCommented event, @Timestamp Instant at, @MessageIdentifier String eventId) {
        changed(event.assessmentId(), at, eventId, row -> { });
        timeline(event.assessmentId().toString(), at, "IndicatorCommented", event.actedBy(),
                facts("indicator", event.indicatorCode(), "comment", event.comment()));
    }

    @EventHandler
    void on(SelfAssessmentWithdrawn event, @Timestamp Instant at, @MessageIdentifier String eventId) {
        changed(event.assessmentId(), at, eventId, row -> row.stage = Stage.WITHDRAWN.name());
        timeline(event.assessmentId().toString(), at, "SelfAssessmentWithdrawn", event.actedBy(),
                facts("reason", event.reason().isBlank() ? null : event.reason()));
    }

    @EventHandler
    void on(CommuneRecognised event, @Timestamp Instant at, @MessageIdentifier String eventId) {
        changed(event.assessmentId(), at, eventId, row -> {
            row.stage = Stage.RECOGNISED.name();
            row.recognitionDecision = event.decision().number();
            row.recognisedAt = at;
            row.recognitionDate = event.decision().date();
        });
        timeline(event.assessmentId().toString(), at, "CommuneRecognised", event.actedBy(),
                facts("document", document(event.decision())));
    }

    @EventHandler
    void on(EvidenceFileAttached event, @Timestamp Instant at, @MessageIdentifier String eventId) {
        changed(event.assessmentId(), at, eventId, row -> { });
        timeline(event.assessmentId().toString(), at, "EvidenceFileAttached", event.actedBy(), facts("indicator",
                event.indicatorCode(), "name", event.file().name(), "size", event.file().size(),
                "replaces", event.replaces() == null ? null : event.replaces().substring(0, 12)));
    }

    @EventHandler
    void on(AppraisalCouncilAssigned event, @Timestamp Instant at, @MessageIdentifier String eventId) {
        changed(event.assessmentId(), at, eventId, row -> { });
        timeline(event.assessmentId().toString(), at, "AppraisalCouncilAssigned", event.actedBy(), facts("lead", event.lead(),
                "members", event.members().stream().map(m -> facts("member", m.subject(), "pillars", String.join(", ", m.pillars())))
                        .toList(), "document", document(event.document())));
    }

    @EventHandler
    void on(AppraisalAcceptedForReview event, @Timestamp Instant at, @MessageIdentifier String eventId) {
        changed(event.assessmentId(), at, eventId, row -> row.stage = Stage.IN_REVIEW.name());
        timeline(event.assessmentId().toString(), at, "AppraisalAcceptedForReview", event.actedBy(),
                facts("note", event.note().isBlank() ? null : event.note()));
    }

    /** Back to the appraiser with the values it had: the appraisal is open again. */
    @EventHandler
    void on(AppraisalSentBack event, @Timestamp Instant at, @MessageIdentifier String eventId) {
        changed(event.assessmentId(), at, eventId, row -> row.stage = Stage.UNDER_APPRAISAL.name());
        timeline(event.assessmentId().toString(), at, "AppraisalSentBack", event.actedBy(),
                facts("reason", event.reason().isBlank() ? null : event.reason(), "indicators", event.indicators().stream()
                        .map(r -> facts("indicator", r.indicatorCode(), "reason", r.reason())).toList()));
    }

    /** The inspection's values replace the appraised ones, and its verdict the concluded one. */
    @EventHandler
    void on(OnSiteInspectionRecorded event, @Timestamp Instant at, @MessageIdentifier String eventId) {
        AssessmentRow row = existing(event.assessmentId());
        List<String> corrected = event.corrections().stream().map(OnSiteInspectionRecorded.Correction::indicatorCode).toList();
        for (OnSiteInspectionRecorded.Correction correction : event.corrections()) {
            row.indicators.put(correction.indicatorCode(), row.indicator(correction.indicatorCode()).appraised(
                    frameworks.write(correction.value()), correction.value(), correction.note(), at));
        }
        row.concludedScore = event.score();
        row.concludedPassed = event.passed();
        row.lastUpdate = at;
        rescore(row);
        store.update(row, corrected);
        store.scored(row, at, "OnSiteInspectionRecorded", event.inspectedOn().toString());
        store.known(row, at, eventId);
        if (!corrected.isEmpty()) {
            store.indicatorsKnown(row, corrected, at, eventId);
        }
        timeline(row.assessmentId, at, "OnSiteInspectionRecorded", event.actedBy(), facts("date",
                event.inspectedOn().toString(), "findings", event.findings(), "passed", event.passed(),
                "score", event.score().stripTrailingZeros().toPlainString(), "corrections", event.corrections().stream()
                        .map(c -> facts("indicator", c.indicatorCode(), "value", Stored.valueFact(c.value()))).toList()));
    }

    @EventHandler
    void on(ProposedForRecognition event, @Timestamp Instant at, @MessageIdentifier String eventId) {
        changed(event.assessmentId(), at, eventId, row -> row.stage = Stage.PROPOSED.name());
        timeline(event.assessmentId().toString(), at, "ProposedForRecognition", event.actedBy(),
                facts("document", document(event.proposal())));
    }

    @EventHandler
    void on(RecognitionDeclined event, @Timestamp Instant at, @MessageIdentifier String eventId) {
        changed(event.assessmentId(), at, eventId, row -> {
            row.stage = Stage.DECLINED.name();
            row.recognitionDecision = event.decision().number();
        });
        timeline(event.assessmentId().toString(), at, "RecognitionDeclined", event.actedBy(),
                facts("document", document(event.decision()), "reason", event.reason()));
    }

    @EventHandler
    void on(RecognitionDecisionCorrected event, @Timestamp Instant at, @MessageIdentifier String eventId) {
        changed(event.assessmentId(), at, eventId, row -> {
            row.recognitionDecision = event.decision().number();
            if (event.recognised()) {
                // recognised from the correcting decision (a recognition corrected into a recognition keeps its day)
                if (!Stage.RECOGNISED.name().equals(row.stage)) {
                    row.recognisedAt = at;
                    row.recognitionDate = event.decision().date();
                }
                row.stage = Stage.RECOGNISED.name();
                row.revocationDate = null;
            } else {
                // a recognition withdrawn by the correcting decision counts as one until that decision's day
                row.revocationDate = Stage.RECOGNISED.name().equals(row.stage)
                        ? ProvinceTime.decidedOn(event.decision(), at) : row.revocationDate;
                row.stage = Stage.DECLINED.name();
            }
        });
        timeline(event.assessmentId().toString(), at, "RecognitionDecisionCorrected", event.actedBy(),
                facts("corrected", event.corrected(), "document", document(event.decision()),
                        "recognised", event.recognised(), "reason", event.reason()));
    }

    @EventHandler
    void on(RecognitionRevoked event, @Timestamp Instant at, @MessageIdentifier String eventId) {
        changed(event.assessmentId(), at, eventId, row -> {
            row.stage = Stage.REVOKED.name();
            row.revocationDate = ProvinceTime.decidedOn(event.decision(), at);
            row.verdictInQuestion = false;
        });
        timeline(event.assessmentId().toString(), at, "RecognitionRevoked", event.actedBy(),
                facts("document", document(event.decision()), "reason", event.reason()));
    }

    /** The verdict no longer holds under the amended points: "cần xem xét lại" until it is decided again. */
    @EventHandler
    void on(VerdictInvalidatedByAmendment event, @Timestamp Instant at, @MessageIdentifier String eventId) {
        changed(event.assessmentId(), at, eventId, row -> row.verdictInQuestion = true);
        timeline(event.assessmentId().toString(), at, "VerdictInvalidatedByAmendment", event.actedBy(),
                facts("passed", event.concludedPassed(), "document", document(event.amendment()),
                        "score", event.amendedScore().stripTrailingZeros().toPlainString()));
    }

    @EventHandler
    void on(RecognitionConfirmedAfterAmendment event, @Timestamp Instant at, @MessageIdentifier String eventId) {
        changed(event.assessmentId(), at, eventId, row -> row.verdictInQuestion = false);
        timeline(event.assessmentId().toString(), at, "RecognitionConfirmedAfterAmendment", event.actedBy(),
                facts("document", document(event.decision())));
    }

    @EventHandler
    void on(AssessmentTransferred event, @Timestamp Instant at, @MessageIdentifier String eventId) {
        changed(event.assessmentId(), at, eventId, row -> {
            row.communeId = event.toCommune().toString();
            row.communeCode = event.toCommune().code();
            row.appraiserId = event.appraiser() == null ? null : event.appraiser().toString();
        });
        timeline(event.assessmentId().toString(), at, "AssessmentTransferred", event.actedBy(), facts("from",
                event.fromCommune().toString(), "to", event.toCommune().toString(), "document", document(event.decision())));
    }

    @EventHandler
    void on(AssessmentClosedAsSuperseded event, @Timestamp Instant at, @MessageIdentifier String eventId) {
        changed(event.assessmentId(), at, eventId, row -> row.stage = Stage.SUPERSEDED.name());
        timeline(event.assessmentId().toString(), at, "AssessmentClosedAsSuperseded", event.actedBy(),
                facts("document", document(event.decision()), "reason", event.reason()));
    }

    /**
     * New points: every commune assessed under the framework is scored again. The reference data keeps the points
     * (ReferenceProjection); whichever of the two handles the event first, the points scored with include it.
     */
    @EventHandler
    void on(FrameworkPointsAmended event, @Timestamp Instant at, @MessageIdentifier String eventId) {
        FrameworkVersions versions = frameworks.versions(event.frameworkId()).orElseThrow()
                .amended(eventId, event, ProvinceTime.decidedOn(event.decision(), at));
        for (String id : store.assessedUnder(event.frameworkId())) {
            AssessmentRow row = store.find(id).orElseThrow();
            rescore(row, versions, versions.current());
            store.update(row, List.of());
            store.scored(row, at, "FrameworkPointsAmended", document(event.decision()));
            store.known(row, at, eventId);
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
    }

    private AssessmentRow existing(AssessmentId id) {
        return store.find(id.toString()).orElseThrow(() -> new IllegalStateException("no assessment " + id + " on the read side"));
    }

    /** One indicator's value changed (the commune's or the appraiser's): scored again, kept, with both versions. */
    private void valueChanged(AssessmentRow row, String code, Instant at, String eventId, String type, ActedBy actor,
                              Map<String, Object> facts) {
        row.lastUpdate = at;
        rescore(row);
        store.update(row, List.of(code));
        store.known(row, at, eventId);
        store.indicatorsKnown(row, List.of(code), at, eventId);
        timeline(row.assessmentId, at, type, actor, facts);
    }

    /** A change of the row that scores nothing again: the row, its last update and its version. */
    private void changed(AssessmentId id, Instant at, String eventId, java.util.function.Consumer<AssessmentRow> change) {
        AssessmentRow row = existing(id);
        change.accept(row);
        row.lastUpdate = at;
        store.update(row, List.of());
        store.known(row, at, eventId);
    }

    /**
     * Scores the self-assessment (the commune's values) and, once an appraisal has started, the appraisal (the
     * appraiser's values over the commune's).
     */
    private void rescore(AssessmentRow row) {
        rescore(row, frameworks.versions(row.frameworkId).orElseThrow(), frameworks.find(row.frameworkId).orElseThrow());
    }

    private void rescore(AssessmentRow row, FrameworkVersions versions, CriteriaFramework framework) {
        java.util.function.Function<String, IndicatorValue> reported = code -> {
            AssessmentRow.Indicator indicator = row.indicators.get(code);
            return indicator == null ? null : indicator.reported();
        };
        AssessmentScore self = Scoring.score(framework, reported);
        row.selfPoints = self.points();
        row.selfMet = self.met();
        row.selfInProgress = self.inProgress();
        row.selfNotMet = self.notMet();
        row.selfNotAssessed = self.notAssessed();
        row.selfPassed = self.passed();
        // the appraiser's value where there is one, else the commune's; only once an appraisal has started
        java.util.function.Function<String, IndicatorValue> appraisal = NOT_APPRAISING.contains(row.stage) ? null : code -> {
            AssessmentRow.Indicator indicator = row.indicators.get(code);
            return indicator == null ? null : indicator.appraised() != null ? indicator.appraised() : indicator.reported();
        };
        if (appraisal == null) {
            row.appraisedPoints = null;
            row.appraisedMet = null;
            row.appraisedPassed = null;
        } else {
            AssessmentScore appraised = Scoring.score(framework, appraisal);
            row.appraisedPoints = appraised.points();
            row.appraisedMet = appraised.met();
            row.appraisedPassed = appraised.passed();
        }
        // what the dashboards show, kept here so that no request scores
        row.pillars = frameworks.write(DashboardFigures.pillars(self));
        row.metIndicators = frameworks.write(DashboardFigures.met(self));
        row.earlierScores = versions.latest() == 0 ? null
                : frameworks.write(DashboardFigures.earlier(versions, reported, appraisal));
    }

    /** The columns of q_assessment, as q_assessment_known keeps them. */
    public static final String KNOWN_COLUMNS = """
            assessment_id, commune_id, commune_code, appraiser_id, year, framework_id, stage, self_points, self_met,
            self_in_progress, self_not_met, self_not_assessed, self_passed, appraised_points, appraised_met,
            appraised_passed, concluded_score, concluded_passed, report_number, recognition_decision, recognised_at,
            registered_at, last_update, verdict_in_question, recognition_date, revocation_date, pillars, met_indicators,
            earlier_scores""";

    /**
     * A timeline row holds what happened (the event's type and its facts), not a sentence: the pages phrase it in
     * the reader's language (TimelinePhrases).
     */
    private void timeline(String assessmentId, Instant at, String type, ActedBy actor, Map<String, Object> facts) {
        store.timeline(assessmentId, at, type, actor, frameworks.write(facts));
    }

    /** Facts in key order (one text for the same facts, on every node and in the rebuild); free text cut to 1 000. */
    static Map<String, Object> facts(Object... keysAndValues) {
        Map<String, Object> facts = new java.util.TreeMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object value = keysAndValues[i + 1];
            if (value != null) {
                facts.put((String) keysAndValues[i], value instanceof String text ? Stored.truncate(text, 1000) : value);
            }
        }
        return facts;
    }

    private static String document(DocumentRef ref) {
        return ref == null ? "" : ref.number();
    }
}
