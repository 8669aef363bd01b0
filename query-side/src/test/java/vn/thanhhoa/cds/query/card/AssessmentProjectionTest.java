package vn.thanhhoa.cds.query.card;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.thanhhoa.cds.events.assessment.AssessmentId;
import vn.thanhhoa.cds.events.assessment.AssessmentRegistered;
import vn.thanhhoa.cds.events.assessment.IndicatorValueReported;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.common.DocumentRef;
import vn.thanhhoa.cds.events.common.OutOfDomainException;
import vn.thanhhoa.cds.events.criteria.CriteriaFramework;
import vn.thanhhoa.cds.events.criteria.CriteriaFrameworkPublished;
import vn.thanhhoa.cds.events.criteria.FrameworkPointsAmended;
import vn.thanhhoa.cds.events.criteria.Indicator;
import vn.thanhhoa.cds.events.criteria.IndicatorValue;
import vn.thanhhoa.cds.events.criteria.Measure;
import vn.thanhhoa.cds.events.criteria.PassRule;
import vn.thanhhoa.cds.events.criteria.Pillar;
import vn.thanhhoa.cds.events.criteria.ScoringMethod;
import vn.thanhhoa.cds.events.map.UnitId;
import vn.thanhhoa.cds.query.common.Stored;
import vn.thanhhoa.cds.query.reference.FrameworkReader;
import vn.thanhhoa.cds.query.reference.MapReader;
import vn.thanhhoa.cds.query.reference.ReferenceProjection;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The commune card's projection, its handlers called directly on the read tables (the embedded store, migrated by the
 * platform's own Flyway scripts): scores come from the facts, an amendment re-scores and keeps both scorings, and a
 * number outside its domain is refused before any arithmetic.
 */
class AssessmentProjectionTest {
    private static final UnitId CANH_NANG = new UnitId("14923", LocalDate.of(2020, 1, 1));
    private static final AssessmentId ASSESSMENT = new AssessmentId(CANH_NANG, 2023);
    private static final Instant AT = Instant.parse("2023-09-20T03:00:00Z");
    private static final ActedBy OFFICER = new ActedBy("can-bo-14923", "COMMUNE", "14923", AT);
    private static final CriteriaFramework FRAMEWORK = new CriteriaFramework("TH-THU", "Bộ tiêu chí thử", "QĐ thử", 2023,
            ScoringMethod.POINTS, new PassRule(null, new BigDecimal("50"), false, ""), List.of(new Pillar("1", "Chính quyền số",
            "Digital government", List.of(
                    new Indicator("1.1", "Thư điện tử công vụ", "Official e-mail", Measure.RATIO, BigDecimal.ONE, new BigDecimal("40"), false),
                    new Indicator("1.2", "Một cửa điện tử", "Electronic one-stop shop", Measure.BOOLEAN, null, new BigDecimal("60"), false)))));

    private JdbcClient jdbc;
    private AssessmentProjection assessments;
    private ReferenceProjection reference;
    private FrameworkReader frameworks;

    @BeforeEach
    void emptyStore() throws Exception {
        JdbcDataSource store = new JdbcDataSource();
        store.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;NON_KEYWORDS=YEAR,VALUE");
        Flyway.configure().dataSource(store).locations("classpath:db/migration/common", "classpath:db/migration/h2").load().migrate();
        jdbc = JdbcClient.create(store);
        ObjectMapper json = new ObjectMapper().findAndRegisterModules();
        frameworks = new FrameworkReader(jdbc, json, vn.thanhhoa.cds.infra.cache.NodeSignals.LOCAL);
        assessments = new AssessmentProjection(jdbc, frameworks);
        reference = new ReferenceProjection(jdbc, json, frameworks, new MapReader(jdbc, vn.thanhhoa.cds.infra.cache.NodeSignals.LOCAL));
        reference.on(new CriteriaFrameworkPublished(FRAMEWORK.id(), FRAMEWORK, OFFICER));
        assessments.on(new AssessmentRegistered(ASSESSMENT, CANH_NANG, 2023, FRAMEWORK.id(), null, OFFICER), AT, event());
    }

    private static String event() {
        return UUID.randomUUID().toString();
    }

    private BigDecimal selfPoints() {
        return jdbc.sql("select self_points from q_assessment").query(BigDecimal.class).single();
    }

    @Test
    void reportedValuesAreScoredByTheFramework() {
        assessments.on(new IndicatorValueReported(ASSESSMENT, "1.1", ratio("31", "31"), List.of(), OFFICER), AT, event());
        assessments.on(new IndicatorValueReported(ASSESSMENT, "1.2", new IndicatorValue.YesNo(true), List.of(), OFFICER), AT, event());

        assertThat(selfPoints()).isEqualByComparingTo("100");
        assertThat(jdbc.sql("select self_met from q_assessment").query(Integer.class).single()).isEqualTo(2);
    }

