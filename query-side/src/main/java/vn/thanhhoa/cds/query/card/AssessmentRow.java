package vn.thanhhoa.cds.query.card;

import vn.thanhhoa.cds.events.criteria.IndicatorValue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * One assessment as the read side holds it — a row of {@code q_assessment} with its rows of {@code q_indicator} —
 * while {@link AssessmentProjection} applies an event to it. The rules live in the projection, which changes this in
 * memory; an {@link AssessmentStore} reads and keeps it: the live tables row by row, or the rebuild's fold in memory
 * (the same rules either way, so a rebuilt read model is the live one).
 */
public final class AssessmentRow {
    /**
     * An indicator's values: as stored (JSON, what the tables keep) and as read (what scoring reads). The evidence
     * is null when it was not read (the live store leaves it in its table; only a report writes it).
     */
    public record Indicator(String reportedJson, IndicatorValue reported, String evidence, Instant reportedAt,
                            String appraisedJson, IndicatorValue appraised, String appraisalNote, Instant appraisedAt) {
        static final Indicator NONE = new Indicator(null, null, null, null, null, null, null, null);

        Indicator reported(String json, IndicatorValue value, String evidenceJson, Instant at) {
            return new Indicator(json, value, evidenceJson, at, appraisedJson, appraised, appraisalNote, appraisedAt);
        }

        Indicator appraised(String json, IndicatorValue value, String note, Instant at) {
            return new Indicator(reportedJson, reported, evidence, reportedAt, json, value, note, at);
        }

        /** Without the values as stored (JSON): what is held in memory for a country's history is the values read. */
        public Indicator withoutJson() {
            return reportedJson == null && appraisedJson == null ? this
                    : new Indicator(null, reported, evidence, reportedAt, null, appraised, appraisalNote, appraisedAt);
        }
    }

    public String assessmentId;
    public String communeId;
    public String communeCode;
    public String appraiserId;
    public int year;
    public String frameworkId;
    public String stage;
    public BigDecimal selfPoints = BigDecimal.ZERO;
    public int selfMet;
    public int selfInProgress;
    public int selfNotMet;
    public int selfNotAssessed;
    public boolean selfPassed;
    public BigDecimal appraisedPoints;
    public Integer appraisedMet;
    public Boolean appraisedPassed;
    public BigDecimal concludedScore;
    public Boolean concludedPassed;
    public String reportNumber;
    public String recognitionDecision;
    public Instant recognisedAt;
    public Instant registeredAt;
    public Instant lastUpdate;
    public boolean verdictInQuestion;
    public LocalDate recognitionDate;
    public LocalDate revocationDate;
    /** What the dashboards show (DashboardFigures), as JSON: the pillars, the indicators met, earlier points' scores. */
    public String pillars;
    public String metIndicators;
    public String earlierScores;
    /** By indicator code. */
    public final Map<String, Indicator> indicators = new HashMap<>();

    /** A copy to go back to when an event cannot be applied after all (the rebuild's fold). */
    public AssessmentRow copy() {
        AssessmentRow copy = new AssessmentRow();
        copy.assessmentId = assessmentId;
        copy.communeId = communeId;
        copy.communeCode = communeCode;
        copy.appraiserId = appraiserId;
        copy.year = year;
        copy.frameworkId = frameworkId;
        copy.stage = stage;
        copy.selfPoints = selfPoints;
        copy.selfMet = selfMet;
        copy.selfInProgress = selfInProgress;
        copy.selfNotMet = selfNotMet;
        copy.selfNotAssessed = selfNotAssessed;
        copy.selfPassed = selfPassed;
        copy.appraisedPoints = appraisedPoints;
        copy.appraisedMet = appraisedMet;
        copy.appraisedPassed = appraisedPassed;
        copy.concludedScore = concludedScore;
        copy.concludedPassed = concludedPassed;
        copy.reportNumber = reportNumber;
        copy.recognitionDecision = recognitionDecision;
        copy.recognisedAt = recognisedAt;
        copy.registeredAt = registeredAt;
        copy.lastUpdate = lastUpdate;
        copy.verdictInQuestion = verdictInQuestion;
        copy.recognitionDate = recognitionDate;
        copy.revocationDate = revocationDate;
        copy.pillars = pillars;
        copy.metIndicators = metIndicators;
        copy.earlierScores = earlierScores;
        copy.indicators.putAll(indicators);
        return copy;
    }

    /** The row's values in the order of {@link AssessmentProjection#KNOWN_COLUMNS} (its instants as instants). */
    public Object[] knownValues() {
        return new Object[]{assessmentId, communeId, communeCode, appraiserId, year, frameworkId, stage, selfPoints, selfMet,
                selfInProgress, selfNotMet, selfNotAssessed, selfPassed, appraisedPoints, appraisedMet, appraisedPassed,
                concludedScore, concludedPassed, reportNumber, recognitionDecision, recognisedAt, registeredAt, lastUpdate,
                verdictInQuestion, recognitionDate, revocationDate, pillars, metIndicators, earlierScores};
    }

    Indicator indicator(String code) {
        return indicators.getOrDefault(code, Indicator.NONE);
    }
}
