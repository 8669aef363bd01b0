package vn.thanhhoa.cds.app;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.thanhhoa.cds.infra.eventstore.EventStoreConfiguration;
import vn.thanhhoa.cds.query.rebuild.ReadModelRebuild;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A read store emptied beside an event store with history (a new read database, read models an operator emptied) is
 * filled at start by the rebuild's fold, in bulk, instead of the processors replaying event by event; and a fill the
 * platform did not finish (stopped in the middle) is done again at the next start. Either way the read tables are
 * the ones the processors made, row for row. Each start is a platform of its own on one schema (PostgreSQL).
 */
class FillAtStartTest {
    private static final String SCHEMA = "cds_fill";
    private static final Tokens TOKENS = new Tokens();
    private ConfigurableApplicationContext platform;

    @AfterEach
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void anEmptiedReadStoreIsFilledAtStartAsTheProcessorsMadeIt() {
        PlatformTest.freshSchema(SCHEMA);
        // the processors make the read models of the reference data and the demo report, event by event
        platform = start(0);
        JdbcClient jdbc = JdbcClient.create(new org.springframework.jdbc.datasource.DriverManagerDataSource(
                PlatformTest.SERVER + "?currentSchema=" + PlatformTest.schemaName(SCHEMA), "postgres", ""));
        caughtUp(platform);
        Map<String, List<String>> made = readTables(jdbc);
        assertThat(made.get("q_assessment")).isNotEmpty();
        assertThat(made.get("q_audit")).isNotEmpty();
        platform.close();

        // emptied as an operator does (the tables, the processors' tokens): the next start fills them in bulk
        empty(jdbc);
        platform = start(1);
        ReadModelRebuild.Progress filled = filled(platform);
        assertThat(filled.message()).startsWith("filled at start");
        assertThat(readTables(jdbc)).isEqualTo(made);
        assertThat(jdbc.sql("select count(*) from q_read_store_fill").query(Long.class).single()).isZero();
        platform.close();

        // a fill stopped in the middle left its mark and some rows: the next start empties the tables and fills again
        jdbc.sql("insert into q_read_store_fill (started_at) values (current_timestamp)").update();
        jdbc.sql("update q_assessment set stage = 'RECOGNISED'").update();
        jdbc.sql("delete from q_timeline").update();
        platform = start(1);
        filled(platform);
        assertThat(readTables(jdbc)).isEqualTo(made);
    }

    private static ConfigurableApplicationContext start(long fillFrom) {
        Map<String, Object> settings = PlatformTest.ownPlatform(SCHEMA, TOKENS);
        settings.put("cds.demo.enabled", "true");
        settings.put("cds.integrity.seal-interval-ms", "86400000");
        settings.put("cds.rebuild.fill-at-start-from", String.valueOf(fillFrom));
        return new SpringApplicationBuilder(CdsApplication.class).profiles("postgres")
                .run(settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    /** Both read-side processors have applied the store up to its last event. */
    private static void caughtUp(ConfigurableApplicationContext platform) {
        JdbcClient jdbc = platform.getBean(JdbcClient.class);
        var processing = platform.getBean(org.axonframework.config.EventProcessingConfiguration.class);
        await().atMost(Duration.ofMinutes(2)).until(() -> {
            long head = EventStoreConfiguration.head(jdbc);
            return List.of("dashboards", "audit-trail").stream().allMatch(group -> processing
                    .eventProcessor(group, org.axonframework.eventhandling.StreamingEventProcessor.class).orElseThrow()
                    .processingStatus().values().stream().allMatch(status -> status.getTrackingToken() != null
                            && status.getTrackingToken().position().orElse(-1) >= head));
        });
    }

    private static ReadModelRebuild.Progress filled(ConfigurableApplicationContext platform) {
        ReadModelRebuild rebuild = platform.getBean(ReadModelRebuild.class);
        ReadModelRebuild.Progress done = await().atMost(Duration.ofMinutes(2)).until(rebuild::progress,
                progress -> !progress.running() && progress.state() != ReadModelRebuild.State.IDLE);
        assertThat(done.state()).as(String.valueOf(done)).isEqualTo(ReadModelRebuild.State.DONE);
        assertThat(done.eventsDone()).isPositive();
        caughtUp(platform);
        // the processors run on from where the fill stopped: each holds its segment again
        var processing = platform.getBean(org.axonframework.config.EventProcessingConfiguration.class);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(List.of("dashboards", "audit-trail"))
                .allSatisfy(group -> assertThat(processing.eventProcessor(group,
                        org.axonframework.eventhandling.StreamingEventProcessor.class).orElseThrow().processingStatus())
                        .as(group).isNotEmpty()));
        return done;
    }

    private static void empty(JdbcClient jdbc) {
        List<String> tables = jdbc.sql("select tablename from pg_tables where schemaname = current_schema() and tablename like 'q\\_%'")
                .query(String.class).list();
        jdbc.sql("truncate " + String.join(", ", tables)).update();
        jdbc.sql("delete from tokenentry where processorName in ('dashboards', 'audit-trail')").update();
        jdbc.sql("delete from deadletterentry").update();
    }

    /** Every read table's rows, without the numbers the rows were given (identities), in one order. */
    private static Map<String, List<String>> readTables(JdbcClient jdbc) {
        Map<String, List<String>> tables = new TreeMap<>();
        for (String table : jdbc.sql("select tablename from pg_tables where schemaname = current_schema() and tablename like 'q\\_%'")
                .query(String.class).list()) {
            List<String> rows = new ArrayList<>();
            for (Map<String, Object> row : jdbc.sql("select * from " + table).query().listOfRows()) {
                Map<String, Object> kept = new TreeMap<>(row);
                kept.remove("id");
                kept.remove("version");
                rows.add(kept.toString());
            }
            rows.sort(null);
            tables.put(table, rows);
        }
        return tables;
    }
}
