package vn.thanhhoa.cds.infra.problem;

import vn.thanhhoa.cds.events.common.Rejection;

import java.util.Map;

/**
 * A refusal at the edge (controllers, lookups, security, bounded work), with the HTTP kind it is answered with: a
 * rejection whose reason the web layer chose itself. The domain's rules reject with {@link Rejection} alone.
 */
public class ProblemException extends Rejection {
    private final ProblemKind kind;

    public ProblemException(ProblemKind kind, String code, String field, String messageVi, String messageEn,
                            Map<String, Object> details) {
        super(reasonOf(kind), code, field, messageVi, messageEn, details);
        this.kind = kind;
    }

    public ProblemException(ProblemKind kind, String code, String field, String messageVi, String messageEn) {
        this(kind, code, field, messageVi, messageEn, Map.of());
    }

    private static Reason reasonOf(ProblemKind kind) {
        return switch (kind) {
            case INVALID -> Reason.INVALID;
            case UNAUTHENTICATED, FORBIDDEN -> Reason.NOT_PERMITTED;
            case NOT_FOUND -> Reason.NOT_FOUND;
            case CONFLICT, TOO_MANY -> Reason.CONFLICT;
        };
    }

    public ProblemKind kind() {
        return kind;
    }
}
