package vn.thanhhoa.cds.infra.actor;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The authenticated person and the unit they act for, taken from their identity (a JWT from the province's SSO, or a
 * demo account) — never from the request body or headers. One person may hold several roles.
 *
 * @param subject the identity's subject, recorded on every event the person causes
 * @param roles   what they may do
 * @param unit    the commune, district, agency or province code they act for
 */
public record Actor(String subject, Set<Role> roles, String unit) {
    public Actor {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    public enum Role {
        /** UBND xã: reports and submits for its own commune; reads its own card */
        COMMUNE,
        /** UBND huyện: appraises its own communes; reads them */
        DISTRICT,
        /** Sở TT&TT / Sở KH&CN / UBND tỉnh: frameworks, targets, recognition, the map; reads everything */
        PROVINCE,
        /**
         * the province's department that reviews the appraisals concluded Đạt, inspects on site and proposes communes
         * to the chairman (Sở TT&TT until 2025, Sở KH&CN since); reads everything
         */
        DEPARTMENT,
        /** Ban chỉ đạo: reads every dashboard; writes nothing */
        STEERING,
        /** thanh tra / kiểm toán: reads history; writes nothing */
        AUDITOR,
        /** the platform itself (reference data at first start); never held by a person */
        SYSTEM;

        /** Roles bound to one unit: their identity must name it. */
        public boolean unitBound() {
            return this == COMMUNE || this == DISTRICT;
        }
    }

    private static final List<Role> WRITING = List.of(Role.PROVINCE, Role.DEPARTMENT, Role.DISTRICT, Role.COMMUNE);

    /**
     * The role a command is recorded under: the person's writing role (province over department over district over
     * commune).
     */
    public Optional<Role> writingRole() {
        return WRITING.stream().filter(roles::contains).findFirst();
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /**
     * The province and auditors review the record itself: the history, its integrity, the events waiting in the
     * dead-letter queue, the rebuild of the read models.
     */
    public boolean reviewsTheRecord() {
        return has(Role.PROVINCE) || has(Role.AUDITOR);
    }

    /** Province, its department, steering committee and auditors read every commune and dashboard. */
    public boolean readsEverything() {
        return has(Role.PROVINCE) || has(Role.DEPARTMENT) || has(Role.STEERING) || has(Role.AUDITOR);
    }
}
