package vn.thanhhoa.cds.infra.actor;

/**
 * The person acting and the unit they act for. Until identity arrives (OIDC), it is read from the request headers
 * {@code X-Actor-Id}, {@code X-Actor-Role} and {@code X-Actor-Unit}.
 */
public record Actor(String subject, Role role, String unit) {

    public enum Role {
        /** UBND xã: reports and submits for its own commune */
        COMMUNE,
        /** UBND huyện: appraises its own communes */
        DISTRICT,
        /** Sở TT&TT / UBND tỉnh: frameworks, targets, recognition */
        PROVINCE,
        /** the platform itself (reference data at first start) */
        SYSTEM
    }
}
