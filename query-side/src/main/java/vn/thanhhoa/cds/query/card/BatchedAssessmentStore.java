package vn.thanhhoa.cds.query.card;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.SerializationException;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.thanhhoa.cds.events.assessment.AssessmentId;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.query.common.EventComponents;
import vn.thanhhoa.cds.query.common.HeldRows;
import vn.thanhhoa.cds.query.common.HeldWrites;
import vn.thanhhoa.cds.query.common.PlannedEachTime;
import vn.thanhhoa.cds.query.common.ReadBatch;
import vn.thanhhoa.cds.query.reference.FrameworkReader;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static vn.thanhhoa.cds.query.card.AssessmentProjection.KNOWN_COLUMNS;
import static vn.thanhhoa.cds.query.common.Stored.time;

/**
 * The live processor's store on PostgreSQL: the assessments a batch of events touches read in one select, held while
 * the batch is applied, and what the events changed written in one statement a table just before the batch commits
 * (ReadBatch) — the rows as they stand then, every version and timeline entry in the order the events made them.
 * Outside a processor's batch it is {@link JdbcAssessmentStore}, a statement at a time.
 */
public final class BatchedAssessmentStore implements AssessmentStore {
    private static final String HELD = BatchedAssessmentStore.class.getName();
    /** The assessments with their indicators, and the version of the assessment's row (see KeptAssessments). */
    private static final String SELECT_WITH_VERSION = "select a.xmin::text as row_version, "
            + JdbcAssessmentStore.SELECT.substring("select ".length());
    private static final String UPDATE_ALL = String.join(", ", JdbcAssessmentStore.KNOWN_NAMES.stream()
            .filter(c -> !c.equals("assessment_id")).map(c -> c + " = excluded." + c).toList());

    private final JdbcTemplate jdbc;
    private final FrameworkReader frameworks;
    private final Clock clock;
    private final JdbcAssessmentStore oneByOne;
    private final KeptAssessments kept = new KeptAssessments();

    public BatchedAssessmentStore(JdbcTemplate jdbc, FrameworkReader frameworks, Clock clock) {
        this.jdbc = jdbc;
        this.frameworks = frameworks;
        this.clock = clock;
        this.oneByOne = new JdbcAssessmentStore(org.springframework.jdbc.core.simple.JdbcClient.create(jdbc), frameworks);
    }

    @Override
    public Optional<AssessmentRow> find(String assessmentId) {
        Held held = held();
        if (held == null) {
            return oneByOne.find(assessmentId);
        }
        if (!held.rows.containsKey(assessmentId)) {
            // the first one of the batch not read yet: every assessment its events name, at once
            Set<String> ids = new LinkedHashSet<>();
            ids.add(assessmentId);
            for (EventMessage<?> event : ReadBatch.events()) {
                String id = assessmentOf(event);
                if (id != null && !held.rows.containsKey(id)) {
                    ids.add(id);
                }
            }
            // those kept from the last batches, if their rows are still the versions kept: only the versions read
            Map<String, KeptAssessments.Kept> candidates = kept.take(ids);
            if (!candidates.isEmpty()) {
                jdbc.query(PlannedEachTime.byIds("select assessment_id, xmin::text from q_assessment where assessment_id = any(?)",
                        candidates.keySet()), (java.sql.ResultSet rs) -> {
                    KeptAssessments.Kept candidate = candidates.get(rs.getString(1));
                    if (candidate.version().equals(rs.getString(2))) {
                        held.read(candidate.row(), candidate.version());
                    }
                });
                ids.removeIf(held.rows::containsKey);
            }
            if (!ids.isEmpty()) {
                Map<String, AssessmentRow> found = new HashMap<>();
                jdbc.query(PlannedEachTime.byIds(SELECT_WITH_VERSION + " where a.assessment_id = any(?)", ids), (java.sql.ResultSet rs) -> {
                    JdbcAssessmentStore.read(rs, found, frameworks);
                    held.versions.putIfAbsent(rs.getString("assessment_id"), rs.getString("row_version"));
                });
                ids.forEach(id -> held.rows.put(id, found.get(id))); // null: not registered (yet)
            }
        }
        return Optional.ofNullable(held.rows.get(assessmentId));
    }

