package vn.thanhhoa.cds.events.criteria;

import java.math.BigDecimal;

/**
 * What a commune needs to pass (Đạt).
 *
 * @param minMet          under COUNT_MET: indicators that must be met; null otherwise
 * @param minPoints       under POINTS: points needed; null otherwise
 * @param allMandatoryMet under POINTS: every mandatory indicator must be met too
 * @param note            the source's caveat, kept with the rule
 */
public record PassRule(Integer minMet, BigDecimal minPoints, boolean allMandatoryMet, String note) {
}
