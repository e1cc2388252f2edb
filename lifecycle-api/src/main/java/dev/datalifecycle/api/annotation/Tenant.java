package dev.datalifecycle.api.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The attribute that holds the tenant of a record, for hosts that separate tenants themselves rather
 * than through Hibernate's {@code @TenantId} (which the library reads too). Every query the library
 * issues is then restricted to the acting user's tenant.
 *
 * <pre>{@code
 * @Tenant
 * String organisationId;
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface Tenant {
}
