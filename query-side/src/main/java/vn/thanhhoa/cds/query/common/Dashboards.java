package vn.thanhhoa.cds.query.common;

/** The processing group of every read model here: one tracking processor, so one order of events, one token. */
public final class Dashboards {
    public static final String GROUP = "dashboards";

    private Dashboards() {
    }
}