    @Override
    public void insert(AssessmentRow row) {
        Held held = held();
        if (held == null) {
            oneByOne.insert(row);
            return;
        }
        held.rows.put(row.assessmentId, row);
        held.changed(row, row.indicators.keySet());
    }

    @Override
    public void update(AssessmentRow row, Collection<String> indicatorCodes) {
        Held held = held();
        if (held == null) {
            oneByOne.update(row, indicatorCodes);
            return;
        }
        held.rows.put(row.assessmentId, row);
        held.changed(row, indicatorCodes == null ? row.indicators.keySet() : indicatorCodes);
    }

    @Override
    public void known(AssessmentRow row, Instant at, String eventId) {
        Held held = held();
        if (held == null) {
            oneByOne.known(row, at, eventId);
            return;
        }
        Object[] columns = row.knownValues();
        Object[] values = new Object[columns.length + 2];
        values[0] = at;
        values[1] = eventId;
        System.arraycopy(columns, 0, values, 2, columns.length);
        held.known.add(values);
    }

    @Override
    public void indicatorsKnown(AssessmentRow row, Collection<String> indicatorCodes, Instant at, String eventId) {
        Held held = held();
        if (held == null) {
            oneByOne.indicatorsKnown(row, indicatorCodes, at, eventId);
            return;
        }
        for (String code : indicatorCodes == null ? row.indicators.keySet() : indicatorCodes) {
            AssessmentRow.Indicator indicator = row.indicators.get(code);
            if (indicator != null) { // as the table holds it: an indicator without a row has no version either
                held.indicatorsKnown.add(new Object[]{at, eventId, row.assessmentId, code, indicator.reportedJson(),
                        indicator.appraisedJson()});
            }
        }
    }

    @Override
    public void scored(AssessmentRow row, Instant at, String eventType, String documentNumber) {
        Held held = held();
        if (held == null) {
            oneByOne.scored(row, at, eventType, documentNumber);
            return;
        }
        held.scores.add(row.assessmentId, time(at), eventType, documentNumber, row.selfPoints, row.selfMet,
                row.appraisedPoints);
    }

    @Override
    public void timeline(String assessmentId, Instant at, String type, ActedBy actor, String facts) {
        Held held = held();
        if (held == null) {
            oneByOne.timeline(assessmentId, at, type, actor, facts);
            return;
        }
        held.timeline.add(assessmentId, time(at), type, actor.subject(), actor.unit(), facts);
    }

    /** Asked of the tables: what the batch holds is written first. */
    @Override
    public List<String> assessedUnder(String frameworkId) {
        Held held = held();
        if (held != null) {
            held.flush();
        }
        return oneByOne.assessedUnder(frameworkId);
    }

    private Held held() {
        return ReadBatch.held(HELD, Held::new);
    }

    /** What one batch has read and changed. */
    private final class Held implements HeldWrites {
        /** The assessments read or registered in the batch (null: asked for, not registered). */
        final Map<String, AssessmentRow> rows = new HashMap<>();
        /** The version of each one's row as read or last written in the batch (PostgreSQL's xmin). */
        final Map<String, String> versions = new HashMap<>();
        /** The assessments changed since the last write, with the indicators changed. */
        final Map<String, Set<String>> changed = new LinkedHashMap<>();
        final List<Object[]> known = new ArrayList<>();
        final List<Object[]> indicatorsKnown = new ArrayList<>();
        final HeldRows scores = new HeldRows("q_score_history", """
                assessment_id, scored_at, event_type, document_number, self_points, self_met, appraised_points""", "");
        final HeldRows timeline = new HeldRows("q_timeline", "assessment_id, occurred_at, event_type, actor, actor_unit, facts", "");

