package vn.thanhhoa.cds.events.criteria;

import java.math.BigDecimal;

/** Counts and points of one pillar. Points are zero under a COUNT_MET framework. */
public record PillarScore(String code, String name, String nameEn, int indicators, int met, int inProgress,
                          int notMet, int notAssessed, BigDecimal points, BigDecimal maxPoints) {
}
