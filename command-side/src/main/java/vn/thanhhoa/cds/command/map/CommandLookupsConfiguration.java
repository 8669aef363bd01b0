package vn.thanhhoa.cds.command.map;

import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.thanhhoa.cds.infra.eventstore.HandlerFailures;

/**
 * The command-side lookups are part of the decision: when one cannot be written (a commune assessed twice for a year,
 * a failed write), the command fails and its events are not appended — instead of Axon's default, which logs the
 * failure and lets the events commit without their lookup.
 */
@Configuration(proxyBeanMethods = false)
public class CommandLookupsConfiguration {
    @Bean
    ConfigurerModule commandLookupsFailTheCommand() {
        return HandlerFailures.propagate(UnitDirectory.GROUP);
    }
}
