package vn.thanhhoa.cds.infra.integrity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;

/**
 * The province's checkpoint key ({@code cds.integrity.key-file}; created on first start only where
 * {@code cds.integrity.create-key} is true, as in the standalone demo), the hashes of events stored before hashing
 * began, and the sealer of checkpoints.
 */
@Configuration(proxyBeanMethods = false)
public class IntegrityConfiguration {
    private static final Logger log = LoggerFactory.getLogger(IntegrityConfiguration.class);

    /** None (null) where no key is configured: nothing is sealed, the streams are still verified. */
    @Bean
    IntegrityKeys integrityKeys(@Value("${cds.integrity.key-file:${cds.data-dir:./data}/integrity-ed25519.pem}") String file,
                                @Value("${cds.integrity.create-key:false}") boolean create) {
        IntegrityKeys keys = IntegrityKeys.load(Path.of(file), create);
        if (keys == null) {
            log.warn("Không có khóa niêm phong ({}): không niêm phong điểm kiểm tra nào (chuỗi băm vẫn được ghi và kiểm tra). "
                    + "/ No checkpoint key ({}): nothing is sealed (the event hashes are still kept and verified).", file, file);
        }
        return keys;
    }

    /** Health component {@code checkpoints}: NOT_SEALING without a key. */
    @Bean
    CheckpointKeyHealth checkpointsHealthIndicator(org.springframework.beans.factory.ObjectProvider<IntegrityKeys> keys) {
        return new CheckpointKeyHealth(keys.getIfAvailable());
    }

    /**
     * Events stored before the hash column existed get their hashes once, stream by stream, at start: they attest the
     * store as it stood then (the README says so), and every event appended since is hashed in its own transaction.
     */
    @Bean
    @Order(-2)
    ApplicationRunner hashTheEventsStoredBeforeHashing(DataSource dataSource) {
        return args -> {
            try (Connection connection = dataSource.getConnection()) {
                long hashed = Backfill.run(connection);
                if (hashed > 0) {
                    log.info("Đã băm {} sự kiện lưu trước khi có chuỗi băm / hashed {} events stored before hashing", hashed, hashed);
                }
            }
        };
    }
}
