package vn.thanhhoa.cds.app;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.thanhhoa.cds.command.assessment.AssessmentCommands.RegisterAssessment;
import vn.thanhhoa.cds.command.assessment.AssessmentCommands.ReportIndicatorValue;
import vn.thanhhoa.cds.command.assessment.AssessmentCommands.SubmitSelfAssessment;
import vn.thanhhoa.cds.command.criteria.FrameworkCatalog;
import vn.thanhhoa.cds.command.map.UnitDirectory;
import vn.thanhhoa.cds.events.assessment.AssessmentId;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.common.DocumentRef;
import vn.thanhhoa.cds.events.criteria.CriteriaFramework;
import vn.thanhhoa.cds.events.criteria.Indicator;
import vn.thanhhoa.cds.events.criteria.IndicatorValue;
import vn.thanhhoa.cds.events.criteria.Measure;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark, not a test (tag "benchmark", excluded from the test run): the province page for 2023 with every one of
 * the 559 communes registered, with all 30 values reported and submitted. Measures, in headless Chromium, the time
 * from navigation until the page has shown the headline, the 27 districts and the heat map. Command in BENCHMARKS.md.
 */
@Tag("benchmark")
// a context of its own schema, never used again: closed after the class, so its connections do not stay open
// while the rest of the suite runs (PostgreSQL's max_connections)
@org.springframework.test.annotation.DirtiesContext(classMode = org.springframework.test.annotation.DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"cds.demo.enabled=false", "cds.simulator.enabled=false", "axoniq.update-checker.disabled=true"})
@ActiveProfiles({"postgres", "demo"})
class ProvincePageBenchmark {
    private static final String SCHEMA = "cds_bench";

    static {
        PlatformTest.freshSchema(SCHEMA);
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PlatformTest.storeIn(registry, SCHEMA);
    }

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;
    @Autowired
    UnitDirectory units;
    @Autowired
    FrameworkCatalog frameworks;
    @Autowired
    JdbcClient jdbc;

    @Test
    void provincePageWith559Communes() throws Exception {
        long events = populate();
        WebDriver browser = Browsers.headlessChromium();
        try {
            Browsers.signIn(browser, "http://localhost:" + port, "bcd.tinh", "demo-bcd-2026");
            List<Long> runs = new ArrayList<>();
            for (int run = 0; run < 6; run++) {
                browser.get("http://localhost:" + port + "/?year=2023&run=" + run);
                new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(20))
                        .until(d -> d.findElement(By.tagName("body")).getAttribute("data-rendered-at") != null);
                long ms = Long.parseLong(browser.findElement(By.tagName("body")).getAttribute("data-rendered-at"));
                if (run > 0) {
                    runs.add(ms); // the first load warms the server's and the browser's caches
                }
            }
            Collections.sort(runs);
            String result = String.format("province page 2023, 559 communes registered (%d events): rendered in %s ms, median %d ms%n",
                    events, runs, runs.get(runs.size() / 2));
            System.out.print("BENCHMARK " + result);
            Files.writeString(Path.of("target", "province-page-benchmark.txt"), result);
        } finally {
            browser.quit();
        }
    }

    /** Registers the 559 communes for 2023, reports all 30 indicators, submits: 18,000 commands. */
    private long populate() throws Exception {
        while (frameworks.find("TH-XA-1829-2023").isEmpty() || units.count() < 700) {
            Thread.sleep(200);
        }
        CriteriaFramework framework = frameworks.find("TH-XA-1829-2023").orElseThrow();
        List<UnitDirectory.KnownUnit> communes = new ArrayList<>();
        jdbc.sql("select code from cmd_unit where level = 'DISTRICT'").query(String.class).list()
                .forEach(d -> communes.addAll(units.communesOf(List.of(d), LocalDate.of(2023, 12, 31))));
        Random random = new Random(559);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        for (UnitDirectory.KnownUnit commune : communes) {
            pool.submit(() -> {
                AssessmentId id = new AssessmentId(commune.unitId(), 2023);
                ActedBy officer = new ActedBy("bench-" + commune.unitId().code(), "COMMUNE", commune.unitId().code(), Instant.now());
                commands.sendAndWait(new RegisterAssessment(id, framework.id(), officer));
                for (Indicator indicator : framework.indicators()) {
                    IndicatorValue value;
                    synchronized (random) {
                        value = indicator.measure() == Measure.BOOLEAN ? new IndicatorValue.YesNo(random.nextInt(10) < 8)
                                : new IndicatorValue.Ratio(BigDecimal.valueOf(50 + random.nextInt(51)), BigDecimal.valueOf(100));
                    }
                    commands.sendAndWait(new ReportIndicatorValue(id, indicator.code(), value, List.of(), officer));
                }
                commands.sendAndWait(new SubmitSelfAssessment(id, DocumentRef.of("1/BC-UBND", LocalDate.of(2023, 9, 1)), officer));
            });
        }
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.MINUTES);
        long total = jdbc.sql("select count(*) from domainevententry").query(Long.class).single();
        // wait for the read models to have every submission
        while (jdbc.sql("select count(*) from q_assessment where year = 2023 and stage = 'SUBMITTED'").query(Long.class).single() < communes.size()) {
            Thread.sleep(500);
        }
        return total;
    }
}
