package vn.thanhhoa.cds.query.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.serialization.SerializationException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import vn.thanhhoa.cds.events.assessment.AssessmentId;
import vn.thanhhoa.cds.events.assessment.AssessmentRegistered;
import vn.thanhhoa.cds.events.assessment.AssessmentTransferred;
import vn.thanhhoa.cds.infra.cache.NodeSignals;
import vn.thanhhoa.cds.query.common.Dashboards;
import vn.thanhhoa.cds.query.common.ReadModelVersion;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells the pages after the {@value Dashboards#GROUP} processor has committed an event to the read models — not
 * before, so a page that fetches again sees the change — and moves the read models' version on, which retires the
 * cached dashboards: on this node after its processor's commit, on the others when they hear of it (NodeSignals).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class LiveUpdatesWiring {
    private static final String TOPIC = ReadModelVersion.TOPIC;

    @Bean
    ConfigurerModule liveUpdatesAfterCommit(LiveUpdates live, ReadModelVersion version, JdbcClient jdbc,
                                            NodeSignals signals, ObjectMapper json) {
        // the other nodes: what this node's processor committed, heard after the commit (their processors may never
        // handle an event while this node holds the segments)
        signals.listen(TOPIC, detail -> {
            if (detail == null || detail.isEmpty()) {
                version.advance(null); // changed otherwise, or signals were missed: what is cached may be older
                return;
            }
            List<LiveUpdates.Change> changes = detail.lines().map(line -> read(json, line)).toList();
            changes.forEach(change -> version.advance(change.version(), touched(change)));
            changes.forEach(change -> publish(live, jdbc, change.withVersion(version.position())));
        });
        return configurer -> configurer.eventProcessing().registerHandlerInterceptor(Dashboards.GROUP, c ->
                (MessageHandlerInterceptor<EventMessage<?>>) (unitOfWork, chain) -> {
                    EventMessage<?> event = unitOfWork.getMessage();
                    Long position = ReadModelVersion.positionOf(event);
                    // one signal to the other nodes per transaction, sent in it: they hear it when it commits
                    List<String> told = unitOfWork.root().getOrComputeResource(TOPIC, k -> {
                        List<String> lines = new ArrayList<>();
                        unitOfWork.root().onPrepareCommit(u -> signals.send(TOPIC, String.join("\n", lines)));
                        return lines;
                    });
                    // read from the event once: the other nodes and this node's pages are told the same change
                    LiveUpdates.Change change = change(event, position == null ? -1 : position);
                    told.add(write(json, change));
                    // no page listening (e.g. the replay at start-up): nothing to look up
                    unitOfWork.afterCommit(u -> {
                        version.advance(position, touched(change));
                        publish(live, jdbc, change.withVersion(version.position()));
                    });
                    return chain.proceed();
                });
    }

    /**
     * What a change touches, for the answers kept until what they show changes (ReadModelVersion): its assessment; a
     * new assessment, its commune's year; a transfer (it moves an assessment to another commune) or a change that
     * names no assessment (the map, a framework, the targets), anything (null).
     */
    static String touched(LiveUpdates.Change change) {
        if (change.assessmentId() == null || change.year() == null
                || AssessmentTransferred.class.getSimpleName().equals(change.event())) {
            return null;
        }
        return AssessmentRegistered.class.getSimpleName().equals(change.event())
                ? ReadModelVersion.commune(change.communeId(), change.year())
                : ReadModelVersion.assessment(change.assessmentId());
    }

    private static void publish(LiveUpdates live, JdbcClient jdbc, LiveUpdates.Change change) {
        if (live.subscribers() > 0) {
            live.publish(live.anyScoped() ? withUnits(change, jdbc) : change);
        }
    }

    private static String write(ObjectMapper json, LiveUpdates.Change change) {
        try {
            return json.writeValueAsString(change);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static LiveUpdates.Change read(ObjectMapper json, String line) {
        try {
            return json.readValue(line, LiveUpdates.Change.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Signing out, a session expiring, or someone signing in over it (the session gets a new id) ends the streams
     * opened with that session: the pages reconnect as whoever is signed in now, or learn that nobody is.
     */
    @Bean
    SessionEnds liveStreamsEndWithTheirSession(LiveUpdates live) {
        return new SessionEnds(live);
    }

    static final class SessionEnds implements HttpSessionListener, HttpSessionIdListener {
        private final LiveUpdates live;

        SessionEnds(LiveUpdates live) {
            this.live = live;
        }

        @Override
        public void sessionDestroyed(HttpSessionEvent event) {
            live.closeSession(event.getSession().getId());
        }

        @Override
        public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
            live.closeSession(oldSessionId);
        }
    }

    /** Communes and districts follow their assessments' changes: who they belong to comes from the committed read model. */
    private static LiveUpdates.Change withUnits(LiveUpdates.Change change, JdbcClient jdbc) {
        if (change.communeId() == null || change.appraiserId() != null) {
            return change;
        }
        // the assessment's commune and appraiser now (a transfer moves both), as the read model has just committed them
        return jdbc.sql("select commune_code, commune_id, appraiser_id from q_assessment where assessment_id = :id")
                .param("id", change.assessmentId())
                .query((rs, n) -> new LiveUpdates.Change(change.event(), change.assessmentId(), rs.getString(1),
                        rs.getString(2), rs.getString(3), change.year(), change.at(), change.version()))
                .optional().orElse(change);
    }

    static LiveUpdates.Change change(EventMessage<?> event, long position) {
        Object payload;
        try {
            payload = event.getPayload();
        } catch (SerializationException unreadable) {
            // told before the projections run: a payload no class reads is theirs to dead-letter, not a reason to stop
            payload = null;
        }
        AssessmentId id = null;
        String appraiser = null;
        if (payload instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                try {
                    Object value = component.getAccessor().invoke(record);
                    if (value instanceof AssessmentId assessmentId) {
                        id = assessmentId;
                    }
                    if ("appraiser".equals(component.getName()) && value != null) {
                        appraiser = value.toString();
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return new LiveUpdates.Change(event.getPayloadType().getSimpleName(), id == null ? null : id.toString(),
                id == null ? null : id.commune().code(), id == null ? null : id.commune().toString(), appraiser,
                id == null ? null : id.year(), event.getTimestamp(), position);
    }
}
