package dev.datalifecycle.api.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The attribute that holds the owning user of a record (a plain id or a {@code @ManyToOne} to the
 * user entity): owners may delete and restore their records, and off-boarding transfers them.
 *
 * <pre>{@code
 * @Owner
 * String ownerId;
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface Owner {
}
