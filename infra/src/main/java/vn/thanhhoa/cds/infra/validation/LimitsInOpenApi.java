package vn.thanhhoa.cds.infra.validation;

import vn.thanhhoa.cds.events.common.Bound;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.events.common.Limits;

import java.lang.annotation.Annotation;
import java.math.BigDecimal;

/** The OpenAPI document shows each {@link Bounded} field's domain: lengths, patterns, ranges and decimals. */
@Component
public class LimitsInOpenApi implements PropertyCustomizer {

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Schema customize(Schema property, AnnotatedType type) {
        Annotation[] annotations = type.getCtxAnnotations();
        if (property == null || annotations == null) {
            return property;
        }
        for (Annotation annotation : annotations) {
            if (annotation instanceof Bounded bounded) {
                describe(property, bounded.value());
            }
        }
        return property;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void describe(Schema schema, Bound bound) {
        switch (bound.shape) {
            case CODE -> schema.maxLength(bound.maxLength).pattern(Limits.CODE_PATTERN);
            case LINE -> schema.maxLength(bound.maxLength).pattern(Limits.LINE_PATTERN);
            case TEXT -> schema.maxLength(bound.maxLength).pattern(Limits.TEXT_PATTERN);
            case NUMBER -> {
                switch (bound) {
                    case COUNT -> schema.minimum(BigDecimal.ZERO).maximum(new BigDecimal(Limits.COUNT_MAX))
                            .multipleOf(BigDecimal.ONE);
                    case POINTS -> schema.minimum(BigDecimal.ZERO).maximum(new BigDecimal(Limits.POINTS_MAX))
                            .multipleOf(BigDecimal.ONE.movePointLeft(Limits.POINTS_DECIMALS));
                    case SHARE -> schema.exclusiveMinimum(true).minimum(BigDecimal.ZERO)
                            .maximum(new BigDecimal(Limits.SHARE_MAX))
                            .multipleOf(BigDecimal.ONE.movePointLeft(Limits.SHARE_DECIMALS));
                    case TARGET_COMMUNES -> schema.minimum(BigDecimal.ZERO)
                            .maximum(BigDecimal.valueOf(Limits.TARGET_COMMUNES_MAX));
                    case YEAR -> schema.minimum(BigDecimal.valueOf(Limits.YEAR_MIN)).maximum(BigDecimal.valueOf(Limits.YEAR_MAX));
                    case DATE -> schema.description("Từ / from " + Limits.DATE_MIN + " đến / to " + Limits.DATE_MAX);
                    default -> {
                    }
                }
            }
        }
    }
}
