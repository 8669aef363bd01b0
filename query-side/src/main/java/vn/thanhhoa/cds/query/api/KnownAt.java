package vn.thanhhoa.cds.query.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;
import vn.thanhhoa.cds.query.projection.AssessmentProjection;
import vn.thanhhoa.cds.query.projection.FrameworkReader;
import vn.thanhhoa.cds.query.projection.MapReader;
import vn.thanhhoa.cds.query.projection.ReferenceProjection;

import java.sql.Connection;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A commune's card as the platform showed it at an instant ({@code knownAt}): the events recorded up to then — the
 * reference data's and the assessment's own — applied in their stored order by the same projections as the live read
 * models, into a scratch read store in memory, and read by the same queries. Not a second implementation of the
 * rules: the one that answered then, run again on what was known then.
 */
@Component
public class KnownAt {
    private final JdbcClient store;
    private final Serializer serializer;
    private final ObjectMapper json;
    private final Clock clock;
    private final String provinceCode;

    public KnownAt(JdbcClient store, @Qualifier("eventSerializer") Serializer serializer, ObjectMapper json, Clock clock,
                   @Value("${cds.province-code:38}") String provinceCode) {
        this.store = store;
        this.serializer = serializer;
        this.json = json;
        this.clock = clock;
        this.provinceCode = provinceCode;
    }

    public Views.CommuneCard communeCard(String assessmentId, String code, int year, LocalDate asOf, Instant knownAt) {
        JdbcDataSource scratch = new JdbcDataSource();
        scratch.setURL("jdbc:h2:mem:known-at-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;NON_KEYWORDS=YEAR,VALUE");
        try (Connection connection = scratch.getConnection()) {
            Flyway.configure().dataSource(scratch).locations("classpath:db/migration/common", "classpath:db/migration/h2")
                    .load().migrate();
            // one connection, each event in a savepoint of its own: an event the live read models quarantined (a
            // dead letter) leaves no half-applied trace here either
            connection.setAutoCommit(false);
            JdbcClient then = JdbcClient.create(new SingleConnectionDataSource(connection, true));
            FrameworkReader frameworks = new FrameworkReader(then, json);
            MapReader maps = new MapReader(then);
            List<EventMessageHandler> projections = List.of(
                    new AnnotationEventHandlerAdapter(new ReferenceProjection(then, json, frameworks, maps)),
                    new AnnotationEventHandlerAdapter(new AssessmentProjection(then, frameworks)));
            for (DomainEventMessage<?> event : recorded(assessmentId, knownAt)) {
                Savepoint savepoint = connection.setSavepoint();
                try {
                    for (EventMessageHandler projection : projections) {
                        if (projection.canHandle(event)) {
                            projection.handle(event);
                        }
                    }
                    connection.releaseSavepoint(savepoint);
                } catch (Exception quarantined) {
                    connection.rollback(savepoint);
                }
            }
            return new DashboardQueries(then, frameworks, maps, json, clock, provinceCode).communeCard(code, year, asOf);
        } catch (ProblemException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("replaying up to " + knownAt + " failed", e);
        } finally {
            try (Connection connection = scratch.getConnection()) {
                connection.createStatement().execute("shutdown");
            } catch (Exception ignored) {
                // the scratch store is gone either way
            }
        }
    }

    /** The reference data's events and the assessment's, recorded up to the instant, in the store's order. */
    private List<DomainEventMessage<?>> recorded(String assessmentId, Instant knownAt) {
        List<DomainEventMessage<?>> events = new java.util.ArrayList<>();
        store.sql("""
                        select eventIdentifier, aggregateIdentifier, sequenceNumber, type, timeStamp, payloadType,
                               payloadRevision, payload
                        from domainevententry
                        where (type <> 'CommuneAssessment' or aggregateIdentifier = :assessment)
                        order by globalIndex""")
                .param("assessment", assessmentId)
                .query(rs -> {
                    Instant at = Instant.parse(rs.getString(5));
                    if (at.isAfter(knownAt)) {
                        return;
                    }
                    SerializedObject<String> payload = new SimpleSerializedObject<>(rs.getString(8), String.class,
                            new SimpleSerializedType(rs.getString(6), rs.getString(7)));
                    events.add(new GenericDomainEventMessage<>(rs.getString(4), rs.getString(2), rs.getLong(3),
                            serializer.deserialize(payload), MetaData.emptyInstance(), rs.getString(1), at));
                });
        return events;
    }

    /** Refused before any work: an instant before the platform knew anything, or in the future. */
    static void check(Instant knownAt, Clock clock) {
        if (knownAt.isAfter(clock.instant()) || knownAt.isBefore(Instant.parse("2000-01-01T00:00:00Z"))) {
            throw new ProblemException(ProblemKind.INVALID, "INVALID_KNOWN_AT", "knownAt",
                    "knownAt phải là một thời điểm trong quá khứ (từ năm 2000).",
                    "knownAt must be an instant in the past (from 2000 on).");
        }
    }
}
