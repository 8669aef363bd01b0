package vn.thanhhoa.cds.infra.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every refused request is logged with who asked, for which unit, and what they asked for, and counted
 * ({@code cds.authorization.denied}, tagged by outcome and reason) so an attack or a misconfigured role shows.
 */
@Component
public class AuthorizationAudit {
    private static final Logger log = LoggerFactory.getLogger("vn.thanhhoa.cds.security.audit");
    private final MeterRegistry meters;
    private final ActorResolver actors;

    public AuthorizationAudit(MeterRegistry meters, ActorResolver actors) {
        this.meters = meters;
        this.actors = actors;
    }

    public void denied(HttpServletRequest request, int status, String reason) {
        String who = "anonymous", unit = "-", roles = "-";
        try {
            var actor = actors.current();
            if (actor.isPresent()) {
                who = actor.get().subject();
                unit = actor.get().unit();
                roles = actor.get().roles().toString();
            }
        } catch (RuntimeException ignored) {
            // an identity too broken to read is logged as anonymous
        }
        log.warn("Từ chối / denied {} {}: actor={} roles={} unit={} target={} {}", status, reason, who, roles, unit,
                request.getMethod(), request.getRequestURI());
        Counter.builder("cds.authorization.denied")
                .description("Requests refused for want of authentication or authority")
                .tag("status", String.valueOf(status)).tag("reason", reason)
                .register(meters).increment();
    }
}
