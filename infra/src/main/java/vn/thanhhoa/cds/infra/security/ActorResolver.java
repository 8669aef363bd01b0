package vn.thanhhoa.cds.infra.security;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.events.common.Limits;
import vn.thanhhoa.cds.infra.actor.Actor;
import vn.thanhhoa.cds.events.common.Bound;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the authenticated identity into an {@link Actor}: from a JWT's claims (names configurable: the province's
 * SSO decides them), or from a demo account.
 */
@Component
public class ActorResolver {
    /** The subject is stored with each event and idempotency key (varchar(255)). */
    static final int MAX_SUBJECT = 255;
    private final CdsSecurityProperties properties;

    public ActorResolver(CdsSecurityProperties properties) {
        this.properties = properties;
    }

    public Optional<Actor> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken || !authentication.isAuthenticated()) {
            return Optional.empty();
        }
        if (authentication.getPrincipal() instanceof Jwt jwt) {
            return Optional.of(fromJwt(jwt));
        }
        if (authentication.getPrincipal() instanceof DemoAccounts.DemoUser user) {
            return Optional.of(user.actor());
        }
        if (authentication.getPrincipal() instanceof OidcUser user) {
            return Optional.of(fromClaims(user.getSubject(), user.getClaims()));
        }
        return Optional.empty();
    }

    public Actor require() {
        return current().orElseThrow(() -> new ProblemException(ProblemKind.UNAUTHENTICATED, "UNAUTHENTICATED", null,
                "Cần đăng nhập.", "Authentication is required."));
    }

    /** @throws org.springframework.security.oauth2.jwt.BadJwtException when the token does not say who and for which unit */
    public Actor fromJwt(Jwt jwt) {
        return fromClaims(jwt.getSubject(), jwt.getClaims());
    }

    /**
     * The same person whether the claims came in a bearer token (the API) or in the ID token and user info of a page's
     * sign-in: the same claim names, the same checks.
     *
     * @throws org.springframework.security.oauth2.jwt.BadJwtException when the claims do not say who and for which unit
     */
    public Actor fromClaims(String subject, Map<String, Object> claims) {
        Set<Actor.Role> roles = roles(claims.get(properties.getRolesClaim()));
        Object unitClaim = claims.get(properties.getUnitClaim());
        String unit = unitClaim == null ? null : String.valueOf(unitClaim);
        if (subject == null || subject.isBlank()) {
            throw new org.springframework.security.oauth2.jwt.BadJwtException("token without a subject");
        }
        if (roles.isEmpty()) {
            throw new org.springframework.security.oauth2.jwt.BadJwtException("token without a known role in claim " + properties.getRolesClaim());
        }
        if (unit == null || unit.isBlank()) {
            throw new org.springframework.security.oauth2.jwt.BadJwtException("token without the unit claim " + properties.getUnitClaim());
        }
        // both are recorded on every event the person causes: bounded and printable like any other input
        if (subject.length() > MAX_SUBJECT || !subject.matches(Limits.LINE_PATTERN)
                || Bound.CODE.check(unit.trim()) != null) {
            throw new org.springframework.security.oauth2.jwt.BadJwtException("token whose subject or unit is malformed");
        }
        return new Actor(subject, roles, unit.trim());
    }

    private static Set<Actor.Role> roles(Object claim) {
        Collection<?> values = claim instanceof Collection<?> c ? c : claim instanceof String s ? List.of(s.split("[ ,]+")) : List.of();
        Set<Actor.Role> roles = EnumSet.noneOf(Actor.Role.class);
        for (Object value : values) {
            // exactly as documented: "province" or "ROLE_PROVINCE" is no role of the platform
            String name = String.valueOf(value);
            for (Actor.Role role : Actor.Role.values()) {
                if (role != Actor.Role.SYSTEM && role.name().equals(name)) {
                    roles.add(role);
                }
            }
        }
        return roles;
    }
}
