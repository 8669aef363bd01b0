package vn.thanhhoa.cds.query.card;

import vn.thanhhoa.cds.events.common.ActedBy;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where {@link AssessmentProjection} reads and keeps the assessments: the live read tables
 * ({@link JdbcAssessmentStore}), or the rebuild's fold, which holds them in memory and writes the tables in bulk.
 */
public interface AssessmentStore {

    /** The assessment with its indicators' values, if it was registered. */
    Optional<AssessmentRow> find(String assessmentId);

    void insert(AssessmentRow row);

    /** The row's columns as they now stand, and those of the indicators named (all of them: {@code null}). */
    void update(AssessmentRow row, Collection<String> indicatorCodes);

    /**
     * The row as it now stands, kept as known from the event's instant, with the event that made it (the live
     * processor moves it to when it applied the event, AppliedTimes).
     */
    void known(AssessmentRow row, Instant at, String eventId);

    /** The values of the indicators named (all of them: {@code null}) as they now stand, kept as known from then. */
    void indicatorsKnown(AssessmentRow row, Collection<String> indicatorCodes, Instant at, String eventId);

    /** A scoring kept in the assessment's score history. */
    void scored(AssessmentRow row, Instant at, String eventType, String documentNumber);

    void timeline(String assessmentId, Instant at, String type, ActedBy actor, String facts);

    /** The assessments scored by a framework. */
    List<String> assessedUnder(String frameworkId);
}
