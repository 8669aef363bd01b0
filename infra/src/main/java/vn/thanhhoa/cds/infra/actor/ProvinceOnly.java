package vn.thanhhoa.cds.infra.actor;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An endpoint only the province may call: refused with 403 {@code PROVINCE_ONLY} before its body is read, so that a
 * person without the role learns nothing from how a request is checked (authorization first, everywhere). The
 * aggregates check again.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface ProvinceOnly {
}
