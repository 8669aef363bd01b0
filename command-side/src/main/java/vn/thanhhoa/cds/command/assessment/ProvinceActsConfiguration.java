package vn.thanhhoa.cds.command.assessment;

import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The acts naming many communes change their assessments through the aggregate's own repository (and cache). */
@Configuration(proxyBeanMethods = false)
public class ProvinceActsConfiguration {

    @Bean
    ConfigurerModule recognitionDecisions() {
        return configurer -> configurer.registerCommandHandler(
                configuration -> new RecognitionDecisions(configuration.repository(CommuneAssessment.class)));
    }
}
