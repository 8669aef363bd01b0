package vn.thanhhoa.cds.infra.integrity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

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

    /**
     * Seals, every {@code cds.integrity.seal-interval-ms}, the log up to the last event seen at the previous run: the
     * global order of a transaction is final only once it commits, and by then every transaction that held a lower
     * position has committed or rolled back.
     */
    @Component
    static class Sealer {
        private final DataSource dataSource;
        private final Optional<IntegrityKeys> keys;
        private final Clock clock;
        private final AtomicLong seenLastTime = new AtomicLong(-1);
        /** What this node has read of the log: each seal reads only the events after it. */
        private final Checkpoints.SealedLog read = new Checkpoints.SealedLog();

        Sealer(DataSource dataSource, ObjectProvider<IntegrityKeys> keys, Clock clock) {
            this.dataSource = dataSource;
            this.keys = Optional.ofNullable(keys.getIfAvailable());
            this.clock = clock;
        }

        @Scheduled(initialDelayString = "${cds.integrity.seal-interval-ms:60000}", fixedDelayString = "${cds.integrity.seal-interval-ms:60000}")
        void seal() {
            if (keys.isEmpty()) {
                return;
            }
            try (Connection connection = dataSource.getConnection()) {
                long previous = seenLastTime.getAndSet(lastGlobalIndex(connection));
                if (previous >= 0) {
                    Checkpoints.Checkpoint sealed = Checkpoints.seal(connection, read, previous, keys.get().signing(),
                            clock.instant().toString());
                    if (sealed != null) {
                        log.info("Niêm phong / sealed checkpoint {} at #{}: {}", sealed.treeSize(), sealed.lastGlobalIndex(), sealed.root());
                    }
                }
            } catch (Exception e) {
                log.warn("Niêm phong thất bại, thử lại lần sau / sealing failed, retried next time: {}", e.getMessage());
            }
        }

        static long lastGlobalIndex(Connection connection) throws SQLException {
            try (PreparedStatement select = connection.prepareStatement("select coalesce(max(globalIndex), -1) from domainevententry");
                 ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
