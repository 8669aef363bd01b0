package vn.thanhhoa.cds.events.criteria;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One indicator (chỉ tiêu) of a framework.
 *
 * @param code      e.g. "1.1"
 * @param name      Vietnamese name
 * @param nameEn    English name
 * @param measure   RATIO or BOOLEAN
 * @param target    for RATIO: the share to reach (0..1); null for BOOLEAN
 * @param maxPoints points it is worth under a POINTS framework; null under COUNT_MET
 * @param mandatory whether a POINTS framework requires it met to pass
 */
public record Indicator(String code, String name, String nameEn, Measure measure, BigDecimal target,
                        BigDecimal maxPoints, boolean mandatory) {
    public Indicator {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(measure, "measure");
        if (measure == Measure.RATIO && target == null) {
            throw new IllegalArgumentException("ratio indicator " + code + " needs a target");
        }
    }

    public Indicator withMaxPoints(BigDecimal points) {
        return new Indicator(code, name, nameEn, measure, target, points, mandatory);
    }
}
