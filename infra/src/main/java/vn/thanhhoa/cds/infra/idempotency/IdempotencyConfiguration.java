package vn.thanhhoa.cds.infra.idempotency;

import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every event carries, in its metadata, the Idempotency-Key of the request that caused it: an auditor (or a client
 * after a crash) can tell which request an event answers. Declaring a correlation provider replaces Axon's default,
 * so the default (correlation and trace ids) is declared here too.
 */
@Configuration(proxyBeanMethods = false)
public class IdempotencyConfiguration {
    @Bean
    public CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    @Bean
    public CorrelationDataProvider idempotencyKeyInEvents() {
        return new SimpleCorrelationDataProvider(IdempotencyInterceptor.KEY);
    }
}
