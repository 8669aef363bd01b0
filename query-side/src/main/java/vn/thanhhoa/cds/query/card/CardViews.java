package vn.thanhhoa.cds.query.card;

import vn.thanhhoa.cds.query.common.UnitRef;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The commune card as the query API answers it. Display strings (…Vi, …Display) are Vietnamese; codes are English. */
public final class CardViews {
    private CardViews() {
    }

    public record Score(BigDecimal points, String pointsDisplay, BigDecimal maxPoints, int total, int met,
                        int inProgress, int notMet, int notAssessed, boolean passed) {
    }

    public record Document(String number, String date, String title) {
    }

    public record IndicatorLine(String code, String name, String nameEn, String measure, BigDecimal target,
                                BigDecimal maxPoints, boolean mandatory, Map<String, Object> value, String status,
                                String statusVi, BigDecimal points, Map<String, Object> appraisedValue,
                                String appraisedStatus, String appraisalNote, List<Document> evidence,
                                String reportedAt) {
    }

    public record PillarLine(String code, String name, String nameEn, int indicators, int met, int inProgress,
                             int notMet, int notAssessed, BigDecimal points, BigDecimal maxPoints,
                             List<IndicatorLine> lines) {
    }

    /** {@code cause} in Vietnamese, {@code causeEn} in English (the same for rows kept before facts were). */
    public record ScoreChange(String at, String cause, String causeEn, BigDecimal selfPoints, int selfMet,
                              BigDecimal appraisedPoints) {
    }

    /** {@code summary} in Vietnamese, {@code summaryEn} in English (the same for rows kept before facts were). */
    public record TimelineEntry(Instant at, String atDisplay, String event, String actor, String actorUnit,
                                String summary, String summaryEn) {
    }

    public record CommuneCard(String assessmentId, UnitRef commune, UnitRef district, int year, String frameworkId,
                              String frameworkTitle, String scoring, String stage, String stageVi, Score selfScore,
                              Score appraisedScore, BigDecimal concludedScore, Boolean concludedPassed,
                              boolean verdictInQuestion, String reportNumber, String recognitionDecision, Instant lastUpdate,
                              String lastUpdateDisplay, List<PillarLine> pillars, List<Document> evidence,
                              List<ScoreChange> scoreHistory, List<TimelineEntry> timeline,
                              @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
                              List<String> unreadable) {
        /**
         * As known at an instant: the events the replay could not read or apply (each "id: why"), which the card then
         * did not show either; absent on the live card.
         */
        public CommuneCard withUnreadable(List<String> events) {
            return new CommuneCard(assessmentId, commune, district, year, frameworkId, frameworkTitle, scoring, stage,
                    stageVi, selfScore, appraisedScore, concludedScore, concludedPassed, verdictInQuestion, reportNumber,
                    recognitionDecision, lastUpdate, lastUpdateDisplay, pillars, evidence, scoreHistory, timeline,
                    List.copyOf(events));
        }
    }
}
