package vn.thanhhoa.cds.command.assessment;

import vn.thanhhoa.cds.events.common.Limits;
import vn.thanhhoa.cds.events.criteria.CriteriaFramework;
import vn.thanhhoa.cds.events.criteria.Indicator;
import vn.thanhhoa.cds.events.criteria.IndicatorValue;
import vn.thanhhoa.cds.events.criteria.Measure;
import vn.thanhhoa.cds.events.common.Rejection;

/**
 * A value must fit its indicator's definition: a known indicator code, the right measure type (a ratio for a RATIO
 * indicator, yes/no for a BOOLEAN one; "in progress" fits either), and for a ratio: non-negative, a positive
 * denominator, numerator ≤ denominator — two counts within {@link Limits}, checked before any arithmetic.
 */
public final class IndicatorValuePolicy {
    private IndicatorValuePolicy() {
    }

    public static Indicator check(CriteriaFramework framework, String indicatorCode, IndicatorValue value) {
        Indicator indicator = framework.indicator(indicatorCode).orElseThrow(() -> new Rejection(
                Rejection.Reason.NOT_FOUND, "UNKNOWN_INDICATOR", "indicatorCode",
                "Không có chỉ tiêu " + indicatorCode + " trong bộ tiêu chí " + framework.id() + ".",
                "No indicator " + indicatorCode + " in framework " + framework.id() + "."));
        if (value == null) {
            throw invalid("MISSING_VALUE", "value", "Thiếu giá trị.", "A value is required.");
        }
        if (value instanceof IndicatorValue.Ratio ratio) {
            if (indicator.measure() != Measure.RATIO) {
                throw wrongMeasure(indicator);
            }
            if (ratio.numerator() == null || ratio.denominator() == null) {
                throw invalid("MISSING_VALUE", ratio.numerator() == null ? "value.numerator" : "value.denominator",
                        "Tỷ lệ cần cả tử số và mẫu số.", "A ratio needs a numerator and a denominator.");
            }
            requireCount(ratio.numerator(), "value.numerator");
            requireCount(ratio.denominator(), "value.denominator");
            if (ratio.numerator().signum() < 0 || ratio.denominator().signum() < 0) {
                throw invalid("NEGATIVE_VALUE", ratio.numerator().signum() < 0 ? "value.numerator" : "value.denominator",
                        "Giá trị không được âm.", "Values cannot be negative.");
            }
            if (ratio.denominator().signum() == 0) {
                throw invalid("ZERO_DENOMINATOR", "value.denominator", "Mẫu số phải lớn hơn 0.",
                        "The denominator must be greater than 0.");
            }
            if (ratio.numerator().compareTo(ratio.denominator()) > 0) {
                throw invalid("NUMERATOR_EXCEEDS_DENOMINATOR", "value.numerator",
                        "Tử số (" + ratio.numerator().toPlainString() + ") không được lớn hơn mẫu số ("
                                + ratio.denominator().toPlainString() + ").",
                        "The numerator cannot exceed the denominator.");
            }
        } else if (value instanceof IndicatorValue.YesNo && indicator.measure() != Measure.BOOLEAN) {
            throw wrongMeasure(indicator);
        }
        return indicator;
    }

    /** Sign first, so that -5 is told it is negative; then size and decimals, from precision and scale alone. */
    private static void requireCount(java.math.BigDecimal value, String field) {
        if (value.signum() >= 0 && !Limits.isCount(value)) {
            throw invalid("NOT_A_COUNT", field,
                    "Giá trị phải là số nguyên từ 0 đến 1.000.000.000.",
                    "The value must be a whole number from 0 to 1,000,000,000.");
        }
    }

    private static Rejection wrongMeasure(Indicator indicator) {
        return invalid("WRONG_MEASURE", "value.measure",
                "Chỉ tiêu " + indicator.code() + " đo bằng " + (indicator.measure() == Measure.RATIO ? "tỷ lệ (tử số/mẫu số)" : "có/không") + ".",
                "Indicator " + indicator.code() + " is measured as " + indicator.measure() + ".");
    }

    private static Rejection invalid(String code, String field, String vi, String en) {
        return new Rejection(Rejection.Reason.INVALID, code, field, vi, en);
    }
}
