package vn.thanhhoa.cds.query.dashboard;

import vn.thanhhoa.cds.query.common.UnitRef;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The district and province dashboards and the heat map as the query API answers them (Vietnamese display strings). */
public final class DashboardViews {
    private DashboardViews() {
    }

    /**
     * A district of the year's map, or — after the districts were abolished — a former district grouping today's
     * communes by where their predecessors were ({@code former} true, label "Huyện cũ").
     */
    public record DistrictRow(String code, String name, String unitId, boolean former, String label, int communes,
                              int registered, int submitted, int appraisedPass, int recognised, int target,
                              BigDecimal percentOfTarget, Pipeline pipeline) {
    }

    /**
     * Where the communes appraised Đạt stand in the province's steps: waiting for the department, in its review
     * (inspection), proposed to the chairman, recognised, or declined by the decision.
     */
    public record Pipeline(int appraisedPass, int inReview, int proposed, int recognised, int declined) {
        public static Pipeline of(java.util.Collection<String> stages) {
            int[] counts = new int[5];
            for (String stage : stages) {
                switch (stage) {
                    case "APPRAISED_PASS" -> counts[0]++;
                    case "IN_REVIEW" -> counts[1]++;
                    case "PROPOSED" -> counts[2]++;
                    case "RECOGNISED" -> counts[3]++;
                    case "DECLINED" -> counts[4]++;
                    default -> { }
                }
            }
            return new Pipeline(counts[0], counts[1], counts[2], counts[3], counts[4]);
        }
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

    public record ProgressPoint(String date, int recognised) {
    }

    /**
     * @param districtRows          the districts of the year's map ("as it was"); after the 2025 reform, the former
     *                              districts grouping today's communes
     * @param restated              the year's results restated to today's communes, when asked for
     * @param weakestIndicators     the indicators the province's registered communes meet least often, counted as a
     *                              district's are
     */
    public record ProvinceDashboard(int year, String mapDate, int districts, int communes, int registered,
                                    int submitted, int appraisedPass, int recognised, int target, String headline,
                                    String targetAllocation, boolean groupedByFormerDistrict,
                                    List<DistrictRow> districtRows, List<DistrictRow> furthestBehind,
                                    List<ProgressPoint> progress, RestatedView restated, int verdictsInQuestion,
                                    Pipeline pipeline, List<WeakIndicator> weakestIndicators) {
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
