package vn.thanhhoa.cds.infra.validation;

import vn.thanhhoa.cds.events.common.Bound;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A request field within its domain: {@code @Bounded(Bound.TITLE) String title}. Checked by Bean Validation when the
 * request is read ({@code @Valid @RequestBody}), before any command is sent; refused as 422 naming the field.
 */
@Documented
@Constraint(validatedBy = Bounded.Check.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Bounded {
    Bound value();

    String message() default "OUT_OF_DOMAIN";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<Bounded, Object> {
        private Bound bound;

        @Override
        public void initialize(Bounded annotation) {
            bound = annotation.value();
        }

        @Override
        public boolean isValid(Object value, ConstraintValidatorContext context) {
            Bound.Reason reason = bound.check(value);
            if (reason == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(reason.name()).addConstraintViolation();
            return false;
        }
    }
}
