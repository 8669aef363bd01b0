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

import java.lang.reflect.RecordComponent;

/**
 * Tells the pages after the {@value Dashboards#GROUP} processor has committed an event to the read models — not
 * before, so a page that fetches again sees the change.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class LiveUpdatesWiring {

    @Bean
    ConfigurerModule liveUpdatesAfterCommit(LiveUpdates live, JdbcClient jdbc) {
        return configurer -> configurer.eventProcessing().registerHandlerInterceptor(Dashboards.GROUP, c ->
                (MessageHandlerInterceptor<EventMessage<?>>) (unitOfWork, chain) -> {
                    EventMessage<?> event = unitOfWork.getMessage();
                    // no page listening (e.g. the replay at start-up): nothing to look up
                    unitOfWork.afterCommit(u -> {
                        if (live.subscribers() > 0) {
                            live.publish(withAppraiser(change(event), jdbc));
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

    /** Districts follow their communes' changes: the appraiser comes from the committed read model. */
    private static LiveUpdates.Change withAppraiser(LiveUpdates.Change change, JdbcClient jdbc) {
        if (change.communeCode() == null || change.appraiserCode() != null) {
            return change;
        }
        String appraiser = jdbc.sql("select appraiser_id from q_assessment where commune_code = :code and year = :year")
                .param("code", change.communeCode()).param("year", change.year())
                .query(String.class).list().stream().filter(java.util.Objects::nonNull).findFirst()
                .map(a -> a.split("@")[0]).orElse(null);
        return new LiveUpdates.Change(change.event(), change.communeCode(), appraiser, change.year(), change.at());
    }

    static LiveUpdates.Change change(EventMessage<?> event) {
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
                        appraiser = value.toString().split("@")[0];
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return new LiveUpdates.Change(event.getPayloadType().getSimpleName(),
                id == null ? null : id.commune().code(), appraiser, id == null ? null : id.year(), event.getTimestamp());
    }
}
