package vn.thanhhoa.cds.events.criteria;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * A value reported for an indicator: a ratio, a yes/no fact, or "đang triển khai" (in progress, no value yet).
 * Stored in events with a "measure" discriminator so auditors read it as written.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "measure")
@JsonSubTypes({
        @JsonSubTypes.Type(value = IndicatorValue.Ratio.class, name = "RATIO"),
        @JsonSubTypes.Type(value = IndicatorValue.YesNo.class, name = "BOOLEAN"),
        @JsonSubTypes.Type(value = IndicatorValue.InProgress.class, name = "IN_PROGRESS")})
public sealed interface IndicatorValue {

    /** e.g. 4,850 of 7,690 residents; or a share stated as a percentage, 75 of 100 */
    record Ratio(BigDecimal numerator, BigDecimal denominator) implements IndicatorValue {
        public BigDecimal share() {
            return numerator.divide(denominator, MathContext.DECIMAL64);
        }
    }

    record YesNo(boolean value) implements IndicatorValue {
    }

    /** Đang triển khai: work has started, there is no value to measure yet. */
    record InProgress() implements IndicatorValue {
    }
}
