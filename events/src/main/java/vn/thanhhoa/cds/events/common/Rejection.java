package vn.thanhhoa.cds.events.common;

import java.util.Map;

/**
 * A rule's refusal, in the domain's words: why (the reason), a stable English code, the field at fault, the message in
 * Vietnamese first and in English, and the facts behind it (e.g. the current stage). The domain knows no transport:
 * the edge maps a rejection to problem+json (ProblemAdvice).
 */
public class Rejection extends RuntimeException {
    public enum Reason {
        /** What was asked breaks a rule about its content. */
        INVALID,
        /** The actor may not do this (a role, a unit, a mandate). */
        NOT_PERMITTED,
        /** What it names does not exist. */
        NOT_FOUND,
        /** The record's state does not allow it now. */
        CONFLICT
    }

    private final Reason reason;
    private final String code;
    private final String field;
    private final String messageVi;
    private final Map<String, Object> details;

    public Rejection(Reason reason, String code, String field, String messageVi, String messageEn, Map<String, Object> details) {
        super(messageEn);
        this.reason = reason;
        this.code = code;
        this.field = field;
        this.messageVi = messageVi;
        this.details = details == null ? Map.of() : Map.copyOf(details);
    }

    public Rejection(Reason reason, String code, String field, String messageVi, String messageEn) {
        this(reason, code, field, messageVi, messageEn, Map.of());
    }

    public Reason reason() {
        return reason;
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
