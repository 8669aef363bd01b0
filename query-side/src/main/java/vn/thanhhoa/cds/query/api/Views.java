package vn.thanhhoa.cds.query.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON the query API answers with. Display strings (…Vi, …Display) are Vietnamese; codes are English. */
public final class Views {
    private Views() {
    }

    public record UnitRef(String code, String name, String unitId) {
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

    public record ScoreChange(String at, String cause, BigDecimal selfPoints, int selfMet, BigDecimal appraisedPoints) {
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

    /**
     * A district of the year's map, or — after the districts were abolished — a former district grouping today's
     * communes by where their predecessors were ({@code former} true, label "Huyện cũ").
     */
    public record DistrictRow(String code, String name, String unitId, boolean former, String label, int communes,
                              int registered, int submitted, int appraisedPass, int recognised, int target,
                              BigDecimal percentOfTarget) {
    }

    public record PredecessorResult(String code, String name, String unitId, String share, String stage,
                                    boolean recognised) {
    }

    /** A commune of today's map with its predecessors' results for a past year: "k of n" rather than yes/no. */
    public record RestatedRow(String code, String name, String unitId, String formerDistrictCode,
                              String formerDistrictName, int predecessors, int recognisedPredecessors, String label,
                              List<PredecessorResult> predecessorResults) {
    }

    public record RestatedView(String mapDate, int communes, int predecessors, int recognisedPredecessors,
                               List<RestatedRow> rows) {
    }

    /** Rows: indicators; columns: districts (or former districts); a cell: the share of registered communes meeting it. */
    public record Heatmap(int year, String mapDate, List<UnitRef> districts, List<HeatmapRow> rows) {
    }

    public record HeatmapRow(String code, String name, String pillar, List<BigDecimal> shareMet, List<Integer> assessed) {
    }

    public record MapUnit(String unitId, String code, String name, String level, String kind, String parentUnitId,
                          String effectiveFrom, String effectiveTo) {
    }

    public record MapView(String date, int districts, int communes, List<MapUnit> units) {
    }

    public record LineageLink(String unitId, String code, String name, String share, String effectiveDate, String basis) {
    }

    public record LineageView(MapUnit unit, List<LineageLink> predecessors, List<LineageLink> successors) {
    }

    public record ProgressPoint(String date, int recognised) {
    }

    /**
     * @param districtRows          the districts of the year's map ("as it was"); after the 2025 reform, the former
     *                              districts grouping today's communes
     * @param restated              the year's results restated to today's communes, when asked for
     */
    public record ProvinceDashboard(int year, String mapDate, int districts, int communes, int registered,
                                    int submitted, int appraisedPass, int recognised, int target, String headline,
                                    String targetAllocation, boolean groupedByFormerDistrict,
                                    List<DistrictRow> districtRows, List<DistrictRow> furthestBehind,
                                    List<ProgressPoint> progress, RestatedView restated, int verdictsInQuestion) {
    }

    public record CommuneRow(String code, String name, String stage, String stageVi, BigDecimal selfPoints,
                             String selfPointsDisplay, int selfMet, int selfInProgress, BigDecimal appraisedPoints,
                             Instant lastUpdate, List<PillarBrief> pillars, boolean verdictInQuestion, String unitId) {
    }

    /** A pillar's result on one line of a district's table. */
    public record PillarBrief(String code, String name, int met, int indicators, BigDecimal points, BigDecimal maxPoints) {
    }

    public record WeakIndicator(String code, String name, int assessed, int met, BigDecimal shareMet) {
    }

    public record DistrictDashboard(int year, UnitRef district, boolean former, String label, int communes, int target,
                                    int recognised,
                                    String headline, Map<String, Integer> byStage, BigDecimal averagePoints,
                                    BigDecimal averageMet, Map<String, Integer> scoreDistribution,
                                    List<WeakIndicator> weakestIndicators, List<CommuneRow> communeRows) {
    }
}
