package vn.thanhhoa.cds.infra.files;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import java.nio.file.Path;

/**
 * Evidence files are kept in the database every role reads (in the command's transaction), or — with
 * {@code cds.evidence.directory} — in a directory every node mounts; the intake checks them on the way in.
 */
@Configuration(proxyBeanMethods = false)
public class EvidenceFilesConfiguration {

    @Bean
    EvidenceStore evidenceStore(JdbcClient jdbc, PlatformTransactionManager transactions,
                                @Value("${cds.evidence.directory:}") String directory) {
        return directory.isBlank() ? new JdbcEvidenceStore(jdbc, transactions) : new FileSystemEvidenceStore(Path.of(directory));
    }

    @Bean
    EvidenceIntake evidenceIntake() {
        return new EvidenceIntake();
    }
}
