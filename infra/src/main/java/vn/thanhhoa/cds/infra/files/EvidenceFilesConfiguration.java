package vn.thanhhoa.cds.infra.files;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Evidence files are kept in the database every role reads; the intake checks them on the way in. */
@Configuration(proxyBeanMethods = false)
public class EvidenceFilesConfiguration {

    @Bean
    EvidenceStore evidenceStore(JdbcClient jdbc) {
        return new JdbcEvidenceStore(jdbc);
    }

    @Bean
    EvidenceIntake evidenceIntake() {
        return new EvidenceIntake();
    }
}
