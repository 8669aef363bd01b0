package vn.thanhhoa.cds.query.live;

import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import vn.thanhhoa.cds.events.assessment.AssessmentId;
import vn.thanhhoa.cds.query.projection.Dashboards;
import vn.thanhhoa.cds.query.projection.ReadModelVersion;

import java.lang.reflect.RecordComponent;

/**
 * Tells the pages after the {@value Dashboards#GROUP} processor has committed an event to the read models — not
 * before, so a page that fetches again sees the change — and moves the read models' version on, which retires the
 * cached dashboards.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class LiveUpdatesWiring {

    @Bean
    ConfigurerModule liveUpdatesAfterCommit(LiveUpdates live, ReadModelVersion version, JdbcClient jdbc) {
        return configurer -> configurer.eventProcessing().registerHandlerInterceptor(Dashboards.GROUP, c ->
                (MessageHandlerInterceptor<EventMessage<?>>) (unitOfWork, chain) -> {
                    EventMessage<?> event = unitOfWork.getMessage();
                    // no page listening (e.g. the replay at start-up): nothing to look up
                    unitOfWork.afterCommit(u -> {
                        version.advance(ReadModelVersion.positionOf(event));
                        if (live.subscribers() > 0) {
                            LiveUpdates.Change change = change(event, version.position());
                            live.publish(live.anyScoped() ? withUnits(change, jdbc) : change);
                        }
                    });
                    return chain.proceed();
                });
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
        Object payload = event.getPayload();
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
