package vn.thanhhoa.cds.infra.files;

import org.slf4j.LoggerFactory;
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
                                @Value("${cds.evidence.directory:}") String directory,
                                @Value("${cds.role:standalone}") String role) {
        if (directory.isBlank() && "query".equalsIgnoreCase(role.trim())) {
            LoggerFactory.getLogger(EvidenceFilesConfiguration.class).warn("Vai trò truy vấn không có kho tệp dùng chung: "
                    + "tải tệp minh chứng sẽ báo thiếu tệp; đặt cds.evidence.directory / a query role reads its own "
                    + "database, which holds no evidence files: set cds.evidence.directory to a directory every role mounts");
        }
        return directory.isBlank() ? new JdbcEvidenceStore(jdbc, transactions) : new FileSystemEvidenceStore(Path.of(directory));
    }

    @Bean
    EvidenceIntake evidenceIntake() {
        return new EvidenceIntake();
    }
}
