package vn.thanhhoa.cds.command.assessment;

import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The values recorded from an imported workbook carry its content hash in their events' metadata
 * ({@code importedFrom: xlsx:sha256:…}): an auditor tells a value typed in the form from one read from a file, and which.
 */
@Configuration(proxyBeanMethods = false)
public class ImportedFrom {
    public static final String KEY = "importedFrom";

    static String of(String sha256) {
        return "xlsx:sha256:" + sha256;
    }

    @Bean
    CorrelationDataProvider importedFromInEvents() {
        return new SimpleCorrelationDataProvider(KEY);
    }
}
