package vn.thanhhoa.cds.query.history;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.UnknownSerializedType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.events.assessment.AssessmentId;
import vn.thanhhoa.cds.events.assessment.IndicatorAppraised;
import vn.thanhhoa.cds.events.assessment.IndicatorValueReported;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.common.DocumentRef;
import vn.thanhhoa.cds.events.common.Limits;
import vn.thanhhoa.cds.events.criteria.IndicatorValue;
import vn.thanhhoa.cds.infra.eventstore.HandlerFailures;
import vn.thanhhoa.cds.query.common.EventComponents;
import vn.thanhhoa.cds.query.common.HeldRows;
import vn.thanhhoa.cds.query.common.HeldWrites;
import vn.thanhhoa.cds.query.common.PlannedEachTime;
import vn.thanhhoa.cds.query.common.ReadBatch;
import vn.thanhhoa.cds.query.common.ReadModelVersion;
import vn.thanhhoa.cds.query.common.Stored;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The auditors' history: one row per event of any kind — who acted (subject, role, unit), when, on which commune and
 * year, the document it cites, and for an indicator value what it was before and after. A processor of its own
 * ({@value #GROUP}): new on a store, it reads every event from the first, so the history is whole from the day it is
 * deployed; an event seen twice (a replay) is written once.
 */
@Component
@ProcessingGroup(AuditTrail.GROUP)
public class AuditTrail {
    public static final String GROUP = "audit-trail";

    /**
     * An event the trail cannot write (the database away) stops it and is retried, not skipped: the history has no
     * holes. One it cannot read is written, as unreadable ({@link #unreadable}).
     */
    @Configuration(proxyBeanMethods = false)
    static class FailuresAreRetried {
        @Bean
        ConfigurerModule auditTrailRetriesFailures() {
            return HandlerFailures.propagate(GROUP);
        }
    }

    /** A row of the history, as {@code q_audit} keeps it. */
    public record Entry(String eventId, long globalIndex, Instant occurredAt, String type, String aggregateId,
                        String communeId, Integer year, String subject, String role, String unit, String indicatorCode,
                        String valueBefore, String valueAfter, String documentNumber) {
    }

    /** Where the history is kept: the live tables ({@link #AuditTrail(JdbcClient)}), or the rebuild's fold. */
    public interface Store {
        /** The value the trail last saw of an assessment's indicator (REPORTED or APPRAISED), replaced by the new one. */
        String swap(String assessmentId, String indicatorCode, String kind, String value);

        /**
         * The row. The live tables keep an event seen twice (a replay) once; the fold reads each event once (the
         * store's stream, or the event feed, which skips a record delivered twice).
         */
        void write(Entry entry);
    }

    private final Store store;

    /** The live processor's: the live tables, a batch's rows held until it commits where they can be. */
    @Autowired
    public AuditTrail(JdbcClient jdbc, JdbcTemplate tables) {
        this(ReadBatch.heldOn(tables) ? new BatchedStore(tables, new JdbcStore(jdbc)) : new JdbcStore(jdbc));
    }

    public AuditTrail(Store store) {
        this.store = store;
    }

    @EventHandler
    void on(EventMessage<?> message) {
        Object payload;
        try {
            payload = message.getPayload();
        } catch (SerializationException unreadable) {
            unreadable(message, unreadable);
            return;
        }
        if (payload instanceof UnknownSerializedType unknown) {
            unreadable(message, new SerializationException("no class of this version reads " + unknown.serializedType().getName()));
            return;
        }
        if (!(payload instanceof Record record)) {
            return;
        }
        ActedBy actor = EventComponents.first(record, ActedBy.class);
        if (actor == null) {
            return;
        }
        AssessmentId assessment = EventComponents.first(record, AssessmentId.class);
        DocumentRef document = EventComponents.first(record, DocumentRef.class);
        String indicator = null;
        String before = null;
        String after = null;
        if (payload instanceof IndicatorValueReported reported) {
            indicator = reported.indicatorCode();
            after = shown(reported.value());
            before = store.swap(reported.assessmentId().toString(), indicator, "REPORTED", after);
        } else if (payload instanceof IndicatorAppraised appraised) {
            indicator = appraised.indicatorCode();
            after = shown(appraised.appraisedValue());
            before = store.swap(appraised.assessmentId().toString(), indicator, "APPRAISED", after);
        }
        write(message, message.getPayloadType().getSimpleName(), assessment, actor.subject(), actor.role(), actor.unit(),
                indicator, before, after, document == null ? null : document.number());
    }

    /**
     * An event no class of this version can read — written around the platform: a record put on the event feed by
     * hand, a row altered in the store — is in the history as such, with why. Never a hole, and never a stop: the
     * history of every later event would wait behind it.
     */
    private void unreadable(EventMessage<?> message, SerializationException why) {
        String type = message.getPayloadType() == UnknownSerializedType.class ? "?" : message.getPayloadType().getSimpleName();
        String reason = "không đọc được / unreadable: " + why.getMessage();
        write(message, type, null, "?", "?", "?", null, null, reason.length() > 1000 ? reason.substring(0, 1000) : reason, null);
    }

    private void write(EventMessage<?> message, String type, AssessmentId assessment, String subject, String role, String unit,
                       String indicator, String before, String after, String document) {
        Long position = ReadModelVersion.positionOf(message);
        store.write(new Entry(message.getIdentifier(), position == null ? -1 : position, message.getTimestamp(),
                type.length() > 100 ? type.substring(0, 100) : type,
                // an assessment's events name it; the others their own stream (a framework, the map, a year's targets)
                assessment != null ? assessment.toString()
                        : message instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null,
                assessment != null ? assessment.commune().toString() : null,
                assessment != null ? assessment.year() : null,
                subject, role, unit, indicator, before, after, document));
    }

    /**
     * A value as the history keeps it: the fact ("5/31", "yes", "no", "in-progress"), phrased when read
     * (ValuePhrases). One outside the domain (stored before the bounds existed, or written around them) is named as
     * such rather than written out: 1E-100000000 in full is a hundred million characters.
     */
    static String shown(IndicatorValue value) {
        if (value instanceof IndicatorValue.Ratio ratio && !(Limits.isCount(ratio.numerator()) && Limits.isCount(ratio.denominator()))) {
            return "out-of-domain";
        }
        String text = Stored.valueFact(value);
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }

    @ResetHandler
    void reset() {
        if (store instanceof JdbcStore tables) {
            tables.reset();
        } else if (store instanceof BatchedStore batched) {
            batched.oneByOne.reset();
        }
    }

    /** The history in the live tables, a row as each event is applied. */
    static final class JdbcStore implements Store {
        private final JdbcClient jdbc;

        JdbcStore(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        @Override
        public String swap(String assessmentId, String indicatorCode, String kind, String value) {
            String before = jdbc.sql("""
                            select value from q_audit_value where assessment_id = :a and indicator_code = :i and kind = :k""")
                    .param("a", assessmentId).param("i", indicatorCode).param("k", kind)
                    .query(String.class).optional().orElse(null);
            jdbc.sql(before == null
                            ? "insert into q_audit_value (assessment_id, indicator_code, kind, value) values (:a, :i, :k, :v)"
                            : "update q_audit_value set value = :v where assessment_id = :a and indicator_code = :i and kind = :k")
                    .param("a", assessmentId).param("i", indicatorCode).param("k", kind).param("v", value).update();
            return before;
        }

        @Override
        public void write(Entry entry) {
            jdbc.sql("""
                            insert into q_audit (event_id, global_index, occurred_at, event_type, aggregate_id, commune_id, year,
                                                 subject, role, unit, indicator_code, value_before, value_after, document_number)
                            select :id, :index, :at, :type, :aggregate, :commune, :year, :subject, :role, :unit, :indicator,
                                   :before, :after, :document
                            where not exists (select 1 from q_audit where event_id = :id)""")
                    .param("id", entry.eventId()).param("index", entry.globalIndex())
                    .param("at", Stored.time(entry.occurredAt())).param("type", entry.type())
                    .param("aggregate", entry.aggregateId()).param("commune", entry.communeId()).param("year", entry.year())
                    .param("subject", entry.subject()).param("role", entry.role()).param("unit", entry.unit())
                    .param("indicator", entry.indicatorCode()).param("before", entry.valueBefore())
                    .param("after", entry.valueAfter()).param("document", entry.documentNumber())
                    .update();
        }

        void reset() {
            jdbc.sql("delete from q_audit").update();
            jdbc.sql("delete from q_audit_value").update();
        }
    }

    /**
     * The history in the live tables on PostgreSQL: the values a batch's indicator events replace read in one select,
     * and the batch's rows written in two statements just before it commits (ReadBatch). Outside a processor's batch,
     * {@link JdbcStore}.
     */
    static final class BatchedStore implements Store {
        private static final String HELD = BatchedStore.class.getName();
        private final JdbcTemplate jdbc;
        private final JdbcStore oneByOne;

        BatchedStore(JdbcTemplate jdbc, JdbcStore oneByOne) {
            this.jdbc = jdbc;
            this.oneByOne = oneByOne;
        }

        @Override
        public String swap(String assessmentId, String indicatorCode, String kind, String value) {
            Held held = ReadBatch.held(HELD, Held::new);
            if (held == null) {
                return oneByOne.swap(assessmentId, indicatorCode, kind, value);
            }
            List<String> key = List.of(assessmentId, indicatorCode, kind);
            if (!held.values.containsKey(key)) {
                read(held, key);
            }
            held.changed.add(key);
            return held.values.put(key, value);
        }

        /** The values the batch's indicator events replace, this one's among them. */
        private void read(Held held, List<String> key) {
            Set<List<String>> keys = new LinkedHashSet<>();
            keys.add(key);
            for (EventMessage<?> event : ReadBatch.events()) {
                Object payload;
                try {
                    payload = event.getPayload();
                } catch (SerializationException unreadable) {
                    continue;
                }
                if (payload instanceof IndicatorValueReported reported) {
                    keys.add(List.of(reported.assessmentId().toString(), reported.indicatorCode(), "REPORTED"));
                } else if (payload instanceof IndicatorAppraised appraised) {
                    keys.add(List.of(appraised.assessmentId().toString(), appraised.indicatorCode(), "APPRAISED"));
                }
            }
            keys.removeIf(held.values::containsKey);
            keys.forEach(k -> held.values.put(k, null));
            jdbc.query(connection -> {
                var statement = PlannedEachTime.prepare(connection, """
                        select assessment_id, indicator_code, kind, value from q_audit_value
                        where (assessment_id, indicator_code, kind) in
                              (select * from unnest(cast(? as varchar[]), cast(? as varchar[]), cast(? as varchar[])))""");
                for (int column = 0; column < 3; column++) {
                    int c = column;
                    statement.setArray(column + 1, connection.createArrayOf("varchar", keys.stream().map(k -> k.get(c)).toArray()));
                }
                return statement;
            }, (java.sql.ResultSet rs) -> {
                held.values.put(List.of(rs.getString(1), rs.getString(2), rs.getString(3)), rs.getString(4));
            });
        }

        @Override
        public void write(Entry entry) {
            Held held = ReadBatch.held(HELD, Held::new);
            if (held == null) {
                oneByOne.write(entry);
                return;
            }
            held.entries.add(entry.eventId(), entry.globalIndex(), Stored.time(entry.occurredAt()), entry.type(),
                    entry.aggregateId(), entry.communeId(), entry.year(), entry.subject(), entry.role(), entry.unit(),
                    entry.indicatorCode(), entry.valueBefore(), entry.valueAfter(), entry.documentNumber());
        }

        /** What one batch has read and written. */
        private final class Held implements HeldWrites {
            /** By (assessment, indicator, kind): the value last seen (null: none yet). */
            final Map<List<String>, String> values = new HashMap<>();
            final Set<List<String>> changed = new LinkedHashSet<>();
            final HeldRows entries = new HeldRows("q_audit", """
                    event_id, global_index, occurred_at, event_type, aggregate_id, commune_id, year, subject, role, unit,
                    indicator_code, value_before, value_after, document_number""",
                    "on conflict (event_id) do nothing"); // an event seen twice (a replay) is written once

            @Override
            public void flush() {
                if (!changed.isEmpty()) {
                    HeldRows rows = new HeldRows("q_audit_value", "assessment_id, indicator_code, kind, value",
                            "on conflict (assessment_id, indicator_code, kind) do update set value = excluded.value");
                    changed.forEach(k -> rows.add(k.get(0), k.get(1), k.get(2), values.get(k)));
                    rows.flush(jdbc);
                    changed.clear();
                }
                if (!entries.isEmpty()) {
                    entries.flush(jdbc);
                }
            }

            @Override
            public void discard() {
                values.clear();
                changed.clear();
                entries.clear();
            }
        }
    }
}
