package vn.thanhhoa.cds.infra.problem;

import java.util.Map;

/**
 * A refusal with everything a problem+json body needs: a stable English code, the field at fault, a Vietnamese
 * message first and an English one second, and extra facts (e.g. the current stage). Thrown at the edge (controllers,
 * lookups, security); the domain's rules reject with {@link vn.thanhhoa.cds.events.common.Rejection} instead.
 */
public class ProblemException extends RuntimeException {
    private final ProblemKind kind;
    private final String code;
    private final String field;
    private final String messageVi;
    private final Map<String, Object> details;

    public ProblemException(ProblemKind kind, String code, String field, String messageVi, String messageEn,
                            Map<String, Object> details) {
        super(messageEn);
        this.kind = kind;
        this.code = code;
        this.field = field;
        this.messageVi = messageVi;
        this.details = details == null ? Map.of() : Map.copyOf(details);
    }

    public ProblemException(ProblemKind kind, String code, String field, String messageVi, String messageEn) {
        this(kind, code, field, messageVi, messageEn, Map.of());
    }

    public ProblemKind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }

    public String messageVi() {
        return messageVi;
    }

    public String messageEn() {
        return getMessage();
    }

    public Map<String, Object> details() {
        return details;
    }
}
