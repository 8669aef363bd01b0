package vn.thanhhoa.cds.infra.integrity;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A store that predates the hashes gets them once, and is verified like any other from then on. */
class BackfillTest {

    @Test
    void eventsStoredBeforeHashingAreHashedOnceAndThenVerified() throws Exception {
        JdbcDataSource store = new JdbcDataSource();
        store.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;NON_KEYWORDS=YEAR,VALUE");
        Flyway.configure().dataSource(store).locations("classpath:db/migration/common", "classpath:db/migration/h2").load().migrate();
        try (Connection connection = store.getConnection()) {
            for (int sequence = 0; sequence < 3; sequence++) {
                try (PreparedStatement insert = connection.prepareStatement("""
                        insert into domainevententry (eventIdentifier, aggregateIdentifier, sequenceNumber, type, timeStamp,
                                                      payloadType, payloadRevision, payload, metaData)
                        values (?, '14923@2020-01-01/2022', ?, 'CommuneAssessment', '2022-12-16T02:00:00Z',
                                'vn.thanhhoa.cds.events.assessment.IndicatorValueReported', '1', ?, '{}')""")) {
                    insert.setString(1, "e" + sequence);
                    insert.setLong(2, sequence);
                    insert.setString(3, "{\"indicatorCode\":\"1." + sequence + "\"}");
                    insert.executeUpdate();
                }
            }
            assertThat(StoreVerification.verify(connection, null).findings()).as("not hashed yet")
                    .extracting(StoreVerification.Finding::kind).containsOnly("ALTERED");

            assertThat(Backfill.run(connection)).isEqualTo(3);
            assertThat(Backfill.run(connection)).as("once").isZero();
            assertThat(StoreVerification.verify(connection, null).findings()).isEmpty();

            connection.createStatement().executeUpdate("update domainevententry set payload = '{\"indicatorCode\":\"9.9\"}' where eventIdentifier = 'e1'");
            assertThat(StoreVerification.verify(connection, null).findings())
                    .extracting(f -> f.kind() + " " + f.eventIdentifier()).containsExactly("ALTERED e1");
        }
    }
}
