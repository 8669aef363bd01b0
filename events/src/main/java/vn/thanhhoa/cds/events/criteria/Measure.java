package vn.thanhhoa.cds.events.criteria;

/** How an indicator is measured. */
public enum Measure {
    /** a share: numerator / denominator, compared with the indicator's target (e.g. 31/31 officials) */
    RATIO,
    /** a yes/no fact (e.g. "has a public Wi-Fi point") */
    BOOLEAN
}
