package vn.thanhhoa.cds.app;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.thanhhoa.cds.bench.Bench;
import vn.thanhhoa.cds.infra.integrity.StoreVerification;

import org.springframework.boot.test.web.server.LocalServerPort;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark's generator and read ceiling on a tiny dataset, against the platform's own store, so that the tools
 * cannot rot: what they append reads back, verifies like any event, and reaches the dashboards.
 */
class BenchSmokeTest extends PlatformTest {
    private static final String DB = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&currentSchema=cds_it"
            + System.getenv().getOrDefault("CDS_TEST_SCHEMA_SUFFIX", "");

    @Autowired
    DataSource dataSource;

    @Test
    void theGeneratorAppendsAHistoryThePlatformReadsAndVerifies() throws Exception {
        long before = jdbc.sql("select count(*) from domainevententry").query(Long.class).single();
        // the first two communes of Thanh Hóa's list (Thành phố Thanh Hóa), 2022, one round of updates
        Bench.run("generate", "--db=" + DB, "--preset=thanh-hoa", "--years=2022", "--rounds=1", "--communes=2",
                "--data=../../shared/data");
        long after = jdbc.sql("select count(*) from domainevententry").query(Long.class).single();
        assertThat(after - before).as("a year of two communes").isGreaterThan(40);
        Bench.run("read-ceiling", "--db=" + DB);

        try (Connection connection = dataSource.getConnection()) {
            assertThat(StoreVerification.verify(connection, null).findings()).as("generated events carry their hashes").isEmpty();
        }
        String commune = jdbc.sql("""
                        select commune_code from cmd_assessment where year = 2022 and commune_id like '147%' order by commune_code limit 1""")
                .query(String.class).single();
        String card = "/api/communes/" + commune + "/assessments/2022";
        eventually(() -> read(card, As.province()).getStatusCode().value(), status -> status == 200);
        assertThat(get(card).path("pillars").size()).isPositive();

        // on the generated history, the dashboards served from the cache are the ones computed afresh
        var lag = meters.find("cds.projection.lag.seconds").tag("processor", "dashboards").gauge();
        eventually(lag::value, value -> value == 0);
        for (String path : new String[]{"/api/province/dashboard?year=2022", "/api/districts/380/dashboard?year=2022",
                "/api/province/heatmap?year=2022"}) {
            assertThat(get(path)).as(path).isEqualTo(get(path + "&asOf=2022-12-31"));
        }

        // the write ceiling copies the read models' rows into copies of their tables, and leaves the tables as they were
        long cards = jdbc.sql("select count(*) from q_assessment").query(Long.class).single();
        Path results = Files.createTempFile("cds-bench-write", ".properties");
        results.toFile().deleteOnExit();
        Bench.run("write-ceiling", "--db=" + DB, "--results=" + results);
        assertThat(Long.parseLong(measured(results).getProperty("write.rows"))).as("rows written again").isGreaterThan(cards);
        assertThat(jdbc.sql("select count(*) from q_assessment").query(Long.class).single()).isEqualTo(cards);
        assertThat(jdbc.sql("select count(*) from pg_tables where schemaname = current_schema() and tablename like 'wc\\_%'")
                .query(Long.class).single()).as("the copies dropped").isZero();
    }

