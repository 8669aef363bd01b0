package vn.thanhhoa.cds.infra.validation;

import vn.thanhhoa.cds.events.common.Bound;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.constraints.Size;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.validation.FieldError;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import vn.thanhhoa.cds.infra.problem.ProblemAdvice;

import java.lang.annotation.Annotation;
import java.util.Map;

/** A Bean Validation refusal as a 422 problem naming the field, in the words of its {@link Bound}. */
public final class Violations {
    private Violations() {
    }

    public static ProblemDetail problem(FieldError error) {
        return problem(error.getField(), error);
    }

    /** A path variable or a query parameter out of its domain (or, with one, a body). */
    public static ProblemDetail problem(HandlerMethodValidationException e) {
        return e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> {
                    Annotation constraint;
                    try {
                        constraint = result.unwrap(error, ConstraintViolation.class).getConstraintDescriptor().getAnnotation();
                    } catch (IllegalArgumentException notFromBeanValidation) {
                        constraint = null;
                    }
                    return problem(error instanceof FieldError field ? field.getField() : result.getMethodParameter().getParameterName(),
                            error, constraint);
                }))
                .findFirst()
                .orElseGet(() -> invalid("body"));
    }

    /**
     * A violation found outside a request body (e.g. a row of an imported sheet), in the words its problem would have:
     * the code, the message in Vietnamese and in English.
     */
    public static String[] message(ConstraintViolation<?> violation, String field) {
        ProblemDetail problem = problem(field, violation.getMessage(), violation.getConstraintDescriptor().getAnnotation());
        Map<String, Object> properties = problem.getProperties() == null ? Map.of() : problem.getProperties();
        return new String[]{String.valueOf(properties.get("code")), problem.getDetail(), String.valueOf(properties.get("detailEn"))};
    }

    private static ProblemDetail problem(String field, MessageSourceResolvable error) {
        return problem(field, error, constraint(error));
    }

    private static ProblemDetail problem(String field, MessageSourceResolvable error, Annotation constraint) {
        return problem(field, error.getDefaultMessage(), constraint);
    }

    private static ProblemDetail problem(String field, String reason, Annotation constraint) {
        if (constraint instanceof Bounded bounded) {
            String[] message = bounded.value().message(Bound.Reason.valueOf(reason), field);
            return ProblemAdvice.body(HttpStatus.UNPROCESSABLE_ENTITY, message[0], field, message[1], message[2], Map.of());
        }
        if (constraint instanceof Size size) {
            return ProblemAdvice.body(HttpStatus.UNPROCESSABLE_ENTITY, "TOO_MANY_ITEMS", field,
                    "Trường '" + field + "' có quá " + size.max() + " mục.",
                    "Field '" + field + "' has more than " + size.max() + " items.", Map.of());
        }
        return invalid(field);
    }

    private static Annotation constraint(MessageSourceResolvable error) {
        try {
            if (error instanceof FieldError fieldError && fieldError.contains(ConstraintViolation.class)) {
                return fieldError.unwrap(ConstraintViolation.class).getConstraintDescriptor().getAnnotation();
            }
        } catch (IllegalArgumentException ignored) {
            // not from Bean Validation
        }
        return null;
    }

    private static ProblemDetail invalid(String field) {
        return ProblemAdvice.body(HttpStatus.UNPROCESSABLE_ENTITY, "INVALID_FIELD", field,
                "Trường '" + field + "' không hợp lệ.", "Field '" + field + "' is invalid.", Map.of());
    }
}
