package vn.thanhhoa.cds.events.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class LimitsTest {

    @Test
    void countsAreWholeNumbersFromZeroToABillionHoweverWritten() {
        assertThat(Limits.isCount(new BigDecimal("0"))).isTrue();
        assertThat(Limits.isCount(new BigDecimal("7690"))).isTrue();
        assertThat(Limits.isCount(new BigDecimal("31.0"))).isTrue();
        assertThat(Limits.isCount(new BigDecimal("3.1E+1"))).isTrue();
        assertThat(Limits.isCount(new BigDecimal("1000000000"))).isTrue();
        assertThat(Limits.isCount(new BigDecimal("1000000001"))).isFalse();
        assertThat(Limits.isCount(new BigDecimal("31.5"))).isFalse();
        assertThat(Limits.isCount(new BigDecimal("-1"))).isFalse();
        assertThat(Limits.isCount(null)).isFalse();
    }

    @Test
    void pointsHaveAtMostTwoDecimalsUpToAThousand() {
        assertThat(Limits.isPoints(new BigDecimal("741.4"))).isTrue();
        assertThat(Limits.isPoints(new BigDecimal("1000.00"))).isTrue();
        assertThat(Limits.isPoints(new BigDecimal("0.125"))).isFalse();
        assertThat(Limits.isPoints(new BigDecimal("1000.01"))).isFalse();
    }

    @Test
    void aTargetShareIsAboveZeroAndAtMostOne() {
        assertThat(Limits.isShare(new BigDecimal("0.8"))).isTrue();
        assertThat(Limits.isShare(new BigDecimal("1.0"))).isTrue();
        assertThat(Limits.isShare(BigDecimal.ZERO)).isFalse();
        assertThat(Limits.isShare(new BigDecimal("1.0001"))).isFalse();
        assertThat(Limits.isShare(new BigDecimal("0.00001"))).isFalse();
    }

    /** The numbers that froze the dashboards: refused by their precision and scale alone, without arithmetic. */
    @Test
    @Timeout(value = 1, unit = TimeUnit.SECONDS)
    void numbersWithHugeExponentsAreRefusedWithoutComputingWithThem() {
        for (String huge : new String[]{"1e-100000000", "1e1000000000", "1e-2147483647", "-1e2147483647", "0e-2147483647",
                "9".repeat(1000), "0." + "0".repeat(998) + "1"}) {
            BigDecimal value = new BigDecimal(huge);
            assertThat(Limits.isCount(value)).as(huge).isFalse();
            assertThat(Limits.isPoints(value)).as(huge).isFalse();
            assertThat(Limits.isShare(value)).as(huge).isFalse();
        }
    }
}
