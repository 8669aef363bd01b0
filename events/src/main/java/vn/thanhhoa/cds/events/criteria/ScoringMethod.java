package vn.thanhhoa.cds.events.criteria;

/** How a framework turns indicator results into a verdict. */
public enum ScoringMethod {
    /** counts indicators met (the 2022 framework: Cành Nàng 27/30) */
    COUNT_MET,
    /** sums points on a 1,000-point scale (Decision 1829/QĐ-UBND of 30/05/2023) */
    POINTS
}
