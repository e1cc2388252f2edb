package dev.datalifecycle.api.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The attribute that names a record in the recycle bin ("Acme Ltd"), a single-column text attribute
 * of the entity's own table. The delete reads it in the statement that records the deletion; a purge
 * erases it, since a name is personal data. Without it a deletion is listed by type and counts alone.
 *
 * <pre>{@code
 * @BinLabel
 * String name;
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface BinLabel {
}
