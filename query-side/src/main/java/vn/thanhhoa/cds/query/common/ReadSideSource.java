package vn.thanhhoa.cds.query.common;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * Where the read side's processors (the dashboards', the auditors' history) read the events in one process with the
 * event store: the store, each batch lingering {@code cds.read-side.linger-ms} (20 ms) for the events that follow its
 * first ({@link LingeringSource}). Named by their {@code source} setting (the app's roles); a query role reads the
 * feed instead.
 */
@Configuration(proxyBeanMethods = false)
public class ReadSideSource {
    public static final String BEAN = "readSideEvents";

    @Bean(BEAN)
    LingeringSource readSideEvents(EventStore events, @Value("${cds.read-side.linger-ms:20}") long lingerMs) {
        return new LingeringSource(events, Duration.ofMillis(lingerMs));
    }
}
