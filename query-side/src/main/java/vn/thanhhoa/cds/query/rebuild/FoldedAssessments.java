package vn.thanhhoa.cds.query.rebuild;

import com.fasterxml.jackson.databind.ObjectMapper;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.query.card.AssessmentProjection;
import vn.thanhhoa.cds.query.card.AssessmentRow;
import vn.thanhhoa.cds.query.card.AssessmentStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The assessments held in memory while the rebuild folds the store's events into them with the live projection's own
 * rules ({@link AssessmentProjection} over this store): what the live store writes row by row as it goes — every
 * version, the timeline, the score history — is written here in bulk ({@link CopyOut}), and the assessments' rows
 * and their indicators' rows once, at the end. An event is applied whole or not at all: what it changed is put back
 * when it fails ({@link #rollback()}), as a savepoint does in the live store, so it is dead-lettered alone.
 */
final class FoldedAssessments implements AssessmentStore {
    private static final String INDICATOR_COLUMNS =
            "assessment_id, indicator_code, reported_value, evidence, reported_at, appraised_value, appraisal_note, appraised_at";

    private record Pending(CopyOut.Table table, Object[] values) {
    }

    private final Map<String, AssessmentRow> rows = new HashMap<>();
    /** The rows the event being applied touched, as they were before it (null: it inserted the row). */
    private final Map<String, AssessmentRow> before = new HashMap<>();
    private final List<Pending> pending = new ArrayList<>();
    private final CopyOut out;
    /** Writes a value as the live store keeps it (the projections' own mapper). */
    private final ObjectMapper json;
    private final CopyOut.Table known;
    private final CopyOut.Table indicatorsKnown;
    private final CopyOut.Table scored;
    private final CopyOut.Table timeline;
    private final java.util.function.Function<String, Instant> appliedAt;

    /**
     * @param appliedAt when the live processor applied an event (null: it did not, or before that was kept): its
     *                  versions are known from then, as the live processor wrote them (AppliedTimes)
     */
    FoldedAssessments(CopyOut out, ObjectMapper json, java.util.function.Function<String, Instant> appliedAt) {
        this.out = out;
        this.json = json;
        this.appliedAt = appliedAt;
        known = out.table("q_assessment_known", "known_from, event_id, " + AssessmentProjection.KNOWN_COLUMNS);
        indicatorsKnown = out.table("q_indicator_known", "known_from, event_id, assessment_id, indicator_code, reported_value, appraised_value");
        scored = out.table("q_score_history", "assessment_id, scored_at, event_type, document_number, self_points, self_met, "
                + "appraised_points");
        timeline = out.table("q_timeline", "assessment_id, occurred_at, event_type, actor, actor_unit, facts");
    }

    @Override
    public Optional<AssessmentRow> find(String assessmentId) {
        AssessmentRow row = rows.get(assessmentId);
        if (row != null && !before.containsKey(assessmentId)) {
            before.put(assessmentId, row.copy());
        }
        return Optional.ofNullable(row);
    }

    @Override
    public void insert(AssessmentRow row) {
        if (rows.containsKey(row.assessmentId)) {
            throw new IllegalStateException("the assessment " + row.assessmentId + " is registered already");
        }
        before.putIfAbsent(row.assessmentId, null);
        rows.put(row.assessmentId, row);
    }

    @Override
    public void update(AssessmentRow row, Collection<String> indicatorCodes) {
        // the row in memory is the one changed
    }

    @Override
    public void known(AssessmentRow row, Instant at, String eventId) {
        Object[] columns = row.knownValues();
        Object[] values = new Object[columns.length + 2];
        values[0] = at;
        values[1] = eventId;
        System.arraycopy(columns, 0, values, 2, columns.length);
        pending.add(new Pending(known, values));
    }

    @Override
    public void indicatorsKnown(AssessmentRow row, Collection<String> indicatorCodes, Instant at, String eventId) {
        for (String code : indicatorCodes == null ? new TreeSet<>(row.indicators.keySet()) : indicatorCodes) {
            AssessmentRow.Indicator indicator = row.indicators.get(code);
            if (indicator != null) {
                pending.add(new Pending(indicatorsKnown, new Object[]{at, eventId, row.assessmentId, code,
                        stored(indicator.reportedJson(), indicator.reported()),
                        stored(indicator.appraisedJson(), indicator.appraised())}));
            }
        }
    }

    @Override
    public void scored(AssessmentRow row, Instant at, String eventType, String documentNumber) {
        pending.add(new Pending(scored, new Object[]{row.assessmentId, at, eventType, documentNumber, row.selfPoints,
                row.selfMet, row.appraisedPoints}));
    }

    @Override
    public void timeline(String assessmentId, Instant at, String type, ActedBy actor, String facts) {
        pending.add(new Pending(timeline, new Object[]{assessmentId, at, type, actor.subject(), actor.unit(), facts}));
    }

    @Override
    public List<String> assessedUnder(String frameworkId) {
        return rows.values().stream().filter(row -> frameworkId.equals(row.frameworkId)).map(row -> row.assessmentId)
                .sorted().toList();
    }

    /**
     * The event applied: its rows go to the bulk writer, and the assessments it touched keep their values read,
     * not their JSON (written again from them when needed: a country's million indicators in memory).
     */
    void commit() {
        for (Pending row : pending) {
            if (row.table() == known || row.table() == indicatorsKnown) {
                Instant applied = appliedAt.apply((String) row.values()[1]);
                if (applied != null) {
                    row.values()[0] = applied;
                }
            }
            row.table().row(row.values());
        }
        pending.clear();
        for (String id : before.keySet()) {
            AssessmentRow row = rows.get(id);
            if (row != null) {
                row.indicators.replaceAll((code, indicator) -> indicator.withoutJson());
            }
        }
        before.clear();
    }

    /** A value as the live store keeps it: the JSON the event's projection wrote, or written again from the value. */
    private String stored(String written, Object value) {
        if (written != null || value == null) {
            return written;
        }
        try {
            return json.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The event could not be applied: the assessments it touched are as they were, and it wrote nothing. */
    void rollback() {
        before.forEach((id, row) -> {
            if (row == null) {
                rows.remove(id);
            } else {
                rows.put(id, row);
            }
        });
        pending.clear();
        before.clear();
    }

    /** The assessments and their indicators as they stand at the end, each written once. */
    void writeRows() {
        CopyOut.Table assessments = out.table("q_assessment", AssessmentProjection.KNOWN_COLUMNS);
        CopyOut.Table indicators = out.table("q_indicator", INDICATOR_COLUMNS);
        for (AssessmentRow row : rows.values()) {
            assessments.row(row.knownValues());
            row.indicators.forEach((code, indicator) -> indicators.row(row.assessmentId, code,
                    stored(indicator.reportedJson(), indicator.reported()), indicator.evidence(), indicator.reportedAt(),
                    stored(indicator.appraisedJson(), indicator.appraised()), indicator.appraisalNote(),
                    indicator.appraisedAt()));
        }
    }
}
