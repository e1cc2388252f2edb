package dev.datalifecycle.api.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that a plain attribute holds the id of another entity without being mapped as an
 * association ({@code Long customerId}), so that deleting that entity takes it into account. The rule
 * is RESTRICT unless {@link WhenDeleted} says otherwise.
 *
 * <pre>{@code
 * @References(Customer.class)
 * @WhenDeleted(DeleteRule.DETACH)
 * Long customerId;
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface References {

    /** The referenced entity class. */
    Class<?> value();
}
