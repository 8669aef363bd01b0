package vn.thanhhoa.cds.query.projection;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A read model that skipped an event would be wrong for good: when a projection handler fails, the
 * {@value Dashboards#GROUP} processor rolls back, keeps its token and retries (with back-off) instead of logging and
 * moving on, Axon's default.
 */
@Configuration(proxyBeanMethods = false)
public class DashboardsConfiguration {
    @Bean
    ConfigurerModule dashboardsStopOnError() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(Dashboards.GROUP, c -> PropagatingErrorHandler.instance());
    }
}
