package vn.thanhhoa.cds.events.targets;

/** Where the per-district split of a yearly target comes from. */
public enum TargetAllocation {
    /** the decision's annex gives each district's number */
    OFFICIAL_ANNEX,
    /** the annex is not available: split in proportion to the districts' commune counts (largest remainder) */
    PROPORTIONAL_TO_COMMUNE_COUNT
}