        void read(AssessmentRow row, String version) {
            rows.put(row.assessmentId, row);
            versions.put(row.assessmentId, version);
        }

        void changed(AssessmentRow row, Collection<String> indicatorCodes) {
            changed.computeIfAbsent(row.assessmentId, k -> new LinkedHashSet<>()).addAll(indicatorCodes);
        }

        @Override
        public void flush() {
            if (!changed.isEmpty()) {
                HeldRows assessments = new HeldRows("q_assessment", KNOWN_COLUMNS,
                        "on conflict (assessment_id) do update set " + UPDATE_ALL);
                HeldRows indicators = new HeldRows("q_indicator", """
                        assessment_id, indicator_code, reported_value, evidence, reported_at, appraised_value,
                        appraisal_note, appraised_at""", """
                        on conflict (assessment_id, indicator_code) do update set
                          reported_value = excluded.reported_value, evidence = coalesce(excluded.evidence, q_indicator.evidence),
                          reported_at = excluded.reported_at, appraised_value = excluded.appraised_value,
                          appraisal_note = excluded.appraisal_note, appraised_at = excluded.appraised_at""");
                changed.forEach((id, codes) -> {
                    AssessmentRow row = rows.get(id);
                    assessments.add(row.knownValues());
                    for (String code : codes) {
                        AssessmentRow.Indicator indicator = row.indicator(code);
                        indicators.add(id, code, indicator.reportedJson(), indicator.evidence(),
                                indicator.reportedAt() == null ? null : time(indicator.reportedAt()),
                                indicator.appraisedJson(), indicator.appraisalNote(),
                                indicator.appraisedAt() == null ? null : time(indicator.appraisedAt()));
                    }
                });
                assessments.flush(jdbc, "assessment_id, xmin::text", rs -> versions.put(rs.getString(1), rs.getString(2)));
                indicators.flush(jdbc);
                changed.clear();
            }
            // the versions as known from when the batch is applied (AppliedTimes keeps the same instant)
            Instant applied = known.isEmpty() && indicatorsKnown.isEmpty() ? null : ReadBatch.appliedAt(clock);
            versions("q_assessment_known", "known_from, event_id, " + KNOWN_COLUMNS, known, applied);
            versions("q_indicator_known",
                    "known_from, event_id, assessment_id, indicator_code, reported_value, appraised_value", indicatorsKnown, applied);
            if (!scores.isEmpty()) {
                scores.flush(jdbc);
            }
            if (!timeline.isEmpty()) {
                timeline.flush(jdbc);
            }
        }

        /** Versions held with their event's instant first, written as known from {@code applied} when it is kept. */
        private void versions(String table, String columns, List<Object[]> held, Instant applied) {
            if (held.isEmpty()) {
                return;
            }
            HeldRows rows = new HeldRows(table, columns, "");
            held.forEach(values -> {
                if (applied != null) {
                    values[0] = applied;
                }
                rows.add(values);
            });
            rows.flush(jdbc);
            held.clear();
        }

        /** The batch's assessments, as their rows now hold them, kept for the next batches. */
        @Override
        public void committed() {
            rows.forEach((id, row) -> {
                String version = versions.get(id);
                if (row != null && version != null && !changed.containsKey(id)) {
                    kept.put(id, row, version);
                }
            });
        }

        @Override
        public void discard() {
            rows.clear();
            versions.clear();
            changed.clear();
            known.clear();
            indicatorsKnown.clear();
            scores.clear();
            timeline.clear();
        }
    }

    /** The assessment an event names, if it names one and can be read. */
    static String assessmentOf(EventMessage<?> event) {
        Object payload;
        try {
            payload = event.getPayload();
        } catch (SerializationException unreadable) {
            return null;
        }
        AssessmentId id = payload instanceof Record record ? EventComponents.first(record, AssessmentId.class) : null;
        return id == null ? null : id.toString();
    }
}
