package vn.thanhhoa.cds.events.criteria;

import org.junit.jupiter.api.Test;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.common.DocumentRef;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A framework's points over time: the points in force on a day are those the decisions taken by then set. */
class FrameworkVersionsTest {
    private static final ActedBy PROVINCE = new ActedBy("so-tttt", "PROVINCE", "38", Instant.parse("2023-07-01T03:00:00Z"));
    private static final CriteriaFramework PUBLISHED = new CriteriaFramework("TH-THU", "Bộ tiêu chí thử", "QĐ thử", 2023,
            ScoringMethod.POINTS, new PassRule(null, new BigDecimal("50"), false, ""), List.of(new Pillar("1", "Chính quyền số",
            "Digital government", List.of(
                    new Indicator("1.1", "Thư điện tử công vụ", "Official e-mail", Measure.RATIO, BigDecimal.ONE, new BigDecimal("40"), false),
                    new Indicator("1.2", "Một cửa điện tử", "Electronic one-stop shop", Measure.BOOLEAN, null, new BigDecimal("60"), false)))));

    private static FrameworkPointsAmended amendment(String indicator, String before, String after) {
        return new FrameworkPointsAmended(PUBLISHED.id(), List.of(new FrameworkPointsAmended.PointChange(indicator,
                new BigDecimal(before), new BigDecimal(after))), DocumentRef.of("1/QĐ", null), "đính chính", PROVINCE);
    }

    private static BigDecimal points(CriteriaFramework framework, String indicator) {
        return framework.indicator(indicator).orElseThrow().maxPoints();
    }

    @Test
    void thePointsInForceOnADayAreThoseOfTheDecisionsTakenByThen() {
        FrameworkVersions versions = FrameworkVersions.of(PUBLISHED)
                .amended("a", amendment("1.1", "40", "25"), LocalDate.of(2023, 7, 1))
                .amended("b", amendment("1.2", "60", "75"), LocalDate.of(2023, 9, 1));

        assertThat(versions.versionOn(LocalDate.of(2023, 6, 30))).isZero();
        assertThat(points(versions.inForceOn(LocalDate.of(2023, 6, 30)), "1.1")).isEqualByComparingTo("40");
        assertThat(points(versions.inForceOn(LocalDate.of(2023, 7, 1)), "1.1")).isEqualByComparingTo("25");
        assertThat(points(versions.inForceOn(LocalDate.of(2023, 7, 1)), "1.2")).isEqualByComparingTo("60");
        assertThat(versions.current()).isEqualTo(versions.inForceOn(LocalDate.of(2024, 1, 1)));
        assertThat(points(versions.current(), "1.2")).isEqualByComparingTo("75");
        assertThat(versions.current()).isEqualTo(PUBLISHED.amendedBy(amendment("1.1", "40", "25"))
                .amendedBy(amendment("1.2", "60", "75")));
    }

    /** A decision recorded later but dated earlier counts from its date; where two set one indicator, the later recorded wins. */
    @Test
    void aBackDatedAmendmentCountsFromItsDecision() {
        FrameworkVersions versions = FrameworkVersions.of(PUBLISHED)
                .amended("a", amendment("1.1", "40", "25"), LocalDate.of(2023, 9, 1))
                .amended("b", amendment("1.1", "25", "30"), LocalDate.of(2023, 7, 1));

        assertThat(points(versions.inForceOn(LocalDate.of(2023, 8, 1)), "1.1")).isEqualByComparingTo("30");
        assertThat(points(versions.current(), "1.1")).isEqualByComparingTo("30");
        assertThat(versions.versionOn(LocalDate.of(2023, 8, 1))).isEqualTo(1);
    }

    @Test
    void theSameAmendmentAgainChangesNothing() {
        FrameworkVersions once = FrameworkVersions.of(PUBLISHED).amended("a", amendment("1.1", "40", "25"), LocalDate.of(2023, 7, 1));

        assertThat(once.amended("a", amendment("1.1", "40", "25"), LocalDate.of(2023, 7, 1))).isEqualTo(once);
        assertThat(once.latest()).isEqualTo(1);
    }
}
