package vn.thanhhoa.cds.events.common;

import java.time.Instant;
import java.util.Objects;

/**
 * Who caused an event, for which unit, and when. The person is referenced by the subject of their identity, never by
 * name or contact data: events are kept forever.
 *
 * @param subject the authenticated subject (user id) who acted
 * @param role    the role they acted in (COMMUNE, DISTRICT, PROVINCE, SYSTEM)
 * @param unit    the code of the unit they acted for (commune, district or province code)
 * @param at      when the command was accepted
 */
public record ActedBy(String subject, String role, String unit, Instant at) {
    public ActedBy {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(at, "at");
    }

    /** The platform itself, e.g. loading reference data at first start. */
    public static ActedBy system(String provinceCode, Instant at) {
        return new ActedBy("system", "SYSTEM", provinceCode, at);
    }
}