    /**
     * The load tools on two communes for a few seconds, over HTTP with bearer tokens signed by the key the platform
     * trusts: registration, closed-loop commands, then open-loop commands with viewers, the live stream with its followed dashboards and an officer's own, and the
     * dashboards as known at past instants, evidence uploads, live streams held open and told one change, and the
     * rebuild while serving. Each writes its figures, and the report prints them.
     */
    @Test
    void theLoadToolsDriveThePlatformAndReportWhatTheyMeasured() throws Exception {
        Path results = Files.createTempFile("cds-bench-results", ".properties");
        results.toFile().deleteOnExit();
        List<String> common = List.of("--db=" + DB, "--base=http://127.0.0.1:" + port, "--key=" + TOKENS.privateKeyPem(),
                "--year=2024", "--communes=2", "--results=" + results);
        Bench.run(tool("commands", common, "--register=true", "--clients=2"));
        Bench.run(tool("commands", common, "--clients=2", "--seconds=2", "--warmup=0.5", "--label=start.c8"));
        Bench.run(tool("live", common, "--rate=5", "--seconds=3", "--viewers=2", "--dashboard=district",
                "--dashboard-year=2024", "--label=district"));
        Bench.run(tool("known-at", common, "--dashboard-year=2024", "--instants=2", "--repeats=1"));
        Bench.run(tool("evidence", common, "--clients=2", "--bytes=65536", "--seconds=2", "--warmup=0.5", "--big-mb=1"));
        Bench.run(tool("streams", common, "--streams=6"));
        Bench.run(tool("rebuild-online", common));

        Properties measured = measured(results);
        assertThat(Double.parseDouble(measured.getProperty("cmd.start.c8.rate"))).as("commands accepted").isPositive();
        assertThat(measured.getProperty("cmd.start.c8.errors")).as("commands refused").isEqualTo("0");
        assertThat(Long.parseLong(measured.getProperty("live.district.fresh.n"))).as("commands told on the live stream").isPositive();
        assertThat(measured.getProperty("live.district.cmd-errors")).isEqualTo("0");
        assertThat(Long.parseLong(measured.getProperty("live.district.shown.n"))).as("commands the followed province dashboard held").isPositive();
        assertThat(Long.parseLong(measured.getProperty("live.district.officer.n"))).as("commands told on the officer's own stream").isPositive();
        assertThat(Long.parseLong(measured.getProperty("view.district.loaded.n"))).as("dashboard views").isPositive();
        assertThat(measured.getProperty("view.district.errors")).isEqualTo("0");
        assertThat(Long.parseLong(measured.getProperty("knownat.district.n"))).as("dashboards as known at past instants").isEqualTo(2);
        assertThat(Double.parseDouble(measured.getProperty("rebuild.online.rate"))).as("the rebuild while serving").isPositive();
        assertThat(Double.parseDouble(measured.getProperty("evidence.c2.files-per-s"))).as("evidence files kept").isPositive();
        assertThat(measured.getProperty("evidence.big.status")).as("the large file").isEqualTo("201");
        assertThat(measured.getProperty("streams.open")).as("live streams held open").isEqualTo("6");
        assertThat(measured.getProperty("streams.reached")).as("the change told to every stream").isEqualTo("6");
        Bench.run("report", "--results=" + results);
    }

    /**
     * The plain Spring + Axon service the commands are measured against (issue 30), started as bench.sh starts it but
     * in this process, on a schema of its own: the same load tool registers two communes and sends it commands with
     * the same tokens and bodies; its tracking processor writes the values; another commune's token is refused.
     */
    @Test
    void thePlainServiceTakesTheSameCommandsAndProjectsThem() throws Exception {
        String schema = "plain_it" + System.getenv().getOrDefault("CDS_TEST_SCHEMA_SUFFIX", "");
        jdbc.sql("drop schema if exists " + schema + " cascade").update();
        jdbc.sql("create schema " + schema).update();
        try (var plain = vn.thanhhoa.plain.PlainService.start("--server.port=0",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + schema,
                "--spring.flyway.default-schema=" + schema,
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=" + TOKENS.publicKeyLocation())) {
            String base = "http://127.0.0.1:" + plain.getEnvironment().getProperty("local.server.port");
            Path results = Files.createTempFile("cds-bench-plain", ".properties");
            results.toFile().deleteOnExit();
            List<String> common = List.of("--db=" + DB, "--base=" + base, "--key=" + TOKENS.privateKeyPem(),
                    "--year=2024", "--communes=2", "--results=" + results);
            Bench.run(tool("commands", common, "--register=true", "--clients=2"));
            Bench.run(tool("commands", common, "--clients=2", "--seconds=2", "--warmup=0.5", "--label=plain.c8"));
            Properties measured = measured(results);
            assertThat(Double.parseDouble(measured.getProperty("cmd.plain.c8.rate"))).as("commands accepted").isPositive();
            assertThat(measured.getProperty("cmd.plain.c8.errors")).as("commands refused").isEqualTo("0");
            eventually(() -> jdbc.sql("select count(*) from " + schema + ".indicator_value").query(Long.class).single(),
                    rows -> rows > 0);

            var refused = new org.springframework.web.client.RestTemplate();
            var headers = new org.springframework.http.HttpHeaders();
            headers.setBearerAuth(TOKENS.token("can-bo-x", List.of("COMMUNE"), "14926"));
            headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
            String commune = jdbc.sql("select aggregateIdentifier from " + schema + ".domainevententry limit 1")
                    .query(String.class).single().split("/")[0];
            assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(() -> refused.exchange(base + "/api/communes/"
                            + commune + "/assessments/2024/indicators/1.1", org.springframework.http.HttpMethod.PUT,
                    new org.springframework.http.HttpEntity<>("{\"measure\":\"RATIO\",\"numerator\":1,\"denominator\":2}", headers),
                    String.class), org.springframework.web.client.HttpClientErrorException.Forbidden.class))
                    .as("another commune's token").isNotNull();
        }
    }

    private static Properties measured(Path results) throws java.io.IOException {
        Properties measured = new Properties();
        try (var in = Files.newBufferedReader(results)) {
            measured.load(in);
        }
        return measured;
    }

    private static String[] tool(String name, List<String> common, String... options) {
        List<String> args = new ArrayList<>(List.of(name));
        args.addAll(common);
        args.addAll(List.of(options));
        return args.toArray(String[]::new);
    }

    @LocalServerPort
    int port;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;
}
