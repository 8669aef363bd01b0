package vn.thanhhoa.cds.events.criteria;

import java.math.BigDecimal;

/** What one indicator's value earns under a framework. */
public record IndicatorResult(String code, IndicatorStatus status, BigDecimal points) {
}