    /** Each state the projection writes is kept, with the instant and the event (the dashboards as known then). */
    @Test
    void everyStateIsKeptAsKnownFromItsEvent() {
        assessments.on(new IndicatorValueReported(ASSESSMENT, "1.1", ratio("10", "31"), List.of(), OFFICER), AT.plusSeconds(10), "e-1");
        assessments.on(new IndicatorValueReported(ASSESSMENT, "1.1", ratio("31", "31"), List.of(), OFFICER), AT.plusSeconds(20), "e-2");

        assertThat(jdbc.sql("select self_points from q_assessment_known order by version").query(BigDecimal.class).list())
                .hasSize(3).last().satisfies(points -> assertThat(points).isEqualByComparingTo(selfPoints()));
        assertThat(jdbc.sql("select event_id from q_assessment_known where known_from = :at")
                .param("at", Stored.time(AT.plusSeconds(10))).query(String.class).single()).isEqualTo("e-1");
        assertThat(jdbc.sql("select reported_value from q_indicator_known order by version").query(String.class).list())
                .hasSize(2).first().asString().contains("10");
    }

    @Test
    void anAmendmentReScoresAndKeepsBothScorings() {
        assessments.on(new IndicatorValueReported(ASSESSMENT, "1.1", ratio("31", "31"), List.of(), OFFICER), AT, event());
        assessments.on(new FrameworkPointsAmended(FRAMEWORK.id(), List.of(new FrameworkPointsAmended.PointChange("1.1",
                new BigDecimal("40"), new BigDecimal("25"))), DocumentRef.of("2115/STTTT", LocalDate.of(2023, 7, 1)), "đính chính",
                OFFICER), AT.plusSeconds(60), event());

        assertThat(selfPoints()).isEqualByComparingTo("25");
        assertThat(jdbc.sql("select event_type || ' ' || document_number from q_score_history").query(String.class).list())
                .contains("FrameworkPointsAmended 2115/STTTT");
        assertThat(TimelinePhrases.causeVi("FrameworkPointsAmended", "2115/STTTT")).isEqualTo("Đính chính điểm 2115/STTTT");
    }

    /** What the dashboards show is kept with the scores: no request scores a commune again (issue 26). */
    @Test
    void theDashboardsFiguresAreKeptWithTheScores() {
        assessments.on(new IndicatorValueReported(ASSESSMENT, "1.1", ratio("31", "31"), List.of(), OFFICER), AT, event());

        assertThat(jdbc.sql("select pillars from q_assessment").query(String.class).single())
                .isEqualTo("[{\"code\":\"1\",\"met\":1,\"indicators\":2,\"points\":40.00,\"maxPoints\":100}]");
        assertThat(jdbc.sql("select met_indicators from q_assessment").query(String.class).single()).isEqualTo("[\"1.1\"]");
        assertThat(jdbc.sql("select earlier_scores from q_assessment").query(String.class).list()).containsExactly((String) null);
        assertThat(jdbc.sql("select met_indicators from q_assessment_known order by version desc limit 1")
                .query(String.class).single()).isEqualTo("[\"1.1\"]");
    }

    /**
     * After an amendment the scores under the points before it stay kept beside the new ones (the dashboards of the
     * decisions in force on a day read them), and the amendment is kept once whichever projection handles it first.
     */
    @Test
    void anAmendmentKeepsTheScoresUnderThePointsBeforeIt() {
        assessments.on(new IndicatorValueReported(ASSESSMENT, "1.1", ratio("31", "31"), List.of(), OFFICER), AT, event());
        FrameworkPointsAmended amendment = new FrameworkPointsAmended(FRAMEWORK.id(), List.of(new FrameworkPointsAmended.PointChange(
                "1.1", new BigDecimal("40"), new BigDecimal("25"))), DocumentRef.of("2115/STTTT", LocalDate.of(2023, 7, 1)),
                "đính chính", OFFICER);
        String id = event();
        reference.on(amendment, AT.plusSeconds(60), id);
        assessments.on(amendment, AT.plusSeconds(60), id);
        reference.on(amendment, AT.plusSeconds(60), id);

        assertThat(selfPoints()).isEqualByComparingTo("25");
        assertThat(jdbc.sql("select count(*) from q_framework_amendment").query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select earlier_scores from q_assessment").query(String.class).single())
                .contains("\"version\":0,\"selfPoints\":40.00");
        assertThat(frameworks.versions(FRAMEWORK.id()).orElseThrow().inForceOn(LocalDate.of(2023, 6, 30))
                .indicator("1.1").orElseThrow().maxPoints()).isEqualByComparingTo("40");
    }

    /** The number that once kept the dashboards computing for ever: refused at once, quarantined by the processor. */
    @Test
    void aNumberOutsideItsDomainIsRefusedBeforeAnyArithmetic() {
        assertThatThrownBy(() -> assessments.on(new IndicatorValueReported(ASSESSMENT, "1.1", ratio("1E-100000000", "1"),
                List.of(), OFFICER), AT, event())).isInstanceOf(OutOfDomainException.class);
        assertThatThrownBy(() -> assessments.on(new IndicatorValueReported(ASSESSMENT, "1.1", ratio("1", "1E+1000000000"),
                List.of(), OFFICER), AT, event())).isInstanceOf(OutOfDomainException.class);
    }

    @Test
    void aTimelineSummaryIsCutWithoutSplittingAnEmoji() {
        String text = "x".repeat(999) + "😀";
        assertThat(Stored.truncate(text, 1000)).isEqualTo("x".repeat(999));
        assertThat(Stored.truncate("ngắn", 1000)).isEqualTo("ngắn");
    }

    private static IndicatorValue ratio(String numerator, String denominator) {
        return new IndicatorValue.Ratio(new BigDecimal(numerator), new BigDecimal(denominator));
    }
}
