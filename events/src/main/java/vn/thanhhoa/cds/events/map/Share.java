package vn.thanhhoa.cds.events.map;

/** How much of a predecessor's territory went to a successor (the lineage's "share"). */
public enum Share {
    /** the whole predecessor became part of the successor */
    FULL,
    /** the predecessor continues as the successor, territory unchanged (new identity, often a new parent) */
    UNCHANGED,
    /** part of a split predecessor; the source does not say which villages */
    PARTIAL,
    /** what was left of a split predecessor after its partial shares */
    REMAINDER;

    /**
     * Whether the successor steps into the predecessor's place — finishes and answers for its records — as
     * {@link Succession} reads the map: it took the predecessor whole, or kept what remained of it after a split.
     */
    public boolean successorStepsIn() {
        return this != PARTIAL;
    }
}
